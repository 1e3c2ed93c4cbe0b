// SPDX-License-Identifier: GPL-2.0
/*
 * comprehension.c - list and dict comprehensions and generator expressions.
 *
 * CPython 3.11 compiles a comprehension into a function called once, and
 * this file makes the same objects in the same order:
 *
 *   MAKE_FUNCTION   a function object "<listcomp>" (GC-tracked: gen0 +1)
 *   GET_ITER        the first iterable, evaluated in the enclosing scope,
 *                   turned into its iterator (iter.c; GC-tracked: +1)
 *   CALL            a frame whose local ".0" is that iterator; the targets
 *                   are locals of this frame, never of the enclosing scope
 *   BUILD_LIST/MAP  the result, filled item by item (LIST_APPEND/MAP_ADD)
 *   RETURN          the frame goes (".0", then the targets, are dropped),
 *                   then the function object dies (gen0 -1 each)
 *
 * so gc.get_count() inside and after a comprehension moves as CPython's
 * does, up to what pymm's frames cost (a frame's locals are a dict in the
 * heap: docs/pymmctl.md).
 *
 * Names the comprehension reads that are locals of the enclosing function
 * (or targets of an enclosing comprehension) are CPython cells; here their
 * values are looked up once, before the frame is pushed, and held for the
 * comprehension's run (one extra reference while it runs, where CPython's
 * cell replaces the fast local).
 *
 * A generator expression is run the same way but at once, its items
 * collected into a list that the consuming call or for loop then gets:
 * pymm has no generator objects (docs/pymmctl.md says what differs: the
 * consumer sees every item made before it starts).  Anywhere else a
 * generator expression is refused.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* a name visible here that the comprehension must capture? */
static bool visible_local(struct interp *I, const char *name)
{
	struct comp_ctx *c;
	int i;

	/* a local, or a cell or free variable of the function around; a
	 * class body's names are not (its frees are the comprehension's own) */
	if (!(I->scope && I->scope->is_class) &&
	    (name_is_local(I, name) || scope_is_deref(I->scope, name)))
		return true;
	for (c = I->comp; c; c = c->outer)
		for (i = 0; i < c->n; i++)
			if (!strcmp(c->names[i], name))
				return true;
	return false;
}

struct capture {
	struct interp *I;
	struct scope *own;
	struct comp_ctx *cx;
};

static int capture_child(struct node *n, void *arg);

static void capture_names(struct interp *I, struct node *n, struct scope *own,
			  struct comp_ctx *cx)
{
	struct capture c = { I, own, cx };
	int i;

	if (!n)
		return;
	if (n->kind == N_NAME && !scope_is_local(own, n->name.id) && visible_local(I, n->name.id)) {
		struct value v;

		for (i = 0; i < cx->n; i++)
			if (!strcmp(cx->names[i], n->name.id))
				return;
		if (load_name(I, n->name.id, &v)) {
			/* unbound: the comprehension's own lookup reports it */
			I->exc = EX_NONE;
			return;
		}
		if (v.kind != V_OBJ) {
			vrelease(I, &v);
			return;
		}
		if (!v.owned) {
			struct pymm_op op;

			pymm_op_init(&op, PYMM_OP_DUP);
			op.arg[0] = v.h;
			if (op1(I, &op) || op.error)
				return;
			v = vobj(op.ret[0], true);
		}
		cx->names = xrealloc(cx->names, (cx->n + 1) * sizeof(char *));
		cx->hs = xrealloc(cx->hs, (cx->n + 1) * sizeof(uint64_t));
		cx->names[cx->n] = n->name.id;
		cx->hs[cx->n++] = v.h;
		return;
	}
	ast_for_children(n, capture_child, &c);
}

static int capture_child(struct node *n, void *arg)
{
	struct capture *c = arg;

	capture_names(c->I, n, c->own, c->cx);
	return 0;
}

/* load_name's first stop while a comprehension runs: 1 = not ours */
int comp_load(struct interp *I, const char *name, struct value *out)
{
	struct comp_ctx *c = I->comp;
	int i;

	if (!c || name_is_local(I, name))
		return 1;
	for (i = 0; i < c->n; i++)
		if (!strcmp(c->names[i], name)) {
			*out = vobj(c->hs[i], false);
			return 0;
		}
	return 1;
}

