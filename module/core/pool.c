// SPDX-License-Identifier: GPL-2.0
/*
 * pool.c - pools and blocks: the size-class fast path of pymm_malloc() and
 * pymm_free(), block IDs, and the check of one pool.  arena.c supplies
 * pools (pymm_arena_pool_get/put) and large blocks; the drawing and the
 * reasons for each policy are at the top of arena.c.
 *
 * Locking: none; the caller holds the heap's mutex.
 *
 * A pool is on its class's usedpools list while it has both a block in use
 * and a free (or virgin) block.  The list's head is where allocation comes
 * from; a full pool leaves the list, and comes back at the head when one of
 * its blocks is freed.  A pool whose last block is freed goes back to its
 * arena.  The list is doubly linked and NULL-terminated, not circular: a
 * pool pushed at the head then touches only the old head, which allocation
 * just used, never the tail pool's header, a cache miss per push under
 * scattered frees (CPython gets the same by faking a sentinel pool header
 * inside usedpools[], its "major obscurity").
 *
 * The fast path is pymm_malloc() and pymm_free() themselves: a class's
 * list head has a free block, or a block goes back to a pool that stays in
 * use.  Everything else (a pool from the arena, a pool going home, large
 * blocks, the debug mode) is out of line, so that the fast path needs no
 * stack frame.  Per block we count class_blocks[c] and mallocs only; the
 * totals (blocks_allocated, frees) are derived where they are read.
 */
#include "arena.h"

/*
 * The list moves check what obmalloc's debug build asserts (debug builds
 * only, platform.h): a pool pushed is on no list; a pool removed is
 * linked both ways from where it sits.
 */
static void used_push_front(struct pymm_alloc *a, struct pymm_pool *pool, u32 c)
{
	struct pymm_pool *head = a->usedpools[c];

	PYMM_INVARIANT(pool != head && !pool->prevpool, "usedpools: pool pushed twice");
	PYMM_INVARIANT(!head || !head->prevpool, "usedpools: head has a prev");
	pool->nextpool = head;
	pool->prevpool = NULL;
	if (head)
		head->prevpool = pool;
	a->usedpools[c] = pool;
}

static void used_remove(struct pymm_alloc *a, struct pymm_pool *pool, u32 c)
{
	PYMM_INVARIANT(pool->prevpool ? pool->prevpool->nextpool == pool :
		       a->usedpools[c] == pool, "usedpools: pool not linked from its prev");
	PYMM_INVARIANT(!pool->nextpool || pool->nextpool->prevpool == pool,
		       "usedpools: next does not link back");
	if (pool->prevpool)
		pool->prevpool->nextpool = pool->nextpool;
	else
		a->usedpools[c] = pool->nextpool;
	if (pool->nextpool)
		pool->nextpool->prevpool = pool->prevpool;
	pool->nextpool = NULL;
	pool->prevpool = NULL;
}

/*
 * The free list ran dry: carve the next virgin block, or, if none is left,
 * the pool is full and leaves the list.
 */
static void pool_refill(struct pymm_alloc *a, struct pymm_pool *pool, u32 c)
{
	if (pool->nextoffset <= pool->maxnextoffset) {
		pool->freeblock = (struct pymm_block *)((u8 *)pool + pool->nextoffset);
		pool->freeblock->next = NULL;
		pool->nextoffset += pymm_class_size(c);
		return;
	}
	used_remove(a, pool, c);
}

