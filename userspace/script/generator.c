// SPDX-License-Identifier: GPL-2.0
/*
 * generator.c - generators: `yield`, `yield from`, next(), send(), throw(),
 * close().
 *
 * The heap keeps what CPython's heap keeps for a generator: the object and
 * its frame's locals (core types/gen.c).  What CPython keeps besides, the
 * frame's instruction pointer and value stack, is here the state of a
 * tree-walking evaluation: C frames of exec_block()/eval() with their
 * handles.  So the body of a generator runs on a C stack of its own (a
 * ucontext): `yield` switches back to whoever resumed it, and the next
 * resume switches in again, the evaluation going on where it stopped.  The
 * alternative, an evaluator whose every construct can save and rebuild its
 * state (a re-entrant tree walk), would touch every statement and
 * expression of the interpreter; a stack switch touches none of them, and
 * the state it keeps is exactly the one a running call keeps.  Only one
 * context runs at a time: the interpreter's fields that describe the
 * running frame (struct frame_state) are swapped with it.
 *
 * Each resume is one GEN_RESUME (the frame back on the client's stack, so
 * names resolve in it), then, after the switch back, one GEN_SUSPEND (at a
 * yield) or GEN_FINISH (the body returned or raised: the frame is cleared
 * then, before the caller sees StopIteration, as gen_send_ex2 does).  A
 * stack is mapped at the first resume and unmapped when the body ends.
 *
 * The kernel knows nothing of C stacks: a generator that dies while
 * suspended releases its locals there, but the handles its suspended
 * evaluation holds (a for loop's iterator inside the body) stay open until
 * the interpreter ends (docs/pymmctl.md, "Generators").
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <ucontext.h>

#include "interp.h"

/* AddressSanitizer must be told of every stack switch */
#if defined(__SANITIZE_ADDRESS__)
#define GEN_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GEN_ASAN 1
#endif
#endif
#ifdef GEN_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

/*
 * A body may recurse up to the recursion limit like any code: the same
 * reservation as the interpreter's own thread (tool/pymmctl.c,
 * run_big_stack()), address space only until touched.
 */
#define GEN_STACK	((size_t)512 << 20)

enum gen_run { GR_CREATED, GR_SUSPENDED, GR_RUNNING, GR_DONE };

/* the interpreter's fields that belong to the running frame */
struct frame_state {
	struct module *m;
	struct scope *scope;
	struct node *cur_def;
	const char *func;
	uint64_t cur_fn;		/* 0 in a generator: it holds no handle of it */
	int line;
	uint64_t *const_h;
	struct comp_ctx *comp;
	struct handled *handled;
};

struct genctx {
	struct interp *I;
	int slot;			/* in I->gens */
	struct node *def;		/* S_DEF, or the N_COMP of a genexp */
	struct py_iter first;		/* a genexp's ".0" */
	struct comp_ctx *cx;		/* a genexp's captured names, or NULL */
	enum gen_run run;
	ucontext_t uc, back;
	void *stack;
	const void *back_bottom;	/* ASan: the resumer's stack */
	size_t back_size;
	struct frame_state fs;		/* its own, while it is not running */
	/* between the two sides of a switch */
	uint64_t sent;			/* owned; 0: None */
	int throw_kind;			/* GeneratorExit from close(), throw()'s, or 0 */
	uint64_t throw_obj;		/* throw()'s exception (owned), 0: close()'s */
	uint64_t value;			/* yielded or returned (owned), 0 none */
	bool returned;			/* the body ended (value = its return) */
	bool raised;			/* ... with the exception in I */
};

static void fs_save(struct interp *I, struct frame_state *fs)
{
	*fs = (struct frame_state){ I->m, I->scope, I->cur_def, I->func, I->cur_fn, I->line,
				    I->const_h, I->comp, I->handled };
}

