// SPDX-License-Identifier: GPL-2.0
/*
 * lang.c - the newer expressions: slices (read, assign, delete), the
 * bitwise and shift operators, starred items in displays and targets, and
 * `:=`.  Statements are in lang_stmt.c.
 *
 * A slice is computed here, as CPython's PySlice_AdjustIndices does; the
 * slice object CPython 3.11 makes for each BUILD_SLICE lives only for the
 * one subscript and comes from a one-item cache, so its absence is not
 * observable from a script (its GC count effect is nil in steady state).
 * What a slice operation does to the objects involved is CPython's: a
 * full slice of a tuple, str or bytes is the object itself, a list slice is
 * a new list, and a replaced or deleted run of list items is released in
 * the order list_ass_slice / list_ass_subscript release them.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* ------------------------------------------------------------- bitwise */

bool lang_is_bitop(int op)
{
	return op == '&' || op == '|' || op == 'x' || op == 'l' || op == 'r';
}

int lang_bitop(struct interp *I, int op, const struct value *a, const struct value *b,
	       struct value *out)
{
	struct objinfo x, y;
	int64_t r = 0;
	int err = 0;

	if (need_obj(I, a) || need_obj(I, b) || obj_read(I, a->h, &x))
		return -1;
	if (obj_read(I, b->h, &y)) {
		free(x.s);
		return -1;
	}
	if ((x.type == PYMM_T_INSTANCE || y.type == PYMM_T_INSTANCE) &&
	    (err = instance_binop(I, op, a, b, false, out)) <= 0) {
		free(x.s);
		free(y.s);
		return err;
	}
	if ((x.type != PYMM_T_INT && x.type != PYMM_T_BOOL) ||
	    (y.type != PYMM_T_INT && y.type != PYMM_T_BOOL)) {
		err = raise_unsupported(I, op, objinfo_type_name(&x), objinfo_type_name(&y));
		free(x.s);
		free(y.s);
		return err;
	}
	free(x.s);
	free(y.s);
	switch (op) {
	case '&': r = x.i & y.i; break;
	case '|': r = x.i | y.i; break;
	case 'x': r = x.i ^ y.i; break;
	case 'r':
		if (y.i < 0)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR, "negative shift count");
		r = y.i > 63 ? (x.i < 0 ? -1 : 0) : x.i >> y.i;
		break;
	case 'l':
		if (y.i < 0)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR, "negative shift count");
		if (x.i && (y.i > 62 || x.i > (INT64_MAX >> y.i) || x.i < (INT64_MIN >> y.i)))
			return overflow_range(I);
		r = x.i ? (int64_t)((uint64_t)x.i << y.i) : 0;
		break;
	}
	/* bool & bool is a bool (bool_and & co) */
	if (x.type == PYMM_T_BOOL && y.type == PYMM_T_BOOL &&
	    (op == '&' || op == '|' || op == 'x')) {
		*out = vbool(I, r != 0);
		return 0;
	}
	err = new_int(I, r, out);
	return err;
}

int lang_invert(struct interp *I, const struct value *a, struct value *out)
{
	struct objinfo x;

	if (need_obj(I, a) || obj_read(I, a->h, &x))
		return -1;
	if (x.type == PYMM_T_INSTANCE) {
		int r = instance_unary(I, "__invert__", a, out);

		if (r <= 0) {
			free(x.s);
			return r;
		}
	}
	if (x.type != PYMM_T_INT && x.type != PYMM_T_BOOL) {
		int err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "bad operand type for unary ~: '%s'",
				    objinfo_type_name(&x));

		free(x.s);
		return err;
	}
	free(x.s);
	return new_int(I, ~x.i, out);
}

/* --------------------------------------------------------------- slices */

struct slice {
	int64_t start, stop, step, len;		/* adjusted; len = slicelength */
};

static int slice_part(struct interp *I, struct node *n, bool *given, int64_t *v)
{
	struct value x;
	struct objinfo oi;

	*given = false;
	if (!n)
		return 0;
	if (eval(I, n, &x))
		return -1;
	if (x.kind == V_OBJ && is_none_h(I, x.h)) {
		vrelease(I, &x);
		return 0;
	}
	if (need_obj(I, &x) || obj_read(I, x.h, &oi)) {
		vrelease(I, &x);
		return -1;
	}
	free(oi.s);
	if (oi.type == PYMM_T_INSTANCE) {
		/* _PyEval_SliceIndex: an __index__ will do */
		int r = instance_index(I, x.h, v);

		vrelease(I, &x);
		if (r <= 0) {
			*given = !r;
			return r;
		}
	} else {
		vrelease(I, &x);
	}
	if (oi.type != PYMM_T_INT && oi.type != PYMM_T_BOOL)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "slice indices must be integers or None or have an __index__ method");
	*given = true;
	*v = oi.i;
	return 0;
}

