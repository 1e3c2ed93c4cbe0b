// SPDX-License-Identifier: GPL-2.0
/*
 * reflect.c - the program looking at itself: sys.exit() (SystemExit and
 * what the top level does with it, _Py_HandleSystemExit), globals(),
 * locals() and vars() without an argument.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/*
 * sys.exit([status]): raise SystemExit(status) as PyErr_SetObject makes
 * it: no argument or None gives SystemExit() (args ()), a tuple is the
 * args themselves, anything else the one argument.
 */
static int bi_sys_exit(BI_ARGS)
{
	uint64_t h, *hs = NULL;
	struct value *items = NULL;
	uint32_t t = 0, n = 0, i;
	int err, nitems = 0;

	(void)b; (void)self; (void)kwn; (void)nkw; (void)out;
	if (nargs && need_obj(I, &args[0]))
		return -1;
	if (nargs && obj_type(I, args[0].h, &t))
		return -1;
	if (nargs && t == PYMM_T_TUPLE) {
		if (obj_items(I, args[0].h, &hs, &n))
			return -1;
		items = calloc(n + 1, sizeof(*items));
		if (!items) {
			perror("pymmctl");
			exit(1);
		}
		for (i = 0; i < n; i++)
			items[i] = vobj(hs[i], true);
		nitems = (int)n;
	} else if (nargs && t != PYMM_T_NONE) {
		items = &args[0];
		nitems = 1;
	}
	err = exc_new_of_kind(I, EX_SYSTEM_EXIT, items, nitems, &h);
	if (hs) {
		for (i = 0; i < n; i++)
			vrelease(I, &items[i]);
		free(items);
		free(hs);
	}
	if (err)
		return -1;
	return exc_raise_object(I, h, EX_SYSTEM_EXIT);
}

/*
 * An uncaught SystemExit at the top level (_Py_HandleSystemExit): no
 * traceback; its code is the exit status (None 0, an int itself, else
 * str(code) on stderr and status 1).  The exception, its traceback and
 * the frames that keeps go before the shutdown (sys.last_* are not set).
 * 1: the exception being raised is no SystemExit.
 */
int sys_exit_status(struct interp *I, int *status)
{
	struct value code = { 0 };
	struct objinfo oi;
	int kind = I->exc, err;

	if (I->exc_obj && exc_kind_of(I, I->exc_obj, &kind))
		return 1;
	if (kind != EX_SYSTEM_EXIT)
		return 1;
	fflush(I->out);
	*status = 0;
	if (exc_materialize(I) || exc_default_attr(I, I->exc_obj, "code", &code)) {
		*status = 1;
		return 0;
	}
	err = obj_read(I, code.h, &oi);
	if (!err && (oi.type == PYMM_T_INT || oi.type == PYMM_T_BOOL)) {
		*status = (int)oi.i;
	} else if (!err && oi.type != PYMM_T_NONE) {
		struct strbuf sb = { 0 };

		if (!value_repr(I, &code, &sb, true))
			fprintf(stderr, "%.*s\n", (int)sb.n, sb.p);
		sb_free(&sb);
		*status = 1;
	}
	if (!err)
		free(oi.s);
	vrelease(I, &code);
	return 0;
}

/* globals(): the module's dict itself (a new reference to it) */
static int bi_globals(BI_ARGS)
{
	struct pymm_op op;
	uint64_t fo;
	int err;

	(void)b; (void)self; (void)args; (void)nargs; (void)kwn; (void)nkw;
	if (!I->depth) {
		/* at module level the current frame's locals are the globals */
		pymm_op_init(&op, PYMM_OP_FRAME_LOCALS);
		if (op1_raise(I, &op))
			return -1;
		*out = vobj(op.ret[0], true);
		return 0;
	}
	/* in a call: the module frame's f_locals, which is its dict */
	pymm_op_init(&op, PYMM_OP_FRAME_OBJECT);
	op.arg[0] = (uint64_t)I->depth;
	if (op1_raise(I, &op))
		return -1;
	fo = op.ret[0];
	pymm_op_init(&op, PYMM_OP_FRAME_FIELD);
	op.arg[0] = fo;
	op.arg[1] = PYMM_FRAMEF_LOCALS;
	err = op1_raise(I, &op);
	queue_close(I, fo);
	if (err)
		return -1;
	*out = vobj(op.ret[0], true);
	return 0;
}

/*
 * locals() (b->op 0) and vars() without an argument (1): at module level
 * the globals, in a class body its namespace (the frame's own dict); in
 * a function 3.11's PyFrame_FastToLocals: one dict per frame, refreshed
 * from the variables at each call (the frame object's f_locals).
 */
static int bi_locals(BI_ARGS)
{
	struct pymm_op op;
	uint64_t fo;
	int err;

	(void)self; (void)kwn; (void)nkw;
	if (b->op == 1 && nargs)
		return bi_vars(I, b, self, args, nargs, kwn, nkw, out);
	if (I->comp)
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "%s() in a comprehension is not supported by pymm", b->name);
	if (!I->scope || I->scope->is_class) {
		pymm_op_init(&op, PYMM_OP_FRAME_LOCALS);
		if (op1_raise(I, &op))
			return -1;
		*out = vobj(op.ret[0], true);
		return 0;
	}
	pymm_op_init(&op, PYMM_OP_FRAME_OBJECT);
	op.arg[1] = I->line > 0 ? (uint64_t)I->line : 0;
	op.arg[2] = I->cur_fn;
	if (op1_raise(I, &op))
		return -1;
	fo = op.ret[0];
	pymm_op_init(&op, PYMM_OP_FRAME_FIELD);
	op.arg[0] = fo;
	op.arg[1] = PYMM_FRAMEF_LOCALS;
	err = op1_raise(I, &op);
	queue_close(I, fo);
	if (err)
		return -1;
	*out = vobj(op.ret[0], true);
	return 0;
}

const struct builtin *const builtins_reflect[] = {
	ROW(MOD_SYS, "exit", 0, 1, 0, bi_sys_exit, 0),
	ROW(BO_BUILTINS, "globals", 0, 0, 0, bi_globals, 0),
	ROW(BO_BUILTINS, "locals", 0, 0, 0, bi_locals, 0),
	ROW(BO_BUILTINS, "vars", 0, 1, 0, bi_locals, 1),
	NULL
};

/* ------------------------------------------------- attribute hooks */

/* the exception being raised is dropped (hasattr's AttributeError) */
void exc_swallow(struct interp *I, int tbhold_base)
{
	release_tbhold(I, tbhold_base);
	if (I->exc_obj)
		queue_close(I, I->exc_obj);
	I->exc_obj = 0;
	I->exc = EX_NONE;
	I->ntb = 0;
}

/*
 * obj.name found nothing (slot_tp_getattr_hook): if type(obj), an
 * instance's class, defines __getattr__, its result is the attribute
 * (the lookup's AttributeError, never made as an object here, is gone).
 * 1: no __getattr__, nothing done; 0 and *out; -1 raised.
 */
int getattr_hook(struct interp *I, uint64_t obj, const char *name, struct value *out)
{
	struct value arg;
	uint32_t t;
	int r;

	if (obj_type(I, obj, &t))
		return -1;
	if (t != PYMM_T_INSTANCE)
		return 1;
	if (new_str(I, name, strlen(name), &arg))
		return -1;
	r = call_special(I, obj, "__getattr__", &arg, 1, out);
	if (r == 1)
		vrelease(I, &arg);
	return r;
}
