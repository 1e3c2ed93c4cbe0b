/* SPDX-License-Identifier: GPL-2.0 */
/*
 * heap.h - heaps, clients and the operation context.
 *
 * A heap is everything one Python "process" would own: an allocator, the
 * objects in it, a globals namespace, the intern table, the small-int cache
 * and singletons, the GC lists, and the frames and handles of the clients
 * attached to it.
 *
 *	registry (pymm_registry_lock)
 *	  heap "default" --- heap "a" --- heap "b" ...
 *	    |
 *	    +- lock (mutex) protects everything below
 *	    +- alloc      arenas, pools, blocks
 *	    +- objects    none/true/false, small ints, empty tuple, globals dict,
 *	    |             interned strings, every user object, GC lists
 *	    +- clients    attached clients: their handle tables and frame stacks
 *
 * LOCKING RULES
 *
 *   client->lock	serializes one client's operations (two threads sharing
 *			one open file).  Protects client->heap (who we are
 *			attached to).  Outermost.
 *   heap->lock		everything inside one heap, including the handle tables,
 *			frame stacks and output queues of clients attached to it
 *			(verify.c and the collector read them as roots).  Held
 *			for a whole operation, which may run long: whoever waits
 *			for it on a user's behalf waits killably
 *			(pymm_mutex_lock_killable()), but for the detach of a
 *			client being released (a close cannot fail) and the
 *			teardown of a destroyed heap (no client left to hold
 *			it, only a walker's short look).
 *			Wherever a block may have been freed under it, it is
 *			dropped through pymm_heap_unlock(), which first returns
 *			the arenas that emptied but PYMM_SPARE_BYTES of them
 *			(none if arena_idle_ns is 0), which
 *			pymm_core_trim_idle() returns once they have sat empty
 *			for arena_idle_ns, or pymm_core_spares_reclaim() under
 *			memory pressure (both only trylock heaps), and then
 *			publishes the heap's figures (pymm_heap_publish()).
 *   pymm_registry_lock	the registry: list of heaps, their names, owners,
 *			nclients, refs, per-user heap counts.  Held only for
 *			short walks of the list: NEVER while waiting for a heap's
 *			lock (under it heaps are only trylocked), so that a long
 *			operation on one heap holds up nobody but that heap's
 *			own clients.  Nothing allocates under it either.
 *   pymm_acct_lock	per-user accounts (heap.c); a leaf.
 *
 *   Order: client->lock -> heap->lock -> pymm_acct_lock, and client->lock
 *   -> pymm_registry_lock -> pymm_acct_lock.  The registry and a heap's lock
 *   are never nested but by trylock (the spares walk tries heaps under the
 *   registry; reclaim, entered with a heap's lock held, tries the registry).
 *   Never two heaps' locks at once (but for those trylocks of
 *   pymm_core_spares_reclaim()), never two clients' locks at once.  All are
 *   mutexes: the core may sleep (allocate) with a client's or a heap's lock
 *   held, never with the registry or an account lock.  The client count
 *   (pymm_client_new()) is an atomic: opening /dev/pymm takes no core lock
 *   at all.
 *
 * Life of a heap.  refs counts what keeps struct pymm_heap allocated: the
 * registry's list, each attached client, and each pin (pymm_heap_pin(), the
 * registry lock held), which a walker takes before it drops the registry to
 * look at the heap.  Attach reserves under the registry (nclients and refs
 * up, so a concurrent destroy sees the heap in use) and only then waits for
 * the heap's lock to link the client in.  Destroy unlinks under the registry
 * (so no attach finds it any more), then empties the heap under its lock
 * (torn_down: a pinned walker that gets the lock later finds it empty and
 * skips it); the last reference frees the shell.  A client's attachment
 * keeps its heap alive and linked (nclients > 0 refuses destroy), so an op
 * may use client->heap under client->lock without the registry.
 *
 * Published figures.  Readers that must not wait for a busy heap (/proc,
 * PYMM_OP_HEAP_LIST, netlink) read pub_*: the heap's object count, bytes
 * held, arenas and quota as of the last time its lock was dropped, stored
 * whole (struct pymm_atomic64) by pymm_heap_publish().  An idle heap's figures
 * are therefore exact; a busy heap's are those from before the running
 * operation.
 */
