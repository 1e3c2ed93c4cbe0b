// SPDX-License-Identifier: GPL-2.0
/*
 * test_cells.c - closures and defaults in the core: the cell type
 * (NEW_CELL, CELL_GET, CELL_SET) and a function's __defaults__,
 * __kwdefaults__ and __closure__ (FUNC_GET, FUNC_SET).  A function whose
 * closure cell holds the function is a cycle the collector must find with
 * CPython's count (function + closure tuple + cell); bad types are
 * refused without changing anything.
 */
#include <stdlib.h>

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "unit_test.h"

static struct pymm_client *C;
static u8 buf[1 << 20];

#include "op_helpers.h"

static u64 refcnt(struct pymm_client *c, u64 h)
{
	return op0(c, PYMM_OP_REFCOUNT, h, 0, 0).r0;
}

static u64 read_int_h(struct pymm_client *c, u64 h)
{
	return op0(c, PYMM_OP_READ, h, 0, 0).r0;
}

static u64 new_fn(struct pymm_client *c, const char *name)
{
	struct res r = opx(c, PYMM_OP_NEW_FUNCTION, 0, 1, 0, 0, name, strlen(name), 0);

	CHECK_EQ(r.err, 0);
	return r.r0;
}

static void test_cell_basics(void)
{
	u64 base = heap_objects(C), v = new_int(C, 12345), w = new_int(C, 777), cell, e;
	struct res r;

	cell = op0(C, PYMM_OP_NEW_CELL, v, 0, 0).r0;
	CHECK(cell);
	CHECK_EQ(op0(C, PYMM_OP_TYPE, cell, 0, 0).r0, PYMM_T_CELL);
	CHECK(op0(C, PYMM_OP_GC_IS_TRACKED, cell, 0, 0).r0);
	CHECK_EQ(refcnt(C, v), 2);			/* handle + cell */
	r = op0(C, PYMM_OP_CELL_GET, cell, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(read_int_h(C, r.r0), 12345);
	closeh(C, r.r0);
	CHECK_EQ(op0(C, PYMM_OP_CELL_SET, cell, w, 0).err, 0);
	CHECK_EQ(refcnt(C, v), 1);
	CHECK_EQ(refcnt(C, w), 2);
	CHECK_EQ(op0(C, PYMM_OP_CELL_SET, cell, 0, 0).err, 0);	/* del */
	CHECK_EQ(refcnt(C, w), 1);
	r = op0(C, PYMM_OP_CELL_GET, cell, 0, 0);
	CHECK_EQ(r.err, -ENOENT);
	CHECK_EQ(r.exc, PYMM_EXC_VALUE_ERROR);
	/* an empty cell from birth */
	e = op0(C, PYMM_OP_NEW_CELL, 0, 0, 0).r0;
	CHECK_EQ(op0(C, PYMM_OP_CELL_GET, e, 0, 0).err, -ENOENT);
	/* not a cell: TypeError, nothing changed */
	r = op0(C, PYMM_OP_CELL_SET, v, w, 0);
	CHECK_EQ(r.err, -EINVAL);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	CHECK_EQ(op0(C, PYMM_OP_CELL_GET, v, 0, 0).exc, PYMM_EXC_TYPE_ERROR);
	CHECK_EQ(op0(C, PYMM_OP_NEW_CELL, 0xdead0001ull, 0, 0).err, -EBADF);
	CHECK_EQ(op0(C, PYMM_OP_CELL_SET, cell, 0xdead0001ull, 0).err, -EBADF);
	/* weak references to cells are refused, as CPython's */
	CHECK_EQ(op0(C, PYMM_OP_NEW_WEAKREF, cell, 0, 0).exc, PYMM_EXC_TYPE_ERROR);
	closeh(C, e);
	closeh(C, cell);
	closeh(C, v);
	closeh(C, w);
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

static void test_defaults(void)
{
	u64 base = heap_objects(C), fn = new_fn(C, "f"), l, t, d, k, r0;
	struct res r;

	l = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	t = new_seq(C, PYMM_OP_NEW_TUPLE, &l, 1);
	r = op0(C, PYMM_OP_FUNC_GET, fn, PYMM_FUNC_DEFAULTS, 0);	/* unset: None */
	CHECK_EQ(r.err, 0);
	CHECK_EQ(op0(C, PYMM_OP_TYPE, r.r0, 0, 0).r0, PYMM_T_NONE);
	closeh(C, r.r0);
	CHECK_EQ(op0(C, PYMM_OP_FUNC_SET, fn, PYMM_FUNC_DEFAULTS, t).err, 0);
	CHECK_EQ(refcnt(C, t), 2);
	r = op0(C, PYMM_OP_FUNC_GET, fn, PYMM_FUNC_DEFAULTS, 0);
	CHECK_EQ(r.r0 != 0, 1);
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, r.r0, t, PYMM_CMP_IS).r0, 1);
	closeh(C, r.r0);
	/* __defaults__ must be a tuple, __kwdefaults__ a dict: nothing changes */
	r = op0(C, PYMM_OP_FUNC_SET, fn, PYMM_FUNC_DEFAULTS, l);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	CHECK_EQ(refcnt(C, t), 2);
	CHECK_EQ(op0(C, PYMM_OP_FUNC_SET, fn, PYMM_FUNC_KWDEFAULTS, t).exc,
		 PYMM_EXC_TYPE_ERROR);
	CHECK_EQ(op0(C, PYMM_OP_FUNC_SET, fn, 99, t).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_FUNC_GET, fn, 0, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_FUNC_GET, l, PYMM_FUNC_DEFAULTS, 0).exc, PYMM_EXC_TYPE_ERROR);
	d = opd(C, PYMM_OP_NEW_DICT, 0, NULL, 0).r0;
	CHECK_EQ(op0(C, PYMM_OP_FUNC_SET, fn, PYMM_FUNC_KWDEFAULTS, d).err, 0);
	/* the function's referents: its name, the defaults tuple, the kwdefaults dict */
	r = opx(C, PYMM_OP_GC_GET_REFERENTS, 0, fn, 0, 0, NULL, 0, 64);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.data_len, 24);
	for (k = 0; k < r.data_len / 8; k++) {
		memcpy(&r0, buf + 8 * k, 8);
		closeh(C, r0);
	}
	/* None unsets */
	k = op0(C, PYMM_OP_CONST, PYMM_CONST_NONE, 0, 0).r0;
	CHECK_EQ(op0(C, PYMM_OP_FUNC_SET, fn, PYMM_FUNC_DEFAULTS, k).err, 0);
	CHECK_EQ(refcnt(C, t), 1);
	CHECK_EQ(op0(C, PYMM_OP_FUNC_SET, fn, PYMM_FUNC_DEFAULTS, t).err, 0);
	closeh(C, k);
	closeh(C, t);
	closeh(C, l);
	closeh(C, d);
	closeh(C, fn);			/* frees the tuple, the list and the dict */
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

