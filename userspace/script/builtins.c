// SPDX-License-Identifier: GPL-2.0
/*
 * builtins.c - the builtins and the gc/sys/weakref modules: the name
 * table and what each builtin does.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "interp.h"
#include "unicase.h"

static const char *const mod_names[NMODS] = { "gc", "sys", "weakref", "operator", "collections",
						"functools", "itertools" };

/* the rows of every table, in one array: an id is an index */
static const struct builtin *const *tables[] = {
	builtins_core, builtins_funcs, builtins_methods, builtins_exc, builtins_exc_sys, builtins_gen,
	builtins_frames,
	builtins_descr, builtins_iters, builtins_sets, builtins_strs, builtins_weak, builtins_proxy,
	builtins_dir, builtins_types,
	builtins_bytearray, builtins_bytes, builtins_streams, builtins_numbers, builtins_format,
	builtins_operator, builtins_reflect, builtins_object, builtins_translate, builtins_new,
};
/*
 * Every row once, flattened (an id is an index), and a hash index of
 * (owner, name) over them: a script loads a builtin's name on every call of
 * it, and a linear scan with strcmp() over some 200 rows was 40% of a
 * loop's time (tests/bench/scripts/int_loop.py).  Built on first use; the
 * tables never change after.
 */
static const struct builtin **flat;
static int nflat;
static int *hash_ids;		/* id + 1; 0: empty */
static unsigned int hash_mask;

static unsigned int builtin_hash(int owner, const char *name)
{
	uint32_t h = 2166136261u ^ (uint32_t)owner;	/* FNV-1a */

	while (*name)
		h = (h ^ (unsigned char)*name++) * 16777619u;
	return h;
}

