// SPDX-License-Identifier: GPL-2.0
/*
 * object.c - allocation, iterative deallocation, finalizers, and the
 * type-generic operations (hash, ==, ordering) of pymm objects.
 *
 * Deallocation never recurses.  When a container's count reaches zero it
 * is untracked and pushed on the heap's deallocation stack, threaded
 * through its own (now free) gc_next link:
 *
 *	h->dealloc_stack -> [list L] -> [dict D] -> NULL     (gc_next links)
 *
 * The loop looks at the top object and asks its type to release ONE
 * reference (type->release).  Dropping it may push the child on top, so
 * the child is finished before the parent's next item: the same
 * depth-first order in which CPython's recursive tp_dealloc runs
 * finalizers.  When nothing is left to release, the top is freed.  Memory:
 * zero; C stack: constant, for a chain of any length or depth.  CPython's
 * trashcan, which defers deallocations nested deeper than 50 containers,
 * is reproduced on top of it for its order (see trash_kind() below).
 * Scalars hold no references and are freed on the spot.
 *
 * Comparisons of nested tuples, lists and dicts use an explicit stack
 * bounded by params.max_frame_depth (RecursionError), never the C stack.
 * Every pair they look at is a step of the op's work budget (heap.h, struct
 * pymm_work), which this file keeps.
 */
#include "heap.h"
#include "gen.h"
#include "iter.h"
#include "descr.h"
#include "set.h"
#include "range.h"
#include "dictview.h"
#include "frameobj.h"
#include "keyhash.h"

const struct pymm_typeobj *const pymm_types[PYMM_T_MAX] = {
	[PYMM_T_NONE] = &pymm_none_type,
	[PYMM_T_BOOL] = &pymm_bool_type,
	[PYMM_T_INT] = &pymm_int_type,
	[PYMM_T_FLOAT] = &pymm_float_type,
	[PYMM_T_STR] = &pymm_str_type,
	[PYMM_T_BYTES] = &pymm_bytes_type,
	[PYMM_T_TUPLE] = &pymm_tuple_type,
	[PYMM_T_LIST] = &pymm_list_type,
	[PYMM_T_DICT] = &pymm_dict_type,
	[PYMM_T_CLASS] = &pymm_class_type,
	[PYMM_T_INSTANCE] = &pymm_instance_type,
	[PYMM_T_WEAKREF] = &pymm_weakref_type,
	[PYMM_T_WEAKPROXY] = &pymm_weakproxy_type,
	[PYMM_T_FUNCTION] = &pymm_function_type,
	[PYMM_T_GETSET] = &pymm_getset_type,
	[PYMM_T_METHOD] = &pymm_method_type,
	[PYMM_T_CODE] = &pymm_code_type,
	[PYMM_T_CELL] = &pymm_cell_type,
	[PYMM_T_ITER] = &pymm_iter_type,
	[PYMM_T_GENERATOR] = &pymm_gen_type,
	[PYMM_T_DESCR] = &pymm_descr_type,
	[PYMM_T_SET] = &pymm_set_type,
	[PYMM_T_RANGE] = &pymm_range_type,
	[PYMM_T_DICTVIEW] = &pymm_dictview_type,
	[PYMM_T_OBJECT] = &pymm_baseobj_type,
	[PYMM_T_TRACEBACK] = &pymm_traceback_type,
	[PYMM_T_FRAME] = &pymm_frameobj_type,
	[PYMM_T_BYTEARRAY] = &pymm_bytearray_type,
	[PYMM_T_BUILTIN] = &pymm_builtin_type,
};

/*
 * Every block a heap takes goes through here, so that a refusal (quota,
 * module-wide cap) is announced once, whoever asked.
 */
void *pymm_heap_malloc(struct pymm_heap *h, size_t n)
{
	void *p = pymm_malloc(&h->alloc, n);

	if (!p && (h->alloc.last_error == -EDQUOT || h->alloc.last_error == -ENOSPC))
		pymm_event_emit(PYMM_EV_QUOTA_REFUSAL, h->name, n, h->alloc.bytes_held,
				h->alloc.limit, 0);
	return p;
}

static struct pymm_object *obj_alloc(struct pymm_heap *h, u8 type, size_t size, size_t head,
				     bool freelist, int *err);

struct pymm_object *pymm_obj_alloc(struct pymm_heap *h, u8 type, size_t size, int *err)
{
	return obj_alloc(h, type, size, size, true, err);
}

/* never a free list's block: a tuple subclass's instance (PyType_GenericAlloc) */
struct pymm_object *pymm_obj_alloc_nofl(struct pymm_heap *h, u8 type, size_t size, int *err)
{
	return obj_alloc(h, type, size, size, false, err);
}

/*
 * An object of size bytes whose first head bytes are zeroed (all of them
 * for pymm_obj_alloc()): a str writes every byte past its header itself,
 * and zeroing a long string before copying it in doubled the cost of
 * s = s + x (docs/performance.md section 7).
 */
struct pymm_object *pymm_obj_alloc_head(struct pymm_heap *h, u8 type, size_t size,
					size_t head, int *err)
{
	return obj_alloc(h, type, size, head, true, err);
}

