// SPDX-License-Identifier: GPL-2.0
/*
 * bench_vm.c - runs in the VM guest with pymm.ko loaded: what one pymm
 * operation costs through each front end, against a null system call.
 *
 *   null syscall     syscall(SYS_getppid): the floor of any kernel entry
 *   ioctl VERSION    PYMM_IOC_VERSION: a near-null ioctl on /dev/pymm (no
 *                    lock, one 16-byte copy_to_user)
 *   ioctl OP         one PYMM_IOC_OP per operation
 *   ioctl BATCH      PYMM_IOC_BATCH of n operations (1, 16, 256, 4096)
 *   netlink          one PYMM_CMD_OP request + reply per operation
 *                    (userspace/lib/nl.c, libnl-genl)
 *   local            the core linked into this process (libpymmcore.a): the
 *                    same ops with no kernel at all, for scale
 *
 * Operations: NOP (op table + client lock), REFCOUNT of a live handle
 * (client and heap locks, a handle lookup, the collector's safe point),
 * NEW_INT + CLOSE (an object made and freed, two ops).
 *
 * Output: "result KEY PICOSECONDS-PER-OP" lines, median of --reps runs,
 * which tests/bench/report.py reads.  No figure is asserted.
 *
 * usage: bench_vm [--iters N] [--reps R] [--no-netlink] [--batch-only]
 * (--batch-only: just REFCOUNT x 4096 batches, iters of them, for perf)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "../../userspace/lib/pymm_client.h"
#include "../../userspace/lib/nl.h"

static unsigned int iters = 100000;
static unsigned int reps = 5;

#define MAX_REPS	15
#define BATCH_MAX	4096

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static uint64_t median(uint64_t *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_u64);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void result(const char *key, uint64_t ps)
{
	printf("result %s %llu\n", key, (unsigned long long)ps);
	fflush(stdout);
}

/* the fastest repetition of the last TIME_PS (see pymm_bench.ko's result_v) */
static uint64_t last_min;

static void result2(const char *key, uint64_t ps)
{
	printf("result %s %llu\nresult %s_min %llu\n", key, (unsigned long long)ps, key,
	       (unsigned long long)last_min);
	fflush(stdout);
}

static void die(const char *what, int err)
{
	fprintf(stderr, "bench_vm: %s: %s\n", what, strerror(err < 0 ? -err : err));
	exit(1);
}

/* ------------------------------------------------------------ device */

static int dev_op(int fd, struct pymm_op *op)
{
	if (ioctl(fd, PYMM_IOC_OP, op))
		return -errno;
	return op->error;
}

static int dev_batch(int fd, struct pymm_op *ops, unsigned int n)
{
	struct pymm_batch b = {
		.ops = (uint64_t)(uintptr_t)ops,
		.count = n,
		.op_size = sizeof(*ops),
	};

	if (ioctl(fd, PYMM_IOC_BATCH, &b))
		return -errno;
	return b.done == n ? 0 : -EIO;
}

static uint64_t dev_new_int(int fd, int64_t v)
{
	struct pymm_op op;
	int err;

	pymm_op_init(&op, PYMM_OP_NEW_INT);
	op.arg[0] = (uint64_t)v;
	err = dev_op(fd, &op);
	if (err)
		die("NEW_INT", err);
	return op.ret[0];
}

/* picoseconds per op of a loop body run iters times, median of reps */
#define TIME_PS(out, n_ops, body) do {						\
	uint64_t _v[MAX_REPS];							\
	unsigned int _r, _i;							\
										\
	for (_r = 0; _r < reps; _r++) {						\
		uint64_t _t0 = now_ns();					\
										\
		for (_i = 0; _i < iters; _i++) {				\
			body;							\
		}								\
		_v[_r] = (now_ns() - _t0) * 1000 / ((uint64_t)iters * (n_ops)); \
	}									\
	(out) = median(_v, reps);						\
	last_min = _v[0];							\
} while (0)

