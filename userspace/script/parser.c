// SPDX-License-Identifier: GPL-2.0
/*
 * parser.c - recursive descent over the tokens of lexer.c, producing the tree
 * of ast.h for the Python subset pymm runs.
 *
 * Besides the tree, the parser reproduces the three compile-time decisions
 * of CPython 3.11 that a script can observe through id(), `is` and
 * sys.getrefcount():
 *
 *   - constant folding (Python/ast_opt.c): `-5`, `2 * 3`, `'a' + 'b'`,
 *     `(1, 2)` become single constants;
 *   - constant merging (Python/compile.c, merge_consts_recursive): equal
 *     constants of the same type are one object for the whole file, so
 *     `x = 1000; y = 1000; x is y` is True;
 *   - who holds constants: each code object's co_consts holds one reference
 *     to each constant it loads, and the parser's arena one more to each
 *     literal until the module finishes.  A list display of more than two
 *     constants loads them as one tuple constant; a dict display of two or
 *     more constant keys loads its keys as one tuple.
 *
 * The evaluator turns the table built here (module->consts, block_consts,
 * const_from_ast) into heap objects and handles before running a line.
 *
 * Scopes are the reduced symtable of a def: every name assigned, deleted,
 * imported or bound by for/def/class in its body is local unless declared
 * global.  Nested functions and closures are refused.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "lexer.h"

/*
 * Every node and constant is recorded here while a module is parsed and freed
 * with it, so that error paths (a half-built tree) leak nothing.
 */
struct registry {
	void **v;
	int n, cap;
};

static struct registry *cur_nodes, *cur_cvals;

static void reg_add(struct registry *r, void *p)
{
	if (!r)
		return;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->v = realloc(r->v, r->cap * sizeof(void *));
		if (!r->v) {
			perror("pymmctl");
			exit(1);
		}
	}
	r->v[r->n++] = p;
}

struct parser {
	struct token_list toks;
	int pos;
	bool no_spans;			/* an f-string's field: its columns are not the line's */
	struct parse_error *err;
	struct module *m;
	struct scope *scope;		/* current def, NULL at module level */
	int def_depth;
	int loop_depth;
	char *qual;			/* qualname prefix of a def here ("f.<locals>.") */
	bool in_class;
	bool failed;
	int comp_depth;			/* inside a comprehension */
	struct node *def;		/* the def being parsed (yield marks it), or NULL */
	int in_lambda;			/* inside a lambda's body */
	int level;			/* nesting of the recursive rules (level_enter) */
};

static void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz);

	if (!p) {
		perror("pymmctl");
		exit(1);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p) {
		perror("pymmctl");
		exit(1);
	}
	return p;
}

void nvec_push(struct nvec *v, struct node *n)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 4;
		v->v = realloc(v->v, v->cap * sizeof(*v->v));
		if (!v->v) {
			perror("pymmctl");
			exit(1);
		}
	}
	v->v[v->n++] = n;
}

static struct token *cur(struct parser *p)
{
	return &p->toks.v[p->pos];
}

/* n covers the tokens from start to the last one taken (set once: the
 * innermost parse of a node knows its text without enclosing parens) */
static struct node *span(struct parser *p, struct node *n, int start)
{
	const struct token *a = &p->toks.v[start], *z = &p->toks.v[p->pos - 1];

	if (n && !n->col && p->pos > start && !p->no_spans) {
		n->span_line = a->line;
		n->col = a->col;
		n->span_end_line = z->end_line;
		n->span_end_col = z->end_col;
	}
	return n;
}

static struct token *peek(struct parser *p, int k)
{
	int i = p->pos + k;

	if (i >= p->toks.n)
		i = p->toks.n - 1;
	return &p->toks.v[i];
}

static struct node *fail(struct parser *p, const char *kind, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return NULL;
	p->failed = true;
	p->err->line = cur(p)->line;
	p->err->col = cur(p)->col;
	p->err->kind = kind;
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	return NULL;
}

/*
 * CPython 3.11's parser gives up past MAXSTACK (6000) levels of its rules
 * with a bare MemoryError; pymm's recursive descent must stop somewhere
 * too, before the C stack does.  The rules that can nest without brackets
 * (brackets stop at 200, lexer.c) count here as CPython's do: a unary
 * operator, `not` and an `else` arm one level, `**` and `lambda` two, so
 * that python3's thresholds are pymm's (5968 minus signs; 2984 powers or
 * lambdas) within a level or two.  Beyond the levels, the tree's depth is
 * checked against the compiler's limit (limits.c).
 */
#define PARSER_MAXLEVEL	5968

static bool level_enter(struct parser *p, int cost)
{
	p->level += cost;
	if (p->level <= PARSER_MAXLEVEL)
		return true;
	if (!p->failed) {
		p->failed = true;
		p->err->line = 0;	/* no location: 3.11 prints "MemoryError" alone */
		p->err->col = 0;
		p->err->kind = "MemoryError";
		p->err->msg[0] = '\0';
	}
	return false;
}

static struct node *syntax(struct parser *p)
{
	return fail(p, "SyntaxError", "invalid syntax");
}

static bool is_op(struct parser *p, const char *s)
{
	struct token *t = cur(p);

	return t->kind == T_OP && !strcmp(t->text, s);
}

static bool is_kw(struct parser *p, const char *s)
{
	struct token *t = cur(p);

	return t->kind == T_NAME && !strcmp(t->text, s);
}

static bool is_op_at(struct parser *p, int k, const char *s)
{
	struct token *t = peek(p, k);

	return t->kind == T_OP && !strcmp(t->text, s);
}

static bool accept_op(struct parser *p, const char *s)
{
	if (is_op(p, s)) {
		p->pos++;
		return true;
	}
	return false;
}

static bool accept_kw(struct parser *p, const char *s)
{
	if (is_kw(p, s)) {
		p->pos++;
		return true;
	}
	return false;
}

static bool expect_op(struct parser *p, const char *s)
{
	if (accept_op(p, s))
		return true;
	if (s[0] == ')' || s[0] == ']' || s[0] == '}')
		fail(p, "SyntaxError", "'%c' was never closed", s[0] == ')' ? '(' :
		     s[0] == ']' ? '[' : '{');
	else if (s[0] == ':')
		fail(p, "SyntaxError", "expected ':'");
	else
		syntax(p);
	return false;
}

static const char *const keywords[] = {
	"False", "None", "True", "and", "as", "assert", "async", "await", "break",
	"class", "continue", "def", "del", "elif", "else", "except", "finally",
	"for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
	"not", "or", "pass", "raise", "return", "try", "while", "with", "yield", NULL
};

static bool is_keyword(const char *s)
{
	const char *const *k;

	for (k = keywords; *k; k++)
		if (!strcmp(*k, s))
			return true;
	return false;
}

static struct node *new_node(struct parser *p, enum nkind kind, int line)
{
	struct node *n = xcalloc(1, sizeof(*n));

	(void)p;
	n->kind = kind;
	n->line = line;
	reg_add(cur_nodes, n);
	return n;
}

static struct cval *new_cval(enum cval_kind kind)
{
	struct cval *k = xcalloc(1, sizeof(*k));

	k->kind = kind;
	k->slot = -1;
	reg_add(cur_cvals, k);
	return k;
}

static struct node *const_node(struct parser *p, struct cval *k, int line)
{
	struct node *n = new_node(p, N_CONST, line);

	n->constant.value = k;
	return n;
}

/* k folded from an operator on operands a and b (b may be NULL) */
static struct node *folded_node(struct parser *p, struct cval *k, int line,
				const struct node *a, const struct node *b)
{
	struct node *n = const_node(p, k, line);
	int below = a->folded;

	if (b && b->folded > below)
		below = b->folded;
	n->folded = below + 1;
	return n;
}

/* ------------------------------------------------------------ scopes */

bool scope_is_local(const struct scope *s, const char *name)
{
	int i;

	if (!s)
		return false;
	for (i = 0; i < s->ng; i++)
		if (!strcmp(s->globals[i], name))
			return false;
	if (nameset_has(&s->nonlocals, name))
		return false;
	for (i = 0; i < s->n; i++)
		if (!strcmp(s->names[i], name))
			return true;
	return false;
}

static struct scope *cur_mod_scope;

static void scope_add(struct scope *s, const char *name)
{
	int i;

	if (!s)
		s = cur_mod_scope;
	if (!s)
		return;
	for (i = 0; i < s->n; i++)
		if (!strcmp(s->names[i], name))
			return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->names = realloc(s->names, s->cap * sizeof(char *));
		if (!s->names) {
			perror("pymmctl");
			exit(1);
		}
	}
	s->names[s->n++] = xstrdup(name);
}

static void scope_add_global(struct scope *s, const char *name)
{
	if (s->ng == s->gcap) {
		s->gcap = s->gcap ? s->gcap * 2 : 4;
		s->globals = realloc(s->globals, s->gcap * sizeof(char *));
		if (!s->globals) {
			perror("pymmctl");
			exit(1);
		}
	}
	s->globals[s->ng++] = xstrdup(name);
}

/* Records the names a target binds in the current scope. */
static void bind_target(struct parser *p, struct node *t)
{
	int i;

	if (!t)
		return;
	if (t->kind == N_NAME)
		scope_add(p->scope, t->name.id);
	else if (t->kind == N_STARRED)
		bind_target(p, t->starred.value);
	else if (t->kind == N_TUPLE || t->kind == N_LIST)
		for (i = 0; i < t->seq.elts.n; i++)
			bind_target(p, t->seq.elts.v[i]);
}

/* a module's name, `a` or `a.b.c`: a new string, NULL on a syntax error */
static char *parse_dotted(struct parser *p)
{
	char *s = NULL;
	size_t n = 0, k;

	for (;;) {
		if (cur(p)->kind != T_NAME || is_keyword(cur(p)->text)) {
			free(s);
			syntax(p);
			return NULL;
		}
		k = strlen(cur(p)->text);
		s = realloc(s, n + k + 2);
		if (!s) {
			perror("pymmctl");
			exit(1);
		}
		memcpy(s + n, cur(p)->text, k + 1);
		n += k;
		p->pos++;
		if (!accept_op(p, "."))
			return s;
		s[n++] = '.';
		s[n] = '\0';
	}
}

/* the name after an import's `as` */
static struct node *parse_import_alias(struct parser *p, int line)
{
	struct node *nm;

	if (cur(p)->kind != T_NAME || is_keyword(cur(p)->text))
		return syntax(p);
	nm = new_node(p, N_NAME, line);
	nm->name.id = xstrdup(cur(p)->text);
	p->pos++;
	return nm;
}

/* --------------------------------------------------------- folding */

static bool cv_is_num(const struct cval *k)
{
	return k->kind == CV_INT || k->kind == CV_FLOAT || k->kind == CV_TRUE ||
	       k->kind == CV_FALSE;
}

static int64_t cv_int(const struct cval *k)
{
	return k->kind == CV_TRUE ? 1 : k->kind == CV_FALSE ? 0 : k->i;
}

static double cv_float(const struct cval *k)
{
	return k->kind == CV_FLOAT ? k->f : (double)cv_int(k);
}

static struct cval *cv_int_new(int64_t v)
{
	struct cval *k = new_cval(CV_INT);

	k->i = v;
	return k;
}

static struct cval *cv_float_new(double v)
{
	struct cval *k = new_cval(CV_FLOAT);

	k->f = v;
	return k;
}

static struct cval *cv_bytes_new(enum cval_kind kind, const char *a, size_t na,
				 const char *b, size_t nb)
{
	struct cval *k = new_cval(kind);

	k->s = xcalloc(1, na + nb + 1);
	memcpy(k->s, a, na);
	memcpy(k->s + na, b, nb);
	k->len = na + nb;
	return k;
}

static double py_fmod(double a, double b)
{
	double m = fmod(a, b);

	if (m) {
		if ((b < 0) != (m < 0))
			m += b;
	} else {
		m = copysign(0.0, b);
	}
	return m;
}

/* CPython folds only results it considers small (ast_opt.c safe_*). */
#define FOLD_MAX_STR	4096
#define FOLD_MAX_COLL	256

