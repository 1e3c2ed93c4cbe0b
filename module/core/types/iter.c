// SPDX-License-Identifier: GPL-2.0
/*
 * iter.c - iterators, as CPython 3.11's GET_ITER makes them: a
 * list_iterator, tuple_iterator, dict_keyiterator, str_ascii_iterator /
 * str_iterator or bytes_iterator is a heap object of its own, tracked by
 * the collector (all five are GC types in 3.11), holding one reference to
 * what it iterates.  Like listiter_next() and its siblings, an iterator
 * drops that reference the moment it is exhausted, so a finished `for`
 * loop no longer keeps its sequence alive even while the iterator object
 * lives on.
 *
 * A dict iterator remembers the dict's size when it was made and refuses
 * to go on once the size differs (-EBUSY, RuntimeError "dictionary changed
 * size during iteration" in the tool), for ever after, as
 * dictiter_iternextkey does by setting di_used to -1 (the dict stays
 * referenced).  A list iterator reads the length at each step, so items
 * appended during the loop are visited, as in CPython.
 *
 * One PYMM_OP_ITER_NEXT yields one item: the loop never needs a handle
 * per element at once, whatever the container's size.
 */
#include "../heap.h"
#include "../iter.h"
#include "../set.h"
#include "../range.h"
#include "../dictview.h"

#define ITK_LIST	PYMM_ITER_LIST
#define ITK_TUPLE	PYMM_ITER_TUPLE
#define ITK_DICT_KEYS	PYMM_ITER_DICT_KEYS
#define ITK_STR		PYMM_ITER_STR
#define ITK_BYTES	PYMM_ITER_BYTES
#define ITK_SET		PYMM_ITER_SET
#define ITK_DICT_VALUES	PYMM_ITER_DICT_VALUES
#define ITK_DICT_ITEMS	PYMM_ITER_DICT_ITEMS

static int iter_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_iter *it = (struct pymm_iter *)o;

	if (pymm_iter_is_composite(it))
		return pymm_iterobj_traverse(o, visit, arg);
	return it->seq ? visit(it->seq, arg) : 0;
}

static void iter_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_iter *it = (struct pymm_iter *)o;
	struct pymm_object *s = it->seq;

	if (pymm_iter_is_composite(it))
		return;		/* enumerate, zip, map, filter have no tp_clear */
	it->seq = NULL;
	pymm_obj_xdecref(h, s);
}

static struct pymm_object *iter_release(struct pymm_object *o)
{
	struct pymm_iter *it = (struct pymm_iter *)o;
	struct pymm_object *s = it->seq;

	if (pymm_iter_is_composite(it))
		return pymm_iterobj_release(o);
	it->seq = NULL;
	return s;
}

const struct pymm_typeobj pymm_iter_type = {
	.name = "iterator",
	.code = PYMM_T_ITER,
	.is_gc = 1,
	.traverse = iter_traverse,
	.clear = iter_clear,
	.release = iter_release,
	.hash = pymm_obj_identity_hash,
};

