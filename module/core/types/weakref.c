// SPDX-License-Identifier: GPL-2.0
/*
 * weakref.c - weakref.ref, with or without a callback.  Like CPython, only
 * instances, classes and functions can be referred to weakly (a list or
 * dict raises TypeError); a second weakref.ref(x) without a callback
 * returns the first one, one with a callback is always new.  The weak
 * reference holds no count on its referent; the referent's death clears
 * it (object.c) and queues its callback for a client to call (fin.c); its
 * own death unhooks it.  It holds a count on its callback, so it is a
 * container, tracked as CPython's weakref type is.
 *
 * weakref.proxy(x) is the same object under its own type code (CPython's
 * weakproxy and weakcallableproxy: a flag tells them apart), in the same
 * list: the plain proxy (no callback) is shared and sits right after the
 * plain ref, as get_basic_refs() expects.  Pymmctl forwards what a script
 * does to a proxy to its referent (userspace/script/proxy.c).
 *
 * weakref.KeyedRef (the references a WeakValueDictionary keeps) is a ref
 * with one more field, key: a subclass in CPython, a flag here.  Like any
 * ref that is not the plain one, a keyed ref is always new.  The hash is
 * the referent's, kept once asked, so that a dead ref stays findable as
 * a dict key (a WeakKeyDictionary's callback deletes it by it).
 */
#include "../heap.h"

/* weakref_hash: the referent's, cached; a dead ref never asked: TypeError */
static int weakref_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	struct pymm_weakref *wr = (struct pymm_weakref *)o;
	int err;

	if (!wr->hashed) {
		struct pymm_object *r = pymm_weakref_referent(o);

		if (!r)
			return -EINVAL;
		err = pymm_obj_hash(h, r, &wr->hash);
		if (err)
			return err;
		wr->hashed = 1;
	}
	*out = wr->hash;
	return 0;
}

/* gc_traverse, then a KeyedRef's slot (subtype_traverse visits it first) */
static int weakref_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_weakref *wr = (struct pymm_weakref *)o;
	int err = wr->key ? visit(wr->key, arg) : 0;

	if (!err && wr->callback)
		err = visit(wr->callback, arg);
	return err;
}

/* gc_clear: no longer refers to anything, the callback is never called */
static void weakref_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_weakref *wr = (struct pymm_weakref *)o;
	struct pymm_object *cb = wr->callback, *key = wr->key;

	pymm_weakref_unlink(wr);
	wr->callback = NULL;
	wr->key = NULL;
	pymm_obj_xdecref(h, key);
	pymm_obj_xdecref(h, cb);
}

/* subtype_dealloc clears a KeyedRef's slot before weakref_dealloc */
static struct pymm_object *weakref_release(struct pymm_object *o)
{
	struct pymm_weakref *wr = (struct pymm_weakref *)o;
	struct pymm_object *r = wr->key;

	if (r) {
		wr->key = NULL;
		return r;
	}
	r = wr->callback;
	wr->callback = NULL;
	return r;
}

const struct pymm_typeobj pymm_weakref_type = {
	.name = "weakref.ReferenceType",
	.code = PYMM_T_WEAKREF,
	.is_gc = 1,
	.traverse = weakref_traverse,
	.clear = weakref_clear,
	.release = weakref_release,
	.hash = weakref_hash,
};

const struct pymm_typeobj pymm_weakproxy_type = {
	.name = "weakref.ProxyType",
	.code = PYMM_T_WEAKPROXY,
	.is_gc = 1,
	.traverse = weakref_traverse,
	.clear = weakref_clear,
	.release = weakref_release,
	/* no hash: proxy_hash raises TypeError */
};

enum wr_kind { WR_REF, WR_KEYED, WR_PROXY, WR_CALLABLE_PROXY };

/*
 * get_basic_refs: the plain ref (head of the list, no callback, not a
 * KeyedRef) and the plain proxy (right after it, or the head, no callback).
 */