/* Evaluates lo:hi:step (BUILD_SLICE); the indices are fitted to a length later. */
struct slice_raw {
	bool has[3];
	int64_t v[3];
};

static int slice_eval(struct interp *I, struct node *s, struct slice_raw *r)
{
	if (slice_part(I, s->slice.lower, &r->has[0], &r->v[0]) ||
	    slice_part(I, s->slice.upper, &r->has[1], &r->v[1]) ||
	    slice_part(I, s->slice.step, &r->has[2], &r->v[2]))
		return -1;
	if (r->has[2] && r->v[2] == 0)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "slice step cannot be zero");
	return 0;
}

/* PySlice_Unpack + PySlice_AdjustIndices */
static void slice_fit(const struct slice_raw *r, int64_t len, struct slice *s)
{
	int64_t step = r->has[2] ? r->v[2] : 1;
	int64_t start = r->has[0] ? r->v[0] : step < 0 ? INT64_MAX : 0;
	int64_t stop = r->has[1] ? r->v[1] : step < 0 ? INT64_MIN : INT64_MAX;

	if (step < -INT64_MAX)
		step = -INT64_MAX;
	if (start < 0) {
		start = start < -len ? (step < 0 ? -1 : 0) : start + len;
	} else if (start >= len) {
		start = step < 0 ? len - 1 : len;
	}
	if (stop < 0) {
		stop = stop < -len ? (step < 0 ? -1 : 0) : stop + len;
	} else if (stop >= len) {
		stop = step < 0 ? len - 1 : len;
	}
	s->start = start;
	s->stop = stop;
	s->step = step;
	if (step < 0)
		s->len = stop < start ? (start - stop - 1) / (-step) + 1 : 0;
	else
		s->len = start < stop ? (stop - start - 1) / step + 1 : 0;
}

/* byte offset of each code point of a UTF-8 str, plus the end */
static size_t *utf8_offsets(const char *s, size_t len, int64_t *n)
{
	size_t *off = xrealloc(NULL, (len + 1) * sizeof(size_t)), i = 0;
	int64_t k = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t l = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;

		off[k++] = i;
		i += l;
		if (i > len)
			i = len;
	}
	off[k] = len;
	*n = k;
	return off;
}

static int slice_get(struct interp *I, const struct value *c, const struct slice_raw *r,
		     struct value *out)
{
	struct objinfo oi;
	struct slice s;
	int64_t i, k;
	int err = 0;