/* A pool fresh from its arena (empty or virgin) starts serving class c. */
static void *pool_start(struct pymm_alloc *a, struct pymm_pool *pool, u32 c)
{
	u32 size = pymm_class_size(c);
	struct pymm_block *bp;

	used_push_front(a, pool, c);
	pool->count = 1;
	a->class_pools[c]++;

	if (pool->szidx == c) {
		/* Emptied while serving c: its free list holds every carved block. */
		bp = pool->freeblock;
		pool->freeblock = bp->next;
		if (!pool->freeblock)
			pool_refill(a, pool, c);
		return bp;
	}

	/*
	 * Debug mode: every block starts dead, so that the reuse check needs
	 * no idea of which blocks were ever handed out.
	 */
	if (unlikely(a->flags & PYMM_ALLOC_F_DEBUG))
		memset((u8 *)pool + PYMM_POOL_OVERHEAD, PYMM_DEADBYTE,
		       a->pool_size - PYMM_POOL_OVERHEAD);

	/* Set up the first two blocks only; the rest stay virgin. */
	pool->szidx = c;
	bp = (struct pymm_block *)((u8 *)pool + PYMM_POOL_OVERHEAD);
	pool->freeblock = (struct pymm_block *)((u8 *)bp + size);
	pool->freeblock->next = NULL;
	pool->nextoffset = PYMM_POOL_OVERHEAD + 2 * size;
	pool->maxnextoffset = a->pool_size - size;
	return bp;
}

/* No pool of class c has a free block: one from the arenas. */
static noinline void *small_alloc_new_pool(struct pymm_alloc *a, u32 c)
{
	struct pymm_pool *pool = pymm_arena_pool_get(a);

	if (!pool)
		return NULL;
	a->class_blocks[c]++;
	a->mallocs++;
	return pool_start(a, pool, c);
}

/* bp was the pool's last free block; a tail call keeps the fast path frameless. */
static noinline void *small_alloc_refill(struct pymm_alloc *a, struct pymm_pool *pool, u32 c,
					 void *bp)
{
	pool_refill(a, pool, c);
	return bp;
}

static inline void *small_alloc(struct pymm_alloc *a, u32 c)
{
	struct pymm_pool *pool = a->usedpools[c];
	struct pymm_block *bp;

	if (unlikely(!pool))
		return small_alloc_new_pool(a, c);
	a->class_blocks[c]++;
	a->mallocs++;
	pool->count++;
	bp = pool->freeblock;
	pool->freeblock = bp->next;
	if (unlikely(!pool->freeblock))
		return small_alloc_refill(a, pool, c, bp);
	return bp;
}

static noinline __cold void small_free_refused(struct pymm_alloc *a,
						 const struct pymm_pool *pool, u32 c)
{
	a->bad_frees++;
	pymm_plat_log_rl(PYMM_LOG_ERR, "free of a %u-byte block from a class-%u pool refused",
			 pymm_class_size(c), pool->szidx);
}

/* The pool was full (on no list) or is now empty. */
static noinline void small_free_pool_moves(struct pymm_alloc *a, struct pymm_pool *pool,
					   u32 c, bool was_full)
{
	if (!pool->count) {
		/* Empty: leave the list (a full pool is not on it) and go home. */
		if (!was_full)
			used_remove(a, pool, c);
		a->class_pools[c]--;
		pymm_arena_pool_put(a, pool);
	} else {
		/* Was full: back at the list's head, the next to serve. */
		used_push_front(a, pool, c);
	}
}

static inline void small_free(struct pymm_alloc *a, void *p, u32 c)
{
	struct pymm_pool *pool = pymm_pool_of(a, p);
	struct pymm_block *bp = p;
	struct pymm_block *lastfree = pool->freeblock;

	if (unlikely(pool->szidx != c || !pool->count)) {
		small_free_refused(a, pool, c);
		return;
	}
	bp->next = lastfree;
	pool->freeblock = bp;
	a->class_blocks[c]--;
	if (unlikely(!--pool->count || !lastfree))
		small_free_pool_moves(a, pool, c, !lastfree);
}

static inline void *raw_malloc(struct pymm_alloc *a, size_t n)
{
	if (likely(n <= PYMM_SMALL_REQUEST_THRESHOLD))
		return small_alloc(a, (u32)((n - 1) >> PYMM_ALIGNMENT_SHIFT));
	return pymm_large_alloc(a, n);		/* counts mallocs itself */
}

static inline void raw_free(struct pymm_alloc *a, void *p, size_t n)
{
	if (likely(n <= PYMM_SMALL_REQUEST_THRESHOLD))
		small_free(a, p, (u32)((n - 1) >> PYMM_ALIGNMENT_SHIFT));
	else
		pymm_large_free(a, p, n);
}

/* ---------------------------------------------------------- debug mode */

