// SPDX-License-Identifier: GPL-2.0
/*
 * stdmods.c - collections, functools and itertools: standard library
 * modules written in Python, run in the heap.
 *
 * Each is a prelude (stdmods_<module>.py, built into pymmctl) that runs,
 * once, when a script first imports its module, as weakref's prelude
 * does (weak.c): its classes and functions are heap objects, their
 * instances made, counted and collected as CPython makes its Python-level
 * ones.  The prelude runs at module level in the script's globals (pymm's
 * frames know one globals dict per heap); every name it binds there is
 * taken back out at once (a name the script had bound is put back), and
 * kept here: the public ones are the module's attributes.  So a prelude
 * function cannot reach a prelude global when it runs; the preludes pass
 * what they share by closure or default value instead.
 *
 * CPython writes several of these objects in C (deque, defaultdict,
 * itertools); where the Python version differs in what a script can see,
 * docs/objects.md ("collections, functools, itertools") says how.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

#define PRELUDE(sym, file)					\
	__asm__(".section .rodata\n"				\
		".global " #sym "\n"				\
		#sym ":\n"					\
		".incbin \"userspace/script/" file "\"\n"	\
		".global " #sym "_end\n"			\
		#sym "_end:\n"					\
		".byte 0\n"					\
		".previous\n");					\
	extern const char sym[], sym##_end[]

PRELUDE(pymm_collections_prelude, "stdmods_collections.py");
PRELUDE(pymm_functools_prelude, "stdmods_functools.py");
PRELUDE(pymm_itertools_prelude, "stdmods_itertools.py");

static const struct {
	int mod;
	const char *file;		/* the name tracebacks show */
	const char *text, *end;
} preludes[] = {
	{ MOD_COLLECTIONS, "<pymm collections>", pymm_collections_prelude,
	  pymm_collections_prelude_end },
	{ MOD_FUNCTOOLS, "<pymm functools>", pymm_functools_prelude,
	  pymm_functools_prelude_end },
	{ MOD_ITERTOOLS, "<pymm itertools>", pymm_itertools_prelude,
	  pymm_itertools_prelude_end },
};

#define NPRELUDES (sizeof(preludes) / sizeof(preludes[0]))

struct stdmod {
	struct module *m;
	int n;
	const char **names;		/* the prelude's module-level names (its AST's) */
	uint64_t *h;			/* and what they were bound to */
};

struct stdmods_state {
	struct stdmod mods[NPRELUDES];
};

static int prelude_index(int mod)
{
	size_t i;

	for (i = 0; i < NPRELUDES; i++)
		if (preludes[i].mod == mod)
			return (int)i;
	return -1;
}

static void add_name(struct stdmod *s, const char *name)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->names[i], name))
			return;
	s->names = xrealloc(s->names, (size_t)(s->n + 1) * sizeof(*s->names));
	s->names[s->n++] = name;
}

/* the names the prelude's module-level statements bind (def, class, name =) */
static void collect_names(struct stdmod *s)
{
	int i, j;

	for (i = 0; i < s->m->body.n; i++) {
		struct node *st = s->m->body.v[i];

		if (st->kind == S_DEF || st->kind == S_CLASS)
			add_name(s, (st->kind == S_DEF ? st->def.name : st->class_.name));
		if (st->kind != S_ASSIGN)
			continue;
		for (j = 0; j < st->assign.targets.n; j++) {
			struct node *t = st->assign.targets.v[j];
			int k;

			if (t->kind == N_NAME)
				add_name(s, t->name.id);
			/* a, b = ...: one level, as the preludes write it */
			for (k = 0; t->kind == N_TUPLE && k < t->seq.elts.n; k++)
				if (t->seq.elts.v[k]->kind == N_NAME)
					add_name(s, t->seq.elts.v[k]->name.id);
		}
	}
}

/* the prelude's body at module level, its names then taken back out */
static int prelude_run(struct interp *I, struct stdmod *s)
{
	struct module *saved_m = I->m;
	uint64_t *saved_consts = I->const_h, *shadowed;
	const char *saved_func = I->func;
	uint64_t saved_fn = I->cur_fn;
	int saved_line = I->line, i, err = 0;

	shadowed = xrealloc(NULL, (size_t)s->n * sizeof(uint64_t));
	s->h = xrealloc(NULL, (size_t)s->n * sizeof(uint64_t));
	memset(s->h, 0, (size_t)s->n * sizeof(uint64_t));
	memset(shadowed, 0, (size_t)s->n * sizeof(uint64_t));
	for (i = 0; i < s->n && !err; i++)
		err = prelude_global_get(I, s->names[i], &shadowed[i]);
	I->m = s->m;
	I->func = "<module>";
	I->cur_fn = 0;
	if (!err)
		err = module_consts(I, s->m);
	if (!err)
		err = exec_block(I, &s->m->body) == F_EXC ? -1 : 0;
	I->m = saved_m;
	I->const_h = saved_consts;
	I->func = saved_func;
	I->cur_fn = saved_fn;
	I->line = saved_line;
	for (i = 0; i < s->n && !err; i++) {
		/* a name the prelude bound and then deleted stays unbound */
		err = prelude_global_get(I, s->names[i], &s->h[i]);
		if (!err && s->h[i])
			err = prelude_global_set(I, PYMM_OP_NAME_DEL, s->names[i], 0);
	}
	for (i = 0; i < s->n; i++) {
		if (shadowed[i] && !err)
			err = prelude_global_set(I, PYMM_OP_NAME_BIND, s->names[i], shadowed[i]);
		if (shadowed[i])
			queue_close(I, shadowed[i]);
	}
	free(shadowed);
	return err;
}