	if (obj_read(I, c->h, &oi))
		return -1;
	switch (oi.type) {
	case PYMM_T_LIST:
	case PYMM_T_TUPLE: {
		uint64_t *hs, *pick;
		uint32_t n;

		free(oi.s);
		if (obj_items(I, c->h, &hs, &n))
			return -1;
		slice_fit(r, n, &s);
		if (oi.type == PYMM_T_TUPLE && s.start == 0 && s.step == 1 && s.len == n) {
			close_many(I, hs, n);
			free(hs);
			return dup_of(I, c->h, out);
		}
		pick = xrealloc(NULL, (s.len ? s.len : 1) * sizeof(uint64_t));
		for (i = 0, k = s.start; i < s.len; i++, k += s.step)
			pick[i] = hs[k];
		err = new_container(I, oi.type == PYMM_T_LIST ? PYMM_OP_NEW_LIST :
				    PYMM_OP_NEW_TUPLE, pick, (uint32_t)s.len, out);
		close_many(I, hs, n);
		free(hs);
		free(pick);
		return err;
	}
	case PYMM_T_STR:
	case PYMM_T_BYTEARRAY:
	case PYMM_T_BYTES: {
		int64_t nch = (int64_t)oi.len;
		size_t *off = NULL;
		struct strbuf b = { 0 };

		if (oi.type == PYMM_T_STR)
			off = utf8_offsets(oi.s, oi.len, &nch);
		slice_fit(r, nch, &s);
		if (s.start == 0 && s.step == 1 && s.len == nch && oi.type != PYMM_T_BYTEARRAY) {
			free(off);
			free(oi.s);
			return dup_of(I, c->h, out);
		}
		for (i = 0, k = s.start; i < s.len; i++, k += s.step) {
			if (off)
				sb_add(&b, oi.s + off[k], off[k + 1] - off[k]);
			else
				sb_add(&b, oi.s + k, 1);
		}
		err = new_scalar(I, oi.type == PYMM_T_STR ? PYMM_OP_NEW_STR :
				 oi.type == PYMM_T_BYTES ? PYMM_OP_NEW_BYTES : PYMM_OP_NEW_BYTEARRAY,
				 oi.type == PYMM_T_STR ? PYMM_STR_RUNTIME : 0, b.p ? b.p : "", b.n, out);
		sb_free(&b);
		free(off);
		free(oi.s);
		return err;
	}
	case PYMM_T_DICT:
		free(oi.s);
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "unhashable type: 'slice'");
	case PYMM_T_RANGE:
		free(oi.s);
		return raise_exc(I, EX_NOT_IMPLEMENTED, "slices of a range are not supported by pymm");
	default: {
		/* a class with __getitem__ would get a slice object: pymm has none */
		err = has_special(I, c->h, "__getitem__");
		if (err) {
			free(oi.s);
			return err < 0 ? -1 : raise_exc(I, EX_NOT_IMPLEMENTED, "slice objects "
					 "(a slice passed to __getitem__) are not supported by pymm");
		}
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "'%s' object is not subscriptable",
				objinfo_type_name(&oi));
		free(oi.s);
		return err;
	}
	}
}

static bool has_slice(struct node *k)
{
	int i;

	if (k->kind == N_SLICE)
		return true;
	if (k->kind == N_TUPLE)
		for (i = 0; i < k->seq.elts.n; i++)
			if (k->seq.elts.v[i]->kind == N_SLICE)
				return true;
	return false;
}

/* a[...] when the subscript holds a slice; 1 = not ours */
int lang_subscr(struct interp *I, struct node *n, struct value *out)
{
	struct value c;
	struct slice_raw r = { 0 };
	int err;

	if (!has_slice(n->subscr.slice))
		return 1;
	if (eval(I, n->subscr.value, &c))
		return -1;
	if (n->subscr.slice->kind != N_SLICE) {
		uint32_t t = 0;

		err = need_obj(I, &c) || obj_type(I, c.h, &t);
		vrelease(I, &c);
		if (err)
			return -1;
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, t == PYMM_T_LIST || t == PYMM_T_TUPLE ?
				 "%s indices must be integers or slices, not tuple" :
				 "slices in a tuple subscript are not supported by pymm (%s)",
				 type_name(t));
	}
	err = need_obj(I, &c) || slice_eval(I, n->subscr.slice, &r) ? -1 : slice_get(I, &c, &r, out);
	vrelease(I, &c);
	return err;
}

static int list_len(struct interp *I, uint64_t h, int64_t *n)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_LEN);
	op.arg[0] = h;
	if (op1_raise(I, &op))
		return -1;
	*n = (int64_t)op.ret[0];
	return 0;
}

static int list_pop_at(struct interp *I, uint64_t l, int64_t idx, uint64_t *h)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_POP);
	op.arg[0] = l;
	op.arg[1] = (uint64_t)idx;
	if (op1_raise(I, &op))
		return -1;
	*h = op.ret[0];
	return 0;
}

static int list_append(struct interp *I, uint64_t l, uint64_t v)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_APPEND);
	op.arg[0] = l;
	op.arg[1] = v;
	return op1_raise(I, &op);
}

/* the slice's container, evaluated, and the list it must be (or the error) */
static int slice_target(struct interp *I, struct node *t, struct value *c,
			struct slice_raw *r, bool del)
{
	uint32_t ty = 0;

	if (eval(I, t->subscr.value, c))
		return -1;
	if (need_obj(I, c) || obj_type(I, c->h, &ty) || slice_eval(I, t->subscr.slice, r)) {
		vrelease(I, c);
		return -1;
	}
	if (ty == PYMM_T_LIST || ty == PYMM_T_BYTEARRAY)
		return 0;
	vrelease(I, c);
	if (ty == PYMM_T_DICT)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "unhashable type: 'slice'");
	return raise_exc(I, PYMM_EXC_TYPE_ERROR, del ?
			 "'%s' object does not support item deletion" :
			 "'%s' object does not support item assignment", type_name(ty));
}

