/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * pymm.h - the user-space ABI of pymm: /dev/pymm ioctls, the operation
 * codes both front ends (ioctl and generic netlink) decode into, and the
 * statistics records.  This is the only header the tool shares with the
 * module.
 *
 * Model.  A client (one open file of /dev/pymm, or one netlink socket
 * session) attaches to one heap at a time.  It refers to heap objects through
 * handles: small per-client integers, each holding one strong reference, like
 * file descriptors.  A handle is never an address; closing the file drops every
 * reference its handles hold.  Object IDs (PYMM_OP_ID) are opaque 64-bit values
 * that encode placement (arena serial, pool, block) and nothing else.
 *
 * Every operation is a struct pymm_op.  PYMM_IOC_OP runs one;
 * PYMM_IOC_BATCH runs an array of them, each with its own result.
 * Data that does not fit the fixed fields (strings, handle arrays, stats
 * tables) travels in a caller buffer named by data/data_len.
 *
 * Rules (see docs/abi.md):
 *   - every reserved field and unknown flag must be zero, else -EINVAL;
 *   - unknown op codes get -EOPNOTSUPP in op->error (the batch goes on);
 *   - unknown ioctl commands get -ENOTTY;
 *   - the ABI grows by new op codes and new ioctls, never by changing a struct.
 */
#ifndef _UAPI_LINUX_PYMM_H
#define _UAPI_LINUX_PYMM_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define PYMM_ABI_VERSION	3
#define PYMM_DEVICE_NAME	"pymm"		/* /dev/pymm */
#define PYMM_GENL_NAME		"pymm"		/* generic netlink family */
#define PYMM_GENL_VERSION	1

#define PYMM_HEAP_NAME_MAX	32	/* including the NUL */
#define PYMM_NAME_MAX		256	/* identifiers (names, attributes) */
#define PYMM_DATA_MAX		(1u << 20)	/* largest data buffer of one op */
#define PYMM_BATCH_MAX		4096	/* most ops in one PYMM_IOC_BATCH */
#define PYMM_DEFAULT_HEAP	"default"

/* ------------------------------------------------------------------ ioctl */

#define PYMM_IOC_MAGIC	0xB8	/* unassigned in ioctl-number.rst (6.1) */

struct pymm_ioc_version {
	__u32 abi_version;	/* out: PYMM_ABI_VERSION */
	__u32 op_max;		/* out: highest op code understood */
	__u32 op_size;		/* out: sizeof(struct pymm_op) */
	__u32 reserved;		/* out: 0 */
};

/*
 * One operation.  In: code, flags, arg[], data/data_len.  Out: error,
 * exc, ret[], data_len (bytes written, or needed when -ENOSPC... see
 * PYMM_OPF_OUT_TRUNC), out_flags.
 */
struct pymm_op {
	__u32 code;		/* PYMM_OP_* */
	__u32 flags;		/* PYMM_OPF_* (in) */
	__s32 error;		/* out: 0 or -errno */
	__u32 exc;		/* out: PYMM_EXC_* Python exception, 0 if none */
	__u64 arg[4];		/* in: handles, immediates */
	__u64 data;		/* in: user pointer to a buffer, or 0 */
	__u32 data_len;		/* in: buffer size; out: bytes used */
	__u32 out_flags;	/* out: PYMM_OUTF_* */
	__u64 ret[2];		/* out: handle, value, count ... */
};

struct pymm_batch {
	__u64 ops;		/* in: user pointer to struct pymm_op[count] */
	__u32 count;		/* in: 1..PYMM_BATCH_MAX */
	__u32 op_size;		/* in: sizeof(struct pymm_op) as the caller knows it */
	__u32 flags;		/* in: PYMM_BATCHF_* */
	__u32 done;		/* out: ops executed (results written back) */
};

#define PYMM_BATCHF_STOP_ON_ERROR	(1u << 0)
#define PYMM_BATCHF_ALL			PYMM_BATCHF_STOP_ON_ERROR

#define PYMM_IOC_VERSION	_IOR(PYMM_IOC_MAGIC, 0x00, struct pymm_ioc_version)
#define PYMM_IOC_OP		_IOWR(PYMM_IOC_MAGIC, 0x01, struct pymm_op)
#define PYMM_IOC_BATCH		_IOWR(PYMM_IOC_MAGIC, 0x02, struct pymm_batch)

/* op->flags (in) */
#define PYMM_OPF_LOCAL		(1u << 0)	/* names: the current frame */
/*
 * PYMM_OP_HEAP_ATTACH: an admin means to attach to a heap another uid owns
 * (without it: -EACCES), so that a heap squatted under a name the admin
 * expected to be its own never receives the admin's data silently.
 */
#define PYMM_OPF_OTHER_OWNER	(1u << 1)
#define PYMM_OPF_ALL		(PYMM_OPF_LOCAL | PYMM_OPF_OTHER_OWNER)

/* op->out_flags (out) */
#define PYMM_OUTF_OUTPUT	(1u << 0)	/* finalizer output is queued: PYMM_OP_READ_OUTPUT */
#define PYMM_OUTF_TRUNC		(1u << 1)	/* data did not fit; data_len = bytes needed */
/*
 * This op queued finalizers (__del__) or weakref callbacks for this client to
 * run: PYMM_OP_FIN_FETCH them, run each, PYMM_OP_FIN_DONE each (docs/abi.md,
 * "Finalizers").
 */
#define PYMM_OUTF_FINALIZERS	(1u << 2)
/* a finalizer of code another uid defined was not run for this client */
#define PYMM_OUTF_FIN_SKIPPED	(1u << 3)
/*
 * An automatic collection is due and gc.callbacks is not empty: this client
 * runs it (PYMM_OP_GC_DUE, the "start" callbacks, PYMM_OP_GC_COLLECT of that
 * generation, the "stop" callbacks; docs/gc.md, "gc.callbacks").
 */
#define PYMM_OUTF_GC_DUE	(1u << 4)

/*
 * Python exceptions an op can raise (op->exc); op->error carries the errno
 * that goes with it so that plain C callers need not look at exc.
 */
enum pymm_exc {
	PYMM_EXC_NONE = 0,
	PYMM_EXC_NAME_ERROR,		/* -ENOENT */
	PYMM_EXC_KEY_ERROR,		/* -ENOENT */
	PYMM_EXC_INDEX_ERROR,		/* -ERANGE */
	PYMM_EXC_ATTRIBUTE_ERROR,	/* -ENOENT */
	PYMM_EXC_TYPE_ERROR,		/* -EINVAL */
	PYMM_EXC_VALUE_ERROR,		/* -EINVAL */
	PYMM_EXC_OVERFLOW_ERROR,	/* -EOVERFLOW */
	PYMM_EXC_ZERO_DIVISION_ERROR,	/* -EDOM */
	PYMM_EXC_RECURSION_ERROR,	/* -ELOOP */
	PYMM_EXC_MEMORY_ERROR,		/* -ENOMEM, -EDQUOT, -ENOSPC */
	PYMM_EXC_MAX,
};

