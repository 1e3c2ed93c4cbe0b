// SPDX-License-Identifier: GPL-2.0
/*
 * typeof.c - type(x) with one argument.  A class is a heap type object
 * already (classes.c); pymm's builtin types are the builtins' rows that
 * CPython's builtins module holds as classes (int, str, set ...), so
 * type(1) is the value the name `int` has: `type(x) is int`, `type(x) ==
 * str`, `type(x).__name__` and `type(x)(...)` work as in CPython, and
 * their repr is "<class 'int'>".  The classes builtins has no name for
 * (NoneType, function, the iterators, dict views ...) are rows too, of
 * their own owner: type(None).__name__, isinstance(x, type(None)) and
 * type(x) is type(y) work; calling them is refused.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* the builtins that are classes in CPython 3.11 and rows in pymm */
static const char *const type_rows[] = {
	"bool", "bytearray", "bytes", "dict", "enumerate", "filter", "float", "frozenset", "int", "list", "map",
	"range", "reversed", "set", "str", "tuple", "type", "zip", NULL,
};

/*
 * The classes CPython 3.11 has no builtins name for, which type(x) gives
 * (type(None) is NoneType): rows of their own owner, so that no script
 * name reaches them, each with the type code its values have.  They are
 * not callable here.
 */
static const struct {
	const char *name;
	uint32_t code;
} hidden_types[] = {
	{ "NoneType", PYMM_T_NONE },
	{ "function", PYMM_T_FUNCTION }, { "method", PYMM_T_METHOD },
	{ "cell", PYMM_T_CELL }, { "code", PYMM_T_CODE }, { "generator", PYMM_T_GENERATOR },
	{ "dict_keys", PYMM_T_DICTVIEW }, { "dict_values", PYMM_T_DICTVIEW },
	{ "dict_items", PYMM_T_DICTVIEW }, { "range_iterator", PYMM_T_RANGE },
	{ "list_iterator", PYMM_T_ITER }, { "tuple_iterator", PYMM_T_ITER },
	{ "str_ascii_iterator", PYMM_T_ITER }, { "bytes_iterator", PYMM_T_ITER },
	{ "dict_keyiterator", PYMM_T_ITER }, { "dict_valueiterator", PYMM_T_ITER },
	{ "dict_itemiterator", PYMM_T_ITER }, { "set_iterator", PYMM_T_ITER },
	{ "list_reverseiterator", PYMM_T_ITER }, { "callable_iterator", PYMM_T_ITER },
	{ "NotImplementedType", PYMM_T_OBJECT },
	{ "ellipsis", PYMM_T_OBJECT },
	{ "traceback", PYMM_T_TRACEBACK }, { "frame", PYMM_T_FRAME },
	{ "builtin_function_or_method", PYMM_T_BUILTIN }, { "method_descriptor", PYMM_T_BUILTIN },
	{ "ProxyType", PYMM_T_WEAKPROXY }, { "CallableProxyType", PYMM_T_WEAKPROXY },
	{ "ReferenceType", PYMM_T_WEAKREF },
};

static int bi_hidden_type(BI_ARGS)
{
	return raise_exc(I, EX_NOT_IMPLEMENTED, "calling type %s is not supported by pymm",
			 b->name);
}

/* object.__init__, which super().__init__(...) reaches: nothing to do, no arguments */
static int bi_object_init(BI_ARGS)
{
	if (nargs || nkw)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "object.__init__() takes exactly one "
				 "argument (the instance to initialize)");
	*out = vnone(I);
	return 0;
}

#define HIDDEN_TYPE_ROW(nm)	ROW(BO_TYPES, nm, 0, -1, BF_KW, bi_hidden_type, 0)

