// SPDX-License-Identifier: GPL-2.0
/*
 * test_alloc.c - the size-class allocator against a model.
 *
 * The model keeps every live block (pointer, size, ID, fill pattern) plus a
 * map of the 16-byte granules they cover, so that a block handed out twice,
 * or overlapping another, is caught the moment it is returned.  Figures
 * from pymm_alloc_stats() are compared with counts made from the model (not
 * from the allocator's own counters), including the number of arenas:
 * arenas that empty are kept until pymm_alloc_trim() (the end of an
 * operation in the module), so arenas_current is the number of distinct
 * arenas holding a live block plus the empty ones, and right after a trim
 * exactly the former, which catches an arena kept after it emptied.  Every
 * phase ends the way an operation does: verify, trim, check, verify.
 *
 * UNIT_QUICK=1 (set by unit-valgrind) cuts the iteration counts by 10.
 */
#include "core/alloc.h"
#include "unit_test.h"

#include <stdlib.h>

static unsigned int quick = 1;	/* divisor for iteration counts */

/* ------------------------------------------------ u64 -> u64 hash map */

/* Open addressing, linear probing, backward-shift deletion; key 0 = empty. */
struct map {
	u64 *keys;
	u64 *vals;
	size_t cap;
	size_t n;
};

static size_t map_hash(const struct map *m, u64 k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (size_t)k & (m->cap - 1);
}

static void map_init(struct map *m, size_t cap)
{
	m->cap = cap;
	m->n = 0;
	m->keys = calloc(cap, sizeof(u64));
	m->vals = calloc(cap, sizeof(u64));
}

