// SPDX-License-Identifier: GPL-2.0
/*
 * int.c - 64-bit signed integers.  -5..256 come from the heap's cache
 * (created with the heap, as CPython's small ints), so `a = 256; b = 256`
 * name one object and every 257 is a new one.
 */
#include "../heap.h"

static int int_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	*out = pymm_hash_int(((struct pymm_int *)o)->value);
	return 0;
}

const struct pymm_typeobj pymm_int_type = {
	.name = "int",
	.code = PYMM_T_INT,
	.hash = int_hash,
};

struct pymm_object *pymm_int_new(struct pymm_heap *h, s64 v, int *err)
{
	struct pymm_object *o;

	if (v >= PYMM_SMALL_INT_MIN && v <= PYMM_SMALL_INT_MAX && h->small_ints[0])
		return pymm_obj_incref(h->small_ints[v - PYMM_SMALL_INT_MIN]);
	o = pymm_obj_alloc(h, PYMM_T_INT, sizeof(struct pymm_int), err);
	if (o)
		((struct pymm_int *)o)->value = v;
	return o;
}