static struct pymm_object *obj_alloc(struct pymm_heap *h, u8 type, size_t size, size_t head,
				     bool freelist, int *err)
{
	const struct pymm_typeobj *t = pymm_types[type];
	size_t total = size + (t->is_gc ? sizeof(struct pymm_gc_head) : 0);
	struct pymm_object *o;
	void *blk;
	bool kept;

	if (total > 0xffffffffu) {
		*err = -ENOMEM;
		return NULL;
	}
	/* a free list's block first (freelist.h): gen 0 does not count it */
	blk = freelist ? pymm_freelist_pop(h, type, total) : NULL;
	kept = blk;
	if (!blk)
		blk = pymm_heap_malloc(h, total);
	if (!blk) {
		*err = h->alloc.last_error ? h->alloc.last_error : -ENOMEM;
		return NULL;
	}
	memset(blk, 0, total - size + head);
	if (t->is_gc) {
		struct pymm_gc_head *g = blk;

		g->gc_prev = PYMM_GC_UNTRACKED;
		o = PYMM_GC_OBJ(g);
		o->flags = PYMM_OF_GC;
		if (!kept)
			pymm_gc_on_alloc(h);
	} else {
		o = blk;
	}
	o->refcnt = 1;
	o->type = type;
	o->size = (u32)total;
	h->nobjects++;
	h->objects_by_type[type]++;
	h->bytes_by_type[type] += total;
	return o;
}

u64 pymm_obj_id(struct pymm_heap *h, const struct pymm_object *o)
{
	const void *blk = pymm_obj_is_gc(o) ? (const void *)PYMM_GC_HEAD(o) : (const void *)o;

	return pymm_alloc_id(&h->alloc, blk, o->size);
}

static void obj_free(struct pymm_heap *h, struct pymm_object *o)
{
	const struct pymm_typeobj *t = pymm_types[o->type];
	void *blk = o;

	if (t->free_extra)
		t->free_extra(h, o);
	if (pymm_obj_is_gc(o))
		blk = PYMM_GC_HEAD(o);
	h->nobjects--;
	h->objects_by_type[o->type]--;
	h->bytes_by_type[o->type] -= o->size;
	/* kept by a free list (freelist.h): not a free for gen 0 either */
	if (pymm_freelist_push(h, o, blk))
		return;
	if (pymm_obj_is_gc(o))
		pymm_gc_on_free(h);
	pymm_free(&h->alloc, blk, o->size);
}

/* tp_weaklistoffset: where o's weak references start, or NULL */
struct pymm_weakref **pymm_weaklist_slot(struct pymm_object *o)
{
	u16 off = pymm_types[o->type]->weaklist_off;
	struct pymm_subext *x;

	if (off)
		return (struct pymm_weakref **)((char *)o + off);
	x = pymm_subext(o);	/* a list/dict subclass instance has one */
	return x ? &x->weaklist : NULL;
}

/*
 * Clears every weak reference to o.  With callbacks (a refcount death, as
 * PyObject_ClearWeakRefs), each weak reference that is alive itself and
 * has a callback gets it queued for the client, which calls callback(wr);
 * the collector passes false and decides itself (gc.c, handle_weakrefs).
 */
void pymm_weakref_clear_all(struct pymm_heap *h, struct pymm_object *o, bool callbacks)
{
	struct pymm_weakref **slot = pymm_weaklist_slot(o);
	struct pymm_weakref *wr;
	u64 n = 0;

	if (!slot)
		return;
	while ((wr = *slot)) {
		struct pymm_object *cb = wr->callback;

		*slot = wr->wr_next;
		wr->referent = NULL;
		wr->wr_next = NULL;
		wr->wr_prev = NULL;
		n++;
		if (callbacks && cb && wr->ob.refcnt) {
			wr->callback = NULL;
			pymm_fin_queue(h, &wr->ob, cb, PYMM_FIN_CALLBACK, false);
			pymm_obj_decref(h, cb);
		}
	}
	if (n)
		pymm_event_emit(PYMM_EV_WEAKREF_CLEAR, h->name, n, 0, 0, 0);
}

/* a weakref dies or is cleared: unhook it from its referent's chain */
void pymm_weakref_unlink(struct pymm_weakref *wr)
{
	if (!wr->referent)
		return;
	if (wr->wr_prev)
		wr->wr_prev->wr_next = wr->wr_next;
	else
		*pymm_weaklist_slot(wr->referent) = wr->wr_next;
	if (wr->wr_next)
		wr->wr_next->wr_prev = wr->wr_prev;
	wr->wr_next = NULL;
	wr->wr_prev = NULL;
	wr->referent = NULL;
}

/* PYMM_OP_NEW_CLASS's legacy __del__ text, through the MRO, or NULL */
static struct pymm_str *legacy_finalizer(struct pymm_object *cls)
{
	struct pymm_object *text = pymm_type_finalizer_text(cls);

	return text ? pymm_as_str(text) : NULL;
}

bool pymm_obj_has_finalizer(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_object *cls;

	if (o->type == PYMM_T_GENERATOR)
		return pymm_gen_has_frame(o);
	if (o->type != PYMM_T_INSTANCE)
		return false;
	cls = ((struct pymm_instance *)o)->cls;
	return pymm_type_finalizer(h, cls) || legacy_finalizer(cls);
}

