/* SPDX-License-Identifier: GPL-2.0 */
/*
 * interp.h - the interpreter's internals, shared by its files (the public
 * interface is eval.h).
 */
#ifndef PYMM_SCRIPT_INTERP_H
#define PYMM_SCRIPT_INTERP_H

#include <stdbool.h>
#include <stdint.h>

#include "eval.h"
#include "format.h"

enum exc_kind {
	EX_NONE = 0,
	/* 1..PYMM_EXC_MAX-1: as enum pymm_exc */
	EX_UNBOUND_LOCAL = 32,
	EX_MODULE_NOT_FOUND,
	EX_SYSTEM,
	EX_NOT_IMPLEMENTED,
	EX_RUNTIME,
	EX_STOP,		/* internal: unsupported feature at runtime */
	/* lang: classes a script can raise and catch by name */
	EX_BASE_EXCEPTION,
	EX_EXCEPTION,
	EX_ARITHMETIC,
	EX_LOOKUP,
	EX_IMPORT,
	EX_ASSERTION,
	EX_STOP_ITERATION,
	/* exc.c: classes only a script raises */
	EX_OS,
	EX_FILE_NOT_FOUND,
	EX_PERMISSION,
	EX_TIMEOUT,
	EX_EOF,
	EX_UNICODE,
	EX_GENERATOR_EXIT,
	EX_KEYBOARD_INTERRUPT,
	EX_SYNTAX,		/* exec() of a string that does not parse */
	EX_SYSTEM_EXIT,		/* sys.exit() (reflect.c) */
	EX_REFERENCE,		/* a dead weakref.proxy used (proxy.c) */
	EX_INDENTATION,		/* exec() of a badly indented string */
};

/* ---------------------------------------------------------------- state */

enum vkind {
	V_NULL,
	V_OBJ,		/* a heap object */
	V_MODULE,	/* gc, sys, weakref */
	V_BUILTIN,	/* a builtin function or module function */
	V_METHOD,	/* list.append & co bound to self */
};

enum { MOD_GC, MOD_SYS, MOD_WEAKREF, MOD_OPERATOR, MOD_COLLECTIONS, MOD_FUNCTOOLS, MOD_ITERTOOLS,
       NMODS };

/* builtin tables (builtins*.c): who a row belongs to */
enum {
	BO_BUILTINS = -1,	/* 0..NMODS-1: the modules */
	BO_LIST = NMODS,	/* methods of a type */
	BO_DICT,
	BO_STR,
	BO_EXC,		/* BaseException's methods (exc.c) */
	BO_GEN,		/* generator.send/close */
	BO_PROPERTY,		/* getter/setter/deleter (descr.c) */
	BO_SET,		/* set and frozenset (sets.c) */
	BO_TYPES,	/* types with no builtins name: NoneType, function ... (typeof.c) */
	BO_OBJECT,	/* object's methods a super() call reaches (typeof.c) */
	BO_BYTEARRAY,	/* bytearray's methods (bytearray.c) */
	BO_TUPLE,	/* tuple.index, tuple.count (builtins_methods.c) */
	BO_BYTES,	/* bytes.decode, bytes.hex (bytearray.c) */
	BO_INT,		/* int's methods (numbers.c) */
	BO_FLOAT,	/* float's methods (numbers.c) */
	BO_STDOUT,	/* sys.stdout: a V_MODULE of this id, and its methods (streams.c) */
	BO_STDERR,	/* sys.stderr */
};

/* struct builtin flags */
#define BF_KW		(1u << 0)	/* takes keyword arguments */
#define BF_RET_BOOL	(1u << 1)	/* bi_gc_simple: ret0 as a bool */
#define BF_RET_INT	(1u << 2)	/* bi_gc_simple: ret0 as an int */
#define BF_MUTATES	(1u << 3)	/* BO_SET: a set's method, not a frozenset's */
#define BF_ARGTUPLE	(1u << 4)	/* arity errors in PyArg_ParseTuple's words */
#define BF_CLASSMETH	(1u << 5)	/* a classmethod (dict.fromkeys): no self from the type */

struct value;
struct interp;
struct builtin;

#define BI_ARGS struct interp *I, const struct builtin *b, struct value *self, \
		struct value *args, int nargs, const char *const *kwn, int nkw, struct value *out

typedef int (*builtin_fn)(BI_ARGS);

struct builtin {
	int owner;		/* BO_* or MOD_* */
	const char *name;
	int min, max;		/* positional arguments; max -1: any number */
	unsigned int flags;	/* BF_* */
	builtin_fn fn;
	uint32_t op;		/* the op a thin wrapper runs */
};

/*
 * One row of a builtins table: ROW(owner, name, min args, max args,
 * BF_* flags, function, op) -- the one definition every table uses.
 */
#define ROW(own, nm, lo, hi, fl, f, o) \
	(&(const struct builtin){ .owner = (own), .name = (nm), .min = (lo), .max = (hi), \
				  .flags = (fl), .fn = (f), .op = (o) })

/* the tables, NULL-terminated: builtins.c, builtins_funcs.c, builtins_methods.c */
extern const struct builtin *const builtins_core[];
extern const struct builtin *const builtins_funcs[];
extern const struct builtin *const builtins_methods[];
extern const struct builtin *const builtins_gen[];	/* generator.c */
extern const struct builtin *const builtins_descr[];
extern const struct builtin *const builtins_iters[];
extern const struct builtin *const builtins_sets[];
extern const struct builtin *const builtins_strs[];	/* str_methods.c */
extern const struct builtin *const builtins_types[];	/* typeof.c */
extern const struct builtin *const builtins_bytearray[];	/* bytearray.c */
extern const struct builtin *const builtins_bytes[];	/* bytes_methods.c */
extern const struct builtin *const builtins_operator[];	/* operator.c */
int bytearray_splice(struct interp *I, uint64_t h, int64_t lo, int64_t hi, const void *p,
		     size_t n);
int bytearray_setitem(struct interp *I, uint64_t h, const struct value *key,
		      const struct value *v);