static void index_tables(void)
{
	unsigned int t, slot;
	int n, id;

	nflat = 0;
	for (t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (n = 0; tables[t][n]; n++)
			nflat++;
	flat = xrealloc(NULL, (size_t)nflat * sizeof(*flat));
	for (id = 0, t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (n = 0; tables[t][n]; n++)
			flat[id++] = tables[t][n];
	for (hash_mask = 64; hash_mask < 4u * (unsigned int)nflat; hash_mask <<= 1)
		;
	hash_ids = xrealloc(NULL, hash_mask * sizeof(*hash_ids));
	memset(hash_ids, 0, hash_mask * sizeof(*hash_ids));
	hash_mask--;
	/* the first row of a name wins, as the scan it replaces found it */
	for (id = 0; id < nflat; id++) {
		slot = builtin_hash(flat[id]->owner, flat[id]->name) & hash_mask;
		while (hash_ids[slot] && !(flat[hash_ids[slot] - 1]->owner == flat[id]->owner &&
					    !strcmp(flat[hash_ids[slot] - 1]->name, flat[id]->name)))
			slot = (slot + 1) & hash_mask;
		if (!hash_ids[slot])
			hash_ids[slot] = id + 1;
	}
}

const struct builtin *builtin_get(int id)
{
	if (!flat)
		index_tables();
	return id >= 0 && id < nflat ? flat[id] : NULL;
}

int module_index(const char *name)
{
	int i;

	for (i = 0; i < NMODS; i++)
		if (mod_names[i][0] == name[0] && !strcmp(mod_names[i], name))
			return i;
	return -1;
}

const char *module_name(int mod)
{
	if (mod == BO_STDOUT || mod == BO_STDERR)
		return mod == BO_STDOUT ? "sys.stdout" : "sys.stderr";
	return mod >= 0 && mod < NMODS ? mod_names[mod] : "?";
}

const char *builtin_name(int id)
{
	const struct builtin *b = builtin_get(id);

	return b ? b->name : "?";
}

/* the type a method belongs to: "list", "dict", "str" */
const char *builtin_owner_name(int id)
{
	const struct builtin *b = builtin_get(id);

	if (!b)
		return "?";
	switch (b->owner) {
	case BO_LIST:
		return "list";
	case BO_DICT:
		return "dict";
	case BO_STR:
		return "str";
	case BO_EXC:
		return "BaseException";
	case BO_PROPERTY:
		return "property";
	case BO_SET:
		return "set";
	case BO_OBJECT:
		return "object";
	case BO_BYTEARRAY:
		return "bytearray";
	case BO_TUPLE:
		return "tuple";
	case BO_BYTES:
		return "bytes";
	case BO_INT:
		return "int";
	case BO_FLOAT:
		return "float";
	}
	return b->owner >= 0 && b->owner < NMODS ? mod_names[b->owner] : "builtins";
}

/* owner: BO_BUILTINS (-1), a module, or a type's methods (BO_LIST ...) */
int builtin_lookup(int owner, const char *name)
{
	const struct builtin *b;
	unsigned int slot;

	if (!flat)
		index_tables();
	for (slot = builtin_hash(owner, name) & hash_mask; hash_ids[slot];
	     slot = (slot + 1) & hash_mask) {
		b = flat[hash_ids[slot] - 1];
		if (b->owner == owner && !strcmp(b->name, name))
			return hash_ids[slot] - 1;
	}
	return -1;
}

/* the methods of a heap type, as LOAD_METHOD finds them */
int builtin_method_lookup(uint32_t type, const char *name)
{
	switch (type) {
	case PYMM_T_LIST:
		return builtin_lookup(BO_LIST, name);
	case PYMM_T_DICT:
		return builtin_lookup(BO_DICT, name);
	case PYMM_T_STR:
		return builtin_lookup(BO_STR, name);
	case PYMM_T_GENERATOR:
		return builtin_lookup(BO_GEN, name);
	case PYMM_T_DESCR:
		return builtin_lookup(BO_PROPERTY, name);
	case PYMM_T_SET:
		return builtin_lookup(BO_SET, name);
	case PYMM_T_BYTEARRAY:
		return builtin_lookup(BO_BYTEARRAY, name);
	case PYMM_T_TUPLE:
		return builtin_lookup(BO_TUPLE, name);
	case PYMM_T_BYTES:
		return builtin_lookup(BO_BYTES, name);
	case PYMM_T_INT:
	case PYMM_T_BOOL:
		return builtin_lookup(BO_INT, name);
	case PYMM_T_FLOAT:
		return builtin_lookup(BO_FLOAT, name);
	}
	return -1;
}

/*
 * Appends to *hs (n used of *cap) the handles a gc list op answers for
 * arg0, growing the array until the answer fits; the handles are new.
 */
static int gc_fetch_handles(struct interp *I, uint32_t code, uint64_t arg0,
			    uint64_t **hs, size_t *n, size_t *cap)
{
	size_t room = *cap - *n < 256 ? 256 : *cap - *n;
	struct pymm_op op;

	for (;;) {
		*cap = *n + room;
		*hs = xrealloc(*hs, *cap * sizeof(uint64_t));
		pymm_op_init(&op, code);
		op.arg[0] = arg0;
		pymm_op_set_data(&op, *hs + *n, room * sizeof(uint64_t));
		if (op1(I, &op))
			return -1;
		if ((op.out_flags & PYMM_OUTF_TRUNC) || op.error == -ENOSPC) {
			room = op.data_len / 8 > room ? op.data_len / 8 : room * 4;
			continue;
		}
		break;
	}
	if (op.error)
		return raise_op(I, &op, pymm_op_name(code));
	*n += (uint32_t)op.ret[0];
	return 0;
}

/* a new list of the handles (which it consumes) */
static int gc_handles_to_list(struct interp *I, uint64_t *hs, size_t n, struct value *out)
{
	int err = new_container(I, PYMM_OP_NEW_LIST, hs, (uint32_t)n, out);

	close_many(I, hs, (uint32_t)n);
	free(hs);
	return err;
}

static int gc_list_op(struct interp *I, uint32_t code, uint64_t arg0, struct value *out)
{
	size_t n = 0, cap = 0;
	uint64_t *hs = NULL;

	if (gc_fetch_handles(I, code, arg0, &hs, &n, &cap)) {
		close_many(I, hs, (uint32_t)n);
		free(hs);
		return -1;
	}
	return gc_handles_to_list(I, hs, n, out);
}

static int gc_triple(struct interp *I, uint32_t code, struct value *out)
{
	uint64_t v[3] = { 0 }, hs[3];
	struct value iv[3];
	struct pymm_op op;
	int i, err;

	pymm_op_init(&op, code);
	pymm_op_set_data(&op, v, sizeof(v));
	if (op1(I, &op))
		return -1;
	if (op.error)
		return raise_op(I, &op, pymm_op_name(code));
	for (i = 0; i < 3; i++) {
		if (new_int(I, (int64_t)v[i], &iv[i])) {
			release_many(I, iv, i);
			return -1;
		}
		hs[i] = iv[i].h;
	}
	err = new_container(I, PYMM_OP_NEW_TUPLE, hs, 3, out);
	release_many(I, iv, 3);
	return err;
}

static int gc_stats(struct interp *I, struct value *out)
{
	struct pymm_gc_gen_stats st[3];
	static const char *const keys[3] = { "collections", "collected", "uncollectable" };
	struct value dicts[3], kv[6];
	uint64_t hs[6], dh[3];
	struct pymm_op op;
	int g, k, err = 0;

	memset(st, 0, sizeof(st));
	pymm_op_init(&op, PYMM_OP_GC_GET_STATS);
	pymm_op_set_data(&op, st, sizeof(st));
	if (op1(I, &op))
		return -1;
	if (op.error)
		return raise_op(I, &op, "gc.get_stats");
	for (g = 0; g < 3 && !err; g++) {
		uint64_t vals[3] = { st[g].collections, st[g].collected, st[g].uncollectable };

		for (k = 0; k < 3 && !err; k++) {
			err = new_str(I, keys[k], strlen(keys[k]), &kv[2 * k]);
			if (!err) {
				err = new_int(I, (int64_t)vals[k], &kv[2 * k + 1]);
				if (err)
					vrelease(I, &kv[2 * k]);
			}
			if (err)
				release_many(I, kv, 2 * k);
			else {
				hs[2 * k] = kv[2 * k].h;
				hs[2 * k + 1] = kv[2 * k + 1].h;
			}
		}
		if (err) {
			release_many(I, dicts, g);
			return -1;
		}
		err = new_container(I, PYMM_OP_NEW_DICT, hs, 6, &dicts[g]);
		release_many(I, kv, 6);
		if (err) {
			release_many(I, dicts, g);
			return -1;
		}
		dh[g] = dicts[g].h;
	}
	err = new_container(I, PYMM_OP_NEW_LIST, dh, 3, out);
	release_many(I, dicts, 3);
	return err;
}

static int simple_gc_op(struct interp *I, uint32_t code, uint64_t a0, uint64_t a1, uint64_t a2,
			struct pymm_op *op, const char *what)
{
	pymm_op_init(op, code);
	op->arg[0] = a0;
	op->arg[1] = a1;
	op->arg[2] = a2;
	if (op1(I, op))
		return -1;
	if (op->error)
		return raise_op(I, op, what);
	return 0;
}

int nargs_check(struct interp *I, const char *name, int nargs, int lo, int hi)
{
	if (nargs >= lo && nargs <= hi)
		return 0;
	if (lo == hi && lo == 0)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s() takes no arguments (%d given)",
				 name, nargs);
	if (lo == hi && lo == 1)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "%s() takes exactly one argument (%d given)", name, nargs);
	if (nargs < lo)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s expected at least %d argument%s, got %d",
				 name, lo, lo == 1 ? "" : "s", nargs);
	return raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s expected at most %d argument%s, got %d",
			 name, hi, hi == 1 ? "" : "s", nargs);
}

