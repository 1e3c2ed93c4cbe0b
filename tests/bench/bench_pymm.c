// SPDX-License-Identifier: GPL-2.0
/*
 * bench_pymm.c - the pymm side of bench_user: the size-class allocator
 * called directly (pymm_malloc/pymm_free on one struct pymm_alloc, as a heap
 * uses it under its lock), and objects and the collector driven through
 * pymm_op_exec() on an in-process client, the path every front end takes.
 *
 * Only this file includes the core's headers (see bench.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../module/core/alloc.h"
#include "../../module/core/pymm_core.h"
#include "bench.h"

/*
 * bench_a: the module's default geometry (256 KiB arenas of 4 KiB pools,
 * CPython <= 3.9); bench_big: arena_kib=1024 (1 MiB of 16 KiB pools, the
 * geometry of the CPython 3.11 we compare with), reported beside it.
 */
static struct pymm_alloc bench_a, bench_big;
static bool core_ready;

/* ------------------------------------------------------- the allocator */

#define PYMM_MALLOC(n)		pymm_malloc(&bench_a, (n))
#define PYMM_FREE(p, n)		pymm_free(&bench_a, (p), (n))

BENCH_DEFINE_ALLOC_WORKLOADS(pymm_w, PYMM_MALLOC, PYMM_FREE)

#define BIG_MALLOC(n)		pymm_malloc(&bench_big, (n))
#define BIG_FREE(p, n)		pymm_free(&bench_big, (p), (n))

BENCH_DEFINE_ALLOC_WORKLOADS(big_w, BIG_MALLOC, BIG_FREE)

/*
 * Each workload is one operation's worth of allocator calls: in the module
 * the heap returns the arenas that emptied but 1 MiB of spares when it
 * drops its lock (pymm_heap_unlock(), arena_idle_ms > 0, the default), so
 * that trim is part of the timed work.
 */
static uint64_t trim_ns(struct pymm_alloc *a)
{
	uint64_t t0 = bench_now_ns();

	pymm_alloc_trim_spares(a);
	return bench_now_ns() - t0;
}

#define DEFINE_OP_WORKLOADS(OP, W, A)						\
static uint64_t OP##_pair(size_t size, long iters)				\
{										\
	uint64_t t = W##_pair(size, iters);					\
										\
	return t + trim_ns(A);							\
}										\
										\
static uint64_t OP##_batch(size_t size, long rounds, int batch, void **ptrs)	\
{										\
	uint64_t t = W##_batch(size, rounds, batch, ptrs);			\
										\
	return t + trim_ns(A);							\
}										\
										\
static uint64_t OP##_mixed(struct bench_mixed *m)				\
{										\
	uint64_t t = W##_mixed(m);						\
										\
	return t + trim_ns(A);							\
}

DEFINE_OP_WORKLOADS(pymm_op, pymm_w, &bench_a)
DEFINE_OP_WORKLOADS(big_op, big_w, &bench_big)

static int footprint_on(struct pymm_alloc *a, const struct bench_footprint *f,
			struct bench_footprint_result *r)
{
	struct pymm_alloc_stats st;
	double live = 0;
	uint32_t i, nfree = f->n / 10 * 9;

	for (i = 0; i < f->n; i++) {
		f->ptr[i] = pymm_malloc(a, f->size[i]);
		if (!f->ptr[i])
			return -1;
	}
	pymm_alloc_stats(a, &st, NULL);
	r->held_full = (double)st.bytes_held;
	for (i = 0; i < nfree; i++) {
		uint32_t k = f->order[i];

		pymm_free(a, f->ptr[k], f->size[k]);
		f->ptr[k] = NULL;
	}
	for (i = 0; i < f->n; i++)
		if (f->ptr[i])
			live += f->size[i];
	trim_ns(a);		/* where the freeing operation ends */
	pymm_alloc_stats(a, &st, NULL);
	r->held_10pct = (double)st.bytes_held;
	r->in_use_10pct = live;
	for (i = 0; i < f->n; i++) {
		if (f->ptr[i]) {
			pymm_free(a, f->ptr[i], f->size[i]);
			f->ptr[i] = NULL;
		}
	}
	trim_ns(a);
	pymm_alloc_stats(a, &st, NULL);
	r->arenas_op_end = (double)st.arenas_current;
	pymm_alloc_trim(a);		/* the module's timer, arena_idle_ms later */
	pymm_alloc_stats(a, &st, NULL);
	/* the arena table (metadata) stays: bytes of arenas only */
	r->held_empty = (double)(st.arenas_current * st.arena_size + st.large_bytes);
	r->arenas_empty = (double)st.arenas_current;
	return 0;
}

static int pymm_footprint(const struct bench_footprint *f, struct bench_footprint_result *r)
{
	return footprint_on(&bench_a, f, r);
}

