// SPDX-License-Identifier: GPL-2.0
/*
 * none_bool.c - None, True and False: one of each per heap, created with the
 * heap and held by it (PYMM_OF_IMMORTAL), so a count can never free them.
 * Their counts are real: the heap's own reference plus every name, slot and
 * handle, which keeps verify.c exact.  bool shares int's layout (value 0/1),
 * so True == 1 and hash(True) == hash(1), as in Python.
 */
#include "../heap.h"

static int none_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	/* CPython 3.12's constant; any fixed value would do */
	*out = (s64)0xFCA86420ll;
	return 0;
}

static int bool_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	*out = ((struct pymm_int *)o)->value;
	return 0;
}

const struct pymm_typeobj pymm_none_type = {
	.name = "NoneType",
	.code = PYMM_T_NONE,
	.hash = none_hash,
};

const struct pymm_typeobj pymm_bool_type = {
	.name = "bool",
	.code = PYMM_T_BOOL,
	.hash = bool_hash,
};

struct pymm_object *pymm_none_get(struct pymm_heap *h)
{
	return pymm_obj_incref(h->none);
}

struct pymm_object *pymm_bool_get(struct pymm_heap *h, bool v)
{
	return pymm_obj_incref(v ? h->true_obj : h->false_obj);
}
