// SPDX-License-Identifier: GPL-2.0
/*
 * str methods beyond the basic ones in builtins_methods.c: padding,
 * case, classification, partition, rsplit, splitlines, expandtabs,
 * index/rfind/rindex, removeprefix/removesuffix.
 *
 * pymm's str holds UTF-8.  Widths and positions count code points, as
 * CPython's do.  Case mapping and character classes are CPython 3.11's,
 * for all of Unicode (unicase.c: SpecialCasing's expansions, the final
 * sigma); splitlines's non-ASCII line breaks are refused.
 *
 * Which calls return the str itself follows 3.11's
 * unicode_result_unchanged(): padding to a width the str already has,
 * removeprefix without the prefix, expandtabs without a tab, partition
 * without the separator.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"
#include "unicase.h"

static bool is_ascii(const struct objinfo *s)
{
	size_t i;

	for (i = 0; i < s->len; i++)
		if ((unsigned char)s->s[i] >= 0x80)
			return false;
	return true;
}

/* self's code points (unicase.c decodes pymm's UTF-8) */
static int read_cps(struct interp *I, struct value *self, uint32_t **cps, size_t *n)
{
	struct objinfo me;

	if (obj_read(I, self->h, &me))
		return -1;
	*cps = uc_decode(me.s ? me.s : "", me.len, n);
	free(me.s);
	return 0;
}

/* ------------------------------------------------------------ case */

/*
 * handle_capital_sigma(): U+03A3 lowers to final U+03C2 after a cased
 * character (case-ignorable ones skipped) and not before one.
 */
static uint32_t capital_sigma(const uint32_t *v, size_t n, size_t i)
{
	size_t j = i;
	bool final = false;

	while (j > 0 && uc_has(v[j - 1], UC_IGNORABLE))
		j--;
	final = j > 0 && uc_has(v[j - 1], UC_CASED);
	if (final) {
		for (j = i + 1; j < n && uc_has(v[j], UC_IGNORABLE); j++)
			;
		final = j == n || !uc_has(v[j], UC_CASED);
	}
	return final ? 0x3c2 : 0x3c3;
}

/* lower_ucs4(): the full lower mapping, with the final-sigma rule */
static int lower_cp(const uint32_t *v, size_t n, size_t i, uint32_t out[3])
{
	if (v[i] == 0x3a3) {
		out[0] = capital_sigma(v, n, i);
		return 1;
	}
	return uc_map(v[i], UC_MAP_LOWER, out);
}

/* the mapping of v[i] by 3.11's do_upper ... do_swapcase (op: CASE_*) */
static int recase_cp(const uint32_t *v, size_t n, size_t i, int op, bool prev_cased,
		     uint32_t out[3])
{
	switch (op) {
	case CASE_UPPER:
		return uc_map(v[i], UC_MAP_UPPER, out);
	case CASE_LOWER:
		return lower_cp(v, n, i, out);
	case CASE_CASEFOLD:
		return uc_map(v[i], UC_MAP_FOLD, out);
	case CASE_CAPITALIZE:
		return i ? lower_cp(v, n, i, out) : uc_map(v[i], UC_MAP_TITLE, out);
	case CASE_SWAPCASE:
		if (uc_has(v[i], UC_UPPER))
			return lower_cp(v, n, i, out);
		if (uc_has(v[i], UC_LOWER))
			return uc_map(v[i], UC_MAP_UPPER, out);
		out[0] = v[i];
		return 1;
	default:	/* CASE_TITLE */
		return prev_cased ? lower_cp(v, n, i, out) : uc_map(v[i], UC_MAP_TITLE, out);
	}
}

