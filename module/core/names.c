// SPDX-License-Identifier: GPL-2.0
/*
 * names.c - name binding: the heap's globals dict and the current frame's
 * locals dict.  Both are ordinary dict objects, so a binding is one counted
 * reference (the notes' "new name: +1"), rebinding and del drop one, and
 * the collector sees namespaces as containers held from outside (roots).
 *
 * Scope rules, as the script language needs them:
 *   PYMM_OPF_LOCAL      the current frame (the globals at depth 0, as
 *                       module-level code binds globals);
 *   no flag, LOOKUP     locals, then globals (late binding);
 *   no flag, BIND/DEL   globals.
 * Lookups and deletes hash the identifier's bytes and never allocate.
 *
 * Every name op comes in two forms: the name as the op's data (the tool,
 * old clients), or as a name ID in arg[] (the _ID ops): a handle to the
 * heap's interned str that NAME_INTERN gave, so the op has no buffer and
 * runs in a batch's fast path (ops.c), binds reuse the str instead of
 * making one, and the hash is the str's own.  A name ID is an ordinary
 * handle: bounded by max_handles, charged as one, dropped at detach.
 */
#include "heap.h"

/* an _ID op's name ID slot plus one, indexed by op code: 0, the name is data */
#define NAME_ID_SLOT_ROW(str_op, id_op, slot)	[id_op] = (slot) + 1,
static const u8 name_id_slots[PYMM_OP_MAX + 1] = {
	PYMM_NAME_ID_OPS(NAME_ID_SLOT_ROW)
};

#undef NAME_ID_SLOT_ROW

/*
 * where an _ID op carries its name ID; -1: the op carries its name as data.
 * A table, not a scan of PYMM_NAME_ID_OPS: every name op asks.
 */
static int name_id_slot(u32 code)
{
	return code <= PYMM_OP_MAX ? (int)name_id_slots[code] - 1 : -1;
}

/*
 * A name ID is any live handle to a str that is an identifier, checked at
 * every use as the data of the string ops is: the client may have closed
 * it, reused the slot, or made the str with NEW_STR.  Its hash is cached.
 */
static int name_from_id(struct pymm_opctx *x, u32 slot, struct pymm_name *n)
{
	struct pymm_object *o;
	struct pymm_str *str;
	int err = pymm_handle_get(x->c, x->op->arg[slot], &o);

	if (err)
		return err;
	if (o->type != PYMM_T_STR)
		return -EINVAL;
	str = pymm_as_str(o);
	if (str->len >= PYMM_NAME_MAX)
		return -ENAMETOOLONG;
	if (!pymm_str_obj_is_identifier(o))
		return -EINVAL;
	n->s = str->data;
	n->len = str->len;
	n->hash = pymm_str_hash(o);
	n->key = o;
	return 0;
}

int pymm_name_arg(struct pymm_opctx *x, struct pymm_name *n)
{
	int slot = name_id_slot(x->op->code);
	u32 len = x->in_len;
	const char *s = x->buf;

	if (slot >= 0)
		return name_from_id(x, slot, n);
	if (len && !s[len - 1])
		len--;
	if (len >= PYMM_NAME_MAX)
		return -ENAMETOOLONG;
	if (!pymm_str_is_identifier(s, len))
		return -EINVAL;
	n->s = s;
	n->len = len;
	n->hash = pymm_hash_bytes(s, len);
	n->key = NULL;
	return 0;
}

struct pymm_object *pymm_name_key(struct pymm_heap *h, const struct pymm_name *n, int *err)
{
	if (n->key)
		return pymm_obj_incref(n->key);
	return pymm_str_new(h, n->s, n->len, err);
}

static struct pymm_object *local_ns(struct pymm_client *c)
{
	return c->depth ? c->frames[c->depth - 1].locals : c->heap->globals;
}

static struct pymm_object *target_ns(struct pymm_opctx *x)
{
	return (x->op->flags & PYMM_OPF_LOCAL) ? local_ns(x->c) : x->h->globals;
}

/* NAME_INTERN: the name ID for data's identifier (the heap's interned str) */
int pymm_name_intern(struct pymm_opctx *x)
{
	struct pymm_object *o;
	struct pymm_name n;
	int err;

	err = pymm_name_arg(x, &n);
	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	o = pymm_name_key(x->h, &n, &err);
	return o ? pymm_ret_handle(x, o) : err;
}

int pymm_name_bind(struct pymm_opctx *x)
{
	struct pymm_object *o, *key;
	struct pymm_name n;
	int err;

	err = pymm_name_arg(x, &n);
	if (err)
		return err;
	err = pymm_handle_get(x->c, x->op->arg[0], &o);
	if (err)
		return err;
	key = pymm_name_key(x->h, &n, &err);
	if (!key)
		return err;
	err = pymm_dict_set(x->h, target_ns(x), key, o);
	pymm_obj_decref(x->h, key);
	return err;
}

