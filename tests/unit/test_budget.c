// SPDX-License-Identifier: GPL-2.0
/*
 * test_budget.c - the work budget of an op (heap.h, struct pymm_work): the
 * two attacks of issue #12 end with a clean error and a heap that verifies,
 * a killed task's op stops at the next check, and legitimate big ops still
 * run.
 *
 *  1. [X] * n < [Y] * n, X and Y equal but distinct trees of shared
 *     sublists: each == used to get a fresh budget, so the ordering ran n
 *     of them in one op;
 *  2. hash flooding: distinct 2-tuples of one hash (hashes are CPython's,
 *     public and invertible), n of them in one NEW_DICT cost n**2 / 2
 *     comparisons; and a dict table rebuild of such keys, n**2 / 2 probes.
 *
 * The core runs with work_base = 2**20 (the kernel's is 2**24) so that the
 * attacks are refused after a second of ASan, not twenty; without the fix
 * they run to the end (seconds to minutes) and succeed, which fails the
 * checks.  An alarm guards against hanging for good.
 */
#include <signal.h>
#include <unistd.h>

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "core/platform_user.h"
#include "unit_test.h"

static u8 buf[1 << 20];

#include "op_helpers.h"

#define WORK_BASE	(1ull << 20)

static void on_alarm(int sig)
{
	static const char msg[] = "test_budget: an op did not end (alarm)\n";

	(void)sig;
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(2);
}

/*
 * cur = [cur, cur] (or a tuple), n times: equal to another chain built the
 * same way, but == walks 2**(n+1) pairs to find out.
 */
static u64 chain(struct pymm_client *c, u32 code, u32 n)
{
	u64 cur = new_int(c, 7), pair[2], next;
	u32 i;

	for (i = 0; i < n; i++) {
		pair[0] = cur;
		pair[1] = cur;
		next = new_seq(c, code, pair, 2);
		closeh(c, cur);
		cur = next;
	}
	return cur;
}

/* [x] * n, through the BINOP the interpreter uses */
static u64 repeat(struct pymm_client *c, u64 x, s64 n)
{
	u64 l = new_seq(c, PYMM_OP_NEW_LIST, &x, 1), cnt = new_int(c, n);
	struct res r = op0(c, PYMM_OP_BINOP, l, cnt, PYMM_BIN_MUL);

	CHECK_EQ(r.err, 0);
	closeh(c, l);
	closeh(c, cnt);
	return r.r0;
}

/* ------------------------------------------------- colliding tuple keys */

#define XXPRIME_1	11400714785074694791ull
#define XXPRIME_2	14029467366897019727ull
#define XXPRIME_5	2870177450012600261ull

static u64 rotl(u64 x, int r)
{
	return x << r | x >> (64 - r);
}

/* hash(int) as int.c: v mod 2**61 - 1, sign kept, -1 is -2 */
static s64 hash_int(s64 v)
{
	const u64 m = (1ull << 61) - 1;
	u64 mag = v < 0 ? 0 - (u64)v : (u64)v;
	s64 x;

	mag = (mag & m) + (mag >> 61);
	if (mag >= m)
		mag -= m;
	x = v < 0 ? -(s64)mag : (s64)mag;
	return x == -1 ? -2 : x;
}

static u64 inverse(u64 a)	/* mod 2**64, a odd: Newton */
{
	u64 x = a;
	int i;

	for (i = 0; i < 6; i++)
		x *= 2 - a * x;
	return x;
}

/* hash((a, b)) for two ints, as tuple.c (CPython's xxHash lanes) */
static u64 lane(u64 acc, u64 h)
{
	acc += h * XXPRIME_2;
	return rotl(acc, 31) * XXPRIME_1;
}

/*
 * The b of (a, b) with hash target: run the formula backwards.  False when
 * the lane hash needed is no int's hash (|h| >= 2**61 - 1, or -1).
 */
