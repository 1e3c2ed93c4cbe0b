// SPDX-License-Identifier: GPL-2.0
/*
 * builtins_methods.c - the methods of list, dict and str, as rows of a
 * table (struct builtin), called with self.
 *
 * Each runs on the heap's ops as CPython's C method would change the
 * object: list.insert/reverse/sort rewrite slots with SETITEM (the items
 * stay alive through our handles meanwhile, so no count touches zero on
 * the way), list.clear drops items last to first as _list_clear() does,
 * dict.clear entry by entry.  str methods work on a copy of the bytes
 * (UTF-8) and return new str objects (case mapping: str_methods.c).
 * dict.keys()/values()/items() return view objects
 * (views.c).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"
#include "unicase.h"

int dup_of(struct interp *I, uint64_t h, struct value *out)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_DUP);
	op.arg[0] = h;
	if (op1_raise(I, &op))
		return -1;
	*out = vobj(op.ret[0], true);
	return 0;
}

int len_of(struct interp *I, uint64_t h, int64_t *n)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_LEN);
	op.arg[0] = h;
	if (op1_raise(I, &op))
		return -1;
	*n = (int64_t)op.ret[0];
	return 0;
}

static int set_index(struct interp *I, uint64_t list, int64_t i, uint64_t v)
{
	struct value iv;
	struct pymm_op op;
	int err;

	if (new_int(I, i, &iv))
		return -1;
	pymm_op_init(&op, PYMM_OP_SETITEM);
	op.arg[0] = list;
	op.arg[1] = iv.h;
	op.arg[2] = v;
	err = op1_raise(I, &op);
	vrelease(I, &iv);
	return err;
}

static int del_index(struct interp *I, uint64_t list, int64_t i)
{
	struct value iv;
	struct pymm_op op;
	int err;

	if (new_int(I, i, &iv))
		return -1;
	pymm_op_init(&op, PYMM_OP_DELITEM);
	op.arg[0] = list;
	op.arg[1] = iv.h;
	err = op1_raise(I, &op);
	vrelease(I, &iv);
	return err;
}

/* an iterable's items (list, tuple, dict keys, set), or "'T' object is not iterable" */
int iter_items(struct interp *I, const struct value *v, uint64_t **hs, uint32_t *n)
{
	uint32_t t;

	if (need_obj(I, v) || obj_type(I, v->h, &t))
		return -1;
	if (t == PYMM_T_LIST || t == PYMM_T_TUPLE || t == PYMM_T_DICT || t == PYMM_T_SET)
		return obj_items(I, v->h, hs, n);
	/* anything else through the iteration protocol, which knows what is not iterable */
	return iter_collect(I, v, hs, n);
}

/* ---------------------------------------------------------------- list */

static int m_append(BI_ARGS)
{
	struct pymm_op op;

	if (need_obj(I, &args[0]))
		return -1;
	pymm_op_init(&op, PYMM_OP_APPEND);
	op.arg[0] = self->h;
	op.arg[1] = args[0].h;
	if (op1_raise(I, &op))
		return -1;
	*out = vnone(I);
	return 0;
}

static int m_pop(BI_ARGS)
{
	struct pymm_op op;
	int64_t idx = -1;

	if (nargs && read_int(I, &args[0], &idx, NULL))
		return -1;
	pymm_op_init(&op, PYMM_OP_POP);
	op.arg[0] = self->h;
	op.arg[1] = (uint64_t)idx;
	if (op1(I, &op))
		return -1;
	if (op.error) {
		if (op.exc == PYMM_EXC_INDEX_ERROR) {
			int64_t n = 0;

			if (!len_of(I, self->h, &n) && n == 0)
				return raise_exc(I, PYMM_EXC_INDEX_ERROR, "pop from empty list");
			return raise_exc(I, PYMM_EXC_INDEX_ERROR, "pop index out of range");
		}
		return raise_op(I, &op, NULL);
	}
	*out = vobj(op.ret[0], true);
	return 0;
}

static int m_extend(BI_ARGS)
{
	uint64_t *hs;
	uint32_t n, i;
	int err = 0;

	if (iter_items(I, &args[0], &hs, &n))
		return -1;
	for (i = 0; i < n && !err; i++) {
		struct pymm_op op;

		pymm_op_init(&op, PYMM_OP_APPEND);
		op.arg[0] = self->h;
		op.arg[1] = hs[i];
		err = op1_raise(I, &op);
	}
	close_many(I, hs, n);
	free(hs);
	if (err)
		return -1;
	*out = vnone(I);
	return 0;
}

static int m_insert(BI_ARGS)
{
	int64_t i, n, j;
	struct pymm_op op;

	if (read_int(I, &args[0], &i, NULL) || need_obj(I, &args[1]) || len_of(I, self->h, &n))
		return -1;
	if (i < 0)
		i = i + n < 0 ? 0 : i + n;
	if (i > n)
		i = n;
	pymm_op_init(&op, PYMM_OP_APPEND);
	op.arg[0] = self->h;
	op.arg[1] = args[1].h;
	if (op1_raise(I, &op))
		return -1;
	/* shift the tail up by one, from the end */
	for (j = n; j > i; j--) {
		struct value prev, iv;
		int err;

		if (new_int(I, j - 1, &iv))
			return -1;
		err = getitem(I, self->h, iv.h, &prev);
		vrelease(I, &iv);
		if (err)
			return -1;
		err = set_index(I, self->h, j, prev.h);
		vrelease(I, &prev);
		if (err)
			return -1;
	}
	if (i < n && set_index(I, self->h, i, args[1].h))
		return -1;
	*out = vnone(I);
	return 0;
}

/* index of the first item == x in [lo, hi), or -1 */
static int find_item(struct interp *I, uint64_t list, const struct value *x, int64_t lo,
		     int64_t hi, int64_t *at)
{
	uint64_t *hs;
	uint32_t n, i;
	int err = 0;

	*at = -1;
	if (obj_items(I, list, &hs, &n))
		return -1;
	for (i = 0; i < n && !err; i++) {
		struct value it = vobj(hs[i], false);
		bool eq;

		if ((int64_t)i < lo || (int64_t)i >= hi)
			continue;
		err = compare(I, CMP_EQ, &it, x, &eq);
		if (!err && eq) {
			*at = i;
			break;
		}
	}
	close_many(I, hs, n);
	free(hs);
	return err;
}

static int not_in_list(struct interp *I, const struct value *x, const char *what)
{
	struct strbuf sb = { 0 };

	if (value_repr(I, x, &sb, false)) {
		sb_free(&sb);
		return -1;
	}
	if (what)
		raise_exc(I, PYMM_EXC_VALUE_ERROR, "%s", what);
	else
		raise_exc(I, PYMM_EXC_VALUE_ERROR, "%s is not in list", sb.p);
	sb_free(&sb);
	return -1;
}

static int m_remove(BI_ARGS)
{
	int64_t at;

	if (need_obj(I, &args[0]) || find_item(I, self->h, &args[0], 0, INT64_MAX, &at))
		return -1;
	if (at < 0)
		return not_in_list(I, &args[0], "list.remove(x): x not in list");
	if (del_index(I, self->h, at))
		return -1;
	*out = vnone(I);
	return 0;
}

