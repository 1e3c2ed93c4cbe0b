// SPDX-License-Identifier: GPL-2.0
/*
 * interp.c - the interpreter's plumbing: exceptions, the op queue and
 * handles, values, object inspection and creation, reprs, names.
 *
 * The interpreter is a tree-walking evaluator split by concern: this file,
 * expr.c (expressions), call.c (calls and frames), builtins.c (builtins and
 * the gc/sys/weakref modules), stmt.c (statements) and run.c (setup and
 * teardown); interp.h is what they share.  Every Python value lives in the
 * pymm heap; these files hold only handles to them, and only for as long as
 * CPython's value stack would hold the reference.
 *
 * That last rule is what makes sys.getrefcount() print CPython's numbers:
 *
 *   - a name is never cached here: each use is a NAME_LOOKUP that yields a
 *     fresh handle (= the stack reference LOAD_NAME pushes), closed when the
 *     value is consumed;
 *   - arguments move into the callee's frame (NAME_BIND LOCAL, then the
 *     caller's handle is closed), as 3.11's calls steal the stack references;
 *   - constants are created before the first line runs, one object per
 *     distinct value in the file, holding one handle per code block that
 *     loads it (co_consts) plus one for the parser's arena if it was written
 *     in the text (see parser.c); using a constant borrows that handle and
 *     sys.getrefcount() adds the stack reference it would have had;
 *   - temporaries are closed as soon as CPython would decref them, so
 *     finalizer output appears between the same lines of stdout.
 *
 * Closing is deferred: a CLOSE is queued and sent in the same batch as the
 * next operation (before it), so the heap sees the same order of events with
 * about half the system calls; the queue is also flushed before this file
 * writes to stdout, and finalizer output (PYMM_OUTF_OUTPUT on any op) is
 * drained and written immediately, so stdout keeps CPython's order.
 *
 * Errors: every eval function returns 0 or -1; -1 means a Python exception
 * is set in the interpreter (kind, message) and propagates like CPython's,
 * collecting a traceback entry per frame.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* ------------------------------------------------------------ exceptions */


static const struct {
	const char *name;
	int kind;
	const char *parent;
} exc_table[] = {
	{ "BaseException", EX_BASE_EXCEPTION, NULL },
	{ "Exception", EX_EXCEPTION, "BaseException" },
	{ "ArithmeticError", EX_ARITHMETIC, "Exception" },
	{ "LookupError", EX_LOOKUP, "Exception" },
	{ "RuntimeError", EX_RUNTIME, "Exception" },
	{ "ImportError", EX_IMPORT, "Exception" },
	{ "AssertionError", EX_ASSERTION, "Exception" },
	{ "StopIteration", EX_STOP_ITERATION, "Exception" },
	{ "UnboundLocalError", EX_UNBOUND_LOCAL, "NameError" },
	{ "ModuleNotFoundError", EX_MODULE_NOT_FOUND, "ImportError" },
	{ "SystemError", EX_SYSTEM, "Exception" },
	{ "NotImplementedError", EX_NOT_IMPLEMENTED, "RuntimeError" },
	{ "OSError", EX_OS, "Exception" },
	{ "FileNotFoundError", EX_FILE_NOT_FOUND, "OSError" },
	{ "PermissionError", EX_PERMISSION, "OSError" },
	{ "TimeoutError", EX_TIMEOUT, "OSError" },
	{ "EOFError", EX_EOF, "Exception" },
	{ "UnicodeError", EX_UNICODE, "ValueError" },
	{ "GeneratorExit", EX_GENERATOR_EXIT, "BaseException" },
	{ "KeyboardInterrupt", EX_KEYBOARD_INTERRUPT, "BaseException" },
	{ "SyntaxError", EX_SYNTAX, "Exception" },
	{ "SystemExit", EX_SYSTEM_EXIT, "BaseException" },
	{ "ReferenceError", EX_REFERENCE, "Exception" },
	{ "IndentationError", EX_INDENTATION, "SyntaxError" },
};

#define NEXC (int)(sizeof(exc_table) / sizeof(exc_table[0]))

/* the kernel's exceptions, as the uapi header names them (by PYMM_EXC_*) */
static const struct { const char *name, *base; } kernel_exc[PYMM_EXC_MAX] = {
	PYMM_EXC_CLASSES_INIT
};

/*
 * Row i of the classes the interpreter knows: the tool's own above, then
 * the kernel's.  False past the end; *name NULL for a code with no class.
 */
static bool exc_row(int i, const char **name, int *kind, const char **parent)
{
	if (i < NEXC) {
		*name = exc_table[i].name;
		*kind = exc_table[i].kind;
		*parent = exc_table[i].parent;
		return true;
	}
	i -= NEXC;
	if (i >= PYMM_EXC_MAX)
		return false;
	*name = kernel_exc[i].name;
	*kind = i;
	*parent = kernel_exc[i].base;
	return true;
}

/*
 * exc.c's view of the same rows: their number, and a row's name (NULL: a
 * kernel code with no class), kind (-1 for those) and parent row (-1 for
 * BaseException).
 */
int exc_rows(void)
{
	const char *n, *parent;
	int i, kind;

	for (i = 0; exc_row(i, &n, &kind, &parent); i++)
		;
	return i;
}

const char *exc_row_name(int row)
{
	const char *n = NULL, *parent;
	int kind;

	return exc_row(row, &n, &kind, &parent) ? n : NULL;
}

int exc_row_kind(int row)
{
	const char *n = NULL, *parent;
	int kind;

	return exc_row(row, &n, &kind, &parent) && n ? kind : -1;
}

int exc_row_parent(int row)
{
	const char *n, *parent = NULL;
	int kind;

	if (!exc_row(row, &n, &kind, &parent) || !parent)
		return -1;
	return exc_index_by_name(parent);
}

int exc_index_by_name(const char *name)
{
	const char *n, *parent;
	int i, kind;

	for (i = 0; exc_row(i, &n, &kind, &parent); i++)
		if (n && !strcmp(n, name))
			return i;
	return -1;
}

/* the kind `raise name` sets, -1 if the name is no exception class */
int exc_kind_by_name(const char *name)
{
	const char *n, *parent;
	int kind, i = exc_index_by_name(name);

	return i >= 0 && exc_row(i, &n, &kind, &parent) ? kind : -1;
}

