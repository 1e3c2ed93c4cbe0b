// SPDX-License-Identifier: GPL-2.0
/*
 * device_test.c - the /dev/pymm ioctl ABI (docs/abi.md), as seen from user
 * space: every validation path separately, heap lifetime through the device,
 * quota refusals leaving the heap untouched, and a killed client giving
 * back every reference it held.
 *
 * Runs as root inside the VM (tests/vm/run).  Skips (exit 4) if /dev/pymm
 * does not exist.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pymm.h"
#include "kselftest_harness.h"

#define DEV "/dev/pymm"

static int dev_open(void)
{
	return open(DEV, O_RDWR | O_CLOEXEC);
}

static void op_init(struct pymm_op *op, __u32 code)
{
	memset(op, 0, sizeof(*op));
	op->code = code;
}

/* Runs one op; the ioctl's own failure (-errno) or the op's error. */
static int run_op(int fd, struct pymm_op *op)
{
	if (ioctl(fd, PYMM_IOC_OP, op))
		return -errno;
	return op->error;
}

static int heap_op(int fd, __u32 code, const char *name, __u64 arg0)
{
	struct pymm_op op;

	op_init(&op, code);
	op.arg[0] = arg0;
	op.data = (uintptr_t)name;
	op.data_len = strlen(name) + 1;
	return run_op(fd, &op);
}

static void heap_name(char *buf, size_t len, const char *tag)
{
	static int seq;

	snprintf(buf, len, "dt-%s-%d-%d", tag, (int)getpid(), seq++);
}

/* Finds name in PYMM_OP_HEAP_LIST; 1 and *out if listed, 0 if not, <0 error. */
static int heap_find(int fd, const char *name, struct pymm_heap_info *out)
{
	static struct pymm_heap_info list[256];
	struct pymm_op op;
	unsigned int i;
	int err;

	op_init(&op, PYMM_OP_HEAP_LIST);
	op.data = (uintptr_t)list;
	op.data_len = sizeof(list);
	err = run_op(fd, &op);
	if (err)
		return err;
	for (i = 0; i < op.ret[0] && i < 256; i++) {
		if (!strncmp(list[i].name, name, PYMM_HEAP_NAME_MAX)) {
			if (out)
				*out = list[i];
			return 1;
		}
	}
	return 0;
}

static int heap_stats(int fd, struct pymm_heap_stats *st)
{
	struct pymm_op op;

	op_init(&op, PYMM_OP_HEAP_STATS);
	op.data = (uintptr_t)st;
	op.data_len = sizeof(*st);
	return run_op(fd, &op);
}

struct alloc_snap {
	struct pymm_alloc_stats a;
	struct pymm_class_stats cls[32];
};

static int alloc_stats(int fd, struct alloc_snap *s)
{
	struct pymm_op op;

	op_init(&op, PYMM_OP_ALLOC_STATS);
	op.data = (uintptr_t)s;
	op.data_len = sizeof(*s);
	return run_op(fd, &op);
}

static int new_bytes(int fd, const void *p, __u32 len, __u64 *h)
{
	struct pymm_op op;
	int err;

	op_init(&op, PYMM_OP_NEW_BYTES);
	op.data = (uintptr_t)p;
	op.data_len = len;
	err = run_op(fd, &op);
	if (!err && h)
		*h = op.ret[0];
	return err;
}

static int close_handle(int fd, __u64 h)
{
	struct pymm_op op;

	op_init(&op, PYMM_OP_CLOSE);
	op.arg[0] = h;
	return run_op(fd, &op);
}

static int batch(int fd, struct pymm_batch *b)
{
	return ioctl(fd, PYMM_IOC_BATCH, b) ? -errno : 0;
}

/* ------------------------------------------------------------ transport */

