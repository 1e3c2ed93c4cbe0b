// SPDX-License-Identifier: GPL-2.0
/*
 * operators.c - the binary-operator and rich-comparison protocols on
 * instances, as CPython 3.11's abstract.c and typeobject.c run them, and
 * the NotImplemented singleton their methods answer with.
 *
 * The core's BINOP and the interpreter's own arithmetic come first, so a
 * number costs nothing more; only when they find no answer is an instance
 * asked.  `x op y` then follows binary_op1() and SLOT1BINFULL: x's __op__,
 * then y's __rop__ -- y's first when y's class derives from x's and
 * overrides __rop__, never when both have the same class -- each one
 * answering NotImplemented passing the turn on (for `x op= y`, x's __iop__
 * before both).  Comparisons follow do_richcompare(): the reflected method
 * (__lt__ <-> __gt__) of a right operand whose class derives from the left
 * one's first, then the left one's method, then the reflection; object's
 * defaults are an `==` by identity and a `!=` that inverts `__eq__`.
 *
 * NotImplemented is an `object()` the interpreter makes on first use and
 * holds to the end: one object, untracked (no GC header), as CPython's
 * static singleton; its repr and type() are CPython's (docs/pymmctl.md).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

struct binop_names {
	int op;
	const char *sym, *name, *rname, *iname;
};

/* the interpreter's operator codes (expr.c, lang.c) and their methods */
static const struct binop_names binop_names[] = {
	{ '+', "+", "__add__", "__radd__", "__iadd__" },
	{ '-', "-", "__sub__", "__rsub__", "__isub__" },
	{ '*', "*", "__mul__", "__rmul__", "__imul__" },
	{ '/', "/", "__truediv__", "__rtruediv__", "__itruediv__" },
	{ 'f', "//", "__floordiv__", "__rfloordiv__", "__ifloordiv__" },
	{ '%', "%", "__mod__", "__rmod__", "__imod__" },
	{ '^', "**", "__pow__", "__rpow__", "__ipow__" },
	{ '&', "&", "__and__", "__rand__", "__iand__" },
	{ '|', "|", "__or__", "__ror__", "__ior__" },
	{ 'x', "^", "__xor__", "__rxor__", "__ixor__" },
	{ 'l', "<<", "__lshift__", "__rlshift__", "__ilshift__" },
	{ 'r', ">>", "__rshift__", "__rrshift__", "__irshift__" },
	/* divmod(a, b): nb_divmod, no in-place form */
	{ 'd', "divmod()", "__divmod__", "__rdivmod__", NULL },
};

static const struct binop_names *names_of(int op)
{
	size_t i;

	for (i = 0; i < sizeof(binop_names) / sizeof(binop_names[0]); i++)
		if (binop_names[i].op == op)
			return &binop_names[i];
	return NULL;
}

/* ------------------------------------------------------- NotImplemented */

/* the value of the builtin name NotImplemented (borrowed: held to the end) */
int notimpl_load(struct interp *I, struct value *out)
{
	if (held_object(I, &I->h_notimpl))
		return -1;
	*out = vobj(I->h_notimpl, false);
	return 0;
}

/* is v NotImplemented?  (never, and no op, before the name was first read) */
int is_notimpl(struct interp *I, const struct value *v, bool *res)
{
	*res = false;
	if (!I->h_notimpl || v->kind != V_OBJ)
		return 0;
	if (v->h == I->h_notimpl) {
		*res = true;
		return 0;
	}
	return same_object(I, v->h, I->h_notimpl, res);
}

/* ----------------------------------------------------- binary operators */

/* h.name(arg) if h is an instance whose class defines name: 1 if not */
static int try_special(struct interp *I, const struct value *h, const char *name,
		       const struct value *arg, struct value *out)
{
	struct value a;

	if (h->kind != V_OBJ)
		return 1;
	if (arg) {
		a = *arg;
		a.owned = false;	/* call_special() borrows it */
	}
	return call_special(I, h->h, name, arg ? &a : NULL, arg ? 1 : 0, out);
}

/* a method's answer: 1 if it answered NotImplemented (released) */
static int answered(struct interp *I, int r, struct value *out)
{
	bool ni;

	if (r)
		return r;
	if (is_notimpl(I, out, &ni)) {
		vrelease(I, out);
		return -1;
	}
	if (!ni)
		return 0;
	vrelease(I, out);
	return 1;
}