/* upper, lower, capitalize, casefold, swapcase, title: a new str */
int str_recase(struct interp *I, struct value *self, int op, struct value *out)
{
	bool prev_cased = false;
	uint32_t *v, m[3];
	size_t n, i, len = 0;
	char *buf;
	int k, j, err;

	if (read_cps(I, self, &v, &n))
		return -1;
	buf = xrealloc(NULL, n * 12 + 1);
	for (i = 0; i < n; i++) {
		k = recase_cp(v, n, i, op, prev_cased, m);
		for (j = 0; j < k; j++)
			uc_encode(m[j], buf, &len);
		prev_cased = uc_has(v[i], UC_CASED);
	}
	err = new_str(I, buf, len, out);
	free(buf);
	free(v);
	return err;
}

static int m_recase(BI_ARGS)
{
	return str_recase(I, self, b->op, out);
}

/* ---------------------------------------------------- classification */

static const uint32_t class_flags[] = {
	[IS_ALNUM] = UC_ALPHA | UC_DECIMAL | UC_DIGIT | UC_NUMERIC,
	[IS_ALPHA] = UC_ALPHA, [IS_DECIMAL] = UC_DECIMAL, [IS_DIGIT] = UC_DIGIT,
	[IS_NUMERIC] = UC_NUMERIC, [IS_PRINTABLE] = UC_PRINTABLE, [IS_SPACE] = UC_SPACE,
};

/* every character in the class, and at least one (isprintable: none needed) */
static bool all_of(const uint32_t *v, size_t n, int what)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!(uc_flags(v[i]) & class_flags[what]))
			return false;
	return n || what == IS_PRINTABLE;
}

/* 3.11's unicode_islower/isupper/istitle_impl */
static bool cased_as(const uint32_t *v, size_t n, int what)
{
	bool cased = false, prev_cased = false;
	size_t i;

	if (n == 1 && what != IS_TITLE)
		return uc_has(v[0], what == IS_LOWER ? UC_LOWER : UC_UPPER);
	for (i = 0; i < n; i++) {
		uint32_t f = uc_flags(v[i]);

		if (what == IS_TITLE) {
			if (f & (UC_UPPER | UC_TITLE)) {
				if (prev_cased)
					return false;
				prev_cased = cased = true;
			} else if (f & UC_LOWER) {
				if (!prev_cased)
					return false;
				prev_cased = cased = true;
			} else {
				prev_cased = false;
			}
		} else if (f & (UC_TITLE | (what == IS_LOWER ? UC_UPPER : UC_LOWER))) {
			return false;
		} else if (f & (what == IS_LOWER ? UC_LOWER : UC_UPPER)) {
			cased = true;
		}
	}
	return cased;
}

/* XID_Start or '_', then XID_Continue (no NFKC, as str.isidentifier) */
static bool is_identifier(const uint32_t *v, size_t n)
{
	size_t i;

	if (!n || !uc_has(v[0], UC_ID_START))
		return false;
	for (i = 1; i < n; i++)
		if (!uc_has(v[i], UC_ID_CONTINUE))
			return false;
	return true;
}

/* isalnum ... isupper: b->op IS_* */
static int m_is(BI_ARGS)
{
	struct objinfo me;
	uint32_t *v;
	size_t n;
	bool r;

	if (b->op == IS_ASCII) {
		if (obj_read(I, self->h, &me))
			return -1;
		r = is_ascii(&me);
		free(me.s);
		*out = vbool(I, r);
		return 0;
	}
	if (read_cps(I, self, &v, &n))
		return -1;
	if (b->op == IS_LOWER || b->op == IS_UPPER || b->op == IS_TITLE)
		r = cased_as(v, n, b->op);
	else if (b->op == IS_IDENTIFIER)
		r = is_identifier(v, n);
	else
		r = all_of(v, n, b->op);
	free(v);
	*out = vbool(I, r);
	return 0;
}

/* ----------------------------------------------------------- padding */

/* byte offset of code point k (k <= the str's code points) */
static size_t cp_offset(const char *s, size_t n, int64_t k)
{
	size_t i = 0;

	for (; k > 0 && i < n; k--)
		do
			i++;
		while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80);
	return i;
}

