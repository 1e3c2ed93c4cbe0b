// SPDX-License-Identifier: GPL-2.0
/*
 * test_classes.c - classes as type objects (module/core/types/type.c),
 * driven through the ops a script's interpreter uses: CLASS_NEW, the C3
 * MRO and its TypeErrors, the descriptors, the figures CPython 3.11 gives
 * for `class A: pass`, instances' inline values in shared-key order, the
 * 3.11 shared-keys budget, __dict__ materialisation, LOAD_METHOD,
 * bound methods and super()'s lookup; bad inputs refused before anything
 * changes.  python3 3.11 gives every expected figure (comments).
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "unit_test.h"

static u8 buf[1 << 20];

#include "op_helpers.h"

static struct pymm_client *C;

static struct res class_new(const char *name, u64 ns, u64 bases)
{
	return opx(C, PYMM_OP_CLASS_NEW, 0, ns, bases, 0, name, strlen(name), 0);
}

static u64 getattr(u64 o, const char *name)
{
	struct res r = opx(C, PYMM_OP_GETATTR, 0, o, 0, 0, name, strlen(name), 0);

	CHECK_EQ(r.err, 0);
	return r.r0;
}

static void setattr(u64 o, const char *name, u64 v)
{
	CHECK_EQ(opx(C, PYMM_OP_SETATTR, 0, o, v, 0, name, strlen(name), 0).err, 0);
}

static u64 refcnt(u64 h)
{
	return op0(C, PYMM_OP_REFCOUNT, h, 0, 0).r0;
}

static u64 type_of(u64 h)
{
	return op0(C, PYMM_OP_TYPE, h, 0, 0).r0;
}

static u64 id_of(u64 h)
{
	return op0(C, PYMM_OP_ID, h, 0, 0).r0;
}

static u64 collect(void)
{
	return op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0).r0;
}

static u64 tuple_of(const u64 *hs, u32 n)
{
	return new_seq(C, PYMM_OP_NEW_TUPLE, hs, n);
}

/* class A: pass -> sys.getrefcount(A) 5, 4 referents, `del A` collects 6 */
static void test_class_figures(void)
{
	u64 a, refs[8], obj, mro, d;
	struct res r;
	u32 n;

	collect();
	r = class_new("A", 0, 0);
	CHECK_EQ(r.err, 0);
	a = r.r0;
	/* the handle, the __mro__ tuple, two descriptors (python3: 5 with the arg) */
	CHECK_EQ(refcnt(a), 4);
	n = op_referents(C, a, refs, 8);
	CHECK_EQ(n, 4);		/* dict, mro, bases, object: type_traverse's order */
	CHECK_EQ(type_of(refs[0]), PYMM_T_DICT);
	CHECK_EQ(type_of(refs[1]), PYMM_T_TUPLE);
	CHECK_EQ(type_of(refs[2]), PYMM_T_TUPLE);
	CHECK_EQ(type_of(refs[3]), PYMM_T_CLASS);
	obj = op0(C, PYMM_OP_CONST, PYMM_CONST_OBJECT, 0, 0).r0;
	CHECK_EQ(id_of(refs[3]), id_of(obj));
	CHECK(op0(C, PYMM_OP_TYPE, obj, 0, 0).r1 & PYMM_TYPEF_IMMORTAL);
	CHECK(!op0(C, PYMM_OP_GC_IS_TRACKED, obj, 0, 0).r0);
	close_handles(C, refs, n);
	mro = getattr(a, "__mro__");
	n = op_referents(C, mro, refs, 8);
	CHECK_EQ(n, 2);
	CHECK_EQ(id_of(refs[0]) == id_of(a) || id_of(refs[1]) == id_of(a), 1);
	close_handles(C, refs, n);
	closeh(C, mro);
	d = getattr(a, "__dict__");
	CHECK_EQ(op0(C, PYMM_OP_LEN, d, 0, 0).r0, 4);	/* __module__ __dict__ __weakref__ __doc__ */
	r = opx(C, PYMM_OP_GETITEM, 0, d, new_str(C, "__dict__"), 0, NULL, 0, 0);
	CHECK_EQ(type_of(r.r0), PYMM_T_GETSET);
	n = op_referents(C, r.r0, refs, 8);
	CHECK_EQ(n, 1);		/* descr_traverse: d_type */
	CHECK_EQ(id_of(refs[0]), id_of(a));
	close_handles(C, refs, n);
	closeh(C, r.r0);
	closeh(C, d);
	closeh(C, obj);
	closeh(C, a);
	CHECK_EQ(collect(), 6);	/* type, dict, mro, bases, two descriptors */
	verify(C);
}

