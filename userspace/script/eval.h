/* SPDX-License-Identifier: GPL-2.0 */
/*
 * eval.h - runs a parsed script against a pymm heap.
 */
#ifndef PYMM_SCRIPT_EVAL_H
#define PYMM_SCRIPT_EVAL_H

#include <stdbool.h>
#include <stdio.h>

#include "../lib/pymm_client.h"
#include "ast.h"

struct script_opts {
	bool keep;		/* leave globals in the heap (no interpreter shutdown) */
	bool trace_ops;		/* log every op to stderr */
	bool interactive;	/* echo expression values, keep going after errors */
};

struct interp;

struct interp *interp_new(struct pymm_conn *conn, const struct script_opts *o);
/*
 * Runs one module (a file, or one interactive input).  Returns 0, or 1 after
 * an uncaught exception (the traceback is on stderr).
 */
int interp_run(struct interp *I, struct module *m);
/*
 * Interpreter shutdown as CPython does it (unless opts.keep), then releases
 * every handle.  Returns 0, or 1 if shutdown raised.
 */
int interp_finish(struct interp *I);
/*
 * The exit status of a run that ended with rc: 1 if pymm refused anything
 * on the way, even what the script went on past (refusals.c).  Resets the
 * refusal, as the interactive loop runs on.
 */
int refusal_finish(struct interp *I, int rc);
void interp_free(struct interp *I);

/*
 * Runs the finalizers and weakref callbacks an op on conn handed back
 * (PYMM_OUTF_FINALIZERS), parsing their code from the heap: for clients
 * that run no script.  *done: the last one completed a collection, whose
 * result is *result.  0, or -1 (a message on stderr).
 */
int script_run_finalizers(struct pymm_conn *conn, bool *done, uint64_t *result);

/* Prints a parse error the way python3 does. */
void script_print_syntax_error(const char *filename, const char *src,
			       const struct parse_error *e);

#endif /* PYMM_SCRIPT_EVAL_H */