bool pymm_obj_finalize(struct pymm_heap *h, struct pymm_object *o, bool coll)
{
	struct pymm_object *cls, *fn;
	struct pymm_str *text;
	bool queued = false;

	if (o->flags & PYMM_OF_FINALIZED || !pymm_obj_has_finalizer(h, o))
		return false;
	o->flags |= PYMM_OF_FINALIZED;
	if (o->type == PYMM_T_GENERATOR)
		return pymm_gen_finalize(h, o, coll);
	cls = ((struct pymm_instance *)o)->cls;
	fn = pymm_type_finalizer(h, cls);
	if (fn) {
		queued = pymm_fin_queue(h, o, fn, PYMM_FIN_DEL, coll);
	} else {
		text = legacy_finalizer(cls);
		if (h->cur_client) {
			pymm_client_output(h->cur_client, text->data, text->len);
			pymm_client_output(h->cur_client, "\n", 1);
		}
	}
	pymm_event_emit(PYMM_EV_FINALIZE, h->name, 1, 0, 0, 0);
	return queued;
}

/*
 * CPython's trashcan (Py_TRASHCAN_BEGIN/END, _PyTrash_thread_deposit_object,
 * _PyTrash_thread_destroy_chain in 3.11): the deallocators of lists,
 * tuples, dicts and instances of classes (subtype_dealloc) count how deep
 * they nest; one that would nest deeper than _PyTrash_UNWIND_LEVEL does
 * nothing but push its object on trash_later (its finalizer has not run:
 * subtype_dealloc calls it inside the trashcan).  When the outermost of
 * them ends, the chain is destroyed: one level is held for the whole
 * chain, the most recently deposited object is taken and deallocated
 * (itself nesting again, and depositing again, down to the level), and so
 * on until trash_later is empty.  Our deallocation is a loop over an
 * explicit stack, not C recursion, so the level costs no kernel stack; it
 * is kept only so that finalizers deep in a nest run in CPython's order.
 */
#define PYMM_TRASH_UNWIND_LEVEL	50

static bool trash_kind(struct pymm_heap *h, const struct pymm_object *o)
{
	const struct pymm_gc_head *top = h->dealloc_stack;

	if (o->type == PYMM_T_DICT && top &&
	    ((PYMM_GC_OBJ(top)->type == PYMM_T_INSTANCE &&
	      ((const struct pymm_instance *)PYMM_GC_OBJ(top))->release_pos ==
	      PYMM_SHARED_KEYS_MAX + 1) ||
	     PYMM_GC_OBJ(top)->type == PYMM_T_FRAME))
		/*
		 * An instance's attribute dict dying with it (instance_release
		 * has just handed it over): 3.11 keeps those values inline (no
		 * dict, no level of its own) until __dict__ is asked for, so
		 * its values are released at the instance's level; so are a
		 * frame object's locals (localsplus).  A dict that is the value
		 * of an attribute has a level, as any dict.
		 */
		return false;
	return o->type == PYMM_T_LIST || o->type == PYMM_T_TUPLE ||
	       o->type == PYMM_T_DICT || o->type == PYMM_T_INSTANCE ||
	       o->type == PYMM_T_TRACEBACK || o->type == PYMM_T_FRAME;
}

/*
 * The body of a container's deallocator starts: the trashcan level taken,
 * the finalizer (once), weak references cleared, and o on the stack.
 */
static bool dealloc_begin(struct pymm_heap *h, struct pymm_object *o, bool trash)
{
	struct pymm_gc_head *g = PYMM_GC_HEAD(o);

	/*
	 * subtype_dealloc: tracked again around tp_finalize, which a client
	 * runs (once, PEP 442): the queued item holds the count
	 * PyObject_CallFinalizerFromDealloc would, and the object lives on
	 * until the client is done with it (FIN_DONE drops that count).
	 */
	if ((o->type == PYMM_T_INSTANCE || o->type == PYMM_T_GENERATOR) &&
	    !(o->flags & PYMM_OF_FINALIZED)) {
		bool queued;

		o->flags &= ~PYMM_OF_DYING;
		pymm_gc_track(h, o);
		o->refcnt = 1;
		queued = pymm_obj_finalize(h, o, false);
		o->refcnt--;
		if (queued)
			return false;
		pymm_gc_untrack(h, o);
		o->flags |= PYMM_OF_DYING;
	}
	if (trash) {
		h->trash_nesting++;
		o->flags |= PYMM_OF_TRASH;
	}
	if (o->type == PYMM_T_WEAKREF || o->type == PYMM_T_WEAKPROXY)
		pymm_weakref_unlink((struct pymm_weakref *)o);
	pymm_weakref_clear_all(h, o, true);
	g->gc_next = h->dealloc_stack;
	h->dealloc_stack = g;
	return true;
}

/*
 * A finalizer a client runs stands for a call deeper in CPython's nest:
 * while the next one this client will run nests at level 1 or more (fin.c,
 * pymm_fin_next_level()), CPython's outermost deallocator has not ended
 * yet, so what was deposited waits with the client, not destroyed now.
 */
static bool trash_waits(struct pymm_heap *h)
{
	struct pymm_client *c = h->cur_client;

	if (!c || c->fin_closed)
		return false;
	if (c->trash_in_done)
		return pymm_fin_next_level(c, c->trash_done_group, c->trash_done_base) > 0;
	/* an op inside a running finalizer */
	return h->trash_op_base || pymm_fin_next_level(c, 0, 0) > 0;
}

