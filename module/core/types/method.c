// SPDX-License-Identifier: GPL-2.0
/*
 * method.c - two small GC objects of the class machinery, as CPython 3.11
 * makes them:
 *
 *   getset_descriptor  the __dict__ and __weakref__ entries a class dict
 *                      gets when its base has neither (type.c); refers to
 *                      its class (d_type), so a class is a cycle through
 *                      them too.  descr_traverse visits d_type only; no
 *                      tp_clear.  Deallocation: d_type, then d_name.
 *   method             a bound method (PyMethodObject): what `obj.f`
 *                      makes when f is a function found on the class and
 *                      the result is kept, not called at once (3.11's
 *                      LOAD_METHOD makes none for `obj.f()`).  Traverses
 *                      im_func then im_self; no tp_clear; deallocation in
 *                      the same order.  `self.cb = self.f` is a cycle.
 */
#include "../heap.h"

static int getset_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_getset *d = (struct pymm_getset *)o;

	return d->type ? visit(d->type, arg) : 0;
}

static int getset_traverse_extra(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_getset *d = (struct pymm_getset *)o;

	return d->name ? visit(d->name, arg) : 0;
}

/* neither type has a tp_clear: a cycle is broken by clearing the class */
static void no_clear(struct pymm_heap *h, struct pymm_object *o)
{
}

static struct pymm_object *getset_release(struct pymm_object *o)
{
	struct pymm_getset *d = (struct pymm_getset *)o;
	struct pymm_object *r = NULL;

	if (d->release_pos == 0) {
		d->release_pos = 1;
		r = d->type;
		d->type = NULL;
	}
	if (!r && d->release_pos == 1) {
		d->release_pos = 2;
		r = d->name;
		d->name = NULL;
	}
	return r;
}

const struct pymm_typeobj pymm_getset_type = {
	.name = "getset_descriptor",
	.code = PYMM_T_GETSET,
	.is_gc = 1,
	.traverse = getset_traverse,
	.traverse_extra = getset_traverse_extra,
	.clear = no_clear,
	.release = getset_release,
	.hash = pymm_obj_identity_hash,
};

struct pymm_object *pymm_getset_new(struct pymm_heap *h, struct pymm_object *type, u32 which,
				    int *err)
{
	static const char *const names[] = { "__dict__", "__weakref__" };
	struct pymm_getset *d;
	struct pymm_object *o;

	o = pymm_obj_alloc(h, PYMM_T_GETSET, sizeof(*d), err);
	if (!o)
		return NULL;
	d = (struct pymm_getset *)o;
	d->which = which;
	d->type = pymm_obj_incref(type);
	d->name = pymm_ident_new(h, names[which], strlen(names[which]), err);
	if (!d->name) {
		pymm_obj_decref(h, o);
		return NULL;
	}
	pymm_gc_track(h, o);
	return o;
}

static int method_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_method *m = (struct pymm_method *)o;
	int r = 0;

	if (m->func)
		r = visit(m->func, arg);
	if (!r && m->self)
		r = visit(m->self, arg);
	return r;
}

static struct pymm_object *method_release(struct pymm_object *o)
{
	struct pymm_method *m = (struct pymm_method *)o;
	struct pymm_object *r = NULL;

	if (m->release_pos == 0) {
		m->release_pos = 1;
		r = m->func;
		m->func = NULL;
	}
	if (!r && m->release_pos == 1) {
		m->release_pos = 2;
		r = m->self;
		m->self = NULL;
	}
	return r;
}

/* method_hash: _Py_HashPointer(im_self) ^ hash(im_func) */
static int method_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	struct pymm_method *m = (struct pymm_method *)o;
	s64 a, b;
	int err;

	err = pymm_obj_identity_hash(h, m->self, &a);
	if (!err)
		err = pymm_obj_hash(h, m->func, &b);
	if (err)
		return err;
	*out = a ^ b;
	if (*out == -1)
		*out = -2;
	return 0;
}

const struct pymm_typeobj pymm_method_type = {
	.name = "method",
	.code = PYMM_T_METHOD,
	.is_gc = 1,
	.weaklist_off = offsetof(struct pymm_method, weaklist),
	.traverse = method_traverse,
	.clear = no_clear,
	.release = method_release,
	.hash = method_hash,
};

struct pymm_object *pymm_method_new(struct pymm_heap *h, struct pymm_object *func,
				    struct pymm_object *self, int *err)
{
	struct pymm_method *m;
	struct pymm_object *o;

	o = pymm_obj_alloc(h, PYMM_T_METHOD, sizeof(*m), err);
	if (!o)
		return NULL;
	m = (struct pymm_method *)o;
	m->func = pymm_obj_incref(func);
	m->self = pymm_obj_incref(self);
	pymm_gc_track(h, o);
	return o;
}