static struct cval *fold_binop(int op, struct cval *a, struct cval *b)
{
	if (cv_is_num(a) && cv_is_num(b)) {
		bool fl = a->kind == CV_FLOAT || b->kind == CV_FLOAT;

		if (!fl) {
			int64_t x = cv_int(a), y = cv_int(b), r;

			switch (op) {
			case '+':
				return __builtin_add_overflow(x, y, &r) ? NULL : cv_int_new(r);
			case '-':
				return __builtin_sub_overflow(x, y, &r) ? NULL : cv_int_new(r);
			case '*':
				return __builtin_mul_overflow(x, y, &r) ? NULL : cv_int_new(r);
			case '/':
				return y ? cv_float_new((double)x / (double)y) : NULL;
			case '^':
				if (y < 0)
					return x ? cv_float_new(pow((double)x, (double)y)) : NULL;
				r = 1;
				while (y--)
					if (__builtin_mul_overflow(r, x, &r))
						return NULL;
				return cv_int_new(r);
			case 'f':
			case '%': {
				int64_t q, m;

				if (!y || (x == INT64_MIN && y == -1))
					return NULL;
				q = x / y;
				m = x % y;
				if (m && ((m < 0) != (y < 0))) {
					q--;
					m += y;
				}
				return cv_int_new(op == 'f' ? q : m);
			}
			}
			return NULL;
		}
		{
			double x = cv_float(a), y = cv_float(b);

			switch (op) {
			case '+': return cv_float_new(x + y);
			case '-': return cv_float_new(x - y);
			case '*': return cv_float_new(x * y);
			case '/': return y ? cv_float_new(x / y) : NULL;
			case 'f': return y ? cv_float_new(floor(x / y)) : NULL;
			case '%': return y ? cv_float_new(py_fmod(x, y)) : NULL;
			case '^':
				if ((x == 0 && y < 0) || (x < 0 && y != floor(y)))
					return NULL;
				return cv_float_new(pow(x, y));
			}
		}
		return NULL;
	}
	if (op == '+' && a->kind == b->kind && (a->kind == CV_STR || a->kind == CV_BYTES)) {
		if (a->len + b->len > FOLD_MAX_STR)
			return NULL;
		return cv_bytes_new(a->kind, a->s, a->len, b->s, b->len);
	}
	if (op == '+' && a->kind == CV_TUPLE && b->kind == CV_TUPLE) {
		struct cval *k;

		if (a->n + b->n > FOLD_MAX_COLL)
			return NULL;
		k = new_cval(CV_TUPLE);
		k->n = a->n + b->n;
		k->elts = xcalloc(k->n, sizeof(*k->elts));
		memcpy(k->elts, a->elts, a->n * sizeof(*k->elts));
		memcpy(k->elts + a->n, b->elts, b->n * sizeof(*k->elts));
		return k;
	}
	if (op == '*' && (a->kind == CV_STR || a->kind == CV_BYTES) &&
	    (b->kind == CV_INT || b->kind == CV_TRUE || b->kind == CV_FALSE)) {
		int64_t n = cv_int(b), i;
		struct cval *k;

		if (n < 0)
			n = 0;
		if (a->len && (uint64_t)n > FOLD_MAX_STR / a->len)
			return NULL;
		k = cv_bytes_new(a->kind, "", 0, "", 0);
		free(k->s);
		k->len = a->len * (size_t)n;
		k->s = xcalloc(1, k->len + 1);
		for (i = 0; i < n; i++)
			memcpy(k->s + (size_t)i * a->len, a->s, a->len);
		return k;
	}
	if (op == '*' && (b->kind == CV_STR || b->kind == CV_BYTES) &&
	    (a->kind == CV_INT || a->kind == CV_TRUE || a->kind == CV_FALSE))
		return fold_binop(op, b, a);
	return NULL;
}

/* ---------------------------------------------------- expressions */

static struct node *parse_test(struct parser *p);
static struct node *parse_or(struct parser *p);
static struct node *parse_testlist(struct parser *p, bool allow_empty_tuple);
static int parse_block(struct parser *p, struct nvec *body);
/* lang constructs: comprehensions, slices, starred, :=, bitwise, f-strings */
static struct node *parse_comp_tail(struct parser *p, int kind, struct node *elt,
				    struct node *value, int line);
static struct node *parse_subscript(struct parser *p);
static struct node *parse_star_or_test(struct parser *p);
static struct node *parse_bitor(struct parser *p);
static bool valid_target(struct node *t, bool del);
static struct node *parse_fstring(struct parser *p);
static bool at_expr_end(struct parser *p);

/*
 * `yield [testlist]` / `yield from test`: makes the def around it a
 * generator function.  Where CPython's compiler refuses it, so does this.
 */
static struct node *parse_yield(struct parser *p)
{
	int line = cur(p)->line;
	struct node *n;

	p->pos++;	/* yield */
	if (p->in_lambda)
		return fail(p, "SyntaxError", "'yield' inside a lambda is not supported by pymm");
	if (!p->def)
		return fail(p, "SyntaxError", "'yield' outside function");
	if (p->comp_depth)
		return fail(p, "SyntaxError", "'yield' inside a comprehension is not supported by pymm");
	p->def->def.is_gen = true;
	if (accept_kw(p, "from")) {
		n = new_node(p, N_YIELDFROM, line);
		n->yield.value = parse_test(p);
		return n->yield.value ? n : NULL;
	}
	n = new_node(p, N_YIELD, line);
	if (at_expr_end(p) || is_op(p, ")") || is_op(p, "]") || is_op(p, "}") || is_op(p, "="))
		return n;
	n->yield.value = parse_testlist(p, false);
	return n->yield.value ? n : NULL;
}

static struct node *make_tuple_or_fold(struct parser *p, struct node *t)
{
	struct cval *k;
	struct node *n;
	int i;

	for (i = 0; i < t->seq.elts.n; i++)
		if (t->seq.elts.v[i]->kind != N_CONST)
			return t;
	/* a tuple of constants is itself a constant (ast_opt.c fold_tuple) */
	k = new_cval(CV_TUPLE);
	k->n = t->seq.elts.n;
	k->elts = xcalloc(k->n, sizeof(*k->elts));
	for (i = 0; i < k->n; i++)
		k->elts[i] = t->seq.elts.v[i]->constant.value;
	n = const_node(p, k, t->line);
	for (i = 0; i < k->n; i++)
		if (t->seq.elts.v[i]->folded + 1 > n->folded)
			n->folded = t->seq.elts.v[i]->folded + 1;
	return n;
}

/*
 * The rest of {a, b, ...} or {a for ...} after its first item (NULL: not
 * read yet, it may be starred): a set display, or a set comprehension.
 */
static struct node *parse_set_display(struct parser *p, struct node *first, int line)
{
	struct node *n = new_node(p, N_SET, line);

	if (!first)
		first = parse_star_or_test(p);
	if (!first)
		return NULL;
	if (is_kw(p, "for") && first->kind != N_STARRED) {
		n = parse_comp_tail(p, 's', first, NULL, line);
		if (!n || !expect_op(p, "}"))
			return NULL;
		return n;
	}
	nvec_push(&n->seq.elts, first);
	while (accept_op(p, ",") && !is_op(p, "}")) {
		struct node *e = parse_star_or_test(p);

		if (!e)
			return NULL;
		nvec_push(&n->seq.elts, e);
	}
	if (!expect_op(p, "}"))
		return NULL;
	return n;
}

static struct node *parse_atom(struct parser *p)
{
	struct token *t = cur(p);
	int line = t->line;
	struct node *n;

	switch (t->kind) {
	case T_INT:
		if (t->len) {
			/* 2**63 only exists as the operand of a unary minus */
			return fail(p, "SyntaxError",
				    "integer literals past 64 bits are not supported by pymm");
		}
		p->pos++;
		return const_node(p, cv_int_new(t->i), line);
	case T_FLOAT:
		p->pos++;
		return const_node(p, cv_float_new(t->f), line);
	case T_FSTR:
		return parse_fstring(p);
	case T_STR:
	case T_BYTES: {
		enum tok_kind kind = t->kind;

		if (kind == T_STR) {
			int k;

			for (k = 1; peek(p, k)->kind == T_STR || peek(p, k)->kind == T_FSTR; k++)
				if (peek(p, k)->kind == T_FSTR)
					return parse_fstring(p);
		}
		struct cval *k = cv_bytes_new(kind == T_STR ? CV_STR : CV_BYTES,
					      t->text, t->len, "", 0);

		p->pos++;
		/* adjacent literals are one constant */
		while (cur(p)->kind == T_STR || cur(p)->kind == T_BYTES) {
			struct cval *j;

			if (cur(p)->kind != kind)
				return fail(p, "SyntaxError", "cannot mix bytes and nonbytes literals");
			j = cv_bytes_new(k->kind, k->s, k->len, cur(p)->text, cur(p)->len);
			k = j;
			p->pos++;
		}
		return const_node(p, k, line);
	}
	case T_NAME:
		if (!strcmp(t->text, "None")) {
			p->pos++;
			return const_node(p, new_cval(CV_NONE), line);
		}
		if (!strcmp(t->text, "True")) {
			p->pos++;
			return const_node(p, new_cval(CV_TRUE), line);
		}
		if (!strcmp(t->text, "False")) {
			p->pos++;
			return const_node(p, new_cval(CV_FALSE), line);
		}
		if (is_keyword(t->text)) {
			if (!strcmp(t->text, "yield"))
				return parse_yield(p);
			if (!strcmp(t->text, "await"))
				return fail(p, "SyntaxError", "'%s' is not supported by pymm", t->text);
			return syntax(p);
		}
		n = new_node(p, N_NAME, line);
		n->name.id = xstrdup(t->text);
		p->pos++;
		return n;
	case T_OP:
		if (accept_op(p, "..."))
			return const_node(p, new_cval(CV_ELLIPSIS), line);
		if (accept_op(p, "(")) {
			if (accept_op(p, ")")) {
				n = new_node(p, N_TUPLE, line);
				return make_tuple_or_fold(p, n);
			}
			if (!is_op(p, "*")) {
				n = parse_test(p);
				if (n && is_kw(p, "for")) {
					n = parse_comp_tail(p, 'g', n, NULL, line);
					if (!n || !expect_op(p, ")"))
						return NULL;
					return n;
				}
				if (n && n->kind == N_NAMEDEXPR && is_op(p, ")")) {
					p->pos++;
					n->namedexpr.paren = '(';	/* a statement may be this */
					return n;
				}
				/* the rest of a testlist */
				if (n && is_op(p, ",")) {
					struct node *t = new_node(p, N_TUPLE, n->line);

					nvec_push(&t->seq.elts, n);
					while (accept_op(p, ",")) {
						struct node *e;

						if (is_op(p, ")"))
							break;
						e = parse_star_or_test(p);
						if (!e)
							return NULL;
						nvec_push(&t->seq.elts, e);
					}
					n = make_tuple_or_fold(p, t);
				}
			} else {
				n = parse_testlist(p, false);
			}
			if (!n || !expect_op(p, ")"))
				return NULL;
			if (n->kind == N_STARRED)
				return fail(p, "SyntaxError", "cannot use starred expression here");
			return n;
		}
		if (accept_op(p, "[")) {
			n = new_node(p, N_LIST, line);
			while (!is_op(p, "]")) {
				struct node *e = parse_star_or_test(p);

				if (!e)
					return NULL;
				if (is_kw(p, "for") && !n->seq.elts.n && e->kind != N_STARRED) {
					n = parse_comp_tail(p, 'l', e, NULL, line);
					if (!n || !expect_op(p, "]"))
						return NULL;
					return n;
				}
				nvec_push(&n->seq.elts, e);
				if (!accept_op(p, ","))
					break;
			}
			if (!expect_op(p, "]"))
				return NULL;
			return n;
		}
		if (accept_op(p, "{")) {
			n = new_node(p, N_DICT, line);
			if (is_op(p, "*"))
				return parse_set_display(p, NULL, line);
			while (!is_op(p, "}")) {
				struct node *k, *v;

				/* {**mapping}: a NULL key (DICT_UPDATE) */
				if (accept_op(p, "**")) {
					v = parse_bitor(p);
					if (!v)
						return NULL;
					if (is_kw(p, "for"))
						return fail(p, "SyntaxError", "dict unpacking cannot be "
							    "used in dict comprehension");
					nvec_push(&n->dict.keys, NULL);
					nvec_push(&n->dict.values, v);
					if (!accept_op(p, ","))
						break;
					continue;
				}
				k = parse_test(p);

				if (!k)
					return NULL;
				if (!is_op(p, ":") && !n->dict.keys.n)
					return parse_set_display(p, k, line);
				if (!expect_op(p, ":"))
					return NULL;
				v = parse_test(p);
				if (!v)
					return NULL;
				if (is_kw(p, "for") && !n->dict.keys.n) {
					n = parse_comp_tail(p, 'd', k, v, line);
					if (!n || !expect_op(p, "}"))
						return NULL;
					return n;
				}
				nvec_push(&n->dict.keys, k);
				nvec_push(&n->dict.values, v);
				if (!accept_op(p, ","))
					break;
			}
			if (!expect_op(p, "}"))
				return NULL;
			return n;
		}
		break;
	case T_EOF:
		return fail(p, "SyntaxError", "unexpected EOF while parsing");
	default:
		break;
	}
	if (t->kind == T_INDENT)
		return fail(p, "IndentationError", "unexpected indent");
	return syntax(p);
}

static bool has_dstar(struct node *call)
{
	int i;

	for (i = 0; i < call->call.kwnames.n; i++)
		if (!call->call.kwnames.v[i]->name.id)
			return true;
	return false;
}

static bool kw_repeated(struct node *call, const char *name)
{
	int i;

	for (i = 0; i < call->call.kwnames.n; i++)
		if (call->call.kwnames.v[i]->name.id && !strcmp(call->call.kwnames.v[i]->name.id, name))
			return true;
	return false;
}

static struct node *parse_primary(struct parser *p)
{
	int start = p->pos;
	struct node *n = span(p, parse_atom(p), start);