/* print()'s sep= or end=: None leaves the default, else a str */
static int print_text_kw(struct interp *I, const char *kw, const struct value *v,
			 struct strbuf *dst)
{
	uint32_t t;

	if (v->kind == V_OBJ) {
		if (is_none_h(I, v->h))
			return 0;
		if (obj_type(I, v->h, &t))
			return -1;
		if (t == PYMM_T_NONE)
			return 0;
		if (t != PYMM_T_STR)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s must be None or a string, not %s",
					 kw, value_class_name(I, v->h, t));
	}
	dst->n = 0;
	return value_repr(I, v, dst, true);
}

/* print()'s file=: None or sys.stdout (1), sys.stderr (2) */
static int print_file_kw(struct interp *I, const struct value *v, int *which)
{
	if (v->kind == V_OBJ && is_none_h(I, v->h))
		return 0;
	*which = stream_of(v);
	if (!*which)
		return raise_exc(I, EX_NOT_IMPLEMENTED, "print(file=...) to anything but "
				 "sys.stdout or sys.stderr is not supported by pymm");
	return 0;
}

static int do_print(struct interp *I, struct value *args, int nargs, const char *const *kwn,
		    int nkw)
{
	struct strbuf b = { 0 }, sep = { 0 }, end = { 0 };
	int i, k, err = 0, which = 1;

	sb_adds(&sep, " ");
	sb_adds(&end, "\n");
	for (k = 0; k < nkw && !err; k++) {
		const char *kw = kwn[k];
		struct value *v = &args[nargs + k];

		if (!strcmp(kw, "sep") || !strcmp(kw, "end"))
			err = print_text_kw(I, kw, v, kw[0] == 's' ? &sep : &end);
		else if (!strcmp(kw, "file"))
			err = print_file_kw(I, v, &which);
		else if (strcmp(kw, "flush"))
			err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
					"'%s' is an invalid keyword argument for print()", kw);
	}
	for (i = 0; i < nargs && !err; i++) {
		if (i)
			sb_add(&b, sep.p, sep.n);
		err = value_repr(I, &args[i], &b, true);
	}
	if (!err) {
		sb_add(&b, end.p, end.n);
		err = stream_write(I, which, b.p, b.n);
	}
	if (!err && which == 1 && I->opts.interactive)
		fflush(I->out);
	sb_free(&b);
	sb_free(&sep);
	sb_free(&end);
	return err ? -1 : 0;
}

/*
 * A str in int()'s grammar (long_from_string): blanks around, a sign, the
 * base's prefix (any for base 0), digits with single underscores between
 * them; base 0 refuses a leading zero in a nonzero decimal.  0, -EINVAL,
 * or -ERANGE past pymm's 64-bit ints.
 */