/* the fill character argument: exactly one character */
static int fill_char(struct interp *I, struct value *args, int nargs, int at, struct objinfo *fill)
{
	if (nargs <= at) {
		fill->s = strdup(" ");
		fill->len = 1;
		if (!fill->s) {
			perror("pymmctl");
			exit(1);
		}
		return 0;
	}
	if (str_of(I, &args[at], fill, "The fill character must be a unicode character"))
		return -1;
	if (cp_count(fill->s, fill->len) != 1) {
		free(fill->s);
		fill->s = NULL;
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "The fill character must be exactly one character long");
	}
	return 0;
}

enum { PAD_CENTER, PAD_LJUST, PAD_RJUST, PAD_ZFILL };

static void add_fill(struct strbuf *sb, const struct objinfo *fill, int64_t n)
{
	for (; n > 0; n--)
		sb_add(sb, fill->s, fill->len);
}

/* center, ljust, rjust, zfill: b->op PAD_* */
static int m_pad(BI_ARGS)
{
	struct objinfo me, fill = { 0 };
	struct strbuf sb = { 0 };
	int64_t width, len, marg, left;
	size_t sign = 0;
	int err;

	if (read_int(I, &args[0], &width, NULL))
		return -1;
	if (b->op != PAD_ZFILL && fill_char(I, args, nargs, 1, &fill))
		return -1;
	if (obj_read(I, self->h, &me)) {
		free(fill.s);
		return -1;
	}
	len = cp_count(me.s, me.len);
	if (len >= width) {
		err = dup_of(I, self->h, out);
		goto out;
	}
	if (width > (int64_t)1 << 30) {
		err = raise_exc(I, PYMM_EXC_MEMORY_ERROR, "%s", "");
		goto out;
	}
	marg = width - len;
	switch (b->op) {
	case PAD_CENTER:
		left = marg / 2 + (marg & width & 1);
		break;
	case PAD_LJUST:
		left = 0;
		break;
	default:
		left = marg;
		break;
	}
	if (b->op == PAD_ZFILL) {
		fill.s = strdup("0");
		fill.len = 1;
		if (!fill.s) {
			perror("pymmctl");
			exit(1);
		}
		sign = me.len && (me.s[0] == '+' || me.s[0] == '-');
		sb_add(&sb, me.s, sign);
	}
	sb_add(&sb, "", 0);
	add_fill(&sb, &fill, left);
	sb_add(&sb, me.s + sign, me.len - sign);
	add_fill(&sb, &fill, marg - left);
	err = new_str(I, sb.p, sb.n, out);
out:
	sb_free(&sb);
	free(me.s);
	free(fill.s);
	return err;
}

/* -------------------------------------------------------- searching */

/* a start or end argument: None leaves *v as it is (_PyEval_SliceIndex) */
static int slice_index(struct interp *I, const struct value *arg, int64_t *v)
{
	struct objinfo oi;

	if (need_obj(I, arg) || obj_read(I, arg->h, &oi))
		return -1;
	free(oi.s);
	if (oi.type == PYMM_T_NONE)
		return 0;
	if (oi.type != PYMM_T_INT && oi.type != PYMM_T_BOOL)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "slice indices must be integers or None "
				 "or have an __index__ method");
	*v = oi.i;
	return 0;
}

/*
 * str[start:end]'s byte range for the search methods' optional arguments
 * (args[1], args[2]), as ADJUST_INDICES: a start past the end gives
 * lo > hi, where nothing is found, not even "".
 */
static int slice_range(struct interp *I, struct value *args, int nargs, const struct objinfo *me,
		       size_t *lo, size_t *hi)
{
	int64_t n = text_pos(me->type, me->s, me->len), a = 0, z = n;
	bool bytes = me->type != PYMM_T_STR;

	if ((nargs > 1 && slice_index(I, &args[1], &a)) ||
	    (nargs > 2 && slice_index(I, &args[2], &z)))
		return -1;
	if (a < 0)
		a = a + n < 0 ? 0 : a + n;
	if (z < 0)
		z = z + n < 0 ? 0 : z + n;
	if (z > n)
		z = n;
	*lo = a > n ? me->len + 1 : bytes ? (size_t)a : cp_offset(me->s, me->len, a);
	*hi = bytes ? (size_t)z : cp_offset(me->s, me->len, z);
	return 0;
}