const char *exc_kind_name(int kind)
{
	const char *n, *parent;
	int i, k;

	for (i = 0; exc_row(i, &n, &k, &parent); i++)
		if (n && k == kind)
			return n;
	return "SystemError";
}

/* Is an exception of `kind` an instance of the class called `name`? */
bool exc_matches(int kind, const char *name)
{
	const char *n = exc_kind_name(kind), *dummy;
	int k;

	while (n) {
		int i = exc_index_by_name(n);

		if (!strcmp(n, name))
			return true;
		if (i < 0 || !exc_row(i, &dummy, &k, &n))
			n = NULL;
	}
	return false;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		perror("pymmctl");
		exit(1);
	}
	return p;
}

int raise_exc(struct interp *I, int kind, const char *fmt, ...)
{
	va_list ap;

	if (I->exc_obj)
		queue_close(I, I->exc_obj);	/* a new exception replaces it */
	I->exc_obj = 0;
	I->exc = kind;
	I->ntb = 0;
	I->tb_reraised = false;
	va_start(ap, fmt);
	vsnprintf(I->exc_msg, sizeof(I->exc_msg), fmt, ap);
	va_end(ap);
	if (!I->refused && kind != PYMM_EXC_KEY_ERROR &&
	    strstr(I->exc_msg, "not supported by pymm")) {
		I->refused = true;
		memcpy(I->refusal_msg, I->exc_msg, sizeof(I->refusal_msg));
	}
	return -1;
}

void tb_push(struct interp *I, int line, const char *func)
{
	if (I->ntb == I->ctb) {
		I->ctb = I->ctb ? I->ctb * 2 : 16;
		I->tb = xrealloc(I->tb, I->ctb * sizeof(*I->tb));
	}
	/* 3.11 names the line where the failing expression starts */
	I->tb[I->ntb].line = I->fail_node && I->fail_node->span_line ?
			     I->fail_node->span_line : line;
	I->tb[I->ntb].func = func;
	I->tb[I->ntb].node = I->fail_node;
	I->tb[I->ntb].fh = 0;
	I->tb[I->ntb].in_obj = false;
	I->fail_node = NULL;	/* the caller's frame finds its own */
	I->ntb++;
}

/* ------------------------------------------------------------------ ops */

void trace_op(const struct pymm_op *op)
{
	fprintf(stderr, "pymm: %-14s a=%" PRIx64 ",%" PRIx64 ",%" PRIx64 " len=%u -> err=%d exc=%u ret=%"
		PRIx64 ",%" PRIx64 "%s\n", pymm_op_name(op->code), (uint64_t)op->arg[0],
		(uint64_t)op->arg[1], (uint64_t)op->arg[2], op->data_len, op->error, op->exc,
		(uint64_t)op->ret[0], (uint64_t)op->ret[1],
		op->out_flags & PYMM_OUTF_OUTPUT ? " +output" : "");
}


/*
 * Runs the queued CLOSEs, then ops[0..n-1], in one batch.  Returns 0 when
 * everything ran (each op's result is in the op), -1 with SystemError set
 * when the transport failed or a queued CLOSE was refused.
 */
int xops(struct interp *I, struct pymm_op *ops, unsigned int n)
{
	unsigned int total = I->npending + n, done = 0, i;
	bool output = false, fin = false;
	struct pymm_op *b = ops;
	int err;

	if (total == 0)
		return 0;
	/* the caller's ops run where they are unless deferred closes go first */
	if (I->npending) {
		if (total > I->cbatch) {
			I->cbatch = total * 2;
			I->batch = xrealloc(I->batch, I->cbatch * sizeof(*I->batch));
		}
		b = I->batch;
		memcpy(b, I->pending, I->npending * sizeof(*b));
		if (n)
			memcpy(b + I->npending, ops, n * sizeof(*ops));
	}
	err = pymm_exec_batch(I->conn, b, total, false, &done);
	for (i = 0; i < done; i++) {
		if (I->opts.trace_ops)
			trace_op(&b[i]);
		if (b[i].out_flags & PYMM_OUTF_OUTPUT)
			output = true;
		if (b[i].out_flags & PYMM_OUTF_FINALIZERS)
			fin = true;
		if (b[i].out_flags & PYMM_OUTF_FIN_SKIPPED)
			fin_skipped_note(I);
		if (b[i].out_flags & PYMM_OUTF_GC_DUE)
			I->gc_due = true;
	}
	if (n && b != ops)
		memcpy(ops, b + I->npending, n * sizeof(*ops));
	for (i = 0; i < I->npending && i < done; i++)
		if (b[i].error) {
			I->npending = 0;
			return raise_exc(I, EX_SYSTEM, "pymm: closing handle %#" PRIx64 ": %s",
					 (uint64_t)b[i].arg[b[i].ret[0] & 3],
					 strerror(-b[i].error));
		}
	I->npending = 0;
	if (err)
		return raise_exc(I, EX_SYSTEM, "pymm: %s: %s", pymm_conn_transport(I->conn),
				 strerror(-err));
	if (output && drain_output(I))
		return -1;
	/* the heap handed back finalizers: they run before anything else */
	if (fin && run_finalizers(I))
		return -1;
	/* an automatic collection handed to us: gc.callbacks run around it */
	if (I->gc_due && gc_run_due(I))
		return -1;
	return 0;
}

/* once per interpreter: another uid's code is never run here */
void fin_skipped_note(struct interp *I)
{
	if (I->fin_skipped_told)
		return;
	I->fin_skipped_told = true;
	fflush(I->out);
	fprintf(stderr, "pymmctl: finalizers of code another user defined were not run "
		"(their objects count as finalized)\n");
}

int op1(struct interp *I, struct pymm_op *op)
{
	if (xops(I, op, 1))
		return -1;
	/* a key's __hash__ or __eq__ is needed: user code (userkey.c) */
	if (op->error == -ENOKEY)
		return userkey_resolve(I, op);
	return 0;
}

int flush_pending(struct interp *I)
{
	return I->npending ? xops(I, NULL, 0) : 0;
}

