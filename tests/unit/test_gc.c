// SPDX-License-Identifier: GPL-2.0
/*
 * test_gc.c - the cycle collector through pymm_op_exec(), as a client sees
 * it, plus a look at the heap's internals where a client cannot see.
 *
 * Every test works on a fresh heap, starts from a collected heap and
 * measures h->nobjects before and after, so "collected" means "freed"
 * and "kept" means "still there, and still usable" (ASan watches every
 * access).  The 1,000,000-object ring and chain run on a thread with a
 * 64 KiB stack: any recursion over them would overflow it.
 *
 * UNIT_QUICK=1 (unit-valgrind) shrinks the big structures by 10.
 */
#include "core/heap.h"
#include "unit_test.h"

#include <pthread.h>
#include <stdlib.h>

static struct pymm_client *C;
static struct pymm_heap *H;
static unsigned int quick = 1;
static int heap_serial;

/* -------------------------------------------------------------- ops */

static struct pymm_op last;

static int opx(u32 code, u64 a0, u64 a1, u64 a2, void *buf, u32 len)
{
	memset(&last, 0, sizeof(last));
	last.code = code;
	last.arg[0] = a0;
	last.arg[1] = a1;
	last.arg[2] = a2;
	last.data_len = len;
	return pymm_op_exec(C, &last, buf, len);
}

static int op0(u32 code)
{
	return opx(code, 0, 0, 0, NULL, 0);
}

static int op1(u32 code, u64 a0)
{
	return opx(code, a0, 0, 0, NULL, 0);
}

static int ops(u32 code, const char *s, u64 a0, u64 a1)
{
	return opx(code, a0, a1, 0, (void *)s, (u32)strlen(s));
}

/* a fresh heap, attached */
static void fresh_heap(void)
{
	char name[32];

	if (C) {
		struct pymm_heap *old = C->heap;

		pymm_client_release(C);
		C = pymm_client_new(0, true);
		if (old) {
			snprintf(name, sizeof(name), "%s", old->name);
			CHECK_EQ(ops(PYMM_OP_HEAP_DESTROY, name, 0, 0), 0);
		}
	} else {
		C = pymm_client_new(0, true);
	}
	snprintf(name, sizeof(name), "gc%d", heap_serial++);
	CHECK_EQ(ops(PYMM_OP_HEAP_CREATE, name, 0, 0), 0);
	CHECK_EQ(ops(PYMM_OP_HEAP_ATTACH, name, 0, 0), 0);
	H = C->heap;
	CHECK_EQ(op1(PYMM_OP_GC_COLLECT, 2), 0);
}

static u64 new_list(void)
{
	CHECK_EQ(opx(PYMM_OP_NEW_LIST, 0, 0, 0, NULL, 0), 0);
	return last.ret[0];
}

static u64 new_dict(void)
{
	CHECK_EQ(opx(PYMM_OP_NEW_DICT, 0, 0, 0, NULL, 0), 0);
	return last.ret[0];
}

static u64 new_int(s64 v)
{
	CHECK_EQ(op1(PYMM_OP_NEW_INT, (u64)v), 0);
	return last.ret[0];
}

static u64 new_str(const char *s)
{
	CHECK_EQ(ops(PYMM_OP_NEW_STR, s, 0, 0), 0);
	return last.ret[0];
}

/* class with an optional finalizer text */
static u64 new_class(const char *name, const char *fin)
{
	char buf[128];
	size_t n = strlen(name) + 1;

	memcpy(buf, name, n);
	if (fin) {
		memcpy(buf + n, fin, strlen(fin));
		n += strlen(fin);
	}
	CHECK_EQ(opx(PYMM_OP_NEW_CLASS, 0, 0, 0, buf, (u32)n), 0);
	return last.ret[0];
}

static u64 new_inst(u64 cls)
{
	CHECK_EQ(op1(PYMM_OP_NEW_INSTANCE, cls), 0);
	return last.ret[0];
}

/* buf is the host's copy, which the core may reuse: pass a scratch copy */
static u64 new_tuple(const u64 *items, u32 n)
{
	u64 tmp[16];

	if (n)
		memcpy(tmp, items, n * 8);
	CHECK_EQ(opx(PYMM_OP_NEW_TUPLE, 0, 0, 0, tmp, n * 8), 0);
	return last.ret[0];
}

static void append(u64 l, u64 v)
{
	CHECK_EQ(opx(PYMM_OP_APPEND, l, v, 0, NULL, 0), 0);
}

static void setattr(u64 o, const char *name, u64 v)
{
	CHECK_EQ(ops(PYMM_OP_SETATTR, name, o, v), 0);
}

static void setitem(u64 d, u64 k, u64 v)
{
	CHECK_EQ(opx(PYMM_OP_SETITEM, d, k, v, NULL, 0), 0);
}

static void hclose(u64 hd)
{
	CHECK_EQ(op1(PYMM_OP_CLOSE, hd), 0);
}

static u64 collect(int gen)
{
	CHECK_EQ(op1(PYMM_OP_GC_COLLECT, (u64)gen), 0);
	return last.ret[0];
}

static void get_count(u64 out[3])
{
	CHECK_EQ(opx(PYMM_OP_GC_GET_COUNT, 0, 0, 0, out, 24), 0);
}

/* live objects but the static strings and bytes (kept by the heap once made) */
static u64 nobjects(void)
{
	u64 n = H->nobjects;
	int i;

	for (i = 0; i < PYMM_NSTATICS; i++)
		n -= !!H->statics[i];
	return n;
}

/* finalizer output queued for C, as a string (consumed) */
static char outbuf[4096];

static const char *read_output(void)
{
	memset(outbuf, 0, sizeof(outbuf));
	CHECK_EQ(opx(PYMM_OP_READ_OUTPUT, 0, 0, 0, outbuf, sizeof(outbuf) - 1), 0);
	outbuf[last.data_len] = 0;
	return outbuf;
}

static struct pymm_object *obj_of(u64 hd)
{
	struct pymm_object *o = NULL;

	CHECK_EQ(pymm_handle_get(C, hd, &o), 0);
	return o;
}

/* ----------------------------------------------------------- cycles */

