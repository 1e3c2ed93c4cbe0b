// SPDX-License-Identifier: GPL-2.0
/*
 * builtins_funcs.c - the builtin functions over iterables and numbers
 * (min, max, sum, sorted, any, all, round, divmod, pow, chr, ord, hex,
 * bin, oct, hash, callable, isinstance, getattr & co), rows of the
 * builtin table (struct builtin in interp.h).
 *
 * Iterables are what the heap can list at once: list, tuple, dict (its
 * keys), and iterator objects, walked to the end (enumerate, zip, map,
 * filter and reversed are iterobj.c's).  iter() and next(), and the
 * introspection builtins pymm cannot
 * answer truthfully, are refused with "... is not supported by pymm",
 * never a NameError that says Python lacks them.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

static bool is_none(struct interp *I, const struct value *v)
{
	return v->kind == V_OBJ && is_none_h(I, v->h);
}

/* ------------------------------------------------------- min, max */

/*
 * min/max's loop body (min_max() in bltinmodule.c): item (owned) against
 * the best so far; the first of equal items wins (strictly greater / less).
 * best owns its handle; bestk is key(best), or best itself without a key.
 */
struct minmax {
	bool is_max, have;
	struct value *key;
	struct value best, bestk;
};

static int minmax_take(struct interp *I, struct minmax *m, struct value item)
{
	struct value kv;
	bool better = true;
	int err = 0;

	if (m->key) {
		struct value arg;

		err = dup_of(I, item.h, &arg);
		if (!err)
			err = call(I, m->key, &arg, 1, NULL, &kv);
		vrelease(I, &arg);
		if (err) {
			vrelease(I, &item);
			return -1;
		}
	} else {
		kv = vobj(item.h, false);
	}
	if (m->have)
		err = compare(I, m->is_max ? CMP_GT : CMP_LT, &kv, &m->bestk, &better);
	if (!err && better) {
		if (m->key)
			vrelease(I, &m->bestk);
		vrelease(I, &m->best);
		m->best = item;
		m->bestk = kv;
		m->have = true;
		return 0;
	}
	if (m->key)
		vrelease(I, &kv);
	vrelease(I, &item);
	return err;
}

/* min(iterable) / max(iterable): one item at a time, any length */
static int minmax_stream(struct interp *I, struct minmax *m, struct value *iterable)
{
	struct py_iter it;
	int err = 0;

	if (iter_get(I, iterable, &it))
		return -1;
	while (!err) {
		struct value item;
		bool done;

		err = iter_next(I, &it, &item, &done);
		if (err || done)
			break;
		if (need_obj(I, &item)) {
			vrelease(I, &item);
			err = -1;
			break;
		}
		err = minmax_take(I, m, item);
	}
	iter_release(I, &it);
	return err;
}

static int bi_minmax(BI_ARGS)
{
	struct minmax m = { .is_max = b->op };
	struct value *dflt = NULL;
	int k, err = 0;

	for (k = 0; k < nkw; k++) {
		if (!strcmp(kwn[k], "key"))
			m.key = is_none(I, &args[nargs + k]) ? NULL : &args[nargs + k];
		else if (!strcmp(kwn[k], "default"))
			dflt = &args[nargs + k];
		else
			return raise_exc(I, PYMM_EXC_TYPE_ERROR, "'%s' is an invalid keyword "
					 "argument for %s()", kwn[k], b->name);
	}
	if (nargs == 0)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s expected at least 1 argument, got 0",
				 b->name);
	if (nargs > 1 && dflt)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "Cannot specify a default for %s() with "
				 "multiple positional arguments", b->name);
	if (nargs == 1) {
		err = minmax_stream(I, &m, &args[0]);
	} else {
		for (k = 0; k < nargs && !err; k++) {
			struct value item;

			err = need_obj(I, &args[k]) || dup_of(I, args[k].h, &item);
			if (!err)
				err = minmax_take(I, &m, item);
		}
	}
	if (!err) {
		if (m.have)
			err = dup_of(I, m.best.h, out);
		else if (dflt)
			err = need_obj(I, dflt) ? -1 : dup_of(I, dflt->h, out);
		else
			err = raise_exc(I, PYMM_EXC_VALUE_ERROR, "%s() arg is an empty sequence",
					b->name);
	}
	if (m.key)
		vrelease(I, &m.bestk);
	vrelease(I, &m.best);
	return err ? -1 : 0;
}