	while (n) {
		int line = cur(p)->line;

		if (accept_op(p, "(")) {
			struct node *c = new_node(p, N_CALL, line);

			c->call.func = n;
			while (!is_op(p, ")")) {
				struct node *arg;

				if (accept_op(p, "**")) {
					struct node *kw = new_node(p, N_NAME, line);

					arg = parse_test(p);
					if (!arg)
						return NULL;
					nvec_push(&c->call.kwnames, kw);	/* str NULL: **arg */
					nvec_push(&c->call.kwvalues, arg);
				} else if (is_op(p, "*")) {
					struct node *st = new_node(p, N_STARRED, cur(p)->line);

					p->pos++;
					if (has_dstar(c))
						return fail(p, "SyntaxError", "iterable argument unpacking "
							    "follows keyword argument unpacking");
					st->starred.value = parse_test(p);
					if (!st->starred.value)
						return NULL;
					nvec_push(&c->call.args, st);
				} else if (cur(p)->kind == T_NAME && peek(p, 1)->kind == T_OP &&
				    !strcmp(peek(p, 1)->text, "=")) {
					struct node *kw = new_node(p, N_NAME, line);

					kw->name.id = xstrdup(cur(p)->text);
					if (kw_repeated(c, kw->name.id))
						return fail(p, "SyntaxError", "keyword argument repeated: %s",
							    kw->name.id);
					p->pos += 2;
					arg = parse_test(p);
					if (!arg)
						return NULL;
					nvec_push(&c->call.kwnames, kw);
					nvec_push(&c->call.kwvalues, arg);
				} else {
					if (c->call.kwnames.n)
						return fail(p, "SyntaxError", has_dstar(c) ?
							"positional argument follows keyword argument unpacking" :
							"positional argument follows keyword argument");
					arg = parse_test(p);
					if (!arg)
						return NULL;
					if (is_kw(p, "for")) {
						/* 'G': a call consumes it (comprehension.c) */
						arg = parse_comp_tail(p, 'G', arg, NULL, arg->line);
						if (!arg)
							return NULL;
						if (c->call.args.n || !is_op(p, ")"))
							return fail(p, "SyntaxError",
								    "Generator expression must be parenthesized");
					}
					nvec_push(&c->call.args, arg);
				}
				if (!accept_op(p, ","))
					break;
			}
			if (!expect_op(p, ")"))
				return NULL;
			n = span(p, c, start);
		} else if (accept_op(p, "[")) {
			struct node *s = new_node(p, N_SUBSCR, line);

			s->subscr.value = n;
			s->subscr.slice = parse_subscript(p);
			if (!s->subscr.slice)
				return NULL;
			if (!expect_op(p, "]"))
				return NULL;
			n = span(p, s, start);
		} else if (accept_op(p, ".")) {
			struct node *a = new_node(p, N_ATTR, line);

			if (cur(p)->kind != T_NAME || is_keyword(cur(p)->text))
				return syntax(p);
			a->attr.value = n;
			a->attr.attr = xstrdup(cur(p)->text);
			p->pos++;
			n = span(p, a, start);
		} else {
			break;
		}
	}
	return n;
}

static struct node *parse_factor_node(struct parser *p);

/* unary operators and **, with their text spans */
static struct node *parse_factor(struct parser *p)
{
	int start = p->pos;
	struct node *n = NULL;

	if (level_enter(p, 1))
		n = span(p, parse_factor_node(p), start);
	p->level--;
	return n;
}

static struct node *parse_factor_node(struct parser *p)
{
	int line = cur(p)->line;

	if (is_op(p, "-") || is_op(p, "+")) {
		char op = cur(p)->text[0];
		struct node *a, *n;

		p->pos++;
		/* -9223372036854775808 is a literal only after a minus */
		if (op == '-' && cur(p)->kind == T_INT && cur(p)->len &&
		    !(peek(p, 1)->kind == T_OP && !strcmp(peek(p, 1)->text, "**"))) {
			struct node *k = const_node(p, cv_int_new(INT64_MIN), line);

			p->pos++;
			k->folded = 1;	/* UnaryOp(Constant) in CPython's tree */
			return k;
		}
		a = parse_factor(p);
		if (!a)
			return NULL;
		if (a->kind == N_CONST && cv_is_num(a->constant.value)) {
			struct cval *k = a->constant.value;

			if (k->kind == CV_FLOAT)
				return folded_node(p, cv_float_new(op == '-' ? -k->f : k->f), line, a,
						   NULL);
			if (op == '+')
				return folded_node(p, cv_int_new(cv_int(k)), line, a, NULL);
			if (cv_int(k) != INT64_MIN)
				return folded_node(p, cv_int_new(-cv_int(k)), line, a, NULL);
		}
		n = new_node(p, N_UNARY, line);
		n->unary.op = op;
		n->unary.operand = a;
		return n;
	}
	if (is_op(p, "~")) {
		struct node *a, *n;

		p->pos++;
		a = parse_factor(p);
		if (!a)
			return NULL;
		struct cval *k = a->kind == N_CONST ? a->constant.value : NULL;

		if (k && (k->kind == CV_INT || k->kind == CV_TRUE || k->kind == CV_FALSE))
			return folded_node(p, cv_int_new(~cv_int(k)), line, a, NULL);
		n = new_node(p, N_UNARY, line);
		n->unary.op = '~';
		n->unary.operand = a;
		return n;
	}
	{
		struct node *n = parse_primary(p), *e, *b;

		if (!n || !is_op(p, "**"))
			return n;
		/* power binds tighter than unary minus on its left, and is
		 * right-associative: -2 ** 2 ** 3 == -(2 ** (2 ** 3)) */
		p->pos++;
		e = level_enter(p, 1) ? parse_factor(p) : NULL;
		p->level--;
		if (!e)
			return NULL;
		if (n->kind == N_CONST && e->kind == N_CONST) {
			struct cval *k = fold_binop('^', n->constant.value, e->constant.value);

			if (k)
				return folded_node(p, k, line, n, e);
		}
		b = new_node(p, N_BINOP, line);
		b->binop.op = '^';
		b->binop.left = n;
		b->binop.right = e;
		return b;
	}
}

static int cmp_op_here(struct parser *p)
{
	static const struct { const char *s; int op; } tab[] = {
		{ "==", CMP_EQ }, { "!=", CMP_NE }, { "<", CMP_LT }, { "<=", CMP_LE },
		{ ">", CMP_GT }, { ">=", CMP_GE },
	};
	unsigned int i;

	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (is_op(p, tab[i].s)) {
			p->pos++;
			return tab[i].op;
		}
	if (accept_kw(p, "is"))
		return accept_kw(p, "not") ? CMP_IS_NOT : CMP_IS;
	if (accept_kw(p, "in"))
		return CMP_IN;
	if (is_kw(p, "not") && peek(p, 1)->kind == T_NAME && !strcmp(peek(p, 1)->text, "in")) {
		p->pos += 2;
		return CMP_NOT_IN;
	}
	return 0;
}

static struct node *parse_comparison(struct parser *p)
{
	int start = p->pos;
	struct node *a = parse_bitor(p), *n = NULL;
	int op;

	if (!a)
		return NULL;
	while ((op = cmp_op_here(p))) {
		struct node *b = parse_bitor(p);

		if (!b)
			return NULL;
		if (!n) {
			n = new_node(p, N_COMPARE, a->line);
			n->compare.left = a;
		}
		n->compare.ops = realloc(n->compare.ops, (n->compare.comparators.n + 1) * sizeof(int));
		if (!n->compare.ops) {
			perror("pymmctl");
			exit(1);
		}
		n->compare.ops[n->compare.comparators.n] = op;
		nvec_push(&n->compare.comparators, b);
	}
	return n ? span(p, n, start) : a;
}

static struct node *parse_not(struct parser *p)
{
	int line = cur(p)->line;

	if (accept_kw(p, "not")) {
		struct node *a = level_enter(p, 1) ? parse_not(p) : NULL, *n;

		p->level--;
		if (!a)
			return NULL;
		if (a->kind == N_CONST) {
			/* ast_opt.c folds `not <constant>` */
			struct cval *k = a->constant.value;
			bool truth;

			switch (k->kind) {
			case CV_NONE: case CV_FALSE: truth = false; break;
			case CV_TRUE: case CV_ELLIPSIS: truth = true; break;
			case CV_INT: truth = k->i != 0; break;
			case CV_FLOAT: truth = k->f != 0; break;
			case CV_TUPLE: truth = k->n != 0; break;
			default: truth = k->len != 0; break;
			}
			return folded_node(p, new_cval(truth ? CV_FALSE : CV_TRUE), line, a, NULL);
		}
		n = new_node(p, N_UNARY, line);
		n->unary.op = '!';
		n->unary.operand = a;
		return n;
	}
	return parse_comparison(p);
}

static struct node *parse_boolop(struct parser *p, bool is_or)
{
	struct node *a = is_or ? parse_boolop(p, false) : parse_not(p), *n = NULL;

	while (a && accept_kw(p, is_or ? "or" : "and")) {
		struct node *b = is_or ? parse_boolop(p, false) : parse_not(p);

		if (!b)
			return NULL;
		if (!n) {
			n = new_node(p, N_BOOLOP, a->line);
			n->boolop.op = is_or ? '|' : '&';
			nvec_push(&n->boolop.values, a);
		}
		nvec_push(&n->boolop.values, b);
	}
	return n ? n : a;
}

static struct node *parse_or(struct parser *p)
{
	return parse_boolop(p, true);
}

static struct node *parse_lambda(struct parser *p);

static struct node *parse_test(struct parser *p)
{
	struct node *a;

	if (is_kw(p, "lambda"))
		return parse_lambda(p);
	if (cur(p)->kind == T_NAME && !is_keyword(cur(p)->text) && peek(p, 1)->kind == T_OP &&
	    !strcmp(peek(p, 1)->text, ":=")) {
		struct node *n = new_node(p, N_NAMEDEXPR, cur(p)->line);

		n->namedexpr.target = new_node(p, N_NAME, cur(p)->line);
		n->namedexpr.target->name.id = xstrdup(cur(p)->text);
		p->pos += 2;
		if (p->comp_depth && p->scope)
			return fail(p, "SyntaxError",
				    "':=' inside a comprehension in a function is not supported by pymm");
		n->namedexpr.value = parse_test(p);
		if (!n->namedexpr.value)
			return NULL;
		bind_target(p, n->namedexpr.target);
		return n;
	}
	a = parse_or(p);

	if (a && is_kw(p, "if")) {
		struct node *n = new_node(p, N_IFEXP, a->line);

		p->pos++;
		n->ifexp.body = a;
		n->ifexp.test = parse_or(p);
		if (!n->ifexp.test)
			return NULL;
		if (!accept_kw(p, "else"))
			return fail(p, "SyntaxError", "expected 'else' after 'if' expression");
		n->ifexp.orelse = level_enter(p, 1) ? parse_test(p) : NULL;
		p->level--;
		if (!n->ifexp.orelse)
			return NULL;
		return n;
	}
	return a;
}

static bool at_expr_end(struct parser *p)
{
	struct token *t = cur(p);

	if (t->kind == T_NEWLINE || t->kind == T_EOF)
		return true;
	if (t->kind == T_OP)
		return strchr(")]}=;:", t->text[0]) != NULL || (t->text[1] == '=' &&
			strchr("+-*/%&|^@", t->text[0])) || !strcmp(t->text, "**=") ||
			!strcmp(t->text, "//=") || !strcmp(t->text, "<<=") || !strcmp(t->text, ">>=");
	return t->kind == T_NAME && !strcmp(t->text, "in");
}

/* test (',' test)* [','] -> a tuple when there is a comma */
static struct node *parse_testlist(struct parser *p, bool allow_empty_tuple)
{
	struct node *a, *t;

	(void)allow_empty_tuple;
	a = parse_star_or_test(p);
	if (!a || !is_op(p, ","))
		return a;
	t = new_node(p, N_TUPLE, a->line);
	nvec_push(&t->seq.elts, a);
	while (accept_op(p, ",")) {
		struct node *e;

		if (at_expr_end(p))
			break;
		e = parse_star_or_test(p);
		if (!e)
			return NULL;
		nvec_push(&t->seq.elts, e);
	}
	return make_tuple_or_fold(p, t);
}

/* ------------------------------------------- lang: newer expressions */

/* `*expr` where a starred item may stand (displays, targets) */
static struct node *parse_star_or_test(struct parser *p)
{
	if (is_op(p, "*")) {
		struct node *n = new_node(p, N_STARRED, cur(p)->line);

		p->pos++;
		n->starred.value = parse_bitor(p);
		return n->starred.value ? n : NULL;
	}
	return parse_test(p);
}

/* one element of a for target: a primary, or *name */
static struct node *parse_for_target_elt(struct parser *p)
{
	if (is_op(p, "*")) {
		struct node *n = new_node(p, N_STARRED, cur(p)->line);

		p->pos++;
		n->starred.value = parse_primary(p);
		return n->starred.value ? n : NULL;
	}
	return parse_primary(p);
}

/* an assignment expression anywhere in an expression (nested comprehensions too) */
/*
 * The children of an expression the two searches below look into: all of
 * them, but of a lambda only its body (not its parameters' defaults: as
 * before per-kind fields, a := or yield there is not seen).
 */
static int expr_children(struct node *n, int (*fn)(struct node *, void *), void *arg)
{
	int i, r = 0;

	if (n->kind != N_LAMBDA)
		return ast_for_children(n, fn, arg);
	for (i = 0; i < n->def.body.n && !r; i++)
		r = fn(n->def.body.v[i], arg);
	return r;
}

