// SPDX-License-Identifier: GPL-2.0
/*
 * ops.c - pymm_op_exec(), the one path every front end takes.
 *
 * A table row per op code says what the op may carry: which arg[] slots it
 * reads (the others must be zero), which flags it accepts, which way its
 * data buffer travels, and whether it runs on the attached heap.  Generic
 * checks run from the row, then the handler runs with the heap lock held:
 *
 *	client->lock ─┬─ registry ops (heap.c takes the registry itself)
 *	              └─ heap->lock ─ handler ─ gc safe point ─ unlock
 *
 * Handlers check everything specific (handles, types, lengths) BEFORE they
 * change anything, and reserve what they will need (handle slots, dict or
 * list room) first, so an op that fails leaves the heap as it found it.
 *
 * pymm_op_exec_batch() keeps both locks across a run of bufferless object
 * ops (a chunk of a PYMM_IOC_BATCH); each op of it still passes the same
 * prepare/run/finish steps, the GC safe point included.
 */
#include "heap.h"
#include "gen.h"
#include "frameobj.h"
#include "iter.h"
#include "descr.h"
#include "set.h"
#include "range.h"
#include "dictview.h"
#include "keyhash.h"

enum op_kind {
	OPK_NONE,	/* no heap needed */
	OPK_REG,	/* registry: heap.c locks */
	OPK_HEAP,	/* the attached heap, locked here */
};

struct op_desc {
	u8 dir;		/* PYMM_DATA_* */
	u8 args;	/* bit i: arg[i] is read */
	u8 flags;	/* accepted op->flags */
	u8 kind;
	int (*fn)(struct pymm_opctx *x);
};

static int set_exc(struct pymm_opctx *x, int err, u32 exc)
{
	x->op->exc = exc;
	return err;
}

#define TYPE_ERROR(x)	set_exc(x, -EINVAL, PYMM_EXC_TYPE_ERROR)

static int get(struct pymm_opctx *x, int i, struct pymm_object **o)
{
	return pymm_handle_get(x->c, x->op->arg[i], o);
}

/* a new object in ret0: the handle slot is reserved before anything exists */
static int ret_new(struct pymm_opctx *x, struct pymm_object *o, int err)
{
	if (!o)
		return err;
	return pymm_ret_handle(x, o);
}

/* ---------------------------------------------------------- objects */

static int op_nop(struct pymm_opctx *x)
{
	return 0;
}

