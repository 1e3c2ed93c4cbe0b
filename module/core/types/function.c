// SPDX-License-Identifier: GPL-2.0
/*
 * function.c - what `def` binds: a heap object with a name and the
 * caller's code token (the tool keeps the code; the heap keeps an object
 * whose identity, count and lifetime are real).  Function attributes live
 * in a dict created on first use.
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

/* "<listcomp>", "<lambda>": the names CPython's compiler gives the functions it makes */
static bool compiler_name(const char *s, u32 len)
{
	return len > 2 && len < PYMM_NAME_MAX && s[0] == '<' && s[len - 1] == '>' &&
	       pymm_str_is_identifier(s + 1, len - 2);
}

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
	f->name = compiler_name(name, name_len) ? pymm_str_new(h, name, name_len, err) :
		  pymm_ident_new(h, name, name_len, err);
	if (!f->name) {
		pymm_obj_decref(h, o);
		return NULL;
	}
	pymm_gc_track(h, o);
	return o;
}
