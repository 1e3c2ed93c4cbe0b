// SPDX-License-Identifier: GPL-2.0
/*
 * weak.c - the weakref module beyond weakref.ref.
 *
 * CPython 3.11 writes WeakValueDictionary, WeakKeyDictionary, WeakSet,
 * WeakMethod and finalize in Python on top of weakref.ref with callbacks; so does pymm:
 * weak_prelude.py (built into pymmctl) runs when a script first imports
 * weakref, and its classes are heap objects, their instances made and
 * collected as CPython's are.  Its module-level names are taken out of the
 * script's globals again at once (a name the script had bound is put
 * back), so the classes are reached only as weakref.X.  The parts CPython
 * writes in C are here: getweakrefcount, getweakrefs (the core's weak
 * list of an object, PYMM_OP_WEAKREF_LIST), KeyedRef (a ref with a key,
 * PYMM_OP_NEW_KEYEDREF) and its .key.
 *
 * finalize is a builtin function here that makes an instance of the
 * prelude's class; a builtin func (finalize(obj, print, "x")) is its heap
 * object (bfunc.c), as any stored builtin.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* the prelude's text (weak_prelude.py), linked in as is */
__asm__(".section .rodata\n"
	".global pymm_weak_prelude\n"
	"pymm_weak_prelude:\n"
	".incbin \"userspace/script/weak_prelude.py\"\n"
	".global pymm_weak_prelude_end\n"
	"pymm_weak_prelude_end:\n"
	".byte 0\n"
	".previous\n");
extern const char pymm_weak_prelude[], pymm_weak_prelude_end[];

/* what the prelude defines that we keep: the classes, then the exit hook */
enum { WK_WVD, WK_WKD, WK_SET, WK_METHOD, WK_FINALIZE, WK_EXIT, WK_N };
static const char *const weak_names[WK_N] = {
	"WeakValueDictionary", "WeakKeyDictionary", "WeakSet", "WeakMethod", "finalize",
	"_pymm_weakref_exit",
};

struct weak_state {
	struct module *m;
	uint64_t h[WK_N];
};

/*
 * A weak reference op's answer (NEW_KEYEDREF, NEW_PROXY): the new object,
 * or CPython's TypeError for a referent that takes none.
 */
int weakref_made(struct interp *I, struct pymm_op *op, uint64_t referent, struct value *out)
{
	uint32_t t;

	if (op1(I, op))
		return -1;
	if (op->error && op->exc == PYMM_EXC_TYPE_ERROR) {
		if (obj_type(I, referent, &t))
			return -1;
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "cannot create weak reference to '%s' object",
				 attr_owner_name(I, referent, t));
	}
	if (op->error)
		return raise_op(I, op, NULL);
	*out = vobj(op->ret[0], true);
	return 0;
}

/* a prelude's module-level name (NAME_LOOKUP): *h 0 when unbound (stdmods.c too) */
int prelude_global_get(struct interp *I, const char *name, uint64_t *h)
{
	struct pymm_op op;

	*h = 0;
	pymm_op_init(&op, PYMM_OP_NAME_LOOKUP);
	pymm_op_set_data(&op, name, strlen(name));
	if (op1(I, &op))
		return -1;
	if (op.error == -ENOENT || op.exc == PYMM_EXC_NAME_ERROR)
		return 0;
	if (op.error)
		return raise_op(I, &op, NULL);
	*h = op.ret[0];
	return 0;
}

/* NAME_STORE / NAME_DELETE & co of a prelude's module-level name */
int prelude_global_set(struct interp *I, uint32_t code, const char *name, uint64_t h)
{
	struct pymm_op op;

	pymm_op_init(&op, code);
	op.arg[0] = h;
	pymm_op_set_data(&op, name, strlen(name));
	return op1_raise(I, &op);
}

/* the prelude's body at module level, its names then taken back out */
static int weak_run(struct interp *I, struct weak_state *w)
{
	struct module *saved_m = I->m;
	uint64_t *saved_consts = I->const_h, shadowed[WK_N] = { 0 };
	const char *saved_func = I->func;
	uint64_t saved_fn = I->cur_fn;
	int saved_line = I->line, i, err = 0;
	enum flow f;

	for (i = 0; i < WK_N && !err; i++)
		err = prelude_global_get(I, weak_names[i], &shadowed[i]);
	I->m = w->m;
	I->func = "<module>";
	I->cur_fn = 0;
	if (!err)
		err = module_consts(I, w->m);
	if (!err) {
		f = exec_block(I, &w->m->body);
		err = f == F_EXC ? -1 : 0;
	}
	I->m = saved_m;
	I->const_h = saved_consts;
	I->func = saved_func;
	I->cur_fn = saved_fn;
	I->line = saved_line;
	for (i = 0; i < WK_N && !err; i++) {
		err = prelude_global_get(I, weak_names[i], &w->h[i]);
		if (!err && !w->h[i])
			err = raise_exc(I, EX_SYSTEM, "pymm: the weakref prelude lacks %s",
					weak_names[i]);
		if (!err)
			err = prelude_global_set(I, PYMM_OP_NAME_DEL, weak_names[i], 0);
	}
	for (i = 0; i < WK_N; i++) {
		if (shadowed[i] && !err)
			err = prelude_global_set(I, PYMM_OP_NAME_BIND, weak_names[i], shadowed[i]);
		if (shadowed[i])
			queue_close(I, shadowed[i]);
	}
	return err;
}

