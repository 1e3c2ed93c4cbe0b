/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arena.h - the allocator's data structures: struct pymm_alloc (one per heap,
 * embedded by value in the heap), the arena table entry and the pool header.
 *
 * The API is alloc.h, which includes this file; include either.  Code outside
 * arena.c and pool.c reads nothing here but the struct's size: figures come
 * from pymm_alloc_stats(), placement from pymm_alloc_id().  The drawing and
 * the reasons are at the top of arena.c.
 *
 * Locking: none.  Every field is protected by the owning heap's mutex.
 */
#ifndef PYMM_CORE_ARENA_H
#define PYMM_CORE_ARENA_H

#include "alloc.h"

/*
 * Geometry limits.  At most 64 pool slots per arena, because struct
 * pymm_arena_info reports 64 of them; at least 4, so that an arena which
 * loses one slot to alignment still has pools to give.  Pools of 4..64 KiB:
 * the block index then fits in 12 bits and a pool's count in a u16.
 */
#define PYMM_MAX_POOLS_PER_ARENA	64
#define PYMM_MIN_POOLS_PER_ARENA	4
#define PYMM_POOL_SHIFT_MIN		12
#define PYMM_POOL_SHIFT_MAX		16

/* pymm_pool.szidx of a pool never used yet (CPython's DUMMY_SIZE_IDX). */
#define PYMM_POOL_NO_CLASS		0xffffu

/* A free block: its first word links the pool's LIFO free list. */
struct pymm_block {
	struct pymm_block *next;
};

/*
 * The header at the start of every pool (CPython's struct pool_header).
 * States: used (0 < count < nblocks, on usedpools[szidx]), full (count ==
 * nblocks, on no list), empty (count == 0, on its arena's freepools; szidx
 * kept so that reuse for the same class skips initialisation).
 */
struct pymm_pool {
	u32 count;			/* blocks handed out */
	u32 szidx;			/* size class, or PYMM_POOL_NO_CLASS */
	struct pymm_block *freeblock;	/* LIFO free list; NULL when full */
	struct pymm_pool *nextpool;	/* usedpools list, or freepools list */
	struct pymm_pool *prevpool;	/* usedpools list only */
	u32 arenaindex;			/* index into pymm_alloc.arenas */
	u32 nextoffset;			/* first virgin block (byte offset) */
	u32 maxnextoffset;		/* last offset a whole block fits at */
	u32 flags;			/* reserved for the debug mode (0) */
};

/* Pool header rounded up to the alignment: blocks start here. */
#define PYMM_POOL_OVERHEAD						\
	((sizeof(struct pymm_pool) + PYMM_ALIGNMENT - 1) & ~(size_t)(PYMM_ALIGNMENT - 1))

/*
 * One entry of the arena table (CPython's struct arena_object).  base ==
 * NULL means the entry is on unused_arena_objects and has no memory.
 */
struct pymm_arena {
	u8 *base;			/* as the host returned it */
	u8 *pool_address;		/* next virgin pool to carve */
	u32 nfreepools;			/* empty + virgin pools */
	u32 ntotalpools;		/* usable pools: slots, or slots - 1 */
	struct pymm_pool *freepools;	/* empty pools, singly linked */
	struct pymm_arena *nextarena;	/* usable_arenas, or unused list */
	struct pymm_arena *prevarena;	/* usable_arenas only */
};

/* A block above the small threshold, straight from pymm_plat_zalloc(). */
struct pymm_large {
	struct pymm_large *next;
	struct pymm_large *prev;
	u64 serial;			/* the ID; never reused in a heap */
	u64 size;			/* bytes asked for (pymm_free checks it) */
};

/*
 * Debug mode (pymm_alloc_set_debug(), the debug_alloc module parameter), as
 * CPython's PYTHONMALLOC=debug.  A request of n bytes takes a block of
 * n + 2 * PYMM_DEBUG_GUARD bytes:
 *
 *   raw                raw + 16               raw + 16 + n       block end
 *   | FORBIDDEN x 16   | caller's n bytes     | FORBIDDEN up to the end  |
 *                      ^ returned pointer (still 16-byte aligned)
 *
 * New bytes are CLEANBYTE, a freed block is DEADBYTE but for its free-list
 * link (first word), and so is every block of a pool first carved in debug
 * mode.  Guards are checked at free; the poison when the block is handed out
 * again.  A failed check is reported and the block quarantined: it stays
 * allocated, never reused, freed with the heap (debug_quarantined); its
 * front guard becomes QUARANTINEBYTE so that a second free is not counted
 * twice.
 */
#define PYMM_ALLOC_F_DEBUG		(1u << 0)
#define PYMM_DEBUG_GUARD		16
#define PYMM_CLEANBYTE			0xCD	/* CPython's names and values */
#define PYMM_DEADBYTE			0xDD
#define PYMM_FORBIDDENBYTE		0xFD
#define PYMM_QUARANTINEBYTE		0xBB	/* front guard of a quarantined block */
/* Beyond this a large request is refused outright (kvmalloc's INT_MAX). */
#define PYMM_LARGE_MAX			(1ULL << 30)

struct pymm_alloc {
	/* geometry, fixed by pymm_alloc_init() */
	u32 arena_shift;
	u32 pool_shift;
	u32 arena_size;
	u32 pool_size;
	u32 slots;			/* arena_size / pool_size */
	u32 flags;			/* PYMM_ALLOC_F_* */
	/*
	 * The fast path's one test: a request n takes it iff n - 1 <
	 * fast_max, which is the small threshold, or 0 in debug mode (so
	 * n == 0, large requests and debug mode all fall to the slow path).
	 */
	u32 fast_max;