static int comp_assign(struct interp *I, struct node *t, struct value *v);

/* the for clauses from the k-th on, then the element */
static int comp_loop(struct interp *I, struct node *c, int k, struct py_iter *first,
		     uint64_t result)
{
	struct node *f = c->comp.generators.v[k];
	struct py_iter it;
	int err = 0, i;

	if (k == 0) {
		it = *first;
	} else if (iter_node(I, f->compfor.iter, &it)) {
		return -1;
	}
	for (;;) {
		struct value item;
		bool done, ok = true;

		if (iter_next(I, &it, &item, &done)) {
			err = -1;
			break;
		}
		if (done)
			break;
		err = comp_assign(I, f->compfor.target, &item);
		vrelease(I, &item);
		for (i = 0; !err && ok && i < f->compfor.ifs.n; i++)
			err = eval_truth(I, f->compfor.ifs.v[i], &ok);
		if (err)
			break;
		if (!ok)
			continue;
		if (k + 1 < c->comp.generators.n) {
			err = comp_loop(I, c, k + 1, NULL, result);
		} else {
			struct value e, val = { 0 };
			struct pymm_op op;

			if (eval(I, c->comp.elt, &e)) {
				err = -1;
				break;
			}
			if (c->comp.kind == 'd' && eval(I, c->comp.value, &val)) {
				vrelease(I, &e);
				err = -1;
				break;
			}
			if (!result) {
				/* a generator expression's element is yielded */
				err = gen_yield(I, &e);
				if (err)
					break;
				continue;
			}
			err = need_obj(I, &e) || (c->comp.kind == 'd' && need_obj(I, &val));
			if (!err) {
				pymm_op_init(&op, c->comp.kind == 'd' ? PYMM_OP_SETITEM :
					     c->comp.kind == 's' ? PYMM_OP_SET_ADD : PYMM_OP_APPEND);
				op.arg[0] = result;
				op.arg[1] = e.h;
				if (c->comp.kind == 'd')
					op.arg[2] = val.h;
				err = op1(I, &op);
				if (!err && op.error && op.exc == PYMM_EXC_TYPE_ERROR &&
				    (c->comp.kind == 'd' || c->comp.kind == 's')) {
					uint32_t t = 0;

					err = obj_type(I, e.h, &t) ? -1 :
					      raise_exc(I, PYMM_EXC_TYPE_ERROR,
							"unhashable type: '%s'", type_name(t));
				} else if (!err && op.error) {
					err = raise_op(I, &op, NULL);
				}
			}
			vrelease(I, &e);
			vrelease(I, &val);
		}
		if (err)
			break;
	}
	if (k)
		iter_release(I, &it);
	return err;
}

/* a generator expression's body, run by its generator (generator.c) */
int genexp_body(struct interp *I, struct node *n, struct py_iter *first)
{
	return comp_loop(I, n, 0, first, 0);
}

void comp_ctx_free(struct interp *I, struct comp_ctx *cx)
{
	int i;

	if (!cx)
		return;
	for (i = 0; i < cx->n; i++)
		queue_close(I, cx->hs[i]);
	free(cx->names);
	free(cx->hs);
	free(cx);
}

/* the targets are the frame's locals: assign() with the comprehension's
 * scope in force binds them there */
static int comp_assign(struct interp *I, struct node *t, struct value *v)
{
	return lang_assign_target(I, t, v);
}