static void fs_load(struct interp *I, const struct frame_state *fs)
{
	I->m = fs->m;
	I->scope = fs->scope;
	I->cur_def = fs->cur_def;
	I->func = fs->func;
	I->cur_fn = fs->cur_fn;
	I->line = fs->line;
	I->const_h = fs->const_h;
	I->comp = fs->comp;
	I->handled = fs->handled;
}

static const char *gen_name(struct genctx *g)
{
	return g->def->kind == S_DEF ? g->def->def.name : "<genexpr>";
}

/* ------------------------------------------------------ switching stacks */

static void switch_to(ucontext_t *from, ucontext_t *to, const void *bottom, size_t size,
		      const void **came_bottom, size_t *came_size)
{
#ifdef GEN_ASAN
	void *fake = NULL;

	__sanitizer_start_switch_fiber(&fake, bottom, size);
#else
	(void)bottom;
	(void)size;
#endif
	swapcontext(from, to);
#ifdef GEN_ASAN
	__sanitizer_finish_switch_fiber(fake, came_bottom, came_size);
#else
	(void)came_bottom;
	(void)came_size;
#endif
}

static struct genctx *gen_starting;

static void drop(struct interp *I, uint64_t h)
{
	if (h)
		queue_close(I, h);
}

/* the generator's side: the body, from its first resume to its end */
static void gen_main(void)
{
	struct genctx *g = gen_starting;
	struct interp *I = g->I;
	enum flow f;

#ifdef GEN_ASAN
	__sanitizer_finish_switch_fiber(NULL, &g->back_bottom, &g->back_size);
#endif
	if (g->throw_kind) {
		/* thrown in before the first line ran */
		if (g->throw_obj)
			exc_raise_object(I, g->throw_obj, g->throw_kind);
		else
			raise_exc(I, g->throw_kind, "%s", "");
		g->throw_obj = 0;
		f = F_EXC;
	} else if (g->def->kind == S_DEF) {
		f = exec_block(I, &g->def->def.body);
	} else {
		f = genexp_body(I, g->def, &g->first) ? F_EXC : F_NORMAL;
	}
	if (f == F_EXC) {
		tb_push(I, I->line, gen_name(g));
		hold_frame_object(I, 0);
	}
	g->value = f == F_RETURN ? I->ret : 0;
	I->ret = 0;
	g->returned = true;
	g->raised = f == F_EXC;
	g->run = GR_DONE;
#ifdef GEN_ASAN
	__sanitizer_start_switch_fiber(NULL, g->back_bottom, g->back_size);
#endif
	setcontext(&g->back);
}

/*
 * Stacks of finished bodies kept for the next ones: a generator expression
 * in a loop maps none after the first (the mapping, not its use, is what a
 * short body costs most).  Process-wide: a stack belongs to no interpreter.
 */
#ifdef GEN_ASAN
#define GEN_SPARE	1	/* a stack's stale shadow is not reused under ASan */
#else
#define GEN_SPARE	8
#endif
static void *gen_spare[GEN_SPARE];
static int ngen_spare;

static int gen_start(struct genctx *g)
{
	g->stack = ngen_spare ? gen_spare[--ngen_spare] :
		   mmap(NULL, GEN_STACK, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
	if (g->stack == MAP_FAILED) {
		g->stack = NULL;
		return raise_exc(g->I, PYMM_EXC_MEMORY_ERROR, "no stack for a generator");
	}
	getcontext(&g->uc);
	g->uc.uc_stack.ss_sp = g->stack;
	g->uc.uc_stack.ss_size = GEN_STACK;
	g->uc.uc_link = NULL;
	makecontext(&g->uc, gen_main, 0);
	return 0;
}

/* ------------------------------------------------------------ the table */

/*
 * A token is this interpreter's nonce (high half) and an index + 1: a
 * generator another session made (a kept heap) never finds a context of
 * ours by accident.
 */
uint64_t gen_nonce(struct interp *I)
{
	if (!I->gen_nonce) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		I->gen_nonce = ((uint32_t)getpid() * 2654435761u) ^ (uint32_t)ts.tv_nsec ^
			       (uint32_t)(uintptr_t)I;
		if (!I->gen_nonce)
			I->gen_nonce = 1;
	}
	return (uint64_t)I->gen_nonce << 32;
}

