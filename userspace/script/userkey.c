// SPDX-License-Identifier: GPL-2.0
/*
 * userkey.c - dict keys and set members whose class defines __hash__ or
 * __eq__: the client's half of module/core/keyhash.c's protocol
 * (docs/objects.md, "User hashes").
 *
 * A keyed op (GETITEM, SETITEM, DELITEM, SET_ADD, SET_DISCARD,
 * SET_CONTAINS) that fails -ENOKEY needed user code: op1() hands it here.
 * We do what CPython's lookdict / set_lookkey do around the user's
 * methods: call the key's __hash__ (TypeError unless it returns an int;
 * -1 becomes -2), take the stored keys of that hash in probe order
 * (KEY_PEERS), compare each stored key with the key (stored == key, as
 * PyObject_RichCompare(startkey, key, Py_EQ)) until one is equal, then run
 * the op again right after KEY_HASH, on the equal stored key if there was
 * one: by identity, the op then does what CPython's does.
 *
 * A -ENOKEY we cannot resolve here (a tuple holding such an instance as a
 * key, an op over many keys at once) stays the op's error, which
 * raise_op() words as "... is not supported by pymm".
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* hash(obj) through its class's __hash__ (obj an instance) */
int user_hash(struct interp *I, uint64_t h, int64_t *out)
{
	struct value res;
	struct objinfo oi;
	int r = call_special(I, h, "__hash__", NULL, 0, &res);

	if (r < 0)
		return -1;
	if (r == 1)
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "a __hash__ that is not a method is not supported by pymm");
	r = obj_read(I, res.h, &oi);
	vrelease(I, &res);
	if (r)
		return -1;
	free(oi.s);
	if (oi.type != PYMM_T_INT && oi.type != PYMM_T_BOOL)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "__hash__ method should return an integer");
	*out = oi.i == -1 ? -2 : oi.i;
	return 0;
}

static bool keyed_op(uint32_t code)
{
	switch (code) {
	case PYMM_OP_GETITEM:
	case PYMM_OP_SETITEM:
	case PYMM_OP_DELITEM:
	case PYMM_OP_SET_ADD:
	case PYMM_OP_SET_DISCARD:
	case PYMM_OP_SET_CONTAINS:
		return true;
	}
	return false;
}

/*
 * KEY_PEERS into *hs (new handles, the caller closes them and frees *hs):
 * 0, -1 with an exception, or 1 when the key needs its __hash__ (*op the
 * failed KEY_PEERS).
 */
static int key_peers(struct interp *I, uint64_t c, uint64_t key, const int64_t *hash,
		     uint64_t **hs, uint32_t *n, int64_t *used, struct pymm_op *op)
{
	size_t cap = 8;

	for (;;) {
		uint64_t *v = xrealloc(NULL, cap * sizeof(uint64_t));

		pymm_op_init(op, PYMM_OP_KEY_PEERS);
		op->arg[0] = c;
		op->arg[1] = key;
		op->arg[2] = hash ? (uint64_t)*hash : 0;
		op->arg[3] = hash != NULL;
		pymm_op_set_data(op, v, cap * sizeof(uint64_t));
		if (xops(I, op, 1)) {
			free(v);
			return -1;
		}
		if ((op->out_flags & PYMM_OUTF_TRUNC) || op->error == -ENOSPC) {
			free(v);
			cap = op->data_len / 8 > cap ? op->data_len / 8 : cap * 4;
			continue;
		}
		if (op->error) {
			free(v);
			return op->error == -ENOKEY && !hash ? 1 : raise_op(I, op, NULL);
		}
		*hs = v;
		*n = (uint32_t)op->ret[0];
		*used = (int64_t)op->ret[1];
		return 0;
	}
}

/* the first stored key equal to key (stored == key), or key itself */
static int first_equal(struct interp *I, uint64_t key, const uint64_t *hs, uint32_t n,
		       uint64_t *chosen)
{
	struct value kv = vobj(key, false);
	uint32_t i;

	*chosen = key;
	for (i = 0; i < n; i++) {
		struct value sv = vobj(hs[i], false);
		bool eq;

		if (compare(I, CMP_EQ, &sv, &kv, &eq))
			return -1;
		if (eq) {
			*chosen = hs[i];
			return 0;
		}
	}
	return 0;
}

