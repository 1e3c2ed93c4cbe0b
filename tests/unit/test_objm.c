// SPDX-License-Identifier: GPL-2.0
/*
 * test_objm.c - object() (module/core/types/baseobj.c), driven through
 * the ops a script's interpreter uses: NEW_INSTANCE of the heap's
 * `object` makes a bare object as CPython 3.11's object_new does (no GC
 * header, untracked, no generation count, no attributes, no weak
 * references, hashed by identity, type() is `object`), freed at its last
 * reference.  python3 3.11 gives every expected figure (comments).
 */
#include <stdlib.h>

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "unit_test.h"

static u8 buf[1 << 16];

#include "op_helpers.h"

static struct pymm_client *C;

static u64 id_of(u64 h)
{
	return op0(C, PYMM_OP_ID, h, 0, 0).r0;
}

static u64 count0(void)
{
	u64 c[3];
	struct res r = opx(C, PYMM_OP_GC_GET_COUNT, 0, 0, 0, 0, NULL, 0, sizeof(c));

	CHECK_EQ(r.err, 0);
	memcpy(c, buf, sizeof(c));
	return c[0];
}

static void test_object_new(void)
{
	u64 obj, x, y, cls, v, objs, c0;
	struct res r;
	s64 hx;

	obj = op0(C, PYMM_OP_CONST, PYMM_CONST_OBJECT, 0, 0).r0;
	objs = heap_objects(C);
	c0 = count0();
	x = op0(C, PYMM_OP_NEW_INSTANCE, obj, 0, 0).r0;
	CHECK_EQ(op0(C, PYMM_OP_TYPE, x, 0, 0).r0, PYMM_T_OBJECT);
	/* gc.is_tracked(object()) is False; no gen-0 count either */
	CHECK_EQ(op0(C, PYMM_OP_GC_IS_TRACKED, x, 0, 0).r0, 0);
	CHECK_EQ(count0(), c0);
	CHECK_EQ(heap_objects(C), objs + 1);
	CHECK_EQ(op0(C, PYMM_OP_REFCOUNT, x, 0, 0).r0, 1);
	/* type(x) is object */
	r = opx(C, PYMM_OP_GETATTR, 0, x, 0, 0, "__class__", 9, 0);
	CHECK_EQ(r.err, 0);
	cls = r.r0;
	CHECK_EQ(id_of(cls), id_of(obj));
	closeh(C, cls);
	/* 'object' object has no attribute 'a': neither read nor written */
	r = opx(C, PYMM_OP_GETATTR, 0, x, 0, 0, "a", 1, 0);
	CHECK_EQ(r.err, -ENOENT);
	CHECK_EQ(r.exc, PYMM_EXC_ATTRIBUTE_ERROR);
	v = new_int(C, 7);
	r = opx(C, PYMM_OP_SETATTR, 0, x, v, 0, "a", 1, 0);
	CHECK_EQ(r.err, -ENOENT);
	CHECK_EQ(r.exc, PYMM_EXC_ATTRIBUTE_ERROR);
	r = opx(C, PYMM_OP_LOAD_METHOD, 0, x, 0, 0, "__init__", 8, 0);
	CHECK_EQ(r.err, -ENOENT);
	/* cannot create weak reference to 'object' object */
	r = op0(C, PYMM_OP_NEW_WEAKREF, x, 0, 0);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	/* hashed by identity: two objects, two hashes, each stable */
	y = op0(C, PYMM_OP_NEW_INSTANCE, obj, 0, 0).r0;
	r = op0(C, PYMM_OP_HASH, x, 0, 0);
	CHECK_EQ(r.err, 0);
	hx = (s64)r.r0;
	CHECK_EQ((s64)op0(C, PYMM_OP_HASH, x, 0, 0).r0, hx);
	CHECK((s64)op0(C, PYMM_OP_HASH, y, 0, 0).r0 != hx);
	CHECK_EQ(count0(), c0);
	/* a dict key; a list item counts as any reference */
	{
		u64 kv[2] = { x, v }, d, l;

		d = new_seq(C, PYMM_OP_NEW_DICT, kv, 2);
		l = new_seq(C, PYMM_OP_NEW_LIST, kv, 1);
		CHECK_EQ(op0(C, PYMM_OP_REFCOUNT, x, 0, 0).r0, 3);
		r = op0(C, PYMM_OP_GETITEM, d, x, 0);
		CHECK_EQ(r.err, 0);
		closeh(C, r.r0);
		r = op0(C, PYMM_OP_GETITEM, d, y, 0);
		CHECK_EQ(r.err, -ENOENT);
		closeh(C, d);
		closeh(C, l);
	}
	verify(C);
	closeh(C, x);
	closeh(C, y);
	closeh(C, v);
	CHECK_EQ(heap_objects(C), objs);
	closeh(C, obj);
	verify(C);
}

int main(int argc, char **argv)
{
	unit_init(argc, argv);
	C = start_core_with_heap(1000, "objm");
	if (!C)
		return 1;
	CHECK_EQ(op0(C, PYMM_OP_GC_DISABLE, 0, 0, 0).err, 0);
	RUN(test_object_new);
	stop_core(C);
	return unit_summary();
}