static struct genctx *gen_of_token(struct interp *I, uint64_t token)
{
	uint64_t idx = token & 0xffffffffu;

	if ((token & ~0xffffffffull) != gen_nonce(I) || !idx || idx > (uint64_t)I->ngens)
		return NULL;
	return I->gens[idx - 1];
}

static uint64_t gen_register(struct interp *I, struct genctx *g)
{
	if (I->ngen_free) {
		g->slot = I->gen_free[--I->ngen_free];
	} else {
		if (I->ngens == I->cgens) {
			I->cgens = I->cgens ? I->cgens * 2 : 16;
			I->gens = xrealloc(I->gens, I->cgens * sizeof(*I->gens));
			I->gen_free = xrealloc(I->gen_free, I->cgens * sizeof(*I->gen_free));
		}
		g->slot = I->ngens++;
	}
	I->gens[g->slot] = g;
	return gen_nonce(I) | (uint64_t)(g->slot + 1);
}

static void gen_free_stack(struct genctx *g)
{
	if (g->stack && ngen_spare < GEN_SPARE && GEN_SPARE > 1)
		gen_spare[ngen_spare++] = g->stack;
	else if (g->stack)
		munmap(g->stack, GEN_STACK);
	g->stack = NULL;
}

/*
 * A finished generator's context goes: its heap object is exhausted for
 * ever (GEN_RESUME says -ENOENT before its token is read again), so the
 * slot can serve a new generator.
 */
static void gen_release(struct interp *I, struct genctx *g)
{
	I->gens[g->slot] = NULL;
	I->gen_free[I->ngen_free++] = g->slot;
	gen_free_stack(g);
	free(g);
}

void gen_free_all(struct interp *I)
{
	int i;

	for (i = 0; i < I->ngens; i++)
		if (I->gens[i]) {
			gen_free_stack(I->gens[i]);
			free(I->gens[i]);
		}
	free(I->gens);
	free(I->gen_free);
	I->gens = NULL;
	I->gen_free = NULL;
	I->ngens = I->cgens = I->ngen_free = 0;
}

/*
 * RETURN_GENERATOR: the frame call_user() pushed (arguments and cells
 * bound) becomes the new generator's.  first: a genexp's iterator, taken.
 */
int gen_new(struct interp *I, uint64_t fnh, struct node *def, struct py_iter *first,
	    struct comp_ctx *cx, struct value *out)
{
	struct genctx *g = calloc(1, sizeof(*g));
	struct pymm_op op;

	if (!g) {
		perror("pymmctl");
		exit(1);
	}
	g->I = I;
	g->def = def;
	if (first)
		g->first = *first;
	g->cx = cx;
	g->fs = (struct frame_state){ def->kind == S_DEF ? def->def.mod : I->m,
				      def->kind == S_DEF ? def->def.scope : def->comp.scope,
				      def->kind == S_DEF ? def : I->cur_def,
				      gen_name(g), 0, def->line,
				      def->kind == S_DEF ? def->def.mod->const_h : I->const_h,
				      cx, NULL };
	pymm_op_init(&op, PYMM_OP_GEN_NEW);
	op.arg[0] = fnh;
	op.arg[1] = gen_register(I, g);
	if (op1_raise(I, &op)) {
		gen_release(I, g);
		return -1;
	}
	*out = vobj(op.ret[0], true);
	return 0;
}

/* ------------------------------------------------------------ resuming */

static int gen_op(struct interp *I, uint32_t code, uint64_t gh, struct pymm_op *op)
{
	pymm_op_init(op, code);
	op->arg[0] = gh;
	return op1(I, op);
}

/*
 * One step: GEN_RESUME, run the body to its next yield or its end, then
 * GEN_SUSPEND or GEN_FINISH.  sent: owned (0: None).  Returns 0 with
 * *out the yielded value and *done false, or *done true and *out the
 * return value (None if none); -1 with the exception set.
 */
