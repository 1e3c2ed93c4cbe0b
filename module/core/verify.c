// SPDX-License-Identifier: GPL-2.0
/*
 * verify.c - PYMM_OP_HEAP_VERIFY: recount every reference in a heap and
 * compare with the counts the objects carry.
 *
 * Every live object is reachable from somewhere that holds a count on it:
 * an internal root (singletons, small ints, (), the globals dict), a
 * client's handle or frame, or a container.  Every container is on a GC
 * list.  So one pass over roots and one over the GC lists, visiting each
 * container's references (type->traverse, one level), finds every counted
 * reference exactly once, without recursion.  Then for each object found:
 * found == refcnt; and the objects found must be all of h->nobjects (an
 * object nobody refers to but still alive is a leak).  Runs under the heap
 * lock; the map is host memory, freed before return, and charged meanwhile
 * to the caller's uid (pymm_client_charge()): 16 bytes a slot, two to four
 * slots an object, so up to 2.7 times the heap's own bytes, which a user
 * verifying each of its heaps at once held uncharged before (issue #12).
 * A caller whose account cannot take it gets -EDQUOT (or -ENOSPC).
 */
#include "heap.h"
#include "gen.h"
#include "frameobj.h"

struct vent {
	struct pymm_object *obj;
	u64 found;
};

struct vmap {
	struct vent *t;
	u32 mask;
	u64 n;
	bool overflow;
	/* untracked containers found, to traverse: linked through gc_next */
	struct pymm_gc_head *pending;
};

/* ends the pending chain (an untracked object's gc_next is NULL otherwise) */
static struct pymm_gc_head pending_end;

static struct vent *vmap_get(struct vmap *m, struct pymm_object *o)
{
	unsigned long k = (unsigned long)o;
	u32 i = (u32)((k >> 4) * 0x9E3779B97F4A7C15ull >> 32) & m->mask;

	for (;;) {
		struct vent *e = &m->t[i];

		if (e->obj == o)
			return e;
		if (!e->obj) {
			if (m->n >= m->mask) {
				m->overflow = true;
				return NULL;
			}
			e->obj = o;
			m->n++;
			return e;
		}
		i = (i + 1) & m->mask;
	}
}

/*
 * An untracked container (a tuple or dict under 3.11's rules, a frame's
 * locals) is on no GC list: the first reference found to it queues it, so
 * that its own references are counted too.  Its gc_next is free (NULL)
 * while it is alive and untracked; the walk restores it.
 */
static int vmap_ref(struct pymm_object *o, void *arg)
{
	struct vmap *m = arg;
	struct vent *e = vmap_get(m, o);

	if (!e)
		return 0;
	if (!e->found++ && pymm_obj_is_gc(o) && !pymm_gc_is_tracked(o) &&
	    !PYMM_GC_HEAD(o)->gc_next) {
		PYMM_GC_HEAD(o)->gc_next = m->pending ? m->pending : &pending_end;
		m->pending = PYMM_GC_HEAD(o);
	}
	return 0;
}

static void root(struct vmap *m, struct pymm_object *o)
{
	if (o)
		vmap_ref(o, m);
}

/* the heap's PYMM_STATIC_REFCNT references to a static object */
static void root_static(struct vmap *m, struct pymm_object *o)
{
	struct vent *e;

	if (!o)
		return;
	vmap_ref(o, m);
	e = vmap_get(m, o);
	if (e)
		e->found += PYMM_STATIC_REFCNT - 1;
}

/* a str-keyed dict's traverse skips its keys (dict_traverse): count them here */
static void verify_str_keys(struct pymm_object *d, struct vmap *m)
{
	struct pymm_object *k, *v;
	u32 pos = 0;

	while (pymm_dict_next(d, &pos, &k, &v))
		vmap_ref(k, m);
}

/*
 * A suspended generator's traverse walks its frame's values (types/gen.c),
 * but the dict may be shared (frame objects of the generator's frame,
 * frameobj.c): its visits of the values are taken back, and the dict is
 * counted and walked once as any untracked container.  A running one's
 * frame is on a stack, walked from there.
 */
static void verify_gen_frame(struct pymm_object *g, struct vmap *m)
{
	bool running;
	struct pymm_object *locals = pymm_gen_locals(g, &running);
	struct pymm_object *k, *v;
	struct vent *e;
	u32 pos = 0;

	if (!locals)
		return;
	vmap_ref(locals, m);
	if (running)
		return;
	while (pymm_dict_next(locals, &pos, &k, &v)) {
		e = vmap_get(m, v);
		if (e)
			e->found--;
	}
}

/*
 * A frame object's traverse leaves out what the stack holds while it runs,
 * and the locals dict it shares (counted here, walked once as any
 * untracked container), and visits the values of the locals it owns
 * alone, not the dict (frameobj.c): that dict is counted here, not walked.
 */
