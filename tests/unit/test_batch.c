// SPDX-License-Identifier: GPL-2.0
/*
 * test_batch.c - pymm_op_exec_batch() against pymm_op_exec(), op for op.
 *
 * Two clients on two heaps built the same way get the same random stream
 * of bufferless ops: client A one op at a time through pymm_op_exec(), client
 * B in runs through pymm_op_exec_batch() the way the device drives it
 * (refused ops through pymm_op_exec(), then the rest again).  Handles are
 * per client and allocation is deterministic, so every output field of
 * every op must be equal: errors, exceptions, new handles, refcounts, the
 * finalizer-output flag, GC results with automatic collections in between.
 * Then the edges: where a run stops (buffers, registry ops, STOP_ON_ERROR)
 * and a client with no heap.
 */
#include <stdlib.h>

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "core/heap.h"	/* pymm_params: arena_idle_ns */
#include "unit_test.h"

static u8 buf[1 << 16];

/* 0 or -errno; *ret0 the op's ret[0] */
static int exec_data_r(struct pymm_client *c, u32 code, u64 a0, const void *d, u32 len,
		       u64 *ret0)
{
	struct pymm_op op;
	int err;

	memset(&op, 0, sizeof(op));
	op.code = code;
	op.arg[0] = a0;
	if (len)
		memcpy(buf, d, len);
	op.data_len = len;
	err = pymm_op_exec(c, &op, buf, sizeof(buf));
	*ret0 = op.ret[0];
	return err;
}

static int exec_data(struct pymm_client *c, u32 code, u64 a0, const void *d, u32 len)
{
	u64 r;

	return exec_data_r(c, code, a0, d, len, &r);
}

static u64 new_obj(struct pymm_client *c, u32 code, const void *d, u32 len)
{
	u64 r = 0;

	CHECK_EQ(exec_data_r(c, code, 0, d, len, &r), 0);
	return r;
}

static struct pymm_client *client_on(const char *heap)
{
	struct pymm_client *c = pymm_client_new(1000, false);

	CHECK(c);
	CHECK_EQ(exec_data(c, PYMM_OP_HEAP_CREATE, 0, heap, strlen(heap) + 1), 0);
	CHECK_EQ(exec_data(c, PYMM_OP_HEAP_ATTACH, 0, heap, strlen(heap) + 1), 0);
	return c;
}

static void op_set(struct pymm_op *op, u32 code, u64 a0, u64 a1, u64 a2)
{
	memset(op, 0, sizeof(*op));
	op->code = code;
	op->arg[0] = a0;
	op->arg[1] = a1;
	op->arg[2] = a2;
}

/* the host's loop: runs, with refused ops one by one */
static u32 host_batch(struct pymm_client *c, struct pymm_op *ops, u32 n, u32 flags)
{
	u32 i = 0;

	while (i < n) {
		u32 ran = pymm_op_exec_batch(c, ops + i, n - i, flags);

		i += ran;
		if (ran && ops[i - 1].error && (flags & PYMM_BATCHF_STOP_ON_ERROR))
			return i;
		if (i == n)
			break;
		pymm_op_exec(c, &ops[i], NULL, 0);
		if (ops[i++].error && (flags & PYMM_BATCHF_STOP_ON_ERROR))
			return i;
	}
	return i;
}

static u64 rnd(void)
{
	unit_seed = unit_seed * 6364136223846793005ull + 1442695040888963407ull;
	return unit_seed >> 33;
}

#define NH	64