static int gen_step_ex(struct interp *I, uint64_t gh, uint64_t sent, int throw_kind,
		       uint64_t throw_obj, struct value *out, bool *done);

static int gen_step(struct interp *I, uint64_t gh, uint64_t sent, int throw_kind,
		    struct value *out, bool *done)
{
	return gen_step_ex(I, gh, sent, throw_kind, 0, out, done);
}

/* gen_step() throwing throw_obj (owned, of kind throw_kind) in at the yield */
static int gen_step_ex(struct interp *I, uint64_t gh, uint64_t sent, int throw_kind,
		       uint64_t throw_obj, struct value *out, bool *done)
{
	struct genctx *g, *outer = I->gen_cur;
	struct frame_state caller;
	struct pymm_op op;
	uint64_t value;
	bool raised;
	int err;

	*done = false;
	if (gen_op(I, PYMM_OP_GEN_RESUME, gh, &op)) {
		drop(I, sent);
		drop(I, throw_obj);
		return -1;
	}
	if (op.error == -ENOENT && throw_obj) {
		/* finished: throw() raises it right here */
		drop(I, sent);
		return exc_raise_object(I, throw_obj, throw_kind);
	}
	g = op.error ? NULL : gen_of_token(I, op.ret[1]);
	if (!g)
		drop(I, throw_obj);
	if (op.error == -ENOENT || (!op.error && !g)) {
		if (!op.error) {
			gen_op(I, PYMM_OP_GEN_SUSPEND, gh, &op);
			drop(I, sent);
			/* closing it is the heap's job when it dies */
			if (throw_kind == EX_GENERATOR_EXIT) {
				*done = true;
				*out = vnone(I);
				return 0;
			}
			return raise_exc(I, EX_NOT_IMPLEMENTED, "a generator another session "
					 "made is not supported by pymm");
		}
		drop(I, sent);
		*done = true;
		*out = vnone(I);
		return 0;
	}
	if (op.error) {
		drop(I, sent);
		if (op.error == -EBUSY)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR, "generator already executing");
		return op.error == -ELOOP ?
		       raise_exc(I, PYMM_EXC_RECURSION_ERROR, "maximum recursion depth exceeded") :
		       raise_op(I, &op, NULL);
	}
	frame_line_note(I, op.ret[0], 0);
	if (g->run == GR_CREATED && sent) {
		drop(I, sent);
		drop(I, throw_obj);
		gen_op(I, PYMM_OP_GEN_SUSPEND, gh, &op);
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "can't send non-None value to a just-started generator");
	}
	if (g->run == GR_CREATED && throw_kind && !throw_obj) {
		/* gen_close() of a frame never run: it ends at once */
		g->run = GR_DONE;
		iter_release(I, &g->first);
		gen_op(I, PYMM_OP_GEN_FINISH, gh, &op);
		comp_ctx_free(I, g->cx);
		gen_release(I, g);
		*done = true;
		*out = vnone(I);
		return 0;
	}
	if (g->run == GR_CREATED && gen_start(g)) {
		gen_op(I, PYMM_OP_GEN_SUSPEND, gh, &op);
		drop(I, throw_obj);
		return -1;
	}
	g->sent = sent;
	g->throw_kind = throw_kind;
	g->throw_obj = throw_obj;
	fs_save(I, &caller);
	fs_load(I, &g->fs);
	I->gen_cur = g;
	I->depth++;
	gen_starting = g;
	g->run = GR_RUNNING;
	switch_to(&g->back, &g->uc, g->stack, GEN_STACK, NULL, NULL);
	I->depth--;
	I->gen_cur = outer;
	fs_load(I, &caller);
	if (!g->returned) {
		g->run = GR_SUSPENDED;
		*out = vobj(g->value, true);
		g->value = 0;
		if (gen_op(I, PYMM_OP_GEN_SUSPEND, gh, &op) || op.error) {
			vrelease(I, out);
			return op.error ? raise_op(I, &op, NULL) : -1;
		}
		return 0;
	}
	gen_free_stack(g);
	{
		/* the exception being raised survives the frame's clearing */
		int saved = I->exc, ntb = I->ntb;
		char msg[sizeof(I->exc_msg)];

		memcpy(msg, I->exc_msg, sizeof(msg));
		iter_release(I, &g->first);
		err = gen_op(I, PYMM_OP_GEN_FINISH, gh, &op);
		comp_ctx_free(I, g->cx);
		g->cx = NULL;
		if (g->raised) {
			I->exc = saved;
			I->ntb = ntb;
			memcpy(I->exc_msg, msg, sizeof(msg));
		}
	}
	value = g->value;
	raised = g->raised;
	gen_release(I, g);
	if (raised) {
		if (I->exc == EX_STOP_ITERATION)
			raise_exc(I, EX_RUNTIME, "generator raised StopIteration");
		return -1;
	}
	if (err) {
		drop(I, value);
		return -1;
	}
	*done = true;
	*out = value ? vobj(value, true) : vnone(I);
	return 0;
}