/*
 * bytearray_ass_subscript with a slice: v's bytes replace the slice (NULL:
 * deleted); an extended slice takes exactly as many.  One splice of the
 * whole when the slice is extended.  Consumes c.
 */
static int bytearray_slice_set(struct interp *I, struct value *c, const struct slice_raw *r,
			       const struct value *v)
{
	struct objinfo me;
	struct slice s;
	char *src = NULL, *nb;
	size_t n = 0;
	int64_t i, j;
	int err;

	if (v && bytes_of_iterable(I, (struct value *)v, &src, &n)) {
		vrelease(I, c);
		return -1;
	}
	if (obj_read(I, c->h, &me)) {
		free(src);
		vrelease(I, c);
		return -1;
	}
	slice_fit(r, (int64_t)me.len, &s);
	if (s.step == 1) {
		err = bytearray_splice(I, c->h, s.start, s.stop < s.start ? s.start : s.stop, src,
				       n);
	} else if (v && (int64_t)n != s.len) {
		err = raise_exc(I, PYMM_EXC_VALUE_ERROR, "attempt to assign bytes of size %zu to "
				"extended slice of size %" PRId64, n, s.len);
	} else {
		/* the new contents: kept bytes, or the slice's replaced in place */
		nb = xrealloc(NULL, me.len + 1);
		for (i = 0, j = 0; i < (int64_t)me.len; i++) {
			int64_t d = i - s.start;
			bool in = s.len && d % s.step == 0 && d / s.step >= 0 && d / s.step < s.len;

			if (in && v)
				nb[j++] = src[d / s.step];
			else if (!in)
				nb[j++] = me.s[i];
		}
		err = bytearray_splice(I, c->h, 0, (int64_t)me.len, nb, (size_t)j);
		free(nb);
	}
	free(me.s);
	free(src);
	vrelease(I, c);
	return err;
}

/* a[lo:hi:step] = v (v is already evaluated, as STORE_SUBSCR has it); 1 = not ours */
int lang_assign_slice(struct interp *I, struct node *t, const struct value *v)
{
	struct slice_raw r = { 0 };
	struct slice s;
	struct value c;
	uint64_t *nv = NULL, *held = NULL;
	uint32_t nn = 0, cty = 0;
	int64_t len, i, k, nheld = 0;
	int err = 0;

	if (t->kind != N_SUBSCR || !has_slice(t->subscr.slice))
		return 1;
	if (t->subscr.slice->kind != N_SLICE)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "list indices must be integers or slices, not tuple");
	if (slice_target(I, t, &c, &r, false))
		return -1;
	if (!obj_type(I, c.h, &cty) && cty == PYMM_T_BYTEARRAY)
		return bytearray_slice_set(I, &c, &r, v);
	/* PySequence_Fast(v): its items first (a list assigned into itself
	 * is copied) */
	if (need_obj(I, v) || list_len(I, c.h, &len)) {
		vrelease(I, &c);
		return -1;
	}
	if (iter_collect(I, v, &nv, &nn)) {
		if (I->exc == PYMM_EXC_TYPE_ERROR)
			snprintf(I->exc_msg, sizeof(I->exc_msg), "must assign iterable to extended slice");
		if (!r.has[2] || r.v[2] == 1)
			snprintf(I->exc_msg, sizeof(I->exc_msg), "can only assign an iterable");
		vrelease(I, &c);
		return -1;
	}
	slice_fit(&r, len, &s);
	if (s.step == 1) {
		int64_t hi = s.stop < s.start ? s.start : s.stop, tail = len - hi;

		/* the tail and the replaced run come off the end, last first */
		held = xrealloc(NULL, ((len - s.start) ? len - s.start : 1) * sizeof(uint64_t));
		for (i = len - 1; i >= s.start && !err; i--)
			err = list_pop_at(I, c.h, -1, &held[nheld++]);
		if (err)
			nheld--;
		for (i = 0; i < nn && !err; i++)
			err = list_append(I, c.h, nv[i]);
		/* held[0..tail-1] is the tail, last item first */
		for (i = tail - 1; i >= 0 && !err; i--)
			err = list_append(I, c.h, held[i]);
		close_many(I, nv, nn);
		/* the tail is in the list again; the replaced run goes last to
		 * first, as list_ass_slice's recycle loop */
		for (i = 0; i < nheld; i++)
			queue_close(I, held[i]);
	} else {
		uint64_t *hs;
		uint32_t n;

		if ((int64_t)nn != s.len) {
			close_many(I, nv, nn);
			free(nv);
			vrelease(I, &c);
			return raise_exc(I, PYMM_EXC_VALUE_ERROR,
					 "attempt to assign sequence of size %u to extended slice of size %"
					 PRId64, nn, s.len);
		}
		if (obj_items(I, c.h, &hs, &n)) {
			close_many(I, nv, nn);
			free(nv);
			vrelease(I, &c);
			return -1;
		}
		for (i = 0, k = s.start; i < s.len && !err; i++, k += s.step) {
			struct value kv;
			struct pymm_op op;

			err = new_int(I, k, &kv);
			if (err)
				break;
			pymm_op_init(&op, PYMM_OP_SETITEM);
			op.arg[0] = c.h;
			op.arg[1] = kv.h;
			op.arg[2] = nv[i];
			err = op1_raise(I, &op);
			vrelease(I, &kv);
		}
		/* the replaced items go in slice order (the garbage loop) */
		for (i = 0, k = s.start; i < s.len; i++, k += s.step) {
			queue_close(I, hs[k]);
			hs[k] = 0;
		}
		for (i = 0; i < n; i++)
			if (hs[i])
				queue_close(I, hs[i]);
		free(hs);
		close_many(I, nv, nn);
	}
	free(nv);
	free(held);
	vrelease(I, &c);
	return err;
}

