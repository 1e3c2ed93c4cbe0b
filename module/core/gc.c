// SPDX-License-Identifier: GPL-2.0
/*
 * gc.c - the generational cycle collector, CPython's algorithm (Modules/
 * gcmodule.c, 3.8-3.12; Python/gc.c 3.13 default build).
 *
 * Reference counting frees everything except cycles.  The collector finds
 * groups of containers that are referenced only from inside the group,
 * without knowing where the roots are: a reference that does not come
 * from a container of the group must come from outside (a handle, a frame,
 * the globals, an untracked object), so whatever it reaches is alive.
 *
 * Every tracked container is on exactly one circular doubly linked list
 * (struct pymm_gc_head in front of the object, gc.h):
 *
 *	lists[0]  young: new containers          count[0] = allocs - frees
 *	lists[1]  survived one collection        count[1] = gen-0 collections
 *	lists[2]  old                            count[2] = gen-1 collections
 *	lists[3]  permanent (gc.freeze())        never collected
 *
 * A collection of generation N takes lists[N], lists[0], ..., lists[N-1]
 * (CPython's merge order) onto a private list "young" and runs:
 *
 *   update_refs +    gc_refs = refcnt, then for each referent inside
 *   subtract_refs    young: gc_refs-- -> references from outside
 *                    O(n + edges), in one walk (subtract_refs): an
 *                    object's gc_refs start when the walk or its first
 *                    referent meets it; until then its code, still its
 *                    generation's, marks it as in the set (struct gc_set)
 *   move_unreachable scan young; gc_refs > 0: reachable, and its
 *                    traversal pulls referents back to young (gc_refs =
 *                    1); gc_refs == 0: tentatively unreachable, moved
 *                    away.  No recursion, no memory: the lists are the
 *                    work lists (objects pulled back are appended to
 *                    young's tail, where the scan will meet them again).
 *   survivors        spliced onto lists[N + 1] (gen 2 stays)
 *   weakrefs         to unreachable objects cleared, before any code
 *                    runs or anything is freed; callbacks of weakrefs
 *                    that are not garbage themselves queued (fin.c)
 *   finalizers       PEP 442: each at most once, in list order, queued
 *                    for the client, which runs them: the collection
 *                    pauses (gc.paused) until the last one is done
 *                    (pymm_gc_resume()), its client goes, or another
 *                    client's op finds it waited fin_wait_ns
 *   resurrection     if a finalizer ran: the three steps again on the
 *                    unreachable set; what is referenced from outside now
 *                    goes to the old generation with all it reaches
 *   delete_garbage   clear() each object holding a temporary reference;
 *                    counts do the freeing (pymm_obj_decref); an object
 *                    still alive after its clear goes to the old list
 *
 * The header is two words, as CPython's since 3.8 (object.h): gc_next is
 * a plain pointer; gc_prev is the previous head with a 4-bit code in its
 * low bits (heads are 16-byte aligned), or, while deduce_unreachable runs,
 * gc_refs shifted left by 4 with the code still in the low bits:
 *
 *	code  list                          gc_prev holds
 *	0..2  generation                    prev | code
 *	3     permanent (gc.freeze())       prev | code
 *	4     COLLECTING: clear_all's list  prev | code
 *	5     REFS: in the set under exam   gc_refs << 4 | code  (no prev!)
 *	6     UNREACHABLE: tentatively      prev | code
 *	15    untracked                     code only
 *
 * During move_unreachable, mid-scan:
 *
 *	     young (singly linked)           unreachable (doubly linked)
 *	+--> A --> B --> C --> D --+       +--> E <-> F --+
 *	+--------------------------+       +--------------+
 *	     scanned | not yet               code UNREACHABLE
 *	 prev|target | refs|REFS
 *
 * Starting an object's gc_refs overwrites its prev pointer, so the set is
 * singly linked while the steps run; the sentinel keeps a
 * real tail pointer, so visit_reachable can still append.  move_unreachable
 * rewrites each object it scans as reachable with its restored prev pointer
 * and its new generation in one store; what it moves to unreachable is
 * linked both ways (visit_reachable may pull it back from the middle).
 * When deduce_unreachable returns, every list is doubly linked again and
 * nothing has run: the steps only traverse and write headers, so no object
 * can die while a prev pointer is missing.  CPython keeps a flag in gc_next
 * (NEXT_MASK_UNREACHABLE) because its PyGC_Head has only 2 spare bits and
 * 3 states to tell apart; our 4 bits hold the list code as well, so gc_next
 * stays a plain pointer and needs no clean-up pass.
 *
 * Codes >= PYMM_GC_GEN_COLLECTING mark temporary lists, so that an object
 * dying in the middle (a finalizer or a clear() drops its last reference)
 * is unlinked by pymm_gc_untrack() without touching the per-list
 * counters.  Loops over lists that can shrink under them always take the
 * current head, never a saved "next" pointer.
 *
 * gc_refs bound: the word holds 60 bits of gc_refs.  update_refs saturates
 * at GC_REFS_MAX = 2^58 (immortal objects, and any larger count), so the
 * shift never loses a bit.  Saturation cannot turn a live object into
 * garbage: subtract_refs removes one per reference from inside the set,
 * each a pointer slot in the heap, and 2^58 slots would be 2^61 bytes,
 * beyond any quota or address space.  A traverse bug that over-subtracts
 * wraps to a value above GC_REFS_MAX, which move_unreachable reports and
 * treats as reachable (as CPython's assertion, without the crash).
 *
 * Scheduling: pymm_gc_on_alloc() counts; ops.c calls
 * pymm_gc_maybe_collect() at the end of every op (a safe point: no
 * half-built object, every C-held reference counted), which collects the
 * oldest generation over its threshold.  Generation 2 is guarded by
 * CPython's long-lived ratio: a full collection only once the objects
 * promoted into gen 2 since the last one are at least 25% of the objects
 * that survived it, so that building a large structure is not quadratic.
 *
 * Locking: everything runs under the heap's mutex (heap.h), a sleeping
 * lock: the long loops call pymm_plat_resched() every GC_RESCHED_EVERY
 * objects, so a collection of millions of objects never stalls a CPU.
 *
 * Work budget (heap.h, struct pymm_work): a collection is not stopped
 * halfway, by the budget or by a fatal signal: its steps leave lists
 * half-split and finalizers half-run.  Its length is bounded by the heap
 * (each step is an object or a pointer slot of it, and the heap is bounded
 * by its quota), and it reschedules; a killed task's op ends when the
 * collection does.  Its cost is added to the op's steps after it
 * (gc_work_of()), so that a batch run of collections ends in time.  The ops that only walk the lists (get_objects,
 * get_referrers) draw on the op's budget and stop early.
 */
#include "heap.h"

