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

enum iter_kind {
	ITK_LIST = 1,
	ITK_TUPLE,
	ITK_DICT_KEYS,
	ITK_STR,
	ITK_BYTES,
	ITK_SET,	/* set_iterator: "Set changed size during iteration" */
	ITK_RANGE_UNUSED,	/* 7: NEW_ITER's ret1 for a range_iterator (types/range.c) */
	ITK_DICT_VALUES,
	ITK_DICT_ITEMS,	/* a new (key, value) tuple per step */
};

struct pymm_iter {
	struct pymm_object ob;
	struct pymm_object *seq;	/* NULL once exhausted */
	u32 pos;			/* index / dict entry / byte offset */
	u32 used;			/* dict: its size when the iterator was made */
	u8 kind;			/* enum iter_kind */
	u8 broken;			/* dict changed size: stays exhausted */
	u16 reserved;
	u32 reserved2;
};

static int iter_traverse(struct pymm_object *o, pymm_visit_fn visit, void *arg)
{
	struct pymm_iter *it = (struct pymm_iter *)o;

	return it->seq ? visit(it->seq, arg) : 0;
}

static void iter_clear(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_iter *it = (struct pymm_iter *)o;
	struct pymm_object *s = it->seq;

	it->seq = NULL;
	pymm_obj_xdecref(h, s);
}

static struct pymm_object *iter_release(struct pymm_object *o)
{
	struct pymm_iter *it = (struct pymm_iter *)o;
	struct pymm_object *s = it->seq;

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
		x->op->ret[1] = 7;
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
