// SPDX-License-Identifier: GPL-2.0
/*
 * descr.c - property, staticmethod and classmethod: the builtins that
 * make them (heap objects of type PYMM_T_DESCR, core types/descr.c), the
 * getter/setter/deleter methods of a property (property_copy), and what a
 * client does when an attribute turns out to be a property's: the heap
 * hands back fget / fset / fdel (PYMM_ATTR_PROPERTY) and the function is
 * called here with the object, as property_descr_get / _set would.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

static const char *const kind_names[] = {
	"?", "property", "staticmethod", "classmethod", "member_descriptor"
};

const char *descr_kind_name(uint32_t kind)
{
	return kind < sizeof(kind_names) / sizeof(kind_names[0]) ? kind_names[kind] : "?";
}

static int new_descr(struct interp *I, uint32_t kind, const uint64_t f[3], struct value *out)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_NEW_DESCR);
	op.arg[0] = kind;
	memcpy(&op.arg[1], f, 3 * sizeof(uint64_t));
	if (op1(I, &op))
		return -1;
	if (op.error == -EOPNOTSUPP)
		return raise_exc(I, EX_NOT_IMPLEMENTED, "%s() of anything but a function is not "
				 "supported by pymm", descr_kind_name(kind));
	if (op.error)
		return raise_op(I, &op, descr_kind_name(kind));
	*out = vobj(op.ret[0], true);
	return 0;
}

/* property(fget=None, fset=None, fdel=None, doc=None) */
static int bi_property(BI_ARGS)
{
	static const char *const kw[] = { "fget", "fset", "fdel", "doc" };
	uint64_t f[4] = { 0, 0, 0, 0 };
	int i, k;

	for (i = 0; i < nargs; i++)
		f[i] = need_obj(I, &args[i]) ? 0 : args[i].h;
	for (k = 0; k < nkw; k++) {
		for (i = 0; i < 4 && strcmp(kw[i], kwn[k]); i++)
			;
		if (i == 4)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR,
					 "property() got an unexpected keyword argument '%s'", kwn[k]);
		if (i < nargs || f[i])
			return raise_exc(I, PYMM_EXC_TYPE_ERROR,
					 "argument for property() given by name ('%s') and position "
					 "(%d)", kwn[k], i + 1);
		if (need_obj(I, &args[nargs + k]))
			return -1;
		f[i] = args[nargs + k].h;
	}
	if (f[3] && !is_none_h(I, f[3]))
		return raise_exc(I, EX_NOT_IMPLEMENTED, "property(doc=...) is not supported by pymm");
	return new_descr(I, PYMM_DESCR_PROPERTY, f, out);
}

/* staticmethod(f) (b->op 2), classmethod(f) (3) */
static int bi_wrap(BI_ARGS)
{
	uint64_t f[3] = { 0, 0, 0 };

	if (need_obj(I, &args[0]))
		return -1;
	f[0] = args[0].h;
	if (is_none_h(I, f[0]))
		return raise_exc(I, EX_NOT_IMPLEMENTED, "%s(None) is not supported by pymm",
				 b->name);
	return new_descr(I, b->op, f, out);
}

static int descr_field(struct interp *I, uint64_t d, uint32_t which, uint64_t *out)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_DESCR_GET);
	op.arg[0] = d;
	op.arg[1] = which;
	if (op1_raise(I, &op))
		return -1;
	*out = op.ret[0];
	return 0;
}

/*
 * prop.getter(f) (b->op PYMM_DESCR_F_GET), .setter, .deleter: a new
 * property with that function replaced (property_copy; the name is the
 * old one's, None in a class body).
 */
static int bi_prop_copy(BI_ARGS)
{
	uint64_t f[3] = { 0, 0, 0 };
	int i, err = 0;

	if (need_obj(I, &args[0]))
		return -1;
	for (i = 0; i < 3 && !err; i++)
		if (i + 1 != (int)b->op)
			err = descr_field(I, self->h, i + 1, &f[i]);
	if (!err) {
		f[b->op - 1] = args[0].h;
		err = new_descr(I, PYMM_DESCR_PROPERTY, f, out);
	}
	for (i = 0; i < 3; i++)
		if (f[i] && i + 1 != (int)b->op)
			queue_close(I, f[i]);
	return err;
}


const struct builtin *const builtins_descr[] = {
	ROW(BO_BUILTINS, "property", 0, 4, BF_KW, bi_property, 0),
	ROW(BO_BUILTINS, "staticmethod", 1, 1, 0, bi_wrap, PYMM_DESCR_STATICMETHOD),
	ROW(BO_BUILTINS, "classmethod", 1, 1, 0, bi_wrap, PYMM_DESCR_CLASSMETHOD),
	ROW(BO_PROPERTY, "getter", 1, 1, 0, bi_prop_copy, PYMM_DESCR_F_GET),
	ROW(BO_PROPERTY, "setter", 1, 1, 0, bi_prop_copy, PYMM_DESCR_F_SET),
	ROW(BO_PROPERTY, "deleter", 1, 1, 0, bi_prop_copy, PYMM_DESCR_F_DEL),
	NULL
};