/* list codes private to the collector (object.h, gc.h: 0..4 and 15) */
#define GC_CODE_REFS		5	/* in the set: gc_prev holds gc_refs */
#define GC_CODE_UNREACHABLE	6	/* on the tentative unreachable list */
_Static_assert(GC_CODE_UNREACHABLE == PYMM_GC_CODE_PAUSED, "gc.paused keeps the code");

#define GC_REFS_ONE		(1UL << PYMM_GC_REFS_SHIFT)
/* saturation, also the refs of an internal root (see the bound above) */
#define GC_REFS_MAX		(1UL << 58)

#define GC_RESCHED_EVERY	4096

#ifndef __KERNEL__
void (*pymm_gc_finalize_hook)(struct pymm_heap *h, struct pymm_object *o);
#endif

/* ------------------------------------------------------------- lists */

static void gc_set_prev(struct pymm_gc_head *g, struct pymm_gc_head *prev)
{
	g->gc_prev = (unsigned long)prev | (g->gc_prev & PYMM_GC_CODE_MASK);
}

static void gc_set_code(struct pymm_gc_head *g, unsigned int code)
{
	g->gc_prev = (g->gc_prev & ~PYMM_GC_CODE_MASK) | code;
}

static unsigned long gc_get_refs(const struct pymm_gc_head *g)
{
	return g->gc_prev >> PYMM_GC_REFS_SHIFT;
}

static void gc_set_refs(struct pymm_gc_head *g, unsigned long refs)
{
	g->gc_prev = refs << PYMM_GC_REFS_SHIFT | GC_CODE_REFS;
}

static void gl_init(struct pymm_gc_head *l)
{
	l->gc_next = l;
	l->gc_prev = (unsigned long)l | PYMM_GC_UNTRACKED;
}

static bool gl_empty(const struct pymm_gc_head *l)
{
	return l->gc_next == l;
}

/* g's code becomes code; l must be doubly linked, or keep a real tail */
static void gl_append(struct pymm_gc_head *g, struct pymm_gc_head *l, unsigned int code)
{
	struct pymm_gc_head *last = pymm_gc_prev(l);

	g->gc_prev = (unsigned long)last | code;
	g->gc_next = l;
	last->gc_next = g;
	gc_set_prev(l, g);
}

static void gl_unlink(struct pymm_gc_head *g)
{
	struct pymm_gc_head *prev = pymm_gc_prev(g), *next = g->gc_next;

	prev->gc_next = next;
	gc_set_prev(next, prev);
}

static void gl_move(struct pymm_gc_head *g, struct pymm_gc_head *l, unsigned int code)
{
	gl_unlink(g);
	gl_append(g, l, code);
}

/* appends everything of from to the tail of to; from ends empty; codes kept */
static void gl_merge(struct pymm_gc_head *from, struct pymm_gc_head *to)
{
	struct pymm_gc_head *tail = pymm_gc_prev(to);
	struct pymm_gc_head *first = from->gc_next, *last = pymm_gc_prev(from);

	if (gl_empty(from))
		return;
	tail->gc_next = first;
	gc_set_prev(first, tail);
	last->gc_next = to;
	gc_set_prev(to, last);
	gl_init(from);
}

static void gc_tick(u64 *work)
{
	if ((++*work % GC_RESCHED_EVERY) == 0)
		pymm_plat_resched();
}

/* moves from onto lists[gen], relabelling each object: O(len(from)) */
static u64 gl_merge_into_gen(struct pymm_heap *h, struct pymm_gc_head *from, u8 gen)
{
	struct pymm_gc_head *g;
	u64 n = 0, work = 0;

	for (g = from->gc_next; g != from; g = g->gc_next) {
		gc_set_code(g, gen);
		n++;
		gc_tick(&work);
	}
	gl_merge(from, &h->gc.lists[gen]);
	h->gc.objects[gen] += n;
	return n;
}

/* ------------------------------------------------------ track, count */

void pymm_gc_init(struct pymm_heap *h, u32 debug)
{
	struct pymm_gc_state *gc = &h->gc;
	int i;

	memset(gc, 0, sizeof(*gc));
	for (i = 0; i < PYMM_GC_NLISTS; i++)
		gl_init(&gc->lists[i]);
	gl_init(&gc->paused);
	gc->fin_wait_ns = PYMM_FIN_WAIT_NS;
	gc->threshold[0] = 700;
	gc->threshold[1] = 10;
	gc->threshold[2] = 10;
	gc->enabled = true;
	gc->debug = debug & PYMM_GC_DEBUG_ALL;
}

void pymm_gc_track(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_gc_head *g = PYMM_GC_HEAD(o);

	if (pymm_gc_code(g) != PYMM_GC_UNTRACKED)
		return;
	gl_append(g, &h->gc.lists[0], 0);
	h->gc.objects[0]++;
}

void pymm_gc_untrack(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_gc_head *g = PYMM_GC_HEAD(o);
	unsigned int code = pymm_gc_code(g);

	if (code == PYMM_GC_UNTRACKED)
		return;
	/*
	 * On a collector's list (code >= PYMM_GC_GEN_COLLECTING): no counter
	 * to fix.  Never GC_CODE_REFS: nothing dies inside deduce_unreachable,
	 * the only place where gc_prev holds no pointer.
	 */
	if (code < PYMM_GC_NLISTS)
		h->gc.objects[code]--;
	gl_unlink(g);
	g->gc_next = NULL;
	g->gc_prev = PYMM_GC_UNTRACKED;
}

void pymm_gc_on_alloc(struct pymm_heap *h)
{
	h->gc.count[0]++;
}

/* as PyObject_GC_Del: frees of objects older than the count never underflow it */
void pymm_gc_on_free(struct pymm_heap *h)
{
	if (h->gc.count[0])
		h->gc.count[0]--;
}

/* ---------------------------------------------------- the algorithm */

/*
 * The set under exam, while subtract_refs runs: a member whose gc_refs are
 * not set yet still has the code of the list it came from, and no object
 * outside the set has that code (a collection of generation N takes lists
 * 0..N whole; the second deduce takes the whole unreachable list).  The
 * range never covers GC_CODE_REFS.
 */
struct gc_set {
	unsigned int lo;	/* codes lo..lo + span */
	unsigned int span;
};

/*
 * CPython's validate_list() (gcmodule.c, a debug build's check between the
 * collector's phases): every object on l is doubly linked (its prev is the
 * object before it, the sentinel's prev is the last), carries a code of
 * set, and there are count of them (U64_MAX: not counted).  O(len(l)), so
 * debug builds only (PYMM_DEBUG_CHECKS, platform.h); at the phase
 * boundaries where no list is singly linked or borrowed for gc_refs.
 */