/*
 * the search methods' first argument: a str for a str ("must be str, not
 * int"); bytes-like or one byte's int for bytes (parse_args_finds_byte)
 */
static int sub_arg(struct interp *I, uint32_t t, const struct value *arg, struct objinfo *sub)
{
	if (need_obj(I, arg) || obj_read(I, arg->h, sub))
		return -1;
	if (t == PYMM_T_STR ? sub->type == PYMM_T_STR :
	    sub->type == PYMM_T_BYTES || sub->type == PYMM_T_BYTEARRAY)
		return 0;
	free(sub->s);
	sub->s = NULL;
	if (t == PYMM_T_STR)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "must be str, not %s",
				 objinfo_type_name(sub));
	if (sub->type != PYMM_T_INT && sub->type != PYMM_T_BOOL)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "argument should be integer or "
				 "bytes-like object, not '%s'", objinfo_type_name(sub));
	if (sub->i < 0 || sub->i > 255)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "byte must be in range(0, 256)");
	sub->s = xrealloc(NULL, 1);
	sub->s[0] = (char)sub->i;
	sub->len = 1;
	return 0;
}

/* non-overlapping occurrences of sub in s[0:n]; "" once per code point and once more */
static int64_t count_in(uint32_t t, const char *s, size_t n, const struct objinfo *sub)
{
	int64_t c = 0;
	size_t i = 0;
	const char *at;

	if (!sub->len)
		return text_pos(t, s, n) + 1;
	while ((at = memmem(s + i, n - i, sub->s, sub->len))) {
		c++;
		i = at - s + sub->len;
	}
	return c;
}

enum { FIND_FIND, FIND_RFIND, FIND_INDEX, FIND_RINDEX, FIND_COUNT };

/* find, rfind, index, rindex, count (sub[, start[, end]]): b->op FIND_* */
static int m_search(BI_ARGS)
{
	struct objinfo me, sub;
	const char *at = NULL, *p;
	size_t lo, hi;
	bool rev = b->op == FIND_RFIND || b->op == FIND_RINDEX;
	int err;

	/* the bounds first, as stringlib_parse_args_finds() */
	sub.s = NULL;
	if (obj_read(I, self->h, &me))
		return -1;
	err = slice_range(I, args, nargs, &me, &lo, &hi);
	if (!err)
		err = sub_arg(I, me.type, &args[0], &sub);
	if (!err && b->op == FIND_COUNT) {
		err = new_int(I, lo <= hi ? count_in(me.type, me.s + lo, hi - lo, &sub) : 0, out);
		goto out;
	}
	if (!err && lo <= hi && hi - lo >= sub.len) {
		if (!rev)
			at = memmem(me.s + lo, hi - lo, sub.s, sub.len);
		for (p = me.s + hi - sub.len; rev && p >= me.s + lo; p--)
			if (!memcmp(p, sub.s, sub.len)) {
				at = p;
				break;
			}
	}
	if (err)
		;
	else if (at)
		err = new_int(I, text_pos(me.type, me.s, at - me.s), out);
	else if (b->op == FIND_FIND || b->op == FIND_RFIND)
		err = new_int(I, -1, out);
	else
		err = raise_exc(I, PYMM_EXC_VALUE_ERROR, "%s not found",
				me.type == PYMM_T_STR ? "substring" : "subsection");
out:
	free(me.s);
	free(sub.s);
	return err;
}

/* does s[lo:hi] start (end: 0) or end (1) with a? (tailmatch; a is freed) */
static int tail_match(const struct objinfo *me, size_t lo, size_t hi, struct objinfo *a,
		      uint32_t end, bool *hit)
{
	*hit = lo <= hi && hi - lo >= a->len &&
	       !memcmp(end ? me->s + hi - a->len : me->s + lo, a->s, a->len);
	free(a->s);
	return 0;
}

