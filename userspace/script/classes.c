// SPDX-License-Identifier: GPL-2.0
/*
 * classes.c - the class statement, instantiation, method calls, super()
 * and the special methods the interpreter dispatches to user code.
 *
 * The heap does the object model (module/core/types/type.c: type objects,
 * the C3 MRO, attribute lookup, inline instance values, bound methods);
 * this file runs what CPython's bytecode would run around it:
 *
 *   class C(B): body   evaluate the bases, run the body in a frame of its
 *                      own (a class block: LOAD_NAME reads the namespace,
 *                      then the globals, then the builtins), take the
 *                      frame's locals as the namespace (FRAME_LOCALS), pop
 *                      the frame, CLASS_NEW(name, namespace, bases), bind;
 *   C(args)            NEW_INSTANCE, then __init__ looked up on the type
 *                      (LOAD_METHOD) and called with the instance first;
 *   obj.m(args)        LOAD_METHOD: a function found on the class is called
 *                      with obj first and no bound method is made, as
 *                      3.11's LOAD_METHOD/PRECALL; `f = obj.m` (GETATTR)
 *                      makes a bound method object in the heap;
 *   super()            in a method: the class whose dict holds the running
 *                      function, found along type(self).__mro__ (CPython
 *                      reads the __class__ cell); no super object is made.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* h.name as a new handle in *out, or the error raised */
int getattr_h(struct interp *I, uint64_t h, const char *name, uint64_t *out)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = h;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1(I, &op))
		return -1;
	if (op.error)
		return raise_op(I, &op, NULL);
	*out = op.ret[0];
	return 0;
}

/* ----------------------------------------------------------- class */

static int class_error(struct interp *I, const struct pymm_op *op, struct value *bases,
		       int nbases, const char *qualname_type)
{
	struct strbuf b = { 0 };
	int i, err;

	switch (op->ret[1]) {
	case PYMM_CLASSERR_BASE:
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "bases must be classes (subclassing builtin types is not "
				 "supported by pymm)");
	case PYMM_CLASSERR_SLOTS:
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "this __slots__ is not supported by pymm (pymm supports a str, "
				 "tuple or list of public names on a class whose base is object)");
	case PYMM_CLASSERR_LAYOUT:
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "multiple bases have instance lay-out conflict");
	case PYMM_CLASSERR_SUBCLASS:
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "special methods (__del__, __len__, __setitem__ ...) on a subclass of "
				 "list or dict are not supported by pymm (__init__ is)");
	case PYMM_CLASSERR_QUALNAME:
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "type __qualname__ must be a str, not %s",
				 qualname_type);
	case PYMM_CLASSERR_DUPLICATE:
	case PYMM_CLASSERR_MRO:
		break;
	default:
		return raise_op(I, op, "class");
	}
	for (i = 0; i < nbases; i++) {
		struct objinfo oi;

		if (obj_read(I, bases[i].h, &oi))
			return -1;
		if (op->ret[1] == PYMM_CLASSERR_DUPLICATE) {
			int j;

			for (j = 0; j < i; j++)
				if (obj_id(I, bases[j].h, &err) == obj_id(I, bases[i].h, &err))
					break;
			if (j < i) {
				err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "duplicate base class %s",
						oi.s ? oi.s : "?");
				free(oi.s);
				sb_free(&b);
				return err;
			}
		} else {
			sb_addf(&b, "%s%s", i ? ", " : "", oi.s ? oi.s : "?");
		}
		free(oi.s);
	}
	err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
			"Cannot create a consistent method resolution\norder (MRO) for bases %s",
			b.p ? b.p : "");
	sb_free(&b);
	return err;
}

static int bind_local(struct interp *I, const char *name, uint64_t h)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_NAME_BIND);
	op.flags = PYMM_OPF_LOCAL;
	op.arg[0] = h;
	pymm_op_set_data(&op, name, strlen(name));
	return op1_raise(I, &op);
}

static int bind_local_str(struct interp *I, const char *name, const char *s)
{
	struct value v;
	int err;

	if (new_str(I, s, strlen(s), &v))
		return -1;
	err = bind_local(I, name, v.h);
	vrelease(I, &v);
	return err;
}

/* the class body, in its frame; 0 or -1 (the exception is set) */
static int run_body(struct interp *I, struct node *s)
{
	struct scope *saved_scope = I->scope;
	const char *saved_func = I->func;
	uint64_t saved_fn = I->cur_fn;
	int saved_line = I->line;
	struct node *doc = NULL;
	enum flow f;

	/* __module__, then __qualname__ (type_new takes it out of the namespace) */
	if (bind_local_str(I, "__module__", "__main__") ||
	    bind_local_str(I, "__qualname__", s->class_.qualname))
		return -1;
	doc = ast_docstring(&s->class_.body);
	if (doc) {
		struct value v;
		int err;

		if (eval(I, doc, &v))
			return -1;
		err = need_obj(I, &v) ? -1 : bind_local(I, "__doc__", v.h);
		vrelease(I, &v);
		if (err)
			return -1;
	}
	I->scope = s->class_.scope;
	I->func = s->class_.name;
	I->cur_fn = 0;
	I->depth++;
	f = exec_block(I, &s->class_.body);
	I->depth--;
	if (f == F_EXC) {
		tb_push(I, I->line, s->class_.name);
		hold_frame_object(I, 0);
	}
	I->scope = saved_scope;
	I->func = saved_func;
	I->cur_fn = saved_fn;
	I->line = saved_line;
	return f == F_EXC ? -1 : 0;
}

