// SPDX-License-Identifier: GPL-2.0
/*
 * iterobj.c - the iterator objects of builtins, as CPython 3.11's
 * enumobject.c and bltinmodule.c make them: enumerate, zip, map, filter
 * (GC-tracked, holding the iterators of their arguments) and reversed
 * (list_reverseiterator for a list, a reversed object for a tuple, str or
 * bytes).  One type code, PYMM_T_ITER, with a kind; types/iter.c steps
 * the reversed kinds like the others.
 *
 *   enumerate  en_sit (an iterator), en_result: a (None, None) tuple from
 *              birth, refilled with (index, item) by each step while the
 *              enumerate holds it alone (refcount 1), else a new tuple is
 *              returned and en_result stays as it was (enum_next).
 *   zip        ittuple (a tuple of iterators) and result, (None,) * n,
 *              reused the same way (zip_next).
 *   map        iters (a tuple of iterators) and func.
 *   filter     it and func (None for filter(None, it), as CPython keeps it).
 *   callable_iterator (iter(callable, sentinel), iterobject.c's calliter)
 *              func the callable, it.seq the sentinel; both dropped when
 *              the iterator ends (ITER_CLEAR), as calliter_iternext does.
 *
 * A builtin function (len, str ...) is no heap object in pymm: map's or
 * filter's func is then NULL and the client remembers which builtin it is.
 *
 * Traversal: the iterator(s) first, then the result tuple or the function
 * (enumerate_traverse, zip_traverse, map_traverse, filter_traverse).
 * None of the four has a tp_clear.  Deallocation drops the same fields in
 * the same order, except filter, whose dealloc drops func first.
 *
 * The kernel runs no Python and steps no iterator it does not own the
 * rules of: the client asks for the parts (ITER_PART), takes each inner
 * iterator's next item itself, calls map's and filter's function, and
 * hands zip's and enumerate's items back (ITER_RESULT) for the tuple.  A
 * stream never holds more than one step's items: nothing is materialised.
 */
#include "../heap.h"
#include "../iter.h"
#include "../range.h"

int pymm_iterobj_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_iterobj *io = (struct pymm_iterobj *)o;
	struct pymm_object *const f[] = { io->it.seq, io->result, io->func };
	/* calliter_traverse: the callable, then the sentinel */
	struct pymm_object *const c[] = { io->func, io->it.seq, io->result };

	return pymm_visit_fields(io->it.kind == PYMM_ITER_CALLABLE ? c : f, ARRAY_SIZE(f),
				 visit, arg);
}

struct pymm_object *pymm_iterobj_release(struct pymm_object *o)
{
	struct pymm_iterobj *io = (struct pymm_iterobj *)o;
	struct pymm_object **const order[] = { &io->it.seq, &io->result, &io->func };
	struct pymm_object **const filter_order[] = { &io->func, &io->it.seq, &io->result };
	struct pymm_object **const *f = io->it.kind == PYMM_ITER_FILTER ||
					io->it.kind == PYMM_ITER_CALLABLE ? filter_order : order;

	return pymm_release_fields(f, ARRAY_SIZE(order), &io->release_pos);
}

static bool is_iter(const struct pymm_object *o)
{
	return o->type == PYMM_T_ITER;
}

/*
 * What iter() can return: the heap's own iterators, a generator, a
 * range_iterator, or an instance (its class's __next__).  The heap only
 * holds a composite's parts; the client steps them.
 */
static bool is_iterator(const struct pymm_object *o)
{
	return o->type == PYMM_T_ITER || o->type == PYMM_T_GENERATOR ||
	       o->type == PYMM_T_INSTANCE ||
	       (o->type == PYMM_T_RANGE && pymm_range_is_iter(o));
}

static bool is_tuple_of_iters(struct pymm_object *o)
{
	struct pymm_tuple *t = (struct pymm_tuple *)o;
	u32 i;

	if (o->type != PYMM_T_TUPLE)
		return false;
	for (i = 0; i < t->len; i++)
		if (!t->items[i] || !is_iterator(t->items[i]))
			return false;
	return true;
}

/* (None,) * n, the result tuple enumerate and zip start with */
static struct pymm_object *none_tuple(struct pymm_heap *h, u32 n, int *err)
{
	struct pymm_object *nones[2] = { h->none, h->none }, *t, **items;
	u32 i;

