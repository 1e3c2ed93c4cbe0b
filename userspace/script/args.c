// SPDX-License-Identifier: GPL-2.0
/*
 * args.c - binding a call's arguments to a function's parameters, as
 * CPython 3.11's initialize_locals() does, with its error messages.
 *
 * The result is one handle per parameter, in co_varnames order
 * (positional, keyword-only, *args, **kwargs): the argument's own handle,
 * or a default from the function's __defaults__ tuple / __kwdefaults__
 * dict (read from the heap each call, so a reassigned __defaults__ counts),
 * or a new tuple (*args) or dict (**kwargs) made here.  The order of the
 * checks is CPython's: keywords first (unexpected, repeated, positional-only
 * passed by keyword), then too many positional arguments, then missing
 * positional and keyword-only ones.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

void bound_free(struct interp *I, struct bound *b)
{
	int i;

	for (i = 0; i < b->n; i++)
		if (b->owned[i] && b->h[i])
			queue_close(I, b->h[i]);
	free(b->h);
	free(b->owned);
	memset(b, 0, sizeof(*b));
}

/* 'a'; 'a' and 'b'; 'a', 'b', and 'c' */
static void name_list(struct strbuf *sb, const char **names, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (i)
			sb_adds(sb, n == 2 ? " and " : i == n - 1 ? ", and " : ", ");
		sb_addf(sb, "'%s'", names[i]);
	}
}

static int missing(struct interp *I, struct node *def, const char **names, int n,
		   const char *kind)
{
	struct strbuf sb = { 0 };

	name_list(&sb, names, n);
	raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s() missing %d required %s argument%s: %s",
		  def->def.qualname, n, kind, n == 1 ? "" : "s", sb.p);
	sb_free(&sb);
	return -1;
}

/* the handles of a tuple's items (new handles) */
static int defaults_of(struct interp *I, uint64_t fnh, int field, uint64_t **hs, uint32_t *n,
		       uint64_t *obj)
{
	struct pymm_op op;
	uint32_t t;

	if (hs)
		*hs = NULL;
	*n = 0;
	*obj = 0;
	pymm_op_init(&op, PYMM_OP_FUNC_GET);
	op.arg[0] = fnh;
	op.arg[1] = field;
	if (op1_raise(I, &op))
		return -1;
	if (obj_type(I, op.ret[0], &t)) {
		queue_close(I, op.ret[0]);
		return -1;
	}
	if (t == PYMM_T_NONE) {
		queue_close(I, op.ret[0]);
		return 0;
	}
	*obj = op.ret[0];
	if (field == PYMM_FUNC_DEFAULTS && obj_items(I, op.ret[0], hs, n)) {
		queue_close(I, op.ret[0]);
		*obj = 0;
		return -1;
	}
	return 0;
}

static int set_slot(struct bound *b, int i, uint64_t h, bool owned)
{
	b->h[i] = h;
	b->owned[i] = owned;
	return 0;
}

