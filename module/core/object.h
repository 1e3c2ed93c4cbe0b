/* SPDX-License-Identifier: GPL-2.0 */
/*
 * object.h - the object header, the type table and reference counting.
 *
 * Every object lives in one block of its heap's allocator (pymm_malloc), so
 * its ID is pymm_alloc_id() of that block.  Objects that can refer to other
 * objects ("containers": tuple, list, dict, class, instance, function) carry
 * a GC header in front, as CPython's PyGC_Head:
 *
 *	block start                     object pointer (struct pymm_object *)
 *	|                               |
 *	v                               v
 *	+-------------------------------+---------------------------+----------
 *	| gc_next  |  gc_prev  | code   |  refcnt | type flags size |  fields
 *	+-------------------------------+---------------------------+----------
 *	  struct pymm_gc_head (16 B)      struct pymm_object (16 B)   per type
 *	  containers only
 *
 * Scalars (None, bool, int, float, str, bytes, weakref) have no GC header:
 * the block starts at the object.  ob.size is the byte count given to
 * pymm_malloc() (GC header included), so freeing is a sized free and never
 * has to ask the allocator what a pointer is.
 *
 * The GC links put every live container on exactly one generation list of
 * its heap (struct pymm_gc_state in gc.h).  Once a container's count reaches
 * zero it is unlinked and gc_next is reused to thread the heap's
 * deallocation stack, so freeing needs neither recursion nor memory: see
 * pymm_obj_decref() in object.c.
 *
 * Reference counting rules (the notes' list, enforced by ops.c):
 *   +1  a name binding, a slot in a container, a client handle, an internal
 *       root (singletons, the small-int cache, the globals dict);
 *   -1  rebinding, del, removal from a container, frame exit, handle close;
 *   at zero the object releases what it holds, then its block is freed.
 * Interned strings are NOT counted by the intern table (as CPython's
 * interned dict): a dying interned string leaves the table.
 *
 * Locking: every function here requires the owning heap's mutex (heap.h).
 */
#ifndef PYMM_CORE_OBJECT_H
#define PYMM_CORE_OBJECT_H

#include "platform.h"
#include "../uapi/pymm.h"

struct pymm_heap;
struct pymm_client;

/*
 * The GC header: two words, as CPython's PyGC_Head since 3.8.  Every block
 * is 16-byte aligned (alloc.h), and so is every list sentinel (the
 * attribute below), so the low 4 bits of any head address are zero and
 * gc_prev keeps a 4-bit code there:
 *
 *	gc_next   next head on the list                      (plain pointer)
 *	gc_prev   previous head | code                       (between ops)
 *	          gc_refs << PYMM_GC_REFS_SHIFT | code       (inside a collection)
 *
 * The code says which list the object is on: a generation (0..2), the
 * permanent generation, a collector's temporary list (gc.h), or
 * PYMM_GC_UNTRACKED, so the per-list counters and pymm_gc_is_tracked() need
 * no walk.  The collector alone reads or writes gc_prev (object.c only sets
 * the code of a new object); while it borrows the word for gc_refs, the
 * pointer is gone and gc.c restores it before any object can die.  After
 * untracking, the object layer reuses gc_next as the deallocation-stack
 * link; gc_prev keeps PYMM_GC_UNTRACKED.
 */
struct pymm_gc_head {
	struct pymm_gc_head *gc_next;
	unsigned long gc_prev;		/* use pymm_gc_prev() and pymm_gc_code() */
} __aligned(16);

_Static_assert(sizeof(struct pymm_gc_head) == 16, "GC header must stay two words");

#define PYMM_GC_CODE_MASK	0xfUL
#define PYMM_GC_REFS_SHIFT	4
#define PYMM_GC_UNTRACKED	0xfUL	/* code of an object on no list */

static inline unsigned int pymm_gc_code(const struct pymm_gc_head *g)
{
	return g->gc_prev & PYMM_GC_CODE_MASK;
}