/* the type name of the namespace's __qualname__, for type_new's TypeError */
static const char *qualname_type(struct interp *I, uint64_t ns)
{
	struct value key, v = { 0 };
	struct pymm_op op;
	uint32_t t = 0;

	if (new_str(I, "__qualname__", 12, &key))
		return "?";
	pymm_op_init(&op, PYMM_OP_GETITEM);
	op.arg[0] = ns;
	op.arg[1] = key.h;
	if (!op1(I, &op) && !op.error) {
		v = vobj(op.ret[0], true);
		if (obj_type(I, v.h, &t))
			t = 0;
	}
	vrelease(I, &v);
	vrelease(I, &key);
	return t ? type_name(t) : "?";
}

/* the body in its frame, the namespace it leaves (*ns), the frame popped */
static int class_body(struct interp *I, struct node *s, uint64_t *ns)
{
	struct pymm_op op;
	int err;

	*ns = 0;
	pymm_op_init(&op, PYMM_OP_FRAME_PUSH);
	pymm_op_set_data(&op, s->class_.name, strlen(s->class_.name));
	if (op1(I, &op))
		return -1;
	if (op.error) {
		if (op.exc == PYMM_EXC_RECURSION_ERROR || op.error == -ELOOP)
			return raise_exc(I, PYMM_EXC_RECURSION_ERROR,
					 "maximum recursion depth exceeded");
		return raise_op(I, &op, "class");
	}
	frame_line_note(I, op.ret[0], 0);
	err = run_body(I, s);
	if (!err) {
		pymm_op_init(&op, PYMM_OP_FRAME_LOCALS);
		err = op1_raise(I, &op);
		*ns = err ? 0 : op.ret[0];
	}
	pymm_op_init(&op, PYMM_OP_FRAME_POP);
	if (op1(I, &op) && !err)
		err = -1;
	return err;
}

/* @d1 @d2 class C: C = d1(d2(C)), the decorators evaluated before the bases */
static int class_decorators(struct interp *I, struct node *s, struct value **decos)
{
	int n = s->class_.decorators.n;

	*decos = NULL;
	if (!n)
		return 0;
	*decos = calloc(n, sizeof(**decos));
	if (!*decos) {
		perror("pymmctl");
		exit(1);
	}
	if (eval_many(I, &s->class_.decorators, *decos)) {
		free(*decos);
		*decos = NULL;
		return -1;
	}
	return 0;
}

/* the evaluated bases as heap objects (hs) and the __bases__ tuple */
static int bases_tuple(struct interp *I, struct value *bases, uint64_t *hs, int nb,
		       struct value *tup)
{
	int i, err;

	for (i = 0; i < nb; i++) {
		/* a stored builtin type is a base as its name is */
		if (btype_demote(I, &bases[i]) < 0)
			return -1;
		if (bases[i].kind == V_BUILTIN) {
			/* class Stack(list): the heap's static list (subclass.c) */
			err = subclass_base(I, &bases[i], &hs[i]);
			if (err < 0)
				return -1;
			if (!err) {
				bases[i] = vobj(hs[i], true);
				continue;
			}
			return raise_exc(I, EX_NOT_IMPLEMENTED,
					 "subclassing builtin type '%s' is not supported by pymm",
					 builtin_name(bases[i].id));
		}
		if (need_obj(I, &bases[i]))
			return -1;
		hs[i] = bases[i].h;
	}
	return new_container(I, PYMM_OP_NEW_TUPLE, hs, nb, tup);
}

enum flow exec_class(struct interp *I, struct node *s)
{
	int nb = s->class_.bases.n, nd = s->class_.decorators.n, err;
	struct value *bases = NULL, *decos = NULL, tup = { 0 }, cls;
	uint64_t ns = 0, *hs = NULL;
	struct classctx *cc = NULL;
	struct pymm_op op;
	size_t nl = strlen(s->class_.name), fl = s->class_.fin_text ? strlen(s->class_.fin_text) : 0;
	char *data;

