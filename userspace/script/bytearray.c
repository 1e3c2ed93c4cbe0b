// SPDX-License-Identifier: GPL-2.0
/*
 * bytearray.c - bytearray() and bytes(), and a bytearray's methods.
 *
 * A bytearray is a heap object of its own type (PYMM_T_BYTEARRAY,
 * module/core/types/bytearray.c): its bytes in a block the heap charges,
 * not a GC object, unhashable.  Every change is one BYTEARRAY_SPLICE
 * (bytes lo..hi replaced), so a change another name sees through an alias
 * is the object's own.  READ, LEN, GETITEM, ==, + and iteration take it as
 * bytes in the core.
 *
 * bytes(x) and bytearray(x) take what CPython's take: nothing, a count of
 * zero bytes, bytes or a bytearray, an iterable of ints in range(256), a
 * str with an encoding ('utf-8', 'ascii', 'latin-1'; other codecs are
 * refused).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "interp.h"
#include "unicase.h"

/* BYTEARRAY_SPLICE: bytes lo..hi of h replaced by n bytes of p */
int bytearray_splice(struct interp *I, uint64_t h, int64_t lo, int64_t hi, const void *p,
		     size_t n)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_BYTEARRAY_SPLICE);
	op.arg[0] = h;
	op.arg[1] = (uint64_t)lo;
	op.arg[2] = (uint64_t)hi;
	pymm_op_set_data(&op, n ? p : "", n);
	if (op1(I, &op))
		return -1;
	if (op.error == -ENOMEM)
		return raise_exc(I, PYMM_EXC_MEMORY_ERROR, "%s", "");
	return op.error ? raise_op(I, &op, NULL) : 0;
}

/* one int of an iterable of bytes: 0..255 */
static int byte_of(struct interp *I, const struct value *v, uint8_t *out)
{
	int64_t x;

	if (read_int(I, v, &x, NULL))
		return -1;
	if (x < 0 || x > 255)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "byte must be in range(0, 256)");
	*out = (uint8_t)x;
	return 0;
}

/* str.encode()'s codecs pymm has: 0 utf-8, 1 ascii, 2 latin-1; -1 refused */
static int codec_of(const char *name)
{
	static const char *const names[][4] = {
		{ "utf-8", "utf8", "utf_8", "u8" }, { "ascii", "us-ascii", "646", "ascii" },
		{ "latin-1", "latin1", "latin_1", "iso-8859-1" },
	};
	int i, j;

	for (i = 0; i < 3; i++)
		for (j = 0; j < 4; j++)
			if (!strcasecmp(name, names[i][j]))
				return i;
	return -1;
}

/* s (UTF-8) encoded by codec into *out (malloc'd), as str.encode(codec) */
static int encode(struct interp *I, const struct objinfo *s, const char *codec, char **out,
		  size_t *n)
{
	int c = codec_of(codec);
	size_t i, k, len;

	if (c < 0)
		return raise_exc(I, EX_NOT_IMPLEMENTED, "the '%s' codec is not supported by pymm",
				 codec);
	*out = xrealloc(NULL, s->len + 1);
	if (c == 0) {
		memcpy(*out, s->s, s->len);
		*n = s->len;
		return 0;
	}
	for (i = 0, k = 0; i < s->len; i += len) {
		uint32_t cp = uc_at(s->s, i, &len);

		if (cp > (c == 1 ? 0x7fu : 0xffu)) {
			free(*out);
			*out = NULL;
			return raise_exc(I, EX_NOT_IMPLEMENTED, "UnicodeEncodeError (a character "
					 "the '%s' codec cannot encode) is not supported by pymm",
					 codec);
		}
		(*out)[k++] = (char)cp;
	}
	*n = k;
	return 0;
}

