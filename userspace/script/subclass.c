// SPDX-License-Identifier: GPL-2.0
/*
 * subclass.c - classes derived from list or dict (`class Stack(list)`,
 * `class Registry(dict)`).  The heap makes their instances (a list or a
 * dict with a class and a lazy __dict__: module/core/subobj.h); here is
 * what CPython's type_call does around it: the instance, then __init__
 * found on the class (a user's, with keywords too) or list.__init__ /
 * dict.__init__ (extend / update), and a list/dict base in a class
 * statement.
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

	if (strcmp(n, "list") && strcmp(n, "dict"))
		return 1;
	pymm_op_init(&op, PYMM_OP_CONST);
	op.arg[0] = strcmp(n, "list") ? PYMM_CONST_DICT : PYMM_CONST_LIST;
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

/* C(args, **kw) for a class whose instances are lists or dicts (layout) */
int subclass_instantiate(struct interp *I, struct value *cls, uint32_t layout,
			 struct value *args, int nargs, const char *const *kwn, int nkw,
			 struct node *cn, struct value *out)
{
	struct value inst, init;
	struct pymm_op op;
	int err;

	pymm_op_init(&op, PYMM_OP_NEW_INSTANCE);
	op.arg[0] = cls->h;
	if (op1_raise(I, &op))
		return -1;
	inst = vobj(op.ret[0], true);
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
	const char *n = type == PYMM_T_LIST || type == PYMM_T_DICT ?
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
