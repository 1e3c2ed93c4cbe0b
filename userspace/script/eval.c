// SPDX-License-Identifier: GPL-2.0
/*
 * eval.c - the tree-walking evaluator: every Python value lives in the pymm
 * heap; this file holds only handles to them, and only for as long as
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

#include "eval.h"
#include "format.h"

/* ------------------------------------------------------------ exceptions */

enum exc_kind {
	EX_NONE = 0,
	/* 1..PYMM_EXC_MAX-1: as enum pymm_exc */
	EX_UNBOUND_LOCAL = 32,
	EX_MODULE_NOT_FOUND,
	EX_SYSTEM,
	EX_NOT_IMPLEMENTED,
	EX_RUNTIME,
	EX_STOP,		/* internal: unsupported feature at runtime */
};

static const struct {
	const char *name;
	int kind;
	const char *parent;
} exc_table[] = {
	{ "BaseException", -1, NULL },
	{ "Exception", -1, "BaseException" },
	{ "ArithmeticError", -1, "Exception" },
	{ "LookupError", -1, "Exception" },
	{ "RuntimeError", EX_RUNTIME, "Exception" },
	{ "ImportError", -1, "Exception" },
	{ "NameError", PYMM_EXC_NAME_ERROR, "Exception" },
	{ "UnboundLocalError", EX_UNBOUND_LOCAL, "NameError" },
	{ "KeyError", PYMM_EXC_KEY_ERROR, "LookupError" },
	{ "IndexError", PYMM_EXC_INDEX_ERROR, "LookupError" },
	{ "AttributeError", PYMM_EXC_ATTRIBUTE_ERROR, "Exception" },
	{ "TypeError", PYMM_EXC_TYPE_ERROR, "Exception" },
	{ "ValueError", PYMM_EXC_VALUE_ERROR, "Exception" },
	{ "OverflowError", PYMM_EXC_OVERFLOW_ERROR, "ArithmeticError" },
	{ "ZeroDivisionError", PYMM_EXC_ZERO_DIVISION_ERROR, "ArithmeticError" },
	{ "RecursionError", PYMM_EXC_RECURSION_ERROR, "RuntimeError" },
	{ "MemoryError", PYMM_EXC_MEMORY_ERROR, "Exception" },
	{ "ModuleNotFoundError", EX_MODULE_NOT_FOUND, "ImportError" },
	{ "SystemError", EX_SYSTEM, "Exception" },
	{ "NotImplementedError", EX_NOT_IMPLEMENTED, "RuntimeError" },
};

#define NEXC (int)(sizeof(exc_table) / sizeof(exc_table[0]))

static int exc_index_by_name(const char *name)
{
	int i;

	for (i = 0; i < NEXC; i++)
		if (!strcmp(exc_table[i].name, name))
			return i;
	return -1;
}

static const char *exc_kind_name(int kind)
{
	int i;

	for (i = 0; i < NEXC; i++)
		if (exc_table[i].kind == kind)
			return exc_table[i].name;
	return "SystemError";
}

/* Is an exception of `kind` an instance of the class called `name`? */
static bool exc_matches(int kind, const char *name)
{
	const char *n = exc_kind_name(kind);

	while (n) {
		int i = exc_index_by_name(n);

		if (!strcmp(n, name))
			return true;
		n = i >= 0 ? exc_table[i].parent : NULL;
	}
	return false;
}

/* ---------------------------------------------------------------- state */

enum vkind {
	V_NULL,
	V_OBJ,		/* a heap object */
	V_MODULE,	/* gc, sys, weakref */
	V_BUILTIN,	/* a builtin function or module function */
	V_METHOD,	/* list.append & co bound to self */
};

enum { MOD_GC, MOD_SYS, MOD_WEAKREF, NMODS };
static const char *const mod_names[NMODS] = { "gc", "sys", "weakref" };

enum builtin_id {
	B_PRINT, B_LEN, B_ID, B_RANGE, B_REPR, B_STR, B_INT, B_FLOAT, B_BOOL, B_ABS,
	B_LIST, B_TUPLE, B_DICT, B_ISINSTANCE_UNUSED,
	/* sys */
	B_SYS_GETREFCOUNT, B_SYS_GETRECURSIONLIMIT, B_SYS_SETRECURSIONLIMIT,
	/* weakref */
	B_WEAKREF_REF,
	/* gc */
	B_GC_COLLECT, B_GC_ENABLE, B_GC_DISABLE, B_GC_ISENABLED, B_GC_GET_COUNT,
	B_GC_GET_THRESHOLD, B_GC_SET_THRESHOLD, B_GC_FREEZE, B_GC_UNFREEZE,
	B_GC_GET_FREEZE_COUNT, B_GC_IS_TRACKED, B_GC_GET_STATS, B_GC_GET_OBJECTS,
	B_GC_GET_REFERRERS, B_GC_GET_REFERENTS, B_GC_SET_DEBUG, B_GC_GET_DEBUG,
	B_GC_IS_FINALIZED,
	/* methods */
	M_APPEND, M_POP,
	B_MAX,
};

static const struct {
	int mod;		/* -1: builtins, NMODS: method */
	const char *name;
	int id;
} builtin_table[] = {
	{ -1, "print", B_PRINT }, { -1, "len", B_LEN }, { -1, "id", B_ID },
	{ -1, "range", B_RANGE }, { -1, "repr", B_REPR }, { -1, "str", B_STR },
	{ -1, "int", B_INT }, { -1, "float", B_FLOAT }, { -1, "bool", B_BOOL },
	{ -1, "abs", B_ABS }, { -1, "list", B_LIST }, { -1, "tuple", B_TUPLE },
	{ -1, "dict", B_DICT },
	{ MOD_SYS, "getrefcount", B_SYS_GETREFCOUNT },
	{ MOD_SYS, "getrecursionlimit", B_SYS_GETRECURSIONLIMIT },
	{ MOD_SYS, "setrecursionlimit", B_SYS_SETRECURSIONLIMIT },
	{ MOD_WEAKREF, "ref", B_WEAKREF_REF },
	{ MOD_GC, "collect", B_GC_COLLECT }, { MOD_GC, "enable", B_GC_ENABLE },
	{ MOD_GC, "disable", B_GC_DISABLE }, { MOD_GC, "isenabled", B_GC_ISENABLED },
	{ MOD_GC, "get_count", B_GC_GET_COUNT },
	{ MOD_GC, "get_threshold", B_GC_GET_THRESHOLD },
	{ MOD_GC, "set_threshold", B_GC_SET_THRESHOLD },
	{ MOD_GC, "freeze", B_GC_FREEZE }, { MOD_GC, "unfreeze", B_GC_UNFREEZE },
	{ MOD_GC, "get_freeze_count", B_GC_GET_FREEZE_COUNT },
	{ MOD_GC, "is_tracked", B_GC_IS_TRACKED }, { MOD_GC, "get_stats", B_GC_GET_STATS },
	{ MOD_GC, "get_objects", B_GC_GET_OBJECTS },
	{ MOD_GC, "get_referrers", B_GC_GET_REFERRERS },
	{ MOD_GC, "get_referents", B_GC_GET_REFERENTS },
	{ MOD_GC, "set_debug", B_GC_SET_DEBUG }, { MOD_GC, "get_debug", B_GC_GET_DEBUG },
	{ MOD_GC, "is_finalized", B_GC_IS_FINALIZED },
	{ NMODS, "append", M_APPEND }, { NMODS, "pop", M_POP },
};

#define NBUILTINS (int)(sizeof(builtin_table) / sizeof(builtin_table[0]))

struct value {
	enum vkind kind;
	bool owned;		/* V_OBJ: the handle is ours to close */
	uint64_t h;
	int id;			/* V_MODULE / V_BUILTIN / V_METHOD */
	uint64_t self;		/* V_METHOD */
	bool self_owned;
};

struct tb_entry {
	int line;
	const char *func;
};

struct interp {
	struct pymm_conn *conn;
	struct script_opts opts;
	struct module *m;		/* running now */
	FILE *out;

	uint64_t h_none, h_true, h_false;

	/* constants of every module run so far (interactive: several) */
	uint64_t *held;			/* handles to close at the end */
	int nheld, cheld;
	uint64_t *const_h;		/* per slot of the running code's module */

	/* code tokens: defs[token - 1] */
	struct node **defs;
	int ndefs, cdefs;

	bool imported[NMODS];
	struct scope *scope;		/* current def's locals, NULL at module level */
	const char *func;		/* current function name, "<module>" */
	int depth;			/* calls in progress */
	/* sys.setrecursionlimit(): frames, the module's counted (the heap has its own) */
	int recursion_limit;
	int line;			/* line being executed */

	/* current exception */
	int exc;
	char exc_msg[512];
	struct tb_entry *tb;
	int ntb, ctb;

	uint64_t ret;			/* S_RETURN value (owned) */

	/*
	 * The traceback of a propagating exception keeps every frame it left
	 * alive, with their locals, until the exception is handled (or, if
	 * uncaught, until shutdown clears sys.last_traceback).  The heap's
	 * frames are popped at once, so their locals are held here instead:
	 * innermost frame first, each in binding order, as tb_dealloc and
	 * frame_dealloc release them.
	 */
	uint64_t *tbhold;
	int ntbhold, ctbhold;

	/* deferred CLOSEs, sent before the next op */
	struct pymm_op *pending;
	unsigned int npending, cpending;
	struct pymm_op *batch;
	unsigned int cbatch;

	char *obuf;			/* READ_OUTPUT buffer */
	size_t obuf_cap;
};

enum flow { F_NORMAL, F_RETURN, F_BREAK, F_CONTINUE, F_EXC };

#define MAX_DEPTH	1000	/* user-space guard; the heap enforces its own */

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		perror("pymmctl");
		exit(1);
	}
	return p;
}

static int raise_exc(struct interp *I, int kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int raise_exc(struct interp *I, int kind, const char *fmt, ...)
{
	va_list ap;

	I->exc = kind;
	I->ntb = 0;
	va_start(ap, fmt);
	vsnprintf(I->exc_msg, sizeof(I->exc_msg), fmt, ap);
	va_end(ap);
	return -1;
}

static void tb_push(struct interp *I, int line, const char *func)
{
	if (I->ntb == I->ctb) {
		I->ctb = I->ctb ? I->ctb * 2 : 16;
		I->tb = xrealloc(I->tb, I->ctb * sizeof(*I->tb));
	}
	I->tb[I->ntb].line = line;
	I->tb[I->ntb].func = func;
	I->ntb++;
}

/* ------------------------------------------------------------------ ops */

static void trace_op(const struct pymm_op *op)
{
	fprintf(stderr, "pymm: %-14s a=%" PRIx64 ",%" PRIx64 ",%" PRIx64 " len=%u -> err=%d exc=%u ret=%"
		PRIx64 ",%" PRIx64 "%s\n", pymm_op_name(op->code), (uint64_t)op->arg[0],
		(uint64_t)op->arg[1], (uint64_t)op->arg[2], op->data_len, op->error, op->exc,
		(uint64_t)op->ret[0], (uint64_t)op->ret[1],
		op->out_flags & PYMM_OUTF_OUTPUT ? " +output" : "");
}

static int drain_output(struct interp *I);

/*
 * Runs the queued CLOSEs, then ops[0..n-1], in one batch.  Returns 0 when
 * everything ran (each op's result is in the op), -1 with SystemError set
 * when the transport failed or a queued CLOSE was refused.
 */
static int xops(struct interp *I, struct pymm_op *ops, unsigned int n)
{
	unsigned int total = I->npending + n, done = 0, i;
	bool output = false;
	int err;

	if (total == 0)
		return 0;
	if (total > I->cbatch) {
		I->cbatch = total * 2;
		I->batch = xrealloc(I->batch, I->cbatch * sizeof(*I->batch));
	}
	if (I->npending)
		memcpy(I->batch, I->pending, I->npending * sizeof(*I->batch));
	if (n)
		memcpy(I->batch + I->npending, ops, n * sizeof(*ops));
	err = pymm_exec_batch(I->conn, I->batch, total, false, &done);
	for (i = 0; i < done; i++) {
		if (I->opts.trace_ops)
			trace_op(&I->batch[i]);
		if (I->batch[i].out_flags & PYMM_OUTF_OUTPUT)
			output = true;
	}
	if (n)
		memcpy(ops, I->batch + I->npending, n * sizeof(*ops));
	for (i = 0; i < I->npending && i < done; i++)
		if (I->batch[i].error) {
			I->npending = 0;
			return raise_exc(I, EX_SYSTEM, "pymm: closing handle %#" PRIx64 ": %s",
					 (uint64_t)I->batch[i].arg[0],
					 strerror(-I->batch[i].error));
		}
	I->npending = 0;
	if (err)
		return raise_exc(I, EX_SYSTEM, "pymm: %s: %s", pymm_conn_transport(I->conn),
				 strerror(-err));
	if (output && drain_output(I))
		return -1;
	return 0;
}

static int op1(struct interp *I, struct pymm_op *op)
{
	if (xops(I, op, 1))
		return -1;
	return 0;
}

static int flush_pending(struct interp *I)
{
	return I->npending ? xops(I, NULL, 0) : 0;
}

static int drain_output(struct interp *I)
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

static void queue_close(struct interp *I, uint64_t h)
{
	struct pymm_op *op;

	if (I->npending == I->cpending) {
		I->cpending = I->cpending ? I->cpending * 2 : 64;
		I->pending = xrealloc(I->pending, I->cpending * sizeof(*I->pending));
	}
	op = &I->pending[I->npending++];
	pymm_op_init(op, PYMM_OP_CLOSE);
	op->arg[0] = h;
	/* a big queue is sent now: the batch size is bounded */
	if (I->npending >= 1024)
		flush_pending(I);
}

static void vrelease(struct interp *I, struct value *v)
{
	if (v->kind == V_OBJ && v->owned)
		queue_close(I, v->h);
	if (v->kind == V_METHOD && v->self_owned)
		queue_close(I, v->self);
	memset(v, 0, sizeof(*v));
}

static struct value vobj(uint64_t h, bool owned)
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
static int raise_op(struct interp *I, const struct pymm_op *op, const char *what)
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
static int op1_raise(struct interp *I, struct pymm_op *op)
{
	if (op1(I, op))
		return -1;
	return op->error ? raise_op(I, op, NULL) : 0;
}

/* ----------------------------------------------------- object inspection */

struct objinfo {
	uint32_t type;
	int64_t i;
	double f;
	char *s;		/* malloc'd: str/bytes/names */
	size_t len;
};

static int obj_type(struct interp *I, uint64_t h, uint32_t *type)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_TYPE);
	op.arg[0] = h;
	if (op1_raise(I, &op))
		return -1;
	*type = (uint32_t)op.ret[0];
	return 0;
}

