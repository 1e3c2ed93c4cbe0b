// SPDX-License-Identifier: GPL-2.0
/*
 * descr.c - property, staticmethod and classmethod, as CPython 3.11's
 * descrobject.c and funcobject.c make them: GC-tracked objects holding
 * their functions, stored in a class dict, applied by attribute lookup
 * (types/type.c: a property is a data descriptor and wins over the
 * instance's values; staticmethod and classmethod are non-data
 * descriptors, found after them).
 *
 *   property       traverses fget, fset, fdel, doc, prop_name (3.11's
 *                  property_traverse); its tp_clear clears only the doc;
 *                  deallocation in the same order.  `@x.setter` makes a new
 *                  property (property_copy), which the client asks for with
 *                  the old one's functions (PYMM_OP_DESCR_GET).
 *   staticmethod,  sm_callable and sm_dict, traversed and cleared in that
 *   classmethod    order.  3.10's sm_init/cm_init copy the function's
 *                  __module__, __name__, __qualname__, __doc__ and
 *                  __annotations__ into that dict (functools_wraps), so
 *                  the dict exists from birth and holds a new empty
 *                  annotations dict.
 *
 * The kernel cannot run a property's functions: GETATTR, LOAD_METHOD,
 * SETATTR and DELATTR hand the function back with PYMM_ATTR_PROPERTY and
 * the client calls it (docs/objects.md, "Descriptors").
 */
#include "../heap.h"
#include "../descr.h"

static int descr_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_descr *d = (struct pymm_descr *)o;
	struct pymm_object *const f[] = { d->fget, d->fset, d->fdel, d->doc, d->name, d->dict };

	if (d->kind == PYMM_DESCR_MEMBER)	/* descr_traverse: d_type only */
		return d->type ? visit(d->type, arg) : 0;
	return pymm_visit_fields(f, ARRAY_SIZE(f), visit, arg);
}

/* a member's d_name: referenced, not visited by CPython (verify counts it) */
static int descr_traverse_extra(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_descr *d = (struct pymm_descr *)o;

	return d->kind == PYMM_DESCR_MEMBER && d->name ? visit(d->name, arg) : 0;
}

/* property_clear: the doc only; sm_clear / cm_clear: callable, dict; a member none */
static void descr_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_descr *d = (struct pymm_descr *)o;
	struct pymm_object *a = NULL, *b = NULL;

	if (d->kind == PYMM_DESCR_MEMBER)
		return;
	if (d->kind == PYMM_DESCR_PROPERTY) {
		a = d->doc;
		d->doc = NULL;
	} else {
		a = d->fget;
		b = d->dict;
		d->fget = NULL;
		d->dict = NULL;
	}
	pymm_obj_xdecref(h, a);
	pymm_obj_xdecref(h, b);
}

/* deallocation: one field at a time, in traversal order */
static struct pymm_object *descr_release(struct pymm_object *o)
{
	struct pymm_descr *d = (struct pymm_descr *)o;
	struct pymm_object **const f[] = { &d->type, &d->fget, &d->fset, &d->fdel, &d->doc,
					   &d->name, &d->dict };

	return pymm_release_fields(f, ARRAY_SIZE(f), &d->release_pos);
}

const struct pymm_typeobj pymm_descr_type = {
	.name = "descriptor",
	.code = PYMM_T_DESCR,
	.is_gc = 1,
	.traverse = descr_traverse,
	.traverse_extra = descr_traverse_extra,
	.clear = descr_clear,
	.release = descr_release,
	.hash = pymm_obj_identity_hash,
};

void pymm_descr_set_name(struct pymm_heap *h, struct pymm_object *o, struct pymm_object *name)
{
	struct pymm_descr *d = (struct pymm_descr *)o;
	struct pymm_object *old = d->name;

	d->name = pymm_obj_incref(name);
	pymm_obj_xdecref(h, old);
}

static int dict_put(struct pymm_heap *h, struct pymm_object *d, const char *k,
		    struct pymm_object *v)
{
	struct pymm_object *key;
	int err;

	if (!v)
		return -ENOMEM;
	key = pymm_ident_new(h, k, strlen(k), &err);
	if (!key)
		return err;
	err = pymm_dict_set(h, d, key, v);
	pymm_obj_decref(h, key);
	return err;
}

/*
 * functools_wraps(sm, func): __module__, __name__, __qualname__, __doc__,
 * __annotations__ (a new empty dict, which CPython also stores on the
 * function).  pymm functions keep no qualname: __name__ stands for it.
 */
static struct pymm_object *wraps_dict(struct pymm_heap *h, struct pymm_object *func, int *err)
{
	struct pymm_object *d = pymm_dict_new(h, err), *mod, *ann;
	struct pymm_object *name = ((struct pymm_function *)func)->name;

