// SPDX-License-Identifier: GPL-2.0
/*
 * test_range.c - range and range_iterator (core types/range.c) through
 * pymm_op_exec(): lengths as compute_range_length, indexing both ways,
 * a range_iterator untracked and holding nothing, == and hash by value,
 * a zero step refused; the heap verified and back to its object count.
 */
#include <stdlib.h>

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "unit_test.h"

static struct pymm_client *C;
static u8 buf[1 << 20];

#include "op_helpers.h"

static u64 new_range(s64 a, s64 b, s64 c)
{
	struct res r = op0(C, PYMM_OP_NEW_RANGE, (u64)a, (u64)b, (u64)c);

	CHECK_EQ(r.err, 0);
	return r.r0;
}

static void test_len_and_items(void)
{
	u64 before = heap_objects(C), r = new_range(10, 0, -3), i, v;
	struct res t;

	CHECK_EQ(op0(C, PYMM_OP_LEN, r, 0, 0).r0, 4);
	v = new_range(0, 0, 1);
	CHECK_EQ(op0(C, PYMM_OP_LEN, v, 0, 0).r0, 0);
	closeh(C, v);
	i = new_int(C, -1);
	t = op0(C, PYMM_OP_GETITEM, r, i, 0);
	CHECK_EQ(t.err, 0);
	CHECK_EQ((s64)op0(C, PYMM_OP_READ, t.r0, 0, 0).r0, 1);
	closeh(C, t.r0);
	closeh(C, i);
	i = new_int(C, 4);
	CHECK_EQ(op0(C, PYMM_OP_GETITEM, r, i, 0).err, -ERANGE);
	closeh(C, i);
	t = op0(C, PYMM_OP_TYPE, r, 0, 0);
	CHECK_EQ(t.r0, PYMM_T_RANGE);
	CHECK(!(t.r1 & PYMM_TYPEF_GC_TRACKED));
	/* extremes: no overflow in the length */
	v = new_range(INT64_MIN, INT64_MAX, INT64_MAX);
	CHECK_EQ(op0(C, PYMM_OP_LEN, v, 0, 0).r0, 3);
	closeh(C, v);
	CHECK_EQ(op0(C, PYMM_OP_NEW_RANGE, 1, 2, 0).err, -EINVAL);
	closeh(C, r);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

static void test_iterator(void)
{
	u64 r = new_range(0, 3, 1), it, before;
	struct res t;
	s64 want = 0;

	it = op0(C, PYMM_OP_NEW_ITER, r, 0, 0).r0;
	CHECK_EQ(op0(C, PYMM_OP_REFCOUNT, r, 0, 0).r0, 1);	/* the iterator holds nothing */
	t = op0(C, PYMM_OP_TYPE, it, 0, 0);
	CHECK_EQ(t.r0, PYMM_T_RANGE);
	CHECK(t.r1 & PYMM_TYPEF_ITERATOR);
	closeh(C, r);
	before = heap_objects(C);
	for (;;) {
		t = op0(C, PYMM_OP_ITER_NEXT, it, 0, 0);
		CHECK_EQ(t.err, 0);
		if (!t.r1)
			break;
		CHECK_EQ((s64)op0(C, PYMM_OP_READ, t.r0, 0, 0).r0, want++);
		closeh(C, t.r0);
	}
	CHECK_EQ(want, 3);
	CHECK_EQ(heap_objects(C), before);
	closeh(C, it);
	verify(C);
}

static void test_eq_hash(void)
{
	u64 a = new_range(0, 5, 2), b = new_range(0, 6, 2), c = new_range(3, 3, 1),
	    d = new_range(9, 1, 1);
	s64 ha, hb;

	CHECK_EQ(op0(C, PYMM_OP_COMPARE, a, b, PYMM_CMP_EQ).r0, 1);
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, c, d, PYMM_CMP_EQ).r0, 1);
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, a, c, PYMM_CMP_EQ).r0, 0);
	ha = (s64)op0(C, PYMM_OP_HASH, a, 0, 0).r0;
	hb = (s64)op0(C, PYMM_OP_HASH, b, 0, 0).r0;
	CHECK_EQ(ha, hb);
	closeh(C, a);
	closeh(C, b);
	closeh(C, c);
	closeh(C, d);
	verify(C);
}

int main(int argc, char **argv)
{
	struct pymm_core_params p = {
		.heap_quota = 256ull << 20,
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
	RUN(test_len_and_items);
	RUN(test_iterator);
	RUN(test_eq_hash);
	pymm_client_release(C);
	CHECK_EQ(pymm_core_exit(), 0);
	return unit_summary();
}
