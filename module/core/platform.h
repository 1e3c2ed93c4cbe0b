/* SPDX-License-Identifier: GPL-2.0 */
/*
 * platform.h - the narrow interface the portable core needs from its host.
 *
 * The core (everything under module/core/) is plain C that includes no
 * kernel or libc header of its own.  It is compiled twice:
 *
 *   into pymm.ko         host = platform_kernel.{h,c} of the kernel front
 *                        end, its header found on the include path the
 *                        module's Kbuild gives (the core names no path
 *                        outside module/core)
 *   into libpymmcore.a   host = module/core/platform_user.{h,c}
 *                        (unit tests, fuzzers, benchmarks, pymmctl --local)
 *
 * Each host header supplies the fixed-width types (u8..u64, s8..s64, size_t,
 * bool), errno values, offsetof/NULL, the string functions (memcpy,
 * memset, memmove, memcmp, strlen, snprintf) and struct pymm_mutex.  This file
 * declares what each host must implement.  Keep it small: every function here
 * is a promise made twice.
 *
 * Memory rules.  Everything the core allocates on behalf of a user goes
 * through pymm_plat_arena_alloc() or pymm_plat_zalloc().  The kernel host
 * charges both to the calling task's memory cgroup (GFP_KERNEL_ACCOUNT) and
 * never uses high-order page allocations for arenas (vmalloc).  Both may sleep:
 * the core never calls them with a spinlock held (it holds only mutexes).
 *
 * Global accounting.  pymm_plat_charge() enforces the module-wide cap on the
 * bytes pymm holds (arenas plus large blocks plus metadata); it is an atomic
 * add-and-check, safe from any heap.
 */
#ifndef PYMM_CORE_PLATFORM_H
#define PYMM_CORE_PLATFORM_H

#ifdef __KERNEL__
#include "platform_kernel.h"	/* Kbuild: -I module/kernel */
#else
#include "platform_user.h"
#endif

/* ---- pages: arenas (ARENA_SIZE bytes, page aligned, contents undefined) */
void *pymm_plat_arena_alloc(size_t size);
void pymm_plat_arena_free(void *p, size_t size);

/* ---- zeroed memory for metadata and large blocks (any size > 0) */
void *pymm_plat_zalloc(size_t size);
void pymm_plat_free(void *p);

/* ---- module-wide byte cap: returns false (and charges nothing) if over */
bool pymm_plat_charge(size_t bytes);
void pymm_plat_uncharge(size_t bytes);
/* bytes the cap still allows (U64_MAX: no cap); a snapshot, for policy only */
u64 pymm_plat_room(void);
/*
 * A request was refused by a limit that every heap shares (the module cap
 * or an owner's account): ask the host to return every heap's spare arenas
 * soon (pymm_core_trim_idle(0)).  Must not sleep or take a core lock: the
 * caller holds a heap's.  A host without a timer does nothing.
 */
void pymm_plat_trim_soon(void);
/*
 * The heaps' spare arenas changed by delta: each heap reports its count at
 * its unlock and after every trim, so the host's sum is what its
 * memory-pressure hook can take, read without a lock.  Atomic; never
 * sleeps.
 */
void pymm_plat_spares_add(long delta);
/*
 * The bytes the heaps' free lists keep (freelist.h) changed by delta, told
 * at each unlock as the spares are: the memory-pressure hook counts them
 * too, and takes them with the spares.  Atomic; never sleeps.
 */
void pymm_plat_freelist_add(long delta);

/*
 * ---- sleeping locks (struct pymm_mutex comes from the host header).  A host
 * may define them in its header instead (PYMM_HOST_MUTEX_INLINE); the kernel
 * does, so that pymm_mutex_init() expands at each call site and lockdep sees
 * the registry, the accounts, the heaps and the clients as four lock classes
 * rather than one, which it would report as recursive locking.
 *
 * pymm_mutex_lock_killable() is for a wait a user's operation makes (for a
 * heap another user's operation may hold): 0 once taken, or -EINTR if a
 * fatal signal came first (the kernel's mutex_lock_killable(); a user-space
 * host never returns -EINTR).  pymm_lockdep_assert_held(m) states that the
 * caller holds m: lockdep_assert_held() in the kernel, an owner check that
 * aborts in user space.
 */