/* C3, and the TypeErrors of a bad class statement */
static void test_mro(void)
{
	u64 a, b, c, d, t, items[4], mro, refs[8], ns;
	struct res r;
	u32 n;

	a = class_new("A", 0, 0).r0;
	t = tuple_of(&a, 1);
	b = class_new("B", 0, t).r0;
	c = class_new("C", 0, t).r0;
	closeh(C, t);
	items[0] = b;
	items[1] = c;
	t = tuple_of(items, 2);
	r = class_new("D", 0, t);
	CHECK_EQ(r.err, 0);
	d = r.r0;
	closeh(C, t);
	mro = getattr(d, "__mro__");
	n = op_referents(C, mro, refs, 8);	/* tuples traverse last to first (CPython) or not */
	CHECK_EQ(n, 5);
	close_handles(C, refs, n);
	{
		/* D, B, C, A, object: read through ITEMS, in order */
		struct res it = opx(C, PYMM_OP_ITEMS, 0, mro, 0, 0, NULL, 0, 64);
		u64 hs[5];

		CHECK_EQ(it.r0, 5);
		memcpy(hs, buf, sizeof(hs));
		CHECK_EQ(id_of(hs[0]), id_of(d));
		CHECK_EQ(id_of(hs[1]), id_of(b));
		CHECK_EQ(id_of(hs[2]), id_of(c));
		CHECK_EQ(id_of(hs[3]), id_of(a));
		CHECK_EQ(type_of(hs[4]), PYMM_T_CLASS);
		close_handles(C, hs, 5);
	}
	closeh(C, mro);
	/* a subclass of a class with __dict__ gets no descriptors (python3) */
	ns = getattr(b, "__dict__");
	CHECK_EQ(op0(C, PYMM_OP_LEN, ns, 0, 0).r0, 2);	/* __module__, __doc__ */
	closeh(C, ns);

	/* class X(A, B): no consistent MRO */
	items[0] = a;
	items[1] = b;
	t = tuple_of(items, 2);
	r = class_new("X", 0, t);
	CHECK_EQ(r.err, -EINVAL);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	CHECK_EQ(r.r1, PYMM_CLASSERR_MRO);
	closeh(C, t);
	/* class X(A, A) */
	items[1] = a;
	t = tuple_of(items, 2);
	r = class_new("X", 0, t);
	CHECK_EQ(r.r1, PYMM_CLASSERR_DUPLICATE);
	closeh(C, t);
	/* class X(1) */
	items[0] = new_int(C, 1);
	t = tuple_of(items, 1);
	r = class_new("X", 0, t);
	CHECK_EQ(r.r1, PYMM_CLASSERR_BASE);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	closeh(C, t);
	closeh(C, items[0]);
	/* a __slots__ pymm does not model (a dunder name) is refused, not ignored */
	{
		u64 kv[2] = { new_str(C, "__slots__"), 0 };

		kv[1] = kv[0];
		ns = new_seq(C, PYMM_OP_NEW_DICT, kv, 2);
		r = class_new("S", ns, 0);
		CHECK_EQ(r.r1, PYMM_CLASSERR_SLOTS);
		closeh(C, ns);
		closeh(C, kv[0]);
	}
	/* bad inputs: a namespace that is no dict, bases no tuple, bad names */
	CHECK_EQ(class_new("X", a, 0).err, -EINVAL);
	CHECK_EQ(class_new("X", 0, a).err, -EINVAL);
	CHECK_EQ(class_new("1x", 0, 0).err, -EINVAL);
	CHECK_EQ(opx(C, PYMM_OP_CLASS_NEW, 0, 0, 0, 0, "", 0, 0).err, -EINVAL);
	CHECK_EQ(class_new("X", 12345, 0).err, -EBADF);
	closeh(C, a);
	closeh(C, b);
	closeh(C, c);
	closeh(C, d);
	/*
	 * python3 finds 14 for the same four classes: 4 x (type, mro) + A's
	 * dict and 2 descriptors + 3 bases tuples (B and C share one) + 1; the
	 * subclasses' dicts hold no container, so 3.11's tracking rules leave
	 * them untracked and refcounting frees them.
	 */
	CHECK_EQ(collect(), 14);
	verify(C);
}