/* does the AST under n name one of the prelude's classes (an attribute, a name, an import)? */
static int names_weak_class_child(struct node *n, void *arg)
{
	const char *s;
	int i;

	if (!n)
		return 0;
	s = ast_str(n);
	for (i = 0; s && i < WK_EXIT; i++)
		if (!strcmp(s, weak_names[i]))
			return 1;
	return ast_for_children(n, names_weak_class_child, NULL);
}

static bool names_weak_class(const struct node *n)
{
	return names_weak_class_child((struct node *)n, NULL);
}

static bool module_uses_weak_classes(const struct module *m)
{
	int i;

	for (i = 0; m && i < m->body.n; i++)
		if (names_weak_class(m->body.v[i]))
			return true;
	return false;
}

/*
 * `import weakref` / `from weakref import ...`: the prelude, once, and only
 * for a script whose text names one of its classes.  CPython's weakref
 * module stays in sys.modules; pymm's heap outlives the script, so the
 * prelude's classes (cycles, as every class) are garbage in the heap once
 * the script ends: a script that only uses weakref.ref makes none.
 */
int weak_import(struct interp *I)
{
	struct parse_error pe = { 0 };
	struct weak_state *w;

	if (I->weak)
		return 0;
	w = calloc(1, sizeof(*w));
	if (!w)
		return raise_exc(I, PYMM_EXC_MEMORY_ERROR, "out of memory");
	I->weak = w;
	w->m = parse_module("<pymm weakref>", pymm_weak_prelude,
			    (size_t)(pymm_weak_prelude_end - pymm_weak_prelude), &pe);
	if (!w->m)
		return raise_exc(I, EX_SYSTEM, "pymm: the weakref prelude, line %d: %s",
				 pe.line, pe.msg);
	if (!module_uses_weak_classes(I->m))
		return 0;
	return weak_run(I, w);
}

/* weakref.WeakValueDictionary & co: 1 if name is none of them */
int weak_module_attr(struct interp *I, const char *name, struct value *out)
{
	static const char *const type_rows[] = {
		"ProxyType", "CallableProxyType", "ReferenceType",
	};
	int i;

	/* the types of proxies and refs: type(x)'s rows (typeof.c) */
	for (i = 0; i < (int)(sizeof(type_rows) / sizeof(type_rows[0])); i++) {
		/* weakref.ref is ReferenceType itself */
		if (strcmp(name, type_rows[i]) && (strcmp(name, "ref") || i != 2))
			continue;
		memset(out, 0, sizeof(*out));
		out->kind = V_BUILTIN;
		out->id = builtin_lookup(BO_TYPES, type_rows[i]);
		return 0;
	}

	for (i = 0; i < WK_FINALIZE; i++) {
		if (strcmp(name, weak_names[i]))
			continue;
		if (!I->weak || !I->weak->h[i])
			return raise_exc(I, EX_NOT_IMPLEMENTED, "weakref.%s reached without its "
					 "name in the script is not supported by pymm", name);
		*out = vobj(I->weak->h[i], false);
		return 0;
	}
	return 1;
}

/* kr.key of a KeyedRef, r.__callback__: 1 if h is not one or name is neither */
int weak_attr(struct interp *I, uint64_t h, const char *name, struct value *out)
{
	struct pymm_op op;
	uint32_t t = 0;

	if (!strcmp(name, "__callback__")) {
		/* weakref.ref's member: None once called (or never given) */
		if (obj_type(I, h, &t))
			return -1;
		if (t != PYMM_T_WEAKREF)
			return 1;
		pymm_op_init(&op, PYMM_OP_WEAKREF_CALLBACK);
		op.arg[0] = h;
		if (op1_raise(I, &op))
			return -1;
		*out = vobj(op.ret[0], true);
		return 0;
	}
	if (strcmp(name, "key"))
		return 1;
	pymm_op_init(&op, PYMM_OP_WEAKREF_KEY);
	op.arg[0] = h;
	if (op1(I, &op))
		return -1;
	if (op.error == -ENOENT)
		return 1;
	if (op.error)
		return raise_op(I, &op, NULL);
	*out = vobj(op.ret[0], true);
	return 0;
}

