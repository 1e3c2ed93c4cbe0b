// SPDX-License-Identifier: GPL-2.0
/*
 * lexer.c - turns script text into tokens, the way CPython's tokenizer does
 * for the parts of the language pymm supports.
 *
 * Logical lines end in NEWLINE; inside (), [] and {} and after a backslash,
 * line breaks are ignored.  At the start of each logical line the indentation
 * is compared with a stack of open levels and INDENT / DEDENT tokens are
 * emitted; a dedent to a column that was never opened is an
 * IndentationError, as in Python.  Blank and comment-only lines produce
 * nothing.  String literals are decoded here (escapes, adjacent literals are
 * joined by the parser), so the parser sees values, not spellings.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"

/*
 * CPython 3.11's tokenizer limits (Parser/tokenizer.h): at most 200 open
 * brackets (MAXLEVEL) and 100 indentation levels counting column 0
 * (MAXINDENT).  Past them it refuses the file; so does pymm, with the same
 * errors at the same places, so that a script python3 refuses is refused.
 */
#define LEX_MAXLEVEL	200
#define LEX_MAXINDENT	100

struct lexer {
	const char *s;
	size_t len, pos;
	int line;
	size_t line_start;
	int depth;		/* open brackets */
	int indents[LEX_MAXINDENT];
	int nindent;
	struct token_list *out;
	struct parse_error *err;
};

