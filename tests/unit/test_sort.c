// SPDX-License-Identifier: GPL-2.0
/*
 * test_sort.c - PYMM_OP_LIST_SORT (list_sort.c), LIST_FROM and TUPLE_FROM:
 * ascending and reverse order of more items than a client has handles,
 * stability by a keys list, listsort()'s own result for a short list with
 * a NaN, and every refusal leaving the list as it was: a key the core
 * cannot order (-EOPNOTSUPP), a str against an int (TypeError), a keys list
 * of another length, a bad flag.  Counts never move: the items only change
 * places.
 */
#include <math.h>
#include <stdlib.h>

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "unit_test.h"

static struct pymm_client *C;
static u8 buf[1 << 20];

#include "op_helpers.h"

#define BIG	20000	/* more than the client's max_handles (1024) */

/* list[i] as a new handle */
static u64 item(u64 list, u32 i)
{
	u64 idx = new_int(C, i);
	struct res r = op0(C, PYMM_OP_GETITEM, list, idx, 0);

	closeh(C, idx);
	CHECK_EQ(r.err, 0);
	return r.r0;
}

static s64 item_int(u64 list, u32 i)
{
	u64 h = item(list, i);
	s64 v = (s64)op0(C, PYMM_OP_READ, h, 0, 0).r0;

	closeh(C, h);
	return v;
}

/* is list[i] the object h? */
static bool item_is(u64 list, u32 i, u64 h)
{
	u64 it = item(list, i);
	bool same = op0(C, PYMM_OP_COMPARE, it, h, PYMM_CMP_IS).r0;

	closeh(C, it);
	return same;
}

/* a list of n ints, v(i) = (i * 7919) % 10007, built by APPEND */
static u64 scrambled(u32 n)
{
	u64 l = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0), v;
	u32 i;

	for (i = 0; i < n; i++) {
		v = new_int(C, (s64)((i * 7919ull) % 10007));
		CHECK_EQ(op0(C, PYMM_OP_APPEND, l, v, 0).err, 0);
		closeh(C, v);
	}
	return l;
}

static void test_sort_big(void)
{
	u64 base = heap_objects(C), l = scrambled(BIG);
	s64 prev, v;
	u32 i;

	CHECK_EQ(op0(C, PYMM_OP_LIST_SORT, l, 0, 0).err, 0);
	prev = item_int(l, 0);
	for (i = 1; i < BIG; i += 97) {
		v = item_int(l, i);
		CHECK(v >= prev);
		prev = v;
	}
	CHECK_EQ(item_int(l, 0), 0);
	CHECK_EQ(item_int(l, BIG - 1), 10006);
	CHECK_EQ(op0(C, PYMM_OP_LIST_SORT, l, 0, 1).err, 0);
	CHECK_EQ(item_int(l, 0), 10006);
	CHECK_EQ(item_int(l, BIG - 1), 0);
	verify(C);
	closeh(C, l);
	CHECK_EQ(heap_objects(C), base);
}

/* items "an".."fn" by keys 1 0 1 0 1 0: stable, and reverse keeps ties in order */
static void test_sort_keys_stable(void)
{
	static const s64 keyv[] = { 1, 0, 1, 0, 1, 0 };
	static const char *const names[] = { "an", "bn", "cn", "dn", "en", "fn" };	/* not one-char: those are static */
	u64 hs[6], ks[6], l, keys;
	u32 i;

	for (i = 0; i < 6; i++) {
		hs[i] = new_str(C, names[i]);
		ks[i] = new_int(C, keyv[i]);
	}
	l = new_seq(C, PYMM_OP_NEW_LIST, hs, 6);
	keys = new_seq(C, PYMM_OP_NEW_LIST, ks, 6);
	CHECK_EQ(op0(C, PYMM_OP_REFCOUNT, hs[0], 0, 0).r0, 2);
	CHECK_EQ(op0(C, PYMM_OP_LIST_SORT, l, keys, 0).err, 0);
	/* b d f a c e */
	for (i = 0; i < 3; i++) {
		CHECK(item_is(l, i, hs[2 * i + 1]));
		CHECK(item_is(l, 3 + i, hs[2 * i]));
	}
	CHECK_EQ(op0(C, PYMM_OP_REFCOUNT, hs[0], 0, 0).r0, 2);
	/* reverse: a c e b d f (ties keep their order) */
	CHECK_EQ(op0(C, PYMM_OP_LIST_SORT, l, 0, 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_LIST_SORT, l, keys, 1).err, 0);
	for (i = 0; i < 6; i++)
		CHECK(item_is(l, i, hs[i < 3 ? 2 * i : 2 * (i - 3) + 1]));
	CHECK_EQ(op0(C, PYMM_OP_LIST_SORT, keys, 0, 1).err, 0);
	CHECK_EQ(item_int(keys, 0), 1);
	CHECK_EQ(item_int(keys, 5), 0);
	/* keys of another length */
	CHECK_EQ(op0(C, PYMM_OP_POP, keys, (u64)-1, 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_LIST_SORT, l, keys, 0).err, -EINVAL);
	/* a flag that is not reverse */
	CHECK_EQ(op0(C, PYMM_OP_LIST_SORT, l, 0, 2).err, -EINVAL);
	for (i = 0; i < 6; i++) {
		closeh(C, hs[i]);
		closeh(C, ks[i]);
	}
	closeh(C, l);
	closeh(C, keys);
	verify(C);
}