	if (n <= 2)
		return pymm_tuple_new(h, nones, n, err);
	items = pymm_heap_malloc(h, n * sizeof(*items));
	if (!items) {
		*err = h->alloc.last_error ? h->alloc.last_error : -ENOMEM;
		return NULL;
	}
	for (i = 0; i < n; i++)
		items[i] = h->none;
	t = pymm_tuple_new(h, items, n, err);
	pymm_free(&h->alloc, items, n * sizeof(*items));
	return t;
}

/* the argument checks of NEW_ITER_OF: -EINVAL (a client bug) or a TypeError */
static int check_parts(struct pymm_opctx *x, u32 kind, struct pymm_object *seq,
		       struct pymm_object *func)
{
	switch (kind) {
	case PYMM_ITER_ENUMERATE:
	case PYMM_ITER_FILTER:
		return is_iterator(seq) ? 0 : -EINVAL;
	case PYMM_ITER_ZIP:
		return is_tuple_of_iters(seq) ? 0 : -EINVAL;
	case PYMM_ITER_MAP:
		return is_tuple_of_iters(seq) && ((struct pymm_tuple *)seq)->len ? 0 : -EINVAL;
	case PYMM_ITER_CALLABLE:
		return func ? 0 : -EINVAL;	/* the client checked it is callable */
	case PYMM_ITER_REVERSED:
		if (seq->type == PYMM_T_LIST || seq->type == PYMM_T_TUPLE ||
		    seq->type == PYMM_T_STR || seq->type == PYMM_T_BYTES)
			return 0;
		if (seq->type == PYMM_T_DICT)
			return -EOPNOTSUPP;	/* dict_reversekeyiterator: not modelled */
		x->op->exc = PYMM_EXC_TYPE_ERROR;	/* 'int' object is not reversible */
		return -EINVAL;
	default:
		return -EINVAL;
	}
}

static struct pymm_object *new_iterobj(struct pymm_heap *h, u32 kind, struct pymm_object *seq,
				       struct pymm_object *func, s64 start, int *err)
{
	struct pymm_object *o, *result = NULL;
	struct pymm_iterobj *io;
	struct pymm_iter *it;

	if (kind == PYMM_ITER_REVERSED) {
		o = pymm_obj_alloc(h, PYMM_T_ITER, sizeof(*it), err);
		if (!o)
			return NULL;
		it = (struct pymm_iter *)o;
		it->kind = seq->type == PYMM_T_LIST ? PYMM_ITER_LIST_REV : PYMM_ITER_REVERSED;
		it->seq = pymm_obj_incref(seq);
		it->pos = pymm_iter_reversed_start(seq);
		pymm_gc_track(h, o);
		return o;
	}
	if (kind == PYMM_ITER_ENUMERATE || kind == PYMM_ITER_ZIP) {
		result = none_tuple(h, kind == PYMM_ITER_ZIP ?
				    ((struct pymm_tuple *)seq)->len : 2, err);
		if (!result)
			return NULL;
	}
	o = pymm_obj_alloc(h, PYMM_T_ITER, sizeof(*io), err);
	if (!o) {
		pymm_obj_xdecref(h, result);
		return NULL;
	}
	io = (struct pymm_iterobj *)o;
	io->it.kind = kind;
	io->it.seq = pymm_obj_incref(seq);
	io->func = func ? pymm_obj_incref(func) : NULL;
	io->result = result;
	io->index = start;
	pymm_gc_track(h, o);
	return o;
}

/* arg0 = kind, arg1 = iterator(s) or sequence, arg2 = function, arg3 = start */
static int op_new_iter_of(struct pymm_opctx *x)
{
	struct pymm_object *seq, *func = NULL, *o;
	u32 kind = (u32)x->op->arg[0];
	int err;

	if (x->op->arg[0] > PYMM_ITER_CALLABLE)
		return -EINVAL;
	err = pymm_handle_get(x->c, x->op->arg[1], &seq);
	if (!err && x->op->arg[2])
		err = pymm_handle_get(x->c, x->op->arg[2], &func);
	if (err)
		return err;
	/* map's function 0: a builtin of the client's, which is no heap object */
	if ((kind != PYMM_ITER_MAP && kind != PYMM_ITER_FILTER && kind != PYMM_ITER_CALLABLE &&
	     x->op->arg[2]) ||
	    (kind != PYMM_ITER_ENUMERATE && x->op->arg[3]))
		return -EINVAL;
	err = check_parts(x, kind, seq, func);
	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	o = new_iterobj(x->h, kind, seq, func, (s64)x->op->arg[3], &err);
	return o ? pymm_ret_handle(x, o) : err;
}