TEST(version)
{
	struct pymm_ioc_version v;
	int fd = dev_open();

	ASSERT_LE(0, fd);
	memset(&v, 0xa5, sizeof(v));
	ASSERT_EQ(0, ioctl(fd, PYMM_IOC_VERSION, &v));
	EXPECT_EQ(PYMM_ABI_VERSION, v.abi_version);
	EXPECT_EQ(PYMM_OP_MAX, v.op_max);
	EXPECT_EQ(sizeof(struct pymm_op), v.op_size);
	EXPECT_EQ(0, v.reserved);
	close(fd);
}

TEST(unknown_ioctl_is_enotty)
{
	int fd = dev_open();
	__u64 arg = 0;

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ioctl(fd, _IOR(PYMM_IOC_MAGIC, 0x7f, __u64), &arg));
	EXPECT_EQ(ENOTTY, errno);
	/* right number, wrong size: a different command */
	EXPECT_EQ(-1, ioctl(fd, _IOWR(PYMM_IOC_MAGIC, 0x01, __u64), &arg));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(fd, _IO('x', 1), 0));
	EXPECT_EQ(ENOTTY, errno);
	close(fd);
}

TEST(no_read_write)
{
	char c;
	int fd = dev_open();

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, read(fd, &c, 1));
	EXPECT_EQ(-1, write(fd, &c, 1));
	close(fd);
}

TEST(batch_header_validation)
{
	struct pymm_op ops[3];
	struct pymm_batch b;
	int fd = dev_open();
	int i;

	ASSERT_LE(0, fd);
	for (i = 0; i < 3; i++)
		op_init(&ops[i], PYMM_OP_NOP);

	/* the good batch first, so the refusals below are not vacuous */
	b = (struct pymm_batch){ (uintptr_t)ops, 3, sizeof(ops[0]), 0, 0 };
	ASSERT_EQ(0, batch(fd, &b));
	EXPECT_EQ(3, b.done);

#define EXPECT_BATCH_EINVAL(_count, _size, _flags) do {				\
		b = (struct pymm_batch){ (uintptr_t)ops, _count, _size, _flags, 77 };	\
		EXPECT_EQ(-EINVAL, batch(fd, &b));				\
		EXPECT_EQ(77, b.done);						\
	} while (0)
	EXPECT_BATCH_EINVAL(0, sizeof(ops[0]), 0);
	EXPECT_BATCH_EINVAL(PYMM_BATCH_MAX + 1, sizeof(ops[0]), 0);
	EXPECT_BATCH_EINVAL(0xffffffffu, sizeof(ops[0]), 0);
	EXPECT_BATCH_EINVAL(3, 0, 0);
	EXPECT_BATCH_EINVAL(3, sizeof(ops[0]) - 8, 0);
	EXPECT_BATCH_EINVAL(3, sizeof(ops[0]) + 4, 0);		/* unaligned */
	EXPECT_BATCH_EINVAL(3, 1u << 20, 0);
	EXPECT_BATCH_EINVAL(3, sizeof(ops[0]), 1u << 1);	/* unknown flag */
	EXPECT_BATCH_EINVAL(3, sizeof(ops[0]), 1u << 31);
#undef EXPECT_BATCH_EINVAL
	close(fd);
}

TEST(batch_max_count)
{
	struct pymm_op *ops = calloc(PYMM_BATCH_MAX, sizeof(*ops));
	struct pymm_batch b = { (uintptr_t)ops, PYMM_BATCH_MAX, sizeof(*ops), 0, 0 };
	int fd = dev_open();

	ASSERT_LE(0, fd);
	ASSERT_NE(NULL, ops);
	ASSERT_EQ(0, batch(fd, &b));
	EXPECT_EQ(PYMM_BATCH_MAX, b.done);
	free(ops);
	close(fd);
}