/*
 * The Python class of each exception code and its base class: the one
 * list of their names (pymmctl's messages, its interpreter's exception
 * hierarchy), as initializers of an array indexed by PYMM_EXC_* whose
 * element is a struct of two strings, name and base:
 *	static const struct { const char *name, *base; } t[PYMM_EXC_MAX] = {
 *		PYMM_EXC_CLASSES_INIT
 *	};
 * One line per code, in enum order.
 */
#define PYMM_EXC_CLASSES_INIT							\
	[PYMM_EXC_NAME_ERROR]		= { "NameError",	"Exception" },		\
	[PYMM_EXC_KEY_ERROR]		= { "KeyError",		"LookupError" },	\
	[PYMM_EXC_INDEX_ERROR]		= { "IndexError",	"LookupError" },	\
	[PYMM_EXC_ATTRIBUTE_ERROR]	= { "AttributeError",	"Exception" },		\
	[PYMM_EXC_TYPE_ERROR]		= { "TypeError",	"Exception" },		\
	[PYMM_EXC_VALUE_ERROR]		= { "ValueError",	"Exception" },		\
	[PYMM_EXC_OVERFLOW_ERROR]	= { "OverflowError",	"ArithmeticError" },	\
	[PYMM_EXC_ZERO_DIVISION_ERROR]	= { "ZeroDivisionError", "ArithmeticError" },	\
	[PYMM_EXC_RECURSION_ERROR]	= { "RecursionError",	"RuntimeError" },	\
	[PYMM_EXC_MEMORY_ERROR]		= { "MemoryError",	"Exception" },		\
	/* end of PYMM_EXC_CLASSES_INIT */

/* Object types (PYMM_OP_TYPE).  Values are ABI. */
enum pymm_type {
	PYMM_T_NONE = 1,
	PYMM_T_BOOL,
	PYMM_T_INT,
	PYMM_T_FLOAT,
	PYMM_T_STR,
	PYMM_T_BYTES,
	PYMM_T_TUPLE,
	PYMM_T_LIST,
	PYMM_T_DICT,
	PYMM_T_CLASS,
	PYMM_T_INSTANCE,
	PYMM_T_WEAKREF,
	PYMM_T_FUNCTION,
	PYMM_T_GETSET,		/* getset_descriptor: a class's __dict__/__weakref__ */
	PYMM_T_METHOD,		/* bound method: function + self */
	PYMM_T_CODE,		/* a function's code (PYMM_OP_NEW_CODE) */
	PYMM_T_CELL,		/* a closure variable (CPython's cell) */
	PYMM_T_ITER,		/* list/tuple/dict/str/bytes iterator */
	PYMM_T_GENERATOR,	/* a generator: its suspended frame's locals */
	PYMM_T_DESCR,		/* property / staticmethod / classmethod (PYMM_DESCR_*) */
	PYMM_T_SET,		/* set, or frozenset (PYMM_TYPEF_FROZEN) */
	PYMM_T_RANGE,		/* range, or range_iterator (PYMM_TYPEF_ITERATOR) */
	PYMM_T_DICTVIEW,	/* dict_keys / dict_values / dict_items: READ ret1 = PYMM_VIEW_* */
	PYMM_T_MAX,
};

/*
 * Each type code's name as /proc/pymm and pymmctl's reports print it: the
 * type's Python name (type(x).__name__), but "instance" for an instance of
 * a class (whose Python name is its class's).  The one list of them, as
 * initializers of an array indexed by PYMM_T_*:
 *	static const char *const names[PYMM_T_MAX] = { PYMM_TYPE_NAMES_INIT };
 * One line per type code, in enum order; a new code adds its line here.
 */
#define PYMM_TYPE_NAMES_INIT			\
	[PYMM_T_NONE] = "NoneType",		\
	[PYMM_T_BOOL] = "bool",			\
	[PYMM_T_INT] = "int",			\
	[PYMM_T_FLOAT] = "float",		\
	[PYMM_T_STR] = "str",			\
	[PYMM_T_BYTES] = "bytes",		\
	[PYMM_T_TUPLE] = "tuple",		\
	[PYMM_T_LIST] = "list",			\
	[PYMM_T_DICT] = "dict",			\
	[PYMM_T_CLASS] = "type",		\
	[PYMM_T_INSTANCE] = "instance",		\
	[PYMM_T_WEAKREF] = "weakref",		\
	[PYMM_T_FUNCTION] = "function",		\
	[PYMM_T_GETSET] = "getset_descriptor",	\
	[PYMM_T_METHOD] = "method",		\
	[PYMM_T_CODE] = "code",			\
	[PYMM_T_CELL] = "cell",			\
	[PYMM_T_ITER] = "iterator",		\
	[PYMM_T_GENERATOR] = "generator",	\
	[PYMM_T_DESCR] = "descriptor",		\
	[PYMM_T_SET] = "set",			\
	[PYMM_T_RANGE] = "range",		\
	[PYMM_T_DICTVIEW] = "dict_view",	\
	/* end of PYMM_TYPE_NAMES_INIT */

/* struct pymm_heap_stats.objects_by_type[]: room for types to come */
#define PYMM_T_SLOTS	32

/* PYMM_OP_TYPE ret[1]: what the object is, beyond its type */
#define PYMM_TYPEF_GC_TRACKED	(1u << 0)	/* a container the collector tracks */
#define PYMM_TYPEF_FINALIZED	(1u << 1)	/* its finalizer has run (PEP 442) */
#define PYMM_TYPEF_INTERNED	(1u << 2)	/* str in the heap's intern table */
#define PYMM_TYPEF_IMMORTAL	(1u << 3)	/* None/True/False, small int, () */
#define PYMM_TYPEF_HAS_FINALIZER	(1u << 4)	/* class with __del__, or its instance */
#define PYMM_TYPEF_FROZEN	(1u << 5)	/* a set that is a frozenset */
#define PYMM_TYPEF_ITERATOR	(1u << 6)	/* a range that is a range_iterator */

/* PYMM_OP_NEW_DESCR arg0: what kind of descriptor (one type code) */
#define PYMM_DESCR_PROPERTY	1
#define PYMM_DESCR_STATICMETHOD	2
#define PYMM_DESCR_CLASSMETHOD	3
#define PYMM_DESCR_MEMBER	4	/* a __slots__ name's member_descriptor (CLASS_NEW) */

/* iterator kinds: PYMM_OP_NEW_ITER ret1, PYMM_OP_NEW_ITER_OF arg0, READ ret0 */
#define PYMM_ITER_LIST		1	/* list_iterator */
#define PYMM_ITER_TUPLE		2	/* tuple_iterator */
#define PYMM_ITER_DICT_KEYS	3	/* dict_keyiterator */
#define PYMM_ITER_STR		4	/* str_ascii_iterator / str_iterator */
#define PYMM_ITER_BYTES		5	/* bytes_iterator */
#define PYMM_ITER_ENUMERATE	6	/* enumerate */
#define PYMM_ITER_ZIP		7	/* zip */
#define PYMM_ITER_MAP		8	/* map */
#define PYMM_ITER_FILTER	9	/* filter */
#define PYMM_ITER_LIST_REV	10	/* list_reverseiterator */
#define PYMM_ITER_REVERSED	11	/* reversed (of a tuple, str, bytes) */
#define PYMM_ITER_SET		12	/* set_iterator */
#define PYMM_ITER_RANGE		13	/* range_iterator: a PYMM_T_RANGE object */
#define PYMM_ITER_DICT_VALUES	14	/* dict_valueiterator */
#define PYMM_ITER_DICT_ITEMS	15	/* dict_itemiterator: a new (key, value) per step */

