// SPDX-License-Identifier: GPL-2.0
/*
 * exc.c - exceptions as heap objects, as CPython 3.11 makes them.
 *
 * The built-in exception hierarchy (BaseException, Exception, ValueError,
 * ...: interp.c's exc_table) is made of heap type objects, created the first
 * time a script names one or needs one, each the subclass of its parent, so
 * that a script's `class MyError(ValueError)` is an ordinary class whose
 * __mro__ reaches BaseException and matching is by the MRO.  An exception
 * is an instance of such a class whose `args` (a tuple) is an instance
 * attribute, set before __init__ runs, as BaseException.__new__ does.
 *
 * The interpreter still raises its own errors as a kind and a message
 * (raise_exc: no heap op on the error path).  The object is made when a
 * script can see it: when a handler is tried (`except E`), when it is
 * chained (`__context__`), for sys.exc_info().  I->exc_obj holds it while it
 * propagates; a handler running holds it in struct handled (CPython's
 * exc_info) and `as e` binds it.
 *
 * A traceback is printed from the interpreter's list (struct tb_entry:
 * line, function, the expression that failed, for 3.11's caret lines); a
 * handled exception's is kept in I->exc_tbs for a re-raise and for
 * printing a chain.  Each entry also names the frame object of its frame
 * (made as the exception left the frame, call.c's hold_frame_object, held
 * by tbhold until the handler ends); when a handler takes the exception,
 * tb_objects() makes the traceback objects the exception lacks and hangs
 * them on __traceback__ (docs/objects.md, "Frames and tracebacks").
 * ExceptionGroup and except* are refused.  `args`, `__traceback__` and the
 * chaining attributes are BaseException's fields, kept by the heap outside
 * the exception's __dict__ (module/core/types/type.c, exc_fields).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* ------------------------------------------------------------ classes */

/*
 * A builtin exception class is a static type of the heap (CLASS_NEW with
 * PYMM_CLASSF_STATIC): made once per heap whichever run asks first, no GC
 * object and no gen-0 allocation, as CPython's statically allocated ones.
 */
static int new_class(struct interp *I, int idx, uint64_t base, uint64_t *out)
{
	const char *name = exc_row_name(idx);
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_CLASS_NEW);
	op.arg[1] = base;
	op.arg[2] = PYMM_CLASSF_STATIC;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1_raise(I, &op))
		return -1;
	*out = op.ret[0];
	return 0;
}

/* the type object of exc_table row idx (borrowed), made with its parents */
int exc_class_of_row(struct interp *I, int idx, uint64_t *h)
{
	int chain[16], n = 0, i, err = 0;

	if (!I->exc_cls) {
		I->exc_cls = calloc(exc_rows(), sizeof(*I->exc_cls));
		I->exc_cls_id = calloc(exc_rows(), sizeof(*I->exc_cls_id));
		if (!I->exc_cls || !I->exc_cls_id) {
			perror("pymmctl");
			exit(1);
		}
	}
	/* the rows from idx up to the first one made (or the root) */
	for (i = idx; i >= 0 && !I->exc_cls[i] && n < 16; i = exc_row_parent(i))
		chain[n++] = i;
	while (n-- > 0 && !err) {
		int r = chain[n], p = exc_row_parent(r);

		err = new_class(I, r, p >= 0 ? I->exc_cls[p] : 0, &I->exc_cls[r]);
		if (!err) {
			I->exc_cls_id[r] = obj_id(I, I->exc_cls[r], &err);
		}
	}
	if (err)
		return -1;
	*h = I->exc_cls[idx];
	return 0;
}

/* load_name's stop for a builtin exception name; 1: not one */
int exc_load_builtin(struct interp *I, const char *name, struct value *out)
{
	int idx = exc_index_by_name(name);
	uint64_t h;

	if (idx < 0 || exc_row_kind(idx) == EX_STOP)
		return 1;
	if (exc_class_of_row(I, idx, &h))
		return -1;
	*out = vobj(h, false);
	return 0;
}

/* the exc_table row whose type object has this ID, -1 none */
static int row_of_id(struct interp *I, uint64_t id)
{
	int i;

	if (!I->exc_cls)
		return -1;
	for (i = 0; i < exc_rows(); i++)
		if (I->exc_cls[i] && I->exc_cls_id[i] == id)
			return i;
	return -1;
}

/* a class's __mro__ as handles (owned, close_many) */
int class_mro(struct interp *I, uint64_t cls, uint64_t **hs, uint32_t *n)
{
	struct pymm_op op;
	int err;

	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = cls;
	pymm_op_set_data(&op, "__mro__", 7);
	if (op1_raise(I, &op))
		return -1;
	err = obj_items(I, op.ret[0], hs, n);
	queue_close(I, op.ret[0]);
	return err;
}

/*
 * The kind of the first built-in exception class along cls's MRO (the
 * kind the interpreter's own code sees, e.g. for `except TypeError` in a
 * helper), 0 if cls is no exception class.
 */
int exc_kind_of_class(struct interp *I, uint64_t cls, int *kind)
{
	uint64_t *hs;
	uint32_t n, i;
	int err = 0;

	*kind = 0;
	if (!I->exc_cls || !I->exc_cls[0])
		return 0;	/* no BaseException yet: no exception class */
	if (class_mro(I, cls, &hs, &n))
		return -1;
	for (i = 0; i < n && !err && !*kind; i++) {
		int r = row_of_id(I, obj_id(I, hs[i], &err));

		if (r >= 0)
			*kind = exc_row_kind(r);
	}
	close_many(I, hs, n);
	free(hs);
	return err;
}

/* is cls (a class) along type(h).__mro__?  *res false for non-instances */
int exc_isinstance(struct interp *I, uint64_t h, uint64_t cls, bool *res)
{
	uint64_t *hs, want, t;
	uint32_t n, i, type;
	struct pymm_op op;
	int err = 0;

	*res = false;
	if (obj_type(I, h, &type))
		return -1;
	if (type != PYMM_T_INSTANCE && type != PYMM_T_LIST && type != PYMM_T_DICT &&
	    type != PYMM_T_TUPLE)
		return 0;
	want = obj_id(I, cls, &err);
	if (err)
		return -1;
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = h;
	pymm_op_set_data(&op, "__class__", 9);
	if (op1(I, &op))
		return -1;
	if (op.error && type != PYMM_T_INSTANCE)
		return 0;	/* a plain list or dict */
	if (op.error)
		return raise_op(I, &op, NULL);
	t = op.ret[0];
	err = class_mro(I, t, &hs, &n);
	queue_close(I, t);
	if (err)
		return -1;
	for (i = 0; i < n && !err && !*res; i++)
		*res = obj_id(I, hs[i], &err) == want;
	close_many(I, hs, n);
	free(hs);
	return err;
}

