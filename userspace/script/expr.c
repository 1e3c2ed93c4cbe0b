// SPDX-License-Identifier: GPL-2.0
/*
 * expr.c - expressions: constants, displays, operators, comparisons,
 * attribute access and the call expression.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* --------------------------------------------------------- expressions */


static int eval_const(struct interp *I, struct cval *k, struct value *out)
{
	switch (k->kind) {
	case CV_NONE:
		*out = vnone(I);
		return 0;
	case CV_TRUE:
		*out = vbool(I, true);
		return 0;
	case CV_FALSE:
		*out = vbool(I, false);
		return 0;
	case CV_ELLIPSIS:
		return ellipsis_load(I, out);
	default:
		if (k->slot < 0)
			return raise_exc(I, EX_SYSTEM, "pymm: constant without a slot");
		/* borrowed: co_consts keeps it alive */
		*out = vobj(I->const_h[k->slot], false);
		return 0;
	}
}

int eval_many(struct interp *I, struct nvec *v, struct value *vals)
{
	int i;

	for (i = 0; i < v->n; i++)
		if (eval(I, v->v[i], &vals[i])) {
			while (i--)
				vrelease(I, &vals[i]);
			return -1;
		}
	return 0;
}

void release_many(struct interp *I, struct value *vals, int n)
{
	int i;

	for (i = 0; i < n; i++)
		vrelease(I, &vals[i]);
}

/*
 * A dict display with **mapping items (a NULL key): BUILD_MAP of what
 * comes before the first, then DICT_UPDATE / MAP_ADD item by item, in order.
 */
static int dict_display_unpack(struct interp *I, struct node *n, struct value *out)
{
	struct value d, k = { 0 }, v = { 0 };
	int i, err;

	if (new_container(I, PYMM_OP_NEW_DICT, NULL, 0, &d))
		return -1;
	for (i = 0, err = 0; i < n->dict.keys.n && !err; i++) {
		if (n->dict.keys.v[i] && eval(I, n->dict.keys.v[i], &k))
			break;
		err = eval(I, n->dict.values.v[i], &v) || need_obj(I, &v);
		if (!err && !n->dict.keys.v[i]) {
			uint32_t t = 0;

			err = obj_type(I, v.h, &t);
			if (!err && t == PYMM_T_INSTANCE)
				err = raise_exc(I, EX_NOT_IMPLEMENTED, "{**x} of an instance is "
						"not supported by pymm");
			else if (!err && t != PYMM_T_DICT)
				err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "'%s' object is not a "
						"mapping", type_name(t));
			else if (!err)
				err = dict_merge(I, d.h, v.h);
		} else if (!err) {
			struct pymm_op op;

			err = need_obj(I, &k);
			if (!err) {
				pymm_op_init(&op, PYMM_OP_SETITEM);
				op.arg[0] = d.h;
				op.arg[1] = k.h;
				op.arg[2] = v.h;
				err = op1(I, &op);
				if (!err && op.error)
					err = op.exc == PYMM_EXC_TYPE_ERROR ?
					      raise_unhashable(I, k.h) : raise_op(I, &op, NULL);
			}
		}
		vrelease(I, &k);
		vrelease(I, &v);
	}
	if (i < n->dict.keys.n || err) {
		vrelease(I, &d);
		return -1;
	}
	*out = d;
	return 0;
}

static int eval_display(struct interp *I, struct node *n, struct value *out)
{
	int cnt = n->kind == N_DICT ? 2 * n->dict.keys.n : n->seq.elts.n, i, err;
	struct value *vals = calloc(cnt ? cnt : 1, sizeof(*vals));
	uint64_t *hs = calloc(cnt ? cnt : 1, sizeof(*hs));

	if (!vals || !hs) {
		perror("pymmctl");
		exit(1);
	}
	err = 0;
	if (n->kind == N_DICT) {
		/* CPython evaluates key, value, key, value... */
		for (i = 0; i < n->dict.keys.n && !err; i++) {
			err = eval(I, n->dict.keys.v[i], &vals[2 * i]);
			if (!err) {
				err = eval(I, n->dict.values.v[i], &vals[2 * i + 1]);
				if (err)
					vrelease(I, &vals[2 * i]);
			}
			if (err)
				release_many(I, vals, 2 * i);
		}
	} else {
		err = eval_many(I, &n->seq.elts, vals);
	}
	if (err) {
		free(vals);
		free(hs);
		return -1;
	}
	for (i = 0; i < cnt && !err; i++) {
		err = need_obj(I, &vals[i]);
		hs[i] = vals[i].h;
	}
	if (!err)
		err = new_container(I, n->kind == N_LIST ? PYMM_OP_NEW_LIST :
				    n->kind == N_TUPLE ? PYMM_OP_NEW_TUPLE : PYMM_OP_NEW_DICT,
				    hs, (uint32_t)cnt, out);
	release_many(I, vals, cnt);
	free(vals);
	free(hs);
	return err;
}

/*
 * seq[k] for a list, tuple, str, bytes, bytearray or range and a key whose
 * class has __index__ (PyNumber_AsSsize_t): the item at that int.  1: not
 * such a pair (the caller goes on).
 */
static int index_key(struct interp *I, uint64_t c, uint64_t k, struct value *out)
{
	struct value ik;
	uint32_t t, kt;
	int64_t i;
	int r;

	if (obj_type(I, c, &t) || obj_type(I, k, &kt))
		return -1;
	if (kt != PYMM_T_INSTANCE || (t != PYMM_T_LIST && t != PYMM_T_TUPLE && t != PYMM_T_STR &&
				       t != PYMM_T_BYTES && t != PYMM_T_BYTEARRAY &&
				       t != PYMM_T_RANGE))
		return 1;
	r = instance_index(I, k, &i);
	if (r)
		return r;
	if (new_int(I, i, &ik))
		return -1;
	r = getitem(I, c, ik.h, out);
	vrelease(I, &ik);
	return r;
}

int getitem(struct interp *I, uint64_t c, uint64_t k, struct value *out)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_GETITEM);
	op.arg[0] = c;
	op.arg[1] = k;
	if (op1(I, &op))
		return -1;
	if (op.error && op.exc == PYMM_EXC_TYPE_ERROR) {
		/* an instance: its class's __getitem__ */
		struct value kv = vobj(k, false);
		int r = call_special(I, c, "__getitem__", &kv, 1, out);

		if (r <= 0)
			return r;
		r = index_key(I, c, k, out);	/* a sequence, a key with __index__ */
		if (r <= 0)
			return r;
	}
	if (op.error) {
		if (op.exc == PYMM_EXC_KEY_ERROR) {
			struct strbuf b = { 0 };
			struct value kv = vobj(k, false);
			/* dict_subscript: a subclass's __missing__ answers for the key */
			int r = subclass_call(I, c, "__missing__", &kv, 1, out);

			if (r <= 0)
				return r;
			if (value_repr(I, &kv, &b, false))
				return -1;
			raise_exc(I, PYMM_EXC_KEY_ERROR, "%s", b.p ? b.p : "");
			sb_free(&b);
			return -1;
		}
		if (op.exc == PYMM_EXC_TYPE_ERROR) {
			/* no __getitem__ at all: an int, an iterator, a descriptor ... */
			struct objinfo oi;
			int err = 1;

			if (obj_read(I, c, &oi))
				return -1;
			if (oi.type != PYMM_T_LIST && oi.type != PYMM_T_TUPLE &&
			    oi.type != PYMM_T_STR && oi.type != PYMM_T_BYTES &&
			    oi.type != PYMM_T_DICT && oi.type != PYMM_T_RANGE)
				err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
						"'%s' object is not subscriptable",
						objinfo_type_name(&oi));
			free(oi.s);
			if (err <= 0)
				return err;
		}
		if (op.exc == PYMM_EXC_INDEX_ERROR) {
			uint32_t t = 0;

			obj_type(I, c, &t);
			return raise_exc(I, PYMM_EXC_INDEX_ERROR, "%s%sindex out of range",
					 t == PYMM_T_TUPLE ? "tuple" :
					 t == PYMM_T_RANGE ? "range object" :
					 t == PYMM_T_BYTEARRAY ? "bytearray" :
					 t == PYMM_T_STR ? "string" :
					 t == PYMM_T_BYTES ? "" : "list", t == PYMM_T_BYTES ? "" : " ");
		}
		if (op.exc == PYMM_EXC_TYPE_ERROR) {
			uint32_t t = 0, kt = 0;

			if (obj_type(I, c, &t) || obj_type(I, k, &kt))
				return -1;
			if (t == PYMM_T_LIST || t == PYMM_T_TUPLE || t == PYMM_T_RANGE) {
				struct objinfo ki = { 0 };
				int err;

				/* an instance reads as its class's name */
				if (kt == PYMM_T_INSTANCE && obj_read(I, k, &ki))
					return -1;
				err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
						"%s indices must be integers or slices, not %s",
						type_name(t), ki.s && ki.len ? ki.s :
						value_type_name(I, k, kt));
				free(ki.s);
				return err;
			}
			if (t == PYMM_T_DICT)
				return raise_exc(I, PYMM_EXC_TYPE_ERROR, "unhashable type: '%s'",
						 value_type_name(I, k, kt));
		}
		return raise_op(I, &op, NULL);
	}
	*out = vobj(op.ret[0], true);
	return 0;
}

