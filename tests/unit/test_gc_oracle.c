// SPDX-License-Identifier: GPL-2.0
/*
 * test_gc_oracle.c - the collector against a plain mark-from-roots oracle,
 * on random graphs.
 *
 * Each graph (seeded, reproducible with -s SEED) has 1..14 nodes (one in
 * sixteen up to 48): lists,
 * dicts, instances (of a class with a finalizer or without) and tuples of
 * earlier nodes, random edges between them (list append, dict item,
 * instance attribute), and random roots (a client handle, a global, a
 * local of a live frame).  Before collecting, the oracle marks everything
 * reachable from the heap's real roots (handles, globals, frames, the
 * heap's own roots) with an explicit stack and a hash set; every tracked
 * container it does not reach is garbage.  Then:
 *
 *   - sometimes gc.collect(0) or (1) first: it may only free garbage, and
 *     nothing reachable may disappear;
 *   - gc.collect(2): the tracked objects left must be exactly the reachable
 *     ones (object for object), the heap must have lost exactly the
 *     garbage, and the return value must be what CPython would count;
 *   - one collection in eight resurrects the first object whose finalizer
 *     runs (it is appended to a live list): then what survives must be
 *     exactly what the oracle reaches afterwards, and fewer are counted;
 *     finalizers are legacy text (run inside the collection, resurrecting
 *     through a hook) or __del__ functions, which pause the collection
 *     until the test, as the client, has fetched and finished each one
 *     (FIN_FETCH / FIN_DONE, resurrecting by appending the object it got);
 *   - every few graphs the heap verifier checks all refcounts.
 *
 * Roots are then dropped and the heap must come back to its baseline.
 * GC_ORACLE_GRAPHS overrides the number of graphs (default 100,000).
 */
#include "core/heap.h"
#include "unit_test.h"

#include <stdlib.h>

static struct pymm_client *C;
static struct pymm_heap *H;
static unsigned long long rng;

/* --------------------------------------------------- pointer hash set */

struct pset {
	const void **t;
	size_t cap, n;
};

static size_t ph(const void *p, size_t cap)
{
	u64 k = (u64)(uintptr_t)p;

	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (size_t)k & (cap - 1);
}

static void pset_reset(struct pset *s, size_t want)
{
	size_t cap = 64;

	while (cap < 2 * want + 64)
		cap *= 2;
	if (cap != s->cap) {
		free(s->t);
		s->t = calloc(cap, sizeof(*s->t));
		s->cap = cap;
	} else {
		memset(s->t, 0, cap * sizeof(*s->t));
	}
	s->n = 0;
}

static bool pset_has(const struct pset *s, const void *p)
{
	size_t i = ph(p, s->cap);

	while (s->t[i]) {
		if (s->t[i] == p)
			return true;
		i = (i + 1) & (s->cap - 1);
	}
	return false;
}

/* true if newly added */
static bool pset_add(struct pset *s, const void *p)
{
	size_t i = ph(p, s->cap);

	while (s->t[i]) {
		if (s->t[i] == p)
			return false;
		i = (i + 1) & (s->cap - 1);
	}
	s->t[i] = p;
	s->n++;
	return true;
}

/* ------------------------------------------------------------ oracle */

static struct pset marked, tracked_before, tracked_after, tracked_start, ugarb;
static struct pymm_object **stack;
static size_t stack_n, stack_cap;

static void push(struct pymm_object *o)
{
	if (!o || !pset_add(&marked, o))
		return;
	if (stack_n == stack_cap) {
		stack_cap = stack_cap ? 2 * stack_cap : 256;
		stack = realloc(stack, stack_cap * sizeof(*stack));
	}
	stack[stack_n++] = o;
}

static int visit_push(struct pymm_object *child, void *arg)
{
	(void)arg;
	push(child);
	return 0;
}

