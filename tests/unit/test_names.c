// SPDX-License-Identifier: GPL-2.0
/*
 * test_names.c - name IDs (module/core/names.c, docs/abi.md "Name IDs"):
 * NAME_INTERN gives the heap's interned str for an identifier, and the
 * _ID ops (NAME_BIND/LOOKUP/DEL, GETATTR/SETATTR/DELATTR, LOAD_METHOD)
 * act exactly as their string twins, bufferless: they run in
 * pymm_op_exec_batch()'s fast path, and a bind by ID makes no str.  Bad
 * IDs (no handle, a closed one, another type, a str that is no
 * identifier, one too long, data given anyway) fail with their errno and
 * change nothing.  Version 7's ops of the same family: NAME_INPLACE_ID,
 * CLOSE_N, FRAME_PUSH_ID, and READ's ret0/ret1 without a buffer.
 */
#include <stdlib.h>

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "unit_test.h"

static struct pymm_client *C;
static u8 buf[1 << 20];

#include "op_helpers.h"

static u64 intern(const char *s)
{
	struct res r = opd(C, PYMM_OP_NAME_INTERN, 0, s, strlen(s));

	CHECK_EQ(r.err, 0);
	return r.r0;
}

static u64 id_of(u64 h)
{
	return op0(C, PYMM_OP_ID, h, 0, 0).r0;
}

static s64 int_of(u64 h)
{
	return (s64)op0(C, PYMM_OP_READ, h, 0, 0).r0;
}

/* the value bound to name, through the string op, or 0 */
static s64 lookup_str(const char *name)
{
	struct res r = opd(C, PYMM_OP_NAME_LOOKUP, 0, name, strlen(name));
	s64 v;

	if (r.err)
		return 0;
	v = int_of(r.r0);
	closeh(C, r.r0);
	return v;
}

static void test_intern(void)
{
	u64 a = intern("spam"), b = intern("spam"), s = new_str(C, "spam");
	char longname[PYMM_NAME_MAX + 1];

	/* one interned str per identifier, the one NEW_STR gives too */
	CHECK_EQ(id_of(a), id_of(b));
	CHECK_EQ(id_of(a), id_of(s));
	CHECK_EQ(op0(C, PYMM_OP_TYPE, a, 0, 0).r0, PYMM_T_STR);
	CHECK(op0(C, PYMM_OP_TYPE, a, 0, 0).r1 & PYMM_TYPEF_INTERNED);
	CHECK_EQ(opd(C, PYMM_OP_NAME_INTERN, 0, "1x", 2).err, -EINVAL);
	CHECK_EQ(opd(C, PYMM_OP_NAME_INTERN, 0, "a b", 3).err, -EINVAL);
	CHECK_EQ(opd(C, PYMM_OP_NAME_INTERN, 0, "", 0).err, -EINVAL);
	memset(longname, 'n', sizeof(longname));
	CHECK_EQ(opd(C, PYMM_OP_NAME_INTERN, 0, longname, PYMM_NAME_MAX).err, -ENAMETOOLONG);
	/* a trailing NUL is allowed, as for NAME_BIND */
	b = opd(C, PYMM_OP_NAME_INTERN, 0, "spam", 5).r0;
	CHECK_EQ(id_of(b), id_of(a));
	closeh(C, a);
	closeh(C, b);
	closeh(C, s);
	closeh(C, intern("spam"));
	verify(C);
}

