// SPDX-License-Identifier: GPL-2.0
/*
 * test_descr.c - property, staticmethod, classmethod and member
 * descriptors (types/descr.c), __slots__ (types/slots.c) and the iterator
 * objects of builtins (types/iterobj.c), through the ops a script's
 * interpreter uses: what each holds, how attribute lookup applies them,
 * the result tuple enumerate reuses, reversed stepping, and the bad
 * inputs refused before anything changes.  The heap verifies after each.
 */
#include <stdlib.h>

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "unit_test.h"

static u8 buf[1 << 20];

#include "op_helpers.h"

static struct pymm_client *C;

static u64 id_of(u64 h)
{
	return op0(C, PYMM_OP_ID, h, 0, 0).r0;
}

static u32 nreferents(u64 h)
{
	struct res r = opx(C, PYMM_OP_GC_GET_REFERENTS, 0, h, 0, 0, NULL, 0, 4096);
	u32 n = (u32)r.r0, i;
	u64 x;

	CHECK_EQ(r.err, 0);
	for (i = 0; i < n; i++) {
		memcpy(&x, buf + 8 * i, 8);
		closeh(C, x);
	}
	return n;
}

static u64 function(const char *name, u64 token)
{
	struct res r = opx(C, PYMM_OP_NEW_FUNCTION, 0, token, 0, 0, name, strlen(name), 0);

	CHECK_EQ(r.err, 0);
	return r.r0;
}

static struct res attr(u32 code, u64 o, const char *name, u64 v)
{
	return opx(C, code, 0, o, v, 0, name, strlen(name), 0);
}

static u64 dict_of(const char *k1, u64 v1, const char *k2, u64 v2)
{
	u64 kv[4] = { new_str(C, k1), v1, k2 ? new_str(C, k2) : 0, v2 };
	u64 d = new_seq(C, PYMM_OP_NEW_DICT, kv, k2 ? 4 : 2);

	closeh(C, kv[0]);
	if (k2)
		closeh(C, kv[2]);
	return d;
}

static void test_descriptors(void)
{
	u64 f = function("g", 1), s = function("s", 2), i = new_int(C, 7), p, sm, ns, cls, inst;
	struct res r;

	r = op0(C, PYMM_OP_NEW_DESCR, PYMM_DESCR_PROPERTY, f, s);
	CHECK_EQ(r.err, 0);
	p = r.r0;
	CHECK_EQ(nreferents(p), 3);		/* fget, fset, doc (no name yet) */
	r = op0(C, PYMM_OP_NEW_DESCR, PYMM_DESCR_STATICMETHOD, f, 0);
	CHECK_EQ(r.err, 0);
	sm = r.r0;
	CHECK_EQ(nreferents(sm), 2);		/* the function, its __dict__ */
	/* refused: not a function, no such kind, extra functions */
	CHECK_EQ(op0(C, PYMM_OP_NEW_DESCR, PYMM_DESCR_STATICMETHOD, i, 0).err, -EOPNOTSUPP);
	CHECK_EQ(op0(C, PYMM_OP_NEW_DESCR, 9, f, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_NEW_DESCR, PYMM_DESCR_CLASSMETHOD, f, s).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_NEW_DESCR, PYMM_DESCR_CLASSMETHOD, 0, 0).err, -EINVAL);

	ns = dict_of("x", p, "st", sm);
	r = opx(C, PYMM_OP_CLASS_NEW, 0, ns, 0, 0, "T", 1, 0);
	CHECK_EQ(r.err, 0);
	cls = r.r0;
	CHECK_EQ(nreferents(p), 4);		/* __set_name__ gave it 'x' */
	inst = op0(C, PYMM_OP_NEW_INSTANCE, cls, 0, 0).r0;
	r = attr(PYMM_OP_GETATTR, inst, "x", 0);	/* the client calls fget(inst) */
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r1, PYMM_ATTR_PROPERTY);
	CHECK_EQ(id_of(r.r0), id_of(f));
	closeh(C, r.r0);
	r = attr(PYMM_OP_SETATTR, inst, "x", i);	/* fset(inst, 7), no value stored */
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r1, PYMM_ATTR_PROPERTY);
	CHECK_EQ(id_of(r.r0), id_of(s));
	closeh(C, r.r0);
	r = attr(PYMM_OP_DELATTR, inst, "x", 0);	/* no deleter */
	CHECK_EQ(r.err, -ENOENT);
	CHECK_EQ(r.exc, PYMM_EXC_ATTRIBUTE_ERROR);
	CHECK_EQ(r.r1, PYMM_ATTR_NO_ACCESSOR);
	r = attr(PYMM_OP_GETATTR, inst, "st", 0);	/* a staticmethod: the function */
	CHECK_EQ(r.r1, 0);
	CHECK_EQ(id_of(r.r0), id_of(f));
	closeh(C, r.r0);
	r = attr(PYMM_OP_GETATTR, cls, "x", 0);	/* on the class: the property */
	CHECK_EQ(id_of(r.r0), id_of(p));
	closeh(C, r.r0);
	verify(C);
	closeh(C, inst);
	closeh(C, ns);
	closeh(C, cls);
	closeh(C, p);
	closeh(C, sm);
	closeh(C, f);
	closeh(C, s);
	closeh(C, i);
	op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0);
	verify(C);
}