static bool solve_b(s64 a, u64 target, s64 *b)
{
	u64 acc1 = lane(XXPRIME_5, (u64)hash_int(a));
	u64 acc2 = target - (2 ^ (XXPRIME_5 ^ 3527539ull));
	u64 x = rotl(acc2 * inverse(XXPRIME_1), 33);
	s64 h = (s64)((x - acc1) * inverse(XXPRIME_2));

	if (h == -1 || h >= (s64)((1ull << 61) - 1) || h <= -(s64)((1ull << 61) - 1))
		return false;
	*b = h;
	return hash_int(h) == h;
}

#define TARGET	0x5eed5eed5eedull

/* n distinct (a, b) tuples all of hash TARGET, as handles in keys[] */
static void colliding_keys(struct pymm_client *c, u64 *keys, u32 n)
{
	s64 a = 1000, b;
	u32 i = 0;

	while (i < n) {
		u64 item[2];
		struct res r;

		if (!solve_b(++a, TARGET, &b))
			continue;
		item[0] = new_int(c, a);
		item[1] = new_int(c, b);
		keys[i] = new_seq(c, PYMM_OP_NEW_TUPLE, item, 2);
		closeh(c, item[0]);
		closeh(c, item[1]);
		r = op0(c, PYMM_OP_HASH, keys[i], 0, 0);
		if (!CHECK_EQ(r.r0, TARGET))
			return;
		i++;
	}
}

/* NEW_DICT {keys[i]: v}: data = (key, value) handle pairs */
static struct res new_dict(struct pymm_client *c, const u64 *keys, u32 n, u64 v)
{
	static u64 kv[2 * 16384];
	u32 i;

	for (i = 0; i < n; i++) {
		kv[2 * i] = keys[i];
		kv[2 * i + 1] = v;
	}
	return opd(c, PYMM_OP_NEW_DICT, 0, kv, n * 16);
}

/* ------------------------------------------------------------ the tests */

/* finding 1: n comparisons of 2**17 steps each, in one op */
static void test_ordering_shared_sublists(void)
{
	struct pymm_client *c = client(1000, PYMM_DEFAULT_HEAP);
	u64 base = heap_objects(c), x = chain(c, PYMM_OP_NEW_LIST, 16), y = chain(c, PYMM_OP_NEW_LIST, 16);
	u64 lx = repeat(c, x, 256), ly = repeat(c, y, 256), sx, sy;
	struct res r;

	alarm(120);
	/* one == of two such trees is fine */
	r = op0(c, PYMM_OP_COMPARE, x, y, PYMM_CMP_EQ);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 1);
	/* and so is a short ordering: 2 of them */
	sx = repeat(c, x, 2);
	sy = repeat(c, y, 2);
	r = op0(c, PYMM_OP_COMPARE, sx, sy, PYMM_CMP_LT);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 0);
	/* 256 of them in one op: the budget ends it, no Python exception */
	r = op0(c, PYMM_OP_COMPARE, lx, ly, PYMM_CMP_LT);
	CHECK_EQ(r.err, -ETIME);
	CHECK_EQ(r.exc, PYMM_EXC_NONE);
	r = op0(c, PYMM_OP_COMPARE, lx, ly, PYMM_CMP_EQ);
	CHECK_EQ(r.err, -ETIME);
	alarm(0);
	verify(c);
	/* the next op has a budget of its own */
	r = op0(c, PYMM_OP_COMPARE, sx, sy, PYMM_CMP_LE);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 1);
	closeh(c, sx);
	closeh(c, sy);
	closeh(c, lx);
	closeh(c, ly);
	closeh(c, x);
	closeh(c, y);
	CHECK_EQ(heap_objects(c), base);
	verify(c);
	pymm_client_release(c);
}

