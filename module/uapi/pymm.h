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
 * reference its handles hold.  Its top byte is the PYMM_T_* code of the object
 * it holds (PYMM_HANDLE_TYPE()), which never changes in the object's life, so
 * a caller knows a value's type without asking (PYMM_OP_TYPE).  Object IDs (PYMM_OP_ID) are opaque 64-bit values
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

#define PYMM_ABI_VERSION	7
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
	PYMM_T_OBJECT,		/* object(): no fields, no GC header; type() is `object` */
	PYMM_T_TRACEBACK,	/* a traceback entry: tb_next, tb_frame, tb_lineno, tb_lasti */
	PYMM_T_FRAME,		/* a frame object, made when one is asked for (PYMM_OP_FRAME_OBJECT) */
	PYMM_T_BYTEARRAY,	/* bytearray: mutable bytes, not a GC object */
	PYMM_T_BUILTIN = 28,	/* builtin_function_or_method / method_descriptor (PYMM_BUILTIN_*) */
	/* weakref.proxy(x): weakproxy, or weakcallableproxy (WEAKREF_CALLBACK) */
	PYMM_T_WEAKPROXY = 29,
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
	[PYMM_T_OBJECT] = "object",		\
	[PYMM_T_TRACEBACK] = "traceback",	\
	[PYMM_T_FRAME] = "frame",		\
	[PYMM_T_BYTEARRAY] = "bytearray",	\
	[PYMM_T_BUILTIN] = "builtin_function_or_method",	\
	[PYMM_T_WEAKPROXY] = "weakproxy",	\
	/* end of PYMM_TYPE_NAMES_INIT */

/* struct pymm_heap_stats.objects_by_type[]: room for types to come */
#define PYMM_T_SLOTS	32

/*
 * A handle is (type << 56) | (generation << 32) | (slot + 1): the type code
 * of its object, a 24-bit generation bumped when the slot is closed (a stale
 * handle gives -EBADF) and the slot.  Zero is never a handle.
 */
#define PYMM_HANDLE_TYPE(h)	((__u32)((__u64)(h) >> 56))

/* PYMM_OP_TYPE ret[1]: what the object is, beyond its type */
#define PYMM_TYPEF_GC_TRACKED	(1u << 0)	/* a container the collector tracks */
#define PYMM_TYPEF_FINALIZED	(1u << 1)	/* its finalizer has run (PEP 442) */
#define PYMM_TYPEF_INTERNED	(1u << 2)	/* str in the heap's intern table */
#define PYMM_TYPEF_IMMORTAL	(1u << 3)	/* None/True/False, small int, () */
#define PYMM_TYPEF_HAS_FINALIZER	(1u << 4)	/* class with __del__, or its instance */
#define PYMM_TYPEF_FROZEN	(1u << 5)	/* a set that is a frozenset */
#define PYMM_TYPEF_ITERATOR	(1u << 6)	/* a range that is a range_iterator */
#define PYMM_TYPEF_SUBCLASS	(1u << 7)	/* a list/dict that is an instance of a class */

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
#define PYMM_ITER_BYTEARRAY	16	/* bytearray_iterator */
#define PYMM_ITER_CALLABLE	17	/* callable_iterator: iter(callable, sentinel) */

/* PYMM_T_BUILTIN's kinds (NEW_BUILTIN arg2, READ ret1) */
#define PYMM_BUILTIN_FUNCTION	0	/* len, gc.collect: builtin_function_or_method */
#define PYMM_BUILTIN_METHOD	1	/* "abc".upper: builtin_function_or_method, self */
#define PYMM_BUILTIN_DESCRIPTOR	2	/* str.upper: method_descriptor */

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

/* what a class's instances are (PYMM_OP_READ of a class: ret0) */
/*
 * PYMM_OP_CLASS_NEW arg2: PYMM_CLASSF_STATIC makes a builtin type, as CPython's
 * statically allocated exception classes: arg0 must be 0 (its namespace is
 * {'__module__': 'builtins'}), arg1 its base, a static class's handle (0:
 * object).  One per name and heap, kept by the heap, never tracked, no GC
 * allocation (gc.get_count() does not move), no referents; at most
 * PYMM_STATIC_CLASSES_MAX per heap (-ENOSPC beyond).
 */
#define PYMM_CLASSF_STATIC	1u

/* PYMM_OP_NEW_STR arg0: a str a program computed, never interned (CPython's rule) */
#define PYMM_STR_RUNTIME	1u
#define PYMM_STATIC_CLASSES_MAX	64

#define PYMM_LAYOUT_OBJECT	0	/* instances of a class */
#define PYMM_LAYOUT_LIST	1	/* lists: the class derives from list */
#define PYMM_LAYOUT_DICT	2	/* dicts: the class derives from dict */
#define PYMM_LAYOUT_TUPLE	3	/* tuples: the class derives from tuple (ABI 7) */

/* PYMM_OP_CLASS_NEW ret[1] when it fails with a TypeError */
enum pymm_class_err {
	PYMM_CLASSERR_BASE = 1,		/* a base is not a class */
	PYMM_CLASSERR_DUPLICATE,	/* duplicate base class */
	PYMM_CLASSERR_MRO,		/* no consistent C3 linearization */
	PYMM_CLASSERR_SLOTS,		/* __slots__: not supported by pymm */
	PYMM_CLASSERR_LAYOUT,		/* multiple bases have instance lay-out conflict */
	PYMM_CLASSERR_SUBCLASS,		/* a special method (__del__, __len__ ...) with a
					 * list/dict base: not supported by pymm */
	PYMM_CLASSERR_QUALNAME,		/* the namespace's __qualname__ is not a str */
};

/*
 * Binary operators (PYMM_OP_BINOP arg[2]).  ADD, SUB, MUL: ints and bools,
 * and the sequences' + and *.  FLOORDIV to RSHIFT: two ints (not bools),
 * as Python's int operators; anything else -EOPNOTSUPP (the caller's
 * business: floats, bools' &, a negative power); -EDOM (ZeroDivisionError)
 * for // or % by zero, -EOVERFLOW past 64 bits, -EINVAL (ValueError) for
 * a negative shift count.
 */
enum pymm_binop {
	PYMM_BIN_ADD = 1,
	PYMM_BIN_SUB,
	PYMM_BIN_MUL,
	PYMM_BIN_FLOORDIV,
	PYMM_BIN_MOD,
	PYMM_BIN_POW,
	PYMM_BIN_AND,
	PYMM_BIN_OR,
	PYMM_BIN_XOR,
	PYMM_BIN_LSHIFT,
	PYMM_BIN_RSHIFT,
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
	PYMM_CONST_LIST,	/* the heap's static `list` type: a class statement's base */
	PYMM_CONST_DICT,	/* the heap's static `dict` type: a class statement's base */
	PYMM_CONST_TYPE,	/* arg[1] = PYMM_BTYPE_*: that builtin type, static (ABI 4) */
	PYMM_CONST_MAX,
};

/*
 * The builtin types PYMM_CONST_TYPE makes (immortal, untracked, made once
 * per heap on first use, as CPython's static types): the one declaration
 * of their codes and names.  LIST and DICT are PYMM_CONST_LIST/DICT's
 * (= PYMM_LAYOUT_LIST/DICT).  Append only.
 */
