// SPDX-License-Identifier: GPL-2.0
/*
 * gen.c - generators, as CPython 3.11's PyGenObject: calling a generator
 * function pushes its frame, binds the arguments, and then (RETURN_GENERATOR)
 * moves that frame into a new generator object instead of running it.  The
 * generator owns the frame from then on: its locals stay alive while it is
 * suspended, each run puts the frame back on the running client's stack
 * (GEN_RESUME) and takes it off again at a yield (GEN_SUSPEND), and the
 * frame is cleared for good when the body returns or raises (GEN_FINISH),
 * when the generator dies, or when the collector clears it.
 *
 * The code itself runs in user space (the interpreter keeps the body's
 * suspended evaluation, docs/pymmctl.md): the heap keeps what CPython's
 * heap keeps, the frame's locals and the function, so reference counts,
 * gc.get_referents() and cycles through a suspended frame are CPython's.
 *
 * The locals are a dict, as every pymm frame's (frame.c), untracked.  While
 * the frame is off the stack the generator is what holds it, so its
 * traverse walks the dict's values directly, as _PyFrame_Traverse walks
 * localsplus: a generator whose frame refers back to it is a cycle the
 * collector finds (CPython finalizes it with gen_close(), which clears the
 * frame; here clear() does that, no user code being able to run in a frame
 * without try/with blocks: the interpreter refuses a yield inside them).
 * While the frame is on a stack, the stack holds it as every running
 * frame's, and the generator's traverse leaves it out (verify.c counts it
 * once either way: pymm_gen_locals()).
 *
 * Tracked from birth, like make_gen(); weakly referable; hashed by identity.
 */
#include "../heap.h"
#include "../gen.h"
#include "../frameobj.h"

enum gen_state {
	GEN_CREATED = 0,	/* FRAME_CREATED: never run */
	GEN_SUSPENDED,		/* at a yield */
	GEN_RUNNING,		/* its frame is on a client's stack */
	GEN_CLOSED,		/* returned, raised, closed or cleared */
};

struct pymm_gen {
	struct pymm_object ob;
	struct pymm_object *locals;	/* the frame's locals dict, NULL once cleared */
	struct pymm_object *func;	/* f_func, NULL once cleared */
	struct pymm_object *name;	/* __name__ (str), or NULL */
	struct pymm_object *fobj;	/* gi_frame, once asked for (GEN_FRAME), or NULL */
	struct pymm_weakref *weaklist;
	u64 token;			/* its maker's context token, opaque */
	u8 state;			/* enum gen_state */
	u8 reserved[7];
};

static int gen_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_gen *g = (struct pymm_gen *)o;
	struct pymm_object *k, *v;
	u32 pos = 0;
	int r = 0;

	if (g->name)
		r = visit(g->name, arg);
	if (!r && g->fobj)
		r = visit(g->fobj, arg);	/* frame_obj, as _PyFrame_Traverse */
	if (!r && g->func)
		r = visit(g->func, arg);
	if (!g->locals || g->state == GEN_RUNNING)
		return r;
	while (!r && pymm_dict_next(g->locals, &pos, &k, &v))
		r = visit(v, arg);
	return r;
}

/* _PyFrame_Clear: the locals one by one in order, then the function */
static void gen_clear_frame(struct pymm_heap *h, struct pymm_gen *g)
{
	struct pymm_object *locals = g->locals, *func = g->func, *fobj = g->fobj;

	/* frame_obj first: if anyone else holds it, it keeps the locals */
	g->fobj = NULL;
	if (fobj && fobj->refcnt > 1 && !pymm_gc_is_tracked(fobj))
		pymm_gc_track(h, fobj);	/* take_ownership */
	pymm_obj_xdecref(h, fobj);

	g->locals = NULL;
	g->func = NULL;
	g->state = GEN_CLOSED;
	if (locals) {
		if (locals->refcnt == 1)
			pymm_types[locals->type]->clear(h, locals);
		pymm_obj_decref(h, locals);
	}
	pymm_obj_xdecref(h, func);
}

static void gen_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_gen *g = (struct pymm_gen *)o;

	/* a running frame is its stack's: never unreachable */
	if (g->state != GEN_RUNNING)
		gen_clear_frame(h, g);
}

/* gen_dealloc: the frame (locals, then f_func), then the name */
static struct pymm_object *gen_release(struct pymm_object *o)
{
	struct pymm_gen *g = (struct pymm_gen *)o;
	struct pymm_object **slots[] = { &g->fobj, &g->locals, &g->func, &g->name };
	unsigned int i;

	g->state = GEN_CLOSED;
	for (i = 0; i < ARRAY_SIZE(slots); i++) {
		struct pymm_object *r = *slots[i];

		if (r) {
			*slots[i] = NULL;
			return r;
		}
	}
	return NULL;
}

const struct pymm_typeobj pymm_gen_type = {
	.name = "generator",
	.code = PYMM_T_GENERATOR,
	.is_gc = 1,
	.weaklist_off = offsetof(struct pymm_gen, weaklist),
	.traverse = gen_traverse,
	.clear = gen_clear,
	.release = gen_release,
	.hash = pymm_obj_identity_hash,
};