int bind_args(struct interp *I, uint64_t fnh, struct node *def, struct value *args, int nargs,
	      const char *const *kwn, int nkw, struct bound *b)
{
	struct nvec *prm = &def->def.params;
	int npos = 0, nkwonly = 0, nposonly = 0, ivarargs = -1, ivarkw = -1;
	int i, j, k, err = -1, kwonly_given = 0;
	uint64_t *kwdict_kv = NULL, *dfl = NULL, dflobj = 0, kwdobj = 0;
	const char **names = NULL, **posonly_kw = NULL;
	int nkv = 0, nposonly_kw = 0, nmiss = 0;
	uint32_t ndfl = 0;
	struct value tmp;

	memset(b, 0, sizeof(*b));
	for (i = 0; i < prm->n; i++) {
		switch (prm->v[i]->name.param_kind) {
		case P_POSONLY:
			nposonly++;
			npos++;
			break;
		case P_POS:
			npos++;
			break;
		case P_KWONLY:
			nkwonly++;
			break;
		case P_VARARGS:
			ivarargs = i;
			break;
		case P_VARKW:
			ivarkw = i;
			break;
		}
	}
	b->n = prm->n;
	b->h = calloc(prm->n + 1, sizeof(*b->h));
	b->owned = calloc(prm->n + 1, sizeof(*b->owned));
	names = calloc(prm->n + nkw + 1, sizeof(*names));
	posonly_kw = calloc(nkw + 1, sizeof(*posonly_kw));
	kwdict_kv = calloc(2 * nkw + 1, sizeof(*kwdict_kv));
	if (!b->h || !b->owned || !names || !posonly_kw || !kwdict_kv) {
		perror("pymmctl");
		exit(1);
	}
	for (i = 0; i < npos && i < nargs; i++)
		set_slot(b, i, args[i].h, false);
	if (ivarargs >= 0) {
		uint64_t *hs = calloc(nargs + 1, sizeof(*hs));

		if (!hs) {
			perror("pymmctl");
			exit(1);
		}
		for (j = npos; j < nargs; j++)
			hs[j - npos] = args[j].h;
		k = nargs > npos ? nargs - npos : 0;
		err = new_container(I, PYMM_OP_NEW_TUPLE, hs, k, &tmp);
		free(hs);
		if (err)
			goto out;
		err = -1;
		set_slot(b, ivarargs, tmp.h, true);
	}
	/* keywords */
	for (k = 0; k < nkw; k++) {
		const char *kn = kwn[k];
		struct value *v = &args[nargs + k];

		for (i = nposonly; i < npos + nkwonly; i++)
			if (!strcmp(prm->v[i]->name.id, kn))
				break;
		if (i == npos + nkwonly) {
			if (ivarkw < 0) {
				for (j = 0; j < nposonly; j++)
					if (!strcmp(prm->v[j]->name.id, kn))
						break;
				if (j < nposonly) {
					posonly_kw[nposonly_kw++] = kn;
					continue;
				}
				raise_exc(I, PYMM_EXC_TYPE_ERROR,
					  "%s() got an unexpected keyword argument '%s'",
					  def->def.qualname, kn);
				goto out;
			}
			for (j = 0; j < nkv; j++) {
				struct objinfo oi;
				bool same;

				if (obj_read(I, kwdict_kv[2 * j], &oi))
					goto out;
				same = oi.s && !strcmp(oi.s, kn);
				free(oi.s);
				if (same) {
					raise_exc(I, PYMM_EXC_TYPE_ERROR,
						  "%s() got multiple values for keyword argument '%s'",
						  def->def.qualname, kn);
					goto out;
				}
			}
			if (new_str(I, kn, strlen(kn), &tmp))
				goto out;
			kwdict_kv[2 * nkv] = tmp.h;
			kwdict_kv[2 * nkv + 1] = v->h;
			nkv++;
			continue;
		}
		if (b->h[i]) {
			raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s() got multiple values for argument '%s'",
				  def->def.qualname, kn);
			goto out;
		}
		set_slot(b, i, v->h, false);
		if (i >= npos)
			kwonly_given++;
	}
	if (nposonly_kw) {
		struct strbuf sb = { 0 };

		for (i = 0; i < nposonly_kw; i++)
			sb_addf(&sb, "%s%s", i ? ", " : "", posonly_kw[i]);
		raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s() got some positional-only arguments passed "
			  "as keyword arguments: '%s'", def->def.qualname, sb.p);
		sb_free(&sb);
		goto out;
	}
	if (ivarkw >= 0) {
		err = new_container(I, PYMM_OP_NEW_DICT, kwdict_kv, 2 * nkv, &tmp);
		if (err)
			goto out;
		err = -1;
		set_slot(b, ivarkw, tmp.h, true);
	}
	/* the defaults, from the heap (__defaults__ may have been reassigned) */
	if (nargs < npos && defaults_of(I, fnh, PYMM_FUNC_DEFAULTS, &dfl, &ndfl, &dflobj))
		goto out;
	if (nargs > npos && ivarargs < 0) {
		int defcount = 0;
		struct strbuf sig = { 0 };

		if (defaults_of(I, fnh, PYMM_FUNC_DEFAULTS, &dfl, &ndfl, &dflobj))
			goto out;
		defcount = (int)ndfl;
		if (defcount)
			sb_addf(&sig, "from %d to %d", npos - defcount, npos);
		else
			sb_addf(&sig, "%d", npos);
		if (kwonly_given)
			raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s() takes %s positional argument%s but %d "
				  "positional argument%s (and %d keyword-only argument%s) were given",
				  def->def.qualname, sig.p, defcount || npos != 1 ? "s" : "", nargs,
				  nargs != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "");
		else
			raise_exc(I, PYMM_EXC_TYPE_ERROR,
				  "%s() takes %s positional argument%s but %d %s given",
				  def->def.qualname, sig.p, defcount || npos != 1 ? "s" : "", nargs,
				  nargs == 1 ? "was" : "were");
		sb_free(&sig);
		goto out;
	}
	/* missing positional: those before the first default */
	for (i = nargs; i < npos; i++) {
		int d = i - (npos - (int)ndfl);

		if (b->h[i])
			continue;
		if (d >= 0 && d < (int)ndfl) {
			/* the default's handle moves to the binding */
			set_slot(b, i, dfl[d], true);
			dfl[d] = 0;
			continue;
		}
		names[nmiss++] = prm->v[i]->name.id;
	}
	if (nmiss) {
		missing(I, def, names, nmiss, "positional");
		goto out;
	}
	/* keyword-only: __kwdefaults__ */
	for (i = npos; i < npos + nkwonly; i++) {
		struct pymm_op op;

		if (b->h[i])
			continue;
		if (!kwdobj) {
			uint32_t dummy;

			if (defaults_of(I, fnh, PYMM_FUNC_KWDEFAULTS, NULL, &dummy, &kwdobj))
				goto out;
		}
		if (kwdobj) {
			if (new_str(I, prm->v[i]->name.id, strlen(prm->v[i]->name.id), &tmp))
				goto out;
			pymm_op_init(&op, PYMM_OP_GETITEM);
			op.arg[0] = kwdobj;
			op.arg[1] = tmp.h;
			if (op1(I, &op)) {
				vrelease(I, &tmp);
				goto out;
			}
			vrelease(I, &tmp);
			if (!op.error) {
				set_slot(b, i, op.ret[0], true);
				continue;
			}
		}
		names[nmiss++] = prm->v[i]->name.id;
	}
	if (nmiss) {
		missing(I, def, names, nmiss, "keyword-only");
		goto out;
	}
	err = 0;
