// SPDX-License-Identifier: GPL-2.0
/*
 * test_objects.c - the object model through pymm_op_exec(), the way every
 * front end drives it: types, refcount rules, identity, interning, dict key
 * equality, finalizers, weak references, frames, handles, quotas and bad
 * input.  Each scenario ends with PYMM_OP_HEAP_VERIFY (every refcount equals
 * the references found) and checks the object count went back where it was.
 */
#include <pthread.h>
#include <stdlib.h>

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "unit_test.h"

static struct pymm_client *C;	/* uid 1000, attached to "default" */
static u8 buf[1 << 20];

#include "op_helpers.h"

static u64 new_float(struct pymm_client *c, double d)
{
	u64 bits;
	struct res r;

	memcpy(&bits, &d, 8);
	r = op0(c, PYMM_OP_NEW_FLOAT, bits, 0, 0);
	CHECK_EQ(r.err, 0);
	return r.r0;
}

static u64 refcnt(struct pymm_client *c, u64 h)
{
	return op0(c, PYMM_OP_REFCOUNT, h, 0, 0).r0;
}

static u64 obj_id(struct pymm_client *c, u64 h)
{
	return op0(c, PYMM_OP_ID, h, 0, 0).r0;
}

static int bind(struct pymm_client *c, const char *name, u64 h, u32 flags)
{
	return opx(c, PYMM_OP_NAME_BIND, flags, h, 0, 0, name, strlen(name), 0).err;
}

static struct res lookup(struct pymm_client *c, const char *name, u32 flags)
{
	return opx(c, PYMM_OP_NAME_LOOKUP, flags, 0, 0, 0, name, strlen(name), 0);
}

static int delname(struct pymm_client *c, const char *name, u32 flags)
{
	return opx(c, PYMM_OP_NAME_DEL, flags, 0, 0, 0, name, strlen(name), 0).err;
}

static u64 read_int(struct pymm_client *c, u64 h)
{
	return op0(c, PYMM_OP_READ, h, 0, 0).r0;
}

static const char *read_output(struct pymm_client *c)
{
	static char out[4096];
	struct res r = opx(c, PYMM_OP_READ_OUTPUT, 0, 0, 0, 0, NULL, 0, sizeof(out) - 1);

	CHECK_EQ(r.err, 0);
	memcpy(out, buf, r.data_len);
	out[r.data_len] = 0;
	return out;
}

/* ------------------------------------------------------------ tests */