static void oracle_mark(void)
{
	struct pymm_client *c;
	u32 k;

	pset_reset(&marked, H->nobjects);
	stack_n = 0;
	push(H->globals);
	push(H->empty_tuple);
	push(H->gc.garbage);
	for (c = H->clients; c; c = c->hnext) {
		for (k = 0; k < c->handles_used; k++)
			push(c->handles[k].obj);
		for (k = 0; k < c->depth; k++)
			push(c->frames[k].locals);
	}
	while (stack_n) {
		struct pymm_object *o = stack[--stack_n];

		if (pymm_obj_is_gc(o))
			pymm_obj_type(o)->traverse(o, visit_push, NULL);
	}
}

/*
 * Untracked containers (3.11's atomic dicts and tuples) held by garbage:
 * freed with it, but on no GC list, so found by walking from the tracked
 * garbage (tracked_start minus marked) while everything is alive.
 */
static int visit_ugarb(struct pymm_object *child, void *arg)
{
	(void)arg;
	if (pymm_obj_is_gc(child) && !pymm_gc_is_tracked(child) &&
	    !pset_has(&marked, child) && pset_add(&ugarb, child))
		pymm_obj_type(child)->traverse(child, visit_ugarb, NULL);
	return 0;
}

static void mark_untracked_garbage(void)
{
	size_t i;

	pset_reset(&ugarb, 64);
	for (i = 0; i < tracked_start.cap; i++) {
		struct pymm_object *o = (struct pymm_object *)tracked_start.t[i];

		if (o && !pset_has(&marked, o))
			pymm_obj_type(o)->traverse(o, visit_ugarb, NULL);
	}
}

static u64 snapshot_tracked(struct pset *s)
{
	int i;

	pset_reset(s, H->nobjects);
	for (i = 0; i < PYMM_GC_NLISTS; i++) {
		struct pymm_gc_head *l = &H->gc.lists[i], *g;

		for (g = l->gc_next; g != l; g = g->gc_next)
			pset_add(s, PYMM_GC_OBJ(g));
	}
	return s->n;
}

/* --------------------------------------------------------------- ops */

static int opx(u32 code, u64 a0, u32 flags, void *buf, u32 len)
{
	struct pymm_op op;

	memset(&op, 0, sizeof(op));
	op.code = code;
	op.flags = flags;
	op.arg[0] = a0;
	op.data_len = len;
	return pymm_op_exec(C, &op, buf, len) ? op.error : (int)op.ret[0];
}

/* an op whose ret0 is a handle (u64); data copied in */
static u64 opq(u32 code, u64 a0, u64 a1, const void *data, u32 len)
{
	static u8 b[512];
	struct pymm_op op;

	memset(&op, 0, sizeof(op));
	op.code = code;
	op.arg[0] = a0;
	op.arg[1] = a1;
	op.data_len = len;
	if (len)
		memcpy(b, data, len);
	CHECK_EQ(pymm_op_exec(C, &op, b, sizeof(b)), 0);
	return op.ret[0];
}

static struct pymm_object *keep;	/* resurrected objects land here */
static bool resurrect;
static struct pymm_object *keep;	/* resurrected objects land here */

/*
 * The client's part (docs/abi.md, "Finalizers"): fetch every queued item,
 * "run" it (the first __del__ of a resurrecting collection appends its
 * object to keep), finish it.  Returns the result of the collection the
 * last FIN_DONE completed.
 */
static u64 drain(void)
{
	struct pymm_fin_item it[64];
	struct pymm_op op;
	u64 res = 0, i, n;

	for (;;) {
		memset(&op, 0, sizeof(op));
		op.code = PYMM_OP_FIN_FETCH;
		op.data_len = sizeof(it);
		CHECK_EQ(pymm_op_exec(C, &op, it, sizeof(it)), 0);
		n = op.ret[0];
		if (!n)
			break;
		for (i = 0; i < n; i++) {
			if (it[i].kind == PYMM_FIN_DEL && resurrect) {
				struct pymm_object *o = NULL;

				resurrect = false;
				pymm_mutex_lock(&H->lock);
				CHECK_EQ(pymm_handle_get(C, it[i].obj, &o), 0);
				CHECK_EQ(pymm_list_append(H, keep, o), 0);
				pymm_mutex_unlock(&H->lock);
			}
			memset(&op, 0, sizeof(op));
			op.code = PYMM_OP_FIN_DONE;
			op.arg[0] = it[i].obj;
			CHECK_EQ(pymm_op_exec(C, &op, NULL, 0), 0);
			if (op.ret[0])
				res = op.ret[1];
			memset(&op, 0, sizeof(op));
			op.code = PYMM_OP_CLOSE;
			op.arg[0] = it[i].func;
			CHECK_EQ(pymm_op_exec(C, &op, NULL, 0), 0);
		}
	}
	return res;
}