/* PYMM_OP_DESCR_GET arg1 */
#define PYMM_DESCR_F_GET	1	/* fget; staticmethod/classmethod: __func__ */
#define PYMM_DESCR_F_SET	2
#define PYMM_DESCR_F_DEL	3
#define PYMM_DESCR_F_DOC	4
#define PYMM_DESCR_F_NAME	5	/* the name __set_name__ gave a property */

/* GETATTR / LOAD_METHOD / SETATTR / DELATTR ret[1] */
#define PYMM_ATTR_UNBOUND	1	/* LOAD_METHOD: call ret0 with the object first */
#define PYMM_ATTR_PROPERTY	2	/* call ret0 (fget/fset/fdel) with the object */
#define PYMM_ATTR_NO_ACCESSOR	3	/* with -ENOENT: a property lacks that function */

/* PYMM_OP_CLASS_NEW ret[1] when it fails with a TypeError */
enum pymm_class_err {
	PYMM_CLASSERR_BASE = 1,		/* a base is not a class */
	PYMM_CLASSERR_DUPLICATE,	/* duplicate base class */
	PYMM_CLASSERR_MRO,		/* no consistent C3 linearization */
	PYMM_CLASSERR_SLOTS,		/* __slots__: not supported by pymm */
};

/* Binary operators (PYMM_OP_BINOP arg[2]) */
enum pymm_binop {
	PYMM_BIN_ADD = 1,
	PYMM_BIN_SUB,
	PYMM_BIN_MUL,
	PYMM_BIN_MAX,
};

/* Comparisons (PYMM_OP_COMPARE arg[2]); ret[0] is 0 or 1 */
enum pymm_cmp {
	PYMM_CMP_EQ = 1,
	PYMM_CMP_NE,
	PYMM_CMP_LT,
	PYMM_CMP_LE,
	PYMM_CMP_GT,
	PYMM_CMP_GE,
	PYMM_CMP_IS,
	PYMM_CMP_IS_NOT,
	PYMM_CMP_MAX,
};

/* PYMM_OP_NEW_SET arg[0] */
#define PYMM_SETF_FROZEN	(1u << 0)	/* a frozenset */

/* PYMM_OP_SET_ALGEBRA arg[2]: setobject.c's function of the same name */
enum pymm_setop {
	PYMM_SETOP_COPY = 1,		/* -> h (a frozenset: itself); other unused */
	PYMM_SETOP_UNION,		/* -> h */
	PYMM_SETOP_INTERSECTION,	/* -> h */
	PYMM_SETOP_DIFFERENCE,		/* -> h */
	PYMM_SETOP_SYMMETRIC_DIFFERENCE,	/* -> h */
	PYMM_SETOP_UPDATE,		/* in place (set only) */
	PYMM_SETOP_INTERSECTION_UPDATE,
	PYMM_SETOP_DIFFERENCE_UPDATE,
	PYMM_SETOP_SYMMETRIC_DIFFERENCE_UPDATE,
	PYMM_SETOP_ISSUBSET,		/* ret0 */
	PYMM_SETOP_ISSUPERSET,		/* ret0 */
	PYMM_SETOP_ISDISJOINT,		/* ret0 */
	PYMM_SETOP_LT,			/* ret0: other must be a set (set_richcompare) */
	PYMM_SETOP_GT,			/* ret0 */
	PYMM_SETOP_MAX,
};

/* PYMM_OP_NEW_DICTVIEW arg[1] */
enum pymm_view_kind {
	PYMM_VIEW_KEYS = 1,
	PYMM_VIEW_VALUES,
	PYMM_VIEW_ITEMS,
};

/* Singletons (PYMM_OP_CONST arg[0]) */
enum pymm_const {
	PYMM_CONST_NONE = 1,
	PYMM_CONST_FALSE,
	PYMM_CONST_TRUE,
	PYMM_CONST_OBJECT,	/* the heap's `object` (classes) */
	PYMM_CONST_MAX,
};

/* A function's fields (PYMM_OP_FUNC_GET / PYMM_OP_FUNC_SET arg[1]) */
enum pymm_func_field {
	PYMM_FUNC_DEFAULTS = 1,		/* __defaults__: tuple or None */
	PYMM_FUNC_KWDEFAULTS,		/* __kwdefaults__: dict or None */
	PYMM_FUNC_CLOSURE,		/* __closure__: tuple of cells or None; set once */
	PYMM_FUNC_MAX,
};

/*
 * Operation codes.  "h" = a handle (u64 argument), "-> h" = ret[0] is a new
 * handle the caller now owns.  data is described per op.  Values are ABI:
 * append only.
 */
enum pymm_op_code {
	PYMM_OP_NOP = 0,

	/* heaps: data = NUL-terminated name (< PYMM_HEAP_NAME_MAX) */
	PYMM_OP_HEAP_CREATE = 1,	/* arg0 = quota bytes (0: default) */
	PYMM_OP_HEAP_DESTROY,		/* fails -EBUSY while clients are attached */
	/* flags: PYMM_OPF_OTHER_OWNER (an admin, onto another uid's heap) */
	PYMM_OP_HEAP_ATTACH,		/* drops the handles and frames of the previous heap */
	PYMM_OP_HEAP_LIST,		/* data out: struct pymm_heap_info[]; ret0 = count */
	PYMM_OP_HEAP_SET_QUOTA,		/* arg0 = bytes; owner or admin */
	PYMM_OP_HEAP_STATS,		/* data out: struct pymm_heap_stats */
	PYMM_OP_ALLOC_STATS,		/* data out: struct pymm_alloc_stats +
					 * struct pymm_class_stats[32] */
	PYMM_OP_ARENA_INFO,		/* arg0 = index; data out: struct pymm_arena_info */
	PYMM_OP_FREELIST_STATS,		/* data out: struct pymm_freelist_stats */

	/* objects -> h */
	PYMM_OP_CONST = 16,		/* arg0 = PYMM_CONST_* */
	PYMM_OP_NEW_INT,		/* arg0 = value (s64) */
	PYMM_OP_NEW_FLOAT,		/* arg0 = IEEE-754 bits */
	PYMM_OP_NEW_STR,		/* data = UTF-8 bytes, data_len = length */
	PYMM_OP_NEW_BYTES,		/* data = bytes */
	PYMM_OP_NEW_TUPLE,		/* data = __u64 handles[], data_len = 8 * n */
	PYMM_OP_NEW_LIST,		/* data = __u64 handles[] */
	PYMM_OP_NEW_DICT,		/* data = __u64 {key, value}[] */
	PYMM_OP_NEW_CLASS,		/* data = "name\0finalizer-text" (finalizer optional) */
	PYMM_OP_NEW_INSTANCE,		/* arg0 = class h */
	PYMM_OP_NEW_WEAKREF,		/* arg0 = referent h */
	PYMM_OP_NEW_FUNCTION,		/* data = name; arg0 = caller's code token */

