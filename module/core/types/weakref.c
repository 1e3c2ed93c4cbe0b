// SPDX-License-Identifier: GPL-2.0
/*
 * weakref.c - weakref.ref, with or without a callback.  Like CPython, only
 * instances, classes and functions can be referred to weakly (a list or
 * dict raises TypeError); a second weakref.ref(x) without a callback
 * returns the first one, one with a callback is always new.  The weak
 * reference holds no count on its referent; the referent's death clears
 * it (object.c) and queues its callback for a client to call (fin.c); its
 * own death unhooks it.  It holds a count on its callback, so it is a
 * container, tracked as CPython's weakref type is.
 */
#include "../heap.h"

static int weakref_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	struct pymm_object *r = ((struct pymm_weakref *)o)->referent;

	if (!r)
		return -EINVAL;
	return pymm_obj_hash(h, r, out);
}

static int weakref_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_weakref *wr = (struct pymm_weakref *)o;

	return wr->callback ? visit(wr->callback, arg) : 0;
}

/* gc_clear: no longer refers to anything, the callback is never called */
static void weakref_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_weakref *wr = (struct pymm_weakref *)o;
	struct pymm_object *cb = wr->callback;

	pymm_weakref_unlink(wr);
	wr->callback = NULL;
	pymm_obj_xdecref(h, cb);
}

static struct pymm_object *weakref_release(struct pymm_object *o)
{
	struct pymm_weakref *wr = (struct pymm_weakref *)o;
	struct pymm_object *cb = wr->callback;

	wr->callback = NULL;
	return cb;
}

const struct pymm_typeobj pymm_weakref_type = {
	.name = "weakref.ReferenceType",
	.code = PYMM_T_WEAKREF,
	.is_gc = 1,
	.traverse = weakref_traverse,
	.clear = weakref_clear,
	.release = weakref_release,
	.hash = weakref_hash,
};

static struct pymm_object *weakref_make(struct pymm_heap *h, struct pymm_object *referent,
					struct pymm_object *callback, int *err)
{
	struct pymm_weakref **head, *wr;
	struct pymm_object *o;

	/* a class with __slots__ and no __weakref__: no weaklist (slots.c) */
	if (!pymm_obj_weakrefable(referent)) {
		*err = -EINVAL;
		return NULL;
	}
	head = pymm_weaklist_slot(referent);
	if (!callback && *head && !(*head)->callback)
		return pymm_obj_incref(&(*head)->ob);
	o = pymm_obj_alloc(h, PYMM_T_WEAKREF, sizeof(*wr), err);
	if (!o)
		return NULL;
	wr = (struct pymm_weakref *)o;
	wr->referent = referent;
	wr->callback = callback ? pymm_obj_incref(callback) : NULL;
	/*
	 * As CPython's insert_head/insert_after: the plain ref first, a ref
	 * with a callback right after it (so newer callbacks come first).
	 */
	if (!callback || !*head || (*head)->callback) {
		wr->wr_next = *head;
		if (*head)
			(*head)->wr_prev = wr;
		*head = wr;
	} else {
		struct pymm_weakref *first = *head;

		wr->wr_prev = first;
		wr->wr_next = first->wr_next;
		if (first->wr_next)
			first->wr_next->wr_prev = wr;
		first->wr_next = wr;
	}
	pymm_gc_track(h, o);
	return o;
}

struct pymm_object *pymm_weakref_new(struct pymm_heap *h, struct pymm_object *referent,
				     int *err)
{
	return weakref_make(h, referent, NULL, err);
}

struct pymm_object *pymm_weakref_new_cb(struct pymm_heap *h, struct pymm_object *referent,
					struct pymm_object *callback, int *err)
{
	return weakref_make(h, referent, callback, err);
}

struct pymm_object *pymm_weakref_referent(struct pymm_object *o)
{
	return ((struct pymm_weakref *)o)->referent;
}