static int bi_sum(BI_ARGS)
{
	struct value acc, *start = nargs > 1 ? &args[1] : NULL;
	struct py_iter it;
	uint32_t t;
	int err = 0, k;

	for (k = 0; k < nkw; k++) {
		if (strcmp(kwn[k], "start") || start)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR, "'%s' is an invalid keyword "
					 "argument for sum()", kwn[k]);
		start = &args[nargs + k];
	}
	if (start) {
		if (need_obj(I, start) || obj_type(I, start->h, &t))
			return -1;
		if (t == PYMM_T_STR)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR,
					 "sum() can't sum strings [use ''.join(seq) instead]");
		if (t == PYMM_T_BYTES)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR,
					 "sum() can't sum bytes [use b''.join(seq) instead]");
		if (dup_of(I, start->h, &acc))
			return -1;
	} else if (new_int(I, 0, &acc)) {
		return -1;
	}
	/* PyObject_GetIter, then one item at a time: any length streams */
	if (iter_get(I, &args[0], &it)) {
		vrelease(I, &acc);
		return -1;
	}
	while (!err) {
		struct value item, r;
		bool done;

		err = iter_next(I, &it, &item, &done);
		if (err || done)
			break;
		err = binop(I, '+', &acc, &item, &r);
		vrelease(I, &item);
		if (!err) {
			vrelease(I, &acc);
			acc = r;
		}
	}
	iter_release(I, &it);
	if (err) {
		vrelease(I, &acc);
		return -1;
	}
	*out = acc;
	return 0;
}

static int bi_sorted(BI_ARGS)
{
	uint64_t *hs, *sorted;
	struct value *key;
	bool reverse;
	uint32_t n;
	int err;

	if (sort_keywords(I, "sort", args, nargs, kwn, nkw, &key, &reverse))
		return -1;
	/* PySequence_List(seq), then list.sort(): in the core when it can */
	if (!key && need_obj(I, &args[0]) == 0) {
		struct value copy;

		err = core_seq_from(I, PYMM_OP_LIST_FROM, args[0].h, &copy);
		if (err < 0)
			return -1;
		if (!err) {
			err = core_list_sort(I, copy.h, reverse);
			if (!err) {
				*out = copy;
				return 0;
			}
			vrelease(I, &copy);
			if (err < 0)
				return -1;
		}
	}
	if (iter_items(I, &args[0], &hs, &n))
		return -1;
	err = sort_handles(I, hs, n, key, reverse, &sorted);
	if (!err) {
		err = new_container(I, PYMM_OP_NEW_LIST, sorted, n, out);
		free(sorted);
	}
	close_many(I, hs, n);
	free(hs);
	return err;
}

/* any (b->op 0), all (1) */
/* any()/all(): one item at a time, stopping at the first that decides */
static int bi_anyall(BI_ARGS)
{
	bool all = b->op, res = all, t;
	struct py_iter it;
	int err = 0;

	if (iter_get(I, &args[0], &it))
		return -1;
	while (!err) {
		struct value item;
		bool done;

		err = iter_next(I, &it, &item, &done);
		if (err || done)
			break;
		err = truth(I, &item, &t);
		vrelease(I, &item);
		if (!err && t != all) {
			res = !all;
			break;
		}
	}
	iter_release(I, &it);
	if (err)
		return -1;
	*out = vbool(I, res);
	return 0;
}

/* ------------------------------------------------------- numbers */

static int bi_hash(BI_ARGS)
{
	struct pymm_op op;

	if (need_obj(I, &args[0]))
		return -1;
	if (is_proxy(&args[0])) {
		/* proxies are unhashable (3.11 gives them no tp_hash) */
		const char *tn = proxy_type_name(I, args[0].h);

		return tn ? raise_exc(I, PYMM_EXC_TYPE_ERROR, "unhashable type: '%s'", tn) : -1;
	}
	pymm_op_init(&op, PYMM_OP_HASH);
	/* weakref_hash: a ref whose referent died before it was hashed */
	if (PYMM_HANDLE_TYPE(args[0].h) == PYMM_T_WEAKREF)
		return op1_on_obj(I, &op, args[0].h, "weak object has gone away%.0s") ? -1 :
		       new_int(I, (int64_t)op.ret[0], out);
	if (op1_on_obj(I, &op, args[0].h, "unhashable type: '%s'"))
		return -1;
	return new_int(I, (int64_t)op.ret[0], out);
}

