// SPDX-License-Identifier: GPL-2.0
/*
 * operators.c - arithmetic and bitwise operators on instances: the
 * special methods a class defines (__add__/__radd__/__iadd__ ...,
 * __neg__, __pos__, __invert__, __abs__).
 *
 * The core's BINOP and the interpreter's own arithmetic come first, so a
 * number costs nothing more; only when they find no answer is an instance
 * asked, as CPython's binary_op1() asks: the left operand's __op__, then
 * the right operand's __rop__ (for `x op= y`, x's __iop__ before both).
 * pymm has no NotImplemented value (refused by name), so a method that
 * exists answers; and a right operand whose class derives from the left
 * one's is not asked first (docs/pymmctl.md).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

struct binop_names {
	int op;
	const char *name, *rname, *iname;
};

/* the interpreter's operator codes (expr.c, lang.c) and their methods */
static const struct binop_names binop_names[] = {
	{ '+', "__add__", "__radd__", "__iadd__" },
	{ '-', "__sub__", "__rsub__", "__isub__" },
	{ '*', "__mul__", "__rmul__", "__imul__" },
	{ '/', "__truediv__", "__rtruediv__", "__itruediv__" },
	{ 'f', "__floordiv__", "__rfloordiv__", "__ifloordiv__" },
	{ '%', "__mod__", "__rmod__", "__imod__" },
	{ '^', "__pow__", "__rpow__", "__ipow__" },
	{ '&', "__and__", "__rand__", "__iand__" },
	{ '|', "__or__", "__ror__", "__ior__" },
	{ 'x', "__xor__", "__rxor__", "__ixor__" },
	{ 'l', "__lshift__", "__rlshift__", "__ilshift__" },
	{ 'r', "__rshift__", "__rrshift__", "__irshift__" },
};

static const struct binop_names *names_of(int op)
{
	size_t i;

	for (i = 0; i < sizeof(binop_names) / sizeof(binop_names[0]); i++)
		if (binop_names[i].op == op)
			return &binop_names[i];
	return NULL;
}

/* h.name(arg) if h is an instance whose class defines name: 1 if not */
static int try_special(struct interp *I, const struct value *h, const char *name,
		       const struct value *arg, struct value *out)
{
	struct value a;

	if (h->kind != V_OBJ)
		return 1;
	if (arg) {
		a = *arg;
		a.owned = false;	/* call_special() borrows it */
	}
	return call_special(I, h->h, name, arg ? &a : NULL, arg ? 1 : 0, out);
}

int instance_binop(struct interp *I, int op, const struct value *a, const struct value *b,
		   bool inplace, struct value *out)
{
	const struct binop_names *n = names_of(op);
	int r;

	if (!n)
		return 1;
	if (inplace) {
		r = try_special(I, a, n->iname, b, out);
		if (r <= 0)
			return r;
	}
	r = try_special(I, a, n->name, b, out);
	if (r <= 0)
		return r;
	return try_special(I, b, n->rname, a, out);
}

int instance_unary(struct interp *I, const char *name, const struct value *a, struct value *out)
{
	return try_special(I, a, name, NULL, out);
}
