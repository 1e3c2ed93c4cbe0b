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
 * large blocks); 0 means no per-heap limit.  Returns 0 or -EINVAL.
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
 * -ENOMEM (host refused), -EDQUOT (heap quota) or -ENOSPC (module-wide cap).
 */
void *pymm_malloc(struct pymm_alloc *a, size_t n);
void pymm_free(struct pymm_alloc *a, void *p, size_t n);

/* Change the quota; below current use is allowed (future allocations fail). */
void pymm_alloc_set_limit(struct pymm_alloc *a, u64 limit);

/*
 * Opaque, stable placement ID of a live block: arena serial, pool index and
 * block index for small blocks, a serial for large ones.  Never an address.
 * pymm_id_* decode it for display.
 */
u64 pymm_alloc_id(const struct pymm_alloc *a, const void *p, size_t n);

/* Snapshot for /proc, the tool and tests: the one place figures come from. */
void pymm_alloc_stats(const struct pymm_alloc *a, struct pymm_alloc_stats *st,
		      struct pymm_class_stats cls[PYMM_NB_SIZE_CLASSES]);
u32 pymm_alloc_arena_count(const struct pymm_alloc *a);
/* idx-th live arena (in address-independent order); -ENOENT past the end */
int pymm_alloc_arena_info(const struct pymm_alloc *a, u32 idx,
			  struct pymm_arena_info *info);

/* Check every allocator invariant; 0 or -EUCLEAN (and logs the first fault). */
int pymm_alloc_verify(const struct pymm_alloc *a);

#endif /* PYMM_CORE_ALLOC_H */