/*
 * The debug layer wraps raw_malloc()/raw_free() (arena.h draws a block).  It
 * only ever reads memory it has proved is the heap's: a pointer given to
 * free is looked up among the live arenas or large blocks first, which
 * makes a double free or a stray pointer a report instead of a fault.  That
 * costs a walk per free, the price of a debugging mode.
 */

/* Index of the first of len bytes at p that is not c, or -1. */
static long first_not(const u8 *p, u8 c, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != c)
			return (long)i;
	return -1;
}

static u64 raw_id(const struct pymm_alloc *a, const void *raw, size_t total);

/*
 * One finding.  off is the first bad byte's offset from the pointer the
 * caller holds (negative: the front guard); the ID, never an address, says
 * which block.
 */
static void debug_report(struct pymm_alloc *a, const char *what, const void *raw,
			 size_t total, long off)
{
	int c = total <= PYMM_SMALL_REQUEST_THRESHOLD ?
		(int)((total - 1) >> PYMM_ALIGNMENT_SHIFT) : -1;

	a->debug_reports++;
	pymm_plat_log_rl(PYMM_LOG_ERR,
			 "debug alloc: heap %s: %s: block %#llx (class %d, %zu bytes), first bad byte at offset %ld\n",
			 a->name ? a->name : "?", what, raw ? raw_id(a, raw, total) : 0ULL,
			 c, total - 2 * PYMM_DEBUG_GUARD, off);
}

/* Size of the block behind a total-byte request: its class, or exact. */
static size_t debug_block_size(size_t total)
{
	if (total > PYMM_SMALL_REQUEST_THRESHOLD)
		return total;
	return pymm_class_size((u32)((total - 1) >> PYMM_ALIGNMENT_SHIFT));
}

static noinline __cold void *debug_malloc(struct pymm_alloc *a, size_t n)
{
	size_t total = n + 2 * PYMM_DEBUG_GUARD;
	size_t size = debug_block_size(total);
	unsigned int tries;
	long off;
	u8 *raw;

	if (n > PYMM_LARGE_MAX) {
		a->last_error = -ENOMEM;
		return NULL;
	}
	/* Each bad block found is quarantined, so the next try gets another. */
	for (tries = 0; ; tries++) {
		raw = raw_malloc(a, total);
		if (!raw)
			return NULL;
		if (total > PYMM_SMALL_REQUEST_THRESHOLD)
			break;		/* fresh from the host, never poisoned */
		off = first_not(raw + sizeof(struct pymm_block), PYMM_DEADBYTE,
				size - sizeof(struct pymm_block));
		if (likely(off < 0))
			break;
		debug_report(a, "write after free", raw, total,
			     off + (long)sizeof(struct pymm_block) - PYMM_DEBUG_GUARD);
		a->debug_quarantined++;
		if (tries == 16) {
			a->last_error = -ENOMEM;
			return NULL;
		}
	}
	memset(raw, PYMM_FORBIDDENBYTE, PYMM_DEBUG_GUARD);
	memset(raw + PYMM_DEBUG_GUARD, PYMM_CLEANBYTE, n);
	memset(raw + PYMM_DEBUG_GUARD + n, PYMM_FORBIDDENBYTE, size - PYMM_DEBUG_GUARD - n);
	return raw + PYMM_DEBUG_GUARD;
}

/*
 * Is raw a small block of class c that is handed out now?  NULL if so, else
 * what is wrong.  A pool of another class is left to small_free(), which
 * refuses and counts it as any bad free.
 */