static struct pymm_iterobj *composite(struct pymm_opctx *x, int *err)
{
	struct pymm_object *o;

	*err = pymm_handle_get(x->c, x->op->arg[0], &o);
	if (*err)
		return NULL;
	if (!is_iter(o) || !pymm_iter_is_composite((struct pymm_iter *)o)) {
		*err = -EINVAL;
		return NULL;
	}
	return (struct pymm_iterobj *)o;
}

/* arg0 = a callable_iterator: its callable and sentinel dropped (exhausted) */
static int op_iter_clear(struct pymm_opctx *x)
{
	struct pymm_object *f, *s;
	struct pymm_iterobj *io;
	int err;

	io = composite(x, &err);
	if (!io)
		return err;
	if (io->it.kind != PYMM_ITER_CALLABLE)
		return -EINVAL;
	f = io->func;
	s = io->it.seq;
	io->func = NULL;
	io->it.seq = NULL;
	pymm_obj_xdecref(x->h, f);
	pymm_obj_xdecref(x->h, s);
	return 0;
}

/* arg0 = enumerate/zip/map/filter, arg1 = 0 (iterator or tuple) or 1 (function) */
static int op_iter_part(struct pymm_opctx *x)
{
	struct pymm_object *v;
	struct pymm_iterobj *io;
	int err;

	io = composite(x, &err);
	if (!io)
		return err;
	if (x->op->arg[1] > 1)
		return -EINVAL;
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	v = x->op->arg[1] ? io->func : io->it.seq;
	x->op->ret[1] = io->it.kind;
	return pymm_ret_handle(x, pymm_obj_incref(v ? v : x->h->none));
}

/*
 * arg0 = enumerate or zip, data = the next items' handles -> the result
 * tuple: enumerate's (index, item), zip's items; the iterator's own tuple
 * refilled when nobody else holds it (enum_next, zip_next), else a new
 * one.  enumerate's index is a new int each step, as PyLong_FromSsize_t.
 */
static int op_iter_result(struct pymm_opctx *x)
{
	struct pymm_object **objs = x->buf, *pair[2], *idx = NULL, *t, *o;
	struct pymm_iterobj *io;
	u64 *hs = x->buf;
	u32 n = x->in_len / sizeof(u64), want, i;
	int err;

	io = composite(x, &err);
	if (!io)
		return err;
	if (io->it.kind == PYMM_ITER_ZIP)
		want = ((struct pymm_tuple *)io->it.seq)->len;
	else if (io->it.kind == PYMM_ITER_ENUMERATE)
		want = 1;
	else
		return -EINVAL;
	if (x->in_len % sizeof(u64) || n != want)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		err = pymm_handle_get(x->c, hs[i], &o);	/* in place, as ops.c */
		if (err)
			return err;
		objs[i] = o;
	}
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	if (io->it.kind == PYMM_ITER_ENUMERATE) {
		if (io->index == S64_MAX)
			return -EOVERFLOW;	/* enum_next_long: no big ints in pymm */
		idx = pymm_int_new(x->h, io->index, &err);
		if (!idx)
			return err;
		pair[0] = idx;
		pair[1] = objs[0];
		objs = pair;
		n = 2;
	}
	if (io->result && io->result->refcnt == 1) {
		pymm_tuple_refill(x->h, io->result, objs);
		t = pymm_obj_incref(io->result);
	} else {
		t = pymm_tuple_new(x->h, objs, n, &err);
	}
	pymm_obj_xdecref(x->h, idx);
	if (!t)
		return err;
	io->index++;
	return pymm_ret_handle(x, t);
}

int pymm_iterobj_op(struct pymm_opctx *x)
{
	switch (x->op->code) {
	case PYMM_OP_NEW_ITER_OF:
		return op_new_iter_of(x);
	case PYMM_OP_ITER_PART:
		return op_iter_part(x);
	case PYMM_OP_ITER_RESULT:
		return op_iter_result(x);
	case PYMM_OP_ITER_CLEAR:
		return op_iter_clear(x);
	default:
		return -EINVAL;
	}
}