/* del a[lo:hi:step]; 1 = not ours */
int lang_del_slice(struct interp *I, struct node *t)
{
	struct slice_raw r = { 0 };
	struct slice s;
	struct value c;
	uint64_t *held;
	int64_t len, i, lo, step;
	uint32_t cty = 0;
	int err = 0;

	if (t->kind != N_SUBSCR || !has_slice(t->subscr.slice))
		return 1;
	if (t->subscr.slice->kind != N_SLICE)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "list indices must be integers or slices, not tuple");
	if (slice_target(I, t, &c, &r, true))
		return -1;
	if (!obj_type(I, c.h, &cty) && cty == PYMM_T_BYTEARRAY)
		return bytearray_slice_set(I, &c, &r, NULL);
	if (list_len(I, c.h, &len)) {
		vrelease(I, &c);
		return -1;
	}
	slice_fit(&r, len, &s);
	/* ascending indices lo, lo + step, ... */
	step = s.step;
	lo = s.start;
	if (step < 0) {
		lo = s.start + step * (s.len - 1);
		step = -step;
	}
	held = xrealloc(NULL, (s.len ? s.len : 1) * sizeof(uint64_t));
	/* highest index first so the lower ones stay where they are */
	for (i = s.len - 1; i >= 0 && !err; i--)
		err = list_pop_at(I, c.h, lo + i * step, &held[i]);
	if (err)
		i++;
	else
		i = 0;
	if (s.step == 1 || s.len <= 1) {
		/* list_ass_slice: last to first */
		int64_t j;

		for (j = s.len - 1; j >= i; j--)
			queue_close(I, held[j]);
	} else {
		for (; i < s.len; i++)
			queue_close(I, held[i]);
	}
	free(held);
	vrelease(I, &c);
	return err;
}

/* ---------------------------------------------------------------- starred */

bool lang_has_starred(struct nvec *v)
{
	int i;

	for (i = 0; i < v->n; i++)
		if (v->v[i]->kind == N_STARRED)
			return true;
	return false;
}

/* [*a, b, *c] and (*a, b): the items of each starred iterable in turn */
int lang_display_star(struct interp *I, struct node *n, struct value *out)
{
	uint64_t *all = NULL;
	uint32_t nall = 0;
	int i, err = 0;

	for (i = 0; i < n->seq.elts.n && !err; i++) {
		struct node *e = n->seq.elts.v[i];
		struct value v;

		if (eval(I, e->kind == N_STARRED ? e->starred.value : e, &v)) {
			err = -1;
			break;
		}
		if (e->kind == N_STARRED) {
			uint64_t *hs;
			uint32_t k;

			err = iter_collect(I, &v, &hs, &k);
			if (err && I->exc == PYMM_EXC_TYPE_ERROR) {
				uint32_t t = 0;

				if (!obj_type(I, v.h, &t))
					raise_exc(I, PYMM_EXC_TYPE_ERROR,
						  "Value after * must be an iterable, not %s",
						  type_name(t));
			}
			if (!err) {
				all = xrealloc(all, (nall + k + 1) * sizeof(uint64_t));
				memcpy(all + nall, hs, k * sizeof(uint64_t));
				nall += k;
				free(hs);
			}
			vrelease(I, &v);
		} else {
			err = need_obj(I, &v);
			if (!err && !v.owned)
				err = dup_of(I, v.h, &v);
			if (!err) {
				all = xrealloc(all, (nall + 1) * sizeof(uint64_t));
				all[nall++] = v.h;
			} else {
				vrelease(I, &v);
			}
		}
	}
	if (!err)
		err = new_container(I, n->kind == N_LIST ? PYMM_OP_NEW_LIST : PYMM_OP_NEW_TUPLE,
				    all, nall, out);
	close_many(I, all, nall);
	free(all);
	return err;
}

