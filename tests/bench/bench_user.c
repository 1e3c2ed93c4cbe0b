// SPDX-License-Identifier: GPL-2.0
/*
 * bench_user.c - pymm's portable core against what a user would otherwise
 * have, in one process and one run: CPython 3.11's pymalloc and cycle
 * collector (libpython3.11 embedded), glibc malloc, mimalloc, jemalloc.
 *
 * usage: bench_user [--smoke] [--reps N] [--json-only] [--only SECTION]
 *
 * Every figure is a median of N repetitions, and in each repetition the
 * allocators (or the two collectors) run one after the other on the same
 * pre-generated script, so that a burst of noise from the machine's other
 * users hits every contender alike.  Only ratios measured inside one run
 * are reported as results.  Nothing is asserted: this is a benchmark.
 *
 * The last line of output is one JSON object (see docs/performance.md for
 * every key); tests/bench/report.py merges it with the kernel's figures.
 *
 * mimalloc and jemalloc are dlopen()ed RTLD_LOCAL and called through their
 * own entry points: both Debian builds export malloc/free, and linking them
 * would silently replace glibc's malloc in the whole process (Python
 * included).  A library that is missing is skipped (its keys are null).
 */
#include <dlfcn.h>
#include <malloc.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

const char *const bench_obj_kind_names[BOK_NKINDS] = {
	"int", "float", "str10", "tuple2", "list0", "list4", "dict0", "dict4", "instance",
};

static bool smoke;
static bool json_only;
static int reps = 5;
static const char *only;	/* one section (for profiling), or all */

static bool run(const char *section)
{
	return !only || !strcmp(only, section);
}

#define say(...) do { if (!json_only) printf(__VA_ARGS__); } while (0)

/* ------------------------------------------------------- glibc, mimalloc */

#define GLIBC_MALLOC(n)		malloc(n)
#define GLIBC_FREE(p, n)	free(p)

BENCH_DEFINE_ALLOC_WORKLOADS(glibc_w, GLIBC_MALLOC, GLIBC_FREE)

static int glibc_footprint(const struct bench_footprint *f, struct bench_footprint_result *r)
{
	struct mallinfo2 base, mi;
	double live = 0;
	uint32_t i, nfree = f->n / 10 * 9;

	malloc_trim(0);
	base = mallinfo2();
#define HELD(m) ((double)((m).arena + (m).hblkhd) - (double)(base.arena + base.hblkhd))
	for (i = 0; i < f->n; i++)
		f->ptr[i] = malloc(f->size[i]);
	mi = mallinfo2();
	r->held_full = HELD(mi);
	for (i = 0; i < nfree; i++) {
		free(f->ptr[f->order[i]]);
		f->ptr[f->order[i]] = NULL;
	}
	for (i = 0; i < f->n; i++)
		if (f->ptr[i])
			live += f->size[i];
	mi = mallinfo2();
	r->held_10pct = HELD(mi);
	r->in_use_10pct = live;
	for (i = 0; i < f->n; i++) {
		free(f->ptr[i]);
		f->ptr[i] = NULL;
	}
	mi = mallinfo2();
	r->held_empty = HELD(mi);
	r->arenas_empty = -1;
#undef HELD
	return 0;
}

static const struct bench_allocator glibc_allocator = {
	.name = "glibc",
	.pair = glibc_w_pair,
	.batch = glibc_w_batch,
	.mixed = glibc_w_mixed,
	.ballast = glibc_w_ballast,
	.footprint = glibc_footprint,
};

static void *(*mi_malloc_p)(size_t);
static void (*mi_free_p)(void *);
static void (*mi_collect_p)(bool);
static void (*mi_process_info_p)(size_t *, size_t *, size_t *, size_t *, size_t *, size_t *,
				 size_t *, size_t *);

#define MI_MALLOC(n)		mi_malloc_p(n)
#define MI_FREE(p, n)		mi_free_p(p)

BENCH_DEFINE_ALLOC_WORKLOADS(mi_w, MI_MALLOC, MI_FREE)

static double mi_commit(void)
{
	size_t e, u, s, rss, prss, commit = 0, pcommit, pf;

	mi_collect_p(true);	/* what it can give back, it gives back now */
	mi_process_info_p(&e, &u, &s, &rss, &prss, &commit, &pcommit, &pf);
	return (double)commit;
}