/* `import collections` / `from functools import ...`: the prelude, once */
int stdmod_import(struct interp *I, int mod)
{
	struct parse_error pe = { 0 };
	int k = prelude_index(mod);
	struct stdmod *s;

	if (k < 0)
		return 0;
	if (!I->stdmods) {
		I->stdmods = calloc(1, sizeof(*I->stdmods));
		if (!I->stdmods)
			return raise_exc(I, PYMM_EXC_MEMORY_ERROR, "out of memory");
	}
	s = &I->stdmods->mods[k];
	if (s->m)
		return 0;
	s->m = parse_module(preludes[k].file, preludes[k].text,
			    (size_t)(preludes[k].end - preludes[k].text), &pe);
	if (!s->m)
		return raise_exc(I, EX_SYSTEM, "pymm: %s, line %d: %s", preludes[k].file,
				 pe.line, pe.msg);
	collect_names(s);
	return prelude_run(I, s);
}

/* collections.Counter & co (borrowed): 1 if the module has no such public name */
int stdmod_attr(struct interp *I, int mod, const char *name, struct value *out)
{
	int k = prelude_index(mod), i;
	struct stdmod *s;

	if (k < 0 || !I->stdmods || name[0] == '_')
		return 1;
	s = &I->stdmods->mods[k];
	for (i = 0; s->h && i < s->n; i++)
		if (!strcmp(s->names[i], name)) {
			*out = vobj(s->h[i], false);
			return 0;
		}
	return 1;
}

bool stdmod_is_prelude(int mod)
{
	return prelude_index(mod) >= 0;
}

void stdmods_free(struct interp *I)
{
	size_t k;
	int i;

	if (!I->stdmods)
		return;
	for (k = 0; k < NPRELUDES; k++) {
		struct stdmod *s = &I->stdmods->mods[k];

		for (i = 0; s->h && i < s->n; i++)
			if (s->h[i])
				queue_close(I, s->h[i]);
		free(s->h);
		s->h = NULL;
	}
}

void stdmods_destroy(struct interp *I)
{
	size_t k;

	if (!I->stdmods)
		return;
	for (k = 0; k < NPRELUDES; k++) {
		if (I->stdmods->mods[k].m)
			module_free(I->stdmods->mods[k].m);
		free(I->stdmods->mods[k].h);
		free(I->stdmods->mods[k].names);
	}
	free(I->stdmods);
	I->stdmods = NULL;
}

/*
 * The str h's attribute name holds when it is one (a malloc'd copy), else
 * NULL: a function's __qualname__ once assigned (update_wrapper sets it,
 * and the preludes on their own functions), a class's __module__
 * (collections.Counter).
 */
char *str_attr_of(struct interp *I, uint64_t h, const char *name)
{
	struct objinfo oi;
	struct pymm_op op;
	char *s = NULL;

	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = h;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1(I, &op) || op.error)
		return NULL;
	if (!obj_read(I, op.ret[0], &oi) && oi.type == PYMM_T_STR && oi.s)
		s = strndup(oi.s, oi.len);
	free(oi.s);
	queue_close(I, op.ret[0]);
	return s;
}

/* ------------------------------------------- Counter's and OrderedDict's operators */

/*
 * The heap lets a dict subclass define no operator methods (type.c), so
 * Counter's + - | & and unary + -, its comparisons, OrderedDict's ordered
 * ==, and Counter's forgiving del are the prelude's private functions
 * (_counter_binop ...), called from here where CPython's type slots would
 * call the class's methods.  Only two instances of those classes (both
 * dicts: the handle says so without an op) cost a lookup.
 */
enum { CC_NONE, CC_COUNTER, CC_ODICT };

