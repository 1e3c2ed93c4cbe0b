// SPDX-License-Identifier: GPL-2.0
/*
 * bench_main.c - pymm_bench.ko, in-kernel benchmark: pymm's size-class allocator against
 * the slab allocator (kmem_cache_alloc with one cache per size class, and
 * kmalloc), and the cost of one core operation (pymm_op_exec() with no
 * transport around it), all in one module load.
 *
 * Everything runs at module init and prints "pymm_bench: result KEY VALUE"
 * lines (VALUE in picoseconds per operation, integers: no FPU here), which
 * tests/bench/vm-bench.sh collects from the kernel log.  The module then
 * stays loaded, holding nothing, until rmmod.
 *
 * Fairness rules, the same as the user-space benchmark's:
 *   - every contender runs the same pre-generated script (splitmix64, seed
 *     42: the very sequence bench_user uses), one after the other in each
 *     repetition; the median of the repetitions is reported;
 *   - one block of every class is held across each measurement ("ballast"),
 *     as a live heap always holds some, so pymm's pools and arenas do not
 *     empty and go back to vmalloc on every pair;
 *   - pymm's allocator is called bare, without the heap mutex its callers
 *     hold (one lock is taken per operation, not per block).  The slab
 *     allocator needs no lock from its caller either.
 *
 * SLUB may merge our kmem_caches with kmalloc's caches of the same size
 * (slab merging, on by default): then both slab figures measure the same
 * caches, which is what a kernel user of kmem_cache_create() gets.
 */
#define pr_fmt(fmt) "pymm_bench: " fmt

#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/vmalloc.h>

#include "core/alloc.h"
#include "core/pymm_core.h"

static unsigned int iters = 100000;
module_param(iters, uint, 0444);
MODULE_PARM_DESC(iters, "alloc+free pairs per size class and repetition");
static unsigned int rounds = 20;
module_param(rounds, uint, 0444);
MODULE_PARM_DESC(rounds, "rounds of 1000 allocations then 1000 frees per class");
static unsigned int steps = 1000000;
module_param(steps, uint, 0444);
MODULE_PARM_DESC(steps, "steps of the mixed-size script");
static unsigned int reps = 5;
module_param(reps, uint, 0444);
MODULE_PARM_DESC(reps, "repetitions (the median is reported)");
static unsigned int op_iters = 200000;
module_param(op_iters, uint, 0444);
MODULE_PARM_DESC(op_iters, "core operations per measurement");

#define NCLASSES	PYMM_NB_SIZE_CLASSES
#define BATCH		1000
#define NSLOTS		100000
#define MAX_REPS	15

static struct pymm_alloc *pa;
static struct kmem_cache *caches[NCLASSES];

static inline u32 size_class(size_t n)
{
	return (u32)((n - 1) >> 4);
}

/* --------------------------------------------- the three contenders */

#define PYMM_MALLOC(n)		pymm_malloc(pa, (n))
#define PYMM_FREE(p, n)		pymm_free(pa, (p), (n))
#define CACHE_MALLOC(n)		kmem_cache_alloc(caches[size_class(n)], GFP_KERNEL)
#define CACHE_FREE(p, n)	kmem_cache_free(caches[size_class(n)], (p))
#define KM_MALLOC(n)		kmalloc((n), GFP_KERNEL)
#define KM_FREE(p, n)		kfree(p)

struct mixed {
	u32 *idx;
	u16 *size;
	void **slot;
	u16 *slot_size;
};

static struct mixed mx;

#define DEFINE_WORKLOADS(PREFIX, MALLOC, FREE)					\
static noinline u64 PREFIX##_pair(size_t size, u32 n)				\
{										\
	u64 t0 = ktime_get_ns();						\
	u32 i;									\
										\
	for (i = 0; i < n; i++) {						\
		void *p = MALLOC(size);						\
										\
		barrier_data(p);						\
		FREE(p, size);							\
	}									\
	return ktime_get_ns() - t0;						\
}										\
										\
