// SPDX-License-Identifier: GPL-2.0
/*
 * subclass.c - classes derived from list, dict or tuple (`class
 * Stack(list)`, `class Registry(dict)`, collections.namedtuple's).  The
 * heap makes their instances (a list, dict or tuple with a class and a
 * lazy __dict__: module/core/subobj.h); here is what CPython's type_call
 * does around it: the instance (tuple.__new__ for a tuple), then __init__
 * found on the class (a user's, with keywords too) or list.__init__ /
 * dict.__init__ (extend / update), and such a base in a class statement.
 * Also a class's own __new__ (any class: type_call calls it, then
 * __init__ if it returned an instance of the class), and object.__new__,
 * tuple.__new__, list.__new__, dict.__new__ that it reaches.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* the heap's static list / dict for `class X(list)`; 1: not such a base */
int subclass_base(struct interp *I, const struct value *base, uint64_t *out)
{
	const char *n = builtin_name(base->id);
	struct pymm_op op;

	if (strcmp(n, "list") && strcmp(n, "dict") && strcmp(n, "tuple"))
		return 1;
	pymm_op_init(&op, PYMM_OP_CONST);
	op.arg[0] = !strcmp(n, "list") ? PYMM_CONST_LIST :
		    !strcmp(n, "dict") ? PYMM_CONST_DICT : PYMM_CONST_TYPE;
	op.arg[1] = op.arg[0] == PYMM_CONST_TYPE ? PYMM_BTYPE_TUPLE : 0;
	if (op1_raise(I, &op))
		return -1;
	*out = op.ret[0];
	return 0;
}

/* list.__init__(self, it) / dict.__init__(self, *a, **kw): extend / update */
static int base_init(struct interp *I, uint32_t layout, uint64_t inst, struct value *args,
		     int nargs, const char *const *kwn, int nkw)
{
	const char *tn = layout == PYMM_LAYOUT_LIST ? "list" : "dict";
	struct value self = vobj(inst, false), res = { 0 };
	int id, err;

	if (layout == PYMM_LAYOUT_TUPLE)
		return 0;	/* object.__init__: tuple.__new__ took the arguments */
	if (layout == PYMM_LAYOUT_LIST && nkw)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "list() takes no keyword arguments");
	if (nargs > 1)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s expected at most 1 argument, got %d",
				 tn, nargs);
	if (!nargs && !nkw)
		return 0;
	id = builtin_method_lookup(layout == PYMM_LAYOUT_LIST ? PYMM_T_LIST : PYMM_T_DICT,
				   layout == PYMM_LAYOUT_LIST ? "extend" : "update");
	if (id < 0)
		return raise_exc(I, EX_NOT_IMPLEMENTED, "%s.__init__ is not supported by pymm", tn);
	err = call_builtin(I, id, &self, args, nargs, kwn, nkw, &res);
	vrelease(I, &res);
	return err;
}

/* __init__(inst, *args, **kw): the function LOAD_METHOD found, unbound */
static int user_init(struct interp *I, struct value *init, uint64_t inst, struct value *args,
		     int nargs, const char *const *kwn, int nkw, struct node *cn)
{
	struct value res = { 0 };
	int err;

	err = call_with_self(I, init, inst, args, nargs, kwn, nkw, cn, &res);
	if (!err && !is_none_h(I, res.h))
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "__init__() should return None");
	vrelease(I, &res);
	return err;
}

/* tuple.__new__(cls[, iterable]): the items as a tuple, then the instance */
static int tuple_new_of(struct interp *I, uint64_t cls, struct value *args, int nargs, int nkw,
			struct value *out)
{
	struct value tup = { 0 };
	struct pymm_op op;
	uint64_t *hs = NULL;
	uint32_t n = 0;
	int err;

