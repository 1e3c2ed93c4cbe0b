// SPDX-License-Identifier: GPL-2.0
/*
 * test_objm.c - object() (module/core/types/baseobj.c), driven through
 * the ops a script's interpreter uses: NEW_INSTANCE of the heap's
 * `object` makes a bare object as CPython 3.11's object_new does (no GC
 * header, untracked, no generation count, no attributes, no weak
 * references, hashed by identity, type() is `object`), freed at its last
 * reference; instances of classes derived from list and dict
 * (types/subobj.c): one GC object, a lazy __dict__, subtype_traverse's
 * referents, the collector's counts for cycles through them, and what is
 * refused.  python3 3.11 gives every expected figure (comments).
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

static u64 collect(void)
{
	return op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0).r0;
}

static void setattr_ok(u64 o, const char *name, u64 v)
{
	CHECK_EQ(opx(C, PYMM_OP_SETATTR, 0, o, v, 0, name, strlen(name), 0).err, 0);
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

static u64 subclass_of(u32 which, const char *name)
{
	u64 base = op0(C, PYMM_OP_CONST, which, 0, 0).r0, t, cls;
	struct res r;

	t = new_seq(C, PYMM_OP_NEW_TUPLE, &base, 1);
	r = opx(C, PYMM_OP_CLASS_NEW, 0, 0, t, 0, name, strlen(name), 0);
	CHECK_EQ(r.err, 0);
	cls = r.r0;
	closeh(C, t);
	closeh(C, base);
	return cls;
}

/* class Stack(list): one GC object that is a list, a class and a lazy __dict__ */
static void test_list_subclass(void)
{
	u64 cls, s, v[2], refs[8], d, c0, mro;
	struct res r;
	u32 n;

	cls = subclass_of(PYMM_CONST_LIST, "Stack");
	/* Stack.__mro__ is (Stack, list, object) */
	mro = op0(C, PYMM_OP_LEN, (mro = opx(C, PYMM_OP_GETATTR, 0, cls, 0, 0, "__mro__", 7,
					     0).r0), 0, 0).r0 == 3 ? mro : 0;
	CHECK(mro != 0);
	closeh(C, mro);
	c0 = count0();
	s = op0(C, PYMM_OP_NEW_INSTANCE, cls, 0, 0).r0;
	CHECK_EQ(count0(), c0 + 1);	/* one GC allocation */
	CHECK_EQ(op0(C, PYMM_OP_TYPE, s, 0, 0).r0, PYMM_T_LIST);
	CHECK(op0(C, PYMM_OP_TYPE, s, 0, 0).r1 & PYMM_TYPEF_SUBCLASS);
	CHECK(op0(C, PYMM_OP_GC_IS_TRACKED, s, 0, 0).r0);
	v[0] = new_int(C, 1001);
	v[1] = new_int(C, 1002);
	CHECK_EQ(op0(C, PYMM_OP_APPEND, s, v[0], 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_APPEND, s, v[1], 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_LEN, s, 0, 0).r0, 2);
	/* referents: the type, then the items last to first */
	n = op_referents(C, s, refs, 8);
	CHECK_EQ(n, 3);
	CHECK_EQ(id_of(refs[0]), id_of(cls));
	CHECK_EQ(id_of(refs[1]), id_of(v[1]));
	close_handles(C, refs, n);
	/* the first attribute makes the __dict__: referents dict, type, items */
	setattr_ok(s, "x", v[0]);
	n = op_referents(C, s, refs, 8);
	CHECK_EQ(n, 4);
	CHECK_EQ(op0(C, PYMM_OP_TYPE, refs[0], 0, 0).r0, PYMM_T_DICT);
	close_handles(C, refs, n);
	r = opx(C, PYMM_OP_GETATTR, 0, s, 0, 0, "x", 1, 0);
	CHECK_EQ(id_of(r.r0), id_of(v[0]));
	closeh(C, r.r0);
	r = opx(C, PYMM_OP_GETATTR, 0, s, 0, 0, "nope", 4, 0);
	CHECK_EQ(r.exc, PYMM_EXC_ATTRIBUTE_ERROR);
	d = opx(C, PYMM_OP_GETATTR, 0, s, 0, 0, "__dict__", 8, 0).r0;
	CHECK_EQ(op0(C, PYMM_OP_LEN, d, 0, 0).r0, 1);
	closeh(C, d);
	/* weakly referable, as CPython's subclasses */
	r = op0(C, PYMM_OP_NEW_WEAKREF, s, 0, 0);
	CHECK_EQ(r.err, 0);
	closeh(C, r.r0);
	/*
	 * s.append(s); del s: 1, as python3 says: the __dict__ holds an int
	 * only, so it was never tracked (MAINTAIN_TRACKING)
	 */
	CHECK_EQ(op0(C, PYMM_OP_APPEND, s, s, 0).err, 0);
	verify(C);
	closeh(C, s);
	CHECK_EQ(collect(), 1);
	/* s.x = []; s.append(s): the list, its (tracked) dict, []: 3 */
	s = op0(C, PYMM_OP_NEW_INSTANCE, cls, 0, 0).r0;
	d = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	setattr_ok(s, "x", d);
	closeh(C, d);
	CHECK_EQ(op0(C, PYMM_OP_APPEND, s, s, 0).err, 0);
	closeh(C, s);
	CHECK_EQ(collect(), 3);
	closeh(C, v[0]);
	closeh(C, v[1]);
	closeh(C, cls);
	collect();
	verify(C);
}

