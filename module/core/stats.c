// SPDX-License-Identifier: GPL-2.0
/*
 * stats.c - the snapshots /proc, the tool and the unload line read.  Every
 * figure comes from the owner of the data (allocator, heap counters, gc).
 * No reader here waits for a heap that an operation holds (heap.h): the
 * module-wide figures and each heap's row are the published ones, read
 * under the registry lock alone (pymm_global_stats(),
 * pymm_visit_heap_rows()); a heap's full view (pymm_visit_heaps()) is taken
 * under its lock if a trylock gets it within the walk's 100 ms (in all,
 * however many heaps are busy), with the registry dropped (the heap
 * pinned), and is marked busy otherwise.  The view is
 * built in host memory, not on the stack.
 */
#include "heap.h"

struct view_buf {
	struct pymm_heap_info info;
	struct pymm_alloc_stats alloc;
	struct pymm_class_stats classes[PYMM_NB_SIZE_CLASSES];
	struct pymm_heap_stats heap;
	struct pymm_gc_gen_stats gc[PYMM_GC_NGEN];
	struct pymm_freelist_stats freelists;
	u64 bytes_by_type[PYMM_T_MAX];
};

/*
 * A running script holds its heap for one op (or one batch run) at a time,
 * microseconds to milliseconds: a reader that finds the lock taken looks
 * again, sleeping in between, before it calls the heap busy.  It holds
 * nothing meanwhile but its pin on the heap, so the wait is its own; a
 * long op (bounded by the work budget) still shows as busy.  The patience,
 * VIEW_PATIENCE_NS, is for the whole walk, not per heap: the sleep is not
 * interruptible, and a user who keeps many heaps busy must not make each
 * read of a per-heap file last 100 ms per heap.  A reader being killed
 * stops looking at once.
 */
#define VIEW_PATIENCE_NS	(100ull * 1000 * 1000)
#define VIEW_NAP_US		1000

static bool view_trylock(struct pymm_heap *h, u64 until)
{
	while (!pymm_mutex_trylock(&h->lock)) {
		if (pymm_plat_now_ns() >= until || pymm_plat_fatal_signal())
			return false;
		pymm_plat_sleep_us(VIEW_NAP_US);
	}
	return true;
}

/*
 * One heap, pinned, no lock held: its full view if its lock is free (or
 * soon), else the published row with busy set.  Returns fn's verdict.
 */
static int view_one(struct pymm_heap *h, u64 until, struct view_buf *b,
		    struct pymm_heap_view *v, pymm_heap_view_fn fn, void *arg)
{
	int err = 0;

	v->busy = false;
	v->priv = NULL;
	if (!view_trylock(h, until)) {
		memset(&b->alloc, 0, sizeof(b->alloc));
		memset(b->classes, 0, sizeof(b->classes));
		memset(&b->heap, 0, sizeof(b->heap));
		memset(b->gc, 0, sizeof(b->gc));
		memset(&b->freelists, 0, sizeof(b->freelists));
		memset(b->bytes_by_type, 0, sizeof(b->bytes_by_type));
		v->busy = true;
		return fn(v, arg);
	}
	if (!h->torn_down) {	/* not destroyed since we pinned it */
		pymm_alloc_stats(&h->alloc, &b->alloc, b->classes);
		pymm_heap_fill_stats(h, &b->heap);
		pymm_gc_get_stats(h, b->gc);
		pymm_freelist_stats(h, &b->freelists);
		memcpy(b->bytes_by_type, h->bytes_by_type, sizeof(b->bytes_by_type));
		v->priv = h;
		err = fn(v, arg);
	}
	pymm_mutex_unlock(&h->lock);
	return err;
}

/*
 * Each visible heap in turn, pinned, with the registry dropped: its full
 * view (view_one()), or with rows only its published row alone, for which
 * no heap's lock is taken, tried or waited for.
 */
