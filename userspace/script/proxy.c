// SPDX-License-Identifier: GPL-2.0
/*
 * proxy.c - weakref.proxy(obj[, callback]) and what a script does with one.
 *
 * The proxy is a heap object (PYMM_T_WEAKPROXY, module/core/types/
 * weakref.c) in its referent's weak list, as CPython's weakproxy /
 * weakcallableproxy.  CPython's proxy type forwards every slot to the
 * referent (Objects/weakrefobject.c, UNWRAP): here the interpreter does
 * the same at the places a value is used as an object — attribute get,
 * set and delete, calls, operators, comparisons (not `is`), truth, len,
 * iteration, subscripts, `in`, str() — by proxy_deref(), which swaps the
 * proxy for a strong reference to its referent, or raises ReferenceError
 * once the referent is gone.  repr() and hash() are the proxy's own.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

bool is_proxy(const struct value *v)
{
	return v->kind == V_OBJ && v->h && PYMM_HANDLE_TYPE(v->h) == PYMM_T_WEAKPROXY;
}

static int proxy_dead(struct interp *I)
{
	return raise_exc(I, EX_REFERENCE, "weakly-referenced object no longer exists");
}

/* the referent of proxy h (a new handle), or ReferenceError */
static int proxy_referent(struct interp *I, uint64_t h, uint64_t *out)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_WEAKREF_GET);
	op.arg[0] = h;
	if (op1_raise(I, &op))
		return -1;
	if (!op.ret[0] || PYMM_HANDLE_TYPE(op.ret[0]) == PYMM_T_NONE) {
		if (op.ret[0])
			queue_close(I, op.ret[0]);
		return proxy_dead(I);
	}
	*out = op.ret[0];
	return 0;
}

/* UNWRAP: *v becomes its referent (owned) when it is a proxy; on error *v is as it was */
int proxy_deref(struct interp *I, struct value *v)
{
	uint64_t r = 0;

	if (!is_proxy(v))
		return 0;
	if (proxy_referent(I, v->h, &r))
		return -1;
	vrelease(I, v);
	*v = vobj(r, true);
	return 0;
}

/* both operands of a binary slot (proxy_add & co unwrap either side) */
int proxy_deref2(struct interp *I, struct value *a, struct value *b)
{
	return proxy_deref(I, a) || proxy_deref(I, b) ? -1 : 0;
}

/* 1 for a weakcallableproxy */
static int proxy_callable(struct interp *I, uint64_t h, bool *res)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_WEAKREF_CALLBACK);
	op.arg[0] = h;
	if (op1_raise(I, &op))
		return -1;
	queue_close(I, op.ret[0]);
	*res = op.ret[1] == 1;
	return 0;
}

/* the type's name, as hash() and type() say it */
const char *proxy_type_name(struct interp *I, uint64_t h)
{
	bool callable = false;

	if (proxy_callable(I, h, &callable))
		return NULL;
	return callable ? "weakref.CallableProxyType" : "weakref.ProxyType";
}

/*
 * proxy_repr: "<weakproxy at %p to %s at %p>" (3.11), the referent's type
 * name; once dead, None's.  as_str: str(proxy) is str() of the referent.
 */
int proxy_repr(struct interp *I, uint64_t h, struct strbuf *b, bool as_str)
{
	struct value r = vobj(h, false);
	struct objinfo oi;
	struct pymm_op op;
	uint64_t id, rid;
	int err = 0;

	if (as_str) {
		if (proxy_deref(I, &r))
			return -1;
		err = value_repr(I, &r, b, true);
		vrelease(I, &r);
		return err;
	}
	id = obj_id(I, h, &err);
	if (err)
		return -1;
	pymm_op_init(&op, PYMM_OP_WEAKREF_GET);
	op.arg[0] = h;
	if (op1_raise(I, &op))
		return -1;
	rid = obj_id(I, op.ret[0], &err);
	if (!err)
		err = obj_read(I, op.ret[0], &oi);
	if (!err) {
		sb_addf(b, "<weakproxy at 0x%" PRIx64 " to %s at 0x%" PRIx64 ">", id,
			oi.type == PYMM_T_INSTANCE && oi.s && oi.len ? oi.s :
			value_type_name(I, op.ret[0], oi.type), rid);
		free(oi.s);
	}
	queue_close(I, op.ret[0]);
	return err ? -1 : 0;
}

/*
 * The builtins whose first argument CPython uses through its type's slots,
 * which a proxy forwards (len(p), iter(p), str(p), getattr(p, n) ...); the
 * others see the proxy itself (id, type, repr, hash, callable, min(p, q);
 * isinstance looks at both, builtins_funcs.c).
 */
static const char *const unwrap_first[] = {
	"abs", "all", "any", "bool", "delattr", "dict", "divmod", "enumerate", "float",
	"format", "frozenset", "getattr", "hasattr", "int", "iter", "len",
	"list", "next", "pow", "reversed", "round", "set", "setattr", "sorted", "str", "sum",
	"tuple", NULL,
};

/* call_builtin: a builtin of the list called with a proxy first */
int proxy_call_builtin(struct interp *I, const struct builtin *b, struct value *args,
		       int nargs, const char *const *kwn, int nkw, struct value *out)
{
	struct value *a;
	int i, err;

	if (b->owner != BO_BUILTINS || !nargs || !is_proxy(&args[0]))
		return 1;
	for (i = 0; unwrap_first[i] && strcmp(unwrap_first[i], b->name); i++)
		;
	if (!unwrap_first[i])
		return 1;
	a = xrealloc(NULL, (size_t)(nargs + nkw) * sizeof(*a));
	memcpy(a, args, (size_t)(nargs + nkw) * sizeof(*a));
	a[0] = vobj(args[0].h, false);
	err = proxy_deref(I, &a[0]) ? -1 : b->fn(I, b, NULL, a, nargs, kwn, nkw, out);
	vrelease(I, &a[0]);
	free(a);
	return err;
}

/* callable(obj), as PyCallable_Check: which of the two proxy types */
static int referent_callable(struct interp *I, struct value *obj, bool *res)
{
	struct value out;
	int err;

	err = call_builtin(I, builtin_lookup(BO_BUILTINS, "callable"), NULL, obj, 1, NULL, 0,
			   &out);
	if (err)
		return -1;
	*res = out.kind == V_OBJ && out.h == I->h_true;
	vrelease(I, &out);
	return 0;
}

/* weakref.proxy(obj[, callback]) */
static int bi_proxy(BI_ARGS)
{
	struct pymm_op op;
	bool callable = false;
	uint32_t t = 0;

	if (need_obj(I, &args[0]) || (nargs == 2 && need_obj(I, &args[1])))
		return -1;
	pymm_op_init(&op, PYMM_OP_NEW_PROXY);
	if (nargs == 2 && args[1].h != I->h_none) {
		if (obj_type(I, args[1].h, &t))
			return -1;
		if (t != PYMM_T_FUNCTION && t != PYMM_T_METHOD)
			return raise_exc(I, EX_STOP, "pymm: a weakref callback must be a function or a method");
		op.arg[1] = args[1].h;
	}
	if (referent_callable(I, &args[0], &callable))
		return -1;
	op.arg[0] = args[0].h;
	op.arg[2] = callable;
	return weakref_made(I, &op, args[0].h, out);
}

const struct builtin *const builtins_proxy[] = {
	ROW(MOD_WEAKREF, "proxy", 1, 2, 0, bi_proxy, 0),
	NULL
};
