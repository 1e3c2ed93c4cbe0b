// SPDX-License-Identifier: GPL-2.0
/*
 * iterobj.c - enumerate, zip, map, filter and reversed: the builtins that
 * make their iterator objects in the heap (PYMM_OP_NEW_ITER_OF, core
 * types/iterobj.c), and one step of each.
 *
 * reversed's iterators are stepped by the heap like a list_iterator.  The
 * other four hold iterators (and map's or filter's function) and are
 * stepped here, as their tp_iternext would: the next item of each inner
 * iterator (ITER_NEXT, or a step of an inner enumerate & co), then
 *
 *   enumerate, zip  ITER_RESULT: the heap puts the items in the result
 *                   tuple the iterator reuses while it holds it alone;
 *   map             func(*items);
 *   filter          items until func(item) (or the item, for None) is true.
 *
 * So they stream: one step holds one step's items, whatever the input's
 * size.
 *
 * iter(callable, sentinel) is a callable_iterator the same way: the heap
 * holds the callable and the sentinel, each step calls the one and
 * compares with the other (calliter_iternext), and ITER_CLEAR drops both
 * when the sentinel comes or the callable raises StopIteration.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

static const char *const kind_names[] = {
	[PYMM_ITER_LIST] = "list_iterator",
	[PYMM_ITER_TUPLE] = "tuple_iterator",
	[PYMM_ITER_DICT_KEYS] = "dict_keyiterator",
	[PYMM_ITER_STR] = "str_ascii_iterator",
	[PYMM_ITER_BYTES] = "bytes_iterator",
	[PYMM_ITER_ENUMERATE] = "enumerate",
	[PYMM_ITER_ZIP] = "zip",
	[PYMM_ITER_MAP] = "map",
	[PYMM_ITER_FILTER] = "filter",
	[PYMM_ITER_LIST_REV] = "list_reverseiterator",
	[PYMM_ITER_REVERSED] = "reversed",
	[PYMM_ITER_SET] = "set_iterator",
	[PYMM_ITER_RANGE] = "range_iterator",
	[PYMM_ITER_DICT_VALUES] = "dict_valueiterator",
	[PYMM_ITER_DICT_ITEMS] = "dict_itemiterator",
	[PYMM_ITER_BYTEARRAY] = "bytearray_iterator",
	[PYMM_ITER_CALLABLE] = "callable_iterator",
};

/* CPython's name for an iterator of that kind (READ ret0) */
const char *iter_kind_name(uint32_t kind)
{
	if (kind < sizeof(kind_names) / sizeof(kind_names[0]) && kind_names[kind])
		return kind_names[kind];
	return "iterator";
}

static int new_iter_of(struct interp *I, uint32_t kind, uint64_t inner, uint64_t func,
		       int64_t start, struct value *out)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_NEW_ITER_OF);
	op.arg[0] = kind;
	op.arg[1] = inner;
	op.arg[2] = func;
	op.arg[3] = (uint64_t)start;
	if (op1(I, &op))
		return -1;
	if (op.error == -EOPNOTSUPP)
		return raise_exc(I, EX_NOT_IMPLEMENTED, "%s() of a dict is not supported by pymm",
				 iter_kind_name(kind));
	if (op.error)
		return raise_op(I, &op, iter_kind_name(kind));
	*out = vobj(op.ret[0], true);
	return 0;
}

/* map's or filter's function (None: filter(None, ...)) */
static int iter_func(struct interp *I, uint64_t h, struct value *fn)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_ITER_PART);
	op.arg[0] = h;
	op.arg[1] = 1;
	if (op1_raise(I, &op))
		return -1;
	*fn = vobj(op.ret[0], true);
	return 0;
}

/*
 * map's / filter's function argument: a heap object, as the iterator
 * holds it (a builtin function is its object, bfunc.c; a builtin type the
 * heap's static one)
 */
static int func_arg(struct interp *I, const struct value *f, uint64_t *h)
{
	*h = 0;
	if (need_obj(I, f))
		return -1;
	*h = f->h;
	return 0;
}

/* GET_ITER of each argument, into a tuple of iterators (zip, map) */
static int iters_tuple(struct interp *I, struct value *args, int n, struct value *out)
{
	uint64_t *hs = calloc(n ? n : 1, sizeof(*hs));
	int i, err = 0;

	if (!hs) {
		perror("pymmctl");
		exit(1);
	}
	for (i = 0; i < n && !err; i++) {
		struct py_iter it;

		err = iter_get(I, &args[i], &it);
		hs[i] = it.h;
	}
	if (!err)
		err = new_container(I, PYMM_OP_NEW_TUPLE, hs, n, out);
	close_many(I, hs, (uint32_t)(err ? i - 1 : i));	/* a failed GET_ITER made none */
	free(hs);
	return err;
}

