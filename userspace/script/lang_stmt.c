// SPDX-License-Identifier: GPL-2.0
/*
 * lang_stmt.c - raise, assert, try/finally, `except E as e`, and
 * `from gc import collect`-style imports.
 *
 * Exceptions are heap objects (exc.c: raise, matching, chaining);
 * `except E as e` binds e to the handled object and, as in CPython, e is
 * unbound when the handler ends.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* ------------------------------------------------------ try / finally */

struct saved_exc {
	int exc, ntb;
	char msg[512];
	struct tb_entry *tb;
	uint64_t obj;
	struct node *fail_node;
};

static void exc_save(struct interp *I, struct saved_exc *s)
{
	s->exc = I->exc;
	s->ntb = I->ntb;
	memcpy(s->msg, I->exc_msg, sizeof(s->msg));
	s->obj = I->exc_obj;
	s->fail_node = I->fail_node;
	I->exc_obj = 0;
	s->tb = NULL;
	if (I->ntb) {
		s->tb = xrealloc(NULL, I->ntb * sizeof(*I->tb));
		memcpy(s->tb, I->tb, I->ntb * sizeof(*I->tb));
	}
	I->exc = EX_NONE;
	I->ntb = 0;
}

static void exc_restore(struct interp *I, struct saved_exc *s)
{
	int i;

	I->exc = s->exc;
	I->ntb = 0;
	memcpy(I->exc_msg, s->msg, sizeof(s->msg));
	if (I->exc_obj)
		queue_close(I, I->exc_obj);
	I->exc_obj = s->obj;
	for (i = 0; i < s->ntb; i++) {
		I->fail_node = s->tb[i].node;
		tb_push(I, s->tb[i].line, s->tb[i].func);
	}
	I->fail_node = s->fail_node;
	free(s->tb);
	s->tb = NULL;
}

static enum flow exec_tryfinally(struct interp *I, struct node *s)
{
	enum flow f = exec_block(I, &s->tryfinally.body), g;
	struct saved_exc se = { 0 };
	struct handled hd = { 0 };
	uint64_t ret = 0;

	if (f == F_EXC) {
		/* the finally block runs as a handler of what is pending: the
		 * exception is sys.exception() there and the context of what
		 * the block raises */
		if (!exc_materialize(I) && I->exc_obj)
			exc_record_tb(I, I->exc_obj, I->line);
		exc_save(I, &se);
		hd.outer = I->handled;
		hd.exc = se.exc;
		hd.obj = se.obj;
		hd.tb_mark = I->nexc_tbs;
		memcpy(hd.msg, se.msg, sizeof(hd.msg));
		I->handled = &hd;
	}
	if (f == F_RETURN) {
		ret = I->ret;
		I->ret = 0;
	}
	g = exec_block(I, &s->tryfinally.finalbody);
	if (f == F_EXC) {
		I->handled = hd.outer;
		if (g == F_EXC && se.obj)
			exc_chain_context(I, se.obj);
	}
	if (g != F_NORMAL) {
		/* the finally block's own exit wins; what was pending goes */
		free(se.tb);
		if (se.obj)
			queue_close(I, se.obj);
		if (ret)
			queue_close(I, ret);
		return g;
	}
	if (f == F_EXC)
		exc_restore(I, &se);
	if (f == F_RETURN)
		I->ret = ret;
	return f;
}

/* ------------------------------------------------------ except ... as */

int lang_bind_handler_name(struct interp *I, struct node *h)
{
	struct value v;

	if (!h->handler.name || !I->handled || !I->handled->obj)
		return 0;
	v = vobj(I->handled->obj, false);
	return store_name(I, h->handler.name, &v);
}

/* `e = None; del e` at the end of the handler, whatever else is pending */
void lang_unbind_handler_name(struct interp *I, struct node *h)
{
	struct saved_exc se = { 0 };
	struct value none;
	bool pending = I->exc != EX_NONE;

	if (!h->handler.name)
		return;
	if (pending)
		exc_save(I, &se);
	none = vnone(I);
	if (!store_name(I, h->handler.name, &none))
		del_name(I, h->handler.name);
	if (pending)
		exc_restore(I, &se);
	else
		I->exc = EX_NONE;
}

/* ------------------------------------------------------------- imports */