#ifndef PYMM_CORE_HEAP_H
#define PYMM_CORE_HEAP_H

#include "platform.h"
#include "pymm_core.h"
#include "arena.h"
#include "object.h"
#include "gc.h"
#include "freelist.h"

extern struct pymm_core_params pymm_params;
extern struct pymm_mutex pymm_registry_lock;

/*
 * The work budget of the op running on a heap (docs/reliability.md, "The
 * work budget").  Every loop whose length the user chooses through the data
 * (==, ordering, dict probes and rebuilds, repeats, copies, namespace walks)
 * draws steps from it with pymm_work(); every PYMM_WORK_CHECK steps the draw
 * reschedules, and while an op runs it also stops the op when its task is
 * being killed (-EINTR) or has taken more steps than the heap could justify
 * (-ETIME): 2**24 (params.work_base) + bytes_held / 4, i.e. two steps per
 * pointer the heap holds, re-read as the op allocates.  Outside an op
 * (teardown, release of a killed task's handles) nothing is refused.  The
 * error is sticky for the rest of the op, so a caller that cannot stop
 * halfway may ignore it: the next caller that can, will.
 */
struct pymm_work {
	u64 used;		/* steps drawn by this op */
	u64 limit;		/* steps it may draw (-ETIME past it) */
	u64 next_check;		/* used at which pymm_work_slow() runs */
	int err;		/* 0, -EINTR or -ETIME: sticky until the next op */
	bool armed;		/* an op runs: kill and budget checks apply */
};

#define PYMM_WORK_CHECK		1024u	/* steps between two slow checks */
#define PYMM_WORK_BASE		(1ull << 24)

struct pymm_heap {
	struct pymm_mutex lock;

	/* registry part: pymm_registry_lock */
	struct pymm_heap *reg_next;
	u64 serial;			/* creation order: the list runs newest first */
	char name[PYMM_HEAP_NAME_MAX];
	u32 owner_uid;
	u32 nclients;			/* attached clients, reserved ones included */
	u32 refs;			/* the list, each attached client, each pin */
	bool linked;			/* on the list: false once destroyed */
	bool public;			/* the public heap (public_heap=1): anyone may attach */
	bool user_default;		/* owner_uid's private "default" (public_heap=0) */

	/* pymm_heap_publish() at every unlock; read without a lock */
	struct pymm_atomic64 pub_objects;
	struct pymm_atomic64 pub_bytes_held;
	struct pymm_atomic64 pub_arenas;
	struct pymm_atomic64 pub_quota;

	/* everything below: heap->lock */
	bool torn_down;			/* destroyed: emptied, the shell waits for refs */
	u64 quota;			/* bytes; heap_info reports it */
	struct pymm_alloc alloc;
	struct pymm_gc_state gc;
	struct pymm_intern intern;
	struct pymm_freelists freelists;	/* freelist.h */

	/* internal roots, one counted reference each */
	struct pymm_object *none;
	struct pymm_object *true_obj;
	struct pymm_object *false_obj;
	struct pymm_object *empty_tuple;
	struct pymm_object *globals;
	struct pymm_object *object_type;	/* `object`, made by the first class (type.c) */
	/* the static `list` and `dict` a class may derive from (types/subobj.c) */
	struct pymm_object *base_types[PYMM_BASE_NTYPES];
	/* builtin exception classes, made on first use (CLASS_NEW static, type.c) */
	struct pymm_object *static_classes[PYMM_STATIC_CLASSES_MAX];
	u32 nstatic_classes;
	struct pymm_object *small_ints[PYMM_NSMALL_INTS];
	/* static strings and bytes, made on first use (str.c); NULL until then */
	struct pymm_object *statics[PYMM_NSTATICS];

	struct pymm_client *clients;	/* attached, doubly linked via c->hnext */
	struct pymm_client *cur_client;	/* running the current op (finalizer output) */

