// SPDX-License-Identifier: GPL-2.0
/*
 * builtins.c - the builtins and the gc/sys/weakref modules: the name
 * table and what each builtin does.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

static const char *const mod_names[NMODS] = { "gc", "sys", "weakref" };

static const struct {
	int mod;		/* -1: builtins, NMODS: method */
	const char *name;
	int id;
} builtin_table[] = {
	{ -1, "print", B_PRINT }, { -1, "len", B_LEN }, { -1, "id", B_ID },
	{ -1, "range", B_RANGE }, { -1, "repr", B_REPR }, { -1, "str", B_STR },
	{ -1, "int", B_INT }, { -1, "float", B_FLOAT }, { -1, "bool", B_BOOL },
	{ -1, "abs", B_ABS }, { -1, "list", B_LIST }, { -1, "tuple", B_TUPLE },
	{ -1, "dict", B_DICT },
	{ MOD_SYS, "getrefcount", B_SYS_GETREFCOUNT },
	{ MOD_SYS, "getrecursionlimit", B_SYS_GETRECURSIONLIMIT },
	{ MOD_WEAKREF, "ref", B_WEAKREF_REF },
	{ MOD_GC, "collect", B_GC_COLLECT }, { MOD_GC, "enable", B_GC_ENABLE },
	{ MOD_GC, "disable", B_GC_DISABLE }, { MOD_GC, "isenabled", B_GC_ISENABLED },
	{ MOD_GC, "get_count", B_GC_GET_COUNT },
	{ MOD_GC, "get_threshold", B_GC_GET_THRESHOLD },
	{ MOD_GC, "set_threshold", B_GC_SET_THRESHOLD },
	{ MOD_GC, "freeze", B_GC_FREEZE }, { MOD_GC, "unfreeze", B_GC_UNFREEZE },
	{ MOD_GC, "get_freeze_count", B_GC_GET_FREEZE_COUNT },
	{ MOD_GC, "is_tracked", B_GC_IS_TRACKED }, { MOD_GC, "get_stats", B_GC_GET_STATS },
	{ MOD_GC, "get_objects", B_GC_GET_OBJECTS },
	{ MOD_GC, "get_referrers", B_GC_GET_REFERRERS },
	{ MOD_GC, "get_referents", B_GC_GET_REFERENTS },
	{ MOD_GC, "set_debug", B_GC_SET_DEBUG }, { MOD_GC, "get_debug", B_GC_GET_DEBUG },
	{ MOD_GC, "is_finalized", B_GC_IS_FINALIZED },
	{ NMODS, "append", M_APPEND }, { NMODS, "pop", M_POP },
};

#define NBUILTINS (int)(sizeof(builtin_table) / sizeof(builtin_table[0]))

int module_index(const char *name)
{
	int i;

	for (i = 0; i < NMODS; i++)
		if (!strcmp(mod_names[i], name))
			return i;
	return -1;
}

const char *module_name(int mod)
{
	return mod >= 0 && mod < NMODS ? mod_names[mod] : "?";
}

const char *builtin_name(int id)
{
	int i;

	for (i = 0; i < NBUILTINS; i++)
		if (builtin_table[i].id == id)
			return builtin_table[i].name;
	return "?";
}

int builtin_lookup(int mod, const char *name)
{
	int i;

	for (i = 0; i < NBUILTINS; i++)
		if (builtin_table[i].mod == mod && !strcmp(builtin_table[i].name, name))
			return builtin_table[i].id;
	return -1;
}

