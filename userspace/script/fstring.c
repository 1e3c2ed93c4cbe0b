// SPDX-License-Identifier: GPL-2.0
/*
 * fstring.c - f-strings, format specs and printf-style `%` formatting, as
 * CPython 3.11's FORMAT_VALUE/BUILD_STRING, format(value, spec) for int,
 * float, str and bool (Python/formatter_unicode.c) and PyUnicode_Format.
 *
 * The pieces an f-string joins are made in user space; the joined str is
 * the one object made in the heap (CPython's intermediate strs die at once
 * and are not GC-tracked: nothing a script observes is lost).
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"
#include "unicase.h"

struct spec {
	char fill[5];		/* one UTF-8 code point */
	char align;		/* 0, '<', '>', '=', '^' */
	char sign;		/* 0, '+', '-', ' ' */
	bool alt, zero;
	bool no_neg_zero;	/* 'z' (PEP 682): -0.0 rounds to 0.0 */
	int64_t width, prec;	/* -1: not given */
	char group;		/* 0, ',', '_' */
	char type;		/* 0 or the type letter */
};

static size_t u8len(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			k++;
	return k;
}

static int parse_spec(struct interp *I, const char *s, size_t n, struct spec *sp)
{
	size_t i = 0, l = 1;

	memset(sp, 0, sizeof(*sp));
	sp->width = -1;
	sp->prec = -1;
	if (n) {
		unsigned char c = (unsigned char)s[0];

		l = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	}
	if (n > l && strchr("<>=^", s[l])) {
		memcpy(sp->fill, s, l);
		sp->align = s[l];
		i = l + 1;
	} else if (n && strchr("<>=^", s[0])) {
		sp->align = s[0];
		i = 1;
	}
	if (i < n && strchr("+- ", s[i]))
		sp->sign = s[i++];
	if (i < n && s[i] == 'z') {
		sp->no_neg_zero = true;
		i++;
	}
	if (i < n && s[i] == '#') {
		sp->alt = true;
		i++;
	}
	if (i < n && s[i] == '0') {
		sp->zero = true;
		i++;
	}
	while (i < n && s[i] >= '0' && s[i] <= '9') {
		sp->width = (sp->width < 0 ? 0 : sp->width) * 10 + (s[i++] - '0');
		if (sp->width > 100000000)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR, "Too many decimal digits in format string");
	}
	if (sp->zero && sp->width < 0)
		sp->width = 0;
	if (i < n && (s[i] == ',' || s[i] == '_'))
		sp->group = s[i++];
	if (i < n && s[i] == '.') {
		i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return raise_exc(I, PYMM_EXC_VALUE_ERROR, "Format specifier missing precision");
		sp->prec = 0;
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			sp->prec = sp->prec * 10 + (s[i++] - '0');
			if (sp->prec > 100000000)
				return raise_exc(I, PYMM_EXC_VALUE_ERROR,
						 "Too many decimal digits in format string");
		}
	}
	if (i < n)
		sp->type = s[i++];
	if (i < n)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "Invalid format specifier");
	if (sp->zero && !sp->align) {
		strcpy(sp->fill, "0");
		sp->align = '=';
	}
	if (!sp->fill[0])
		strcpy(sp->fill, " ");
	return 0;
}

/* sign | body, padded to the width: '=' pads between them */
static void pad(struct strbuf *b, const struct spec *sp, const char *sign, const char *body,
		size_t blen, char dflt)
{
	size_t w = u8len(sign, strlen(sign)) + u8len(body, blen), k, left = 0, right = 0;
	char align = sp->align ? sp->align : dflt;

	if (sp->width > 0 && (size_t)sp->width > w) {
		k = (size_t)sp->width - w;
		if (align == '<')
			right = k;
		else if (align == '^') {
			left = k / 2;
			right = k - left;
		} else {
			left = k;
		}
	}
	if (align != '=')
		while (left--)
			sb_adds(b, sp->fill);
	sb_adds(b, sign);
	if (align == '=')
		while (left--)
			sb_adds(b, sp->fill);
	sb_add(b, body, blen);
	while (right--)
		sb_adds(b, sp->fill);
}

/* digits with a separator every `every` from the right (before any '.') */
static void group_digits(struct strbuf *out, const char *d, size_t n, char sep, int every)
{
	size_t ilen = 0, i;

	while (ilen < n && d[ilen] >= '0' && d[ilen] <= '9')
		ilen++;
	if (!sep)
		every = 0;
	for (i = 0; i < ilen; i++) {
		if (every && i && (ilen - i) % every == 0)
			sb_add(out, &sep, 1);
		sb_add(out, d + i, 1);
	}
	sb_add(out, d + ilen, n - ilen);
}

