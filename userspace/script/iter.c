// SPDX-License-Identifier: GPL-2.0
/*
 * iter.c - the one iteration protocol: what GET_ITER and FOR_ITER do.
 *
 * A list, tuple, dict, str or bytes is iterated through an iterator
 * object in the heap (PYMM_OP_NEW_ITER, core types/iter.c): a GC-tracked
 * object holding one reference to its sequence, as CPython 3.11's
 * list_iterator & co are, so `for x in lst` holds the list through the
 * iterator and gc.get_count()/get_objects() see it.  Each step is one
 * PYMM_OP_ITER_NEXT: a loop over a dict of 100,000 keys never holds more
 * than the current key's handle.
 *
 * `range(...)` is a heap object too (ranges.c): GET_ITER of it makes a
 * range_iterator, which is no GC object and holds no reference, as in
 * CPython.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* "'Node'" for an instance, the type's name otherwise */
static int class_or_type_name(struct interp *I, uint64_t h, char *buf, size_t n)
{
	struct objinfo oi;

	if (obj_read(I, h, &oi))
		return -1;
	snprintf(buf, n, "%s", objinfo_type_name(&oi));
	free(oi.s);
	return 0;
}

/*
 * iter(obj) of an instance: type(obj).__iter__(obj), which must give an
 * iterator: a generator (a generator method), a heap iterator, or an
 * instance (whose __next__ each step calls).
 */
static int iter_instance(struct interp *I, uint64_t h, struct py_iter *it)
{
	struct value res;
	char name[128];
	uint32_t t;
	int r = call_special(I, h, "__iter__", NULL, 0, &res);

	if (r < 0)
		return -1;
	if (r == 1) {
		/* CPython iterates with __getitem__(0), (1) ... (PySeqIter) */
		r = has_special(I, h, "__getitem__");
		if (r)
			return r < 0 ? -1 : raise_exc(I, EX_NOT_IMPLEMENTED, "iterating over an "
					  "object with __getitem__ but no __iter__ (the sequence "
					  "protocol) is not supported by pymm");
		if (class_or_type_name(I, h, name, sizeof(name)))
			return -1;
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "'%s' object is not iterable", name);
	}
	if (need_obj(I, &res) || obj_type(I, res.h, &t)) {
		vrelease(I, &res);
		return -1;
	}
	if (t != PYMM_T_GENERATOR && t != PYMM_T_ITER && t != PYMM_T_INSTANCE) {
		vrelease(I, &res);
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "iter() returned non-iterator of type '%s'",
				 type_name(t));
	}
	it->h = res.h;
	it->is_gen = t == PYMM_T_GENERATOR;
	it->is_inst = t == PYMM_T_INSTANCE;
	return 0;
}

/* type(obj).__next__(obj); a StopIteration from it is the end */
static int next_instance(struct interp *I, uint64_t h, struct value *out, bool *done)
{
	int base = I->ntbhold, r = call_special(I, h, "__next__", NULL, 0, out);
	char name[128];

	if (r == 1) {
		if (class_or_type_name(I, h, name, sizeof(name)))
			return -1;
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "'%s' object is not an iterator", name);
	}
	if (r < 0 && I->exc == EX_STOP_ITERATION) {
		I->exc = EX_NONE;
		I->ntb = 0;
		release_tbhold(I, base);
		*done = true;
		return 0;
	}
	return r;
}

int iter_get(struct interp *I, const struct value *v, struct py_iter *it)
{
	struct pymm_op op;
	uint32_t t = 0;

	if (is_proxy(v)) {
		/* proxy_iter: the referent's iterator */
		struct value r = vobj(v->h, false);
		int err;

		memset(it, 0, sizeof(*it));
		err = proxy_deref(I, &r) ? -1 : iter_get(I, &r, it);
		vrelease(I, &r);
		return err;
	}
	memset(it, 0, sizeof(*it));
	if (need_obj(I, v))
		return -1;
	pymm_op_init(&op, PYMM_OP_TYPE);
	op.arg[0] = v->h;
	if (op1_raise(I, &op))
		return -1;
	t = (uint32_t)op.ret[0];
	if (t == PYMM_T_INSTANCE)
		return iter_instance(I, v->h, it);
	if (t == PYMM_T_ITER || t == PYMM_T_GENERATOR) {
		/* iter(iterator) is the iterator itself */
		pymm_op_init(&op, PYMM_OP_DUP);
		op.arg[0] = v->h;
		if (op1_raise(I, &op))
			return -1;
		it->h = op.ret[0];
		it->is_gen = t == PYMM_T_GENERATOR;
		return 0;
	}
	pymm_op_init(&op, PYMM_OP_NEW_ITER);
	op.arg[0] = v->h;
	if (op1(I, &op))
		return -1;
	if (op.error) {
		if (op.exc == PYMM_EXC_TYPE_ERROR)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR, "'%s' object is not iterable",
					 type_name(t));
		return raise_op(I, &op, NULL);
	}
	it->h = op.ret[0];
	it->kind = (uint32_t)op.ret[1];
	return 0;
}