static void test_self_cycles(void)
{
	u64 base, l, d, k;

	fresh_heap();
	base = nobjects();

	l = new_list();
	append(l, l);
	hclose(l);
	CHECK_EQ(nobjects(), base + 1);
	CHECK_EQ(collect(2), 1);
	CHECK_EQ(nobjects(), base);

	d = new_dict();
	k = new_str("x");
	setitem(d, k, d);
	hclose(d);
	hclose(k);
	CHECK_EQ(collect(2), 1);
	CHECK_EQ(nobjects(), base);

	/* nothing left: a second collection finds nothing */
	CHECK_EQ(collect(2), 0);
}

static void test_list_tuple_cycle(void)
{
	u64 base, l, t;

	fresh_heap();
	base = nobjects();
	l = new_list();
	t = new_tuple(&l, 1);
	append(l, t);
	hclose(l);
	hclose(t);
	CHECK_EQ(nobjects(), base + 2);
	CHECK_EQ(collect(2), 2);	/* python3: l = []; t = (l,); l.append(t) -> 2 */
	CHECK_EQ(nobjects(), base);
}

/* c = C(); c2 = C(); c.o = c2; c2.o = c -> 2 in CPython 3.11 (inline attrs) */
static void test_instance_cycle(void)
{
	u64 base, cls, a, b, x;

	fresh_heap();
	cls = new_class("C", NULL);
	base = nobjects();
	a = new_inst(cls);
	b = new_inst(cls);
	setattr(a, "o", b);
	setattr(b, "o", a);
	hclose(a);
	hclose(b);
	CHECK(nobjects() > base);
	CHECK_EQ(collect(2), 2);
	/* the name "o" stays in C's shared keys (ht_cached_keys), as in 3.11;
	 * a one-character name is static (the heap's, not counted here) */
	CHECK_EQ(nobjects(), base);

	/* self loop: 1 */
	x = new_inst(cls);
	setattr(x, "me", x);
	hclose(x);
	CHECK_EQ(collect(2), 1);
	CHECK_EQ(nobjects(), base + 1);	/* the name "me" */
	hclose(cls);
}

/* kept: a cycle held by a handle, by a global, by a frame's locals */
static void test_reachable_kept(void)
{
	u64 base, l, inner, g, fr;

	fresh_heap();
	base = nobjects();

	l = new_list();
	inner = new_list();
	append(l, inner);
	append(inner, l);
	hclose(inner);
	CHECK_EQ(collect(2), 0);
	CHECK_EQ(nobjects(), base + 2);
	/* still usable: the inner list is l[0] */
	CHECK_EQ(op1(PYMM_OP_LEN, l), 0);
	CHECK_EQ(last.ret[0], 1);

	/* bound to a global, handle closed */
	CHECK_EQ(ops(PYMM_OP_NAME_BIND, "g", l, 0), 0);
	hclose(l);
	CHECK_EQ(collect(2), 0);
	CHECK_EQ(nobjects(), base + 2);	/* the name "g" is static */
	CHECK_EQ(ops(PYMM_OP_NAME_LOOKUP, "g", 0, 0), 0);
	g = last.ret[0];
	CHECK_EQ(op1(PYMM_OP_LEN, g), 0);
	CHECK_EQ(last.ret[0], 1);
	hclose(g);
	CHECK_EQ(ops(PYMM_OP_NAME_DEL, "g", 0, 0), 0);
	CHECK_EQ(collect(2), 2);

	/* in a live frame */
	base = nobjects();
	CHECK_EQ(ops(PYMM_OP_FRAME_PUSH, "f", 0, 0), 0);
	fr = nobjects();
	l = new_list();
	append(l, l);
	memset(&last, 0, sizeof(last));
	last.code = PYMM_OP_NAME_BIND;
	last.flags = PYMM_OPF_LOCAL;
	last.arg[0] = l;
	last.data_len = 1;
	CHECK_EQ(pymm_op_exec(C, &last, "x", 1), 0);
	hclose(l);
	CHECK_EQ(collect(2), 0);
	CHECK_EQ(nobjects(), fr + 1);	/* the list ("x" is static) */
	CHECK_EQ(op0(PYMM_OP_FRAME_POP), 0);
	CHECK_EQ(collect(2), 1);
	CHECK(nobjects() <= base);
}

/* a dead container referencing a live one must not take it down */
static void test_garbage_points_to_live(void)
{
	u64 base, live, dead;

	fresh_heap();
	base = nobjects();
	live = new_list();
	dead = new_list();
	append(dead, dead);
	append(dead, live);
	hclose(dead);
	CHECK_EQ(collect(2), 1);
	CHECK_EQ(nobjects(), base + 1);
	CHECK_EQ(obj_of(live)->refcnt, 1);
	append(live, live);	/* still a valid list */
	hclose(live);
	CHECK_EQ(collect(2), 1);
	CHECK_EQ(nobjects(), base);
}

/* ------------------------------------------------------ scheduling */

static void test_count_trickle(void)
{
	u64 c[3], x;

	fresh_heap();
	x = new_list();
	get_count(c);
	CHECK_EQ(c[1], 0);
	CHECK_EQ(c[2], 0);
	CHECK(c[0] >= 1);
	collect(0);
	get_count(c);
	CHECK_EQ(c[0], 0);
	CHECK_EQ(c[1], 1);
	CHECK_EQ(c[2], 0);
	collect(1);
	get_count(c);
	CHECK_EQ(c[1], 0);
	CHECK_EQ(c[2], 1);
	collect(2);
	get_count(c);
	CHECK_EQ(c[1], 0);
	CHECK_EQ(c[2], 0);
	/*
	 * gen-0 count: allocations minus frees of containers, as 3.11 counts
	 * them: x goes to the list free list and the first new list is x's
	 * block again, neither counted (freelist.h); the second is malloc'ed.
	 */
	hclose(x);
	get_count(c);
	CHECK_EQ(c[0], 0);
	new_list();
	new_list();
	get_count(c);
	CHECK_EQ(c[0], 1);
}

