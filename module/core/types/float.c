// SPDX-License-Identifier: GPL-2.0
/*
 * float.c - IEEE-754 doubles kept as their bits.  The kernel never runs an
 * FP instruction on them: hashing and comparing work on the bits
 * (object.c), so 1.0 and 1 are the same dict key.
 */
#include "../heap.h"

static int float_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	*out = pymm_hash_float_bits(((struct pymm_float *)o)->bits);
	return 0;
}

const struct pymm_typeobj pymm_float_type = {
	.name = "float",
	.code = PYMM_T_FLOAT,
	.hash = float_hash,
};

struct pymm_object *pymm_float_new(struct pymm_heap *h, u64 bits, int *err)
{
	struct pymm_object *o = pymm_obj_alloc(h, PYMM_T_FLOAT, sizeof(struct pymm_float), err);

	if (o)
		((struct pymm_float *)o)->bits = bits;
	return o;
}
