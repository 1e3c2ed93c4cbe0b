// SPDX-License-Identifier: GPL-2.0
/*
 * heap.c - the registry of heaps, heap life cycle, and the PYMM_OP_HEAP_*
 * operations.
 *
 * Ownership.  A heap belongs to the uid that created it.  An admin client
 * (CAP_SYS_ADMIN, as opened and as of this op: x->admin) may act on every
 * heap, but attaching to a heap another uid owns takes PYMM_OPF_OTHER_OWNER
 * (-EACCES without it): a user who creates a heap under a name root uses
 * ("nightly") must not receive root's data because root's tool attached by
 * name (squatting, issue #12).  Destroy and quota need no such flag: they
 * put nothing of the admin's into the heap.
 *
 * The default heap, PYMM_DEFAULT_HEAP, is what a tool attaches to when told
 * nothing else, so it must not be shared by surprise:
 *
 *   public_heap = 0 (the default): the name means the caller's own private
 *	default heap, one per uid, created on that uid's first attach (or
 *	create, or a host's view of it: heap_lookup()), owned by and charged
 *	to that uid like any heap it creates, visible to it and to admins
 *	only.  The registry holds one "default" per uid and heap_find()
 *	matches the owner too, so two users never meet there and an admin
 *	naming "default" gets its own.  An admin reaches uid U's as
 *	"default@U" (attach with PYMM_OPF_OTHER_OWNER, destroy, quota); for
 *	anyone else that name finds nothing but its own.  It counts
 *	against no heap limit (there is only one per uid); its owner may
 *	destroy it, and the next attach makes a fresh one.
 *   public_heap = 1 (opt in): the name means one heap that every user may
 *	attach to: owned by uid 0, only an admin may destroy it or set its
 *	quota, and it counts against nobody's heap limit.  Its bytes are
 *	charged to an account of its own (PYMM_ACCT_PUBLIC) capped at
 *	user_quota like one more user: all users together hold at most one
 *	user's share in it, and none of them can take more of the module cap
 *	through it than a user may.  (Charging each block to the user whose
 *	op made it would need the account per block or arena: blocks outlive
 *	their makers and are freed by whoever drops the last reference.)
 *	Everything in it -- globals, finalizer text, its collector settings --
 *	is shared: an opt-in for a machine whose users trust each other.
 *
 * Limits.  A user may own params.max_heaps_per_user heaps besides its
 * default one (admins are exempt): one more gets -EUSERS.  (-EMFILE is the
 * handle table's.)  A heap's quota defaults to params.heap_quota; the owner
 * may lower it (or reset it with 0), only an admin may raise it above the
 * default: -EPERM.  Whatever the heaps' quotas add up to, all heaps of one
 * non-root owner together hold at most params.user_quota bytes (the owner's
 * struct pymm_acct), together with everything that user's clients hold
 * outside heaps: one user cannot take the whole module-wide cap from
 * everybody else.
 *
 * Destroy refuses with -EBUSY while another client is attached.  If the
 * caller itself is the only one attached, it is detached first (its
 * handles and frames dropped), as a process may close what it has open.
 */
#include "heap.h"

struct pymm_core_params pymm_params;

/* the public heap's account: (uid_t)-1 is nobody's uid (setresuid(2)) */
#define PYMM_ACCT_PUBLIC	0xffffffffu

/*
 * pymm_registry_lock: protects pymm_heaps (the list, newest first, each
 * heap's name, owner, nclients, refs, linked and reg_next), pymm_heap_serial
 * and pymm_core_ready.  Taken after a client's lock; never held while
 * waiting for a heap's lock (heap.h).  The client count is an atomic.
 */
struct pymm_mutex pymm_registry_lock;
static struct pymm_heap *pymm_heaps;
static u64 pymm_heap_serial;
static struct pymm_atomic64 pymm_nclients;
static bool pymm_core_ready;

/*
 * Per-user accounts.  Every byte a non-root user can make pymm hold is
 * charged to that user's account, checked against params.user_quota: the
 * blocks and arenas of the heaps the user owns (the allocator, arena.c), and
 * what the user's clients hold outside any heap (pymm_client_charge()):
 * the client itself, its handle table, frame stack and output ring, and the
 * host's per-client memory (an open file and its data buffer, a netlink
 * session).  A client is charged to its own uid whichever heap it attaches
 * to, the public one included, whose blocks are charged to nobody's account.
 * An account lives while a heap or a client of its uid does (heaps +
 * clients references).  Root (uid 0) is not accounted, nor is anybody when
 * user_quota is 0.
 *
 * pymm_acct_lock protects the list, every account's references and
 * figures.  It is a leaf: the allocator takes it with a heap's lock held,
 * the registry with its own lock held, the host's shrinker from reclaim;
 * nothing is taken under it, and nothing is allocated under it.
 */
struct pymm_acct {
	struct pymm_acct *next;
	u32 uid;
	u32 heaps;		/* heaps drawing on it */
	u32 clients;		/* clients drawing on it; freed when both are 0 */
	u64 held;		/* bytes, <= params.user_quota */
	u64 client_held;	/* the part of held charged by clients */
};