/* the kind of an exception instance (0: h is none) */
int exc_kind_of(struct interp *I, uint64_t h, int *kind)
{
	struct pymm_op op;
	uint32_t t;
	int err;

	*kind = 0;
	if (!I->exc_cls || !I->exc_cls[0])
		return 0;
	if (obj_type(I, h, &t))
		return -1;
	if (t != PYMM_T_INSTANCE)
		return 0;
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = h;
	pymm_op_set_data(&op, "__class__", 9);
	if (op1(I, &op))
		return -1;
	if (op.error)
		return 0;
	err = exc_kind_of_class(I, op.ret[0], kind);
	queue_close(I, op.ret[0]);
	return err;
}

bool exc_class_is_builtin(struct interp *I, uint64_t cls, const char **name)
{
	int err = 0, r;
	uint64_t id;

	if (!I->exc_cls)
		return false;
	id = obj_id(I, cls, &err);
	r = err ? -1 : row_of_id(I, id);
	if (r < 0)
		return false;
	*name = exc_row_name(r);
	return true;
}

/* ---------------------------------------------------------- instances */

static int set_attr(struct interp *I, uint64_t h, const char *name, uint64_t v)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_SETATTR);
	op.arg[0] = h;
	op.arg[1] = v;
	pymm_op_set_data(&op, name, strlen(name));
	return op1_raise(I, &op);
}

/* BaseException.__new__'s part: inst.args = the positional arguments */
int exc_set_args(struct interp *I, uint64_t inst, struct value *args, int nargs)
{
	struct value tup;
	uint64_t *hs = calloc(nargs + 1, sizeof(*hs));
	int i, err;

	if (!hs) {
		perror("pymmctl");
		exit(1);
	}
	for (i = 0; i < nargs; i++) {
		if (need_obj(I, &args[i])) {
			free(hs);
			return -1;
		}
		hs[i] = args[i].h;
	}
	err = new_container(I, PYMM_OP_NEW_TUPLE, hs, nargs, &tup);
	free(hs);
	if (err)
		return -1;
	err = set_attr(I, inst, "args", tup.h);
	vrelease(I, &tup);
	return err;
}

/* BaseException.__init__(self, *args) (super().__init__(...)) */
static int bi_exc_init(BI_ARGS)
{
	(void)b;
	(void)kwn;
	if (nkw)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "BaseException.__init__() takes no keyword arguments");
	if (exc_set_args(I, self->h, args, nargs))
		return -1;
	*out = vnone(I);
	return 0;
}

static int bi_with_traceback(BI_ARGS)
{
	(void)b; (void)nargs; (void)kwn; (void)nkw;
	return exc_with_traceback(I, self->h, &args[0], out);
}

const struct builtin *const builtins_exc[] = {
	ROW(BO_EXC, "__init__", 0, -1, BF_KW, bi_exc_init, 0),
	ROW(BO_EXC, "with_traceback", 1, 1, 0, bi_with_traceback, 0),
	NULL,
};

/* super().name on an exception when no class of the script defines it */
int exc_super_method(struct interp *I, uint64_t self, const char *name, struct value *fn)
{
	int kind, id;

	if (exc_kind_of(I, self, &kind))
		return -1;
	id = kind ? builtin_lookup(BO_EXC, name) : -1;
	if (id < 0)
		return 1;
	memset(fn, 0, sizeof(*fn));
	fn->kind = V_METHOD;
	fn->id = id;
	fn->self = self;
	return 0;
}

/* one argument: str() of it (KeyError: its repr); else str(args) */
static int args_str(struct interp *I, uint64_t args, bool key_error, bool repr,
		    struct strbuf *b)
{
	uint64_t *hs;
	uint32_t n;
	int err;

	if (obj_items(I, args, &hs, &n))
		return -1;
	if (n == 1 && repr) {
		struct value v = vobj(hs[0], false);

		sb_adds(b, "(");
		err = value_repr(I, &v, b, false);
		sb_adds(b, ")");
	} else if (n == 1) {
		struct value v = vobj(hs[0], false);

		err = value_repr(I, &v, b, !key_error);
	} else if (n == 0 && !repr) {
		err = 0;
	} else {
		struct value v = vobj(args, false);

		err = value_repr(I, &v, b, false);
	}
	close_many(I, hs, n);
	free(hs);
	return err;
}

/*
 * BaseException_str / BaseException_repr (KeyError_str) for an instance
 * whose class defines neither; 1 if h is no exception.
 */
int exc_repr(struct interp *I, uint64_t h, bool as_str, struct strbuf *b)
{
	struct pymm_op op;
	struct objinfo oi;
	int kind, err;

	if (exc_kind_of(I, h, &kind))
		return -1;
	if (!kind)
		return 1;
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = h;
	pymm_op_set_data(&op, "args", 4);
	if (op1_raise(I, &op))
		return -1;
	if (!as_str) {
		if (obj_read(I, h, &oi)) {
			queue_close(I, op.ret[0]);
			return -1;
		}
		sb_adds(b, oi.s ? oi.s : "?");
		free(oi.s);
	}
	err = args_str(I, op.ret[0], kind == PYMM_EXC_KEY_ERROR, !as_str, b);
	queue_close(I, op.ret[0]);
	return err;
}

/* StopIteration.value: args[0], None without args (StopIteration_init) */
/*
 * StopIteration.value and SystemExit.code (want: EX_STOP_ITERATION or
 * EX_SYSTEM_EXIT): None without args, the one argument, and for
 * SystemExit of several the args tuple itself (SystemExit_init).
 */
