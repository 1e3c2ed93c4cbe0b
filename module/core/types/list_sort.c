// SPDX-License-Identifier: GPL-2.0
/*
 * list_sort.c - list.sort() in one op (PYMM_OP_LIST_SORT).
 *
 * Why in the core: a client that sorts through single ops holds a handle
 * per item (ITEMS, capped at max_handles: a list of 100,000 ints could not
 * be sorted at all) and sends one COMPARE per comparison, n log n round
 * trips, each a system call over /dev/pymm.  Here it is one op.
 *
 * The core sorts only keys whose order it knows by itself: ints, bools,
 * floats, strs, bytes, and tuples of those.  Anything else (an instance,
 * whose __lt__ is the client's code; a nested container) answers
 * -EOPNOTSUPP before anything is compared, and the client sorts as
 * before.  Below 64 items the comparisons are listsort()'s own
 * (sort_small()); from 64 on, a stable bottom-up merge sort (iterative, n
 * words of scratch) whose result is the one CPython's timsort gives for
 * any consistent order (not for NaNs: docs/objects.md).  Every comparison
 * is a step of the op's work budget (pymm_obj_compare()), which the sort
 * first widens by n log2 n: a huge list is sorted, rescheduled and
 * killable.  Nothing changes until the order is known: an error (a str
 * against an int, a signal, the quota) leaves the list as it was.
 */
#include "../heap.h"

static bool sort_scalar(const struct pymm_object *o)
{
	switch (o->type) {
	case PYMM_T_INT:
	case PYMM_T_BOOL:
	case PYMM_T_FLOAT:
	case PYMM_T_STR:
	case PYMM_T_BYTES:
		return true;
	}
	return false;
}

/* can the core order k against another such key without the client? */
static bool sort_key_known(const struct pymm_object *k)
{
	const struct pymm_tuple *t;
	u32 i;

	if (sort_scalar(k))
		return true;
	if (k->type != PYMM_T_TUPLE)
		return false;
	t = (const struct pymm_tuple *)k;
	for (i = 0; i < t->len; i++)
		if (!t->items[i] || !sort_scalar(t->items[i]))
			return false;
	return true;
}

/*
 * One pass of the bottom-up merge: runs of width w in src merged pairwise
 * into dst.  The right item goes first only if strictly before the left
 * one (reverse: strictly after), so equal keys keep their order, as
 * CPython's reverse=True does.
 */
static int merge_pass(struct pymm_heap *h, struct pymm_object **keys, const u32 *src,
		      u32 *dst, u32 n, u32 w, bool reverse)
{
	u32 lo, i, j, k, mid, hi;
	bool before;
	int err;

	for (lo = 0; lo < n; lo = hi) {
		mid = n - lo > w ? lo + w : n;
		hi = n - mid > w ? mid + w : n;
		i = lo;
		j = mid;
		k = lo;
		while (i < mid && j < hi) {
			err = reverse ? pymm_obj_compare(h, keys[src[i]], keys[src[j]],
							 PYMM_CMP_LT, &before) :
					pymm_obj_compare(h, keys[src[j]], keys[src[i]],
							 PYMM_CMP_LT, &before);
			if (err)
				return err;
			dst[k++] = before ? src[j++] : src[i++];
		}
		while (i < mid)
			dst[k++] = src[i++];
		while (j < hi)
			dst[k++] = src[j++];
	}
	return 0;
}

static u32 ilog2_ceil(u32 n)
{
	u32 lg = 0;

	while (lg < 32 && (1ull << lg) < n)
		lg++;
	return lg;
}

static bool sort_lt(struct pymm_heap *h, struct pymm_object **keys, u32 x, u32 y, int *err)
{
	bool lt = false;

	*err = pymm_obj_compare(h, keys[x], keys[y], PYMM_CMP_LT, &lt);
	return lt;
}

static void reverse_u32(u32 *a, u32 n)
{
	u32 i, t;

	for (i = 0; i < n / 2; i++) {
		t = a[i];
		a[i] = a[n - 1 - i];
		a[n - 1 - i] = t;
	}
}

