// SPDX-License-Identifier: GPL-2.0
/*
 * test_views.c - dict views (core types/dictview.c) through
 * pymm_op_exec(): a view is tracked and holds its dict, its length
 * follows the dict, its iterators yield keys, values and (key, value)
 * tuples, a size change stops them, and the dict lives while a view does.
 */
#include <stdlib.h>

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "unit_test.h"

static struct pymm_client *C;
static u8 buf[1 << 20];

#include "op_helpers.h"

static u64 refcnt(u64 h)
{
	return op0(C, PYMM_OP_REFCOUNT, h, 0, 0).r0;
}

static void test_views(void)
{
	u64 before = heap_objects(C), kv[4], d, v[4], it, x;
	struct res r;
	int k;

	kv[0] = new_int(C, 1000);
	kv[1] = new_int(C, 2000);
	kv[2] = new_int(C, 3000);
	kv[3] = new_int(C, 4000);
	d = new_seq(C, PYMM_OP_NEW_DICT, kv, 4);
	for (k = PYMM_VIEW_KEYS; k <= PYMM_VIEW_ITEMS; k++) {
		r = op0(C, PYMM_OP_NEW_DICTVIEW, d, k, 0);
		CHECK_EQ(r.err, 0);
		v[k] = r.r0;
		CHECK(op0(C, PYMM_OP_TYPE, v[k], 0, 0).r1 & PYMM_TYPEF_GC_TRACKED);
		CHECK_EQ(op0(C, PYMM_OP_READ, v[k], 0, 0).r1, k);
	}
	CHECK_EQ(refcnt(d), 4);
	CHECK_EQ(op0(C, PYMM_OP_NEW_DICTVIEW, kv[0], PYMM_VIEW_KEYS, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_NEW_DICTVIEW, d, 4, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_LEN, v[PYMM_VIEW_KEYS], 0, 0).r0, 2);
	/* values, then items */
	r = op0(C, PYMM_OP_NEW_ITER, v[PYMM_VIEW_VALUES], 0, 0);
	CHECK_EQ(r.r1, PYMM_ITER_DICT_VALUES);
	it = r.r0;
	r = op0(C, PYMM_OP_ITER_NEXT, it, 0, 0);
	CHECK_EQ((s64)op0(C, PYMM_OP_READ, r.r0, 0, 0).r0, 2000);
	closeh(C, r.r0);
	closeh(C, it);
	r = op0(C, PYMM_OP_NEW_ITER, v[PYMM_VIEW_ITEMS], 0, 0);
	CHECK_EQ(r.r1, PYMM_ITER_DICT_ITEMS);
	it = r.r0;
	r = op0(C, PYMM_OP_ITER_NEXT, it, 0, 0);
	CHECK_EQ(op0(C, PYMM_OP_TYPE, r.r0, 0, 0).r0, PYMM_T_TUPLE);
	CHECK_EQ(op0(C, PYMM_OP_LEN, r.r0, 0, 0).r0, 2);
	closeh(C, r.r0);
	/* the dict grows: the item iterator stops for good */
	x = new_int(C, 5000);
	CHECK_EQ(op0(C, PYMM_OP_SETITEM, d, x, kv[3]).err, 0);
	closeh(C, x);
	CHECK_EQ(op0(C, PYMM_OP_ITER_NEXT, it, 0, 0).err, -EBUSY);
	closeh(C, it);
	CHECK_EQ(op0(C, PYMM_OP_LEN, v[PYMM_VIEW_ITEMS], 0, 0).r0, 3);
	/* the dict lives on in its views; the view's dict comes back */
	closeh(C, d);
	r = op0(C, PYMM_OP_NEW_DICTVIEW, v[PYMM_VIEW_KEYS], 0, 0);
	CHECK_EQ(r.err, 0);
	x = r.r0;
	CHECK_EQ(op0(C, PYMM_OP_TYPE, x, 0, 0).r0, PYMM_T_DICT);
	closeh(C, x);
	for (k = PYMM_VIEW_KEYS; k <= PYMM_VIEW_ITEMS; k++)
		closeh(C, v[k]);
	for (k = 0; k < 4; k++)
		closeh(C, kv[k]);
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
	RUN(test_views);
	pymm_client_release(C);
	CHECK_EQ(pymm_core_exit(), 0);
	return unit_summary();
}