static const char *debug_small_state(const struct pymm_alloc *a, const u8 *raw, u32 c,
				     bool *in_pool)
{
	const struct pymm_arena *ao = pymm_arena_of(a, raw);
	const struct pymm_pool *pool;
	const struct pymm_block *bp;
	u32 off, size, n = 0;

	*in_pool = false;
	if (!ao)
		return "free of a pointer outside the heap's arenas";
	pool = pymm_pool_of(a, raw);
	if ((const u8 *)pool < ao->base || (const u8 *)pool >= ao->pool_address)
		return "free of a pointer in an uncarved pool";
	*in_pool = true;	/* the pool header is real: an ID can be shown */
	if (pool->szidx != c)
		return NULL;	/* a size mismatch: small_free() refuses it */
	/* emptied, still carved (kept arenas keep it): every block is free */
	if (!pool->count)
		return "double free";
	size = pymm_class_size(c);
	off = (u32)(raw - (const u8 *)pool);
	if (off < PYMM_POOL_OVERHEAD || (off - PYMM_POOL_OVERHEAD) % size)
		return "free of a pointer off the block grid";
	if (off >= pool->nextoffset)
		return "free of a block never handed out";
	for (bp = pool->freeblock; bp; bp = bp->next) {
		if ((const u8 *)bp == raw)
			return "double free";
		if (++n > pymm_pool_nblocks(a, c))
			break;	/* a corrupt list is verify's to report */
	}
	return NULL;
}

static noinline __cold void debug_free(struct pymm_alloc *a, void *p, size_t n)
{
	size_t total = n + 2 * PYMM_DEBUG_GUARD;
	u8 *raw = (u8 *)p - PYMM_DEBUG_GUARD;
	u32 c = (u32)((total - 1) >> PYMM_ALIGNMENT_SHIFT);
	const char *why = NULL;
	bool in_pool = false, bad;
	size_t size;
	long off;

	if (n > PYMM_LARGE_MAX) {
		a->bad_frees++;
		pymm_plat_log_rl(PYMM_LOG_ERR, "free of %zu bytes refused\n", n);
		return;
	}
	size = debug_block_size(total);
	if (total > PYMM_SMALL_REQUEST_THRESHOLD) {
		if (!pymm_large_is_live(a, raw))
			why = "free of a block that is not live (double free?)";
	} else {
		why = debug_small_state(a, raw, c, &in_pool);
	}
	if (why) {
		debug_report(a, why, in_pool ? raw : NULL, total, 0);
		return;
	}
	/* A size that does not match the block: refused and counted there. */
	if (total > PYMM_SMALL_REQUEST_THRESHOLD ? ((struct pymm_large *)raw - 1)->size != total
						 : pymm_pool_of(a, raw)->szidx != c) {
		raw_free(a, raw, total);
		return;
	}

	/* Quarantined at an earlier free: report again, count it once. */
	if (first_not(raw, PYMM_QUARANTINEBYTE, PYMM_DEBUG_GUARD) < 0) {
		debug_report(a, "free of a quarantined block", raw, total, 0);
		return;
	}
	off = first_not(raw, PYMM_FORBIDDENBYTE, PYMM_DEBUG_GUARD);
	if (off >= 0) {
		off -= PYMM_DEBUG_GUARD;	/* -16..-1: before the caller's bytes */
		bad = true;
	} else {
		off = first_not(raw + PYMM_DEBUG_GUARD + n, PYMM_FORBIDDENBYTE,
				size - PYMM_DEBUG_GUARD - n);
		bad = off >= 0;
		off += (long)n;			/* n..: past the end */
	}
	if (bad) {
		debug_report(a, "guard bytes overwritten", raw, total, off);
		memset(raw, PYMM_QUARANTINEBYTE, PYMM_DEBUG_GUARD);
		a->debug_quarantined++;
		return;
	}
	memset(raw, PYMM_DEADBYTE, size);
	raw_free(a, raw, total);
}

/* ------------------------------------------------------------- the API */

/* n == 0, large, or debug mode */
static noinline void *malloc_slow(struct pymm_alloc *a, size_t n)
{
	pymm_alloc_assert_locked(a);
	if (unlikely(!n)) {
		a->last_error = -EINVAL;
		return NULL;
	}
	if (unlikely(a->flags & PYMM_ALLOC_F_DEBUG))
		return debug_malloc(a, n);
	return pymm_large_alloc(a, n);
}

static noinline void free_slow(struct pymm_alloc *a, void *p, size_t n)
{
	pymm_alloc_assert_locked(a);
	if (unlikely(!n)) {
		a->bad_frees++;
		pymm_plat_log_rl(PYMM_LOG_ERR, "free with size 0 refused");
		return;
	}
	if (unlikely(a->flags & PYMM_ALLOC_F_DEBUG))
		debug_free(a, p, n);
	else
		raw_free(a, p, n);
}

