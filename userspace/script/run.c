// SPDX-License-Identifier: GPL-2.0
/*
 * run.c - setup and teardown: constants, running a module, printing a
 * traceback, and the interpreter shutdown CPython performs.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* ------------------------------------------------------ setup/teardown */

void interp_hold(struct interp *I, uint64_t h)
{
	if (I->nheld == I->cheld) {
		I->cheld = I->cheld ? I->cheld * 2 : 64;
		I->held = xrealloc(I->held, I->cheld * sizeof(uint64_t));
	}
	I->held[I->nheld++] = h;
}

/*
 * A constant a def uses is held by that function's code (co_consts) until
 * the function dies, past the module's own code and arena, which shutdown
 * drops first: those handles are kept apart (late) and closed last, so
 * that finalizers run at shutdown still have their constants.
 */
static void hold_slot(struct interp *I, uint64_t h, int *late)
{
	if (*late > 0) {
		(*late)--;
		if (I->nlate == I->clate) {
			I->clate = I->clate ? I->clate * 2 : 64;
			I->late = xrealloc(I->late, I->clate * sizeof(uint64_t));
		}
		I->late[I->nlate++] = h;
		return;
	}
	interp_hold(I, h);
}

static uint64_t singleton_h(struct interp *I, const struct cval *k)
{
	if (k->kind == CV_ELLIPSIS)
		return I->h_ellipsis;	/* module_consts() made it first */
	return k->kind == CV_NONE ? I->h_none : k->kind == CV_TRUE ? I->h_true : I->h_false;
}

/*
 * Creates the module's constants: one object per slot (tuples after their
 * elements, which the parser registered first), then as many extra handles
 * as CPython would hold references (see parser.c).
 */