struct has_kind_ctx {
	enum nkind k, k2;
};

static int has_kind_child(struct node *n, void *arg)
{
	struct has_kind_ctx *c = arg;

	if (!n)
		return 0;
	if (n->kind == c->k || n->kind == c->k2)
		return 1;
	return expr_children(n, has_kind_child, c);
}

/* Is there a node of kind k, or of k2, in the expression? (0: none) */
static bool has_kind(struct node *n, enum nkind k, enum nkind k2)
{
	struct has_kind_ctx c = { k, k2 };

	return has_kind_child(n, &c);
}

static bool has_namedexpr(struct node *n)
{
	return has_kind(n, N_NAMEDEXPR, N_NAMEDEXPR);
}

/* the names a comprehension's target binds, into its own scope */
static void comp_bind(struct scope *s, struct node *t)
{
	int i;

	if (t->kind == N_NAME)
		scope_add(s, t->name.id);
	else if (t->kind == N_STARRED)
		comp_bind(s, t->starred.value);
	else if (t->kind == N_TUPLE || t->kind == N_LIST)
		for (i = 0; i < t->seq.elts.n; i++)
			comp_bind(s, t->seq.elts.v[i]);
}

struct walrus_ctx {
	struct scope *s;
	const char **clash;
};

static int walrus_child(struct node *n, void *arg)
{
	struct walrus_ctx *c = arg;
	struct node *t;

	if (!n)
		return 0;
	t = n->kind == N_NAMEDEXPR ? n->namedexpr.target : NULL;
	if (t && t->kind == N_NAME) {
		if (scope_is_local(c->s, t->name.id))
			*c->clash = t->name.id;
		else if (!*c->clash)
			scope_add_global(c->s, t->name.id);
	}
	return expr_children(n, walrus_child, c);
}

/* the targets of the := in n (not in nested comprehensions' own clauses), as globals of s */
static void walrus_targets(struct node *n, struct scope *s, const char **clash)
{
	struct walrus_ctx c = { s, clash };

	walrus_child(n, &c);
}

/*
 * := in a module-level comprehension binds in the module (PEP 572): its
 * targets are the comprehension's globals.  CPython's SyntaxErrors for a
 * := in an iterable or rebinding an iteration variable.
 */
static int comp_walrus_globals(struct parser *p, struct node *c)
{
	const char *clash = NULL;
	int i, j;

	for (i = 0; i < c->comp.generators.n; i++) {
		struct node *f = c->comp.generators.v[i];

		if (has_namedexpr(f->compfor.iter)) {
			fail(p, "SyntaxError", "assignment expression cannot be used in a "
			     "comprehension iterable expression");
			return -1;
		}
		for (j = 0; j < f->compfor.ifs.n; j++)
			walrus_targets(f->compfor.ifs.v[j], c->comp.scope, &clash);
	}
	walrus_targets(c->comp.elt, c->comp.scope, &clash);
	walrus_targets(c->comp.value, c->comp.scope, &clash);
	if (clash) {
		fail(p, "SyntaxError", "assignment expression cannot rebind comprehension "
		     "iteration variable '%s'", clash);
		return -1;
	}
	return 0;
}

/*
 * At the first `for` of a comprehension whose element is parsed: the
 * `for target in or_test (if or_test)*` clauses, repeated.
 */
static struct node *parse_comp_tail(struct parser *p, int kind, struct node *elt,
				    struct node *value, int line)
{
	struct node *c = new_node(p, N_COMP, line);

	c->comp.kind = kind;
	c->comp.elt = elt;
	c->comp.value = value;
	if (p->scope && (has_namedexpr(elt) || has_namedexpr(value)))
		return fail(p, "SyntaxError",
			    "':=' inside a comprehension in a function is not supported by pymm");
	/* the element is parsed before this: a yield in it is CPython's error */
	if (has_kind(elt, N_YIELD, N_YIELDFROM) || has_kind(value, N_YIELD, N_YIELDFROM))
		return fail(p, "SyntaxError", "'yield' inside %s",
			    kind == 'l' ? "list comprehension" : kind == 'd' ?
			    "dict comprehension" : "generator expression");
	c->comp.scope = xcalloc(1, sizeof(*c->comp.scope));
	p->comp_depth++;
	while (accept_kw(p, "for")) {
		struct node *f = new_node(p, N_COMPFOR, cur(p)->line);

		if (is_kw(p, "async")) {
			p->comp_depth--;
			return fail(p, "SyntaxError", "'async' is not supported by pymm");
		}
		f->compfor.target = parse_for_target_elt(p);
		if (f->compfor.target && is_op(p, ",")) {
			struct node *t = new_node(p, N_TUPLE, f->compfor.target->line);

			nvec_push(&t->seq.elts, f->compfor.target);
			while (accept_op(p, ",") && !is_kw(p, "in")) {
				struct node *e = parse_for_target_elt(p);

				if (!e)
					break;
				nvec_push(&t->seq.elts, e);
			}
			f->compfor.target = t;
		}
		if (!f->compfor.target || p->failed)
			break;
		if (!valid_target(f->compfor.target, false) || f->compfor.target->kind == N_STARRED) {
			p->comp_depth--;
			return fail(p, "SyntaxError", "cannot assign to expression");
		}
		comp_bind(c->comp.scope, f->compfor.target);
		if (!accept_kw(p, "in")) {
			p->comp_depth--;
			return syntax(p);
		}
		f->compfor.iter = parse_or(p);
		if (!f->compfor.iter)
			break;
		while (accept_kw(p, "if")) {
			struct node *t = parse_or(p);

			if (!t)
				break;
			nvec_push(&f->compfor.ifs, t);
		}
		nvec_push(&c->comp.generators, f);
	}
	p->comp_depth--;
	if (p->failed || comp_walrus_globals(p, c))
		return NULL;
	return c;
}

/* inside a[...]: an index, a slice lo:hi:step, or a tuple of them */
static struct node *parse_slice_item(struct parser *p)
{
	struct node *lo = NULL, *n;
	int line = cur(p)->line;

	if (!is_op(p, ":")) {
		lo = parse_test(p);
		if (!lo || !is_op(p, ":"))
			return lo;
	}
	p->pos++;
	n = new_node(p, N_SLICE, line);
	n->slice.lower = lo;
	if (!is_op(p, ":") && !is_op(p, "]") && !is_op(p, ",")) {
		n->slice.upper = parse_test(p);
		if (!n->slice.upper)
			return NULL;
	}
	if (accept_op(p, ":") && !is_op(p, "]") && !is_op(p, ",")) {
		n->slice.step = parse_test(p);
		if (!n->slice.step)
			return NULL;
	}
	return n;
}

static struct node *parse_subscript(struct parser *p)
{
	struct node *a = parse_slice_item(p), *t;

	if (!a || !is_op(p, ","))
		return a;
	t = new_node(p, N_TUPLE, a->line);
	nvec_push(&t->seq.elts, a);
	while (accept_op(p, ",") && !is_op(p, "]")) {
		struct node *e = parse_slice_item(p);

		if (!e)
			return NULL;
		nvec_push(&t->seq.elts, e);
	}
	return make_tuple_or_fold(p, t);
}

/* & | ^ << >> on int constants, as ast_opt.c folds them (64-bit range) */
static struct cval *fold_bitop(int op, struct cval *a, struct cval *b)
{
	int64_t x, y;

	if (!cv_is_num(a) || !cv_is_num(b) || a->kind == CV_FLOAT || b->kind == CV_FLOAT)
		return NULL;
	x = cv_int(a);
	y = cv_int(b);
	/* bool & bool stays a bool */
	if (a->kind != CV_INT && b->kind != CV_INT && (op == '&' || op == '|' || op == 'x'))
		return new_cval((op == '&' ? x & y : op == '|' ? x | y : x ^ y) ? CV_TRUE :
				CV_FALSE);
	switch (op) {
	case '&': return cv_int_new(x & y);
	case '|': return cv_int_new(x | y);
	case 'x': return cv_int_new(x ^ y);
	case 'r': return y < 0 ? NULL : cv_int_new(y > 63 ? (x < 0 ? -1 : 0) : x >> y);
	case 'l':
		if (y < 0 || y > 63 || (x && (y >= 63 || x > (INT64_MAX >> y) ||
					      x < (INT64_MIN >> y))))
			return NULL;
		return cv_int_new((int64_t)((uint64_t)x << y));
	}
	return NULL;
}

/*
 * The grammar's binary operator levels, loosest first: or_expr, xor_expr,
 * and_expr, shift_expr, arith_expr, term.  Each is left-associative over
 * the next level, the last over factor; op is the node's operator code,
 * and fold folds two constants as ast_opt.c does.
 */
static const struct binop_level {
	struct { const char *tok; int op; } ops[4];
	struct cval *(*fold)(int op, struct cval *a, struct cval *b);
} binop_levels[] = {
	{ { { "|", '|' } }, fold_bitop },
	{ { { "^", 'x' } }, fold_bitop },
	{ { { "&", '&' } }, fold_bitop },
	{ { { "<<", 'l' }, { ">>", 'r' } }, fold_bitop },
	{ { { "+", '+' }, { "-", '-' } }, fold_binop },
	{ { { "*", '*' }, { "/", '/' }, { "//", 'f' }, { "%", '%' } }, fold_binop },
};

#define BINOP_LEVELS	(int)(sizeof(binop_levels) / sizeof(binop_levels[0]))

/* the operator of level lv at the current token, 0 if none */
static int binop_here(struct parser *p, const struct binop_level *lv)
{
	int i;

	for (i = 0; i < 4 && lv->ops[i].tok; i++)
		if (is_op(p, lv->ops[i].tok))
			return lv->ops[i].op;
	return 0;
}

static struct node *parse_binop_level(struct parser *p, int level)
{
	const struct binop_level *lv = &binop_levels[level];
	int start = p->pos;
	struct node *a, *b, *n;

	a = level + 1 < BINOP_LEVELS ? parse_binop_level(p, level + 1) : parse_factor(p);
	while (a) {
		int op = binop_here(p, lv), line = cur(p)->line;

		if (!op) {
			if (level + 1 == BINOP_LEVELS && is_op(p, "@"))
				return fail(p, "SyntaxError", "'%s' is not supported by pymm",
					    cur(p)->text);
			break;
		}
		p->pos++;
		b = level + 1 < BINOP_LEVELS ? parse_binop_level(p, level + 1) : parse_factor(p);
		if (!b)
			return NULL;
		if (a->kind == N_CONST && b->kind == N_CONST) {
			struct cval *k = lv->fold(op, a->constant.value, b->constant.value);

			if (k) {
				a = folded_node(p, k, a->line, a, b);
				continue;
			}
		}
		n = new_node(p, N_BINOP, line);
		n->binop.op = op;
		n->binop.left = a;
		n->binop.right = b;
		a = span(p, n, start);
	}
	return a;
}

static struct node *parse_bitor(struct parser *p)
{
	return parse_binop_level(p, 0);
}

/* the operator an augmented assignment token stands for, or 0 */
static int aug_op(const char *t)
{
	static const struct { const char *s; int op; } tab[] = {
		{ "+=", '+' }, { "-=", '-' }, { "*=", '*' }, { "/=", '/' }, { "%=", '%' },
		{ "//=", 'f' }, { "**=", '^' }, { "&=", '&' }, { "|=", '|' }, { "^=", 'x' },
		{ "<<=", 'l' }, { ">>=", 'r' },
	};
	unsigned int i;

	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (!strcmp(tab[i].s, t))
			return tab[i].op;
	return 0;
}

/* raise [x [from y]], assert test [, msg], from M import a, b */
static struct node *parse_lang_simple(struct parser *p)
{
	int line = cur(p)->line;
	struct node *n;

	if (accept_kw(p, "raise")) {
		n = new_node(p, S_RAISE, line);
		if (cur(p)->kind == T_NEWLINE || cur(p)->kind == T_EOF || is_op(p, ";"))
			return n;
		n->raise.exc = parse_test(p);
		if (!n->raise.exc)
			return NULL;
		if (accept_kw(p, "from")) {
			n->raise.cause = parse_test(p);
			if (!n->raise.cause)
				return NULL;
		}
		return n;
	}
	if (accept_kw(p, "assert")) {
		n = new_node(p, S_ASSERT, line);
		n->assert_.test = parse_test(p);
		if (!n->assert_.test)
			return NULL;
		if (accept_op(p, ",")) {
			n->assert_.msg = parse_test(p);
			if (!n->assert_.msg)
				return NULL;
		}
		return n;
	}
	accept_kw(p, "from");
	n = new_node(p, S_IMPORTFROM, line);
	if (is_op(p, "."))
		return fail(p, "SyntaxError", "relative imports are not supported by pymm");
	if (cur(p)->kind != T_NAME || is_keyword(cur(p)->text))
		return syntax(p);
	n->import.module = parse_dotted(p);
	if (!n->import.module)
		return NULL;
	if (!accept_kw(p, "import"))
		return syntax(p);
	if (is_op(p, "*"))
		return fail(p, "SyntaxError", "'from ... import *' is not supported by pymm");
	{
		bool paren = accept_op(p, "(");

		do {
			struct node *nm;

			if (paren && is_op(p, ")"))
				break;
			if (cur(p)->kind != T_NAME || is_keyword(cur(p)->text))
				return syntax(p);
			nm = new_node(p, N_NAME, line);
			nm->name.id = xstrdup(cur(p)->text);
			p->pos++;
			/* b: the `as` name, which the import binds instead */
			if (accept_kw(p, "as")) {
				nm->name.alias = parse_import_alias(p, line);
				if (!nm->name.alias)
					return NULL;
			}
			bind_target(p, nm->name.alias ? nm->name.alias : nm);
			nvec_push(&n->import.names, nm);
		} while (accept_op(p, ","));
		if (paren && !expect_op(p, ")"))
			return NULL;
	}
	return n;
}