int drain_output(struct interp *I)
{
	for (;;) {
		struct pymm_op op;
		unsigned int done;
		int err;

		if (!I->obuf) {
			I->obuf_cap = 4096;
			I->obuf = xrealloc(NULL, I->obuf_cap);
		}
		pymm_op_init(&op, PYMM_OP_READ_OUTPUT);
		pymm_op_set_data(&op, I->obuf, I->obuf_cap);
		err = pymm_exec_batch(I->conn, &op, 1, false, &done);
		if (I->opts.trace_ops)
			trace_op(&op);
		if (err)
			return raise_exc(I, EX_SYSTEM, "pymm: reading finalizer output: %s",
					 strerror(-err));
		if (op.error == -ENOSPC || (op.out_flags & PYMM_OUTF_TRUNC)) {
			if (op.data_len <= I->obuf_cap)
				op.data_len = (uint32_t)I->obuf_cap * 2;
			I->obuf_cap = op.data_len;
			I->obuf = xrealloc(I->obuf, I->obuf_cap);
			continue;
		}
		if (op.error == -EOPNOTSUPP)
			return 0;
		if (op.error)
			return raise_exc(I, EX_SYSTEM, "pymm: reading finalizer output: %s",
					 strerror(-op.error));
		if (op.data_len)
			fwrite(I->obuf, 1, op.data_len, I->out);
		if (!(op.out_flags & PYMM_OUTF_OUTPUT) || !op.data_len)
			return 0;
	}
}

/*
 * A drop is deferred to the next batch, four to a CLOSE_N: each op of a
 * batch pays the core's per-op steps (checks, work budget, the GC safe
 * point), and a line of code drops several values (docs/performance.md).
 */
void queue_close(struct interp *I, uint64_t h)
{
	struct pymm_op *op;
	int i;

	if (h && I->npending && I->pending[I->npending - 1].code == PYMM_OP_CLOSE_N) {
		op = &I->pending[I->npending - 1];
		for (i = 1; i < 4; i++)
			if (!op->arg[i]) {
				op->arg[i] = h;
				return;
			}
	}
	if (I->npending == I->cpending) {
		I->cpending = I->cpending ? I->cpending * 2 : 64;
		I->pending = xrealloc(I->pending, I->cpending * sizeof(*I->pending));
	}
	op = &I->pending[I->npending++];
	/* 0 is no handle: a plain CLOSE, whose refusal says so */
	pymm_op_init(op, h ? PYMM_OP_CLOSE_N : PYMM_OP_CLOSE);
	op->arg[0] = h;
	/* a big queue is sent now: the batch size is bounded */
	if (I->npending >= 1024)
		flush_pending(I);
}

void vrelease(struct interp *I, struct value *v)
{
	if (v->kind == V_OBJ && v->owned)
		queue_close(I, v->h);
	if (v->kind == V_METHOD && v->self_owned)
		queue_close(I, v->self);
	memset(v, 0, sizeof(*v));
}

/*
 * *slot: an object() made on first use and held to the end, for the
 * interpreter's singletons (NotImplemented, exec()'s '__builtins__')
 */
int held_object(struct interp *I, uint64_t *slot)
{
	struct pymm_op op;
	uint64_t cls;

	if (*slot)
		return 0;
	pymm_op_init(&op, PYMM_OP_CONST);
	op.arg[0] = PYMM_CONST_OBJECT;
	if (op1_raise(I, &op))
		return -1;
	cls = op.ret[0];
	pymm_op_init(&op, PYMM_OP_NEW_INSTANCE);
	op.arg[0] = cls;
	if (op1_raise(I, &op)) {
		queue_close(I, cls);
		return -1;
	}
	queue_close(I, cls);
	*slot = op.ret[0];
	interp_hold(I, op.ret[0]);
	return 0;
}

/* a is b: the heap's identity */
int same_object(struct interp *I, uint64_t a, uint64_t b, bool *res)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_COMPARE);
	op.arg[0] = a;
	op.arg[1] = b;
	op.arg[2] = PYMM_CMP_IS;
	if (op1_raise(I, &op))
		return -1;
	*res = op.ret[0] != 0;
	return 0;
}

struct value vobj(uint64_t h, bool owned)
{
	struct value v = { .kind = V_OBJ, .owned = owned, .h = h };

	return v;
}

static const char *errno_text(int err)
{
	return strerror(err < 0 ? -err : err);
}

/*
 * Turns a failed op into the Python exception it stands for.  The core says
 * which exception (op->exc); the message is CPython's where the context
 * tells us what it would be.
 */
int raise_op(struct interp *I, const struct pymm_op *op, const char *what)
{
	int kind = (int)op->exc;

	if (!kind) {
		switch (op->error) {
		case -ENOMEM:
		case -EDQUOT:
			kind = PYMM_EXC_MEMORY_ERROR;
			break;
		case -ETIME:
			/* pymm's own bound, no Python exception: say so plainly */
			return raise_exc(I, EX_SYSTEM,
					 "pymm: %s stopped: it took more steps than one operation may "
					 "(module parameter work_budget_m); CPython has no such limit",
					 what ? what : pymm_op_name(op->code));
		case -EOPNOTSUPP:
			return raise_exc(I, EX_NOT_IMPLEMENTED,
					 "%s: not supported by this pymm (%s)",
					 what ? what : pymm_op_name(op->code),
					 pymm_op_name(op->code));
		case -ENOKEY:
			/* keyhash.c: what userkey.c could not resolve */
			return raise_exc(I, EX_NOT_IMPLEMENTED, "%s is not supported by pymm",
					 userkey_op_text(op->code));
		default:
			return raise_exc(I, EX_SYSTEM, "pymm: %s failed: %s",
					 pymm_op_name(op->code), errno_text(op->error));
		}
	}
	if (kind == PYMM_EXC_MEMORY_ERROR)
		return raise_exc(I, kind, "%s", op->error == -EDQUOT ? "heap quota exceeded" :
				 errno_text(op->error));
	return raise_exc(I, kind, "%s", what ? what : errno_text(op->error));
}

/* op1(), and the op's own failure raised as its Python exception */
int op1_raise(struct interp *I, struct pymm_op *op)
{
	if (op1(I, op))
		return -1;
	return op->error ? raise_op(I, op, NULL) : 0;
}

/* ----------------------------------------------------- object inspection */

/*
 * A handle's top byte is its object's type code (PYMM_HANDLE_TYPE(), fixed
 * for the object's life), so no op is needed; only a value that is not a
 * heap handle (0, or a stale or forged one) is asked of the heap, which
 * raises its error as before.
 */
