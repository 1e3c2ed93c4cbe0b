// SPDX-License-Identifier: GPL-2.0
/*
 * test_freelist.c - the object-specific allocators (module/core/freelist.h):
 * CPython 3.11's free lists, their sizes and conditions, their effect on
 * generation 0's count, what clears them (a full collection, memory
 * pressure, teardown) and their figures (PYMM_OP_FREELIST_STATS, the sum
 * the host's shrinker reads).
 */
#include <stdlib.h>

#include "core/pymm_core.h"
#include "core/heap.h"
#include "unit_test.h"

static u8 buf[1 << 20];

#include "op_helpers.h"

static struct pymm_client *C;

static char cur[PYMM_HEAP_NAME_MAX];

/* the previous test's heap goes: the host's sum is then this heap's alone */
static void fresh_heap(const char *name)
{
	if (C)
		pymm_client_release(C);
	C = client(1000, NULL);
	if (cur[0])
		CHECK_EQ(opd(C, PYMM_OP_HEAP_DESTROY, 0, cur, strlen(cur) + 1).err, 0);
	CHECK_EQ(pymm_user_freelist_bytes(), 0);
	snprintf(cur, sizeof(cur), "%s", name);
	CHECK_EQ(opd(C, PYMM_OP_HEAP_CREATE, 0, name, strlen(name) + 1).err, 0);
	CHECK_EQ(opd(C, PYMM_OP_HEAP_ATTACH, 0, name, strlen(name) + 1).err, 0);
	/* the heap's own start-up objects: none on a list, counts at zero */
	CHECK_EQ(op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0).err, 0);
}

static struct pymm_freelist_stats fl_stats(void)
{
	struct pymm_freelist_stats st;
	struct res r = opx(C, PYMM_OP_FREELIST_STATS, 0, 0, 0, 0, NULL, 0, sizeof(st));

	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.data_len, sizeof(st));
	memcpy(&st, buf, sizeof(st));
	CHECK_EQ(st.nlists, PYMM_FL_MAX);
	return st;
}

static u64 kept(int kind)
{
	return fl_stats().lists[kind].count;
}

static u64 gen0(void)
{
	u64 c[3];
	struct res r = opx(C, PYMM_OP_GC_GET_COUNT, 0, 0, 0, 0, NULL, 0, sizeof(c));

	CHECK_EQ(r.err, 0);
	memcpy(c, buf, sizeof(c));
	return c[0];
}

static u64 id_of(u64 h)
{
	struct res r = op0(C, PYMM_OP_ID, h, 0, 0);

	CHECK_EQ(r.err, 0);
	return r.r0;
}

static u64 new_float(double v)
{
	u64 bits;
	struct res r;

	memcpy(&bits, &v, sizeof(bits));
	r = op0(C, PYMM_OP_NEW_FLOAT, bits, 0, 0);
	CHECK_EQ(r.err, 0);
	return r.r0;
}

/* n objects of one kind made, then all closed */
static void make_and_drop(u32 code, const u64 *items, u32 nitems, u32 n)
{
	u64 *h = calloc(n, sizeof(*h));
	u32 i;

	if (!CHECK(h))
		return;
	for (i = 0; i < n; i++)
		h[i] = code == PYMM_OP_NEW_FLOAT ? new_float(i + 0.5) :
		       new_seq(C, code, items, nitems);
	for (i = 0; i < n; i++)
		closeh(C, h[i]);
	free(h);
}

