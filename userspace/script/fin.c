// SPDX-License-Identifier: GPL-2.0
/*
 * fin.c - code objects and the finalizers the heap hands back.
 *
 * A def makes a code object in the heap (PYMM_OP_NEW_CODE: the def's
 * source text, dedented, with its name, file, first line and argument
 * names) and a function running it (PYMM_OP_MAKE_FUNCTION).  We remember
 * which code object is which def, so that a call of a function we made
 * runs our own tree; a function whose code we did not make (another
 * client's, or the heap's from a run before) is read back
 * (PYMM_OP_CODE_READ), parsed and run the same way.
 *
 * Finalizers and weakref callbacks are Python code the heap cannot run:
 * an op that queued some comes back with PYMM_OUTF_FINALIZERS, and we run
 * them at once, before anything else (run_finalizers()): fetch the newest
 * group, call each (obj.__del__() or callback(wr)), FIN_DONE each.  An
 * exception in one is printed as CPython's "Exception ignored in" and
 * forgotten.  A finalizer's own ops may queue more: those run nested,
 * inside it, as CPython's recursive deallocation runs them.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

struct code_entry {
	uint64_t id;		/* the code object's ID (PYMM_OP_ID) */
	uint64_t h;		/* our handle: keeps the ID the object's */
	struct node *def;
	struct module *own;	/* parsed from the heap's text: ours to free */
};

static void codes_add(struct interp *I, uint64_t id, uint64_t h, struct node *def,
		      struct module *own)
{
	if (I->ncodes == I->ccodes) {
		I->ccodes = I->ccodes ? I->ccodes * 2 : 16;
		I->codes = xrealloc(I->codes, I->ccodes * sizeof(*I->codes));
	}
	I->codes[I->ncodes].id = id;
	I->codes[I->ncodes].h = h;
	I->codes[I->ncodes].def = def;
	I->codes[I->ncodes].own = own;
	I->ncodes++;
}

/*
 * PYMM_CODE_FROM_HEAP=1 (a test aid): our own defs are not used, every
 * function runs from the text its code object keeps, as in a client that
 * did not define it (tests/parity/run --code-from-heap).
 */
static struct node *codes_find(struct interp *I, uint64_t id)
{
	static int from_heap = -1;
	int i;

	if (from_heap < 0) {
		const char *e = getenv("PYMM_CODE_FROM_HEAP");

		from_heap = e && *e == '1';
	}
	for (i = I->ncodes - 1; i >= 0; i--)
		if (I->codes[i].id == id && (!from_heap || I->codes[i].own))
			return I->codes[i].def;
	return NULL;
}

/* at the end: the code objects go; nothing is called any more */
void codes_release(struct interp *I)
{
	int i;

	for (i = 0; i < I->ncodes; i++) {
		if (I->codes[i].h)
			queue_close(I, I->codes[i].h);
		I->codes[i].h = 0;
		I->codes[i].id = 0;
	}
}

void codes_free(struct interp *I)
{
	int i;

	for (i = 0; i < I->ncodes; i++) {
		if (I->codes[i].own) {
			free(I->codes[i].own->owned_filename);
			module_free(I->codes[i].own);
		}
	}
	free(I->codes);
	I->codes = NULL;
	I->ncodes = 0;
}

static void buf_add(char **b, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*b = xrealloc(*b, *cap);
	}
	memcpy(*b + *len, s, n);
	*len += n;
	(*b)[*len] = 0;
}

/* the def's lines, its own indentation removed from each */
static char *def_source(const struct node *def, size_t *len)
{
	const struct module *m = def->def.mod;
	int first = def->line, last = def->def.end_line ? def->def.end_line : def->line, ln;
	size_t cap = 0, indent = 0;
	char *b = NULL;

	*len = 0;
	if (first < 1 || first > m->nlines)
		return xrealloc(NULL, 1);
	if (last > m->nlines)
		last = m->nlines;
	{
		const char *s = m->lines[first - 1];

		while (s[indent] == ' ' || s[indent] == '\t')
			indent++;
	}
	for (ln = first; ln <= last; ln++) {
		const char *s = m->lines[ln - 1], *end = strchr(s, '\n');
		size_t n = end ? (size_t)(end - s) : strlen(s), skip = 0;

		while (skip < indent && skip < n && (s[skip] == ' ' || s[skip] == '\t'))
			skip++;
		buf_add(&b, len, &cap, s + skip, n - skip);
		buf_add(&b, len, &cap, "\n", 1);
	}
	return b;
}

