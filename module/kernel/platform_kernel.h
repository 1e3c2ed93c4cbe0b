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

#endif /* PYMM_KERNEL_PLATFORM_KERNEL_H */
