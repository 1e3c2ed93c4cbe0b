/* SPDX-License-Identifier: GPL-2.0 */
/*
 * alloc.h - the size-class allocator's interface (arenas, pools, blocks).
 *
 * One struct pymm_alloc per heap, as CPython 3.12+ keeps one obmalloc state
 * per interpreter: heaps never share pools, so one heap's fragmentation or
 * leak never pins another's arenas, and destroying a heap returns all of its
 * memory at once.
 *
 * Locking: none inside.  The caller holds the owning heap's mutex for every
 * call (see heap.h).  Global accounting goes through pymm_plat_charge(),
 * which is atomic.
 *
 * Sized free: pymm_free() takes the size given to pymm_malloc().  Every
 * caller knows it (object headers record it), and it spares us CPython's
 * address_in_range()/radix tree question "is this pointer ours?", the same
 * way kmem_cache_free() is told its cache.
 */
#ifndef PYMM_CORE_ALLOC_H
#define PYMM_CORE_ALLOC_H

#include "platform.h"
#include "../uapi/pymm.h"

#define PYMM_ALIGNMENT_SHIFT		4
#define PYMM_ALIGNMENT			(1u << PYMM_ALIGNMENT_SHIFT)	/* 16 */
#define PYMM_SMALL_REQUEST_THRESHOLD	512
#define PYMM_NB_SIZE_CLASSES		(PYMM_SMALL_REQUEST_THRESHOLD / PYMM_ALIGNMENT)

/* The two geometries: CPython <= 3.9 and CPython >= 3.10 (64-bit). */
#define PYMM_ARENA_SHIFT_SMALL		18	/* 256 KiB arenas ... */
#define PYMM_POOL_SHIFT_SMALL		12	/* ... of 64 pools of 4 KiB */
#define PYMM_ARENA_SHIFT_LARGE		20	/* 1 MiB arenas ... */
#define PYMM_POOL_SHIFT_LARGE		14	/* ... of 64 pools of 16 KiB */

struct pymm_alloc;	/* full definition in arena.h; embedded in struct pymm_heap */

/*
 * limit: the heap's quota in bytes of memory taken from the host (arenas,
 * large blocks, and the metadata they need); 0 means no per-heap limit.
 * Geometry: 12 <= pool_shift <= 16 and pool_shift + 2 <= arena_shift <=
 * pool_shift + 6 (4..64 pools per arena).  Takes no memory.  Returns 0 or
 * -EINVAL.
 */
int pymm_alloc_init(struct pymm_alloc *a, unsigned int arena_shift,
		    unsigned int pool_shift, u64 limit);

/*
 * Returns every arena and large block to the host.  The return value is the
 * number of blocks that were still allocated (leaks), for the caller to log.
 */
u64 pymm_alloc_destroy(struct pymm_alloc *a);

/*
 * n > 0.  Returns a 16-byte aligned block or NULL; on NULL, a->last_error is
 * -ENOMEM (host refused), -EDQUOT (heap quota) or -ENOSPC (module-wide cap),
 * or -EINVAL for n == 0.  Small blocks are not zeroed.
 */
void *pymm_malloc(struct pymm_alloc *a, size_t n);
/*
 * p may be NULL.  A size whose class does not match p's pool (or, for a
 * large block, its recorded size) is refused, logged and counted in
 * bad_frees: a leak instead of a corrupted pool.
 */
void pymm_free(struct pymm_alloc *a, void *p, size_t n);

/*
 * The owner's account (heap.c): every heap of one user draws on it, so that
 * a user's heaps together stay under the per-user quota whatever each heap's
 * own quota says.  Checked where memory is taken from the host, right after
 * the heap's quota; a refusal is -EDQUOT.  NULL (root's heaps, the public
 * heap): not accounted.
 */
struct pymm_acct;

bool pymm_acct_charge(struct pymm_acct *acct, u64 bytes);
void pymm_acct_uncharge(struct pymm_acct *acct, u64 bytes);

/*
 * Returns every arena that has no block in use to the host; returns how
 * many.  Arenas that empty are kept until then, so that an operation that
 * swings between more and fewer arenas' worth of blocks reuses them: the
 * heap trims before dropping its lock, keeping PYMM_SPARE_BYTES of them
 * for a bounded time (heap.h), and tests and benchmarks call it where an
 * operation would end.  Cheap when there is nothing to do.
 */