static void map_free(struct map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

static size_t map_slot(const struct map *m, u64 k)
{
	size_t i = map_hash(m, k);

	while (m->keys[i] && m->keys[i] != k)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static bool map_get(const struct map *m, u64 k, u64 *val)
{
	size_t i = map_slot(m, k);

	if (!m->keys[i])
		return false;
	if (val)
		*val = m->vals[i];
	return true;
}

static void map_put(struct map *m, u64 k, u64 v);

static void map_grow(struct map *m)
{
	struct map old = *m;
	size_t i;

	map_init(m, old.cap * 2);
	for (i = 0; i < old.cap; i++)
		if (old.keys[i])
			map_put(m, old.keys[i], old.vals[i]);
	map_free(&old);
}

static void map_put(struct map *m, u64 k, u64 v)
{
	size_t i;

	if (2 * (m->n + 1) > m->cap)
		map_grow(m);
	i = map_slot(m, k);
	if (!m->keys[i])
		m->n++;
	m->keys[i] = k;
	m->vals[i] = v;
}

static bool map_del(struct map *m, u64 k)
{
	size_t i = map_slot(m, k), j, h;

	if (!m->keys[i])
		return false;
	m->keys[i] = 0;
	m->n--;
	/* Pull later members of the probe run back over the hole. */
	for (j = (i + 1) & (m->cap - 1); m->keys[j]; j = (j + 1) & (m->cap - 1)) {
		h = map_hash(m, m->keys[j]);
		if ((j > i && (h <= i || h > j)) || (j < i && h <= i && h > j)) {
			m->keys[i] = m->keys[j];
			m->vals[i] = m->vals[j];
			m->keys[j] = 0;
			i = j;
		}
	}
	return true;
}

/* ------------------------------------------------------------ the model */

struct live {
	u8 *p;
	size_t n;
	u64 id;
	u64 seq;
};

struct model {
	struct pymm_alloc *a;
	struct live *v;
	size_t count, cap;
	u64 seq;
	struct map granules;		/* granule address -> seq of its owner */
	struct map ids;			/* live ID -> seq */
	u64 class_blocks[PYMM_NB_SIZE_CLASSES];
	u64 large_blocks, large_bytes;
	u64 mallocs, frees;
	u64 failed;			/* NULL returns seen */
};

static void model_init(struct model *m, struct pymm_alloc *a)
{
	memset(m, 0, sizeof(*m));
	m->a = a;
	map_init(&m->granules, 1 << 12);
	map_init(&m->ids, 1 << 10);
}

static void model_fini(struct model *m)
{
	free(m->v);
	map_free(&m->granules);
	map_free(&m->ids);
}

static size_t round16(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

static u8 pattern(u64 seq, u64 id, size_t i)
{
	u64 x = (seq * 0x9e3779b97f4a7c15ULL) ^ id ^ (i * 0x100000001b3ULL);

	return (u8)(x ^ (x >> 29) ^ (x >> 47));
}

/* Where a small block must be: in a live arena, in a pool of its class. */
static void check_placement(struct model *m, const u8 *p, size_t n, u64 id)
{
	const struct pymm_alloc *a = m->a;
	u32 c = (u32)((n - 1) >> 4);
	const struct pymm_pool *pool = pymm_pool_of(a, p);
	const struct pymm_arena *ao;
	size_t off = (size_t)(p - (const u8 *)pool);

	CHECK_EQ(pool->szidx, c);
	CHECK(off >= PYMM_POOL_OVERHEAD);
	CHECK_EQ((off - PYMM_POOL_OVERHEAD) % pymm_class_size(c), 0);
	CHECK(off + pymm_class_size(c) <= a->pool_size);
	if (!CHECK(pool->arenaindex < a->maxarenas))
		return;
	ao = &a->arenas[pool->arenaindex];
	CHECK(ao->base != NULL);
	CHECK((const u8 *)pool >= ao->base);
	CHECK((const u8 *)pool + a->pool_size <= ao->base + a->arena_size);

	CHECK(!pymm_id_is_large(id));
	CHECK_EQ(id >> PYMM_ID_TAG_SHIFT, PYMM_ID_TAG_SMALL);
	CHECK_EQ(pymm_id_arena(id), pool->arenaindex);
	CHECK_EQ(pymm_id_pool(id), pymm_pool_slot(a, ao, pool));
	CHECK(pymm_id_pool(id) < a->slots);
	CHECK_EQ(pymm_id_block(id), (off - PYMM_POOL_OVERHEAD) / pymm_class_size(c));
}

static void *model_malloc(struct model *m, size_t n)
{
	u8 *p = pymm_malloc(m->a, n);
	struct live *l;
	u64 id, owner, g;
	size_t i, len;

	if (!p) {
		m->failed++;
		return NULL;
	}
	CHECK_EQ((unsigned long)p & 15, 0);
	id = pymm_alloc_id(m->a, p, n);
	CHECK_NE(id, 0);
	CHECK_NE(id, (u64)(unsigned long)p);
	if (n <= PYMM_SMALL_REQUEST_THRESHOLD) {
		check_placement(m, p, n, id);
		m->class_blocks[(n - 1) >> 4]++;
		len = round16(n);
	} else {
		CHECK(pymm_id_is_large(id));
		m->large_blocks++;
		m->large_bytes += n;
		len = round16(n);
	}
	m->mallocs++;
	m->seq++;

	/* Never the same ID twice among live blocks. */
	if (!CHECK(!map_get(&m->ids, id, &owner)))
		fprintf(stderr, "  ID %#llx of %p already held by seq %llu\n",
			(unsigned long long)id, (void *)p, (unsigned long long)owner);
	map_put(&m->ids, id, m->seq);

	/* No granule of it may belong to another live block. */
	for (g = (u64)(unsigned long)p; g < (u64)(unsigned long)(p + len); g += 16) {
		if (!CHECK(!map_get(&m->granules, g, &owner))) {
			fprintf(stderr, "  block %p (+%zu) overlaps seq %llu\n", (void *)p, n,
				(unsigned long long)owner);
			break;
		}
		map_put(&m->granules, g, m->seq);
	}

	for (i = 0; i < n; i++)
		p[i] = pattern(m->seq, id, i);

	if (m->count == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 256;
		m->v = realloc(m->v, m->cap * sizeof(*m->v));
	}
	l = &m->v[m->count++];
	l->p = p;
	l->n = n;
	l->id = id;
	l->seq = m->seq;
	return p;
}

static void model_free_at(struct model *m, size_t idx)
{
	struct live l = m->v[idx];
	size_t i, bad = 0;
	u64 g;

	for (i = 0; i < l.n; i++)
		bad += l.p[i] != pattern(l.seq, l.id, i);
	if (!CHECK_EQ(bad, 0))
		fprintf(stderr, "  block %p (%zu bytes, seq %llu) corrupted\n", (void *)l.p, l.n,
			(unsigned long long)l.seq);
	CHECK_EQ(pymm_alloc_id(m->a, l.p, l.n), l.id);	/* stable while live */

	for (g = (u64)(unsigned long)l.p; g < (u64)(unsigned long)(l.p + round16(l.n)); g += 16)
		map_del(&m->granules, g);
	map_del(&m->ids, l.id);

	pymm_free(m->a, l.p, l.n);
	if (l.n <= PYMM_SMALL_REQUEST_THRESHOLD) {
		m->class_blocks[(l.n - 1) >> 4]--;
	} else {
		m->large_blocks--;
		m->large_bytes -= l.n;
	}
	m->frees++;
	m->v[idx] = m->v[--m->count];
}

static void model_free_all(struct model *m, u64 *rng)
{
	while (m->count)
		model_free_at(m, (size_t)unit_range(rng, 0, m->count - 1));
}

/* Every figure of the snapshot, from the model's own counts. */
static void check_stats(struct model *m)
{
	const struct pymm_alloc *a = m->a;
	struct pymm_alloc_stats st;
	struct pymm_class_stats cls[PYMM_NB_SIZE_CLASSES];
	u64 pools[PYMM_NB_SIZE_CLASSES] = { 0 };
	u64 bytes_in_use = 0, blocks = 0, arenas = 0;
	struct map seen;
	bool *arena_seen;
	size_t i;
	u32 c;

	pymm_alloc_stats(a, &st, cls);

	/* distinct pools per class, distinct arenas, from the live blocks */
	map_init(&seen, 1 << 10);
	arena_seen = calloc(a->maxarenas + 1, 1);
	for (i = 0; i < m->count; i++) {
		const struct pymm_pool *pool;

		if (m->v[i].n > PYMM_SMALL_REQUEST_THRESHOLD)
			continue;
		pool = pymm_pool_of(a, m->v[i].p);
		if (!map_get(&seen, (u64)(unsigned long)pool, NULL)) {
			map_put(&seen, (u64)(unsigned long)pool, 1);
			pools[(m->v[i].n - 1) >> 4]++;
		}
		if (pool->arenaindex < a->maxarenas && !arena_seen[pool->arenaindex]) {
			arena_seen[pool->arenaindex] = true;
			arenas++;
		}
	}
	map_free(&seen);
	free(arena_seen);

	for (c = 0; c < PYMM_NB_SIZE_CLASSES; c++) {
		u64 size = (c + 1) * 16, nblocks = (a->pool_size - 48) / size;

		CHECK_EQ(cls[c].index, c);
		CHECK_EQ(cls[c].block_size, size);
		CHECK_EQ(cls[c].blocks_in_use, m->class_blocks[c]);
		CHECK_EQ(cls[c].pools, pools[c]);
		CHECK_EQ(cls[c].blocks_free, pools[c] * nblocks - m->class_blocks[c]);
		bytes_in_use += m->class_blocks[c] * size;
		blocks += m->class_blocks[c];
	}
	CHECK_EQ(st.arena_size, a->arena_size);
	CHECK_EQ(st.pool_size, a->pool_size);
	CHECK_EQ(st.size_classes, 32);
	CHECK_EQ(st.small_threshold, 512);
	CHECK_EQ(st.bytes_in_use, bytes_in_use);
	CHECK_EQ(st.blocks_allocated, blocks);
	CHECK_EQ(st.large_blocks, m->large_blocks);
	CHECK_EQ(st.large_bytes, m->large_bytes);
	CHECK_EQ(st.mallocs, m->mallocs);
	CHECK_EQ(st.frees, m->frees);
	/* arenas with a live block, plus the empty ones kept until trim */
	CHECK_EQ(st.arenas_current, arenas + a->arenas_empty);
	CHECK_EQ(st.arenas_allocated - st.arenas_reclaimed, st.arenas_current);
	CHECK(st.arenas_highwater >= st.arenas_current);
	CHECK_EQ(st.bytes_in_use + st.bytes_free_blocks + st.bytes_unused_pools +
		 st.bytes_pool_headers + st.bytes_quantization + st.bytes_arena_alignment,
		 st.arenas_current * st.arena_size);
	CHECK_EQ(st.bytes_held, st.arenas_current * st.arena_size + st.large_bytes +
		 st.bytes_metadata);
	CHECK_EQ(st.bytes_held, pymm_user_charged());	/* one heap at a time here */
	CHECK_EQ(pymm_alloc_arena_count(a), st.arenas_current);
	CHECK_EQ(m->ids.n, m->count);
}

/* Where an operation would end: empty arenas go back, none may remain. */
static void check_phase(struct model *m, const char *what)
{
	u64 empty = m->a->arenas_empty;

	check_stats(m);
	if (!CHECK_EQ(pymm_alloc_verify(m->a), 0))
		fprintf(stderr, "  after %s (before trim)\n", what);
	CHECK_EQ(pymm_alloc_trim(m->a), empty);
	CHECK_EQ(m->a->arenas_empty, 0);
	check_stats(m);
	if (!CHECK_EQ(pymm_alloc_verify(m->a), 0))
		fprintf(stderr, "  after %s\n", what);
}

/* A request size: mostly small, all classes and their edges, some large. */
static size_t random_size(u64 *rng, u32 hot)
{
	u64 r = unit_range(rng, 0, 99);

	if (r < 40)		/* a few hot classes fill pools to the brim */
		return (size_t)((hot + unit_range(rng, 0, 2)) % 32) * 16 + unit_range(rng, 1, 16);
	if (r < 80)
		return (size_t)unit_range(rng, 1, 512);
	if (r < 90)		/* class edges */
		return (size_t)unit_range(rng, 0, 31) * 16 + (r & 1 ? 1 : 16);
	if (r < 99)
		return (size_t)unit_range(rng, 513, 8192);
	return (size_t)unit_range(rng, 8193, 200000);
}

/* ---------------------------------------------------------------- tests */

static u64 ops_count(u64 n)
{
	return n / quick;
}

static void random_run(unsigned int arena_shift, unsigned int pool_shift, u64 seed,
		       u64 ops, size_t maxlive)
{
	struct pymm_alloc a;
	struct model m;
	u64 rng = seed, i;
	bool growing = true;
	u32 hot = 0;

	NOTE("random: arena 2^%u, pool 2^%u, seed %llu, %llu ops", arena_shift, pool_shift,
	     (unsigned long long)seed, (unsigned long long)ops);
	if (!CHECK_EQ(pymm_alloc_init(&a, arena_shift, pool_shift, 0), 0))
		return;
	model_init(&m, &a);

	for (i = 1; i <= ops; i++) {
		/*
		 * Swing between a full heap and a nearly empty one, so arenas
		 * fill, fragment, drain and go back; at the top, churn.
		 */
		if (i % (2 * maxlive) == 0) {
			growing = !growing;
			hot = (u32)unit_range(&rng, 0, 31);
		}
		if (m.count < maxlive &&
		    (m.count == 0 || unit_range(&rng, 0, 99) < (growing ? 85 : 15)))
			model_malloc(&m, random_size(&rng, hot));
		else
			model_free_at(&m, (size_t)unit_range(&rng, 0, m.count - 1));
		if (i % 1009 == 0)
			check_phase(&m, "random ops");
	}
	CHECK_EQ(m.failed, 0);
	check_phase(&m, "random run");
	NOTE("  arenas: %llu allocated, %llu reclaimed during the run, high-water %llu",
	     (unsigned long long)a.arenas_allocated, (unsigned long long)a.arenas_reclaimed,
	     (unsigned long long)a.arenas_highwater);
	if (quick == 1)		/* shrinking phases drained arenas, not just the end */
		CHECK(a.arenas_reclaimed > 0);

	model_free_all(&m, &rng);
	check_phase(&m, "freeing everything");
	{
		struct pymm_alloc_stats st;

		pymm_alloc_stats(&a, &st, NULL);
		CHECK_EQ(st.arenas_current, 0);
		CHECK_EQ(st.arenas_reclaimed, st.arenas_allocated);
		CHECK(st.arenas_allocated >= 1);
		CHECK_EQ(st.bytes_held, st.bytes_metadata);
		CHECK_EQ(pymm_user_arenas_live(), 0);
	}
	CHECK_EQ(pymm_alloc_destroy(&a), 0);
	CHECK_EQ(pymm_user_charged(), 0);
	CHECK_EQ(pymm_user_zallocs_live(), 0);
	model_fini(&m);
}

static void test_random_default(void)
{
	random_run(PYMM_ARENA_SHIFT_SMALL, PYMM_POOL_SHIFT_SMALL, unit_seed, ops_count(120000),
		   3000);
}

static void test_random_large_geometry(void)
{
	random_run(PYMM_ARENA_SHIFT_LARGE, PYMM_POOL_SHIFT_LARGE, unit_seed + 1,
		   ops_count(120000), 8000);
}

/* 16 KiB arenas of 4 pools: arenas come and go all the time. */
static void test_random_tiny_arenas(void)
{
	random_run(14, 12, unit_seed + 2, ops_count(80000), 1500);
}

/* 16 KiB pools in arenas that never start on a pool boundary. */
static void test_random_misaligned(void)
{
	pymm_user_set_arena_skew(4096);
	random_run(PYMM_ARENA_SHIFT_LARGE, PYMM_POOL_SHIFT_LARGE, unit_seed + 3,
		   ops_count(60000), 8000);
	pymm_user_set_arena_skew(-1);
}

static void test_geometry(void)
{
	struct pymm_alloc a;

	CHECK_EQ(PYMM_POOL_OVERHEAD, 48);
	CHECK_EQ(pymm_alloc_init(&a, 18, 11, 0), -EINVAL);
	CHECK_EQ(pymm_alloc_init(&a, 18, 17, 0), -EINVAL);
	CHECK_EQ(pymm_alloc_init(&a, 13, 12, 0), -EINVAL);	/* 2 pools */
	CHECK_EQ(pymm_alloc_init(&a, 23, 16, 0), -EINVAL);	/* 128 pools */
	CHECK_EQ(pymm_alloc_init(&a, 12, 18, 0), -EINVAL);
	CHECK_EQ(pymm_alloc_init(&a, 14, 12, 0), 0);
	CHECK_EQ(pymm_alloc_init(&a, 22, 16, 0), 0);
	CHECK_EQ(pymm_alloc_init(&a, 18, 12, 0), 0);
	CHECK_EQ(a.arena_size, 256 << 10);
	CHECK_EQ(a.slots, 64);
	/* init takes no memory; an unused allocator verifies and destroys */
	CHECK_EQ(pymm_user_charged(), 0);
	CHECK_EQ(pymm_alloc_verify(&a), 0);
	CHECK_EQ(pymm_alloc_destroy(&a), 0);
}

static void test_zero_and_null(void)
{
	struct pymm_alloc a;

	pymm_alloc_init(&a, 18, 12, 0);
	CHECK(pymm_malloc(&a, 0) == NULL);
	CHECK_EQ(a.last_error, -EINVAL);
	pymm_free(&a, NULL, 16);
	CHECK_EQ(pymm_alloc_id(&a, NULL, 16), 0);
	CHECK_EQ(pymm_alloc_verify(&a), 0);
	CHECK_EQ(pymm_alloc_destroy(&a), 0);
}

/* The seed's promise: a freed block is the next one of its class. */
static void test_same_class_reuse(void)
{
	struct pymm_alloc a;
	void *p, *q, *r, *p1, *p2, *p3;
	u32 c;

	pymm_alloc_init(&a, 18, 12, 0);
	for (c = 0; c < PYMM_NB_SIZE_CLASSES; c++) {
		p = pymm_malloc(&a, c * 16 + 16);
		q = pymm_malloc(&a, c * 16 + 16);
		CHECK(p && q && p != q);
		pymm_free(&a, p, c * 16 + 16);
		r = pymm_malloc(&a, c * 16 + 1);	/* another size, same class */
		CHECK(r == p);
		pymm_free(&a, q, c * 16 + 16);
		pymm_free(&a, r, c * 16 + 1);
	}
	/* LIFO */
	p1 = pymm_malloc(&a, 100);
	p2 = pymm_malloc(&a, 100);
	p3 = pymm_malloc(&a, 100);
	pymm_free(&a, p1, 100);
	pymm_free(&a, p3, 100);
	CHECK(pymm_malloc(&a, 112) == p3);
	CHECK(pymm_malloc(&a, 97) == p1);
	/* another class never gets it */
	pymm_free(&a, p1, 100);
	q = pymm_malloc(&a, 128);
	CHECK(q != p1);
	CHECK(pymm_malloc(&a, 100) == p1);
	pymm_free(&a, p1, 100);
	pymm_free(&a, p2, 100);
	pymm_free(&a, p3, 100);
	pymm_free(&a, q, 128);

	/* large blocks, too, go back to the host and verify */
	p = pymm_malloc(&a, 4000);
	CHECK(p != NULL);
	pymm_free(&a, p, 4000);
	CHECK_EQ(pymm_alloc_verify(&a), 0);
	CHECK_EQ(pymm_alloc_trim(&a), 1);
	CHECK_EQ(a.arenas_current, 0);
	CHECK_EQ(pymm_alloc_destroy(&a), 0);
}

/* Allocate class-c blocks until the heap holds `arenas` arenas. */
static void fill_arenas(struct model *m, size_t n, u64 arenas)
{
	while (m->a->arenas_current < arenas || m->a->usable_arenas)
		if (!CHECK(model_malloc(m, n)))
			return;
}

static void free_where(struct model *m, u32 arena, int pool_lo, int pool_hi)
{
	size_t i = 0;

	while (i < m->count) {
		u64 id = m->v[i].id;

		if (!pymm_id_is_large(id) && pymm_id_arena(id) == arena &&
		    (int)pymm_id_pool(id) >= pool_lo && (int)pymm_id_pool(id) <= pool_hi)
			model_free_at(m, i);	/* moves the last entry here */
		else
			i++;
	}
}

static void test_arena_return(void)
{
	struct pymm_alloc a;
	struct pymm_alloc_stats st;
	struct model m;
	u64 rng = unit_seed;
	u32 second;

	pymm_alloc_init(&a, 18, 12, 0);
	model_init(&m, &a);
	fill_arenas(&m, 512, 2);
	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.arenas_current, 2);
	CHECK_EQ(pymm_user_arenas_live(), 2);
	check_phase(&m, "two full arenas");

	second = pymm_id_arena(m.v[m.count - 1].id);
	free_where(&m, second, 0, 63);
	/* kept, empty, until the operation ends */
	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.arenas_current, 2);
	CHECK_EQ(a.arenas_empty, 1);
	CHECK_EQ(st.arenas_reclaimed, 0);
	CHECK_EQ(st.bytes_unused_pools, 64ULL * 4096);
	CHECK_EQ(pymm_alloc_verify(&a), 0);
	CHECK_EQ(pymm_alloc_trim(&a), 1);
	CHECK_EQ(pymm_alloc_trim(&a), 0);
	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.arenas_current, 1);
	CHECK_EQ(st.arenas_reclaimed, 1);
	CHECK_EQ(pymm_user_arenas_live(), 1);
	check_phase(&m, "emptying one arena");

	/* one block left pins the arena; its pool is the only used one */
	free_where(&m, pymm_id_arena(m.v[0].id), 1, 63);
	while (m.count > 1)
		model_free_at(&m, m.count - 1);
	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.arenas_current, 1);
	CHECK_EQ(st.bytes_unused_pools, 63ULL * 4096);
	check_phase(&m, "one block left");
	model_free_all(&m, &rng);
	check_phase(&m, "freeing all");
	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.arenas_current, 0);
	CHECK_EQ(st.arenas_reclaimed, 2);
	CHECK_EQ(pymm_user_arenas_live(), 0);
	CHECK_EQ(pymm_alloc_destroy(&a), 0);
	model_fini(&m);
}

