// SPDX-License-Identifier: GPL-2.0
/*
 * frame.c - a client's call stack.  A frame is a locals dict plus the
 * function's name.  As CPython 3.11's frames (_PyInterpreterFrame, no
 * object), the locals dict is no GC object: it is untracked, so
 * gc.get_objects() never lists it and what it holds counts as referenced
 * from outside (a root) in every collection; verify.c counts its
 * references from the frame.  Pushing past params.max_frame_depth is a
 * RecursionError (-ELOOP), checked before anything is allocated; popping
 * drops the locals: the notes' "a frame's exit removes one" for each local.
 * The stack array is charged to the client's uid (pymm_client_charge()):
 * a full account refuses a push with -EDQUOT before anything changes.
 */
#include "frameobj.h"


static int frames_grow(struct pymm_client *c)
{
	u32 cap = c->frames_cap ? c->frames_cap * 2 : 16;
	struct pymm_frame *f;
	int err;

	if (cap > pymm_params.max_frame_depth)
		cap = pymm_params.max_frame_depth;
	err = pymm_client_charge(c, (size_t)cap * sizeof(*f));
	if (err)
		return err;
	f = pymm_plat_zalloc((size_t)cap * sizeof(*f));
	if (!f) {
		pymm_client_uncharge(c, (size_t)cap * sizeof(*f));
		return -ENOMEM;
	}
	if (c->frames) {
		memcpy(f, c->frames, (size_t)c->depth * sizeof(*f));
		pymm_plat_free(c->frames);
		pymm_client_uncharge(c, (size_t)c->frames_cap * sizeof(*f));
	}
	c->frames = f;
	c->frames_cap = cap;
	return 0;
}

/* Room for one more frame, or RecursionError past the depth limit. */
static int frame_make_room(struct pymm_opctx *x)
{
	struct pymm_client *c = x->c;

	if (c->depth >= pymm_params.max_frame_depth) {
		x->op->exc = PYMM_EXC_RECURSION_ERROR;
		return -ELOOP;
	}
	return c->depth == c->frames_cap ? frames_grow(c) : 0;
}

/* The new top frame takes both references. */
static void frame_install(struct pymm_opctx *x, struct pymm_object *locals,
			  struct pymm_object *name)
{
	struct pymm_client *c = x->c;

	c->frames[c->depth].locals = locals;
	c->frames[c->depth].name = name;
	c->depth++;
	x->h->nframes++;
	x->op->ret[0] = c->depth;
}

/* room for a frame and the op's name (data; none if empty), in that order */
static int frame_prepare(struct pymm_opctx *x, struct pymm_object **name)
{
	const char *s = x->buf;
	u32 len = x->in_len;
	int err;

	*name = NULL;
	if (len && !s[len - 1])
		len--;
	if (len >= PYMM_NAME_MAX)
		return -ENAMETOOLONG;
	err = frame_make_room(x);
	if (err || !len)
		return err;
	*name = pymm_str_new(x->h, s, len, &err);
	return *name ? 0 : err;
}

int pymm_frame_push(struct pymm_opctx *x)
{
	struct pymm_object *locals, *name;
	int err = frame_prepare(x, &name);

	if (err)
		return err;
	locals = pymm_dict_new(x->h, &err);
	if (!locals) {
		pymm_obj_xdecref(x->h, name);
		return err;
	}
	locals->flags |= PYMM_OF_FIXED_TRACKING;
	frame_install(x, locals, name);
	return 0;
}

/*
 * FRAME_PUSH_ID: the name is a str the client holds (a name ID), so the
 * frame takes a reference to it rather than making a str per call.
 */
int pymm_frame_push_id(struct pymm_opctx *x)
{
	struct pymm_object *locals, *name;
	int err;

	pymm_lockdep_assert_held(&x->h->lock);
	err = pymm_handle_get(x->c, x->op->arg[0], &name);
	if (err)
		return err;
	if (name->type != PYMM_T_STR)
		return -EINVAL;
	if (pymm_as_str(name)->len >= PYMM_NAME_MAX)
		return -ENAMETOOLONG;
	err = frame_make_room(x);
	if (err)
		return err;
	locals = pymm_dict_new(x->h, &err);
	if (!locals)
		return err;
	locals->flags |= PYMM_OF_FIXED_TRACKING;
	frame_install(x, locals, pymm_obj_incref(name));
	return 0;
}

/*
 * exec(src, d): a frame whose locals are the dict d itself, so the code's
 * names land in d, as CPython runs module code with d as its globals and
 * locals.  The frame holds a reference; popping it leaves d's items alone
 * unless the frame held d's last reference (frame_drop_top()).
 */
int pymm_frame_push_ns(struct pymm_opctx *x)
{
	struct pymm_object *ns, *name;
	int err = pymm_handle_get(x->c, x->op->arg[0], &ns);

	if (err)
		return err;
	if (ns->type != PYMM_T_DICT) {
		x->op->exc = PYMM_EXC_TYPE_ERROR;
		return -EINVAL;
	}
	err = frame_prepare(x, &name);
	if (err)
		return err;
	pymm_obj_incref(ns);
	frame_install(x, ns, name);
	return 0;
}

/*
 * A generator's frame going back on the stack (types/gen.c): the same
 * checks as a push, then the frame takes a reference to each of its
 * existing locals dict and name.
 */
int pymm_frame_push_existing(struct pymm_opctx *x, struct pymm_object *locals,
			     struct pymm_object *name)
{
	int err = frame_make_room(x);

	if (err)
		return err;
	pymm_obj_incref(locals);
	if (name)
		pymm_obj_incref(name);
	frame_install(x, locals, name);
	return 0;
}

/*
 * The top frame leaves the stack without being cleared: its locals and
 * name references go to the caller (a new generator takes them).
 */
void pymm_frame_take_top(struct pymm_client *c, struct pymm_object **locals,
			 struct pymm_object **name)
{
	struct pymm_frame *f = &c->frames[--c->depth];

	pymm_frameobj_leave(c, c->depth);	/* the generator holds the locals either way */
	*locals = f->locals;
	*name = f->name;
	f->locals = NULL;
	f->name = NULL;
	c->heap->nframes--;
}

void pymm_frame_drop_top(struct pymm_client *c)
{
	struct pymm_frame *f = &c->frames[--c->depth];
	struct pymm_object *locals = f->locals, *name = f->name;
	bool taken = pymm_frameobj_leave(c, c->depth);

	f->locals = NULL;
	f->name = NULL;
	c->heap->nframes--;
	if (taken) {
		/* take_ownership: the frame object keeps the locals as they are */
		pymm_obj_decref(c->heap, locals);
		pymm_obj_xdecref(c->heap, name);
		return;
	}
	/*
	 * _PyFrame_Clear: the locals go one by one, in order, from the frame
	 * itself, no deallocator (and no trashcan level) around them; then
	 * the emptied dict.  A namespace that escaped (a class body's, now the
	 * class's dict) is not the frame's to empty.
	 */
	if (locals->refcnt == 1)
		pymm_types[locals->type]->clear(c->heap, locals);
	pymm_obj_decref(c->heap, locals);
	pymm_obj_xdecref(c->heap, name);
}

int pymm_frame_pop(struct pymm_opctx *x)
{
	if (!x->c->depth)
		return -ENOENT;
	pymm_frame_drop_top(x->c);
	x->op->ret[0] = x->c->depth;
	return 0;
}

void pymm_frames_drop(struct pymm_client *c)
{
	while (c->depth)
		pymm_frame_drop_top(c);
	pymm_frameobj_drop_module(c);
}
