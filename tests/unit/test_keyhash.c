// SPDX-License-Identifier: GPL-2.0
/*
 * test_keyhash.c - keys whose class defines __hash__ / __eq__
 * (module/core/keyhash.c): what the core refuses with -ENOKEY (and leaves
 * unchanged), KEY_PEERS and KEY_HASH, the record lasting one op of one
 * client, __hash__ = None from a class's __eq__, and hostile arguments:
 * wrong hashes, -1, bad containers and handles, a buffer too small, no
 * kernel address in a truncated answer.
 */
#include <stdlib.h>

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "unit_test.h"

static u8 buf[1 << 20];

#include "op_helpers.h"

static struct pymm_client *C;

/* any op with four arguments and an out buffer of cap bytes */
static struct res op4(u32 code, u64 a0, u64 a1, u64 a2, u64 a3, u32 cap)
{
	struct pymm_op op = { .code = code, .arg = { a0, a1, a2, a3 }, .data_len = cap };
	struct res r;

	memset(buf, 0x5a, sizeof(u64) * 64);
	r.err = pymm_op_exec(C, &op, cap ? buf : NULL, cap ? sizeof(buf) : 0);
	r.exc = op.exc;
	r.out_flags = op.out_flags;
	r.data_len = op.data_len;
	r.r0 = op.ret[0];
	r.r1 = op.ret[1];
	return r;
}

static u64 id_of(u64 h)
{
	return op0(C, PYMM_OP_ID, h, 0, 0).r0;
}

static u64 len_of(u64 h)
{
	return op0(C, PYMM_OP_LEN, h, 0, 0).r0;
}

/* class name with the functions named in names[] (a comma-free list) */
static u64 class_with(const char *name, const char *const *names, u32 n, u64 base)
{
	u64 kv[8], ns, fn, bases = 0;
	struct res r;
	u32 i;

	fn = opx(C, PYMM_OP_NEW_FUNCTION, 0, 11, 0, 0, "f", 1, 0).r0;
	for (i = 0; i < n; i++) {
		kv[2 * i] = new_str(C, names[i]);
		kv[2 * i + 1] = fn;
	}
	ns = new_seq(C, PYMM_OP_NEW_DICT, kv, 2 * n);
	if (base)
		bases = new_seq(C, PYMM_OP_NEW_TUPLE, &base, 1);
	r = opx(C, PYMM_OP_CLASS_NEW, 0, ns, bases, 0, name, strlen(name), 0);
	CHECK_EQ(r.err, 0);
	for (i = 0; i < n; i++)
		closeh(C, kv[2 * i]);
	closeh(C, fn);
	closeh(C, ns);
	if (bases)
		closeh(C, bases);
	return r.r0;
}

static u64 instance(u64 cls)
{
	struct res r = op0(C, PYMM_OP_NEW_INSTANCE, cls, 0, 0);

	CHECK_EQ(r.err, 0);
	return r.r0;
}

static struct res key_hash(u64 key, s64 hash)
{
	return op0(C, PYMM_OP_KEY_HASH, key, (u64)hash, 0);
}

/* KEY_HASH(key, hash) then op(a0, key, a2) */
static struct res hinted(u32 code, u64 a0, u64 key, u64 a2, s64 hash)
{
	CHECK_EQ(key_hash(key, hash).err, 0);
	return op0(C, code, a0, key, a2);
}

/* __eq__ without __hash__: __hash__ = None in the class dict, inherited */
static void test_class_rule(void)
{
	static const char *const eq[] = { "__eq__" };
	static const char *const both[] = { "__eq__", "__hash__" };
	u64 q = class_with("Q", eq, 1, 0), sub = class_with("S", NULL, 0, q);
	u64 r = class_with("R", both, 2, q), plain = class_with("A", NULL, 0, 0);
	u64 d, k, v, qi = instance(q), si = instance(sub), ri = instance(r), ai = instance(plain);
	struct res x;

	x = opx(C, PYMM_OP_GETATTR, 0, q, 0, 0, "__dict__", 8, 0);
	d = x.r0;
	k = new_str(C, "__hash__");
	x = op0(C, PYMM_OP_GETITEM, d, k, 0);
	CHECK_EQ(x.err, 0);
	v = op0(C, PYMM_OP_CONST, PYMM_CONST_NONE, 0, 0).r0;
	CHECK_EQ(id_of(x.r0), id_of(v));
	closeh(C, x.r0);
	closeh(C, d);
	/* S inherits None; R defines both: its own __hash__ stays */
	x = opx(C, PYMM_OP_GETATTR, 0, sub, 0, 0, "__dict__", 8, 0);
	CHECK_EQ(op0(C, PYMM_OP_GETITEM, x.r0, k, 0).err, -ENOENT);
	closeh(C, x.r0);
	x = op0(C, PYMM_OP_HASH, qi, 0, 0);
	CHECK_EQ(x.err, -EINVAL);
	CHECK_EQ(x.exc, PYMM_EXC_TYPE_ERROR);
	CHECK_EQ(op0(C, PYMM_OP_HASH, si, 0, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_HASH, ri, 0, 0).err, -ENOKEY);
	CHECK_EQ(op0(C, PYMM_OP_HASH, ai, 0, 0).err, 0);	/* by identity */
	/* an unhashable instance gets no record either */
	CHECK_EQ(key_hash(qi, 5).err, -EINVAL);
	closeh(C, k);
	closeh(C, v);
	closeh(C, qi);
	closeh(C, si);
	closeh(C, ri);
	closeh(C, ai);
	closeh(C, q);
	closeh(C, sub);
	closeh(C, r);
	closeh(C, plain);
}

