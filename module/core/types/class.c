// SPDX-License-Identifier: GPL-2.0
/*
 * class.c - user classes: a name and a class-attribute dict.  The finalizer
 * is the dict's "__del__" (pymm_type_finalizer()): a function, run by a
 * client (fin.c); PYMM_OP_NEW_CLASS's legacy finalizer text is stored there
 * as a str, which prints itself.
 */
#include "../heap.h"

static int class_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_class *c = (struct pymm_class *)o;
	int r = 0;

	if (c->name)
		r = visit(c->name, arg);
	if (!r && c->dict)
		r = visit(c->dict, arg);
	return r;
}

static void class_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_class *c = (struct pymm_class *)o;
	struct pymm_object *d = c->dict;

	c->dict = NULL;
	pymm_obj_xdecref(h, d);
}

static struct pymm_object *class_release(struct pymm_object *o)
{
	struct pymm_class *c = (struct pymm_class *)o;
	struct pymm_object *r = NULL;

	while (!r && c->release_pos < 2) {
		switch (c->release_pos++) {
		case 0:
			r = c->dict;
			c->dict = NULL;
			break;
		default:
			r = c->name;
			c->name = NULL;
			break;
		}
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
	.clear = class_clear,
	.release = class_release,
	.hash = ident_hash,
};

/* identity hash shared by instances and functions */
int pymm_obj_identity_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	return ident_hash(h, o, out);
}

struct pymm_object *pymm_class_new(struct pymm_heap *h, const char *name, u32 name_len,
				   const char *fin, u32 fin_len, int *err)
{
	struct pymm_object *o;
	struct pymm_class *c;

	o = pymm_obj_alloc(h, PYMM_T_CLASS, sizeof(*c), err);
	if (!o)
		return NULL;
	c = (struct pymm_class *)o;
	c->name = pymm_ident_new(h, name, name_len, err);
	if (!c->name)
		goto fail;
	c->dict = pymm_dict_new(h, err);
	if (!c->dict)
		goto fail;
	if (fin) {
		struct pymm_object *key, *text;

		key = pymm_ident_new(h, "__del__", 7, err);
		if (!key)
			goto fail;
		text = pymm_str_new(h, fin, fin_len, err);
		if (!text) {
			pymm_obj_decref(h, key);
			goto fail;
		}
		*err = pymm_dict_set(h, c->dict, key, text);
		pymm_obj_decref(h, key);
		pymm_obj_decref(h, text);
		if (*err)
			goto fail;
	}
	pymm_gc_track(h, o);
	return o;
fail:
	pymm_obj_decref(h, o);
	return NULL;
}

struct pymm_object *pymm_type_finalizer(struct pymm_heap *h, struct pymm_object *type)
{
	struct pymm_class *c = (struct pymm_class *)type;
	struct pymm_dict_entry *e;

	if (!type || type->type != PYMM_T_CLASS || !c->dict)
		return NULL;
	e = pymm_dict_find_name(c->dict, "__del__", 7, pymm_hash_bytes("__del__", 7));
	if (!e || e->value->type != PYMM_T_FUNCTION)
		return NULL;
	return e->value;
}