/* New pools come from the arena with the fewest free pools. */
/*
 * Arenas that empty are kept until trim: a swing inside one operation
 * reuses them instead of mapping new ones, and a request the quota would
 * refuse takes them back first, so keeping them never costs a refusal.
 */
static void test_spare_arenas(void)
{
	struct pymm_alloc a;
	struct model m;
	u64 rng = unit_seed, allocated, refusals;
	int round;

	pymm_alloc_init(&a, 18, 12, 0);
	model_init(&m, &a);
	fill_arenas(&m, 512, 3);
	allocated = a.arenas_allocated;
	CHECK_EQ(allocated, 3);
	for (round = 0; round < 5; round++) {
		model_free_all(&m, &rng);
		CHECK_EQ(a.arenas_empty, 3);
		CHECK_EQ(a.arenas_current, 3);
		CHECK_EQ(pymm_user_arenas_live(), 3);
		CHECK_EQ(pymm_alloc_verify(&a), 0);
		fill_arenas(&m, 512, 3);
		CHECK_EQ(a.arenas_empty, 0);
	}
	CHECK_EQ(a.arenas_allocated, allocated);	/* nothing mapped twice */
	CHECK_EQ(a.arenas_reclaimed, 0);

	/* a quota of exactly what is held: the large block needs the spares' room */
	model_free_all(&m, &rng);
	CHECK_EQ(a.arenas_empty, 3);
	pymm_alloc_set_limit(&a, a.bytes_held);
	refusals = a.quota_refusals;
	CHECK(model_malloc(&m, 100000) != NULL);
	CHECK_EQ(a.quota_refusals, refusals);
	CHECK_EQ(a.arenas_empty, 0);
	CHECK_EQ(a.arenas_current, 0);
	CHECK_EQ(a.arenas_reclaimed, 3);
	/* with nothing left to trim, the quota refuses as before */
	CHECK(model_malloc(&m, 1ULL << 20) == NULL);
	CHECK_EQ(a.last_error, -EDQUOT);
	CHECK_EQ(a.quota_refusals, refusals + 1);
	m.failed = 0;
	check_phase(&m, "the quota took the spares");
	model_free_all(&m, &rng);
	check_phase(&m, "spares, all freed");
	CHECK_EQ(pymm_alloc_destroy(&a), 0);
	CHECK_EQ(pymm_user_charged(), 0);
	model_fini(&m);
}

