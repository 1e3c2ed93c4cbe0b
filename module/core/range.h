/* SPDX-License-Identifier: GPL-2.0 */
/*
 * range.h - range and range_iterator (types/range.c), CPython 3.11's
 * rangeobject.c: not GC objects, holding values, no references.
 */
#ifndef PYMM_CORE_RANGE_H
#define PYMM_CORE_RANGE_H

#include "object.h"

struct pymm_opctx;

extern const struct pymm_typeobj pymm_range_type;

bool pymm_range_is_iter(const struct pymm_object *o);
u64 pymm_range_len(const struct pymm_object *o);
bool pymm_range_equal(const struct pymm_object *a, const struct pymm_object *b);
struct pymm_object *pymm_range_iter_new(struct pymm_heap *h, struct pymm_object *range,
					int *err);
struct pymm_object *pymm_range_iter_next(struct pymm_heap *h, struct pymm_object *it,
					 int *err);
struct pymm_object *pymm_range_item(struct pymm_heap *h, struct pymm_object *o, s64 i,
				    int *err);
int pymm_range_read(struct pymm_opctx *x, struct pymm_object *o);
int pymm_range_new_op(struct pymm_opctx *x);	/* PYMM_OP_NEW_RANGE */

#endif /* PYMM_CORE_RANGE_H */
