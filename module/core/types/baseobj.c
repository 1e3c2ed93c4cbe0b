// SPDX-License-Identifier: GPL-2.0
/*
 * baseobj.c - what `object()` makes: an instance of the heap's `object`
 * (type.c), as CPython 3.11's object_new makes one of PyBaseObject_Type.
 * CPython's is a bare PyObject (16 bytes: a count and a type pointer): no
 * GC header (PyBaseObject_Type has no Py_TPFLAGS_HAVE_GC, so
 * gc.is_tracked(object()) is False and making one moves no generation
 * count), no __dict__ (tp_dictoffset 0: setting an attribute is an
 * AttributeError), no weak references (tp_weaklistoffset 0), hashed by
 * identity, equal only to itself.  So is ours: struct pymm_object and
 * nothing else.  The count it holds on its type in CPython is not held
 * here, as `object` is the heap's immortal root whose count is already
 * not CPython's (docs/objects.md, "Classes").
 */
#include "../heap.h"

const struct pymm_typeobj pymm_baseobj_type = {
	.name = "object",
	.code = PYMM_T_OBJECT,
	.hash = pymm_obj_identity_hash,
};

/* object(): a new reference, or NULL with *err */
struct pymm_object *pymm_baseobj_new(struct pymm_heap *h, int *err)
{
	return pymm_obj_alloc(h, PYMM_T_OBJECT, sizeof(struct pymm_object), err);
}