TEST(reserved_op_flags)
{
	struct pymm_op op, ops[2];
	struct pymm_batch b = { (uintptr_t)ops, 2, sizeof(op), 0, 0 };
	int fd = dev_open();

	ASSERT_LE(0, fd);
	op_init(&op, PYMM_OP_NOP);
	EXPECT_EQ(0, run_op(fd, &op));
	op.flags = 1u << 31;
	EXPECT_EQ(-EINVAL, run_op(fd, &op));
	EXPECT_EQ(1u << 31, op.flags);		/* the request comes back as sent */

	op_init(&ops[0], PYMM_OP_NOP);
	ops[0].flags = 1u << 7;
	op_init(&ops[1], PYMM_OP_NOP);
	ASSERT_EQ(0, batch(fd, &b));
	EXPECT_EQ(2, b.done);
	EXPECT_EQ(-EINVAL, ops[0].error);
	EXPECT_EQ(0, ops[1].error);

	/* STOP_ON_ERROR stops right after the failing op */
	ops[1].error = 12345;
	b.flags = PYMM_BATCHF_STOP_ON_ERROR;
	ASSERT_EQ(0, batch(fd, &b));
	EXPECT_EQ(1, b.done);
	EXPECT_EQ(12345, ops[1].error);		/* never touched */
	close(fd);
}

/* A newer caller's larger op: accepted if the unknown tail is zero. */
TEST(batch_extended_op_size)
{
	struct big_op {
		struct pymm_op op;
		__u64 future[2];
	} ops[3];
	struct pymm_batch b = { (uintptr_t)ops, 3, sizeof(ops[0]), 0, 0 };
	int fd = dev_open();
	int i;

	ASSERT_LE(0, fd);
	memset(ops, 0, sizeof(ops));
	for (i = 0; i < 3; i++)
		ops[i].op.code = PYMM_OP_NOP;
	ops[1].future[1] = 1;
	ops[2].op.error = 555;
	ASSERT_EQ(0, batch(fd, &b));
	EXPECT_EQ(3, b.done);
	EXPECT_EQ(0, ops[0].op.error);
	EXPECT_EQ(-E2BIG, ops[1].op.error);
	EXPECT_EQ(1, ops[1].future[1]);		/* only the v1 part is written */
	EXPECT_EQ(0, ops[2].op.error);		/* stride honoured */
	close(fd);
}

/*
 * One batch, several chunks of the kernel's (32 ops), mixing what the
 * kernel runs in a locked run (bufferless object ops), what it runs one by
 * one (registry ops, ops with a buffer, refused flags) and ops of an
 * extended size: every op has its own result, in order, and only the
 * result fields are written (the request comes back exactly as sent).
 */
