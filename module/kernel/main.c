// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - pymm module load and unload, and its parameters.
 *
 * Load order is core, then what returns spare arenas (spares.c: a timer and
 * a shrinker), then /proc/pymm, then the netlink family, then /dev/pymm:
 * nothing can reach the core before it is initialised.  Unload
 * runs in reverse, so by the time the core tears the heaps down no file of
 * /dev/pymm is open (the module cannot be removed while one is), every
 * netlink session has released its client, and no /proc reader is inside
 * the core.
 *
 * The kernel log gets one line at load (version and every parameter) and one
 * at unload (what was torn down); a block or byte still held at unload adds
 * a line starting "pymm: leak: ", which the VM test harness treats as a
 * failure.
 */

#define pr_fmt(fmt) "pymm: " fmt

#include <linux/init.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "netlink.h"
#include "pymm_kernel.h"

static unsigned int arena_kib = 256;
module_param(arena_kib, uint, 0444);
MODULE_PARM_DESC(arena_kib,
		 "Arena size in KiB: 256 (64 pools of 4 KiB, CPython <= 3.9) or 1024 (64 pools of 16 KiB, CPython >= 3.10)");

static unsigned int heap_quota_kib = 65536;
module_param(heap_quota_kib, uint, 0444);
MODULE_PARM_DESC(heap_quota_kib,
		 "Default per-heap quota in KiB (at least two arenas, at most mem_limit_mb)");

static unsigned int user_quota_kib = 131072;
module_param(user_quota_kib, uint, 0444);
MODULE_PARM_DESC(user_quota_kib,
		 "KiB all heaps of one non-root user may hold together (0: no limit; at most mem_limit_mb)");

static unsigned int max_heaps_per_user = 16;
module_param(max_heaps_per_user, uint, 0444);
MODULE_PARM_DESC(max_heaps_per_user, "Heaps one user may own (1..4096)");

static unsigned int max_frame_depth = PYMM_RECURSION_LIMIT;
module_param(max_frame_depth, uint, 0444);
MODULE_PARM_DESC(max_frame_depth,
		 "Frames per client before RecursionError, like sys.getrecursionlimit() (1..100000)");

static unsigned int work_budget_m = 16;
module_param(work_budget_m, uint, 0444);
MODULE_PARM_DESC(work_budget_m,
		 "Steps in units of 2^20 any op may take before it is stopped (-ETIME), plus 2 per pointer its heap holds (1..4096)");

static unsigned int max_handles = 65536;
module_param(max_handles, uint, 0444);
MODULE_PARM_DESC(max_handles, "Handles one client may hold (16..16777216)");

static unsigned int mem_limit_mb = 256;
module_param(mem_limit_mb, uint, 0444);
MODULE_PARM_DESC(mem_limit_mb,
		 "Most memory pymm may hold in total, in MiB (1..RAM size)");

static unsigned int gc_debug;
module_param(gc_debug, uint, 0444);
MODULE_PARM_DESC(gc_debug,
		 "gc.set_debug() flags for new heaps: 1 STATS, 2 COLLECTABLE, 4 UNCOLLECTABLE, 32 SAVEALL");

static unsigned int debug_alloc;
module_param(debug_alloc, uint, 0444);
MODULE_PARM_DESC(debug_alloc,
		 "1: debug allocator for every heap, as PYTHONMALLOC=debug: guard bytes, poisoned fresh and freed blocks, reports in dmesg (0/1)");

static unsigned int public_heap;
module_param(public_heap, uint, 0444);
MODULE_PARM_DESC(public_heap,
		 "1: the heap named \"default\" is one heap every user shares; 0: each user's own private heap (0/1)");

static unsigned int arena_idle_ms = 1000;
module_param(arena_idle_ms, uint, 0444);
MODULE_PARM_DESC(arena_idle_ms,
		 "How long a heap keeps up to 1 MiB of emptied arenas for reuse before they go back, in ms (0: none kept; else 100..60000)");

struct pymm_core_params pymm_kparams;