int module_consts(struct interp *I, struct module *m)
{
	int *need = calloc(m->nconsts + 1, sizeof(int));
	int *late = calloc(m->nconsts + 1, sizeof(int));
	struct pymm_op *ops = calloc(m->nconsts + 1, sizeof(*ops));
	int i, b, j, nops = 0, err = 0;

	if (!need || !ops || !late) {
		perror("pymmctl");
		exit(1);
	}
	free(m->const_h);
	m->const_h = calloc(m->nconsts + 1, sizeof(uint64_t));
	if (!m->const_h) {
		perror("pymmctl");
		exit(1);
	}
	I->const_h = m->const_h;
	/* the heap's str is NUL-free UTF-8 (module/core/types/str.c) */
	for (i = 0; i < m->nconsts && !err; i++)
		if (m->consts[i]->kind == CV_STR && m->consts[i]->len &&
		    memchr(m->consts[i]->s, 0, m->consts[i]->len))
			err = raise_exc(I, EX_NOT_IMPLEMENTED, "a str holding the character "
					"'\\x00' is not supported by pymm");
	if (err) {
		free(need);
		free(late);
		free(ops);
		return err;
	}
	/* the references the defs' code holds (block 0 is the module's) */
	for (b = 1; b < m->nblocks; b++)
		for (j = 0; j < m->block_nconsts[b]; j++)
			late[m->block_consts[b][j]]++;
	/* scalars in one batch */
	for (i = 0; i < m->nconsts; i++) {
		struct cval *k = m->consts[i];
		struct pymm_op *op = &ops[nops];

		switch (k->kind) {
		case CV_INT:
			pymm_op_init(op, PYMM_OP_NEW_INT);
			op->arg[0] = (uint64_t)k->i;
			break;
		case CV_FLOAT:
			pymm_op_init(op, PYMM_OP_NEW_FLOAT);
			memcpy(&op->arg[0], &k->f, sizeof(double));
			break;
		case CV_STR:
		case CV_BYTES:
			pymm_op_init(op, k->kind == CV_STR ? PYMM_OP_NEW_STR : PYMM_OP_NEW_BYTES);
			pymm_op_set_data(op, k->s, k->len);
			break;
		default:
			continue;
		}
		op->ret[1] = (uint64_t)i;	/* remember the slot (overwritten later) */
		op->flags = 0;
		nops++;
	}
	if (nops) {
		int *slot_of = calloc(nops, sizeof(int));
		int n = 0;

		for (i = 0; i < m->nconsts; i++) {
			enum cval_kind kd = m->consts[i]->kind;

			if (kd == CV_INT || kd == CV_FLOAT || kd == CV_STR || kd == CV_BYTES)
				slot_of[n++] = i;
		}
		if (xops(I, ops, (unsigned int)nops))
			err = -1;
		for (i = 0; i < nops && !err; i++) {
			if (ops[i].error) {
				err = raise_op(I, &ops[i], "creating a constant");
				break;
			}
			I->const_h[slot_of[i]] = ops[i].ret[0];
			hold_slot(I, ops[i].ret[0], &late[slot_of[i]]);
		}
		/* handles made after a failure still need closing */
		for (i++; err && i < nops; i++)
			if (!ops[i].error && ops[i].ret[0])
				interp_hold(I, ops[i].ret[0]);
		free(slot_of);
	}
	/* tuples, in slot order: their elements have lower slots */
	for (i = 0; i < m->nconsts && !err; i++) {
		struct cval *k = m->consts[i];
		uint64_t *hs;
		struct value tv;

		if (k->kind != CV_TUPLE)
			continue;
		hs = calloc(k->n + 1, sizeof(uint64_t));
		if (!hs) {
			perror("pymmctl");
			exit(1);
		}
		for (j = 0; j < k->n; j++) {
			struct cval *e = k->elts[j];

			if (e->kind == CV_ELLIPSIS && held_object(I, &I->h_ellipsis))
				err = -1;
			hs[j] = e->kind == CV_NONE || e->kind == CV_TRUE || e->kind == CV_FALSE ||
				e->kind == CV_ELLIPSIS ? singleton_h(I, e) : I->const_h[e->slot];
		}
		if (!err)
			err = new_container(I, PYMM_OP_NEW_TUPLE, hs, (uint32_t)k->n, &tv);
		free(hs);
		if (err)
			break;
		I->const_h[i] = tv.h;
		hold_slot(I, tv.h, &late[i]);
	}
	/* references: the arena's (literals) + one per code block */
	for (b = 0; b < m->nblocks; b++)
		for (j = 0; j < m->block_nconsts[b]; j++)
			need[m->block_consts[b][j]]++;
	nops = 0;
	for (i = 0; i < m->nconsts && !err; i++) {
		int extra = need[i] + (m->const_from_ast[i] ? 1 : 0) - 1;

		for (j = 0; j < extra; j++) {
			struct pymm_op op;

			pymm_op_init(&op, PYMM_OP_DUP);
			op.arg[0] = I->const_h[i];
			if (op1(I, &op))
				err = -1;
			else if (op.error)
				err = raise_op(I, &op, "holding a constant");
			else
				hold_slot(I, op.ret[0], &late[i]);
			if (err)
				break;
		}
		/* a slot nobody holds (impossible today) still keeps its object */
	}
	free(need);
	free(late);
	free(ops);
	return err;
}

struct interp *interp_new(struct pymm_conn *conn, const struct script_opts *o)
{
	struct interp *I = calloc(1, sizeof(*I));
	struct pymm_op ops[3];
	int i;

	if (!I) {
		perror("pymmctl");
		exit(1);
	}
	I->conn = conn;
	I->opts = *o;
	I->out = stdout;
	I->func = "<module>";
	I->recursion_limit = (int)pymm_conn_recursion_limit(conn);
	for (i = 0; i < 3; i++) {
		pymm_op_init(&ops[i], PYMM_OP_CONST);
		ops[i].arg[0] = i == 0 ? PYMM_CONST_NONE : i == 1 ? PYMM_CONST_TRUE : PYMM_CONST_FALSE;
	}
	if (xops(I, ops, 3) || ops[0].error || ops[1].error || ops[2].error) {
		fprintf(stderr, "pymmctl: cannot get None/True/False from the heap: %s\n",
			I->exc ? I->exc_msg : strerror(-(ops[0].error ? ops[0].error :
			ops[1].error ? ops[1].error : ops[2].error)));
		free(I->batch);
		free(I);
		return NULL;
	}
	I->h_none = ops[0].ret[0];
	I->h_true = ops[1].ret[0];
	I->h_false = ops[2].ret[0];
	return I;
}