static bool handle_type(uint64_t h, uint32_t *type)
{
	uint32_t t = PYMM_HANDLE_TYPE(h);

	if (!t || t >= PYMM_T_MAX)
		return false;
	*type = t;
	return true;
}

int obj_type(struct interp *I, uint64_t h, uint32_t *type)
{
	struct pymm_op op;

	if (handle_type(h, type))
		return 0;
	pymm_op_init(&op, PYMM_OP_TYPE);
	op.arg[0] = h;
	if (op1_raise(I, &op))
		return -1;
	*type = (uint32_t)op.ret[0];
	return 0;
}

/*
 * READ, after a TYPE in the same batch when the handle does not say its
 * type; strings retried with the size the core asks.
 */
int obj_read(struct interp *I, uint64_t h, struct objinfo *oi)
{
	size_t cap = 256;

	memset(oi, 0, sizeof(*oi));
	for (;;) {
		struct pymm_op ops[2], *rd = &ops[1];
		bool known = handle_type(h, &oi->type);
		char *buf = xrealloc(NULL, cap);

		pymm_op_init(&ops[0], PYMM_OP_TYPE);
		ops[0].arg[0] = h;
		pymm_op_init(&ops[1], PYMM_OP_READ);
		ops[1].arg[0] = h;
		pymm_op_set_data(&ops[1], buf, cap);
		if (known ? xops(I, rd, 1) : xops(I, ops, 2)) {
			free(buf);
			return -1;
		}
		if (!known && ops[0].error) {
			free(buf);
			return raise_op(I, &ops[0], NULL);
		}
		if (!known)
			oi->type = (uint32_t)ops[0].ret[0];
		if ((ops[1].out_flags & PYMM_OUTF_TRUNC) || ops[1].error == -ENOSPC) {
			free(buf);
			cap = ops[1].data_len > cap ? ops[1].data_len : cap * 4;
			continue;
		}
		if (ops[1].error) {
			free(buf);
			/* a stale handle is an error; containers have nothing to read */
			return ops[1].error == -EBADF ? raise_op(I, &ops[1], NULL) : 0;
		}
		oi->i = (int64_t)ops[1].ret[0];
		oi->i2 = ops[1].ret[1];
		if (oi->type == PYMM_T_FLOAT)
			memcpy(&oi->f, &ops[1].ret[0], sizeof(double));
		oi->len = ops[1].data_len;
		if (oi->len > cap)
			oi->len = cap;
		buf = xrealloc(buf, oi->len + 1);
		buf[oi->len] = 0;
		oi->s = buf;
		return 0;
	}
}

uint64_t obj_id(struct interp *I, uint64_t h, int *err)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_ID);
	op.arg[0] = h;
	*err = op1(I, &op);
	if (!*err && op.error)
		*err = raise_op(I, &op, NULL);
	return op.ret[0];
}

/* ITEMS: new handles for the elements (dict: keys).  *hs is malloc'd. */
int obj_items(struct interp *I, uint64_t h, uint64_t **hs, uint32_t *n)
{
	size_t cap = 64;

	for (;;) {
		struct pymm_op op;
		uint64_t *v = xrealloc(NULL, cap * sizeof(uint64_t));

		pymm_op_init(&op, PYMM_OP_ITEMS);
		op.arg[0] = h;
		pymm_op_set_data(&op, v, cap * sizeof(uint64_t));
		if (op1(I, &op)) {
			free(v);
			return -1;
		}
		if ((op.out_flags & PYMM_OUTF_TRUNC) || op.error == -ENOSPC) {
			free(v);
			cap = op.data_len / 8 > cap ? op.data_len / 8 : cap * 4;
			continue;
		}
		if (op.error) {
			free(v);
			return raise_op(I, &op, NULL);
		}
		*hs = v;
		*n = (uint32_t)op.ret[0];
		return 0;
	}
}

void close_many(struct interp *I, uint64_t *hs, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		queue_close(I, hs[i]);
}

const char *type_name(uint32_t t)
{
	return pymm_type_name(t);
}

/*
 * CPython's type name of what obj_read() found: an instance's class, an
 * iterator's or descriptor's kind (oi->s must still be there).
 */
const char *objinfo_type_name(const struct objinfo *oi)
{
	if (oi->type == PYMM_T_INSTANCE && oi->s && oi->len)
		return oi->s;
	if (oi->type == PYMM_T_ITER)
		return iter_kind_name((uint32_t)oi->i);
	if (oi->type == PYMM_T_DESCR)
		return descr_kind_name((uint32_t)oi->i);
	return type_name(oi->type);
}

/*
 * op1_raise() for an op on one object (arg[0] = h) whose TypeError CPython
 * words with the object's type name: type_fmt has one %s for it.
 */
int op1_on_obj(struct interp *I, struct pymm_op *op, uint64_t h, const char *type_fmt)
{
	uint32_t t = 0;

	op->arg[0] = h;
	if (op1(I, op))
		return -1;
	if (!op->error)
		return 0;
	if (op->exc == PYMM_EXC_TYPE_ERROR && !obj_type(I, h, &t)) {
		struct objinfo oi;
		int err;

		if (obj_read(I, h, &oi))
			return -1;
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR, type_fmt, objinfo_type_name(&oi));
		free(oi.s);
		return err;
	}
	return raise_op(I, op, NULL);
}

/* ------------------------------------------------------------- creation */

int new_scalar(struct interp *I, uint32_t code, uint64_t arg, const void *data,
		      size_t len, struct value *out)
{
	struct pymm_op op;

	/* the heap's str is NUL-free UTF-8 (module/core/types/str.c) */
	if (code == PYMM_OP_NEW_STR && len && memchr(data, 0, len))
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "a str holding the character '\\x00' is not supported by pymm");
	pymm_op_init(&op, code);
	op.arg[0] = arg;
	if (data || code == PYMM_OP_NEW_STR || code == PYMM_OP_NEW_BYTES)
		pymm_op_set_data(&op, data ? data : "", len);
	if (op1_raise(I, &op))
		return -1;
	*out = vobj(op.ret[0], true);
	return 0;
}

int new_int(struct interp *I, int64_t v, struct value *out)
{
	return new_scalar(I, PYMM_OP_NEW_INT, (uint64_t)v, NULL, 0, out);
}

/*
 * An int past pymm's 64-bit ints, which CPython would have made: a
 * refusal, not the OverflowError it once was, which a script could catch
 * and go on from as CPython never would (refusals.c, docs/pymmctl.md).
 */
