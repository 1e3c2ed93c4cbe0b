// SPDX-License-Identifier: GPL-2.0
/*
 * sets.c - set and frozenset in the language: displays, set(), frozenset(),
 * the methods, the operators and `in`, each on the core's set ops
 * (PYMM_OP_NEW_SET .. PYMM_OP_SET_ALGEBRA, core types/set.c), which keep
 * CPython 3.11's table so that iteration order is python3's.
 *
 * An operand the core cannot walk itself (a str, an iterator, a
 * generator, a range ...) is first collected into a list, in iteration
 * order, which adds its items as CPython's set_update_internal would.
 * Methods taking several operands chain the core's ops the way
 * setobject.c chains its functions (union: copy, then update with each;
 * intersection: a new set per operand; difference: the first difference,
 * then difference_update in place), so the table each ends with is
 * CPython's.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* 1: a frozenset, 0: a set or anything else, -1: error raised */
int set_kind(struct interp *I, uint64_t h, bool *is_set)
{
	struct pymm_op op;
	uint32_t t;

	/* only a set's kind needs the heap: the handle says its type */
	if (obj_type(I, h, &t))
		return -1;
	*is_set = false;
	if (t != PYMM_T_SET)
		return 0;
	pymm_op_init(&op, PYMM_OP_TYPE);
	op.arg[0] = h;
	if (op1_raise(I, &op))
		return -1;
	*is_set = op.ret[0] == PYMM_T_SET;
	return *is_set && (op.ret[1] & PYMM_TYPEF_FROZEN);
}

/* the name type() shows: frozenset is a kind of the one type code */
const char *value_type_name(struct interp *I, uint64_t h, uint32_t type)
{
	bool s;

	if (type == PYMM_T_SET && set_kind(I, h, &s) == 1)
		return "frozenset";
	if (type == PYMM_T_RANGE && !range_kind(I, h, &s) && s)
		return "range_iterator";
	if (type == PYMM_T_DICTVIEW)
		return view_type_name(view_kind(I, h));
	if (type == PYMM_T_BUILTIN)
		return bfunc_type_name(I, h);
	if (type == PYMM_T_WEAKPROXY) {
		const char *tn = proxy_type_name(I, h);

		return tn ? tn : "weakref.ProxyType";
	}
	return type_name(type);
}

/*
 * both operands' type codes (operators look at them): off the handles, or
 * in one round trip for values that are not heap handles
 */
int pair_types(struct interp *I, uint64_t a, uint64_t b, uint32_t *ta, uint32_t *tb)
{
	struct pymm_op ops[2];
	int i;

	if (PYMM_HANDLE_TYPE(a) && PYMM_HANDLE_TYPE(b))
		return obj_type(I, a, ta) || obj_type(I, b, tb) ? -1 : 0;
	for (i = 0; i < 2; i++) {
		pymm_op_init(&ops[i], PYMM_OP_TYPE);
		ops[i].arg[0] = i ? b : a;
	}
	if (xops(I, ops, 2))
		return -1;
	for (i = 0; i < 2; i++)
		if (ops[i].error)
			return raise_op(I, &ops[i], NULL);
	*ta = (uint32_t)ops[0].ret[0];
	*tb = (uint32_t)ops[1].ret[0];
	return 0;
}

static int type_of(struct interp *I, uint64_t h, uint32_t *t)
{
	return obj_type(I, h, t);
}

/* the TypeError of an unhashable item: CPython names the item's type */
int raise_unhashable(struct interp *I, uint64_t item)
{
	uint32_t t = 0;

	if (type_of(I, item, &t))
		return -1;
	if (t == PYMM_T_INSTANCE) {
		/* a class with __hash__ = None: CPython names the class */
		struct objinfo oi;
		int err;

		if (obj_read(I, item, &oi))
			return -1;
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "unhashable type: '%s'",
				oi.s ? oi.s : "object");
		free(oi.s);
		return err;
	}
	return raise_exc(I, PYMM_EXC_TYPE_ERROR, "unhashable type: '%s'",
			 value_type_name(I, item, t));
}

