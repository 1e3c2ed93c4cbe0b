// SPDX-License-Identifier: GPL-2.0
/*
 * traceback.c - traceback objects, as CPython 3.11's Python/traceback.c:
 * one entry per frame an exception crossed (PyTraceBack_Here), each the
 * head of the entries of the frames deeper in: tb_next, tb_frame (the
 * frame object, which the entry makes exist), tb_lineno, tb_lasti.  The
 * client makes them as its exception propagates and hangs the head on the
 * exception (__traceback__); docs/objects.md, "Frames and tracebacks".
 *
 * Traversed as tb_traverse: tb_next, then tb_frame.  Tracked from birth
 * (tb_create_raw); a chain as long as the frame depth a script may reach,
 * or longer (a traceback re-raised through a loop grows without bound), is
 * deallocated by the release loop, as every other object: next, then
 * frame, each pushed on the heap's explicit dealloc stack, never a C
 * recursion.  Its trashcan level is a traceback's (tb_dealloc), so long
 * chains are deferred and resumed in CPython's order.  Hashed by identity.
 */
#include "../frameobj.h"

struct pymm_traceback {
	struct pymm_object ob;
	struct pymm_object *next;	/* tb_next: a traceback, or NULL */
	struct pymm_object *frame;	/* tb_frame */
	s32 lineno;
	s32 lasti;
};

static struct pymm_traceback *as_tb(struct pymm_object *o)
{
	return (struct pymm_traceback *)o;
}

static int tb_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_object *fields[2] = { as_tb(o)->next, as_tb(o)->frame };

	return pymm_visit_fields(fields, 2, visit, arg);
}

static struct pymm_object *tb_release(struct pymm_object *o)
{
	struct pymm_traceback *tb = as_tb(o);
	struct pymm_object *r = tb->next;

	if (r) {
		tb->next = NULL;
		return r;
	}
	r = tb->frame;
	tb->frame = NULL;
	return r;
}

/* tb_clear: next, then frame, each dropped after the field is cleared */
static void tb_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_object *r;

	while ((r = tb_release(o)))
		pymm_obj_decref(h, r);
}

const struct pymm_typeobj pymm_traceback_type = {
	.name = "traceback",
	.code = PYMM_T_TRACEBACK,
	.is_gc = 1,
	.traverse = tb_traverse,
	.clear = tb_clear,
	.release = tb_release,
	.hash = pymm_obj_identity_hash,
};

/* NEW_TRACEBACK: arg0 = tb_next (0: none), arg1 = frame, arg2 = line, arg3 = lasti */
int pymm_traceback_new_op(struct pymm_opctx *x)
{
	struct pymm_object *next = NULL, *frame, *o;
	struct pymm_traceback *tb;
	int err;

	if (x->op->arg[0]) {
		err = pymm_handle_get(x->c, x->op->arg[0], &next);
		if (err)
			return err;
	}
	err = pymm_handle_get(x->c, x->op->arg[1], &frame);
	if (err)
		return err;
	if ((next && next->type != PYMM_T_TRACEBACK) || frame->type != PYMM_T_FRAME) {
		x->op->exc = PYMM_EXC_TYPE_ERROR;
		return -EINVAL;
	}
	if (x->op->arg[2] > S32_MAX || x->op->arg[3] > S32_MAX)
		return -EINVAL;
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	o = pymm_obj_alloc(x->h, PYMM_T_TRACEBACK, sizeof(*tb), &err);
	if (!o)
		return err;
	tb = as_tb(o);
	tb->next = next ? pymm_obj_incref(next) : NULL;
	tb->frame = pymm_obj_incref(frame);
	tb->lineno = (s32)x->op->arg[2];
	tb->lasti = (s32)x->op->arg[3];
	pymm_gc_track(x->h, o);
	return pymm_ret_handle(x, o);
}

int pymm_traceback_field(struct pymm_opctx *x, struct pymm_object *o, u64 which)
{
	struct pymm_traceback *tb = as_tb(o);
	struct pymm_object *r;
	int err;

	switch (which) {
	case PYMM_FRAMEF_TB_LINENO:
		x->op->ret[0] = (u64)(s64)tb->lineno;
		return 0;
	case PYMM_FRAMEF_TB_LASTI:
		x->op->ret[0] = (u64)(s64)tb->lasti;
		return 0;
	case PYMM_FRAMEF_TB_NEXT:
		r = tb->next;
		break;
	case PYMM_FRAMEF_TB_FRAME:
		r = tb->frame;
		break;
	default:
		return -EINVAL;
	}
	if (!r)
		return -ENOENT;
	err = pymm_handle_reserve(x->c, 1);
	return err ? err : pymm_ret_handle(x, pymm_obj_incref(r));
}