/* only meaningful between ops, or for objects on a doubly linked list */
static inline struct pymm_gc_head *pymm_gc_prev(const struct pymm_gc_head *g)
{
	return (struct pymm_gc_head *)(g->gc_prev & ~PYMM_GC_CODE_MASK);
}

struct pymm_object {
	u64 refcnt;
	u8 type;		/* PYMM_T_* */
	u8 flags;		/* PYMM_OF_* */
	u16 reserved;
	u32 size;		/* bytes passed to pymm_malloc(), GC head included */
};

/* ob.flags */
#define PYMM_OF_GC		(1u << 0)	/* has a struct pymm_gc_head in front */
#define PYMM_OF_IMMORTAL	(1u << 1)	/* internal root: never freed by a count */
#define PYMM_OF_FINALIZED	(1u << 2)	/* finalizer ran (PEP 442: at most once) */
#define PYMM_OF_INTERNED	(1u << 3)	/* in the heap's intern table */
#define PYMM_OF_DYING		(1u << 4)	/* count hit zero; on the dealloc stack */
#define PYMM_OF_HASHABLE	(1u << 5)	/* tuple: every item hashable; hash cached */
/* dict: its keys table is CPython's DICT_KEYS_GENERAL (a non-str key went in) */
#define PYMM_OF_GENERAL_KEYS	(1u << 5)	/* dict only: same bit as HASHABLE */
#define PYMM_OF_TRASH		(1u << 6)	/* dying inside the trashcan (object.c) */
/* dict: tracking fixed, outside 3.11's rules (globals: always; frame locals: never) */
#define PYMM_OF_FIXED_TRACKING	(1u << 7)
/* tuple only, same bit: an instance of a tuple subclass (subobj.h) */
#define PYMM_OF_SUBTUPLE	(1u << 7)

#define PYMM_GC_HEAD(o)	((struct pymm_gc_head *)(o) - 1)
#define PYMM_GC_OBJ(g)	((struct pymm_object *)((struct pymm_gc_head *)(g) + 1))

/* ------------------------------------------------------------ the types */

struct pymm_weakref;

struct pymm_none {
	struct pymm_object ob;
};

/* int and bool share the layout: bool is an int subclass */
struct pymm_int {
	struct pymm_object ob;
	s64 value;
};

struct pymm_float {
	struct pymm_object ob;
	u64 bits;		/* IEEE-754 binary64; never touched by the FPU */
};

/* str and bytes share the layout; data is NUL terminated for convenience */
struct pymm_str {
	struct pymm_object ob;
	s64 hash;		/* PYMM_STR_HASH_UNSET until asked: pymm_str_hash() */
	u32 len;		/* bytes */
	u32 nchars;		/* code points (str), == len (bytes) */
	char data[];
};

/* bytearray (types/bytearray.c): its bytes in a separate block, or NULL */
struct pymm_bytearray {
	struct pymm_object ob;
	u32 len;
	u32 cap;		/* bytes of the block */
	u8 *data;
};

struct pymm_tuple {
	struct pymm_object ob;
	s64 hash;		/* valid if PYMM_OF_HASHABLE */
	u32 len;
	u32 reserved;
	struct pymm_object *items[];	/* NULL only after clear() */
};

struct pymm_list {
	struct pymm_object ob;
	struct pymm_object **items;	/* pymm_malloc(cap * 8) */
	u32 len;
	u32 cap;
};

/*
 * CPython's compact dict: entries[] in insertion order, indices[] an
 * open-addressed table of entry numbers (-1 empty, -2 deleted).  One block
 * holds both: indices first (nslots s32), then the entries.
 */
struct pymm_dict_entry {
	s64 hash;
	struct pymm_object *key;	/* NULL: deleted entry */
	struct pymm_object *value;
};

struct pymm_dict {
	struct pymm_object ob;
	u32 used;		/* live entries */
	u32 nentries;		/* entries[] slots consumed, live or deleted */
	u32 nslots;		/* size of indices[], a power of two (0: no table) */
	u32 release_pos;	/* deallocation cursor: 2 * entry + (0 key, 1 value) */
	s32 *indices;		/* block of dict_keys_size(nslots) bytes */
	struct pymm_dict_entry *entries;	/* inside the same block */
};