	if (class_decorators(I, s, &decos))
		return F_EXC;
	if (nb) {
		bases = calloc(nb, sizeof(*bases));
		hs = calloc(nb, sizeof(*hs));
		if (!bases || !hs) {
			perror("pymmctl");
			exit(1);
		}
		if (eval_many(I, &s->class_.bases, bases))
			goto fail_early;
		if (bases_tuple(I, bases, hs, nb, &tup))
			goto fail_bases;
	}
	if (I->depth + 1 >= I->recursion_limit) {
		raise_exc(I, PYMM_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
		goto fail_bases;
	}
	if (class_cells_enter(I, s->class_.scope, &cc))
		goto fail_bases;
	if (class_body(I, s, &ns))
		goto fail_ns;

	data = xrealloc(NULL, nl + fl + 2);
	memcpy(data, s->class_.name, nl + 1);
	if (fl)
		memcpy(data + nl + 1, s->class_.fin_text, fl + 1);
	pymm_op_init(&op, PYMM_OP_CLASS_NEW);
	op.arg[0] = ns;
	op.arg[1] = nb ? tup.h : 0;
	pymm_op_set_data(&op, data, fl ? nl + 1 + fl : nl);
	err = op1(I, &op);
	free(data);
	if (!err && op.error)
		err = class_error(I, &op, bases, nb, op.ret[1] == PYMM_CLASSERR_QUALNAME ?
				  qualname_type(I, ns) : NULL);
	if (err)
		goto fail_ns;
	cls = vobj(op.ret[0], true);
	err = class_cells_fill(I, cc, cls.h);
	class_cells_leave(I, cc);
	/* type_new_set_names(): after the __class__ cell, as type_new_impl */
	if (!err)
		err = descr_set_names(I, cls.h, ns);
	queue_close(I, ns);
	vrelease(I, &tup);
	release_many(I, bases, nb);
	free(bases);
	free(hs);
	if (!err && nd)
		err = decorate(I, decos, nd, &cls);
	if (!err)
		err = store_name(I, s->class_.name, &cls);
	vrelease(I, &cls);
	release_many(I, decos, nd);
	free(decos);
	return err ? F_EXC : F_NORMAL;

fail_ns:
	if (ns)
		queue_close(I, ns);
	class_cells_leave(I, cc);
fail_bases:
	vrelease(I, &tup);
	release_many(I, bases, nb);
fail_early:
	free(bases);
	free(hs);
	release_many(I, decos, nd);
	free(decos);
	return F_EXC;
}

/*
 * A base of type(name, bases, dict): a class, or a builtin type a class
 * statement could name (list, dict); any other builtin type is refused as
 * `class C(int)` is.  0, or -1 raised.
 */
static int type3_base(struct interp *I, uint64_t h)
{
	struct value v = vobj(h, false);
	uint64_t sh;
	uint32_t t;
	int err;

	/* type(base) is the metaclass candidate: not a subclass of type */
	if (obj_type(I, h, &t))
		return -1;
	if (t != PYMM_T_CLASS)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "metaclass conflict: the metaclass of a derived class must be a "
				 "(non-strict) subclass of the metaclasses of all its bases");
	err = btype_demote(I, &v);
	if (err <= 0)
		return err;
	if (v.kind != V_BUILTIN)
		return 0;
	err = subclass_base(I, &v, &sh);
	if (err < 0)
		return -1;
	if (!err)
		return 0;	/* the same static list/dict the tuple holds */
	return raise_exc(I, EX_NOT_IMPLEMENTED,
			 "subclassing builtin type '%s' is not supported by pymm",
			 builtin_name(v.id));
}

/* type.__new__'s argument checks: str, tuple, dict (or their subclasses) */
static int type3_check(struct interp *I, struct value *args)
{
	static const char *const want[3] = { "str", "tuple", "dict" };
	static const uint32_t code[3] = { PYMM_T_STR, PYMM_T_TUPLE, PYMM_T_DICT };
	uint32_t t;
	int i;

	for (i = 0; i < 3; i++) {
		if (need_obj(I, &args[i]) || obj_type(I, args[i].h, &t))
			return -1;
		if (t != code[i])
			return raise_exc(I, PYMM_EXC_TYPE_ERROR,
					 "type.__new__() argument %d must be %s, not %s", i + 1,
					 want[i], type_name(t));
	}
	return 0;
}

/*
 * type(name, bases, dict): type_new on a namespace the caller made.  The
 * heap copies the dict as type_new does (the caller's is left as it was)
 * and keeps the caller's bases tuple as __bases__; no bases is (object,).
 */