static int bi_callable(BI_ARGS)
{
	struct pymm_op op;
	uint32_t t;
	bool res = true;

	if (args[0].kind == V_OBJ) {
		if (obj_type(I, args[0].h, &t))
			return -1;
		res = t == PYMM_T_FUNCTION || t == PYMM_T_CLASS || t == PYMM_T_WEAKREF ||
		      t == PYMM_T_METHOD || t == PYMM_T_BUILTIN;
		if (t == PYMM_T_WEAKPROXY) {
			/* weakcallableproxy: its referent was callable when it was made */
			const char *tn = proxy_type_name(I, args[0].h);

			if (!tn)
				return -1;
			res = !strcmp(tn, "weakref.CallableProxyType");
		}
		if (t == PYMM_T_INSTANCE) {
			/* a class with __call__ */
			pymm_op_init(&op, PYMM_OP_GETATTR);
			op.arg[0] = args[0].h;
			pymm_op_set_data(&op, "__call__", 8);
			if (op1(I, &op))
				return -1;
			res = !op.error;
			if (res)
				queue_close(I, op.ret[0]);
		}
	} else if (args[0].kind == V_MODULE) {
		res = false;
	}
	*out = vbool(I, res);
	return 0;
}

static int bi_round(BI_ARGS)
{
	struct objinfo oi;
	int64_t nd = 0;
	bool num, has_nd = nargs > 1 && !is_none(I, &args[1]);
	int err;

	if (nkw)
		return raise_exc(I, EX_NOT_IMPLEMENTED, "round() keywords are not supported by "
				 "pymm");
	if (args[0].kind == V_OBJ && PYMM_HANDLE_TYPE(args[0].h) == PYMM_T_INSTANCE) {
		/* its class's __round__, with ndigits as given (None too) */
		err = call_special(I, args[0].h, "__round__", nargs > 1 ? &args[1] : NULL,
				   nargs > 1 ? 1 : 0, out);
		if (err <= 0)
			return err;
	}
	if (has_nd && read_int(I, &args[1], &nd, NULL))
		return -1;
	if (num_of(I, &args[0], &oi, &num))
		return -1;
	if (!num) {
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "type %s doesn't define __round__ method",
				objinfo_type_name(&oi));
		free(oi.s);
		return err;
	}
	free(oi.s);
	if (oi.type != PYMM_T_FLOAT) {
		int64_t p = 1, q, r;
		int i;

		if (!has_nd || nd >= 0) {
			uint32_t real;

			if (obj_type(I, args[0].h, &real))
				return -1;
			if (real == PYMM_T_INT)
				return dup_of(I, args[0].h, out);
			return new_int(I, oi.i, out);
		}
		for (i = 0; i < -nd && p <= INT64_MAX / 10; i++)
			p *= 10;
		if (i < -nd)
			return new_int(I, 0, out);
		/* round half to even, to a multiple of p */
		q = oi.i / p;
		r = oi.i % p;
		if (r < 0) {
			q--;
			r += p;
		}
		if (r > p - r || (r == p - r && (q & 1)))
			q++;
		return new_int(I, q * p, out);
	}
	if (!has_nd) {
		double r = nearbyint(oi.f);

		if (isnan(oi.f))
			return raise_exc(I, PYMM_EXC_VALUE_ERROR, "cannot convert float NaN to integer");
		if (isinf(oi.f))
			return raise_exc(I, PYMM_EXC_OVERFLOW_ERROR,
					 "cannot convert float infinity to integer");
		if (r >= 9223372036854775808.0 || r < -9223372036854775808.0)
			return overflow_range(I);
		return new_int(I, (int64_t)r, out);
	}
	if (isnan(oi.f) || isinf(oi.f) || nd > 308)
		return new_float(I, oi.f, out);
	if (nd >= 0) {
		/* CPython rounds the decimal string, correctly rounded: so does printf */
		char buf[400];

		snprintf(buf, sizeof(buf), "%.*f", (int)nd, oi.f);
		err = new_float(I, strtod(buf, NULL), out);
	} else {
		double p = pow(10.0, (double)-nd), r = nearbyint(oi.f / p) * p;

		err = new_float(I, nd < -308 ? 0.0 * oi.f : r, out);
	}
	return err;
}

static bool is_number_value(const struct value *v)
{
	uint32_t t = v->kind == V_OBJ ? PYMM_HANDLE_TYPE(v->h) : 0;

	return t == PYMM_T_INT || t == PYMM_T_BOOL || t == PYMM_T_FLOAT;
}

static int bi_divmod(BI_ARGS)
{
	struct value q, r;
	uint64_t hs[2];
	int err;

	/*
	 * not two numbers: an instance's __divmod__ or the other's
	 * __rdivmod__ (never its // and %), else divmod()'s TypeError
	 */
	if (!is_number_value(&args[0]) || !is_number_value(&args[1])) {
		err = instance_binop(I, 'd', &args[0], &args[1], false, out);
		return err <= 0 ? err : raise_unsupported_of(I, 'd', &args[0], &args[1]);
	}
	if (binop(I, 'f', &args[0], &args[1], &q))
		return -1;
	if (binop(I, '%', &args[0], &args[1], &r)) {
		vrelease(I, &q);
		return -1;
	}
	hs[0] = q.h;
	hs[1] = r.h;
	err = new_container(I, PYMM_OP_NEW_TUPLE, hs, 2, out);
	vrelease(I, &q);
	vrelease(I, &r);
	return err;
}

