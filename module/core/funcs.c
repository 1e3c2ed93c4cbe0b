// SPDX-License-Identifier: GPL-2.0
/*
 * funcs.c - the ops of closures and defaults: cells (MAKE_CELL,
 * LOAD_DEREF, STORE_DEREF, DELETE_DEREF) and the fields MAKE_FUNCTION
 * fills in (__defaults__, __kwdefaults__, __closure__).
 *
 * A handle of 0 means "none" where an op takes an optional object: an
 * empty cell, an unset field.  Types are checked as CPython's setters do
 * (__defaults__ must be a tuple or None, __kwdefaults__ a dict or None);
 * __closure__ is read-only in Python, so it is set once, at creation, and
 * only to a tuple of cells; so is __globals__, to a dict, for a def that
 * exec(src, d) runs (the heap's globals otherwise: pymm has one).  SIZEOF is sys.getsizeof().
 */
#include "heap.h"
#include "set.h"

static int opt_handle(struct pymm_opctx *x, int i, struct pymm_object **o)
{
	*o = NULL;
	if (!x->op->arg[i])
		return 0;
	return pymm_handle_get(x->c, x->op->arg[i], o);
}

static int type_error(struct pymm_opctx *x)
{
	x->op->exc = PYMM_EXC_TYPE_ERROR;
	return -EINVAL;
}

int pymm_cell_op(struct pymm_opctx *x)
{
	struct pymm_object *o, *v;
	struct pymm_cell *cell;
	int err;

	if (x->op->code == PYMM_OP_NEW_CELL) {
		err = opt_handle(x, 0, &v);
		if (!err)
			err = pymm_handle_reserve(x->c, 1);
		if (err)
			return err;
		o = pymm_cell_new(x->h, v, &err);
		if (!o)
			return err;
		return pymm_ret_handle(x, o);
	}
	err = pymm_handle_get(x->c, x->op->arg[0], &o);
	if (err)
		return err;
	if (o->type != PYMM_T_CELL)
		return type_error(x);
	cell = (struct pymm_cell *)o;
	if (x->op->code == PYMM_OP_CELL_GET) {
		if (!cell->ref) {
			x->op->exc = PYMM_EXC_VALUE_ERROR;	/* "Cell is empty" */
			return -ENOENT;
		}
		err = pymm_handle_reserve(x->c, 1);
		if (err)
			return err;
		return pymm_ret_handle(x, pymm_obj_incref(cell->ref));
	}
	/* CELL_SET: the new contents first, then the old dropped (may free) */
	err = opt_handle(x, 1, &v);
	if (err)
		return err;
	o = cell->ref;
	cell->ref = v ? pymm_obj_incref(v) : NULL;
	pymm_obj_xdecref(x->h, o);
	return 0;
}

static struct pymm_object **func_field(struct pymm_function *f, u64 which)
{
	switch (which) {
	case PYMM_FUNC_DEFAULTS:
		return &f->defaults;
	case PYMM_FUNC_KWDEFAULTS:
		return &f->kwdefaults;
	case PYMM_FUNC_CLOSURE:
		return &f->closure;
	case PYMM_FUNC_GLOBALS:
		return &f->globals;
	}
	return NULL;
}

static bool all_cells(struct pymm_object *t)
{
	struct pymm_tuple *tp = (struct pymm_tuple *)t;
	u32 i;

	for (i = 0; i < tp->len; i++)
		if (!tp->items[i] || tp->items[i]->type != PYMM_T_CELL)
			return false;
	return true;
}

int pymm_func_field_op(struct pymm_opctx *x)
{
	struct pymm_object *o, *v, **slot, *old;
	int err = pymm_handle_get(x->c, x->op->arg[0], &o);

	if (err)
		return err;
	if (o->type != PYMM_T_FUNCTION)
		return type_error(x);
	slot = func_field((struct pymm_function *)o, x->op->arg[1]);
	if (!slot)
		return -EINVAL;
	if (x->op->code == PYMM_OP_FUNC_GET) {
		err = pymm_handle_reserve(x->c, 1);
		if (err)
			return err;
		return pymm_ret_handle(x, pymm_obj_incref(*slot ? *slot : x->h->none));
	}
	err = opt_handle(x, 2, &v);
	if (err)
		return err;
	if (v && v->type == PYMM_T_NONE)
		v = NULL;
	switch (x->op->arg[1]) {
	case PYMM_FUNC_DEFAULTS:
		if (v && v->type != PYMM_T_TUPLE)
			return type_error(x);
		break;
	case PYMM_FUNC_KWDEFAULTS:
		if (v && v->type != PYMM_T_DICT)
			return type_error(x);
		break;
	case PYMM_FUNC_CLOSURE:
		if (*slot)
			return -EBUSY;
		if (v && (v->type != PYMM_T_TUPLE || !all_cells(v)))
			return type_error(x);
		break;
	case PYMM_FUNC_GLOBALS:
		if (*slot)
			return -EBUSY;
		if (v && v->type != PYMM_T_DICT)
			return type_error(x);
		break;
	}
	old = *slot;
	*slot = v ? pymm_obj_incref(v) : NULL;
	pymm_obj_xdecref(x->h, old);
	return 0;
}

/*
 * sys.getsizeof(): what the object takes in the heap, its own block (the
 * GC header included) plus a list's item array or a dict's table: pymm's
 * sizes, not CPython's (docs/objects.md).
 */
int pymm_sizeof_op(struct pymm_opctx *x)
{
	struct pymm_object *o;
	u64 n;
	int err = pymm_handle_get(x->c, x->op->arg[0], &o);

	if (err)
		return err;
	n = o->size;
	if (o->type == PYMM_T_LIST && ((struct pymm_list *)o)->items)
		n += (u64)((struct pymm_list *)o)->cap * sizeof(void *);
	else if (o->type == PYMM_T_DICT)
		n += pymm_dict_block_bytes(o);
	else if (o->type == PYMM_T_SET)
		n += pymm_set_block_bytes(o);
	else if (o->type == PYMM_T_BYTEARRAY)
		n += ((struct pymm_bytearray *)o)->cap;
	x->op->ret[0] = n;
	return 0;
}