int bytearray_iadd(struct interp *I, uint64_t h, struct value *x);
int bytearray_irepeat(struct interp *I, uint64_t h, int64_t n);
/* list *= n in place (builtins_methods.c) */
int list_irepeat(struct interp *I, uint64_t h, int64_t n);
int bytes_of_iterable(struct interp *I, struct value *v, char **buf, size_t *n);
const char *value_class_name(struct interp *I, uint64_t h, uint32_t t);
uint32_t type_row_code(int id);
extern const struct builtin *const builtins_weak[];	/* weak.c */
extern const struct builtin *const builtins_proxy[];	/* proxy.c */
extern const struct builtin *const builtins_dir[];	/* builtins_dir.c */
/* reflect.c */
extern const struct builtin *const builtins_reflect[];
extern const struct builtin *const builtins_object[];
extern const struct builtin *const builtins_new[];	/* subclass.c: object.__new__ & co */
int super_new(struct interp *I, uint64_t after, uint64_t cls, struct value *fn);
int setattr_hook(struct interp *I, uint64_t obj, const char *name, const struct value *v);
int getattribute_hook(struct interp *I, uint64_t obj, const char *name, struct value *out);
int del_attr_error(struct interp *I, uint64_t obj, const char *name);
int descr_get_hook(struct interp *I, uint64_t obj, const char *name, struct value *out);
int descr_set_hook(struct interp *I, uint64_t obj, const char *name, const struct value *v);
int descr_set_names(struct interp *I, uint64_t cls, uint64_t ns);
int object_attr(struct interp *I, uint64_t h, const char *name, struct value *out);
int bi_vars(BI_ARGS);
int sys_exit_status(struct interp *I, int *status);
int globals_dict(struct interp *I, struct value *out);
int snapshot_order(struct interp *I, const struct scope *sc, uint64_t d);
void exc_swallow(struct interp *I, int tbhold_base);
int getattr_after_error(struct interp *I, uint64_t obj, const char *name, int tbhold_base,
			struct value *out);
int getattr_hook(struct interp *I, uint64_t obj, const char *name, struct value *out);

struct value {
	enum vkind kind;
	bool owned;		/* V_OBJ: the handle is ours to close */
	uint64_t h;
	int id;			/* V_MODULE / V_BUILTIN / V_METHOD */
	uint64_t self;		/* V_METHOD */
	bool self_owned;
};

/* frames.c: what the interpreter knows of the frame at a depth */
struct frame_note {
	int line;		/* where it called the frame above it from */
	uint64_t fn;		/* its function (borrowed while it runs), or 0 */
};

struct tb_entry {
	int line;
	const char *func;
	struct node *node;	/* the expression that failed there (carets), or NULL */
	uint64_t fh;		/* its frame object (held in tbhold), or 0 */
	bool in_obj;		/* already in the exception's traceback objects */
};

struct interp {
	struct pymm_conn *conn;
	struct script_opts opts;
	struct module *m;		/* running now */
	FILE *out;

	uint64_t h_none, h_true, h_false;
	uint64_t h_notimpl;		/* NotImplemented, 0 until read (operators.c) */
	uint64_t h_ellipsis;		/* Ellipsis, 0 until read (ellipsis.c) */
	uint64_t h_argv;		/* sys.argv, 0 until read (streams.c) */
	bool inplace_op;		/* running `x op= y`: TypeErrors say `op=` */
	uint64_t h_exec_builtins;	/* exec()'s '__builtins__' value, 0 until made */
	uint64_t exec_globals;		/* the dict exec(src, d) runs in (borrowed), or 0 */
	struct module **execs;		/* exec()'s parsed strings (exec.c) */
	int nexecs, cexecs;
	bool cmp_keep;			/* a comparison's value is wanted ... */
	struct value cmp_obj;		/* ... and is this, when a method gave it */
	uint64_t btype_h[PYMM_BTYPE_MAX];	/* the static builtin types stored (btypes.c) */
	uint64_t *bfunc_h;		/* per builtin id: its function / descriptor object (bfunc.c) */
	int nbfunc_h;

	/* constants of every module run so far (interactive: several) */
	uint64_t *held;			/* handles to close at the end */
	int nheld, cheld;
	uint64_t *const_h;		/* per slot of the running code's module */
	uint64_t *late;			/* closed last: the defs' constants (run.c) */
	int nlate, clate;

	/* code tokens: defs[token - 1] */
	struct node **defs;
	int ndefs, cdefs;

	/* code objects we know (fin.c) */
	struct code_entry *codes;
	int ncodes, ccodes;
	int fin_depth;			/* run_finalizers() nesting */
	bool gc_done;			/* a FIN_DONE completed a collection ... */
	uint64_t gc_result;		/* ... with this result */
	bool fin_skipped_told;
	bool gc_callbacks_seen;		/* gc.callbacks was read (gc_callbacks.c) */
	bool gc_due;			/* an op came back with PYMM_OUTF_GC_DUE */
	int gc_in_callbacks;		/* gc_collect_with_callbacks() nesting */

	bool imported[NMODS];
	struct scope *scope;		/* current def's locals, NULL at module level */
	struct classctx *clsctx;	/* classcells.c: the class bodies running */
	struct node *cur_def;		/* the def running now (super()), NULL at module level */
	const char *func;		/* current function name, "<module>" */
	int depth;			/* calls in progress */
	/* sys.setrecursionlimit(): frames, the module's counted (the heap has its own) */
	int recursion_limit;
	int line;			/* line being executed */

