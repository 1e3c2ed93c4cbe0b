// SPDX-License-Identifier: GPL-2.0
/*
 * builtinfunc.c - builtin_function_or_method and method_descriptor, as
 * CPython 3.11 makes them (Objects/methodobject.c, Objects/descrobject.c):
 *
 *   function    `len`, `gc.collect`: a module's function.  CPython's
 *               m_self is the module; pymm keeps modules out of the heap,
 *               so self is NULL and the client names the module.
 *   method      `"abc".upper`, `lst.append`: the method bound to its
 *               object (m_self, counted).  `self.cb = self.items.append`
 *               keeps the list alive, and an object storing its own bound
 *               builtin is a cycle the collector sees.
 *   descriptor  `str.upper`: the method unbound (PyMethodDescrObject),
 *               self the type it belongs to (d_type, counted) when the
 *               client has one.
 *
 * What the builtin does is the client's: `id` is the client's number for
 * it, opaque here (the kernel runs no Python).  The name is an interned
 * str.  Tracked from birth, as PyCFunction_New and descr_new; traverse
 * visits self only (meth_traverse, descr_traverse: the name is a str);
 * no tp_clear; deallocation drops self, then the name.
 */
#include "../heap.h"

static int bfunc_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_builtin *b = (struct pymm_builtin *)o;

	return b->self ? visit(b->self, arg) : 0;
}

static int bfunc_traverse_extra(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_builtin *b = (struct pymm_builtin *)o;

	return b->name ? visit(b->name, arg) : 0;
}

/* no tp_clear (meth_dealloc and descr_dealloc only): a cycle is broken elsewhere */
static void bfunc_no_clear(struct pymm_heap *h, struct pymm_object *o)
{
}

static struct pymm_object *bfunc_release(struct pymm_object *o)
{
	struct pymm_builtin *b = (struct pymm_builtin *)o;
	struct pymm_object **const f[] = { &b->self, &b->name };

	return pymm_release_fields(f, 2, &b->release_pos);
}

/*
 * meth_hash: _Py_HashPointer(m_self) ^ _Py_HashPointer(ml_meth); pymm's
 * "ml_meth" is the client's number, mixed so that near numbers differ.
 * A descriptor hashes by identity (PyMethodDescr_Type has no tp_hash).
 */
static int bfunc_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	struct pymm_builtin *b = (struct pymm_builtin *)o;
	s64 a = 0;
	int err;

	if (b->kind == PYMM_BUILTIN_DESCRIPTOR)
		return pymm_obj_identity_hash(h, o, out);
	if (b->self) {
		err = pymm_obj_identity_hash(h, b->self, &a);
		if (err)
			return err;
	}
	*out = a ^ (s64)(((u64)b->id + 1) * 0x9e3779b97f4a7c15ull >> 4);
	if (*out == -1)
		*out = -2;
	return 0;
}

const struct pymm_typeobj pymm_builtin_type = {
	.name = "builtin_function_or_method",
	.code = PYMM_T_BUILTIN,
	.is_gc = 1,
	.weaklist_off = offsetof(struct pymm_builtin, weaklist),
	.traverse = bfunc_traverse,
	.traverse_extra = bfunc_traverse_extra,
	.clear = bfunc_no_clear,
	.release = bfunc_release,
	.hash = bfunc_hash,
};

/* meth_richcompare: the same function of the same self (identical self) */
bool pymm_builtin_equal(struct pymm_object *a, struct pymm_object *b)
{
	struct pymm_builtin *x = (struct pymm_builtin *)a;
	struct pymm_builtin *y = (struct pymm_builtin *)b;

	if (x->kind == PYMM_BUILTIN_DESCRIPTOR || y->kind == PYMM_BUILTIN_DESCRIPTOR)
		return a == b;
	return x->kind == y->kind && x->id == y->id && x->self == y->self;
}

bool pymm_builtin_weakrefable(const struct pymm_object *o)
{
	/* PyMethodDescr_Type has no tp_weaklistoffset */
	return ((const struct pymm_builtin *)o)->kind != PYMM_BUILTIN_DESCRIPTOR;
}

static struct pymm_object *bfunc_new(struct pymm_heap *h, struct pymm_object *self, u32 id,
				     u32 kind, const char *name, u32 len, int *err)
{
	struct pymm_builtin *b;
	struct pymm_object *o, *n;

	n = pymm_ident_new(h, name, len, err);
	if (!n)
		return NULL;
	o = pymm_obj_alloc(h, PYMM_T_BUILTIN, sizeof(*b), err);
	if (!o) {
		pymm_obj_decref(h, n);
		return NULL;
	}
	b = (struct pymm_builtin *)o;
	b->self = self ? pymm_obj_incref(self) : NULL;
	b->name = n;
	b->id = id;
	b->kind = kind;
	pymm_gc_track(h, o);
	return o;
}

/*
 * NEW_BUILTIN: arg0 = self (0: none), arg1 = the client's number, arg2 =
 * PYMM_BUILTIN_*, data = the name.  A method needs a self; a function has
 * none (its module is the client's); a descriptor may have its type.
 * BUILTIN_SELF: arg0 = a builtin -> its self (-ENOENT: none).
 */
int pymm_builtin_op(struct pymm_opctx *x)
{
	struct pymm_object *o, *self = NULL;
	u64 kind = x->op->arg[2];
	int err;

	if (x->op->code == PYMM_OP_BUILTIN_SELF) {
		err = pymm_handle_get(x->c, x->op->arg[0], &o);
		if (err)
			return err;
		if (o->type != PYMM_T_BUILTIN)
			return -EINVAL;
		self = ((struct pymm_builtin *)o)->self;
		return self ? pymm_ret_handle(x, pymm_obj_incref(self)) : -ENOENT;
	}
	if (kind > PYMM_BUILTIN_DESCRIPTOR || x->op->arg[1] > U32_MAX)
		return -EINVAL;
	if (x->op->arg[0]) {
		err = pymm_handle_get(x->c, x->op->arg[0], &self);
		if (err)
			return err;
	}
	if ((kind == PYMM_BUILTIN_METHOD) != !!self && kind != PYMM_BUILTIN_DESCRIPTOR)
		return -EINVAL;
	if (kind == PYMM_BUILTIN_DESCRIPTOR && self && self->type != PYMM_T_CLASS)
		return -EINVAL;
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	o = bfunc_new(x->h, self, (u32)x->op->arg[1], (u32)kind, x->buf, x->in_len, &err);
	return o ? pymm_ret_handle(x, o) : err;
}
