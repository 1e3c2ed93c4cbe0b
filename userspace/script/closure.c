// SPDX-License-Identifier: GPL-2.0
/*
 * closure.c - making functions (MAKE_FUNCTION: defaults, keyword-only
 * defaults, closure), decorators, and the variables that live in cells
 * (LOAD_DEREF, STORE_DEREF, DELETE_DEREF).
 *
 * A cell variable of a frame is bound in the frame's locals dict to its
 * cell (a heap object, symtable.c says which names), created when first
 * stored or when an inner function is made that needs it; a free variable
 * is bound, when the frame starts, to the cell from the function's
 * __closure__.  Reading one is a NAME_LOOKUP of the cell, then CELL_GET:
 * the value's count is the cell's reference, as in CPython, and a frame
 * that ends drops its cells, not the values an inner function still needs.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/*
 * A code token is this interpreter's nonce (high half, as a generator's)
 * and an index + 1 into I->defs: a function another session made (a
 * lambda in a heap that outlives it, or its weakref callback) is no def
 * of ours, never another def at the same index.
 */
struct node *def_of_token(struct interp *I, uint64_t token)
{
	uint64_t idx = token & 0xffffffffu;

	if ((token & ~0xffffffffull) != gen_nonce(I) || !idx || idx > (uint64_t)I->ndefs)
		return NULL;
	/* a comprehension's function is run by comprehension.c only */
	if (I->defs[idx - 1]->kind == N_COMP)
		return NULL;
	return I->defs[idx - 1];
}

/* a new token for def (a lambda's, or a comprehension's) */
uint64_t def_token_new(struct interp *I, struct node *def)
{
	if (I->ndefs == I->cdefs) {
		I->cdefs = I->cdefs ? I->cdefs * 2 : 16;
		I->defs = xrealloc(I->defs, I->cdefs * sizeof(*I->defs));
	}
	I->defs[I->ndefs++] = def;
	return gen_nonce(I) | (uint64_t)I->ndefs;
}

/* the code token of a def or lambda: one per node, however often it runs */
static uint64_t token_of(struct interp *I, struct node *def)
{
	if (def->def.token > 0 && def->def.token <= I->ndefs && I->defs[def->def.token - 1] == def)
		return gen_nonce(I) | (uint64_t)def->def.token;
	def_token_new(I, def);
	def->def.token = I->ndefs;
	return gen_nonce(I) | (uint64_t)def->def.token;
}

static int local_lookup(struct interp *I, const char *name, uint64_t *h, bool *found)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_NAME_LOOKUP);
	op.flags = PYMM_OPF_LOCAL;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1_name(I, &op, name))
		return -1;
	*found = !op.error;
	*h = op.ret[0];
	if (op.error && op.error != -ENOENT)
		return raise_op(I, &op, NULL);
	return 0;
}

static int bind_local(struct interp *I, const char *name, uint64_t h)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_NAME_BIND);
	op.flags = PYMM_OPF_LOCAL;
	op.arg[0] = h;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1_name(I, &op, name))
		return -1;
	return op.error ? raise_op(I, &op, NULL) : 0;
}

/* this frame's cell for name; a cell variable's is made (empty) on demand */
static int cell_of(struct interp *I, const char *name, bool create, uint64_t *cell)
{
	struct pymm_op op;
	bool found;

	/* a class body's cells are no names of its namespace (classcells.c) */
	if (I->scope && I->scope->is_class)
		return class_cell(I, name, cell);
	if (local_lookup(I, name, cell, &found))
		return -1;
	if (found || !create) {
		if (!found)
			*cell = 0;
		return 0;
	}
	pymm_op_init(&op, PYMM_OP_NEW_CELL);
	if (op1_raise(I, &op))
		return -1;
	*cell = op.ret[0];
	if (bind_local(I, name, *cell)) {
		queue_close(I, *cell);
		return -1;
	}
	return 0;
}

static int unbound(struct interp *I, const char *name)
{
	if (nameset_has(&I->scope->frees, name))
		return raise_exc(I, PYMM_EXC_NAME_ERROR, "cannot access free variable '%s' where "
				 "it is not associated with a value in enclosing scope", name);
	return raise_exc(I, EX_UNBOUND_LOCAL, "cannot access local variable '%s' where it is "
			 "not associated with a value", name);
}