static int args_value(struct interp *I, uint64_t h, int want, struct value *out)
{
	uint64_t *hs, args;
	uint32_t n, i;
	int kind;

	if (exc_kind_of(I, h, &kind))
		return -1;
	if (kind != want)
		return 1;
	if (getattr_h(I, h, "args", &args))
		return -1;
	i = obj_items(I, args, &hs, &n);
	if (i) {
		queue_close(I, args);
		return -1;
	}
	if (n > 1 && want == EX_SYSTEM_EXIT) {
		*out = vobj(args, true);
		for (i = 0; i < n; i++)
			queue_close(I, hs[i]);
		free(hs);
		return 0;
	}
	queue_close(I, args);
	*out = n ? vobj(hs[0], true) : vnone(I);
	for (i = 1; i < n; i++)
		queue_close(I, hs[i]);
	free(hs);
	return 0;
}

/* e.__cause__ & co before they are set: CPython's getset defaults */
int exc_default_attr(struct interp *I, uint64_t h, const char *name, struct value *out)
{
	static const char *const refused[] = {
		"add_note", "__notes__",
	};
	unsigned int i;
	int kind;

	if (!strcmp(name, "value"))
		return args_value(I, h, EX_STOP_ITERATION, out);
	if (!strcmp(name, "code"))
		return args_value(I, h, EX_SYSTEM_EXIT, out);
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		if (!strcmp(name, refused[i]))
			break;
	if (i == sizeof(refused) / sizeof(refused[0]) && strcmp(name, "__cause__") &&
	    strcmp(name, "__context__") && strcmp(name, "__suppress_context__") &&
	    strcmp(name, "__traceback__") && strcmp(name, "with_traceback"))
		return 1;
	if (exc_kind_of(I, h, &kind))
		return -1;
	if (!kind)
		return 1;
	if (name[0] == 'w') {
		/* a method of BaseException: bound to its own handle of h */
		if (dup_of(I, h, out))
			return -1;
		out->kind = V_METHOD;
		out->id = builtin_lookup(BO_EXC, name);
		out->self = out->h;
		out->self_owned = true;
		out->h = 0;
		out->owned = false;
		return 0;
	}
	if (i < sizeof(refused) / sizeof(refused[0]))
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "BaseException.%s is not supported by pymm (no traceback objects)",
				 name);
	*out = name[2] == 's' ? vbool(I, false) : vnone(I);
	return 0;
}

/* ------------------------------------------------ the raised exception */

/*
 * KeyError's message is the repr of its key; the object gets the key back
 * when it was a str or an int (what the heap's lookups raise it for).
 */
static int key_arg(struct interp *I, const char *msg, struct value *out)
{
	size_t n = strlen(msg);
	char *end;
	long long v;

	if (n >= 2 && (msg[0] == '\'' || msg[0] == '"') && msg[n - 1] == msg[0] &&
	    !strchr(msg, '\\') && !memchr(msg + 1, msg[0], n - 2))
		return new_str(I, msg + 1, n - 2, out);
	v = strtoll(msg, &end, 10);
	if (n && !*end)
		return new_int(I, v, out);
	return new_str(I, msg, n, out);
}

static int row_of_kind(int kind)
{
	int i;

	for (i = 0; i < exc_rows(); i++)
		if (exc_row_kind(i) == kind)
			return i;
	return exc_index_by_name("SystemError");
}

/* the object of an exception the interpreter raised as kind + message */
static int make_object(struct interp *I, int kind, const char *msg, uint64_t *out)
{
	struct value arg, inst;
	struct pymm_op op;
	uint64_t cls;
	int err;

	if (exc_class_of_row(I, row_of_kind(kind), &cls))
		return -1;
	pymm_op_init(&op, PYMM_OP_NEW_INSTANCE);
	op.arg[0] = cls;
	if (op1_raise(I, &op))
		return -1;
	inst = vobj(op.ret[0], true);
	if (!*msg) {
		err = exc_set_args(I, inst.h, NULL, 0);
	} else {
		err = kind == PYMM_EXC_KEY_ERROR ? key_arg(I, msg, &arg) :
		      new_str(I, msg, strlen(msg), &arg);
		if (!err) {
			err = exc_set_args(I, inst.h, &arg, 1);
			vrelease(I, &arg);
		}
	}
	if (err) {
		vrelease(I, &inst);
		return -1;
	}
	*out = inst.h;
	return 0;
}

/* a new exception of kind with args (sys.exit's SystemExit), *out owned */
int exc_new_of_kind(struct interp *I, int kind, struct value *args, int nargs, uint64_t *out)
{
	struct pymm_op op;
	uint64_t cls;

	if (exc_class_of_row(I, row_of_kind(kind), &cls))
		return -1;
	pymm_op_init(&op, PYMM_OP_NEW_INSTANCE);
	op.arg[0] = cls;
	if (op1_raise(I, &op))
		return -1;
	if (exc_set_args(I, op.ret[0], args, nargs)) {
		queue_close(I, op.ret[0]);
		return -1;
	}
	*out = op.ret[0];
	return 0;
}

void exc_stash(struct interp *I, struct exc_saved *s)
{
	s->exc = I->exc;
	s->ntb = I->ntb;
	s->obj = I->exc_obj;
	s->fail_node = I->fail_node;
	memcpy(s->msg, I->exc_msg, sizeof(s->msg));
	I->exc_obj = 0;
}

void exc_unstash(struct interp *I, struct exc_saved *s)
{
	if (I->exc_obj)
		queue_close(I, I->exc_obj);
	I->exc = s->exc;
	I->ntb = s->ntb;
	I->exc_obj = s->obj;
	I->fail_node = s->fail_node;
	memcpy(I->exc_msg, s->msg, sizeof(s->msg));
}

/*
 * Makes the object of the exception being raised, if it has none yet.
 * A failure replaces the exception with its own (MemoryError...).
 */
int exc_materialize(struct interp *I)
{
	struct exc_saved s;
	uint64_t h;
	int err;

	if (I->exc_obj || !I->exc)
		return 0;
	exc_stash(I, &s);
	I->exc = EX_NONE;
	err = make_object(I, s.exc, s.msg, &h);
	if (err)
		return -1;
	exc_unstash(I, &s);
	I->exc_obj = h;
	return 0;
}