/* finding 3: one NEW_DICT of n keys of one hash */
static void test_hash_flood_new_dict(void)
{
	static u64 keys[4096];
	struct pymm_client *c = client(1000, PYMM_DEFAULT_HEAP);
	u64 base = heap_objects(c), none, d;
	struct res r;
	u32 i;

	colliding_keys(c, keys, 4096);
	none = op0(c, PYMM_OP_CONST, PYMM_CONST_NONE, 0, 0).r0;
	alarm(120);
	/* a few hundred still insert (n**2 / 2 = 45k probes) */
	r = new_dict(c, keys, 300, none);
	CHECK_EQ(r.err, 0);
	d = r.r0;
	CHECK_EQ(op0(c, PYMM_OP_LEN, d, 0, 0).r0, 300);
	r = op0(c, PYMM_OP_GETITEM, d, keys[299], 0);
	CHECK_EQ(r.err, 0);
	closeh(c, r.r0);
	closeh(c, d);
	/* 4096: 8.4M probes, each a tuple == */
	r = new_dict(c, keys, 4096, none);
	CHECK_EQ(r.err, -ETIME);
	CHECK_EQ(r.exc, PYMM_EXC_NONE);
	alarm(0);
	verify(c);
	for (i = 0; i < 4096; i++)
		closeh(c, keys[i]);
	closeh(c, none);
	CHECK_EQ(heap_objects(c), base);		/* the half-built dict went */
	verify(c);
	pymm_client_release(c);
}

/*
 * One key per op: each probe is short, but the table rebuild at a growth
 * walks one probe sequence for all keys (n**2 / 2 probes).  The refused op
 * must leave the dict as it was: every key still there, the heap verifies.
 */
static void test_hash_flood_rebuild(void)
{
	static u64 keys[4096];
	struct pymm_client *c = client(1000, PYMM_DEFAULT_HEAP);
	u64 base = heap_objects(c), none, d;
	struct res r;
	u32 i, n = 0;

	colliding_keys(c, keys, 4096);
	none = op0(c, PYMM_OP_CONST, PYMM_CONST_NONE, 0, 0).r0;
	d = opd(c, PYMM_OP_NEW_DICT, 0, NULL, 0).r0;
	alarm(120);
	for (i = 0; i < 4096; i++) {
		r = op0(c, PYMM_OP_SETITEM, d, keys[i], none);
		if (r.err)
			break;
		n++;
	}
	alarm(0);
	CHECK_EQ(r.err, -ETIME);
	CHECK_EQ(r.exc, PYMM_EXC_NONE);
	NOTE("rebuild refused at key %u", n);
	if (!CHECK(n > 300 && n < 4096))
		n = 4095;
	CHECK_EQ(op0(c, PYMM_OP_LEN, d, 0, 0).r0, n);
	verify(c);
	/* the keys inserted are all still found: the old table stayed */
	for (i = 0; i < n; i += n / 7) {
		r = op0(c, PYMM_OP_GETITEM, d, keys[i], 0);
		CHECK_EQ(r.err, 0);
		closeh(c, r.r0);
	}
	CHECK_EQ(op0(c, PYMM_OP_GETITEM, d, keys[n], 0).err, -ENOENT);
	closeh(c, d);
	for (i = 0; i < 4096; i++)
		closeh(c, keys[i]);
	closeh(c, none);
	CHECK_EQ(heap_objects(c), base);
	verify(c);
	pymm_client_release(c);
}

/*
 * An insertion refused in the middle of its probe: the key's == walks a
 * tree of shared tuples (2**21 steps, over the budget) against the equal
 * key already in the dict.  The dict keeps what it had.
 */