/* Evaluates an iterable expression and GET_ITERs it. */
int iter_node(struct interp *I, struct node *n, struct py_iter *it)
{
	struct value v;
	int err;

	memset(it, 0, sizeof(*it));
	if (n->kind == N_SET) {
		/* `for x in {1, 2, 3}` walks the compiler's frozenset */
		if (set_display(I, n, true, &v))
			return -1;
		err = iter_get(I, &v, it);
		vrelease(I, &v);
		return err;
	}
	if (eval(I, n, &v))
		return -1;
	err = iter_get(I, &v, it);
	/* GET_ITER consumes the iterable's stack reference */
	vrelease(I, &v);
	return err;
}

/*
 * FOR_ITER on an iterator object h: ITER_NEXT, or iterobj.c's step; kind
 * is NEW_ITER's ret1 when known (0 otherwise), for the RuntimeError's text
 */
static int iter_step(struct interp *I, uint64_t h, uint32_t kind, struct value *out,
		     bool *done)
{
	struct pymm_op op;

	*done = false;
	pymm_op_init(&op, PYMM_OP_ITER_NEXT);
	op.arg[0] = h;
	if (op1(I, &op))
		return -1;
	if (op.error == -EOPNOTSUPP && !op.exc)
		return iterobj_next(I, h, out, done);	/* enumerate, zip, map, filter */
	if (op.error == -EINVAL && op.exc == PYMM_EXC_TYPE_ERROR) {
		/* not the heap's to step: a generator or an instance (zip's parts) */
		uint32_t t;

		if (obj_type(I, h, &t))
			return -1;
		if (t == PYMM_T_GENERATOR)
			return gen_next(I, h, out, done);
		if (t == PYMM_T_INSTANCE)
			return next_instance(I, h, out, done);
	}
	if (op.error == -EBUSY)
		return raise_exc(I, EX_RUNTIME, kind == PYMM_ITER_SET ?
				 "Set changed size during iteration" :
				 "dictionary changed size during iteration");
	if (op.error)
		return raise_op(I, &op, NULL);
	if (!op.ret[1]) {
		*done = true;
		return 0;
	}
	*out = vobj(op.ret[0], true);
	return 0;
}

int iter_next_h(struct interp *I, uint64_t h, struct value *out, bool *done)
{
	return iter_step(I, h, 0, out, done);
}

int iter_next(struct interp *I, struct py_iter *it, struct value *out, bool *done)
{
	*done = false;
	if (it->is_gen)
		return gen_next(I, it->h, out, done);
	if (it->is_inst)
		return next_instance(I, it->h, out, done);
	return iter_step(I, it->h, it->kind, out, done);
}

/* next(v): v itself, borrowed (iter_release() is not called on it) */
int iter_wrap(struct interp *I, const struct value *v, struct py_iter *it)
{
	uint32_t t;

	memset(it, 0, sizeof(*it));
	if (need_obj(I, v) || obj_type(I, v->h, &t))
		return -1;
	if (t == PYMM_T_RANGE) {
		bool is_iter;

		if (range_kind(I, v->h, &is_iter))
			return -1;
		if (is_iter)
			t = PYMM_T_ITER;	/* a range_iterator: the heap steps it */
	}
	if (t != PYMM_T_ITER && t != PYMM_T_GENERATOR && t != PYMM_T_INSTANCE)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "'%s' object is not an iterator",
				 type_name(t));
	it->h = v->h;
	it->is_gen = t == PYMM_T_GENERATOR;
	it->is_inst = t == PYMM_T_INSTANCE;
	return 0;
}

void iter_release(struct interp *I, struct py_iter *it)
{
	if (it->h)
		queue_close(I, it->h);
	it->h = 0;
}

/* Every item of an iterable, as new handles (list(x)'s walk). */
int iter_collect(struct interp *I, const struct value *v, uint64_t **hs, uint32_t *n)
{
	struct py_iter it;
	uint32_t cap = 16;
	int err;

	*n = 0;
	*hs = xrealloc(NULL, cap * sizeof(uint64_t));
	if (iter_get(I, v, &it)) {
		free(*hs);
		*hs = NULL;
		return -1;
	}
	for (;;) {
		struct value item;
		bool done;

		err = iter_next(I, &it, &item, &done);
		if (err || done)
			break;
		if (*n == cap) {
			cap *= 2;
			*hs = xrealloc(*hs, cap * sizeof(uint64_t));
		}
		(*hs)[(*n)++] = item.h;
	}
	iter_release(I, &it);
	if (err) {
		close_many(I, *hs, *n);
		free(*hs);
		*hs = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* x in it, by iteration (PySequence_Contains' fallback): `is`, then == */
int iter_contains(struct interp *I, const struct value *seq, const struct value *item,
		  bool *res)
{
	struct py_iter it;
	int err = 0;

	*res = false;
	if (iter_get(I, seq, &it))
		return -1;
	while (!err && !*res) {
		struct value x;
		bool done;

		err = iter_next(I, &it, &x, &done);
		if (err || done)
			break;
		err = compare(I, CMP_IS, &x, item, res);
		if (!err && !*res)
			err = compare(I, CMP_EQ, &x, item, res);
		vrelease(I, &x);
	}
	iter_release(I, &it);
	return err;
}