static void test_bind_lookup_del(void)
{
	u64 before = heap_objects(C), x = intern("x_by_id"), v = new_int(C, 4242), w;
	struct res r;
	int i;

	CHECK_EQ(op0(C, PYMM_OP_NAME_BIND_ID, v, x, 0).err, 0);
	CHECK_EQ(lookup_str("x_by_id"), 4242);		/* the string op sees it */
	r = op0(C, PYMM_OP_NAME_LOOKUP_ID, x, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(id_of(r.r0), id_of(v));
	closeh(C, r.r0);
	/* rebinding by ID makes no str: the ID's own is the key */
	w = heap_objects(C);
	for (i = 0; i < 100; i++)
		CHECK_EQ(op0(C, PYMM_OP_NAME_BIND_ID, v, x, 0).err, 0);
	CHECK_EQ(heap_objects(C), w);
	/* bound by string, found and deleted by ID */
	CHECK_EQ(opd(C, PYMM_OP_NAME_DEL, 0, "x_by_id", 7).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_NAME_LOOKUP_ID, x, 0, 0).err, -ENOENT);
	CHECK_EQ(opd(C, PYMM_OP_NAME_BIND, v, "x_by_id", 7).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_NAME_DEL_ID, x, 0, 0).err, 0);
	r = op0(C, PYMM_OP_NAME_DEL_ID, x, 0, 0);
	CHECK_EQ(r.err, -ENOENT);
	CHECK_EQ(r.exc, PYMM_EXC_NAME_ERROR);
	CHECK_EQ(lookup_str("x_by_id"), 0);
	/* LOCAL: the frame's locals, not the globals */
	CHECK_EQ(op0(C, PYMM_OP_NAME_BIND_ID, v, x, 0).err, 0);
	CHECK_EQ(opd(C, PYMM_OP_FRAME_PUSH, 0, "f", 1).err, 0);
	CHECK_EQ(opx(C, PYMM_OP_NAME_LOOKUP_ID, PYMM_OPF_LOCAL, x, 0, 0, NULL, 0, 0).err, -ENOENT);
	r = op0(C, PYMM_OP_NAME_LOOKUP_ID, x, 0, 0);	/* falls back to the globals */
	CHECK_EQ(r.err, 0);
	closeh(C, r.r0);
	CHECK_EQ(opx(C, PYMM_OP_NAME_BIND_ID, PYMM_OPF_LOCAL, v, x, 0, NULL, 0, 0).err, 0);
	CHECK_EQ(opx(C, PYMM_OP_NAME_DEL_ID, PYMM_OPF_LOCAL, x, 0, 0, NULL, 0, 0).err, 0);
	CHECK_EQ(opx(C, PYMM_OP_NAME_DEL_ID, PYMM_OPF_LOCAL, x, 0, 0, NULL, 0, 0).err, -ENOENT);
	CHECK_EQ(op0(C, PYMM_OP_FRAME_POP, 0, 0, 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_NAME_DEL_ID, x, 0, 0).err, 0);
	closeh(C, x);
	/* a non-ASCII identifier: a str the heap does not intern, still an ID */
	x = intern("caf\xc3\xa9");
	CHECK(!(op0(C, PYMM_OP_TYPE, x, 0, 0).r1 & PYMM_TYPEF_INTERNED));
	CHECK_EQ(op0(C, PYMM_OP_NAME_BIND_ID, v, x, 0).err, 0);
	CHECK_EQ(lookup_str("caf\xc3\xa9"), 4242);
	CHECK_EQ(op0(C, PYMM_OP_NAME_DEL_ID, x, 0, 0).err, 0);
	closeh(C, x);
	closeh(C, v);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

/*
 * FRAME_PUSH_NS: a frame whose locals are the given dict (exec(src, d)):
 * LOCAL binds land in it and stay after the pop, lookups see its keys,
 * the frame's reference goes with the frame; a non-dict is a TypeError.
 */