/* ------------------------------------------------------------ f-strings */

/* appends literal text to an f-string's parts, merging with a literal before */
static void fstr_lit(struct parser *p, struct node *f, const char *s, size_t n, int line)
{
	struct nvec *parts = &f->fstring.values;
	struct node *last = parts->n ? parts->v[parts->n - 1] : NULL;

	if (!n)
		return;
	if (last && last->kind == N_CONST) {
		struct cval *k = last->constant.value;

		last->constant.value = cv_bytes_new(CV_STR, k->s, k->len, s, n);
		return;
	}
	nvec_push(&f->fstring.values, const_node(p, cv_bytes_new(CV_STR, s, n, "", 0), line));
}

/* parses text (an expression taken from an f-string) with a parser of its own */
static struct node *fstr_expr(struct parser *p, const char *s, size_t n, int line)
{
	struct parser q = *p;
	struct node *e;
	char *src = xcalloc(1, n + 3);
	int i;

	src[0] = '(';
	memcpy(src + 1, s, n);
	src[n + 1] = ')';
	memset(&q.toks, 0, sizeof(q.toks));
	q.pos = 0;
	q.no_spans = true;
	if (lex(src, n + 2, &q.toks, p->err)) {
		free(src);
		token_list_free(&q.toks);
		p->err->line += line - 1;
		p->failed = true;
		return NULL;
	}
	for (i = 0; i < q.toks.n; i++)
		q.toks.v[i].line += line - 1;
	e = parse_testlist(&q, false);
	if (e && cur(&q)->kind != T_NEWLINE && cur(&q)->kind != T_EOF)
		e = syntax(&q);
	p->failed = q.failed;
	token_list_free(&q.toks);
	free(src);
	return e;
}

/* the replacement fields of one f-string's text, into f's parts */
static int fstr_split(struct parser *p, struct node *f, const char *s, size_t n, int line)
{
	size_t i = 0, lit = 0;

	while (i < n) {
		size_t start, end, conv_at = 0, spec_at = 0;
		int depth = 0;
		char quote = 0;
		struct node *v;

		if (s[i] == '}') {
			if (i + 1 < n && s[i + 1] == '}') {
				fstr_lit(p, f, s + lit, i + 1 - lit, line);
				i += 2;
				lit = i;
				continue;
			}
			fail(p, "SyntaxError", "f-string: single '}' is not allowed");
			return -1;
		}
		if (s[i] != '{') {
			i++;
			continue;
		}
		if (i + 1 < n && s[i + 1] == '{') {
			fstr_lit(p, f, s + lit, i + 1 - lit, line);
			i += 2;
			lit = i;
			continue;
		}
		fstr_lit(p, f, s + lit, i - lit, line);
		start = ++i;
		/* the expression ends at a top-level '!', ':' or '}' */
		for (; i < n; i++) {
			char c = s[i];

			if (quote) {
				if (c == quote)
					quote = 0;
				continue;
			}
			if (c == '\\') {
				fail(p, "SyntaxError",
				     "f-string expression part cannot include a backslash");
				return -1;
			}
			if (c == '\'' || c == '"')
				quote = c;
			else if (c == '(' || c == '[' || c == '{')
				depth++;
			else if ((c == ')' || c == ']' || c == '}') && depth)
				depth--;
			else if (!depth && c == '}')
				break;
			else if (!depth && c == '!' && i + 1 < n && s[i + 1] != '=') {
				conv_at = i;
				break;
			} else if (!depth && c == ':') {
				spec_at = i;
				break;
			}
		}
		end = i;
		if (i >= n) {
			fail(p, "SyntaxError", "f-string: expecting '}'");
			return -1;
		}
		v = new_node(p, N_FVALUE, line);
		/* {x=}: the text, then repr (unless a conversion or spec says) */
		{
			size_t e = end;

			while (e > start && s[e - 1] == ' ')
				e--;
			if (e > start && s[e - 1] == '=' && (e - start < 2 ||
							     !strchr("=!<>", s[e - 2]))) {
				fstr_lit(p, f, s + start, end - start, line);
				end = e - 1;
				if (!conv_at && !spec_at)
					v->fvalue.conversion = 'r';
			}
		}
		if (end == start || strspn(s + start, " \t\n") >= end - start) {
			fail(p, "SyntaxError", "f-string: empty expression not allowed");
			return -1;
		}
		v->fvalue.value = fstr_expr(p, s + start, end - start, line);
		if (!v->fvalue.value)
			return -1;
		if (conv_at) {
			i = conv_at + 1;
			if (i + 1 >= n || !strchr("sra", s[i]) || (s[i + 1] != '}' && s[i + 1] != ':')) {
				fail(p, "SyntaxError",
				     "f-string: invalid conversion character: expected 's', 'r', or 'a'");
				return -1;
			}
			v->fvalue.conversion = s[i];
			i++;
			if (s[i] == ':')
				spec_at = i;
		}
		if (spec_at) {
			/* the spec runs to the matching '}' and may hold fields */
			size_t ss = spec_at + 1;

			depth = 0;
			for (i = ss; i < n; i++) {
				if (s[i] == '{')
					depth++;
				else if (s[i] == '}' && !depth)
					break;
				else if (s[i] == '}')
					depth--;
			}
			if (i >= n) {
				fail(p, "SyntaxError", "f-string: expecting '}'");
				return -1;
			}
			v->fvalue.format_spec = new_node(p, N_FSTRING, line);
			if (fstr_split(p, v->fvalue.format_spec, s + ss, i - ss, line))
				return -1;
		}
		nvec_push(&f->fstring.values, v);
		i++;
		lit = i;
	}
	fstr_lit(p, f, s + lit, n - lit, line);
	return 0;
}

/* adjacent str and f-string literals: one JoinedStr (or a constant) */
static struct node *parse_fstring(struct parser *p)
{
	int line = cur(p)->line;
	struct node *f = new_node(p, N_FSTRING, line);

	while (cur(p)->kind == T_STR || cur(p)->kind == T_FSTR || cur(p)->kind == T_BYTES) {
		struct token *t = cur(p);

		if (t->kind == T_BYTES)
			return fail(p, "SyntaxError", "cannot mix bytes and nonbytes literals");
		if (t->kind == T_STR)
			fstr_lit(p, f, t->text, t->len, line);
		else if (fstr_split(p, f, t->text, t->len, t->line))
			return NULL;
		p->pos++;
	}
	/* no replacement field: the compiler loads one constant */
	if (f->fstring.values.n == 0)
		return const_node(p, cv_bytes_new(CV_STR, "", 0, "", 0), line);
	if (f->fstring.values.n == 1 && f->fstring.values.v[0]->kind == N_CONST)
		return f->fstring.values.v[0];
	return f;
}

/* ------------------------------------------------------- statements */

static bool valid_target(struct node *t, bool del)
{
	int i;

	switch (t->kind) {
	case N_NAME:
	case N_ATTR:
	case N_SUBSCR:
		return true;
	case N_TUPLE:
	case N_LIST: {
		int stars = 0;

		for (i = 0; i < t->seq.elts.n; i++) {
			struct node *e = t->seq.elts.v[i];

			if (e->kind == N_STARRED) {
				if (del || stars++)
					return false;
				e = e->starred.value;
			}
			if (!valid_target(e, del) || e->kind == N_STARRED)
				return false;
		}
		return true;
	}
	default:
		return false;
	}
}

static struct node *parse_simple(struct parser *p)
{
	struct token *t = cur(p);
	int line = t->line;
	struct node *n, *e;

	if (accept_kw(p, "pass"))
		return new_node(p, S_PASS, line);
	if (is_kw(p, "break") || is_kw(p, "continue")) {
		bool brk = is_kw(p, "break");

		if (!p->loop_depth)
			return fail(p, "SyntaxError", brk ? "'break' outside loop" :
				    "'continue' not properly in loop");
		p->pos++;
		return new_node(p, brk ? S_BREAK : S_CONTINUE, line);
	}
	if (accept_kw(p, "return")) {
		if (!p->def_depth)
			return fail(p, "SyntaxError", "'return' outside function");
		n = new_node(p, S_RETURN, line);
		if (cur(p)->kind != T_NEWLINE && !is_op(p, ";")) {
			n->return_.value = parse_testlist(p, false);
			if (!n->return_.value)
				return NULL;
		}
		return n;
	}
	if (accept_kw(p, "global")) {
		n = new_node(p, S_GLOBAL, line);
		do {
			struct node *nm;

			if (cur(p)->kind != T_NAME || is_keyword(cur(p)->text))
				return syntax(p);
			nm = new_node(p, N_NAME, line);
			nm->name.id = xstrdup(cur(p)->text);
			p->pos++;
			if (p->scope) {
				if (scope_is_local(p->scope, nm->name.id))
					return fail(p, "SyntaxError",
						    "name '%s' is assigned to before global declaration",
						    nm->name.id);
				scope_add_global(p->scope, nm->name.id);
			}
			/* a name a function may bind globally */
			scope_add(NULL, nm->name.id);
			nvec_push(&n->decl.names, nm);
		} while (accept_op(p, ","));
		return n;
	}
	if (accept_kw(p, "import")) {
		n = new_node(p, S_IMPORT, line);
		do {
			struct node *nm;

			char *full;

			if (cur(p)->kind != T_NAME || is_keyword(cur(p)->text))
				return syntax(p);
			nm = new_node(p, N_NAME, line);
			full = parse_dotted(p);
			if (!full)
				return NULL;
			/*
			 * str: the name bound (`a` of `import a.b`, or the `as`
			 * name); b: the module's full name when that differs
			 * (imports.c refuses what pymm lacks when it runs)
			 */
			if (accept_kw(p, "as")) {
				nm->name.alias = parse_import_alias(p, line);
				if (!nm->name.alias)
					return NULL;
				nm->name.id = nm->name.alias->name.id;
				nm->name.alias->name.id = full;
				nm->name.as_renamed = true;
			} else if (strchr(full, '.')) {
				nm->name.alias = new_node(p, N_NAME, line);
				nm->name.alias->name.id = full;
				nm->name.id = xstrdup(full);
				*strchr(nm->name.id, '.') = '\0';
			} else {
				nm->name.id = full;
			}
			bind_target(p, nm);
			nvec_push(&n->import.names, nm);
		} while (accept_op(p, ","));
		return n;
	}
	if (accept_kw(p, "nonlocal")) {
		if (!p->scope)
			return fail(p, "SyntaxError", "nonlocal declaration not allowed at module level");
		n = new_node(p, S_NONLOCAL, line);
		do {
			struct node *nm;

			if (cur(p)->kind != T_NAME || is_keyword(cur(p)->text))
				return syntax(p);
			nm = new_node(p, N_NAME, line);
			nm->name.id = xstrdup(cur(p)->text);
			p->pos++;
			if (scope_is_local(p->scope, nm->name.id)) {
				int i;

				for (i = 0; i < p->scope->nparams; i++)
					if (!strcmp(p->scope->names[i], nm->name.id))
						return fail(p, "SyntaxError",
							    "name '%s' is parameter and nonlocal",
							    nm->name.id);
				return fail(p, "SyntaxError",
					    "name '%s' is assigned to before nonlocal declaration",
					    nm->name.id);
			}
			for (int i = 0; i < p->scope->ng; i++)
				if (!strcmp(p->scope->globals[i], nm->name.id))
					return fail(p, "SyntaxError",
						    "name '%s' is nonlocal and global", nm->name.id);
			nameset_add(&p->scope->nonlocals, nm->name.id, false);
			nvec_push(&n->decl.names, nm);
		} while (accept_op(p, ","));
		return n;
	}
	if (is_kw(p, "from") || is_kw(p, "raise") || is_kw(p, "assert"))
		return parse_lang_simple(p);
	if (is_kw(p, "async"))
		return fail(p, "SyntaxError", "'%s' is not supported by pymm", cur(p)->text);
	if (accept_kw(p, "del")) {
		n = new_node(p, S_DEL, line);
		do {
			e = parse_or(p);
			if (!e)
				return NULL;
			if (!valid_target(e, true))
				return fail(p, "SyntaxError", "cannot delete %s",
					    e->kind == N_CALL ? "function call" :
					    e->kind == N_CONST ? "literal" : "expression");
			bind_target(p, e);
			nvec_push(&n->del.targets, e);
		} while (accept_op(p, ",") && cur(p)->kind != T_NEWLINE);
		return n;
	}
	e = parse_testlist(p, false);
	if (!e)
		return NULL;
	if (cur(p)->kind == T_OP && aug_op(cur(p)->text)) {
		n = new_node(p, S_AUGASSIGN, line);
		n->augassign.op = aug_op(cur(p)->text);
		if (e->kind != N_NAME && e->kind != N_ATTR && e->kind != N_SUBSCR)
			return fail(p, "SyntaxError",
				    "'%s' is an illegal expression for augmented assignment",
				    e->kind == N_TUPLE || e->kind == N_CONST ? "tuple" : "expression");
		p->pos++;
		n->augassign.target = e;
		bind_target(p, e);
		n->augassign.value = parse_testlist(p, false);
		if (!n->augassign.value)
			return NULL;
		return n;
	}
	if (is_op(p, "=")) {
		n = new_node(p, S_ASSIGN, line);
		while (accept_op(p, "=")) {
			struct node *v;

			if (!valid_target(e, false))
				return fail(p, "SyntaxError", "cannot assign to %s",
					    e->kind == N_CALL ? "function call" :
					    e->kind == N_CONST ? "literal" : "expression");
			if (e->kind == N_STARRED)
				return fail(p, "SyntaxError",
					    "starred assignment target must be in a list or tuple");
			bind_target(p, e);
			nvec_push(&n->assign.targets, e);
			v = parse_testlist(p, false);
			if (!v)
				return NULL;
			e = v;
		}
		n->assign.value = e;
		return n;
	}
	if (cur(p)->kind == T_OP && cur(p)->text[0] != ';' && cur(p)->text[0] != ')')
		return syntax(p);
	if (e->kind == N_STARRED)
		return fail(p, "SyntaxError", "can't use starred expression here");
	if (e->kind == N_NAMEDEXPR && e->namedexpr.paren != '(')
		return syntax(p);	/* `x := 1` needs its parentheses here */
	n = new_node(p, S_EXPR, line);
	n->expr.value = e;
	return n;
}