/* is h an instance of collections.Counter / OrderedDict (or a subclass of one)? */
static int collections_kind(struct interp *I, uint64_t h, int *kind)
{
	static const char *const names[] = { [CC_COUNTER] = "Counter", [CC_ODICT] = "OrderedDict" };
	struct stdmod *s;
	bool is;
	int i, k;

	*kind = CC_NONE;
	if (PYMM_HANDLE_TYPE(h) != PYMM_T_DICT || !I->stdmods)
		return 0;
	k = prelude_index(MOD_COLLECTIONS);
	s = &I->stdmods->mods[k];
	if (!s->h)
		return 0;
	for (i = 0; i < s->n; i++) {
		int c;

		for (c = CC_COUNTER; c <= CC_ODICT; c++) {
			if (strcmp(s->names[i], names[c]) || !s->h[i])
				continue;
			if (exc_isinstance(I, h, s->h[i], &is))
				return -1;
			if (is) {
				*kind = c;
				return 0;
			}
		}
	}
	return 0;
}

/* collections' private fn(sym, a[, b]): 0 and *out, -1 raised */
static int collections_call(struct interp *I, const char *fn, const char *sym,
			    const struct value *a, const struct value *b, struct value *out)
{
	struct stdmod *s = &I->stdmods->mods[prelude_index(MOD_COLLECTIONS)];
	struct value f, args[3];
	int i, n = b ? 3 : 2, err;

	for (i = 0; i < s->n && strcmp(s->names[i], fn); i++)
		;
	if (i == s->n || !s->h[i])
		return raise_exc(I, EX_SYSTEM, "pymm: the collections prelude lacks %s", fn);
	f = vobj(s->h[i], false);
	if (new_str(I, sym, strlen(sym), &args[0]))
		return -1;
	args[1] = *a;
	args[1].owned = false;
	if (b) {
		args[2] = *b;
		args[2].owned = false;
	}
	err = call_ex(I, &f, args, n, NULL, 0, NULL, out);
	vrelease(I, &args[0]);
	return err;
}

/* a op b for two Counters: 1 when not that */
int stdmod_binop(struct interp *I, int op, const struct value *a, const struct value *b,
		 struct value *out)
{
	/* `c += d` (I->inplace_op): Counter's __iadd__ & co, in place */
	char sym[3] = { (char)op, I->inplace_op ? '=' : 0, 0 };
	int ka, kb;

	if (a->kind != V_OBJ || b->kind != V_OBJ || !strchr("+-|&", op) ||
	    PYMM_HANDLE_TYPE(a->h) != PYMM_T_DICT || PYMM_HANDLE_TYPE(b->h) != PYMM_T_DICT)
		return 1;
	if (collections_kind(I, a->h, &ka) || collections_kind(I, b->h, &kb))
		return -1;
	if (ka != CC_COUNTER || kb != CC_COUNTER)
		return 1;
	return collections_call(I, "_counter_binop", sym, a, b, out);
}

/* +c, -c of a Counter: 1 when not that */
int stdmod_unary(struct interp *I, int op, const struct value *a, struct value *out)
{
	char sym[2] = { (char)op, 0 };
	int k;

	if (a->kind != V_OBJ || PYMM_HANDLE_TYPE(a->h) != PYMM_T_DICT)
		return 1;
	if (collections_kind(I, a->h, &k))
		return -1;
	if (k != CC_COUNTER)
		return 1;
	return collections_call(I, "_counter_unary", sym, a, NULL, out);
}

/* a <code> b for two Counters, or == / != of two OrderedDicts: 1 when not that */
int stdmod_compare(struct interp *I, int code, const struct value *a, const struct value *b,
		   bool *res)
{
	static const char *const syms[] = {
		[PYMM_CMP_EQ] = "==", [PYMM_CMP_NE] = "!=", [PYMM_CMP_LT] = "<",
		[PYMM_CMP_LE] = "<=", [PYMM_CMP_GT] = ">", [PYMM_CMP_GE] = ">=",
	};
	struct value r;
	int ka, kb, err;

	if (a->kind != V_OBJ || b->kind != V_OBJ ||
	    PYMM_HANDLE_TYPE(a->h) != PYMM_T_DICT || PYMM_HANDLE_TYPE(b->h) != PYMM_T_DICT ||
	    code < 0 || code >= (int)(sizeof(syms) / sizeof(syms[0])) || !syms[code])
		return 1;
	if (collections_kind(I, a->h, &ka) || collections_kind(I, b->h, &kb))
		return -1;
	if (ka != kb || ka == CC_NONE ||
	    (ka == CC_ODICT && code != PYMM_CMP_EQ && code != PYMM_CMP_NE))
		return 1;
	err = collections_call(I, ka == CC_COUNTER ? "_counter_compare" : "_odict_compare",
			       syms[code], a, b, &r);
	if (err)
		return -1;
	err = truth(I, &r, res);
	vrelease(I, &r);
	return err;
}

/* del c[key] of a missing key: 0 when c is a Counter (Counter.__delitem__ forgives) */
int stdmod_del_missing(struct interp *I, uint64_t h)
{
	int k;

	if (collections_kind(I, h, &k))
		return -1;
	return k == CC_COUNTER ? 0 : 1;
}
