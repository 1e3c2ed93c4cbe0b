// SPDX-License-Identifier: GPL-2.0
/*
 * limits.c - CPython 3.11's compile-time nesting limits, on pymm's tree.
 *
 * python3 refuses some programs it parses: a tree deeper than its
 * compiler's recursion limit ("RecursionError: maximum recursion depth
 * exceeded during compilation"; the optimizer and the symbol table count
 * every statement and expression on the way down, 3 x the recursion limit
 * in all, the frames already running using up 3 each), and more than 20
 * loops, try blocks and with blocks nested in one function ("SyntaxError:
 * too many statically nested blocks", compile.c's CO_MAXBLOCKS).  A
 * script that python3 refuses must not run here, so the same limits are
 * checked once the module is parsed, before any pass that recurses over
 * it (symtable.c, the folder, the evaluator): past them nothing recurses.
 *
 * The walk is iterative.  pymm's tree differs from CPython's in a few
 * places, which the walk maps back so that the depths are CPython's:
 * `try/except/finally` is an S_TRYFINALLY around an S_TRY and `with a, b`
 * one S_WITH per item (one statement there), an except clause, a
 * comprehension's `for`, a parameter are not expressions, and a lambda's
 * body is its expression, not a return statement.
 *
 * Blocks (compile.c's frame blocks): a loop's body is one, a try body
 * one, an except clause's body two (the handler and its cleanup), a
 * finally body one, each with item one; a function or class body starts
 * from none.  The error points at the statement (or except clause) whose
 * block is the 21st, with carets to the end of its first line.
 */
#include <stdlib.h>
#include <string.h>

#include "ast.h"

#define MAX_STATIC_BLOCKS	20	/* CO_MAXBLOCKS */

struct lim_item {
	struct node *n;
	int depth;		/* CPython's depth of n (counted or not) */
	int blocks;		/* frame blocks open around n */
	bool check;		/* not a visit: n opens a block here (lim_try) */
};

struct lim_walk {
	const struct module *m;
	struct lim_item *v;
	size_t n, cap;
	int limit;
	bool too_deep;
	struct node *block_at;	/* the first statement past the blocks */
};

static void lim_push_item(struct lim_walk *w, struct node *n, int depth, int blocks, bool check)
{
	if (!n)
		return;
	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 256;
		struct lim_item *nv = realloc(w->v, cap * sizeof(*nv));

		if (!nv)
			abort();
		w->v = nv;
		w->cap = cap;
	}
	w->v[w->n++] = (struct lim_item){ n, depth, blocks, check };
}

static void lim_push(struct lim_walk *w, struct node *n, int depth, int blocks)
{
	lim_push_item(w, n, depth, blocks, false);
}

/* a body's statements, pushed last first so that they are met in order */
static void lim_push_vec(struct lim_walk *w, const struct nvec *v, int depth, int blocks)
{
	int i;

	for (i = v->n - 1; i >= 0; i--)
		lim_push(w, v->v[i], depth, blocks);
}

static void lim_block(struct lim_walk *w, struct node *at, int blocks)
{
	if (blocks > MAX_STATIC_BLOCKS && !w->block_at)
		w->block_at = at;
}

/* the generic children, in table order (their order does not matter) */
struct lim_generic {
	struct lim_walk *w;
	int depth, blocks;
};

static int lim_generic_child(struct node *child, void *arg)
{
	struct lim_generic *g = arg;

	lim_push(g->w, child, g->depth, g->blocks);
	return 0;
}

/* a function's parameters are not expressions; their defaults are */
static void lim_params(struct lim_walk *w, const struct nvec *params, int depth, int blocks)
{
	int i;

	for (i = 0; i < params->n; i++)
		lim_push(w, params->v[i]->name.default_value, depth, blocks);
}

/* one statement of pymm's that is part of its parent's in CPython */
static bool lim_same_stmt(const struct node *parent, const struct nvec *body)
{
	return body->n == 1 && body->v[0]->line == parent->line &&
	       body->v[0]->kind == (parent->kind == S_WITH ? S_WITH : S_TRY);
}

/*
 * compile.c's order: the body in a block, then the handlers in one more
 * (at the try), each clause's body in a third (at the clause), then else;
 * the checks go on the stack between the bodies so that the first error
 * found is the first python3 finds.
 */
static void lim_try(struct lim_walk *w, struct node *n, int d, int b)
{
	int i;

	lim_push_vec(w, &n->try_.orelse, d, b);
	for (i = n->try_.handlers.n - 1; i >= 0; i--) {
		struct node *h = n->try_.handlers.v[i];

		lim_push_vec(w, &h->handler.body, d, b + 2);
		lim_push_item(w, h, d, b + 2, true);
		lim_push_vec(w, &h->handler.types, d, b + 1);
	}
	if (n->try_.handlers.n)
		lim_push_item(w, n, d, b + 1, true);
	lim_push_vec(w, &n->try_.body, d, b + 1);
	lim_block(w, n, b + 1);
}