	/* handles */
	PYMM_OP_DUP = 32,		/* arg0 = h -> h */
	PYMM_OP_CLOSE,			/* arg0 = h: drops its reference */

	/* names: data = identifier; PYMM_OPF_LOCAL selects the current frame */
	PYMM_OP_NAME_BIND = 40,		/* arg0 = h */
	PYMM_OP_NAME_LOOKUP,		/* -> h (locals, then globals, unless LOCAL) */
	PYMM_OP_NAME_DEL,
	PYMM_OP_NAME_LIST,		/* data out: "name\0name\0..."; ret0 = count */

	/* frames */
	PYMM_OP_FRAME_PUSH = 48,	/* data = function name; ret0 = new depth */
	PYMM_OP_FRAME_POP,		/* drops the frame's locals; ret0 = depth */

	/* containers and attributes */
	PYMM_OP_GETITEM = 56,		/* arg0 = container, arg1 = key -> h */
	PYMM_OP_SETITEM,		/* arg0 = container, arg1 = key, arg2 = value */
	PYMM_OP_DELITEM,		/* arg0 = container, arg1 = key */
	PYMM_OP_APPEND,			/* arg0 = list, arg1 = value */
	PYMM_OP_POP,			/* arg0 = list, arg1 = index (s64, -1 last) -> h */
	PYMM_OP_LEN,			/* arg0 = h; ret0 = length */
	PYMM_OP_GETATTR,		/* arg0 = h, data = name -> h */
	PYMM_OP_SETATTR,		/* arg0 = h, arg1 = value, data = name */
	PYMM_OP_DELATTR,		/* arg0 = h, data = name */
	PYMM_OP_ITEMS,			/* arg0 = tuple/list/dict -> data out: __u64 h[]
					 * (dict: keys) ; ret0 = count; new handles */

	/* values */
	PYMM_OP_BINOP = 72,		/* arg0 = a, arg1 = b, arg2 = PYMM_BIN_* -> h */
	PYMM_OP_COMPARE,		/* arg0 = a, arg1 = b, arg2 = PYMM_CMP_*; ret0;
					 * ret1 = 1: an operand is an instance (its
					 * class may define the comparison) */
	PYMM_OP_TYPE,			/* arg0 = h; ret0 = PYMM_T_*; ret1 = flags */
	PYMM_OP_READ,			/* arg0 = h; int/bool: ret0; float: ret0 bits;
					 * str/bytes/class/function name: data out;
					 * function: ret0 = its code token;
					 * instance: data out = its class's name */
	PYMM_OP_ID,			/* arg0 = h; ret0 = opaque ID */
	PYMM_OP_REFCOUNT,		/* arg0 = h; ret0 = references (incl. the handle) */
	PYMM_OP_READ_OUTPUT,		/* data out: queued finalizer output */
	PYMM_OP_WEAKREF_GET,		/* arg0 = weakref -> h (None if dead) */
	PYMM_OP_HASH,			/* arg0 = h; ret0 = hash */

	/* collector (gc module) */
	PYMM_OP_GC_COLLECT = 96,	/* arg0 = generation (0..2); ret0 = unreachable */
	PYMM_OP_GC_ENABLE,
	PYMM_OP_GC_DISABLE,
	PYMM_OP_GC_ISENABLED,		/* ret0 */
	PYMM_OP_GC_GET_COUNT,		/* data out: __u64[3] */
	PYMM_OP_GC_GET_THRESHOLD,	/* data out: __u64[3] */
	PYMM_OP_GC_SET_THRESHOLD,	/* arg0..2 */
	PYMM_OP_GC_FREEZE,
	PYMM_OP_GC_UNFREEZE,
	PYMM_OP_GC_GET_FREEZE_COUNT,	/* ret0 */
	PYMM_OP_GC_GET_STATS,		/* data out: struct pymm_gc_gen_stats[3] */
	PYMM_OP_GC_IS_TRACKED,		/* arg0 = h; ret0 */
	PYMM_OP_GC_GET_OBJECTS,		/* arg0 = generation or -1 -> data out: h[] */
	PYMM_OP_GC_GET_REFERRERS,	/* arg0 = h -> data out: h[] */
	PYMM_OP_GC_GET_REFERENTS,	/* arg0 = h -> data out: h[] */
	PYMM_OP_GC_GARBAGE,		/* -> data out: h[] */
	PYMM_OP_GC_SET_DEBUG,		/* arg0 = PYMM_GC_DEBUG_* */
	PYMM_OP_GC_GET_DEBUG,		/* ret0 */
	PYMM_OP_GC_IS_FINALIZED,	/* arg0 = h; ret0 */

	/* whole-heap */
	PYMM_OP_HEAP_VERIFY = 128,	/* 0 or -EUCLEAN */

	/* classes (docs/objects.md, "Classes") */
	PYMM_OP_CLASS_NEW = 136,	/* data = "name\0finalizer-text" (text optional);
					 * arg0 = namespace dict h (0: empty), arg1 =
					 * bases tuple h (0: none) -> h; ret1 on a
					 * TypeError: PYMM_CLASSERR_* */
	PYMM_OP_LOAD_METHOD,		/* arg0 = h, arg1 = class h to start after in
					 * type(h).__mro__ (0: none; super()), data =
					 * name -> h; ret1 = 1: a function to call with
					 * h as its first argument (no bound method) */
	PYMM_OP_NEW_METHOD,		/* arg0 = function h, arg1 = self h -> h */
	PYMM_OP_FRAME_LOCALS,		/* -> h: the current frame's locals dict */

	/* code objects, finalizers and weakref callbacks (docs/abi.md, "Finalizers") */
	PYMM_OP_NEW_CODE = 144,		/* data = struct pymm_code_info + bytes -> h */
	/* arg0 = code or function h -> data out: the record; ret0 = owner uid */
	PYMM_OP_CODE_READ,
	PYMM_OP_MAKE_FUNCTION,		/* arg0 = code h -> function h */
	/* data out: struct pymm_fin_item[]; ret0 = items; ret1 = more in the group */
	PYMM_OP_FIN_FETCH,
	/* arg0 = the item's obj h (closed); ret0 = 1: it completed a collection,
	 * ret1 = that collection's result
	 */
	PYMM_OP_FIN_DONE,
	PYMM_OP_NEW_WEAKREF_CB,		/* arg0 = referent h, arg1 = callback h -> h */

	/*
	 * iteration (lang).  NEW_ITER: arg0 = list/tuple/dict/str/bytes -> h,
	 * ret1 = kind (1 list, 2 tuple, 3 dict keys, 4 str, 5 bytes, 6 set,
	 * 7 range: a range_iterator, PYMM_T_RANGE; iter() of one is itself).
	 * ITER_NEXT: arg0 = iterator -> ret0 = h and ret1 = 1; at the end
	 * ret1 = 0 and the iterator drops its sequence; -EBUSY: the dict it
	 * iterates changed size.
	 */
	PYMM_OP_NEW_ITER = 152,
	PYMM_OP_ITER_NEXT,