/*
 * h's deposits, newest first, go on top of what the client holds: those
 * it held came with them at the op's start (pymm_trash_resume()), but an
 * op that ends two nests parks twice.  O(1): the oldest of each is kept.
 */
static void trash_park(struct pymm_heap *h)
{
	struct pymm_client *c = h->cur_client;

	if (!c->trash_later)
		c->trash_later_last = h->trash_later_last;
	h->trash_later_last->gc_next = c->trash_later;
	c->trash_later = h->trash_later;
	h->trash_later = NULL;
	h->trash_later_last = NULL;
}

/*
 * After an object is freed: the trashcan level it held goes, and when the
 * outermost one ends with objects deposited, the chain starts; each time
 * the stack is back at the chain's base, the next deposited object is
 * deallocated, and once none is left the chain's own level goes.
 */
static void trash_after_free(struct pymm_heap *h, bool trash)
{
	if (trash && --h->trash_nesting == 0 && h->trash_later && trash_waits(h))
		trash_park(h);
	if (trash && h->trash_nesting == 0 && h->trash_later) {
		h->trash_nesting = 1;
		h->trash_chain = true;
		h->trash_base = h->dealloc_stack;
	}
	if (!h->trash_chain || h->dealloc_stack != h->trash_base)
		return;
	/* the next deposited object; one whose finalizer was queued lives on */
	while (h->trash_later) {
		struct pymm_gc_head *g = h->trash_later;

		h->trash_later = g->gc_next;
		if (dealloc_begin(h, PYMM_GC_OBJ(g), true))
			return;
	}
	h->trash_chain = false;
	h->trash_base = NULL;
	h->trash_nesting--;
}

/*
 * Count reached zero.  Immortal roots are only released by heap teardown,
 * which clears PYMM_OF_IMMORTAL first; reaching zero otherwise is a bug we
 * survive by leaking.
 */
static void dealloc_run(struct pymm_heap *h);

void pymm_obj_dealloc(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_gc_head *g;
	bool trash;

	if (o->flags & PYMM_OF_IMMORTAL) {
		pymm_plat_log_rl(PYMM_LOG_ERR, "immortal %s reached refcount 0\n",
				 pymm_types[o->type]->name);
		o->refcnt = 1;
		return;
	}
	if (!pymm_obj_is_gc(o)) {
		if (o->flags & PYMM_OF_INTERNED)
			pymm_intern_remove(h, o);
		obj_free(h, o);
		return;
	}

	/* tp_dealloc's prologue: untrack; then the trashcan decides */
	pymm_gc_untrack(h, o);
	o->flags |= PYMM_OF_DYING;
	g = PYMM_GC_HEAD(o);
	trash = trash_kind(h, o);
	if (trash && h->trash_nesting >= PYMM_TRASH_UNWIND_LEVEL) {
		/* _PyTrash_thread_deposit_object: deallocated later, LIFO */
		if (!h->trash_later)
			h->trash_later_last = g;
		g->gc_next = h->trash_later;
		h->trash_later = g;
		return;
	}
	if (dealloc_begin(h, o, trash) && !h->dealloc_running)
		dealloc_run(h);
}

/*
 * An op of c begins (ops.c): the trashcan as CPython's thread state would
 * have it, the client's deposits and the level of its running finalizer
 * (subtype_dealloc calls __del__ inside Py_TRASHCAN_BEGIN); FIN_DONE
 * (fin.c) resumes the object's deallocation at the level it was queued at.
 */
void pymm_trash_resume(struct pymm_heap *h, struct pymm_client *c, u32 level)
{
	pymm_lockdep_assert_held(&h->lock);
	PYMM_INVARIANT(!h->trash_later && !h->trash_nesting && !h->trash_chain,
		       "trashcan: state left over from the last op");
	c->trash_in_done = false;
	h->trash_nesting = level;
	h->trash_op_base = level;
	h->trash_later = c->trash_later;
	h->trash_later_last = c->trash_later_last;
	c->trash_later = NULL;
	c->trash_later_last = NULL;
}

/*
 * ... and after it (after every op, h->cur_client its client, or NULL when
 * a client goes): an op inside a running finalizer, or after which the
 * client's stack does not unwind to level 0 (trash_waits()), leaves the
 * deposits with the client; else the outermost deallocator has ended and
 * the chain is destroyed (_PyTrash_thread_destroy_chain).
 */
void pymm_trash_settle(struct pymm_heap *h)
{
	bool wait;

	pymm_lockdep_assert_held(&h->lock);
	wait = h->trash_later && trash_waits(h);

	h->trash_nesting = 0;
	h->trash_op_base = 0;
	if (!h->trash_later || h->dealloc_running)
		return;
	if (wait) {
		trash_park(h);
		return;
	}
	h->trash_nesting = 1;
	h->trash_chain = true;
	h->trash_base = h->dealloc_stack;
	trash_after_free(h, false);
	dealloc_run(h);
}

