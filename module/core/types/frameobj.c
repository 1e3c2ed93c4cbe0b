// SPDX-License-Identifier: GPL-2.0
/*
 * frameobj.c - frame objects, as CPython 3.11's frameobject.c.  A running
 * frame is no object (frame.c: a slot of the client's stack, its locals an
 * untracked dict), exactly as 3.11's _PyInterpreterFrame; an object is made
 * for it only when something asks (_PyFrame_GetFrameObject): a traceback
 * entry for a frame an exception crosses, sys._getframe(), f_back.  The
 * stack slot then holds the object (frame_obj), which refers to the
 * slot while the frame runs; it is not tracked then (_PyFrame_New_NoTrack),
 * and its traverse visits f_back only, as frame_traverse does for a frame
 * not owned by its object: the stack holds the locals, as a root.
 *
 * When the frame leaves the stack (it returns, unwinds, or a generator
 * takes it) and anyone but the stack still holds its object, the object
 * takes the locals (take_ownership): it keeps the locals dict, its f_back
 * becomes the object of the frame below (made now if need be; a failure
 * leaves it None, as CPython), and it is tracked.  From then on its
 * traverse is _PyFrame_Traverse's: f_back, f_locals, the function, the
 * code (its name here), then each local's value, so that the classic
 * cycle, an exception stored in a local of the frame that caught it
 * (exception -> traceback -> frame -> locals -> exception), is found by the
 * collector and by nothing else.  The values are visited only while the
 * object is the dict's one holder: a generator's frame shares the dict
 * with its generator, whose traverse visits them (types/gen.c).
 *
 * A module frame's locals are the globals dict, a GC object of its own:
 * it is visited as one (f_locals).  Deallocation is the type's release,
 * iterative as every other: the function, f_locals, the locals, f_back,
 * the name (frame_dealloc's order, the code last); frame_tp_clear drops
 * the locals only.  Tracked once it owns its locals; not weakly
 * referable (3.11's frames have no weakref list); hashed by identity.
 */
#include "../frameobj.h"

struct pymm_frameobj {
	struct pymm_object ob;
	struct pymm_object *back;	/* f_back, once it owns its locals */
	struct pymm_object *f_locals;	/* the dict f_locals returned, or NULL */
	struct pymm_object *func;	/* f_func, or NULL (not known) */
	struct pymm_object *name;	/* f_code.co_name (str), or NULL */
	struct pymm_object *locals;	/* the frame's locals dict (module: globals) */
	struct pymm_client *owner;	/* while running: whose stack */
	u32 slot;			/* while running: index in owner->frames */
	s32 lineno;			/* f_lineno, as last told */
	u8 module;			/* locals is the globals dict */
	u8 reserved[7];
};

static struct pymm_frameobj *as_frame(struct pymm_object *o)
{
	return (struct pymm_frameobj *)o;
}

/* the locals dict whose values the object visits (it owns them alone) */
static struct pymm_object *owned_values(struct pymm_frameobj *f)
{
	if (f->owner || f->module || !f->locals || f->locals->refcnt != 1)
		return NULL;
	return f->locals;
}

static int frame_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_frameobj *f = as_frame(o);
	struct pymm_object *fields[3], *d, *k, *v;
	u32 pos = 0;
	int r;

	if (f->back) {
		r = visit(f->back, arg);
		if (r)
			return r;
	}
	if (f->owner)
		return 0;	/* the stack's: frame_traverse stops here */
	/* _PyFrame_Traverse: f_locals, f_func, f_code, localsplus */
	fields[0] = f->module ? f->locals : f->f_locals;
	fields[1] = f->func;
	fields[2] = f->name;
	r = pymm_visit_fields(fields, 3, visit, arg);
	d = owned_values(f);
	while (!r && d && pymm_dict_next(d, &pos, &k, &v))
		r = visit(v, arg);
	return r;
}

/* frame_tp_clear: the locals and the stack, nothing else */
static void frame_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_frameobj *f = as_frame(o);
	struct pymm_object *d = owned_values(f);

	if (d)
		pymm_types[d->type]->clear(h, d);
}

static struct pymm_object *frame_release(struct pymm_object *o)
{
	struct pymm_frameobj *f = as_frame(o);
	struct pymm_object **order[] = { &f->func, &f->f_locals, &f->locals, &f->back, &f->name };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(order); i++) {
		struct pymm_object *r = *order[i];

		if (r) {
			*order[i] = NULL;
			return r;
		}
	}
	return NULL;
}

const struct pymm_typeobj pymm_frameobj_type = {
	.name = "frame",
	.code = PYMM_T_FRAME,
	.is_gc = 1,
	.traverse = frame_traverse,
	.clear = frame_clear,
	.release = frame_release,
	.hash = pymm_obj_identity_hash,
};