/* a str, bytes, bytearray, list or tuple: `*` repeats it */
static bool is_repeatable(uint32_t t)
{
	return t == PYMM_T_STR || t == PYMM_T_BYTES || t == PYMM_T_BYTEARRAY || t == PYMM_T_LIST ||
	       t == PYMM_T_TUPLE;
}

/* user-space arithmetic for what the core's BINOP does not do */
int num_of(struct interp *I, const struct value *v, struct objinfo *oi, bool *is_num)
{
	if (need_obj(I, v) || obj_read(I, v->h, oi))
		return -1;
	*is_num = oi->type == PYMM_T_INT || oi->type == PYMM_T_BOOL || oi->type == PYMM_T_FLOAT;
	if (oi->type == PYMM_T_BOOL)
		oi->type = PYMM_T_INT;
	return 0;
}

static double py_fmod(double a, double b)
{
	double m = fmod(a, b);

	if (m) {
		if ((b < 0) != (m < 0))
			m += b;
	} else {
		m = copysign(0.0, b);
	}
	return m;
}

static int seq_concat(struct interp *I, uint32_t type, const struct value *a,
		      const struct value *b, int64_t times, struct value *out)
{
	uint64_t *ha = NULL, *hb = NULL, *all;
	uint32_t na = 0, nb = 0, i;
	int64_t t;
	size_t total;
	int err;

	if (obj_items(I, a->h, &ha, &na))
		return -1;
	if (b && obj_items(I, b->h, &hb, &nb)) {
		close_many(I, ha, na);
		free(ha);
		return -1;
	}
	if (times < 0)
		times = 0;
	total = b ? (size_t)na + nb : (size_t)na * (size_t)times;
	if (total > (PYMM_DATA_MAX / 8)) {
		close_many(I, ha, na);
		close_many(I, hb, nb);
		free(ha);
		free(hb);
		return raise_exc(I, PYMM_EXC_MEMORY_ERROR, "sequence too long for one pymm op");
	}
	all = xrealloc(NULL, (total ? total : 1) * sizeof(uint64_t));
	if (b) {
		memcpy(all, ha, na * sizeof(uint64_t));
		if (nb)
			memcpy(all + na, hb, nb * sizeof(uint64_t));
	} else {
		for (t = 0; t < times; t++)
			for (i = 0; i < na; i++)
				all[(size_t)t * na + i] = ha[i];
	}
	err = new_container(I, type == PYMM_T_LIST ? PYMM_OP_NEW_LIST : PYMM_OP_NEW_TUPLE,
			    all, (uint32_t)total, out);
	close_many(I, ha, na);
	close_many(I, hb, nb);
	free(ha);
	free(hb);
	free(all);
	return err;
}

static int binop_user(struct interp *I, int op, const struct value *a, const struct value *b,
		      struct value *out)
{
	struct objinfo x, y;
	bool xn, yn;
	int err = 0;

	if (num_of(I, a, &x, &xn))
		return -1;
	if (num_of(I, b, &y, &yn)) {
		free(x.s);
		return -1;
	}
	if (xn && yn) {
		if (x.type == PYMM_T_INT && y.type == PYMM_T_INT && op == '^' && y.i >= 0) {
			int64_t r = 1, e = y.i, base = x.i;

			/* square and multiply; any overflow is out of range */
			while (e) {
				if ((e & 1) && __builtin_mul_overflow(r, base, &r))
					goto overflow;
				e >>= 1;
				if (e && __builtin_mul_overflow(base, base, &base))
					goto overflow;
			}
			err = new_int(I, r, out);
		} else if (x.type == PYMM_T_INT && y.type == PYMM_T_INT && op != '/' && op != '^') {
			int64_t r, q, m;

			switch (op) {
			case '+':
				if (__builtin_add_overflow(x.i, y.i, &r))
					goto overflow;
				err = new_int(I, r, out);
				break;
			case '-':
				if (__builtin_sub_overflow(x.i, y.i, &r))
					goto overflow;
				err = new_int(I, r, out);
				break;
			case '*':
				if (__builtin_mul_overflow(x.i, y.i, &r))
					goto overflow;
				err = new_int(I, r, out);
				break;
			default:
				if (!y.i) {
					err = raise_exc(I, PYMM_EXC_ZERO_DIVISION_ERROR, "%s",
							op == 'f' ? "integer division or modulo by zero" :
							"integer modulo by zero");
					break;
				}
				if (x.i == INT64_MIN && y.i == -1)
					goto overflow;
				q = x.i / y.i;
				m = x.i % y.i;
				if (m && ((m < 0) != (y.i < 0))) {
					q--;
					m += y.i;
				}
				err = new_int(I, op == 'f' ? q : m, out);
			}
		} else {
			double fx = x.type == PYMM_T_FLOAT ? x.f : (double)x.i;
			double fy = y.type == PYMM_T_FLOAT ? y.f : (double)y.i;

			switch (op) {
			case '+': err = new_float(I, fx + fy, out); break;
			case '-': err = new_float(I, fx - fy, out); break;
			case '*': err = new_float(I, fx * fy, out); break;
			case '^':
				if (fx == 0 && fy < 0)
					err = raise_exc(I, PYMM_EXC_ZERO_DIVISION_ERROR,
							"0.0 cannot be raised to a negative power");
				else if (fx < 0 && fy != floor(fy))
					err = raise_exc(I, EX_NOT_IMPLEMENTED,
							"complex results are not supported by pymm");
				else
					err = new_float(I, pow(fx, fy), out);
				break;
			default:
				if (fy == 0) {
					err = raise_exc(I, PYMM_EXC_ZERO_DIVISION_ERROR, "%s",
							op == '/' ? (x.type == PYMM_T_INT &&
							y.type == PYMM_T_INT ? "division by zero" :
							"float division by zero") :
							op == 'f' ? "float floor division by zero" :
							"float modulo");
					break;
				}
				err = new_float(I, op == '/' ? fx / fy : op == 'f' ?
						floor(fx / fy) : py_fmod(fx, fy), out);
			}
		}
	} else if (op == '+' && x.type == y.type && (x.type == PYMM_T_STR || x.type == PYMM_T_BYTES)) {
		char *s = xrealloc(NULL, x.len + y.len + 1);

		memcpy(s, x.s, x.len);
		memcpy(s + x.len, y.s, y.len);
		err = new_scalar(I, x.type == PYMM_T_STR ? PYMM_OP_NEW_STR : PYMM_OP_NEW_BYTES,
				 x.type == PYMM_T_STR ? PYMM_STR_RUNTIME : 0,
				 s, x.len + y.len, out);
		free(s);
	} else if (op == '*' && (x.type == PYMM_T_STR || x.type == PYMM_T_BYTES ||
				 x.type == PYMM_T_BYTEARRAY) && y.type == PYMM_T_INT) {
		int64_t t, n = y.i < 0 ? 0 : y.i;
		char *s;

		if (x.len && (uint64_t)n > PYMM_DATA_MAX / x.len) {
			err = raise_exc(I, PYMM_EXC_MEMORY_ERROR, "string too long for one pymm op");
		} else {
			s = xrealloc(NULL, x.len * (size_t)n + 1);
			for (t = 0; t < n; t++)
				memcpy(s + (size_t)t * x.len, x.s, x.len);
			err = new_scalar(I, x.type == PYMM_T_STR ? PYMM_OP_NEW_STR :
					 x.type == PYMM_T_BYTES ? PYMM_OP_NEW_BYTES :
					 PYMM_OP_NEW_BYTEARRAY,
					 x.type == PYMM_T_STR ? PYMM_STR_RUNTIME : 0,
					 s, x.len * (size_t)n, out);
			free(s);
		}
	} else if (op == '*' && x.type == PYMM_T_INT &&
		   (y.type == PYMM_T_STR || y.type == PYMM_T_BYTES || y.type == PYMM_T_LIST ||
		    y.type == PYMM_T_TUPLE || y.type == PYMM_T_BYTEARRAY)) {
		free(x.s);
		free(y.s);
		return binop_user(I, op, b, a, out);
	} else if (op == '+' && x.type == y.type && (x.type == PYMM_T_LIST || x.type == PYMM_T_TUPLE)) {
		err = seq_concat(I, x.type, a, b, 0, out);
	} else if (op == '*' && (x.type == PYMM_T_LIST || x.type == PYMM_T_TUPLE) &&
		   y.type == PYMM_T_INT) {
		err = seq_concat(I, x.type, a, NULL, y.i, out);
	} else if ((x.type == PYMM_T_INSTANCE || y.type == PYMM_T_INSTANCE) &&
		   (err = instance_binop(I, op, a, b, false, out)) <= 0) {
		/* a class's __add__ & co (operators.c) */
	} else {
		err = raise_unsupported(I, op, objinfo_type_name(&x), objinfo_type_name(&y));
		if (op == '+' && (x.type == PYMM_T_STR || x.type == PYMM_T_LIST ||
				  x.type == PYMM_T_TUPLE))
			snprintf(I->exc_msg, sizeof(I->exc_msg),
				 "can only concatenate %s (not \"%s\") to %s", type_name(x.type),
				 objinfo_type_name(&y), type_name(x.type));
		/* sequence_repeat(): the left sequence's, else the right's, count */
		else if (op == '*' && (is_repeatable(x.type) || is_repeatable(y.type)))
			snprintf(I->exc_msg, sizeof(I->exc_msg),
				 "can't multiply sequence by non-int of type '%s'",
				 objinfo_type_name(is_repeatable(x.type) ? &y : &x));
	}
	free(x.s);
	free(y.s);
	return err;
overflow:
	free(x.s);
	free(y.s);
	return overflow_range(I);
}