/* TYPE and READ in one batch; strings retried with the size the core asks. */
static int obj_read(struct interp *I, uint64_t h, struct objinfo *oi)
{
	size_t cap = 256;

	memset(oi, 0, sizeof(*oi));
	for (;;) {
		struct pymm_op ops[2];
		char *buf = xrealloc(NULL, cap);

		pymm_op_init(&ops[0], PYMM_OP_TYPE);
		ops[0].arg[0] = h;
		pymm_op_init(&ops[1], PYMM_OP_READ);
		ops[1].arg[0] = h;
		pymm_op_set_data(&ops[1], buf, cap);
		if (xops(I, ops, 2)) {
			free(buf);
			return -1;
		}
		if (ops[0].error) {
			free(buf);
			return raise_op(I, &ops[0], NULL);
		}
		oi->type = (uint32_t)ops[0].ret[0];
		if ((ops[1].out_flags & PYMM_OUTF_TRUNC) || ops[1].error == -ENOSPC) {
			free(buf);
			cap = ops[1].data_len > cap ? ops[1].data_len : cap * 4;
			continue;
		}
		if (ops[1].error) {
			free(buf);
			/* containers have nothing to read */
			return 0;
		}
		oi->i = (int64_t)ops[1].ret[0];
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

static uint64_t obj_id(struct interp *I, uint64_t h, int *err)
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
static int obj_items(struct interp *I, uint64_t h, uint64_t **hs, uint32_t *n)
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

static void close_many(struct interp *I, uint64_t *hs, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		queue_close(I, hs[i]);
}

static const char *type_name(uint32_t t)
{
	return pymm_type_name(t);
}

/*
 * op1_raise() for an op on one object (arg[0] = h) whose TypeError CPython
 * words with the object's type name: type_fmt has one %s for it.
 */
static int op1_on_obj(struct interp *I, struct pymm_op *op, uint64_t h, const char *type_fmt)
	__attribute__((format(printf, 4, 0)));
static int op1_on_obj(struct interp *I, struct pymm_op *op, uint64_t h, const char *type_fmt)
{
	uint32_t t = 0;

	op->arg[0] = h;
	if (op1(I, op))
		return -1;
	if (!op->error)
		return 0;
	if (op->exc == PYMM_EXC_TYPE_ERROR && !obj_type(I, h, &t))
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, type_fmt, type_name(t));
	return raise_op(I, op, NULL);
}

/* ------------------------------------------------------------- creation */

static int new_scalar(struct interp *I, uint32_t code, uint64_t arg, const void *data,
		      size_t len, struct value *out)
{
	struct pymm_op op;

	pymm_op_init(&op, code);
	op.arg[0] = arg;
	if (data || code == PYMM_OP_NEW_STR || code == PYMM_OP_NEW_BYTES)
		pymm_op_set_data(&op, data ? data : "", len);
	if (op1_raise(I, &op))
		return -1;
	*out = vobj(op.ret[0], true);
	return 0;
}

static int new_int(struct interp *I, int64_t v, struct value *out)
{
	return new_scalar(I, PYMM_OP_NEW_INT, (uint64_t)v, NULL, 0, out);
}

static int new_float(struct interp *I, double d, struct value *out)
{
	uint64_t bits;

	memcpy(&bits, &d, sizeof(bits));
	return new_scalar(I, PYMM_OP_NEW_FLOAT, bits, NULL, 0, out);
}

static int new_str(struct interp *I, const char *s, size_t n, struct value *out)
{
	return new_scalar(I, PYMM_OP_NEW_STR, 0, s, n, out);
}

static struct value vbool(struct interp *I, bool b)
{
	return vobj(b ? I->h_true : I->h_false, false);
}

static struct value vnone(struct interp *I)
{
	return vobj(I->h_none, false);
}

/* NEW_TUPLE / NEW_LIST / NEW_DICT from handles */
static int new_container(struct interp *I, uint32_t code, const uint64_t *hs, uint32_t n,
			 struct value *out)
{
	struct pymm_op op;
	uint64_t dummy = 0;

	pymm_op_init(&op, code);
	pymm_op_set_data(&op, n ? (const void *)hs : (const void *)&dummy, n * sizeof(uint64_t));
	if (op1(I, &op))
		return -1;
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

static int repr_obj(struct interp *I, uint64_t h, struct strbuf *b, bool as_str,
		    struct repr_state *rs)
{
	struct objinfo oi;
	int err = 0, e2;
	uint64_t id;

	if (obj_read(I, h, &oi))
		return -1;
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
	case PYMM_T_LIST:
	case PYMM_T_TUPLE:
	case PYMM_T_DICT:
		err = repr_container(I, h, oi.type, b, rs);
		break;
	case PYMM_T_CLASS:
		sb_addf(b, "<class '__main__.%s'>", oi.s ? oi.s : "?");
		break;
	case PYMM_T_FUNCTION:
		id = obj_id(I, h, &e2);
		if (e2) {
			err = -1;
			break;
		}
		sb_addf(b, "<function %s at 0x%" PRIx64 ">", oi.s ? oi.s : "?", id);
		break;
	case PYMM_T_INSTANCE:
		id = obj_id(I, h, &e2);
		if (e2) {
			err = -1;
			break;
		}
		sb_addf(b, "<__main__.%s object at 0x%" PRIx64 ">",
			oi.s && oi.len ? oi.s : "object", id);
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
		if (op.ret[0] == 0 || op.ret[0] == I->h_none) {
			sb_addf(b, "<weakref at 0x%" PRIx64 "; dead>", id);
		} else {
			struct objinfo ti;
			uint64_t tid = obj_id(I, op.ret[0], &e2);

			if (!e2 && !obj_read(I, op.ret[0], &ti)) {
				if (ti.type == PYMM_T_NONE)
					sb_addf(b, "<weakref at 0x%" PRIx64 "; dead>", id);
				else
					sb_addf(b, "<weakref at 0x%" PRIx64 "; to '%s' at 0x%"
						PRIx64 ">", id, ti.type == PYMM_T_INSTANCE &&
						ti.s && ti.len ? ti.s : type_name(ti.type), tid);
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

static int value_repr(struct interp *I, const struct value *v, struct strbuf *b, bool as_str)
{
	struct repr_state rs = { 0 };
	int err;

	switch (v->kind) {
	case V_MODULE:
		sb_addf(b, "<module '%s' (built-in)>", mod_names[v->id]);
		return 0;
	case V_BUILTIN:
	case V_METHOD: {
		int i;

		for (i = 0; i < NBUILTINS; i++)
			if (builtin_table[i].id == v->id)
				break;
		if (v->kind == V_METHOD)
			sb_addf(b, "<built-in method %s of list object>", builtin_table[i].name);
		else
			sb_addf(b, "<built-in function %s>", builtin_table[i].name);
		return 0;
	}
	default:
		break;
	}
	err = repr_obj(I, v->h, b, as_str, &rs);
	free(rs.ids);
	return err;
}

/* ------------------------------------------------------------- helpers */

static int need_obj(struct interp *I, const struct value *v)
{
	if (v->kind == V_OBJ)
		return 0;
	return raise_exc(I, EX_NOT_IMPLEMENTED,
			 "pymm keeps modules and builtin functions out of the heap: "
			 "they cannot be stored or operated on");
}

static int read_int(struct interp *I, const struct value *v, int64_t *out, const char *ctx)
{
	struct objinfo oi;

	if (need_obj(I, v) || obj_read(I, v->h, &oi))
		return -1;
	free(oi.s);
	if (oi.type != PYMM_T_INT && oi.type != PYMM_T_BOOL)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "'%s' object cannot be interpreted as an integer%s%s",
				 type_name(oi.type), ctx ? " in " : "", ctx ? ctx : "");
	*out = oi.i;
	return 0;
}

static int truth(struct interp *I, const struct value *v, bool *out)
{
	struct objinfo oi;

	if (v->kind != V_OBJ) {
		*out = true;
		return 0;
	}
	if (v->h == I->h_true || v->h == I->h_false || v->h == I->h_none) {
		*out = v->h == I->h_true;
		return 0;
	}
	if (obj_read(I, v->h, &oi))
		return -1;
	switch (oi.type) {
	case PYMM_T_NONE: *out = false; break;
	case PYMM_T_BOOL:
	case PYMM_T_INT: *out = oi.i != 0; break;
	case PYMM_T_FLOAT: *out = oi.f != 0; break;
	case PYMM_T_STR:
	case PYMM_T_BYTES: *out = oi.len != 0; break;
	case PYMM_T_LIST:
	case PYMM_T_TUPLE:
	case PYMM_T_DICT: {
		struct pymm_op op;

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

static bool name_is_local(struct interp *I, const char *name)
{
	return I->scope && scope_is_local(I->scope, name);
}

static int module_index(const char *name)
{
	int i;

	for (i = 0; i < NMODS; i++)
		if (!strcmp(mod_names[i], name))
			return i;
	return -1;
}

static int builtin_lookup(int mod, const char *name)
{
	int i;

	for (i = 0; i < NBUILTINS; i++)
		if (builtin_table[i].mod == mod && !strcmp(builtin_table[i].name, name))
			return builtin_table[i].id;
	return -1;
}

static int load_name(struct interp *I, const char *name, struct value *out)
{
	bool local = name_is_local(I, name);
	struct pymm_op op;
	int mod, b;

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
	pymm_op_init(&op, PYMM_OP_NAME_LOOKUP);
	op.flags = local ? PYMM_OPF_LOCAL : 0;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1(I, &op))
		return -1;
	if (op.error) {
		if (op.exc == PYMM_EXC_NAME_ERROR || op.error == -ENOENT) {
			if (local)
				return raise_exc(I, EX_UNBOUND_LOCAL,
					"cannot access local variable '%s' where it is not "
					"associated with a value", name);
			if (b >= 0) {
				out->kind = V_BUILTIN;
				out->id = b;
				return 0;
			}
			return raise_exc(I, PYMM_EXC_NAME_ERROR, "name '%s' is not defined", name);
		}
		return raise_op(I, &op, NULL);
	}
	*out = vobj(op.ret[0], true);
	return 0;
}

static int store_name(struct interp *I, const char *name, const struct value *v)
{
	bool local = name_is_local(I, name);
	struct pymm_op op;
	int mod = module_index(name);

	if (mod >= 0 && !local)
		I->imported[mod] = false;
	if (need_obj(I, v))
		return -1;
	pymm_op_init(&op, PYMM_OP_NAME_BIND);
	op.flags = local ? PYMM_OPF_LOCAL : 0;
	op.arg[0] = v->h;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1_raise(I, &op))
		return -1;
	return 0;
}

static int del_name(struct interp *I, const char *name)
{
	bool local = name_is_local(I, name);
	struct pymm_op op;
	int mod = module_index(name);

	if (mod >= 0 && !local && I->imported[mod]) {
		I->imported[mod] = false;
		return 0;
	}
	pymm_op_init(&op, PYMM_OP_NAME_DEL);
	op.flags = local ? PYMM_OPF_LOCAL : 0;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1(I, &op))
		return -1;
	if (op.error) {
		if (op.exc == PYMM_EXC_NAME_ERROR || op.error == -ENOENT)
			return local ? raise_exc(I, EX_UNBOUND_LOCAL,
				"cannot access local variable '%s' where it is not "
				"associated with a value", name) :
				raise_exc(I, PYMM_EXC_NAME_ERROR, "name '%s' is not defined", name);
		return raise_op(I, &op, NULL);
	}
	return 0;
}

/* --------------------------------------------------------- expressions */

static int eval(struct interp *I, struct node *n, struct value *out);
static enum flow exec_block(struct interp *I, struct nvec *body);

static int eval_const(struct interp *I, struct cval *k, struct value *out)
{
	switch (k->kind) {
	case CV_NONE:
		*out = vnone(I);
		return 0;
	case CV_TRUE:
		*out = vbool(I, true);
		return 0;
	case CV_FALSE:
		*out = vbool(I, false);
		return 0;
	default:
		if (k->slot < 0)
			return raise_exc(I, EX_SYSTEM, "pymm: constant without a slot");
		/* borrowed: co_consts keeps it alive */
		*out = vobj(I->const_h[k->slot], false);
		return 0;
	}
}

static int eval_many(struct interp *I, struct nvec *v, struct value *vals)
{
	int i;

	for (i = 0; i < v->n; i++)
		if (eval(I, v->v[i], &vals[i])) {
			while (i--)
				vrelease(I, &vals[i]);
			return -1;
		}
	return 0;
}

static void release_many(struct interp *I, struct value *vals, int n)
{
	int i;

	for (i = 0; i < n; i++)
		vrelease(I, &vals[i]);
}

static int eval_display(struct interp *I, struct node *n, struct value *out)
{
	int cnt = n->kind == N_DICT ? 2 * n->list.n : n->list.n, i, err;
	struct value *vals = calloc(cnt ? cnt : 1, sizeof(*vals));
	uint64_t *hs = calloc(cnt ? cnt : 1, sizeof(*hs));

	if (!vals || !hs) {
		perror("pymmctl");
		exit(1);
	}
	err = 0;
	if (n->kind == N_DICT) {
		/* CPython evaluates key, value, key, value... */
		for (i = 0; i < n->list.n && !err; i++) {
			err = eval(I, n->list.v[i], &vals[2 * i]);
			if (!err) {
				err = eval(I, n->list2.v[i], &vals[2 * i + 1]);
				if (err)
					vrelease(I, &vals[2 * i]);
			}
			if (err)
				release_many(I, vals, 2 * i);
		}
	} else {
		err = eval_many(I, &n->list, vals);
	}
	if (err) {
		free(vals);
		free(hs);
		return -1;
	}
	for (i = 0; i < cnt && !err; i++) {
		err = need_obj(I, &vals[i]);
		hs[i] = vals[i].h;
	}
	if (!err)
		err = new_container(I, n->kind == N_LIST ? PYMM_OP_NEW_LIST :
				    n->kind == N_TUPLE ? PYMM_OP_NEW_TUPLE : PYMM_OP_NEW_DICT,
				    hs, (uint32_t)cnt, out);
	release_many(I, vals, cnt);
	free(vals);
	free(hs);
	return err;
}

static int getitem(struct interp *I, uint64_t c, uint64_t k, struct value *out)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_GETITEM);
	op.arg[0] = c;
	op.arg[1] = k;
	if (op1(I, &op))
		return -1;
	if (op.error) {
		if (op.exc == PYMM_EXC_KEY_ERROR) {
			struct strbuf b = { 0 };
			struct value kv = vobj(k, false);

			if (value_repr(I, &kv, &b, false))
				return -1;
			raise_exc(I, PYMM_EXC_KEY_ERROR, "%s", b.p ? b.p : "");
			sb_free(&b);
			return -1;
		}
		if (op.exc == PYMM_EXC_INDEX_ERROR) {
			uint32_t t = 0;

			obj_type(I, c, &t);
			return raise_exc(I, PYMM_EXC_INDEX_ERROR, "%s index out of range",
					 t == PYMM_T_TUPLE ? "tuple" : "list");
		}
		return raise_op(I, &op, NULL);
	}
	*out = vobj(op.ret[0], true);
	return 0;
}

/* user-space arithmetic for what the core's BINOP does not do */
static int num_of(struct interp *I, const struct value *v, struct objinfo *oi, bool *is_num)
{
	if (need_obj(I, v) || obj_read(I, v->h, oi))
		return -1;
	*is_num = oi->type == PYMM_T_INT || oi->type == PYMM_T_BOOL || oi->type == PYMM_T_FLOAT;
	if (oi->type == PYMM_T_BOOL)
		oi->type = PYMM_T_INT;
	return 0;
}

static const char *op_symbol(int op)
{
	switch (op) {
	case '+': return "+";
	case '-': return "-";
	case '*': return "*";
	case '/': return "/";
	case 'f': return "//";
	case '%': return "%";
	case '^': return "** or pow()";
	}
	return "?";
}

static double py_fmod(double a, double b)
{
	double m = fmod(a, b);

	if (m) {
		if ((b < 0) != (m < 0))
			m += b;
	} else {
		m = copysign(0.0, b);
	}
	return m;
}

static int seq_concat(struct interp *I, uint32_t type, const struct value *a,
		      const struct value *b, int64_t times, struct value *out)
{
	uint64_t *ha = NULL, *hb = NULL, *all;
	uint32_t na = 0, nb = 0, i;
	int64_t t;
	size_t total;
	int err;

	if (obj_items(I, a->h, &ha, &na))
		return -1;
	if (b && obj_items(I, b->h, &hb, &nb)) {
		close_many(I, ha, na);
		free(ha);
		return -1;
	}
	if (times < 0)
		times = 0;
	total = b ? (size_t)na + nb : (size_t)na * (size_t)times;
	if (total > (PYMM_DATA_MAX / 8)) {
		close_many(I, ha, na);
		close_many(I, hb, nb);
		free(ha);
		free(hb);
		return raise_exc(I, PYMM_EXC_MEMORY_ERROR, "sequence too long for one pymm op");
	}
	all = xrealloc(NULL, (total ? total : 1) * sizeof(uint64_t));
	if (b) {
		memcpy(all, ha, na * sizeof(uint64_t));
		if (nb)
			memcpy(all + na, hb, nb * sizeof(uint64_t));
	} else {
		for (t = 0; t < times; t++)
			for (i = 0; i < na; i++)
				all[(size_t)t * na + i] = ha[i];
	}
	err = new_container(I, type == PYMM_T_LIST ? PYMM_OP_NEW_LIST : PYMM_OP_NEW_TUPLE,
			    all, (uint32_t)total, out);
	close_many(I, ha, na);
	close_many(I, hb, nb);
	free(ha);
	free(hb);
	free(all);
	return err;
}

static int binop_user(struct interp *I, int op, const struct value *a, const struct value *b,
		      struct value *out)
{
	struct objinfo x, y;
	bool xn, yn;
	int err = 0;

	if (num_of(I, a, &x, &xn))
		return -1;
	if (num_of(I, b, &y, &yn)) {
		free(x.s);
		return -1;
	}
	if (xn && yn) {
		if (x.type == PYMM_T_INT && y.type == PYMM_T_INT && op == '^' && y.i >= 0) {
			int64_t r = 1, e = y.i, base = x.i;

			/* square and multiply; any overflow is out of range */
			while (e) {
				if ((e & 1) && __builtin_mul_overflow(r, base, &r))
					goto overflow;
				e >>= 1;
				if (e && __builtin_mul_overflow(base, base, &base))
					goto overflow;
			}
			err = new_int(I, r, out);
		} else if (x.type == PYMM_T_INT && y.type == PYMM_T_INT && op != '/' && op != '^') {
			int64_t r, q, m;

			switch (op) {
			case '+':
				if (__builtin_add_overflow(x.i, y.i, &r))
					goto overflow;
				err = new_int(I, r, out);
				break;
			case '-':
				if (__builtin_sub_overflow(x.i, y.i, &r))
					goto overflow;
				err = new_int(I, r, out);
				break;
			case '*':
				if (__builtin_mul_overflow(x.i, y.i, &r))
					goto overflow;
				err = new_int(I, r, out);
				break;
			default:
				if (!y.i) {
					err = raise_exc(I, PYMM_EXC_ZERO_DIVISION_ERROR, "%s",
							op == 'f' ? "integer division or modulo by zero" :
							"integer modulo by zero");
					break;
				}
				if (x.i == INT64_MIN && y.i == -1)
					goto overflow;
				q = x.i / y.i;
				m = x.i % y.i;
				if (m && ((m < 0) != (y.i < 0))) {
					q--;
					m += y.i;
				}
				err = new_int(I, op == 'f' ? q : m, out);
			}
		} else {
			double fx = x.type == PYMM_T_FLOAT ? x.f : (double)x.i;
			double fy = y.type == PYMM_T_FLOAT ? y.f : (double)y.i;

			switch (op) {
			case '+': err = new_float(I, fx + fy, out); break;
			case '-': err = new_float(I, fx - fy, out); break;
			case '*': err = new_float(I, fx * fy, out); break;
			case '^':
				if (fx == 0 && fy < 0)
					err = raise_exc(I, PYMM_EXC_ZERO_DIVISION_ERROR,
							"0.0 cannot be raised to a negative power");
				else if (fx < 0 && fy != floor(fy))
					err = raise_exc(I, EX_NOT_IMPLEMENTED,
							"complex results are not supported by pymm");
				else
					err = new_float(I, pow(fx, fy), out);
				break;
			default:
				if (fy == 0) {
					err = raise_exc(I, PYMM_EXC_ZERO_DIVISION_ERROR, "%s",
							op == '/' ? (x.type == PYMM_T_INT &&
							y.type == PYMM_T_INT ? "division by zero" :
							"float division by zero") :
							op == 'f' ? "float floor division by zero" :
							"float modulo");
					break;
				}
				err = new_float(I, op == '/' ? fx / fy : op == 'f' ?
						floor(fx / fy) : py_fmod(fx, fy), out);
			}
		}
	} else if (op == '+' && x.type == y.type && (x.type == PYMM_T_STR || x.type == PYMM_T_BYTES)) {
		char *s = xrealloc(NULL, x.len + y.len + 1);

		memcpy(s, x.s, x.len);
		memcpy(s + x.len, y.s, y.len);
		err = new_scalar(I, x.type == PYMM_T_STR ? PYMM_OP_NEW_STR : PYMM_OP_NEW_BYTES, 0,
				 s, x.len + y.len, out);
		free(s);
	} else if (op == '*' && (x.type == PYMM_T_STR || x.type == PYMM_T_BYTES) &&
		   y.type == PYMM_T_INT) {
		int64_t t, n = y.i < 0 ? 0 : y.i;
		char *s;

		if (x.len && (uint64_t)n > PYMM_DATA_MAX / x.len) {
			err = raise_exc(I, PYMM_EXC_MEMORY_ERROR, "string too long for one pymm op");
		} else {
			s = xrealloc(NULL, x.len * (size_t)n + 1);
			for (t = 0; t < n; t++)
				memcpy(s + (size_t)t * x.len, x.s, x.len);
			err = new_scalar(I, x.type == PYMM_T_STR ? PYMM_OP_NEW_STR :
					 PYMM_OP_NEW_BYTES, 0, s, x.len * (size_t)n, out);
			free(s);
		}
	} else if (op == '*' && x.type == PYMM_T_INT &&
		   (y.type == PYMM_T_STR || y.type == PYMM_T_BYTES || y.type == PYMM_T_LIST ||
		    y.type == PYMM_T_TUPLE)) {
		free(x.s);
		free(y.s);
		return binop_user(I, op, b, a, out);
	} else if (op == '+' && x.type == y.type && (x.type == PYMM_T_LIST || x.type == PYMM_T_TUPLE)) {
		err = seq_concat(I, x.type, a, b, 0, out);
	} else if (op == '*' && (x.type == PYMM_T_LIST || x.type == PYMM_T_TUPLE) &&
		   y.type == PYMM_T_INT) {
		err = seq_concat(I, x.type, a, NULL, y.i, out);
	} else {
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
				"unsupported operand type(s) for %s: '%s' and '%s'",
				op_symbol(op), type_name(x.type), type_name(y.type));
		if (op == '+' && (x.type == PYMM_T_STR || x.type == PYMM_T_LIST ||
				  x.type == PYMM_T_TUPLE))
			snprintf(I->exc_msg, sizeof(I->exc_msg),
				 "can only concatenate %s (not \"%s\") to %s", type_name(x.type),
				 type_name(y.type), type_name(x.type));
	}
	free(x.s);
	free(y.s);
	return err;
overflow:
	free(x.s);
	free(y.s);
	return raise_exc(I, PYMM_EXC_OVERFLOW_ERROR, "integer result out of pymm's 64-bit range");
}

static int binop(struct interp *I, int op, const struct value *a, const struct value *b,
		 struct value *out)
{
	struct pymm_op o;

	if (need_obj(I, a) || need_obj(I, b))
		return -1;
	if (op == '+' || op == '-' || op == '*') {
		pymm_op_init(&o, PYMM_OP_BINOP);
		o.arg[0] = a->h;
		o.arg[1] = b->h;
		o.arg[2] = op == '+' ? PYMM_BIN_ADD : op == '-' ? PYMM_BIN_SUB : PYMM_BIN_MUL;
		if (op1(I, &o))
			return -1;
		if (!o.error) {
			*out = vobj(o.ret[0], true);
			return 0;
		}
		if (o.exc != PYMM_EXC_TYPE_ERROR && o.error != -EOPNOTSUPP)
			return raise_op(I, &o, o.exc == PYMM_EXC_OVERFLOW_ERROR ?
					"integer result out of pymm's 64-bit range" : NULL);
	}
	/* what the core does not do: true/floor division, modulo, and
	 * whatever this core refuses (floats, sequences) */
	return binop_user(I, op, a, b, out);
}

static int compare_core(struct interp *I, int cmp, const struct value *a,
			const struct value *b, bool *res);

static int contains(struct interp *I, const struct value *item, const struct value *c, bool *res)
{
	struct objinfo oi;

	if (need_obj(I, item) || need_obj(I, c) || obj_read(I, c->h, &oi))
		return -1;
	*res = false;
	if (oi.type == PYMM_T_DICT) {
		struct pymm_op op;

		free(oi.s);
		pymm_op_init(&op, PYMM_OP_GETITEM);
		op.arg[0] = c->h;
		op.arg[1] = item->h;
		if (op1(I, &op))
			return -1;
		if (!op.error) {
			queue_close(I, op.ret[0]);
			*res = true;
			return 0;
		}
		if (op.exc == PYMM_EXC_KEY_ERROR)
			return 0;
		return raise_op(I, &op, NULL);
	}
	if (oi.type == PYMM_T_LIST || oi.type == PYMM_T_TUPLE) {
		uint64_t *hs;
		uint32_t n, i;
		int err = 0;

		free(oi.s);
		if (obj_items(I, c->h, &hs, &n))
			return -1;
		for (i = 0; i < n && !err && !*res; i++) {
			struct value e = vobj(hs[i], false);
			bool same = false;

			err = compare_core(I, PYMM_CMP_IS, item, &e, &same);
			if (!err && !same)
				err = compare_core(I, PYMM_CMP_EQ, &e, item, &same);
			*res = same;
		}
		close_many(I, hs, n);
		free(hs);
		return err;
	}
	if (oi.type == PYMM_T_STR || oi.type == PYMM_T_BYTES) {
		struct objinfo ii;
		int err = 0;

		if (obj_read(I, item->h, &ii)) {
			free(oi.s);
			return -1;
		}
		if (ii.type != oi.type)
			err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "'in <%s>' requires %s as left operand, not %s",
					type_name(oi.type), type_name(oi.type), type_name(ii.type));
		else
			*res = ii.len == 0 || (oi.len >= ii.len &&
				memmem(oi.s, oi.len, ii.s, ii.len) != NULL);
		free(ii.s);
		free(oi.s);
		return err;
	}
	free(oi.s);
	return raise_exc(I, PYMM_EXC_TYPE_ERROR, "argument of type '%s' is not iterable",
			 type_name(oi.type));
}

