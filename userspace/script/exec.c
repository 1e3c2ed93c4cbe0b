// SPDX-License-Identifier: GPL-2.0
/*
 * exec.c - exec(source[, globals]).  The interpreter is in user space, so
 * exec() is the script's own parser on the string and its own evaluator on
 * the result, as a module of its own ("<string>").
 *
 * exec(src, d) runs src in a frame whose locals are d itself
 * (FRAME_PUSH_NS), under a scope that makes every name local (struct
 * scope's is_exec): stores, deletes and lookups act on d, a name d lacks
 * is a builtin or a NameError, as CPython's exec() runs module code with
 * d as its globals and locals.  Like CPython it first puts the key
 * '__builtins__' in d; its value stands for the builtins dict CPython puts
 * there, which pymm cannot store (builtin functions are not heap objects):
 * an object() the interpreter holds, refused where it would be used.
 *
 * exec(src) at module level runs src in the module's globals, as CPython
 * does (globals and locals are the module's dict).
 *
 * What would need per-dict globals in the frames (pymm's frames know one
 * globals dict per heap) is refused: in exec(src, d)'s code, classes,
 * comprehensions, imports and `global`; calling a function or lambda it
 * defines (which is made, with d as its __globals__: the cycle CPython's
 * test_gc counts); a locals mapping, exec() without globals in a
 * function, bytes and code objects.
 */
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/*
 * What exec'd code may not contain (see above), or NULL; local: eval() in
 * a function, whose expression sees the function's variables but is
 * module code to CPython (a comprehension's or lambda's free names are
 * its globals, `:=` binds in a locals snapshot): those are refused.
 */
struct refused_ctx {
	bool local;
	const char *what;
};

static int exec_refused_child(struct node *n, void *arg);

static const char *exec_refused(const struct node *n, bool local)
{
	struct refused_ctx ctx;

	if (!n)
		return NULL;
	switch (n->kind) {
	case S_CLASS:
		return "defining a class";
	case N_COMP:
		return "a comprehension";
	case S_IMPORT:
	case S_IMPORTFROM:
		return "an import";
	case S_GLOBAL:
	case S_NONLOCAL:
		return "a global or nonlocal declaration";
	case N_LAMBDA:
		return local ? "a lambda" : NULL;
	case N_NAMEDEXPR:
		if (local)
			return "an assignment expression";
		break;
	default:
		break;
	}
	ctx.local = local;
	ctx.what = NULL;
	ast_for_children((struct node *)n, exec_refused_child, &ctx);
	return ctx.what;
}

static int exec_refused_child(struct node *n, void *arg)
{
	struct refused_ctx *c = arg;

	c->what = exec_refused(n, c->local);
	return c->what != NULL;
}

/* is h the placeholder of the builtins dict?  (no op before there is one) */
int exec_is_builtins(struct interp *I, uint64_t h, bool *res)
{
	*res = false;
	return I->h_exec_builtins ? same_object(I, h, I->h_exec_builtins, res) : 0;
}

/* d.setdefault('__builtins__', <the builtins>) */
static int put_builtins(struct interp *I, uint64_t d)
{
	struct value key;
	struct pymm_op op;
	int err;

	if (new_str(I, "__builtins__", 12, &key))
		return -1;
	pymm_op_init(&op, PYMM_OP_GETITEM);
	op.arg[0] = d;
	op.arg[1] = key.h;
	err = op1(I, &op);
	if (!err && !op.error) {
		queue_close(I, op.ret[0]);
	} else if (!err) {
		err = held_object(I, &I->h_exec_builtins);
		if (!err) {
			pymm_op_init(&op, PYMM_OP_SETITEM);
			op.arg[0] = d;
			op.arg[1] = key.h;
			op.arg[2] = I->h_exec_builtins;
			err = op1_raise(I, &op);
		}
	}
	vrelease(I, &key);
	return err;
}