static int m_index(BI_ARGS)
{
	int64_t at, lo = 0, hi = INT64_MAX, n;

	if (need_obj(I, &args[0]) || len_of(I, self->h, &n))
		return -1;
	if (nargs > 1 && read_int(I, &args[1], &lo, NULL))
		return -1;
	if (nargs > 2 && read_int(I, &args[2], &hi, NULL))
		return -1;
	if (lo < 0)
		lo = lo + n < 0 ? 0 : lo + n;
	if (hi < 0)
		hi = hi + n < 0 ? 0 : hi + n;
	if (find_item(I, self->h, &args[0], lo, hi, &at))
		return -1;
	if (at < 0)
		return not_in_list(I, &args[0], b->op ? "tuple.index(x): x not in tuple" : NULL);
	return new_int(I, at, out);
}

static int m_count(BI_ARGS)
{
	uint64_t *hs;
	uint32_t n, i;
	int64_t c = 0;
	int err = 0;

	if (need_obj(I, &args[0]) || obj_items(I, self->h, &hs, &n))
		return -1;
	for (i = 0; i < n && !err; i++) {
		struct value it = vobj(hs[i], false);
		bool eq;

		err = compare(I, CMP_EQ, &it, &args[0], &eq);
		c += !err && eq;
	}
	close_many(I, hs, n);
	free(hs);
	return err ? -1 : new_int(I, c, out);
}

static int rewrite(struct interp *I, uint64_t list, const uint64_t *hs, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (set_index(I, list, i, hs[i]))
			return -1;
	return 0;
}

static int m_reverse(BI_ARGS)
{
	uint64_t *hs, t;
	uint32_t n, i;
	int err;

	if (obj_items(I, self->h, &hs, &n))
		return -1;
	for (i = 0; i < n / 2; i++) {
		t = hs[i];
		hs[i] = hs[n - 1 - i];
		hs[n - 1 - i] = t;
	}
	err = rewrite(I, self->h, hs, n);
	close_many(I, hs, n);
	free(hs);
	if (err)
		return -1;
	*out = vnone(I);
	return 0;
}

/* stable merge sort of idx[] by keys[], with the heap's comparisons */
static int msort(struct interp *I, uint32_t *idx, uint32_t *tmp, uint32_t n,
		 const uint64_t *keys, bool reverse)
{
	uint32_t mid = n / 2, i = 0, j, k = 0;

	if (n < 2)
		return 0;
	if (msort(I, idx, tmp, mid, keys, reverse) ||
	    msort(I, idx + mid, tmp, n - mid, keys, reverse))
		return -1;
	j = mid;
	while (i < mid && j < n) {
		struct value l = vobj(keys[idx[i]], false), r = vobj(keys[idx[j]], false);
		bool before;

		/* the right one goes first only if strictly before the left */
		if (reverse ? compare(I, CMP_LT, &l, &r, &before) :
			      compare(I, CMP_LT, &r, &l, &before))
			return -1;
		tmp[k++] = before ? idx[j++] : idx[i++];
	}
	while (i < mid)
		tmp[k++] = idx[i++];
	while (j < n)
		tmp[k++] = idx[j++];
	memcpy(idx, tmp, n * sizeof(*idx));
	return 0;
}

static int key_lt(struct interp *I, const uint64_t *keys, uint32_t x, uint32_t y, bool *lt)
{
	struct value l = vobj(keys[x], false), r = vobj(keys[y], false);

	return compare(I, CMP_LT, &l, &r, lt);
}

static void reverse_idx(uint32_t *a, uint32_t n)
{
	uint32_t i, t;

	for (i = 0; i < n / 2; i++) {
		t = a[i];
		a[i] = a[n - 1 - i];
		a[n - 1 - i] = t;
	}
}

/*
 * Below timsort's MIN_MERGE (64), listsort()'s own comparisons, in its
 * order (as the core's sort_small() in list_sort.c): a __lt__ that prints,
 * or one that raises, sees what it sees under python3.
 */
static int small_sort(struct interp *I, uint32_t *a, uint32_t n, const uint64_t *keys,
		      bool reverse)
{
	uint32_t run = 1, start, l, r, p, pivot;
	bool desc = false, lt;

	if (reverse)
		reverse_idx(a, n);
	if (n > 1) {
		if (key_lt(I, keys, a[1], a[0], &desc))
			return -1;
		for (run = 2; run < n; run++) {
			if (key_lt(I, keys, a[run], a[run - 1], &lt))
				return -1;
			if (lt != desc)
				break;
		}
		if (desc)
			reverse_idx(a, run);
	}
	for (start = run; start < n; start++) {
		pivot = a[start];
		l = 0;
		r = start;
		do {
			p = l + ((r - l) >> 1);
			if (key_lt(I, keys, pivot, a[p], &lt))
				return -1;
			if (lt)
				r = p;
			else
				l = p + 1;
		} while (l < r);
		memmove(&a[l + 1], &a[l], (start - l) * sizeof(*a));
		a[l] = pivot;
	}
	if (reverse)
		reverse_idx(a, n);
	return 0;
}

/* sorted order of hs[] (key: a callable or NULL); *sorted: new array of the handles */
int sort_handles(struct interp *I, const uint64_t *hs, uint32_t n, struct value *key,
		 bool reverse, uint64_t **sorted)
{
	uint64_t *keys = NULL, *res;
	uint32_t *idx, *tmp, i, nk = 0;
	int err = -1;

	idx = calloc(n + 1, sizeof(*idx));
	tmp = calloc(n + 1, sizeof(*tmp));
	res = calloc(n + 1, sizeof(*res));
	if (!idx || !tmp || !res) {
		perror("pymmctl");
		exit(1);
	}
	if (key) {
		keys = calloc(n + 1, sizeof(*keys));
		if (!keys) {
			perror("pymmctl");
			exit(1);
		}
		for (nk = 0; nk < n; nk++) {
			struct value arg, kv;

			if (dup_of(I, hs[nk], &arg))
				goto out;
			if (call(I, key, &arg, 1, NULL, &kv)) {
				vrelease(I, &arg);
				goto out;
			}
			vrelease(I, &arg);
			if (need_obj(I, &kv)) {
				vrelease(I, &kv);
				goto out;
			}
			keys[nk] = kv.h;
			if (!kv.owned && dup_of(I, kv.h, &kv))
				goto out;
			keys[nk] = kv.h;
		}
	}
	for (i = 0; i < n; i++)
		idx[i] = i;
	if (n < 64 ? small_sort(I, idx, n, keys ? keys : hs, reverse) :
		     msort(I, idx, tmp, n, keys ? keys : hs, reverse))
		goto out;
	for (i = 0; i < n; i++)
		res[i] = hs[idx[i]];
	*sorted = res;
	res = NULL;
	err = 0;
out:
	if (keys)
		close_many(I, keys, nk);
	free(keys);
	free(idx);
	free(tmp);
	free(res);
	return err;
}