#define GC_ANY_COUNT	U64_MAX
#ifdef PYMM_DEBUG_CHECKS
static void gc_validate_list(const struct pymm_heap *h, const struct pymm_gc_head *l,
			     const struct gc_set *set, u64 count)
{
	const struct pymm_gc_head *prev = l, *g;
	u64 n = 0;

	for (g = l->gc_next; g != l; prev = g, g = g->gc_next) {
		PYMM_INVARIANT(pymm_gc_prev(g) == prev, "gc list: prev link");
		PYMM_INVARIANT(pymm_gc_code(g) - set->lo <= set->span, "gc list: code");
		if (++n > h->nobjects) {
			PYMM_INVARIANT(false, "gc list: longer than the heap");
			return;
		}
	}
	PYMM_INVARIANT(pymm_gc_prev(l) == prev, "gc list: tail link");
	PYMM_INVARIANT(count == GC_ANY_COUNT || n == count, "gc list: count");
}
#else
static inline void gc_validate_list(const struct pymm_heap *h, const struct pymm_gc_head *l,
				    const struct gc_set *set, u64 count)
{
}
#endif

/* update_refs for one object: its prev pointer is lost until move_unreachable */
static void gc_start_refs(struct pymm_gc_head *g)
{
	struct pymm_object *o = PYMM_GC_OBJ(g);

	if (o->flags & PYMM_OF_IMMORTAL || o->refcnt > GC_REFS_MAX)
		gc_set_refs(g, GC_REFS_MAX);
	else
		gc_set_refs(g, o->refcnt);
}

static int visit_decref(struct pymm_object *child, void *arg)
{
	const struct gc_set *set = arg;

	if (pymm_obj_is_gc(child)) {
		struct pymm_gc_head *g = PYMM_GC_HEAD(child);
		unsigned int code = pymm_gc_code(g);

		/* met before the walk reached it: its gc_refs start now */
		if (code - set->lo <= set->span) {
			gc_start_refs(g);
			code = GC_CODE_REFS;
		}
		/* refs sit above the code bits: subtracting leaves the code */
		if (code == GC_CODE_REFS)
			g->gc_prev -= GC_REFS_ONE;
	}
	return 0;
}

/*
 * type->traverse(o, visit_decref, set) for every type; lists, the hot case,
 * without the two indirect calls per item (list_traverse's loop, with
 * visit_decref inlined).
 */
static void traverse_decref(struct pymm_object *o, const struct gc_set *set)
{
	if (o->type == PYMM_T_LIST) {
		struct pymm_list *l = (struct pymm_list *)o;
		u32 i = l->len;

		pymm_sub_traverse(o, visit_decref, (void *)set);	/* a subclass's dict, type */
		while (i--)
			visit_decref(l->items[i], (void *)set);
	} else {
		pymm_obj_type(o)->traverse(o, visit_decref, (void *)set);
	}
}

/*
 * CPython's update_refs and subtract_refs in one walk instead of two: an
 * object's gc_refs start at its count when the walk or its first referent
 * inside the set meets it, whichever comes first, so that every decrement
 * lands on a started count.  The result is the same, gc_refs = references
 * from outside the set, with one pass less over memory.
 */
static void subtract_refs(struct pymm_gc_head *list, const struct gc_set *set)
{
	struct pymm_gc_head *g;
	u64 work = 0;

	for (g = list->gc_next; g != list; g = g->gc_next) {
		if (pymm_gc_code(g) != GC_CODE_REFS)
			gc_start_refs(g);
		traverse_decref(PYMM_GC_OBJ(g), set);
		gc_tick(&work);
	}
}

static int visit_reachable(struct pymm_object *child, void *arg)
{
	struct pymm_gc_head *young = arg, *g;

	if (!pymm_obj_is_gc(child))
		return 0;
	g = PYMM_GC_HEAD(child);
	if (pymm_gc_code(g) == GC_CODE_UNREACHABLE) {
		/*
		 * Looked unreachable when the scan met it: back to young's tail
		 * (unreachable is doubly linked, young's sentinel knows its
		 * tail), where the scan will meet it again.
		 */
		gl_move(g, young, GC_CODE_REFS);
		gc_set_refs(g, 1);
	} else if (pymm_gc_code(g) == GC_CODE_REFS && gc_get_refs(g) == 0) {
		/* still ahead of the scan in young: just say it is reachable */
		gc_set_refs(g, 1);
	}
	/* otherwise: not in the set, or already scanned as reachable */
	return 0;
}

/* type->traverse(o, visit_reachable, young), lists inline as traverse_decref */
static void traverse_reachable(struct pymm_object *o, struct pymm_gc_head *young)
{
	if (o->type == PYMM_T_LIST) {
		struct pymm_list *l = (struct pymm_list *)o;
		u32 i = l->len;

		/* a subclass's dict and type, then last to first, as list_traverse */
		pymm_sub_traverse(o, visit_reachable, young);
		while (i--)
			visit_reachable(l->items[i], young);
	} else {
		pymm_obj_type(o)->traverse(o, visit_reachable, young);
	}
}

/*
 * Splits young (singly linked: update_refs took the prev pointers):
 * objects with outside references, and everything they reach, stay on
 * young, relinked both ways and relabelled as members of generation
 * target (*nreach of them); the rest go to unreachable.  Nothing can die
 * while this runs (no reference is dropped), so relabelling here is safe
 * as long as the caller splices young onto lists[target] before any code
 * runs.
 */
static void move_unreachable(struct pymm_heap *h, struct pymm_gc_head *young,
			     struct pymm_gc_head *unreachable, u8 target, u64 *nreach)
{
	struct pymm_gc_head *prev = young, *g = young->gc_next;
	u64 work = 0;

	while (g != young) {
		struct pymm_object *o = PYMM_GC_OBJ(g);
		unsigned long refs = gc_get_refs(g);

		if (refs) {
			if (unlikely(refs > GC_REFS_MAX))
				pymm_plat_log_rl(PYMM_LOG_ERR,
						 "%s: gc: %s with refcount too small (traverse bug)\n",
						 h->name, pymm_obj_type(o)->name);
			traverse_reachable(o, young);
			/* restores the link and leaves the set, in one store */
			g->gc_prev = (unsigned long)prev | target;
			(*nreach)++;
			prev = g;
		} else {
			/* young is singly linked: no next->prev to fix */
			prev->gc_next = g->gc_next;
			gl_append(g, unreachable, GC_CODE_UNREACHABLE);
		}
		/* read after the traversal: it may have appended to the tail */
		g = prev->gc_next;
		gc_tick(&work);
	}
	/* the tail may have gone to unreachable last */
	gc_set_prev(young, prev);
}

/* a survivor leaves the collector's bookkeeping: on young, not yet counted */
static void gc_untrack_survivor(struct pymm_gc_head *g, u64 *nreach)
{
	gl_unlink(g);
	g->gc_next = NULL;
	g->gc_prev = PYMM_GC_UNTRACKED;
	(*nreach)--;
}