#define PYMM_BTYPES(X)								\
	X(LIST, "list") X(DICT, "dict") X(BOOL, "bool") X(ENUMERATE, "enumerate")	\
	X(FILTER, "filter") X(FLOAT, "float") X(FROZENSET, "frozenset")		\
	X(INT, "int") X(MAP, "map") X(RANGE, "range") X(REVERSED, "reversed")	\
	X(SET, "set") X(STR, "str") X(TUPLE, "tuple") X(TYPE, "type")		\
	X(ZIP, "zip") X(NONETYPE, "NoneType") X(BYTES, "bytes")			\
	X(FUNCTION, "function") X(METHOD, "method") X(CELL, "cell")		\
	X(CODE, "code") X(GENERATOR, "generator") X(DICT_KEYS, "dict_keys")	\
	X(DICT_VALUES, "dict_values") X(DICT_ITEMS, "dict_items")		\
	X(RANGE_ITERATOR, "range_iterator") X(LIST_ITERATOR, "list_iterator")	\
	X(TUPLE_ITERATOR, "tuple_iterator")					\
	X(STR_ASCII_ITERATOR, "str_ascii_iterator")				\
	X(BYTES_ITERATOR, "bytes_iterator") X(DICT_KEYITERATOR, "dict_keyiterator") \
	X(DICT_VALUEITERATOR, "dict_valueiterator")				\
	X(DICT_ITEMITERATOR, "dict_itemiterator") X(SET_ITERATOR, "set_iterator") \
	X(LIST_REVERSEITERATOR, "list_reverseiterator")

#define PYMM_BTYPE_ENUM_(code, name)	PYMM_BTYPE_##code,
enum pymm_btype {
	PYMM_BTYPE_NONE_ = 0,
	PYMM_BTYPES(PYMM_BTYPE_ENUM_)
	PYMM_BTYPE_MAX,
};
#undef PYMM_BTYPE_ENUM_

/* A function's fields (PYMM_OP_FUNC_GET / PYMM_OP_FUNC_SET arg[1]) */
enum pymm_func_field {
	PYMM_FUNC_DEFAULTS = 1,		/* __defaults__: tuple or None */
	PYMM_FUNC_KWDEFAULTS,		/* __kwdefaults__: dict or None */
	PYMM_FUNC_CLOSURE,		/* __closure__: tuple of cells or None; set once */
	PYMM_FUNC_GLOBALS,		/* __globals__ of a def exec(src, d) ran: d; set once */
	PYMM_FUNC_MAX,
};

/* A frame's or traceback's fields (PYMM_OP_FRAME_FIELD arg[1]) */
enum pymm_frame_field {
	PYMM_FRAMEF_BACK = 1,		/* frame.f_back -> h (made if need be), or None */
	PYMM_FRAMEF_LOCALS,		/* frame.f_locals -> h: a dict, refreshed each time */
	PYMM_FRAMEF_FUNC,		/* the frame's function -> h, or None */
	PYMM_FRAMEF_NAME,		/* frame.f_code.co_name -> h (str) */
	PYMM_FRAMEF_LINENO,		/* frame.f_lineno -> ret0 */
	PYMM_FRAMEF_STATE,		/* ret0 = PYMM_FRAME_*; running: ret1 = frames above
					 * it << 32 | its depth (the module's: 0) */
	PYMM_FRAMEF_TB_NEXT,		/* traceback.tb_next -> h, or None */
	PYMM_FRAMEF_TB_FRAME,		/* traceback.tb_frame -> h */
	PYMM_FRAMEF_TB_LINENO,		/* traceback.tb_lineno -> ret0 */
	PYMM_FRAMEF_TB_LASTI,		/* traceback.tb_lasti -> ret0 */
	PYMM_FRAMEF_MAX,
};

/* PYMM_FRAMEF_STATE: who holds a frame object's locals */
enum pymm_frame_state {
	PYMM_FRAME_RUNNING = 0,		/* on the stack of the client asking */
	PYMM_FRAME_OWNED,		/* off it: the object holds the locals */
};

/*
 * Operation codes.  "h" = a handle (u64 argument), "-> h" = ret[0] is a new
 * handle the caller now owns.  data is described per op.  Values are ABI:
 * append only.
 *
 * PYMM_OPS(X) is the one declaration of every op (docs/abi.md, "One
 * declaration"): one row per op, in numeric order,
 *
 *	X(name, code, dir, args, flags, kind, handler)
 *
 *   name     PYMM_OP_<name>, and the name pymmctl prints;
 *   code     its value (ABI: never changed, never reused);
 *   dir      which way op->data travels: NONE, IN or OUT (PYMM_DATA_<dir>);
 *   args     bit i set: arg[i] is read (every other arg[] must be 0);
 *   flags    the op->flags it accepts (PYMM_OPF_*), others get -EINVAL;
 *   kind     what it runs on: NONE (no heap), REG (the heap registry) or
 *            HEAP (the attached heap, locked by the core);
 *   handler  the core's function (module/core/ops.c); user space ignores it.
 *
 * The enum below, the core's op table, pymm_op_data_dir(), the tool's op
 * names and data directions and the fuzzers' op lists are expansions of it:
 * a new op is one row here and its handler.
 */
#define PYMM_DATA_NONE	0
#define PYMM_DATA_IN	1
#define PYMM_DATA_OUT	2
#define PYMM_DATA_INOUT	(PYMM_DATA_IN | PYMM_DATA_OUT)