static int parse_simple_line(struct parser *p, struct nvec *body)
{
	for (;;) {
		struct node *s = parse_simple(p);

		if (!s)
			return -1;
		nvec_push(body, s);
		if (!accept_op(p, ";"))
			break;
		if (cur(p)->kind == T_NEWLINE)
			break;
	}
	if (cur(p)->kind != T_NEWLINE && cur(p)->kind != T_EOF) {
		syntax(p);
		return -1;
	}
	if (cur(p)->kind == T_NEWLINE)
		p->pos++;
	return 0;
}

static int parse_stmt(struct parser *p, struct nvec *body);

/* the line of the last token consumed that is part of the text */
static int last_line(struct parser *p)
{
	int i;

	for (i = p->pos - 1; i >= 0; i--) {
		const struct token *t = &p->toks.v[i];

		if (t->kind == T_NEWLINE || t->kind == T_INDENT || t->kind == T_DEDENT ||
		    t->kind == T_EOF)
			continue;
		return t->line;
	}
	return 1;
}

/* Parameters up to `end` (")" for a def, ":" for a lambda), in CPython's
 * co_varnames order: positional, keyword-only, *args, **kwargs. */
static int parse_params(struct parser *p, struct node *n, const char *end, bool lambda)
{
	struct nvec pos = { 0 }, kwonly = { 0 };
	struct node *varargs = NULL, *varkw = NULL, *prm;
	bool star = false, dflt = false, slash = false;
	int i, ret = -1;

	while (!is_op(p, end)) {
		int line = cur(p)->line;

		if (varkw) {
			fail(p, "SyntaxError", "arguments cannot follow var-keyword argument");
			goto out;
		}
		if (accept_op(p, "/")) {
			if (slash || star || !pos.n) {
				fail(p, "SyntaxError", slash ? "/ may appear only once" :
				     star ? "/ must be ahead of *" : "at least one argument must precede /");
				goto out;
			}
			for (i = 0; i < pos.n; i++)
				pos.v[i]->name.param_kind = P_POSONLY;
			slash = true;
			if (!accept_op(p, ","))
				break;
			continue;
		}
		if (is_op(p, "*") || is_op(p, "**")) {
			bool two = cur(p)->text[1] == '*';

			p->pos++;
			if (!two && star) {
				fail(p, "SyntaxError", "* argument may appear only once");
				goto out;
			}
			if (!two && (is_op(p, ",") || is_op(p, end))) {
				star = true;	/* bare *: keyword-only after */
				if (is_op(p, end) || (is_op(p, ",") && is_op_at(p, 1, end)) ||
				    (is_op(p, ",") && is_op_at(p, 1, "**"))) {
					fail(p, "SyntaxError", "named arguments must follow bare *");
					goto out;
				}
				p->pos++;
				continue;
			}
			if (cur(p)->kind != T_NAME || is_keyword(cur(p)->text)) {
				syntax(p);
				goto out;
			}
			prm = new_node(p, N_NAME, line);
			prm->name.id = xstrdup(cur(p)->text);
			prm->name.param_kind = two ? P_VARKW : P_VARARGS;
			p->pos++;
			if (two)
				varkw = prm;
			else
				varargs = prm;
			star = star || !two;
		} else {
			if (cur(p)->kind != T_NAME || is_keyword(cur(p)->text)) {
				syntax(p);
				goto out;
			}
			prm = new_node(p, N_NAME, line);
			prm->name.id = xstrdup(cur(p)->text);
			prm->name.param_kind = star ? P_KWONLY : P_POS;
			p->pos++;
			nvec_push(star ? &kwonly : &pos, prm);
		}
		if (!lambda && is_op(p, ":")) {
			fail(p, "SyntaxError", "annotations are not supported by pymm");
			goto out;
		}
		if (accept_op(p, "=")) {
			if (prm->name.param_kind == P_VARARGS || prm->name.param_kind == P_VARKW) {
				fail(p, "SyntaxError", "var-%s argument cannot have default value",
				     prm->name.param_kind == P_VARARGS ? "positional" : "keyword");
				goto out;
			}
			prm->name.default_value = parse_test(p);
			if (!prm->name.default_value)
				goto out;
			if (prm->name.param_kind != P_KWONLY)
				dflt = true;
		} else if (prm->name.param_kind == P_POS && dflt) {
			fail(p, "SyntaxError", "non-default argument follows default argument");
			goto out;
		}
		if (!accept_op(p, ","))
			break;
	}
	for (i = 0; i < kwonly.n; i++)
		nvec_push(&pos, kwonly.v[i]);
	if (varargs)
		nvec_push(&pos, varargs);
	if (varkw)
		nvec_push(&pos, varkw);
	for (i = 0; i < pos.n; i++) {
		if (scope_is_local(n->def.scope, pos.v[i]->name.id)) {
			fail(p, "SyntaxError", "duplicate argument '%s' in function definition",
			     pos.v[i]->name.id);
			goto out;
		}
		scope_add(n->def.scope, pos.v[i]->name.id);
		nvec_push(&n->def.params, pos.v[i]);
	}
	n->def.scope->nparams = pos.n;
	ret = 0;
out:
	free(pos.v);
	free(kwonly.v);
	return ret;
}

static char *qualname_of(struct parser *p, const char *name)
{
	const char *pre = p->qual ? p->qual : "";
	char *q;
	int i;

	/* declared `global` where it is made: its qualname is its name
	 * (compiler_set_qualname's GLOBAL_EXPLICIT) */
	for (i = 0; p->scope && i < p->scope->ng; i++)
		if (!strcmp(p->scope->globals[i], name))
			pre = "";
	q = xcalloc(1, strlen(pre) + strlen(name) + 1);

	strcpy(q, pre);
	strcat(q, name);
	return q;
}

/* the qualname prefix inside a function: "outer.<locals>." */
static char *enter_locals(struct parser *p, struct node *n)
{
	char *saved = p->qual;

	p->qual = xcalloc(1, strlen(n->def.qualname) + sizeof(".<locals>."));
	strcpy(p->qual, n->def.qualname);
	strcat(p->qual, ".<locals>.");
	return saved;
}

static void leave_locals(struct parser *p, char *saved)
{
	free(p->qual);
	p->qual = saved;
}

static struct node *parse_lambda(struct parser *p)
{
	int line = cur(p)->line;
	struct scope *outer = p->scope;
	struct node *n, *ret;
	char *saved;

	p->pos++;	/* lambda */
	n = new_node(p, N_LAMBDA, line);
	n->def.mod = p->m;
	n->def.name = xstrdup("<lambda>");
	n->def.qualname = qualname_of(p, n->def.name);
	n->def.scope = xcalloc(1, sizeof(*n->def.scope));
	if (parse_params(p, n, ":", true))
		return NULL;
	if (!expect_op(p, ":"))
		return NULL;
	ret = new_node(p, S_RETURN, line);
	p->scope = n->def.scope;
	saved = enter_locals(p, n);
	p->in_lambda++;
	ret->return_.value = level_enter(p, 2) ? parse_test(p) : NULL;
	p->level -= 2;
	p->in_lambda--;
	leave_locals(p, saved);
	p->scope = outer;
	if (!ret->return_.value)
		return NULL;
	nvec_push(&n->def.body, ret);
	return n;
}

static struct node *parse_def(struct parser *p, struct nvec *decorators)
{
	int line = cur(p)->line;
	struct scope *outer = p->scope;
	int outer_loop = p->loop_depth;
	struct node *n, *outer_def;
	char *saved;

	p->pos++;	/* def */
	if (cur(p)->kind != T_NAME || is_keyword(cur(p)->text)) {
		if (decorators)
			free(decorators->v);
		return syntax(p);
	}
	n = new_node(p, S_DEF, line);
	n->def.mod = p->m;
	n->def.name = xstrdup(cur(p)->text);
	n->def.qualname = qualname_of(p, n->def.name);
	if (!strcmp(n->def.name, "__setattr__") || !strcmp(n->def.name, "__delattr__") ||
	    !strcmp(n->def.name, "__getattribute__"))
		p->m->attr_hooks = true;
	if (!strcmp(n->def.name, "__get__") || !strcmp(n->def.name, "__set__") ||
	    !strcmp(n->def.name, "__delete__") || !strcmp(n->def.name, "__set_name__"))
		p->m->descr_hooks = true;
	if (decorators)
		n->def.decorators = *decorators;
	p->pos++;
	bind_target(p, &(struct node){ .kind = N_NAME, .name.id = n->def.name });
	if (!expect_op(p, "("))
		return NULL;
	n->def.scope = xcalloc(1, sizeof(*n->def.scope));
	if (parse_params(p, n, ")", false))
		return NULL;
	if (!expect_op(p, ")"))
		return NULL;
	if (is_op(p, "->"))
		return fail(p, "SyntaxError", "annotations are not supported by pymm");
	p->scope = n->def.scope;
	p->def_depth++;
	p->loop_depth = 0;
	outer_def = p->def;
	p->def = n;
	saved = enter_locals(p, n);
	if (parse_block(p, &n->def.body)) {
		leave_locals(p, saved);
		return NULL;
	}
	leave_locals(p, saved);
	p->def = outer_def;
	n->def.end_line = last_line(p);
	p->def_depth--;
	p->loop_depth = outer_loop;
	p->scope = outer;
	return n;
}


/*
 * class NAME(bases): body, anywhere a statement may be: at module level, in
 * a def (each call makes a new class, qualname "f.<locals>.NAME") or in a
 * class body ("Outer.NAME").  The body is a block of its own: no return or
 * yield reaches the def around it (CPython: "'return' outside function").
 */
static struct node *parse_class(struct parser *p, struct nvec *decorators)
{
	int line = cur(p)->line;
	struct scope *outer = p->scope;
	int outer_loop = p->loop_depth, outer_depth = p->def_depth;
	bool outer_in_class = p->in_class;
	struct node *outer_def = p->def;
	char *saved_qual;
	struct node *n;
	int i, err;

	p->pos++;	/* class */
	if (cur(p)->kind != T_NAME || is_keyword(cur(p)->text)) {
		if (decorators)
			free(decorators->v);
		return syntax(p);
	}
	n = new_node(p, S_CLASS, line);
	n->class_.name = xstrdup(cur(p)->text);
	n->class_.mod = p->m;
	n->class_.qualname = qualname_of(p, n->class_.name);
	if (decorators)
		n->class_.decorators = *decorators;
	p->pos++;
	if (accept_op(p, "(")) {
		while (!is_op(p, ")")) {
			struct node *b;

			if (cur(p)->kind == T_NAME && peek(p, 1)->kind == T_OP &&
			    !strcmp(peek(p, 1)->text, "="))
				return fail(p, "SyntaxError",
					    "class keywords (metaclass=...) are not supported by pymm");
			if (is_op(p, "*") || is_op(p, "**"))
				return fail(p, "SyntaxError",
					    "starred bases are not supported by pymm");
			b = parse_test(p);
			if (!b)
				return NULL;
			nvec_push(&n->class_.bases, b);
			if (!accept_op(p, ","))
				break;
		}
		if (!expect_op(p, ")"))
			return NULL;
	}
	bind_target(p, &(struct node){ .kind = N_NAME, .name.id = n->class_.name });
	/* the body runs in a namespace of its own: CPython's class block */
	n->class_.scope = xcalloc(1, sizeof(*n->class_.scope));
	n->class_.scope->is_class = true;
	p->scope = n->class_.scope;
	p->in_class = true;
	p->loop_depth = 0;
	p->def_depth = 0;
	p->def = NULL;
	/* a method's __qualname__ is "Class.name" ("f.<locals>.Class.name") */
	saved_qual = p->qual;
	p->qual = xcalloc(1, strlen(n->class_.qualname) + 2);
	sprintf(p->qual, "%s.", n->class_.qualname);
	err = parse_block(p, &n->class_.body);
	free(p->qual);
	p->qual = saved_qual;
	if (err)
		return NULL;
	p->in_class = outer_in_class;
	p->def_depth = outer_depth;
	p->def = outer_def;
	p->scope = outer;
	p->loop_depth = outer_loop;
	/* the body's defs are methods (a __del__ is one like any: fin.c) */
	for (i = 0; i < n->class_.body.n; i++)
		if (n->class_.body.v[i]->kind == S_DEF)
			n->class_.body.v[i]->def.is_method = true;
	return n;
}