static void test_fullest_arena_first(void)
{
	struct pymm_alloc a;
	struct model m;
	u64 rng = unit_seed;
	u32 s[4], k;
	void *p;

	pymm_alloc_init(&a, 18, 12, 0);
	model_init(&m, &a);
	fill_arenas(&m, 512, 4);	/* 4 full arenas of 7-block pools */
	for (k = 0; k < 4; k++) {
		struct pymm_arena_info info;

		CHECK_EQ(pymm_alloc_arena_info(&a, k, &info), 0);
		s[k] = info.serial;
		CHECK_EQ(info.pools_free, 0);
	}
	/* arena s0: 60 free pools, s1: 10, s2: 30, s3: full */
	free_where(&m, s[0], 0, 59);
	free_where(&m, s[1], 10, 19);
	free_where(&m, s[2], 20, 49);
	check_phase(&m, "making holes");
	CHECK(a.usable_arenas == &a.arenas[s[1]]);

	/* a new pool (class 2: no used pool yet) comes from s1 */
	p = model_malloc(&m, 48);
	CHECK(p && pymm_id_arena(m.v[m.count - 1].id) == s[1]);
	/* s3 gains one free pool: it becomes the fullest usable arena */
	free_where(&m, s[3], 5, 5);
	CHECK(a.usable_arenas == &a.arenas[s[3]]);
	p = model_malloc(&m, 64);
	CHECK(p && pymm_id_arena(m.v[m.count - 1].id) == s[3]);
	check_phase(&m, "pool from the fullest arena");

	/* s1 now loses more pools than s2 has free: it moves behind s2 */
	free_where(&m, s[1], 20, 55);
	CHECK(a.usable_arenas == &a.arenas[s[2]]);
	check_phase(&m, "reordering");

	/* s0 drains completely: kept last in line, returned by the trim */
	free_where(&m, s[0], 0, 63);
	CHECK(a.arenas[s[0]].base != NULL);
	CHECK_EQ(a.arenas_empty, 1);
	p = model_malloc(&m, 80);	/* class 4: a new pool, not from s0 */
	CHECK(p && pymm_id_arena(m.v[m.count - 1].id) != s[0]);
	check_phase(&m, "draining the emptiest");
	CHECK(a.arenas[s[0]].base == NULL);
	CHECK_EQ(a.arenas_current, 3);

	model_free_all(&m, &rng);
	check_phase(&m, "freeing all");
	CHECK_EQ(a.arenas_current, 0);
	CHECK_EQ(pymm_alloc_destroy(&a), 0);
	model_fini(&m);
}