static void test_threshold_triggers(void)
{
	struct pymm_gc_gen_stats st[3];
	u64 c[3], l, base;
	int i;

	fresh_heap();
	CHECK_EQ(opx(PYMM_OP_GC_SET_THRESHOLD, 5, 10, 10, NULL, 0), 0);
	collect(2);
	CHECK_EQ(opx(PYMM_OP_GC_GET_STATS, 0, 0, 0, st, sizeof(st)), 0);
	CHECK_EQ(st[0].collections, 0);
	base = nobjects();

	/* a cycle, left for the automatic collection */
	l = new_list();
	append(l, l);
	hclose(l);
	get_count(c);
	CHECK_EQ(c[0], 1);
	for (i = 0; i < 4; i++)
		new_list();
	get_count(c);
	CHECK_EQ(c[0], 5);	/* 5 > 5 is false: no collection yet */
	CHECK_EQ(H->gc.stats[0].collections, 0);
	new_list();		/* 6 > 5: collected at the end of this op */
	get_count(c);
	CHECK_EQ(c[0], 0);
	CHECK_EQ(c[1], 1);
	CHECK_EQ(H->gc.stats[0].collections, 1);
	CHECK_EQ(H->gc.stats[0].collected, 1);
	CHECK_EQ(nobjects(), base + 5);

	/* disabled: no automatic collection, explicit still works */
	CHECK_EQ(op0(PYMM_OP_GC_DISABLE), 0);
	CHECK_EQ(op0(PYMM_OP_GC_ISENABLED), 0);
	CHECK_EQ(last.ret[0], 0);
	for (i = 0; i < 10; i++)
		new_list();
	get_count(c);
	CHECK_EQ(c[0], 9);	/* the first: the collected cycle's block (free list) */
	CHECK_EQ(H->gc.stats[0].collections, 1);
	/* the safe point at the end of ENABLE itself collects */
	CHECK_EQ(op0(PYMM_OP_GC_ENABLE), 0);
	get_count(c);
	CHECK_EQ(c[0], 0);
	CHECK_EQ(H->gc.stats[0].collections, 2);

	/* threshold 0 disables automatic collection, as CPython */
	CHECK_EQ(opx(PYMM_OP_GC_SET_THRESHOLD, 0, 10, 10, NULL, 0), 0);
	for (i = 0; i < 20; i++)
		new_list();
	CHECK_EQ(H->gc.stats[0].collections, 2);

	CHECK_EQ(opx(PYMM_OP_GC_GET_THRESHOLD, 0, 0, 0, c, 24), 0);
	CHECK_EQ(c[0], 0);
	CHECK_EQ(c[1], 10);
	CHECK_EQ(opx(PYMM_OP_GC_SET_THRESHOLD, 1ULL << 31, 10, 10, NULL, 0), -EINVAL);
	CHECK_EQ(opx(PYMM_OP_GC_SET_THRESHOLD, 700, (u64)-1, 10, NULL, 0), -EINVAL);
	CHECK_EQ(opx(PYMM_OP_GC_GET_THRESHOLD, 0, 0, 0, c, 24), 0);
	CHECK_EQ(c[0], 0);
	CHECK_EQ(op1(PYMM_OP_GC_COLLECT, 3), -EINVAL);
	CHECK_EQ(op1(PYMM_OP_GC_COLLECT, (u64)-1), -EINVAL);
	/* too small a buffer: the size needed */
	CHECK_EQ(opx(PYMM_OP_GC_GET_COUNT, 0, 0, 0, c, 16), -ENOSPC);
	CHECK(last.out_flags & PYMM_OUTF_TRUNC);
	CHECK_EQ(last.data_len, 24);
}

/* oldest generation over its threshold; gen 2 guarded by the 25% rule */
static void test_generation_choice(void)
{
	fresh_heap();
	memset(H->gc.stats, 0, sizeof(H->gc.stats));
	pymm_mutex_lock(&H->lock);
	H->gc.count[0] = 701;
	H->gc.count[1] = 11;
	H->gc.count[2] = 11;
	H->gc.long_lived_total = 100;
	H->gc.long_lived_pending = 24;
	pymm_gc_maybe_collect(H);
	CHECK_EQ(H->gc.stats[2].collections, 0);
	CHECK_EQ(H->gc.stats[1].collections, 1);
	CHECK_EQ(H->gc.count[2], 12);
	CHECK_EQ(H->gc.count[1], 0);
	CHECK_EQ(H->gc.count[0], 0);

	H->gc.count[0] = 701;
	H->gc.count[1] = 11;
	H->gc.long_lived_pending = 25;
	pymm_gc_maybe_collect(H);
	CHECK_EQ(H->gc.stats[2].collections, 1);
	CHECK_EQ(H->gc.count[2], 0);
	CHECK_EQ(H->gc.long_lived_pending, 0);
	CHECK_EQ(H->gc.long_lived_total, H->gc.objects[2]);

	/* only gen 0 over: a gen-0 collection */
	H->gc.count[0] = 701;
	pymm_gc_maybe_collect(H);
	CHECK_EQ(H->gc.stats[0].collections, 1);
	CHECK_EQ(H->gc.count[1], 1);
	/* at the threshold is not over it */
	H->gc.count[0] = 700;
	pymm_gc_maybe_collect(H);
	CHECK_EQ(H->gc.stats[0].collections, 1);
	pymm_mutex_unlock(&H->lock);
}

static u8 gen_of(u64 hd)
{
	return pymm_gc_code(PYMM_GC_HEAD(obj_of(hd)));
}