	/* the deallocation stack, threaded through gc_next of dying containers */
	struct pymm_gc_head *dealloc_stack;
	bool dealloc_running;
	/*
	 * CPython's trashcan (object.c): trash_nesting counts the trashcan
	 * deallocations on the stack; deeper ones wait on trash_later (LIFO,
	 * gc_next links) until the outermost ends; trash_base is the stack top
	 * under the chain being destroyed, while trash_chain is set.
	 */
	u32 trash_nesting;
	u32 trash_op_base;		/* trash_nesting the running op began at */
	bool trash_chain;
	struct pymm_gc_head *trash_later;
	struct pymm_gc_head *trash_later_last;	/* its oldest, while it has one */
	struct pymm_gc_head *trash_base;

	/* the spare arenas (pymm_heap_unlock): empty since, and when we looked */
	u64 spare_since;
	u64 emptied_seen;		/* alloc.arenas_emptied at that time */
	u32 spares_told;		/* pymm_plat_spares_add() sum of this heap */

	u64 nobjects;
	u64 objects_by_type[PYMM_T_MAX];
	u64 bytes_by_type[PYMM_T_MAX];	/* their blocks (ob.size) */
	u64 nframes;			/* all attached clients */
	u64 nhandles;
	u32 eq_depth_max;		/* deepest comparison (RecursionError) */

	struct pymm_work work;		/* of the op running now */
	u32 set_eq_depth;		/* frozensets compared inside frozensets (set.c) */
	u64 work_refusals;		/* ops stopped with -ETIME */
	u64 work_kills;			/* ops stopped with -EINTR */
};

/* object.c: the work budget (struct pymm_work); heap->lock held */
void pymm_work_begin(struct pymm_heap *h);
void pymm_work_end(struct pymm_heap *h);
int pymm_work_slow(struct pymm_heap *h);
void pymm_work_grant(struct pymm_heap *h, u64 steps);

/*
 * Draws n steps of the running op's budget: 0, or -EINTR / -ETIME (see
 * struct pymm_work).  Cheap: an add and a compare but every
 * PYMM_WORK_CHECK steps.
 */
static inline int pymm_work(struct pymm_heap *h, u64 n)
{
	h->work.used += n;
	if (likely(h->work.used < h->work.next_check))
		return 0;
	return pymm_work_slow(h);
}

/* heap.c: the arenas that emptied go back, but the spares (heap->lock held) */
void pymm_heap_trim(struct pymm_heap *h);

/* heap->lock held: the figures lock-free readers see (the rule above) */
static inline void pymm_heap_publish(struct pymm_heap *h)
{
	pymm_atomic64_set(&h->pub_objects, h->nobjects);
	pymm_atomic64_set(&h->pub_bytes_held, h->alloc.bytes_held);
	pymm_atomic64_set(&h->pub_arenas, h->alloc.arenas_current);
	pymm_atomic64_set(&h->pub_quota, h->quota);
}

/* Unlock after work that may have freed blocks (the rule above). */
static inline void pymm_heap_unlock(struct pymm_heap *h)
{
	pymm_lockdep_assert_held(&h->lock);
	if (unlikely(h->alloc.arenas_empty | h->spares_told))
		pymm_heap_trim(h);
	if (unlikely(h->freelists.bytes != h->freelists.bytes_told))
		pymm_freelist_tell(h);
	pymm_heap_publish(h);
	pymm_mutex_unlock(&h->lock);
}

/* Announce a PYMM_EV_* to monitors (values as platform.h lists per kind). */
void pymm_event_emit(u32 kind, const char *heap, u64 v0, u64 v1, u64 v2, u64 v3);

/*
 * pymm_malloc() on the heap's allocator, announcing quota and cap refusals
 * (PYMM_EV_QUOTA_REFUSAL).  Every block a heap takes comes from here.
 */
void *pymm_heap_malloc(struct pymm_heap *h, size_t n);

/* ------------------------------------------------------------ clients */

struct pymm_handle {
	struct pymm_object *obj;	/* NULL: free slot */
	u32 gen;			/* bumped on close: stale handles -EBADF */
	u32 next_free;			/* free list link (index + 1, 0 ends) */
};

struct pymm_frame {
	struct pymm_object *locals;	/* a dict: the collector sees a counted ref */
	struct pymm_object *name;	/* str, the function's name */
	struct pymm_object *fobj;	/* its frame object, once asked for (frameobj.c) */
};

