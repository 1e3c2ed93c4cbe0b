// SPDX-License-Identifier: GPL-2.0
/*
 * range.c - range and range_iterator, as CPython 3.11's rangeobject.c
 * makes them: neither is a GC object (PyObject_New), a range_iterator
 * holds no reference (fast_range_iter copies start, step and length into
 * C longs), and each step makes a new int (small ones from the cache).
 * `for i in range(n)` therefore makes a range, which the loop's
 * GET_ITER drops at once, and a range_iterator the loop holds.
 *
 * One type code, the iterator a kind of it (PYMM_TYPEF_ITERATOR), both
 * named as CPython names them.  Where pymm differs: a range keeps its
 * numbers as s64 values, where CPython's holds int objects (start, stop,
 * step, and the length it computed), so sys.getrefcount() of a big int
 * passed to range() is one lower while the range lives.
 */
#include "../heap.h"
#include "../range.h"

struct pymm_range {
	struct pymm_object ob;
	s64 start;		/* iterator: the next value */
	s64 stop;		/* iterator: unused */
	s64 step;
	u64 len;		/* iterator: the values left */
	u8 is_iter;
	u8 reserved[7];
};

static inline struct pymm_range *as_range(struct pymm_object *o)
{
	return (struct pymm_range *)o;
}

/* range_hash: hash((len, start, step)), None for what len makes moot */
static int range_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	struct pymm_range *r = as_range(o);
	s64 lanes[3], none;
	int err;

	if (r->is_iter)
		return pymm_obj_identity_hash(h, o, out);
	err = pymm_obj_hash(h, h->none, &none);
	if (err)
		return err;
	lanes[0] = pymm_hash_int((s64)r->len);
	lanes[1] = r->len ? pymm_hash_int(r->start) : none;
	lanes[2] = r->len > 1 ? pymm_hash_int(r->step) : none;
	*out = pymm_tuple_hash_of(lanes, 3);
	return 0;
}

const struct pymm_typeobj pymm_range_type = {
	.name = "range",
	.code = PYMM_T_RANGE,
	.hash = range_hash,
};

bool pymm_range_is_iter(const struct pymm_object *o)
{
	return ((const struct pymm_range *)o)->is_iter;
}

u64 pymm_range_len(const struct pymm_object *o)
{
	return ((const struct pymm_range *)o)->len;
}

/* range_equals: the same values, whatever the numbers that made them */
bool pymm_range_equal(const struct pymm_object *a, const struct pymm_object *b)
{
	const struct pymm_range *x = (const void *)a, *y = (const void *)b;

	if (x->is_iter || y->is_iter)
		return a == b;
	if (x->len != y->len)
		return false;
	if (!x->len)
		return true;
	if (x->start != y->start)
		return false;
	return x->len == 1 || x->step == y->step;
}

/* compute_range_length */
static u64 range_length(s64 lo, s64 hi, s64 step)
{
	if (step > 0 && lo < hi)
		return ((u64)hi - (u64)lo - 1) / (u64)step + 1;
	if (step < 0 && lo > hi)
		return ((u64)lo - (u64)hi - 1) / (0 - (u64)step) + 1;
	return 0;
}

static struct pymm_object *range_alloc(struct pymm_heap *h, int *err)
{
	return pymm_obj_alloc(h, PYMM_T_RANGE, sizeof(struct pymm_range), err);
}

/* PYMM_OP_NEW_RANGE: arg0..2 = start, stop, step */
int pymm_range_new_op(struct pymm_opctx *x)
{
	s64 start = (s64)x->op->arg[0], stop = (s64)x->op->arg[1], step = (s64)x->op->arg[2];
	struct pymm_object *o;
	int err;

	if (!step) {
		x->op->exc = PYMM_EXC_VALUE_ERROR;
		return -EINVAL;
	}
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	o = range_alloc(x->h, &err);
	if (!o)
		return err;
	as_range(o)->start = start;
	as_range(o)->stop = stop;
	as_range(o)->step = step;
	as_range(o)->len = range_length(start, stop, step);
	return pymm_ret_handle(x, o);
}

/* range_iter: a range_iterator of the range's values */
struct pymm_object *pymm_range_iter_new(struct pymm_heap *h, struct pymm_object *range,
					int *err)
{
	struct pymm_object *o = range_alloc(h, err);

	if (!o)
		return NULL;
	as_range(o)->start = as_range(range)->start;
	as_range(o)->step = as_range(range)->step;
	as_range(o)->len = as_range(range)->len;
	as_range(o)->is_iter = 1;
	return o;
}

/* rangeiter_next: a new int, NULL with *err 0 at the end */
struct pymm_object *pymm_range_iter_next(struct pymm_heap *h, struct pymm_object *it,
					 int *err)
{
	struct pymm_range *r = as_range(it);
	s64 v = r->start;

	*err = 0;
	if (!r->len)
		return NULL;
	r->len--;
	/* past the last value the next one may not fit: it is never read */
	if (r->len)
		r->start = v + r->step;
	return pymm_int_new(h, v, err);
}

/* range[i]: a new int; -ERANGE past either end */
struct pymm_object *pymm_range_item(struct pymm_heap *h, struct pymm_object *o, s64 i,
				    int *err)
{
	struct pymm_range *r = as_range(o);

	if (i < 0)
		i += (s64)r->len;
	if (r->is_iter || i < 0 || (u64)i >= r->len) {
		*err = -ERANGE;
		return NULL;
	}
	return pymm_int_new(h, (s64)((u64)r->start + (u64)i * (u64)r->step), err);
}

/* PYMM_OP_READ: ret0 = length; data = {start, stop, step} */
int pymm_range_read(struct pymm_opctx *x, struct pymm_object *o)
{
	struct pymm_range *r = as_range(o);
	s64 v[3] = { r->start, r->stop, r->step };

	x->op->ret[0] = r->len;
	x->op->ret[1] = r->is_iter;
	return pymm_out_bytes(x, v, sizeof(v));
}