/* values inline in shared-key order; __dict__; the 3.11 key budget */
static void test_instances(void)
{
	u64 k, x, y, v[4], refs[40], d;
	struct res r;
	u32 n, i;
	char name[8];

	k = class_new("K", 0, 0).r0;
	x = op0(C, PYMM_OP_NEW_INSTANCE, k, 0, 0).r0;
	y = op0(C, PYMM_OP_NEW_INSTANCE, k, 0, 0).r0;
	for (i = 0; i < 4; i++)
		v[i] = new_int(C, 1000 + i);
	setattr(x, "a", v[0]);
	setattr(x, "b", v[1]);
	setattr(y, "c", v[2]);
	setattr(y, "a", v[3]);
	/* y's referents: key order a, c (not y's order c, a), then the type */
	n = op_referents(C, y, refs, 40);
	CHECK_EQ(n, 3);
	CHECK_EQ(id_of(refs[0]), id_of(v[3]));
	CHECK_EQ(id_of(refs[1]), id_of(v[2]));
	CHECK_EQ(id_of(refs[2]), id_of(k));
	close_handles(C, refs, n);
	/* obj.__dict__: a real dict; the instance is 2 GC objects from now on */
	d = getattr(y, "__dict__");
	CHECK_EQ(type_of(d), PYMM_T_DICT);
	{
		struct res it = opx(C, PYMM_OP_ITEMS, 0, d, 0, 0, NULL, 0, 64);
		u64 keys[2];

		CHECK_EQ(it.r0, 2);
		memcpy(keys, buf, sizeof(keys));
		r = opx(C, PYMM_OP_READ, 0, keys[0], 0, 0, NULL, 0, 16);
		CHECK(!memcmp(buf, "c", 1));	/* y's own order: c, a */
		close_handles(C, keys, 2);
	}
	n = op_referents(C, y, refs, 40);
	CHECK_EQ(n, 2);
	CHECK_EQ(id_of(refs[0]), id_of(d));
	close_handles(C, refs, n);
	setattr(y, "later", v[0]);		/* into the dict now */
	CHECK_EQ(op0(C, PYMM_OP_LEN, d, 0, 0).r0, 3);
	closeh(C, d);
	/* __weakref__ cannot be set; deleting a missing name is AttributeError */
	r = opx(C, PYMM_OP_SETATTR, 0, x, v[0], 0, "__weakref__", 11, 0);
	CHECK_EQ(r.exc, PYMM_EXC_ATTRIBUTE_ERROR);
	r = opx(C, PYMM_OP_DELATTR, 0, x, 0, 0, "nope", 4, 0);
	CHECK_EQ(r.err, -ENOENT);
	CHECK_EQ(r.exc, PYMM_EXC_ATTRIBUTE_ERROR);
	/*
	 * 2 instances made: K's keys take 30 - 2 = 28 names: a b c, "nope"
	 * (a failed delete adds it, as insert_into_dictkeys), n0..n23; "later"
	 * went to y's dict.  The 29th name moves x's values into a dict.
	 */
	for (i = 0; i < 24; i++) {
		snprintf(name, sizeof(name), "n%u", i);
		setattr(x, name, v[1]);
	}
	n = op_referents(C, x, refs, 40);
	CHECK_EQ(n, 27);	/* a, b, n0..n23, the type */
	close_handles(C, refs, n);
	setattr(x, "over", v[1]);
	n = op_referents(C, x, refs, 40);
	CHECK_EQ(n, 2);		/* the dict and the type */
	close_handles(C, refs, n);
	closeh(C, x);
	closeh(C, y);
	for (i = 0; i < 4; i++)
		closeh(C, v[i]);
	closeh(C, k);
	collect();
	verify(C);
}

