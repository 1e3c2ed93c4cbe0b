/* SPDX-License-Identifier: GPL-2.0 */
/*
 * subobj.h - instances of classes derived from list or dict (types/subobj.c).
 *
 * CPython 3.11 makes `class Stack(list)`'s instances PyListObjects with a
 * class and a managed __dict__ pointer in front: ONE GC object that is a
 * list, whose __dict__ is made at the first attribute store (list_new does
 * not set up inline values, so _PyObjectDict_SetItem makes a real dict).
 * Ours is the same: a PYMM_T_LIST (PYMM_T_DICT) object whose block is
 * longer by struct pymm_subext, so every list (dict) op works on it as it
 * is.  The block size says which it is: a plain list or dict is never
 * that size (the free lists keep only the plain size, so an instance is
 * never recycled as a plain list, as list_dealloc's PyList_CheckExact).
 *
 * Traversal is subtype_traverse's: the __dict__, the type, then the base's
 * own (list items last to first; dict entries); subtype_clear clears the
 * __dict__ then the base's; subtype_dealloc drops the __dict__, the base's
 * contents, then the type.
 *
 * `class Point(tuple)` (collections.namedtuple's classes) is the same with
 * a tuple, whose size varies with its length: the struct pymm_subext ends
 * the block, after the items, and PYMM_OF_SUBTUPLE says it is there.  A
 * class whose MRO down to tuple has `__slots__ = ()` everywhere (a
 * namedtuple's) gives its instances no __dict__, as CPython's tuple
 * subclass with an empty __slots__ is a tuple and a type pointer; none is
 * weakly referable (type_new adds no __weakref__ to a variable-size base).
 */
#ifndef PYMM_CORE_SUBOBJ_H
#define PYMM_CORE_SUBOBJ_H

struct pymm_subext {
	struct pymm_object *cls;	/* counted: the heap type */
	struct pymm_object *dict;	/* the __dict__, made at the first store, or NULL */
	struct pymm_weakref *weaklist;
	u32 release_pos;		/* 0: dict next, 1: base, 2: type, 3: done */
	u32 reserved;
};

struct pymm_list_sub {
	struct pymm_list l;
	struct pymm_subext x;
};

struct pymm_dict_sub {
	struct pymm_dict d;
	struct pymm_subext x;
};

/* struct pymm_class.layout: PYMM_LAYOUT_* (uapi): pymm_instance, pymm_list_sub, pymm_dict_sub */
#define PYMM_BASE_NTYPES	(PYMM_BTYPE_MAX - 1)	/* h->base_types[PYMM_BTYPE_* - 1] */

#define PYMM_SUB_LIST_BYTES	(sizeof(struct pymm_gc_head) + sizeof(struct pymm_list_sub))
#define PYMM_SUB_DICT_BYTES	(sizeof(struct pymm_gc_head) + sizeof(struct pymm_dict_sub))

/* a tuple subclass's instance of n items: the block's bytes */
#define PYMM_SUB_TUPLE_BYTES(n)	(sizeof(struct pymm_gc_head) + sizeof(struct pymm_tuple) + \
				 (size_t)(n) * sizeof(void *) + sizeof(struct pymm_subext))

/* the class part of a list/dict/tuple that is an instance of a class, else NULL */
static inline struct pymm_subext *pymm_subext(const struct pymm_object *o)
{
	if (o->type == PYMM_T_TUPLE && (o->flags & PYMM_OF_SUBTUPLE))
		return (struct pymm_subext *)((char *)o - sizeof(struct pymm_gc_head) + o->size -
					      sizeof(struct pymm_subext));
	if (o->type == PYMM_T_LIST && o->size == PYMM_SUB_LIST_BYTES)
		return &((struct pymm_list_sub *)o)->x;
	if (o->type == PYMM_T_DICT && o->size == PYMM_SUB_DICT_BYTES)
		return &((struct pymm_dict_sub *)o)->x;
	return NULL;
}

/* tuple.__new__(cls, items): a tuple that is an instance of cls */
struct pymm_object *pymm_tuple_sub_new(struct pymm_heap *h, struct pymm_object *cls,
				       struct pymm_object *const *items, u32 n, int *err);

/* false: a tuple subclass's instance with no __dict__ (__slots__ = ()) */
bool pymm_sub_has_dict(const struct pymm_object *o);

/* list.c/dict.c/tuple.c's type functions call these first (no-ops on plain ones) */
int pymm_sub_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg);
void pymm_sub_clear(struct pymm_heap *h, struct pymm_object *o);
/* the __dict__ (first), then nothing until the base is empty: the type */
struct pymm_object *pymm_sub_release(struct pymm_object *o, bool base_done);

#endif /* PYMM_CORE_SUBOBJ_H */