/* does s[lo:hi] start (b->op 0) or end (1) with the str item? (tailmatch) */
static int affix_match(struct interp *I, const struct builtin *b, const struct objinfo *me,
		       size_t lo, size_t hi, uint64_t item, bool *hit)
{
	struct objinfo a;

	struct value v = vobj(item, false);

	if (me->type != PYMM_T_STR)
		return text_arg(I, me->type, &v, &a, NULL) ? -1 :
		       tail_match(me, lo, hi, &a, b->op, hit);
	if (obj_read(I, item, &a))
		return -1;
	if (a.type != PYMM_T_STR) {
		int err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
				    "tuple for %s must only contain str, not %s", b->name,
				    objinfo_type_name(&a));

		free(a.s);	/* after: the name may be the class's, in a.s */
		return err;
	}
	return tail_match(me, lo, hi, &a, b->op, hit);
}

/* startswith, endswith (str or tuple of str[, start[, end]]): b->op 0 start, 1 end */
static int m_affix(BI_ARGS)
{
	struct objinfo me;
	uint64_t *hs = NULL;
	uint32_t n = 1, i, t;
	size_t lo, hi;
	bool hit = false;
	int err = 0;

	if (need_obj(I, &args[0]) || obj_type(I, args[0].h, &t) || obj_read(I, self->h, &me))
		return -1;
	err = slice_range(I, args, nargs, &me, &lo, &hi);
	if (!err && t == PYMM_T_TUPLE)
		err = obj_items(I, args[0].h, &hs, &n);
	else if (!err && t != PYMM_T_STR && me.type == PYMM_T_STR)
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s first arg must be str or a tuple of "
				"str, not %s", b->name, value_class_name(I, args[0].h, t));
	else if (!err && t != PYMM_T_BYTES && t != PYMM_T_BYTEARRAY && me.type != PYMM_T_STR)
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s first arg must be bytes or a tuple "
				"of bytes, not %s", b->name, value_class_name(I, args[0].h, t));
	for (i = 0; i < n && !hit && !err; i++)
		err = affix_match(I, b, &me, lo, hi, hs ? hs[i] : args[0].h, &hit);
	if (hs) {
		close_many(I, hs, n);
		free(hs);
	}
	free(me.s);
	if (err)
		return -1;
	*out = vbool(I, hit);
	return 0;
}

/* removeprefix, removesuffix: b->op 0 prefix, 1 suffix */
static int m_remove_affix(BI_ARGS)
{
	struct objinfo me, a;
	int err;

	if (obj_read(I, self->h, &me))
		return -1;
	if (text_arg(I, me.type, &args[0], &a, "removeprefix() argument must be str")) {
		free(me.s);
		return -1;
	}
	if (!a.len || a.len > me.len ||
	    memcmp(b->op ? me.s + me.len - a.len : me.s, a.s, a.len))
		err = text_same(I, self, &me, out);
	else
		err = text_new(I, me.type, b->op ? me.s : me.s + a.len, me.len - a.len, out);
	free(me.s);
	free(a.s);
	return err;
}