/*
 * The core sorts a list of numbers, strs, bytes or tuples of them in one
 * op (list_sort.c): no handle per item, no COMPARE per comparison.  Any
 * other key, or an error (e.g. a str against an int: the message is the
 * one the comparison here gives), and the caller sorts as before.
 */
int core_list_sort(struct interp *I, uint64_t list, bool reverse)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_LIST_SORT);
	op.arg[0] = list;
	op.arg[2] = reverse;
	if (op1(I, &op))
		return -1;
	switch (op.error) {
	case 0:
		return 0;
	case -EOPNOTSUPP:
	case -EINVAL:
		return 1;
	}
	return raise_op(I, &op, "sort");
}

int core_seq_from(struct interp *I, uint32_t code, uint64_t seq, struct value *out)
{
	struct pymm_op op;

	/* one op: the core's TypeError says seq is no list or tuple */
	pymm_op_init(&op, code);
	op.arg[0] = seq;
	if (op1(I, &op))
		return -1;
	if (op.error == -EINVAL && op.exc == PYMM_EXC_TYPE_ERROR)
		return 1;
	if (op.error)
		return raise_op(I, &op, NULL);
	*out = vobj(op.ret[0], true);
	return 0;
}

/* key= and reverse= of sort() and sorted() */
int sort_keywords(struct interp *I, const char *fname, struct value *args, int nargs,
		  const char *const *kwn, int nkw, struct value **key, bool *reverse)
{
	int k;

	*key = NULL;
	*reverse = false;
	if (nkw > 2)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "%s() takes at most 2 keyword arguments (%d given)", fname, nkw);
	for (k = 0; k < nkw; k++) {
		struct value *v = &args[nargs + k];
		uint32_t t = 0;

		if (!strcmp(kwn[k], "key")) {
			/* None given through a name or a ** dict too */
			if (v->kind == V_OBJ && !is_none_h(I, v->h) && obj_type(I, v->h, &t))
				return -1;
			if (!(v->kind == V_OBJ && (is_none_h(I, v->h) || t == PYMM_T_NONE)))
				*key = v;
		} else if (!strcmp(kwn[k], "reverse")) {
			if (truth(I, v, reverse))
				return -1;
		} else {
			return raise_exc(I, PYMM_EXC_TYPE_ERROR,
					 "'%s' is an invalid keyword argument for %s()", kwn[k],
					 fname);
		}
	}
	return 0;
}

static int m_sort(BI_ARGS)
{
	uint64_t *hs, *sorted;
	uint32_t n;
	struct value *key;
	bool reverse;
	int err;

	if (sort_keywords(I, "sort", args, nargs, kwn, nkw, &key, &reverse))
		return -1;
	if (!key) {
		err = core_list_sort(I, self->h, reverse);
		if (err <= 0) {
			*out = vnone(I);
			return err;
		}
	}
	if (obj_items(I, self->h, &hs, &n))
		return -1;
	err = sort_handles(I, hs, n, key, reverse, &sorted);
	if (!err) {
		err = rewrite(I, self->h, sorted, n);
		free(sorted);
	}
	close_many(I, hs, n);
	free(hs);
	if (err)
		return -1;
	*out = vnone(I);
	return 0;
}

/* _list_clear(): the n items of list h go last to first */
static int list_clear_items(struct interp *I, uint64_t h, int64_t n)
{
	while (n-- > 0) {
		struct pymm_op op;

		pymm_op_init(&op, PYMM_OP_POP);
		op.arg[0] = h;
		op.arg[1] = (uint64_t)-1;
		if (op1_raise(I, &op))
			return -1;
		queue_close(I, op.ret[0]);
	}
	return 0;
}

/*
 * list *= n in place, as list_inplace_repeat(): cleared for n <= 0, the
 * items appended again n - 1 times otherwise (the list keeps its identity)
 */
int list_irepeat(struct interp *I, uint64_t h, int64_t n)
{
	uint64_t *hs = NULL;
	uint32_t k = 0, i;
	int64_t r;
	int err;

	if (n <= 0) {
		int64_t len;

		return len_of(I, h, &len) || list_clear_items(I, h, len) ? -1 : 0;
	}
	err = obj_items(I, h, &hs, &k);
	if (!err && k && (uint64_t)(n - 1) > PYMM_DATA_MAX / k)
		err = raise_exc(I, PYMM_EXC_MEMORY_ERROR, "%s", "");
	for (r = 1; !err && r < n; r++)
		for (i = 0; !err && i < k; i++) {
			struct pymm_op op;

			pymm_op_init(&op, PYMM_OP_APPEND);
			op.arg[0] = h;
			op.arg[1] = hs[i];
			err = op1_raise(I, &op);
		}
	if (hs) {
		close_many(I, hs, k);
		free(hs);
	}
	return err ? -1 : 0;
}

static int m_clear(BI_ARGS)
{
	int64_t n;
	uint32_t t;

	if (obj_type(I, self->h, &t) || len_of(I, self->h, &n))
		return -1;
	if (t == PYMM_T_LIST) {
		if (list_clear_items(I, self->h, n))
			return -1;
	} else {
		uint64_t *hs;
		uint32_t k, i;
		int err = 0;

		if (obj_items(I, self->h, &hs, &k))
			return -1;
		for (i = 0; i < k && !err; i++) {
			struct pymm_op op;

			pymm_op_init(&op, PYMM_OP_DELITEM);
			op.arg[0] = self->h;
			op.arg[1] = hs[i];
			err = op1_raise(I, &op);
		}
		close_many(I, hs, k);
		free(hs);
		if (err)
			return -1;
	}
	*out = vnone(I);
	return 0;
}

static int m_list_copy(BI_ARGS)
{
	uint64_t *hs;
	uint32_t n;
	int err;

	err = core_seq_from(I, PYMM_OP_LIST_FROM, self->h, out);
	if (err <= 0)
		return err;
	if (obj_items(I, self->h, &hs, &n))
		return -1;
	err = new_container(I, PYMM_OP_NEW_LIST, hs, n, out);
	close_many(I, hs, n);
	free(hs);
	return err;
}

/* ---------------------------------------------------------------- dict */

/* d[k] as a new value; *found false on KeyError (nothing raised) */
static int dict_get(struct interp *I, uint64_t d, const struct value *k, struct value *out,
		    bool *found)
{
	struct pymm_op op;

	if (need_obj(I, k))
		return -1;
	pymm_op_init(&op, PYMM_OP_GETITEM);
	op.arg[0] = d;
	op.arg[1] = k->h;
	if (op1(I, &op))
		return -1;
	*found = !op.error;
	if (op.error && op.exc == PYMM_EXC_TYPE_ERROR)
		return raise_unhashable(I, k->h);
	if (op.error && op.exc != PYMM_EXC_KEY_ERROR)
		return raise_op(I, &op, "unhashable type");
	if (!op.error)
		*out = vobj(op.ret[0], true);
	return 0;
}

