// SPDX-License-Identifier: GPL-2.0
/*
 * operator.c - the operator module's functions (CPython 3.11's
 * Modules/_operator.c): operator.add(a, b) is a + b, operator.lt(a, b) is
 * a < b, ... through the interpreter's own operators, so a dispatch table
 * ({'+': operator.add, ...}) computes what the expressions compute, a
 * class's __add__ / __lt__ included.  They are builtin functions of the
 * module: storable values (bfunc.c).  The classes (itemgetter,
 * attrgetter, methodcaller), the in-place forms (iadd ...) and the rest
 * are refused (refusals.c has their names).
 */
#include <string.h>

#include "interp.h"

/* operator.add & co: the binop of the row's operator character (N_BINOP's) */
static int op_binary(BI_ARGS)
{
	return binop(I, (int)b->op, &args[0], &args[1], out);
}

/* operator.eq & co: what the comparison gives, a class's __eq__ result too */
static int op_compare(BI_ARGS)
{
	bool res;
	int err;

	I->cmp_keep = true;
	I->cmp_obj.kind = V_NULL;
	err = compare(I, (int)b->op, &args[0], &args[1], &res);
	I->cmp_keep = false;
	if (I->cmp_obj.kind != V_NULL) {
		if (!err) {
			*out = I->cmp_obj;
			I->cmp_obj.kind = V_NULL;
			return 0;
		}
		vrelease(I, &I->cmp_obj);
		I->cmp_obj.kind = V_NULL;
	}
	if (err)
		return -1;
	*out = vbool(I, res);
	return 0;
}

/* operator.contains(a, b): b in a */
static int op_contains(BI_ARGS)
{
	bool res;

	if (compare(I, CMP_IN, &args[1], &args[0], &res))
		return -1;
	*out = vbool(I, res);
	return 0;
}

/* operator.truth(a), operator.not_(a) */
static int op_truth(BI_ARGS)
{
	bool res;

	if (truth(I, &args[0], &res))
		return -1;
	*out = vbool(I, b->op ? !res : res);
	return 0;
}

/* operator.getitem(a, b): a[b] */
static int op_getitem(BI_ARGS)
{
	if (need_obj(I, &args[0]) || need_obj(I, &args[1]))
		return -1;
	return getitem(I, args[0].h, args[1].h, out);
}

/* operator.abs(a): abs(a) */
static int op_abs(BI_ARGS)
{
	return call_builtin(I, builtin_lookup(BO_BUILTINS, "abs"), NULL, args, nargs, kwn, nkw,
			    out);
}

#define BIN(nm, c)	ROW(MOD_OPERATOR, nm, 2, 2, 0, op_binary, c)
#define CMP(nm, c)	ROW(MOD_OPERATOR, nm, 2, 2, 0, op_compare, c)

const struct builtin *const builtins_operator[] = {
	BIN("add", '+'), BIN("sub", '-'), BIN("mul", '*'), BIN("truediv", '/'),
	BIN("floordiv", 'f'), BIN("mod", '%'), BIN("pow", '^'), BIN("and_", '&'),
	BIN("or_", '|'), BIN("xor", 'x'), BIN("lshift", 'l'), BIN("rshift", 'r'),
	CMP("eq", CMP_EQ), CMP("ne", CMP_NE), CMP("lt", CMP_LT), CMP("le", CMP_LE),
	CMP("gt", CMP_GT), CMP("ge", CMP_GE), CMP("is_", CMP_IS), CMP("is_not", CMP_IS_NOT),
	ROW(MOD_OPERATOR, "contains", 2, 2, 0, op_contains, 0),
	ROW(MOD_OPERATOR, "truth", 1, 1, 0, op_truth, 0),
	ROW(MOD_OPERATOR, "not_", 1, 1, 0, op_truth, 1),
	ROW(MOD_OPERATOR, "getitem", 2, 2, 0, op_getitem, 0),
	ROW(MOD_OPERATOR, "abs", 1, 1, 0, op_abs, 0),
	NULL
};