/* h.name(arg): 0 answered, 1 no such method or NotImplemented, -1 raised */
static int ask(struct interp *I, const struct value *h, const char *name,
	       const struct value *arg, struct value *out)
{
	return answered(I, try_special(I, h, name, arg, out), out);
}

/* an operand's class (owned), or 0 when it is not an instance */
static int class_of(struct interp *I, const struct value *v, uint64_t *cls)
{
	uint32_t t;

	*cls = 0;
	if (v->kind != V_OBJ)
		return 0;
	if (obj_type(I, v->h, &t))
		return -1;
	if (t != PYMM_T_INSTANCE)
		return 0;
	return getattr_h(I, v->h, "__class__", cls);
}

/* the operands' classes class_of() gave (0: none) */
static void drop_classes(struct interp *I, uint64_t ca, uint64_t cb)
{
	if (cb)
		queue_close(I, cb);
	if (ca)
		queue_close(I, ca);
}

/* cls.name through the MRO (owned), 0 if no class there has it */
static int class_lookup(struct interp *I, uint64_t cls, const char *name, uint64_t *out)
{
	struct pymm_op op;

	*out = 0;
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = cls;
	pymm_op_set_data(&op, name, strlen(name));
	if (op1(I, &op))
		return -1;
	if (op.error == -ENOENT || op.exc == PYMM_EXC_ATTRIBUTE_ERROR)
		return 0;
	if (op.error)
		return raise_op(I, &op, NULL);
	*out = op.ret[0];
	return 0;
}

/*
 * The right operand goes first: its class derives from the left one's
 * (and is not it), and, for an operator, overrides the reflected method
 * (method_is_overloaded()); comparisons ask only the first (rname NULL).
 */
static int right_first(struct interp *I, uint64_t lc, uint64_t rc, const char *rname, bool *res)
{
	struct value base = vobj(lc, false);
	uint64_t lm, rm;
	bool same;
	int err;

	*res = false;
	if (!lc || !rc)
		return 0;
	if (class_derives(I, rc, &base, res))
		return -1;
	if (!*res || !rname)
		return 0;
	*res = false;
	if (class_lookup(I, rc, rname, &rm))
		return -1;
	if (!rm)
		return 0;
	if (class_lookup(I, lc, rname, &lm)) {
		queue_close(I, rm);
		return -1;
	}
	err = lm ? same_object(I, lm, rm, &same) : 0;
	*res = !err && (!lm || !same);
	queue_close(I, rm);
	if (lm)
		queue_close(I, lm);
	return err;
}

/* binary_op1() over SLOT1BINFULL for two operands, at least one an instance */
static int binary_op(struct interp *I, const struct binop_names *n, const struct value *a,
		     const struct value *b, struct value *out)
{
	uint64_t ca, cb;
	bool same = false, other, first = false;
	int r = -1;

	if (class_of(I, a, &ca))
		return -1;
	if (class_of(I, b, &cb))
		goto out;
	if (ca && cb && same_object(I, ca, cb, &same))
		goto out;
	if (!ca && !cb) {
		r = 1;
		goto out;
	}
	other = cb && !same;
	if (ca && other && right_first(I, ca, cb, n->rname, &first))
		goto out;
	if (first) {
		r = ask(I, b, n->rname, a, out);
		if (r <= 0)
			goto out;
		other = false;
	}
	if (ca) {
		r = ask(I, a, n->name, b, out);
		if (r <= 0 || same)
			goto out;
	}
	r = other ? ask(I, b, n->rname, a, out) : 1;
out:
	drop_classes(I, ca, cb);
	return r;
}

/*
 * bool(I->inplace_op): the statement running is `x op= y`, so an
 * operator's TypeError says `op=` (raise_unsupported()).  Cleared while
 * an operand's methods run (their own operators are plain).
 */
int instance_binop(struct interp *I, int op, const struct value *a, const struct value *b,
		   bool inplace, struct value *out)
{
	const struct binop_names *n = names_of(op);
	bool was = I->inplace_op;
	int r = 1;

	if (!n)
		return 1;
	I->inplace_op = false;
	if (inplace && n->iname)
		r = ask(I, a, n->iname, b, out);
	if (r > 0)
		r = binary_op(I, n, a, b, out);
	I->inplace_op = was;
	return r;
}