static noinline u64 PREFIX##_batch(size_t size, u32 nrounds, void **ptrs)	\
{										\
	u64 t0 = ktime_get_ns();						\
	u32 r, i;								\
										\
	for (r = 0; r < nrounds; r++) {						\
		for (i = 0; i < BATCH; i++)					\
			ptrs[i] = MALLOC(size);					\
		barrier();							\
		for (i = 0; i < BATCH; i++)					\
			FREE(ptrs[i], size);					\
	}									\
	return ktime_get_ns() - t0;						\
}										\
										\
static noinline u64 PREFIX##_mixed(u32 nsteps)					\
{										\
	u64 t0, t;								\
	u32 i;									\
										\
	t0 = ktime_get_ns();							\
	for (i = 0; i < nsteps; i++) {						\
		u32 s = mx.idx[i];						\
										\
		if (mx.slot[s]) {						\
			FREE(mx.slot[s], mx.slot_size[s]);			\
			mx.slot[s] = NULL;					\
		} else {							\
			mx.slot_size[s] = mx.size[i];				\
			mx.slot[s] = MALLOC(mx.size[i]);			\
		}								\
	}									\
	t = ktime_get_ns() - t0;						\
	for (i = 0; i < NSLOTS; i++) {						\
		if (mx.slot[i]) {						\
			FREE(mx.slot[i], mx.slot_size[i]);			\
			mx.slot[i] = NULL;					\
		}								\
	}									\
	return t;								\
}										\
										\
static void PREFIX##_ballast(void **b, bool on)					\
{										\
	u32 c;									\
										\
	for (c = 0; c < NCLASSES; c++) {					\
		if (on)								\
			b[c] = MALLOC((size_t)(c + 1) * 16);			\
		else								\
			FREE(b[c], (size_t)(c + 1) * 16);			\
	}									\
}

DEFINE_WORKLOADS(pymm, PYMM_MALLOC, PYMM_FREE)
DEFINE_WORKLOADS(cache, CACHE_MALLOC, CACHE_FREE)
DEFINE_WORKLOADS(km, KM_MALLOC, KM_FREE)

/*
 * Each pymm workload is one operation's worth of calls: the module's heap
 * returns the arenas that emptied but 1 MiB of spares when it drops its
 * lock, so that trim is timed with the workload (as in user space).
 */
static u64 pymm_trim_ns(void)
{
	u64 t0 = ktime_get_ns();

	pymm_alloc_trim_spares(pa);
	return ktime_get_ns() - t0;
}

static u64 pymm_op_pair(size_t size, u32 n)
{
	u64 t = pymm_pair(size, n);

	return t + pymm_trim_ns();
}

static u64 pymm_op_batch(size_t size, u32 nrounds, void **ptrs)
{
	u64 t = pymm_batch(size, nrounds, ptrs);

	return t + pymm_trim_ns();
}

static u64 pymm_op_mixed(u32 nsteps)
{
	u64 t = pymm_mixed(nsteps);

	return t + pymm_trim_ns();
}

struct contender {
	const char *name;
	u64 (*pair)(size_t size, u32 n);
	u64 (*batch)(size_t size, u32 nrounds, void **ptrs);
	u64 (*mixed)(u32 nsteps);
	void (*ballast)(void **b, bool on);
};

static const struct contender contenders[] = {
	{ "pymm", pymm_op_pair, pymm_op_batch, pymm_op_mixed, pymm_ballast },
	{ "kmem_cache", cache_pair, cache_batch, cache_mixed, cache_ballast },
	{ "kmalloc", km_pair, km_batch, km_mixed, km_ballast },
};

#define NCONT	ARRAY_SIZE(contenders)

/* ------------------------------------------------------------ helpers */

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return (x > y) - (x < y);
}