static void random_op(struct pymm_op *op, const u64 *h, u64 cls, u64 lst)
{
	u64 a = h[rnd() % NH], b = h[rnd() % NH];

	switch (rnd() % 20) {
	case 0: op_set(op, PYMM_OP_NEW_INT, rnd() % 1000 - 10, 0, 0); break;
	case 1: op_set(op, PYMM_OP_DUP, a, 0, 0); break;
	case 2: case 3:	/* the class and the list stay open */
		op_set(op, a == cls || a == lst ? PYMM_OP_REFCOUNT : PYMM_OP_CLOSE, a, 0, 0);
		break;
	case 4: op_set(op, PYMM_OP_REFCOUNT, a, 0, 0); break;
	case 5: op_set(op, PYMM_OP_NEW_INSTANCE, cls, 0, 0); break;
	case 6: op_set(op, PYMM_OP_APPEND, lst, a, 0); break;
	case 7: op_set(op, PYMM_OP_APPEND, a, b, 0); break;	/* list cycles */
	case 8: op_set(op, PYMM_OP_BINOP, a, b, PYMM_BIN_ADD); break;
	case 9: op_set(op, PYMM_OP_GETITEM, a, b, 0); break;
	case 10: op_set(op, PYMM_OP_LEN, a, 0, 0); break;
	case 11: op_set(op, PYMM_OP_TYPE, a, 0, 0); break;
	case 12: op_set(op, PYMM_OP_GC_COLLECT, rnd() % 3, 0, 0); break;
	case 13: op_set(op, PYMM_OP_READ_OUTPUT, 0, 0, 0); break;	/* size only */
	case 14: op_set(op, PYMM_OP_NEW_LIST, 0, 0, 0); break;	/* empty: no data */
	case 15: op_set(op, PYMM_OP_CONST, rnd() % 4, 0, 0); break;
	case 16: op_set(op, PYMM_OP_NOP, 0, 0, 0); break;
	case 17: op_set(op, PYMM_OP_MAX + 1 + rnd() % 3, 0, 0, 0); break;
	case 18: op_set(op, PYMM_OP_NOP, 0, 0, 0); op->flags = 1u << (rnd() % 3); break;
	default: op_set(op, PYMM_OP_HEAP_LIST, 0, 0, 0); break;	/* registry, size only */
	}
}

static bool same_result(const struct pymm_op *x, const struct pymm_op *y)
{
	return x->error == y->error && x->exc == y->exc && x->data_len == y->data_len &&
	       x->out_flags == y->out_flags && x->ret[0] == y->ret[0] && x->ret[1] == y->ret[1];
}