/* the bytes bytes(x) or bytearray(x) holds (malloc'd in *buf) */
static int source_bytes(struct interp *I, const char *fname, struct value *args, int nargs,
			char **buf, size_t *n)
{
	struct objinfo oi, enc = { 0 };
	uint64_t *hs = NULL;
	uint32_t cnt = 0, i;
	int err = 0;

	*buf = NULL;
	*n = 0;
	if (!nargs)
		return 0;
	if (need_obj(I, &args[0]) || obj_read(I, args[0].h, &oi))
		return -1;
	if (nargs > 1 && str_of(I, &args[1], &enc, "argument 'encoding' must be str")) {
		free(oi.s);
		return -1;
	}
	if (oi.type == PYMM_T_STR) {
		if (nargs < 2)
			err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "string argument without an encoding");
		else
			err = encode(I, &oi, enc.s, buf, n);
	} else if (nargs > 1) {
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "encoding without a string argument");
	} else if (oi.type == PYMM_T_INT || oi.type == PYMM_T_BOOL) {
		if (oi.i < 0)
			err = raise_exc(I, PYMM_EXC_VALUE_ERROR, "negative count");
		else if (oi.i > (int64_t)PYMM_DATA_MAX * 64)
			err = raise_exc(I, PYMM_EXC_MEMORY_ERROR, "%s", "");
		else
			*buf = calloc((size_t)oi.i + 1, 1), *n = (size_t)oi.i;
		if (!err && !*buf) {
			perror("pymmctl");
			exit(1);
		}
	} else if (oi.type == PYMM_T_BYTES || oi.type == PYMM_T_BYTEARRAY) {
		*buf = oi.s;
		*n = oi.len;
		oi.s = NULL;
	} else if (iter_collect(I, &args[0], &hs, &cnt)) {
		if (I->exc == PYMM_EXC_TYPE_ERROR)
			snprintf(I->exc_msg, sizeof(I->exc_msg), "cannot convert '%s' object to %s",
				 objinfo_type_name(&oi), fname);
		err = -1;
	} else {
		*buf = xrealloc(NULL, cnt + 1);
		for (i = 0; i < cnt && !err; i++) {
			struct value v = vobj(hs[i], false);

			err = byte_of(I, &v, (uint8_t *)*buf + i);
		}
		*n = cnt;
		close_many(I, hs, cnt);
		free(hs);
	}
	free(oi.s);
	free(enc.s);
	if (err) {
		free(*buf);
		*buf = NULL;
	}
	return err;
}

/* the bytes of v, an iterable of ints, bytes or bytearray (slice assignment) */
int bytes_of_iterable(struct interp *I, struct value *v, char **buf, size_t *n)
{
	uint32_t t;

	if (need_obj(I, v) || obj_type(I, v->h, &t))
		return -1;
	if (t == PYMM_T_INT || t == PYMM_T_BOOL || t == PYMM_T_STR)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "can assign only bytes, buffers, or "
				 "iterables of ints in range(0, 256)");
	return source_bytes(I, "bytearray", v, 1, buf, n);
}

/* bytearray([source[, encoding]]) and bytes([source[, encoding]]): b->op 1 bytes */
static int bi_bytes(BI_ARGS)
{
	char *buf;
	size_t n;
	int err;

	if (nargs > 2)
		return raise_exc(I, EX_NOT_IMPLEMENTED, "the errors argument of %s() is not "
				 "supported by pymm", b->name);
	if (b->op && nargs == 1 && args[0].kind == V_OBJ) {
		uint32_t t;

		/* bytes(b) of a bytes object is b itself */
		if (obj_type(I, args[0].h, &t))
			return -1;
		if (t == PYMM_T_BYTES)
			return dup_of(I, args[0].h, out);
	}
	if (source_bytes(I, b->name, args, nargs, &buf, &n))
		return -1;
	if (b->op)
		err = new_scalar(I, PYMM_OP_NEW_BYTES, 0, buf ? buf : "", n, out);
	else
		err = new_scalar(I, PYMM_OP_NEW_BYTEARRAY, 0, buf ? buf : "", n, out);
	free(buf);
	return err;
}