/*
 * A class is a type object as CPython 3.11's heap types (docs/objects.md,
 * "Classes"): tp_dict, tp_mro (a tuple starting with the class itself, so
 * every class is a cycle), tp_bases, tp_base, ht_name, and the shared keys
 * (ht_cached_keys): the attribute names its instances have stored, in the
 * order the class first saw them, up to PYMM_SHARED_KEYS_MAX.  The heap's
 * `object` is the same structure: untracked, immortal, no dict, no mro.
 */
#define PYMM_SHARED_KEYS_MAX	30	/* SHARED_KEYS_MAX_SIZE */

struct pymm_class {
	struct pymm_object ob;
	struct pymm_object *name;	/* interned str */
	struct pymm_object *qualname;	/* str: the namespace's __qualname__ (NULL: name) */
	struct pymm_object *dict;	/* class attributes (NULL: object) */
	struct pymm_object *mro;	/* tuple; NULL for object and after clear */
	struct pymm_object *bases;	/* tuple (NULL: object) */
	struct pymm_object *base;	/* the best base (NULL: object) */
	struct pymm_object *finalizer;	/* PYMM_OP_NEW_CLASS's legacy __del__ text, or NULL */
	struct pymm_weakref *weaklist;
	struct pymm_object *keys[PYMM_SHARED_KEYS_MAX];	/* interned strs, counted */
	u32 release_pos;
	u8 nkeys;
	u8 usable;	/* names the keys may still take (dk_usable) */
	u8 slots;	/* 1: __slots__ = keys[]: instances have no __dict__ (types/slots.c) */
	u8 layout;	/* PYMM_LAYOUT_*: its instances are objects, lists or dicts (subobj.h) */
	u8 static_type;	/* a builtin type the heap keeps (PYMM_CLASSF_STATIC, type.c) */
	u8 exc_fields;	/* keys[0..exc_fields): BaseException's fields (type.c), else 0 */
};

/*
 * An instance keeps its attribute values inline, indexed by its class's
 * shared keys, while it has no __dict__ (3.11's PyDictValues); order[]
 * remembers the order this instance stored them (its __dict__'s order).
 * Asking for obj.__dict__, or a name the shared keys cannot take, moves
 * the values into a real dict; values are not used again after that.
 * An exception (its class has exc_fields) is BaseException's layout:
 * values[0..exc_fields) are its C fields (args, __traceback__ ...), never
 * in the __dict__, and every other attribute goes to a real dict.
 */
struct pymm_instance {
	struct pymm_object ob;
	struct pymm_object *cls;
	struct pymm_object *dict;	/* materialised __dict__, or NULL */
	struct pymm_weakref *weaklist;
	u32 release_pos;
	u8 nvalues;		/* values[0..nvalues) may be set */
	u8 norder;		/* live entries of order[] */
	u8 inline_values;	/* 1: values[] hold the attributes, no dict */
	u8 reserved;
	u8 order[PYMM_SHARED_KEYS_MAX];
	struct pymm_object *values[PYMM_SHARED_KEYS_MAX];
};

/* getset_descriptor: the __dict__ and __weakref__ entries of a class dict */
struct pymm_getset {
	struct pymm_object ob;
	struct pymm_object *type;	/* d_type */
	struct pymm_object *name;	/* d_name, interned str */
	u32 release_pos;
	u32 which;			/* PYMM_GETSET_* */
};

#define PYMM_GETSET_DICT	0
#define PYMM_GETSET_WEAKREF	1

/* a bound method (PyMethodObject): what obj.f makes, unless it is called at once */
struct pymm_method {
	struct pymm_object ob;
	struct pymm_object *func;	/* im_func */
	struct pymm_object *self;	/* im_self */
	struct pymm_weakref *weaklist;
	u32 release_pos;
	u32 reserved;
};

