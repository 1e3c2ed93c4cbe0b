/* SPDX-License-Identifier: GPL-2.0 */
/*
 * json.h - a tiny streaming JSON writer for pymmctl's -j output.
 *
 * Why not printf: every -j command must print valid JSON (tests feed it to
 * python3 -m json.tool), and hand-placed commas and unescaped heap names are
 * how that breaks.  The writer tracks, per nesting level, whether a comma is
 * due, and escapes every string.  Output goes to stdout; one document per
 * command (monitor: one per line, JSON Lines).
 */
#ifndef PYMMCTL_JSON_H
#define PYMMCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>

#define JSON_DEPTH_MAX 16

struct json {
	int depth;
	bool need_comma[JSON_DEPTH_MAX];
};

/* key NULL: an element of an array (or the top-level value) */
void json_obj_open(struct json *j, const char *key);
void json_obj_close(struct json *j);
void json_arr_open(struct json *j, const char *key);
void json_arr_close(struct json *j);
void json_u64(struct json *j, const char *key, uint64_t v);
void json_s64(struct json *j, const char *key, int64_t v);
void json_bool(struct json *j, const char *key, bool v);
void json_string(struct json *j, const char *key, const char *s);
/* a string of at most n bytes (fixed-size name fields need not end in NUL) */
void json_nstring(struct json *j, const char *key, const char *s, unsigned int n);
/* ends the document: newline and flush */
void json_end(struct json *j);

#endif /* PYMMCTL_JSON_H */