static int exec_import_from(struct interp *I, struct node *s)
{
	int mod = import_module_index(I, s->import.module, NULL), i;

	if (mod < 0)
		return -1;
	if (I->scope)
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "pymm supports imports at module level only");
	if (mod == MOD_WEAKREF && weak_import(I))
		return -1;
	if (stdmod_import(I, mod))
		return -1;
	for (i = 0; i < s->import.names.n; i++) {
		struct node *nm = s->import.names.v[i];
		const char *name = nm->name.id;
		/* `from gc import collect as c` binds c */
		const char *bind = nm->name.alias ? nm->name.alias->name.id : name;
		int b = builtin_lookup(mod, name);

		if (b < 0) {
			/* a value attribute (gc.garbage, gc.DEBUG_*): bind the value */
			struct node attr = { .kind = N_ATTR, .line = s->line, .attr.attr = (char *)name };
			struct node modn = { .kind = N_NAME, .line = s->line,
					     .name.id = (char *)module_name(mod) };
			struct value v;
			bool was = I->imported[mod];
			int err;

			attr.attr.value = &modn;
			I->imported[mod] = true;
			err = eval_attr(I, &attr, &v);
			I->imported[mod] = was;
			if (err) {
				if (I->exc == PYMM_EXC_ATTRIBUTE_ERROR)
					raise_exc(I, EX_IMPORT,
						  "cannot import name '%s' from '%s' (unknown location)",
						  name, module_name(mod));
				return -1;
			}
			lang_forget_name(I, bind);
			err = store_name(I, bind, &v);
			vrelease(I, &v);
			if (err)
				return -1;
			continue;
		}
		lang_forget_name(I, bind);
		/* drop a global of that name, as the import's STORE_NAME replaces it */
		{
			struct pymm_op op;

			pymm_op_init(&op, PYMM_OP_NAME_DEL);
			pymm_op_set_data(&op, bind, strlen(bind));
			if (op1(I, &op))
				return -1;
		}
		if (I->nfroms == I->cfroms) {
			I->cfroms = I->cfroms ? I->cfroms * 2 : 8;
			I->froms = xrealloc(I->froms, I->cfroms * sizeof(*I->froms));
		}
		I->froms[I->nfroms].name = strdup(bind);
		I->froms[I->nfroms].id = b;
		I->nfroms++;
	}
	return 0;
}

/* load_name's first stop: comprehension captures, `from` imports; 1 = not ours */
int lang_load_name(struct interp *I, const char *name, struct value *out)
{
	int i, r;

	if (I->comp) {
		r = comp_load(I, name, out);
		if (r <= 0)
			return r;
	}
	if (name_is_local(I, name))
		return 1;
	for (i = 0; i < I->nfroms; i++)
		if (!strcmp(I->froms[i].name, name)) {
			memset(out, 0, sizeof(*out));
			out->kind = V_BUILTIN;
			out->id = I->froms[i].id;
			return 0;
		}
	return 1;
}

/* a module-level store or del of a name a `from` import bound */
void lang_forget_name(struct interp *I, const char *name)
{
	int i;

	if (name_is_local(I, name))
		return;
	for (i = 0; i < I->nfroms; i++)
		if (!strcmp(I->froms[i].name, name)) {
			free(I->froms[i].name);
			I->froms[i] = I->froms[--I->nfroms];
			return;
		}
}

void lang_free(struct interp *I)
{
	int i;

	for (i = 0; i < I->nfroms; i++)
		free(I->froms[i].name);
	free(I->froms);
	I->froms = NULL;
	I->nfroms = 0;
}

/* ------------------------------------------------------------ dispatch */

enum flow lang_exec(struct interp *I, struct node *s)
{
	bool ok;

	switch (s->kind) {
	case S_RAISE:
		exc_raise_stmt(I, s);
		return F_EXC;
	case S_ASSERT:
		if (eval_truth(I, s->assert_.test, &ok))
			return F_EXC;
		if (ok)
			return F_NORMAL;
		I->fail_node = NULL;
		if (s->assert_.msg) {
			struct value v;
			struct strbuf b = { 0 };

			if (eval(I, s->assert_.msg, &v))
				return F_EXC;
			if (value_repr(I, &v, &b, true)) {
				vrelease(I, &v);
				sb_free(&b);
				return F_EXC;
			}
			vrelease(I, &v);
			raise_exc(I, EX_ASSERTION, "%s", b.p ? b.p : "");
			sb_free(&b);
		} else {
			raise_exc(I, EX_ASSERTION, "%s", "");
		}
		/* 3.11 places an assert's failure at its test */
		if (s->assert_.test->col)
			I->fail_node = s->assert_.test;
		return F_EXC;
	case S_TRYFINALLY:
		return exec_tryfinally(I, s);
	case S_IMPORTFROM:
		return exec_import_from(I, s) ? F_EXC : F_NORMAL;
	case S_WITH:
		return exec_with(I, s);
	default:
		raise_exc(I, EX_SYSTEM, "pymm: cannot execute node kind %d", s->kind);
		return F_EXC;
	}
}
