// SPDX-License-Identifier: GPL-2.0
/*
 * faultinj_vm.c - the fault-injection walk against the kernel module: the
 * scenario of faultinj_scenario.h over /dev/pymm, with
 * /sys/module/pymm/parameters/fail_nth = 1, 2, 3 ... until a run completes
 * without the armed failure firing.  Each run must give the caller a clean
 * error (the first failing op: -ENOMEM with MemoryError; any later one some
 * -errno, never a transport failure), leave "fi" verifying and working, and
 * give back every byte once its heaps are destroyed (/proc/pymm/summary
 * bytes_held and arenas back to where they started).
 *
 *   faultinj_vm [-m MAX_STEPS] [-o N (run step N only)]
 *
 * Prints "faultinj_vm: N failure points, ..." ; exit 0 pass, 1 fail, 4 skip.
 */
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>

#include "pymm_dev.h"

typedef uint32_t u32;
typedef uint64_t u64;

#define NH	64
#define PARAM	"/sys/module/pymm/parameters/fail_nth"

struct run {
	int fd;
	u64 h[NH];
	unsigned int ops, failed;
	int first_err;
	u32 first_exc, first_code;
	bool bad;
};

static char out[1 << 16];

static int exec(struct run *r, u32 code, u32 flags, u64 a0, u64 a1, u64 a2,
		const void *d, u32 len, u64 *ret)
{
	struct pymm_op op = {
		.code = code, .flags = flags, .arg = { a0, a1, a2 },
		.data = (uintptr_t)(d ? d : (len ? out : NULL)), .data_len = len,
	};
	int err;

	r->ops++;
	if (ioctl(r->fd, PYMM_IOC_OP, &op)) {
		fprintf(stderr, "op %u: ioctl failed: %s\n", code, strerror(errno));
		r->bad = true;
		err = -errno;
	} else {
		err = op.error;
		if (err > 0 || err < -4095 || op.exc >= PYMM_EXC_MAX) {
			fprintf(stderr, "op %u: bad result %d exc %u\n", code, err, op.exc);
			r->bad = true;
		}
	}
	if (err && !r->failed++) {
		r->first_err = err;
		r->first_exc = op.exc;
		r->first_code = code;
	}
	if (ret)
		*ret = err ? 0 : op.ret[0];
	return err;
}

#define X(code, ...)	exec(r, PYMM_OP_##code, __VA_ARGS__)
#include "faultinj_scenario.h"

static int param_write(unsigned int n)
{
	FILE *f = fopen(PARAM, "w");

	if (!f)
		return -1;
	fprintf(f, "%u\n", n);
	return fclose(f);
}

static int param_read(void)
{
	FILE *f = fopen(PARAM, "r");
	int n = -1;

	if (!f || fscanf(f, "%d", &n) != 1)
		n = -1;
	if (f)
		fclose(f);
	return n;
}

static int failures;

#define EXPECT(cond, ...) do { if (!(cond)) { failures++; \
	fprintf(stderr, "  n=%u: ", n); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

static bool walk_one(unsigned int n, unsigned int *absorbed)
{
	struct run run0, *r = &run0;
	bool fired;
	int err;
	u64 h;

	memset(r, 0, sizeof(*r));
	r->fd = dev_open();
	if (r->fd < 0) {
		perror("/dev/pymm");
		exit(1);
	}
	if (param_write(n)) {
		perror(PARAM);
		exit(1);
	}
	scenario(r);
	fired = param_read() == 0;
	param_write(0);
	EXPECT(!r->bad, "an op broke the error contract");
	if (fired && r->failed) {
		EXPECT(r->first_err == -ENOMEM && r->first_exc == PYMM_EXC_MEMORY_ERROR,
		       "first failure: op %u -> %d exc %u (want -ENOMEM, MemoryError)",
		       r->first_code, r->first_err, r->first_exc);
	} else if (fired) {
		(*absorbed)++;
	} else {
		EXPECT(!r->failed, "unfailed scenario: op %u -> %d", r->first_code, r->first_err);
	}
	close(r->fd);

	/* afresh: the heap verifies and works */
	memset(r, 0, sizeof(*r));
	r->fd = dev_open();
	err = X(HEAP_ATTACH, 0, 0, 0, 0, "fi", 3, NULL);
	if (err == -ENOENT)
		err = X(HEAP_ATTACH, 0, 0, 0, 0, PYMM_DEFAULT_HEAP, sizeof(PYMM_DEFAULT_HEAP), NULL);
	EXPECT(!err, "attach after the run: %d", err);
	EXPECT(!(err = X(HEAP_VERIFY, 0, 0, 0, 0, NULL, 0, NULL)), "HEAP_VERIFY: %d", err);
	EXPECT(!(err = X(NEW_STR, 0, 0, 0, 0, "after", 5, &h)), "new object after: %d", err);
	EXPECT(!(err = X(GC_COLLECT, 0, 2, 0, 0, NULL, 0, NULL)), "collect after: %d", err);
	EXPECT(!(err = X(HEAP_VERIFY, 0, 0, 0, 0, NULL, 0, NULL)), "HEAP_VERIFY 2: %d", err);
	X(HEAP_ATTACH, 0, 0, 0, 0, PYMM_DEFAULT_HEAP, sizeof(PYMM_DEFAULT_HEAP), NULL);
	X(HEAP_DESTROY, 0, 0, 0, 0, "fi", 3, NULL);
	X(HEAP_DESTROY, 0, 0, 0, 0, "fi2", 4, NULL);
	close(r->fd);
	return fired;
}

int main(int argc, char **argv)
{
	unsigned int n, max = 2000, only = 0, absorbed = 0;
	long long held0, arenas0, held1, arenas1;
	int opt, fd;

	while ((opt = getopt(argc, argv, "m:o:")) != -1) {
		if (opt == 'm')
			max = atoi(optarg);
		else if (opt == 'o')
			only = atoi(optarg);
		else
			return 2;
	}
	if (access("/dev/pymm", R_OK | W_OK) || access(PARAM, W_OK)) {
		printf("SKIP: no /dev/pymm or %s not writable\n", PARAM);
		return 4;
	}
	/* the default heap first, so that the baseline includes it */
	fd = dev_open();
	dev_name_op(fd, PYMM_OP_HEAP_ATTACH, PYMM_DEFAULT_HEAP, 0);
	close(fd);
	held0 = dev_summary("bytes_held");
	arenas0 = dev_summary("arenas");
	if (only) {
		walk_one(only, &absorbed);
		n = only + 1;
	} else {
		for (n = 1; n <= max; n++)
			if (!walk_one(n, &absorbed))
				break;
		if (n > max) {
			failures++;
			fprintf(stderr, "the walk did not end within %u steps\n", max);
		}
	}
	held1 = dev_summary("bytes_held");
	arenas1 = dev_summary("arenas");
	if (held1 != held0 || arenas1 != arenas0) {
		failures++;
		fprintf(stderr, "not everything given back: bytes_held %lld -> %lld, arenas %lld -> %lld\n",
			held0, held1, arenas0, arenas1);
	}
	printf("faultinj_vm: %u failure points, %u runs, %u failures absorbed, %d problems\n",
	       n - 1, n, absorbed, failures);
	return failures ? 1 : 0;
}