int deref_load(struct interp *I, const char *name, struct value *out)
{
	struct pymm_op op;
	uint64_t cell;

	if (cell_of(I, name, false, &cell))
		return -1;
	if (!cell)
		return unbound(I, name);
	pymm_op_init(&op, PYMM_OP_CELL_GET);
	op.arg[0] = cell;
	if (op1(I, &op)) {
		queue_close(I, cell);
		return -1;
	}
	queue_close(I, cell);
	if (op.error)
		return op.error == -ENOENT ? unbound(I, name) : raise_op(I, &op, NULL);
	*out = vobj(op.ret[0], true);
	return 0;
}

int deref_store(struct interp *I, const char *name, const struct value *v)
{
	struct pymm_op op;
	uint64_t cell;

	if (need_obj(I, v))
		return -1;
	if (cell_of(I, name, false, &cell))
		return -1;
	if (!cell) {
		/* the first store makes the cell, already holding the value */
		pymm_op_init(&op, PYMM_OP_NEW_CELL);
		op.arg[0] = v->h;
		if (op1_raise(I, &op))
			return -1;
		cell = op.ret[0];
		if (bind_local(I, name, cell)) {
			queue_close(I, cell);
			return -1;
		}
		queue_close(I, cell);
		return 0;
	}
	pymm_op_init(&op, PYMM_OP_CELL_SET);
	op.arg[0] = cell;
	op.arg[1] = v->h;
	if (op1_raise(I, &op)) {
		queue_close(I, cell);
		return -1;
	}
	queue_close(I, cell);
	return 0;
}

int deref_del(struct interp *I, const char *name)
{
	struct pymm_op op;
	uint64_t cell;

	if (cell_of(I, name, false, &cell))
		return -1;
	if (!cell)
		return unbound(I, name);
	pymm_op_init(&op, PYMM_OP_CELL_GET);
	op.arg[0] = cell;
	if (op1(I, &op) || op.error) {
		queue_close(I, cell);
		return op.error ? unbound(I, name) : -1;
	}
	queue_close(I, op.ret[0]);
	pymm_op_init(&op, PYMM_OP_CELL_SET);
	op.arg[0] = cell;
	op.arg[1] = 0;
	if (op1_raise(I, &op)) {
		queue_close(I, cell);
		return -1;
	}
	queue_close(I, cell);
	return 0;
}

/*
 * A comprehension's free variables (symtable.c: what a function inside it
 * reads from further out): the enclosing frame's cells, taken before the
 * comprehension's frame is pushed and bound in it after (COPY_FREE_VARS).
 */
int comp_cells_take(struct interp *I, const struct nameset *frees, uint64_t **hs)
{
	int i;

	*hs = NULL;
	if (!frees->n)
		return 0;
	*hs = xrealloc(NULL, frees->n * sizeof(uint64_t));
	for (i = 0; i < frees->n; i++)
		if (cell_of(I, frees->v[i], true, &(*hs)[i])) {
			close_many(I, *hs, i);
			free(*hs);
			*hs = NULL;
			return -1;
		}
	return 0;
}

/* binds them in the comprehension's frame; the handles go either way */
int comp_cells_bind(struct interp *I, const struct nameset *frees, uint64_t *hs)
{
	int i, err = 0;

	for (i = 0; i < frees->n; i++)
		if (!err)
			err = bind_local(I, frees->v[i], hs[i]);
	close_many(I, hs, frees->n);
	free(hs);
	return err;
}

/*
 * After the parameters are bound: a parameter that is a cell variable
 * moves into a cell (MAKE_CELL), and each free variable is bound to its
 * cell from __closure__ (COPY_FREE_VARS).
 */
int frame_setup_cells(struct interp *I, uint64_t fnh, struct node *def)
{
	struct scope *sc = def->def.scope;
	struct pymm_op op;
	int i, err = 0;

	for (i = 0; i < sc->nparams; i++) {
		uint64_t v, cell;
		bool found;

		if (!nameset_has(&sc->cells, sc->names[i]))
			continue;
		if (local_lookup(I, sc->names[i], &v, &found))
			return -1;
		pymm_op_init(&op, PYMM_OP_NEW_CELL);
		op.arg[0] = found ? v : 0;
		err = op1_raise(I, &op);
		if (found)
			queue_close(I, v);
		if (err)
			return -1;
		cell = op.ret[0];
		err = bind_local(I, sc->names[i], cell);
		queue_close(I, cell);
		if (err)
			return -1;
	}
	if (sc->frees.n) {
		uint64_t *hs = NULL;
		uint32_t n = 0, k;

		pymm_op_init(&op, PYMM_OP_FUNC_GET);
		op.arg[0] = fnh;
		op.arg[1] = PYMM_FUNC_CLOSURE;
		if (op1_raise(I, &op))
			return -1;
		err = obj_items(I, op.ret[0], &hs, &n);
		queue_close(I, op.ret[0]);
		if (err)
			return -1;
		if (n != (uint32_t)sc->frees.n)
			err = raise_exc(I, EX_SYSTEM, "pymm: %s() has %u closure cells for %d free "
					"variables", def->def.qualname, n, sc->frees.n);
		for (k = 0; !err && k < n; k++)
			err = bind_local(I, sc->frees.v[k], hs[k]);
		close_many(I, hs, n);
		free(hs);
	}
	return err;
}