int type_new3(struct interp *I, struct value *args, struct value *out)
{
	struct value *bases = NULL;
	struct objinfo oi;
	struct pymm_op op;
	uint64_t *hs = NULL;
	uint32_t nb = 0, i;
	int err;

	if (type3_check(I, args) || obj_items(I, args[1].h, &hs, &nb))
		return -1;
	bases = xrealloc(NULL, (nb ? nb : 1) * sizeof(*bases));
	for (i = 0, err = 0; i < nb; i++) {
		bases[i] = vobj(hs[i], true);
		if (!err)
			err = type3_base(I, hs[i]);
	}
	if (!err)
		err = obj_read(I, args[0].h, &oi);
	if (err)
		goto out;
	if (oi.s && strlen(oi.s) != oi.len) {
		free(oi.s);
		err = raise_exc(I, PYMM_EXC_VALUE_ERROR, "type name must not contain null characters");
		goto out;
	}
	pymm_op_init(&op, PYMM_OP_CLASS_NEW);
	op.arg[0] = args[2].h;
	op.arg[1] = nb ? args[1].h : 0;
	pymm_op_set_data(&op, oi.s ? oi.s : "", oi.s ? strlen(oi.s) : 0);
	err = op1(I, &op);
	free(oi.s);
	if (!err && op.error)
		err = class_error(I, &op, bases, (int)nb, op.ret[1] == PYMM_CLASSERR_QUALNAME ?
				  qualname_type(I, args[2].h) : NULL);
	if (err)
		goto out;
	*out = vobj(op.ret[0], true);
	/* type_new_set_names() */
	err = descr_set_names(I, out->h, args[2].h);
	if (err)
		vrelease(I, out);
out:
	release_many(I, bases, (int)nb);
	free(bases);
	free(hs);
	return err ? -1 : 0;
}

/* ------------------------------------------------------------ calls */

/* LOAD_METHOD on h (after: the class for super(), 0 none); -ENOENT unwrapped */
static int load_method_op(struct interp *I, uint64_t h, uint64_t after, const char *name,
			  struct pymm_op *op)
{
	pymm_op_init(op, PYMM_OP_LOAD_METHOD);
	op->arg[0] = h;
	op->arg[1] = after;
	pymm_op_set_data(op, name, strlen(name));
	return op1_name(I, op, name);
}

/*
 * fn(self, *args, **kw): args[] (nargs positional, then the values of the
 * nkw keywords kwn[]) are taken over as call() takes them; self too when
 * it is an owned value (the reference LOAD_METHOD left on the stack moves
 * into the frame, as 3.11's call does), else it gets a handle.
 */
static int call_self_value(struct interp *I, struct value *fn, struct value *self,
			   struct value *args, int nargs, const char *const *kwn, int nkw,
			   struct node *cn, struct value *out)
{
	struct value *all = calloc(nargs + nkw + 1, sizeof(*all));
	int err, i;

	if (!all) {
		perror("pymmctl");
		exit(1);
	}
	if (self->kind == V_OBJ && self->owned) {
		all[0] = *self;
		memset(self, 0, sizeof(*self));
	} else {
		struct pymm_op op;

		pymm_op_init(&op, PYMM_OP_DUP);
		op.arg[0] = self->h;
		if (op1_raise(I, &op)) {
			free(all);
			return -1;
		}
		all[0] = vobj(op.ret[0], true);
	}
	for (i = 0; i < nargs + nkw; i++) {
		all[i + 1] = args[i];
		memset(&args[i], 0, sizeof(args[i]));
	}
	err = call_ex(I, fn, all, nargs + 1, kwn, nkw, cn, out);
	release_many(I, all, nargs + nkw + 1);
	free(all);
	return err;
}

int call_with_self(struct interp *I, struct value *fn, uint64_t self, struct value *args,
		   int nargs, const char *const *kwn, int nkw, struct node *cn, struct value *out)
{
	struct value sv = vobj(self, false);

	return call_self_value(I, fn, &sv, args, nargs, kwn, nkw, cn, out);
}

/* C(args): a new instance, then __init__ from the type */
int instantiate(struct interp *I, struct value *cls, const char *cname, struct value *args,
		int nargs, const char *const *kwn, int nkw, struct node *cn, struct value *out)
{
	struct pymm_op op;
	struct value inst, init, res = { 0 };
	uint32_t t;
	int err, kind;

	/* the class's own __new__ (subclass.c) */
	err = user_new(I, cls, PYMM_LAYOUT_OBJECT, args, nargs, kwn, nkw, cn, out);
	if (err <= 0)
		return err;
	pymm_op_init(&op, PYMM_OP_NEW_INSTANCE);
	op.arg[0] = cls->h;
	if (op1_raise(I, &op))
		return -1;
	inst = vobj(op.ret[0], true);
	/* BaseException.__new__: args are set before __init__ runs */
	if (exc_kind_of_class(I, cls->h, &kind) ||
	    (kind && exc_set_args(I, inst.h, args, nargs))) {
		vrelease(I, &inst);
		return -1;
	}
	if (load_method_op(I, inst.h, 0, "__init__", &op)) {
		vrelease(I, &inst);
		return -1;
	}
	if (op.error) {
		if (op.error == -ENOENT && ((!nargs && !nkw) || kind)) {
			*out = inst;
			return 0;
		}
		vrelease(I, &inst);
		if (op.error != -ENOENT)
			return raise_op(I, &op, NULL);
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s() takes no arguments", cname);
	}
	init = vobj(op.ret[0], true);
	if (op.ret[1] == PYMM_ATTR_UNBOUND)
		err = call_with_self(I, &init, inst.h, args, nargs, kwn, nkw, cn, &res);
	else
		err = call_ex(I, &init, args, nargs, kwn, nkw, cn, &res);
	vrelease(I, &init);
	if (!err && !is_none_h(I, res.h)) {
		err = obj_type(I, res.h, &t) ? -1 :
		      raise_exc(I, PYMM_EXC_TYPE_ERROR, "__init__() should return None, not '%s'",
				type_name(t));
	}
	vrelease(I, &res);
	if (err) {
		vrelease(I, &inst);
		return -1;
	}
	*out = inst;
	return 0;
}

