/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pymm_kernel.h - declarations shared by the kernel host's files
 * (main.c, platform_kernel.c, spares.c, chardev.c, procfs.c, netlink.c).
 * Nothing here is seen by the portable core.
 */
#ifndef PYMM_KERNEL_H
#define PYMM_KERNEL_H

#include "../core/alloc.h"	/* geometry: PYMM_ARENA_SHIFT_*, size classes */
#include "../core/pymm_core.h"

#define PYMM_MODULE_VERSION	"0.1.0"

/* main.c: the validated module parameters, fixed after init. */
extern struct pymm_core_params pymm_kparams;

/* platform_kernel.c: the host's own accounting, for /proc and unload. */
struct pymm_plat_stats {
	u64 limit;		/* module-wide byte cap (mem_limit_mb) */
	u64 held;		/* bytes charged now */
	u64 peak;		/* most bytes ever charged at once */
	u64 arena_allocs;	/* arenas handed to the core, total */
	u64 arena_frees;	/* arenas the core gave back, total */
	u64 refusals;		/* charges refused by the cap */
	int fail_nth;		/* fault injection countdown, 0 = off */
};

void pymm_plat_set_limit(u64 bytes);
void pymm_plat_get_stats(struct pymm_plat_stats *st);

/*
 * spares.c: the timer and the shrinker that return the heaps' spare arenas;
 * both run between pymm_core_init() and pymm_core_exit().
 */
int pymm_spares_init(void);
void pymm_spares_exit(void);
u64 pymm_spares_shrunk(void);	/* arenas the shrinker took back */

int pymm_chardev_init(void);
void pymm_chardev_exit(void);

int pymm_procfs_init(void);
void pymm_procfs_exit(void);

#endif /* PYMM_KERNEL_H */