static int key_error(struct interp *I, const struct value *k)
{
	struct strbuf sb = { 0 };

	if (!value_repr(I, k, &sb, false))
		raise_exc(I, PYMM_EXC_KEY_ERROR, "%s", sb.p);
	sb_free(&sb);
	return -1;
}

static int m_get(BI_ARGS)
{
	bool found;

	if (dict_get(I, self->h, &args[0], out, &found))
		return -1;
	if (found)
		return 0;
	if (nargs > 1)
		return need_obj(I, &args[1]) ? -1 : dup_of(I, args[1].h, out);
	*out = vnone(I);
	return 0;
}

static int m_dict_pop(BI_ARGS)
{
	struct pymm_op op;
	bool found;

	if (dict_get(I, self->h, &args[0], out, &found))
		return -1;
	if (!found) {
		if (nargs > 1)
			return dup_of(I, args[1].h, out);
		return key_error(I, &args[0]);
	}
	pymm_op_init(&op, PYMM_OP_DELITEM);
	op.arg[0] = self->h;
	op.arg[1] = args[0].h;
	if (op1_raise(I, &op)) {
		vrelease(I, out);
		return -1;
	}
	return 0;
}

static int m_setdefault(BI_ARGS)
{
	struct pymm_op op;
	struct value dflt = nargs > 1 ? args[1] : vnone(I);
	bool found;

	if (dict_get(I, self->h, &args[0], out, &found))
		return -1;
	if (found)
		return 0;
	if (need_obj(I, &dflt))
		return -1;
	pymm_op_init(&op, PYMM_OP_SETITEM);
	op.arg[0] = self->h;
	op.arg[1] = args[0].h;
	op.arg[2] = dflt.h;
	if (op1_raise(I, &op))
		return -1;
	return dup_of(I, dflt.h, out);
}

/* d[k] = v (SETITEM) */
int dict_set(struct interp *I, uint64_t d, uint64_t k, uint64_t v)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_SETITEM);
	op.arg[0] = d;
	op.arg[1] = k;
	op.arg[2] = v;
	return op1_raise(I, &op);
}

/* one element of PyDict_MergeFromSeq2's sequence: a key and a value */
static int update_pair(struct interp *I, uint64_t d, struct value *item, long idx)
{
	uint64_t *kv = NULL;
	uint32_t n = 0, t;
	int err;

	if (need_obj(I, item) || obj_type(I, item->h, &t))
		return -1;
	if (t == PYMM_T_LIST || t == PYMM_T_TUPLE)
		err = obj_items(I, item->h, &kv, &n);
	else if (t == PYMM_T_STR || t == PYMM_T_BYTES || t == PYMM_T_ITER ||
		 t == PYMM_T_GENERATOR || t == PYMM_T_SET || t == PYMM_T_DICT)
		err = iter_collect(I, item, &kv, &n);
	else
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "cannot convert dictionary update "
				 "sequence element #%ld to a sequence", idx);
	if (err)
		return -1;
	if (n != 2)
		err = raise_exc(I, PYMM_EXC_VALUE_ERROR, "dictionary update sequence element "
				"#%ld has length %u; 2 is required", idx, n);
	else
		err = dict_set(I, d, kv[0], kv[1]);
	close_many(I, kv, n);
	free(kv);
	return err;
}

/* dict.update(seq) / dict(seq) of an iterable of pairs, one at a time */
static int update_from_pairs(struct interp *I, uint64_t d, struct value *seq)
{
	struct py_iter it;
	long idx;
	int err = 0;

	if (iter_get(I, seq, &it))
		return -1;
	for (idx = 0; !err; idx++) {
		struct value item;
		bool done;

		err = iter_next(I, &it, &item, &done);
		if (err || done)
			break;
		err = update_pair(I, d, &item, idx);
		vrelease(I, &item);
	}
	iter_release(I, &it);
	return err ? -1 : 0;
}

/* PyDict_Merge of a dict src into d: its keys in order, each value looked up */
int dict_merge(struct interp *I, uint64_t d, uint64_t src)
{
	uint64_t *hs;
	uint32_t n, i;
	int err = 0;

	if (obj_items(I, src, &hs, &n))
		return -1;
	for (i = 0; i < n && !err; i++) {
		struct value v;

		err = getitem(I, src, hs[i], &v);
		if (!err) {
			err = dict_set(I, d, hs[i], v.h);
			vrelease(I, &v);
		}
	}
	close_many(I, hs, n);
	free(hs);
	return err ? -1 : 0;
}

/* dict_update_arg(): d updated from a dict or an iterable of pairs */
int dict_update_arg(struct interp *I, uint64_t d, struct value *arg)
{
	uint32_t t;

	if (need_obj(I, arg) || obj_type(I, arg->h, &t))
		return -1;
	if (t == PYMM_T_INSTANCE)
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "dict.update() of an instance is not supported by pymm");
	if (t != PYMM_T_DICT)
		return update_from_pairs(I, d, arg);
	return dict_merge(I, d, arg->h);
}

static int m_update(BI_ARGS)
{
	int k;

	if (nargs && dict_update_arg(I, self->h, &args[0]))
		return -1;
	for (k = 0; k < nkw; k++) {
		struct value key;
		int err;

		if (need_obj(I, &args[nargs + k]) || new_str(I, kwn[k], strlen(kwn[k]), &key))
			return -1;
		err = dict_set(I, self->h, key.h, args[nargs + k].h);
		vrelease(I, &key);
		if (err)
			return -1;
	}
	*out = vnone(I);
	return 0;
}

/* dict(), dict(mapping or pairs), dict(**kw): a new dict, then update's work */
int bi_dict(BI_ARGS)
{
	struct value d;

	if (nargs > 1)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "dict expected at most 1 argument, got %d",
				 nargs);
	if (new_container(I, PYMM_OP_NEW_DICT, NULL, 0, &d))
		return -1;
	if ((nargs || nkw) && m_update(I, b, &d, args, nargs, kwn, nkw, out)) {
		vrelease(I, &d);
		return -1;
	}
	*out = d;
	return 0;
}

/* PyDict_Copy(): a new plain dict with d's items, in d's order */
int dict_copy(struct interp *I, uint64_t d, struct value *out)
{
	uint64_t *hs, *kv;
	uint32_t n, i;
	int err = 0;

	if (obj_items(I, d, &hs, &n))
		return -1;
	kv = calloc(2 * n + 1, sizeof(*kv));
	if (!kv) {
		perror("pymmctl");
		exit(1);
	}
	for (i = 0; i < n && !err; i++) {
		struct value v;

		err = getitem(I, d, hs[i], &v);
		kv[2 * i] = hs[i];
		kv[2 * i + 1] = err ? 0 : v.h;
	}
	if (!err)
		err = new_container(I, PYMM_OP_NEW_DICT, kv, 2 * n, out);
	for (i = 0; i < n; i++)
		if (kv[2 * i + 1])
			queue_close(I, kv[2 * i + 1]);
	close_many(I, hs, n);
	free(hs);
	free(kv);
	return err;
}

static int m_dict_copy(BI_ARGS)
{
	return dict_copy(I, self->h, out);
}