/* calling a bound method object: im_func(im_self, *args) */
int call_bound(struct interp *I, struct value *m, struct value *args, int nargs,
	       const char *const *kwn, int nkw, struct node *cn, struct value *out)
{
	uint64_t fh, sh;
	struct value fn;
	int err;

	if (getattr_h(I, m->h, "__func__", &fh))
		return -1;
	if (getattr_h(I, m->h, "__self__", &sh)) {
		queue_close(I, fh);
		return -1;
	}
	fn = vobj(fh, true);
	{
		/* the handle GETATTR gave is the frame's reference (method_vectorcall) */
		struct value sv = vobj(sh, true);

		err = call_self_value(I, &fn, &sv, args, nargs, kwn, nkw, cn, out);
		vrelease(I, &sv);
	}
	vrelease(I, &fn);
	return err;
}

/* ------------------------------------------------------------ super */

static bool is_super_call(struct interp *I, struct node *n)
{
	struct node *f = n->kind == N_CALL ? n->call.func : NULL;

	return f && f->kind == N_NAME && !strcmp(f->name.id, "super") &&
	       !name_is_local(I, "super") && !scope_is_local(I->m->mod_scope, "super");
}

/* a class as a method's first argument (__new__'s cls): *t a new handle to it, else 0 */
static int first_is_class(struct interp *I, uint64_t h, uint64_t *t)
{
	struct pymm_op op;
	uint32_t type;

	*t = 0;
	if (obj_type(I, h, &type))
		return -1;
	if (type != PYMM_T_CLASS)
		return 0;
	pymm_op_init(&op, PYMM_OP_DUP);
	op.arg[0] = h;
	if (op1_raise(I, &op))
		return -1;
	*t = op.ret[0];
	return 0;
}

/*
 * super()'s two values: the class that defines the running method (the
 * first class along type(self).__mro__ whose own dict holds a function of
 * this def) and the method's first argument.
 */
static int super_args(struct interp *I, struct node *call, uint64_t *cls, uint64_t *self)
{
	struct node *def = I->cur_def;
	uint64_t t = 0, mro = 0, *ks = NULL;
	uint32_t nk = 0, i;
	struct value sv, cv;
	int err = -1;

	*cls = 0;
	if (call->call.args.n == 2) {
		if (eval(I, call->call.args.v[0], &cv))
			return -1;
		if (eval(I, call->call.args.v[1], &sv)) {
			vrelease(I, &cv);
			return -1;
		}
		if (need_obj(I, &cv) || need_obj(I, &sv)) {
			vrelease(I, &cv);
			vrelease(I, &sv);
			return -1;
		}
		*cls = cv.h;
		*self = sv.h;
		if (!cv.owned || !sv.owned) {
			struct pymm_op op;

			/* both must be ours to close */
			pymm_op_init(&op, PYMM_OP_DUP);
			op.arg[0] = cv.h;
			if (!cv.owned && (op1_raise(I, &op) || !(*cls = op.ret[0])))
				return -1;
			pymm_op_init(&op, PYMM_OP_DUP);
			op.arg[0] = sv.h;
			if (!sv.owned && (op1_raise(I, &op) || !(*self = op.ret[0])))
				return -1;
		}
		return 0;
	}
	if (call->call.args.n || call->call.kwnames.n)
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "super() with one argument is not supported by pymm");
	if (!def || !def->def.params.n || !def->def.is_method)
		return raise_exc(I, EX_RUNTIME, "super(): __class__ cell not found");
	if (load_name(I, def->def.params.v[0]->name.id, &sv))
		return -1;
	*self = sv.h;
	if (first_is_class(I, sv.h, &t) || (!t && getattr_h(I, sv.h, "__class__", &t)) ||
	    getattr_h(I, t, "__mro__", &mro) || obj_items(I, mro, &ks, &nk))
		goto out;
	for (i = 0; i < nk && !*cls; i++) {
		struct pymm_op op;
		struct objinfo oi;
		struct value key;
		uint64_t d;

		if (getattr_h(I, ks[i], "__dict__", &d))
			goto out;
		if (new_str(I, def->def.name, strlen(def->def.name), &key)) {
			queue_close(I, d);
			goto out;
		}
		pymm_op_init(&op, PYMM_OP_GETITEM);
		op.arg[0] = d;
		op.arg[1] = key.h;
		err = op1(I, &op);
		vrelease(I, &key);
		queue_close(I, d);
		if (err)
			goto out;
		err = -1;
		if (op.error)
			continue;
		if (!obj_read(I, op.ret[0], &oi)) {
			if (oi.type == PYMM_T_FUNCTION && def_of_objinfo(I, &oi) == def) {
				struct pymm_op dup;

				pymm_op_init(&dup, PYMM_OP_DUP);
				dup.arg[0] = ks[i];
				if (!op1_raise(I, &dup))
					*cls = dup.ret[0];
			}
			free(oi.s);
		}
		queue_close(I, op.ret[0]);
	}
	if (*cls)
		err = 0;
	else
		raise_exc(I, EX_RUNTIME, "super(): __class__ cell not found");
