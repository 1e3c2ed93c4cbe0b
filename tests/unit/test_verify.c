// SPDX-License-Identifier: GPL-2.0
/*
 * test_verify.c - HEAP_VERIFY must catch what it promises to catch: a count
 * one too high (leak) or too low (premature free), a lost object, a broken
 * GC list, a bad dict table.  Each fault is planted through the internals
 * and then undone, so the heap verifies clean again afterwards.
 */
#include "core/heap.h"
#include "unit_test.h"

static u8 buf[4096];

static int exec(struct pymm_client *c, u32 code, u64 a0, u64 a1, const void *d, u32 len,
		u64 *r0)
{
	struct pymm_op op;
	int err;

	memset(&op, 0, sizeof(op));
	op.code = code;
	op.arg[0] = a0;
	op.arg[1] = a1;
	if (d)
		memcpy(buf, d, len);
	op.data_len = len;
	err = pymm_op_exec(c, &op, buf, sizeof(buf));
	if (r0)
		*r0 = op.ret[0];
	return err;
}

static int verify(struct pymm_client *c)
{
	return exec(c, PYMM_OP_HEAP_VERIFY, 0, 0, NULL, 0, NULL);
}

static struct pymm_object *obj(struct pymm_client *c, u64 h)
{
	struct pymm_object *o = NULL;

	pymm_handle_get(c, h, &o);
	return o;
}

static void test_faults_detected(void)
{
	struct pymm_client *c = pymm_client_new(0, true);
	u64 i7, l, d, k;
	struct pymm_object *o, *lo;
	struct pymm_gc_head *g, *saved;
	unsigned int gen;

	CHECK_EQ(exec(c, PYMM_OP_HEAP_ATTACH, 0, 0, "v", 1, NULL), -ENOENT);
	CHECK_EQ(exec(c, PYMM_OP_HEAP_CREATE, 0, 0, "v", 1, NULL), 0);
	CHECK_EQ(exec(c, PYMM_OP_HEAP_ATTACH, 0, 0, "v", 1, NULL), 0);
	CHECK_EQ(exec(c, PYMM_OP_NEW_INT, 7000, 0, NULL, 0, &i7), 0);
	CHECK_EQ(exec(c, PYMM_OP_NEW_LIST, 0, 0, &i7, 8, &l), 0);
	CHECK_EQ(exec(c, PYMM_OP_NEW_DICT, 0, 0, NULL, 0, &d), 0);
	CHECK_EQ(exec(c, PYMM_OP_NEW_STR, 0, 0, "key", 3, &k), 0);
	CHECK_EQ(exec(c, PYMM_OP_SETITEM, d, k, NULL, 0, NULL), -EBADF); /* arg2 0 */
	{
		struct pymm_op op;

		memset(&op, 0, sizeof(op));
		op.code = PYMM_OP_SETITEM;
		op.arg[0] = d;
		op.arg[1] = k;
		op.arg[2] = l;
		CHECK_EQ(pymm_op_exec(c, &op, buf, sizeof(buf)), 0);
	}
	CHECK_EQ(verify(c), 0);
	o = obj(c, i7);
	lo = obj(c, l);
	if (!CHECK(o && lo))
		return;

	o->refcnt++;				/* a leaked reference */
	CHECK_EQ(verify(c), -EUCLEAN);
	o->refcnt -= 2;				/* one missing */
	CHECK_EQ(verify(c), -EUCLEAN);
	o->refcnt++;
	CHECK_EQ(verify(c), 0);

	lo->refcnt++;				/* a container's count */
	CHECK_EQ(verify(c), -EUCLEAN);
	lo->refcnt--;

	g = PYMM_GC_HEAD(lo);			/* a container lost from the GC lists */
	saved = pymm_gc_prev(g);
	gen = pymm_gc_code(g);
	saved->gc_next = g->gc_next;
	g->gc_next->gc_prev = (unsigned long)saved | pymm_gc_code(g->gc_next);
	c->heap->gc.objects[gen]--;
	CHECK_EQ(verify(c), -EUCLEAN);
	g->gc_next->gc_prev = (unsigned long)g | pymm_gc_code(g->gc_next);
	saved->gc_next = g;
	c->heap->gc.objects[gen]++;
	CHECK_EQ(verify(c), 0);

	g->gc_prev ^= 1;			/* its code names another list */
	CHECK_EQ(verify(c), -EUCLEAN);
	g->gc_prev ^= 1;
	g->gc_prev += 16;			/* a prev link that is off */
	CHECK_EQ(verify(c), -EUCLEAN);
	g->gc_prev -= 16;
	CHECK_EQ(verify(c), 0);

	c->heap->nobjects++;			/* an object nobody refers to */
	CHECK_EQ(verify(c), -EUCLEAN);
	c->heap->nobjects--;

	((struct pymm_dict *)obj(c, d))->used++;	/* dict tables disagree */
	CHECK_EQ(verify(c), -EUCLEAN);
	((struct pymm_dict *)obj(c, d))->used--;
	CHECK_EQ(verify(c), 0);

	pymm_client_release(c);
}

int main(int argc, char **argv)
{
	struct pymm_core_params p = {
		.heap_quota = 64ull << 20,
		.max_heaps_per_user = 4,
		.max_frame_depth = 100,
		.max_handles = 1024,
	};

	unit_init(argc, argv);
	if (pymm_core_init(&p))
		return 1;
	pymm_user_set_log_level(0);	/* the planted faults log errors */
	RUN(test_faults_detected);
	CHECK_EQ(pymm_core_exit(), 0);
	return unit_summary();
}
