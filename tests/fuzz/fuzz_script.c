// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_script.c - libFuzzer target for pymmctl's script front end: the
 * indentation-aware lexer, the recursive-descent parser, the constant folder
 * and the AST dumper (userspace/script/{lexer,parser,format}.c).
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
	module_free(m);
	return 0;
}
