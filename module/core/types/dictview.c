// SPDX-License-Identifier: GPL-2.0
/*
 * dictview.c - d.keys(), d.values(), d.items(): dictobject.c's
 * _PyDictView_New.  A view is a GC object tracked from birth that holds
 * one reference to its dict and nothing else, so it always shows the
 * dict as it is now; its length is the dict's, and iterating it makes the
 * dict's own iterator (dict_keyiterator, dict_valueiterator,
 * dict_itemiterator: types/iter.c), which holds the dict, not the view.
 * One type code, the kind (PYMM_VIEW_*) in the object; the tool names it
 * dict_keys, dict_values or dict_items.
 */
#include "../heap.h"
#include "../dictview.h"

struct pymm_dictview {
	struct pymm_object ob;
	struct pymm_object *dict;	/* dv_dict, counted; NULL after clear */
	u32 kind;			/* PYMM_VIEW_* */
	u32 reserved;
};

static inline struct pymm_dictview *as_view(struct pymm_object *o)
{
	return (struct pymm_dictview *)o;
}

/* dictview_traverse: the dict */
static int view_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	return as_view(o)->dict ? visit(as_view(o)->dict, arg) : 0;
}

static void view_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_object *d = as_view(o)->dict;

	as_view(o)->dict = NULL;
	pymm_obj_xdecref(h, d);
}

static struct pymm_object *view_release(struct pymm_object *o)
{
	struct pymm_object *d = as_view(o)->dict;

	as_view(o)->dict = NULL;
	return d;
}

/* dict_keys and dict_items are set-like, unhashable; dict_values is object's */
static int view_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	if (as_view(o)->kind != PYMM_VIEW_VALUES)
		return -EINVAL;
	return pymm_obj_identity_hash(h, o, out);
}

const struct pymm_typeobj pymm_dictview_type = {
	.name = "dict_view",
	.code = PYMM_T_DICTVIEW,
	.is_gc = 1,
	.traverse = view_traverse,
	.clear = view_clear,
	.release = view_release,
	.hash = view_hash,
};

struct pymm_object *pymm_dictview_dict(struct pymm_object *view)
{
	return as_view(view)->dict;
}

u32 pymm_dictview_kind(const struct pymm_object *view)
{
	return ((const struct pymm_dictview *)view)->kind;
}

/* arg0 = dict, arg1 = PYMM_VIEW_* -> h; arg0 = a view, arg1 = 0 -> its dict */
int pymm_dictview_new_op(struct pymm_opctx *x)
{
	struct pymm_object *d, *o;
	int err = pymm_handle_get(x->c, x->op->arg[0], &d);

	if (err)
		return err;
	if (d->type == PYMM_T_DICTVIEW && !x->op->arg[1]) {
		err = pymm_handle_reserve(x->c, 1);
		if (err)
			return err;
		if (!as_view(d)->dict)
			return -ENOENT;
		return pymm_ret_handle(x, pymm_obj_incref(as_view(d)->dict));
	}
	if (d->type != PYMM_T_DICT) {
		x->op->exc = PYMM_EXC_TYPE_ERROR;
		return -EINVAL;
	}
	if (x->op->arg[1] < PYMM_VIEW_KEYS || x->op->arg[1] > PYMM_VIEW_ITEMS)
		return -EINVAL;
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	o = pymm_obj_alloc(x->h, PYMM_T_DICTVIEW, sizeof(struct pymm_dictview), &err);
	if (!o)
		return err;
	as_view(o)->dict = pymm_obj_incref(d);
	as_view(o)->kind = (u32)x->op->arg[1];
	pymm_gc_track(x->h, o);
	x->op->ret[1] = as_view(o)->kind;
	return pymm_ret_handle(x, o);
}