	int last_error;			/* of the last failed pymm_malloc() */
	u64 limit;			/* quota on bytes_held; 0 = none */
	struct pymm_acct *acct;		/* the owner's account, or NULL */
	/*
	 * The back-edge to the owning heap: its lock, which every function of
	 * arena.c and pool.c but the const snapshots runs under (heap.h), so
	 * that they can say so (pymm_alloc_assert_locked()).  NULL for an
	 * allocator of its own (unit tests, benchmarks), which nobody shares.
	 */
	struct pymm_mutex *lock;

	/* usedpools[c]: the class's partly used pools, doubly linked, or NULL */
	struct pymm_pool *usedpools[PYMM_NB_SIZE_CLASSES];

	struct pymm_arena *arenas;	/* the table, maxarenas entries */
	u32 maxarenas;
	struct pymm_arena *unused_arena_objects;
	/* arenas with a free pool, fewest free pools first */
	struct pymm_arena *usable_arenas;
	/* nfp2lasta[n]: last arena of usable_arenas with n free pools */
	struct pymm_arena *nfp2lasta[PYMM_MAX_POOLS_PER_ARENA + 1];

	struct pymm_large *large;	/* every live large block */
	u64 large_serial;		/* last serial handed out */

	/* counters behind pymm_alloc_stats(); verify recounts them */
	u64 arenas_allocated;
	u64 arenas_reclaimed;
	u64 arenas_highwater;
	u64 arenas_current;
	u64 arenas_misaligned;		/* live arenas that lost a slot */
	u64 arenas_empty;		/* no pool in use: kept until trim */
	u64 arenas_emptied;		/* times an arena became empty */
	u64 class_pools[PYMM_NB_SIZE_CLASSES];	/* used or full pools */
	u64 class_blocks[PYMM_NB_SIZE_CLASSES];	/* blocks in use */
	u64 large_blocks;
	u64 large_bytes;
	u64 mallocs;			/* frees = mallocs - live blocks */
	u64 bytes_held;			/* arenas + large + metadata */
	u64 bytes_metadata;		/* arena table + large headers */
	u64 quota_refusals;
	u64 bad_frees;

	/* debug mode */
	const char *name;		/* the heap's, for reports; may be NULL */
	u64 debug_reports;		/* guard, poison and double-free findings */
	u64 debug_quarantined;		/* blocks kept out of use after a finding */
};

/* the heap's lock held: the allocator's state and the accounts it charges are its */
#define pymm_alloc_assert_locked(a)				\
	do {							\
		if ((a)->lock)					\
			pymm_lockdep_assert_held((a)->lock);	\
	} while (0)

/* ---- shared by arena.c and pool.c only */

/* Small blocks in use: a sum where it is read, not a counter per block. */
static inline u64 pymm_alloc_small_live(const struct pymm_alloc *a)
{
	u64 n = 0;
	u32 c;

	for (c = 0; c < PYMM_NB_SIZE_CLASSES; c++)
		n += a->class_blocks[c];
	return n;
}

static inline u32 pymm_class_size(u32 szidx)
{
	return (szidx + 1) << PYMM_ALIGNMENT_SHIFT;
}

static inline u32 pymm_pool_nblocks(const struct pymm_alloc *a, u32 szidx)
{
	return (u32)((a->pool_size - PYMM_POOL_OVERHEAD) / pymm_class_size(szidx));
}

/* The pool a small block lives in: pools are pool_size aligned. */
static inline struct pymm_pool *pymm_pool_of(const struct pymm_alloc *a, const void *p)
{
	return (struct pymm_pool *)((unsigned long)p & ~((unsigned long)a->pool_size - 1));
}

/* Slot of a pool in its arena, counted from the arena base rounded down. */
static inline u32 pymm_pool_slot(const struct pymm_alloc *a, const struct pymm_arena *ao,
				 const struct pymm_pool *pool)
{
	unsigned long first = (unsigned long)ao->base & ~((unsigned long)a->pool_size - 1);

	return (u32)(((unsigned long)pool - first) >> a->pool_shift);
}

/* arena.c: an empty or virgin pool (its arenaindex set), or NULL + last_error */
struct pymm_pool *pymm_arena_pool_get(struct pymm_alloc *a);
/* arena.c: a pool just became empty and is on no list */
void pymm_arena_pool_put(struct pymm_alloc *a, struct pymm_pool *pool);

/* arena.c: is p (a large block's start) one of the heap's live ones? */
bool pymm_large_is_live(const struct pymm_alloc *a, const void *p);
/* arena.c: the live arena holding p, or NULL */
const struct pymm_arena *pymm_arena_of(const struct pymm_alloc *a, const void *p);

/* arena.c: requests above the small threshold */
void *pymm_large_alloc(struct pymm_alloc *a, size_t n);
void pymm_large_free(struct pymm_alloc *a, void *p, size_t n);
u64 pymm_large_id(const void *p);

/* verify: note the first fault found, and stop */
static inline int pymm_alloc_fault(const char **why, const char *msg)
{
	*why = msg;
	return -EUCLEAN;
}

/*
 * pool.c: checks one carved pool's header and free list; returns 0, or
 * -EUCLEAN with *why set.  *freelen gets the free list's length.
 */
int pymm_pool_verify(const struct pymm_alloc *a, const struct pymm_pool *pool,
		     u32 *freelen, const char **why);

#endif /* PYMM_CORE_ARENA_H */