static void test_frame_push_ns(void)
{
	u64 before = heap_objects(C), d = new_seq(C, PYMM_OP_NEW_DICT, NULL, 0);
	u64 v = new_int(C, 77), k = new_str(C, "inner"), l;
	struct res r;

	CHECK_EQ(opd(C, PYMM_OP_FRAME_PUSH_NS, d, "<module>", 8).err, 0);
	CHECK_EQ(opx(C, PYMM_OP_NAME_BIND, PYMM_OPF_LOCAL, v, 0, 0, "inner", 5, 0).err, 0);
	r = opx(C, PYMM_OP_NAME_LOOKUP, PYMM_OPF_LOCAL, 0, 0, 0, "inner", 5, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(int_of(r.r0), 77);
	closeh(C, r.r0);
	CHECK_EQ(op0(C, PYMM_OP_FRAME_POP, 0, 0, 0).err, 0);
	r = op0(C, PYMM_OP_GETITEM, d, k, 0);	/* still in d after the pop */
	CHECK_EQ(r.err, 0);
	CHECK_EQ(int_of(r.r0), 77);
	closeh(C, r.r0);
	CHECK_EQ(lookup_str("inner"), 0);		/* never a global */
	l = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	r = opd(C, PYMM_OP_FRAME_PUSH_NS, l, "<module>", 8);
	CHECK_EQ(r.err, -EINVAL);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	CHECK_EQ(op0(C, PYMM_OP_FRAME_POP, 0, 0, 0).err, -ENOENT);	/* nothing pushed */
	closeh(C, l);
	closeh(C, k);
	closeh(C, v);
	closeh(C, d);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

/* every way an ID can be bad: its errno, and nothing changed */
static void test_bad_ids(void)
{
	u64 v = new_int(C, 7), x = intern("kept"), i = new_int(C, 1), nonid = new_str(C, "a b");
	u64 closed = intern("gone"), digit = new_str(C, "9lives"), objs, lng;
	char longname[PYMM_NAME_MAX + 8];
	struct {
		u64 id;
		int err;
	} bad[] = {
		{ 0, -EBADF }, { 0x12345, -EBADF }, { closed, -EBADF },
		{ i, -EINVAL }, { nonid, -EINVAL }, { digit, -EINVAL }, { 0, -ENAMETOOLONG },
	};
	unsigned int k;

	memset(longname, 'q', sizeof(longname));
	lng = opd(C, PYMM_OP_NEW_STR, 0, longname, sizeof(longname)).r0;
	bad[6].id = lng;
	closeh(C, closed);
	CHECK_EQ(op0(C, PYMM_OP_NAME_BIND_ID, v, x, 0).err, 0);
	objs = heap_objects(C);
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		u64 id = bad[k].id;
		int e = bad[k].err;

		CHECK_EQ(op0(C, PYMM_OP_NAME_BIND_ID, v, id, 0).err, e);
		CHECK_EQ(op0(C, PYMM_OP_NAME_LOOKUP_ID, id, 0, 0).err, e);
		CHECK_EQ(op0(C, PYMM_OP_NAME_DEL_ID, id, 0, 0).err, e);
		CHECK_EQ(op0(C, PYMM_OP_GETATTR_ID, v, id, 0).err, e);
		CHECK_EQ(op0(C, PYMM_OP_SETATTR_ID, v, v, id).err, e);
		CHECK_EQ(op0(C, PYMM_OP_DELATTR_ID, v, id, 0).err, e);
		CHECK_EQ(op0(C, PYMM_OP_LOAD_METHOD_ID, v, 0, id).err, e);
		CHECK_EQ(heap_objects(C), objs);
		CHECK_EQ(lookup_str("kept"), 7);
	}
	/* the ID ops take no data, and no arg past the ID */
	CHECK_EQ(opx(C, PYMM_OP_NAME_LOOKUP_ID, 0, x, 0, 0, "kept", 4, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_NAME_LOOKUP_ID, x, x, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_GETATTR_ID, v, x, x).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_NAME_DEL_ID, x, 0, 0).err, 0);
	closeh(C, v);
	closeh(C, x);
	closeh(C, i);
	closeh(C, nonid);
	closeh(C, digit);
	closeh(C, lng);
	verify(C);
}

