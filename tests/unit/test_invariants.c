// SPDX-License-Identifier: GPL-2.0
/*
 * test_invariants.c - the debug build's invariant checks (platform.h,
 * PYMM_INVARIANT; the unit tests build the core with PYMM_DEBUG_CHECKS):
 * the collector validates its lists between phases (CPython's
 * validate_list()) and the allocator checks each usedpools move.  Each
 * test corrupts one link or code on purpose in a forked child, which must
 * die of SIGABRT naming the broken invariant; the same work on a healthy
 * heap passes every check.
 */
#include "core/pymm_core.h"
#include "core/heap.h"
#include "core/gc.h"
#include "core/arena.h"
#include "core/platform_user.h"
#include "unit_test.h"
#include "death_test.h"

static u8 buf[1 << 16];

#include "op_helpers.h"

static struct pymm_client *the_client;

/* three new lists, tracked in generation 0 in this order: their GC heads */
static void three_lists(struct pymm_gc_head *g[3])
{
	struct pymm_object *o;
	int i;

	for (i = 0; i < 3; i++) {
		u64 hd = new_seq(the_client, PYMM_OP_NEW_LIST, NULL, 0);

		CHECK_EQ(pymm_handle_get(the_client, hd, &o), 0);
		g[i] = PYMM_GC_HEAD(o);
	}
	CHECK(g[1]->gc_next == g[2] && pymm_gc_prev(g[2]) == g[1]);
}

static u64 collect(u64 gen)
{
	struct res r = op0(the_client, PYMM_OP_GC_COLLECT, gen, 0, 0);

	CHECK_EQ(r.err, 0);
	return r.r0;
}

/* the middle list's prev points past its neighbour */
static void gc_prev_corrupted(void *arg)
{
	struct pymm_gc_head *g[3];

	three_lists(g);
	g[1]->gc_prev = (unsigned long)g[2] | pymm_gc_code(g[1]);
	collect(0);
}

/* the middle list says generation 1 while it sits on generation 0's list */
static void gc_code_corrupted(void *arg)
{
	struct pymm_gc_head *g[3];

	three_lists(g);
	g[1]->gc_prev = (unsigned long)pymm_gc_prev(g[1]) | 1;
	collect(0);
}

/* a pool on usedpools whose prev link points at itself */
static void pool_prev_corrupted(void *arg)
{
	struct pymm_alloc a;
	void *p1, *p2;

	if (pymm_alloc_init(&a, PYMM_ARENA_SHIFT_SMALL, PYMM_POOL_SHIFT_SMALL, 0))
		return;
	p1 = pymm_malloc(&a, 64);
	p2 = pymm_malloc(&a, 64);
	pymm_pool_of(&a, p1)->prevpool = pymm_pool_of(&a, p1);
	pymm_free(&a, p1, 64);
	pymm_free(&a, p2, 64);	/* empty: leaves the list */
}

static void test_corruption_caught(void)
{
	CHECK(unit_dies_saying(gc_prev_corrupted, NULL, "invariant broken: gc list: prev link"));
	CHECK(unit_dies_saying(gc_code_corrupted, NULL, "invariant broken: gc list: code"));
	CHECK(unit_dies_saying(pool_prev_corrupted, NULL,
			       "used_remove: invariant broken: usedpools: pool not linked"));
}

/* healthy: a cycle collected in every generation, pools filled and emptied */
static void test_healthy_passes(void)
{
	struct pymm_alloc a;
	void *p[200];
	int i, gen;

	for (gen = 0; gen < PYMM_GC_NGEN; gen++) {
		u64 l = new_seq(the_client, PYMM_OP_NEW_LIST, NULL, 0);

		CHECK_EQ(op0(the_client, PYMM_OP_APPEND, l, l, 0).err, 0);
		CHECK_EQ(op0(the_client, PYMM_OP_CLOSE, l, 0, 0).err, 0);
		CHECK_EQ(collect(gen), 1);
	}
	if (!CHECK_EQ(pymm_alloc_init(&a, PYMM_ARENA_SHIFT_SMALL, PYMM_POOL_SHIFT_SMALL, 0), 0))
		return;
	for (i = 0; i < 200; i++)
		p[i] = pymm_malloc(&a, 64 + 16 * (i % 8));
	for (i = 0; i < 200; i += 2)
		pymm_free(&a, p[i], 64 + 16 * (i % 8));
	for (i = 1; i < 200; i += 2)
		pymm_free(&a, p[i], 64 + 16 * (i % 8));
	CHECK_EQ(pymm_alloc_destroy(&a), 0);
}

int main(int argc, char **argv)
{
	unit_init(argc, argv);
	the_client = start_core_with_heap(1000, "inv");
	if (!the_client)
		return 1;
	RUN(test_corruption_caught);
	RUN(test_healthy_passes);
	stop_core(the_client);
	return unit_summary();
}