static void test_promotion(void)
{
	u64 l, n, c[3], objs[8];
	u64 before0;

	fresh_heap();
	l = new_list();
	CHECK_EQ(gen_of(l), 0);
	collect(0);
	CHECK_EQ(gen_of(l), 1);
	CHECK_EQ(H->gc.long_lived_pending, 0);
	collect(1);
	CHECK_EQ(gen_of(l), 2);
	CHECK(H->gc.long_lived_pending >= 1);
	collect(2);
	CHECK_EQ(gen_of(l), 2);
	/* collecting gen 1 merges gen 0 too */
	n = new_list();
	collect(1);
	CHECK_EQ(gen_of(n), 2);
	/* objects per generation agree with get_objects */
	before0 = H->gc.objects[0];
	CHECK_EQ(before0, 0);
	new_list();
	CHECK_EQ(opx(PYMM_OP_GC_GET_OBJECTS, 0, 0, 0, objs, sizeof(objs)), 0);
	CHECK_EQ(last.ret[0], 1);
	CHECK_EQ(obj_of(objs[0])->type, PYMM_T_LIST);
	hclose(objs[0]);
	CHECK_EQ(opx(PYMM_OP_GC_GET_OBJECTS, 1, 0, 0, objs, sizeof(objs)), 0);
	CHECK_EQ(last.ret[0], 0);
	CHECK_EQ(opx(PYMM_OP_GC_GET_OBJECTS, 3, 0, 0, objs, sizeof(objs)), -EINVAL);
	CHECK_EQ(opx(PYMM_OP_GC_GET_OBJECTS, (u64)-2, 0, 0, objs, sizeof(objs)), -EINVAL);
	/* all generations: too many for 8 slots -> size needed */
	CHECK_EQ(opx(PYMM_OP_GC_GET_OBJECTS, (u64)-1, 0, 0, objs, 8), -ENOSPC);
	CHECK_EQ(last.data_len, 8 * (H->gc.objects[0] + H->gc.objects[1] + H->gc.objects[2]));
	get_count(c);
}

static void test_freeze(void)
{
	u64 l, base;

	fresh_heap();
	base = nobjects();
	l = new_list();
	append(l, l);
	hclose(l);
	CHECK_EQ(op0(PYMM_OP_GC_FREEZE), 0);
	CHECK_EQ(op0(PYMM_OP_GC_GET_FREEZE_COUNT), 0);
	CHECK(last.ret[0] >= 1);
	CHECK_EQ(last.ret[0], H->gc.objects[3]);
	CHECK_EQ(H->gc.objects[0] + H->gc.objects[1] + H->gc.objects[2], 0);
	CHECK_EQ(collect(2), 0);
	CHECK_EQ(nobjects(), base + 1);
	CHECK_EQ(op0(PYMM_OP_GC_UNFREEZE), 0);
	CHECK_EQ(op0(PYMM_OP_GC_GET_FREEZE_COUNT), 0);
	CHECK_EQ(last.ret[0], 0);
	CHECK_EQ(collect(2), 1);
	CHECK_EQ(nobjects(), base);
}

/* ------------------------------------------------ finalizers, weakrefs */

static void test_finalizer_once(void)
{
	u64 cls, cls2, a, b, base;

	fresh_heap();
	cls = new_class("D", "del D");
	cls2 = new_class("E", "del E");
	read_output();
	base = nobjects();
	a = new_inst(cls);
	b = new_inst(cls2);
	setattr(a, "o", b);
	setattr(b, "o", a);
	hclose(a);
	hclose(b);
	CHECK_EQ(collect(2), 2);
	/* list order: a was allocated first */
	CHECK(!strcmp(read_output(), "del D\ndel E\n"));
	CHECK_EQ(nobjects(), base);	/* "o" (static) in the classes' shared keys */
	CHECK_EQ(collect(2), 0);
	CHECK(!strcmp(read_output(), ""));
	hclose(cls);
	hclose(cls2);
}

/* resurrection from C: the hook stores the object in a live list */
static struct pymm_object *resurrect_into;
static int hook_calls;
static bool hook_saw_weakref_cleared;
static struct pymm_object *hook_weakref;

static void resurrect_hook(struct pymm_heap *h, struct pymm_object *o)
{
	hook_calls++;
	if (hook_weakref)
		hook_saw_weakref_cleared = pymm_weakref_referent(hook_weakref) == NULL;
	if (resurrect_into)
		CHECK_EQ(pymm_list_append(h, resurrect_into, o), 0);
}

static void test_resurrection(void)
{
	u64 cls, plain, a, b, keep, base, wr, r;

	fresh_heap();
	cls = new_class("R", "del R");
	plain = new_class("P", NULL);
	keep = new_list();
	read_output();
	base = nobjects();

	/* a (finalizer) <-> b (none); a weakref to b */
	a = new_inst(cls);
	b = new_inst(plain);
	setattr(a, "o", b);
	setattr(b, "o", a);
	CHECK_EQ(op1(PYMM_OP_NEW_WEAKREF, b), 0);
	wr = last.ret[0];
	hclose(a);
	hclose(b);

	resurrect_into = obj_of(keep);
	hook_weakref = obj_of(wr);
	hook_calls = 0;
	hook_saw_weakref_cleared = false;
	pymm_gc_finalize_hook = resurrect_hook;
	CHECK_EQ(collect(2), 0);	/* everything came back: nothing collected */
	pymm_gc_finalize_hook = NULL;
	resurrect_into = NULL;
	hook_weakref = NULL;
	CHECK_EQ(hook_calls, 1);
	CHECK(hook_saw_weakref_cleared);	/* cleared before finalizers ran */
	CHECK(!strcmp(read_output(), "del R\n"));
	/* the whole subgraph survived, in the old generation */
	CHECK_EQ(op1(PYMM_OP_LEN, keep), 0);
	CHECK_EQ(last.ret[0], 1);
	CHECK_EQ(H->gc.objects[2] >= 4, 1);
	/* weakref stays cleared (CPython clears before finalizers too) */
	CHECK_EQ(op1(PYMM_OP_WEAKREF_GET, wr), 0);
	r = last.ret[0];
	CHECK_EQ(obj_of(r)->type, PYMM_T_NONE);
	hclose(r);

	/* is_finalized: true for the resurrected a */
	CHECK_EQ(opx(PYMM_OP_GETITEM, keep, new_int(0), 0, NULL, 0), 0);
	a = last.ret[0];
	CHECK_EQ(op1(PYMM_OP_GC_IS_FINALIZED, a), 0);
	CHECK_EQ(last.ret[0], 1);
	hclose(a);

	/* drop it again: collected now, the finalizer does not run twice */
	CHECK_EQ(opx(PYMM_OP_POP, keep, (u64)-1, 0, NULL, 0), 0);
	hclose(last.ret[0]);
	CHECK_EQ(collect(2), 2);
	CHECK(!strcmp(read_output(), ""));
	hclose(wr);
	hclose(keep);
	collect(2);
	/* keep is gone too; the attribute name (static) in R's shared keys */
	CHECK_EQ(nobjects(), base - 1);
	hclose(cls);
	hclose(plain);
}