static void verify_frame_obj(struct pymm_object *o, struct vmap *m)
{
	struct pymm_object *hidden[4], *d, *shared;
	struct vent *e;
	u32 n, i;

	d = pymm_frameobj_hidden(o, hidden, &n, &shared);
	for (i = 0; i < n; i++)
		root(m, hidden[i]);
	root(m, shared);
	if (!d)
		return;
	e = vmap_get(m, d);
	if (e)
		e->found++;
	verify_str_keys(d, m);
}

static int fail(struct pymm_heap *h, const char *what, const struct pymm_object *o)
{
	pymm_plat_log_rl(PYMM_LOG_ERR, "heap %s: verify: %s (%s)\n", h->name, what,
			 o ? pymm_types[o->type]->name : "-");
	return -EUCLEAN;
}

/* every reference a container o on a GC list (or deposited) holds */
static void walk_refs(struct pymm_object *o, struct vmap *m)
{
	pymm_types[o->type]->traverse(o, vmap_ref, m);
	if (pymm_types[o->type]->traverse_extra)
		pymm_types[o->type]->traverse_extra(o, vmap_ref, m);
	if (o->type == PYMM_T_DICT && !(o->flags & PYMM_OF_GENERAL_KEYS))
		verify_str_keys(o, m);
	if (o->type == PYMM_T_GENERATOR)
		verify_gen_frame(o, m);
	if (o->type == PYMM_T_FRAME)
		verify_frame_obj(o, m);
}

/*
 * The trashcan's deposits a client holds while its finalizers run deeper
 * in the same nest (object.c, trash_park()): containers whose count
 * reached zero, untracked, dying, their deallocation not begun.  Each is
 * an object of the heap nobody refers to (found 0 = refcnt 0) and still
 * holds its references, which are counted here.
 */
static int check_deposits(struct pymm_heap *h, struct pymm_gc_head *g, struct vmap *m)
{
	u64 n = 0;

	for (; g; g = g->gc_next) {
		struct pymm_object *o = PYMM_GC_OBJ(g);

		if (!(o->flags & PYMM_OF_GC) || !(o->flags & PYMM_OF_DYING) || o->refcnt ||
		    pymm_gc_is_tracked(o))
			return fail(h, "bad trashcan deposit", o);
		if (!vmap_get(m, o))
			return -ENOMEM;
		walk_refs(o, m);
		if (++n > h->nobjects)
			return fail(h, "trashcan deposits more than the heap", o);
		if ((n & 1023) == 0)
			pymm_plat_resched();
	}
	return 0;
}

/*
 * lists[0..3], and the set of a collection waiting for its finalizers
 * (gc.paused, code UNREACHABLE: objects of it may have died since, so no
 * count is kept for it).
 */
static int check_gc_lists(struct pymm_heap *h, struct vmap *m)
{
	int l;

	for (l = 0; l <= PYMM_GC_NLISTS; l++) {
		bool paused = l == PYMM_GC_NLISTS;
		struct pymm_gc_head *head = paused ? &h->gc.paused : &h->gc.lists[l], *g;
		unsigned int code = paused ? PYMM_GC_CODE_PAUSED : (unsigned int)l;
		u64 n = 0;

		if (paused && !h->gc.paused_active)
			break;
		if (pymm_gc_prev(head->gc_next) != head)
			return fail(h, "broken gc list", NULL);
		for (g = head->gc_next; g != head; g = g->gc_next) {
			struct pymm_object *o = PYMM_GC_OBJ(g);

			if (pymm_gc_prev(g->gc_next) != g)
				return fail(h, "broken gc list", o);
			if (!(o->flags & PYMM_OF_GC) || !pymm_types[o->type] ||
			    !pymm_types[o->type]->is_gc || pymm_gc_code(g) != code)
				return fail(h, "bad tracked object", o);
			if (o->type == PYMM_T_DICT && pymm_dict_check(o))
				return fail(h, "dict tables inconsistent", o);
			if (!vmap_get(m, o))
				return -ENOMEM;
			walk_refs(o, m);
			if (++n > h->nobjects)
				return fail(h, "gc list longer than the heap", o);
			if ((n & 1023) == 0)
				pymm_plat_resched();
		}
		if (!paused && n != h->gc.objects[l])
			return fail(h, "gc list count", NULL);
	}
	return 0;
}