	if (nkw)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "tuple() takes no keyword arguments");
	if (nargs > 1)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "tuple expected at most 1 argument, got %d",
				 nargs);
	/* PySequence_Tuple: a list or tuple in one op, as tuple(x) */
	err = nargs ? (need_obj(I, &args[0]) ? -1 :
		       core_seq_from(I, PYMM_OP_TUPLE_FROM, args[0].h, &tup)) : 1;
	if (err < 0)
		return -1;
	if (!err) {
		/* tup made */
	} else if (nargs) {
		if (iter_collect(I, &args[0], &hs, &n))
			return -1;
		err = new_container(I, PYMM_OP_NEW_TUPLE, hs, n, &tup);
		close_many(I, hs, n);
		free(hs);
		if (err)
			return -1;
	} else if (new_container(I, PYMM_OP_NEW_TUPLE, NULL, 0, &tup)) {
		return -1;
	}
	pymm_op_init(&op, PYMM_OP_TUPLE_SUB_NEW);
	op.arg[0] = cls;
	op.arg[1] = tup.h;
	err = op1_raise(I, &op);
	vrelease(I, &tup);
	if (err)
		return -1;
	*out = vobj(op.ret[0], true);
	return 0;
}

/*
 * type_call with a class whose MRO defines __new__: inst = __new__(cls,
 * *args, **kw), then __init__ (the class's, or list's / dict's) if inst is
 * an instance of cls.  0 and *out, 1 no such __new__, -1 raised.
 */
int user_new(struct interp *I, struct value *cls, uint32_t layout, struct value *args,
	     int nargs, const char *const *kwn, int nkw, struct node *cn, struct value *out)
{
	struct value fn, inst, init, *all;
	struct pymm_op op;
	bool is_inst = false;
	int err, i;

	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = cls->h;
	pymm_op_set_data(&op, "__new__", 7);
	if (op1(I, &op))
		return -1;
	if (op.error)
		return 1;	/* object's, tuple's ...: no heap object */
	fn = vobj(op.ret[0], true);
	all = xrealloc(NULL, (size_t)(nargs + nkw + 1) * sizeof(*all));
	all[0] = vobj(cls->h, false);
	memcpy(all + 1, args, (size_t)(nargs + nkw) * sizeof(*all));
	for (i = 1; i <= nargs + nkw; i++)
		all[i].owned = false;	/* still the caller's: __init__ gets them too */
	err = call_ex(I, &fn, all, nargs + 1, kwn, nkw, cn, &inst);
	free(all);
	vrelease(I, &fn);
	if (err)
		return -1;
	if (need_obj(I, &inst) || exc_isinstance(I, inst.h, cls->h, &is_inst)) {
		vrelease(I, &inst);
		return -1;
	}
	*out = inst;
	if (!is_inst)
		return 0;
	pymm_op_init(&op, PYMM_OP_LOAD_METHOD);
	op.arg[0] = inst.h;
	pymm_op_set_data(&op, "__init__", 8);
	if (op1(I, &op))
		err = -1;
	else if (op.error == -ENOENT)
		err = layout == PYMM_LAYOUT_OBJECT ? 0 :
		      base_init(I, layout, inst.h, args, nargs, kwn, nkw);
	else if (op.error)
		err = raise_op(I, &op, NULL);
	else if (op.ret[1] != PYMM_ATTR_UNBOUND)
		queue_close(I, op.ret[0]);	/* an instance attribute: not __init__ */
	else {
		init = vobj(op.ret[0], true);
		err = user_init(I, &init, inst.h, args, nargs, kwn, nkw, cn);
		vrelease(I, &init);
	}
	if (err)
		vrelease(I, out);
	return err ? -1 : 0;
}

/* C(args, **kw) for a class whose instances are lists, dicts or tuples (layout) */
int subclass_instantiate(struct interp *I, struct value *cls, uint32_t layout,
			 struct value *args, int nargs, const char *const *kwn, int nkw,
			 struct node *cn, struct value *out)
{
	struct value inst, init;
	struct pymm_op op;
	int err;

