// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_script.c - libFuzzer target for pymmctl's script front end: the
 * indentation-aware lexer, the recursive-descent parser, the constant folder
 * and the AST dumper (userspace/script/{lexer,parser,ast,format}.c).
 *
 * The input is the script text.  A parse either succeeds (then the tree is
 * dumped, which walks every node and formats every constant) or fails with a
 * filled-in error (kind, message, and a line/column inside the text); either
 * way everything is freed, so LeakSanitizer sees any node the error paths
 * drop.  Inputs are capped at 16 KiB: the interesting bugs are structural.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script/ast.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static FILE *sink;

static void check_spans(const struct node *n, int depth);

static void check_vec(const struct nvec *v, int depth)
{
	int i;

	for (i = 0; i < v->n; i++)
		check_spans(v->v[i], depth + 1);
}

struct check_ctx {
	int depth;
};

static int check_child(struct node *child, void *arg)
{
	check_spans(child, ((struct check_ctx *)arg)->depth);
	return 0;
}

/* a node's text span (tracebacks' carets) starts before it ends */
static void check_spans(const struct node *n, int depth)
{
	struct check_ctx ctx;

	if (!n || depth > 10000)
		return;
	if (n->col && (n->span_line < 1 || n->span_end_line < n->span_line ||
		       (n->span_end_line == n->span_line && n->span_end_col <= n->col))) {
		fprintf(stderr, "fuzz_script: span %d:%d-%d:%d\n", n->span_line, n->col,
			n->span_end_line, n->span_end_col);
		abort();
	}
	ctx.depth = depth + 1;
	ast_for_children((struct node *)n, check_child, &ctx);
	if (n->kind == S_DEF)
		check_vec(&n->def.decorators, depth);
	else if (n->kind == S_CLASS)
		check_vec(&n->class_.decorators, depth);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct parse_error err;
	struct module *m;

	if (size > 16384)
		return 0;
	if (!sink)
		sink = fopen("/dev/null", "w");
	memset(&err, 0, sizeof(err));
	m = parse_module("<fuzz>", (const char *)data, size, &err);
	if (!m) {
		if (!err.kind || !err.msg[0] || memchr(err.msg, 0, sizeof(err.msg)) == NULL) {
			fprintf(stderr, "fuzz_script: parse failed without an error\n");
			abort();
		}
		if (err.line < 1 || err.col < 0) {
			fprintf(stderr, "fuzz_script: error position %d:%d\n", err.line, err.col);
			abort();
		}
		return 0;
	}
	if (sink)
		ast_dump(m, sink);
	check_vec(&m->body, 0);
	module_free(m);
	return 0;
}
