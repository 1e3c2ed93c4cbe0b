/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gc.h - the contract between the object layer and the cycle collector.
 *
 * The object layer (object.c and the files in types/) promises:
 *   - every container (PYMM_OF_GC) is tracked from the end of its
 *     construction until its count reaches zero, except by CPython 3.11's
 *     rules: a dict starts untracked and is tracked once a key or value
 *     may be tracked (pymm_gc_may_be_tracked(), MAINTAIN_TRACKING); the
 *     collector untracks tuples (every collection) and dicts (full ones)
 *     holding nothing that may be; the empty tuple and frames' locals are
 *     never tracked, the globals dict always (PYMM_OF_FIXED_TRACKING).  An
 *     untracked container holds no reference that can be part of a cycle,
 *     but frames' locals (roots, dropped with their client).  At zero
 *     count it untracks the object before touching anything else;
 *   - new containers go to generation 0 (pymm_gc_track) and bump
 *     count[0] at allocation (pymm_gc_on_alloc); a freed container lowers
 *     it (pymm_gc_on_free), as CPython's gc_alloc/PyObject_GC_Del;
 *   - type->traverse visits exactly the references that count (verify.c
 *     checks it), type->clear drops them all and leaves the object valid;
 *   - pymm_obj_finalize() runs a finalizer at most once (PEP 442): legacy
 *     text to h->cur_client's output, a __del__ function queued for
 *     h->cur_client to run (fin.c); pymm_weakref_clear_all() clears weak refs;
 *   - ops.c calls pymm_gc_maybe_collect() at the end of every op that ran
 *     on a heap, with the heap lock held and every object consistent (a
 *     safe point: no half-built object, all C-held references counted).
 *
 * The collector promises:
 *   - between ops, every tracked object is on exactly one of lists[0..3]
 *     and the code in its gc_prev word (pymm_gc_code(), object.h) says
 *     which; objects on temporary lists during a collection have a code
 *     >= PYMM_GC_GEN_COLLECTING, so that pymm_gc_untrack() (called when a
 *     count reaches zero mid-collection) unlinks them without touching the
 *     per-list counters;
 *   - wherever an object can die (a finalizer, a clear(), a decref), every
 *     list is doubly linked: gc_prev holds gc_refs instead of a pointer
 *     only inside deduce_unreachable, which runs no code and drops no
 *     reference;
 *   - gc_prev is its own; it never frees a block itself: objects die
 *     through pymm_obj_decref();
 *   - it holds PYMM_GC_GARBAGE_REFS counted references on gc.garbage (a
 *     list, created when first read or when DEBUG_SAVEALL is first set)
 *     and on gc.callbacks (created when first read): internal roots,
 *     dropped by pymm_gc_clear_all();
 *   - pymm_gc_clear_all() calls type->clear on every tracked container,
 *     tuples included, so counts free everything once roots are dropped.
 *
 * Locking: everything here runs under the heap's mutex (heap.h).
 */
#ifndef PYMM_CORE_GC_H
#define PYMM_CORE_GC_H

#include "object.h"

#define PYMM_GC_NGEN			3
#define PYMM_GC_GEN_PERMANENT		3	/* gc.freeze() */
#define PYMM_GC_NLISTS			4
/* codes 4..6: on a collector's temporary list (gc.c); 15: PYMM_GC_UNTRACKED */
#define PYMM_GC_GEN_COLLECTING		4
/* gc.paused's code: the unreachable set of a collection waiting (gc.c) */
#define PYMM_GC_CODE_PAUSED		6

/* CPython 3.11's references to gc.garbage: gcstate->garbage, the gc module's dict */
#define PYMM_GC_GARBAGE_REFS		2

struct pymm_opctx;

struct pymm_gc_state {
	/* sentinels of circular lists; 16-byte aligned by their type */
	struct pymm_gc_head lists[PYMM_GC_NLISTS];
	u64 objects[PYMM_GC_NLISTS];	/* tracked objects per list */
	u64 count[PYMM_GC_NGEN];	/* gen0: allocations - frees; others: collections */
	u64 threshold[PYMM_GC_NGEN];	/* 700, 10, 10 */
	struct pymm_gc_gen_stats stats[PYMM_GC_NGEN];
	u64 long_lived_total;
	u64 long_lived_pending;
	u32 debug;			/* PYMM_GC_DEBUG_* */
	bool enabled;
	bool collecting;
	struct pymm_object *garbage;	/* gc.garbage list, NULL until needed */
	struct pymm_object *callbacks;	/* gc.callbacks list, NULL until needed */
	/* an automatic collection handed to due_client (gc.callbacks): gen + 1 */
	u8 due;
	struct pymm_client *due_client;