static int compare_core(struct interp *I, int cmp, const struct value *a,
			const struct value *b, bool *res)
{
	struct pymm_op op;
	/* ast.h's CMP_EQ..CMP_IS_NOT are numbered as PYMM_CMP_* */
	int code = cmp;

	_Static_assert((int)CMP_EQ == (int)PYMM_CMP_EQ && (int)CMP_IS_NOT == (int)PYMM_CMP_IS_NOT &&
		       (int)CMP_LT == (int)PYMM_CMP_LT && (int)CMP_GE == (int)PYMM_CMP_GE,
		       "cmp numbering");
	if (a->kind != V_OBJ || b->kind != V_OBJ) {
		bool same = a->kind == b->kind && a->id == b->id && a->h == b->h;

		if (code == PYMM_CMP_IS || code == PYMM_CMP_EQ) {
			*res = same;
			return 0;
		}
		if (code == PYMM_CMP_IS_NOT || code == PYMM_CMP_NE) {
			*res = !same;
			return 0;
		}
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "builtins cannot be ordered");
	}
	pymm_op_init(&op, PYMM_OP_COMPARE);
	op.arg[0] = a->h;
	op.arg[1] = b->h;
	op.arg[2] = (uint64_t)code;
	if (op1(I, &op))
		return -1;
	if (op.error) {
		if (op.exc == PYMM_EXC_TYPE_ERROR) {
			struct objinfo x, y;
			static const char *const sym[] = {
				[PYMM_CMP_LT] = "<", [PYMM_CMP_LE] = "<=", [PYMM_CMP_GT] = ">",
				[PYMM_CMP_GE] = ">=", [PYMM_CMP_EQ] = "==", [PYMM_CMP_NE] = "!=",
				[PYMM_CMP_IS] = "is", [PYMM_CMP_IS_NOT] = "is not",
			};

			if (obj_read(I, a->h, &x))
				return -1;
			if (obj_read(I, b->h, &y)) {
				free(x.s);
				return -1;
			}
			free(x.s);
			free(y.s);
			return raise_exc(I, PYMM_EXC_TYPE_ERROR,
					 "'%s' not supported between instances of '%s' and '%s'",
					 code < PYMM_CMP_MAX ? sym[code] : "?", type_name(x.type),
					 type_name(y.type));
		}
		return raise_op(I, &op, NULL);
	}
	*res = op.ret[0] != 0;
	return 0;
}