static void test_batch_equals_single(void)
{
	struct pymm_client *a = client_on("batch_a"), *b = client_on("batch_b");
	static const char cls_def[] = "C\0del c";
	struct pymm_op oa[32], ob[32];
	u64 h[NH], cls, lst;
	unsigned int round, i, outputs = 0, handles = 0;

	cls = new_obj(a, PYMM_OP_NEW_CLASS, cls_def, sizeof(cls_def) - 1);
	CHECK_EQ(new_obj(b, PYMM_OP_NEW_CLASS, cls_def, sizeof(cls_def) - 1), cls);
	lst = new_obj(a, PYMM_OP_NEW_LIST, NULL, 0);
	CHECK_EQ(new_obj(b, PYMM_OP_NEW_LIST, NULL, 0), lst);
	for (i = 0; i < NH; i++)
		h[i] = i & 1 ? cls : lst;
	/* automatic collections inside the runs too */
	op_set(&oa[0], PYMM_OP_GC_SET_THRESHOLD, 20, 3, 3);
	ob[0] = oa[0];
	CHECK_EQ(pymm_op_exec(a, &oa[0], NULL, 0), 0);
	CHECK_EQ(pymm_op_exec_batch(b, &ob[0], 1, 0), 1);
	CHECK_EQ(ob[0].error, 0);

	for (round = 0; round < 400; round++) {
		u32 n = 1 + rnd() % 32, flags = rnd() % 4 ? 0 : PYMM_BATCHF_STOP_ON_ERROR, done;

		for (i = 0; i < n; i++) {
			random_op(&oa[i], h, cls, lst);
			/* the output fields are ignored on input */
			oa[i].error = 0x5a5a;
			oa[i].ret[0] = ~0ull;
			ob[i] = oa[i];
		}
		for (i = 0; i < n; i++) {
			pymm_op_exec(a, &oa[i], NULL, 0);
			if (oa[i].error && flags) {
				i++;
				break;
			}
		}
		done = host_batch(b, ob, n, flags);
		CHECK_EQ(done, i);
		for (i = 0; i < done; i++) {
			if (!CHECK(same_result(&oa[i], &ob[i]))) {
				fprintf(stderr, "round %u op %u code %u: %d/%d %llx/%llx\n", round,
					i, oa[i].code, oa[i].error, ob[i].error,
					(unsigned long long)oa[i].ret[0],
					(unsigned long long)ob[i].ret[0]);
				break;
			}
			CHECK_EQ(ob[i].code, oa[i].code);
			CHECK_EQ(ob[i].arg[0], oa[i].arg[0]);
			outputs += !!(oa[i].out_flags & PYMM_OUTF_OUTPUT);
			if (!oa[i].error && oa[i].ret[0] && oa[i].code != PYMM_OP_REFCOUNT &&
			    oa[i].code != PYMM_OP_LEN && oa[i].code != PYMM_OP_TYPE &&
			    oa[i].code != PYMM_OP_GC_COLLECT && oa[i].code != PYMM_OP_READ_OUTPUT &&
			    oa[i].code != PYMM_OP_HEAP_LIST) {
				h[rnd() % NH] = oa[i].ret[0];
				handles++;
			}
		}
		for (; i < n; i++)	/* never run: untouched */
			CHECK_EQ(ob[i].error, 0x5a5a);
		if (round % 50 == 49) {
			/* drain the finalizer text on both sides: equal too */
			static u8 ta[4096];
			u32 la;

			op_set(&oa[0], PYMM_OP_READ_OUTPUT, 0, 0, 0);
			oa[0].data_len = sizeof(ta);
			CHECK_EQ(pymm_op_exec(a, &oa[0], buf, sizeof(ta)), 0);
			la = oa[0].data_len;
			memcpy(ta, buf, la);
			op_set(&ob[0], PYMM_OP_READ_OUTPUT, 0, 0, 0);
			ob[0].data_len = sizeof(ta);
			CHECK_EQ(pymm_op_exec(b, &ob[0], buf, sizeof(ta)), 0);
			CHECK_EQ(ob[0].data_len, la);
			CHECK(!memcmp(ta, buf, la));
		}
	}
	/* the stream exercised what it is meant to */
	CHECK(outputs > 0);
	CHECK(handles > 100);
	op_set(&oa[0], PYMM_OP_HEAP_VERIFY, 0, 0, 0);
	CHECK_EQ(pymm_op_exec_batch(a, &oa[0], 1, 0), 1);
	CHECK_EQ(oa[0].error, 0);
	op_set(&ob[0], PYMM_OP_HEAP_VERIFY, 0, 0, 0);
	CHECK_EQ(pymm_op_exec_batch(b, &ob[0], 1, 0), 1);
	CHECK_EQ(ob[0].error, 0);
	pymm_client_release(a);
	pymm_client_release(b);
}

