// SPDX-License-Identifier: GPL-2.0
/*
 * set.c - set and frozenset, CPython 3.11's setobject.c where a script can
 * see it: the same open-addressed table (PySet_MINSIZE 8, LINEAR_PROBES 9
 * linear probes before each perturbed jump, dummies with hash -1), the same
 * growth rule (fill * 5 >= mask * 3 grows to used * 4, used * 2 past
 * 50,000), and the same algorithms for merge, intersection, difference and
 * symmetric difference, so that iteration order, which follows hash values
 * and table size, is what python3 prints for values whose hash CPython
 * makes deterministic (ints, tuples of them; str hashes are randomized in
 * CPython, and pymm's differ).
 *
 * Both kinds are GC objects tracked from birth (PyType_GenericAlloc), as
 * in 3.11; set_traverse and set_dealloc walk the table in slot order, so
 * gc.get_referents() and the release order are CPython's.  3.11 keeps no
 * free list for sets.  A frozenset caches its hash (frozenset_hash).
 *
 * The kernel never calls user code: equality of members is pymm_obj_eq()
 * (user __eq__ is identity here, docs/objects.md), so a comparison cannot
 * mutate the table and set_add_entry's restart is not needed.  Every probe
 * draws a step of the op's work budget; a failed op leaves each set it
 * changed as a valid set (the update of a set in place may have added part
 * of the other operand, as CPython's does when an __eq__ raises).
 */
#include "../heap.h"
#include "../set.h"
#include "../keyhash.h"

#define LINEAR_PROBES	9
#define PERTURB_SHIFT	5
#define SET_MAX_SLOTS	(1u << 28)

/* the deleted-entry marker: never counted, never dereferenced */
static struct pymm_object set_dummy;
#define DUMMY	(&set_dummy)

static inline struct pymm_set *as_set(struct pymm_object *o)
{
	return (struct pymm_set *)o;
}

static inline bool is_set(const struct pymm_object *o)
{
	return o->type == PYMM_T_SET;
}

size_t pymm_set_block_bytes(const struct pymm_object *o)
{
	const struct pymm_set *so = (const struct pymm_set *)o;

	return so->table == so->small ? 0 : (size_t)(so->mask + 1) * sizeof(*so->table);
}

bool pymm_set_next(struct pymm_object *o, u32 *pos, struct pymm_object **key)
{
	struct pymm_set *so = as_set(o);
	u32 i = *pos;

	while (i <= so->mask && (!so->table[i].key || so->table[i].key == DUMMY))
		i++;
	if (i > so->mask) {
		*pos = i;
		return false;
	}
	*pos = i + 1;
	*key = so->table[i].key;
	return true;
}

/* ------------------------------------------------------------ the type */

static int set_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_object *key;
	u32 pos = 0;
	int r;

	while (pymm_set_next(o, &pos, &key)) {
		r = visit(key, arg);
		if (r)
			return r;
	}
	return 0;
}

static void table_free(struct pymm_heap *h, struct pymm_set_entry *t, u32 mask)
{
	pymm_free(&h->alloc, t, (size_t)(mask + 1) * sizeof(*t));
}

static void set_empty_to_minsize(struct pymm_set *so)
{
	memset(so->small, 0, sizeof(so->small));
	so->fill = 0;
	so->used = 0;
	so->mask = PYMM_SET_MINSIZE - 1;
	so->table = so->small;
	so->hash = -1;
}

/* set_clear_internal: empty first, then drop the keys in slot order */
static void set_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_set *so = as_set(o);
	struct pymm_set_entry small_copy[PYMM_SET_MINSIZE], *t = so->table, *e;
	u32 used = so->used, mask = so->mask;
	bool big = t != so->small;

	if (!so->fill)
		return;
	if (!big) {
		memcpy(small_copy, t, sizeof(small_copy));
		t = small_copy;
	}
	set_empty_to_minsize(so);
	for (e = t; used > 0; e++) {
		if (e->key && e->key != DUMMY) {
			used--;
			pymm_obj_decref(h, e->key);
		}
	}
	if (big)
		table_free(h, t, mask);
}

/* set_dealloc: keys in slot order */
static struct pymm_object *set_release(struct pymm_object *o)
{
	struct pymm_set *so = as_set(o);

	while (so->release_pos <= so->mask) {
		struct pymm_set_entry *e = &so->table[so->release_pos++];
		struct pymm_object *k = e->key;

		if (k && k != DUMMY) {
			e->key = DUMMY;
			return k;
		}
	}
	return NULL;
}

static void set_free_extra(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_set *so = as_set(o);

	if (so->table != so->small)
		table_free(h, so->table, so->mask);
	so->table = so->small;
}

static u64 shuffle_bits(u64 h)
{
	return ((h ^ 89869747ull) ^ (h << 16)) * 3644798167ull;
}

