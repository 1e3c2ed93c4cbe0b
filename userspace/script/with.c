// SPDX-License-Identifier: GPL-2.0
/*
 * with.c - the with statement, as CPython 3.11 compiles it:
 *
 *   BEFORE_WITH   __enter__ and __exit__ looked up on the manager's class
 *                 (_PyObject_LookupSpecial: instance attributes do not
 *                 count), each a bound method object in the heap; the
 *                 manager's stack reference goes, __exit__ stays on the
 *                 stack for the whole body (holding the manager), and
 *                 __enter__() is called and dropped
 *   STORE         its result to the `as` target, or dropped
 *   body
 *   CALL          __exit__(None, None, None) when the body ends in any way
 *                 but an exception (return, break and continue too)
 *
 * An exception leaving the body is passed to __exit__ as (type, value,
 * traceback), and a true result suppresses it.  The exception is a heap
 * object (exc.c) and its class a type object, so __exit__ gets those two
 * as in CPython, and its traceback object, this frame's entry made as the
 * exception reached the with (exc.c, exc_traceback_here).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* type(mgr).name as a bound method object (1: the class has none) */
static int special_bound(struct interp *I, uint64_t mgr, const char *name, struct value *out)
{
	struct pymm_op op;
	uint32_t t;

	if (obj_type(I, mgr, &t))
		return -1;
	if (t != PYMM_T_INSTANCE)
		return 1;
	pymm_op_init(&op, PYMM_OP_LOAD_METHOD);
	op.arg[0] = mgr;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1_name(I, &op, name))
		return -1;
	if (op.error == -ENOENT)
		return 1;
	if (op.error)
		return raise_op(I, &op, NULL);
	if (!op.ret[1]) {
		/* an instance attribute: the special lookup does not see it */
		queue_close(I, op.ret[0]);
		return 1;
	}
	{
		struct pymm_op m;
		int err;

		pymm_op_init(&m, PYMM_OP_NEW_METHOD);
		m.arg[0] = op.ret[0];
		m.arg[1] = mgr;
		err = op1_raise(I, &m);
		queue_close(I, op.ret[0]);
		if (err)
			return -1;
		*out = vobj(m.ret[0], true);
	}
	return 0;
}

static int protocol_error(struct interp *I, uint64_t mgr, bool missed_exit)
{
	struct objinfo oi;
	int err;

	if (obj_read(I, mgr, &oi))
		return -1;
	err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
			"'%s' object does not support the context manager protocol%s",
			objinfo_type_name(&oi),
			missed_exit ? " (missed __exit__ method)" : "");
	free(oi.s);
	return err;
}

/* __exit__(type, value, traceback), or (None, None, None); *res its truth */
static int call_exit(struct interp *I, struct value *exit_m, uint64_t exc_obj, bool *res)
{
	struct value args[3] = { vnone(I), vnone(I), vnone(I) }, r;
	struct pymm_op op;
	int err;

	if (exc_obj) {
		pymm_op_init(&op, PYMM_OP_GETATTR);
		op.arg[0] = exc_obj;
		pymm_op_set_data(&op, "__class__", 9);
		if (op1_raise(I, &op))
			return -1;
		args[0] = vobj(op.ret[0], true);
		args[1] = vobj(exc_obj, false);
		pymm_op_init(&op, PYMM_OP_GETATTR);
		op.arg[0] = exc_obj;
		pymm_op_set_data(&op, "__traceback__", 13);
		if (op1(I, &op)) {
			vrelease(I, &args[0]);
			return -1;
		}
		if (!op.error)
			args[2] = vobj(op.ret[0], true);
	}
	err = call(I, exit_m, args, 3, NULL, &r);
	vrelease(I, &args[0]);
	vrelease(I, &args[2]);
	if (err)
		return -1;
	err = res ? truth(I, &r, res) : 0;
	vrelease(I, &r);
	return err;
}

enum flow exec_with(struct interp *I, struct node *s)
{
	struct value mgr, enter = { 0 }, exit_m = { 0 }, v;
	enum flow f;
	int r, base = I->ntbhold;

	if (eval(I, s->with.context_expr, &mgr))
		return F_EXC;
	if (need_obj(I, &mgr)) {
		vrelease(I, &mgr);
		return F_EXC;
	}
	r = special_bound(I, mgr.h, "__enter__", &enter);
	if (!r) {
		r = special_bound(I, mgr.h, "__exit__", &exit_m);
		if (r == 1)
			protocol_error(I, mgr.h, true);
	} else if (r == 1) {
		protocol_error(I, mgr.h, false);
	}
	vrelease(I, &mgr);
	if (r) {
		vrelease(I, &enter);
		return F_EXC;
	}
	r = call(I, &enter, NULL, 0, NULL, &v);
	vrelease(I, &enter);
	if (r) {
		vrelease(I, &exit_m);
		return F_EXC;
	}
	if (s->with.optional_vars) {
		r = lang_assign_target(I, s->with.optional_vars, &v);
		vrelease(I, &v);
		f = r ? F_EXC : exec_block(I, &s->with.body);
	} else {
		vrelease(I, &v);
		f = exec_block(I, &s->with.body);
	}
	if (f != F_EXC) {
		/* return/break/continue: __exit__ runs before the jump */
		uint64_t ret = I->ret;

		I->ret = 0;
		r = call_exit(I, &exit_m, 0, NULL);
		vrelease(I, &exit_m);
		if (r) {
			if (ret)
				queue_close(I, ret);
			return F_EXC;
		}
		I->ret = ret;
		return f;
	}
	{
		struct exc_saved saved;
		bool suppress = false;

		/* the exception is being handled while __exit__ runs */
		if (exc_materialize(I)) {
			vrelease(I, &exit_m);
			return F_EXC;
		}
		if (I->exc_obj)
			exc_traceback_here(I, I->exc_obj, I->line);
		exc_stash(I, &saved);
		I->exc = EX_NONE;
		r = call_exit(I, &exit_m, saved.obj, &suppress);
		vrelease(I, &exit_m);
		if (refusal_pending(I))
			suppress = false;	/* a refusal is final (refusals.c) */
		if (r || suppress) {
			/* a new exception replaces it, or __exit__ swallowed it */
			if (saved.obj)
				queue_close(I, saved.obj);
			if (r)
				return F_EXC;
			I->ntb = 0;
			release_tbhold(I, base);
			return F_NORMAL;
		}
		exc_unstash(I, &saved);
		return F_EXC;
	}
}