int new_code_function(struct interp *I, struct node *def, struct value *out)
{
	struct pymm_code_info info;
	size_t srclen, flen = strlen(def->def.mod->filename), nlen = strlen(def->def.name), alen = 0;
	char *src = def_source(def, &srclen), *rec, *p;
	struct pymm_op ops[3];
	uint64_t id;
	int i, err;

	for (i = 0; i < def->def.params.n; i++)
		alen += strlen(def->def.params.v[i]->name.id) + 1;
	memset(&info, 0, sizeof(info));
	info.firstlineno = (uint32_t)def->line;
	info.nargs = (uint32_t)def->def.params.n;
	info.name_len = (uint32_t)nlen;
	info.filename_len = (uint32_t)flen;
	info.args_len = (uint32_t)alen;
	info.source_len = (uint32_t)srclen;
	rec = xrealloc(NULL, sizeof(info) + nlen + flen + alen + srclen + 1);
	memcpy(rec, &info, sizeof(info));
	p = rec + sizeof(info);
	memcpy(p, def->def.name, nlen);
	p += nlen;
	memcpy(p, def->def.mod->filename, flen);
	p += flen;
	for (i = 0; i < def->def.params.n; i++) {
		size_t l = strlen(def->def.params.v[i]->name.id) + 1;

		memcpy(p, def->def.params.v[i]->name.id, l);
		p += l;
	}
	memcpy(p, src, srclen);
	free(src);
	pymm_op_init(&ops[0], PYMM_OP_NEW_CODE);
	pymm_op_set_data(&ops[0], rec, sizeof(info) + nlen + flen + alen + srclen);
	err = op1(I, &ops[0]);
	free(rec);
	if (err)
		return -1;
	if (ops[0].error)
		return raise_op(I, &ops[0], "def");
	id = obj_id(I, ops[0].ret[0], &err);
	if (err) {
		queue_close(I, ops[0].ret[0]);
		return -1;
	}
	codes_add(I, id, ops[0].ret[0], def, NULL);
	pymm_op_init(&ops[1], PYMM_OP_MAKE_FUNCTION);
	ops[1].arg[0] = ops[0].ret[0];
	if (op1(I, &ops[1]))
		return -1;
	if (ops[1].error)
		return raise_op(I, &ops[1], "def");
	*out = vobj(ops[1].ret[0], true);
	return 0;
}

/*
 * CODE_READ of a code object or function h: the record into *info, the
 * whole of it (info, then its bytes) into *buf (the caller's to free).
 */
int code_record(struct interp *I, uint64_t h, struct pymm_code_info *info, char **buf)
{
	struct pymm_op op;
	uint32_t cap = 4096;

	*buf = NULL;
	for (;;) {
		*buf = xrealloc(*buf, cap);
		pymm_op_init(&op, PYMM_OP_CODE_READ);
		op.arg[0] = h;
		pymm_op_set_data(&op, *buf, cap);
		if (op1(I, &op))
			break;
		if (op.error == -ENOSPC && op.data_len > cap) {
			cap = op.data_len;
			continue;
		}
		if (op.error || op.data_len < sizeof(*info)) {
			raise_op(I, &op, "reading a function's code");
			break;
		}
		memcpy(info, *buf, sizeof(*info));
		return 0;
	}
	free(*buf);
	*buf = NULL;
	return -1;
}

/* a code object we did not make: its text, parsed here */
static struct node *load_code(struct interp *I, uint64_t fh, uint64_t id)
{
	struct pymm_code_info info;
	struct parse_error pe;
	struct module *m;
	struct pymm_op op;
	char *buf, *fname, *src;
	uint64_t code_h;

	if (code_record(I, fh, &info, &buf))
		return NULL;
	fname = strndup(buf + sizeof(info) + info.name_len, info.filename_len);
	src = buf + sizeof(info) + info.name_len + info.filename_len + info.args_len;
	if (!fname) {
		perror("pymmctl");
		exit(1);
	}
	m = parse_module(fname, src, info.source_len, &pe);
	free(buf);
	if (!m || m->body.n != 1 || m->body.v[0]->kind != S_DEF) {
		if (m)
			module_free(m);
		raise_exc(I, EX_SYSTEM, "pymm: the heap's code of a function does not parse%s%s",
			  m ? "" : ": ", m ? "" : pe.msg);
		free(fname);
		return NULL;
	}
	m->owned_filename = fname;
	{
		uint64_t *saved = I->const_h;
		int err = module_consts(I, m);

		I->const_h = saved;
		if (err) {
			module_free(m);
			return NULL;
		}
	}
	/* hold the code object: its ID stays its own while we remember it */
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = fh;
	pymm_op_set_data(&op, "__code__", 8);
	if (op1(I, &op) || op.error) {
		module_free(m);
		if (!I->exc)
			raise_op(I, &op, "reading a function's code");
		return NULL;
	}
	code_h = op.ret[0];
	codes_add(I, id, code_h, m->body.v[0], m);
	return m->body.v[0];
}

