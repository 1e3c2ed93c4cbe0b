// SPDX-License-Identifier: GPL-2.0
/*
 * gc_callbacks.c - gc.callbacks: the list lives in the heap (the heap holds
 * it, PYMM_OP_GC_CALLBACKS_LIST); its functions are Python code, so the
 * interpreter runs them around a collection, as CPython 3.11's
 * gc_collect_with_callback: each is called with ("start", info) before and
 * ("stop", info) after, info = {"generation": g, "collected": n,
 * "uncollectable": 0}.  Explicit collections (gc.collect(), the exit
 * collection) run them here; an automatic one the heap hands to us with
 * PYMM_OUTF_GC_DUE (docs/gc.md, "gc.callbacks").  An exception in a
 * callback is printed as unraisable and the next callback still runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* a new info dict: {"generation": gen, "collected": n, "uncollectable": 0} */
static int gc_info(struct interp *I, int gen, uint64_t collected, struct value *out)
{
	static const char *const keys[] = { "generation", "collected", "uncollectable" };
	const int64_t vals[] = { gen, (int64_t)collected, 0 };
	uint64_t pairs[6];
	struct value v;
	int i, n = 0, err = 0;

	for (i = 0; i < 3 && !err; i++) {
		err = new_str(I, keys[i], strlen(keys[i]), &v);
		if (err)
			break;
		pairs[n++] = v.h;
		err = new_int(I, vals[i], &v);
		if (!err)
			pairs[n++] = v.h;
	}
	if (!err)
		err = new_container(I, PYMM_OP_NEW_DICT, pairs, (uint32_t)n, out);
	close_many(I, pairs, (uint32_t)n);
	return err;
}

/* one callback; its exception is printed and dropped (PyErr_WriteUnraisable) */
static int call_one(struct interp *I, uint64_t cb, const struct value *phase,
		    const struct value *info)
{
	struct value fn = vobj(cb, false), args[2];
	struct pymm_op op;

	/* the call takes over its arguments' handles: give it its own */
	pymm_op_init(&op, PYMM_OP_DUP);
	op.arg[0] = phase->h;
	if (op1_raise(I, &op))
		return -1;
	args[0] = vobj(op.ret[0], true);
	pymm_op_init(&op, PYMM_OP_DUP);
	op.arg[0] = info->h;
	if (op1_raise(I, &op)) {
		vrelease(I, &args[0]);
		return -1;
	}
	args[1] = vobj(op.ret[0], true);
	return call_unraisable(I, &fn, cb, args, 2);
}

/* every callback, in list order, as the list is now */
static int gc_callbacks_run(struct interp *I, const char *phase, int gen, uint64_t collected)
{
	struct value cbs, ph, info;
	struct pymm_op op;
	uint64_t *hs = NULL;
	uint32_t n = 0, i;
	int err;

	if (!I->gc_callbacks_seen)
		return 0;	/* never read: nobody could have added one */
	pymm_op_init(&op, PYMM_OP_GC_CALLBACKS_LIST);
	if (op1_raise(I, &op))
		return -1;
	cbs = vobj(op.ret[0], true);
	err = obj_items(I, cbs.h, &hs, &n);
	vrelease(I, &cbs);
	if (err || !n) {
		free(hs);
		return err;
	}
	err = new_str(I, phase, strlen(phase), &ph);
	if (!err) {
		err = gc_info(I, gen, collected, &info);
		for (i = 0; i < n && !err; i++)
			err = call_one(I, hs[i], &ph, &info);
		if (!err)
			vrelease(I, &info);
		vrelease(I, &ph);
	}
	close_many(I, hs, n);
	free(hs);
	return err;
}

int gc_collect_with_callbacks(struct interp *I, int gen, uint64_t *result)
{
	struct pymm_op op;
	int err;

	/* CPython's collecting flag is set around the callbacks too: a
	 * gc.collect() inside one returns 0 and calls nothing */
	if (I->gc_in_callbacks) {
		*result = 0;
		return 0;
	}
	I->gc_in_callbacks++;
	err = gc_callbacks_run(I, "start", gen, 0);
	if (!err) {
		I->gc_done = false;
		pymm_op_init(&op, PYMM_OP_GC_COLLECT);
		op.arg[0] = (uint64_t)gen;
		err = op1_raise(I, &op);
	}
	if (!err) {
		/* it waited for finalizers: the last one's FIN_DONE had the result */
		*result = op.ret[1] ? (I->gc_done ? I->gc_result : 0) : op.ret[0];
		err = gc_callbacks_run(I, "stop", gen, *result);
	}
	I->gc_in_callbacks--;
	return err;
}

int gc_run_due(struct interp *I)
{
	struct pymm_op op;
	uint64_t result;

	if (I->gc_in_callbacks)
		return 0;	/* the collection running now clears it */
	while (I->gc_due) {
		I->gc_due = false;
		pymm_op_init(&op, PYMM_OP_GC_DUE);
		if (op1_raise(I, &op))
			return -1;
		if (op.ret[1] && gc_collect_with_callbacks(I, (int)op.ret[0], &result))
			return -1;
	}
	return 0;
}