/* raise the object h (owned) */
int exc_raise_object(struct interp *I, uint64_t h, int kind)
{
	if (I->exc_obj)
		queue_close(I, I->exc_obj);
	I->exc = kind;
	I->exc_msg[0] = 0;
	I->exc_obj = h;
	I->ntb = 0;
	I->tb_reraised = false;
	return -1;
}

/*
 * `raise v`: an exception class is instantiated, an instance raised as it
 * is; *h gets the object (owned), *kind its kind.
 */
static int exc_from_value(struct interp *I, struct value *v, const char *what,
			  uint64_t *h, int *kind)
{
	uint32_t t;
	struct pymm_op op;

	if (v->kind != V_OBJ || obj_type(I, v->h, &t))
		goto bad;
	if (t == PYMM_T_CLASS) {
		struct value inst;

		if (exc_kind_of_class(I, v->h, kind))
			return -1;
		if (!*kind)
			goto bad;
		if (call(I, v, NULL, 0, NULL, &inst))
			return -1;
		*h = inst.h;
		if (!inst.owned) {
			pymm_op_init(&op, PYMM_OP_DUP);
			op.arg[0] = inst.h;
			if (op1_raise(I, &op))
				return -1;
			*h = op.ret[0];
		}
		return exc_kind_of(I, *h, kind);
	}
	if (t == PYMM_T_INSTANCE) {
		if (exc_kind_of(I, v->h, kind))
			return -1;
		if (!*kind)
			goto bad;
		pymm_op_init(&op, PYMM_OP_DUP);
		op.arg[0] = v->h;
		if (op1_raise(I, &op))
			return -1;
		*h = op.ret[0];
		return 0;
	}
bad:
	if (I->exc)
		return -1;
	return raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s must derive from BaseException", what);
}

/* a new handle of h */
static int dup_h(struct interp *I, uint64_t h, uint64_t *out)
{
	struct value v;

	if (dup_of(I, h, &v))
		return -1;
	*out = v.h;
	return 0;
}

/* typ(val): no argument for None, a tuple's items, else val itself */
static int exc_call_class(struct interp *I, struct value *typ, struct value *val, uint32_t vt,
			  uint64_t *h)
{
	struct value inst, *args = NULL;
	uint64_t *hs = NULL;
	uint32_t n = 0, i;
	int err;

	if (vt == PYMM_T_TUPLE) {
		if (obj_items(I, val->h, &hs, &n))
			return -1;
		args = xrealloc(NULL, (n + 1) * sizeof(*args));
		for (i = 0; i < n; i++)
			args[i] = vobj(hs[i], false);
	} else if (vt != PYMM_T_NONE) {
		args = val;
		n = 1;
	}
	err = call(I, typ, args, (int)n, NULL, &inst);
	if (hs) {
		close_many(I, hs, n);
		free(hs);
		free(args);
	}
	if (err)
		return -1;
	if (!inst.owned)
		return dup_h(I, inst.h, h);
	*h = inst.h;
	return 0;
}

/*
 * gen.throw(typ[, val]): the exception PyErr_NormalizeException() makes
 * (*h owned, *kind its kind) -- a class called with val unless val is
 * already one of its instances; an instance as it is, with no val.
 */
int exc_normalize(struct interp *I, struct value *typ, struct value *val, uint64_t *h, int *kind)
{
	uint32_t t = 0, vt = PYMM_T_NONE;
	bool is;

	*kind = 0;
	if ((typ->kind == V_OBJ && obj_type(I, typ->h, &t)) ||
	    (val && (need_obj(I, val) || obj_type(I, val->h, &vt))))
		return -1;
	if (t == PYMM_T_CLASS && exc_kind_of_class(I, typ->h, kind))
		return -1;
	if (t == PYMM_T_INSTANCE && exc_kind_of(I, typ->h, kind))
		return -1;
	if (!*kind)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "exceptions must be classes or instances "
				 "deriving from BaseException, not %s",
				 typ->kind == V_OBJ ? value_class_name(I, typ->h, t) : "builtin");
	if (t == PYMM_T_INSTANCE) {
		if (vt != PYMM_T_NONE)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR,
					 "instance exception may not have a separate value");
		return dup_h(I, typ->h, h);
	}
	if (vt == PYMM_T_INSTANCE) {
		if (exc_isinstance(I, val->h, typ->h, &is))
			return -1;
		if (is)
			return dup_h(I, val->h, h) || exc_kind_of(I, *h, kind) ? -1 : 0;
	}
	if (exc_call_class(I, typ, val, vt, h))
		return -1;
	return exc_kind_of(I, *h, kind);
}

/* an exception's key in I->exc_tbs: its ID and its args' ID */
static int tb_key(struct interp *I, uint64_t h, uint64_t *id, uint64_t *args_id)
{
	struct pymm_op op;
	int err = 0;

	*id = obj_id(I, h, &err);
	*args_id = 0;
	if (err)
		return -1;
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = h;
	pymm_op_set_data(&op, "args", 4);
	if (op1(I, &op))
		return -1;
	if (!op.error) {
		*args_id = obj_id(I, op.ret[0], &err);
		queue_close(I, op.ret[0]);
	}
	return err;
}

static const struct exc_tb *tb_find(struct interp *I, uint64_t h)
{
	uint64_t id, args_id;
	int i;

	if (!I->nexc_tbs || tb_key(I, h, &id, &args_id))
		return NULL;
	for (i = I->nexc_tbs - 1; i >= 0; i--)
		if (I->exc_tbs[i].id == id && I->exc_tbs[i].args_id == args_id)
			return &I->exc_tbs[i];
	return NULL;
}