const struct builtin *const builtins_types[] = {
	HIDDEN_TYPE_ROW("NoneType"), HIDDEN_TYPE_ROW("function"),
	HIDDEN_TYPE_ROW("method"), HIDDEN_TYPE_ROW("cell"), HIDDEN_TYPE_ROW("code"),
	HIDDEN_TYPE_ROW("generator"), HIDDEN_TYPE_ROW("dict_keys"),
	HIDDEN_TYPE_ROW("dict_values"), HIDDEN_TYPE_ROW("dict_items"),
	HIDDEN_TYPE_ROW("range_iterator"), HIDDEN_TYPE_ROW("list_iterator"),
	HIDDEN_TYPE_ROW("tuple_iterator"), HIDDEN_TYPE_ROW("str_ascii_iterator"),
	HIDDEN_TYPE_ROW("bytes_iterator"), HIDDEN_TYPE_ROW("dict_keyiterator"),
	HIDDEN_TYPE_ROW("dict_valueiterator"), HIDDEN_TYPE_ROW("dict_itemiterator"),
	HIDDEN_TYPE_ROW("set_iterator"), HIDDEN_TYPE_ROW("list_reverseiterator"),
	HIDDEN_TYPE_ROW("callable_iterator"),
	HIDDEN_TYPE_ROW("traceback"), HIDDEN_TYPE_ROW("frame"),
	HIDDEN_TYPE_ROW("NotImplementedType"), HIDDEN_TYPE_ROW("ellipsis"),
	HIDDEN_TYPE_ROW("builtin_function_or_method"), HIDDEN_TYPE_ROW("method_descriptor"),
	HIDDEN_TYPE_ROW("ProxyType"), HIDDEN_TYPE_ROW("CallableProxyType"),
	/* weakref.ref is this type, and calling it makes a ref (builtins.c) */
	ROW(BO_TYPES, "ReferenceType", 1, 2, 0, bi_weakref, 0),
	ROW(BO_OBJECT, "__init__", 0, -1, BF_KW, bi_object_init, 0), NULL
};

/* the type code of a hidden type's values (0: not one) */
uint32_t type_row_code(int id)
{
	const struct builtin *b = builtin_get(id);
	size_t i;

	if (!b || b->owner != BO_TYPES)
		return 0;
	for (i = 0; i < sizeof(hidden_types) / sizeof(hidden_types[0]); i++)
		if (!strcmp(hidden_types[i].name, b->name))
			return hidden_types[i].code;
	return 0;
}

/*
 * the name of x's class, as type(x).__name__ (an instance: its class, an
 * iterator or descriptor: its kind); valid until the second call after
 */
const char *value_class_name(struct interp *I, uint64_t h, uint32_t t)
{
	struct objinfo oi;
	char *buf;

	if (t != PYMM_T_ITER && t != PYMM_T_INSTANCE && t != PYMM_T_DESCR)
		return value_type_name(I, h, t);
	if (obj_read(I, h, &oi))
		return t == PYMM_T_ITER ? "iterator" : type_name(t);
	buf = I->class_name[I->class_name_next++ % 2];
	snprintf(buf, sizeof(I->class_name[0]), "%s", objinfo_type_name(&oi));
	free(oi.s);
	return buf;
}

bool builtin_is_type(int id)
{
	const struct builtin *b = builtin_get(id);
	const char *const *n;

	if (b && b->owner == BO_TYPES)
		return true;
	if (!b || b->owner != BO_BUILTINS)
		return false;
	for (n = type_rows; *n; n++)
		if (!strcmp(*n, b->name))
			return true;
	return false;
}

static int type_row(struct interp *I, const char *name, struct value *out)
{
	int id = builtin_lookup(BO_BUILTINS, name);

	if (id < 0 || !builtin_is_type(id))
		id = builtin_lookup(BO_TYPES, name);
	if (id < 0 || !builtin_is_type(id))
		return raise_exc(I, EX_NOT_IMPLEMENTED, "type() of a '%s' is not supported by pymm",
				 name);
	memset(out, 0, sizeof(*out));
	out->kind = V_BUILTIN;
	out->id = id;
	return 0;
}