static void test_singletons_and_small_ints(void)
{
	u64 base = heap_objects(C);
	u64 n1 = op0(C, PYMM_OP_CONST, PYMM_CONST_NONE, 0, 0).r0;
	u64 n2 = op0(C, PYMM_OP_CONST, PYMM_CONST_NONE, 0, 0).r0;
	u64 a = new_int(C, 256), b = new_int(C, 256);
	u64 c = new_int(C, 257), d = new_int(C, 257);
	u64 m = new_int(C, -5), m2 = new_int(C, -6), m3 = new_int(C, -6);
	struct res t;

	CHECK_EQ(obj_id(C, n1), obj_id(C, n2));
	CHECK_EQ(obj_id(C, a), obj_id(C, b));
	CHECK_NE(obj_id(C, c), obj_id(C, d));
	CHECK_NE(obj_id(C, m2), obj_id(C, m3));
	CHECK_EQ(read_int(C, m), (u64)-5);
	CHECK_EQ(heap_objects(C), base + 4);	/* 257, 257, -6, -6 */
	/* the cache's static count (CPython 3.11's 999,999,999) + the two handles */
	CHECK_EQ(refcnt(C, a), 999999999 + 2);
	CHECK_EQ(refcnt(C, c), 1);
	t = op0(C, PYMM_OP_TYPE, n1, 0, 0);
	CHECK_EQ(t.r0, PYMM_T_NONE);
	CHECK(t.r1 & PYMM_TYPEF_IMMORTAL);
	CHECK_EQ(op0(C, PYMM_OP_TYPE, c, 0, 0).r0, PYMM_T_INT);
	/* True and False are bools and ints: True + 1 == 2 */
	t = op0(C, PYMM_OP_CONST, PYMM_CONST_TRUE, 0, 0);
	CHECK_EQ(op0(C, PYMM_OP_TYPE, t.r0, 0, 0).r0, PYMM_T_BOOL);
	{
		u64 one = new_int(C, 1);
		struct res s = op0(C, PYMM_OP_BINOP, t.r0, one, PYMM_BIN_ADD);

		CHECK_EQ(s.err, 0);
		CHECK_EQ(read_int(C, s.r0), 2);
		closeh(C, s.r0);
		closeh(C, one);
	}
	closeh(C, t.r0);
	closeh(C, n1);
	closeh(C, n2);
	closeh(C, a);
	closeh(C, b);
	closeh(C, c);
	closeh(C, d);
	closeh(C, m);
	closeh(C, m2);
	closeh(C, m3);
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

static void test_refcount_rules(void)
{
	u64 base = heap_objects(C), x, y, l, h;
	struct res r;

	x = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	CHECK_EQ(refcnt(C, x), 1);		/* the handle */
	CHECK_EQ(bind(C, "x", x, 0), 0);	/* new name: +1 */
	CHECK_EQ(refcnt(C, x), 2);
	CHECK_EQ(bind(C, "y", x, 0), 0);
	CHECK_EQ(refcnt(C, x), 3);
	l = new_seq(C, PYMM_OP_NEW_LIST, &x, 1);	/* placement in a container: +1 */
	CHECK_EQ(refcnt(C, x), 4);
	r = op0(C, PYMM_OP_POP, l, (u64)-1, 0);	/* removal: the ref moves to a handle */
	CHECK_EQ(r.err, 0);
	CHECK_EQ(refcnt(C, x), 4);
	closeh(C, r.r0);
	CHECK_EQ(refcnt(C, x), 3);
	CHECK_EQ(delname(C, "y", 0), 0);	/* del: -1 */
	CHECK_EQ(refcnt(C, x), 2);
	y = new_int(C, 1000);
	CHECK_EQ(bind(C, "x", y, 0), 0);	/* rebinding: -1 on the old */
	CHECK_EQ(refcnt(C, x), 1);
	CHECK_EQ(refcnt(C, y), 2);
	/* sys.getrefcount(x) semantics: lookup gives a handle, the count includes it */
	r = lookup(C, "x", 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(refcnt(C, r.r0), 3);
	CHECK_EQ(obj_id(C, r.r0), obj_id(C, y));
	closeh(C, r.r0);
	/* a frame's locals: push, bind local +1, pop -1 */
	CHECK_EQ(opd(C, PYMM_OP_FRAME_PUSH, 0, "f", 1).r0, 1);
	CHECK_EQ(bind(C, "v", x, PYMM_OPF_LOCAL), 0);
	CHECK_EQ(refcnt(C, x), 2);
	CHECK_EQ(op0(C, PYMM_OP_FRAME_POP, 0, 0, 0).r0, 0);
	CHECK_EQ(refcnt(C, x), 1);
	/* setitem replaces: old item -1, new +1 */
	h = new_int(C, 0);
	CHECK_EQ(op0(C, PYMM_OP_APPEND, l, x, 0).err, 0);
	CHECK_EQ(refcnt(C, x), 2);
	CHECK_EQ(op0(C, PYMM_OP_SETITEM, l, h, y).err, 0);
	CHECK_EQ(refcnt(C, x), 1);
	CHECK_EQ(refcnt(C, y), 3);
	CHECK_EQ(op0(C, PYMM_OP_DELITEM, l, h, 0).err, 0);
	CHECK_EQ(refcnt(C, y), 2);
	CHECK_EQ(delname(C, "x", 0), 0);
	CHECK_EQ(lookup(C, "x", 0).err, -ENOENT);
	CHECK_EQ(lookup(C, "x", 0).exc, PYMM_EXC_NAME_ERROR);
	closeh(C, h);
	closeh(C, l);
	closeh(C, x);
	closeh(C, y);
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

/* '', one Latin-1 character, b'', one byte: static, made on first use */
static void test_static_strings(void)
{
	u64 base = heap_objects(C), statics = heap_statics(C->heap);
	u64 e1 = opd(C, PYMM_OP_NEW_STR, 0, "\xc3\xa9", 2).r0;
	u64 e2 = opd(C, PYMM_OP_NEW_STR, 0, "\xc3\xa9", 2).r0;
	u64 b1 = opd(C, PYMM_OP_NEW_BYTES, 0, "\xff", 1).r0;
	u64 b2 = opd(C, PYMM_OP_NEW_BYTES, 0, "\xff", 1).r0;
	u64 w = opd(C, PYMM_OP_NEW_STR, 0, "\xc4\x80", 2).r0;	/* U+0100: not static */
	u64 bb = opd(C, PYMM_OP_NEW_BYTES, 0, "ab", 2).r0;

	CHECK_EQ(obj_id(C, e1), obj_id(C, e2));
	CHECK_EQ(obj_id(C, b1), obj_id(C, b2));
	CHECK_EQ(refcnt(C, e1), PYMM_STATIC_REFCNT + 2);
	CHECK_EQ(refcnt(C, b1), PYMM_STATIC_REFCNT + 2);
	CHECK_EQ(refcnt(C, w), 1);
	CHECK_EQ(refcnt(C, bb), 1);
	CHECK_EQ(heap_statics(C->heap), statics + 2);
	verify(C);
	closeh(C, e1);
	closeh(C, e2);
	closeh(C, b1);
	closeh(C, b2);
	closeh(C, w);
	closeh(C, bb);
	/* the heap keeps them, with their 999,999,999 */
	e1 = opd(C, PYMM_OP_NEW_STR, 0, "\xc3\xa9", 2).r0;
	CHECK_EQ(refcnt(C, e1), PYMM_STATIC_REFCNT + 1);
	closeh(C, e1);
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

/*
 * STR_INTERN (sys.intern): any str enters the table; an equal one gets the
 * first; the table holds no count (the str dies, the entry goes); the
 * singletons are themselves; not a str is -EINVAL.
 */
static void str_intern(void)
{
	u64 c = new_str(C, "a b"), d = new_str(C, "a b"), one = new_str(C, "x"), v = new_int(C, 7);
	u64 objs = heap_objects(C);
	struct res r, r2;

	r = op0(C, PYMM_OP_STR_INTERN, c, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(obj_id(C, r.r0), obj_id(C, c));
	CHECK(op0(C, PYMM_OP_TYPE, c, 0, 0).r1 & PYMM_TYPEF_INTERNED);
	r2 = op0(C, PYMM_OP_STR_INTERN, d, 0, 0);
	CHECK_EQ(r2.err, 0);
	CHECK_EQ(obj_id(C, r2.r0), obj_id(C, c));
	CHECK(!(op0(C, PYMM_OP_TYPE, d, 0, 0).r1 & PYMM_TYPEF_INTERNED));
	CHECK_EQ(heap_objects(C), objs);
	closeh(C, r.r0);
	closeh(C, r2.r0);
	r = op0(C, PYMM_OP_STR_INTERN, one, 0, 0);
	CHECK_EQ(obj_id(C, r.r0), obj_id(C, one));
	closeh(C, r.r0);
	CHECK_EQ(op0(C, PYMM_OP_STR_INTERN, v, 0, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_STR_INTERN, 0x7777, 0, 0).err, -EBADF);
	/* c dies: the entry goes with it, d interns itself now */
	closeh(C, c);
	verify(C);
	r = op0(C, PYMM_OP_STR_INTERN, d, 0, 0);
	CHECK_EQ(obj_id(C, r.r0), obj_id(C, d));
	closeh(C, r.r0);
	closeh(C, d);
	closeh(C, one);
	closeh(C, v);
	verify(C);
}

static void test_interning(void)
{
	u64 a = new_str(C, "abc"), b = new_str(C, "abc");
	u64 c = new_str(C, "a b"), d = new_str(C, "a b");
	u64 e = new_str(C, ""), f = new_str(C, "");
	u64 g = new_str(C, "h\xc3\xa9llo");
	struct res r;

	CHECK_EQ(obj_id(C, a), obj_id(C, b));
	CHECK_NE(obj_id(C, c), obj_id(C, d));
	CHECK_EQ(obj_id(C, e), obj_id(C, f));
	CHECK(op0(C, PYMM_OP_TYPE, a, 0, 0).r1 & PYMM_TYPEF_INTERNED);
	CHECK(!(op0(C, PYMM_OP_TYPE, c, 0, 0).r1 & PYMM_TYPEF_INTERNED));
	CHECK_EQ(op0(C, PYMM_OP_LEN, g, 0, 0).r0, 5);	/* code points */
	r = opx(C, PYMM_OP_READ, 0, g, 0, 0, NULL, 0, 64);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.data_len, 6);
	CHECK(!memcmp(buf, "h\xc3\xa9llo", 6));
	/* too small a buffer: -ENOSPC, TRUNC, the size needed */
	r = opx(C, PYMM_OP_READ, 0, g, 0, 0, NULL, 0, 3);
	CHECK_EQ(r.err, -ENOSPC);
	CHECK(r.out_flags & PYMM_OUTF_TRUNC);
	CHECK_EQ(r.data_len, 6);
	CHECK_EQ(r.exc, 0);
	/* "abc" dies: the intern table lets go, a new one is a new object */
	closeh(C, a);
	closeh(C, b);
	verify(C);
	a = new_str(C, "abc");
	CHECK(op0(C, PYMM_OP_TYPE, a, 0, 0).r1 & PYMM_TYPEF_INTERNED);
	closeh(C, a);
	closeh(C, c);
	closeh(C, d);
	closeh(C, e);
	closeh(C, f);
	closeh(C, g);
	str_intern();
	/* invalid UTF-8 */
	CHECK_EQ(opd(C, PYMM_OP_NEW_STR, 0, "\xc3(", 2).err, -EINVAL);
	CHECK_EQ(opd(C, PYMM_OP_NEW_STR, 0, "\xed\xa0\x80", 3).err, -EINVAL);	/* surrogate */
	CHECK_EQ(opd(C, PYMM_OP_NEW_STR, 0, "\xc0\x80", 2).err, -EINVAL);	/* overlong */
	CHECK_EQ(opd(C, PYMM_OP_NEW_STR, 0, "a\0b", 3).err, -EINVAL);
	verify(C);
}

static void test_hash_values(void)
{
	/* CPython's exact values, computed without the FPU */
	struct {
		double d;
		s64 h;
	} fl[] = {
		{ 1.5, 1152921504606846977ll }, { 0.1, 230584300921369408ll },
		{ -1.0, -2 }, { 4611686018427387904.0, 2 },
		{ 1e300, 1224995262755759164ll }, { -2.5e-300, -52920977297143526ll },
	};
	u64 h, i;

	for (i = 0; i < ARRAY_SIZE(fl); i++) {
		h = new_float(C, fl[i].d);
		CHECK_EQ(op0(C, PYMM_OP_HASH, h, 0, 0).r0, (u64)fl[i].h);
		closeh(C, h);
	}
	h = new_int(C, -1);
	CHECK_EQ(op0(C, PYMM_OP_HASH, h, 0, 0).r0, (u64)-2);
	closeh(C, h);
	h = new_int(C, 1ll << 62);
	CHECK_EQ(op0(C, PYMM_OP_HASH, h, 0, 0).r0, 2);
	closeh(C, h);
	{
		u64 items[2] = { new_int(C, 1), new_int(C, 2) }, t, t2;
		u64 f1 = new_float(C, 1.0);

		t = new_seq(C, PYMM_OP_NEW_TUPLE, items, 2);
		CHECK_EQ(op0(C, PYMM_OP_HASH, t, 0, 0).r0, (u64)-3550055125485641917ll);
		closeh(C, items[0]);
		items[0] = f1;
		t2 = new_seq(C, PYMM_OP_NEW_TUPLE, items, 2);
		CHECK_EQ(op0(C, PYMM_OP_HASH, t2, 0, 0).r0, (u64)-3550055125485641917ll);
		closeh(C, t);
		closeh(C, t2);
		closeh(C, items[0]);
		closeh(C, items[1]);
		t = new_seq(C, PYMM_OP_NEW_TUPLE, NULL, 0);
		CHECK_EQ(op0(C, PYMM_OP_HASH, t, 0, 0).r0, 5740354900026072187ull);
		closeh(C, t);
	}
	verify(C);
}

static void test_dict_keys(void)
{
	u64 base = heap_objects(C);
	u64 d = new_seq(C, PYMM_OP_NEW_DICT, NULL, 0);
	u64 one = new_int(C, 1), onef = new_float(C, 1.0);
	u64 tru = op0(C, PYMM_OP_CONST, PYMM_CONST_TRUE, 0, 0).r0;
	u64 va = new_str(C, "a"), vb = new_str(C, "b"), vc = new_str(C, "c");
	u64 lst = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	u64 tk[2], t1, t2;
	struct res r;

	CHECK_EQ(op0(C, PYMM_OP_SETITEM, d, one, va).err, 0);
	r = op0(C, PYMM_OP_GETITEM, d, onef, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(obj_id(C, r.r0), obj_id(C, va));
	closeh(C, r.r0);
	CHECK_EQ(op0(C, PYMM_OP_SETITEM, d, tru, vb).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_LEN, d, 0, 0).r0, 1);
	r = op0(C, PYMM_OP_GETITEM, d, one, 0);
	CHECK_EQ(obj_id(C, r.r0), obj_id(C, vb));
	closeh(C, r.r0);
	/* the first key object stays (CPython keeps the old key) */
	r = opx(C, PYMM_OP_ITEMS, 0, d, 0, 0, NULL, 0, 64);
	CHECK_EQ(r.r0, 1);
	{
		u64 k;

		memcpy(&k, buf, 8);
		CHECK_EQ(op0(C, PYMM_OP_TYPE, k, 0, 0).r0, PYMM_T_INT);
		closeh(C, k);
	}
	/* unhashable key: TypeError, dict unchanged */
	r = op0(C, PYMM_OP_SETITEM, d, lst, vc);
	CHECK_EQ(r.err, -EINVAL);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	CHECK_EQ(op0(C, PYMM_OP_LEN, d, 0, 0).r0, 1);
	/* tuple keys: (1, "c") == (1.0, "c") */
	tk[0] = one;
	tk[1] = vc;
	t1 = new_seq(C, PYMM_OP_NEW_TUPLE, tk, 2);
	tk[0] = onef;
	t2 = new_seq(C, PYMM_OP_NEW_TUPLE, tk, 2);
	CHECK_EQ(op0(C, PYMM_OP_SETITEM, d, t1, va).err, 0);
	r = op0(C, PYMM_OP_GETITEM, d, t2, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(obj_id(C, r.r0), obj_id(C, va));
	closeh(C, r.r0);
	/* a tuple holding a list is unhashable */
	tk[1] = lst;
	t1 = (closeh(C, t1), new_seq(C, PYMM_OP_NEW_TUPLE, tk, 2));
	CHECK_EQ(op0(C, PYMM_OP_HASH, t1, 0, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_GETITEM, d, t1, 0).exc, PYMM_EXC_TYPE_ERROR);
	/* missing key */
	r = op0(C, PYMM_OP_GETITEM, d, va, 0);
	CHECK_EQ(r.err, -ENOENT);
	CHECK_EQ(r.exc, PYMM_EXC_KEY_ERROR);
	CHECK_EQ(op0(C, PYMM_OP_DELITEM, d, onef, 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_DELITEM, d, onef, 0).exc, PYMM_EXC_KEY_ERROR);
	/* many keys: growth, deletion, insertion order */
	{
		u64 i, k;

		for (i = 0; i < 1000; i++) {
			k = new_int(C, (s64)i * 7);
			CHECK_EQ(op0(C, PYMM_OP_SETITEM, d, k, k).err, 0);
			if (i % 3 == 0)
				CHECK_EQ(op0(C, PYMM_OP_DELITEM, d, k, 0).err, 0);
			closeh(C, k);
		}
		CHECK_EQ(op0(C, PYMM_OP_LEN, d, 0, 0).r0, 1 + 666);
		r = opx(C, PYMM_OP_ITEMS, 0, d, 0, 0, NULL, 0, sizeof(buf));
		CHECK_EQ(r.r0, 667);
		{
			u64 hs[667];

			memcpy(hs, buf, sizeof(hs));
			/* key 0 is (1, "c"), then 7, 14, 28, ... (every third deleted) */
			CHECK_EQ(read_int(C, hs[1]), 7);
			CHECK_EQ(read_int(C, hs[2]), 14);
			CHECK_EQ(read_int(C, hs[3]), 28);
			for (i = 0; i < 667; i++)
				closeh(C, hs[i]);
		}
	}
	verify(C);
	closeh(C, d);
	closeh(C, one);
	closeh(C, onef);
	closeh(C, tru);
	closeh(C, va);
	closeh(C, vb);
	closeh(C, vc);
	closeh(C, lst);
	closeh(C, t1);
	closeh(C, t2);
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

static u64 new_class(struct pymm_client *c, const char *name, const char *fin)
{
	char d[128];
	u32 n = strlen(name);
	struct res r;

	memcpy(d, name, n);
	if (fin) {
		d[n++] = 0;
		memcpy(d + n, fin, strlen(fin));
		n += strlen(fin);
	}
	r = opd(c, PYMM_OP_NEW_CLASS, 0, d, n);
	CHECK_EQ(r.err, 0);
	return r.r0;
}

/* a class is a cycle (its __mro__ holds it): the last handle leaves a collection to do */
static void close_class(struct pymm_client *c, u64 cls)
{
	closeh(c, cls);
	CHECK_EQ(op0(c, PYMM_OP_GC_COLLECT, 2, 0, 0).err, 0);
}

static void test_finalizers(void)
{
	u64 base = heap_objects(C);
	u64 ca = new_class(C, "A", "del a"), cb = new_class(C, "B", "del b");
	u64 a = op0(C, PYMM_OP_NEW_INSTANCE, ca, 0, 0).r0;
	u64 b = op0(C, PYMM_OP_NEW_INSTANCE, cb, 0, 0).r0;
	u64 l, d, ka, kb, items[2] = { a, b };
	struct res r;

	CHECK(op0(C, PYMM_OP_TYPE, a, 0, 0).r1 & PYMM_TYPEF_HAS_FINALIZER);
	/* list dealloc drops items last to first: b, then a (as CPython) */
	l = new_seq(C, PYMM_OP_NEW_LIST, items, 2);
	closeh(C, a);
	r = op0(C, PYMM_OP_CLOSE, b, 0, 0);
	CHECK(!(r.out_flags & PYMM_OUTF_OUTPUT));
	r = op0(C, PYMM_OP_CLOSE, l, 0, 0);
	CHECK(r.out_flags & PYMM_OUTF_OUTPUT);
	CHECK(!strcmp(read_output(C), "del b\ndel a\n"));
	/* dict dealloc goes in insertion order */
	a = op0(C, PYMM_OP_NEW_INSTANCE, ca, 0, 0).r0;
	b = op0(C, PYMM_OP_NEW_INSTANCE, cb, 0, 0).r0;
	ka = new_str(C, "k1");
	kb = new_str(C, "k2");
	{
		u64 kv[4] = { ka, a, kb, b };

		d = new_seq(C, PYMM_OP_NEW_DICT, kv, 4);
	}
	closeh(C, a);
	closeh(C, b);
	closeh(C, d);
	CHECK(!strcmp(read_output(C), "del a\ndel b\n"));
	/* depth first: an instance's attributes die before the next sibling */
	a = op0(C, PYMM_OP_NEW_INSTANCE, ca, 0, 0).r0;
	b = op0(C, PYMM_OP_NEW_INSTANCE, cb, 0, 0).r0;
	{
		u64 inner = op0(C, PYMM_OP_NEW_INSTANCE, ca, 0, 0).r0;

		CHECK_EQ(opx(C, PYMM_OP_SETATTR, 0, b, inner, 0, "x", 1, 0).err, 0);
		closeh(C, inner);
	}
	items[0] = a;
	items[1] = b;
	l = new_seq(C, PYMM_OP_NEW_LIST, items, 2);
	closeh(C, a);
	closeh(C, b);
	closeh(C, l);
	CHECK(!strcmp(read_output(C), "del b\ndel a\ndel a\n"));
	/* finalizer output goes to the client whose op caused the death */
	{
		struct pymm_client *c2 = client(1000, PYMM_DEFAULT_HEAP);
		u64 x = op0(C, PYMM_OP_NEW_INSTANCE, ca, 0, 0).r0;

		CHECK_EQ(bind(C, "shared", x, 0), 0);
		closeh(C, x);
		CHECK_EQ(delname(c2, "shared", 0), 0);
		CHECK(!strcmp(read_output(c2), "del a\n"));
		CHECK(!strcmp(read_output(C), ""));
		pymm_client_release(c2);
	}
	closeh(C, ka);
	closeh(C, kb);
	closeh(C, ca);
	close_class(C, cb);
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

static void test_weakrefs(void)
{
	u64 base = heap_objects(C);
	u64 cls = new_class(C, "W", NULL);
	u64 inst = op0(C, PYMM_OP_NEW_INSTANCE, cls, 0, 0).r0;
	u64 lst = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	struct res w1, w2, r;

	w1 = op0(C, PYMM_OP_NEW_WEAKREF, inst, 0, 0);
	w2 = op0(C, PYMM_OP_NEW_WEAKREF, inst, 0, 0);
	CHECK_EQ(w1.err, 0);
	CHECK_EQ(obj_id(C, w1.r0), obj_id(C, w2.r0));	/* CPython reuses the ref */
	CHECK_EQ(refcnt(C, inst), 1);			/* weak: no count */
	r = op0(C, PYMM_OP_WEAKREF_GET, w1.r0, 0, 0);
	CHECK_EQ(obj_id(C, r.r0), obj_id(C, inst));
	closeh(C, r.r0);
	closeh(C, inst);
	r = op0(C, PYMM_OP_WEAKREF_GET, w1.r0, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(op0(C, PYMM_OP_TYPE, r.r0, 0, 0).r0, PYMM_T_NONE);
	closeh(C, r.r0);
	r = op0(C, PYMM_OP_NEW_WEAKREF, lst, 0, 0);
	CHECK_EQ(r.err, -EINVAL);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	r = op0(C, PYMM_OP_NEW_WEAKREF, cls, 0, 0);
	CHECK_EQ(r.err, 0);
	closeh(C, r.r0);
	closeh(C, w1.r0);
	closeh(C, w2.r0);
	closeh(C, lst);
	close_class(C, cls);
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

/* KeyedRef, a weakref's kept hash, WEAKREF_LIST (ops 216-218) */
static void test_keyedrefs(void)
{
	u64 base = heap_objects(C);
	u64 cls = new_class(C, "K", NULL);
	u64 inst = op0(C, PYMM_OP_NEW_INSTANCE, cls, 0, 0).r0;
	u64 key = new_str(C, "the key"), plain, k1, k2, hs[4];
	u64 key_rc = refcnt(C, key);
	struct res r;

	plain = op0(C, PYMM_OP_NEW_WEAKREF, inst, 0, 0).r0;
	r = op0(C, PYMM_OP_NEW_KEYEDREF, inst, 0, key);
	CHECK_EQ(r.err, 0);
	k1 = r.r0;
	k2 = op0(C, PYMM_OP_NEW_KEYEDREF, inst, 0, key).r0;
	CHECK(obj_id(C, k1) != obj_id(C, k2));		/* never shared */
	CHECK_EQ(refcnt(C, key), key_rc + 2);		/* each holds its key */
	r = op0(C, PYMM_OP_NEW_WEAKREF, inst, 0, 0);
	CHECK_EQ(obj_id(C, r.r0), obj_id(C, plain));	/* the plain one stays shared */
	closeh(C, r.r0);
	r = op0(C, PYMM_OP_WEAKREF_KEY, k1, 0, 0);
	CHECK_EQ(obj_id(C, r.r0), obj_id(C, key));
	closeh(C, r.r0);
	r = op0(C, PYMM_OP_WEAKREF_KEY, plain, 0, 0);
	CHECK_EQ(r.err, -ENOENT);
	CHECK_EQ(r.exc, PYMM_EXC_ATTRIBUTE_ERROR);
	r = op0(C, PYMM_OP_NEW_KEYEDREF, inst, key, key);	/* a str is no callback */
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);

	/* the list: plain first, then the newest keyed ref; too little room */
	r = opx(C, PYMM_OP_WEAKREF_LIST, 0, inst, 0, 0, NULL, 0, 16);
	CHECK_EQ(r.err, -ENOSPC);
	CHECK(r.out_flags & PYMM_OUTF_TRUNC);
	CHECK_EQ(r.data_len, 24);
	r = opx(C, PYMM_OP_WEAKREF_LIST, 0, inst, 0, 0, NULL, 0, sizeof(hs));
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 3);
	memcpy(hs, buf, 3 * sizeof(u64));
	CHECK_EQ(obj_id(C, hs[0]), obj_id(C, plain));
	CHECK_EQ(obj_id(C, hs[1]), obj_id(C, k2));
	CHECK_EQ(obj_id(C, hs[2]), obj_id(C, k1));
	closeh(C, hs[0]);
	closeh(C, hs[1]);
	closeh(C, hs[2]);
	r = opx(C, PYMM_OP_WEAKREF_LIST, 0, key, 0, 0, NULL, 0, sizeof(hs));
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 0);				/* a str: none, no error */

	/* the hash: kept once asked, so a dead ref hashes still */
	r = op0(C, PYMM_OP_HASH, k1, 0, 0);
	CHECK_EQ(r.err, 0);
	hs[3] = r.r0;
	closeh(C, inst);
	r = op0(C, PYMM_OP_HASH, k1, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, hs[3]);
	r = op0(C, PYMM_OP_HASH, k2, 0, 0);		/* never asked while alive */
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	closeh(C, k1);
	closeh(C, k2);
	CHECK_EQ(refcnt(C, key), key_rc);		/* the dead refs let go of it */
	closeh(C, plain);
	closeh(C, key);
	close_class(C, cls);
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

static void test_list_ops(void)
{
	u64 base = heap_objects(C), l, i, v;
	struct res r;

	l = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	for (i = 0; i < 100; i++) {
		v = new_int(C, (s64)i + 1000);
		CHECK_EQ(op0(C, PYMM_OP_APPEND, l, v, 0).err, 0);
		closeh(C, v);
	}
	v = new_int(C, -1);
	r = op0(C, PYMM_OP_GETITEM, l, v, 0);
	CHECK_EQ(read_int(C, r.r0), 1099);
	closeh(C, r.r0);
	closeh(C, v);
	v = new_int(C, 100);
	r = op0(C, PYMM_OP_GETITEM, l, v, 0);
	CHECK_EQ(r.err, -ERANGE);
	CHECK_EQ(r.exc, PYMM_EXC_INDEX_ERROR);
	closeh(C, v);
	r = op0(C, PYMM_OP_POP, l, 0, 0);
	CHECK_EQ(read_int(C, r.r0), 1000);
	closeh(C, r.r0);
	r = op0(C, PYMM_OP_POP, l, (u64)-1, 0);
	CHECK_EQ(read_int(C, r.r0), 1099);
	closeh(C, r.r0);
	CHECK_EQ(op0(C, PYMM_OP_LEN, l, 0, 0).r0, 98);
	v = new_str(C, "x");
	CHECK_EQ(op0(C, PYMM_OP_GETITEM, l, v, 0).exc, PYMM_EXC_TYPE_ERROR);
	closeh(C, v);
	{
		u64 e = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);

		r = op0(C, PYMM_OP_POP, e, (u64)-1, 0);
		CHECK_EQ(r.err, -ERANGE);
		closeh(C, e);
	}
	/* list + list, list * 3 */
	r = op0(C, PYMM_OP_BINOP, l, l, PYMM_BIN_ADD);
	CHECK_EQ(op0(C, PYMM_OP_LEN, r.r0, 0, 0).r0, 196);
	closeh(C, r.r0);
	v = new_int(C, 3);
	r = op0(C, PYMM_OP_BINOP, v, l, PYMM_BIN_MUL);
	CHECK_EQ(op0(C, PYMM_OP_LEN, r.r0, 0, 0).r0, 294);
	closeh(C, r.r0);
	closeh(C, v);
	/* tuples are immutable */
	{
		u64 t = new_seq(C, PYMM_OP_NEW_TUPLE, &l, 1), z = new_int(C, 0);

		CHECK_EQ(op0(C, PYMM_OP_SETITEM, t, z, z).exc, PYMM_EXC_TYPE_ERROR);
		CHECK_EQ(op0(C, PYMM_OP_APPEND, t, z, 0).exc, PYMM_EXC_ATTRIBUTE_ERROR);
		closeh(C, t);
		closeh(C, z);
	}
	closeh(C, l);
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

static void test_values(void)
{
	u64 a = new_int(C, 2), b = new_int(C, 3), big = new_int(C, INT64_MAX);
	u64 f = new_float(C, 2.5), s1 = new_str(C, "ab"), s2 = new_str(C, "cd");
	struct res r;

	r = op0(C, PYMM_OP_BINOP, a, b, PYMM_BIN_MUL);
	CHECK_EQ(read_int(C, r.r0), 6);
	closeh(C, r.r0);
	r = op0(C, PYMM_OP_BINOP, big, b, PYMM_BIN_ADD);
	CHECK_EQ(r.err, -EOVERFLOW);
	CHECK_EQ(r.exc, PYMM_EXC_OVERFLOW_ERROR);
	CHECK_EQ(op0(C, PYMM_OP_BINOP, a, f, PYMM_BIN_ADD).err, -EOPNOTSUPP);
	CHECK_EQ(op0(C, PYMM_OP_BINOP, a, s1, PYMM_BIN_ADD).exc, PYMM_EXC_TYPE_ERROR);
	r = op0(C, PYMM_OP_BINOP, s1, s2, PYMM_BIN_ADD);
	CHECK_EQ(r.err, 0);
	{
		u64 abcd = new_str(C, "abcd");

		/*
		 * "abcd" is identifier-like, but the concatenation is computed:
		 * a new object, as CPython's runtime str (the constant is interned)
		 */
		CHECK(obj_id(C, r.r0) != obj_id(C, abcd));
		CHECK_EQ(op0(C, PYMM_OP_COMPARE, r.r0, abcd, PYMM_CMP_EQ).r0, 1);
		CHECK_EQ(refcnt(C, r.r0), 1);
		closeh(C, abcd);
	}
	closeh(C, r.r0);
	/* comparisons across number types, exact */
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, a, f, PYMM_CMP_LT).r0, 1);
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, b, f, PYMM_CMP_GT).r0, 1);
	{
		u64 two = new_float(C, 2.0), nan = new_float(C, __builtin_nan(""));

		CHECK_EQ(op0(C, PYMM_OP_COMPARE, a, two, PYMM_CMP_EQ).r0, 1);
		CHECK_EQ(op0(C, PYMM_OP_COMPARE, two, a, PYMM_CMP_GE).r0, 1);
		CHECK_EQ(op0(C, PYMM_OP_COMPARE, a, two, PYMM_CMP_IS).r0, 0);
		CHECK_EQ(op0(C, PYMM_OP_COMPARE, nan, nan, PYMM_CMP_EQ).r0, 0);
		CHECK_EQ(op0(C, PYMM_OP_COMPARE, nan, a, PYMM_CMP_LT).r0, 0);
		closeh(C, two);
		closeh(C, nan);
	}
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, s1, s2, PYMM_CMP_LT).r0, 1);
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, a, s1, PYMM_CMP_LT).exc, PYMM_EXC_TYPE_ERROR);
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, a, s1, PYMM_CMP_EQ).r0, 0);
	/* nested sequences: [1, [2, (3,)]] == [1.0, [2, (3.0,)]] and ordering */
	{
		u64 t1 = new_seq(C, PYMM_OP_NEW_TUPLE, &b, 1);
		u64 f3 = new_float(C, 3.0), t2 = new_seq(C, PYMM_OP_NEW_TUPLE, &f3, 1);
		u64 i1[2] = { a, t1 }, i2[2] = { a, t2 };
		u64 l1 = new_seq(C, PYMM_OP_NEW_LIST, i1, 2), l2 = new_seq(C, PYMM_OP_NEW_LIST, i2, 2);

		CHECK_EQ(op0(C, PYMM_OP_COMPARE, l1, l2, PYMM_CMP_EQ).r0, 1);
		CHECK_EQ(op0(C, PYMM_OP_COMPARE, l1, l2, PYMM_CMP_LT).r0, 0);
		CHECK_EQ(op0(C, PYMM_OP_COMPARE, l1, l2, PYMM_CMP_LE).r0, 1);
		CHECK_EQ(op0(C, PYMM_OP_APPEND, l2, a, 0).err, 0);
		CHECK_EQ(op0(C, PYMM_OP_COMPARE, l1, l2, PYMM_CMP_LT).r0, 1);
		CHECK_EQ(op0(C, PYMM_OP_COMPARE, l1, l2, PYMM_CMP_NE).r0, 1);
		closeh(C, t1);
		closeh(C, t2);
		closeh(C, f3);
		closeh(C, l1);
		closeh(C, l2);
	}
	closeh(C, a);
	closeh(C, b);
	closeh(C, big);
	closeh(C, f);
	closeh(C, s1);
	closeh(C, s2);
	verify(C);
}

