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
#include <stdlib.h>
#include <string.h>

#include "interp.h"

int iter_get(struct interp *I, const struct value *v, struct py_iter *it)
{
	struct pymm_op op;
	uint32_t t = 0;

	memset(it, 0, sizeof(*it));
	if (need_obj(I, v))
		return -1;
	pymm_op_init(&op, PYMM_OP_TYPE);
	op.arg[0] = v->h;
	if (op1_raise(I, &op))
		return -1;
	t = (uint32_t)op.ret[0];
	if (t == PYMM_T_ITER) {
		/* iter(iterator) is the iterator itself */
		pymm_op_init(&op, PYMM_OP_DUP);
		op.arg[0] = v->h;
		if (op1_raise(I, &op))
			return -1;
		it->h = op.ret[0];
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
	if (n->kind == N_COMP && n->op == 'g')
		n->op = 'G';	/* a for loop consumes it at once */
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

int iter_next(struct interp *I, struct py_iter *it, struct value *out, bool *done)
{
	struct pymm_op op;

	*done = false;
	pymm_op_init(&op, PYMM_OP_ITER_NEXT);
	op.arg[0] = it->h;
	if (op1(I, &op))
		return -1;
	if (op.error == -EBUSY)
		return raise_exc(I, EX_RUNTIME, it->kind == 6 ? "Set changed size during iteration" :
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