/* the deallocation stack, run to empty: one object released at a time */
static void dealloc_run(struct pymm_heap *h)
{
	struct pymm_gc_head *g;
	unsigned int n = 0;
	bool trash;

	h->dealloc_running = true;
	while ((g = h->dealloc_stack)) {
		struct pymm_object *top = PYMM_GC_OBJ(g);
		struct pymm_object *child = pymm_types[top->type]->release(top);

		if (child) {
			/* may push child on top of us: it is finished first */
			pymm_obj_decref(h, child);
			continue;
		}
		h->dealloc_stack = g->gc_next;
		trash = top->flags & PYMM_OF_TRASH;
		obj_free(h, top);
		trash_after_free(h, trash);
		if ((++n & 1023) == 0)
			pymm_plat_resched();
	}
	h->dealloc_running = false;
}

/* --------------------------------------------------------- work budget */

static u64 work_limit(struct pymm_heap *h)
{
	return pymm_params.work_base + h->alloc.bytes_held / sizeof(void *) * 2;
}

static void work_next(struct pymm_work *w)
{
	w->next_check = w->used + PYMM_WORK_CHECK;
	if (w->armed && w->next_check > w->limit + 1)
		w->next_check = w->limit + 1;
}

/* op_run(), before the handler: a fresh budget for this op */
void pymm_work_begin(struct pymm_heap *h)
{
	struct pymm_work *w = &h->work;

	pymm_lockdep_assert_held(&h->lock);
	w->used = 0;
	w->err = 0;
	w->armed = true;
	w->limit = work_limit(h);
	work_next(w);
}

/*
 * An op whose length is legitimately n log n in items the heap already
 * holds (list.sort(): every comparison a step) widens its own budget by
 * that much: still bounded by what the quota lets the heap hold, still
 * rescheduled and killable at every check.
 */
void pymm_work_grant(struct pymm_heap *h, u64 steps)
{
	struct pymm_work *w = &h->work;

	pymm_lockdep_assert_held(&h->lock);
	if (w->armed) {
		w->limit += steps;
		work_next(w);
	}
}

/* after the handler: what runs next (the collector, teardown) is never refused */
void pymm_work_end(struct pymm_heap *h)
{
	struct pymm_work *w = &h->work;

	pymm_lockdep_assert_held(&h->lock);
	w->armed = false;
	w->err = 0;
	work_next(w);
}

/*
 * Every PYMM_WORK_CHECK steps, and when the budget looks spent: reschedule,
 * stop a killed task, and re-read the limit (the op may have allocated
 * since it began, and a bigger heap justifies more work).
 */
int pymm_work_slow(struct pymm_heap *h)
{
	struct pymm_work *w = &h->work;

	pymm_lockdep_assert_held(&h->lock);

	if (w->err)
		return w->err;
	pymm_plat_resched();
	if (!w->armed) {
		work_next(w);
		return 0;
	}
	if (pymm_plat_fatal_signal()) {
		h->work_kills++;
		w->err = -EINTR;
		return w->err;
	}
	if (w->used > w->limit) {
		u64 limit = work_limit(h);

		if (limit > w->limit)
			w->limit = limit;
		if (w->used > w->limit) {
			h->work_refusals++;
			pymm_plat_log_rl(PYMM_LOG_INFO,
					 "%s: an op ran out of its work budget (%llu steps)\n",
					 h->name, (unsigned long long)w->limit);
			w->err = -ETIME;
			return w->err;
		}
	}
	work_next(w);
	return 0;
}

/* ------------------------------------------------------------- hashing */

#define PYMM_HASH_BITS		61
#define PYMM_HASH_MODULUS	((1ull << PYMM_HASH_BITS) - 1)
#define PYMM_HASH_INF		314159

/* CPython's hash(int) for a 64-bit value: v mod (2**61 - 1), sign kept */
s64 pymm_hash_int(s64 v)
{
	u64 mag = v < 0 ? 0 - (u64)v : (u64)v;
	s64 x;

	mag = (mag & PYMM_HASH_MODULUS) + (mag >> PYMM_HASH_BITS);
	if (mag >= PYMM_HASH_MODULUS)
		mag -= PYMM_HASH_MODULUS;
	x = v < 0 ? -(s64)mag : (s64)mag;
	return x == -1 ? -2 : x;
}

/*
 * CPython's _Py_HashDouble computes x mod (2**61 - 1) exactly for the
 * rational x = m * 2**e.  Since 2**61 == 1 (mod P), multiplying by 2**e is a
 * rotation of the 61-bit residue by e mod 61, so integer operations on the
 * IEEE bits give the very same value, and hash(1.0) == hash(1).
 */
s64 pymm_hash_float_bits(u64 bits)
{
	bool neg = bits >> 63;
	u32 exp = (bits >> 52) & 0x7ff;
	u64 m = bits & ((1ull << 52) - 1);
	s64 e, r, x;

	if (exp == 0x7ff)
		return m ? 0 : (neg ? -PYMM_HASH_INF : PYMM_HASH_INF);	/* nan: 0 */
	if (exp == 0) {
		e = -1074;
	} else {
		m |= 1ull << 52;
		e = (s64)exp - 1075;
	}
	if (!m)
		return 0;
	r = e % PYMM_HASH_BITS;
	if (r < 0)
		r += PYMM_HASH_BITS;
	if (r)
		m = ((m << r) & PYMM_HASH_MODULUS) | (m >> (PYMM_HASH_BITS - r));
	x = neg ? -(s64)m : (s64)m;
	return x == -1 ? -2 : x;
}