/* the core's int operator for op, 0 for those it computes only with + - * */
static uint32_t int_bin_kind(int op)
{
	switch (op) {
	case 'f': return PYMM_BIN_FLOORDIV;
	case '%': return PYMM_BIN_MOD;
	case '^': return PYMM_BIN_POW;
	case '&': return PYMM_BIN_AND;
	case '|': return PYMM_BIN_OR;
	case 'x': return PYMM_BIN_XOR;
	case 'l': return PYMM_BIN_LSHIFT;
	case 'r': return PYMM_BIN_RSHIFT;
	}
	return 0;
}

/*
 * int op int, known from the handles: one BINOP instead of two READs and a
 * NEW_INT (docs/interpreter.md).  1: not done here (not two ints, or the
 * core refused: the paths below compute it again and raise 3.11's error).
 */
static int binop_ints(struct interp *I, int op, const struct value *a, const struct value *b,
		      struct value *out)
{
	uint32_t kind = int_bin_kind(op);
	struct pymm_op o;

	if (!kind || PYMM_HANDLE_TYPE(a->h) != PYMM_T_INT ||
	    PYMM_HANDLE_TYPE(b->h) != PYMM_T_INT)
		return 1;
	pymm_op_init(&o, PYMM_OP_BINOP);
	o.arg[0] = a->h;
	o.arg[1] = b->h;
	o.arg[2] = kind;
	if (op1(I, &o))
		return -1;
	if (o.error)
		return 1;
	*out = vobj(o.ret[0], true);
	return 0;
}

static int binop_objs(struct interp *I, int op, const struct value *a, const struct value *b,
		      struct value *out);

/* proxy_add & co: a proxy on either side stands for its referent */
int binop(struct interp *I, int op, const struct value *a, const struct value *b,
	  struct value *out)
{
	struct value x, y;
	int err;

	if (!is_proxy(a) && !is_proxy(b))
		return binop_objs(I, op, a, b, out);
	x = vobj(a->h, false);
	y = vobj(b->h, false);
	err = need_obj(I, a) || need_obj(I, b) || proxy_deref2(I, &x, &y) ? -1 :
	      binop_objs(I, op, &x, &y, out);
	vrelease(I, &x);
	vrelease(I, &y);
	return err;
}

static int binop_objs(struct interp *I, int op, const struct value *a, const struct value *b,
		      struct value *out)
{
	struct pymm_op o;
	int r;

	if (need_obj(I, a) || need_obj(I, b))
		return -1;
	r = binop_ints(I, op, a, b, out);
	if (r <= 0)
		return r;
	/* Counter + Counter & co (stdmods.c) */
	r = stdmod_binop(I, op, a, b, out);
	if (r <= 0)
		return r;
	if (op == '|' || op == '&' || op == '-' || op == 'x') {
		uint32_t ta, tb;

		if (pair_types(I, a->h, b->h, &ta, &tb))
			return -1;
		r = ta == PYMM_T_SET && tb == PYMM_T_SET ? set_binop(I, op, a, b, out) : 1;
		if (r <= 0)
			return r;
		r = op == '|' ? dict_or(I, ta, tb, a, b, out) : 1;
		if (r <= 0)
			return r;
		if (ta == PYMM_T_DICTVIEW || tb == PYMM_T_DICTVIEW) {
			r = view_refuse_setlike(I, "set operations", a, b);
			if (r <= 0)
				return r;
		}
	}
	if (lang_is_bitop(op))
		return lang_bitop(I, op, a, b, out);
	if (op == '%') {
		int r = lang_percent(I, a, b, out);

		if (r <= 0)
			return r;
	}
	if (op == '+' || op == '-' || op == '*') {
		pymm_op_init(&o, PYMM_OP_BINOP);
		o.arg[0] = a->h;
		o.arg[1] = b->h;
		o.arg[2] = op == '+' ? PYMM_BIN_ADD : op == '-' ? PYMM_BIN_SUB : PYMM_BIN_MUL;
		if (op1(I, &o))
			return -1;
		if (!o.error) {
			*out = vobj(o.ret[0], true);
			return 0;
		}
		if (o.exc != PYMM_EXC_TYPE_ERROR && o.error != -EOPNOTSUPP)
			return o.exc == PYMM_EXC_OVERFLOW_ERROR ? overflow_range(I) :
			       raise_op(I, &o, NULL);
	}
	/* what the core does not do: true/floor division, modulo, and
	 * whatever this core refuses (floats, sequences) */
	return binop_user(I, op, a, b, out);
}