static void bench_device(void)
{
	static struct pymm_op ops[BATCH_MAX];
	static const unsigned int sizes[] = { 1, 16, 256, 4096 };
	struct pymm_ioc_version ver;
	struct pymm_op op;
	uint64_t ps, h;
	unsigned int s, i, saved;
	char key[64];
	int fd, err;

	fd = open("/dev/pymm", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		die("/dev/pymm", errno);
	pymm_op_init(&op, PYMM_OP_HEAP_ATTACH);
	pymm_op_set_data(&op, PYMM_DEFAULT_HEAP, sizeof(PYMM_DEFAULT_HEAP));
	err = dev_op(fd, &op);
	if (err)
		die("attach", err);
	h = dev_new_int(fd, 1000000);

	TIME_PS(ps, 1, syscall(SYS_getppid));
	result2("u_null_syscall_ps", ps);
	TIME_PS(ps, 1, ioctl(fd, PYMM_IOC_VERSION, &ver));
	result2("u_ioctl_version_ps", ps);

	TIME_PS(ps, 1, pymm_op_init(&op, PYMM_OP_NOP); dev_op(fd, &op));
	result2("u_ioctl_op_ps_nop", ps);
	TIME_PS(ps, 1, pymm_op_init(&op, PYMM_OP_REFCOUNT); op.arg[0] = h; dev_op(fd, &op));
	result2("u_ioctl_op_ps_refcount", ps);
	TIME_PS(ps, 2,
		pymm_op_init(&op, PYMM_OP_NEW_INT); op.arg[0] = 1000000 + _i; dev_op(fd, &op);
		op.arg[0] = op.ret[0]; op.code = PYMM_OP_CLOSE; dev_op(fd, &op));
	result2("u_ioctl_op_ps_new_int_close", ps);

	/* batches: iters is divided so every size runs about the same ops */
	saved = iters;
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		unsigned int n = sizes[s];

		iters = saved / n ? saved / n : 1;
		TIME_PS(ps, n,
			for (i = 0; i < n; i++) pymm_op_init(&ops[i], PYMM_OP_NOP);
			err = dev_batch(fd, ops, n); if (err) die("batch", err));
		snprintf(key, sizeof(key), "u_batch_ps_nop_%u", n);
		result2(key, ps);
		TIME_PS(ps, n,
			for (i = 0; i < n; i++) {
				pymm_op_init(&ops[i], PYMM_OP_REFCOUNT); ops[i].arg[0] = h;
			}
			err = dev_batch(fd, ops, n); if (err) die("batch", err));
		snprintf(key, sizeof(key), "u_batch_ps_refcount_%u", n);
		result2(key, ps);
	}
	/* NEW_INT x 2048 in one batch, then CLOSE of each in a second one */
	iters = saved / BATCH_MAX ? saved / BATCH_MAX : 1;
	TIME_PS(ps, BATCH_MAX,
		for (i = 0; i < BATCH_MAX / 2; i++) {
			pymm_op_init(&ops[i], PYMM_OP_NEW_INT); ops[i].arg[0] = 1000000 + i;
		}
		err = dev_batch(fd, ops, BATCH_MAX / 2); if (err) die("batch new", err);
		for (i = 0; i < BATCH_MAX / 2; i++) {
			uint64_t hh = ops[i].ret[0];

			pymm_op_init(&ops[i], PYMM_OP_CLOSE); ops[i].arg[0] = hh;
		}
		err = dev_batch(fd, ops, BATCH_MAX / 2); if (err) die("batch close", err));
	result2("u_batch_ps_new_int_close_4096", ps);
	iters = saved;
	close(fd);
}

