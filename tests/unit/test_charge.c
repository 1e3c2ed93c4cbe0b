// SPDX-License-Identifier: GPL-2.0
/*
 * test_charge.c - what a client holds outside any heap is charged to its
 * uid's account (issue #12, findings 4 and 5): the client itself, its handle
 * table, frame stack and finalizer-output ring, and what the host keeps for
 * it (pymm_client_charge()).  A client attached to the shared default heap
 * (public_heap = 1), whose blocks draw on an account of their own, is refused with -EDQUOT once its uid's account
 * is full, the heap stays consistent, and every byte is uncharged on
 * release: the account ends at exactly zero and goes away.
 *
 * Without the fix, handle tables, frames and rings were charged to the
 * module cap only: ITEMS over a big list of the default heap filled a
 * 65,536-slot table (1 MiB) per client whatever user_quota said.
 */
#include "core/pymm_core.h"
#include "core/alloc.h"
#include "core/platform_user.h"
#include "unit_test.h"

static u8 buf[1 << 20];

#include "op_helpers.h"

#define QUOTA		(768u << 10)
#define UID		1000u

struct acct_seen {
	u32 uid;
	bool found;
	struct pymm_acct_info info;
};

static int acct_seen_fn(const struct pymm_acct_info *a, void *arg)
{
	struct acct_seen *s = arg;

	if (a->uid == s->uid) {
		s->found = true;
		s->info = *a;
	}
	return 0;
}

/* uid's account as an admin reader sees it; found false if there is none */
static struct acct_seen acct_of(u32 uid)
{
	struct acct_seen s = { .uid = uid };

	CHECK_EQ(pymm_visit_accts(0, true, acct_seen_fn, &s), 0);
	return s;
}

static u64 acct_held(u32 uid)
{
	struct acct_seen s = acct_of(uid);

	CHECK(s.found);
	return s.info.held;
}

/* a list of n Nones in c's heap */
static u64 none_list(struct pymm_client *c, u32 n)
{
	u64 none = op0(c, PYMM_OP_CONST, PYMM_CONST_NONE, 0, 0).r0;
	u64 one = new_seq(c, PYMM_OP_NEW_LIST, &none, 1);
	u64 cnt = new_int(c, n);
	struct res r = op0(c, PYMM_OP_BINOP, one, cnt, PYMM_BIN_MUL);

	CHECK_EQ(r.err, 0);
	CHECK_EQ(op0(c, PYMM_OP_CLOSE, none, 0, 0).err, 0);
	CHECK_EQ(op0(c, PYMM_OP_CLOSE, one, 0, 0).err, 0);
	CHECK_EQ(op0(c, PYMM_OP_CLOSE, cnt, 0, 0).err, 0);
	return r.r0;
}

static u64 handles_of(struct pymm_client *c)
{
	struct pymm_heap_stats st;
	struct res r = opx(c, PYMM_OP_HEAP_STATS, 0, 0, 0, 0, NULL, 0, sizeof(st));

	CHECK_EQ(r.err, 0);
	memcpy(&st, buf, sizeof(st));
	return st.handles;
}

/* handle growth: refused with -EDQUOT (MemoryError), nothing installed */
static void test_handles_charged(void)
{
	struct pymm_client *c = client(UID, PYMM_DEFAULT_HEAP);
	struct acct_seen s = acct_of(UID);
	u64 big, small, before, h0, held0;
	struct res r;

	/* the account exists for a uid that owns no heap: the client's */
	CHECK(s.found);
	CHECK_EQ(s.info.heaps, 0);
	CHECK_EQ(s.info.clients, 1);
	CHECK(s.info.held > 0);
	CHECK_EQ(s.info.held, s.info.client_held);
	CHECK_EQ(s.info.quota, QUOTA);

	big = none_list(c, 40000);	/* 40,000 handles: a 1 MiB table */
	small = none_list(c, 1000);
	before = acct_held(UID);
	h0 = handles_of(c);
	r = opx(c, PYMM_OP_ITEMS, 0, big, 0, 0, NULL, 0, 40000 * 8);
	CHECK_EQ(r.err, -EDQUOT);
	CHECK_EQ(r.exc, PYMM_EXC_MEMORY_ERROR);
	CHECK_EQ(handles_of(c), h0);
	CHECK_EQ(acct_held(UID), before);
	verify(c);

	/* what fits is charged: the table grew from 64 to 1024 slots of 16 B */
	r = opx(c, PYMM_OP_ITEMS, 0, small, 0, 0, NULL, 0, 1000 * 8);
	CHECK_EQ(r.err, 0);
	held0 = acct_held(UID);
	CHECK_EQ(held0, before + (1024 - 64) * 16);
	verify(c);

	/* a client of a full account is refused itself */
	CHECK_EQ(pymm_client_charge(c, QUOTA - held0), 0);
	{
		int err = 0;
		struct pymm_client *d = pymm_client_create(UID, false, &err);

		CHECK(!d);
		CHECK_EQ(err, -EDQUOT);
		CHECK_EQ(acct_of(UID).info.clients, 1);
	}
	CHECK_EQ(pymm_client_charge(c, 1), -EDQUOT);
	pymm_client_uncharge(c, QUOTA - held0);
	CHECK_EQ(acct_held(UID), held0);

	/* another uid is not charged for it */
	{
		struct pymm_client *o = client(UID + 1, PYMM_DEFAULT_HEAP);

		CHECK_EQ(opx(o, PYMM_OP_ITEMS, 0, small, 0, 0, NULL, 0, 1000 * 8).err, -EBADF);
		CHECK_EQ(acct_held(UID), held0);
		pymm_client_release(o);
		CHECK(!acct_of(UID + 1).found);
	}

	pymm_client_release(c);
	CHECK(!acct_of(UID).found);
}

