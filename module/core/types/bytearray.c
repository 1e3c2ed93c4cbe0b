// SPDX-License-Identifier: GPL-2.0
/*
 * bytearray.c - the mutable variant of bytes (CPython's bytearrayobject.c).
 *
 * Like a list's item array, the bytes live in a separate block of the
 * heap's allocator (charged to the heap's quota, a fault-injection point
 * as every block), grown as PyByteArray_Resize grows it (a little past
 * the need when it grows by less than an eighth, else exactly) BEFORE
 * anything changes, so a refused allocation leaves
 * the bytearray as it was.  It holds no references: not a GC object, as
 * in CPython; unhashable; no weak references.
 *
 *   NEW_BYTEARRAY      data = its bytes -> h
 *   BYTEARRAY_SPLICE   arg0 = bytearray, arg1 = lo, arg2 = hi (0 <= lo <=
 *                      hi <= len): bytes lo..hi replaced by data (append,
 *                      extend, insert, pop, del, slice assignment, clear,
 *                      ba[i] = v, += are all splices); ret0 = the new length
 *
 * READ gives its bytes as for bytes, LEN its length, GETITEM an int,
 * NEW_ITER iterates its ints (ops.c, iter.c).
 */
#include "../heap.h"

/* the largest bytearray: PYMM_DATA_MAX * 64, as a list's item array */
#define BYTEARRAY_MAX	((u64)PYMM_DATA_MAX * 64)

static void bytearray_free_extra(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_bytearray *b = (struct pymm_bytearray *)o;

	if (b->data)
		pymm_free(&h->alloc, b->data, b->cap);
}

const struct pymm_typeobj pymm_bytearray_type = {
	.name = "bytearray",
	.code = PYMM_T_BYTEARRAY,
	.free_extra = bytearray_free_extra,
};

/* room for need bytes and the trailing NUL CPython keeps, as PyByteArray_Resize */
static int bytearray_reserve(struct pymm_heap *h, struct pymm_bytearray *b, u64 need)
{
	u64 cap;
	u8 *data;

	if (need + 1 <= b->cap)
		return 0;
	if (need > BYTEARRAY_MAX)
		return -ENOMEM;
	if (need <= (u64)b->cap + (b->cap >> 3))
		cap = need + (need >> 3) + (need < 9 ? 3 : 6);
	else
		cap = need + 1;
	data = pymm_heap_malloc(h, cap);
	if (!data)
		return h->alloc.last_error ? h->alloc.last_error : -ENOMEM;
	if (b->len)
		memcpy(data, b->data, b->len);
	if (b->data)
		pymm_free(&h->alloc, b->data, b->cap);
	b->data = data;
	b->cap = (u32)cap;
	return 0;
}

/* bytes lo..hi replaced by n bytes of p; 0 <= lo <= hi <= len checked */
static int bytearray_splice(struct pymm_heap *h, struct pymm_bytearray *b, u32 lo, u32 hi,
			    const void *p, u32 n)
{
	u64 len = (u64)b->len - (hi - lo) + n;
	int err = pymm_work(h, 1 + (b->len + n) / 256);	/* the memmove */

	if (!err)
		err = bytearray_reserve(h, b, len);
	if (err)
		return err;
	if (hi < b->len)
		memmove(b->data + lo + n, b->data + hi, b->len - hi);
	if (n)
		memcpy(b->data + lo, p, n);
	b->len = (u32)len;
	if (!b->len && b->data) {
		/* emptied: the block goes, as bytearray_clear / del ba[:] */
		pymm_free(&h->alloc, b->data, b->cap);
		b->data = NULL;
		b->cap = 0;
	}
	return 0;
}

struct pymm_object *pymm_bytearray_new(struct pymm_heap *h, const void *p, u32 n, int *err)
{
	struct pymm_object *o = pymm_obj_alloc(h, PYMM_T_BYTEARRAY,
					       sizeof(struct pymm_bytearray), err);
	struct pymm_bytearray *b;

	if (!o)
		return NULL;
	b = (struct pymm_bytearray *)o;
	if (n) {
		/* exact size, as PyByteArray_FromStringAndSize (alloc = size + 1) */
		b->data = pymm_heap_malloc(h, (size_t)n + 1);
		if (!b->data) {
			*err = h->alloc.last_error ? h->alloc.last_error : -ENOMEM;
			pymm_obj_decref(h, o);
			return NULL;
		}
		b->cap = n + 1;
		memcpy(b->data, p, n);
		b->len = n;
	}
	return o;
}

/* the bytes of a bytes or bytearray object (false for anything else) */
bool pymm_bytes_view(const struct pymm_object *o, const u8 **p, u32 *n)
{
	if (o->type == PYMM_T_BYTES) {
		*p = (const u8 *)((const struct pymm_str *)o)->data;
		*n = ((const struct pymm_str *)o)->len;
		return true;
	}
	if (o->type == PYMM_T_BYTEARRAY) {
		*p = ((const struct pymm_bytearray *)o)->data;
		*n = ((const struct pymm_bytearray *)o)->len;
		return true;
	}
	return false;
}

int pymm_bytearray_op(struct pymm_opctx *x)
{
	struct pymm_bytearray *b;
	struct pymm_object *o;
	int err;

	if (x->op->code == PYMM_OP_NEW_BYTEARRAY) {
		err = pymm_handle_reserve(x->c, 1);
		if (err)
			return err;
		o = pymm_bytearray_new(x->h, x->buf, x->in_len, &err);
		return o ? pymm_ret_handle(x, o) : err;
	}
	err = pymm_handle_get(x->c, x->op->arg[0], &o);
	if (err)
		return err;
	if (o->type != PYMM_T_BYTEARRAY) {
		x->op->exc = PYMM_EXC_TYPE_ERROR;
		return -EINVAL;
	}
	b = (struct pymm_bytearray *)o;
	if (x->op->arg[1] > x->op->arg[2] || x->op->arg[2] > b->len)
		return -ERANGE;
	err = bytearray_splice(x->h, b, (u32)x->op->arg[1], (u32)x->op->arg[2], x->buf,
			       x->in_len);
	if (!err)
		x->op->ret[0] = b->len;
	return err;
}
