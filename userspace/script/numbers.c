// SPDX-License-Identifier: GPL-2.0
/*
 * numbers.c - the methods of int (and bool) and float a script calls:
 * int.bit_length, to_bytes, from_bytes (a classmethod), conjugate,
 * as_integer_ratio; float.is_integer, as_integer_ratio, conjugate.  Each
 * is computed here from the value the heap holds, with CPython 3.11's
 * results and error texts (Objects/longobject.c, floatobject.c); a result
 * past pymm's 64-bit ints is the usual OverflowError of pymm's range.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/*
 * Binds the arguments of a method taking (positional or keyword) names[0..]
 * and keyword-only kwonly[]: out[i] points at the argument or is NULL.
 */
static int bind_named(struct interp *I, const char *fname, struct value *args, int nargs,
		      const char *const *kwn, int nkw, const char *const *names, int npos,
		      const char *const *kwonly, int nkwonly, struct value **out)
{
	int i, k;

	memset(out, 0, (size_t)(npos + nkwonly) * sizeof(*out));
	for (i = 0; i < nargs; i++)
		out[i] = &args[i];
	for (k = 0; k < nkw; k++) {
		for (i = 0; i < npos + nkwonly; i++)
			if (!strcmp(kwn[k], i < npos ? names[i] : kwonly[i - npos]))
				break;
		if (i == npos + nkwonly)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR, "'%s' is an invalid keyword "
					 "argument for %s()", kwn[k], fname);
		if (out[i])
			return raise_exc(I, PYMM_EXC_TYPE_ERROR, "argument for %s() given by name "
					 "('%s') and position (%d)", fname, kwn[k], i + 1);
		out[i] = &args[nargs + k];
	}
	return 0;
}

/* byteorder: 'little' (1) or 'big' (0) */
static int byteorder_of(struct interp *I, struct value *v, bool *little)
{
	struct objinfo oi;
	int err = 0;

	*little = false;
	if (!v)
		return 0;
	if (str_of(I, v, &oi, "to_bytes() argument 'byteorder' must be str"))
		return -1;
	if (!strcmp(oi.s, "little"))
		*little = true;
	else if (strcmp(oi.s, "big"))
		err = raise_exc(I, PYMM_EXC_VALUE_ERROR,
				"byteorder must be either 'little' or 'big'");
	free(oi.s);
	return err;
}

static int truth_of_arg(struct interp *I, struct value *v, bool *res)
{
	*res = false;
	return v ? truth(I, v, res) : 0;
}

static int m_bit_length(BI_ARGS)
{
	int64_t v;
	uint64_t m;

	if (read_int(I, self, &v, NULL))
		return -1;
	m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	return new_int(I, m ? 64 - __builtin_clzll(m) : 0, out);
}

/* int.to_bytes(length=1, byteorder='big', *, signed=False) */
static int m_to_bytes(BI_ARGS)
{
	static const char *const pos[] = { "length", "byteorder" }, *const kwo[] = { "signed" };
	struct value *a[3];
	int64_t v, len = 1, i;
	bool little, is_signed;
	unsigned char *buf;
	uint64_t u;
	int err;

	if (bind_named(I, "to_bytes", args, nargs, kwn, nkw, pos, 2, kwo, 1, a) ||
	    read_int(I, self, &v, NULL) || (a[0] && read_int(I, a[0], &len, NULL)) ||
	    byteorder_of(I, a[1], &little) || truth_of_arg(I, a[2], &is_signed))
		return -1;
	if (len < 0)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "length argument must be non-negative");
	if (v < 0 && !is_signed)
		return raise_exc(I, PYMM_EXC_OVERFLOW_ERROR, "can't convert negative int to unsigned");
	/* does v fit in len bytes? */
	if (len < 8) {
		int64_t lim = (int64_t)1 << (8 * len - (is_signed ? 1 : 0));

		if (len == 0 ? v != 0 : (v >= lim || v < (is_signed ? -lim : 0)))
			return raise_exc(I, PYMM_EXC_OVERFLOW_ERROR, "int too big to convert");
	}
	if (len > PYMM_DATA_MAX)
		return raise_exc(I, EX_NOT_IMPLEMENTED, "to_bytes() of more than %u bytes is not "
				 "supported by pymm", PYMM_DATA_MAX);
	buf = xrealloc(NULL, (size_t)len + 1);
	u = (uint64_t)v;
	for (i = 0; i < len; i++) {
		/* past the 8 value bytes, the sign fills */
		unsigned char byte = i < 8 ? (unsigned char)(u >> (8 * i)) : (v < 0 ? 0xff : 0);

		buf[little ? i : len - 1 - i] = byte;
	}
	err = new_scalar(I, PYMM_OP_NEW_BYTES, 0, buf, (size_t)len, out);
	free(buf);
	return err ? -1 : 0;
}

