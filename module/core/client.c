// SPDX-License-Identifier: GPL-2.0
/*
 * client.c - one user-space session: its handle table, frame stack (frame.c)
 * and finalizer output queue.
 *
 * Handle table: an array of slots that grows by doubling up to
 * params.max_handles (-EMFILE beyond), with a free list threaded through
 * the free slots.  A handle is (type << 56) | (generation << 32) |
 * (slot + 1); closing a slot bumps its 24-bit generation, so a stale handle
 * gives -EBADF even after the slot is reused, and a handle can never name
 * another client's object: the table is ours alone.  The type byte is the
 * object's PYMM_T_* code, fixed for its life: user space reads a value's
 * type off its handle instead of sending a TYPE op per operator (it was
 * the most frequent op of a script's arithmetic, docs/interpreter.md), and
 * a handle whose byte does not match is refused like a stale one.
 *
 *	handles[0]  {obj=A (an int), gen=1}  handle 0x0300000100000001
 *	handles[1]  {obj=NULL, gen=2} -+     free (closed once)
 *	handles[2]  {obj=B, gen=1}     |
 *	free_head = 2 -----------------+
 *
 * The client, its table, frame stack and output ring are host memory
 * charged with pymm_client_charge(): to the uid's account (user_quota,
 * -EDQUOT when full, whichever heap the client is attached to, the public
 * one included) and to the module cap (-ENOSPC).  A refused growth installs
 * nothing; a refused output ring drops the text and counts it.  The objects
 * the handles hold live in the heap.  Changes happen under
 * client->lock and heap->lock (verify.c reads the table as roots).
 */
#include "heap.h"

/*
 * No registry or heap lock: /dev/pymm's open runs this under the kernel's
 * misc_mtx.  Only the account lock, a leaf never held while waiting.
 */
struct pymm_client *pymm_client_create(u32 uid, bool admin, int *err)
{
	struct pymm_client *c;
	struct pymm_acct *acct;

	/* the account first: the struct itself is charged to it */
	*err = pymm_client_acct_get(uid, &acct);
	if (*err)
		return NULL;
	*err = pymm_acct_client_charge(acct, sizeof(*c));
	if (*err)
		goto put;
	c = pymm_plat_zalloc(sizeof(*c));
	if (!c) {
		*err = -ENOMEM;
		pymm_plat_uncharge(sizeof(*c));
		pymm_acct_client_uncharge(acct, sizeof(*c));
		goto put;
	}
	pymm_mutex_init(&c->lock);
	c->uid = uid;
	c->admin = admin;
	c->acct = acct;
	pymm_registry_client_count(1);
	return c;
put:
	pymm_client_acct_put(acct);
	return NULL;
}

struct pymm_client *pymm_client_new(u32 uid, bool admin)
{
	int err;

	return pymm_client_create(uid, admin, &err);
}

void pymm_client_release(struct pymm_client *c)
{
	if (!c)
		return;
	pymm_mutex_lock(&c->lock);
	pymm_heap_detach(c);
	pymm_mutex_unlock(&c->lock);
	if (c->handles) {
		pymm_plat_free(c->handles);
		pymm_client_uncharge(c, (size_t)c->handles_cap * sizeof(*c->handles));
	}
	if (c->frames) {
		pymm_plat_free(c->frames);
		pymm_client_uncharge(c, (size_t)c->frames_cap * sizeof(*c->frames));
	}
	if (c->out) {
		pymm_plat_free(c->out);
		pymm_client_uncharge(c, PYMM_OUTPUT_MAX);
	}
	pymm_mutex_destroy(&c->lock);
	pymm_client_uncharge(c, sizeof(*c));
	pymm_client_acct_put(c->acct);
	pymm_plat_free(c);
	pymm_registry_client_count(-1);
}

/* ------------------------------------------------------------ handles */

#define HANDLE_GEN_MASK	0xffffffu

/* the next generation of a slot being closed: 24 bits, never 0 */
static u32 handle_gen_next(u32 gen)
{
	gen = (gen + 1) & HANDLE_GEN_MASK;
	return gen ? gen : 1;
}

int pymm_handle_get(struct pymm_client *c, u64 handle, struct pymm_object **o)
{
	u32 slot = (u32)handle - 1;	/* 0 wraps: refused below */
	struct pymm_handle *e;

	if (slot >= c->handles_used)
		return -EBADF;
	e = &c->handles[slot];
	if (!e->obj || e->gen != ((u32)(handle >> 32) & HANDLE_GEN_MASK) ||
	    PYMM_HANDLE_TYPE(handle) != e->obj->type)
		return -EBADF;
	*o = e->obj;
	return 0;
}

static int handles_grow(struct pymm_client *c, u32 need)
{
	u32 cap = c->handles_cap ? c->handles_cap : 64;
	struct pymm_handle *t;
	int err;

	while (cap < need)
		cap *= 2;
	if (cap > pymm_params.max_handles)
		cap = pymm_params.max_handles;
	if (cap < need)
		return -EMFILE;
	err = pymm_client_charge(c, (size_t)cap * sizeof(*t));
	if (err)
		return err;
	t = pymm_plat_zalloc((size_t)cap * sizeof(*t));
	if (!t) {
		pymm_client_uncharge(c, (size_t)cap * sizeof(*t));
		return -ENOMEM;
	}
	if (c->handles) {
		memcpy(t, c->handles, (size_t)c->handles_used * sizeof(*t));
		pymm_plat_free(c->handles);
		pymm_client_uncharge(c, (size_t)c->handles_cap * sizeof(*t));
	}
	c->handles = t;
	c->handles_cap = cap;
	return 0;
}