#define PYMM_OUTPUT_MAX		(64u << 10)	/* finalizer text queued per client */

/*
 * Everything a client holds outside the heap (the struct itself, the
 * handle table, the frame stack, the output ring, and what the host keeps
 * per client) is charged to acct with pymm_client_charge(): the uid's
 * account whatever heap the client is attached to (heap.c).
 */
struct pymm_client {
	struct pymm_mutex lock;
	u32 uid;
	bool admin;
	struct pymm_acct *acct;		/* the uid's account, or NULL; fixed */
	struct pymm_heap *heap;		/* client->lock */

	/* heap->lock from here on */
	struct pymm_client *hnext;
	struct pymm_client *hprev;

	struct pymm_handle *handles;	/* pymm_plat_zalloc, grows by doubling */
	u32 handles_cap;
	u32 handles_used;		/* slots ever used: the rest is a free tail */
	u32 handles_live;
	u32 free_head;			/* index + 1 of a free slot, 0: none */

	struct pymm_frame *frames;
	u32 depth;
	u32 frames_cap;
	struct pymm_object *modframe;	/* the module frame's object, once asked for */

	char *out;			/* ring of PYMM_OUTPUT_MAX bytes, lazily */
	u32 out_head;
	u32 out_len;
	u64 out_dropped;

	/* finalizers and callbacks this client is to run (fin.c) */
	struct pymm_fin_work *fin_new;	/* queued since the last fetch, in order */
	struct pymm_fin_work **fin_new_tail;
	struct pymm_fin_work *fin_todo;	/* fetched groups, newest first */
	/* handed out, awaiting FIN_DONE: newest batch first, each in order */
	struct pymm_fin_work *fin_running;
	u32 fin_count;			/* items on the three lists */
	u32 fin_group;			/* last group number given */
	u32 fin_new_min;		/* lowest trash_level on fin_new, if any */
	bool fin_closed;		/* detaching: queue nothing more */
	bool fin_queued;		/* the running op queued work (OUTF_FINALIZERS) */
	bool fin_skipped;		/* ... or skipped another uid's (OUTF_FIN_SKIPPED) */
	bool gc_due;			/* ... or was handed a collection (OUTF_GC_DUE) */
	/*
	 * trashcan deposits (object.c) waiting for this client's finalizers
	 * that run deeper in the same nest: destroyed once they are done;
	 * the running op is a FIN_DONE (trash_in_done) of an item of
	 * trash_done_group queued by an op that began at trash_done_base
	 */
	struct pymm_gc_head *trash_later;
	struct pymm_gc_head *trash_later_last;
	u32 trash_done_group;
	u32 trash_done_base;
	bool trash_in_done;

	/*
	 * PYMM_OP_KEY_HASH's record (keyhash.c): key hashes as key_hash, and
	 * an == against it that needs the user's __eq__ counts as decided, in
	 * this client's next op only (op_seq == key_seq + 1).  No reference:
	 * a handle of this client holds key, and only an op of this client
	 * could close it.
	 */
	u64 op_seq;			/* ops this client ran (op_run) */
	struct pymm_object *key;
	s64 key_hash;
	u64 key_seq;
};

/*
 * One finalizer or weakref callback for a client to run (fin.c).  While
 * queued it holds a counted reference to obj and func; FIN_FETCH moves
 * those into new handles and parks the item on fin_running until FIN_DONE.
 * Host memory, charged to the client (pymm_client_charge()).
 */
struct pymm_fin_work {
	struct pymm_fin_work *next;
	struct pymm_object *obj;
	struct pymm_object *func;
	u32 group;
	u32 trash_level;		/* heap's trash_nesting when queued */
	u32 trash_base;			/* ... and when its op began (trash_op_base) */
	u8 kind;			/* PYMM_FIN_* */
	bool coll;			/* the paused collection waits for it */
};

#define PYMM_FIN_MAX		65536u	/* items one client may hold */

/* object.c: a finalizer's deallocation at its trashcan level; heap->lock held */
void pymm_trash_resume(struct pymm_heap *h, struct pymm_client *c, u32 level);
void pymm_trash_settle(struct pymm_heap *h);
/* fin.c: the trashcan level c's stack unwinds to before what it runs next */
u32 pymm_fin_next_level(struct pymm_client *c, u32 group, u32 base);
/* fin.c: the trashcan level of an op inside c's running finalizer, 0 if none */
u32 pymm_fin_running_level(struct pymm_client *c);

