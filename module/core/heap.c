// SPDX-License-Identifier: GPL-2.0
/*
 * heap.c - the registry of heaps, heap life cycle, and the PYMM_OP_HEAP_*
 * operations.
 *
 * Ownership.  A heap belongs to the uid that created it; an admin client
 * (CAP_SYS_ADMIN) may act on every heap.  The default heap
 * (PYMM_DEFAULT_HEAP) is public: created on first attach, owned by uid 0,
 * any user may attach to it, only an admin may destroy it or change its
 * quota, and it counts against nobody's heap limit.
 *
 * Limits.  A user may own params.max_heaps_per_user heaps (admins are
 * exempt): one more gets -EUSERS.  (-EMFILE is the handle table's.)  A heap's
 * quota defaults to params.heap_quota; the owner may lower it (or reset it
 * with 0), only an admin may raise it above the default: -EPERM.  Whatever
 * the heaps' quotas add up to, all heaps of one non-root owner together hold
 * at most params.user_quota bytes (the owner's struct pymm_acct): one user
 * cannot take the whole module-wide cap from everybody else.
 *
 * Destroy refuses with -EBUSY while another client is attached.  If the
 * caller itself is the only one attached, it is detached first (its
 * handles and frames dropped), as a process may close what it has open.
 */
#include "heap.h"

struct pymm_core_params pymm_params;

/*
 * pymm_registry_lock: protects pymm_heaps (the list, each heap's name,
 * owner, nclients and reg_next), pymm_nclients and pymm_core_ready.  Taken
 * after a client's lock and before any heap's lock (heap.h).
 */
struct pymm_mutex pymm_registry_lock;
static struct pymm_heap *pymm_heaps;
static u64 pymm_nclients;
static bool pymm_core_ready;

/*
 * Per-user accounts.  pymm_acct_lock protects the list, every account's
 * heaps and held.  It is a leaf: the allocator takes it with a heap's lock
 * held, the registry with its own lock held, the host's shrinker from
 * reclaim; nothing is taken under it, and nothing is allocated under it.
 */
struct pymm_acct {
	struct pymm_acct *next;
	u32 uid;
	u32 heaps;		/* heaps drawing on it; freed at 0 */
	u64 held;		/* bytes, <= params.user_quota */
};

static struct pymm_mutex pymm_acct_lock;
static struct pymm_acct *pymm_accts;

bool pymm_acct_charge(struct pymm_acct *acct, u64 bytes)
{
	bool ok;

	pymm_mutex_lock(&pymm_acct_lock);
	ok = acct->held <= pymm_params.user_quota &&
	     bytes <= pymm_params.user_quota - acct->held;
	if (ok)
		acct->held += bytes;
	pymm_mutex_unlock(&pymm_acct_lock);
	return ok;
}

void pymm_acct_uncharge(struct pymm_acct *acct, u64 bytes)
{
	pymm_mutex_lock(&pymm_acct_lock);
	acct->held -= bytes;
	pymm_mutex_unlock(&pymm_acct_lock);
}

static struct pymm_acct *acct_find_get(u32 uid)
{
	struct pymm_acct *a;

	for (a = pymm_accts; a && a->uid != uid; a = a->next)
		;
	if (a)
		a->heaps++;
	return a;
}

/*
 * The account a new heap of uid draws on (NULL: not accounted), or -ENOMEM.
 * A new account is allocated with pymm_acct_lock dropped: an allocation may
 * enter reclaim, and the host's shrinker returns arenas, which uncharges
 * them under pymm_acct_lock.  Callers hold the registry lock today, so the
 * second look never finds one; it keeps this correct without that rule.
 */
static int acct_get(u32 uid, struct pymm_acct **out)
{
	struct pymm_acct *a, *fresh;

	*out = NULL;
	if (!uid || !pymm_params.user_quota)
		return 0;
	pymm_mutex_lock(&pymm_acct_lock);
	a = acct_find_get(uid);
	pymm_mutex_unlock(&pymm_acct_lock);
	if (a)
		goto out;
	if (!pymm_plat_charge(sizeof(*fresh)))
		return -ENOMEM;
	fresh = pymm_plat_zalloc(sizeof(*fresh));
	if (!fresh) {
		pymm_plat_uncharge(sizeof(*fresh));
		return -ENOMEM;
	}
	pymm_mutex_lock(&pymm_acct_lock);
	a = acct_find_get(uid);		/* another heap of uid may have come first */
	if (!a) {
		a = fresh;
		fresh = NULL;
		a->uid = uid;
		a->heaps = 1;
		a->next = pymm_accts;
		pymm_accts = a;
	}
	pymm_mutex_unlock(&pymm_acct_lock);
	if (fresh) {
		pymm_plat_free(fresh);
		pymm_plat_uncharge(sizeof(*fresh));
	}
out:
	*out = a;
	return 0;
}