out:
	if (ks)
		close_many(I, ks, nk);
	free(ks);
	if (t)
		queue_close(I, t);
	if (mro)
		queue_close(I, mro);
	if (err)
		queue_close(I, *self);
	return err;
}

/*
 * obj.name for a call (method true) or a value, when obj is super(...):
 * the lookup starts after the defining class and skips obj's own values.
 */
static int super_lookup(struct interp *I, struct node *superc, const char *name, bool method,
			struct value *fn, struct value *self, bool *unbound)
{
	uint64_t cls = 0, sh = 0;
	struct pymm_op op;
	uint32_t t = 0;
	int err;

	if (super_args(I, superc, &cls, &sh))
		return -1;
	if (!strcmp(name, "__new__") && !obj_type(I, sh, &t) && t == PYMM_T_CLASS) {
		/* a static method: the next __new__, called with cls given again */
		err = super_new(I, cls, sh, fn);
		queue_close(I, cls);
		queue_close(I, sh);
		*unbound = false;
		return err;
	}
	err = load_method_op(I, sh, cls, name, &op);
	queue_close(I, cls);
	if (!err && (op.ret[1] == PYMM_ATTR_PROPERTY || op.ret[1] == PYMM_ATTR_NO_ACCESSOR)) {
		/* super().prop: fget(self) */
		*unbound = false;
		err = descr_apply(I, &op, sh, name, NULL, fn);
		queue_close(I, sh);
		return err ? -1 : 0;
	}
	if (!err && op.error == -ENOENT && method) {
		/* BaseException's own methods (exc.c), list's and dict's (subclass.c) */
		int r = exc_super_method(I, sh, name, fn);

		if (r == 1)
			r = subclass_super_method(I, sh, name, fn);
		if (r == 1 && builtin_lookup(BO_OBJECT, name) >= 0) {
			/* object.__init__, object.__setattr__ ... */
			memset(fn, 0, sizeof(*fn));
			fn->kind = V_METHOD;
			fn->id = builtin_lookup(BO_OBJECT, name);
			fn->self = sh;
			r = 0;
		}

		if (r <= 0) {
			if (r < 0)
				queue_close(I, sh);
			else
				fn->self_owned = true;
			*unbound = false;
			return r;
		}
	}
	if (!err && op.error) {
		err = op.error == -ENOENT ?
		      raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "'super' object has no attribute '%s'",
				name) : raise_op(I, &op, NULL);
	}
	if (err) {
		queue_close(I, sh);
		return -1;
	}
	*unbound = op.ret[1] == PYMM_ATTR_UNBOUND;
	*fn = vobj(op.ret[0], true);
	if (*unbound && !method) {
		/* a value: the bound method CPython's super_getattro makes */
		struct pymm_op m;

		pymm_op_init(&m, PYMM_OP_NEW_METHOD);
		m.arg[0] = fn->h;
		m.arg[1] = sh;
		err = op1_raise(I, &m);
		vrelease(I, fn);
		queue_close(I, sh);
		if (err)
			return -1;
		*fn = vobj(m.ret[0], true);
		*unbound = false;
		return 0;
	}
	if (self)
		*self = vobj(sh, true);
	else
		queue_close(I, sh);
	return 0;
}

/* eval_attr's hook: super().name as a value; 1 if n was not such a node */
int super_attr(struct interp *I, struct node *n, struct value *out)
{
	bool unbound;

	if (!is_super_call(I, n->attr.value))
		return 1;
	return super_lookup(I, n->attr.value, n->attr.attr, false, out, NULL, &unbound) ? -1 : 0;
}

/*
 * eval_call's hook for obj.name(...): *fn is what to call; *self is set
 * (owned) when the function wants obj as its first argument.  Returns 1
 * if obj is no object of the class machinery (the caller goes on as
 * before), 0 or -1.
 */