/* builtin_function_or_method / method_descriptor (types/builtinfunc.c) */
struct pymm_builtin {
	struct pymm_object ob;
	struct pymm_object *self;	/* m_self / d_type, counted, or NULL */
	struct pymm_object *name;	/* interned str */
	struct pymm_weakref *weaklist;
	u32 id;				/* the client's number for the builtin, opaque */
	u32 kind;			/* PYMM_BUILTIN_* */
	u32 release_pos;
	u32 reserved;
};

bool pymm_builtin_equal(struct pymm_object *a, struct pymm_object *b);
bool pymm_builtin_weakrefable(const struct pymm_object *o);

struct pymm_function {
	struct pymm_object ob;
	struct pymm_object *name;	/* interned str */
	struct pymm_object *dict;	/* function attributes, NULL until first */
	struct pymm_weakref *weaklist;
	u64 code;			/* the caller's code token, opaque (0: code object) */
	struct pymm_object *code_obj;	/* its code (PYMM_T_CODE), counted, or NULL */
	u32 release_pos;
	u32 token_uid;			/* with a token: the uid of the client that made it */
	struct pymm_object *defaults;	/* __defaults__ tuple, or NULL */
	struct pymm_object *kwdefaults;	/* __kwdefaults__ dict, or NULL */
	struct pymm_object *closure;	/* __closure__ tuple of cells, or NULL */
	struct pymm_object *globals;	/* __globals__ set by exec(src, d), or NULL */
};

/* cellobject.c: one reference, or NULL (empty: unbound, or deleted) */
struct pymm_cell {
	struct pymm_object ob;
	struct pymm_object *ref;
};

/*
 * A weak reference holds no count.  The referent's weaklist chains all weak
 * references to it; the referent's death clears them (referent = NULL).
 */
struct pymm_weakref {
	struct pymm_object ob;
	struct pymm_object *referent;
	struct pymm_weakref *wr_next;
	struct pymm_weakref *wr_prev;
	struct pymm_object *callback;	/* counted, or NULL; dropped by a refcount death, kept by gc */
	struct pymm_object *key;	/* a KeyedRef's key (counted), or NULL */
	s64 hash;			/* the referent's, once asked (weakref_hash) */
	u8 hashed;
	u8 keyed;			/* weakref.KeyedRef: never the shared plain ref */
	u8 callable;			/* a proxy to a callable: weakcallableproxy */
};

/*
 * A function's code (types/code.c): immutable, refers to nothing.  data
 * holds name\0, filename\0, the argument names (each \0-terminated), then
 * the source and a \0.
 */
struct pymm_code {
	struct pymm_object ob;
	struct pymm_code_info info;
	char data[];
};

/*
 * Type table entry.  All callbacks run under the heap lock and never
 * allocate unless said so.
 *
 * traverse:  call visit(child, arg) for each object this one holds a count
 *            on, one level only; stop and return the first non-zero result.
 *            What CPython's tp_traverse visits, in its order: it decides
 *            gc.get_referents().
 * traverse_extra: optional; the counted references traverse leaves out
 *            because CPython's tp_traverse does (a class's name and shared
 *            keys: strings).  verify.c needs both to account for counts.
 * clear:     drop every reference held (tp_clear): the object stays valid
 *            (an empty list, an empty dict ...).  Decrefs may free objects.
 * release:   deallocation step: detach and return ONE held reference (the
 *            caller drops it), NULL when none is left.  The order matches
 *            CPython's tp_dealloc so finalizers print in the same order.
 * hash:      0 and *out, or -EINVAL for unhashable (TypeError).
 */
typedef int (*pymm_visit_fn)(struct pymm_object *child, void *arg);

struct pymm_typeobj {
	const char *name;
	u8 code;		/* PYMM_T_* */
	u8 is_gc;
	u16 weaklist_off;	/* offset of struct pymm_weakref *, 0: not weakrefable */
	int (*traverse)(struct pymm_object *o, pymm_visit_fn visit, void *arg);
	int (*traverse_extra)(struct pymm_object *o, pymm_visit_fn visit, void *arg);
	void (*clear)(struct pymm_heap *h, struct pymm_object *o);
	struct pymm_object *(*release)(struct pymm_object *o);
	void (*free_extra)(struct pymm_heap *h, struct pymm_object *o);	/* side blocks */
	int (*hash)(struct pymm_heap *h, struct pymm_object *o, s64 *out);
};

