/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dictview.h - dict_keys, dict_values, dict_items (types/dictview.c):
 * dictobject.c's view objects, each holding its dict.
 */
#ifndef PYMM_CORE_DICTVIEW_H
#define PYMM_CORE_DICTVIEW_H

#include "object.h"

struct pymm_opctx;

extern const struct pymm_typeobj pymm_dictview_type;

/* the viewed dict (borrowed) and the view's PYMM_VIEW_* kind */
struct pymm_object *pymm_dictview_dict(struct pymm_object *view);
u32 pymm_dictview_kind(const struct pymm_object *view);

int pymm_dictview_new_op(struct pymm_opctx *x);	/* PYMM_OP_NEW_DICTVIEW */

#endif /* PYMM_CORE_DICTVIEW_H */
