// SPDX-License-Identifier: GPL-2.0
/*
 * fin.c - finalizers and weakref callbacks that run code.
 *
 * A __del__ or a weakref callback is Python code, and Python code runs in
 * user space, in a client attached to the heap.  So the heap never calls
 * it: it hands it over and, where CPython would go on after the call, goes
 * on once the client says the call is done.
 *
 *   refcount death   pymm_obj_dealloc() finds __del__: the object gets a
 *                    count back, held by a work item queued for the client
 *                    whose op this is (h->cur_client), and is not freed.
 *                    The op returns with PYMM_OUTF_FINALIZERS; the client
 *                    fetches the item (two new handles: the object and
 *                    __del__), calls it, and FIN_DONE closes the object's
 *                    handle: if nothing resurrected it, it dies then, its
 *                    finalizer already run (PEP 442: once).
 *   collection       gc.c queues the callbacks of the weak references to
 *                    the unreachable set (handle_weakrefs) and then every
 *                    __del__ of the set (finalize_garbage), each item marked
 *                    coll, and pauses: the set stays on gc.paused,
 *                    collecting stays true (a nested collect returns 0, as
 *                    CPython's).  The FIN_DONE of its last item resumes it
 *                    (pymm_gc_resume(): reachability again, resurrected
 *                    objects survive, the rest is cleared) and returns the
 *                    collection's result.
 *
 * Items queued since the client's last FIN_FETCH form a group, stacked on
 * top of the groups fetched before (fin_todo, newest first): a FIN_FETCH
 * takes from the newest group only, and ret1 says whether that group has
 * more.  So a finalizer whose own ops queue more work (del self.child)
 * runs that work nested, before the rest of its own group, as CPython's
 * recursive deallocation would.
 *
 * Rules that keep the heap safe whatever the client does:
 *   - nobody runs another uid's code: an item is queued only if the
 *     function's code object was made by a client of the same uid as the
 *     one it is queued for; otherwise, and when there is no client (heap
 *     teardown, a client detaching), when the client already holds
 *     PYMM_FIN_MAX items, or when the charge fails, the finalizer is
 *     skipped: the object counts as finalized and dies without it
 *     (gc.fin_skipped counts them; PYMM_OUTF_FIN_SKIPPED tells the client);
 *   - every item is host memory charged to the client's uid;
 *   - a client that detaches or dies hands everything back: queued items
 *     drop their references (the objects count as finalized and die), and
 *     a collection waiting for it resumes at once;
 *   - a collection waits for its client at most gc.fin_wait_ns while other
 *     clients run ops (pymm_gc_maybe_collect(), GC_COLLECT): then it
 *     resumes without the items still out, whose objects, still referenced
 *     from the items or the client's handles, survive it as resurrected.
 *
 * Locking: heap->lock for everything here (the lists are the client's, but
 * the collector of the heap reads and changes them, as it reads handles).
 */
#include "heap.h"

static void fin_free(struct pymm_client *c, struct pymm_fin_work *w)
{
	pymm_plat_free(w);
	pymm_client_uncharge(c, sizeof(*w));
	c->fin_count--;
}

/*
 * The uid that made func's code; false: func runs no code.  A function
 * with a code token (a lambda: NEW_FUNCTION) runs code only a client of
 * the uid that made it holds, and only the session that made it (the
 * token carries that session's nonce: it refuses any other's).
 */
static bool fin_code_owner(struct pymm_object *func, u32 *uid)
{
	struct pymm_function *f;

	/* a bound method as a weakref callback runs its function's code */
	if (func->type == PYMM_T_METHOD)
		func = ((struct pymm_method *)func)->func;
	if (func->type != PYMM_T_FUNCTION)
		return false;
	f = (struct pymm_function *)func;
	if (!f->code_obj) {
		*uid = f->token_uid;
		return f->code != 0;
	}
	*uid = ((struct pymm_code *)f->code_obj)->info.owner_uid;
	return true;
}

