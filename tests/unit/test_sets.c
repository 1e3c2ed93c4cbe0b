// SPDX-License-Identifier: GPL-2.0
/*
 * test_sets.c - set and frozenset (core types/set.c) through
 * pymm_op_exec(): CPython 3.11's table order for colliding ints and after
 * growth, dummies reused, unhashable members refused with the set left as
 * it was, a frozenset refused mutation once shared, set iterators refusing
 * a changed set, a set freed with 100,000 members, and the heap verified
 * and back to its object count after each scenario.
 */
#include <stdlib.h>

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "unit_test.h"

static struct pymm_client *C;
static u8 buf[1 << 20];

#include "op_helpers.h"

static u64 new_set(u32 flags, u64 other, const u64 *h, u32 n)
{
	struct res r = opx(C, PYMM_OP_NEW_SET, 0, flags, other, 0, h, n * 8, 0);

	CHECK_EQ(r.err, 0);
	return r.r0;
}

static void add_int(u64 s, s64 v, int want)
{
	u64 i = new_int(C, v);

	CHECK_EQ(op0(C, PYMM_OP_SET_ADD, s, i, 0).err, want);
	closeh(C, i);
}

/* the members' values in iteration (table) order */
static u32 order(u64 s, s64 *out, u32 cap)
{
	struct res r = opx(C, PYMM_OP_ITEMS, 0, s, 0, 0, NULL, 0, sizeof(buf));
	u64 *h = (u64 *)buf, hs[64];
	u32 n = (u32)r.r0, i;

	CHECK_EQ(r.err, 0);
	CHECK(n <= cap && n <= 64);
	memcpy(hs, h, n * 8);
	for (i = 0; i < n; i++) {
		out[i] = (s64)op0(C, PYMM_OP_READ, hs[i], 0, 0).r0;
		closeh(C, hs[i]);
	}
	return n;
}