/* class Registry(dict): r['me'] = r collects 1; never untracked */
static void test_dict_subclass(void)
{
	u64 cls, r1, k, v;

	cls = subclass_of(PYMM_CONST_DICT, "Registry");
	r1 = op0(C, PYMM_OP_NEW_INSTANCE, cls, 0, 0).r0;
	CHECK_EQ(op0(C, PYMM_OP_TYPE, r1, 0, 0).r0, PYMM_T_DICT);
	k = new_str(C, "a");
	v = new_int(C, 1);
	CHECK_EQ(op0(C, PYMM_OP_SETITEM, r1, k, v).err, 0);
	collect();	/* untrack_dicts leaves a subclass alone */
	CHECK(op0(C, PYMM_OP_GC_IS_TRACKED, r1, 0, 0).r0);
	CHECK_EQ(op0(C, PYMM_OP_SETITEM, r1, k, r1).err, 0);
	closeh(C, r1);
	CHECK_EQ(collect(), 1);
	closeh(C, k);
	closeh(C, v);
	closeh(C, cls);
	collect();
	verify(C);
}

/* a class of bases (tuple,) and namespace ns (0: none) */
static u64 tuple_class(u64 base, u64 ns, const char *name)
{
	u64 t = new_seq(C, PYMM_OP_NEW_TUPLE, &base, 1);
	struct res r = opx(C, PYMM_OP_CLASS_NEW, 0, ns, t, 0, name, strlen(name), 0);

	CHECK_EQ(r.err, 0);
	closeh(C, t);
	return r.r0;
}

/*
 * class T(tuple) and namedtuple's `__slots__ = ()` (TUPLE_SUB_NEW): a
 * tuple with a class after its items, hashing as the plain tuple; the
 * empty slots leave no __dict__ nor weak references; bad input refused.
 */