static int visit(u32 uid, bool admin, bool rows, pymm_heap_view_fn fn, void *arg)
{
	struct view_buf *b = pymm_plat_zalloc(sizeof(*b));
	struct pymm_heap *h = NULL, *next;
	struct pymm_heap_view v;
	u64 until;
	int err = 0;

	if (!b)
		return -ENOMEM;
	until = pymm_plat_now_ns() + VIEW_PATIENCE_NS;
	v.info = &b->info;
	v.alloc = &b->alloc;
	v.classes = b->classes;
	v.heap = &b->heap;
	v.gc = b->gc;
	v.freelists = &b->freelists;
	v.bytes_by_type = b->bytes_by_type;
	do {
		pymm_mutex_lock(&pymm_registry_lock);
		for (next = pymm_registry_next(h); next; next = next->reg_next)
			if (pymm_heap_visible(next, uid, admin))
				break;
		if (next) {
			pymm_heap_pin(next);
			pymm_heap_fill_info(next, &b->info);
		}
		pymm_mutex_unlock(&pymm_registry_lock);
		if (h)
			pymm_heap_put(h);
		h = next;
		if (h && rows) {
			v.busy = false;
			v.priv = NULL;
			err = fn(&v, arg);
		} else if (h) {
			err = view_one(h, until, b, &v, fn, arg);
		}
	} while (h && !err);
	if (h)
		pymm_heap_put(h);
	pymm_plat_free(b);
	return err;
}

int pymm_visit_heaps(u32 uid, bool admin, pymm_heap_view_fn fn, void *arg)
{
	return visit(uid, admin, false, fn, arg);
}

int pymm_visit_heap_rows(u32 uid, bool admin, pymm_heap_view_fn fn, void *arg)
{
	return visit(uid, admin, true, fn, arg);
}

_Static_assert(PYMM_NB_SIZE_CLASSES == PYMM_CORE_SIZE_CLASSES, "size classes");

/*
 * The records of PYMM_OP_ALLOC_STATS and PYMM_OP_FREELIST_STATS, taken
 * together under one hold of the heap's lock (pymm_core.h).
 */
int pymm_heap_read_alloc(const char *name, u32 uid, bool admin, struct pymm_alloc_stats *a,
			 struct pymm_class_stats cls[PYMM_CORE_SIZE_CLASSES],
			 struct pymm_freelist_stats *fl)
{
	struct pymm_heap *h;
	int err = pymm_heap_view_begin(name, uid, admin, &h);

	if (err)
		return err;
	pymm_alloc_stats(&h->alloc, a, cls);
	pymm_freelist_stats(h, fl);
	pymm_heap_view_end(h);
	return 0;
}

/* PYMM_OP_GC_GET_STATS's record */
int pymm_heap_read_gc(const char *name, u32 uid, bool admin,
		      struct pymm_gc_gen_stats gen[3])
{
	struct pymm_heap *h;
	int err = pymm_heap_view_begin(name, uid, admin, &h);

	if (err)
		return err;
	pymm_gc_get_stats(h, gen);
	pymm_heap_view_end(h);
	return 0;
}

/*
 * PYMM_OP_ARENA_INFO's record of the heap a dump started on: *serial ties
 * the calls of one dump to one heap (pymm_core.h).
 */
int pymm_heap_read_arena(const char *name, u32 uid, bool admin, u64 *serial, u32 idx,
			 struct pymm_arena_info *ai)
{
	struct pymm_heap *h;
	int err = pymm_heap_view_begin(name, uid, admin, &h);

	if (err)
		return err;
	if (*serial && *serial != h->serial) {
		err = -ENOENT;	/* not the heap the dump started on */
	} else {
		*serial = h->serial;
		memset(ai, 0, sizeof(*ai));
		err = pymm_alloc_arena_info(&h->alloc, idx, ai);
		if (err == -ENOENT)
			err = -ERANGE;
	}
	pymm_heap_view_end(h);
	return err;
}

int pymm_heap_view_arena(const struct pymm_heap_view *v, u32 idx,
			 struct pymm_arena_info *info)
{
	const struct pymm_heap *h = v->priv;

	if (!h)
		return -EBUSY;
	pymm_lockdep_assert_held((struct pymm_mutex *)&h->lock);
	return pymm_alloc_arena_info(&h->alloc, idx, info);
}

/*
 * The areas walk.  Everything it reads is under the heap lock the caller
 * holds: the client list, each client's frame array, the namespace dicts.
 * Nothing is allocated and nothing recursed into: frames are an array and
 * a namespace is walked with the dict's own cursor, both bounded by the
 * caller's limits, so the cost of a /proc read is bounded too.
 */
