// SPDX-License-Identifier: GPL-2.0
/*
 * test_reclaim.c - the module's shrinker, simulated everywhere it could
 * run: with pymm_user_set_reclaim(), every host allocation the core makes
 * (an arena, a table, a heap, a client, a user account) first returns every
 * heap's spare arenas it can, from inside that allocation and under
 * whatever locks its caller holds, and every lock is error-checking.  A
 * workload of heaps with spares, user accounts and collections must then
 * run without a lock taken twice (an abort), with every heap verifying,
 * and with the bytes charged to the cap and the accounts coming back to
 * zero: the locking rule in heap.h, tested rather than argued.
 */
#include <stdlib.h>

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "core/heap.h"	/* pymm_params: arena_idle_ns */
#include "unit_test.h"

static u8 buf[1 << 20];

#include "op_helpers.h"

enum { NSTR = 3000, NHEAPS = 3 };

static u64 arenas_current(struct pymm_client *c)
{
	struct pymm_op op;
	struct {
		struct pymm_alloc_stats a;
		struct pymm_class_stats cls[PYMM_NB_SIZE_CLASSES];
	} *st = (void *)buf;

	memset(&op, 0, sizeof(op));
	op.code = PYMM_OP_ALLOC_STATS;
	op.data_len = sizeof(*st);
	CHECK_EQ(pymm_op_exec(c, &op, buf, sizeof(buf)), 0);
	return st->a.arenas_current;
}

/* five arenas' worth of 416-byte strs in a list, then dropped: spares */
static void fill_and_drop(struct pymm_client *c)
{
	static u64 h[NSTR];
	char s[420];
	u64 list;
	u32 i;

	memset(s, 'a', 400);
	for (i = 0; i < NSTR; i++) {
		snprintf(s + 400, sizeof(s) - 400, "%u", i);
		h[i] = new_str(c, s);
	}
	list = new_seq(c, PYMM_OP_NEW_LIST, h, NSTR);
	for (i = 0; i < NSTR; i++)
		CHECK_EQ(op0(c, PYMM_OP_CLOSE, h[i], 0, 0).err, 0);
	CHECK_EQ(op0(c, PYMM_OP_CLOSE, list, 0, 0).err, 0);
}

/* a cycle through an instance and a list, left to the collector */
static void make_cycle(struct pymm_client *c)
{
	struct res r = opd(c, PYMM_OP_NEW_CLASS, 0, "K", 1);
	u64 k = r.r0, inst, list;

	CHECK_EQ(r.err, 0);
	inst = op0(c, PYMM_OP_NEW_INSTANCE, k, 0, 0).r0;
	list = new_seq(c, PYMM_OP_NEW_LIST, &inst, 1);
	CHECK_EQ(opx(c, PYMM_OP_SETATTR, 0, inst, list, 0, "l", 1, 0).err, 0);
	CHECK_EQ(op0(c, PYMM_OP_CLOSE, list, 0, 0).err, 0);
	CHECK_EQ(op0(c, PYMM_OP_CLOSE, inst, 0, 0).err, 0);
	CHECK_EQ(op0(c, PYMM_OP_CLOSE, k, 0, 0).err, 0);
}

static void test_reclaim_everywhere(void)
{
	struct pymm_client *c[NHEAPS];
	char name[16];
	u64 base[NHEAPS], before;
	int i, round;

	for (i = 0; i < NHEAPS; i++) {
		snprintf(name, sizeof(name), "reclaim%d", i);
		c[i] = client(1000 + i % 2, NULL);	/* two users: two accounts */
		CHECK_EQ(opd(c[i], PYMM_OP_HEAP_CREATE, 0, name, strlen(name) + 1).err, 0);
		CHECK_EQ(opd(c[i], PYMM_OP_HEAP_ATTACH, 0, name, strlen(name) + 1).err, 0);
		base[i] = arenas_current(c[i]);
	}
	/*
	 * Every heap in turn leaves spares behind, and the next heap's
	 * allocations (locks held) take them back through reclaim.
	 */
	before = pymm_user_reclaimed();
	for (round = 0; round < 2; round++) {
		for (i = 0; i < NHEAPS; i++) {
			fill_and_drop(c[i]);
			make_cycle(c[i]);
			CHECK_EQ(op0(c[i], PYMM_OP_GC_COLLECT, 2, 0, 0).err, 0);
			verify(c[i]);
		}
	}
	CHECK(pymm_user_reclaimed() > before);
	/* the last heap's spares are still there; nothing else is */
	for (i = 0; i < NHEAPS - 1; i++)
		CHECK_EQ(arenas_current(c[i]), base[i]);
	CHECK(arenas_current(c[NHEAPS - 1]) > base[NHEAPS - 1]);
	CHECK_EQ(pymm_user_spares(), arenas_current(c[NHEAPS - 1]) - base[NHEAPS - 1]);

	/* a heap destroyed with reclaim running inside its teardown */
	for (i = 0; i < NHEAPS; i++) {
		snprintf(name, sizeof(name), "reclaim%d", i);
		pymm_client_release(c[i]);
		c[i] = client(1000 + i % 2, NULL);
		CHECK_EQ(opd(c[i], PYMM_OP_HEAP_DESTROY, 0, name, strlen(name) + 1).err, 0);
		pymm_client_release(c[i]);
	}
	CHECK_EQ(pymm_user_spares(), 0);
}

int main(int argc, char **argv)
{
	struct pymm_core_params p = {
		.heap_quota = 64ull << 20,
		.user_quota = 256ull << 20,	/* accounts: pymm_acct_lock in play */
		.max_heaps_per_user = 4,
		.max_frame_depth = 1000,
		.max_handles = 8192,
		.arena_shift = PYMM_ARENA_SHIFT_SMALL,
		.pool_shift = PYMM_POOL_SHIFT_SMALL,
		.arena_idle_ns = 60000000000ull,	/* spares kept: 1 MiB a heap */
	};
	u64 leaks;

	unit_init(argc, argv);
	pymm_user_set_reclaim(true);
	if (pymm_core_init(&p))
		return 1;
	RUN(test_reclaim_everywhere);
	leaks = pymm_core_exit();
	pymm_user_set_reclaim(false);
	CHECK_EQ(leaks, 0);
	CHECK_EQ(pymm_user_charged(), 0);
	CHECK_EQ(pymm_user_arenas_live(), 0);
	return unit_summary();
}