/*
 * The def of a function object read with obj_read(), without parsing or
 * raising: a code object this client made or loaded, else a lambda's token.
 * For names and messages; calls use def_of_function().
 */
struct node *def_of_objinfo(struct interp *I, const struct objinfo *oi)
{
	if (oi->type != PYMM_T_FUNCTION)
		return NULL;
	return oi->i2 ? codes_find(I, oi->i2) : def_of_token(I, (uint64_t)oi->i);
}

/* the def of a code object (its handle h), if this client made or loaded it */
struct node *def_of_code(struct interp *I, uint64_t h)
{
	int err;
	uint64_t id = obj_id(I, h, &err);

	return err ? NULL : codes_find(I, id);
}

struct node *def_of_function(struct interp *I, uint64_t fh, uint64_t code_id)
{
	struct node *def;

	if (!code_id) {
		raise_exc(I, EX_SYSTEM, "pymm: function object without a code object");
		return NULL;
	}
	def = codes_find(I, code_id);
	return def ? def : load_code(I, fh, code_id);
}

/* "<generator object C.gen at 0x...>": its function's __qualname__ */
static int gen_repr(struct interp *I, uint64_t gen, uint64_t func, struct strbuf *b)
{
	struct objinfo oi;
	struct node *def;
	uint64_t id;
	int err = 0;

	id = obj_id(I, gen, &err);
	if (err || obj_read(I, func, &oi))
		return -1;
	def = def_of_objinfo(I, &oi);
	sb_addf(b, "<generator object %s at 0x%" PRIx64 ">",
		def && def->def.qualname ? def->def.qualname : oi.s ? oi.s : "?", id);
	free(oi.s);
	return 0;
}

/*
 * CPython's PyErr_WriteUnraisable for a finalizer's exception: the repr of
 * what was called (h: "<function Res.__del__ at 0x...>", a generator), the
 * traceback of the frames the exception left (I->tb, from the call on),
 * its last line.
 */
static void print_unraisable(struct interp *I, uint64_t h, uint64_t gen_func)
{
	struct value v = vobj(h, false);
	struct exc_saved saved;
	struct strbuf b = { 0 };
	int err;

	fflush(I->out);
	refusal_shown(I);
	/* the repr runs ops: with the exception put aside, then back */
	exc_stash(I, &saved);
	I->exc = EX_NONE;
	err = gen_func ? gen_repr(I, h, gen_func, &b) : value_repr(I, &v, &b, false);
	I->exc = EX_NONE;
	exc_unstash(I, &saved);
	fprintf(stderr, "Exception ignored in: %.*s\n", err ? 1 : (int)b.n, err ? "?" : b.p);
	sb_free(&b);
	exc_print_tb(I, I->tb, I->ntb);
	exc_print_line(I);
}

/*
 * Calls fn (the function whose handle is fh) with args, which the call
 * takes over, where no exception may escape: a finalizer, a weakref or gc
 * callback.  An exception it raises is printed as unraisable and dropped
 * with the frames it held; the exception state around it is kept.
 */
int call_unraisable(struct interp *I, struct value *fn, uint64_t fh, struct value *args,
		    int nargs)
{
	int saved_line = I->line, tbbase = I->ntbhold;
	struct value res = { 0 };
	struct exc_saved saved;
	struct node cn;

	exc_stash(I, &saved);
	memset(&cn, 0, sizeof(cn));
	I->exc = EX_NONE;
	I->ntb = 0;
	if (call(I, fn, args, nargs, &cn, &res)) {
		print_unraisable(I, fh, 0);
		/* the exception is gone once printed, and the frames it held */
		I->exc = EX_NONE;
		release_tbhold(I, tbbase);
	} else {
		vrelease(I, &res);
	}
	exc_unstash(I, &saved);
	I->line = saved_line;
	return 0;
}

#define FIN_BATCH	64