/* the first item of hs[] that has no hash */
static int raise_unhashable_among(struct interp *I, const uint64_t *hs, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		struct pymm_op op;

		pymm_op_init(&op, PYMM_OP_HASH);
		op.arg[0] = hs[i];
		if (op1(I, &op))
			return -1;
		if (op.error)
			return raise_unhashable(I, hs[i]);
	}
	return raise_exc(I, PYMM_EXC_TYPE_ERROR, "unhashable type");
}

/* a failed set op on other (a container, or 0): its unhashable item, else the op's error */
static int set_op_failed(struct interp *I, const struct pymm_op *op, uint64_t other)
{
	uint64_t *hs;
	uint32_t n;
	int err;

	if (op->exc != PYMM_EXC_TYPE_ERROR || !other)
		return raise_op(I, op, NULL);
	if (obj_items(I, other, &hs, &n))
		return -1;
	err = raise_unhashable_among(I, hs, n);
	close_many(I, hs, n);
	free(hs);
	return err;
}

/*
 * What the core can take as an operand: a set, frozenset, dict, list or
 * tuple as it is (*tmp false), anything else iterable as a new list of
 * its items (*tmp true: the caller closes it).
 */
static int set_operand(struct interp *I, const struct value *v, uint64_t *h, bool *tmp)
{
	struct value lst;
	uint64_t *hs;
	uint32_t t = 0, n;
	int err;

	*tmp = false;
	if (need_obj(I, v) || type_of(I, v->h, &t))
		return -1;
	if (t == PYMM_T_SET || t == PYMM_T_DICT || t == PYMM_T_LIST || t == PYMM_T_TUPLE) {
		*h = v->h;
		return 0;
	}
	if (iter_collect(I, v, &hs, &n))
		return -1;
	err = new_container(I, PYMM_OP_NEW_LIST, hs, n, &lst);
	close_many(I, hs, n);
	free(hs);
	if (err)
		return -1;
	*h = lst.h;
	*tmp = true;
	return 0;
}

static int set_new_op(struct interp *I, bool frozen, uint64_t other, const uint64_t *hs,
		      uint32_t n, struct value *out)
{
	struct pymm_op op;
	uint64_t dummy = 0;

	pymm_op_init(&op, PYMM_OP_NEW_SET);
	op.arg[0] = frozen ? PYMM_SETF_FROZEN : 0;
	op.arg[1] = other;
	pymm_op_set_data(&op, n ? (const void *)hs : (const void *)&dummy, n * sizeof(uint64_t));
	if (op1(I, &op))
		return -1;
	/* an item's class defines __hash__ or __eq__: one at a time (userkey.c) */
	if (op.error == -ENOKEY)
		return userkey_new_set(I, frozen, other, hs, n, out);
	if (op.error) {
		if (op.exc == PYMM_EXC_TYPE_ERROR && n)
			return raise_unhashable_among(I, hs, n);
		return set_op_failed(I, &op, other);
	}
	*out = vobj(op.ret[0], true);
	return 0;
}

/* set(iterable) / frozenset(iterable) */
static int set_from_value(struct interp *I, bool frozen, const struct value *v,
			  struct value *out)
{
	uint64_t h;
	bool tmp;
	int err;

	if (set_operand(I, v, &h, &tmp))
		return -1;
	err = set_new_op(I, frozen, h, NULL, 0, out);
	if (tmp)
		queue_close(I, h);
	return err;
}

static bool all_const(struct nvec *v)
{
	int i;

	for (i = 0; i < v->n; i++)
		if (v->v[i]->kind != N_CONST)
			return false;
	return true;
}

/*
 * The compiler's frozenset constant: made from the items, then made again
 * from its own iteration order when the constants are merged
 * (merge_consts_recursive builds a new frozenset of the merged items).
 */