/* _PyTuple_MaybeUntrack: every item an atom (looked at in list order) */
static bool tuple_may_untrack(struct pymm_object *o)
{
	struct pymm_tuple *t = (struct pymm_tuple *)o;
	u32 i;

	for (i = 0; i < t->len; i++)
		if (!t->items[i] || pymm_gc_may_be_tracked(t->items[i]))
			return false;
	return true;
}

/*
 * gcmodule.c's untrack_tuples(young) after every collection and, after a
 * full one, untrack_dicts(young): in list order, so a tuple holding a
 * tuple found later on the list stays tracked until the next collection,
 * as in CPython.
 */
static void untrack_survivors(struct pymm_gc_head *young, bool dicts, u64 *nreach)
{
	struct pymm_gc_head *g, *next;
	u64 work = 0;

	for (g = young->gc_next; g != young; g = next) {
		struct pymm_object *o = PYMM_GC_OBJ(g);

		next = g->gc_next;
		/* untrack_tuples: PyTuple_CheckExact, never a subclass's */
		if (o->type == PYMM_T_TUPLE && !pymm_subext(o) && tuple_may_untrack(o))
			gc_untrack_survivor(g, nreach);
		gc_tick(&work);
	}
	if (!dicts)
		return;
	for (g = young->gc_next; g != young; g = next) {
		struct pymm_object *o = PYMM_GC_OBJ(g);

		next = g->gc_next;
		if (o->type == PYMM_T_DICT && pymm_dict_may_untrack(o))
			gc_untrack_survivor(g, nreach);
		gc_tick(&work);
	}
}

/*
 * update_refs + subtract_refs + move_unreachable, survivors onto
 * lists[target]; young's members all have a code in set (struct gc_set).
 * untrack: a collection's first pass, which untracks atomic tuples (and
 * dicts, in a full collection) among the survivors.
 */
static u64 deduce_unreachable(struct pymm_heap *h, struct pymm_gc_head *young,
			      const struct gc_set *set, struct pymm_gc_head *unreachable,
			      u8 target, bool untrack)
{
	u64 nreach = 0;

	subtract_refs(young, set);
	move_unreachable(h, young, unreachable, target, &nreach);
	if (untrack)
		untrack_survivors(young, target == PYMM_GC_NGEN - 1 &&
				  set->span == PYMM_GC_NGEN - 1, &nreach);
	gl_merge(young, &h->gc.lists[target]);
	h->gc.objects[target] += nreach;
	return nreach;
}

/*
 * handle_weakrefs: clears every weak reference to an unreachable object, so
 * that no code can reach the set through one, and queues the callback of
 * each such weak reference that is not itself garbage (a weakref in the
 * set is cleared without its callback, as CPython's).  The weakref keeps
 * its callback, as CPython's handle_weakrefs leaves wr_callback set (only
 * a death by reference count drops it first): a callback closing over its
 * weakref is a cycle the next collection finds.  A weakref of the set is
 * unhooked from its referent too.  Returns the callbacks queued.
 */
static u64 handle_weakrefs(struct pymm_heap *h, struct pymm_gc_head *unreachable)
{
	struct pymm_gc_head *g;
	u64 work = 0, queued = 0;

	for (g = unreachable->gc_next; g != unreachable; g = g->gc_next) {
		struct pymm_object *o = PYMM_GC_OBJ(g);
		struct pymm_weakref **slot, *wr;

		if (o->type == PYMM_T_WEAKREF || o->type == PYMM_T_WEAKPROXY)
			pymm_weakref_unlink((struct pymm_weakref *)o);
		slot = pymm_weaklist_slot(o);
		if (!slot)
			continue;
		while ((wr = *slot)) {
			struct pymm_object *cb = wr->callback;

			pymm_weakref_unlink(wr);
			if (!cb || pymm_gc_code(PYMM_GC_HEAD(&wr->ob)) == GC_CODE_UNREACHABLE)
				continue;
			if (pymm_fin_queue(h, &wr->ob, cb, PYMM_FIN_CALLBACK, true))
				queued++;
		}
		gc_tick(&work);
	}
	return queued;
}

/*
 * PEP 442: each finalizer at most once, in list order.  Legacy text
 * finalizers run here; functions are queued for the client (fin.c), and
 * *queued counts those.  Objects can die here (a legacy finalizer's
 * unit-test hook may drop references), so the loop always takes the head
 * and parks finished objects on seen.  Returns finalizers run or queued.
 */
static u64 finalize_garbage(struct pymm_heap *h, struct pymm_gc_head *unreachable, u64 *queued)
{
	struct pymm_gc_head seen, *g;
	u64 ran = 0, work = 0;

	gl_init(&seen);
	while (!gl_empty(unreachable)) {
		struct pymm_object *o;

		g = unreachable->gc_next;
		o = PYMM_GC_OBJ(g);
		gl_move(g, &seen, GC_CODE_UNREACHABLE);
		if (!(o->flags & PYMM_OF_FINALIZED) && pymm_obj_has_finalizer(h, o)) {
			pymm_obj_incref(o);
			if (pymm_obj_finalize(h, o, true))
				(*queued)++;
#ifndef __KERNEL__
			else if (pymm_gc_finalize_hook)
				pymm_gc_finalize_hook(h, o);
#endif
			pymm_obj_decref(h, o);
			ran++;
		}
		gc_tick(&work);
	}
	gl_merge(&seen, unreachable);
	return ran;
}

/*
 * What gc.collect() returns: every unreachable object.  Instances keep
 * their attributes inline as 3.11's do (types/type.c), so an attribute
 * dict is counted only where CPython has one too.
 */
static u64 count_unreachable(struct pymm_gc_head *list)
{
	struct pymm_gc_head *g;
	u64 n = 0, work = 0;

	for (g = list->gc_next; g != list; g = g->gc_next) {
		n++;
		gc_tick(&work);
	}
	return n;
}

static void debug_collectable(struct pymm_heap *h, struct pymm_gc_head *list)
{
	struct pymm_gc_head *g;

	for (g = list->gc_next; g != list; g = g->gc_next) {
		struct pymm_object *o = PYMM_GC_OBJ(g);

		pymm_plat_log_rl(PYMM_LOG_INFO, "%s: gc: collectable <%s 0x%llx>\n", h->name,
				 pymm_obj_type(o)->name,
				 (unsigned long long)pymm_obj_id(h, o));
	}
}

/*
 * tp_clear on each object, a temporary reference held so that it cannot
 * die inside its own clear.  Tuples are not cleared, as CPython's have no
 * tp_clear: a cycle through a tuple also goes through a mutable container,
 * whose clear frees the tuple.  DEBUG_SAVEALL keeps everything in
 * gc.garbage instead.
 */