/*
 * dict_fromkeys's new mapping: a dict, or cls() when called on a subclass
 * (MyDict.fromkeys, or on an instance of it: its class), as CPython does
 */
static int fromkeys_new(struct interp *I, const struct value *self, struct value *d)
{
	struct value cls;
	struct pymm_op op;
	int err;

	if (!self || self->kind != V_OBJ)
		return new_container(I, PYMM_OP_NEW_DICT, NULL, 0, d);
	pymm_op_init(&op, PYMM_OP_TYPE);
	op.arg[0] = self->h;
	if (op1_raise(I, &op))
		return -1;
	if (op.ret[0] == PYMM_T_CLASS) {
		cls = vobj(self->h, false);
		return call_ex(I, &cls, NULL, 0, NULL, 0, NULL, d);
	}
	if (op.ret[0] != PYMM_T_DICT || !(op.ret[1] & PYMM_TYPEF_SUBCLASS))
		return new_container(I, PYMM_OP_NEW_DICT, NULL, 0, d);
	if (getattr_h(I, self->h, "__class__", &cls.h))
		return -1;
	cls = vobj(cls.h, true);
	err = call_ex(I, &cls, NULL, 0, NULL, 0, NULL, d);
	vrelease(I, &cls);
	return err;
}

/* dict.fromkeys(iterable[, value]): a new dict, every key mapped to value */
static int m_fromkeys(BI_ARGS)
{
	struct value v = nargs > 1 ? args[1] : vnone(I), d, key;
	struct py_iter it;
	bool done = false;
	int err;

	if (need_obj(I, &args[0]) || fromkeys_new(I, self, &d))
		return -1;
	/* the keys stream: one handle at a time, whatever the iterable's size */
	err = iter_get(I, &args[0], &it);
	while (!err && !done) {
		err = iter_next(I, &it, &key, &done);
		if (!err && !done) {
			err = dict_set(I, d.h, key.h, v.h);
			vrelease(I, &key);
		}
	}
	iter_release(I, &it);	/* memset by iter_get(), so safe after a failure */
	if (err) {
		vrelease(I, &d);
		return -1;
	}
	*out = d;
	return 0;
}

/*
 * a | b of two dicts (dict_or): a copy of a, updated from b.  1: not two
 * dicts, the caller goes on (a set, an instance's __or__ ...).
 */
int dict_or(struct interp *I, uint32_t ta, uint32_t tb, const struct value *a,
	    const struct value *b, struct value *out)
{
	struct value bb = *b;

	if (ta != PYMM_T_DICT || tb != PYMM_T_DICT)
		return 1;
	if (dict_copy(I, a->h, out))
		return -1;
	bb.owned = false;
	if (dict_update_arg(I, out->h, &bb)) {
		vrelease(I, out);
		return -1;
	}
	return 0;
}

/* ----------------------------------------------------------------- str */

int str_of(struct interp *I, const struct value *v, struct objinfo *oi, const char *what)
{
	if (need_obj(I, v) || obj_read(I, v->h, oi))
		return -1;
	if (oi->type != PYMM_T_STR) {
		free(oi->s);
		oi->s = NULL;
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s", what);
	}
	return 0;
}

/* code points in the first n bytes of UTF-8 */
int64_t cp_count(const char *s, size_t n)
{
	int64_t c = 0;
	size_t i;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

static int m_join(BI_ARGS)
{
	struct objinfo sep, it;
	struct strbuf sb = { 0 };
	uint64_t *hs;
	uint32_t n, i;
	int err = 0;

	if (obj_read(I, self->h, &sep))
		return -1;
	if (iter_items(I, &args[0], &hs, &n)) {
		free(sep.s);
		return -1;
	}
	sb_add(&sb, "", 0);
	for (i = 0; i < n && !err; i++) {
		err = obj_read(I, hs[i], &it);
		if (err)
			break;
		if (sep.type == PYMM_T_STR ? it.type != PYMM_T_STR :
		    it.type != PYMM_T_BYTES && it.type != PYMM_T_BYTEARRAY) {
			err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "sequence item %u: expected %s, %s "
					"found", i, sep.type == PYMM_T_STR ? "str instance" :
					"a bytes-like object", objinfo_type_name(&it));
			free(it.s);
			break;
		}
		if (i)
			sb_add(&sb, sep.s, sep.len);
		sb_add(&sb, it.s, it.len);
		free(it.s);
	}
	/* one item of self's exact type: CPython returns the item itself */
	if (!err && n == 1 && sep.type != PYMM_T_BYTEARRAY && it.type == sep.type)
		err = dup_of(I, hs[0], out);
	else if (!err)
		err = text_new(I, sep.type, sb.p ? sb.p : "", sb.n, out);
	close_many(I, hs, n);
	free(hs);
	free(sep.s);
	sb_free(&sb);
	return err;
}

/*
 * A piece of self (me, as read) appended to *hs: self itself when it is
 * the whole of it and share (stringlib's "no separator in str_obj, so
 * just use it as list[0]"; an exact str or bytes, never a bytearray).
 */
int push_text(struct interp *I, const struct value *self, const struct objinfo *me,
	      const char *s, size_t n, bool share, uint64_t **hs, uint32_t *cnt)
{
	struct value v;
	int err;

	if (share && s == me->s && n == me->len)
		err = text_same(I, self, me, &v);
	else
		err = text_new(I, me->type, s, n, &v);
	if (err)
		return -1;
	*hs = xrealloc(*hs, (*cnt + 1) * sizeof(**hs));
	(*hs)[(*cnt)++] = v.h;
	return 0;
}

static int m_split(BI_ARGS)
{
	struct objinfo me, sep = { 0 };
	uint64_t *hs = NULL;
	uint32_t cnt = 0;
	int64_t maxsplit = -1;
	size_t i = 0, start;
	int err = 0, k;
	struct value *sepv = nargs ? &args[0] : NULL;

	for (k = 0; k < nkw; k++) {
		if (!strcmp(kwn[k], "sep") && !nargs)
			sepv = &args[nargs + k];
		else if (!strcmp(kwn[k], "maxsplit") && nargs < 2) {
			if (read_int(I, &args[nargs + k], &maxsplit, NULL))
				return -1;
		} else {
			return raise_exc(I, PYMM_EXC_TYPE_ERROR, "'%s' is an invalid keyword "
					 "argument for split()", kwn[k]);
		}
	}
	if (nargs > 1 && read_int(I, &args[1], &maxsplit, NULL))
		return -1;
	if (obj_read(I, self->h, &me))
		return -1;
	if (sepv && !(sepv->kind == V_OBJ && is_none_h(I, sepv->h))) {
		if (text_arg(I, me.type, sepv, &sep, "must be str or None")) {
			free(me.s);
			return -1;
		}
		if (!sep.len) {
			free(me.s);
			free(sep.s);
			return raise_exc(I, PYMM_EXC_VALUE_ERROR, "empty separator");
		}
		start = 0;
		while (!err) {
			char *at = maxsplit == 0 ? NULL :
				   memmem(me.s + start, me.len - start, sep.s, sep.len);

			if (!at) {
				err = push_text(I, self, &me, me.s + start, me.len - start, true,
						&hs, &cnt);
				break;
			}
			err = push_text(I, self, &me, me.s + start, at - (me.s + start), true,
					&hs, &cnt);
			start = at - me.s + sep.len;
			if (maxsplit > 0)
				maxsplit--;
		}
	} else {
		while (!err) {
			while (i < me.len && text_space_at(me.type, me.s, me.len, i))
				i += text_space_at(me.type, me.s, me.len, i);
			if (i == me.len)
				break;
			if (maxsplit == 0) {
				/* the rest as it is, trailing whitespace too (a new object) */
				err = push_text(I, self, &me, me.s + i, me.len - i, false, &hs, &cnt);
				break;
			}
			start = i;
			while (i < me.len && !text_space_at(me.type, me.s, me.len, i))
				i += text_char_len(me.type, me.s, i);
			err = push_text(I, self, &me, me.s + start, i - start, true, &hs, &cnt);
			if (maxsplit > 0)
				maxsplit--;
		}
	}
	if (!err)
		err = new_container(I, PYMM_OP_NEW_LIST, hs, cnt, out);
	close_many(I, hs, cnt);
	free(hs);
	free(me.s);
	free(sep.s);
	return err;
}

