// SPDX-License-Identifier: GPL-2.0
/*
 * test_builtinfunc.c - builtin_function_or_method and method_descriptor
 * (core types/builtinfunc.c) through pymm_op_exec(): NEW_BUILTIN of each
 * kind, READ, BUILTIN_SELF, the count a method holds on its self, ==
 * and hash as meth_richcompare / meth_hash, identity for descriptors,
 * traversal (gc.get_referents), a list holding its own bound builtin
 * collected as a cycle, weak references; and every bad input refused
 * with nothing made: a bad kind, number, name or self, a method without
 * a self, a function with one, a descriptor of a non-class.
 */
#include <stdlib.h>
#include <string.h>

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "unit_test.h"

static struct pymm_client *C;
static u8 buf[1 << 20];

#include "op_helpers.h"

static struct res new_bf(u64 self, u64 id, u64 kind, const char *name)
{
	return opx(C, PYMM_OP_NEW_BUILTIN, 0, self, id, kind, name, strlen(name), 0);
}

static u64 refcnt(u64 h)
{
	return op0(C, PYMM_OP_REFCOUNT, h, 0, 0).r0;
}

/* the names and the static type the tests use: the heap keeps them */
static void warm_up(void)
{
	static const char *const names[] = { "upper", "lower", "len", "append", "x" };
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		closeh(C, new_bf(0, 1, PYMM_BUILTIN_FUNCTION, names[i]).r0);
	closeh(C, op0(C, PYMM_OP_CONST, PYMM_CONST_TYPE, PYMM_BTYPE_STR, 0).r0);
}

