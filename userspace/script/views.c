// SPDX-License-Identifier: GPL-2.0
/*
 * views.c - d.keys(), d.values(), d.items() as the view objects CPython
 * 3.11 returns (PYMM_OP_NEW_DICTVIEW, core types/dictview.c): each holds
 * its dict, so it shows the dict as it is at every use; iterating one
 * walks the dict through the dict's own iterator (a dict that changes
 * size meanwhile raises RuntimeError); len, `in`, repr as CPython's.
 * The set operators and comparisons of keys and items views are refused:
 * pymm does not make them set-like yet.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

static const char *const view_names[] = {
	[PYMM_VIEW_KEYS] = "dict_keys",
	[PYMM_VIEW_VALUES] = "dict_values",
	[PYMM_VIEW_ITEMS] = "dict_items",
};

/* the view's PYMM_VIEW_* kind, 0 if h is no view, -1 error raised */
int view_kind(struct interp *I, uint64_t h)
{
	struct objinfo oi;

	if (obj_read(I, h, &oi))
		return -1;
	free(oi.s);
	return oi.type == PYMM_T_DICTVIEW ? (int)oi.i2 : 0;
}

const char *view_type_name(int kind)
{
	return kind >= PYMM_VIEW_KEYS && kind <= PYMM_VIEW_ITEMS ? view_names[kind] : "dict_view";
}

/* dict.keys(), dict.values(), dict.items() */
int m_view(BI_ARGS)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_NEW_DICTVIEW);
	op.arg[0] = self->h;
	op.arg[1] = !strcmp(b->name, "keys") ? PYMM_VIEW_KEYS :
		    !strcmp(b->name, "values") ? PYMM_VIEW_VALUES : PYMM_VIEW_ITEMS;
	if (op1_raise(I, &op))
		return -1;
	*out = vobj(op.ret[0], true);
	return 0;
}

/* dict_keys([1, 2]), dict_items([(1, 2)]) */
int view_repr(struct interp *I, uint64_t h, struct strbuf *b)
{
	struct value v = vobj(h, false), item;
	uint64_t *hs;
	uint32_t n, i;
	int kind = view_kind(I, h), err = 0;

	if (kind < 0 || iter_collect(I, &v, &hs, &n))
		return -1;
	sb_addf(b, "%s([", view_type_name(kind));
	for (i = 0; i < n && !err; i++) {
		if (i)
			sb_adds(b, ", ");
		item = vobj(hs[i], false);
		err = value_repr(I, &item, b, false);
	}
	sb_adds(b, "])");
	close_many(I, hs, n);
	free(hs);
	return err;
}

static int view_dict(struct interp *I, uint64_t view, struct value *out)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_NEW_DICTVIEW);
	op.arg[0] = view;
	if (op1_raise(I, &op))
		return -1;
	*out = vobj(op.ret[0], true);
	return 0;
}

/* x in view: a key lookup (keys), key and value (items), or == along the values */
int view_contains(struct interp *I, uint64_t h, const struct value *item, bool *res)
{
	struct value d, v = vobj(h, false);
	int kind = view_kind(I, h), err = 0;

	*res = false;
	if (kind < 0)
		return -1;
	if (kind == PYMM_VIEW_VALUES)
		return iter_contains(I, &v, item, res);
	if (view_dict(I, h, &d))
		return -1;
	if (kind == PYMM_VIEW_KEYS) {
		err = compare(I, CMP_IN, item, &d, res);
	} else {
		/* dictitems_contains: a 2-tuple whose key is there with an equal value */
		uint64_t *kv;
		uint32_t n, t = 0;

		if (obj_type(I, item->h, &t))
			err = -1;
		else if (t == PYMM_T_TUPLE && !obj_items(I, item->h, &kv, &n)) {
			bool present = false;

			if (n == 2) {
				struct value key = vobj(kv[0], false), want = vobj(kv[1], false), val;

				err = compare(I, CMP_IN, &key, &d, &present);
				if (!err && present)
					err = getitem(I, d.h, kv[0], &val);
				if (!err && present) {
					err = compare(I, CMP_EQ, &val, &want, res);
					vrelease(I, &val);
				}
			}
			close_many(I, kv, n);
			free(kv);
		} else if (t == PYMM_T_TUPLE) {
			err = -1;
		}
	}
	vrelease(I, &d);
	return err;
}

/*
 * The set operators and ordering of keys and items views (they are
 * set-like in CPython): refused.  1: neither operand is such a view.
 */
int view_refuse_setlike(struct interp *I, const char *what, const struct value *a,
			const struct value *b)
{
	int ka = a->kind == V_OBJ ? view_kind(I, a->h) : 0;
	int kb = b->kind == V_OBJ ? view_kind(I, b->h) : 0;

	if (ka < 0 || kb < 0)
		return -1;
	if ((ka && ka != PYMM_VIEW_VALUES) || (kb && kb != PYMM_VIEW_VALUES))
		return raise_exc(I, EX_NOT_IMPLEMENTED, "%s of %s views is not supported by pymm",
				 what, view_type_name(ka && ka != PYMM_VIEW_VALUES ? ka : kb));
	return 1;
}
