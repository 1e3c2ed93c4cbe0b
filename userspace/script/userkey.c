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
		return "== of containers holding instances whose class defines __eq__";
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