static int const_frozenset(struct interp *I, const uint64_t *hs, uint32_t n, struct value *out)
{
	struct value first;
	uint64_t *items;
	uint32_t ni;
	int err;

	if (set_new_op(I, true, 0, hs, n, &first))
		return -1;
	err = obj_items(I, first.h, &items, &ni);
	vrelease(I, &first);
	if (err)
		return -1;
	err = set_new_op(I, true, 0, items, ni, out);
	close_many(I, items, ni);
	free(items);
	return err;
}

/*
 * {a, b, *c}: BUILD_SET, SET_ADD / SET_UPDATE in order.  Three or more
 * constants are one frozenset constant to CPython's compiler (BUILD_SET 0;
 * LOAD_CONST frozenset; SET_UPDATE): the set is merged from it, whose
 * table decides the order.  for_iter: the display is a for loop's iterable,
 * which CPython folds to the frozenset itself.
 */
int set_display(struct interp *I, struct node *n, bool for_iter, struct value *out)
{
	uint64_t *hs = NULL;
	bool *own = NULL;	/* a constant's handle is the module's */
	uint32_t cnt = 0, cap = 0, k;
	struct value fz;
	int i, err = 0;

	for (i = 0; i < n->seq.elts.n && !err; i++) {
		struct node *e = n->seq.elts.v[i];
		uint64_t *more;
		uint32_t nm;
		bool owned = true;
		struct value v;

		if (e->kind == N_STARRED) {
			if (eval(I, e->starred.value, &v))
				break;
			err = iter_collect(I, &v, &more, &nm);
			vrelease(I, &v);
			if (err)
				break;
		} else {
			if (eval(I, e, &v)) {
				err = -1;
				break;
			}
			if (need_obj(I, &v)) {
				vrelease(I, &v);
				err = -1;
				break;
			}
			more = xrealloc(NULL, sizeof(uint64_t));
			more[0] = v.h;
			owned = v.owned;
			nm = 1;
		}
		if (cnt + nm > cap) {
			cap = (cnt + nm) * 2;
			hs = xrealloc(hs, cap * sizeof(uint64_t));
			own = xrealloc(own, cap * sizeof(bool));
		}
		for (k = 0; k < nm; k++) {
			own[cnt] = owned;
			hs[cnt++] = more[k];
		}
		free(more);
	}
	if (i < n->seq.elts.n)
		err = -1;
	if (!err && n->seq.elts.n > 2 && all_const(&n->seq.elts)) {
		err = const_frozenset(I, hs, cnt, &fz);
		if (!err && for_iter) {
			*out = fz;
		} else if (!err) {
			err = set_new_op(I, false, fz.h, NULL, 0, out);
			vrelease(I, &fz);
		}
	} else if (!err) {
		err = set_new_op(I, false, 0, hs, cnt, out);
	}
	for (k = 0; k < cnt; k++)
		if (own[k])
			queue_close(I, hs[k]);
	free(hs);
	free(own);
	return err ? -1 : 0;
}

/* a new empty set for a set comprehension */
int set_new_empty(struct interp *I, struct value *out)
{
	return set_new_op(I, false, 0, NULL, 0, out);
}

/* SET_ADD, SET_DISCARD, SET_CONTAINS: ret0 */
int set_item_op(struct interp *I, uint32_t code, uint64_t set, uint64_t item, uint64_t *ret)
{
	struct pymm_op op;

	pymm_op_init(&op, code);
	op.arg[0] = set;
	op.arg[1] = item;
	if (op1(I, &op))
		return -1;
	if (op.error && op.exc == PYMM_EXC_TYPE_ERROR)
		return raise_unhashable(I, item);
	if (op.error)
		return raise_op(I, &op, NULL);
	*ret = op.ret[0];
	return 0;
}

/*
 * set_contains_key / set_discard_key: an unhashable set is looked for as
 * the frozenset of its items (a set of frozensets answers `{1} in s`).
 */