int pymm_op_new_iter(struct pymm_opctx *x)
{
	struct pymm_object *seq, *o;
	struct pymm_iter *it;
	int err = pymm_handle_get(x->c, x->op->arg[0], &seq);
	u8 kind;

	if (err)
		return err;
	switch (seq->type) {
	case PYMM_T_LIST:
		kind = ITK_LIST;
		break;
	case PYMM_T_TUPLE:
		kind = ITK_TUPLE;
		break;
	case PYMM_T_DICT:
		kind = ITK_DICT_KEYS;
		break;
	case PYMM_T_STR:
		kind = ITK_STR;
		break;
	case PYMM_T_BYTES:
		kind = ITK_BYTES;
		break;
	case PYMM_T_BYTEARRAY:
		kind = PYMM_ITER_BYTEARRAY;
		break;
	case PYMM_T_SET:
		kind = ITK_SET;
		break;
	case PYMM_T_DICTVIEW: {
		/* dictview_iter: the dict's own iterator, holding the dict */
		static const u8 kinds[] = {
			[PYMM_VIEW_KEYS] = ITK_DICT_KEYS,
			[PYMM_VIEW_VALUES] = ITK_DICT_VALUES,
			[PYMM_VIEW_ITEMS] = ITK_DICT_ITEMS,
		};

		kind = kinds[pymm_dictview_kind(seq)];
		seq = pymm_dictview_dict(seq);
		if (!seq) {	/* cleared by the collector: nothing left */
			x->op->exc = PYMM_EXC_TYPE_ERROR;
			return -EINVAL;
		}
		break;
	}
	case PYMM_T_RANGE:
		/* range_iter: an object of the range's own type, no GC */
		if (pymm_range_is_iter(seq))
			return pymm_ret_handle(x, pymm_obj_incref(seq));
		err = pymm_handle_reserve(x->c, 1);
		o = err ? NULL : pymm_range_iter_new(x->h, seq, &err);
		if (!o)
			return err;
		x->op->ret[1] = PYMM_ITER_RANGE;
		return pymm_ret_handle(x, o);
	default:
		x->op->exc = PYMM_EXC_TYPE_ERROR;
		return -EINVAL;
	}
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	o = pymm_obj_alloc(x->h, PYMM_T_ITER, sizeof(*it), &err);
	if (!o)
		return err;
	it = (struct pymm_iter *)o;
	it->kind = kind;
	it->seq = pymm_obj_incref(seq);
	if (kind == ITK_DICT_KEYS || kind == ITK_DICT_VALUES || kind == ITK_DICT_ITEMS)
		it->used = ((struct pymm_dict *)seq)->used;
	else if (kind == ITK_SET)
		it->used = pymm_set_len(seq);
	pymm_gc_track(x->h, o);
	x->op->ret[1] = kind;
	return pymm_ret_handle(x, o);
}

/* bytes of the UTF-8 sequence a lead byte starts (the str is valid UTF-8) */
static u32 utf8_seq_len(u8 c)
{
	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	if (c >= 0xc0)
		return 2;
	return 1;
}

/*
 * list_reverseiterator and reversed: pos is one past the next index (a
 * byte offset past the next character for a str), 0 at the end.  A list
 * that shrank below the index ends the iteration, as listreviter_next.
 */
static struct pymm_object *reversed_step(struct pymm_heap *h, struct pymm_iter *it, int *err)
{
	struct pymm_object *seq = it->seq;
	u32 n;

	if (!it->pos)
		return NULL;
	switch (seq->type) {
	case PYMM_T_LIST:
		if (it->pos > ((struct pymm_list *)seq)->len)
			return NULL;
		return pymm_obj_incref(((struct pymm_list *)seq)->items[--it->pos]);
	case PYMM_T_TUPLE:
		return pymm_obj_incref(((struct pymm_tuple *)seq)->items[--it->pos]);
	case PYMM_T_BYTES:
		return pymm_int_new(h, (u8)pymm_as_str(seq)->data[--it->pos], err);
	default:	/* str: back to the lead byte of the last character */
		n = it->pos;
		do
			it->pos--;
		while (it->pos && ((u8)pymm_as_str(seq)->data[it->pos] & 0xc0) == 0x80);
		return pymm_str_new(h, pymm_as_str(seq)->data + it->pos, n - it->pos, err);
	}
}

u32 pymm_iter_reversed_start(struct pymm_object *seq)
{
	switch (seq->type) {
	case PYMM_T_LIST:
		return ((struct pymm_list *)seq)->len;
	case PYMM_T_TUPLE:
		return ((struct pymm_tuple *)seq)->len;
	default:
		return pymm_as_str(seq)->len;
	}
}

/* The next item, a new reference; NULL with *err 0 at the end. */
static struct pymm_object *iter_step(struct pymm_heap *h, struct pymm_iter *it, int *err)
{
	struct pymm_object *seq = it->seq, *k, *v;