static void bench_batch_only(void)
{
	static struct pymm_op ops[BATCH_MAX];
	struct pymm_op op;
	uint64_t h, t0;
	unsigned int r, i;
	int fd, err;

	fd = open("/dev/pymm", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		die("/dev/pymm", errno);
	pymm_op_init(&op, PYMM_OP_HEAP_ATTACH);
	pymm_op_set_data(&op, PYMM_DEFAULT_HEAP, sizeof(PYMM_DEFAULT_HEAP));
	err = dev_op(fd, &op);
	if (err)
		die("attach", err);
	h = dev_new_int(fd, 1000000);
	t0 = now_ns();
	for (r = 0; r < iters; r++) {
		for (i = 0; i < BATCH_MAX; i++) {
			pymm_op_init(&ops[i], PYMM_OP_REFCOUNT);
			ops[i].arg[0] = h;
		}
		err = dev_batch(fd, ops, BATCH_MAX);
		if (err)
			die("batch", err);
	}
	result("u_batch_only_ps_refcount_4096",
	       (now_ns() - t0) * 1000 / ((uint64_t)iters * BATCH_MAX));
	close(fd);
}

/* ------------------------------------------------- netlink and local */

/* a transport that cannot run is reported and skipped: its keys stay null */
static void bench_conn(struct pymm_conn *c, const char *tag)
{
	struct pymm_op op;
	uint64_t ps, h;
	char key[64];
	int err;

	err = pymm_heap_attach(c, PYMM_DEFAULT_HEAP);
	if (!err) {
		pymm_op_init(&op, PYMM_OP_NEW_INT);
		op.arg[0] = 1000000;
		err = pymm_exec(c, &op);
	}
	if (err) {
		fprintf(stderr, "bench_vm: %s: setup failed: %s (skipped)\n", tag,
			strerror(err < 0 ? -err : err));
		pymm_conn_close(c);
		return;
	}
	h = op.ret[0];

	TIME_PS(ps, 1, pymm_op_init(&op, PYMM_OP_NOP); pymm_exec(c, &op));
	snprintf(key, sizeof(key), "u_%s_op_ps_nop", tag);
	result2(key, ps);
	TIME_PS(ps, 1, pymm_op_init(&op, PYMM_OP_REFCOUNT); op.arg[0] = h; pymm_exec(c, &op));
	snprintf(key, sizeof(key), "u_%s_op_ps_refcount", tag);
	result2(key, ps);
	TIME_PS(ps, 2,
		pymm_op_init(&op, PYMM_OP_NEW_INT); op.arg[0] = 1000000 + _i; pymm_exec(c, &op);
		op.arg[0] = op.ret[0]; op.code = PYMM_OP_CLOSE; pymm_exec(c, &op));
	snprintf(key, sizeof(key), "u_%s_op_ps_new_int_close", tag);
	result2(key, ps);
	pymm_conn_close(c);
}

int main(int argc, char **argv)
{
	struct pymm_conn *c;
	bool netlink = true, batch_only = false;
	int i, err;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--iters") && i + 1 < argc)
			iters = (unsigned int)atoi(argv[++i]);
		else if (!strcmp(argv[i], "--reps") && i + 1 < argc)
			reps = (unsigned int)atoi(argv[++i]);
		else if (!strcmp(argv[i], "--no-netlink"))
			netlink = false;
		else if (!strcmp(argv[i], "--batch-only"))
			batch_only = true;
		else {
			fprintf(stderr, "usage: %s [--iters N] [--reps R] [--no-netlink] "
				"[--batch-only]\n", argv[0]);
			return 2;
		}
	}
	if (!iters || !reps || reps > MAX_REPS) {
		fprintf(stderr, "bench_vm: bad --iters/--reps\n");
		return 2;
	}
	if (batch_only) {
		/* for profiling the batch path: REFCOUNT x 4096, iters times */
		bench_batch_only();
		return 0;
	}
	bench_device();
	if (netlink) {
		/* netlink round trips cost more: fewer of them */
		unsigned int saved = iters;

		iters = iters / 4 ? iters / 4 : 1;
		err = pymm_conn_open_netlink(&c);
		if (err)
			fprintf(stderr, "bench_vm: netlink: %s (skipped)\n", strerror(-err));
		else
			bench_conn(c, "netlink");
		iters = saved;
	}
	err = pymm_conn_open_local(&c);
	if (err)
		fprintf(stderr, "bench_vm: local core: %s (skipped)\n", strerror(-err));
	else
		bench_conn(c, "local");
	return 0;
}