int method_lookup(struct interp *I, struct node *attr, struct value *obj, struct value *fn,
		  struct value *self)
{
	struct pymm_op op;
	bool unbound;

	memset(self, 0, sizeof(*self));
	if (!obj) {
		if (!is_super_call(I, attr->attr.value))
			return 1;
		if (super_lookup(I, attr->attr.value, attr->attr.attr, true, fn, self, &unbound))
			return -1;
		if (!unbound)
			vrelease(I, self);
		return 0;
	}
	if (obj->kind != V_OBJ)
		return 1;
	{
		int r = getattribute_hook(I, obj->h, attr->attr.attr, fn);

		if (r == 1)
			r = descr_get_hook(I, obj->h, attr->attr.attr, fn);
		if (r != 1)
			return r;
	}
	if (load_method_op(I, obj->h, 0, attr->attr.attr, &op))
		return -1;
	if (op.error == -EOPNOTSUPP && !op.exc)
		return 1;
	if (op.ret[1] == PYMM_ATTR_PROPERTY || op.ret[1] == PYMM_ATTR_NO_ACCESSOR) {
		/* obj.prop(); a getter's AttributeError: __getattr__'s turn */
		int base = I->ntbhold;

		if (!descr_apply(I, &op, obj->h, attr->attr.attr, NULL, fn))
			return 0;
		return getattr_after_error(I, obj->h, attr->attr.attr, base, fn) ? -1 : 0;
	}
	if (op.error) {
		struct objinfo oi;
		int err;

		if (op.error != -ENOENT)
			return raise_op(I, &op, NULL);
		/* BaseException's getsets, or its refused methods (exc.c) */
		err = exc_default_attr(I, obj->h, attr->attr.attr, fn);
		if (err > 0)
			err = getattr_hook(I, obj->h, attr->attr.attr, fn);
		if (err > 0)
			err = object_attr(I, obj->h, attr->attr.attr, fn);
		if (err <= 0)
			return err;
		if (obj_read(I, obj->h, &oi))
			return -1;
		if (oi.type == PYMM_T_CLASS)
			err = raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR,
					"type object '%s' has no attribute '%s'", oi.s ? oi.s : "?",
					attr->attr.attr);
		else
			err = raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'",
					oi.type == PYMM_T_INSTANCE && oi.s && oi.len ? oi.s :
					attr_owner_name(I, obj->h, oi.type), attr->attr.attr);
		free(oi.s);
		return err;
	}
	*fn = vobj(op.ret[0], true);
	if (op.ret[1] == PYMM_ATTR_UNBOUND) {
		*self = *obj;
		memset(obj, 0, sizeof(*obj));
	}
	return 0;
}

int call_method_self(struct interp *I, struct value *fn, struct value *self, struct value *args,
		     int nargs, struct node *cn, struct value *out)
{
	const char **kwn = NULL;
	int nkw = call_kwnames(cn, &kwn), err;

	err = call_self_value(I, fn, self, args, nargs, kwn, nkw, cn, out);
	free(kwn);
	return err;
}

/* ------------------------------------------------- special methods */

/* whether type(h), an instance's class, defines name: 1, 0, or -1 */
int has_special(struct interp *I, uint64_t h, const char *name)
{
	struct pymm_op op;
	uint32_t t;

	if (obj_type(I, h, &t))
		return -1;
	if (t != PYMM_T_INSTANCE)
		return 0;
	if (load_method_op(I, h, 0, name, &op))
		return -1;
	if (op.error == -ENOENT)
		return 0;
	if (op.error)
		return raise_op(I, &op, NULL);
	queue_close(I, op.ret[0]);
	return op.ret[1] == PYMM_ATTR_UNBOUND;
}

/*
 * obj.__name__(*args) if type(obj) defines it: 1 if it does not (nothing
 * happened), else 0 or -1 with *out the result.
 */
int call_special(struct interp *I, uint64_t h, const char *name, struct value *args, int nargs,
		 struct value *out)
{
	return call_special_kw(I, h, name, args, nargs, NULL, 0, out);
}

/* call_special() with keyword arguments (kwn names args[nargs..nargs+nkw)) */
int call_special_kw(struct interp *I, uint64_t h, const char *name, struct value *args,
		    int nargs, const char *const *kwn, int nkw, struct value *out)
{
	struct pymm_op op;
	struct value fn;
	uint32_t t;
	int err;

	if (obj_type(I, h, &t))
		return -1;
	if (t != PYMM_T_INSTANCE)
		return 1;
	if (load_method_op(I, h, 0, name, &op))
		return -1;
	if (op.error == -ENOENT)
		return 1;
	if (op.error)
		return raise_op(I, &op, NULL);
	fn = vobj(op.ret[0], true);
	if (op.ret[1] != PYMM_ATTR_UNBOUND) {
		/*
		 * an instance attribute, not a method of the class: CPython
		 * ignores it (a special method as a property or staticmethod:
		 * not modelled, ignored too)
		 */
		vrelease(I, &fn);
		return 1;
	}
	{
		static struct node dummy = { .kind = N_CALL };

		err = call_with_self(I, &fn, h, args, nargs, kwn, nkw, &dummy, out);
	}
	vrelease(I, &fn);
	return err;
}