static int format_int(struct interp *I, int64_t v, const struct spec *sp, struct strbuf *b)
{
	char digits[80], sign[4] = "", prefix[3] = "";
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	int base = 10, every = 3, k = 0;
	struct strbuf body = { 0 }, full = { 0 };

	switch (sp->type) {
	case 0: case 'd': case 'n': break;
	case 'b': base = 2; every = 4; strcpy(prefix, "0b"); break;
	case 'o': base = 8; every = 4; strcpy(prefix, "0o"); break;
	case 'x': case 'X': base = 16; every = 4; strcpy(prefix, sp->type == 'x' ? "0x" : "0X");
		break;
	case 'c':
		if (sp->sign)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR,
					 "Sign not allowed with integer format specifier 'c'");
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "the 'c' format of an int is not supported by pymm");
	default:
		return raise_exc(I, PYMM_EXC_VALUE_ERROR,
				 "Unknown format code '%c' for object of type 'int'", sp->type);
	}
	if (sp->prec >= 0)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR,
				 "Precision not allowed in integer format specifier");
	if (sp->no_neg_zero)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR,
				 "Negative zero coercion (z) not allowed in integer format specifier");
	if (sp->group == ',' && base != 10)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "Cannot specify ',' with '%c'.", sp->type);
	do {
		int d = (int)(u % (unsigned int)base);

		digits[k++] = (char)(d < 10 ? '0' + d : (sp->type == 'X' ? 'A' : 'a') + d - 10);
		u /= (unsigned int)base;
	} while (u);
	{
		char rev[80];
		int i;

		for (i = 0; i < k; i++)
			rev[i] = digits[k - 1 - i];
		group_digits(&body, rev, (size_t)k, sp->group, every);
	}
	if (v < 0)
		strcpy(sign, "-");
	else if (sp->sign == '+' || sp->sign == ' ')
		sign[0] = sp->sign;
	if (sp->alt)
		strcat(sign, prefix);
	if (sp->align == '=' && sp->fill[0] == '0' && sp->group && sp->width > 0) {
		/* zero padding is grouped too: pad the digits, then group */
		struct strbuf raw = { 0 };
		int64_t want = sp->width - (int64_t)strlen(sign);
		char *plain = NULL;
		size_t i, nd = 0;

		for (i = 0; i < body.n; i++)
			if (body.p[i] != sp->group)
				nd++;
		plain = xrealloc(NULL, nd + (size_t)(want > 0 ? want : 0) + 1);
		k = 0;
		/* digits plus the separators they will get, up to the width */
		while (want > 0 &&
		       (int64_t)(nd + (size_t)k + (nd + (size_t)k - 1) / (size_t)every) < want)
			plain[k++] = '0';
		for (i = 0; i < body.n; i++)
			if (body.p[i] != sp->group)
				plain[k++] = body.p[i];
		group_digits(&raw, plain, (size_t)k, sp->group, every);
		sb_adds(b, sign);
		sb_add(b, raw.p, raw.n);
		free(plain);
		sb_free(&raw);
		sb_free(&body);
		return 0;
	}
	pad(&full, sp, sign, body.p ? body.p : "", body.n, '>');
	sb_add(b, full.p, full.n);
	sb_free(&body);
	sb_free(&full);
	return 0;
}

/* is the formatted magnitude zero?  (its digits before any exponent) */
static bool rounds_to_zero(const char *buf)
{
	for (; *buf && *buf != 'e' && *buf != 'E'; buf++)
		if (*buf >= '1' && *buf <= '9')
			return false;
	return true;
}