static u64 collect(int gen)
{
	struct pymm_op op;

	memset(&op, 0, sizeof(op));
	op.code = PYMM_OP_GC_COLLECT;
	op.arg[0] = (u64)gen;
	CHECK_EQ(pymm_op_exec(C, &op, NULL, 0), 0);
	/* paused for __del__ functions: its result comes with the last one */
	if (op.ret[1])
		return drain();
	return op.ret[0];
}

/* ------------------------------------------------------------ graphs */

#define MAX_NODES	48
#define NKEYS		4

static struct pymm_object *cls_plain, *cls_fin, *cls_code;
static u64 n_resurrected, n_garbage;

/* the first finalizer of a collection resurrects its object */
static void resurrect_hook(struct pymm_heap *h, struct pymm_object *o)
{
	if (resurrect) {
		resurrect = false;
		CHECK_EQ(pymm_list_append(h, keep, o), 0);
	}
}
static struct pymm_object *names[16];	/* "a0".. attribute and global names */
static u64 fixed_handles[32];
static unsigned int nfixed;

static u64 hold(struct pymm_object *o)
{
	CHECK_EQ(pymm_handle_reserve(C, 1), 0);
	return pymm_handle_install(C, pymm_obj_incref(o));
}

static struct pymm_object *small_int(int v)
{
	return H->small_ints[v - PYMM_SMALL_INT_MIN];
}

static void add_edge(struct pymm_object *src, struct pymm_object *dst)
{
	int err = 0;

	switch (src->type) {
	case PYMM_T_LIST:
		err = pymm_list_append(H, src, dst);
		break;
	case PYMM_T_DICT:
		err = pymm_dict_set(H, src, small_int((int)unit_range(&rng, 0, NKEYS)), dst);
		break;
	case PYMM_T_INSTANCE: {
		/* the attribute path a script takes: inline values (types/type.c) */
		struct pymm_str *nm = pymm_as_str(names[unit_range(&rng, 0, NKEYS)]);
		struct pymm_object *call = NULL;
		u32 exc = 0;

		err = pymm_attr_set(H, src, nm->data, nm->len, dst, &exc, &call);
		break;
	}
	default:
		break;
	}
	CHECK_EQ(err, 0);
}

struct graph {
	struct pymm_object *node[MAX_NODES];
	u32 n;
	u64 handles[MAX_NODES];
	u32 nhandles;
	bool global_used[16], local_used[16];
};