static void test_weakref_cleared(void)
{
	u64 cls, a, wr, r, base;

	fresh_heap();
	cls = new_class("W", NULL);
	base = nobjects();
	a = new_inst(cls);
	setattr(a, "me", a);
	CHECK_EQ(op1(PYMM_OP_NEW_WEAKREF, a), 0);
	wr = last.ret[0];
	CHECK_EQ(op1(PYMM_OP_WEAKREF_GET, wr), 0);
	r = last.ret[0];
	CHECK_EQ(obj_of(r)->type, PYMM_T_INSTANCE);
	hclose(r);
	hclose(a);
	CHECK_EQ(collect(2), 1);
	CHECK_EQ(op1(PYMM_OP_WEAKREF_GET, wr), 0);
	r = last.ret[0];
	CHECK_EQ(obj_of(r)->type, PYMM_T_NONE);
	hclose(r);
	hclose(wr);
	CHECK_EQ(nobjects(), base + 1);	/* "me", in W's shared keys */
	hclose(cls);
}

/* -------------------------------------------------------- the controls */

static void test_introspection(void)
{
	u64 a, b, d, k, one, t, t2, e, out[16];
	struct pymm_gc_gen_stats st[3];
	u32 i;
	bool found;

	fresh_heap();
	a = new_list();
	b = new_list();
	append(a, b);
	one = new_int(1);
	append(a, one);

	/* referents of a: 1 and b, last to first as list_traverse */
	CHECK_EQ(opx(PYMM_OP_GC_GET_REFERENTS, a, 0, 0, out, sizeof(out)), 0);
	CHECK_EQ(last.ret[0], 2);
	CHECK(obj_of(out[0]) == obj_of(one));
	CHECK(obj_of(out[1]) == obj_of(b));
	hclose(out[0]);
	hclose(out[1]);
	/* referrers of b: a */
	CHECK_EQ(opx(PYMM_OP_GC_GET_REFERRERS, b, 0, 0, out, sizeof(out)), 0);
	CHECK_EQ(last.ret[0], 1);
	CHECK(obj_of(out[0]) == obj_of(a));
	hclose(out[0]);
	/* referents of an int: none */
	CHECK_EQ(opx(PYMM_OP_GC_GET_REFERENTS, one, 0, 0, out, sizeof(out)), 0);
	CHECK_EQ(last.ret[0], 0);
	CHECK_EQ(opx(PYMM_OP_GC_GET_REFERENTS, 12345, 0, 0, out, sizeof(out)), -EBADF);

	/* is_tracked as CPython 3.11 answers */
	CHECK_EQ(op1(PYMM_OP_GC_IS_TRACKED, a), 0);
	CHECK_EQ(last.ret[0], 1);
	CHECK_EQ(op1(PYMM_OP_GC_IS_TRACKED, one), 0);
	CHECK_EQ(last.ret[0], 0);
	d = new_dict();
	CHECK_EQ(op1(PYMM_OP_GC_IS_TRACKED, d), 0);
	CHECK_EQ(last.ret[0], 0);		/* {} */
	k = new_str("k");
	setitem(d, k, one);
	CHECK_EQ(op1(PYMM_OP_GC_IS_TRACKED, d), 0);
	CHECK_EQ(last.ret[0], 0);		/* {"k": 1} */
	setitem(d, k, b);
	CHECK_EQ(op1(PYMM_OP_GC_IS_TRACKED, d), 0);
	CHECK_EQ(last.ret[0], 1);		/* {"k": []} */
	e = new_tuple(NULL, 0);
	CHECK_EQ(op1(PYMM_OP_GC_IS_TRACKED, e), 0);
	CHECK_EQ(last.ret[0], 0);		/* () */
	t = new_tuple(&one, 1);
	CHECK_EQ(op1(PYMM_OP_GC_IS_TRACKED, t), 0);
	CHECK_EQ(last.ret[0], 1);		/* (1,): tracked until a collection */
	t2 = new_tuple(&b, 1);
	CHECK_EQ(op1(PYMM_OP_GC_IS_TRACKED, t2), 0);
	CHECK_EQ(last.ret[0], 1);		/* ([],) */
	collect(0);
	CHECK_EQ(op1(PYMM_OP_GC_IS_TRACKED, t), 0);
	CHECK_EQ(last.ret[0], 0);		/* untrack_tuples */
	CHECK_EQ(op1(PYMM_OP_GC_IS_TRACKED, t2), 0);
	CHECK_EQ(last.ret[0], 1);
	/* a dict that held a container stays tracked until a full collection */
	setitem(d, k, one);
	collect(1);
	CHECK_EQ(op1(PYMM_OP_GC_IS_TRACKED, d), 0);
	CHECK_EQ(last.ret[0], 1);
	collect(2);
	CHECK_EQ(op1(PYMM_OP_GC_IS_TRACKED, d), 0);
	CHECK_EQ(last.ret[0], 0);		/* untrack_dicts */
	setitem(d, k, b);
	CHECK_EQ(op1(PYMM_OP_GC_IS_TRACKED, d), 0);
	CHECK_EQ(last.ret[0], 1);		/* MAINTAIN_TRACKING */
	/* the collector's own view is PYMM_OP_TYPE's flag */
	CHECK_EQ(op1(PYMM_OP_TYPE, d), 0);
	CHECK(last.ret[1] & PYMM_TYPEF_GC_TRACKED);

	/* get_objects(-1) finds a */
	CHECK_EQ(op0(PYMM_OP_GC_GET_FREEZE_COUNT), 0);
	{
		u64 n = H->gc.objects[0] + H->gc.objects[1] + H->gc.objects[2];
		u64 *all = calloc(n, 8);

		CHECK_EQ(opx(PYMM_OP_GC_GET_OBJECTS, (u64)-1, 0, 0, all, (u32)(n * 8)), 0);
		CHECK_EQ(last.ret[0], n);
		found = false;
		for (i = 0; i < n; i++) {
			found |= obj_of(all[i]) == obj_of(a);
			hclose(all[i]);
		}
		CHECK(found);
		free(all);
	}

	/* debug flags */
	CHECK_EQ(op1(PYMM_OP_GC_SET_DEBUG, 1u << 3), -EINVAL);
	CHECK_EQ(op1(PYMM_OP_GC_SET_DEBUG, PYMM_GC_DEBUG_STATS), 0);
	CHECK_EQ(op0(PYMM_OP_GC_GET_DEBUG), 0);
	CHECK_EQ(last.ret[0], PYMM_GC_DEBUG_STATS);
	{
		u64 logs = pymm_user_log_count();

		pymm_user_set_log_level(PYMM_LOG_WARN);
		collect(1);
		pymm_user_set_log_level(PYMM_LOG_NOTICE);
		CHECK_EQ(pymm_user_log_count() - logs, 4);
	}
	CHECK_EQ(op1(PYMM_OP_GC_SET_DEBUG, 0), 0);

	CHECK_EQ(opx(PYMM_OP_GC_GET_STATS, 0, 0, 0, st, sizeof(st)), 0);
	CHECK_EQ(last.data_len, sizeof(st));
	CHECK(st[1].collections >= 1);
	CHECK_EQ(st[0].threshold, 700);
	CHECK_EQ(st[2].objects, H->gc.objects[2]);
	CHECK(st[1].pause_max_ns >= st[1].pause_last_ns);
	CHECK(st[1].pause_total_ns >= st[1].pause_max_ns);
}

