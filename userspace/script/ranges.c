// SPDX-License-Identifier: GPL-2.0
/*
 * ranges.c - range() as the heap object CPython 3.11 makes
 * (PYMM_OP_NEW_RANGE, core types/range.c): `for i in range(n)` builds a
 * range and GET_ITER turns it into a range_iterator, the range going at
 * once; `r = range(...)` keeps one, with len(), r[i], `in`, ==, hash and
 * its repr.  Neither is a GC object, as in CPython.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* start, stop, step of a range (a range_iterator: next, -, step); *len */
static int range_read(struct interp *I, uint64_t h, int64_t v[3], uint64_t *len)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_READ);
	op.arg[0] = h;
	pymm_op_set_data(&op, v, 3 * sizeof(int64_t));
	if (op1_raise(I, &op))
		return -1;
	*len = op.ret[0];
	return 0;
}

int bi_range(BI_ARGS)
{
	int64_t a[3] = { 0, 0, 1 };
	struct pymm_op op;
	int k;

	for (k = 0; k < nargs; k++)
		if (read_int(I, &args[k], &a[k], NULL))
			return -1;
	if (nargs == 1) {
		a[1] = a[0];
		a[0] = 0;
	}
	if (!a[2])
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "range() arg 3 must not be zero");
	pymm_op_init(&op, PYMM_OP_NEW_RANGE);
	op.arg[0] = (uint64_t)a[0];
	op.arg[1] = (uint64_t)a[1];
	op.arg[2] = (uint64_t)a[2];
	if (op1_raise(I, &op))
		return -1;
	*out = vobj(op.ret[0], true);
	return 0;
}

/*
 * reversed(range): range_reverse()'s range_iterator, from the last item
 * down by -step.  Made as the iterator of range(last, start - step, -step)
 * (that range is dropped at once: it is no GC object and nothing holds it).
 */
int range_reversed(struct interp *I, uint64_t h, struct value *out)
{
	int64_t v[3], last, stop;
	struct pymm_op op;
	uint64_t len, r;
	bool is_iter;
	int err;

	if (range_kind(I, h, &is_iter) || range_read(I, h, v, &len))
		return -1;
	if (is_iter)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "'range_iterator' object is not reversible");
	if (!len) {
		v[0] = 0;
		v[2] = 1;
	}
	/* the last item lies between start and stop: no overflow there */
	last = len ? (int64_t)((uint64_t)v[0] + (len - 1) * (uint64_t)v[2]) : 0;
	if (len && (__builtin_sub_overflow(v[0], v[2], &stop) || v[2] == INT64_MIN))
		return overflow_range(I);
	pymm_op_init(&op, PYMM_OP_NEW_RANGE);
	op.arg[0] = (uint64_t)last;
	op.arg[1] = len ? (uint64_t)stop : 0;
	op.arg[2] = (uint64_t)-v[2];
	if (op1_raise(I, &op))
		return -1;
	r = op.ret[0];
	pymm_op_init(&op, PYMM_OP_NEW_ITER);
	op.arg[0] = r;
	err = op1_raise(I, &op);
	queue_close(I, r);
	if (err)
		return -1;
	*out = vobj(op.ret[0], true);
	return 0;
}

/* range(0, 5), range(0, 10, 2); <range_iterator object at 0x...> */
int range_repr(struct interp *I, uint64_t h, struct strbuf *b)
{
	int64_t v[3];
	uint64_t len, id;
	bool is_iter;
	int err;

	if (range_kind(I, h, &is_iter) || range_read(I, h, v, &len))
		return -1;
	if (is_iter) {
		id = obj_id(I, h, &err);
		if (err)
			return -1;
		sb_addf(b, "<range_iterator object at 0x%" PRIx64 ">", id);
	} else if (v[2] == 1) {
		sb_addf(b, "range(%" PRId64 ", %" PRId64 ")", v[0], v[1]);
	} else {
		sb_addf(b, "range(%" PRId64 ", %" PRId64 ", %" PRId64 ")", v[0], v[1], v[2]);
	}
	return 0;
}

int range_kind(struct interp *I, uint64_t h, bool *is_iter)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_TYPE);
	op.arg[0] = h;
	if (op1_raise(I, &op))
		return -1;
	*is_iter = op.ret[0] == PYMM_T_RANGE && (op.ret[1] & PYMM_TYPEF_ITERATOR);
	return 0;
}

/*
 * x in range: arithmetic for an int or bool (range_contains_long), else
 * the values one by one with == (PySequence_Contains' iteration).
 */
int range_contains(struct interp *I, uint64_t h, const struct value *item, bool *res)
{
	struct value rv = vobj(h, false);
	struct objinfo oi;
	int64_t v[3];
	uint64_t len;

	*res = false;
	if (obj_read(I, item->h, &oi))
		return -1;
	free(oi.s);
	if (oi.type == PYMM_T_INT || oi.type == PYMM_T_BOOL) {
		if (range_read(I, h, v, &len))
			return -1;
		if (!len)
			return 0;
		if (v[2] > 0 ? (oi.i < v[0] || oi.i >= v[1]) : (oi.i > v[0] || oi.i <= v[1]))
			return 0;
		if (v[2] > 0)
			*res = ((uint64_t)oi.i - (uint64_t)v[0]) % (uint64_t)v[2] == 0;
		else
			*res = ((uint64_t)v[0] - (uint64_t)oi.i) % (0 - (uint64_t)v[2]) == 0;
		return 0;
	}
	return iter_contains(I, &rv, item, res);
}