static int set_item_or_frozen(struct interp *I, uint32_t code, uint64_t set, uint64_t item,
			      uint64_t *ret)
{
	struct value fz;
	bool is_set;
	int k = set_kind(I, item, &is_set), err;

	if (k < 0)
		return -1;
	if (!is_set || k == 1)
		return set_item_op(I, code, set, item, ret);
	if (set_new_op(I, true, item, NULL, 0, &fz))
		return -1;
	err = set_item_op(I, code, set, fz.h, ret);
	vrelease(I, &fz);
	return err;
}

int set_contains(struct interp *I, uint64_t set, uint64_t item, bool *res)
{
	uint64_t r = 0;

	if (set_item_or_frozen(I, PYMM_OP_SET_CONTAINS, set, item, &r))
		return -1;
	*res = r != 0;
	return 0;
}

/* SET_ALGEBRA: out (a new set) or *ret (a test); other (a value) converted */
static int algebra(struct interp *I, uint64_t set, const struct value *other, int setop,
		   struct value *out, uint64_t *ret)
{
	struct pymm_op op;
	uint64_t h = 0;
	bool tmp = false;
	int err;

	if (other && set_operand(I, other, &h, &tmp))
		return -1;
	pymm_op_init(&op, PYMM_OP_SET_ALGEBRA);
	op.arg[0] = set;
	op.arg[1] = h;
	op.arg[2] = setop;
	err = op1(I, &op);
	/* members whose class defines __eq__ meet: one key at a time (userkey.c) */
	if (!err && op.error == -ENOKEY)
		err = userkey_algebra(I, set, h, setop, &op);
	if (!err && op.error)
		err = set_op_failed(I, &op, h);
	if (!err && out && setop <= PYMM_SETOP_SYMMETRIC_DIFFERENCE)
		*out = vobj(op.ret[0], true);
	if (!err && ret)
		*ret = op.ret[0];
	if (tmp)
		queue_close(I, h);
	return err;
}

/* ------------------------------------------------------------ builtins */

static int bi_set(BI_ARGS)
{
	bool frozen = b->op != 0;

	if (!nargs)
		return set_new_op(I, frozen, 0, NULL, 0, out);
	return set_from_value(I, frozen, &args[0], out);
}

/* ------------------------------------------------------------- methods */

static int m_add(BI_ARGS)
{
	uint64_t r;

	if (need_obj(I, &args[0]) || set_item_op(I, PYMM_OP_SET_ADD, self->h, args[0].h, &r))
		return -1;
	*out = vnone(I);
	return 0;
}

/* discard (op 0) and remove (op 1: KeyError(item) when missing) */
static int m_discard(BI_ARGS)
{
	struct strbuf sb = { 0 };
	uint64_t r = 0;
	int err;

	if (need_obj(I, &args[0]) ||
	    set_item_or_frozen(I, PYMM_OP_SET_DISCARD, self->h, args[0].h, &r))
		return -1;
	if (!r && b->op) {
		err = value_repr(I, &args[0], &sb, false);
		if (!err)
			err = raise_exc(I, PYMM_EXC_KEY_ERROR, "%s", sb.p ? sb.p : "");
		sb_free(&sb);
		return -1;
	}
	*out = vnone(I);
	return 0;
}

static int m_pop(BI_ARGS)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_SET_POP);
	op.arg[0] = self->h;
	if (op1(I, &op))
		return -1;
	if (op.error == -ENOENT)
		return raise_exc(I, PYMM_EXC_KEY_ERROR, "'pop from an empty set'");
	if (op.error)
		return raise_op(I, &op, NULL);
	*out = vobj(op.ret[0], true);
	return 0;
}

static int m_set_clear(BI_ARGS)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_SET_CLEAR);
	op.arg[0] = self->h;
	if (op1_raise(I, &op))
		return -1;
	*out = vnone(I);
	return 0;
}

static int m_copy(BI_ARGS)
{
	return algebra(I, self->h, NULL, PYMM_SETOP_COPY, out, NULL);
}

