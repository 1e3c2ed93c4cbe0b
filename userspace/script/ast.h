/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ast.h - the syntax tree of the Python subset pymmctl runs.
 *
 * The tree is built by parser.c from the tokens of lexer.c, folded like
 * CPython's AST optimizer (so that constants are the same objects CPython
 * would share), then walked by the interpreter (interp.c and its siblings).  One generic node type keeps the
 * parser, folder, dumper and evaluator short; which fields a kind uses is
 * listed next to the kind.
 */
#ifndef PYMM_SCRIPT_AST_H
#define PYMM_SCRIPT_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- constants (values known before running: literals and folds) */
enum cval_kind {
	CV_NONE,
	CV_TRUE,
	CV_FALSE,
	CV_INT,
	CV_FLOAT,
	CV_STR,
	CV_BYTES,
	CV_TUPLE,
	CV_ELLIPSIS,	/* `...`: a singleton, as CV_NONE (ellipsis.c) */
};

struct cval {
	enum cval_kind kind;
	int64_t i;
	double f;
	char *s;		/* str (UTF-8) / bytes, NUL-terminated copy */
	size_t len;
	struct cval **elts;	/* tuple */
	int n;
	int slot;		/* index into the script's constant table, -1 none */
};

struct nvec {
	struct node **v;
	int n, cap;
};

enum nkind {
	/* expressions */
	N_CONST,	/* k */
	N_NAME,		/* str */
	N_ATTR,		/* a.str */
	N_SUBSCR,	/* a[b] */
	N_CALL,		/* a(list...), kw names in list3 (N_NAME; str NULL: **value),
			 * values list2; a positional N_STARRED is *value */
	N_BINOP,	/* a op b; op = '+', '-', '*', '/', 'f' (//), '%' */
	N_UNARY,	/* op a; op = '-', '+', '!' (not) */
	N_BOOLOP,	/* op = '&' (and) / '|' (or); list = operands */
	N_COMPARE,	/* a, then list (operands) with ops[] */
	N_LIST,		/* list */
	N_TUPLE,	/* list */
	N_DICT,		/* list = keys, list2 = values */
	N_IFEXP,	/* b if a else c */
	N_LAMBDA,	/* as S_DEF: list3 = params, list = one S_RETURN of the body */
	N_STARRED,	/* *a: a call argument, a display item or a target */
	/* statements */
	S_EXPR,		/* a */
	S_ASSIGN,	/* list = targets, a = value */
	S_AUGASSIGN,	/* a op= b */
	S_DEL,		/* list = targets */
	S_PASS,
	S_BREAK,
	S_CONTINUE,
	S_RETURN,	/* a (may be NULL) */
	S_GLOBAL,	/* list = N_NAME */
	S_IMPORT,	/* list = N_NAME (modules) */
	S_IF,		/* a = test, list = body, list2 = orelse */
	S_WHILE,	/* a = test, list = body, list2 = orelse */
	S_FOR,		/* a = target, b = iterable, list = body, list2 = orelse */
	S_DEF,		/* str = name, list3 = params (N_NAME: op = enum param_kind,
			 * a = default or NULL), list = body, decorators */
	S_CLASS,	/* str = name, list = body, list2 = bases, scope = its names */
	S_TRY,		/* list = body, list3 = handlers (S_HANDLER), list2 = else */
	S_HANDLER,	/* list3 = exception names (empty: bare except), list = body,
			 * str = the `as` name or NULL */
	/* lang: comprehensions, slices, starred, :=, raise/assert/finally */
	N_COMP,		/* op = 'l' list / 'd' dict / 's' set / 'g' generator expression;
			 * a = element (dict: key), b = dict value, list = N_COMPFOR;
			 * scope = its targets, block = its code block */
	N_COMPFOR,	/* for a in b, list = ifs */
	N_SLICE,	/* a:b:c, each may be NULL */
	N_NAMEDEXPR,	/* a := b (a is an N_NAME); op '(' when parenthesized */
	N_FSTRING,	/* list = parts: N_CONST str or N_FVALUE */
	N_FVALUE,	/* {a!op:b}: op = 's', 'r', 'a' or 0; b = spec N_FSTRING or NULL */
	S_RAISE,	/* raise a from b (both may be NULL) */
	S_ASSERT,	/* assert a, b */
	S_TRYFINALLY,	/* list = body, list2 = finally body */
	S_IMPORTFROM,	/* from str import list (N_NAME) */
	S_NONLOCAL,	/* list = N_NAME */
	/* generators and context managers (generator.c, with.c) */
	N_YIELD,	/* yield a (a may be NULL) */
	N_YIELDFROM,	/* yield from a */
	S_WITH,		/* with a as b (b may be NULL): list = body; `with x, y:`
			 * nests one S_WITH per item */
	N_SET,		/* {list}: a set display (types: sets.c) */
	N_KIND_MAX,
};

/* comparison operators in N_COMPARE ops[] */
enum cmp_op {
	CMP_EQ = 1, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE, CMP_IS, CMP_IS_NOT,
	CMP_IN, CMP_NOT_IN,
};

