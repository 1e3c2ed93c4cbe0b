// SPDX-License-Identifier: GPL-2.0
/*
 * reflect.c - the program looking at itself and hooking its own attribute
 * access:
 *
 *   sys.exit(), exit(), quit()    SystemExit, and what the top level does
 *                                 with it (_Py_HandleSystemExit)
 *   globals(), locals(), vars()   the module dict; 3.11's locals snapshot
 *                                 (PyFrame_FastToLocals' order)
 *   __getattr__, __getattribute__ slot_tp_getattr_hook: called through a
 *                                 bound method (call_attribute)
 *   __setattr__, __delattr__      slot_tp_setattro
 *   object.__setattr__ & co       the generic store/lookup (BO_OBJECT)
 *   __get__/__set__/__delete__,   user descriptors in
 *   __set_name__                  PyObject_GenericGetAttr's order
 *
 * The heap runs no Python: it applies its own descriptors (property &
 * co) and hands back the rest; the hooks here run before or after its
 * GETATTR/SETATTR/DELATTR.  The per-access ones are asked for only when
 * the script defines a function of their names (I->attr_hooks,
 * I->descr_hooks, set by the parser), so that other scripts send the
 * same operations as before.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/*
 * sys.exit([status]): raise SystemExit(status) as PyErr_SetObject makes
 * it: no argument or None gives SystemExit() (args ()), a tuple is the
 * args themselves, anything else the one argument.
 */
static int bi_sys_exit(BI_ARGS)
{
	uint64_t h, *hs = NULL;
	struct value *items = NULL;
	uint32_t t = 0, n = 0, i;
	int err, nitems = 0;

	(void)b; (void)self; (void)kwn; (void)nkw; (void)out;
	if (nargs && need_obj(I, &args[0]))
		return -1;
	if (nargs && obj_type(I, args[0].h, &t))
		return -1;
	if (nargs && t == PYMM_T_TUPLE) {
		if (obj_items(I, args[0].h, &hs, &n))
			return -1;
		items = calloc(n + 1, sizeof(*items));
		if (!items) {
			perror("pymmctl");
			exit(1);
		}
		for (i = 0; i < n; i++)
			items[i] = vobj(hs[i], true);
		nitems = (int)n;
	} else if (nargs && t != PYMM_T_NONE) {
		items = &args[0];
		nitems = 1;
	}
	err = exc_new_of_kind(I, EX_SYSTEM_EXIT, items, nitems, &h);
	if (hs) {
		for (i = 0; i < n; i++)
			vrelease(I, &items[i]);
		free(items);
		free(hs);
	}
	if (err)
		return -1;
	return exc_raise_object(I, h, EX_SYSTEM_EXIT);
}

/*
 * An uncaught SystemExit at the top level (_Py_HandleSystemExit): no
 * traceback; its code is the exit status (None 0, an int itself, else
 * str(code) on stderr and status 1).  The exception, its traceback and
 * the frames that keeps go before the shutdown (sys.last_* are not set).
 * 1: the exception being raised is no SystemExit.
 */
int sys_exit_status(struct interp *I, int *status)
{
	struct value code = { 0 };
	struct objinfo oi;
	int kind = I->exc, err;

	if (I->exc_obj && exc_kind_of(I, I->exc_obj, &kind))
		return 1;
	if (kind != EX_SYSTEM_EXIT)
		return 1;
	fflush(I->out);
	*status = 0;
	if (exc_materialize(I) || exc_default_attr(I, I->exc_obj, "code", &code)) {
		*status = 1;
		return 0;
	}
	err = obj_read(I, code.h, &oi);
	if (!err && (oi.type == PYMM_T_INT || oi.type == PYMM_T_BOOL)) {
		*status = (int)oi.i;
	} else if (!err && oi.type != PYMM_T_NONE) {
		struct strbuf sb = { 0 };

		if (!value_repr(I, &code, &sb, true))
			fprintf(stderr, "%.*s\n", (int)sb.n, sb.p);
		sb_free(&sb);
		*status = 1;
	}
	if (!err)
		free(oi.s);
	vrelease(I, &code);
	return 0;
}