/* what needs user code fails -ENOKEY and changes nothing */
static void test_refusals(void)
{
	static const char *const both[] = { "__eq__", "__hash__" };
	u64 p = class_with("P", both, 2, 0), a = instance(p), b = instance(p), kv[2];
	u64 s = op0(C, PYMM_OP_NEW_SET, 0, 0, 0).r0;
	u64 d = new_seq(C, PYMM_OP_NEW_DICT, NULL, 0), l1, l2, t;

	CHECK_EQ(opd(C, PYMM_OP_NEW_SET, 0, &a, 8).err, 0 - ENOKEY);
	CHECK_EQ(op0(C, PYMM_OP_SET_ADD, s, a, 0).err, -ENOKEY);
	CHECK_EQ(op0(C, PYMM_OP_SETITEM, d, a, a).err, -ENOKEY);
	CHECK_EQ(len_of(s), 0);
	CHECK_EQ(len_of(d), 0);
	kv[0] = a;
	kv[1] = b;
	CHECK_EQ(opd(C, PYMM_OP_NEW_DICT, 0, kv, 16).err, -ENOKEY);
	/* a tuple holding one: its hash needs the user's too */
	t = new_seq(C, PYMM_OP_NEW_TUPLE, &a, 1);
	CHECK_EQ(op0(C, PYMM_OP_HASH, t, 0, 0).err, -ENOKEY);
	CHECK_EQ(op0(C, PYMM_OP_SET_ADD, s, t, 0).err, -ENOKEY);
	/* == of lists holding two of them: the user's __eq__ (identity is equal) */
	l1 = new_seq(C, PYMM_OP_NEW_LIST, &a, 1);
	l2 = new_seq(C, PYMM_OP_NEW_LIST, &b, 1);
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, l1, l2, PYMM_CMP_EQ).err, -ENOKEY);
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, l1, l1, PYMM_CMP_EQ).r0, 1);
	closeh(C, l2);
	l2 = new_seq(C, PYMM_OP_NEW_LIST, &a, 1);
	CHECK_EQ(op0(C, PYMM_OP_COMPARE, l1, l2, PYMM_CMP_EQ).r0, 1);
	closeh(C, l1);
	closeh(C, l2);
	closeh(C, t);
	closeh(C, s);
	closeh(C, d);
	closeh(C, a);
	closeh(C, b);
	closeh(C, p);
}