/* type(x): the class of an instance, `type` for a class, else a builtin type */
int bi_type(BI_ARGS)
{
	const struct value *x = &args[0];
	struct pymm_op op;
	uint32_t t = 0;

	if (nargs == 3)
		return type_new3(I, args, out);
	if (nargs != 1)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "type() takes 1 or 3 arguments");
	if (x->kind == V_BUILTIN && builtin_is_type(x->id))
		return type_row(I, "type", out);
	if (x->kind == V_BUILTIN)
		return type_row(I, "builtin_function_or_method", out);
	if (x->kind == V_METHOD)
		return type_row(I, x->self ? "builtin_function_or_method" : "method_descriptor", out);
	if (x->kind != V_OBJ)
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "type() of a module is not supported by pymm");
	if (obj_type(I, x->h, &t))
		return -1;
	if (t == PYMM_T_CLASS)
		return type_row(I, "type", out);
	if (t == PYMM_T_WEAKPROXY) {
		/* weakref.ProxyType / weakref.CallableProxyType */
		const char *tn = proxy_type_name(I, x->h);

		return tn ? type_row(I, strchr(tn, '.') + 1, out) : -1;
	}
	if (t == PYMM_T_WEAKREF) {
		/* weakref.ReferenceType; a KeyedRef (it has a key) is refused below */
		pymm_op_init(&op, PYMM_OP_WEAKREF_KEY);
		op.arg[0] = x->h;
		if (op1(I, &op))
			return -1;
		if (op.error == -ENOENT)
			return type_row(I, "ReferenceType", out);
		if (!op.error)
			queue_close(I, op.ret[0]);
	}
	if (t == PYMM_T_OBJECT) {
		bool ni;

		if (is_notimpl(I, x, &ni))
			return -1;
		if (ni)
			return type_row(I, "NotImplementedType", out);
		if (is_ellipsis(I, x, &ni))
			return -1;
		if (ni)
			return type_row(I, "ellipsis", out);
	}
	if (t == PYMM_T_INSTANCE || t == PYMM_T_OBJECT || t == PYMM_T_LIST || t == PYMM_T_DICT ||
	    t == PYMM_T_TUPLE) {
		pymm_op_init(&op, PYMM_OP_GETATTR);
		op.arg[0] = x->h;
		pymm_op_set_data(&op, "__class__", 9);
		if (op1(I, &op))
			return -1;
		if (!op.error) {
			*out = vobj(op.ret[0], true);
			return 0;
		}
		/* a plain list, dict or tuple: no class in the heap */
		if (t != PYMM_T_LIST && t != PYMM_T_DICT && t != PYMM_T_TUPLE)
			return raise_op(I, &op, NULL);
	}
	if (t == PYMM_T_ITER) {
		/* zip, enumerate, map, filter, reversed are classes and rows */
		struct objinfo oi;
		const char *n;

		if (obj_read(I, x->h, &oi))
			return -1;
		n = iter_kind_name((uint32_t)oi.i);
		free(oi.s);
		return type_row(I, n, out);
	}
	/* int, str, set, frozenset, range ...: the row of that name, if any */
	return type_row(I, value_type_name(I, x->h, t), out);
}

/* int.__name__ & co; 1: not a builtin type (the caller goes on) */
int builtin_type_attr(struct interp *I, const struct value *obj, const char *name,
		      struct value *out)
{
	const char *tn;

	if (obj->kind != V_BUILTIN || !builtin_is_type(obj->id))
		return 1;
	tn = builtin_name(obj->id);
	if (!strcmp(name, "__name__") || !strcmp(name, "__qualname__"))
		return new_str(I, tn, strlen(tn), out) ? -1 : 0;
	{
		/* str.lower, dict.get ...: the method unbound (call.c binds it) */
		static const struct { const char *type; uint32_t code; } owners[] = {
			{ "str", PYMM_T_STR }, { "list", PYMM_T_LIST }, { "dict", PYMM_T_DICT },
			{ "set", PYMM_T_SET }, { "bytearray", PYMM_T_BYTEARRAY },
			{ "tuple", PYMM_T_TUPLE }, { "bytes", PYMM_T_BYTES }, { "int", PYMM_T_INT },
			{ "bool", PYMM_T_BOOL }, { "float", PYMM_T_FLOAT },
		};
		size_t i;
		int id;

		for (i = 0; i < sizeof(owners) / sizeof(owners[0]); i++)
			if (!strcmp(tn, owners[i].type) &&
			    (id = builtin_method_lookup(owners[i].code, name)) >= 0) {
				memset(out, 0, sizeof(*out));
				out->kind = V_METHOD;
				out->id = id;
				return 0;
			}
	}
	return raise_exc(I, EX_NOT_IMPLEMENTED, "%s.%s is not supported by pymm", tn, name);
}