/* frozenset_hash; a set is unhashable */
static int set_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	struct pymm_set *so = as_set(o);
	u64 hash = 0;
	u32 i;

	if (!so->frozen)
		return -EINVAL;
	if (so->hash != -1) {
		*out = so->hash;
		return 0;
	}
	for (i = 0; i <= so->mask; i++)
		hash ^= shuffle_bits((u64)so->table[i].hash);
	if ((so->mask + 1 - so->fill) & 1)
		hash ^= shuffle_bits(0);
	if ((so->fill - so->used) & 1)
		hash ^= shuffle_bits((u64)-1);
	hash ^= ((u64)so->used + 1) * 1927868237ull;
	hash ^= (hash >> 11) ^ (hash >> 25);
	hash = hash * 69069u + 907133923ull;
	if (hash == (u64)-1)
		hash = 590923713ull;
	so->hash = (s64)hash;
	*out = so->hash;
	return 0;
}

const struct pymm_typeobj pymm_set_type = {
	.name = "set",
	.code = PYMM_T_SET,
	.is_gc = 1,
	.weaklist_off = offsetof(struct pymm_set, weaklist),
	.traverse = set_traverse,
	.clear = set_clear,
	.release = set_release,
	.free_extra = set_free_extra,
	.hash = set_hash,
};

/* make_new_set: empty, tracked (PyType_GenericAlloc tracks it) */
static struct pymm_object *set_new(struct pymm_heap *h, bool frozen, int *err)
{
	struct pymm_object *o = pymm_obj_alloc(h, PYMM_T_SET, sizeof(struct pymm_set), err);

	if (!o)
		return NULL;
	set_empty_to_minsize(as_set(o));
	as_set(o)->frozen = frozen;
	pymm_gc_track(h, o);
	return o;
}

/* ----------------------------------------------------- probing the table */

/* KEY_PEERS' list (keyhash.c): set_probe() records instead of comparing */
struct set_peers {
	struct pymm_object **out;
	u32 cap, n;
};

/*
 * set_lookkey: the entry holding key, or NULL (*err 0) if it is absent.
 * With pc, every entry of this hash but key itself goes on pc's list, in
 * the order (and as often) the probe sequence meets it, and NULL comes back.
 */
static struct pymm_set_entry *set_probe(struct pymm_heap *h, struct pymm_set *so,
					struct pymm_object *key, s64 hash,
					struct set_peers *pc, int *err)
{
	u64 perturb = (u64)hash;
	u32 mask = so->mask, i = (u32)hash & mask;

	for (;;) {
		struct pymm_set_entry *e = &so->table[i];
		int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;

		do {
			*err = pymm_work(h, 1);
			if (*err)
				return NULL;
			if (e->hash == 0 && !e->key)
				return NULL;
			if (e->hash == hash && pc) {
				if (e->key != key && e->key != DUMMY && pc->n++ < pc->cap)
					pc->out[pc->n - 1] = e->key;
			} else if (e->hash == hash) {
				bool eq = e->key == key;

				if (!eq) {
					*err = pymm_obj_eq(h, e->key, key, &eq);
					if (*err)
						return NULL;
				}
				if (eq)
					return e;
			}
			e++;
		} while (probes--);
		perturb >>= PERTURB_SHIFT;
		i = (u32)((i * 5 + 1 + perturb) & mask);
	}
}

static struct pymm_set_entry *set_lookkey(struct pymm_heap *h, struct pymm_set *so,
					  struct pymm_object *key, s64 hash, int *err)
{
	return set_probe(h, so, key, hash, NULL, err);
}

/* set_insert_clean: key is absent and the table has no dummies */
static int set_insert_clean(struct pymm_heap *h, struct pymm_set_entry *table, u32 mask,
			    struct pymm_object *key, s64 hash)
{
	u64 perturb = (u64)hash;
	u32 i = (u32)hash & mask, j;

	for (;;) {
		struct pymm_set_entry *e = &table[i];
		int err = pymm_work(h, 1);

		if (err)
			return err;
		if (!e->key)
			goto found;
		if (i + LINEAR_PROBES <= mask) {
			for (j = 0; j < LINEAR_PROBES; j++) {
				e++;
				if (!e->key)
					goto found;
			}
		}
		perturb >>= PERTURB_SHIFT;
		i = (u32)((i * 5 + 1 + perturb) & mask);
		continue;
found:
		e->key = key;
		e->hash = hash;
		return 0;
	}
}

/* the active entries of old[0..oldmask] into an empty table of newmask */
static int set_rehash(struct pymm_heap *h, struct pymm_set_entry *nt, u32 newmask,
		      const struct pymm_set_entry *old, u32 oldmask)
{
	u32 i;
	int err;

	for (i = 0; i <= oldmask; i++) {
		if (!old[i].key || old[i].key == DUMMY)
			continue;
		err = set_insert_clean(h, nt, newmask, old[i].key, old[i].hash);
		if (err)
			return err;
	}
	return 0;
}

