// SPDX-License-Identifier: GPL-2.0
/*
 * code.c - code objects: what a function runs, kept in the heap so that any
 * client of the heap can run it (a finalizer found by a collection that
 * `pymmctl gc collect` started runs in pymmctl, not in the script that
 * defined it).  As CPython's code objects they are immutable and refer to
 * nothing (CPython's hold constants and names; ours keep the text those come
 * from), so they are not containers: one block holds the record of
 * struct pymm_code_info and its bytes, and dies on the spot.
 *
 *	struct pymm_code | info | name \0 | file \0 | arg \0 arg \0 ... | source \0
 *
 * The owner is the uid of the client that made it: a client never receives
 * another uid's code to run (docs/abi.md, "Finalizers").
 */
#include "../heap.h"

const struct pymm_typeobj pymm_code_type = {
	.name = "code",
	.code = PYMM_T_CODE,
	.hash = pymm_obj_identity_hash,
};

static bool code_text_ok(const char *s, u32 len)
{
	u32 nchars;

	if (memchr(s, 0, len))
		return false;
	return !pymm_utf8_check(s, len, &nchars);
}

/* nargs identifiers, each NUL-terminated, exactly len bytes */
static bool code_args_ok(const char *s, u32 len, u32 nargs)
{
	u32 off = 0, n = 0;

	while (off < len) {
		const char *end = memchr(s + off, 0, len - off);
		u32 l;

		if (!end)
			return false;
		l = (u32)(end - (s + off));
		if (!l || l >= PYMM_NAME_MAX || !pymm_str_is_identifier(s + off, l))
			return false;
		off += l + 1;
		n++;
	}
	return n == nargs;
}

/* an identifier, or one in angle brackets as CPython names code that is no def's (<module>) */
static bool code_name_ok(const char *s, u32 len)
{
	if (len > 2 && s[0] == '<' && s[len - 1] == '>')
		return pymm_str_is_identifier(s + 1, len - 2);
	return pymm_str_is_identifier(s, len);
}

struct pymm_object *pymm_code_new(struct pymm_heap *h, const void *rec, u32 len, u32 uid,
				  int *err)
{
	const struct pymm_code_info *in = rec;
	const char *p = (const char *)(in + 1);
	struct pymm_code_info info;
	struct pymm_code *co;
	struct pymm_object *o;
	u64 body;
	char *d;

	*err = -EINVAL;
	if (len < sizeof(info))
		return NULL;
	memcpy(&info, in, sizeof(info));
	body = (u64)info.name_len + info.filename_len + info.args_len + info.source_len;
	if (info.owner_uid || info.reserved || body != len - sizeof(info))
		return NULL;
	if (info.source_len > PYMM_CODE_SOURCE_MAX || info.filename_len >= PYMM_NAME_MAX * 16 ||
	    info.nargs > PYMM_NAME_MAX)
		return NULL;
	if (!info.name_len || info.name_len >= PYMM_NAME_MAX || !code_name_ok(p, info.name_len))
		return NULL;
	if (!code_text_ok(p + info.name_len, info.filename_len) ||
	    !code_args_ok(p + info.name_len + info.filename_len, info.args_len, info.nargs) ||
	    !code_text_ok(p + info.name_len + info.filename_len + info.args_len,
			  info.source_len))
		return NULL;
	info.owner_uid = uid;
	/* the name, file and source get a NUL each (the args have theirs) */
	o = pymm_obj_alloc(h, PYMM_T_CODE, sizeof(*co) + body + 3, err);
	if (!o)
		return NULL;
	co = (struct pymm_code *)o;
	co->info = info;
	d = co->data;
	memcpy(d, p, info.name_len);
	d += info.name_len + 1;
	p += info.name_len;
	memcpy(d, p, info.filename_len);
	d += info.filename_len + 1;
	p += info.filename_len;
	memcpy(d, p, info.args_len + info.source_len);
	return o;
}

/* the record as PYMM_OP_NEW_CODE took it, owner filled: size, and copy if room */
u32 pymm_code_export(struct pymm_object *o, void *buf, u32 cap)
{
	struct pymm_code *co = (struct pymm_code *)o;
	const struct pymm_code_info *info = &co->info;
	u32 need = sizeof(*info) + info->name_len + info->filename_len + info->args_len +
		   info->source_len;
	const char *s = co->data;
	char *d = buf;

	if (need > cap)
		return need;
	memcpy(d, info, sizeof(*info));
	d += sizeof(*info);
	memcpy(d, s, info->name_len);
	d += info->name_len;
	s += info->name_len + 1;
	memcpy(d, s, info->filename_len);
	d += info->filename_len;
	s += info->filename_len + 1;
	memcpy(d, s, info->args_len + info->source_len);
	return need;
}

const char *pymm_code_name(struct pymm_object *o, u32 *len)
{
	struct pymm_code *co = (struct pymm_code *)o;

	*len = co->info.name_len;
	return co->data;
}
