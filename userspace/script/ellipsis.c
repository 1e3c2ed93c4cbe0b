// SPDX-License-Identifier: GPL-2.0
/*
 * ellipsis.c - Ellipsis, the value of the literal `...` and of the
 * builtin name `Ellipsis`: one object for the whole run, as CPython's
 * static _Py_EllipsisObject.  Like NotImplemented (operators.c) it is an
 * `object()` the interpreter makes on first use and holds to the end:
 * untracked, no GC header, never collected; its repr is "Ellipsis" and
 * type() the hidden row `ellipsis` (typeof.c).  `...` is a constant in
 * CPython's co_consts; pymm's constant table takes it as it takes None
 * (a singleton, no slot of its own), so `x = ...` adds the reference
 * CPython adds and `(1, ...)` folds to one constant tuple.
 */
#include "interp.h"

/* the Ellipsis object (borrowed: held to the end) */
int ellipsis_load(struct interp *I, struct value *out)
{
	if (held_object(I, &I->h_ellipsis))
		return -1;
	*out = vobj(I->h_ellipsis, false);
	return 0;
}

/* is v Ellipsis?  (never, and no op, before it was first made) */
int is_ellipsis(struct interp *I, const struct value *v, bool *res)
{
	*res = false;
	if (!I->h_ellipsis || v->kind != V_OBJ)
		return 0;
	if (v->h == I->h_ellipsis) {
		*res = true;
		return 0;
	}
	return same_object(I, v->h, I->h_ellipsis, res);
}