/* python3: {8, 16, 24, 32, 40} added one by one prints {32, 16, 8, 24, 40} */
static void test_order(void)
{
	u64 before = heap_objects(C), s = new_set(0, 0, NULL, 0);
	static const s64 add[] = { 8, 16, 24, 32, 40 }, want[] = { 32, 8, 40, 16, 24 };
	s64 got[16];
	u32 i, n;

	for (i = 0; i < 5; i++)
		add_int(s, add[i], 0);
	/* the fifth add grew the table to 32 slots: 8, 40 and 24 each at their own */
	n = order(s, got, 16);
	CHECK_EQ(n, 5);
	for (i = 0; i < n; i++)
		CHECK_EQ(got[i], want[i]);
	CHECK(op0(C, PYMM_OP_TYPE, s, 0, 0).r1 & PYMM_TYPEF_GC_TRACKED);
	closeh(C, s);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

static void test_unhashable_and_frozen(void)
{
	u64 before = heap_objects(C), s = new_set(0, 0, NULL, 0), l, f, f2;
	struct res r;

	add_int(s, 1, 0);
	l = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	r = op0(C, PYMM_OP_SET_ADD, s, l, 0);
	CHECK_EQ(r.err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_LEN, s, 0, 0).r0, 1);
	/* a frozenset from the set; frozenset(f) is f */
	f = new_set(PYMM_SETF_FROZEN, s, NULL, 0);
	CHECK(op0(C, PYMM_OP_TYPE, f, 0, 0).r1 & PYMM_TYPEF_FROZEN);
	f2 = new_set(PYMM_SETF_FROZEN, f, NULL, 0);
	CHECK_EQ(op0(C, PYMM_OP_ID, f, 0, 0).r0, op0(C, PYMM_OP_ID, f2, 0, 0).r0);
	/* shared now (two handles): no mutation */
	add_int(f, 2, -EINVAL);
	closeh(C, f2);
	/* hashable, equal to the set */
	CHECK_EQ(op0(C, PYMM_OP_HASH, f, 0, 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_HASH, s, 0, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, s, f, PYMM_CMP_EQ).r0, 1);
	closeh(C, l);
	closeh(C, f);
	closeh(C, s);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

static void test_dummies_and_pop(void)
{
	u64 before = heap_objects(C), s = new_set(0, 0, NULL, 0), i3;
	struct res r;
	int k;

	for (k = 0; k < 5; k++)
		add_int(s, k, 0);
	i3 = new_int(C, 3);
	r = op0(C, PYMM_OP_SET_DISCARD, s, i3, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 1);
	r = op0(C, PYMM_OP_SET_DISCARD, s, i3, 0);
	CHECK_EQ(r.r0, 0);
	CHECK_EQ(op0(C, PYMM_OP_SET_CONTAINS, s, i3, 0).r0, 0);
	closeh(C, i3);
	/* pop walks from the finger: 0 first, then 1 */
	r = op0(C, PYMM_OP_SET_POP, s, 0, 0);
	CHECK_EQ((s64)op0(C, PYMM_OP_READ, r.r0, 0, 0).r0, 0);
	closeh(C, r.r0);
	r = op0(C, PYMM_OP_SET_POP, s, 0, 0);
	CHECK_EQ((s64)op0(C, PYMM_OP_READ, r.r0, 0, 0).r0, 1);
	closeh(C, r.r0);
	CHECK_EQ(op0(C, PYMM_OP_SET_CLEAR, s, 0, 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_SET_POP, s, 0, 0).err, -ENOENT);
	closeh(C, s);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

static void test_iter_changed(void)
{
	u64 before = heap_objects(C), s = new_set(0, 0, NULL, 0), it;
	struct res r;

	add_int(s, 1, 0);
	add_int(s, 2, 0);
	r = op0(C, PYMM_OP_NEW_ITER, s, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r1, PYMM_ITER_SET);
	it = r.r0;
	r = op0(C, PYMM_OP_ITER_NEXT, it, 0, 0);
	CHECK_EQ(r.r1, 1);
	closeh(C, r.r0);
	add_int(s, 3, 0);
	CHECK_EQ(op0(C, PYMM_OP_ITER_NEXT, it, 0, 0).err, -EBUSY);
	CHECK_EQ(op0(C, PYMM_OP_ITER_NEXT, it, 0, 0).err, -EBUSY);
	closeh(C, it);
	closeh(C, s);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

static void test_algebra_and_big(void)
{
	u64 before = heap_objects(C), a = new_set(0, 0, NULL, 0), b = new_set(0, 0, NULL, 0);
	struct res r;
	int k;

	for (k = 0; k < 100000; k++)
		add_int(a, k, 0);
	for (k = 50000; k < 50010; k++)
		add_int(b, k, 0);
	r = op0(C, PYMM_OP_SET_ALGEBRA, a, b, PYMM_SETOP_INTERSECTION);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(op0(C, PYMM_OP_LEN, r.r0, 0, 0).r0, 10);
	closeh(C, r.r0);
	r = op0(C, PYMM_OP_SET_ALGEBRA, b, a, PYMM_SETOP_ISSUBSET);
	CHECK_EQ(r.r0, 1);
	CHECK_EQ(op0(C, PYMM_OP_SET_ALGEBRA, a, b, PYMM_SETOP_DIFFERENCE_UPDATE).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_LEN, a, 0, 0).r0, 99990);
	CHECK_EQ(op0(C, PYMM_OP_SET_ALGEBRA, a, b, PYMM_SETOP_LT).r0, 0);
	closeh(C, b);
	closeh(C, a);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
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
	RUN(test_order);
	RUN(test_unhashable_and_frozen);
	RUN(test_dummies_and_pop);
	RUN(test_iter_changed);
	RUN(test_algebra_and_big);
	pymm_client_release(C);
	CHECK_EQ(pymm_core_exit(), 0);
	return unit_summary();
}