/* TypeError "unsupported operand type(s) for +: 'A' and 'int'" (`+=` in x += y) */
int raise_unsupported(struct interp *I, int op, const char *ta, const char *tb)
{
	const struct binop_names *n = names_of(op);

	return raise_exc(I, PYMM_EXC_TYPE_ERROR, "unsupported operand type(s) for %s%s: '%s' and '%s'",
			 n ? (op == '^' && !I->inplace_op ? "** or pow()" : n->sym) : "?",
			 I->inplace_op ? "=" : "", ta, tb);
}

/* raise_unsupported() naming the operands' types */
int raise_unsupported_of(struct interp *I, int op, const struct value *a, const struct value *b)
{
	struct objinfo x, y;
	int err;

	if (need_obj(I, a) || need_obj(I, b) || obj_read(I, a->h, &x))
		return -1;
	if (obj_read(I, b->h, &y)) {
		free(x.s);
		return -1;
	}
	err = raise_unsupported(I, op, objinfo_type_name(&x), objinfo_type_name(&y));
	free(x.s);
	free(y.s);
	return err;
}

int instance_unary(struct interp *I, const char *name, const struct value *a, struct value *out)
{
	return try_special(I, a, name, NULL, out);
}

/* ---------------------------------------------------- rich comparisons */

static const char *const cmp_names[] = {
	[PYMM_CMP_EQ] = "__eq__", [PYMM_CMP_NE] = "__ne__", [PYMM_CMP_LT] = "__lt__",
	[PYMM_CMP_LE] = "__le__", [PYMM_CMP_GT] = "__gt__", [PYMM_CMP_GE] = "__ge__",
};

static const int cmp_swapped[] = {
	[PYMM_CMP_EQ] = PYMM_CMP_EQ, [PYMM_CMP_NE] = PYMM_CMP_NE,
	[PYMM_CMP_LT] = PYMM_CMP_GT, [PYMM_CMP_LE] = PYMM_CMP_GE,
	[PYMM_CMP_GT] = PYMM_CMP_LT, [PYMM_CMP_GE] = PYMM_CMP_LE,
};

/*
 * self's method for code, as slot_tp_richcompare finds it: without one of
 * its own, object.__ne__ is `not self.__eq__(other)` (NotImplemented stays
 * itself), every other one NotImplemented.  0 answered (*res), 1 not.
 */
static int cmp_side(struct interp *I, uint64_t self, uint64_t other, int code, bool keep,
		    bool *res)
{
	struct value out, ov = vobj(other, false);
	int r = call_special(I, self, cmp_names[code], &ov, 1, &out);
	bool invert = false;

	if (r == 1 && code == PYMM_CMP_NE) {
		ov = vobj(other, false);
		r = call_special(I, self, "__eq__", &ov, 1, &out);
		invert = true;
	}
	r = answered(I, r, &out);
	if (r)
		return r;
	r = truth(I, &out, res);
	if (!r && keep && !invert) {
		I->cmp_obj = out;	/* the comparison's value (eval_compare()) */
		return 0;
	}
	vrelease(I, &out);
	if (!r && invert)
		*res = !*res;
	return r;
}

/*
 * ==, <, ... when an operand is an instance (COMPARE said so):
 * do_richcompare()'s order.  With I->cmp_keep the answering method's
 * value is left in I->cmp_obj (`x == y` is what __eq__ returned).  1 if every method answered NotImplemented:
 * the caller gives `==` by identity or the TypeError.
 */
int rich_compare(struct interp *I, int code, uint64_t a, uint64_t b, bool *res)
{
	struct value av = vobj(a, false), bv = vobj(b, false);
	uint64_t ca, cb;
	bool same = false, first = false, keep = I->cmp_keep;
	int r = -1;

	I->cmp_keep = false;	/* the methods' own comparisons are theirs */
	if (code < PYMM_CMP_EQ || code > PYMM_CMP_GE)
		return 1;
	if (class_of(I, &av, &ca))
		return -1;
	if (class_of(I, &bv, &cb))
		goto out;
	if (ca && cb && same_object(I, ca, cb, &same))
		goto out;
	if (!same && right_first(I, ca, cb, NULL, &first))
		goto out;
	if (first) {
		r = cmp_side(I, b, a, cmp_swapped[code], keep, res);
		if (r <= 0)
			goto out;
	}
	r = ca ? cmp_side(I, a, b, code, keep, res) : 1;
	if (r == 1 && cb && !first)
		r = cmp_side(I, b, a, cmp_swapped[code], keep, res);
out:
	drop_classes(I, ca, cb);
	return r;
}
