/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iter.h - iterator objects (types/iter.c): what CPython 3.11's GET_ITER
 * makes of a list, tuple, dict, str or bytes.
 */
#ifndef PYMM_CORE_ITER_H
#define PYMM_CORE_ITER_H

struct pymm_opctx;

extern const struct pymm_typeobj pymm_iter_type;

/* PYMM_OP_NEW_ITER, PYMM_OP_ITER_NEXT (ops.c's table points here) */
int pymm_op_new_iter(struct pymm_opctx *x);
int pymm_op_iter_next(struct pymm_opctx *x);

#endif /* PYMM_CORE_ITER_H */