bool pymm_fin_queue(struct pymm_heap *h, struct pymm_object *o, struct pymm_object *func,
		    u8 kind, bool coll)
{
	struct pymm_client *c = h->cur_client;
	struct pymm_fin_work *w;
	u32 uid;

	pymm_lockdep_assert_held(&h->lock);
	if (!c || c->fin_closed || c->heap != h)
		goto skip;
	/*
	 * A generator's close runs no code of the heap's: only a client that
	 * made the generator holds the evaluation it resumes (its token), and
	 * any other just hands the item back (FIN_DONE).
	 */
	if (kind != PYMM_FIN_GEN_CLOSE && (!fin_code_owner(func, &uid) || uid != c->uid)) {
		c->fin_skipped = true;
		pymm_plat_log_rl(PYMM_LOG_INFO,
				 "%s: a finalizer of code uid %u made was not run for uid %u\n",
				 h->name, fin_code_owner(func, &uid) ? uid : 0, c->uid);
		goto skip;
	}
	if (c->fin_count >= PYMM_FIN_MAX || pymm_client_charge(c, sizeof(*w)))
		goto skip;
	w = pymm_plat_zalloc(sizeof(*w));
	if (!w) {
		pymm_client_uncharge(c, sizeof(*w));
		goto skip;
	}
	w->obj = pymm_obj_incref(o);
	w->func = pymm_obj_incref(func);
	w->kind = kind;
	w->coll = coll;
	w->trash_level = h->trash_nesting;
	w->trash_base = h->trash_op_base;
	/* kept as items come, so that no op walks the list (next_level) */
	if (!c->fin_new || w->trash_level < c->fin_new_min)
		c->fin_new_min = w->trash_level;
	if (!c->fin_new_tail)
		c->fin_new_tail = &c->fin_new;
	*c->fin_new_tail = w;
	c->fin_new_tail = &w->next;
	c->fin_count++;
	c->fin_queued = true;
	return true;
skip:
	h->gc.fin_skipped++;
	return false;
}

int pymm_fin_fetch(struct pymm_opctx *x)
{
	struct pymm_client *c = x->c;
	struct pymm_fin_item *out = x->buf;
	struct pymm_fin_work *w, *batch = NULL, **tail = &batch;
	u32 cap = x->out_cap / sizeof(*out), n = 0, group, i;
	int err;

	pymm_lockdep_assert_held(&x->h->lock);

	/* what was queued since the last fetch becomes the newest group */
	if (c->fin_new) {
		c->fin_group++;
		for (w = c->fin_new; w; w = w->next)
			w->group = c->fin_group;
		*c->fin_new_tail = c->fin_todo;
		c->fin_todo = c->fin_new;
		c->fin_new = NULL;
		c->fin_new_tail = &c->fin_new;
	}
	if (!c->fin_todo)
		return 0;
	group = c->fin_todo->group;
	for (w = c->fin_todo; w && w->group == group && n < cap; w = w->next)
		n++;
	if (!n) {
		x->op->out_flags |= PYMM_OUTF_TRUNC;
		x->op->data_len = sizeof(*out);
		return -ENOSPC;
	}
	err = pymm_handle_reserve(c, 2 * n);
	if (err)
		return err;
	for (i = 0; i < n; i++) {
		w = c->fin_todo;
		c->fin_todo = w->next;
		memset(&out[i], 0, sizeof(out[i]));
		/* the item's references move into the handles */
		out[i].obj = pymm_handle_install(c, w->obj);
		out[i].func = pymm_handle_install(c, w->func);
		out[i].kind = w->kind;
		w->func = NULL;
		*tail = w;
		tail = &w->next;
	}
	/*
	 * on top of fin_running in the order they run: its head is the item
	 * the client runs now (pymm_fin_running_level()) and, for a client
	 * that follows the protocol, the one its next FIN_DONE names
	 */
	*tail = c->fin_running;
	c->fin_running = batch;
	x->op->ret[0] = n;
	x->op->ret[1] = c->fin_todo && c->fin_todo->group == group;
	x->op->data_len = n * sizeof(*out);
	return 0;
}

int pymm_fin_done(struct pymm_opctx *x)
{
	struct pymm_client *c = x->c;
	struct pymm_heap *h = x->h;
	struct pymm_fin_work **pw, *w;
	struct pymm_object *o;
	bool coll;
	u32 level;
	int err = pymm_handle_get(c, x->op->arg[0], &o);

	pymm_lockdep_assert_held(&h->lock);

	if (err)
		return err;
	/* the head but for a client that runs its items out of order */
	for (pw = &c->fin_running; (w = *pw); pw = &w->next) {
		if (w->obj == o)
			break;
		err = pymm_work(h, 1);
		if (err)
			return err;
	}
	if (!w)
		return -ENOENT;
	*pw = w->next;
	coll = w->coll;
	/*
	 * handle_weakrefs' num_freed: a weakref whose callback let it go (a
	 * WeakValueDictionary's entry removed) counts in the collection's
	 * result, as CPython 3.11 counts it
	 */
	if (coll && w->kind == PYMM_FIN_CALLBACK && o->refcnt == 1 && h->gc.paused_active &&
	    h->gc.paused_client == c)
		h->gc.paused_wr_freed++;
	/*
	 * where the stack unwinds to once the object and what it queues are
	 * done: a sibling still to run, else where w's own op began
	 */
	level = w->trash_level;
	c->trash_in_done = true;
	c->trash_done_group = w->group;
	c->trash_done_base = pymm_fin_next_level(c, w->group, w->trash_base);
	fin_free(c, w);
	/* the object dies here unless its finalizer resurrected it */
	h->trash_nesting = level;
	h->trash_op_base = c->trash_done_base;
	pymm_handle_close(c, x->op->arg[0]);
	if (coll && h->gc.paused_active && h->gc.paused_client == c && h->gc.paused_left &&
	    --h->gc.paused_left == 0) {
		x->op->ret[1] = pymm_gc_resume(h);
		x->op->ret[0] = 1;
	}
	return 0;
}