static int compare_core(struct interp *I, int cmp, const struct value *a,
			const struct value *b, bool *res);

/* `in` without __contains__: the iteration protocol, `is` then `==` per item */
static int contains_by_iter(struct interp *I, const struct value *item, const struct value *c,
			    bool *res)
{
	struct py_iter it;
	int err;

	*res = false;
	if (iter_get(I, c, &it))
		return -1;
	for (;;) {
		struct value e;
		bool done, same = false;

		err = iter_next(I, &it, &e, &done);
		if (err || done)
			break;
		err = compare_core(I, PYMM_CMP_IS, item, &e, &same);
		if (!err && !same)
			err = compare(I, CMP_EQ, &e, item, &same);
		vrelease(I, &e);
		if (err || same) {
			*res = same;
			break;
		}
	}
	iter_release(I, &it);
	return err;
}

/* the type name of an `in` operand for a message: a proxy's is its own */
static const char *item_type_name(struct interp *I, uint64_t h, const struct objinfo *oi)
{
	return oi->type == PYMM_T_WEAKPROXY ? value_type_name(I, h, oi->type) :
	       objinfo_type_name(oi);
}

static int contains(struct interp *I, const struct value *item, const struct value *c, bool *res)
{
	struct objinfo oi;

	if (need_obj(I, item) || need_obj(I, c) || obj_read(I, c->h, &oi))
		return -1;
	*res = false;
	if (oi.type == PYMM_T_INSTANCE) {
		struct value out, iv = vobj(item->h, false);
		int r;

		free(oi.s);
		r = call_special(I, c->h, "__contains__", &iv, 1, &out);
		if (r < 0)
			return -1;
		if (r == 1)
			return contains_by_iter(I, item, c, res);
		r = truth(I, &out, res);
		vrelease(I, &out);
		return r;
	}
	if (oi.type == PYMM_T_SET) {
		free(oi.s);
		return set_contains(I, c->h, item->h, res);
	}
	if (oi.type == PYMM_T_RANGE) {
		free(oi.s);
		return range_contains(I, c->h, item, res);
	}
	if (oi.type == PYMM_T_DICTVIEW) {
		free(oi.s);
		return view_contains(I, c->h, item, res);
	}
	if (oi.type == PYMM_T_DICT) {
		struct pymm_op op;

		free(oi.s);
		pymm_op_init(&op, PYMM_OP_GETITEM);
		op.arg[0] = c->h;
		op.arg[1] = item->h;
		if (op1(I, &op))
			return -1;
		if (!op.error) {
			queue_close(I, op.ret[0]);
			*res = true;
			return 0;
		}
		if (op.exc == PYMM_EXC_KEY_ERROR)
			return 0;
		if (op.exc == PYMM_EXC_TYPE_ERROR)
			return raise_unhashable(I, item->h);
		return raise_op(I, &op, NULL);
	}
	if (oi.type == PYMM_T_LIST || oi.type == PYMM_T_TUPLE) {
		uint64_t *hs;
		uint32_t n, i;
		int err = 0;

		free(oi.s);
		if (obj_items(I, c->h, &hs, &n))
			return -1;
		for (i = 0; i < n && !err && !*res; i++) {
			struct value e = vobj(hs[i], false);
			bool same = false;

			err = compare_core(I, PYMM_CMP_IS, item, &e, &same);
			if (!err && !same)
				err = compare(I, CMP_EQ, &e, item, &same);
			*res = same;
		}
		close_many(I, hs, n);
		free(hs);
		return err;
	}
	if (oi.type == PYMM_T_STR || oi.type == PYMM_T_BYTES || oi.type == PYMM_T_BYTEARRAY) {
		struct objinfo ii;
		int err = 0;

		if (obj_read(I, item->h, &ii)) {
			free(oi.s);
			return -1;
		}
		if (oi.type != PYMM_T_STR) {
			/* bytes_contains: an int is one byte, else a bytes-like object */
			if (ii.type == PYMM_T_INT || ii.type == PYMM_T_BOOL) {
				if (ii.i < 0 || ii.i > 255)
					err = raise_exc(I, PYMM_EXC_VALUE_ERROR,
							"byte must be in range(0, 256)");
				else
					*res = oi.len && memchr(oi.s, (int)ii.i, oi.len);
			} else if (ii.type == PYMM_T_BYTES || ii.type == PYMM_T_BYTEARRAY) {
				*res = ii.len == 0 || (oi.len >= ii.len &&
					memmem(oi.s, oi.len, ii.s, ii.len) != NULL);
			} else {
				err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "a bytes-like object is "
						"required, not '%s'", item_type_name(I, item->h, &ii));
			}
			free(ii.s);
			free(oi.s);
			return err;
		}
		if (ii.type != oi.type)
			err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "'in <string>' requires string as left "
					"operand, not %s", item_type_name(I, item->h, &ii));
		else
			*res = ii.len == 0 || (oi.len >= ii.len &&
				memmem(oi.s, oi.len, ii.s, ii.len) != NULL);
		free(ii.s);
		free(oi.s);
		return err;
	}
	free(oi.s);
	if (oi.type == PYMM_T_GENERATOR || oi.type == PYMM_T_ITER)
		return contains_by_iter(I, item, c, res);
	return raise_exc(I, PYMM_EXC_TYPE_ERROR, "argument of type '%s' is not iterable",
			 type_name(oi.type));
}

static int compare_values(struct interp *I, int cmp, const struct value *a,
			  const struct value *b, bool *res)
{
	struct value av = *a, bv = *b;
	struct pymm_op op;
	/* ast.h's CMP_EQ..CMP_IS_NOT are numbered as PYMM_CMP_* */
	int code = cmp, r;
	bool keep = I->cmp_keep;	/* eval_compare() wants the value: this one's */

	I->cmp_keep = false;

	_Static_assert((int)CMP_EQ == (int)PYMM_CMP_EQ && (int)CMP_IS_NOT == (int)PYMM_CMP_IS_NOT &&
		       (int)CMP_LT == (int)PYMM_CMP_LT && (int)CMP_GE == (int)PYMM_CMP_GE,
		       "cmp numbering");
	if (a->kind != b->kind) {
		/* int is t, t == str: a stored type is the static one (btypes.c) */
		if (btype_promote(I, &av) < 0 || btype_promote(I, &bv) < 0)
			return -1;
		a = &av;
		b = &bv;
	}
	if (a->kind != V_OBJ || b->kind != V_OBJ) {
		bool same = a->kind == b->kind && a->id == b->id && a->h == b->h;

		if (code == PYMM_CMP_IS || code == PYMM_CMP_EQ) {
			*res = same;
			return 0;
		}
		if (code == PYMM_CMP_IS_NOT || code == PYMM_CMP_NE) {
			*res = !same;
			return 0;
		}
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "builtins cannot be ordered");
	}
	/* two Counters, two OrderedDicts: their class's comparison (stdmods.c) */
	r = stdmod_compare(I, code, a, b, res);
	if (r <= 0)
		return r;
	pymm_op_init(&op, PYMM_OP_COMPARE);
	op.arg[0] = a->h;
	op.arg[1] = b->h;
	op.arg[2] = (uint64_t)code;
	if (op1(I, &op))
		return -1;
	if (op.ret[1] && code != PYMM_CMP_IS && code != PYMM_CMP_IS_NOT) {
		/* __eq__, __lt__ ... of a class (operators.c) */
		I->cmp_keep = keep;
		r = rich_compare(I, code, a->h, b->h, res);
		I->cmp_keep = false;
		if (r <= 0)
			return r;
		if (code == PYMM_CMP_EQ || code == PYMM_CMP_NE) {
			/* every method said NotImplemented: object's == is identity */
			if (same_object(I, a->h, b->h, res))
				return -1;
			*res ^= code == PYMM_CMP_NE;
			return 0;
		}
	}
	if (op.error) {
		if (op.exc == PYMM_EXC_TYPE_ERROR) {
			struct objinfo x, y;
			static const char *const sym[] = {
				[PYMM_CMP_LT] = "<", [PYMM_CMP_LE] = "<=", [PYMM_CMP_GT] = ">",
				[PYMM_CMP_GE] = ">=", [PYMM_CMP_EQ] = "==", [PYMM_CMP_NE] = "!=",
				[PYMM_CMP_IS] = "is", [PYMM_CMP_IS_NOT] = "is not",
			};

			if (obj_read(I, a->h, &x))
				return -1;
			if (obj_read(I, b->h, &y)) {
				free(x.s);
				return -1;
			}
			r = raise_exc(I, PYMM_EXC_TYPE_ERROR,
				      "'%s' not supported between instances of '%s' and '%s'",
				      code < PYMM_CMP_MAX ? sym[code] : "?", objinfo_type_name(&x),
				      objinfo_type_name(&y));
			free(x.s);
			free(y.s);
			return r;
		}
		/* == of sets, lists, tuples holding instances whose class defines __eq__ */
		if (op.error == -ENOKEY && (code == PYMM_CMP_EQ || code == PYMM_CMP_NE)) {
			uint32_t ta, tb;

			if (pair_types(I, a->h, b->h, &ta, &tb))
				return -1;
			if ((ta == PYMM_T_SET || ta == PYMM_T_LIST || ta == PYMM_T_TUPLE) &&
			    ta == tb) {
				if (ta == PYMM_T_SET ? userkey_set_equal(I, a->h, b->h, res) :
						       userkey_seq_equal(I, a->h, b->h, res))
					return -1;
				*res ^= code == PYMM_CMP_NE;
				return 0;
			}
		}
		/* == of a dict_keys/dict_items view, even inside containers */
		if (op.error == -EOPNOTSUPP)
			return raise_exc(I, EX_NOT_IMPLEMENTED,
					 "comparisons of dict_keys and dict_items views are not "
					 "supported by pymm");
		return raise_op(I, &op, NULL);
	}
	*res = op.ret[0] != 0;
	return 0;
}