/* partition, rpartition: b->op 0 first, 1 last; a 3-tuple */
static int m_partition(BI_ARGS)
{
	struct objinfo me, sep;
	uint64_t hs[3] = { 0 };
	const char *at = NULL, *p;
	struct value v;
	int err = 0, i;

	if (obj_read(I, self->h, &me))
		return -1;
	if (text_arg(I, me.type, &args[0], &sep, "must be str")) {
		free(me.s);
		return -1;
	}
	if (!sep.len) {
		free(me.s);
		free(sep.s);
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "empty separator");
	}
	if (!b->op)
		at = memmem(me.s, me.len, sep.s, sep.len);
	for (p = me.s + me.len - sep.len; b->op && sep.len <= me.len && p >= me.s; p--)
		if (!memcmp(p, sep.s, sep.len)) {
			at = p;
			break;
		}
	for (i = 0; i < 3 && !err; i++) {
		v.h = 0;
		if (!at && i == (b->op ? 2 : 0))
			err = text_same(I, self, &me, &v);
		else if (!at)
			err = text_new(I, me.type, "", 0, &v);
		else if (i == 1 && me.type != PYMM_T_BYTEARRAY)
			err = dup_of(I, args[0].h, &v);
		else if (i == 1)
			err = text_new(I, me.type, sep.s, sep.len, &v);
		else
			err = i == 0 ? text_new(I, me.type, me.s, at - me.s, &v) :
			      text_new(I, me.type, at + sep.len, me.s + me.len - at - sep.len, &v);
		hs[i] = err ? 0 : v.h;
	}
	if (!err)
		err = new_container(I, PYMM_OP_NEW_TUPLE, hs, 3, out);
	close_many(I, hs, err ? i - 1 : 3);
	free(me.s);
	free(sep.s);
	return err;
}

/* ---------------------------------------------------------- splitting */

/* rsplit(sep=None, maxsplit=-1): pieces found from the right */
static int m_rsplit(BI_ARGS)
{
	struct objinfo me, sep = { 0 };
	struct value *sepv = nargs ? &args[0] : NULL;
	uint64_t *hs = NULL;
	int64_t maxsplit = -1;
	uint32_t cnt = 0, i;
	size_t end;
	int err = 0, k;

	for (k = 0; k < nkw; k++) {
		if (!strcmp(kwn[k], "sep") && !nargs)
			sepv = &args[nargs + k];
		else if (!strcmp(kwn[k], "maxsplit") && nargs < 2)
			err = read_int(I, &args[nargs + k], &maxsplit, NULL);
		else
			return raise_exc(I, PYMM_EXC_TYPE_ERROR,
					 "'%s' is an invalid keyword argument for rsplit()", kwn[k]);
		if (err)
			return -1;
	}
	if (nargs > 1 && read_int(I, &args[1], &maxsplit, NULL))
		return -1;
	if (sepv && sepv->kind == V_OBJ && is_none_h(I, sepv->h))
		sepv = NULL;
	if (obj_read(I, self->h, &me))
		return -1;
	if (sepv && text_arg(I, me.type, sepv, &sep, "must be str or None")) {
		free(me.s);
		return -1;
	}
	if (sepv && !sep.len) {
		free(me.s);
		free(sep.s);
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "empty separator");
	}
	end = me.len;
	while (!err) {
		size_t j = end, start;

		if (sepv) {
			const char *p, *at = NULL;

			for (p = me.s + end - sep.len; maxsplit && sep.len <= end && p >= me.s; p--)
				if (!memcmp(p, sep.s, sep.len)) {
					at = p;
					break;
				}
			if (!at) {
				err = push_text(I, self, &me, me.s, end, true, &hs, &cnt);
				break;
			}
			err = push_text(I, self, &me, at + sep.len, end - (at - me.s) - sep.len,
					true, &hs, &cnt);
			end = at - me.s;
		} else {
			while (j > 0 && text_space_before(me.type, me.s, j))
				j -= text_space_before(me.type, me.s, j);
			if (!j)
				break;
			if (!maxsplit) {
				err = push_text(I, self, &me, me.s, j, false, &hs, &cnt);
				break;
			}
			start = j;
			while (start > 0 && !text_space_before(me.type, me.s, start))
				start = text_before(me.type, me.s, start);
			err = push_text(I, self, &me, me.s + start, j - start, true, &hs, &cnt);
			end = start;
		}
		if (maxsplit > 0)
			maxsplit--;
	}
	for (i = 0; !err && i < cnt / 2; i++) {
		uint64_t t = hs[i];

		hs[i] = hs[cnt - 1 - i];
		hs[cnt - 1 - i] = t;
	}
	if (!err)
		err = new_container(I, PYMM_OP_NEW_LIST, hs, cnt, out);
	close_many(I, hs, cnt);
	free(hs);
	free(me.s);
	free(sep.s);
	return err;
}

