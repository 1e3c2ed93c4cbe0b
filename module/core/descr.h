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
 * member (member_descriptor of a __slots__ name): type (d_type) and name.
 */
struct pymm_descr {
	struct pymm_object ob;
	struct pymm_object *fget;
	struct pymm_object *fset;
	struct pymm_object *fdel;
	struct pymm_object *doc;
	struct pymm_object *name;
	struct pymm_object *dict;
	struct pymm_object *type;
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

/* a member_descriptor for slot `name` of class `type` */
struct pymm_object *pymm_member_new(struct pymm_heap *h, struct pymm_object *type,
				    struct pymm_object *name, int *err);

/* types/slots.c: __slots__ at CLASS_NEW (docs/objects.md, "__slots__") */
int pymm_slots_prepare(struct pymm_heap *h, struct pymm_object *cls, struct pymm_object *ns,
		       struct pymm_tuple *bases, u32 *cerr);
int pymm_slots_add_members(struct pymm_heap *h, struct pymm_object *cls);

/* PYMM_OP_NEW_DESCR, PYMM_OP_DESCR_GET (ops.c's table points here) */
int pymm_descr_op(struct pymm_opctx *x);

#endif /* PYMM_CORE_DESCR_H */
