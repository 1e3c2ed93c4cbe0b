// SPDX-License-Identifier: GPL-2.0
/*
 * format.c - repr()/str() pieces shared by constants and heap values.
 *
 * Floats: CPython prints the shortest decimal string that converts back to
 * the same double (David Gay's algorithm, mode 0).  Trying 1..17 significant
 * digits with printf("%.*e") and keeping the first that round-trips gives
 * the same digits; the layout rules after that are float_repr_style 'r':
 * positional notation when the decimal point falls within -4 < exp <= 16,
 * with ".0" added to integral values, else d.ddde+XX.
 *
 * Strings: the quote is ' unless the text contains ' and no ", as
 * unicode_repr() decides; non-printable code points are escaped as \xNN,
 * \uNNNN or \UNNNNNNNN, printable non-ASCII text is kept as is.
 */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

void sb_add(struct strbuf *b, const void *d, size_t n)
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
	if (n)
		memcpy(b->p + b->n, d, n);
	b->n += n;
	b->p[b->n] = 0;
}

void sb_adds(struct strbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

void sb_addf(struct strbuf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < (int)sizeof(tmp)) {
		sb_add(b, tmp, n > 0 ? (size_t)n : 0);
		return;
	}
	{
		char *big = malloc((size_t)n + 1);

		if (!big) {
			perror("pymmctl");
			exit(1);
		}
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		sb_add(b, big, (size_t)n);
		free(big);
	}
}

void sb_free(struct strbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

char *sb_take(struct strbuf *b, size_t *len)
{
	char *p;

	if (!b->p)
		sb_add(b, "", 0);
	p = b->p;
	if (len)
		*len = b->n;
	memset(b, 0, sizeof(*b));
	return p;
}

void fmt_int(struct strbuf *b, int64_t v)
{
	sb_addf(b, "%lld", (long long)v);
}

void fmt_float(struct strbuf *b, double v)
{
	char buf[64], digits[32];
	int prec, nd = 0, exp, decpt, i;
	char *p, *e;

	if (isnan(v)) {
		sb_adds(b, "nan");
		return;
	}
	if (isinf(v)) {
		sb_adds(b, v < 0 ? "-inf" : "inf");
		return;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*e", prec - 1, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	p = buf;
	if (*p == '-') {
		sb_add(b, "-", 1);
		p++;
	}
	e = strchr(p, 'e');
	for (; p < e; p++)
		if (*p >= '0' && *p <= '9')
			digits[nd++] = *p;
	exp = atoi(e + 1);
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = 0;
	decpt = exp + 1;
	if (decpt > -4 && decpt <= 16) {
		if (decpt <= 0) {
			sb_adds(b, "0.");
			for (i = 0; i < -decpt; i++)
				sb_add(b, "0", 1);
			sb_add(b, digits, nd);
		} else if (decpt >= nd) {
			sb_add(b, digits, nd);
			for (i = nd; i < decpt; i++)
				sb_add(b, "0", 1);
			sb_adds(b, ".0");
		} else {
			sb_add(b, digits, decpt);
			sb_add(b, ".", 1);
			sb_add(b, digits + decpt, nd - decpt);
		}
		return;
	}
	sb_add(b, digits, 1);
	if (nd > 1) {
		sb_add(b, ".", 1);
		sb_add(b, digits + 1, nd - 1);
	}
	sb_addf(b, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
}

/* Decodes one UTF-8 sequence; invalid bytes come back as themselves. */
static unsigned long utf8_next(const unsigned char *s, size_t n, size_t *used)
{
	unsigned long cp;
	size_t need, i;

	if (s[0] < 0x80) {
		*used = 1;
		return s[0];
	}
	if ((s[0] & 0xe0) == 0xc0) {
		need = 1;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		need = 2;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		need = 3;
		cp = s[0] & 0x07;
	} else {
		*used = 1;
		return 0xdc00 | s[0];	/* surrogateescape, as Python would */
	}
	if (need >= n) {
		*used = 1;
		return 0xdc00 | s[0];
	}
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*used = 1;
			return 0xdc00 | s[0];
		}
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	*used = need + 1;
	return cp;
}

/* Py_UNICODE_ISPRINTABLE for the code points a script can hold, reduced to
 * the categories that are not printable: Cc, Cf, Cs, Co, Cn (partly), Zl, Zp
 * and Zs other than the ASCII space. */
static bool uni_printable(unsigned long cp)
{
	if (cp < 0x20 || cp == 0x7f)
		return false;
	if (cp < 0x7f)
		return true;
	if (cp < 0xa1 || cp == 0xad)
		return false;
	if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202f) ||
	    (cp >= 0x205f && cp <= 0x206f) || cp == 0x3000 || cp == 0xfeff ||
	    (cp >= 0xd800 && cp <= 0xf8ff) || (cp >= 0xfff0 && cp <= 0xfffb) ||
	    cp == 0x61c || cp == 0x180e || (cp >= 0x600 && cp <= 0x605) || cp == 0x6dd ||
	    cp == 0x70f || cp == 0xfffe || cp == 0xffff || cp >= 0xe0000 ||
	    (cp & 0xfffe) == 0xfffe)
		return false;
	return true;
}