/* append(x), insert(i, x): b->op 1 insert */
static int m_append(BI_ARGS)
{
	int64_t len, at;
	uint8_t c;

	if (len_of(I, self->h, &len) || byte_of(I, &args[b->op ? 1 : 0], &c))
		return -1;
	at = len;
	if (b->op) {
		if (read_int(I, &args[0], &at, NULL))
			return -1;
		if (at < 0)
			at = at + len < 0 ? 0 : at + len;
		if (at > len)
			at = len;
	}
	if (bytearray_splice(I, self->h, at, at, &c, 1))
		return -1;
	*out = vnone(I);
	return 0;
}

static int m_extend(BI_ARGS)
{
	char *buf;
	size_t n;
	int64_t len;
	int err;

	if (source_bytes(I, "bytearray", args, 1, &buf, &n))
		return -1;
	err = len_of(I, self->h, &len) || bytearray_splice(I, self->h, len, len, buf, n);
	free(buf);
	if (err)
		return -1;
	*out = vnone(I);
	return 0;
}

/* pop([i]), remove(x): b->op 1 remove */
static int m_pop(BI_ARGS)
{
	struct objinfo me;
	int64_t at;
	uint8_t c = 0;
	int err = 0;

	if (b->op && byte_of(I, &args[0], &c))
		return -1;
	if (obj_read(I, self->h, &me))
		return -1;
	if (b->op) {
		char *p = me.len ? memchr(me.s, c, me.len) : NULL;

		at = p ? p - me.s : -1;
		if (at < 0)
			err = raise_exc(I, PYMM_EXC_VALUE_ERROR, "value not found in bytearray");
	} else {
		at = -1;
		if (nargs && read_int(I, &args[0], &at, NULL))
			err = -1;
		else if (!me.len)
			err = raise_exc(I, PYMM_EXC_INDEX_ERROR, "pop from empty bytearray");
		else if (at < 0)
			at += (int64_t)me.len;
		if (!err && (at < 0 || at >= (int64_t)me.len))
			err = raise_exc(I, PYMM_EXC_INDEX_ERROR, "pop index out of range");
	}
	if (!err) {
		c = (uint8_t)me.s[at];
		err = bytearray_splice(I, self->h, at, at + 1, NULL, 0);
	}
	free(me.s);
	if (err)
		return -1;
	*out = b->op ? vnone(I) : (struct value){ 0 };
	return b->op ? 0 : new_int(I, c, out);
}

/* clear(), reverse(), copy(): b->op 0, 1, 2 */
static int m_whole(BI_ARGS)
{
	struct objinfo me;
	size_t i;
	int err;

	if (obj_read(I, self->h, &me))
		return -1;
	if (b->op == 2) {
		err = new_scalar(I, PYMM_OP_NEW_BYTEARRAY, 0, me.s ? me.s : "", me.len, out);
		free(me.s);
		return err;
	}
	for (i = 0; b->op == 1 && i < me.len / 2; i++) {
		char t = me.s[i];

		me.s[i] = me.s[me.len - 1 - i];
		me.s[me.len - 1 - i] = t;
	}
	err = bytearray_splice(I, self->h, 0, (int64_t)me.len, me.s, b->op == 1 ? me.len : 0);
	free(me.s);
	if (err)
		return -1;
	*out = vnone(I);
	return 0;
}