	/* functions: cells, defaults, closures */
	PYMM_OP_NEW_CELL = 160,		/* arg0 = contents h (0: empty) -> h */
	PYMM_OP_CELL_GET,		/* arg0 = cell -> h; empty: -ENOENT (ValueError) */
	PYMM_OP_CELL_SET,		/* arg0 = cell, arg1 = contents h (0: empty it) */
	PYMM_OP_FUNC_GET,		/* arg0 = function, arg1 = PYMM_FUNC_* -> h (None: unset) */
	PYMM_OP_FUNC_SET,		/* arg0 = function, arg1 = PYMM_FUNC_*, arg2 = h (0: unset) */
	PYMM_OP_SIZEOF,			/* arg0 = h; ret0 = bytes of its blocks (sys.getsizeof) */

	/* collector objects (docs/gc.md, "gc.garbage") */
	PYMM_OP_GC_GARBAGE_LIST = 168,	/* -> h: the gc.garbage list itself */
	PYMM_OP_GC_CALLBACKS_LIST,	/* -> h: the gc.callbacks list itself */
	/* ret0 = the generation of the automatic collection handed to this
	 * client (PYMM_OUTF_GC_DUE), ret1 = 1 while it is still due */
	PYMM_OP_GC_DUE,

	/* generators (docs/objects.md, "Generators") */
	PYMM_OP_GEN_NEW = 176,		/* arg0 = function h, arg1 = caller's token: the top
					 * frame moves into a new generator -> h */
	PYMM_OP_GEN_RESUME,		/* arg0 = generator: its frame pushed; ret0 = depth */
	PYMM_OP_GEN_SUSPEND,		/* arg0 = generator: its frame (the top) popped back */
	PYMM_OP_GEN_FINISH,		/* arg0 = generator: its frame cleared (popped if
					 * running); it is exhausted for ever */

	/*
	 * sets (docs/objects.md, "Sets"): CPython 3.11's setobject.c table.
	 * An "other" operand is a set, frozenset, dict (its keys), list or
	 * tuple.  Mutating a frozenset is -EINVAL (TypeError); an unhashable
	 * item is -EINVAL (TypeError), as set_add_key.
	 */
	PYMM_OP_NEW_SET = 184,		/* arg0 = PYMM_SETF_*, arg1 = other h (0: none),
					 * data = __u64 handles[] added after it -> h */
	PYMM_OP_SET_ADD,		/* arg0 = set, arg1 = item */
	PYMM_OP_SET_DISCARD,		/* arg0 = set, arg1 = item; ret0 = 1: was there */
	PYMM_OP_SET_CONTAINS,		/* arg0 = set, arg1 = item; ret0 */
	PYMM_OP_SET_POP,		/* arg0 = set -> h; empty: -ENOENT (KeyError) */
	PYMM_OP_SET_CLEAR,		/* arg0 = set */
	PYMM_OP_SET_ALGEBRA,		/* arg0 = set, arg1 = other, arg2 = PYMM_SETOP_*
					 * -> h (a new set), or ret0 (a test), or
					 * nothing (an update in place) */
	/*
	 * range(start, stop, step) -> h (s64 each; step 0: -EINVAL, ValueError).
	 * LEN, GETITEM (an int index), NEW_ITER (a range_iterator), HASH and
	 * == work on it; READ gives ret0 = length and data = __s64 {start,
	 * stop, step} (a range_iterator: {next, -, step}, ret0 = items left).
	 */
	PYMM_OP_NEW_RANGE,
	/*
	 * d.keys() / values() / items(): arg0 = dict, arg1 = PYMM_VIEW_* -> h,
	 * a GC object holding the dict.  LEN, NEW_ITER (the dict's key, value
	 * or item iterator, kind PYMM_ITER_DICT_KEYS, _VALUES or _ITEMS), READ (ret1 = the kind).  arg0 =
	 * a view and arg1 = 0: -> the dict it views (view.mapping's dict).
	 */
	PYMM_OP_NEW_DICTVIEW,

	/*
	 * descriptors (docs/objects.md, "Descriptors").  NEW_DESCR: arg0 =
	 * PYMM_DESCR_*, arg1 = fget / the function, arg2 = fset, arg3 = fdel
	 * (0: none; property only) -> h.  DESCR_GET: arg0 = descriptor, arg1 =
	 * PYMM_DESCR_F_* -> h (None when unset); ret1 = its kind.
	 * GETATTR and LOAD_METHOD answer ret1 = PYMM_ATTR_PROPERTY when the
	 * attribute is a property's: ret0 is its fget, which the client calls
	 * with the object.  SETATTR and DELATTR answer the same with fset /
	 * fdel (ret0 a new handle; the client calls it with the object and, to
	 * set, the value).  A property without the function fails -ENOENT
	 * (AttributeError) with ret1 = PYMM_ATTR_NO_ACCESSOR.
	 */
	PYMM_OP_NEW_DESCR = 200,
	PYMM_OP_DESCR_GET,
	/*
	 * iterator objects of builtins (docs/objects.md, "Iterators").
	 * NEW_ITER_OF: arg0 = PYMM_ITER_ENUMERATE.. , arg1 = an iterator
	 * (enumerate, filter), a tuple of iterators (zip, map) or a sequence
	 * (reversed), arg2 = the function (map; filter, 0: None), arg3 =
	 * enumerate's start (s64) -> h.  ITER_NEXT steps a reversed iterator;
	 * for enumerate/zip/map/filter it fails -EOPNOTSUPP: the client steps
	 * them.  ITER_PART: arg0 = iterator, arg1 = 0 (its iterator or tuple
	 * of iterators) or 1 (its function) -> h (None if unset); ret1 = its
	 * kind.  ITER_RESULT: arg0 = enumerate or zip, data = __u64 handles of
	 * the next items (1 for enumerate, one per iterator for zip) -> h: the
	 * (index, item) / items tuple, the iterator's own reused when it holds
	 * it alone (enum_next, zip_next).
	 */
	PYMM_OP_NEW_ITER_OF,
	PYMM_OP_ITER_PART,
	PYMM_OP_ITER_RESULT,

	/*
	 * whole-sequence ops (list_sort.c).  LIST_SORT: arg0 = list, arg1 =
	 * a list of its keys (0: the items), arg2 = 1 for reverse; stable;
	 * -EOPNOTSUPP: a key the core cannot order by itself (the client
	 * sorts); the list is unchanged on any error.  LIST_FROM: arg0 =
	 * list or tuple -> a new list of its items (list(seq), seq.copy()).
	 * TUPLE_FROM: arg0 = list or tuple -> a tuple of its items (tuple(seq):
	 * a tuple is itself, as tuple(t) is t).
	 */
	PYMM_OP_LIST_SORT = 232,
	PYMM_OP_LIST_FROM,
	PYMM_OP_TUPLE_FROM,

	/*
	 * keys whose class defines __hash__ / __eq__ (docs/objects.md, "User
	 * hashes").  The core never runs user code: an op that would need a
	 * key's __hash__, or an == it cannot decide (an instance whose class
	 * defines __eq__, against another object of the same hash), fails
	 * -ENOKEY and changes nothing.  The client then asks KEY_PEERS: arg0 =
	 * dict, set or frozenset, arg1 = key, arg2 = the key's hash when arg3
	 * = 1 (what its __hash__ returned; -ENOKEY without it if it needs one)
	 * -> data out: __u64 handles of the stored keys of that hash other
	 * than key itself, in probe order; ret0 = count, ret1 = the hash used.
	 * It calls == on each, then KEY_HASH: arg0 = the key to use (key, or
	 * the stored key found equal), arg1 = its hash (any s64; -1 is taken
	 * as -2, as CPython; a key the core hashes itself must give that very
	 * hash) -> the next op this client runs, and only it, hashes that
	 * object with arg1 and takes an == against it that needs __eq__ as
	 * decided: not equal unless identical.
	 */
	PYMM_OP_KEY_HASH = 240,
	PYMM_OP_KEY_PEERS,