static int compare(struct interp *I, int cmp, const struct value *a, const struct value *b,
		   bool *res)
{
	if (cmp == CMP_IN || cmp == CMP_NOT_IN) {
		if (contains(I, a, b, res))
			return -1;
		if (cmp == CMP_NOT_IN)
			*res = !*res;
		return 0;
	}
	return compare_core(I, cmp, a, b, res);
}

/* a < b < c: b evaluated once, short-circuit; result is the bool */
static int eval_compare_truth(struct interp *I, struct node *n, bool *res)
{
	struct value left, right;
	int i;

	if (eval(I, n->a, &left))
		return -1;
	for (i = 0; i < n->list.n; i++) {
		if (eval(I, n->list.v[i], &right)) {
			vrelease(I, &left);
			return -1;
		}
		if (compare(I, n->ops[i], &left, &right, res)) {
			vrelease(I, &left);
			vrelease(I, &right);
			return -1;
		}
		vrelease(I, &left);
		left = right;
		if (!*res)
			break;
	}
	vrelease(I, &left);
	return 0;
}

static int eval_truth(struct interp *I, struct node *n, bool *res)
{
	struct value v;
	int i, err;

	switch (n->kind) {
	case N_COMPARE:
		return eval_compare_truth(I, n, res);
	case N_UNARY:
		if (n->op == '!') {
			if (eval_truth(I, n->a, res))
				return -1;
			*res = !*res;
			return 0;
		}
		break;
	case N_BOOLOP:
		for (i = 0; i < n->list.n; i++) {
			if (eval_truth(I, n->list.v[i], res))
				return -1;
			if (n->op == '&' ? !*res : *res)
				return 0;
		}
		return 0;
	default:
		break;
	}
	if (eval(I, n, &v))
		return -1;
	err = truth(I, &v, res);
	vrelease(I, &v);
	return err;
}

static int call(struct interp *I, struct value *fn, struct value *args, int nargs,
		struct node *callnode, struct value *out);

static int eval_call(struct interp *I, struct node *n, struct value *out)
{
	struct value fn = { 0 }, *args;
	int nargs = n->list.n, err;

	if (n->a->kind == N_ATTR) {
		/* LOAD_METHOD: no bound-method object, self rides along */
		struct value self;

		if (eval(I, n->a->a, &self))
			return -1;
		if (self.kind == V_MODULE) {
			int b = builtin_lookup(self.id, n->a->str);

			if (b < 0) {
				vrelease(I, &self);
				return raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR,
						 "module '%s' has no attribute '%s'%s",
						 mod_names[self.id], n->a->str,
						 " (or pymm does not support it)");
			}
			fn.kind = V_BUILTIN;
			fn.id = b;
		} else if (self.kind == V_OBJ && (!strcmp(n->a->str, "append") ||
						  !strcmp(n->a->str, "pop"))) {
			uint32_t t;

			if (obj_type(I, self.h, &t)) {
				vrelease(I, &self);
				return -1;
			}
			if (t != PYMM_T_LIST) {
				vrelease(I, &self);
				return raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR,
						 "'%s' object has no attribute '%s'", type_name(t),
						 n->a->str);
			}
			fn.kind = V_METHOD;
			fn.id = builtin_lookup(NMODS, n->a->str);
			fn.self = self.h;
			fn.self_owned = self.owned;
		} else {
			struct pymm_op op;

			if (need_obj(I, &self)) {
				vrelease(I, &self);
				return -1;
			}
			pymm_op_init(&op, PYMM_OP_GETATTR);
			op.arg[0] = self.h;
			pymm_op_set_data(&op, n->a->str, strlen(n->a->str));
			err = op1(I, &op);
			if (!err && op.error) {
				uint32_t t = 0;

				obj_type(I, self.h, &t);
				err = raise_exc(I, op.exc ? (int)op.exc : PYMM_EXC_ATTRIBUTE_ERROR,
						"'%s' object has no attribute '%s'",
						t == PYMM_T_INSTANCE ? "object" : type_name(t), n->a->str);
			}
			vrelease(I, &self);
			if (err)
				return -1;
			fn = vobj(op.ret[0], true);
		}
	} else if (eval(I, n->a, &fn)) {
		return -1;
	}
	args = calloc(nargs + n->list2.n + 1, sizeof(*args));
	if (!args) {
		perror("pymmctl");
		exit(1);
	}
	err = eval_many(I, &n->list, args);
	if (!err) {
		err = eval_many(I, &n->list2, args + nargs);
		if (err)
			release_many(I, args, nargs);
	}
	if (err) {
		vrelease(I, &fn);
		free(args);
		return -1;
	}
	err = call(I, &fn, args, nargs, n, out);
	/* arguments a user function took over are already V_NULL */
	release_many(I, args, nargs + n->list2.n);
	vrelease(I, &fn);
	free(args);
	return err;
}

static int eval_attr(struct interp *I, struct node *n, struct value *out)
{
	struct value obj;
	struct pymm_op op;
	int err;

	if (eval(I, n->a, &obj))
		return -1;
	if (obj.kind == V_MODULE) {
		int b = builtin_lookup(obj.id, n->str);

		if (b >= 0) {
			out->kind = V_BUILTIN;
			out->id = b;
			return 0;
		}
		if (obj.id == MOD_GC && !strcmp(n->str, "garbage")) {
			uint64_t *hs = NULL;
			uint32_t cnt = 0;
			size_t cap = 64;

			for (;;) {
				hs = xrealloc(hs, cap * sizeof(uint64_t));
				pymm_op_init(&op, PYMM_OP_GC_GARBAGE);
				pymm_op_set_data(&op, hs, cap * sizeof(uint64_t));
				if (op1(I, &op)) {
					free(hs);
					return -1;
				}
				if (op.out_flags & PYMM_OUTF_TRUNC || op.error == -ENOSPC) {
					cap = op.data_len / 8 > cap ? op.data_len / 8 : cap * 4;
					continue;
				}
				break;
			}
			if (op.error) {
				free(hs);
				return raise_op(I, &op, "gc.garbage");
			}
			cnt = (uint32_t)op.ret[0];
			err = new_container(I, PYMM_OP_NEW_LIST, hs, cnt, out);
			close_many(I, hs, cnt);
			free(hs);
			return err;
		}
		if (obj.id == MOD_GC && !strncmp(n->str, "DEBUG_", 6)) {
			static const struct { const char *n; int v; } dbg[] = {
				{ "DEBUG_STATS", PYMM_GC_DEBUG_STATS },
				{ "DEBUG_COLLECTABLE", PYMM_GC_DEBUG_COLLECTABLE },
				{ "DEBUG_UNCOLLECTABLE", PYMM_GC_DEBUG_UNCOLLECTABLE },
				{ "DEBUG_SAVEALL", PYMM_GC_DEBUG_SAVEALL },
				{ "DEBUG_LEAK", PYMM_GC_DEBUG_COLLECTABLE |
					PYMM_GC_DEBUG_UNCOLLECTABLE | PYMM_GC_DEBUG_SAVEALL },
			};
			unsigned int i;

			for (i = 0; i < sizeof(dbg) / sizeof(dbg[0]); i++)
				if (!strcmp(dbg[i].n, n->str))
					return new_int(I, dbg[i].v, out);
		}
		return raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "module '%s' has no attribute '%s'",
				 mod_names[obj.id], n->str);
	}
	if (need_obj(I, &obj)) {
		vrelease(I, &obj);
		return -1;
	}
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = obj.h;
	pymm_op_set_data(&op, n->str, strlen(n->str));
	err = op1(I, &op);
	if (!err && op.error) {
		if (op.exc == PYMM_EXC_ATTRIBUTE_ERROR || op.error == -ENOENT) {
			struct objinfo oi;

			if (!obj_read(I, obj.h, &oi)) {
				if (oi.type == PYMM_T_CLASS)
					err = raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR,
							"type object '%s' has no attribute '%s'",
							oi.s ? oi.s : "?", n->str);
				else
					err = raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR,
							"'%s' object has no attribute '%s'",
							oi.type == PYMM_T_INSTANCE && oi.s && oi.len ?
							oi.s : type_name(oi.type), n->str);
				free(oi.s);
			} else {
				err = -1;
			}
		} else {
			err = raise_op(I, &op, NULL);
		}
	}
	vrelease(I, &obj);
	if (err)
		return -1;
	*out = vobj(op.ret[0], true);
	return 0;
}