/* LOAD_NAME's search: the frame's locals, then (unless local) the globals */
static struct pymm_dict_entry *name_find(struct pymm_opctx *x, const struct pymm_name *n)
{
	struct pymm_dict_entry *e = NULL;

	if (x->c->depth)
		e = pymm_dict_find_name(local_ns(x->c), n->s, n->len, n->hash);
	if (!e && !(x->op->flags & PYMM_OPF_LOCAL && x->c->depth))
		e = pymm_dict_find_name(x->h->globals, n->s, n->len, n->hash);
	return e;
}

int pymm_name_lookup(struct pymm_opctx *x)
{
	struct pymm_dict_entry *e = NULL;
	struct pymm_name n;
	int err;

	err = pymm_name_arg(x, &n);
	if (err)
		return err;
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	e = name_find(x, &n);
	if (!e) {
		x->op->exc = PYMM_EXC_NAME_ERROR;
		return -ENOENT;
	}
	return pymm_ret_handle(x, pymm_obj_incref(e->value));
}

/*
 * NAME_INPLACE_ID: `name op= b` when the name's value and b are ints, in
 * one op instead of a lookup, a BINOP, a bind and two CLOSEs.  The objects
 * are the general path's: the same pymm_int_new() (small ints shared), the
 * result bound as STORE_NAME binds it, the old value dropped by the bind.
 * Whatever this does not do it refuses before changing anything, and the
 * client runs the general path, which raises what CPython raises.
 */
int pymm_name_inplace(struct pymm_opctx *x)
{
	struct pymm_dict_entry *e = NULL;
	struct pymm_object *b, *o, *key;
	u64 kind = x->op->arg[2];
	struct pymm_name n;
	s64 r;
	int err;

	pymm_lockdep_assert_held(&x->h->lock);
	if (kind < PYMM_BIN_ADD || kind >= PYMM_BIN_MAX)
		return -EINVAL;
	err = name_from_id(x, 1, &n);
	if (!err)
		err = pymm_handle_get(x->c, x->op->arg[0], &b);
	if (err)
		return err;
	e = name_find(x, &n);
	if (!e)
		return -ENOENT;
	if (e->value->type != PYMM_T_INT || b->type != PYMM_T_INT)
		return -EAGAIN;
	err = pymm_int_arith((u32)kind, ((struct pymm_int *)e->value)->value,
			     ((struct pymm_int *)b)->value, &r);
	if (err)
		return err;
	o = pymm_int_new(x->h, r, &err);
	if (!o)
		return err;
	key = pymm_name_key(x->h, &n, &err);
	if (key) {
		err = pymm_dict_set(x->h, target_ns(x), key, o);
		pymm_obj_decref(x->h, key);
	}
	pymm_obj_decref(x->h, o);
	return err;
}

int pymm_name_del(struct pymm_opctx *x)
{
	struct pymm_object *ns = target_ns(x);
	struct pymm_dict_entry *e;
	struct pymm_name n;
	int err;

	err = pymm_name_arg(x, &n);
	if (err)
		return err;
	e = pymm_dict_find_name(ns, n.s, n.len, n.hash);
	if (!e) {
		x->op->exc = PYMM_EXC_NAME_ERROR;
		return -ENOENT;
	}
	return pymm_dict_del(x->h, ns, e->key);
}

bool pymm_ns_next(struct pymm_object *ns, u32 *pos, struct pymm_str **name,
		  struct pymm_object **value)
{
	struct pymm_object *k;

	while (pymm_dict_next(ns, pos, &k, value)) {
		if (k->type == PYMM_T_STR) {
			*name = pymm_as_str(k);
			return true;
		}
	}
	return false;
}

int pymm_name_list(struct pymm_opctx *x)
{
	struct pymm_object *ns = target_ns(x), *v;
	struct pymm_str *name;
	u32 pos = 0, seen = 0, need = 0, n = 0;
	char *out = x->buf;
	int err;

	/* every entry walked is a step, those skipped (not a str) too */
	while (pymm_ns_next(ns, &pos, &name, &v)) {
		err = pymm_work(x->h, pos - seen);
		if (err)
			return err;
		seen = pos;
		if (need + name->len + 1 <= x->out_cap)
			memcpy(out + need, name->data, name->len + 1);
		need += name->len + 1;
		n++;
	}
	x->op->ret[0] = n;
	x->op->data_len = need;
	if (need > x->out_cap) {
		x->op->out_flags |= PYMM_OUTF_TRUNC;
		return -ENOSPC;
	}
	return 0;
}