/*
 * A function's __dict__ is made by the first read (func_get_dict), is the
 * dict its attributes live in, and is part of the function's traversal:
 * f.me = f is a cycle the collector frees.
 */
static void function_dict(u64 fn, u64 v)
{
	u64 objs = heap_objects(C), d, f2;
	struct res r;

	r = opx(C, PYMM_OP_GETATTR, 0, fn, 0, 0, "__dict__", 8, 0);
	CHECK_EQ(r.err, 0);
	d = r.r0;
	CHECK_EQ(op0(C, PYMM_OP_TYPE, d, 0, 0).r0, PYMM_T_DICT);
	CHECK_EQ(heap_objects(C), objs + 1);
	r = opx(C, PYMM_OP_GETATTR, 0, fn, 0, 0, "__dict__", 8, 0);	/* the same dict */
	CHECK_EQ(r.err, 0);
	CHECK_EQ(heap_objects(C), objs + 1);
	closeh(C, r.r0);
	CHECK_EQ(opx(C, PYMM_OP_SETATTR, 0, fn, v, 0, "calls", 5, 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_LEN, d, 0, 0).r0, 1);
	closeh(C, d);
	/* f.__dict__ = a dict replaces it; anything else, and del, is a TypeError */
	r = opx(C, PYMM_OP_SETATTR, 0, fn, v, 0, "__dict__", 8, 0);
	CHECK_EQ(r.err, -EINVAL);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	r = opx(C, PYMM_OP_DELATTR, 0, fn, 0, 0, "__dict__", 8, 0);
	CHECK_EQ(r.err, -EINVAL);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	d = new_seq(C, PYMM_OP_NEW_DICT, NULL, 0);
	CHECK_EQ(opx(C, PYMM_OP_SETATTR, 0, fn, d, 0, "__dict__", 8, 0).err, 0);
	CHECK_EQ(heap_objects(C), objs + 1);	/* the old dict went */
	r = opx(C, PYMM_OP_GETATTR, 0, fn, 0, 0, "__dict__", 8, 0);
	CHECK_EQ(obj_id(C, r.r0), obj_id(C, d));
	closeh(C, r.r0);
	CHECK_EQ(opx(C, PYMM_OP_GETATTR, 0, fn, 0, 0, "calls", 5, 0).err, -ENOENT);
	closeh(C, d);
	/* a function holding itself in its own attribute: collected */
	r = opx(C, PYMM_OP_NEW_FUNCTION, 0, 0x1234, 0, 0, "g", 1, 0);
	CHECK_EQ(r.err, 0);
	f2 = r.r0;
	CHECK_EQ(opx(C, PYMM_OP_SETATTR, 0, f2, f2, 0, "me", 2, 0).err, 0);
	objs = heap_objects(C);
	closeh(C, f2);
	CHECK_EQ(heap_objects(C), objs);
	CHECK_EQ(op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0).r0, 2);
	CHECK_EQ(heap_objects(C), objs - 3);
}