void fmt_str_repr(struct strbuf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	bool sq = memchr(s, '\'', n) != NULL, dq = memchr(s, '"', n) != NULL;
	char quote = sq && !dq ? '"' : '\'';
	size_t i = 0;

	sb_add(b, &quote, 1);
	while (i < n) {
		size_t used;
		unsigned long cp = utf8_next(u + i, n - i, &used);

		if (cp == (unsigned long)quote || cp == '\\') {
			sb_add(b, "\\", 1);
			sb_add(b, s + i, 1);
		} else if (cp == '\t') {
			sb_adds(b, "\\t");
		} else if (cp == '\n') {
			sb_adds(b, "\\n");
		} else if (cp == '\r') {
			sb_adds(b, "\\r");
		} else if (uni_printable(cp)) {
			sb_add(b, s + i, used);
		} else if (cp < 0x100) {
			sb_addf(b, "\\x%02lx", cp);
		} else if (cp < 0x10000) {
			sb_addf(b, "\\u%04lx", cp);
		} else {
			sb_addf(b, "\\U%08lx", cp);
		}
		i += used;
	}
	sb_add(b, &quote, 1);
}

void fmt_bytes_repr(struct strbuf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	bool sq = memchr(s, '\'', n) != NULL, dq = memchr(s, '"', n) != NULL;
	char quote = sq && !dq ? '"' : '\'';
	size_t i;

	sb_add(b, "b", 1);
	sb_add(b, &quote, 1);
	for (i = 0; i < n; i++) {
		unsigned char c = u[i];

		if (c == (unsigned char)quote || c == '\\') {
			sb_add(b, "\\", 1);
			sb_add(b, &s[i], 1);
		} else if (c == '\t') {
			sb_adds(b, "\\t");
		} else if (c == '\n') {
			sb_adds(b, "\\n");
		} else if (c == '\r') {
			sb_adds(b, "\\r");
		} else if (c < 0x20 || c >= 0x7f) {
			sb_addf(b, "\\x%02x", c);
		} else {
			sb_add(b, &s[i], 1);
		}
	}
	sb_add(b, &quote, 1);
}

static void cval_fmt(struct strbuf *b, const struct cval *k, bool repr)
{
	int i;

	switch (k->kind) {
	case CV_NONE: sb_adds(b, "None"); break;
	case CV_TRUE: sb_adds(b, "True"); break;
	case CV_FALSE: sb_adds(b, "False"); break;
	case CV_ELLIPSIS: sb_adds(b, "Ellipsis"); break;
	case CV_INT: fmt_int(b, k->i); break;
	case CV_FLOAT: fmt_float(b, k->f); break;
	case CV_STR:
		if (repr)
			fmt_str_repr(b, k->s, k->len);
		else
			sb_add(b, k->s, k->len);
		break;
	case CV_BYTES: fmt_bytes_repr(b, k->s, k->len); break;
	case CV_TUPLE:
		sb_add(b, "(", 1);
		for (i = 0; i < k->n; i++) {
			if (i)
				sb_adds(b, ", ");
			cval_fmt(b, k->elts[i], true);
		}
		if (k->n == 1)
			sb_add(b, ",", 1);
		sb_add(b, ")", 1);
		break;
	}
}

int cval_repr(const struct cval *k, char **out, size_t *outlen)
{
	struct strbuf b = { 0 };

	cval_fmt(&b, k, true);
	*out = sb_take(&b, outlen);
	return 0;
}

int cval_str(const struct cval *k, char **out, size_t *outlen)
{
	struct strbuf b = { 0 };

	cval_fmt(&b, k, false);
	*out = sb_take(&b, outlen);
	return 0;
}