static void print_traceback(struct interp *I)
{
	refusal_shown(I);
	fflush(I->out);
	exc_print_chain(I);
	exc_print_tb(I, I->tb, I->ntb);
	exc_print_line(I);
}

static int drop_last_traceback(struct interp *I);

int interp_run(struct interp *I, struct module *m)
{
	enum flow f;
	int status;

	I->m = m;
	I->attr_hooks |= m->attr_hooks;
	I->descr_hooks |= m->descr_hooks;
	I->scope = NULL;
	I->func = "<module>";
	I->depth = 0;
	I->exc = EX_NONE;
	I->ntb = 0;
	if (module_consts(I, m)) {
		tb_push(I, 1, "<module>");
		print_traceback(I);
		return 1;
	}
	f = exec_block(I, &m->body);
	if (f == F_EXC && !sys_exit_status(I, &status)) {
		/* _Py_HandleSystemExit: the exception and its frames go now */
		I->exc = EX_NONE;
		I->ntb = 0;
		if (drop_last_traceback(I))
			print_traceback(I);
		return status;
	}
	if (f == F_EXC) {
		tb_push(I, I->line, "<module>");
		print_traceback(I);
		I->exc = EX_NONE;
		I->ntb = 0;
		flush_pending(I);
		return 1;
	}
	if (flush_pending(I)) {
		print_traceback(I);
		return 1;
	}
	return 0;
}

int names_list(struct interp *I, bool local, char **buf, uint32_t *len,
		      uint32_t *count)
{
	size_t cap = 4096;

	for (;;) {
		struct pymm_op op;
		char *b = xrealloc(NULL, cap);

		pymm_op_init(&op, PYMM_OP_NAME_LIST);
		op.flags = local ? PYMM_OPF_LOCAL : 0;
		pymm_op_set_data(&op, b, cap);
		if (op1(I, &op)) {
			free(b);
			return -1;
		}
		if ((op.out_flags & PYMM_OUTF_TRUNC) || op.error == -ENOSPC) {
			free(b);
			cap = op.data_len > cap ? op.data_len : cap * 4;
			continue;
		}
		if (op.error) {
			free(b);
			return raise_op(I, &op, "listing globals");
		}
		*buf = b;
		*len = op.data_len;
		*count = (uint32_t)op.ret[0];
		return 0;
	}
}

/*
 * Interpreter shutdown, CPython 3.11 style.  Python drops sys.modules and
 * then runs a full collection: __main__'s dict is in a cycle with every
 * function's __globals__, so everything only the module reaches is garbage
 * at once, and finalizers run in the collector's list order.  We get the
 * same by moving every global into a dict that refers to itself, dropping
 * it and collecting.  Without a collector (-EOPNOTSUPP) the names are
 * cleared the way _PyModule_ClearDict() does: "_x" names first, then the
 * rest, in insertion order.
 */