static void test_kinds(void)
{
	u64 before, s, m1, m2, m3, f, d, t, ref;
	struct res r;

	warm_up();
	before = heap_objects(C);
	s = new_str(C, "abc");

	CHECK_EQ(refcnt(s), 1);
	r = new_bf(s, 7, PYMM_BUILTIN_METHOD, "upper");
	CHECK_EQ(r.err, 0);
	m1 = r.r0;
	CHECK_EQ(refcnt(s), 2);				/* m_self is counted */
	m2 = new_bf(s, 7, PYMM_BUILTIN_METHOD, "upper").r0;
	m3 = new_bf(s, 8, PYMM_BUILTIN_METHOD, "lower").r0;
	CHECK_EQ(refcnt(s), 4);
	r = opx(C, PYMM_OP_READ, 0, m1, 0, 0, NULL, 0, 64);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 7);
	CHECK_EQ(r.r1, PYMM_BUILTIN_METHOD);
	CHECK_EQ(r.data_len, 5);
	CHECK(!memcmp(buf, "upper", 5));
	r = op0(C, PYMM_OP_TYPE, m1, 0, 0);
	CHECK_EQ(r.r0, PYMM_T_BUILTIN);
	CHECK(r.r1 & PYMM_TYPEF_GC_TRACKED);
	/* two objects, equal: the same function of the same self */
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, m1, m2, PYMM_CMP_IS).r0, 0);
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, m1, m2, PYMM_CMP_EQ).r0, 1);
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, m1, m3, PYMM_CMP_EQ).r0, 0);
	CHECK_EQ(op0(C, PYMM_OP_HASH, m1, 0, 0).r0, op0(C, PYMM_OP_HASH, m2, 0, 0).r0);
	r = op0(C, PYMM_OP_BUILTIN_SELF, m1, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, r.r0, s, PYMM_CMP_IS).r0, 1);
	closeh(C, r.r0);
	/* gc.get_referents: the self, not the name */
	CHECK_EQ(op_referents(C, m1, &t, 1), 1);
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, t, s, PYMM_CMP_IS).r0, 1);
	closeh(C, t);
	/* a module function: no self; weakly referable */
	f = new_bf(0, 3, PYMM_BUILTIN_FUNCTION, "len").r0;
	CHECK_EQ(op0(C, PYMM_OP_BUILTIN_SELF, f, 0, 0).err, -ENOENT);
	CHECK_EQ(op0(C, PYMM_OP_HASH, f, 0, 0).err, 0);
	r = op0(C, PYMM_OP_NEW_WEAKREF, f, 0, 0);
	CHECK_EQ(r.err, 0);
	ref = r.r0;
	/* a descriptor: its class, identity ==, not weakly referable */
	t = op0(C, PYMM_OP_CONST, PYMM_CONST_TYPE, PYMM_BTYPE_STR, 0).r0;
	d = new_bf(t, 7, PYMM_BUILTIN_DESCRIPTOR, "upper").r0;
	CHECK_EQ(op0(C, PYMM_OP_READ, d, 0, 0).r1, PYMM_BUILTIN_DESCRIPTOR);
	r = new_bf(t, 7, PYMM_BUILTIN_DESCRIPTOR, "upper");
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, d, r.r0, PYMM_CMP_EQ).r0, 0);
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, d, d, PYMM_CMP_EQ).r0, 1);
	closeh(C, r.r0);
	CHECK(op0(C, PYMM_OP_NEW_WEAKREF, d, 0, 0).err != 0);
	closeh(C, d);
	closeh(C, t);
	closeh(C, f);
	/* the function died: its weakref is dead */
	r = op0(C, PYMM_OP_WEAKREF_GET, ref, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(op0(C, PYMM_OP_TYPE, r.r0, 0, 0).r0, PYMM_T_NONE);
	closeh(C, r.r0);
	closeh(C, ref);
	closeh(C, m1);
	closeh(C, m2);
	closeh(C, m3);
	CHECK_EQ(refcnt(s), 1);
	closeh(C, s);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

/* every bad input refused, nothing made, nothing counted */
static void test_refusals(void)
{
	u64 before = heap_objects(C), s = new_str(C, "abc"), i = new_int(C, 5000), f;

	CHECK_EQ(new_bf(0, 1, PYMM_BUILTIN_METHOD, "upper").err, -EINVAL);	/* no self */
	CHECK_EQ(new_bf(s, 1, PYMM_BUILTIN_FUNCTION, "len").err, -EINVAL);	/* a self */
	CHECK_EQ(new_bf(s, 1, PYMM_BUILTIN_DESCRIPTOR, "upper").err, -EINVAL);	/* not a class */
	CHECK_EQ(new_bf(0, 1, PYMM_BUILTIN_DESCRIPTOR + 1, "x").err, -EINVAL);	/* kind */
	CHECK_EQ(new_bf(0, 1ull << 32, PYMM_BUILTIN_FUNCTION, "x").err, -EINVAL); /* number */
	CHECK_EQ(new_bf(0, 1, PYMM_BUILTIN_FUNCTION, "not a name").err, -EINVAL);
	CHECK_EQ(new_bf(0, 1, PYMM_BUILTIN_FUNCTION, "").err, -EINVAL);
	CHECK_EQ(new_bf(0xdead, 1, PYMM_BUILTIN_METHOD, "x").err, -EBADF);
	CHECK_EQ(op0(C, PYMM_OP_BUILTIN_SELF, s, 0, 0).err, -EINVAL);	/* not a builtin */
	CHECK_EQ(refcnt(s), 1);
	f = new_bf(0, 1, PYMM_BUILTIN_FUNCTION, "len").r0;
	closeh(C, f);
	CHECK_EQ(op0(C, PYMM_OP_BUILTIN_SELF, f, 0, 0).err, -EBADF);	/* closed */
	closeh(C, i);
	closeh(C, s);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

/* a list holding its own append: a cycle only the collector frees */
static void test_cycle(void)
{
	u64 before = heap_objects(C), l = opd(C, PYMM_OP_NEW_LIST, 0, NULL, 0).r0, m;
	struct res r;

	CHECK(l != 0);
	m = new_bf(l, 2, PYMM_BUILTIN_METHOD, "append").r0;
	CHECK_EQ(op0(C, PYMM_OP_APPEND, l, m, 0).err, 0);
	closeh(C, m);
	closeh(C, l);
	r = op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 2);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
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
	RUN(test_kinds);
	RUN(test_refusals);
	RUN(test_cycle);
	pymm_client_release(C);
	CHECK_EQ(pymm_core_exit(), 0);
	return unit_summary();
}
