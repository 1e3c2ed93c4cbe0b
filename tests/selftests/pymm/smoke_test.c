// SPDX-License-Identifier: GPL-2.0
/*
 * smoke_test - the cheapest checks that pymm.ko is loaded and speaks the ABI
 * this tree was built with: /dev/pymm answers PYMM_IOC_VERSION with the
 * header's numbers, refuses unknown ioctls with ENOTTY, and /proc/pymm is
 * there.  Everything else builds on these, so they run first.
 *
 * Without /dev/pymm the module is not loaded: that is a SKIP (exit 4), not a
 * failure, as kselftest asks of tests whose feature is absent.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "pymm.h"

#define DEV_PATH	"/dev/" PYMM_DEVICE_NAME
#define PROC_PATH	"/proc/pymm"

static int open_dev(struct __test_metadata *_metadata)
{
	int fd = open(DEV_PATH, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		TH_LOG("open %s: %s", DEV_PATH, strerror(errno));
	return fd;
}

TEST(version_matches_header)
{
	struct pymm_ioc_version v;
	int fd = open_dev(_metadata);

	ASSERT_LE(0, fd);
	/* poison: a handler that copies nothing out must not pass */
	memset(&v, 0xa5, sizeof(v));
	ASSERT_EQ(0, ioctl(fd, PYMM_IOC_VERSION, &v)) {
		TH_LOG("PYMM_IOC_VERSION: %s", strerror(errno));
	}
	EXPECT_EQ((__u32)PYMM_ABI_VERSION, v.abi_version);
	EXPECT_EQ(sizeof(struct pymm_op), v.op_size);
	EXPECT_EQ(0, v.reserved);
	EXPECT_LE((__u32)PYMM_OP_HEAP_CREATE, v.op_max);
	EXPECT_GE((__u32)PYMM_OP_MAX, v.op_max);
	close(fd);
}

TEST(version_rejects_bad_pointer)
{
	int fd = open_dev(_metadata);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ioctl(fd, PYMM_IOC_VERSION, NULL));
	EXPECT_EQ(EFAULT, errno);
	close(fd);
}

TEST(unknown_ioctl_enotty)
{
	/* unused number in our magic, our number with the wrong size, a
	 * foreign magic, and a plain TCGETS (isatty() must say "no")
	 */
	const unsigned long cmds[] = {
		_IO(PYMM_IOC_MAGIC, 0x7f),
		_IOR(PYMM_IOC_MAGIC, 0x00, __u64),
		_IOWR(PYMM_IOC_MAGIC, 0x01, struct pymm_batch),
		_IO('x', 0x01),
	};
	unsigned char buf[256] = { 0 };
	unsigned int i;
	int fd = open_dev(_metadata);

	ASSERT_LE(0, fd);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		errno = 0;
		EXPECT_EQ(-1, ioctl(fd, cmds[i], buf)) {
			TH_LOG("ioctl 0x%lx succeeded", cmds[i]);
		}
		EXPECT_EQ(ENOTTY, errno) {
			TH_LOG("ioctl 0x%lx: errno %d (%s)", cmds[i], errno, strerror(errno));
		}
	}
	EXPECT_EQ(0, isatty(fd));
	close(fd);
}

TEST(proc_dir_exists)
{
	struct stat st;

	ASSERT_EQ(0, stat(PROC_PATH, &st)) {
		TH_LOG("stat %s: %s", PROC_PATH, strerror(errno));
	}
	EXPECT_TRUE(S_ISDIR(st.st_mode));
}

int main(int argc, char **argv)
{
	if (access(DEV_PATH, F_OK) != 0) {
		ksft_print_header();
		ksft_exit_skip("%s absent: pymm.ko is not loaded\n", DEV_PATH);
	}
	return test_harness_run(argc, argv);
}
