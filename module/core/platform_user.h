/* SPDX-License-Identifier: GPL-2.0 */
/*
 * platform_user.h - what the portable core gets from the user-space host.
 *
 * Included by platform.h when __KERNEL__ is not defined.  It mirrors
 * module/kernel/platform_kernel.h name for name, so that one core source
 * compiles in both places: the fixed-width types, errno values,
 * offsetof/NULL, the string functions, snprintf, ARRAY_SIZE, min/max,
 * likely/unlikely, the U64_MAX family and struct pymm_mutex.  If the core
 * needs something new, add it to platform.h's promise and to both hosts.
 *
 * The bottom of this file declares hooks only tests and tools use (memory
 * cap, fault injection, arena placement, log capture).  The core never calls
 * them.
 */
#ifndef PYMM_CORE_PLATFORM_USER_H
#define PYMM_CORE_PLATFORM_USER_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>
#include <errno.h>
#include <stdio.h>
#include <pthread.h>

/*
 * The kernel's own definitions (asm-generic/int-ll64.h): u64 is unsigned
 * long long on every architecture, so "%llu" fits it here as there.
 */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef signed short s16;
typedef signed int s32;
typedef signed long long s64;

#define U8_MAX		((u8)~0U)
#define U16_MAX		((u16)~0U)
#define U32_MAX		((u32)~0U)
#define U64_MAX		((u64)~0ULL)
#define S32_MAX		((s32)(U32_MAX >> 1))
#define S32_MIN		((s32)(-S32_MAX - 1))
#define S64_MAX		((s64)(U64_MAX >> 1))
#define S64_MIN		((s64)(-S64_MAX - 1))

#ifndef likely
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif
#ifndef noinline
#define noinline	__attribute__((__noinline__))
#endif
#ifndef __cold
#define __cold		__attribute__((__cold__))
#endif
#ifndef __aligned
#define __aligned(x)	__attribute__((__aligned__(x)))
#endif

#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]))

/*
 * Like the kernel's: both operands must have the same type, else the pointer
 * comparison warns (and -Werror stops the build here before the kernel
 * build finds it).
 */
#define min(x, y) ({				\
	__typeof__(x) _min1 = (x);		\
	__typeof__(y) _min2 = (y);		\
	(void)(&_min1 == &_min2);		\
	_min1 < _min2 ? _min1 : _min2; })
#define max(x, y) ({				\
	__typeof__(x) _max1 = (x);		\
	__typeof__(y) _max2 = (y);		\
	(void)(&_max1 == &_max2);		\
	_max1 > _max2 ? _max1 : _max2; })

struct pymm_mutex {
	pthread_mutex_t lock;
	const void *owner;	/* valid while held: pymm_lockdep_assert_held() */
	bool held;
};

/*
 * Who holds a mutex: the address of a thread-local byte, unique among the
 * live threads, and one instruction to compute where pthread_self() is a
 * call into libc (it was 1.6% of a script's instructions: every op takes
 * and asserts two mutexes).
 */
extern __thread char pymm_thread_token;
#define pymm_thread_self()	((const void *)&pymm_thread_token)

/*
 * Aborts unless this thread holds m (platform.h).  Inline, as the kernel's
 * lockdep_assert_held(): it opens every locked function, so an
 * out-of-line call was 10% of a script's instructions (callgrind of
 * tests/bench/scripts/int_loop.py); only the report is out of line.
 */
void pymm_mutex_not_held(const char *what, const char *func) __attribute__((noreturn, cold));

static inline void pymm_mutex_assert_held(struct pymm_mutex *m, const char *what,
					  const char *func)
{
	if (__builtin_expect(__atomic_load_n(&m->held, __ATOMIC_ACQUIRE) &&
			     __atomic_load_n(&m->owner, __ATOMIC_RELAXED) == pymm_thread_self(), 1))
		return;
	pymm_mutex_not_held(what, func);
}

#define pymm_lockdep_assert_held(m)	pymm_mutex_assert_held(m, #m, __func__)

/* 64-bit counters read without a lock (platform.h) */
struct pymm_atomic64 {
	s64 counter;
};