/* free slots: those on the free list plus the never-used tail */
int pymm_handle_reserve(struct pymm_client *c, u32 n)
{
	u64 need = (u64)c->handles_live + n;

	if (need <= c->handles_cap)
		return 0;
	if (need > pymm_params.max_handles)
		return -EMFILE;
	return handles_grow(c, (u32)need);
}

u64 pymm_handle_install(struct pymm_client *c, struct pymm_object *o)
{
	struct pymm_handle *e;
	u32 slot;

	if (c->free_head) {
		slot = c->free_head - 1;
		e = &c->handles[slot];
		c->free_head = e->next_free;
	} else {
		slot = c->handles_used++;
		e = &c->handles[slot];
		e->gen = 1;
	}
	e->obj = o;
	e->next_free = 0;
	c->handles_live++;
	c->heap->nhandles++;
	return ((u64)o->type << 56) | ((u64)e->gen << 32) | (slot + 1);
}

int pymm_handle_close(struct pymm_client *c, u64 handle)
{
	struct pymm_object *o;
	struct pymm_handle *e;
	int err = pymm_handle_get(c, handle, &o);

	if (err)
		return err;
	e = &c->handles[(u32)handle - 1];
	e->obj = NULL;
	e->gen = handle_gen_next(e->gen);
	e->next_free = c->free_head;
	c->free_head = (u32)handle;
	c->handles_live--;
	c->heap->nhandles--;
	pymm_obj_decref(c->heap, o);
	return 0;
}

/*
 * heap->lock held: every reference the table holds is dropped.  Slots keep
 * their generations (bumped), so a handle from before a re-attach is stale
 * (-EBADF) rather than naming some object of the new heap.
 */
void pymm_client_drop_all(struct pymm_client *c)
{
	struct pymm_heap *h = c->heap;
	u32 i, n = c->handles_used;

	pymm_lockdep_assert_held(&h->lock);
	pymm_frames_drop(c);
	c->free_head = 0;
	for (i = n; i-- > 0; ) {
		struct pymm_handle *e = &c->handles[i];
		struct pymm_object *o = e->obj;

		e->obj = NULL;
		if (o) {
			e->gen = handle_gen_next(e->gen);
			c->handles_live--;
			h->nhandles--;
			pymm_obj_decref(h, o);
		}
		e->next_free = c->free_head;
		c->free_head = i + 1;
		if ((i & 1023) == 0)
			pymm_plat_resched();
	}
}

/* ------------------------------------------------------ output queue */

/* A full ring drops the text and counts it (READ_OUTPUT reports it). */
void pymm_client_output(struct pymm_client *c, const char *s, u32 len)
{
	u32 i, tail;

	if (!c->out) {
		if (pymm_client_charge(c, PYMM_OUTPUT_MAX)) {
			c->out_dropped += len;
			return;
		}
		c->out = pymm_plat_zalloc(PYMM_OUTPUT_MAX);
		if (!c->out) {
			pymm_client_uncharge(c, PYMM_OUTPUT_MAX);
			c->out_dropped += len;
			return;
		}
	}
	if (len > PYMM_OUTPUT_MAX - c->out_len) {
		c->out_dropped += len;
		return;
	}
	tail = (c->out_head + c->out_len) % PYMM_OUTPUT_MAX;
	for (i = 0; i < len; i++)
		c->out[(tail + i) % PYMM_OUTPUT_MAX] = s[i];
	c->out_len += len;
}

/* PYMM_OP_READ_OUTPUT: as much as fits; ret0 = bytes left, ret1 = dropped */
int pymm_client_read_output(struct pymm_opctx *x)
{
	struct pymm_client *c = x->c;
	u32 n = c->out_len < x->out_cap ? c->out_len : x->out_cap, first;
	char *buf = x->buf;

	first = PYMM_OUTPUT_MAX - c->out_head;
	if (first > n)
		first = n;
	if (n) {
		memcpy(buf, c->out + c->out_head, first);
		memcpy(buf + first, c->out, n - first);
	}
	c->out_head = (c->out_head + n) % PYMM_OUTPUT_MAX;
	c->out_len -= n;
	x->op->data_len = n;
	x->op->ret[0] = c->out_len;
	x->op->ret[1] = c->out_dropped;
	c->out_dropped = 0;
	return 0;
}

/* -------------------------------------------------- handles as results */

int pymm_ret_handle(struct pymm_opctx *x, struct pymm_object *o)
{
	x->op->ret[0] = pymm_handle_install(x->c, o);
	return 0;
}

int pymm_out_bytes(struct pymm_opctx *x, const void *p, u32 n)
{
	x->op->data_len = n;
	if (n > x->out_cap) {
		x->op->out_flags |= PYMM_OUTF_TRUNC;
		return -ENOSPC;
	}
	memcpy(x->buf, p, n);
	return 0;
}

int pymm_out_handles(struct pymm_opctx *x, struct pymm_object *const *objs, u32 n)
{
	u64 need = (u64)n * sizeof(u64);
	u64 *out = x->buf;
	int err;
	u32 i;

	if (need > x->out_cap) {
		x->op->out_flags |= PYMM_OUTF_TRUNC;
		x->op->data_len = need > 0xffffffffu ? 0xffffffffu : (u32)need;
		return -ENOSPC;
	}
	err = pymm_handle_reserve(x->c, n);
	if (err)
		return err;
	for (i = 0; i < n; i++)
		out[i] = pymm_handle_install(x->c, pymm_obj_incref(objs[i]));
	x->op->data_len = (u32)need;
	x->op->ret[0] = n;
	return 0;
}