static int shutdown_globals(struct interp *I)
{
	char *names = NULL;
	uint32_t len = 0, count = 0, off;
	uint64_t *pairs;
	struct value d, key;
	struct pymm_op op;
	uint32_t n = 0;
	int err = 0;

	if (names_list(I, false, &names, &len, &count))
		return -1;
	pairs = calloc(2 * (size_t)count + 2, sizeof(uint64_t));
	if (!pairs) {
		perror("pymmctl");
		exit(1);
	}
	for (off = 0; off < len && n < count && !err; off += (uint32_t)strlen(names + off) + 1) {
		const char *nm = names + off;
		struct value k, v;

		if (!*nm)
			break;
		err = new_str(I, nm, strlen(nm), &k);
		if (err)
			break;
		pymm_op_init(&op, PYMM_OP_NAME_LOOKUP);
		pymm_op_set_data(&op, nm, strlen(nm));
		err = op1(I, &op);
		if (!err && op.error)
			err = raise_op(I, &op, NULL);
		if (err) {
			vrelease(I, &k);
			break;
		}
		v = vobj(op.ret[0], true);
		pairs[2 * n] = k.h;
		pairs[2 * n + 1] = v.h;
		n++;
	}
	if (!err)
		err = new_container(I, PYMM_OP_NEW_DICT, pairs, 2 * n, &d);
	close_many(I, pairs, 2 * n);
	free(pairs);
	if (err) {
		free(names);
		return -1;
	}
	/* the cycle: d["__dict__"] = d */
	err = new_str(I, "__dict__", 8, &key);
	if (!err) {
		pymm_op_init(&op, PYMM_OP_SETITEM);
		op.arg[0] = d.h;
		op.arg[1] = key.h;
		op.arg[2] = d.h;
		err = op1(I, &op);
		if (!err && op.error)
			err = raise_op(I, &op, NULL);
		vrelease(I, &key);
	}
	/* unbind every global (d holds them all: nothing dies yet) */
	for (off = 0; off < len && !err; off += (uint32_t)strlen(names + off) + 1) {
		const char *nm = names + off;

		if (!*nm)
			break;
		pymm_op_init(&op, PYMM_OP_NAME_DEL);
		pymm_op_set_data(&op, nm, strlen(nm));
		err = op1(I, &op);
		if (!err && op.error)
			err = raise_op(I, &op, NULL);
	}
	/* then let go of d and collect everything it alone kept */
	vrelease(I, &d);
	if (!err) {
		pymm_op_init(&op, PYMM_OP_GC_COLLECT);
		op.arg[0] = 2;
		err = op1(I, &op);
		if (!err && op.error)
			err = raise_op(I, &op, "collecting at shutdown");
	}
	free(names);
	return err;
}

/* Fallback shutdown without a collector: _PyModule_ClearDict order. */
static int shutdown_clear_dict(struct interp *I)
{
	char *names = NULL;
	uint32_t len = 0, count = 0, off;
	int pass, err = 0;

	if (names_list(I, false, &names, &len, &count))
		return -1;
	for (pass = 0; pass < 3 && !err; pass++)
		for (off = 0; off < len && !err; off += (uint32_t)strlen(names + off) + 1) {
			const char *nm = names + off;
			bool under = nm[0] == '_' && nm[1] != '_';
			struct pymm_op op;

			if (!*nm)
				break;
			if (pass < 2 && (pass == 0) != under)
				continue;
			if (pass < 2) {
				pymm_op_init(&op, PYMM_OP_NAME_BIND);
				op.arg[0] = I->h_none;
			} else {
				pymm_op_init(&op, PYMM_OP_NAME_DEL);
			}
			pymm_op_set_data(&op, nm, strlen(nm));
			err = op1(I, &op);
			if (!err && op.error && pass < 2)
				err = raise_op(I, &op, NULL);
		}
	free(names);
	return err;
}

/* shutdown clears sys.last_traceback: frames of an uncaught exception */
static int drop_last_traceback(struct interp *I)
{
	int i;

	/* finalize_modules_delete_special(): sys.last_value, then the
	 * traceback's frames */
	if (I->exc_obj)
		queue_close(I, I->exc_obj);
	I->exc_obj = 0;
	for (i = 0; i < I->ntbhold; i++)
		queue_close(I, I->tbhold[i]);
	I->ntbhold = 0;
	return flush_pending(I);
}

/*
 * Py_FinalizeEx's _PyGC_CollectIfEnabled(): with the collector enabled,
 * one collection while every module is still alive, so cycles die (and
 * their finalizers run) before any global does; sys.last_traceback still
 * holds its frames then.  gc.callbacks run around it (PyGC_Collect());
 * the teardown collection after it has none (_PyGC_CollectNoFail).
 */
static int exit_collect(struct interp *I, const struct pymm_op *isenabled)
{
	uint64_t result;

	if (isenabled->error || !isenabled->ret[0])
		return 0;
	return gc_collect_with_callbacks(I, 2, &result);
}