/*
 * set_table_resize: the smallest power of two above minused (8 at least);
 * the dummies go.  Refused halfway (budget), the set keeps its old table.
 */
static int set_table_resize(struct pymm_heap *h, struct pymm_set *so, u64 minused)
{
	struct pymm_set_entry small_copy[PYMM_SET_MINSIZE], *old = so->table, *nt;
	u32 oldmask = so->mask, newsize = PYMM_SET_MINSIZE;
	bool old_big = old != so->small;
	int err;

	while (newsize <= minused) {
		if (newsize >= SET_MAX_SLOTS)
			return -ENOMEM;
		newsize <<= 1;
	}
	if (newsize == PYMM_SET_MINSIZE) {
		nt = so->small;
		if (!old_big) {
			if (so->fill == so->used)
				return 0;
			memcpy(small_copy, old, sizeof(small_copy));
			old = small_copy;
		}
	} else {
		nt = pymm_heap_malloc(h, (size_t)newsize * sizeof(*nt));
		if (!nt)
			return h->alloc.last_error ? h->alloc.last_error : -ENOMEM;
	}
	memset(nt, 0, (size_t)newsize * sizeof(*nt));
	err = set_rehash(h, nt, newsize - 1, old, oldmask);
	if (err) {
		if (nt != so->small)
			table_free(h, nt, newsize - 1);
		else if (old == small_copy)
			memcpy(so->small, small_copy, sizeof(small_copy));
		else
			memset(so->small, 0, sizeof(so->small));
		return err;
	}
	so->table = nt;
	so->mask = newsize - 1;
	so->fill = so->used;
	if (old_big)
		table_free(h, old, oldmask);
	return 0;
}

static u64 grow_to(const struct pymm_set *so)
{
	return so->used > 50000 ? (u64)so->used * 2 : (u64)so->used * 4;
}

/* set_add_entry: a new reference to key goes in unless an equal one is there */
static int set_add_entry(struct pymm_heap *h, struct pymm_set *so, struct pymm_object *key,
			 s64 hash)
{
	struct pymm_set_entry *e, *freeslot = NULL;
	u64 perturb = (u64)hash;
	u32 mask = so->mask, i = (u32)hash & mask;
	int err;

	for (;;) {
		int probes;

		e = &so->table[i];
		probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
		do {
			err = pymm_work(h, 1);
			if (err)
				return err;
			if (e->hash == 0 && !e->key)
				goto found_unused_or_dummy;
			if (e->hash == hash) {
				bool eq = e->key == key;

				if (!eq) {
					err = pymm_obj_eq(h, e->key, key, &eq);
					if (err)
						return err;
				}
				if (eq)
					return 0;	/* found_active */
			} else if (e->hash == -1) {
				freeslot = e;
			}
			e++;
		} while (probes--);
		perturb >>= PERTURB_SHIFT;
		i = (u32)((i * 5 + 1 + perturb) & mask);
	}

found_unused_or_dummy:
	so->hash = -1;
	if (freeslot) {
		so->used++;
		freeslot->key = pymm_obj_incref(key);
		freeslot->hash = hash;
		return 0;
	}
	so->fill++;
	so->used++;
	e->key = pymm_obj_incref(key);
	e->hash = hash;
	if ((u64)so->fill * 5 < (u64)mask * 3)
		return 0;
	/*
	 * A refused growth leaves the key in and a table fuller than
	 * CPython's, still with empty slots: the next add grows it.
	 */
	return set_table_resize(h, so, grow_to(so));
}

static int set_add_key(struct pymm_heap *h, struct pymm_set *so, struct pymm_object *key)
{
	s64 hash;
	int err = pymm_obj_hash(h, key, &hash);

	return err ? err : set_add_entry(h, so, key, hash);
}

static int set_contains_key(struct pymm_heap *h, struct pymm_set *so,
			    struct pymm_object *key, bool *res)
{
	s64 hash;
	int err = pymm_obj_hash(h, key, &hash);

	if (err)
		return err;
	*res = set_lookkey(h, so, key, hash, &err) != NULL;
	return err;
}

/* set_discard_entry: 1 found (the key is dropped), 0 not found, -errno */
static int set_discard_entry(struct pymm_heap *h, struct pymm_set *so,
			     struct pymm_object *key, s64 hash)
{
	struct pymm_object *old;
	struct pymm_set_entry *e;
	int err;

	e = set_lookkey(h, so, key, hash, &err);
	if (!e)
		return err;
	old = e->key;
	e->key = DUMMY;
	e->hash = -1;
	so->used--;
	pymm_obj_decref(h, old);
	return 1;
}