static void test_closure_cycle(void)
{
	u64 base = heap_objects(C), fn = new_fn(C, "inner"), cell, t, tv, v = new_int(C, 5005);
	struct res r;

	cell = op0(C, PYMM_OP_NEW_CELL, fn, 0, 0).r0;
	t = new_seq(C, PYMM_OP_NEW_TUPLE, &cell, 1);
	tv = new_seq(C, PYMM_OP_NEW_TUPLE, &v, 1);
	/* only a tuple of cells, set once */
	r = op0(C, PYMM_OP_FUNC_SET, fn, PYMM_FUNC_CLOSURE, tv);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	closeh(C, tv);
	CHECK_EQ(op0(C, PYMM_OP_FUNC_SET, fn, PYMM_FUNC_CLOSURE, t).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_FUNC_SET, fn, PYMM_FUNC_CLOSURE, t).err, -EBUSY);
	closeh(C, t);
	closeh(C, cell);
	closeh(C, fn);
	/* function -> closure tuple -> cell -> function: only the collector */
	CHECK_EQ(heap_objects(C), base + 5);	/* + its name, the int */
	r = op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 3);
	closeh(C, v);
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

/*
 * __globals__ (exec(src, d)'s defs): only a dict, set once, read back;
 * function -> d -> function is the cycle test_gc's test_function counts:
 * 2, the dict and the function.
 */
static void test_globals_cycle(void)
{
	u64 base = heap_objects(C), fn = new_fn(C, "f"), k = new_str(C, "f");
	u64 d = opd(C, PYMM_OP_NEW_DICT, 0, NULL, 0).r0, l = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	struct res r;

	r = op0(C, PYMM_OP_FUNC_SET, fn, PYMM_FUNC_GLOBALS, l);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	closeh(C, l);
	CHECK_EQ(op0(C, PYMM_OP_FUNC_SET, fn, PYMM_FUNC_GLOBALS, d).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_FUNC_SET, fn, PYMM_FUNC_GLOBALS, d).err, -EBUSY);
	r = op0(C, PYMM_OP_FUNC_GET, fn, PYMM_FUNC_GLOBALS, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(op0(C, PYMM_OP_ID, r.r0, 0, 0).r0, op0(C, PYMM_OP_ID, d, 0, 0).r0);
	closeh(C, r.r0);
	CHECK_EQ(op0(C, PYMM_OP_SETITEM, d, k, fn).err, 0);
	closeh(C, k);
	closeh(C, fn);
	closeh(C, d);
	verify(C);
	r = op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 2);
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