/* every list keeps at most 3.11's MAXFREELIST, and no more */
static void test_sizes(void)
{
	struct pymm_freelist_stats st;
	u64 one, items[21];
	int i;

	fresh_heap("fl-sizes");
	one = new_int(C, 1);
	for (i = 0; i < 21; i++)
		items[i] = one;
	st = fl_stats();
	for (i = 0; i < PYMM_FL_MAX; i++)
		CHECK_EQ(st.lists[i].count, 0);
	CHECK_EQ(st.lists[PYMM_FL_FLOAT].max, 100);
	CHECK_EQ(st.lists[PYMM_FL_LIST].max, 80);
	CHECK_EQ(st.lists[PYMM_FL_DICT].max, 80);
	CHECK_EQ(st.lists[PYMM_FL_DICT_KEYS].max, 80);
	for (i = 0; i < PYMM_FREELIST_TUPLE_SIZES; i++)
		CHECK_EQ(st.lists[PYMM_FL_TUPLE + i].max, 2000);

	make_and_drop(PYMM_OP_NEW_FLOAT, NULL, 0, 150);
	make_and_drop(PYMM_OP_NEW_LIST, items, 2, 100);
	make_and_drop(PYMM_OP_NEW_DICT, NULL, 0, 100);
	make_and_drop(PYMM_OP_NEW_TUPLE, items, 1, 2100);
	make_and_drop(PYMM_OP_NEW_TUPLE, items, 20, 30);
	make_and_drop(PYMM_OP_NEW_TUPLE, items, 21, 30);	/* past MAXSAVESIZE */
	st = fl_stats();
	CHECK_EQ(st.lists[PYMM_FL_FLOAT].count, 100);
	CHECK_EQ(st.lists[PYMM_FL_LIST].count, 80);
	CHECK_EQ(st.lists[PYMM_FL_DICT].count, 80);
	CHECK_EQ(st.lists[PYMM_FL_TUPLE].count, 2000);
	CHECK_EQ(st.lists[PYMM_FL_TUPLE + 19].count, 30);
	CHECK_EQ(st.lists[PYMM_FL_DICT_KEYS].count, 0);	/* those dicts had no table */
	for (i = 1; i < 19; i++)
		CHECK_EQ(st.lists[PYMM_FL_TUPLE + i].count, 0);
	/* what they hold, each block as big as its object */
	CHECK_EQ(st.lists[PYMM_FL_FLOAT].block_size, 24);
	CHECK_EQ(st.lists[PYMM_FL_TUPLE].block_size, 56);
	CHECK_EQ(st.lists[PYMM_FL_TUPLE + 19].block_size, 56 + 19 * 8);
	{
		u64 sum = 0;

		for (i = 0; i < PYMM_FL_MAX; i++)
			sum += st.lists[i].count * st.lists[i].block_size;
		CHECK_EQ(st.bytes, sum);
	}
	CHECK_EQ(st.saves, 100 + 80 + 80 + 2000 + 30);
	/* kept blocks are not objects: the heap verifies, counts match */
	verify(C);
	closeh(C, one);
}

/*
 * LIFO, as CPython's arrays and linked lists: the block freed last is the
 * next one of its kind (same id), and a block is reused only by its kind.
 */
static void test_lifo(void)
{
	u64 a, b, id_a, id_b, t, items[2];

	fresh_heap("fl-lifo");
	a = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	b = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	id_a = id_of(a);
	id_b = id_of(b);
	closeh(C, a);
	closeh(C, b);
	CHECK_EQ(kept(PYMM_FL_LIST), 2);
	/* a dict of the same block size would fit: it must not get a list's block */
	t = new_seq(C, PYMM_OP_NEW_DICT, NULL, 0);
	CHECK_EQ(kept(PYMM_FL_LIST), 2);
	closeh(C, t);
	a = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	CHECK_EQ(id_of(a), id_b);
	b = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	CHECK_EQ(id_of(b), id_a);
	CHECK_EQ(kept(PYMM_FL_LIST), 0);
	/* tuples by size: a 2-tuple's block never serves a 1-tuple */
	items[0] = items[1] = b;
	t = new_seq(C, PYMM_OP_NEW_TUPLE, items, 2);
	closeh(C, t);
	CHECK_EQ(kept(PYMM_FL_TUPLE + 1), 1);
	t = new_seq(C, PYMM_OP_NEW_TUPLE, items, 1);
	CHECK_EQ(kept(PYMM_FL_TUPLE + 1), 1);
	closeh(C, t);
	CHECK_EQ(kept(PYMM_FL_TUPLE), 1);
	/* a list from the free list is a whole new list: empty, working */
	closeh(C, a);
	a = new_seq(C, PYMM_OP_NEW_LIST, items, 2);
	CHECK_EQ(op0(C, PYMM_OP_LEN, a, 0, 0).r0, 2);
	CHECK_EQ(op0(C, PYMM_OP_APPEND, a, b, 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_LEN, a, 0, 0).r0, 3);
	verify(C);
	closeh(C, a);
	closeh(C, b);
	verify(C);
}

/*
 * dict keys: only 8-slot tables whose keys were all str (3.11's
 * DK_IS_UNICODE and PyDict_LOG_MINSIZE), from dealloc, clear() and a
 * resize alike; a keys table from the list serves the next str dict.
 */
