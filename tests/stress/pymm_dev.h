/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pymm_dev.h - the few /dev/pymm helpers the VM stress, fault-injection and
 * isolation programs share (header-only: each program is one .c file that
 * builds with a plain "cc -O2 -pthread -Imodule/uapi").
 */
#ifndef PYMM_TESTS_DEV_H
#define PYMM_TESTS_DEV_H

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "pymm.h"

/*
 * Drops this process to uid and gid id, with no supplementary groups (root
 * only): 0, or -1 with the reason on stderr.
 */
static inline int dev_become(unsigned int id)
{
	if (setgroups(0, NULL) || setresgid(id, id, id) || setresuid(id, id, id)) {
		perror("drop privileges");
		return -1;
	}
	return 0;
}

static inline int dev_open(void)
{
	return open("/dev/pymm", O_RDWR | O_CLOEXEC);
}

/*
 * One op.  Returns op->error (0 or -errno), or -1000 - errno when the ioctl
 * itself failed (the transport refused it: a finding for well-formed ops).
 */
static inline int dev_op(int fd, uint32_t code, uint32_t flags, uint64_t a0, uint64_t a1,
			 uint64_t a2, void *data, uint32_t len, uint64_t *ret0)
{
	struct pymm_op op = {
		.code = code, .flags = flags, .arg = { a0, a1, a2 },
		.data = (uintptr_t)data, .data_len = len,
	};

	if (ioctl(fd, PYMM_IOC_OP, &op))
		return -1000 - errno;
	if (ret0)
		*ret0 = op.error ? 0 : op.ret[0];
	return op.error;
}

static inline int dev_name_op(int fd, uint32_t code, const char *name, uint64_t a0)
{
	char buf[PYMM_HEAP_NAME_MAX];

	memset(buf, 0, sizeof(buf));
	snprintf(buf, sizeof(buf), "%s", name);
	return dev_op(fd, code, 0, a0, 0, 0, buf, strlen(buf) + 1, NULL);
}

static inline int dev_verify(int fd)
{
	return dev_op(fd, PYMM_OP_HEAP_VERIFY, 0, 0, 0, 0, NULL, 0, NULL);
}

/* a /proc/pymm/summary field, or -1 */
static inline long long dev_summary(const char *key)
{
	FILE *f = fopen("/proc/pymm/summary", "r");
	char k[64];
	long long v, ret = -1;

	if (!f)
		return -1;
	while (fscanf(f, "%63s %lli%*[^\n]", k, &v) == 2)
		if (!strcmp(k, key))
			ret = v;
	fclose(f);
	return ret;
}

#endif /* PYMM_TESTS_DEV_H */
