// SPDX-License-Identifier: GPL-2.0
/*
 * test_iter.c - iterator objects (core types/iter.c) through pymm_op_exec():
 * what NEW_ITER accepts, that an iterator is GC-tracked and holds its
 * sequence, that it drops the sequence when exhausted, that a dict which
 * changed size stays refused (and referenced), and that a loop over a big
 * dict needs one handle at a time.  Each scenario ends with HEAP_VERIFY and
 * the object count back where it was.
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

static u64 new_iter(u64 seq)
{
	struct res r = op0(C, PYMM_OP_NEW_ITER, seq, 0, 0);

	CHECK_EQ(r.err, 0);
	return r.r0;
}

/* the next item's handle, 0 at the end; *err the op's error */
static u64 next(u64 it, int *err)
{
	struct res r = op0(C, PYMM_OP_ITER_NEXT, it, 0, 0);

	*err = r.err;
	if (r.err || !r.r1)
		return 0;
	return r.r0;
}

static s64 read_int(u64 h)
{
	return (s64)op0(C, PYMM_OP_READ, h, 0, 0).r0;
}

static void test_list_iterator(void)
{
	u64 before = heap_objects(C), it, item, l, h[3];
	struct res t;
	int err, i;

	for (i = 0; i < 3; i++)
		h[i] = new_int(C, 1000 + i);
	l = new_seq(C, PYMM_OP_NEW_LIST, h, 3);
	for (i = 0; i < 3; i++)
		closeh(C, h[i]);
	it = new_iter(l);
	t = op0(C, PYMM_OP_TYPE, it, 0, 0);
	CHECK_EQ(t.r0, PYMM_T_ITER);
	CHECK(t.r1 & PYMM_TYPEF_GC_TRACKED);
	/* the handle and the iterator */
	CHECK_EQ(refcnt(l), 2);
	/* the iterator is the list's referrer, as gc.get_referents says */
	for (i = 0; i < 3; i++) {
		item = next(it, &err);
		CHECK_EQ(err, 0);
		CHECK_EQ(read_int(item), 1000 + i);
		closeh(C, item);
		if (i == 1) {
			/* an item appended during the loop is visited */
			u64 v = new_int(C, 2000);

			CHECK_EQ(op0(C, PYMM_OP_APPEND, l, v, 0).err, 0);
			closeh(C, v);
		}
	}
	item = next(it, &err);
	CHECK_EQ(err, 0);
	CHECK_EQ(read_int(item), 2000);
	closeh(C, item);
	CHECK_EQ(next(it, &err), 0);
	CHECK_EQ(err, 0);
	/* exhausted: the list is dropped at once */
	CHECK_EQ(refcnt(l), 1);
	CHECK_EQ(next(it, &err), 0);
	CHECK_EQ(err, 0);
	closeh(C, it);
	closeh(C, l);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

static void test_kinds(void)
{
	u64 before = heap_objects(C), s, b, t, it, item, e[1];
	struct res r;
	int err;

	s = new_str(C, "aé");
	it = new_iter(s);
	item = next(it, &err);
	CHECK_EQ(opx(C, PYMM_OP_READ, 0, item, 0, 0, NULL, 0, 64).data_len, 1);
	closeh(C, item);
	item = next(it, &err);
	CHECK_EQ(opx(C, PYMM_OP_READ, 0, item, 0, 0, NULL, 0, 64).data_len, 2);
	CHECK(!memcmp(buf, "é", 2));
	closeh(C, item);
	CHECK_EQ(next(it, &err), 0);
	closeh(C, it);
	closeh(C, s);

	r = opd(C, PYMM_OP_NEW_BYTES, 0, "\xff", 1);
	b = r.r0;
	it = new_iter(b);
	item = next(it, &err);
	CHECK_EQ(read_int(item), 255);
	closeh(C, item);
	closeh(C, it);
	closeh(C, b);

	e[0] = new_int(C, 7);
	t = new_seq(C, PYMM_OP_NEW_TUPLE, e, 1);
	closeh(C, e[0]);
	it = new_iter(t);
	/* iter(iterator) is refused here: the tool DUPs it instead */
	CHECK_EQ(op0(C, PYMM_OP_NEW_ITER, it, 0, 0).exc, PYMM_EXC_TYPE_ERROR);
	closeh(C, it);
	closeh(C, t);

	/* not iterable */
	e[0] = new_int(C, 5);
	r = op0(C, PYMM_OP_NEW_ITER, e[0], 0, 0);
	CHECK_EQ(r.err, -EINVAL);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	/* ITER_NEXT on what is not an iterator */
	r = op0(C, PYMM_OP_ITER_NEXT, e[0], 0, 0);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	closeh(C, e[0]);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

static void test_dict_changed(void)
{
	u64 before = heap_objects(C), d, it, k, v, item;
	int err;

	d = new_seq(C, PYMM_OP_NEW_DICT, NULL, 0);
	k = new_str(C, "a");
	v = new_int(C, 1);
	CHECK_EQ(op0(C, PYMM_OP_SETITEM, d, k, v).err, 0);
	it = new_iter(d);
	item = next(it, &err);
	CHECK_EQ(err, 0);
	closeh(C, item);
	closeh(C, k);
	k = new_str(C, "b");
	CHECK_EQ(op0(C, PYMM_OP_SETITEM, d, k, v).err, 0);
	CHECK_EQ(next(it, &err), 0);
	CHECK_EQ(err, -EBUSY);
	/* sticky, and the dict stays referenced (dictiter keeps di_dict) */
	CHECK_EQ(op0(C, PYMM_OP_DELITEM, d, k, 0).err, 0);
	CHECK_EQ(next(it, &err), 0);
	CHECK_EQ(err, -EBUSY);
	CHECK_EQ(refcnt(d), 2);
	closeh(C, it);
	closeh(C, k);
	closeh(C, v);
	closeh(C, d);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

/* 100,000 keys walked with the handle table's 4,096 slots */
static void test_big_dict(void)
{
	u64 before = heap_objects(C), d, it, item;
	s64 i, sum = 0, n = 0;
	int err = 0;

	d = new_seq(C, PYMM_OP_NEW_DICT, NULL, 0);
	for (i = 0; i < 100000; i++) {
		u64 k = new_int(C, i);

		CHECK_EQ(op0(C, PYMM_OP_SETITEM, d, k, k).err, 0);
		closeh(C, k);
	}
	it = new_iter(d);
	while ((item = next(it, &err))) {
		sum += read_int(item);
		n++;
		closeh(C, item);
	}
	CHECK_EQ(err, 0);
	CHECK_EQ(n, 100000);
	CHECK_EQ(sum, 4999950000ll);
	closeh(C, it);
	closeh(C, d);
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
	RUN(test_list_iterator);
	RUN(test_kinds);
	RUN(test_dict_changed);
	RUN(test_big_dict);
	pymm_client_release(C);
	CHECK_EQ(pymm_core_exit(), 0);
	return unit_summary();
}