/* the module's dict itself (a new reference to it) */
int globals_dict(struct interp *I, struct value *out)
{
	struct pymm_op op;
	uint64_t fo;
	int err;

	if (!I->depth) {
		/* at module level the current frame's locals are the globals */
		pymm_op_init(&op, PYMM_OP_FRAME_LOCALS);
		if (op1_raise(I, &op))
			return -1;
		*out = vobj(op.ret[0], true);
		return 0;
	}
	/* in a call: the module frame's f_locals, which is its dict */
	pymm_op_init(&op, PYMM_OP_FRAME_OBJECT);
	op.arg[0] = (uint64_t)I->depth;
	if (op1_raise(I, &op))
		return -1;
	fo = op.ret[0];
	pymm_op_init(&op, PYMM_OP_FRAME_FIELD);
	op.arg[0] = fo;
	op.arg[1] = PYMM_FRAMEF_LOCALS;
	err = op1_raise(I, &op);
	queue_close(I, fo);
	if (err)
		return -1;
	*out = vobj(op.ret[0], true);
	return 0;
}

/* globals() */
static int bi_globals(BI_ARGS)
{
	(void)b; (void)self; (void)args; (void)nargs; (void)kwn; (void)nkw;
	return globals_dict(I, out);
}

/* d[name] (owned) with a cell's contents for the cell; 0: unbound */
static int snapshot_value(struct interp *I, uint64_t d, const char *name, uint64_t *out)
{
	struct pymm_op op;
	struct value key;
	uint32_t t;
	int err;

	*out = 0;
	if (new_str(I, name, strlen(name), &key))
		return -1;
	pymm_op_init(&op, PYMM_OP_GETITEM);
	op.arg[0] = d;
	op.arg[1] = key.h;
	err = op1(I, &op);
	vrelease(I, &key);
	if (err || op.error)
		return err;
	*out = op.ret[0];
	if (obj_type(I, *out, &t))
		return -1;
	if (t != PYMM_T_CELL)
		return 0;
	pymm_op_init(&op, PYMM_OP_CELL_GET);
	op.arg[0] = *out;
	err = op1(I, &op);
	queue_close(I, *out);
	*out = err || op.error ? 0 : op.ret[0];
	return err;
}

/*
 * The frame's snapshot d (names in binding order, cells as themselves)
 * in PyFrame_FastToLocals' order and values: co_varnames (the
 * parameters, then the other locals but cells), the cells, the free
 * variables; a cell's contents, an empty one left out.
 */
int snapshot_order(struct interp *I, const struct scope *sc, uint64_t d)
{
	int n = sc->n + sc->cells.n + sc->frees.n, i, k = 0, err = 0;
	const char **names = xrealloc(NULL, (n ? n : 1) * sizeof(*names));
	uint64_t *vals = xrealloc(NULL, (n ? n : 1) * sizeof(*vals)), *keys = NULL;
	uint32_t nk = 0, j;

	for (i = 0; i < sc->n; i++)
		if (i < sc->nparams || !nameset_has(&sc->cells, sc->names[i]))
			names[k++] = sc->names[i];
	for (i = 0; i < sc->cells.n; i++) {
		int p;

		for (p = 0; p < sc->nparams && strcmp(sc->names[p], sc->cells.v[i]); p++)
			;
		if (p == sc->nparams)
			names[k++] = sc->cells.v[i];
	}
	for (i = 0; i < sc->frees.n; i++)
		names[k++] = sc->frees.v[i];
	for (i = 0; i < k && !err; i++)
		err = snapshot_value(I, d, names[i], &vals[i]);
	if (!err)
		err = obj_items(I, d, &keys, &nk);
	for (j = 0; j < nk && !err; j++) {
		struct pymm_op op;

		pymm_op_init(&op, PYMM_OP_DELITEM);
		op.arg[0] = d;
		op.arg[1] = keys[j];
		err = op1_raise(I, &op);
	}
	for (i = 0; i < k && !err; i++) {
		struct pymm_op op;
		struct value key;

		if (!vals[i])
			continue;
		err = new_str(I, names[i], strlen(names[i]), &key);
		if (err)
			break;
		pymm_op_init(&op, PYMM_OP_SETITEM);
		op.arg[0] = d;
		op.arg[1] = key.h;
		op.arg[2] = vals[i];
		err = op1_raise(I, &op);
		vrelease(I, &key);
	}
	for (i = 0; i < k; i++)
		if (vals[i])
			queue_close(I, vals[i]);
	if (keys)
		close_many(I, keys, nk);
	free(keys);
	free(vals);
	free(names);
	return err;
}

