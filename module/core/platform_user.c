// SPDX-License-Identifier: GPL-2.0
/*
 * platform_user.c - the user-space host of the portable core: unit tests
 * (under ASan/UBSan and valgrind), fuzzers, benchmarks, pymmctl --local.
 *
 * Arenas come from mmap, as CPython's _PyObject_VirtualAlloc, so that an
 * arena's pages really go back to the system when the core frees it and a
 * sanitizer sees any use after that as a fault.  Metadata and large blocks
 * come from calloc.  The module-wide cap, the fault-injection countdown and
 * the counters are process-wide atomics: the core may run several heaps on
 * several threads at once, as in the kernel.
 */
#include "platform.h"
#include "pymm_core.h"	/* pymm_core_spares_reclaim(): simulated reclaim */

#include <stdarg.h>
#include <stdlib.h>
#include <time.h>
#include <sys/mman.h>
#include <unistd.h>

static u64 mem_limit;		/* 0 = no cap */
static u64 mem_charged;
static u64 mem_refusals;
static unsigned int fail_countdown;	/* 0 = disarmed */
static long arena_skew = -1;
static u64 arenas_live;
static u64 zallocs_live;
static int log_level = PYMM_LOG_NOTICE;
static u64 log_count;
static long spares;		/* pymm_plat_spares_add() */
static long freelist_bytes;	/* pymm_plat_freelist_add() */
static bool reclaim_on;		/* pymm_user_set_reclaim() */
static u64 reclaimed;
static __thread bool in_reclaim;

/*
 * What the kernel's shrinker would do if this allocation entered reclaim:
 * run from inside it, with whatever locks the caller holds.
 */
static void reclaim(void)
{
	if (!__atomic_load_n(&reclaim_on, __ATOMIC_RELAXED) || in_reclaim)
		return;
	in_reclaim = true;
	__atomic_add_fetch(&reclaimed, pymm_core_spares_reclaim(U64_MAX), __ATOMIC_RELAXED);
	in_reclaim = false;
}

void pymm_user_set_reclaim(bool on)
{
	__atomic_store_n(&reclaim_on, on, __ATOMIC_RELAXED);
}

u64 pymm_user_reclaimed(void)
{
	return __atomic_load_n(&reclaimed, __ATOMIC_RELAXED);
}

/* ------------------------------------------------------------- arenas */

#define SKEW_ALIGN	(64UL << 10)

void *pymm_plat_arena_alloc(size_t size)
{
	long skew = __atomic_load_n(&arena_skew, __ATOMIC_RELAXED);
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t len;
	char *raw, *p;

	reclaim();
	if (size == 0 || size % page)
		return NULL;
	if (skew < 0 || (size_t)skew % page || (size_t)skew >= SKEW_ALIGN) {
		p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return NULL;
		goto out;
	}
	/* Over-map, then trim both ends so the arena starts where asked. */
	len = size + 2 * SKEW_ALIGN;
	raw = mmap(NULL, len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		return NULL;
	p = (char *)(((unsigned long)raw + SKEW_ALIGN - 1) & ~(SKEW_ALIGN - 1)) + skew;
	if (p > raw)
		munmap(raw, (size_t)(p - raw));
	if (p + size < raw + len)
		munmap(p + size, (size_t)(raw + len - (p + size)));
out:
	__atomic_add_fetch(&arenas_live, 1, __ATOMIC_RELAXED);
	return p;
}

void pymm_plat_arena_free(void *p, size_t size)
{
	if (!p)
		return;
	munmap(p, size);
	__atomic_sub_fetch(&arenas_live, 1, __ATOMIC_RELAXED);
}

/* -------------------------------------------------------- zeroed memory */

void *pymm_plat_zalloc(size_t size)
{
	void *p;

	reclaim();
	if (size == 0)
		return NULL;
	p = calloc(1, size);
	if (p)
		__atomic_add_fetch(&zallocs_live, 1, __ATOMIC_RELAXED);
	return p;
}

void pymm_plat_free(void *p)
{
	if (!p)
		return;
	free(p);
	__atomic_sub_fetch(&zallocs_live, 1, __ATOMIC_RELAXED);
}

/* ------------------------------------------------------ module-wide cap */

bool pymm_plat_charge(size_t bytes)
{
	u64 limit = __atomic_load_n(&mem_limit, __ATOMIC_RELAXED);
	u64 now = __atomic_add_fetch(&mem_charged, bytes, __ATOMIC_RELAXED);

	if (limit && now > limit) {
		__atomic_sub_fetch(&mem_charged, bytes, __ATOMIC_RELAXED);
		__atomic_add_fetch(&mem_refusals, 1, __ATOMIC_RELAXED);
		return false;
	}
	return true;
}

u64 pymm_user_refusals(void)
{
	return __atomic_load_n(&mem_refusals, __ATOMIC_RELAXED);
}

void pymm_plat_uncharge(size_t bytes)
{
	__atomic_sub_fetch(&mem_charged, bytes, __ATOMIC_RELAXED);
}

u64 pymm_plat_room(void)
{
	u64 limit = __atomic_load_n(&mem_limit, __ATOMIC_RELAXED);
	u64 now = __atomic_load_n(&mem_charged, __ATOMIC_RELAXED);

	if (!limit)
		return U64_MAX;
	return now < limit ? limit - now : 0;
}

/* No timer in user space: tests call pymm_core_trim_idle() themselves. */
void pymm_plat_trim_soon(void)
{
}

void pymm_plat_spares_add(long delta)
{
	__atomic_add_fetch(&spares, delta, __ATOMIC_RELAXED);
}

void pymm_plat_freelist_add(long delta)
{
	__atomic_add_fetch(&freelist_bytes, delta, __ATOMIC_RELAXED);
}

long pymm_user_freelist_bytes(void)
{
	return __atomic_load_n(&freelist_bytes, __ATOMIC_RELAXED);
}

long pymm_user_spares(void)
{
	return __atomic_load_n(&spares, __ATOMIC_RELAXED);
}

void pymm_user_set_mem_limit(u64 bytes)
{
	__atomic_store_n(&mem_limit, bytes, __ATOMIC_RELAXED);
}

u64 pymm_user_charged(void)
{
	return __atomic_load_n(&mem_charged, __ATOMIC_RELAXED);
}

/* ---------------------------------------------------------------- locks */

/*
 * Error-checking while reclaim is simulated: a thread taking a lock it
 * already holds (what reclaim entered under that lock would do) aborts
 * with a message instead of hanging the test.
 */
void pymm_mutex_init(struct pymm_mutex *m)
{
	pthread_mutexattr_t attr;

	pthread_mutexattr_init(&attr);
	if (__atomic_load_n(&reclaim_on, __ATOMIC_RELAXED))
		pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&m->lock, &attr);
	pthread_mutexattr_destroy(&attr);
}

