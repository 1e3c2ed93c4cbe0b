// SPDX-License-Identifier: GPL-2.0
/*
 * test_frameobj.c - frame and traceback objects (core types/frameobj.c,
 * types/traceback.c) through pymm_op_exec(): a frame's object is made on
 * request and untracked while the frame runs; when the frame is popped
 * and someone holds the object, it takes the locals (take_ownership) and
 * is tracked, its f_back made; the cycle exception -> traceback -> frame
 * -> locals -> exception is found by the collector with CPython's count;
 * a chain of 100,000 tracebacks dies without recursion; bad arguments are
 * refused.  Each scenario ends with HEAP_VERIFY and the object count back
 * where it was.
 */
#include <stdlib.h>

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "unit_test.h"

static struct pymm_client *C;
static u8 buf[1 << 20];

#include "op_helpers.h"

static u64 refcnt(u64 h)
{
	return op0(C, PYMM_OP_REFCOUNT, h, 0, 0).r0;
}

static bool same(u64 a, u64 b)
{
	return op0(C, PYMM_OP_ID, a, 0, 0).r0 == op0(C, PYMM_OP_ID, b, 0, 0).r0;
}

static bool tracked(u64 h)
{
	return op0(C, PYMM_OP_TYPE, h, 0, 0).r1 & PYMM_TYPEF_GC_TRACKED;
}

static void push(const char *name)
{
	CHECK_EQ(opd(C, PYMM_OP_FRAME_PUSH, 0, name, strlen(name)).err, 0);
}

static void pop(void)
{
	CHECK_EQ(op0(C, PYMM_OP_FRAME_POP, 0, 0, 0).err, 0);
}

static void bind_local(const char *name, u64 h)
{
	CHECK_EQ(opx(C, PYMM_OP_NAME_BIND, PYMM_OPF_LOCAL, h, 0, 0, name, strlen(name), 0).err,
		 0);
}

static u64 frame_object(u64 back, u64 line)
{
	struct res r = op0(C, PYMM_OP_FRAME_OBJECT, back, line, 0);

	CHECK_EQ(r.err, 0);
	return r.r0;
}

static u64 new_tb(u64 next, u64 frame, u64 line)
{
	struct res r = op0(C, PYMM_OP_NEW_TRACEBACK, next, frame, line);

	CHECK_EQ(r.err, 0);
	return r.r0;
}

static struct res field(u64 h, u64 which)
{
	return op0(C, PYMM_OP_FRAME_FIELD, h, which, 0);
}

/*
 * The module frame's object lives as long as the client; made first, so
 * that each scenario's object count starts with it.
 */
static void test_module_frame(void)
{
	u64 m = frame_object(0, 1), again;
	struct res r;

	CHECK_EQ(op0(C, PYMM_OP_TYPE, m, 0, 0).r0, PYMM_T_FRAME);
	CHECK(!tracked(m));
	again = frame_object(0, 0);
	CHECK_EQ(same(m, again), 1);
	closeh(C, again);
	/* the module's: no f_back, f_locals is the globals dict */
	CHECK_EQ(field(m, PYMM_FRAMEF_BACK).err, -ENOENT);
	r = field(m, PYMM_FRAMEF_LOCALS);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(op0(C, PYMM_OP_TYPE, r.r0, 0, 0).r0, PYMM_T_DICT);
	closeh(C, r.r0);
	CHECK_EQ(field(m, PYMM_FRAMEF_LINENO).r0, 1);
	/* refusals: too deep, a bad field, a bad line, not a frame */
	CHECK_EQ(op0(C, PYMM_OP_FRAME_OBJECT, 1, 0, 0).err, -EINVAL);
	CHECK_EQ(field(m, 0).err, -EINVAL);
	CHECK_EQ(field(m, PYMM_FRAMEF_TB_NEXT).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_FRAME_OBJECT, 0, 1ull << 40, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_FRAME_OBJECT, 0, 0, m).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_NEW_TRACEBACK, m, m, 1).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_NEW_TRACEBACK, 0, 0, 1).err, -EBADF);
	closeh(C, m);
	verify(C);
}

