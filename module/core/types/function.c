// SPDX-License-Identifier: GPL-2.0
/*
 * function.c - what `def` binds: a heap object with a name and its code, a
 * code object (types/code.c) any client of the heap can run
 * (PYMM_OP_MAKE_FUNCTION), or, from PYMM_OP_NEW_FUNCTION, an opaque token
 * only its maker understands.  Function attributes live in a dict created
 * on first use.
 */
#include "../heap.h"

static int function_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_function *f = (struct pymm_function *)o;
	int r = 0;

	if (f->name)
		r = visit(f->name, arg);
	if (!r && f->dict)
		r = visit(f->dict, arg);
	if (!r && f->code_obj)
		r = visit(f->code_obj, arg);
	return r;
}

static void function_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_function *f = (struct pymm_function *)o;
	struct pymm_object *d = f->dict;

	f->dict = NULL;
	pymm_obj_xdecref(h, d);
}

static struct pymm_object *function_release(struct pymm_object *o)
{
	struct pymm_function *f = (struct pymm_function *)o;
	struct pymm_object *r = NULL;

	if (f->release_pos == 0) {
		f->release_pos = 1;
		r = f->dict;
		f->dict = NULL;
	}
	if (!r && f->release_pos == 1) {
		f->release_pos = 2;
		r = f->name;
		f->name = NULL;
	}
	if (!r && f->release_pos == 2) {
		f->release_pos = 3;
		r = f->code_obj;
		f->code_obj = NULL;
	}
	return r;
}

const struct pymm_typeobj pymm_function_type = {
	.name = "function",
	.code = PYMM_T_FUNCTION,
	.is_gc = 1,
	.weaklist_off = offsetof(struct pymm_function, weaklist),
	.traverse = function_traverse,
	.clear = function_clear,
	.release = function_release,
	.hash = pymm_obj_identity_hash,
};

struct pymm_object *pymm_function_new(struct pymm_heap *h, const char *name, u32 name_len,
				      u64 code, int *err)
{
	struct pymm_object *o;
	struct pymm_function *f;

	o = pymm_obj_alloc(h, PYMM_T_FUNCTION, sizeof(*f), err);
	if (!o)
		return NULL;
	f = (struct pymm_function *)o;
	f->code = code;
	f->name = pymm_ident_new(h, name, name_len, err);
	if (!f->name) {
		pymm_obj_decref(h, o);
		return NULL;
	}
	pymm_gc_track(h, o);
	return o;
}

struct pymm_object *pymm_function_from_code(struct pymm_heap *h, struct pymm_object *code,
					    int *err)
{
	struct pymm_object *o;
	const char *name;
	u32 len;

	if (code->type != PYMM_T_CODE) {
		*err = -EINVAL;
		return NULL;
	}
	name = pymm_code_name(code, &len);
	o = pymm_function_new(h, name, len, 0, err);
	if (o)
		((struct pymm_function *)o)->code_obj = pymm_obj_incref(code);
	return o;
}