static void acct_put(struct pymm_acct *acct)
{
	struct pymm_acct **pp;

	if (!acct)
		return;
	pymm_mutex_lock(&pymm_acct_lock);
	if (--acct->heaps == 0) {
		for (pp = &pymm_accts; *pp != acct; pp = &(*pp)->next)
			;
		*pp = acct->next;
		pymm_plat_free(acct);
		pymm_plat_uncharge(sizeof(*acct));
	}
	pymm_mutex_unlock(&pymm_acct_lock);
}

/* the core promises itself no strcmp/memchr: platform.h lists what hosts give */
static bool name_eq(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == strlen(b) && !memcmp(a, b, n);
}

static struct pymm_heap *heap_find(const char *name)
{
	struct pymm_heap *h;

	for (h = pymm_heaps; h; h = h->reg_next)
		if (name_eq(h->name, name))
			return h;
	return NULL;
}

static bool heap_name_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (!n || n >= PYMM_HEAP_NAME_MAX)
		return false;
	for (i = 0; i < n; i++) {
		char ch = s[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.'))
			return false;
	}
	return s[0] != '.';
}

/* data = name, NUL terminated or not; copied into out (PYMM_HEAP_NAME_MAX) */
static int heap_name_arg(struct pymm_opctx *x, char *out)
{
	u32 len = x->in_len;
	const char *s = x->buf;

	if (len && !s[len - 1])
		len--;
	if (!len)
		return -EINVAL;
	if (len >= PYMM_HEAP_NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(out, s, len);
	out[len] = 0;
	if (strlen(out) != len)
		return -EINVAL;
	return heap_name_ok(out) ? 0 : -EINVAL;
}

static struct pymm_object *root(struct pymm_object *o)
{
	if (o)
		o->flags |= PYMM_OF_IMMORTAL;
	return o;
}

static void drop_root(struct pymm_heap *h, struct pymm_object **slot)
{
	struct pymm_object *o = *slot;

	*slot = NULL;
	if (o) {
		o->flags &= ~PYMM_OF_IMMORTAL;
		pymm_obj_decref(h, o);
	}
}

/*
 * Releases everything a heap holds and the heap itself.  Nobody can reach
 * it any more (unlinked, no client attached).
 */
static u64 heap_free(struct pymm_heap *h)
{
	struct pymm_acct *acct;
	u64 leaks;
	int i;

	pymm_mutex_lock(&h->lock);
	h->cur_client = NULL;
	drop_root(h, &h->globals);
	drop_root(h, &h->none);
	drop_root(h, &h->true_obj);
	drop_root(h, &h->false_obj);
	drop_root(h, &h->empty_tuple);
	for (i = 0; i < PYMM_NSMALL_INTS; i++)
		drop_root(h, &h->small_ints[i]);
	pymm_gc_clear_all(h);
	if (h->gc.garbage)
		drop_root(h, &h->gc.garbage);
	pymm_intern_destroy(h);
	if (h->nobjects)
		pymm_plat_log(PYMM_LOG_WARN, "heap %s: %llu objects leaked\n",
			      h->name, (unsigned long long)h->nobjects);
	pymm_plat_spares_add(-(long)h->spares_told);	/* all go now */
	h->spares_told = 0;
	pymm_mutex_unlock(&h->lock);
	acct = h->alloc.acct;	/* destroy leaves a blank allocator behind */
	leaks = pymm_alloc_destroy(&h->alloc);
	acct_put(acct);
	if (leaks)
		pymm_plat_log(PYMM_LOG_WARN, "heap %s: %llu blocks leaked\n",
			      h->name, (unsigned long long)leaks);
	pymm_mutex_destroy(&h->lock);
	pymm_plat_free(h);
	pymm_plat_uncharge(sizeof(*h));
	return leaks;
}

void pymm_event_emit(u32 kind, const char *heap, u64 v0, u64 v1, u64 v2, u64 v3)
{
	struct pymm_event ev = {
		.kind = kind,
		.heap = heap,
		.values = { v0, v1, v2, v3 },
	};

	pymm_plat_event(&ev);
}

static int heap_new(const char *name, u32 owner, u64 quota, bool public,
		    struct pymm_heap **out)
{
	struct pymm_heap *h;
	int err = 0, i;

	if (!pymm_plat_charge(sizeof(*h)))
		return -ENOSPC;
	h = pymm_plat_zalloc(sizeof(*h));
	if (!h) {
		pymm_plat_uncharge(sizeof(*h));
		return -ENOMEM;
	}
	err = pymm_alloc_init(&h->alloc, pymm_params.arena_shift, pymm_params.pool_shift,
			      quota);
	if (!err)
		err = pymm_alloc_set_debug(&h->alloc, pymm_params.debug_alloc, h->name);
	if (!err)
		err = acct_get(public ? 0 : owner, &h->alloc.acct);
	if (err) {
		pymm_plat_free(h);
		pymm_plat_uncharge(sizeof(*h));
		return err;
	}
	pymm_mutex_init(&h->lock);
	memcpy(h->name, name, strlen(name) + 1);
	h->owner_uid = owner;
	h->public = public;
	h->quota = quota;
	pymm_gc_init(h, pymm_params.gc_debug);
	pymm_intern_init(h);

	h->none = root(pymm_obj_alloc(h, PYMM_T_NONE, sizeof(struct pymm_none), &err));
	h->false_obj = root(pymm_obj_alloc(h, PYMM_T_BOOL, sizeof(struct pymm_int), &err));
	h->true_obj = root(pymm_obj_alloc(h, PYMM_T_BOOL, sizeof(struct pymm_int), &err));
	if (!h->none || !h->false_obj || !h->true_obj)
		goto fail;
	((struct pymm_int *)h->true_obj)->value = 1;
	/* fill from the top so pymm_int_new() sees small_ints[0] == NULL until done */
	for (i = PYMM_NSMALL_INTS - 1; i >= 0; i--) {
		h->small_ints[i] = root(pymm_int_new(h, i + PYMM_SMALL_INT_MIN, &err));
		if (!h->small_ints[i])
			goto fail;
	}
	h->empty_tuple = root(pymm_tuple_new(h, NULL, 0, &err));
	if (!h->empty_tuple)
		goto fail;
	h->globals = pymm_dict_new(h, &err);
	if (!h->globals)
		goto fail;
	pymm_event_emit(PYMM_EV_HEAP_CREATE, h->name, owner, quota, 0, 0);
	*out = h;
	return 0;
fail:
	heap_free(h);
	return err ? err : -ENOMEM;
}

/*
 * bytes_held is the allocator's own running total (the figure its quota is
 * checked against), read directly: a snapshot must not need memory, or a
 * heap at its limit would report holding nothing.
 */
void pymm_heap_fill_info(struct pymm_heap *h, struct pymm_heap_info *info)
{
	memset(info, 0, sizeof(*info));
	memcpy(info->name, h->name, sizeof(info->name));
	info->owner_uid = h->owner_uid;
	info->clients = h->nclients;
	info->quota = h->quota;
	info->objects = h->nobjects;
	info->bytes_held = h->alloc.bytes_held;
}

void pymm_heap_fill_stats(struct pymm_heap *h, struct pymm_heap_stats *st)
{
	u32 i;

	memset(st, 0, sizeof(*st));
	st->objects = h->nobjects;
	for (i = 0; i < PYMM_T_MAX && i < 16; i++)
		st->objects_by_type[i] = h->objects_by_type[i];
	st->names_global = h->globals ? ((struct pymm_dict *)h->globals)->used : 0;
	st->frames = h->nframes;
	st->handles = h->nhandles;
	st->quota = h->quota;
	st->bytes_held = h->alloc.bytes_held;
}

/* ------------------------------------------------- attach and detach */

/* registry lock held */
static void detach_locked(struct pymm_client *c, bool releasing)
{
	struct pymm_heap *h = c->heap;

	if (!h)
		return;
	pymm_mutex_lock(&h->lock);
	h->cur_client = releasing ? NULL : c;
	pymm_client_drop_all(c);
	h->cur_client = NULL;
	if (c->hprev)
		c->hprev->hnext = c->hnext;
	else
		h->clients = c->hnext;
	if (c->hnext)
		c->hnext->hprev = c->hprev;
	c->hnext = NULL;
	c->hprev = NULL;
	pymm_heap_unlock(h);
	h->nclients--;
	c->heap = NULL;
}

void pymm_heap_detach(struct pymm_client *c)
{
	pymm_mutex_lock(&pymm_registry_lock);
	detach_locked(c, true);
	pymm_mutex_unlock(&pymm_registry_lock);
}

static bool may_act(struct pymm_client *c, struct pymm_heap *h)
{
	return c->admin || (!h->public && h->owner_uid == c->uid);
}

static int heap_attach(struct pymm_opctx *x, const char *name)
{
	struct pymm_client *c = x->c;
	struct pymm_heap *h;
	int err = 0;

	pymm_mutex_lock(&pymm_registry_lock);
	h = heap_find(name);
	if (!h) {
		if (!name_eq(name, PYMM_DEFAULT_HEAP)) {
			err = -ENOENT;
			goto out;
		}
		err = heap_new(name, 0, pymm_params.heap_quota, true, &h);
		if (err)
			goto out;
		h->reg_next = pymm_heaps;
		pymm_heaps = h;
	}
	if (!h->public && !may_act(c, h)) {
		err = -EACCES;
		goto out;
	}
	if (c->heap == h)
		goto out;
	detach_locked(c, false);
	pymm_mutex_lock(&h->lock);
	c->hnext = h->clients;
	c->hprev = NULL;
	if (h->clients)
		h->clients->hprev = c;
	h->clients = c;
	pymm_mutex_unlock(&h->lock);
	h->nclients++;
	c->heap = h;
out:
	pymm_mutex_unlock(&pymm_registry_lock);
	return err;
}

static int heap_create(struct pymm_opctx *x, const char *name)
{
	struct pymm_client *c = x->c;
	bool public = name_eq(name, PYMM_DEFAULT_HEAP);
	u64 quota = x->op->arg[0] ? x->op->arg[0] : pymm_params.heap_quota;
	struct pymm_heap *h;
	u32 owned = 0;
	int err;

	if (pymm_params.heap_quota && quota > pymm_params.heap_quota && !c->admin)
		return -EPERM;
	/* the public heap's quota is everyone's: only an admin sets it */
	if (public && x->op->arg[0] && !c->admin)
		return -EPERM;
	pymm_mutex_lock(&pymm_registry_lock);
	if (heap_find(name)) {
		err = -EEXIST;
		goto out;
	}
	for (h = pymm_heaps; h; h = h->reg_next)
		if (!h->public && h->owner_uid == c->uid)
			owned++;
	if (!public && !c->admin && owned >= pymm_params.max_heaps_per_user) {
		err = -EUSERS;
		goto out;
	}
	err = heap_new(name, public ? 0 : c->uid, quota, public, &h);
	if (err)
		goto out;
	h->reg_next = pymm_heaps;
	pymm_heaps = h;
out:
	pymm_mutex_unlock(&pymm_registry_lock);
	return err;
}

static int heap_destroy(struct pymm_opctx *x, const char *name)
{
	struct pymm_client *c = x->c;
	struct pymm_heap *h, **pp;
	int err = 0;

	pymm_mutex_lock(&pymm_registry_lock);
	h = heap_find(name);
	if (!h) {
		err = -ENOENT;
		goto out;
	}
	if (!may_act(c, h)) {
		err = -EPERM;
		goto out;
	}
	if (h->nclients > (c->heap == h ? 1u : 0u)) {
		err = -EBUSY;
		goto out;
	}
	if (c->heap == h)
		detach_locked(c, false);
	for (pp = &pymm_heaps; *pp != h; pp = &(*pp)->reg_next)
		;
	*pp = h->reg_next;
out:
	pymm_mutex_unlock(&pymm_registry_lock);
	if (!err) {
		pymm_event_emit(PYMM_EV_HEAP_DESTROY, name, h->owner_uid, 0, 0, 0);
		heap_free(h);
	}
	return err;
}

static bool heap_visible(struct pymm_heap *h, u32 uid, bool admin)
{
	return admin || h->public || h->owner_uid == uid;
}

static int heap_list(struct pymm_opctx *x)
{
	struct pymm_heap_info *out = x->buf;
	struct pymm_heap *h;
	u32 n = 0, room = x->out_cap / sizeof(*out);
	int err = 0;

	pymm_mutex_lock(&pymm_registry_lock);
	for (h = pymm_heaps; h; h = h->reg_next) {
		if (!heap_visible(h, x->c->uid, x->c->admin))
			continue;
		if (n < room) {
			pymm_mutex_lock(&h->lock);
			pymm_heap_fill_info(h, &out[n]);
			pymm_mutex_unlock(&h->lock);
		}
		n++;
	}
	pymm_mutex_unlock(&pymm_registry_lock);
	x->op->ret[0] = n;
	x->op->data_len = n * sizeof(*out);
	if (n > room) {
		x->op->out_flags |= PYMM_OUTF_TRUNC;
		err = -ENOSPC;
	}
	return err;
}

static int heap_set_quota(struct pymm_opctx *x, const char *name)
{
	struct pymm_client *c = x->c;
	u64 def = pymm_params.heap_quota;
	u64 q = x->op->arg[0] ? x->op->arg[0] : def;
	struct pymm_heap *h;
	int err = 0;

	pymm_mutex_lock(&pymm_registry_lock);
	h = name ? heap_find(name) : c->heap;
	if (!h) {
		err = name ? -ENOENT : -ENOTCONN;
		goto out;
	}
	if (!may_act(c, h)) {
		err = -EPERM;
		goto out;
	}
	if (def && q > def && !c->admin) {
		err = -EPERM;
		goto out;
	}
	pymm_mutex_lock(&h->lock);
	h->quota = q;
	pymm_alloc_set_limit(&h->alloc, q);
	pymm_mutex_unlock(&h->lock);
out:
	pymm_mutex_unlock(&pymm_registry_lock);
	return err;
}

/* PYMM_OP_HEAP_CREATE .. HEAP_SET_QUOTA; client->lock held, no other lock */
int pymm_heap_op(struct pymm_opctx *x)
{
	char name[PYMM_HEAP_NAME_MAX];
	int err = 0;

	if (x->op->code != PYMM_OP_HEAP_LIST &&
	    (x->op->code != PYMM_OP_HEAP_SET_QUOTA || x->in_len)) {
		err = heap_name_arg(x, name);
		if (err)
			return err;
	}
	switch (x->op->code) {
	case PYMM_OP_HEAP_CREATE:
		return heap_create(x, name);
	case PYMM_OP_HEAP_DESTROY:
		return heap_destroy(x, name);
	case PYMM_OP_HEAP_ATTACH:
		return heap_attach(x, name);
	case PYMM_OP_HEAP_LIST:
		return heap_list(x);
	case PYMM_OP_HEAP_SET_QUOTA:
		return heap_set_quota(x, x->in_len ? name : NULL);
	}
	return -EOPNOTSUPP;
}

/* ---------------------------------------------------------- core */

int pymm_core_init(const struct pymm_core_params *params)
{
	pymm_params = *params;
	if (!pymm_params.max_frame_depth)
		pymm_params.max_frame_depth = 1000;
	if (!pymm_params.work_base)
		pymm_params.work_base = PYMM_WORK_BASE;
	if (!pymm_params.max_handles)
		pymm_params.max_handles = 1u << 16;
	if (!pymm_params.max_heaps_per_user)
		pymm_params.max_heaps_per_user = 16;
	if (!pymm_params.arena_shift) {
		pymm_params.arena_shift = PYMM_ARENA_SHIFT_SMALL;
		pymm_params.pool_shift = PYMM_POOL_SHIFT_SMALL;
	}
	pymm_mutex_init(&pymm_registry_lock);
	pymm_mutex_init(&pymm_acct_lock);
	pymm_accts = NULL;
	pymm_heaps = NULL;
	pymm_nclients = 0;
	pymm_core_ready = true;
	return 0;
}

/*
 * The spare arena.  The allocator keeps the arenas an operation empties
 * until it is told to trim (arena.c); here is when.  Returning every one at
 * the end of each operation would make a heap whose live blocks sit at an
 * arena boundary map and unmap an arena on every create/free pair, the
 * thrashing CPython 3.9 stopped by keeping one arena for good (bpo-37257).
 * We keep the same bytes CPython 3.11 keeps, one 1 MiB arena's worth
 * (PYMM_SPARE_BYTES: four 256 KiB arenas, or one 1 MiB arena), for
 * arena_idle_ns after the operation that emptied them: long enough for the
 * next operations to reuse them, and then the host's timer
 * (pymm_core_trim_idle()) gives them back.  They stay charged to the heap's
 * and the owner's quotas and to the module cap, so they are bounded like
 * any block.  A request this heap's quota refuses takes them back first
 * (arena.c).  The owner's account and the module cap are shared with other
 * heaps, whose spares sit behind other locks: spares are kept only while
 * both have SPARE_MARGIN of room (up to 16 heaps per user, 1 MiB each), and
 * a refusal by either asks the host to return every spare at once
 * (pymm_plat_trim_soon()).  With arena_idle_ns = 0 no arena outlives its
 * operation.
 */
#define SPARE_MARGIN	(16ULL * PYMM_SPARE_BYTES)

static bool spares_have_room(const struct pymm_heap *h)
{
	const struct pymm_acct *acct = h->alloc.acct;
	bool ok = pymm_plat_room() >= SPARE_MARGIN;

	if (ok && acct) {
		pymm_mutex_lock(&pymm_acct_lock);
		ok = pymm_params.user_quota >= acct->held &&
		     pymm_params.user_quota - acct->held >= SPARE_MARGIN;
		pymm_mutex_unlock(&pymm_acct_lock);
	}
	return ok;
}

/* heap->lock held: the host learns how many spares this heap holds now */
static void spares_tell(struct pymm_heap *h)
{
	u32 now = h->alloc.arenas_empty;

	if (now != h->spares_told) {
		pymm_plat_spares_add((long)now - (long)h->spares_told);
		h->spares_told = now;
	}
}

void pymm_heap_trim(struct pymm_heap *h)
{
	struct pymm_alloc *a = &h->alloc;

	if (pymm_params.arena_idle_ns && spares_have_room(h))
		pymm_alloc_trim_spares(a);
	else
		pymm_alloc_trim(a);
	if (a->arenas_empty && a->arenas_emptied != h->emptied_seen) {
		/* emptied (again) by this operation: their idle time starts now */
		h->emptied_seen = a->arenas_emptied;
		h->spare_since = pymm_plat_now_ns();
	}
	spares_tell(h);
}

/*
 * The registry lock held (or tried): returns every heap's spares idle for
 * at least min_idle_ns, and stops once want arenas went back.  A heap in
 * the middle of an operation is skipped, not waited for: its unlock trims
 * it, and waiting here would hold the registry (every open, attach and
 * /proc read) for as long as that operation runs.
 */
static u64 spares_walk(u64 min_idle_ns, u64 want)
{
	struct pymm_heap *h;
	u64 n = 0;

	for (h = pymm_heaps; h && n < want; h = h->reg_next) {
		u64 now;

		if (!pymm_mutex_trylock(&h->lock))
			continue;
		/* read under the lock: spare_since may have moved while we came */
		now = pymm_plat_now_ns();
		if (h->alloc.arenas_empty && now >= h->spare_since &&
		    now - h->spare_since >= min_idle_ns) {
			n += pymm_alloc_trim(&h->alloc);
			spares_tell(h);
		}
		pymm_mutex_unlock(&h->lock);
	}
	return n;
}

u64 pymm_core_trim_idle(u64 min_idle_ns)
{
	u64 n;

	pymm_mutex_lock(&pymm_registry_lock);
	n = spares_walk(min_idle_ns, U64_MAX);
	pymm_mutex_unlock(&pymm_registry_lock);
	return n;
}

/*
 * Reclaim may run inside an allocation made with the registry or a heap
 * lock held, by this very thread: only trylocks here, and a busy registry
 * gives nothing.
 */
u64 pymm_core_spares_reclaim(u64 want)
{
	u64 n;

	if (!pymm_mutex_trylock(&pymm_registry_lock))
		return 0;
	n = spares_walk(0, want);
	pymm_mutex_unlock(&pymm_registry_lock);
	return n;
}

/* Every client is gone (the host guarantees it); tear every heap down. */
u64 pymm_core_exit(void)
{
	struct pymm_heap *h;
	u64 leaks = 0;

	pymm_mutex_lock(&pymm_registry_lock);
	while ((h = pymm_heaps)) {
		pymm_heaps = h->reg_next;
		pymm_mutex_unlock(&pymm_registry_lock);
		leaks += heap_free(h);
		pymm_mutex_lock(&pymm_registry_lock);
	}
	pymm_core_ready = false;
	pymm_mutex_unlock(&pymm_registry_lock);
	pymm_mutex_destroy(&pymm_acct_lock);
	pymm_mutex_destroy(&pymm_registry_lock);
	return leaks;
}

/* client accounting for pymm_global_stats (stats.c) */
void pymm_registry_client_count(int delta)
{
	pymm_mutex_lock(&pymm_registry_lock);
	pymm_nclients += delta;
	pymm_mutex_unlock(&pymm_registry_lock);
}

/* registry lock held */
struct pymm_heap *pymm_registry_first(void)
{
	return pymm_heaps;
}

u64 pymm_registry_clients(void)
{
	return pymm_nclients;
}