/* `with a as x, b:` is `with a as x:` around `with b:` (as CPython compiles it) */
static struct node *parse_with(struct parser *p, int line)
{
	struct node *first = NULL, *n = NULL;

	do {
		struct node *w = new_node(p, S_WITH, line);

		w->with.context_expr = parse_test(p);
		if (!w->with.context_expr)
			return NULL;
		if (accept_kw(p, "as")) {
			w->with.optional_vars = parse_or(p);
			if (!w->with.optional_vars)
				return NULL;
			if (!valid_target(w->with.optional_vars, false))
				return fail(p, "SyntaxError", "cannot assign to expression");
			bind_target(p, w->with.optional_vars);
		}
		if (n)
			nvec_push(&n->with.body, w);
		else
			first = w;
		n = w;
	} while (accept_op(p, ","));
	if (parse_block(p, &n->with.body))
		return NULL;
	return first;
}

static int parse_if_chain(struct parser *p, struct node *n)
{
	n->if_.test = parse_test(p);
	if (!n->if_.test || parse_block(p, &n->if_.body))
		return -1;
	if (is_kw(p, "elif")) {
		struct node *e = new_node(p, S_IF, cur(p)->line);

		p->pos++;
		nvec_push(&n->if_.orelse, e);
		return parse_if_chain(p, e);
	}
	if (accept_kw(p, "else"))
		return parse_block(p, &n->if_.orelse);
	return 0;
}

static struct node *parse_compound(struct parser *p)
{
	int line = cur(p)->line;
	struct node *n;

	if (is_kw(p, "def"))
		return parse_def(p, NULL);
	if (is_kw(p, "class"))
		return parse_class(p, NULL);
	if (accept_kw(p, "if")) {
		n = new_node(p, S_IF, line);
		return parse_if_chain(p, n) ? NULL : n;
	}
	if (accept_kw(p, "with"))
		return parse_with(p, line);
	if (accept_kw(p, "while")) {
		n = new_node(p, S_WHILE, line);
		n->while_.test = parse_test(p);
		if (!n->while_.test)
			return NULL;
		p->loop_depth++;
		if (parse_block(p, &n->while_.body))
			return NULL;
		p->loop_depth--;
		if (accept_kw(p, "else") && parse_block(p, &n->while_.orelse))
			return NULL;
		return n;
	}
	if (accept_kw(p, "for")) {
		n = new_node(p, S_FOR, line);
		n->for_.target = parse_for_target_elt(p);
		if (!n->for_.target)
			return NULL;
		if (is_op(p, ",")) {
			struct node *t = new_node(p, N_TUPLE, line);

			nvec_push(&t->seq.elts, n->for_.target);
			while (accept_op(p, ",")) {
				struct node *e;

				if (is_kw(p, "in"))
					break;
				e = parse_for_target_elt(p);
				if (!e)
					return NULL;
				nvec_push(&t->seq.elts, e);
			}
			n->for_.target = t;
		}
		if (!valid_target(n->for_.target, false))
			return fail(p, "SyntaxError", "cannot assign to expression");
		bind_target(p, n->for_.target);
		if (!accept_kw(p, "in"))
			return syntax(p);
		n->for_.iter = parse_testlist(p, false);
		if (!n->for_.iter)
			return NULL;
		/* ast_opt.c fold_iter: a constant list to iterate is a tuple */
		if (n->for_.iter->kind == N_LIST) {
			struct node *t = make_tuple_or_fold(p, n->for_.iter);

			if (t->kind == N_CONST)
				n->for_.iter = t;
		}
		p->loop_depth++;
		if (parse_block(p, &n->for_.body))
			return NULL;
		p->loop_depth--;
		if (accept_kw(p, "else") && parse_block(p, &n->for_.orelse))
			return NULL;
		return n;
	}
	if (accept_kw(p, "try")) {
		n = new_node(p, S_TRY, line);
		if (parse_block(p, &n->try_.body))
			return NULL;
		while (is_kw(p, "except")) {
			struct node *h = new_node(p, S_HANDLER, cur(p)->line);

			p->pos++;
			if (is_op(p, "*"))
				return fail(p, "SyntaxError",
					    "except* (exception groups) is not supported by pymm");
			if (!is_op(p, ":")) {
				/* one expression: a class, a tuple of them (evaluated) */
				struct node *e = parse_test(p);

				if (!e)
					return NULL;
				nvec_push(&h->handler.types, e);
				if (accept_kw(p, "as")) {
					struct node *nm;

					if (cur(p)->kind != T_NAME || is_keyword(cur(p)->text))
						return syntax(p);
					h->handler.name = xstrdup(cur(p)->text);
					nm = new_node(p, N_NAME, cur(p)->line);
					nm->name.id = xstrdup(cur(p)->text);
					bind_target(p, nm);
					p->pos++;
				}
			}
			if (parse_block(p, &h->handler.body))
				return NULL;
			nvec_push(&n->try_.handlers, h);
		}
		if (!n->try_.handlers.n && !is_kw(p, "finally"))
			return fail(p, "SyntaxError", "expected 'except' or 'finally' block");
		if (n->try_.handlers.n && accept_kw(p, "else") && parse_block(p, &n->try_.orelse))
			return NULL;
		if (accept_kw(p, "finally")) {
			struct node *tf = new_node(p, S_TRYFINALLY, line);

			if (n->try_.handlers.n)
				nvec_push(&tf->tryfinally.body, n);
			else
				tf->tryfinally.body = n->try_.body, memset(&n->try_.body, 0, sizeof(n->try_.body));
			if (parse_block(p, &tf->tryfinally.finalbody))
				return NULL;
			return tf;
		}
		return n;
	}
	return NULL;
}

static int parse_block(struct parser *p, struct nvec *body)
{
	if (!expect_op(p, ":"))
		return -1;
	if (cur(p)->kind != T_NEWLINE)
		return parse_simple_line(p, body);
	p->pos++;
	if (cur(p)->kind != T_INDENT) {
		fail(p, "IndentationError", "expected an indented block");
		return -1;
	}
	p->pos++;
	while (cur(p)->kind != T_DEDENT && cur(p)->kind != T_EOF)
		if (parse_stmt(p, body))
			return -1;
	if (cur(p)->kind == T_DEDENT)
		p->pos++;
	return 0;
}

/* @expr NEWLINE ... then a def or a class: the decorators, top first */
static int parse_decorated(struct parser *p, struct nvec *body)
{
	struct nvec decos = { 0 };
	struct node *n;

	while (accept_op(p, "@")) {
		struct node *e = parse_test(p);

		if (!e)
			goto fail;
		nvec_push(&decos, e);
		if (cur(p)->kind != T_NEWLINE) {
			syntax(p);
			goto fail;
		}
		p->pos++;
	}
	if (is_kw(p, "def")) {
		n = parse_def(p, &decos);
		if (!n)
			return -1;	/* the node owns the vector */
	} else if (is_kw(p, "class")) {
		n = parse_class(p, &decos);
		if (!n)
			return -1;	/* the node owns the vector */
	} else {
		syntax(p);
		goto fail;
	}
	nvec_push(body, n);
	return 0;
fail:
	free(decos.v);
	return -1;
}

static int parse_stmt(struct parser *p, struct nvec *body)
{
	struct node *n;

	if (cur(p)->kind == T_INDENT) {
		fail(p, "IndentationError", "unexpected indent");
		return -1;
	}
	if (is_kw(p, "def") || is_kw(p, "class") || is_kw(p, "if") || is_kw(p, "while") ||
	    is_kw(p, "for") || is_kw(p, "try") || is_kw(p, "with")) {
		n = parse_compound(p);
		if (!n)
			return -1;
		nvec_push(body, n);
		return 0;
	}
	if (is_kw(p, "elif") || is_kw(p, "else") || is_kw(p, "except")) {
		syntax(p);
		return -1;
	}
	if (is_op(p, "@"))
		return parse_decorated(p, body);
	return parse_simple_line(p, body);
}

/* ---------------------------------------------------- constant table */

static bool cval_is_singleton(const struct cval *k)
{
	return k->kind == CV_NONE || k->kind == CV_TRUE || k->kind == CV_FALSE ||
	       k->kind == CV_ELLIPSIS;
}

bool cval_equal_key(const struct cval *a, const struct cval *b)
{
	int i;

	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case CV_INT:
		return a->i == b->i;
	case CV_FLOAT:
		/* 0.0 and -0.0 are different constants (_PyCode_ConstantKey) */
		return !memcmp(&a->f, &b->f, sizeof(double));
	case CV_STR:
	case CV_BYTES:
		return a->len == b->len && !memcmp(a->s, b->s, a->len);
	case CV_TUPLE:
		if (a->n != b->n)
			return false;
		for (i = 0; i < a->n; i++)
			if (!cval_equal_key(a->elts[i], b->elts[i]))
				return false;
		return true;
	default:
		return true;
	}
}

/* Returns the slot of k, adding it (and its elements first) if new. */
static int const_register(struct module *m, struct cval *k, bool from_ast)
{
	int i;

	if (k->kind == CV_TUPLE)
		for (i = 0; i < k->n; i++)
			if (!cval_is_singleton(k->elts[i]))
				k->elts[i]->slot = const_register(m, k->elts[i], from_ast);
	for (i = 0; i < m->nconsts; i++)
		if (cval_equal_key(m->consts[i], k)) {
			if (from_ast)
				m->const_from_ast[i] = true;
			k->slot = i;
			return i;
		}
	if (m->nconsts == m->cconsts) {
		m->cconsts = m->cconsts ? m->cconsts * 2 : 16;
		m->consts = realloc(m->consts, m->cconsts * sizeof(*m->consts));
		m->const_from_ast = realloc(m->const_from_ast, m->cconsts * sizeof(bool));
		if (!m->consts || !m->const_from_ast) {
			perror("pymmctl");
			exit(1);
		}
	}
	m->consts[m->nconsts] = k;
	m->const_from_ast[m->nconsts] = from_ast;
	k->slot = m->nconsts;
	return m->nconsts++;
}

static void block_use(struct module *m, int block, int slot)
{
	int i, n = m->block_nconsts[block];

	for (i = 0; i < n; i++)
		if (m->block_consts[block][i] == slot)
			return;
	m->block_consts[block] = realloc(m->block_consts[block], (n + 1) * sizeof(int));
	if (!m->block_consts[block]) {
		perror("pymmctl");
		exit(1);
	}
	m->block_consts[block][n] = slot;
	m->block_nconsts[block]++;
}

static void walk_consts(struct module *m, struct node *n, int block);

/*
 * eval()'s module: its one expression statement is the value, so a
 * constant one keeps its constant (a module drops it, as the compiler).
 */
void module_eval_consts(struct module *m)
{
	if (m->body.n != 1 || m->body.v[0]->kind != S_EXPR)
		return;
	/* what the walk makes (a constant tuple) is the module's to free */
	cur_nodes = m->nodes;
	cur_cvals = m->cvals;
	walk_consts(m, m->body.v[0]->expr.value, 0);
	cur_nodes = NULL;
	cur_cvals = NULL;
}

static int new_block(struct module *m)
{
	m->block_consts = realloc(m->block_consts, (m->nblocks + 1) * sizeof(int *));
	m->block_nconsts = realloc(m->block_nconsts, (m->nblocks + 1) * sizeof(int));
	if (!m->block_consts || !m->block_nconsts) {
		perror("pymmctl");
		exit(1);
	}
	m->block_consts[m->nblocks] = NULL;
	m->block_nconsts[m->nblocks] = 0;
	return m->nblocks++;
}

static void walk_consts(struct module *m, struct node *n, int block);

static void walk_vec(struct module *m, struct nvec *v, int block)
{
	int i;

	for (i = 0; i < v->n; i++)
		walk_consts(m, v->v[i], block);
}

static bool all_const(struct nvec *v)
{
	int i;

	for (i = 0; i < v->n; i++)
		if (!v->v[i] || v->v[i]->kind != N_CONST)
			return false;	/* NULL: a dict display's **mapping */
	return true;
}

/* The compiler loads these displays' constants as one tuple (its slot). */
static int use_const_tuple(struct module *m, struct nvec *v, int block)
{
	struct cval *k = new_cval(CV_TUPLE);
	int i;

	k->n = v->n;
	k->elts = xcalloc(k->n, sizeof(*k->elts));
	for (i = 0; i < k->n; i++) {
		k->elts[i] = v->v[i]->constant.value;
		if (!cval_is_singleton(k->elts[i]))
			const_register(m, k->elts[i], true);
	}
	i = const_register(m, k, false);
	block_use(m, block, i);
	return i;
}