	err = user_new(I, cls, layout, args, nargs, kwn, nkw, cn, out);
	if (err <= 0)
		return err;
	if (layout == PYMM_LAYOUT_TUPLE) {
		if (tuple_new_of(I, cls->h, args, nargs, nkw, &inst))
			return -1;
	} else {
		pymm_op_init(&op, PYMM_OP_NEW_INSTANCE);
		op.arg[0] = cls->h;
		if (op1_raise(I, &op))
			return -1;
		inst = vobj(op.ret[0], true);
	}
	pymm_op_init(&op, PYMM_OP_LOAD_METHOD);
	op.arg[0] = inst.h;
	pymm_op_set_data(&op, "__init__", 8);
	if (op1(I, &op)) {
		vrelease(I, &inst);
		return -1;
	}
	if (op.error == -ENOENT) {
		err = base_init(I, layout, inst.h, args, nargs, kwn, nkw);
	} else if (op.error) {
		err = raise_op(I, &op, NULL);
	} else if (op.ret[1] != PYMM_ATTR_UNBOUND) {
		queue_close(I, op.ret[0]);
		err = raise_exc(I, EX_NOT_IMPLEMENTED,
				"this __init__ of a list/dict subclass is not supported by pymm");
	} else {
		init = vobj(op.ret[0], true);
		err = user_init(I, &init, inst.h, args, nargs, kwn, nkw, cn);
		vrelease(I, &init);
	}
	if (err) {
		vrelease(I, &inst);
		return -1;
	}
	*out = inst;
	return 0;
}

/*
 * Does h's class define name, h being a list or dict that is an instance
 * of a class (then its method wins over the builtin one of that name)?
 * 1 yes, 0 no (*type: h's PYMM_T_*), -1 raised.
 */
int subclass_defines(struct interp *I, uint64_t h, const char *name, uint32_t *type)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_TYPE);
	op.arg[0] = h;
	if (op1_raise(I, &op))
		return -1;
	*type = (uint32_t)op.ret[0];
	if (!(op.ret[1] & PYMM_TYPEF_SUBCLASS))
		return 0;
	pymm_op_init(&op, PYMM_OP_LOAD_METHOD);
	op.arg[0] = h;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1(I, &op))
		return -1;
	if (op.error)
		return 0;
	queue_close(I, op.ret[0]);
	return 1;
}

/*
 * h.name(*args) when h is a list or dict that is an instance of a class
 * whose MRO defines name (__missing__, __repr__: the special methods the
 * heap lets such a class have, module/core/types/type.c).  0 and *out, 1
 * not such an object or no such method, -1 raised.
 */
int subclass_call(struct interp *I, uint64_t h, const char *name, struct value *args,
		  int nargs, struct value *out)
{
	static struct node call = { .kind = N_CALL };
	struct value fn;
	struct pymm_op op;
	int err;

	pymm_op_init(&op, PYMM_OP_TYPE);
	op.arg[0] = h;
	if (op1_raise(I, &op))
		return -1;
	if (!(op.ret[1] & PYMM_TYPEF_SUBCLASS))
		return 1;
	pymm_op_init(&op, PYMM_OP_LOAD_METHOD);
	op.arg[0] = h;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1(I, &op))
		return -1;
	if (op.error == -ENOENT || op.exc == PYMM_EXC_ATTRIBUTE_ERROR)
		return 1;
	if (op.error)
		return raise_op(I, &op, NULL);
	fn = vobj(op.ret[0], true);
	if (op.ret[1] != PYMM_ATTR_UNBOUND) {
		/* an instance attribute, not the class's method: not special */
		vrelease(I, &fn);
		return 1;
	}
	err = call_with_self(I, &fn, h, args, nargs, NULL, 0, &call, out);
	vrelease(I, &fn);
	return err;
}

/*
 * super().name in a method of a list/dict subclass, when no class of the
 * MRO defines name: the builtin's own method (list.append ...), bound to
 * sh; __init__ is list.__init__ / dict.__init__ as extend / update.  0 and
 * *fn, 1 not such an object or no such method, -1 raised.
 */