static void test_dict_keys(void)
{
	u64 d, k, v, ki, pair[2];
	char name[8];
	int i;

	fresh_heap("fl-keys");
	k = new_str(C, "key");
	v = new_int(C, 5);
	ki = new_int(C, 12345);
	pair[0] = k;
	pair[1] = v;
	d = new_seq(C, PYMM_OP_NEW_DICT, pair, 2);
	closeh(C, d);
	CHECK_EQ(kept(PYMM_FL_DICT_KEYS), 1);
	CHECK_EQ(kept(PYMM_FL_DICT), 1);
	/* reused: the table comes back from the list */
	d = new_seq(C, PYMM_OP_NEW_DICT, pair, 2);
	CHECK_EQ(kept(PYMM_FL_DICT_KEYS), 0);
	CHECK_EQ(kept(PYMM_FL_DICT), 0);
	/* an int key makes the table general: not kept */
	CHECK_EQ(op0(C, PYMM_OP_SETITEM, d, ki, v).err, 0);
	closeh(C, d);
	CHECK_EQ(kept(PYMM_FL_DICT_KEYS), 0);
	CHECK_EQ(kept(PYMM_FL_DICT), 1);
	/* a dict that grew past 8 slots frees its small table on the resize */
	d = new_seq(C, PYMM_OP_NEW_DICT, pair, 2);
	for (i = 0; i < 10; i++) {
		u64 s;

		snprintf(name, sizeof(name), "n%d", i);
		s = new_str(C, name);
		CHECK_EQ(op0(C, PYMM_OP_SETITEM, d, s, v).err, 0);
		closeh(C, s);
	}
	CHECK_EQ(kept(PYMM_FL_DICT_KEYS), 1);
	closeh(C, d);			/* its 16-slot (or larger) table: not kept */
	CHECK_EQ(kept(PYMM_FL_DICT_KEYS), 1);
	verify(C);
	closeh(C, k);
	closeh(C, v);
	closeh(C, ki);
}

/*
 * Generation 0's count, as 3.11: a reused block is no allocation, a kept
 * one no free; a full collection empties every list, each container block
 * a free; a young collection keeps them.
 */
static void test_gc_counts(void)
{
	u64 a, b, f, items[1];

	fresh_heap("fl-count");
	CHECK_EQ(gen0(), 0);
	a = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	CHECK_EQ(gen0(), 1);
	closeh(C, a);
	CHECK_EQ(gen0(), 1);		/* kept: not a free */
	a = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	CHECK_EQ(gen0(), 1);		/* reused: not an allocation */
	b = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	CHECK_EQ(gen0(), 2);
	items[0] = a;
	closeh(C, new_seq(C, PYMM_OP_NEW_TUPLE, items, 1));
	CHECK_EQ(gen0(), 3);
	f = new_float(2.5);
	closeh(C, f);
	CHECK_EQ(gen0(), 3);		/* floats are no containers */
	closeh(C, a);
	closeh(C, b);
	CHECK_EQ(fl_stats().lists[PYMM_FL_LIST].count, 2);
	CHECK_EQ(op0(C, PYMM_OP_GC_COLLECT, 0, 0, 0).err, 0);
	CHECK_EQ(kept(PYMM_FL_LIST), 2);	/* young: the lists stay */
	CHECK_EQ(op0(C, PYMM_OP_GC_COLLECT, 1, 0, 0).err, 0);
	CHECK_EQ(kept(PYMM_FL_LIST), 2);
	/* three containers from before the full collection, the count at 3 */
	a = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	closeh(C, a);
	b = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	closeh(C, b);
	CHECK_EQ(op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0).err, 0);
	{
		struct pymm_freelist_stats st = fl_stats();
		int i;

		for (i = 0; i < PYMM_FL_MAX; i++)
			CHECK_EQ(st.lists[i].count, 0);
		CHECK_EQ(st.bytes, 0);
		CHECK_EQ(st.cleared, 4);	/* 2 lists, a 1-tuple, a float */
	}
	CHECK_EQ(gen0(), 0);
	a = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	CHECK_EQ(gen0(), 1);		/* the list is empty again: malloc'ed */
	closeh(C, a);
	verify(C);
}

/*
 * Kept blocks stay allocated, so they stay charged: bytes_held does not
 * drop when objects go to a list, and the host's sum of free-list bytes
 * (what the shrinker counts) is the heap's.
 */
static void test_charged(void)
{
	struct pymm_freelist_stats st;
	u64 held, items[20];
	int i;

	fresh_heap("fl-charge");
	for (i = 0; i < 20; i++)
		items[i] = i ? items[0] : new_int(C, 3);
	/* 2000 blocks of 208 bytes: more than an arena of their own */
	make_and_drop(PYMM_OP_NEW_TUPLE, items, 20, 2000);
	held = heap_bytes_held(C);
	st = fl_stats();
	CHECK_EQ(st.lists[PYMM_FL_TUPLE + 19].count, 2000);
	CHECK_EQ(st.bytes, 2000 * 208);
	CHECK(held >= st.bytes);
	CHECK_EQ(pymm_user_freelist_bytes(), (long)st.bytes);
	CHECK_EQ(op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0).err, 0);
	CHECK_EQ(pymm_user_freelist_bytes(), 0);
	CHECK(heap_bytes_held(C) < held);	/* the arenas they filled went back */
	closeh(C, items[0]);
}