static int op_const(struct pymm_opctx *x)
{
	struct pymm_heap *h = x->h;
	int err;

	/* arg1 names a builtin type for PYMM_CONST_TYPE only */
	if (x->op->arg[0] != PYMM_CONST_TYPE && x->op->arg[1])
		return -EINVAL;
	switch (x->op->arg[0]) {
	case PYMM_CONST_NONE:
	case PYMM_CONST_FALSE:
	case PYMM_CONST_TRUE:
	case PYMM_CONST_OBJECT:
	case PYMM_CONST_LIST:
	case PYMM_CONST_DICT:
		break;
	case PYMM_CONST_TYPE:
		if (!x->op->arg[1] || x->op->arg[1] >= PYMM_BTYPE_MAX)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	if (x->op->arg[0] >= PYMM_CONST_OBJECT) {
		struct pymm_object *o = x->op->arg[0] == PYMM_CONST_OBJECT ?
			pymm_type_object(h, &err) :
			pymm_type_base(h, x->op->arg[0] == PYMM_CONST_TYPE ? (u32)x->op->arg[1] :
				       x->op->arg[0] == PYMM_CONST_LIST ? PYMM_BTYPE_LIST :
				       PYMM_BTYPE_DICT, &err);

		return o ? pymm_ret_handle(x, pymm_obj_incref(o)) : err;
	}
	if (x->op->arg[0] == PYMM_CONST_NONE)
		return pymm_ret_handle(x, pymm_none_get(h));
	return pymm_ret_handle(x, pymm_bool_get(h, x->op->arg[0] == PYMM_CONST_TRUE));
}

static int op_new_scalar(struct pymm_opctx *x)
{
	struct pymm_object *o = NULL;
	int err = pymm_handle_reserve(x->c, 1);

	if (err)
		return err;
	switch (x->op->code) {
	case PYMM_OP_NEW_INT:
		o = pymm_int_new(x->h, (s64)x->op->arg[0], &err);
		break;
	case PYMM_OP_NEW_FLOAT:
		o = pymm_float_new(x->h, x->op->arg[0], &err);
		break;
	case PYMM_OP_NEW_STR:
		if (x->op->arg[0] & ~(u64)PYMM_STR_RUNTIME)
			return -EINVAL;
		o = x->op->arg[0] ? pymm_str_new_runtime(x->h, x->buf, x->in_len, &err) :
				    pymm_str_new(x->h, x->buf, x->in_len, &err);
		break;
	case PYMM_OP_NEW_BYTES:
		o = pymm_bytes_new(x->h, x->buf, x->in_len, &err);
		break;
	}
	return ret_new(x, o, err);
}

/*
 * data = __u64 handles[]: resolved in place into object pointers (same
 * size), all checked before anything is built.
 */
static int handles_to_objs(struct pymm_opctx *x, struct pymm_object ***objs, u32 *n)
{
	u64 *hs = x->buf;
	u32 i;
	int err;

	if (x->in_len % sizeof(u64))
		return -EINVAL;
	*n = x->in_len / sizeof(u64);
	*objs = x->buf;
	for (i = 0; i < *n; i++) {
		struct pymm_object *o;

		err = pymm_handle_get(x->c, hs[i], &o);
		if (err)
			return err;
		(*objs)[i] = o;
	}
	return 0;
}

static int op_new_seq(struct pymm_opctx *x)
{
	struct pymm_object **objs, *o;
	u32 n;
	int err = handles_to_objs(x, &objs, &n);

	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	if (x->op->code == PYMM_OP_NEW_TUPLE)
		o = pymm_tuple_new(x->h, objs, n, &err);
	else
		o = pymm_list_new(x->h, objs, n, &err);
	return ret_new(x, o, err);
}

static int op_new_dict(struct pymm_opctx *x)
{
	struct pymm_object **objs, *d;
	u32 n, i;
	int err;

	if (x->in_len % (2 * sizeof(u64)))
		return -EINVAL;
	err = handles_to_objs(x, &objs, &n);
	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	d = pymm_dict_new(x->h, &err);
	if (!d)
		return err;
	for (i = 0; i < n; i += 2) {
		err = pymm_dict_set(x->h, d, objs[i], objs[i + 1]);
		if (err) {
			pymm_obj_decref(x->h, d);
			return err == -EINVAL ? TYPE_ERROR(x) : err;
		}
	}
	return pymm_ret_handle(x, d);
}

/* data = "name" or "name\0finalizer text[\0]" */
static int op_new_class(struct pymm_opctx *x)
{
	const char *s = x->buf, *fin = NULL;
	u32 len = x->in_len, nlen = 0, flen = 0;
	struct pymm_object *o;
	int err;

	while (nlen < len && s[nlen])
		nlen++;
	if (nlen + 1 < len) {
		fin = s + nlen + 1;
		flen = len - nlen - 1;
		if (!fin[flen - 1])
			flen--;
	}
	if (nlen >= PYMM_NAME_MAX)
		return -ENAMETOOLONG;
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	o = pymm_class_new(x->h, s, nlen, fin, flen, &err);
	return ret_new(x, o, err);
}

static int op_new_instance(struct pymm_opctx *x)
{
	struct pymm_object *cls, *o;
	int err = get(x, 0, &cls);

	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	if (cls->type != PYMM_T_CLASS)
		return TYPE_ERROR(x);
	o = pymm_instance_new(x->h, cls, &err);
	return ret_new(x, o, err);
}

static int op_new_weakref(struct pymm_opctx *x)
{
	struct pymm_object *r, *o;
	int err = get(x, 0, &r);

	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	if (!pymm_obj_weakrefable(r))
		return TYPE_ERROR(x);
	o = pymm_weakref_new(x->h, r, &err);
	return ret_new(x, o, err);
}

static int op_new_function(struct pymm_opctx *x)
{
	const char *s = x->buf;
	u32 len = x->in_len;
	struct pymm_object *o;
	int err;

	if (len && !s[len - 1])
		len--;
	if (len >= PYMM_NAME_MAX)
		return -ENAMETOOLONG;
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	o = pymm_function_new(x->h, s, len, x->op->arg[0], &err);
	if (o)	/* only a client of this uid may be handed it to run (fin.c) */
		((struct pymm_function *)o)->token_uid = x->c->uid;
	return ret_new(x, o, err);
}

/* data = struct pymm_code_info + its bytes */
static int op_new_code(struct pymm_opctx *x)
{
	struct pymm_object *o;
	int err = pymm_handle_reserve(x->c, 1);

	if (err)
		return err;
	o = pymm_code_new(x->h, x->buf, x->in_len, x->c->uid, &err);
	return ret_new(x, o, err);
}

static int op_code_read(struct pymm_opctx *x)
{
	struct pymm_object *o;
	u32 need;
	int err = get(x, 0, &o);

	if (err)
		return err;
	if (o->type == PYMM_T_FUNCTION)
		o = ((struct pymm_function *)o)->code_obj;
	if (!o || o->type != PYMM_T_CODE)
		return TYPE_ERROR(x);
	need = pymm_code_export(o, x->buf, x->out_cap);
	x->op->data_len = need;
	x->op->ret[0] = ((struct pymm_code *)o)->info.owner_uid;
	if (need > x->out_cap) {
		x->op->out_flags |= PYMM_OUTF_TRUNC;
		return -ENOSPC;
	}
	return 0;
}

static int op_make_function(struct pymm_opctx *x)
{
	struct pymm_object *code, *o;
	int err = get(x, 0, &code);

	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	if (code->type != PYMM_T_CODE)
		return TYPE_ERROR(x);
	o = pymm_function_from_code(x->h, code, &err);
	return ret_new(x, o, err);
}

static int op_new_weakref_cb(struct pymm_opctx *x)
{
	struct pymm_object *r, *cb, *o;
	int err = get(x, 0, &r);

	if (!err)
		err = get(x, 1, &cb);
	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	/* a callback is a function (or a method of one): code a client will be handed */
	if (!pymm_obj_weakrefable(r) || !pymm_callback_ok(cb))
		return TYPE_ERROR(x);
	o = pymm_weakref_new_cb(x->h, r, cb, &err);
	return ret_new(x, o, err);
}

/* ---------------------------------------------------------- handles */

static int op_dup(struct pymm_opctx *x)
{
	struct pymm_object *o;
	int err = get(x, 0, &o);

	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	return pymm_ret_handle(x, pymm_obj_incref(o));
}

static int op_close(struct pymm_opctx *x)
{
	return pymm_handle_close(x->c, x->op->arg[0]);
}

/* up to four CLOSEs in one op: a host's deferred drops (docs/abi.md) */
static int op_close_n(struct pymm_opctx *x)
{
	int i, err;

	for (i = 0; i < 4; i++) {
		if (!x->op->arg[i])
			continue;
		err = pymm_handle_close(x->c, x->op->arg[i]);
		if (err) {
			x->op->ret[0] = i;
			return err;
		}
	}
	return 0;
}

/* ------------------------------------------------------- containers */

static bool is_intlike(const struct pymm_object *o)
{
	return o->type == PYMM_T_INT || o->type == PYMM_T_BOOL;
}

static s64 ival(const struct pymm_object *o)
{
	return ((const struct pymm_int *)o)->value;
}

static u32 seqlen(const struct pymm_object *o)
{
	return o->type == PYMM_T_TUPLE ? ((const struct pymm_tuple *)o)->len :
	       ((const struct pymm_list *)o)->len;
}

/* Python indexing: negative counts from the end; IndexError outside */
static int norm_index(struct pymm_opctx *x, s64 i, u32 len, u32 *out)
{
	if (i < 0)
		i += len;
	if (i < 0 || i >= (s64)len)
		return set_exc(x, -ERANGE, PYMM_EXC_INDEX_ERROR);
	*out = (u32)i;
	return 0;
}

static int key_error(struct pymm_opctx *x, int err)
{
	if (err == -EINVAL)
		return TYPE_ERROR(x);
	if (err == -ENOENT)
		return set_exc(x, -ENOENT, PYMM_EXC_KEY_ERROR);
	return err;
}

/* str[i]: the i-th code point (UTF-8 walk) */
static struct pymm_object *str_index(struct pymm_heap *h, struct pymm_str *s, u32 i, int *err)
{
	const u8 *p = (const u8 *)s->data, *end = p + s->len;
	const u8 *q;

	while (i--) {
		p++;
		while (p < end && (*p & 0xc0) == 0x80)
			p++;
	}
	q = p + 1;
	while (q < end && (*q & 0xc0) == 0x80)
		q++;
	return pymm_str_new(h, (const char *)p, (u32)(q - p), err);
}

static int op_getitem(struct pymm_opctx *x)
{
	struct pymm_object *c, *k, *v = NULL;
	u32 i;
	int err = get(x, 0, &c);

	if (!err)
		err = get(x, 1, &k);
	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	switch (c->type) {
	case PYMM_T_TUPLE:
	case PYMM_T_LIST:
		if (!is_intlike(k))
			return TYPE_ERROR(x);
		err = norm_index(x, ival(k), seqlen(c), &i);
		if (err)
			return err;
		v = c->type == PYMM_T_TUPLE ? ((struct pymm_tuple *)c)->items[i] :
		    ((struct pymm_list *)c)->items[i];
		if (!v)
			v = x->h->none;
		return pymm_ret_handle(x, pymm_obj_incref(v));
	case PYMM_T_RANGE:
		if (!is_intlike(k))
			return TYPE_ERROR(x);
		v = pymm_range_item(x->h, c, ival(k), &err);
		if (err == -ERANGE)
			return set_exc(x, -ERANGE, PYMM_EXC_INDEX_ERROR);
		return v ? pymm_ret_handle(x, v) : err;
	case PYMM_T_DICT:
		v = pymm_dict_lookup(x->h, c, k, &err);
		if (err)
			return key_error(x, err);
		if (!v)
			return key_error(x, -ENOENT);
		return pymm_ret_handle(x, pymm_obj_incref(v));
	case PYMM_T_BYTEARRAY: {
		struct pymm_bytearray *b = (struct pymm_bytearray *)c;

		if (!is_intlike(k))
			return TYPE_ERROR(x);
		err = norm_index(x, ival(k), b->len, &i);
		if (err)
			return err;
		return ret_new(x, pymm_int_new(x->h, b->data[i], &err), err);
	}
	case PYMM_T_STR:
	case PYMM_T_BYTES: {
		struct pymm_str *s = pymm_as_str(c);

		if (!is_intlike(k))
			return TYPE_ERROR(x);
		err = norm_index(x, ival(k), s->nchars, &i);
		if (!err && c->type == PYMM_T_STR)
			err = pymm_work(x->h, s->len / 64);	/* the UTF-8 walk */
		if (err)
			return err;
		if (c->type == PYMM_T_BYTES)
			v = pymm_int_new(x->h, (u8)s->data[i], &err);
		else
			v = str_index(x->h, s, i, &err);
		return ret_new(x, v, err);
	}
	}
	return TYPE_ERROR(x);
}

static int op_setitem(struct pymm_opctx *x)
{
	struct pymm_object *c, *k, *v;
	u32 i;
	int err = get(x, 0, &c);

	if (!err)
		err = get(x, 1, &k);
	if (!err)
		err = get(x, 2, &v);
	if (err)
		return err;
	if (c->type == PYMM_T_LIST) {
		if (!is_intlike(k))
			return TYPE_ERROR(x);
		err = norm_index(x, ival(k), seqlen(c), &i);
		if (!err)
			pymm_list_set(x->h, c, i, v);
		return err;
	}
	if (c->type == PYMM_T_DICT)
		return key_error(x, pymm_dict_set(x->h, c, k, v));
	return TYPE_ERROR(x);
}

static int op_delitem(struct pymm_opctx *x)
{
	struct pymm_object *c, *k;
	u32 i;
	int err = get(x, 0, &c);

	if (!err)
		err = get(x, 1, &k);
	if (err)
		return err;
	if (c->type == PYMM_T_LIST) {
		if (!is_intlike(k))
			return TYPE_ERROR(x);
		err = norm_index(x, ival(k), seqlen(c), &i);
		if (!err)
			pymm_obj_decref(x->h, pymm_list_take(c, i));
		return err;
	}
	if (c->type == PYMM_T_DICT)
		return key_error(x, pymm_dict_del(x->h, c, k));
	return TYPE_ERROR(x);
}

static int op_append(struct pymm_opctx *x)
{
	struct pymm_object *l, *v;
	int err = get(x, 0, &l);

	if (!err)
		err = get(x, 1, &v);
	if (err)
		return err;
	if (l->type != PYMM_T_LIST)
		return set_exc(x, -ENOENT, PYMM_EXC_ATTRIBUTE_ERROR);
	return pymm_list_append(x->h, l, v);
}

static int op_pop(struct pymm_opctx *x)
{
	struct pymm_object *l;
	u32 i;
	int err = get(x, 0, &l);

	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	if (l->type != PYMM_T_LIST)
		return set_exc(x, -ENOENT, PYMM_EXC_ATTRIBUTE_ERROR);
	err = norm_index(x, (s64)x->op->arg[1], seqlen(l), &i);
	if (err)
		return err;
	return pymm_ret_handle(x, pymm_list_take(l, i));
}

static int op_list_sort(struct pymm_opctx *x)
{
	struct pymm_object *l, *keys = NULL;
	int err = get(x, 0, &l);

	if (!err && x->op->arg[1])
		err = get(x, 1, &keys);
	if (err)
		return err;
	if (l->type != PYMM_T_LIST)
		return TYPE_ERROR(x);
	if (x->op->arg[2] > 1 || (keys && (keys->type != PYMM_T_LIST ||
					  seqlen(keys) != seqlen(l))))
		return -EINVAL;
	err = pymm_list_sort(x->h, l, keys, x->op->arg[2]);
	/* two keys the core cannot order: '<' not supported between them */
	return err == -EINVAL ? TYPE_ERROR(x) : err;
}

static int op_list_from(struct pymm_opctx *x)
{
	struct pymm_object *s, *l;
	int err = get(x, 0, &s);

	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	if (s->type == PYMM_T_LIST)
		l = pymm_list_new(x->h, ((struct pymm_list *)s)->items,
				  ((struct pymm_list *)s)->len, &err);
	else if (s->type == PYMM_T_TUPLE)
		l = pymm_list_new(x->h, ((struct pymm_tuple *)s)->items,
				  ((struct pymm_tuple *)s)->len, &err);
	else
		return TYPE_ERROR(x);
	return ret_new(x, l, err);
}

static int op_tuple_from(struct pymm_opctx *x)
{
	struct pymm_object *s, *t;
	int err = get(x, 0, &s);

	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	/* PySequence_Tuple: an exact tuple itself; a subclass's items copied */
	if (s->type == PYMM_T_TUPLE && !pymm_subext(s))
		t = pymm_obj_incref(s);
	else if (s->type == PYMM_T_TUPLE)
		t = pymm_tuple_new(x->h, ((struct pymm_tuple *)s)->items,
				   ((struct pymm_tuple *)s)->len, &err);
	else if (s->type == PYMM_T_LIST)
		t = pymm_tuple_new(x->h, ((struct pymm_list *)s)->items,
				   ((struct pymm_list *)s)->len, &err);
	else
		return TYPE_ERROR(x);
	return ret_new(x, t, err);
}

static int op_len(struct pymm_opctx *x)
{
	struct pymm_object *o;
	int err = get(x, 0, &o);

	if (err)
		return err;
	switch (o->type) {
	case PYMM_T_STR:
	case PYMM_T_BYTES:
		x->op->ret[0] = pymm_as_str(o)->nchars;
		return 0;
	case PYMM_T_BYTEARRAY:
		x->op->ret[0] = ((struct pymm_bytearray *)o)->len;
		return 0;
	case PYMM_T_TUPLE:
	case PYMM_T_LIST:
		x->op->ret[0] = seqlen(o);
		return 0;
	case PYMM_T_DICT:
		x->op->ret[0] = ((struct pymm_dict *)o)->used;
		return 0;
	case PYMM_T_SET:
		x->op->ret[0] = pymm_set_len(o);
		return 0;
	case PYMM_T_RANGE:
		if (pymm_range_is_iter(o))
			break;
		x->op->ret[0] = pymm_range_len(o);
		return 0;
	case PYMM_T_DICTVIEW:
		o = pymm_dictview_dict(o);
		x->op->ret[0] = o ? ((struct pymm_dict *)o)->used : 0;
		return 0;
	}
	return TYPE_ERROR(x);
}

/* ------------------------------------------------------- attributes */

static bool name_is(const char *s, u32 len, const char *lit)
{
	return len == strlen(lit) && !memcmp(s, lit, len);
}

static int attr_error(struct pymm_opctx *x)
{
	return set_exc(x, -ENOENT, PYMM_EXC_ATTRIBUTE_ERROR);
}

static bool class_machinery(const struct pymm_object *o)
{
	return o->type == PYMM_T_INSTANCE || o->type == PYMM_T_CLASS ||
	       o->type == PYMM_T_METHOD || o->type == PYMM_T_GETSET ||
	       o->type == PYMM_T_DESCR || o->type == PYMM_T_OBJECT || pymm_subext(o);
}

/* instances, classes, methods, descriptors: types/type.c */
static int attr_result(struct pymm_opctx *x, int err)
{
	if (err == -ENOENT)
		return attr_error(x);
	return err;
}

/* GETATTR, GETATTR_ID */
static int op_getattr(struct pymm_opctx *x)
{
	struct pymm_object *o, **slot, *v = NULL;
	struct pymm_dict_entry *e = NULL;
	struct pymm_name n;
	u32 how;
	int err = get(x, 0, &o);

	if (!err)
		err = pymm_name_arg(x, &n);
	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	if (class_machinery(o)) {
		err = pymm_attr_get(x->h, o, n.s, n.len, NULL, false, &v, &how);
		x->op->ret[1] = how;	/* PYMM_ATTR_PROPERTY: the client calls fget */
		if (err)
			return attr_result(x, err);
		return pymm_ret_handle(x, v);
	}
	slot = pymm_obj_attr_dict_slot(o);
	if (slot && *slot)
		e = pymm_dict_find_name(*slot, n.s, n.len, n.hash);
	if (!e && name_is(n.s, n.len, "__name__") && o->type == PYMM_T_FUNCTION)
		v = ((struct pymm_function *)o)->name;
	if (!e && !v && o->type == PYMM_T_FUNCTION && name_is(n.s, n.len, "__code__"))
		v = ((struct pymm_function *)o)->code_obj;
	if (!e && !v && o->type == PYMM_T_FUNCTION && name_is(n.s, n.len, "__dict__")) {
		/* func_get_dict(): made on first use, then traversed with the function */
		if (!*slot) {
			*slot = pymm_dict_new(x->h, &err);
			if (!*slot)
				return err;
		}
		v = *slot;
	}
	if (e)
		v = e->value;
	if (!v)
		return attr_error(x);
	return pymm_ret_handle(x, pymm_obj_incref(v));
}

/*
 * Setting (v) or deleting an attribute of the class machinery's objects;
 * a property's fset / fdel comes back in ret0 with ret1 =
 * PYMM_ATTR_PROPERTY for the client to call.
 */
static int descr_attr_set(struct pymm_opctx *x, struct pymm_object *o,
			  const struct pymm_name *n, struct pymm_object *v)
{
	struct pymm_object *call = NULL;
	int err = pymm_handle_reserve(x->c, 1);

	if (err)
		return err;
	err = pymm_attr_set(x->h, o, n->s, n->len, v, &x->op->exc, &call);
	if (err == -ENOENT && x->op->exc == PYMM_EXC_ATTRIBUTE_ERROR)
		x->op->ret[1] = PYMM_ATTR_NO_ACCESSOR;	/* a property without fset/fdel */
	if (err || !call)
		return attr_result(x, err);
	x->op->ret[1] = PYMM_ATTR_PROPERTY;
	return pymm_ret_handle(x, pymm_obj_incref(call));
}

/*
 * f.__dict__ = d (PyObject_GenericSetDict): the function's attribute dict
 * replaced, the old one dropped after; a TypeError (-EINVAL) for anything
 * but a dict, and for del f.__dict__ (v NULL)
 */
static int func_set_dict(struct pymm_opctx *x, struct pymm_object **slot,
			 struct pymm_object *v)
{
	struct pymm_object *old = *slot;

	if (!v || v->type != PYMM_T_DICT) {
		x->op->exc = PYMM_EXC_TYPE_ERROR;
		return -EINVAL;
	}
	*slot = pymm_obj_incref(v);
	pymm_obj_xdecref(x->h, old);
	return 0;
}

/* SETATTR, SETATTR_ID */
static int op_setattr(struct pymm_opctx *x)
{
	struct pymm_object *o, *v, **slot, *key;
	struct pymm_name n;
	int err = get(x, 0, &o);

	if (!err)
		err = get(x, 1, &v);
	if (!err)
		err = pymm_name_arg(x, &n);
	if (err)
		return err;
	if (class_machinery(o))
		return descr_attr_set(x, o, &n, v);
	slot = pymm_obj_attr_dict_slot(o);
	if (!slot)
		return attr_error(x);
	if (o->type == PYMM_T_FUNCTION && name_is(n.s, n.len, "__dict__"))
		return func_set_dict(x, slot, v);
	key = pymm_name_key(x->h, &n, &err);
	if (!key)
		return err;
	if (!*slot) {
		*slot = pymm_dict_new(x->h, &err);
		if (!*slot) {
			pymm_obj_decref(x->h, key);
			return err;
		}
	}
	/* a fresh empty dict left behind by a failed set is harmless */
	err = pymm_dict_set(x->h, *slot, key, v);
	pymm_obj_decref(x->h, key);
	return err;
}

/* DELATTR, DELATTR_ID */
static int op_delattr(struct pymm_opctx *x)
{
	struct pymm_object *o, **slot;
	struct pymm_dict_entry *e = NULL;
	struct pymm_name n;
	int err = get(x, 0, &o);

	if (!err)
		err = pymm_name_arg(x, &n);
	if (err)
		return err;
	if (class_machinery(o))
		return descr_attr_set(x, o, &n, NULL);
	slot = pymm_obj_attr_dict_slot(o);
	if (o->type == PYMM_T_FUNCTION && name_is(n.s, n.len, "__dict__"))
		return func_set_dict(x, slot, NULL);
	if (slot && *slot)
		e = pymm_dict_find_name(*slot, n.s, n.len, n.hash);
	if (!e)
		return attr_error(x);
	return pymm_dict_del(x->h, *slot, e->key);
}

static int op_items(struct pymm_opctx *x)
{
	struct pymm_object *o, *k, *v;
	u64 *out = x->buf;
	u32 n, pos = 0, i = 0;
	int err = get(x, 0, &o);

	if (err)
		return err;
	switch (o->type) {
	case PYMM_T_TUPLE:
		return pymm_out_handles(x, ((struct pymm_tuple *)o)->items, seqlen(o));
	case PYMM_T_LIST:
		return pymm_out_handles(x, ((struct pymm_list *)o)->items, seqlen(o));
	case PYMM_T_DICT:
		n = ((struct pymm_dict *)o)->used;
		break;
	case PYMM_T_SET:
		n = pymm_set_len(o);
		break;
	default:
		return TYPE_ERROR(x);
	}
	if ((u64)n * sizeof(u64) > x->out_cap) {
		x->op->out_flags |= PYMM_OUTF_TRUNC;
		x->op->data_len = n * sizeof(u64);
		return -ENOSPC;
	}
	err = pymm_handle_reserve(x->c, n);
	if (err)
		return err;
	if (o->type == PYMM_T_SET) {
		while (pymm_set_next(o, &pos, &k))
			out[i++] = pymm_handle_install(x->c, pymm_obj_incref(k));
	} else {
		while (pymm_dict_next(o, &pos, &k, &v))
			out[i++] = pymm_handle_install(x->c, pymm_obj_incref(k));
	}
	x->op->data_len = n * sizeof(u64);
	x->op->ret[0] = n;
	return 0;
}

/* ------------------------------------------------------------ values */

/*
 * total bytes of dst = src (len bytes, len divides total) repeated, by
 * doubling as CPython's: log2(times) copies, not times of them, so that
 * [x] * n costs what its result weighs.
 */
static void repeat_fill(void *dst, const void *src, u64 len, u64 total)
{
	u64 done = len;

	memcpy(dst, src, len);
	while (done < total) {
		u64 n = done < total - done ? done : total - done;

		memcpy((char *)dst + done, dst, n);
		done += n;
	}
}

static int seq_repeat(struct pymm_opctx *x, struct pymm_object *seq, s64 times)
{
	struct pymm_object *o = NULL;
	u64 len, total;
	int err = 0;

	if (times < 0)
		times = 0;
	if (seq->type == PYMM_T_STR || seq->type == PYMM_T_BYTES)
		len = pymm_as_str(seq)->len;
	else if (seq->type == PYMM_T_TUPLE || seq->type == PYMM_T_LIST)
		len = seqlen(seq);
	else
		return TYPE_ERROR(x);
	/* nothing to copy: the copy loops must not spin 2**63 times for it */
	if (!len)
		times = 0;
	if (len && (u64)times > (u64)PYMM_DATA_MAX * 64 / len)
		return set_exc(x, -ENOMEM, PYMM_EXC_MEMORY_ERROR);
	total = len * (u64)times;
	if (seq->type == PYMM_T_STR || seq->type == PYMM_T_BYTES) {
		char *tmp;

		if (total > PYMM_DATA_MAX)
			return set_exc(x, -ENOMEM, PYMM_EXC_MEMORY_ERROR);
		err = pymm_work(x->h, total / 64);
		if (err)
			return err;
		tmp = pymm_plat_zalloc(total + 1);
		if (!tmp)
			return -ENOMEM;
		if (total)
			repeat_fill(tmp, pymm_as_str(seq)->data, len, total);
		o = seq->type == PYMM_T_STR ? pymm_str_new_runtime(x->h, tmp, (u32)total, &err) :
		    pymm_bytes_new(x->h, tmp, (u32)total, &err);
		pymm_plat_free(tmp);
	} else {
		struct pymm_object **items = seq->type == PYMM_T_TUPLE ?
			((struct pymm_tuple *)seq)->items : ((struct pymm_list *)seq)->items;
		struct pymm_object **tmp = NULL;

		/* the result needs that many pointers from the heap: no bigger host copy first */
		if (x->h->alloc.limit && total * sizeof(*tmp) > x->h->alloc.limit)
			return set_exc(x, -ENOMEM, PYMM_EXC_MEMORY_ERROR);
		if (total) {
			/* the copy: a step per 64 bytes (the items: list_new's) */
			err = pymm_work(x->h, total / 8);
			if (err)
				return err;
			tmp = pymm_plat_zalloc(total * sizeof(*tmp));
			if (!tmp)
				return -ENOMEM;
			repeat_fill(tmp, items, len * sizeof(*tmp), total * sizeof(*tmp));
		}
		o = seq->type == PYMM_T_TUPLE ? pymm_tuple_new(x->h, tmp, (u32)total, &err) :
		    pymm_list_new(x->h, tmp, (u32)total, &err);
		if (tmp)
			pymm_plat_free(tmp);
	}
	return ret_new(x, o, err);
}

static int seq_concat(struct pymm_opctx *x, struct pymm_object *a, struct pymm_object *b)
{
	struct pymm_object *o;
	int err = 0;

	if ((a->type == PYMM_T_STR || a->type == PYMM_T_BYTES) && b->type == a->type) {
		u64 total = (u64)pymm_as_str(a)->len + pymm_as_str(b)->len;

		if (total > PYMM_DATA_MAX * 64ull)
			return set_exc(x, -ENOMEM, PYMM_EXC_MEMORY_ERROR);
		err = pymm_work(x->h, total / 64);
		if (err)
			return err;
		o = pymm_strbytes_concat(x->h, a, b, &err);
	} else if (a->type == PYMM_T_STR || a->type == PYMM_T_BYTES ||
		   a->type == PYMM_T_BYTEARRAY) {
		/* bytes + bytearray is bytes, bytearray + bytes a bytearray */
		const u8 *pa, *pb;
		u32 na, nb;
		u64 total;
		char *tmp;

		if (a->type == PYMM_T_STR) {
			pa = (const u8 *)pymm_as_str(a)->data;
			na = pymm_as_str(a)->len;
			pb = (const u8 *)pymm_as_str(b)->data;
			nb = pymm_as_str(b)->len;
		} else {
			pymm_bytes_view(a, &pa, &na);
			pymm_bytes_view(b, &pb, &nb);
		}
		total = (u64)na + nb;

		if (total > PYMM_DATA_MAX * 64ull)
			return set_exc(x, -ENOMEM, PYMM_EXC_MEMORY_ERROR);
		err = pymm_work(x->h, total / 64);
		if (err)
			return err;
		tmp = pymm_plat_zalloc(total + 1);
		if (!tmp)
			return -ENOMEM;
		if (na)
			memcpy(tmp, pa, na);
		if (nb)
			memcpy(tmp + na, pb, nb);
		o = a->type == PYMM_T_STR ? pymm_str_new_runtime(x->h, tmp, (u32)total, &err) :
		    a->type == PYMM_T_BYTES ? pymm_bytes_new(x->h, tmp, (u32)total, &err) :
		    pymm_bytearray_new(x->h, tmp, (u32)total, &err);
		pymm_plat_free(tmp);
	} else {
		bool tup = a->type == PYMM_T_TUPLE;
		u32 la = seqlen(a), lb = seqlen(b);
		struct pymm_object **ia = tup ? ((struct pymm_tuple *)a)->items :
					  ((struct pymm_list *)a)->items;
		struct pymm_object **ib = tup ? ((struct pymm_tuple *)b)->items :
					  ((struct pymm_list *)b)->items;
		struct pymm_object **tmp = NULL;

		if ((u64)la + lb > 0x7fffffff)
			return set_exc(x, -ENOMEM, PYMM_EXC_MEMORY_ERROR);
		if (la + lb) {
			tmp = pymm_plat_zalloc((size_t)(la + lb) * sizeof(*tmp));
			if (!tmp)
				return -ENOMEM;
			if (la)
				memcpy(tmp, ia, la * sizeof(*tmp));
			if (lb)
				memcpy(tmp + la, ib, lb * sizeof(*tmp));
		}
		o = tup ? pymm_tuple_new(x->h, tmp, la + lb, &err) :
		    pymm_list_new(x->h, tmp, la + lb, &err);
		if (tmp)
			pymm_plat_free(tmp);
	}
	return ret_new(x, o, err);
}

/* a ** b for b >= 0: square and multiply, at most 64 rounds */
static int pow_s64(s64 a, s64 b, s64 *r)
{
	*r = 1;
	while (b) {
		if ((b & 1) && __builtin_mul_overflow(*r, a, r))
			return -EOVERFLOW;
		b >>= 1;
		if (b && __builtin_mul_overflow(a, a, &a))
			return -EOVERFLOW;
	}
	return 0;
}

/* Python's int operators beyond + - * on two 64-bit ints (floor semantics) */
static int int_binop(u32 kind, s64 a, s64 b, s64 *r)
{
	switch (kind) {
	case PYMM_BIN_FLOORDIV:
	case PYMM_BIN_MOD:
		if (!b)
			return -EDOM;
		if (b == -1) {		/* INT64_MIN / -1 overflows, and its % is UB in C */
			if (kind == PYMM_BIN_MOD) {
				*r = 0;
				return 0;
			}
			return __builtin_mul_overflow(a, -1, r) ? -EOVERFLOW : 0;
		}
		*r = kind == PYMM_BIN_MOD ? a % b : a / b;
		if (a % b && ((a % b < 0) != (b < 0)))
			*r = kind == PYMM_BIN_MOD ? *r + b : *r - 1;
		return 0;
	case PYMM_BIN_POW:
		return b < 0 ? -EOPNOTSUPP : pow_s64(a, b, r);
	case PYMM_BIN_AND:
		*r = a & b;
		return 0;
	case PYMM_BIN_OR:
		*r = a | b;
		return 0;
	case PYMM_BIN_XOR:
		*r = a ^ b;
		return 0;
	case PYMM_BIN_LSHIFT:
		if (b < 0)
			return -EINVAL;
		if (a && (b > 62 || a > (S64_MAX >> b) || a < (S64_MIN >> b)))
			return -EOVERFLOW;
		*r = a ? (s64)((u64)a << b) : 0;
		return 0;
	default:		/* PYMM_BIN_RSHIFT */
		if (b < 0)
			return -EINVAL;
		*r = b > 63 ? (a < 0 ? -1 : 0) : a >> b;
		return 0;
	}
}

/*
 * a op b of two ints' values as BINOP computes them, for NAME_INPLACE_ID
 * (names.c): 0, or BINOP's errno (-EOVERFLOW past 64 bits, -EDOM for a
 * zero divisor, -EOPNOTSUPP for a negative power, -EINVAL for a negative
 * shift).  kind is PYMM_BIN_ADD..PYMM_BIN_RSHIFT (the caller checked).
 */
int pymm_int_arith(u32 kind, s64 a, s64 b, s64 *r)
{
	switch (kind) {
	case PYMM_BIN_ADD:
		return __builtin_add_overflow(a, b, r) ? -EOVERFLOW : 0;
	case PYMM_BIN_SUB:
		return __builtin_sub_overflow(a, b, r) ? -EOVERFLOW : 0;
	case PYMM_BIN_MUL:
		return __builtin_mul_overflow(a, b, r) ? -EOVERFLOW : 0;
	}
	return int_binop(kind, a, b, r);
}

static int op_int_binop(struct pymm_opctx *x, u32 kind, struct pymm_object *a,
			struct pymm_object *b)
{
	struct pymm_object *o;
	s64 r;
	int err;

	if (a->type != PYMM_T_INT || b->type != PYMM_T_INT)
		return -EOPNOTSUPP;
	err = int_binop(kind, ival(a), ival(b), &r);
	if (err == -EDOM)
		return set_exc(x, err, PYMM_EXC_ZERO_DIVISION_ERROR);
	if (err == -EOVERFLOW)
		return set_exc(x, err, PYMM_EXC_OVERFLOW_ERROR);
	if (err == -EINVAL)
		return set_exc(x, err, PYMM_EXC_VALUE_ERROR);
	if (err)
		return err;
	o = pymm_int_new(x->h, r, &err);
	return ret_new(x, o, err);
}

static int op_binop(struct pymm_opctx *x)
{
	struct pymm_object *a, *b;
	u32 kind = (u32)x->op->arg[2];
	int err;

	if (kind < PYMM_BIN_ADD || kind >= PYMM_BIN_MAX || x->op->arg[2] >> 32)
		return -EINVAL;
	err = get(x, 0, &a);
	if (!err)
		err = get(x, 1, &b);
	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	if (kind > PYMM_BIN_MUL)
		return op_int_binop(x, kind, a, b);
	if (is_intlike(a) && is_intlike(b)) {
		s64 r;
		bool ovf;
		struct pymm_object *o;

		if (kind == PYMM_BIN_ADD)
			ovf = __builtin_add_overflow(ival(a), ival(b), &r);
		else if (kind == PYMM_BIN_SUB)
			ovf = __builtin_sub_overflow(ival(a), ival(b), &r);
		else
			ovf = __builtin_mul_overflow(ival(a), ival(b), &r);
		if (ovf)
			return set_exc(x, -EOVERFLOW, PYMM_EXC_OVERFLOW_ERROR);
		o = pymm_int_new(x->h, r, &err);
		return ret_new(x, o, err);
	}
	/* no FPU in the kernel: float arithmetic is the tool's business */
	if ((a->type == PYMM_T_FLOAT || is_intlike(a)) &&
	    (b->type == PYMM_T_FLOAT || is_intlike(b)))
		return -EOPNOTSUPP;
	if (kind == PYMM_BIN_ADD && a->type == b->type &&
	    (a->type == PYMM_T_STR || a->type == PYMM_T_BYTES ||
	     a->type == PYMM_T_TUPLE || a->type == PYMM_T_LIST))
		return seq_concat(x, a, b);
	if (kind == PYMM_BIN_ADD && (a->type == PYMM_T_BYTEARRAY || b->type == PYMM_T_BYTEARRAY) &&
	    (a->type == PYMM_T_BYTES || a->type == PYMM_T_BYTEARRAY) &&
	    (b->type == PYMM_T_BYTES || b->type == PYMM_T_BYTEARRAY))
		return seq_concat(x, a, b);
	if (kind == PYMM_BIN_MUL && is_intlike(b))
		return seq_repeat(x, a, ival(b));
	if (kind == PYMM_BIN_MUL && is_intlike(a))
		return seq_repeat(x, b, ival(a));
	return TYPE_ERROR(x);
}

static int op_compare(struct pymm_opctx *x)
{
	struct pymm_object *a, *b;
	u64 cmp = x->op->arg[2];
	bool res;
	int err;

	if (cmp < PYMM_CMP_EQ || cmp >= PYMM_CMP_MAX)
		return -EINVAL;
	err = get(x, 0, &a);
	if (!err)
		err = get(x, 1, &b);
	if (err)
		return err;
	/* a class may define this comparison: user code, the caller's to run */
	x->op->ret[1] = a->type == PYMM_T_INSTANCE || b->type == PYMM_T_INSTANCE;
	err = pymm_obj_compare(x->h, a, b, (u32)cmp, &res);
	if (err == -EINVAL)
		return TYPE_ERROR(x);
	if (err)
		return err;
	x->op->ret[0] = res;
	return 0;
}

/* __del__ in the class dict: a function, or NEW_CLASS's legacy text */
/* a __del__ function or PYMM_OP_NEW_CLASS's legacy text, through the MRO */
static bool class_has_del(struct pymm_heap *h, struct pymm_object *cls)
{
	return pymm_type_finalizer(h, cls) || pymm_type_finalizer_text(cls);
}

static u32 type_flags(struct pymm_heap *h, struct pymm_object *o)
{
	u32 f = 0;

	if (pymm_gc_is_tracked(o))
		f |= PYMM_TYPEF_GC_TRACKED;
	if (o->flags & PYMM_OF_FINALIZED)
		f |= PYMM_TYPEF_FINALIZED;
	if (o->flags & PYMM_OF_INTERNED)
		f |= PYMM_TYPEF_INTERNED;
	if (o->flags & PYMM_OF_IMMORTAL)
		f |= PYMM_TYPEF_IMMORTAL;
	if (o->type == PYMM_T_INSTANCE ? pymm_obj_has_finalizer(h, o) :
	    o->type == PYMM_T_CLASS && class_has_del(h, o))
		f |= PYMM_TYPEF_HAS_FINALIZER;
	if (o->type == PYMM_T_SET && ((struct pymm_set *)o)->frozen)
		f |= PYMM_TYPEF_FROZEN;
	if (o->type == PYMM_T_RANGE && pymm_range_is_iter(o))
		f |= PYMM_TYPEF_ITERATOR;
	if (pymm_subext(o))
		f |= PYMM_TYPEF_SUBCLASS;
	return f;
}

static int op_type(struct pymm_opctx *x)
{
	struct pymm_object *o;
	int err = get(x, 0, &o);

	if (err)
		return err;
	x->op->ret[0] = o->type;
	x->op->ret[1] = type_flags(x->h, o);
	return 0;
}

static int op_read(struct pymm_opctx *x)
{
	struct pymm_object *o, *name = NULL;
	int err = get(x, 0, &o);

	if (err)
		return err;
	x->op->data_len = 0;
	switch (o->type) {
	case PYMM_T_NONE:
	case PYMM_T_CELL:	/* its contents: CELL_GET */
		return 0;
	case PYMM_T_DESCR:	/* its functions: DESCR_GET */
		x->op->ret[0] = pymm_descr_kind(o);
		return 0;
	case PYMM_T_ITER:	/* its kind: the type name (list_iterator, zip ...) */
		x->op->ret[0] = ((struct pymm_iter *)o)->kind;
		return 0;
	case PYMM_T_INT:
	case PYMM_T_BOOL:
		x->op->ret[0] = (u64)ival(o);
		return 0;
	case PYMM_T_FLOAT:
		x->op->ret[0] = ((struct pymm_float *)o)->bits;
		return 0;
	case PYMM_T_RANGE:
		return pymm_range_read(x, o);
	case PYMM_T_DICTVIEW:
		x->op->ret[1] = pymm_dictview_kind(o);
		return 0;
	case PYMM_T_STR:
	case PYMM_T_BYTES:
		x->op->ret[0] = pymm_as_str(o)->len;
		return pymm_out_bytes(x, pymm_as_str(o)->data, pymm_as_str(o)->len);
	case PYMM_T_BYTEARRAY:
		x->op->ret[0] = ((struct pymm_bytearray *)o)->len;
		/* an empty one has no block */
		return pymm_out_bytes(x, ((struct pymm_bytearray *)o)->data ?
				      (const void *)((struct pymm_bytearray *)o)->data : "",
				      ((struct pymm_bytearray *)o)->len);
	case PYMM_T_CLASS:
		name = ((struct pymm_class *)o)->name;
		x->op->ret[0] = ((struct pymm_class *)o)->layout;
		x->op->ret[1] = class_has_del(x->h, o);
		break;
	case PYMM_T_GETSET:
		/* the name; ret0 = the class's handle is not given: GETATTR __objclass__ */
		name = ((struct pymm_getset *)o)->name;
		break;
	case PYMM_T_METHOD: {
		struct pymm_object *f = ((struct pymm_method *)o)->func;

		if (f->type == PYMM_T_FUNCTION) {
			name = ((struct pymm_function *)f)->name;
			x->op->ret[0] = ((struct pymm_function *)f)->code;
		}
		break;
	}
	case PYMM_T_INSTANCE:
		name = ((struct pymm_class *)((struct pymm_instance *)o)->cls)->name;
		break;
	case PYMM_T_BUILTIN:	/* its self: BUILTIN_SELF */
		name = ((struct pymm_builtin *)o)->name;
		x->op->ret[0] = ((struct pymm_builtin *)o)->id;
		x->op->ret[1] = ((struct pymm_builtin *)o)->kind;
		break;
	case PYMM_T_FUNCTION:
		name = ((struct pymm_function *)o)->name;
		x->op->ret[0] = ((struct pymm_function *)o)->code;
		if (((struct pymm_function *)o)->code_obj)
			x->op->ret[1] = pymm_obj_id(x->h, ((struct pymm_function *)o)->code_obj);
		break;
	default:
		return TYPE_ERROR(x);
	}
	if (!name)
		return 0;
	return pymm_out_bytes(x, pymm_as_str(name)->data, pymm_as_str(name)->len);
}

static int op_id(struct pymm_opctx *x)
{
	struct pymm_object *o;
	int err = get(x, 0, &o);

	if (!err)
		x->op->ret[0] = pymm_obj_id(x->h, o);
	return err;
}

static int op_refcount(struct pymm_opctx *x)
{
	struct pymm_object *o;
	int err = get(x, 0, &o);

	if (!err)
		x->op->ret[0] = o->refcnt;
	return err;
}

static int op_hash(struct pymm_opctx *x)
{
	struct pymm_object *o;
	s64 hv;
	int err = get(x, 0, &o);

	if (err)
		return err;
	err = pymm_obj_hash(x->h, o, &hv);
	if (err)
		return err == -ENOKEY ? err : TYPE_ERROR(x);	/* -ENOKEY: keyhash.c */
	x->op->ret[0] = (u64)hv;
	return 0;
}

static int op_weakref_get(struct pymm_opctx *x)
{
	struct pymm_object *o, *r;
	int err = get(x, 0, &o);

	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	if (o->type != PYMM_T_WEAKREF && o->type != PYMM_T_WEAKPROXY)
		return TYPE_ERROR(x);
	r = pymm_weakref_referent(o);
	return pymm_ret_handle(x, pymm_obj_incref(r ? r : x->h->none));
}

/* ------------------------------------------------------------ heaps */

static int op_heap_stats(struct pymm_opctx *x)
{
	struct pymm_heap_stats st;

	pymm_heap_fill_stats(x->h, &st);
	return pymm_out_bytes(x, &st, sizeof(st));
}

static int op_alloc_stats(struct pymm_opctx *x)
{
	u32 need = sizeof(struct pymm_alloc_stats) +
		   PYMM_NB_SIZE_CLASSES * sizeof(struct pymm_class_stats);

	x->op->data_len = need;
	if (x->out_cap < need) {
		x->op->out_flags |= PYMM_OUTF_TRUNC;
		return -ENOSPC;
	}
	pymm_alloc_stats(&x->h->alloc, x->buf,
			 (struct pymm_class_stats *)((struct pymm_alloc_stats *)x->buf + 1));
	return 0;
}

/* the free lists' lines of sys._debugmallocstats() (freelist.h) */
static int op_freelist_stats(struct pymm_opctx *x)
{
	struct pymm_freelist_stats st;

	pymm_freelist_stats(x->h, &st);
	return pymm_out_bytes(x, &st, sizeof(st));
}

static int op_arena_info(struct pymm_opctx *x)
{
	struct pymm_arena_info info;
	int err;

	if (x->op->arg[0] > 0xffffffffu)
		return -ENOENT;
	memset(&info, 0, sizeof(info));
	err = pymm_alloc_arena_info(&x->h->alloc, (u32)x->op->arg[0], &info);
	if (err)
		return err;
	x->op->ret[0] = pymm_alloc_arena_count(&x->h->alloc);
	return pymm_out_bytes(x, &info, sizeof(info));
}

static int op_heap_verify(struct pymm_opctx *x)
{
	int err = pymm_heap_verify(x->h, x->c);

	return err ? err : pymm_alloc_verify(&x->h->alloc);
}

/* ------------------------------------------------------------ table */

/*
 * The op table is PYMM_OPS (module/uapi/pymm.h) expanded: one declaration
 * gives the enum, this table and the tool's view of each op.  A row whose
 * code exceeds PYMM_OP_MAX (rows out of numeric order) does not compile.
 */
#define PYMM_OP_DESC_ROW(name, code, dir, args, flags, kind, fn)		\
	[PYMM_OP_##name] = { PYMM_DATA_##dir, (args), (flags), OPK_##kind, (fn) },

static const struct op_desc op_table[PYMM_OP_MAX + 1] = {
	PYMM_OPS(PYMM_OP_DESC_ROW)
};

int pymm_op_data_dir(u32 code)
{
	if (code > PYMM_OP_MAX || !op_table[code].fn)
		return PYMM_DATA_NONE;
	return op_table[code].dir;
}

void pymm_op_refuse(struct pymm_op *op, int err)
{
	op->error = err;
	op->exc = 0;
	op->out_flags = 0;
	op->ret[0] = 0;
	op->ret[1] = 0;
}

/* The errno says which exception, where the handler did not say more. */
static u32 default_exc(struct pymm_op *op)
{
	switch (op->error) {
	case -ENOMEM:
	case -EDQUOT:
		return PYMM_EXC_MEMORY_ERROR;
	case -ENOSPC:
		return (op->out_flags & PYMM_OUTF_TRUNC) ? 0 : PYMM_EXC_MEMORY_ERROR;
	case -ELOOP:
		return PYMM_EXC_RECURSION_ERROR;
	case -EOVERFLOW:
		return PYMM_EXC_OVERFLOW_ERROR;
	}
	return 0;
}

/*
 * The op's own fields against the ABI and its table row, in the order every
 * transport answers them (docs/abi.md, "Errors"): first what no op may
 * carry (a buffer over PYMM_DATA_MAX, a flag no op knows), then the code,
 * then what this op may carry.  A host asks before it does any work for
 * the buffer, so one refusal has one errno whatever the transport.
 */
static inline int op_check(const struct pymm_op *op)
{
	const struct op_desc *d;
	int i;

	if (op->data_len > PYMM_DATA_MAX)
		return -E2BIG;
	if (op->flags & ~PYMM_OPF_ALL)
		return -EINVAL;
	if (op->code > PYMM_OP_MAX || !op_table[op->code].fn)
		return -EOPNOTSUPP;
	d = &op_table[op->code];
	if (op->flags & ~(u32)d->flags)
		return -EINVAL;
	for (i = 0; i < 4; i++)
		if (!(d->args & (1u << i)) && op->arg[i])
			return -EINVAL;
	if (d->dir == PYMM_DATA_NONE && op->data_len)
		return -EINVAL;
	return 0;
}

int pymm_op_check(const struct pymm_op *op)
{
	return op_check(op);
}

/* x->buf for an op without a buffer: never read or written (op_prepare()) */
static u8 op_no_data[1];

/*
 * The three steps of one op, shared by pymm_op_exec() and
 * pymm_op_exec_batch() so that both run exactly the same checks and
 * handlers: op_prepare() (no lock: the table row and the op's own fields),
 * op_run() (client->lock held, and the heap lock for heap ops), op_finish()
 * (the errno's default exception).  op_prepare() returns 0 with *dp set, or
 * the error, already recorded in op.
 */
static int op_prepare(struct pymm_client *c, bool admin, struct pymm_op *op, void *buf,
		      u32 buf_cap, struct pymm_opctx *x, const struct op_desc **dp)
{
	const struct op_desc *d;
	int err;

	op->exc = 0;
	op->out_flags = 0;
	op->ret[0] = 0;
	op->ret[1] = 0;
	err = op_check(op);	/* inline: every op of a batch asks */
	/* an input the host did not hand over whole */
	if (!err && (op_table[op->code].dir & PYMM_DATA_IN) && op->data_len > (buf ? buf_cap : 0))
		err = -EINVAL;
	if (err) {
		op->data_len = 0;
		op->error = err;
		return err;
	}
	d = &op_table[op->code];
	x->c = c;
	x->admin = admin;
	x->op = op;
	x->in_len = (d->dir & PYMM_DATA_IN) ? op->data_len : 0;
	x->out_cap = (d->dir & PYMM_DATA_OUT) ? (op->data_len < buf_cap ? op->data_len : buf_cap) : 0;
	/*
	 * No buffer (an ioctl with data = 0) means no bytes either way, but
	 * handlers hand x->buf to memcpy() and memcmp() with length 0, which C
	 * forbids for NULL (fuzz_ops found two such calls): never NULL.
	 */
	x->buf = buf;
	if (!buf) {
		x->buf = op_no_data;
		x->out_cap = 0;
	}
	op->data_len = 0;	/* handlers that produce data set it */
	*dp = d;
	return 0;
}

/*
 * client->lock held; for OPK_HEAP ops also h->lock (h = c->heap, or NULL:
 * not attached).  Ends at the GC safe point: no object of the op is
 * half-built any more, and finalizer text goes to the client that ran it.
 */
static int op_run(struct pymm_opctx *x, const struct op_desc *d, struct pymm_heap *h)
{
	int err;

	pymm_lockdep_assert_held(&x->c->lock);
	x->h = h;
	x->c->op_seq++;		/* ends a PYMM_OP_KEY_HASH record (keyhash.c) */
	if (d->kind != OPK_HEAP)
		return d->fn(x);
	if (!h)
		return -ENOTCONN;
	pymm_lockdep_assert_held(&h->lock);
	h->cur_client = x->c;
	x->c->fin_queued = false;
	x->c->gc_due = false;
	x->c->fin_skipped = false;
	pymm_trash_resume(h, x->c, pymm_fin_running_level(x->c));
	pymm_work_begin(h);
	err = d->fn(x);
	/* the collector is not stopped halfway: it only reschedules */
	pymm_work_end(h);
	pymm_gc_maybe_collect(h);
	pymm_trash_settle(h);
	h->cur_client = NULL;
	return err;
}

/*
 * client->lock still held: c->out_len is only changed by the client's own
 * ops.  The one check of what a handler claims to have written: a host
 * copies op->data_len bytes back, so a claim past the buffer (a core bug)
 * becomes -EIO here rather than a read past the buffer in every host.
 */
static int op_finish(const struct pymm_opctx *x, const struct op_desc *d, int err)
{
	struct pymm_client *c = x->c;
	struct pymm_op *op = x->op;

	if (!err && (d->dir & PYMM_DATA_OUT) && !(op->out_flags & PYMM_OUTF_TRUNC) &&
	    op->data_len > x->out_cap) {
		pymm_plat_log_rl(PYMM_LOG_ERR, "op %u: core returned %u bytes for a %u-byte buffer",
				 op->code, op->data_len, x->out_cap);
		op->exc = 0;
		err = -EIO;
	}
	if (c->out_len)
		op->out_flags |= PYMM_OUTF_OUTPUT;
	if (c->fin_queued)
		op->out_flags |= PYMM_OUTF_FINALIZERS;
	if (c->fin_skipped)
		op->out_flags |= PYMM_OUTF_FIN_SKIPPED;
	if (c->gc_due)
		op->out_flags |= PYMM_OUTF_GC_DUE;
	c->fin_queued = false;
	c->fin_skipped = false;
	c->gc_due = false;
	if (err && (d->dir & PYMM_DATA_OUT) && !(op->out_flags & PYMM_OUTF_TRUNC))
		op->data_len = 0;
	op->error = err;
	if (err && !op->exc)
		op->exc = default_exc(op);
	return err;
}

int pymm_op_exec_as(struct pymm_client *c, bool admin_now, struct pymm_op *op, void *buf,
		    u32 buf_cap)
{
	const struct op_desc *d;
	struct pymm_opctx x;
	struct pymm_heap *h;
	int err;

	err = op_prepare(c, c->admin && admin_now, op, buf, buf_cap, &x, &d);
	if (err)
		return err;
	pymm_mutex_lock(&c->lock);
	h = c->heap;
	if (d->kind == OPK_HEAP && h) {
		/* another client's op may hold it for long: a kill ends the wait */
		err = pymm_mutex_lock_killable(&h->lock);
		if (!err) {
			err = op_run(&x, d, h);
			pymm_heap_unlock(h);
		}
	} else {
		err = op_run(&x, d, h);
	}
	err = op_finish(&x, d, err);
	pymm_mutex_unlock(&c->lock);
	return err;
}

int pymm_op_exec(struct pymm_client *c, struct pymm_op *op, void *buf, u32 buf_cap)
{
	return pymm_op_exec_as(c, true, op, buf, buf_cap);
}

/*
 * A run of ops under one pair of locks.  Per op, the two mutexes cost as
 * much as a small op itself (docs/performance.md), so a host with many
 * bufferless ops takes them once.  What may not run inside the run:
 *
 *  - an op with a data buffer: the host copies buffers from and to user
 *    space with no core lock held (a user page fault must not stall every
 *    client of the heap), so it runs such an op through pymm_op_exec();
 *  - a registry op (OPK_REG): it takes pymm_registry_lock, which orders
 *    before heap->lock, and it may change c->heap, which the run caches.
 *    Registry ops are also the only ones whose rights depend on admin, so
 *    the ops of a run carry admin = false: no privilege to re-check here.
 *
 * Every op of the run still goes through op_prepare/op_run/op_finish, so
 * it is checked, dispatched, collected after (the GC safe point) and
 * flagged for finalizer output exactly as by pymm_op_exec(), with a work
 * budget of its own (heap.h); the run ends early once its ops drew more
 * than params.work_base steps together, so that the heap lock is held
 * for at most about two ops' budgets.  Ops with no
 * heap (NOP) run under the heap lock when there is one: harmless.
 */
u32 pymm_op_exec_batch(struct pymm_client *c, struct pymm_op *ops, u32 n, u32 flags)
{
	struct pymm_heap *h;
	u64 spent = 0;
	u32 i;

	pymm_mutex_lock(&c->lock);
	h = c->heap;
	if (h && pymm_mutex_lock_killable(&h->lock)) {
		pymm_mutex_unlock(&c->lock);
		return 0;	/* killed while waiting: nothing ran */
	}
	for (i = 0; i < n; i++) {
		struct pymm_op *op = &ops[i];
		const struct op_desc *d;
		struct pymm_opctx x;
		int err;

		if (op->data_len ||
		    (op->code <= PYMM_OP_MAX && op_table[op->code].kind == OPK_REG))
			break;
		/*
		 * A killed task runs no further op: one that draws no steps (a
		 * collection: not budgeted, it cannot stop halfway) never asks.
		 * The host, finding the run short, asks again before the rest.
		 */
		if (i && pymm_plat_fatal_signal())
			break;
		/* the steps of this op only (an op without the heap takes none) */
		if (h)
			h->work.used = 0;
		/* no op a run may hold looks at admin (registry ops stop it) */
		err = op_prepare(c, false, op, NULL, 0, &x, &d);
		if (!err)
			err = op_finish(&x, d, op_run(&x, d, h));
		/* a killed task runs no further op of the run: the host stops */
		if (err && ((flags & PYMM_BATCHF_STOP_ON_ERROR) || err == -EINTR)) {
			i++;
			break;
		}
		/*
		 * Each op has a budget of its own, but the heap lock is held for
		 * the run: once its ops took more than one op may whatever the
		 * heap, the run ends, the host retakes the locks for the rest,
		 * and other clients of the heap get their turn in between.
		 */
		if (h) {
			spent += h->work.used;
			if (spent > pymm_params.work_base) {
				i++;
				break;
			}
		}
	}
	if (h)
		pymm_heap_unlock(h);
	pymm_mutex_unlock(&c->lock);
	return i;
}
