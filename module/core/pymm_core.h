/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pymm_core.h - what a host (the kernel module, or user space) calls.
 *
 * The whole core is reached through four things: global init/exit, clients,
 * one operation entry point, and read-only snapshots for /proc.  Front ends
 * (ioctl, netlink, pymmctl --local) decode their input into a struct pymm_op
 * plus a kernel-side buffer and call pymm_op_exec(); they never touch heap
 * internals.  That keeps validation in one place.
 *
 * Buffers: the host copies op->data_len bytes of the caller's buffer into
 * buf before the call (for ops that read data) and copies op->data_len bytes
 * back after it (for ops that write data; the core sets data_len to the bytes
 * produced, or to the bytes needed with PYMM_OUTF_TRUNC).  buf is never a user
 * pointer; buf_cap is its size.  Hosts cap buf_cap at PYMM_DATA_MAX.
 *
 * Locking (see heap.h for the rules next to the locks): the core takes its
 * own mutexes; a host calls in from process context with no lock held.
 */
#ifndef PYMM_CORE_H
#define PYMM_CORE_H

#include "platform.h"
#include "../uapi/pymm.h"

struct pymm_client;

/* Module-wide settings, fixed at init (module parameters in the kernel). */
struct pymm_core_params {
	u64 heap_quota;		/* default per-heap quota, bytes */
	u64 user_quota;		/* bytes all heaps of one non-root owner may hold; 0: none */
	u32 max_heaps_per_user;
	u32 max_frame_depth;	/* recursion limit; 0: PYMM_RECURSION_LIMIT */
	/*
	 * Steps any op may take whatever the heap holds (0: 2**24); an op
	 * may also take two per pointer its heap holds (heap.h, struct
	 * pymm_work).  Past that it ends with -ETIME (no Python exception: pymm's bound).
	 */
	u64 work_base;
	u32 max_handles;	/* per client */
	u32 arena_shift;	/* PYMM_ARENA_SHIFT_SMALL or _LARGE */
	u32 pool_shift;
	u32 gc_debug;		/* PYMM_GC_DEBUG_* applied to new heaps */
	u32 debug_alloc;	/* 1: new heaps use the debug allocator (alloc.h) */
	/*
	 * 0 (the default): PYMM_DEFAULT_HEAP names each uid's own private
	 * heap.  1: it names one heap shared by every user (heap.c).
	 */
	u32 public_heap;
	/*
	 * How long a heap may keep up to 1 MiB of empty arenas after the
	 * operation that emptied them, for the next operations to reuse
	 * (heap.h); 0: none is kept.  pymm_core_trim_idle() returns the ones
	 * idle that long.
	 */
	u64 arena_idle_ns;
};

int pymm_core_init(const struct pymm_core_params *params);
/*
 * Returns to the host the spare arenas of every heap whose spares have sat
 * empty for at least min_idle_ns (0: all of them); returns how many.  The kernel host calls it
 * from a timer every arena_idle_ns.  Takes the registry lock and only tries
 * heaps' locks (a busy heap trims itself at its unlock).
 */
u64 pymm_core_trim_idle(u64 min_idle_ns);
/*
 * For the host's memory-pressure hook (a shrinker): returns whole heaps'
 * spares until at least want arenas went back, and returns how many did
 * (the count to offer comes from pymm_plat_spares_add()).  Never sleeps on
 * a core lock (busy heaps are skipped), so it is safe from reclaim entered
 * with one held; the host takes nothing of its own around it.
 */
u64 pymm_core_spares_reclaim(u64 want);
/* Destroys every heap; returns the number of leaked blocks found (logged). */
u64 pymm_core_exit(void);

/*
 * A client is one user-space session.  uid is the caller's (fsuid), admin
 * says whether it may act on every heap (CAP_SYS_ADMIN of the opener; hosts
 * re-check the caller's with pymm_op_exec_as()).  Every client starts
 * attached to nothing; PYMM_OP_HEAP_ATTACH attaches it (the default heap,
 * the caller's own unless public_heap is set, is created on first attach by
 * name PYMM_DEFAULT_HEAP).
 */
struct pymm_client *pymm_client_new(u32 uid, bool admin);
/*
 * The same, but says why it failed in *err: -EDQUOT (the uid's account,
 * user_quota, is full), -ENOSPC (the module cap), -ENOMEM.
 */
struct pymm_client *pymm_client_create(u32 uid, bool admin, int *err);
/*
 * Drops every handle and frame; detaches; frees.  Safe at any point.  What
 * the host charged with pymm_client_charge() must be uncharged before.
 */