static int set_discard_key(struct pymm_heap *h, struct pymm_set *so, struct pymm_object *key)
{
	s64 hash;
	int err = pymm_obj_hash(h, key, &hash);

	return err ? err : set_discard_entry(h, so, key, hash);
}

/* --------------------------------------------------- the other operand */

/*
 * What PyObject_GetIter() would walk: a set's table, a dict's entries
 * (keys, with their stored hashes), a list's or tuple's items.
 */
struct set_cursor {
	struct pymm_object *o;
	u32 pos;
};

static bool other_ok(const struct pymm_object *o)
{
	return is_set(o) || o->type == PYMM_T_DICT || o->type == PYMM_T_LIST ||
	       o->type == PYMM_T_TUPLE;
}

/* the next key (borrowed) and its hash; 1, 0 at the end, or -errno */
static int cursor_next(struct pymm_heap *h, struct set_cursor *c, struct pymm_object **key,
		       s64 *hash)
{
	struct pymm_object *v;
	int err;

	switch (c->o->type) {
	case PYMM_T_SET: {
		struct pymm_set *so = as_set(c->o);

		if (!pymm_set_next(c->o, &c->pos, key))
			return 0;
		*hash = so->table[c->pos - 1].hash;
		return 1;
	}
	case PYMM_T_DICT: {
		struct pymm_dict *d = (struct pymm_dict *)c->o;

		if (!pymm_dict_next(c->o, &c->pos, key, &v))
			return 0;
		*hash = d->entries[c->pos - 1].hash;
		return 1;
	}
	case PYMM_T_LIST:
		if (c->pos >= ((struct pymm_list *)c->o)->len)
			return 0;
		*key = ((struct pymm_list *)c->o)->items[c->pos++];
		break;
	default:
		if (c->pos >= ((struct pymm_tuple *)c->o)->len)
			return 0;
		*key = ((struct pymm_tuple *)c->o)->items[c->pos++];
		break;
	}
	err = pymm_obj_hash(h, *key, hash);
	return err ? err : 1;
}

static u32 other_len(const struct pymm_object *o)
{
	switch (o->type) {
	case PYMM_T_SET:
		return ((const struct pymm_set *)o)->used;
	case PYMM_T_DICT:
		return ((const struct pymm_dict *)o)->used;
	case PYMM_T_LIST:
		return ((const struct pymm_list *)o)->len;
	default:
		return ((const struct pymm_tuple *)o)->len;
	}
}

/* set_merge: other is a set */
static int set_merge(struct pymm_heap *h, struct pymm_set *so, struct pymm_set *other)
{
	u32 i;
	int err;

	if (other == so || !other->used)
		return 0;
	if (((u64)so->fill + other->used) * 5 >= (u64)so->mask * 3) {
		err = set_table_resize(h, so, ((u64)so->used + other->used) * 2);
		if (err)
			return err;
	}
	err = pymm_work(h, other->mask + 1);
	if (err)
		return err;
	so->hash = -1;
	/* an empty table of the same size, no dummies to lose: copy the slots */
	if (!so->fill && so->mask == other->mask && other->fill == other->used) {
		for (i = 0; i <= other->mask; i++) {
			struct pymm_object *k = other->table[i].key;

			if (k) {
				so->table[i].key = pymm_obj_incref(k);
				so->table[i].hash = other->table[i].hash;
			}
		}
		so->fill = other->fill;
		so->used = other->used;
		return 0;
	}
	if (!so->fill) {
		err = set_rehash(h, so->table, so->mask, other->table, other->mask);
		if (err) {
			memset(so->table, 0, (size_t)(so->mask + 1) * sizeof(*so->table));
			return err;
		}
		for (i = 0; i <= so->mask; i++)
			if (so->table[i].key)
				pymm_obj_incref(so->table[i].key);
		so->fill = other->used;
		so->used = other->used;
		return 0;
	}
	for (i = 0; i <= other->mask; i++) {
		struct pymm_set_entry *e = &other->table[i];

		if (!e->key || e->key == DUMMY)
			continue;
		err = set_add_entry(h, so, e->key, e->hash);
		if (err)
			return err;
	}
	return 0;
}

/* set_update_internal */
static int set_update_internal(struct pymm_heap *h, struct pymm_set *so,
			       struct pymm_object *other)
{
	struct set_cursor c = { other, 0 };
	struct pymm_object *key;
	s64 hash;
	int r;

	if (is_set(other))
		return set_merge(h, so, as_set(other));
	if (other->type == PYMM_T_DICT) {
		u32 n = other_len(other);

		if (((u64)so->fill + n) * 5 >= (u64)so->mask * 3) {
			r = set_table_resize(h, so, ((u64)so->used + n) * 2);
			if (r)
				return r;
		}
	}
	while ((r = cursor_next(h, &c, &key, &hash)) > 0) {
		r = set_add_entry(h, so, key, hash);
		if (r)
			return r;
	}
	return r;
}