static void test_refused_mid_probe(void)
{
	struct pymm_client *c = client(1000, PYMM_DEFAULT_HEAP);
	u64 base = heap_objects(c), none, d, k0, k1, k2, k3;
	struct res r;

	none = op0(c, PYMM_OP_CONST, PYMM_CONST_NONE, 0, 0).r0;
	k0 = chain(c, PYMM_OP_NEW_TUPLE, 20);
	k1 = chain(c, PYMM_OP_NEW_TUPLE, 20);
	k2 = chain(c, PYMM_OP_NEW_TUPLE, 17);
	k3 = chain(c, PYMM_OP_NEW_TUPLE, 17);
	d = opd(c, PYMM_OP_NEW_DICT, 0, NULL, 0).r0;
	CHECK_EQ(op0(c, PYMM_OP_SETITEM, d, k0, none).err, 0);
	CHECK_EQ(op0(c, PYMM_OP_SETITEM, d, k2, none).err, 0);
	alarm(120);
	/* an equal key of the smaller tree: one == of 2**18 steps, replaced */
	CHECK_EQ(op0(c, PYMM_OP_SETITEM, d, k3, k3).err, 0);
	/* of the big one: refused inside the == */
	r = op0(c, PYMM_OP_SETITEM, d, k1, k1);
	CHECK_EQ(r.err, -ETIME);
	CHECK_EQ(r.exc, PYMM_EXC_NONE);
	r = op0(c, PYMM_OP_GETITEM, d, k1, 0);
	CHECK_EQ(r.err, -ETIME);
	alarm(0);
	verify(c);
	CHECK_EQ(op0(c, PYMM_OP_LEN, d, 0, 0).r0, 2);
	r = op0(c, PYMM_OP_GETITEM, d, k0, 0);		/* same object: no == */
	CHECK_EQ(r.err, 0);
	CHECK_EQ(op0(c, PYMM_OP_TYPE, r.r0, 0, 0).r0, PYMM_T_NONE);
	closeh(c, r.r0);
	r = op0(c, PYMM_OP_GETITEM, d, k2, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(op0(c, PYMM_OP_TYPE, r.r0, 0, 0).r0, PYMM_T_TUPLE);	/* k3 */
	closeh(c, r.r0);
	closeh(c, d);
	closeh(c, k0);
	closeh(c, k1);
	closeh(c, k2);
	closeh(c, k3);
	closeh(c, none);
	CHECK_EQ(heap_objects(c), base);
	verify(c);
	pymm_client_release(c);
}

/*
 * The fatal-signal hook: an op whose task is killed ends at the next check
 * (within PYMM_WORK_CHECK steps) with -EINTR and no exception; the heap is
 * whole, and a batch run stops after it.
 */
static void test_killed_op_stops(void)
{
	static u64 keys[4096];
	struct pymm_client *c = client(1000, PYMM_DEFAULT_HEAP);
	u64 base = heap_objects(c), x = chain(c, PYMM_OP_NEW_LIST, 16), y = chain(c, PYMM_OP_NEW_LIST, 16);
	u64 lx = repeat(c, x, 256), ly = repeat(c, y, 256), none, checks;
	struct pymm_op ops[3] = {
		{ .code = PYMM_OP_COMPARE, .arg = { lx, ly, PYMM_CMP_LT } },
		{ .code = PYMM_OP_NOP },
		{ .code = PYMM_OP_NOP },
	};
	struct res r;
	u32 i, ran;

	alarm(120);
	checks = pymm_user_fatal_checks();
	pymm_user_kill_after(3);
	r = op0(c, PYMM_OP_COMPARE, lx, ly, PYMM_CMP_LT);
	CHECK_EQ(r.err, -EINTR);
	CHECK_EQ(r.exc, 0);
	/* asked three times, stopped at the third: nothing ran on after */
	CHECK_EQ(pymm_user_fatal_checks() - checks, 3);
	/* still "killed": the next op stops at its first check too */
	checks = pymm_user_fatal_checks();
	ran = pymm_op_exec_batch(c, ops, 3, 0);
	CHECK_EQ(ran, 1);
	CHECK_EQ(ops[0].error, -EINTR);
	CHECK_EQ(pymm_user_fatal_checks() - checks, 1);
	/* a hash flood, killed while probing */
	pymm_user_kill_after(0);
	colliding_keys(c, keys, 4096);
	none = op0(c, PYMM_OP_CONST, PYMM_CONST_NONE, 0, 0).r0;
	pymm_user_kill_after(10);
	r = new_dict(c, keys, 4096, none);
	CHECK_EQ(r.err, -EINTR);
	/* releasing a client is no op: it completes even while "killed" */
	pymm_client_release(client(1000, PYMM_DEFAULT_HEAP));
	pymm_user_kill_after(0);
	alarm(0);
	verify(c);
	for (i = 0; i < 4096; i++)
		closeh(c, keys[i]);
	closeh(c, none);
	closeh(c, lx);
	closeh(c, ly);
	closeh(c, x);
	closeh(c, y);
	CHECK_EQ(heap_objects(c), base);
	verify(c);
	pymm_client_release(c);
}

/*
 * A collection draws no steps (it cannot stop halfway), so a batch run of
 * collections never asked whether its task was killed: 32 of them in one
 * PYMM_IOC_BATCH chunk ignored SIGKILL for their whole length (5.3 s under
 * TCG, gckill.sh).  The run asks between two ops: killed during the first
 * collection, it runs no second.
 */
static void test_killed_batch_of_collections(void)
{
	struct pymm_client *c = client(1000, PYMM_DEFAULT_HEAP);
	struct pymm_op ops[3];
	u32 i, ran;

	memset(ops, 0, sizeof(ops));
	for (i = 0; i < 3; i++) {
		ops[i].code = PYMM_OP_GC_COLLECT;
		ops[i].arg[0] = 2;
	}
	pymm_user_kill_after(1);
	ran = pymm_op_exec_batch(c, ops, 3, 0);
	pymm_user_kill_after(0);
	CHECK_EQ(ran, 1);
	CHECK_EQ(ops[0].error, 0);
	verify(c);
	pymm_client_release(c);
}

/*
 * A collection draws no budget (it cannot stop halfway), but what it cost
 * counts towards its batch run: a run of full collections of a heap bigger
 * than one op's base budget ends after the first, so that the heap's other
 * clients get the lock between two (before: all 32 of a chunk, 6 s under
 * TCG).  Collections of a small heap still run together.
 */
static void test_batch_of_collections_ends(void)
{
	struct pymm_client *c = client(1000, PYMM_DEFAULT_HEAP);
	u64 zero = new_int(c, 0), big;
	struct pymm_op ops[3];
	u32 i, ran;

	memset(ops, 0, sizeof(ops));
	for (i = 0; i < 3; i++) {
		ops[i].code = PYMM_OP_GC_COLLECT;
		ops[i].arg[0] = 2;
	}
	CHECK_EQ(pymm_op_exec_batch(c, ops, 3, 0), 3);	/* a small heap */
	/* [0] * 2**21: 16 MiB, twice as many words as the base budget's steps */
	big = repeat(c, zero, 1 << 21);
	ran = pymm_op_exec_batch(c, ops, 3, 0);
	CHECK_EQ(ran, 1);
	CHECK_EQ(ops[0].error, 0);
	closeh(c, big);
	closeh(c, zero);
	verify(c);
	pymm_client_release(c);
}

/*
 * A batch run holds the heap lock for all its ops: it ends after the op
 * that takes the run's steps past one op's base budget, so that other
 * clients of the heap get the lock between two expensive ops (the host
 * calls again for the rest).  Cheap ops still run together.
 */
static void test_batch_run_ends(void)
{
	struct pymm_client *c = client(1000, PYMM_DEFAULT_HEAP);
	u64 x = chain(c, PYMM_OP_NEW_LIST, 16), y = chain(c, PYMM_OP_NEW_LIST, 16);
	u64 lx = repeat(c, x, 256), ly = repeat(c, y, 256);
	u64 sx = chain(c, PYMM_OP_NEW_LIST, 12), sy = chain(c, PYMM_OP_NEW_LIST, 12);
	struct pymm_op ops[4];
	u32 i, ran;

	alarm(120);
	for (i = 0; i < 4; i++)
		ops[i] = (struct pymm_op){ .code = PYMM_OP_COMPARE, .arg = { lx, ly, PYMM_CMP_LT } };
	ran = pymm_op_exec_batch(c, ops, 4, 0);
	CHECK_EQ(ran, 1);
	CHECK_EQ(ops[0].error, -ETIME);
	/* about 2**14 steps each: they run together */
	for (i = 0; i < 4; i++)
		ops[i] = (struct pymm_op){ .code = PYMM_OP_COMPARE, .arg = { sx, sy, PYMM_CMP_LE } };
	ran = pymm_op_exec_batch(c, ops, 4, 0);
	CHECK_EQ(ran, 4);
	ran = pymm_op_exec_batch(c, ops, 4, 0);
	CHECK_EQ(ran, 4);
	for (i = 0; i < 4; i++) {
		CHECK_EQ(ops[i].error, 0);
		CHECK_EQ(ops[i].ret[0], 1);
	}
	alarm(0);
	for (i = 0; i < 4; i++)
		ops[i] = (struct pymm_op){ .code = PYMM_OP_NOP };
	CHECK_EQ(pymm_op_exec_batch(c, ops, 4, 0), 4);
	closeh(c, sx);
	closeh(c, sy);
	closeh(c, lx);
	closeh(c, ly);
	closeh(c, x);
	closeh(c, y);
	verify(c);
	pymm_client_release(c);
}

/*
 * The budget grows with the heap: [0] * 2M takes 2M steps (more than the
 * 1M base) and is allowed by the 16 MiB it allocates; comparing two such
 * lists too.
 */
static void test_big_ops_still_run(void)
{
	struct pymm_client *c = client(1000, PYMM_DEFAULT_HEAP);
	u64 zero = new_int(c, 0), a, b, s, big;
	struct res r;

	alarm(120);
	a = repeat(c, zero, 2000000);
	b = repeat(c, zero, 2000000);
	CHECK_EQ(op0(c, PYMM_OP_LEN, a, 0, 0).r0, 2000000);
	r = op0(c, PYMM_OP_COMPARE, a, b, PYMM_CMP_EQ);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 1);
	r = op0(c, PYMM_OP_COMPARE, a, b, PYMM_CMP_LT);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 0);
	r = op0(c, PYMM_OP_BINOP, a, b, PYMM_BIN_ADD);
	CHECK_EQ(r.err, 0);
	closeh(c, r.r0);
	/* str * n: 1 MiB, the most a str may be */
	s = new_str(c, "abcd");
	big = new_int(c, 1 << 18);
	r = op0(c, PYMM_OP_BINOP, s, big, PYMM_BIN_MUL);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(op0(c, PYMM_OP_LEN, r.r0, 0, 0).r0, 1u << 20);
	closeh(c, r.r0);
	alarm(0);
	closeh(c, s);
	closeh(c, big);
	closeh(c, a);
	closeh(c, b);
	closeh(c, zero);
	verify(c);
	pymm_client_release(c);
}

int main(int argc, char **argv)
{
	struct pymm_core_params p = {
		.heap_quota = 256ull << 20,
		.max_heaps_per_user = 4,
		.max_frame_depth = 1000,
		.max_handles = 1 << 16,
		.arena_shift = PYMM_ARENA_SHIFT_SMALL,
		.pool_shift = PYMM_POOL_SHIFT_SMALL,
		.work_base = WORK_BASE,
	};
	u64 leaks;

	unit_init(argc, argv);
	signal(SIGALRM, on_alarm);
	pymm_user_set_log_level(PYMM_LOG_WARN);
	if (pymm_core_init(&p))
		return 1;
	RUN(test_ordering_shared_sublists);
	RUN(test_hash_flood_new_dict);
	RUN(test_hash_flood_rebuild);
	RUN(test_refused_mid_probe);
	RUN(test_killed_op_stops);
	RUN(test_batch_run_ends);
	RUN(test_killed_batch_of_collections);
	RUN(test_batch_of_collections_ends);
	RUN(test_big_ops_still_run);
	leaks = pymm_core_exit();
	CHECK_EQ(leaks, 0);
	return unit_summary();
}