	PYMM_OP_MAX_PLUS_ONE
};

#define PYMM_OP_MAX	(PYMM_OP_MAX_PLUS_ONE - 1)

/*
 * PYMM_OP_NEW_CODE / PYMM_OP_CODE_READ: the record, then name_len bytes of
 * name, filename_len of file name, args_len of argument names (each
 * NUL-terminated, nargs of them) and source_len of source: the text of the
 * def statement, dedented, which any client can parse and run.  owner_uid
 * is the uid of the client that made the code (0 in, filled out).
 */
struct pymm_code_info {
	__u32 firstlineno;
	__u32 nargs;
	__u32 name_len;
	__u32 filename_len;
	__u32 args_len;
	__u32 source_len;
	__u32 owner_uid;
	__u32 reserved;		/* 0 */
};

#define PYMM_CODE_SOURCE_MAX	(256u << 10)

/* PYMM_OP_FIN_FETCH: one piece of work; both handles are new */
struct pymm_fin_item {
	__u64 obj;		/* the instance (kind DEL) or the weakref (CALLBACK) */
	__u64 func;		/* __del__, or the callback */
	__u32 kind;		/* PYMM_FIN_* */
	__u32 reserved;
};

#define PYMM_FIN_DEL		1	/* call func(obj): obj.__del__() */
#define PYMM_FIN_CALLBACK	2	/* call func(obj): a weakref's callback */
#define PYMM_FIN_GEN_CLOSE	3	/* obj.close(): a generator whose maker's token is
					 * set (func: its function); its maker resumes it */

/* gc debug flags, as CPython's gc module */
#define PYMM_GC_DEBUG_STATS		(1u << 0)
#define PYMM_GC_DEBUG_COLLECTABLE	(1u << 1)
#define PYMM_GC_DEBUG_UNCOLLECTABLE	(1u << 2)
#define PYMM_GC_DEBUG_SAVEALL		(1u << 5)
#define PYMM_GC_DEBUG_LEAK		(PYMM_GC_DEBUG_COLLECTABLE | \
					 PYMM_GC_DEBUG_UNCOLLECTABLE | PYMM_GC_DEBUG_SAVEALL)
/*
 * The default recursion limit: the max_frame_depth module parameter's
 * default (frames per client), CPython's sys.getrecursionlimit().
 */
#define PYMM_RECURSION_LIMIT		1000

/* every flag PYMM_OP_GC_SET_DEBUG and the gc_debug parameter accept */
#define PYMM_GC_DEBUG_ALL		(PYMM_GC_DEBUG_STATS | PYMM_GC_DEBUG_LEAK)

/* ------------------------------------------------------------- records */

struct pymm_heap_info {
	char name[PYMM_HEAP_NAME_MAX];
	__u32 owner_uid;
	__u32 clients;		/* attached clients */
	__u64 quota;		/* bytes, 0 = module default */
	__u64 bytes_held;	/* arenas + large blocks taken from the kernel */
	__u64 objects;		/* live objects */
};

/*
 * Allocator snapshot, as sys._debugmallocstats(): the byte budget sums
 * exactly: bytes_in_use + bytes_free_blocks + bytes_unused_pools +
 * bytes_pool_headers + bytes_quantization + bytes_arena_alignment ==
 * arenas_current * arena_size.
 */
struct pymm_alloc_stats {
	__u32 arena_size;
	__u32 pool_size;
	__u32 size_classes;
	__u32 small_threshold;
	__u64 arenas_allocated;		/* total ever */
	__u64 arenas_reclaimed;		/* returned to the kernel */
	__u64 arenas_highwater;
	__u64 arenas_current;
	__u64 bytes_in_use;		/* allocated small blocks (class size) */
	__u64 bytes_free_blocks;	/* free blocks in used pools */
	__u64 bytes_unused_pools;	/* empty pools * pool_size */
	__u64 bytes_pool_headers;
	__u64 bytes_quantization;	/* pool tail too small for a block */
	__u64 bytes_arena_alignment;
	__u64 large_blocks;		/* > small_threshold, from the raw allocator */
	__u64 large_bytes;
	__u64 blocks_allocated;		/* small, live */
	__u64 mallocs;			/* calls, total */
	__u64 frees;
	__u64 quota;			/* 0 = none */
	__u64 bytes_held;		/* charged to the quota */
	__u64 quota_refusals;		/* -EDQUOT and -ENOSPC refusals */
	/*
	 * Added by the allocator: bytes_held == arenas_current * arena_size +
	 * large_bytes + bytes_metadata.
	 */
	__u64 bytes_metadata;		/* arena table + large-block headers */
	__u64 bad_frees;		/* frees refused: size/class mismatch */
	/* debug_alloc: guard, poison and double-free findings; blocks kept */
	__u64 debug_reports;
	__u64 debug_quarantined;
};

struct pymm_class_stats {
	__u32 index;
	__u32 block_size;
	__u64 pools;
	__u64 blocks_in_use;
	__u64 blocks_free;	/* available in this class's pools */
};

struct pymm_arena_info {
	__u32 serial;		/* the arena part of object IDs */
	__u32 pools_total;
	__u32 pools_free;	/* empty pools */
	__u32 reserved;
	__u8 pool_class[64];	/* size class of pool i, or PYMM_POOL_CLASS_* */
	__u16 pool_used[64];	/* blocks in use in pool i */
};

/* pool_class[] of a pool with no class */
#define PYMM_POOL_CLASS_EMPTY		0xff	/* empty or virgin */
#define PYMM_POOL_CLASS_UNUSABLE	0xfe	/* lost to alignment, or past the arena */

struct pymm_heap_stats {
	__u64 objects;
	__u64 objects_by_type[PYMM_T_SLOTS];	/* indexed by PYMM_T_* */
	__u64 names_global;
	__u64 frames;			/* all clients */
	__u64 handles;			/* all clients */
	__u64 bytes_held;
	__u64 quota;
};

struct pymm_gc_gen_stats {
	__u64 collections;
	__u64 collected;
	__u64 uncollectable;
	__u64 count;		/* current objects or collections counter */
	__u64 threshold;
	__u64 objects;		/* tracked objects in this generation */
	__u64 pause_last_ns;
	__u64 pause_max_ns;
	__u64 pause_total_ns;
};

/*
 * The object-specific allocators (CPython 3.11's free lists), as the end of
 * sys._debugmallocstats() lists them: "N free PyFloatObjects * S bytes
 * each".  lists[] is indexed by PYMM_FL_*; block_size is pymm's block (GC
 * header included), not CPython's sizeof.  Values are ABI: append only.
 */
#define PYMM_FREELIST_TUPLE_SIZES	20

