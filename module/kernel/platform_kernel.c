// SPDX-License-Identifier: GPL-2.0
/*
 * platform_kernel.c - the kernel host behind module/core/platform.h.
 *
 * Memory.  Arenas come from __vmalloc(): an arena is 256 KiB or 1 MiB, and
 * a physically contiguous allocation of that size (order 6 or 8) is exactly
 * what fails first on a fragmented machine; vmalloc builds it from order-0
 * pages (the reason zsmalloc gives for never going high-order).  Metadata
 * and large blocks come from kvzalloc(), which tries the slab for small sizes
 * and falls back to vmalloc.  Everything is GFP_KERNEL_ACCOUNT: it is
 * allocated on behalf of the calling task and charged to its memory cgroup,
 * so a container filling its heaps hits its own limit, not the machine's.
 * __GFP_NOWARN because a failure is reported to the user as MemoryError;
 * a stack dump in the kernel log would only let a user spam it.
 *
 * Global cap.  pymm_plat_charge() is an atomic add-and-check on one counter:
 * add first, then back out if the sum crossed the limit.  Two racing charges
 * can both be refused near the limit; neither can push the total past it.
 *
 * Fault injection.  Writing N to /sys/module/pymm/parameters/fail_nth makes
 * the N-th call of pymm_plat_should_fail() from then on say "fail", once; the
 * core asks it once before each host allocation (as with the user-space
 * host, so a failure schedule means the same in both).  0 turns it off.
 * fail_probability=P (percent) makes every call also fail with chance P/100,
 * as failslab's probability; fail_injected counts the failures either knob
 * caused, so a test can tell that its faults fired.
 */

#define pr_fmt(fmt) "pymm: " fmt

#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/random.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "../core/platform.h"
#include "pymm_kernel.h"
#include "trace.h"

#define PYMM_GFP	(GFP_KERNEL_ACCOUNT | __GFP_NOWARN)

static u64 pymm_limit = U64_MAX;
static atomic64_t pymm_held = ATOMIC64_INIT(0);
static atomic64_t pymm_peak = ATOMIC64_INIT(0);
static atomic64_t pymm_refusals = ATOMIC64_INIT(0);
static atomic64_t pymm_arena_allocs = ATOMIC64_INIT(0);
static atomic64_t pymm_arena_frees = ATOMIC64_INIT(0);
static atomic_t pymm_fail_countdown = ATOMIC_INIT(0);

/* ---- fault injection */

static int fail_nth_set(const char *val, const struct kernel_param *kp)
{
	int n, err;

	err = kstrtoint(val, 0, &n);
	if (err)
		return err;
	if (n < 0)
		return -EINVAL;
	atomic_set(&pymm_fail_countdown, n);
	return 0;
}

static int fail_nth_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d\n", atomic_read(&pymm_fail_countdown));
}

static const struct kernel_param_ops fail_nth_ops = {
	.set = fail_nth_set,
	.get = fail_nth_get,
};

/* Writable at run time: tests arm it between operations. */
module_param_cb(fail_nth, &fail_nth_ops, NULL, 0600);
MODULE_PARM_DESC(fail_nth,
		 "Fault injection: fail the N-th allocation from now, once (0 = off)");

static unsigned int pymm_fail_percent;
static atomic64_t pymm_fail_injected = ATOMIC64_INIT(0);

static int fail_probability_set(const char *val, const struct kernel_param *kp)
{
	unsigned int pct;
	int err;

	err = kstrtouint(val, 0, &pct);
	if (err)
		return err;
	if (pct > 100)
		return -EINVAL;
	WRITE_ONCE(pymm_fail_percent, pct);
	return 0;
}

static int fail_probability_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(pymm_fail_percent));
}

static const struct kernel_param_ops fail_probability_ops = {
	.set = fail_probability_set,
	.get = fail_probability_get,
};

module_param_cb(fail_probability, &fail_probability_ops, NULL, 0600);
MODULE_PARM_DESC(fail_probability,
		 "Fault injection: fail each allocation with this probability, in percent (0 = off)");

static int fail_injected_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%lld\n", atomic64_read(&pymm_fail_injected));
}

static const struct kernel_param_ops fail_injected_ops = {
	.get = fail_injected_get,
};

module_param_cb(fail_injected, &fail_injected_ops, NULL, 0444);
MODULE_PARM_DESC(fail_injected, "Allocations failed on purpose so far (fail_nth, fail_probability)");

#ifdef PYMM_DEBUG_CHECKS
/* platform.h: a debug build's invariant broke; the heap is not to be trusted */
void pymm_plat_invariant_failed(const char *func, const char *what)
{
	WARN(1, "pymm: %s: invariant broken: %s\n", func, what);
}
#endif