/* a builtin function or method as its heap object, borrowed or in *tmp (bfunc.c) */
static int builtin_as_obj(struct interp *I, const struct value *v, struct value *tmp)
{
	*tmp = *v;
	tmp->owned = false;
	tmp->self_owned = false;
	if ((v->kind != V_BUILTIN || builtin_is_type(v->id)) && v->kind != V_METHOD)
		return 0;
	return bfunc_materialize(I, tmp);
}

static int compare_core(struct interp *I, int cmp, const struct value *a,
			const struct value *b, bool *res)
{
	struct value av, bv;
	int err;

	/* "a".upper is "a".upper: two objects, == by self and function */
	if (builtin_as_obj(I, a, &av))
		return -1;
	if (builtin_as_obj(I, b, &bv)) {
		vrelease(I, &av);
		return -1;
	}
	err = compare_values(I, cmp, &av, &bv, res);
	vrelease(I, &av);
	vrelease(I, &bv);
	return err;
}

/* proxy_richcompare, proxy_contains: a proxy stands for its referent */
static int compare_proxy(struct interp *I, int cmp, const struct value *a,
			 const struct value *b, bool *res)
{
	struct value x = vobj(a->h, false), y = vobj(b->h, false);
	int err;

	if (a->kind != V_OBJ)
		x = *a;
	if (b->kind != V_OBJ)
		y = *b;
	err = proxy_deref2(I, &x, &y) ? -1 : compare(I, cmp, &x, &y, res);
	if (x.kind == V_OBJ)
		vrelease(I, &x);
	if (y.kind == V_OBJ)
		vrelease(I, &y);
	return err;
}

/*
 * weakref_richcompare: two live refs compare their referents (a class's
 * __eq__ included); 1: a ref is dead, identity decides (the core's).
 */
static int compare_refs(struct interp *I, int cmp, uint64_t a, uint64_t b, bool *res)
{
	struct pymm_op ops[2];
	int i, r = 1;

	for (i = 0; i < 2; i++) {
		pymm_op_init(&ops[i], PYMM_OP_WEAKREF_GET);
		ops[i].arg[0] = i ? b : a;
	}
	if (xops(I, ops, 2))
		return -1;
	for (i = 0; i < 2; i++)
		if (ops[i].error)
			r = raise_op(I, &ops[i], NULL);
	if (r > 0 && ops[0].ret[0] && ops[1].ret[0] && !is_none_h(I, ops[0].ret[0]) &&
	    !is_none_h(I, ops[1].ret[0])) {
		struct value x = vobj(ops[0].ret[0], false), y = vobj(ops[1].ret[0], false);

		r = compare(I, cmp, &x, &y, res);
	}
	for (i = 0; i < 2; i++)
		if (!ops[i].error && ops[i].ret[0])
			queue_close(I, ops[i].ret[0]);
	return r;
}

int compare(struct interp *I, int cmp, const struct value *a, const struct value *b,
		   bool *res)
{
	bool keep = I->cmp_keep;

	if (cmp == CMP_IN || cmp == CMP_NOT_IN) {
		/*
		 * proxy_contains unwraps the container only: the item is
		 * compared as itself (a proxy is in a list holding it)
		 */
		struct value c = *b;
		int err;

		I->cmp_keep = false;
		if (is_proxy(b)) {
			c = vobj(b->h, false);
			if (proxy_deref(I, &c))
				return -1;
		}
		err = contains(I, a, &c, res);
		if (is_proxy(b))
			vrelease(I, &c);
		if (err)
			return -1;
		if (cmp == CMP_NOT_IN)
			*res = !*res;
		return 0;
	}
	if (cmp != CMP_IS && cmp != CMP_IS_NOT && (is_proxy(a) || is_proxy(b)))
		return compare_proxy(I, cmp, a, b, res);
	if ((cmp == CMP_EQ || cmp == CMP_NE) && a->kind == V_OBJ && b->kind == V_OBJ &&
	    PYMM_HANDLE_TYPE(a->h) == PYMM_T_WEAKREF && PYMM_HANDLE_TYPE(b->h) == PYMM_T_WEAKREF) {
		int r = compare_refs(I, cmp, a->h, b->h, res);

		if (r <= 0)
			return r;
	}
	I->cmp_keep = false;
	/* sets order by inclusion; set-like views are refused (== in the core) */
	if (cmp >= CMP_LT && cmp <= CMP_GE && a->kind == V_OBJ && b->kind == V_OBJ) {
		uint32_t ta, tb;
		int r = 1;

		if (pair_types(I, a->h, b->h, &ta, &tb))
			return -1;
		if (ta == PYMM_T_SET && tb == PYMM_T_SET)
			r = set_order(I, cmp, a, b, res);
		else if (ta == PYMM_T_DICTVIEW || tb == PYMM_T_DICTVIEW)
			r = view_refuse_setlike(I, "comparisons", a, b);
		if (r <= 0)
			return r;
	}
	I->cmp_keep = keep;
	return compare_core(I, cmp, a, b, res);
}

/* a < b < c: b evaluated once, short-circuit; result is the bool */
static int eval_compare_truth(struct interp *I, struct node *n, bool *res)
{
	struct value left, right;
	int i;

	if (eval(I, n->compare.left, &left))
		return -1;
	for (i = 0; i < n->compare.comparators.n; i++) {
		if (eval(I, n->compare.comparators.v[i], &right)) {
			vrelease(I, &left);
			return -1;
		}
		if (compare(I, n->compare.ops[i], &left, &right, res)) {
			vrelease(I, &left);
			vrelease(I, &right);
			return -1;
		}
		vrelease(I, &left);
		left = right;
		if (!*res)
			break;
	}
	vrelease(I, &left);
	return 0;
}