extern const struct pymm_typeobj *const pymm_types[PYMM_T_MAX];
extern const struct pymm_typeobj pymm_none_type, pymm_bool_type, pymm_int_type,
	pymm_float_type, pymm_str_type, pymm_bytes_type, pymm_tuple_type,
	pymm_list_type, pymm_dict_type, pymm_class_type, pymm_instance_type,
	pymm_weakref_type, pymm_weakproxy_type, pymm_function_type, pymm_getset_type,
	pymm_method_type, pymm_code_type, pymm_cell_type, pymm_baseobj_type, pymm_bytearray_type,
	pymm_builtin_type;

static inline const struct pymm_typeobj *pymm_obj_type(const struct pymm_object *o)
{
	return pymm_types[o->type];
}

/* a traverse over fields in a fixed order, skipping NULLs (Py_VISIT each) */
static inline int pymm_visit_fields(struct pymm_object *const *f, u32 n, pymm_visit_fn visit,
				    void *arg)
{
	u32 i;
	int r;

	for (i = 0; i < n; i++) {
		if (f[i]) {
			r = visit(f[i], arg);
			if (r)
				return r;
		}
	}
	return 0;
}

/* a release (one reference per call) over fields in a fixed order; *pos remembers */
static inline struct pymm_object *pymm_release_fields(struct pymm_object **const *f, u32 n,
						      u32 *pos)
{
	struct pymm_object *r;

	while (*pos < n) {
		r = *f[*pos];
		*f[(*pos)++] = NULL;
		if (r)
			return r;
	}
	return NULL;
}

#include "subobj.h"

/* tp_weaklistoffset != 0: a class with __slots__ gives its instances none */
static inline bool pymm_obj_weakrefable(const struct pymm_object *o)
{
	if (!pymm_types[o->type]->weaklist_off)
		return pymm_subext(o) != NULL && o->type != PYMM_T_TUPLE;
	if (o->type == PYMM_T_BUILTIN)
		return pymm_builtin_weakrefable(o);
	return o->type != PYMM_T_INSTANCE ||
	       !((const struct pymm_class *)((const struct pymm_instance *)o)->cls)->slots;
}

/* a weakref callback the client can call: a function, or a method of one */
static inline bool pymm_callback_ok(const struct pymm_object *cb)
{
	if (cb->type == PYMM_T_METHOD)
		cb = ((const struct pymm_method *)cb)->func;
	return cb->type == PYMM_T_FUNCTION;
}

static inline bool pymm_obj_is_gc(const struct pymm_object *o)
{
	return o->flags & PYMM_OF_GC;
}

/* ------------------------------------------------------ refcounting */

static inline struct pymm_object *pymm_obj_incref(struct pymm_object *o)
{
	o->refcnt++;
	return o;
}

void pymm_obj_dealloc(struct pymm_heap *h, struct pymm_object *o);

/* Drops one reference; at zero, frees iteratively (object.c). */
static inline void pymm_obj_decref(struct pymm_heap *h, struct pymm_object *o)
{
	if (--o->refcnt == 0)
		pymm_obj_dealloc(h, o);
}

static inline void pymm_obj_xdecref(struct pymm_heap *h, struct pymm_object *o)
{
	if (o)
		pymm_obj_decref(h, o);
}

/*
 * Allocates size bytes of object (GC header excluded, added when the type
 * is_gc) with refcnt 1, zeroed fields, NOT yet tracked.  NULL and *err =
 * -ENOMEM/-EDQUOT/-ENOSPC on failure.  Constructors track containers once
 * they are fully built (pymm_gc_track, gc.h).
 */
struct pymm_object *pymm_obj_alloc(struct pymm_heap *h, u8 type, size_t size, int *err);
struct pymm_object *pymm_obj_alloc_nofl(struct pymm_heap *h, u8 type, size_t size, int *err);
struct pymm_object *pymm_obj_alloc_head(struct pymm_heap *h, u8 type, size_t size,
					size_t head, int *err);