/*
 * locals() (b->op 0) and vars() without an argument (1): at module level
 * the globals, in a class body its namespace (the frame's own dict); in
 * a function 3.11's PyFrame_FastToLocals: one dict per frame, refreshed
 * from the variables at each call (the frame object's f_locals).
 */
static int bi_locals(BI_ARGS)
{
	struct pymm_op op;
	uint64_t fo;
	int err;

	(void)self; (void)kwn; (void)nkw;
	if (b->op == 1 && nargs)
		return bi_vars(I, b, self, args, nargs, kwn, nkw, out);
	if (I->comp)
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "%s() in a comprehension is not supported by pymm", b->name);
	if (!I->scope || I->scope->is_class) {
		pymm_op_init(&op, PYMM_OP_FRAME_LOCALS);
		if (op1_raise(I, &op))
			return -1;
		*out = vobj(op.ret[0], true);
		return 0;
	}
	pymm_op_init(&op, PYMM_OP_FRAME_OBJECT);
	op.arg[1] = I->line > 0 ? (uint64_t)I->line : 0;
	op.arg[2] = I->cur_fn;
	if (op1_raise(I, &op))
		return -1;
	fo = op.ret[0];
	pymm_op_init(&op, PYMM_OP_FRAME_FIELD);
	op.arg[0] = fo;
	op.arg[1] = PYMM_FRAMEF_LOCALS;
	err = op1_raise(I, &op);
	queue_close(I, fo);
	if (err)
		return -1;
	*out = vobj(op.ret[0], true);
	if (snapshot_order(I, I->scope, out->h)) {
		vrelease(I, out);
		return -1;
	}
	return 0;
}

const struct builtin *const builtins_reflect[] = {
	ROW(MOD_SYS, "exit", 0, 1, 0, bi_sys_exit, 0),
	/* site's exit() and quit() (Quitter.__call__): SystemExit(code) too */
	ROW(BO_BUILTINS, "exit", 0, 1, 0, bi_sys_exit, 0),
	ROW(BO_BUILTINS, "quit", 0, 1, 0, bi_sys_exit, 0),
	ROW(BO_BUILTINS, "globals", 0, 0, 0, bi_globals, 0),
	ROW(BO_BUILTINS, "locals", 0, 0, 0, bi_locals, 0),
	ROW(BO_BUILTINS, "vars", 0, 1, 0, bi_locals, 1),
	NULL
};

/* ------------------------------------------------- attribute hooks */

/* the exception being raised is dropped (hasattr's AttributeError) */
void exc_swallow(struct interp *I, int tbhold_base)
{
	release_tbhold(I, tbhold_base);
	if (I->exc_obj)
		queue_close(I, I->exc_obj);
	I->exc_obj = 0;
	I->exc = EX_NONE;
	I->ntb = 0;
}

/*
 * type(obj).meth(obj, *args) as slot_tp_getattr_hook's call_attribute()
 * makes it: through a bound method (which holds obj while it runs).
 * args are taken over as call() takes them, except when 1: no such
 * method.
 */
static int call_attribute(struct interp *I, uint64_t obj, const char *meth, struct value *args,
			  int nargs, struct value *out)
{
	struct pymm_op op;
	struct value m;
	int err;

	pymm_op_init(&op, PYMM_OP_LOAD_METHOD);
	op.arg[0] = obj;
	pymm_op_set_data(&op, meth, strlen(meth));
	if (op1(I, &op))
		return -1;
	if (op.error == -ENOENT)
		return 1;
	if (op.error) {
		release_many(I, args, nargs);
		return raise_op(I, &op, NULL);
	}
	if (op.ret[1] != PYMM_ATTR_UNBOUND) {
		queue_close(I, op.ret[0]);	/* the instance's own: not the slot's */
		return 1;
	}
	m = vobj(op.ret[0], true);
	pymm_op_init(&op, PYMM_OP_NEW_METHOD);
	op.arg[0] = m.h;
	op.arg[1] = obj;
	err = op1_raise(I, &op);
	vrelease(I, &m);
	if (err) {
		release_many(I, args, nargs);
		return -1;
	}
	m = vobj(op.ret[0], true);
	err = call(I, &m, args, nargs, NULL, out);
	vrelease(I, &m);
	return err;
}

/*
 * obj.name found nothing (slot_tp_getattr_hook): if type(obj), an
 * instance's class, defines __getattr__, its result is the attribute
 * (the lookup's AttributeError, never made as an object here, is gone).
 * 1: no __getattr__, nothing done; 0 and *out; -1 raised.
 */
