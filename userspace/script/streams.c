// SPDX-License-Identifier: GPL-2.0
/*
 * streams.c - sys.stdout and sys.stderr, and the few plain values of sys
 * a script reads (sys.maxsize, sys.platform, sys.byteorder, sys.argv).
 *
 * The two streams are where print() writes; scripts name them for
 * `print(..., file=sys.stderr)` and `sys.stdout.write(s)`.  In CPython each
 * is an io.TextIOWrapper; pymm keeps them out of the heap as it keeps the
 * modules (a V_MODULE value whose id is the stream's method table,
 * BO_STDOUT or BO_STDERR), so using one in place works and storing one is
 * refused as storing a module is.  Writes go where CPython's go: standard
 * output through the interpreter's buffer (finalizers' text first, as
 * print()), standard error at once after flushing standard output.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

static const char *const stream_names[] = { "<stdout>", "<stderr>" };

/* is v sys.stdout (1) or sys.stderr (2)?  0: neither */
int stream_of(const struct value *v)
{
	if (v->kind != V_MODULE)
		return 0;
	return v->id == BO_STDOUT ? 1 : v->id == BO_STDERR ? 2 : 0;
}

/* "<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>" */
void stream_repr(int which, struct strbuf *b)
{
	sb_addf(b, "<_io.TextIOWrapper name='%s' mode='w' encoding='utf-8'>",
		stream_names[which - 1]);
}

/* s (already text) to stream which, in CPython's order with print()'s */
int stream_write(struct interp *I, int which, const char *s, size_t n)
{
	if (which == 1) {
		/* closes queued so far may run finalizers: their text comes first */
		if (flush_pending(I))
			return -1;
		fwrite(s, 1, n, I->out);
		return 0;
	}
	fflush(I->out);
	fwrite(s, 1, n, stderr);
	return 0;
}

/* any other attribute: a TextIOWrapper has it, pymm's stream does not */
int stream_refuse_attr(struct interp *I, int which, const char *name)
{
	return raise_exc(I, EX_NOT_IMPLEMENTED, "sys.%s.%s is not supported by pymm",
			 which == 1 ? "stdout" : "stderr", name);
}

/* TextIOWrapper.write(s): s must be a str; the number of characters */
static int bi_stream_write(BI_ARGS)
{
	struct objinfo oi;
	uint32_t t;
	int64_t chars = 0;
	size_t i;
	int err;

	if (need_obj(I, &args[0]) || obj_type(I, args[0].h, &t))
		return -1;
	if (t != PYMM_T_STR)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "write() argument must be str, not %s",
				 value_class_name(I, args[0].h, t));
	if (obj_read(I, args[0].h, &oi))
		return -1;
	err = stream_write(I, (int)b->op, oi.s, oi.len);
	for (i = 0; i < oi.len; i++)
		chars += ((unsigned char)oi.s[i] & 0xc0) != 0x80;	/* code points */
	free(oi.s);
	return err ? -1 : new_int(I, chars, out);
}

static int bi_stream_flush(BI_ARGS)
{
	fflush(b->op == 1 ? I->out : stderr);
	*out = vnone(I);
	return 0;
}

const struct builtin *const builtins_streams[] = {
	ROW(BO_STDOUT, "write", 1, 1, 0, bi_stream_write, 1),
	ROW(BO_STDOUT, "flush", 0, 0, 0, bi_stream_flush, 1),
	ROW(BO_STDERR, "write", 1, 1, 0, bi_stream_write, 2),
	ROW(BO_STDERR, "flush", 0, 0, 0, bi_stream_flush, 2),
	NULL
};

/* sys.argv: one list for the run, as CPython's, made on first use */
static int sys_argv(struct interp *I, struct value *out)
{
	const char *path = I->m && I->m->filename ? I->m->filename : "";
	struct value s, l;

	if (!I->h_argv) {
		if (new_str(I, path, strlen(path), &s))
			return -1;
		if (new_container(I, PYMM_OP_NEW_LIST, &s.h, 1, &l)) {
			vrelease(I, &s);
			return -1;
		}
		vrelease(I, &s);
		I->h_argv = l.h;	/* held to the end, as the others */
		interp_hold(I, l.h);
	}
	*out = vobj(I->h_argv, false);
	return 0;
}

/*
 * sys.NAME for the names above: 0 made *out, 1 not one of them (the
 * caller goes on to its refusal).
 */
int sys_value_attr(struct interp *I, const char *name, struct value *out)
{
	memset(out, 0, sizeof(*out));
	if (!strcmp(name, "stdout") || !strcmp(name, "__stdout__")) {
		out->kind = V_MODULE;
		out->id = BO_STDOUT;
		return 0;
	}
	if (!strcmp(name, "stderr") || !strcmp(name, "__stderr__")) {
		out->kind = V_MODULE;
		out->id = BO_STDERR;
		return 0;
	}
	if (!strcmp(name, "maxsize"))
		return new_int(I, INT64_MAX, out) ? -1 : 0;
	if (!strcmp(name, "platform"))
		return new_str(I, "linux", 5, out) ? -1 : 0;
	if (!strcmp(name, "byteorder"))
		return new_str(I, "little", 6, out) ? -1 : 0;
	if (!strcmp(name, "argv"))
		return sys_argv(I, out) ? -1 : 0;
	return 1;
}