/*
 * The item c runs next of group (0: the newest handed out or fetched), or
 * NULL: the head of fin_running (in the order items run) or else of
 * fin_todo, when it is of that group.  O(1): every op asks.
 */
static struct pymm_fin_work *fin_next_of(struct pymm_client *c, u32 group)
{
	struct pymm_fin_work *r = c->fin_running, *t = c->fin_todo;

	if (!group)
		group = max(r ? r->group : 0, t ? t->group : 0);
	if (r && r->group == group)
		return r;
	if (t && t->group == group)
		return t;
	return NULL;
}

/*
 * After FIN_DONE of an item of group (queued by an op that began at
 * base): the trashcan level CPython's stack unwinds to before what the
 * client runs next.  What that FIN_DONE queued runs first, deeper (the
 * lowest level of it, kept as it was queued); else the next sibling;
 * else the stack is back where the group's op began.
 */
u32 pymm_fin_next_level(struct pymm_client *c, u32 group, u32 base)
{
	struct pymm_fin_work *w;

	pymm_lockdep_assert_held(&c->heap->lock);
	if (c->fin_new)
		return c->fin_new_min;
	w = fin_next_of(c, group);
	return w ? w->trash_level : base;
}

/*
 * The trashcan level an op of c runs at: inside a finalizer, one deeper
 * than the level it was queued at (the object holds its level while its
 * __del__ runs).  The item running is the head of fin_running: the
 * earliest left of the newest group handed out.
 */
u32 pymm_fin_running_level(struct pymm_client *c)
{
	pymm_lockdep_assert_held(&c->heap->lock);
	return c->fin_running ? c->fin_running->trash_level + 1 : 0;
}

static void fin_drop_list(struct pymm_heap *h, struct pymm_client *c, struct pymm_fin_work *w)
{
	while (w) {
		struct pymm_fin_work *next = w->next;
		struct pymm_object *o = w->obj, *f = w->func;

		fin_free(c, w);
		if (f)
			pymm_obj_decref(h, f);
		if (o)
			pymm_obj_decref(h, o);
		w = next;
	}
}

void pymm_fin_client_drop(struct pymm_client *c)
{
	struct pymm_heap *h = c->heap;
	struct pymm_fin_work *w;

	pymm_lockdep_assert_held(&h->lock);
	c->fin_closed = true;
	w = c->fin_new;
	c->fin_new = NULL;
	c->fin_new_tail = &c->fin_new;
	fin_drop_list(h, c, w);
	w = c->fin_todo;
	c->fin_todo = NULL;
	fin_drop_list(h, c, w);
	/* handed out: the references are in handles, dropped with them */
	while ((w = c->fin_running)) {
		c->fin_running = w->next;
		fin_free(c, w);
	}
}

/*
 * After its handles went too: a collection waiting for c resumes, and
 * what c held of it is garbage like the rest (finalized, not run).
 */
void pymm_fin_client_gone(struct pymm_client *c)
{
	struct pymm_heap *h = c->heap;

	pymm_lockdep_assert_held(&h->lock);
	if (h->gc.paused_active && h->gc.paused_client == c) {
		h->gc.paused_client = NULL;
		h->gc.paused_left = 0;
		pymm_gc_resume(h);
	}
	/* no finalizer of c's is left to wait for: its deposits are destroyed */
	if (c->trash_later) {
		pymm_trash_resume(h, c, 0);
		pymm_trash_settle(h);
	}
	c->fin_closed = false;
}

/*
 * The paused collection stops waiting for its client (gc.c): the items it
 * holds become plain work for that client, not awaited by anyone.
 */
void pymm_fin_abandon(struct pymm_heap *h)
{
	struct pymm_client *c = h->gc.paused_client;
	struct pymm_fin_work *lists[3], *w;
	int i;

	pymm_lockdep_assert_held(&h->lock);

	if (!c)
		return;
	lists[0] = c->fin_new;
	lists[1] = c->fin_todo;
	lists[2] = c->fin_running;
	for (i = 0; i < 3; i++)
		for (w = lists[i]; w; w = w->next)
			w->coll = false;
	h->gc.paused_client = NULL;
	h->gc.paused_left = 0;
}