void pymm_client_release(struct pymm_client *c);

/*
 * Memory a host keeps for a client (an open file's struct and data buffer,
 * a netlink session) is charged to the client's uid like the client's own
 * tables: to the uid's account (user_quota; root is not accounted), then to
 * the module cap.  0, or -EDQUOT / -ENOSPC with nothing charged.  Any lock
 * or none may be held.  Uncharge the same bytes before releasing the client.
 */
int pymm_client_charge(struct pymm_client *c, size_t bytes);
void pymm_client_uncharge(struct pymm_client *c, size_t bytes);

/*
 * Per-user accounts for /proc (pymm_visit_accts(): the reader's own, every
 * one if admin).  held counts everything charged to the uid: its heaps'
 * blocks and arenas, and client_held, what its clients hold outside heaps.
 * fn runs with the accounts' lock held: it must not sleep, allocate or call
 * the core.  Returns the first non-zero return of fn, or 0.
 */
struct pymm_acct_info {
	u32 uid;
	u32 heaps;		/* heaps the uid owns */
	u32 clients;		/* clients of the uid: open files, sessions */
	u64 held;
	u64 client_held;
	u64 quota;		/* params.user_quota */
};

typedef int (*pymm_acct_view_fn)(const struct pymm_acct_info *a, void *arg);

int pymm_visit_accts(u32 uid, bool admin, pymm_acct_view_fn fn, void *arg);

/*
 * Runs one operation.  Always sets op->error (0 or -errno) and op->exc and
 * returns op->error.  Validates every field of op; leaves the heap consistent
 * whatever happens.
 */
int pymm_op_exec(struct pymm_client *c, struct pymm_op *op, void *buf,
		 u32 buf_cap);
/*
 * The same, for a host that re-checks the caller's privilege per call: the
 * op acts as an admin only if the client was opened by one (the admin of
 * pymm_client_new()) and admin_now (the caller holds CAP_SYS_ADMIN now).
 * pymm_op_exec() is pymm_op_exec_as(c, true, ...): the opener's rights.
 */
int pymm_op_exec_as(struct pymm_client *c, bool admin_now, struct pymm_op *op,
		    void *buf, u32 buf_cap);

/*
 * Runs ops[0], ops[1], ... in order, each exactly as pymm_op_exec(c, op,
 * NULL, 0) would, but takes the client's and the heap's locks once for the
 * whole run.  Stops BEFORE the first op it may not run that way (data_len
 * != 0: the host owns buffer copies; a PYMM_OP_HEAP_* registry op: lock
 * order), and with PYMM_BATCHF_STOP_ON_ERROR in flags AFTER the first op
 * that fails; AFTER an op that ended with -EINTR (its task is being
 * killed: pymm_plat_fatal_signal()) whatever the flags; and AFTER the op
 * that takes the steps of the run past params.work_base (heap.h, struct
 * pymm_work), so that the heap lock is not held for n ops' budgets.
 * Returns how many ops ran (0..n), each with its results set.
 * The host runs a refused op through pymm_op_exec() and calls again for the
 * rest.  The heap lock is held for the whole run: hosts pass short runs
 * (tens of ops) and reschedule between calls.  Both calls wait for the
 * heap's lock killably: a fatal signal while waiting gives -EINTR
 * (pymm_op_exec()) or 0 ops run (pymm_op_exec_batch()).
 */
u32 pymm_op_exec_batch(struct pymm_client *c, struct pymm_op *ops, u32 n,
		       u32 flags);

/*
 * Which way an op's data buffer travels, for front ends: PYMM_DATA_IN ops
 * read op->data_len bytes (copy in before the call), PYMM_DATA_OUT ops write
 * up to op->data_len bytes (copy op->data_len bytes back after a successful
 * call; on error nothing was written).  Unknown codes: PYMM_DATA_NONE.
 * (PYMM_DATA_*: module/uapi/pymm.h, the dir column of PYMM_OPS.)
 */
int pymm_op_data_dir(u32 code);

/*
 * The refusals that need only the op's own fields (a buffer over
 * PYMM_DATA_MAX: -E2BIG; a flag, code, arg[] slot or buffer the op does not
 * take: -EINVAL or -EOPNOTSUPP), as pymm_op_exec() answers them: 0 if it
 * would run the op.  A host asks before it does any work for the op's
 * buffer (allocating, copying, checking the pointer), and runs a refused
 * op through pymm_op_exec() with no buffer, which records the same errno:
 * one refusal, one errno, whatever the transport (docs/abi.md, "Errors").
 */
