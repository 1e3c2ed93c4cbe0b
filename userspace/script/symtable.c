// SPDX-License-Identifier: GPL-2.0
/*
 * symtable.c - which variables of a function are cells, and which are
 * free: CPython's symtable.c, reduced to what the interpreter needs.
 *
 * The parser records each function's locals (names bound in its body,
 * parameters first), its `global` and its `nonlocal` names.  This pass
 * walks every function body after the whole module is parsed and resolves
 * each name it uses that is not its own: if a function around it (not a
 * class) binds the name, the name is a cell there (the variable lives in a
 * heap cell, so that it outlives the frame) and free here and in every
 * function between (each passes the cell down in its __closure__).
 * Anything else is a global or a builtin, as before.
 *
 * A class body is a scope too, but never on the chain: the functions in
 * it do not see its names.  A name the body reads and does not bind, bound
 * in a function around it, is free in the class (LOAD_CLASSDEREF: the
 * namespace first, then the cell); so is every free variable of a function
 * or class inside it, which the class passes on (DEF_FREE_CLASS).  A
 * function directly in a class body that reads `super` or `__class__`
 * closes over the class's implicit __class__ cell, which CPython's
 * type_new fills with the new class (a cycle: class, its dict, the
 * function, its closure, the cell).
 *
 * A `nonlocal` name must be found this way: "no binding for nonlocal 'x'
 * found" otherwise, at parse time as CPython says it.  Free variables are
 * kept sorted by name, the order of co_freevars and so of __closure__.
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "ast.h"

bool nameset_has(const struct nameset *s, const char *name)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], name))
			return true;
	return false;
}

void nameset_add(struct nameset *s, const char *name, bool sorted)
{
	int i;

	if (nameset_has(s, name))
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4;
		s->v = realloc(s->v, s->cap * sizeof(char *));
		if (!s->v) {
			perror("pymmctl");
			exit(1);
		}
	}
	i = s->n;
	if (sorted)
		while (i > 0 && strcmp(s->v[i - 1], name) > 0) {
			s->v[i] = s->v[i - 1];
			i--;
		}
	s->v[i] = strdup(name);
	if (!s->v[i]) {
		perror("pymmctl");
		exit(1);
	}
	s->n++;
}

void nameset_free(struct nameset *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

/* a class body's free variables are read by load_name() (LOAD_CLASSDEREF) */
bool scope_is_deref(const struct scope *s, const char *name)
{
	return s && !s->is_class && (nameset_has(&s->frees, name) || nameset_has(&s->cells, name));
}

static bool declared_global(const struct scope *s, const char *name)
{
	int i;

	for (i = 0; i < s->ng; i++)
		if (!strcmp(s->globals[i], name))
			return true;
	return false;
}

/* the enclosing functions, outermost first */
struct chain {
	struct scope **v;
	int n;
};

struct walk {
	struct chain chain;
	struct chain comps;	/* the comprehensions we are in ... */
	int comps_base;		/* ... from this one on, in this function */
	struct parse_error *err;
	bool failed;
};

static void chain_push(struct chain *c, struct scope *s)
{
	c->v = realloc(c->v, (c->n + 1) * sizeof(*c->v));
	if (!c->v) {
		perror("pymmctl");
		exit(1);
	}
	c->v[c->n++] = s;
}

static void resolve(struct walk *w, struct scope *s, const char *name, int line)
{
	int j, k;

	if (scope_is_local(s, name) || declared_global(s, name) ||
	    nameset_has(&s->frees, name))
		return;
	/* a comprehension's target, read in its body: the comprehension's */
	for (j = w->comps_base; j < w->comps.n; j++)
		if (scope_is_local(w->comps.v[j], name))
			return;
	for (j = w->chain.n - 1; j >= 0; j--) {
		struct scope *c = w->chain.v[j];

		if (declared_global(c, name))
			break;
		if (scope_is_local(c, name) || nameset_has(&c->frees, name)) {
			if (scope_is_local(c, name))
				nameset_add(&c->cells, name, true);
			for (k = j + 1; k < w->chain.n; k++)
				nameset_add(&w->chain.v[k]->frees, name, true);
			nameset_add(&s->frees, name, true);
			return;
		}
	}
	if (nameset_has(&s->nonlocals, name) && !w->failed) {
		w->failed = true;
		w->err->line = line;
		w->err->col = 1;
		w->err->kind = "SyntaxError";
		snprintf(w->err->msg, sizeof(w->err->msg), "no binding for nonlocal '%s' found",
			 name);
	}
}

