// SPDX-License-Identifier: GPL-2.0
/*
 * arena.c - arenas: memory taken from the host, and the heap's allocator
 * state as a whole (init, destroy, stats, verify).  pool.c carves pools into
 * blocks.  The design follows CPython's Objects/obmalloc.c (3.8/3.9).
 *
 * Locking: none in this file or in pool.c.  Every function runs with the
 * owning heap's mutex held (see heap.h), which the ones that take or give
 * host memory assert through the allocator's back-edge to its heap
 * (a->lock, pymm_alloc_assert_locked()); a heap's arenas, pools and blocks
 * are never shared with another heap.  The only cross-heap state is the
 * module-wide byte cap, which pymm_plat_charge() updates atomically.  Host
 * allocations may sleep, which a mutex allows.
 *
 * ======================================================================
 * The picture (default geometry: 256 KiB arenas of 64 pools of 4 KiB;
 * CPython >= 3.10's 1 MiB arenas of 16 KiB pools are the other one).
 *
 * struct pymm_alloc (one per heap)
 *
 *   usedpools[c] ----> list of class c's partly used pools; allocation
 *                      takes blocks from the list's head
 *   arenas[] --------> table of struct pymm_arena; an entry's index is the
 *                      arena serial that object IDs show
 *   usable_arenas ---> arenas with a free pool, FEWEST free pools first
 *   nfp2lasta[n] ----> last arena in usable_arenas with n free pools
 *   large -----------> blocks above 512 bytes, one host allocation each
 *
 * An arena (one pymm_plat_arena_alloc(), page aligned):
 *
 *   base                                                 base + arena_size
 *   |                                                                    |
 *   +--------+--------+--------+--------+--------+--------+-- ... --+--------+
 *   | pool 0 | pool 1 | pool 2 | pool 3 | pool 4 | pool 5 |         | pool 63|
 *   | used   | full   | empty  | used   | empty  | virgin |         | virgin |
 *   +--------+--------+--------+--------+--------+--------+-- ... --+--------+
 *                         ^                 ^        ^
 *     freepools ----------+--- nextpool ----'        pool_address: the next
 *     (empty pools, most recently emptied first)     pool to carve
 *
 *   nfreepools = empty pools + virgin pools.  If base is not pool aligned
 *   (16 KiB pools on 4 KiB pages), pools start at the next pool boundary
 *   and one slot's worth of bytes is lost: bytes_arena_alignment.
 *
 * A pool (pool_size bytes, pool_size aligned, one size class):
 *
 *         freeblock --> blk 3 --> blk 1 --> NULL   (LIFO; the link is the
 *                                                   block's first word)
 *   +--------+-------+-------+-------+-------+-------+----------------+---+
 *   | header | blk 0 | blk 1 | blk 2 | blk 3 | blk 4 | virgin blocks  | q |
 *   |  48 B  | used  | free  | used  | free  | used  | (not touched)  |   |
 *   +--------+-------+-------+-------+-------+-------+----------------+---+
 *   ^                                                ^                ^
 *   pymm_pool_of(p) = p & ~(pool_size - 1)           nextoffset       tail too
 *                                                                     small for a
 *                                                                     block:
 *                                                                     quantization
 *
 * A block: (szidx + 1) * 16 bytes, for requests of szidx * 16 + 1 ..
 * (szidx + 1) * 16 bytes; no header of its own: its pool says its size.
 *
 * ======================================================================
 * Policies, and why.
 *
 * 16-byte size classes up to 512 bytes (32 classes).  16 is the x86-64
 * ABI's alignment (CPython bpo-27987 moved from 8 to 16 for it); a request
 * wastes at most 15 bytes; 32 classes keep usedpools[] in one cache line
 * pair.  Larger requests are rare in a Python heap and go to the host.
 *
 * A pool serves one class, so a block needs no header and free() finds the
 * pool with a mask: O(1), no search.  We are told the size at free (sized
 * free, as kmem_cache_free() is told its cache), so CPython's
 * address_in_range() question never arises; we only check that the pool's
 * class matches the size given and refuse the free (bad_frees) if not.
 *
 * Lazy carving: "never touch a piece of memory until it's actually needed".
 * A new pool gets its header and two linked blocks; later blocks are carved
 * one at a time from nextoffset when the free list runs dry.  Virgin pools
 * are carved from pool_address only when no empty pool is left.  Untouched
 * memory costs no cache lines, and in user space (mmap) no RSS.
 *
 * LIFO free list per pool: the block freed last is handed out next for the
 * same class, while it is still in cache.  A pool that was full and gets a
 * block back goes to the FRONT of its class list (CPython: "mimics LRU pool
 * usage for new allocations").  A pool that becomes empty leaves the list
 * and goes to the front of its arena's freepools, keeping its class so
 * that reuse for the same class skips initialisation.
 *
 * usable_arenas is sorted by nfreepools, fullest first: new pools come from
 * the busiest arena, so nearly empty arenas get a chance to drain and be
 * returned ("in my unscientific tests this dramatically improved the number
 * of arenas that could be freed", obmalloc).  Keeping the order used to
 * need a linear search per change, O(#arenas) per free (CPython bpo-37029);
 * the nfp2lasta[] "search fingers" make it O(1): when an arena gains a free
 * pool it moves right past the last arena with its old count.
 *
 * An arena that becomes entirely empty stays on usable_arenas, moved like
 * any arena that gains a pool: to the tail, since the most free pools sort
 * last (a misaligned one, a pool short, ties with arenas one pool from
 * empty), so it is among the last to be used again; it is counted in
 * arenas_empty.  pymm_alloc_trim() returns
 * such arenas to the host; the heap calls it before it drops its lock
 * (pymm_heap_unlock(), heap.h) and keeps up to PYMM_SPARE_BYTES of them,
 * which a timer returns once they have sat empty for arena_idle_ms (heap.c
 * says why), so a heap's footprint between operations is what it uses plus
 * at most 1 MiB for a bounded time.  Inside one operation a loop that fills and
 * drains an arena's worth of blocks reuses the arena instead of paying
 * vfree, vmalloc and a page fault per page on every swing (CPython 3.9
 * keeps one spare for the same reason, bpo-37257, but keeps it for good).
 * An empty arena is still charged to the quota; a request the quota or the
 * host refuses trims first and tries once more, so keeping them never
 * turns a request that would succeed into a refusal.
 *
 * The arena table grows by doubling (16 entries first), through
 * pymm_plat_zalloc().  It only grows when every entry holds an arena and
 * every arena is full, so no list points into the old table (pools name
 * their arena by index), and copying it is safe.  Freed entries are reused
 * first (LIFO), which keeps serials small.
 *
 * Every byte taken from the host passes one gate, host_take(): the heap's
 * quota (-EDQUOT), the module-wide cap (-ENOSPC), fault injection and the
 * host itself (-ENOMEM).  The arena table and large-block headers count
 * too (bytes_metadata): they are memory a user makes the kernel allocate.
 *
 * The byte budget (pymm_alloc_stats) sums exactly, per arena:
 *   bytes_in_use + bytes_free_blocks + bytes_unused_pools +
 *   bytes_pool_headers + bytes_quantization + bytes_arena_alignment
 *     == arenas_current * arena_size
 * and bytes_held == arenas_current * arena_size + large_bytes +
 * bytes_metadata.  pymm_alloc_verify() recounts everything by walking.
 */