/* whether the code point (the byte) at byte i of s is one strip() removes */
static bool stripped(const struct objinfo *s, size_t i, const struct objinfo *chars)
{
	size_t n, k, m;
	uint32_t c;

	if (s->type != PYMM_T_STR)
		return chars->s ? memchr(chars->s, s->s[i], chars->len) != NULL :
				  text_space_at(s->type, s->s, s->len, i);
	c = uc_at(s->s, i, &n);
	if (!chars->s)
		return uc_has(c, UC_SPACE);
	for (k = 0; k < chars->len; k += m)
		if (uc_at(chars->s, k, &m) == c)
			return true;
	return false;
}

/* strip, lstrip, rstrip: b->op is 1 left, 2 right, 3 both */
static int m_strip(BI_ARGS)
{
	struct objinfo me, chars = { 0 };
	size_t lo = 0, hi;
	int err;

	if (obj_read(I, self->h, &me))
		return -1;
	if (nargs && !(args[0].kind == V_OBJ && is_none_h(I, args[0].h)) &&
	    text_arg(I, me.type, &args[0], &chars, "strip arg must be None or str")) {
		free(me.s);
		return -1;
	}
	hi = me.len;
	/* by code point: white space (str.isspace()), or one of chars */
	if (b->op & 1)
		while (lo < hi && stripped(&me, lo, &chars))
			lo += text_char_len(me.type, me.s, lo);
	if (b->op & 2)
		while (hi > lo && stripped(&me, text_before(me.type, me.s, hi), &chars))
			hi = text_before(me.type, me.s, hi);
	/* nothing stripped: the same object */
	if (lo == 0 && hi == me.len)
		err = text_same(I, self, &me, out);
	else
		err = text_new(I, me.type, me.s + lo, hi - lo, out);
	free(me.s);
	free(chars.s);
	return err;
}

static int m_replace(BI_ARGS)
{
	struct objinfo me, old = { 0 }, new = { 0 };
	struct strbuf sb = { 0 };
	int64_t count = -1, done = 0;
	size_t i = 0;
	int err;

	if (obj_read(I, self->h, &me))
		return -1;
	if (text_arg(I, me.type, &args[0], &old, "replace() argument 1 must be str") ||
	    text_arg(I, me.type, &args[1], &new, "replace() argument 2 must be str") ||
	    (nargs > 2 && read_int(I, &args[2], &count, NULL))) {
		free(me.s);
		free(old.s);
		free(new.s);
		return -1;
	}
	sb_add(&sb, "", 0);
	while (i <= me.len) {
		char *at;

		if (count >= 0 && done >= count)
			break;
		if (!old.len) {
			/* "" matches before every code point and at the end */
			sb_add(&sb, new.s, new.len);
			done++;
			if (i == me.len) {
				i++;
				break;
			}
			sb_add(&sb, me.s + i, text_char_len(me.type, me.s, i));
			i += text_char_len(me.type, me.s, i);
			continue;
		}
		at = memmem(me.s + i, me.len - i, old.s, old.len);
		if (!at)
			break;
		sb_add(&sb, me.s + i, at - (me.s + i));
		sb_add(&sb, new.s, new.len);
		i = at - me.s + old.len;
		done++;
	}
	if (i < me.len)
		sb_add(&sb, me.s + i, me.len - i);
	err = done ? text_new(I, me.type, sb.p, sb.n, out) : text_same(I, self, &me, out);
	free(me.s);
	free(old.s);
	free(new.s);
	sb_free(&sb);
	return err;
}

/* upper, lower: b->op 1 upper (str_methods.c) */
static int m_case(BI_ARGS)
{
	return str_recase(I, self, b->op ? CASE_UPPER : CASE_LOWER, out);
}

/* one replacement field of str.format: its value (borrowed), or -1 raised */
static int format_field(struct interp *I, const char *f, size_t n, struct value *args,
			int nargs, const char *const *kwn, int nkw, int *autoidx,
			const struct value **v)
{
	size_t i;

	if (!n || (f[0] >= '0' && f[0] <= '9')) {
		long idx = 0;

		if (!n) {
			if (*autoidx < 0)
				return raise_exc(I, PYMM_EXC_VALUE_ERROR,
						 "cannot switch from manual field specification to automatic field numbering");
			idx = (*autoidx)++;
		} else {
			if (*autoidx > 0)
				return raise_exc(I, PYMM_EXC_VALUE_ERROR,
						 "cannot switch from automatic field numbering to manual field specification");
			*autoidx = -1;
			for (i = 0; i < n; i++) {
				if (f[i] < '0' || f[i] > '9' || idx > 100000000)
					return raise_exc(I, PYMM_EXC_KEY_ERROR, "'%.*s'", (int)n, f);
				idx = idx * 10 + (f[i] - '0');
			}
		}
		if (idx >= nargs)
			return raise_exc(I, PYMM_EXC_INDEX_ERROR,
					 "Replacement index %ld out of range for positional args tuple",
					 idx);
		*v = &args[idx];
		return 0;
	}
	for (i = 0; i < (size_t)nkw; i++)
		if (strlen(kwn[i]) == n && !memcmp(kwn[i], f, n)) {
			*v = &args[nargs + i];
			return 0;
		}
	return raise_exc(I, PYMM_EXC_KEY_ERROR, "'%.*s'", (int)n, f);
}

