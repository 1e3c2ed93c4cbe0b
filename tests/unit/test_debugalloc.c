// SPDX-License-Identifier: GPL-2.0
/*
 * test_debugalloc.c - the debug allocator (pymm_alloc_set_debug, the
 * debug_alloc module parameter) and probability fault injection.
 *
 * Each bug class is provoked on purpose and must be reported, counted and
 * survived: a write past the end or before the start (found at free), a
 * write after free (found when the block would be handed out again), a
 * double free, a free of a pointer the heap never gave.  After each, the
 * allocator must still verify, the bad block must never be handed out
 * again, and destroy must return every host allocation.  The report must
 * name the heap and the block's ID and never show an address.
 *
 * The UAF writes land in mmap'ed arenas which ASan does not track, so the
 * sanitizers do not stop the test before the allocator gets to see them:
 * the test keeps a second block live in the same pool so that the arena is
 * never returned while a freed block is written.
 *
 * Then the core's fault-injection scenario (tests/stress/faultinj_scenario.h)
 * runs with every heap in debug mode (no report may appear: a false alarm
 * is a bug), and under fail_probability-style random faults: every op ends
 * in success or a clean -errno, the heap verifies, nothing leaks.
 */
#include "core/alloc.h"
#include "core/pymm_core.h"
#include "unit_test.h"

#include <stdlib.h>

static char logbuf[512];

static const char *last_log(void)
{
	pymm_user_last_log(logbuf, sizeof(logbuf));
	return logbuf;
}

/* The report names the heap, the finding and the offset, and no address. */
static bool report_ok(const char *what, long off, const void *p)
{
	char want[64], addr[32];
	bool ok = true;

	last_log();
	snprintf(want, sizeof(want), "offset %ld", off);
	snprintf(addr, sizeof(addr), "%lx", (unsigned long)p);
	ok &= CHECK(strstr(logbuf, "heap dbg") != NULL);
	ok &= CHECK(strstr(logbuf, what) != NULL);
	ok &= CHECK(strstr(logbuf, want) != NULL);
	ok &= CHECK(strstr(logbuf, addr) == NULL);
	if (!ok)
		fprintf(stderr, "  report was: %s\n", logbuf);
	return ok;
}

static void dbg_init(struct pymm_alloc *a)
{
	pymm_alloc_init(a, 18, 12, 0);
	CHECK_EQ(pymm_alloc_set_debug(a, true, "dbg"), 0);
	pymm_user_set_log_level(0);	/* the reports are expected */
}

static void dbg_fini(struct pymm_alloc *a, u64 leaks)
{
	CHECK_EQ(pymm_alloc_verify(a), 0);
	CHECK_EQ(pymm_alloc_destroy(a), leaks);
	CHECK_EQ(pymm_user_charged(), 0);
	CHECK_EQ(pymm_user_arenas_live(), 0);
	CHECK_EQ(pymm_user_zallocs_live(), 0);
	pymm_user_set_log_level(PYMM_LOG_NOTICE);
}

/* Fresh bytes are CLEANBYTE, aligned, and the slack is really guarded. */
static void test_layout(void)
{
	struct pymm_alloc a;
	static const size_t sizes[] = { 1, 15, 16, 40, 480, 481, 500, 512, 513, 3000 };
	struct pymm_alloc_stats st;
	u8 *p[ARRAY_SIZE(sizes)];
	size_t i, j;

	dbg_init(&a);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		p[i] = pymm_malloc(&a, sizes[i]);
		if (!CHECK(p[i]))
			return;
		CHECK_EQ((unsigned long)p[i] % 16, 0);
		for (j = 0; j < sizes[i]; j++)
			if (!CHECK_EQ(p[i][j], PYMM_CLEANBYTE))
				break;
		for (j = 1; j <= 16; j++)
			CHECK_EQ(p[i][-(long)j], PYMM_FORBIDDENBYTE);
		CHECK_EQ(p[i][sizes[i]], PYMM_FORBIDDENBYTE);
		/* guards push a request past 480 bytes to the large path */
		CHECK_EQ(pymm_id_is_large(pymm_alloc_id(&a, p[i], sizes[i])), sizes[i] > 480);
		memset(p[i], 0x5a, sizes[i]);	/* using every byte is fine */
	}
	CHECK_EQ(pymm_alloc_verify(&a), 0);
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		pymm_free(&a, p[i], sizes[i]);
	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.debug_reports, 0);
	CHECK_EQ(st.frees, ARRAY_SIZE(sizes));
	dbg_fini(&a, 0);
}

