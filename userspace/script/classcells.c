// SPDX-License-Identifier: GPL-2.0
/*
 * classcells.c - the cells a class body sees: classes inside functions
 * and inside classes.
 *
 * CPython compiles a class body to a function that __build_class__ calls
 * with the class's closure: the cells of the variables of the functions
 * around it that the body reads (LOAD_CLASSDEREF: the namespace first,
 * then the cell) or that a method in it closes over, and the implicit
 * __class__ cell when a method reads `super` or `__class__` (symtable.c
 * says which).  The body's frame here is the heap's class frame, whose
 * locals become the namespace, so the cells cannot be bound in it as a
 * function's are (closure.c): they are held here, one context per class
 * statement running, innermost first, and found by name when the body
 * reads a free variable or makes a function that needs one.
 *
 * The __class__ cell is made empty before the body runs and set to the
 * new class by class_cells_fill() right after CLASS_NEW, as type_new sets
 * it from __classcell__ (so a method's closure refers to its class: one
 * more cycle for the collector, as in CPython).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

struct classctx {
	struct classctx *up;
	struct scope *scope;	/* the class body's */
	uint64_t *cells;	/* scope->frees' cells, in that order (owned) */
	uint64_t classcell;	/* the __class__ cell (owned), 0 none */
};

/* before the body's frame is pushed: the cells from the code around it */
int class_cells_enter(struct interp *I, struct scope *sc, struct classctx **out)
{
	struct classctx *c = xrealloc(NULL, sizeof(*c));
	struct pymm_op op;

	c->scope = sc;
	c->classcell = 0;
	if (comp_cells_take(I, &sc->frees, &c->cells)) {
		free(c);
		return -1;
	}
	if (sc->classcell) {
		pymm_op_init(&op, PYMM_OP_NEW_CELL);
		if (op1_raise(I, &op)) {
			close_many(I, c->cells, sc->frees.n);
			free(c->cells);
			free(c);
			return -1;
		}
		c->classcell = op.ret[0];
	}
	c->up = I->clsctx;
	I->clsctx = c;
	*out = c;
	return 0;
}

/* type_new: the __class__ cell now holds the class */
int class_cells_fill(struct interp *I, struct classctx *c, uint64_t cls)
{
	struct pymm_op op;

	if (!c->classcell)
		return 0;
	pymm_op_init(&op, PYMM_OP_CELL_SET);
	op.arg[0] = c->classcell;
	op.arg[1] = cls;
	return op1_raise(I, &op);
}

/* the body's frame is gone: the cells go with the closure that held them */
void class_cells_leave(struct interp *I, struct classctx *c)
{
	I->clsctx = c->up;
	close_many(I, c->cells, c->scope->frees.n);
	free(c->cells);
	if (c->classcell)
		queue_close(I, c->classcell);
	free(c);
}

/*
 * The running class body's cell for name, a new handle in *cell (0: the
 * body has none: symtable.c gave it none, which is a bug of ours).
 */
int class_cell(struct interp *I, const char *name, uint64_t *cell)
{
	struct classctx *c = I->clsctx;
	struct pymm_op op;
	uint64_t h = 0;
	int i;

	*cell = 0;
	if (c && c->scope == I->scope) {
		if (!strcmp(name, "__class__")) {
			h = c->classcell;
		} else {
			for (i = 0; i < c->scope->frees.n; i++)
				if (!strcmp(c->scope->frees.v[i], name))
					h = c->cells[i];
		}
	}
	if (!h)
		return raise_exc(I, EX_SYSTEM, "pymm: class body has no cell for '%s'", name);
	pymm_op_init(&op, PYMM_OP_DUP);
	op.arg[0] = h;
	if (op1_raise(I, &op))
		return -1;
	*cell = op.ret[0];
	return 0;
}

/* LOAD_CLASSDEREF: a name bound in the body is the namespace's, else the cell's */
int class_deref_load(struct interp *I, const char *name, struct value *out)
{
	struct pymm_op op;
	uint64_t cell;

	pymm_op_init(&op, PYMM_OP_NAME_LOOKUP);
	op.flags = PYMM_OPF_LOCAL;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1_name(I, &op, name))
		return -1;
	if (!op.error) {
		*out = vobj(op.ret[0], true);
		return 0;
	}
	if (op.error != -ENOENT && op.exc != PYMM_EXC_NAME_ERROR)
		return raise_op(I, &op, NULL);
	if (class_cell(I, name, &cell))
		return -1;
	pymm_op_init(&op, PYMM_OP_CELL_GET);
	op.arg[0] = cell;
	if (op1(I, &op)) {
		queue_close(I, cell);
		return -1;
	}
	queue_close(I, cell);
	if (op.error == -ENOENT)
		return raise_exc(I, PYMM_EXC_NAME_ERROR, "cannot access free variable '%s' where "
				 "it is not associated with a value in enclosing scope", name);
	if (op.error)
		return raise_op(I, &op, NULL);
	*out = vobj(op.ret[0], true);
	return 0;
}

/*
 * A class's __qualname__ ("f.<locals>.C", "Outer.Inner"), as the reprs of
 * the class and of its instances show it; cls an instance: its class's.
 * A string to free in *out, or -1 with the exception set.
 */
int class_qualname(struct interp *I, uint64_t h, bool instance, char **out)
{
	struct objinfo oi;
	uint64_t cls = h, q;
	int err;

	if (instance && getattr_h(I, h, "__class__", &cls))
		return -1;
	err = getattr_h(I, cls, "__qualname__", &q);
	if (instance)
		queue_close(I, cls);
	if (err)
		return -1;
	err = obj_read(I, q, &oi);
	queue_close(I, q);
	if (err)
		return -1;
	*out = oi.s ? oi.s : strdup("?");
	if (!*out) {
		perror("pymmctl");
		exit(1);
	}
	return 0;
}

/* STORE_DEREF / DELETE_DEREF (v NULL) of a name the body declares nonlocal */
int class_deref_store(struct interp *I, const char *name, const struct value *v)
{
	struct pymm_op op;
	uint64_t cell;
	int err;

	if (v && need_obj(I, v))
		return -1;
	if (class_cell(I, name, &cell))
		return -1;
	if (!v) {
		pymm_op_init(&op, PYMM_OP_CELL_GET);
		op.arg[0] = cell;
		if (op1(I, &op)) {
			queue_close(I, cell);
			return -1;
		}
		if (op.error) {
			queue_close(I, cell);
			return raise_exc(I, PYMM_EXC_NAME_ERROR, "cannot access free variable "
					 "'%s' where it is not associated with a value in "
					 "enclosing scope", name);
		}
		queue_close(I, op.ret[0]);
	}
	pymm_op_init(&op, PYMM_OP_CELL_SET);
	op.arg[0] = cell;
	op.arg[1] = v ? v->h : 0;
	err = op1_raise(I, &op);
	queue_close(I, cell);
	return err;
}
