// SPDX-License-Identifier: GPL-2.0
/*
 * unicase.c - CPython 3.11's Unicode case mapping and character classes,
 * for str's methods (builtins_methods.c, str_methods.c).
 *
 * The data is unicase_table.h, generated once from python3.11 by
 * scripts/gen-unicase.py (the build does not need python3): runs of code
 * points sharing a record, found by binary search.  A record holds the
 * simple mappings as deltas, or points at the multi-character ones
 * (SpecialCasing: 'ß'.upper() is 'SS'), and the flags behind isalpha(),
 * isdecimal(), isdigit(), isnumeric(), isspace(), isupper(), islower(),
 * istitle(), isprintable(), isidentifier(), and the Cased and
 * Case_Ignorable properties that lower()'s final-sigma rule needs.
 */
#include <stdio.h>
#include <stdlib.h>

#include "unicase.h"
#include "unicase_table.h"

static const struct uc_record *uc_record_of(uint32_t c)
{
	size_t lo = 0, hi = sizeof(uc_runs) / sizeof(uc_runs[0]);

	if (c > 0x10ffff)
		return &uc_records[0];
	/* the last run starting at or before c */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if ((uc_runs[mid] >> 11) <= c)
			lo = mid;
		else
			hi = mid;
	}
	return &uc_records[uc_runs[lo] & 0x7ff];
}

uint32_t uc_flags(uint32_t c)
{
	return uc_record_of(c)->flags;
}

bool uc_has(uint32_t c, uint32_t flag)
{
	return (uc_flags(c) & flag) != 0;
}

int uc_map(uint32_t c, int kind, uint32_t out[3])
{
	const struct uc_record *r = uc_record_of(c);
	int n;

	if (!r->special) {
		out[0] = (uint32_t)((int32_t)c + r->delta[kind]);
		return 1;
	}
	for (n = 0; n < 3 && uc_specials[r->special - 1][kind][n]; n++)
		out[n] = uc_specials[r->special - 1][kind][n];
	return n;
}

uint32_t *uc_decode(const char *s, size_t len, size_t *n)
{
	uint32_t *v = malloc((len ? len : 1) * sizeof(*v));
	size_t i = 0;

	if (!v) {
		perror("pymmctl");
		exit(1);
	}
	*n = 0;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		int more = b < 0x80 ? 0 : b < 0xe0 ? 1 : b < 0xf0 ? 2 : 3;
		uint32_t c = more == 0 ? b : more == 1 ? b & 0x1f : more == 2 ? b & 0x0f : b & 0x07;

		for (i++; more > 0 && i < len; more--, i++)
			c = c << 6 | ((unsigned char)s[i] & 0x3f);
		v[(*n)++] = c;
	}
	return v;
}

/* c's UTF-8 appended at buf + *len (room for 4 bytes) */
void uc_encode(uint32_t c, char *buf, size_t *len)
{
	unsigned char *p = (unsigned char *)buf + *len;

	if (c < 0x80) {
		p[0] = (unsigned char)c;
		*len += 1;
	} else if (c < 0x800) {
		p[0] = (unsigned char)(0xc0 | c >> 6);
		p[1] = (unsigned char)(0x80 | (c & 0x3f));
		*len += 2;
	} else if (c < 0x10000) {
		p[0] = (unsigned char)(0xe0 | c >> 12);
		p[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		p[2] = (unsigned char)(0x80 | (c & 0x3f));
		*len += 3;
	} else {
		p[0] = (unsigned char)(0xf0 | c >> 18);
		p[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
		p[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		p[3] = (unsigned char)(0x80 | (c & 0x3f));
		*len += 4;
	}
}

/*
 * _PyUnicode_TransformDecimalAndSpaceToASCII(): int() and float() read
 * Unicode decimal digits and white space as their ASCII forms; any other
 * non-ASCII character becomes '?' (invalid).  A decimal digit's value is
 * its place in its run of ten (Unicode keeps each Nd set contiguous,
 * zero first).  A new NUL-ended string.
 */
char *uc_number_ascii(const char *s, size_t len)
{
	size_t n, i;
	uint32_t *v = uc_decode(s, len, &n);
	char *out = malloc(n + 1);

	if (!out) {
		perror("pymmctl");
		exit(1);
	}
	for (i = 0; i < n; i++) {
		uint32_t c = v[i], first = c;

		if (c < 0x80) {
			out[i] = (char)c;
		} else if (uc_has(c, UC_DECIMAL)) {
			while (first > 0 && uc_has(first - 1, UC_DECIMAL))
				first--;
			out[i] = (char)('0' + (c - first) % 10);
		} else {
			out[i] = uc_has(c, UC_SPACE) ? ' ' : '?';
		}
	}
	out[n] = 0;
	free(v);
	return out;
}

/* the code point at byte i of valid UTF-8 s; *n its length in bytes */
uint32_t uc_at(const char *s, size_t i, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s + i;

	if (p[0] < 0x80) {
		*n = 1;
		return p[0];
	}
	if (p[0] < 0xe0) {
		*n = 2;
		return (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
	}
	if (p[0] < 0xf0) {
		*n = 3;
		return (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
	}
	*n = 4;
	return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3f) << 12 |
	       (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
}

/* where the code point that ends at byte i (> 0) begins */
size_t uc_before(const char *s, size_t i)
{
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80);
	return i;
}

/* the bytes of str.isspace() white space at byte i < len, or 0 */
size_t uc_space_at(const char *s, size_t len, size_t i)
{
	size_t n;

	(void)len;
	return uc_has(uc_at(s, i, &n), UC_SPACE) ? n : 0;
}

/* the bytes of white space ending at byte i > 0, or 0 */
size_t uc_space_before(const char *s, size_t i)
{
	size_t b = uc_before(s, i), n;

	return uc_has(uc_at(s, b, &n), UC_SPACE) ? i - b : 0;
}