static int mi_footprint(const struct bench_footprint *f, struct bench_footprint_result *r)
{
	double base = mi_commit(), live = 0;
	uint32_t i, nfree = f->n / 10 * 9;

	for (i = 0; i < f->n; i++)
		f->ptr[i] = mi_malloc_p(f->size[i]);
	r->held_full = mi_commit() - base;
	for (i = 0; i < nfree; i++) {
		mi_free_p(f->ptr[f->order[i]]);
		f->ptr[f->order[i]] = NULL;
	}
	for (i = 0; i < f->n; i++)
		if (f->ptr[i])
			live += f->size[i];
	r->held_10pct = mi_commit() - base;
	r->in_use_10pct = live;
	for (i = 0; i < f->n; i++) {
		mi_free_p(f->ptr[i]);
		f->ptr[i] = NULL;
	}
	r->held_empty = mi_commit() - base;
	r->arenas_empty = -1;
	return 0;
}

static struct bench_allocator mi_allocator = {
	.name = "mimalloc",
	.pair = mi_w_pair,
	.batch = mi_w_batch,
	.mixed = mi_w_mixed,
	.ballast = mi_w_ballast,
};

static void *(*je_malloc_p)(size_t);
static void (*je_free_p)(void *);

#define JE_MALLOC(n)		je_malloc_p(n)
#define JE_FREE(p, n)		je_free_p(p)

BENCH_DEFINE_ALLOC_WORKLOADS(je_w, JE_MALLOC, JE_FREE)

static const struct bench_allocator je_allocator = {
	.name = "jemalloc",
	.pair = je_w_pair,
	.batch = je_w_batch,
	.mixed = je_w_mixed,
	.ballast = je_w_ballast,
};

static bool load_mimalloc(void)
{
	void *h = dlopen("libmimalloc.so.2", RTLD_NOW | RTLD_LOCAL);

	if (!h)
		return false;
	mi_malloc_p = (void *(*)(size_t))dlsym(h, "mi_malloc");
	mi_free_p = (void (*)(void *))dlsym(h, "mi_free");
	mi_collect_p = (void (*)(bool))dlsym(h, "mi_collect");
	mi_process_info_p = (void (*)(size_t *, size_t *, size_t *, size_t *, size_t *,
				      size_t *, size_t *, size_t *))dlsym(h, "mi_process_info");
	if (!mi_malloc_p || !mi_free_p)
		return false;
	if (mi_collect_p && mi_process_info_p)
		mi_allocator.footprint = mi_footprint;
	return true;
}

static bool load_jemalloc(void)
{
	void *h = dlopen("libjemalloc.so.2", RTLD_NOW | RTLD_LOCAL);

	if (!h)
		return false;
	je_malloc_p = (void *(*)(size_t))dlsym(h, "malloc");
	je_free_p = (void (*)(void *))dlsym(h, "free");
	return je_malloc_p && je_free_p;
}

/* ------------------------------------------------------------ results */

struct kv {
	char key[64];
	double v;	/* NAN prints null */
};

static struct kv kvs[256];
static int nkv;

static void put(const char *key, double v)
{
	if (nkv < (int)(sizeof(kvs) / sizeof(kvs[0]))) {
		snprintf(kvs[nkv].key, sizeof(kvs[nkv].key), "%s", key);
		kvs[nkv++].v = v;
	}
}