static int parse_int_literal(const char *s, int base, int64_t *val)
{
	static const char pfx[] = { ['x'] = 16, ['o'] = 8, ['b'] = 2 };
	uint64_t v = 0, lim;
	bool neg = false, any = false, under = false, lead0 = false;
	int d;

	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if (s[0] == '0' && (s[1] | 0x20) < (int)sizeof(pfx) && pfx[s[1] | 0x20] &&
	    (!base || base == pfx[s[1] | 0x20])) {
		base = pfx[s[1] | 0x20];
		s += 2;
		under = true;	/* "0x_ff": an underscore may follow the prefix */
	} else if (!base) {
		base = 10;
		lead0 = *s == '0';
	}
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (;; s++) {
		if (*s == '_' && under && s[1] != '_') {
			under = false;
			continue;
		}
		d = *s >= '0' && *s <= '9' ? *s - '0' :
		    (*s | 0x20) >= 'a' && (*s | 0x20) <= 'z' ? (*s | 0x20) - 'a' + 10 : 99;
		if (d >= base)
			break;
		if (lead0 && d)
			return -EINVAL;
		if (v > (lim - d) / base)
			return -ERANGE;
		v = v * base + d;
		any = under = true;
	}
	if (!any || (!under && s[-1] == '_'))	/* "1_": no digit after the '_' */
		return -EINVAL;
	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	if (*s)
		return -EINVAL;
	*val = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

/* the error of parse_int_literal(): ValueError names base and repr(x) */
static int raise_int_literal(struct interp *I, const struct value *x, int base, int err)
{
	struct strbuf sb = { 0 };

	if (err == -ERANGE)
		return overflow_range(I);
	if (value_repr(I, x, &sb, false)) {
		sb_free(&sb);
		return -1;
	}
	err = raise_exc(I, PYMM_EXC_VALUE_ERROR, "invalid literal for int() with base %d: %.*s",
			base, (int)sb.n, sb.p ? sb.p : "");
	sb_free(&sb);
	return err;
}

/*
 * float()'s grammar before strtod() (which also takes hex and "nan(...)"):
 * digits with single underscores between them, '.', an exponent, or
 * inf/infinity/nan; the underscores are removed in place.
 */
static bool float_text_ok(char *s)
{
	char *w = s, *p = s;

	if (*p == '+' || *p == '-')
		p++;
	if (!strncasecmp(p, "inf", 3) || !strncasecmp(p, "nan", 3))
		return !strncasecmp(p, "nan", 3) ? p[3] == 0 || isspace((unsigned char)p[3]) :
		       p[3] == 0 || isspace((unsigned char)p[3]) || !strncasecmp(p + 3, "inity", 5);
	for (p = s; *p && !isspace((unsigned char)*p); p++) {
		if (*p == '_') {
			if (p == s || !isdigit((unsigned char)p[-1]) ||
			    !isdigit((unsigned char)p[1]))
				return false;
			continue;
		}
		if (!isdigit((unsigned char)*p) && !strchr(".eE+-", *p))
			return false;
		*w++ = *p;
	}
	memmove(w, p, strlen(p) + 1);
	return true;
}

static int to_number(struct interp *I, const struct value *v, bool want_float,
		     struct value *out, const char *fname)
{
	struct objinfo oi;
	int err = 0;

	if (need_obj(I, v) || obj_read(I, v->h, &oi))
		return -1;
	switch (oi.type) {
	case PYMM_T_BOOL:
	case PYMM_T_INT:
		err = want_float ? new_float(I, (double)oi.i, out) :
		      oi.type == PYMM_T_INT ? (*out = vobj(v->h, false), 0) : new_int(I, oi.i, out);
		if (!err && out->h == v->h && !want_float) {
			/* int(x) of an int is x itself: a new reference */
			struct pymm_op op;

			pymm_op_init(&op, PYMM_OP_DUP);
			op.arg[0] = v->h;
			err = op1(I, &op);
			if (!err && op.error)
				err = raise_op(I, &op, NULL);
			if (!err)
				*out = vobj(op.ret[0], true);
		}
		break;
	case PYMM_T_FLOAT:
		if (want_float) {
			struct pymm_op op;

			pymm_op_init(&op, PYMM_OP_DUP);
			op.arg[0] = v->h;
			err = op1(I, &op);
			if (!err && op.error)
				err = raise_op(I, &op, NULL);
			if (!err)
				*out = vobj(op.ret[0], true);
		} else if (isnan(oi.f) || isinf(oi.f)) {
			err = raise_exc(I, isnan(oi.f) ? PYMM_EXC_VALUE_ERROR : PYMM_EXC_OVERFLOW_ERROR,
					isnan(oi.f) ? "cannot convert float NaN to integer" :
					"cannot convert float infinity to integer");
		} else if (oi.f >= 9223372036854775808.0 || oi.f < -9223372036854775808.0) {
			err = overflow_range(I);
		} else {
			err = new_int(I, (int64_t)oi.f, out);
		}
		break;
	case PYMM_T_STR: {
		char *end, *ascii = uc_number_ascii(oi.s ? oi.s : "", oi.len);
		const char *s = ascii;

		while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
			s++;
		errno = 0;
		if (want_float) {
			double d = float_text_ok((char *)s) ? strtod(s, &end) : (end = (char *)s, 0);

			while (*end == ' ' || (*end >= '\t' && *end <= '\r'))
				end++;
			if (end == s || *end) {
				struct strbuf sb = { 0 };

				err = value_repr(I, v, &sb, false) ? -1 :
				      raise_exc(I, PYMM_EXC_VALUE_ERROR, "could not convert string "
						"to float: %.*s", (int)sb.n, sb.p ? sb.p : "");
				sb_free(&sb);
			} else {
				err = new_float(I, d, out);
			}
		} else {
			int64_t ll;
			int perr = parse_int_literal(ascii, 10, &ll);

			err = perr ? raise_int_literal(I, v, 10, perr) : new_int(I, ll, out);
		}
		free(ascii);
		break;
	}
	default:
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
				"%s() argument must be a string%s or a real number, not '%s'",
				fname, strcmp(fname, "int") ? "" : ", a bytes-like object",
				objinfo_type_name(&oi));
	}
	free(oi.s);
	return err;
}

static int bi_print(BI_ARGS)
{
	if (do_print(I, args, nargs, kwn, nkw))
		return -1;
	*out = vnone(I);
	return 0;
}