/* A write past the end or before the start is reported at free. */
static void test_overflow(void)
{
	struct pymm_alloc a;
	struct pymm_alloc_stats st;
	u8 *keep, *p, *q, *l, *again;
	u64 logs;

	dbg_init(&a);
	keep = pymm_malloc(&a, 40);
	p = pymm_malloc(&a, 40);
	q = pymm_malloc(&a, 40);
	l = pymm_malloc(&a, 1000);
	logs = pymm_user_log_count();
	p[40] = 0;			/* one past the end */
	pymm_free(&a, p, 40);
	CHECK(pymm_user_log_count() > logs);
	report_ok("guard bytes overwritten", 40, p);
	q[-3] = 0;			/* before the start */
	pymm_free(&a, q, 40);
	report_ok("guard bytes overwritten", -3, q);
	l[1005] = 0;			/* large block's rear guard */
	pymm_free(&a, l, 1000);
	report_ok("guard bytes overwritten", 1005, l);

	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.debug_reports, 3);
	CHECK_EQ(st.debug_quarantined, 3);
	CHECK_EQ(st.frees, 0);		/* quarantined: still allocated */
	CHECK_EQ(st.blocks_allocated, 3);
	CHECK_EQ(pymm_alloc_verify(&a), 0);

	/* never handed out again */
	again = pymm_malloc(&a, 40);
	CHECK(again != p && again != q);
	/* a second free of a quarantined block: reported, counted once */
	pymm_free(&a, p, 40);
	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.debug_reports, 4);
	CHECK_EQ(st.debug_quarantined, 3);
	CHECK(strstr(last_log(), "quarantined") != NULL);
	pymm_free(&a, again, 40);
	pymm_free(&a, keep, 40);
	/* quarantined blocks are not leaks; destroy returns their memory */
	dbg_fini(&a, 0);
}

/* A write after free is reported when the block would be reused. */
static void test_use_after_free(void)
{
	struct pymm_alloc a;
	struct pymm_alloc_stats st;
	u8 *keep, *p, *q;
	u64 id;

	dbg_init(&a);
	keep = pymm_malloc(&a, 40);	/* holds the pool (and arena) */
	p = pymm_malloc(&a, 40);
	id = pymm_alloc_id(&a, p, 40);
	pymm_free(&a, p, 40);
	p[20] = 0x41;			/* the bug */
	q = pymm_malloc(&a, 40);	/* LIFO: p's block was next */
	CHECK(q != p);
	report_ok("write after free", 20, p);
	{
		char want[32];

		snprintf(want, sizeof(want), "block %#llx", (unsigned long long)id);
		CHECK(strstr(logbuf, want) != NULL);
	}
	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.debug_reports, 1);
	CHECK_EQ(st.debug_quarantined, 1);
	CHECK_EQ(pymm_alloc_verify(&a), 0);
	pymm_free(&a, q, 40);
	pymm_free(&a, keep, 40);
	dbg_fini(&a, 0);
}