/* U+0085, U+2028, U+2029: line breaks to splitlines() that ASCII lacks */
static bool has_unicode_break(const struct objinfo *me)
{
	return memmem(me->s, me->len, "\xc2\x85", 2) || memmem(me->s, me->len, "\xe2\x80\xa8", 3) ||
	       memmem(me->s, me->len, "\xe2\x80\xa9", 3);
}

/* a str's ASCII line breaks; bytes break at \n and \r only */
static bool is_line_break(uint32_t t, char c)
{
	if (t != PYMM_T_STR)
		return c == '\n' || c == '\r';
	return c == '\n' || c == '\r' || c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1e);
}

static int m_splitlines(BI_ARGS)
{
	struct objinfo me;
	uint64_t *hs = NULL;
	uint32_t cnt = 0;
	size_t i = 0, start, eol;
	bool keep = false;
	int err = 0;

	if (nkw && strcmp(kwn[0], "keepends"))
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "'%s' is an invalid keyword argument for splitlines()", kwn[0]);
	if ((nargs || nkw) && truth(I, &args[0], &keep))
		return -1;
	if (obj_read(I, self->h, &me))
		return -1;
	if (me.type == PYMM_T_STR && has_unicode_break(&me)) {
		free(me.s);
		return raise_exc(I, EX_NOT_IMPLEMENTED, "str.splitlines of text with Unicode "
				 "line separators is not supported by pymm");
	}
	while (i < me.len && !err) {
		start = i;
		while (i < me.len && !is_line_break(me.type, me.s[i]))
			i++;
		eol = i;
		if (i < me.len)
			i += me.s[i] == '\r' && i + 1 < me.len && me.s[i + 1] == '\n' ? 2 : 1;
		err = push_text(I, self, &me, me.s + start, (keep ? i : eol) - start, true, &hs,
				&cnt);
	}
	if (!err)
		err = new_container(I, PYMM_OP_NEW_LIST, hs, cnt, out);
	close_many(I, hs, cnt);
	free(hs);
	free(me.s);
	return err;
}

static int m_expandtabs(BI_ARGS)
{
	struct objinfo me;
	struct strbuf sb = { 0 };
	int64_t tab = 8, col = 0;
	size_t i;
	int err;

	if (nkw && strcmp(kwn[0], "tabsize"))
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "'%s' is an invalid keyword argument for expandtabs()", kwn[0]);
	if ((nargs || nkw) && read_int(I, &args[0], &tab, NULL))
		return -1;
	if (obj_read(I, self->h, &me))
		return -1;
	if (!memchr(me.s, '\t', me.len)) {
		err = dup_of(I, self->h, out);
		free(me.s);
		return err;
	}
	sb_add(&sb, "", 0);
	for (i = 0; i < me.len; i++) {
		char c = me.s[i];

		if (c == '\t') {
			int64_t n = tab > 0 ? tab - col % tab : 0;

			col += n;
			for (; n > 0; n--)
				sb_add(&sb, " ", 1);
			continue;
		}
		sb_add(&sb, &c, 1);
		if (c == '\n' || c == '\r')
			col = 0;
		else if (((unsigned char)c & 0xc0) != 0x80)
			col++;
	}
	err = new_str(I, sb.p, sb.n, out);
	sb_free(&sb);
	free(me.s);
	return err;
}


/* sys.intern(s): the heap's interned str equal to s (STR_INTERN) */
static int bi_intern(BI_ARGS)
{
	struct pymm_op op;
	uint32_t t;

	if (need_obj(I, &args[0]) || obj_type(I, args[0].h, &t))
		return -1;
	if (t != PYMM_T_STR)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "intern() argument must be str, not %s",
				 value_class_name(I, args[0].h, t));
	pymm_op_init(&op, PYMM_OP_STR_INTERN);
	op.arg[0] = args[0].h;
	if (op1_raise(I, &op))
		return -1;
	*out = vobj(op.ret[0], true);
	return 0;
}