/* make_new_set(type, iterable): a new reference */
static struct pymm_object *set_from(struct pymm_heap *h, bool frozen, struct pymm_object *other,
				   int *err)
{
	struct pymm_object *o = set_new(h, frozen, err);

	if (!o || !other)
		return o;
	*err = set_update_internal(h, as_set(o), other);
	if (*err) {
		pymm_obj_decref(h, o);
		return NULL;
	}
	return o;
}

/* set_copy / frozenset_copy */
static struct pymm_object *set_copy(struct pymm_heap *h, struct pymm_set *so, int *err)
{
	if (so->frozen) {
		*err = 0;
		return pymm_obj_incref(&so->ob);
	}
	return set_from(h, false, &so->ob, err);
}

/* ---------------------------------------------------------- the algebra */

static struct pymm_object *set_intersection(struct pymm_heap *h, struct pymm_set *so,
					    struct pymm_object *other, int *err)
{
	struct pymm_object *res, *key;
	struct set_cursor c;
	s64 hash;
	int r;

	if (&so->ob == other)
		return set_from(h, so->frozen, &so->ob, err);
	res = set_new(h, so->frozen, err);
	if (!res)
		return NULL;
	if (is_set(other) && as_set(other)->used > so->used) {
		struct pymm_set *t = as_set(other);

		other = &so->ob;
		so = t;
	}
	c.o = other;
	c.pos = 0;
	while ((r = cursor_next(h, &c, &key, &hash)) > 0) {
		struct pymm_set_entry *e = set_lookkey(h, so, key, hash, &r);

		if (r)
			break;
		if (!e)
			continue;
		r = set_add_entry(h, as_set(res), key, hash);
		if (r)
			break;
		if (!is_set(other) && as_set(res)->used >= so->used)
			break;
	}
	if (r < 0) {
		pymm_obj_decref(h, res);
		*err = r;
		return NULL;
	}
	*err = 0;
	return res;
}

/* set_swap_bodies: a takes b's table and counts, and the other way round */
static void set_swap_bodies(struct pymm_set *a, struct pymm_set *b)
{
	struct pymm_set_entry tab[PYMM_SET_MINSIZE], *ta = a->table, *tb = b->table;
	u32 t;

	t = a->fill; a->fill = b->fill; b->fill = t;
	t = a->used; a->used = b->used; b->used = t;
	t = a->mask; a->mask = b->mask; b->mask = t;
	memcpy(tab, a->small, sizeof(tab));
	memcpy(a->small, b->small, sizeof(tab));
	memcpy(b->small, tab, sizeof(tab));
	a->table = tb == b->small ? a->small : tb;
	b->table = ta == a->small ? b->small : ta;
	a->hash = -1;
	b->hash = -1;
}

static int set_intersection_update(struct pymm_heap *h, struct pymm_set *so,
				   struct pymm_object *other)
{
	int err;
	struct pymm_object *tmp = set_intersection(h, so, other, &err);

	if (!tmp)
		return err;
	set_swap_bodies(so, as_set(tmp));
	pymm_obj_decref(h, tmp);
	return 0;
}

static int set_difference_update_internal(struct pymm_heap *h, struct pymm_set *so,
					  struct pymm_object *other)
{
	struct pymm_object *key, *tmp = NULL;
	struct set_cursor c;
	s64 hash;
	int r;

	if (&so->ob == other) {
		set_clear(h, &so->ob);
		return 0;
	}
	/* the other set is 8 times bigger: walk the intersection instead */
	if (is_set(other) && (as_set(other)->used >> 3) > so->used) {
		tmp = set_intersection(h, so, other, &r);
		if (!tmp)
			return r;
		other = tmp;
	}
	c.o = other;
	c.pos = 0;
	while ((r = cursor_next(h, &c, &key, &hash)) > 0) {
		r = set_discard_entry(h, so, key, hash);
		if (r < 0)
			break;
	}
	if (tmp)
		pymm_obj_decref(h, tmp);
	if (r < 0)
		return r;
	so->hash = -1;
	/* more than a quarter dummies: resize them away */
	if (so->fill - so->used <= so->mask / 4)
		return 0;
	return set_table_resize(h, so, grow_to(so));
}

static struct pymm_object *set_copy_and_difference(struct pymm_heap *h, struct pymm_set *so,
						   struct pymm_object *other, int *err)
{
	struct pymm_object *res = set_from(h, so->frozen, &so->ob, err);

	if (!res)
		return NULL;
	*err = set_difference_update_internal(h, as_set(res), other);
	if (*err) {
		pymm_obj_decref(h, res);
		return NULL;
	}
	return res;
}