bool pymm_plat_should_fail(void)
{
	unsigned int pct = READ_ONCE(pymm_fail_percent);
	bool fail;

	/* Only the call that takes the countdown from 1 to 0 fails. */
	fail = atomic_dec_if_positive(&pymm_fail_countdown) == 0;
	if (!fail && pct)
		fail = get_random_u32_below(100) < pct;
	if (fail)
		atomic64_inc(&pymm_fail_injected);
	return fail;
}

/* ---- pages and zeroed memory */

void *pymm_plat_arena_alloc(size_t size)
{
	void *p = __vmalloc(size, PYMM_GFP);

	if (p)
		atomic64_inc(&pymm_arena_allocs);
	trace_pymm_arena_alloc(size, p ? atomic64_read(&pymm_arena_allocs) -
			       atomic64_read(&pymm_arena_frees) : -1);
	return p;
}

void pymm_plat_arena_free(void *p, size_t size)
{
	if (!p)
		return;
	atomic64_inc(&pymm_arena_frees);
	trace_pymm_arena_free(size, atomic64_read(&pymm_arena_allocs) -
			      atomic64_read(&pymm_arena_frees));
	vfree(p);
}

void *pymm_plat_zalloc(size_t size)
{
	/* kvmalloc() warns on sizes past INT_MAX; a user can ask for those. */
	if (!size || size > INT_MAX)
		return NULL;
	return kvzalloc(size, PYMM_GFP);
}

void pymm_plat_free(void *p)
{
	kvfree(p);
}

/* ---- module-wide byte cap */

void pymm_plat_set_limit(u64 bytes)
{
	pymm_limit = bytes;
}

bool pymm_plat_charge(size_t bytes)
{
	s64 now = atomic64_add_return(bytes, &pymm_held);
	s64 peak;

	if ((u64)now > pymm_limit) {
		atomic64_sub(bytes, &pymm_held);
		atomic64_inc(&pymm_refusals);
		return false;
	}
	peak = atomic64_read(&pymm_peak);
	while (now > peak) {
		s64 old = atomic64_cmpxchg(&pymm_peak, peak, now);

		if (old == peak)
			break;
		peak = old;
	}
	return true;
}

u64 pymm_plat_room(void)
{
	s64 held = atomic64_read(&pymm_held);

	return (u64)held < pymm_limit ? pymm_limit - (u64)held : 0;
}

void pymm_plat_uncharge(size_t bytes)
{
	s64 now = atomic64_sub_return(bytes, &pymm_held);

	/* The core uncharged more than it charged: its accounting is broken. */
	WARN_ON_ONCE(now < 0);
}

void pymm_plat_get_stats(struct pymm_plat_stats *st)
{
	st->limit = pymm_limit;
	st->held = atomic64_read(&pymm_held);
	st->peak = atomic64_read(&pymm_peak);
	st->arena_allocs = atomic64_read(&pymm_arena_allocs);
	st->arena_frees = atomic64_read(&pymm_arena_frees);
	st->refusals = atomic64_read(&pymm_refusals);
	st->fail_nth = atomic_read(&pymm_fail_countdown);
}

/* ---- time and scheduling */

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

/*
 * Ops run in the calling task's context (ioctl, a netlink request), and
 * so do /proc reads, so current is the task a SIGKILL is for.  Other
 * callers (the idle timer, module unload) run no op and read no view: the
 * core never asks them.
 */
bool pymm_plat_fatal_signal(void)
{
	return fatal_signal_pending(current);
}

/* ---- logging */

/* The core may or may not end a message with a newline; print exactly one. */
static void pymm_vlog(int level, const char *fmt, struct va_format *vaf)
{
	size_t len = strlen(fmt);
	const char *nl = len && fmt[len - 1] == '\n' ? "" : "\n";

	switch (level) {
	case PYMM_LOG_ERR:
		pr_err("%pV%s", vaf, nl);
		break;
	case PYMM_LOG_WARN:
		pr_warn("%pV%s", vaf, nl);
		break;
	case PYMM_LOG_NOTICE:
		pr_notice("%pV%s", vaf, nl);
		break;
	case PYMM_LOG_INFO:
		pr_info("%pV%s", vaf, nl);
		break;
	default:
		pr_debug("%pV%s", vaf, nl);
		break;
	}
}

void pymm_plat_log(int level, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	pymm_vlog(level, fmt, &vaf);
	va_end(args);
}

/* One state for every user-triggerable message: a flood from one heap must
 * not be able to crowd out the log.
 */
static DEFINE_RATELIMIT_STATE(pymm_log_rs, DEFAULT_RATELIMIT_INTERVAL,
			      DEFAULT_RATELIMIT_BURST);

void pymm_plat_log_rl(int level, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	if (!__ratelimit(&pymm_log_rs))
		return;
	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	pymm_vlog(level, fmt, &vaf);
	va_end(args);
}
