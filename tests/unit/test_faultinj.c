// SPDX-License-Identifier: GPL-2.0
/*
 * test_faultinj.c - the fault-injection walk, as the kernel's failslab
 * "fail_nth" walks: run one fixed scenario with the 1st host allocation
 * failing, then the 2nd, the 3rd ... until the scenario runs to its end
 * without the armed failure ever firing.  Every run must end with
 *
 *   - a clean error to the caller: the first op that fails reports -ENOMEM
 *     with MemoryError; every later failure is some -errno (never a crash,
 *     never a positive value);
 *   - a heap that passes HEAP_VERIFY (attached afresh once the fault is
 *     disarmed), and still works (a new object, a collection);
 *   - after client release and pymm_core_exit(): no leaked block, no host
 *     allocation left (arenas, zallocs), nothing still charged.
 *
 * The scenario covers heap create/attach/destroy, an object of every type,
 * large blocks, containers that grow (list items, dict tables), names,
 * frames, several arenas (so the arena table grows), a reference cycle with
 * a finalizer and a weak reference collected by the GC, sequence repeat,
 * and the statistics ops.
 *
 * Which allocations fail: pymm_user_fail_nth() arms pymm_plat_should_fail(),
 * which the allocator's host gate asks before every arena, large block and
 * arena-table allocation.  The core also calls pymm_plat_zalloc() directly
 * (heap and client structs, handle tables, frames, work lists, stats
 * buffers); built with -DFAULTINJ_WRAP_ZALLOC and -Wl,--wrap=pymm_plat_zalloc
 * (make fuzz-faultinj, tests/fuzz/fuzz.mk) those fail in the same walk too.
 *
 * Usage: test_faultinj [-v] [-s SEED]; FAULTINJ_ONLY=N runs the N-th step only.
 */
#include "core/pymm_core.h"
#include "unit_test.h"

#define MAX_WALK	20000

#ifdef FAULTINJ_WRAP_ZALLOC
#include <sanitizer/common_interface_defs.h>

void *__real_pymm_plat_zalloc(size_t size);
void *__wrap_pymm_plat_zalloc(size_t size);

/* FAULTINJ_STACK=1: show where each injected zalloc failure hits */
void *__wrap_pymm_plat_zalloc(size_t size)
{
	if (pymm_plat_should_fail()) {
		if (getenv("FAULTINJ_STACK"))
			__sanitizer_print_stack_trace();
		return NULL;
	}
	return __real_pymm_plat_zalloc(size);
}
#endif

#include "scenario_core.h"

/* the heap after the run: must verify and still work */
static bool check_heap(struct run *r)
{
	int err;
	bool ok = true;
	u64 h;

	/* the scenario's own uid: its "fi", or its private default heap */
	r->c = pymm_client_new(1000, false);
	if (!CHECK(r->c))
		return false;
	err = X(HEAP_ATTACH, 0, 0, 0, 0, "fi", 3, NULL);
	if (err == -ENOENT)	/* the failure hit HEAP_CREATE itself */
		err = X(HEAP_ATTACH, 0, 0, 0, 0, PYMM_DEFAULT_HEAP, sizeof(PYMM_DEFAULT_HEAP),
			NULL);
	ok &= CHECK_EQ(err, 0);
	ok &= CHECK_EQ(X(HEAP_VERIFY, 0, 0, 0, 0, NULL, 0, NULL), 0);
	ok &= CHECK_EQ(X(NEW_STR, 0, 0, 0, 0, "after", 5, &h), 0);
	ok &= CHECK_EQ(X(GC_COLLECT, 0, 2, 0, 0, NULL, 0, NULL), 0);
	ok &= CHECK_EQ(X(HEAP_VERIFY, 0, 0, 0, 0, NULL, 0, NULL), 0);
	pymm_client_release(r->c);
	return ok;
}

static const struct pymm_core_params params = {
	.heap_quota = 64ull << 20,
	.max_heaps_per_user = 4,
	.max_frame_depth = 100,
	.max_handles = 1024,
};