void *pymm_malloc(struct pymm_alloc *a, size_t n)
{
	/* n - 1 wraps for n == 0; fast_max is 0 in debug mode (arena.h) */
	if (likely(n - 1 < a->fast_max))
		return small_alloc(a, (u32)((n - 1) >> PYMM_ALIGNMENT_SHIFT));
	return malloc_slow(a, n);
}

void pymm_free(struct pymm_alloc *a, void *p, size_t n)
{
	if (!p)
		return;
	if (likely(n - 1 < a->fast_max))
		small_free(a, p, (u32)((n - 1) >> PYMM_ALIGNMENT_SHIFT));
	else
		free_slow(a, p, n);
}

u64 pymm_alloc_id(const struct pymm_alloc *a, const void *p, size_t n)
{
	if (!p || !n)
		return 0;
	if (a->flags & PYMM_ALLOC_F_DEBUG)
		return raw_id(a, (const u8 *)p - PYMM_DEBUG_GUARD, n + 2 * PYMM_DEBUG_GUARD);
	return raw_id(a, p, n);
}

static u64 raw_id(const struct pymm_alloc *a, const void *p, size_t n)
{
	const struct pymm_pool *pool;
	const struct pymm_arena *ao;
	u64 block;

	if (n > PYMM_SMALL_REQUEST_THRESHOLD)
		return pymm_large_id(p);

	pool = pymm_pool_of(a, p);
	if (pool->arenaindex >= a->maxarenas || pool->szidx >= PYMM_NB_SIZE_CLASSES)
		return 0;
	ao = &a->arenas[pool->arenaindex];
	block = ((const u8 *)p - (const u8 *)pool - PYMM_POOL_OVERHEAD) /
		pymm_class_size(pool->szidx);
	return (PYMM_ID_TAG_SMALL << PYMM_ID_TAG_SHIFT) |
	       ((u64)pool->arenaindex << PYMM_ID_ARENA_SHIFT) |
	       ((u64)pymm_pool_slot(a, ao, pool) << PYMM_ID_POOL_SHIFT) | block;
}

int pymm_pool_verify(const struct pymm_alloc *a, const struct pymm_pool *pool,
		     u32 *freelen, const char **why)
{
	u32 size = pymm_class_size(pool->szidx);
	u32 nblocks = pymm_pool_nblocks(a, pool->szidx);
	const struct pymm_block *bp;
	u32 carved, off, n = 0;

	if (pool->maxnextoffset != a->pool_size - size)
		return pymm_alloc_fault(why, "pool maxnextoffset wrong");
	if (pool->nextoffset < PYMM_POOL_OVERHEAD + 2 * size ||
	    (pool->nextoffset - PYMM_POOL_OVERHEAD) % size)
		return pymm_alloc_fault(why, "pool nextoffset off the block grid");
	carved = (pool->nextoffset - PYMM_POOL_OVERHEAD) / size;
	if (carved > nblocks)
		return pymm_alloc_fault(why, "pool carved past its end");
	if (pool->count > carved)
		return pymm_alloc_fault(why, "pool count above its carved blocks");
	if (pool->flags)
		return pymm_alloc_fault(why, "pool flags set");

	for (bp = pool->freeblock; bp; bp = bp->next) {
		off = (u32)((const u8 *)bp - (const u8 *)pool);
		if ((const u8 *)bp < (const u8 *)pool || off >= pool->nextoffset ||
		    off < PYMM_POOL_OVERHEAD || (off - PYMM_POOL_OVERHEAD) % size)
			return pymm_alloc_fault(why, "free block outside its pool or off the block grid");
		if (++n > carved - pool->count)
			return pymm_alloc_fault(why, "free list longer than the free blocks (cycle or double free)");
	}
	if (pool->count + n != carved)
		return pymm_alloc_fault(why, "pool count differs from the walked free list");
	/* A pool with virgin blocks left always has a free block. */
	if (!pool->freeblock && pool->nextoffset <= pool->maxnextoffset)
		return pymm_alloc_fault(why, "pool without free block still has virgin ones");
	*freelen = n;
	return 0;
}