static void test_tuple_subclass(void)
{
	u64 tb, cls, nt, sub, items, v[2], plain, s, e, refs[8], kv[2], ns, lcls;
	struct res r;
	u32 n;

	tb = op0(C, PYMM_OP_CONST, PYMM_CONST_TYPE, PYMM_BTYPE_TUPLE, 0).r0;
	cls = tuple_class(tb, 0, "T");
	v[0] = new_int(C, 1001);
	v[1] = new_int(C, 1002);
	items = new_seq(C, PYMM_OP_NEW_LIST, v, 2);
	plain = new_seq(C, PYMM_OP_NEW_TUPLE, v, 2);
	s = op0(C, PYMM_OP_TUPLE_SUB_NEW, cls, items, 0).r0;
	CHECK_EQ(op0(C, PYMM_OP_TYPE, s, 0, 0).r0, PYMM_T_TUPLE);
	CHECK(op0(C, PYMM_OP_TYPE, s, 0, 0).r1 & PYMM_TYPEF_SUBCLASS);
	CHECK_EQ(op0(C, PYMM_OP_LEN, s, 0, 0).r0, 2);
	CHECK_EQ(op0(C, PYMM_OP_HASH, s, 0, 0).r0, op0(C, PYMM_OP_HASH, plain, 0, 0).r0);
	CHECK(op0(C, PYMM_OP_GC_IS_TRACKED, s, 0, 0).r0);
	/* referents: the type, then the items last to first */
	n = op_referents(C, s, refs, 8);
	CHECK_EQ(n, 3);
	CHECK_EQ(id_of(refs[0]), id_of(cls));
	CHECK_EQ(id_of(refs[1]), id_of(v[1]));
	close_handles(C, refs, n);
	/* never untracked (untrack_tuples: exact tuples); tuple(t) a copy */
	collect();
	CHECK(op0(C, PYMM_OP_GC_IS_TRACKED, s, 0, 0).r0);
	r = op0(C, PYMM_OP_TUPLE_FROM, s, 0, 0);
	CHECK(id_of(r.r0) != id_of(s));
	CHECK_EQ(op0(C, PYMM_OP_TYPE, r.r0, 0, 0).r1 & PYMM_TYPEF_SUBCLASS, 0);
	closeh(C, r.r0);
	/* t.me = t; del t: the tuple and its __dict__ */
	setattr_ok(s, "me", s);
	closeh(C, s);
	CHECK_EQ(collect(), 2);
	/* of the static tuple itself: a plain tuple; no items: () itself */
	s = op0(C, PYMM_OP_TUPLE_SUB_NEW, tb, items, 0).r0;
	CHECK_EQ(op0(C, PYMM_OP_TYPE, s, 0, 0).r1 & PYMM_TYPEF_SUBCLASS, 0);
	closeh(C, s);
	e = new_seq(C, PYMM_OP_NEW_TUPLE, NULL, 0);
	s = op0(C, PYMM_OP_TUPLE_SUB_NEW, tb, e, 0).r0;
	CHECK_EQ(id_of(s), id_of(e));
	closeh(C, s);
	/* an empty subclass instance is its own object */
	s = op0(C, PYMM_OP_TUPLE_SUB_NEW, cls, e, 0).r0;
	CHECK(id_of(s) != id_of(e));
	closeh(C, s);
	/* __slots__ = (): no __dict__, no weak references; a subclass has them */
	kv[0] = new_str(C, "__slots__");
	kv[1] = e;
	ns = new_seq(C, PYMM_OP_NEW_DICT, kv, 2);
	nt = tuple_class(tb, ns, "P");
	s = op0(C, PYMM_OP_TUPLE_SUB_NEW, nt, items, 0).r0;
	r = opx(C, PYMM_OP_SETATTR, 0, s, v[0], 0, "z", 1, 0);
	CHECK_EQ(r.exc, PYMM_EXC_ATTRIBUTE_ERROR);
	CHECK(op0(C, PYMM_OP_NEW_WEAKREF, s, 0, 0).err != 0);
	closeh(C, s);
	sub = tuple_class(nt, 0, "Q");
	s = op0(C, PYMM_OP_TUPLE_SUB_NEW, sub, items, 0).r0;
	setattr_ok(s, "z", v[0]);
	closeh(C, s);
	/* bad input: not a tuple class, items neither a tuple nor a list */
	lcls = subclass_of(PYMM_CONST_LIST, "L");
	CHECK_EQ(op0(C, PYMM_OP_TUPLE_SUB_NEW, lcls, items, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_TUPLE_SUB_NEW, v[0], items, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_TUPLE_SUB_NEW, cls, v[0], 0).err, -EINVAL);
	close_handles(C, kv, 2);
	close_handles(C, v, 2);
	closeh(C, ns);
	closeh(C, items);
	closeh(C, plain);
	closeh(C, lcls);
	closeh(C, sub);
	closeh(C, nt);
	closeh(C, cls);
	closeh(C, tb);
	collect();
	verify(C);
}