static void test_batch_stops(void)
{
	struct pymm_client *c = client_on("batch_c"), *none = pymm_client_new(1000, false);
	struct pymm_op ops[6];
	u64 h;

	/* a data buffer, then a registry op: the run ends before each */
	op_set(&ops[0], PYMM_OP_NEW_INT, 7, 0, 0);
	op_set(&ops[1], PYMM_OP_NEW_STR, 0, 0, 0);
	ops[1].data_len = 1;
	op_set(&ops[2], PYMM_OP_HEAP_ATTACH, 0, 0, 0);
	CHECK_EQ(pymm_op_exec_batch(c, ops, 3, 0), 1);
	CHECK_EQ(ops[0].error, 0);
	h = ops[0].ret[0];
	CHECK(h);
	CHECK_EQ(ops[1].data_len, 1);		/* untouched */
	CHECK_EQ(pymm_op_exec_batch(c, &ops[2], 1, 0), 0);

	/* STOP_ON_ERROR: after the failing op, which has its result */
	op_set(&ops[0], PYMM_OP_REFCOUNT, h, 0, 0);
	op_set(&ops[1], PYMM_OP_CLOSE, h, 0, 0);
	op_set(&ops[2], PYMM_OP_CLOSE, h, 0, 0);	/* stale: -EBADF */
	op_set(&ops[3], PYMM_OP_NOP, 0, 0, 0);
	ops[3].error = 4242;
	CHECK_EQ(pymm_op_exec_batch(c, ops, 4, PYMM_BATCHF_STOP_ON_ERROR), 3);
	CHECK_EQ(ops[0].error, 0);
	CHECK(ops[0].ret[0] >= 1);
	CHECK_EQ(ops[1].error, 0);
	CHECK_EQ(ops[2].error, -EBADF);
	CHECK_EQ(ops[3].error, 4242);
	/* without the flag the batch goes on */
	op_set(&ops[0], PYMM_OP_CLOSE, h, 0, 0);
	op_set(&ops[1], PYMM_OP_NOP, 0, 0, 0);
	CHECK_EQ(pymm_op_exec_batch(c, ops, 2, 0), 2);
	CHECK_EQ(ops[0].error, -EBADF);
	CHECK_EQ(ops[1].error, 0);

	/* no heap: object ops fail alone, NOP works */
	op_set(&ops[0], PYMM_OP_NEW_INT, 1, 0, 0);
	op_set(&ops[1], PYMM_OP_NOP, 0, 0, 0);
	op_set(&ops[2], PYMM_OP_REFCOUNT, 1, 0, 0);
	CHECK_EQ(pymm_op_exec_batch(none, ops, 3, 0), 3);
	CHECK_EQ(ops[0].error, -ENOTCONN);
	CHECK_EQ(ops[1].error, 0);
	CHECK_EQ(ops[2].error, -ENOTCONN);
	pymm_client_release(none);
	pymm_client_release(c);
}

static struct pymm_alloc_stats alloc_stats(struct pymm_client *c)
{
	struct pymm_alloc_stats st;
	struct pymm_op op;

	memset(&op, 0, sizeof(op));
	op.code = PYMM_OP_ALLOC_STATS;
	op.data_len = sizeof(buf);
	CHECK_EQ(pymm_op_exec(c, &op, buf, sizeof(buf)), 0);
	memcpy(&st, buf, sizeof(st));
	return st;
}

/* a str of its own 432-byte block: distinct and never interned */
static u64 big_str(struct pymm_client *c, u32 i)
{
	char text[400];

	memset(text, 'y', sizeof(text));
	snprintf(text, sizeof(text), "%u ", i);
	text[strlen(text)] = 'y';
	return new_obj(c, PYMM_OP_NEW_STR, text, sizeof(text));
}

static void close_handle(struct pymm_client *c, u64 h)
{
	struct pymm_op op;

	op_set(&op, PYMM_OP_CLOSE, h, 0, 0);
	CHECK_EQ(pymm_op_exec(c, &op, NULL, 0), 0);
}

/* closes h[0..n) in runs of bufferless ops, 256 per run, as the device would */
static void close_batched(struct pymm_client *c, struct pymm_op *ops, const u64 *h, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		op_set(&ops[i], PYMM_OP_CLOSE, h[i], 0, 0);
	for (i = 0; i < n; i += 256)
		CHECK_EQ(pymm_op_exec_batch(c, ops + i, n - i < 256 ? n - i : 256, 0),
			 n - i < 256 ? n - i : 256);
}

/*
 * The allocator keeps arenas that empty until pymm_alloc_trim(); the heap
 * trims before it drops its lock, so after any op or run of ops returns no
 * empty arena is held: the heap is back to its arenas of before.
 */