/*
 * a < b < c as a value: what the deciding comparison gave -- a class's
 * __eq__/__lt__ ... may answer with any object (rich_compare()).
 */
static int eval_compare(struct interp *I, struct node *n, struct value *out)
{
	struct value left, right;
	bool res = true;
	int i, err = 0;

	if (eval(I, n->compare.left, &left))
		return -1;
	for (i = 0; i < n->compare.comparators.n && res && !err; i++) {
		if (eval(I, n->compare.comparators.v[i], &right)) {
			err = -1;
			break;
		}
		I->cmp_keep = true;
		I->cmp_obj.kind = V_NULL;
		err = compare(I, n->compare.ops[i], &left, &right, &res);
		I->cmp_keep = false;
		vrelease(I, &left);
		left = right;
		if (I->cmp_obj.kind != V_NULL) {
			if (!err && (!res || i == n->compare.comparators.n - 1)) {
				*out = I->cmp_obj;
				I->cmp_obj.kind = V_NULL;
				vrelease(I, &left);
				return 0;
			}
			vrelease(I, &I->cmp_obj);
			I->cmp_obj.kind = V_NULL;
		}
	}
	vrelease(I, &left);
	if (err)
		return -1;
	*out = vbool(I, res);
	return 0;
}

int eval_truth(struct interp *I, struct node *n, bool *res)
{
	struct value v;
	int i, err;

	switch (n->kind) {
	case N_COMPARE:
		if (!eval_compare_truth(I, n, res))
			return 0;
		if (!I->fail_node && n->col)
			I->fail_node = n;
		return -1;
	case N_UNARY:
		if (n->unary.op == '!') {
			if (eval_truth(I, n->unary.operand, res))
				return -1;
			*res = !*res;
			return 0;
		}
		break;
	case N_BOOLOP:
		for (i = 0; i < n->boolop.values.n; i++) {
			if (eval_truth(I, n->boolop.values.v[i], res))
				return -1;
			if (n->boolop.op == '&' ? !*res : *res)
				return 0;
		}
		return 0;
	default:
		break;
	}
	if (eval(I, n, &v))
		return -1;
	err = truth(I, &v, res);
	vrelease(I, &v);
	return err;
}

/*
 * isinstance(x, (A, B)) / issubclass(c, (A, B)) with a tuple display:
 * builtin types are not heap objects, so no heap tuple can hold int or
 * str.  The display is checked item by item, nested displays too, in
 * order and stopping at the first match, as object_isinstance() walks
 * the tuple.  CPython's transient tuple is not made (docs/pymmctl.md).
 */
static bool is_type_check_of_display(struct node *n, int id)
{
	const char *name = builtin_name(id);

	return n->call.args.n == 2 && !n->call.kwvalues.n && !call_has_star(n) &&
	       n->call.args.v[1]->kind == N_TUPLE &&
	       (!strcmp(name, "isinstance") || !strcmp(name, "issubclass"));
}

static int check_display(struct interp *I, struct node *n, struct value *fn,
			 const struct value *x, struct node *item, bool *hit)
{
	struct value args[2], r;
	int i, err;

	if (item->kind == N_TUPLE) {
		for (i = 0; i < item->seq.elts.n && !*hit; i++)
			if (check_display(I, n, fn, x, item->seq.elts.v[i], hit))
				return -1;
		return 0;
	}
	args[0] = *x;
	args[0].owned = false;
	if (eval(I, item, &args[1]))
		return -1;
	err = call_ex(I, fn, args, 2, NULL, 0, n, &r);
	vrelease(I, &args[1]);
	if (err)
		return -1;
	err = truth(I, &r, hit);
	vrelease(I, &r);
	return err;
}

static int eval_type_check_of_display(struct interp *I, struct node *n, struct value *fn,
				      struct value *out)
{
	struct value x;
	bool hit = false;
	int err;

	err = eval(I, n->call.args.v[0], &x);
	if (!err) {
		err = check_display(I, n, fn, &x, n->call.args.v[1], &hit);
		vrelease(I, &x);
	}
	vrelease(I, fn);
	if (err)
		return -1;
	*out = vbool(I, hit);
	return 0;
}

static int eval_call(struct interp *I, struct node *n, struct value *out)
{
	struct value fn = { 0 }, *args, bself = { 0 };
	int nargs = n->call.args.n, err;

	if (n->call.func->kind == N_ATTR) {
		/* LOAD_METHOD: no bound-method object, self rides along */
		struct value self;

		err = method_lookup(I, n->call.func, NULL, &fn, &bself);	/* super().f() */
		if (err < 0)
			return -1;
		if (!err)
			goto have_fn;
		if (eval(I, n->call.func->attr.value, &self))
			return -1;
		if (proxy_deref(I, &self)) {
			vrelease(I, &self);
			return -1;
		}
		if (self.kind == V_MODULE) {
			int b = builtin_lookup(self.id, n->call.func->attr.attr);

			if (b < 0 && (self.id == MOD_WEAKREF || stdmod_is_prelude(self.id))) {
				err = self.id == MOD_WEAKREF ?
				      weak_module_attr(I, n->call.func->attr.attr, &fn) :
				      stdmod_attr(I, self.id, n->call.func->attr.attr, &fn);
				if (err <= 0) {
					if (err)
						return -1;
					goto have_fn;
				}
			}
			if (b < 0) {
				int mod = self.id, which = stream_of(&self);

				vrelease(I, &self);
				if (which)
					return stream_refuse_attr(I, which, n->call.func->attr.attr);
				return refuse_attr(I, module_name(mod), n->call.func->attr.attr, true);
			}
			fn.kind = V_BUILTIN;
			fn.id = b;
			goto have_fn;
		}
		/* str.lower(s) & co: the method unbound, called with s first */
		if (self.kind == V_BUILTIN && builtin_is_type(self.id)) {
			err = builtin_type_attr(I, &self, n->call.func->attr.attr, &fn);
			if (err < 0)
				return -1;
			if (!err && fn.kind == V_METHOD)
				goto have_fn;
			if (!err)
				vrelease(I, &fn);
			memset(&fn, 0, sizeof(fn));
		}
		/* list.append & co: the builtins' methods (builtins_methods.c) */
		if (self.kind == V_OBJ &&
		    (fn.id = builtin_method_of(I, &self, n->call.func->attr.attr)) != -1) {
			if (fn.id < 0) {
				vrelease(I, &self);
				return -1;
			}
			fn.kind = V_METHOD;
			fn.self = self.h;
			fn.self_owned = self.owned;
			goto have_fn;
		}
		/* instances, classes, methods: LOAD_METHOD in the heap */
		err = method_lookup(I, n->call.func, &self, &fn, &bself);
		if (err <= 0) {
			vrelease(I, &self);
			if (err)
				return -1;
		} else {
			struct pymm_op op;

			if (need_obj(I, &self)) {
				vrelease(I, &self);
				return -1;
			}
			pymm_op_init(&op, PYMM_OP_GETATTR);
			op.arg[0] = self.h;
			pymm_op_set_data(&op, n->call.func->attr.attr, strlen(n->call.func->attr.attr));
			err = op1_name(I, &op, n->call.func->attr.attr);
			if (!err && op.error) {
				uint32_t t = 0;

				obj_type(I, self.h, &t);
				err = raise_exc(I, op.exc ? (int)op.exc : PYMM_EXC_ATTRIBUTE_ERROR,
						"'%s' object has no attribute '%s'",
						t == PYMM_T_INSTANCE ? "object" : type_name(t), n->call.func->attr.attr);
				if (t != PYMM_T_INSTANCE && t != PYMM_T_CLASS)
					err = refuse_obj_attr(I, self.h, t, n->call.func->attr.attr);
			}
			vrelease(I, &self);
			if (err)
				return -1;
			fn = vobj(op.ret[0], true);
		}
	} else if (eval(I, n->call.func, &fn)) {
		return -1;
	}
have_fn:
	if (fn.kind == V_BUILTIN && is_type_check_of_display(n, fn.id))
		return eval_type_check_of_display(I, n, &fn, out);
	if (bself.kind == V_OBJ && call_has_star(n)) {
		/* obj.f(*a, **k): the bound method CPython's LOAD_ATTR makes */
		struct pymm_op op;

		pymm_op_init(&op, PYMM_OP_NEW_METHOD);
		op.arg[0] = fn.h;
		op.arg[1] = bself.h;
		err = op1_raise(I, &op);
		vrelease(I, &fn);
		vrelease(I, &bself);
		if (err)
			return -1;
		fn = vobj(op.ret[0], true);
	}
	if (call_has_star(n)) {
		/*
		 * CALL_FUNCTION_EX: the positional arguments are a tuple and
		 * the keywords a dict for the whole call, so each argument has
		 * one more reference until it returns: our handles stand in.
		 */
		uint64_t callargs = 0;
		char **kwn = NULL;
		int nkw = 0, i, first;
		struct value *held;

		if (eval_star_args(I, n, &fn, &args, &nargs, &kwn, &nkw, &callargs)) {
			vrelease(I, &fn);
			return -1;
		}
		held = xrealloc(NULL, 2 * (nargs + nkw + 1) * sizeof(*held));
		first = callargs ? nargs : 0;	/* f(*t): t holds the positionals */
		for (i = first; i < nargs + nkw; i++) {
			held[i] = args[i];
			args[i].owned = false;
		}
		/* with keywords, _PyStack_UnpackDict() copies all of them once more */
		err = 0;
		for (i = 0; nkw && i < nargs + nkw; i++) {
			struct pymm_op op;

			pymm_op_init(&op, PYMM_OP_DUP);
			op.arg[0] = args[i].h;
			err = op1_raise(I, &op);
			if (err)
				break;
			held[nargs + nkw + i] = vobj(op.ret[0], true);
		}
		if (!err)
			err = call_ex(I, &fn, args, nargs, (const char *const *)kwn, nkw, n, out);
		release_many(I, args, nargs + nkw);
		release_many(I, held + first, nargs + nkw - first);
		release_many(I, held + nargs + nkw, nkw ? i : 0);
		if (callargs)
			queue_close(I, callargs);
		for (i = 0; i < nkw; i++)
			free(kwn[i]);
		free(kwn);
		free(held);
		vrelease(I, &fn);
		free(args);
		return err;
	}
	args = calloc(nargs + n->call.kwvalues.n + 1, sizeof(*args));
	if (!args) {
		perror("pymmctl");
		exit(1);
	}
	err = eval_many(I, &n->call.args, args);
	if (!err) {
		err = eval_many(I, &n->call.kwvalues, args + nargs);
		if (err)
			release_many(I, args, nargs);
	}
	if (err) {
		vrelease(I, &fn);
		vrelease(I, &bself);
		free(args);
		return -1;
	}
	if (bself.kind == V_OBJ)
		err = call_method_self(I, &fn, &bself, args, nargs, n, out);
	else
		err = call(I, &fn, args, nargs, n, out);
	/* arguments a user function took over are already V_NULL */
	release_many(I, args, nargs + n->call.kwvalues.n);
	vrelease(I, &fn);
	vrelease(I, &bself);
	free(args);
	return err;
}

