// SPDX-License-Identifier: GPL-2.0
/*
 * dict.c - CPython's compact dict (3.6+):
 *
 *	indices[nslots]  s32: -1 empty, -2 deleted, else an entry number
 *	entries[usable]  {hash, key, value} in insertion order
 *
 * both in one block of nslots * 4 + usable * 24 bytes, usable = 2/3 nslots.
 * Lookups probe indices with CPython's perturbation; iteration walks the
 * entries, so keys come back in insertion order.  Equal keys are one key
 * (1, 1.0 and True), because hash and == agree across the number types.
 * Every growth happens before the dict changes: a refused allocation
 * leaves it as it was.  An empty dict has no block at all.
 *
 * Hashes are public (CPython's), so a user can make any number of distinct
 * keys of one hash: n of them cost n**2 / 2 comparisons to insert.  Every
 * probe and every rebuild step draws on the op's work budget (heap.h); a
 * probe refused halfway has changed nothing, a rebuild refused halfway
 * frees the new table and keeps the old one.
 */
#include "../heap.h"
#include "../keyhash.h"

#define DKIX_EMPTY	(-1)
#define DKIX_DUMMY	(-2)
#define DICT_MINSIZE	8

static u32 usable_of(u32 nslots)
{
	return nslots * 2 / 3;
}

static size_t keys_size(u32 nslots)
{
	return (size_t)nslots * sizeof(s32) + (size_t)usable_of(nslots) *
		sizeof(struct pymm_dict_entry);
}

/* the side block's bytes (sys.getsizeof): 0 for an empty dict */
size_t pymm_dict_block_bytes(const struct pymm_object *o)
{
	const struct pymm_dict *d = (const struct pymm_dict *)o;

	return d->nslots ? keys_size(d->nslots) : 0;
}

/*
 * dict_traverse, CPython 3.11: entries in order; a str-keyed table
 * (DICT_KEYS_UNICODE) visits only the values (str keys are not
 * containers), a general one each value and then its key.
 */
static int dict_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_dict *d = (struct pymm_dict *)o;
	bool general = o->flags & PYMM_OF_GENERAL_KEYS;
	u32 i;
	int r = pymm_sub_traverse(o, visit, arg);	/* a subclass: dict, type */

	if (r)
		return r;
	for (i = 0; i < d->nentries; i++) {
		struct pymm_dict_entry *e = &d->entries[i];

		if (!e->key)
			continue;
		r = visit(e->value, arg);
		if (!r && general)
			r = visit(e->key, arg);
		if (r)
			return r;
	}
	return 0;
}

/*
 * A keys table of nslots.  The smallest tables of str-only keys come from
 * and go to the heap's free list, as 3.11's new_keys_object() and
 * free_keys_object() (freelist.h).
 */
static s32 *keys_alloc(struct pymm_heap *h, u32 nslots, bool general)
{
	s32 *blk = NULL;

	if (nslots == PYMM_DICT_MINSIZE && !general)
		blk = pymm_freelist_keys_pop(h);
	return blk ? blk : pymm_heap_malloc(h, keys_size(nslots));
}

static void keys_free(struct pymm_heap *h, s32 *blk, u32 nslots, bool general)
{
	if (nslots == PYMM_DICT_MINSIZE && !general && pymm_freelist_keys_push(h, blk))
		return;
	pymm_free(&h->alloc, blk, keys_size(nslots));
}

/* the table goes: the next one starts as CPython's empty keys, str-only */
static void dict_free_keys(struct pymm_heap *h, struct pymm_dict *d)
{
	if (d->indices)
		keys_free(h, d->indices, d->nslots, d->ob.flags & PYMM_OF_GENERAL_KEYS);
	d->ob.flags &= ~PYMM_OF_GENERAL_KEYS;
	d->indices = NULL;
	d->entries = NULL;
	d->nslots = 0;
	d->nentries = 0;
	d->used = 0;
}

/* dict.clear(): detach the table, then drop keys and values in order */
static void dict_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_dict *d = (struct pymm_dict *)o;
	struct pymm_dict old;
	u32 i;

	pymm_sub_clear(h, o);	/* a subclass: its __dict__ first */
	old = *d;
	d->indices = NULL;
	d->entries = NULL;
	d->nslots = 0;
	d->nentries = 0;
	d->used = 0;
	o->flags &= ~PYMM_OF_GENERAL_KEYS;	/* back to Py_EMPTY_KEYS */
	for (i = 0; i < old.nentries; i++) {
		struct pymm_dict_entry *e = &old.entries[i];

		if (!e->key)
			continue;
		pymm_obj_decref(h, e->key);
		pymm_obj_decref(h, e->value);
	}
	dict_free_keys(h, &old);
}