static int format_float(struct interp *I, double v, const struct spec *sp, struct strbuf *b)
{
	char type = sp->type, buf[512], sign[2] = "";
	int64_t prec = sp->prec;
	struct strbuf body = { 0 }, full = { 0 };
	bool neg = signbit(v), upper = type == 'E' || type == 'F' || type == 'G';

	if (type && !strchr("eEfFgGn%", type))
		return raise_exc(I, PYMM_EXC_VALUE_ERROR,
				 "Unknown format code '%c' for object of type 'float'", type);
	if (prec > 400)
		return raise_exc(I, EX_NOT_IMPLEMENTED, "a precision over 400 is not supported by pymm");
	if (neg && !isnan(v))
		v = -v;
	if (isnan(v) || isinf(v)) {
		snprintf(buf, sizeof(buf), "%s%s", isnan(v) ? (upper ? "NAN" : "nan") :
			 (upper ? "INF" : "inf"), type == '%' ? "%" : "");
	} else if (type == 'f' || type == 'F' || type == '%') {
		snprintf(buf, sizeof(buf), "%.*f%s", (int)(prec < 0 ? 6 : prec),
			 type == '%' ? v * 100 : v, type == '%' ? "%" : "");
	} else if (type == 'e' || type == 'E') {
		snprintf(buf, sizeof(buf), type == 'e' ? "%.*e" : "%.*E",
			 (int)(prec < 0 ? 6 : prec), v);
	} else if (type == 'g' || type == 'G' || type == 'n' || prec >= 0) {
		int p = (int)(prec < 0 ? 6 : prec ? prec : 1);

		snprintf(buf, sizeof(buf), sp->alt ? (upper ? "%#.*G" : "%#.*g") :
			 (upper ? "%.*G" : "%.*g"), p, v);
		/* no type: a whole number keeps one digit after the point */
		if (!type && !strpbrk(buf, ".e"))
			strcat(buf, ".0");
	} else {
		struct strbuf r = { 0 };

		fmt_float(&r, v);
		snprintf(buf, sizeof(buf), "%s", r.p ? r.p : "");
		sb_free(&r);
	}
	if (neg && sp->no_neg_zero && rounds_to_zero(buf))
		neg = false;
	if (neg && !isnan(v))
		strcpy(sign, "-");
	else if (sp->sign == '+' || sp->sign == ' ')
		sign[0] = sp->sign;
	group_digits(&body, buf, strlen(buf), sp->group, 3);
	pad(&full, sp, sign, body.p, body.n, '>');
	sb_add(b, full.p, full.n);
	sb_free(&body);
	sb_free(&full);
	return 0;
}

static int format_str(struct interp *I, const char *s, size_t n, const struct spec *sp,
		      struct strbuf *b)
{
	size_t cut = n;

	if (sp->no_neg_zero)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR,
				 "Negative zero coercion (z) not allowed in string format specifier");
	if (sp->type && sp->type != 's')
		return raise_exc(I, PYMM_EXC_VALUE_ERROR,
				 "Unknown format code '%c' for object of type 'str'", sp->type);
	if (sp->sign)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR,
				 "Sign not allowed in string format specifier");
	if (sp->align == '=')
		return raise_exc(I, PYMM_EXC_VALUE_ERROR,
				 "'=' alignment not allowed in string format specifier");
	if (sp->group)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "Cannot specify '%c' with 's'.", sp->group);
	if (sp->prec >= 0) {
		size_t i, k = 0;

		for (i = 0; i < n; i++) {
			if (((unsigned char)s[i] & 0xc0) != 0x80) {
				if ((int64_t)k == sp->prec)
					break;
				k++;
			}
		}
		cut = i;
	}
	pad(b, sp, "", s, cut, '<');
	return 0;
}

/*
 * PyObject_Format() of an instance: its class's __format__(spec), which
 * must give a str; without one, object.__format__: str(v) for an empty
 * spec, else the TypeError.  1: v is not an instance (the caller goes on).
 */
static int format_instance(struct interp *I, const struct value *v, const char *spec,
			   size_t n, struct strbuf *b)
{
	struct value arg, res;
	struct objinfo oi;
	uint32_t t;
	int r;

	if (v->kind != V_OBJ || obj_type(I, v->h, &t))
		return v->kind != V_OBJ ? 1 : -1;
	if (t != PYMM_T_INSTANCE)
		return 1;
	if (new_str(I, spec, n, &arg))
		return -1;
	r = call_special(I, v->h, "__format__", &arg, 1, &res);
	vrelease(I, &arg);
	if (r < 0)
		return -1;
	if (r == 1) {
		if (!n)
			return value_repr(I, v, b, true);
		if (obj_read(I, v->h, &oi))	/* an instance reads as its class's name */
			return -1;
		r = raise_exc(I, PYMM_EXC_TYPE_ERROR,
			      "unsupported format string passed to %s.__format__",
			      oi.s && oi.len ? oi.s : "object");
		free(oi.s);
		return r;
	}
	if (need_obj(I, &res) || obj_read(I, res.h, &oi)) {
		vrelease(I, &res);
		return -1;
	}
	r = oi.type == PYMM_T_STR ? 0 :
	    raise_exc(I, PYMM_EXC_TYPE_ERROR, "__format__ must return a str, not %s",
		      objinfo_type_name(&oi));
	if (!r)
		sb_add(b, oi.s, oi.len);
	free(oi.s);
	vrelease(I, &res);
	return r;
}

