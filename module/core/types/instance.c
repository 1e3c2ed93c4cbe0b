// SPDX-License-Identifier: GPL-2.0
/*
 * instance.c - instances of user classes: a counted reference to the class
 * and an attribute dict created on the first attribute set.  Hashable by
 * identity, weakly referenceable, finalized through the class (object.c).
 */
#include "../heap.h"

static int instance_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_instance *in = (struct pymm_instance *)o;
	int r = 0;

	if (in->cls)
		r = visit(in->cls, arg);
	if (!r && in->dict)
		r = visit(in->dict, arg);
	return r;
}

/* subtype_clear: the __dict__, not the type */
static void instance_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_instance *in = (struct pymm_instance *)o;
	struct pymm_object *d = in->dict;

	in->dict = NULL;
	pymm_obj_xdecref(h, d);
}

/* subtype_dealloc: __dict__ first, the type last */
static struct pymm_object *instance_release(struct pymm_object *o)
{
	struct pymm_instance *in = (struct pymm_instance *)o;
	struct pymm_object *r = NULL;

	if (in->release_pos == 0) {
		in->release_pos = 1;
		r = in->dict;
		in->dict = NULL;
	}
	if (!r && in->release_pos == 1) {
		in->release_pos = 2;
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
	.hash = pymm_obj_identity_hash,
};

struct pymm_object *pymm_instance_new(struct pymm_heap *h, struct pymm_object *cls, int *err)
{
	struct pymm_object *o;

	if (cls->type != PYMM_T_CLASS) {
		*err = -EINVAL;
		return NULL;
	}
	o = pymm_obj_alloc(h, PYMM_T_INSTANCE, sizeof(struct pymm_instance), err);
	if (!o)
		return NULL;
	((struct pymm_instance *)o)->cls = pymm_obj_incref(cls);
	pymm_gc_track(h, o);
	return o;
}