/* free_keys_object order: entry by entry, key then value */
static struct pymm_object *dict_release(struct pymm_object *o)
{
	struct pymm_dict *d = (struct pymm_dict *)o;
	struct pymm_object *sub = pymm_sub_release(o, false);	/* a subclass: dict */

	if (sub)
		return sub;
	while (d->release_pos < 2 * d->nentries) {
		struct pymm_dict_entry *e = &d->entries[d->release_pos / 2];
		struct pymm_object **slot = (d->release_pos & 1) ? &e->value : &e->key;
		struct pymm_object *r = *slot;

		d->release_pos++;
		if (r) {
			*slot = NULL;
			return r;
		}
	}
	return pymm_sub_release(o, true);	/* a subclass: its type last */
}

static void dict_free_extra(struct pymm_heap *h, struct pymm_object *o)
{
	dict_free_keys(h, (struct pymm_dict *)o);
}

const struct pymm_typeobj pymm_dict_type = {
	.name = "dict",
	.code = PYMM_T_DICT,
	.is_gc = 1,
	.traverse = dict_traverse,
	.clear = dict_clear,
	.release = dict_release,
	.free_extra = dict_free_extra,
};

/* PyDict_New: untracked until something that may be tracked goes in */
struct pymm_object *pymm_dict_new(struct pymm_heap *h, int *err)
{
	return pymm_obj_alloc(h, PYMM_T_DICT, sizeof(struct pymm_dict), err);
}

/* MAINTAIN_TRACKING (3.11 insertdict, insert_to_emptydict) */
static void dict_maintain_tracking(struct pymm_heap *h, struct pymm_object *o,
				   struct pymm_object *key, struct pymm_object *value)
{
	if (o->flags & PYMM_OF_FIXED_TRACKING || pymm_gc_is_tracked(o))
		return;
	if (pymm_gc_may_be_tracked(key) || pymm_gc_may_be_tracked(value))
		pymm_gc_track(h, o);
}

/* _PyDict_MaybeUntrack, for the collector's untrack_dicts() */
bool pymm_dict_may_untrack(struct pymm_object *o)
{
	struct pymm_dict *d = (struct pymm_dict *)o;
	bool general = o->flags & PYMM_OF_GENERAL_KEYS;
	u32 i;

	/* untrack_dicts: exact dicts only (PyDict_CheckExact) */
	if (o->flags & PYMM_OF_FIXED_TRACKING || pymm_subext(o))
		return false;
	for (i = 0; i < d->nentries; i++) {
		struct pymm_dict_entry *e = &d->entries[i];

		if (!e->key)
			continue;
		if (pymm_gc_may_be_tracked(e->value) ||
		    (general && pymm_gc_may_be_tracked(e->key)))
			return false;
	}
	return true;
}

/*
 * Probe for key.  Returns the indices slot holding it (*ix its entry) or,
 * when missing, the first empty slot (*ix = DKIX_EMPTY).  -errno from ==.
 */
static s64 dict_probe(struct pymm_heap *h, struct pymm_dict *d, struct pymm_object *key,
		      s64 hash, s32 *ix)
{
	u32 mask = d->nslots - 1, i = (u32)hash & mask;
	u64 perturb = (u64)hash;

	for (;;) {
		s32 k = d->indices[i];
		int err = pymm_work(h, 1);

		if (err)
			return err;
		if (k == DKIX_EMPTY) {
			*ix = DKIX_EMPTY;
			return i;
		}
		if (k >= 0) {
			struct pymm_dict_entry *e = &d->entries[k];

			if (e->key == key) {
				*ix = k;
				return i;
			}
			if (e->hash == hash) {
				bool eq;
				int err = pymm_obj_eq(h, e->key, key, &eq);

				if (err)
					return err;
				if (eq) {
					*ix = k;
					return i;
				}
			}
		}
		perturb >>= 5;
		i = (i * 5 + (u32)perturb + 1) & mask;
	}
}

/*
 * The index of a new table of nslots for ents[0..n), all live.  Keys of one
 * hash share one probe sequence, so n of them cost n**2 / 2 probes: each is
 * a step of the op's budget, and a refusal leaves the table unused.
 */
static int dict_build_index(struct pymm_heap *h, s32 *indices, u32 nslots,
			    const struct pymm_dict_entry *ents, u32 n)
{
	u32 mask = nslots - 1, k;
	int err;

	memset(indices, 0xff, nslots * sizeof(s32));
	for (k = 0; k < n; k++) {
		u64 perturb = (u64)ents[k].hash;
		u32 i = (u32)perturb & mask;

		while (indices[i] != DKIX_EMPTY) {
			err = pymm_work(h, 1);
			if (err)
				return err;
			perturb >>= 5;
			i = (i * 5 + (u32)perturb + 1) & mask;
		}
		indices[i] = (s32)k;
	}
	return pymm_work(h, n / 8);
}