int subclass_super_method(struct interp *I, uint64_t sh, const char *name, struct value *fn)
{
	struct pymm_op op;
	uint32_t t;
	int id;

	pymm_op_init(&op, PYMM_OP_TYPE);
	op.arg[0] = sh;
	if (op1_raise(I, &op))
		return -1;
	t = (uint32_t)op.ret[0];
	if (!(op.ret[1] & PYMM_TYPEF_SUBCLASS))
		return 1;
	if (!strcmp(name, "__init__"))
		name = t == PYMM_T_LIST ? "extend" : "update";
	id = builtin_method_lookup(t, name);
	if (id < 0)
		return 1;
	memset(fn, 0, sizeof(*fn));
	fn->kind = V_METHOD;
	fn->id = id;
	fn->self = sh;
	return 0;
}

/*
 * The name of h's class when h is a list or dict that is an instance of
 * a class (for messages, as CPython's tp_name: 'Stack' object ...), else
 * NULL.  The string lives until the next call.
 */
const char *subclass_type_name(struct interp *I, uint64_t h)
{
	static char name[PYMM_NAME_MAX];
	struct objinfo oi;
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_TYPE);
	op.arg[0] = h;
	if (op1(I, &op) || op.error || !(op.ret[1] & PYMM_TYPEF_SUBCLASS))
		return NULL;
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = h;
	pymm_op_set_data(&op, "__class__", 9);
	if (op1(I, &op) || op.error)
		return NULL;
	if (obj_read(I, op.ret[0], &oi)) {
		queue_close(I, op.ret[0]);
		return NULL;
	}
	queue_close(I, op.ret[0]);
	snprintf(name, sizeof(name), "%s", oi.s ? oi.s : "?");
	free(oi.s);
	return name;
}

/* the type an AttributeError about h names: its class for a subclass instance */
const char *attr_owner_name(struct interp *I, uint64_t h, uint32_t type)
{
	const char *n = type == PYMM_T_LIST || type == PYMM_T_DICT || type == PYMM_T_TUPLE ?
			subclass_type_name(I, h) : NULL;

	return n ? n : value_type_name(I, h, type);
}

/*
 * h.name missing on a builtin-typed value (refuse_attr): the refusal when
 * CPython's type has name; else the AttributeError, naming h's class
 * when h is a list or dict that is an instance of one.
 */
int refuse_obj_attr(struct interp *I, uint64_t h, uint32_t type, const char *name)
{
	const char *base = value_type_name(I, h, type);

	if (cpython_has(base, name))
		return refuse_attr(I, base, name, false);
	return raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'",
			 attr_owner_name(I, h, type), name);
}

/* ------------------------------------------ object.__new__ and co */

/* the layout a base's __new__ makes (BO_OBJECT, BO_LIST ...), and its name */
static uint32_t new_layout(int owner)
{
	return owner == BO_LIST ? PYMM_LAYOUT_LIST : owner == BO_DICT ? PYMM_LAYOUT_DICT :
	       owner == BO_TUPLE ? PYMM_LAYOUT_TUPLE : PYMM_LAYOUT_OBJECT;
}

/* tp_new's checks on its first argument: a class whose instances it can make */
static int new_cls_check(struct interp *I, const struct builtin *b, struct value *cls)
{
	const char *bn;
	struct objinfo oi;
	int kind = 0, err;

	bn = b->owner == BO_OBJECT ? "object" : b->owner == BO_LIST ? "list" :
	     b->owner == BO_DICT ? "dict" : "tuple";
	if (need_obj(I, cls) || obj_read(I, cls->h, &oi))
		return -1;
	if (oi.type != PYMM_T_CLASS) {
		free(oi.s);
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s.__new__(X): X is not a type object (%s)",
				 bn, type_name(oi.type));
	}
	if (exc_kind_of_class(I, cls->h, &kind)) {
		free(oi.s);
		return -1;
	}
	if ((uint32_t)oi.i == new_layout(b->owner) && !kind) {
		free(oi.s);
		return 0;
	}
	if (b->owner != BO_OBJECT && (uint32_t)oi.i != new_layout(b->owner))
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s.__new__(%s): %s is not a subtype of %s",
				bn, oi.s ? oi.s : "?", oi.s ? oi.s : "?", bn);
	else
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
				"%s.__new__(%s) is not safe, use %s.__new__()", bn,
				oi.s ? oi.s : "?", kind ? "BaseException" :
				oi.i == PYMM_LAYOUT_LIST ? "list" :
				oi.i == PYMM_LAYOUT_DICT ? "dict" :
				oi.i == PYMM_LAYOUT_TUPLE ? "tuple" : "object");
	free(oi.s);
	return err;
}

