// SPDX-License-Identifier: GPL-2.0
/*
 * bytes_methods.c - what the str methods need to serve bytes and bytearray
 * too, and the bytes methods that have no str twin.
 *
 * CPython builds str, bytes and bytearray methods from one stringlib; here
 * the str methods of builtins_methods.c and str_methods.c take a bytes or
 * bytearray self through the text_* helpers below: positions count bytes
 * instead of code points, white space and case are ASCII's
 * (Py_ISSPACE, Py_ISUPPER ...), arguments are bytes-like, and results are
 * of self's type.  As stringlib, an exact bytes returns itself where
 * nothing changes (strip, replace, a whole-string split piece, partition
 * without the separator, a one-item join); a bytearray always a new one.
 *
 * Here: bytes.fromhex, the ASCII case mappings and is-tests of bytes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"
#include "lexer.h"
#include "unicase.h"

static bool is_bytes_t(uint32_t t)
{
	return t == PYMM_T_BYTES || t == PYMM_T_BYTEARRAY;
}

/* a new object of self's text type (str, bytes, bytearray) */
int text_new(struct interp *I, uint32_t t, const char *p, size_t n, struct value *out)
{
	if (t == PYMM_T_STR)
		return new_str(I, p, n, out);
	return new_scalar(I, t == PYMM_T_BYTES ? PYMM_OP_NEW_BYTES : PYMM_OP_NEW_BYTEARRAY, 0,
			  n ? p : "", n, out);
}

/* self itself where nothing changed: a bytearray is copied (stringlib's return_self) */
int text_same(struct interp *I, const struct value *self, const struct objinfo *me,
	      struct value *out)
{
	if (me->type == PYMM_T_BYTEARRAY)
		return text_new(I, me->type, me->s, me->len, out);
	return dup_of(I, self->h, out);
}

/*
 * An argument of a text method of a self of type t: a str for a str (the
 * TypeError says what), bytes or a bytearray for bytes-like selfs.
 */
int text_arg(struct interp *I, uint32_t t, const struct value *v, struct objinfo *oi,
	     const char *what)
{
	if (t == PYMM_T_STR)
		return str_of(I, v, oi, what);
	if (need_obj(I, v) || obj_read(I, v->h, oi))
		return -1;
	if (is_bytes_t(oi->type))
		return 0;
	free(oi->s);
	oi->s = NULL;
	return raise_exc(I, PYMM_EXC_TYPE_ERROR, "a bytes-like object is required, not '%s'",
			 objinfo_type_name(oi));
}

/* positions a method answers: code points of a str, bytes of bytes */
int64_t text_pos(uint32_t t, const char *s, size_t n)
{
	return is_bytes_t(t) ? (int64_t)n : cp_count(s, n);
}

/* Py_ISSPACE: bytes.split() and strip() without arguments */
static bool ascii_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* the length of the white space character at byte i (0: none) */
size_t text_space_at(uint32_t t, const char *s, size_t n, size_t i)
{
	if (is_bytes_t(t))
		return i < n && ascii_space(s[i]);
	return uc_space_at(s, n, i);
}

/* ... and of the one that ends at byte i */
size_t text_space_before(uint32_t t, const char *s, size_t i)
{
	if (is_bytes_t(t))
		return i && ascii_space(s[i - 1]);
	return uc_space_before(s, i);
}

/* the length of the character at s[i], and where the one before s[i] starts */
size_t text_char_len(uint32_t t, const char *s, size_t i)
{
	return is_bytes_t(t) ? 1 : uc_char_len(s[i]);
}

size_t text_before(uint32_t t, const char *s, size_t i)
{
	return is_bytes_t(t) ? i - 1 : uc_before(s, i);
}

/* ------------------------------------------------------ ASCII case */

static bool a_lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static bool a_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static unsigned char a_flip(unsigned char c)
{
	return a_lower(c) || a_upper(c) ? c ^ 0x20 : c;
}

/* b->op: CASE_* as str's (str_methods.c), by _Py_bytes_upper ... _Py_bytes_title */
static int m_bytes_recase(BI_ARGS)
{
	struct objinfo me;
	bool prev_cased = false;
	size_t i;
	int err;

	if (obj_read(I, self->h, &me))
		return -1;
	for (i = 0; i < me.len; i++) {
		unsigned char c = (unsigned char)me.s[i];
		bool up;

		switch (b->op) {
		case CASE_UPPER:
		case CASE_LOWER:
			up = b->op == CASE_UPPER;
			break;
		case CASE_SWAPCASE:
			me.s[i] = (char)a_flip(c);
			continue;
		case CASE_CAPITALIZE:
			up = i == 0;
			break;
		default:	/* CASE_TITLE: upper after an uncased byte */
			up = !prev_cased;
			prev_cased = a_lower(c) || a_upper(c);
			break;
		}
		if (up ? a_lower(c) : a_upper(c))
			me.s[i] = (char)(c ^ 0x20);
	}
	err = text_new(I, me.type, me.s, me.len, out);
	free(me.s);
	return err;
}