/* __repr__ / __str__ of an instance into b: 1 if the class has neither */
int instance_repr(struct interp *I, uint64_t h, bool as_str, struct strbuf *b)
{
	struct value res;
	struct objinfo oi;
	int r = 1;

	if (as_str) {
		r = call_special(I, h, "__str__", NULL, 0, &res);
		/* BaseException.__str__ comes before a subclass's __repr__ */
		if (r == 1 && (r = exc_repr(I, h, true, b)) != 1)
			return r;
	}
	if (r == 1)
		r = call_special(I, h, "__repr__", NULL, 0, &res);
	if (r)
		return r;
	if (obj_read(I, res.h, &oi)) {
		vrelease(I, &res);
		return -1;
	}
	vrelease(I, &res);
	if (oi.type != PYMM_T_STR) {
		free(oi.s);
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s returned non-string (type %s)",
				 as_str ? "__str__" : "__repr__", type_name(oi.type));
	}
	sb_add(b, oi.s, oi.len);
	free(oi.s);
	return 0;
}

/* a bound method's function's qualname ("" not one of our defs), NULL: error */
static const char *method_qualname(struct interp *I, uint64_t m)
{
	struct objinfo oi;
	struct node *def;
	uint64_t f;

	if (getattr_h(I, m, "__func__", &f))
		return NULL;
	if (obj_read(I, f, &oi)) {
		queue_close(I, f);
		return NULL;
	}
	queue_close(I, f);
	def = oi.type == PYMM_T_FUNCTION ? def_of_objinfo(I, &oi) : NULL;
	free(oi.s);
	return def ? def->def.qualname : "";
}

/* <attribute '__dict__' of 'A' objects>, <bound method A.f of ...> */
int machinery_repr(struct interp *I, uint64_t h, uint32_t type, const char *name,
		   struct strbuf *b)
{
	uint64_t k;
	struct objinfo oi;

	if (getattr_h(I, h, type == PYMM_T_GETSET ? "__objclass__" : "__self__", &k))
		return -1;
	if (type == PYMM_T_GETSET) {
		if (obj_read(I, k, &oi)) {
			queue_close(I, k);
			return -1;
		}
		sb_addf(b, "<attribute '%s' of '%s' objects>", name, oi.s ? oi.s : "?");
		free(oi.s);
		queue_close(I, k);
		return 0;
	}
	if (obj_read(I, k, &oi)) {
		queue_close(I, k);
		return -1;
	}
	/* method_repr: the function's __qualname__ ("Base.m", "f.<locals>.A.m") */
	if (oi.type == PYMM_T_INSTANCE) {
		const char *q = method_qualname(I, h);

		if (!q) {
			free(oi.s);
			queue_close(I, k);
			return -1;
		}
		if (*q) {
			sb_addf(b, "<bound method %s of ", q);
			free(oi.s);
			oi.s = NULL;
		}
	}
	if (oi.s || oi.type != PYMM_T_INSTANCE)
		sb_addf(b, "<bound method %s.%s of ",
			oi.type == PYMM_T_INSTANCE && oi.s ? oi.s : "?", name);
	free(oi.s);
	{
		struct value v = vobj(k, true);
		int err = value_repr(I, &v, b, false);

		vrelease(I, &v);
		if (err)
			return -1;
	}
	sb_adds(b, ">");
	return 0;
}

/* len(obj) for an instance: __len__, an int >= 0; 1 if not defined */
int special_len(struct interp *I, uint64_t h, int64_t *n)
{
	struct value out;
	int r = call_special(I, h, "__len__", NULL, 0, &out);

	if (r)
		return r;
	r = read_int(I, &out, n, NULL);
	vrelease(I, &out);
	if (r)
		return -1;
	if (*n < 0)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "__len__() should return >= 0");
	return 0;
}

/* bool(obj) for an instance: __bool__, else __len__, else True */
int special_truth(struct interp *I, uint64_t h, bool *res)
{
	struct value out;
	int64_t n;
	int r = call_special(I, h, "__bool__", NULL, 0, &out);

	if (r == 0) {
		uint32_t t;

		r = obj_type(I, out.h, &t);
		if (!r && t != PYMM_T_BOOL)
			r = raise_exc(I, PYMM_EXC_TYPE_ERROR, "__bool__ should return bool, returned %s",
				      type_name(t));
		if (!r)
			r = truth(I, &out, res);
		vrelease(I, &out);
		return r;
	}
	if (r < 0)
		return r;
	r = special_len(I, h, &n);
	if (r < 0)
		return r;
	*res = r == 1 ? true : n != 0;
	return 0;
}