static int area_names(struct pymm_heap *h, struct pymm_object *ns, u32 kind,
		      struct pymm_area_entry *e, u32 max_names, pymm_area_fn fn, void *arg)
{
	struct pymm_object *val;
	struct pymm_str *name;
	u32 pos = 0, shown = 0, total = 0;
	int err;

	pymm_lockdep_assert_held(&h->lock);
	while (pymm_ns_next(ns, &pos, &name, &val)) {
		total++;
		if (shown >= max_names)
			continue;
		shown++;
		e->kind = kind;
		e->name = name->data;
		e->name_len = name->len;
		e->type = val->type;
		e->refcnt = val->refcnt;
		e->id = pymm_obj_id(h, val);
		err = fn(e, arg);
		if (err)
			return err;
	}
	if (total > shown) {
		e->kind = PYMM_AREA_MORE_NAMES;
		e->count = total - shown;
		e->type = kind;		/* whose names: LOCAL or GLOBAL */
		e->name = NULL;
		e->name_len = 0;
		return fn(e, arg);
	}
	return 0;
}

static u32 area_dict_len(struct pymm_object *d)
{
	return d ? ((struct pymm_dict *)d)->used : 0;
}

int pymm_heap_view_areas(const struct pymm_heap_view *v, u32 max_frames,
			 u32 max_names, pymm_area_fn fn, void *arg)
{
	/* the view is read-only; IDs need the allocator, which is not const */
	struct pymm_heap *h = (struct pymm_heap *)v->priv;
	struct pymm_area_entry e;
	struct pymm_client *c;
	u32 idx = 0;
	int err;

	if (!h)
		return -EBUSY;
	pymm_lockdep_assert_held(&h->lock);
	for (c = h->clients; c; c = c->hnext, idx++) {
		u32 d = 0;

		memset(&e, 0, sizeof(e));
		e.kind = PYMM_AREA_CLIENT;
		e.client = idx;
		e.count = c->depth;
		e.refcnt = c->handles_live;
		e.id = c->uid;
		err = fn(&e, arg);
		if (err)
			return err;
		if (c->depth > max_frames) {
			d = c->depth - max_frames;
			e.kind = PYMM_AREA_MORE_FRAMES;
			e.count = d;
			err = fn(&e, arg);
			if (err)
				return err;
		}
		for (; d < c->depth; d++) {
			struct pymm_frame *f = &c->frames[d];
			struct pymm_str *name = f->name ? pymm_as_str(f->name) : NULL;

			memset(&e, 0, sizeof(e));
			e.kind = PYMM_AREA_FRAME;
			e.client = idx;
			e.depth = d;
			e.count = area_dict_len(f->locals);
			e.name = name ? name->data : "?";
			e.name_len = name ? name->len : 1;
			err = fn(&e, arg);
			if (err)
				return err;
			if (f->locals) {
				err = area_names(h, f->locals, PYMM_AREA_LOCAL, &e, max_names,
						 fn, arg);
				if (err)
					return err;
			}
			pymm_plat_resched();
		}
	}
	memset(&e, 0, sizeof(e));
	e.kind = PYMM_AREA_GLOBALS;
	e.count = area_dict_len(h->globals);
	err = fn(&e, arg);
	if (err || !h->globals)
		return err;
	return area_names(h, h->globals, PYMM_AREA_GLOBAL, &e, max_names, fn, arg);
}

/* The published figures (heap.h): the registry lock only, briefly. */
void pymm_global_stats(struct pymm_global_stats *st)
{
	struct pymm_heap *h;

	memset(st, 0, sizeof(*st));
	st->clients = pymm_registry_clients();
	pymm_mutex_lock(&pymm_registry_lock);
	for (h = pymm_registry_next(NULL); h; h = h->reg_next) {
		st->heaps++;
		st->objects += pymm_atomic64_read(&h->pub_objects);
		st->bytes_held += pymm_atomic64_read(&h->pub_bytes_held);
		st->arenas += pymm_atomic64_read(&h->pub_arenas);
	}
	pymm_mutex_unlock(&pymm_registry_lock);
}