/* FIN_DONE: obj's handle goes; the last item of a paused collection ends it */
static int fin_done(struct interp *I, uint64_t obj)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_FIN_DONE);
	op.arg[0] = obj;
	if (op1(I, &op))
		return -1;
	if (!op.error && op.ret[0]) {
		I->gc_done = true;
		I->gc_result = op.ret[1];
	}
	return 0;
}

/* _PyGen_Finalize: close() of a generator that died suspended */
static int run_gen_close(struct interp *I, const struct pymm_fin_item *it)
{
	int saved_line = I->line, tbbase = I->ntbhold;
	struct exc_saved saved;

	exc_stash(I, &saved);
	I->exc = EX_NONE;
	I->ntb = 0;
	if (gen_close(I, it->obj)) {
		print_unraisable(I, it->obj, it->func);
		I->exc = EX_NONE;
		release_tbhold(I, tbbase);
	}
	queue_close(I, it->func);
	exc_unstash(I, &saved);
	I->line = saved_line;
	return fin_done(I, it->obj);
}

static int run_one(struct interp *I, const struct pymm_fin_item *it)
{
	struct value fn = vobj(it->func, true), arg;
	struct pymm_op op;

	if (it->kind == PYMM_FIN_GEN_CLOSE)
		return run_gen_close(I, it);	/* it closes both handles */
	{
		struct objinfo oi;
		bool foreign;

		/* a lambda another session of this uid made: its code is not ours */
		memset(&oi, 0, sizeof(oi));
		if (obj_read(I, it->func, &oi))
			return -1;
		foreign = oi.type == PYMM_T_FUNCTION && !oi.i2 && !def_of_objinfo(I, &oi);
		free(oi.s);
		if (foreign) {
			fin_skipped_note(I);
			vrelease(I, &fn);
			return fin_done(I, it->obj);
		}
	}
	/* the callee's frame takes over this reference; FIN_DONE closes ours */
	pymm_op_init(&op, PYMM_OP_DUP);
	op.arg[0] = it->obj;
	if (op1(I, &op) || op.error) {
		vrelease(I, &fn);
		return -1;
	}
	arg = vobj(op.ret[0], true);
	call_unraisable(I, &fn, it->func, &arg, 1);
	vrelease(I, &fn);
	/* the object dies now, unless its finalizer resurrected it */
	return fin_done(I, it->obj);
}

int run_finalizers(struct interp *I)
{
	struct pymm_fin_item items[FIN_BATCH];
	bool more = true;

	if (I->fin_depth > MAX_DEPTH)
		return raise_exc(I, PYMM_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
	I->fin_depth++;
	while (more) {
		struct pymm_op op;
		unsigned int done;
		uint32_t i, n;
		int err;

		if (flush_pending(I))
			break;
		pymm_op_init(&op, PYMM_OP_FIN_FETCH);
		pymm_op_set_data(&op, items, sizeof(items));
		err = pymm_exec_batch(I->conn, &op, 1, false, &done);
		if (I->opts.trace_ops)
			trace_op(&op);
		if (err || op.error) {
			I->fin_depth--;
			return raise_exc(I, EX_SYSTEM, "pymm: fetching finalizers: %s",
					 strerror(err ? -err : -op.error));
		}
		n = (uint32_t)op.ret[0];
		more = op.ret[1] != 0;
		for (i = 0; i < n; i++)
			if (run_one(I, &items[i])) {
				I->fin_depth--;
				return -1;
			}
		if (!n)
			break;
	}
	I->fin_depth--;
	return 0;
}

/*
 * For a client that runs no script (`pymmctl gc collect`): the finalizers
 * an op handed over, run by an interpreter of their own whose code comes
 * from the heap.  *done says a collection completed, with *result.
 */
int script_run_finalizers(struct pymm_conn *conn, bool *done, uint64_t *result)
{
	struct script_opts o = { .keep = true };
	struct interp *I = interp_new(conn, &o);
	int i, rc = 0;

	*done = false;
	if (!I)
		return -1;
	/* the code was written where these were imported */
	for (i = 0; i < NMODS; i++)
		I->imported[i] = true;
	if (run_finalizers(I)) {
		fflush(I->out);
		fprintf(stderr, "pymmctl: running finalizers: %s: %s\n", exc_kind_name(I->exc),
			I->exc_msg);
		rc = -1;
	}
	*done = I->gc_done;
	*result = I->gc_result;
	interp_finish(I);
	interp_free(I);
	return rc;
}