#ifndef PYMM_HOST_MUTEX_INLINE
void pymm_mutex_init(struct pymm_mutex *m);
void pymm_mutex_lock(struct pymm_mutex *m);
int pymm_mutex_lock_killable(struct pymm_mutex *m);
void pymm_mutex_unlock(struct pymm_mutex *m);
/* true if taken; never sleeps */
bool pymm_mutex_trylock(struct pymm_mutex *m);
void pymm_mutex_destroy(struct pymm_mutex *m);
#endif

/*
 * ---- struct pymm_atomic64 (from the host header): counters and figures read
 * without a lock (the client count, each heap's published figures).
 * pymm_atomic64_read(a), pymm_atomic64_set(a, v), pymm_atomic64_add(v, a):
 * each access whole, no ordering promised beyond that.
 */

/* ---- time and scheduling */
u64 pymm_plat_now_ns(void);	/* monotonic */
void pymm_plat_resched(void);	/* cond_resched() in long loops */
/* Sleeps about us microseconds; only with no core lock held. */
void pymm_plat_sleep_us(u32 us);
/*
 * True when the task running the op is being killed (kernel:
 * fatal_signal_pending(current); user space: a test hook,
 * pymm_user_kill_after()).  Asked every PYMM_WORK_CHECK steps of an op
 * (heap.h, struct pymm_work), which then ends with -EINTR, and by a /proc
 * reader waiting for a busy heap (stats.c), which then stops waiting.
 * Never sleeps.
 */
bool pymm_plat_fatal_signal(void);

/*
 * ---- invariant checks of debug builds (PYMM_DEBUG_CHECKS: the unit tests'
 * sanitized build, and the module built with PYMM_DEBUG=1 or on a kernel
 * with CONFIG_DEBUG_LIST).  PYMM_INVARIANT(cond, what) costs nothing
 * otherwise; when cond is false, pymm_plat_invariant_failed() reports it:
 * a WARN in the kernel (the heap is corrupt; the report says where it was
 * first seen), abort() in user space, so that a test can watch it fire.
 * For checks CPython's debug build makes (gcmodule.c's validate_list(),
 * obmalloc's pool list asserts), never for what a user can cause.
 */
#ifdef PYMM_DEBUG_CHECKS
void pymm_plat_invariant_failed(const char *func, const char *what);
#define PYMM_INVARIANT(cond, what)	do {				\
	if (unlikely(!(cond)))						\
		pymm_plat_invariant_failed(__func__, what);		\
} while (0)
#else
#define PYMM_INVARIANT(cond, what)	((void)sizeof(!(cond)))
#endif

/* ---- fault injection hook: true means "fail this allocation" */
bool pymm_plat_should_fail(void);

/*
 * ---- logging.  Levels follow printk.  pymm_plat_log_rl() is ratelimited and
 * is the one to use for anything a user can trigger.
 */
enum pymm_log_level {
	PYMM_LOG_ERR = 3,
	PYMM_LOG_WARN = 4,
	PYMM_LOG_NOTICE = 5,
	PYMM_LOG_INFO = 6,
	PYMM_LOG_DEBUG = 7,
};

void pymm_plat_log(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void pymm_plat_log_rl(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * ---- events for monitors (kernel: the netlink "events" group; user space:
 * nothing).  kind is a PYMM_EV_* of the uapi header; heap names the heap
 * (NULL: none); values[] per kind, in the order the uapi header lists for
 * that kind (HEAP_CREATE: uid, quota; HEAP_DESTROY: uid; GC_COLLECT:
 * generation, collected, uncollectable, pause ns; FINALIZE and
 * WEAKREF_CLEAR: count; QUOTA_REFUSAL: bytes asked, held, quota; GC_START:
 * generation).  May sleep
 * (allocates): call it with mutexes only, never under a spinlock.  Cheap when
 * nobody listens.
 */
struct pymm_event {
	u32 kind;
	const char *heap;
	u64 values[4];
};

void pymm_plat_event(const struct pymm_event *ev);

#endif /* PYMM_CORE_PLATFORM_H */