static int bi_len(BI_ARGS)
{
	struct pymm_op op;

	if (need_obj(I, &args[0]))
		return -1;
	pymm_op_init(&op, PYMM_OP_LEN);
	op.arg[0] = args[0].h;
	if (op1(I, &op))
		return -1;
	if (op.error && op.exc == PYMM_EXC_TYPE_ERROR) {
		/* an instance: its class's __len__ (classes.c) */
		int64_t n;
		int r = special_len(I, args[0].h, &n);

		if (r <= 0)
			return r ? -1 : new_int(I, n, out);
	}
	if (!op.error)
		return new_int(I, (int64_t)op.ret[0], out);
	pymm_op_init(&op, PYMM_OP_LEN);
	if (op1_on_obj(I, &op, args[0].h, "object of type '%s' has no len()"))
		return -1;
	return new_int(I, (int64_t)op.ret[0], out);
}

static int bi_id(BI_ARGS)
{
	int err;
	uint64_t id;

	if (need_obj(I, &args[0]))
		return -1;
	id = obj_id(I, args[0].h, &err);
	if (err)
		return -1;
	/* IDs are opaque 64-bit values: as Python ints they only need
	 * to compare equal when the objects are the same */
	return new_int(I, (int64_t)id, out);
}

static int bi_repr_str(BI_ARGS)
{
	struct strbuf sb = { 0 };
	bool is_str = !strcmp(b->name, "str");
	int err;

	if (nargs == 0)
		return new_str(I, "", 0, out);
	if (value_repr(I, &args[0], &sb, is_str)) {
		sb_free(&sb);
		return -1;
	}
	err = new_str(I, sb.p ? sb.p : "", sb.n, out);
	sb_free(&sb);
	return err;
}

/* int(x, base): x a str in that base */
static int int_with_base(struct interp *I, struct value *args, struct value *out)
{
	struct objinfo oi, bi;
	int64_t v;
	int err;

	if (need_obj(I, &args[0]) || need_obj(I, &args[1]) || obj_read(I, args[1].h, &bi))
		return -1;
	free(bi.s);
	if (bi.type != PYMM_T_INT && bi.type != PYMM_T_BOOL)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "'%s' object cannot be interpreted as an integer", type_name(bi.type));
	if (bi.i != 0 && (bi.i < 2 || bi.i > 36))
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "int() base must be >= 2 and <= 36, or 0");
	if (obj_read(I, args[0].h, &oi))
		return -1;
	if (oi.type != PYMM_T_STR) {
		free(oi.s);
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "int() can't convert non-string with explicit base");
	}
	{
		char *ascii = uc_number_ascii(oi.s ? oi.s : "", oi.len);

		err = parse_int_literal(ascii, (int)bi.i, &v);
		free(ascii);
	}
	err = err ? raise_int_literal(I, &args[0], (int)bi.i, err) : new_int(I, v, out);
	free(oi.s);
	return err;
}

static int bi_number(BI_ARGS)
{
	bool is_int = !strcmp(b->name, "int");

	if (nkw) {
		/* int(x, base=N): base is int()'s only keyword */
		struct value pair[2];

		if (!is_int)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR, "float() takes no keyword arguments");
		if (nargs + nkw > 2)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR, "int() takes at most 2 arguments "
					 "(%d given)", nargs + nkw);
		if (strcmp(kwn[0], "base"))
			return raise_exc(I, PYMM_EXC_TYPE_ERROR, "'%s' is an invalid keyword argument "
					 "for int()", kwn[0]);
		if (nargs == 0)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR, "int() missing string argument");
		pair[0] = args[0];
		pair[1] = args[1];
		return int_with_base(I, pair, out);
	}
	if (nargs == 0)
		return is_int ? new_int(I, 0, out) : new_float(I, 0.0, out);
	if (nargs == 2)
		return int_with_base(I, args, out);
	return to_number(I, &args[0], !is_int, out, b->name);
}

static int bi_bool(BI_ARGS)
{
	bool t = false;

	if (nargs && truth(I, &args[0], &t))
		return -1;
	*out = vbool(I, t);
	return 0;
}

static int bi_abs(BI_ARGS)
{
	struct objinfo oi;
	bool num;
	int err;

	if (num_of(I, &args[0], &oi, &num))
		return -1;
	if (!num && oi.type == PYMM_T_INSTANCE &&
	    (err = instance_unary(I, "__abs__", &args[0], out)) <= 0)
		;	/* a class's __abs__ (operators.c) */
	else if (!num)
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "bad operand type for abs(): '%s'",
				objinfo_type_name(&oi));
	else if (oi.type == PYMM_T_FLOAT)
		err = new_float(I, fabs(oi.f), out);
	else if (oi.i == INT64_MIN)
		err = overflow_range(I);
	else
		err = new_int(I, oi.i < 0 ? -oi.i : oi.i, out);
	free(oi.s);
	return err;
}

