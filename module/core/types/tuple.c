// SPDX-License-Identifier: GPL-2.0
/*
 * tuple.c - immutable sequences; () is one object per heap.  A tuple's hash
 * is computed once, at creation, from its items' (cached) hashes with
 * CPython's xxHash-based formula, so hashing a tuple nested a million deep
 * costs one step and no recursion.  Unhashable items leave PYMM_OF_HASHABLE
 * clear: such a tuple is refused as a dict key (TypeError).
 */
#include "../heap.h"

#define XXPRIME_1	11400714785074694791ull
#define XXPRIME_2	14029467366897019727ull
#define XXPRIME_5	2870177450012600261ull
#define XXROTATE(x)	(((x) << 31) | ((x) >> 33))

/* tuplehash's step per item, and its end */
static u64 xx_lane(u64 acc, s64 lane)
{
	acc += (u64)lane * XXPRIME_2;
	acc = XXROTATE(acc);
	return acc * XXPRIME_1;
}

static s64 xx_finish(u64 acc, u32 n)
{
	acc += n ^ (XXPRIME_5 ^ 3527539ull);
	return acc == ~0ull ? 1546275796 : (s64)acc;
}

/* the hash of a tuple whose items hash to lanes[0..n) (range_hash) */
s64 pymm_tuple_hash_of(const s64 *lanes, u32 n)
{
	u64 acc = XXPRIME_5;
	u32 i;

	for (i = 0; i < n; i++)
		acc = xx_lane(acc, lanes[i]);
	return xx_finish(acc, n);
}

/* tupletraverse: last to first, as CPython's */
static int tuple_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_tuple *t = (struct pymm_tuple *)o;
	u32 i = t->len;
	int r = pymm_sub_traverse(o, visit, arg);	/* a subclass: dict, type */

	if (r)
		return r;
	while (i--) {
		if (t->items[i]) {
			r = visit(t->items[i], arg);
			if (r)
				return r;
		}
	}
	return 0;
}

/* CPython's tuples have no tp_clear; ours exist for heap teardown */
static void tuple_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_tuple *t = (struct pymm_tuple *)o;
	u32 i;

	pymm_sub_clear(h, o);	/* a subclass: its __dict__ first */
	for (i = 0; i < t->len; i++) {
		struct pymm_object *item = t->items[i];

		t->items[i] = NULL;
		pymm_obj_xdecref(h, item);
	}
}

/* tupledealloc drops items last to first (a subclass: its __dict__ before, its type after) */
static struct pymm_object *tuple_release(struct pymm_object *o)
{
	struct pymm_tuple *t = (struct pymm_tuple *)o;
	struct pymm_object *sub = pymm_sub_release(o, false);

	if (sub)
		return sub;
	while (t->len) {
		struct pymm_object *item = t->items[--t->len];

		if (item)
			return item;
	}
	return pymm_sub_release(o, true);
}

static int tuple_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	/* not hashable: the hash field keeps why (tuple_set_hash) */
	if (!(o->flags & PYMM_OF_HASHABLE))
		return ((struct pymm_tuple *)o)->hash == -ENOKEY ? -ENOKEY : -EINVAL;
	*out = ((struct pymm_tuple *)o)->hash;
	return 0;
}

const struct pymm_typeobj pymm_tuple_type = {
	.name = "tuple",
	.code = PYMM_T_TUPLE,
	.is_gc = 1,
	.traverse = tuple_traverse,
	.clear = tuple_clear,
	.release = tuple_release,
	.hash = tuple_hash,
};

/* tuplehash over the items, cached in the tuple (PYMM_OF_HASHABLE if it has one) */
static void tuple_set_hash(struct pymm_heap *h, struct pymm_tuple *t)
{
	u64 acc = XXPRIME_5;
	u32 i;

	t->ob.flags &= ~PYMM_OF_HASHABLE;
	t->hash = -EINVAL;
	for (i = 0; i < t->len; i++) {
		s64 lane;
		int err = pymm_obj_hash(h, t->items[i], &lane);

		/* an item needing its class's __hash__ (keyhash.c): so does the tuple */
		if (err) {
			t->hash = err == -ENOKEY ? -ENOKEY : -EINVAL;
			return;
		}
		acc += (u64)lane * XXPRIME_2;
		acc = XXROTATE(acc);
		acc *= XXPRIME_1;
	}
	acc += t->len ^ (XXPRIME_5 ^ 3527539ull);
	t->hash = acc == ~0ull ? 1546275796 : (s64)acc;
	t->ob.flags |= PYMM_OF_HASHABLE;
}

/*
 * What zip_next and enum_next do to the result tuple they hold alone:
 * put the new items in (new references taken), drop the old ones after,
 * and track it again if a collection had untracked it (bpo-42536).  The
 * hash pymm caches is computed anew.
 */
void pymm_tuple_refill(struct pymm_heap *h, struct pymm_object *o, struct pymm_object *const *items)
{
	struct pymm_tuple *t = (struct pymm_tuple *)o;
	u32 i;

	for (i = 0; i < t->len; i++) {
		struct pymm_object *old = t->items[i];

		t->items[i] = pymm_obj_incref(items[i]);
		pymm_obj_xdecref(h, old);
	}
	tuple_set_hash(h, t);
	if (!pymm_gc_is_tracked(o))
		pymm_gc_track(h, o);
}

/* a tuple of n items; cls (a tuple subclass, or NULL) its class */
static struct pymm_object *tuple_make(struct pymm_heap *h, struct pymm_object *cls,
				      struct pymm_object *const *items, u32 n, int *err)
{
	size_t extra = cls ? sizeof(struct pymm_subext) : 0;
	struct pymm_object *o;
	struct pymm_tuple *t;
	u32 i;

	o = (cls ? pymm_obj_alloc_nofl : pymm_obj_alloc)(h, PYMM_T_TUPLE, sizeof(*t) +
							   (size_t)n * sizeof(void *) + extra, err);
	if (!o)
		return NULL;
	t = (struct pymm_tuple *)o;
	if (cls) {
		o->flags |= PYMM_OF_SUBTUPLE;
		memset(pymm_subext(o), 0, sizeof(struct pymm_subext));
		pymm_subext(o)->cls = pymm_obj_incref(cls);
	}
	for (i = 0; i < n; i++) {
		/* n steps of the op's budget; stopped, the part made goes */
		*err = pymm_work(h, 1);
		if (*err) {
			pymm_obj_decref(h, o);
			return NULL;
		}
		t->items[i] = pymm_obj_incref(items[i]);
		t->len = i + 1;
	}
	tuple_set_hash(h, t);
	pymm_gc_track(h, o);
	return o;
}

struct pymm_object *pymm_tuple_new(struct pymm_heap *h, struct pymm_object *const *items,
				   u32 n, int *err)
{
	if (!n && h->empty_tuple)
		return pymm_obj_incref(h->empty_tuple);
	return tuple_make(h, NULL, items, n, err);
}

/*
 * tuple_subtype_new: a tuple that is an instance of cls, even of no items
 * (never the () singleton), tracked at once as PyType_GenericAlloc does.
 */
struct pymm_object *pymm_tuple_sub_new(struct pymm_heap *h, struct pymm_object *cls,
				       struct pymm_object *const *items, u32 n, int *err)
{
	if (pymm_type_is_static(h, cls))
		return pymm_tuple_new(h, items, n, err);
	return tuple_make(h, cls, items, n, err);
}