/* in-place updates, one per operand in order (update, *_update) */
static int m_update(BI_ARGS)
{
	int i;

	for (i = 0; i < nargs; i++)
		if (algebra(I, self->h, &args[i], (int)b->op, NULL, NULL))
			return -1;
	*out = vnone(I);
	return 0;
}

/*
 * union / intersection / difference: no operand copies (a new object,
 * a frozenset too); one is one op; more chain as setobject.c does.
 */
static int m_algebra(BI_ARGS)
{
	struct value res;
	int i, err = 0;

	if (!nargs)
		return algebra(I, self->h, self, PYMM_SETOP_UNION, out, NULL);
	if (algebra(I, self->h, &args[0], (int)b->op, &res, NULL))
		return -1;
	for (i = 1; i < nargs && !err; i++) {
		struct value next;

		switch (b->op) {
		case PYMM_SETOP_UNION:
			err = algebra(I, res.h, &args[i], PYMM_SETOP_UPDATE, NULL, NULL);
			break;
		case PYMM_SETOP_DIFFERENCE:
			err = algebra(I, res.h, &args[i], PYMM_SETOP_DIFFERENCE_UPDATE, NULL, NULL);
			break;
		default:	/* set_intersection_multi: a new result per operand */
			err = algebra(I, res.h, &args[i], PYMM_SETOP_INTERSECTION, &next, NULL);
			if (!err) {
				vrelease(I, &res);
				res = next;
			}
			break;
		}
	}
	if (err) {
		vrelease(I, &res);
		return -1;
	}
	*out = res;
	return 0;
}

/* symmetric_difference, issubset, issuperset, isdisjoint: one operand */
static int m_test(BI_ARGS)
{
	uint64_t r = 0;

	if (b->op == PYMM_SETOP_SYMMETRIC_DIFFERENCE)
		return algebra(I, self->h, &args[0], (int)b->op, out, NULL);
	if (algebra(I, self->h, &args[0], (int)b->op, NULL, &r))
		return -1;
	*out = vbool(I, r != 0);
	return 0;
}


/* BF_MUTATES: a set's, not a frozenset's */
const struct builtin *const builtins_sets[] = {
	ROW(BO_BUILTINS, "set", 0, 1, 0, bi_set, 0),
	ROW(BO_BUILTINS, "frozenset", 0, 1, 0, bi_set, 1),
	ROW(BO_SET, "add", 1, 1, BF_MUTATES, m_add, 0),
	ROW(BO_SET, "discard", 1, 1, BF_MUTATES, m_discard, 0),
	ROW(BO_SET, "remove", 1, 1, BF_MUTATES, m_discard, 1),
	ROW(BO_SET, "pop", 0, 0, BF_MUTATES, m_pop, 0),
	ROW(BO_SET, "clear", 0, 0, BF_MUTATES, m_set_clear, 0),
	ROW(BO_SET, "copy", 0, 0, 0, m_copy, 0),
	ROW(BO_SET, "update", 0, -1, BF_MUTATES, m_update, PYMM_SETOP_UPDATE),
	ROW(BO_SET, "intersection_update", 0, -1, BF_MUTATES, m_update,
	    PYMM_SETOP_INTERSECTION_UPDATE),
	ROW(BO_SET, "difference_update", 0, -1, BF_MUTATES, m_update,
	    PYMM_SETOP_DIFFERENCE_UPDATE),
	ROW(BO_SET, "symmetric_difference_update", 1, 1, BF_MUTATES, m_update,
	    PYMM_SETOP_SYMMETRIC_DIFFERENCE_UPDATE),
	ROW(BO_SET, "union", 0, -1, 0, m_algebra, PYMM_SETOP_UNION),
	ROW(BO_SET, "intersection", 0, -1, 0, m_algebra, PYMM_SETOP_INTERSECTION),
	ROW(BO_SET, "difference", 0, -1, 0, m_algebra, PYMM_SETOP_DIFFERENCE),
	ROW(BO_SET, "symmetric_difference", 1, 1, 0, m_test, PYMM_SETOP_SYMMETRIC_DIFFERENCE),
	ROW(BO_SET, "issubset", 1, 1, 0, m_test, PYMM_SETOP_ISSUBSET),
	ROW(BO_SET, "issuperset", 1, 1, 0, m_test, PYMM_SETOP_ISSUPERSET),
	ROW(BO_SET, "isdisjoint", 1, 1, 0, m_test, PYMM_SETOP_ISDISJOINT),
	NULL
};