static void test_attributes_and_functions(void)
{
	u64 base = heap_objects(C);
	u64 cls = new_class(C, "K", NULL), inst, v = new_int(C, 500), fn;
	struct res r;

	inst = op0(C, PYMM_OP_NEW_INSTANCE, cls, 0, 0).r0;
	CHECK_EQ(opx(C, PYMM_OP_SETATTR, 0, cls, v, 0, "shared", 6, 0).err, 0);
	CHECK_EQ(opx(C, PYMM_OP_SETATTR, 0, inst, v, 0, "own", 3, 0).err, 0);
	r = opx(C, PYMM_OP_GETATTR, 0, inst, 0, 0, "shared", 6, 0);	/* via the class */
	CHECK_EQ(r.err, 0);
	CHECK_EQ(read_int(C, r.r0), 500);
	closeh(C, r.r0);
	r = opx(C, PYMM_OP_GETATTR, 0, inst, 0, 0, "nope", 4, 0);
	CHECK_EQ(r.err, -ENOENT);
	CHECK_EQ(r.exc, PYMM_EXC_ATTRIBUTE_ERROR);
	CHECK_EQ(opx(C, PYMM_OP_DELATTR, 0, inst, 0, 0, "own", 3, 0).err, 0);
	CHECK_EQ(opx(C, PYMM_OP_DELATTR, 0, inst, 0, 0, "own", 3, 0).exc,
		 PYMM_EXC_ATTRIBUTE_ERROR);
	CHECK_EQ(opx(C, PYMM_OP_SETATTR, 0, v, v, 0, "x", 1, 0).exc, PYMM_EXC_ATTRIBUTE_ERROR);
	CHECK_EQ(opx(C, PYMM_OP_SETATTR, 0, inst, v, 0, "1x", 2, 0).err, -EINVAL);
	r = opx(C, PYMM_OP_NEW_FUNCTION, 0, 0xabcdef, 0, 0, "f", 1, 0);
	CHECK_EQ(r.err, 0);
	fn = r.r0;
	CHECK_EQ(op0(C, PYMM_OP_TYPE, fn, 0, 0).r0, PYMM_T_FUNCTION);
	r = opx(C, PYMM_OP_READ, 0, fn, 0, 0, NULL, 0, 16);
	CHECK_EQ(r.r0, 0xabcdef);
	CHECK_EQ(r.data_len, 1);
	CHECK_EQ(buf[0], 'f');
	CHECK(op0(C, PYMM_OP_GC_IS_TRACKED, fn, 0, 0).r0);
	CHECK(!op0(C, PYMM_OP_GC_IS_TRACKED, v, 0, 0).r0);
	function_dict(fn, v);
	closeh(C, fn);
	closeh(C, inst);
	closeh(C, v);
	close_class(C, cls);
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

static void test_frames(void)
{
	u64 base = heap_objects(C), g = new_int(C, 7001), l = new_int(C, 7002), i;
	struct res r;

	CHECK_EQ(bind(C, "v", g, 0), 0);
	CHECK_EQ(opd(C, PYMM_OP_FRAME_PUSH, 0, "f", 1).r0, 1);
	r = lookup(C, "v", 0);				/* falls back to globals */
	CHECK_EQ(read_int(C, r.r0), 7001);
	closeh(C, r.r0);
	CHECK_EQ(lookup(C, "v", PYMM_OPF_LOCAL).err, -ENOENT);
	CHECK_EQ(bind(C, "v", l, PYMM_OPF_LOCAL), 0);
	r = lookup(C, "v", 0);				/* locals first */
	CHECK_EQ(read_int(C, r.r0), 7002);
	closeh(C, r.r0);
	r = opx(C, PYMM_OP_NAME_LIST, PYMM_OPF_LOCAL, 0, 0, 0, NULL, 0, 64);
	CHECK_EQ(r.r0, 1);
	CHECK_EQ(r.data_len, 2);
	CHECK(!memcmp(buf, "v", 2));
	CHECK_EQ(refcnt(C, l), 2);
	CHECK_EQ(op0(C, PYMM_OP_FRAME_POP, 0, 0, 0).r0, 0);
	CHECK_EQ(refcnt(C, l), 1);			/* frame exit: -1 */
	CHECK_EQ(op0(C, PYMM_OP_FRAME_POP, 0, 0, 0).err, -ENOENT);
	/* depth limit: a clean RecursionError, nothing changed */
	for (i = 0; i < 1000; i++)
		CHECK_EQ(opd(C, PYMM_OP_FRAME_PUSH, 0, "rec", 3).err, 0);
	r = opd(C, PYMM_OP_FRAME_PUSH, 0, "rec", 3);
	CHECK_EQ(r.err, -ELOOP);
	CHECK_EQ(r.exc, PYMM_EXC_RECURSION_ERROR);
	verify(C);
	for (i = 0; i < 1000; i++)
		CHECK_EQ(op0(C, PYMM_OP_FRAME_POP, 0, 0, 0).r0, 999 - i);
	CHECK_EQ(delname(C, "v", 0), 0);
	closeh(C, g);
	closeh(C, l);
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

static void test_client_release(void)
{
	u64 base = heap_objects(C), i, prev = 0;
	struct pymm_client *c2 = client(1000, PYMM_DEFAULT_HEAP);

	for (i = 0; i < 500; i++) {
		u64 h = new_int(c2, 100000 + (s64)i);
		u64 l = new_seq(c2, PYMM_OP_NEW_LIST, &h, 1);

		if (prev)
			op0(c2, PYMM_OP_APPEND, l, prev, 0);
		prev = l;
	}
	opd(c2, PYMM_OP_FRAME_PUSH, 0, "g", 1);
	bind(c2, "local", prev, PYMM_OPF_LOCAL);
	CHECK(heap_objects(C) > base + 1000);
	verify(C);
	pymm_client_release(c2);	/* as a killed process: everything goes */
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

static void test_handles(void)
{
	u64 h = new_int(C, 424242), d;
	struct pymm_client *c2 = client(1000, PYMM_DEFAULT_HEAP);
	struct res r;

	d = op0(C, PYMM_OP_DUP, h, 0, 0).r0;
	CHECK_EQ(refcnt(C, h), 2);
	closeh(C, h);
	CHECK_EQ(op0(C, PYMM_OP_REFCOUNT, h, 0, 0).err, -EBADF);	/* stale */
	r = op0(C, PYMM_OP_NEW_INT, 1, 0, 0);			/* reuses the slot */
	CHECK_EQ((u32)r.r0, (u32)h);
	CHECK_EQ(op0(C, PYMM_OP_REFCOUNT, h, 0, 0).err, -EBADF);	/* still stale */
	CHECK_EQ(op0(C, PYMM_OP_CLOSE, h, 0, 0).err, -EBADF);
	closeh(C, r.r0);
	/* another client's handle names nothing of ours */
	CHECK_EQ(op0(c2, PYMM_OP_REFCOUNT, d, 0, 0).err, -EBADF);
	CHECK_EQ(op0(C, PYMM_OP_REFCOUNT, 0, 0, 0).err, -EBADF);
	CHECK_EQ(op0(C, PYMM_OP_REFCOUNT, ~0ull, 0, 0).err, -EBADF);
	closeh(C, d);
	/* re-attaching drops every handle; the old ones stay stale */
	{
		u64 h2 = new_int(c2, 5555), h3;

		CHECK_EQ(opd(c2, PYMM_OP_HEAP_CREATE, 0, "other", 5).err, 0);
		CHECK_EQ(opd(c2, PYMM_OP_HEAP_ATTACH, 0, "other", 5).err, 0);
		CHECK_EQ(op0(c2, PYMM_OP_REFCOUNT, h2, 0, 0).err, -EBADF);
		h3 = new_int(c2, 5555);
		CHECK_NE(h3, h2);
		CHECK_EQ(refcnt(c2, h3), 1);
		CHECK_EQ(opd(c2, PYMM_OP_HEAP_ATTACH, 0, PYMM_DEFAULT_HEAP, 7).err, 0);
		CHECK_EQ(opd(c2, PYMM_OP_HEAP_DESTROY, 0, "other", 5).err, 0);
	}
	pymm_client_release(c2);
	verify(C);
}

/*
 * A handle's top byte is its object's type code (PYMM_HANDLE_TYPE): the
 * interpreter reads types off handles instead of sending TYPE ops, so the
 * byte must agree with TYPE for every kind of object, a handle whose byte
 * was changed names nothing, and the 24-bit generation wraps to 1, never 0.
 */
static void test_handle_types(void)
{
	u64 hs[8], cls, bad;
	double d = 2.5;
	struct pymm_handle *e;
	u32 i, n = 0, slot;

	hs[n++] = new_int(C, 7);
	hs[n++] = op0(C, PYMM_OP_NEW_FLOAT, *(u64 *)&d, 0, 0).r0;
	hs[n++] = opd(C, PYMM_OP_NEW_STR, 0, "handle", 6).r0;
	hs[n++] = opd(C, PYMM_OP_NEW_TUPLE, 0, hs, 16).r0;
	hs[n++] = opd(C, PYMM_OP_NEW_LIST, 0, hs, 8).r0;
	hs[n++] = op0(C, PYMM_OP_CONST, PYMM_CONST_NONE, 0, 0).r0;
	cls = new_class(C, "HT", NULL);
	hs[n++] = cls;
	hs[n++] = op0(C, PYMM_OP_NEW_INSTANCE, cls, 0, 0).r0;
	for (i = 0; i < n; i++) {
		struct res t = op0(C, PYMM_OP_TYPE, hs[i], 0, 0);

		CHECK_EQ(t.err, 0);
		CHECK(PYMM_HANDLE_TYPE(hs[i]) != 0);
		CHECK_EQ(PYMM_HANDLE_TYPE(hs[i]), t.r0);
		/* the same slot and generation under another type's byte */
		bad = hs[i] ^ ((u64)(PYMM_HANDLE_TYPE(hs[i]) ^ PYMM_T_DICT) << 56);
		CHECK_EQ(op0(C, PYMM_OP_TYPE, bad, 0, 0).err, -EBADF);
		CHECK_EQ(op0(C, PYMM_OP_TYPE, hs[i] & ~(0xffull << 56), 0, 0).err, -EBADF);
	}
	CHECK_EQ(PYMM_HANDLE_TYPE(hs[0]), PYMM_T_INT);
	CHECK_EQ(PYMM_HANDLE_TYPE(hs[6]), PYMM_T_CLASS);
	/* a generation at its last value wraps to 1 when the slot is closed */
	slot = (u32)hs[0] - 1;
	e = &C->handles[slot];
	CHECK_EQ(e->gen, (u32)(hs[0] >> 32) & 0xffffff);
	closeh(C, hs[0]);
	hs[0] = new_int(C, 8);
	CHECK_EQ((u32)hs[0] - 1, slot);
	e->gen = 0xffffff;
	hs[0] = ((u64)PYMM_T_INT << 56) | (0xffffffull << 32) | (slot + 1);
	CHECK_EQ(read_int(C, hs[0]), 8);
	closeh(C, hs[0]);
	CHECK_EQ(e->gen, 1);
	CHECK_EQ(op0(C, PYMM_OP_TYPE, hs[0], 0, 0).err, -EBADF);
	hs[0] = new_int(C, 9);
	CHECK_EQ(hs[0], ((u64)PYMM_T_INT << 56) | (1ull << 32) | (slot + 1));
	for (i = n; i-- > 0; )
		closeh(C, hs[i]);
	CHECK_EQ(op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0).err, 0);	/* the class's cycle */
	verify(C);
}

/* BINOP's int operators (// % ** & | ^ << >>): Python's floor rules, the edges */
static s64 binop_int(s64 a, s64 b, u32 kind, int *err)
{
	u64 ha = new_int(C, a), hb = new_int(C, b);
	struct res r = op0(C, PYMM_OP_BINOP, ha, hb, kind);
	s64 v = 0;

	*err = r.err;
	if (!r.err) {
		v = (s64)read_int(C, r.r0);
		closeh(C, r.r0);
	}
	closeh(C, ha);
	closeh(C, hb);
	return v;
}

static void test_int_binops(void)
{
	static const struct { s64 a, b; u32 kind; s64 r; int err; } t[] = {
		{ 7, 2, PYMM_BIN_FLOORDIV, 3, 0 }, { -7, 2, PYMM_BIN_FLOORDIV, -4, 0 },
		{ 7, -2, PYMM_BIN_FLOORDIV, -4, 0 }, { -7, -2, PYMM_BIN_FLOORDIV, 3, 0 },
		{ 7, 2, PYMM_BIN_MOD, 1, 0 }, { -7, 2, PYMM_BIN_MOD, 1, 0 },
		{ 7, -2, PYMM_BIN_MOD, -1, 0 }, { -7, -2, PYMM_BIN_MOD, -1, 0 },
		{ 6, -3, PYMM_BIN_MOD, 0, 0 }, { 5, 0, PYMM_BIN_MOD, 0, -EDOM },
		{ 5, 0, PYMM_BIN_FLOORDIV, 0, -EDOM },
		{ S64_MIN, -1, PYMM_BIN_FLOORDIV, 0, -EOVERFLOW },
		{ S64_MIN, -1, PYMM_BIN_MOD, 0, 0 }, { S64_MAX, -1, PYMM_BIN_FLOORDIV, -S64_MAX, 0 },
		{ 3, 4, PYMM_BIN_POW, 81, 0 }, { -2, 63, PYMM_BIN_POW, S64_MIN, 0 },
		{ 2, 63, PYMM_BIN_POW, 0, -EOVERFLOW }, { 2, -1, PYMM_BIN_POW, 0, -EOPNOTSUPP },
		{ 0, 0, PYMM_BIN_POW, 1, 0 },
		{ 12, 10, PYMM_BIN_AND, 8, 0 }, { 12, 10, PYMM_BIN_OR, 14, 0 },
		{ 12, 10, PYMM_BIN_XOR, 6, 0 }, { -1, 63, PYMM_BIN_LSHIFT, 0, -EOVERFLOW },
		{ 1, 62, PYMM_BIN_LSHIFT, 1ll << 62, 0 }, { 0, 1000, PYMM_BIN_LSHIFT, 0, 0 },
		{ 1, -1, PYMM_BIN_LSHIFT, 0, -EINVAL }, { -5, 1, PYMM_BIN_RSHIFT, -3, 0 },
		{ -5, 200, PYMM_BIN_RSHIFT, -1, 0 }, { 5, 64, PYMM_BIN_RSHIFT, 0, 0 },
		{ 5, -2, PYMM_BIN_RSHIFT, 0, -EINVAL },
	};
	u64 one = new_int(C, 1), tru = op0(C, PYMM_OP_CONST, PYMM_CONST_TRUE, 0, 0).r0;
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		s64 v = binop_int(t[i].a, t[i].b, t[i].kind, &err);

		CHECK_EQ(err, t[i].err);
		if (!t[i].err)
			CHECK_EQ(v, t[i].r);
	}
	/* bools and other types are the caller's business (bool & bool is a bool) */
	CHECK_EQ(op0(C, PYMM_OP_BINOP, tru, one, PYMM_BIN_AND).err, -EOPNOTSUPP);
	CHECK_EQ(op0(C, PYMM_OP_BINOP, one, one, PYMM_BIN_MAX).err, -EINVAL);
	closeh(C, one);
	closeh(C, tru);
	verify(C);
}

static void test_bad_inputs(void)
{
	u64 base = heap_objects(C), h = new_int(C, 5);
	struct pymm_client *c2 = pymm_client_new(1001, false);
	char longname[PYMM_NAME_MAX + 8];
	struct pymm_op op;

	memset(&op, 0, sizeof(op));
	op.code = 90;				/* a hole in the table */
	CHECK_EQ(pymm_op_exec(C, &op, buf, sizeof(buf)), -EOPNOTSUPP);
	CHECK_EQ(op.error, -EOPNOTSUPP);
	op.code = PYMM_OP_MAX + 1;
	CHECK_EQ(pymm_op_exec(C, &op, buf, sizeof(buf)), -EOPNOTSUPP);
	CHECK_EQ(opx(C, PYMM_OP_REFCOUNT, 0x80, h, 0, 0, NULL, 0, 0).err, -EINVAL);
	CHECK_EQ(opx(C, PYMM_OP_REFCOUNT, PYMM_OPF_LOCAL, h, 0, 0, NULL, 0, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_REFCOUNT, h, 1, 0).err, -EINVAL);	/* unused arg */
	CHECK_EQ(op0(C, PYMM_OP_CONST, 9, 0, 0).err, -EINVAL);
	CHECK_EQ(opd(C, PYMM_OP_NEW_TUPLE, 0, &h, 7).err, -EINVAL);	/* not 8 * n */
	CHECK_EQ(opd(C, PYMM_OP_NEW_DICT, 0, &h, 8).err, -EINVAL);	/* odd pairs */
	{
		u64 hs[2] = { h, h + (1ull << 40) };

		CHECK_EQ(opd(C, PYMM_OP_NEW_LIST, 0, hs, 16).err, -EBADF);
	}
	CHECK_EQ(opx(C, PYMM_OP_REFCOUNT, 0, h, 0, 0, "x", 1, 0).err, -EINVAL);	/* data */
	memset(longname, 'a', sizeof(longname));
	CHECK_EQ(bind(C, "", h, 0), -EINVAL);
	CHECK_EQ(bind(C, "9a", h, 0), -EINVAL);
	CHECK_EQ(bind(C, "a-b", h, 0), -EINVAL);
	CHECK_EQ(opx(C, PYMM_OP_NAME_BIND, 0, h, 0, 0, longname, PYMM_NAME_MAX, 0).err,
		 -ENAMETOOLONG);
	memset(&op, 0, sizeof(op));
	op.code = PYMM_OP_NEW_STR;
	op.data_len = PYMM_DATA_MAX + 1;
	CHECK_EQ(pymm_op_exec(C, &op, buf, sizeof(buf)), -E2BIG);
	CHECK_EQ(op0(C, PYMM_OP_BINOP, h, h, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, h, h, 99).err, -EINVAL);
	/*
	 * no data buffer at all (an ioctl with data = 0): reading "" copies
	 * nothing, "x" does not fit, and a str made of nothing is the
	 * interned "" (fuzz_ops found memcpy(NULL, p, 0) and memcmp(s, NULL,
	 * 0) on these paths)
	 */
	{
		u64 e = new_str(C, ""), x = new_str(C, "x"), e2;

		memset(&op, 0, sizeof(op));
		op.code = PYMM_OP_NEW_STR;
		CHECK_EQ(pymm_op_exec(C, &op, NULL, 0), 0);
		e2 = op.ret[0];
		CHECK_EQ(obj_id(C, e2), obj_id(C, e));
		closeh(C, e2);

		memset(&op, 0, sizeof(op));
		op.code = PYMM_OP_READ;
		op.arg[0] = e;
		CHECK_EQ(pymm_op_exec(C, &op, NULL, 0), 0);
		CHECK_EQ(op.data_len, 0);
		CHECK_EQ(op.ret[0], 0);
		memset(&op, 0, sizeof(op));
		op.code = PYMM_OP_READ;
		op.arg[0] = x;
		op.data_len = 16;
		CHECK_EQ(pymm_op_exec(C, &op, NULL, 0), -ENOSPC);
		CHECK(op.out_flags & PYMM_OUTF_TRUNC);
		CHECK_EQ(op.data_len, 1);
		closeh(C, e);
		closeh(C, x);
	}
	/* not attached */
	CHECK_EQ(op0(c2, PYMM_OP_NEW_INT, 1, 0, 0).err, -ENOTCONN);
	/* another user's heap */
	CHECK_EQ(opd(C, PYMM_OP_HEAP_CREATE, 0, "mine", 5).err, 0);
	CHECK_EQ(opd(C, PYMM_OP_HEAP_CREATE, 0, "mine", 5).err, -EEXIST);
	CHECK_EQ(opd(c2, PYMM_OP_HEAP_ATTACH, 0, "mine", 5).err, -EACCES);
	CHECK_EQ(opd(c2, PYMM_OP_HEAP_DESTROY, 0, "mine", 5).err, -EPERM);
	CHECK_EQ(opd(c2, PYMM_OP_HEAP_ATTACH, 0, "nosuch", 7).err, -ENOENT);
	CHECK_EQ(opd(c2, PYMM_OP_HEAP_CREATE, 0, "bad/name", 9).err, -EINVAL);
	CHECK_EQ(opd(c2, PYMM_OP_HEAP_CREATE, 0, "0123456789012345678901234567890123", 34).err,
		 -ENAMETOOLONG);
	/* quota above the default: admin only */
	CHECK_EQ(opd(c2, PYMM_OP_HEAP_CREATE, 1ull << 40, "big", 3).err, -EPERM);
	CHECK_EQ(opd(C, PYMM_OP_HEAP_DESTROY, 0, "mine", 5).err, 0);
	/* the per-user heap limit (4 in main) */
	{
		char n[8] = "lim0";
		int i;

		for (i = 0; i < 4; i++) {
			n[3] = '0' + i;
			CHECK_EQ(opd(c2, PYMM_OP_HEAP_CREATE, 0, n, 4).err, 0);
		}
		CHECK_EQ(opd(c2, PYMM_OP_HEAP_CREATE, 0, "lim9", 4).err, -EUSERS);
		for (i = 0; i < 4; i++) {
			n[3] = '0' + i;
			CHECK_EQ(opd(c2, PYMM_OP_HEAP_DESTROY, 0, n, 4).err, 0);
		}
	}
	pymm_client_release(c2);
	closeh(C, h);
	CHECK_EQ(heap_objects(C), base);
	verify(C);
}

static void test_handle_limit(void)
{
	struct pymm_client *c2 = client(1000, PYMM_DEFAULT_HEAP);
	u64 i, h = new_int(c2, 1);
	struct res r;

	for (i = 1; i < 4096; i++)
		CHECK_EQ(op0(c2, PYMM_OP_DUP, h, 0, 0).err, 0);
	r = op0(c2, PYMM_OP_DUP, h, 0, 0);
	CHECK_EQ(r.err, -EMFILE);
	r = op0(c2, PYMM_OP_NEW_INT, 123456, 0, 0);
	CHECK_EQ(r.err, -EMFILE);
	verify(C);
	pymm_client_release(c2);
	verify(C);
}

struct snap {
	u64 objects, blocks, bytes, large;
};

static struct snap snapshot(struct pymm_client *c)
{
	struct pymm_alloc_stats st;
	struct snap s;
	struct res r = opx(c, PYMM_OP_ALLOC_STATS, 0, 0, 0, 0, NULL, 0, sizeof(buf));

	CHECK_EQ(r.err, 0);
	memcpy(&st, buf, sizeof(st));
	s.objects = heap_objects(c);
	s.blocks = st.blocks_allocated;
	s.bytes = st.bytes_in_use;
	s.large = st.large_blocks;
	/*
	 * A failed op may leave a block on a free list that a fresh one came
	 * from (a list whose items could not be had): the heap's objects are
	 * as they were, its free lists hold the difference.  Count live
	 * blocks only.
	 */
	{
		struct pymm_freelist_stats fl;
		u32 k;

		r = opx(c, PYMM_OP_FREELIST_STATS, 0, 0, 0, 0, NULL, 0, sizeof(buf));
		CHECK_EQ(r.err, 0);
		memcpy(&fl, buf, sizeof(fl));
		CHECK_EQ(fl.nlists, PYMM_FL_MAX);
		for (k = 0; k < PYMM_FL_MAX; k++) {
			s.blocks -= fl.lists[k].count;
			s.bytes -= fl.lists[k].count * ((fl.lists[k].block_size + 15) & ~15u);
		}
	}
	return s;
}

static void check_unchanged(struct pymm_client *c, struct snap a)
{
	struct snap b = snapshot(c);

	CHECK_EQ(a.objects, b.objects);
	CHECK_EQ(a.blocks, b.blocks);
	CHECK_EQ(a.bytes, b.bytes);
	CHECK_EQ(a.large, b.large);
}

static void test_quota(void)
{
	struct pymm_client *q = pymm_client_new(1000, false);
	u64 l, i, v, d;
	struct snap s;
	struct res r;

	CHECK_EQ(opd(q, PYMM_OP_HEAP_CREATE, 1 << 20, "small", 5).err, 0);
	CHECK_EQ(opd(q, PYMM_OP_HEAP_ATTACH, 0, "small", 5).err, 0);
	l = new_seq(q, PYMM_OP_NEW_LIST, NULL, 0);
	d = new_seq(q, PYMM_OP_NEW_DICT, NULL, 0);
	for (i = 0; ; i++) {
		char tmp[600];

		memset(tmp, 'q', sizeof(tmp));
		r = opd(q, PYMM_OP_NEW_BYTES, 0, tmp, 200);
		if (r.err)
			break;
		if (op0(q, PYMM_OP_APPEND, l, r.r0, 0).err) {
			closeh(q, r.r0);
			break;
		}
		closeh(q, r.r0);
	}
	CHECK_EQ(r.err, -EDQUOT);
	CHECK_EQ(r.exc, PYMM_EXC_MEMORY_ERROR);
	/* at the edge: every failing op leaves the heap exactly as it was */
	s = snapshot(q);
	{
		static char big[300000];

		CHECK_EQ(opd(q, PYMM_OP_NEW_STR, 0, big + 1, 200000).err, -EINVAL);
		memset(big, 'z', sizeof(big));
		CHECK_EQ(opd(q, PYMM_OP_NEW_STR, 0, big, sizeof(big)).err, -EDQUOT);
	}
	check_unchanged(q, s);
	/* large blocks still fit under the quota: use them up, keeping each */
	{
		u64 kept[64];
		u32 nk = 0;

		for (i = 0; i < 64; i++) {
			s = snapshot(q);
			r = op0(q, PYMM_OP_BINOP, l, l, PYMM_BIN_ADD);
			if (r.err)
				break;
			kept[nk++] = r.r0;
		}
		CHECK_EQ(r.err, -EDQUOT);
		check_unchanged(q, s);
		while (nk)
			closeh(q, kept[--nk]);
	}
	s = snapshot(q);
	/* fill the dict until it has to grow and cannot */
	for (i = 0; i < 100000; i++) {
		v = 0;
		r = op0(q, PYMM_OP_NEW_INT, 1000 + i, 0, 0);
		if (r.err)
			break;
		v = r.r0;
		s = snapshot(q);
		r = op0(q, PYMM_OP_SETITEM, d, v, v);
		if (r.err) {
			check_unchanged(q, s);
			break;
		}
		closeh(q, v);
		v = 0;
	}
	CHECK_EQ(r.err, -EDQUOT);
	if (v)
		closeh(q, v);
	verify(q);
	/* the owner may lower the quota, not raise it past the default */
	CHECK_EQ(op0(q, PYMM_OP_HEAP_SET_QUOTA, 1ull << 40, 0, 0).err, -EPERM);
	CHECK_EQ(op0(q, PYMM_OP_HEAP_SET_QUOTA, 1 << 19, 0, 0).err, 0);
	/* destroy while attached alone: allowed, detaches us */
	CHECK_EQ(opd(q, PYMM_OP_HEAP_DESTROY, 0, "small", 5).err, 0);
	CHECK_EQ(op0(q, PYMM_OP_NEW_INT, 1, 0, 0).err, -ENOTCONN);
	pymm_client_release(q);
}

static void test_destroy_busy(void)
{
	struct pymm_client *a = pymm_client_new(1000, false);
	struct pymm_client *b = pymm_client_new(1000, false);
	struct pymm_heap_info info[8];
	struct res r;

	CHECK_EQ(opd(a, PYMM_OP_HEAP_CREATE, 0, "busy", 4).err, 0);
	CHECK_EQ(opd(a, PYMM_OP_HEAP_ATTACH, 0, "busy", 4).err, 0);
	CHECK_EQ(opd(b, PYMM_OP_HEAP_ATTACH, 0, "busy", 4).err, 0);
	CHECK_EQ(opd(a, PYMM_OP_HEAP_DESTROY, 0, "busy", 4).err, -EBUSY);
	r = opx(a, PYMM_OP_HEAP_LIST, 0, 0, 0, 0, NULL, 0, sizeof(info));
	CHECK_EQ(r.err, 0);
	CHECK(r.r0 >= 2);
	memcpy(info, buf, sizeof(info));
	pymm_client_release(b);
	CHECK_EQ(opd(a, PYMM_OP_HEAP_DESTROY, 0, "busy", 4).err, 0);
	pymm_client_release(a);
}

/* ------------------------------------------- iterative deallocation */

#define DEEP	1000000

static void *deep_thread(void *arg)
{
	u64 base = heap_objects(C), h, inner, i;
	struct res r;

	/* [[[[...]]]] a million deep, then dropped by one close */
	h = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	for (i = 0; i < DEEP; i++) {
		inner = h;
		r = opd(C, PYMM_OP_NEW_LIST, 0, &inner, 8);
		if (r.err)
			break;
		h = r.r0;
		closeh(C, inner);
	}
	CHECK_EQ(heap_objects(C), base + DEEP + 1);
	/* comparing deep lists by value is a RecursionError, not a crash */
	{
		u64 other = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0), o2;

		for (i = 0; i < 5000; i++) {
			r = opd(C, PYMM_OP_NEW_LIST, 0, &other, 8);
			closeh(C, other);
			other = r.r0;
		}
		o2 = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
		for (i = 0; i < 5000; i++) {
			r = opd(C, PYMM_OP_NEW_LIST, 0, &o2, 8);
			closeh(C, o2);
			o2 = r.r0;
		}
		r = op0(C, PYMM_OP_COMPARE, other, o2, PYMM_CMP_EQ);
		CHECK_EQ(r.err, -ELOOP);
		CHECK_EQ(r.exc, PYMM_EXC_RECURSION_ERROR);
		closeh(C, other);
		closeh(C, o2);
	}
	closeh(C, h);
	CHECK_EQ(heap_objects(C), base);

	/* a million-long chain through instance attributes and tuples */
	{
		u64 cls = new_class(C, "Node", NULL), prev = 0, node;

		for (i = 0; i < DEEP / 2; i++) {
			node = op0(C, PYMM_OP_NEW_INSTANCE, cls, 0, 0).r0;
			if (prev) {
				u64 t = new_seq(C, PYMM_OP_NEW_TUPLE, &prev, 1);

				opx(C, PYMM_OP_SETATTR, 0, node, t, 0, "next", 4, 0);
				closeh(C, t);
				closeh(C, prev);
			}
			prev = node;
		}
		CHECK_EQ(bind(C, "chain", prev, 0), 0);
		closeh(C, prev);
		verify(C);
		CHECK_EQ(delname(C, "chain", 0), 0);
		close_class(C, cls);
	}
	CHECK_EQ(heap_objects(C), base);
	verify(C);
	return arg;
}