/* The block ID (PYMM_OP_ID) */
u64 pymm_obj_id(struct pymm_heap *h, const struct pymm_object *o);

/*
 * The __del__ of a class: its class dict's "__del__" if that is a function
 * (borrowed), else NULL.  A lookup in the class's own dict; an MRO lookup
 * once classes have bases.
 */
struct pymm_object *pymm_type_finalizer(struct pymm_heap *h, struct pymm_object *type);

/*
 * Finalizer, PEP 442 (fin.c): an instance whose class has __del__ (a
 * function, or the legacy text of PYMM_OP_NEW_CLASS) and whose finalizer
 * has not run yet.
 */
bool pymm_obj_has_finalizer(struct pymm_heap *h, struct pymm_object *o);
/*
 * Runs o's finalizer at most once (sets PYMM_OF_FINALIZED): legacy text goes
 * to h->cur_client's output queue; a function is queued for h->cur_client
 * to run, with a counted reference to o.  Returns true if it was queued
 * (o is kept alive by the queue: the caller must not free it).  For the
 * collector, coll says the item belongs to the paused collection.
 */
bool pymm_obj_finalize(struct pymm_heap *h, struct pymm_object *o, bool coll);

/*
 * Clears every weak reference to o.  Weak references with a callback that
 * are alive themselves get it queued for h->cur_client (at refcount death,
 * as PyObject_ClearWeakRefs); callbacks false: the collector decides which
 * to call itself (handle_weakrefs), and gets the list back through keep.
 */
void pymm_weakref_clear_all(struct pymm_heap *h, struct pymm_object *o, bool callbacks);

/* ---------------------------------------------------- constructors
 * All return a new reference, or NULL with *err set.
 */
struct pymm_object *pymm_int_new(struct pymm_heap *h, s64 v, int *err);
struct pymm_object *pymm_bool_get(struct pymm_heap *h, bool v);	/* new ref */
struct pymm_object *pymm_none_get(struct pymm_heap *h);		/* new ref */
struct pymm_object *pymm_float_new(struct pymm_heap *h, u64 bits, int *err);
/* len bytes of UTF-8 (validated: -EINVAL); identifier-like strings interned */
struct pymm_object *pymm_str_new(struct pymm_heap *h, const char *s, u32 len, int *err);
/* not interned (but the empty and one-Latin-1-character singletons) */
struct pymm_object *pymm_str_new_runtime(struct pymm_heap *h, const char *s, u32 len, int *err);
struct pymm_object *pymm_strbytes_concat(struct pymm_heap *h, struct pymm_object *a,
					 struct pymm_object *b, int *err);
struct pymm_object *pymm_bytes_new(struct pymm_heap *h, const void *s, u32 len, int *err);
/* items: n borrowed references (each gets +1) */
struct pymm_object *pymm_tuple_new(struct pymm_heap *h, struct pymm_object *const *items,
				   u32 n, int *err);
void pymm_tuple_refill(struct pymm_heap *h, struct pymm_object *o,
		       struct pymm_object *const *items);
struct pymm_object *pymm_list_new(struct pymm_heap *h, struct pymm_object *const *items,
				  u32 n, int *err);
struct pymm_object *pymm_dict_new(struct pymm_heap *h, int *err);
struct pymm_object *pymm_class_new(struct pymm_heap *h, const char *name, u32 name_len,
				   const char *fin, u32 fin_len, int *err);
/* an instance of cls; of the heap's `object`: object() (types/baseobj.c) */
struct pymm_object *pymm_instance_new(struct pymm_heap *h, struct pymm_object *cls, int *err);
struct pymm_object *pymm_baseobj_new(struct pymm_heap *h, int *err);
/* bound method: takes references on func and self */
struct pymm_object *pymm_method_new(struct pymm_heap *h, struct pymm_object *func,
				    struct pymm_object *self, int *err);