/* the protocol: KEY_PEERS in probe order, KEY_HASH for exactly one op */
static void test_protocol(void)
{
	static const char *const both[] = { "__eq__", "__hash__" };
	u64 p = class_with("P", both, 2, 0), a = instance(p), b = instance(p), c = instance(p);
	u64 s = op0(C, PYMM_OP_NEW_SET, 0, 0, 0).r0, d = new_seq(C, PYMM_OP_NEW_DICT, NULL, 0);
	u64 seven = new_int(C, 7), got;
	struct pymm_client *other = client(1000, "keyhash");
	struct res r;

	CHECK_EQ(hinted(PYMM_OP_SET_ADD, s, a, 0, 42).err, 0);
	CHECK_EQ(hinted(PYMM_OP_SET_ADD, s, b, 0, 42).err, 0);	/* decided unequal */
	CHECK_EQ(len_of(s), 2);
	CHECK_EQ(op0(C, PYMM_OP_SET_CONTAINS, s, c, 0).err, -ENOKEY);
	r = op4(PYMM_OP_KEY_PEERS, s, c, 0, 0, 64);
	CHECK_EQ(r.err, -ENOKEY);		/* c needs its __hash__ */
	r = op4(PYMM_OP_KEY_PEERS, s, c, 42, 1, 64);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 2);
	CHECK_EQ((s64)r.r1, 42);
	CHECK_EQ(r.data_len, 16);
	memcpy(&got, buf, 8);
	CHECK_EQ(id_of(got), id_of(a));		/* probe order: a came first */
	closeh(C, got);
	memcpy(&got, buf + 8, 8);
	CHECK_EQ(id_of(got), id_of(b));
	closeh(C, got);
	/* a itself is no peer of a */
	r = op4(PYMM_OP_KEY_PEERS, s, a, 42, 1, 64);
	CHECK_EQ(r.r0, 1);
	memcpy(&got, buf, 8);
	closeh(C, got);
	/* the client found c == a: the op runs on a */
	r = hinted(PYMM_OP_SET_CONTAINS, s, a, 0, 42);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 1);
	r = hinted(PYMM_OP_SET_CONTAINS, s, c, 0, 42);
	CHECK_EQ(r.r0, 0);
	/* the client's next op only, whatever other clients do meanwhile */
	CHECK_EQ(key_hash(a, 42).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_NOP, 0, 0, 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_SET_CONTAINS, s, a, 0).err, -ENOKEY);
	CHECK_EQ(key_hash(a, 42).err, 0);
	CHECK_EQ(op0(other, PYMM_OP_HEAP_VERIFY, 0, 0, 0).err, 0);
	CHECK_EQ(op0(other, PYMM_OP_SET_CONTAINS, s, a, 0).err, -EBADF);
	CHECK_EQ(op0(C, PYMM_OP_SET_CONTAINS, s, a, 0).r0, 1);
	CHECK_EQ(op0(C, PYMM_OP_SET_CONTAINS, s, a, 0).err, -ENOKEY);
	/* KEY_HASH right after KEY_HASH: the first record does not hash it */
	CHECK_EQ(key_hash(a, 42).err, 0);
	CHECK_EQ((s64)key_hash(a, 43).r0, 43);
	/* an int equal to an instance hashing as it: the client decides */
	CHECK_EQ(hinted(PYMM_OP_SETITEM, d, a, seven, 7).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_GETITEM, d, seven, 0).err, -ENOKEY);
	r = op4(PYMM_OP_KEY_PEERS, d, seven, 0, 0, 64);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 1);
	CHECK_EQ((s64)r.r1, 7);
	memcpy(&got, buf, 8);
	CHECK_EQ(id_of(got), id_of(a));
	closeh(C, got);
	r = hinted(PYMM_OP_GETITEM, d, seven, 0, 7);
	CHECK_EQ(r.err, -ENOENT);
	CHECK_EQ(r.exc, PYMM_EXC_KEY_ERROR);
	r = hinted(PYMM_OP_GETITEM, d, a, 0, 7);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(id_of(r.r0), id_of(seven));
	closeh(C, r.r0);
	CHECK_EQ(hinted(PYMM_OP_DELITEM, d, a, 0, 7).err, 0);
	CHECK_EQ(len_of(d), 0);
	/* set algebra: members of one hash meeting need __eq__; others do not */
	{
		u64 s1 = op0(C, PYMM_OP_NEW_SET, 0, 0, 0).r0, s2 = op0(C, PYMM_OP_NEW_SET, 0, 0, 0).r0;

		CHECK_EQ(hinted(PYMM_OP_SET_ADD, s1, c, 0, 5).err, 0);
		CHECK_EQ(hinted(PYMM_OP_SET_ADD, s2, b, 0, 6).err, 0);
		r = op0(C, PYMM_OP_SET_ALGEBRA, s1, s2, PYMM_SETOP_UNION);
		CHECK_EQ(r.err, 0);
		CHECK_EQ(len_of(r.r0), 2);
		closeh(C, r.r0);
		CHECK_EQ(op0(C, PYMM_OP_SET_ALGEBRA, s1, s, PYMM_SETOP_ISSUBSET).r0, 0);
		CHECK_EQ(hinted(PYMM_OP_SET_ADD, s2, a, 0, 5).err, 0);
		r = op0(C, PYMM_OP_SET_ALGEBRA, s1, s2, PYMM_SETOP_UNION);
		CHECK_EQ(r.err, -ENOKEY);
		CHECK_EQ(op0(C, PYMM_OP_COMPARE, s1, s2, PYMM_CMP_EQ).err, 0);	/* sizes differ */
		CHECK_EQ(op0(C, PYMM_OP_SET_DISCARD, s2, b, 0).err, -ENOKEY);
		CHECK_EQ(hinted(PYMM_OP_SET_DISCARD, s2, b, 0, 6).r0, 1);
		CHECK_EQ(op0(C, PYMM_OP_COMPARE, s1, s2, PYMM_CMP_EQ).err, -ENOKEY);
		closeh(C, s1);
		closeh(C, s2);
	}
	CHECK_EQ(op0(C, PYMM_OP_HEAP_VERIFY, 0, 0, 0).err, 0);
	pymm_client_release(other);
	closeh(C, seven);
	closeh(C, s);
	closeh(C, d);
	closeh(C, a);
	closeh(C, b);
	closeh(C, c);
	closeh(C, p);
}