int getattr_hook(struct interp *I, uint64_t obj, const char *name, struct value *out)
{
	struct value arg;
	uint32_t t;
	int r;

	if (obj_type(I, obj, &t))
		return -1;
	if (t != PYMM_T_INSTANCE)
		return 1;
	if (new_str(I, name, strlen(name), &arg))
		return -1;
	r = call_attribute(I, obj, "__getattr__", &arg, 1, out);
	if (r == 1)
		vrelease(I, &arg);
	return r;
}

/* the AttributeError of obj.name not found: "'C' object has no attribute 'x'" */
static int no_attribute(struct interp *I, uint64_t obj, const char *name)
{
	struct objinfo oi;
	int err;

	if (obj_read(I, obj, &oi))
		return -1;
	err = raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'",
			oi.type == PYMM_T_INSTANCE && oi.s && oi.len ? oi.s :
			attr_owner_name(I, obj, oi.type), name);
	free(oi.s);
	return err;
}

/*
 * del obj.name of a name obj lacks: 3.11's _PyObject_GenericSetAttrWithDict
 * words it as a lookup's AttributeError, the class's for a class.
 */
int del_attr_error(struct interp *I, uint64_t obj, const char *name)
{
	struct objinfo oi;
	struct pymm_op op;
	int err;

	I->exc = EX_NONE;
	if (obj_read(I, obj, &oi))
		return -1;
	if (oi.type == PYMM_T_CLASS) {
		err = raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "type object '%s' has no attribute '%s'",
				oi.s ? oi.s : "?", name);
		free(oi.s);
		return err;
	}
	/* an instance without __dict__ (__slots__: member_set) says the name alone */
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = obj;
	pymm_op_set_data(&op, "__dict__", 8);
	if (op1(I, &op)) {
		free(oi.s);
		return -1;
	}
	if (!op.error)
		queue_close(I, op.ret[0]);
	if (oi.type == PYMM_T_INSTANCE && op.error)
		err = raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "%s", name);
	else
		err = raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'",
				oi.type == PYMM_T_INSTANCE && oi.s && oi.len ? oi.s :
				attr_owner_name(I, obj, oi.type), name);
	free(oi.s);
	return err;
}

/* type(obj), an instance's class, defines name itself: 1, 0, -1 */
static int hooked(struct interp *I, uint64_t obj, const char *name)
{
	uint32_t t;

	if (!I->attr_hooks)
		return 0;
	if (obj_type(I, obj, &t))
		return -1;
	return t == PYMM_T_INSTANCE ? has_special(I, obj, name) : 0;
}

/*
 * obj.name = *v (v non-NULL) or del obj.name when type(obj) defines
 * __setattr__ / __delattr__ (slot_tp_setattro): the method is called
 * with the name and the value.  1: no such method, nothing done.
 */
int setattr_hook(struct interp *I, uint64_t obj, const char *name, const struct value *v)
{
	const char *meth = v ? "__setattr__" : "__delattr__";
	struct value args[2], res;
	int r = hooked(I, obj, meth), n = 1;

	if (r <= 0)
		return r < 0 ? -1 : descr_set_hook(I, obj, name, v);
	if (new_str(I, name, strlen(name), &args[0]))
		return -1;
	if (v)
		args[n++] = vobj(v->h, false);
	r = call_special(I, obj, meth, args, n, &res);
	if (r == 1) {
		vrelease(I, &args[0]);
		return no_attribute(I, obj, meth);	/* gone since hooked() */
	}
	if (!r)
		vrelease(I, &res);
	return r;
}

/*
 * The lookup of obj.name raised (a property's getter, __getattribute__):
 * an AttributeError gives __getattr__ its turn (slot_tp_getattr_hook),
 * the error dropped; tbhold_base is I->ntbhold before the lookup.  -1:
 * the error stands (another exception, or no __getattr__).
 */
int getattr_after_error(struct interp *I, uint64_t obj, const char *name, int tbhold_base,
			struct value *out)
{
	struct exc_saved s;
	uint32_t t;
	int r;

	if (I->exc != PYMM_EXC_ATTRIBUTE_ERROR)
		return -1;
	/* does the class have __getattr__? (asked with the error aside) */
	exc_stash(I, &s);
	I->exc = EX_NONE;
	r = obj_type(I, obj, &t) ? -1 : t == PYMM_T_INSTANCE ? has_special(I, obj, "__getattr__") : 0;
	exc_unstash(I, &s);
	if (r <= 0)
		return -1;
	exc_swallow(I, tbhold_base);
	return getattr_hook(I, obj, name, out);
}