int pymm_op_check(const struct pymm_op *op);

/*
 * A refusal of the host's own, for an op the core never saw (a buffer it
 * could not read, no memory for its copy): err in op->error, the other
 * results cleared, data_len left as the caller's request.
 */
void pymm_op_refuse(struct pymm_op *op, int err);

/*
 * Snapshots for /proc.  Heaps a reader may see: those owned by uid, all of
 * them if admin (and the public default heap).  No reader waits for a heap
 * an operation holds (heap.h): info is always the heap's published row
 * (its figures as of the heap's last unlock); the rest is taken under the
 * heap's lock if it is free, and the callback runs with that lock held (it
 * must not sleep for long and must not call back into the core).  If the
 * lock is held, busy is set, the rest is zero and must not be shown as
 * figures, and the callback runs with no lock held.  Neither
 * pymm_global_stats() nor pymm_visit_heaps() ever waits for a heap an
 * operation holds, but the latter looks again for up to 100 ms (stats.c,
 * in all for the walk, ended by a fatal signal) for the heaps it finds
 * busy: a reader that needs only the rows (info) uses
 * pymm_visit_heap_rows(), which takes no heap's lock at all and calls fn
 * with busy false and only info valid (the rest zero), no lock held.
 */
struct pymm_heap_view {
	bool busy;		/* an operation holds the heap: only info is valid */
	const struct pymm_heap_info *info;
	const struct pymm_alloc_stats *alloc;
	const struct pymm_class_stats *classes;	/* [PYMM_NB_SIZE_CLASSES] */
	const struct pymm_heap_stats *heap;
	const struct pymm_gc_gen_stats *gc;	/* [3] */
	const struct pymm_freelist_stats *freelists;
	const void *priv;	/* core-private: the heap, for pymm_heap_view_arena() */
	/*
	 * Bytes of the live objects of each type, [PYMM_T_MAX]: the object's
	 * own block (GC header included), not side blocks such as a list's
	 * item array.  Counts are heap->objects_by_type[].
	 */
	const u64 *bytes_by_type;
};

typedef int (*pymm_heap_view_fn)(const struct pymm_heap_view *v, void *arg);

/*
 * The one call a pymm_heap_view_fn may make into the core (the heap's lock
 * is already held): the idx-th live arena of the viewed heap, as
 * pymm_alloc_arena_info().  0, or -ENOENT past the last arena; -EBUSY for
 * a busy view.
 */
int pymm_heap_view_arena(const struct pymm_heap_view *v, u32 idx,
			 struct pymm_arena_info *info);

int pymm_visit_heaps(u32 uid, bool admin, pymm_heap_view_fn fn, void *arg);
int pymm_visit_heap_rows(u32 uid, bool admin, pymm_heap_view_fn fn, void *arg);

/*
 * One heap by name, for a host that holds no client of its own (netlink's
 * typed commands): a view over one call, with no client created.  The
 * name means what it means to PYMM_OP_HEAP_ATTACH for uid
 * (PYMM_DEFAULT_HEAP: uid's own, or the public heap; "default@UID" an
 * admin's way to a user's), and the caller may act if it may see the heap
 * (an admin every heap: attach's rule for an admin that passes
 * PYMM_OPF_OTHER_OWNER).  As the attach, a view of PYMM_DEFAULT_HEAP makes
 * that heap if it is not there yet (owned by and charged to uid, or the
 * public heap), so that "default" answers the same on every transport;
 * nothing else is made or charged.  The heap's lock is waited for as an op
 * waits, killably, holding nothing else: a busy heap holds up only this
 * caller.  Returns 0 with the record filled, or -EINVAL / -ENAMETOOLONG
 * (the name), -ENOENT (no such heap, or destroyed while waiting), -EACCES
 * (another uid's), -EINTR (a fatal signal while waiting), or the errno of
 * making the default heap (as the attach's).  No lock held on entry.
 *
 * pymm_heap_read_alloc(): PYMM_OP_ALLOC_STATS's record (the size classes
 * in cls, a->size_classes of them) and PYMM_OP_FREELIST_STATS's, under
 * one hold of the lock.  pymm_heap_read_gc(): PYMM_OP_GC_GET_STATS's.
 * pymm_heap_collect(): PYMM_OP_GC_COLLECT of gen (-EINVAL past 2, after
 * the name is checked, as the op); with no client to hand them to, the
 * garbage's finalizers and weakref callbacks are skipped (counted in
 * fin_skipped) and *unreachable is the collection's whole count.
 * pymm_heap_read_arena(): PYMM_OP_ARENA_INFO's record of the idx-th live
 * arena, for a dump that reads one arena per call: *serial 0 (the first
 * call) is set to the heap's creation serial, and a later call refuses
 * with -ENOENT a heap that is not that one any more (destroyed, or made
 * anew under the name); past the last arena -ERANGE.
 */