/*
 * the generator's side of a yield: v is taken; *sent the value sent in,
 * or -1 with what close() or throw() threw in (*thrown set)
 */
static int gen_yield_thrown(struct interp *I, struct value *v, struct value *sent, bool *thrown)
{
	struct genctx *g = I->gen_cur;
	int kind;

	if (!g)
		return raise_exc(I, EX_SYSTEM, "pymm: yield outside a running generator");
	/* a builtin made an object (need_obj) is borrowed too: the yield takes its own */
	if (need_obj(I, v)) {
		vrelease(I, v);
		return -1;
	}
	if (!v->owned) {
		struct pymm_op op;

		pymm_op_init(&op, PYMM_OP_DUP);
		op.arg[0] = v->h;
		if (op1_raise(I, &op))
			return -1;
		*v = vobj(op.ret[0], true);
	}
	g->value = v->h;
	fs_save(I, &g->fs);
	switch_to(&g->uc, &g->back, g->back_bottom, g->back_size, &g->back_bottom,
		  &g->back_size);
	/* resumed: gen_step() loaded g->fs */
	kind = g->throw_kind;
	g->throw_kind = 0;
	*thrown = kind != 0;
	if (kind) {
		uint64_t obj = g->throw_obj;

		drop(I, g->sent);
		g->sent = 0;
		g->throw_obj = 0;
		if (obj)
			return exc_raise_object(I, obj, kind);
		return raise_exc(I, kind, "%s", "");
	}
	*sent = g->sent ? vobj(g->sent, true) : vnone(I);
	g->sent = 0;
	return 0;
}

static int gen_yield_value(struct interp *I, struct value *v, struct value *sent)
{
	bool thrown;

	return gen_yield_thrown(I, v, sent, &thrown);
}

/* a genexp's element: yielded, what is sent ignored */
int gen_yield(struct interp *I, struct value *v)
{
	struct value sent;

	if (gen_yield_value(I, v, &sent))
		return -1;
	vrelease(I, &sent);
	return 0;
}

/* next(gen): *done at its end (StopIteration; its value released) */
int gen_next(struct interp *I, uint64_t gh, struct value *out, bool *done)
{
	int err = gen_step(I, gh, 0, 0, out, done);

	if (!err && *done)
		vrelease(I, out);
	return err;
}

/* -------------------------------------------------------- yield from */

static int is_generator(struct interp *I, const struct value *v, bool *yes)
{
	uint32_t t;

	if (need_obj(I, v) || obj_type(I, v->h, &t))
		return -1;
	*yes = t == PYMM_T_GENERATOR;
	return 0;
}

/*
 * throw() of a generator delegating to sub: the exception being raised at
 * the outer yield goes down into sub instead (_gen_throw's `yf` path).
 */