static void delete_garbage(struct pymm_heap *h, struct pymm_gc_head *collectable, u8 old)
{
	struct pymm_gc_state *gc = &h->gc;
	bool saveall = (gc->debug & PYMM_GC_DEBUG_SAVEALL) && gc->garbage;
	u64 work = 0;

	while (!gl_empty(collectable)) {
		struct pymm_gc_head *g = collectable->gc_next;
		struct pymm_object *o = PYMM_GC_OBJ(g);

		pymm_obj_incref(o);
		if (saveall)
			pymm_list_append(h, gc->garbage, o);	/* on failure: freed */
		else if (o->type != PYMM_T_TUPLE)
			pymm_obj_type(o)->clear(h, o);
		else
			pymm_sub_clear(h, o);	/* subtype_clear: a subclass's __dict__ */
		if (o->refcnt > 1) {
			/* alive after its clear: it may die later, from the old list */
			gl_move(g, &gc->lists[old], old);
			gc->objects[old]++;
		}
		/* otherwise this frees o, and untracking unlinks it from collectable */
		pymm_obj_decref(h, o);
		gc_tick(&work);
	}
}

static void gc_log_start(struct pymm_heap *h, int gen)
{
	struct pymm_gc_state *gc = &h->gc;

	pymm_plat_log_rl(PYMM_LOG_INFO, "%s: gc: collecting generation %d...\n", h->name, gen);
	pymm_plat_log_rl(PYMM_LOG_INFO, "%s: gc: objects in each generation: %llu %llu %llu\n",
			 h->name, (unsigned long long)gc->objects[0],
			 (unsigned long long)gc->objects[1], (unsigned long long)gc->objects[2]);
	pymm_plat_log_rl(PYMM_LOG_INFO, "%s: gc: objects in permanent generation: %llu\n",
			 h->name, (unsigned long long)gc->objects[PYMM_GC_GEN_PERMANENT]);
}

static void gc_log_done(struct pymm_heap *h, u64 n, u64 ns)
{
	/* CPython prints %.4f seconds; integers only here (no FPU in the kernel) */
	pymm_plat_log_rl(PYMM_LOG_INFO,
			 "%s: gc: done, %llu unreachable, %llu uncollectable, %llu.%04llus elapsed\n",
			 h->name, (unsigned long long)n, 0ULL,
			 (unsigned long long)(ns / 1000000000ULL),
			 (unsigned long long)((ns % 1000000000ULL) / 100000ULL));
}

/*
 * gc.garbage and gc.callbacks: one list each, made on first use (read, or
 * SAVEALL set), never during a collection.  CPython 3.11 makes them at
 * start-up and holds PYMM_GC_GARBAGE_REFS references to each (the
 * collector's state and the gc module's dict), so their counts here are
 * what python3 prints, and their allocation is not the script's:
 * generation 0's count does not move.
 */
static int gc_ensure_list(struct pymm_heap *h, struct pymm_object **slot)
{
	u64 count0 = h->gc.count[0];
	int err = 0;

	if (*slot)
		return 0;
	*slot = pymm_list_new(h, NULL, 0, &err);
	if (!*slot)
		return err;
	h->gc.count[0] = count0;
	(*slot)->refcnt += PYMM_GC_GARBAGE_REFS - 1;
	return 0;
}

static int gc_ensure_garbage(struct pymm_heap *h)
{
	return gc_ensure_list(h, &h->gc.garbage);
}

/* PYMM_OP_GC_GARBAGE_LIST, PYMM_OP_GC_CALLBACKS_LIST: a handle to the list */
static int gc_list_op(struct pymm_opctx *x, struct pymm_object **slot)
{
	int err = pymm_handle_reserve(x->c, 1);

	if (!err)
		err = gc_ensure_list(x->h, slot);
	if (err)
		return err;
	return pymm_ret_handle(x, pymm_obj_incref(*slot));
}

static void gc_drop_list(struct pymm_heap *h, struct pymm_object **slot)
{
	struct pymm_object *l = *slot;

	*slot = NULL;
	if (l) {
		l->refcnt -= PYMM_GC_GARBAGE_REFS - 1;
		pymm_obj_decref(h, l);
	}
}

/*
 * A collection cannot stop halfway, so it draws no budget (heap.h); what it
 * costs is added to the op's steps all the same, unchecked, so that a batch
 * run of collections ends once they took one op's base budget (ops.c,
 * pymm_op_exec_batch()) and the heap's other clients get their turn between
 * two: about a step per pointer-sized word of the heap (the budget's own
 * measure), the share of the tracked objects this generation examines.
 * Counted from the generations' sizes before the collection, not in the
 * traversal's hot loops, and added after it: nothing the collection does
 * may find the op's budget spent.
 */
static u64 gc_work_of(struct pymm_heap *h, int gen)
{
	const struct pymm_gc_state *gc = &h->gc;
	u64 examined = 0, tracked = 0;
	int i;

	pymm_lockdep_assert_held(&h->lock);
	for (i = 0; i < PYMM_GC_NLISTS; i++) {
		tracked += gc->objects[i];
		if (i <= gen)
			examined += gc->objects[i];
	}
	return tracked ? h->alloc.bytes_held / sizeof(void *) * examined / tracked : 0;
}

/*
 * The collection after its finalizers (CPython's handle_resurrected_objects
 * and delete_garbage): unreachable is gc->paused.  ran: finalizers ran (or
 * were queued and are done), so something may have been resurrected.
 */
static u64 gc_collect_finish(struct pymm_heap *h, u64 ran)
{
	struct pymm_gc_state *gc = &h->gc;
	struct pymm_gc_head *unreachable = &gc->paused;
	struct pymm_gc_gen_stats *st = &gc->stats[gc->paused_gen];
	const struct gc_set unreachable_set = { .lo = GC_CODE_UNREACHABLE, .span = 0 };
	u8 old = gc->paused_old;
	u64 ns, m;

	if (ran) {
		struct pymm_gc_head still;

		/*
		 * Only a finalizer can have made something reachable again:
		 * deduce once more; the resurrected go to the old list.
		 */
		gl_init(&still);
		deduce_unreachable(h, unreachable, &unreachable_set, &still, old, false);
		gl_merge(&still, unreachable);
	}
	gc_validate_list(h, &gc->lists[old], &(struct gc_set){ .lo = old }, gc->objects[old]);
	gc_validate_list(h, unreachable, &unreachable_set, GC_ANY_COUNT);

	m = count_unreachable(unreachable) + gc->paused_wr_freed;
	gc->paused_wr_freed = 0;
	delete_garbage(h, unreachable, old);
	/* clear_freelists(): only when collecting the oldest generation */
	if (gc->paused_gen == PYMM_GC_NGEN - 1)
		pymm_freelist_clear(h, PYMM_FL_WHY_GC);

	ns = pymm_plat_now_ns() - gc->paused_t0;
	st->collections++;
	st->collected += m;
	st->pause_last_ns = ns;
	st->pause_total_ns += ns;
	if (ns > st->pause_max_ns)
		st->pause_max_ns = ns;
	if (gc->debug & PYMM_GC_DEBUG_STATS)
		gc_log_done(h, m, ns);
	gc->paused_active = false;
	gc->paused_client = NULL;
	gc->paused_left = 0;
	gc->collecting = false;
	h->work.used += gc->paused_work;
	pymm_event_emit(PYMM_EV_GC_COLLECT, h->name, gc->paused_gen, m, 0, ns);
	return m;
}