/*
 * Memory pressure: pymm_core_spares_reclaim() (the shrinker) empties the
 * lists of every heap it can lock, and only those; gen 0's count stays.
 */
static void test_reclaim(void)
{
	struct pymm_client *other;
	struct pymm_heap *h;
	u64 items[1], c0;

	fresh_heap("fl-reclaim");
	items[0] = new_int(C, 4);
	make_and_drop(PYMM_OP_NEW_TUPLE, items, 1, 1000);
	make_and_drop(PYMM_OP_NEW_LIST, items, 1, 50);
	c0 = gen0();
	CHECK_EQ(kept(PYMM_FL_TUPLE), 1000);

	other = client(1001, NULL);
	CHECK_EQ(opd(other, PYMM_OP_HEAP_CREATE, 0, "fl-busy", 8).err, 0);
	CHECK_EQ(opd(other, PYMM_OP_HEAP_ATTACH, 0, "fl-busy", 8).err, 0);
	closeh(other, new_seq(other, PYMM_OP_NEW_LIST, NULL, 0));
	h = other->heap;

	/* a heap an operation holds is skipped, never waited for */
	pymm_mutex_lock(&h->lock);
	pymm_core_spares_reclaim(U64_MAX);
	pymm_mutex_unlock(&h->lock);
	CHECK_EQ(kept(PYMM_FL_TUPLE), 0);
	CHECK_EQ(kept(PYMM_FL_LIST), 0);
	CHECK_EQ(fl_stats().shrunk, 1050);
	CHECK_EQ(gen0(), c0);		/* the host's business, not Python's */
	CHECK_EQ(h->freelists.l[PYMM_FL_LIST].n, 1);
	CHECK_EQ(pymm_user_freelist_bytes(), (long)h->freelists.bytes);
	verify(C);
	/* unlocked now: its turn */
	pymm_core_spares_reclaim(U64_MAX);
	CHECK_EQ(h->freelists.l[PYMM_FL_LIST].n, 0);
	CHECK_EQ(pymm_user_freelist_bytes(), 0);
	/* and the lists fill again as before */
	make_and_drop(PYMM_OP_NEW_TUPLE, items, 1, 10);
	CHECK_EQ(kept(PYMM_FL_TUPLE), 10);
	verify(C);
	pymm_client_release(other);
	other = client(1001, NULL);
	CHECK_EQ(opd(other, PYMM_OP_HEAP_DESTROY, 0, "fl-busy", 8).err, 0);
	pymm_client_release(other);
	closeh(C, items[0]);
}

/* a heap destroyed with full lists: every block back, nothing leaked */
static void test_teardown(void)
{
	u64 items[1];

	fresh_heap("fl-down");
	items[0] = new_int(C, 9);
	make_and_drop(PYMM_OP_NEW_TUPLE, items, 1, 100);
	make_and_drop(PYMM_OP_NEW_FLOAT, NULL, 0, 100);
	make_and_drop(PYMM_OP_NEW_DICT, NULL, 0, 10);
	CHECK(pymm_user_freelist_bytes() > 0);
	pymm_client_release(C);
	C = client(1000, NULL);
	CHECK_EQ(opd(C, PYMM_OP_HEAP_DESTROY, 0, "fl-down", 8).err, 0);
	cur[0] = '\0';
	CHECK_EQ(pymm_user_freelist_bytes(), 0);
}

int main(int argc, char **argv)
{
	struct pymm_core_params p = {
		.heap_quota = 64ull << 20,
		.max_heaps_per_user = 16,
		.max_frame_depth = 1000,
		.max_handles = 8192,
	};
	u64 leaks;

	unit_init(argc, argv);
	if (pymm_core_init(&p))
		return 1;
	RUN(test_sizes);
	RUN(test_lifo);
	RUN(test_dict_keys);
	RUN(test_gc_counts);
	RUN(test_charged);
	RUN(test_reclaim);
	RUN(test_teardown);
	if (C)
		pymm_client_release(C);
	leaks = pymm_core_exit();
	CHECK_EQ(leaks, 0);
	CHECK_EQ(pymm_user_arenas_live(), 0);
	CHECK_EQ(pymm_user_freelist_bytes(), 0);
	return unit_summary();
}