int eval_comp(struct interp *I, struct node *n, struct value *out)
{
	static const char *const names[] = { ['l'] = "<listcomp>", ['d'] = "<dictcomp>",
					      ['s'] = "<setcomp>", ['g'] = "<genexpr>",
					      ['G'] = "<genexpr>" };
	const char *name = names[n->comp.kind];
	struct comp_ctx cx = { .outer = I->comp };
	struct scope *saved_scope = I->scope;
	const char *saved_func = I->func;
	uint64_t saved_fn = I->cur_fn;
	struct value fn = { 0 }, result = { 0 };
	struct py_iter first;
	struct pymm_op ops[1];
	uint64_t *cells;
	int err, i;

	if (I->depth >= MAX_DEPTH)
		return raise_exc(I, PYMM_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
	/* MAKE_FUNCTION: the code token names this node (call.c refuses to
	 * call it: only this file runs a comprehension) */
	pymm_op_init(&ops[0], PYMM_OP_NEW_FUNCTION);
	ops[0].arg[0] = def_token_new(I, n);
	pymm_op_set_data(&ops[0], name, strlen(name));
	if (op1_raise(I, &ops[0]))
		return -1;
	fn = vobj(ops[0].ret[0], true);
	/* the first iterable belongs to the enclosing scope */
	if (iter_node(I, n->comp.generators.v[0]->compfor.iter, &first)) {
		vrelease(I, &fn);
		return -1;
	}
	capture_names(I, n, n->comp.scope, &cx);
	if (I->exc) {
		err = -1;
		goto out_iter;
	}
	/*
	 * CALL: the frame.  Its ".0" (the iterator) stays this file's handle:
	 * no script can name it, it is the iterator's only reference as the
	 * frame's is in CPython, and it is closed just before the frame goes,
	 * as _PyFrame_Clear drops ".0" before the targets.
	 */
	if (comp_cells_take(I, &n->comp.scope->frees, &cells)) {
		err = -1;
		goto out_iter;
	}
	pymm_op_init(&ops[0], PYMM_OP_FRAME_PUSH);
	pymm_op_set_data(&ops[0], name, strlen(name));
	if (op1_raise(I, &ops[0])) {
		close_many(I, cells, n->comp.scope->frees.n);
		free(cells);
		err = -1;
		goto out_iter;
	}
	if (comp_cells_bind(I, &n->comp.scope->frees, cells)) {
		struct pymm_op pop;

		pymm_op_init(&pop, PYMM_OP_FRAME_POP);
		op1(I, &pop);
		err = -1;
		goto out_iter;
	}
	frame_line_note(I, ops[0].ret[0], 0);
	if (n->comp.kind == 'g' || n->comp.kind == 'G') {
		/* RETURN_GENERATOR: the frame, ".0" and the captures go to it */
		struct comp_ctx *gcx = malloc(sizeof(*gcx));

		if (!gcx) {
			perror("pymmctl");
			exit(1);
		}
		*gcx = cx;
		gcx->outer = NULL;
		err = gen_new(I, fn.h, n, &first, gcx, &result);
		if (err) {
			struct pymm_op pop;

			pymm_op_init(&pop, PYMM_OP_FRAME_POP);
			op1(I, &pop);
			free(gcx);
			goto out_iter;
		}
		vrelease(I, &fn);
		*out = result;
		return 0;
	}
	I->scope = n->comp.scope;
	I->func = name;
	I->cur_fn = 0;
	I->comp = &cx;
	I->depth++;
	if (n->comp.kind == 's')
		err = set_new_empty(I, &result);
	else
		err = new_container(I, n->comp.kind == 'd' ? PYMM_OP_NEW_DICT : PYMM_OP_NEW_LIST, NULL,
				    0, &result);
	if (!err)
		err = comp_loop(I, n, 0, &first, result.h);
	I->depth--;
	I->comp = cx.outer;
	I->scope = saved_scope;
	I->func = saved_func;
	I->cur_fn = saved_fn;
	if (err) {
		tb_push(I, I->line, name);
		hold_frame_object(I, 0);
		vrelease(I, &result);
	}
	/* ".0" first, then the frame's locals */
	iter_release(I, &first);
	{
		struct pymm_op pop;
		struct exc_saved saved;

		exc_stash(I, &saved);
		pymm_op_init(&pop, PYMM_OP_FRAME_POP);
		if (op1(I, &pop) && !err)
			err = -1;
		if (err && saved.exc)
			exc_unstash(I, &saved);
		else if (saved.obj)
			queue_close(I, saved.obj);
	}
	goto out;
out_iter:
	iter_release(I, &first);
out:
	for (i = 0; i < cx.n; i++)
		queue_close(I, cx.hs[i]);
	free(cx.names);
	free(cx.hs);
	vrelease(I, &fn);
	if (err)
		return -1;
	*out = result;
	return 0;
}