/*
 * One run with the nth allocation failing (n = 0: none); with a module-wide
 * cap set instead, the first failure must be the cap's -ENOSPC.  Returns
 * whether the armed failure fired.
 */
static bool walk_one(unsigned int n, int want_err, unsigned long *absorbed)
{
	struct run r;
	bool fired, ok = true;
	u64 leaks;

	memset(&r, 0, sizeof(r));
	if (!CHECK_EQ(pymm_core_init(&params), 0))
		return false;
	r.c = pymm_client_new(1000, false);
	if (!CHECK(r.c))
		return false;
	pymm_user_fail_nth(n);
	scenario(&r);
	fired = !pymm_user_fail_pending();
	pymm_user_fail_nth(0);
	if (r.bad)
		ok &= CHECK(!"an op broke the error contract");
	if (fired && r.failed) {
		/* the first failure must be the injected one, reported cleanly */
		if (!CHECK_EQ(r.first_err, want_err) ||
		    !CHECK_EQ(r.first_exc, PYMM_EXC_MEMORY_ERROR)) {
			fprintf(stderr, "  n=%u: first failing op %u\n", n, r.first_code);
			ok = false;
		}
	} else if (fired) {
		(*absorbed)++;		/* a caller of the host tolerated it */
	} else if (n) {
		ok &= CHECK_EQ(r.failed, 0);	/* the unfailed scenario is clean */
	} else if (r.failed) {
		if (!CHECK_EQ(r.first_err, want_err) ||
		    !CHECK_EQ(r.first_exc, PYMM_EXC_MEMORY_ERROR)) {
			fprintf(stderr, "  cap: first failing op %u\n", r.first_code);
			ok = false;
		}
	}
	pymm_client_release(r.c);
	pymm_user_set_mem_limit(0);
	ok &= check_heap(&r);
	leaks = pymm_core_exit();
	ok &= CHECK_EQ(leaks, 0);
	ok &= CHECK_EQ(pymm_user_arenas_live(), 0);
	ok &= CHECK_EQ(pymm_user_zallocs_live(), 0);
	ok &= CHECK_EQ(pymm_user_charged(), 0);
	if (!ok)
		fprintf(stderr, "  ^ fault walk step n=%u (FAULTINJ_ONLY=%u reproduces)\n", n, n);
	else
		fflush(stderr);
	NOTE("n=%u fired=%d ops=%u failed=%u first=%d", n, fired, r.ops, r.failed, r.first_err);
	return fired;
}

static void test_fault_walk(void)
{
	const char *only = getenv("FAULTINJ_ONLY");
	unsigned long absorbed = 0;
	unsigned int n;

	if (only) {
		walk_one((unsigned int)strtoul(only, NULL, 0), -ENOMEM, &absorbed);
		return;
	}
	for (n = 1; n <= MAX_WALK; n++)
		if (!walk_one(n, -ENOMEM, &absorbed))
			break;
	/* the walk must have reached a run with no failure at all */
	CHECK(n <= MAX_WALK);
	CHECK(n > 10);		/* the scenario takes more than a handful */
	printf("# fault walk: %u failure points, %u runs, %lu failures absorbed%s\n",
	       n - 1, n, absorbed,
#ifdef FAULTINJ_WRAP_ZALLOC
	       " (host gate + direct zallocs)"
#else
	       " (allocator host gate)"
#endif
	       );
}

/* the same with the module-wide cap: every run ends in -ENOSPC, cleanly */
static void test_mem_limit_walk(void)
{
	u64 limit;
	unsigned long absorbed = 0;

	for (limit = 4 << 10; limit <= 8ull << 20; limit *= 2) {
		pymm_user_set_mem_limit(limit);
		walk_one(0, -ENOSPC, &absorbed);
	}
	pymm_user_set_mem_limit(0);
}

int main(int argc, char **argv)
{
	unit_init(argc, argv);
	pymm_user_set_log_level(0);	/* leak reports would be counted, not shown */
	RUN(test_fault_walk);
	if (!getenv("FAULTINJ_ONLY"))
		RUN(test_mem_limit_walk);
	return unit_summary();
}