	if (!d)
		return NULL;
	mod = pymm_ident_new(h, "__main__", 8, err);
	*err = dict_put(h, d, "__module__", mod);
	pymm_obj_xdecref(h, mod);
	if (!*err)
		*err = dict_put(h, d, "__name__", name);
	if (!*err)
		*err = dict_put(h, d, "__qualname__", name);
	if (!*err)
		*err = dict_put(h, d, "__doc__", h->none);
	if (!*err) {
		ann = pymm_dict_new(h, err);
		*err = dict_put(h, d, "__annotations__", ann);
		pymm_obj_xdecref(h, ann);
	}
	if (*err) {
		pymm_obj_decref(h, d);
		return NULL;
	}
	return d;
}

static struct pymm_object *descr_new(struct pymm_heap *h, u32 kind, struct pymm_object *const f[3],
				     int *err)
{
	struct pymm_descr *d;
	struct pymm_object *o, *dict = NULL;

	if (kind != PYMM_DESCR_PROPERTY) {
		dict = wraps_dict(h, f[0], err);
		if (!dict)
			return NULL;
	}
	o = pymm_obj_alloc(h, PYMM_T_DESCR, sizeof(*d), err);
	if (!o) {
		pymm_obj_xdecref(h, dict);
		return NULL;
	}
	d = (struct pymm_descr *)o;
	d->kind = kind;
	d->fget = f[0] ? pymm_obj_incref(f[0]) : NULL;
	d->fset = f[1] ? pymm_obj_incref(f[1]) : NULL;
	d->fdel = f[2] ? pymm_obj_incref(f[2]) : NULL;
	d->dict = dict;
	/* property_init: doc = fget.__doc__, None for pymm's functions */
	if (kind == PYMM_DESCR_PROPERTY)
		d->doc = pymm_obj_incref(h->none);
	pymm_gc_track(h, o);
	return o;
}

struct pymm_object *pymm_member_new(struct pymm_heap *h, struct pymm_object *type,
				    struct pymm_object *name, int *err)
{
	struct pymm_descr *d;
	struct pymm_object *o = pymm_obj_alloc(h, PYMM_T_DESCR, sizeof(*d), err);

	if (!o)
		return NULL;
	d = (struct pymm_descr *)o;
	d->kind = PYMM_DESCR_MEMBER;
	d->type = pymm_obj_incref(type);
	d->name = pymm_obj_incref(name);
	pymm_gc_track(h, o);
	return o;
}

/* arg0 = kind, arg1..3 = fget/fset/fdel (property) or the function */
static int op_new_descr(struct pymm_opctx *x)
{
	struct pymm_object *f[3] = { NULL, NULL, NULL }, *o;
	u32 kind = (u32)x->op->arg[0], i;
	int err;

	if (x->op->arg[0] < PYMM_DESCR_PROPERTY || x->op->arg[0] > PYMM_DESCR_CLASSMETHOD)
		return -EINVAL;
	for (i = 0; i < 3; i++) {
		if (!x->op->arg[i + 1])
			continue;
		err = pymm_handle_get(x->c, x->op->arg[i + 1], &f[i]);
		if (err)
			return err;
		if (f[i] == x->h->none)
			f[i] = NULL;	/* property(None, f): no getter */
		else if (f[i]->type != PYMM_T_FUNCTION)
			return -EOPNOTSUPP;	/* only functions: pymm calls nothing else */
	}
	if (kind != PYMM_DESCR_PROPERTY && (!f[0] || f[1] || f[2]))
		return -EINVAL;
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	o = descr_new(x->h, kind, f, &err);
	return o ? pymm_ret_handle(x, o) : err;
}

/* arg0 = descriptor, arg1 = PYMM_DESCR_F_* -> h (None: unset); ret1 = kind */
static int op_descr_get(struct pymm_opctx *x)
{
	struct pymm_object *o, *v;
	struct pymm_descr *d;
	int err = pymm_handle_get(x->c, x->op->arg[0], &o);

	if (err)
		return err;
	if (o->type != PYMM_T_DESCR) {
		x->op->exc = PYMM_EXC_TYPE_ERROR;
		return -EINVAL;
	}
	d = (struct pymm_descr *)o;
	switch (x->op->arg[1]) {
	case PYMM_DESCR_F_GET:
		v = d->fget;
		break;
	case PYMM_DESCR_F_SET:
		v = d->fset;
		break;
	case PYMM_DESCR_F_DEL:
		v = d->fdel;
		break;
	case PYMM_DESCR_F_DOC:
		v = d->doc;
		break;
	case PYMM_DESCR_F_NAME:
		v = d->name;
		break;
	default:
		return -EINVAL;
	}
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	x->op->ret[1] = d->kind;
	return pymm_ret_handle(x, pymm_obj_incref(v ? v : x->h->none));
}

int pymm_descr_op(struct pymm_opctx *x)
{
	switch (x->op->code) {
	case PYMM_OP_NEW_DESCR:
		return op_new_descr(x);
	case PYMM_OP_DESCR_GET:
		return op_descr_get(x);
	default:
		return -EINVAL;
	}
}