/* KEY_HASH then the op on chosen, in one batch; the op's result into *op */
static int rerun(struct interp *I, struct pymm_op *op, uint64_t chosen, int64_t hash)
{
	struct pymm_op ops[2];

	pymm_op_init(&ops[0], PYMM_OP_KEY_HASH);
	ops[0].arg[0] = chosen;
	ops[0].arg[1] = (uint64_t)hash;
	ops[1] = *op;
	ops[1].arg[1] = chosen;
	if (xops(I, ops, 2))
		return -1;
	*op = ops[0].error ? ops[0] : ops[1];
	return 0;
}

/* op failed -ENOKEY: resolve and run it again (op1()); -1 with an exception */
static int resolve_keyed(struct interp *I, struct pymm_op *op)
{
	struct pymm_op pop;
	uint64_t key = op->arg[1], *hs = NULL, chosen;
	uint32_t n = 0, t = 0;
	int64_t hash, used;
	int r = key_peers(I, op->arg[0], key, NULL, &hs, &n, &used, &pop);

	if (r == 1) {
		if (obj_type(I, key, &t))
			return -1;
		if (t != PYMM_T_INSTANCE)
			return 0;	/* e.g. a tuple holding one: refused */
		if (user_hash(I, key, &hash))
			return -1;
		r = key_peers(I, op->arg[0], key, &hash, &hs, &n, &used, &pop);
	}
	if (r)
		return r;
	r = first_equal(I, key, hs, n, &chosen);
	if (!r)
		r = rerun(I, op, chosen, used);
	close_many(I, hs, n);
	free(hs);
	return r;
}

/* hash(obj) when its class defines __hash__: the op's result made good */
static int resolve_hash(struct interp *I, struct pymm_op *op)
{
	uint32_t t = 0;
	int64_t hash;

	if (obj_type(I, op->arg[0], &t))
		return -1;
	if (t != PYMM_T_INSTANCE)
		return 0;
	if (user_hash(I, op->arg[0], &hash))
		return -1;
	op->error = 0;
	op->exc = 0;
	op->ret[0] = (uint64_t)hash;
	return 0;
}

/* op1(): an op that failed -ENOKEY gets its user code run here */
int userkey_resolve(struct interp *I, struct pymm_op *op)
{
	if (op->code == PYMM_OP_HASH)
		return resolve_hash(I, op);
	if (keyed_op(op->code))
		return resolve_keyed(I, op);
	return 0;
}

/*
 * NEW_SET over an item whose class defines __hash__ / __eq__: what
 * set_update_internal and BUILD_SET do, one SET_ADD per item (each
 * resolved by op1()): other's items, then hs[].  A frozenset is the copy
 * of that set (set_merge into an empty table compares nothing).
 */
int userkey_new_set(struct interp *I, bool frozen, uint64_t other, const uint64_t *hs,
		    uint32_t n, struct value *out)
{
	uint64_t *items = NULL, r;
	uint32_t nitems = 0, i;
	struct pymm_op op;
	struct value s;
	int err = 0;

	if (other && obj_items(I, other, &items, &nitems))
		return -1;
	pymm_op_init(&op, PYMM_OP_NEW_SET);
	pymm_op_set_data(&op, &r, 0);
	if (op1_raise(I, &op)) {
		err = -1;
		goto out;
	}
	s = vobj(op.ret[0], true);
	for (i = 0; i < nitems + n && !err; i++)
		err = set_item_op(I, PYMM_OP_SET_ADD, s.h, i < nitems ? items[i] : hs[i - nitems],
				  &r);
	if (!err && frozen) {
		pymm_op_init(&op, PYMM_OP_NEW_SET);
		op.arg[0] = PYMM_SETF_FROZEN;
		op.arg[1] = s.h;
		pymm_op_set_data(&op, &r, 0);
		err = op1_raise(I, &op);
		vrelease(I, &s);
		s = vobj(op.ret[0], true);
	}
	if (err)
		vrelease(I, &s);
	else
		*out = s;
out:
	close_many(I, items, nitems);
	free(items);
	return err;
}

