// SPDX-License-Identifier: GPL-2.0
/*
 * test_gen.c - generator objects (core types/gen.c) through pymm_op_exec():
 * GEN_NEW takes the top frame, RESUME/SUSPEND move it on and off the
 * stack, a running generator cannot be resumed again, FINISH clears the
 * frame, death releases the locals, and a generator that holds itself in a
 * local is collected with CPython's count; a generator whose maker set a
 * token is handed back to it to close (PYMM_FIN_GEN_CLOSE) instead.  Each
 * scenario ends with HEAP_VERIFY and the object count back where it was.
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

static void push(const char *name)
{
	CHECK_EQ(opd(C, PYMM_OP_FRAME_PUSH, 0, name, strlen(name)).err, 0);
}

static void bind_local(const char *name, u64 h)
{
	CHECK_EQ(opx(C, PYMM_OP_NAME_BIND, PYMM_OPF_LOCAL, h, 0, 0, name, strlen(name), 0).err,
		 0);
}

static u64 new_func(const char *name)
{
	struct res r = opd(C, PYMM_OP_NEW_FUNCTION, 7, name, strlen(name));

	CHECK_EQ(r.err, 0);
	return r.r0;
}

/* a generator whose frame binds x = value; token 0: no maker to close it */
static u64 new_gen_token(u64 fn, u64 value, u64 token)
{
	struct res r;

	push("g");
	bind_local("x", value);
	r = op0(C, PYMM_OP_GEN_NEW, fn, token, 0);
	CHECK_EQ(r.err, 0);
	return r.r0;
}

static u64 new_gen(u64 fn, u64 value)
{
	return new_gen_token(fn, value, 0);
}

static void test_lifecycle(void)
{
	u64 before = heap_objects(C), fn, v, g;
	struct res r;

	fn = new_func("g");
	v = new_int(C, 123456);
	/* no frame: nothing to take */
	CHECK_EQ(op0(C, PYMM_OP_GEN_NEW, fn, 1, 0).err, -ENOENT);
	/* not a function */
	push("g");
	CHECK_EQ(op0(C, PYMM_OP_GEN_NEW, v, 1, 0).err, -EINVAL);
	CHECK_EQ(op0(C, PYMM_OP_FRAME_POP, 0, 0, 0).err, 0);

	g = new_gen(fn, v);
	/* the frame moved: the stack is empty again */
	CHECK_EQ(op0(C, PYMM_OP_FRAME_POP, 0, 0, 0).err, -ENOENT);
	r = op0(C, PYMM_OP_TYPE, g, 0, 0);
	CHECK_EQ(r.r0, PYMM_T_GENERATOR);
	CHECK(r.r1 & PYMM_TYPEF_GC_TRACKED);
	/* handle + the suspended frame's local */
	CHECK_EQ(refcnt(v), 2);
	verify(C);
	/* not running: nothing to suspend */
	CHECK_EQ(op0(C, PYMM_OP_GEN_SUSPEND, g, 0, 0).err, -EINVAL);
	r = op0(C, PYMM_OP_GEN_RESUME, g, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 1);	/* depth */
	CHECK_EQ(r.r1, 0);	/* the token */
	CHECK_EQ(op0(C, PYMM_OP_GEN_RESUME, g, 0, 0).err, -EBUSY);
	verify(C);
	/* its locals are the top frame's */
	r = opx(C, PYMM_OP_NAME_LOOKUP, PYMM_OPF_LOCAL, 0, 0, 0, "x", 1, 0);
	CHECK_EQ(r.err, 0);
	closeh(C, r.r0);
	CHECK_EQ(op0(C, PYMM_OP_GEN_SUSPEND, g, 0, 0).err, 0);
	CHECK_EQ(refcnt(v), 2);
	CHECK_EQ(op0(C, PYMM_OP_GEN_RESUME, g, 0, 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_GEN_FINISH, g, 0, 0).err, 0);
	/* the frame was popped and cleared */
	CHECK_EQ(refcnt(v), 1);
	CHECK_EQ(op0(C, PYMM_OP_FRAME_POP, 0, 0, 0).err, -ENOENT);
	CHECK_EQ(op0(C, PYMM_OP_GEN_RESUME, g, 0, 0).err, -ENOENT);
	CHECK_EQ(op0(C, PYMM_OP_GEN_FINISH, g, 0, 0).err, 0);
	verify(C);
	closeh(C, g);

	/* death of a suspended generator releases its locals */
	g = new_gen(fn, v);
	CHECK_EQ(op0(C, PYMM_OP_GEN_RESUME, g, 0, 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_GEN_SUSPEND, g, 0, 0).err, 0);
	CHECK_EQ(refcnt(v), 2);
	closeh(C, g);
	CHECK_EQ(refcnt(v), 1);
	closeh(C, v);
	closeh(C, fn);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

/* a generator that holds itself in a local: collected, the frame cleared by
 * finalization, so the collection counts 0 (3.11) */
static void test_cycle(void)
{
	u64 before = heap_objects(C), fn, v, g;
	struct res r;

	fn = new_func("g");
	v = new_int(C, 777777);
	g = new_gen(fn, v);
	CHECK_EQ(op0(C, PYMM_OP_GEN_RESUME, g, 0, 0).err, 0);
	bind_local("me", g);
	CHECK_EQ(op0(C, PYMM_OP_GEN_SUSPEND, g, 0, 0).err, 0);
	CHECK_EQ(refcnt(g), 2);
	verify(C);
	closeh(C, g);
	CHECK_EQ(refcnt(v), 2);
	r = op0(C, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 0);
	CHECK_EQ(refcnt(v), 1);
	closeh(C, v);
	closeh(C, fn);
	verify(C);
	CHECK_EQ(heap_objects(C), before);
}

/* a suspended generator with a maker dies: the maker gets it back to close */
static void test_close_item(void)
{
	u64 before = heap_objects(C), fn, v, g;
	struct pymm_fin_item *it = (struct pymm_fin_item *)buf;
	struct res r;

	fn = new_func("g");
	v = new_int(C, 424242);
	g = new_gen_token(fn, v, 42);
	CHECK_EQ(op0(C, PYMM_OP_GEN_RESUME, g, 0, 0).r1, 42);
	CHECK_EQ(op0(C, PYMM_OP_GEN_SUSPEND, g, 0, 0).err, 0);
	r = op0(C, PYMM_OP_CLOSE, g, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK(r.out_flags & PYMM_OUTF_FINALIZERS);
	/* alive, held by the item, its frame intact */
	CHECK_EQ(refcnt(v), 2);
	r = opx(C, PYMM_OP_FIN_FETCH, 0, 0, 0, 0, NULL, 0, sizeof(*it) * 4);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(r.r0, 1);
	CHECK_EQ(it->kind, PYMM_FIN_GEN_CLOSE);
	g = it->obj;
	closeh(C, it->func);
	verify(C);
	/* the maker's close: resumed, the body unwinds, the frame is cleared */
	CHECK_EQ(op0(C, PYMM_OP_GEN_RESUME, g, 0, 0).err, 0);
	CHECK_EQ(op0(C, PYMM_OP_GEN_FINISH, g, 0, 0).err, 0);
	CHECK_EQ(refcnt(v), 1);
	CHECK_EQ(op0(C, PYMM_OP_FIN_DONE, g, 0, 0).err, 0);
	closeh(C, v);
	closeh(C, fn);
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
	RUN(test_lifecycle);
	RUN(test_cycle);
	RUN(test_close_item);
	pymm_client_release(C);
	CHECK_EQ(pymm_core_exit(), 0);
	return unit_summary();
}