static int set_field(struct interp *I, uint64_t fnh, int field, uint64_t h)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_FUNC_SET);
	op.arg[0] = fnh;
	op.arg[1] = field;
	op.arg[2] = h;
	return op1_raise(I, &op);
}

/*
 * MAKE_FUNCTION: the defaults (a tuple), the keyword-only defaults (a
 * dict), then the closure (a tuple of this frame's cells), evaluated in
 * that order in the enclosing scope, then the function holding them.
 */
int make_function(struct interp *I, struct node *def, struct value *out)
{
	struct nvec *prm = &def->def.params;
	struct value *vals, fn = { 0 }, t = { 0 };
	uint64_t *hs, *kv;
	int i, nd = 0, nk = 0, nf = def->def.scope->frees.n, err = -1;
	struct pymm_op op;

	vals = calloc(prm->n + 1, sizeof(*vals));
	hs = calloc(2 * (prm->n + nf) + 1, sizeof(*hs));
	kv = calloc(2 * prm->n + 1, sizeof(*kv));
	if (!vals || !hs || !kv) {
		perror("pymmctl");
		exit(1);
	}
	for (i = 0; i < prm->n && !def->def.defaults_slot; i++) {
		if (!prm->v[i]->name.default_value || prm->v[i]->name.param_kind == P_KWONLY)
			continue;
		if (eval(I, prm->v[i]->name.default_value, &vals[i]) || need_obj(I, &vals[i]))
			goto out;
		hs[nd++] = vals[i].h;
	}
	for (i = 0; i < prm->n; i++) {
		struct value key;

		if (!prm->v[i]->name.default_value || prm->v[i]->name.param_kind != P_KWONLY)
			continue;
		if (eval(I, prm->v[i]->name.default_value, &vals[i]) || need_obj(I, &vals[i]))
			goto out;
		if (new_str(I, prm->v[i]->name.id, strlen(prm->v[i]->name.id), &key))
			goto out;
		kv[2 * nk] = key.h;
		kv[2 * nk + 1] = vals[i].h;
		nk++;
	}
	if (def->kind == S_DEF) {
		/* a code object in the heap any client can run (fin.c) */
		if (new_code_function(I, def, &fn))
			goto out;
	} else {
		/* a lambda: only this client knows its code (docs/pymmctl.md) */
		pymm_op_init(&op, PYMM_OP_NEW_FUNCTION);
		op.arg[0] = token_of(I, def);
		pymm_op_set_data(&op, def->def.name, strlen(def->def.name));
		if (op1(I, &op))
			goto out;
		if (op.error) {
			raise_op(I, &op, "def");
			goto out;
		}
		fn = vobj(op.ret[0], true);
	}
	if (def->def.defaults_slot) {
		/* a constant tuple of the enclosing code (parser.c, walk_defaults) */
		err = set_field(I, fn.h, PYMM_FUNC_DEFAULTS, I->const_h[def->def.defaults_slot - 1]);
		if (err)
			goto out;
		err = -1;
	} else if (nd) {
		if (new_container(I, PYMM_OP_NEW_TUPLE, hs, nd, &t))
			goto out;
		err = set_field(I, fn.h, PYMM_FUNC_DEFAULTS, t.h);
		vrelease(I, &t);
		if (err)
			goto out;
		err = -1;
	}
	if (nk) {
		if (new_container(I, PYMM_OP_NEW_DICT, kv, 2 * nk, &t))
			goto out;
		err = set_field(I, fn.h, PYMM_FUNC_KWDEFAULTS, t.h);
		vrelease(I, &t);
		if (err)
			goto out;
		err = -1;
	}
	if (nf) {
		uint64_t *cells = hs + prm->n;

		for (i = 0; i < nf; i++)
			if (cell_of(I, def->def.scope->frees.v[i], true, &cells[i]))
				break;
		if (i == nf && !new_container(I, PYMM_OP_NEW_TUPLE, cells, nf, &t)) {
			err = set_field(I, fn.h, PYMM_FUNC_CLOSURE, t.h);
			vrelease(I, &t);
		}
		close_many(I, cells, i);
		if (err)
			goto out;
		err = -1;
	}
	/* exec(src, d): d is its __globals__ (a cycle, as CPython's) */
	if (I->scope && I->scope->is_exec && I->exec_globals &&
	    set_field(I, fn.h, PYMM_FUNC_GLOBALS, I->exec_globals))
		goto out;
	*out = fn;
	fn.kind = V_NULL;
	err = 0;
out:
	vrelease(I, &fn);
	for (i = 0; i < nk; i++)
		queue_close(I, kv[2 * i]);
	release_many(I, vals, prm->n);
	free(vals);
	free(hs);
	free(kv);
	return err;
}

