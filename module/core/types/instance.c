// SPDX-License-Identifier: GPL-2.0
/*
 * instance.c - instances of user classes, kept as CPython 3.11 keeps them:
 * the attribute values inline (struct pymm_instance, object.h), at the
 * index of their name in the class's shared keys, until a __dict__ is
 * asked for or the keys are full (type.c moves them into a real dict).
 * Traversal is subtype_traverse's (values in key order, the dict, the
 * class), deallocation subtype_dealloc's (the same order): so values are
 * released in the order the class first saw their names, across instances.
 */
#include "../heap.h"
#include "../keyhash.h"

static bool is_exc(const struct pymm_instance *in)
{
	return in->cls && ((const struct pymm_class *)in->cls)->exc_fields;
}

/*
 * An exception's order is subtype_traverse's then BaseException_traverse's:
 * the type, the __dict__, then the fields (args, __traceback__ ...).
 */
static int exc_traverse(struct pymm_instance *in, pymm_visit_fn visit, void *arg)
{
	unsigned int i;
	int r;

	r = visit(in->cls, arg);
	if (!r && in->dict)
		r = visit(in->dict, arg);
	for (i = 0; !r && i < in->nvalues; i++)
		if (in->values[i])
			r = visit(in->values[i], arg);
	return r;
}

static int instance_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_instance *in = (struct pymm_instance *)o;
	unsigned int i;
	int r;

	if (is_exc(in))
		return exc_traverse(in, visit, arg);
	for (i = 0; i < in->nvalues; i++) {
		if (!in->values[i])
			continue;
		r = visit(in->values[i], arg);
		if (r)
			return r;
	}
	if (in->dict) {
		r = visit(in->dict, arg);
		if (r)
			return r;
	}
	return in->cls ? visit(in->cls, arg) : 0;
}

/* subtype_clear: the values, then the __dict__; never the type */
static void instance_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_instance *in = (struct pymm_instance *)o;
	struct pymm_object *d;
	unsigned int i;

	for (i = 0; i < in->nvalues; i++) {
		struct pymm_object *v = in->values[i];

		in->values[i] = NULL;
		pymm_obj_xdecref(h, v);
	}
	in->nvalues = 0;
	in->norder = 0;
	d = in->dict;
	in->dict = NULL;
	pymm_obj_xdecref(h, d);
}

/* subtype_dealloc: the values in key order (or the __dict__), the type last */
static struct pymm_object *instance_release(struct pymm_object *o)
{
	struct pymm_instance *in = (struct pymm_instance *)o;
	struct pymm_object *r = NULL;

	/* BaseException_clear: the __dict__ before the fields */
	if (!in->release_pos && in->dict && is_exc(in)) {
		r = in->dict;
		in->dict = NULL;
		return r;
	}
	while (!r && in->release_pos < in->nvalues) {
		r = in->values[in->release_pos];
		in->values[in->release_pos++] = NULL;
	}
	if (!r && in->release_pos <= PYMM_SHARED_KEYS_MAX) {
		in->release_pos = PYMM_SHARED_KEYS_MAX + 1;
		r = in->dict;
		in->dict = NULL;
	}
	if (!r && in->release_pos == PYMM_SHARED_KEYS_MAX + 1) {
		in->release_pos++;
		r = in->cls;
		in->cls = NULL;
	}
	return r;
}

const struct pymm_typeobj pymm_instance_type = {
	.name = "object",
	.code = PYMM_T_INSTANCE,
	.is_gc = 1,
	.weaklist_off = offsetof(struct pymm_instance, weaklist),
	.traverse = instance_traverse,
	.clear = instance_clear,
	.release = instance_release,
	.hash = pymm_instance_hash,	/* keyhash.c: its class's __hash__, if any */
};

struct pymm_object *pymm_instance_new(struct pymm_heap *h, struct pymm_object *cls, int *err)
{
	struct pymm_instance *in;
	struct pymm_object *o;

	if (cls == h->object_type)
		return pymm_baseobj_new(h, err);
	if (cls->type == PYMM_T_CLASS && ((struct pymm_class *)cls)->layout)
		return pymm_subobj_new(h, cls, err);	/* a list or dict (subobj.h) */
	if (cls->type != PYMM_T_CLASS || !((struct pymm_class *)cls)->dict) {
		*err = -EINVAL;
		return NULL;
	}
	o = pymm_obj_alloc(h, PYMM_T_INSTANCE, sizeof(struct pymm_instance), err);
	if (!o)
		return NULL;
	in = (struct pymm_instance *)o;
	in->cls = pymm_obj_incref(cls);
	in->inline_values = 1;
	/* init_inline_values: every instance made shrinks the keys' room by one */
	if (((struct pymm_class *)cls)->usable > 1)
		((struct pymm_class *)cls)->usable--;
	pymm_gc_track(h, o);
	return o;
}
