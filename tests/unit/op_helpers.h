/* SPDX-License-Identifier: GPL-2.0 */
/*
 * op_helpers.h - driving pymm_op_exec() from a unit test the way /dev/pymm
 * and netlink do: an op built field by field, data copied into one buffer,
 * the result fields read back.  opx() also checks that the return value and
 * op->error agree (99999 flags a core that said two different things).
 *
 * Include once per test program, after unit_test.h; the program owns the
 * data buffer, as `static u8 buf[1 << 20];` before the include.
 */
#ifndef PYMM_TESTS_OP_HELPERS_H
#define PYMM_TESTS_OP_HELPERS_H

#include "core/pymm_core.h"
#include "core/heap.h"

#define OPH_UNUSED __attribute__((unused))

struct res {
	int err;
	u32 exc;
	u32 out_flags;
	u32 data_len;
	u64 r0, r1;
};

static OPH_UNUSED struct res opx(struct pymm_client *c, u32 code, u32 flags,
				 u64 a0, u64 a1, u64 a2, const void *data, u32 len, u32 cap)
{
	struct pymm_op op = {
		.code = code, .flags = flags, .arg = { a0, a1, a2 },
		.data_len = data ? len : cap,
	};
	struct res r;

	if (data && data != buf)
		memcpy(buf, data, len);
	r.err = pymm_op_exec(c, &op, buf, sizeof(buf));
	r.exc = op.exc;
	r.out_flags = op.out_flags;
	r.data_len = op.data_len;
	r.r0 = op.ret[0];
	r.r1 = op.ret[1];
	if (r.err != op.error)
		r.err = 99999;
	return r;
}

static OPH_UNUSED struct res op0(struct pymm_client *c, u32 code, u64 a0, u64 a1, u64 a2)
{
	return opx(c, code, 0, a0, a1, a2, NULL, 0, 0);
}

static OPH_UNUSED struct res opd(struct pymm_client *c, u32 code, u64 a0, const void *d, u32 len)
{
	return opx(c, code, 0, a0, 0, 0, d, len, 0);
}

static OPH_UNUSED u64 new_int(struct pymm_client *c, s64 v)
{
	struct res r = op0(c, PYMM_OP_NEW_INT, (u64)v, 0, 0);

	CHECK_EQ(r.err, 0);
	return r.r0;
}

static OPH_UNUSED u64 new_str(struct pymm_client *c, const char *s)
{
	struct res r = opd(c, PYMM_OP_NEW_STR, 0, s, strlen(s));

	CHECK_EQ(r.err, 0);
	return r.r0;
}

static OPH_UNUSED u64 new_seq(struct pymm_client *c, u32 code, const u64 *h, u32 n)
{
	struct res r = opd(c, code, 0, h, n * 8);

	CHECK_EQ(r.err, 0);
	return r.r0;
}

static OPH_UNUSED void verify(struct pymm_client *c)
{
	CHECK_EQ(op0(c, PYMM_OP_HEAP_VERIFY, 0, 0, 0).err, 0);
}

static OPH_UNUSED struct pymm_client *client(u32 uid, const char *heap)
{
	struct pymm_client *c = pymm_client_new(uid, uid == 0);

	if (c && heap)
		CHECK_EQ(opd(c, PYMM_OP_HEAP_ATTACH, 0, heap, strlen(heap) + 1).err, 0);
	return c;
}

/*
 * The core set up small (16 MiB heaps, the small geometry) and a client
 * of uid attached to a new heap called heap: what a test of one heap
 * needs.  NULL if the core or the client cannot be had.
 */
static OPH_UNUSED struct pymm_client *start_core_with_heap(u32 uid, const char *heap)
{
	struct pymm_core_params p = {
		.heap_quota = 16ull << 20,
		.max_heaps_per_user = 4,
		.max_frame_depth = 100,
		.max_handles = 1u << 10,
		.arena_shift = PYMM_ARENA_SHIFT_SMALL,
		.pool_shift = PYMM_POOL_SHIFT_SMALL,
	};
	struct pymm_client *c;

	if (!CHECK_EQ(pymm_core_init(&p), 0))
		return NULL;
	c = pymm_client_new(uid, uid == 0);
	if (!CHECK(c != NULL))
		return NULL;
	CHECK_EQ(opd(c, PYMM_OP_HEAP_CREATE, 0, heap, strlen(heap) + 1).err, 0);
	CHECK_EQ(opd(c, PYMM_OP_HEAP_ATTACH, 0, heap, strlen(heap) + 1).err, 0);
	return c;
}

/* releases c and tears the core down: nothing may leak */
static OPH_UNUSED void stop_core(struct pymm_client *c)
{
	pymm_client_release(c);
	CHECK_EQ(pymm_core_exit(), 0);
}

/* 60 KiB bytes objects made until one is refused: how many; the error */
static OPH_UNUSED u64 fill_bytes(struct pymm_client *c, int *err)
{
	static char blob[60 << 10];
	u64 n = 0;
	struct res r;

	do {
		r = opd(c, PYMM_OP_NEW_BYTES, 0, blob, sizeof(blob));
		n += !r.err;
	} while (!r.err && n < 4096);
	*err = r.err;
	return n;
}

static OPH_UNUSED void closeh(struct pymm_client *c, u64 h)
{
	CHECK_EQ(op0(c, PYMM_OP_CLOSE, h, 0, 0).err, 0);
}

/* gc.get_referents(h) as handles in out[] (closed by the caller) */
static OPH_UNUSED u32 op_referents(struct pymm_client *c, u64 h, u64 *out, u32 cap)
{
	struct res r = opx(c, PYMM_OP_GC_GET_REFERENTS, 0, h, 0, 0, NULL, 0, 4096);
	u32 n = (u32)r.r0, i;

	CHECK_EQ(r.err, 0);
	for (i = 0; i < n && i < cap; i++)
		memcpy(&out[i], buf + 8 * i, 8);
	return n;
}

static OPH_UNUSED void close_handles(struct pymm_client *c, u64 *hs, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		closeh(c, hs[i]);
}

/* the attached heap's PYMM_OP_HEAP_STATS */
static OPH_UNUSED struct pymm_heap_stats heap_stats(struct pymm_client *c)
{
	struct pymm_heap_stats st;
	struct res r = opx(c, PYMM_OP_HEAP_STATS, 0, 0, 0, 0, NULL, 0, sizeof(st));

	CHECK_EQ(r.err, 0);
	memcpy(&st, buf, sizeof(st));
	return st;
}

static OPH_UNUSED u64 heap_bytes_held(struct pymm_client *c)
{
	return heap_stats(c).bytes_held;
}

/* the static strings and bytes made so far: the heap keeps them, as small ints */
static OPH_UNUSED u64 heap_statics(struct pymm_heap *h)
{
	u64 n = 0;
	int i;

	for (i = 0; i < PYMM_NSTATICS; i++)
		n += !!h->statics[i];
	return n;
}

/* objects in c's heap but those statics, which a test's first use makes */
static OPH_UNUSED u64 heap_objects(struct pymm_client *c)
{
	return heap_stats(c).objects - heap_statics(c->heap);
}

#endif /* PYMM_TESTS_OP_HELPERS_H */