static void test_arena_info(void)
{
	struct pymm_alloc a;
	struct pymm_arena_info info;
	struct model m;
	u64 rng = unit_seed;
	size_t i;
	u32 slot, used = 0;

	pymm_alloc_init(&a, 18, 12, 0);
	model_init(&m, &a);
	for (i = 0; i < 40; i++)
		model_malloc(&m, 16);
	for (i = 0; i < 9; i++)
		model_malloc(&m, 512);	/* 2 pools: 7 + 2 */
	CHECK_EQ(pymm_alloc_arena_info(&a, 0, &info), 0);
	CHECK_EQ(pymm_alloc_arena_info(&a, 1, &info), -ENOENT);
	CHECK_EQ(pymm_alloc_arena_info(&a, 0, &info), 0);
	CHECK_EQ(info.serial, 0);
	CHECK_EQ(info.pools_total, 64);
	CHECK_EQ(info.pools_free, 61);
	CHECK_EQ(info.pool_class[0], 0);
	CHECK_EQ(info.pool_used[0], 40);
	CHECK_EQ(info.pool_class[1], 31);
	CHECK_EQ(info.pool_used[1], 7);
	CHECK_EQ(info.pool_class[2], 31);
	CHECK_EQ(info.pool_used[2], 2);
	for (slot = 3; slot < 64; slot++)
		used += info.pool_class[slot] != PYMM_POOL_CLASS_EMPTY;
	CHECK_EQ(used, 0);
	model_free_all(&m, &rng);
	CHECK_EQ(pymm_alloc_arena_info(&a, 0, &info), 0);	/* empty, kept */
	CHECK_EQ(info.pools_free, info.pools_total);
	pymm_alloc_trim(&a);
	CHECK_EQ(pymm_alloc_arena_info(&a, 0, &info), -ENOENT);
	pymm_alloc_destroy(&a);
	model_fini(&m);
}