/* an object only the stack holds dies with the frame, which clears its locals */
static void test_stack_only(void)
{
	u64 before = heap_objects(C), v, f;

	v = new_int(C, 918273);
	push("f");
	bind_local("v", v);
	f = frame_object(0, 3);
	closeh(C, f);
	CHECK_EQ(refcnt(v), 2);
	pop();
	CHECK_EQ(refcnt(v), 1);
	closeh(C, v);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

/* take_ownership: the popped frame's object keeps its locals, is tracked */
static void test_ownership(void)
{
	u64 before = heap_objects(C), v, f, back, l, refs[8];
	struct res r;
	u32 n, i;

	v = new_int(C, 5551212);
	push("f");
	bind_local("v", v);
	f = frame_object(0, 7);
	CHECK(!tracked(f));
	r = field(f, PYMM_FRAMEF_STATE);
	CHECK_EQ(r.r0, PYMM_FRAME_RUNNING);
	CHECK_EQ(r.r1, 1);	/* nothing above it, depth 1 */
	verify(C);
	pop();
	CHECK(tracked(f));
	CHECK_EQ(field(f, PYMM_FRAMEF_STATE).r0, PYMM_FRAME_OWNED);
	CHECK_EQ(refcnt(v), 2);	/* the handle, the frame's locals */
	/* f_back: the module frame's object, made by the pop */
	r = field(f, PYMM_FRAMEF_BACK);
	CHECK_EQ(r.err, 0);
	back = r.r0;
	CHECK_EQ(op0(C, PYMM_OP_TYPE, back, 0, 0).r0, PYMM_T_FRAME);
	/* get_referents: f_back, co_name, then the locals' values */
	n = op_referents(C, f, refs, 8);
	CHECK_EQ(n, 3);
	CHECK_EQ(same(refs[0], back), 1);
	CHECK_EQ(op0(C, PYMM_OP_TYPE, refs[1], 0, 0).r0, PYMM_T_STR);
	CHECK_EQ(same(refs[2], v), 1);
	close_handles(C, refs, n);
	/* f_locals: a dict of them, made once, then referred to by the frame */
	r = field(f, PYMM_FRAMEF_LOCALS);
	CHECK_EQ(r.err, 0);
	l = r.r0;
	CHECK_EQ(op0(C, PYMM_OP_LEN, l, 0, 0).r0, 1);
	CHECK_EQ(refcnt(v), 3);
	n = op_referents(C, f, refs, 8);
	CHECK_EQ(n, 4);
	for (i = 0; i < n; i++)
		closeh(C, refs[i]);
	closeh(C, l);
	verify(C);
	/* a collection finds nothing: the frame is held */
	CHECK_EQ(op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0).r0, 0);
	closeh(C, back);
	closeh(C, f);
	CHECK_EQ(refcnt(v), 1);
	closeh(C, v);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

/*
 * The classic cycle: a local of the frame holds (through a list standing
 * for the exception) the traceback that holds the frame.  While the frame
 * runs its locals are roots; once popped, only the collector frees it:
 * the list, the traceback and the frame (the locals dict is no object of
 * the collector's, as 3.11's localsplus).
 */
static void test_cycle(void)
{
	u64 before = heap_objects(C), e, f, tb;
	struct res r;

	push("f");
	e = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	bind_local("saved", e);
	f = frame_object(0, 4);
	tb = new_tb(0, f, 4);
	CHECK(tracked(tb));
	CHECK_EQ(op0(C, PYMM_OP_APPEND, e, tb, 0).err, 0);
	closeh(C, tb);
	closeh(C, f);
	closeh(C, e);
	CHECK_EQ(op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0).r0, 0);	/* running: a root */
	verify(C);
	pop();
	verify(C);
	CHECK_EQ(heap_objects(C), before + 5);	/* and the locals dict, the name */
	r = op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 3);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