TEST(batch_mixed_ops)
{
	struct big_op {
		struct pymm_op op;
		__u64 future;
	} *ops;
	char name[PYMM_HEAP_NAME_MAX];
	static char payload[] = "twelve bytes";
	struct pymm_batch b;
	const unsigned int n = 100;
	unsigned int i;
	int fd = dev_open(), fd2 = dev_open();

	ASSERT_LE(0, fd);
	ASSERT_LE(0, fd2);
	ops = calloc(n, sizeof(*ops));
	ASSERT_NE(NULL, ops);
	heap_name(name, sizeof(name), "mixed");
	ASSERT_EQ(0, heap_op(fd2, PYMM_OP_HEAP_CREATE, name, 0));

	for (i = 0; i < n; i++) {
		struct pymm_op *op = &ops[i].op;

		switch (i) {
		case 0:	/* not attached yet */
			op->code = PYMM_OP_NEW_INT;
			op->arg[0] = 1;
			break;
		case 1:
			op->code = PYMM_OP_HEAP_ATTACH;
			op->data = (uintptr_t)name;
			op->data_len = strlen(name) + 1;
			break;
		case 31:	/* the last of the first chunk, and the first of the next */
		case 32:
		case 60:
			op->code = PYMM_OP_NEW_BYTES;
			op->data = (uintptr_t)payload;
			op->data_len = sizeof(payload) - 1;
			break;
		case 33:
			op->code = PYMM_OP_HEAP_LIST;	/* size only: -ENOSPC */
			break;
		case 40:
			op->code = PYMM_OP_NOP;
			op->flags = 1u << 9;
			break;
		case 41:
			op->code = PYMM_OP_MAX + 1;
			break;
		case 50:
			op->code = PYMM_OP_NOP;
			ops[i].future = 1;		/* -E2BIG, alone */
			break;
		default:
			op->code = i % 3 ? PYMM_OP_NEW_INT : PYMM_OP_CONST;
			op->arg[0] = i % 3 ? i : PYMM_CONST_TRUE;
			break;
		}
		/* outputs are ignored on input; the request must come back as sent */
		op->error = 0x7777;
		op->exc = 0x7777;
		op->out_flags = 0x7777;
		op->ret[0] = op->ret[1] = 0x7777;
	}
	b = (struct pymm_batch){ (uintptr_t)ops, n, sizeof(ops[0]), 0, 0 };
	ASSERT_EQ(0, batch(fd, &b));
	EXPECT_EQ(n, b.done);
	for (i = 0; i < n; i++) {
		struct pymm_op *op = &ops[i].op;
		int want = 0;

		switch (i) {
		case 0:
			want = -ENOTCONN;
			break;
		case 33:
			want = -ENOSPC;
			EXPECT_EQ(PYMM_OUTF_TRUNC, op->out_flags & PYMM_OUTF_TRUNC);
			EXPECT_LT(0, op->data_len);
			break;
		case 40:
			want = -EINVAL;
			EXPECT_EQ(1u << 9, op->flags);
			break;
		case 41:
			want = -EOPNOTSUPP;
			EXPECT_EQ(PYMM_OP_MAX + 1, op->code);
			break;
		case 50:
			want = -E2BIG;
			EXPECT_EQ(1, ops[i].future);
			break;
		case 1:
			EXPECT_EQ((uintptr_t)name, op->data);
			EXPECT_EQ(0, op->data_len);	/* out: bytes produced */
			break;
		case 31:
		case 32:
		case 60:
			EXPECT_NE(0, op->ret[0]);
			EXPECT_EQ((uintptr_t)payload, op->data);
			break;
		default:
			EXPECT_NE(0, op->ret[0]);	/* a new handle */
			EXPECT_NE(0x7777, op->ret[0]);
			EXPECT_EQ(i % 3 ? i : PYMM_CONST_TRUE, op->arg[0]);
			EXPECT_EQ(0, op->data_len);
			break;
		}
		EXPECT_EQ(want, op->error) {
			TH_LOG("op %u (code %u)", i, op->code);
		}
		if (want != -E2BIG)
			EXPECT_NE(0x7777, op->exc);
	}

	/* the handles are live: REFCOUNT them in one batch */
	for (i = 2; i < n; i++) {
		__u64 h = ops[i].op.ret[0];

		if (ops[i].op.error)
			continue;
		memset(&ops[i], 0, sizeof(ops[i]));
		ops[i].op.code = PYMM_OP_REFCOUNT;
		ops[i].op.arg[0] = h;
	}
	memset(&ops[33], 0, sizeof(ops[33]));
	ops[33].op.code = PYMM_OP_HEAP_LIST;
	ops[34].op.error = 0x7777;
	b = (struct pymm_batch){ (uintptr_t)&ops[2], n - 2, sizeof(ops[0]),
				 PYMM_BATCHF_STOP_ON_ERROR, 0 };
	ASSERT_EQ(0, batch(fd, &b));
	EXPECT_EQ(32, b.done);		/* ops[2..33]: ops[33] fails again */
	for (i = 2; i < 33; i++) {
		EXPECT_EQ(0, ops[i].op.error);
		EXPECT_LE(1, ops[i].op.ret[0]);
	}
	EXPECT_EQ(-ENOSPC, ops[33].op.error);
	EXPECT_EQ(0x7777, ops[34].op.error);	/* never reached */

	close(fd);
	EXPECT_EQ(0, heap_op(fd2, PYMM_OP_HEAP_DESTROY, name, 0));
	close(fd2);
	free(ops);
}

/*
 * An ops array that becomes unreadable in the middle of a chunk: the ops
 * before the hole run and report, done counts them, the ioctl says EFAULT.
 */