static int gc_list_op(struct interp *I, uint32_t code, uint64_t arg0, struct value *out)
{
	size_t cap = 256;
	uint64_t *hs = NULL;
	struct pymm_op op;
	int err;

	for (;;) {
		hs = xrealloc(hs, cap * sizeof(uint64_t));
		pymm_op_init(&op, code);
		op.arg[0] = arg0;
		pymm_op_set_data(&op, hs, cap * sizeof(uint64_t));
		if (op1(I, &op)) {
			free(hs);
			return -1;
		}
		if ((op.out_flags & PYMM_OUTF_TRUNC) || op.error == -ENOSPC) {
			cap = op.data_len / 8 > cap ? op.data_len / 8 : cap * 4;
			continue;
		}
		break;
	}
	if (op.error) {
		free(hs);
		return raise_op(I, &op, pymm_op_name(code));
	}
	err = new_container(I, PYMM_OP_NEW_LIST, hs, (uint32_t)op.ret[0], out);
	close_many(I, hs, (uint32_t)op.ret[0]);
	free(hs);
	return err;
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

static int nargs_check(struct interp *I, const char *name, int nargs, int lo, int hi)
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

static int do_print(struct interp *I, struct value *args, int nargs, struct node *cn)
{
	struct strbuf b = { 0 }, sep = { 0 }, end = { 0 };
	int i, k;

	sb_adds(&sep, " ");
	sb_adds(&end, "\n");
	for (k = 0; k < cn->list3.n; k++) {
		const char *kw = cn->list3.v[k]->str;
		struct value *v = &args[nargs + k];
		struct strbuf *dst = !strcmp(kw, "sep") ? &sep : !strcmp(kw, "end") ? &end : NULL;

		if (!strcmp(kw, "flush"))
			continue;
		if (!dst) {
			sb_free(&sep);
			sb_free(&end);
			return raise_exc(I, PYMM_EXC_TYPE_ERROR,
					 "'%s' is an invalid keyword argument for print()", kw);
		}
		if (v->kind == V_OBJ && v->h == I->h_none)
			continue;
		dst->n = 0;
		if (value_repr(I, v, dst, true)) {
			sb_free(&sep);
			sb_free(&end);
			return -1;
		}
	}
	for (i = 0; i < nargs; i++) {
		if (i)
			sb_add(&b, sep.p, sep.n);
		if (value_repr(I, &args[i], &b, true)) {
			sb_free(&b);
			sb_free(&sep);
			sb_free(&end);
			return -1;
		}
	}
	sb_add(&b, end.p, end.n);
	/* closes queued so far may run finalizers: their text comes first */
	if (flush_pending(I)) {
		sb_free(&b);
		sb_free(&sep);
		sb_free(&end);
		return -1;
	}
	fwrite(b.p, 1, b.n, I->out);
	if (I->opts.interactive)
		fflush(I->out);
	sb_free(&b);
	sb_free(&sep);
	sb_free(&end);
	return 0;
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
			err = raise_exc(I, PYMM_EXC_OVERFLOW_ERROR,
					"integer result out of pymm's 64-bit range");
		} else {
			err = new_int(I, (int64_t)oi.f, out);
		}
		break;
	case PYMM_T_STR: {
		char *end;
		const char *s = oi.s;

		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		errno = 0;
		if (want_float) {
			double d = strtod(s, &end);

			while (*end == ' ' || *end == '\t' || *end == '\n')
				end++;
			if (end == s || *end)
				err = raise_exc(I, PYMM_EXC_VALUE_ERROR,
						"could not convert string to float: '%s'", oi.s);
			else
				err = new_float(I, d, out);
		} else {
			long long ll = strtoll(s, &end, 10);

			while (*end == ' ' || *end == '\t' || *end == '\n')
				end++;
			if (end == s || *end || errno)
				err = raise_exc(I, PYMM_EXC_VALUE_ERROR,
						"invalid literal for int() with base 10: '%s'", oi.s);
			else
				err = new_int(I, ll, out);
		}
		break;
	}
	default:
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
				"%s() argument must be a string or a real number, not '%s'",
				fname, type_name(oi.type));
	}
	free(oi.s);
	return err;
}

int call_builtin(struct interp *I, int id, struct value *args, int nargs,
			struct node *cn, struct value *out)
{
	struct pymm_op op;
	int64_t a0 = 0;
	int i;