/*
 * a, *b, c = v (UNPACK_EX) and unpacking any iterable (UNPACK_SEQUENCE
 * walks what is not a list or tuple): every item first, then the stores.
 */
int lang_assign_star(struct interp *I, struct node *t, struct value *v,
		     int (*assign)(struct interp *, struct node *, struct value *))
{
	int want = t->seq.elts.n, star = -1, i, err = 0;
	uint64_t *hs;
	uint32_t n;

	for (i = 0; i < want; i++)
		if (t->seq.elts.v[i]->kind == N_STARRED)
			star = i;
	if (iter_collect(I, v, &hs, &n)) {
		if (I->exc == PYMM_EXC_TYPE_ERROR) {
			uint32_t ty = 0;

			if (!obj_type(I, v->h, &ty))
				raise_exc(I, PYMM_EXC_TYPE_ERROR,
					  "cannot unpack non-iterable %s object", type_name(ty));
		}
		return -1;
	}
	if (star < 0 && (int64_t)n != want) {
		close_many(I, hs, n);
		free(hs);
		if ((int64_t)n > want)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR,
					 "too many values to unpack (expected %d)", want);
		return raise_exc(I, PYMM_EXC_VALUE_ERROR,
				 "not enough values to unpack (expected %d, got %u)", want, n);
	}
	if (star >= 0 && (int64_t)n < want - 1) {
		close_many(I, hs, n);
		free(hs);
		return raise_exc(I, PYMM_EXC_VALUE_ERROR,
				 "not enough values to unpack (expected at least %d, got %u)",
				 want - 1, n);
	}
	{
		/* the starred part becomes a list before any store */
		struct value mid = { 0 };
		uint32_t before = star >= 0 ? (uint32_t)star : n;
		uint32_t after = star >= 0 ? (uint32_t)(want - star - 1) : 0;
		uint32_t k = 0;

		if (star >= 0 && new_container(I, PYMM_OP_NEW_LIST, hs + before,
					       n - before - after, &mid)) {
			close_many(I, hs, n);
			free(hs);
			return -1;
		}
		for (i = 0; i < want && !err; i++) {
			struct value item;

			if (i == star) {
				err = assign(I, t->seq.elts.v[i]->starred.value, &mid);
				vrelease(I, &mid);
				k = n - after;
				continue;
			}
			item = vobj(hs[k], false);
			err = assign(I, t->seq.elts.v[i], &item);
			k++;
		}
		vrelease(I, &mid);
		close_many(I, hs, n);
		free(hs);
	}
	return err;
}

/* --------------------------------------------------------- expressions */

/* the node kinds this file adds to eval() */
int lang_eval(struct interp *I, struct node *n, struct value *out)
{
	switch (n->kind) {
	case N_NAMEDEXPR:
		if (eval(I, n->namedexpr.value, out))
			return -1;
		if (store_name(I, n->namedexpr.target->name.id, out)) {
			vrelease(I, out);
			return -1;
		}
		return 0;
	case N_COMP:
		return eval_comp(I, n, out);
	case N_YIELD:
	case N_YIELDFROM:
		return gen_eval(I, n, out);
	case N_FSTRING:
		return eval_fstring(I, n, out);
	case N_STARRED:
		return raise_exc(I, EX_SYSTEM, "pymm: starred expression outside a display");
	case N_SLICE:
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "augmented assignment to a slice is not supported by pymm");
	default:
		return raise_exc(I, EX_SYSTEM, "pymm: cannot evaluate node kind %d", n->kind);
	}
}