/* src parsed as "<string>", kept till the end (tracebacks and defs point into it) */
/*
 * The compiler's depth src starts at (limits.c): 3.11 compiles it inside
 * the running frames, each of which uses up 3 (the module's too); exec()
 * with no globals one frame more (measured: python3 refuses 3 levels
 * less), and eval()'s expression is not inside a statement.
 */
static int exec_start_depth(const struct interp *I, bool in_dict, bool is_eval)
{
	int frames = I->depth + 1 + (!in_dict && !is_eval);

	return AST_COMPILE_DEPTH_SCALE * frames - is_eval;
}

/* pe as the exception 3.11's compile() raises */
static void exec_parse_error(struct interp *I, const struct parse_error *pe)
{
	if (!strcmp(pe->kind, "RecursionError"))
		raise_exc(I, PYMM_EXC_RECURSION_ERROR, "%s", pe->msg);
	else if (!strcmp(pe->kind, "MemoryError"))
		raise_exc(I, PYMM_EXC_MEMORY_ERROR, "%s", pe->msg);
	else
		raise_exc(I, strcmp(pe->kind, "IndentationError") ? EX_SYNTAX : EX_INDENTATION,
			  "%s (<string>, line %d)", pe->msg, pe->line);
}

static struct module *exec_parse(struct interp *I, const struct objinfo *src, bool in_dict,
				 bool local, bool is_eval)
{
	struct parse_error pe = { 0 };
	struct module *m = parse_module_at("<string>", src->s, src->len, &pe,
					   exec_start_depth(I, in_dict, is_eval),
					   AST_COMPILE_DEPTH_SCALE * I->recursion_limit);
	const char *r = NULL;
	int i;

	if (!m) {
		exec_parse_error(I, &pe);
		return NULL;
	}
	I->attr_hooks |= m->attr_hooks;
	I->descr_hooks |= m->descr_hooks;
	for (i = 0; (in_dict || local) && !r && i < m->body.n; i++)
		r = exec_refused(m->body.v[i], local);
	if (r) {
		raise_exc(I, EX_NOT_IMPLEMENTED, "%s of code with %s is not supported by pymm",
			  local ? "eval() in a function" : "exec()", r);
		module_free(m);
		return NULL;
	}
	if (I->nexecs == I->cexecs) {
		I->cexecs = I->cexecs ? 2 * I->cexecs : 4;
		I->execs = xrealloc(I->execs, I->cexecs * sizeof(*I->execs));
	}
	I->execs[I->nexecs++] = m;
	return m;
}

/*
 * m's body as module code, in the frame there is (d's or the module's);
 * for eval() (out non-NULL) its one expression statement's value.
 */
static int exec_body(struct interp *I, struct module *m, bool in_dict, struct value *out)
{
	struct module *saved_m = I->m;
	struct scope *saved_scope = I->scope;
	uint64_t *saved_consts = I->const_h;
	const char *saved_func = I->func;
	int saved_line = I->line, err, base = I->nheld, end, i;

	I->m = m;
	I->func = "<module>";
	m->mod_scope->is_exec = in_dict;
	if (in_dict)
		I->scope = m->mod_scope;
	err = module_consts(I, m);
	end = I->nheld;
	if (!err && out) {
		err = eval(I, m->body.v[0]->expr.value, out);
		/* a constant's borrowed handle is closed below: the result's own */
		if (!err && out->kind == V_OBJ && !out->owned)
			err = dup_of(I, out->h, out);
	} else if (!err) {
		err = exec_block(I, &m->body) == F_EXC ? -1 : 0;
	}
	/*
	 * CPython's code object for the string dies when exec()/eval()
	 * returns (and its AST arena before it runs): the references to the
	 * module block's constants go; those of defs' code stay (I->late).
	 */
	for (i = base; i < end; i++)
		queue_close(I, I->held[i]);
	memmove(&I->held[base], &I->held[end], (size_t)(I->nheld - end) * sizeof(*I->held));
	I->nheld -= end - base;
	/* its lines are not in the running module's text */
	if (err)
		I->ntb = 0;
	I->fail_node = NULL;
	I->m = saved_m;
	I->scope = saved_scope;
	I->const_h = saved_consts;
	I->func = saved_func;
	I->line = saved_line;
	return err;
}