enum pymm_freelist_kind {
	PYMM_FL_DICT,			/* "free PyDictObject" */
	PYMM_FL_DICT_KEYS,		/* 8-slot keys tables (3.11 keeps, never prints) */
	PYMM_FL_FLOAT,			/* "free PyFloatObject" */
	PYMM_FL_LIST,			/* "free PyListObject" */
	PYMM_FL_TUPLE,			/* + n - 1: "free n-sized PyTupleObject", n = 1..20 */
	PYMM_FL_MAX = PYMM_FL_TUPLE + PYMM_FREELIST_TUPLE_SIZES
};

struct pymm_freelist_info {
	__u32 max;			/* the list's capacity (3.11's MAXFREELIST) */
	__u32 block_size;		/* bytes of each block */
	__u64 count;			/* blocks kept now */
};

struct pymm_freelist_stats {
	__u32 nlists;			/* PYMM_FL_MAX */
	__u32 reserved;
	__u64 bytes;			/* kept by all lists: charged to the quota */
	__u64 reuses;			/* allocations a list served */
	__u64 saves;			/* frees a list kept */
	__u64 cleared;			/* blocks freed by full collections */
	__u64 shrunk;			/* blocks freed under memory pressure */
	struct pymm_freelist_info lists[PYMM_FL_MAX];
};

/* ------------------------------------------------------- generic netlink */

/*
 * Family PYMM_GENL_NAME, version PYMM_GENL_VERSION (checked: other versions
 * get -EOPNOTSUPP).  Described in docs/netlink/pymm.yaml, which
 * tests/spec/check_spec.py keeps in step with the enums below.  Values are
 * ABI: append only.
 *
 * PYMM_CMD_OP runs one struct pymm_op on the socket's own session (one
 * session per netlink socket, like one open file of /dev/pymm: it holds the
 * handles and frames, and ends when the socket is closed).  The typed
 * commands act on a heap by name (PYMM_A_HEAP_NAME, default PYMM_DEFAULT_HEAP)
 * through a short-lived session of their own, so they never move the
 * socket's session to another heap.  One attribute carries at most 64 KiB:
 * data of an op over netlink is capped at PYMM_GENL_DATA_MAX (larger
 * outputs come back with PYMM_OUTF_TRUNC; use the device for those).
 */
#define PYMM_GENL_MCGRP_EVENTS	"events"	/* CAP_SYS_ADMIN to join */
#define PYMM_GENL_DATA_MAX	65280u

enum pymm_genl_cmd {
	PYMM_CMD_UNSPEC,
	PYMM_CMD_OP,			/* do: op attrs -> op attrs */
	PYMM_CMD_HEAP_NEW,		/* do: heap name [, quota] */
	PYMM_CMD_HEAP_DEL,		/* do: heap name */
	PYMM_CMD_HEAP_GET,		/* do: heap name -> heap; dump: every visible heap */
	PYMM_CMD_ALLOC_STATS_GET,	/* do: [heap name] -> alloc nest + class, freelist nests */
	PYMM_CMD_ARENA_GET,		/* dump: [heap name] -> one arena per message */
	PYMM_CMD_GC_COLLECT,		/* do: [heap name, generation] -> unreachable */
	PYMM_CMD_GC_STATS_GET,		/* do: [heap name] -> gc-gen nests */
	PYMM_CMD_EVENT,			/* notification on PYMM_GENL_MCGRP_EVENTS */

	__PYMM_CMD_MAX,
	PYMM_CMD_MAX = __PYMM_CMD_MAX - 1
};

/* PYMM_CMD_OP: the fields of struct pymm_op as attributes */
enum pymm_op_attr {
	PYMM_A_OP_UNSPEC,
	PYMM_A_OP_PAD,
	PYMM_A_OP_CODE,			/* u32, required */
	PYMM_A_OP_FLAGS,		/* u32, PYMM_OPF_* */
	PYMM_A_OP_ARG0,			/* u64 */
	PYMM_A_OP_ARG1,			/* u64 */
	PYMM_A_OP_ARG2,			/* u64 */
	PYMM_A_OP_ARG3,			/* u64 */
	PYMM_A_OP_DATA,			/* binary: in (request) or out (reply) */
	PYMM_A_OP_DATA_CAP,		/* u32: room for output, <= PYMM_GENL_DATA_MAX */
	PYMM_A_OP_ERROR,		/* s32 (reply): 0 or -errno */
	PYMM_A_OP_EXC,			/* u32 (reply): PYMM_EXC_* */
	PYMM_A_OP_RET0,			/* u64 (reply) */
	PYMM_A_OP_RET1,			/* u64 (reply) */
	PYMM_A_OP_OUT_FLAGS,		/* u32 (reply): PYMM_OUTF_* */
	PYMM_A_OP_DATA_LEN,		/* u32 (reply): op->data_len out */

	__PYMM_A_OP_MAX,
	PYMM_A_OP_MAX = __PYMM_A_OP_MAX - 1
};

/* typed commands: a heap, and nests for its statistics */
enum pymm_heap_attr {
	PYMM_A_HEAP_UNSPEC,
	PYMM_A_HEAP_PAD,
	PYMM_A_HEAP_NAME,		/* string, < PYMM_HEAP_NAME_MAX */
	PYMM_A_HEAP_OWNER_UID,		/* u32 */
	PYMM_A_HEAP_CLIENTS,		/* u32 */
	PYMM_A_HEAP_QUOTA,		/* u64 bytes, 0 = module default */
	PYMM_A_HEAP_BYTES_HELD,		/* u64 */
	PYMM_A_HEAP_OBJECTS,		/* u64 */
	PYMM_A_HEAP_GENERATION,		/* u32, 0..2 (GC_COLLECT; default 2) */
	PYMM_A_HEAP_UNREACHABLE,	/* u64 (GC_COLLECT reply) */
	PYMM_A_HEAP_ALLOC,		/* nest: pymm_alloc_attr */
	PYMM_A_HEAP_CLASS,		/* nest, multi: pymm_class_attr */
	PYMM_A_HEAP_GC_GEN,		/* nest, multi (3): pymm_gc_gen_attr */
	PYMM_A_HEAP_ARENA,		/* nest: pymm_arena_attr */
	PYMM_A_HEAP_FREELIST,		/* nest, multi (PYMM_FL_MAX): pymm_freelist_attr */

	__PYMM_A_HEAP_MAX,
	PYMM_A_HEAP_MAX = __PYMM_A_HEAP_MAX - 1
};