out:
	for (j = 0; j < nkv; j++)
		queue_close(I, kwdict_kv[2 * j]);
	for (j = 0; j < (int)ndfl; j++)
		if (dfl[j])
			queue_close(I, dfl[j]);
	if (dflobj)
		queue_close(I, dflobj);
	if (kwdobj)
		queue_close(I, kwdobj);
	free(dfl);
	free(kwdict_kv);
	free(names);
	free(posonly_kw);
	if (err)
		bound_free(I, b);
	return err;
}

/*
 * _PyObject_FunctionStr(): "__main__.f()", "__main__.C.m()", "print()",
 * "list.append()", "gc.collect()" for the messages about * and **; an
 * object without __qualname__ is its str().
 */
static void func_str(struct interp *I, const struct value *fn, char *buf, size_t n)
{
	struct objinfo oi;
	struct value f = *fn;
	uint64_t func = 0;

	if (fn->kind == V_BUILTIN || fn->kind == V_METHOD) {
		int owner = builtin_get(fn->id) ? builtin_get(fn->id)->owner : BO_BUILTINS;

		snprintf(buf, n, "%s%s%s()", owner == BO_BUILTINS ? "" : builtin_owner_name(fn->id),
			 owner == BO_BUILTINS ? "" : ".", builtin_name(fn->id));
		return;
	}
	snprintf(buf, n, "object");
	if (fn->kind != V_OBJ || obj_read(I, fn->h, &oi))
		return;
	if (oi.type == PYMM_T_METHOD) {
		struct pymm_op op;

		pymm_op_init(&op, PYMM_OP_GETATTR);
		op.arg[0] = fn->h;
		pymm_op_set_data(&op, "__func__", 8);
		free(oi.s);
		if (op1(I, &op) || op.error)
			return;
		func = op.ret[0];
		f = vobj(func, false);
		if (obj_read(I, func, &oi)) {
			queue_close(I, func);
			return;
		}
	}
	if (oi.type == PYMM_T_FUNCTION || oi.type == PYMM_T_CLASS) {
		struct node *def = oi.type == PYMM_T_FUNCTION ? def_of_objinfo(I, &oi) : NULL;

		snprintf(buf, n, "__main__.%s()", def ? def->def.qualname : oi.s ? oi.s : "?");
	} else {
		struct strbuf b = { 0 };

		/* the error being raised replaces any from here */
		if (!value_repr(I, &f, &b, true) && b.p)
			snprintf(buf, n, "%s", b.p);
		sb_free(&b);
	}
	free(oi.s);
	if (func)
		queue_close(I, func);
}