/*
 * `super` or `__class__` read in s: the method around it (s itself, or the
 * innermost function on the chain that is one) closes over its class's
 * __class__ cell (walk_def() adds it), and each function from there to s
 * passes the cell on.  No method around: a global name, as in CPython.
 */
static void class_cell_use(struct walk *w, struct scope *s)
{
	int j, k;

	if (s->cls) {
		s->uses_class = true;
		return;
	}
	for (j = w->chain.n - 1; j >= 0 && !w->chain.v[j]->cls; j--)
		;
	if (j < 0)
		return;
	w->chain.v[j]->uses_class = true;
	for (k = j + 1; k < w->chain.n; k++)
		nameset_add(&w->chain.v[k]->frees, "__class__", true);
	nameset_add(&s->frees, "__class__", true);
}

/* a free variable of a def or class in a class body is free in the class too */
static void pass_frees(struct scope *sc)
{
	struct scope *c;
	int i;

	for (i = 0; i < sc->frees.n; i++)
		if (strcmp(sc->frees.v[i], "__class__"))
			for (c = sc->cls; c; c = c->cls)
				nameset_add(&c->frees, sc->frees.v[i], true);
}

static void walk_def(struct walk *w, struct node *def);
static void walk_inner(struct walk *w, struct nvec *inner);
static void walk_comp(struct walk *w, struct scope *s, struct node *n, struct nvec *inner);

static void walk_vec(struct walk *w, struct scope *s, struct nvec *v, struct nvec *inner);

/*
 * The names node n uses in scope s (NULL: module or class level, nothing
 * to resolve); nested functions are collected in *inner, their defaults
 * and decorators resolved here.
 */
struct walk_ctx {
	struct walk *w;
	struct scope *s;
	struct nvec *inner;
};

static void walk(struct walk *w, struct scope *s, struct node *n, struct nvec *inner);

static int walk_child(struct node *child, void *arg)
{
	struct walk_ctx *c = arg;

	walk(c->w, c->s, child, c->inner);
	return 0;
}

static void walk(struct walk *w, struct scope *s, struct node *n, struct nvec *inner)
{
	struct walk_ctx ctx;
	int i;

	if (!n)
		return;
	switch (n->kind) {
	case N_NAME:
		if (s && n->name.id) {
			resolve(w, s, n->name.id, n->line);
			if (!s->is_class &&
			    (!strcmp(n->name.id, "super") || !strcmp(n->name.id, "__class__")))
				class_cell_use(w, s);
		}
		return;
	case S_DEF:
	case N_LAMBDA:
		walk_vec(w, s, &n->def.decorators, inner);
		for (i = 0; i < n->def.params.n; i++)
			walk(w, s, n->def.params.v[i]->name.default_value, inner);
		if (s && s->is_class)
			n->def.scope->cls = s;
		nvec_push(inner, n);
		return;
	case S_CLASS:
		/* decorators and bases are the enclosing scope's; the body's
		 * functions are resolved with the functions around the class */
		walk_vec(w, s, &n->class_.decorators, inner);
		walk_vec(w, s, &n->class_.bases, inner);
		if (s && s->is_class)
			n->class_.scope->cls = s;
		/* the body's own names: the function around it is on the chain */
		if (s && !s->is_class)
			chain_push(&w->chain, s);
		walk_vec(w, n->class_.scope, &n->class_.body, inner);
		if (s && !s->is_class)
			w->chain.n--;
		pass_frees(n->class_.scope);
		return;
	case N_CALL:
		walk(w, s, n->call.func, inner);
		walk_vec(w, s, &n->call.args, inner);
		walk_vec(w, s, &n->call.kwvalues, inner);	/* not kwnames: no names used */
		return;
	case N_COMP:
		walk_comp(w, s, n, inner);
		return;
	case S_GLOBAL:
	case S_IMPORT:
		return;
	case S_NONLOCAL:
		for (i = 0; i < n->decl.names.n; i++)
			if (s)
				resolve(w, s, n->decl.names.v[i]->name.id, n->line);
		return;
	default:
		break;
	}
	ctx = (struct walk_ctx){ w, s, inner };
	ast_for_children(n, walk_child, &ctx);
}

