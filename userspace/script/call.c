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

/*
 * The exception leaves the current frame: PyTraceBack_Here makes the
 * frame's object, which the traceback entry will hold, and which keeps
 * the frame's locals once the frame is popped (take_ownership).  tbhold
 * holds it until the handler ends, the entry borrows it.  A frame whose
 * entry is already in the exception's traceback (a bare raise) needs none.
 */
void hold_frame_object(struct interp *I, uint64_t fn)
{
	int i = I->ntb - 1;
	struct exc_saved saved;
	struct pymm_op op;
	int err;

	if (I->tb_reraised) {
		I->tb_reraised = false;
		I->tb[i].in_obj = true;
		return;
	}
	pymm_op_init(&op, PYMM_OP_FRAME_OBJECT);
	op.arg[1] = I->tb[i].line > 0 ? (uint64_t)I->tb[i].line : 0;
	op.arg[2] = fn;
	/* the exception being raised must survive the op (a finalizer may run) */
	exc_stash(I, &saved);
	err = op1(I, &op);
	if (!err && op.error == -EINVAL && fn) {
		op.arg[2] = 0;	/* not a function object: the frame without it */
		err = op1(I, &op);
	}
	exc_unstash(I, &saved);
	if (err || op.error || i >= I->ntb)
		return;		/* no object (the quota): no entry in the objects */
	if (I->ntbhold == I->ctbhold) {
		I->ctbhold = I->ctbhold ? I->ctbhold * 2 : 64;
		I->tbhold = xrealloc(I->tbhold, I->ctbhold * sizeof(uint64_t));
	}
	I->tbhold[I->ntbhold++] = op.ret[0];
	I->tb[i].fh = op.ret[0];
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
		     int nargs, const char *const *kwn, int nkw, struct value *out)
{
	struct scope *saved_scope = I->scope;
	struct node *saved_def = I->cur_def;
	struct module *saved_m;
	uint64_t *saved_consts = I->const_h;
	const char *saved_func = I->func;
	uint64_t saved_fn = I->cur_fn;
	int saved_line = I->line, i, err;
	struct pymm_op *ops;
	unsigned int nops = 0;
	uint64_t fid;
	struct bound b;
	struct value gen = { 0 };
	enum flow f;

	for (i = 0; i < nargs + nkw; i++)
		if (need_obj(I, &args[i]))
			return -1;
	/* its globals are a dict, pymm's frames know one globals (exec.c) */
	if (def->def.mod && def->def.mod->mod_scope->is_exec)
		return raise_exc(I, EX_NOT_IMPLEMENTED, "calling a function defined by exec() "
				 "into a dict is not supported by pymm");
	/* 3.11's limit counts every frame, the module's too */
	if (I->depth + 1 >= I->recursion_limit)
		return raise_exc(I, PYMM_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
	if (bind_args(I, fn->h, def, args, nargs, kwn, nkw, &b))
		return -1;
	/* push the frame and bind the parameters in one batch; the stop on
	 * error keeps the binds out of the caller's frame if the push fails */
	ops = calloc(b.n + 1, sizeof(*ops));
	if (!ops) {
		perror("pymmctl");
		exit(1);
	}
	/* by name ID: no buffer, so the push and the binds are one run */
	if (name_id_get(I, def->def.name, &fid)) {
		free(ops);
		bound_free(I, &b);
		return -1;
	}
	pymm_op_init(&ops[nops], fid ? PYMM_OP_FRAME_PUSH_ID : PYMM_OP_FRAME_PUSH);
	if (fid)
		ops[nops].arg[0] = fid;
	else
		pymm_op_set_data(&ops[nops], def->def.name, strlen(def->def.name));
	nops++;
	for (i = 0; i < b.n; i++) {
		const char *pname = def->def.params.v[i]->name.id;

		pymm_op_init(&ops[nops], PYMM_OP_NAME_BIND);
		ops[nops].flags = PYMM_OPF_LOCAL;
		ops[nops].arg[0] = b.h[i];
		pymm_op_set_data(&ops[nops], pname, strlen(pname));
		if (name_op_by_id(I, &ops[nops], pname)) {
			free(ops);
			bound_free(I, &b);
			return -1;
		}
		nops++;
	}
	{
		unsigned int done = 0, total, k;
		int terr;

		/* pending closes go first, in their own batch: the frame batch
		 * must stop at its first failure */
		if (flush_pending(I)) {
			free(ops);
			bound_free(I, &b);
			return -1;
		}
		total = nops;
		terr = pymm_exec_batch(I->conn, ops, total, true, &done);
		for (k = 0; k < done; k++) {
			if (I->opts.trace_ops)
				trace_op(&ops[k]);
			if ((ops[k].out_flags & PYMM_OUTF_OUTPUT) && drain_output(I)) {
				free(ops);
				bound_free(I, &b);
				return -1;
			}
			if (ops[k].out_flags & PYMM_OUTF_GC_DUE)
				I->gc_due = true;	/* run at the next batch */
			if ((ops[k].out_flags & PYMM_OUTF_FINALIZERS) && run_finalizers(I)) {
				free(ops);
				return -1;
			}
		}
		if (terr) {
			free(ops);
			bound_free(I, &b);
			return raise_exc(I, EX_SYSTEM, "pymm: %s", strerror(-terr));
		}
		if (ops[0].error) {
			err = ops[0].exc == PYMM_EXC_RECURSION_ERROR || ops[0].error == -ELOOP ?
			      raise_exc(I, PYMM_EXC_RECURSION_ERROR, "maximum recursion depth exceeded") :
			      raise_op(I, &ops[0], NULL);
			free(ops);
			bound_free(I, &b);
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
			bound_free(I, &b);
			return err;
		}
	}
	frame_line_note(I, ops[0].ret[0], fn->h);
	bound_free(I, &b);
	free(ops);
	/* the frame owns the arguments now (3.11 steals the stack refs) */
	release_many(I, args, nargs + nkw);

	saved_m = I->m;
	I->m = def->def.mod;	/* its names and builtins: code may come from the heap */
	I->scope = def->def.scope;
	I->cur_def = def;
	I->func = def->def.name;
	I->cur_fn = fn->h;
	I->const_h = def->def.mod->const_h;
	I->depth++;
	I->ret = 0;
	if ((def->def.scope->cells.n || def->def.scope->frees.n) && frame_setup_cells(I, fn->h, def))
		f = F_EXC;
	else if (def->def.is_gen)	/* RETURN_GENERATOR: the frame goes to the generator */
		f = gen_new(I, fn->h, def, NULL, NULL, &gen) ? F_EXC : F_NORMAL;
	else
		f = exec_block(I, &def->def.body);
	I->depth--;
	if (f == F_EXC) {
		tb_push(I, I->line, def->def.name);
		hold_frame_object(I, fn->h);
	}
	if (f == F_EXC && I->m != saved_m)
		I->ntb = 0;	/* its lines are not in the running module's text */
	I->m = saved_m;
	I->scope = saved_scope;
	I->cur_def = saved_def;
	I->func = saved_func;
	I->cur_fn = saved_fn;
	I->line = saved_line;
	I->const_h = saved_consts;
	if (def->def.is_gen && f == F_NORMAL) {
		*out = gen;
		return 0;
	}
	{
		struct pymm_op pop;
		/* the pop may run finalizers, whose calls use I->ret */
		uint64_t ret = I->ret;
		int perr;

		I->ret = 0;
		pymm_op_init(&pop, PYMM_OP_FRAME_POP);
		perr = op1(I, &pop);
		if (!perr && pop.error && f != F_EXC)
			perr = raise_op(I, &pop, NULL);
		if (f == F_EXC || perr) {
			if (ret)
				queue_close(I, ret);
			return -1;
		}
		I->ret = ret;
	}
	if (f == F_RETURN && I->ret) {
		*out = vobj(I->ret, true);
		I->ret = 0;
	} else {
		*out = vnone(I);
	}
	return 0;
}


int call_kwnames(struct node *cn, const char ***kwn)
{
	int i, nkw = cn ? cn->call.kwnames.n : 0;

	*kwn = NULL;
	if (!nkw)
		return 0;
	*kwn = calloc(nkw, sizeof(**kwn));
	if (!*kwn) {
		perror("pymmctl");
		exit(1);
	}
	for (i = 0; i < nkw; i++)
		(*kwn)[i] = cn->call.kwnames.v[i]->name.id;
	return nkw;
}

/* cn: the call's node, whose list3 names the keyword arguments (NULL: none) */
int call(struct interp *I, struct value *fn, struct value *args, int nargs,
		struct node *cn, struct value *out)
{
	const char **kwn = NULL;
	int nkw = call_kwnames(cn, &kwn), err;

	err = call_ex(I, fn, args, nargs, kwn, nkw, cn, out);
	free(kwn);
	return err;
}

/*
 * A function (its handle says so) called: its code token is READ's ret0
 * and ret1, which a READ without a buffer also gives (-ENOSPC with
 * PYMM_OUTF_TRUNC: docs/abi.md, version 7), so the READ has no buffer and
 * joins the batch; the name it would copy serves only messages.  Every
 * other answer takes the general path.  1: not done here.
 */
static int call_function(struct interp *I, struct value *fn, struct value *args, int nargs,
			 const char *const *kwn, int nkw, struct value *out)
{
	struct pymm_op op;
	struct node *def;

	if (fn->kind != V_OBJ || PYMM_HANDLE_TYPE(fn->h) != PYMM_T_FUNCTION)
		return 1;
	pymm_op_init(&op, PYMM_OP_READ);
	op.arg[0] = fn->h;
	if (op1(I, &op))
		return -1;
	if (op.error && !(op.error == -ENOSPC && (op.out_flags & PYMM_OUTF_TRUNC)))
		return 1;
	def = op.ret[0] ? def_of_token(I, op.ret[0]) : def_of_function(I, fn->h, op.ret[1]);
	if (!def)
		return I->exc ? -1 : 1;
	return call_user(I, fn, def, args, nargs, kwn, nkw, out);
}

int call_ex(struct interp *I, struct value *fn, struct value *args, int nargs,
	    const char *const *kwn, int nkw, struct node *cn, struct value *out)
{
	struct objinfo oi;
	struct pymm_op op;
	int err;

	if (fn->kind == V_BUILTIN)
		return call_builtin(I, fn->id, NULL, args, nargs, kwn, nkw, out);
	if (is_proxy(fn)) {
		/* proxy_call: the referent, called */
		struct value r = vobj(fn->h, false);

		err = proxy_deref(I, &r) ? -1 : call_ex(I, &r, args, nargs, kwn, nkw, cn, out);
		vrelease(I, &r);
		return err;
	}
	if (fn->kind == V_METHOD && !fn->self) {
		/* str.lower & co, unbound (a method descriptor): self comes first */
		uint32_t t = 0;
		const char *owner = builtin_owner_name(fn->id);

		if (builtin_get(fn->id)->flags & BF_CLASSMETH)
			return call_builtin(I, fn->id, NULL, args, nargs, kwn, nkw, out);
		if (!nargs)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR, "unbound method %s.%s() needs an "
					 "argument", owner, builtin_name(fn->id));
		if (need_obj(I, &args[0]) || obj_type(I, args[0].h, &t))
			return -1;
		if (builtin_get(fn->id)->owner != BO_OBJECT &&
		    builtin_method_lookup(t, builtin_name(fn->id)) != fn->id)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR, "descriptor '%s' for '%s' objects "
					 "doesn't apply to a '%s' object", builtin_name(fn->id),
					 owner, value_class_name(I, args[0].h, t));
		return call_builtin(I, fn->id, &args[0], args + 1, nargs - 1, kwn, nkw, out);
	}
	if (fn->kind == V_METHOD) {
		struct value self = vobj(fn->self, false);

		return call_builtin(I, fn->id, &self, args, nargs, kwn, nkw, out);
	}
	if (fn->kind == V_MODULE)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "'module' object is not callable");
	err = call_function(I, fn, args, nargs, kwn, nkw, out);
	if (err <= 0)
		return err;
	if (obj_read(I, fn->h, &oi))
		return -1;
	if (oi.type == PYMM_T_CLASS) {
		/* a stored builtin type (t = int; t('1')): its row (btypes.c) */
		int id = btype_row_of(I, fn->h, &oi);

		if (id >= 0) {
			free(oi.s);
			return call_builtin(I, id, NULL, args, nargs, kwn, nkw, out);
		}
	}
	if (oi.type == PYMM_T_BUILTIN) {
		/* a stored builtin: the call is the direct one (bfunc.c) */
		struct value row;

		err = bfunc_unwrap(I, fn->h, &oi, &row);
		free(oi.s);
		if (!err)
			err = call_ex(I, &row, args, nargs, kwn, nkw, cn, out);
		vrelease(I, &row);
		return err;
	}
	if (oi.type == PYMM_T_CLASS && oi.i) {
		/* its instances are lists or dicts (subclass.c) */
		free(oi.s);
		return subclass_instantiate(I, fn, (uint32_t)oi.i, args, nargs, kwn, nkw, cn, out);
	}
	if (nkw && oi.type != PYMM_T_FUNCTION && oi.type != PYMM_T_CLASS &&
	    oi.type != PYMM_T_METHOD && oi.type != PYMM_T_INSTANCE) {
		free(oi.s);
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "keyword arguments are not supported by pymm");
	}
	switch (oi.type) {
	case PYMM_T_FUNCTION: {
		struct node *def = oi.i ? def_of_token(I, (uint64_t)oi.i) :
				   def_of_function(I, fn->h, oi.i2);

		free(oi.s);
		if (!def) {
			if (I->exc)
				return -1;
			return raise_exc(I, EX_SYSTEM,
					 "pymm: function object with unknown code token %" PRIu64
					 " (defined by another session?)", (uint64_t)oi.i);
		}
		return call_user(I, fn, def, args, nargs, kwn, nkw, out);
	}
	case PYMM_T_CLASS:
		err = instantiate(I, fn, oi.s ? oi.s : "object", args, nargs, kwn, nkw, cn, out);
		free(oi.s);
		return err;
	case PYMM_T_METHOD:
		free(oi.s);
		return call_bound(I, fn, args, nargs, kwn, nkw, cn, out);
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
	case PYMM_T_INSTANCE:
		/* slot_tp_call: the class's __call__ (weakref.finalize has one) */
		err = call_special_kw(I, fn->h, "__call__", args, nargs, kwn, nkw, out);
		if (err <= 0) {
			free(oi.s);
			return err;
		}
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "'%s' object is not callable",
				oi.s && oi.len ? oi.s : type_name(oi.type));
		free(oi.s);
		return err;
	default:
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "'%s' object is not callable",
				type_name(oi.type));
		free(oi.s);
		return err;
	}
}
