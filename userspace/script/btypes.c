// SPDX-License-Identifier: GPL-2.0
/*
 * btypes.c - builtin types as storable values.  pymm's builtin types are
 * rows of the interpreter (typeof.c): `int`, type(None) ... are V_BUILTIN
 * values, which no heap name or container can hold.  CPython's are static
 * type objects, immortal-ish and untracked; so are the heap's
 * (PYMM_CONST_TYPE, module/core/types/subobj.c), one per builtin type,
 * made on first use.  A row becomes that object where a value must be a
 * heap object (need_obj: stored in a name or a container, passed to a
 * user function, hashed, compared with an object), and the object becomes
 * the row again where the interpreter acts on a type (called, its
 * attributes read, isinstance's second argument, a class base): both
 * forms are the same type to a script.
 */
#include <stdlib.h>
#include <string.h>

#include "interp.h"

#define BTYPE_NAME_(code, name)	name,
static const char *const btype_names[PYMM_BTYPE_MAX - 1] = { PYMM_BTYPES(BTYPE_NAME_) };
#undef BTYPE_NAME_

/* PYMM_BTYPE_* of a builtin type's name (0: not one) */
static uint32_t btype_by_name(const char *name)
{
	uint32_t i;

	for (i = 0; i < PYMM_BTYPE_MAX - 1; i++)
		if (btype_names[i][0] == name[0] && !strcmp(btype_names[i], name))
			return i + 1;
	return 0;
}

/*
 * v a builtin type's row: make it the heap's static type (a handle the
 * interpreter holds till the end, so v borrows it).  1: v is no type row.
 */
int btype_promote(struct interp *I, struct value *v)
{
	uint32_t bt;
	struct pymm_op op;

	if (v->kind != V_BUILTIN || !builtin_is_type(v->id))
		return 1;
	bt = btype_by_name(builtin_name(v->id));
	if (!bt)
		return 1;
	if (!I->btype_h[bt]) {
		pymm_op_init(&op, PYMM_OP_CONST);
		op.arg[0] = PYMM_CONST_TYPE;
		op.arg[1] = bt;
		if (op1_raise(I, &op))
			return -1;
		I->btype_h[bt] = op.ret[0];
		interp_hold(I, op.ret[0]);
	}
	*v = vobj(I->btype_h[bt], false);
	return 0;
}

/* the row of the heap's static type h (a class named oi->s), or -1 */
int btype_row_of(struct interp *I, uint64_t h, const struct objinfo *oi)
{
	struct pymm_op op;
	uint32_t bt;
	int id;

	if (oi->type != PYMM_T_CLASS || !oi->s || !(bt = btype_by_name(oi->s)))
		return -1;
	/* a user's class may be named int: the static one is immortal */
	pymm_op_init(&op, PYMM_OP_TYPE);
	op.arg[0] = h;
	if (op1(I, &op) || op.error || !(op.ret[1] & PYMM_TYPEF_IMMORTAL))
		return -1;
	id = builtin_lookup(BO_BUILTINS, oi->s);
	if (id < 0 || !builtin_is_type(id))
		id = builtin_lookup(BO_TYPES, oi->s);
	return id;
}

/* v the heap's static type: make it its row (released).  1: it is not one */
int btype_demote(struct interp *I, struct value *v)
{
	struct objinfo oi;
	uint32_t t;
	int id;

	if (v->kind != V_OBJ)
		return 1;
	/*
	 * Only a class can be a static type: every other object's type is in
	 * its handle, so `obj.attr` costs no READ (it cost one, with a buffer,
	 * per attribute access: docs/performance.md section 7).
	 */
	if (obj_type(I, v->h, &t))
		return -1;
	if (t != PYMM_T_CLASS)
		return 1;
	if (obj_read(I, v->h, &oi))
		return -1;
	id = btype_row_of(I, v->h, &oi);
	free(oi.s);
	if (id < 0)
		return 1;
	vrelease(I, v);
	v->kind = V_BUILTIN;
	v->id = id;
	return 0;
}