/*
 * obj.name when type(obj) defines __getattribute__: its result, or, if
 * it raises AttributeError and the class has __getattr__ too, that one's
 * (slot_tp_getattr_hook).  1: no __getattribute__, nothing done.
 */
int getattribute_hook(struct interp *I, uint64_t obj, const char *name, struct value *out)
{
	struct value arg;
	int r = hooked(I, obj, "__getattribute__"), base = I->ntbhold;

	if (r <= 0)
		return r < 0 ? -1 : 1;
	if (new_str(I, name, strlen(name), &arg))
		return -1;
	r = call_attribute(I, obj, "__getattribute__", &arg, 1, out);
	if (r == 1) {
		vrelease(I, &arg);
		return 1;
	}
	return r < 0 ? getattr_after_error(I, obj, name, base, out) : r;
}

/* ---------------------------------- object.__setattr__ & co (BO_OBJECT) */

static int name_arg(struct interp *I, const struct value *v, char **name)
{
	struct objinfo oi;

	if (need_obj(I, v) || obj_read(I, v->h, &oi))
		return -1;
	if (oi.type != PYMM_T_STR) {
		free(oi.s);
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "attribute name must be string, not '%s'",
				 type_name(oi.type));
	}
	*name = oi.s;
	return 0;
}

/*
 * object.__setattr__(self, name, value) (b->op SETATTR) and
 * object.__delattr__(self, name) (DELATTR): the generic store, which a
 * class's own __setattr__ calls to store at last (PyObject_GenericSetAttr:
 * a property's setter, else the instance's dict).
 */
static int bi_object_setattr(BI_ARGS)
{
	const struct value *v = b->op == PYMM_OP_SETATTR ? &args[1] : NULL;
	struct pymm_op op;
	char *name;
	int err;

	(void)kwn; (void)nkw; (void)nargs;
	if (need_obj(I, self) || name_arg(I, &args[0], &name))
		return -1;
	if (v && need_obj(I, v)) {
		free(name);
		return -1;
	}
	err = descr_set_hook(I, self->h, name, v);
	if (err != 1) {
		free(name);
		if (err)
			return -1;
		*out = vnone(I);
		return 0;
	}
	pymm_op_init(&op, b->op);
	op.arg[0] = self->h;
	if (v)
		op.arg[1] = v->h;
	pymm_op_set_data(&op, name, strlen(name));
	err = op1(I, &op);
	if (!err)
		err = descr_apply(I, &op, self->h, name, v, NULL);
	if (err == 1) {
		err = 0;
		if (op.error && (op.exc == PYMM_EXC_ATTRIBUTE_ERROR || op.error == -ENOENT))
			err = v ? no_attribute(I, self->h, name) : del_attr_error(I, self->h, name);
		else if (op.error)
			err = raise_op(I, &op, NULL);
	}
	free(name);
	if (err)
		return -1;
	*out = vnone(I);
	return 0;
}

/*
 * object.__getattribute__(self, name): the generic lookup (a property's
 * getter, the instance's dict, the class's), without __getattr__, which
 * only the slot calls.
 */
static int bi_object_getattribute(BI_ARGS)
{
	struct pymm_op op;
	char *name;
	int err;

	(void)b; (void)kwn; (void)nkw; (void)nargs;
	if (need_obj(I, self) || name_arg(I, &args[0], &name))
		return -1;
	err = descr_get_hook(I, self->h, name, out);
	if (err != 1) {
		free(name);
		return err;
	}
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = self->h;
	pymm_op_set_data(&op, name, strlen(name));
	err = op1(I, &op);
	if (!err)
		err = descr_apply(I, &op, self->h, name, NULL, out);
	if (err == 1) {
		err = 0;
		if (!op.error) {
			*out = vobj(op.ret[0], true);
		} else if (op.exc == PYMM_EXC_ATTRIBUTE_ERROR || op.error == -ENOENT) {
			err = exc_default_attr(I, self->h, name, out);
			if (err > 0)
				err = no_attribute(I, self->h, name);
		} else {
			err = raise_op(I, &op, NULL);
		}
	}
	free(name);
	return err ? -1 : 0;
}