/* 100,000 tracebacks in one chain die by the release loop, no recursion */
static void test_long_chain(void)
{
	u64 before = heap_objects(C), f, tb = 0, next, refs[4];
	u32 i, n;

	push("deep");
	f = frame_object(0, 1);
	for (i = 0; i < 100000; i++) {
		next = new_tb(tb, f, i + 1);
		if (tb)
			closeh(C, tb);
		tb = next;
	}
	CHECK_EQ(field(tb, PYMM_FRAMEF_TB_LINENO).r0, 100000);
	CHECK_EQ(refcnt(f), 100002);	/* the stack, the handle, each entry */
	n = op_referents(C, tb, refs, 4);
	CHECK_EQ(n, 2);	/* tb_next, tb_frame */
	CHECK_EQ(same(refs[1], f), 1);
	close_handles(C, refs, n);
	verify(C);
	pop();
	closeh(C, f);
	closeh(C, tb);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

/*
 * A generator's frame object: the frame moves into the generator (GEN_NEW),
 * the object keeps a share of the locals dict, whose values the generator's
 * traverse visits, not the object's; both dicts' counts verify.
 */
static void test_generator_share(void)
{
	u64 before = heap_objects(C), fn, v, f, g, gi, refs[8];
	struct res r;
	u32 n, i;

	r = opd(C, PYMM_OP_NEW_FUNCTION, 7, "g", 1);
	CHECK_EQ(r.err, 0);
	fn = r.r0;
	v = new_seq(C, PYMM_OP_NEW_LIST, NULL, 0);
	push("g");
	bind_local("x", v);
	f = frame_object(0, 2);
	r = op0(C, PYMM_OP_GEN_NEW, fn, 0, 0);
	CHECK_EQ(r.err, 0);
	g = r.r0;
	CHECK(tracked(f));
	verify(C);
	n = op_referents(C, f, refs, 8);
	for (i = 0; i < n; i++)
		CHECK(!same(refs[i], v));	/* the generator's to visit */
	close_handles(C, refs, n);
	CHECK_EQ(op0(C, PYMM_OP_GEN_RESUME, g, 0, 0).err, 0);
	verify(C);
	CHECK_EQ(op0(C, PYMM_OP_GEN_SUSPEND, g, 0, 0).err, 0);
	verify(C);
	/* gi_frame: made once, untracked while the generator holds the frame */
	r = op0(C, PYMM_OP_GEN_FRAME, g, 0, 0);
	CHECK_EQ(r.err, 0);
	gi = r.r0;
	CHECK(!tracked(gi));
	r = op0(C, PYMM_OP_GEN_FRAME, g, 0, 0);
	CHECK(same(r.r0, gi));
	closeh(C, r.r0);
	CHECK_EQ(field(gi, PYMM_FRAMEF_BACK).err, -ENOENT);
	CHECK_EQ(op0(C, PYMM_OP_GEN_FRAME, v, 0, 0).err, -EINVAL);
	verify(C);
	closeh(C, g);	/* the generator goes: both objects keep the locals */
	verify(C);
	CHECK(tracked(gi));
	CHECK_EQ(refcnt(v), 2);
	closeh(C, f);
	verify(C);
	CHECK_EQ(refcnt(v), 2);
	n = op_referents(C, gi, refs, 8);	/* now its own: the values too */
	CHECK_EQ(same(refs[n - 1], v), 1);
	close_handles(C, refs, n);
	closeh(C, gi);
	CHECK_EQ(refcnt(v), 1);
	closeh(C, v);
	closeh(C, fn);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

static int new_code(const char *name)
{
	struct pymm_code_info info = { .firstlineno = 1, .name_len = (u32)strlen(name) };
	u8 rec[sizeof(info) + 64];
	struct res r;

	memcpy(rec, &info, sizeof(info));
	memcpy(rec + sizeof(info), name, info.name_len);
	r = opd(C, PYMM_OP_NEW_CODE, 0, rec, sizeof(info) + info.name_len);
	if (!r.err)
		closeh(C, r.r0);
	return r.err;
}

/* a code object's name: an identifier, or one in angle brackets (<module>) */
static void test_code_names(void)
{
	u64 before = heap_objects(C);

	CHECK_EQ(new_code("f"), 0);
	CHECK_EQ(new_code("<module>"), 0);
	CHECK_EQ(new_code("<lambda>"), 0);
	CHECK_EQ(new_code("<>"), -EINVAL);
	CHECK_EQ(new_code("<a b>"), -EINVAL);
	CHECK_EQ(new_code("<module"), -EINVAL);
	CHECK_EQ(new_code("a>"), -EINVAL);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

int main(int argc, char **argv)
{
	struct pymm_core_params p = {
		.heap_quota = 256ull << 20,
		.max_heaps_per_user = 4,
		.max_frame_depth = 1000,
		.max_handles = 4096,
		.arena_shift = PYMM_ARENA_SHIFT_SMALL,
		.pool_shift = PYMM_POOL_SHIFT_SMALL,
	};

	unit_init(argc, argv);
	if (pymm_core_init(&p))
		return 1;
	C = client(1000, PYMM_DEFAULT_HEAP);
	RUN(test_module_frame);
	RUN(test_stack_only);
	RUN(test_ownership);
	RUN(test_cycle);
	RUN(test_long_chain);
	RUN(test_code_names);
	RUN(test_generator_share);
	pymm_client_release(C);
	CHECK_EQ(pymm_core_exit(), 0);
	return unit_summary();
}