/* int.from_bytes(bytes, byteorder='big', *, signed=False): a classmethod */
static int m_from_bytes(BI_ARGS)
{
	static const char *const pos[] = { "bytes", "byteorder" }, *const kwo[] = { "signed" };
	struct value *a[3];
	bool little, is_signed;
	struct objinfo oi;
	uint64_t u = 0;
	size_t i, sig = 0;
	int err = 0;

	if (bind_named(I, "from_bytes", args, nargs, kwn, nkw, pos, 2, kwo, 1, a))
		return -1;
	if (!a[0])
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "from_bytes() missing required argument "
				 "'bytes' (pos 1)");
	if (byteorder_of(I, a[1], &little) || truth_of_arg(I, a[2], &is_signed) ||
	    need_obj(I, a[0]) || obj_read(I, a[0]->h, &oi))
		return -1;
	if (oi.type != PYMM_T_BYTES && oi.type != PYMM_T_BYTEARRAY) {
		free(oi.s);
		return raise_exc(I, EX_NOT_IMPLEMENTED, "int.from_bytes() of a '%s' is not "
				 "supported by pymm", objinfo_type_name(&oi));
	}
	/* the significant bytes, most significant first */
	for (i = 0; i < oi.len; i++) {
		unsigned char b = (unsigned char)oi.s[little ? oi.len - 1 - i : i];

		if (sig == 0 && b == 0)
			continue;
		if (++sig > 8)
			err = 1;
		u = u << 8 | b;
	}
	if (is_signed && oi.len) {
		unsigned char top = (unsigned char)oi.s[little ? oi.len - 1 : 0];

		if (top & 0x80) {
			/* negative: the bytes past 8 must all be 0xff */
			u = 0;
			for (i = 0, sig = 0, err = 0; i < oi.len; i++) {
				unsigned char b = (unsigned char)oi.s[little ? oi.len - 1 - i : i];

				if (oi.len - i > 8 && b != 0xff)
					err = 1;
				u = u << 8 | b;
			}
			if (oi.len < 8)
				u |= ~(uint64_t)0 << (8 * oi.len);
			free(oi.s);
			return err ? overflow_range(I) : new_int(I, (int64_t)u, out);
		}
	}
	free(oi.s);
	if (err || u > INT64_MAX)
		return overflow_range(I);
	return new_int(I, (int64_t)u, out);
}

/* int.conjugate(), float.conjugate(): the number itself */
static int m_conjugate(BI_ARGS)
{
	uint32_t t;

	if (obj_type(I, self->h, &t))
		return -1;
	if (t == PYMM_T_BOOL) {
		bool b;

		return truth(I, self, &b) || new_int(I, b, out) ? -1 : 0;
	}
	return need_obj(I, self) || dup_of(I, self->h, out) ? -1 : 0;
}

static int pair(struct interp *I, int64_t n, int64_t d, struct value *out)
{
	struct value v[2];
	uint64_t hs[2];
	int err;

	if (new_int(I, n, &v[0]))
		return -1;
	if (new_int(I, d, &v[1])) {
		vrelease(I, &v[0]);
		return -1;
	}
	hs[0] = v[0].h;
	hs[1] = v[1].h;
	err = new_container(I, PYMM_OP_NEW_TUPLE, hs, 2, out);
	vrelease(I, &v[0]);
	vrelease(I, &v[1]);
	return err;
}

static int m_int_ratio(BI_ARGS)
{
	int64_t v;

	return read_int(I, self, &v, NULL) ? -1 : pair(I, v, 1, out);
}

static int read_float(struct interp *I, const struct value *v, double *d)
{
	struct objinfo oi;

	if (need_obj(I, v) || obj_read(I, v->h, &oi))
		return -1;
	*d = oi.f;
	free(oi.s);
	return 0;
}

static int m_is_integer(BI_ARGS)
{
	double d;

	if (read_float(I, self, &d))
		return -1;
	*out = vbool(I, isfinite(d) && d == floor(d));
	return 0;
}

/* float.as_integer_ratio(): exact, the denominator a power of two */
static int m_float_ratio(BI_ARGS)
{
	double d, m;
	int e;
	int64_t n, den = 1;

	if (read_float(I, self, &d))
		return -1;
	if (isinf(d))
		return raise_exc(I, PYMM_EXC_OVERFLOW_ERROR,
				 "cannot convert Infinity to integer ratio");
	if (isnan(d))
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "cannot convert NaN to integer ratio");
	m = frexp(d, &e);
	/* float_as_integer_ratio(): shift the mantissa until it is whole */
	while (m != floor(m)) {
		m *= 2.0;
		e--;
	}
	if (fabs(m) >= 9.2e18 || e > 62 || e < -62)
		return overflow_range(I);
	n = (int64_t)m;
	if (e > 0) {
		if (e >= 63 || llabs(n) > INT64_MAX >> e)
			return overflow_range(I);
		n <<= e;
	} else {
		den = (int64_t)1 << -e;
	}
	return pair(I, n, den, out);
}

const struct builtin *const builtins_numbers[] = {
	ROW(BO_INT, "bit_length", 0, 0, 0, m_bit_length, 0),
	ROW(BO_INT, "to_bytes", 0, 2, BF_KW, m_to_bytes, 0),
	ROW(BO_INT, "from_bytes", 0, 2, BF_KW | BF_CLASSMETH, m_from_bytes, 0),
	ROW(BO_INT, "conjugate", 0, 0, 0, m_conjugate, 0),
	ROW(BO_INT, "as_integer_ratio", 0, 0, 0, m_int_ratio, 0),
	ROW(BO_FLOAT, "is_integer", 0, 0, 0, m_is_integer, 0),
	ROW(BO_FLOAT, "as_integer_ratio", 0, 0, 0, m_float_ratio, 0),
	ROW(BO_FLOAT, "conjugate", 0, 0, 0, m_conjugate, 0),
	NULL
};