/* refused before anything moves: the list reads as it was */
static void test_sort_refusals(void)
{
	u64 a = new_int(C, 3), b = new_str(C, "x"), c = new_int(C, 1), inner, l, m;
	u64 three[3] = { a, b, c };
	struct res r;

	l = new_seq(C, PYMM_OP_NEW_LIST, three, 3);
	r = op0(C, PYMM_OP_LIST_SORT, l, 0, 0);
	CHECK_EQ(r.err, -EINVAL);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	CHECK_EQ(item_int(l, 0), 3);
	CHECK_EQ(item_int(l, 2), 1);
	inner = new_seq(C, PYMM_OP_NEW_LIST, &c, 1);
	three[1] = inner;
	m = new_seq(C, PYMM_OP_NEW_LIST, three, 3);
	CHECK_EQ(op0(C, PYMM_OP_LIST_SORT, m, 0, 0).err, -EOPNOTSUPP);
	CHECK_EQ(item_int(m, 0), 3);
	/* not a list */
	r = op0(C, PYMM_OP_LIST_SORT, a, 0, 0);
	CHECK_EQ(r.err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_LIST_SORT, 0xbad0001ull, 0, 0).err, -EBADF);
	closeh(C, m);
	closeh(C, inner);
	closeh(C, l);
	closeh(C, a);
	closeh(C, b);
	closeh(C, c);
	verify(C);
}

/* [3.0, nan, 1.0, 2.0] sorts to [3.0, nan, 1.0, 2.0] in python3: count_run
 * finds no run past the NaN, binarysort inserts 1.0 and 2.0 after it */
static void test_sort_nan_as_listsort(void)
{
	double vals[] = { 3.0, NAN, 1.0, 2.0 };
	u64 hs[4], l, bits;
	u32 i;

	for (i = 0; i < 4; i++) {
		memcpy(&bits, &vals[i], sizeof(bits));
		hs[i] = op0(C, PYMM_OP_NEW_FLOAT, bits, 0, 0).r0;
		CHECK(hs[i]);
	}
	l = new_seq(C, PYMM_OP_NEW_LIST, hs, 4);
	CHECK_EQ(op0(C, PYMM_OP_LIST_SORT, l, 0, 0).err, 0);
	for (i = 0; i < 4; i++)
		CHECK(item_is(l, i, hs[i]));
	for (i = 0; i < 4; i++)
		closeh(C, hs[i]);
	closeh(C, l);
	verify(C);
}

static void test_list_from(void)
{
	u64 base = heap_objects(C), a = new_int(C, 1000), b = new_int(C, 2000), two[2], t, l, d;
	struct res r;

	two[0] = a;
	two[1] = b;
	t = new_seq(C, PYMM_OP_NEW_TUPLE, two, 2);
	r = op0(C, PYMM_OP_LIST_FROM, t, 0, 0);
	CHECK_EQ(r.err, 0);
	l = r.r0;
	CHECK_EQ(op0(C, PYMM_OP_TYPE, l, 0, 0).r0, PYMM_T_LIST);
	CHECK_EQ(op0(C, PYMM_OP_LEN, l, 0, 0).r0, 2);
	CHECK_EQ(op0(C, PYMM_OP_REFCOUNT, a, 0, 0).r0, 3);	/* handle, tuple, list */
	r = op0(C, PYMM_OP_LIST_FROM, l, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK(r.r0 != l);
	closeh(C, r.r0);
	/* TUPLE_FROM: a tuple is itself, a list's items make a new one */
	r = op0(C, PYMM_OP_TUPLE_FROM, t, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK(op0(C, PYMM_OP_COMPARE, r.r0, t, PYMM_CMP_IS).r0);
	closeh(C, r.r0);
	r = op0(C, PYMM_OP_TUPLE_FROM, l, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(op0(C, PYMM_OP_TYPE, r.r0, 0, 0).r0, PYMM_T_TUPLE);
	CHECK_EQ(op0(C, PYMM_OP_REFCOUNT, a, 0, 0).r0, 4);	/* + the new tuple */
	closeh(C, r.r0);
	d = new_seq(C, PYMM_OP_NEW_DICT, NULL, 0);
	CHECK_EQ(op0(C, PYMM_OP_TUPLE_FROM, d, 0, 0).exc, PYMM_EXC_TYPE_ERROR);
	r = op0(C, PYMM_OP_LIST_FROM, d, 0, 0);
	CHECK_EQ(r.err, -EINVAL);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	closeh(C, d);
	closeh(C, l);
	closeh(C, t);
	closeh(C, a);
	closeh(C, b);
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

int main(int argc, char **argv)
{
	unit_init(argc, argv);
	C = start_core_with_heap(1000, "sort");
	if (!C)
		return unit_summary();
	RUN(test_sort_big);
	RUN(test_sort_keys_stable);
	RUN(test_sort_refusals);
	RUN(test_sort_nan_as_listsort);
	RUN(test_list_from);
	stop_core(C);
	return unit_summary();
}