/* a parameter's kind (its N_NAME's op), in the order a def lists them */
enum param_kind {
	P_POSONLY,	/* before '/' */
	P_POS,		/* positional or keyword */
	P_VARARGS,	/* *args */
	P_KWONLY,	/* after '*' or *args */
	P_VARKW,	/* **kwargs */
};

struct scope;
struct parse_error;

struct node {
	enum nkind kind;
	int line;
	/* expressions: where the text is, for 3.11's caret lines; col 0 unset */
	int span_line, col, span_end_line, span_end_col;
	int op;
	char *str;
	struct node *a, *b, *c;
	struct nvec list, list2, list3;
	int *ops;			/* N_COMPARE */
	struct cval *k;			/* N_CONST */
	struct scope *scope;		/* S_DEF: its locals */
	int block;			/* S_DEF: code block index */
	int defaults_slot;		/* S_DEF, N_LAMBDA: constant defaults tuple's slot + 1, 0 none */
	char *fin_text;			/* S_CLASS: __del__ print text, or NULL */
	bool has_fin;			/* S_CLASS: defines __del__ */
	struct node *fin_def;		/* S_CLASS: the __del__ def */
	struct module *mod;		/* S_DEF: the module it belongs to */
	bool is_method;			/* S_DEF directly in a class body */
	int end_line;			/* S_DEF: last line of its body */
	struct nvec decorators;		/* S_DEF, S_CLASS: @expr, top first */
	char *qualname;			/* S_DEF, N_LAMBDA, S_CLASS: __qualname__ */
	int token;			/* S_DEF, N_LAMBDA: the interpreter's code token, 0 none */
	bool is_gen;			/* S_DEF: its body yields (a generator function) */
};

/* a set of names, in insertion order (or sorted, where said) */
struct nameset {
	char **v;
	int n, cap;
};

bool nameset_has(const struct nameset *s, const char *name);
void nameset_add(struct nameset *s, const char *name, bool sorted);
void nameset_free(struct nameset *s);

/* Function locals: names assigned in the body (CPython's symtable, reduced). */
struct scope {
	char **names;
	int n, cap;
	char **globals;			/* declared `global` */
	int ng, gcap;
	bool is_class;			/* a class body: LOAD_NAME, not LOAD_FAST */
	bool is_exec;			/* exec(src, d)'s module: every name is d's */
	/* closures (symtable.c): CPython's symtable, for nested functions */
	struct nameset nonlocals;	/* declared `nonlocal` (never local) */
	struct nameset cells;		/* locals an inner function reads: cells */
	struct nameset frees;		/* variables of enclosing functions, sorted
					 * as co_freevars (the __closure__ order) */
	int nparams;			/* the first nparams names are the parameters */
	/* classes in functions and classes (symtable.c) */
	struct scope *cls;		/* a def or class directly in a class body: that class */
	bool uses_class;		/* a def reading `super` or `__class__`: it closes
					 * over its class's __class__ cell */
	bool classcell;			/* a class some method of which does that */
};

bool scope_is_local(const struct scope *s, const char *name);
/* a cell or free variable: LOAD_DEREF, not LOAD_FAST */
bool scope_is_deref(const struct scope *s, const char *name);
/* symtable.c: resolves free variables; SyntaxError for a bad nonlocal */
int symtable_resolve(struct module *m, struct parse_error *err);

/* A parsed file. */
struct module {
	const char *filename;
	char *src;			/* whole text */
	char **lines;			/* lines[i] = start of line i+1 */
	int nlines;
	struct nvec body;
	/* constants, deduplicated file-wide like CPython's compiler does */
	struct cval **consts;
	int nconsts, cconsts;
	/* per code block (0 = module; then each def), the constant slots its
	 * co_consts holds: one reference each while the script runs */
	int **block_consts;
	int *block_nconsts;
	int nblocks;
	/* slots that came from a literal in the text (CPython's AST arena
	 * holds one more reference to those while the module runs) */
	bool *const_from_ast;
	/* every name bound at module level or declared global somewhere: a
	 * builtin name not in here can never be shadowed */
	struct scope *mod_scope;
	/* parse_module()'s filename when the evaluator allocated it */
	char *owned_filename;
	/* the evaluator's handles of consts[] (free()d with the module) */
	uint64_t *const_h;
	/* every node and constant, for module_free() */
	void *nodes, *cvals;
	/* a def named __setattr__, __delattr__ or __getattribute__: the
	 * evaluator asks classes for them (reflect.c) */
	bool attr_hooks;
	bool descr_hooks;		/* __get__, __set__, __delete__, __set_name__ */
};

struct parse_error {
	int line;
	int col;
	char msg[200];
	const char *kind;		/* "SyntaxError", "IndentationError" */
};

/* Returns NULL and fills *err on a syntax error. */
struct module *parse_module(const char *filename, const char *text, size_t len,
			    struct parse_error *err);
void module_free(struct module *m);
void module_eval_consts(struct module *m);
void ast_dump(const struct module *m, FILE *f);

/* helpers shared with the evaluator */
void nvec_push(struct nvec *v, struct node *n);
bool cval_equal_key(const struct cval *a, const struct cval *b);

#endif /* PYMM_SCRIPT_AST_H */