#include "arena.h"

#define PYMM_INITIAL_ARENA_OBJECTS	16
/* The ID has 32 bits for the serial; quotas bind long before this. */
#define PYMM_MAX_ARENA_OBJECTS		(1u << 24)

_Static_assert(sizeof(struct pymm_large) % PYMM_ALIGNMENT == 0,
	       "large blocks must stay 16-byte aligned after the header");
_Static_assert(PYMM_NB_SIZE_CLASSES == 32, "size classes");

/* ------------------------------------------------------ the host gate */

/*
 * One attempt; returns 0 or the errno for last_error.  *shared says the
 * refusal came from a limit other heaps draw on too (the owner's account,
 * the module cap), where their spare arenas may be what is in the way.
 */
static int host_try(struct pymm_alloc *a, size_t bytes, bool arena, void **out, bool *shared)
{
	void *p;

	pymm_alloc_assert_locked(a);
	*shared = false;
	if (a->limit && (a->bytes_held >= a->limit || bytes > a->limit - a->bytes_held))
		return -EDQUOT;
	*shared = true;
	if (a->acct && !pymm_acct_charge(a->acct, bytes))
		return -EDQUOT;
	if (!pymm_plat_charge(bytes)) {
		if (a->acct)
			pymm_acct_uncharge(a->acct, bytes);
		return -ENOSPC;
	}
	*shared = false;
	if (pymm_plat_should_fail())
		p = NULL;
	else if (arena)
		p = pymm_plat_arena_alloc(bytes);
	else
		p = pymm_plat_zalloc(bytes);
	if (!p) {
		pymm_plat_uncharge(bytes);
		if (a->acct)
			pymm_acct_uncharge(a->acct, bytes);
		return -ENOMEM;
	}
	a->bytes_held += bytes;
	*out = p;
	return 0;
}

static void *host_take(struct pymm_alloc *a, size_t bytes, bool arena)
{
	void *p = NULL;
	bool shared;
	int err;

	/*
	 * The cap counts its refusals (limit_refusals in /proc/pymm): one that
	 * this heap's own spares would cause is not tried, they go first.
	 */
	if (unlikely(a->arenas_empty) && pymm_plat_room() < bytes)
		pymm_alloc_trim(a);
	err = host_try(a, bytes, arena, &p, &shared);

	/*
	 * Empty arenas kept for reuse must not cost a refusal: this heap's
	 * go back at once, other heaps' (behind their own locks) as soon as
	 * the host's timer runs.  A host failure (-ENOMEM, or an injected
	 * fault) is not retried: freeing our arenas does not make the host
	 * succeed, and a retry would eat the next injected fault.
	 */
	if ((err == -EDQUOT || err == -ENOSPC) && pymm_alloc_trim(a))
		err = host_try(a, bytes, arena, &p, &shared);
	if (err && shared)
		pymm_plat_trim_soon();
	if (err) {
		if (err != -ENOMEM)
			a->quota_refusals++;
		a->last_error = err;
		return NULL;
	}
	return p;
}