/*
 * Verify on a full account: its map is charged to the caller's uid while it
 * runs (verify.c), so give back part of what the test charged, then take it
 * again.
 */
static void verify_lend(struct pymm_client *c)
{
	pymm_client_uncharge(c, 64u << 10);
	verify(c);
	CHECK_EQ(pymm_client_charge(c, 64u << 10), 0);
}

static u64 new_fin_instance(struct pymm_client *c)
{
	static const char d[] = "A\0del a";
	struct res r = opd(c, PYMM_OP_NEW_CLASS, 0, d, sizeof(d) - 1);
	u64 cls = r.r0, inst;

	CHECK_EQ(r.err, 0);
	inst = op0(c, PYMM_OP_NEW_INSTANCE, cls, 0, 0).r0;
	CHECK(inst);
	CHECK_EQ(op0(c, PYMM_OP_CLOSE, cls, 0, 0).err, 0);
	return inst;
}

/* frames and the output ring on a full account */
static void test_frames_and_output_charged(void)
{
	struct pymm_client *c = client(UID, PYMM_DEFAULT_HEAP);
	u64 inst = new_fin_instance(c), room;
	struct res r;
	u32 i;

	/* fill the account but 100 bytes: no frame array (16 entries), no ring */
	room = QUOTA - acct_held(UID) - 100;
	CHECK_EQ(pymm_client_charge(c, room), 0);
	r = opd(c, PYMM_OP_FRAME_PUSH, 0, "f", 1);
	CHECK_EQ(r.err, -EDQUOT);
	CHECK_EQ(r.exc, PYMM_EXC_MEMORY_ERROR);
	r = op0(c, PYMM_OP_FRAME_POP, 0, 0, 0);
	CHECK_EQ(r.err, -ENOENT);		/* nothing was pushed */

	/* the finalizer runs; its text is dropped and counted, not queued */
	r = op0(c, PYMM_OP_CLOSE, inst, 0, 0);
	CHECK_EQ(r.err, 0);
	r = opx(c, PYMM_OP_READ_OUTPUT, 0, 0, 0, 0, NULL, 0, 64);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.data_len, 0);
	CHECK_EQ(r.r1, 6);			/* "del a\n" dropped */
	CHECK_EQ(acct_held(UID), QUOTA - 100);
	verify_lend(c);

	/* room again: both work, and are charged */
	pymm_client_uncharge(c, room);
	room = acct_held(UID);
	for (i = 0; i < 20; i++)
		CHECK_EQ(opd(c, PYMM_OP_FRAME_PUSH, 0, "f", 1).err, 0);
	CHECK_EQ(acct_held(UID), room + 32 * sizeof(struct pymm_frame));	/* 16, then 32 frames' entries */
	inst = new_fin_instance(c);
	CHECK_EQ(op0(c, PYMM_OP_CLOSE, inst, 0, 0).err, 0);
	CHECK_EQ(acct_held(UID), room + 32 * sizeof(struct pymm_frame) + (64u << 10));
	r = opx(c, PYMM_OP_READ_OUTPUT, 0, 0, 0, 0, NULL, 0, 64);
	CHECK_EQ(r.data_len, 6);
	CHECK(!memcmp(buf, "del a\n", 6));
	verify(c);

	/* a deeper stack needs a 64-frame array: refused on a full account */
	CHECK_EQ(pymm_client_charge(c, QUOTA - acct_held(UID)), 0);
	for (i = 0; i < 12; i++)
		CHECK_EQ(opd(c, PYMM_OP_FRAME_PUSH, 0, "f", 1).err, 0);
	CHECK_EQ(opd(c, PYMM_OP_FRAME_PUSH, 0, "f", 1).err, -EDQUOT);
	CHECK_EQ(op0(c, PYMM_OP_FRAME_POP, 0, 0, 0).r0, 31);
	verify_lend(c);
	pymm_client_uncharge(c, QUOTA - room - 32 * sizeof(struct pymm_frame) - (64u << 10));

	pymm_client_release(c);
	CHECK(!acct_of(UID).found);
}

/*
 * The account lives while a heap or a client of the uid does; when the last
 * client goes, what is left is the heap's own bytes, none of the clients'.
 */