u64 pymm_alloc_trim(struct pymm_alloc *a);
/* The same, but leaves up to keep empty arenas in place. */
u64 pymm_alloc_trim_keep(struct pymm_alloc *a, u32 keep);

/*
 * Emptied arenas a heap keeps for reuse, in bytes: what CPython 3.11 keeps
 * (one 1 MiB arena), so four of the default 256 KiB arenas (heap.c).
 */
#define PYMM_SPARE_BYTES	(1u << 20)

/* pymm_alloc_trim_keep() leaving PYMM_SPARE_BYTES of arenas (at least one). */
u64 pymm_alloc_trim_spares(struct pymm_alloc *a);

/* Change the quota; below current use is allowed (future allocations fail). */
void pymm_alloc_set_limit(struct pymm_alloc *a, u64 limit);

/*
 * Debug mode (arena.h draws the block): guard bytes around every block,
 * poison on fresh and freed blocks, both checked; a finding is logged
 * (ratelimited, with name, class and block ID) and counted in
 * debug_reports, and the offending block is quarantined instead of reused.
 * Blocks grow by 32 bytes, so a small request near 512 becomes large.  name
 * (the heap's, may be NULL) must outlive the allocator.  Only an allocator
 * holding no block may switch: -EBUSY otherwise.  Survives destroy.
 */
int pymm_alloc_set_debug(struct pymm_alloc *a, bool on, const char *name);

/*
 * Opaque, stable placement ID of a live block: arena serial, pool index and
 * block index for small blocks, a serial for large ones.  Never an address.
 * pymm_id_* decode it for display.  Layout:
 *
 *   63..60  tag: PYMM_ID_TAG_SMALL (1) or PYMM_ID_TAG_LARGE (2)
 *   small:  59..28 arena serial (index in the heap's arena table, as
 *                  struct pymm_arena_info.serial)
 *           27..20 pool slot in the arena (0..63, from the base rounded
 *                  down to the pool size; slot 0 is lost when misaligned)
 *           19..0  block index in the pool
 *   large:  59..0  per-heap serial (1, 2, ...; never reused)
 *
 * A tag of 1 or 2 in the top bits can equal neither a kernel address
 * (0xffff...) nor a user one (below 2^47).  An ID is unique among the live
 * blocks of one heap; a freed block's ID may come back, as CPython's id().
 */
#define PYMM_ID_TAG_SHIFT	60
#define PYMM_ID_TAG_SMALL	1ULL
#define PYMM_ID_TAG_LARGE	2ULL
#define PYMM_ID_ARENA_SHIFT	28
#define PYMM_ID_POOL_SHIFT	20

u64 pymm_alloc_id(const struct pymm_alloc *a, const void *p, size_t n);

static inline bool pymm_id_is_large(u64 id)
{
	return (id >> PYMM_ID_TAG_SHIFT) == PYMM_ID_TAG_LARGE;
}

static inline u32 pymm_id_arena(u64 id)
{
	return (u32)(id >> PYMM_ID_ARENA_SHIFT);	/* 32 bits below the tag */
}

static inline u32 pymm_id_pool(u64 id)
{
	return (u32)(id >> PYMM_ID_POOL_SHIFT) & 0xff;
}

static inline u32 pymm_id_block(u64 id)
{
	return (u32)id & 0xfffff;
}

static inline u64 pymm_id_serial(u64 id)	/* large blocks */
{
	return id & ((1ULL << PYMM_ID_TAG_SHIFT) - 1);
}

/*
 * Snapshot for /proc, the tool and tests: the one place figures come from.
 * cls may be NULL.  O(1): no walk, just the counters.
 */
void pymm_alloc_stats(const struct pymm_alloc *a, struct pymm_alloc_stats *st,
		      struct pymm_class_stats cls[PYMM_NB_SIZE_CLASSES]);
u32 pymm_alloc_arena_count(const struct pymm_alloc *a);
/* idx-th live arena (in address-independent order); -ENOENT past the end */
int pymm_alloc_arena_info(const struct pymm_alloc *a, u32 idx,
			  struct pymm_arena_info *info);

/* Check every allocator invariant; 0 or -EUCLEAN (and logs the first fault). */
int pymm_alloc_verify(const struct pymm_alloc *a);

/* The struct itself, so that a heap can embed it by value. */
#include "arena.h"

#endif /* PYMM_CORE_ALLOC_H */