static int eval(struct interp *I, struct node *n, struct value *out)
{
	struct value a, b;
	int err, i;
	bool res;

	memset(out, 0, sizeof(*out));
	switch (n->kind) {
	case N_CONST:
		return eval_const(I, n->k, out);
	case N_NAME:
		return load_name(I, n->str, out);
	case N_ATTR:
		return eval_attr(I, n, out);
	case N_SUBSCR:
		if (eval(I, n->a, &a))
			return -1;
		if (eval(I, n->b, &b)) {
			vrelease(I, &a);
			return -1;
		}
		err = need_obj(I, &a) || need_obj(I, &b) ? -1 : getitem(I, a.h, b.h, out);
		vrelease(I, &a);
		vrelease(I, &b);
		return err;
	case N_CALL:
		return eval_call(I, n, out);
	case N_BINOP:
		if (eval(I, n->a, &a))
			return -1;
		if (eval(I, n->b, &b)) {
			vrelease(I, &a);
			return -1;
		}
		err = binop(I, n->op, &a, &b, out);
		vrelease(I, &a);
		vrelease(I, &b);
		return err;
	case N_UNARY:
		if (n->op == '!') {
			if (eval_truth(I, n->a, &res))
				return -1;
			*out = vbool(I, !res);
			return 0;
		}
		if (eval(I, n->a, &a))
			return -1;
		{
			struct objinfo oi;
			bool num;

			err = num_of(I, &a, &oi, &num);
			if (!err && !num)
				err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "bad operand type for unary %c: '%s'",
						n->op, type_name(oi.type));
			else if (!err && oi.type == PYMM_T_FLOAT)
				err = new_float(I, n->op == '-' ? -oi.f : oi.f, out);
			else if (!err && n->op == '-' && oi.i == INT64_MIN)
				err = raise_exc(I, PYMM_EXC_OVERFLOW_ERROR,
						"integer result out of pymm's 64-bit range");
			else if (!err)
				err = new_int(I, n->op == '-' ? -oi.i : oi.i, out);
			free(oi.s);
		}
		vrelease(I, &a);
		return err;
	case N_BOOLOP:
		/* the value of `a or b` is an operand, not a bool */
		for (i = 0; i < n->list.n; i++) {
			if (eval(I, n->list.v[i], &a))
				return -1;
			if (i == n->list.n - 1) {
				*out = a;
				return 0;
			}
			if (truth(I, &a, &res)) {
				vrelease(I, &a);
				return -1;
			}
			if (n->op == '&' ? !res : res) {
				*out = a;
				return 0;
			}
			vrelease(I, &a);
		}
		return 0;
	case N_COMPARE:
		if (eval_compare_truth(I, n, &res))
			return -1;
		*out = vbool(I, res);
		return 0;
	case N_LIST:
	case N_TUPLE:
	case N_DICT:
		return eval_display(I, n, out);
	case N_IFEXP:
		if (eval_truth(I, n->a, &res))
			return -1;
		return eval(I, res ? n->b : n->c, out);
	default:
		return raise_exc(I, EX_SYSTEM, "pymm: cannot evaluate node kind %d", n->kind);
	}
}

/* ------------------------------------------------------------- calling */

static struct node *def_of_token(struct interp *I, uint64_t token)
{
	if (token == 0 || token > (uint64_t)I->ndefs)
		return NULL;
	return I->defs[token - 1];
}

static int names_list(struct interp *I, bool local, char **buf, uint32_t *len,
		      uint32_t *count);

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
static void release_tbhold(struct interp *I, int base)
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
	/* 3.11's limit counts every frame, the module's too */
	if (I->depth + 1 >= I->recursion_limit)
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

static int gc_list_op(struct interp *I, uint32_t code, uint64_t arg0, struct value *out)
{
	size_t cap = 256;
	uint64_t *hs = NULL;
	struct pymm_op op;
	int err;

	for (;;) {
		hs = xrealloc(hs, cap * sizeof(uint64_t));
		pymm_op_init(&op, code);
		op.arg[0] = arg0;
		pymm_op_set_data(&op, hs, cap * sizeof(uint64_t));
		if (op1(I, &op)) {
			free(hs);
			return -1;
		}
		if ((op.out_flags & PYMM_OUTF_TRUNC) || op.error == -ENOSPC) {
			cap = op.data_len / 8 > cap ? op.data_len / 8 : cap * 4;
			continue;
		}
		break;
	}
	if (op.error) {
		free(hs);
		return raise_op(I, &op, pymm_op_name(code));
	}
	err = new_container(I, PYMM_OP_NEW_LIST, hs, (uint32_t)op.ret[0], out);
	close_many(I, hs, (uint32_t)op.ret[0]);
	free(hs);
	return err;
}

static int gc_triple(struct interp *I, uint32_t code, struct value *out)
{
	uint64_t v[3] = { 0 }, hs[3];
	struct value iv[3];
	struct pymm_op op;
	int i, err;

	pymm_op_init(&op, code);
	pymm_op_set_data(&op, v, sizeof(v));
	if (op1(I, &op))
		return -1;
	if (op.error)
		return raise_op(I, &op, pymm_op_name(code));
	for (i = 0; i < 3; i++) {
		if (new_int(I, (int64_t)v[i], &iv[i])) {
			release_many(I, iv, i);
			return -1;
		}
		hs[i] = iv[i].h;
	}
	err = new_container(I, PYMM_OP_NEW_TUPLE, hs, 3, out);
	release_many(I, iv, 3);
	return err;
}

static int gc_stats(struct interp *I, struct value *out)
{
	struct pymm_gc_gen_stats st[3];
	static const char *const keys[3] = { "collections", "collected", "uncollectable" };
	struct value dicts[3], kv[6];
	uint64_t hs[6], dh[3];
	struct pymm_op op;
	int g, k, err = 0;

	memset(st, 0, sizeof(st));
	pymm_op_init(&op, PYMM_OP_GC_GET_STATS);
	pymm_op_set_data(&op, st, sizeof(st));
	if (op1(I, &op))
		return -1;
	if (op.error)
		return raise_op(I, &op, "gc.get_stats");
	for (g = 0; g < 3 && !err; g++) {
		uint64_t vals[3] = { st[g].collections, st[g].collected, st[g].uncollectable };

		for (k = 0; k < 3 && !err; k++) {
			err = new_str(I, keys[k], strlen(keys[k]), &kv[2 * k]);
			if (!err) {
				err = new_int(I, (int64_t)vals[k], &kv[2 * k + 1]);
				if (err)
					vrelease(I, &kv[2 * k]);
			}
			if (err)
				release_many(I, kv, 2 * k);
			else {
				hs[2 * k] = kv[2 * k].h;
				hs[2 * k + 1] = kv[2 * k + 1].h;
			}
		}
		if (err) {
			release_many(I, dicts, g);
			return -1;
		}
		err = new_container(I, PYMM_OP_NEW_DICT, hs, 6, &dicts[g]);
		release_many(I, kv, 6);
		if (err) {
			release_many(I, dicts, g);
			return -1;
		}
		dh[g] = dicts[g].h;
	}
	err = new_container(I, PYMM_OP_NEW_LIST, dh, 3, out);
	release_many(I, dicts, 3);
	return err;
}

static int simple_gc_op(struct interp *I, uint32_t code, uint64_t a0, uint64_t a1, uint64_t a2,
			struct pymm_op *op, const char *what)
{
	pymm_op_init(op, code);
	op->arg[0] = a0;
	op->arg[1] = a1;
	op->arg[2] = a2;
	if (op1(I, op))
		return -1;
	if (op->error)
		return raise_op(I, op, what);
	return 0;
}

static int nargs_check(struct interp *I, const char *name, int nargs, int lo, int hi)
{
	if (nargs >= lo && nargs <= hi)
		return 0;
	if (lo == hi && lo == 0)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s() takes no arguments (%d given)",
				 name, nargs);
	if (lo == hi && lo == 1)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "%s() takes exactly one argument (%d given)", name, nargs);
	if (nargs < lo)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s expected at least %d argument%s, got %d",
				 name, lo, lo == 1 ? "" : "s", nargs);
	return raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s expected at most %d argument%s, got %d",
			 name, hi, hi == 1 ? "" : "s", nargs);
}

static int do_print(struct interp *I, struct value *args, int nargs, struct node *cn)
{
	struct strbuf b = { 0 }, sep = { 0 }, end = { 0 };
	int i, k;

	sb_adds(&sep, " ");
	sb_adds(&end, "\n");
	for (k = 0; k < cn->list3.n; k++) {
		const char *kw = cn->list3.v[k]->str;
		struct value *v = &args[nargs + k];
		struct strbuf *dst = !strcmp(kw, "sep") ? &sep : !strcmp(kw, "end") ? &end : NULL;

		if (!strcmp(kw, "flush"))
			continue;
		if (!dst) {
			sb_free(&sep);
			sb_free(&end);
			return raise_exc(I, PYMM_EXC_TYPE_ERROR,
					 "'%s' is an invalid keyword argument for print()", kw);
		}
		if (v->kind == V_OBJ && v->h == I->h_none)
			continue;
		dst->n = 0;
		if (value_repr(I, v, dst, true)) {
			sb_free(&sep);
			sb_free(&end);
			return -1;
		}
	}
	for (i = 0; i < nargs; i++) {
		if (i)
			sb_add(&b, sep.p, sep.n);
		if (value_repr(I, &args[i], &b, true)) {
			sb_free(&b);
			sb_free(&sep);
			sb_free(&end);
			return -1;
		}
	}
	sb_add(&b, end.p, end.n);
	/* closes queued so far may run finalizers: their text comes first */
	if (flush_pending(I)) {
		sb_free(&b);
		sb_free(&sep);
		sb_free(&end);
		return -1;
	}
	fwrite(b.p, 1, b.n, I->out);
	if (I->opts.interactive)
		fflush(I->out);
	sb_free(&b);
	sb_free(&sep);
	sb_free(&end);
	return 0;
}

static int to_number(struct interp *I, const struct value *v, bool want_float,
		     struct value *out, const char *fname)
{
	struct objinfo oi;
	int err = 0;

	if (need_obj(I, v) || obj_read(I, v->h, &oi))
		return -1;
	switch (oi.type) {
	case PYMM_T_BOOL:
	case PYMM_T_INT:
		err = want_float ? new_float(I, (double)oi.i, out) :
		      oi.type == PYMM_T_INT ? (*out = vobj(v->h, false), 0) : new_int(I, oi.i, out);
		if (!err && out->h == v->h && !want_float) {
			/* int(x) of an int is x itself: a new reference */
			struct pymm_op op;

			pymm_op_init(&op, PYMM_OP_DUP);
			op.arg[0] = v->h;
			err = op1(I, &op);
			if (!err && op.error)
				err = raise_op(I, &op, NULL);
			if (!err)
				*out = vobj(op.ret[0], true);
		}
		break;
	case PYMM_T_FLOAT:
		if (want_float) {
			struct pymm_op op;

			pymm_op_init(&op, PYMM_OP_DUP);
			op.arg[0] = v->h;
			err = op1(I, &op);
			if (!err && op.error)
				err = raise_op(I, &op, NULL);
			if (!err)
				*out = vobj(op.ret[0], true);
		} else if (isnan(oi.f) || isinf(oi.f)) {
			err = raise_exc(I, isnan(oi.f) ? PYMM_EXC_VALUE_ERROR : PYMM_EXC_OVERFLOW_ERROR,
					isnan(oi.f) ? "cannot convert float NaN to integer" :
					"cannot convert float infinity to integer");
		} else if (oi.f >= 9223372036854775808.0 || oi.f < -9223372036854775808.0) {
			err = raise_exc(I, PYMM_EXC_OVERFLOW_ERROR,
					"integer result out of pymm's 64-bit range");
		} else {
			err = new_int(I, (int64_t)oi.f, out);
		}
		break;
	case PYMM_T_STR: {
		char *end;
		const char *s = oi.s;

		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		errno = 0;
		if (want_float) {
			double d = strtod(s, &end);

			while (*end == ' ' || *end == '\t' || *end == '\n')
				end++;
			if (end == s || *end)
				err = raise_exc(I, PYMM_EXC_VALUE_ERROR,
						"could not convert string to float: '%s'", oi.s);
			else
				err = new_float(I, d, out);
		} else {
			long long ll = strtoll(s, &end, 10);

			while (*end == ' ' || *end == '\t' || *end == '\n')
				end++;
			if (end == s || *end || errno)
				err = raise_exc(I, PYMM_EXC_VALUE_ERROR,
						"invalid literal for int() with base 10: '%s'", oi.s);
			else
				err = new_int(I, ll, out);
		}
		break;
	}
	default:
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
				"%s() argument must be a string or a real number, not '%s'",
				fname, type_name(oi.type));
	}
	free(oi.s);
	return err;
}

static int call_builtin(struct interp *I, int id, struct value *args, int nargs,
			struct node *cn, struct value *out)
{
	struct pymm_op op;
	int64_t a0 = 0;
	int i;

