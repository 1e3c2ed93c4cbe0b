/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ast.h - the syntax tree of the Python subset pymmctl runs.
 *
 * The tree is built by parser.c from the tokens of lexer.c, folded like
 * CPython's AST optimizer (so that constants are the same objects CPython
 * would share), then walked by the interpreter (interp.c and its siblings).
 * A node is a common header (kind, line, text span) and a union with one
 * struct per kind, or per family of kinds of one shape: n->for_.target,
 * n->call.func, n->def.params.  enum nkind says which member a kind uses.
 * Walkers that visit every child of any node go through ast_kinds[]
 * (ast.c): a new kind is a member here and one row there.
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

/*
 * The kinds of node.  Each names the member of struct node's union that
 * holds its fields (in brackets where several kinds share one shape).
 */
enum nkind {
	/* expressions */
	N_CONST,	/* constant */
	N_NAME,		/* name: also a parameter, a keyword argument's name, an
			 * imported or declared name */
	N_ATTR,		/* attr */
	N_SUBSCR,	/* subscr */
	N_CALL,		/* call */
	N_BINOP,	/* binop */
	N_UNARY,	/* unary */
	N_BOOLOP,	/* boolop */
	N_COMPARE,	/* compare */
	N_LIST,		/* seq */
	N_TUPLE,	/* seq */
	N_DICT,		/* dict */
	N_IFEXP,	/* ifexp: body if test else orelse */
	N_LAMBDA,	/* def: params, body = one S_RETURN of the expression */
	N_STARRED,	/* starred: *value, a call argument, a display item or a target */
	/* statements */
	S_EXPR,		/* expr */
	S_ASSIGN,	/* assign */
	S_AUGASSIGN,	/* augassign */
	S_DEL,		/* del */
	S_PASS,		/* (no fields) */
	S_BREAK,	/* (no fields) */
	S_CONTINUE,	/* (no fields) */
	S_RETURN,	/* return_ */
	S_GLOBAL,	/* decl */
	S_IMPORT,	/* import: names, module NULL */
	S_IF,		/* if_ (the shape of while_) */
	S_WHILE,	/* while_ */
	S_FOR,		/* for_ */
	S_DEF,		/* def */
	S_CLASS,	/* class_ */
	S_TRY,		/* try_: its except clauses; `finally` is an S_TRYFINALLY around it */
	S_HANDLER,	/* handler: one except clause */
	/* lang: comprehensions, slices, starred, :=, raise/assert/finally */
	N_COMP,		/* comp */
	N_COMPFOR,	/* compfor: one `for target in iter if ...` of an N_COMP */
	N_SLICE,	/* slice */
	N_NAMEDEXPR,	/* namedexpr */
	N_FSTRING,	/* fstring */
	N_FVALUE,	/* fvalue */
	S_RAISE,	/* raise */
	S_ASSERT,	/* assert_ */
	S_TRYFINALLY,	/* tryfinally */
	S_IMPORTFROM,	/* import: from module import names */
	S_NONLOCAL,	/* decl */
	/* generators and context managers (generator.c, with.c) */
	N_YIELD,	/* yield: value may be NULL */
	N_YIELDFROM,	/* yield */
	S_WITH,		/* with: `with x, y:` nests one S_WITH per item */
	N_SET,		/* seq: a set display (types: sets.c) */
	N_KIND_MAX,
};

/* comparison operators in N_COMPARE ops[] */
enum cmp_op {
	CMP_EQ = 1, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE, CMP_IS, CMP_IS_NOT,
	CMP_IN, CMP_NOT_IN,
};

/* a parameter's kind (its N_NAME's param_kind), in the order a def lists them */
enum param_kind {
	P_POSONLY,	/* before '/' */
	P_POS,		/* positional or keyword */
	P_VARARGS,	/* *args */
	P_KWONLY,	/* after '*' or *args */
	P_VARKW,	/* **kwargs */
};

struct scope;
struct parse_error;
struct module;

/* S_IF and S_WHILE */
struct node_test_block {
	struct node *test;
	struct nvec body, orelse;
};

/* N_YIELD and N_YIELDFROM */
struct node_yield {
	struct node *value;	/* N_YIELD: NULL for a bare `yield` */
};

/*
 * A node: the common header, then the fields of its kind in the union
 * member its kind names (enum nkind).  Field names are CPython's
 * (Parser/Python.asdl) where it has the same thing.  Which fields of a kind
 * are child nodes is in ast_kinds[] (ast.c), for the walkers that visit
 * every child of any node.
 */