static int64_t mulmod(int64_t a, int64_t b, int64_t m)
{
	__int128 r = (__int128)a * b % m;

	return (int64_t)(r < 0 ? r + m : r);
}

static int bi_pow(BI_ARGS)
{
	struct objinfo a, e, m;
	bool num;
	int64_t base, exp, mod, res = 1;

	if (nargs == 2 || (nargs == 3 && is_none(I, &args[2])))
		return binop(I, '^', &args[0], &args[1], out);
	if (num_of(I, &args[0], &a, &num))
		return -1;
	free(a.s);
	if (num_of(I, &args[1], &e, &num))
		return -1;
	free(e.s);
	if (num_of(I, &args[2], &m, &num))
		return -1;
	free(m.s);
	if (a.type != PYMM_T_INT || e.type != PYMM_T_INT || m.type != PYMM_T_INT)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "pow() 3rd argument not allowed unless all "
				 "arguments are integers");
	if (m.i == 0)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "pow() 3rd argument cannot be 0");
	mod = m.i < 0 ? -m.i : m.i;
	base = a.i % mod;
	if (base < 0)
		base += mod;
	exp = e.i;
	if (exp < 0) {
		/* the inverse of base modulo mod (3.8+), by extended Euclid */
		int64_t t = 0, nt = 1, r = mod, nr = base, qq, tmp;

		while (nr) {
			qq = r / nr;
			tmp = t - qq * nt;
			t = nt;
			nt = tmp;
			tmp = r - qq * nr;
			r = nr;
			nr = tmp;
		}
		if (r != 1)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR,
					 "base is not invertible for the given modulus");
		base = t < 0 ? t + mod : t;
		exp = exp == INT64_MIN ? INT64_MAX : -exp;
	}
	for (; exp; exp >>= 1) {
		if (exp & 1)
			res = mulmod(res, base, mod);
		base = mulmod(base, base, mod);
	}
	res %= mod;
	/* the result has the modulus's sign */
	if (m.i < 0 && res)
		res -= mod;
	return new_int(I, res, out);
}