static int big_footprint(const struct bench_footprint *f, struct bench_footprint_result *r)
{
	return footprint_on(&bench_big, f, r);
}

static const struct bench_allocator pymm_allocator = {
	.name = "pymm",
	.pair = pymm_op_pair,
	.batch = pymm_op_batch,
	.mixed = pymm_op_mixed,
	.ballast = pymm_w_ballast,
	.footprint = pymm_footprint,
};

static const struct bench_allocator big_allocator = {
	.name = "pymm_1m",
	.pair = big_op_pair,
	.batch = big_op_batch,
	.mixed = big_op_mixed,
	.ballast = big_w_ballast,
	.footprint = big_footprint,
};

const struct bench_allocator *pymm_bench_allocator(void)
{
	return &pymm_allocator;
}

const struct bench_allocator *pymm_bench_allocator_1m(void)
{
	return &big_allocator;
}

int pymm_bench_init(void)
{
	struct pymm_core_params p = {
		.heap_quota = 0,		/* no per-heap quota */
		.max_heaps_per_user = 16,
		.max_frame_depth = 1000,
		.max_handles = 1u << 22,
		.arena_shift = PYMM_ARENA_SHIFT_SMALL,
		.pool_shift = PYMM_POOL_SHIFT_SMALL,
	};
	int err;

	err = pymm_alloc_init(&bench_a, PYMM_ARENA_SHIFT_SMALL, PYMM_POOL_SHIFT_SMALL, 0);
	if (!err)
		err = pymm_alloc_init(&bench_big, PYMM_ARENA_SHIFT_LARGE, PYMM_POOL_SHIFT_LARGE, 0);
	if (err)
		return err;
	err = pymm_core_init(&p);
	if (err)
		return err;
	core_ready = true;
	return 0;
}

/* ------------------------------------------------ an in-process session */

struct sess {
	struct pymm_client *c;
	char heap[PYMM_HEAP_NAME_MAX];
	u64 scratch[64];
};

static int sess_op(struct sess *s, u32 code, u64 a0, u64 a1, u64 a2, const void *data,
		   u32 len, u64 *ret0)
{
	struct pymm_op op = { .code = code, .arg = { a0, a1, a2 } };
	void *buf = NULL;
	int err;

	if (len) {
		/* the core may rewrite an input buffer in place (handles -> objects) */
		if (len > sizeof(s->scratch))
			return -E2BIG;
		memcpy(s->scratch, data, len);
		buf = s->scratch;
		op.data_len = len;
	}
	err = pymm_op_exec(s->c, &op, buf, len);
	if (!err && ret0)
		*ret0 = op.ret[0];
	return err;
}

/* out-data ops (stats) */
static int sess_op_out(struct sess *s, u32 code, void *out, u32 len)
{
	struct pymm_op op = { .code = code, .data_len = len };

	return pymm_op_exec(s->c, &op, out, len);
}

#define OP0(s, code)			sess_op((s), (code), 0, 0, 0, NULL, 0, NULL)
#define OP1(s, code, a)			sess_op((s), (code), (a), 0, 0, NULL, 0, NULL)
#define OP2(s, code, a, b)		sess_op((s), (code), (a), (b), 0, NULL, 0, NULL)
#define OPH(s, code, a, hp)		sess_op((s), (code), (a), 0, 0, NULL, 0, (hp))

static int sess_open(struct sess *s, const char *name)
{
	static unsigned int serial;
	int err;

	memset(s, 0, sizeof(*s));
	snprintf(s->heap, sizeof(s->heap), "%s-%u", name, serial++);
	s->c = pymm_client_new((u32)getuid(), true);
	if (!s->c)
		return -ENOMEM;
	err = sess_op(s, PYMM_OP_HEAP_CREATE, 0, 0, 0, s->heap, strlen(s->heap) + 1, NULL);
	if (!err)
		err = sess_op(s, PYMM_OP_HEAP_ATTACH, 0, 0, 0, s->heap, strlen(s->heap) + 1, NULL);
	if (err) {
		fprintf(stderr, "bench: heap %s: error %d\n", s->heap, err);
		pymm_client_release(s->c);
	}
	return err;
}

static void sess_close(struct sess *s)
{
	static const char def[] = PYMM_DEFAULT_HEAP;
	int err;

	sess_op(s, PYMM_OP_HEAP_ATTACH, 0, 0, 0, def, sizeof(def), NULL);
	err = sess_op(s, PYMM_OP_HEAP_DESTROY, 0, 0, 0, s->heap, strlen(s->heap) + 1, NULL);
	if (err)
		fprintf(stderr, "bench: destroy %s: error %d\n", s->heap, err);
	pymm_client_release(s->c);
}