static void test_saveall(void)
{
	u64 l, base, out[4], g, g2;

	fresh_heap();
	CHECK_EQ(opx(PYMM_OP_GC_GARBAGE, 0, 0, 0, out, sizeof(out)), 0);
	CHECK_EQ(last.ret[0], 0);
	CHECK_EQ(op1(PYMM_OP_GC_SET_DEBUG, PYMM_GC_DEBUG_SAVEALL), 0);
	base = nobjects();
	l = new_list();
	append(l, l);
	hclose(l);
	CHECK_EQ(collect(2), 1);
	CHECK_EQ(nobjects(), base + 1);	/* kept in gc.garbage */
	CHECK_EQ(opx(PYMM_OP_GC_GARBAGE, 0, 0, 0, out, sizeof(out)), 0);
	CHECK_EQ(last.ret[0], 1);
	CHECK_EQ(obj_of(out[0])->type, PYMM_T_LIST);
	CHECK_EQ(obj_of(out[0])->refcnt, 3);	/* itself, gc.garbage, our handle */
	hclose(out[0]);
	/* still garbage in gc.garbage: the next collection finds it reachable */
	CHECK_EQ(collect(2), 0);
	CHECK_EQ(op1(PYMM_OP_GC_SET_DEBUG, 0), 0);

	/* gc.garbage itself: one list, CPython's two references plus ours */
	CHECK_EQ(op0(PYMM_OP_GC_GARBAGE_LIST), 0);
	g = last.ret[0];
	CHECK_EQ(op0(PYMM_OP_GC_GARBAGE_LIST), 0);
	g2 = last.ret[0];
	CHECK(obj_of(g) == obj_of(g2));
	CHECK(obj_of(g) == H->gc.garbage);
	CHECK_EQ(obj_of(g)->refcnt, PYMM_GC_GARBAGE_REFS + 2);
	CHECK_EQ(op0(PYMM_OP_HEAP_VERIFY), 0);
	hclose(g2);
	/* emptied by the script: the collector finds the cycle again */
	CHECK_EQ(op1(PYMM_OP_GC_SET_DEBUG, PYMM_GC_DEBUG_SAVEALL), 0);
	CHECK_EQ(opx(PYMM_OP_POP, g, (u64)-1, 0, NULL, 0), 0);
	hclose(last.ret[0]);
	CHECK_EQ(opx(PYMM_OP_LEN, g, 0, 0, NULL, 0), 0);
	CHECK_EQ(last.ret[0], 0);
	CHECK_EQ(collect(2), 1);
	CHECK_EQ(opx(PYMM_OP_LEN, g, 0, 0, NULL, 0), 0);
	CHECK_EQ(last.ret[0], 1);
	hclose(g);
	/* the heap is destroyed with gc.garbage populated: no leak (ASan) */
}

/* gc.garbage made by reading it: generation 0's count does not move */
static void test_garbage_list(void)
{
	u64 c0, counts[3], g;

	fresh_heap();
	CHECK_EQ(opx(PYMM_OP_GC_GET_COUNT, 0, 0, 0, counts, sizeof(counts)), 0);
	c0 = counts[0];
	CHECK(!H->gc.garbage);
	CHECK_EQ(op0(PYMM_OP_GC_GARBAGE_LIST), 0);
	g = last.ret[0];
	CHECK_EQ(opx(PYMM_OP_GC_GET_COUNT, 0, 0, 0, counts, sizeof(counts)), 0);
	CHECK_EQ(counts[0], c0);
	CHECK_EQ(op1(PYMM_OP_GC_IS_TRACKED, g), 0);
	CHECK_EQ(last.ret[0], 1);
	hclose(g);
	CHECK_EQ(H->gc.garbage->refcnt, PYMM_GC_GARBAGE_REFS);
	CHECK_EQ(op0(PYMM_OP_HEAP_VERIFY), 0);
}

/*
 * gc.callbacks: with a callback registered, an automatic collection is
 * handed to the client whose op crossed the threshold (OUTF_GC_DUE); its
 * own ops wait for it, GC_COLLECT runs it, another client's op runs it
 * without callbacks, and a client detaching lets the next op run it.
 */