int overflow_range(struct interp *I)
{
	return raise_exc(I, EX_NOT_IMPLEMENTED,
			 "integers past 64 bits (big ints) are not supported by pymm");
}

int new_float(struct interp *I, double d, struct value *out)
{
	uint64_t bits;

	memcpy(&bits, &d, sizeof(bits));
	return new_scalar(I, PYMM_OP_NEW_FLOAT, bits, NULL, 0, out);
}

/* a str the script computed: not interned (CPython interns constants and names only) */
int new_str(struct interp *I, const char *s, size_t n, struct value *out)
{
	return new_scalar(I, PYMM_OP_NEW_STR, PYMM_STR_RUNTIME, s, n, out);
}

struct value vbool(struct interp *I, bool b)
{
	return vobj(b ? I->h_true : I->h_false, false);
}

struct value vnone(struct interp *I)
{
	return vobj(I->h_none, false);
}

/* NEW_TUPLE / NEW_LIST / NEW_DICT from handles */
int new_container(struct interp *I, uint32_t code, const uint64_t *hs, uint32_t n,
			 struct value *out)
{
	struct pymm_op op;
	uint64_t dummy = 0;

	pymm_op_init(&op, code);
	pymm_op_set_data(&op, n ? (const void *)hs : (const void *)&dummy, n * sizeof(uint64_t));
	if (op1(I, &op))
		return -1;
	/* a key's class defines __hash__ or __eq__: one at a time (userkey.c) */
	if (op.error == -ENOKEY && code == PYMM_OP_NEW_DICT)
		return userkey_new_dict(I, hs, n / 2, out);
	if (op.exc == PYMM_EXC_TYPE_ERROR && code == PYMM_OP_NEW_DICT)
		return raise_unhashable_key(I, hs, n / 2);
	if (op.error)
		return raise_op(I, &op, code == PYMM_OP_NEW_DICT ? "unhashable type" : NULL);
	*out = vobj(op.ret[0], true);
	return 0;
}

/* ---------------------------------------------------------- formatting */

struct repr_state {
	uint64_t *ids;		/* containers being printed (Py_ReprEnter) */
	int n, cap;
};

static int repr_obj(struct interp *I, uint64_t h, struct strbuf *b, bool as_str,
		    struct repr_state *rs);

static int repr_container(struct interp *I, uint64_t h, uint32_t type, struct strbuf *b,
			  struct repr_state *rs)
{
	const char *open = type == PYMM_T_LIST ? "[" : type == PYMM_T_TUPLE ? "(" : "{";
	const char *close = type == PYMM_T_LIST ? "]" : type == PYMM_T_TUPLE ? ")" : "}";
	uint64_t *hs = NULL, id;
	uint32_t n, i;
	int err, k;

	id = obj_id(I, h, &err);
	if (err)
		return -1;
	for (k = 0; k < rs->n; k++)
		if (rs->ids[k] == id) {
			sb_adds(b, open);
			sb_adds(b, "...");
			sb_adds(b, close);
			return 0;
		}
	if (rs->n >= MAX_DEPTH)
		return raise_exc(I, PYMM_EXC_RECURSION_ERROR,
				 "maximum recursion depth exceeded while getting the repr of an object");
	if (obj_items(I, h, &hs, &n))
		return -1;
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 16;
		rs->ids = xrealloc(rs->ids, rs->cap * sizeof(uint64_t));
	}
	rs->ids[rs->n++] = id;
	sb_adds(b, open);
	err = 0;
	for (i = 0; i < n && !err; i++) {
		if (i)
			sb_adds(b, ", ");
		err = repr_obj(I, hs[i], b, false, rs);
		if (!err && type == PYMM_T_DICT) {
			struct pymm_op op;

			sb_adds(b, ": ");
			pymm_op_init(&op, PYMM_OP_GETITEM);
			op.arg[0] = h;
			op.arg[1] = hs[i];
			err = op1(I, &op);
			if (!err && op.error)
				err = raise_op(I, &op, NULL);
			if (!err) {
				err = repr_obj(I, op.ret[0], b, false, rs);
				queue_close(I, op.ret[0]);
			}
		}
	}
	if (type == PYMM_T_TUPLE && n == 1)
		sb_adds(b, ",");
	sb_adds(b, close);
	rs->n--;
	close_many(I, hs, n);
	free(hs);
	return err;
}

/* set_repr: set(), {1, 2}, frozenset(), frozenset({1, 2}) */
static int repr_set(struct interp *I, uint64_t h, struct strbuf *b, struct repr_state *rs)
{
	const char *name;
	uint64_t *hs;
	uint32_t n, i;
	bool is_set;
	int err = 0, k = set_kind(I, h, &is_set);

	if (k < 0 || obj_items(I, h, &hs, &n))
		return -1;
	name = k ? "frozenset" : "set";
	if (!n)
		sb_addf(b, "%s()", name);
	else if (k)
		sb_addf(b, "%s({", name);
	else
		sb_adds(b, "{");
	for (i = 0; i < n && !err; i++) {
		if (i)
			sb_adds(b, ", ");
		err = repr_obj(I, hs[i], b, false, rs);
	}
	if (n)
		sb_adds(b, k ? "})" : "}");
	close_many(I, hs, n);
	free(hs);
	return err;
}

/* is h the heap's `object`? (it is immortal; a class named object is not) */
static bool is_object_root(struct interp *I, uint64_t h)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_TYPE);
	op.arg[0] = h;
	return !op1(I, &op) && !op.error && (op.ret[1] & PYMM_TYPEF_IMMORTAL);
}

static int repr_obj(struct interp *I, uint64_t h, struct strbuf *b, bool as_str,
		    struct repr_state *rs)
{
	struct objinfo oi;
	int err = 0, e2;
	uint64_t id;
	char *q = NULL;