/* Double frees and stray pointers: reported, refused, nothing touched. */
static void test_double_free(void)
{
	struct pymm_alloc a;
	struct pymm_alloc_stats st;
	u8 *keep, *p, *l, *lkeep, *q;
	u8 stack[64] __attribute__((aligned(16)));

	dbg_init(&a);
	keep = pymm_malloc(&a, 100);
	p = pymm_malloc(&a, 100);
	lkeep = pymm_malloc(&a, 2000);
	l = pymm_malloc(&a, 2000);
	pymm_free(&a, p, 100);
	pymm_free(&a, p, 100);
	report_ok("double free", 0, p);
	pymm_free(&a, l, 2000);		/* l's memory is gone: must not be read */
	pymm_free(&a, l, 2000);
	report_ok("not live", 0, l);
	pymm_free(&a, stack + 16, 40);
	report_ok("outside the heap", 0, stack);

	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.debug_reports, 3);
	CHECK_EQ(st.debug_quarantined, 0);
	CHECK_EQ(st.frees, 2);
	CHECK_EQ(pymm_alloc_verify(&a), 0);
	/* the free list was not corrupted: p comes back once, not twice */
	q = pymm_malloc(&a, 100);
	CHECK(q == p);
	CHECK(pymm_malloc(&a, 100) != p);
	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.debug_reports, 3);
	CHECK(keep && lkeep);
	CHECK_EQ(pymm_alloc_destroy(&a), 4);	/* keep, q, the other, lkeep */
	dbg_fini(&a, 0);

	/*
	 * The pool's last block, freed twice: its pool is empty but still
	 * carved in an arena kept for reuse.  Reported, and the dead block's
	 * free-list link left alone (no quarantine of a free block).
	 */
	dbg_init(&a);
	p = pymm_malloc(&a, 100);
	pymm_free(&a, p, 100);
	pymm_free(&a, p, 100);
	report_ok("double free", 0, p);
	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.debug_reports, 1);
	CHECK_EQ(st.debug_quarantined, 0);
	CHECK_EQ(pymm_alloc_verify(&a), 0);
	q = pymm_malloc(&a, 100);
	CHECK(q == p);
	CHECK(pymm_malloc(&a, 100) != p);
	CHECK_EQ(pymm_alloc_verify(&a), 0);
	CHECK_EQ(pymm_alloc_destroy(&a), 2);
	dbg_fini(&a, 0);
}

/* Debug off: no guards, no reports; and switching needs an empty heap. */
static void test_off_and_switch(void)
{
	struct pymm_alloc a;
	struct pymm_alloc_stats st;
	u8 *p;

	pymm_alloc_init(&a, 18, 12, 0);
	p = pymm_malloc(&a, 40);
	CHECK(!pymm_id_is_large(pymm_alloc_id(&a, p, 500)));
	CHECK_EQ(pymm_alloc_set_debug(&a, true, "x"), -EBUSY);
	memset(p, 0, 48);		/* the class's slack: legal without debug */
	pymm_free(&a, p, 40);
	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.debug_reports, 0);
	CHECK_EQ(st.frees, 1);
	CHECK_EQ(pymm_alloc_set_debug(&a, true, "x"), 0);
	pymm_alloc_destroy(&a);
	CHECK(a.flags & PYMM_ALLOC_F_DEBUG);	/* survives destroy */
	CHECK_EQ(pymm_alloc_destroy(&a), 0);
}

/* Random sizes and order in debug mode: correct blocks, no false alarm. */
static void test_random_debug(void)
{
	enum { N = 3000 };
	static u8 *blk[N];
	static size_t len[N];
	struct pymm_alloc_stats st;
	struct pymm_alloc a;
	u64 rng = unit_seed * 7 + 1;
	unsigned long ops = 0;
	size_t i, j, live = 0;

	pymm_alloc_init(&a, 18, 12, 0);
	pymm_alloc_set_debug(&a, true, "rnd");
	memset(blk, 0, sizeof(blk));
	for (ops = 0; ops < 60000; ops++) {
		i = (size_t)unit_range(&rng, 0, N - 1);
		if (blk[i]) {
			for (j = 0; j < len[i]; j++)
				if (blk[i][j] != (u8)(i + j)) {
					CHECK(!"block contents changed");
					break;
				}
			pymm_free(&a, blk[i], len[i]);
			blk[i] = NULL;
			live--;
			continue;
		}
		len[i] = (size_t)(unit_range(&rng, 0, 9) ? unit_range(&rng, 1, 600)
							  : unit_range(&rng, 1, 9000));
		blk[i] = pymm_malloc(&a, len[i]);
		if (!CHECK(blk[i]))
			break;
		for (j = 0; j < len[i]; j++) {
			if (blk[i][j] != PYMM_CLEANBYTE) {
				CHECK(!"fresh block not CLEANBYTE");
				break;
			}
		}
		for (j = 0; j < len[i]; j++)
			blk[i][j] = (u8)(i + j);
		live++;
		if (!(ops % 10000))
			CHECK_EQ(pymm_alloc_verify(&a), 0);
	}
	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.debug_reports, 0);
	CHECK_EQ(st.mallocs - st.frees, live);
	CHECK_EQ(pymm_alloc_verify(&a), 0);
	for (i = 0; i < N; i++)
		if (blk[i])
			pymm_free(&a, blk[i], len[i]);
	pymm_alloc_trim(&a);
	pymm_alloc_stats(&a, &st, NULL);
	CHECK_EQ(st.debug_reports, 0);
	CHECK_EQ(st.arenas_current, 0);
	CHECK_EQ(pymm_alloc_destroy(&a), 0);
	CHECK_EQ(pymm_user_arenas_live(), 0);
	NOTE("%lu random ops in debug mode", ops);
}