static void test_callbacks_due(void)
{
	struct pymm_client *c2;
	u64 cbs, fn, l, counts[3];
	int i;

	fresh_heap();
	CHECK_EQ(op0(PYMM_OP_GC_CALLBACKS_LIST), 0);
	cbs = last.ret[0];
	CHECK(obj_of(cbs) == H->gc.callbacks);
	CHECK_EQ(obj_of(cbs)->refcnt, PYMM_GC_GARBAGE_REFS + 1);
	CHECK_EQ(opx(PYMM_OP_GC_SET_THRESHOLD, 5, 10, 10, NULL, 0), 0);

	/* empty list: collections run at the op's end as ever */
	for (i = 0; i < 6; i++)
		hclose(new_list());
	for (i = 0; i < 6; i++)
		l = new_list();
	CHECK(!(last.out_flags & PYMM_OUTF_GC_DUE));
	CHECK_EQ(H->gc.stats[0].collections, 1);

	/* a callback: the op that crosses the threshold hands it over */
	fn = new_list();	/* any object stands for the callback here */
	append(cbs, fn);
	for (i = 0; i < 6 && !(last.out_flags & PYMM_OUTF_GC_DUE); i++)
		l = new_list();
	CHECK(last.out_flags & PYMM_OUTF_GC_DUE);
	CHECK_EQ(H->gc.stats[0].collections, 1);
	CHECK_EQ(op0(PYMM_OP_GC_DUE), 0);
	CHECK_EQ(last.ret[0], 0);
	CHECK_EQ(last.ret[1], 1);
	/* our own ops wait for us */
	l = new_list();
	CHECK(!(last.out_flags & PYMM_OUTF_GC_DUE));
	CHECK_EQ(H->gc.stats[0].collections, 1);
	CHECK_EQ(collect(0), 0);
	CHECK_EQ(H->gc.stats[0].collections, 2);
	CHECK_EQ(op0(PYMM_OP_GC_DUE), 0);
	CHECK_EQ(last.ret[1], 0);

	/* another client's op runs it, without callbacks */
	for (i = 0; i < 7 && !(last.out_flags & PYMM_OUTF_GC_DUE); i++)
		l = new_list();
	CHECK(last.out_flags & PYMM_OUTF_GC_DUE);
	c2 = pymm_client_new(0, true);
	{
		struct pymm_op op = { .code = PYMM_OP_HEAP_ATTACH };
		char name[32];

		snprintf(name, sizeof(name), "%s", H->name);
		op.data_len = (u32)strlen(name);
		CHECK_EQ(pymm_op_exec(c2, &op, name, op.data_len), 0);
		memset(&op, 0, sizeof(op));
		op.code = PYMM_OP_GC_GET_COUNT;
		op.data_len = sizeof(counts);
		CHECK_EQ(pymm_op_exec(c2, &op, counts, sizeof(counts)), 0);
	}
	CHECK_EQ(H->gc.stats[0].collections, 3);
	CHECK_EQ(H->gc.due, 0);

	/* the client it was handed to goes: the next op runs it */
	memset(&last, 0, sizeof(last));
	for (i = 0; i < 7 && !(last.out_flags & PYMM_OUTF_GC_DUE); i++)
		l = new_list();
	CHECK(last.out_flags & PYMM_OUTF_GC_DUE);
	CHECK(H->gc.due_client == C);
	hclose(l);
	hclose(fn);
	hclose(cbs);
	pymm_client_release(C);
	C = c2;
	CHECK(!H->gc.due_client);
	CHECK_EQ(op0(PYMM_OP_GC_GET_FREEZE_COUNT), 0);
	CHECK_EQ(H->gc.stats[0].collections, 4);
	CHECK_EQ(op0(PYMM_OP_HEAP_VERIFY), 0);
}

/* --------------------------------------------- a million, small stack */

static u64 big_n;

static void *big_thread(void *arg)
{
	struct pymm_object **objs = NULL, *head, *prev;
	u64 n = big_n, i, before, ret;
	int err = 0;

	(void)arg;
	before = nobjects();
	/* the ring: l[i] -> l[i+1] -> ... -> l[0] */
	pymm_mutex_lock(&H->lock);
	head = pymm_list_new(H, NULL, 0, &err);
	prev = head;
	for (i = 1; i < n; i++) {
		struct pymm_object *l = pymm_list_new(H, NULL, 0, &err);

		if (!l)
			break;
		pymm_list_append(H, prev, l);
		pymm_obj_decref(H, l);
		prev = l;
	}
	pymm_list_append(H, prev, head);
	pymm_obj_decref(H, head);
	pymm_mutex_unlock(&H->lock);
	CHECK_EQ(nobjects(), before + n);
	ret = collect(2);
	CHECK_EQ(ret, n);
	CHECK_EQ(nobjects(), before);

	/* the chain: x0 = [x1], x1 = [x2], ...; x0 held: all kept */
	pymm_mutex_lock(&H->lock);
	head = pymm_list_new(H, NULL, 0, &err);
	prev = head;
	for (i = 1; i < n; i++) {
		struct pymm_object *l = pymm_list_new(H, NULL, 0, &err);

		pymm_list_append(H, prev, l);
		pymm_obj_decref(H, l);
		prev = l;
	}
	pymm_handle_reserve(C, 1);
	i = pymm_handle_install(C, head);
	pymm_mutex_unlock(&H->lock);
	/* allocated head first: the scan meets children after parents */
	CHECK_EQ(collect(2), 0);
	CHECK_EQ(nobjects(), before + n);
	/* and reversed: a chain whose innermost was allocated first */
	pymm_mutex_lock(&H->lock);
	prev = pymm_list_new(H, NULL, 0, &err);
	for (u64 j = 1; j < n; j++) {
		struct pymm_object *l = pymm_list_new(H, NULL, 0, &err);

		pymm_list_append(H, l, prev);
		pymm_obj_decref(H, prev);
		prev = l;
	}
	/* a self-loop at the top makes the whole chain cyclic garbage */
	pymm_list_append(H, prev, prev);
	pymm_obj_decref(H, prev);
	pymm_mutex_unlock(&H->lock);
	CHECK_EQ(collect(2), n);
	CHECK_EQ(nobjects(), before + n);
	/* the first chain dies by count when its handle goes (iterative free) */
	hclose(i);
	CHECK_EQ(nobjects(), before);
	(void)objs;
	return NULL;
}

static void test_million(void)
{
	pthread_attr_t attr;
	pthread_t t;

	fresh_heap();
	CHECK_EQ(op0(PYMM_OP_GC_DISABLE), 0);
	big_n = 1000000 / quick;
	NOTE("ring and chains of %llu lists", (unsigned long long)big_n);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 << 10);
	CHECK_EQ(pthread_create(&t, &attr, big_thread, NULL), 0);
	pthread_join(t, NULL);
	pthread_attr_destroy(&attr);
}