static void test_no_empty_arena_after_ops(void)
{
	enum { N = 1500 };	/* 432-byte strs, 9 per pool: three arenas */
	struct pymm_client *c = client_on("batch_arenas");
	struct pymm_alloc_stats base, st;
	static struct pymm_op ops[N];
	static u64 h[N];
	u32 i;
	int pass;

	base = alloc_stats(c);
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < N; i++)
			h[i] = big_str(c, pass * 100000 + i);
		st = alloc_stats(c);
		CHECK(st.arenas_current >= base.arenas_current + 2);
		if (pass == 0) {
			/* runs of bufferless ops: one lock pair per run */
			close_batched(c, ops, h, N);
		} else {
			for (i = 0; i < N; i++)
				close_handle(c, h[i]);
		}
		st = alloc_stats(c);
		CHECK_EQ(st.arenas_current, base.arenas_current);
		CHECK_EQ(st.bytes_held, base.bytes_held);
		CHECK(st.arenas_reclaimed >= base.arenas_reclaimed + 2 * (pass + 1));
		CHECK_EQ(exec_data(c, PYMM_OP_HEAP_VERIFY, 0, NULL, 0), 0);
	}
	pymm_client_release(c);
}

/*
 * A heap whose blocks sit at an arena boundary: every create takes a new
 * arena, every close empties it.  With arena_idle_ns the heap keeps that
 * one arena as a spare and the swing maps nothing (bpo-37257's thrashing);
 * pymm_core_trim_idle() returns it once idle long enough.  With 0, every
 * close gives the arena back and every create maps one again.
 */
static void test_spare_arena_at_boundary(void)
{
	enum { MAXN = 1024, SWINGS = 50, MANY = 2800 };
	struct pymm_client *c = client_on("batch_spare");
	u64 saved = pymm_params.arena_idle_ns, allocated, emptied, spares;
	struct pymm_alloc_stats base, st;
	static struct pymm_op ops[MANY];
	static u64 h[MAXN], many[MANY];
	u32 n = 0, i;

	base = alloc_stats(c);
	/* fill until the last str is the first block of a new arena */
	do {
		if (!CHECK(n < MAXN))
			goto out;
		h[n] = big_str(c, n);
		n++;
		st = alloc_stats(c);
	} while (st.arenas_current == base.arenas_current);
	base = st;

	pymm_params.arena_idle_ns = 1000000000ull;
	close_handle(c, h[--n]);
	st = alloc_stats(c);
	CHECK_EQ(st.arenas_current, base.arenas_current);	/* the spare */
	allocated = st.arenas_allocated;
	for (i = 0; i < SWINGS; i++) {
		h[n] = big_str(c, 100000 + i);
		close_handle(c, h[n]);
	}
	st = alloc_stats(c);
	CHECK_EQ(st.arenas_allocated, allocated);		/* nothing mapped */
	CHECK_EQ(st.arenas_current, base.arenas_current);
	CHECK_EQ(pymm_core_trim_idle(~0ull), 0);		/* not idle that long */
	CHECK(pymm_core_trim_idle(0) >= 1);
	st = alloc_stats(c);
	CHECK_EQ(st.arenas_current, base.arenas_current - 1);
	CHECK_EQ(exec_data(c, PYMM_OP_HEAP_VERIFY, 0, NULL, 0), 0);

	pymm_params.arena_idle_ns = 0;
	allocated = st.arenas_allocated;
	for (i = 0; i < SWINGS; i++) {
		h[n] = big_str(c, 200000 + i);
		close_handle(c, h[n]);
	}
	st = alloc_stats(c);
	CHECK_EQ(st.arenas_allocated, allocated + SWINGS);	/* the thrash */
	CHECK_EQ(st.arenas_current, base.arenas_current - 1);
	CHECK_EQ(exec_data(c, PYMM_OP_HEAP_VERIFY, 0, NULL, 0), 0);

	/* one run empties five arenas: PYMM_SPARE_BYTES of them stay, for now */
	pymm_params.arena_idle_ns = 1000000000ull;
	base = alloc_stats(c);
	for (i = 0; i < MANY; i++)
		many[i] = big_str(c, 300000 + i);
	st = alloc_stats(c);
	emptied = st.arenas_current - base.arenas_current;
	CHECK(emptied >= 5);
	close_batched(c, ops, many, MANY);
	st = alloc_stats(c);
	spares = PYMM_SPARE_BYTES / st.arena_size;
	CHECK_EQ(st.arenas_current, base.arenas_current + (emptied < spares ? emptied : spares));
	CHECK_EQ(pymm_core_trim_idle(0), emptied < spares ? emptied : spares);
	st = alloc_stats(c);
	CHECK_EQ(st.arenas_current, base.arenas_current);
	CHECK_EQ(exec_data(c, PYMM_OP_HEAP_VERIFY, 0, NULL, 0), 0);

	/* little room left under the module cap: no spares kept (heap.c) */
	pymm_user_set_mem_limit(pymm_user_charged() + (8u << 20));
	for (i = 0; i < MANY; i++)
		many[i] = big_str(c, 400000 + i);
	close_batched(c, ops, many, MANY);
	st = alloc_stats(c);
	CHECK_EQ(st.arenas_current, base.arenas_current);
	pymm_user_set_mem_limit(0);
out:
	pymm_params.arena_idle_ns = saved;
	while (n)
		close_handle(c, h[--n]);
	pymm_client_release(c);
}

