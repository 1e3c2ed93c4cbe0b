// SPDX-License-Identifier: GPL-2.0
/*
 * stats.c - the snapshots /proc, the tool and the unload line read.  Every
 * figure comes from the owner of the data (allocator, heap counters, gc),
 * taken under the registry lock and then each heap's lock in turn (never
 * two heaps at once).  The view is built in host memory, not on the stack.
 */
#include "heap.h"

struct view_buf {
	struct pymm_heap_info info;
	struct pymm_alloc_stats alloc;
	struct pymm_class_stats classes[PYMM_NB_SIZE_CLASSES];
	struct pymm_heap_stats heap;
	struct pymm_gc_gen_stats gc[PYMM_GC_NGEN];
};

int pymm_for_each_heap(u32 uid, bool admin, pymm_heap_view_fn fn, void *arg)
{
	struct view_buf *b = pymm_plat_zalloc(sizeof(*b));
	struct pymm_heap_view v;
	struct pymm_heap *h;
	int err = 0;

	if (!b)
		return -ENOMEM;
	v.info = &b->info;
	v.alloc = &b->alloc;
	v.classes = b->classes;
	v.heap = &b->heap;
	v.gc = b->gc;
	pymm_mutex_lock(&pymm_registry_lock);
	for (h = pymm_registry_first(); h && !err; h = h->reg_next) {
		if (!admin && !h->public && h->owner_uid != uid)
			continue;
		pymm_mutex_lock(&h->lock);
		pymm_heap_fill_info(h, &b->info);
		pymm_alloc_stats(&h->alloc, &b->alloc, b->classes);
		pymm_heap_fill_stats(h, &b->heap);
		pymm_gc_get_stats(h, b->gc);
		v.priv = h;
		err = fn(&v, arg);
		pymm_mutex_unlock(&h->lock);
	}
	pymm_mutex_unlock(&pymm_registry_lock);
	pymm_plat_free(b);
	return err;
}

int pymm_heap_view_arena(const struct pymm_heap_view *v, u32 idx,
			 struct pymm_arena_info *info)
{
	const struct pymm_heap *h = v->priv;

	return pymm_alloc_arena_info(&h->alloc, idx, info);
}

void pymm_global_stats(struct pymm_global_stats *st)
{
	struct pymm_alloc_stats *as = pymm_plat_zalloc(sizeof(*as) +
		sizeof(struct pymm_class_stats) * PYMM_NB_SIZE_CLASSES);
	struct pymm_heap *h;

	memset(st, 0, sizeof(*st));
	pymm_mutex_lock(&pymm_registry_lock);
	st->clients = pymm_registry_clients();
	for (h = pymm_registry_first(); h; h = h->reg_next) {
		st->heaps++;
		pymm_mutex_lock(&h->lock);
		st->objects += h->nobjects;
		if (as) {
			pymm_alloc_stats(&h->alloc, as, (struct pymm_class_stats *)(as + 1));
			st->bytes_held += as->bytes_held;
			st->arenas += as->arenas_current;
		}
		pymm_mutex_unlock(&h->lock);
	}
	pymm_mutex_unlock(&pymm_registry_lock);
	pymm_plat_free(as);
}