/* NEW_DICT over such a key: BUILD_MAP's inserts, one SETITEM per pair */
int userkey_new_dict(struct interp *I, const uint64_t *kv, uint32_t npairs, struct value *out)
{
	struct value d;
	uint32_t i;

	if (new_container(I, PYMM_OP_NEW_DICT, NULL, 0, &d))
		return -1;
	for (i = 0; i < npairs; i++) {
		struct pymm_op op;

		pymm_op_init(&op, PYMM_OP_SETITEM);
		op.arg[0] = d.h;
		op.arg[1] = kv[2 * i];
		op.arg[2] = kv[2 * i + 1];
		if (op1(I, &op) || (op.error && (op.exc == PYMM_EXC_TYPE_ERROR ?
						 raise_unhashable(I, kv[2 * i]) :
						 raise_op(I, &op, NULL)))) {
			vrelease(I, &d);
			return -1;
		}
	}
	*out = d;
	return 0;
}

/*
 * A NEW_DICT refused with TypeError: CPython names the first key without a
 * hash.  HASH without op1(): a key whose __hash__ is the user's (-ENOKEY)
 * has one, and is not called here.
 */
int raise_unhashable_key(struct interp *I, const uint64_t *kv, uint32_t npairs)
{
	uint32_t i;

	for (i = 0; i < npairs; i++) {
		struct pymm_op op;

		pymm_op_init(&op, PYMM_OP_HASH);
		op.arg[0] = kv[2 * i];
		if (xops(I, &op, 1))
			return -1;
		if (op.exc == PYMM_EXC_TYPE_ERROR)
			return raise_unhashable(I, kv[2 * i]);
	}
	return raise_exc(I, PYMM_EXC_TYPE_ERROR, "unhashable type");
}

/* what a refused -ENOKEY was doing, for raise_op()'s NotImplementedError */
const char *userkey_op_text(uint32_t code)
{
	switch (code) {
	case PYMM_OP_SET_ALGEBRA:
		return "set algebra (| & - ^, comparisons, subset tests) between members of "
		       "one hash whose class defines __eq__";
	case PYMM_OP_COMPARE:
		return "comparing dicts, or ordering lists or tuples, holding instances whose "
		       "class defines __eq__";
	case PYMM_OP_NEW_SET:
	case PYMM_OP_NEW_DICT:
		return "a set or dict made in one step of instances whose class defines "
		       "__hash__ or __eq__";
	case PYMM_OP_HASH:
		return "hash() of a tuple holding instances whose class defines __hash__";
	default:
		return "a key holding an instance whose class defines __hash__ or __eq__ "
		       "(a tuple or frozenset key)";
	}
}

/* ------------------------------------------------ set algebra, one key at a time */

/*
 * SET_ALGEBRA between sets holding such members fails -ENOKEY once two of
 * one hash meet.  userkey_algebra() runs setobject.c's algorithm of the
 * operation in the client instead, each membership test and insertion a
 * keyed op resolved by op1(); the result's table is made by the same adds
 * in the same order as CPython's, but for set_merge's and
 * set_update_internal's growth ahead of the adds.
 */
struct alg {
	struct interp *I;
	uint64_t so, other;
	uint32_t other_type;	/* PYMM_T_SET, _DICT, _LIST or _TUPLE */
};

/* key in c (a set or a dict) */
static int alg_has(struct interp *I, uint64_t c, uint32_t type, uint64_t key, bool *res)
{
	struct pymm_op op;
	uint64_t r;

	if (type == PYMM_T_SET) {
		if (set_item_op(I, PYMM_OP_SET_CONTAINS, c, key, &r))
			return -1;
		*res = r != 0;
		return 0;
	}
	pymm_op_init(&op, PYMM_OP_GETITEM);
	op.arg[0] = c;
	op.arg[1] = key;
	if (op1(I, &op))
		return -1;
	if (op.error && op.exc != PYMM_EXC_KEY_ERROR)
		return op.exc == PYMM_EXC_TYPE_ERROR ? raise_unhashable(I, key) : raise_op(I, &op, NULL);
	if (!op.error)
		queue_close(I, op.ret[0]);
	*res = !op.error;
	return 0;
}