/* enumerate(iterable, start=0) */
static int bi_enumerate(BI_ARGS)
{
	struct value *startv = nargs > 1 ? &args[1] : NULL;
	struct py_iter it;
	int64_t start = 0;
	int err;

	if (nkw > 1 || (nkw && (strcmp(kwn[0], "start") || startv)))
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "enumerate() got an unexpected keyword argument '%s'", kwn[nkw - 1]);
	if (nkw)
		startv = &args[nargs];
	if (startv && read_int(I, startv, &start, NULL))
		return -1;
	if (iter_get(I, &args[0], &it))
		return -1;
	err = new_iter_of(I, PYMM_ITER_ENUMERATE, it.h, 0, start, out);
	iter_release(I, &it);
	return err;
}

/* zip(*iterables) (b->op ZIP), map(func, *iterables) (MAP) */
static int bi_zipmap(BI_ARGS)
{
	bool is_map = b->op == PYMM_ITER_MAP;
	uint64_t fh = 0;
	int err;
	struct value t;

	if (nkw)
		return raise_exc(I, is_map ? PYMM_EXC_TYPE_ERROR : EX_NOT_IMPLEMENTED, is_map ?
				 "map() takes no keyword arguments" :
				 "zip(strict=...) is not supported by pymm");
	if (is_map && nargs < 2)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "map() must have at least two arguments.");
	if (is_map && func_arg(I, &args[0], &fh))
		return -1;
	if (iters_tuple(I, args + is_map, nargs - is_map, &t))
		return -1;
	err = new_iter_of(I, b->op, t.h, fh, 0, out);
	vrelease(I, &t);
	return err;
}

/* filter(func or None, iterable) */
static int bi_filter(BI_ARGS)
{
	struct py_iter it;
	uint64_t fh;
	int err;

	if (nargs != 2)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "filter expected 2 arguments, got %d",
				 nargs);
	if (func_arg(I, &args[0], &fh) || iter_get(I, &args[1], &it))
		return -1;
	err = new_iter_of(I, PYMM_ITER_FILTER, it.h, fh, 0, out);
	iter_release(I, &it);
	return err;
}

/* reversed(seq): a list, tuple, str or bytes */
static int bi_reversed(BI_ARGS)
{
	uint32_t t;

	if (need_obj(I, &args[0]) || obj_type(I, args[0].h, &t))
		return -1;
	if (t == PYMM_T_INSTANCE)
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "reversed() of an instance (__reversed__, __len__ and "
				 "__getitem__) is not supported by pymm");
	if (t == PYMM_T_RANGE)
		return range_reversed(I, args[0].h, out);
	if (t != PYMM_T_LIST && t != PYMM_T_TUPLE && t != PYMM_T_STR && t != PYMM_T_BYTES &&
	    t != PYMM_T_DICT)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "'%s' object is not reversible",
				 type_name(t));
	return new_iter_of(I, PYMM_ITER_REVERSED, args[0].h, 0, 0, out);
}


const struct builtin *const builtins_iters[] = {
	ROW(BO_BUILTINS, "enumerate", 1, 2, BF_KW, bi_enumerate, 0),
	ROW(BO_BUILTINS, "zip", 0, -1, BF_KW, bi_zipmap, PYMM_ITER_ZIP),
	ROW(BO_BUILTINS, "map", 0, -1, BF_KW, bi_zipmap, PYMM_ITER_MAP),
	ROW(BO_BUILTINS, "filter", 0, -1, 0, bi_filter, 0),
	ROW(BO_BUILTINS, "reversed", 1, 1, 0, bi_reversed, 0),
	NULL
};

/* ------------------------------------------------------------ stepping */

static int iter_part(struct interp *I, uint64_t h, int which, uint64_t *out, uint32_t *kind)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_ITER_PART);
	op.arg[0] = h;
	op.arg[1] = which;
	if (op1_raise(I, &op))
		return -1;
	*out = op.ret[0];
	if (kind)
		*kind = (uint32_t)op.ret[1];
	return 0;
}

/* the next item of each iterator of hs[]; *done at the first exhausted one */
static int next_each(struct interp *I, const uint64_t *hs, uint32_t n, struct value *items,
		     bool *done)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (iter_next_h(I, hs[i], &items[i], done) || *done) {
			release_many(I, items, (int)i);
			return *done ? 0 : -1;
		}
	}
	return 0;
}

static int make_result(struct interp *I, uint64_t h, struct value *items, uint32_t n,
		       struct value *out)
{
	uint64_t *hs = calloc(n ? n : 1, sizeof(*hs));
	struct pymm_op op;
	uint32_t i;
	int err;

	if (!hs) {
		perror("pymmctl");
		exit(1);
	}
	for (i = 0; i < n; i++)
		hs[i] = items[i].h;
	pymm_op_init(&op, PYMM_OP_ITER_RESULT);
	op.arg[0] = h;
	pymm_op_set_data(&op, hs, n * sizeof(*hs));
	err = op1(I, &op);
	free(hs);
	release_many(I, items, (int)n);
	if (err)
		return -1;
	if (op.error)
		return raise_op(I, &op, NULL);
	*out = vobj(op.ret[0], true);
	return 0;
}

