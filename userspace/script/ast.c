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
	[N_CONST] = { .name = "Const" },
	[N_NAME] = { .name = "Name",
		.child = { NODE(name.default_value), NODE(name.alias) },
		.str_off = OFF(name.id),
		.op_off = OFF(name.param_kind) },
	[N_ATTR] = { .name = "Attr", .child = { NODE(attr.value) }, .str_off = OFF(attr.attr) },
	[N_SUBSCR] = { .name = "Subscr", .child = { NODE(subscr.value), NODE(subscr.slice) } },
	[N_CALL] = { .name = "Call",
		.child = { NODE(call.func), NVEC(call.args), NVEC(call.kwvalues), NVEC(call.kwnames) } },
	[N_BINOP] = { .name = "BinOp",
		.child = { NODE(binop.left), NODE(binop.right) },
		.op_off = OFF(binop.op) },
	[N_UNARY] = { .name = "Unary",
		.child = { NODE(unary.operand) },
		.op_off = OFF(unary.op) },
	[N_BOOLOP] = { .name = "BoolOp",
		.child = { NVEC(boolop.values) },
		.op_off = OFF(boolop.op) },
	[N_COMPARE] = { .name = "Compare",
		.child = { NODE(compare.left), NVEC(compare.comparators) } },
	[N_LIST] = { .name = "List", .child = { NVEC(seq.elts) } },
	[N_TUPLE] = { .name = "Tuple", .child = { NVEC(seq.elts) } },
	[N_DICT] = { .name = "Dict", .child = { NVEC(dict.keys), NVEC(dict.values) } },
	[N_IFEXP] = { .name = "IfExp",
		.child = { NODE(ifexp.test), NODE(ifexp.body), NODE(ifexp.orelse) } },
	[N_LAMBDA] = { .name = "Lambda",
		.child = { NVEC(def.body), NVEC(def.params) },
		.str_off = OFF(def.name) },
	[N_STARRED] = { .name = "Starred", .child = { NODE(starred.value) } },
	[S_EXPR] = { .name = "Expr", .child = { NODE(expr.value) } },
	[S_ASSIGN] = { .name = "Assign",
		.child = { NODE(assign.value), NVEC(assign.targets) } },
	[S_AUGASSIGN] = { .name = "AugAssign",
		.child = { NODE(augassign.target), NODE(augassign.value) },
		.op_off = OFF(augassign.op) },
	[S_DEL] = { .name = "Del", .child = { NVEC(del.targets) } },
	[S_PASS] = { .name = "Pass" },
	[S_BREAK] = { .name = "Break" },
	[S_CONTINUE] = { .name = "Continue" },
	[S_RETURN] = { .name = "Return", .child = { NODE(return_.value) } },
	[S_GLOBAL] = { .name = "Global", .child = { NVEC(decl.names) } },
	[S_IMPORT] = { .name = "Import",
		.child = { NVEC(import.names) },
		.str_off = OFF(import.module) },
	[S_IF] = { .name = "If",
		.child = { NODE(if_.test), NVEC(if_.body), NVEC(if_.orelse) } },
	[S_WHILE] = { .name = "While",
		.child = { NODE(while_.test), NVEC(while_.body), NVEC(while_.orelse) } },
	[S_FOR] = { .name = "For",
		.child = { NODE(for_.target), NODE(for_.iter), NVEC(for_.body), NVEC(for_.orelse) } },
	[S_DEF] = { .name = "Def",
		.child = { NVEC(def.body), NVEC(def.params) },
		.str_off = OFF(def.name) },
	[S_CLASS] = { .name = "Class",
		.child = { NVEC(class_.body), NVEC(class_.bases) },
		.str_off = OFF(class_.name) },
	[S_TRY] = { .name = "Try",
		.child = { NVEC(try_.body), NVEC(try_.orelse), NVEC(try_.handlers) } },
	[S_HANDLER] = { .name = "Handler",
		.child = { NVEC(handler.body), NVEC(handler.types) },
		.str_off = OFF(handler.name) },
	[N_COMP] = { .name = "Comp",
		.child = { NODE(comp.elt), NODE(comp.value), NVEC(comp.generators) },
		.op_off = OFF(comp.kind) },
	[N_COMPFOR] = { .name = "CompFor",
		.child = { NODE(compfor.target), NODE(compfor.iter), NVEC(compfor.ifs) } },
	[N_SLICE] = { .name = "Slice",
		.child = { NODE(slice.lower), NODE(slice.upper), NODE(slice.step) } },
	[N_NAMEDEXPR] = { .name = "NamedExpr",
		.child = { NODE(namedexpr.target), NODE(namedexpr.value) },
		.op_off = OFF(namedexpr.paren) },
	[N_FSTRING] = { .name = "JoinedStr", .child = { NVEC(fstring.values) } },
	[N_FVALUE] = { .name = "FormattedValue",
		.child = { NODE(fvalue.value), NODE(fvalue.format_spec) },
		.op_off = OFF(fvalue.conversion) },
	[S_RAISE] = { .name = "Raise", .child = { NODE(raise.exc), NODE(raise.cause) } },
	[S_ASSERT] = { .name = "Assert", .child = { NODE(assert_.test), NODE(assert_.msg) } },
	[S_TRYFINALLY] = { .name = "TryFinally",
		.child = { NVEC(tryfinally.body), NVEC(tryfinally.finalbody) } },
	[S_IMPORTFROM] = { .name = "ImportFrom",
		.child = { NVEC(import.names) },
		.str_off = OFF(import.module) },
	[S_NONLOCAL] = { .name = "Nonlocal", .child = { NVEC(decl.names) } },
	[N_YIELD] = { .name = "Yield", .child = { NODE(yield.value) } },
	[N_YIELDFROM] = { .name = "YieldFrom", .child = { NODE(yield.value) } },
	[S_WITH] = { .name = "With",
		.child = { NODE(with.context_expr), NODE(with.optional_vars), NVEC(with.body) } },
	[N_SET] = { .name = "Set", .child = { NVEC(seq.elts) } },
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