/* raise X [from Y]; bare raise re-raises what the handler handles */
int exc_raise_stmt(struct interp *I, struct node *s)
{
	struct value v, c;
	uint64_t h = 0, cause = 0;
	const struct exc_tb *rec;
	bool fresh;
	uint32_t t;
	int kind, i;

	if (!s->raise.exc) {
		struct pymm_op op;

		if (!I->handled || !I->handled->obj)
			return raise_exc(I, EX_RUNTIME, "No active exception to reraise");
		pymm_op_init(&op, PYMM_OP_DUP);
		op.arg[0] = I->handled->obj;
		if (op1_raise(I, &op))
			return -1;
		exc_raise_object(I, op.ret[0], I->handled->exc);
		I->fail_node = NULL;
		/* RERAISE: the traceback as it was, this frame at its old line */
		rec = tb_find(I, op.ret[0]);
		if (rec && rec->n) {
			for (i = 0; i < rec->n - 1; i++) {
				I->fail_node = rec->tb[i].node;
				tb_push(I, rec->tb[i].line, rec->tb[i].func);
				I->tb[I->ntb - 1].in_obj = true;
			}
			I->line = rec->tb[rec->n - 1].line;
			I->fail_node = rec->tb[rec->n - 1].node;
		}
		/* RERAISE adds no traceback entry: this frame has its own */
		I->tb_reraised = true;
		return -1;
	}
	if (eval(I, s->raise.exc, &v))
		return -1;
	fresh = v.kind == V_OBJ && !obj_type(I, v.h, &t) && t == PYMM_T_CLASS;
	i = exc_from_value(I, &v, "exceptions", &h, &kind);
	vrelease(I, &v);
	if (i)
		return -1;
	if (s->raise.cause) {
		int ck;

		if (eval(I, s->raise.cause, &c)) {
			queue_close(I, h);
			return -1;
		}
		if (c.kind == V_OBJ && is_none_h(I, c.h)) {
			cause = 0;
		} else if (exc_from_value(I, &c, "exception causes", &cause, &ck)) {
			vrelease(I, &c);
			queue_close(I, h);
			return -1;
		}
		vrelease(I, &c);
		if (set_attr(I, h, "__cause__", cause ? cause : I->h_none) ||
		    set_attr(I, h, "__suppress_context__", I->h_true)) {
			if (cause)
				queue_close(I, cause);
			queue_close(I, h);
			return -1;
		}
		if (cause)
			queue_close(I, cause);
	}
	exc_raise_object(I, h, kind);
	/* the traceback it already has, under this frame's new entry */
	rec = fresh ? NULL : tb_find(I, h);
	if (rec) {
		for (i = 0; i < rec->n; i++) {
			I->fail_node = rec->tb[i].node;
			tb_push(I, rec->tb[i].line, rec->tb[i].func);
			I->tb[I->ntb - 1].in_obj = true;
		}
	}
	I->fail_node = NULL;	/* a raise statement: no carets */
	return -1;
}

/* ------------------------------------------------------------ handlers */

/* is c an exception class (BaseException along its MRO)? */
static int is_exc_class(struct interp *I, uint64_t c, bool *yes)
{
	uint32_t t;
	int kind = 0;

	*yes = false;
	if (obj_type(I, c, &t))
		return -1;
	if (t != PYMM_T_CLASS)
		return 0;
	if (exc_kind_of_class(I, c, &kind))
		return -1;
	*yes = kind != 0;
	return 0;
}

/*
 * Does the raised object match c: an exception class, or a tuple of them
 * (CPython 3.11's check_except_type_valid: no nested tuples)?
 */
static int match_value(struct interp *I, uint64_t obj, struct value *c, bool *match)
{
	uint64_t *hs = NULL;
	uint32_t n = 1, i, t;
	int err = 0;
	bool ok;

	if (c->kind != V_OBJ || obj_type(I, c->h, &t))
		goto bad;
	if (t == PYMM_T_TUPLE) {
		if (obj_items(I, c->h, &hs, &n))
			return -1;
	}
	for (i = 0; i < n && !err; i++) {
		uint64_t h = hs ? hs[i] : c->h;

		err = is_exc_class(I, h, &ok);
		if (!err && !ok) {
			err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "catching classes that do not "
					"inherit from BaseException is not allowed");
			break;
		}
		if (!err && !*match)
			err = exc_isinstance(I, obj, h, match);
	}
	if (hs) {
		close_many(I, hs, n);
		free(hs);
	}
	return err;
bad:
	if (I->exc)
		return -1;
	return raise_exc(I, PYMM_EXC_TYPE_ERROR,
			 "catching classes that do not inherit from BaseException is not allowed");
}

/*
 * `except E:` with the exception raised: E evaluated (a name, a tuple of
 * them), matched along the MRO.  A failure replaces the exception.
 */
/*
 * The heap is full and the exception has no object (making it raised a
 * MemoryError): CPython's MemoryError is preallocated, pymm's is not, so a
 * handler that names its classes, with no `as` to bind, is matched by the
 * names along the built-in hierarchy (`except MemoryError:`, `except
 * (ValueError, MemoryError):`).  Anything else lets the MemoryError go on.
 */
static int match_without_object(struct interp *I, struct node *h, bool *match)
{
	const struct node *e;
	int i, k;

	if (I->exc != PYMM_EXC_MEMORY_ERROR || h->handler.name)
		return -1;
	for (i = 0; i < h->handler.types.n && !*match; i++) {
		e = h->handler.types.v[i];
		if (e->kind == N_NAME) {
			*match = exc_matches(I->exc, e->name.id);
			continue;
		}
		if (e->kind != N_TUPLE)
			return -1;
		for (k = 0; k < e->seq.elts.n; k++) {
			if (e->seq.elts.v[k]->kind != N_NAME)
				return -1;
			*match |= exc_matches(I->exc, e->seq.elts.v[k]->name.id);
		}
	}
	return 0;
}

int exc_handler_matches(struct interp *I, struct node *h, int line, bool *match)
{
	struct exc_saved s;
	int i, err = 0;

	*match = false;
	if (refusal_pending(I))
		return 0;	/* a refusal is final (refusals.c) */
	*match = h->handler.types.n == 0;
	if (*match) {
		/* a bare except catches even a MemoryError with no object */
		return exc_materialize(I) && I->exc != PYMM_EXC_MEMORY_ERROR ? -1 : 0;
	}
	if (exc_materialize(I))
		return match_without_object(I, h, match);
	exc_stash(I, &s);
	I->exc = EX_NONE;
	for (i = 0; i < h->handler.types.n && !err && !*match; i++) {
		struct value c;

		err = eval(I, h->handler.types.v[i], &c);
		if (!err) {
			err = match_value(I, s.obj, &c, match);
			vrelease(I, &c);
		}
	}
	if (err) {
		/* the new error was raised while handling: chain it */
		struct exc_saved e;

		exc_stash(I, &e);
		I->exc = EX_NONE;
		I->ntb = s.ntb;
		I->fail_node = s.fail_node;
		exc_record_tb(I, s.obj, line);
		exc_unstash(I, &e);
		exc_chain_context(I, s.obj);
		queue_close(I, s.obj);
		return -1;
	}
	exc_unstash(I, &s);
	return 0;
}