static struct pymm_object *module_name(struct pymm_heap *h, int *err)
{
	return pymm_str_new(h, "<module>", 8, err);
}

/* _PyFrame_MakeAndSetFrameObject: the stack's reference and a new one */
struct pymm_object *pymm_frameobj_of(struct pymm_client *c, u32 slot, int *err)
{
	bool module = slot == PYMM_FRAME_SLOT_MODULE;
	struct pymm_object **home = module ? &c->modframe : &c->frames[slot].fobj;
	struct pymm_heap *h = c->heap;
	struct pymm_object *o, *name;
	struct pymm_frameobj *f;

	if (*home)
		return pymm_obj_incref(*home);
	name = module ? module_name(h, err) : c->frames[slot].name;
	if (module && !name)
		return NULL;
	o = pymm_obj_alloc(h, PYMM_T_FRAME, sizeof(*f), err);
	if (!o) {
		if (module)
			pymm_obj_decref(h, name);
		return NULL;
	}
	f = as_frame(o);
	f->locals = pymm_obj_incref(module ? h->globals : c->frames[slot].locals);
	f->name = module ? name : (name ? pymm_obj_incref(name) : NULL);
	f->module = module;
	f->owner = c;
	f->slot = slot;
	*home = o;
	return pymm_obj_incref(o);
}

struct pymm_object *pymm_frameobj_detached(struct pymm_heap *h, struct pymm_object *locals,
					   struct pymm_object *name, struct pymm_object *func,
					   int *err)
{
	struct pymm_object *o = pymm_obj_alloc(h, PYMM_T_FRAME, sizeof(struct pymm_frameobj), err);
	struct pymm_frameobj *f;

	if (!o)
		return NULL;
	f = as_frame(o);
	f->locals = pymm_obj_incref(locals);
	f->name = name ? pymm_obj_incref(name) : NULL;
	f->func = func ? pymm_obj_incref(func) : NULL;
	return o;	/* untracked until it takes the locals (gen.c) */
}

/* the slot below slot, whose object becomes f_back */
static u32 slot_below(u32 slot)
{
	return slot ? slot - 1 : PYMM_FRAME_SLOT_MODULE;
}

bool pymm_frameobj_leave(struct pymm_client *c, u32 slot)
{
	struct pymm_object *o = c->frames[slot].fobj;
	struct pymm_heap *h = c->heap;
	struct pymm_frameobj *f;
	int err;

	if (!o)
		return false;
	c->frames[slot].fobj = NULL;
	f = as_frame(o);
	f->owner = NULL;
	if (o->refcnt == 1) {
		/* _PyFrame_Clear: only the stack held it; the locals stay ours */
		pymm_obj_decref(h, o);
		return false;
	}
	/* take_ownership: the caller's object is made now (NULL on failure) */
	f->back = pymm_frameobj_of(c, slot_below(slot), &err);
	if (!pymm_gc_is_tracked(o))
		pymm_gc_track(h, o);
	pymm_obj_decref(h, o);
	return true;
}

void pymm_frameobj_drop_module(struct pymm_client *c)
{
	struct pymm_object *o = c->modframe;

	if (!o)
		return;
	c->modframe = NULL;
	as_frame(o)->owner = NULL;
	if (o->refcnt > 1 && !pymm_gc_is_tracked(o))
		pymm_gc_track(c->heap, o);
	pymm_obj_decref(c->heap, o);
}

struct pymm_object *pymm_frameobj_hidden(struct pymm_object *o, struct pymm_object **hidden,
					 u32 *n, struct pymm_object **shared)
{
	struct pymm_frameobj *f = as_frame(o);
	struct pymm_object *d = owned_values(f);

	*n = 0;
	*shared = NULL;
	if (f->owner) {
		hidden[(*n)++] = f->f_locals;
		hidden[(*n)++] = f->func;
		hidden[(*n)++] = f->name;
		hidden[(*n)++] = f->locals;	/* the stack's too: walked from there */
	} else if (f->module) {
		hidden[(*n)++] = f->f_locals;
	} else if (!d) {
		*shared = f->locals;	/* a generator's, another frame object's, a class's */
	}
	return d;
}

/* ------------------------------------------------------------------ ops */