static struct pymm_object *set_difference(struct pymm_heap *h, struct pymm_set *so,
					  struct pymm_object *other, int *err)
{
	struct pymm_object *res, *key;
	u32 pos = 0;
	int r = 0;

	if ((!is_set(other) && other->type != PYMM_T_DICT) || (so->used >> 2) > other_len(other))
		return set_copy_and_difference(h, so, other, err);
	res = set_new(h, so->frozen, err);
	if (!res)
		return NULL;
	while (pymm_set_next(&so->ob, &pos, &key)) {
		s64 hash = so->table[pos - 1].hash;
		bool found;

		if (is_set(other)) {
			found = set_lookkey(h, as_set(other), key, hash, &r) != NULL;
		} else {
			found = pymm_dict_lookup(h, other, key, &r) != NULL;
		}
		if (!r && !found)
			r = set_add_entry(h, as_set(res), key, hash);
		if (r)
			break;
	}
	if (r) {
		pymm_obj_decref(h, res);
		*err = r;
		return NULL;
	}
	*err = 0;
	return res;
}

static int set_symmetric_difference_update(struct pymm_heap *h, struct pymm_set *so,
					   struct pymm_object *other)
{
	struct pymm_object *key, *tmp = NULL;
	struct set_cursor c;
	s64 hash;
	int r;

	if (&so->ob == other) {
		set_clear(h, &so->ob);
		return 0;
	}
	if (other->type != PYMM_T_DICT && !is_set(other)) {
		tmp = set_from(h, so->frozen, other, &r);
		if (!tmp)
			return r;
		other = tmp;
	}
	c.o = other;
	c.pos = 0;
	while ((r = cursor_next(h, &c, &key, &hash)) > 0) {
		r = set_discard_entry(h, so, key, hash);
		if (r == 0)
			r = set_add_entry(h, so, key, hash);
		if (r < 0)
			break;
	}
	if (tmp)
		pymm_obj_decref(h, tmp);
	so->hash = -1;
	return r < 0 ? r : 0;
}

static struct pymm_object *set_symmetric_difference(struct pymm_heap *h, struct pymm_set *so,
						    struct pymm_object *other, int *err)
{
	struct pymm_object *res = set_from(h, so->frozen, other, err);

	if (!res)
		return NULL;
	*err = set_symmetric_difference_update(h, as_set(res), &so->ob);
	if (*err) {
		pymm_obj_decref(h, res);
		return NULL;
	}
	return res;
}

static int set_issubset(struct pymm_heap *h, struct pymm_set *so, struct pymm_object *other,
			bool *res)
{
	struct pymm_object *key;
	u32 pos = 0;
	int err = 0;

	if (!is_set(other)) {
		struct pymm_object *tmp = set_intersection(h, so, other, &err);

		if (!tmp)
			return err;
		*res = as_set(tmp)->used == so->used;
		pymm_obj_decref(h, tmp);
		return 0;
	}
	*res = so->used <= as_set(other)->used;
	while (*res && pymm_set_next(&so->ob, &pos, &key)) {
		*res = set_lookkey(h, as_set(other), key, so->table[pos - 1].hash, &err) != NULL;
		if (err)
			return err;
	}
	return 0;
}

static int set_issuperset(struct pymm_heap *h, struct pymm_set *so, struct pymm_object *other,
			  bool *res)
{
	struct set_cursor c = { other, 0 };
	struct pymm_object *key;
	s64 hash;
	int r;

	if (is_set(other))
		return set_issubset(h, as_set(other), &so->ob, res);
	*res = true;
	while (*res && (r = cursor_next(h, &c, &key, &hash)) > 0) {
		*res = set_lookkey(h, so, key, hash, &r) != NULL;
		if (r)
			return r;
	}
	return r < 0 ? r : 0;
}

static int set_isdisjoint(struct pymm_heap *h, struct pymm_set *so, struct pymm_object *other,
			  bool *res)
{
	struct set_cursor c;
	struct pymm_object *key;
	s64 hash;
	int r;

	if (&so->ob == other) {
		*res = !so->used;
		return 0;
	}
	if (is_set(other) && as_set(other)->used > so->used) {
		struct pymm_set *t = as_set(other);

		other = &so->ob;
		so = t;
	}
	c.o = other;
	c.pos = 0;
	*res = true;
	while (*res && (r = cursor_next(h, &c, &key, &hash)) > 0) {
		*res = set_lookkey(h, so, key, hash, &r) == NULL;
		if (r)
			return r;
	}
	return r < 0 ? r : 0;
}

#define SET_EQ_MAX_DEPTH	32

/*
 * set_richcompare's Py_EQ.  A frozenset inside a frozenset compares its
 * members through pymm_obj_eq() again: the nesting is bounded (RecursionError
 * past SET_EQ_MAX_DEPTH, where CPython would use its C stack).
 */