static void test_deep_free_small_stack(void)
{
	pthread_attr_t attr;
	pthread_t t;

	pthread_attr_init(&attr);
	/* ASan frames are big; this is still far below one frame per level */
	pthread_attr_setstacksize(&attr, 256 << 10);
	CHECK_EQ(pthread_create(&t, &attr, deep_thread, NULL), 0);
	pthread_join(t, NULL);
	pthread_attr_destroy(&attr);
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
	u64 leaks;

	unit_init(argc, argv);
	if (pymm_core_init(&p))
		return 1;
	C = client(1000, PYMM_DEFAULT_HEAP);
	/* the heap's `object` (made by the first class) is a root: make it first */
	closeh(C, op0(C, PYMM_OP_CONST, PYMM_CONST_OBJECT, 0, 0).r0);
	RUN(test_singletons_and_small_ints);
	RUN(test_refcount_rules);
	RUN(test_interning);
	RUN(test_static_strings);
	RUN(test_hash_values);
	RUN(test_dict_keys);
	RUN(test_finalizers);
	RUN(test_weakrefs);
	RUN(test_keyedrefs);
	RUN(test_list_ops);
	RUN(test_values);
	RUN(test_attributes_and_functions);
	RUN(test_frames);
	RUN(test_client_release);
	RUN(test_handles);
	RUN(test_handle_types);
	RUN(test_int_binops);
	RUN(test_bad_inputs);
	RUN(test_handle_limit);
	RUN(test_quota);
	RUN(test_destroy_busy);
	RUN(test_deep_free_small_stack);
	pymm_client_release(C);
	leaks = pymm_core_exit();
	CHECK_EQ(leaks, 0);
	return unit_summary();
}
