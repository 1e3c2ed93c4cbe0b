// SPDX-License-Identifier: GPL-2.0
/*
 * test_fin.c - the finalizer protocol of the core (module/core/fin.c, gc.c):
 * code objects, __del__ found in the class dict, finalizers and weakref
 * callbacks handed to the client by refcount deaths and by collections
 * (PEP 442: a collection pauses until its finalizers are done, resurrected
 * objects survive), a second collection while one waits (returns 0), a
 * client that dies or dawdles while it holds work (the heap stays
 * consistent, the collection ends), and another uid's code, which is never
 * handed over.
 */
#include "core/pymm_core.h"
#include "core/heap.h"
#include "core/platform_user.h"
#include "unit_test.h"

static u8 buf[1 << 20];

#include "op_helpers.h"

#include "fin_helpers.h"

static void test_code_objects(void)
{
	struct pymm_client *c = fclient(UID, "fin1");
	struct res r;
	u64 f, code;
	int t;

	/* malformed records: reserved, nargs, owner set by the caller, short */
	for (t = 1; t <= 4; t++)
		CHECK_EQ(make_code_rec(c, "f", "self", "def f(self): pass\n", t).err, -EINVAL);
	CHECK_EQ(make_code_rec(c, "1x", "self", "x", 0).err, -EINVAL);
	CHECK_EQ(make_code_rec(c, "f", "no-ident", "x", 0).err, -EINVAL);
	r = make_code_rec(c, "f", "self", "def f(self):\n    return 1\n", 0);
	CHECK_EQ(r.err, 0);
	code = r.r0;
	CHECK_EQ(op0(c, PYMM_OP_TYPE, code, 0, 0).r0, PYMM_T_CODE);
	/* the record comes back with the maker's uid */
	r = opx(c, PYMM_OP_CODE_READ, 0, code, 0, 0, NULL, 0, 4096);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, UID);
	CHECK_EQ(((struct pymm_code_info *)buf)->owner_uid, UID);
	CHECK(!memcmp(buf + r.data_len - 9, "return 1\n", 9));
	r = opx(c, PYMM_OP_CODE_READ, 0, code, 0, 0, NULL, 0, 8);
	CHECK_EQ(r.err, -ENOSPC);
	CHECK(r.out_flags & PYMM_OUTF_TRUNC);
	r = op0(c, PYMM_OP_MAKE_FUNCTION, code, 0, 0);
	CHECK_EQ(r.err, 0);
	f = r.r0;
	/* the function holds its code: READ names it by ID, __code__ is it */
	CHECK_EQ(op0(c, PYMM_OP_READ, f, 0, 0).r1, op0(c, PYMM_OP_ID, code, 0, 0).r0);
	r = opx(c, PYMM_OP_GETATTR, 0, f, 0, 0, "__code__", 8, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(op0(c, PYMM_OP_COMPARE, r.r0, code, PYMM_CMP_IS).r0, 1);
	closeh(c, r.r0);
	CHECK_EQ(op0(c, PYMM_OP_MAKE_FUNCTION, f, 0, 0).exc, PYMM_EXC_TYPE_ERROR);
	closeh(c, code);
	closeh(c, f);
	verify(c);
	pymm_client_release(c);
}