static void test_attrs(void)
{
	u64 before, cls, inst, f, ns, kv[2], fid, xid, v, w;
	struct res r, rs;

	/* the first class makes the heap's own type objects: not counted */
	closeh(C, opx(C, PYMM_OP_CLASS_NEW, 0, 0, 0, 0, "Warm", 4, 0).r0);
	CHECK_EQ(op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0).err, 0);
	before = heap_objects(C);
	f = opx(C, PYMM_OP_NEW_FUNCTION, 0, 11, 0, 0, "meth", 4, 0).r0;
	kv[0] = new_str(C, "meth");
	kv[1] = f;
	ns = new_seq(C, PYMM_OP_NEW_DICT, kv, 2);
	cls = opx(C, PYMM_OP_CLASS_NEW, 0, ns, 0, 0, "P", 1, 0).r0;
	inst = op0(C, PYMM_OP_NEW_INSTANCE, cls, 0, 0).r0;
	fid = intern("meth");
	xid = intern("px");
	v = new_int(C, 31);
	/* set by ID, read by string and by ID */
	CHECK_EQ(op0(C, PYMM_OP_SETATTR_ID, inst, v, xid).err, 0);
	r = opd(C, PYMM_OP_GETATTR, inst, "px", 2);
	CHECK_EQ(id_of(r.r0), id_of(v));
	closeh(C, r.r0);
	r = op0(C, PYMM_OP_GETATTR_ID, inst, xid, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(id_of(r.r0), id_of(v));
	closeh(C, r.r0);
	/* the same answer as LOAD_METHOD's string form */
	r = op0(C, PYMM_OP_LOAD_METHOD_ID, inst, 0, fid);
	rs = opx(C, PYMM_OP_LOAD_METHOD, 0, inst, 0, 0, "meth", 4, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r1, PYMM_ATTR_UNBOUND);
	CHECK_EQ(rs.r1, r.r1);
	CHECK_EQ(id_of(r.r0), id_of(rs.r0));
	closeh(C, r.r0);
	closeh(C, rs.r0);
	/* a function's attribute dict: set, read, deleted by ID */
	w = new_int(C, 32);
	CHECK_EQ(op0(C, PYMM_OP_SETATTR_ID, f, w, xid).err, 0);
	r = op0(C, PYMM_OP_GETATTR_ID, f, xid, 0);
	CHECK_EQ(id_of(r.r0), id_of(w));
	closeh(C, r.r0);
	CHECK_EQ(op0(C, PYMM_OP_DELATTR_ID, f, xid, 0).err, 0);
	r = op0(C, PYMM_OP_GETATTR_ID, f, xid, 0);
	CHECK_EQ(r.err, -ENOENT);
	CHECK_EQ(r.exc, PYMM_EXC_ATTRIBUTE_ERROR);
	/* an int has no attribute dict: AttributeError, as the string op */
	CHECK_EQ(op0(C, PYMM_OP_SETATTR_ID, v, w, xid).exc, PYMM_EXC_ATTRIBUTE_ERROR);
	CHECK_EQ(op0(C, PYMM_OP_DELATTR_ID, inst, xid, 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_GETATTR_ID, inst, xid, 0).exc, PYMM_EXC_ATTRIBUTE_ERROR);
	closeh(C, w);
	closeh(C, v);
	closeh(C, xid);
	closeh(C, fid);
	closeh(C, inst);
	closeh(C, cls);
	closeh(C, ns);
	closeh(C, kv[0]);
	closeh(C, f);
	CHECK_EQ(op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0).err, 0);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

/* the ID ops have no buffer: a batch runs them all under one lock pair */
static void test_batch(void)
{
	u64 x = intern("bx"), a = intern("ba"), v = new_int(C, 5), inst, cls;
	struct pymm_op ops[5];
	u32 ran, k;

	cls = opx(C, PYMM_OP_CLASS_NEW, 0, 0, 0, 0, "Q", 1, 0).r0;
	inst = op0(C, PYMM_OP_NEW_INSTANCE, cls, 0, 0).r0;
	memset(ops, 0, sizeof(ops));
	ops[0] = (struct pymm_op){ .code = PYMM_OP_NAME_BIND_ID, .arg = { v, x } };
	ops[1] = (struct pymm_op){ .code = PYMM_OP_NAME_LOOKUP_ID, .arg = { x } };
	ops[2] = (struct pymm_op){ .code = PYMM_OP_SETATTR_ID, .arg = { inst, v, a } };
	ops[3] = (struct pymm_op){ .code = PYMM_OP_GETATTR_ID, .arg = { inst, a } };
	ops[4] = (struct pymm_op){ .code = PYMM_OP_NAME_DEL_ID, .arg = { x } };
	ran = pymm_op_exec_batch(C, ops, 5, PYMM_BATCHF_STOP_ON_ERROR);
	CHECK_EQ(ran, 5);
	for (k = 0; k < 5; k++)
		CHECK_EQ(ops[k].error, 0);
	CHECK_EQ(id_of(ops[1].ret[0]), id_of(v));
	CHECK_EQ(id_of(ops[3].ret[0]), id_of(v));
	closeh(C, ops[1].ret[0]);
	closeh(C, ops[3].ret[0]);
	/* a string op stops the run: the host sends it through pymm_op_exec() */
	ops[0] = (struct pymm_op){ .code = PYMM_OP_NAME_LOOKUP, .data_len = 2 };
	CHECK_EQ(pymm_op_exec_batch(C, ops, 1, 0), 0);
	closeh(C, inst);
	closeh(C, cls);
	closeh(C, v);
	closeh(C, x);
	closeh(C, a);
	verify(C);
}

/*
 * NAME_INPLACE_ID (version 7): `name op= b` of two ints in one op.  The
 * result is bound where NAME_BIND_ID binds it and the old value dropped;
 * every refusal (not two ints, an operator error, no such name, a bad
 * operator, a bad ID) leaves the binding and the heap as they were.
 */