/* list(it) of an iterator: list_extend's loop, one item (one handle) at a time */
static int list_from_iterator(struct interp *I, const struct value *v, struct value *out)
{
	struct py_iter it;
	int err;

	if (new_container(I, PYMM_OP_NEW_LIST, NULL, 0, out))
		return -1;
	if (iter_get(I, v, &it)) {
		vrelease(I, out);
		return -1;
	}
	for (;;) {
		struct value item;
		struct pymm_op op;
		bool done;

		err = iter_next(I, &it, &item, &done);
		if (err || done)
			break;
		pymm_op_init(&op, PYMM_OP_APPEND);
		op.arg[0] = out->h;
		op.arg[1] = item.h;
		err = op1_raise(I, &op);
		vrelease(I, &item);
		if (err)
			break;
	}
	iter_release(I, &it);
	if (err)
		vrelease(I, out);
	return err;
}

/* list(x), tuple(x), dict(): b->op is the constructor op */
static int bi_container(BI_ARGS)
{
	uint64_t *hs = NULL;
	uint32_t n = 0;
	int err;

	if (nargs == 0)
		return new_container(I, b->op, NULL, 0, out);
	if (need_obj(I, &args[0]))
		return -1;
	if (b->op == PYMM_OP_NEW_TUPLE) {
		/* PySequence_Tuple's fast paths: no iterator, no handle per item */
		err = core_seq_from(I, PYMM_OP_TUPLE_FROM, args[0].h, out);
		if (err <= 0)
			return err;
	}
	if (b->op == PYMM_OP_NEW_LIST) {
		uint32_t t;

		/* list(list or tuple): list_extend's fast path, no iterator */
		err = core_seq_from(I, PYMM_OP_LIST_FROM, args[0].h, out);
		if (err <= 0)
			return err;
		if (obj_type(I, args[0].h, &t))
			return -1;
		if (t == PYMM_T_GENERATOR || t == PYMM_T_ITER || t == PYMM_T_INSTANCE)
			return list_from_iterator(I, &args[0], out);
	}
	/* any iterable, through the iteration protocol (iter.c) */
	if (iter_collect(I, &args[0], &hs, &n))
		return -1;
	err = new_container(I, b->op, hs, n, out);
	close_many(I, hs, n);
	free(hs);
	return err;
}

static int bi_getrefcount(BI_ARGS)
{
	struct pymm_op op;

	if (need_obj(I, &args[0]))
		return -1;
	pymm_op_init(&op, PYMM_OP_REFCOUNT);
	op.arg[0] = args[0].h;
	if (op1_raise(I, &op))
		return -1;
	/* a borrowed constant still stands for the argument's own
	 * stack reference */
	return new_int(I, (int64_t)op.ret[0] + (args[0].owned ? 0 : 1), out);
}

static int bi_getrecursionlimit(BI_ARGS)
{
	return new_int(I, I->recursion_limit, out);
}

/* sys_setrecursionlimit_impl; the builtin's own call is a level (3.11) */
static int bi_setrecursionlimit(BI_ARGS)
{
	int64_t a0;

	if (read_int(I, &args[0], &a0, NULL))
		return -1;
	if (a0 < 1)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR,
				 "recursion limit must be greater or equal than 1");
	if (a0 > INT32_MAX)
		return raise_exc(I, PYMM_EXC_OVERFLOW_ERROR,
				 "Python int too large to convert to C int");
	if (I->depth + 2 >= a0)
		return raise_exc(I, PYMM_EXC_RECURSION_ERROR,
				 "cannot set the recursion limit to %d at the recursion depth %d: the limit is too low",
				 (int)a0, I->depth + 2);
	I->recursion_limit = (int)a0;
	*out = vnone(I);
	return 0;
}

/* weakref.ref(obj[, callback]): calling the type weakref.ReferenceType (typeof.c) */
int bi_weakref(BI_ARGS)
{
	struct pymm_op op;

	if (need_obj(I, &args[0]) || (nargs == 2 && need_obj(I, &args[1])))
		return -1;
	if (nargs == 2 && !is_none_h(I, args[1].h)) {
		/* with a callback: the heap queues it for us (fin.c) */
		uint32_t t = 0;

		if (obj_type(I, args[1].h, &t))
			return -1;
		if (t != PYMM_T_FUNCTION && t != PYMM_T_METHOD)
			return raise_exc(I, EX_STOP,
					 "pymm: a weakref callback must be a function or a method");
		pymm_op_init(&op, PYMM_OP_NEW_WEAKREF_CB);
		op.arg[1] = args[1].h;
	} else {
		pymm_op_init(&op, PYMM_OP_NEW_WEAKREF);
	}
	op.arg[0] = args[0].h;
	if (op1(I, &op))
		return -1;
	if (op.error && op.exc == PYMM_EXC_TYPE_ERROR) {
		/* an int, or an instance of a class with __slots__: its type's name */
		struct objinfo oi;
		int err;

		if (obj_read(I, args[0].h, &oi))
			return -1;
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "cannot create weak reference to '%s' object",
				oi.type == PYMM_T_INSTANCE && oi.s && oi.len ? oi.s :
				attr_owner_name(I, args[0].h, oi.type));
		free(oi.s);
		return err;
	}
	if (op.error)
		return raise_op(I, &op, NULL);
	*out = vobj(op.ret[0], true);
	return 0;
}

static int bi_gc_collect(BI_ARGS)
{
	uint64_t result;
	int64_t a0 = 2;

	if (nargs && read_int(I, &args[0], &a0, NULL))
		return -1;
	if (a0 < 0 || a0 > 2)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "invalid generation");
	if (gc_collect_with_callbacks(I, (int)a0, &result))
		return -1;
	return new_int(I, (int64_t)result, out);
}