/*
 * The trashcan (object.c): a 150-deep nest of lists with finalizers at the
 * bottom, in the middle and at the top prints in CPython 3.11's order
 * (python3: top, mid, deep; without the trashcan: deep, mid, top), and
 * leaves no level or deposited object behind; a nest far deeper than the
 * level is freed without growing anything.
 */
static void test_trashcan(void)
{
	u64 deep_c, mid_c, top_c, inst, x, l;
	u64 before;
	int i;

	fresh_heap();
	deep_c = new_class("Deep", "deep");
	mid_c = new_class("Mid", "mid");
	top_c = new_class("Top", "top");
	before = nobjects();
	x = new_list();
	inst = new_inst(deep_c);
	append(x, inst);
	hclose(inst);
	/* x = [T(), x] if i == 149 else [M(), x] if i == 75 else [x] */
	for (i = 0; i < 150; i++) {
		l = new_list();
		if (i == 75 || i == 149) {
			inst = new_inst(i == 75 ? mid_c : top_c);
			append(l, inst);
			hclose(inst);
		}
		append(l, x);
		hclose(x);
		x = l;
	}
	hclose(x);
	CHECK(!strcmp(read_output(), "top\nmid\ndeep\n"));
	CHECK_EQ(H->trash_nesting, 0);
	CHECK(!H->trash_later);
	CHECK(!H->trash_chain);
	CHECK_EQ(nobjects(), before);

	/* 100,000 deep, tuples and dicts among the lists */
	x = new_list();
	for (i = 0; i < 100000; i++) {
		if (i % 3 == 1) {
			u64 k = new_int(i);

			l = new_dict();
			setitem(l, k, x);
			hclose(k);
		} else if (i % 3 == 2) {
			l = new_tuple(&x, 1);
		} else {
			l = new_list();
			append(l, x);
		}
		hclose(x);
		x = l;
	}
	hclose(x);
	CHECK_EQ(H->trash_nesting, 0);
	CHECK(!H->trash_later);
	CHECK_EQ(nobjects(), before);
	CHECK_EQ(op0(PYMM_OP_HEAP_VERIFY), 0);
	hclose(deep_c);
	hclose(mid_c);
	hclose(top_c);
}

/* heap destroyed with cycles and frozen objects left: all freed */
static void test_clear_all(void)
{
	u64 cls, a, l, i;

	fresh_heap();
	cls = new_class("K", "del K");
	for (i = 0; i < 100; i++) {
		a = new_inst(cls);
		l = new_list();
		setattr(a, "l", l);
		append(l, a);
		append(l, l);
		hclose(a);
		hclose(l);
	}
	CHECK_EQ(op0(PYMM_OP_GC_FREEZE), 0);
	l = new_list();
	append(l, l);
	/* fresh_heap() destroys this heap; pymm_core_exit() reports leaks */
	fresh_heap();
}

/*
 * The GC header is two words (CPython's since 3.8): the list code lives in
 * the low bits of gc_prev, and during a collection gc_refs << 4 does too.
 */
static void test_head_packing(void)
{
	struct pymm_gc_head *g;
	struct pymm_object *o;
	u64 base, old, l;
	int i;

	CHECK_EQ(sizeof(struct pymm_gc_head), 16);
	fresh_heap();
	for (i = 0; i < PYMM_GC_NLISTS; i++)
		CHECK_EQ((unsigned long)&H->gc.lists[i] & PYMM_GC_CODE_MASK, 0);
	base = nobjects();
	old = H->gc.objects[2];
	l = new_list();
	o = obj_of(l);
	g = PYMM_GC_HEAD(o);
	CHECK_EQ((unsigned long)g & PYMM_GC_CODE_MASK, 0);
	CHECK_EQ((char *)o - (char *)g, 16);
	CHECK_EQ(pymm_gc_code(g), 0);
	CHECK(pymm_gc_is_tracked(o));

	/*
	 * A self cycle whose count does not fit gc_refs << 4: 2^60 + 1 would
	 * wrap to gc_refs 1, the self reference would take it to 0 and the
	 * list would be cleared although something holds 2^60 references.
	 * Saturated, it is referenced from outside and kept.
	 */
	append(l, l);
	hclose(l);
	o->refcnt += 1ULL << 60;
	CHECK_EQ(collect(2), 0);
	CHECK_EQ(nobjects(), base + 1);
	CHECK_EQ(((struct pymm_list *)o)->len, 1);
	CHECK_EQ(pymm_gc_code(g), 2);
	CHECK_EQ(H->gc.objects[2], old + 1);
	pymm_mutex_lock(&H->lock);
	CHECK_EQ(pymm_heap_verify(H, C), -EUCLEAN);	/* the 2^60 are not real */
	pymm_mutex_unlock(&H->lock);
	o->refcnt -= 1ULL << 60;
	pymm_mutex_lock(&H->lock);
	CHECK_EQ(pymm_heap_verify(H, C), 0);
	pymm_mutex_unlock(&H->lock);
	CHECK_EQ(collect(2), 1);
	CHECK_EQ(nobjects(), base);
	CHECK_EQ(H->gc.objects[2], old);
}

int main(int argc, char **argv)
{
	struct pymm_core_params p = { 0 };
	u64 leaks;

	unit_init(argc, argv);
	if (getenv("UNIT_QUICK"))
		quick = 10;
	pymm_user_set_log_level(PYMM_LOG_WARN);
	CHECK_EQ(pymm_core_init(&p), 0);
	RUN(test_self_cycles);
	RUN(test_list_tuple_cycle);
	RUN(test_instance_cycle);
	RUN(test_reachable_kept);
	RUN(test_garbage_points_to_live);
	RUN(test_count_trickle);
	RUN(test_threshold_triggers);
	RUN(test_generation_choice);
	RUN(test_promotion);
	RUN(test_freeze);
	RUN(test_finalizer_once);
	RUN(test_resurrection);
	RUN(test_weakref_cleared);
	RUN(test_introspection);
	RUN(test_saveall);
	RUN(test_garbage_list);
	RUN(test_callbacks_due);
	RUN(test_million);
	RUN(test_trashcan);
	RUN(test_clear_all);
	RUN(test_head_packing);
	pymm_client_release(C);
	leaks = pymm_core_exit();
	CHECK_EQ(leaks, 0);
	return unit_summary();
}