u64 pymm_gc_resume(struct pymm_heap *h)
{
	pymm_lockdep_assert_held(&h->lock);
	if (!h->gc.paused_active)
		return 0;
	pymm_fin_abandon(h);
	return gc_collect_finish(h, 1);
}

/*
 * gc_collect_main: collects generation gen and the younger ones; returns
 * the number of unreachable objects found (none is uncollectable here:
 * legacy tp_del finalizers do not exist).  If finalizers or weakref
 * callbacks were queued for the client, the collection pauses instead
 * (*paused set, 0 returned) until they are done (fin.c, pymm_gc_resume()).
 */
static u64 gc_collect_main(struct pymm_heap *h, int gen, bool *paused)
{
	struct pymm_gc_state *gc = &h->gc;
	struct pymm_gc_head young, *unreachable = &gc->paused;
	/* young's codes: lists 0..gen */
	const struct gc_set gen_set = { .lo = 0, .span = gen };
	const struct gc_set unreachable_set = { .lo = GC_CODE_UNREACHABLE };
	u8 old = gen < PYMM_GC_NGEN - 1 ? gen + 1 : gen;
	u64 survivors, ran, queued = 0;
	int i;

	*paused = false;
	gc->collecting = true;
	gc->paused_t0 = pymm_plat_now_ns();
	gc->paused_gen = (u8)gen;
	gc->paused_old = old;
	pymm_event_emit(PYMM_EV_GC_START, h->name, gen, 0, 0, 0);
	if ((gc->debug & PYMM_GC_DEBUG_SAVEALL) && gc_ensure_garbage(h))
		pymm_plat_log_rl(PYMM_LOG_WARN, "%s: gc: no memory for gc.garbage\n", h->name);
	if (gc->debug & PYMM_GC_DEBUG_STATS)
		gc_log_start(h, gen);

	if (gen + 1 < PYMM_GC_NGEN)
		gc->count[gen + 1]++;
	for (i = 0; i <= gen; i++)
		gc->count[i] = 0;

	gc->paused_work = gc_work_of(h, gen);

	/* young = lists[gen] + lists[0] + ... + lists[gen - 1], as CPython */
	gl_init(&young);
	gl_init(unreachable);
	gl_merge(&gc->lists[gen], &young);
	for (i = 0; i < gen; i++)
		gl_merge(&gc->lists[i], &young);
	for (i = 0; i <= gen; i++)
		gc->objects[i] = 0;

	gc_validate_list(h, &young, &gen_set, GC_ANY_COUNT);
	survivors = deduce_unreachable(h, &young, &gen_set, unreachable, old, true);
	gc_validate_list(h, &gc->lists[old], &(struct gc_set){ .lo = old }, gc->objects[old]);
	gc_validate_list(h, unreachable, &unreachable_set, GC_ANY_COUNT);
	if (gen == PYMM_GC_NGEN - 2) {
		gc->long_lived_pending += survivors;
	} else if (gen == PYMM_GC_NGEN - 1) {
		gc->long_lived_pending = 0;
		gc->long_lived_total = survivors;
	}

	if (gc->debug & PYMM_GC_DEBUG_COLLECTABLE)
		debug_collectable(h, unreachable);

	/* no code may see an unreachable object through a weak reference */
	queued = handle_weakrefs(h, unreachable);
	ran = finalize_garbage(h, unreachable, &queued);
	gc_validate_list(h, unreachable, &unreachable_set, GC_ANY_COUNT);
	if (queued) {
		gc->paused_active = true;
		gc->paused_client = h->cur_client;
		gc->paused_left = queued;
		gc->paused_wr_freed = 0;
		gc->paused_since = pymm_plat_now_ns();
		*paused = true;
		return 0;
	}
	return gc_collect_finish(h, ran);
}

/* a paused collection whose client takes too long stops waiting for it */
static void gc_check_paused(struct pymm_heap *h)
{
	struct pymm_gc_state *gc = &h->gc;

	if (gc->paused_active && h->cur_client != gc->paused_client &&
	    pymm_plat_now_ns() - gc->paused_since >= gc->fin_wait_ns) {
		pymm_plat_log_rl(PYMM_LOG_INFO,
				 "%s: gc: a collection stopped waiting for its finalizers\n",
				 h->name);
		pymm_gc_resume(h);
	}
}

/*
 * gc.callbacks is Python code: with callbacks registered, an automatic
 * collection is handed to the client whose op crossed the threshold
 * (PYMM_OUTF_GC_DUE), which runs the "start" callbacks, collects that
 * generation and runs the "stop" ones, as CPython's gc_collect_with_callback.
 * While it does, its own ops do not collect; the op of any other client
 * (or of anybody once it detached) runs the collection here, without the
 * callbacks, so that a client ignoring the flag never stops collection.
 * Returns true when the collection was left to the client.
 */
static bool gc_hand_to_client(struct pymm_heap *h, int gen)
{
	struct pymm_gc_state *gc = &h->gc;
	struct pymm_list *cbs = (struct pymm_list *)gc->callbacks;

	if (!cbs || !cbs->len || !h->cur_client) {
		gc->due = 0;
		gc->due_client = NULL;
		return false;
	}
	if (!gc->due) {
		gc->due = (u8)(gen + 1);
		gc->due_client = h->cur_client;
		h->cur_client->gc_due = true;
		return true;
	}
	if (gc->due_client == h->cur_client)
		return true;
	gc->due = 0;
	gc->due_client = NULL;
	return false;
}

void pymm_gc_maybe_collect(struct pymm_heap *h)
{
	struct pymm_gc_state *gc = &h->gc;
	bool paused;
	int i;

	pymm_lockdep_assert_held(&h->lock);

	gc_check_paused(h);
	if (!gc->enabled || gc->collecting || !gc->threshold[0] ||
	    gc->count[0] <= gc->threshold[0])
		return;
	/* the oldest generation over its threshold (gc_collect_generations) */
	for (i = PYMM_GC_NGEN - 1; i >= 0; i--) {
		if (gc->count[i] <= gc->threshold[i])
			continue;
		if (i == PYMM_GC_NGEN - 1 &&
		    gc->long_lived_pending < gc->long_lived_total / 4)
			continue;
		if (gc_hand_to_client(h, i))
			return;
		gc_collect_main(h, i, &paused);
		return;
	}
}

void pymm_gc_client_gone(struct pymm_client *c)
{
	struct pymm_heap *h = c->heap;

	if (h->gc.due_client == c)
		h->gc.due_client = NULL;
}

/* ------------------------------------------------------ heap teardown */