bool pymm_gen_has_frame(struct pymm_object *o)
{
	struct pymm_gen *g = (struct pymm_gen *)o;

	return g->locals && g->state != GEN_RUNNING;
}

bool pymm_gen_finalize(struct pymm_heap *h, struct pymm_object *o, bool coll)
{
	struct pymm_gen *g = (struct pymm_gen *)o;

	if (!pymm_gen_has_frame(o))
		return false;
	if (g->token && g->func && pymm_fin_queue(h, o, g->func, PYMM_FIN_GEN_CLOSE, coll))
		return true;
	gen_clear_frame(h, g);
	return false;
}

struct pymm_object *pymm_gen_locals(struct pymm_object *o, bool *running)
{
	struct pymm_gen *g = (struct pymm_gen *)o;

	*running = g->state == GEN_RUNNING;
	return g->locals;
}

/* GEN_NEW: the top frame (the arguments bound) becomes the generator's */
static int gen_new(struct pymm_opctx *x)
{
	struct pymm_object *func, *o;
	struct pymm_gen *g;
	int err = pymm_handle_get(x->c, x->op->arg[0], &func);

	if (err)
		return err;
	if (func->type != PYMM_T_FUNCTION) {
		x->op->exc = PYMM_EXC_TYPE_ERROR;
		return -EINVAL;
	}
	if (!x->c->depth)
		return -ENOENT;
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	o = pymm_obj_alloc(x->h, PYMM_T_GENERATOR, sizeof(*g), &err);
	if (!o)
		return err;
	g = (struct pymm_gen *)o;
	pymm_frame_take_top(x->c, &g->locals, &g->name);
	g->func = pymm_obj_incref(func);
	g->token = x->op->arg[1];
	g->state = GEN_CREATED;
	pymm_gc_track(x->h, o);
	return pymm_ret_handle(x, o);
}

/* Is the top frame of this client the generator's? */
static bool gen_on_top(struct pymm_opctx *x, struct pymm_gen *g)
{
	struct pymm_client *c = x->c;

	return g->state == GEN_RUNNING && c->depth &&
	       c->frames[c->depth - 1].locals == g->locals;
}

/*
 * arg0 = generator.  RESUME: -EBUSY if it runs already (ValueError:
 * generator already executing), -ENOENT once it is exhausted.  SUSPEND:
 * -EINVAL unless its frame is this client's top.  FINISH: clears the frame
 * whatever the state (popping it if it is this client's top).
 */
/* gi_frame: the suspended frame's object, made once, sharing its locals */
static int gen_frame(struct pymm_opctx *x, struct pymm_gen *g)
{
	int err;

	if (g->state == GEN_CLOSED || !g->locals)
		return -ENOENT;
	if (g->state == GEN_RUNNING)
		return -EBUSY;
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	if (!g->fobj) {
		g->fobj = pymm_frameobj_detached(x->h, g->locals, g->name, g->func, &err);
		if (!g->fobj)
			return err;
	}
	return pymm_ret_handle(x, pymm_obj_incref(g->fobj));
}

int pymm_gen_op(struct pymm_opctx *x)
{
	struct pymm_object *o;
	struct pymm_gen *g;
	int err;

	if (x->op->code == PYMM_OP_GEN_NEW)
		return gen_new(x);
	err = pymm_handle_get(x->c, x->op->arg[0], &o);
	if (err)
		return err;
	if (o->type != PYMM_T_GENERATOR) {
		x->op->exc = PYMM_EXC_TYPE_ERROR;
		return -EINVAL;
	}
	g = (struct pymm_gen *)o;
	x->op->ret[1] = g->token;
	switch (x->op->code) {
	case PYMM_OP_GEN_RESUME:
		if (g->state == GEN_RUNNING) {
			x->op->exc = PYMM_EXC_VALUE_ERROR;
			return -EBUSY;
		}
		if (g->state == GEN_CLOSED || !g->locals)
			return -ENOENT;
		err = pymm_frame_push_existing(x, g->locals, g->name);
		if (!err)
			g->state = GEN_RUNNING;
		return err;
	case PYMM_OP_GEN_FRAME:
		return gen_frame(x, g);
	case PYMM_OP_GEN_SUSPEND:
		if (!gen_on_top(x, g))
			return -EINVAL;
		pymm_frame_drop_top(x->c);	/* the generator's count stays */
		g->state = GEN_SUSPENDED;
		return 0;
	default:	/* PYMM_OP_GEN_FINISH */
		if (g->state == GEN_RUNNING) {
			if (!gen_on_top(x, g))
				return -EINVAL;
			/* the frame's count becomes the last: the pop clears it */
			pymm_obj_decref(x->h, g->locals);
			g->locals = NULL;
			pymm_frame_drop_top(x->c);
		}
		gen_clear_frame(x->h, g);
		return 0;
	}
}