static void host_give(struct pymm_alloc *a, void *p, size_t bytes, bool arena)
{
	pymm_alloc_assert_locked(a);
	if (arena)
		pymm_plat_arena_free(p, bytes);
	else
		pymm_plat_free(p);
	pymm_plat_uncharge(bytes);
	if (a->acct)
		pymm_acct_uncharge(a->acct, bytes);
	a->bytes_held -= bytes;
}

/* ------------------------------------------------------------- arenas */

static int arena_table_grow(struct pymm_alloc *a)
{
	u32 old = a->maxarenas;
	u32 n = old ? old * 2 : PYMM_INITIAL_ARENA_OBJECTS;
	struct pymm_arena *t;
	u32 i;

	if (n > PYMM_MAX_ARENA_OBJECTS || a->usable_arenas) {
		a->last_error = -ENOMEM;
		return -ENOMEM;
	}
	t = host_take(a, (size_t)n * sizeof(*t), false);
	if (!t)
		return a->last_error;
	if (old) {
		memcpy(t, a->arenas, (size_t)old * sizeof(*t));
		host_give(a, a->arenas, (size_t)old * sizeof(*t), false);
	}
	/* zalloc'ed: base == NULL marks the new entries unused */
	for (i = old; i < n; i++)
		t[i].nextarena = i + 1 < n ? &t[i + 1] : NULL;
	a->arenas = t;
	a->maxarenas = n;
	a->unused_arena_objects = &t[old];
	a->bytes_metadata += (u64)(n - old) * sizeof(*t);
	return 0;
}

static struct pymm_arena *arena_new(struct pymm_alloc *a)
{
	struct pymm_arena *ao;
	unsigned long excess;

	if (!a->unused_arena_objects && arena_table_grow(a))
		return NULL;
	ao = a->unused_arena_objects;
	ao->base = host_take(a, a->arena_size, true);
	if (!ao->base)
		return NULL;
	a->unused_arena_objects = ao->nextarena;

	ao->freepools = NULL;
	ao->pool_address = ao->base;
	ao->nfreepools = a->slots;
	excess = (unsigned long)ao->base & (a->pool_size - 1);
	if (excess) {
		ao->nfreepools--;
		ao->pool_address += a->pool_size - excess;
		a->arenas_misaligned++;
	}
	ao->ntotalpools = ao->nfreepools;
	ao->nextarena = NULL;
	ao->prevarena = NULL;

	a->arenas_allocated++;
	a->arenas_current++;
	a->arenas_empty++;		/* until its first pool is taken */
	if (a->arenas_current > a->arenas_highwater)
		a->arenas_highwater = a->arenas_current;
	return ao;
}

/* ao holds memory and is on no list. */
static void arena_release(struct pymm_alloc *a, struct pymm_arena *ao)
{
	if (ao->ntotalpools != a->slots)
		a->arenas_misaligned--;
	host_give(a, ao->base, a->arena_size, true);
	ao->base = NULL;
	ao->pool_address = NULL;
	ao->freepools = NULL;
	ao->nfreepools = 0;
	ao->ntotalpools = 0;
	ao->prevarena = NULL;
	ao->nextarena = a->unused_arena_objects;
	a->unused_arena_objects = ao;
	a->arenas_current--;
	a->arenas_reclaimed++;
}

struct pymm_pool *pymm_arena_pool_get(struct pymm_alloc *a)
{
	struct pymm_arena *ao = a->usable_arenas;
	struct pymm_pool *pool;
	u32 nf;

	pymm_alloc_assert_locked(a);
	if (!ao) {
		ao = arena_new(a);
		if (!ao)
			return NULL;
		a->usable_arenas = ao;
		a->nfp2lasta[ao->nfreepools] = ao;
	}

	/*
	 * ao is the head, the arena with the fewest free pools, so taking one
	 * keeps the order: only the fingers move.  ao becomes the one arena
	 * with nf - 1; it stops being the last with nf if it was.
	 */
	nf = ao->nfreepools;
	if (nf == ao->ntotalpools)
		a->arenas_empty--;	/* new, or came first in usable_arenas */
	if (a->nfp2lasta[nf] == ao)
		a->nfp2lasta[nf] = NULL;
	if (nf > 1)
		a->nfp2lasta[nf - 1] = ao;