/* sys.getsizeof(): the object's block, plus a list's items or a dict's table */
static void test_sizeof(void)
{
	u64 base = heap_objects(C), l = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0), v = new_int(C, 9);
	u64 d = opd(C, PYMM_OP_NEW_DICT, 0, NULL, 0).r0, s0, s1, i;
	struct res r;

	s0 = op0(C, PYMM_OP_SIZEOF, l, 0, 0).r0;
	CHECK(s0 >= 32);
	for (i = 0; i < 10; i++)
		CHECK_EQ(op0(C, PYMM_OP_APPEND, l, v, 0).err, 0);
	s1 = op0(C, PYMM_OP_SIZEOF, l, 0, 0).r0;
	CHECK(s1 >= s0 + 10 * 8);
	s0 = op0(C, PYMM_OP_SIZEOF, d, 0, 0).r0;
	CHECK_EQ(op0(C, PYMM_OP_SETITEM, d, v, v).err, 0);
	CHECK(op0(C, PYMM_OP_SIZEOF, d, 0, 0).r0 > s0);
	r = op0(C, PYMM_OP_SIZEOF, 0xbad0001ull, 0, 0);
	CHECK_EQ(r.err, -EBADF);
	closeh(C, l);
	closeh(C, d);
	closeh(C, v);
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

/*
 * hash() of a bound method is 3.11's meth_hash: the identity hash of
 * __self__ xor hash(__func__), so equal methods hash alike and a method
 * of an unhashable object ([].append) still hashes.  Nothing else in the
 * tests asked for it (issue #16 item 6: method.c's uncovered lines).
 */
static void test_method_hash(void)
{
	u64 base = heap_objects(C), f = new_fn(C, "m"), l = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	u64 self = new_int(C, 123456), m1, m2, m3;
	struct res h1, h2, h3;

	m1 = op0(C, PYMM_OP_NEW_METHOD, f, self, 0).r0;
	m2 = op0(C, PYMM_OP_NEW_METHOD, f, self, 0).r0;
	m3 = op0(C, PYMM_OP_NEW_METHOD, f, l, 0).r0;
	CHECK(m1 && m2 && m3 && m1 != m2);
	h1 = op0(C, PYMM_OP_HASH, m1, 0, 0);
	h2 = op0(C, PYMM_OP_HASH, m2, 0, 0);
	h3 = op0(C, PYMM_OP_HASH, m3, 0, 0);
	CHECK_EQ(h1.err, 0);
	CHECK_EQ(h2.err, 0);
	CHECK_EQ(h3.err, 0);		/* the list itself is unhashable */
	CHECK_EQ(h1.r0, h2.r0);
	CHECK((s64)h1.r0 != -1 && (s64)h3.r0 != -1);
	CHECK_EQ(op0(C, PYMM_OP_HASH, l, 0, 0).exc, PYMM_EXC_TYPE_ERROR);
	closeh(C, m1);
	closeh(C, m2);
	closeh(C, m3);
	closeh(C, self);
	closeh(C, l);
	closeh(C, f);
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

int main(int argc, char **argv)
{
	struct pymm_core_params p = {
		.heap_quota = 64ull << 20,
		.max_heaps_per_user = 4,
		.max_frame_depth = 1000,
		.max_handles = 4096,
		.arena_shift = PYMM_ARENA_SHIFT_SMALL,
		.pool_shift = PYMM_POOL_SHIFT_SMALL,
	};
	u64 leaks;

	unit_init(argc, argv);
	if (pymm_core_init(&p))
		return 1;
	C = client(1000, PYMM_DEFAULT_HEAP);
	RUN(test_cell_basics);
	RUN(test_defaults);
	RUN(test_closure_cycle);
	RUN(test_globals_cycle);
	RUN(test_sizeof);
	RUN(test_method_hash);
	pymm_client_release(C);
	leaks = pymm_core_exit();
	CHECK_EQ(leaks, 0);
	return unit_summary();
}
