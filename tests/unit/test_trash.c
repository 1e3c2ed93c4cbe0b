// SPDX-License-Identifier: GPL-2.0
/*
 * test_trash.c - the trashcan with finalizers a client runs (object.c,
 * fin.c; docs/gc.md "The trashcan"): a deep nest's __del__s come in
 * CPython 3.11's order; what an op inside a finalizer deposits waits with
 * the client until the nest unwinds; no op walks the client's handed-out
 * finalizers (their memory is poisoned for AddressSanitizer while ops
 * run); the heap verifier counts the parked deposits; a client killed
 * while it holds them leaves the heap consistent and freed.
 */
#include "core/pymm_core.h"
#include "core/heap.h"
#include "core/platform_user.h"
#include "unit_test.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/asan_interface.h>
#endif
#endif
#ifndef ASAN_POISON_MEMORY_REGION
#define ASAN_POISON_MEMORY_REGION(p, n)		((void)(p), (void)(n))
#define ASAN_UNPOISON_MEMORY_REGION(p, n)	((void)(p), (void)(n))
#endif

static u8 buf[1 << 20];

#include "op_helpers.h"
#include "fin_helpers.h"

#define SEQ_MAX		256

struct seq {
	s64 v[SEQ_MAX];
	u32 n;
};

/* the int attribute name of obj */
static s64 attr_int(struct pymm_client *c, u64 obj, const char *name)
{
	struct res r = opx(c, PYMM_OP_GETATTR, 0, obj, 0, 0, name, strlen(name), 0);
	s64 v;

	CHECK_EQ(r.err, 0);
	v = (s64)op0(c, PYMM_OP_READ, r.r0, 0, 0).r0;
	closeh(c, r.r0);
	return v;
}

static void set_attr(struct pymm_client *c, u64 obj, const char *name, u64 val)
{
	CHECK_EQ(opx(c, PYMM_OP_SETATTR, 0, obj, val, 0, name, strlen(name), 0).err, 0);
}

/* an instance of cls whose attribute i is i */
static u64 tagged(struct pymm_client *c, u64 cls, s64 i)
{
	u64 o = new_inst(c, cls), v = new_int(c, i);

	set_attr(c, o, "i", v);
	closeh(c, v);
	return o;
}

/*
 * What pymmctl's run_finalizers() does: the newest group, item by item,
 * each "__del__" (recording self.i) then FIN_DONE, and what that FIN_DONE
 * queued, nested, before the next item.
 */
static void run_fins(struct pymm_client *c, struct seq *s)
{
	struct pymm_fin_item it[8];
	bool more = true;

	while (more) {
		u32 k, n = fetch(c, it, 8, &more);

		for (k = 0; k < n; k++) {
			struct res r;

			if (s->n < SEQ_MAX)
				s->v[s->n++] = attr_int(c, it[k].obj, "i");
			closeh(c, it[k].func);
			r = op0(c, PYMM_OP_FIN_DONE, it[k].obj, 0, 0);
			CHECK_EQ(r.err, 0);
			if (r.out_flags & PYMM_OUTF_FINALIZERS)
				run_fins(c, s);
		}
		if (!n)
			break;
	}
}

/*
 * A chain of 60 instances with __del__, each holding the next in a list,
 * a tagged instance beside it every 20, as python3 runs it:
 *
 *	head = N(0)
 *	for i in range(1, 60):
 *	    n = N(i)
 *	    n.next = [N(1000 + i), head] if i % 20 == 0 else [head]
 *	    head = n
 *	del n, head
 *
 * prints 59 ... 35, 1040, 34 ... 10, 1020, 9 ... 0: instance 34 (nesting
 * 50) and tag 1040 are deposited, and the chain is destroyed, newest
 * first, once the stack unwinds (tags are released after the deeper
 * head: a list releases its items last to first).  Before the trashcan
 * travelled with finalizers, the tags came last: ... 1 0 1020 1040.
 */
