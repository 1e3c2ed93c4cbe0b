// SPDX-License-Identifier: GPL-2.0
/*
 * function.c - what `def` binds: a heap object with a name and its code, a
 * code object (types/code.c) any client of the heap can run
 * (PYMM_OP_MAKE_FUNCTION), or, from PYMM_OP_NEW_FUNCTION, an opaque token
 * only its maker understands.  Function attributes live in a dict created
 * on first use.  As in CPython, the default values are a tuple
 * (__defaults__), the keyword-only defaults a dict (__kwdefaults__) and the
 * variables of enclosing functions a tuple of cells (__closure__), each set
 * after creation (MAKE_FUNCTION's flags) and held by the function.
 */
#include "../heap.h"

static int function_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_function *f = (struct pymm_function *)o;
	int r = 0;

	/* func_traverse's order: code, globals, defaults, kwdefaults, name, dict, closure */
	struct pymm_object *const refs[] = {
		f->code_obj, f->globals, f->defaults, f->kwdefaults, f->name, f->dict, f->closure,
	};
	unsigned int i;

	for (i = 0; !r && i < ARRAY_SIZE(refs); i++)
		if (refs[i])
			r = visit(refs[i], arg);
	return r;
}

static void function_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_function *f = (struct pymm_function *)o;
	struct pymm_object *d = f->dict, *def = f->defaults, *kwd = f->kwdefaults;
	struct pymm_object *cl = f->closure, *g = f->globals;

	/* func_clear()'s order */
	f->globals = NULL;
	f->defaults = NULL;
	f->kwdefaults = NULL;
	f->dict = NULL;
	f->closure = NULL;
	pymm_obj_xdecref(h, g);
	pymm_obj_xdecref(h, def);
	pymm_obj_xdecref(h, kwd);
	pymm_obj_xdecref(h, d);
	pymm_obj_xdecref(h, cl);
}

/* func_dealloc: func_clear() (globals, defaults, kwdefaults, dict, closure), then code and name */
static struct pymm_object *function_release(struct pymm_object *o)
{
	struct pymm_function *f = (struct pymm_function *)o;
	struct pymm_object **order[] = {
		&f->globals, &f->defaults, &f->kwdefaults, &f->dict, &f->closure, &f->code_obj, &f->name,
	};
	struct pymm_object *r;

	while (f->release_pos < ARRAY_SIZE(order)) {
		r = *order[f->release_pos];
		*order[f->release_pos] = NULL;
		f->release_pos++;
		if (r)
			return r;
	}
	return NULL;
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