int pymm_set_equal(struct pymm_heap *h, struct pymm_object *a, struct pymm_object *b,
		   bool *res)
{
	s64 ha, hb;
	int err;

	*res = false;
	if (as_set(a)->used != as_set(b)->used)
		return 0;
	ha = as_set(a)->hash;
	hb = as_set(b)->hash;
	if (ha != -1 && hb != -1 && ha != hb)
		return 0;
	if (h->set_eq_depth >= SET_EQ_MAX_DEPTH)
		return -ELOOP;
	h->set_eq_depth++;
	err = set_issubset(h, as_set(a), b, res);
	h->set_eq_depth--;
	return err;
}

/* ------------------------------------------------------------------ ops */

static int set_get(struct pymm_opctx *x, int i, bool mutable, struct pymm_set **so)
{
	struct pymm_object *o;
	int err = pymm_handle_get(x->c, x->op->arg[i], &o);

	if (err)
		return err;
	/*
	 * A frozenset only the caller's handle holds is one nobody else can
	 * see: it may still be built up in place, as CPython fills a new
	 * frozenset (frozenset.union(a, b), difference(a, b)).
	 */
	if (!is_set(o) || (mutable && as_set(o)->frozen && o->refcnt != 1)) {
		x->op->exc = PYMM_EXC_TYPE_ERROR;
		return -EINVAL;
	}
	*so = as_set(o);
	return 0;
}

static int other_get(struct pymm_opctx *x, int i, struct pymm_object **o)
{
	int err = pymm_handle_get(x->c, x->op->arg[i], o);

	if (err)
		return err;
	if (!other_ok(*o)) {
		x->op->exc = PYMM_EXC_TYPE_ERROR;
		return -EINVAL;
	}
	return 0;
}

/* a set op's -EINVAL is an unhashable member or a frozenset: TypeError */
static int set_ret(struct pymm_opctx *x, int err)
{
	if (err == -EINVAL && !x->op->exc)
		x->op->exc = PYMM_EXC_TYPE_ERROR;
	return err;
}

static int op_new_set(struct pymm_opctx *x)
{
	const u64 *hs = x->buf;
	u32 n = x->in_len / sizeof(u64), i;
	struct pymm_object *other = NULL, *o, *item;
	int err;

	if (x->op->arg[0] & ~(u64)PYMM_SETF_FROZEN || x->in_len % sizeof(u64))
		return -EINVAL;
	if (x->op->arg[1]) {
		err = other_get(x, 1, &other);
		if (err)
			return err;
	}
	for (i = 0; i < n; i++) {
		err = pymm_handle_get(x->c, hs[i], &item);
		if (err)
			return err;
	}
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	/* frozenset(f) is f (make_new_frozenset) */
	if (other && is_set(other) && as_set(other)->frozen && !n &&
	    (x->op->arg[0] & PYMM_SETF_FROZEN))
		return pymm_ret_handle(x, pymm_obj_incref(other));
	o = set_from(x->h, x->op->arg[0] & PYMM_SETF_FROZEN, other, &err);
	if (!o)
		return set_ret(x, err);
	for (i = 0; i < n && !err; i++) {
		pymm_handle_get(x->c, hs[i], &item);
		err = set_add_key(x->h, as_set(o), item);
	}
	if (err) {
		pymm_obj_decref(x->h, o);
		return set_ret(x, err);
	}
	return pymm_ret_handle(x, o);
}

static int op_set_item(struct pymm_opctx *x)
{
	struct pymm_object *item;
	struct pymm_set *so;
	bool in;
	int err = set_get(x, 0, x->op->code != PYMM_OP_SET_CONTAINS, &so);

	if (!err)
		err = pymm_handle_get(x->c, x->op->arg[1], &item);
	if (err)
		return err;
	switch (x->op->code) {
	case PYMM_OP_SET_ADD:
		return set_ret(x, set_add_key(x->h, so, item));
	case PYMM_OP_SET_DISCARD:
		err = set_discard_key(x->h, so, item);
		if (err < 0)
			return set_ret(x, err);
		x->op->ret[0] = err;
		return 0;
	default:
		err = set_contains_key(x->h, so, item, &in);
		if (err)
			return set_ret(x, err);
		x->op->ret[0] = in;
		return 0;
	}
}

/* set_pop: from the finger on */
static int op_set_pop(struct pymm_opctx *x)
{
	struct pymm_set_entry *e, *limit;
	struct pymm_object *key;
	struct pymm_set *so;
	int err = set_get(x, 0, true, &so);

	if (err)
		return err;
	if (!so->used) {
		x->op->exc = PYMM_EXC_KEY_ERROR;
		return -ENOENT;
	}
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	err = pymm_work(x->h, so->mask + 1);
	if (err)
		return err;
	e = so->table + (so->finger & so->mask);
	limit = so->table + so->mask;
	while (!e->key || e->key == DUMMY) {
		e++;
		if (e > limit)
			e = so->table;
	}
	key = e->key;
	e->key = DUMMY;
	e->hash = -1;
	so->used--;
	so->finger = (u32)(e - so->table) + 1;
	return pymm_ret_handle(x, key);
}