	if (cn->list3.n && id != B_PRINT)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "keyword arguments are not supported here");
	switch (id) {
	case B_PRINT:
		if (do_print(I, args, nargs, cn))
			return -1;
		*out = vnone(I);
		return 0;
	case B_LEN:
		if (nargs_check(I, "len", nargs, 1, 1) || need_obj(I, &args[0]))
			return -1;
		pymm_op_init(&op, PYMM_OP_LEN);
		if (op1_on_obj(I, &op, args[0].h, "object of type '%s' has no len()"))
			return -1;
		return new_int(I, (int64_t)op.ret[0], out);
	case B_ID: {
		int err;
		uint64_t id;

		if (nargs_check(I, "id", nargs, 1, 1) || need_obj(I, &args[0]))
			return -1;
		id = obj_id(I, args[0].h, &err);
		if (err)
			return -1;
		/* IDs are opaque 64-bit values: as Python ints they only need
		 * to compare equal when the objects are the same */
		return new_int(I, (int64_t)id, out);
	}
	case B_REPR:
	case B_STR: {
		struct strbuf b = { 0 };
		int err;

		if (nargs == 0 && id == B_STR)
			return new_str(I, "", 0, out);
		if (nargs_check(I, id == B_STR ? "str" : "repr", nargs, 1, 1))
			return -1;
		if (value_repr(I, &args[0], &b, id == B_STR)) {
			sb_free(&b);
			return -1;
		}
		err = new_str(I, b.p ? b.p : "", b.n, out);
		sb_free(&b);
		return err;
	}
	case B_INT:
	case B_FLOAT:
		if (nargs == 0)
			return id == B_INT ? new_int(I, 0, out) : new_float(I, 0.0, out);
		if (nargs_check(I, id == B_INT ? "int" : "float", nargs, 1, 1))
			return -1;
		return to_number(I, &args[0], id == B_FLOAT, out, id == B_INT ? "int" : "float");
	case B_BOOL: {
		bool t = false;

		if (nargs_check(I, "bool", nargs, 0, 1))
			return -1;
		if (nargs && truth(I, &args[0], &t))
			return -1;
		*out = vbool(I, t);
		return 0;
	}
	case B_ABS: {
		struct objinfo oi;
		bool num;
		int err;

		if (nargs_check(I, "abs", nargs, 1, 1) || num_of(I, &args[0], &oi, &num))
			return -1;
		if (!num)
			err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "bad operand type for abs(): '%s'",
					type_name(oi.type));
		else if (oi.type == PYMM_T_FLOAT)
			err = new_float(I, fabs(oi.f), out);
		else if (oi.i == INT64_MIN)
			err = raise_exc(I, PYMM_EXC_OVERFLOW_ERROR,
					"integer result out of pymm's 64-bit range");
		else
			err = new_int(I, oi.i < 0 ? -oi.i : oi.i, out);
		free(oi.s);
		return err;
	}
	case B_LIST:
	case B_TUPLE:
	case B_DICT: {
		uint64_t *hs = NULL;
		uint32_t n = 0;
		uint32_t code = id == B_LIST ? PYMM_OP_NEW_LIST : id == B_TUPLE ?
				PYMM_OP_NEW_TUPLE : PYMM_OP_NEW_DICT;
		int err;

		if (nargs_check(I, id == B_LIST ? "list" : id == B_TUPLE ? "tuple" : "dict",
				nargs, 0, 1))
			return -1;
		if (nargs == 0)
			return new_container(I, code, NULL, 0, out);
		if (need_obj(I, &args[0]))
			return -1;
		if (id == B_DICT)
			return raise_exc(I, EX_NOT_IMPLEMENTED, "dict(x) is not supported by pymm");
		if (obj_items(I, args[0].h, &hs, &n))
			return -1;
		err = new_container(I, code, hs, n, out);
		close_many(I, hs, n);
		free(hs);
		return err;
	}
	case B_RANGE:
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "pymm supports range() only as the iterable of a for loop");
	case B_SYS_GETREFCOUNT:
		if (nargs_check(I, "getrefcount", nargs, 1, 1) || need_obj(I, &args[0]))
			return -1;
		pymm_op_init(&op, PYMM_OP_REFCOUNT);
		op.arg[0] = args[0].h;
		if (op1_raise(I, &op))
			return -1;
		/* a borrowed constant still stands for the argument's own
		 * stack reference */
		return new_int(I, (int64_t)op.ret[0] + (args[0].owned ? 0 : 1), out);
	case B_SYS_GETRECURSIONLIMIT:
		if (nargs_check(I, "getrecursionlimit", nargs, 0, 0))
			return -1;
		return new_int(I, I->recursion_limit, out);
	case B_SYS_SETRECURSIONLIMIT:
		/* sys_setrecursionlimit_impl; the builtin's own call is a level (3.11) */
		if (nargs_check(I, "setrecursionlimit", nargs, 1, 1) ||
		    read_int(I, &args[0], &a0, NULL))
			return -1;
		if (a0 < 1)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR,
					 "recursion limit must be greater or equal than 1");
		if (a0 > INT32_MAX)
			return raise_exc(I, PYMM_EXC_OVERFLOW_ERROR,
					 "Python int too large to convert to C int");
		if (I->depth + 2 >= a0)
			return raise_exc(I, PYMM_EXC_RECURSION_ERROR,
					 "cannot set the recursion limit to %d at the recursion depth %d: the limit is too low",
					 (int)a0, I->depth + 2);
		I->recursion_limit = (int)a0;
		*out = vnone(I);
		return 0;
	case B_WEAKREF_REF:
		if (nargs_check(I, "ref", nargs, 1, 1))
			return -1;
		if (need_obj(I, &args[0]))
			return -1;
		pymm_op_init(&op, PYMM_OP_NEW_WEAKREF);
		if (op1_on_obj(I, &op, args[0].h, "cannot create weak reference to '%s' object"))
			return -1;
		*out = vobj(op.ret[0], true);
		return 0;
	case B_GC_COLLECT:
		if (nargs_check(I, "collect", nargs, 0, 1))
			return -1;
		a0 = 2;
		if (nargs && read_int(I, &args[0], &a0, NULL))
			return -1;
		if (a0 < 0 || a0 > 2)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR, "invalid generation");
		if (simple_gc_op(I, PYMM_OP_GC_COLLECT, (uint64_t)a0, 0, 0, &op, "gc.collect"))
			return -1;
		return new_int(I, (int64_t)op.ret[0], out);
	case B_GC_ENABLE:
	case B_GC_DISABLE:
	case B_GC_FREEZE:
	case B_GC_UNFREEZE:
		if (nargs_check(I, "gc function", nargs, 0, 0))
			return -1;
		if (simple_gc_op(I, id == B_GC_ENABLE ? PYMM_OP_GC_ENABLE : id == B_GC_DISABLE ?
				 PYMM_OP_GC_DISABLE : id == B_GC_FREEZE ? PYMM_OP_GC_FREEZE :
				 PYMM_OP_GC_UNFREEZE, 0, 0, 0, &op, NULL))
			return -1;
		*out = vnone(I);
		return 0;
	case B_GC_ISENABLED:
		if (nargs_check(I, "isenabled", nargs, 0, 0) ||
		    simple_gc_op(I, PYMM_OP_GC_ISENABLED, 0, 0, 0, &op, "gc.isenabled"))
			return -1;
		*out = vbool(I, op.ret[0] != 0);
		return 0;
	case B_GC_GET_FREEZE_COUNT:
		if (nargs_check(I, "get_freeze_count", nargs, 0, 0) ||
		    simple_gc_op(I, PYMM_OP_GC_GET_FREEZE_COUNT, 0, 0, 0, &op, "gc.get_freeze_count"))
			return -1;
		return new_int(I, (int64_t)op.ret[0], out);
	case B_GC_GET_DEBUG:
		if (nargs_check(I, "get_debug", nargs, 0, 0) ||
		    simple_gc_op(I, PYMM_OP_GC_GET_DEBUG, 0, 0, 0, &op, "gc.get_debug"))
			return -1;
		return new_int(I, (int64_t)op.ret[0], out);
	case B_GC_SET_DEBUG:
		if (nargs_check(I, "set_debug", nargs, 1, 1) || read_int(I, &args[0], &a0, NULL) ||
		    simple_gc_op(I, PYMM_OP_GC_SET_DEBUG, (uint64_t)a0, 0, 0, &op, "gc.set_debug"))
			return -1;
		*out = vnone(I);
		return 0;
	case B_GC_IS_TRACKED:
	case B_GC_IS_FINALIZED:
		if (nargs_check(I, id == B_GC_IS_TRACKED ? "is_tracked" : "is_finalized", nargs, 1, 1) ||
		    need_obj(I, &args[0]) ||
		    simple_gc_op(I, id == B_GC_IS_TRACKED ? PYMM_OP_GC_IS_TRACKED :
				 PYMM_OP_GC_IS_FINALIZED, args[0].h, 0, 0, &op, NULL))
			return -1;
		*out = vbool(I, op.ret[0] != 0);
		return 0;
	case B_GC_GET_COUNT:
		if (nargs_check(I, "get_count", nargs, 0, 0))
			return -1;
		return gc_triple(I, PYMM_OP_GC_GET_COUNT, out);
	case B_GC_GET_THRESHOLD:
		if (nargs_check(I, "get_threshold", nargs, 0, 0))
			return -1;
		return gc_triple(I, PYMM_OP_GC_GET_THRESHOLD, out);
	case B_GC_SET_THRESHOLD: {
		int64_t t[3] = { 0, 0, 0 };
		struct pymm_op g;

		if (nargs_check(I, "set_threshold", nargs, 1, 3))
			return -1;
		/* the thresholds not given stay as they are */
		if (nargs < 3) {
			uint64_t cur[3] = { 0 };

			pymm_op_init(&g, PYMM_OP_GC_GET_THRESHOLD);
			pymm_op_set_data(&g, cur, sizeof(cur));
			if (op1(I, &g))
				return -1;
			if (g.error)
				return raise_op(I, &g, "gc.set_threshold");
			for (i = 0; i < 3; i++)
				t[i] = (int64_t)cur[i];
		}
		for (i = 0; i < nargs; i++)
			if (read_int(I, &args[i], &t[i], NULL))
				return -1;
		if (simple_gc_op(I, PYMM_OP_GC_SET_THRESHOLD, (uint64_t)t[0], (uint64_t)t[1],
				 (uint64_t)t[2], &op, "gc.set_threshold"))
			return -1;
		*out = vnone(I);
		return 0;
	}
	case B_GC_GET_STATS:
		if (nargs_check(I, "get_stats", nargs, 0, 0))
			return -1;
		return gc_stats(I, out);
	case B_GC_GET_OBJECTS:
		if (nargs_check(I, "get_objects", nargs, 0, 1))
			return -1;
		a0 = -1;
		if (nargs && !(args[0].kind == V_OBJ && args[0].h == I->h_none) &&
		    read_int(I, &args[0], &a0, NULL))
			return -1;
		/* gc_get_objects_impl: -1 is None as well */
		if (a0 >= 3)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR,
					 "generation parameter must be less than the number of available generations (3)");
		if (a0 < -1)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR,
					 "generation parameter cannot be negative");
		return gc_list_op(I, PYMM_OP_GC_GET_OBJECTS, (uint64_t)a0, out);
	case B_GC_GET_REFERRERS:
	case B_GC_GET_REFERENTS:
		if (nargs_check(I, id == B_GC_GET_REFERRERS ? "get_referrers" : "get_referents",
				nargs, 1, 1) || need_obj(I, &args[0]))
			return -1;
		return gc_list_op(I, id == B_GC_GET_REFERRERS ? PYMM_OP_GC_GET_REFERRERS :
				  PYMM_OP_GC_GET_REFERENTS, args[0].h, out);
	default:
		return raise_exc(I, EX_SYSTEM, "pymm: unknown builtin %d", id);
	}
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

static int call(struct interp *I, struct value *fn, struct value *args, int nargs,
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

/* ---------------------------------------------------------- statements */

static int assign(struct interp *I, struct node *t, struct value *v);

static int assign_unpack(struct interp *I, struct node *t, struct value *v)
{
	struct pymm_op op;
	uint64_t want = (uint64_t)t->list.n, i;
	uint32_t type;

	if (need_obj(I, v) || obj_type(I, v->h, &type))
		return -1;
	if (type != PYMM_T_LIST && type != PYMM_T_TUPLE)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "cannot unpack non-iterable %s object",
				 type_name(type));
	pymm_op_init(&op, PYMM_OP_LEN);
	op.arg[0] = v->h;
	if (op1_raise(I, &op))
		return -1;
	if (op.ret[0] > want)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR,
				 "too many values to unpack (expected %" PRIu64 ")", want);
	if (op.ret[0] < want)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR,
				 "not enough values to unpack (expected %" PRIu64 ", got %" PRIu64 ")",
				 want, (uint64_t)op.ret[0]);
	{
		/* UNPACK_SEQUENCE pushes every item before storing the first */
		struct value *items = calloc(want + 1, sizeof(*items));
		int err = 0;

		if (!items) {
			perror("pymmctl");
			exit(1);
		}
		for (i = 0; i < want && !err; i++) {
			struct value k;

			err = new_int(I, (int64_t)i, &k);
			if (!err) {
				err = getitem(I, v->h, k.h, &items[i]);
				vrelease(I, &k);
			}
		}
		for (i = 0; i < want && !err; i++) {
			err = assign(I, t->list.v[i], &items[i]);
			vrelease(I, &items[i]);
		}
		release_many(I, items, (int)want);
		free(items);
		return err;
	}
}