/*
 * Clears every container once, which breaks every cycle, so counts free
 * everything once the roots are dropped (before or after this call).  The
 * lists are spliced onto one private list; survivors (still referenced
 * from a root) go back to generation 2, untouched again.
 */
void pymm_gc_clear_all(struct pymm_heap *h)
{
	struct pymm_gc_state *gc = &h->gc;
	struct pymm_gc_head work, *g;
	u64 ticks = 0;
	int i;

	pymm_lockdep_assert_held(&h->lock);

	gc->collecting = true;
	gc_drop_list(h, &gc->garbage);
	gc_drop_list(h, &gc->callbacks);

	gl_init(&work);
	for (i = 0; i < PYMM_GC_NLISTS; i++) {
		gl_merge(&gc->lists[i], &work);
		gc->objects[i] = 0;
	}
	/* a collection left waiting (no client can be attached any more) */
	if (gc->paused_active) {
		gl_merge(&gc->paused, &work);
		gc->paused_active = false;
		gc->paused_client = NULL;
	}
	for (g = work.gc_next; g != &work; g = g->gc_next) {
		gc_set_code(g, PYMM_GC_GEN_COLLECTING);
		gc_tick(&ticks);
	}
	while (!gl_empty(&work)) {
		struct pymm_object *o;

		g = work.gc_next;
		o = PYMM_GC_OBJ(g);
		pymm_obj_incref(o);
		pymm_obj_type(o)->clear(h, o);
		if (o->refcnt > 1) {
			gl_move(g, &gc->lists[PYMM_GC_NGEN - 1], PYMM_GC_NGEN - 1);
			gc->objects[PYMM_GC_NGEN - 1]++;
		}
		pymm_obj_decref(h, o);
		gc_tick(&ticks);
	}
	gc->collecting = false;
}

void pymm_gc_get_stats(struct pymm_heap *h, struct pymm_gc_gen_stats st[PYMM_GC_NGEN])
{
	int i;

	for (i = 0; i < PYMM_GC_NGEN; i++) {
		st[i] = h->gc.stats[i];
		st[i].count = h->gc.count[i];
		st[i].threshold = h->gc.threshold[i];
		st[i].objects = h->gc.objects[i];
	}
}

/* ----------------------------------------------------------- the ops */

/* a growable array of borrowed object pointers */
struct gc_vec {
	struct pymm_object **v;
	u64 n, cap;
	int err;
};

static void vec_push(struct gc_vec *a, struct pymm_object *o)
{
	if (a->err)
		return;
	if (a->n == a->cap) {
		u64 cap = a->cap ? a->cap * 2 : 64;
		struct pymm_object **nv;

		/* more than the largest reply can carry: stop collecting */
		if (cap * sizeof(u64) > 2ULL * PYMM_DATA_MAX) {
			a->err = -ENOSPC;
			return;
		}
		nv = pymm_plat_zalloc(cap * sizeof(*nv));
		if (!nv) {
			a->err = -ENOMEM;
			return;
		}
		if (a->n)
			memcpy(nv, a->v, a->n * sizeof(*nv));
		pymm_plat_free(a->v);
		a->v = nv;
		a->cap = cap;
	}
	a->v[a->n++] = o;
}

static void vec_free(struct gc_vec *a)
{
	pymm_plat_free(a->v);
}

/* handles for a.v[], or -ENOSPC/TRUNC with the size needed */
static int out_vec(struct pymm_opctx *x, struct gc_vec *a, u64 total)
{
	if (total * sizeof(u64) > x->out_cap) {
		u64 need = total * sizeof(u64);

		x->op->out_flags |= PYMM_OUTF_TRUNC;
		x->op->data_len = need > U32_MAX ? U32_MAX : (u32)need;
		return -ENOSPC;
	}
	if (a->err)
		return a->err;
	return pymm_out_handles(x, a->v, (u32)a->n);
}

static int gc_get_objects(struct pymm_opctx *x)
{
	struct pymm_gc_state *gc = &x->h->gc;
	s64 gen = (s64)x->op->arg[0];
	struct gc_vec a = {};
	u64 total = 0;
	int lo, hi, i, err = 0;

	/* CPython's get_objects(generation=None): -1 is None; freeze excluded */
	if (gen == -1) {
		lo = 0;
		hi = PYMM_GC_NGEN - 1;
	} else if (gen >= 0 && gen < PYMM_GC_NGEN) {
		lo = (int)gen;
		hi = lo;
	} else {
		return -EINVAL;
	}
	for (i = lo; i <= hi; i++)
		total += gc->objects[i];
	if (total * sizeof(u64) <= x->out_cap) {
		for (i = lo; i <= hi; i++) {
			struct pymm_gc_head *l = &gc->lists[i], *g;

			for (g = l->gc_next; g != l && !err; g = g->gc_next) {
				vec_push(&a, PYMM_GC_OBJ(g));
				err = pymm_work(x->h, 1);
			}
		}
	}
	if (!err)
		err = out_vec(x, &a, total);
	vec_free(&a);
	return err;
}

struct find_ctx {
	struct pymm_object *target;
	bool found;
};

static int visit_find(struct pymm_object *child, void *arg)
{
	struct find_ctx *f = arg;

	if (child == f->target) {
		f->found = true;
		return 1;
	}
	return 0;
}

/* O(heap), as CPython's: every tracked object outside the permanent one */
static int gc_get_referrers(struct pymm_opctx *x, struct pymm_object *target)
{
	struct pymm_gc_state *gc = &x->h->gc;
	struct gc_vec a = {};
	int i, err = 0;

	for (i = 0; i < PYMM_GC_NGEN; i++) {
		struct pymm_gc_head *l = &gc->lists[i], *g;

		for (g = l->gc_next; g != l && !err; g = g->gc_next) {
			struct pymm_object *o = PYMM_GC_OBJ(g);
			struct find_ctx f = { .target = target };

			pymm_obj_type(o)->traverse(o, visit_find, &f);
			if (f.found)
				vec_push(&a, o);
			err = pymm_work(x->h, 1);
		}
	}
	if (!err)
		err = out_vec(x, &a, a.n);
	vec_free(&a);
	return err;
}

static int visit_collect(struct pymm_object *child, void *arg)
{
	vec_push(arg, child);
	return 0;
}

static int gc_get_referents(struct pymm_opctx *x, struct pymm_object *o)
{
	struct gc_vec a = {};
	int err;

	/* a static type is no GC object: nothing, as CPython's tp_traverse-less ones */
	if (pymm_obj_is_gc(o) && !pymm_type_is_static(x->h, o))
		pymm_obj_type(o)->traverse(o, visit_collect, &a);
	err = out_vec(x, &a, a.n);
	vec_free(&a);
	return err;
}

