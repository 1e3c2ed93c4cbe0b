// SPDX-License-Identifier: GPL-2.0
/*
 * class.c - the type object of a user class, as CPython 3.11's heap types
 * (struct pymm_class, object.h): traversal, clear and deallocation in the
 * orders of typeobject.c's type_traverse, type_clear and type_dealloc.
 * Building one (type_new, the C3 MRO) is in type.c.
 *
 * A class may still carry the script language's older finalizer: a str
 * that __del__ prints (object.c, pymm_obj_finalize).
 */
#include "../heap.h"

/* type_traverse: tp_dict, tp_mro, tp_bases, tp_base (names are not visited) */
static int class_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_class *c = (struct pymm_class *)o;
	struct pymm_object *const refs[] = { c->dict, c->mro, c->bases, c->base };
	unsigned int i;
	int r;

	for (i = 0; i < ARRAY_SIZE(refs); i++) {
		if (!refs[i])
			continue;
		r = visit(refs[i], arg);
		if (r)
			return r;
	}
	return 0;
}

/* what type_traverse leaves out: strings, which cannot be in a cycle */
static int class_traverse_extra(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_class *c = (struct pymm_class *)o;
	unsigned int i;
	int r = 0;

	if (c->name)
		r = visit(c->name, arg);
	if (!r && c->qualname)
		r = visit(c->qualname, arg);
	if (!r && c->finalizer)
		r = visit(c->finalizer, arg);
	for (i = 0; !r && i < c->nkeys; i++)
		r = visit(c->keys[i], arg);
	return r;
}

/*
 * type_clear: the dict's contents and tp_mro.  The dict object stays (so
 * do the shared keys: instances still alive read them at deallocation).
 */
static void class_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_class *c = (struct pymm_class *)o;
	struct pymm_object *mro = c->mro;

	if (c->dict)
		pymm_dict_type.clear(h, c->dict);
	c->mro = NULL;
	pymm_obj_xdecref(h, mro);
}

/* type_dealloc: tp_base, tp_dict, tp_bases, tp_mro, ht_name, ht_qualname, the keys */
static struct pymm_object *class_release(struct pymm_object *o)
{
	struct pymm_class *c = (struct pymm_class *)o;
	struct pymm_object **const slots[] = { &c->base, &c->dict, &c->bases, &c->mro,
					       &c->name, &c->qualname, &c->finalizer };
	struct pymm_object *r = NULL;

	while (!r && c->release_pos < ARRAY_SIZE(slots)) {
		r = *slots[c->release_pos];
		*slots[c->release_pos++] = NULL;
	}
	while (!r && c->nkeys) {
		r = c->keys[--c->nkeys];
		c->keys[c->nkeys] = NULL;
	}
	return r;
}

static int ident_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	u64 id = pymm_obj_id(h, o);

	/* as _Py_HashPointer: rotate the low bits away */
	*out = (s64)((id >> 4) | (id << 60));
	if (*out == -1)
		*out = -2;
	return 0;
}

const struct pymm_typeobj pymm_class_type = {
	.name = "type",
	.code = PYMM_T_CLASS,
	.is_gc = 1,
	.weaklist_off = offsetof(struct pymm_class, weaklist),
	.traverse = class_traverse,
	.traverse_extra = class_traverse_extra,
	.clear = class_clear,
	.release = class_release,
	.hash = ident_hash,
};

/* identity hash shared by instances, functions, classes and descriptors */
int pymm_obj_identity_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	return ident_hash(h, o, out);
}

/* a class with no body and no bases (PYMM_OP_NEW_CLASS, the old op) */
struct pymm_object *pymm_class_new(struct pymm_heap *h, const char *name, u32 name_len,
				   const char *fin, u32 fin_len, int *err)
{
	u32 cerr = 0;

	return pymm_class_build(h, name, name_len, fin, fin_len, NULL, NULL, err, &cerr);
}
