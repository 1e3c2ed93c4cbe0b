// SPDX-License-Identifier: GPL-2.0
/*
 * bench_platform.c - the kernel host of pymm_bench.ko: module/core/platform.h
 * implemented the way module/kernel/platform_kernel.c does it for the
 * allocator's hot paths (arenas from __vmalloc, metadata from kvzalloc, both
 * GFP_KERNEL_ACCOUNT | __GFP_NOWARN; kernel mutexes; ktime), without the
 * real host's parameters, tracepoints and netlink events.  A copy of our own
 * keeps this benchmark building whatever the real host grows, and keeps
 * pymm.ko's module parameters and trace events out of this module.
 *
 * The byte cap is not enforced here (the benchmark holds little), but the
 * counter is kept atomic as in the real host, so that its cost is measured.
 */
#define pr_fmt(fmt) "pymm_bench: " fmt

#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "core/platform.h"

#define BENCH_GFP	(GFP_KERNEL_ACCOUNT | __GFP_NOWARN)

static atomic64_t bench_held = ATOMIC64_INIT(0);

void *pymm_plat_arena_alloc(size_t size)
{
	return __vmalloc(size, BENCH_GFP);
}

void pymm_plat_arena_free(void *p, size_t size)
{
	vfree(p);
}

void *pymm_plat_zalloc(size_t size)
{
	if (!size || size > INT_MAX)
		return NULL;
	return kvzalloc(size, BENCH_GFP);
}

void pymm_plat_free(void *p)
{
	kvfree(p);
}

bool pymm_plat_charge(size_t bytes)
{
	atomic64_add(bytes, &bench_held);
	return true;
}

void pymm_plat_uncharge(size_t bytes)
{
	atomic64_sub(bytes, &bench_held);
}

u64 pymm_plat_room(void)
{
	return U64_MAX;		/* no cap (above) */
}

/* The benchmark runs no heap timer: nothing to kick. */
void pymm_plat_trim_soon(void)
{
}

/* ... and registers no shrinker: nothing counts the spares. */
void pymm_plat_spares_add(long delta)
{
}

/* ... nor the free lists' bytes. */
void pymm_plat_freelist_add(long delta)
{
}

u64 pymm_plat_now_ns(void)
{
	return ktime_get_ns();
}

void pymm_plat_resched(void)
{
	cond_resched();
}

void pymm_plat_sleep_us(u32 us)
{
	usleep_range(us, us + us / 2);
}

/* insmod's task runs the benchmark's ops: a kill stops them, as in pymm.ko */
bool pymm_plat_fatal_signal(void)
{
	return fatal_signal_pending(current);
}

bool pymm_plat_should_fail(void)
{
	return false;
}

static void bench_vlog(int level, struct va_format *vaf)
{
	if (level <= PYMM_LOG_WARN)
		pr_warn("%pV\n", vaf);
	else
		pr_debug("%pV\n", vaf);
}

void pymm_plat_log(int level, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	bench_vlog(level, &vaf);
	va_end(args);
}

static DEFINE_RATELIMIT_STATE(bench_log_rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);

void pymm_plat_log_rl(int level, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	if (!__ratelimit(&bench_log_rs))
		return;
	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	bench_vlog(level, &vaf);
	va_end(args);
}

/* The core calls this to emit netlink events; nobody listens here. */
void pymm_plat_event(const struct pymm_event *ev)
{
}
