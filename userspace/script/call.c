// SPDX-License-Identifier: GPL-2.0
/*
 * call.c - calls and frames: user functions (a FRAME_PUSH per call),
 * methods of heap objects, and the dispatch between them.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* ------------------------------------------------------------- calling */

static struct node *def_of_token(struct interp *I, uint64_t token)
{
	if (token == 0 || token > (uint64_t)I->ndefs)
		return NULL;
	/* a comprehension's function is run by comprehension.c only */
	if (I->defs[token - 1]->kind != S_DEF)
		return NULL;
	return I->defs[token - 1];
}

/* Takes a reference to each local of the current frame (see tbhold). */
static void hold_frame_locals(struct interp *I)
{
	char *names = NULL;
	uint32_t len = 0, count = 0, off;
	int saved = I->exc, ntb = I->ntb;
	char msg[sizeof(I->exc_msg)];

	/* the exception being raised must survive these ops */
	memcpy(msg, I->exc_msg, sizeof(msg));
	if (names_list(I, true, &names, &len, &count))
		goto out;
	for (off = 0; off < len; off += (uint32_t)strlen(names + off) + 1) {
		const char *nm = names + off;
		struct pymm_op op;

		if (!*nm)
			break;
		pymm_op_init(&op, PYMM_OP_NAME_LOOKUP);
		op.flags = PYMM_OPF_LOCAL;
		pymm_op_set_data(&op, nm, strlen(nm));
		if (op1(I, &op) || op.error)
			continue;
		if (I->ntbhold == I->ctbhold) {
			I->ctbhold = I->ctbhold ? I->ctbhold * 2 : 64;
			I->tbhold = xrealloc(I->tbhold, I->ctbhold * sizeof(uint64_t));
		}
		I->tbhold[I->ntbhold++] = op.ret[0];
	}
out:
	free(names);
	I->exc = saved;
	I->ntb = ntb;
	memcpy(I->exc_msg, msg, sizeof(msg));
}

/* The handled exception goes away: the frames it held die now. */
void release_tbhold(struct interp *I, int base)
{
	int i;

	for (i = base; i < I->ntbhold; i++)
		queue_close(I, I->tbhold[i]);
	if (I->ntbhold > base)
		I->ntbhold = base;
	flush_pending(I);
}

static int call_user(struct interp *I, struct value *fn, struct node *def, struct value *args,
		     int nargs, struct value *out)
{
	struct scope *saved_scope = I->scope;
	uint64_t *saved_consts = I->const_h;
	const char *saved_func = I->func;
	int saved_line = I->line, nparams = def->list3.n, i, err;
	struct pymm_op *ops;
	unsigned int nops = 0;
	enum flow f;

	(void)fn;
	if (nargs != nparams) {
		if (nargs > nparams)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR,
					 "%s() takes %d positional argument%s but %d %s given",
					 def->str, nparams, nparams == 1 ? "" : "s", nargs,
					 nargs == 1 ? "was" : "were");
		{
			struct strbuf b = { 0 };
			int missing = nparams - nargs;

			for (i = nargs; i < nparams; i++) {
				if (i > nargs)
					sb_adds(&b, i == nparams - 1 ? (missing > 2 ? ", and " : " and ") :
						", ");
				sb_addf(&b, "'%s'", def->list3.v[i]->str);
			}
			raise_exc(I, PYMM_EXC_TYPE_ERROR,
				  "%s() missing %d required positional argument%s: %s", def->str,
				  missing, missing == 1 ? "" : "s", b.p);
			sb_free(&b);
			return -1;
		}
	}
	for (i = 0; i < nargs; i++)
		if (need_obj(I, &args[i]))
			return -1;
	if (I->depth >= MAX_DEPTH)
		return raise_exc(I, PYMM_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
	/* push the frame and bind the parameters in one batch; the stop on
	 * error keeps the binds out of the caller's frame if the push fails */
	ops = calloc(nargs + 1, sizeof(*ops));
	if (!ops) {
		perror("pymmctl");
		exit(1);
	}
	pymm_op_init(&ops[nops], PYMM_OP_FRAME_PUSH);
	pymm_op_set_data(&ops[nops], def->str, strlen(def->str));
	nops++;
	for (i = 0; i < nargs; i++) {
		pymm_op_init(&ops[nops], PYMM_OP_NAME_BIND);
		ops[nops].flags = PYMM_OPF_LOCAL;
		ops[nops].arg[0] = args[i].h;
		pymm_op_set_data(&ops[nops], def->list3.v[i]->str, strlen(def->list3.v[i]->str));
		nops++;
	}
	{
		unsigned int done = 0, total, k;
		int terr;

		/* pending closes go first, in their own batch: the frame batch
		 * must stop at its first failure */
		if (flush_pending(I)) {
			free(ops);
			return -1;
		}
		total = nops;
		terr = pymm_exec_batch(I->conn, ops, total, true, &done);
		for (k = 0; k < done; k++) {
			if (I->opts.trace_ops)
				trace_op(&ops[k]);
			if ((ops[k].out_flags & PYMM_OUTF_OUTPUT) && drain_output(I)) {
				free(ops);
				return -1;
			}
		}
		if (terr) {
			free(ops);
			return raise_exc(I, EX_SYSTEM, "pymm: %s", strerror(-terr));
		}
		if (ops[0].error) {
			err = ops[0].exc == PYMM_EXC_RECURSION_ERROR || ops[0].error == -ELOOP ?
			      raise_exc(I, PYMM_EXC_RECURSION_ERROR, "maximum recursion depth exceeded") :
			      raise_op(I, &ops[0], NULL);
			free(ops);
			return err;
		}
		for (k = 1; k < done; k++)
			if (ops[k].error)
				break;
		if (k < nops) {
			struct pymm_op pop;

			err = raise_op(I, &ops[k], NULL);
			pymm_op_init(&pop, PYMM_OP_FRAME_POP);
			op1(I, &pop);
			free(ops);
			return err;
		}
	}
	free(ops);
	/* the frame owns the arguments now (3.11 steals the stack refs) */
	release_many(I, args, nargs);

	I->scope = def->scope;
	I->func = def->str;
	I->const_h = def->mod->const_h;
	I->depth++;
	I->ret = 0;
	f = exec_block(I, &def->list);
	I->depth--;
	if (f == F_EXC) {
		tb_push(I, I->line, def->str);
		hold_frame_locals(I);
	}
	I->scope = saved_scope;
	I->func = saved_func;
	I->line = saved_line;
	I->const_h = saved_consts;
	{
		struct pymm_op pop;
		int perr;

		pymm_op_init(&pop, PYMM_OP_FRAME_POP);
		perr = op1(I, &pop);
		if (!perr && pop.error && f != F_EXC)
			perr = raise_op(I, &pop, NULL);
		if (f == F_EXC || perr) {
			if (I->ret)
				queue_close(I, I->ret);
			I->ret = 0;
			return -1;
		}
	}
	if (f == F_RETURN && I->ret) {
		*out = vobj(I->ret, true);
		I->ret = 0;
	} else {
		*out = vnone(I);
	}
	return 0;
}