/* pushes n's children with their depths (d: n's children's) and blocks */
static void lim_children(struct lim_walk *w, struct node *n, int d, int b)
{
	struct lim_generic g = { w, d, b };
	int i;

	switch (n->kind) {
	case S_FOR:
		lim_push_vec(w, &n->for_.orelse, d, b);
		lim_push_vec(w, &n->for_.body, d, b + 1);
		lim_push(w, n->for_.iter, d, b);
		lim_push(w, n->for_.target, d, b);
		lim_block(w, n, b + 1);
		return;
	case S_WHILE:
		lim_push_vec(w, &n->while_.orelse, d, b);
		lim_push_vec(w, &n->while_.body, d, b + 1);
		lim_push(w, n->while_.test, d, b);
		lim_block(w, n, b + 1);
		return;
	case S_TRY:
		lim_try(w, n, d, b);
		return;
	case S_TRYFINALLY:
		lim_push_vec(w, &n->tryfinally.finalbody, d, b + 1);
		/* try/except/finally: the S_TRY inside is this statement */
		lim_push_vec(w, &n->tryfinally.body,
			     lim_same_stmt(n, &n->tryfinally.body) ? d - 1 : d, b + 1);
		lim_block(w, n, b + 1);
		return;
	case S_WITH:
		/* `with a, b:` is one statement of two items */
		lim_push_vec(w, &n->with.body, lim_same_stmt(n, &n->with.body) ? d - 1 : d, b + 1);
		lim_push(w, n->with.optional_vars, d, b);
		lim_push(w, n->with.context_expr, d, b);
		lim_block(w, n, b + 1);
		return;
	case S_DEF:
		lim_push_vec(w, &n->def.body, d, 0);
		lim_params(w, &n->def.params, d, b);
		lim_push_vec(w, &n->def.decorators, d, b);
		return;
	case N_LAMBDA:
		/* the body is one S_RETURN of the expression */
		for (i = 0; i < n->def.body.n; i++)
			lim_push(w, n->def.body.v[i]->return_.value, d, 0);
		lim_params(w, &n->def.params, d, b);
		return;
	case S_CLASS:
		lim_push_vec(w, &n->class_.body, d, 0);
		lim_push_vec(w, &n->class_.bases, d, b);
		lim_push_vec(w, &n->class_.decorators, d, b);
		return;
	case N_COMP:
		for (i = n->comp.generators.n - 1; i >= 0; i--) {
			struct node *f = n->comp.generators.v[i];

			lim_push_vec(w, &f->compfor.ifs, d, b);
			lim_push(w, f->compfor.iter, d, b);
			lim_push(w, f->compfor.target, d, b);
		}
		lim_push(w, n->comp.value, d, b);
		lim_push(w, n->comp.elt, d, b);
		return;
	default:
		ast_for_children(n, lim_generic_child, &g);
		return;
	}
}

static void lim_walk(struct lim_walk *w, int start_depth)
{
	lim_push_vec(w, &w->m->body, start_depth + 1, 0);
	while (w->n) {
		struct lim_item it = w->v[--w->n];

		if (it.check) {
			lim_block(w, it.n, it.blocks);
			continue;
		}
		if (it.depth + (it.n->kind == N_CONST ? it.n->folded : 0) > w->limit) {
			w->too_deep = true;
			return;
		}
		lim_children(w, it.n, it.depth + 1, it.blocks);
	}
}

/* the first line of the statement at, as 3.11 underlines it */
static void lim_block_error(const struct module *m, const struct node *at,
			    struct parse_error *err)
{
	const char *s = m->lines[at->line - 1], *end = strchr(s, '\n');
	int len = end ? (int)(end - s) : (int)strlen(s), indent = 0;

	while (indent < len && (s[indent] == ' ' || s[indent] == '\t'))
		indent++;
	while (len > indent && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	err->line = at->line;
	err->col = indent + 1;
	err->end_col = len + 1;
	err->kind = "SyntaxError";
	snprintf(err->msg, sizeof(err->msg), "too many statically nested blocks");
}

int ast_check_limits(const struct module *m, int start_depth, int limit,
		     struct parse_error *err)
{
	struct lim_walk w = { .m = m, .limit = limit };

	lim_walk(&w, start_depth);
	free(w.v);
	if (w.too_deep) {
		memset(err, 0, sizeof(*err));
		err->kind = "RecursionError";
		snprintf(err->msg, sizeof(err->msg),
			 "maximum recursion depth exceeded during compilation");
		return -1;
	}
	if (w.block_at) {
		lim_block_error(m, w.block_at, err);
		return -1;
	}
	return 0;
}