static void test_slots(void)
{
	u64 names[2] = { new_str(C, "a"), new_str(C, "b") }, t, ns, cls, inst, v = new_int(C, 1000);
	u64 base, bases;
	struct res r;

	t = new_seq(C, PYMM_OP_NEW_TUPLE, names, 2);
	ns = dict_of("__slots__", t, NULL, 0);
	r = opx(C, PYMM_OP_CLASS_NEW, 0, ns, 0, 0, "P", 1, 0);
	CHECK_EQ(r.err, 0);
	cls = r.r0;
	r = attr(PYMM_OP_GETATTR, cls, "__dict__", 0);
	CHECK_EQ(op0(C, PYMM_OP_LEN, r.r0, 0, 0).r0, 5);	/* module slots a b doc */
	closeh(C, r.r0);
	inst = op0(C, PYMM_OP_NEW_INSTANCE, cls, 0, 0).r0;
	CHECK_EQ(attr(PYMM_OP_SETATTR, inst, "a", v).err, 0);
	CHECK_EQ(attr(PYMM_OP_SETATTR, inst, "c", v).err, -ENOENT);	/* no __dict__ */
	CHECK_EQ(attr(PYMM_OP_GETATTR, inst, "b", 0).err, -ENOENT);	/* unset slot */
	CHECK_EQ(attr(PYMM_OP_GETATTR, inst, "__dict__", 0).err, -ENOENT);
	CHECK_EQ(nreferents(inst), 2);		/* a's value, the class */
	r = op0(C, PYMM_OP_NEW_WEAKREF, inst, 0, 0);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	verify(C);
	/* refused: a subclass, a base other than object */
	bases = new_seq(C, PYMM_OP_NEW_TUPLE, &cls, 1);
	r = opx(C, PYMM_OP_CLASS_NEW, 0, 0, bases, 0, "Q", 1, 0);
	CHECK_EQ(r.r1, PYMM_CLASSERR_SLOTS);
	closeh(C, bases);
	base = opx(C, PYMM_OP_CLASS_NEW, 0, 0, 0, 0, "B", 1, 0).r0;
	bases = new_seq(C, PYMM_OP_NEW_TUPLE, &base, 1);
	r = opx(C, PYMM_OP_CLASS_NEW, 0, ns, bases, 0, "R", 1, 0);
	CHECK_EQ(r.r1, PYMM_CLASSERR_SLOTS);
	closeh(C, bases);
	closeh(C, base);
	closeh(C, inst);
	closeh(C, cls);
	closeh(C, ns);
	closeh(C, t);
	closeh(C, names[0]);
	closeh(C, names[1]);
	closeh(C, v);
	op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0);
	verify(C);
}

