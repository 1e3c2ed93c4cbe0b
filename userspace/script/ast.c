// SPDX-License-Identifier: GPL-2.0
/*
 * ast.c - which fields of each kind of node are its children (ast.h).
 *
 * The walkers that treat every kind alike (the constant folder's default,
 * the dumper, symtable.c's default, module_free, the fuzzer) read this
 * table instead of knowing each kind's struct.  A row lists the child
 * fields in the order the walkers visit them, which is the order CPython's
 * compiler meets them where that matters (constant slots).
 */
#include "ast.h"

#define NODE(f)	{ AST_NODE, offsetof(struct node, f) }
#define NVEC(f)	{ AST_NVEC, offsetof(struct node, f) }
#define OFF(f)	offsetof(struct node, f)

const struct ast_kind ast_kinds[N_KIND_MAX] = {
	[N_CONST] = { "Const" },
	[N_NAME] = { "Name", { NODE(name.default_value), NODE(name.alias) }, OFF(name.id),
		     OFF(name.param_kind) },
	[N_ATTR] = { "Attr", { NODE(attr.value) }, OFF(attr.attr) },
	[N_SUBSCR] = { "Subscr", { NODE(subscr.value), NODE(subscr.slice) } },
	[N_CALL] = { "Call", { NODE(call.func), NVEC(call.args), NVEC(call.kwvalues),
			       NVEC(call.kwnames) } },
	[N_BINOP] = { "BinOp", { NODE(binop.left), NODE(binop.right) }, 0, OFF(binop.op) },
	[N_UNARY] = { "Unary", { NODE(unary.operand) }, 0, OFF(unary.op) },
	[N_BOOLOP] = { "BoolOp", { NVEC(boolop.values) }, 0, OFF(boolop.op) },
	[N_COMPARE] = { "Compare", { NODE(compare.left), NVEC(compare.comparators) } },
	[N_LIST] = { "List", { NVEC(seq.elts) } },
	[N_TUPLE] = { "Tuple", { NVEC(seq.elts) } },
	[N_DICT] = { "Dict", { NVEC(dict.keys), NVEC(dict.values) } },
	[N_IFEXP] = { "IfExp", { NODE(ifexp.test), NODE(ifexp.body), NODE(ifexp.orelse) } },
	[N_LAMBDA] = { "Lambda", { NVEC(def.body), NVEC(def.params) }, OFF(def.name) },
	[N_STARRED] = { "Starred", { NODE(starred.value) } },
	[S_EXPR] = { "Expr", { NODE(expr.value) } },
	[S_ASSIGN] = { "Assign", { NODE(assign.value), NVEC(assign.targets) } },
	[S_AUGASSIGN] = { "AugAssign", { NODE(augassign.target), NODE(augassign.value) }, 0,
			  OFF(augassign.op) },
	[S_DEL] = { "Del", { NVEC(del.targets) } },
	[S_PASS] = { "Pass" },
	[S_BREAK] = { "Break" },
	[S_CONTINUE] = { "Continue" },
	[S_RETURN] = { "Return", { NODE(return_.value) } },
	[S_GLOBAL] = { "Global", { NVEC(decl.names) } },
	[S_IMPORT] = { "Import", { NVEC(import.names) }, OFF(import.module) },
	[S_IF] = { "If", { NODE(if_.test), NVEC(if_.body), NVEC(if_.orelse) } },
	[S_WHILE] = { "While", { NODE(while_.test), NVEC(while_.body), NVEC(while_.orelse) } },
	[S_FOR] = { "For", { NODE(for_.target), NODE(for_.iter), NVEC(for_.body),
			     NVEC(for_.orelse) } },
	[S_DEF] = { "Def", { NVEC(def.body), NVEC(def.params) }, OFF(def.name) },
	[S_CLASS] = { "Class", { NVEC(class_.body), NVEC(class_.bases) }, OFF(class_.name) },
	[S_TRY] = { "Try", { NVEC(try_.body), NVEC(try_.orelse), NVEC(try_.handlers) } },
	[S_HANDLER] = { "Handler", { NVEC(handler.body), NVEC(handler.types) },
			OFF(handler.name) },
	[N_COMP] = { "Comp", { NODE(comp.elt), NODE(comp.value), NVEC(comp.generators) }, 0,
		     OFF(comp.kind) },
	[N_COMPFOR] = { "CompFor", { NODE(compfor.target), NODE(compfor.iter),
				     NVEC(compfor.ifs) } },
	[N_SLICE] = { "Slice", { NODE(slice.lower), NODE(slice.upper), NODE(slice.step) } },
	[N_NAMEDEXPR] = { "NamedExpr", { NODE(namedexpr.target), NODE(namedexpr.value) }, 0,
			  OFF(namedexpr.paren) },
	[N_FSTRING] = { "JoinedStr", { NVEC(fstring.values) } },
	[N_FVALUE] = { "FormattedValue", { NODE(fvalue.value), NODE(fvalue.format_spec) }, 0,
		       OFF(fvalue.conversion) },
	[S_RAISE] = { "Raise", { NODE(raise.exc), NODE(raise.cause) } },
	[S_ASSERT] = { "Assert", { NODE(assert_.test), NODE(assert_.msg) } },
	[S_TRYFINALLY] = { "TryFinally", { NVEC(tryfinally.body), NVEC(tryfinally.finalbody) } },
	[S_IMPORTFROM] = { "ImportFrom", { NVEC(import.names) }, OFF(import.module) },
	[S_NONLOCAL] = { "Nonlocal", { NVEC(decl.names) } },
	[N_YIELD] = { "Yield", { NODE(yield.value) } },
	[N_YIELDFROM] = { "YieldFrom", { NODE(yield.value) } },
	[S_WITH] = { "With", { NODE(with.context_expr), NODE(with.optional_vars),
			       NVEC(with.body) } },
	[N_SET] = { "Set", { NVEC(seq.elts) } },
};

int ast_for_children(struct node *n, int (*fn)(struct node *child, void *arg), void *arg)
{
	const struct ast_field *f = ast_kinds[n->kind].child;
	const struct ast_field *end = f + AST_MAX_FIELDS;
	int i, r = 0;

	for (; f < end && f->type != AST_NONE && !r; f++) {
		struct nvec *v = (struct nvec *)((char *)n + f->off);

		if (f->type == AST_NODE) {
			r = fn(*(struct node **)v, arg);
			continue;
		}
		for (i = 0; i < v->n && !r; i++)
			r = fn(v->v[i], arg);
	}
	return r;
}

struct node *ast_docstring(const struct nvec *body)
{
	struct node *e = body->n && body->v[0]->kind == S_EXPR ? body->v[0]->expr.value : NULL;

	return e && e->kind == N_CONST && e->constant.value->kind == CV_STR ? e : NULL;
}

const char *ast_str(const struct node *n)
{
	unsigned short off = ast_kinds[n->kind].str_off;

	return off ? *(char *const *)((const char *)n + off) : NULL;
}
