/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lexer.h - Python tokens: an indentation-aware tokenizer for the subset.
 */
#ifndef PYMM_SCRIPT_LEXER_H
#define PYMM_SCRIPT_LEXER_H

#include <stddef.h>
#include <stdint.h>

#include "ast.h"

enum tok_kind {
	T_EOF,
	T_NEWLINE,
	T_INDENT,
	T_DEDENT,
	T_NAME,
	T_INT,
	T_FLOAT,
	T_STR,
	T_BYTES,
	T_OP,
	T_FSTR,		/* f-string: decoded text, replacement fields still in it */
};

struct token {
	enum tok_kind kind;
	int line, col;
	int end_line, end_col;	/* just past its last character (col 1-based) */
	char *text;		/* NAME / OP spelling; STR/BYTES decoded value */
	size_t len;		/* STR/BYTES length */
	int64_t i;
	double f;
};

struct token_list {
	struct token *v;
	int n, cap;
};

/* Returns 0, or -1 with *err filled. */
int lex(const char *src, size_t len, struct token_list *out, struct parse_error *err);
void token_list_free(struct token_list *t);

int hexval(int c);

#endif /* PYMM_SCRIPT_LEXER_H */