/*
 * Memory pressure (the kernel's shrinker): the heaps keep the host's count
 * of spares current at every unlock (pymm_plat_spares_add(), which the
 * shrinker counts without a lock), and pymm_core_spares_reclaim() returns
 * them without waiting for them to idle; since reclaim can start inside an
 * allocation made with the registry or a heap lock held, it skips whatever
 * it cannot lock at once.
 */
static void test_spares_reclaim(void)
{
	enum { MANY = 2800 };
	struct pymm_client *c = client_on("batch_reclaim");
	u64 saved = pymm_params.arena_idle_ns, kept;
	struct pymm_alloc_stats base, st;
	static struct pymm_op ops[MANY];
	static u64 many[MANY];
	u32 i;

	pymm_params.arena_idle_ns = 60000000000ull;
	pymm_core_trim_idle(0);			/* no other heap's spares */
	CHECK_EQ(pymm_user_spares(), 0);
	CHECK_EQ(pymm_core_spares_reclaim(1), 0);
	base = alloc_stats(c);
	for (i = 0; i < MANY; i++)
		many[i] = big_str(c, 500000 + i);
	CHECK_EQ(pymm_user_spares(), 0);	/* all in use */
	close_batched(c, ops, many, MANY);
	st = alloc_stats(c);
	kept = st.arenas_current - base.arenas_current;
	CHECK_EQ(kept, PYMM_SPARE_BYTES / st.arena_size);
	CHECK_EQ(pymm_user_spares(), kept);	/* told at the unlock */

	/* ops that put a spare back in use: the count follows at each unlock */
	for (i = 0; i < MANY && c->heap->alloc.arenas_empty == kept; i++)
		many[i] = big_str(c, 600000 + i);
	CHECK_EQ(c->heap->alloc.arenas_empty, kept - 1);
	CHECK_EQ(alloc_stats(c).arenas_current, st.arenas_current);
	CHECK_EQ(pymm_user_spares(), kept - 1);
	close_batched(c, ops, many, i);
	CHECK_EQ(pymm_user_spares(), kept);

	pymm_mutex_lock(&c->heap->lock);		/* reclaim inside our op */
	CHECK_EQ(pymm_core_spares_reclaim(1), 0);
	pymm_mutex_unlock(&c->heap->lock);
	pymm_mutex_lock(&pymm_registry_lock);		/* ... or a heap create */
	CHECK_EQ(pymm_core_spares_reclaim(1), 0);
	pymm_mutex_unlock(&pymm_registry_lock);
	CHECK_EQ(alloc_stats(c).arenas_current, st.arenas_current);
	CHECK_EQ(pymm_user_spares(), kept);

	CHECK_EQ(pymm_core_spares_reclaim(1), kept);	/* the heap's spares, all */
	CHECK_EQ(alloc_stats(c).arenas_current, base.arenas_current);
	CHECK_EQ(pymm_user_spares(), 0);
	CHECK_EQ(pymm_core_spares_reclaim(1), 0);
	CHECK_EQ(exec_data(c, PYMM_OP_HEAP_VERIFY, 0, NULL, 0), 0);

	/* a heap destroyed with spares takes them off the count */
	for (i = 0; i < MANY; i++)
		many[i] = big_str(c, 700000 + i);
	close_batched(c, ops, many, MANY);
	CHECK_EQ(pymm_user_spares(), kept);
	CHECK_EQ(exec_data(c, PYMM_OP_HEAP_ATTACH, 0, PYMM_DEFAULT_HEAP,
			   sizeof(PYMM_DEFAULT_HEAP)), 0);
	CHECK_EQ(exec_data(c, PYMM_OP_HEAP_DESTROY, 0, "batch_reclaim",
			   sizeof("batch_reclaim")), 0);
	CHECK_EQ(pymm_user_spares(), 0);
	pymm_params.arena_idle_ns = saved;
	pymm_client_release(c);
}