static void build(struct graph *gr)
{
	u32 i, nedges;
	int err = 0;

	memset(gr, 0, sizeof(*gr));
	/* mostly small graphs; one in sixteen larger */
	gr->n = (u32)unit_range(&rng, 1, unit_range(&rng, 0, 15) ? 14 : MAX_NODES);
	pymm_mutex_lock(&H->lock);
	for (i = 0; i < gr->n; i++) {
		struct pymm_object *o = NULL;

		switch (unit_range(&rng, 0, 6)) {
		case 0:
		case 1:
			o = pymm_list_new(H, NULL, 0, &err);
			break;
		case 2:
			o = pymm_dict_new(H, &err);
			break;
		case 3:
			o = pymm_instance_new(H, cls_plain, &err);
			break;
		case 4:
			o = pymm_instance_new(H, unit_range(&rng, 0, 1) ? cls_code : cls_fin, &err);
			break;
		default: {
			/* a tuple of up to 3 earlier nodes (or a fresh list) */
			struct pymm_object *items[3];
			u32 k, m = (u32)unit_range(&rng, 0, 3);

			for (k = 0; k < m; k++)
				items[k] = i ? gr->node[unit_range(&rng, 0, i - 1)] : small_int(k);
			o = pymm_tuple_new(H, items, m, &err);
			break;
		}
		}
		CHECK(o != NULL);
		gr->node[i] = o;
	}
	nedges = (u32)unit_range(&rng, gr->n / 2, 3 * gr->n + 1);
	for (i = 0; i < nedges; i++)
		add_edge(gr->node[unit_range(&rng, 0, gr->n - 1)],
			 gr->node[unit_range(&rng, 0, gr->n - 1)]);
	/* roots: about one node in six */
	for (i = 0; i < gr->n; i++) {
		u32 k;

		switch (unit_range(&rng, 0, 17)) {
		case 0:
			gr->handles[gr->nhandles++] = hold(gr->node[i]);
			break;
		case 1:
			k = (u32)unit_range(&rng, 0, 15);
			CHECK_EQ(pymm_dict_set(H, H->globals, names[k], gr->node[i]), 0);
			gr->global_used[k] = true;
			break;
		case 2:
			k = (u32)unit_range(&rng, 0, 15);
			CHECK_EQ(pymm_dict_set(H, C->frames[0].locals, names[k], gr->node[i]), 0);
			gr->local_used[k] = true;
			break;
		default:
			break;
		}
	}
	/* our construction references go: only edges and roots remain */
	for (i = 0; i < gr->n; i++)
		pymm_obj_decref(H, gr->node[i]);
	pymm_mutex_unlock(&H->lock);
}

static void drop_roots(struct graph *gr)
{
	u32 i;

	pymm_mutex_lock(&H->lock);
	for (i = 0; i < gr->nhandles; i++)
		CHECK_EQ(pymm_handle_close(C, gr->handles[i]), 0);
	for (i = 0; i < 16; i++) {
		if (gr->global_used[i])
			CHECK_EQ(pymm_dict_del(H, H->globals, names[i]), 0);
		if (gr->local_used[i])
			CHECK_EQ(pymm_dict_del(H, C->frames[0].locals, names[i]), 0);
	}
	pymm_mutex_unlock(&H->lock);
}

/*
 * A reachable container the collector untracked: a tuple or dict (3.11's
 * untrack_tuples/untrack_dicts) holding nothing that may be tracked.
 */
static bool untracked_atomic(const void *p)
{
	struct pymm_object *o = (struct pymm_object *)p;

	if (pymm_gc_is_tracked(o))
		return false;
	if (o->type == PYMM_T_DICT)
		return pymm_dict_may_untrack(o);
	if (o->type == PYMM_T_TUPLE) {
		struct pymm_tuple *t = (struct pymm_tuple *)o;
		u32 i;

		for (i = 0; i < t->len; i++)
			if (pymm_gc_may_be_tracked(t->items[i]))
				return false;
		return true;
	}
	return false;
}

/* every tracked object the oracle cannot reach (instances keep values inline) */
static u64 expected_count(void)
{
	u64 n = 0;
	size_t i;

	for (i = 0; i < tracked_before.cap; i++) {
		struct pymm_object *o = (struct pymm_object *)tracked_before.t[i];

		if (o && !pset_has(&marked, o))
			n++;
	}
	return n;
}

