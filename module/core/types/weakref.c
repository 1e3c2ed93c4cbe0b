// SPDX-License-Identifier: GPL-2.0
/*
 * weakref.c - weakref.ref without callbacks.  Like CPython, only instances,
 * classes and functions can be referred to weakly (a list or dict raises
 * TypeError), and a second weakref.ref(x) returns the first one.  The
 * weak reference holds no count; the referent's death clears it (object.c),
 * and its own death unhooks it.  It holds no strong reference, so it is
 * not a container.
 */
#include "../heap.h"

static int weakref_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	struct pymm_object *r = ((struct pymm_weakref *)o)->referent;

	if (!r)
		return -EINVAL;
	return pymm_obj_hash(h, r, out);
}

const struct pymm_typeobj pymm_weakref_type = {
	.name = "weakref.ReferenceType",
	.code = PYMM_T_WEAKREF,
	.hash = weakref_hash,
};

struct pymm_object *pymm_weakref_new(struct pymm_heap *h, struct pymm_object *referent,
				     int *err)
{
	u16 off = pymm_types[referent->type]->weaklist_off;
	struct pymm_weakref **head, *wr;
	struct pymm_object *o;

	if (!off) {
		*err = -EINVAL;
		return NULL;
	}
	head = (struct pymm_weakref **)((char *)referent + off);
	if (*head)
		return pymm_obj_incref(&(*head)->ob);
	o = pymm_obj_alloc(h, PYMM_T_WEAKREF, sizeof(*wr), err);
	if (!o)
		return NULL;
	wr = (struct pymm_weakref *)o;
	wr->referent = referent;
	wr->wr_next = NULL;
	wr->wr_prev = NULL;
	*head = wr;
	return o;
}

struct pymm_object *pymm_weakref_referent(struct pymm_object *o)
{
	return ((struct pymm_weakref *)o)->referent;
}