	/* current exception */
	int exc;
	char exc_msg[512];
	/*
	 * A refusal ("... is not supported by pymm") is not an exception of
	 * the script's: from the first one on, no except clause matches and no
	 * __exit__ suppresses, so no script catches it and goes on being a
	 * program CPython would not run (refusal.c).
	 */
	bool refused, refusal_shown;
	char refusal_msg[512];
	/*
	 * value_class_name()'s answers for instances: a class name lives in
	 * the heap, so it is copied here; two slots, as a message names at
	 * most two operands' types.
	 */
	char class_name[2][PYMM_NAME_MAX];
	unsigned int class_name_next;
	struct tb_entry *tb;
	int ntb, ctb;
	uint64_t exc_obj;		/* its object, once made (exc.c), owned */
	struct node *fail_node;		/* innermost expression that failed in this frame */
	uint64_t *exc_cls;		/* exc_table's type objects, 0 until made */
	uint64_t *exc_cls_id;
	struct exc_tb *exc_tbs;		/* handled exceptions' tracebacks */
	int nexc_tbs, cexc_tbs;

	uint64_t ret;			/* S_RETURN value (owned) */

	/*
	 * The traceback of a propagating exception keeps every frame it left
	 * alive, with their locals, until the exception is handled (or, if
	 * uncaught, until shutdown clears sys.last_traceback).  The heap's
	 * frames are popped at once, so their locals are held here instead:
	 * innermost frame first, each in binding order, as tb_dealloc and
	 * frame_dealloc release them.
	 */
	uint64_t *tbhold;
	int ntbhold, ctbhold;
	bool tb_reraised;		/* bare raise: this frame's entry is in the object */
	struct frame_note *call_lines;	/* frames.c: per depth, the caller's line and the function */
	uint32_t ccall_lines;
	uint64_t module_code;		/* frames.c: the module frame's f_code, once made */
	uint64_t cur_fn;		/* the running function (borrowed), 0: module or unknown */

	struct name_ids *name_ids;	/* nameids.c */

	/* deferred CLOSEs, sent before the next op */
	struct pymm_op *pending;
	unsigned int npending, cpending;
	struct pymm_op *batch;
	unsigned int cbatch;

	char *obuf;			/* READ_OUTPUT buffer */
	size_t obuf_cap;

	/* lang.c / comprehension.c */
	struct comp_ctx *comp;		/* innermost comprehension running */
	struct handled *handled;	/* innermost except clause running */
	struct from_import *froms;	/* `from gc import collect` bindings */
	int nfroms, cfroms;
	bool genexp_ok;			/* a generator expression may be made now */

	/* generator.c: the contexts of unfinished generators, by slot (a
	 * token's low half - 1); finished ones' slots are reused */
	struct genctx **gens;
	int ngens, cgens;
	int *gen_free;			/* free slots, cgens of room */
	int ngen_free;
	struct genctx *gen_cur;		/* the generator running now, or NULL */
	uint32_t gen_nonce;		/* high half of every token, 0 until the first */
	struct weak_state *weak;	/* weak.c: the weakref prelude, once imported */
	/*
	 * Some code defines __setattr__, __delattr__ or __getattribute__: only
	 * then does an instance's attribute access first ask its class for
	 * them (an op per access the other scripts do not pay).
	 */
	bool attr_hooks;
	bool descr_hooks;		/* likewise for __get__/__set__/__delete__/__set_name__ */
	struct stdmods_state *stdmods;	/* stdmods.c: collections & co, once imported */
};

/* a comprehension being run: its captured enclosing locals (comprehension.c) */
struct comp_ctx {
	struct comp_ctx *outer;
	char **names;
	uint64_t *hs;			/* owned handles */
	int n;
};

/* the exception an except clause handles (bare `raise` re-raises it) */
struct handled {
	struct handled *outer;
	int exc;
	char msg[512];
	const char *as_name;
	uint64_t obj;			/* the exception (owned), 0 if none */
	int tb_mark;			/* I->nexc_tbs before its own */
};

/* a traceback kept with a handled exception object (exc.c) */
struct exc_tb {
	uint64_t id, args_id;		/* the object's ID and its args' (an ID can be reused) */
	struct tb_entry *tb;		/* innermost first */
	int n;
};

/* the exception being raised, set aside while other code runs */
struct exc_saved {
	int exc, ntb;
	uint64_t obj;
	struct node *fail_node;
	char msg[512];
};

struct from_import {
	char *name;
	int id;				/* builtin id */
};

/* GET_ITER's result: an iterator object */
struct py_iter {
	bool is_gen;			/* h is a generator: each step resumes it */
	bool is_inst;			/* h is an instance: each step calls __next__ */
	uint64_t h;			/* the iterator object (owned) */
	uint32_t kind;			/* PYMM_OP_NEW_ITER's ret1 (PYMM_ITER_*), 0 unknown */
};

/* what obj_read() found: a scalar's value, or a str/bytes/names copy */
struct objinfo {
	uint32_t type;
	int64_t i;
	uint64_t i2;		/* READ's ret[1] */
	double f;
	char *s;		/* malloc'd: str/bytes/names */
	size_t len;
};

enum flow { F_NORMAL, F_RETURN, F_BREAK, F_CONTINUE, F_EXC };

#define MAX_DEPTH	PYMM_RECURSION_LIMIT	/* user-space guard; the heap enforces its own */

/* bfunc.c: builtin functions and methods as heap objects */
int bfunc_materialize(struct interp *I, struct value *v);
void bfunc_forget(struct interp *I);
int bfunc_kind(struct interp *I, uint64_t h);
int bfunc_unwrap(struct interp *I, uint64_t h, const struct objinfo *oi, struct value *out);
const char *bfunc_type_name(struct interp *I, uint64_t h);
int bfunc_attr(struct interp *I, uint64_t h, const char *name, struct value *out, bool *handled);

struct strbuf;
int bfunc_repr(struct interp *I, uint64_t h, const struct objinfo *oi, struct strbuf *b);

/* btypes.c */
int btype_promote(struct interp *I, struct value *v);
int btype_row_of(struct interp *I, uint64_t h, const struct objinfo *oi);
int btype_demote(struct interp *I, struct value *v);

/* run.c */
void interp_hold(struct interp *I, uint64_t h);