/* isinstance(x, weakref.finalize): 1 if id is not that builtin */
int weak_isinstance(struct interp *I, const struct value *x, int id, bool *res)
{
	uint32_t t = 0;

	if (id != builtin_lookup(MOD_WEAKREF, "finalize"))
		return 1;
	*res = false;
	if (x->kind != V_OBJ || !I->weak || !I->weak->h[WK_FINALIZE])
		return 0;
	if (obj_type(I, x->h, &t))
		return -1;
	if (t != PYMM_T_INSTANCE)
		return 0;
	return exc_isinstance(I, x->h, I->weak->h[WK_FINALIZE], res);
}

/*
 * CPython's WeakMethod derives from weakref.ref; the prelude's holds its
 * refs instead (weak_prelude.py), so issubclass(C, weakref.ref) asks
 * here whether class cls is WeakMethod or derives from it.
 */
int weak_method_class(struct interp *I, uint64_t cls, bool *res)
{
	struct value wm;

	*res = false;
	if (!I->weak || !I->weak->h[WK_METHOD])
		return 0;
	wm = vobj(I->weak->h[WK_METHOD], false);
	return class_derives(I, cls, &wm, res);
}

/* at exit, before the modules go: finalize's atexit callbacks */
int weak_atexit(struct interp *I)
{
	struct value fn, cls, res;
	int err;

	if (!I->weak || !I->weak->h[WK_EXIT])
		return 0;
	fn = vobj(I->weak->h[WK_EXIT], false);
	cls = vobj(I->weak->h[WK_FINALIZE], false);
	err = call_ex(I, &fn, &cls, 1, NULL, 0, NULL, &res);
	if (!err)
		vrelease(I, &res);
	return err;
}

void weak_free(struct interp *I)
{
	int i;

	if (!I->weak)
		return;
	for (i = 0; i < WK_N; i++)
		if (I->weak->h[i])
			queue_close(I, I->weak->h[i]);
	memset(I->weak->h, 0, sizeof(I->weak->h));
}

void weak_destroy(struct interp *I)
{
	if (!I->weak)
		return;
	if (I->weak->m)
		module_free(I->weak->m);
	free(I->weak);
	I->weak = NULL;
}

/* ----------------------------------------------------------- builtins */

/* WEAKREF_LIST of one object into *hs (new handles), *n of them */
static int weak_list(struct interp *I, uint64_t obj, uint64_t **hs, uint32_t *n)
{
	size_t cap = 16;
	struct pymm_op op;

	for (;;) {
		*hs = xrealloc(NULL, cap * sizeof(uint64_t));
		pymm_op_init(&op, PYMM_OP_WEAKREF_LIST);
		op.arg[0] = obj;
		pymm_op_set_data(&op, *hs, cap * sizeof(uint64_t));
		if (op1(I, &op)) {
			free(*hs);
			return -1;
		}
		if ((op.out_flags & PYMM_OUTF_TRUNC) || op.error == -ENOSPC) {
			free(*hs);
			if (op.data_len / 8 <= cap)
				return raise_op(I, &op, "weakref.getweakrefs");
			cap = op.data_len / 8;
			continue;
		}
		if (op.error) {
			free(*hs);
			return raise_op(I, &op, "weakref.getweakrefs");
		}
		*n = (uint32_t)op.ret[0];
		return 0;
	}
}

static int bi_getweakrefs(BI_ARGS)
{
	uint64_t *hs;
	uint32_t n = 0;
	int err;

	if (need_obj(I, &args[0]) || weak_list(I, args[0].h, &hs, &n))
		return -1;
	if (b->flags & BF_RET_INT) {
		close_many(I, hs, n);
		free(hs);
		return new_int(I, n, out);
	}
	err = new_container(I, PYMM_OP_NEW_LIST, hs, n, out);
	close_many(I, hs, n);
	free(hs);
	return err;
}

/* KeyedRef(ob, callback, key) */
static int bi_keyedref(BI_ARGS)
{
	struct pymm_op op;
	uint32_t t = 0;
	int i;

	for (i = 0; i < 3; i++)
		if (need_obj(I, &args[i]))
			return -1;
	if (!is_none_h(I, args[1].h)) {
		if (obj_type(I, args[1].h, &t))
			return -1;
		if (t != PYMM_T_FUNCTION && t != PYMM_T_METHOD)
			return raise_exc(I, EX_STOP, "pymm: a weakref callback must be a function or a method");
	}
	pymm_op_init(&op, PYMM_OP_NEW_KEYEDREF);
	op.arg[0] = args[0].h;
	op.arg[1] = is_none_h(I, args[1].h) ? 0 : args[1].h;
	op.arg[2] = args[2].h;
	return weakref_made(I, &op, args[0].h, out);
}