/* FNV-1a with a final avalanche; str and bytes of equal content agree */
s64 pymm_hash_bytes(const void *p, u32 len)
{
	const u8 *s = p;
	u64 x = 0xcbf29ce484222325ull;
	s64 r;
	u32 i;

	for (i = 0; i < len; i++)
		x = (x ^ s[i]) * 0x100000001b3ull;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	r = (s64)x;
	return r == -1 ? -2 : r;
}

int pymm_obj_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	const struct pymm_typeobj *t = pymm_types[o->type];

	if (!t->hash)
		return -EINVAL;
	return t->hash(h, o, out);
}

/* ------------------------------------------------------ numbers, no FPU */

/*
 * A finite float as sign, integer part magnitude (saturated: big is set when
 * |f| >= 2**64) and whether a fractional part exists.
 */
struct fdec {
	bool neg, nan, inf, big, frac;
	u64 ipart;
};

static void float_decompose(u64 bits, struct fdec *d)
{
	u32 exp = (bits >> 52) & 0x7ff;
	u64 m = bits & ((1ull << 52) - 1);
	s64 e;

	memset(d, 0, sizeof(*d));
	d->neg = bits >> 63;
	if (exp == 0x7ff) {
		d->nan = m != 0;
		d->inf = m == 0;
		return;
	}
	if (exp == 0) {
		d->frac = m != 0;	/* subnormal: 0 < |f| < 1 */
		return;
	}
	m |= 1ull << 52;
	e = (s64)exp - 1075;
	if (e >= 0) {
		if (e > 11)
			d->big = true;
		else
			d->ipart = m << e;
	} else if (e > -64) {
		d->ipart = m >> -e;
		d->frac = (m & ((1ull << -e) - 1)) != 0;
	} else {
		d->frac = true;
	}
}

static bool is_num(const struct pymm_object *o)
{
	return o->type == PYMM_T_INT || o->type == PYMM_T_BOOL || o->type == PYMM_T_FLOAT;
}

static s64 int_val(const struct pymm_object *o)
{
	return ((const struct pymm_int *)o)->value;
}

static u64 float_bits(const struct pymm_object *o)
{
	return ((const struct pymm_float *)o)->bits;
}

/* -1, 0, 1, or 2 for unordered (nan): exact, as CPython's float_richcompare */
static int cmp_int_float(s64 i, u64 bits)
{
	struct fdec d;
	u64 imag = i < 0 ? 0 - (u64)i : (u64)i;
	int si = i < 0 ? -1 : i > 0, sf, r;

	float_decompose(bits, &d);
	if (d.nan)
		return 2;
	if (d.inf || d.big)
		return d.neg ? 1 : -1;
	sf = (!d.ipart && !d.frac) ? 0 : (d.neg ? -1 : 1);
	if (si != sf)
		return si < sf ? -1 : 1;
	if (imag < d.ipart)
		r = -1;
	else if (imag > d.ipart)
		r = 1;
	else
		r = d.frac ? -1 : 0;
	return si < 0 ? -r : r;
}

static s64 float_key(u64 bits)
{
	s64 mag = (s64)(bits & ~(1ull << 63));

	return (bits >> 63) ? -mag : mag;
}

static bool float_is_nan(u64 bits)
{
	return ((bits >> 52) & 0x7ff) == 0x7ff && (bits & ((1ull << 52) - 1));
}

/* numbers: -1, 0, 1, or 2 (unordered) */
static int num_cmp(const struct pymm_object *a, const struct pymm_object *b)
{
	bool af = a->type == PYMM_T_FLOAT, bf = b->type == PYMM_T_FLOAT;

	if (!af && !bf) {
		s64 x = int_val(a), y = int_val(b);

		return x < y ? -1 : x > y;
	}
	if (af && bf) {
		s64 x, y;

		if (float_is_nan(float_bits(a)) || float_is_nan(float_bits(b)))
			return 2;
		x = float_key(float_bits(a));
		y = float_key(float_bits(b));
		return x < y ? -1 : x > y;
	}
	if (af) {
		int r = cmp_int_float(int_val(b), float_bits(a));

		return r == 2 ? 2 : -r;
	}
	return cmp_int_float(int_val(a), float_bits(b));
}

static bool is_bytes_like(const struct pymm_object *o)
{
	return o->type == PYMM_T_STR || o->type == PYMM_T_BYTES;
}