static int lex_error(struct lexer *lx, const char *kind, const char *fmt, ...)
{
	va_list ap;

	lx->err->line = lx->line;
	lx->err->col = (int)(lx->pos - lx->line_start) + 1;
	lx->err->kind = kind;
	va_start(ap, fmt);
	vsnprintf(lx->err->msg, sizeof(lx->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static struct token *push(struct lexer *lx, enum tok_kind kind)
{
	struct token_list *t = lx->out;
	struct token *tk;

	if (t->n == t->cap) {
		int cap = t->cap ? t->cap * 2 : 256;
		struct token *nv = realloc(t->v, cap * sizeof(*nv));

		if (!nv) {
			perror("pymmctl");
			exit(1);
		}
		t->v = nv;
		t->cap = cap;
	}
	tk = &t->v[t->n++];
	memset(tk, 0, sizeof(*tk));
	tk->kind = kind;
	tk->line = lx->line;
	tk->col = (int)(lx->pos - lx->line_start) + 1;
	return tk;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (!p) {
		perror("pymmctl");
		exit(1);
	}
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

/* dynamic byte buffer for decoded literals */
struct sbuf {
	char *p;
	size_t n, cap;
};

static void sb_put(struct sbuf *b, const void *d, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->n + n + 1)
			cap *= 2;
		b->p = realloc(b->p, cap);
		if (!b->p) {
			perror("pymmctl");
			exit(1);
		}
		b->cap = cap;
	}
	memcpy(b->p + b->n, d, n);
	b->n += n;
	b->p[b->n] = 0;
}

static void sb_putc(struct sbuf *b, char c)
{
	sb_put(b, &c, 1);
}

static void sb_utf8(struct sbuf *b, unsigned long cp)
{
	char u[4];

	if (cp < 0x80) {
		u[0] = (char)cp;
		sb_put(b, u, 1);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		sb_put(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		sb_put(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		sb_put(b, u, 4);
	}
}

/* a hex digit's value, -1 for another character (escapes, bytes.fromhex) */
int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* At a quote, after the prefix.  Decodes into a STR or BYTES token. */
static int lex_string(struct lexer *lx, bool raw, bool bytes)
{
	const char *s = lx->s;
	char q = s[lx->pos];
	bool triple = lx->pos + 2 < lx->len && s[lx->pos + 1] == q && s[lx->pos + 2] == q;
	int start_line = lx->line, start_col = (int)(lx->pos - lx->line_start) + 1;
	struct sbuf b = { 0 };
	struct token *tk;

	lx->pos += triple ? 3 : 1;
	for (;;) {
		unsigned char c;

		if (lx->pos >= lx->len) {
			lx->line = start_line;
			free(b.p);
			return lex_error(lx, "SyntaxError", triple ?
					 "unterminated triple-quoted string literal" :
					 "unterminated string literal");
		}
		c = (unsigned char)s[lx->pos];
		if (c == (unsigned char)q) {
			if (!triple) {
				lx->pos++;
				break;
			}
			if (lx->pos + 2 < lx->len && s[lx->pos + 1] == q && s[lx->pos + 2] == q) {
				lx->pos += 3;
				break;
			}
		}
		if (c == '\n') {
			if (!triple) {
				free(b.p);
				return lex_error(lx, "SyntaxError", "unterminated string literal");
			}
			sb_putc(&b, '\n');
			lx->pos++;
			lx->line++;
			lx->line_start = lx->pos;
			continue;
		}
		if (bytes && c >= 0x80) {
			free(b.p);
			return lex_error(lx, "SyntaxError",
					 "bytes can only contain ASCII literal characters");
		}
		if (c != '\\' || raw) {
			if (c == '\\' && lx->pos + 1 < lx->len) {
				/* raw: a backslash still protects the next char */
				sb_putc(&b, (char)c);
				lx->pos++;
				c = (unsigned char)s[lx->pos];
				if (c == '\n') {
					lx->line++;
					lx->line_start = lx->pos + 1;
				}
			}
			sb_putc(&b, (char)c);
			lx->pos++;
			continue;
		}
		/* escape */
		lx->pos++;
		if (lx->pos >= lx->len)
			continue;
		c = (unsigned char)s[lx->pos++];
		switch (c) {
		case '\n':
			lx->line++;
			lx->line_start = lx->pos;
			break;
		case '\\': sb_putc(&b, '\\'); break;
		case '\'': sb_putc(&b, '\''); break;
		case '"': sb_putc(&b, '"'); break;
		case 'a': sb_putc(&b, '\a'); break;
		case 'b': sb_putc(&b, '\b'); break;
		case 'f': sb_putc(&b, '\f'); break;
		case 'n': sb_putc(&b, '\n'); break;
		case 'r': sb_putc(&b, '\r'); break;
		case 't': sb_putc(&b, '\t'); break;
		case 'v': sb_putc(&b, '\v'); break;
		case 'x': {
			int h1 = lx->pos < lx->len ? hexval(s[lx->pos]) : -1;
			int h2 = lx->pos + 1 < lx->len ? hexval(s[lx->pos + 1]) : -1;

			if (h1 < 0 || h2 < 0) {
				free(b.p);
				return lex_error(lx, "SyntaxError",
						 "(unicode error) truncated \\xXX escape");
			}
			lx->pos += 2;
			if (bytes)
				sb_putc(&b, (char)(h1 * 16 + h2));
			else
				sb_utf8(&b, (unsigned long)(h1 * 16 + h2));
			break;
		}
		case 'u':
		case 'U':
			if (!bytes) {
				int nd = c == 'u' ? 4 : 8, k;
				unsigned long cp = 0;

				for (k = 0; k < nd; k++) {
					int h = lx->pos < lx->len ? hexval(s[lx->pos]) : -1;

					if (h < 0) {
						free(b.p);
						return lex_error(lx, "SyntaxError",
							"(unicode error) truncated \\%cXXXX escape", c);
					}
					cp = cp * 16 + (unsigned long)h;
					lx->pos++;
				}
				if (cp > 0x10ffff) {
					free(b.p);
					return lex_error(lx, "SyntaxError",
							 "(unicode error) illegal Unicode character");
				}
				sb_utf8(&b, cp);
				break;
			}
			/* bytes keep \u literally */
			__attribute__((fallthrough));
		default:
			if (c >= '0' && c <= '7') {
				unsigned int v = c - '0';
				int k;

				for (k = 0; k < 2 && lx->pos < lx->len &&
				     s[lx->pos] >= '0' && s[lx->pos] <= '7'; k++)
					v = v * 8 + (unsigned int)(s[lx->pos++] - '0');
				if (bytes)
					sb_putc(&b, (char)(v & 0xff));
				else
					sb_utf8(&b, v);
				break;
			}
			if (c == 'N' && !bytes) {
				free(b.p);
				return lex_error(lx, "SyntaxError",
						 "\\N{...} escapes are not supported by pymm");
			}
			sb_putc(&b, '\\');
			sb_putc(&b, (char)c);
			break;
		}
	}
	tk = push(lx, bytes ? T_BYTES : T_STR);
	tk->line = start_line;
	tk->col = start_col;
	if (!b.p)
		sb_put(&b, "", 0);
	tk->text = b.p;
	tk->len = b.n;
	return 0;
}

static int lex_number(struct lexer *lx)
{
	const char *s = lx->s;
	size_t p = lx->pos;
	char digits[512];
	size_t nd = 0;
	bool is_float = false;
	int base = 10;
	struct token *tk;

	if (s[p] == '0' && p + 1 < lx->len && strchr("xXoObB", s[p + 1])) {
		base = strchr("xX", s[p + 1]) ? 16 : strchr("oO", s[p + 1]) ? 8 : 2;
		p += 2;
		while (p < lx->len && (isxdigit((unsigned char)s[p]) || s[p] == '_')) {
			if (s[p] != '_' && nd < sizeof(digits) - 1)
				digits[nd++] = s[p];
			p++;
		}
	} else {
		while (p < lx->len) {
			char c = s[p];

			if (isdigit((unsigned char)c) || c == '_') {
				/* fine */
			} else if (c == '.' && !is_float) {
				is_float = true;
			} else if ((c == 'e' || c == 'E') && p + 1 < lx->len &&
				   (isdigit((unsigned char)s[p + 1]) ||
				    ((s[p + 1] == '+' || s[p + 1] == '-') && p + 2 < lx->len &&
				     isdigit((unsigned char)s[p + 2])))) {
				is_float = true;
				if (nd < sizeof(digits) - 2)
					digits[nd++] = c;
				p++;
				c = s[p];
				if (c == '+' || c == '-') {
					if (nd < sizeof(digits) - 2)
						digits[nd++] = c;
					p++;
				}
				while (p < lx->len && (isdigit((unsigned char)s[p]) || s[p] == '_')) {
					if (s[p] != '_' && nd < sizeof(digits) - 1)
						digits[nd++] = s[p];
					p++;
				}
				break;
			} else {
				break;
			}
			if (c != '_' && nd < sizeof(digits) - 1)
				digits[nd++] = c;
			p++;
		}
	}
	digits[nd] = 0;
	if (p < lx->len && (s[p] == 'j' || s[p] == 'J'))
		return lex_error(lx, "SyntaxError", "complex numbers are not supported by pymm");
	if (p < lx->len && (isalpha((unsigned char)s[p]) || s[p] == '_'))
		return lex_error(lx, "SyntaxError", "invalid decimal literal");
	if (is_float) {
		tk = push(lx, T_FLOAT);
		tk->f = strtod(digits, NULL);
	} else {
		unsigned long long v;
		char *end;

		if (base == 10 && nd > 1 && digits[0] == '0' && strspn(digits, "0") != nd)
			return lex_error(lx, "SyntaxError",
					 "leading zeros in decimal integer literals are not permitted");
		errno = 0;
		v = strtoull(digits, &end, base);
		if (errno == ERANGE || v > (unsigned long long)INT64_MAX + 1)
			return lex_error(lx, "SyntaxError",
					 "integer literals past 64 bits are not supported by pymm");
		if (nd == 0 || *end)
			return lex_error(lx, "SyntaxError", "invalid %s literal",
					 base == 16 ? "hexadecimal" : base == 8 ? "octal" :
					 base == 2 ? "binary" : "decimal");
		tk = push(lx, T_INT);
		/* INT64_MAX + 1 is only valid under a unary minus: the parser checks */
		tk->i = (int64_t)v;
		tk->f = (double)v;
		tk->len = v > (unsigned long long)INT64_MAX;
	}
	tk->text = xstrndup(s + lx->pos, p - lx->pos);
	lx->pos = p;
	return 0;
}

static const char *const ops3[] = { "**=", "//=", ">>=", "<<=", "...", NULL };
static const char *const ops2[] = {
	"==", "!=", "<=", ">=", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
	"^=", "**", "//", "<<", ">>", ":=", NULL
};

/* Measures indentation at lx->pos (start of a line).  -1: blank/comment line. */
static int measure_indent(struct lexer *lx)
{
	int col = 0;
	size_t p = lx->pos;

	while (p < lx->len) {
		if (lx->s[p] == ' ')
			col++;
		else if (lx->s[p] == '\t')
			col = (col / 8 + 1) * 8;
		else if (lx->s[p] == '\f')
			col = 0;
		else
			break;
		p++;
	}
	lx->pos = p;
	if (p >= lx->len || lx->s[p] == '\n' || lx->s[p] == '#' || lx->s[p] == '\r')
		return -1;
	return col;
}

/* the token pushed last ends here, where scanning resumes */
static void end_last(struct lexer *lx, struct token_list *t)
{
	struct token *tk = t->n ? &t->v[t->n - 1] : NULL;

	if (tk && !tk->end_line) {
		tk->end_line = lx->line;
		tk->end_col = (int)(lx->pos - lx->line_start) + 1;
	}
}

int lex(const char *src, size_t len, struct token_list *out, struct parse_error *err)
{
	struct lexer lx = {
		.s = src, .len = len, .line = 1, .out = out, .err = err, .nindent = 1,
	};
	bool at_bol = true;

	lx.indents[0] = 0;
	memset(out, 0, sizeof(*out));
	while (lx.pos < lx.len || at_bol) {
		char c;

		end_last(&lx, out);
		if (at_bol && lx.depth == 0) {
			int col = measure_indent(&lx);

			if (col < 0) {
				/* blank line: skip to its end */
				while (lx.pos < lx.len && lx.s[lx.pos] != '\n')
					lx.pos++;
				if (lx.pos >= lx.len)
					break;
				lx.pos++;
				lx.line++;
				lx.line_start = lx.pos;
				continue;
			}
			at_bol = false;
			if (col > lx.indents[lx.nindent - 1]) {
				if (out->n == 0 || out->v[out->n - 1].kind != T_NEWLINE ||
				    out->v[out->n - 1].text == NULL)
					return lex_error(&lx, "IndentationError", "unexpected indent");
				if (lx.nindent >= LEX_MAXINDENT) {
					lex_error(&lx, "IndentationError",
						  "too many levels of indentation");
					lx.err->col = 0;	/* 3.11 prints no caret */
					return -1;
				}
				lx.indents[lx.nindent++] = col;
				push(&lx, T_INDENT);
			} else {
				while (col < lx.indents[lx.nindent - 1]) {
					lx.nindent--;
					push(&lx, T_DEDENT);
				}
				if (col != lx.indents[lx.nindent - 1])
					return lex_error(&lx, "IndentationError",
						"unindent does not match any outer indentation level");
			}
		}
		at_bol = false;
		if (lx.pos >= lx.len)
			break;
		c = lx.s[lx.pos];
		if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
			lx.pos++;
			continue;
		}
		if (c == '#') {
			while (lx.pos < lx.len && lx.s[lx.pos] != '\n')
				lx.pos++;
			continue;
		}
		if (c == '\\' && lx.pos + 1 < lx.len &&
		    (lx.s[lx.pos + 1] == '\n' ||
		     (lx.s[lx.pos + 1] == '\r' && lx.pos + 2 < lx.len && lx.s[lx.pos + 2] == '\n'))) {
			lx.pos += lx.s[lx.pos + 1] == '\r' ? 3 : 2;
			lx.line++;
			lx.line_start = lx.pos;
			continue;
		}
		if (c == '\n') {
			if (lx.depth == 0) {
				struct token *tk = push(&lx, T_NEWLINE);

				/* text marks a real line end (vs. the one added at EOF) */
				tk->text = xstrndup("\n", 1);
				at_bol = true;
			}
			lx.pos++;
			lx.line++;
			lx.line_start = lx.pos;
			continue;
		}
		if (isdigit((unsigned char)c) ||
		    (c == '.' && lx.pos + 1 < lx.len && isdigit((unsigned char)lx.s[lx.pos + 1]))) {
			if (lex_number(&lx))
				return -1;
			continue;
		}
		if (isalpha((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80) {
			size_t p = lx.pos;
			struct token *tk;

			while (p < lx.len && (isalnum((unsigned char)lx.s[p]) || lx.s[p] == '_' ||
					      (unsigned char)lx.s[p] >= 0x80))
				p++;
			/* string prefixes */
			if (p < lx.len && (lx.s[p] == '\'' || lx.s[p] == '"') && p - lx.pos <= 2) {
				bool raw = false, bytes = false, fstr = false, ok = true;
				size_t k;

				for (k = lx.pos; k < p; k++) {
					switch (tolower((unsigned char)lx.s[k])) {
					case 'r': raw = true; break;
					case 'b': bytes = true; break;
					case 'u': break;
					case 'f': fstr = true; break;
					default: ok = false;
					}
				}
				if (ok && !(fstr && bytes)) {
					int col = (int)(lx.pos - lx.line_start) + 1;

					lx.pos = p;
					if (lex_string(&lx, raw, bytes))
						return -1;
					lx.out->v[lx.out->n - 1].col = col;	/* the prefix's */
					/* the parser splits an f-string (parser.c) */
					if (fstr)
						lx.out->v[lx.out->n - 1].kind = T_FSTR;
					continue;
				}
			}
			tk = push(&lx, T_NAME);
			tk->text = xstrndup(lx.s + lx.pos, p - lx.pos);
			lx.pos = p;
			continue;
		}
		if (c == '\'' || c == '"') {
			if (lex_string(&lx, false, false))
				return -1;
			continue;
		}
		{
			const char *const *o;
			struct token *tk;
			size_t n = 0;

			for (o = ops3; *o; o++)
				if (lx.pos + 3 <= lx.len && !memcmp(lx.s + lx.pos, *o, 3))
					n = 3;
			if (!n)
				for (o = ops2; *o; o++)
					if (lx.pos + 2 <= lx.len && !memcmp(lx.s + lx.pos, *o, 2))
						n = 2;
			if (!n) {
				if (!strchr("()[]{}:,;.+-*/%<>=@&|^~!", c))
					return lex_error(&lx, "SyntaxError",
							 "invalid character '%c' (U+%04X)",
							 c, (unsigned char)c);
				n = 1;
			}
			if (c == '(' || c == '[' || c == '{') {
				if (lx.depth >= LEX_MAXLEVEL)
					return lex_error(&lx, "SyntaxError",
							 "too many nested parentheses");
				lx.depth++;
			}
			if (c == ')' || c == ']' || c == '}') {
				if (lx.depth == 0)
					return lex_error(&lx, "SyntaxError", "unmatched '%c'", c);
				lx.depth--;
			}
			tk = push(&lx, T_OP);
			tk->text = xstrndup(lx.s + lx.pos, n);
			lx.pos += n;
		}
	}
	end_last(&lx, out);
	if (lx.depth)
		return lex_error(&lx, "SyntaxError", "'(' was never closed");
	if (out->n && out->v[out->n - 1].kind != T_NEWLINE &&
	    out->v[out->n - 1].kind != T_DEDENT)
		push(&lx, T_NEWLINE);
	while (lx.nindent > 1) {
		lx.nindent--;
		push(&lx, T_DEDENT);
	}
	push(&lx, T_EOF);
	return 0;
}

void token_list_free(struct token_list *t)
{
	int i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
	memset(t, 0, sizeof(*t));
}
