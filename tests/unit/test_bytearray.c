// SPDX-License-Identifier: GPL-2.0
/*
 * test_bytearray.c - bytearray (core types/bytearray.c) through
 * pymm_op_exec(): made from bytes, spliced (append, insert, delete,
 * replace, emptied), read, indexed, iterated while it changes, compared
 * with bytes, concatenated both ways; not tracked, unhashable, not weakly
 * referenceable; a splice out of bounds or past the heap's quota leaves it
 * as it was; the heap verified and back to its object count.
 */
#include <stdlib.h>
#include <string.h>

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "unit_test.h"

static struct pymm_client *C;
static u8 buf[1 << 20];

#include "op_helpers.h"

static u64 new_ba(const char *s, u32 n)
{
	struct res r = opd(C, PYMM_OP_NEW_BYTEARRAY, 0, s, n);

	CHECK_EQ(r.err, 0);
	return r.r0;
}

static struct res splice(u64 h, u64 lo, u64 hi, const void *d, u32 n)
{
	return opx(C, PYMM_OP_BYTEARRAY_SPLICE, 0, h, lo, hi, d ? d : "", n, 0);
}

/* READ's bytes equal want */
static void check_bytes(u64 h, const char *want, u32 n)
{
	struct res r = opx(C, PYMM_OP_READ, 0, h, 0, 0, NULL, 0, sizeof(buf));

	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, n);
	CHECK_EQ(op0(C, PYMM_OP_LEN, h, 0, 0).r0, n);
	CHECK(!memcmp(buf, want, n));
}

static void test_splices(void)
{
	u64 before = heap_objects(C), b = new_ba("hello", 5), i;
	struct res t;

	check_bytes(b, "hello", 5);
	CHECK_EQ(splice(b, 5, 5, "!", 1).r0, 6);		/* append */
	CHECK_EQ(splice(b, 0, 0, "<", 1).err, 0);		/* insert */
	CHECK_EQ(splice(b, 1, 2, "J", 1).err, 0);		/* ba[1] = 'J' */
	check_bytes(b, "<Jello!", 7);
	CHECK_EQ(splice(b, 2, 5, NULL, 0).err, 0);		/* del ba[2:5] */
	check_bytes(b, "<Jo!", 4);
	CHECK_EQ(splice(b, 3, 2, NULL, 0).err, -ERANGE);	/* lo > hi */
	CHECK_EQ(splice(b, 0, 5, NULL, 0).err, -ERANGE);	/* past the end */
	check_bytes(b, "<Jo!", 4);
	i = new_int(C, -1);
	t = op0(C, PYMM_OP_GETITEM, b, i, 0);
	CHECK_EQ(t.err, 0);
	CHECK_EQ((s64)op0(C, PYMM_OP_READ, t.r0, 0, 0).r0, '!');
	closeh(C, t.r0);
	closeh(C, i);
	t = op0(C, PYMM_OP_TYPE, b, 0, 0);
	CHECK_EQ(t.r0, PYMM_T_BYTEARRAY);
	CHECK(!(t.r1 & PYMM_TYPEF_GC_TRACKED));
	CHECK_EQ(op0(C, PYMM_OP_HASH, b, 0, 0).err, -EINVAL);
	CHECK(op0(C, PYMM_OP_NEW_WEAKREF, b, 0, 0).err != 0);
	CHECK_EQ(splice(b, 0, 4, NULL, 0).err, 0);		/* emptied: the block goes */
	check_bytes(b, "", 0);
	CHECK_EQ(op0(C, PYMM_OP_SIZEOF, b, 0, 0).r0 < 64, 1);
	CHECK_EQ(splice(i, 0, 0, "x", 1).err, -EBADF);		/* a closed handle */
	closeh(C, b);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

static void test_bytes_like(void)
{
	u64 b = new_ba("ab", 2), s = opd(C, PYMM_OP_NEW_BYTES, 0, "ab", 2).r0, x, it, v;
	struct res t;
	int n = 0;

	CHECK_EQ(op0(C, PYMM_OP_COMPARE, b, s, PYMM_CMP_EQ).r0, 1);
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, s, b, PYMM_CMP_EQ).r0, 1);
	x = op0(C, PYMM_OP_BINOP, b, s, PYMM_BIN_ADD).r0;
	CHECK_EQ(op0(C, PYMM_OP_TYPE, x, 0, 0).r0, PYMM_T_BYTEARRAY);
	check_bytes(x, "abab", 4);
	closeh(C, x);
	x = op0(C, PYMM_OP_BINOP, s, b, PYMM_BIN_ADD).r0;
	CHECK_EQ(op0(C, PYMM_OP_TYPE, x, 0, 0).r0, PYMM_T_BYTES);
	closeh(C, x);
	/* the iterator reads the length as it is now */
	it = op0(C, PYMM_OP_NEW_ITER, b, 0, 0).r0;
	for (;;) {
		t = op0(C, PYMM_OP_ITER_NEXT, it, 0, 0);
		CHECK_EQ(t.err, 0);
		if (!t.r1)
			break;
		v = t.r0;
		closeh(C, v);
		if (n++ == 0)
			CHECK_EQ(splice(b, 2, 2, "cd", 2).err, 0);
	}
	CHECK_EQ(n, 4);
	closeh(C, it);
	closeh(C, b);
	closeh(C, s);
	verify(C);
}

/* a heap with a small quota: a splice it cannot afford changes nothing */
static void test_quota(void)
{
	static char big[256 << 10];
	u64 b = new_ba("q", 1);
	struct res t;
	int k;

	memset(big, 'z', sizeof(big));
	for (k = 0; k < 64; k++) {
		t = splice(b, 1, 1, big, sizeof(big));
		if (t.err)
			break;
	}
	CHECK(t.err == -ENOMEM || t.err == -EDQUOT);
	CHECK_EQ(op0(C, PYMM_OP_LEN, b, 0, 0).r0, 1 + (u64)k * sizeof(big));
	closeh(C, b);
	verify(C);
}

int main(int argc, char **argv)
{
	struct pymm_core_params p = {
		.heap_quota = 8ull << 20,
		.max_heaps_per_user = 4,
		.max_frame_depth = 1000,
		.max_handles = 4096,
		.arena_shift = PYMM_ARENA_SHIFT_SMALL,
		.pool_shift = PYMM_POOL_SHIFT_SMALL,
	};

	unit_init(argc, argv);
	if (pymm_core_init(&p))
		return 1;
	C = client(1000, PYMM_DEFAULT_HEAP);
	RUN(test_splices);
	RUN(test_bytes_like);
	RUN(test_quota);
	pymm_client_release(C);
	CHECK_EQ(pymm_core_exit(), 0);
	return unit_summary();
}