static void test_inplace(void)
{
	u64 before, x = intern("acc"), s = new_str(C, "not an int");
	u64 three = new_int(C, 3), zero = new_int(C, 0), v = new_int(C, 40);
	struct res r;

	CHECK_EQ(op0(C, PYMM_OP_NAME_BIND_ID, v, x, 0).err, 0);
	closeh(C, v);
	before = heap_objects(C);
	CHECK_EQ(op0(C, PYMM_OP_NAME_INPLACE_ID, three, x, PYMM_BIN_ADD).err, 0);
	CHECK_EQ(lookup_str("acc"), 43);
	CHECK_EQ(op0(C, PYMM_OP_NAME_INPLACE_ID, three, x, PYMM_BIN_MOD).err, 0);
	CHECK_EQ(lookup_str("acc"), 1);
	CHECK_EQ(op0(C, PYMM_OP_NAME_INPLACE_ID, three, x, PYMM_BIN_LSHIFT).err, 0);
	CHECK_EQ(lookup_str("acc"), 8);
	/* the old value went with the rebinding: one int bound, as before */
	CHECK_EQ(heap_objects(C), before);
	/* refusals change nothing */
	CHECK_EQ(op0(C, PYMM_OP_NAME_INPLACE_ID, zero, x, PYMM_BIN_FLOORDIV).err, -EDOM);
	CHECK_EQ(op0(C, PYMM_OP_NAME_INPLACE_ID, s, x, PYMM_BIN_ADD).err, -EAGAIN);
	CHECK_EQ(op0(C, PYMM_OP_NAME_INPLACE_ID, three, x, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_NAME_INPLACE_ID, three, x, PYMM_BIN_MAX).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_NAME_INPLACE_ID, three, s, PYMM_BIN_ADD).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_NAME_INPLACE_ID, 0, x, PYMM_BIN_ADD).err, -EBADF);
	CHECK_EQ(lookup_str("acc"), 8);
	CHECK_EQ(heap_objects(C), before);
	/* a name bound to a str: -EAGAIN, the client's general path runs */
	CHECK_EQ(op0(C, PYMM_OP_NAME_BIND_ID, s, x, 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_NAME_INPLACE_ID, three, x, PYMM_BIN_ADD).err, -EAGAIN);
	CHECK_EQ(op0(C, PYMM_OP_NAME_DEL_ID, x, 0, 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_NAME_INPLACE_ID, three, x, PYMM_BIN_ADD).err, -ENOENT);
	/* LOCAL: the frame's binding, the globals untouched */
	CHECK_EQ(op0(C, PYMM_OP_NAME_BIND_ID, three, x, 0).err, 0);
	CHECK_EQ(opd(C, PYMM_OP_FRAME_PUSH, 0, "f", 1).err, 0);
	CHECK_EQ(opx(C, PYMM_OP_NAME_INPLACE_ID, PYMM_OPF_LOCAL, three, x, PYMM_BIN_ADD,
		     NULL, 0, 0).err, -ENOENT);
	CHECK_EQ(opx(C, PYMM_OP_NAME_BIND_ID, PYMM_OPF_LOCAL, zero, x, 0, NULL, 0, 0).err, 0);
	CHECK_EQ(opx(C, PYMM_OP_NAME_INPLACE_ID, PYMM_OPF_LOCAL, three, x, PYMM_BIN_SUB,
		     NULL, 0, 0).err, 0);
	r = opx(C, PYMM_OP_NAME_LOOKUP_ID, PYMM_OPF_LOCAL, x, 0, 0, NULL, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(int_of(r.r0), -3);
	closeh(C, r.r0);
	CHECK_EQ(op0(C, PYMM_OP_FRAME_POP, 0, 0, 0).err, 0);
	CHECK_EQ(lookup_str("acc"), 3);
	CHECK_EQ(op0(C, PYMM_OP_NAME_DEL_ID, x, 0, 0).err, 0);
	closeh(C, three);
	closeh(C, zero);
	closeh(C, s);
	closeh(C, x);
	verify(C);
}

/*
 * CLOSE_N (version 7): up to four handles closed in order, 0 skipped; the
 * first stale one stops the op with -EBADF and its index in ret0, the
 * ones before it closed, the ones after it open.
 */