/* LOAD_METHOD (no bound method), GETATTR (one), super()'s start */
static void test_methods(void)
{
	u64 fa, fb, nsa, nsb, a, b, t, inst, m, refs[4];
	struct res r;
	u32 n;

	fa = opx(C, PYMM_OP_NEW_FUNCTION, 0, 11, 0, 0, "f", 1, 0).r0;
	fb = opx(C, PYMM_OP_NEW_FUNCTION, 0, 22, 0, 0, "f", 1, 0).r0;
	{
		u64 kv[2] = { new_str(C, "f"), fa };

		nsa = new_seq(C, PYMM_OP_NEW_DICT, kv, 2);
		kv[1] = fb;
		nsb = new_seq(C, PYMM_OP_NEW_DICT, kv, 2);
		closeh(C, kv[0]);
	}
	a = class_new("A", nsa, 0).r0;
	t = tuple_of(&a, 1);
	b = class_new("B", nsb, t).r0;
	closeh(C, t);
	inst = op0(C, PYMM_OP_NEW_INSTANCE, b, 0, 0).r0;
	r = opx(C, PYMM_OP_LOAD_METHOD, 0, inst, 0, 0, "f", 1, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r1, 1);			/* unbound: call with inst first */
	CHECK_EQ(id_of(r.r0), id_of(fb));
	closeh(C, r.r0);
	r = opx(C, PYMM_OP_LOAD_METHOD, 0, inst, b, 0, "f", 1, 0);	/* super(B, inst).f */
	CHECK_EQ(id_of(r.r0), id_of(fa));
	closeh(C, r.r0);
	r = opx(C, PYMM_OP_LOAD_METHOD, 0, inst, a, 0, "f", 1, 0);	/* past A: none */
	CHECK_EQ(r.err, -ENOENT);
	CHECK_EQ(r.exc, PYMM_EXC_ATTRIBUTE_ERROR);
	r = opx(C, PYMM_OP_LOAD_METHOD, 0, a, b, 0, "f", 1, 0);	/* not an instance */
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	/* GETATTR makes a bound method: GC tracked, refers to f and inst */
	m = getattr(inst, "f");
	CHECK_EQ(type_of(m), PYMM_T_METHOD);
	CHECK(op0(C, PYMM_OP_GC_IS_TRACKED, m, 0, 0).r0);
	n = op_referents(C, m, refs, 4);
	CHECK_EQ(n, 2);
	CHECK_EQ(id_of(refs[0]), id_of(fb));
	CHECK_EQ(id_of(refs[1]), id_of(inst));
	close_handles(C, refs, n);
	/* inst.cb = inst.f: a cycle of two, collected */
	setattr(inst, "cb", m);
	closeh(C, m);
	closeh(C, inst);
	CHECK_EQ(collect(), 2);
	closeh(C, fa);
	closeh(C, fb);
	closeh(C, nsa);
	closeh(C, nsb);
	closeh(C, a);
	closeh(C, b);
	collect();
	verify(C);
}

static struct res static_new(const char *name, u64 base)
{
	return opx(C, PYMM_OP_CLASS_NEW, 0, 0, base, PYMM_CLASSF_STATIC, name, strlen(name), 0);
}

static u64 gen0_count(void)
{
	struct res r = opx(C, PYMM_OP_GC_GET_COUNT, 0, 0, 0, 0, NULL, 0, 24);

	CHECK_EQ(r.err, 0);
	return ((u64 *)buf)[0];
}

/*
 * The builtin exception classes are static types (PYMM_CLASSF_STATIC): one
 * per name and heap, untracked, no referents, no gen-0 allocation; a
 * class derived from one is an ordinary class.  In python3 3.11:
 * gc.is_tracked(KeyError) False, gc.get_referents(KeyError) [].
 */