static u64 median(u64 *v, unsigned int n)
{
	sort(v, n, sizeof(*v), cmp_u64, NULL);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
 * Median, and the minimum as KEY_min: under TCG the noise (the other
 * vCPU, the host's other users) only ever adds time, so the fastest of the
 * repetitions is the steadier estimate; report.py's ratios use it.
 */
static void result_v(const char *key, const char *who, u64 *v, unsigned int n)
{
	u64 m = median(v, n);	/* sorts v */

	pr_info("result %s_%s %llu\n", key, who, m);
	pr_info("result %s_%s_min %llu\n", key, who, v[0]);
}

/* the user-space benchmark's generator, bit for bit */
static u64 rand_next(u64 *s)
{
	u64 z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static u16 draw_size(u64 *rng)
{
	static const struct { u16 lo, hi, pct; } b[] = {
		{ 1, 16, 8 }, { 17, 32, 25 }, { 33, 64, 30 }, { 65, 128, 20 },
		{ 129, 256, 10 }, { 257, 512, 7 },
	};
	u64 r = rand_next(rng);
	unsigned int p = (unsigned int)(r % 100), acc = 0, i;

	r >>= 8;
	for (i = 0; i < ARRAY_SIZE(b); i++) {
		acc += b[i].pct;
		if (p < acc)
			return (u16)(b[i].lo + r % (b[i].hi - b[i].lo + 1));
	}
	return 32;
}

/* ------------------------------------------------------ allocator bench */

static int bench_alloc(void)
{
	static u64 pair[NCONT][MAX_REPS], bat[NCONT][MAX_REPS], mix[NCONT][MAX_REPS];
	void *ballast[NCLASSES];
	void **ptrs;
	u64 rng = 42;
	unsigned int r, c, k;
	u32 i;

	ptrs = kvmalloc_array(BATCH, sizeof(*ptrs), GFP_KERNEL);
	mx.idx = kvmalloc_array(steps, sizeof(*mx.idx), GFP_KERNEL);
	mx.size = kvmalloc_array(steps, sizeof(*mx.size), GFP_KERNEL);
	mx.slot = kvcalloc(NSLOTS, sizeof(*mx.slot), GFP_KERNEL);
	mx.slot_size = kvcalloc(NSLOTS, sizeof(*mx.slot_size), GFP_KERNEL);
	if (!ptrs || !mx.idx || !mx.size || !mx.slot || !mx.slot_size)
		goto nomem;
	for (i = 0; i < steps; i++) {
		mx.idx[i] = (u32)(rand_next(&rng) % NSLOTS);
		mx.size[i] = draw_size(&rng);
	}

	for (r = 0; r < reps; r++) {
		for (k = 0; k < NCONT; k++) {
			const struct contender *ct = &contenders[k];
			u64 tp = 0, tb = 0;

			ct->ballast(ballast, true);
			for (c = 0; c < NCLASSES; c++) {
				tp += ct->pair((size_t)(c + 1) * 16, iters);
				tb += ct->batch((size_t)(c + 1) * 16, rounds, ptrs);
				cond_resched();
			}
			/* picoseconds per malloc+free */
			pair[k][r] = tp * 1000 / ((u64)iters * NCLASSES);
			bat[k][r] = tb * 1000 / ((u64)rounds * BATCH * NCLASSES);
			mix[k][r] = ct->mixed(steps) * 1000 / steps;
			ct->ballast(ballast, false);
			cond_resched();
		}
	}
	for (k = 0; k < NCONT; k++) {
		result_v("k_alloc_pair_ps", contenders[k].name, pair[k], reps);
		result_v("k_alloc_batch_ps", contenders[k].name, bat[k], reps);
		result_v("k_alloc_mixed_ps", contenders[k].name, mix[k], reps);
	}
	pymm_alloc_trim(pa);	/* the op that freed the ballast, then the idle timer */
	pr_info("result k_pymm_arenas_after_free_all %u\n", pymm_alloc_arena_count(pa));
	kvfree(ptrs);
	kvfree(mx.idx);
	kvfree(mx.size);
	kvfree(mx.slot);
	kvfree(mx.slot_size);
	return 0;
nomem:
	kvfree(ptrs);
	kvfree(mx.idx);
	kvfree(mx.size);
	kvfree(mx.slot);
	kvfree(mx.slot_size);
	return -ENOMEM;
}

/* --------------------------------------------------- core op bench */

static int run_op(struct pymm_client *cl, u32 code, u64 a0, void *buf, u32 len, u64 *ret0)
{
	struct pymm_op op = { .code = code, .arg = { a0 }, .data_len = len };
	int err = pymm_op_exec(cl, &op, buf, len);

	if (ret0)
		*ret0 = op.ret[0];
	return err;
}

/*
 * The ops vm-bench times through the device and netlink, here with nothing
 * around pymm_op_exec(): NOP (client lock only), REFCOUNT of a handle (both
 * locks, a handle lookup, the GC safe point), NEW_INT + CLOSE (an object
 * made and freed: two ops).
 */
static int bench_ops(void)
{
	static u64 nop[MAX_REPS], refc[MAX_REPS], mk[MAX_REPS];
	struct pymm_core_params p = {
		.heap_quota = 0,
		.max_heaps_per_user = 16,
		.max_frame_depth = 1000,
		.max_handles = 1u << 16,
		.arena_shift = PYMM_ARENA_SHIFT_SMALL,
		.pool_shift = PYMM_POOL_SHIFT_SMALL,
	};
	char name[] = PYMM_DEFAULT_HEAP;
	struct pymm_client *cl;
	u64 h, h2, t0;
	unsigned int r;
	u32 i;
	int err;

	err = pymm_core_init(&p);
	if (err)
		return err;
	cl = pymm_client_new(0, true);
	if (!cl) {
		pymm_core_exit();
		return -ENOMEM;
	}
	err = run_op(cl, PYMM_OP_HEAP_ATTACH, 0, name, sizeof(name), NULL);
	if (!err)
		err = run_op(cl, PYMM_OP_NEW_INT, 1000000, NULL, 0, &h);
	for (r = 0; !err && r < reps; r++) {
		t0 = ktime_get_ns();
		for (i = 0; i < op_iters; i++)
			run_op(cl, PYMM_OP_NOP, 0, NULL, 0, NULL);
		nop[r] = (ktime_get_ns() - t0) * 1000 / op_iters;
		cond_resched();

		t0 = ktime_get_ns();
		for (i = 0; i < op_iters; i++)
			run_op(cl, PYMM_OP_REFCOUNT, h, NULL, 0, NULL);
		refc[r] = (ktime_get_ns() - t0) * 1000 / op_iters;
		cond_resched();

		t0 = ktime_get_ns();
		for (i = 0; !err && i < op_iters / 2; i++) {
			err = run_op(cl, PYMM_OP_NEW_INT, 1000000 + i, NULL, 0, &h2);
			if (!err)
				err = run_op(cl, PYMM_OP_CLOSE, h2, NULL, 0, NULL);
		}
		mk[r] = (ktime_get_ns() - t0) * 1000 / op_iters;
		cond_resched();
	}
	if (!err) {
		result_v("k_core_op_ps", "nop", nop, reps);
		result_v("k_core_op_ps", "refcount", refc, reps);
		result_v("k_core_op_ps", "new_int_close", mk, reps);
	} else {
		pr_err("core op benchmark failed: %d\n", err);
	}
	pymm_client_release(cl);
	pymm_core_exit();
	return err;
}

static int __init pymm_bench_init(void)
{
	char name[32];
	u32 c;
	int err;

	if (!reps || reps > MAX_REPS || !iters || !rounds || !steps || !op_iters)
		return -EINVAL;
	pa = kzalloc(sizeof(*pa), GFP_KERNEL);
	if (!pa)
		return -ENOMEM;
	err = pymm_alloc_init(pa, PYMM_ARENA_SHIFT_SMALL, PYMM_POOL_SHIFT_SMALL, 0);
	for (c = 0; !err && c < NCLASSES; c++) {
		snprintf(name, sizeof(name), "pymm_bench_%u", (c + 1) * 16);
		caches[c] = kmem_cache_create(name, (c + 1) * 16, 16, 0, NULL);
		if (!caches[c])
			err = -ENOMEM;
	}
	pr_info("start: iters=%u rounds=%u steps=%u reps=%u op_iters=%u\n", iters, rounds, steps,
		reps, op_iters);
	if (!err)
		err = bench_alloc();
	if (!err)
		err = bench_ops();
	for (c = 0; c < NCLASSES; c++)
		kmem_cache_destroy(caches[c]);	/* NULL is fine */
	if (pymm_alloc_destroy(pa))
		pr_err("pymm allocator leaked blocks\n");
	kfree(pa);
	pr_info("done: %d\n", err);
	return err;
}

static void __exit pymm_bench_exit(void)
{
}

module_init(pymm_bench_init);
module_exit(pymm_bench_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymm allocator and core-op benchmark (not for production)");