static void test_account_lifetime(void)
{
	struct pymm_client *c = client(UID, NULL), *d;
	struct acct_seen s;
	u64 l;

	CHECK_EQ(opd(c, PYMM_OP_HEAP_CREATE, 0, "mine", 4).err, 0);
	CHECK_EQ(opd(c, PYMM_OP_HEAP_ATTACH, 0, "mine", 4).err, 0);
	l = none_list(c, 3000);
	CHECK_EQ(opx(c, PYMM_OP_ITEMS, 0, l, 0, 0, NULL, 0, 3000 * 8).err, 0);
	s = acct_of(UID);
	CHECK_EQ(s.info.heaps, 1);
	CHECK_EQ(s.info.clients, 1);
	CHECK(s.info.client_held >= 3000 * 16);
	CHECK(s.info.held > s.info.client_held);
	pymm_client_release(c);

	s = acct_of(UID);
	CHECK(s.found);
	CHECK_EQ(s.info.clients, 0);
	CHECK_EQ(s.info.client_held, 0);
	CHECK(s.info.held > 0);			/* the heap's arenas */

	d = client(UID, NULL);
	CHECK_EQ(opd(d, PYMM_OP_HEAP_DESTROY, 0, "mine", 4).err, 0);
	s = acct_of(UID);
	CHECK_EQ(s.info.heaps, 0);
	CHECK_EQ(s.info.held, s.info.client_held);
	pymm_client_release(d);
	CHECK(!acct_of(UID).found);
}

/* root is not accounted: no account, whatever it holds */
static void test_root_unaccounted(void)
{
	struct pymm_client *c = client(0, PYMM_DEFAULT_HEAP);
	u64 l = none_list(c, 20000);

	CHECK_EQ(opx(c, PYMM_OP_ITEMS, 0, l, 0, 0, NULL, 0, 20000 * 8).err, 0);
	CHECK(!acct_of(0).found);
	CHECK_EQ(pymm_client_charge(c, 4u << 20), 0);
	pymm_client_uncharge(c, 4u << 20);
	pymm_client_release(c);
}

/*
 * The verify op's map (16 bytes a slot, a power of two above twice the
 * objects) is charged to the caller's uid while the op runs: 10,000 ints
 * of the uid's heap (about 400 KiB of it) need a 512 KiB map, more than
 * QUOTA leaves, so -EDQUOT (MemoryError), nothing left charged; once they
 * are gone the heap verifies and the account ends where it was.  Unfixed,
 * the map was charged to nobody and verify passed.
 */
static void test_verify_map_charged(void)
{
	struct pymm_client *c = client(UID, NULL);
	u64 l, held0;
	struct res r;
	u32 i;

	CHECK_EQ(opd(c, PYMM_OP_HEAP_CREATE, 0, "vh", 3).err, 0);
	CHECK_EQ(opd(c, PYMM_OP_HEAP_ATTACH, 0, "vh", 3).err, 0);
	l = new_seq(c, PYMM_OP_NEW_LIST, NULL, 0);
	for (i = 0; i < 10000; i++) {
		u64 v = new_int(c, 100000 + i);

		CHECK_EQ(op0(c, PYMM_OP_APPEND, l, v, 0).err, 0);
		CHECK_EQ(op0(c, PYMM_OP_CLOSE, v, 0, 0).err, 0);
	}
	held0 = acct_held(UID);
	r = op0(c, PYMM_OP_HEAP_VERIFY, 0, 0, 0);
	CHECK_EQ(r.err, -EDQUOT);
	CHECK_EQ(r.exc, PYMM_EXC_MEMORY_ERROR);
	CHECK_EQ(acct_held(UID), held0);
	CHECK_EQ(op0(c, PYMM_OP_CLOSE, l, 0, 0).err, 0);
	held0 = acct_held(UID);
	verify(c);
	CHECK_EQ(acct_held(UID), held0);
	CHECK_EQ(opd(c, PYMM_OP_HEAP_DESTROY, 0, "vh", 3).err, 0);
	pymm_client_release(c);
	CHECK(!acct_of(UID).found);
}

int main(int argc, char **argv)
{
	struct pymm_core_params p = {
		.heap_quota = 64ull << 20,
		.user_quota = QUOTA,
		.max_heaps_per_user = 4,
		.max_frame_depth = 1000,
		.max_handles = 1u << 16,
		.arena_shift = PYMM_ARENA_SHIFT_SMALL,
		.pool_shift = PYMM_POOL_SHIFT_SMALL,
		/* the shared heap: its blocks are not the client's uid's */
		.public_heap = 1,
	};
	u64 leaks;

	unit_init(argc, argv);
	if (pymm_core_init(&p))
		return 1;
	RUN(test_handles_charged);
	RUN(test_frames_and_output_charged);
	RUN(test_account_lifetime);
	RUN(test_root_unaccounted);
	RUN(test_verify_map_charged);
	leaks = pymm_core_exit();
	CHECK_EQ(leaks, 0);
	CHECK_EQ(pymm_user_charged(), 0);
	return unit_summary();
}