static void test_static_classes(void)
{
	u64 count0, base_e, look, key, again, sub, bases, mro;
	struct pymm_heap *h = C->heap;
	u32 n0 = h->nstatic_classes, i;
	struct res r;

	count0 = gen0_count();
	base_e = static_new("BaseException", 0).r0;
	look = static_new("LookupError", base_e).r0;
	key = static_new("KeyError", look).r0;
	CHECK(base_e && look && key);
	CHECK_EQ(gen0_count(), count0);
	CHECK_EQ(h->nstatic_classes, n0 + 3);
	for (i = 0; i < 3; i++) {
		u64 c = i == 0 ? base_e : i == 1 ? look : key;

		CHECK_EQ(op0(C, PYMM_OP_GC_IS_TRACKED, c, 0, 0).r0, 0);
		r = opx(C, PYMM_OP_GC_GET_REFERENTS, 0, c, 0, 0, NULL, 0, 64);
		CHECK_EQ(r.err, 0);
		CHECK_EQ(r.data_len, 0);
		mro = getattr(c, "__mro__");
		CHECK_EQ(op0(C, PYMM_OP_GC_IS_TRACKED, mro, 0, 0).r0, 0);
		closeh(C, mro);
	}
	/* asked again (another run on the heap): the same class, nothing made */
	again = static_new("KeyError", look).r0;
	CHECK_EQ(id_of(again), id_of(key));
	CHECK_EQ(h->nstatic_classes, n0 + 3);
	closeh(C, again);
	/* ... but not as something else: another base, a namespace, text */
	CHECK_EQ(static_new("KeyError", base_e).err, -EINVAL);
	CHECK_EQ(opx(C, PYMM_OP_CLASS_NEW, 0, key, 0, PYMM_CLASSF_STATIC, "X", 1, 0).err, -EINVAL);
	CHECK_EQ(opx(C, PYMM_OP_CLASS_NEW, 0, 0, 0, PYMM_CLASSF_STATIC, "X\0t", 3, 0).err,
		 -EINVAL);
	CHECK_EQ(opx(C, PYMM_OP_CLASS_NEW, 0, 0, 0, 2, "X", 1, 0).err, -EINVAL);
	/* a static class derives only from static classes */
	sub = class_new("Plain", 0, 0).r0;
	CHECK_EQ(static_new("Bad", sub).err, -EINVAL);
	/* a script's class derived from one is an ordinary, tracked class */
	bases = tuple_of(&key, 1);
	closeh(C, sub);
	r = class_new("AppError", 0, bases);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(op0(C, PYMM_OP_GC_IS_TRACKED, r.r0, 0, 0).r0, 1);
	closeh(C, bases);
	closeh(C, r.r0);
	collect();
	/* the table is bounded: a user cannot make immortal classes without end */
	for (i = h->nstatic_classes; i < PYMM_STATIC_CLASSES_MAX; i++) {
		char name[16];

		snprintf(name, sizeof(name), "S%u", i);
		closeh(C, static_new(name, 0).r0);
	}
	CHECK_EQ(static_new("OneTooMany", 0).err, -ENOSPC);
	CHECK_EQ(h->nstatic_classes, PYMM_STATIC_CLASSES_MAX);
	closeh(C, key);
	closeh(C, look);
	closeh(C, base_e);
	collect();
	verify(C);
}

/*
 * An exception keeps BaseException's fields (args, __context__ ...) out
 * of its __dict__, which holds only what was stored besides (a real dict,
 * made at the first such store).  In python3 3.11, for class
 * AppError(BaseException): a.__context__ = b; b.__context__ = a: a.__dict__
 * is {}; after a.note = b it is {'note': b}, and dropping both collects
 * 3 objects (a, b, a's dict).
 */