static int gc_garbage(struct pymm_opctx *x)
{
	struct pymm_list *l = (struct pymm_list *)x->h->gc.garbage;
	struct gc_vec a = {};

	if (!l)
		return pymm_out_handles(x, NULL, 0);
	if ((u64)l->len * sizeof(u64) > x->out_cap)
		return out_vec(x, &a, l->len);
	return pymm_out_handles(x, l->items, l->len);
}

static void gc_freeze(struct pymm_heap *h)
{
	int i;

	for (i = 0; i < PYMM_GC_NGEN; i++) {
		gl_merge_into_gen(h, &h->gc.lists[i], PYMM_GC_GEN_PERMANENT);
		h->gc.objects[i] = 0;
	}
	h->gc.count[0] = 0;
}

static void gc_unfreeze(struct pymm_heap *h)
{
	gl_merge_into_gen(h, &h->gc.lists[PYMM_GC_GEN_PERMANENT], PYMM_GC_NGEN - 1);
	h->gc.objects[PYMM_GC_GEN_PERMANENT] = 0;
}

/*
 * A collection someone asked for (GC_COLLECT, pymm_heap_collect()), for
 * h->cur_client.  heap->lock held.
 */
static u64 gc_collect_asked(struct pymm_heap *h, int gen, bool *paused)
{
	struct pymm_gc_state *gc = &h->gc;

	pymm_lockdep_assert_held(&h->lock);
	gc_check_paused(h);
	gc->due = 0;	/* the client runs the collection it was handed */
	gc->due_client = NULL;
	/* not reentrant, as CPython's: 0 while one runs or waits */
	return gc->collecting ? 0 : gc_collect_main(h, gen, paused);
}

/*
 * GC_COLLECT for a host with no client (pymm_core.h).  No client runs the
 * op, so h->cur_client is NULL: the __del__s and weakref callbacks of the
 * garbage are skipped as at a heap's teardown (fin.c: gc.fin_skipped
 * counts them), the collection never pauses for them, and the result is
 * the whole count.  The collection draws on a budget of its own, as an
 * op's, rescheduling and killable at every check.
 */
int pymm_heap_collect(const char *name, u32 uid, bool admin, u32 gen, u64 *unreachable)
{
	struct pymm_heap *h;
	bool paused = false;
	int err;

	*unreachable = 0;
	err = pymm_heap_view_begin(name, uid, admin, &h);
	if (err)
		return err;
	if (gen >= PYMM_GC_NGEN) {
		err = -EINVAL;	/* after the name, as the op answers */
	} else {
		pymm_work_begin(h);
		*unreachable = gc_collect_asked(h, (int)gen, &paused);
		pymm_work_end(h);
	}
	pymm_heap_view_end(h);
	return err;
}

/* thresholds are C ints in CPython */
#define GC_THRESHOLD_MAX	0x7fffffffULL

int pymm_gc_op(struct pymm_opctx *x)
{
	struct pymm_heap *h = x->h;
	struct pymm_gc_state *gc = &h->gc;
	struct pymm_op *op = x->op;
	struct pymm_object *o;
	int err, i;

	switch (op->code) {
	case PYMM_OP_GC_COLLECT: {
		bool paused = false;

		if (op->arg[0] >= PYMM_GC_NGEN)
			return -EINVAL;
		op->ret[0] = gc_collect_asked(h, (int)op->arg[0], &paused);
		/* its result comes with the FIN_DONE that completes it */
		op->ret[1] = paused;
		return 0;
	}
	case PYMM_OP_GC_ENABLE:
		gc->enabled = true;
		return 0;
	case PYMM_OP_GC_DISABLE:
		gc->enabled = false;
		return 0;
	case PYMM_OP_GC_ISENABLED:
		op->ret[0] = gc->enabled;
		return 0;
	case PYMM_OP_GC_GET_COUNT:
		return pymm_out_bytes(x, gc->count, sizeof(gc->count));
	case PYMM_OP_GC_GET_THRESHOLD:
		return pymm_out_bytes(x, gc->threshold, sizeof(gc->threshold));
	case PYMM_OP_GC_SET_THRESHOLD:
		for (i = 0; i < PYMM_GC_NGEN; i++)
			if (op->arg[i] > GC_THRESHOLD_MAX)
				return -EINVAL;
		for (i = 0; i < PYMM_GC_NGEN; i++)
			gc->threshold[i] = op->arg[i];
		return 0;
	case PYMM_OP_GC_FREEZE:
		gc_freeze(h);
		return 0;
	case PYMM_OP_GC_UNFREEZE:
		gc_unfreeze(h);
		return 0;
	case PYMM_OP_GC_GET_FREEZE_COUNT:
		op->ret[0] = gc->objects[PYMM_GC_GEN_PERMANENT];
		return 0;
	case PYMM_OP_GC_GET_STATS: {
		struct pymm_gc_gen_stats st[PYMM_GC_NGEN];

		pymm_gc_get_stats(h, st);
		return pymm_out_bytes(x, st, sizeof(st));
	}
	case PYMM_OP_GC_SET_DEBUG:
		if (op->arg[0] & ~(u64)PYMM_GC_DEBUG_ALL)
			return -EINVAL;
		if (op->arg[0] & PYMM_GC_DEBUG_SAVEALL) {
			err = gc_ensure_garbage(h);
			if (err)
				return err;
		}
		gc->debug = (u32)op->arg[0];
		return 0;
	case PYMM_OP_GC_GET_DEBUG:
		op->ret[0] = gc->debug;
		return 0;
	case PYMM_OP_GC_GET_OBJECTS:
		return gc_get_objects(x);
	case PYMM_OP_GC_GARBAGE:
		return gc_garbage(x);
	case PYMM_OP_GC_GARBAGE_LIST:
		return gc_list_op(x, &gc->garbage);
	case PYMM_OP_GC_CALLBACKS_LIST:
		return gc_list_op(x, &gc->callbacks);
	case PYMM_OP_GC_DUE:
		op->ret[0] = gc->due ? gc->due - 1u : 0;
		op->ret[1] = gc->due && gc->due_client == x->c;
		return 0;
	case PYMM_OP_GC_IS_TRACKED:
	case PYMM_OP_GC_IS_FINALIZED:
	case PYMM_OP_GC_GET_REFERRERS:
	case PYMM_OP_GC_GET_REFERENTS:
		err = pymm_handle_get(x->c, op->arg[0], &o);
		if (err)
			return err;
		switch (op->code) {
		case PYMM_OP_GC_IS_TRACKED:
			op->ret[0] = pymm_gc_is_tracked(o);
			return 0;
		case PYMM_OP_GC_IS_FINALIZED:
			op->ret[0] = !!(o->flags & PYMM_OF_FINALIZED);
			return 0;
		case PYMM_OP_GC_GET_REFERRERS:
			return gc_get_referrers(x, o);
		default:
			return gc_get_referents(x, o);
		}
	default:
		return -EOPNOTSUPP;
	}
}