/* 16 KiB pools on a page-aligned arena: one pool slot is lost. */
static void test_alignment_loss(void)
{
	struct pymm_alloc a;
	struct pymm_alloc_stats st;
	struct pymm_arena_info info;
	struct model m;
	u64 rng = unit_seed;
	long skew;

	for (skew = 0; skew <= 8192; skew += 8192) {
		pymm_user_set_arena_skew(skew);
		pymm_alloc_init(&a, 20, 14, 0);
		model_init(&m, &a);
		model_malloc(&m, 200);
		pymm_alloc_stats(&a, &st, NULL);
		CHECK_EQ(pymm_alloc_arena_info(&a, 0, &info), 0);
		if (skew) {
			CHECK_EQ(st.bytes_arena_alignment, 16384);
			CHECK_EQ(info.pools_total, 63);
			CHECK_EQ(info.pool_class[0], PYMM_POOL_CLASS_UNUSABLE);
			CHECK_EQ(info.pool_class[1], 12);
			CHECK_EQ(pymm_id_pool(m.v[0].id), 1);
			CHECK_EQ(st.bytes_unused_pools, 62ULL * 16384);
		} else {
			CHECK_EQ(st.bytes_arena_alignment, 0);
			CHECK_EQ(info.pools_total, 64);
			CHECK_EQ(info.pool_class[0], 12);
			CHECK_EQ(pymm_id_pool(m.v[0].id), 0);
			CHECK_EQ(st.bytes_unused_pools, 63ULL * 16384);
		}
		check_phase(&m, "alignment");
		model_free_all(&m, &rng);
		check_phase(&m, "alignment, all freed");
		pymm_alloc_destroy(&a);
		model_fini(&m);
	}
	pymm_user_set_arena_skew(-1);
}