/* .name or [key] of a field: the next step of v's lookup (owned) */
static int field_step(struct interp *I, const struct value *v, const char *f, size_t n,
		      size_t *i, struct value *out)
{
	size_t start = *i + 1, end = start;
	struct value key, pair[2];
	bool digits = true;
	int err, id;

	if (f[*i] == '.') {
		while (end < n && f[end] != '.' && f[end] != '[')
			end++;
		if (end == start)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR, "Empty attribute in format string");
	} else {
		while (end < n && f[end] != ']')
			end++;
		if (end == n)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR, "Missing ']' in format string");
		if (end == start)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR, "Empty attribute in format string");
	}
	for (size_t k = start; k < end; k++)
		digits &= f[k] >= '0' && f[k] <= '9';
	/* [digits] is an int index, anything else a str key or attribute name */
	if (f[*i] == '[' && digits && end - start < 18) {
		err = new_int(I, strtoll(f + start, NULL, 10), &key);
	} else {
		err = new_str(I, f + start, end - start, &key);
	}
	if (err || need_obj(I, v))
		return -1;
	if (f[*i] == '.') {
		/* getattr(v, name), with what getattr() does for instances and types */
		pair[0] = *v;
		pair[0].owned = false;
		pair[1] = key;
		id = builtin_lookup(BO_BUILTINS, "getattr");
		err = call_builtin(I, id, NULL, pair, 2, NULL, 0, out);
	} else {
		err = getitem(I, v->h, key.h, out);
	}
	vrelease(I, &key);
	*i = f[*i] == '.' ? end : end + 1;
	if (!err && *i < n && f[*i] != '.' && f[*i] != '[')
		err = raise_exc(I, PYMM_EXC_VALUE_ERROR,
				"Only '.' or '[' may follow ']' in format field specifier");
	return err;
}

/* format_template()'s nargs for str.format_map: args[0] is the mapping */
#define FORMAT_MAP	(-1)

/*
 * format_map's field: mapping[name] (PyObject_GetItem: a dict subclass's
 * __missing__ answers), owned; no positional fields
 */
static int map_field(struct interp *I, const char *f, size_t n, struct value *mapping,
		     struct value *out)
{
	struct value key;
	int err;

	if (!n || (f[0] >= '0' && f[0] <= '9'))
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "Format string contains positional fields");
	if (need_obj(I, mapping) || new_str(I, f, n, &key))
		return -1;
	err = getitem(I, mapping->h, key.h, out);
	vrelease(I, &key);
	return err;
}

/*
 * A whole field name: the argument (format_field), then its .name and
 * [key] steps (PEP 3101).  *out is owned.
 */
static int field_value(struct interp *I, const char *f, size_t n, struct value *args,
		       int nargs, const char *const *kwn, int nkw, int *autoidx,
		       struct value *out)
{
	const struct value *arg = NULL;
	size_t head = 0, i;
	struct value cur;

	while (head < n && f[head] != '.' && f[head] != '[')
		head++;
	if (nargs == FORMAT_MAP) {
		if (map_field(I, f, head, &args[0], &cur))
			return -1;
	} else {
		if (format_field(I, f, head, args, nargs, kwn, nkw, autoidx, &arg))
			return -1;
		cur = *arg;
		cur.owned = false;
	}
	for (i = head; i < n;) {
		struct value next;

		if (field_step(I, &cur, f, n, &i, &next)) {
			vrelease(I, &cur);
			return -1;
		}
		vrelease(I, &cur);
		cur = next;
	}
	if (!cur.owned && cur.kind == V_OBJ)
		return dup_of(I, cur.h, out);
	*out = cur;
	return 0;
}

static int format_one(struct interp *I, const char *s, size_t n, struct value *args,
		      int nargs, const char *const *kwn, int nkw, int *autoidx,
		      struct strbuf *out, struct value *whole);

/*
 * A spec with fields of its own ("{0:{1}}", "{:>{width}}"): each filled
 * in first, at most one level deep, as CPython's recursion_depth of 2.
 */
static int expand_spec(struct interp *I, const char *spec, size_t sn, struct value *args,
		       int nargs, const char *const *kwn, int nkw, int *autoidx,
		       struct strbuf *out)
{
	size_t i = 0;
	int err = 0;

	sb_add(out, "", 0);
	while (!err && i < sn) {
		const char *end, *inner;

		if (spec[i] != '{') {
			sb_add(out, spec + i++, 1);
			continue;
		}
		end = memchr(spec + i, '}', sn - i);
		if (!end)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR, "expected '}' before end of string");
		inner = spec + i + 1;
		if (memchr(inner, '{', end - inner))
			return raise_exc(I, PYMM_EXC_VALUE_ERROR, "Max string recursion exceeded");
		err = format_one(I, inner, end - inner, args, nargs, kwn, nkw, autoidx, out, NULL);
		i = end - spec + 1;
	}
	return err;
}

/*
 * one "{field!conv:spec}" of str.format into out; whole non-NULL: the
 * field is the whole template, *whole its result (format_result())
 */
static int format_one(struct interp *I, const char *s, size_t n, struct value *args,
		      int nargs, const char *const *kwn, int nkw, int *autoidx,
		      struct strbuf *out, struct value *whole)
{
	const char *colon = memchr(s, ':', n), *bang;
	size_t fn = colon ? (size_t)(colon - s) : n;
	const char *spec = colon ? colon + 1 : "";
	size_t sn = colon ? n - fn - 1 : 0;
	struct value fv, conv;
	const struct value *v = &fv;
	struct strbuf r = { 0 }, xspec = { 0 };
	char c = 0;
	int err;

	bang = memchr(s, '!', fn);
	if (bang) {
		if (s + fn - bang != 2 || (bang[1] != 'r' && bang[1] != 's'))
			return raise_exc(I, bang[1] == 'a' ? EX_NOT_IMPLEMENTED : PYMM_EXC_VALUE_ERROR,
					 bang[1] == 'a' ? "!a conversions are not supported by pymm" :
					 "Unknown conversion specifier %c", bang[1]);
		c = bang[1];
		fn = bang - s;
	}
	if (field_value(I, s, fn, args, nargs, kwn, nkw, autoidx, &fv))
		return -1;
	err = 0;
	if (memchr(spec, '{', sn)) {
		/* the spec's own fields, after the field's value (CPython's order) */
		err = expand_spec(I, spec, sn, args, nargs, kwn, nkw, autoidx, &xspec);
		spec = xspec.p;
		sn = xspec.n;
	}
	if (!err && !c) {
		err = format_value(I, v, spec, sn, out);
		if (!err && whole)
			err = format_result(I, v, false, out->p, out->n, whole);
	} else if (!err) {
		/* !r / !s: the format of the converted str */
		err = value_repr(I, v, &r, c == 's');
		if (!err)
			err = new_str(I, r.p ? r.p : "", r.n, &conv);
		if (!err) {
			err = format_value(I, &conv, spec, sn, out);
			/* str(s) is s itself: its format may be too */
			if (!err && whole)
				err = format_result(I, c == 's' ? v : &conv, c == 'r', out->p,
						    out->n, whole);
			vrelease(I, &conv);
		}
		sb_free(&r);
	}
	sb_free(&xspec);
	vrelease(I, &fv);
	return err ? -1 : 0;
}

/*
 * The '}' that ends the field opened at s[0] (MarkupIterator_next): '}'
 * inside [...] does not, nested {...} (a spec's) are skipped whole.  NULL:
 * the string ended first.
 */