static bool one_graph(u64 baseline, u64 idx)
{
	struct graph gr;
	u64 before, ntracked, nreach = 0, nuntracked = 0, want, got, i;
	u64 before0, ntracked0, lost;
	bool ok = true;

	build(&gr);
	before = before0 = H->nobjects;
	oracle_mark();
	ntracked0 = snapshot_tracked(&tracked_start);
	mark_untracked_garbage();
	ntracked = snapshot_tracked(&tracked_before);
	for (i = 0; i < tracked_before.cap; i++)
		if (tracked_before.t[i] && pset_has(&marked, tracked_before.t[i]))
			nreach++;
	want = expected_count();

	/* a young collection first: may free garbage only */
	if (unit_range(&rng, 0, 3) == 0) {
		collect((int)unit_range(&rng, 0, 1));
		snapshot_tracked(&tracked_after);
		for (i = 0; i < tracked_before.cap; i++) {
			const void *p = tracked_before.t[i];

			/* alive: still tracked, or an atomic tuple or dict untracked (3.11) */
			if (p && pset_has(&marked, p) && !pset_has(&tracked_after, p))
				ok &= CHECK(untracked_atomic(p));
		}
		for (i = 0; i < tracked_after.cap; i++)
			if (tracked_after.t[i])
				ok &= CHECK(pset_has(&tracked_before, tracked_after.t[i]));
		/* what it freed is no longer in the count of the full one */
		before = H->nobjects;
		oracle_mark();
		ntracked = snapshot_tracked(&tracked_before);
		nreach = 0;
		for (i = 0; i < tracked_before.cap; i++)
			if (tracked_before.t[i] && pset_has(&marked, tracked_before.t[i]))
				nreach++;
		want = expected_count();
	}

	resurrect = unit_range(&rng, 0, 7) == 0;
	pymm_gc_finalize_hook = resurrect ? resurrect_hook : NULL;
	got = collect(2);
	pymm_gc_finalize_hook = NULL;
	if (!resurrect && ((struct pymm_list *)keep)->len) {
		/* resurrected: reachable now is what the oracle finds now */
		u64 alive = 0;

		oracle_mark();
		for (i = 0; i < tracked_before.cap; i++)
			if (tracked_before.t[i] && pset_has(&marked, tracked_before.t[i]))
				alive++;
		ok &= CHECK(alive > nreach);
		ok &= CHECK(got < want);
		nreach = alive;
		n_resurrected++;
	} else {
		ok &= CHECK_EQ(got, want);
	}
	resurrect = false;
	n_garbage += got;
	snapshot_tracked(&tracked_after);
	for (i = 0; i < tracked_before.cap; i++) {
		const void *p = tracked_before.t[i];

		if (p && pset_has(&marked, p) && !pset_has(&tracked_after, p)) {
			ok &= CHECK(untracked_atomic(p));
			nuntracked++;
		}
	}
	ok &= CHECK_EQ(tracked_after.n + nuntracked, nreach);
	for (i = 0; i < tracked_after.cap; i++) {
		const void *p = tracked_after.t[i];

		if (p)
			ok &= CHECK(pset_has(&marked, p));
	}
	/*
	 * Since the start, the heap lost the tracked garbage and the untracked
	 * containers only garbage held (node pointers compared, never read:
	 * nothing is allocated in between to reuse them).
	 */
	lost = ntracked0;
	for (i = 0; i < tracked_start.cap; i++)
		if (tracked_start.t[i] && pset_has(&marked, tracked_start.t[i]))
			lost--;
	for (i = 0; i < ugarb.cap; i++)
		if (ugarb.t[i] && !pset_has(&marked, ugarb.t[i]))
			lost++;
	ok &= CHECK_EQ(H->nobjects, before0 - lost);
	(void)before;
	(void)ntracked;

	if (idx % 997 == 0)
		ok &= CHECK_EQ(opx(PYMM_OP_HEAP_VERIFY, 0, 0, NULL, 0), 0);

	drop_roots(&gr);
	pymm_mutex_lock(&H->lock);
	pymm_obj_type(keep)->clear(H, keep);
	pymm_mutex_unlock(&H->lock);
	collect(2);
	ok &= CHECK_EQ(H->nobjects, baseline);
	return ok;
}

/* class C whose __del__ is a function (the client runs it: drain()) */
static struct pymm_object *class_with_del(void)
{
	static const char src[] = "def __del__(self):\n    pass\n";
	u8 rec[sizeof(struct pymm_code_info) + 64];
	struct pymm_code_info info = {
		.nargs = 1, .name_len = 7, .filename_len = 1, .args_len = 5,
		.source_len = sizeof(src) - 1,
	};
	struct pymm_object *cls = NULL;
	u64 code, f, hc;
	u8 *p = rec;