	pool = ao->freepools;
	if (pool) {
		ao->freepools = pool->nextpool;
	} else {
		pool = (struct pymm_pool *)ao->pool_address;
		ao->pool_address += a->pool_size;
		pool->arenaindex = (u32)(ao - a->arenas);
		pool->szidx = PYMM_POOL_NO_CLASS;
		pool->flags = 0;
	}
	pool->nextpool = NULL;
	pool->prevpool = NULL;

	if (--ao->nfreepools == 0) {
		/* full: off the usable list until a pool comes back */
		a->usable_arenas = ao->nextarena;
		if (a->usable_arenas)
			a->usable_arenas->prevarena = NULL;
		ao->nextarena = NULL;
	}
	return pool;
}

void pymm_arena_pool_put(struct pymm_alloc *a, struct pymm_pool *pool)
{
	struct pymm_arena *ao = &a->arenas[pool->arenaindex];
	struct pymm_arena *lastnf;
	u32 nf = ao->nfreepools;

	pymm_alloc_assert_locked(a);
	/* Front of freepools: reused first, while its class is still set. */
	pool->nextpool = ao->freepools;
	pool->prevpool = NULL;
	ao->freepools = pool;

	/* If ao was the last arena with nf free pools, that finger moves left. */
	lastnf = a->nfp2lasta[nf];
	if (lastnf == ao) {
		struct pymm_arena *p = ao->prevarena;

		a->nfp2lasta[nf] = (p && p->nfreepools == nf) ? p : NULL;
	}
	ao->nfreepools = ++nf;

	/* Entirely empty: kept, sorted like any other, until trim. */
	if (nf == ao->ntotalpools) {
		a->arenas_empty++;
		a->arenas_emptied++;
	}

	if (nf == 1) {
		/* Was full, so on no list; one free pool: it goes first. */
		ao->prevarena = NULL;
		ao->nextarena = a->usable_arenas;
		if (a->usable_arenas)
			a->usable_arenas->prevarena = ao;
		a->usable_arenas = ao;
		if (!a->nfp2lasta[1])
			a->nfp2lasta[1] = ao;
		return;
	}

	if (!a->nfp2lasta[nf])
		a->nfp2lasta[nf] = ao;
	/* Already the last with its old count: still in order. */
	if (ao == lastnf)
		return;

	/*
	 * Arenas to ao's right up to lastnf had nf - 1 free pools, fewer than
	 * ao now has: move ao right after lastnf.
	 */
	if (ao->prevarena)
		ao->prevarena->nextarena = ao->nextarena;
	else
		a->usable_arenas = ao->nextarena;
	ao->nextarena->prevarena = ao->prevarena;

	ao->prevarena = lastnf;
	ao->nextarena = lastnf->nextarena;
	if (ao->nextarena)
		ao->nextarena->prevarena = ao;
	lastnf->nextarena = ao;
}

/* ao is on usable_arenas: take it off, moving its finger left. */
static void usable_unlink(struct pymm_alloc *a, struct pymm_arena *ao)
{
	struct pymm_arena *prev = ao->prevarena;
	u32 nf = ao->nfreepools;

	if (a->nfp2lasta[nf] == ao)
		a->nfp2lasta[nf] = (prev && prev->nfreepools == nf) ? prev : NULL;
	if (prev)
		prev->nextarena = ao->nextarena;
	else
		a->usable_arenas = ao->nextarena;
	if (ao->nextarena)
		ao->nextarena->prevarena = prev;
	ao->nextarena = NULL;
	ao->prevarena = NULL;
}

u64 pymm_alloc_trim_keep(struct pymm_alloc *a, u32 keep)
{
	struct pymm_arena *ao, *prev;
	u64 n = 0;
	u32 nf;

	pymm_alloc_assert_locked(a);
	if (a->arenas_empty <= keep)
		return 0;
	/*
	 * Empty arenas have slots or slots - 1 free pools and sort last: walk
	 * back from the tail (the finger of the highest count) and stop at
	 * the first arena with fewer, so a heap with many arenas pays only
	 * for the ones that can be empty.
	 */
	for (nf = a->slots; nf && !a->nfp2lasta[nf]; nf--)
		;
	for (ao = a->nfp2lasta[nf]; ao && a->arenas_empty > keep; ao = prev) {
		prev = ao->prevarena;
		if (ao->nfreepools + 1 < a->slots)
			break;
		if (ao->nfreepools != ao->ntotalpools)
			continue;
		usable_unlink(a, ao);
		a->arenas_empty--;
		arena_release(a, ao);
		n++;
	}
	return n;
}

u64 pymm_alloc_trim(struct pymm_alloc *a)
{
	return pymm_alloc_trim_keep(a, 0);
}

u64 pymm_alloc_trim_spares(struct pymm_alloc *a)
{
	return pymm_alloc_trim_keep(a, a->arena_size >= PYMM_SPARE_BYTES ? 1 :
				    PYMM_SPARE_BYTES / a->arena_size);
}

/* ------------------------------------------------------- large blocks */