/* class X(list, dict): lay-out conflict; __del__ on a list base: refused */
static void test_subclass_refusals(void)
{
	u64 b[2], t, ns, f, kv[2];
	struct res r;

	b[0] = op0(C, PYMM_OP_CONST, PYMM_CONST_LIST, 0, 0).r0;
	b[1] = op0(C, PYMM_OP_CONST, PYMM_CONST_DICT, 0, 0).r0;
	t = new_seq(C, PYMM_OP_NEW_TUPLE, b, 2);
	r = opx(C, PYMM_OP_CLASS_NEW, 0, 0, t, 0, "X", 1, 0);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	CHECK_EQ(r.r1, PYMM_CLASSERR_LAYOUT);
	closeh(C, t);
	f = opx(C, PYMM_OP_NEW_FUNCTION, 0, 11, 0, 0, "__del__", 7, 0).r0;
	kv[0] = new_str(C, "__del__");
	kv[1] = f;
	ns = new_seq(C, PYMM_OP_NEW_DICT, kv, 2);
	t = new_seq(C, PYMM_OP_NEW_TUPLE, b, 1);
	r = opx(C, PYMM_OP_CLASS_NEW, 0, ns, t, 0, "Y", 1, 0);
	CHECK_EQ(r.err, -EINVAL);
	CHECK_EQ(r.r1, PYMM_CLASSERR_SUBCLASS);
	close_handles(C, kv, 2);
	closeh(C, ns);
	/* __missing__ and __repr__ on a dict base: dispatched, so accepted */
	f = opx(C, PYMM_OP_NEW_FUNCTION, 0, 11, 0, 0, "__missing__", 11, 0).r0;
	kv[0] = new_str(C, "__missing__");
	kv[1] = f;
	ns = new_seq(C, PYMM_OP_NEW_DICT, kv, 2);
	closeh(C, t);
	t = new_seq(C, PYMM_OP_NEW_TUPLE, &b[1], 1);
	r = opx(C, PYMM_OP_CLASS_NEW, 0, ns, t, 0, "Z", 1, 0);
	CHECK_EQ(r.err, 0);
	closeh(C, r.r0);
	close_handles(C, kv, 2);
	close_handles(C, b, 2);
	closeh(C, ns);
	closeh(C, t);
	collect();
	verify(C);
}

/*
 * PYMM_CONST_TYPE: one static type per builtin type and heap, immortal and
 * untracked (no GC allocation), named; LIST/DICT are PYMM_CONST_LIST/DICT's;
 * a bad PYMM_BTYPE_* or an arg1 on another constant is refused.
 */
static void test_static_btypes(void)
{
	u64 i1, i2, l1, l2, c0 = count0(), n;
	struct res r;

	i1 = op0(C, PYMM_OP_CONST, PYMM_CONST_TYPE, PYMM_BTYPE_INT, 0).r0;
	i2 = op0(C, PYMM_OP_CONST, PYMM_CONST_TYPE, PYMM_BTYPE_INT, 0).r0;
	CHECK(i1 && i2);
	CHECK_EQ(id_of(i1), id_of(i2));
	CHECK_EQ(count0(), c0);
	CHECK_EQ(op0(C, PYMM_OP_TYPE, i1, 0, 0).r0, PYMM_T_CLASS);
	CHECK(op0(C, PYMM_OP_TYPE, i1, 0, 0).r1 & PYMM_TYPEF_IMMORTAL);
	CHECK_EQ(op0(C, PYMM_OP_GC_IS_TRACKED, i1, 0, 0).r0, 0);
	n = opx(C, PYMM_OP_GETATTR, 0, i1, 0, 0, "__name__", 8, 0).r0;
	CHECK(n != 0);
	CHECK_EQ(op0(C, PYMM_OP_LEN, n, 0, 0).r0, 3);
	closeh(C, n);
	l1 = op0(C, PYMM_OP_CONST, PYMM_CONST_TYPE, PYMM_BTYPE_LIST, 0).r0;
	l2 = op0(C, PYMM_OP_CONST, PYMM_CONST_LIST, 0, 0).r0;
	CHECK_EQ(id_of(l1), id_of(l2));
	r = op0(C, PYMM_OP_CONST, PYMM_CONST_TYPE, 0, 0);
	CHECK_EQ(r.err, -EINVAL);
	r = op0(C, PYMM_OP_CONST, PYMM_CONST_TYPE, PYMM_BTYPE_MAX, 0);
	CHECK_EQ(r.err, -EINVAL);
	r = op0(C, PYMM_OP_CONST, PYMM_CONST_NONE, PYMM_BTYPE_INT, 0);
	CHECK_EQ(r.err, -EINVAL);
	closeh(C, i1);
	closeh(C, i2);
	closeh(C, l1);
	closeh(C, l2);
	collect();
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
	RUN(test_list_subclass);
	RUN(test_dict_subclass);
	RUN(test_tuple_subclass);
	RUN(test_subclass_refusals);
	RUN(test_static_btypes);
	stop_core(C);
	return unit_summary();
}