static void test_close_n(void)
{
	u64 before = heap_objects(C);
	u64 a = new_int(C, 70001), b = new_int(C, 70002), c = new_int(C, 70003);
	u64 d = new_int(C, 70004);
	struct res r;

	CHECK_EQ(heap_objects(C), before + 4);
	CHECK_EQ(op0(C, PYMM_OP_CLOSE_N, a, 0, b).err, 0);
	CHECK_EQ(heap_objects(C), before + 2);
	CHECK_EQ(op0(C, PYMM_OP_REFCOUNT, a, 0, 0).err, -EBADF);
	/* b is stale now: c closed before it, d after it stays open */
	r = opx(C, PYMM_OP_CLOSE_N, 0, c, b, d, NULL, 0, 0);
	CHECK_EQ(r.err, -EBADF);
	CHECK_EQ(r.r0, 1);
	CHECK_EQ(op0(C, PYMM_OP_REFCOUNT, c, 0, 0).err, -EBADF);
	CHECK_EQ(op0(C, PYMM_OP_REFCOUNT, d, 0, 0).err, 0);
	CHECK_EQ(heap_objects(C), before + 1);
	/* all four slots, and none at all */
	a = new_int(C, 70005);
	b = new_int(C, 70006);
	c = new_int(C, 70007);
	{
		struct pymm_op op = { .code = PYMM_OP_CLOSE_N, .arg = { a, b, c, d } };

		CHECK_EQ(pymm_op_exec(C, &op, NULL, 0), 0);
	}
	CHECK_EQ(op0(C, PYMM_OP_CLOSE_N, 0, 0, 0).err, 0);
	CHECK_EQ(heap_objects(C), before);
	verify(C);
}

/*
 * FRAME_PUSH_ID (version 7): a frame named by a name ID holds that str (no
 * new object per call); a handle that is no str is refused, a stale one
 * too, and neither pushes a frame.
 */
static void test_frame_push_id(void)
{
	u64 before, f = intern("callee"), i = new_int(C, 5);
	struct res r;

	before = heap_objects(C);
	r = op0(C, PYMM_OP_FRAME_PUSH_ID, f, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 1);
	/* the locals dict only: the name is the ID's str */
	CHECK_EQ(heap_objects(C), before + 1);
	CHECK_EQ(opx(C, PYMM_OP_NAME_BIND_ID, PYMM_OPF_LOCAL, i, f, 0, NULL, 0, 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_FRAME_POP, 0, 0, 0).err, 0);
	CHECK_EQ(heap_objects(C), before);
	CHECK_EQ(op0(C, PYMM_OP_FRAME_PUSH_ID, i, 0, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_FRAME_PUSH_ID, 0, 0, 0).err, -EBADF);
	CHECK_EQ(op0(C, PYMM_OP_FRAME_POP, 0, 0, 0).err, -ENOENT);	/* none pushed */
	closeh(C, i);
	closeh(C, f);
	verify(C);
}

/*
 * READ without a buffer (version 7's guarantee, which pymmctl's calls rely
 * on): -ENOSPC, PYMM_OUTF_TRUNC, data_len the bytes needed, and ret0/ret1
 * as a full READ gives them; in a batch run as alone.
 */
static void test_read_no_buffer(void)
{
	u64 s = new_str(C, "spam and eggs");
	struct pymm_op op = { .code = PYMM_OP_READ, .arg = { s } };
	struct res r = opx(C, PYMM_OP_READ, 0, s, 0, 0, NULL, 0, 0);

	CHECK_EQ(r.err, -ENOSPC);
	CHECK(r.out_flags & PYMM_OUTF_TRUNC);
	CHECK_EQ(r.data_len, 13);
	CHECK_EQ(r.r0, 13);
	CHECK_EQ(pymm_op_exec_batch(C, &op, 1, 0), 1);
	CHECK_EQ(op.error, -ENOSPC);
	CHECK(op.out_flags & PYMM_OUTF_TRUNC);
	CHECK_EQ(op.ret[0], 13);
	CHECK_EQ(op.data_len, 13);
	closeh(C, s);
	verify(C);
}

int main(int argc, char **argv)
{
	unit_init(argc, argv);
	C = start_core_with_heap(1000, "names");
	if (!C)
		return unit_summary();
	RUN(test_intern);
	RUN(test_bind_lookup_del);
	RUN(test_frame_push_ns);
	RUN(test_bad_ids);
	RUN(test_attrs);
	RUN(test_batch);
	RUN(test_inplace);
	RUN(test_close_n);
	RUN(test_frame_push_id);
	RUN(test_read_no_buffer);
	stop_core(C);
	return unit_summary();
}