/* fin.c: the protocol (docs/abi.md, "Finalizers"); heap->lock held */
int pymm_fin_fetch(struct pymm_opctx *x);
int pymm_fin_done(struct pymm_opctx *x);
/* queues o's func (and a reference to each) for h->cur_client; false: not queued */
bool pymm_fin_queue(struct pymm_heap *h, struct pymm_object *o, struct pymm_object *func,
		    u8 kind, bool coll);
/*
 * detach: everything c holds goes back to the heap (before its handles
 * are dropped); then (after) a collection waiting for c ends.
 */
void pymm_fin_client_drop(struct pymm_client *c);
void pymm_fin_client_gone(struct pymm_client *c);
/* the paused collection stops waiting for its client's items */
void pymm_fin_abandon(struct pymm_heap *h);


/*
 * Handles: u64 = (type << 56) | (generation << 32) | (slot + 1), never 0
 * (client.c; PYMM_HANDLE_TYPE() in the uapi header).  A handle of
 * another client cannot name anything of ours: tables are per client.
 */
int pymm_handle_get(struct pymm_client *c, u64 handle, struct pymm_object **o);
/* make sure n more handles can be installed without failing (-EMFILE, -ENOMEM) */
int pymm_handle_reserve(struct pymm_client *c, u32 n);
/* moves one reference of o into a new handle; reserved beforehand */
u64 pymm_handle_install(struct pymm_client *c, struct pymm_object *o);
int pymm_handle_close(struct pymm_client *c, u64 handle);
/*
 * heap.c: a client's reference to its uid's account (*out NULL: root, or
 * no user_quota), and charging it (pymm_client_charge() for a client)
 */
int pymm_client_acct_get(u32 uid, struct pymm_acct **out);
void pymm_client_acct_put(struct pymm_acct *acct);
int pymm_acct_client_charge(struct pymm_acct *acct, size_t bytes);
void pymm_acct_client_uncharge(struct pymm_acct *acct, size_t bytes);

/* drops every handle and frame (heap->lock held) */
void pymm_client_drop_all(struct pymm_client *c);

void pymm_client_output(struct pymm_client *c, const char *s, u32 len);
int pymm_client_read_output(struct pymm_opctx *x);

/* ---------------------------------------------------------- operations */

struct pymm_opctx {
	struct pymm_client *c;
	/*
	 * This op may act as an admin: the client's admin (the opener's
	 * CAP_SYS_ADMIN) and the host's admin_now for this very call
	 * (pymm_op_exec_as()), so that a privilege dropped after open takes
	 * effect on the next op.  Registry ops read this, never c->admin.
	 */
	bool admin;
	struct pymm_heap *h;		/* NULL for registry ops */
	struct pymm_op *op;
	void *buf;			/* never NULL (op_prepare()) */
	u32 in_len;			/* input bytes in buf */
	u32 out_cap;			/* room for output in buf */
};

/*
 * Writes n new handles (one per object, each +1) as __u64[] into x->buf.
 * -ENOSPC with PYMM_OUTF_TRUNC and data_len = bytes needed if they do not
 * fit; nothing is installed on failure.  ret0 = n.
 */
int pymm_out_handles(struct pymm_opctx *x, struct pymm_object *const *objs, u32 n);
/* one new handle in ret0 for o (consumes the caller's reference of o) */
int pymm_ret_handle(struct pymm_opctx *x, struct pymm_object *o);
/* types/bytearray.c: NEW_BYTEARRAY, BYTEARRAY_SPLICE */
int pymm_bytearray_op(struct pymm_opctx *x);
/* types/builtinfunc.c: NEW_BUILTIN, BUILTIN_SELF */
int pymm_builtin_op(struct pymm_opctx *x);
/*
 * Copies n bytes of p into x->buf; data_len = n either way.  -ENOSPC with
 * PYMM_OUTF_TRUNC if they do not fit.
 */