void *pymm_large_alloc(struct pymm_alloc *a, size_t n)
{
	struct pymm_large *h;

	pymm_alloc_assert_locked(a);
	if (n > PYMM_LARGE_MAX) {
		a->last_error = -ENOMEM;
		return NULL;
	}
	h = host_take(a, sizeof(*h) + n, false);
	if (!h)
		return NULL;
	h->serial = ++a->large_serial;
	h->size = n;
	h->prev = NULL;
	h->next = a->large;
	if (a->large)
		a->large->prev = h;
	a->large = h;

	a->large_blocks++;
	a->large_bytes += n;
	a->bytes_metadata += sizeof(*h);
	a->mallocs++;
	return h + 1;
}

void pymm_large_free(struct pymm_alloc *a, void *p, size_t n)
{
	struct pymm_large *h = (struct pymm_large *)p - 1;

	pymm_alloc_assert_locked(a);
	if (unlikely(h->size != n)) {
		a->bad_frees++;
		pymm_plat_log_rl(PYMM_LOG_ERR, "free of a %llu-byte block as %zu bytes refused",
				 (unsigned long long)h->size, n);
		return;
	}
	if (h->prev)
		h->prev->next = h->next;
	else
		a->large = h->next;
	if (h->next)
		h->next->prev = h->prev;

	a->large_blocks--;
	a->large_bytes -= n;
	a->bytes_metadata -= sizeof(*h);
	host_give(a, h, sizeof(*h) + n, false);
}

bool pymm_large_is_live(const struct pymm_alloc *a, const void *p)
{
	const struct pymm_large *h;
	u64 n = 0;

	/* A walk, debug mode only: the pointer is not dereferenced until found. */
	for (h = a->large; h; h = h->next) {
		if (h + 1 == p)
			return true;
		if (!(++n & 1023))
			pymm_plat_resched();
	}
	return false;
}

const struct pymm_arena *pymm_arena_of(const struct pymm_alloc *a, const void *p)
{
	const u8 *b = p;
	u32 i;

	for (i = 0; i < a->maxarenas; i++) {
		const struct pymm_arena *ao = &a->arenas[i];

		if (ao->base && b >= ao->base && b < ao->base + a->arena_size)
			return ao;
	}
	return NULL;
}

u64 pymm_large_id(const void *p)
{
	const struct pymm_large *h = (const struct pymm_large *)p - 1;

	return (PYMM_ID_TAG_LARGE << PYMM_ID_TAG_SHIFT) | h->serial;
}

/* ---------------------------------------------------------- lifecycle */

int pymm_alloc_init(struct pymm_alloc *a, unsigned int arena_shift,
		    unsigned int pool_shift, u64 limit)
{
	if (pool_shift < PYMM_POOL_SHIFT_MIN || pool_shift > PYMM_POOL_SHIFT_MAX)
		return -EINVAL;
	if (arena_shift < pool_shift + 2 || arena_shift > pool_shift + 6)
		return -EINVAL;
	_Static_assert(PYMM_MIN_POOLS_PER_ARENA == 1 << 2, "arena_shift - pool_shift >= 2");
	_Static_assert(PYMM_MAX_POOLS_PER_ARENA == 1 << 6, "arena_shift - pool_shift <= 6");

	memset(a, 0, sizeof(*a));
	a->arena_shift = arena_shift;
	a->pool_shift = pool_shift;
	a->arena_size = 1u << arena_shift;
	a->pool_size = 1u << pool_shift;
	a->slots = 1u << (arena_shift - pool_shift);
	a->limit = limit;
	a->fast_max = PYMM_SMALL_REQUEST_THRESHOLD;
	return 0;
}

u64 pymm_alloc_destroy(struct pymm_alloc *a)
{
	/* Quarantined blocks were reported when found; they are not leaks. */
	u64 leaks = pymm_alloc_small_live(a) + a->large_blocks - a->debug_quarantined;
	struct pymm_mutex *lock = a->lock;
	const char *name = a->name;
	u32 flags = a->flags;
	struct pymm_large *h, *next;
	u32 i;

	pymm_alloc_assert_locked(a);
	for (i = 0; i < a->maxarenas; i++) {
		if (a->arenas[i].base)
			host_give(a, a->arenas[i].base, a->arena_size, true);
		pymm_plat_resched();
	}
	for (h = a->large; h; h = next) {
		next = h->next;
		host_give(a, h, sizeof(*h) + h->size, false);
	}
	if (a->arenas)
		host_give(a, a->arenas, (size_t)a->maxarenas * sizeof(*a->arenas), false);

	/* Leave an empty allocator: a second destroy finds nothing. */
	pymm_alloc_init(a, a->arena_shift, a->pool_shift, a->limit);
	a->lock = lock;
	pymm_alloc_set_debug(a, flags & PYMM_ALLOC_F_DEBUG, name);	/* empty: cannot fail */
	return leaks;
}

