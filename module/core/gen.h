/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gen.h - generator objects (types/gen.c): a generator function's frame,
 * kept in the heap between its runs.
 */
#ifndef PYMM_CORE_GEN_H
#define PYMM_CORE_GEN_H

struct pymm_opctx;
struct pymm_object;

extern const struct pymm_typeobj pymm_gen_type;

/* PYMM_OP_GEN_NEW .. PYMM_OP_GEN_FINISH (ops.c's table points here) */
int pymm_gen_op(struct pymm_opctx *x);

/*
 * verify.c: the frame's locals dict of a generator (NULL once cleared),
 * and whether that frame is on a client's stack now (then the stack, not
 * the generator, walks its contents).
 */
struct pymm_object *pymm_gen_locals(struct pymm_object *o, bool *running);

/*
 * _PyGen_Finalize, at refcount death and in the collector (object.c,
 * gc.c finalize_garbage): a frame that is not running is closed.  A
 * generator its maker runs (a token) is handed to that client as a
 * PYMM_FIN_GEN_CLOSE item (true: queued, the item holds it); otherwise, or
 * if that fails, the frame is cleared here.  What dies of the closing is
 * freed then, not counted as collected, as in 3.11.
 */
bool pymm_gen_has_frame(struct pymm_object *o);
bool pymm_gen_finalize(struct pymm_heap *h, struct pymm_object *o, bool coll);

#endif /* PYMM_CORE_GEN_H */