static void test_quota(void)
{
	struct pymm_alloc a;
	struct pymm_alloc_stats st;
	struct model m;
	u64 rng = unit_seed, table = 16 * sizeof(struct pymm_arena);
	size_t full;

	/* room for the arena table and one arena, not for a second */
	pymm_alloc_init(&a, 18, 12, (256 << 10) + table + 1000);
	model_init(&m, &a);
	for (full = 0; full < 10000; full++)	/* bounded: a broken quota must not hang */
		if (!model_malloc(&m, 512))
			break;
	CHECK_EQ(a.last_error, -EDQUOT);
	full = m.count;
	CHECK_EQ(full, 64 * 7);
	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.quota_refusals, 1);
	CHECK_EQ(st.quota, (256 << 10) + table + 1000);
	CHECK(st.bytes_held <= st.quota);
	m.failed = 0;
	check_phase(&m, "quota refusal");

	/* large: 1000 bytes left, header included */
	CHECK(model_malloc(&m, 1000) == NULL);
	CHECK_EQ(a.last_error, -EDQUOT);
	CHECK(model_malloc(&m, 1000 - 32) != NULL);
	m.failed = 0;
	check_phase(&m, "large within quota");

	/* a freed block is reused without asking the host */
	model_free_at(&m, 0);
	CHECK(model_malloc(&m, 512) != NULL);
	check_phase(&m, "reuse at the quota");

	/* raising the quota lets the heap grow; lowering it stops growth only */
	pymm_alloc_set_limit(&a, 0);
	CHECK(model_malloc(&m, 512) != NULL);
	CHECK_EQ(a.arenas_current, 2);
	pymm_alloc_set_limit(&a, 4096);
	CHECK(model_malloc(&m, 600) == NULL);
	CHECK_EQ(a.last_error, -EDQUOT);
	CHECK(model_malloc(&m, 512) != NULL);	/* room in the current pool */
	m.failed = 0;
	check_phase(&m, "quota below use");
	model_free_all(&m, &rng);
	check_phase(&m, "quota, all freed");
	pymm_alloc_destroy(&a);
	model_fini(&m);

	/* the module-wide cap refuses with -ENOSPC */
	pymm_alloc_init(&a, 18, 12, 0);
	model_init(&m, &a);
	pymm_user_set_mem_limit(100 << 10);
	CHECK(model_malloc(&m, 16) == NULL);
	CHECK_EQ(a.last_error, -ENOSPC);
	CHECK(model_malloc(&m, 4096) != NULL);	/* the table fits; a large block too */
	CHECK(model_malloc(&m, 200 << 10) == NULL);
	CHECK_EQ(a.last_error, -ENOSPC);
	m.failed = 0;
	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.quota_refusals, 2);
	check_phase(&m, "module cap");
	pymm_user_set_mem_limit(0);
	CHECK(model_malloc(&m, 16) != NULL);
	model_free_all(&m, &rng);
	check_phase(&m, "cap lifted");
	pymm_alloc_destroy(&a);
	model_fini(&m);
	CHECK_EQ(pymm_user_charged(), 0);
}

static void test_fault_injection(void)
{
	struct pymm_alloc a;
	struct model m;
	u64 rng = unit_seed ^ 0xfa11, i, injected = 0;

	pymm_alloc_init(&a, 14, 12, 0);
	model_init(&m, &a);

	/* 1st host allocation: the arena table */
	pymm_user_fail_nth(1);
	CHECK(model_malloc(&m, 16) == NULL);
	CHECK_EQ(a.last_error, -ENOMEM);
	CHECK(!pymm_user_fail_pending());
	CHECK_EQ(a.bytes_held, 0);
	CHECK_EQ(pymm_user_charged(), 0);
	/* 2nd: the arena, after the table succeeded */
	pymm_user_fail_nth(2);
	CHECK(model_malloc(&m, 16) == NULL);
	CHECK_EQ(a.last_error, -ENOMEM);
	CHECK_EQ(a.arenas_current, 0);
	CHECK_EQ(a.arenas_allocated, 0);
	CHECK_EQ(a.bytes_held, a.bytes_metadata);
	m.failed = 0;
	check_phase(&m, "failed first arena");
	/* a large block */
	pymm_user_fail_nth(1);
	CHECK(model_malloc(&m, 1000) == NULL);
	CHECK_EQ(a.last_error, -ENOMEM);
	m.failed = 0;
	check_phase(&m, "failed large block");

	/* random work with failures sprinkled in; every NULL is an injected one */
	for (i = 1; i <= ops_count(30000); i++) {
		u64 before = m.failed;

		if (!pymm_user_fail_pending() && unit_range(&rng, 0, 99) < 2)
			pymm_user_fail_nth((unsigned int)unit_range(&rng, 1, 3));
		if (m.count < 800 && unit_range(&rng, 0, 99) < 55) {
			bool armed = pymm_user_fail_pending();

			model_malloc(&m, random_size(&rng, (u32)i % 32));
			if (m.failed != before) {
				injected++;
				CHECK(armed && !pymm_user_fail_pending());
				CHECK_EQ(a.last_error, -ENOMEM);
				if (!CHECK_EQ(pymm_alloc_verify(&a), 0))
					break;
			}
		} else if (m.count) {
			model_free_at(&m, (size_t)unit_range(&rng, 0, m.count - 1));
		}
	}
	pymm_user_fail_nth(0);
	NOTE("fault injection: %llu injected failures", (unsigned long long)injected);
	CHECK(injected > 5 / quick);
	m.failed = 0;
	check_phase(&m, "fault injection");
	model_free_all(&m, &rng);
	check_phase(&m, "fault injection, all freed");
	CHECK_EQ(pymm_alloc_destroy(&a), 0);
	CHECK_EQ(pymm_user_charged(), 0);
	model_fini(&m);
}