TEST(batch_hole_in_ops_array)
{
	const unsigned int good = 40;	/* ops before the hole: chunk 2 is cut */
	struct pymm_op *ops;
	struct pymm_batch b;
	char *map, *ro;
	unsigned int i;
	int fd = dev_open();

	ASSERT_LE(0, fd);
	map = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, map);
	ASSERT_EQ(0, mprotect(map + 2 * 4096, 4096, PROT_NONE));
	ops = (struct pymm_op *)(map + 2 * 4096 - good * sizeof(*ops));
	for (i = 0; i < good; i++) {
		op_init(&ops[i], PYMM_OP_NOP);
		ops[i].error = 99;
	}
	b = (struct pymm_batch){ (uintptr_t)ops, good + 10, sizeof(*ops), 0, 0 };
	EXPECT_EQ(-EFAULT, batch(fd, &b));
	EXPECT_EQ(good, b.done);
	for (i = 0; i < good; i++)
		EXPECT_EQ(0, ops[i].error);

	/* an array that can be read but not written: nothing is reported */
	ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, ro);
	b = (struct pymm_batch){ (uintptr_t)ro, 3, sizeof(*ops), 0, 0 };
	EXPECT_EQ(-EFAULT, batch(fd, &b));
	EXPECT_EQ(0, b.done);
	munmap(ro, 4096);
	munmap(map, 3 * 4096);
	close(fd);
}

TEST(bad_pointers_are_efault)
{
	struct pymm_batch b = { 0x1000, 1, sizeof(struct pymm_op), 0, 0 };
	char name[PYMM_HEAP_NAME_MAX];
	struct pymm_op op;
	char *ro, *none;
	int fd = dev_open();

	ASSERT_LE(0, fd);
	none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, none);
	ASSERT_NE(MAP_FAILED, ro);

	/* the argument itself */
	EXPECT_EQ(-1, ioctl(fd, PYMM_IOC_OP, (void *)0x1000));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(fd, PYMM_IOC_VERSION, none));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-EFAULT, batch(fd, &b));	/* ops array unreadable */
	EXPECT_EQ(0, b.done);

	/* an op's input buffer: the op fails, the ioctl does not */
	EXPECT_EQ(-EFAULT, new_bytes(fd, none, 16, NULL));
	EXPECT_EQ(-EFAULT, new_bytes(fd, (void *)0x1000, 16, NULL));
	EXPECT_EQ(-EFAULT, new_bytes(fd, NULL, 16, NULL));
	EXPECT_EQ(-EFAULT, new_bytes(fd, (void *)0xffff888000000000ull, 16, NULL));
	op_init(&op, PYMM_OP_NEW_BYTES);
	op.data = (uintptr_t)none;
	op.data_len = 16;
	ASSERT_EQ(0, ioctl(fd, PYMM_IOC_OP, &op));
	EXPECT_EQ(-EFAULT, op.error);
	EXPECT_EQ((uintptr_t)none, op.data);

	/* an output buffer that cannot be written (the list is not empty) */
	heap_name(name, sizeof(name), "efault");
	ASSERT_EQ(0, heap_op(fd, PYMM_OP_HEAP_CREATE, name, 0));
	op_init(&op, PYMM_OP_HEAP_LIST);
	op.data = (uintptr_t)ro;
	op.data_len = 4096;
	EXPECT_EQ(-EFAULT, run_op(fd, &op));
	EXPECT_EQ(0, heap_op(fd, PYMM_OP_HEAP_DESTROY, name, 0));

	/* too big a buffer: the core's -E2BIG, as on every transport */
	EXPECT_EQ(-E2BIG, new_bytes(fd, ro, PYMM_DATA_MAX + 1, NULL));
	munmap(none, 4096);
	munmap(ro, 4096);
	close(fd);
}