#define PYMM_CORE_SIZE_CLASSES	32

int pymm_heap_read_alloc(const char *name, u32 uid, bool admin, struct pymm_alloc_stats *a,
			 struct pymm_class_stats cls[PYMM_CORE_SIZE_CLASSES],
			 struct pymm_freelist_stats *fl);
int pymm_heap_read_gc(const char *name, u32 uid, bool admin,
		      struct pymm_gc_gen_stats gen[3]);
int pymm_heap_collect(const char *name, u32 uid, bool admin, u32 gen, u64 *unreachable);
int pymm_heap_read_arena(const char *name, u32 uid, bool admin, u64 *serial, u32 idx,
			 struct pymm_arena_info *ai);

/*
 * The registry's two changes, for a host that holds no client of its own
 * (netlink's HEAP_NEW, HEAP_DEL): PYMM_OP_HEAP_CREATE (quota 0: the
 * default) and PYMM_OP_HEAP_DESTROY for uid, one call each, deciding as
 * the ops decide (heap.c: the same functions) with the same errnos; the
 * name is checked as an op's (-EINVAL, -ENAMETOOLONG).  No client exists,
 * so a destroy finds every attached client another's: -EBUSY.
 */
int pymm_heap_create_as(const char *name, u32 uid, bool admin, u64 quota);
int pymm_heap_destroy_as(const char *name, u32 uid, bool admin);

/*
 * "default@UID", uid UID's private default heap as an admin names it: true
 * and *uid if name has that form (a host that matches the registry's rows
 * by name itself, netlink's HEAP_GET, reads it as attach does).
 */
bool pymm_heap_name_default_of(const char *name, u32 *uid);

/* Module-wide figures for /proc/pymm/summary and the unload line. */
struct pymm_global_stats {
	u64 heaps;
	u64 clients;
	u64 bytes_held;		/* everything charged via pymm_plat_charge */
	u64 arenas;
	u64 objects;
};

void pymm_global_stats(struct pymm_global_stats *st);

/*
 * The memory areas of the notes, for /proc/pymm/areas: the stack (each
 * attached client's frames and their locals), the variable area (globals).
 * pymm_heap_view_areas() calls fn once per entry, in this order:
 *
 *   CLIENT        client (its position in the heap's list), count = frames,
 *                 refcnt = live handles, id = the client's uid
 *   MORE_FRAMES   count outer frames left out (only the innermost
 *                 max_frames of a client are shown)
 *   FRAME         client, depth (0 = outermost), name = function,
 *                 count = locals
 *   LOCAL         client, depth, name -> type, refcnt, id of the object
 *   MORE_NAMES    count names of the namespace above left out; type =
 *                 PYMM_AREA_LOCAL or PYMM_AREA_GLOBAL, which namespace
 *   GLOBALS       count = global names
 *   GLOBAL        name -> type, refcnt, id
 *   MORE_NAMES
 *
 * At most max_names names per namespace.  name points into the heap (an
 * identifier, name_len bytes, NUL terminated) and is valid only during the
 * callback.  Called from a pymm_heap_view_fn (the heap's lock held; -EBUSY
 * for a busy view); stops at the first non-zero return of fn and returns it.
 */
enum pymm_area_kind {
	PYMM_AREA_CLIENT = 1,
	PYMM_AREA_MORE_FRAMES,
	PYMM_AREA_FRAME,
	PYMM_AREA_LOCAL,
	PYMM_AREA_MORE_NAMES,
	PYMM_AREA_GLOBALS,
	PYMM_AREA_GLOBAL,
};

struct pymm_area_entry {
	u32 kind;		/* PYMM_AREA_* */
	u32 client;
	u32 depth;
	u32 count;
	const char *name;
	u32 name_len;
	u32 type;		/* PYMM_T_* */
	u64 refcnt;
	u64 id;
};

typedef int (*pymm_area_fn)(const struct pymm_area_entry *e, void *arg);

int pymm_heap_view_areas(const struct pymm_heap_view *v, u32 max_frames,
			 u32 max_names, pymm_area_fn fn, void *arg);

#endif /* PYMM_CORE_H */