__thread char pymm_thread_token;

/* the owner check of pymm_lockdep_assert_held(): who holds m, if anyone */
static void mutex_taken(struct pymm_mutex *m)
{
	__atomic_store_n(&m->owner, pymm_thread_self(), __ATOMIC_RELAXED);
	__atomic_store_n(&m->held, true, __ATOMIC_RELEASE);
}

void pymm_mutex_lock(struct pymm_mutex *m)
{
	int err = pthread_mutex_lock(&m->lock);

	if (err) {
		fprintf(stderr, "pymm_mutex_lock: error %d (a lock this thread holds?)\n", err);
		abort();
	}
	mutex_taken(m);
}

/* user space has no fatal signals to wait for: never interrupted */
int pymm_mutex_lock_killable(struct pymm_mutex *m)
{
	pymm_mutex_lock(m);
	return 0;
}

void pymm_mutex_unlock(struct pymm_mutex *m)
{
	__atomic_store_n(&m->held, false, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&m->lock);
}

bool pymm_mutex_trylock(struct pymm_mutex *m)
{
	if (pthread_mutex_trylock(&m->lock))
		return false;
	mutex_taken(m);
	return true;
}

void pymm_mutex_not_held(const char *what, const char *func)
{
	fprintf(stderr, "%s: %s not held by this thread\n", func, what);
	abort();
}

#ifdef PYMM_DEBUG_CHECKS
void pymm_plat_invariant_failed(const char *func, const char *what)
{
	fprintf(stderr, "%s: invariant broken: %s\n", func, what);
	abort();
}
#endif

void pymm_mutex_destroy(struct pymm_mutex *m)
{
	pthread_mutex_destroy(&m->lock);
}

/* --------------------------------------------------- time and scheduling */

u64 pymm_plat_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

void pymm_plat_resched(void)
{
}

static u64 sleeps;

void pymm_plat_sleep_us(u32 us)
{
	__atomic_add_fetch(&sleeps, 1, __ATOMIC_RELAXED);
	usleep(us);
}

u64 pymm_user_sleeps(void)
{
	return __atomic_load_n(&sleeps, __ATOMIC_RELAXED);
}

/*
 * The fatal-signal test hook: after n more calls the task counts as killed
 * (and stays so, as a pending SIGKILL does) until disarmed.
 */
static u64 kill_countdown;	/* 0: disarmed */
static bool killed;
static u64 fatal_checks;

