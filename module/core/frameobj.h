/* SPDX-License-Identifier: GPL-2.0 */
/*
 * frameobj.h - frame objects and traceback objects (types/frameobj.c,
 * types/traceback.c): what CPython 3.11's frameobject.c and traceback.c
 * keep, made only when something asks for them.
 */
#ifndef PYMM_FRAMEOBJ_H
#define PYMM_FRAMEOBJ_H

#include "heap.h"

#define PYMM_FRAME_SLOT_MODULE	U32_MAX	/* a running module frame's slot */

extern const struct pymm_typeobj pymm_frameobj_type, pymm_traceback_type;

/* FRAME_OBJECT, NEW_TRACEBACK, FRAME_FIELD */
int pymm_frameobj_op(struct pymm_opctx *x);

/* types/traceback.c: NEW_TRACEBACK, and FRAME_FIELD of a traceback */
int pymm_traceback_new_op(struct pymm_opctx *x);
int pymm_traceback_field(struct pymm_opctx *x, struct pymm_object *o, u64 which);

/*
 * The frame object of c's frame at slot (PYMM_FRAME_SLOT_MODULE: the
 * module's), made on first request: a new reference, or NULL with *err.
 */
struct pymm_object *pymm_frameobj_of(struct pymm_client *c, u32 slot, int *err);

/*
 * A frame leaves c's stack (frame.c): slot's object, if anyone but the
 * stack holds it, takes the locals (CPython's take_ownership), and true is
 * returned: the stack's reference to the locals dict is then the caller's
 * to drop, never to clear.  False: no one else holds it (it is dropped),
 * the locals are the caller's as before.
 */
bool pymm_frameobj_leave(struct pymm_client *c, u32 slot);

/* a suspended generator's frame object (gi_frame): off any stack, untracked */
struct pymm_object *pymm_frameobj_detached(struct pymm_heap *h, struct pymm_object *locals,
					   struct pymm_object *name, struct pymm_object *func,
					   int *err);

/* the client's module frame object goes (detach): it keeps the globals */
void pymm_frameobj_drop_module(struct pymm_client *c);

/*
 * verify.c: what a frame object holds that its traverse does not visit
 * (up to 4, into hidden[]), the locals dict it shares (*shared: with a
 * generator, other frame objects, a class), and
 * the locals dict whose values it visits instead of the dict itself
 * (returned; NULL: none).
 */
struct pymm_object *pymm_frameobj_hidden(struct pymm_object *o, struct pymm_object **hidden,
					 u32 *n, struct pymm_object **shared);

#endif /* PYMM_FRAMEOBJ_H */