TEST(unknown_op_code)
{
	static const __u32 codes[] = { PYMM_OP_MAX + 1, 1000, 0xffffffffu };
	struct pymm_op op;
	unsigned int i;
	int fd = dev_open();

	ASSERT_LE(0, fd);
	for (i = 0; i < ARRAY_SIZE(codes); i++) {
		op_init(&op, codes[i]);
		ASSERT_EQ(0, ioctl(fd, PYMM_IOC_OP, &op));
		EXPECT_EQ(-EOPNOTSUPP, op.error);
		EXPECT_EQ(codes[i], op.code);
	}
	close(fd);
}

/* ----------------------------------------------------------------- heaps */

TEST(heap_lifecycle)
{
	struct pymm_heap_info info;
	char name[PYMM_HEAP_NAME_MAX];
	int fd = dev_open(), fd2 = dev_open();

	ASSERT_LE(0, fd);
	ASSERT_LE(0, fd2);
	heap_name(name, sizeof(name), "life");
	ASSERT_EQ(0, heap_find(fd, name, NULL));
	ASSERT_EQ(0, heap_op(fd, PYMM_OP_HEAP_CREATE, name, 0));
	EXPECT_EQ(-EEXIST, heap_op(fd2, PYMM_OP_HEAP_CREATE, name, 0));
	ASSERT_EQ(1, heap_find(fd, name, &info));
	EXPECT_EQ(geteuid(), info.owner_uid);
	EXPECT_EQ(0, info.clients);

	ASSERT_EQ(0, heap_op(fd, PYMM_OP_HEAP_ATTACH, name, 0));
	ASSERT_EQ(1, heap_find(fd2, name, &info));
	EXPECT_EQ(1, info.clients);
	EXPECT_EQ(-EBUSY, heap_op(fd2, PYMM_OP_HEAP_DESTROY, name, 0));
	ASSERT_EQ(1, heap_find(fd2, name, NULL));

	/* closing the file detaches it */
	close(fd);
	ASSERT_EQ(1, heap_find(fd2, name, &info));
	EXPECT_EQ(0, info.clients);
	EXPECT_EQ(0, heap_op(fd2, PYMM_OP_HEAP_DESTROY, name, 0));
	EXPECT_EQ(0, heap_find(fd2, name, NULL));
	EXPECT_EQ(-ENOENT, heap_op(fd2, PYMM_OP_HEAP_ATTACH, name, 0));
	EXPECT_EQ(-ENOENT, heap_op(fd2, PYMM_OP_HEAP_DESTROY, name, 0));
	close(fd2);
}

static unsigned int arena_kib(void)
{
	FILE *f = fopen("/sys/module/pymm/parameters/arena_kib", "r");
	unsigned int kib = 256;

	if (f) {
		if (fscanf(f, "%u", &kib) != 1)
			kib = 256;
		fclose(f);
	}
	return kib;
}

/* The figures a refused allocation must leave alone. */
static void expect_same(struct __test_metadata *_metadata,
			const struct alloc_snap *x, const struct alloc_snap *y)
{
	EXPECT_EQ(x->a.blocks_allocated, y->a.blocks_allocated);
	EXPECT_EQ(x->a.bytes_in_use, y->a.bytes_in_use);
	EXPECT_EQ(x->a.large_blocks, y->a.large_blocks);
	EXPECT_EQ(x->a.large_bytes, y->a.large_bytes);
	EXPECT_EQ(x->a.arenas_current, y->a.arenas_current);
	EXPECT_EQ(x->a.bytes_held, y->a.bytes_held);
}