static inline s64 pymm_atomic64_read(const struct pymm_atomic64 *a)
{
	return __atomic_load_n(&a->counter, __ATOMIC_RELAXED);
}

static inline void pymm_atomic64_set(struct pymm_atomic64 *a, s64 v)
{
	__atomic_store_n(&a->counter, v, __ATOMIC_RELAXED);
}

static inline void pymm_atomic64_add(s64 v, struct pymm_atomic64 *a)
{
	__atomic_fetch_add(&a->counter, v, __ATOMIC_RELAXED);
}

/* ------------------------------------------------ test and tool hooks */

/*
 * Module-wide cap as the kernel's mem_limit parameter: pymm_plat_charge()
 * refuses once more than this many bytes would be held.  0 = no cap.
 */
void pymm_user_set_mem_limit(u64 bytes);
u64 pymm_user_charged(void);		/* bytes charged now */
u64 pymm_user_refusals(void);		/* charges the cap refused, as limit_refusals */

/*
 * Fault injection: the nth call of pymm_plat_should_fail() from now returns
 * true (n = 1: the very next one); the core makes that call once per host
 * allocation.  n = 0 disarms.  pymm_user_fail_pending() says whether the
 * armed failure has not fired yet.
 */
void pymm_user_fail_nth(unsigned int n);
bool pymm_user_fail_pending(void);
/*
 * Fault injection by chance, as the kernel's fail_probability parameter:
 * each call of pymm_plat_should_fail() also fails with this probability
 * (percent, 0 = off, 100 = always), from a PRNG seeded with seed (0: a
 * fixed default), so that a failing run can be repeated.
 * pymm_user_fail_injected() counts the failures injected either way.
 */
void pymm_user_fail_probability(unsigned int percent, u64 seed);
u64 pymm_user_fail_injected(void);

/*
 * The fatal-signal hook: the nth call of pymm_plat_fatal_signal() from now
 * (n = 1: the very next one) and every call after it return true, as a
 * pending SIGKILL would, until pymm_user_kill_after(0) disarms it.  The core
 * asks every PYMM_WORK_CHECK steps of an op (heap.h, struct pymm_work);
 * pymm_user_fatal_checks() counts the calls.
 */
void pymm_user_kill_after(u64 n);
u64 pymm_user_fatal_checks(void);
/* how many times the core slept (pymm_plat_sleep_us()) */
u64 pymm_user_sleeps(void);

/*
 * Arena placement.  skew < 0 (default): plain mmap, page aligned, as the
 * kernel's vmalloc.  skew >= 0: every arena starts skew bytes past a 64 KiB
 * boundary, so tests can force or forbid the pool-alignment loss.
 */
void pymm_user_set_arena_skew(long skew);

/* Host allocations currently outstanding (arenas, zalloc), for leak tests. */
u64 pymm_user_arenas_live(void);
u64 pymm_user_zallocs_live(void);

/*
 * Logging: messages at or below level (PYMM_LOG_*) go to stderr, the rest
 * are dropped; every message is counted either way.  Tests that provoke an
 * error set the level low and check the count went up.
 */
void pymm_user_set_log_level(int level);
u64 pymm_user_log_count(void);
/* The last message logged (any level), formatted, cut to size. */
void pymm_user_last_log(char *buf, size_t size);

/*
 * The kernel's reclaim, simulated: while on, every host allocation first
 * runs pymm_core_spares_reclaim() as the module's shrinker would from
 * inside it, with whatever locks the caller holds; mutexes created while
 * on are error-checking, so taking one the thread holds aborts instead of
 * hanging.  Turn it on before pymm_core_init().  pymm_user_reclaimed()
 * counts the arenas it took back.
 */
void pymm_user_set_reclaim(bool on);
u64 pymm_user_reclaimed(void);
/* every heap's spare arenas, as the heaps told (pymm_plat_spares_add()) */
long pymm_user_spares(void);
/* every heap's free-list bytes, as the heaps told (pymm_plat_freelist_add()) */
long pymm_user_freelist_bytes(void);

#endif /* PYMM_CORE_PLATFORM_USER_H */