/* -EINVAL (TypeError) if the referent cannot be weakly referenced */
struct pymm_object *pymm_weakref_new(struct pymm_heap *h, struct pymm_object *referent,
				     int *err);
struct pymm_object *pymm_function_new(struct pymm_heap *h, const char *name, u32 name_len,
				      u64 code, int *err);
/* a function running code (PYMM_T_CODE): its name is the code's */
struct pymm_object *pymm_function_from_code(struct pymm_heap *h, struct pymm_object *code,
					    int *err);
/* rec/len: struct pymm_code_info and its bytes (-EINVAL if malformed) */
struct pymm_object *pymm_code_new(struct pymm_heap *h, const void *rec, u32 len, u32 uid,
				  int *err);
/* the record, owner filled, into buf if it fits cap; returns the size */
u32 pymm_code_export(struct pymm_object *code, void *buf, u32 cap);
const char *pymm_code_name(struct pymm_object *code, u32 *len);
/* a weak reference with a callback (always a new one, as CPython) */
struct pymm_object *pymm_weakref_new_cb(struct pymm_heap *h, struct pymm_object *referent,
					struct pymm_object *callback, int *err);
size_t pymm_dict_block_bytes(const struct pymm_object *o);
/* contents: borrowed (gets +1), or NULL for an empty cell */
struct pymm_object *pymm_cell_new(struct pymm_heap *h, struct pymm_object *contents, int *err);

/* ----------------------------------------------------- type operations */

/*
 * Python hash: CPython's exact values for int, bool and float (computed on
 * the bits, no FPU); -EINVAL (TypeError) for unhashable objects.
 */
int pymm_obj_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out);
s64 pymm_hash_int(s64 v);
s64 pymm_hash_float_bits(u64 bits);
s64 pymm_hash_bytes(const void *p, u32 len);
s64 pymm_tuple_hash_of(const s64 *lanes, u32 n);	/* tuple.c */
/* by ID, for instances, classes and functions */
int pymm_obj_identity_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out);
/*
 * Python ==: 1 and 0 in *res, or -errno (-ELOOP: nesting deeper than the
 * heap's limit, RecursionError; -ENOMEM; -ETIME, -EINTR: the op's work
 * budget, heap.h).  Iterative.
 */
int pymm_obj_eq(struct pymm_heap *h, struct pymm_object *a, struct pymm_object *b, bool *res);
/* PYMM_CMP_*; -EINVAL for unorderable types (TypeError); errors of == */
int pymm_obj_compare(struct pymm_heap *h, struct pymm_object *a, struct pymm_object *b,
		     u32 cmp, bool *res);

bool pymm_str_is_identifier(const char *s, u32 len);
bool pymm_str_obj_is_identifier(struct pymm_object *o);	/* o: a str */
/*
 * A str's or bytes' hash, computed when first asked as CPython does
 * (unicode_hash(): -1 until then; pymm_hash_bytes() never gives -1).  A
 * string made at run time and never hashed costs no pass over its bytes.
 */
#define PYMM_STR_HASH_UNSET	(-1)
s64 pymm_str_hash(struct pymm_object *o);
int pymm_utf8_check(const char *s, u32 len, u32 *nchars);	/* 0 or -EINVAL */
/* bytearray.c: a new one of n bytes; the bytes of a bytes or bytearray */
struct pymm_object *pymm_bytearray_new(struct pymm_heap *h, const void *p, u32 n, int *err);
bool pymm_bytes_view(const struct pymm_object *o, const u8 **p, u32 *n);

/* list */
int pymm_list_append(struct pymm_heap *h, struct pymm_object *list, struct pymm_object *v);
/* index already normalised to 0..len-1 */
void pymm_list_set(struct pymm_heap *h, struct pymm_object *list, u32 i, struct pymm_object *v);
/* removes and returns item i (the list's reference moves to the caller) */
struct pymm_object *pymm_list_take(struct pymm_object *list, u32 i);
/* list_sort.c: stable sort by keys (a list as long, or NULL: the items) */
int pymm_list_sort(struct pymm_heap *h, struct pymm_object *l, struct pymm_object *keys,
		   bool reverse);