/* the str methods bytes and bytearray share (bytes_methods.c) */
#define SEARCH_ROWS(o)								\
	ROW(o, "find", 1, 3, BF_ARGTUPLE, m_search, FIND_FIND),			\
	ROW(o, "count", 1, 3, BF_ARGTUPLE, m_search, FIND_COUNT),		\
	ROW(o, "startswith", 1, 3, BF_ARGTUPLE, m_affix, 0),			\
	ROW(o, "endswith", 1, 3, BF_ARGTUPLE, m_affix, 1),			\
	ROW(o, "rfind", 1, 3, BF_ARGTUPLE, m_search, FIND_RFIND),		\
	ROW(o, "index", 1, 3, BF_ARGTUPLE, m_search, FIND_INDEX),		\
	ROW(o, "rindex", 1, 3, BF_ARGTUPLE, m_search, FIND_RINDEX),		\
	ROW(o, "removeprefix", 1, 1, 0, m_remove_affix, 0),			\
	ROW(o, "removesuffix", 1, 1, 0, m_remove_affix, 1),			\
	ROW(o, "partition", 1, 1, 0, m_partition, 0),				\
	ROW(o, "rpartition", 1, 1, 0, m_partition, 1),				\
	ROW(o, "rsplit", 0, 2, BF_KW, m_rsplit, 0),				\
	ROW(o, "splitlines", 0, 1, BF_KW, m_splitlines, 0)

const struct builtin *const builtins_strs[] = {
	ROW(BO_STR, "capitalize", 0, 0, 0, m_recase, CASE_CAPITALIZE),
	ROW(BO_STR, "casefold", 0, 0, 0, m_recase, CASE_CASEFOLD),
	ROW(BO_STR, "swapcase", 0, 0, 0, m_recase, CASE_SWAPCASE),
	ROW(BO_STR, "title", 0, 0, 0, m_recase, CASE_TITLE),
	ROW(BO_STR, "isalnum", 0, 0, 0, m_is, IS_ALNUM),
	ROW(BO_STR, "isalpha", 0, 0, 0, m_is, IS_ALPHA),
	ROW(BO_STR, "isascii", 0, 0, 0, m_is, IS_ASCII),
	ROW(BO_STR, "isdecimal", 0, 0, 0, m_is, IS_DECIMAL),
	ROW(BO_STR, "isdigit", 0, 0, 0, m_is, IS_DIGIT),
	ROW(BO_STR, "isnumeric", 0, 0, 0, m_is, IS_NUMERIC),
	ROW(BO_STR, "isidentifier", 0, 0, 0, m_is, IS_IDENTIFIER),
	ROW(BO_STR, "islower", 0, 0, 0, m_is, IS_LOWER),
	ROW(BO_STR, "isprintable", 0, 0, 0, m_is, IS_PRINTABLE),
	ROW(BO_STR, "isspace", 0, 0, 0, m_is, IS_SPACE),
	ROW(BO_STR, "istitle", 0, 0, 0, m_is, IS_TITLE),
	ROW(BO_STR, "isupper", 0, 0, 0, m_is, IS_UPPER),
	ROW(BO_STR, "center", 1, 2, 0, m_pad, PAD_CENTER),
	ROW(BO_STR, "ljust", 1, 2, 0, m_pad, PAD_LJUST),
	ROW(BO_STR, "rjust", 1, 2, 0, m_pad, PAD_RJUST),
	ROW(BO_STR, "zfill", 1, 1, 0, m_pad, PAD_ZFILL),
	ROW(MOD_SYS, "intern", 1, 1, 0, bi_intern, 0),
	SEARCH_ROWS(BO_STR),
	SEARCH_ROWS(BO_BYTES),
	SEARCH_ROWS(BO_BYTEARRAY),
	ROW(BO_STR, "expandtabs", 0, 1, BF_KW, m_expandtabs, 0),
	NULL,
};