/* strict UTF-8, as the utf-8 codec decodes: no overlongs, surrogates, NUL */
static bool utf8_ok(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0, k, need;

	while (i < n) {
		uint32_t c = s[i];

		if (c < 0x80) {
			if (!c)
				return false;	/* the heap's str holds no NUL */
			i++;
			continue;
		}
		need = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
		if (c < 0xc2 || c > 0xf4 || n - i <= need)
			return false;
		c &= 0x3f >> need;
		for (k = 1; k <= need; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			c = c << 6 | (s[i + k] & 0x3f);
		}
		if ((need == 2 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
		    (need == 3 && (c < 0x10000 || c > 0x10ffff)))
			return false;
		i += need + 1;
	}
	return true;
}

/* decode(encoding='utf-8'): the codecs of encode(); invalid input refused */
static int m_decode(BI_ARGS)
{
	struct objinfo me, enc = { 0 };
	struct strbuf sb = { 0 };
	int c = 0, err = 0;
	size_t i;

	if (nargs && str_of(I, &args[0], &enc, "decode() argument 'encoding' must be str"))
		return -1;
	if (enc.s)
		c = codec_of(enc.s);
	if (c < 0) {
		err = raise_exc(I, EX_NOT_IMPLEMENTED, "the '%s' codec is not supported by pymm",
				enc.s);
		free(enc.s);
		return err;
	}
	free(enc.s);
	if (obj_read(I, self->h, &me))
		return -1;
	sb_add(&sb, "", 0);
	for (i = 0; i < me.len && !err; i++) {
		unsigned char ch = (unsigned char)me.s[i];

		if (c == 0 || ch < 0x80) {
			sb_add(&sb, me.s + i, 1);
		} else if (c == 1) {
			err = 1;
		} else {
			char u[4];
			size_t k = 0;

			uc_encode(ch, u, &k);
			sb_add(&sb, u, k);
		}
	}
	if (!err && !utf8_ok(sb.p, sb.n))
		err = 1;
	err = err ? raise_exc(I, EX_NOT_IMPLEMENTED, "UnicodeDecodeError (bytes the codec "
			      "cannot decode) is not supported by pymm") :
	      new_str(I, sb.p, sb.n, out);
	sb_free(&sb);
	free(me.s);
	return err;
}

/* ba[i] = v, del ba[i]: 1 if h is not a bytearray (the caller goes on) */
int bytearray_setitem(struct interp *I, uint64_t h, const struct value *key,
		      const struct value *v)
{
	int64_t len, i;
	uint32_t t;
	uint8_t c = 0;

	if (obj_type(I, h, &t))
		return -1;
	if (t != PYMM_T_BYTEARRAY)
		return 1;
	if (need_obj(I, key) || obj_type(I, key->h, &t))
		return -1;
	if (t != PYMM_T_INT && t != PYMM_T_BOOL)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "bytearray indices must be integers or "
				 "slices, not %s", type_name(t));
	if (read_int(I, key, &i, NULL) || (v && byte_of(I, v, &c)) || len_of(I, h, &len))
		return -1;
	if (i < 0)
		i += len;
	if (i < 0 || i >= len)
		return raise_exc(I, PYMM_EXC_INDEX_ERROR, "bytearray index out of range");
	return bytearray_splice(I, h, i, i + 1, &c, v ? 1 : 0);
}

/* ba += x: in place, as bytearray_iconcat; 1 if h is not a bytearray */
int bytearray_iadd(struct interp *I, uint64_t h, struct value *x)
{
	struct objinfo oi;
	int64_t len;
	uint32_t t;
	int err;

	if (obj_type(I, h, &t))
		return -1;
	if (t != PYMM_T_BYTEARRAY)
		return 1;
	if (need_obj(I, x) || obj_read(I, x->h, &oi))
		return -1;
	if (oi.type != PYMM_T_BYTES && oi.type != PYMM_T_BYTEARRAY)
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "can't concat %s to bytearray",
				objinfo_type_name(&oi));
	else
		err = len_of(I, h, &len) || bytearray_splice(I, h, len, len, oi.s, oi.len);
	free(oi.s);
	return err ? -1 : 0;
}

/* ba *= n: in place, as bytearray_irepeat (emptied for n <= 0) */
int bytearray_irepeat(struct interp *I, uint64_t h, int64_t n)
{
	struct objinfo oi;
	char *s = NULL;
	int64_t r;
	int err;

	if (obj_read(I, h, &oi))
		return -1;
	if (n <= 0) {
		err = bytearray_splice(I, h, 0, (int64_t)oi.len, NULL, 0);
	} else if (oi.len && (uint64_t)(n - 1) > PYMM_DATA_MAX / oi.len) {
		err = raise_exc(I, PYMM_EXC_MEMORY_ERROR, "%s", "");
	} else {
		s = xrealloc(NULL, oi.len * (size_t)(n - 1) + 1);
		for (r = 0; r < n - 1; r++)
			memcpy(s + (size_t)r * oi.len, oi.s, oi.len);
		err = bytearray_splice(I, h, (int64_t)oi.len, (int64_t)oi.len, s,
				       oi.len * (size_t)(n - 1));
	}
	free(s);
	free(oi.s);
	return err ? -1 : 0;
}