/* format(v, spec) into b */
int format_value(struct interp *I, const struct value *v, const char *spec, size_t n,
		 struct strbuf *b)
{
	struct objinfo oi;
	struct spec sp;
	int err;

	err = format_instance(I, v, spec, n, b);
	if (err <= 0)
		return err;
	if (!n)
		return value_repr(I, v, b, true);
	if (need_obj(I, v) || obj_read(I, v->h, &oi))
		return -1;
	err = parse_spec(I, spec, n, &sp);
	if (!err) {
		switch (oi.type) {
		case PYMM_T_INT:
		case PYMM_T_BOOL:
			if (sp.type && strchr("eEfFgG%", sp.type))
				err = format_float(I, (double)oi.i, &sp, b);
			else
				err = format_int(I, oi.i, &sp, b);
			break;
		case PYMM_T_FLOAT:
			err = format_float(I, oi.f, &sp, b);
			break;
		case PYMM_T_STR:
			err = format_str(I, oi.s, oi.len, &sp, b);
			break;
		default:
			err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
					"unsupported format string passed to %s.__format__",
					oi.type == PYMM_T_NONE ? "NoneType" : type_name(oi.type));
		}
	}
	free(oi.s);
	return err;
}

/*
 * The result of a format that is one field and nothing else (format(s),
 * f"{s}", "{}".format(s)): when the value is a str and the text made of it
 * is its own, CPython's writer hands back the str itself (a fresh
 * _PyUnicodeWriter shares its first str); else a new str of p.  A !r
 * conversion made another str first: the caller passes is_repr.
 */
int format_result(struct interp *I, const struct value *v, bool is_repr, const char *p,
		  size_t n, struct value *out)
{
	struct objinfo oi;
	bool same;

	if (!is_repr && v->kind == V_OBJ && PYMM_HANDLE_TYPE(v->h) == PYMM_T_STR) {
		if (obj_read(I, v->h, &oi))
			return -1;
		same = oi.len == n && !memcmp(oi.s, p, n);
		free(oi.s);
		if (same)
			return dup_of(I, v->h, out);
	}
	return new_str(I, p ? p : "", n, out);
}

/* format(value[, format_spec]): what f"{value:format_spec}" gives */
static int bi_format(BI_ARGS)
{
	struct objinfo spec = { 0 };
	struct strbuf sb = { 0 };
	int err;

	if (nargs > 1) {
		if (need_obj(I, &args[1]) || obj_read(I, args[1].h, &spec))
			return -1;
		if (spec.type != PYMM_T_STR) {
			err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "format() argument 2 must be str, "
					"not %s", objinfo_type_name(&spec));
			free(spec.s);
			return err;
		}
	}
	sb_add(&sb, "", 0);
	err = format_value(I, &args[0], spec.s ? spec.s : "", spec.s ? spec.len : 0, &sb);
	if (!err)
		err = format_result(I, &args[0], false, sb.p, sb.n, out);
	sb_free(&sb);
	free(spec.s);
	return err;
}

const struct builtin *const builtins_format[] = {
	ROW(BO_BUILTINS, "format", 1, 2, 0, bi_format, 0),
	NULL
};

/* str/repr/ascii conversion of an f-string field */
static int convert(struct interp *I, const struct value *v, int conv, struct strbuf *b)
{
	if (conv == 'a')
		return raise_exc(I, EX_NOT_IMPLEMENTED, "the !a conversion is not supported by pymm");
	return value_repr(I, v, b, conv != 'r');
}