#define PYMM_OPS(X)									\
	X(NOP, 0, NONE, 0, 0, NONE, op_nop)						\
	\
	/* heaps: data = NUL-terminated name (< PYMM_HEAP_NAME_MAX) */			\
	/* arg0 = quota bytes (0: default) */						\
	X(HEAP_CREATE, 1, IN, 0x1, 0, REG, pymm_heap_op)				\
	/* fails -EBUSY while clients are attached */					\
	X(HEAP_DESTROY, 2, IN, 0, 0, REG, pymm_heap_op)					\
	/* flags: PYMM_OPF_OTHER_OWNER (an admin, onto another uid's heap) */		\
	/* drops the handles and frames of the previous heap */				\
	X(HEAP_ATTACH, 3, IN, 0, PYMM_OPF_OTHER_OWNER, REG, pymm_heap_op)		\
	/* data out: struct pymm_heap_info[]; ret0 = count */				\
	X(HEAP_LIST, 4, OUT, 0, 0, REG, pymm_heap_op)					\
	/* arg0 = bytes; owner or admin */						\
	X(HEAP_SET_QUOTA, 5, IN, 0x1, 0, REG, pymm_heap_op)				\
	/* data out: struct pymm_heap_stats */						\
	X(HEAP_STATS, 6, OUT, 0, 0, HEAP, op_heap_stats)				\
	X(ALLOC_STATS, 7, OUT, 0, 0, HEAP, op_alloc_stats) /* data out: struct pymm_alloc_stats + \
					 * struct pymm_class_stats[32] */		\
	/* arg0 = index; data out: struct pymm_arena_info */				\
	X(ARENA_INFO, 8, OUT, 0x1, 0, HEAP, op_arena_info)				\
	/* data out: struct pymm_freelist_stats */					\
	X(FREELIST_STATS, 9, OUT, 0, 0, HEAP, op_freelist_stats)			\
	\
	/* objects -> h */								\
	/* arg0 = PYMM_CONST_*; arg1 = PYMM_BTYPE_* for PYMM_CONST_TYPE, else 0 */	\
	X(CONST, 16, NONE, 0x3, 0, HEAP, op_const)					\
	X(NEW_INT, 17, NONE, 0x1, 0, HEAP, op_new_scalar) /* arg0 = value (s64) */	\
	X(NEW_FLOAT, 18, NONE, 0x1, 0, HEAP, op_new_scalar) /* arg0 = IEEE-754 bits */	\
	/* data = UTF-8 bytes, data_len = length; arg0 = 0 (a constant or a name:	\
	 * interned when identifier-like) or PYMM_STR_RUNTIME (computed: not) */	\
	X(NEW_STR, 19, IN, 0x1, 0, HEAP, op_new_scalar)					\
	X(NEW_BYTES, 20, IN, 0, 0, HEAP, op_new_scalar) /* data = bytes */		\
	/* data = __u64 handles[], data_len = 8 * n */					\
	X(NEW_TUPLE, 21, IN, 0, 0, HEAP, op_new_seq)					\
	X(NEW_LIST, 22, IN, 0, 0, HEAP, op_new_seq) /* data = __u64 handles[] */	\
	X(NEW_DICT, 23, IN, 0, 0, HEAP, op_new_dict) /* data = __u64 {key, value}[] */	\
	/* data = "name\0finalizer-text" (finalizer optional) */			\
	X(NEW_CLASS, 24, IN, 0, 0, HEAP, op_new_class)					\
	X(NEW_INSTANCE, 25, NONE, 0x1, 0, HEAP, op_new_instance) /* arg0 = class h */	\
	X(NEW_WEAKREF, 26, NONE, 0x1, 0, HEAP, op_new_weakref) /* arg0 = referent h */	\
	/* data = name; arg0 = caller's code token */					\
	X(NEW_FUNCTION, 27, IN, 0x1, 0, HEAP, op_new_function)				\
	\
	/* handles */									\
	X(DUP, 32, NONE, 0x1, 0, HEAP, op_dup) /* arg0 = h -> h */			\
	X(CLOSE, 33, NONE, 0x1, 0, HEAP, op_close) /* arg0 = h: drops its reference */	\
	\
	/* names: data = identifier; PYMM_OPF_LOCAL selects the current frame */	\
	X(NAME_BIND, 40, IN, 0x1, PYMM_OPF_LOCAL, HEAP, pymm_name_bind) /* arg0 = h */	\
	/* -> h (locals, then globals, unless LOCAL) */					\
	X(NAME_LOOKUP, 41, IN, 0, PYMM_OPF_LOCAL, HEAP, pymm_name_lookup)		\
	X(NAME_DEL, 42, IN, 0, PYMM_OPF_LOCAL, HEAP, pymm_name_del)			\
	/* data out: "name\0name\0..."; ret0 = count */					\
	X(NAME_LIST, 43, OUT, 0, PYMM_OPF_LOCAL, HEAP, pymm_name_list)			\
	\
	/* frames */									\
	/* data = function name; ret0 = new depth */					\
	X(FRAME_PUSH, 48, IN, 0, 0, HEAP, pymm_frame_push)				\
	/* drops the frame's locals; ret0 = depth */					\
	X(FRAME_POP, 49, NONE, 0, 0, HEAP, pymm_frame_pop)				\
	\
	/* containers and attributes */							\
	/* arg0 = container, arg1 = key -> h */						\
	X(GETITEM, 56, NONE, 0x3, 0, HEAP, op_getitem)					\
	/* arg0 = container, arg1 = key, arg2 = value */				\
	X(SETITEM, 57, NONE, 0x7, 0, HEAP, op_setitem)					\
	X(DELITEM, 58, NONE, 0x3, 0, HEAP, op_delitem) /* arg0 = container, arg1 = key */ \
	X(APPEND, 59, NONE, 0x3, 0, HEAP, op_append) /* arg0 = list, arg1 = value */	\
	/* arg0 = list, arg1 = index (s64, -1 last) -> h */				\
	X(POP, 60, NONE, 0x3, 0, HEAP, op_pop)						\
	X(LEN, 61, NONE, 0x1, 0, HEAP, op_len) /* arg0 = h; ret0 = length */		\
	X(GETATTR, 62, IN, 0x1, 0, HEAP, op_getattr) /* arg0 = h, data = name -> h */	\
	/* arg0 = h, arg1 = value, data = name */					\
	X(SETATTR, 63, IN, 0x3, 0, HEAP, op_setattr)					\
	X(DELATTR, 64, IN, 0x1, 0, HEAP, op_delattr) /* arg0 = h, data = name */	\
	X(ITEMS, 65, OUT, 0x1, 0, HEAP, op_items) /* arg0 = tuple/list/dict -> data out: __u64 h[] \
					 * (dict: keys) ; ret0 = count; new handles */	\
	\
	/* values */									\
	/* arg0 = a, arg1 = b, arg2 = PYMM_BIN_* -> h */				\
	X(BINOP, 72, NONE, 0x7, 0, HEAP, op_binop)					\
	X(COMPARE, 73, NONE, 0x7, 0, HEAP, op_compare) /* arg0 = a, arg1 = b, arg2 = PYMM_CMP_*; ret0; \
					 * ret1 = 1: an operand is an instance (its	\
					 * class may define the comparison) */		\
	/* arg0 = h; ret0 = PYMM_T_*; ret1 = flags */					\
	X(TYPE, 74, NONE, 0x1, 0, HEAP, op_type)					\
	X(READ, 75, OUT, 0x1, 0, HEAP, op_read) /* arg0 = h; int/bool: ret0; float: ret0 bits; \
					 * str/bytes/class/function name: data out;	\
					 * function: ret0 = its code token;		\
					 * class: ret0 = PYMM_LAYOUT_* of its instances;	\
					 * instance: data out = its class's name */	\
	X(ID, 76, NONE, 0x1, 0, HEAP, op_id) /* arg0 = h; ret0 = opaque ID */		\
	/* arg0 = h; ret0 = references (incl. the handle) */				\
	X(REFCOUNT, 77, NONE, 0x1, 0, HEAP, op_refcount)				\
	/* data out: queued finalizer output */						\
	X(READ_OUTPUT, 78, OUT, 0, 0, HEAP, pymm_client_read_output)			\
	/* arg0 = weakref -> h (None if dead) */					\
	X(WEAKREF_GET, 79, NONE, 0x1, 0, HEAP, op_weakref_get)				\
	X(HASH, 80, NONE, 0x1, 0, HEAP, op_hash) /* arg0 = h; ret0 = hash */		\
	\
	/* collector (gc module) */							\
	/* arg0 = generation (0..2); ret0 = unreachable */				\
	X(GC_COLLECT, 96, NONE, 0x1, 0, HEAP, pymm_gc_op)				\
	X(GC_ENABLE, 97, NONE, 0, 0, HEAP, pymm_gc_op)					\
	X(GC_DISABLE, 98, NONE, 0, 0, HEAP, pymm_gc_op)					\
	X(GC_ISENABLED, 99, NONE, 0, 0, HEAP, pymm_gc_op) /* ret0 */			\
	X(GC_GET_COUNT, 100, OUT, 0, 0, HEAP, pymm_gc_op) /* data out: __u64[3] */	\
	X(GC_GET_THRESHOLD, 101, OUT, 0, 0, HEAP, pymm_gc_op) /* data out: __u64[3] */	\
	X(GC_SET_THRESHOLD, 102, NONE, 0x7, 0, HEAP, pymm_gc_op) /* arg0..2 */		\
	X(GC_FREEZE, 103, NONE, 0, 0, HEAP, pymm_gc_op)					\
	X(GC_UNFREEZE, 104, NONE, 0, 0, HEAP, pymm_gc_op)				\
	X(GC_GET_FREEZE_COUNT, 105, NONE, 0, 0, HEAP, pymm_gc_op) /* ret0 */		\
	/* data out: struct pymm_gc_gen_stats[3] */					\
	X(GC_GET_STATS, 106, OUT, 0, 0, HEAP, pymm_gc_op)				\
	X(GC_IS_TRACKED, 107, NONE, 0x1, 0, HEAP, pymm_gc_op) /* arg0 = h; ret0 */	\
	/* arg0 = generation or -1 -> data out: h[] */					\
	X(GC_GET_OBJECTS, 108, OUT, 0x1, 0, HEAP, pymm_gc_op)				\
	/* arg0 = h -> data out: h[] */							\
	X(GC_GET_REFERRERS, 109, OUT, 0x1, 0, HEAP, pymm_gc_op)				\
	/* arg0 = h -> data out: h[] */							\
	X(GC_GET_REFERENTS, 110, OUT, 0x1, 0, HEAP, pymm_gc_op)				\
	X(GC_GARBAGE, 111, OUT, 0, 0, HEAP, pymm_gc_op) /* -> data out: h[] */		\
	X(GC_SET_DEBUG, 112, NONE, 0x1, 0, HEAP, pymm_gc_op) /* arg0 = PYMM_GC_DEBUG_* */ \
	X(GC_GET_DEBUG, 113, NONE, 0, 0, HEAP, pymm_gc_op) /* ret0 */			\
	X(GC_IS_FINALIZED, 114, NONE, 0x1, 0, HEAP, pymm_gc_op) /* arg0 = h; ret0 */	\
	\
	/* whole-heap */								\
	X(HEAP_VERIFY, 128, NONE, 0, 0, HEAP, op_heap_verify) /* 0 or -EUCLEAN */	\
	\
	/* classes (docs/objects.md, "Classes") */					\
	X(CLASS_NEW, 136, IN, 0x7, 0, HEAP, pymm_class_op) /* data = "name\0finalizer-text" (text optional); \
					 * arg0 = namespace dict h (0: empty), arg1 =	\
					 * bases tuple h (0: none), arg2 = 0 or		\
					 * PYMM_CLASSF_STATIC (arg1: base class h)	\
					 * -> h; ret1 on a TypeError: PYMM_CLASSERR_* */	\
	X(LOAD_METHOD, 137, IN, 0x3, 0, HEAP, pymm_class_op) /* arg0 = h, arg1 = class h to start after in \
					 * type(h).__mro__ (0: none; super()), data =	\
					 * name -> h; ret1 = 1: a function to call with	\
					 * h as its first argument (no bound method) */	\
	/* arg0 = function h, arg1 = self h -> h */					\
	X(NEW_METHOD, 138, NONE, 0x3, 0, HEAP, pymm_class_op)				\
	/* -> h: the current frame's locals dict */					\
	X(FRAME_LOCALS, 139, NONE, 0, 0, HEAP, pymm_class_op)				\
	\
	/* code objects, finalizers and weakref callbacks (docs/abi.md, "Finalizers") */ \
	/* data = struct pymm_code_info + bytes -> h */					\
	X(NEW_CODE, 144, IN, 0, 0, HEAP, op_new_code)					\
	/* arg0 = code or function h -> data out: the record; ret0 = owner uid */	\
	X(CODE_READ, 145, OUT, 0x1, 0, HEAP, op_code_read)				\
	/* arg0 = code h -> function h */						\
	X(MAKE_FUNCTION, 146, NONE, 0x1, 0, HEAP, op_make_function)			\
	/* data out: struct pymm_fin_item[]; ret0 = items; ret1 = more in the group */	\
	X(FIN_FETCH, 147, OUT, 0, 0, HEAP, pymm_fin_fetch)				\
	/* arg0 = the item's obj h (closed); ret0 = 1: it completed a collection,	\
	 * ret1 = that collection's result						\
	 */										\
	X(FIN_DONE, 148, NONE, 0x1, 0, HEAP, pymm_fin_done)				\
	/* arg0 = referent h, arg1 = callback h -> h */					\
	X(NEW_WEAKREF_CB, 149, NONE, 0x3, 0, HEAP, op_new_weakref_cb)			\
	\
	/*										\
	 * iteration (lang).  NEW_ITER: arg0 = list/tuple/dict/str/bytes -> h,		\
	 * ret1 = kind (1 list, 2 tuple, 3 dict keys, 4 str, 5 bytes, 6 set,		\
	 * 7 range: a range_iterator, PYMM_T_RANGE; iter() of one is itself).		\
	 * ITER_NEXT: arg0 = iterator -> ret0 = h and ret1 = 1; at the end		\
	 * ret1 = 0 and the iterator drops its sequence; -EBUSY: the dict it		\
	 * iterates changed size.							\
	 */										\
	X(NEW_ITER, 152, NONE, 0x1, 0, HEAP, pymm_op_new_iter)				\
	X(ITER_NEXT, 153, NONE, 0x1, 0, HEAP, pymm_op_iter_next)			\
	\
	/* functions: cells, defaults, closures */					\
	/* arg0 = contents h (0: empty) -> h */						\
	X(NEW_CELL, 160, NONE, 0x1, 0, HEAP, pymm_cell_op)				\
	/* arg0 = cell -> h; empty: -ENOENT (ValueError) */				\
	X(CELL_GET, 161, NONE, 0x1, 0, HEAP, pymm_cell_op)				\
	/* arg0 = cell, arg1 = contents h (0: empty it) */				\
	X(CELL_SET, 162, NONE, 0x3, 0, HEAP, pymm_cell_op)				\
	/* arg0 = function, arg1 = PYMM_FUNC_* -> h (None: unset) */			\
	X(FUNC_GET, 163, NONE, 0x3, 0, HEAP, pymm_func_field_op)			\
	/* arg0 = function, arg1 = PYMM_FUNC_*, arg2 = h (0: unset) */			\
	X(FUNC_SET, 164, NONE, 0x7, 0, HEAP, pymm_func_field_op)			\
	/* arg0 = h; ret0 = bytes of its blocks (sys.getsizeof) */			\
	X(SIZEOF, 165, NONE, 0x1, 0, HEAP, pymm_sizeof_op)				\
	\
	/* collector objects (docs/gc.md, "gc.garbage") */				\
	/* -> h: the gc.garbage list itself */						\
	X(GC_GARBAGE_LIST, 168, NONE, 0, 0, HEAP, pymm_gc_op)				\
	/* -> h: the gc.callbacks list itself */					\
	X(GC_CALLBACKS_LIST, 169, NONE, 0, 0, HEAP, pymm_gc_op)				\
	/* ret0 = the generation of the automatic collection handed to this		\
	 * client (PYMM_OUTF_GC_DUE), ret1 = 1 while it is still due */			\
	X(GC_DUE, 170, NONE, 0, 0, HEAP, pymm_gc_op)					\
	\
	/* generators (docs/objects.md, "Generators") */				\
	X(GEN_NEW, 176, NONE, 0x3, 0, HEAP, pymm_gen_op) /* arg0 = function h, arg1 = caller's token: the top \
					 * frame moves into a new generator -> h */	\
	/* arg0 = generator: its frame pushed; ret0 = depth */				\
	X(GEN_RESUME, 177, NONE, 0x1, 0, HEAP, pymm_gen_op)				\
	/* arg0 = generator: its frame (the top) popped back */				\
	X(GEN_SUSPEND, 178, NONE, 0x1, 0, HEAP, pymm_gen_op)				\
	X(GEN_FINISH, 179, NONE, 0x1, 0, HEAP, pymm_gen_op) /* arg0 = generator: its frame cleared (popped if \
					 * running); it is exhausted for ever */	\
	\
	/*										\
	 * sets (docs/objects.md, "Sets"): CPython 3.11's setobject.c table.		\
	 * An "other" operand is a set, frozenset, dict (its keys), list or		\
	 * tuple.  Mutating a frozenset is -EINVAL (TypeError); an unhashable		\
	 * item is -EINVAL (TypeError), as set_add_key.					\
	 */										\
	X(NEW_SET, 184, IN, 0x3, 0, HEAP, pymm_set_op) /* arg0 = PYMM_SETF_*, arg1 = other h (0: none), \
					 * data = __u64 handles[] added after it -> h */ \
	X(SET_ADD, 185, NONE, 0x3, 0, HEAP, pymm_set_op) /* arg0 = set, arg1 = item */	\
	/* arg0 = set, arg1 = item; ret0 = 1: was there */				\
	X(SET_DISCARD, 186, NONE, 0x3, 0, HEAP, pymm_set_op)				\
	/* arg0 = set, arg1 = item; ret0 */						\
	X(SET_CONTAINS, 187, NONE, 0x3, 0, HEAP, pymm_set_op)				\
	/* arg0 = set -> h; empty: -ENOENT (KeyError) */				\
	X(SET_POP, 188, NONE, 0x1, 0, HEAP, pymm_set_op)				\
	X(SET_CLEAR, 189, NONE, 0x1, 0, HEAP, pymm_set_op) /* arg0 = set */		\
	X(SET_ALGEBRA, 190, NONE, 0x7, 0, HEAP, pymm_set_op) /* arg0 = set, arg1 = other, arg2 = PYMM_SETOP_* \
					 * -> h (a new set), or ret0 (a test), or	\
					 * nothing (an update in place) */		\
	/*										\
	 * range(start, stop, step) -> h (s64 each; step 0: -EINVAL, ValueError).	\
	 * LEN, GETITEM (an int index), NEW_ITER (a range_iterator), HASH and		\
	 * == work on it; READ gives ret0 = length and data = __s64 {start,		\
	 * stop, step} (a range_iterator: {next, -, step}, ret0 = items left).		\
	 */										\
	X(NEW_RANGE, 191, NONE, 0x7, 0, HEAP, pymm_range_new_op)			\
	/*										\
	 * d.keys() / values() / items(): arg0 = dict, arg1 = PYMM_VIEW_* -> h,		\
	 * a GC object holding the dict.  LEN, NEW_ITER (the dict's key, value		\
	 * or item iterator, kind PYMM_ITER_DICT_KEYS, _VALUES or _ITEMS), READ (ret1 = the kind).  arg0 = \
	 * a view and arg1 = 0: -> the dict it views (view.mapping's dict).		\
	 */										\
	X(NEW_DICTVIEW, 192, NONE, 0x3, 0, HEAP, pymm_dictview_new_op)			\
	\
	/*										\
	 * descriptors (docs/objects.md, "Descriptors").  NEW_DESCR: arg0 =		\
	 * PYMM_DESCR_*, arg1 = fget / the function, arg2 = fset, arg3 = fdel		\
	 * (0: none; property only) -> h.  DESCR_GET: arg0 = descriptor, arg1 =		\
	 * PYMM_DESCR_F_* -> h (None when unset); ret1 = its kind.			\
	 * GETATTR and LOAD_METHOD answer ret1 = PYMM_ATTR_PROPERTY when the		\
	 * attribute is a property's: ret0 is its fget, which the client calls		\
	 * with the object.  SETATTR and DELATTR answer the same with fset /		\
	 * fdel (ret0 a new handle; the client calls it with the object and, to		\
	 * set, the value).  A property without the function fails -ENOENT		\
	 * (AttributeError) with ret1 = PYMM_ATTR_NO_ACCESSOR.				\
	 */										\
	X(NEW_DESCR, 200, NONE, 0xf, 0, HEAP, pymm_descr_op)				\
	X(DESCR_GET, 201, NONE, 0x3, 0, HEAP, pymm_descr_op)				\
	/*										\
	 * iterator objects of builtins (docs/objects.md, "Iterators").			\
	 * NEW_ITER_OF: arg0 = PYMM_ITER_ENUMERATE.. , arg1 = an iterator		\
	 * (enumerate, filter), a tuple of iterators (zip, map) or a sequence		\
	 * (reversed), arg2 = the function (map; filter, 0: None), arg3 =		\
	 * enumerate's start (s64) -> h.  ITER_NEXT steps a reversed iterator;		\
	 * for enumerate/zip/map/filter it fails -EOPNOTSUPP: the client steps		\
	 * them.  ITER_PART: arg0 = iterator, arg1 = 0 (its iterator or tuple		\
	 * of iterators) or 1 (its function) -> h (None if unset); ret1 = its		\
	 * kind.  ITER_RESULT: arg0 = enumerate or zip, data = __u64 handles of		\
	 * the next items (1 for enumerate, one per iterator for zip) -> h: the		\
	 * (index, item) / items tuple, the iterator's own reused when it holds		\
	 * it alone (enum_next, zip_next).						\
	 */										\
	X(NEW_ITER_OF, 202, NONE, 0xf, 0, HEAP, pymm_iterobj_op)			\
	X(ITER_PART, 203, NONE, 0x3, 0, HEAP, pymm_iterobj_op)				\
	X(ITER_RESULT, 204, IN, 0x1, 0, HEAP, pymm_iterobj_op)				\
	\
	/*										\
	 * names by ID (docs/abi.md, "Name IDs").  NAME_INTERN: data = an		\
	 * identifier (as NAME_BIND's) -> h: the heap's interned str for it, a		\
	 * name ID.  The _ID ops are NAME_BIND, NAME_LOOKUP, NAME_DEL, GETATTR,		\
	 * SETATTR, DELATTR and LOAD_METHOD with the name as a name ID in the		\
	 * next arg[] slot instead of data: bufferless, so they run in a		\
	 * PYMM_IOC_BATCH's fast path.  A name ID is any handle to a str that		\
	 * is an identifier shorter than PYMM_NAME_MAX: not a live handle is		\
	 * -EBADF, another object -EINVAL (as a bad name in data), too long		\
	 * -ENAMETOOLONG; nothing changes then.  Flags and results: those of		\
	 * the string op; the ID goes in the slot after the string op's own		\
	 * arguments (PYMM_NAME_ID_OPS below).						\
	 */										\
	X(NAME_INTERN, 208, IN, 0, 0, HEAP, pymm_name_intern)				\
	X(NAME_BIND_ID, 209, NONE, 0x3, PYMM_OPF_LOCAL, HEAP, pymm_name_bind)		\
	X(NAME_LOOKUP_ID, 210, NONE, 0x1, PYMM_OPF_LOCAL, HEAP, pymm_name_lookup)	\
	X(NAME_DEL_ID, 211, NONE, 0x1, PYMM_OPF_LOCAL, HEAP, pymm_name_del)		\
	X(GETATTR_ID, 212, NONE, 0x3, 0, HEAP, op_getattr)				\
	X(SETATTR_ID, 213, NONE, 0x7, 0, HEAP, op_setattr)				\
	X(DELATTR_ID, 214, NONE, 0x3, 0, HEAP, op_delattr)				\
	X(LOAD_METHOD_ID, 215, NONE, 0x7, 0, HEAP, pymm_class_op)			\
	\
	/*										\
	 * weak references (docs/objects.md, "Weak references").  WEAKREF_LIST:		\
	 * arg0 = any object -> data out: __u64 handles of the weak references		\
	 * to it, in its list's order (weakref.getweakrefs); ret0 = how many		\
	 * (0 for an object that cannot be weakly referenced).  NEW_KEYEDREF:		\
	 * arg0 = referent, arg1 = callback function (0: none), arg2 = key ->		\
	 * h, a new weakref.KeyedRef.  WEAKREF_KEY: arg0 = a KeyedRef -> its		\
	 * key (None once cleared); any other object: -ENOENT (AttributeError).		\
	 */										\
	X(WEAKREF_LIST, 216, OUT, 0x1, 0, HEAP, pymm_weakref_op)			\
	X(NEW_KEYEDREF, 217, NONE, 0x7, 0, HEAP, pymm_weakref_op)			\
	X(WEAKREF_KEY, 218, NONE, 0x1, 0, HEAP, pymm_weakref_op)			\
	\
	/*										\
	 * frame and traceback objects (docs/objects.md, "Frames and tracebacks").	\
	 * FRAME_OBJECT: arg0 = how many frames back from the top (0: the		\
	 * current frame; the client's depth: the module's), arg1 = its line		\
	 * (0: unchanged), arg2 = its function (0: unknown) -> h, the frame's		\
	 * object, made on first request (sys._getframe).  NEW_TRACEBACK: arg0 =	\
	 * tb_next (0: none), arg1 = frame, arg2 = tb_lineno, arg3 = tb_lasti ->	\
	 * h.  FRAME_FIELD: arg0 = frame or traceback, arg1 = PYMM_FRAMEF_* ->		\
	 * h (-ENOENT: None), or ret0 for a number.					\
	 */										\
	X(FRAME_OBJECT, 224, NONE, 0x7, 0, HEAP, pymm_frameobj_op)			\
	X(NEW_TRACEBACK, 225, NONE, 0xf, 0, HEAP, pymm_frameobj_op)			\
	X(FRAME_FIELD, 226, NONE, 0x3, 0, HEAP, pymm_frameobj_op)			\
	/* arg0 = generator -> h: gi_frame, made once (-ENOENT: None; -EBUSY: running) */ \
	X(GEN_FRAME, 227, NONE, 0x1, 0, HEAP, pymm_gen_op)				\
	\
	/*										\
	 * weakref.proxy and ref.__callback__ (docs/objects.md, "Weak			\
	 * references").  NEW_PROXY: arg0 = referent, arg1 = callback function	\
	 * (0: none), arg2 = 1 if the referent is callable (weakcallableproxy)	\
	 * -> h, a PYMM_T_WEAKPROXY; the plain one (no callback) is shared, as	\
	 * the plain ref is.  WEAKREF_GET also reads a proxy.  WEAKREF_CALLBACK:	\
	 * arg0 = a ref or proxy -> its callback (None: none, or called), ret1	\
	 * = 1 for a weakcallableproxy.						\
	 */										\
	X(NEW_PROXY, 228, NONE, 0x7, 0, HEAP, pymm_weakref_op)				\
	X(WEAKREF_CALLBACK, 229, NONE, 0x1, 0, HEAP, pymm_weakref_op)			\
	/* STR_INTERN: arg0 a str -> h: the heap's interned equal str (sys.intern) */	\
	X(STR_INTERN, 230, NONE, 0x1, 0, HEAP, pymm_str_intern_op)			\
	/*										\
	 * ITER_CLEAR: arg0 = a callable_iterator -> its callable and sentinel		\
	 * dropped (calliter_iternext's Py_CLEARs: the sentinel came, or the		\
	 * callable raised StopIteration); -EINVAL for another object.		\
	 */										\
	X(ITER_CLEAR, 231, NONE, 0x1, 0, HEAP, pymm_iterobj_op)			\
	\
	/*										\
	 * whole-sequence ops (list_sort.c).  LIST_SORT: arg0 = list, arg1 =		\
	 * a list of its keys (0: the items), arg2 = 1 for reverse; stable;		\
	 * -EOPNOTSUPP: a key the core cannot order by itself (the client		\
	 * sorts); the list is unchanged on any error.  LIST_FROM: arg0 =		\
	 * list or tuple -> a new list of its items (list(seq), seq.copy()).		\
	 * TUPLE_FROM: arg0 = list or tuple -> a tuple of its items (tuple(seq):	\
	 * a tuple is itself, as tuple(t) is t).					\
	 */										\
	X(LIST_SORT, 232, NONE, 0x7, 0, HEAP, op_list_sort)				\
	X(LIST_FROM, 233, NONE, 0x1, 0, HEAP, op_list_from)				\
	X(TUPLE_FROM, 234, NONE, 0x1, 0, HEAP, op_tuple_from)				\
	\
	/*										\
	 * keys whose class defines __hash__ / __eq__ (docs/objects.md, "User		\
	 * hashes").  The core never runs user code: an op that would need a		\
	 * key's __hash__, or an == it cannot decide (an instance whose class		\
	 * defines __eq__, against another object of the same hash), fails		\
	 * -ENOKEY and changes nothing.  The client then asks KEY_PEERS: arg0 =		\
	 * dict, set or frozenset, arg1 = key, arg2 = the key's hash when arg3		\
	 * = 1 (what its __hash__ returned; -ENOKEY without it if it needs one)		\
	 * -> data out: __u64 handles of the stored keys of that hash other		\
	 * than key itself, in probe order; ret0 = count, ret1 = the hash used.		\
	 * It calls == on each, then KEY_HASH: arg0 = the key to use (key, or		\
	 * the stored key found equal), arg1 = its hash (any s64; -1 is taken		\
	 * as -2, as CPython; a key the core hashes itself must give that very		\
	 * hash) -> the next op this client runs, and only it, hashes that		\
	 * object with arg1 and takes an == against it that needs __eq__ as		\
	 * decided: not equal unless identical.						\
	 */										\
	X(KEY_HASH, 240, NONE, 0x3, 0, HEAP, pymm_key_op)				\
	X(KEY_PEERS, 241, OUT, 0xf, 0, HEAP, pymm_key_op)				\
	/* arg0 = a dict, the new frame's locals, shared (exec(src, d)): the	\
	 * frame holds a reference; data = function name; ret0 = new depth */	\
	X(FRAME_PUSH_NS, 248, IN, 0x1, 0, HEAP, pymm_frame_push_ns)			\
	\
	/*										\
	 * builtin functions and methods as objects (types/builtinfunc.c).		\
	 * NEW_BUILTIN: arg0 = self (0: none), arg1 = the client's number for		\
	 * the builtin (opaque, < 2^32), arg2 = PYMM_BUILTIN_*, data = its name	\
	 * -> h; a METHOD needs a self, a FUNCTION has none, a DESCRIPTOR's is	\
	 * its class or none (-EINVAL otherwise).  READ: ret0 = the number, ret1	\
	 * = the kind, data = the name.  BUILTIN_SELF: arg0 = builtin -> h, its	\
	 * self (-ENOENT: none).							\
	 */										\
	X(NEW_BUILTIN, 249, IN, 0x7, 0, HEAP, pymm_builtin_op)				\
	X(BUILTIN_SELF, 250, NONE, 0x1, 0, HEAP, pymm_builtin_op)			\
	\
	/*										\
	 * bytearray (types/bytearray.c): NEW_BYTEARRAY data = its bytes -> h;	\
	 * BYTEARRAY_SPLICE arg0 = bytearray, arg1 = lo, arg2 = hi: bytes lo..hi	\
	 * replaced by data (-ERANGE unless lo <= hi <= len); ret0 = new length.	\
	 * READ, LEN, GETITEM (int), == and NEW_ITER take it as bytes.			\
	 */										\
	/*										\
	 * tuple.__new__(cls, items) (types/subobj.c, ABI 7): arg0 = a class whose	\
	 * instances are tuples (PYMM_LAYOUT_TUPLE), arg1 = a tuple or list of	\
	 * the items -> h, a new tuple that is an instance of arg0 (of the static	\
	 * tuple type itself: a plain tuple, () the empty one); -EINVAL if arg0	\
	 * is not such a class or arg1 neither a tuple nor a list.			\
	 */										\
	X(TUPLE_SUB_NEW, 254, NONE, 0x3, 0, HEAP, pymm_tuple_sub_op)			\
	X(NEW_BYTEARRAY, 256, IN, 0, 0, HEAP, pymm_bytearray_op)			\
	X(BYTEARRAY_SPLICE, 257, IN, 0x7, 0, HEAP, pymm_bytearray_op)			\
	\
	/*										\
	 * NAME_INPLACE_ID: `name op= b` of two ints in one op (version 7):		\
	 * arg0 = b (an int), arg1 = the name ID, arg2 = PYMM_BIN_*; looks the	\
	 * name up as NAME_LOOKUP_ID, binds the result as NAME_BIND_ID (same	\
	 * flags).  Any refusal changes nothing: -EAGAIN when the value of the name or	\
	 * b is not an int, an operator error as in BINOP; the client then runs	\
	 * the general path (lookup, operator, bind) and raises what it raises.	\
	 */										\
	X(NAME_INPLACE_ID, 268, NONE, 0x7, PYMM_OPF_LOCAL, HEAP, pymm_name_inplace)	\
	/*										\
	 * CLOSE_N (version 7): arg0..arg3 handles (0: none), closed in that	\
	 * order as by CLOSE; the first that fails stops the op with its errno	\
	 * and its index in ret0 (the ones before it are closed).  Deferred drops	\
	 * (pymmctl) take a quarter of the ops of a batch.			\
	 */										\
	X(CLOSE_N, 269, NONE, 0xf, 0, HEAP, op_close_n)				\
	/*										\
	 * FRAME_PUSH_ID (version 7): FRAME_PUSH with its name as a name ID in	\
	 * arg0 (a str handle, -EINVAL for another type): the frame holds that	\
	 * str instead of a new one, and the op has no buffer, so the push	\
	 * and a call's parameter binds are one run of a batch.				\
	 */										\
	X(FRAME_PUSH_ID, 270, NONE, 0x1, 0, HEAP, pymm_frame_push_id)			\
	/* end of PYMM_OPS */