/* ----------------------------------------------------------- operators */

static int both_sets(struct interp *I, const struct value *a, const struct value *b,
		     int *ka, bool *yes)
{
	bool sa, sb;
	int kb;

	*yes = false;
	if (a->kind != V_OBJ || b->kind != V_OBJ)
		return 0;
	*ka = set_kind(I, a->h, &sa);
	if (*ka < 0)
		return -1;
	if (!sa)
		return 0;
	kb = set_kind(I, b->h, &sb);
	if (kb < 0)
		return -1;
	*yes = sb;
	return 0;
}

static int setop_of(int op)
{
	switch (op) {
	case '|':
		return PYMM_SETOP_UNION;
	case '&':
		return PYMM_SETOP_INTERSECTION;
	case '-':
		return PYMM_SETOP_DIFFERENCE;
	case 'x':
		return PYMM_SETOP_SYMMETRIC_DIFFERENCE;
	}
	return 0;
}

/* a | b, a & b, a - b, a ^ b of two sets; 1: not two sets (not ours) */
int set_binop(struct interp *I, int op, const struct value *a, const struct value *b,
	      struct value *out)
{
	bool yes;
	int ka;

	if (!setop_of(op))
		return 1;
	if (both_sets(I, a, b, &ka, &yes))
		return -1;
	if (!yes)
		return 1;
	return algebra(I, a->h, b, setop_of(op), out, NULL) ? -1 : 0;
}

/*
 * a |= b & co on a set: in place (set_ior ...), *res is a itself; a
 * frozenset has no in-place form: 1, the caller falls back to the binop.
 */
int set_inplace(struct interp *I, int op, const struct value *a, const struct value *b)
{
	static const int upd[] = {
		[PYMM_SETOP_UNION] = PYMM_SETOP_UPDATE,
		[PYMM_SETOP_INTERSECTION] = PYMM_SETOP_INTERSECTION_UPDATE,
		[PYMM_SETOP_DIFFERENCE] = PYMM_SETOP_DIFFERENCE_UPDATE,
		[PYMM_SETOP_SYMMETRIC_DIFFERENCE] = PYMM_SETOP_SYMMETRIC_DIFFERENCE_UPDATE,
	};
	bool yes;
	int ka;

	if (!setop_of(op))
		return 1;
	if (both_sets(I, a, b, &ka, &yes))
		return -1;
	if (!yes || ka == 1)
		return 1;
	return algebra(I, a->h, b, upd[setop_of(op)], NULL, NULL) ? -1 : 0;
}

/* a < b, a <= b, a > b, a >= b of two sets (set_richcompare); 1: not ours */
int set_order(struct interp *I, int cmp, const struct value *a, const struct value *b,
	      bool *res)
{
	uint64_t r = 0;
	bool yes;
	int ka, setop;

	switch (cmp) {
	case CMP_LT:
		setop = PYMM_SETOP_LT;
		break;
	case CMP_LE:
		setop = PYMM_SETOP_ISSUBSET;
		break;
	case CMP_GT:
		setop = PYMM_SETOP_GT;
		break;
	case CMP_GE:
		setop = PYMM_SETOP_ISSUPERSET;
		break;
	default:
		return 1;
	}
	if (both_sets(I, a, b, &ka, &yes))
		return -1;
	if (!yes)
		return 1;
	if (algebra(I, a->h, b, setop, NULL, &r))
		return -1;
	*res = r != 0;
	return 0;
}