/* *last: the value of a one-field f-string (new), for format_result() */
static int fstring_text(struct interp *I, struct node *f, struct strbuf *b, struct value *last)
{
	int i;

	for (i = 0; i < f->fstring.values.n; i++) {
		struct node *part = f->fstring.values.v[i];
		struct strbuf spec = { 0 };
		struct value v;
		int err = 0;

		if (part->kind == N_CONST) {
			sb_add(b, part->constant.value->s, part->constant.value->len);
			continue;
		}
		if (eval(I, part->fvalue.value, &v))
			return -1;
		if (part->fvalue.format_spec)
			err = fstring_text(I, part->fvalue.format_spec, &spec, NULL);
		if (!err && part->fvalue.conversion) {
			struct strbuf conv = { 0 };
			struct value sv;

			err = convert(I, &v, part->fvalue.conversion, &conv);
			if (!err && spec.n) {
				err = new_str(I, conv.p ? conv.p : "", conv.n, &sv);
				if (!err) {
					err = format_value(I, &sv, spec.p, spec.n, b);
					vrelease(I, &sv);
				}
			} else if (!err) {
				sb_add(b, conv.p, conv.n);
			}
			sb_free(&conv);
		} else if (!err) {
			err = format_value(I, &v, spec.p ? spec.p : "", spec.n, b);
		}
		sb_free(&spec);
		if (!err && last && f->fstring.values.n == 1 && part->fvalue.conversion != 'r') {
			*last = v;	/* the caller may hand it back as it is */
			continue;
		}
		vrelease(I, &v);
		if (err)
			return -1;
	}
	return 0;
}

int eval_fstring(struct interp *I, struct node *f, struct value *out)
{
	struct strbuf b = { 0 };
	struct value last = { 0 };
	int err = fstring_text(I, f, &b, &last);

	if (!err)
		err = format_result(I, &last, last.kind == V_NULL, b.p, b.n, out);
	vrelease(I, &last);
	sb_free(&b);
	return err;
}

/* ------------------------------------------------------ printf style */

/* one %-conversion of v into b */
static int percent_one(struct interp *I, char type, const struct spec *sp, const struct value *v,
		       struct strbuf *b)
{
	struct objinfo oi;
	int err = 0;

	if (type == 's' || type == 'r' || type == 'a') {
		struct strbuf t = { 0 };

		err = type == 'a' ? convert(I, v, 'a', &t) : value_repr(I, v, &t, type == 's');
		if (!err) {
			struct spec s2 = *sp;

			s2.type = 0;
			s2.sign = 0;
			s2.group = 0;
			if (s2.align == '=')
				s2.align = 0;
			err = format_str(I, t.p ? t.p : "", t.n, &s2, b);
		}
		sb_free(&t);
		return err;
	}
	if (need_obj(I, v) || obj_read(I, v->h, &oi))
		return -1;
	if (type == 'c') {
		/* formatchar(): an int's character, or a str of one character */
		struct spec s2 = *sp;
		char u[4];
		size_t k = 0;

		s2.type = 0;
		s2.sign = 0;
		s2.group = 0;
		s2.prec = -1;
		if (s2.align == '=')
			s2.align = 0;
		if (oi.type == PYMM_T_INT || oi.type == PYMM_T_BOOL) {
			if (oi.i < 0 || oi.i > 0x10ffff)
				err = raise_exc(I, PYMM_EXC_OVERFLOW_ERROR,
						"%%c arg not in range(0x110000)");
			else if (!oi.i || (oi.i >= 0xd800 && oi.i <= 0xdfff))
				err = raise_exc(I, EX_NOT_IMPLEMENTED, "%%c of a NUL or a "
						"surrogate is not supported by pymm");
			else
				uc_encode((uint32_t)oi.i, u, &k);
		} else if (oi.type == PYMM_T_STR && oi.len && oi.len == uc_char_len(oi.s[0])) {
			memcpy(u, oi.s, oi.len);
			k = oi.len;
		} else {
			err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "%%c requires int or char");
		}
		if (!err)
			err = format_str(I, u, k, &s2, b);
		free(oi.s);
		return err;
	}
	if (oi.type != PYMM_T_INT && oi.type != PYMM_T_BOOL && oi.type != PYMM_T_FLOAT) {
		if (strchr("diu", type))
			err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
					"%%%c format: a real number is required, not %s", type,
					type_name(oi.type));
		else if (strchr("oxXc", type))
			err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
					"%%%c format: an integer is required, not %s", type,
					type_name(oi.type));
		else
			err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "must be real number, not %s",
					type_name(oi.type));
	} else if (strchr("diu", type)) {
		struct spec s2 = *sp;

		s2.type = 'd';
		s2.prec = -1;
		err = format_int(I, oi.type == PYMM_T_FLOAT ? (int64_t)oi.f : oi.i, &s2, b);
	} else if (strchr("oxX", type)) {
		struct spec s2 = *sp;

		if (oi.type == PYMM_T_FLOAT)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR,
					 "%%%c format: an integer is required, not float", type);
		s2.type = type;
		s2.prec = -1;
		err = format_int(I, oi.i, &s2, b);
	} else if (strchr("eEfFgG", type)) {
		struct spec s2 = *sp;

		s2.type = type;
		err = format_float(I, oi.type == PYMM_T_FLOAT ? oi.f : (double)oi.i, &s2, b);
	} else {
		err = raise_exc(I, EX_NOT_IMPLEMENTED, "the %%%c format is not supported by pymm",
				type);
	}
	free(oi.s);
	return err;
}