	/*
	 * A collection waiting for its finalizers (gc.c, "Finalizers"): the
	 * unreachable set, and what the rest of the collection needs.
	 * collecting stays true meanwhile (a nested collect returns 0).
	 */
	struct pymm_gc_head paused;
	struct pymm_client *paused_client;	/* runs its finalizers; NULL: none */
	u64 paused_left;		/* items (coll) not done yet */
	u64 paused_wr_freed;		/* callback weakrefs their call let die */
	u64 paused_since;		/* pymm_plat_now_ns() */
	u64 paused_t0;
	u64 paused_work;
	u64 fin_wait_ns;		/* how long it may wait for paused_client */
	u64 fin_skipped;		/* finalizers not run: no client, or another uid's */
	u8 paused_gen;
	u8 paused_old;
	bool paused_active;
};

#define PYMM_FIN_WAIT_NS	(10ULL * 1000000000ULL)	/* default fin_wait_ns */

void pymm_gc_init(struct pymm_heap *h, u32 debug);
/* c detaches: an automatic collection handed to it runs at the next op's end */
void pymm_gc_client_gone(struct pymm_client *c);
/* heap destroy: breaks every cycle so that everything is freed by counts */
void pymm_gc_clear_all(struct pymm_heap *h);

void pymm_gc_track(struct pymm_heap *h, struct pymm_object *o);
void pymm_gc_untrack(struct pymm_heap *h, struct pymm_object *o);

/*
 * _PyObject_GC_MAY_BE_TRACKED: could o be part of a cycle?  A container,
 * except a tuple the collector has untracked (a weak reference counts, as
 * CPython's are GC objects).  The heap's `object` is CPython's statically
 * allocated PyBaseObject_Type, which type_is_gc() calls no GC object: so a
 * class's `(object,)` bases tuple is untracked by the first collection it
 * survives, and a class collected after that is 5 objects, not 6.
 */
static inline bool pymm_gc_may_be_tracked(const struct pymm_object *o)
{
	if (o->type == PYMM_T_WEAKREF || o->type == PYMM_T_WEAKPROXY)
		return true;
	if (!(o->flags & PYMM_OF_GC))
		return false;
	if (o->type == PYMM_T_CLASS && (o->flags & PYMM_OF_IMMORTAL))
		return false;
	return o->type != PYMM_T_TUPLE || pymm_gc_code(PYMM_GC_HEAD(o)) != PYMM_GC_UNTRACKED;
}

static inline bool pymm_gc_is_tracked(const struct pymm_object *o)
{
	return (o->flags & PYMM_OF_GC) &&
	       pymm_gc_code(PYMM_GC_HEAD(o)) != PYMM_GC_UNTRACKED;
}

void pymm_gc_on_alloc(struct pymm_heap *h);
void pymm_gc_on_free(struct pymm_heap *h);

/* The threshold check and automatic collection (a no-op until gc.c collects). */
void pymm_gc_maybe_collect(struct pymm_heap *h);

/*
 * A paused collection's finalizers are all done, or its client is gone or
 * took too long: the rest of the collection runs (resurrection check,
 * delete_garbage).  Returns its result (unreachable objects).
 */
u64 pymm_gc_resume(struct pymm_heap *h);

/* PYMM_OP_GC_* (ops.c has validated flags, arg usage and data direction) */
int pymm_gc_op(struct pymm_opctx *x);

/* Figures for views: stats[g].objects/count/threshold filled in. */
void pymm_gc_get_stats(struct pymm_heap *h, struct pymm_gc_gen_stats st[PYMM_GC_NGEN]);

#ifndef __KERNEL__
/*
 * Unit tests only: called right after each legacy text finalizer the
 * collector runs, so that C tests can resurrect synchronously.
 */
extern void (*pymm_gc_finalize_hook)(struct pymm_heap *h, struct pymm_object *o);
#endif

#endif /* PYMM_CORE_GC_H */
