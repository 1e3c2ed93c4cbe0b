// SPDX-License-Identifier: GPL-2.0
/*
 * subobj.c - `class Stack(list)` and `class Registry(dict)`: the heap's
 * static `list` and `dict` types a class statement may name as a base,
 * and the instances of such classes (subobj.h says what they are).
 *
 * The static types are as the heap's `object` (type.c): CPython's
 * PyList_Type and PyDict_Type are statically allocated and no GC objects,
 * so ours are internal roots, immortal and untracked, with no dict (their
 * methods are the interpreter's, not heap objects), `object` as their
 * base, and their MRO (type, object) read from that base (type.c).
 *
 * Locking: the heap's mutex (heap.h).
 */
#include "../heap.h"

#define BTYPE_NAME_(code, name)	name,
static const char *const base_names[PYMM_BASE_NTYPES] = { PYMM_BTYPES(BTYPE_NAME_) };
#undef BTYPE_NAME_

/*
 * The heap's static builtin type which (PYMM_BTYPE_*), borrowed: `list`
 * and `dict` (PYMM_BTYPE_LIST/DICT = PYMM_LAYOUT_LIST/DICT) are class
 * bases; the others (int, str, NoneType ...) are what a script stores when
 * it keeps a builtin type in a name or a container.  Their methods are the
 * interpreter's: here they are a name, `object` as base and an identity.
 */
struct pymm_object *pymm_type_base(struct pymm_heap *h, u32 which, int *err)
{
	struct pymm_object *object, *o, **slot;
	struct pymm_class *c;
	const char *name;

	if (!which || which >= PYMM_BTYPE_MAX) {
		*err = -EINVAL;
		return NULL;
	}
	slot = &h->base_types[which - 1];
	if (*slot)
		return *slot;
	object = pymm_type_object(h, err);
	if (!object)
		return NULL;
	o = pymm_obj_alloc(h, PYMM_T_CLASS, sizeof(*c), err);
	if (!o)
		return NULL;
	c = (struct pymm_class *)o;
	name = base_names[which - 1];
	c->name = pymm_ident_new(h, name, strlen(name), err);
	if (!c->name) {
		pymm_obj_decref(h, o);
		return NULL;
	}
	c->base = pymm_obj_incref(object);
	c->layout = which <= PYMM_LAYOUT_DICT ? (u8)which : PYMM_LAYOUT_OBJECT;
	if (which == PYMM_BTYPE_TUPLE)
		c->layout = PYMM_LAYOUT_TUPLE;
	/* never tracked, as `object`: a static type is no GC object */
	o->flags |= PYMM_OF_IMMORTAL;
	/*
	 * ... nor a GC allocation: storing `int` must not move gc.get_count().
	 * (list and dict keep the count they always had: class bases.)
	 */
	if (which > PYMM_BTYPE_DICT)
		pymm_gc_on_free(h);
	*slot = o;
	return o;
}

/* is o one of the heap's static types (object, list, dict, the exceptions)? */
bool pymm_type_is_static(struct pymm_heap *h, const struct pymm_object *o)
{
	return o && (o == h->object_type || o == h->base_types[0] || o == h->base_types[1] ||
		     o == h->base_types[PYMM_BTYPE_TUPLE - 1] ||
		     (o->type == PYMM_T_CLASS && ((const struct pymm_class *)o)->static_type));
}

/*
 * An instance of cls, whose layout is a list or a dict: tracked at once,
 * as PyType_GenericAlloc does (3.11 untracks neither later: untrack_dicts
 * only looks at exact dicts).
 */
struct pymm_object *pymm_subobj_new(struct pymm_heap *h, struct pymm_object *cls, int *err)
{
	u8 layout = ((struct pymm_class *)cls)->layout;
	struct pymm_object *o;
	struct pymm_subext *x;

	if (layout == PYMM_LAYOUT_TUPLE)
		return pymm_tuple_sub_new(h, cls, NULL, 0, err);
	/* list() / dict() of the static type itself: a plain one */
	if (pymm_type_is_static(h, cls))
		return layout == PYMM_LAYOUT_LIST ? pymm_list_new(h, NULL, 0, err) :
						    pymm_dict_new(h, err);
	if (layout == PYMM_LAYOUT_LIST)
		o = pymm_obj_alloc(h, PYMM_T_LIST, sizeof(struct pymm_list_sub), err);
	else
		o = pymm_obj_alloc(h, PYMM_T_DICT, sizeof(struct pymm_dict_sub), err);
	if (!o)
		return NULL;
	x = pymm_subext(o);
	x->cls = pymm_obj_incref(cls);
	pymm_gc_track(h, o);
	return o;
}

