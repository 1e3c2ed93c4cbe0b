/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench.h - shared pieces of the user-space benchmark (bench_user): the
 * clock, a fixed PRNG, the allocation workloads (one definition, expanded
 * once per allocator so that every allocator is called directly, with no
 * function pointer of ours in the loop), and the interface between the three
 * translation units:
 *
 *   bench_user.c     main, glibc/mimalloc/jemalloc, the table and JSON
 *   bench_pymm.c     pymm: its allocator and its objects/collector (core headers)
 *   bench_cpython.c  CPython 3.11 embedded: pymalloc and its collector (Python.h)
 *
 * Core headers and Python.h both define fixed-width types and helper macros;
 * keeping them in separate files is what lets one program link both.
 */
#ifndef PYMM_BENCH_H
#define PYMM_BENCH_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

static inline uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* splitmix64: the same sequence on every allocator and every run */
static inline uint64_t bench_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/*
 * "Mixed sizes, scattered frees": a pre-generated script so that the PRNG
 * costs nothing inside the timed loop.  Step i touches slot idx[i]: frees
 * the block there if there is one, else allocates size[i] bytes into it.
 * Sizes follow a Python-like profile (most objects 16..64 bytes, a tail up
 * to 512), see bench_user.c.
 */
struct bench_mixed {
	uint32_t nsteps;
	uint32_t nslots;
	const uint32_t *idx;
	const uint16_t *size;
	void **slot;		/* scratch: nslots pointers, NULL on entry */
	uint16_t *slot_size;	/* scratch: size of each live slot */
};

/* Memory footprint script: n blocks, then free 90% in random order. */
struct bench_footprint {
	uint32_t n;
	const uint16_t *size;	/* n sizes */
	const uint32_t *order;	/* a permutation of 0..n-1: free order */
	void **ptr;		/* scratch: n pointers */
};

struct bench_footprint_result {
	double held_full;	/* bytes held by the allocator, n blocks live */
	double held_10pct;	/* after freeing 90% scattered */
	double held_empty;	/* after freeing everything */
	double in_use_10pct;	/* bytes the live 10% asked for (sum of sizes) */
	double arenas_empty;	/* arenas (or -1 if not applicable) still held at the end */
	/* pymm: arenas right after the freeing operation (the spare), else -1 */
	double arenas_op_end;
};

/*
 * The workloads.  PREFIX names the functions; MALLOC(n) and FREE(p, n)
 * are expressions.  Returns nanoseconds.
 *
 *   pair:  malloc(size); free() at once, iters times (the hottest path)
 *   batch: rounds x { batch allocations, then the batch freed in the
 *          order allocated }: the free lists are exercised, pools fill up
 *   mixed: the scattered script above; live blocks are freed at the end
 *          (untimed)
 *   ballast(1)/ballast(0): one block of every size class held across a
 *          measurement, as a real heap always holds some (pymm's
 *          singletons, small ints and names; CPython's interpreter
 *          state): without it every pair empties its pool, and pymm's
 *          last arena goes back to the host on every free
 */
#define BENCH_DEFINE_ALLOC_WORKLOADS(PREFIX, MALLOC, FREE)			\
static __attribute__((__noinline__)) uint64_t PREFIX##_pair(size_t size, long iters) \
{										\
	uint64_t t0 = bench_now_ns();						\
	long i;									\
										\
	for (i = 0; i < iters; i++) {						\
		void *p = MALLOC(size);						\
		__asm__ __volatile__("" : : "r"(p) : "memory");		\
		FREE(p, size);							\
	}									\
	return bench_now_ns() - t0;						\
}										\
										\
static __attribute__((__noinline__)) uint64_t PREFIX##_batch(size_t size, long rounds, \
							 int batch, void **ptrs) \
{										\
	uint64_t t0 = bench_now_ns();						\
	long r;									\
	int i;									\
										\
	for (r = 0; r < rounds; r++) {						\
		for (i = 0; i < batch; i++)					\
			ptrs[i] = MALLOC(size);					\
		__asm__ __volatile__("" : : : "memory");			\
		for (i = 0; i < batch; i++)					\
			FREE(ptrs[i], size);					\
	}									\
	return bench_now_ns() - t0;						\
}										\
										\
