// SPDX-License-Identifier: GPL-2.0
/*
 * bfunc.c - builtin functions and methods as values (CPython 3.11's
 * builtin_function_or_method and method_descriptor).
 *
 * The interpreter calls a builtin as a row of its tables (builtins.c): `len`
 * is a V_BUILTIN value, `"abc".upper` a V_METHOD riding along with its self,
 * `str.upper` a V_METHOD without one, and `s.upper()` or `len(x)` never
 * makes an object, as 3.11's LOAD_METHOD / LOAD_GLOBAL make none.  Where
 * the value must be an object (need_obj: stored in a name, an attribute or
 * a container, passed to a function, compared, hashed), it becomes the
 * heap's PYMM_T_BUILTIN object (module/core/types/builtinfunc.c):
 *
 *   "abc".upper  a new builtin_function_or_method holding its self, each
 *                time, as CPython's method lookup makes one per access
 *                ("a".upper is "a".upper is False; == is True);
 *   len, gc.collect  one builtin_function_or_method per builtin and run,
 *                held by the interpreter to the end as the module's dict
 *                holds it in CPython (len is len);
 *   str.upper    one method_descriptor per method and run, holding the
 *                heap's static type it belongs to (its d_type), as the
 *                type's dict holds it.
 *
 * Calling the object goes back to the row (bfunc_unwrap), so a call through
 * it is the direct call.  A module function's __self__ is its module:
 * pymm keeps modules out of the heap (they are the interpreter's), so the
 * object holds no self and __self__ is the interpreter's module value.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* the heap object for a module function or method descriptor: made once, held */
static uint64_t *bfunc_slot(struct interp *I, int id)
{
	if (id >= I->nbfunc_h) {
		int n = id + 64;

		I->bfunc_h = xrealloc(I->bfunc_h, (size_t)n * sizeof(*I->bfunc_h));
		memset(I->bfunc_h + I->nbfunc_h, 0, (size_t)(n - I->nbfunc_h) * sizeof(*I->bfunc_h));
		I->nbfunc_h = n;
	}
	return &I->bfunc_h[id];
}

/* the static type a method's owner names (list, str ...), borrowed; 0: none */
static int owner_type(struct interp *I, int id, uint64_t *h)
{
	struct value t = { 0 };
	int row = builtin_lookup(BO_BUILTINS, builtin_owner_name(id));

	*h = 0;
	if (row < 0 || !builtin_is_type(row))
		return 0;
	t.kind = V_BUILTIN;
	t.id = row;
	if (btype_promote(I, &t) < 0)
		return -1;
	if (t.kind == V_OBJ)
		*h = t.h;
	return 0;
}

static int new_bfunc(struct interp *I, uint64_t self, int id, uint32_t kind, uint64_t *out)
{
	const char *name = builtin_name(id);
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_NEW_BUILTIN);
	op.arg[0] = self;
	op.arg[1] = (uint64_t)id;
	op.arg[2] = kind;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1_raise(I, &op))
		return -1;
	*out = op.ret[0];
	return 0;
}

/*
 * v a V_BUILTIN (not a type) or V_METHOD: make it the heap object, in
 * place.  A bound method's object is new and v owns it (its self handle,
 * if v owned one, is closed: the object holds self now); the others are
 * the held ones, which v borrows.
 */
int bfunc_materialize(struct interp *I, struct value *v)
{
	uint64_t *slot, h, self = 0;

	if (v->kind == V_METHOD && v->self) {
		if (new_bfunc(I, v->self, v->id, PYMM_BUILTIN_METHOD, &h))
			return -1;
		if (v->self_owned)
			queue_close(I, v->self);
		*v = vobj(h, true);
		return 0;
	}
	slot = bfunc_slot(I, v->id);
	if (!*slot) {
		bool descr = v->kind == V_METHOD;

		if (descr && owner_type(I, v->id, &self))
			return -1;
		if (new_bfunc(I, self, v->id, descr ? PYMM_BUILTIN_DESCRIPTOR :
			      PYMM_BUILTIN_FUNCTION, &h))
			return -1;
		interp_hold(I, h);
		slot = bfunc_slot(I, v->id);
		*slot = h;
	}
	*v = vobj(*slot, false);
	return 0;
}

