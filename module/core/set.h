/* SPDX-License-Identifier: GPL-2.0 */
/*
 * set.h - set and frozenset (types/set.c): CPython 3.11's setobject.c
 * table, so that iteration order, which follows hash values and table
 * size, is the one python3 shows.
 */
#ifndef PYMM_CORE_SET_H
#define PYMM_CORE_SET_H

#include "object.h"

struct pymm_opctx;

#define PYMM_SET_MINSIZE	8	/* PySet_MINSIZE */

/* setentry: key NULL and hash 0 unused; the dummy key and hash -1 deleted */
struct pymm_set_entry {
	struct pymm_object *key;
	s64 hash;
};

struct pymm_set {
	struct pymm_object ob;
	u32 fill;		/* active + dummy entries */
	u32 used;		/* active entries */
	u32 mask;		/* table size - 1 */
	u32 finger;		/* set_pop()'s search finger */
	s64 hash;		/* frozenset: cached, -1 until computed */
	struct pymm_set_entry *table;	/* small, or a block of mask + 1 */
	u32 release_pos;	/* deallocation cursor: a table index */
	u8 frozen;
	u8 reserved[3];
	struct pymm_weakref *weaklist;	/* set_new's weakreflist: sets are weakrefable */
	struct pymm_set_entry small[PYMM_SET_MINSIZE];
};

extern const struct pymm_typeobj pymm_set_type;

/* set_next(): the next active key at or after *pos (borrowed), or false */
bool pymm_set_next(struct pymm_object *set, u32 *pos, struct pymm_object **key);

static inline u32 pymm_set_len(const struct pymm_object *set)
{
	return ((const struct pymm_set *)set)->used;
}

/* the side table's bytes (sys.getsizeof): 0 while the small table serves */
size_t pymm_set_block_bytes(const struct pymm_object *set);

/* set == set (object.c's equality engine): sizes, cached hashes, subset */
int pymm_set_equal(struct pymm_heap *h, struct pymm_object *a, struct pymm_object *b,
		   bool *res);

/* PYMM_OP_NEW_SET .. PYMM_OP_SET_ALGEBRA (ops.c's table points here) */
int pymm_set_op(struct pymm_opctx *x);

#endif /* PYMM_CORE_SET_H */