const struct builtin *const builtins_object[] = {
	ROW(BO_OBJECT, "__setattr__", 2, 2, 0, bi_object_setattr, PYMM_OP_SETATTR),
	ROW(BO_OBJECT, "__delattr__", 1, 1, 0, bi_object_setattr, PYMM_OP_DELATTR),
	ROW(BO_OBJECT, "__getattribute__", 1, 1, 0, bi_object_getattribute, 0),
	NULL
};

/*
 * object.__setattr__ & co as values: the method unbound, called with the
 * instance first (call.c).  1: h is not `object` or name not one of them.
 */
/*
 * MyDict.fromkeys, MyList.append: what a class deriving from list or dict
 * inherits from it, as the base type's dict gives it: a classmethod bound
 * to the class, a method descriptor unbound.  1: h is no such class, or
 * the base has no such method.
 */
static int layout_attr(struct interp *I, uint64_t h, const char *name, struct value *out)
{
	int lid = builtin_method_lookup(PYMM_T_LIST, name);
	int did = builtin_method_lookup(PYMM_T_DICT, name);
	struct objinfo oi;
	int id;

	if ((lid < 0 && did < 0) || PYMM_HANDLE_TYPE(h) != PYMM_T_CLASS)
		return 1;
	if (obj_read(I, h, &oi))
		return -1;
	free(oi.s);
	id = oi.i == PYMM_LAYOUT_LIST ? lid : oi.i == PYMM_LAYOUT_DICT ? did : -1;
	if (id < 0)
		return 1;
	memset(out, 0, sizeof(*out));
	if (builtin_get(id)->flags & BF_CLASSMETH) {
		if (dup_of(I, h, out))
			return -1;
		out->self = out->h;
	}
	out->kind = V_METHOD;
	out->id = id;
	return 0;
}

int object_attr(struct interp *I, uint64_t h, const char *name, struct value *out)
{
	bool is_obj;
	int id = builtin_lookup(BO_OBJECT, name);

	if (id < 0)
		return layout_attr(I, h, name, out);
	if (is_object_class(I, h, &is_obj))
		return -1;
	if (!is_obj)
		return layout_attr(I, h, name, out);
	memset(out, 0, sizeof(*out));
	out->kind = V_METHOD;
	out->id = id;
	return 0;
}

/* ------------------------------------------------- user descriptors */

#define DK_GET	1u
#define DK_SET	2u
#define DK_DEL	4u

/*
 * cls.name (through the MRO) when it is an instance whose class defines
 * __get__, __set__ or __delete__: *d (owned) and which (*kinds).  0 and
 * *d 0: none.
 */
static int find_descr(struct interp *I, uint64_t cls, const char *name, uint64_t *d,
		      unsigned int *kinds)
{
	static const char *const meths[] = { "__get__", "__set__", "__delete__" };
	struct pymm_op op;
	uint32_t t;
	int i, r;

	*d = 0;
	*kinds = 0;
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = cls;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1(I, &op))
		return -1;
	if (op.error)
		return 0;	/* not there */
	if (op.ret[1] == PYMM_ATTR_PROPERTY) {
		queue_close(I, op.ret[0]);	/* a property's getter: the heap's own */
		return 0;
	}
	if (obj_type(I, op.ret[0], &t) || t != PYMM_T_INSTANCE) {
		queue_close(I, op.ret[0]);
		return I->exc ? -1 : 0;
	}
	for (i = 0; i < 3; i++) {
		r = has_special(I, op.ret[0], meths[i]);
		if (r < 0) {
			queue_close(I, op.ret[0]);
			return -1;
		}
		if (r)
			*kinds |= 1u << i;
	}
	if (!*kinds) {
		queue_close(I, op.ret[0]);
		return 0;
	}
	*d = op.ret[0];
	return 0;
}

/* obj's own __dict__ holds name (no exception either way) */
static bool in_instance_dict(struct interp *I, uint64_t obj, const char *name)
{
	struct pymm_op op;
	struct value key;
	uint64_t dict;
	bool res;

	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = obj;
	pymm_op_set_data(&op, "__dict__", 8);
	if (op1(I, &op) || op.error)
		return false;
	dict = op.ret[0];
	if (new_str(I, name, strlen(name), &key)) {
		queue_close(I, dict);
		return false;
	}
	pymm_op_init(&op, PYMM_OP_GETITEM);
	op.arg[0] = dict;
	op.arg[1] = key.h;
	res = !op1(I, &op) && !op.error;
	if (res)
		queue_close(I, op.ret[0]);
	vrelease(I, &key);
	queue_close(I, dict);
	return res;
}