/* a new set: empty, or a copy of src (set_merge into an empty table compares nothing) */
static int alg_new(struct interp *I, uint64_t src, bool frozen, uint64_t *out)
{
	struct pymm_op op;
	uint64_t dummy = 0;

	pymm_op_init(&op, PYMM_OP_NEW_SET);
	op.arg[0] = frozen ? PYMM_SETF_FROZEN : 0;
	op.arg[1] = src;
	pymm_op_set_data(&op, &dummy, 0);
	if (op1_raise(I, &op))
		return -1;
	*out = op.ret[0];
	return 0;
}

/*
 * For each item of src (a set's table, a dict's keys, a list): keep it in
 * dst when its membership in c (or, c 0, nothing) is want; toggle: discard
 * it from dst, adding it if it was not there.
 */
enum alg_step { ADD_ALL, ADD_IF_IN, ADD_IF_NOT_IN, DISCARD, TOGGLE, ALL_IN, NONE_IN };

static int alg_walk(struct interp *I, uint64_t src, enum alg_step step, uint64_t dst,
		    uint64_t c, uint32_t ctype, bool *test)
{
	uint64_t *hs, r;
	uint32_t n, i;
	int err = 0;

	if (obj_items(I, src, &hs, &n))
		return -1;
	if (test)
		*test = true;
	for (i = 0; i < n && !err; i++) {
		bool in = false;

		if (step == ADD_IF_IN || step == ADD_IF_NOT_IN || step == ALL_IN || step == NONE_IN)
			err = alg_has(I, c, ctype, hs[i], &in);
		if (err)
			break;
		if (step == ADD_ALL || (step == ADD_IF_IN && in) || (step == ADD_IF_NOT_IN && !in))
			err = set_item_op(I, PYMM_OP_SET_ADD, dst, hs[i], &r);
		else if (step == DISCARD || step == TOGGLE) {
			err = set_item_op(I, PYMM_OP_SET_DISCARD, dst, hs[i], &r);
			if (!err && step == TOGGLE && !r)
				err = set_item_op(I, PYMM_OP_SET_ADD, dst, hs[i], &r);
		} else if ((step == ALL_IN && !in) || (step == NONE_IN && in)) {
			*test = false;
			break;
		}
	}
	close_many(I, hs, n);
	free(hs);
	return err;
}

/*
 * set_update_internal(dst, src): the core's UPDATE first, which grows the
 * table ahead as CPython does and adds up to the first == it cannot
 * decide, then every item added again one at a time (an add of a member
 * already in is a no-op).
 */
static int alg_fill(struct interp *I, uint64_t dst, uint64_t src)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_SET_ALGEBRA);
	op.arg[0] = dst;
	op.arg[1] = src;
	op.arg[2] = PYMM_SETOP_UPDATE;
	if (xops(I, &op, 1))
		return -1;
	if (op.error && op.error != -ENOKEY)
		return raise_op(I, &op, NULL);
	return op.error ? alg_walk(I, src, ADD_ALL, dst, 0, 0, NULL) : 0;
}

/* set_issubset(a, b), b a set */
static int alg_subset(struct interp *I, uint64_t a, uint64_t b, bool *res)
{
	int64_t na, nb;

	if (len_of(I, a, &na) || len_of(I, b, &nb))
		return -1;
	*res = false;
	if (na > nb)
		return 0;
	return alg_walk(I, a, ALL_IN, 0, b, PYMM_T_SET, res);
}