/* _pymm_ref: weakref.ref for the prelude, whatever the script calls weakref */
static int bi_prelude_ref(BI_ARGS)
{
	return call_builtin(I, builtin_lookup(BO_TYPES, "ReferenceType"), NULL, args, nargs, kwn, nkw,
			    out);
}

/* _pymm_bind(func, obj): WeakMethod's types.MethodType(func, obj) */
static int bi_bind(BI_ARGS)
{
	struct pymm_op op;

	if (need_obj(I, &args[0]) || need_obj(I, &args[1]))
		return -1;
	pymm_op_init(&op, PYMM_OP_NEW_METHOD);
	op.arg[0] = args[0].h;
	op.arg[1] = args[1].h;
	if (op1_raise(I, &op))
		return -1;
	*out = vobj(op.ret[0], true);
	return 0;
}

/* the packed (args, kwargs) of finalize(obj, func, *args, **kwargs) */
static int finalize_pack(struct interp *I, struct value *args, int nargs,
			 const char *const *kwn, int nkw, struct value packed[2])
{
	uint64_t *hs = xrealloc(NULL, (size_t)(nargs + 2 * nkw + 1) * sizeof(uint64_t));
	struct value *keys = calloc(nkw + 1, sizeof(*keys));
	int i, err = 0;

	if (!keys) {
		perror("pymmctl");
		exit(1);
	}
	for (i = 2; i < nargs && !err; i++)
		err = need_obj(I, &args[i]);
	for (i = 2; i < nargs; i++)
		hs[i - 2] = args[i].h;
	if (!err)
		err = new_container(I, PYMM_OP_NEW_TUPLE, hs, (uint32_t)(nargs - 2), &packed[0]);
	for (i = 0; i < nkw && !err; i++) {
		err = need_obj(I, &args[nargs + i]) ||
		      new_str(I, kwn[i], strlen(kwn[i]), &keys[i]);
		if (!err) {
			hs[2 * i] = keys[i].h;
			hs[2 * i + 1] = args[nargs + i].h;
		}
	}
	if (!err && nkw)
		err = new_container(I, PYMM_OP_NEW_DICT, hs, (uint32_t)(2 * nkw), &packed[1]);
	else if (!err)
		packed[1] = vnone(I);
	if (err && packed[0].kind == V_OBJ)
		vrelease(I, &packed[0]);
	release_many(I, keys, nkw);
	free(keys);
	free(hs);
	return err ? -1 : 0;
}

/* weakref.finalize(obj, func, *args, **kwargs): the prelude's class */
static int bi_finalize(BI_ARGS)
{
	struct value cls, all[4] = { { 0 } };
	int err;

	if (!I->weak || !I->weak->h[WK_FINALIZE])
		return raise_exc(I, EX_NOT_IMPLEMENTED, "weakref.finalize reached without its "
				 "name in the script is not supported by pymm");
	if (need_obj(I, &args[0]) || need_obj(I, &args[1]) ||
	    finalize_pack(I, args, nargs, kwn, nkw, &all[2]))
		return -1;
	all[0] = vobj(args[0].h, false);
	all[1] = vobj(args[1].h, false);
	cls = vobj(I->weak->h[WK_FINALIZE], false);
	err = call_ex(I, &cls, all, 4, NULL, 0, NULL, out);
	release_many(I, all, 4);
	return err;
}


const struct builtin *const builtins_weak[] = {
	ROW(MOD_WEAKREF, "getweakrefcount", 1, 1, BF_RET_INT, bi_getweakrefs, 0),
	ROW(MOD_WEAKREF, "getweakrefs", 1, 1, 0, bi_getweakrefs, 0),
	ROW(MOD_WEAKREF, "KeyedRef", 3, 3, 0, bi_keyedref, 0),
	ROW(MOD_WEAKREF, "finalize", 2, -1, BF_KW, bi_finalize, 0),
	/* the prelude's own: it sees the builtins, not the script's names */
	ROW(BO_BUILTINS, "_pymm_ref", 1, 2, 0, bi_prelude_ref, 0),
	ROW(BO_BUILTINS, "_pymm_keyedref", 3, 3, 0, bi_keyedref, 0),
	ROW(BO_BUILTINS, "_pymm_bind", 2, 2, 0, bi_bind, 0),
	NULL
};