static void print_json(void)
{
	int i;

	printf("{");
	for (i = 0; i < nkv; i++) {
		printf("%s\"%s\": ", i ? ", " : "", kvs[i].key);
		if (isnan(kvs[i].v) || isinf(kvs[i].v))
			printf("null");
		else if (kvs[i].v == floor(kvs[i].v) && fabs(kvs[i].v) < 1e15)
			printf("%.0f", kvs[i].v);
		else
			printf("%.4g", kvs[i].v);
	}
	printf("}\n");
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double geomean(const double *v, int n)
{
	double s = 0;
	int i, k = 0;

	for (i = 0; i < n; i++) {
		if (v[i] > 0 && !isnan(v[i])) {
			s += log(v[i]);
			k++;
		}
	}
	return k ? exp(s / k) : NAN;
}

/* ------------------------------------------------------ 1. allocators */

#define MAX_ALLOCS	6
#define NCLASSES	32
#define MAX_REPS	15

static const struct bench_allocator *allocs[MAX_ALLOCS];
static int nallocs;

/* Python-like request sizes: (upper bound, percent) buckets */
static uint16_t draw_size(uint64_t *rng)
{
	static const struct { uint16_t lo, hi, pct; } b[] = {
		{ 1, 16, 8 }, { 17, 32, 25 }, { 33, 64, 30 }, { 65, 128, 20 },
		{ 129, 256, 10 }, { 257, 512, 7 },
	};
	uint64_t r = bench_rand(rng);
	unsigned int p = (unsigned int)(r % 100), acc = 0, i;

	r >>= 8;
	for (i = 0; i < sizeof(b) / sizeof(b[0]); i++) {
		acc += b[i].pct;
		if (p < acc)
			return (uint16_t)(b[i].lo + r % (b[i].hi - b[i].lo + 1));
	}
	return 32;
}

static void bench_allocators(void)
{
	long pair_iters = smoke ? 2000 : 200000;
	long batch_rounds = smoke ? 2 : 100;
	int batch = 1000;
	uint32_t nsteps = smoke ? 20000 : 4000000, nslots = smoke ? 2000 : 100000;
	double pair[MAX_ALLOCS][MAX_REPS], bat[MAX_ALLOCS][MAX_REPS], mix[MAX_ALLOCS][MAX_REPS];
	double pair_m[MAX_ALLOCS], bat_m[MAX_ALLOCS], mix_m[MAX_ALLOCS];
	double cls_ns[MAX_ALLOCS][NCLASSES], empty_pair, empty_batch;
	/* a repetition is ~1 s: three times the others' count, for the noise */
	int areps = reps * 3 > MAX_REPS ? MAX_REPS : reps * 3;
	struct bench_mixed m;
	uint32_t *idx = malloc(nsteps * sizeof(*idx));
	uint16_t *size = malloc(nsteps * sizeof(*size));
	void **ptrs = malloc(batch * sizeof(*ptrs));
	uint64_t rng = 42;
	uint32_t i;
	int r, a, c;
	char key[64];

	m.nsteps = nsteps;
	m.nslots = nslots;
	m.idx = idx;
	m.size = size;
	m.slot = calloc(nslots, sizeof(*m.slot));
	m.slot_size = calloc(nslots, sizeof(*m.slot_size));
	for (i = 0; i < nsteps; i++) {
		idx[i] = (uint32_t)(bench_rand(&rng) % nslots);
		size[i] = draw_size(&rng);
	}
	memset(cls_ns, 0, sizeof(cls_ns));

	/*
	 * Contenders take turns at the finest grain that keeps each call
	 * whole: per class for pair and batch, per repetition for mixed, so a
	 * burst of noise from the machine's other users lands on all of them
	 * rather than on whichever happened to be running.  Every contender
	 * holds its ballast for the whole repetition.
	 */
	for (r = 0; r < areps; r++) {
		double tp[MAX_ALLOCS] = { 0 }, tb[MAX_ALLOCS] = { 0 };

		for (a = 0; a < nallocs; a++)
			allocs[a]->ballast(1);
		for (c = 0; c < NCLASSES; c++) {
			size_t sz = (size_t)(c + 1) * 16;

			for (a = 0; a < nallocs; a++) {
				double t = (double)allocs[a]->pair(sz, pair_iters);

				cls_ns[a][c] += t / pair_iters / areps;
				tp[a] += t;
			}
			for (a = 0; a < nallocs; a++)
				tb[a] += (double)allocs[a]->batch(sz, batch_rounds, batch, ptrs);
		}
		for (a = 0; a < nallocs; a++) {
			pair[a][r] = tp[a] / (pair_iters * NCLASSES);
			bat[a][r] = tb[a] / ((double)batch_rounds * batch * NCLASSES);
			mix[a][r] = (double)allocs[a]->mixed(&m) / nsteps;
		}
		for (a = 0; a < nallocs; a++)
			allocs[a]->ballast(0);
	}
	/*
	 * pymm on an empty allocator: every free empties the last arena, which
	 * the allocator keeps until the operation ends (pymm_alloc_trim()),
	 * so only the first malloc of each call maps one.
	 */
	{
		long it = smoke ? 200 : 5000;
		double te = 0, tbe = 0;

		for (c = 0; c < NCLASSES; c++) {
			te += (double)allocs[0]->pair((size_t)(c + 1) * 16, it);
			tbe += (double)allocs[0]->batch((size_t)(c + 1) * 16, smoke ? 1 : 10,
							batch, ptrs);
		}
		empty_pair = te / ((double)it * NCLASSES);
		empty_batch = tbe / ((double)(smoke ? 1 : 10) * batch * NCLASSES);
	}
	for (a = 0; a < nallocs; a++) {
		pair_m[a] = median(pair[a], areps);
		bat_m[a] = median(bat[a], areps);
		mix_m[a] = median(mix[a], areps);
	}

	say("\n== Allocator: ns per malloc+free (median of %d runs; lower is better)\n", areps);
	say("%-10s %12s %12s %12s %12s\n", "allocator", "pair", "batch1000", "mixed", "vs pymm");
	for (a = 0; a < nallocs; a++) {
		double v[3] = { pair_m[0] / pair_m[a], bat_m[0] / bat_m[a], mix_m[0] / mix_m[a] };

		say("%-10s %12.2f %12.2f %12.2f %11.2fx\n", allocs[a]->name, pair_m[a], bat_m[a],
		    mix_m[a], a ? geomean(v, 3) : 1.0);
	}
	say("(pair: malloc then free at once, every class 16..512; batch1000: 1000 blocks of a\n"
	    " class, then all freed; mixed: %u steps on %u slots, sizes 1..512, scattered frees;\n"
	    " 'vs pymm' = pymm time / that allocator's time, geometric mean of the three)\n",
	    nsteps, nslots);
	say("pymm with no block held (empty heap: its one arena empties on every free and is\n"
	    " kept until the call ends): pair %.1f ns, batch1000 %.1f ns\n", empty_pair, empty_batch);
	put("alloc_pair_ns_pymm_empty_heap", empty_pair);
	put("alloc_batch_ns_pymm_empty_heap", empty_batch);
	say("\nper size class, pair ns:  class");
	for (a = 0; a < nallocs; a++)
		say(" %9s", allocs[a]->name);
	say("\n");
	for (c = 0; c < NCLASSES; c += (smoke ? 8 : 1)) {
		say("                          %5d", (c + 1) * 16);
		for (a = 0; a < nallocs; a++)
			say(" %9.2f", cls_ns[a][c]);
		say("\n");
	}

	for (a = 0; a < nallocs; a++) {
		snprintf(key, sizeof(key), "alloc_pair_ns_%s", allocs[a]->name);
		put(key, pair_m[a]);
		snprintf(key, sizeof(key), "alloc_batch_ns_%s", allocs[a]->name);
		put(key, bat_m[a]);
		snprintf(key, sizeof(key), "alloc_mixed_ns_%s", allocs[a]->name);
		put(key, mix_m[a]);
	}
	/* the headline ratios: geometric mean over the three workloads */
	for (a = 1; a < nallocs; a++) {
		double v[3] = { pair_m[0] / pair_m[a], bat_m[0] / bat_m[a], mix_m[0] / mix_m[a] };
		const char *n = allocs[a]->name;

		snprintf(key, sizeof(key), "alloc_vs_%s", n);
		put(key, geomean(v, 3));
		snprintf(key, sizeof(key), "alloc_pair_vs_%s", n);
		put(key, v[0]);
		snprintf(key, sizeof(key), "alloc_batch_vs_%s", n);
		put(key, v[1]);
		snprintf(key, sizeof(key), "alloc_mixed_vs_%s", n);
		put(key, v[2]);
	}
	/* the last contender is pymm with CPython 3.11's geometry */
	{
		int b = nallocs - 1;
		double v[3] = { pair_m[b] / pair_m[1], bat_m[b] / bat_m[1], mix_m[b] / mix_m[1] };

		put("alloc_1m_vs_pymalloc", geomean(v, 3));
		put("alloc_1m_pair_vs_pymalloc", v[0]);
		put("alloc_1m_batch_vs_pymalloc", v[1]);
		put("alloc_1m_mixed_vs_pymalloc", v[2]);
		say("pymm_1m (arena_kib=1024: 1 MiB arenas of 16 KiB pools, pymalloc 3.11's "
		    "geometry) vs pymalloc: %.2fx\n", geomean(v, 3));
	}
	free(m.slot);
	free(m.slot_size);
	free(idx);
	free(size);
	free(ptrs);
}

static void bench_footprint(void)
{
	struct bench_footprint f;
	struct bench_footprint_result res[MAX_ALLOCS];
	uint16_t *size;
	uint32_t *order, i, n = smoke ? 20000 : 1000000;
	uint64_t rng = 7;
	char key[64];
	int a;

	size = malloc(n * sizeof(*size));
	order = malloc(n * sizeof(*order));
	f.ptr = calloc(n, sizeof(*f.ptr));
	for (i = 0; i < n; i++) {
		size[i] = draw_size(&rng);
		order[i] = i;
	}
	for (i = n - 1; i > 0; i--) {	/* Fisher-Yates: scattered frees */
		uint32_t j = (uint32_t)(bench_rand(&rng) % (i + 1)), t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	f.n = n;
	f.size = size;
	f.order = order;

	say("\n== Memory held: %u blocks (sizes 1..512), then 90%% freed scattered, then all\n", n);
	say("%-10s %14s %14s %14s %10s %12s\n", "allocator", "held full", "held 10% live",
	    "live bytes", "held/live", "held empty");
	for (a = 0; a < nallocs; a++) {
		struct bench_footprint_result *r = &res[a];

		if (!allocs[a]->footprint) {
			memset(r, 0, sizeof(*r));
			r->held_10pct = NAN;
			continue;
		}
		r->arenas_op_end = -1;
		allocs[a]->footprint(&f, r);
		say("%-10s %14.0f %14.0f %14.0f %10.2f %12.0f%s\n", allocs[a]->name, r->held_full,
		    r->held_10pct, r->in_use_10pct, r->held_10pct / r->in_use_10pct, r->held_empty,
		    r->arenas_empty >= 0 ? "" : " (no arena count)");
		snprintf(key, sizeof(key), "held_full_bytes_%s", allocs[a]->name);
		put(key, r->held_full);
		snprintf(key, sizeof(key), "held_10pct_bytes_%s", allocs[a]->name);
		put(key, r->held_10pct);
		snprintf(key, sizeof(key), "held_empty_bytes_%s", allocs[a]->name);
		put(key, r->held_empty);
	}
	say("(pymm, pymalloc: arena bytes; glibc: mallinfo2 arena+hblkhd after malloc_trim; "
	    "mimalloc: committed after mi_collect)\n");
	put("live_bytes_10pct", res[0].in_use_10pct);
	put("pymm_arenas_after_free_all", res[0].arenas_empty);
	put("pymm_arenas_after_free_all_op_end", res[0].arenas_op_end);
	put("pymalloc_arenas_after_free_all", res[1].arenas_empty);
	put("held_10pct_vs_pymalloc", res[0].held_10pct / res[1].held_10pct);
	put("held_10pct_vs_glibc", res[0].held_10pct / res[2].held_10pct);
	say("pymm arenas still held after freeing everything: %.0f right after the operation\n"
	    " (the spares), %.0f once the module's timer has run (target 0: %s)\n",
	    res[0].arenas_op_end, res[0].arenas_empty, res[0].arenas_empty == 0 ? "met" : "MISSED");
	free(size);
	free(order);
	free(f.ptr);
}

/* ------------------------------------------------------- 2. collectors */

static void bench_gc(void)
{
	static const uint32_t full_sizes[] = { 100000, 1000000 };
	static const uint32_t smoke_sizes[] = { 2000, 10000 };
	static const int pcts[] = { 0, 50, 100 };
	const uint32_t *sizes = smoke ? smoke_sizes : full_sizes;
	double ratios[6];
	int nr = 0, s, p, r;
	char key[64];

	say("\n== Full collection of n containers (list pairs a<->b), %% of them in garbage "
	    "cycles\n");
	say("%9s %5s %14s %14s %12s %12s %8s %12s\n", "n", "garb", "pymm ns/obj",
	    "cpython ns/obj", "pymm ms", "cpython ms", "ratio", "unreach p/c");
	for (s = 0; s < 2; s++) {
		for (p = 0; p < 3; p++) {
			int nrep = smoke ? 1 : (sizes[s] >= 1000000 ? 3 : reps);
			double pm[MAX_REPS], cp[MAX_REPS], pmm, cpm;
			struct bench_gc_result rp = { 0 }, rc = { 0 };

			for (r = 0; r < nrep; r++) {
				if (pymm_bench_gc_graph(sizes[s], pcts[p], &rp) ||
				    cpy_bench_gc_graph(sizes[s], pcts[p], &rc)) {
					fprintf(stderr, "bench: gc graph failed\n");
					exit(1);
				}
				pm[r] = rp.collect_ns;
				cp[r] = rc.collect_ns;
			}
			pmm = median(pm, nrep);
			cpm = median(cp, nrep);
			ratios[nr++] = pmm / cpm;
			say("%9u %4d%% %14.1f %14.1f %12.2f %12.2f %8.2f %6llu/%llu\n", sizes[s],
			    pcts[p], pmm / rp.containers, cpm / rc.containers, pmm / 1e6, cpm / 1e6,
			    pmm / cpm, (unsigned long long)rp.unreachable,
			    (unsigned long long)rc.unreachable);
			snprintf(key, sizeof(key), "gc_full_ns_per_obj_pymm_%s_%d",
				 s ? "1m" : "100k", pcts[p]);
			put(key, pmm / rp.containers);
			snprintf(key, sizeof(key), "gc_full_ns_per_obj_cpython_%s_%d",
				 s ? "1m" : "100k", pcts[p]);
			put(key, cpm / rc.containers);
		}
	}
	put("gc_full_vs_cpython", geomean(ratios, nr));
	say("gc_full_vs_cpython (geometric mean of the six ratios): %.2f (target <= 0.70: %s)\n",
	    geomean(ratios, nr), geomean(ratios, nr) <= 0.7 ? "met" : "MISSED");
}

static void bench_churn(void)
{
	long iters = smoke ? 20000 : 1000000;
	int nrep = smoke ? 1 : 3, r, g;
	double pmax[MAX_REPS], cmax[MAX_REPS], ptot[MAX_REPS], ctot[MAX_REPS];
	double pps[MAX_REPS], cps[MAX_REPS];
	struct bench_churn_result rp, rc;

	for (r = 0; r < nrep; r++) {
		if (pymm_bench_churn(iters, &rp) || cpy_bench_churn(iters, &rc)) {
			fprintf(stderr, "bench: churn failed\n");
			exit(1);
		}
		pmax[r] = rp.pause_max_ns;
		cmax[r] = rc.pause_max_ns;
		ptot[r] = rp.total_ns;
		ctot[r] = rc.total_ns;
		pps[r] = rp.pause_total_ns;
		cps[r] = rc.pause_total_ns;
	}
	say("\n== Churn: %ld list-pair cycles made and dropped, 1 in 8 kept in a 10,000-slot "
	    "ring;\n   automatic collections (700/10/10); median of %d runs\n", iters, nrep);
	say("%-9s %12s %14s %14s %22s\n", "", "run ms", "gc total ms", "longest pause us",
	    "collections g0/g1/g2");
	say("%-9s %12.1f %14.1f %14.1f %10llu/%llu/%llu\n", "pymm", median(ptot, nrep) / 1e6,
	    median(pps, nrep) / 1e6, median(pmax, nrep) / 1e3,
	    (unsigned long long)rp.collections[0], (unsigned long long)rp.collections[1],
	    (unsigned long long)rp.collections[2]);
	say("%-9s %12.1f %14.1f %14.1f %10llu/%llu/%llu\n", "cpython", median(ctot, nrep) / 1e6,
	    median(cps, nrep) / 1e6, median(cmax, nrep) / 1e3,
	    (unsigned long long)rc.collections[0], (unsigned long long)rc.collections[1],
	    (unsigned long long)rc.collections[2]);
	say("(pymm runs every step through pymm_op_exec(): 'run ms' includes the op layer; "
	    "CPython's is bare C API)\n");
	put("gc_churn_pause_max_ns_pymm", median(pmax, nrep));
	put("gc_churn_pause_max_ns_cpython", median(cmax, nrep));
	put("gc_churn_pause_vs_cpython", median(pmax, nrep) / median(cmax, nrep));
	put("gc_churn_gc_total_ns_pymm", median(pps, nrep));
	put("gc_churn_gc_total_ns_cpython", median(cps, nrep));
	put("gc_churn_run_ns_pymm", median(ptot, nrep));
	put("gc_churn_run_ns_cpython", median(ctot, nrep));
	for (g = 0; g < 3; g++) {
		char key[64];

		snprintf(key, sizeof(key), "gc_churn_collections_g%d_pymm", g);
		put(key, (double)rp.collections[g]);
		snprintf(key, sizeof(key), "gc_churn_collections_g%d_cpython", g);
		put(key, (double)rc.collections[g]);
	}
}

static void bench_bytes(void)
{
	uint32_t n = smoke ? 2000 : 100000;
	double ratios[BOK_NKINDS];
	char key[64];
	int k;

	say("\n== Bytes per object (allocator bytes for %u live objects, 16-byte classes)\n", n);
	say("%-10s %10s %10s %8s\n", "type", "pymm", "cpython", "ratio");
	for (k = 0; k < BOK_NKINDS; k++) {
		double pb = NAN, cb = NAN;

		if (pymm_bench_obj_bytes(k, n, &pb) || cpy_bench_obj_bytes(k, n, &cb)) {
			fprintf(stderr, "bench: bytes/%s failed\n", bench_obj_kind_names[k]);
			exit(1);
		}
		ratios[k] = pb / cb;
		say("%-10s %10.1f %10.1f %8.2f\n", bench_obj_kind_names[k], pb, cb, pb / cb);
		snprintf(key, sizeof(key), "bytes_%s_pymm", bench_obj_kind_names[k]);
		put(key, pb);
		snprintf(key, sizeof(key), "bytes_%s_cpython", bench_obj_kind_names[k]);
		put(key, cb);
	}
	put("bytes_per_object_vs_cpython", geomean(ratios, BOK_NKINDS));
	say("bytes_per_object_vs_cpython (geometric mean over types): %.2f\n",
	    geomean(ratios, BOK_NKINDS));
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--smoke"))
			smoke = true;
		else if (!strcmp(argv[i], "--json-only"))
			json_only = true;
		else if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only = argv[++i];
		else if (!strcmp(argv[i], "--reps") && i + 1 < argc)
			reps = atoi(argv[++i]);
		else {
			fprintf(stderr, "usage: %s [--smoke] [--reps N] [--json-only] "
				"[--only alloc|footprint|gc|churn|bytes]\n", argv[0]);
			return 2;
		}
	}
	/*
	 * jemalloc uses initial-exec TLS: dlopen() fails ("cannot allocate
	 * memory in static TLS block") unless the loader reserves room for it
	 * at startup, which only a tunable set before exec does.
	 */
	if (!getenv("GLIBC_TUNABLES")) {
		setenv("GLIBC_TUNABLES", "glibc.rtld.optional_static_tls=65536", 1);
		execv("/proc/self/exe", argv);
	}
	if (smoke)
		reps = 1;
	if (reps < 1 || reps > MAX_REPS)
		reps = 5;
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (pymm_bench_init() || cpy_bench_init()) {
		fprintf(stderr, "bench: init failed\n");
		return 1;
	}
	allocs[nallocs++] = pymm_bench_allocator();
	allocs[nallocs++] = cpy_bench_allocator();
	allocs[nallocs++] = &glibc_allocator;
	if (load_mimalloc())
		allocs[nallocs++] = &mi_allocator;
	else
		say("(mimalloc not found: skipped)\n");
	if (load_jemalloc())
		allocs[nallocs++] = &je_allocator;
	else
		say("(jemalloc not found: skipped)\n");
	if (nallocs < 4)
		put("alloc_vs_mimalloc", NAN);
	allocs[nallocs++] = pymm_bench_allocator_1m();

	say("pymm user-space benchmark%s: core (libpymmcore.a, -O2) vs CPython %s\n",
	    smoke ? " (smoke: tiny counts, numbers meaningless)" : "", "3.11 (libpython3.11)");
	if (run("alloc"))
		bench_allocators();
	if (run("footprint"))
		bench_footprint();
	if (run("gc"))
		bench_gc();
	if (run("churn"))
		bench_churn();
	if (run("bytes"))
		bench_bytes();
	cpy_bench_fini();
	print_json();
	return 0;
}