int pymm_alloc_set_debug(struct pymm_alloc *a, bool on, const char *name)
{
	/*
	 * Blocks handed out in one mode cannot be freed in the other, and an
	 * arena carved without poison would fail the reuse check: switch only
	 * while empty (no block, hence no arena once trimmed).
	 */
	pymm_alloc_trim(a);
	if (pymm_alloc_small_live(a) || a->large_blocks || a->arenas_current)
		return -EBUSY;
	if (on)
		a->flags |= PYMM_ALLOC_F_DEBUG;
	else
		a->flags &= ~PYMM_ALLOC_F_DEBUG;
	a->fast_max = on ? 0 : PYMM_SMALL_REQUEST_THRESHOLD;
	a->name = name;
	return 0;
}

void pymm_alloc_set_limit(struct pymm_alloc *a, u64 limit)
{
	a->limit = limit;
}

/* -------------------------------------------------------------- stats */

void pymm_alloc_stats(const struct pymm_alloc *a, struct pymm_alloc_stats *st,
		      struct pymm_class_stats cls[PYMM_NB_SIZE_CLASSES])
{
	u64 used_pools = 0;
	u32 c;

	memset(st, 0, sizeof(*st));
	st->arena_size = a->arena_size;
	st->pool_size = a->pool_size;
	st->size_classes = PYMM_NB_SIZE_CLASSES;
	st->small_threshold = PYMM_SMALL_REQUEST_THRESHOLD;
	st->arenas_allocated = a->arenas_allocated;
	st->arenas_reclaimed = a->arenas_reclaimed;
	st->arenas_highwater = a->arenas_highwater;
	st->arenas_current = a->arenas_current;

	for (c = 0; c < PYMM_NB_SIZE_CLASSES; c++) {
		u64 size = pymm_class_size(c);
		u64 nblocks = pymm_pool_nblocks(a, c);
		u64 pools = a->class_pools[c];
		u64 inuse = a->class_blocks[c];

		st->bytes_in_use += inuse * size;
		st->bytes_free_blocks += (pools * nblocks - inuse) * size;
		st->bytes_quantization += pools * (a->pool_size - PYMM_POOL_OVERHEAD - nblocks * size);
		used_pools += pools;
		if (cls) {
			cls[c].index = c;
			cls[c].block_size = (u32)size;
			cls[c].pools = pools;
			cls[c].blocks_in_use = inuse;
			cls[c].blocks_free = pools * nblocks - inuse;
		}
	}
	st->bytes_pool_headers = used_pools * PYMM_POOL_OVERHEAD;
	st->bytes_unused_pools = (a->arenas_current * a->slots - a->arenas_misaligned -
				  used_pools) * a->pool_size;
	st->bytes_arena_alignment = a->arenas_misaligned * a->pool_size;

	st->large_blocks = a->large_blocks;
	st->large_bytes = a->large_bytes;
	st->blocks_allocated = pymm_alloc_small_live(a);
	st->mallocs = a->mallocs;
	st->frees = a->mallocs - st->blocks_allocated - a->large_blocks;
	st->quota = a->limit;
	st->bytes_held = a->bytes_held;
	st->quota_refusals = a->quota_refusals;
	st->bytes_metadata = a->bytes_metadata;
	st->bad_frees = a->bad_frees;
	st->debug_reports = a->debug_reports;
	st->debug_quarantined = a->debug_quarantined;
}

u32 pymm_alloc_arena_count(const struct pymm_alloc *a)
{
	return (u32)a->arenas_current;
}

/* First usable pool of an arena: its base rounded up to a pool boundary. */
static u8 *arena_first_pool(const struct pymm_alloc *a, const struct pymm_arena *ao)
{
	unsigned long mask = (unsigned long)a->pool_size - 1;

	return (u8 *)(((unsigned long)ao->base + mask) & ~mask);
}

int pymm_alloc_arena_info(const struct pymm_alloc *a, u32 idx,
			  struct pymm_arena_info *info)
{
	const struct pymm_arena *ao = NULL;
	const u8 *p;
	u32 i, slot;

	for (i = 0; i < a->maxarenas; i++) {
		if (a->arenas[i].base && idx-- == 0) {
			ao = &a->arenas[i];
			break;
		}
	}
	if (!ao)
		return -ENOENT;

	memset(info, 0, sizeof(*info));
	info->serial = i;
	info->pools_total = ao->ntotalpools;
	info->pools_free = ao->nfreepools;
	for (slot = 0; slot < ARRAY_SIZE(info->pool_class); slot++)
		info->pool_class[slot] = slot < a->slots ? PYMM_POOL_CLASS_EMPTY
							 : PYMM_POOL_CLASS_UNUSABLE;
	if (ao->ntotalpools != a->slots)
		info->pool_class[0] = PYMM_POOL_CLASS_UNUSABLE;

	/* Carved pools; virgin ones stay empty. */
	for (p = arena_first_pool(a, ao); p < ao->pool_address; p += a->pool_size) {
		const struct pymm_pool *pool = (const struct pymm_pool *)p;

		slot = pymm_pool_slot(a, ao, pool);
		if (pool->count && slot < ARRAY_SIZE(info->pool_class)) {
			info->pool_class[slot] = (u8)pool->szidx;
			info->pool_used[slot] = (u16)pool->count;
		}
	}
	return 0;
}