/*
 * A def's positional defaults, all constants: the compiler folds their
 * BUILD_TUPLE into one constant tuple of the enclosing code
 * (fold_tuple_on_constants), which every function the def makes shares
 * and which outlives them.  Else each default is an expression.
 */
static void walk_defaults(struct module *m, struct node *n, int block)
{
	struct nvec *params = &n->def.params, pos = { 0 };
	int i;

	for (i = 0; i < params->n; i++) {
		struct node *a = params->v[i]->name.default_value;

		if (!a || params->v[i]->name.param_kind == P_KWONLY)
			continue;
		if (a->kind != N_CONST)
			break;
		nvec_push(&pos, a);
	}
	if (i == params->n && pos.n)
		n->def.defaults_slot = use_const_tuple(m, &pos, block) + 1;
	free(pos.v);
	for (i = 0; i < params->n; i++)
		if (!n->def.defaults_slot || params->v[i]->name.param_kind == P_KWONLY)
			walk_consts(m, params->v[i]->name.default_value, block);
}

/* a body's docstring: the compiler keeps it, as co_consts[0] */
static void walk_docstring(struct module *m, struct nvec *body, int block)
{
	walk_consts(m, ast_docstring(body), block);
}

/* the first iterable is evaluated outside; the rest is the
 * comprehension's own code block (its function's co_consts) */
static void walk_comp_consts(struct module *m, struct node *n, int block)
{
	struct nvec *gens = &n->comp.generators;
	int i;

	walk_consts(m, gens->v[0]->compfor.iter, block);
	n->comp.block = new_block(m);
	for (i = 0; i < gens->n; i++) {
		if (i)
			walk_consts(m, gens->v[i]->compfor.iter, n->comp.block);
		walk_consts(m, gens->v[i]->compfor.target, n->comp.block);
		walk_vec(m, &gens->v[i]->compfor.ifs, n->comp.block);
	}
	walk_consts(m, n->comp.elt, n->comp.block);
	walk_consts(m, n->comp.value, n->comp.block);
}

struct walk_consts_ctx {
	struct module *m;
	int block;
};

static int walk_consts_child(struct node *child, void *arg)
{
	struct walk_consts_ctx *c = arg;

	walk_consts(c->m, child, c->block);
	return 0;
}

static void walk_consts(struct module *m, struct node *n, int block)
{
	struct walk_consts_ctx ctx = { m, block };

	if (!n)
		return;
	switch (n->kind) {
	case N_CONST:
		if (!cval_is_singleton(n->constant.value))
			block_use(m, block, const_register(m, n->constant.value, true));
		return;
	case N_LIST:
		if (n->seq.elts.n > 2 && all_const(&n->seq.elts)) {
			use_const_tuple(m, &n->seq.elts, block);
			return;
		}
		break;
	case N_DICT:
		if (n->dict.keys.n > 1 && all_const(&n->dict.keys)) {
			use_const_tuple(m, &n->dict.keys, block);
			walk_vec(m, &n->dict.values, block);
			return;
		}
		break;
	case S_EXPR:
		/* the compiler drops constant expression statements (not docstrings:
		 * those are handled by the caller) */
		if (n->expr.value->kind == N_CONST)
			return;
		break;
	case N_COMP:
		walk_comp_consts(m, n, block);
		return;
	case S_DEF:
	case N_LAMBDA:
		/* decorators and defaults run in the enclosing code */
		walk_vec(m, &n->def.decorators, block);
		walk_defaults(m, n, block);
		n->def.block = new_block(m);
		if (n->kind == S_DEF)
			walk_docstring(m, &n->def.body, n->def.block);
		walk_vec(m, &n->def.body, n->def.block);
		return;
	case S_CLASS:
		/* decorators and bases are evaluated by the enclosing block; the body is a block */
		walk_vec(m, &n->class_.decorators, block);
		walk_vec(m, &n->class_.bases, block);
		n->class_.block = new_block(m);
		walk_docstring(m, &n->class_.body, n->class_.block);
		walk_vec(m, &n->class_.body, n->class_.block);
		return;
	default:
		break;
	}
	ast_for_children(n, walk_consts_child, &ctx);
}

/* ---------------------------------------------------------- entry */

struct module *parse_module(const char *filename, const char *text, size_t len,
			    struct parse_error *err)
{
	return parse_module_at(filename, text, len, err, 0,
			       AST_COMPILE_DEPTH_SCALE * PYMM_DEFAULT_RECURSION_LIMIT);
}

struct module *parse_module_at(const char *filename, const char *text, size_t len,
			       struct parse_error *err, int start_depth, int depth_limit)
{
	struct parser p = { .err = err };
	struct module *m = xcalloc(1, sizeof(*m));
	size_t i;

	m->nodes = xcalloc(1, sizeof(struct registry));
	m->cvals = xcalloc(1, sizeof(struct registry));
	cur_nodes = m->nodes;
	cur_cvals = m->cvals;
	m->mod_scope = xcalloc(1, sizeof(*m->mod_scope));
	cur_mod_scope = m->mod_scope;

	m->filename = filename;
	m->src = xcalloc(1, len + 1);
	memcpy(m->src, text, len);
	m->lines = xcalloc(1, sizeof(char *));
	m->lines[m->nlines++] = m->src;
	for (i = 0; i < len; i++)
		if (m->src[i] == '\n') {
			m->lines = realloc(m->lines, (m->nlines + 1) * sizeof(char *));
			if (!m->lines) {
				perror("pymmctl");
				exit(1);
			}
			m->lines[m->nlines++] = m->src + i + 1;
		}
	if (memchr(text, 0, len)) {
		err->line = 1;
		err->col = 1;
		err->kind = "SyntaxError";
		snprintf(err->msg, sizeof(err->msg), "source code cannot contain null bytes");
		module_free(m);
		return NULL;
	}
	if (lex(m->src, len, &p.toks, err)) {
		token_list_free(&p.toks);
		module_free(m);
		return NULL;
	}
	p.m = m;
	while (cur(&p)->kind != T_EOF) {
		if (cur(&p)->kind == T_NEWLINE) {
			p.pos++;
			continue;
		}
		if (parse_stmt(&p, &m->body))
			break;
	}
	token_list_free(&p.toks);
	if (p.failed || ast_check_limits(m, start_depth, depth_limit, err)) {
		module_free(m);
		return NULL;
	}
	if (symtable_resolve(m, err)) {
		module_free(m);
		return NULL;
	}
	new_block(m);	/* block 0: module */
	walk_docstring(m, &m->body, 0);
	walk_vec(m, &m->body, 0);
	cur_nodes = NULL;
	cur_cvals = NULL;
	cur_mod_scope = NULL;
	return m;
}

static void scope_free(struct scope *s)
{
	int i;

	if (!s)
		return;
	nameset_free(&s->nonlocals);
	nameset_free(&s->cells);
	nameset_free(&s->frees);
	for (i = 0; i < s->n; i++)
		free(s->names[i]);
	for (i = 0; i < s->ng; i++)
		free(s->globals[i]);
	free(s->names);
	free(s->globals);
	free(s);
}

/* what a node owns besides its children (which are in the registry too) */
static void node_free(struct node *n)
{
	const struct ast_kind *k = &ast_kinds[n->kind];
	int i;

	for (i = 0; i < AST_MAX_FIELDS; i++)
		if (k->child[i].type == AST_NVEC)
			free(((struct nvec *)((char *)n + k->child[i].off))->v);
	if (k->str_off)
		free(*(char **)((char *)n + k->str_off));
	switch (n->kind) {
	case N_COMPARE:
		free(n->compare.ops);
		break;
	case S_DEF:
	case N_LAMBDA:
		free(n->def.decorators.v);
		free(n->def.qualname);
		scope_free(n->def.scope);
		break;
	case S_CLASS:
		free(n->class_.decorators.v);
		free(n->class_.qualname);
		free(n->class_.fin_text);
		scope_free(n->class_.scope);
		break;
	case N_COMP:
		scope_free(n->comp.scope);
		break;
	default:
		break;
	}
	free(n);
}

void module_free(struct module *m)
{
	struct registry *r;
	int i;

	if (!m)
		return;
	if (cur_nodes == m->nodes) {
		cur_nodes = NULL;
		cur_cvals = NULL;
		cur_mod_scope = NULL;
	}
	if (m->mod_scope) {
		for (i = 0; i < m->mod_scope->n; i++)
			free(m->mod_scope->names[i]);
		free(m->mod_scope->names);
		free(m->mod_scope);
	}
	r = m->nodes;
	for (i = 0; i < r->n; i++)
		node_free(r->v[i]);
	free(r->v);
	free(r);
	r = m->cvals;
	for (i = 0; i < r->n; i++) {
		struct cval *k = r->v[i];

		free(k->s);
		free(k->elts);
		free(k);
	}
	free(r->v);
	free(r);
	free(m->body.v);
	for (i = 0; i < m->nblocks; i++)
		free(m->block_consts[i]);
	free(m->block_consts);
	free(m->block_nconsts);
	free(m->consts);
	free(m->const_h);
	free(m->const_from_ast);
	free(m->lines);
	free(m->src);
	free(m);
}

/* ----------------------------------------------------------- dump */

int cval_repr(const struct cval *k, char **out, size_t *outlen);

static void dump_node(const struct node *n, int ind, FILE *f);

static void dump_vec(const struct nvec *v, int ind, FILE *f)
{
	int i;

	for (i = 0; i < v->n; i++)
		dump_node(v->v[i], ind, f);
}

/* the kind's own data on the node's first line */
static void dump_head(const struct node *n, FILE *f)
{
	const struct ast_kind *k = &ast_kinds[n->kind];
	const char *str = ast_str(n);
	int op = k->op_off ? *(const int *)((const char *)n + k->op_off) : 0;
	int i;

	if (str)
		fprintf(f, " %s", str);
	if (n->kind == N_NAME && n->name.as_renamed)
		fprintf(f, " as");
	if (op && n->kind == N_NAME)
		fprintf(f, " param=%d", op);
	else if (op)
		fprintf(f, " op=%c", op);
	if (n->kind == N_CONST) {
		char *s;
		size_t l;

		cval_repr(n->constant.value, &s, &l);
		fprintf(f, " %s slot=%d", s, n->constant.value->slot);
		free(s);
	}
	if (n->kind == N_COMPARE)
		for (i = 0; i < n->compare.comparators.n; i++)
			fprintf(f, " cmp%d", n->compare.ops[i]);
	if (n->kind == S_DEF || n->kind == N_LAMBDA) {
		const struct scope *sc = n->def.scope;

		fprintf(f, " block=%d locals=", n->def.block);
		for (i = 0; i < sc->n; i++)
			fprintf(f, "%s%s", i ? "," : "", sc->names[i]);
		for (i = 0; i < sc->cells.n; i++)
			fprintf(f, "%s%s", i ? "," : " cells=", sc->cells.v[i]);
		for (i = 0; i < sc->frees.n; i++)
			fprintf(f, "%s%s", i ? "," : " frees=", sc->frees.v[i]);
	}
	if (n->kind == S_CLASS && n->class_.fin_text)
		fprintf(f, " fin=%zu bytes", strlen(n->class_.fin_text));
}

/* children in ast_kinds[] order; a "--" line before a second or third list */
static void dump_node(const struct node *n, int ind, FILE *f)
{
	const struct ast_field *c;
	bool seen_vec = false;

	if (!n)
		return;
	fprintf(f, "%*s%s", ind * 2, "", ast_kinds[n->kind].name);
	dump_head(n, f);
	fprintf(f, " @%d\n", n->line);
	if (n->kind == S_DEF)
		dump_vec(&n->def.decorators, ind + 1, f);
	else if (n->kind == S_CLASS)
		dump_vec(&n->class_.decorators, ind + 1, f);
	for (c = ast_kinds[n->kind].child; c < ast_kinds[n->kind].child + AST_MAX_FIELDS; c++) {
		const void *p = (const char *)n + c->off;

		if (c->type == AST_NODE) {
			dump_node(*(struct node *const *)p, ind + 1, f);
		} else if (c->type == AST_NVEC) {
			if (seen_vec && ((const struct nvec *)p)->n)
				fprintf(f, "%*s--\n", ind * 2 + 2, "");
			seen_vec = true;
			dump_vec(p, ind + 1, f);
		}
	}
}

void ast_dump(const struct module *m, FILE *f)
{
	int i, j;

	for (i = 0; i < m->body.n; i++)
		dump_node(m->body.v[i], 0, f);
	fprintf(f, "consts:\n");
	for (i = 0; i < m->nconsts; i++) {
		char *s;
		size_t l;

		cval_repr(m->consts[i], &s, &l);
		fprintf(f, "  %d %s%s\n", i, s, m->const_from_ast[i] ? " (ast)" : "");
		free(s);
	}
	for (i = 0; i < m->nblocks; i++) {
		fprintf(f, "block %d:", i);
		for (j = 0; j < m->block_nconsts[i]; j++)
			fprintf(f, " %d", m->block_consts[i][j]);
		fprintf(f, "\n");
	}
}