static int bi_chr(BI_ARGS)
{
	int64_t c;
	char buf[4];
	size_t n;

	if (read_int(I, &args[0], &c, NULL))
		return -1;
	if (c < 0 || c > 0x10ffff)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "chr() arg not in range(0x110000)");
	if (c >= 0xd800 && c <= 0xdfff)
		return raise_exc(I, EX_NOT_IMPLEMENTED, "lone surrogates are not supported by pymm "
				 "(its str is UTF-8)");
	if (c < 0x80) {
		buf[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		buf[0] = (char)(0xc0 | (c >> 6));
		buf[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		buf[0] = (char)(0xe0 | (c >> 12));
		buf[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		buf[0] = (char)(0xf0 | (c >> 18));
		buf[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		buf[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		buf[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	return new_str(I, buf, n, out);
}

static int bi_ord(BI_ARGS)
{
	struct objinfo oi;
	int64_t cp = 0, len = 0;
	size_t i;
	const unsigned char *s;
	int err;

	if (need_obj(I, &args[0]) || obj_read(I, args[0].h, &oi))
		return -1;
	s = (const unsigned char *)oi.s;
	if (oi.type == PYMM_T_BYTES) {
		err = oi.len == 1 ? new_int(I, s[0], out) :
		      raise_exc(I, PYMM_EXC_TYPE_ERROR, "ord() expected a character, but string "
				"of length %zu found", oi.len);
		free(oi.s);
		return err;
	}
	if (oi.type != PYMM_T_STR) {
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "ord() expected string of length 1, "
				"but %s found", objinfo_type_name(&oi));
		free(oi.s);
		return err;
	}
	for (i = 0; i < oi.len; i++)
		len += (s[i] & 0xc0) != 0x80;
	if (len != 1) {
		free(oi.s);
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "ord() expected a character, but string of "
				 "length %" PRId64 " found", len);
	}
	cp = oi.len == 1 ? s[0] : oi.len == 2 ? (s[0] & 0x1f) : oi.len == 3 ? (s[0] & 0x0f) :
	     (s[0] & 0x07);
	for (i = 1; i < oi.len; i++)
		cp = (cp << 6) | (s[i] & 0x3f);
	free(oi.s);
	return new_int(I, cp, out);
}

/* hex, oct, bin: b->op is the base */
static int bi_radix(BI_ARGS)
{
	static const char digits[] = "0123456789abcdef";
	char buf[80], *p = buf + sizeof(buf);
	int64_t v;
	uint64_t u;
	int base = (int)b->op;

	if (read_int(I, &args[0], &v, NULL))
		return -1;
	u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	*--p = 0;
	do {
		*--p = digits[u % base];
		u /= base;
	} while (u);
	*--p = base == 16 ? 'x' : base == 8 ? 'o' : 'b';
	*--p = '0';
	if (v < 0)
		*--p = '-';
	return new_str(I, p, strlen(p), out);
}

/* ------------------------------------------------ types and attributes */

/* the pymm type a builtin type name stands for, 0 none */
static uint32_t builtin_type_code(int id)
{
	static const struct { const char *name; uint32_t t; } map[] = {
		{ "int", PYMM_T_INT }, { "bool", PYMM_T_BOOL }, { "float", PYMM_T_FLOAT },
		{ "str", PYMM_T_STR }, { "list", PYMM_T_LIST }, { "tuple", PYMM_T_TUPLE },
		{ "dict", PYMM_T_DICT }, { "set", PYMM_T_SET }, { "frozenset", PYMM_T_SET },
		{ "range", PYMM_T_RANGE }, { "type", PYMM_T_CLASS },
		{ "bytes", PYMM_T_BYTES }, { "bytearray", PYMM_T_BYTEARRAY },
	};
	const struct builtin *b = builtin_get(id);
	size_t i;

	if (b && b->owner == BO_TYPES)
		return type_row_code(id);
	if (!b || b->owner != BO_BUILTINS)
		return 0;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(b->name, map[i].name))
			return map[i].t;
	return 0;
}

/* isinstance(x, row) for the hidden type of an object() singleton */
static int singleton_of_row(struct interp *I, const struct value *x, int id, bool *res)
{
	const char *n = builtin_name(id);

	if (!strcmp(n, "NotImplementedType"))
		return is_notimpl(I, x, res);
	if (!strcmp(n, "ellipsis"))
		return is_ellipsis(I, x, res);
	return 0;
}

/* isinstance(x, t) for one t: a builtin type or a class */
static int instance_of(struct interp *I, const struct value *x, const struct value *t, bool *res)
{
	struct value tv = *t;
	uint32_t xt = 0, want;

	*res = false;
	/* a stored builtin type is its row here (btypes.c) */
	tv.owned = false;
	if (btype_demote(I, &tv) < 0)
		return -1;
	t = &tv;
	if (is_proxy(x) && !(t->kind == V_BUILTIN && builtin_type_code(t->id) == PYMM_T_WEAKPROXY)) {
		/* a proxy is an instance of its referent's class (__class__ forwarded) */
		struct value r = vobj(x->h, false);
		int err = proxy_deref(I, &r) ? -1 : instance_of(I, &r, t, res);

		vrelease(I, &r);
		return err;
	}
	if (x->kind == V_OBJ && obj_type(I, x->h, &xt))
		return -1;
	if (x->kind == V_BUILTIN && builtin_is_type(x->id))
		xt = PYMM_T_CLASS;	/* isinstance(int, type) */
	if (t->kind == V_BUILTIN && (want = builtin_type_code(t->id))) {
		*res = xt == want || (want == PYMM_T_INT && xt == PYMM_T_BOOL);
		/* NotImplementedType and ellipsis: each has one instance */
		if (*res && want == PYMM_T_OBJECT)
			return singleton_of_row(I, x, t->id, res);
		/* set and frozenset, range and range_iterator, views, iterators: one code each */
		if (*res && (want == PYMM_T_SET || want == PYMM_T_RANGE || want == PYMM_T_DICTVIEW ||
			     want == PYMM_T_ITER))
			*res = !strcmp(value_class_name(I, x->h, xt), builtin_name(t->id));
		if (*res && want == PYMM_T_WEAKPROXY) {
			/* weakref.ProxyType or weakref.CallableProxyType */
			const char *tn = proxy_type_name(I, x->h);

			if (!tn)
				return -1;
			*res = !strcmp(strchr(tn, '.') + 1, builtin_name(t->id));
		}
		/* isinstance(wm, weakref.ref): WeakMethod derives from it */
		if (!*res && want == PYMM_T_WEAKREF && xt == PYMM_T_INSTANCE) {
			uint64_t cls;
			int err;

			if (getattr_h(I, x->h, "__class__", &cls))
				return -1;
			err = weak_method_class(I, cls, res);
			queue_close(I, cls);
			return err;
		}
		return 0;
	}
	if (t->kind == V_BUILTIN) {
		int r = weak_isinstance(I, x, t->id, res);	/* weakref.finalize */

		if (r <= 0)
			return r;
	}
	if (t->kind == V_OBJ) {
		uint32_t tt;

		if (obj_type(I, t->h, &tt))
			return -1;
		if (tt == PYMM_T_CLASS) {
			/* along type(x).__mro__; every value is an object */
			if (xt != PYMM_T_INSTANCE && xt != PYMM_T_LIST && xt != PYMM_T_DICT &&
			    xt != PYMM_T_TUPLE)
				return is_object_class(I, t->h, res);
			if (exc_isinstance(I, x->h, t->h, res))
				return -1;
			return *res || xt == PYMM_T_INSTANCE ? 0 : is_object_class(I, t->h, res);
		}
		if (tt == PYMM_T_TUPLE) {
			uint64_t *hs;
			uint32_t n, i;
			int err = 0;

			if (obj_items(I, t->h, &hs, &n))
				return -1;
			for (i = 0; i < n && !err && !*res; i++) {
				struct value e = vobj(hs[i], false);

				err = instance_of(I, x, &e, res);
			}
			close_many(I, hs, n);
			free(hs);
			return err;
		}
	}
	return raise_exc(I, PYMM_EXC_TYPE_ERROR,
			 "isinstance() arg 2 must be a type, a tuple of types, or a union");
}

static int bi_isinstance(BI_ARGS)
{
	bool res;

	if (instance_of(I, &args[0], &args[1], &res))
		return -1;
	*out = vbool(I, res);
	return 0;
}

static int attr_name(struct interp *I, const struct value *v, char **name)
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
 * An attribute of a builtin type, which pymm keeps out of the heap: a
 * type's __name__; what CPython 3.11 has (dunders included) is refused;
 * anything else is not found, as CPython would not find it.
 */
static int builtin_attr(struct interp *I, const struct value *obj, const char *name,
			struct value *out, bool *found)
{
	*found = true;
	if (!strncmp(name, "__", 2) || cpython_has(builtin_name(obj->id), name))
		return builtin_type_attr(I, obj, name, out) < 0 ? -1 : 0;
	*found = false;
	return 0;
}

/*
 * getattr(obj, name) as obj.name would (*found false: AttributeError, not
 * raised).  *found in: whether a property getter's AttributeError may be
 * swallowed too (hasattr, getattr with a default).
 */
static int get_attr(struct interp *I, const struct value *obj, const char *name,
		    struct value *out, bool *found)
{
	bool handled = false, may_swallow = *found;
	struct pymm_op op;
	uint32_t t;
	int id;

	*found = true;
	if (obj->kind == V_MODULE) {
		id = builtin_lookup(obj->id, name);
		*found = id >= 0;
		/* what CPython's module has is refused, never "not found" */
		if (!*found && !stream_of(obj) && cpython_has(module_name(obj->id), name))
			return refuse_attr(I, module_name(obj->id), name, true);
		out->kind = V_BUILTIN;
		out->id = id;
		return 0;
	}
	if (obj->kind == V_BUILTIN && builtin_is_type(obj->id))
		return builtin_attr(I, obj, name, out, found);
	if (obj->kind == V_BUILTIN || obj->kind == V_METHOD) {
		/* its heap object's attributes (bfunc.c) */
		struct value c = *obj;
		int err;

		c.self_owned = false;
		if (bfunc_materialize(I, &c))
			return -1;
		*found = may_swallow;
		err = get_attr(I, &c, name, out, found);
		vrelease(I, &c);
		return err;
	}
	if (obj->kind != V_OBJ) {
		*found = false;
		return 0;
	}
	if (obj_type(I, obj->h, &t) || func_attr(I, obj->h, t, name, out, &handled))
		return -1;
	if (handled)
		return 0;
	id = builtin_method_lookup(t, name);
	if (id >= 0) {
		struct value self;

		if (dup_of(I, obj->h, &self))
			return -1;
		memset(out, 0, sizeof(*out));
		out->kind = V_METHOD;
		out->id = id;
		out->self = self.h;
		out->self_owned = true;
		return 0;
	}
	{
		int base = I->ntbhold, r = getattribute_hook(I, obj->h, name, out);

		if (r == 1)
			r = descr_get_hook(I, obj->h, name, out);
		if (r < 0 && I->exc == PYMM_EXC_ATTRIBUTE_ERROR && may_swallow) {
			exc_swallow(I, base);
			*found = false;
			return 0;
		}
		if (r != 1)
			return r;
	}
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = obj->h;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1(I, &op))
		return -1;
	if (op.ret[1] == PYMM_ATTR_PROPERTY || op.ret[1] == PYMM_ATTR_NO_ACCESSOR) {
		int base = I->ntbhold;

		if (!descr_apply(I, &op, obj->h, name, NULL, out))
			return 0;
		if (I->exc == PYMM_EXC_ATTRIBUTE_ERROR) {
			/* __getattr__'s turn: its own AttributeError is swallowed as well */
			int r = getattr_after_error(I, obj->h, name, base, out);

			if (!r)
				return 0;
		}
		if (I->exc != PYMM_EXC_ATTRIBUTE_ERROR || !may_swallow)
			return -1;
		/* hasattr, getattr with a default: the getter's AttributeError is "not found" */
		release_tbhold(I, base);
		I->exc = EX_NONE;
		I->ntb = 0;
		*found = false;
		return 0;
	}
	if (op.error) {
		if (op.exc == PYMM_EXC_ATTRIBUTE_ERROR || op.error == -ENOENT ||
		    op.error == -EINVAL) {
			int base = I->ntbhold, r;

			/* int.real & co: CPython's type has it, so hasattr() is not False */
			if (t != PYMM_T_INSTANCE && cpython_has(value_type_name(I, obj->h, t), name))
				return refuse_obj_attr(I, obj->h, t, name);
			r = getattr_hook(I, obj->h, name, out);
			if (r <= 0 && (r == 0 || I->exc != PYMM_EXC_ATTRIBUTE_ERROR || !may_swallow))
				return r;
			if (r < 0)	/* __getattr__'s AttributeError: "not found" too */
				exc_swallow(I, base);
			*found = false;
			return 0;
		}
		return raise_op(I, &op, NULL);
	}
	*out = vobj(op.ret[0], true);
	return 0;
}

static int no_attr(struct interp *I, const struct value *obj, const char *name)
{
	struct objinfo oi;

	if (obj->kind == V_MODULE)
		return raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "module '%s' has no attribute '%s'",
				 module_name(obj->id), name);
	if (obj->kind == V_BUILTIN && builtin_is_type(obj->id))
		return raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "type object '%s' has no attribute '%s'",
				 builtin_name(obj->id), name);
	if (obj->kind == V_BUILTIN || obj->kind == V_METHOD) {
		const char *tn = obj->kind == V_METHOD && !obj->self ? "method_descriptor" :
				 "builtin_function_or_method";

		if (cpython_has(tn, name))
			return refuse_attr(I, tn, name, false);
		return raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'",
				 tn, name);
	}
	if (obj->kind == V_OBJ && PYMM_HANDLE_TYPE(obj->h) == PYMM_T_BUILTIN)
		return refuse_obj_attr(I, obj->h, PYMM_T_BUILTIN, name);
	if (obj->kind != V_OBJ || obj_read(I, obj->h, &oi))
		return raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "object has no attribute '%s'", name);
	if (oi.type == PYMM_T_CLASS)
		raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "type object '%s' has no attribute '%s'",
			  oi.s ? oi.s : "?", name);
	else
		raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'",
			  objinfo_type_name(&oi), name);
	free(oi.s);
	return -1;
}