static int exec_in_dict(struct interp *I, struct module *m, uint64_t d, struct value *out)
{
	struct pymm_op op;
	uint64_t saved;
	int err;

	if (put_builtins(I, d))
		return -1;
	if (I->depth + 1 >= I->recursion_limit)
		return raise_exc(I, PYMM_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
	pymm_op_init(&op, PYMM_OP_FRAME_PUSH_NS);
	op.arg[0] = d;
	pymm_op_set_data(&op, "<module>", 8);
	if (op1_raise(I, &op))
		return -1;
	I->depth++;
	saved = I->exec_globals;
	I->exec_globals = d;
	err = exec_body(I, m, true, out);
	I->exec_globals = saved;
	I->depth--;
	pymm_op_init(&op, PYMM_OP_FRAME_POP);
	if (op1(I, &op) && !err)
		err = -1;
	return err;
}

/*
 * exec(source, globals=None, locals=None) (b->op 0) and eval(expression,
 * globals=None, locals=None) (1): eval's string must be one expression
 * (leading blanks allowed, as CPython strips them); its value is the
 * result.
 */
int bi_exec(BI_ARGS)
{
	const char *what = b->op ? "eval" : "exec";
	struct objinfo src, g = { .type = PYMM_T_NONE };
	struct module *m;
	struct value res = { 0 };
	int err;

	if (nargs > 2 && (need_obj(I, &args[2]) || obj_read(I, args[2].h, &g)))
		return -1;
	free(g.s);
	if (g.type != PYMM_T_NONE)
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "%s() with a locals mapping is not supported by pymm", what);
	g.type = PYMM_T_NONE;
	if (nargs > 1 && (need_obj(I, &args[1]) || obj_read(I, args[1].h, &g)))
		return -1;
	free(g.s);
	if (g.type != PYMM_T_NONE && g.type != PYMM_T_DICT && b->op)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "globals must be a dict");
	if (g.type != PYMM_T_NONE && g.type != PYMM_T_DICT)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "exec() globals must be a dict, not %s",
				 objinfo_type_name(&g));
	if (g.type == PYMM_T_NONE && I->scope && (!b->op || I->scope->is_class || I->comp))
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "%s() without globals inside a function or class body is not "
				 "supported by pymm", what);
	if (need_obj(I, &args[0]) || obj_read(I, args[0].h, &src))
		return -1;
	if (src.type != PYMM_T_STR) {
		free(src.s);
		if (src.type == PYMM_T_CODE || src.type == PYMM_T_BYTES)
			return raise_exc(I, EX_NOT_IMPLEMENTED, "%s() of a %s object is not "
					 "supported by pymm", what, type_name(src.type));
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, b->op ?
				 "eval() arg 1 must be a string, bytes or code object" :
				 "exec() arg 1 must be a string, bytes or code object");
	}
	if (b->op) {
		size_t skip = strspn(src.s, " \t");

		memmove(src.s, src.s + skip, src.len - skip + 1);
		src.len -= skip;
	}
	m = exec_parse(I, &src, g.type == PYMM_T_DICT, g.type == PYMM_T_NONE && I->scope, b->op);
	free(src.s);
	if (!m)
		return -1;
	if (b->op && (m->body.n != 1 || m->body.v[0]->kind != S_EXPR))
		return raise_exc(I, EX_SYNTAX, "invalid syntax (<string>, line 1)");
	if (b->op)
		module_eval_consts(m);
	err = g.type == PYMM_T_DICT ? exec_in_dict(I, m, args[1].h, b->op ? &res : NULL) :
	      exec_body(I, m, false, b->op ? &res : NULL);
	if (err)
		return -1;
	*out = b->op ? res : vnone(I);
	return 0;
}

void exec_free(struct interp *I)
{
	int i;

	for (i = 0; i < I->nexecs; i++)
		module_free(I->execs[i]);
	free(I->execs);
	I->execs = NULL;
	I->nexecs = I->cexecs = 0;
}