/* interp.c */
int exc_index_by_name(const char *name);
int exc_kind_by_name(const char *name);
const char *exc_kind_name(int kind);
bool exc_matches(int kind, const char *name);
int exc_rows(void);
const char *exc_row_name(int row);
int exc_row_kind(int row);
int exc_row_parent(int row);
void *xrealloc(void *p, size_t n);
bool refusal_pending(struct interp *I);
void refusal_shown(struct interp *I);
int raise_exc(struct interp *I, int kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tb_push(struct interp *I, int line, const char *func);
void trace_op(const struct pymm_op *op);
int xops(struct interp *I, struct pymm_op *ops, unsigned int n);
int op1(struct interp *I, struct pymm_op *op);
int flush_pending(struct interp *I);
int drain_output(struct interp *I);
void queue_close(struct interp *I, uint64_t h);
void vrelease(struct interp *I, struct value *v);
struct value vobj(uint64_t h, bool owned);
int held_object(struct interp *I, uint64_t *slot);
int getattr_h(struct interp *I, uint64_t h, const char *name, uint64_t *out);	/* classes.c */
int same_object(struct interp *I, uint64_t a, uint64_t b, bool *res);
int raise_op(struct interp *I, const struct pymm_op *op, const char *what);
int op1_raise(struct interp *I, struct pymm_op *op);
/* nameids.c: a string name op as its _ID twin when the name has an ID */
int name_op_by_id(struct interp *I, struct pymm_op *op, const char *name);
int name_id_get(struct interp *I, const char *name, uint64_t *id);
int aug_name_ints(struct interp *I, struct node *s);	/* augname.c */
int op1_name(struct interp *I, struct pymm_op *op, const char *name);
void name_ids_release(struct interp *I, bool close);
int obj_type(struct interp *I, uint64_t h, uint32_t *type);
int obj_read(struct interp *I, uint64_t h, struct objinfo *oi);
uint64_t obj_id(struct interp *I, uint64_t h, int *err);
int obj_items(struct interp *I, uint64_t h, uint64_t **hs, uint32_t *n);
void close_many(struct interp *I, uint64_t *hs, uint32_t n);
const char *type_name(uint32_t t);
const char *objinfo_type_name(const struct objinfo *oi);
int op1_on_obj(struct interp *I, struct pymm_op *op, uint64_t h, const char *type_fmt)
	__attribute__((format(printf, 4, 0)));
int new_scalar(struct interp *I, uint32_t code, uint64_t arg, const void *data,
		      size_t len, struct value *out);
int new_int(struct interp *I, int64_t v, struct value *out);
int new_float(struct interp *I, double d, struct value *out);
int overflow_range(struct interp *I);
extern const struct builtin *const builtins_numbers[];	/* numbers.c */
extern const struct builtin *const builtins_format[];	/* fstring.c */
extern const struct builtin *const builtins_translate[];	/* translate.c */
int format_result(struct interp *I, const struct value *v, bool is_repr, const char *p,
		  size_t n, struct value *out);
int new_str(struct interp *I, const char *s, size_t n, struct value *out);
struct value vbool(struct interp *I, bool b);
struct value vnone(struct interp *I);
int new_container(struct interp *I, uint32_t code, const uint64_t *hs, uint32_t n,
			 struct value *out);
int value_repr(struct interp *I, const struct value *v, struct strbuf *b, bool as_str);
int need_obj(struct interp *I, const struct value *v);
/*
 * Is h None?  A handle carries its object's type (PYMM_HANDLE_TYPE), and
 * None reaches the interpreter through many handles (each name holding it
 * has its own), not only I->h_none.
 */
static inline bool is_none_h(const struct interp *I, uint64_t h)
{
	return h == I->h_none || PYMM_HANDLE_TYPE(h) == PYMM_T_NONE;
}

int read_int(struct interp *I, const struct value *v, int64_t *out, const char *ctx);
int instance_index(struct interp *I, uint64_t h, int64_t *out);
/* str helpers shared by builtins_methods.c and str_methods.c */
int dup_of(struct interp *I, uint64_t h, struct value *out);
int str_of(struct interp *I, const struct value *v, struct objinfo *oi, const char *what);
int64_t cp_count(const char *s, size_t n);
int push_text(struct interp *I, const struct value *self, const struct objinfo *me,
	      const char *s, size_t n, bool share, uint64_t **hs, uint32_t *cnt);
/* operators.c: an instance's operator methods; 1: none applies */
int instance_binop(struct interp *I, int op, const struct value *a, const struct value *b,
		   bool inplace, struct value *out);
int instance_unary(struct interp *I, const char *name, const struct value *a, struct value *out);
int raise_unsupported(struct interp *I, int op, const char *ta, const char *tb);
int raise_unsupported_of(struct interp *I, int op, const struct value *a, const struct value *b);
int notimpl_load(struct interp *I, struct value *out);
/* streams.c: sys.stdout, sys.stderr and sys's plain values */
extern const struct builtin *const builtins_streams[];
int stream_of(const struct value *v);
void stream_repr(int which, struct strbuf *b);
int stream_write(struct interp *I, int which, const char *s, size_t n);
int stream_refuse_attr(struct interp *I, int which, const char *name);
int sys_value_attr(struct interp *I, const char *name, struct value *out);
int ellipsis_load(struct interp *I, struct value *out);
int is_ellipsis(struct interp *I, const struct value *v, bool *res);
int is_notimpl(struct interp *I, const struct value *v, bool *res);
/* typeof.c: class c has b in its __mro__ */
int class_derives(struct interp *I, uint64_t c, const struct value *b, bool *res);
int truth(struct interp *I, const struct value *v, bool *out);
bool name_is_local(struct interp *I, const char *name);
int load_name(struct interp *I, const char *name, struct value *out);
int store_name(struct interp *I, const char *name, const struct value *v);
int del_name(struct interp *I, const char *name);

/* expr.c */
int eval_many(struct interp *I, struct nvec *v, struct value *vals);
void release_many(struct interp *I, struct value *vals, int n);
int getitem(struct interp *I, uint64_t c, uint64_t k, struct value *out);
int num_of(struct interp *I, const struct value *v, struct objinfo *oi, bool *is_num);
int binop(struct interp *I, int op, const struct value *a, const struct value *b,
		 struct value *out);
int compare(struct interp *I, int cmp, const struct value *a, const struct value *b,
		   bool *res);
int eval_truth(struct interp *I, struct node *n, bool *res);
int eval_attr(struct interp *I, struct node *n, struct value *out);

/* iterobj.c */
int callable_iter_new(struct interp *I, struct value *fn, struct value *sentinel,
		      struct value *out);
const char *iter_kind_name(uint32_t kind);
int iterobj_next(struct interp *I, uint64_t h, struct value *out, bool *done);

/* descr.c */
const char *descr_kind_name(uint32_t kind);
int descr_repr(struct interp *I, uint64_t h, uint32_t kind, struct strbuf *b);
int descr_method_value(struct interp *I, struct value *obj, const char *name, struct value *out);
int descr_apply(struct interp *I, const struct pymm_op *op, uint64_t obj, const char *name,
		const struct value *v, struct value *out);
int eval(struct interp *I, struct node *n, struct value *out);

/* call.c */
void release_tbhold(struct interp *I, int base);
/* the current frame's object, for the traceback entry just pushed (fn: its function, or 0) */
void hold_frame_object(struct interp *I, uint64_t fn);
/* the keyword names of call node cn into a new array *kwn (NULL: none) */
int call_kwnames(struct node *cn, const char ***kwn);
int call(struct interp *I, struct value *fn, struct value *args, int nargs,
		struct node *cn, struct value *out);

/* classes.c */
enum flow exec_class(struct interp *I, struct node *s);
/* subclass.c: classes derived from list or dict */
int subclass_base(struct interp *I, const struct value *base, uint64_t *out);
int subclass_defines(struct interp *I, uint64_t h, const char *name, uint32_t *type);
int subclass_super_method(struct interp *I, uint64_t sh, const char *name, struct value *fn);
const char *subclass_type_name(struct interp *I, uint64_t h);
int subclass_call(struct interp *I, uint64_t h, const char *name, struct value *args,
		  int nargs, struct value *out);
const char *attr_owner_name(struct interp *I, uint64_t h, uint32_t type);
int refuse_obj_attr(struct interp *I, uint64_t h, uint32_t type, const char *name);
int subclass_instantiate(struct interp *I, struct value *cls, uint32_t layout,
			 struct value *args, int nargs, const char *const *kwn, int nkw,
			 struct node *cn, struct value *out);
int instantiate(struct interp *I, struct value *cls, const char *cname, struct value *args,
		int nargs, const char *const *kwn, int nkw, struct node *cn, struct value *out);
/* fn(self, *args, **kw): self borrowed (it gets its own reference), args taken over */
int call_with_self(struct interp *I, struct value *fn, uint64_t self, struct value *args,
		   int nargs, const char *const *kwn, int nkw, struct node *cn, struct value *out);
int call_bound(struct interp *I, struct value *m, struct value *args, int nargs,
	       const char *const *kwn, int nkw, struct node *cn, struct value *out);
int super_attr(struct interp *I, struct node *n, struct value *out);
int method_lookup(struct interp *I, struct node *attr, struct value *obj, struct value *fn,
		  struct value *self);
int call_method_self(struct interp *I, struct value *fn, struct value *self, struct value *args,
		     int nargs, struct node *cn, struct value *out);
int has_special(struct interp *I, uint64_t h, const char *name);
/* fin.c, code_attrs.c: a code object's def, and its co_* attributes */
struct node *def_of_code(struct interp *I, uint64_t h);
int code_attr(struct interp *I, uint64_t h, const char *name, struct value *out);
/* builtins_methods.c: PyDict_Merge of a dict into a dict */
int dict_merge(struct interp *I, uint64_t d, uint64_t src);
/* generator.c: this interpreter's nonce, the high half of its tokens */
uint64_t gen_nonce(struct interp *I);
/* closure.c: a lambda's or comprehension's code token */
uint64_t def_token_new(struct interp *I, struct node *def);
/* str_methods.c: str's case operations (unicase.c's tables) */
enum { CASE_UPPER, CASE_LOWER, CASE_CAPITALIZE, CASE_CASEFOLD, CASE_SWAPCASE, CASE_TITLE };
int str_recase(struct interp *I, struct value *self, int op, struct value *out);
/* the is-tests: str's (str_methods.c) and bytes' (bytes_methods.c) */
enum {
	IS_ALNUM, IS_ALPHA, IS_ASCII, IS_DECIMAL, IS_DIGIT, IS_IDENTIFIER, IS_LOWER,
	IS_NUMERIC, IS_PRINTABLE, IS_SPACE, IS_TITLE, IS_UPPER,
};
/* bytes_methods.c: str methods serving bytes and bytearray too (self's type t) */
int text_new(struct interp *I, uint32_t t, const char *p, size_t n, struct value *out);
int text_same(struct interp *I, const struct value *self, const struct objinfo *me,
	      struct value *out);
int text_arg(struct interp *I, uint32_t t, const struct value *v, struct objinfo *oi,
	     const char *what);
int64_t text_pos(uint32_t t, const char *s, size_t n);
size_t text_space_at(uint32_t t, const char *s, size_t n, size_t i);
size_t text_space_before(uint32_t t, const char *s, size_t i);
size_t text_char_len(uint32_t t, const char *s, size_t i);
size_t text_before(uint32_t t, const char *s, size_t i);
/* classcells.c: the cells of a class body (classes in functions, __class__) */
struct classctx;
int class_cells_enter(struct interp *I, struct scope *sc, struct classctx **out);
int class_cells_fill(struct interp *I, struct classctx *c, uint64_t cls);
void class_cells_leave(struct interp *I, struct classctx *c);
int class_cell(struct interp *I, const char *name, uint64_t *cell);
int class_deref_load(struct interp *I, const char *name, struct value *out);
int class_deref_store(struct interp *I, const char *name, const struct value *v);
int class_qualname(struct interp *I, uint64_t h, bool instance, char **out);
int comp_cells_take(struct interp *I, const struct nameset *frees, uint64_t **hs);
int comp_cells_bind(struct interp *I, const struct nameset *frees, uint64_t *hs);
int call_special(struct interp *I, uint64_t h, const char *name, struct value *args, int nargs,
		 struct value *out);
int call_special_kw(struct interp *I, uint64_t h, const char *name, struct value *args,
		    int nargs, const char *const *kwn, int nkw, struct value *out);
int instance_repr(struct interp *I, uint64_t h, bool as_str, struct strbuf *b);
/* userkey.c: keys whose class defines __hash__ / __eq__ */
int userkey_resolve(struct interp *I, struct pymm_op *op);
int user_hash(struct interp *I, uint64_t h, int64_t *out);
const char *userkey_op_text(uint32_t code);
int userkey_algebra(struct interp *I, uint64_t so, uint64_t other, int setop,
		    struct pymm_op *op);
int userkey_set_equal(struct interp *I, uint64_t a, uint64_t b, bool *res);
int userkey_seq_equal(struct interp *I, uint64_t a, uint64_t b, bool *res);
/* builtins_methods.c: LEN of a heap object */
int len_of(struct interp *I, uint64_t h, int64_t *n);
int userkey_new_set(struct interp *I, bool frozen, uint64_t other, const uint64_t *hs,
		    uint32_t n, struct value *out);
int userkey_new_dict(struct interp *I, const uint64_t *kv, uint32_t npairs, struct value *out);
/* sets.c: SET_ADD / SET_DISCARD / SET_CONTAINS, CPython's TypeError for an unhashable item */
int set_item_op(struct interp *I, uint32_t code, uint64_t set, uint64_t item, uint64_t *ret);
/* sets.c: TypeError "unhashable type: 'list'" (an instance: its class's name) */
int raise_unhashable(struct interp *I, uint64_t item);
int raise_unhashable_key(struct interp *I, const uint64_t *kv, uint32_t npairs);
int rich_compare(struct interp *I, int code, uint64_t a, uint64_t b, bool *res);
int special_len(struct interp *I, uint64_t h, int64_t *n);
int special_truth(struct interp *I, uint64_t h, bool *res);
int machinery_repr(struct interp *I, uint64_t h, uint32_t type, const char *name,
		   struct strbuf *b);

/* call.c: kwn names the nkw keyword arguments, args[nargs..nargs+nkw) */
int call_ex(struct interp *I, struct value *fn, struct value *args, int nargs,
	    const char *const *kwn, int nkw, struct node *cn, struct value *out);

/* args.c: one handle per parameter, co_varnames order */
struct bound {
	uint64_t *h;
	bool *owned;		/* ours to close (defaults, *args, **kwargs) */
	int n;
};
int bind_args(struct interp *I, uint64_t fnh, struct node *def, struct value *args, int nargs,
	      const char *const *kwn, int nkw, struct bound *b);
void bound_free(struct interp *I, struct bound *b);
bool call_has_star(struct node *cn);
int eval_star_args(struct interp *I, struct node *cn, const struct value *fn,
		   struct value **args, int *nargs, char ***kwn, int *nkw, uint64_t *callargs);

/* closure.c */
struct node *def_of_token(struct interp *I, uint64_t token);
int make_function(struct interp *I, struct node *def, struct value *out);
int decorate(struct interp *I, struct value *decos, int n, struct value *v);
int eval_def(struct interp *I, struct node *def, struct value *out);
int deref_load(struct interp *I, const char *name, struct value *out);
int deref_store(struct interp *I, const char *name, const struct value *v);
int deref_del(struct interp *I, const char *name);
int frame_setup_cells(struct interp *I, uint64_t fnh, struct node *def);
int func_attr(struct interp *I, uint64_t h, uint32_t type, const char *name,
	      struct value *out, bool *handled);
int func_setattr(struct interp *I, uint64_t h, const char *name, const struct value *v,
		 bool *handled);

/* builtins.c */
const char *module_name(int mod);
const char *builtin_name(int id);
int module_index(const char *name);
int builtin_lookup(int mod, const char *name);
int call_builtin(struct interp *I, int id, struct value *self, struct value *args, int nargs,
		 const char *const *kwn, int nkw, struct value *out);
const struct builtin *builtin_get(int id);
const char *builtin_owner_name(int id);
int builtin_method_lookup(uint32_t type, const char *name);
/* builtins_methods.c: the method id for obj.name(...), -1 none, -2 error raised */
int builtin_method_of(struct interp *I, const struct value *obj, const char *name);
int iter_items(struct interp *I, const struct value *v, uint64_t **hs, uint32_t *n);
/* LIST_SORT: 0 sorted, 1 not by the core (sort here), -1 raised */
int core_list_sort(struct interp *I, uint64_t list, bool reverse);
/* LIST_FROM / TUPLE_FROM (code): list(seq) / tuple(seq) of a list or tuple
 * in one op; 1: seq is neither */
int core_seq_from(struct interp *I, uint32_t code, uint64_t seq, struct value *out);
/* dict(...) (builtins_methods.c, with dict.update) */
int bi_dict(BI_ARGS);
int sort_handles(struct interp *I, const uint64_t *hs, uint32_t n, struct value *key,
		 bool reverse, uint64_t **sorted);
int sort_keywords(struct interp *I, const char *fname, struct value *args, int nargs,
		  const char *const *kwn, int nkw, struct value **key, bool *reverse);
int nargs_check(struct interp *I, const char *name, int nargs, int lo, int hi);

/* stmt.c */
enum flow exec_block(struct interp *I, struct nvec *body);
int lang_assign_target(struct interp *I, struct node *t, struct value *v);

/* iter.c: the one iteration protocol */
int iter_get(struct interp *I, const struct value *v, struct py_iter *it);
int iter_node(struct interp *I, struct node *n, struct py_iter *it);
int iter_next(struct interp *I, struct py_iter *it, struct value *out, bool *done);
int iter_next_h(struct interp *I, uint64_t h, struct value *out, bool *done);
void iter_release(struct interp *I, struct py_iter *it);
int iter_collect(struct interp *I, const struct value *v, uint64_t **hs, uint32_t *n);
int iter_wrap(struct interp *I, const struct value *v, struct py_iter *it);

/* generator.c */
struct comp_ctx;
int gen_new(struct interp *I, uint64_t fnh, struct node *def, struct py_iter *first,
	    struct comp_ctx *cx, struct value *out);
int gen_next(struct interp *I, uint64_t gh, struct value *out, bool *done);
int gen_close(struct interp *I, uint64_t gh);
int gen_eval(struct interp *I, struct node *n, struct value *out);
int gen_yield(struct interp *I, struct value *v);
void gen_free_all(struct interp *I);

/* with.c */
enum flow exec_with(struct interp *I, struct node *s);

int iter_contains(struct interp *I, const struct value *seq, const struct value *item,
		  bool *res);

/* sets.c: set and frozenset */
int set_kind(struct interp *I, uint64_t h, bool *is_set);
int pair_types(struct interp *I, uint64_t a, uint64_t b, uint32_t *ta, uint32_t *tb);
const char *value_type_name(struct interp *I, uint64_t h, uint32_t type);
int set_display(struct interp *I, struct node *n, bool for_iter, struct value *out);
int set_new_empty(struct interp *I, struct value *out);
int set_contains(struct interp *I, uint64_t set, uint64_t item, bool *res);
/* builtins_methods.c: dict's operators */
int dict_update_arg(struct interp *I, uint64_t d, struct value *arg);
int dict_set(struct interp *I, uint64_t d, uint64_t k, uint64_t v);
int dict_copy(struct interp *I, uint64_t d, struct value *out);
int dict_or(struct interp *I, uint32_t ta, uint32_t tb, const struct value *a,
	    const struct value *b, struct value *out);
int set_binop(struct interp *I, int op, const struct value *a, const struct value *b,
	      struct value *out);
int set_inplace(struct interp *I, int op, const struct value *a, const struct value *b);
int set_order(struct interp *I, int cmp, const struct value *a, const struct value *b,
	      bool *res);

/* ranges.c: range and range_iterator */
int bi_range(BI_ARGS);
int range_repr(struct interp *I, uint64_t h, struct strbuf *b);
int range_kind(struct interp *I, uint64_t h, bool *is_iter);
int range_reversed(struct interp *I, uint64_t h, struct value *out);
int range_contains(struct interp *I, uint64_t h, const struct value *item, bool *res);

/* views.c: dict_keys, dict_values, dict_items */
int m_view(BI_ARGS);
int view_kind(struct interp *I, uint64_t h);
const char *view_type_name(int kind);
int view_repr(struct interp *I, uint64_t h, struct strbuf *b);
int view_contains(struct interp *I, uint64_t h, const struct value *item, bool *res);
int view_refuse_setlike(struct interp *I, const char *what, const struct value *a,
			const struct value *b);

/* typeof.c: type(x) */
int bi_type(BI_ARGS);
/* classes.c: type(name, bases, dict) */
int type_new3(struct interp *I, struct value *args, struct value *out);
/* subclass.c: a class's own __new__, then __init__; 1: the class has none */
int user_new(struct interp *I, struct value *cls, uint32_t layout, struct value *args,
	     int nargs, const char *const *kwn, int nkw, struct node *cn, struct value *out);
int bi_issubclass(BI_ARGS);
bool builtin_is_type(int id);
/* is h the heap's `object` (typeof.c)? */
int is_object_class(struct interp *I, uint64_t h, bool *res);
int builtin_type_attr(struct interp *I, const struct value *obj, const char *name,
		      struct value *out);

/* comprehension.c */
int eval_comp(struct interp *I, struct node *n, struct value *out);
int comp_load(struct interp *I, const char *name, struct value *out);
int genexp_body(struct interp *I, struct node *n, struct py_iter *first);
void comp_ctx_free(struct interp *I, struct comp_ctx *cx);

/* lang.c: slices, bitwise operators, starred items, :=, newer statements */
bool lang_is_bitop(int op);
int lang_bitop(struct interp *I, int op, const struct value *a, const struct value *b,
	       struct value *out);
int lang_invert(struct interp *I, const struct value *a, struct value *out);
int lang_eval(struct interp *I, struct node *n, struct value *out);
int lang_subscr(struct interp *I, struct node *n, struct value *out);
int lang_assign_slice(struct interp *I, struct node *t, const struct value *v);
int lang_del_slice(struct interp *I, struct node *t);
int lang_assign_star(struct interp *I, struct node *t, struct value *v,
		     int (*assign)(struct interp *, struct node *, struct value *));
bool lang_has_starred(struct nvec *v);
int lang_display_star(struct interp *I, struct node *n, struct value *out);
enum flow lang_exec(struct interp *I, struct node *s);
int lang_load_name(struct interp *I, const char *name, struct value *out);
void lang_forget_name(struct interp *I, const char *name);
void lang_free(struct interp *I);
int lang_bind_handler_name(struct interp *I, struct node *h);
void lang_unbind_handler_name(struct interp *I, struct node *h);

/* fstring.c: f-strings, format specs, str % args */
int eval_fstring(struct interp *I, struct node *f, struct value *out);
int format_value(struct interp *I, const struct value *v, const char *spec, size_t n,
		 struct strbuf *b);
int lang_percent(struct interp *I, const struct value *a, const struct value *b,
		 struct value *out);

/* exc.c: exceptions as heap objects */
extern const struct builtin *const builtins_exc[];
extern const struct builtin *const builtins_exc_sys[];
int exc_class_of_row(struct interp *I, int idx, uint64_t *h);
int exc_load_builtin(struct interp *I, const char *name, struct value *out);
int exc_kind_of_class(struct interp *I, uint64_t cls, int *kind);
int class_mro(struct interp *I, uint64_t cls, uint64_t **hs, uint32_t *n);
/* the built-in exception row h is an instance of (0: no exception) */
int exc_kind_of(struct interp *I, uint64_t h, int *kind);
int exc_isinstance(struct interp *I, uint64_t h, uint64_t cls, bool *res);
bool exc_class_is_builtin(struct interp *I, uint64_t cls, const char **name);
int exc_set_args(struct interp *I, uint64_t inst, struct value *args, int nargs);
int exc_new_of_kind(struct interp *I, int kind, struct value *args, int nargs, uint64_t *out);
int exc_super_method(struct interp *I, uint64_t self, const char *name, struct value *fn);
int exc_repr(struct interp *I, uint64_t h, bool as_str, struct strbuf *b);
int exc_default_attr(struct interp *I, uint64_t h, const char *name, struct value *out);
void exc_stash(struct interp *I, struct exc_saved *s);
void exc_unstash(struct interp *I, struct exc_saved *s);
int exc_materialize(struct interp *I);
int exc_raise_object(struct interp *I, uint64_t h, int kind);
int exc_normalize(struct interp *I, struct value *typ, struct value *val, uint64_t *h, int *kind);
int exc_raise_stmt(struct interp *I, struct node *s);
int exc_handler_matches(struct interp *I, struct node *h, int line, bool *match);
void exc_handler_enter(struct interp *I, struct handled *hd, int line);
void exc_handler_exit(struct interp *I, struct handled *hd, bool raising);
void exc_record_tb(struct interp *I, uint64_t h, int line);
void exc_traceback_here(struct interp *I, uint64_t h, int line);
/* fin.c: a code object's record (CODE_READ); *buf the caller's to free */
int code_record(struct interp *I, uint64_t h, struct pymm_code_info *info, char **buf);
/* frames.c */
void frame_line_note(struct interp *I, uint64_t depth, uint64_t fn);
int frame_attr(struct interp *I, uint64_t h, uint32_t type, const char *name,
	       struct value *out, bool *handled);
int exc_with_traceback(struct interp *I, uint64_t self, struct value *tb, struct value *out);
int exc_set_traceback(struct interp *I, uint64_t h, struct value *tb, bool *handled);
int frame_repr(struct interp *I, uint64_t h, uint32_t type, struct strbuf *b);
extern const struct builtin *const builtins_frames[];
void exc_chain_context(struct interp *I, uint64_t ctx);
void exc_print_tb(struct interp *I, const struct tb_entry *tb, int n);
void exc_print_line(struct interp *I);
void exc_print_chain(struct interp *I);
void exc_free(struct interp *I);

/* refusals.c: what CPython 3.11 has that pymm does not */
bool cpython_has(const char *owner, const char *name);
const char *const *cpython_names(const char *owner);
/* imports.c */
bool stdlib_has(const char *top);
int import_module_index(struct interp *I, const char *full, const char *what);
int refuse_attr(struct interp *I, const char *owner, const char *name, bool is_module);

/* fin.c */
int new_code_function(struct interp *I, struct node *def, struct value *out);
struct node *def_of_objinfo(struct interp *I, const struct objinfo *oi);
struct node *def_of_function(struct interp *I, uint64_t fh, uint64_t code_id);
int run_finalizers(struct interp *I);
int call_unraisable(struct interp *I, struct value *fn, uint64_t fh, struct value *args,
		    int nargs);

/* gc_callbacks.c */
int gc_collect_with_callbacks(struct interp *I, int gen, uint64_t *result);
int gc_run_due(struct interp *I);
void fin_skipped_note(struct interp *I);
void codes_free(struct interp *I);
void codes_release(struct interp *I);

/* weak.c: weakref's Python classes and getweakrefs & co */
int weak_import(struct interp *I);
/* stdmods.c */
int stdmod_import(struct interp *I, int mod);
int stdmod_attr(struct interp *I, int mod, const char *name, struct value *out);
bool stdmod_is_prelude(int mod);
void stdmods_free(struct interp *I);
void stdmods_destroy(struct interp *I);
char *str_attr_of(struct interp *I, uint64_t h, const char *name);
/* weak.c: a prelude's module-level names (weak.c's and stdmods.c's preludes) */
int prelude_global_get(struct interp *I, const char *name, uint64_t *h);
int weakref_made(struct interp *I, struct pymm_op *op, uint64_t referent, struct value *out);
int prelude_global_set(struct interp *I, uint32_t code, const char *name, uint64_t h);
int stdmod_binop(struct interp *I, int op, const struct value *a, const struct value *b,
		 struct value *out);
int stdmod_unary(struct interp *I, int op, const struct value *a, struct value *out);
int stdmod_compare(struct interp *I, int code, const struct value *a, const struct value *b,
		   bool *res);
int stdmod_del_missing(struct interp *I, uint64_t h);
int weak_module_attr(struct interp *I, const char *name, struct value *out);
/* proxy.c: weakref.proxy objects, forwarded to their referent */
bool is_proxy(const struct value *v);
int proxy_deref(struct interp *I, struct value *v);
int proxy_deref2(struct interp *I, struct value *a, struct value *b);
const char *proxy_type_name(struct interp *I, uint64_t h);
int proxy_repr(struct interp *I, uint64_t h, struct strbuf *b, bool as_str);
int proxy_call_builtin(struct interp *I, const struct builtin *b, struct value *args,
		       int nargs, const char *const *kwn, int nkw, struct value *out);
int weak_attr(struct interp *I, uint64_t h, const char *name, struct value *out);
int weak_atexit(struct interp *I);
int weak_isinstance(struct interp *I, const struct value *x, int id, bool *res);
int weak_method_class(struct interp *I, uint64_t cls, bool *res);
int bi_weakref(BI_ARGS);
void weak_free(struct interp *I);
void weak_destroy(struct interp *I);

/* run.c */
int module_consts(struct interp *I, struct module *m);
/* exec.c */
int bi_exec(BI_ARGS);
int exec_is_builtins(struct interp *I, uint64_t h, bool *res);
void exec_free(struct interp *I);
int names_list(struct interp *I, bool local, char **buf, uint32_t *len,
		      uint32_t *count);

#endif /* PYMM_SCRIPT_INTERP_H */