static int bi_getattr(BI_ARGS)
{
	char *name;
	bool found;
	int err;

	if (attr_name(I, &args[1], &name))
		return -1;
	found = nargs > 2;	/* in: an AttributeError may be swallowed */
	err = get_attr(I, &args[0], name, out, &found);
	if (!err && !found)
		err = nargs > 2 ? (need_obj(I, &args[2]) ? -1 : dup_of(I, args[2].h, out)) :
		      no_attr(I, &args[0], name);
	free(name);
	return err;
}

/* vars(obj): obj.__dict__; vars() (the caller's locals) is refused */
int bi_vars(BI_ARGS)
{
	bool found = false;

	if (get_attr(I, &args[0], "__dict__", out, &found))
		return -1;
	if (!found)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "vars() argument must have __dict__ attribute");
	return 0;
}

static int bi_hasattr(BI_ARGS)
{
	struct value v = { 0 };
	char *name;
	bool found;
	int err;

	if (attr_name(I, &args[1], &name))
		return -1;
	found = true;	/* in: an AttributeError may be swallowed */
	err = get_attr(I, &args[0], name, &v, &found);
	free(name);
	if (err)
		return -1;
	if (found)
		vrelease(I, &v);
	*out = vbool(I, found);
	return 0;
}

/* setattr (b->op SETATTR), delattr (DELATTR) */
static int bi_setdelattr(BI_ARGS)
{
	struct pymm_op op;
	bool handled = false;
	char *name;
	int err = 0;

	if (attr_name(I, &args[1], &name) )
		return -1;
	if (need_obj(I, &args[0]) || (b->op == PYMM_OP_SETATTR && need_obj(I, &args[2]))) {
		free(name);
		return -1;
	}
	err = setattr_hook(I, args[0].h, name, b->op == PYMM_OP_SETATTR ? &args[2] : NULL);
	handled = err != 1;
	if (err == 1)
		err = 0;
	if (!handled && (b->op == PYMM_OP_SETATTR || !strcmp(name, "__dict__")))
		err = func_setattr(I, args[0].h, name, b->op == PYMM_OP_SETATTR ? &args[2] : NULL,
				   &handled);
	if (!err && !handled) {
		pymm_op_init(&op, b->op);
		op.arg[0] = args[0].h;
		if (b->op == PYMM_OP_SETATTR)
			op.arg[1] = args[2].h;
		pymm_op_set_data(&op, name, strlen(name));
		err = op1(I, &op);
		if (!err)
			err = descr_apply(I, &op, args[0].h, name,
					  b->op == PYMM_OP_SETATTR ? &args[2] : NULL, NULL);
		if (err == 1)
			err = op.error && (op.exc == PYMM_EXC_ATTRIBUTE_ERROR ||
					   op.error == -ENOENT) ? no_attr(I, &args[0], name) :
			      op.error ? raise_op(I, &op, NULL) : 0;
	}
	free(name);
	if (err)
		return -1;
	*out = vnone(I);
	return 0;
}