static int call_method(struct interp *I, struct value *fn, struct value *args, int nargs,
		       struct value *out)
{
	struct pymm_op op;
	int64_t idx = -1;

	if (fn->id == M_APPEND) {
		if (nargs != 1)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR,
					 "list.append() takes exactly one argument (%d given)", nargs);
		if (need_obj(I, &args[0]))
			return -1;
		pymm_op_init(&op, PYMM_OP_APPEND);
		op.arg[0] = fn->self;
		op.arg[1] = args[0].h;
		if (op1_raise(I, &op))
			return -1;
		*out = vnone(I);
		return 0;
	}
	/* pop */
	if (nargs > 1)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "pop expected at most 1 argument, got %d",
				 nargs);
	if (nargs && read_int(I, &args[0], &idx, NULL))
		return -1;
	pymm_op_init(&op, PYMM_OP_POP);
	op.arg[0] = fn->self;
	op.arg[1] = (uint64_t)idx;
	if (op1(I, &op))
		return -1;
	if (op.error) {
		if (op.exc == PYMM_EXC_INDEX_ERROR) {
			struct pymm_op l;

			pymm_op_init(&l, PYMM_OP_LEN);
			l.arg[0] = fn->self;
			if (!op1(I, &l) && !l.error && l.ret[0] == 0)
				return raise_exc(I, PYMM_EXC_INDEX_ERROR, "pop from empty list");
			return raise_exc(I, PYMM_EXC_INDEX_ERROR, "pop index out of range");
		}
		return raise_op(I, &op, NULL);
	}
	*out = vobj(op.ret[0], true);
	return 0;
}

int call(struct interp *I, struct value *fn, struct value *args, int nargs,
		struct node *cn, struct value *out)
{
	struct objinfo oi;
	struct pymm_op op;
	int err;

	if (fn->kind == V_BUILTIN)
		return call_builtin(I, fn->id, args, nargs, cn, out);
	if (fn->kind == V_METHOD)
		return call_method(I, fn, args, nargs, out);
	if (fn->kind == V_MODULE)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "'module' object is not callable");
	if (obj_read(I, fn->h, &oi))
		return -1;
	if (cn->list3.n) {
		free(oi.s);
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "keyword arguments are not supported by pymm");
	}
	switch (oi.type) {
	case PYMM_T_FUNCTION: {
		struct node *def = def_of_token(I, (uint64_t)oi.i);

		free(oi.s);
		if (!def)
			return raise_exc(I, EX_SYSTEM,
					 "pymm: function object with unknown code token %" PRIu64
					 " (defined by another session?)", (uint64_t)oi.i);
		return call_user(I, fn, def, args, nargs, out);
	}
	case PYMM_T_CLASS:
		if (nargs) {
			err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s() takes no arguments",
					oi.s ? oi.s : "object");
			free(oi.s);
			return err;
		}
		free(oi.s);
		pymm_op_init(&op, PYMM_OP_NEW_INSTANCE);
		op.arg[0] = fn->h;
		if (op1_raise(I, &op))
			return -1;
		*out = vobj(op.ret[0], true);
		return 0;
	case PYMM_T_WEAKREF:
		free(oi.s);
		if (nargs)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR,
					 "weakref() takes exactly 0 arguments (%d given)", nargs);
		pymm_op_init(&op, PYMM_OP_WEAKREF_GET);
		op.arg[0] = fn->h;
		if (op1_raise(I, &op))
			return -1;
		*out = op.ret[0] ? vobj(op.ret[0], true) : vnone(I);
		return 0;
	default:
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "'%s' object is not callable",
				type_name(oi.type));
		free(oi.s);
		return err;
	}
}