static int op_set_algebra_new(struct pymm_opctx *x, struct pymm_set *so,
			      struct pymm_object *other)
{
	struct pymm_object *res;
	int err = pymm_handle_reserve(x->c, 1);

	if (err)
		return err;
	switch (x->op->arg[2]) {
	case PYMM_SETOP_COPY:
		res = set_copy(x->h, so, &err);
		break;
	case PYMM_SETOP_UNION:
		res = set_from(x->h, so->frozen, &so->ob, &err);
		if (res && other != &so->ob) {
			err = set_update_internal(x->h, as_set(res), other);
			if (err) {
				pymm_obj_decref(x->h, res);
				res = NULL;
			}
		}
		break;
	case PYMM_SETOP_INTERSECTION:
		res = set_intersection(x->h, so, other, &err);
		break;
	case PYMM_SETOP_DIFFERENCE:
		res = set_difference(x->h, so, other, &err);
		break;
	default:
		res = set_symmetric_difference(x->h, so, other, &err);
		break;
	}
	if (!res)
		return set_ret(x, err);
	return pymm_ret_handle(x, res);
}

static int op_set_algebra(struct pymm_opctx *x)
{
	u64 op = x->op->arg[2];
	struct pymm_object *other = NULL;
	struct pymm_set *so;
	bool in_place = op >= PYMM_SETOP_UPDATE && op <= PYMM_SETOP_SYMMETRIC_DIFFERENCE_UPDATE;
	bool res = false;
	int err;

	if (!op || op >= PYMM_SETOP_MAX)
		return -EINVAL;
	err = set_get(x, 0, in_place, &so);
	if (!err && op != PYMM_SETOP_COPY)
		err = other_get(x, 1, &other);
	if (err)
		return err;
	if ((op == PYMM_SETOP_LT || op == PYMM_SETOP_GT) && !is_set(other))
		return set_ret(x, -EINVAL);
	switch (op) {
	case PYMM_SETOP_UPDATE:
		return set_ret(x, set_update_internal(x->h, so, other));
	case PYMM_SETOP_INTERSECTION_UPDATE:
		return set_ret(x, set_intersection_update(x->h, so, other));
	case PYMM_SETOP_DIFFERENCE_UPDATE:
		return set_ret(x, set_difference_update_internal(x->h, so, other));
	case PYMM_SETOP_SYMMETRIC_DIFFERENCE_UPDATE:
		return set_ret(x, set_symmetric_difference_update(x->h, so, other));
	case PYMM_SETOP_ISSUBSET:
		err = set_issubset(x->h, so, other, &res);
		break;
	case PYMM_SETOP_ISSUPERSET:
		err = set_issuperset(x->h, so, other, &res);
		break;
	case PYMM_SETOP_ISDISJOINT:
		err = set_isdisjoint(x->h, so, other, &res);
		break;
	case PYMM_SETOP_LT:
		if (so->used < as_set(other)->used)
			err = set_issubset(x->h, so, other, &res);
		break;
	case PYMM_SETOP_GT:
		if (so->used > as_set(other)->used)
			err = set_issuperset(x->h, so, other, &res);
		break;
	default:
		return op_set_algebra_new(x, so, other);
	}
	if (err)
		return set_ret(x, err);
	x->op->ret[0] = res;
	return 0;
}

int pymm_set_op(struct pymm_opctx *x)
{
	struct pymm_set *so;
	int err;

	switch (x->op->code) {
	case PYMM_OP_NEW_SET:
		return op_new_set(x);
	case PYMM_OP_SET_ADD:
	case PYMM_OP_SET_DISCARD:
	case PYMM_OP_SET_CONTAINS:
		return op_set_item(x);
	case PYMM_OP_SET_POP:
		return op_set_pop(x);
	case PYMM_OP_SET_CLEAR:
		err = set_get(x, 0, true, &so);
		if (!err)
			set_clear(x->h, &so->ob);
		return err;
	case PYMM_OP_SET_ALGEBRA:
		return op_set_algebra(x);
	}
	return -EINVAL;
}

/*
 * KEY_PEERS (keyhash.c): the members of this hash on key's probe sequence,
 * other than key itself, in the order set_lookkey() meets them.
 */
int pymm_set_peers(struct pymm_heap *h, struct pymm_object *o, struct pymm_object *key,
		   s64 hash, struct pymm_object **out, u32 cap, u32 *n)
{
	struct set_peers pc = { .out = out, .cap = cap };
	int err;

	set_probe(h, as_set(o), key, hash, &pc, &err);
	*n = pc.n;
	return err;
}