TEST(quota_exceeded)
{
	static char payload[PYMM_DATA_MAX];
	struct alloc_snap before, after;
	struct pymm_heap_stats hs0, hs1;
	char name[PYMM_HEAP_NAME_MAX];
	__u64 *handles;
	unsigned int n = 0, i;
	int fd = dev_open();
	int err = 0;

	ASSERT_LE(0, fd);
	heap_name(name, sizeof(name), "quota");
	/* room for one arena and its metadata, not for one more 1 MiB block */
	ASSERT_EQ(0, heap_op(fd, PYMM_OP_HEAP_CREATE, name,
			     ((__u64)arena_kib() + 64) << 10));
	ASSERT_EQ(0, heap_op(fd, PYMM_OP_HEAP_ATTACH, name, 0));
	ASSERT_EQ(0, heap_stats(fd, &hs0));

	/* one block bigger than the quota */
	ASSERT_EQ(0, alloc_stats(fd, &before));
	EXPECT_EQ(-EDQUOT, new_bytes(fd, payload, sizeof(payload), NULL));
	ASSERT_EQ(0, alloc_stats(fd, &after));
	expect_same(_metadata, &before, &after);
	EXPECT_LT(before.a.quota_refusals, after.a.quota_refusals);
	ASSERT_EQ(0, heap_stats(fd, &hs1));
	EXPECT_EQ(hs0.objects, hs1.objects);

	/* many small blocks: the quota stops them, and the heap stays as it was */
	handles = calloc(100000, sizeof(*handles));
	ASSERT_NE(NULL, handles);
	while (n < 100000) {
		err = new_bytes(fd, payload, 200, &handles[n]);
		if (err)
			break;
		n++;
	}
	EXPECT_EQ(-EDQUOT, err);
	EXPECT_LT(100, n);
	ASSERT_EQ(0, alloc_stats(fd, &before));
	ASSERT_EQ(0, heap_stats(fd, &hs0));
	EXPECT_EQ(-EDQUOT, new_bytes(fd, payload, 200, NULL));
	EXPECT_EQ(-EDQUOT, new_bytes(fd, payload, 128 << 10, NULL));	/* > the slack */
	ASSERT_EQ(0, alloc_stats(fd, &after));
	expect_same(_metadata, &before, &after);
	ASSERT_EQ(0, heap_stats(fd, &hs1));
	EXPECT_EQ(hs0.objects, hs1.objects);

	for (i = 0; i < n; i++)
		ASSERT_EQ(0, close_handle(fd, handles[i]));
	ASSERT_EQ(0, heap_stats(fd, &hs1));
	EXPECT_EQ(hs0.objects - n, hs1.objects);
	/* freed space is usable again */
	EXPECT_EQ(0, new_bytes(fd, payload, 200, NULL));
	free(handles);
	close(fd);

	fd = dev_open();
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, heap_op(fd, PYMM_OP_HEAP_DESTROY, name, 0));
	close(fd);
}

/*
 * A client killed in the middle of a batch: its file is closed by the
 * kernel, and every object its handles kept alive goes away.
 */
