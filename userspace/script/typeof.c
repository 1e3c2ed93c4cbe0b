// SPDX-License-Identifier: GPL-2.0
/*
 * typeof.c - type(x) with one argument.  A class is a heap type object
 * already (classes.c); pymm's builtin types are the builtins' rows that
 * CPython's builtins module holds as classes (int, str, set ...), so
 * type(1) is the value the name `int` has: `type(x) is int`, `type(x) ==
 * str`, `type(x).__name__` and `type(x)(...)` work as in CPython, and
 * their repr is "<class 'int'>".  What pymm has no type object for (None,
 * functions, iterators, bytes ...) is refused, saying so.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* the builtins that are classes in CPython 3.11 and rows in pymm */
static const char *const type_rows[] = {
	"bool", "dict", "float", "frozenset", "int", "list", "range", "set", "str", "tuple",
	"type", NULL,
};

bool builtin_is_type(int id)
{
	const struct builtin *b = builtin_get(id);
	const char *const *n;

	if (!b || b->owner != BO_BUILTINS)
		return false;
	for (n = type_rows; *n; n++)
		if (!strcmp(*n, b->name))
			return true;
	return false;
}

static int type_row(struct interp *I, const char *name, struct value *out)
{
	int id = builtin_lookup(BO_BUILTINS, name);

	if (id < 0 || !builtin_is_type(id))
		return raise_exc(I, EX_NOT_IMPLEMENTED, "type() of a '%s' is not supported by pymm",
				 name);
	memset(out, 0, sizeof(*out));
	out->kind = V_BUILTIN;
	out->id = id;
	return 0;
}

/* type(x): the class of an instance, `type` for a class, else a builtin type */
int bi_type(BI_ARGS)
{
	const struct value *x = &args[0];
	struct pymm_op op;
	uint32_t t = 0;

	if (nargs == 3)
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "type() with three arguments is not supported by pymm");
	if (nargs != 1)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "type() takes 1 or 3 arguments");
	if (x->kind == V_BUILTIN && builtin_is_type(x->id))
		return type_row(I, "type", out);
	if (x->kind != V_OBJ)
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "type() of a builtin function or module is not supported by pymm");
	if (obj_type(I, x->h, &t))
		return -1;
	if (t == PYMM_T_CLASS)
		return type_row(I, "type", out);
	if (t == PYMM_T_INSTANCE) {
		pymm_op_init(&op, PYMM_OP_GETATTR);
		op.arg[0] = x->h;
		pymm_op_set_data(&op, "__class__", 9);
		if (op1_raise(I, &op))
			return -1;
		*out = vobj(op.ret[0], true);
		return 0;
	}
	/* int, str, set, frozenset, range ...: the row of that name, if any */
	return type_row(I, value_type_name(I, x->h, t), out);
}

/* int.__name__ & co; 1: not a builtin type (the caller goes on) */
int builtin_type_attr(struct interp *I, const struct value *obj, const char *name,
		      struct value *out)
{
	const char *tn;

	if (obj->kind != V_BUILTIN || !builtin_is_type(obj->id))
		return 1;
	tn = builtin_name(obj->id);
	if (!strcmp(name, "__name__") || !strcmp(name, "__qualname__"))
		return new_str(I, tn, strlen(tn), out) ? -1 : 0;
	return raise_exc(I, EX_NOT_IMPLEMENTED, "%s.%s is not supported by pymm", tn, name);
}
