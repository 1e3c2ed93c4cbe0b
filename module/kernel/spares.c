// SPDX-License-Identifier: GPL-2.0
/*
 * spares.c - giving the heaps' spare arenas back to the kernel.
 *
 * A heap keeps up to 1 MiB of arenas that emptied, for its next operations
 * to reuse (heap.c says why and when).  Three things return them:
 *
 *   the idle timer	every arena_idle_ms, the spares that sat empty that
 *			long (pymm_core_trim_idle()): a spare lives between
 *			one and two periods;
 *   a refusal		by a limit the heaps share (the module cap, an
 *			owner's account) asks for every spare at once
 *			(pymm_plat_trim_soon()), at most once per tenth of a
 *			second, so a user hammering a full quota cannot keep
 *			the work running;
 *   the shrinker	memory pressure: reclaim asks for pages and gets
 *			whole heaps' spares (pymm_core_spares_reclaim()) at
 *			once, without waiting for the timer.  It counts them
 *			from a sum the heaps keep current at every unlock
 *			(pymm_plat_spares_add()), without a lock.  The heaps'
 *			free lists (core/freelist.h) count too, a page per
 *			PAGE_SIZE bytes kept (pymm_plat_freelist_add()): the
 *			same walk frees them first, and returns the arenas
 *			that emptied; the count it reports is those arenas.
 *
 * The shrinker is not memcg-aware: reclaim inside one memory cgroup (a
 * container at memory.max) does not call it, though the arenas are charged
 * to the cgroup of the task that made them; there the timer returns them.
 *
 * Locking.  The work item re-arms itself; cancel_delayed_work_sync() stops
 * it for good.  It takes the registry, which nobody holds for long (it is
 * never held while waiting for a heap, heap.h), and only tries heaps: a
 * heap busy with an operation is skipped, and trims itself at its unlock.
 * The shrinker may be called from reclaim inside an allocation some pymm
 * thread makes with a heap lock held, so the core only trylocks there; this
 * file takes no lock of its own.
 * Objects, for the shrinker, are pages: an arena is arena_size / PAGE_SIZE
 * of them, all freed together.
 */

#define pr_fmt(fmt) "pymm: " fmt

#include <linux/atomic.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/shrinker.h>
#include <linux/version.h>
#include <linux/workqueue.h>

#include "pymm_kernel.h"

static void pymm_trim_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(pymm_trim_work, pymm_trim_fn);
static unsigned long pymm_idle_jiffies;	/* 0: no spares, no timer */
static atomic_t pymm_trim_all = ATOMIC_INIT(0);
static atomic_long_t pymm_trim_kicked = ATOMIC_LONG_INIT(0);
static atomic64_t pymm_shrunk = ATOMIC64_INIT(0);
static atomic_long_t pymm_spares = ATOMIC_LONG_INIT(0);	/* every heap's */
static atomic_long_t pymm_freelist_bytes = ATOMIC_LONG_INIT(0);	/* every heap's */

static void pymm_trim_fn(struct work_struct *work)
{
	u64 min_idle = atomic_xchg(&pymm_trim_all, 0) ? 0 : pymm_kparams.arena_idle_ns;

	pymm_core_trim_idle(min_idle);
	schedule_delayed_work(&pymm_trim_work, pymm_idle_jiffies);
}

/* Called with a heap's mutex held: queues, never waits. */
void pymm_plat_trim_soon(void)
{
	unsigned long last = atomic_long_read(&pymm_trim_kicked);

	if (!pymm_idle_jiffies || time_before(jiffies, last + HZ / 10) ||
	    atomic_long_cmpxchg(&pymm_trim_kicked, last, jiffies) != last)
		return;
	atomic_set(&pymm_trim_all, 1);
	mod_delayed_work(system_wq, &pymm_trim_work, 0);
}

/* ------------------------------------------------------- the shrinker */

/* Each heap tells at its unlock and trims: count needs no lock. */
void pymm_plat_spares_add(long delta)
{
	atomic_long_add(delta, &pymm_spares);
}

