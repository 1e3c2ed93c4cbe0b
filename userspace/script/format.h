/* SPDX-License-Identifier: GPL-2.0 */
/*
 * format.h - Python's repr() and str() for the values pymm holds, done in
 * user space byte for byte as CPython 3.11 does them.
 */
#ifndef PYMM_SCRIPT_FORMAT_H
#define PYMM_SCRIPT_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "ast.h"

struct strbuf {
	char *p;
	size_t n, cap;
};

void sb_add(struct strbuf *b, const void *d, size_t n);
void sb_adds(struct strbuf *b, const char *s);
void sb_addf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_free(struct strbuf *b);
/* Hands the buffer to the caller (NUL-terminated, never NULL). */
char *sb_take(struct strbuf *b, size_t *len);

/* repr(float) == str(float): shortest string that reads back the same. */
void fmt_float(struct strbuf *b, double v);
void fmt_int(struct strbuf *b, int64_t v);
/* repr(str) with Python's choice of quotes and escapes; s is UTF-8 */
void fmt_str_repr(struct strbuf *b, const char *s, size_t n);
void fmt_bytes_repr(struct strbuf *b, const char *s, size_t n);

/* constants (compile time): malloc'd *out, for dumps and __del__ text */
int cval_repr(const struct cval *k, char **out, size_t *outlen);
int cval_str(const struct cval *k, char **out, size_t *outlen);

#endif /* PYMM_SCRIPT_FORMAT_H */