int pymm_out_bytes(struct pymm_opctx *x, const void *p, u32 n);
/*
 * names.c: the identifier (a name or an attribute) an op carries: its
 * data, optionally NUL terminated, or for the _ID ops a name ID in arg[]
 * (a handle to an identifier str, docs/abi.md "Name IDs").  Fills *n, or
 * -ENAMETOOLONG / -EINVAL / -EBADF (not a live handle).
 */
struct pymm_name {
	const char *s;
	u32 len;
	s64 hash;			/* pymm_hash_bytes(s, len) */
	struct pymm_object *key;	/* the name ID's str (borrowed), or NULL */
};

int pymm_name_arg(struct pymm_opctx *x, struct pymm_name *n);
/* a new reference to the name as a str: the name ID's own, or a new one */
struct pymm_object *pymm_name_key(struct pymm_heap *h, const struct pymm_name *n, int *err);

/* ------------------------------------------------------------- heaps */

int pymm_heap_op(struct pymm_opctx *x);	/* PYMM_OP_HEAP_* registry ops */
void pymm_heap_detach(struct pymm_client *c);	/* client->lock held, no other */
/* verify.c: 0 or -EUCLEAN; its map charged to caller (-EDQUOT, -ENOSPC) */
int pymm_heap_verify(struct pymm_heap *h, struct pymm_client *caller);
/*
 * Who may see a heap in a listing (HEAP_LIST, /proc, netlink): an admin
 * every one, anyone the public heap, a user their own.  The one statement
 * of the rule; attaching and acting on a heap have rules of their own
 * (heap.c, may_act()).
 */
static inline bool pymm_heap_visible(const struct pymm_heap *h, u32 uid, bool admin)
{
	return admin || h->public || h->owner_uid == uid;
}

/*
 * The named heap for a host's view of it, with no client (stats.c,
 * pymm_heap_read_*()): found, or for "default" made, as attach finds and
 * makes it (heap.c's heap_lookup(): "default" is uid's own, made on first
 * use, "default@UID" an admin's way to a user's), allowed if uid may see
 * it (pymm_heap_visible(), which is attach's rule for an admin's
 * PYMM_OPF_OTHER_OWNER attach), pinned under the registry and then locked,
 * killably, with no other lock held: a busy heap holds up only this caller.
 * 0 with *hp pinned and locked (undo with pymm_heap_view_end()), or
 * -EINVAL / -ENAMETOOLONG (the name), -ENOENT (no such heap, or destroyed
 * while we waited), -EACCES (another uid's), -EINTR (a fatal signal while
 * waiting), or making the default heap's errno (as attach's: -ENOMEM,
 * -ENOSPC, -EDQUOT).  No lock held on entry.
 */
int pymm_heap_view_begin(const char *name, u32 uid, bool admin, struct pymm_heap **hp);
void pymm_heap_view_end(struct pymm_heap *h);	/* unlocks (pymm_heap_unlock()), unpins */

/* registry lock held: name, owner, clients and the published figures */
void pymm_heap_fill_info(struct pymm_heap *h, struct pymm_heap_info *info);
/* heap->lock held: the live figures */
void pymm_heap_fill_stats(struct pymm_heap *h, struct pymm_heap_stats *st);

/*
 * Registry walkers.  pymm_registry_next(prev): the registry lock held, the
 * heap after prev on the list (the first if prev is NULL), even if prev was
 * destroyed since (prev pinned).  pymm_heap_pin() (registry lock held)
 * keeps h allocated, not linked, until pymm_heap_put() (no lock held).
 */
struct pymm_heap *pymm_registry_next(struct pymm_heap *prev);
void pymm_heap_pin(struct pymm_heap *h);
void pymm_heap_put(struct pymm_heap *h);

/* the client count: an atomic, no lock */
u64 pymm_registry_clients(void);
void pymm_registry_client_count(int delta);

/*
 * The next name -> value entry of a namespace dict, in insertion order.
 * Keys that are not str are skipped: globals()[1] = x is legal and the dict
 * is reachable by anyone (gc.get_referrers), so a walker that took every
 * key for a name would read an int or a tuple as string bytes.
 */
bool pymm_ns_next(struct pymm_object *ns, u32 *pos, struct pymm_str **name,
		  struct pymm_object **value);