int eval_attr(struct interp *I, struct node *n, struct value *out)
{
	struct value obj;
	struct pymm_op op;
	int err;

	err = super_attr(I, n, out);
	if (err <= 0)
		return err;
	if (eval(I, n->attr.value, &obj))
		return -1;
	/* a stored builtin type: its attributes are its row's (btypes.c) */
	if (proxy_deref(I, &obj) || btype_demote(I, &obj) < 0) {
		vrelease(I, &obj);
		return -1;
	}
	err = builtin_type_attr(I, &obj, n->attr.attr, out);
	if (err <= 0)
		return err;
	if (obj.kind == V_MODULE) {
		int b = builtin_lookup(obj.id, n->attr.attr);

		if (b >= 0) {
			out->kind = V_BUILTIN;
			out->id = b;
			return 0;
		}
		if (obj.id == MOD_GC && !strcmp(n->attr.attr, "garbage")) {
			/* the one list the collector saves into (docs/gc.md) */
			pymm_op_init(&op, PYMM_OP_GC_GARBAGE_LIST);
			if (op1_raise(I, &op))
				return -1;
			*out = vobj(op.ret[0], true);
			return 0;
		}
		if (obj.id == MOD_GC && !strcmp(n->attr.attr, "callbacks")) {
			/* the list the interpreter calls around collections */
			pymm_op_init(&op, PYMM_OP_GC_CALLBACKS_LIST);
			if (op1_raise(I, &op))
				return -1;
			I->gc_callbacks_seen = true;
			*out = vobj(op.ret[0], true);
			return 0;
		}
		if (obj.id == MOD_GC && !strncmp(n->attr.attr, "DEBUG_", 6)) {
			static const struct { const char *n; int v; } dbg[] = {
				{ "DEBUG_STATS", PYMM_GC_DEBUG_STATS },
				{ "DEBUG_COLLECTABLE", PYMM_GC_DEBUG_COLLECTABLE },
				{ "DEBUG_UNCOLLECTABLE", PYMM_GC_DEBUG_UNCOLLECTABLE },
				{ "DEBUG_SAVEALL", PYMM_GC_DEBUG_SAVEALL },
				{ "DEBUG_LEAK", PYMM_GC_DEBUG_LEAK },
			};
			unsigned int i;

			for (i = 0; i < sizeof(dbg) / sizeof(dbg[0]); i++)
				if (!strcmp(dbg[i].n, n->attr.attr))
					return new_int(I, dbg[i].v, out);
		}
		if (obj.id == MOD_WEAKREF) {
			err = weak_module_attr(I, n->attr.attr, out);
			if (err <= 0)
				return err;
		}
		if (obj.id == MOD_SYS) {
			err = sys_value_attr(I, n->attr.attr, out);
			if (err <= 0)
				return err;
		}
		if (stream_of(&obj))
			return stream_refuse_attr(I, stream_of(&obj), n->attr.attr);
		err = stdmod_attr(I, obj.id, n->attr.attr, out);
		if (err <= 0)
			return err;
		return refuse_attr(I, module_name(obj.id), n->attr.attr, true);
	}
	if (need_obj(I, &obj)) {
		vrelease(I, &obj);
		return -1;
	}
	if (!strncmp(n->attr.attr, "__", 2) || !strcmp(n->attr.attr, "cell_contents") ||
	    !strncmp(n->attr.attr, "f_", 2) || !strncmp(n->attr.attr, "tb_", 3) ||
	    !strncmp(n->attr.attr, "co_", 3) || !strcmp(n->attr.attr, "gi_frame")) {
		/* function and cell getsets (closure.c); frames, tracebacks and code (frames.c) */
		uint32_t t;
		bool handled = false;

		err = obj_type(I, obj.h, &t);
		if (!err)
			err = func_attr(I, obj.h, t, n->attr.attr, out, &handled);
		if (!err && !handled)
			err = frame_attr(I, obj.h, t, n->attr.attr, out, &handled);
		if (err || handled) {
			vrelease(I, &obj);
			return err ? -1 : 0;
		}
	}
	err = descr_method_value(I, &obj, n->attr.attr, out);	/* prop.setter */
	if (err <= 0) {
		vrelease(I, &obj);
		return err;
	}
	{
		/* d.get, s.lower ... as values: a method bound to its object */
		uint32_t t = 0;
		int id;

		err = obj_type(I, obj.h, &t);
		if (!err && t == PYMM_T_CODE) {
			err = code_attr(I, obj.h, n->attr.attr, out);
			if (err <= 0) {
				vrelease(I, &obj);
				return err;
			}
			err = 0;
		}
		id = err || t == PYMM_T_INSTANCE || t == PYMM_T_CLASS ? -1 :
		     builtin_method_lookup(t, n->attr.attr);
		if (!err && id >= 0 && !subclass_defines(I, obj.h, n->attr.attr, &t)) {
			memset(out, 0, sizeof(*out));
			out->kind = V_METHOD;
			out->id = id;
			if (!obj.owned && dup_of(I, obj.h, &obj))
				return -1;
			out->self = obj.h;
			out->self_owned = true;
			return 0;
		}
		if (err) {
			vrelease(I, &obj);
			return -1;
		}
	}
	err = getattribute_hook(I, obj.h, n->attr.attr, out);
	if (err == 1)
		err = descr_get_hook(I, obj.h, n->attr.attr, out);
	if (err != 1) {
		vrelease(I, &obj);
		return err;
	}
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = obj.h;
	pymm_op_set_data(&op, n->attr.attr, strlen(n->attr.attr));
	err = op1_name(I, &op, n->attr.attr);
	if (!err) {
		int base = I->ntbhold;

		err = descr_apply(I, &op, obj.h, n->attr.attr, NULL, out);
		if (err < 0)	/* a getter's AttributeError: __getattr__'s turn */
			err = getattr_after_error(I, obj.h, n->attr.attr, base, out);
	}
	if (err != 1) {
		vrelease(I, &obj);
		return err;
	}
	err = 0;
	if (op.error && (op.exc == PYMM_EXC_ATTRIBUTE_ERROR || op.error == -ENOENT)) {
		int r = exc_default_attr(I, obj.h, n->attr.attr, out);

		if (r > 0)
			r = weak_attr(I, obj.h, n->attr.attr, out);	/* a KeyedRef's key */
		if (r > 0)
			r = getattr_hook(I, obj.h, n->attr.attr, out);
		if (r > 0)
			r = object_attr(I, obj.h, n->attr.attr, out);
		if (r <= 0) {
			vrelease(I, &obj);
			return r;
		}
	}
	if (op.error) {
		if (op.exc == PYMM_EXC_ATTRIBUTE_ERROR || op.error == -ENOENT) {
			struct objinfo oi;

			if (!obj_read(I, obj.h, &oi)) {
				if (oi.type == PYMM_T_CLASS)
					err = raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR,
							"type object '%s' has no attribute '%s'",
							oi.s ? oi.s : "?", n->attr.attr);
				else if (oi.type != PYMM_T_INSTANCE)
					err = refuse_obj_attr(I, obj.h, oi.type, n->attr.attr);
				else
					err = raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR,
							"'%s' object has no attribute '%s'",
							oi.s && oi.len ? oi.s : type_name(oi.type), n->attr.attr);
				free(oi.s);
			} else {
				err = -1;
			}
		} else {
			err = raise_op(I, &op, NULL);
		}
	}
	vrelease(I, &obj);
	if (err)
		return -1;
	*out = vobj(op.ret[0], true);
	return 0;
}