/* str % args; 1 = not a str on the left (not ours) */
int lang_percent(struct interp *I, const struct value *a, const struct value *b,
		 struct value *out)
{
	struct objinfo fo;
	uint64_t *args = NULL;
	uint32_t nargs = 1, used = 0;
	uint32_t bt = 0;
	struct strbuf res = { 0 };
	size_t i;
	int err = 0;

	if (need_obj(I, a) || need_obj(I, b) || obj_read(I, a->h, &fo))
		return -1;
	if (fo.type == PYMM_T_BYTES || fo.type == PYMM_T_BYTEARRAY) {
		/* PEP 461's bytes formatting: CPython has it, pymm does not */
		free(fo.s);
		return raise_exc(I, EX_NOT_IMPLEMENTED, "%s %% formatting is not supported by pymm",
				 type_name(fo.type));
	}
	if (fo.type != PYMM_T_STR) {
		free(fo.s);
		return 1;
	}
	if (obj_type(I, b->h, &bt)) {
		free(fo.s);
		return -1;
	}
	if (bt == PYMM_T_TUPLE) {
		if (obj_items(I, b->h, &args, &nargs)) {
			free(fo.s);
			return -1;
		}
	}
	for (i = 0; i < fo.len && !err; i++) {
		struct spec sp;
		char c = fo.s[i];
		struct value v;

		if (c != '%') {
			sb_add(&res, &c, 1);
			continue;
		}
		if (++i >= fo.len) {
			err = raise_exc(I, PYMM_EXC_VALUE_ERROR, "incomplete format");
			break;
		}
		if (fo.s[i] == '%') {
			sb_adds(&res, "%");
			continue;
		}
		if (fo.s[i] == '(') {
			err = raise_exc(I, EX_NOT_IMPLEMENTED,
					"'%%(name)' formats are not supported by pymm");
			break;
		}
		memset(&sp, 0, sizeof(sp));
		sp.width = -1;
		sp.prec = -1;
		strcpy(sp.fill, " ");
		sp.align = '>';
		for (; i < fo.len && strchr("-+ #0", fo.s[i]); i++) {
			switch (fo.s[i]) {
			case '-': sp.align = '<'; break;
			case '+': sp.sign = '+'; break;
			case ' ': if (!sp.sign) sp.sign = ' '; break;
			case '#': sp.alt = true; break;
			case '0': sp.zero = true; break;
			}
		}
		if (i < fo.len && fo.s[i] == '*') {
			err = raise_exc(I, EX_NOT_IMPLEMENTED, "'*' widths are not supported by pymm");
			break;
		}
		while (i < fo.len && fo.s[i] >= '0' && fo.s[i] <= '9')
			sp.width = (sp.width < 0 ? 0 : sp.width) * 10 + (fo.s[i++] - '0');
		if (i < fo.len && fo.s[i] == '.') {
			sp.prec = 0;
			for (i++; i < fo.len && fo.s[i] >= '0' && fo.s[i] <= '9'; i++)
				sp.prec = sp.prec * 10 + (fo.s[i] - '0');
		}
		if (sp.zero && sp.align != '<') {
			strcpy(sp.fill, "0");
			sp.align = '=';
		}
		if (i >= fo.len) {
			err = raise_exc(I, PYMM_EXC_VALUE_ERROR, "incomplete format");
			break;
		}
		if (used >= nargs) {
			err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "not enough arguments for format string");
			break;
		}
		v = vobj(args ? args[used] : b->h, false);
		used++;
		if (!strchr("sradiuoxXeEfFgGc", fo.s[i])) {
			err = raise_exc(I, PYMM_EXC_VALUE_ERROR,
					"unsupported format character '%c' (0x%x) at index %zu",
					fo.s[i], (unsigned char)fo.s[i], i);
			break;
		}
		err = percent_one(I, fo.s[i], &sp, &v, &res);
	}
	if (!err && used < nargs && (bt == PYMM_T_TUPLE || used == 0))
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
				"not all arguments converted during string formatting");
	if (!err)
		err = new_str(I, res.p ? res.p : "", res.n, out);
	if (args) {
		close_many(I, args, nargs);
		free(args);
	}
	sb_free(&res);
	free(fo.s);
	return err;
}