bool pymm_plat_fatal_signal(void)
{
	u64 old = __atomic_load_n(&kill_countdown, __ATOMIC_RELAXED);

	__atomic_add_fetch(&fatal_checks, 1, __ATOMIC_RELAXED);
	while (old) {
		if (__atomic_compare_exchange_n(&kill_countdown, &old, old - 1, false,
						__ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
			if (old == 1)
				__atomic_store_n(&killed, true, __ATOMIC_RELAXED);
			break;
		}
	}
	return __atomic_load_n(&killed, __ATOMIC_RELAXED);
}

void pymm_user_kill_after(u64 n)
{
	__atomic_store_n(&killed, false, __ATOMIC_RELAXED);
	__atomic_store_n(&kill_countdown, n, __ATOMIC_RELAXED);
}

u64 pymm_user_fatal_checks(void)
{
	return __atomic_load_n(&fatal_checks, __ATOMIC_RELAXED);
}

/* ------------------------------------------------------ fault injection */

static unsigned int fail_percent;	/* 0 = off */
static u64 fail_rng = 0x9e3779b97f4a7c15ULL;
static u64 fail_injected;

/* xorshift64*: racing callers may share a draw, which is harmless here. */
static bool fail_by_chance(void)
{
	unsigned int pct = __atomic_load_n(&fail_percent, __ATOMIC_RELAXED);
	u64 x;

	if (!pct)
		return false;
	x = __atomic_load_n(&fail_rng, __ATOMIC_RELAXED);
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	__atomic_store_n(&fail_rng, x, __ATOMIC_RELAXED);
	return (x * 0x2545f4914f6cdd1dULL >> 32) % 100 < pct;
}

bool pymm_plat_should_fail(void)
{
	unsigned int old = __atomic_load_n(&fail_countdown, __ATOMIC_RELAXED);
	bool fail = false;

	/* Count down without going below zero, even with racing callers. */
	while (old) {
		if (__atomic_compare_exchange_n(&fail_countdown, &old, old - 1, false,
						__ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
			fail = old == 1;
			break;
		}
	}
	if (!fail)
		fail = fail_by_chance();
	if (fail)
		__atomic_add_fetch(&fail_injected, 1, __ATOMIC_RELAXED);
	return fail;
}

void pymm_user_fail_probability(unsigned int percent, u64 seed)
{
	if (percent > 100)
		percent = 100;
	__atomic_store_n(&fail_rng, seed ? seed : 0x9e3779b97f4a7c15ULL, __ATOMIC_RELAXED);
	__atomic_store_n(&fail_percent, percent, __ATOMIC_RELAXED);
}

u64 pymm_user_fail_injected(void)
{
	return __atomic_load_n(&fail_injected, __ATOMIC_RELAXED);
}

void pymm_user_fail_nth(unsigned int n)
{
	__atomic_store_n(&fail_countdown, n, __ATOMIC_RELAXED);
}

bool pymm_user_fail_pending(void)
{
	return __atomic_load_n(&fail_countdown, __ATOMIC_RELAXED) != 0;
}

void pymm_user_set_arena_skew(long skew)
{
	__atomic_store_n(&arena_skew, skew, __ATOMIC_RELAXED);
}

u64 pymm_user_arenas_live(void)
{
	return __atomic_load_n(&arenas_live, __ATOMIC_RELAXED);
}

u64 pymm_user_zallocs_live(void)
{
	return __atomic_load_n(&zallocs_live, __ATOMIC_RELAXED);
}

/* -------------------------------------------------------------- logging */

/* The last message, for tests that check what a report says. */
static char last_log[512];
static pthread_mutex_t last_log_lock = PTHREAD_MUTEX_INITIALIZER;

static void vlog(int level, const char *fmt, va_list ap)
{
	va_list copy;

	__atomic_add_fetch(&log_count, 1, __ATOMIC_RELAXED);
	va_copy(copy, ap);
	pthread_mutex_lock(&last_log_lock);
	vsnprintf(last_log, sizeof(last_log), fmt, copy);
	pthread_mutex_unlock(&last_log_lock);
	va_end(copy);
	if (level > __atomic_load_n(&log_level, __ATOMIC_RELAXED))
		return;
	fputs("pymm: ", stderr);
	vfprintf(stderr, fmt, ap);
	/* printk continues a line without "\n"; stderr needs one. */
	if (!*fmt || fmt[strlen(fmt) - 1] != '\n')
		fputc('\n', stderr);
}

void pymm_plat_log(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(level, fmt, ap);
	va_end(ap);
}

/* No rate limit here: tests want every line; the kernel host limits. */
void pymm_plat_log_rl(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(level, fmt, ap);
	va_end(ap);
}

void pymm_user_set_log_level(int level)
{
	__atomic_store_n(&log_level, level, __ATOMIC_RELAXED);
}

u64 pymm_user_log_count(void)
{
	return __atomic_load_n(&log_count, __ATOMIC_RELAXED);
}

void pymm_user_last_log(char *buf, size_t size)
{
	pthread_mutex_lock(&last_log_lock);
	snprintf(buf, size, "%s", last_log);
	pthread_mutex_unlock(&last_log_lock);
}

/* Events go to netlink monitors in the kernel; user space has none. */
void pymm_plat_event(const struct pymm_event *ev)
{
}