	memcpy(p, &info, sizeof(info));
	p += sizeof(info);
	memcpy(p, "__del__", 7);
	memcpy(p + 7, "t", 1);
	memcpy(p + 8, "self", 5);
	memcpy(p + 13, src, sizeof(src) - 1);
	code = opq(PYMM_OP_NEW_CODE, 0, 0, rec, (u32)(sizeof(info) + 13 + sizeof(src) - 1));
	f = opq(PYMM_OP_MAKE_FUNCTION, code, 0, NULL, 0);
	hc = opq(PYMM_OP_NEW_CLASS, 0, 0, "C", 1);
	opq(PYMM_OP_SETATTR, hc, f, "__del__", 7);
	pymm_mutex_lock(&H->lock);
	CHECK_EQ(pymm_handle_get(C, hc, &cls), 0);
	pymm_mutex_unlock(&H->lock);
	opq(PYMM_OP_CLOSE, code, 0, NULL, 0);
	opq(PYMM_OP_CLOSE, f, 0, NULL, 0);
	fixed_handles[nfixed++] = hc;
	CHECK(pymm_type_finalizer(H, cls) != NULL);
	return cls;
}

static void test_oracle(void)
{
	const char *env = getenv("GC_ORACLE_GRAPHS");
	u64 n = env ? strtoull(env, NULL, 0) : 100000, i, baseline, failed = 0;
	char nm[8];
	int err = 0;

	if (getenv("UNIT_QUICK") && !env)
		n /= 10;
	C = pymm_client_new(0, true);
	CHECK_EQ(opx(PYMM_OP_HEAP_CREATE, 0, 0, "oracle", 6), 0);
	CHECK_EQ(opx(PYMM_OP_HEAP_ATTACH, 0, 0, "oracle", 6), 0);
	H = C->heap;
	CHECK(opx(PYMM_OP_FRAME_PUSH, 0, 0, "f", 1) >= 0);
	/* finalizer output would fill the queue: it is dropped, and counted */
	pymm_mutex_lock(&H->lock);
	cls_plain = pymm_class_new(H, "P", 1, NULL, 0, &err);
	cls_fin = pymm_class_new(H, "F", 1, "fin", 3, &err);
	CHECK_EQ(pymm_handle_reserve(C, 2), 0);
	fixed_handles[nfixed++] = pymm_handle_install(C, cls_plain);
	fixed_handles[nfixed++] = pymm_handle_install(C, cls_fin);
	pymm_mutex_unlock(&H->lock);
	cls_code = class_with_del();
	pymm_mutex_lock(&H->lock);
	for (i = 0; i < 16; i++) {
		snprintf(nm, sizeof(nm), "a%llu", (unsigned long long)i);
		names[i] = pymm_str_new(H, nm, (u32)strlen(nm), &err);
		CHECK(names[i] != NULL);
		pymm_handle_reserve(C, 1);
		fixed_handles[nfixed++] = pymm_handle_install(C, names[i]);
	}
	keep = pymm_list_new(H, NULL, 0, &err);
	pymm_handle_reserve(C, 1);
	fixed_handles[nfixed++] = pymm_handle_install(C, keep);
	pymm_mutex_unlock(&H->lock);
	collect(2);
	baseline = H->nobjects;
	rng = unit_seed * 0x9e3779b97f4a7c15ULL + 1;

	for (i = 0; i < n; i++) {
		if (!one_graph(baseline, i) && ++failed >= 5) {
			fprintf(stderr, "oracle: stopping after 5 failing graphs (graph %llu)\n",
				(unsigned long long)i);
			break;
		}
	}
	CHECK(H->gc.fin_skipped > 0);	/* deaths with no client: skipped */
	printf("# oracle: %llu graphs, %llu failed; %llu objects collected, %llu resurrections\n",
	       (unsigned long long)i, (unsigned long long)failed,
	       (unsigned long long)n_garbage, (unsigned long long)n_resurrected);
	CHECK_EQ(opx(PYMM_OP_HEAP_VERIFY, 0, 0, NULL, 0), 0);
}

int main(int argc, char **argv)
{
	struct pymm_core_params p = { 0 };

	unit_init(argc, argv);
	pymm_user_set_log_level(PYMM_LOG_WARN);
	CHECK_EQ(pymm_core_init(&p), 0);
	RUN(test_oracle);
	pymm_client_release(C);
	CHECK_EQ(pymm_core_exit(), 0);
	free(marked.t);
	free(tracked_before.t);
	free(tracked_after.t);
	free(stack);
	return unit_summary();
}