/* object.__new__(cls), list.__new__(cls, ...), dict.__new__(cls, ...) */
static int bi_base_new(BI_ARGS)
{
	struct pymm_op op;

	if (b->owner == BO_OBJECT && (nargs > 1 || nkw))
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "object.__new__() takes exactly one argument (the type to instantiate)");
	if (new_cls_check(I, b, &args[0]))
		return -1;
	pymm_op_init(&op, PYMM_OP_NEW_INSTANCE);
	op.arg[0] = args[0].h;
	if (op1_raise(I, &op))
		return -1;
	*out = vobj(op.ret[0], true);
	return 0;
}

/* tuple.__new__(cls[, iterable]) */
static int bi_tuple_new(BI_ARGS)
{
	if (new_cls_check(I, b, &args[0]))
		return -1;
	return tuple_new_of(I, args[0].h, args + 1, nargs - 1, nkw, out);
}

/* class methods: called on the type, the class to make first */
const struct builtin *const builtins_new[] = {
	ROW(BO_OBJECT, "__new__", 1, -1, BF_CLASSMETH | BF_KW, bi_base_new, 0),
	ROW(BO_LIST, "__new__", 1, -1, BF_CLASSMETH | BF_KW, bi_base_new, 0),
	ROW(BO_DICT, "__new__", 1, -1, BF_CLASSMETH | BF_KW, bi_base_new, 0),
	ROW(BO_TUPLE, "__new__", 1, 2, BF_CLASSMETH | BF_KW, bi_tuple_new, 0),
	NULL
};

/*
 * super().__new__ in a class's __new__ (cls the class it got, after the
 * class defining it): the next class's __new__ along cls's MRO, or the
 * builtin one of cls's instances' layout (object's, tuple's ...).  Taken
 * from the class after `after`, whose own lookup follows its MRO: the
 * same as cls's MRO for single inheritance.  0 and *fn, -1 raised.
 */
int super_new(struct interp *I, uint64_t after, uint64_t cls, struct value *fn)
{
	static const int owners[] = { BO_OBJECT, BO_LIST, BO_DICT, BO_TUPLE };
	uint64_t *hs = NULL, want;
	uint32_t n = 0, i;
	struct objinfo oi;
	struct pymm_op op;
	int err = 0;

	want = obj_id(I, after, &err);
	if (err || class_mro(I, cls, &hs, &n))
		return -1;
	for (i = 0; i < n && obj_id(I, hs[i], &err) != want && !err; i++)
		;
	op.error = -ENOENT;
	if (!err && i + 1 < n) {
		pymm_op_init(&op, PYMM_OP_GETATTR);
		op.arg[0] = hs[i + 1];
		pymm_op_set_data(&op, "__new__", 7);
		err = op1(I, &op);
	}
	close_many(I, hs, n);
	free(hs);
	if (err)
		return -1;
	if (!op.error) {
		*fn = vobj(op.ret[0], true);
		return 0;
	}
	if (obj_read(I, cls, &oi))
		return -1;
	free(oi.s);
	memset(fn, 0, sizeof(*fn));
	fn->kind = V_METHOD;
	fn->id = builtin_lookup(owners[oi.i <= PYMM_LAYOUT_TUPLE ? oi.i : 0], "__new__");
	return 0;
}