/* subtype_traverse: the __dict__, then the type (the base's part follows) */
int pymm_sub_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_subext *x = pymm_subext(o);
	int r;

	if (!x)
		return 0;
	if (x->dict) {
		r = visit(x->dict, arg);
		if (r)
			return r;
	}
	return x->cls ? visit(x->cls, arg) : 0;
}

/* subtype_clear: the __dict__ (the base's part follows); never the type */
void pymm_sub_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_subext *x = pymm_subext(o);
	struct pymm_object *d;

	if (!x || !x->dict)
		return;
	d = x->dict;
	x->dict = NULL;
	pymm_obj_decref(h, d);
}

/*
 * subtype_dealloc, one reference per call: the __dict__ first; once the
 * base's deallocator has nothing left (base_done), the type.
 */
struct pymm_object *pymm_sub_release(struct pymm_object *o, bool base_done)
{
	struct pymm_subext *x = pymm_subext(o);
	struct pymm_object *r;

	if (!x)
		return NULL;
	if (x->release_pos == 0) {
		x->release_pos = 1;
		r = x->dict;
		x->dict = NULL;
		if (r)
			return r;
	}
	if (!base_done || x->release_pos != 1)
		return NULL;
	x->release_pos = 2;
	r = x->cls;
	x->cls = NULL;
	return r;
}

/* obj.name = v (v NULL: del) into the __dict__, made at the first store */
int pymm_sub_store(struct pymm_heap *h, struct pymm_object *o, const char *s, u32 len,
		   struct pymm_object *v)
{
	struct pymm_subext *x = pymm_subext(o);
	struct pymm_object *key;
	int err;

	if (!v) {
		struct pymm_dict_entry *e = x->dict ?
			pymm_dict_find_name(x->dict, s, len, pymm_hash_bytes(s, len)) : NULL;

		return e ? pymm_dict_del(h, x->dict, e->key) : -ENOENT;
	}
	key = pymm_str_new(h, s, len, &err);
	if (!key)
		return err;
	if (!x->dict) {
		x->dict = pymm_dict_new(h, &err);
		if (!x->dict) {
			pymm_obj_decref(h, key);
			return err;
		}
	}
	/* a fresh empty dict left behind by a failed set is harmless */
	err = pymm_dict_set(h, x->dict, key, v);
	pymm_obj_decref(h, key);
	return err;
}

/* obj.__dict__: made now if it was not */
int pymm_sub_dict(struct pymm_heap *h, struct pymm_object *o, struct pymm_object **out)
{
	struct pymm_subext *x = pymm_subext(o);
	int err;

	if (!x->dict) {
		x->dict = pymm_dict_new(h, &err);
		if (!x->dict)
			return err;
	}
	*out = pymm_obj_incref(x->dict);
	return 0;
}

/* PYMM_OP_TUPLE_SUB_NEW: tuple.__new__(cls, items), items a tuple or a list */
int pymm_tuple_sub_op(struct pymm_opctx *x)
{
	struct pymm_object *cls, *src, *o;
	int err;

	err = pymm_handle_get(x->c, x->op->arg[0], &cls);
	if (!err)
		err = pymm_handle_get(x->c, x->op->arg[1], &src);
	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	if (cls->type != PYMM_T_CLASS || ((struct pymm_class *)cls)->layout != PYMM_LAYOUT_TUPLE)
		return -EINVAL;
	if (src->type == PYMM_T_TUPLE)
		o = pymm_tuple_sub_new(x->h, cls, ((struct pymm_tuple *)src)->items,
				       ((struct pymm_tuple *)src)->len, &err);
	else if (src->type == PYMM_T_LIST)
		o = pymm_tuple_sub_new(x->h, cls, ((struct pymm_list *)src)->items,
				       ((struct pymm_list *)src)->len, &err);
	else
		return -EINVAL;
	return o ? pymm_ret_handle(x, o) : err;
}

/*
 * Has o a __dict__ (false: a tuple subclass whose MRO has
 * `__slots__ = ()` in every class down to tuple, as a namedtuple's)?
 */
bool pymm_sub_has_dict(const struct pymm_object *o)
{
	const struct pymm_subext *x = pymm_subext(o);
	const struct pymm_tuple *mro;
	u32 i;

	if (!x || o->type != PYMM_T_TUPLE)
		return x != NULL;
	mro = (const struct pymm_tuple *)((struct pymm_class *)x->cls)->mro;
	for (i = 0; mro && i < mro->len; i++) {
		const struct pymm_class *c = (const struct pymm_class *)mro->items[i];

		/* a static type (tuple, object) has no class dict */
		if (c->dict && !c->slots)
			return true;
	}
	return false;
}