/* hostile arguments: refused before anything changes, no pointer leaks */
static void test_hostile(void)
{
	static const char *const both[] = { "__eq__", "__hash__" };
	u64 p = class_with("P", both, 2, 0), a = instance(p), b = instance(p);
	u64 s = op0(C, PYMM_OP_NEW_SET, 0, 0, 0).r0, five = new_int(C, 5);
	u64 l = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0), word;
	struct res r;
	u32 i, n;

	/* -1 is CPython's error value: taken as -2; any other s64 stands */
	CHECK_EQ((s64)key_hash(a, -1).r0, -2);
	CHECK_EQ((s64)key_hash(a, INT64_MIN).r0, INT64_MIN);
	/* a key the core hashes itself: that hash, no other */
	CHECK_EQ(key_hash(five, 6).err, -EINVAL);
	CHECK_EQ((s64)key_hash(five, 5).r0, 5);
	r = key_hash(l, 0);
	CHECK_EQ(r.err, -EINVAL);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	CHECK_EQ(key_hash(0xdead0000beefull, 1).err, -EBADF);
	CHECK_EQ(op0(C, PYMM_OP_KEY_HASH, a, 1, 1).err, -EINVAL);	/* arg2 unused */
	/* KEY_PEERS: a set or dict, a flag of 0 or 1, real handles */
	r = op4(PYMM_OP_KEY_PEERS, l, five, 0, 0, 64);
	CHECK_EQ(r.err, -EINVAL);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	CHECK_EQ(op4(PYMM_OP_KEY_PEERS, s, five, 0, 2, 64).err, -EINVAL);
	CHECK_EQ(op4(PYMM_OP_KEY_PEERS, s, five, 6, 1, 64).err, -EINVAL);
	CHECK_EQ(op4(PYMM_OP_KEY_PEERS, s, 0xdead0000beefull, 0, 0, 64).err, -EBADF);
	CHECK_EQ(op4(PYMM_OP_KEY_PEERS, s, l, 0, 0, 64).err, -EINVAL);	/* unhashable key */
	/* 200 members of one hash: all peers; a small buffer says how much */
	CHECK_EQ(hinted(PYMM_OP_SET_ADD, s, a, 0, 3).err, 0);
	for (i = 0; i < 200; i++) {
		u64 x = instance(p);

		CHECK_EQ(hinted(PYMM_OP_SET_ADD, s, x, 0, 3).err, 0);
		closeh(C, x);
	}
	CHECK_EQ(len_of(s), 201);
	r = op4(PYMM_OP_KEY_PEERS, s, b, 3, 1, 64);
	CHECK_EQ(r.err, -ENOSPC);
	CHECK(r.out_flags & PYMM_OUTF_TRUNC);
	/* each visit of the probe sequence: at least every member once */
	CHECK(r.data_len >= 201 * 8);
	for (i = 0; i < 8; i++) {
		memcpy(&word, buf + 8 * i, 8);
		CHECK_EQ(word, 0);		/* zeroed, never a kernel address */
	}
	n = r.data_len / 8;
	r = op4(PYMM_OP_KEY_PEERS, s, b, 3, 1, n * 8);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, n);
	for (i = 0; i < n; i++) {
		memcpy(&word, buf + 8 * i, 8);
		closeh(C, word);
	}
	CHECK_EQ(op0(C, PYMM_OP_HEAP_VERIFY, 0, 0, 0).err, 0);
	closeh(C, l);
	closeh(C, five);
	closeh(C, s);
	closeh(C, a);
	closeh(C, b);
	closeh(C, p);
}

int main(int argc, char **argv)
{
	unit_init(argc, argv);
	C = start_core_with_heap(1000, "keyhash");
	if (!C)
		return unit_summary();
	CHECK_EQ(op0(C, PYMM_OP_GC_DISABLE, 0, 0, 0).err, 0);
	RUN(test_class_rule);
	RUN(test_refusals);
	RUN(test_protocol);
	RUN(test_hostile);
	stop_core(C);
	return unit_summary();
}
