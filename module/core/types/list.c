// SPDX-License-Identifier: GPL-2.0
/*
 * list.c - mutable sequences.  The item array is a separate block of the
 * heap's allocator (sized free: cap * 8 bytes), grown with CPython's
 * over-allocation, always BEFORE the list changes so a refused allocation
 * (quota) leaves the list as it was.
 */
#include "../heap.h"

/* list_traverse: last to first, as CPython's (the collector's order follows) */
static int list_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_list *l = (struct pymm_list *)o;
	u32 i = l->len;
	int r = pymm_sub_traverse(o, visit, arg);	/* a subclass: dict, type */

	if (r)
		return r;
	while (i--) {
		r = visit(l->items[i], arg);
		if (r)
			return r;
	}
	return 0;
}

/* list_clear: empty the list first, then drop the items last to first */
static void list_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_list *l = (struct pymm_list *)o;
	struct pymm_object **items;
	u32 n, cap;

	pymm_sub_clear(h, o);	/* a subclass: its __dict__ first */
	items = l->items;
	n = l->len;
	cap = l->cap;
	l->items = NULL;
	l->len = 0;
	l->cap = 0;
	while (n)
		pymm_obj_decref(h, items[--n]);
	if (items)
		pymm_free(&h->alloc, items, cap * sizeof(void *));
}

static struct pymm_object *list_release(struct pymm_object *o)
{
	struct pymm_list *l = (struct pymm_list *)o;
	struct pymm_object *r = pymm_sub_release(o, false);	/* a subclass: dict */

	if (r)
		return r;
	return l->len ? l->items[--l->len] : pymm_sub_release(o, true);
}

static void list_free_extra(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_list *l = (struct pymm_list *)o;

	if (l->items)
		pymm_free(&h->alloc, l->items, l->cap * sizeof(void *));
}

const struct pymm_typeobj pymm_list_type = {
	.name = "list",
	.code = PYMM_T_LIST,
	.is_gc = 1,
	.traverse = list_traverse,
	.clear = list_clear,
	.release = list_release,
	.free_extra = list_free_extra,
};

static int list_resize(struct pymm_heap *h, struct pymm_list *l, u32 need)
{
	struct pymm_object **items;
	u64 cap;

	if (need <= l->cap)
		return 0;
	cap = ((u64)need + (need >> 3) + 6) & ~3ull;
	if (cap > (PYMM_DATA_MAX * 64ull))
		return -ENOMEM;
	items = pymm_heap_malloc(h, cap * sizeof(void *));
	if (!items)
		return h->alloc.last_error ? h->alloc.last_error : -ENOMEM;
	if (l->len)
		memcpy(items, l->items, l->len * sizeof(void *));
	if (l->items)
		pymm_free(&h->alloc, l->items, l->cap * sizeof(void *));
	l->items = items;
	l->cap = (u32)cap;
	return 0;
}

struct pymm_object *pymm_list_new(struct pymm_heap *h, struct pymm_object *const *items,
				  u32 n, int *err)
{
	struct pymm_object *o;
	struct pymm_list *l;
	u32 i;

	o = pymm_obj_alloc(h, PYMM_T_LIST, sizeof(*l), err);
	if (!o)
		return NULL;
	l = (struct pymm_list *)o;
	if (n) {
		/* exact size, as list(literal) */
		l->items = pymm_heap_malloc(h, (size_t)n * sizeof(void *));
		if (!l->items) {
			*err = h->alloc.last_error ? h->alloc.last_error : -ENOMEM;
			pymm_obj_decref(h, o);
			return NULL;
		}
		l->cap = n;
		/* [x] * n: n steps of the op's budget; stopped, the part made goes */
		for (i = 0; i < n; i++) {
			*err = pymm_work(h, 1);
			if (*err) {
				pymm_obj_decref(h, o);
				return NULL;
			}
			l->items[i] = pymm_obj_incref(items[i]);
			l->len = i + 1;
		}
	}
	pymm_gc_track(h, o);
	return o;
}

int pymm_list_append(struct pymm_heap *h, struct pymm_object *o, struct pymm_object *v)
{
	struct pymm_list *l = (struct pymm_list *)o;
	int err;

	if (l->len == 0xffffffffu)
		return -ENOMEM;
	err = list_resize(h, l, l->len + 1);
	if (err)
		return err;
	l->items[l->len++] = pymm_obj_incref(v);
	return 0;
}

void pymm_list_set(struct pymm_heap *h, struct pymm_object *o, u32 i, struct pymm_object *v)
{
	struct pymm_list *l = (struct pymm_list *)o;
	struct pymm_object *old = l->items[i];

	l->items[i] = pymm_obj_incref(v);
	pymm_obj_decref(h, old);
}

struct pymm_object *pymm_list_take(struct pymm_object *o, u32 i)
{
	struct pymm_list *l = (struct pymm_list *)o;
	struct pymm_object *v = l->items[i];

	memmove(&l->items[i], &l->items[i + 1], (l->len - i - 1) * sizeof(void *));
	l->len--;
	return v;
}