/* the class of instance obj (owned) */
static int class_of(struct interp *I, uint64_t obj, uint64_t *cls)
{
	return getattr_h(I, obj, "__class__", cls);
}

/*
 * obj.name through a descriptor of type(obj) (or of the class obj, for
 * C.name): d.__get__(obj, type(obj)), d.__get__(None, C), as
 * PyObject_GenericGetAttr and type_getattro order them: a data
 * descriptor (__set__ or __delete__) before the instance's dict, a
 * non-data one after it.  1: no descriptor there, nothing done.
 */
int descr_get_hook(struct interp *I, uint64_t obj, const char *name, struct value *out)
{
	struct value args[2];
	unsigned int kinds;
	uint64_t cls, d;
	uint32_t t;
	int r;

	if (!I->descr_hooks)
		return 1;
	if (obj_type(I, obj, &t))
		return -1;
	if (t != PYMM_T_INSTANCE && t != PYMM_T_CLASS)
		return 1;
	if (t == PYMM_T_CLASS) {
		struct value c;

		if (dup_of(I, obj, &c))
			return -1;
		cls = c.h;
	} else if (class_of(I, obj, &cls)) {
		return -1;
	}
	if (find_descr(I, cls, name, &d, &kinds)) {
		queue_close(I, cls);
		return -1;
	}
	if (!d || !(kinds & DK_GET) ||
	    (t == PYMM_T_INSTANCE && !(kinds & (DK_SET | DK_DEL)) &&
	     in_instance_dict(I, obj, name))) {
		if (d)
			queue_close(I, d);
		queue_close(I, cls);
		return 1;
	}
	args[0] = t == PYMM_T_CLASS ? vnone(I) : vobj(obj, false);
	args[1] = vobj(cls, true);
	r = call_special(I, d, "__get__", args, 2, out);
	queue_close(I, d);
	return r == 1 ? no_attribute(I, obj, name) : r;
}

/*
 * obj.name = *v (v NULL: del obj.name) through a data descriptor of
 * type(obj): d.__set__(obj, v) / d.__delete__(obj).  1: none.
 */
int descr_set_hook(struct interp *I, uint64_t obj, const char *name, const struct value *v)
{
	const char *meth = v ? "__set__" : "__delete__";
	struct value args[2], res;
	unsigned int kinds;
	uint64_t cls, d;
	uint32_t t;
	int r, n = 1;

	if (!I->descr_hooks)
		return 1;
	if (obj_type(I, obj, &t))
		return -1;
	if (t != PYMM_T_INSTANCE)
		return 1;
	if (class_of(I, obj, &cls))
		return -1;
	r = find_descr(I, cls, name, &d, &kinds);
	queue_close(I, cls);
	if (r)
		return -1;
	if (!d)
		return 1;
	if (!(kinds & (DK_SET | DK_DEL))) {
		queue_close(I, d);
		return 1;	/* non-data: the instance's dict takes it */
	}
	if (!(kinds & (v ? DK_SET : DK_DEL))) {
		queue_close(I, d);
		return raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "%s", meth);
	}
	args[0] = vobj(obj, false);
	if (v)
		args[n++] = vobj(v->h, false);
	r = call_special(I, d, meth, args, n, &res);
	queue_close(I, d);
	if (!r)
		vrelease(I, &res);
	return r;
}

/*
 * type_new_set_names(): after the class is made, each value of its
 * namespace whose class defines __set_name__ is told (cls, name), in the
 * namespace's order.
 */
int descr_set_names(struct interp *I, uint64_t cls, uint64_t ns)
{
	uint64_t *keys = NULL;
	uint32_t n = 0, i;
	int err = 0;

	if (!I->descr_hooks || !ns)
		return 0;
	if (obj_items(I, ns, &keys, &n))
		return -1;
	for (i = 0; i < n && !err; i++) {
		struct value v, args[2], res;
		int r;

		if (getitem(I, ns, keys[i], &v)) {
			err = -1;
			break;
		}
		args[0] = vobj(cls, false);
		args[1] = vobj(keys[i], false);
		r = call_special(I, v.h, "__set_name__", args, 2, &res);
		if (!r)
			vrelease(I, &res);
		err = r < 0 ? -1 : 0;
		vrelease(I, &v);
	}
	close_many(I, keys, n);
	free(keys);
	return err;
}
