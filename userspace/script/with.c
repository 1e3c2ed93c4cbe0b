// SPDX-License-Identifier: GPL-2.0
/* with.c - the with statement (placeholder until the next commit) */
#include "interp.h"

enum flow exec_with(struct interp *I, struct node *s)
{
	raise_exc(I, EX_NOT_IMPLEMENTED, "'with' is not supported by pymm");
	return F_EXC;
}