/* @d1 @d2 def f: f = d1(d2(f)), the decorators evaluated first, top down */
int decorate(struct interp *I, struct value *decos, int n, struct value *v)
{
	int i;

	for (i = n - 1; i >= 0; i--) {
		struct value r = { 0 };
		int err = call(I, &decos[i], v, 1, NULL, &r);

		vrelease(I, v);
		if (err)
			return -1;
		*v = r;
	}
	return 0;
}

/* a def statement or a lambda: the function, decorated */
int eval_def(struct interp *I, struct node *def, struct value *out)
{
	struct value *decos = NULL;
	int n = def->def.decorators.n, err;

	if (n) {
		decos = calloc(n, sizeof(*decos));
		if (!decos) {
			perror("pymmctl");
			exit(1);
		}
		if (eval_many(I, &def->def.decorators, decos)) {
			free(decos);
			return -1;
		}
	}
	err = make_function(I, def, out);
	if (!err && n)
		err = decorate(I, decos, n, out);
	if (n) {
		release_many(I, decos, n);
		free(decos);
	}
	return err;
}

/*
 * The attributes CPython's function and cell types have as members or
 * getsets, read here from the heap: __defaults__, __kwdefaults__,
 * __closure__ (the heap's objects), __qualname__ (the tool's, like the
 * code).  *handled false: not one of these.
 */
/*
 * A function's __doc__, __module__ and __annotations__ until the script
 * sets them (then GETATTR finds them first): the docstring, the constant
 * co_consts holds (so f.__doc__ is f.__doc__), or None; "__main__", the
 * __name__ of the globals it was made in; an empty dict (pymm refuses
 * annotations; a new one each read, where CPython keeps the first).
 */
static int func_doc_module(struct interp *I, uint64_t h, const char *name, struct value *out)
{
	struct objinfo oi;
	struct pymm_op op;
	struct node *def, *doc;
	int slot;
	int err = 0;

	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = h;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1(I, &op))
		return -1;
	if (!op.error) {
		*out = vobj(op.ret[0], true);
		return 0;
	}
	if (name[2] == 'm')
		return new_str(I, "__main__", 8, out);
	if (name[2] == 'a')	/* pymm's functions have no annotations */
		return new_container(I, PYMM_OP_NEW_DICT, NULL, 0, out);
	if (obj_read(I, h, &oi))
		return -1;
	def = def_of_objinfo(I, &oi);
	free(oi.s);
	doc = def && def->kind == S_DEF ? ast_docstring(&def->def.body) : NULL;
	slot = doc ? doc->constant.value->slot : -1;
	if (slot >= 0 && def->def.mod && def->def.mod->const_h && def->def.mod->const_h[slot])
		err = dup_of(I, def->def.mod->const_h[slot], out);
	else
		*out = vnone(I);
	return err;
}

int func_attr(struct interp *I, uint64_t h, uint32_t type, const char *name,
	      struct value *out, bool *handled)
{
	static const struct { const char *name; int field; } fields[] = {
		{ "__defaults__", PYMM_FUNC_DEFAULTS },
		{ "__kwdefaults__", PYMM_FUNC_KWDEFAULTS },
		{ "__closure__", PYMM_FUNC_CLOSURE },
	};
	struct pymm_op op;
	size_t i;