static int new_list(struct sess *s, u64 *h)
{
	return sess_op(s, PYMM_OP_NEW_LIST, 0, 0, 0, NULL, 0, h);
}

/* ------------------------------------------------------- object graphs */

int pymm_bench_gc_graph(uint32_t n, int garbage_pct, struct bench_gc_result *r)
{
	struct pymm_gc_gen_stats st[3];
	struct sess s;
	u64 root, a, b, unreachable = 0, t0, t1;
	uint32_t pairs = n / 2, i;
	int err;

	err = sess_open(&s, "gc");
	if (err)
		return err;
	err = OP0(&s, PYMM_OP_GC_DISABLE);
	err = err ? err : new_list(&s, &root);
	for (i = 0; !err && i < pairs; i++) {
		/* garbage pairs spread evenly: pair i is garbage when the running
		 * share of garbage is below garbage_pct */
		bool garbage = (uint64_t)(i + 1) * garbage_pct / 100 >
			       (uint64_t)i * garbage_pct / 100;

		err = new_list(&s, &a);
		err = err ? err : new_list(&s, &b);
		err = err ? err : OP2(&s, PYMM_OP_APPEND, a, b);
		err = err ? err : OP2(&s, PYMM_OP_APPEND, b, a);
		if (!err && !garbage)
			err = OP2(&s, PYMM_OP_APPEND, root, a);
		err = err ? err : OP1(&s, PYMM_OP_CLOSE, a);
		err = err ? err : OP1(&s, PYMM_OP_CLOSE, b);
	}
	if (err) {
		fprintf(stderr, "bench: pymm graph build: error %d\n", err);
		goto out;
	}
	t0 = bench_now_ns();
	err = OPH(&s, PYMM_OP_GC_COLLECT, 2, &unreachable);
	t1 = bench_now_ns();
	if (!err)
		err = sess_op_out(&s, PYMM_OP_GC_GET_STATS, st, sizeof(st));
	if (!err) {
		r->collect_ns = (double)(t1 - t0);
		r->pause_ns = (double)st[2].pause_last_ns;
		r->unreachable = unreachable;
		r->containers = (uint64_t)pairs * 2;
	}
	/* free the survivors: drop the root, collect again (untimed) */
	OP1(&s, PYMM_OP_CLOSE, root);
	OP1(&s, PYMM_OP_GC_COLLECT, 2);
out:
	sess_close(&s);
	return err;
}

/* -------------------------------------------------------------- churn */

#define CHURN_SLOTS	10000

int pymm_bench_churn(long iters, struct bench_churn_result *r)
{
	struct pymm_gc_gen_stats st[3];
	struct sess s;
	u64 root, none, a, b, idx, t0, t1;
	long i;
	int err, g;

	err = sess_open(&s, "churn");
	if (err)
		return err;
	/* root = [None] * CHURN_SLOTS, built with the collector off, then frozen
	 * out of the picture as CPython's side is (gc.freeze()) */
	err = OP0(&s, PYMM_OP_GC_DISABLE);
	err = err ? err : OPH(&s, PYMM_OP_CONST, PYMM_CONST_NONE, &none);
	err = err ? err : new_list(&s, &root);
	for (i = 0; !err && i < CHURN_SLOTS; i++)
		err = OP2(&s, PYMM_OP_APPEND, root, none);
	err = err ? err : OP0(&s, PYMM_OP_GC_FREEZE);
	err = err ? err : OP0(&s, PYMM_OP_GC_ENABLE);
	if (err)
		goto out;

	t0 = bench_now_ns();
	for (i = 0; !err && i < iters; i++) {
		err = new_list(&s, &a);
		err = err ? err : new_list(&s, &b);
		err = err ? err : OP2(&s, PYMM_OP_APPEND, a, b);
		err = err ? err : OP2(&s, PYMM_OP_APPEND, b, a);
		if (!err && (i & 7) == 0) {
			err = OPH(&s, PYMM_OP_NEW_INT, (u64)((i >> 3) % CHURN_SLOTS), &idx);
			err = err ? err : sess_op(&s, PYMM_OP_SETITEM, root, idx, a, NULL, 0, NULL);
			err = err ? err : OP1(&s, PYMM_OP_CLOSE, idx);
		}
		err = err ? err : OP1(&s, PYMM_OP_CLOSE, a);
		err = err ? err : OP1(&s, PYMM_OP_CLOSE, b);
	}
	t1 = bench_now_ns();
	if (!err)
		err = sess_op_out(&s, PYMM_OP_GC_GET_STATS, st, sizeof(st));
	if (err) {
		fprintf(stderr, "bench: pymm churn: error %d\n", err);
		goto out;
	}
	r->total_ns = (double)(t1 - t0);
	r->pause_max_ns = 0;
	r->pause_total_ns = 0;
	for (g = 0; g < 3; g++) {
		if ((double)st[g].pause_max_ns > r->pause_max_ns)
			r->pause_max_ns = (double)st[g].pause_max_ns;
		r->pause_total_ns += (double)st[g].pause_total_ns;
		r->collections[g] = st[g].collections;
	}
	OP0(&s, PYMM_OP_GC_UNFREEZE);
	OP1(&s, PYMM_OP_CLOSE, root);
	OP1(&s, PYMM_OP_CLOSE, none);
	OP1(&s, PYMM_OP_GC_COLLECT, 2);
out:
	sess_close(&s);
	return err;
}