static void test_order(void)
{
	struct pymm_client *c = fclient(UID, "trash1");
	u64 cls = make_class(c), head, base;
	struct seq s = { .n = 0 };
	struct res r;
	s64 want[SEQ_MAX];
	u32 n = 0, i;

	CHECK_EQ(op0(c, PYMM_OP_GC_DISABLE, 0, 0, 0).err, 0);
	/* the names the class's shared keys will keep (make_class()) */
	new_str(c, "i");
	new_str(c, "next");
	base = heap_objects(c);
	head = tagged(c, cls, 0);
	for (i = 1; i < 60; i++) {
		u64 node = tagged(c, cls, i), items[2], l;
		u32 k = 0;

		if (i % 20 == 0)
			items[k++] = tagged(c, cls, 1000 + i);
		items[k++] = head;
		l = new_seq(c, PYMM_OP_NEW_LIST, items, k);
		close_handles(c, items, k);
		set_attr(c, node, "next", l);
		closeh(c, l);
		head = node;
	}
	r = op0(c, PYMM_OP_CLOSE, head, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK(r.out_flags & PYMM_OUTF_FINALIZERS);
	run_fins(c, &s);

	for (i = 59; i >= 35; i--)
		want[n++] = i;
	want[n++] = 1040;
	for (i = 34; i >= 10; i--)
		want[n++] = i;
	want[n++] = 1020;
	for (i = 10; i-- > 0;)
		want[n++] = i;
	CHECK_EQ(s.n, n);
	for (i = 0; i < n && i < s.n; i++)
		if (!CHECK_EQ(s.v[i], want[i]))
			break;
	CHECK(!c->trash_later);
	CHECK_EQ(c->fin_count, 0);
	CHECK_EQ(heap_objects(c), base);
	closeh(c, cls);
	verify(c);
	pymm_client_release(c);
}

/* [[...[inner]...]], depth lists deep; the handle of the outermost */
static u64 list_nest(struct pymm_client *c, u64 inner, u32 depth)
{
	u64 x = inner;

	while (depth--) {
		u64 l = new_seq(c, PYMM_OP_NEW_LIST, &x, 1);

		closeh(c, x);
		x = l;
	}
	return x;
}

/*
 * The items on c->fin_running after the first two poisoned, or the same
 * ones unpoisoned (NULL), wherever they are on it by then
 */
static void poison_running(struct pymm_client *c)
{
	static struct pymm_fin_work *first;
	struct pymm_fin_work *w, *next;

	if (c) {
		first = c->fin_running->next->next;
		for (w = first; w; w = next) {
			next = w->next;
			ASAN_POISON_MEMORY_REGION(w, sizeof(*w));
		}
		return;
	}
	for (w = first; w; w = w->next)
		ASAN_UNPOISON_MEMORY_REGION(w, sizeof(*w));
	first = NULL;
}

#define MANY	4096u

/*
 * A client holding MANY handed-out finalizers: an op inside the running
 * one (which deposits a deep nest, parked with the client), another op,
 * FIN_DONE in order, the verifier: none touches the items behind the
 * first two (poisoned).  FIN_DONE of the last one, out of order, finds
 * it, drawing from the op's budget.  The deposits wait until the last
 * finalizer is done, then go.
 */
static void test_no_walk(void)
{
	struct pymm_client *c = fclient(UID, "trash2");
	u64 cls = make_class(c), l, x, y, base, last = 0;
	static struct pymm_fin_item it[MANY];
	struct pymm_fin_work *w;
	u32 i, n = 0;
	bool more = true;

	CHECK_EQ(op0(c, PYMM_OP_GC_DISABLE, 0, 0, 0).err, 0);
	base = heap_objects(c);
	l = new_seq(c, PYMM_OP_NEW_LIST, NULL, 0);
	for (i = 0; i < MANY; i++) {
		u64 a = new_inst(c, cls);

		CHECK_EQ(op0(c, PYMM_OP_APPEND, l, a, 0).err, 0);
		closeh(c, a);
	}
	x = list_nest(c, new_seq(c, PYMM_OP_NEW_LIST, NULL, 0), 120);
	CHECK(op0(c, PYMM_OP_CLOSE, l, 0, 0).out_flags & PYMM_OUTF_FINALIZERS);
	while (more && n < MANY)
		n += fetch(c, it + n, 1024, &more);
	CHECK_EQ(n, MANY);
	CHECK_EQ(c->fin_count, MANY);

	poison_running(c);
	/* inside the running finalizer (nesting 2): 48 lists, the rest deposited */
	CHECK_EQ(op0(c, PYMM_OP_CLOSE, x, 0, 0).err, 0);
	CHECK(c->trash_later != NULL);
	y = new_int(c, 7);
	closeh(c, y);
	verify(c);
	for (i = 0; i < MANY; i++)
		closeh(c, it[i].func);
	/*
	 * the running one is done (fin_running is newest batch first:
	 * it[MANY - 1024] runs first): its deposits still wait for its
	 * siblings, which nest at level 1 as it did
	 */
	CHECK_EQ(op0(c, PYMM_OP_FIN_DONE, it[MANY - 1024].obj, 0, 0).err, 0);
	CHECK(c->trash_later != NULL);
	verify(c);
	poison_running(NULL);

	/* the last one, out of order: found at the end, every step drawn */
	for (w = c->fin_running; w; w = w->next)
		last++;
	CHECK_EQ(last, MANY - 1);
	CHECK_EQ(op0(c, PYMM_OP_FIN_DONE, it[1023].obj, 0, 0).err, 0);
	CHECK(c->heap->work.used >= MANY - 2);
	CHECK(c->trash_later != NULL);

	/* the rest in order; the last one done, the nest has unwound */
	for (i = 0; i < MANY; i++) {
		u64 o = it[(MANY - 1024 * (i / 1024 + 1)) + i % 1024].obj;

		if (o == it[MANY - 1024].obj || o == it[1023].obj)
			continue;
		CHECK_EQ(op0(c, PYMM_OP_FIN_DONE, o, 0, 0).err, 0);
	}
	CHECK_EQ(c->fin_count, 0);
	CHECK(!c->trash_later);
	CHECK_EQ(heap_objects(c), base);
	closeh(c, cls);
	verify(c);
	pymm_client_release(c);
}

/*
 * Killed while its finalizers run and deposits wait with it, some holding
 * an instance with __del__ 100 lists down: everything goes back (that
 * __del__ skipped, its object finalized and freed), the heap consistent.
 */
static void test_client_killed(void)
{
	struct pymm_client *b = fclient(UID, "trash3"), *a = fclient(UID, "trash3");
	u64 cls, acls, l, x, base, skipped;
	struct pymm_fin_item it[4];
	struct res r;
	u32 i;

	CHECK_EQ(op0(b, PYMM_OP_GC_DISABLE, 0, 0, 0).err, 0);
	/* b's class, a global a finds */
	cls = make_class(b);
	CHECK_EQ(opx(b, PYMM_OP_NAME_BIND, 0, cls, 0, 0, "A", 1, 0).err, 0);
	base = heap_objects(b);
	r = opd(a, PYMM_OP_NAME_LOOKUP, 0, "A", 1);
	CHECK_EQ(r.err, 0);
	acls = r.r0;
	l = new_seq(a, PYMM_OP_NEW_LIST, NULL, 0);
	for (i = 0; i < 3; i++) {
		u64 o = new_inst(a, acls);

		CHECK_EQ(op0(a, PYMM_OP_APPEND, l, o, 0).err, 0);
		closeh(a, o);
	}
	x = list_nest(a, new_inst(a, acls), 100);
	CHECK(op0(a, PYMM_OP_CLOSE, l, 0, 0).out_flags & PYMM_OUTF_FINALIZERS);
	CHECK_EQ(fetch(a, it, 1, NULL), 1);
	CHECK_EQ(op0(a, PYMM_OP_CLOSE, x, 0, 0).err, 0);
	CHECK(a->trash_later != NULL);
	CHECK_EQ(a->fin_count, 3);
	verify(b);
	skipped = b->heap->gc.fin_skipped;
	pymm_client_release(a);
	CHECK_EQ(b->heap->gc.fin_skipped - skipped, 1);
	CHECK_EQ(b->heap->trash_nesting, 0);
	CHECK(!b->heap->trash_later);
	CHECK_EQ(heap_objects(b), base);
	verify(b);
	CHECK_EQ(opd(b, PYMM_OP_NAME_DEL, 0, "A", 1).err, 0);
	closeh(b, cls);
	pymm_client_release(b);
}

/*
 * A weak reference to an instance the trashcan deposited, 48 lists down
 * from an op inside a running finalizer (nesting 2): while it waits with
 * the client its count is 0, so the reference gives None and has no hash
 * (3.11's PyWeakref_GET_OBJECT), never the waiting object; the verifier
 * agrees; the chain's destruction clears the reference as any death does.
 */
static void test_weakref_to_deposit(void)
{
	struct pymm_client *c = fclient(UID, "trash4");
	u64 cls = make_class(c), plain, l, a, d, wr, x, base;
	struct pymm_fin_item it[2];
	struct res r;

	CHECK_EQ(op0(c, PYMM_OP_GC_DISABLE, 0, 0, 0).err, 0);
	r = opd(c, PYMM_OP_NEW_CLASS, 0, "B", 1);
	CHECK_EQ(r.err, 0);
	plain = r.r0;
	base = heap_objects(c);
	a = new_inst(c, cls);
	l = new_seq(c, PYMM_OP_NEW_LIST, &a, 1);
	closeh(c, a);
	d = new_inst(c, plain);
	r = op0(c, PYMM_OP_NEW_WEAKREF, d, 0, 0);
	CHECK_EQ(r.err, 0);
	wr = r.r0;
	x = list_nest(c, d, 48);
	CHECK(op0(c, PYMM_OP_CLOSE, l, 0, 0).out_flags & PYMM_OUTF_FINALIZERS);
	CHECK_EQ(fetch(c, it, 2, NULL), 1);
	closeh(c, it[0].func);
	CHECK_EQ(op0(c, PYMM_OP_CLOSE, x, 0, 0).err, 0);
	CHECK(c->trash_later != NULL);

	r = op0(c, PYMM_OP_WEAKREF_GET, wr, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(op0(c, PYMM_OP_TYPE, r.r0, 0, 0).r0, PYMM_T_NONE);
	closeh(c, r.r0);
	CHECK_EQ(op0(c, PYMM_OP_HASH, wr, 0, 0).err, -EINVAL);
	verify(c);

	CHECK_EQ(op0(c, PYMM_OP_FIN_DONE, it[0].obj, 0, 0).err, 0);
	CHECK(!c->trash_later);
	r = op0(c, PYMM_OP_WEAKREF_GET, wr, 0, 0);
	CHECK_EQ(op0(c, PYMM_OP_TYPE, r.r0, 0, 0).r0, PYMM_T_NONE);
	closeh(c, r.r0);
	closeh(c, wr);
	CHECK_EQ(heap_objects(c), base);
	verify(c);
	closeh(c, plain);
	closeh(c, cls);
	pymm_client_release(c);
}

/* (A(), (... 60 tuples ...)) with the instance 5 tuples down */
static u64 tuple_nest(struct pymm_client *c, u64 cls)
{
	u64 x = new_seq(c, PYMM_OP_NEW_TUPLE, NULL, 0);
	u32 d;

	for (d = 60; d > 0; d--) {
		u64 items[2] = { x, 0 }, t;
		u32 n = 1;

		if (d == 5)
			items[n++] = new_inst(c, cls);
		t = new_seq(c, PYMM_OP_NEW_TUPLE, items, n);
		close_handles(c, items, n);
		x = t;
	}
	return x;
}

/*
 * One op that ends two nests (set.clear() releases its members one by
 * one, at level 0), each deep enough to deposit and holding a __del__
 * 5 levels down: each nest's deposits wait with the client when it ends,
 * the second on top of the first; all are destroyed once both finalizers
 * are done.
 */
static void test_two_nests_one_op(void)
{
	struct pymm_client *c = fclient(UID, "trash5");
	u64 cls = make_class(c), set, nests[2], base;
	struct pymm_fin_item it[4];
	struct res r;
	u32 k;

	CHECK_EQ(op0(c, PYMM_OP_GC_DISABLE, 0, 0, 0).err, 0);
	base = heap_objects(c);
	nests[0] = tuple_nest(c, cls);
	nests[1] = tuple_nest(c, cls);
	r = opx(c, PYMM_OP_NEW_SET, 0, 0, 0, 0, nests, sizeof(nests), 0);
	CHECK_EQ(r.err, 0);
	set = r.r0;
	close_handles(c, nests, 2);
	r = op0(c, PYMM_OP_SET_CLEAR, set, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK(r.out_flags & PYMM_OUTF_FINALIZERS);
	CHECK(c->trash_later != NULL);
	verify(c);
	CHECK_EQ(fetch(c, it, 4, NULL), 2);
	for (k = 0; k < 2; k++) {
		closeh(c, it[k].func);
		CHECK_EQ(op0(c, PYMM_OP_FIN_DONE, it[k].obj, 0, 0).err, 0);
	}
	CHECK(!c->trash_later);
	closeh(c, set);
	CHECK_EQ(heap_objects(c), base);
	verify(c);
	closeh(c, cls);
	pymm_client_release(c);
}

int main(int argc, char **argv)
{
	unit_init(argc, argv);
	if (fin_core_init())
		return 1;
	RUN(test_order);
	RUN(test_no_walk);
	RUN(test_client_killed);
	RUN(test_weakref_to_deposit);
	RUN(test_two_nests_one_op);
	CHECK_EQ(pymm_core_exit(), 0);
	return unit_summary();
}