static void test_refcount_death(void)
{
	struct pymm_client *c = fclient(UID, "fin2");
	struct pymm_fin_item it[4];
	u64 cls = make_class(c), a, base;
	struct res r;

	base = heap_objects(c);
	a = new_inst(c, cls);
	r = op0(c, PYMM_OP_CLOSE, a, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK(r.out_flags & PYMM_OUTF_FINALIZERS);
	verify(c);
	/* held by the queued item: alive, finalized once */
	CHECK_EQ(heap_objects(c), base + 1);
	CHECK_EQ(fetch(c, it, 4, NULL), 1);
	CHECK_EQ(it[0].kind, PYMM_FIN_DEL);
	CHECK_EQ(op0(c, PYMM_OP_TYPE, it[0].obj, 0, 0).r0, PYMM_T_INSTANCE);
	CHECK_EQ(op0(c, PYMM_OP_TYPE, it[0].func, 0, 0).r0, PYMM_T_FUNCTION);
	CHECK_EQ(op0(c, PYMM_OP_GC_IS_FINALIZED, it[0].obj, 0, 0).r0, 1);
	/* nothing more to fetch; an unknown item is refused */
	CHECK_EQ(fetch(c, it + 1, 3, NULL), 0);
	CHECK_EQ(op0(c, PYMM_OP_FIN_DONE, it[0].func, 0, 0).err, -ENOENT);
	r = op0(c, PYMM_OP_FIN_DONE, it[0].obj, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 0);
	closeh(c, it[0].func);
	/* its finalizer ran: it died for good, no second item */
	CHECK_EQ(heap_objects(c), base);
	CHECK_EQ(op0(c, PYMM_OP_FIN_DONE, it[0].obj, 0, 0).err, -EBADF);
	closeh(c, cls);
	verify(c);
	pymm_client_release(c);
}

/* an instance in a cycle with itself: a.me = a; returns nothing held */
static void make_cycle(struct pymm_client *c, u64 cls)
{
	u64 a = new_inst(c, cls);

	CHECK_EQ(opx(c, PYMM_OP_SETATTR, 0, a, a, 0, "me", 2, 0).err, 0);
	closeh(c, a);
}

static void test_collect_pause_resume(void)
{
	struct pymm_client *c = fclient(UID, "fin3");
	struct pymm_fin_item it[4];
	u64 cls = make_class(c), base;
	struct res r;

	CHECK_EQ(op0(c, PYMM_OP_GC_DISABLE, 0, 0, 0).err, 0);
	base = heap_objects(c);
	make_cycle(c, cls);
	r = op0(c, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 0);
	CHECK_EQ(r.r1, 1);		/* paused for its finalizer */
	CHECK(r.out_flags & PYMM_OUTF_FINALIZERS);
	/* the waiting set and the queued item are references verify counts */
	verify(c);
	/* a second collection while one waits: 0, as CPython's nested collect */
	r = op0(c, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 0);
	CHECK_EQ(r.r1, 0);
	CHECK_EQ(fetch(c, it, 4, NULL), 1);
	verify(c);
	/* the last FIN_DONE completes it: the instance (with its dict) */
	r = op0(c, PYMM_OP_FIN_DONE, it[0].obj, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 1);
	CHECK_EQ(r.r1, 1);
	closeh(c, it[0].func);
	CHECK_EQ(heap_objects(c), base);
	verify(c);

	/* resurrection: bound to a global before FIN_DONE, it survives */
	make_cycle(c, cls);
	r = op0(c, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK_EQ(r.r1, 1);
	CHECK_EQ(fetch(c, it, 4, NULL), 1);
	CHECK_EQ(opx(c, PYMM_OP_NAME_BIND, 0, it[0].obj, 0, 0, "saved", 5, 0).err, 0);
	r = op0(c, PYMM_OP_FIN_DONE, it[0].obj, 0, 0);
	CHECK_EQ(r.r0, 1);
	CHECK_EQ(r.r1, 0);
	closeh(c, it[0].func);
	CHECK(heap_objects(c) >= base + 2);	/* the instance, its dict, names */
	verify(c);
	/* dropped again: collected without a second finalizer (PEP 442) */
	CHECK_EQ(opd(c, PYMM_OP_NAME_DEL, 0, "saved", 5).err, 0);
	r = op0(c, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK_EQ(r.r0, 1);
	CHECK_EQ(r.r1, 0);
	CHECK(!(r.out_flags & PYMM_OUTF_FINALIZERS));
	CHECK_EQ(heap_objects(c), base);
	closeh(c, cls);
	verify(c);
	pymm_client_release(c);
}

/* a client killed while it holds work: the heap ends the collection */
static void test_client_death(void)
{
	struct pymm_client *a = fclient(UID, "fin4"), *b = fclient(UID, "fin4");
	struct pymm_fin_item it[4];
	u64 cls = make_class(b), base;
	struct res r;

	CHECK_EQ(op0(b, PYMM_OP_GC_DISABLE, 0, 0, 0).err, 0);
	base = heap_objects(b);
	/* a holds two cycles' finalizers, one fetched, one not */
	make_cycle(b, cls);
	make_cycle(b, cls);
	r = op0(a, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK_EQ(r.r1, 1);
	CHECK_EQ(fetch(a, it, 1, NULL), 1);
	CHECK_EQ(op0(b, PYMM_OP_GC_COLLECT, 2, 0, 0).r0, 0);	/* still waiting */
	pymm_client_release(a);
	/* everything went back: both finalized, both freed, heap consistent */
	CHECK(!b->heap->gc.paused_active);
	CHECK(!b->heap->gc.collecting);
	CHECK_EQ(heap_objects(b), base);
	verify(b);
	/* and the next collection is a normal one */
	make_cycle(b, cls);
	r = op0(b, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK_EQ(r.r1, 1);
	CHECK_EQ(fetch(b, it, 4, NULL), 1);
	CHECK_EQ(op0(b, PYMM_OP_FIN_DONE, it[0].obj, 0, 0).r1, 1);
	closeh(b, it[0].func);
	closeh(b, cls);
	/* a class is a cycle (its __mro__ holds it): the next collection frees it */
	CHECK_EQ(op0(b, PYMM_OP_GC_COLLECT, 2, 0, 0).err, 0);
	CHECK(heap_objects(b) < base);	/* the class went too */
	verify(b);
	pymm_client_release(b);
}

/* a client that never comes back does not hold the heap's collector */
static void test_wait_bounded(void)
{
	struct pymm_client *a = fclient(UID, "fin5"), *b = fclient(UID, "fin5");
	struct pymm_fin_item it[4];
	u64 cls = make_class(b), base;
	struct res r;

	CHECK_EQ(op0(b, PYMM_OP_GC_DISABLE, 0, 0, 0).err, 0);
	base = heap_objects(b);
	make_cycle(b, cls);
	r = op0(a, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK_EQ(r.r1, 1);
	/* b waits less than the default: another client's op ends the wait */
	CHECK_EQ(op0(b, PYMM_OP_GC_COLLECT, 2, 0, 0).r0, 0);
	b->heap->gc.fin_wait_ns = 0;
	r = op0(b, PYMM_OP_NOP, 0, 0, 0);
	r = op0(b, PYMM_OP_GC_GET_COUNT, 0, 0, 0);
	CHECK(!b->heap->gc.paused_active);
	CHECK(!b->heap->gc.collecting);
	/* a's item is plain work now: its object survived as resurrected
	 * (one object: the instance keeps its values inline) */
	CHECK(heap_objects(b) >= base + 1);
	CHECK_EQ(fetch(a, it, 4, NULL), 1);
	r = op0(a, PYMM_OP_FIN_DONE, it[0].obj, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 0);
	closeh(a, it[0].func);
	/* finalized: the next collection frees it without another finalizer */
	r = op0(b, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK_EQ(r.r0, 1);
	CHECK_EQ(r.r1, 0);
	CHECK_EQ(heap_objects(b), base);
	closeh(b, cls);
	verify(b);
	pymm_client_release(a);
	pymm_client_release(b);
}

/* another uid's code is never handed over: skipped, counted, flagged */
static void test_other_uid(void)
{
	struct pymm_client *u = fclient(UID, "fin6"), *root = client(0, NULL);
	u64 cls = make_class(u), base, a;
	struct pymm_fin_item it[2];
	struct res r;

	CHECK_EQ(opx(root, PYMM_OP_HEAP_ATTACH, PYMM_OPF_OTHER_OWNER, 0, 0, 0, "fin6", 5, 0).err,
		 0);
	CHECK_EQ(op0(u, PYMM_OP_GC_DISABLE, 0, 0, 0).err, 0);
	base = heap_objects(u);
	make_cycle(u, cls);
	r = op0(root, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r1, 0);
	CHECK_EQ(r.r0, 1);
	CHECK(!(r.out_flags & PYMM_OUTF_FINALIZERS));
	CHECK(r.out_flags & PYMM_OUTF_FIN_SKIPPED);
	CHECK_EQ(fetch(root, it, 2, NULL), 0);
	CHECK_EQ(heap_objects(u), base);
	/* a refcount death in root's op: the same */
	a = new_inst(u, cls);
	r = opx(root, PYMM_OP_NAME_BIND, 0, 0, 0, 0, NULL, 0, 0);
	CHECK_EQ(opx(u, PYMM_OP_NAME_BIND, 0, a, 0, 0, "x", 1, 0).err, 0);
	closeh(u, a);
	r = opd(root, PYMM_OP_NAME_DEL, 0, "x", 1);
	CHECK_EQ(r.err, 0);
	CHECK(r.out_flags & PYMM_OUTF_FIN_SKIPPED);
	CHECK(!(r.out_flags & PYMM_OUTF_FINALIZERS));
	CHECK_EQ(heap_objects(u), base);
	CHECK(u->heap->gc.fin_skipped >= 2);
	closeh(u, cls);
	verify(u);
	pymm_client_release(root);
	pymm_client_release(u);
}

static void test_weakref_callbacks(void)
{
	struct pymm_client *c = fclient(UID, "fin7");
	struct pymm_fin_item it[4];
	u64 cls, cb, a, wr;
	struct res r;

	r = opd(c, PYMM_OP_NEW_CLASS, 0, "K", 1);
	cls = r.r0;
	cb = make_func(c, "cb");
	CHECK_EQ(op0(c, PYMM_OP_GC_DISABLE, 0, 0, 0).err, 0);
	/* only a function can be a callback */
	a = new_inst(c, cls);
	CHECK_EQ(op0(c, PYMM_OP_NEW_WEAKREF_CB, a, cls, 0).exc, PYMM_EXC_TYPE_ERROR);
	r = op0(c, PYMM_OP_NEW_WEAKREF_CB, a, cb, 0);
	CHECK_EQ(r.err, 0);
	wr = r.r0;
	/* with a callback, always a new weakref */
	r = op0(c, PYMM_OP_NEW_WEAKREF_CB, a, cb, 0);
	CHECK_NE(r.r0, wr);
	closeh(c, r.r0);
	r = op0(c, PYMM_OP_CLOSE, a, 0, 0);
	CHECK(r.out_flags & PYMM_OUTF_FINALIZERS);
	CHECK_EQ(fetch(c, it, 4, NULL), 1);
	CHECK_EQ(it[0].kind, PYMM_FIN_CALLBACK);
	CHECK_EQ(op0(c, PYMM_OP_COMPARE, it[0].obj, wr, PYMM_CMP_IS).r0, 1);
	CHECK_EQ(op0(c, PYMM_OP_FIN_DONE, it[0].obj, 0, 0).err, 0);
	closeh(c, it[0].func);
	/* a death by reference count drops the callback first */
	CHECK_EQ(op0(c, PYMM_OP_REFCOUNT, cb, 0, 0).r0, 1);
	closeh(c, wr);

	/* one the collector finds: the weakref keeps it (handle_weakrefs) */
	a = new_inst(c, cls);
	CHECK_EQ(opx(c, PYMM_OP_SETATTR, 0, a, a, 0, "me", 2, 0).err, 0);
	wr = op0(c, PYMM_OP_NEW_WEAKREF_CB, a, cb, 0).r0;
	closeh(c, a);
	r = op0(c, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK(r.out_flags & PYMM_OUTF_FINALIZERS);
	CHECK_EQ(fetch(c, it, 4, NULL), 1);
	CHECK_EQ(it[0].kind, PYMM_FIN_CALLBACK);
	CHECK_EQ(op0(c, PYMM_OP_FIN_DONE, it[0].obj, 0, 0).err, 0);
	closeh(c, it[0].func);
	CHECK_EQ(op0(c, PYMM_OP_REFCOUNT, cb, 0, 0).r0, 2);	/* ours, the weakref's */
	closeh(c, wr);
	CHECK_EQ(op0(c, PYMM_OP_REFCOUNT, cb, 0, 0).r0, 1);

	/* a weakref that is garbage itself: cleared, its callback never called */
	a = new_inst(c, cls);
	r = op0(c, PYMM_OP_NEW_WEAKREF_CB, a, cb, 0);
	wr = r.r0;
	CHECK_EQ(opx(c, PYMM_OP_SETATTR, 0, a, wr, 0, "wr", 2, 0).err, 0);
	CHECK_EQ(opx(c, PYMM_OP_SETATTR, 0, a, a, 0, "me", 2, 0).err, 0);
	closeh(c, wr);
	closeh(c, a);
	r = op0(c, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK_EQ(r.r1, 0);
	CHECK(!(r.out_flags & PYMM_OUTF_FINALIZERS));
	closeh(c, cb);
	closeh(c, cls);
	verify(c);
	pymm_client_release(c);
}

static bool same(struct pymm_client *c, u64 a, u64 b)
{
	return op0(c, PYMM_OP_COMPARE, a, b, PYMM_CMP_IS).r0 == 1;
}

/* weakref.proxy (NEW_PROXY 228), __callback__ (WEAKREF_CALLBACK 229), sets */
static void test_proxies(void)
{
	struct pymm_client *c = fclient(UID, "fin9");
	struct pymm_fin_item it[4];
	u64 cls, cb, a, lst, set, p, pcb1, pcb2, ref, m, hs[4];
	struct res r;
	int i;

	r = opd(c, PYMM_OP_NEW_CLASS, 0, "P", 1);
	cls = r.r0;
	cb = make_func(c, "cb");
	CHECK_EQ(op0(c, PYMM_OP_GC_DISABLE, 0, 0, 0).err, 0);
	a = new_inst(c, cls);
	lst = new_seq(c, PYMM_OP_NEW_LIST, NULL, 0);
	/* bad input: a list, a str callback, a flag past 1 */
	r = op0(c, PYMM_OP_NEW_PROXY, lst, 0, 0);
	CHECK_EQ(r.err, -EINVAL);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	r = op0(c, PYMM_OP_NEW_PROXY, a, lst, 0);
	CHECK_EQ(r.exc, PYMM_EXC_TYPE_ERROR);
	CHECK_EQ(op0(c, PYMM_OP_NEW_PROXY, a, 0, 2).err, -EINVAL);
	CHECK_EQ(op0(c, PYMM_OP_WEAKREF_CALLBACK, a, 0, 0).err, -EINVAL);

	/* CPython's list order: plain ref, plain proxy, then newest callback first */
	pcb1 = op0(c, PYMM_OP_NEW_PROXY, a, cb, 0).r0;
	p = op0(c, PYMM_OP_NEW_PROXY, a, 0, 1).r0;
	CHECK_EQ(PYMM_HANDLE_TYPE(p), PYMM_T_WEAKPROXY);
	r = op0(c, PYMM_OP_NEW_PROXY, a, 0, 1);
	CHECK(same(c, r.r0, p));			/* the plain proxy is shared */
	closeh(c, r.r0);
	ref = op0(c, PYMM_OP_NEW_WEAKREF, a, 0, 0).r0;
	pcb2 = op0(c, PYMM_OP_NEW_PROXY, a, cb, 0).r0;
	CHECK(!same(c, pcb1, pcb2));
	r = opx(c, PYMM_OP_WEAKREF_LIST, 0, a, 0, 0, NULL, 0, sizeof(hs));
	CHECK_EQ(r.r0, 4);
	memcpy(hs, buf, sizeof(hs));
	CHECK(same(c, hs[0], ref));
	CHECK(same(c, hs[1], p));
	CHECK(same(c, hs[2], pcb2));
	CHECK(same(c, hs[3], pcb1));
	for (i = 0; i < 4; i++)
		closeh(c, hs[i]);
	r = op0(c, PYMM_OP_WEAKREF_CALLBACK, pcb1, 0, 0);
	CHECK(same(c, r.r0, cb));
	CHECK_EQ(r.r1, 0);
	closeh(c, r.r0);
	r = op0(c, PYMM_OP_WEAKREF_CALLBACK, p, 0, 0);
	CHECK_EQ(PYMM_HANDLE_TYPE(r.r0), PYMM_T_NONE);
	CHECK_EQ(r.r1, 1);				/* weakcallableproxy */
	closeh(c, r.r0);
	r = op0(c, PYMM_OP_WEAKREF_GET, p, 0, 0);
	CHECK(same(c, r.r0, a));
	closeh(c, r.r0);
	CHECK_EQ(op0(c, PYMM_OP_HASH, p, 0, 0).exc, PYMM_EXC_TYPE_ERROR);

	/* a bound method as a callback; a refcount death drops the callbacks */
	m = op0(c, PYMM_OP_NEW_METHOD, cb, cls, 0).r0;
	r = op0(c, PYMM_OP_NEW_WEAKREF_CB, a, m, 0);
	CHECK_EQ(r.err, 0);
	closeh(c, r.r0);
	closeh(c, m);
	r = op0(c, PYMM_OP_CLOSE, a, 0, 0);
	CHECK(r.out_flags & PYMM_OUTF_FINALIZERS);
	CHECK_EQ(fetch(c, it, 4, NULL), 2);		/* pcb2 first, as listed */
	CHECK(same(c, it[0].obj, pcb2));
	CHECK(same(c, it[1].obj, pcb1));
	for (i = 0; i < 2; i++) {
		CHECK_EQ(op0(c, PYMM_OP_FIN_DONE, it[i].obj, 0, 0).err, 0);
		closeh(c, it[i].func);
	}
	r = op0(c, PYMM_OP_WEAKREF_CALLBACK, pcb1, 0, 0);
	CHECK_EQ(PYMM_HANDLE_TYPE(r.r0), PYMM_T_NONE);
	closeh(c, r.r0);
	r = op0(c, PYMM_OP_WEAKREF_GET, p, 0, 0);
	CHECK_EQ(PYMM_HANDLE_TYPE(r.r0), PYMM_T_NONE);
	closeh(c, r.r0);
	closeh(c, p);
	closeh(c, pcb1);
	closeh(c, pcb2);
	closeh(c, ref);

	/* a set in a cycle: weakly referenced; the collector keeps the callback */
	set = op0(c, PYMM_OP_NEW_SET, 0, 0, 0).r0;
	a = new_inst(c, cls);
	CHECK_EQ(opx(c, PYMM_OP_SETATTR, 0, a, set, 0, "s", 1, 0).err, 0);
	CHECK_EQ(opx(c, PYMM_OP_SETATTR, 0, a, a, 0, "me", 2, 0).err, 0);
	r = op0(c, PYMM_OP_NEW_WEAKREF_CB, set, cb, 0);
	CHECK_EQ(r.err, 0);
	ref = r.r0;
	closeh(c, set);
	closeh(c, a);
	r = op0(c, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK(r.out_flags & PYMM_OUTF_FINALIZERS);
	CHECK_EQ(fetch(c, it, 4, NULL), 1);
	CHECK(same(c, it[0].obj, ref));
	r = op0(c, PYMM_OP_WEAKREF_CALLBACK, ref, 0, 0);
	CHECK(same(c, r.r0, cb));			/* _PyWeakref_ClearRef keeps it */
	closeh(c, r.r0);
	CHECK_EQ(op0(c, PYMM_OP_FIN_DONE, it[0].obj, 0, 0).err, 0);
	closeh(c, it[0].func);
	closeh(c, ref);
	closeh(c, lst);
	closeh(c, cb);
	closeh(c, cls);
	verify(c);
	pymm_client_release(c);
}

/* PYMM_FIN_MAX items a client: one more is skipped; all go back at release */
static void test_pending_bound(void)
{
	struct pymm_client *c = fclient(UID, "fin8"), *b = fclient(UID, "fin8");
	u64 cls = make_class(c), l, base, skipped;
	struct res r;
	u32 i;

	CHECK_EQ(op0(c, PYMM_OP_GC_DISABLE, 0, 0, 0).err, 0);
	base = heap_objects(c);
	l = new_seq(c, PYMM_OP_NEW_LIST, NULL, 0);
	for (i = 0; i <= PYMM_FIN_MAX; i++) {
		u64 a = new_inst(c, cls);

		CHECK_EQ(op0(c, PYMM_OP_APPEND, l, a, 0).err, 0);
		closeh(c, a);
	}
	skipped = c->heap->gc.fin_skipped;
	r = op0(c, PYMM_OP_CLOSE, l, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK(r.out_flags & PYMM_OUTF_FINALIZERS);
	CHECK_EQ(c->fin_count, PYMM_FIN_MAX);
	CHECK_EQ(c->heap->gc.fin_skipped - skipped, 1);
	CHECK_EQ(heap_objects(c), base + PYMM_FIN_MAX);
	verify(c);
	/* never fetched: the release hands them back, finalized, and frees them */
	pymm_client_release(c);
	CHECK(heap_objects(b) < base);	/* the class went with c's handle too */
	verify(b);
	pymm_client_release(b);
}

int main(int argc, char **argv)
{
	u64 leaks;

	unit_init(argc, argv);
	if (fin_core_init())
		return 1;
	RUN(test_code_objects);
	RUN(test_refcount_death);
	RUN(test_collect_pause_resume);
	RUN(test_client_death);
	RUN(test_wait_bounded);
	RUN(test_other_uid);
	RUN(test_weakref_callbacks);
	RUN(test_proxies);
	RUN(test_pending_bound);
	leaks = pymm_core_exit();
	CHECK_EQ(leaks, 0);
	return unit_summary();
}