/* ---------------------------------------------------- bytes per object */

static int alloc_bytes(struct sess *s, double *bytes)
{
	struct {
		struct pymm_alloc_stats a;
		struct pymm_class_stats c[PYMM_NB_SIZE_CLASSES];
	} st;
	int err = sess_op_out(s, PYMM_OP_ALLOC_STATS, &st, sizeof(st));

	if (!err)
		*bytes = (double)(st.a.bytes_in_use + st.a.large_bytes);
	return err;
}

static int make_obj(struct sess *s, enum bench_obj_kind k, uint32_t i, const u64 *aux,
		    u64 *h)
{
	char str[16];
	u64 v[8];

	switch (k) {
	case BOK_INT:
		return OPH(s, PYMM_OP_NEW_INT, 1000000 + i, h);
	case BOK_FLOAT: {
		double d = 0.5 + i;
		u64 bits;

		memcpy(&bits, &d, sizeof(bits));
		return OPH(s, PYMM_OP_NEW_FLOAT, bits, h);
	}
	case BOK_STR10:
		/* "s-" keeps it from looking like an identifier: never interned */
		snprintf(str, sizeof(str), "s-%08u", i);
		return sess_op(s, PYMM_OP_NEW_STR, 0, 0, 0, str, 10, h);
	case BOK_TUPLE2:
		v[0] = aux[0];
		v[1] = aux[1];
		return sess_op(s, PYMM_OP_NEW_TUPLE, 0, 0, 0, v, 16, h);
	case BOK_LIST0:
		return new_list(s, h);
	case BOK_LIST4:
		v[0] = aux[0];
		v[1] = aux[1];
		v[2] = aux[2];
		v[3] = aux[3];
		return sess_op(s, PYMM_OP_NEW_LIST, 0, 0, 0, v, 32, h);
	case BOK_DICT0:
		return sess_op(s, PYMM_OP_NEW_DICT, 0, 0, 0, NULL, 0, h);
	case BOK_DICT4:
		/* keys aux[4..7] (interned strs), values aux[0..3] */
		v[0] = aux[4]; v[1] = aux[0];
		v[2] = aux[5]; v[3] = aux[1];
		v[4] = aux[6]; v[5] = aux[2];
		v[6] = aux[7]; v[7] = aux[3];
		return sess_op(s, PYMM_OP_NEW_DICT, 0, 0, 0, v, 64, h);
	case BOK_INSTANCE:
		return OPH(s, PYMM_OP_NEW_INSTANCE, aux[8], h);
	default:
		return -EINVAL;
	}
}

int pymm_bench_obj_bytes(enum bench_obj_kind k, uint32_t n, double *bytes)
{
	static const char *const keys[4] = { "k0", "k1", "k2", "k3" };
	struct sess s;
	u64 aux[9], *hs;
	double before = 0, after = 0;
	uint32_t i;
	int err, j;

	hs = calloc(n, sizeof(*hs));
	if (!hs)
		return -ENOMEM;
	err = sess_open(&s, "bytes");
	if (err) {
		free(hs);
		return err;
	}
	err = OP0(&s, PYMM_OP_GC_DISABLE);
	for (j = 0; !err && j < 4; j++)
		err = OPH(&s, PYMM_OP_NEW_INT, (u64)j + 1, &aux[j]);	/* small ints */
	for (j = 0; !err && j < 4; j++)
		err = sess_op(&s, PYMM_OP_NEW_STR, 0, 0, 0, keys[j], 2, &aux[4 + j]);
	err = err ? err : sess_op(&s, PYMM_OP_NEW_CLASS, 0, 0, 0, "C", 2, &aux[8]);
	err = err ? err : alloc_bytes(&s, &before);
	for (i = 0; !err && i < n; i++)
		err = make_obj(&s, k, i, aux, &hs[i]);
	err = err ? err : alloc_bytes(&s, &after);
	if (!err)
		*bytes = (after - before) / n;
	else
		fprintf(stderr, "bench: pymm %s: error %d\n", bench_obj_kind_names[k], err);
	sess_close(&s);	/* drops every handle with the heap */
	free(hs);
	return err;
}