/*
 * A request the module cap would refuse only because of the heap's own
 * spares is no refusal: the spares go first, and the cap's counter
 * (limit_refusals in the kernel) does not move.  A large block (not from
 * an arena) is what can need the host while the heap has spares.
 */
static void test_cap_with_own_spares(void)
{
	enum { MANY = 2800 };
	struct pymm_client *c = client_on("batch_cap");
	u64 saved = pymm_params.arena_idle_ns, refusals, big;
	static struct pymm_op ops[MANY];
	static u64 many[MANY];
	static char text[8000];
	u32 i;

	pymm_params.arena_idle_ns = 60000000000ull;
	for (i = 0; i < MANY; i++)
		many[i] = big_str(c, 800000 + i);
	close_batched(c, ops, many, MANY);
	CHECK(c->heap->alloc.arenas_empty > 0);
	pymm_user_set_mem_limit(pymm_user_charged() + 1024);
	refusals = pymm_user_refusals();
	memset(text, 'z', sizeof(text));
	big = new_obj(c, PYMM_OP_NEW_STR, text, sizeof(text));
	CHECK_EQ(pymm_user_refusals(), refusals);
	CHECK_EQ(c->heap->alloc.arenas_empty, 0);
	CHECK_EQ(pymm_user_spares(), 0);
	/* and a real refusal still counts (another text: an equal str is shared) */
	pymm_user_set_mem_limit(pymm_user_charged() + 1024);
	text[0] = 'q';
	CHECK_EQ(exec_data(c, PYMM_OP_NEW_STR, 0, text, sizeof(text)), -ENOSPC);
	CHECK_EQ(pymm_user_refusals(), refusals + 1);
	pymm_user_set_mem_limit(0);
	close_handle(c, big);
	CHECK_EQ(exec_data(c, PYMM_OP_HEAP_VERIFY, 0, NULL, 0), 0);
	pymm_params.arena_idle_ns = saved;
	pymm_client_release(c);
}

int main(int argc, char **argv)
{
	struct pymm_core_params p = {
		.heap_quota = 64ull << 20,
		.max_heaps_per_user = 8,
		.max_frame_depth = 1000,
		.max_handles = 4096,
		.arena_shift = PYMM_ARENA_SHIFT_SMALL,
		.pool_shift = PYMM_POOL_SHIFT_SMALL,
	};
	u64 leaks;

	unit_init(argc, argv);
	if (pymm_core_init(&p))
		return 1;
	RUN(test_batch_equals_single);
	RUN(test_batch_stops);
	RUN(test_no_empty_arena_after_ops);
	RUN(test_spare_arena_at_boundary);
	RUN(test_spares_reclaim);
	RUN(test_cap_with_own_spares);
	leaks = pymm_core_exit();
	CHECK_EQ(leaks, 0);
	return unit_summary();
}