	*err = 0;
	switch (it->kind) {
	case ITK_LIST: {
		struct pymm_list *l = (struct pymm_list *)seq;

		if (it->pos < l->len)
			return pymm_obj_incref(l->items[it->pos++]);
		return NULL;
	}
	case ITK_TUPLE: {
		struct pymm_tuple *t = (struct pymm_tuple *)seq;

		if (it->pos < t->len && t->items[it->pos])
			return pymm_obj_incref(t->items[it->pos++]);
		return NULL;
	}
	case ITK_DICT_KEYS:
	case ITK_DICT_VALUES:
	case ITK_DICT_ITEMS:
		if (it->broken || ((struct pymm_dict *)seq)->used != it->used) {
			it->broken = 1;
			*err = -EBUSY;
			return NULL;
		}
		if (!pymm_dict_next(seq, &it->pos, &k, &v))
			return NULL;
		if (it->kind == ITK_DICT_KEYS)
			return pymm_obj_incref(k);
		if (it->kind == ITK_DICT_VALUES)
			return pymm_obj_incref(v);
		{
			struct pymm_object *pair[2] = { k, v };

			return pymm_tuple_new(h, pair, 2, err);
		}
	case ITK_SET:
		/* setiter_iternext: si_used = -1, sticky */
		if (it->broken || pymm_set_len(seq) != it->used) {
			it->broken = 1;
			*err = -EBUSY;
			return NULL;
		}
		if (pymm_set_next(seq, &it->pos, &k))
			return pymm_obj_incref(k);
		return NULL;
	case ITK_STR: {
		struct pymm_str *s = pymm_as_str(seq);
		u32 n;

		if (it->pos >= s->len)
			return NULL;
		n = utf8_seq_len((u8)s->data[it->pos]);
		if (n > s->len - it->pos)
			n = s->len - it->pos;
		it->pos += n;
		return pymm_str_new(h, s->data + it->pos - n, n, err);
	}
	case ITK_BYTES: {
		struct pymm_str *s = pymm_as_str(seq);

		if (it->pos >= s->len)
			return NULL;
		return pymm_int_new(h, (u8)s->data[it->pos++], err);
	}
	case PYMM_ITER_BYTEARRAY: {
		/* bytearrayiter_next: the length as it is now */
		struct pymm_bytearray *b = (struct pymm_bytearray *)seq;

		if (it->pos >= b->len)
			return NULL;
		return pymm_int_new(h, b->data[it->pos++], err);
	}
	case PYMM_ITER_LIST_REV:
	case PYMM_ITER_REVERSED:
		return reversed_step(h, it, err);
	}
	*err = -EINVAL;
	return NULL;
}

/*
 * arg0 = iterator.  ret0 = the next item's handle and ret1 = 1, or ret1 = 0
 * at the end (no handle).  -EBUSY: the dict it iterates changed size.
 */
int pymm_op_iter_next(struct pymm_opctx *x)
{
	struct pymm_object *o, *item, *seq;
	struct pymm_iter *it;
	int err = pymm_handle_get(x->c, x->op->arg[0], &o);

	if (err)
		return err;
	if (o->type == PYMM_T_RANGE && pymm_range_is_iter(o)) {
		x->op->ret[0] = 0;
		x->op->ret[1] = 0;
		err = pymm_handle_reserve(x->c, 1);
		item = err ? NULL : pymm_range_iter_next(x->h, o, &err);
		if (!item)
			return err;
		x->op->ret[1] = 1;
		return pymm_ret_handle(x, item);
	}
	if (o->type != PYMM_T_ITER) {
		x->op->exc = PYMM_EXC_TYPE_ERROR;
		return -EINVAL;
	}
	it = (struct pymm_iter *)o;
	x->op->ret[0] = 0;
	x->op->ret[1] = 0;
	if (pymm_iter_is_composite(it))
		return -EOPNOTSUPP;	/* enumerate & co: the client steps them */
	if (!it->seq)
		return 0;
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	item = iter_step(x->h, it, &err);
	if (item) {
		x->op->ret[1] = 1;
		return pymm_ret_handle(x, item);
	}
	if (err)
		return err;	/* a changed dict stays referenced, as in dictobject.c */
	/* exhausted: the sequence goes now, as in listiter_next */
	seq = it->seq;
	it->seq = NULL;
	pymm_obj_decref(x->h, seq);
	return 0;
}