static void walk_vec(struct walk *w, struct scope *s, struct nvec *v, struct nvec *inner)
{
	int i;

	for (i = 0; i < v->n; i++)
		walk(w, s, v->v[i], inner);
}

/*
 * A comprehension is a function in CPython: its targets are its locals,
 * and a lambda or def inside it that reads one makes it a cell of the
 * comprehension (the classic `[lambda: i for i in r]` all see the last i).
 * Its body's other names are resolved in the enclosing scope s, as
 * comprehension.c captures them from there; its first iterable is s's.
 * The functions inside it are resolved at once, with s and the
 * comprehensions around it (outermost first) on the chain.
 *
 * In a class body the comprehension does not see the class's names: its
 * body's names are resolved as a function's in the class would be, free
 * in the comprehension (its frame gets their cells, comprehension.c) and
 * passed on by the class.
 */
static void walk_comp(struct walk *w, struct scope *s, struct node *n, struct nvec *inner)
{
	struct scope *bs = s && s->is_class ? n->comp.scope : s, *c;
	struct nvec *gens = &n->comp.generators;
	struct nvec cin = { 0 };
	int i, pushed = 0;

	for (i = 0; i < gens->n; i++) {
		struct node *f = gens->v[i];

		walk(w, i ? bs : s, f->compfor.iter, i ? &cin : inner);
		if (!i)
			chain_push(&w->comps, n->comp.scope);
		walk(w, bs, f->compfor.target, &cin);
		walk_vec(w, bs, &f->compfor.ifs, &cin);
	}
	walk(w, bs, n->comp.elt, &cin);
	walk(w, bs, n->comp.value, &cin);
	for (c = bs != s ? s : NULL; c; c = c->cls)
		for (i = 0; i < n->comp.scope->frees.n; i++)
			nameset_add(&c->frees, n->comp.scope->frees.v[i], true);
	if (s && !s->is_class) {
		chain_push(&w->chain, s);
		pushed++;
	}
	for (i = w->comps_base; i < w->comps.n; i++, pushed++)
		chain_push(&w->chain, w->comps.v[i]);
	walk_inner(w, &cin);
	w->chain.n -= pushed;
	if (gens->n)
		w->comps.n--;
}

static void walk_inner(struct walk *w, struct nvec *inner)
{
	int i;

	for (i = 0; i < inner->n; i++)
		walk_def(w, inner->v[i]);
	free(inner->v);
}

static void walk_def(struct walk *w, struct node *def)
{
	struct nvec inner = { 0 };
	int i, base = w->comps_base;

	/* a new function: the comprehensions around it are on the chain now */
	w->comps_base = w->comps.n;
	/* nonlocal names first: they must resolve even if never used */
	for (i = 0; i < def->def.scope->nonlocals.n; i++)
		resolve(w, def->def.scope, def->def.scope->nonlocals.v[i], def->line);
	walk_vec(w, def->def.scope, &def->def.body, &inner);
	chain_push(&w->chain, def->def.scope);
	walk_inner(w, &inner);
	w->chain.n--;
	w->comps_base = base;
	if (def->def.scope->cls && def->def.scope->uses_class) {
		nameset_add(&def->def.scope->frees, "__class__", true);
		def->def.scope->cls->classcell = true;
	}
	pass_frees(def->def.scope);
}

int symtable_resolve(struct module *m, struct parse_error *err)
{
	struct walk w = { .err = err };
	struct nvec inner = { 0 };

	walk_vec(&w, NULL, &m->body, &inner);
	walk_inner(&w, &inner);
	free(w.chain.v);
	free(w.comps.v);
	return w.failed ? -1 : 0;
}