/* names.c: namespaces (the current frame's locals or the globals) */
int pymm_name_bind(struct pymm_opctx *x);
int pymm_name_lookup(struct pymm_opctx *x);
int pymm_name_inplace(struct pymm_opctx *x);
int pymm_int_arith(u32 kind, s64 a, s64 b, s64 *r);
int pymm_name_del(struct pymm_opctx *x);
int pymm_name_list(struct pymm_opctx *x);
int pymm_name_intern(struct pymm_opctx *x);
int pymm_str_intern_op(struct pymm_opctx *x);	/* types/str.c */

/* frame.c */
int pymm_frame_push(struct pymm_opctx *x);
int pymm_frame_push_ns(struct pymm_opctx *x);
int pymm_frame_push_id(struct pymm_opctx *x);
int pymm_frame_pop(struct pymm_opctx *x);
void pymm_frames_drop(struct pymm_client *c);
void pymm_frame_drop_top(struct pymm_client *c);
int pymm_frame_push_existing(struct pymm_opctx *x, struct pymm_object *locals,
			     struct pymm_object *name);
void pymm_frame_take_top(struct pymm_client *c, struct pymm_object **locals,
			 struct pymm_object **name);

/* funcs.c: cells, and a function's defaults and closure */
int pymm_cell_op(struct pymm_opctx *x);
int pymm_func_field_op(struct pymm_opctx *x);
int pymm_sizeof_op(struct pymm_opctx *x);
/* types/weakref.c: WEAKREF_LIST, NEW_KEYEDREF, WEAKREF_KEY */
int pymm_weakref_op(struct pymm_opctx *x);

/* a counted str for a validated identifier (interned) */
struct pymm_object *pymm_ident_new(struct pymm_heap *h, const char *s, u32 len, int *err);

/* types/type.c: classes (docs/objects.md, "Classes") */
struct pymm_object *pymm_type_object(struct pymm_heap *h, int *err);	/* borrowed */
struct pymm_object *pymm_class_build(struct pymm_heap *h, const char *name, u32 name_len,
				     const char *fin, u32 fin_len, struct pymm_object *ns,
				     struct pymm_object *bases, int *err, u32 *cerr);
/* through the MRO; borrowed or NULL */
struct pymm_object *pymm_type_lookup(struct pymm_object *type, const char *s, u32 len);
struct pymm_object *pymm_type_finalizer(struct pymm_heap *h, struct pymm_object *type);
struct pymm_object *pymm_type_finalizer_text(struct pymm_object *type);
int pymm_attr_get(struct pymm_heap *h, struct pymm_object *o, const char *s, u32 len,
		  struct pymm_object *after, bool method, struct pymm_object **out, u32 *how);
int pymm_attr_set(struct pymm_heap *h, struct pymm_object *o, const char *s, u32 len,
		  struct pymm_object *v, u32 *exc, struct pymm_object **call);
int pymm_class_op(struct pymm_opctx *x);
/* types/subobj.c: instances of classes derived from list or dict (subobj.h) */
struct pymm_object *pymm_type_base(struct pymm_heap *h, u32 which, int *err);	/* borrowed */
bool pymm_type_is_static(struct pymm_heap *h, const struct pymm_object *o);
/* CLASS_NEW static (type.c): the heap's builtin class of that name */
struct pymm_object *pymm_class_static(struct pymm_heap *h, const char *s, u32 len,
				      struct pymm_object *base, int *err);
void pymm_class_static_drop_all(struct pymm_heap *h);
struct pymm_object *pymm_subobj_new(struct pymm_heap *h, struct pymm_object *cls, int *err);
int pymm_sub_store(struct pymm_heap *h, struct pymm_object *o, const char *s, u32 len,
		   struct pymm_object *v);
int pymm_sub_dict(struct pymm_heap *h, struct pymm_object *o, struct pymm_object **out);
int pymm_tuple_sub_op(struct pymm_opctx *x);	/* PYMM_OP_TUPLE_SUB_NEW */
/* types/method.c */
struct pymm_object *pymm_getset_new(struct pymm_heap *h, struct pymm_object *type, u32 which,
				    int *err);

#endif /* PYMM_CORE_HEAP_H */