/* a test: issubset, issuperset, isdisjoint, <, > */
static int alg_test(struct alg *A, int setop, bool *res)
{
	struct interp *I = A->I;
	uint64_t other = A->other;
	int64_t na, nb;
	struct value tmp = { 0 };
	int err = 0;

	if (A->other_type != PYMM_T_SET && setop != PYMM_SETOP_ISDISJOINT) {
		/* set_issubset / set_issuperset: a set of other first */
		if (userkey_new_set(I, false, other, NULL, 0, &tmp))
			return -1;
		other = tmp.h;
	}
	switch (setop) {
	case PYMM_SETOP_ISSUBSET:
		err = alg_subset(I, A->so, other, res);
		break;
	case PYMM_SETOP_ISSUPERSET:
		err = alg_subset(I, other, A->so, res);
		break;
	case PYMM_SETOP_LT:
	case PYMM_SETOP_GT:
		err = len_of(I, A->so, &na) || len_of(I, other, &nb);
		*res = false;
		if (!err && (setop == PYMM_SETOP_LT ? na < nb : na > nb))
			err = setop == PYMM_SETOP_LT ? alg_subset(I, A->so, other, res) :
						       alg_subset(I, other, A->so, res);
		break;
	default:	/* ISDISJOINT: the smaller set walked, the other asked */
		if (A->other_type == PYMM_T_SET &&
		    (len_of(I, A->so, &na) || len_of(I, other, &nb)))
			return -1;
		if (A->other_type == PYMM_T_SET && nb > na)
			err = alg_walk(I, A->so, NONE_IN, 0, other, PYMM_T_SET, res);
		else
			err = alg_walk(I, other, NONE_IN, 0, A->so, PYMM_T_SET, res);
		break;
	}
	vrelease(I, &tmp);
	return err ? -1 : 0;
}

/* a new set: union, intersection, difference, symmetric difference */
static int alg_build(struct alg *A, int setop, uint64_t *res)
{
	struct interp *I = A->I;
	uint64_t so = A->so, other = A->other, h = 0;
	int64_t na, nb = 0;
	bool oset = A->other_type == PYMM_T_SET, frozen, is_set;
	int err = set_kind(I, so, &is_set);

	if (err < 0 || len_of(I, so, &na) ||
	    ((oset || A->other_type == PYMM_T_DICT) && len_of(I, other, &nb)))
		return -1;
	frozen = err == 1;
	switch (setop) {
	case PYMM_SETOP_UNION:		/* set_copy, set_update_internal */
		err = alg_new(I, so, false, &h) || alg_fill(I, h, other);
		break;
	case PYMM_SETOP_INTERSECTION:	/* the smaller set walked */
		err = alg_new(I, 0, false, &h);
		if (!err && oset && nb > na)
			err = alg_walk(I, so, ADD_IF_IN, h, other, PYMM_T_SET, NULL);
		else if (!err)
			err = alg_walk(I, other, ADD_IF_IN, h, so, PYMM_T_SET, NULL);
		break;
	case PYMM_SETOP_DIFFERENCE:
		if ((!oset && A->other_type != PYMM_T_DICT) || (na >> 2) > nb)
			/* set_copy_and_difference */
			err = alg_new(I, so, false, &h) || alg_walk(I, other, DISCARD, h, 0, 0, NULL);
		else
			err = alg_new(I, 0, false, &h) ||
			      alg_walk(I, so, ADD_IF_NOT_IN, h, other, A->other_type, NULL);
		break;
	default:	/* SYMMETRIC_DIFFERENCE: set(other), then updated with so */
		err = alg_new(I, oset ? other : 0, false, &h);
		if (!err && !oset)
			err = alg_fill(I, h, other);
		if (!err)
			err = alg_walk(I, so, TOGGLE, h, 0, 0, NULL);
		break;
	}
	if (!err && frozen) {
		uint64_t f;

		err = alg_new(I, h, true, &f);
		queue_close(I, h);
		h = err ? 0 : f;
	}
	if (err) {
		if (h)
			queue_close(I, h);
		return -1;
	}
	*res = h;
	return 0;
}