/* struct pymm_alloc_stats, field by field */
enum pymm_alloc_attr {
	PYMM_A_ALLOC_UNSPEC,
	PYMM_A_ALLOC_PAD,
	PYMM_A_ALLOC_ARENA_SIZE,	/* u32 */
	PYMM_A_ALLOC_POOL_SIZE,		/* u32 */
	PYMM_A_ALLOC_SIZE_CLASSES,	/* u32 */
	PYMM_A_ALLOC_SMALL_THRESHOLD,	/* u32 */
	PYMM_A_ALLOC_ARENAS_ALLOCATED,	/* u64, and u64 from here on */
	PYMM_A_ALLOC_ARENAS_RECLAIMED,
	PYMM_A_ALLOC_ARENAS_HIGHWATER,
	PYMM_A_ALLOC_ARENAS_CURRENT,
	PYMM_A_ALLOC_BYTES_IN_USE,
	PYMM_A_ALLOC_BYTES_FREE_BLOCKS,
	PYMM_A_ALLOC_BYTES_UNUSED_POOLS,
	PYMM_A_ALLOC_BYTES_POOL_HEADERS,
	PYMM_A_ALLOC_BYTES_QUANTIZATION,
	PYMM_A_ALLOC_BYTES_ARENA_ALIGNMENT,
	PYMM_A_ALLOC_LARGE_BLOCKS,
	PYMM_A_ALLOC_LARGE_BYTES,
	PYMM_A_ALLOC_BLOCKS_ALLOCATED,
	PYMM_A_ALLOC_MALLOCS,
	PYMM_A_ALLOC_FREES,
	PYMM_A_ALLOC_QUOTA,
	PYMM_A_ALLOC_BYTES_HELD,
	PYMM_A_ALLOC_QUOTA_REFUSALS,
	PYMM_A_ALLOC_BYTES_METADATA,
	PYMM_A_ALLOC_BAD_FREES,
	/* struct pymm_freelist_stats's totals (PYMM_OP_FREELIST_STATS) */
	PYMM_A_ALLOC_FREELIST_BYTES,
	PYMM_A_ALLOC_FREELIST_REUSES,
	PYMM_A_ALLOC_FREELIST_SAVES,
	PYMM_A_ALLOC_FREELIST_CLEARED,
	PYMM_A_ALLOC_FREELIST_SHRUNK,

	__PYMM_A_ALLOC_MAX,
	PYMM_A_ALLOC_MAX = __PYMM_A_ALLOC_MAX - 1
};

/* struct pymm_class_stats */
enum pymm_class_attr {
	PYMM_A_CLASS_UNSPEC,
	PYMM_A_CLASS_PAD,
	PYMM_A_CLASS_INDEX,		/* u32 */
	PYMM_A_CLASS_BLOCK_SIZE,	/* u32 */
	PYMM_A_CLASS_POOLS,		/* u64 */
	PYMM_A_CLASS_BLOCKS_IN_USE,	/* u64 */
	PYMM_A_CLASS_BLOCKS_FREE,	/* u64 */

	__PYMM_A_CLASS_MAX,
	PYMM_A_CLASS_MAX = __PYMM_A_CLASS_MAX - 1
};

/* one free list: struct pymm_freelist_info, and which list (PYMM_FL_*) */
enum pymm_freelist_attr {
	PYMM_A_FREELIST_UNSPEC,
	PYMM_A_FREELIST_PAD,
	PYMM_A_FREELIST_KIND,		/* u32: PYMM_FL_* */
	PYMM_A_FREELIST_MAX_COUNT,	/* u32 */
	PYMM_A_FREELIST_BLOCK_SIZE,	/* u32 */
	PYMM_A_FREELIST_COUNT,		/* u64 */

	__PYMM_A_FREELIST_MAX,
	PYMM_A_FREELIST_MAX = __PYMM_A_FREELIST_MAX - 1
};

/* struct pymm_gc_gen_stats, plus which generation */
enum pymm_gc_gen_attr {
	PYMM_A_GC_UNSPEC,
	PYMM_A_GC_PAD,
	PYMM_A_GC_GENERATION,		/* u32 */
	PYMM_A_GC_COLLECTIONS,		/* u64, and u64 from here on */
	PYMM_A_GC_COLLECTED,
	PYMM_A_GC_UNCOLLECTABLE,
	PYMM_A_GC_COUNT,
	PYMM_A_GC_THRESHOLD,
	PYMM_A_GC_OBJECTS,
	PYMM_A_GC_PAUSE_LAST_NS,
	PYMM_A_GC_PAUSE_MAX_NS,
	PYMM_A_GC_PAUSE_TOTAL_NS,

	__PYMM_A_GC_MAX,
	PYMM_A_GC_MAX = __PYMM_A_GC_MAX - 1
};

/* struct pymm_arena_info; pools as nests, one per pool */
enum pymm_arena_attr {
	PYMM_A_ARENA_UNSPEC,
	PYMM_A_ARENA_INDEX,		/* u32: position in the dump */
	PYMM_A_ARENA_SERIAL,		/* u32 */
	PYMM_A_ARENA_POOLS_TOTAL,	/* u32 */
	PYMM_A_ARENA_POOLS_FREE,	/* u32 */
	PYMM_A_ARENA_POOL,		/* nest, multi: pymm_pool_attr */

	__PYMM_A_ARENA_MAX,
	PYMM_A_ARENA_MAX = __PYMM_A_ARENA_MAX - 1
};

enum pymm_pool_attr {
	PYMM_A_POOL_UNSPEC,
	PYMM_A_POOL_INDEX,		/* u32 */
	PYMM_A_POOL_CLASS,		/* u32: size class, or PYMM_POOL_CLASS_* */
	PYMM_A_POOL_USED,		/* u32: blocks in use */

	__PYMM_A_POOL_MAX,
	PYMM_A_POOL_MAX = __PYMM_A_POOL_MAX - 1
};

/* Event kinds (PYMM_A_EV_KIND), and which attributes each carries */
enum pymm_event_kind {
	PYMM_EV_UNSPEC,
	PYMM_EV_HEAP_CREATE,	/* heap, uid (owner), quota */
	PYMM_EV_HEAP_DESTROY,	/* heap, uid (owner) */
	PYMM_EV_GC_COLLECT,	/* heap, generation, collected, uncollectable, pause-ns */
	PYMM_EV_FINALIZE,	/* heap, count: finalizers run by one collection or dealloc */
	PYMM_EV_WEAKREF_CLEAR,	/* heap, count: weak references cleared */
	PYMM_EV_QUOTA_REFUSAL,	/* heap, bytes (asked), held, quota */
	PYMM_EV_GC_START,	/* heap, generation: a collection begins */

	__PYMM_EV_MAX,
	PYMM_EV_MAX = __PYMM_EV_MAX - 1
};

enum pymm_event_attr {
	PYMM_A_EV_UNSPEC,
	PYMM_A_EV_PAD,
	PYMM_A_EV_KIND,			/* u32: PYMM_EV_* */
	PYMM_A_EV_HEAP,			/* string */
	PYMM_A_EV_UID,			/* u32 */
	PYMM_A_EV_QUOTA,		/* u64 */
	PYMM_A_EV_GENERATION,		/* u32 */
	PYMM_A_EV_COLLECTED,		/* u64 */
	PYMM_A_EV_UNCOLLECTABLE,	/* u64 */
	PYMM_A_EV_PAUSE_NS,		/* u64 */
	PYMM_A_EV_COUNT,		/* u64 */
	PYMM_A_EV_BYTES,		/* u64 */
	PYMM_A_EV_HELD,			/* u64 */
	PYMM_A_EV_TIME_NS,		/* u64: ktime_get_ns() when emitted */

	__PYMM_A_EV_MAX,
	PYMM_A_EV_MAX = __PYMM_A_EV_MAX - 1
};

#endif /* _UAPI_LINUX_PYMM_H */