static void PREFIX##_ballast(int on)						\
{										\
	static void *b[32];							\
	int c;									\
										\
	for (c = 0; c < 32; c++) {						\
		if (on) {							\
			b[c] = MALLOC((size_t)(c + 1) * 16);			\
		} else {							\
			FREE(b[c], (size_t)(c + 1) * 16);			\
			b[c] = NULL;						\
		}								\
	}									\
}										\
										\
static __attribute__((__noinline__)) uint64_t PREFIX##_mixed(struct bench_mixed *m) \
{										\
	uint64_t t0, t;								\
	uint32_t i;								\
										\
	t0 = bench_now_ns();							\
	for (i = 0; i < m->nsteps; i++) {					\
		uint32_t s = m->idx[i];						\
										\
		if (m->slot[s]) {						\
			FREE(m->slot[s], m->slot_size[s]);			\
			m->slot[s] = NULL;					\
		} else {							\
			m->slot_size[s] = m->size[i];				\
			m->slot[s] = MALLOC(m->size[i]);			\
		}								\
	}									\
	t = bench_now_ns() - t0;						\
	for (i = 0; i < m->nslots; i++) {					\
		if (m->slot[i]) {						\
			FREE(m->slot[i], m->slot_size[i]);			\
			m->slot[i] = NULL;					\
		}								\
	}									\
	return t;								\
}

/* One allocator as bench_user.c drives it. */
struct bench_allocator {
	const char *name;
	uint64_t (*pair)(size_t size, long iters);
	uint64_t (*batch)(size_t size, long rounds, int batch, void **ptrs);
	uint64_t (*mixed)(struct bench_mixed *m);
	void (*ballast)(int on);
	/* may be NULL: no way to ask this allocator what it holds */
	int (*footprint)(const struct bench_footprint *f, struct bench_footprint_result *r);
};

/* ---- bench_pymm.c */
int pymm_bench_init(void);
const struct bench_allocator *pymm_bench_allocator(void);
/* the same core with arena_kib=1024: 1 MiB arenas of 16 KiB pools */
const struct bench_allocator *pymm_bench_allocator_1m(void);

/* ---- bench_cpython.c */
int cpy_bench_init(void);
const struct bench_allocator *cpy_bench_allocator(void);
void cpy_bench_fini(void);

/* ---- object graphs and the collectors (both sides implement these) */
struct bench_gc_result {
	double collect_ns;	/* wall time of the full collection */
	double pause_ns;	/* the collector's own figure (pymm: pause_last_ns) */
	uint64_t unreachable;	/* what the collection reported */
	uint64_t containers;
};

/*
 * n containers (lists), in pairs a <-> b.  A pair is live (its a is in a
 * root list) or garbage (a cycle nothing refers to): garbage_pct percent of
 * the pairs are garbage, spread evenly.  Built with the collector disabled,
 * then one full collection is timed; everything is freed (untimed) after.
 */
int pymm_bench_gc_graph(uint32_t n, int garbage_pct, struct bench_gc_result *r);
int cpy_bench_gc_graph(uint32_t n, int garbage_pct, struct bench_gc_result *r);

/*
 * Churn: iters pairs of lists made into a cycle and dropped; every 8th pair
 * replaces a slot of a 10,000-slot survivor list (so older cycles die
 * later and some objects age into the older generations).  The collector
 * runs by itself (thresholds 700/10/10 on both sides).
 */
struct bench_churn_result {
	double total_ns;
	double pause_max_ns;
	double pause_total_ns;
	uint64_t collections[3];
};

int pymm_bench_churn(long iters, struct bench_churn_result *r);
int cpy_bench_churn(long iters, struct bench_churn_result *r);

/* Bytes per object of each type (allocator bytes for n objects kept alive). */
enum bench_obj_kind {
	BOK_INT, BOK_FLOAT, BOK_STR10, BOK_TUPLE2, BOK_LIST0, BOK_LIST4,
	BOK_DICT0, BOK_DICT4, BOK_INSTANCE, BOK_NKINDS
};

extern const char *const bench_obj_kind_names[BOK_NKINDS];

int pymm_bench_obj_bytes(enum bench_obj_kind k, uint32_t n, double *bytes);
int cpy_bench_obj_bytes(enum bench_obj_kind k, uint32_t n, double *bytes);

#endif /* PYMM_BENCH_H */