/* an op without arguments: None, or its ret0 as a bool (BF_RET_BOOL) or int */
static int bi_gc_simple(BI_ARGS)
{
	struct pymm_op op;

	if (simple_gc_op(I, b->op, 0, 0, 0, &op, b->name))
		return -1;
	if (b->flags & BF_RET_BOOL) {
		*out = vbool(I, op.ret[0] != 0);
		return 0;
	}
	if (b->flags & BF_RET_INT)
		return new_int(I, (int64_t)op.ret[0], out);
	*out = vnone(I);
	return 0;
}

static int bi_gc_set_debug(BI_ARGS)
{
	struct pymm_op op;
	int64_t a0;

	if (read_int(I, &args[0], &a0, NULL) ||
	    simple_gc_op(I, PYMM_OP_GC_SET_DEBUG, (uint64_t)a0, 0, 0, &op, "gc.set_debug"))
		return -1;
	*out = vnone(I);
	return 0;
}

/* is_tracked, is_finalized: the op on the object, a bool */
static int bi_gc_obj_bool(BI_ARGS)
{
	struct pymm_op op;

	if (need_obj(I, &args[0]) || simple_gc_op(I, b->op, args[0].h, 0, 0, &op, NULL))
		return -1;
	*out = vbool(I, op.ret[0] != 0);
	return 0;
}

static int bi_gc_triple(BI_ARGS)
{
	return gc_triple(I, b->op, out);
}

static int bi_gc_set_threshold(BI_ARGS)
{
	int64_t t[3] = { 0, 0, 0 };
	struct pymm_op g, op;
	int i;

	/* the thresholds not given stay as they are */
	if (nargs < 3) {
		uint64_t cur[3] = { 0 };

		pymm_op_init(&g, PYMM_OP_GC_GET_THRESHOLD);
		pymm_op_set_data(&g, cur, sizeof(cur));
		if (op1(I, &g))
			return -1;
		if (g.error)
			return raise_op(I, &g, "gc.set_threshold");
		for (i = 0; i < 3; i++)
			t[i] = (int64_t)cur[i];
	}
	for (i = 0; i < nargs; i++)
		if (read_int(I, &args[i], &t[i], NULL))
			return -1;
	if (simple_gc_op(I, PYMM_OP_GC_SET_THRESHOLD, (uint64_t)t[0], (uint64_t)t[1],
			 (uint64_t)t[2], &op, "gc.set_threshold"))
		return -1;
	*out = vnone(I);
	return 0;
}

static int bi_gc_get_stats(BI_ARGS)
{
	return gc_stats(I, out);
}

static int bi_gc_get_objects(BI_ARGS)
{
	int64_t a0 = -1;

	/* gc.get_objects(generation=None): its one argument, by name too */
	if (nkw && strcmp(kwn[0], "generation"))
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "get_objects() got an unexpected keyword "
				 "argument '%s'", kwn[0]);
	if (nargs + nkw > 1)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "get_objects() takes at most 1 argument "
				 "(%d given)", nargs + nkw);
	nargs += nkw;
	if (nargs && !(args[0].kind == V_OBJ && is_none_h(I, args[0].h)) &&
	    read_int(I, &args[0], &a0, NULL))
		return -1;
	/* gc_get_objects_impl: -1 is None as well */
	if (a0 >= 3)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR,
				 "generation parameter must be less than the number of available generations (3)");
	if (a0 < -1)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "generation parameter cannot be negative");
	return gc_list_op(I, PYMM_OP_GC_GET_OBJECTS, (uint64_t)a0, out);
}

/*
 * gc.get_referents(*objs): each object's referents in turn, one list
 * (gc_get_referents).  gc.get_referrers(*objs) walks every generation once
 * looking for a referrer of any of them, an order the one-object op cannot
 * give for several: refused rather than answered in another order.
 */
static int bi_gc_refs(BI_ARGS)
{
	size_t n = 0, cap = 0;
	uint64_t *hs = NULL;
	int i;

	if (b->op == PYMM_OP_GC_GET_REFERRERS && nargs > 1)
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "gc.get_referrers() of more than one object is not supported by pymm");
	for (i = 0; i < nargs; i++) {
		if (need_obj(I, &args[i]) ||
		    gc_fetch_handles(I, b->op, args[i].h, &hs, &n, &cap)) {
			close_many(I, hs, (uint32_t)n);
			free(hs);
			return -1;
		}
	}
	return gc_handles_to_list(I, hs, n, out);
}