/* ------------------------------------------------------------- verify */


/* What the walk finds, to compare with the counters. */
struct recount {
	u64 arenas;
	u64 misaligned;
	u64 usable;			/* arenas with a free pool */
	u64 empty;			/* arenas with no pool in use */
	u64 class_pools[PYMM_NB_SIZE_CLASSES];
	u64 class_blocks[PYMM_NB_SIZE_CLASSES];
	u64 ring_pools[PYMM_NB_SIZE_CLASSES];	/* used, not full */
};

static int verify_arena(const struct pymm_alloc *a, u32 idx, struct recount *rc,
			const char **why)
{
	const struct pymm_arena *ao = &a->arenas[idx];
	const u8 *first = arena_first_pool(a, ao);
	const struct pymm_pool *pool;
	u32 carved, empty = 0, listed = 0;
	const u8 *p;

	rc->arenas++;
	if (ao->ntotalpools != a->slots) {
		rc->misaligned++;
		if (ao->ntotalpools != a->slots - 1 || first == ao->base)
			return pymm_alloc_fault(why, "ntotalpools does not match the alignment");
	} else if (first != ao->base) {
		return pymm_alloc_fault(why, "misaligned arena has every slot");
	}
	if (ao->pool_address < first ||
	    ao->pool_address > first + (size_t)ao->ntotalpools * a->pool_size ||
	    (ao->pool_address - first) % a->pool_size)
		return pymm_alloc_fault(why, "pool_address out of the arena");
	carved = (u32)((ao->pool_address - first) >> a->pool_shift);

	for (p = first; p < ao->pool_address; p += a->pool_size) {
		u32 freelen;
		int err;

		pool = (const struct pymm_pool *)p;
		if (pool->arenaindex != idx)
			return pymm_alloc_fault(why, "pool names another arena");
		if (pool->szidx >= PYMM_NB_SIZE_CLASSES)
			return pymm_alloc_fault(why, "carved pool has no size class");
		err = pymm_pool_verify(a, pool, &freelen, why);
		if (err)
			return err;
		if (!pool->count) {
			empty++;
			continue;
		}
		rc->class_pools[pool->szidx]++;
		rc->class_blocks[pool->szidx] += pool->count;
		if (pool->freeblock)
			rc->ring_pools[pool->szidx]++;
	}

	/* freepools: only this arena's empty carved pools, each once */
	for (pool = ao->freepools; pool; pool = pool->nextpool) {
		p = (const u8 *)pool;
		if (++listed > empty)
			return pymm_alloc_fault(why, "freepools longer than the empty pools");
		if (p < first || p >= ao->pool_address || (p - first) % a->pool_size)
			return pymm_alloc_fault(why, "freepools entry outside the carved pools");
		if (pool->count)
			return pymm_alloc_fault(why, "freepools entry in use");
	}
	if (listed != empty)
		return pymm_alloc_fault(why, "empty pool missing from freepools");
	if (ao->nfreepools != ao->ntotalpools - carved + empty)
		return pymm_alloc_fault(why, "nfreepools differs from the walk");
	if (ao->nfreepools > ao->ntotalpools)
		return pymm_alloc_fault(why, "nfreepools above the arena's pools");
	if (ao->nfreepools == ao->ntotalpools)
		rc->empty++;
	if (ao->nfreepools)
		rc->usable++;
	return 0;
}

static int verify_lists(const struct pymm_alloc *a, const struct recount *rc, const char **why)
{
	const struct pymm_arena *last[PYMM_MAX_POOLS_PER_ARENA + 1] = { NULL };
	const struct pymm_arena *ao, *prev = NULL;
	const struct pymm_pool *pool;
	u64 n = 0;
	u32 c, k;

	for (ao = a->usable_arenas; ao; prev = ao, ao = ao->nextarena) {
		if (++n > rc->usable)
			return pymm_alloc_fault(why, "usable_arenas longer than the arenas with free pools");
		if (ao < a->arenas || ao >= a->arenas + a->maxarenas || !ao->base)
			return pymm_alloc_fault(why, "usable_arenas holds a dead entry");
		if (ao->prevarena != prev)
			return pymm_alloc_fault(why, "usable_arenas prevarena broken");
		if (!ao->nfreepools)
			return pymm_alloc_fault(why, "full arena on usable_arenas");
		if (prev && prev->nfreepools > ao->nfreepools)
			return pymm_alloc_fault(why, "usable_arenas not sorted by free pools");
		last[ao->nfreepools] = ao;
	}
	if (n != rc->usable)
		return pymm_alloc_fault(why, "arena with free pools missing from usable_arenas");
	for (k = 0; k <= PYMM_MAX_POOLS_PER_ARENA; k++)
		if (a->nfp2lasta[k] != last[k])
			return pymm_alloc_fault(why, "nfp2lasta finger wrong");

	for (c = 0; c < PYMM_NB_SIZE_CLASSES; c++) {
		const struct pymm_pool *prev = NULL;

		n = 0;
		for (pool = a->usedpools[c]; pool; prev = pool, pool = pool->nextpool) {
			if (++n > rc->ring_pools[c])
				return pymm_alloc_fault(why, "usedpools list longer than the used pools");
			if (pool->szidx != c || !pool->count || !pool->freeblock)
				return pymm_alloc_fault(why, "usedpools list holds a wrong pool");
			if (pool->prevpool != prev)
				return pymm_alloc_fault(why, "usedpools list links broken");
		}
		if (n != rc->ring_pools[c])
			return pymm_alloc_fault(why, "used pool missing from usedpools");
	}

	n = 0;
	for (ao = a->unused_arena_objects; ao; ao = ao->nextarena) {
		if (++n > a->maxarenas - rc->arenas)
			return pymm_alloc_fault(why, "unused arena list too long");
		if (ao < a->arenas || ao >= a->arenas + a->maxarenas || ao->base)
			return pymm_alloc_fault(why, "unused arena list holds a live entry");
	}
	if (n != a->maxarenas - rc->arenas)
		return pymm_alloc_fault(why, "unused arena entry lost");
	return 0;
}