TEST(killed_client_releases_references)
{
	struct pymm_heap_stats hs0, hs;
	char name[PYMM_HEAP_NAME_MAX];
	int pipefd[2], status, tries;
	int fd = dev_open();
	char c;
	pid_t pid;

	ASSERT_LE(0, fd);
	heap_name(name, sizeof(name), "kill");
	ASSERT_EQ(0, heap_op(fd, PYMM_OP_HEAP_CREATE, name, 0));
	ASSERT_EQ(0, heap_op(fd, PYMM_OP_HEAP_ATTACH, name, 0));
	/*
	 * b'' is one static object per heap, made on first use and kept for
	 * the heap's life, as CPython's: the child's ops may be the first to
	 * make it, so it exists before the baseline is taken.
	 */
	{
		struct pymm_op bo;
		__u64 empty;

		op_init(&bo, PYMM_OP_NEW_BYTES);
		ASSERT_EQ(0, ioctl(fd, PYMM_IOC_OP, &bo));
		ASSERT_EQ(0, bo.error);
		empty = bo.ret[0];
		op_init(&bo, PYMM_OP_CLOSE);
		bo.arg[0] = empty;
		ASSERT_EQ(0, ioctl(fd, PYMM_IOC_OP, &bo));
		ASSERT_EQ(0, bo.error);
	}
	ASSERT_EQ(0, heap_stats(fd, &hs0));
	ASSERT_EQ(0, pipe(pipefd));

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		static char payload[40] = "kill me while I allocate";
		struct pymm_op *ops = calloc(PYMM_BATCH_MAX, sizeof(*ops));
		struct pymm_batch b;
		int cfd = dev_open();
		unsigned int i;

		if (!ops || cfd < 0 || heap_op(cfd, PYMM_OP_HEAP_ATTACH, name, 0))
			_exit(1);
		for (i = 0; i < PYMM_BATCH_MAX; i++) {
			op_init(&ops[i], PYMM_OP_NEW_BYTES);
			ops[i].data = (uintptr_t)payload;
			ops[i].data_len = sizeof(payload);
		}
		b = (struct pymm_batch){ (uintptr_t)ops, 100, sizeof(*ops), 0, 0 };
		if (batch(cfd, &b) || b.done != 100 || ops[99].error)
			_exit(2);
		if (write(pipefd[1], "x", 1) != 1)
			_exit(3);
		for (;;) {
			b = (struct pymm_batch){ (uintptr_t)ops, PYMM_BATCH_MAX,
						 sizeof(*ops), 0, 0 };
			batch(cfd, &b);
		}
	}
	close(pipefd[1]);
	ASSERT_EQ(1, read(pipefd[0], &c, 1));
	ASSERT_EQ(0, heap_stats(fd, &hs));
	EXPECT_LE(hs0.objects + 100, hs.objects);	/* the child's objects exist */
	usleep(30000);
	ASSERT_EQ(0, kill(pid, SIGKILL));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(SIGKILL, WTERMSIG(status));

	/* release runs before the parent is notified; allow a little slack */
	for (tries = 0; tries < 100; tries++) {
		ASSERT_EQ(0, heap_stats(fd, &hs));
		if (hs.objects == hs0.objects)
			break;
		usleep(20000);
	}
	EXPECT_EQ(hs0.objects, hs.objects);
	EXPECT_EQ(hs0.handles, hs.handles);
	close(pipefd[0]);
	close(fd);

	fd = dev_open();
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, heap_op(fd, PYMM_OP_HEAP_DESTROY, name, 0));
	close(fd);
}

/* fail_nth=1: the very next host allocation fails, once, as MemoryError. */
TEST(fault_injection_fails_one_allocation)
{
	const char *param = "/sys/module/pymm/parameters/fail_nth";
	char name[PYMM_HEAP_NAME_MAX], left[16] = "";
	struct pymm_op op;
	int fd = dev_open(), pfd;

	ASSERT_LE(0, fd);
	pfd = open(param, O_RDWR);
	if (pfd < 0)
		SKIP(close(fd); return, "%s: %s", param, strerror(errno));
	heap_name(name, sizeof(name), "fail");
	ASSERT_EQ(1, write(pfd, "1", 1));
	op_init(&op, PYMM_OP_HEAP_CREATE);
	op.data = (uintptr_t)name;
	op.data_len = strlen(name) + 1;
	EXPECT_EQ(-ENOMEM, run_op(fd, &op));
	EXPECT_EQ(PYMM_EXC_MEMORY_ERROR, op.exc);
	EXPECT_EQ(0, heap_find(fd, name, NULL));
	/* disarmed after firing */
	ASSERT_LT(0, pread(pfd, left, sizeof(left) - 1, 0));
	EXPECT_EQ(0, atoi(left));
	EXPECT_EQ(0, heap_op(fd, PYMM_OP_HEAP_CREATE, name, 0));
	EXPECT_EQ(0, heap_op(fd, PYMM_OP_HEAP_DESTROY, name, 0));
	close(pfd);
	close(fd);
}

/* Skip (exit 4) rather than fail where the module is not loaded. */
#define main pymm_harness_main
TEST_HARNESS_MAIN
#undef main

int main(int argc, char **argv)
{
	if (access(DEV, F_OK))
		ksft_exit_skip(DEV " absent: pymm.ko not loaded\n");
	return pymm_harness_main(argc, argv);
}
