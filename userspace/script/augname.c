// SPDX-License-Identifier: GPL-2.0
/*
 * augname.c - `name op= b` of two ints as one op (NAME_INPLACE_ID,
 * docs/abi.md "Changes in version 7").
 *
 * The general path of `total += i` is NAME_LOOKUP_ID, NAME_LOOKUP_ID,
 * BINOP, CLOSE, CLOSE, NAME_BIND_ID, CLOSE: seven trips through the op path
 * for what CPython does in four bytecodes.  When b is an int (its handle
 * says so) the core looks the name up, computes, binds and drops the old
 * value in one op, making the same objects (pymm_int_new(): small ints
 * shared) with the same counts.  It refuses before changing anything when
 * the name's value is not an int or the operator fails, and the general
 * path then runs and raises what CPython raises.
 *
 * Only where the general path's load and store are the plain name ops: not
 * a class body (its LOAD_NAME/STORE_NAME namespaces), not exec() into a
 * dict, not a cell (closure.c), not an imported module's name or a `from`
 * import (this process's, not the heap's), not a comprehension's capture.
 * b is a constant or a name, so evaluating it first has no effect CPython
 * would order after the target's load; a name that fails to load falls
 * back too, so that an unbound target raises first, as in CPython.
 */
#include <string.h>

#include "interp.h"

/* the operator of `op=` as PYMM_BIN_*, 0: not one the core computes */
static uint32_t aug_int_kind(int op)
{
	static const struct { char op; uint32_t kind; } kinds[] = {
		{ '+', PYMM_BIN_ADD }, { '-', PYMM_BIN_SUB }, { '*', PYMM_BIN_MUL },
		{ 'f', PYMM_BIN_FLOORDIV }, { '%', PYMM_BIN_MOD }, { '^', PYMM_BIN_POW },
		{ '&', PYMM_BIN_AND }, { '|', PYMM_BIN_OR }, { 'x', PYMM_BIN_XOR },
		{ 'l', PYMM_BIN_LSHIFT }, { 'r', PYMM_BIN_RSHIFT },
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].op == op)
			return kinds[i].kind;
	return 0;
}

/* the target's load and store are NAME_LOOKUP/NAME_BIND with these flags */
static bool plain_name(struct interp *I, const char *name, bool *local)
{
	int i;

	if (I->comp || (I->scope && (I->scope->is_class || I->scope->is_exec)) ||
	    scope_is_deref(I->scope, name) || module_index(name) >= 0)
		return false;
	*local = name_is_local(I, name);
	if (!*local)
		for (i = 0; i < I->nfroms; i++)
			if (!strcmp(I->froms[i].name, name))
				return false;
	return true;
}

/* 0: done, -1: exception, 1: not done (the caller runs the general path) */
int aug_name_ints(struct interp *I, struct node *s)
{
	const char *name = s->augassign.target->name.id;
	uint32_t kind = aug_int_kind(s->augassign.op);
	int base = I->ntbhold, err;
	struct pymm_op op;
	struct value rhs;
	uint64_t id;
	bool local;

	if (!kind || !(s->augassign.value->kind == N_NAME ||
		       (s->augassign.value->kind == N_CONST &&
		        s->augassign.value->constant.value->kind == CV_INT)))
		return 1;
	if (!plain_name(I, name, &local))
		return 1;
	if (name_id_get(I, name, &id))
		return -1;
	if (!id)
		return 1;
	if (eval(I, s->augassign.value, &rhs)) {
		exc_swallow(I, base);
		return 1;
	}
	if (rhs.kind != V_OBJ || PYMM_HANDLE_TYPE(rhs.h) != PYMM_T_INT) {
		vrelease(I, &rhs);
		return 1;
	}
	pymm_op_init(&op, PYMM_OP_NAME_INPLACE_ID);
	op.flags = local ? PYMM_OPF_LOCAL : 0;
	op.arg[0] = rhs.h;
	op.arg[1] = id;
	op.arg[2] = kind;
	err = op1(I, &op);
	vrelease(I, &rhs);
	if (err)
		return -1;
	return op.error ? 1 : 0;
}