static const char *field_end(const char *s, size_t n)
{
	size_t i, depth = 1;
	bool bracket = false;

	for (i = 1; i < n; i++) {
		if (bracket) {
			bracket = s[i] != ']';
		} else if (s[i] == '[') {
			bracket = true;
		} else if (s[i] == '{') {
			depth++;
		} else if (s[i] == '}' && --depth == 0) {
			return s + i;
		}
	}
	return NULL;
}

/*
 * str.format and str.format_map: the template self filled from args
 * (nargs FORMAT_MAP: from the mapping args[0])
 */
static int format_template(struct interp *I, struct value *self, struct value *args, int nargs,
			   const char *const *kwn, int nkw, struct value *out)
{
	struct strbuf sb = { 0 };
	struct objinfo me;
	int autoidx = 0, err = 0;
	struct value whole = { 0 };
	size_t i = 0;

	if (obj_read(I, self->h, &me))
		return -1;
	while (!err && i < me.len) {
		char ch = me.s[i];

		if ((ch == '{' || ch == '}') && i + 1 < me.len && me.s[i + 1] == ch) {
			sb_add(&sb, &ch, 1);
			i += 2;
		} else if (ch == '}') {
			err = raise_exc(I, PYMM_EXC_VALUE_ERROR,
					"Single '}' encountered in format string");
		} else if (ch == '{') {
			const char *end = field_end(me.s + i, me.len - i);

			if (!end) {
				err = raise_exc(I, PYMM_EXC_VALUE_ERROR, i + 1 == me.len ?
						"Single '{' encountered in format string" :
						"expected '}' before end of string");
				break;
			}
			err = format_one(I, me.s + i + 1, end - (me.s + i + 1), args, nargs, kwn,
					 nkw, &autoidx, &sb,
					 !i && end == me.s + me.len - 1 ? &whole : NULL);
			i = end - me.s + 1;
		} else {
			sb_add(&sb, &ch, 1);
			i++;
		}
	}
	free(me.s);
	if (!err && whole.kind != V_NULL)
		*out = whole;
	else if (!err)
		err = new_str(I, sb.p ? sb.p : "", sb.n, out);
	sb_free(&sb);
	return err;
}

/* str.format: positional and keyword fields, conversions, format specs */
static int m_format(BI_ARGS)
{
	return format_template(I, self, args, nargs, kwn, nkw, out);
}

/* str.format_map(mapping): the named fields looked up in the mapping, not copied */
static int m_format_map(BI_ARGS)
{
	return format_template(I, self, args, FORMAT_MAP, NULL, 0, out);
}

/* the str methods bytes and bytearray share (bytes_methods.c) */
#define TEXT_ROWS(o)							\
	ROW(o, "join", 1, 1, 0, m_join, 0),				\
	ROW(o, "split", 0, 2, BF_KW, m_split, 0),			\
	ROW(o, "strip", 0, 1, 0, m_strip, 3),				\
	ROW(o, "lstrip", 0, 1, 0, m_strip, 1),				\
	ROW(o, "rstrip", 0, 1, 0, m_strip, 2),				\
	ROW(o, "replace", 2, 3, 0, m_replace, 0)

const struct builtin *const builtins_methods[] = {
	ROW(BO_LIST, "append", 1, 1, 0, m_append, 0),
	ROW(BO_LIST, "pop", 0, 1, 0, m_pop, 0),
	ROW(BO_LIST, "extend", 1, 1, 0, m_extend, 0),
	ROW(BO_LIST, "insert", 2, 2, 0, m_insert, 0),
	ROW(BO_LIST, "remove", 1, 1, 0, m_remove, 0),
	ROW(BO_LIST, "index", 1, 3, 0, m_index, 0),
	ROW(BO_LIST, "count", 1, 1, 0, m_count, 0),
	ROW(BO_TUPLE, "index", 1, 3, 0, m_index, 1),	/* op 1: tuple's message */
	ROW(BO_TUPLE, "count", 1, 1, 0, m_count, 0),
	ROW(BO_LIST, "sort", 0, 0, BF_KW, m_sort, 0),
	ROW(BO_LIST, "reverse", 0, 0, 0, m_reverse, 0),
	ROW(BO_LIST, "clear", 0, 0, 0, m_clear, 0),
	ROW(BO_LIST, "copy", 0, 0, 0, m_list_copy, 0),
	ROW(BO_DICT, "get", 1, 2, 0, m_get, 0),
	ROW(BO_DICT, "pop", 1, 2, 0, m_dict_pop, 0),
	ROW(BO_DICT, "setdefault", 1, 2, 0, m_setdefault, 0),
	ROW(BO_DICT, "update", 0, 1, BF_KW, m_update, 0),
	ROW(BO_DICT, "clear", 0, 0, 0, m_clear, 0),
	ROW(BO_DICT, "copy", 0, 0, 0, m_dict_copy, 0),
	ROW(BO_DICT, "fromkeys", 1, 2, BF_CLASSMETH, m_fromkeys, 0),
	ROW(BO_DICT, "keys", 0, 0, 0, m_view, 0),
	ROW(BO_DICT, "values", 0, 0, 0, m_view, 0),
	ROW(BO_DICT, "items", 0, 0, 0, m_view, 0),
	TEXT_ROWS(BO_STR),
	TEXT_ROWS(BO_BYTES),
	TEXT_ROWS(BO_BYTEARRAY),
	ROW(BO_STR, "upper", 0, 0, 0, m_case, 1),
	ROW(BO_STR, "lower", 0, 0, 0, m_case, 0),
	ROW(BO_STR, "format", 0, -1, BF_KW, m_format, 0),
	ROW(BO_STR, "format_map", 1, 1, 0, m_format_map, 0),
	NULL
};

int builtin_method_of(struct interp *I, const struct value *obj, const char *name)
{
	/* the types whose methods are rows (a method call looks here first) */
	static const int owners[] = { BO_LIST, BO_DICT, BO_STR, BO_GEN, BO_SET, BO_PROPERTY,
				      BO_BYTEARRAY, BO_TUPLE, BO_BYTES, BO_INT, BO_FLOAT };
	const int nowners = (int)(sizeof(owners) / sizeof(owners[0]));
	uint32_t t;
	bool is_set;
	int id, k;

	/* no op unless some type has a method of that name (builtin_lookup's index) */
	for (k = 0; k < nowners && builtin_lookup(owners[k], name) < 0; k++)
		;
	if (k == nowners)
		return -1;
	k = subclass_defines(I, obj->h, name, &t);
	if (k)
		return k < 0 ? -2 : -1;	/* a list/dict subclass's own method: the heap's */
	id = builtin_method_lookup(t, name);
	if (id < 0 || t != PYMM_T_SET || !(builtin_get(id)->flags & BF_MUTATES))
		return id;
	/* a frozenset has none of a set's mutators */
	k = set_kind(I, obj->h, &is_set);
	if (k < 0)
		return -2;
	if (k == 1) {
		raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "'frozenset' object has no attribute '%s'",
			  name);
		return -2;
	}
	return id;
}