/*
 * dict.  Keys must be hashable (-EINVAL, TypeError).  lookup returns a
 * borrowed value or NULL (*err 0 for "missing").  set takes new references
 * on key and value (the old value is dropped); it reserves memory first so
 * a failed set leaves the dict unchanged.  del returns -ENOENT if missing.
 */
struct pymm_object *pymm_dict_lookup(struct pymm_heap *h, struct pymm_object *d,
				     struct pymm_object *key, int *err);
int pymm_dict_set(struct pymm_heap *h, struct pymm_object *d, struct pymm_object *key,
		  struct pymm_object *value);
int pymm_dict_del(struct pymm_heap *h, struct pymm_object *d, struct pymm_object *key);
/* string-keyed helpers for namespaces (key is an interned str) */
struct pymm_object *pymm_dict_lookup_str(struct pymm_object *d, struct pymm_object *key);
struct pymm_dict_entry *pymm_dict_find_name(struct pymm_object *d, const char *s, u32 len,
					    s64 hash);
/* i-th live entry in insertion order via a cursor: returns false at the end */
bool pymm_dict_next(struct pymm_object *d, u32 *pos, struct pymm_object **key,
		    struct pymm_object **value);
/* internal consistency (verify.c): 0 or -EUCLEAN */
int pymm_dict_check(struct pymm_object *d);
/* nothing in d may be tracked: the collector may untrack it (gc.c) */
bool pymm_dict_may_untrack(struct pymm_object *d);

/* attributes of instances, classes and functions (lazily created dicts) */
struct pymm_object **pymm_obj_attr_dict_slot(struct pymm_object *o);

/* weakref */
struct pymm_weakref **pymm_weaklist_slot(struct pymm_object *o);	/* object.c */
struct pymm_object *pymm_weakref_referent(struct pymm_object *wr);	/* borrowed or NULL */
void pymm_weakref_unlink(struct pymm_weakref *wr);

/* class/function name */
static inline struct pymm_str *pymm_as_str(struct pymm_object *o)
{
	return (struct pymm_str *)o;
}

/* intern table (heap-private, object.c / types/str.c) */
struct pymm_intern {
	struct pymm_object **slots;	/* open addressing; NULL empty, TOMB deleted */
	u32 nslots;			/* power of two or 0 */
	u32 used;			/* live */
	u32 filled;			/* live + tombstones */
};

int pymm_intern_init(struct pymm_heap *h);
void pymm_intern_destroy(struct pymm_heap *h);
void pymm_intern_remove(struct pymm_heap *h, struct pymm_object *s);

/*
 * The count CPython 3.11 gives its statically allocated objects
 * (_PyObject_IMMORTAL_INIT): small ints and the empty tuple (made with
 * the heap), the empty and one-character Latin-1 strings, the empty and
 * one-byte bytes (made on first use, str.c).  The heap holds that count
 * as its reference (heap.c), so sys.getrefcount() prints what python3
 * prints where the rest of the count does not depend on CPython's own
 * modules.
 */
#define PYMM_STATIC_REFCNT	999999999ULL

/* small ints -5..256, as CPython's _PyLong_SMALL_INTS */
#define PYMM_SMALL_INT_MIN	(-5)
#define PYMM_SMALL_INT_MAX	256
#define PYMM_NSMALL_INTS	(PYMM_SMALL_INT_MAX - PYMM_SMALL_INT_MIN + 1)

/*
 * h->statics[]: '' and the 256 one-character Latin-1 strings, then b''
 * and the 256 one-byte bytes (CPython 3.11's _Py_STR_EMPTY, LATIN1(),
 * bytes_empty, bytes_characters)
 */
#define PYMM_STATIC_STR_EMPTY	256
#define PYMM_STATIC_BYTES	257
#define PYMM_STATIC_BYTES_EMPTY	(PYMM_STATIC_BYTES + 256)
#define PYMM_NSTATICS		(PYMM_STATIC_BYTES_EMPTY + 1)

#endif /* PYMM_CORE_OBJECT_H */