static void test_iterobjs(void)
{
	u64 items[3] = { new_int(C, 1000), new_int(C, 1001), new_int(C, 1002) };
	u64 lst = new_seq(C, PYMM_OP_NEW_LIST, items, 3), li, e, x, t1, t2, t3, r, d, id1;
	struct res res;
	int k;

	li = op0(C, PYMM_OP_NEW_ITER, lst, 0, 0).r0;
	res = opx(C, PYMM_OP_NEW_ITER_OF, 0, PYMM_ITER_ENUMERATE, li, 0, NULL, 0, 0);
	CHECK_EQ(res.err, 0);
	e = res.r0;
	CHECK_EQ(nreferents(e), 2);			/* the iterator, (None, None) */
	CHECK_EQ(op0(C, PYMM_OP_ITER_NEXT, e, 0, 0).err, -EOPNOTSUPP);	/* client steps */
	x = op0(C, PYMM_OP_ITER_NEXT, li, 0, 0).r0;
	res = opd(C, PYMM_OP_ITER_RESULT, e, &x, 8);
	CHECK_EQ(res.err, 0);
	t1 = res.r0;
	id1 = id_of(t1);
	closeh(C, x);
	closeh(C, t1);
	x = op0(C, PYMM_OP_ITER_NEXT, li, 0, 0).r0;
	t2 = opd(C, PYMM_OP_ITER_RESULT, e, &x, 8).r0;	/* held alone: refilled */
	CHECK_EQ(id_of(t2), id1);
	closeh(C, x);
	x = op0(C, PYMM_OP_ITER_NEXT, li, 0, 0).r0;
	t3 = opd(C, PYMM_OP_ITER_RESULT, e, &x, 8).r0;	/* t2 still held: new */
	CHECK(id_of(t3) != id_of(t2));
	CHECK_EQ(opd(C, PYMM_OP_ITER_RESULT, e, items, 16).err, -EINVAL);	/* 2 items */
	closeh(C, x);
	closeh(C, t2);
	closeh(C, t3);
	verify(C);
	/* reversed(list): 1002, 1001, 1000, then the list is dropped */
	r = opx(C, PYMM_OP_NEW_ITER_OF, 0, PYMM_ITER_REVERSED, lst, 0, NULL, 0, 0).r0;
	for (k = 2; k >= 0; k--) {
		res = op0(C, PYMM_OP_ITER_NEXT, r, 0, 0);
		CHECK_EQ(res.r1, 1);
		CHECK_EQ(id_of(res.r0), id_of(items[k]));
		closeh(C, res.r0);
	}
	CHECK_EQ(op0(C, PYMM_OP_ITER_NEXT, r, 0, 0).r1, 0);
	CHECK_EQ(nreferents(r), 0);
	/* refused: reversed(int), reversed(dict), zip of a non-iterator, map() */
	res = opx(C, PYMM_OP_NEW_ITER_OF, 0, PYMM_ITER_REVERSED, items[0], 0, NULL, 0, 0);
	CHECK_EQ(res.exc, PYMM_EXC_TYPE_ERROR);
	d = new_seq(C, PYMM_OP_NEW_DICT, NULL, 0);
	res = opx(C, PYMM_OP_NEW_ITER_OF, 0, PYMM_ITER_REVERSED, d, 0, NULL, 0, 0);
	CHECK_EQ(res.err, -EOPNOTSUPP);
	res = opx(C, PYMM_OP_NEW_ITER_OF, 0, PYMM_ITER_ZIP, lst, 0, NULL, 0, 0);
	CHECK_EQ(res.err, -EINVAL);
	res = opx(C, PYMM_OP_NEW_ITER_OF, 0, PYMM_ITER_ENUMERATE, li, li, NULL, 0, 0);
	CHECK_EQ(res.err, -EINVAL);			/* a function for enumerate */
	res = opx(C, PYMM_OP_NEW_ITER_OF, 0, PYMM_ITER_ENUMERATE, lst, 0, NULL, 0, 0);
	CHECK_EQ(res.err, -EINVAL);			/* a list is no iterator */
	res = opx(C, PYMM_OP_NEW_ITER_OF, 0, 42, li, 0, NULL, 0, 0);
	CHECK_EQ(res.err, -EINVAL);
	verify(C);
	closeh(C, d);
	closeh(C, r);
	closeh(C, e);
	closeh(C, li);
	closeh(C, lst);
	for (k = 0; k < 3; k++)
		closeh(C, items[k]);
	op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0);
	verify(C);
}