static int str_cmp(const struct pymm_object *a, const struct pymm_object *b)
{
	const struct pymm_str *x = (const void *)a, *y = (const void *)b;
	u32 n = x->len < y->len ? x->len : y->len;
	int r = memcmp(x->data, y->data, n);

	if (r)
		return r < 0 ? -1 : 1;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* the hashes decide only when both are known (pymm_str_hash()) */
static bool str_equal(struct pymm_object *a, struct pymm_object *b)
{
	s64 ha = ((struct pymm_str *)a)->hash, hb = ((struct pymm_str *)b)->hash;

	return ((struct pymm_str *)a)->len == ((struct pymm_str *)b)->len &&
	       (ha == PYMM_STR_HASH_UNSET || hb == PYMM_STR_HASH_UNSET || ha == hb) &&
	       str_cmp(a, b) == 0;
}

/* dict_keys and dict_items compare as sets in CPython: pymm refuses */
static bool is_setlike_view(const struct pymm_object *o)
{
	return o->type == PYMM_T_DICTVIEW && pymm_dictview_kind(o) != PYMM_VIEW_VALUES;
}

/*
 * Equality of two objects that are not both containers; *res set.  Returns
 * 1 if a and b are containers of a kind that needs the engine.
 */
static int scalar_eq(struct pymm_heap *h, struct pymm_object *a, struct pymm_object *b,
		     bool *res)
{
	int user;

	if (is_setlike_view(a) || is_setlike_view(b))
		return 3;	/* dict_keys/dict_items ==: not modelled (-EOPNOTSUPP) */
	user = pymm_user_eq(h, a, b, res);
	if (user != 1)
		return user ? 4 : 0;	/* a class's __eq__: the client's (-ENOKEY) */
	if (is_num(a) && is_num(b)) {
		*res = num_cmp(a, b) == 0;
		return 0;
	}
	if (a->type == PYMM_T_BYTEARRAY || b->type == PYMM_T_BYTEARRAY) {
		const u8 *p, *q;
		u32 m, n;

		/* bytes and bytearray compare by their bytes, either way round */
		*res = pymm_bytes_view(a, &p, &m) && pymm_bytes_view(b, &q, &n) && m == n &&
		       (!n || !memcmp(p, q, n));
		return 0;
	}
	if (a->type != b->type) {
		*res = false;
		return 0;
	}
	switch (a->type) {
	case PYMM_T_STR:
	case PYMM_T_BYTES:
		*res = str_equal(a, b);
		return 0;
	case PYMM_T_TUPLE:
	case PYMM_T_LIST:
	case PYMM_T_DICT:
		return 1;
	case PYMM_T_SET:
		return 2;	/* by hash lookups: pymm_set_equal() */
	case PYMM_T_RANGE:
		*res = pymm_range_equal(a, b);
		return 0;
	case PYMM_T_WEAKREF: {
		struct pymm_object *x = pymm_weakref_referent(a);
		struct pymm_object *y = pymm_weakref_referent(b);

		*res = (x && y) ? x == y : a == b;
		return 0;
	}
	case PYMM_T_METHOD:
		/* method_richcompare: the same function bound to the same self */
		*res = ((struct pymm_method *)a)->func == ((struct pymm_method *)b)->func &&
		       ((struct pymm_method *)a)->self == ((struct pymm_method *)b)->self;
		return 0;
	case PYMM_T_BUILTIN:
		*res = pymm_builtin_equal(a, b);
		return 0;
	default:
		*res = a == b;
		return 0;
	}
}

static u32 seq_len(const struct pymm_object *o)
{
	if (o->type == PYMM_T_TUPLE)
		return ((const struct pymm_tuple *)o)->len;
	if (o->type == PYMM_T_LIST)
		return ((const struct pymm_list *)o)->len;
	return ((const struct pymm_dict *)o)->used;
}

static struct pymm_object *seq_item(struct pymm_object *o, u32 i)
{
	if (o->type == PYMM_T_TUPLE)
		return ((struct pymm_tuple *)o)->items[i];
	return ((struct pymm_list *)o)->items[i];
}

/* extra steps for comparing two strings' bytes: one per 64 */
static u64 str_cost(const struct pymm_object *a, const struct pymm_object *b)
{
	if (!is_bytes_like(a) || !is_bytes_like(b))
		return 0;
	return min(((const struct pymm_str *)a)->len, ((const struct pymm_str *)b)->len) / 64;
}

struct eq_frame {
	struct pymm_object *a, *b;
	u32 pos;
};

#define EQ_INLINE	16

/* the container pairs being compared, innermost last */
struct eq_stack {
	struct eq_frame inl[EQ_INLINE], *st;
	u32 depth, cap, limit;
};

/*
 * a and b (containers) are equal if their items are: their pair goes on
 * the stack, to be compared item by item.  *res false: their lengths
 * differ, no need.  -ELOOP past the recursion limit, -ENOMEM.
 */
static int eq_push(struct eq_stack *s, struct pymm_object *a, struct pymm_object *b, bool *res)
{
	if (seq_len(a) != seq_len(b)) {
		*res = false;
		return 0;
	}
	if (s->depth >= s->limit)
		return -ELOOP;
	if (s->depth == s->cap) {
		struct eq_frame *n = pymm_plat_zalloc(sizeof(*n) * s->cap * 2);

		if (!n)
			return -ENOMEM;
		memcpy(n, s->st, sizeof(*n) * s->cap);
		if (s->st != s->inl)
			pymm_plat_free(s->st);
		s->st = n;
		s->cap *= 2;
	}
	s->st[s->depth].a = a;
	s->st[s->depth].b = b;
	s->st[s->depth].pos = 0;
	s->depth++;
	*res = true;
	return 0;
}

/*
 * The comparison engine: a stack of container pairs being compared
 * element by element.  Dict values found through a key lookup are compared
 * here too; the lookup itself may call us for a tuple key, but hashable
 * keys hold no dicts, so that nesting stops at one level.
 */
int pymm_obj_eq(struct pymm_heap *h, struct pymm_object *a, struct pymm_object *b, bool *res)
{
	struct eq_stack s = { .cap = EQ_INLINE, .limit = pymm_params.max_frame_depth };
	/*
	 * Each pair of items looked at is a step of the op's work budget
	 * (heap.h): without shared substructure no pair of item slots is
	 * looked at twice, and the heap holds fewer slots than bytes_held / 8,
	 * so only a walk re-entering shared parts ([x, x] nested n deep costs
	 * 2**n), or a caller comparing over and over (ordering, dict probes),
	 * runs out of it.
	 */
	int err;

	s.st = s.inl;
	if (!s.limit)
		s.limit = PYMM_RECURSION_LIMIT;
	if (a == b && a->type != PYMM_T_FLOAT) {
		*res = true;
		return 0;
	}
	err = pymm_work(h, str_cost(a, b));
	if (err)
		return err;
	err = scalar_eq(h, a, b, res);
	if (err == 2)
		return pymm_set_equal(h, a, b, res);
	if (err == 3)
		return -EOPNOTSUPP;
	if (err == 4)
		return -ENOKEY;
	if (!err)
		return 0;
	err = eq_push(&s, a, b, res);

	while (!err && *res && s.depth) {
		struct eq_frame *f = &s.st[s.depth - 1];
		struct pymm_object *x, *y;

		err = pymm_work(h, 1);
		if (err)
			break;
		if (f->a->type == PYMM_T_DICT) {
			struct pymm_object *key;

			if (!pymm_dict_next(f->a, &f->pos, &key, &x)) {
				s.depth--;
				continue;
			}
			y = pymm_dict_lookup(h, f->b, key, &err);
			if (err)
				break;
			if (!y) {
				*res = false;
				break;
			}
		} else {
			if (f->pos >= seq_len(f->a) || f->pos >= seq_len(f->b)) {
				s.depth--;
				continue;
			}
			x = seq_item(f->a, f->pos);
			y = seq_item(f->b, f->pos);
			f->pos++;
			if (!x || !y) {
				if (x != y) {
					*res = false;
					break;
				}
				continue;
			}
		}
		if (x == y)
			continue;
		err = pymm_work(h, str_cost(x, y));
		if (err)
			break;
		err = scalar_eq(h, x, y, res);
		if (err >= 3) {
			err = err == 3 ? -EOPNOTSUPP : -ENOKEY;
			break;
		}
		if (err == 2) {
			err = pymm_set_equal(h, x, y, res);
			if (err || !*res)
				break;
			continue;
		}
		if (!err) {
			if (!*res)
				break;
			continue;
		}
		err = eq_push(&s, x, y, res);
	}
	if (s.st != s.inl)
		pymm_plat_free(s.st);
	return err;
}

static bool cmp_result(int r, u32 cmp)
{
	switch (cmp) {
	case PYMM_CMP_LT:
		return r < 0;
	case PYMM_CMP_LE:
		return r <= 0;
	case PYMM_CMP_GT:
		return r > 0;
	default:
		return r >= 0;
	}
}

/*
 * Ordering.  Sequences compare as CPython: the first differing items decide,
 * so we walk down to them in a loop (no recursion), with == on the way.
 */
int pymm_obj_compare(struct pymm_heap *h, struct pymm_object *a, struct pymm_object *b,
		     u32 cmp, bool *res)
{
	int err;

	switch (cmp) {
	case PYMM_CMP_IS:
		*res = a == b;
		return 0;
	case PYMM_CMP_IS_NOT:
		*res = a != b;
		return 0;
	case PYMM_CMP_EQ:
	case PYMM_CMP_NE:
		err = pymm_obj_eq(h, a, b, res);
		if (!err && cmp == PYMM_CMP_NE)
			*res = !*res;
		return err;
	}
	for (;;) {
		err = pymm_work(h, 1 + str_cost(a, b));
		if (err)
			return err;
		if (is_num(a) && is_num(b)) {
			int r = num_cmp(a, b);

			*res = r != 2 && cmp_result(r, cmp);
			return 0;
		}
		if (a->type != b->type)
			return -EINVAL;
		if (is_bytes_like(a)) {
			*res = cmp_result(str_cmp(a, b), cmp);
			return 0;
		}
		if (a->type == PYMM_T_TUPLE || a->type == PYMM_T_LIST) {
			u32 i, la = seq_len(a), lb = seq_len(b);
			bool eq = true;

			for (i = 0; i < la && i < lb; i++) {
				struct pymm_object *x = seq_item(a, i), *y = seq_item(b, i);

				if (!x || !y)
					return -EINVAL;
				/* one budget for all: n items of 2**k steps each add up */
				err = pymm_work(h, 1);
				if (!err)
					err = pymm_obj_eq(h, x, y, &eq);
				if (err)
					return err;
				if (!eq)
					break;
			}
			if (eq) {
				*res = cmp_result(la < lb ? -1 : la > lb, cmp);
				return 0;
			}
			a = seq_item(a, i);
			b = seq_item(b, i);
			continue;
		}
		return -EINVAL;
	}
}

/* ------------------------------------------------------------ attributes */

struct pymm_object **pymm_obj_attr_dict_slot(struct pymm_object *o)
{
	switch (o->type) {
	case PYMM_T_INSTANCE:
		return &((struct pymm_instance *)o)->dict;
	case PYMM_T_CLASS:
		return &((struct pymm_class *)o)->dict;
	case PYMM_T_FUNCTION:
		return &((struct pymm_function *)o)->dict;
	default:
		return NULL;
	}
}