/* at the end of a run: the held objects are closed with the rest */
void bfunc_forget(struct interp *I)
{
	if (I->nbfunc_h)
		memset(I->bfunc_h, 0, (size_t)I->nbfunc_h * sizeof(*I->bfunc_h));
}

/* the kind of a PYMM_T_BUILTIN object (-1: an error raised) */
int bfunc_kind(struct interp *I, uint64_t h)
{
	struct objinfo oi;

	if (obj_read(I, h, &oi))
		return -1;
	free(oi.s);
	return (int)oi.i2;
}

/*
 * The row a builtin object stands for, as the interpreter calls it:
 * *out a V_BUILTIN, or a V_METHOD owning a handle of its self (a
 * descriptor: none).  oi is h's READ.
 */
int bfunc_unwrap(struct interp *I, uint64_t h, const struct objinfo *oi, struct value *out)
{
	struct pymm_op op;

	memset(out, 0, sizeof(*out));
	out->id = (int)oi->i;
	if (!builtin_get(out->id) || strcmp(builtin_name(out->id), oi->s ? oi->s : ""))
		return raise_exc(I, EX_SYSTEM, "pymm: builtin object %s with unknown number %" PRId64
				 " (made by another session?)", oi->s ? oi->s : "?", oi->i);
	if (oi->i2 == PYMM_BUILTIN_FUNCTION) {
		out->kind = V_BUILTIN;
		return 0;
	}
	out->kind = V_METHOD;
	if (oi->i2 == PYMM_BUILTIN_DESCRIPTOR)
		return 0;
	pymm_op_init(&op, PYMM_OP_BUILTIN_SELF);
	op.arg[0] = h;
	if (op1_raise(I, &op))
		return -1;
	out->self = op.ret[0];
	out->self_owned = true;
	return 0;
}

/* its type's name: builtin_function_or_method or method_descriptor */
const char *bfunc_type_name(struct interp *I, uint64_t h)
{
	return bfunc_kind(I, h) == PYMM_BUILTIN_DESCRIPTOR ? "method_descriptor" :
	       "builtin_function_or_method";
}

/* type(self).__name__ into buf: an instance's class, a list subclass's ... */
static int self_type_name(struct interp *I, uint64_t self, char *buf, size_t n)
{
	struct objinfo oi;
	uint32_t t = 0;

	if (obj_type(I, self, &t))
		return -1;
	if (t != PYMM_T_INSTANCE) {
		snprintf(buf, n, "%s", t == PYMM_T_ITER ? value_class_name(I, self, t) :
			 attr_owner_name(I, self, t));
		return 0;
	}
	if (obj_read(I, self, &oi))
		return -1;
	snprintf(buf, n, "%s", oi.s && oi.len ? oi.s : "object");
	free(oi.s);
	return 0;
}

/* repr: <built-in function len>, <built-in method upper of str object at 0x...> */
int bfunc_repr(struct interp *I, uint64_t h, const struct objinfo *oi, struct strbuf *b)
{
	struct value fn;
	char tn[128];
	uint64_t id;
	int err = 0;

	if (oi->i2 == PYMM_BUILTIN_FUNCTION) {
		sb_addf(b, "<built-in function %s>", oi->s ? oi->s : "?");
		return 0;
	}
	if (bfunc_unwrap(I, h, oi, &fn))
		return -1;
	if (oi->i2 == PYMM_BUILTIN_DESCRIPTOR) {
		sb_addf(b, "<method '%s' of '%s' objects>", oi->s, builtin_owner_name(fn.id));
		return 0;
	}
	id = obj_id(I, fn.self, &err);
	if (!err)
		err = self_type_name(I, fn.self, tn, sizeof(tn));
	if (!err)
		sb_addf(b, "<built-in method %s of %s object at 0x%" PRIx64 ">", oi->s, tn, id);
	vrelease(I, &fn);
	return err ? -1 : 0;
}