/* `prop.setter` as a value (a decorator): the method bound to the property */
int descr_method_value(struct interp *I, struct value *obj, const char *name, struct value *out)
{
	uint32_t t;
	int id;

	if (obj->kind != V_OBJ || obj_type(I, obj->h, &t))
		return obj->kind != V_OBJ ? 1 : -1;
	if (t != PYMM_T_DESCR || (id = builtin_lookup(BO_PROPERTY, name)) < 0)
		return 1;
	memset(out, 0, sizeof(*out));
	out->kind = V_METHOD;
	out->id = id;
	out->self = obj->h;
	out->self_owned = obj->owned;
	memset(obj, 0, sizeof(*obj));
	return 0;
}

/*
 * After GETATTR / LOAD_METHOD / SETATTR / DELATTR on obj: ret1 says
 * whether the heap found a property.  PYMM_ATTR_PROPERTY: ret0 (now
 * owned by us) is the function to call with obj (and v, to set); its
 * result goes to *out (NULL: dropped).  PYMM_ATTR_NO_ACCESSOR: the
 * AttributeError CPython words.  1: neither, nothing done.
 */
int descr_apply(struct interp *I, const struct pymm_op *op, uint64_t obj, const char *name,
		const struct value *v, struct value *out)
{
	static const char *const what[] = { "getter", "setter", "deleter" };
	int which = op->code == PYMM_OP_SETATTR ? 1 : op->code == PYMM_OP_DELATTR ? 2 : 0;
	struct value fn, args[2], res = { 0 };
	struct objinfo oi;
	int err, n = 1;

	if (op->ret[1] == PYMM_ATTR_NO_ACCESSOR && op->error == -ENOENT) {
		if (obj_read(I, obj, &oi))
			return -1;
		/* an instance's class name; a list/dict/tuple subclass's (subclass.c) */
		err = raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "property '%s' of '%s' object has no %s",
				name, oi.type == PYMM_T_INSTANCE && oi.s && oi.len ? oi.s :
				attr_owner_name(I, obj, oi.type), what[which]);
		free(oi.s);
		return err;
	}
	if (op->error || op->ret[1] != PYMM_ATTR_PROPERTY)
		return 1;
	fn = vobj(op->ret[0], true);
	memset(args, 0, sizeof(args));
	args[0] = vobj(obj, false);
	if (v)
		args[n++] = vobj(v->h, false);	/* call() takes owned values over */
	err = call(I, &fn, args, n, NULL, &res);
	vrelease(I, &fn);
	if (err)
		return -1;
	if (out)
		*out = res;
	else
		vrelease(I, &res);
	return 0;
}

/* <property object at 0x...>, <staticmethod(<function f at 0x...>)> */
int descr_repr(struct interp *I, uint64_t h, uint32_t kind, struct strbuf *b)
{
	uint64_t f;
	int err;

	if (kind == PYMM_DESCR_MEMBER) {
		struct pymm_op op;
		struct objinfo oi;

		/* <member 'x' of 'Point' objects> */
		if (descr_field(I, h, PYMM_DESCR_F_NAME, &f))
			return -1;
		err = obj_read(I, f, &oi);
		queue_close(I, f);
		if (err)
			return -1;
		sb_addf(b, "<member '%s' of ", oi.s ? oi.s : "?");
		free(oi.s);
		pymm_op_init(&op, PYMM_OP_GETATTR);
		op.arg[0] = h;
		pymm_op_set_data(&op, "__objclass__", 12);
		if (op1(I, &op) || op.error || obj_read(I, op.ret[0], &oi)) {
			sb_adds(b, "'?' objects>");
			if (!op.error && op.ret[0])
				queue_close(I, op.ret[0]);
			return 0;
		}
		queue_close(I, op.ret[0]);
		sb_addf(b, "'%s' objects>", oi.s ? oi.s : "?");
		free(oi.s);
		return 0;
	}
	if (kind == PYMM_DESCR_PROPERTY) {
		uint64_t id = obj_id(I, h, &err);

		if (err)
			return -1;
		sb_addf(b, "<property object at 0x%" PRIx64 ">", id);
		return 0;
	}
	if (descr_field(I, h, PYMM_DESCR_F_GET, &f))
		return -1;
	sb_addf(b, "<%s(", descr_kind_name(kind));
	{
		struct value fv = vobj(f, true);

		err = value_repr(I, &fv, b, false);
		vrelease(I, &fv);
	}
	sb_adds(b, ")>");
	return err;
}
