// SPDX-License-Identifier: GPL-2.0
/*
 * cell.c - a closure variable, as CPython's cellobject.c: a container of
 * one reference (or none: a variable not yet bound, or deleted).  A
 * function that reads a variable of the function around it holds the
 * outer frame's cell in its __closure__ tuple, so the variable outlives
 * the frame; a cell that holds the function holding it is a cycle only the
 * collector ends.  Tracked from birth, like PyCell_New(); never weakly
 * referable; hashed by identity.
 */
#include "../heap.h"

static int cell_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_cell *c = (struct pymm_cell *)o;

	return c->ref ? visit(c->ref, arg) : 0;
}

static void cell_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_cell *c = (struct pymm_cell *)o;
	struct pymm_object *r = c->ref;

	c->ref = NULL;
	pymm_obj_xdecref(h, r);
}

static struct pymm_object *cell_release(struct pymm_object *o)
{
	struct pymm_cell *c = (struct pymm_cell *)o;
	struct pymm_object *r = c->ref;

	c->ref = NULL;
	return r;
}

const struct pymm_typeobj pymm_cell_type = {
	.name = "cell",
	.code = PYMM_T_CELL,
	.is_gc = 1,
	.traverse = cell_traverse,
	.clear = cell_clear,
	.release = cell_release,
	.hash = pymm_obj_identity_hash,
};

struct pymm_object *pymm_cell_new(struct pymm_heap *h, struct pymm_object *contents, int *err)
{
	struct pymm_object *o;

	o = pymm_obj_alloc(h, PYMM_T_CELL, sizeof(struct pymm_cell), err);
	if (!o)
		return NULL;
	((struct pymm_cell *)o)->ref = contents ? pymm_obj_incref(contents) : NULL;
	pymm_gc_track(h, o);
	return o;
}