/* h.__context__ = ctx unless h has one or is ctx (errors ignored) */
static void set_context(struct interp *I, uint64_t h, uint64_t ctx)
{
	struct pymm_op op;
	int err = 0;

	if (obj_id(I, h, &err) == obj_id(I, ctx, &err) || err) {
		I->exc = EX_NONE;
		return;
	}
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = h;
	pymm_op_set_data(&op, "__context__", 11);
	if (!op1(I, &op)) {
		if (!op.error)
			queue_close(I, op.ret[0]);
		else
			set_attr(I, h, "__context__", ctx);
	}
	I->exc = EX_NONE;
}

/*
 * Entering a handler: it takes the object (CPython's exc_info), and the
 * traceback is kept with it (for a re-raise and for printing a chain):
 * the frames it crossed, then this frame at the line that raised.
 */
void exc_handler_enter(struct interp *I, struct handled *hd, int line)
{
	hd->obj = I->exc_obj;
	I->exc_obj = 0;
	hd->tb_mark = I->nexc_tbs;
	if (!hd->obj)
		return;
	/* raised while an outer handler ran: that one is its context */
	if (hd->outer && hd->outer->obj) {
		int saved = I->exc;

		set_context(I, hd->obj, hd->outer->obj);
		I->exc = saved;
	}
	exc_record_tb(I, hd->obj, line);
}

/* a new traceback entry: arg0 next, arg1 frame -> h, or 0 (the quota) */
static uint64_t tb_new(struct interp *I, uint64_t next, uint64_t frame, int line)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_NEW_TRACEBACK);
	op.arg[0] = next;
	op.arg[1] = frame;
	op.arg[2] = line > 0 ? (uint64_t)line : 0;
	if (op1(I, &op) || op.error)
		return 0;
	return op.ret[0];
}

/*
 * PyTraceBack_Here for each frame h crossed since its traceback objects
 * were last made, innermost first, each entry the head of the deeper ones
 * (those it had, for an exception raised again), then this frame's at
 * line, unless a bare raise left it in already.  h.__traceback__ is the
 * head.  A failure (the quota) leaves h's traceback as it was.
 */
static void tb_objects(struct interp *I, uint64_t h, int line)
{
	uint64_t head = 0, t, old = 0;
	bool here = !I->tb_reraised;
	struct exc_saved saved;
	struct pymm_op op;
	int i;

	I->tb_reraised = false;
	exc_stash(I, &saved);	/* a failed op here raises nothing */
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = h;
	pymm_op_set_data(&op, "__traceback__", 13);
	if (!op1(I, &op) && !op.error) {
		uint32_t t;

		old = op.ret[0];
		if (!obj_type(I, old, &t) && t == PYMM_T_TRACEBACK)
			head = old;
	}
	for (i = 0; i < I->ntb; i++) {
		if (I->tb[i].in_obj || !I->tb[i].fh)
			continue;
		I->tb[i].in_obj = true;
		t = tb_new(I, head, I->tb[i].fh, I->tb[i].line);
		if (!t)
			goto out;
		if (head && head != old)
			queue_close(I, head);
		head = t;
	}
	if (here) {
		pymm_op_init(&op, PYMM_OP_FRAME_OBJECT);
		op.arg[1] = line > 0 ? (uint64_t)line : 0;
		op.arg[2] = I->cur_fn;
		if (op1(I, &op) || op.error)
			goto out;
		t = tb_new(I, head, op.ret[0], line);
		queue_close(I, op.ret[0]);
		if (!t)
			goto out;
		if (head && head != old)
			queue_close(I, head);
		head = t;
	}
	if (head && head != old)
		set_attr(I, h, "__traceback__", head);
out:
	if (head && head != old)
		queue_close(I, head);
	if (old)
		queue_close(I, old);
	exc_unstash(I, &saved);
}

/*
 * __exit__ is given the exception as it stands in this frame (its
 * traceback made as at a handler); when it goes on, it is re-raised
 * (RERAISE): this frame's entry is in already.
 */
void exc_traceback_here(struct interp *I, uint64_t h, int line)
{
	tb_objects(I, h, I->fail_node && I->fail_node->span_line ? I->fail_node->span_line : line);
	I->tb_reraised = true;
}

/* keeps h's traceback: the frames it crossed, then this one at line */
void exc_record_tb(struct interp *I, uint64_t h, int line)
{
	struct exc_tb *r;
	int tline = I->fail_node && I->fail_node->span_line ? I->fail_node->span_line : line;

	tb_objects(I, h, tline);

	if (I->nexc_tbs == I->cexc_tbs) {
		I->cexc_tbs = I->cexc_tbs ? I->cexc_tbs * 2 : 8;
		I->exc_tbs = xrealloc(I->exc_tbs, I->cexc_tbs * sizeof(*I->exc_tbs));
	}
	r = &I->exc_tbs[I->nexc_tbs];
	if (tb_key(I, h, &r->id, &r->args_id))
		return;
	r->n = I->ntb + 1;
	r->tb = xrealloc(NULL, r->n * sizeof(*r->tb));
	if (I->ntb)
		memcpy(r->tb, I->tb, I->ntb * sizeof(*I->tb));
	r->tb[I->ntb].line = I->fail_node && I->fail_node->span_line ?
			     I->fail_node->span_line : line;
	r->tb[I->ntb].func = I->func;
	r->tb[I->ntb].node = I->fail_node;
	I->nexc_tbs++;
}

static void tbs_drop(struct interp *I, int mark)
{
	while (I->nexc_tbs > mark)
		free(I->exc_tbs[--I->nexc_tbs].tb);
}

/*
 * Leaving a handler (POP_EXCEPT).  An exception raised in it gets the
 * handled one as its __context__ (CPython sets it at the raise; the first
 * handler it leaves is the innermost running there, so it is the same).
 */