static int verify_counts(const struct pymm_alloc *a, const struct recount *rc, const char **why)
{
	const struct pymm_large *h, *prev = NULL;
	u64 blocks = 0, nlarge = 0, large_bytes = 0;
	u32 c;

	for (c = 0; c < PYMM_NB_SIZE_CLASSES; c++) {
		if (a->class_pools[c] != rc->class_pools[c])
			return pymm_alloc_fault(why, "class pool count differs from the walk");
		if (a->class_blocks[c] != rc->class_blocks[c])
			return pymm_alloc_fault(why, "class block count differs from the walk");
		blocks += rc->class_blocks[c];
	}
	if (a->arenas_current != rc->arenas || a->arenas_misaligned != rc->misaligned)
		return pymm_alloc_fault(why, "arena count differs from the walk");
	if (a->arenas_empty != rc->empty)
		return pymm_alloc_fault(why, "empty arena not counted (or counted and gone)");
	if (a->arenas_allocated - a->arenas_reclaimed != a->arenas_current ||
	    a->arenas_highwater < a->arenas_current)
		return pymm_alloc_fault(why, "arena counters inconsistent");

	for (h = a->large; h; prev = h, h = h->next) {
		if (++nlarge > a->large_blocks)
			return pymm_alloc_fault(why, "large list longer than large_blocks");
		if (h->prev != prev || !h->serial || h->serial > a->large_serial ||
		    h->size <= PYMM_SMALL_REQUEST_THRESHOLD ||
		    ((unsigned long)(h + 1) & (PYMM_ALIGNMENT - 1)))
			return pymm_alloc_fault(why, "large block header corrupt");
		large_bytes += h->size;
	}
	if (nlarge != a->large_blocks || large_bytes != a->large_bytes)
		return pymm_alloc_fault(why, "large blocks differ from the list");
	if (a->bytes_metadata != (u64)a->maxarenas * sizeof(struct pymm_arena) +
				 nlarge * sizeof(struct pymm_large))
		return pymm_alloc_fault(why, "bytes_metadata differs from the walk");
	if (a->bytes_held != a->arenas_current * a->arena_size + large_bytes + a->bytes_metadata)
		return pymm_alloc_fault(why, "bytes_held differs from the walk");
	if (a->mallocs < blocks + nlarge)
		return pymm_alloc_fault(why, "fewer mallocs than live blocks");
	return 0;
}

int pymm_alloc_verify(const struct pymm_alloc *a)
{
	struct recount rc;
	const char *why = NULL;
	u32 i = 0;
	int err = 0;

	if (a->pool_size != 1u << a->pool_shift || a->arena_size != 1u << a->arena_shift ||
	    a->slots != a->arena_size / a->pool_size || a->slots > PYMM_MAX_POOLS_PER_ARENA ||
	    a->slots < PYMM_MIN_POOLS_PER_ARENA) {
		why = "geometry";
		err = -EUCLEAN;
		goto out;
	}
	memset(&rc, 0, sizeof(rc));
	for (i = 0; i < a->maxarenas; i++) {
		if (a->arenas[i].base) {
			err = verify_arena(a, i, &rc, &why);
			if (err)
				goto out;
		}
		pymm_plat_resched();
	}
	i = U32_MAX;
	err = verify_lists(a, &rc, &why);
	if (!err)
		err = verify_counts(a, &rc, &why);
out:
	if (err) {
		if (i < a->maxarenas)
			pymm_plat_log_rl(PYMM_LOG_ERR, "allocator verify: %s (arena %u)", why, i);
		else
			pymm_plat_log_rl(PYMM_LOG_ERR, "allocator verify: %s", why);
	}
	return err;
}
