/* SPDX-License-Identifier: GPL-2.0 */
/*
 * platform_kernel.h - what the portable core gets from the kernel host.
 *
 * Included by module/core/platform.h when __KERNEL__ is defined, and by
 * nothing else in the core.  It supplies exactly what platform.h promises:
 * fixed-width types, errno values, offsetof/NULL, the string functions,
 * snprintf and struct pymm_mutex.  Anything more the core would need belongs
 * in platform.h first, so that the user-space host can promise it too.
 */
#ifndef PYMM_KERNEL_PLATFORM_KERNEL_H
#define PYMM_KERNEL_PLATFORM_KERNEL_H

#include <linux/types.h>	/* u8..u64, s8..s64, size_t, bool */
#include <linux/stddef.h>	/* NULL, offsetof, true, false */
#include <linux/errno.h>	/* including EDQUOT, EUCLEAN, EOPNOTSUPP */
#include <linux/string.h>	/* memcpy, memset, memmove, memcmp, strlen */
#include <linux/kernel.h>	/* snprintf, ARRAY_SIZE, min, max */
#include <linux/limits.h>	/* U64_MAX, S64_MIN ... */
#include <linux/mutex.h>
#include <linux/atomic.h>
#include <linux/lockdep.h>

/*
 * A sleeping lock.  The core holds only these (never a spinlock), so every
 * host allocation it makes may sleep and charge the caller's memcg.
 */
struct pymm_mutex {
	struct mutex lock;	/* the lock itself; rules live with each user */
};

/*
 * Inline, and init a macro: mutex_init() makes one lockdep class per call
 * site, so the registry, the accounts, the heaps and the clients each get
 * their own (platform.h).
 */
#define PYMM_HOST_MUTEX_INLINE
#define pymm_mutex_init(pm)	mutex_init(&(pm)->lock)

static inline void pymm_mutex_lock(struct pymm_mutex *m)
{
	mutex_lock(&m->lock);
}

/* 0, or -EINTR: a fatal signal came while waiting */
static inline int pymm_mutex_lock_killable(struct pymm_mutex *m)
{
	return mutex_lock_killable(&m->lock);
}

static inline void pymm_mutex_unlock(struct pymm_mutex *m)
{
	mutex_unlock(&m->lock);
}

/* true if taken; never sleeps */
static inline bool pymm_mutex_trylock(struct pymm_mutex *m)
{
	return mutex_trylock(&m->lock);
}

static inline void pymm_mutex_destroy(struct pymm_mutex *m)
{
	mutex_destroy(&m->lock);
}

#define pymm_lockdep_assert_held(pm)	lockdep_assert_held(&(pm)->lock)

/* 64-bit counters read without a lock (platform.h) */
struct pymm_atomic64 {
	atomic64_t v;
};

static inline s64 pymm_atomic64_read(const struct pymm_atomic64 *a)
{
	return atomic64_read(&a->v);
}

static inline void pymm_atomic64_set(struct pymm_atomic64 *a, s64 v)
{
	atomic64_set(&a->v, v);
}

static inline void pymm_atomic64_add(s64 v, struct pymm_atomic64 *a)
{
	atomic64_add(v, &a->v);
}

#endif /* PYMM_KERNEL_PLATFORM_KERNEL_H */