	if (cn->list3.n && id != B_PRINT)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "keyword arguments are not supported here");
	switch (id) {
	case B_PRINT:
		if (do_print(I, args, nargs, cn))
			return -1;
		*out = vnone(I);
		return 0;
	case B_LEN:
		if (nargs_check(I, "len", nargs, 1, 1) || need_obj(I, &args[0]))
			return -1;
		pymm_op_init(&op, PYMM_OP_LEN);
		if (op1_on_obj(I, &op, args[0].h, "object of type '%s' has no len()"))
			return -1;
		return new_int(I, (int64_t)op.ret[0], out);
	case B_ID: {
		int err;
		uint64_t id;

		if (nargs_check(I, "id", nargs, 1, 1) || need_obj(I, &args[0]))
			return -1;
		id = obj_id(I, args[0].h, &err);
		if (err)
			return -1;
		/* IDs are opaque 64-bit values: as Python ints they only need
		 * to compare equal when the objects are the same */
		return new_int(I, (int64_t)id, out);
	}
	case B_REPR:
	case B_STR: {
		struct strbuf b = { 0 };
		int err;

		if (nargs == 0 && id == B_STR)
			return new_str(I, "", 0, out);
		if (nargs_check(I, id == B_STR ? "str" : "repr", nargs, 1, 1))
			return -1;
		if (value_repr(I, &args[0], &b, id == B_STR)) {
			sb_free(&b);
			return -1;
		}
		err = new_str(I, b.p ? b.p : "", b.n, out);
		sb_free(&b);
		return err;
	}
	case B_INT:
	case B_FLOAT:
		if (nargs == 0)
			return id == B_INT ? new_int(I, 0, out) : new_float(I, 0.0, out);
		if (nargs_check(I, id == B_INT ? "int" : "float", nargs, 1, 1))
			return -1;
		return to_number(I, &args[0], id == B_FLOAT, out, id == B_INT ? "int" : "float");
	case B_BOOL: {
		bool t = false;

		if (nargs_check(I, "bool", nargs, 0, 1))
			return -1;
		if (nargs && truth(I, &args[0], &t))
			return -1;
		*out = vbool(I, t);
		return 0;
	}
	case B_ABS: {
		struct objinfo oi;
		bool num;
		int err;

		if (nargs_check(I, "abs", nargs, 1, 1) || num_of(I, &args[0], &oi, &num))
			return -1;
		if (!num)
			err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "bad operand type for abs(): '%s'",
					type_name(oi.type));
		else if (oi.type == PYMM_T_FLOAT)
			err = new_float(I, fabs(oi.f), out);
		else if (oi.i == INT64_MIN)
			err = raise_exc(I, PYMM_EXC_OVERFLOW_ERROR,
					"integer result out of pymm's 64-bit range");
		else
			err = new_int(I, oi.i < 0 ? -oi.i : oi.i, out);
		free(oi.s);
		return err;
	}
	case B_LIST:
	case B_TUPLE:
	case B_DICT: {
		uint64_t *hs = NULL;
		uint32_t n = 0;
		uint32_t code = id == B_LIST ? PYMM_OP_NEW_LIST : id == B_TUPLE ?
				PYMM_OP_NEW_TUPLE : PYMM_OP_NEW_DICT;
		int err;

		if (nargs_check(I, id == B_LIST ? "list" : id == B_TUPLE ? "tuple" : "dict",
				nargs, 0, 1))
			return -1;
		if (nargs == 0)
			return new_container(I, code, NULL, 0, out);
		if (need_obj(I, &args[0]))
			return -1;
		if (id == B_DICT)
			return raise_exc(I, EX_NOT_IMPLEMENTED, "dict(x) is not supported by pymm");
		/* any iterable, through the iteration protocol (iter.c) */
		if (iter_collect(I, &args[0], &hs, &n))
			return -1;
		err = new_container(I, code, hs, n, out);
		close_many(I, hs, n);
		free(hs);
		return err;
	}
	case B_RANGE:
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "range objects are not supported by pymm: range() may be the "
				 "iterable of a for loop or comprehension");
	case B_SYS_GETREFCOUNT:
		if (nargs_check(I, "getrefcount", nargs, 1, 1) || need_obj(I, &args[0]))
			return -1;
		pymm_op_init(&op, PYMM_OP_REFCOUNT);
		op.arg[0] = args[0].h;
		if (op1_raise(I, &op))
			return -1;
		/* a borrowed constant still stands for the argument's own
		 * stack reference */
		return new_int(I, (int64_t)op.ret[0] + (args[0].owned ? 0 : 1), out);
	case B_SYS_GETRECURSIONLIMIT:
		if (nargs_check(I, "getrecursionlimit", nargs, 0, 0))
			return -1;
		return new_int(I, MAX_DEPTH, out);
	case B_WEAKREF_REF:
		if (nargs_check(I, "ref", nargs, 1, 1))
			return -1;
		if (need_obj(I, &args[0]))
			return -1;
		pymm_op_init(&op, PYMM_OP_NEW_WEAKREF);
		if (op1_on_obj(I, &op, args[0].h, "cannot create weak reference to '%s' object"))
			return -1;
		*out = vobj(op.ret[0], true);
		return 0;
	case B_GC_COLLECT:
		if (nargs_check(I, "collect", nargs, 0, 1))
			return -1;
		a0 = 2;
		if (nargs && read_int(I, &args[0], &a0, NULL))
			return -1;
		if (a0 < 0 || a0 > 2)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR, "invalid generation");
		if (simple_gc_op(I, PYMM_OP_GC_COLLECT, (uint64_t)a0, 0, 0, &op, "gc.collect"))
			return -1;
		return new_int(I, (int64_t)op.ret[0], out);
	case B_GC_ENABLE:
	case B_GC_DISABLE:
	case B_GC_FREEZE:
	case B_GC_UNFREEZE:
		if (nargs_check(I, "gc function", nargs, 0, 0))
			return -1;
		if (simple_gc_op(I, id == B_GC_ENABLE ? PYMM_OP_GC_ENABLE : id == B_GC_DISABLE ?
				 PYMM_OP_GC_DISABLE : id == B_GC_FREEZE ? PYMM_OP_GC_FREEZE :
				 PYMM_OP_GC_UNFREEZE, 0, 0, 0, &op, NULL))
			return -1;
		*out = vnone(I);
		return 0;
	case B_GC_ISENABLED:
		if (nargs_check(I, "isenabled", nargs, 0, 0) ||
		    simple_gc_op(I, PYMM_OP_GC_ISENABLED, 0, 0, 0, &op, "gc.isenabled"))
			return -1;
		*out = vbool(I, op.ret[0] != 0);
		return 0;
	case B_GC_GET_FREEZE_COUNT:
		if (nargs_check(I, "get_freeze_count", nargs, 0, 0) ||
		    simple_gc_op(I, PYMM_OP_GC_GET_FREEZE_COUNT, 0, 0, 0, &op, "gc.get_freeze_count"))
			return -1;
		return new_int(I, (int64_t)op.ret[0], out);
	case B_GC_GET_DEBUG:
		if (nargs_check(I, "get_debug", nargs, 0, 0) ||
		    simple_gc_op(I, PYMM_OP_GC_GET_DEBUG, 0, 0, 0, &op, "gc.get_debug"))
			return -1;
		return new_int(I, (int64_t)op.ret[0], out);
	case B_GC_SET_DEBUG:
		if (nargs_check(I, "set_debug", nargs, 1, 1) || read_int(I, &args[0], &a0, NULL) ||
		    simple_gc_op(I, PYMM_OP_GC_SET_DEBUG, (uint64_t)a0, 0, 0, &op, "gc.set_debug"))
			return -1;
		*out = vnone(I);
		return 0;
	case B_GC_IS_TRACKED:
	case B_GC_IS_FINALIZED:
		if (nargs_check(I, id == B_GC_IS_TRACKED ? "is_tracked" : "is_finalized", nargs, 1, 1) ||
		    need_obj(I, &args[0]) ||
		    simple_gc_op(I, id == B_GC_IS_TRACKED ? PYMM_OP_GC_IS_TRACKED :
				 PYMM_OP_GC_IS_FINALIZED, args[0].h, 0, 0, &op, NULL))
			return -1;
		*out = vbool(I, op.ret[0] != 0);
		return 0;
	case B_GC_GET_COUNT:
		if (nargs_check(I, "get_count", nargs, 0, 0))
			return -1;
		return gc_triple(I, PYMM_OP_GC_GET_COUNT, out);
	case B_GC_GET_THRESHOLD:
		if (nargs_check(I, "get_threshold", nargs, 0, 0))
			return -1;
		return gc_triple(I, PYMM_OP_GC_GET_THRESHOLD, out);
	case B_GC_SET_THRESHOLD: {
		int64_t t[3] = { 0, 0, 0 };
		struct pymm_op g;

		if (nargs_check(I, "set_threshold", nargs, 1, 3))
			return -1;
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
	case B_GC_GET_STATS:
		if (nargs_check(I, "get_stats", nargs, 0, 0))
			return -1;
		return gc_stats(I, out);
	case B_GC_GET_OBJECTS:
		if (nargs_check(I, "get_objects", nargs, 0, 1))
			return -1;
		a0 = -1;
		if (nargs && !(args[0].kind == V_OBJ && args[0].h == I->h_none) &&
		    read_int(I, &args[0], &a0, NULL))
			return -1;
		return gc_list_op(I, PYMM_OP_GC_GET_OBJECTS, (uint64_t)a0, out);
	case B_GC_GET_REFERRERS:
	case B_GC_GET_REFERENTS:
		if (nargs_check(I, id == B_GC_GET_REFERRERS ? "get_referrers" : "get_referents",
				nargs, 1, 1) || need_obj(I, &args[0]))
			return -1;
		return gc_list_op(I, id == B_GC_GET_REFERRERS ? PYMM_OP_GC_GET_REFERRERS :
				  PYMM_OP_GC_GET_REFERENTS, args[0].h, out);
	default:
		return raise_exc(I, EX_SYSTEM, "pymm: unknown builtin %d", id);
	}
}