/* PyMethodDef's spirit: name, arity, flags, the C function (and its op) */
const struct builtin *const builtins_core[] = {
	ROW(BO_BUILTINS, "print", 0, -1, BF_KW, bi_print, 0),
	ROW(BO_BUILTINS, "len", 1, 1, 0, bi_len, 0),
	ROW(BO_BUILTINS, "id", 1, 1, 0, bi_id, 0),
	ROW(BO_BUILTINS, "range", 1, 3, 0, bi_range, 0),
	ROW(BO_BUILTINS, "repr", 1, 1, 0, bi_repr_str, 0),
	ROW(BO_BUILTINS, "str", 0, 1, 0, bi_repr_str, 0),
	ROW(BO_BUILTINS, "int", 0, 2, BF_KW, bi_number, 0),
	ROW(BO_BUILTINS, "float", 0, 1, 0, bi_number, 0),
	ROW(BO_BUILTINS, "bool", 0, 1, 0, bi_bool, 0),
	ROW(BO_BUILTINS, "abs", 1, 1, 0, bi_abs, 0),
	ROW(BO_BUILTINS, "list", 0, 1, 0, bi_container, PYMM_OP_NEW_LIST),
	ROW(BO_BUILTINS, "tuple", 0, 1, 0, bi_container, PYMM_OP_NEW_TUPLE),
	ROW(BO_BUILTINS, "dict", 0, -1, BF_KW, bi_dict, 0),
	ROW(MOD_SYS, "getrefcount", 1, 1, 0, bi_getrefcount, 0),
	ROW(MOD_SYS, "getrecursionlimit", 0, 0, 0, bi_getrecursionlimit, 0),
	ROW(MOD_SYS, "setrecursionlimit", 1, 1, 0, bi_setrecursionlimit, 0),
	ROW(MOD_GC, "collect", 0, 1, 0, bi_gc_collect, 0),
	ROW(MOD_GC, "enable", 0, 0, 0, bi_gc_simple, PYMM_OP_GC_ENABLE),
	ROW(MOD_GC, "disable", 0, 0, 0, bi_gc_simple, PYMM_OP_GC_DISABLE),
	ROW(MOD_GC, "isenabled", 0, 0, BF_RET_BOOL, bi_gc_simple, PYMM_OP_GC_ISENABLED),
	ROW(MOD_GC, "get_count", 0, 0, 0, bi_gc_triple, PYMM_OP_GC_GET_COUNT),
	ROW(MOD_GC, "get_threshold", 0, 0, 0, bi_gc_triple, PYMM_OP_GC_GET_THRESHOLD),
	ROW(MOD_GC, "set_threshold", 1, 3, 0, bi_gc_set_threshold, 0),
	ROW(MOD_GC, "freeze", 0, 0, 0, bi_gc_simple, PYMM_OP_GC_FREEZE),
	ROW(MOD_GC, "unfreeze", 0, 0, 0, bi_gc_simple, PYMM_OP_GC_UNFREEZE),
	ROW(MOD_GC, "get_freeze_count", 0, 0, BF_RET_INT, bi_gc_simple,
	    PYMM_OP_GC_GET_FREEZE_COUNT),
	ROW(MOD_GC, "is_tracked", 1, 1, 0, bi_gc_obj_bool, PYMM_OP_GC_IS_TRACKED),
	ROW(MOD_GC, "is_finalized", 1, 1, 0, bi_gc_obj_bool, PYMM_OP_GC_IS_FINALIZED),
	ROW(MOD_GC, "get_stats", 0, 0, 0, bi_gc_get_stats, 0),
	ROW(MOD_GC, "get_objects", 0, 1, BF_KW, bi_gc_get_objects, 0),
	ROW(MOD_GC, "get_referrers", 0, -1, 0, bi_gc_refs, PYMM_OP_GC_GET_REFERRERS),
	ROW(MOD_GC, "get_referents", 0, -1, 0, bi_gc_refs, PYMM_OP_GC_GET_REFERENTS),
	ROW(MOD_GC, "set_debug", 1, 1, 0, bi_gc_set_debug, 0),
	ROW(MOD_GC, "get_debug", 0, 0, BF_RET_INT, bi_gc_simple, PYMM_OP_GC_GET_DEBUG),
	NULL
};

/*
 * The one entry: arity and keywords checked from the row, then its
 * function.  self: the object a method was looked up on (NULL: a function).
 */
int call_builtin(struct interp *I, int id, struct value *self, struct value *args, int nargs,
		 const char *const *kwn, int nkw, struct value *out)
{
	const struct builtin *b = builtin_get(id);

	if (!b)
		return raise_exc(I, EX_SYSTEM, "pymm: unknown builtin %d", id);
	if (nkw && !(b->flags & BF_KW))
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s%s%s() takes no keyword arguments",
				 self ? builtin_owner_name(id) : "", self ? "." : "", b->name);
	if (nargs < b->min || (b->max >= 0 && nargs > b->max)) {
		char qual[64];

		if (b->flags & BF_ARGTUPLE) {
			int n = nargs < b->min ? b->min : b->max;

			return raise_exc(I, PYMM_EXC_TYPE_ERROR,
					 "%s() takes at %s %d argument%s (%d given)", b->name,
					 nargs < b->min ? "least" : "most", n, n == 1 ? "" : "s", nargs);
		}
		/* METH_O / METH_NOARGS methods name their type: list.append() */
		snprintf(qual, sizeof(qual), "%s.%s", builtin_owner_name(id), b->name);
		return nargs_check(I, self && b->min == b->max && b->min <= 1 ? qual : b->name,
				   nargs, b->min, b->max < 0 ? 1 << 30 : b->max);
	}
	if (!self && nargs && is_proxy(&args[0])) {
		int r = proxy_call_builtin(I, b, args, nargs, kwn, nkw, out);

		if (r <= 0)
			return r;
	}
	return b->fn(I, b, self, args, nargs, kwn, nkw, out);
}