struct node {
	enum nkind kind;
	int line;
	/* expressions: where the text is, for 3.11's caret lines; col 0 unset */
	int span_line, col, span_end_line, span_end_col;
	/* N_CONST: the depth of the expression the parser folded into it,
	 * which python3's compiler still counts (limits.c); 0 a literal */
	int folded;
	union {
		struct {
			struct cval *value;
		} constant;
		struct {
			char *id;		/* NULL: a call's `**value` (its kw name) */
			int param_kind;		/* a parameter: enum param_kind */
			struct node *default_value; /* a parameter's default, or NULL */
			/* an imported name (id: the name bound): S_IMPORTFROM, the
			 * `as` name, which it binds instead; S_IMPORT, the module's
			 * full name when that differs (`import a.b`, `import a as b`) */
			struct node *alias;
			bool as_renamed;	/* S_IMPORT: `import a as b` */
		} name;
		struct {
			struct node *value;
			char *attr;
		} attr;
		struct {
			struct node *value, *slice;
		} subscr;
		struct {
			struct node *func;
			struct nvec args;	/* an N_STARRED one is *value */
			struct nvec kwvalues;	/* keyword arguments' values ... */
			struct nvec kwnames;	/* ... and names: N_NAME, id NULL for **value */
		} call;
		struct {
			struct node *left;
			int op;			/* '+', '-', '*', '/', 'f' (//), '%', ... */
			struct node *right;
		} binop;
		struct {
			int op;			/* '-', '+', '!' (not), '~' */
			struct node *operand;
		} unary;
		struct {
			int op;			/* '&' (and) / '|' (or) */
			struct nvec values;
		} boolop;
		struct {
			struct node *left;
			struct nvec comparators;
			int *ops;		/* enum cmp_op, one per comparator */
		} compare;
		struct {
			struct nvec elts;
		} seq;				/* N_LIST, N_TUPLE, N_SET */
		struct {
			struct nvec keys;	/* a NULL key: `**value` */
			struct nvec values;
		} dict;
		struct {
			struct node *test, *body, *orelse;
		} ifexp;
		struct {
			struct node *value;
		} starred;
		struct {
			struct node *value;
		} expr;				/* S_EXPR */
		struct {
			struct node *value;
			struct nvec targets;
		} assign;
		struct {
			struct node *target;
			int op;
			struct node *value;
		} augassign;
		struct {
			struct nvec targets;
		} del;
		struct {
			struct node *value;	/* may be NULL */
		} return_;
		struct {
			struct nvec names;	/* N_NAME */
		} decl;				/* S_GLOBAL, S_NONLOCAL */
		struct {
			char *module;		/* S_IMPORTFROM */
			struct nvec names;	/* N_NAME */
		} import;			/* S_IMPORT, S_IMPORTFROM */
		struct node_test_block if_;
		struct node_test_block while_;
		struct {
			struct node *target, *iter;
			struct nvec body, orelse;
		} for_;
		struct {
			char *name;		/* S_DEF */
			struct nvec body;
			struct nvec params;	/* N_NAME: param_kind, default_value */
			struct nvec decorators;	/* S_DEF: @expr, top first */
			struct scope *scope;	/* its locals */
			int block;		/* code block index */
			int defaults_slot;	/* constant defaults tuple's slot + 1, 0 none */
			struct module *mod;	/* the module it belongs to */
			bool is_method;		/* S_DEF directly in a class body */
			bool is_gen;		/* S_DEF: its body yields (a generator function) */
			int end_line;		/* S_DEF: last line of its body */
			char *qualname;		/* __qualname__ */
			int token;		/* the interpreter's code token, 0 none */
		} def;				/* S_DEF, N_LAMBDA */
		struct {
			char *name;
			struct nvec body;
			struct nvec bases;
			struct nvec decorators;	/* @expr, top first */
			struct scope *scope;	/* its names */
			int block;		/* code block index */
			char *qualname;		/* __qualname__ */
			struct module *mod;	/* the module it belongs to */
			char *fin_text;		/* __del__ print text, or NULL */
		} class_;
		struct {
			struct nvec body;
			struct nvec orelse;
			struct nvec handlers;	/* S_HANDLER */
		} try_;
		struct {
			char *name;		/* the `as` name, or NULL */
			struct nvec body;
			struct nvec types;	/* exception expressions; empty: bare except */
		} handler;
		struct {
			int kind;		/* 'l' list / 'd' dict / 's' set / 'g' generator expression */
			struct node *elt;	/* dict: the key */
			struct node *value;	/* dict: the value */
			struct nvec generators;	/* N_COMPFOR */
			struct scope *scope;	/* its targets */
			int block;		/* its code block */
		} comp;
		struct {
			struct node *target, *iter;
			struct nvec ifs;
		} compfor;
		struct {
			struct node *lower, *upper, *step;	/* each may be NULL */
		} slice;
		struct {
			struct node *target;	/* an N_NAME */
			struct node *value;
			int paren;		/* '(' when parenthesized */
		} namedexpr;
		struct {
			struct nvec values;	/* N_CONST str or N_FVALUE */
		} fstring;
		struct {
			struct node *value;
			int conversion;		/* 's', 'r', 'a' or 0 */
			struct node *format_spec;	/* an N_FSTRING, or NULL */
		} fvalue;
		struct {
			struct node *exc, *cause;	/* both may be NULL */
		} raise;
		struct {
			struct node *test, *msg;
		} assert_;
		struct {
			struct nvec body, finalbody;
		} tryfinally;
		struct node_yield yield;
		struct {
			struct node *context_expr;
			struct node *optional_vars;	/* may be NULL */
			struct nvec body;
		} with;
	};
};

