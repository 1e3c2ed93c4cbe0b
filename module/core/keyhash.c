// SPDX-License-Identifier: GPL-2.0
/*
 * keyhash.c - dict keys and set members whose class defines __hash__ or
 * __eq__, the kernel never running user code.
 *
 * CPython calls a key's __hash__ on every insert, lookup and delete, and
 * the stored key's __eq__ (PyObject_RichCompare(startkey, key, Py_EQ)) for
 * every entry of the probe sequence with an equal hash and another
 * identity.  Here the core does what it can decide and refuses the rest
 * with -ENOKEY, changing nothing:
 *
 *  - an instance whose class (along its MRO) defines __hash__ has no hash
 *    the core knows (pymm_instance_hash(); __hash__ = None: unhashable, as
 *    the class statement sets it for __eq__ without __hash__, type.c);
 *  - an == between two objects of which one is an instance whose class
 *    defines __eq__ is the user's (pymm_user_eq(), from object.c's
 *    scalar_eq, so probes, container equality and set algebra all stop
 *    there instead of answering by identity).
 *
 * The client answers with the protocol of docs/objects.md, "User hashes":
 * it calls __hash__, asks KEY_PEERS for the stored keys of that hash in
 * probe order, calls == on each, and sends KEY_HASH (the key to use: its
 * own, or the equal stored one; and the hash) right before running the
 * op again.  KEY_HASH is a record in the client for its one next op
 * (client->op_seq), holding no reference: a handle of the client holds the
 * key, and only an op of the client could close it.  In that op the key
 * hashes as told and each == against it that needs __eq__ counts as
 * decided: equal only if identical, since the client substituted the
 * equal stored key.
 *
 * KEY_PEERS lists a stored key once per visit: the perturbed probe
 * sequence may pass a slot twice, and CPython compares it each time.
 */
#include "heap.h"
#include "keyhash.h"

static bool hint_for(const struct pymm_heap *h, const struct pymm_object *o)
{
	const struct pymm_client *c = h->cur_client;

	return c && c->key == o && c->key_seq + 1 == c->op_seq;
}

/* the value name has along o's class's MRO (NULL: none), o an instance */
static struct pymm_object *class_attr(struct pymm_object *o, const char *name, u32 len)
{
	struct pymm_object *cls;

	if (o->type != PYMM_T_INSTANCE)
		return NULL;
	cls = ((struct pymm_instance *)o)->cls;
	return cls ? pymm_type_lookup(cls, name, len) : NULL;
}

int pymm_instance_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	struct pymm_object *fn = class_attr(o, "__hash__", 8);

	if (!fn)
		return pymm_obj_identity_hash(h, o, out);
	if (fn == h->none)
		return -EINVAL;		/* PyObject_HashNotImplemented */
	if (!hint_for(h, o))
		return -ENOKEY;
	*out = h->cur_client->key_hash;
	return 0;
}

int pymm_user_eq(struct pymm_heap *h, struct pymm_object *a, struct pymm_object *b, bool *res)
{
	if (a == b || (!class_attr(a, "__eq__", 6) && !class_attr(b, "__eq__", 6)))
		return 1;
	if (hint_for(h, a) || hint_for(h, b)) {
		*res = false;
		return 0;
	}
	return -ENOKEY;
}

/* CPython maps a hash of -1 (its error value) to -2; any other s64 stands */
static s64 valid_hash(u64 v)
{
	return (s64)v == -1 ? -2 : (s64)v;
}

/*
 * key's hash: the core's, or the one given (given: arg[3] of KEY_PEERS) for
 * a key that needs its class's __hash__.  A given hash for a key the core
 * hashes itself must be that hash (-EINVAL).
 */
static int key_hash(struct pymm_opctx *x, struct pymm_object *key, bool given, u64 v,
		    s64 *hash)
{
	int err;

	x->c->key = NULL;	/* a record is for other ops than these two */
	err = pymm_obj_hash(x->h, key, hash);

	if (err == -ENOKEY && given) {
		*hash = valid_hash(v);
		return 0;
	}
	if (err == -EINVAL) {
		x->op->exc = PYMM_EXC_TYPE_ERROR;
		return err;
	}
	if (!err && given && *hash != valid_hash(v))
		return -EINVAL;
	return err;
}

static int op_key_hash(struct pymm_opctx *x)
{
	struct pymm_object *key;
	s64 hash;
	int err = pymm_handle_get(x->c, x->op->arg[0], &key);

	if (!err)
		err = key_hash(x, key, true, x->op->arg[1], &hash);
	if (err)
		return err;
	x->c->key = key;
	x->c->key_hash = hash;
	x->c->key_seq = x->c->op_seq;
	x->op->ret[0] = (u64)hash;
	return 0;
}

static int op_key_peers(struct pymm_opctx *x)
{
	struct pymm_object *c, *key, **objs = x->buf;
	u64 *out = x->buf;
	u32 cap = x->out_cap / sizeof(u64), n, i;
	s64 hash;
	int err;

	if (x->op->arg[3] > 1)
		return -EINVAL;
	err = pymm_handle_get(x->c, x->op->arg[0], &c);
	if (!err)
		err = pymm_handle_get(x->c, x->op->arg[1], &key);
	if (err)
		return err;
	if (c->type != PYMM_T_DICT && c->type != PYMM_T_SET) {
		x->op->exc = PYMM_EXC_TYPE_ERROR;
		return -EINVAL;
	}
	err = key_hash(x, key, x->op->arg[3], x->op->arg[2], &hash);
	if (err)
		return err;
	if (c->type == PYMM_T_DICT)
		err = pymm_dict_peers(x->h, c, key, hash, objs, cap, &n);
	else
		err = pymm_set_peers(x->h, c, key, hash, objs, cap, &n);
	if (!err && n > cap) {
		x->op->out_flags |= PYMM_OUTF_TRUNC;
		x->op->data_len = n * sizeof(u64);
		err = -ENOSPC;
	}
	if (!err)
		err = pymm_handle_reserve(x->c, n);
	if (err) {
		/* no kernel address goes out, not even in a truncated buffer */
		memset(x->buf, 0, x->out_cap);
		return err;
	}
	/* in place, back to front: a handle is never narrower than a pointer */
	for (i = n; i-- > 0;)
		out[i] = pymm_handle_install(x->c, pymm_obj_incref(objs[i]));
	x->op->data_len = n * sizeof(u64);
	x->op->ret[0] = n;
	x->op->ret[1] = (u64)hash;
	return 0;
}

int pymm_key_op(struct pymm_opctx *x)
{
	return x->op->code == PYMM_OP_KEY_HASH ? op_key_hash(x) : op_key_peers(x);
}