static void test_exc_fields(void)
{
	u64 be, bases, cls, a, b, d, ctx, d2;

	/* test_static_classes filled the table: BaseException is found in it */
	collect();
	be = static_new("BaseException", 0).r0;
	CHECK(be);
	bases = tuple_of(&be, 1);
	cls = class_new("AppError", 0, bases).r0;
	CHECK(cls);
	a = op0(C, PYMM_OP_NEW_INSTANCE, cls, 0, 0).r0;
	b = op0(C, PYMM_OP_NEW_INSTANCE, cls, 0, 0).r0;
	setattr(a, "__context__", b);
	setattr(b, "__context__", a);
	d = getattr(a, "__dict__");
	CHECK_EQ(op0(C, PYMM_OP_LEN, d, 0, 0).r0, 0);
	/* the field is read after the dict exists, and is none of its items */
	ctx = getattr(a, "__context__");
	CHECK_EQ(id_of(ctx), id_of(b));
	setattr(a, "note", b);
	CHECK_EQ(op0(C, PYMM_OP_LEN, d, 0, 0).r0, 1);
	d2 = getattr(a, "__dict__");
	CHECK_EQ(id_of(d2), id_of(d));
	/* deleting a field that is set, then one that is not */
	CHECK_EQ(opx(C, PYMM_OP_DELATTR, 0, b, 0, 0, "__context__", 11, 0).err, 0);
	CHECK(opx(C, PYMM_OP_DELATTR, 0, b, 0, 0, "__context__", 11, 0).err < 0);
	setattr(b, "__context__", a);
	close_handles(C, (u64[]){ d, d2, ctx, a, b, bases }, 6);
	CHECK_EQ(collect(), 3);
	closeh(C, cls);
	closeh(C, be);
	collect();
	verify(C);
}

/*
 * class C in a def: the body's __qualname__ "f.<locals>.C" becomes the
 * class's (ht_qualname: the namespace's own str, not in the class dict);
 * __name__ stays "C".  A __qualname__ that is no str is type_new's
 * TypeError (PYMM_CLASSERR_QUALNAME), and nothing is left behind.
 */
static void test_qualname(void)
{
	u64 kv[2], ns, c, q, n, d, r1;
	struct res r;

	collect();
	kv[0] = new_str(C, "__qualname__");
	kv[1] = new_str(C, "f.<locals>.C");
	ns = new_seq(C, PYMM_OP_NEW_DICT, kv, 2);
	r = class_new("C", ns, 0);
	CHECK_EQ(r.err, 0);
	c = r.r0;
	q = getattr(c, "__qualname__");
	CHECK_EQ(id_of(q), id_of(kv[1]));
	CHECK_EQ(refcnt(kv[1]), 4);	/* kv[1], q, the namespace, the class */
	n = getattr(c, "__name__");
	CHECK(id_of(n) != id_of(kv[1]));
	CHECK_EQ(op0(C, PYMM_OP_LEN, n, 0, 0).r0, 1);
	d = getattr(c, "__dict__");
	CHECK_EQ(op0(C, PYMM_OP_LEN, d, 0, 0).r0, 4);	/* no __qualname__ in it */
	close_handles(C, (u64[]){ q, n, d, ns }, 4);
	closeh(C, c);
	CHECK_EQ(collect(), 6);
	CHECK_EQ(refcnt(kv[1]), 1);
	/* a class without one answers its name */
	c = class_new("D", 0, 0).r0;
	q = getattr(c, "__qualname__");
	n = getattr(c, "__name__");
	CHECK_EQ(id_of(q), id_of(n));
	close_handles(C, (u64[]){ q, n, c }, 3);
	collect();
	/* __qualname__ = 1000000 */
	closeh(C, kv[1]);
	kv[1] = new_int(C, 1000000);
	ns = new_seq(C, PYMM_OP_NEW_DICT, kv, 2);
	r = class_new("E", ns, 0);
	CHECK_EQ(r.err, -EINVAL);
	CHECK_EQ(r.r1, PYMM_CLASSERR_QUALNAME);
	r1 = refcnt(kv[1]);
	CHECK_EQ(r1, 2);	/* kv[1] and the namespace: the class kept none */
	close_handles(C, kv, 2);
	closeh(C, ns);
	collect();
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
	CHECK_EQ(op0(C, PYMM_OP_GC_DISABLE, 0, 0, 0).err, 0);
	RUN(test_class_figures);
	RUN(test_mro);
	RUN(test_instances);
	RUN(test_methods);
	RUN(test_static_classes);
	RUN(test_exc_fields);
	RUN(test_qualname);
	pymm_client_release(C);
	leaks = pymm_core_exit();
	CHECK_EQ(leaks, 0);
	return unit_summary();
}