/*
 * What the generic walkers (the constant folder, the dumper, symtable.c,
 * module_free, the fuzzer) need to know of a kind: its name, its child
 * nodes and lists of nodes in walking order, the string and the int the
 * dumper prints.  One row per kind in ast_kinds[] (ast.c).  Decorators are
 * not children here: S_DEF and S_CLASS walk them where they run.
 */
enum ast_field_type { AST_NONE, AST_NODE, AST_NVEC };

struct ast_field {
	enum ast_field_type type;
	unsigned short off;		/* offsetof(struct node, ...) */
};

#define AST_MAX_FIELDS 4

struct ast_kind {
	const char *name;
	struct ast_field child[AST_MAX_FIELDS];
	unsigned short str_off;		/* a char * the dump shows, 0 none */
	unsigned short op_off;		/* an int the dump shows, 0 none */
};

extern const struct ast_kind ast_kinds[N_KIND_MAX];

/*
 * Calls fn on each child of n (NULL ones included), in ast_kinds[] order,
 * until fn returns non-zero; returns that, or 0.
 */
int ast_for_children(struct node *n, int (*fn)(struct node *child, void *arg), void *arg);
/* the string a node carries (its name, attribute, module ...), or NULL */
const char *ast_str(const struct node *n);
/* a body's docstring: its first statement's string constant, or NULL */
struct node *ast_docstring(const struct nvec *body);

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
	int line;			/* 0: no location ("RecursionError", "MemoryError") */
	int col;			/* 1-based; 0: no caret */
	int end_col;			/* 1-based, exclusive: carets col..end_col; 0: one */
	char msg[200];
	const char *kind;		/* "SyntaxError", "IndentationError", ... */
};

/*
 * CPython 3.11's compile-time nesting limits (limits.c): the tree's depth
 * against the compiler's recursion limit (3 x sys.getrecursionlimit(), of
 * which start_depth is used up already), and at most 20 statically
 * nested blocks.  Returns -1 with *err filled when one is exceeded.
 */
int ast_check_limits(const struct module *m, int start_depth, int limit,
		     struct parse_error *err);
#define AST_COMPILE_DEPTH_SCALE	3	/* COMPILER_STACK_FRAME_SCALE */

/* Returns NULL and fills *err on a syntax error. */
struct module *parse_module(const char *filename, const char *text, size_t len,
			    struct parse_error *err);
/* the same, compiled where start_depth of depth_limit is used up (exec) */
struct module *parse_module_at(const char *filename, const char *text, size_t len,
			       struct parse_error *err, int start_depth, int depth_limit);
#define PYMM_DEFAULT_RECURSION_LIMIT	1000	/* a script's main module is compiled at it */
void module_free(struct module *m);
void module_eval_consts(struct module *m);
void ast_dump(const struct module *m, FILE *f);

/* helpers shared with the evaluator */
void nvec_push(struct nvec *v, struct node *n);
bool cval_equal_key(const struct cval *a, const struct cval *b);

#endif /* PYMM_SCRIPT_AST_H */