/* is h the heap's `object` (a class, immortal)? */
int is_object_class(struct interp *I, uint64_t h, bool *res)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_TYPE);
	op.arg[0] = h;
	if (op1_raise(I, &op))
		return -1;
	*res = op.ret[0] == PYMM_T_CLASS && (op.ret[1] & PYMM_TYPEF_IMMORTAL);
	return 0;
}

/* class c derives from class b: b is in c.__mro__ */
int class_derives(struct interp *I, uint64_t c, const struct value *b, bool *res)
{
	struct pymm_op op;
	uint64_t *hs;
	uint32_t n, i;
	int err = 0;

	*res = false;
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = c;
	pymm_op_set_data(&op, "__mro__", 7);
	if (op1_raise(I, &op))
		return -1;
	err = obj_items(I, op.ret[0], &hs, &n);
	queue_close(I, op.ret[0]);
	if (err)
		return -1;
	for (i = 0; i < n && !err && !*res; i++) {
		struct value e = vobj(hs[i], false);

		err = compare(I, CMP_IS, &e, b, res);
	}
	close_many(I, hs, n);
	free(hs);
	return err;
}

static int value_is_class(struct interp *I, const struct value *v, uint32_t *t)
{
	*t = 0;
	if (v->kind == V_BUILTIN)
		return builtin_is_type(v->id);
	if (v->kind != V_OBJ || obj_type(I, v->h, t))
		return v->kind == V_OBJ ? -1 : 0;
	return *t == PYMM_T_CLASS;
}

/* issubclass(a, t) for one class t */
static int subclass_of(struct interp *I, const struct value *a, const struct value *t, bool *res)
{
	struct value av = *a, tv = *t;
	const char *an, *tn;

	*res = false;
	/* stored builtin types are their rows here (btypes.c) */
	av.owned = tv.owned = false;
	if (btype_demote(I, &av) < 0 || btype_demote(I, &tv) < 0)
		return -1;
	a = &av;
	t = &tv;
	if (a->kind == V_OBJ && t->kind == V_OBJ)
		return class_derives(I, a->h, t, res);
	if (a->kind == V_BUILTIN && t->kind == V_OBJ)
		return is_object_class(I, t->h, res);	/* every builtin type derives from object */
	if (a->kind == V_OBJ && type_row_code(t->id) == PYMM_T_WEAKREF)
		return weak_method_class(I, a->h, res);	/* WeakMethod derives from ref */
	if (a->kind == V_OBJ)
		return 0;	/* a class never derives from a builtin type in pymm */
	an = builtin_name(a->id);
	tn = builtin_name(t->id);
	*res = a->id == t->id || (!strcmp(an, "bool") && !strcmp(tn, "int"));
	return 0;
}

int bi_issubclass(BI_ARGS)
{
	const struct value *t = &args[1];
	uint32_t tt;
	bool res = false;
	int k = value_is_class(I, &args[0], &tt);

	if (k < 0)
		return -1;
	if (!k)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "issubclass() arg 1 must be a class");
	k = value_is_class(I, t, &tt);
	if (k < 0)
		return -1;
	if (k) {
		if (subclass_of(I, &args[0], t, &res))
			return -1;
	} else if (tt == PYMM_T_TUPLE) {
		uint64_t *hs;
		uint32_t n, i;
		int err = 0;

		if (obj_items(I, t->h, &hs, &n))
			return -1;
		for (i = 0; i < n && !err && !res; i++) {
			struct value e = vobj(hs[i], false);
			uint32_t et;

			k = value_is_class(I, &e, &et);
			if (k < 0)
				err = -1;
			else if (!k)
				err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "issubclass() arg 2 must be a "
						"class, a tuple of classes, or a union");
			else
				err = subclass_of(I, &args[0], &e, &res);
		}
		close_many(I, hs, n);
		free(hs);
		if (err)
			return -1;
	} else {
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "issubclass() arg 2 must be a class, a tuple of classes, or a union");
	}
	*out = vbool(I, res);
	return 0;
}
