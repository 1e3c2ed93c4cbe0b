/* SPDX-License-Identifier: GPL-2.0 */
/*
 * descr.h - property, staticmethod and classmethod objects (types/descr.c):
 * one type code, PYMM_T_DESCR, with a kind (PYMM_DESCR_*).
 */
#ifndef PYMM_CORE_DESCR_H
#define PYMM_CORE_DESCR_H

struct pymm_opctx;

/*
 * property: fget, fset, fdel, doc, name (prop_name, set by the class
 * statement's __set_name__), in propertyobject's order.
 * staticmethod / classmethod: fget is sm_callable / cm_callable, dict is
 * the __dict__ functools_wraps fills; the other fields are NULL.
 */
struct pymm_descr {
	struct pymm_object ob;
	struct pymm_object *fget;
	struct pymm_object *fset;
	struct pymm_object *fdel;
	struct pymm_object *doc;
	struct pymm_object *name;
	struct pymm_object *dict;
	u32 kind;			/* PYMM_DESCR_* */
	u32 release_pos;
};

extern const struct pymm_typeobj pymm_descr_type;

static inline u32 pymm_descr_kind(const struct pymm_object *o)
{
	return o && o->type == PYMM_T_DESCR ? ((const struct pymm_descr *)o)->kind : 0;
}

/* type_new's __set_name__ for a property: its prop_name */
void pymm_descr_set_name(struct pymm_heap *h, struct pymm_object *d, struct pymm_object *name);

/* PYMM_OP_NEW_DESCR, PYMM_OP_DESCR_GET (ops.c's table points here) */
int pymm_descr_op(struct pymm_opctx *x);

#endif /* PYMM_CORE_DESCR_H */