static int throw_down(struct interp *I, uint64_t sub, struct value *item, bool *done)
{
	uint64_t obj;
	int kind;

	if (exc_materialize(I))
		return -1;
	obj = I->exc_obj;
	kind = I->exc;
	I->exc_obj = 0;
	I->exc = EX_NONE;
	I->ntb = 0;
	return gen_step_ex(I, sub, 0, kind, obj, item, done);
}

/*
 * `yield from it`: each item yielded on, what is sent passed down (to a
 * generator; anything else takes None only), and what is thrown in (to a
 * generator; anything else has it raised at the yield from), the value the
 * delegate returned as the expression's.
 */
static int yield_from(struct interp *I, struct node *n, struct value *out)
{
	struct value sub, item, sent = { 0 };
	struct py_iter it = { 0 };
	bool gen, done, thrown;
	int err;

	if (eval(I, n->yield.value, &sub))
		return -1;
	if (is_generator(I, &sub, &gen)) {
		vrelease(I, &sub);
		return -1;
	}
	if (!gen) {
		err = iter_get(I, &sub, &it);
		vrelease(I, &sub);
		if (err)
			return -1;
	}
	for (;;) {
		uint64_t s = 0;

		if (sent.kind == V_OBJ && !is_none_h(I, sent.h)) {
			if (!gen) {
				vrelease(I, &sent);
				err = raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR,
						"'iterator' object has no attribute 'send'");
				break;
			}
			s = sent.owned ? sent.h : 0;
			sent.owned = false;
		}
		vrelease(I, &sent);
		if (gen)
			err = gen_step(I, sub.h, s, 0, &item, &done);
		else
			err = iter_next(I, &it, &item, &done);
		if (err)
			break;
		if (done) {
			*out = gen ? item : vnone(I);
			break;
		}
		err = gen_yield_thrown(I, &item, &sent, &thrown);
		while (err && gen && thrown && I->exc != EX_GENERATOR_EXIT) {
			thrown = false;
			err = throw_down(I, sub.h, &item, &done);
			if (err || done)
				break;
			err = gen_yield_thrown(I, &item, &sent, &thrown);
		}
		if (!err && done) {
			*out = item;
			break;
		}
		if (err) {
			/* close() of the outer generator closes the delegate too */
			if (gen && thrown && I->exc == EX_GENERATOR_EXIT)
				gen_close(I, sub.h);
			break;
		}
	}
	if (gen)
		vrelease(I, &sub);
	else
		iter_release(I, &it);
	return err;
}

/* N_YIELD, N_YIELDFROM */
int gen_eval(struct interp *I, struct node *n, struct value *out)
{
	struct value v;

	if (n->kind == N_YIELDFROM)
		return yield_from(I, n, out);
	if (n->yield.value) {
		if (eval(I, n->yield.value, &v))
			return -1;
	} else {
		v = vnone(I);
	}
	return gen_yield_value(I, &v, out);
}

/* ------------------------------------------------------ the methods */

/* gen.close(): GeneratorExit thrown in at the yield */
int gen_close(struct interp *I, uint64_t gh)
{
	struct value v;
	bool done;
	int saved = I->exc, base = I->ntbhold;

	if (gen_step(I, gh, 0, EX_GENERATOR_EXIT, &v, &done)) {
		if (I->exc != EX_GENERATOR_EXIT && I->exc != EX_STOP_ITERATION)
			return -1;
		/* handled here: the exception and the frames it held go */
		if (I->exc_obj)
			queue_close(I, I->exc_obj);
		I->exc_obj = 0;
		I->exc = saved;
		I->ntb = 0;
		release_tbhold(I, base);
		return 0;
	}
	vrelease(I, &v);
	if (!done)
		return raise_exc(I, EX_RUNTIME, "generator ignored GeneratorExit");
	return 0;
}

