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
 * `range(...)` as the iterable of a for loop or comprehension is walked
 * here: CPython's range and range_iterator are not GC-tracked and hold
 * only ints, so nothing observable from a script is lost (their refcounts
 * aside: they are not reachable from Python code in that position).
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

static bool is_range_call(struct interp *I, struct node *n)
{
	/* (at the prompt a later input could rebind range: not supported) */
	return n->kind == N_CALL && n->a->kind == N_NAME && !strcmp(n->a->str, "range") &&
	       !n->list3.n && !name_is_local(I, "range") &&
	       !scope_is_local(I->m->mod_scope, "range");
}

/* Evaluates an iterable expression and GET_ITERs it. */
int iter_node(struct interp *I, struct node *n, struct py_iter *it)
{
	struct value v;
	int err;

	memset(it, 0, sizeof(*it));
	if (is_range_call(I, n)) {
		int64_t a[3] = { 0, 0, 1 };
		struct value args[3];
		int na = n->list.n, k;

		if (na < 1 || na > 3)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR, na > 3 ?
					 "range expected at most 3 arguments, got %d" :
					 "range expected at least 1 argument, got %d", na);
		if (eval_many(I, &n->list, args))
			return -1;
		err = 0;
		for (k = 0; k < na && !err; k++)
			err = read_int(I, &args[k], &a[k], NULL);
		release_many(I, args, na);
		if (err)
			return -1;
		it->is_range = true;
		if (na == 1) {
			it->cur = 0;
			it->stop = a[0];
			it->step = 1;
		} else {
			it->cur = a[0];
			it->stop = a[1];
			it->step = na == 3 ? a[2] : 1;
		}
		if (it->step == 0)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR, "range() arg 3 must not be zero");
		return 0;
	}
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
	if (it->is_range) {
		if (it->step > 0 ? it->cur >= it->stop : it->cur <= it->stop) {
			*done = true;
			return 0;
		}
		if (new_int(I, it->cur, out))
			return -1;
		if (__builtin_add_overflow(it->cur, it->step, &it->cur))
			it->cur = it->stop;
		return 0;
	}
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
