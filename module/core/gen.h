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
 * _PyGen_Finalize for the collector (gc.c finalize_garbage): a frame not
 * running is closed, which clears it; what dies of that is freed then, not
 * counted as collected, as in 3.11.
 */
bool pymm_gen_has_frame(struct pymm_object *o);
void pymm_gen_finalize(struct pymm_heap *h, struct pymm_object *o);

#endif /* PYMM_CORE_GEN_H */