/*
 * A list shorter than timsort's MIN_MERGE (64) is sorted as listsort()
 * sorts it, comparison for comparison: reverse=True reverses first and
 * last (reverse_slice), count_run() takes the leading run (a strictly
 * descending one is reversed), binarysort() inserts the rest.  So even an
 * inconsistent order (a float NaN) gives CPython's list.
 */
#define SORT_MIN_MERGE	64

static int sort_small(struct pymm_heap *h, struct pymm_object **keys, u32 *a, u32 n,
		      bool reverse)
{
	u32 run = 1, start, l, r, p, pivot;
	bool desc = false;
	int err = 0;

	if (reverse)
		reverse_u32(a, n);
	if (n > 1) {
		run = 2;
		desc = sort_lt(h, keys, a[1], a[0], &err);
		while (!err && run < n && sort_lt(h, keys, a[run], a[run - 1], &err) == desc)
			run++;
		if (err)
			return err;
		if (desc)
			reverse_u32(a, run);
	}
	for (start = run; start < n; start++) {
		pivot = a[start];
		l = 0;
		r = start;
		do {
			p = l + ((r - l) >> 1);
			if (sort_lt(h, keys, pivot, a[p], &err))
				r = p;
			else
				l = p + 1;
			if (err)
				return err;
		} while (l < r);
		memmove(&a[l + 1], &a[l], (start - l) * sizeof(*a));
		a[l] = pivot;
	}
	if (reverse)
		reverse_u32(a, n);
	return 0;
}

/* the sorted order of keys[0..n) as indices in *order (a scratch block of 2n) */
static int sort_order(struct pymm_heap *h, struct pymm_object **keys, u32 n, bool reverse,
		      u32 *scratch, u32 **order)
{
	u32 *a = scratch, *b = scratch + n, *t, i, w;
	int err;

	for (i = 0; i < n; i++)
		a[i] = i;
	*order = a;
	if (n < SORT_MIN_MERGE)
		return sort_small(h, keys, a, n, reverse);
	for (w = 1; w < n; w *= 2) {
		err = merge_pass(h, keys, a, b, n, w, reverse);
		if (err)
			return err;
		t = a;
		a = b;
		b = t;
		if (w > U32_MAX / 2)
			break;
	}
	*order = a;
	return 0;
}

/*
 * sorts l by keys (a list as long as l, or NULL: its items); -EOPNOTSUPP:
 * not keys the core can order; -EINVAL: two that cannot be ordered
 */
int pymm_list_sort(struct pymm_heap *h, struct pymm_object *l, struct pymm_object *keys,
		   bool reverse)
{
	struct pymm_list *list = (struct pymm_list *)l;
	struct pymm_object **k, **moved;
	u32 n = list->len, i, *scratch, *order;
	size_t scratch_bytes;
	int err;

	k = keys ? ((struct pymm_list *)keys)->items : list->items;
	for (i = 0; i < n; i++) {
		err = pymm_work(h, 1);
		if (err)
			return err;
		if (!sort_key_known(k[i]))
			return -EOPNOTSUPP;
	}
	if (n < 2)
		return 0;
	/* n log2 n comparisons at most, each a step (pymm_obj_compare()) */
	pymm_work_grant(h, (u64)n * (ilog2_ceil(n) + 1));
	scratch_bytes = (size_t)n * 2 * sizeof(u32);
	scratch = pymm_heap_malloc(h, scratch_bytes);
	if (!scratch)
		return h->alloc.last_error ? h->alloc.last_error : -ENOMEM;
	moved = pymm_heap_malloc(h, (size_t)n * sizeof(*moved));
	if (!moved) {
		err = h->alloc.last_error ? h->alloc.last_error : -ENOMEM;
		goto out_scratch;
	}
	err = sort_order(h, k, n, reverse, scratch, &order);
	if (!err) {
		/* the items only move: every count stays as it was */
		for (i = 0; i < n; i++)
			moved[i] = list->items[order[i]];
		memcpy(list->items, moved, (size_t)n * sizeof(*moved));
	}
	pymm_free(&h->alloc, moved, (size_t)n * sizeof(*moved));
out_scratch:
	pymm_free(&h->alloc, scratch, scratch_bytes);
	return err;
}