/* Checks every parameter and fills pymm_kparams; -EINVAL says which is wrong. */
static int __init pymm_check_params(void)
{
	u64 ram_mib = (u64)totalram_pages() >> (20 - PAGE_SHIFT);
	struct pymm_core_params *p = &pymm_kparams;

	switch (arena_kib) {
	case 256:
		p->arena_shift = PYMM_ARENA_SHIFT_SMALL;
		p->pool_shift = PYMM_POOL_SHIFT_SMALL;
		break;
	case 1024:
		p->arena_shift = PYMM_ARENA_SHIFT_LARGE;
		p->pool_shift = PYMM_POOL_SHIFT_LARGE;
		break;
	default:
		pr_err("arena_kib=%u: must be 256 or 1024\n", arena_kib);
		return -EINVAL;
	}
	if (mem_limit_mb < 1 || mem_limit_mb > ram_mib) {
		pr_err("mem_limit_mb=%u: must be 1..%llu (RAM size)\n",
		       mem_limit_mb, ram_mib);
		return -EINVAL;
	}
	/*
	 * A new heap takes its first arena and the arena table (the quota
	 * counts both, arena.c): with room for one arena only, every heap,
	 * each user's default one included, would be refused at creation.
	 */
	if (heap_quota_kib < 2 * arena_kib || heap_quota_kib > (u64)mem_limit_mb * 1024) {
		pr_err("heap_quota_kib=%u: must be %u..%llu (two arenas..mem_limit_mb)\n",
		       heap_quota_kib, 2 * arena_kib, (u64)mem_limit_mb * 1024);
		return -EINVAL;
	}
	if (user_quota_kib > (u64)mem_limit_mb * 1024) {
		pr_err("user_quota_kib=%u: must be 0..%llu (mem_limit_mb)\n",
		       user_quota_kib, (u64)mem_limit_mb * 1024);
		return -EINVAL;
	}
	if (max_heaps_per_user < 1 || max_heaps_per_user > 4096) {
		pr_err("max_heaps_per_user=%u: must be 1..4096\n", max_heaps_per_user);
		return -EINVAL;
	}
	if (max_frame_depth < 1 || max_frame_depth > 100000) {
		pr_err("max_frame_depth=%u: must be 1..100000\n", max_frame_depth);
		return -EINVAL;
	}
	if (work_budget_m < 1 || work_budget_m > 4096) {
		pr_err("work_budget_m=%u: must be 1..4096\n", work_budget_m);
		return -EINVAL;
	}
	if (max_handles < 16 || max_handles > (1u << 24)) {
		pr_err("max_handles=%u: must be 16..16777216\n", max_handles);
		return -EINVAL;
	}
	if (gc_debug & ~PYMM_GC_DEBUG_ALL) {
		pr_err("gc_debug=%#x: unknown flags %#x\n", gc_debug,
		       gc_debug & ~PYMM_GC_DEBUG_ALL);
		return -EINVAL;
	}
	if (debug_alloc > 1) {
		pr_err("debug_alloc=%u: must be 0 or 1\n", debug_alloc);
		return -EINVAL;
	}
	if (public_heap > 1) {
		pr_err("public_heap=%u: must be 0 or 1\n", public_heap);
		return -EINVAL;
	}
	if (arena_idle_ms && (arena_idle_ms < 100 || arena_idle_ms > 60000)) {
		pr_err("arena_idle_ms=%u: must be 0 or 100..60000\n", arena_idle_ms);
		return -EINVAL;
	}
	p->heap_quota = (u64)heap_quota_kib << 10;
	p->user_quota = (u64)user_quota_kib << 10;
	p->max_heaps_per_user = max_heaps_per_user;
	p->max_frame_depth = max_frame_depth;
	p->work_base = (u64)work_budget_m << 20;
	p->max_handles = max_handles;
	p->gc_debug = gc_debug;
	p->debug_alloc = debug_alloc;
	p->public_heap = public_heap;
	p->arena_idle_ns = (u64)arena_idle_ms * NSEC_PER_MSEC;
	pymm_plat_set_limit((u64)mem_limit_mb << 20);
	return 0;
}

static int __init pymm_init(void)
{
	int err;

	err = pymm_check_params();
	if (err)
		return err;
	err = pymm_core_init(&pymm_kparams);
	if (err) {
		pr_err("core init failed: %d\n", err);
		return err;
	}
	err = pymm_spares_init();
	if (err)
		goto err_core;
	err = pymm_procfs_init();
	if (err)
		goto err_spares;
	err = pymm_netlink_init();
	if (err)
		goto err_procfs;
	err = pymm_chardev_init();
	if (err)
		goto err_netlink;

	pr_info("loaded: version %s, abi %d, arena %u KiB x %u pools of %u KiB, heap quota %u KiB, user quota %u KiB, mem limit %u MiB, max heaps/user %u, max frame depth %u, work budget %uM steps, max handles %u, gc_debug %#x, debug_alloc %u, arena idle %u ms, public heap %u\n",
		PYMM_MODULE_VERSION, PYMM_ABI_VERSION, arena_kib,
		1u << (pymm_kparams.arena_shift - pymm_kparams.pool_shift),
		1u << (pymm_kparams.pool_shift - 10), heap_quota_kib,
		user_quota_kib, mem_limit_mb, max_heaps_per_user, max_frame_depth,
		work_budget_m, max_handles, gc_debug, debug_alloc, arena_idle_ms, public_heap);
	return 0;

err_netlink:
	pymm_netlink_exit();
err_procfs:
	pymm_procfs_exit();
err_spares:
	pymm_spares_exit();
err_core:
	pymm_core_exit();
	return err;
}

static void __exit pymm_exit(void)
{
	struct pymm_plat_stats before, after;
	struct pymm_global_stats gs;
	u64 leaks;

	pymm_chardev_exit();
	pymm_netlink_exit();
	pymm_procfs_exit();

	pymm_spares_exit();
	pymm_global_stats(&gs);
	pymm_plat_get_stats(&before);
	leaks = pymm_core_exit();
	pymm_plat_get_stats(&after);

	pr_info("unloaded: %llu heaps destroyed, %llu arenas returned, peak %llu KiB\n",
		gs.heaps, after.arena_frees - before.arena_frees,
		after.peak >> 10);
	if (leaks)
		pr_err("leak: %llu blocks still allocated at unload\n", leaks);
	if (after.arena_allocs != after.arena_frees)
		pr_err("leak: %llu arenas never returned to the kernel\n",
		       after.arena_allocs - after.arena_frees);
	if (after.held)
		pr_err("leak: %llu bytes still charged at unload\n", after.held);
}

module_init(pymm_init);
module_exit(pymm_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymm: a CPython-style memory manager (arenas, refcounts, cycle GC) in the kernel");
MODULE_VERSION(PYMM_MODULE_VERSION);
MODULE_AUTHOR("pymm developers");
