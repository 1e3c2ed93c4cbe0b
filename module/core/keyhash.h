/* SPDX-License-Identifier: GPL-2.0 */
/*
 * keyhash.h - dict keys and set members whose class defines __hash__ or
 * __eq__ (keyhash.c; docs/objects.md, "User hashes").
 */
#ifndef PYMM_CORE_KEYHASH_H
#define PYMM_CORE_KEYHASH_H

#include "heap.h"

/*
 * An instance's hash: by identity unless its class defines __hash__ (None:
 * -EINVAL, unhashable; a function: the hash PYMM_OP_KEY_HASH gave for this
 * op, else -ENOKEY: the client must call it).
 */
int pymm_instance_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out);

/*
 * a == b where one is an instance whose class defines __eq__: 0 with *res
 * (identity) when PYMM_OP_KEY_HASH said the client decided it, -ENOKEY when
 * only the user's __eq__ can; 1 when neither needs __eq__ (the core decides).
 */
int pymm_user_eq(struct pymm_heap *h, struct pymm_object *a, struct pymm_object *b, bool *res);

/*
 * The stored keys of d (dict.c) or so (set.c) with this hash, other than
 * key itself, in probe order: the first cap into out[], *n counts them all.
 */
int pymm_dict_peers(struct pymm_heap *h, struct pymm_object *d, struct pymm_object *key,
		    s64 hash, struct pymm_object **out, u32 cap, u32 *n);
int pymm_set_peers(struct pymm_heap *h, struct pymm_object *so, struct pymm_object *key,
		   s64 hash, struct pymm_object **out, u32 cap, u32 *n);

/* PYMM_OP_KEY_HASH, PYMM_OP_KEY_PEERS */
int pymm_key_op(struct pymm_opctx *x);

#endif /* PYMM_CORE_KEYHASH_H */