/* room for one more entry: compacts deleted entries, grows when needed */
static int dict_reserve(struct pymm_heap *h, struct pymm_dict *d)
{
	bool general = d->ob.flags & PYMM_OF_GENERAL_KEYS;
	u32 n = DICT_MINSIZE, i, k = 0;
	struct pymm_dict_entry *ents;
	s32 *blk;
	int err;

	if (d->nslots && d->nentries < usable_of(d->nslots))
		return 0;
	while (usable_of(n) < (d->used + 1) * 3 / 2 + 1)
		n *= 2;
	if (n > (1u << 27))
		return -ENOMEM;
	blk = keys_alloc(h, n, general);
	if (!blk)
		return h->alloc.last_error ? h->alloc.last_error : -ENOMEM;
	ents = (struct pymm_dict_entry *)(blk + n);
	for (i = 0; i < d->nentries; i++)
		if (d->entries[i].key)
			ents[k++] = d->entries[i];
	/* built aside: the dict changes only once the new table is complete */
	err = dict_build_index(h, blk, n, ents, k);
	if (err) {
		keys_free(h, blk, n, general);
		return err;
	}
	if (d->indices)
		keys_free(h, d->indices, d->nslots, general);
	d->indices = blk;
	d->entries = ents;
	d->nslots = n;
	d->nentries = k;
	return 0;
}

struct pymm_object *pymm_dict_lookup(struct pymm_heap *h, struct pymm_object *o,
				     struct pymm_object *key, int *err)
{
	struct pymm_dict *d = (struct pymm_dict *)o;
	s64 hash, r;
	s32 ix;

	*err = pymm_obj_hash(h, key, &hash);
	if (*err || !d->used)
		return NULL;
	r = dict_probe(h, d, key, hash, &ix);
	if (r < 0) {
		*err = (int)r;
		return NULL;
	}
	return ix >= 0 ? d->entries[ix].value : NULL;
}

struct pymm_object *pymm_dict_lookup_str(struct pymm_object *o, struct pymm_object *key)
{
	struct pymm_dict *d = (struct pymm_dict *)o;
	struct pymm_str *k = pymm_as_str(key);
	u32 mask, i;
	u64 perturb;

	if (!d->used)
		return NULL;
	mask = d->nslots - 1;
	perturb = (u64)k->hash;
	i = (u32)perturb & mask;
	for (;;) {
		s32 ix = d->indices[i];

		if (ix == DKIX_EMPTY)
			return NULL;
		if (ix >= 0) {
			struct pymm_dict_entry *e = &d->entries[ix];

			if (e->key == key)
				return e->value;
			if (e->hash == k->hash && e->key->type == PYMM_T_STR &&
			    pymm_as_str(e->key)->len == k->len &&
			    !memcmp(pymm_as_str(e->key)->data, k->data, k->len))
				return e->value;
		}
		perturb >>= 5;
		i = (i * 5 + (u32)perturb + 1) & mask;
	}
}

int pymm_dict_set(struct pymm_heap *h, struct pymm_object *o, struct pymm_object *key,
		  struct pymm_object *value)
{
	struct pymm_dict *d = (struct pymm_dict *)o;
	struct pymm_dict_entry *e;
	s64 hash, slot;
	s32 ix = DKIX_EMPTY;
	bool general;
	int err;

	err = pymm_obj_hash(h, key, &hash);
	if (err)
		return err;
	if (d->nslots) {
		slot = dict_probe(h, d, key, hash, &ix);
		if (slot < 0)
			return (int)slot;
		if (ix >= 0) {
			struct pymm_object *old = d->entries[ix].value;

			dict_maintain_tracking(h, o, key, value);
			d->entries[ix].value = pymm_obj_incref(value);
			pymm_obj_decref(h, old);
			return 0;
		}
	}
	if (d->used == 0x7fffffff)
		return -ENOMEM;
	/*
	 * The table's kind, as 3.11's: the first key into an empty dict
	 * (Py_EMPTY_KEYS) picks str-only or general; a non-str key turns a
	 * str-only table general, for good (until clear()).
	 */
	general = key->type != PYMM_T_STR || (d->nslots && (o->flags & PYMM_OF_GENERAL_KEYS));
	err = dict_reserve(h, d);
	if (err)
		return err;
	slot = dict_probe(h, d, key, hash, &ix);
	if (slot < 0)
		return (int)slot;
	if (general)
		o->flags |= PYMM_OF_GENERAL_KEYS;
	else
		o->flags &= ~PYMM_OF_GENERAL_KEYS;
	dict_maintain_tracking(h, o, key, value);
	e = &d->entries[d->nentries];
	e->hash = hash;
	e->key = pymm_obj_incref(key);
	e->value = pymm_obj_incref(value);
	d->indices[slot] = (s32)d->nentries++;
	d->used++;
	return 0;
}