/* drops every traceback kept for h (one from each finally it crossed) */
static void tbs_forget(struct interp *I, uint64_t h)
{
	uint64_t id, args_id;
	int i, n = 0;

	if (!I->nexc_tbs || tb_key(I, h, &id, &args_id))
		return;
	for (i = 0; i < I->nexc_tbs; i++) {
		if (I->exc_tbs[i].id == id && I->exc_tbs[i].args_id == args_id)
			free(I->exc_tbs[i].tb);
		else
			I->exc_tbs[n++] = I->exc_tbs[i];
	}
	I->nexc_tbs = n;
}

void exc_handler_exit(struct interp *I, struct handled *hd, bool raising)
{
	struct pymm_op op;

	if (!hd->obj)
		return;
	if (raising) {
		exc_chain_context(I, hd->obj);
	} else {
		/* a traceback goes with its exception, unless the script kept it */
		pymm_op_init(&op, PYMM_OP_REFCOUNT);
		op.arg[0] = hd->obj;
		if (op1(I, &op) || op.error || op.ret[0] <= 1) {
			tbs_drop(I, hd->tb_mark);
			tbs_forget(I, hd->obj);
		}
	}
	queue_close(I, hd->obj);
}

/* the exception being raised gets ctx as its __context__ if it has none */
void exc_chain_context(struct interp *I, uint64_t ctx)
{
	struct exc_saved s;

	if (exc_materialize(I) || !I->exc_obj)
		return;
	exc_stash(I, &s);
	I->exc = EX_NONE;
	set_context(I, s.obj, ctx);
	exc_unstash(I, &s);
}

/* sys.exc_info() and sys.exception(): the exception a handler handles */
static int bi_exc_info(struct interp *I, const struct builtin *b, struct value *self,
		       struct value *args, int nargs, const char *const *kwn, int nkw,
		       struct value *out)
{
	uint64_t hs[3];
	struct pymm_op op;
	int err;

	(void)self; (void)args; (void)nargs; (void)kwn; (void)nkw;
	if (!I->handled || !I->handled->obj) {
		if (b->op)
			return *out = vnone(I), 0;
		hs[0] = hs[1] = hs[2] = I->h_none;
		return new_container(I, PYMM_OP_NEW_TUPLE, hs, 3, out);
	}
	if (b->op) {
		*out = vobj(I->handled->obj, false);
		return 0;
	}
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = I->handled->obj;
	pymm_op_set_data(&op, "__class__", 9);
	if (op1_raise(I, &op))
		return -1;
	hs[0] = op.ret[0];
	hs[1] = I->handled->obj;
	/* its __traceback__, None unless a handler made one */
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = I->handled->obj;
	pymm_op_set_data(&op, "__traceback__", 13);
	if (op1(I, &op)) {
		queue_close(I, hs[0]);
		return -1;
	}
	hs[2] = op.error ? I->h_none : op.ret[0];
	err = new_container(I, PYMM_OP_NEW_TUPLE, hs, 3, out);
	queue_close(I, hs[0]);
	if (!op.error)
		queue_close(I, hs[2]);
	return err;
}

const struct builtin *const builtins_exc_sys[] = {
	ROW(MOD_SYS, "exc_info", 0, 0, 0, bi_exc_info, 0),
	ROW(MOD_SYS, "exception", 0, 0, 0, bi_exc_info, 1),
	NULL,
};

/* ------------------------------------------------------------ printing */

/*
 * 3.11's caret line under the expression n that failed on a line whose
 * text starts after ws blank characters and is len long (traceback.c,
 * print_error_location_carets): `^` under it when it is not the whole
 * line; a binary operation gets `~` under its operands and `^` under the
 * operator, a subscript `~` under the value and `^` from the bracket on,
 * even when they are the whole line.
 */
static void print_carets(const struct node *n, const char *line, int ws, int len)
{
	int start = n->col - 1, end, left = -1, right = -1, i;

	if (n->span_end_line == n->span_line)
		end = n->span_end_col - 1;
	else
		end = ws + len;
	if (end <= start)
		return;
	if (n->span_end_line == n->span_line && n->kind == N_BINOP && n->binop.left && n->binop.right &&
	    n->binop.left->col && n->binop.right->col) {
		/* the operator: its first character, and a second one if it has */
		int a_end = n->binop.left->span_end_col - 1, b_start = n->binop.right->col - 1, off = 0;

		while (a_end + off < b_start && (line[a_end + off] == ' ' || line[a_end + off] == '\t'))
			off++;
		left = a_end + off - start;
		right = left + 1;
		if (a_end + off + 1 < b_start && line[a_end + off + 1] != ' ' &&
		    line[a_end + off + 1] != '\t')
			right++;
	} else if (n->span_end_line == n->span_line && n->kind == N_SUBSCR && n->subscr.value &&
		   n->subscr.value->col) {
		left = n->subscr.value->span_end_col - 1 - start;
		right = end - start;
	}
	if (end - start >= len && !(left >= 0 && right - left > 0))
		return;
	fprintf(stderr, "    %*s", start - ws, "");
	for (i = 0; i < end - start; i++)
		fputc(left < 0 ? '^' : i < left || i >= right ? '~' : '^', stderr);
	fputc('\n', stderr);
}

/* the traceback's entries (innermost first in tb[]), as 3.11 prints them */
void exc_print_tb(struct interp *I, const struct tb_entry *tb, int n)
{
	struct module *m = I->m;
	int i, repeat = 0;

	fprintf(stderr, "Traceback (most recent call last):\n");
	for (i = n - 1; i >= 0; i--) {
		const struct tb_entry *e = &tb[i];

		if (i < n - 1 && e->line == tb[i + 1].line && !strcmp(e->func, tb[i + 1].func)) {
			if (++repeat > 2)
				continue;
		} else {
			if (repeat > 2)
				fprintf(stderr, "  [Previous line repeated %d more time%s]\n",
					repeat - 2, repeat - 2 == 1 ? "" : "s");
			repeat = 0;
		}
		fprintf(stderr, "  File \"%s\", line %d, in %s\n", m->filename, e->line, e->func);
		if (e->line >= 1 && e->line <= m->nlines) {
			const char *s = m->lines[e->line - 1], *end = strchr(s, '\n');
			int len = end ? (int)(end - s) : (int)strlen(s);

			while (len && (*s == ' ' || *s == '\t')) {
				s++;
				len--;
			}
			while (len && (s[len - 1] == '\r' || s[len - 1] == ' '))
				len--;
			fprintf(stderr, "    %.*s\n", len, s);
			if (e->node && e->node->span_line == e->line)
				print_carets(e->node, m->lines[e->line - 1],
					     (int)(s - m->lines[e->line - 1]), len);
		}
	}
	if (repeat > 2)
		fprintf(stderr, "  [Previous line repeated %d more time%s]\n", repeat - 2,
			repeat - 2 == 1 ? "" : "s");
}