/* PyFrame_FastToLocals: f_locals is one dict, refreshed from the locals */
static int frame_locals(struct pymm_opctx *x, struct pymm_frameobj *f)
{
	struct pymm_object *k, *v;
	u32 pos = 0;
	int err;

	if (f->module)
		return pymm_ret_handle(x, pymm_obj_incref(f->locals));
	if (!f->f_locals) {
		f->f_locals = pymm_dict_new(x->h, &err);
		if (!f->f_locals)
			return err;
	} else {
		/* a name deleted since the last read goes from it too */
		pymm_types[PYMM_T_DICT]->clear(x->h, f->f_locals);
	}
	while (f->locals && pymm_dict_next(f->locals, &pos, &k, &v)) {
		err = pymm_work(x->h, 1);
		if (!err)
			err = pymm_dict_set(x->h, f->f_locals, k, v);
		if (err)
			return err;
	}
	return pymm_ret_handle(x, pymm_obj_incref(f->f_locals));
}

/* frame.f_back: a running frame's is the slot below's, made if need be */
static int frame_back(struct pymm_opctx *x, struct pymm_frameobj *f)
{
	struct pymm_object *b;
	int err;

	if (f->back)
		return pymm_ret_handle(x, pymm_obj_incref(f->back));
	if (f->owner != x->c || f->module)
		return -ENOENT;
	b = pymm_frameobj_of(f->owner, slot_below(f->slot), &err);
	return b ? pymm_ret_handle(x, b) : err;
}

static int opt_ret(struct pymm_opctx *x, struct pymm_object *o)
{
	return o ? pymm_ret_handle(x, pymm_obj_incref(o)) : -ENOENT;
}

static int frame_field(struct pymm_opctx *x, struct pymm_frameobj *f, u64 which)
{
	switch (which) {
	case PYMM_FRAMEF_BACK:
		return frame_back(x, f);
	case PYMM_FRAMEF_LOCALS:
		return frame_locals(x, f);
	case PYMM_FRAMEF_FUNC:
		return opt_ret(x, f->func);
	case PYMM_FRAMEF_NAME:
		return opt_ret(x, f->name);
	case PYMM_FRAMEF_LINENO:
		x->op->ret[0] = (u64)(s64)f->lineno;
		return 0;
	case PYMM_FRAMEF_STATE:
		/* another client's running frame is none of this one's business */
		x->op->ret[0] = f->owner == x->c ? PYMM_FRAME_RUNNING : PYMM_FRAME_OWNED;
		x->op->ret[1] = 0;
		if (f->owner != x->c)
			return 0;
		if (f->module)
			x->op->ret[1] = (u64)f->owner->depth << 32;
		else if (f->owner)
			x->op->ret[1] = (u64)(f->owner->depth - 1 - f->slot) << 32 | (f->slot + 1);
		return 0;
	default:
		return -EINVAL;
	}
}

/* FRAME_OBJECT: arg0 frames back from the top, arg1 its line, arg2 its function */
static int frame_object(struct pymm_opctx *x)
{
	struct pymm_client *c = x->c;
	u64 back = x->op->arg[0];
	struct pymm_object *o, *fn = NULL;
	struct pymm_frameobj *f;
	u32 slot;
	int err;

	if (back > c->depth) {
		x->op->exc = PYMM_EXC_VALUE_ERROR;	/* "call stack is not deep enough" */
		return -EINVAL;
	}
	if (x->op->arg[1] > S32_MAX)
		return -EINVAL;
	if (x->op->arg[2]) {
		err = pymm_handle_get(c, x->op->arg[2], &fn);
		if (err)
			return err;
		if (fn->type != PYMM_T_FUNCTION)
			return -EINVAL;
	}
	err = pymm_handle_reserve(c, 1);
	if (err)
		return err;
	slot = back == c->depth ? PYMM_FRAME_SLOT_MODULE : c->depth - 1 - (u32)back;
	o = pymm_frameobj_of(c, slot, &err);
	if (!o)
		return err;
	f = as_frame(o);
	if (x->op->arg[1])
		f->lineno = (s32)x->op->arg[1];
	if (fn && !f->func)
		f->func = pymm_obj_incref(fn);
	return pymm_ret_handle(x, o);
}

int pymm_frameobj_op(struct pymm_opctx *x)
{
	struct pymm_object *o;
	int err;

	if (x->op->code == PYMM_OP_FRAME_OBJECT)
		return frame_object(x);
	if (x->op->code == PYMM_OP_NEW_TRACEBACK)
		return pymm_traceback_new_op(x);
	err = pymm_handle_get(x->c, x->op->arg[0], &o);
	if (err)
		return err;
	if (o->type == PYMM_T_TRACEBACK)
		return pymm_traceback_field(x, o, x->op->arg[1]);
	if (o->type != PYMM_T_FRAME) {
		x->op->exc = PYMM_EXC_TYPE_ERROR;
		return -EINVAL;
	}
	if (x->op->arg[1] >= PYMM_FRAMEF_TB_NEXT)
		return -EINVAL;
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	return frame_field(x, as_frame(o), x->op->arg[1]);
}