/* str.encode(encoding='utf-8', errors='strict'): the codecs of encode() */
static int m_encode(BI_ARGS)
{
	struct objinfo me, enc = { 0 }, errs = { 0 };
	char *buf = NULL;
	size_t n = 0;
	int err;

	if (nargs && str_of(I, &args[0], &enc, "encode() argument 'encoding' must be str, not "
			    "another type"))
		return -1;
	if (nargs > 1 && str_of(I, &args[1], &errs, "encode() argument 'errors' must be str")) {
		free(enc.s);
		return -1;
	}
	if (errs.s && strcmp(errs.s, "strict")) {
		err = raise_exc(I, EX_NOT_IMPLEMENTED, "encode(errors='%s') is not supported by "
				"pymm", errs.s);
		free(enc.s);
		free(errs.s);
		return err;
	}
	free(errs.s);
	if (obj_read(I, self->h, &me)) {
		free(enc.s);
		return -1;
	}
	err = encode(I, &me, enc.s ? enc.s : "utf-8", &buf, &n);
	if (!err)
		err = new_scalar(I, PYMM_OP_NEW_BYTES, 0, n ? buf : "", n, out);
	free(buf);
	free(me.s);
	free(enc.s);
	return err ? -1 : 0;
}

/* bytes.hex(), bytearray.hex(): two lowercase digits a byte */
static int m_hex(BI_ARGS)
{
	static const char digits[] = "0123456789abcdef";
	struct objinfo me;
	struct strbuf sb = { 0 };
	size_t i;
	int err;

	if (obj_read(I, self->h, &me))
		return -1;
	sb_add(&sb, "", 0);
	for (i = 0; i < me.len; i++) {
		unsigned char c = (unsigned char)me.s[i];
		char two[2] = { digits[c >> 4], digits[c & 15] };

		sb_add(&sb, two, 2);
	}
	err = new_str(I, sb.p, sb.n, out);
	sb_free(&sb);
	free(me.s);
	return err;
}

const struct builtin *const builtins_bytearray[] = {
	ROW(BO_STR, "encode", 0, 2, 0, m_encode, 0),
	ROW(BO_BYTES, "decode", 0, 1, 0, m_decode, 0),
	ROW(BO_BYTES, "hex", 0, 0, 0, m_hex, 0),
	ROW(BO_BYTEARRAY, "hex", 0, 0, 0, m_hex, 0),
	ROW(BO_BUILTINS, "bytearray", 0, 3, 0, bi_bytes, 0),
	ROW(BO_BUILTINS, "bytes", 0, 3, 0, bi_bytes, 1),
	ROW(BO_BYTEARRAY, "append", 1, 1, 0, m_append, 0),
	ROW(BO_BYTEARRAY, "insert", 2, 2, 0, m_append, 1),
	ROW(BO_BYTEARRAY, "extend", 1, 1, 0, m_extend, 0),
	ROW(BO_BYTEARRAY, "pop", 0, 1, 0, m_pop, 0),
	ROW(BO_BYTEARRAY, "remove", 1, 1, 0, m_pop, 1),
	ROW(BO_BYTEARRAY, "clear", 0, 0, 0, m_whole, 0),
	ROW(BO_BYTEARRAY, "reverse", 0, 0, 0, m_whole, 1),
	ROW(BO_BYTEARRAY, "copy", 0, 0, 0, m_whole, 2),
	ROW(BO_BYTEARRAY, "decode", 0, 1, 0, m_decode, 0),
	NULL,
};