static void push_val(struct value **v, int *n, int *cap, struct value x)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = xrealloc(*v, *cap * sizeof(**v));
	}
	(*v)[(*n)++] = x;
}

/* type(v).__name__ for the messages (an instance: its class) */
static void type_str(struct interp *I, const struct value *v, uint32_t t, char *buf, size_t n)
{
	snprintf(buf, n, "%s", value_class_name(I, v->h, t));
}

/* f(*it), it no tuple, list or dict: its items onto pos, or CPython's TypeError */
static int star_iterable(struct interp *I, const struct value *fn, const struct value *v,
			 uint32_t t, struct value **pos, int *npos, int *cpos)
{
	struct py_iter it;
	struct value item;
	char fs[300], ts[128];
	bool done;
	int err;

	if (iter_get(I, v, &it)) {
		if (I->exc != PYMM_EXC_TYPE_ERROR)
			return -1;
		func_str(I, fn, fs, sizeof(fs));
		type_str(I, v, t, ts, sizeof(ts));
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s argument after * must be an "
				 "iterable, not %s", fs, ts);
	}
	while (!(err = iter_next(I, &it, &item, &done)) && !done)
		push_val(pos, npos, cpos, item);
	iter_release(I, &it);
	return err;
}

bool call_has_star(struct node *cn)
{
	int i;

	for (i = 0; i < cn->call.args.n; i++)
		if (cn->call.args.v[i]->kind == N_STARRED)
			return true;
	for (i = 0; i < cn->call.kwnames.n; i++)
		if (!cn->call.kwnames.v[i]->name.id)
			return true;
	return false;
}

/*
 * A call with *iterable or **mapping arguments (CALL_FUNCTION_EX): the
 * positional arguments, then the keyword values, in *args; their names in
 * *kwn (malloc'd copies).  Everything is owned by the caller on success.
 * *callargs: f(*t) of a tuple t keeps t (0 otherwise), which the caller
 * holds until the call returns, as CPython's stack does.
 */
int eval_star_args(struct interp *I, struct node *cn, const struct value *fn,
		   struct value **args, int *nargs, char ***kwn, int *nkw, uint64_t *callargs)
{
	bool one_tuple = cn->call.args.n == 1 && cn->call.args.v[0]->kind == N_STARRED;
	struct value *pos = NULL, *kwv = NULL, v;
	int npos = 0, cpos = 0, nk = 0, ck = 0, i, j;
	char **names = NULL, fs[300];
	uint32_t t, n, k;
	uint64_t *hs;