/* ---------------------------------------- the core scenario, debug on */

#include "scenario_core.h"

static struct pymm_core_params params = {
	.heap_quota = 64ull << 20,
	.max_heaps_per_user = 4,
	.max_frame_depth = 100,
	.max_handles = 1024,
};

/* One scenario run; returns the heap's debug report count (-1: broken). */
static long core_run(unsigned int fail_percent, u64 seed, unsigned int *failed)
{
	struct pymm_alloc_stats *st = (struct pymm_alloc_stats *)buf;
	struct run run, *r = &run;
	long reports = -1;
	u64 leaks;

	memset(r, 0, sizeof(*r));
	if (!CHECK_EQ(pymm_core_init(&params), 0))
		return -1;
	r->c = pymm_client_new(1000, false);
	if (!CHECK(r->c))
		return -1;
	pymm_user_fail_probability(fail_percent, seed);
	scenario(r);
	pymm_user_fail_probability(0, 0);
	CHECK(!r->bad);
	*failed = r->failed;
	pymm_client_release(r->c);

	/* the heap the scenario built (or its uid's default one) verifies */
	r->c = pymm_client_new(1000, false);
	if (X(HEAP_ATTACH, 0, 0, 0, 0, "fi", 3, NULL) == -ENOENT)
		X(HEAP_ATTACH, 0, 0, 0, 0, PYMM_DEFAULT_HEAP, sizeof(PYMM_DEFAULT_HEAP), NULL);
	CHECK_EQ(X(HEAP_VERIFY, 0, 0, 0, 0, NULL, 0, NULL), 0);
	if (CHECK_EQ(X(ALLOC_STATS, 0, 0, 0, 0, NULL, sizeof(buf), NULL), 0))
		reports = (long)st->debug_reports;
	pymm_client_release(r->c);
	leaks = pymm_core_exit();
	CHECK_EQ(leaks, 0);
	CHECK_EQ(pymm_user_arenas_live(), 0);
	CHECK_EQ(pymm_user_zallocs_live(), 0);
	CHECK_EQ(pymm_user_charged(), 0);
	return reports;
}

static void test_core_debug(void)
{
	unsigned int failed;
	long reports;

	params.debug_alloc = 1;
	reports = core_run(0, 0, &failed);
	CHECK_EQ(reports, 0);
	CHECK_EQ(failed, 0);
	params.debug_alloc = 0;
	NOTE("scenario in debug mode: %ld reports", reports);
}

/* fail_probability: random faults, clean errors, nothing broken or leaked */
static void test_core_fail_probability(void)
{
	unsigned int failed, total = 0, seed;
	u64 injected = pymm_user_fail_injected();

	for (seed = 1; seed <= 40; seed++) {
		params.debug_alloc = seed & 1;
		CHECK(core_run(10, seed, &failed) >= 0);
		total += failed;
	}
	params.debug_alloc = 0;
	/* ~10% of some hundred allocations: faults fired and ops failed */
	CHECK(pymm_user_fail_injected() > injected + 40);
	CHECK(total > 0);
	NOTE("40 runs at 10%%: %llu faults injected, %u ops failed cleanly",
	     (unsigned long long)(pymm_user_fail_injected() - injected), total);
}

int main(int argc, char **argv)
{
	unit_init(argc, argv);
	RUN(test_layout);
	RUN(test_overflow);
	RUN(test_use_after_free);
	RUN(test_double_free);
	RUN(test_off_and_switch);
	RUN(test_random_debug);
	RUN(test_core_debug);
	RUN(test_core_fail_probability);
	return unit_summary();
}
