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
 */
#include "heap.h"

int pymm_name_arg(struct pymm_opctx *x, const char **s, u32 *len)
{
	u32 n = x->in_len;

	*s = x->buf;
	if (n && !(*s)[n - 1])
		n--;
	if (n >= PYMM_NAME_MAX)
		return -ENAMETOOLONG;
	if (!pymm_str_is_identifier(*s, n))
		return -EINVAL;
	*len = n;
	return 0;
}

static struct pymm_object *local_ns(struct pymm_client *c)
{
	return c->depth ? c->frames[c->depth - 1].locals : c->heap->globals;
}

static struct pymm_object *target_ns(struct pymm_opctx *x)
{
	return (x->op->flags & PYMM_OPF_LOCAL) ? local_ns(x->c) : x->h->globals;
}

int pymm_name_bind(struct pymm_opctx *x)
{
	struct pymm_object *o, *key;
	const char *s;
	u32 len;
	int err;

	err = pymm_name_arg(x, &s, &len);
	if (err)
		return err;
	err = pymm_handle_get(x->c, x->op->arg[0], &o);
	if (err)
		return err;
	key = pymm_str_new(x->h, s, len, &err);
	if (!key)
		return err;
	err = pymm_dict_set(x->h, target_ns(x), key, o);
	pymm_obj_decref(x->h, key);
	return err;
}

int pymm_name_lookup(struct pymm_opctx *x)
{
	struct pymm_dict_entry *e = NULL;
	const char *s;
	s64 hash;
	u32 len;
	int err;

	err = pymm_name_arg(x, &s, &len);
	if (err)
		return err;
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	hash = pymm_hash_bytes(s, len);
	if (x->c->depth)
		e = pymm_dict_find_name(local_ns(x->c), s, len, hash);
	if (!e && !(x->op->flags & PYMM_OPF_LOCAL && x->c->depth))
		e = pymm_dict_find_name(x->h->globals, s, len, hash);
	if (!e) {
		x->op->exc = PYMM_EXC_NAME_ERROR;
		return -ENOENT;
	}
	return pymm_ret_handle(x, pymm_obj_incref(e->value));
}

int pymm_name_del(struct pymm_opctx *x)
{
	struct pymm_object *ns = target_ns(x);
	struct pymm_dict_entry *e;
	const char *s;
	u32 len;
	int err;

	err = pymm_name_arg(x, &s, &len);
	if (err)
		return err;
	e = pymm_dict_find_name(ns, s, len, pymm_hash_bytes(s, len));
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