/* "ValueError: msg" of an object (ops may fail: CPython's fallbacks) */
static void print_object_line(struct interp *I, uint64_t h)
{
	struct strbuf b = { 0 };
	struct objinfo oi;
	struct value v = vobj(h, false);
	char *q;

	if (obj_read(I, h, &oi)) {
		I->exc = EX_NONE;
		fprintf(stderr, "<unknown>\n");
		return;
	}
	/* the type's __qualname__: "Tree.Error", "f.<locals>.LocalError" */
	if (class_qualname(I, h, true, &q)) {
		I->exc = EX_NONE;
	} else {
		free(oi.s);
		oi.s = q;
	}
	if (value_repr(I, &v, &b, true)) {
		I->exc = EX_NONE;
		fprintf(stderr, "%s: <exception str() failed>\n", oi.s ? oi.s : "?");
	} else if (b.n) {
		fprintf(stderr, "%s: %.*s\n", oi.s ? oi.s : "?", (int)b.n, b.p);
	} else {
		fprintf(stderr, "%s\n", oi.s ? oi.s : "?");
	}
	free(oi.s);
	sb_free(&b);
}

/* the last line of a traceback: the exception being raised now */
void exc_print_line(struct interp *I)
{
	struct exc_saved s;

	if (!I->exc_obj) {
		if (I->exc == PYMM_EXC_KEY_ERROR || !I->exc_msg[0])
			fprintf(stderr, "%s%s%s\n", exc_kind_name(I->exc),
				I->exc_msg[0] ? ": " : "", I->exc_msg);
		else
			fprintf(stderr, "%s: %s\n", exc_kind_name(I->exc), I->exc_msg);
		return;
	}
	exc_stash(I, &s);
	I->exc = EX_NONE;
	print_object_line(I, s.obj);
	exc_unstash(I, &s);
}

/* h's __cause__, or its __context__ unless suppressed; 0 none (owned) */
static uint64_t chained(struct interp *I, uint64_t h, bool *cause)
{
	static const char *const names[] = { "__cause__", "__context__" };
	struct pymm_op op;
	uint32_t t;
	int i;

	for (i = 0; i < 2; i++) {
		pymm_op_init(&op, PYMM_OP_GETATTR);
		op.arg[0] = h;
		pymm_op_set_data(&op, names[i], strlen(names[i]));
		if (op1(I, &op) || op.error || !op.ret[0])
			goto unset;
		if (obj_type(I, op.ret[0], &t) || t == PYMM_T_NONE) {
			queue_close(I, op.ret[0]);
			goto unset;
		}
		*cause = i == 0;
		return op.ret[0];
unset:
		if (i == 0) {
			/* `from None`: __suppress_context__ hides the context */
			struct objinfo oi;

			pymm_op_init(&op, PYMM_OP_GETATTR);
			op.arg[0] = h;
			pymm_op_set_data(&op, "__suppress_context__", 20);
			memset(&oi, 0, sizeof(oi));
			if (!op1(I, &op) && !op.error) {
				bool on = !obj_read(I, op.ret[0], &oi) && oi.type == PYMM_T_BOOL &&
					  oi.i;

				free(oi.s);
				queue_close(I, op.ret[0]);
				if (on)
					return 0;
			}
			I->exc = EX_NONE;
		}
	}
	return 0;
}

#define CHAIN_MAX	32

/*
 * Before the uncaught exception's own traceback: the exceptions it was
 * raised from or while handling, innermost first (print_exception_recursive).
 */
void exc_print_chain(struct interp *I)
{
	uint64_t hs[CHAIN_MAX], ids[CHAIN_MAX + 1];
	bool cause[CHAIN_MAX];
	struct exc_saved s;
	int n = 0, i, j, err = 0;

	if (!I->exc_obj)
		return;
	exc_stash(I, &s);
	I->exc = EX_NONE;
	ids[0] = obj_id(I, s.obj, &err);
	for (i = 0; i < CHAIN_MAX && !err; i++) {
		uint64_t next = chained(I, i ? hs[i - 1] : s.obj, &cause[i]), id;

		if (!next)
			break;
		id = obj_id(I, next, &err);
		for (j = 0; j <= n; j++)
			if (ids[j] == id)
				break;
		if (j <= n) {
			queue_close(I, next);
			break;
		}
		hs[n++] = next;
		ids[n] = id;
	}
	for (i = n - 1; i >= 0; i--) {
		const struct exc_tb *rec = tb_find(I, hs[i]);

		if (rec)
			exc_print_tb(I, rec->tb, rec->n);
		print_object_line(I, hs[i]);
		fprintf(stderr, "\n%s\n\n", cause[i] ?
			"The above exception was the direct cause of the following exception:" :
			"During handling of the above exception, another exception occurred:");
	}
	for (i = 0; i < n; i++)
		queue_close(I, hs[i]);
	exc_unstash(I, &s);
}

void exc_free(struct interp *I)
{
	int i;

	tbs_drop(I, 0);
	free(I->exc_tbs);
	I->exc_tbs = NULL;
	I->cexc_tbs = 0;
	if (I->exc_obj)
		queue_close(I, I->exc_obj);
	I->exc_obj = 0;
	if (I->exc_cls)
		for (i = 0; i < exc_rows(); i++)
			if (I->exc_cls[i])
				queue_close(I, I->exc_cls[i]);
	free(I->exc_cls);
	free(I->exc_cls_id);
	I->exc_cls = NULL;
	I->exc_cls_id = NULL;
}