static void test_large_ids(void)
{
	struct pymm_alloc a;
	void *p, *q;
	u64 ip, iq;

	pymm_alloc_init(&a, 18, 12, 0);
	p = pymm_malloc(&a, 513);
	q = pymm_malloc(&a, 100000);
	ip = pymm_alloc_id(&a, p, 513);
	iq = pymm_alloc_id(&a, q, 100000);
	CHECK(pymm_id_is_large(ip) && pymm_id_is_large(iq));
	CHECK_EQ(pymm_id_serial(ip), 1);
	CHECK_EQ(pymm_id_serial(iq), 2);
	pymm_free(&a, p, 513);
	p = pymm_malloc(&a, 513);
	CHECK_EQ(pymm_id_serial(pymm_alloc_id(&a, p, 513)), 3);	/* never reused */
	CHECK_EQ(a.large_blocks, 2);
	CHECK_EQ(pymm_alloc_verify(&a), 0);
	pymm_free(&a, p, 513);
	pymm_free(&a, q, 100000);
	CHECK_EQ(a.large_blocks, 0);
	CHECK_EQ(pymm_alloc_destroy(&a), 0);
}

/* A free with the wrong size is refused, counted, and changes nothing. */
static void test_bad_free(void)
{
	struct pymm_alloc a;
	struct pymm_alloc_stats st;
	u64 logs;
	void *p, *q;

	pymm_user_set_log_level(0);
	logs = pymm_user_log_count();
	pymm_alloc_init(&a, 18, 12, 0);
	p = pymm_malloc(&a, 64);
	q = pymm_malloc(&a, 1000);
	pymm_free(&a, p, 128);
	pymm_free(&a, q, 1001);
	pymm_free(&a, p, 0);
	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.bad_frees, 3);
	CHECK_EQ(st.blocks_allocated, 1);
	CHECK_EQ(st.large_blocks, 1);
	CHECK_EQ(st.frees, 0);
	CHECK(pymm_user_log_count() >= logs + 3);
	CHECK_EQ(pymm_alloc_verify(&a), 0);
	pymm_free(&a, p, 64);
	pymm_free(&a, q, 1000);
	CHECK_EQ(pymm_alloc_destroy(&a), 0);
	pymm_user_set_log_level(PYMM_LOG_NOTICE);
}

static void test_destroy_counts_leaks(void)
{
	struct pymm_alloc a;
	int i;

	pymm_alloc_init(&a, 18, 12, 0);
	for (i = 0; i < 10; i++)
		CHECK(pymm_malloc(&a, 24 * (i + 1)) != NULL);
	for (i = 0; i < 3; i++)
		CHECK(pymm_malloc(&a, 5000) != NULL);
	CHECK_EQ(pymm_alloc_destroy(&a), 13);
	CHECK_EQ(pymm_user_charged(), 0);
	CHECK_EQ(pymm_user_arenas_live(), 0);
	CHECK_EQ(pymm_user_zallocs_live(), 0);
	CHECK_EQ(pymm_alloc_destroy(&a), 0);	/* harmless twice */
}

/* verify() must notice each kind of damage (else it proves nothing). */
static void test_verify_detects(void)
{
	struct pymm_alloc a;
	struct model m;
	struct pymm_pool *pool;
	struct pymm_block *saved;
	struct pymm_arena *finger;
	u64 rng = unit_seed, logs;
	int i;

	pymm_user_set_log_level(0);
	pymm_alloc_init(&a, 18, 12, 0);
	model_init(&m, &a);
	for (i = 0; i < 400; i++)
		model_malloc(&m, 16 * (1 + i % 8));
	for (i = 0; i < 150; i++)
		model_free_at(&m, (size_t)unit_range(&rng, 0, m.count - 1));
	CHECK_EQ(pymm_alloc_verify(&a), 0);
	logs = pymm_user_log_count();

	pool = pymm_pool_of(&a, m.v[0].p);
	pool->count++;
	CHECK_EQ(pymm_alloc_verify(&a), -EUCLEAN);
	pool->count--;

	a.class_blocks[3]++;
	CHECK_EQ(pymm_alloc_verify(&a), -EUCLEAN);
	a.class_blocks[3]--;

	/* a free list looping on itself: a double free */
	pool = a.usedpools[0] ? a.usedpools[0] : a.usedpools[1];
	if (CHECK(pool && pool->freeblock)) {
		saved = pool->freeblock->next;
		pool->freeblock->next = pool->freeblock;
		CHECK_EQ(pymm_alloc_verify(&a), -EUCLEAN);
		pool->freeblock->next = saved;
	}

	/* a wrong search finger */
	if (CHECK(a.usable_arenas)) {
		u32 nf = a.usable_arenas->nfreepools;

		finger = a.nfp2lasta[nf];
		a.nfp2lasta[nf] = NULL;
		CHECK_EQ(pymm_alloc_verify(&a), -EUCLEAN);
		a.nfp2lasta[nf] = finger;
	}

	CHECK_EQ(pymm_alloc_verify(&a), 0);
	CHECK(pymm_user_log_count() >= logs + 4);
	model_free_all(&m, &rng);
	CHECK_EQ(pymm_alloc_verify(&a), 0);
	pymm_alloc_destroy(&a);
	model_fini(&m);
	pymm_user_set_log_level(PYMM_LOG_NOTICE);
}

int main(int argc, char **argv)
{
	const char *q = getenv("UNIT_QUICK");

	unit_init(argc, argv);
	if (q && *q && *q != '0')
		quick = 10;

	RUN(test_geometry);
	RUN(test_zero_and_null);
	RUN(test_same_class_reuse);
	RUN(test_arena_return);
	RUN(test_spare_arenas);
	RUN(test_fullest_arena_first);
	RUN(test_arena_info);
	RUN(test_alignment_loss);
	RUN(test_quota);
	RUN(test_fault_injection);
	RUN(test_large_ids);
	RUN(test_bad_free);
	RUN(test_destroy_counts_leaks);
	RUN(test_verify_detects);
	RUN(test_random_default);
	RUN(test_random_large_geometry);
	RUN(test_random_tiny_arenas);
	RUN(test_random_misaligned);
	return unit_summary();
}