/*
 * callable_iterator (iter(callable, sentinel)): holds the callable and the
 * sentinel, is stepped by the client, and drops both at ITER_CLEAR;
 * traversed, so a callable that holds its iterator is a cycle collected.
 */
static void test_callable_iter(void)
{
	u64 before = heap_objects(C), fn, sent = new_int(C, 1234), it, e, lst;
	struct res res;

	fn = opx(C, PYMM_OP_NEW_FUNCTION, 0, 0x99, 0, 0, "f", 1, 0).r0;
	res = opx(C, PYMM_OP_NEW_ITER_OF, 0, PYMM_ITER_CALLABLE, sent, fn, NULL, 0, 0);
	CHECK_EQ(res.err, 0);
	it = res.r0;
	CHECK(op0(C, PYMM_OP_GC_IS_TRACKED, it, 0, 0).r0);
	CHECK_EQ(nreferents(it), 2);
	CHECK_EQ(op0(C, PYMM_OP_ITER_NEXT, it, 0, 0).err, -EOPNOTSUPP);	/* client steps */
	res = op0(C, PYMM_OP_ITER_PART, it, 1, 0);
	CHECK_EQ(res.r1, PYMM_ITER_CALLABLE);
	CHECK_EQ(id_of(res.r0), id_of(fn));
	closeh(C, res.r0);
	res = op0(C, PYMM_OP_ITER_PART, it, 0, 0);
	CHECK_EQ(id_of(res.r0), id_of(sent));
	closeh(C, res.r0);
	/* ended: both go */
	CHECK_EQ(op0(C, PYMM_OP_ITER_CLEAR, it, 0, 0).err, 0);
	CHECK_EQ(nreferents(it), 0);
	CHECK_EQ(op0(C, PYMM_OP_ITER_CLEAR, it, 0, 0).err, 0);	/* again: nothing left */
	closeh(C, it);
	/* refused: no callable, ITER_CLEAR of another iterator or object */
	res = opx(C, PYMM_OP_NEW_ITER_OF, 0, PYMM_ITER_CALLABLE, sent, 0, NULL, 0, 0);
	CHECK_EQ(res.err, -EINVAL);
	res = opx(C, PYMM_OP_NEW_ITER_OF, 0, PYMM_ITER_BYTEARRAY, sent, 0, NULL, 0, 0);
	CHECK_EQ(res.err, -EINVAL);
	lst = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	e = op0(C, PYMM_OP_NEW_ITER, lst, 0, 0).r0;
	CHECK_EQ(op0(C, PYMM_OP_ITER_CLEAR, e, 0, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_ITER_CLEAR, lst, 0, 0).err, -EINVAL);
	closeh(C, e);
	closeh(C, lst);
	/* f.it = iter(f, s): a cycle through the function's __dict__ */
	it = opx(C, PYMM_OP_NEW_ITER_OF, 0, PYMM_ITER_CALLABLE, sent, fn, NULL, 0, 0).r0;
	CHECK_EQ(opx(C, PYMM_OP_SETATTR, 0, fn, it, 0, "it", 2, 0).err, 0);
	closeh(C, it);
	closeh(C, fn);
	CHECK_EQ(op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0).r0, 3);	/* f, its dict, the iterator */
	closeh(C, sent);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
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
	CHECK_EQ(op0(C, PYMM_OP_GC_DISABLE, 0, 0, 0).err, 0);
	RUN(test_descriptors);
	RUN(test_slots);
	RUN(test_iterobjs);
	RUN(test_callable_iter);
	pymm_client_release(C);
	leaks = pymm_core_exit();
	CHECK_EQ(leaks, 0);
	return unit_summary();
}