int pymm_dict_del(struct pymm_heap *h, struct pymm_object *o, struct pymm_object *key)
{
	struct pymm_dict *d = (struct pymm_dict *)o;
	struct pymm_object *k, *v;
	s64 hash, slot;
	s32 ix;
	int err;

	err = pymm_obj_hash(h, key, &hash);
	if (err)
		return err;
	if (!d->used)
		return -ENOENT;
	slot = dict_probe(h, d, key, hash, &ix);
	if (slot < 0)
		return (int)slot;
	if (ix < 0)
		return -ENOENT;
	k = d->entries[ix].key;
	v = d->entries[ix].value;
	d->entries[ix].key = NULL;
	d->entries[ix].value = NULL;
	d->indices[slot] = DKIX_DUMMY;
	d->used--;
	pymm_obj_decref(h, k);
	pymm_obj_decref(h, v);
	return 0;
}

bool pymm_dict_next(struct pymm_object *o, u32 *pos, struct pymm_object **key,
		    struct pymm_object **value)
{
	struct pymm_dict *d = (struct pymm_dict *)o;

	while (*pos < d->nentries) {
		struct pymm_dict_entry *e = &d->entries[(*pos)++];

		if (e->key) {
			*key = e->key;
			*value = e->value;
			return true;
		}
	}
	return false;
}

int pymm_dict_check(struct pymm_object *o)
{
	struct pymm_dict *d = (struct pymm_dict *)o;
	u32 i, live = 0, refs = 0;

	if (!d->nslots)
		return d->used || d->nentries || d->indices ? -EUCLEAN : 0;
	if (d->nslots & (d->nslots - 1) || d->nentries > usable_of(d->nslots))
		return -EUCLEAN;
	for (i = 0; i < d->nentries; i++)
		if (d->entries[i].key) {
			if (!d->entries[i].value)
				return -EUCLEAN;
			live++;
		}
	for (i = 0; i < d->nslots; i++) {
		s32 ix = d->indices[i];

		if (ix >= 0) {
			if ((u32)ix >= d->nentries)
				return -EUCLEAN;
			if (d->entries[ix].key)
				refs++;
		}
	}
	return live == d->used && refs == live ? 0 : -EUCLEAN;
}

/* namespace lookup by bytes: no str object needed (NAME_LOOKUP, DEL) */
struct pymm_dict_entry *pymm_dict_find_name(struct pymm_object *o, const char *s, u32 len,
					    s64 hash)
{
	struct pymm_dict *d = (struct pymm_dict *)o;
	u32 mask, i;
	u64 perturb;

	if (!d->used)
		return NULL;
	mask = d->nslots - 1;
	perturb = (u64)hash;
	i = (u32)perturb & mask;
	for (;;) {
		s32 ix = d->indices[i];

		if (ix == DKIX_EMPTY)
			return NULL;
		if (ix >= 0) {
			struct pymm_dict_entry *e = &d->entries[ix];

			if (e->hash == hash && e->key->type == PYMM_T_STR &&
			    pymm_as_str(e->key)->len == len &&
			    !memcmp(pymm_as_str(e->key)->data, s, len))
				return e;
		}
		perturb >>= 5;
		i = (i * 5 + (u32)perturb + 1) & mask;
	}
}

/*
 * KEY_PEERS (keyhash.c): the live entries of this hash on key's probe
 * sequence, other than key itself, in the order dict_probe() meets them.
 * Every key of this hash lies before the first empty slot of the sequence.
 */
int pymm_dict_peers(struct pymm_heap *h, struct pymm_object *o, struct pymm_object *key,
		    s64 hash, struct pymm_object **out, u32 cap, u32 *n)
{
	struct pymm_dict *d = (struct pymm_dict *)o;
	u32 mask, i;
	u64 perturb = (u64)hash;

	*n = 0;
	if (!d->used)
		return 0;
	mask = d->nslots - 1;
	i = (u32)hash & mask;
	for (;;) {
		s32 k = d->indices[i];
		int err = pymm_work(h, 1);

		if (err)
			return err;
		if (k == DKIX_EMPTY)
			return 0;
		if (k >= 0 && d->entries[k].hash == hash && d->entries[k].key != key) {
			if (*n < cap)
				out[*n] = d->entries[k].key;
			(*n)++;
		}
		perturb >>= 5;
		i = (i * 5 + (u32)perturb + 1) & mask;
	}
}