static int module_of(int id)
{
	const struct builtin *b = builtin_get(id);

	return b && b->owner >= 0 && b->owner < NMODS ? b->owner : -1;
}

/*
 * Attributes a builtin object has (CPython's meth_getsets / members and
 * the descriptor's): __name__, __qualname__, __self__, __module__,
 * __objclass__.  *handled false: not one of them (the caller goes on).
 */
int bfunc_attr(struct interp *I, uint64_t h, const char *name, struct value *out, bool *handled)
{
	struct objinfo oi;
	struct value fn;
	char buf[160];
	int err = 0, mod;

	*handled = false;
	if (strcmp(name, "__name__") && strcmp(name, "__qualname__") &&
	    strcmp(name, "__self__") && strcmp(name, "__module__") && strcmp(name, "__objclass__"))
		return 0;
	if (obj_read(I, h, &oi))
		return -1;
	if (bfunc_unwrap(I, h, &oi, &fn)) {
		free(oi.s);
		return -1;
	}
	*handled = true;
	mod = module_of(fn.id);
	if (!strcmp(name, "__name__")) {
		err = new_str(I, oi.s, strlen(oi.s), out);
	} else if (!strcmp(name, "__qualname__")) {
		/* meth_get__qualname__: the type's name and the method's; a module's: the name */
		if (oi.i2 == PYMM_BUILTIN_FUNCTION) {
			snprintf(buf, sizeof(buf), "%s", oi.s);
		} else {
			char owner[128];

			snprintf(owner, sizeof(owner), "%s", builtin_owner_name(fn.id));
			if (oi.i2 == PYMM_BUILTIN_METHOD)
				err = self_type_name(I, fn.self, owner, sizeof(owner));
			snprintf(buf, sizeof(buf), "%s.%s", owner, oi.s);
		}
		if (!err)
			err = new_str(I, buf, strlen(buf), out);
	} else if (oi.i2 == PYMM_BUILTIN_DESCRIPTOR && !strcmp(name, "__objclass__")) {
		uint64_t t;

		err = owner_type(I, fn.id, &t);
		if (!err && !t)
			err = raise_exc(I, EX_NOT_IMPLEMENTED, "%s.%s.__objclass__ is not supported "
					"by pymm", builtin_owner_name(fn.id), oi.s);
		else if (!err)
			*out = vobj(t, false);
	} else if (oi.i2 == PYMM_BUILTIN_DESCRIPTOR) {
		err = raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "'method_descriptor' object has no "
				"attribute '%s'", name);
	} else if (!strcmp(name, "__objclass__")) {
		err = raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "'builtin_function_or_method' object "
				"has no attribute '%s'", name);
	} else if (!strcmp(name, "__module__")) {
		/* m_module: the module's name for its functions, None for a method */
		/* (operator's functions are _operator's, which operator.py imports) */
		const char *m = mod < 0 ? "builtins" : mod == MOD_OPERATOR ? "_operator" :
				module_name(mod);

		if (oi.i2 == PYMM_BUILTIN_METHOD)
			*out = vnone(I);
		else
			err = new_str(I, m, strlen(m), out);
	} else if (oi.i2 == PYMM_BUILTIN_METHOD) {	/* __self__ */
		*out = fn;
		memset(&fn, 0, sizeof(fn));
		out->kind = V_OBJ;
		out->h = out->self;
		out->owned = true;
		out->self = 0;
		out->self_owned = false;
	} else if (mod >= 0 && mod != MOD_OPERATOR) {
		memset(out, 0, sizeof(*out));
		out->kind = V_MODULE;
		out->id = mod;
	} else {
		err = raise_exc(I, EX_NOT_IMPLEMENTED, "the %s module (%s.__self__) is not "
				"supported by pymm", mod < 0 ? "builtins" : "_operator", oi.s);
	}
	vrelease(I, &fn);
	free(oi.s);
	return err ? -1 : 0;
}
