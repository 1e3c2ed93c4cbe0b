/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iter.h - iterator objects (types/iter.c): what CPython 3.11's GET_ITER
 * makes of a list, tuple, dict, str or bytes.
 */
#ifndef PYMM_CORE_ITER_H
#define PYMM_CORE_ITER_H

struct pymm_opctx;

extern const struct pymm_typeobj pymm_iter_type;

/* kinds: PYMM_ITER_* (uapi); 1..5 GET_ITER's, the rest types/iterobj.c's */
struct pymm_iter {
	struct pymm_object ob;
	struct pymm_object *seq;	/* NULL once exhausted */
	u32 pos;			/* index / dict entry / byte offset */
	u32 used;			/* dict: its size when the iterator was made */
	u8 kind;			/* PYMM_ITER_* */
	u8 broken;			/* dict changed size: stays exhausted */
	u16 reserved;
	u32 reserved2;
};

/*
 * enumerate, zip, map, filter: seq is the iterator (enumerate, filter) or
 * the tuple of iterators (zip, map); result the tuple enum_next / zip_next
 * reuse while they hold it alone; func what map / filter call (NULL:
 * filter(None, ...)).  The client steps them (it runs the functions).
 */
struct pymm_iterobj {
	struct pymm_iter it;
	struct pymm_object *func;
	struct pymm_object *result;
	s64 index;			/* enumerate: the next index */
	u32 release_pos;
	u32 reserved;
};

static inline bool pymm_iter_is_composite(const struct pymm_iter *it)
{
	return (it->kind >= PYMM_ITER_ENUMERATE && it->kind <= PYMM_ITER_FILTER) ||
	       it->kind == PYMM_ITER_CALLABLE;
}

/* types/iterobj.c: the composite kinds' part of the type (iter.c dispatches) */
int pymm_iterobj_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg);
struct pymm_object *pymm_iterobj_release(struct pymm_object *o);
/* reversed(): a list_reverseiterator or reversed object's first index */
u32 pymm_iter_reversed_start(struct pymm_object *seq);

/* PYMM_OP_NEW_ITER_OF, PYMM_OP_ITER_PART, PYMM_OP_ITER_RESULT */
int pymm_iterobj_op(struct pymm_opctx *x);

/* PYMM_OP_NEW_ITER, PYMM_OP_ITER_NEXT (ops.c's table points here) */
int pymm_op_new_iter(struct pymm_opctx *x);
int pymm_op_iter_next(struct pymm_opctx *x);

#endif /* PYMM_CORE_ITER_H */