static int eval_node(struct interp *I, struct node *n, struct value *out)
{
	struct value a, b;
	int err, i;
	bool res;

	memset(out, 0, sizeof(*out));
	switch (n->kind) {
	case N_CONST:
		return eval_const(I, n->constant.value, out);
	case N_NAME:
		return load_name(I, n->name.id, out);
	case N_ATTR:
		return eval_attr(I, n, out);
	case N_SUBSCR:
		err = lang_subscr(I, n, out);
		if (err <= 0)
			return err;
		if (eval(I, n->subscr.value, &a))
			return -1;
		if (eval(I, n->subscr.slice, &b)) {
			vrelease(I, &a);
			return -1;
		}
		/* proxy_getitem: the referent's item */
		err = need_obj(I, &a) || need_obj(I, &b) || proxy_deref(I, &a) ? -1 :
		      getitem(I, a.h, b.h, out);
		vrelease(I, &a);
		vrelease(I, &b);
		return err;
	case N_CALL:
		return eval_call(I, n, out);
	case N_LAMBDA:
		return make_function(I, n, out);
	case N_STARRED:
		return raise_exc(I, EX_SYSTEM, "pymm: a starred expression outside a call");
	case N_BINOP:
		if (eval(I, n->binop.left, &a))
			return -1;
		if (eval(I, n->binop.right, &b)) {
			vrelease(I, &a);
			return -1;
		}
		err = binop(I, n->binop.op, &a, &b, out);
		vrelease(I, &a);
		vrelease(I, &b);
		return err;
	case N_UNARY:
		if (n->unary.op == '~') {
			if (eval(I, n->unary.operand, &a))
				return -1;
			err = proxy_deref(I, &a) ? -1 : lang_invert(I, &a, out);
			vrelease(I, &a);
			return err;
		}
		if (n->unary.op == '!') {
			if (eval_truth(I, n->unary.operand, &res))
				return -1;
			*out = vbool(I, !res);
			return 0;
		}
		if (eval(I, n->unary.operand, &a))
			return -1;
		if (proxy_deref(I, &a)) {	/* proxy_neg, proxy_pos */
			vrelease(I, &a);
			return -1;
		}
		{
			struct objinfo oi;
			bool num;

			int r = 1;

			err = num_of(I, &a, &oi, &num);
			if (!err && !num && oi.type == PYMM_T_INSTANCE)	/* operators.c */
				r = instance_unary(I, n->unary.op == '-' ? "__neg__" : "__pos__", &a, out);
			else if (!err && !num && oi.type == PYMM_T_DICT)	/* -Counter */
				r = stdmod_unary(I, n->unary.op, &a, out);
			if (r <= 0)
				err = r;
			else if (!err && !num)
				err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "bad operand type for unary %c: '%s'",
						n->unary.op, objinfo_type_name(&oi));
			else if (!err && oi.type == PYMM_T_FLOAT)
				err = new_float(I, n->unary.op == '-' ? -oi.f : oi.f, out);
			else if (!err && n->unary.op == '-' && oi.i == INT64_MIN)
				err = overflow_range(I);
			else if (!err)
				err = new_int(I, n->unary.op == '-' ? -oi.i : oi.i, out);
			free(oi.s);
		}
		vrelease(I, &a);
		return err;
	case N_BOOLOP:
		/* the value of `a or b` is an operand, not a bool */
		for (i = 0; i < n->boolop.values.n; i++) {
			if (eval(I, n->boolop.values.v[i], &a))
				return -1;
			if (i == n->boolop.values.n - 1) {
				*out = a;
				return 0;
			}
			if (truth(I, &a, &res)) {
				vrelease(I, &a);
				return -1;
			}
			if (n->boolop.op == '&' ? !res : res) {
				*out = a;
				return 0;
			}
			vrelease(I, &a);
		}
		return 0;
	case N_COMPARE:
		return eval_compare(I, n, out);
	case N_LIST:
	case N_TUPLE:
		if (lang_has_starred(&n->seq.elts))
			return lang_display_star(I, n, out);
		return eval_display(I, n, out);
	case N_DICT:
		for (res = false, i = 0; i < n->dict.keys.n; i++)
			res |= !n->dict.keys.v[i];
		return res ? dict_display_unpack(I, n, out) : eval_display(I, n, out);
	case N_SET:
		return set_display(I, n, false, out);
	case N_IFEXP:
		if (eval_truth(I, n->ifexp.test, &res))
			return -1;
		return eval(I, res ? n->ifexp.body : n->ifexp.orelse, out);
	default:
		return lang_eval(I, n, out);
	}
}

/* evaluates n; the innermost expression that fails is the traceback's */
int eval(struct interp *I, struct node *n, struct value *out)
{
	int err = eval_node(I, n, out);

	if (err && !I->fail_node && n->col)
		I->fail_node = n;
	return err;
}