static int assign(struct interp *I, struct node *t, struct value *v)
{
	struct value obj, key;
	struct pymm_op op;
	int err;

	switch (t->kind) {
	case N_NAME:
		return store_name(I, t->str, v);
	case N_ATTR:
		if (need_obj(I, v) || eval(I, t->a, &obj))
			return -1;
		if (need_obj(I, &obj)) {
			vrelease(I, &obj);
			return -1;
		}
		pymm_op_init(&op, PYMM_OP_SETATTR);
		op.arg[0] = obj.h;
		op.arg[1] = v->h;
		pymm_op_set_data(&op, t->str, strlen(t->str));
		err = op1(I, &op);
		if (!err && op.error) {
			uint32_t ty = 0;

			obj_type(I, obj.h, &ty);
			err = raise_op(I, &op, NULL);
			if (op.exc == PYMM_EXC_ATTRIBUTE_ERROR || op.exc == PYMM_EXC_TYPE_ERROR)
				snprintf(I->exc_msg, sizeof(I->exc_msg),
					 "'%s' object has no attribute '%s'", type_name(ty), t->str);
		}
		vrelease(I, &obj);
		return err;
	case N_SUBSCR:
		if (need_obj(I, v) || eval(I, t->a, &obj))
			return -1;
		if (eval(I, t->b, &key)) {
			vrelease(I, &obj);
			return -1;
		}
		err = need_obj(I, &obj) || need_obj(I, &key);
		if (!err) {
			pymm_op_init(&op, PYMM_OP_SETITEM);
			op.arg[0] = obj.h;
			op.arg[1] = key.h;
			op.arg[2] = v->h;
			err = op1(I, &op);
			if (!err && op.error) {
				if (op.exc == PYMM_EXC_INDEX_ERROR)
					err = raise_exc(I, PYMM_EXC_INDEX_ERROR,
							"list assignment index out of range");
				else if (op.exc == PYMM_EXC_TYPE_ERROR) {
					uint32_t ty = 0;

					obj_type(I, obj.h, &ty);
					err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
						ty == PYMM_T_DICT ? "unhashable type" :
						"'%s' object does not support item assignment",
						type_name(ty));
				} else {
					err = raise_op(I, &op, NULL);
				}
			}
		}
		vrelease(I, &obj);
		vrelease(I, &key);
		return err;
	case N_TUPLE:
	case N_LIST:
		return assign_unpack(I, t, v);
	default:
		return raise_exc(I, EX_SYSTEM, "pymm: bad assignment target");
	}
}

static int del_target(struct interp *I, struct node *t)
{
	struct value obj, key;
	struct pymm_op op;
	int err, i;

	switch (t->kind) {
	case N_NAME:
		return del_name(I, t->str);
	case N_ATTR:
		if (eval(I, t->a, &obj))
			return -1;
		if (need_obj(I, &obj)) {
			vrelease(I, &obj);
			return -1;
		}
		pymm_op_init(&op, PYMM_OP_DELATTR);
		op.arg[0] = obj.h;
		pymm_op_set_data(&op, t->str, strlen(t->str));
		err = op1(I, &op);
		if (!err && op.error) {
			uint32_t ty = 0;

			obj_type(I, obj.h, &ty);
			err = raise_op(I, &op, NULL);
			if (op.exc == PYMM_EXC_ATTRIBUTE_ERROR)
				snprintf(I->exc_msg, sizeof(I->exc_msg), "%s", t->str);
		}
		vrelease(I, &obj);
		return err;
	case N_SUBSCR:
		if (eval(I, t->a, &obj))
			return -1;
		if (eval(I, t->b, &key)) {
			vrelease(I, &obj);
			return -1;
		}
		err = need_obj(I, &obj) || need_obj(I, &key);
		if (!err) {
			pymm_op_init(&op, PYMM_OP_DELITEM);
			op.arg[0] = obj.h;
			op.arg[1] = key.h;
			err = op1(I, &op);
			if (!err && op.error) {
				if (op.exc == PYMM_EXC_KEY_ERROR) {
					struct strbuf b = { 0 };

					if (!value_repr(I, &key, &b, false))
						raise_exc(I, PYMM_EXC_KEY_ERROR, "%s", b.p);
					sb_free(&b);
					err = -1;
				} else if (op.exc == PYMM_EXC_INDEX_ERROR) {
					err = raise_exc(I, PYMM_EXC_INDEX_ERROR,
							"list assignment index out of range");
				} else {
					err = raise_op(I, &op, NULL);
				}
			}
		}
		vrelease(I, &obj);
		vrelease(I, &key);
		return err;
	case N_TUPLE:
	case N_LIST:
		for (i = 0; i < t->list.n; i++)
			if (del_target(I, t->list.v[i]))
				return -1;
		return 0;
	default:
		return raise_exc(I, EX_SYSTEM, "pymm: bad del target");
	}
}

static int aug_assign(struct interp *I, struct node *s)
{
	struct node *t = s->a;
	struct value obj = { 0 }, key = { 0 }, cur, rhs, res;
	int err = 0;

	/* load the target once, keeping its container and key */
	if (t->kind == N_NAME) {
		err = load_name(I, t->str, &cur);
	} else if (t->kind == N_ATTR) {
		struct node tmp = *t;

		err = eval(I, t->a, &obj);
		if (!err) {
			/* reuse eval_attr on an already evaluated object */
			struct pymm_op op;

			err = need_obj(I, &obj);
			if (!err) {
				pymm_op_init(&op, PYMM_OP_GETATTR);
				op.arg[0] = obj.h;
				pymm_op_set_data(&op, tmp.str, strlen(tmp.str));
				err = op1(I, &op);
				if (!err && op.error)
					err = raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR,
							"object has no attribute '%s'", tmp.str);
				if (!err)
					cur = vobj(op.ret[0], true);
			}
		}
	} else {
		err = eval(I, t->a, &obj);
		if (!err) {
			err = eval(I, t->b, &key);
			if (!err)
				err = need_obj(I, &obj) || need_obj(I, &key) ? -1 :
				      getitem(I, obj.h, key.h, &cur);
		}
	}
	if (err) {
		vrelease(I, &obj);
		vrelease(I, &key);
		return -1;
	}
	if (eval(I, s->b, &rhs)) {
		vrelease(I, &cur);
		vrelease(I, &obj);
		vrelease(I, &key);
		return -1;
	}
	{
		uint32_t ty = 0;

		/* list += iterable extends in place (INPLACE_ADD keeps identity) */
		err = need_obj(I, &cur) || obj_type(I, cur.h, &ty);
		if (!err && s->op == '+' && ty == PYMM_T_LIST) {
			uint64_t *hs = NULL;
			uint32_t n = 0, i;

			err = need_obj(I, &rhs) || obj_items(I, rhs.h, &hs, &n);
			for (i = 0; !err && i < n; i++) {
				struct pymm_op op;

				pymm_op_init(&op, PYMM_OP_APPEND);
				op.arg[0] = cur.h;
				op.arg[1] = hs[i];
				err = op1(I, &op);
				if (!err && op.error)
					err = raise_op(I, &op, NULL);
			}
			if (hs) {
				close_many(I, hs, n);
				free(hs);
			}
			/* the store still happens, as in CPython */
			res = cur;
			cur.kind = V_NULL;
		} else if (!err) {
			err = binop(I, s->op, &cur, &rhs, &res);
		}
	}
	vrelease(I, &cur);
	vrelease(I, &rhs);
	if (!err) {
		if (t->kind == N_NAME) {
			err = store_name(I, t->str, &res);
		} else if (t->kind == N_ATTR) {
			struct pymm_op op;

			pymm_op_init(&op, PYMM_OP_SETATTR);
			op.arg[0] = obj.h;
			op.arg[1] = res.h;
			pymm_op_set_data(&op, t->str, strlen(t->str));
			err = op1(I, &op);
			if (!err && op.error)
				err = raise_op(I, &op, NULL);
		} else {
			struct pymm_op op;

			pymm_op_init(&op, PYMM_OP_SETITEM);
			op.arg[0] = obj.h;
			op.arg[1] = key.h;
			op.arg[2] = res.h;
			err = op1(I, &op);
			if (!err && op.error)
				err = raise_op(I, &op, NULL);
		}
		vrelease(I, &res);
	}
	vrelease(I, &obj);
	vrelease(I, &key);
	return err;
}

static bool is_range_call(struct interp *I, struct node *n)
{
	return n->kind == N_CALL && n->a->kind == N_NAME && !strcmp(n->a->str, "range") &&
	       !name_is_local(I, "range") && !scope_is_local(I->m->mod_scope, "range");
	/* (at the prompt a later input could rebind range: not supported) */
}

static enum flow exec_for(struct interp *I, struct node *s)
{
	enum flow f = F_NORMAL;
	struct value it;
	int err = 0;

	if (is_range_call(I, s->b)) {
		struct node *cn = s->b;
		int64_t lo = 0, hi = 0, step = 1, v[3] = { 0, 0, 1 }, i;
		struct value args[3];
		int na = cn->list.n, k;

		if (cn->list3.n || na < 1 || na > 3) {
			raise_exc(I, PYMM_EXC_TYPE_ERROR, na > 3 ?
				  "range expected at most 3 arguments, got %d" :
				  "range expected at least 1 argument, got %d", na);
			return F_EXC;
		}
		if (eval_many(I, &cn->list, args))
			return F_EXC;
		for (k = 0; k < na && !err; k++)
			err = read_int(I, &args[k], &v[k], NULL);
		release_many(I, args, na);
		if (err)
			return F_EXC;
		if (na == 1) {
			hi = v[0];
		} else {
			lo = v[0];
			hi = v[1];
			if (na == 3)
				step = v[2];
		}
		if (step == 0) {
			raise_exc(I, PYMM_EXC_VALUE_ERROR, "range() arg 3 must not be zero");
			return F_EXC;
		}
		for (i = lo; step > 0 ? i < hi : i > hi; ) {
			struct value iv;

			if (new_int(I, i, &iv))
				return F_EXC;
			err = assign(I, s->a, &iv);
			vrelease(I, &iv);
			if (err)
				return F_EXC;
			f = exec_block(I, &s->list);
			if (f == F_BREAK || f == F_RETURN || f == F_EXC)
				break;
			f = F_NORMAL;
			if (__builtin_add_overflow(i, step, &i))
				break;
		}
		if (f == F_BREAK)
			return F_NORMAL;
		if (f != F_NORMAL)
			return f;
		return exec_block(I, &s->list2);
	}
	if (eval(I, s->b, &it))
		return F_EXC;
	{
		struct objinfo oi;
		uint64_t *keys = NULL;
		uint32_t nkeys = 0, idx = 0;

		if (need_obj(I, &it) || obj_read(I, it.h, &oi)) {
			vrelease(I, &it);
			return F_EXC;
		}
		if (oi.type == PYMM_T_DICT) {
			if (obj_items(I, it.h, &keys, &nkeys)) {
				free(oi.s);
				vrelease(I, &it);
				return F_EXC;
			}
		} else if (oi.type != PYMM_T_LIST && oi.type != PYMM_T_TUPLE &&
			   oi.type != PYMM_T_STR) {
			raise_exc(I, PYMM_EXC_TYPE_ERROR, "'%s' object is not iterable",
				  type_name(oi.type));
			free(oi.s);
			vrelease(I, &it);
			return F_EXC;
		}
		/* the iterator holds the container, as CPython's does */
		for (;;) {
			struct value item;

			if (oi.type == PYMM_T_DICT) {
				if (idx >= nkeys)
					break;
				item = vobj(keys[idx], true);
				keys[idx] = 0;
			} else if (oi.type == PYMM_T_STR) {
				size_t l = 1;
				unsigned char c;

				if (idx >= oi.len)
					break;
				c = (unsigned char)oi.s[idx];
				if (c >= 0xf0)
					l = 4;
				else if (c >= 0xe0)
					l = 3;
				else if (c >= 0xc0)
					l = 2;
				if (idx + l > oi.len)
					l = oi.len - idx;
				if (new_str(I, oi.s + idx, l, &item)) {
					f = F_EXC;
					break;
				}
				idx += (uint32_t)l - 1;
			} else {
				struct pymm_op op;
				struct value k;

				pymm_op_init(&op, PYMM_OP_LEN);
				op.arg[0] = it.h;
				if (op1(I, &op) || (op.error && raise_op(I, &op, NULL))) {
					f = F_EXC;
					break;
				}
				if (idx >= op.ret[0])
					break;
				if (new_int(I, idx, &k)) {
					f = F_EXC;
					break;
				}
				err = getitem(I, it.h, k.h, &item);
				vrelease(I, &k);
				if (err) {
					f = F_EXC;
					break;
				}
			}
			idx++;
			err = assign(I, s->a, &item);
			vrelease(I, &item);
			if (err) {
				f = F_EXC;
				break;
			}
			f = exec_block(I, &s->list);
			if (f == F_BREAK || f == F_RETURN || f == F_EXC)
				break;
			f = F_NORMAL;
		}
		if (keys) {
			uint32_t k;

			for (k = 0; k < nkeys; k++)
				if (keys[k])
					queue_close(I, keys[k]);
			free(keys);
		}
		free(oi.s);
	}
	vrelease(I, &it);
	if (f == F_BREAK)
		return F_NORMAL;
	if (f != F_NORMAL)
		return f;
	return exec_block(I, &s->list2);
}