int interp_finish(struct interp *I)
{
	int i, rc = 0;

	/* atexit's callbacks first: weakref.finalize's (weak.c) */
	if (!I->opts.keep && weak_atexit(I)) {
		print_traceback(I);
		I->exc = EX_NONE;
		I->ntb = 0;
	}
	/* the module's code and the parser's arena go first (run_mod) */
	for (i = 0; i < I->nheld; i++)
		queue_close(I, I->held[i]);
	I->nheld = 0;
	memset(I->btype_h, 0, sizeof(I->btype_h));
	bfunc_forget(I);
	if (flush_pending(I))
		rc = 1;
	if (!I->opts.keep && !rc) {
		struct pymm_op op;
		bool have_gc;
		int err;

		/* is there a collector? GC_ISENABLED is side-effect free */
		pymm_op_init(&op, PYMM_OP_GC_ISENABLED);
		have_gc = !op1(I, &op) && op.error != -EOPNOTSUPP;
		I->exc = EX_NONE;
		err = have_gc ? exit_collect(I, &op) : 0;
		if (!err)
			err = drop_last_traceback(I);
		/* then finalize_modules: __main__'s globals */
		if (!err)
			err = have_gc ? shutdown_globals(I) : shutdown_clear_dict(I);
		if (err && I->exc) {
			I->ntb = 0;
			fflush(I->out);
			fprintf(stderr, "pymmctl: at shutdown: %s: %s\n", exc_kind_name(I->exc),
				I->exc_msg);
			rc = 1;
		}
	}
	if (drop_last_traceback(I))
		rc = 1;
	/* the built-in exception classes, then the functions' constants and
	 * the code objects we held (fin.c) */
	exc_free(I);
	weak_free(I);
	stdmods_free(I);
	for (i = 0; i < I->nlate; i++)
		queue_close(I, I->late[i]);
	I->nlate = 0;
	codes_release(I);
	name_ids_release(I, true);
	flush_pending(I);
	fflush(I->out);
	return rc;
}

void interp_free(struct interp *I)
{
	if (!I)
		return;
	free(I->held);
	free(I->late);
	free(I->defs);
	free(I->bfunc_h);	/* its objects were closed with the held ones */
	codes_free(I);
	weak_destroy(I);
	stdmods_destroy(I);
	free(I->tb);
	free(I->tbhold);
	free(I->call_lines);
	name_ids_release(I, false);
	free(I->pending);
	free(I->batch);
	free(I->obuf);
	lang_free(I);
	exc_free(I);
	gen_free_all(I);
	exec_free(I);
	free(I);
}

void script_print_syntax_error(const char *filename, const char *src,
			       const struct parse_error *e)
{
	static const char carets[] =
		"^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"
		"^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"
		"^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"
		"^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^";
	const char *s = src;
	int line = 1;

	fflush(stdout);
	if (!e->line) {
		/* no location: RecursionError and MemoryError of the compiler */
		fprintf(stderr, "%s%s%s\n", e->kind, e->msg[0] ? ": " : "", e->msg);
		return;
	}
	fprintf(stderr, "  File \"%s\", line %d\n", filename, e->line);
	while (*s && line < e->line) {
		if (*s == '\n')
			line++;
		s++;
	}
	if (line == e->line && *s) {
		const char *end = strchr(s, '\n');
		int len = end ? (int)(end - s) : (int)strlen(s), indent = 0;

		while (indent < len && (s[indent] == ' ' || s[indent] == '\t'))
			indent++;
		fprintf(stderr, "    %.*s\n", len - indent, s + indent);
		if (e->col > indent && e->end_col > e->col)
			fprintf(stderr, "    %*s%.*s\n", e->col - 1 - indent, "",
				e->end_col - e->col, carets);
		else if (e->col > indent)
			fprintf(stderr, "    %*s^\n", e->col - 1 - indent, "");
	}
	fprintf(stderr, "%s: %s\n", e->kind ? e->kind : "SyntaxError", e->msg);
}
