// SPDX-License-Identifier: GPL-2.0
/*
 * json.c - the writer of json.h.  Strings are escaped as RFC 8259 wants
 * (quote, backslash, control characters); bytes >= 0x80 pass through, so
 * UTF-8 stays UTF-8 (heap names are ASCII anyway: the kernel refuses others).
 */
#include <inttypes.h>
#include <stdio.h>

#include "json.h"

static void put_escaped(const char *s, unsigned int n)
{
	unsigned int i;

	putchar('"');
	for (i = 0; i < n && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"':  fputs("\\\"", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		default:
			if (c < 0x20 || c == 0x7f)
				printf("\\u%04x", c);
			else
				putchar(c);
		}
	}
	putchar('"');
}

/* the comma and key before a value at the current level */
static void member(struct json *j, const char *key)
{
	if (j->need_comma[j->depth])
		fputs(", ", stdout);
	j->need_comma[j->depth] = true;
	if (key) {
		put_escaped(key, ~0u);
		fputs(": ", stdout);
	}
}

static void open_(struct json *j, const char *key, char c)
{
	member(j, key);
	putchar(c);
	if (j->depth < JSON_DEPTH_MAX - 1)
		j->depth++;
	j->need_comma[j->depth] = false;
}

static void close_(struct json *j, char c)
{
	putchar(c);
	if (j->depth > 0)
		j->depth--;
}

void json_obj_open(struct json *j, const char *key)
{
	open_(j, key, '{');
}

void json_obj_close(struct json *j)
{
	close_(j, '}');
}

void json_arr_open(struct json *j, const char *key)
{
	open_(j, key, '[');
}

void json_arr_close(struct json *j)
{
	close_(j, ']');
}

void json_u64(struct json *j, const char *key, uint64_t v)
{
	member(j, key);
	printf("%" PRIu64, v);
}

void json_s64(struct json *j, const char *key, int64_t v)
{
	member(j, key);
	printf("%" PRId64, v);
}

void json_bool(struct json *j, const char *key, bool v)
{
	member(j, key);
	fputs(v ? "true" : "false", stdout);
}

void json_string(struct json *j, const char *key, const char *s)
{
	member(j, key);
	put_escaped(s, ~0u);
}

void json_nstring(struct json *j, const char *key, const char *s, unsigned int n)
{
	member(j, key);
	put_escaped(s, n);
}

void json_end(struct json *j)
{
	putchar('\n');
	fflush(stdout);
	j->depth = 0;
	j->need_comma[0] = false;
}