#define PYMM_OP_ENUM_ROW(name, code, dir, args, flags, kind, fn)	PYMM_OP_##name = (code),
enum pymm_op_code {
	PYMM_OPS(PYMM_OP_ENUM_ROW)
	PYMM_OP_MAX_PLUS_ONE
};

#define PYMM_OP_MAX	(PYMM_OP_MAX_PLUS_ONE - 1)

/*
 * Each string name op, its _ID twin and the arg[] slot of the twin's name
 * ID (the string op's own arguments keep their slots): the one statement
 * of that layout, for the core (names.c) and clients.
 */
#define PYMM_NAME_ID_OPS(X)					\
	X(PYMM_OP_NAME_BIND, PYMM_OP_NAME_BIND_ID, 1)		\
	X(PYMM_OP_NAME_LOOKUP, PYMM_OP_NAME_LOOKUP_ID, 0)	\
	X(PYMM_OP_NAME_DEL, PYMM_OP_NAME_DEL_ID, 0)		\
	X(PYMM_OP_GETATTR, PYMM_OP_GETATTR_ID, 1)		\
	X(PYMM_OP_SETATTR, PYMM_OP_SETATTR_ID, 2)		\
	X(PYMM_OP_DELATTR, PYMM_OP_DELATTR_ID, 1)		\
	X(PYMM_OP_LOAD_METHOD, PYMM_OP_LOAD_METHOD_ID, 2)

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
 * Statistics records are declared as field lists (docs/abi.md, "One
 * declaration"): one row per field,
 *
 *	X(type, field, ATTR, value)
 *
 *   type   u32 or u64: the field is __<type>, its netlink attribute a <type>;
 *   field  the struct's field, in struct order (ABI: append only);
 *   ATTR   its netlink attribute, PYMM_A_<set>_<ATTR> (the set is the
 *          list's: ALLOC, CLASS, FREELIST or GC);
 *   value  the attribute's number (ABI: never changed; a new field takes
 *          the set's next free number, so the last row has the highest).
 *
 * The struct, the attribute enum, the module's netlink fill, pymmctl's
 * netlink parse, the selftest comparing device and netlink, and the spec
 * check (tests/spec/check_spec.py) are expansions of the list: a new field
 * is one row.
 */
#define PYMM_STATS_FIELD_ROW(type, field, ATTR, value)	__##type field;

/*
 * Allocator snapshot, as sys._debugmallocstats(): the byte budget sums
 * exactly: bytes_in_use + bytes_free_blocks + bytes_unused_pools +
 * bytes_pool_headers + bytes_quantization + bytes_arena_alignment ==
 * arenas_current * arena_size.  The allocator's own: bytes_held ==
 * arenas_current * arena_size + large_bytes + bytes_metadata.
 */
#define PYMM_ALLOC_STATS_FIELDS(X)							\
	X(u32, arena_size,		ARENA_SIZE,		2)			\
	X(u32, pool_size,		POOL_SIZE,		3)			\
	X(u32, size_classes,		SIZE_CLASSES,		4)			\
	X(u32, small_threshold,		SMALL_THRESHOLD,	5)			\
	X(u64, arenas_allocated,	ARENAS_ALLOCATED,	6)  /* total ever */	\
	X(u64, arenas_reclaimed,	ARENAS_RECLAIMED,	7)  /* returned to the kernel */ \
	X(u64, arenas_highwater,	ARENAS_HIGHWATER,	8)			\
	X(u64, arenas_current,		ARENAS_CURRENT,		9)			\
	/* allocated small blocks (class size) */					\
	X(u64, bytes_in_use,		BYTES_IN_USE,		10)			\
	X(u64, bytes_free_blocks,	BYTES_FREE_BLOCKS,	11) /* in used pools */	\
	X(u64, bytes_unused_pools,	BYTES_UNUSED_POOLS,	12) /* empty pools */	\
	X(u64, bytes_pool_headers,	BYTES_POOL_HEADERS,	13)			\
	/* pool tails too small for a block */						\
	X(u64, bytes_quantization,	BYTES_QUANTIZATION,	14)			\
	X(u64, bytes_arena_alignment,	BYTES_ARENA_ALIGNMENT,	15)			\
	/* > small_threshold, from the raw allocator */					\
	X(u64, large_blocks,		LARGE_BLOCKS,		16)			\
	X(u64, large_bytes,		LARGE_BYTES,		17)			\
	X(u64, blocks_allocated,	BLOCKS_ALLOCATED,	18) /* small, live */	\
	X(u64, mallocs,			MALLOCS,		19) /* calls, total */	\
	X(u64, frees,			FREES,			20)			\
	X(u64, quota,			QUOTA,			21) /* 0 = none */	\
	X(u64, bytes_held,		BYTES_HELD,		22) /* charged to the quota */ \
	/* -EDQUOT and -ENOSPC refusals */						\
	X(u64, quota_refusals,		QUOTA_REFUSALS,		23)			\
	/* arena table + large-block headers */						\
	X(u64, bytes_metadata,		BYTES_METADATA,		24)			\
	/* frees refused: size/class mismatch */					\
	X(u64, bad_frees,		BAD_FREES,		25)			\
	/* debug_alloc: guard, poison and double-free findings; blocks kept */		\
	X(u64, debug_reports,		DEBUG_REPORTS,		31)			\
	X(u64, debug_quarantined,	DEBUG_QUARANTINED,	32)			\
	/* end of PYMM_ALLOC_STATS_FIELDS */

struct pymm_alloc_stats {
	PYMM_ALLOC_STATS_FIELDS(PYMM_STATS_FIELD_ROW)
};

#define PYMM_CLASS_STATS_FIELDS(X)							\
	X(u32, index,			INDEX,			2)			\
	X(u32, block_size,		BLOCK_SIZE,		3)			\
	X(u64, pools,			POOLS,			4)			\
	X(u64, blocks_in_use,		BLOCKS_IN_USE,		5)			\
	/* available in this class's pools */						\
	X(u64, blocks_free,		BLOCKS_FREE,		6)			\
	/* end of PYMM_CLASS_STATS_FIELDS */

struct pymm_class_stats {
	PYMM_CLASS_STATS_FIELDS(PYMM_STATS_FIELD_ROW)
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

/* one generation; its number travels as PYMM_A_GC_GENERATION (2) */
#define PYMM_GC_GEN_STATS_FIELDS(X)							\
	X(u64, collections,		COLLECTIONS,		3)			\
	X(u64, collected,		COLLECTED,		4)			\
	X(u64, uncollectable,		UNCOLLECTABLE,		5)			\
	/* current objects or collections counter */					\
	X(u64, count,			COUNT,			6)			\
	X(u64, threshold,		THRESHOLD,		7)			\
	/* tracked objects in this generation */					\
	X(u64, objects,			OBJECTS,		8)			\
	X(u64, pause_last_ns,		PAUSE_LAST_NS,		9)			\
	X(u64, pause_max_ns,		PAUSE_MAX_NS,		10)			\
	X(u64, pause_total_ns,		PAUSE_TOTAL_NS,		11)			\
	/* end of PYMM_GC_GEN_STATS_FIELDS */

struct pymm_gc_gen_stats {
	PYMM_GC_GEN_STATS_FIELDS(PYMM_STATS_FIELD_ROW)
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

/* one list; which (PYMM_FL_*) travels as PYMM_A_FREELIST_KIND (2) */
#define PYMM_FREELIST_INFO_FIELDS(X)							\
	/* the list's capacity (3.11's MAXFREELIST) */					\
	X(u32, max,			MAX_COUNT,		3)			\
	X(u32, block_size,		BLOCK_SIZE,		4) /* of each block */	\
	X(u64, count,			COUNT,			5) /* blocks kept now */ \
	/* end of PYMM_FREELIST_INFO_FIELDS */

struct pymm_freelist_info {
	PYMM_FREELIST_INFO_FIELDS(PYMM_STATS_FIELD_ROW)
};

/*
 * The lists' totals: in the netlink reply they are attributes of the alloc
 * nest (PYMM_A_ALLOC_FREELIST_*), beside struct pymm_alloc_stats's own.
 */
#define PYMM_FREELIST_TOTALS_FIELDS(X)							\
	/* kept by all lists: charged to the quota */					\
	X(u64, bytes,			FREELIST_BYTES,		26)			\
	/* allocations a list served */							\
	X(u64, reuses,			FREELIST_REUSES,	27)			\
	X(u64, saves,			FREELIST_SAVES,		28) /* frees a list kept */ \
	/* blocks freed by full collections */						\
	X(u64, cleared,			FREELIST_CLEARED,	29)			\
	/* blocks freed under memory pressure */					\
	X(u64, shrunk,			FREELIST_SHRUNK,	30)			\
	/* end of PYMM_FREELIST_TOTALS_FIELDS */

struct pymm_freelist_stats {
	__u32 nlists;			/* PYMM_FL_MAX */
	__u32 reserved;
	PYMM_FREELIST_TOTALS_FIELDS(PYMM_STATS_FIELD_ROW)
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
 * as one core call each, with no session at all (docs/netlink.md), so they
 * never move the socket's session to another heap.  One attribute carries at most 64 KiB:
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

/*
 * The stats nests: the field lists above, one attribute per field (each
 * the field's type), after the attributes that are not fields.
 */
#define PYMM_A_ALLOC_ROW(type, field, ATTR, value)	PYMM_A_ALLOC_##ATTR = (value),
#define PYMM_A_CLASS_ROW(type, field, ATTR, value)	PYMM_A_CLASS_##ATTR = (value),
#define PYMM_A_FREELIST_ROW(type, field, ATTR, value)	PYMM_A_FREELIST_##ATTR = (value),
#define PYMM_A_GC_ROW(type, field, ATTR, value)	PYMM_A_GC_##ATTR = (value),

/* struct pymm_alloc_stats, field by field; struct pymm_freelist_stats's totals */
enum pymm_alloc_attr {
	PYMM_A_ALLOC_UNSPEC,
	PYMM_A_ALLOC_PAD,
	/* the free lists' totals first: the last row must be the highest */
	PYMM_FREELIST_TOTALS_FIELDS(PYMM_A_ALLOC_ROW)
	PYMM_ALLOC_STATS_FIELDS(PYMM_A_ALLOC_ROW)

	__PYMM_A_ALLOC_MAX,
	PYMM_A_ALLOC_MAX = __PYMM_A_ALLOC_MAX - 1
};

/* struct pymm_class_stats */
enum pymm_class_attr {
	PYMM_A_CLASS_UNSPEC,
	PYMM_A_CLASS_PAD,
	PYMM_CLASS_STATS_FIELDS(PYMM_A_CLASS_ROW)

	__PYMM_A_CLASS_MAX,
	PYMM_A_CLASS_MAX = __PYMM_A_CLASS_MAX - 1
};

/* one free list: struct pymm_freelist_info, and which list (PYMM_FL_*) */
enum pymm_freelist_attr {
	PYMM_A_FREELIST_UNSPEC,
	PYMM_A_FREELIST_PAD,
	PYMM_A_FREELIST_KIND,		/* u32: PYMM_FL_* */
	PYMM_FREELIST_INFO_FIELDS(PYMM_A_FREELIST_ROW)

	__PYMM_A_FREELIST_MAX,
	PYMM_A_FREELIST_MAX = __PYMM_A_FREELIST_MAX - 1
};

/* struct pymm_gc_gen_stats, plus which generation */
enum pymm_gc_gen_attr {
	PYMM_A_GC_UNSPEC,
	PYMM_A_GC_PAD,
	PYMM_A_GC_GENERATION,		/* u32 */
	PYMM_GC_GEN_STATS_FIELDS(PYMM_A_GC_ROW)

	__PYMM_A_GC_MAX,
	PYMM_A_GC_MAX = __PYMM_A_GC_MAX - 1
};

/*
 * Where each stats field travels, for any reader or writer of the nests:
 * its attribute, its size (4: u32, 8: u64) and its offset in its record.
 * An array per list comes from the list and its expander,
 *	static const struct pymm_stats_field_desc alloc[] = {
 *		PYMM_ALLOC_STATS_FIELDS(PYMM_A_ALLOC_DESC_ROW)
 *	};
 * (offsetof from <stddef.h>, or <linux/stddef.h> in the kernel), so that
 * no reader depends on the order of attributes or of fields.  Never passed
 * to the kernel: no ABI of its own.
 */
struct pymm_stats_field_desc {
	__u16 attr;
	__u16 size;
	__u32 off;
};

#define PYMM_STATS_DESC(st, attr, type, field) \
	{ attr, sizeof(__##type), offsetof(struct st, field) }
#define PYMM_A_ALLOC_DESC_ROW(t, f, A, v) \
	PYMM_STATS_DESC(pymm_alloc_stats, PYMM_A_ALLOC_##A, t, f),
/* the free lists' totals: fields of struct pymm_freelist_stats, alloc attributes */
#define PYMM_A_ALLOC_FL_DESC_ROW(t, f, A, v) \
	PYMM_STATS_DESC(pymm_freelist_stats, PYMM_A_ALLOC_##A, t, f),
#define PYMM_A_CLASS_DESC_ROW(t, f, A, v) \
	PYMM_STATS_DESC(pymm_class_stats, PYMM_A_CLASS_##A, t, f),
#define PYMM_A_FREELIST_DESC_ROW(t, f, A, v) \
	PYMM_STATS_DESC(pymm_freelist_info, PYMM_A_FREELIST_##A, t, f),
#define PYMM_A_GC_DESC_ROW(t, f, A, v) \
	PYMM_STATS_DESC(pymm_gc_gen_stats, PYMM_A_GC_##A, t, f),

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