/* pymm's true size of the object's blocks: not CPython's numbers */
static int bi_getsizeof(BI_ARGS)
{
	struct pymm_op op;

	if (need_obj(I, &args[0]))
		return -1;
	pymm_op_init(&op, PYMM_OP_SIZEOF);
	op.arg[0] = args[0].h;
	if (op1_raise(I, &op))
		return -1;
	return new_int(I, (int64_t)op.ret[0], out);
}

const struct builtin *const builtins_funcs[] = {
	ROW(BO_BUILTINS, "min", 0, -1, BF_KW, bi_minmax, 0),
	ROW(BO_BUILTINS, "max", 0, -1, BF_KW, bi_minmax, 1),
	ROW(BO_BUILTINS, "sum", 1, 2, BF_KW, bi_sum, 0),
	ROW(BO_BUILTINS, "sorted", 1, 1, BF_KW, bi_sorted, 0),
	ROW(BO_BUILTINS, "any", 1, 1, 0, bi_anyall, 0),
	ROW(BO_BUILTINS, "all", 1, 1, 0, bi_anyall, 1),
	ROW(BO_BUILTINS, "hash", 1, 1, 0, bi_hash, 0),
	ROW(BO_BUILTINS, "callable", 1, 1, 0, bi_callable, 0),
	ROW(BO_BUILTINS, "round", 1, 2, BF_KW, bi_round, 0),
	ROW(BO_BUILTINS, "divmod", 2, 2, 0, bi_divmod, 0),
	ROW(BO_BUILTINS, "pow", 2, 3, 0, bi_pow, 0),
	ROW(BO_BUILTINS, "chr", 1, 1, 0, bi_chr, 0),
	ROW(BO_BUILTINS, "ord", 1, 1, 0, bi_ord, 0),
	ROW(BO_BUILTINS, "hex", 1, 1, 0, bi_radix, 16),
	ROW(BO_BUILTINS, "oct", 1, 1, 0, bi_radix, 8),
	ROW(BO_BUILTINS, "bin", 1, 1, 0, bi_radix, 2),
	ROW(BO_BUILTINS, "isinstance", 2, 2, 0, bi_isinstance, 0),
	ROW(BO_BUILTINS, "issubclass", 2, 2, 0, bi_issubclass, 0),
	ROW(BO_BUILTINS, "exec", 1, 3, 0, bi_exec, 0),
	ROW(BO_BUILTINS, "getattr", 2, 3, 0, bi_getattr, 0),
	ROW(BO_BUILTINS, "hasattr", 2, 2, 0, bi_hasattr, 0),
	ROW(BO_BUILTINS, "setattr", 3, 3, 0, bi_setdelattr, PYMM_OP_SETATTR),
	ROW(BO_BUILTINS, "delattr", 2, 2, 0, bi_setdelattr, PYMM_OP_DELATTR),
	/* iterator objects (CPython makes them heap objects): not yet */
	ROW(BO_BUILTINS, "type", 0, -1, 0, bi_type, 0),
	ROW(BO_BUILTINS, "eval", 1, 3, 0, bi_exec, 1),
	ROW(MOD_SYS, "getsizeof", 1, 2, 0, bi_getsizeof, 0),
	NULL
};