static void weakref_basic(struct pymm_weakref *head, struct pymm_weakref **ref,
			  struct pymm_weakref **proxy)
{
	*ref = NULL;
	*proxy = NULL;
	if (!head || head->callback)
		return;
	if (head->ob.type == PYMM_T_WEAKREF && !head->keyed) {
		*ref = head;
		head = head->wr_next;
	}
	if (head && !head->callback && head->ob.type == PYMM_T_WEAKPROXY)
		*proxy = head;
}

static void weakref_insert_after(struct pymm_weakref *wr, struct pymm_weakref *prev)
{
	wr->wr_prev = prev;
	wr->wr_next = prev->wr_next;
	if (prev->wr_next)
		prev->wr_next->wr_prev = wr;
	prev->wr_next = wr;
}

static struct pymm_object *weakref_make(struct pymm_heap *h, struct pymm_object *referent,
					struct pymm_object *callback, enum wr_kind kind,
					struct pymm_object *key, int *err)
{
	bool proxy = kind == WR_PROXY || kind == WR_CALLABLE_PROXY;
	struct pymm_weakref **head, *wr, *basic_ref, *basic_proxy, *prev;
	struct pymm_object *o;

	/* a class with __slots__ and no __weakref__: no weaklist (slots.c) */
	if (!pymm_obj_weakrefable(referent)) {
		*err = -EINVAL;
		return NULL;
	}
	head = pymm_weaklist_slot(referent);
	weakref_basic(*head, &basic_ref, &basic_proxy);
	/* PyWeakref_NewRef/NewProxy: the plain one is shared */
	if (!callback && kind == WR_REF && basic_ref)
		return pymm_obj_incref(&basic_ref->ob);
	if (!callback && proxy && basic_proxy)
		return pymm_obj_incref(&basic_proxy->ob);
	o = pymm_obj_alloc(h, proxy ? PYMM_T_WEAKPROXY : PYMM_T_WEAKREF, sizeof(*wr), err);
	if (!o)
		return NULL;
	wr = (struct pymm_weakref *)o;
	wr->referent = referent;
	wr->callback = callback ? pymm_obj_incref(callback) : NULL;
	wr->key = key ? pymm_obj_incref(key) : NULL;
	wr->keyed = kind == WR_KEYED;
	wr->callable = kind == WR_CALLABLE_PROXY;
	/*
	 * As CPython's insert_head/insert_after: the plain ref first, then
	 * the plain proxy, any other right after them (so newer callbacks
	 * come first).
	 */
	if (!callback && kind == WR_REF)
		prev = NULL;
	else if (!callback && proxy)
		prev = basic_ref;
	else
		prev = basic_proxy ? basic_proxy : basic_ref;
	if (prev) {
		weakref_insert_after(wr, prev);
	} else {
		wr->wr_next = *head;
		if (*head)
			(*head)->wr_prev = wr;
		*head = wr;
	}
	pymm_gc_track(h, o);
	return o;
}

struct pymm_object *pymm_weakref_new(struct pymm_heap *h, struct pymm_object *referent,
				     int *err)
{
	return weakref_make(h, referent, NULL, WR_REF, NULL, err);
}

struct pymm_object *pymm_weakref_new_cb(struct pymm_heap *h, struct pymm_object *referent,
					struct pymm_object *callback, int *err)
{
	return weakref_make(h, referent, callback, WR_REF, NULL, err);
}

/*
 * 3.11's PyWeakref_GET_OBJECT: None once the referent's count is 0.  Its
 * weak references are cleared when its deallocation begins, but an object
 * the trashcan deposited (object.c) waits with a count of 0 and its
 * references still set, maybe past this op while a client's finalizers
 * run deeper in the same nest: it is gone, never to be handed out again.
 */
struct pymm_object *pymm_weakref_referent(struct pymm_object *o)
{
	struct pymm_object *r = ((struct pymm_weakref *)o)->referent;

	return r && r->refcnt ? r : NULL;
}