	if (obj_read(I, h, &oi))
		return -1;
	if (oi.type == PYMM_T_DICT || oi.type == PYMM_T_LIST || oi.type == PYMM_T_TUPLE) {
		/* a subclass's __repr__ (defaultdict, Counter, OrderedDict, namedtuples) */
		struct value res;
		struct objinfo ri;

		err = subclass_call(I, h, "__repr__", NULL, 0, &res);
		if (err < 0)
			return -1;
		if (!err) {
			err = obj_read(I, res.h, &ri);
			vrelease(I, &res);
			if (err)
				return -1;
			if (ri.type == PYMM_T_STR)
				sb_add(b, ri.s, ri.len);
			else
				err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
						"__repr__ returned non-string (type %s)",
						type_name(ri.type));
			free(ri.s);
			free(oi.s);
			return err;
		}
		err = 0;
	}
	switch (oi.type) {
	case PYMM_T_NONE:
		sb_adds(b, "None");
		break;
	case PYMM_T_BOOL:
		sb_adds(b, oi.i ? "True" : "False");
		break;
	case PYMM_T_INT:
		fmt_int(b, oi.i);
		break;
	case PYMM_T_FLOAT:
		fmt_float(b, oi.f);
		break;
	case PYMM_T_STR:
		if (as_str)
			sb_add(b, oi.s, oi.len);
		else
			fmt_str_repr(b, oi.s, oi.len);
		break;
	case PYMM_T_BYTES:
		fmt_bytes_repr(b, oi.s, oi.len);
		break;
	case PYMM_T_BYTEARRAY:
		sb_add(b, "bytearray(", 10);
		fmt_bytes_repr(b, oi.s, oi.len);
		sb_add(b, ")", 1);
		break;
	case PYMM_T_LIST:
	case PYMM_T_TUPLE:
	case PYMM_T_DICT:
		err = repr_container(I, h, oi.type, b, rs);
		break;
	case PYMM_T_SET:
		err = repr_set(I, h, b, rs);
		break;
	case PYMM_T_RANGE:
		err = range_repr(I, h, b);
		break;
	case PYMM_T_DICTVIEW:
		err = view_repr(I, h, b);
		break;
	case PYMM_T_CLASS:
		if ((oi.s && is_object_root(I, h)) ||	/* object, list, dict */
		    exc_class_is_builtin(I, h, &(const char *){ NULL }))
			sb_addf(b, "<class '%s'>", oi.s);
		else if (class_qualname(I, h, false, &q)) {
			err = -1;
		} else {
			/* a prelude's class says its module (collections.deque) */
			char *mod = str_attr_of(I, h, "__module__");

			sb_addf(b, "<class '%s.%s'>", mod ? mod : "__main__", q);
			free(mod);
		}
		free(q);
		q = NULL;
		break;
	case PYMM_T_FUNCTION: {
		struct node *def = def_of_objinfo(I, &oi);

		id = obj_id(I, h, &e2);
		if (e2) {
			err = -1;
			break;
		}
		{
			/* func_repr shows __qualname__, which a script may assign */
			char *q = str_attr_of(I, h, "__qualname__");

			sb_addf(b, "<function %s at 0x%" PRIx64 ">",
				q ? q : def ? def->def.qualname : oi.s ? oi.s : "?", id);
			free(q);
		}
		break;
	}
	case PYMM_T_CELL: {
		struct pymm_op op;

		id = obj_id(I, h, &e2);
		if (e2) {
			err = -1;
			break;
		}
		sb_addf(b, "<cell at 0x%" PRIx64 ": ", id);
		pymm_op_init(&op, PYMM_OP_CELL_GET);
		op.arg[0] = h;
		if (op1(I, &op)) {
			err = -1;
			break;
		}
		if (op.error) {
			sb_adds(b, "empty>");
			break;
		}
		{
			uint32_t t = 0;
			uint64_t cid = obj_id(I, op.ret[0], &e2);

			if (!e2)
				e2 = obj_type(I, op.ret[0], &t);
			queue_close(I, op.ret[0]);
			if (e2) {
				err = -1;
				break;
			}
			sb_addf(b, "%s object at 0x%" PRIx64 ">", type_name(t), cid);
		}
		break;
	}
	case PYMM_T_INSTANCE:
		err = instance_repr(I, h, as_str, b);
		if (err == 1)
			err = exc_repr(I, h, as_str, b);
		if (err != 1)
			break;
		err = 0;
		id = obj_id(I, h, &e2);
		if (e2) {
			err = -1;
			break;
		}
		if (!(oi.s && oi.len)) {
			sb_addf(b, "<__main__.object object at 0x%" PRIx64 ">", id);
			break;
		}
		if (class_qualname(I, h, true, &q)) {
			err = -1;
			break;
		}
		sb_addf(b, "<__main__.%s object at 0x%" PRIx64 ">", q, id);
		free(q);
		q = NULL;
		break;
	case PYMM_T_FRAME:
	case PYMM_T_TRACEBACK:
		err = frame_repr(I, h, oi.type, b);
		break;
	case PYMM_T_OBJECT: {	/* object(): object_repr */
		struct value v = vobj(h, false);
		bool ni;

		if (is_notimpl(I, &v, &ni)) {
			err = -1;
			break;
		}
		if (ni) {
			sb_adds(b, "NotImplemented");
			break;
		}
		if (is_ellipsis(I, &v, &ni)) {
			err = -1;
			break;
		}
		if (ni) {
			sb_adds(b, "Ellipsis");
			break;
		}
		if (exec_is_builtins(I, h, &ni) || ni) {
			err = ni ? raise_exc(I, EX_NOT_IMPLEMENTED, "the builtins dict exec() puts "
					     "in its globals is not supported by pymm (only its "
					     "key is there)") : -1;
			break;
		}
		id = obj_id(I, h, &e2);
		if (e2)
			err = -1;
		else
			sb_addf(b, "<object object at 0x%" PRIx64 ">", id);
		break;
	}
	case PYMM_T_GETSET:
	case PYMM_T_METHOD:
		err = machinery_repr(I, h, oi.type, oi.s ? oi.s : "?", b);
		break;
	case PYMM_T_DESCR:
		err = descr_repr(I, h, (uint32_t)oi.i, b);
		break;
	case PYMM_T_BUILTIN:
		err = bfunc_repr(I, h, &oi, b);
		break;
	case PYMM_T_ITER:
		id = obj_id(I, h, &e2);
		if (e2) {
			err = -1;
			break;
		}
		sb_addf(b, "<%s object at 0x%" PRIx64 ">", iter_kind_name((uint32_t)oi.i), id);
		break;
	case PYMM_T_WEAKPROXY:
		err = proxy_repr(I, h, b, as_str);
		break;
	case PYMM_T_WEAKREF: {
		struct pymm_op op;

		id = obj_id(I, h, &e2);
		if (e2) {
			err = -1;
			break;
		}
		pymm_op_init(&op, PYMM_OP_WEAKREF_GET);
		op.arg[0] = h;
		if (op1(I, &op) || (op.error && raise_op(I, &op, NULL))) {
			err = -1;
			break;
		}
		if (op.ret[0] == 0 || is_none_h(I, op.ret[0])) {
			sb_addf(b, "<weakref at 0x%" PRIx64 "; dead>", id);
		} else {
			struct objinfo ti;
			uint64_t tid = obj_id(I, op.ret[0], &e2);

			if (!e2 && !obj_read(I, op.ret[0], &ti)) {
				bool named = (ti.type == PYMM_T_FUNCTION || ti.type == PYMM_T_CLASS) &&
					     ti.s && ti.len;

				/* weakref_repr: the referent's __name__ too, when it has one */
				if (ti.type == PYMM_T_NONE)
					sb_addf(b, "<weakref at 0x%" PRIx64 "; dead>", id);
				else
					sb_addf(b, "<weakref at 0x%" PRIx64 "; to '%s' at 0x%"
						PRIx64 "%s%s%s>", id, ti.type == PYMM_T_INSTANCE &&
						ti.s && ti.len ? ti.s :
						value_type_name(I, op.ret[0], ti.type), tid,
						named ? " (" : "", named ? ti.s : "", named ? ")" : "");
				free(ti.s);
			} else {
				err = -1;
			}
			queue_close(I, op.ret[0]);
		}
		break;
	}
	default:
		sb_addf(b, "<object type %u>", oi.type);
		break;
	}
	free(oi.s);
	return err;
}