static int handler_matches(struct interp *I, struct node *h, bool *match)
{
	int i;

	*match = false;
	if (h->list3.n == 0) {
		*match = true;
		return 0;
	}
	for (i = 0; i < h->list3.n; i++) {
		const char *name = h->list3.v[i]->str;

		if (exc_index_by_name(name) < 0) {
			/* an unknown class name: evaluating it raises NameError */
			raise_exc(I, PYMM_EXC_NAME_ERROR, "name '%s' is not defined", name);
			return -1;
		}
		if (exc_matches(I->exc, name))
			*match = true;
	}
	return 0;
}

static enum flow exec_try(struct interp *I, struct node *s)
{
	int i, base = I->ntbhold;
	enum flow f = exec_block(I, &s->list);

	if (f != F_EXC)
		return f == F_NORMAL ? exec_block(I, &s->list2) : f;
	for (i = 0; i < s->list3.n; i++) {
		struct node *h = s->list3.v[i];
		int saved_exc = I->exc;
		bool match;

		I->line = h->line;
		if (handler_matches(I, h, &match))
			return F_EXC;
		I->exc = saved_exc;
		if (match) {
			I->exc = EX_NONE;
			I->ntb = 0;
			f = exec_block(I, &h->list);
			/* POP_EXCEPT: the exception and its traceback go */
			if (f == F_EXC) {
				int saved = I->exc, ntb = I->ntb;
				char msg[sizeof(I->exc_msg)];

				memcpy(msg, I->exc_msg, sizeof(msg));
				release_tbhold(I, base);
				I->exc = saved;
				I->ntb = ntb;
				memcpy(I->exc_msg, msg, sizeof(msg));
			} else {
				release_tbhold(I, base);
			}
			return f;
		}
	}
	return F_EXC;
}

static enum flow exec_stmt(struct interp *I, struct node *s)
{
	struct value v;
	int err, i;
	bool res;

	I->line = s->line;
	switch (s->kind) {
	case S_EXPR:
		if (s->a->kind == N_CONST)
			return F_NORMAL;	/* the compiler drops these */
		if (eval(I, s->a, &v))
			return F_EXC;
		if (I->opts.interactive && I->depth == 0 &&
		    !(v.kind == V_OBJ && v.h == I->h_none)) {
			struct strbuf b = { 0 };

			err = value_repr(I, &v, &b, false);
			if (!err) {
				sb_adds(&b, "\n");
				err = flush_pending(I);
				if (!err) {
					fwrite(b.p, 1, b.n, I->out);
					fflush(I->out);
				}
			}
			sb_free(&b);
			if (err) {
				vrelease(I, &v);
				return F_EXC;
			}
		}
		vrelease(I, &v);
		return F_NORMAL;
	case S_ASSIGN:
		if (eval(I, s->a, &v))
			return F_EXC;
		err = 0;
		for (i = 0; i < s->list.n && !err; i++)
			err = assign(I, s->list.v[i], &v);
		vrelease(I, &v);
		return err ? F_EXC : F_NORMAL;
	case S_AUGASSIGN:
		return aug_assign(I, s) ? F_EXC : F_NORMAL;
	case S_DEL:
		for (i = 0; i < s->list.n; i++)
			if (del_target(I, s->list.v[i]))
				return F_EXC;
		return F_NORMAL;
	case S_PASS:
	case S_GLOBAL:
		return F_NORMAL;
	case S_BREAK:
		return F_BREAK;
	case S_CONTINUE:
		return F_CONTINUE;
	case S_RETURN:
		if (s->a) {
			if (eval(I, s->a, &v))
				return F_EXC;
			if (need_obj(I, &v)) {
				vrelease(I, &v);
				return F_EXC;
			}
			if (!v.owned) {
				/* a borrowed value needs its own reference to leave */
				struct pymm_op op;

				pymm_op_init(&op, PYMM_OP_DUP);
				op.arg[0] = v.h;
				if (op1(I, &op))
					return F_EXC;
				if (op.error) {
					raise_op(I, &op, NULL);
					return F_EXC;
				}
				v = vobj(op.ret[0], true);
			}
			I->ret = v.h;
		} else {
			I->ret = 0;
		}
		return F_RETURN;
	case S_IMPORT:
		for (i = 0; i < s->list.n; i++) {
			const char *name = s->list.v[i]->str;
			int mod = module_index(name);

			if (mod < 0) {
				raise_exc(I, EX_MODULE_NOT_FOUND, "No module named '%s'", name);
				return F_EXC;
			}
			if (name_is_local(I, name)) {
				raise_exc(I, EX_NOT_IMPLEMENTED,
					  "pymm supports imports at module level only");
				return F_EXC;
			}
			I->imported[mod] = true;
		}
		return F_NORMAL;
	case S_IF:
		if (eval_truth(I, s->a, &res))
			return F_EXC;
		return exec_block(I, res ? &s->list : &s->list2);
	case S_WHILE:
		for (;;) {
			enum flow f;

			I->line = s->line;
			if (eval_truth(I, s->a, &res))
				return F_EXC;
			if (!res)
				return exec_block(I, &s->list2);
			f = exec_block(I, &s->list);
			if (f == F_BREAK)
				return F_NORMAL;
			if (f == F_RETURN || f == F_EXC)
				return f;
		}
	case S_FOR:
		return exec_for(I, s);
	case S_TRY:
		return exec_try(I, s);
	case S_DEF: {
		struct pymm_op op;

		/* the code token names this def; the heap keeps the object */
		if (I->ndefs == I->cdefs) {
			I->cdefs = I->cdefs ? I->cdefs * 2 : 16;
			I->defs = xrealloc(I->defs, I->cdefs * sizeof(*I->defs));
		}
		I->defs[I->ndefs++] = s;
		pymm_op_init(&op, PYMM_OP_NEW_FUNCTION);
		op.arg[0] = (uint64_t)I->ndefs;
		pymm_op_set_data(&op, s->str, strlen(s->str));
		if (op1(I, &op))
			return F_EXC;
		if (op.error) {
			raise_op(I, &op, "def");
			return F_EXC;
		}
		v = vobj(op.ret[0], true);
		err = store_name(I, s->str, &v);
		vrelease(I, &v);
		return err ? F_EXC : F_NORMAL;
	}
	case S_CLASS: {
		struct pymm_op op;
		size_t nl = strlen(s->str), fl = s->fin_text ? strlen(s->fin_text) : 0;
		char *data = xrealloc(NULL, nl + fl + 2);

		memcpy(data, s->str, nl + 1);
		if (s->fin_text && fl)
			memcpy(data + nl + 1, s->fin_text, fl + 1);
		pymm_op_init(&op, PYMM_OP_NEW_CLASS);
		pymm_op_set_data(&op, data, s->fin_text && fl ? nl + 1 + fl : nl);
		err = op1(I, &op);
		free(data);
		if (err)
			return F_EXC;
		if (op.error) {
			raise_op(I, &op, "class");
			return F_EXC;
		}
		v = vobj(op.ret[0], true);
		err = store_name(I, s->str, &v);
		vrelease(I, &v);
		return err ? F_EXC : F_NORMAL;
	}
	default:
		raise_exc(I, EX_SYSTEM, "pymm: cannot execute node kind %d", s->kind);
		return F_EXC;
	}
}

static enum flow exec_block(struct interp *I, struct nvec *body)
{
	int i;

	for (i = 0; i < body->n; i++) {
		enum flow f = exec_stmt(I, body->v[i]);

		if (f != F_NORMAL)
			return f;
	}
	return F_NORMAL;
}

/* ------------------------------------------------------ setup/teardown */

static void hold(struct interp *I, uint64_t h)
{
	if (I->nheld == I->cheld) {
		I->cheld = I->cheld ? I->cheld * 2 : 64;
		I->held = xrealloc(I->held, I->cheld * sizeof(uint64_t));
	}
	I->held[I->nheld++] = h;
}

static uint64_t singleton_h(struct interp *I, const struct cval *k)
{
	return k->kind == CV_NONE ? I->h_none : k->kind == CV_TRUE ? I->h_true : I->h_false;
}

/*
 * Creates the module's constants: one object per slot (tuples after their
 * elements, which the parser registered first), then as many extra handles
 * as CPython would hold references (see parser.c).
 */
static int make_consts(struct interp *I, struct module *m)
{
	int *need = calloc(m->nconsts + 1, sizeof(int));
	struct pymm_op *ops = calloc(m->nconsts + 1, sizeof(*ops));
	int i, b, j, nops = 0, err = 0;

	if (!need || !ops) {
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
			hold(I, ops[i].ret[0]);
		}
		/* handles made after a failure still need closing */
		for (i++; err && i < nops; i++)
			if (!ops[i].error && ops[i].ret[0])
				hold(I, ops[i].ret[0]);
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

			hs[j] = e->kind == CV_NONE || e->kind == CV_TRUE || e->kind == CV_FALSE ?
				singleton_h(I, e) : I->const_h[e->slot];
		}
		err = new_container(I, PYMM_OP_NEW_TUPLE, hs, (uint32_t)k->n, &tv);
		free(hs);
		if (err)
			break;
		I->const_h[i] = tv.h;
		hold(I, tv.h);
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
				hold(I, op.ret[0]);
			if (err)
				break;
		}
		/* a slot nobody holds (impossible today) still keeps its object */
	}
	free(need);
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
	I->recursion_limit = MAX_DEPTH;
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
	struct module *m = I->m;
	int i, repeat = 0;

	fflush(I->out);
	fprintf(stderr, "Traceback (most recent call last):\n");
	/* entries were pushed innermost first */
	for (i = I->ntb - 1; i >= 0; i--) {
		const struct tb_entry *e = &I->tb[i];

		if (i < I->ntb - 1 && e->line == I->tb[i + 1].line &&
		    !strcmp(e->func, I->tb[i + 1].func)) {
			if (++repeat > 2)
				continue;
		} else {
			if (repeat > 2)
				fprintf(stderr, "  [Previous line repeated %d more time%s]\n",
					repeat - 2, repeat - 2 == 1 ? "" : "s");
			repeat = 0;
		}
		fprintf(stderr, "  File \"%s\", line %d, in %s\n", m->filename, e->line, e->func);
		if (e->line >= 1 && e->line <= m->nlines) {
			const char *s = m->lines[e->line - 1], *end = strchr(s, '\n');
			int len = end ? (int)(end - s) : (int)strlen(s);

			while (len && (*s == ' ' || *s == '\t')) {
				s++;
				len--;
			}
			while (len && (s[len - 1] == '\r' || s[len - 1] == ' '))
				len--;
			fprintf(stderr, "    %.*s\n", len, s);
		}
	}
	if (repeat > 2)
		fprintf(stderr, "  [Previous line repeated %d more time%s]\n", repeat - 2,
			repeat - 2 == 1 ? "" : "s");
	if (I->exc == PYMM_EXC_KEY_ERROR || !I->exc_msg[0])
		fprintf(stderr, "%s%s%s\n", exc_kind_name(I->exc), I->exc_msg[0] ? ": " : "",
			I->exc_msg);
	else
		fprintf(stderr, "%s: %s\n", exc_kind_name(I->exc), I->exc_msg);
}

int interp_run(struct interp *I, struct module *m)
{
	enum flow f;

	I->m = m;
	I->scope = NULL;
	I->func = "<module>";
	I->depth = 0;
	I->exc = EX_NONE;
	I->ntb = 0;
	if (make_consts(I, m)) {
		tb_push(I, 1, "<module>");
		print_traceback(I);
		return 1;
	}
	f = exec_block(I, &m->body);
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

static int names_list(struct interp *I, bool local, char **buf, uint32_t *len,
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

int interp_finish(struct interp *I)
{
	int i, rc = 0;

	/* the module's code and the parser's arena go first (run_mod) */
	for (i = 0; i < I->nheld; i++)
		queue_close(I, I->held[i]);
	I->nheld = 0;
	/* shutdown clears sys.last_traceback first: frames of an uncaught
	 * exception go before the globals */
	for (i = 0; i < I->ntbhold; i++)
		queue_close(I, I->tbhold[i]);
	I->ntbhold = 0;
	if (flush_pending(I))
		rc = 1;
	if (!I->opts.keep && !rc) {
		struct pymm_op op;
		bool have_gc;

		/* is there a collector? GC_ISENABLED is side-effect free */
		pymm_op_init(&op, PYMM_OP_GC_ISENABLED);
		have_gc = !op1(I, &op) && op.error != -EOPNOTSUPP;
		I->exc = EX_NONE;
		if (have_gc ? shutdown_globals(I) : shutdown_clear_dict(I)) {
			if (I->exc) {
				I->ntb = 0;
				fflush(I->out);
				fprintf(stderr, "pymmctl: at shutdown: %s: %s\n", exc_kind_name(I->exc),
					I->exc_msg);
				rc = 1;
			}
		}
	}
	flush_pending(I);
	fflush(I->out);
	return rc;
}

void interp_free(struct interp *I)
{
	if (!I)
		return;
	free(I->held);
	free(I->defs);
	free(I->tb);
	free(I->tbhold);
	free(I->pending);
	free(I->batch);
	free(I->obuf);
	free(I);
}

void script_print_syntax_error(const char *filename, const char *src,
			       const struct parse_error *e)
{
	const char *s = src;
	int line = 1;

	fflush(stdout);
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
		if (e->col > indent)
			fprintf(stderr, "    %*s^\n", e->col - 1 - indent, "");
	}
	fprintf(stderr, "%s: %s\n", e->kind ? e->kind : "SyntaxError", e->msg);
}