/* WEAKREF_LIST: the weak references to arg0, in its list's order */
static int weakref_list_op(struct pymm_opctx *x, struct pymm_object *o)
{
	struct pymm_weakref **slot, *wr;
	struct pymm_object **objs;
	u32 n = 0, i = 0;
	int err = 0;

	if (!pymm_obj_weakrefable(o))
		return pymm_out_handles(x, NULL, 0);
	slot = pymm_weaklist_slot(o);
	for (wr = slot ? *slot : NULL; wr && !err; wr = wr->wr_next) {
		n++;
		err = pymm_work(x->h, 1);
	}
	if (err)
		return err;
	/* too many for the caller's room: it asks again with data_len's */
	if (!n || (u64)n * sizeof(u64) > x->out_cap)
		return pymm_out_handles(x, NULL, n);
	objs = pymm_plat_zalloc((size_t)n * sizeof(*objs));
	if (!objs)
		return -ENOMEM;
	for (wr = *slot; wr && i < n; wr = wr->wr_next)
		objs[i++] = &wr->ob;
	err = pymm_out_handles(x, objs, i);
	pymm_plat_free(objs);
	return err;
}

/* NEW_KEYEDREF and NEW_PROXY: arg1 = the callback function, or 0 */
static int weakref_new_op(struct pymm_opctx *x, struct pymm_object *o)
{
	struct pymm_object *cb = NULL, *key = NULL;
	enum wr_kind kind = WR_KEYED;
	int err = 0;

	if (x->op->code == PYMM_OP_NEW_PROXY) {
		if (x->op->arg[2] > 1)
			return -EINVAL;
		kind = x->op->arg[2] ? WR_CALLABLE_PROXY : WR_PROXY;
	}
	if (x->op->arg[1])
		err = pymm_handle_get(x->c, x->op->arg[1], &cb);
	if (!err && kind == WR_KEYED)
		err = pymm_handle_get(x->c, x->op->arg[2], &key);
	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	if (!pymm_obj_weakrefable(o) || (cb && !pymm_callback_ok(cb))) {
		x->op->exc = PYMM_EXC_TYPE_ERROR;
		return -EINVAL;
	}
	o = weakref_make(x->h, o, cb, kind, key, &err);
	return o ? pymm_ret_handle(x, o) : err;
}

/*
 * WEAKREF_LIST (arg0 = any object), NEW_KEYEDREF (arg0 = referent, arg1 =
 * callback function or 0, arg2 = key), WEAKREF_KEY (arg0 = a KeyedRef),
 * NEW_PROXY (arg0 = referent, arg1 = callback or 0, arg2 = callable),
 * WEAKREF_CALLBACK (arg0 = a ref or proxy).
 */
int pymm_weakref_op(struct pymm_opctx *x)
{
	struct pymm_object *o;
	struct pymm_weakref *wr;
	int err = pymm_handle_get(x->c, x->op->arg[0], &o);

	if (err)
		return err;
	switch (x->op->code) {
	case PYMM_OP_WEAKREF_LIST:
		return weakref_list_op(x, o);
	case PYMM_OP_NEW_KEYEDREF:
	case PYMM_OP_NEW_PROXY:
		return weakref_new_op(x, o);
	case PYMM_OP_WEAKREF_CALLBACK:
		wr = (struct pymm_weakref *)o;
		if (o->type != PYMM_T_WEAKREF && o->type != PYMM_T_WEAKPROXY) {
			x->op->exc = PYMM_EXC_TYPE_ERROR;
			return -EINVAL;
		}
		err = pymm_handle_reserve(x->c, 1);
		if (err)
			return err;
		x->op->ret[1] = wr->callable;
		return pymm_ret_handle(x, pymm_obj_incref(wr->callback ? wr->callback :
							  x->h->none));
	case PYMM_OP_WEAKREF_KEY:
		wr = (struct pymm_weakref *)o;
		if (o->type != PYMM_T_WEAKREF || !wr->keyed) {
			x->op->exc = PYMM_EXC_ATTRIBUTE_ERROR;
			return -ENOENT;
		}
		err = pymm_handle_reserve(x->c, 1);
		if (err)
			return err;
		return pymm_ret_handle(x, pymm_obj_incref(wr->key ? wr->key : x->h->none));
	}
	return -EINVAL;
}