static struct pymm_mutex pymm_acct_lock;
static struct pymm_acct *pymm_accts;

static bool acct_charge_locked(struct pymm_acct *acct, u64 bytes)
{
	if (acct->held > pymm_params.user_quota ||
	    bytes > pymm_params.user_quota - acct->held)
		return false;
	acct->held += bytes;
	return true;
}

bool pymm_acct_charge(struct pymm_acct *acct, u64 bytes)
{
	bool ok;

	pymm_mutex_lock(&pymm_acct_lock);
	ok = acct_charge_locked(acct, bytes);
	pymm_mutex_unlock(&pymm_acct_lock);
	return ok;
}

void pymm_acct_uncharge(struct pymm_acct *acct, u64 bytes)
{
	pymm_mutex_lock(&pymm_acct_lock);
	acct->held -= bytes;
	pymm_mutex_unlock(&pymm_acct_lock);
}

static struct pymm_acct *acct_find_get(u32 uid, bool client)
{
	struct pymm_acct *a;

	for (a = pymm_accts; a && a->uid != uid; a = a->next)
		;
	if (a) {
		if (client)
			a->clients++;
		else
			a->heaps++;
	}
	return a;
}

/*
 * The account a new heap (client false) or client (client true) of uid
 * draws on (NULL: not accounted), or -ENOMEM.  A new account is allocated
 * with pymm_acct_lock dropped: an allocation may enter reclaim, and the
 * host's shrinker returns arenas, which uncharges them under pymm_acct_lock.
 * Two heaps or clients of one uid may race to create it (heaps are built
 * with the registry dropped, clients take no core lock): the second look
 * finds the first one's.  The account itself (a few dozen bytes, one per
 * uid) is charged to the module cap only.
 */
