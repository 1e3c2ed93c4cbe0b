/* SPDX-License-Identifier: GPL-2.0 */
/*
 * freelist.h - the object-specific allocators: CPython 3.11's per-type free
 * lists, one set per heap.
 *
 * A free list keeps the block of a dead object for the next object of the
 * same type and size, as CPython 3.11 does (Objects/floatobject.c,
 * tupleobject.c, listobject.c, dictobject.c):
 *
 *	kind              keeps                          at most   3.11 name
 *	float             the object                     100       PyFloat_MAXFREELIST
 *	tuple of n, 1..20 the object, items inline       2000 each PyTuple_MAXFREELIST
 *	list              the object (items are freed)   80        PyList_MAXFREELIST
 *	dict              the object (keys are freed)    80        PyDict_MAXFREELIST
 *	dict keys         8-slot tables of str-only keys 80        keys_free_list
 *
 * Ints, strs, bytes, functions, classes, instances and weakrefs have none
 * in 3.11 (small ints and one-character strings are singletons instead),
 * nor here.  Every list is LIFO: the last block kept is the next one reused
 * (CPython's arrays and linked lists both are), so id() reuse matches.
 *
 * The collector's bookkeeping: CPython counts an allocation in generation
 * 0 in gc_alloc() (_PyObject_GC_Link) and a free in PyObject_GC_Del(); an
 * object taken from or returned to a free list passes through neither.  So
 * here: pymm_obj_alloc() counts only blocks it mallocs, and obj_free()
 * only blocks it frees.  A full collection clears every list
 * (clear_freelists() in gc_collect_main(), generation 2), each container
 * block counting as a free (PyObject_GC_Del); heap teardown and memory
 * pressure (the shrinker, pymm_core_spares_reclaim()) clear them without
 * touching the counts, which are Python's business, not the host's.
 *
 * A kept block stays allocated, so it stays charged to the heap's quota,
 * its owner's account and the module cap.  It is not an object: h->nobjects
 * and the per-type figures drop when it is kept and rise when it is reused,
 * so verify and the leak check see only live objects.  Each block's first
 * word links the next one (the GC header's gc_next for containers; the
 * refcount word for floats; the indices for keys).
 *
 * Locking: heap->lock for everything.
 */
#ifndef PYMM_CORE_FREELIST_H
#define PYMM_CORE_FREELIST_H

#include "platform.h"
#include "../uapi/pymm.h"

struct pymm_heap;
struct pymm_object;

#define PYMM_FLOAT_MAXFREELIST		100
#define PYMM_TUPLE_MAXSAVESIZE		PYMM_FREELIST_TUPLE_SIZES	/* 20 */
#define PYMM_TUPLE_MAXFREELIST		2000
#define PYMM_LIST_MAXFREELIST		80
#define PYMM_DICT_MAXFREELIST		80	/* dicts, and keys tables */
#define PYMM_DICT_MINSIZE		8	/* the keys tables kept: 8 slots */

struct pymm_freelist {
	void *head;			/* first kept block; its first word: the next */
	u32 n;
};

struct pymm_freelists {
	struct pymm_freelist l[PYMM_FL_MAX];
	u64 bytes;			/* held by every list: charged */
	u64 reuses;			/* allocations a list served */
	u64 saves;			/* frees a list kept */
	u64 cleared;			/* blocks freed by full collections */
	u64 shrunk;			/* blocks freed under memory pressure */
	u64 bytes_told;			/* pymm_plat_freelist_add() sum of this heap */
};

/*
 * pymm_obj_alloc(): a kept block of total bytes for a new object of type,
 * or NULL (none kept, or a type without a list).  Not zeroed.
 */
void *pymm_freelist_pop(struct pymm_heap *h, u8 type, size_t total);
/*
 * obj_free(): keeps blk, the block of the dead object o (its references
 * and side blocks already dropped), if o's list has room; false otherwise
 * (the caller frees it).
 */
bool pymm_freelist_push(struct pymm_heap *h, struct pymm_object *o, void *blk);

/* dict.c: an 8-slot keys table of PYMM_DICT_KEYS_MIN_BYTES, or NULL */
void *pymm_freelist_keys_pop(struct pymm_heap *h);
bool pymm_freelist_keys_push(struct pymm_heap *h, void *blk);

/* how pymm_freelist_clear() is called */
enum pymm_freelist_why {
	PYMM_FL_WHY_GC,			/* full collection: container blocks count as frees */
	PYMM_FL_WHY_PRESSURE,		/* shrinker, shared-limit refusal: counts untouched */
	PYMM_FL_WHY_TEARDOWN,
};

/* frees every kept block; returns how many */
u64 pymm_freelist_clear(struct pymm_heap *h, enum pymm_freelist_why why);

/* heap->lock held: tells the host what this heap's lists hold now */
void pymm_freelist_tell(struct pymm_heap *h);

void pymm_freelist_stats(struct pymm_heap *h, struct pymm_freelist_stats *st);

#endif /* PYMM_CORE_FREELIST_H */