int value_repr(struct interp *I, const struct value *v, struct strbuf *b, bool as_str)
{
	struct repr_state rs = { 0 };
	int err;

	switch (v->kind) {
	case V_MODULE:
		if (stream_of(v)) {
			stream_repr(stream_of(v), b);
			return 0;
		}
		/* 3.11 names the file of a module written in Python */
		if (stdmod_is_prelude(v->id))
			return raise_exc(I, EX_NOT_IMPLEMENTED,
					 "the repr of module '%s' is not supported by pymm",
					 module_name(v->id));
		sb_addf(b, "<module '%s' (built-in)>", module_name(v->id));
		return 0;
	case V_BUILTIN:
	case V_METHOD: {
		struct value c = *v;

		if (v->kind == V_BUILTIN && builtin_is_type(v->id)) {
			/* weakref.ProxyType & co say their module */
			sb_addf(b, "<class '%s%s'>", type_row_code(v->id) == PYMM_T_WEAKPROXY ||
				type_row_code(v->id) == PYMM_T_WEAKREF ? "weakref." : "",
				builtin_name(v->id));
			return 0;
		}
		/* the object CPython's LOAD_ATTR would have made, self shown by id */
		c.self_owned = false;
		if (bfunc_materialize(I, &c))
			return -1;
		err = repr_obj(I, c.h, b, as_str, &rs);
		vrelease(I, &c);
		return err;
	}
	default:
		break;
	}
	err = repr_obj(I, v->h, b, as_str, &rs);
	free(rs.ids);
	return err;
}

/* ------------------------------------------------------------- helpers */

int need_obj(struct interp *I, const struct value *v)
{
	int r;

	if (v->kind == V_OBJ)
		return 0;
	/* a builtin type: the heap's static one (btypes.c); v borrows it */
	r = btype_promote(I, (struct value *)v);
	if (r <= 0)
		return r;
	/* a builtin function or method: its heap object (bfunc.c) */
	if (v->kind == V_BUILTIN || v->kind == V_METHOD)
		return bfunc_materialize(I, (struct value *)v);
	return raise_exc(I, EX_NOT_IMPLEMENTED,
			 "pymm keeps modules out of the heap: storing them or "
			 "operating on them is not supported by pymm");
}

/*
 * PyNumber_Index() of an instance: its class's __index__, which must give
 * an int.  1: the class has none (the caller raises its own TypeError).
 */
int instance_index(struct interp *I, uint64_t h, int64_t *out)
{
	struct value res;
	struct objinfo oi;
	int r = call_special(I, h, "__index__", NULL, 0, &res);

	if (r)
		return r;
	if (need_obj(I, &res) || obj_read(I, res.h, &oi)) {
		vrelease(I, &res);
		return -1;
	}
	vrelease(I, &res);
	if (oi.type != PYMM_T_INT && oi.type != PYMM_T_BOOL) {
		r = raise_exc(I, PYMM_EXC_TYPE_ERROR, "__index__ returned non-int (type %s)",
			      objinfo_type_name(&oi));
		free(oi.s);
		return r;
	}
	free(oi.s);
	*out = oi.i;
	return 0;
}

/* an int, a bool, or an instance with __index__; ctx names the use */
int read_int(struct interp *I, const struct value *v, int64_t *out, const char *ctx)
{
	struct objinfo oi;
	int r;

	if (need_obj(I, v) || obj_read(I, v->h, &oi))
		return -1;
	if (oi.type == PYMM_T_INT || oi.type == PYMM_T_BOOL) {
		free(oi.s);
		*out = oi.i;
		return 0;
	}
	r = oi.type == PYMM_T_INSTANCE ? instance_index(I, v->h, out) : 1;
	if (r <= 0) {
		free(oi.s);
		return r;
	}
	r = raise_exc(I, PYMM_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer%s%s",
		      objinfo_type_name(&oi), ctx ? " in " : "", ctx ? ctx : "");
	free(oi.s);
	return r;
}