static int acct_get(u32 uid, bool client, struct pymm_acct **out)
{
	struct pymm_acct *a, *fresh;

	*out = NULL;
	if (!uid || !pymm_params.user_quota)
		return 0;
	pymm_mutex_lock(&pymm_acct_lock);
	a = acct_find_get(uid, client);
	pymm_mutex_unlock(&pymm_acct_lock);
	if (a)
		goto out;
	if (!pymm_plat_charge(sizeof(*fresh)))
		return -ENOSPC;
	fresh = pymm_plat_zalloc(sizeof(*fresh));
	if (!fresh) {
		pymm_plat_uncharge(sizeof(*fresh));
		return -ENOMEM;
	}
	pymm_mutex_lock(&pymm_acct_lock);
	a = acct_find_get(uid, client);	/* another heap or client of uid came first */
	if (!a) {
		a = fresh;
		fresh = NULL;
		a->uid = uid;
		a->heaps = client ? 0 : 1;
		a->clients = client ? 1 : 0;
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

static void acct_put(struct pymm_acct *acct, bool client)
{
	struct pymm_acct **pp;
	bool gone;

	if (!acct)
		return;
	pymm_mutex_lock(&pymm_acct_lock);
	if (client)
		acct->clients--;
	else
		acct->heaps--;
	gone = !acct->heaps && !acct->clients;
	if (gone) {
		for (pp = &pymm_accts; *pp != acct; pp = &(*pp)->next)
			;
		*pp = acct->next;
		if (acct->held)
			pymm_plat_log(PYMM_LOG_WARN, "uid %u: account freed holding %llu bytes\n",
				      acct->uid, (unsigned long long)acct->held);
	}
	pymm_mutex_unlock(&pymm_acct_lock);
	if (gone) {
		pymm_plat_free(acct);
		pymm_plat_uncharge(sizeof(*acct));
	}
}

int pymm_client_acct_get(u32 uid, struct pymm_acct **out)
{
	return acct_get(uid, true, out);
}

void pymm_client_acct_put(struct pymm_acct *acct)
{
	acct_put(acct, true);
}

/*
 * Charges bytes that a client of the account's uid makes the host hold:
 * to the account (acct NULL: not accounted), then to the module cap;
 * -EDQUOT or -ENOSPC with nothing charged if either is full.  Any lock or
 * none may be held (the account lock is a leaf).  A refusal asks for the
 * spare arenas back, as the allocator's does: the uid's own heaps' spares
 * may be what fills its account.
 */
int pymm_acct_client_charge(struct pymm_acct *acct, size_t bytes)
{
	bool ok = true;

	if (acct) {
		pymm_mutex_lock(&pymm_acct_lock);
		ok = acct_charge_locked(acct, bytes);
		if (ok)
			acct->client_held += bytes;
		pymm_mutex_unlock(&pymm_acct_lock);
		if (!ok) {
			pymm_plat_trim_soon();
			return -EDQUOT;
		}
	}
	if (!pymm_plat_charge(bytes)) {
		pymm_acct_client_uncharge(acct, bytes);
		pymm_plat_trim_soon();
		return -ENOSPC;
	}
	return 0;
}

/* the account part only: pymm_client_uncharge() gives the cap back too */
void pymm_acct_client_uncharge(struct pymm_acct *acct, size_t bytes)
{
	if (!acct)
		return;
	pymm_mutex_lock(&pymm_acct_lock);
	acct->held -= bytes;
	acct->client_held -= bytes;
	pymm_mutex_unlock(&pymm_acct_lock);
}

int pymm_client_charge(struct pymm_client *c, size_t bytes)
{
	return pymm_acct_client_charge(c->acct, bytes);
}

void pymm_client_uncharge(struct pymm_client *c, size_t bytes)
{
	pymm_plat_uncharge(bytes);
	pymm_acct_client_uncharge(c->acct, bytes);
}

/*
 * Calls fn for each account a reader may see (its own; every one if admin)
 * with pymm_acct_lock held: fn must not sleep, allocate or call the core.
 * Stops at the first non-zero return of fn and returns it.
 */
int pymm_visit_accts(u32 uid, bool admin, pymm_acct_view_fn fn, void *arg)
{
	struct pymm_acct_info info;
	struct pymm_acct *a;
	int err = 0;

	pymm_mutex_lock(&pymm_acct_lock);
	for (a = pymm_accts; a && !err; a = a->next) {
		if (!admin && a->uid != uid)
			continue;
		info.uid = a->uid;
		info.heaps = a->heaps;
		info.clients = a->clients;
		info.held = a->held;
		info.client_held = a->client_held;
		info.quota = pymm_params.user_quota;
		err = fn(&info, arg);
	}
	pymm_mutex_unlock(&pymm_acct_lock);
	return err;
}

/* the core promises itself no strcmp/memchr: platform.h lists what hosts give */
static bool name_eq(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == strlen(b) && !memcmp(a, b, n);
}

/* name is PYMM_DEFAULT_HEAP and means each uid's own heap (public_heap = 0) */
static bool name_is_private_default(const char *name)
{
	return !pymm_params.public_heap && name_eq(name, PYMM_DEFAULT_HEAP);
}

#define DEFAULT_OF_PREFIX	PYMM_DEFAULT_HEAP "@"

/*
 * "default@UID" names uid UID's private default heap (public_heap = 0),
 * which the plain name never finds for anyone but its owner: the way an
 * admin reaches, re-quotas or destroys a user's default heap.  '@' is in no
 * heap's own name (heap_name_ok()), so nobody can squat the form.  True
 * and *uid if name has it: decimal, no sign, no leading zero, <= U32_MAX.
 */
bool pymm_heap_name_default_of(const char *name, u32 *uid)
{
	size_t i, n = sizeof(DEFAULT_OF_PREFIX) - 1, len = strlen(name);
	u64 v = 0;

	if (len <= n || len > n + 10 || memcmp(name, DEFAULT_OF_PREFIX, n))
		return false;
	if (name[n] == '0' && len > n + 1)
		return false;
	for (i = n; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return false;
		v = v * 10 + (u64)(name[i] - '0');
	}
	if (v > 0xffffffffull)
		return false;
	*uid = (u32)v;
	return true;
}

/*
 * Registry lock held: the heap name means for uid (the header: ownership).
 * "default@UID" resolves for an admin, or for UID itself; for anyone else
 * it names nothing, so that it tells nobody which uids have used pymm.
 */
static struct pymm_heap *heap_find(const char *name, u32 uid, bool admin)
{
	bool own = name_is_private_default(name);
	struct pymm_heap *h;
	u32 of;

	pymm_lockdep_assert_held(&pymm_registry_lock);
	if (pymm_heap_name_default_of(name, &of)) {
		if (pymm_params.public_heap || (!admin && of != uid))
			return NULL;
		for (h = pymm_heaps; h; h = h->reg_next)
			if (h->user_default && h->owner_uid == of)
				return h;
		return NULL;
	}
	for (h = pymm_heaps; h; h = h->reg_next)
		if (name_eq(h->name, name) && (!own || h->owner_uid == uid))
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
	return heap_name_ok(out) || pymm_heap_name_default_of(out, &len) ? 0 : -EINVAL;
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

/* a statically allocated object in CPython: the heap holds its count */
static struct pymm_object *root_static(struct pymm_object *o)
{
	if (o)
		o->refcnt += PYMM_STATIC_REFCNT - 1;
	return root(o);
}

static void drop_root_static(struct pymm_heap *h, struct pymm_object **slot)
{
	if (*slot)
		(*slot)->refcnt -= PYMM_STATIC_REFCNT - 1;
	drop_root(h, slot);
}

/*
 * Releases everything a heap holds; the shell (struct pymm_heap, its lock
 * and name) stays for whoever still holds a reference.  Nobody can reach
 * the contents any more: unlinked (or never linked), no client attached; a
 * pinned walker takes the lock after us and finds torn_down.
 */
static u64 heap_teardown(struct pymm_heap *h)
{
	struct pymm_acct *acct;
	u64 leaks;
	int i;

	pymm_mutex_lock(&h->lock);
	h->torn_down = true;
	h->cur_client = NULL;
	drop_root(h, &h->globals);
	drop_root(h, &h->none);
	drop_root(h, &h->true_obj);
	drop_root(h, &h->false_obj);
	drop_root_static(h, &h->empty_tuple);
	pymm_class_static_drop_all(h);
	for (i = 0; i < PYMM_BASE_NTYPES; i++)
		drop_root(h, &h->base_types[i]);
	drop_root(h, &h->object_type);
	for (i = 0; i < PYMM_NSMALL_INTS; i++)
		drop_root_static(h, &h->small_ints[i]);
	for (i = 0; i < PYMM_NSTATICS; i++)
		drop_root_static(h, &h->statics[i]);
	pymm_gc_clear_all(h);
	if (h->gc.garbage)
		drop_root(h, &h->gc.garbage);
	pymm_intern_destroy(h);
	pymm_freelist_clear(h, PYMM_FL_WHY_TEARDOWN);
	pymm_freelist_tell(h);
	if (h->nobjects)
		pymm_plat_log(PYMM_LOG_WARN, "heap %s: %llu objects leaked\n",
			      h->name, (unsigned long long)h->nobjects);
	pymm_plat_spares_add(-(long)h->spares_told);	/* all go now */
	h->spares_told = 0;
	acct = h->alloc.acct;	/* destroy leaves a blank allocator behind */
	leaks = pymm_alloc_destroy(&h->alloc);
	acct_put(acct, false);
	if (leaks)
		pymm_plat_log(PYMM_LOG_WARN, "heap %s: %llu blocks leaked\n",
			      h->name, (unsigned long long)leaks);
	pymm_heap_publish(h);
	pymm_mutex_unlock(&h->lock);
	return leaks;
}

static void heap_free_shell(struct pymm_heap *h)
{
	pymm_mutex_destroy(&h->lock);
	pymm_plat_free(h);
	pymm_plat_uncharge(sizeof(*h));
}

/* registry lock held: a new heap goes on the list, which holds a reference */
static void heap_link(struct pymm_heap *h)
{
	pymm_lockdep_assert_held(&pymm_registry_lock);
	h->serial = ++pymm_heap_serial;
	h->reg_next = pymm_heaps;
	pymm_heaps = h;
	h->linked = true;
	h->refs++;
}

/* registry lock held: off the list; the list's reference is the caller's now */
static void heap_unlink(struct pymm_heap *h)
{
	struct pymm_heap **pp;

	pymm_lockdep_assert_held(&pymm_registry_lock);
	for (pp = &pymm_heaps; *pp != h; pp = &(*pp)->reg_next)
		;
	*pp = h->reg_next;
	h->linked = false;
}

void pymm_heap_pin(struct pymm_heap *h)
{
	pymm_lockdep_assert_held(&pymm_registry_lock);
	h->refs++;
}

/* Drops a reference (and clients from nclients); the last one frees the shell. */
static void heap_unref(struct pymm_heap *h, u32 clients)
{
	bool last;

	pymm_mutex_lock(&pymm_registry_lock);
	h->nclients -= clients;
	last = --h->refs == 0;
	pymm_mutex_unlock(&pymm_registry_lock);
	if (last)
		heap_free_shell(h);	/* unlinked and torn down before its refs went */
}

void pymm_heap_put(struct pymm_heap *h)
{
	heap_unref(h, 0);
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

/*
 * A new heap, not yet in the registry.  The public heap draws on the
 * PYMM_ACCT_PUBLIC account, every other on its owner's (none for uid 0).
 */
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
		err = acct_get(public ? PYMM_ACCT_PUBLIC : owner, false, &h->alloc.acct);
	if (err) {
		pymm_plat_free(h);
		pymm_plat_uncharge(sizeof(*h));
		return err;
	}
	pymm_mutex_init(&h->lock);
	h->alloc.lock = &h->lock;
	memcpy(h->name, name, strlen(name) + 1);
	h->owner_uid = owner;
	h->public = public;
	h->user_default = !public && name_is_private_default(name);
	h->quota = quota;
	pymm_gc_init(h, pymm_params.gc_debug);
	pymm_intern_init(h);

	/* nobody else knows h yet, but the allocator runs under its lock */
	pymm_mutex_lock(&h->lock);
	h->none = root(pymm_obj_alloc(h, PYMM_T_NONE, sizeof(struct pymm_none), &err));
	h->false_obj = root(pymm_obj_alloc(h, PYMM_T_BOOL, sizeof(struct pymm_int), &err));
	h->true_obj = root(pymm_obj_alloc(h, PYMM_T_BOOL, sizeof(struct pymm_int), &err));
	if (!h->none || !h->false_obj || !h->true_obj)
		goto fail;
	((struct pymm_int *)h->true_obj)->value = 1;
	/* fill from the top so pymm_int_new() sees small_ints[0] == NULL until done */
	for (i = PYMM_NSMALL_INTS - 1; i >= 0; i--) {
		h->small_ints[i] = root_static(pymm_int_new(h, i + PYMM_SMALL_INT_MIN, &err));
		if (!h->small_ints[i])
			goto fail;
	}
	h->empty_tuple = root_static(pymm_tuple_new(h, NULL, 0, &err));
	if (!h->empty_tuple)
		goto fail;
	/* statically allocated in CPython: never tracked */
	pymm_gc_untrack(h, h->empty_tuple);
	h->globals = pymm_dict_new(h, &err);
	if (!h->globals)
		goto fail;
	/* a module's dict holds __builtins__ & co: always tracked in CPython */
	h->globals->flags |= PYMM_OF_FIXED_TRACKING;
	pymm_gc_track(h, h->globals);
	pymm_mutex_unlock(&h->lock);
	pymm_heap_publish(h);	/* nobody else knows h yet: no lock needed */
	*out = h;
	return 0;
fail:
	pymm_mutex_unlock(&h->lock);	/* teardown takes it */
	heap_teardown(h);
	heap_free_shell(h);
	return err ? err : -ENOMEM;
}

/* a heap that never went on the list */
static void heap_discard(struct pymm_heap *h)
{
	heap_teardown(h);
	heap_free_shell(h);
}

/*
 * The registry lock held, the heap's lock not needed: the figures are the
 * published ones (heap.h), as of the heap's last unlock.  bytes_held is the
 * allocator's own running total (the figure its quota is checked against):
 * a snapshot must not need memory, or a heap at its limit would report
 * holding nothing.
 */
void pymm_heap_fill_info(struct pymm_heap *h, struct pymm_heap_info *info)
{
	pymm_lockdep_assert_held(&pymm_registry_lock);
	memset(info, 0, sizeof(*info));
	memcpy(info->name, h->name, sizeof(info->name));
	info->owner_uid = h->owner_uid;
	info->clients = h->nclients;
	info->quota = pymm_atomic64_read(&h->pub_quota);
	info->objects = pymm_atomic64_read(&h->pub_objects);
	info->bytes_held = pymm_atomic64_read(&h->pub_bytes_held);
}

void pymm_heap_fill_stats(struct pymm_heap *h, struct pymm_heap_stats *st)
{
	u32 i;

	pymm_lockdep_assert_held(&h->lock);
	memset(st, 0, sizeof(*st));
	st->objects = h->nobjects;
	_Static_assert(PYMM_T_MAX <= PYMM_T_SLOTS, "objects_by_type[] is too small");
	for (i = 0; i < PYMM_T_MAX; i++)
		st->objects_by_type[i] = h->objects_by_type[i];
	st->names_global = h->globals ? ((struct pymm_dict *)h->globals)->used : 0;
	st->frames = h->nframes;
	st->handles = h->nhandles;
	st->quota = h->quota;
	st->bytes_held = h->alloc.bytes_held;
}

/* ------------------------------------------------- attach and detach */

/*
 * client->lock held, no other lock.  The attachment's reference keeps h.
 * The heap's lock is waited for killably (-EINTR, still attached) if
 * killable, else without a way out: a close cannot fail, and destroy
 * detaches from a heap nobody else may use any more.
 */
static int detach(struct pymm_client *c, bool releasing, bool killable)
{
	struct pymm_heap *h = c->heap;

	pymm_lockdep_assert_held(&c->lock);
	if (!h)
		return 0;
	if (!killable)
		pymm_mutex_lock(&h->lock);
	else if (pymm_mutex_lock_killable(&h->lock))
		return -EINTR;
	h->cur_client = releasing ? NULL : c;
	/* its finalizer work goes back to the heap first (fin.c) */
	pymm_fin_client_drop(c);
	pymm_client_drop_all(c);
	pymm_fin_client_gone(c);
	pymm_gc_client_gone(c);
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
	c->heap = NULL;
	heap_unref(h, 1);
	return 0;
}

void pymm_heap_detach(struct pymm_client *c)
{
	pymm_lockdep_assert_held(&c->lock);
	detach(c, true, false);
}

/* destroy and quota: the owner, or an admin (the header) */
static bool may_act(const struct pymm_heap *h, u32 uid, bool admin)
{
	return admin || (!h->public && h->owner_uid == uid);
}

/*
 * Attach: the caller's own heaps and the public heap; another uid's heap
 * only for an admin that says so (PYMM_OPF_OTHER_OWNER, the header).
 */
static int may_attach(struct pymm_opctx *x, struct pymm_heap *h)
{
	if (h->public || h->owner_uid == x->c->uid)
		return 0;
	if (!x->admin || !(x->op->flags & PYMM_OPF_OTHER_OWNER))
		return -EACCES;
	return 0;
}

/*
 * The heap name means for uid, as an attach finds it, and the default heap
 * made on first use: the public heap, or uid's own, with the owner, quota
 * and account heap_create() would give it (the header).  Shared by attach
 * and a host's view of one heap (pymm_heap_view_begin()), so that
 * "default" answers alike on every transport.  Called with the registry
 * lock held and returns with it held; drops it while a heap is built
 * (heap_new() allocates: nothing allocates under the registry).  0 with
 * l->h the heap (NULL: no such heap, the caller's errno), or heap_new()'s
 * errno.  The caller drops the registry and then calls heap_lookup_end().
 */
struct heap_lookup {
	struct pymm_heap *h;
	struct pymm_heap *made;	/* linked by this lookup: announced at the end */
	struct pymm_heap *lost;	/* built, but another beat us to it: discarded */
};

static int heap_lookup(const char *name, u32 uid, bool admin, struct heap_lookup *l)
{
	bool public = !!pymm_params.public_heap;
	struct pymm_heap *fresh;
	int err;

	pymm_lockdep_assert_held(&pymm_registry_lock);
	l->made = NULL;
	l->lost = NULL;
	l->h = heap_find(name, uid, admin);
	if (l->h || !name_eq(name, PYMM_DEFAULT_HEAP))
		return 0;
	pymm_mutex_unlock(&pymm_registry_lock);
	err = heap_new(name, public ? 0 : uid, pymm_params.heap_quota, public, &fresh);
	pymm_mutex_lock(&pymm_registry_lock);
	if (err)
		return err;
	l->h = heap_find(name, uid, admin);	/* another attach may have made it */
	if (l->h) {
		l->lost = fresh;
	} else {
		l->h = l->made = fresh;
		heap_link(fresh);
	}
	return 0;
}

/* registry dropped: the heap heap_lookup() made is announced, the one it lost freed */
static void heap_lookup_end(struct heap_lookup *l, const char *name, u32 uid)
{
	if (l->lost)
		heap_discard(l->lost);
	if (l->made)
		pymm_event_emit(PYMM_EV_HEAP_CREATE, name, pymm_params.public_heap ? 0 : uid,
				pymm_params.heap_quota, 0, 0);
}

/*
 * Reserves the heap under the registry (nclients and refs up: destroy now
 * refuses it), then waits for its lock, killably, with no other lock held
 * but the client's: a busy heap holds up only whoever attaches to it.
 * Killed while waiting: -EINTR, and the client is left attached to its old
 * heap if that wait was for the old heap, else to nothing (the old heap is
 * dropped first, so that no table of it stays linked in the new one).
 */
static int heap_attach(struct pymm_opctx *x, const char *name)
{
	struct pymm_client *c = x->c;
	struct heap_lookup l;
	struct pymm_heap *h;
	int err;

	pymm_mutex_lock(&pymm_registry_lock);
	err = heap_lookup(name, c->uid, x->admin, &l);
	h = l.h;
	if (err)
		goto out;
	if (!h) {
		err = -ENOENT;
		goto out;
	}
	err = may_attach(x, h);
	if (err)
		goto out;
	if (c->heap == h) {
		h = NULL;
		goto out;
	}
	h->nclients++;
	h->refs++;
out:
	pymm_mutex_unlock(&pymm_registry_lock);
	heap_lookup_end(&l, name, c->uid);
	if (err || !h)
		return err;
	err = detach(c, false, true);
	if (!err)
		err = pymm_mutex_lock_killable(&h->lock);
	if (err) {
		heap_unref(h, 1);
		return err;
	}
	c->hnext = h->clients;
	c->hprev = NULL;
	if (h->clients)
		h->clients->hprev = c;
	h->clients = c;
	c->heap = h;
	pymm_mutex_unlock(&h->lock);
	return 0;
}

/* registry lock held: may uid own one more heap? */
static int heap_create_allowed(const char *name, u32 uid, bool admin, bool is_default)
{
	struct pymm_heap *h;
	u32 owned = 0;

	pymm_lockdep_assert_held(&pymm_registry_lock);
	if (heap_find(name, uid, admin))
		return -EEXIST;
	/* a uid's one default heap counts against no limit */
	for (h = pymm_heaps; h; h = h->reg_next)
		if (!h->public && !h->user_default && h->owner_uid == uid)
			owned++;
	if (!is_default && !admin && owned >= pymm_params.max_heaps_per_user)
		return -EUSERS;
	return 0;
}

/*
 * PYMM_OP_HEAP_CREATE for uid, asked quota (0: the default), on any
 * transport (the op, pymm_heap_create_as()): no client needed.  The heap
 * is built with the registry dropped (it allocates), between two looks at
 * the limits: the first refuses cheaply, the second decides.
 */
static int heap_create(const char *name, u32 uid, bool admin, u64 asked)
{
	bool is_default = name_eq(name, PYMM_DEFAULT_HEAP);
	bool public = is_default && pymm_params.public_heap;
	u64 quota = asked ? asked : pymm_params.heap_quota;
	struct pymm_heap *h;
	u32 of;
	int err;

	/* "default@UID" names a heap, it is never one's own name */
	if (pymm_heap_name_default_of(name, &of))
		return -EINVAL;
	if (pymm_params.heap_quota && quota > pymm_params.heap_quota && !admin)
		return -EPERM;
	/* the public heap's quota is everyone's: only an admin sets it */
	if (public && asked && !admin)
		return -EPERM;
	pymm_mutex_lock(&pymm_registry_lock);
	err = heap_create_allowed(name, uid, admin, is_default);
	pymm_mutex_unlock(&pymm_registry_lock);
	if (err)
		return err;
	err = heap_new(name, public ? 0 : uid, quota, public, &h);
	if (err)
		return err;
	pymm_mutex_lock(&pymm_registry_lock);
	err = heap_create_allowed(name, uid, admin, is_default);
	if (!err)
		heap_link(h);
	pymm_mutex_unlock(&pymm_registry_lock);
	if (err) {
		heap_discard(h);
		return err;
	}
	/* h may be destroyed already: its name and owner from here */
	pymm_event_emit(PYMM_EV_HEAP_CREATE, name, public ? 0 : uid, quota, 0, 0);
	return 0;
}

/*
 * PYMM_OP_HEAP_DESTROY for uid; self is the client that asks (the op: if
 * it is the only one attached, it is detached first; client->lock held),
 * or NULL (pymm_heap_destroy_as(): a heap with any client is busy).
 * Decided and unlinked under the registry, so that no attach can find the
 * heap any more; emptied with the registry dropped.  The heap's lock is
 * free by then but for a pinned walker's short look (no client is
 * attached), so it is waited for plainly.
 */
static int heap_destroy(const char *name, u32 uid, bool admin, struct pymm_client *self)
{
	struct pymm_heap *h;
	bool mine = false;
	u32 owner = 0;
	int err = 0;

	pymm_mutex_lock(&pymm_registry_lock);
	h = heap_find(name, uid, admin);
	if (!h) {
		err = -ENOENT;
		goto out;
	}
	if (!may_act(h, uid, admin)) {
		err = -EPERM;
		goto out;
	}
	mine = self && self->heap == h;
	if (h->nclients > (mine ? 1u : 0u)) {
		err = -EBUSY;
		goto out;
	}
	heap_unlink(h);
	owner = h->owner_uid;
out:
	pymm_mutex_unlock(&pymm_registry_lock);
	if (err)
		return err;
	if (mine)
		detach(self, false, false);
	pymm_event_emit(PYMM_EV_HEAP_DESTROY, name, owner, 0, 0, 0);
	heap_teardown(h);
	pymm_heap_put(h);	/* the list's reference */
	return 0;
}

/* the published figures (heap.h): no heap's lock, so a busy heap stalls nobody */
static int heap_list(struct pymm_opctx *x)
{
	struct pymm_heap_info *out = x->buf;
	struct pymm_heap *h;
	u32 n = 0, room = x->out_cap / sizeof(*out);
	int err = 0;

	pymm_mutex_lock(&pymm_registry_lock);
	for (h = pymm_heaps; h; h = h->reg_next) {
		if (!pymm_heap_visible(h, x->c->uid, x->admin))
			continue;
		if (n < room)
			pymm_heap_fill_info(h, &out[n]);
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

/*
 * A name a host hands in (pymm_heap_read_*()): a C string of at most
 * PYMM_HEAP_NAME_MAX - 1 bytes, checked as heap_name_arg() checks an op's.
 */
static int heap_name_host(const char *name)
{
	u32 len = 0, of;

	while (len < PYMM_HEAP_NAME_MAX && name[len])
		len++;
	if (!len)
		return -EINVAL;
	if (len >= PYMM_HEAP_NAME_MAX)
		return -ENAMETOOLONG;
	return heap_name_ok(name) || pymm_heap_name_default_of(name, &of) ? 0 : -EINVAL;
}

int pymm_heap_view_begin(const char *name, u32 uid, bool admin, struct pymm_heap **hp)
{
	struct heap_lookup l;
	struct pymm_heap *h;
	int err;

	err = heap_name_host(name);
	if (err)
		return err;
	pymm_mutex_lock(&pymm_registry_lock);
	err = heap_lookup(name, uid, admin, &l);	/* "default" made as attach makes it */
	h = l.h;
	if (!err && !h)
		err = -ENOENT;
	if (!err && !pymm_heap_visible(h, uid, admin))
		err = -EACCES;	/* what attach answers (may_attach()) */
	if (!err)
		pymm_heap_pin(h);
	pymm_mutex_unlock(&pymm_registry_lock);
	heap_lookup_end(&l, name, uid);
	if (err)
		return err;
	err = pymm_mutex_lock_killable(&h->lock);
	if (err) {
		pymm_heap_put(h);
		return err;
	}
	if (h->torn_down) {	/* destroyed while we waited */
		pymm_heap_view_end(h);
		return -ENOENT;
	}
	*hp = h;
	return 0;
}

void pymm_heap_view_end(struct pymm_heap *h)
{
	pymm_heap_unlock(h);
	pymm_heap_put(h);
}

int pymm_heap_create_as(const char *name, u32 uid, bool admin, u64 quota)
{
	int err = heap_name_host(name);

	return err ? err : heap_create(name, uid, admin, quota);
}

int pymm_heap_destroy_as(const char *name, u32 uid, bool admin)
{
	int err = heap_name_host(name);

	return err ? err : heap_destroy(name, uid, admin, NULL);
}

/* checked and pinned under the registry; the heap's lock waited for killably */
static int heap_set_quota(struct pymm_opctx *x, const char *name)
{
	struct pymm_client *c = x->c;
	u64 def = pymm_params.heap_quota;
	u64 q = x->op->arg[0] ? x->op->arg[0] : def;
	struct pymm_heap *h;
	int err = 0;

	pymm_mutex_lock(&pymm_registry_lock);
	h = name ? heap_find(name, c->uid, x->admin) : c->heap;
	if (!h) {
		err = name ? -ENOENT : -ENOTCONN;
		goto out;
	}
	if (!may_act(h, c->uid, x->admin)) {
		err = -EPERM;
		goto out;
	}
	if (def && q > def && !x->admin) {
		err = -EPERM;
		goto out;
	}
	pymm_heap_pin(h);
out:
	pymm_mutex_unlock(&pymm_registry_lock);
	if (err)
		return err;
	err = pymm_mutex_lock_killable(&h->lock);
	if (!err) {
		if (h->torn_down) {	/* destroyed while we waited */
			err = -ENOENT;
		} else {
			h->quota = q;
			pymm_alloc_set_limit(&h->alloc, q);
		}
		pymm_heap_unlock(h);
	}
	pymm_heap_put(h);
	return err;
}

/* PYMM_OP_HEAP_CREATE .. HEAP_SET_QUOTA; client->lock held, no other lock */
int pymm_heap_op(struct pymm_opctx *x)
{
	char name[PYMM_HEAP_NAME_MAX];
	int err = 0;

	pymm_lockdep_assert_held(&x->c->lock);

	if (x->op->code != PYMM_OP_HEAP_LIST &&
	    (x->op->code != PYMM_OP_HEAP_SET_QUOTA || x->in_len)) {
		err = heap_name_arg(x, name);
		if (err)
			return err;
	}
	switch (x->op->code) {
	case PYMM_OP_HEAP_CREATE:
		return heap_create(name, x->c->uid, x->admin, x->op->arg[0]);
	case PYMM_OP_HEAP_DESTROY:
		return heap_destroy(name, x->c->uid, x->admin, x->c);
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
		pymm_params.max_frame_depth = PYMM_RECURSION_LIMIT;
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
	pymm_heap_serial = 0;
	pymm_atomic64_set(&pymm_nclients, 0);
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
	u32 now;

	pymm_lockdep_assert_held(&h->lock);
	now = h->alloc.arenas_empty;

	if (now != h->spares_told) {
		pymm_plat_spares_add((long)now - (long)h->spares_told);
		h->spares_told = now;
	}
}

void pymm_heap_trim(struct pymm_heap *h)
{
	struct pymm_alloc *a = &h->alloc;

	pymm_lockdep_assert_held(&h->lock);
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

	pymm_lockdep_assert_held(&pymm_registry_lock);
	for (h = pymm_heaps; h && n < want; h = h->reg_next) {
		u64 now;

		if (!pymm_mutex_trylock(&h->lock))
			continue;
		/*
		 * Everything at once (pressure, a shared limit's refusal): the
		 * free lists go first, which may empty arenas the trim below
		 * then returns (freelist.h).
		 */
		if (!min_idle_ns && h->freelists.bytes) {
			pymm_freelist_clear(h, PYMM_FL_WHY_PRESSURE);
			pymm_freelist_tell(h);
		}
		/* read under the lock: spare_since may have moved while we came */
		now = pymm_plat_now_ns();
		if (h->alloc.arenas_empty && now >= h->spare_since &&
		    now - h->spare_since >= min_idle_ns) {
			n += pymm_alloc_trim(&h->alloc);
			spares_tell(h);
			pymm_heap_publish(h);
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
 * Reclaim may run inside an allocation made with a heap's lock held, by
 * this very thread: only trylocks here, and a busy registry gives nothing.
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
		heap_unlink(h);
		pymm_mutex_unlock(&pymm_registry_lock);
		leaks += heap_teardown(h);
		pymm_heap_put(h);
		pymm_mutex_lock(&pymm_registry_lock);
	}
	pymm_core_ready = false;
	pymm_mutex_unlock(&pymm_registry_lock);
	pymm_mutex_destroy(&pymm_acct_lock);
	pymm_mutex_destroy(&pymm_registry_lock);
	return leaks;
}

/*
 * The client count for pymm_global_stats (stats.c): an atomic, so that
 * opening /dev/pymm (inside misc_open(), under the kernel's misc_mtx)
 * waits for no core lock.
 */
void pymm_registry_client_count(int delta)
{
	pymm_atomic64_add(delta, &pymm_nclients);
}

u64 pymm_registry_clients(void)
{
	return pymm_atomic64_read(&pymm_nclients);
}

struct pymm_heap *pymm_registry_next(struct pymm_heap *prev)
{
	struct pymm_heap *h;

	pymm_lockdep_assert_held(&pymm_registry_lock);
	if (!prev)
		return pymm_heaps;
	if (prev->linked)
		return prev->reg_next;
	/* destroyed since: the first heap older than it (the list runs newest first) */
	for (h = pymm_heaps; h && h->serial > prev->serial; h = h->reg_next)
		;
	return h;
}