/* filter_next: items until one passes */
static int filter_step(struct interp *I, uint64_t h, uint64_t inner, struct value *out, bool *done)
{
	struct value func, item, res;
	bool keep = false, is_none;
	uint32_t t = 0;
	int err = 0;

	if (iter_func(I, h, &func))
		return -1;
	is_none = func.kind == V_OBJ && !obj_type(I, func.h, &t) && t == PYMM_T_NONE;
	while (!err && !keep) {
		err = iter_next_h(I, inner, &item, done);
		if (err || *done)
			break;
		if (is_none) {
			err = truth(I, &item, &keep);
		} else {
			struct value arg = vobj(item.h, false);

			err = call(I, &func, &arg, 1, NULL, &res);
			if (!err) {
				err = truth(I, &res, &keep);
				vrelease(I, &res);
			}
		}
		if (keep && !err)
			*out = item;
		else
			vrelease(I, &item);
	}
	vrelease(I, &func);
	return err;
}

/* zip_next and map_next over the tuple of iterators */
static int zipmap_step(struct interp *I, uint64_t h, uint32_t kind, uint64_t tuple,
		       struct value *out, bool *done)
{
	struct value *items = NULL, func;
	uint64_t *hs;
	uint32_t n;
	int err;

	if (obj_items(I, tuple, &hs, &n))
		return -1;
	if (!n) {
		*done = true;	/* zip(): nothing */
		free(hs);
		return 0;
	}
	items = calloc(n, sizeof(*items));
	if (!items) {
		perror("pymmctl");
		exit(1);
	}
	err = next_each(I, hs, n, items, done);
	if (!err && !*done && kind == PYMM_ITER_ZIP) {
		err = make_result(I, h, items, n, out);
	} else if (!err && !*done) {
		err = iter_func(I, h, &func);
		if (!err) {
			err = call(I, &func, items, (int)n, NULL, out);
			vrelease(I, &func);
		}
		release_many(I, items, (int)n);
	}
	close_many(I, hs, n);
	free(hs);
	free(items);
	return err;
}

/* iter(callable, sentinel) (generator.c's iter() hands it here) */
int callable_iter_new(struct interp *I, struct value *fn, struct value *sentinel,
		      struct value *out)
{
	struct value ok;
	bool yes;
	int err;

	err = call_builtin(I, builtin_lookup(BO_BUILTINS, "callable"), NULL, fn, 1, NULL, 0, &ok);
	if (err)
		return -1;
	err = truth(I, &ok, &yes);
	vrelease(I, &ok);
	if (err)
		return -1;
	if (!yes)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "iter(v, w): v must be callable");
	if (need_obj(I, fn) || need_obj(I, sentinel))
		return -1;
	return new_iter_of(I, PYMM_ITER_CALLABLE, sentinel->h, fn->h, 0, out);
}

/* calliter_iternext: the callable's result, unless it is the sentinel */
static int callable_step(struct interp *I, uint64_t h, uint64_t sentinel, struct value *out,
			 bool *done)
{
	struct value func, res, s = vobj(sentinel, false);
	struct pymm_op op;
	int base = I->ntbhold, err;
	uint32_t t = 0;
	bool eq = false;

	if (iter_func(I, h, &func))
		return -1;
	/* a cleared one (None: a callable is never None) has ended */
	if (func.kind == V_OBJ && !obj_type(I, func.h, &t) && t == PYMM_T_NONE) {
		vrelease(I, &func);
		*done = true;
		return 0;
	}
	err = call(I, &func, NULL, 0, NULL, &res);
	vrelease(I, &func);
	if (err && I->exc == EX_STOP_ITERATION) {
		exc_swallow(I, base);
		*done = true;
	} else if (err) {
		return -1;
	} else {
		eq = res.h == sentinel;
		if (!eq && compare(I, CMP_EQ, &s, &res, &eq)) {
			vrelease(I, &res);
			return -1;
		}
		if (eq) {
			vrelease(I, &res);
			*done = true;
		} else {
			*out = res;
			return 0;
		}
	}
	pymm_op_init(&op, PYMM_OP_ITER_CLEAR);
	op.arg[0] = h;
	return op1_raise(I, &op);
}

/* one step of an enumerate, zip, map or filter h (ITER_NEXT refused it) */
int iterobj_next(struct interp *I, uint64_t h, struct value *out, bool *done)
{
	struct value item;
	uint64_t inner;
	uint32_t kind;
	int err;

	*done = false;
	if (iter_part(I, h, 0, &inner, &kind))
		return -1;
	switch (kind) {
	case PYMM_ITER_ENUMERATE:
		err = iter_next_h(I, inner, &item, done);
		if (!err && !*done)
			err = make_result(I, h, &item, 1, out);
		break;
	case PYMM_ITER_FILTER:
		err = filter_step(I, h, inner, out, done);
		break;
	case PYMM_ITER_CALLABLE:
		err = callable_step(I, h, inner, out, done);
		break;
	default:
		err = zipmap_step(I, h, kind, inner, out, done);
		break;
	}
	queue_close(I, inner);
	return err;
}