/* isalnum ... isupper of bytes: b->op IS_* (_Py_bytes_isalpha ...) */
static int m_bytes_is(BI_ARGS)
{
	struct objinfo me;
	bool r = true, cased = false, prev_cased = false;
	size_t i;

	if (obj_read(I, self->h, &me))
		return -1;
	for (i = 0; i < me.len && r; i++) {
		unsigned char c = (unsigned char)me.s[i];
		bool alpha = a_lower(c) || a_upper(c), digit = c >= '0' && c <= '9';

		switch (b->op) {
		case IS_ALNUM:
			r = alpha || digit;
			break;
		case IS_ALPHA:
			r = alpha;
			break;
		case IS_ASCII:
			r = c < 0x80;
			break;
		case IS_DIGIT:
			r = digit;
			break;
		case IS_SPACE:
			r = ascii_space((char)c);
			break;
		case IS_LOWER:
		case IS_UPPER:
			r = !(b->op == IS_LOWER ? a_upper(c) : a_lower(c));
			cased |= alpha;
			break;
		default:	/* IS_TITLE */
			r = !(a_upper(c) ? prev_cased : a_lower(c) && !prev_cased);
			cased |= a_upper(c);
			prev_cased = alpha;
			break;
		}
	}
	if (b->op == IS_LOWER || b->op == IS_UPPER || b->op == IS_TITLE)
		r = r && cased;
	else if (b->op != IS_ASCII)
		r = r && me.len;
	free(me.s);
	*out = vbool(I, r);
	return 0;
}

/* ----------------------------------------------------------- fromhex */

/* bytes.fromhex(s), bytearray.fromhex(s): pairs of hex digits, white space between */
static int m_fromhex(BI_ARGS)
{
	struct objinfo s;
	char *buf;
	size_t i = 0, n = 0;
	int err = 0;

	if (str_of(I, &args[0], &s, "fromhex() argument must be str"))
		return -1;
	buf = xrealloc(NULL, s.len / 2 + 1);
	while (i < s.len && !err) {
		int hi, lo;

		if (ascii_space(s.s[i])) {
			i++;
			continue;
		}
		hi = hexval((unsigned char)s.s[i]);
		lo = i + 1 < s.len ? hexval((unsigned char)s.s[i + 1]) : -1;
		if (hi < 0 || lo < 0) {
			/* the position of the first bad character (of the pair's) */
			size_t at = hi < 0 ? i : i + 1;

			err = raise_exc(I, PYMM_EXC_VALUE_ERROR, "non-hexadecimal number found in "
					"fromhex() arg at position %lld",
					(long long)cp_count(s.s, at));
			break;
		}
		buf[n++] = (char)(hi << 4 | lo);
		i += 2;
	}
	if (!err)
		err = text_new(I, b->op ? PYMM_T_BYTEARRAY : PYMM_T_BYTES, buf, n, out);
	free(buf);
	free(s.s);
	return err;
}

#define BYTES_ROWS(o)								\
	ROW(o, "fromhex", 1, 1, BF_CLASSMETH, m_fromhex, (o) == BO_BYTEARRAY),	\
	ROW(o, "upper", 0, 0, 0, m_bytes_recase, CASE_UPPER),			\
	ROW(o, "lower", 0, 0, 0, m_bytes_recase, CASE_LOWER),			\
	ROW(o, "swapcase", 0, 0, 0, m_bytes_recase, CASE_SWAPCASE),		\
	ROW(o, "capitalize", 0, 0, 0, m_bytes_recase, CASE_CAPITALIZE),		\
	ROW(o, "title", 0, 0, 0, m_bytes_recase, CASE_TITLE),			\
	ROW(o, "isalnum", 0, 0, 0, m_bytes_is, IS_ALNUM),			\
	ROW(o, "isalpha", 0, 0, 0, m_bytes_is, IS_ALPHA),			\
	ROW(o, "isascii", 0, 0, 0, m_bytes_is, IS_ASCII),			\
	ROW(o, "isdigit", 0, 0, 0, m_bytes_is, IS_DIGIT),			\
	ROW(o, "isspace", 0, 0, 0, m_bytes_is, IS_SPACE),			\
	ROW(o, "islower", 0, 0, 0, m_bytes_is, IS_LOWER),			\
	ROW(o, "isupper", 0, 0, 0, m_bytes_is, IS_UPPER),			\
	ROW(o, "istitle", 0, 0, 0, m_bytes_is, IS_TITLE)

const struct builtin *const builtins_bytes[] = {
	BYTES_ROWS(BO_BYTES),
	BYTES_ROWS(BO_BYTEARRAY),
	NULL,
};