/* StopIteration(value), the object made at once when there is a value (its args) */
static int raise_stop(struct interp *I, struct value *v)
{
	struct value cls, inst;
	uint32_t t = PYMM_T_NONE;
	int err;

	if (v->kind == V_OBJ && !is_none_h(I, v->h) && obj_type(I, v->h, &t)) {
		vrelease(I, v);
		return -1;
	}
	if (t == PYMM_T_NONE) {
		vrelease(I, v);
		return raise_exc(I, EX_STOP_ITERATION, "%s", "");
	}
	err = exc_load_builtin(I, "StopIteration", &cls);
	if (!err)
		err = call(I, &cls, v, 1, NULL, &inst);
	vrelease(I, v);
	if (err)
		return -1;
	if (!inst.owned && dup_of(I, inst.h, &inst))
		return -1;
	return exc_raise_object(I, inst.h, EX_STOP_ITERATION);
}

static int m_gen(BI_ARGS)
{
	struct value v;
	bool done;

	if (b->op == 1) {	/* close */
		if (gen_close(I, self->h))
			return -1;
		*out = vnone(I);
		return 0;
	}
	/* send */
	if (need_obj(I, &args[0]))
		return -1;
	if (is_none_h(I, args[0].h)) {
		if (gen_step(I, self->h, 0, 0, &v, &done))
			return -1;
	} else {
		struct pymm_op op;

		pymm_op_init(&op, PYMM_OP_DUP);
		op.arg[0] = args[0].h;
		if (op1_raise(I, &op) || gen_step(I, self->h, op.ret[0], 0, &v, &done))
			return -1;
	}
	if (done)
		return raise_stop(I, &v);
	*out = v;
	return 0;
}

/* gen.throw(typ[, val[, tb]]): typ raised at the yield, what comes next returned */
static int m_throw(BI_ARGS)
{
	struct value v;
	uint64_t h;
	bool done;
	int kind;
	uint32_t t;

	if (nargs > 2 && (need_obj(I, &args[2]) || obj_type(I, args[2].h, &t)))
		return -1;
	/* pymm makes no traceback objects: nothing a script has can be one */
	if (nargs > 2 && t != PYMM_T_NONE)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "throw() third argument must be a traceback object");
	if (exc_normalize(I, &args[0], nargs > 1 ? &args[1] : NULL, &h, &kind) ||
	    gen_step_ex(I, self->h, 0, kind, h, &v, &done))
		return -1;
	if (done)
		return raise_stop(I, &v);
	*out = v;
	return 0;
}

/* next(it[, default]) and iter(x) */
static int bi_next(BI_ARGS)
{
	struct py_iter it = { 0 };
	bool done;

	struct value ret = { 0 };

	if (need_obj(I, &args[0]) || iter_wrap(I, &args[0], &it))
		return -1;
	if (it.is_gen ? gen_step(I, it.h, 0, 0, out, &done) : iter_next(I, &it, out, &done))
		return -1;
	if (!done)
		return 0;
	if (it.is_gen) {
		ret = *out;
		if (nargs < 2)
			return raise_stop(I, &ret);
		vrelease(I, &ret);
	}
	if (nargs > 1) {
		*out = args[1];
		if (out->kind == V_OBJ) {
			struct pymm_op op;

			pymm_op_init(&op, PYMM_OP_DUP);
			op.arg[0] = out->h;
			if (op1_raise(I, &op))
				return -1;
			*out = vobj(op.ret[0], true);
		}
		return 0;
	}
	return raise_exc(I, EX_STOP_ITERATION, "%s", "");
}

static int bi_iter(BI_ARGS)
{
	struct py_iter it;

	if (nargs == 2)
		return callable_iter_new(I, &args[0], &args[1], out);
	if (iter_get(I, &args[0], &it))
		return -1;
	*out = vobj(it.h, true);
	return 0;
}


const struct builtin *const builtins_gen[] = {
	ROW(BO_BUILTINS, "next", 1, 2, 0, bi_next, 0),
	ROW(BO_BUILTINS, "iter", 1, 2, 0, bi_iter, 0),
	ROW(BO_GEN, "send", 1, 1, 0, m_gen, 0),
	ROW(BO_GEN, "close", 0, 0, 0, m_gen, 1),
	ROW(BO_GEN, "throw", 1, 3, 0, m_throw, 0),
	NULL
};