	for (i = 0; i < cn->call.args.n; i++) {
		struct node *a = cn->call.args.v[i];

		if (eval(I, a->kind == N_STARRED ? a->starred.value : a, &v))
			goto fail;
		if (a->kind != N_STARRED) {
			push_val(&pos, &npos, &cpos, v);
			continue;
		}
		if (need_obj(I, &v) || obj_type(I, v.h, &t)) {
			vrelease(I, &v);
			goto fail;
		}
		if (t != PYMM_T_TUPLE && t != PYMM_T_LIST && t != PYMM_T_DICT) {
			/* any other iterable: its items, as PySequence_Tuple() */
			int r = star_iterable(I, fn, &v, t, &pos, &npos, &cpos);

			vrelease(I, &v);
			if (r)
				goto fail;
			continue;
		}
		if (obj_items(I, v.h, &hs, &n)) {
			vrelease(I, &v);
			goto fail;
		}
		/* f(*t), t a tuple: t itself is the call's argument tuple */
		if (one_tuple && t == PYMM_T_TUPLE && v.owned)
			*callargs = v.h;
		else
			vrelease(I, &v);
		for (k = 0; k < n; k++)
			push_val(&pos, &npos, &cpos, vobj(hs[k], true));
		free(hs);
	}
	for (i = 0; i < cn->call.kwnames.n; i++) {
		const char *name = cn->call.kwnames.v[i]->name.id;

		if (eval(I, cn->call.kwvalues.v[i], &v))
			goto fail;
		if (name) {
			for (j = 0; j < nk; j++)
				if (!strcmp(names[j], name))
					break;
			if (j < nk) {
				func_str(I, fn, fs, sizeof(fs));
				raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s got multiple values for keyword "
					  "argument '%s'", fs, name);
				vrelease(I, &v);
				goto fail;
			}
			push_val(&kwv, &nk, &ck, v);
			names = xrealloc(names, ck * sizeof(*names));
			names[nk - 1] = strdup(name);
			continue;
		}
		if (need_obj(I, &v) || obj_type(I, v.h, &t)) {
			vrelease(I, &v);
			goto fail;
		}
		if (t != PYMM_T_DICT) {
			char ts[128];

			func_str(I, fn, fs, sizeof(fs));
			type_str(I, &v, t, ts, sizeof(ts));
			raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s argument after ** must be a mapping, "
				  "not %s", fs, ts);
			vrelease(I, &v);
			goto fail;
		}
		if (obj_items(I, v.h, &hs, &n)) {
			vrelease(I, &v);
			goto fail;
		}
		for (k = 0; k < n; k++) {
			struct objinfo oi;
			struct value val;

			if (obj_read(I, hs[k], &oi))
				break;
			if (oi.type != PYMM_T_STR) {
				free(oi.s);
				func_str(I, fn, fs, sizeof(fs));
				raise_exc(I, PYMM_EXC_TYPE_ERROR, "keywords must be strings");
				break;
			}
			for (j = 0; j < nk; j++)
				if (!strcmp(names[j], oi.s))
					break;
			if (j < nk) {
				func_str(I, fn, fs, sizeof(fs));
				raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s got multiple values for keyword "
					  "argument '%s'", fs, oi.s);
				free(oi.s);
				break;
			}
			if (getitem(I, v.h, hs[k], &val)) {
				free(oi.s);
				break;
			}
			push_val(&kwv, &nk, &ck, val);
			names = xrealloc(names, ck * sizeof(*names));
			names[nk - 1] = oi.s;
		}
		close_many(I, hs, n);
		free(hs);
		vrelease(I, &v);
		if (k < n)
			goto fail;
	}
	*args = xrealloc(NULL, (npos + nk + 1) * sizeof(**args));
	if (npos)
		memcpy(*args, pos, npos * sizeof(*pos));
	if (nk)
		memcpy(*args + npos, kwv, nk * sizeof(*kwv));
	*nargs = npos;
	*kwn = names;
	*nkw = nk;
	free(pos);
	free(kwv);
	return 0;
fail:
	if (*callargs)
		queue_close(I, *callargs);
	*callargs = 0;
	release_many(I, pos, npos);
	release_many(I, kwv, nk);
	for (j = 0; j < nk; j++)
		free(names[j]);
	free(names);
	free(pos);
	free(kwv);
	return -1;
}