/* so emptied, then src's members merged in: an empty table compares nothing */
static int alg_refill(struct interp *I, uint64_t so, uint64_t src)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_SET_CLEAR);
	op.arg[0] = so;
	if (op1_raise(I, &op))
		return -1;
	pymm_op_init(&op, PYMM_OP_SET_ALGEBRA);
	op.arg[0] = so;
	op.arg[1] = src;
	op.arg[2] = PYMM_SETOP_UPDATE;
	return op1_raise(I, &op);
}

/* SET_ALGEBRA refused -ENOKEY: *op made its result; -1 with an exception */
int userkey_algebra(struct interp *I, uint64_t so, uint64_t other, int setop, struct pymm_op *op)
{
	struct alg A = { .I = I, .so = so, .other = other };
	bool test = false;
	uint64_t h = 0;
	int err;

	if (other && obj_type(I, other, &A.other_type))
		return -1;
	switch (setop) {
	case PYMM_SETOP_UNION:
	case PYMM_SETOP_INTERSECTION:
	case PYMM_SETOP_DIFFERENCE:
	case PYMM_SETOP_SYMMETRIC_DIFFERENCE:
		err = alg_build(&A, setop, &h);
		op->ret[0] = h;
		break;
	case PYMM_SETOP_UPDATE:		/* an add again of what went in is a no-op */
		err = alg_walk(I, other, ADD_ALL, so, 0, 0, NULL);
		break;
	case PYMM_SETOP_DIFFERENCE_UPDATE:
		err = alg_walk(I, other, DISCARD, so, 0, 0, NULL);
		break;
	case PYMM_SETOP_ISSUBSET:
	case PYMM_SETOP_ISSUPERSET:
	case PYMM_SETOP_ISDISJOINT:
	case PYMM_SETOP_LT:
	case PYMM_SETOP_GT:
		err = alg_test(&A, setop, &test);
		op->ret[0] = test;
		break;
	case PYMM_SETOP_INTERSECTION_UPDATE:
		/* the intersection, then so emptied and filled from it (CPython swaps) */
		err = alg_build(&A, PYMM_SETOP_INTERSECTION, &h) || alg_refill(I, so, h);
		if (h)
			queue_close(I, h);
		break;
	default:
		/*
		 * the in-place symmetric difference: the core stopped halfway
		 * through its toggles, which cannot be redone: refused
		 */
		return 0;
	}
	if (err)
		return -1;
	op->error = 0;
	op->exc = 0;
	return 0;
}

/* set == set (or !=) refused -ENOKEY: set_richcompare's sizes and subset test */
int userkey_set_equal(struct interp *I, uint64_t a, uint64_t b, bool *res)
{
	int64_t na, nb;

	if (len_of(I, a, &na) || len_of(I, b, &nb))
		return -1;
	*res = false;
	if (na != nb)
		return 0;
	return alg_subset(I, a, b, res);
}

/*
 * list == list, tuple == tuple refused -ENOKEY (an item's class defines
 * __eq__): list_richcompare / tuplerichcompare here, item by item
 * (identity first), each pair through compare() and so through its
 * class's __eq__.  Nested containers come back here: a depth bound makes
 * a self-containing list a RecursionError, as in CPython.
 */
int userkey_seq_equal(struct interp *I, uint64_t a, uint64_t b, bool *res)
{
	static int depth;
	uint64_t *ha = NULL, *hb = NULL;
	uint32_t na = 0, nb = 0, i;
	int err = 0;

	if (depth >= MAX_DEPTH)
		return raise_exc(I, PYMM_EXC_RECURSION_ERROR,
				 "maximum recursion depth exceeded in comparison");
	if (obj_items(I, a, &ha, &na) || obj_items(I, b, &hb, &nb)) {
		err = -1;
		goto out;
	}
	*res = na == nb;
	depth++;
	for (i = 0; i < na && *res && !err; i++) {
		struct value x = vobj(ha[i], false), y = vobj(hb[i], false);
		bool same;

		err = compare(I, CMP_IS, &x, &y, &same);
		if (!err && !same)
			err = compare(I, CMP_EQ, &x, &y, res);
	}
	depth--;
out:
	close_many(I, ha, na);
	close_many(I, hb, nb);
	free(ha);
	free(hb);
	return err ? -1 : 0;
}