	*handled = false;
	if (type == PYMM_T_CELL && !strcmp(name, "cell_contents")) {
		*handled = true;
		pymm_op_init(&op, PYMM_OP_CELL_GET);
		op.arg[0] = h;
		if (op1(I, &op))
			return -1;
		if (op.error == -ENOENT)
			return raise_exc(I, PYMM_EXC_VALUE_ERROR, "Cell is empty");
		if (op.error)
			return raise_op(I, &op, NULL);
		*out = vobj(op.ret[0], true);
		return 0;
	}
	if (type == PYMM_T_BUILTIN)
		return bfunc_attr(I, h, name, out, handled);
	if (type == PYMM_T_METHOD && (!strcmp(name, "__doc__") || !strcmp(name, "__module__"))) {
		/* method_getattro: what the method lacks is its function's */
		int err;

		*handled = true;
		pymm_op_init(&op, PYMM_OP_GETATTR);
		op.arg[0] = h;
		pymm_op_set_data(&op, "__func__", 8);
		if (op1_raise(I, &op))
			return -1;
		err = func_doc_module(I, op.ret[0], name, out);
		queue_close(I, op.ret[0]);
		return err;
	}
	if (type != PYMM_T_FUNCTION)
		return 0;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (strcmp(name, fields[i].name))
			continue;
		*handled = true;
		pymm_op_init(&op, PYMM_OP_FUNC_GET);
		op.arg[0] = h;
		op.arg[1] = fields[i].field;
		if (op1_raise(I, &op))
			return -1;
		*out = vobj(op.ret[0], true);
		return 0;
	}
	if (!strcmp(name, "__doc__") || !strcmp(name, "__module__") ||
	    !strcmp(name, "__annotations__")) {
		*handled = true;
		return func_doc_module(I, h, name, out);
	}
	if (!strcmp(name, "__qualname__")) {
		struct objinfo oi;
		struct node *def;
		int err;

		char *q = str_attr_of(I, h, "__qualname__");

		*handled = true;
		if (q) {
			/* assigned: the function's own */
			err = new_str(I, q, strlen(q), out);
			free(q);
			return err;
		}
		if (obj_read(I, h, &oi))
			return -1;
		def = def_of_objinfo(I, &oi);
		err = def ? new_str(I, def->def.qualname, strlen(def->def.qualname), out) :
			    new_str(I, oi.s ? oi.s : "", oi.s ? oi.len : 0, out);
		free(oi.s);
		return err;
	}
	return 0;
}

/* FUNC_SET of a writable field: __defaults__ = (...), __kwdefaults__ = {...} */
/*
 * f.__dict__ = v: a dict, else CPython's TypeError (the heap replaces the
 * dict); v NULL: del f.__dict__, a TypeError
 */
static int func_dict_check(struct interp *I, uint64_t h, const struct value *v)
{
	uint32_t type, vt;

	if (obj_type(I, h, &type))
		return -1;
	if (type == PYMM_T_FUNCTION && !v)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "cannot delete __dict__");
	if (type == PYMM_T_FUNCTION && (need_obj(I, v) || obj_type(I, v->h, &vt)))
		return -1;
	if (type == PYMM_T_FUNCTION && vt != PYMM_T_DICT)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "__dict__ must be set to a dictionary, not a '%s'",
				 value_class_name(I, v->h, vt));
	return 0;
}

int func_setattr(struct interp *I, uint64_t h, const char *name, const struct value *v,
		 bool *handled)
{
	uint32_t type;
	int field;

	*handled = false;
	if (!strcmp(name, "__dict__"))
		return func_dict_check(I, h, v);
	if (!strcmp(name, "__defaults__"))
		field = PYMM_FUNC_DEFAULTS;
	else if (!strcmp(name, "__kwdefaults__"))
		field = PYMM_FUNC_KWDEFAULTS;
	else if (!strcmp(name, "__closure__"))
		field = PYMM_FUNC_CLOSURE;
	else
		return 0;
	if (obj_type(I, h, &type))
		return -1;
	if (type != PYMM_T_FUNCTION)
		return 0;
	*handled = true;
	if (field == PYMM_FUNC_CLOSURE)
		return raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "readonly attribute");
	if (need_obj(I, v))
		return -1;
	if (set_field(I, h, field, v->h)) {
		if (I->exc == PYMM_EXC_TYPE_ERROR)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR, "%s must be set to a %s object",
					 name, field == PYMM_FUNC_DEFAULTS ? "tuple" : "dict");
		return -1;
	}
	return 0;
}