int pymm_heap_verify(struct pymm_heap *h, struct pymm_client *caller)
{
	struct pymm_client *c;
	struct vmap m;
	u64 size = 64, i;
	size_t bytes;
	int err = 0;

	while (size < 2 * h->nobjects + 64)
		size *= 2;
	if (size > (1ull << 31))
		return -ENOMEM;
	bytes = size * sizeof(*m.t);
	err = pymm_client_charge(caller, bytes);
	if (err)
		return err;
	memset(&m, 0, sizeof(m));
	m.t = pymm_plat_zalloc(bytes);
	if (!m.t) {
		pymm_client_uncharge(caller, bytes);
		return -ENOMEM;
	}
	m.mask = (u32)size - 1;

	/*
	 * first, before any reference is followed: a deposit in the map
	 * already is never queued as an untracked container (its gc_next,
	 * the chain's link, stays), should a broken count refer to it
	 */
	err = check_deposits(h, h->trash_later, &m);	/* the caller's, in its op */
	for (c = h->clients; c && !err; c = c->hnext)
		err = check_deposits(h, c->trash_later, &m);
	if (err)
		goto out;

	root(&m, h->none);
	root(&m, h->true_obj);
	root(&m, h->false_obj);
	root_static(&m, h->empty_tuple);
	root(&m, h->globals);
	for (i = 0; i < PYMM_GC_GARBAGE_REFS; i++) {
		root(&m, h->gc.garbage);
		root(&m, h->gc.callbacks);
	}
	if (h->object_type) {
		/* `object` is untracked: its references are walked here */
		root(&m, h->object_type);
		pymm_class_type.traverse_extra(h->object_type, vmap_ref, &m);
	}
	for (i = 0; i < PYMM_BASE_NTYPES; i++) {
		/* the static list and dict (types/subobj.c): untracked too */
		if (!h->base_types[i])
			continue;
		root(&m, h->base_types[i]);	/* queued: its base is walked later */
		pymm_class_type.traverse_extra(h->base_types[i], vmap_ref, &m);
	}
	for (i = 0; i < h->nstatic_classes; i++) {
		/* the builtin exception classes (type.c): untracked, as `object` */
		root(&m, h->static_classes[i]);
		pymm_class_type.traverse_extra(h->static_classes[i], vmap_ref, &m);
	}
	for (i = 0; i < PYMM_NSMALL_INTS; i++)
		root_static(&m, h->small_ints[i]);
	for (i = 0; i < PYMM_NSTATICS; i++)
		root_static(&m, h->statics[i]);
	for (c = h->clients; c; c = c->hnext) {
		u32 k;

		for (k = 0; k < c->handles_used; k++)
			root(&m, c->handles[k].obj);
		for (k = 0; k < c->depth; k++) {
			root(&m, c->frames[k].locals);
			root(&m, c->frames[k].name);
			root(&m, c->frames[k].fobj);
		}
		root(&m, c->modframe);
		/* queued finalizers hold counts (fin.c); handed-out ones do not */
		for (k = 0; k < 2; k++) {
			struct pymm_fin_work *w = k ? c->fin_todo : c->fin_new;

			for (; w; w = w->next) {
				root(&m, w->obj);
				root(&m, w->func);
			}
		}
	}
	err = check_gc_lists(h, &m);
	/* then what the untracked containers hold, which may queue more */
	while (m.pending) {
		struct pymm_gc_head *g = m.pending;
		struct pymm_object *o = PYMM_GC_OBJ(g);

		m.pending = g->gc_next == &pending_end ? NULL : g->gc_next;
		g->gc_next = NULL;
		if (err)
			continue;
		pymm_types[o->type]->traverse(o, vmap_ref, &m);
		if (o->type == PYMM_T_DICT && !(o->flags & PYMM_OF_GENERAL_KEYS))
			verify_str_keys(o, &m);
		if (o->type == PYMM_T_FRAME)
			verify_frame_obj(o, &m);
	}
	if (err)
		goto out;
	if (m.overflow) {
		err = fail(h, "more objects reachable than counted", NULL);
		goto out;
	}
	for (i = 0; i <= m.mask; i++) {
		struct vent *e = &m.t[i];
		struct pymm_object *o = e->obj;

		if (!o)
			continue;
		if (o->refcnt != e->found) {
			pymm_plat_log_rl(PYMM_LOG_ERR,
					 "heap %s: verify: %s refcnt %llu, found %llu\n",
					 h->name, pymm_types[o->type]->name,
					 (unsigned long long)o->refcnt,
					 (unsigned long long)e->found);
			err = -EUCLEAN;
			goto out;
		}
		/* a deposit is found nowhere (count 0, as it should) */
		if (o->flags & PYMM_OF_DYING && e->found) {
			err = fail(h, "dying object still referenced", o);
			goto out;
		}
		if (o->type == PYMM_T_WEAKREF || o->type == PYMM_T_WEAKPROXY) {
			struct pymm_object *r = pymm_weakref_referent(o);

			if (r && !vmap_get(&m, r)->found) {
				err = fail(h, "weakref to a dead object", o);
				goto out;
			}
		}
	}
	if (m.n != h->nobjects) {
		pymm_plat_log_rl(PYMM_LOG_ERR,
				 "heap %s: verify: %llu objects live, %llu referenced\n",
				 h->name, (unsigned long long)h->nobjects,
				 (unsigned long long)m.n);
		err = -EUCLEAN;
		goto out;
	}
	for (i = 0; i < h->intern.nslots; i++) {
		struct pymm_object *s = h->intern.slots[i];

		if (!s || s == (struct pymm_object *)1)
			continue;
		if (s->type != PYMM_T_STR || !(s->flags & PYMM_OF_INTERNED) ||
		    !vmap_get(&m, s)->found) {
			err = fail(h, "intern table holds a dead string", s);
			goto out;
		}
	}
out:
	pymm_plat_free(m.t);
	pymm_client_uncharge(caller, bytes);
	return err;
}