/* ... and so do the bytes their free lists keep (core/freelist.h) */
void pymm_plat_freelist_add(long delta)
{
	atomic_long_add(delta, &pymm_freelist_bytes);
}

static unsigned int pymm_arena_pages_shift(void)
{
	return pymm_kparams.arena_shift - PAGE_SHIFT;
}

static unsigned long pymm_spares_count(struct shrinker *s, struct shrink_control *sc)
{
	long arenas = atomic_long_read(&pymm_spares);
	long kept = atomic_long_read(&pymm_freelist_bytes);
	unsigned long pages = 0;

	if (arenas > 0)
		pages = (unsigned long)arenas << pymm_arena_pages_shift();
	/* a page's worth of kept blocks counts as a page: freeing them may empty arenas */
	if (kept > 0)
		pages += (unsigned long)kept >> PAGE_SHIFT;
	return pages ? pages : SHRINK_EMPTY;
}

static unsigned long pymm_spares_scan(struct shrinker *s, struct shrink_control *sc)
{
	unsigned int shift = pymm_arena_pages_shift();
	u64 want = (sc->nr_to_scan + (1ul << shift) - 1) >> shift;
	u64 arenas = pymm_core_spares_reclaim(want ? want : 1);	/* trylocks */

	if (!arenas)
		return SHRINK_STOP;
	atomic64_add(arenas, &pymm_shrunk);
	sc->nr_scanned = arenas << shift;
	return arenas << shift;
}

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
static struct shrinker *pymm_shrinker;

static int pymm_shrinker_register(void)
{
	pymm_shrinker = shrinker_alloc(0, "pymm-spares");
	if (!pymm_shrinker)
		return -ENOMEM;
	pymm_shrinker->count_objects = pymm_spares_count;
	pymm_shrinker->scan_objects = pymm_spares_scan;
	pymm_shrinker->seeks = 0;	/* see pymm_shrinker_s */
	shrinker_register(pymm_shrinker);
	return 0;
}

static void pymm_shrinker_unregister(void)
{
	shrinker_free(pymm_shrinker);
}
#else
/*
 * seeks = 0: a spare costs no I/O to make again, so reclaim asks for half
 * of them at every priority, its lightest included, rather than a share
 * that shrinks with the priority (DEFAULT_SEEKS: none of one heap's 256
 * pages at priority 12, until deferred work adds up).
 */
static struct shrinker pymm_shrinker_s = {
	.count_objects = pymm_spares_count,
	.scan_objects = pymm_spares_scan,
	.seeks = 0,
};

static int pymm_shrinker_register(void)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 0, 0)
	return register_shrinker(&pymm_shrinker_s, "pymm-spares");
#else
	return register_shrinker(&pymm_shrinker_s);
#endif
}

static void pymm_shrinker_unregister(void)
{
	unregister_shrinker(&pymm_shrinker_s);
}
#endif

/* -------------------------------------------------------- load/unload */

/* After pymm_core_init(): both reach into the heaps. */
int pymm_spares_init(void)
{
	u32 idle_ms = div_u64(pymm_kparams.arena_idle_ns, NSEC_PER_MSEC);
	int err;

	if (!idle_ms)
		return 0;	/* no heap keeps spares: nothing to return */
	err = pymm_shrinker_register();
	if (err) {
		pr_err("cannot register the spare-arena shrinker: %d\n", err);
		return err;
	}
	pymm_idle_jiffies = msecs_to_jiffies(idle_ms);
	schedule_delayed_work(&pymm_trim_work, pymm_idle_jiffies);
	return 0;
}

/* Before pymm_core_exit(): neither may run once the heaps go. */
void pymm_spares_exit(void)
{
	if (!pymm_idle_jiffies)
		return;
	pymm_shrinker_unregister();
	cancel_delayed_work_sync(&pymm_trim_work);
}

u64 pymm_spares_shrunk(void)
{
	return atomic64_read(&pymm_shrunk);
}