int truth(struct interp *I, const struct value *v, bool *out)
{
	struct objinfo oi;

	if (is_proxy(v)) {
		/* proxy_bool */
		struct value r = vobj(v->h, false);
		int err = proxy_deref(I, &r) ? -1 : truth(I, &r, out);

		vrelease(I, &r);
		return err;
	}
	if (v->kind != V_OBJ) {
		*out = true;
		return 0;
	}
	if (v->h == I->h_true || v->h == I->h_false || is_none_h(I, v->h)) {
		*out = v->h == I->h_true;
		return 0;
	}
	if (obj_read(I, v->h, &oi))
		return -1;
	switch (oi.type) {
	case PYMM_T_INSTANCE:
		free(oi.s);
		return special_truth(I, v->h, out);
	case PYMM_T_NONE: *out = false; break;
	case PYMM_T_BOOL:
	case PYMM_T_INT: *out = oi.i != 0; break;
	case PYMM_T_FLOAT: *out = oi.f != 0; break;
	case PYMM_T_STR:
	case PYMM_T_BYTES:
	case PYMM_T_BYTEARRAY: *out = oi.len != 0; break;
	case PYMM_T_LIST:
	case PYMM_T_TUPLE:
	case PYMM_T_DICT:
	case PYMM_T_SET:
	case PYMM_T_RANGE:
	case PYMM_T_DICTVIEW: {
		struct pymm_op op;

		if (oi.type == PYMM_T_RANGE && oi.i2) {
			*out = true;	/* a range_iterator */
			break;
		}
		pymm_op_init(&op, PYMM_OP_LEN);
		op.arg[0] = v->h;
		if (op1(I, &op) || (op.error && raise_op(I, &op, NULL))) {
			free(oi.s);
			return -1;
		}
		*out = op.ret[0] != 0;
		break;
	}
	default:
		*out = true;
	}
	free(oi.s);
	return 0;
}

/* -------------------------------------------------------------- names */

bool name_is_local(struct interp *I, const char *name)
{
	/* exec(src, d): every name is d's (exec.c) */
	return I->scope && (I->scope->is_exec || scope_is_local(I->scope, name));
}

int load_name(struct interp *I, const char *name, struct value *out)
{
	bool local = name_is_local(I, name);
	/* a class body's LOAD_NAME: its namespace, the globals, the builtins */
	bool cls = I->scope && I->scope->is_class;
	struct pymm_op op;
	int mod, b;

	b = lang_load_name(I, name, out);
	if (b <= 0)
		return b;
	if (scope_is_deref(I->scope, name))
		return deref_load(I, name, out);
	if (cls && !local && nameset_has(&I->scope->frees, name))
		return class_deref_load(I, name, out);
	/* imports live in this process: the heap has no module objects */
	mod = module_index(name);
	if (!local && mod >= 0 && I->imported[mod]) {
		out->kind = V_MODULE;
		out->id = mod;
		out->owned = false;
		return 0;
	}
	b = builtin_lookup(-1, name);
	/* a builtin name the file never binds globally needs no lookup (the
	 * interactive prompt cannot know what later inputs bind) */
	if (!local && b >= 0 && !I->opts.interactive &&
	    !scope_is_local(I->m->mod_scope, name)) {
		out->kind = V_BUILTIN;
		out->id = b;
		return 0;
	}
	if (cls)
		local = false;
	pymm_op_init(&op, PYMM_OP_NAME_LOOKUP);
	op.flags = local ? PYMM_OPF_LOCAL : 0;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1_name(I, &op, name))
		return -1;
	if (op.error) {
		if (op.exc == PYMM_EXC_NAME_ERROR || op.error == -ENOENT) {
			if (local && !I->scope->is_exec)
				return raise_exc(I, EX_UNBOUND_LOCAL,
					"cannot access local variable '%s' where it is not "
					"associated with a value", name);
			if (b >= 0) {
				out->kind = V_BUILTIN;
				out->id = b;
				return 0;
			}
			if (!strcmp(name, "NotImplemented"))
				return notimpl_load(I, out);
			if (!strcmp(name, "Ellipsis"))
				return ellipsis_load(I, out);
			if (!strcmp(name, "object")) {
				/* the heap's `object` (made on first use) */
				pymm_op_init(&op, PYMM_OP_CONST);
				op.arg[0] = PYMM_CONST_OBJECT;
				if (op1_raise(I, &op))
					return -1;
				*out = vobj(op.ret[0], true);
				return 0;
			}
			b = exc_load_builtin(I, name, out);
			if (b <= 0)
				return b;
			if (cpython_has("builtins", name))
				return raise_exc(I, EX_NOT_IMPLEMENTED,
						 "builtin '%s' is not supported by pymm", name);
			return raise_exc(I, PYMM_EXC_NAME_ERROR, "name '%s' is not defined", name);
		}
		return raise_op(I, &op, NULL);
	}
	*out = vobj(op.ret[0], true);
	return 0;
}

int store_name(struct interp *I, const char *name, const struct value *v)
{
	bool local = name_is_local(I, name);
	struct pymm_op op;
	int mod = module_index(name);

	if (scope_is_deref(I->scope, name))
		return deref_store(I, name, v);
	if (I->scope && I->scope->is_class && nameset_has(&I->scope->nonlocals, name))
		return class_deref_store(I, name, v);
	if (mod >= 0 && !local)
		I->imported[mod] = false;
	lang_forget_name(I, name);
	if (need_obj(I, v))
		return -1;
	pymm_op_init(&op, PYMM_OP_NAME_BIND);
	op.flags = local ? PYMM_OPF_LOCAL : 0;
	op.arg[0] = v->h;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1_name(I, &op, name))
		return -1;
	return op.error ? raise_op(I, &op, NULL) : 0;
}

int del_name(struct interp *I, const char *name)
{
	bool local = name_is_local(I, name);
	struct pymm_op op;
	int mod = module_index(name);

	if (scope_is_deref(I->scope, name))
		return deref_del(I, name);
	if (I->scope && I->scope->is_class && nameset_has(&I->scope->nonlocals, name))
		return class_deref_store(I, name, NULL);
	if (mod >= 0 && !local && I->imported[mod]) {
		I->imported[mod] = false;
		return 0;
	}
	if (!local) {
		int n = I->nfroms;

		/* a name only a `from` import bound */
		lang_forget_name(I, name);
		if (I->nfroms < n)
			return 0;
	}
	pymm_op_init(&op, PYMM_OP_NAME_DEL);
	op.flags = local ? PYMM_OPF_LOCAL : 0;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1_name(I, &op, name))
		return -1;
	if (op.error) {
		if (op.exc == PYMM_EXC_NAME_ERROR || op.error == -ENOENT)
			return local && !I->scope->is_exec ? raise_exc(I, EX_UNBOUND_LOCAL,
				"cannot access local variable '%s' where it is not "
				"associated with a value", name) :
				raise_exc(I, PYMM_EXC_NAME_ERROR, "name '%s' is not defined", name);
		return raise_op(I, &op, NULL);
	}
	return 0;
}
