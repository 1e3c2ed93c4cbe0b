// SPDX-License-Identifier: GPL-2.0
/*
 * stmt.c - statements: assignment and del, augmented assignment, for,
 * try, and the statement dispatcher.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* ---------------------------------------------------------- statements */

static int assign(struct interp *I, struct node *t, struct value *v);

static int assign_unpack(struct interp *I, struct node *t, struct value *v)
{
	struct pymm_op op;
	uint64_t want = (uint64_t)t->seq.elts.n, i;
	uint32_t type;

	if (need_obj(I, v) || obj_type(I, v->h, &type))
		return -1;
	if (type != PYMM_T_LIST && type != PYMM_T_TUPLE)
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "cannot unpack non-iterable %s object",
				 type_name(type));
	pymm_op_init(&op, PYMM_OP_LEN);
	op.arg[0] = v->h;
	if (op1_raise(I, &op))
		return -1;
	if (op.ret[0] > want)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR,
				 "too many values to unpack (expected %" PRIu64 ")", want);
	if (op.ret[0] < want)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR,
				 "not enough values to unpack (expected %" PRIu64 ", got %" PRIu64 ")",
				 want, (uint64_t)op.ret[0]);
	{
		/* UNPACK_SEQUENCE pushes every item before storing the first */
		struct value *items = calloc(want + 1, sizeof(*items));
		int err = 0;

		if (!items) {
			perror("pymmctl");
			exit(1);
		}
		for (i = 0; i < want && !err; i++) {
			struct value k;

			err = new_int(I, (int64_t)i, &k);
			if (!err) {
				err = getitem(I, v->h, k.h, &items[i]);
				vrelease(I, &k);
			}
		}
		for (i = 0; i < want && !err; i++) {
			err = assign(I, t->seq.elts.v[i], &items[i]);
			vrelease(I, &items[i]);
		}
		release_many(I, items, (int)want);
		free(items);
		return err;
	}
}

static int assign(struct interp *I, struct node *t, struct value *v)
{
	struct value obj, key;
	struct pymm_op op;
	int err;

	switch (t->kind) {
	case N_NAME:
		return store_name(I, t->name.id, v);
	case N_ATTR:
		if (need_obj(I, v) || eval(I, t->attr.value, &obj))
			return -1;
		if (need_obj(I, &obj) || proxy_deref(I, &obj)) {	/* proxy_setattr */
			vrelease(I, &obj);
			return -1;
		}
		err = setattr_hook(I, obj.h, t->attr.attr, v);
		if (err != 1) {
			vrelease(I, &obj);
			return err;
		}
		if (!strncmp(t->attr.attr, "__", 2)) {
			bool handled;

			err = func_setattr(I, obj.h, t->attr.attr, v, &handled);
			if (!err && !handled && !strcmp(t->attr.attr, "__traceback__"))
				err = exc_set_traceback(I, obj.h, v, &handled);
			if (err || handled) {
				vrelease(I, &obj);
				return err;
			}
		}
		pymm_op_init(&op, PYMM_OP_SETATTR);
		op.arg[0] = obj.h;
		op.arg[1] = v->h;
		pymm_op_set_data(&op, t->attr.attr, strlen(t->attr.attr));
		err = op1_name(I, &op, t->attr.attr);
		if (!err)
			err = descr_apply(I, &op, obj.h, t->attr.attr, v, NULL);
		if (err != 1) {
			vrelease(I, &obj);
			return err;
		}
		err = 0;
		if (op.error) {
			struct objinfo oi = { 0 };
			uint32_t ty = 0;

			obj_type(I, obj.h, &ty);
			if (ty == PYMM_T_INSTANCE && obj_read(I, obj.h, &oi))
				oi.s = NULL;
			err = raise_op(I, &op, NULL);
			if (op.exc == PYMM_EXC_ATTRIBUTE_ERROR || op.exc == PYMM_EXC_TYPE_ERROR)
				snprintf(I->exc_msg, sizeof(I->exc_msg),
					 "'%s' object has no attribute '%s'",
					 oi.s && oi.len ? oi.s : attr_owner_name(I, obj.h, ty),
					 t->attr.attr);
			free(oi.s);
		}
		vrelease(I, &obj);
		return err;
	case N_SUBSCR:
		err = lang_assign_slice(I, t, v);
		if (err <= 0)
			return err;
		if (need_obj(I, v) || eval(I, t->subscr.value, &obj))
			return -1;
		if (eval(I, t->subscr.slice, &key)) {
			vrelease(I, &obj);
			return -1;
		}
		err = need_obj(I, &obj) || need_obj(I, &key) || proxy_deref(I, &obj);
		if (!err)
			err = bytearray_setitem(I, obj.h, &key, v);
		if (err == 1) {
			err = 0;
			pymm_op_init(&op, PYMM_OP_SETITEM);
			op.arg[0] = obj.h;
			op.arg[1] = key.h;
			op.arg[2] = v->h;
			err = op1(I, &op);
			if (!err && op.error && op.exc == PYMM_EXC_TYPE_ERROR) {
				/* an instance: its class's __setitem__ */
				struct value a2[2] = { vobj(key.h, false), vobj(v->h, false) }, r;
				int rr = call_special(I, obj.h, "__setitem__", a2, 2, &r);

				if (rr <= 0) {
					if (!rr)
						vrelease(I, &r);
					op.error = 0;
					err = rr;
				}
			}
			if (!err && op.error) {
				if (op.exc == PYMM_EXC_INDEX_ERROR)
					err = raise_exc(I, PYMM_EXC_INDEX_ERROR,
							"list assignment index out of range");
				else if (op.exc == PYMM_EXC_TYPE_ERROR) {
					uint32_t ty = 0, kt = 0;

					obj_type(I, obj.h, &ty);
					struct objinfo ki;

					if (ty == PYMM_T_DICT && !obj_read(I, key.h, &ki)) {
						kt = ki.type;
						err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
								"unhashable type: '%s'",
								kt == PYMM_T_INSTANCE && ki.s && ki.len ?
								ki.s : value_type_name(I, key.h, kt));
						free(ki.s);
					} else
						err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
								"'%s' object does not support "
								"item assignment", type_name(ty));
				} else {
					err = raise_op(I, &op, NULL);
				}
			}
		}
		vrelease(I, &obj);
		vrelease(I, &key);
		return err;
	case N_TUPLE:
	case N_LIST: {
		uint32_t ty = 0;

		if (lang_has_starred(&t->seq.elts))
			return lang_assign_star(I, t, v, assign);
		if (need_obj(I, v) || obj_type(I, v->h, &ty))
			return -1;
		if (ty != PYMM_T_LIST && ty != PYMM_T_TUPLE)
			return lang_assign_star(I, t, v, assign);
		return assign_unpack(I, t, v);
	}
	default:
		return raise_exc(I, EX_SYSTEM, "pymm: bad assignment target");
	}
}

/* assign() for comprehension targets and `except ... as` (lang.c) */
int lang_assign_target(struct interp *I, struct node *t, struct value *v)
{
	return assign(I, t, v);
}

static int del_target(struct interp *I, struct node *t)
{
	struct value obj, key;
	struct pymm_op op;
	int err, i;

	switch (t->kind) {
	case N_NAME:
		return del_name(I, t->name.id);
	case N_ATTR:
		if (eval(I, t->attr.value, &obj))
			return -1;
		if (need_obj(I, &obj) || proxy_deref(I, &obj)) {	/* proxy_setattr */
			vrelease(I, &obj);
			return -1;
		}
		err = setattr_hook(I, obj.h, t->attr.attr, NULL);
		if (err == 1 && !strcmp(t->attr.attr, "__dict__")) {
			bool handled;	/* del f.__dict__: the TypeError */

			err = func_setattr(I, obj.h, t->attr.attr, NULL, &handled) ? -1 : 1;
		}
		if (err != 1) {
			vrelease(I, &obj);
			return err;
		}
		pymm_op_init(&op, PYMM_OP_DELATTR);
		op.arg[0] = obj.h;
		pymm_op_set_data(&op, t->attr.attr, strlen(t->attr.attr));
		err = op1_name(I, &op, t->attr.attr);
		if (!err)
			err = descr_apply(I, &op, obj.h, t->attr.attr, NULL, NULL);
		if (err != 1) {
			vrelease(I, &obj);
			return err;
		}
		err = 0;
		if (op.error) {
			err = raise_op(I, &op, NULL);
			if (op.exc == PYMM_EXC_ATTRIBUTE_ERROR)
				err = del_attr_error(I, obj.h, t->attr.attr);
		}
		vrelease(I, &obj);
		return err;
	case N_SUBSCR:
		err = lang_del_slice(I, t);
		if (err <= 0)
			return err;
		if (eval(I, t->subscr.value, &obj))
			return -1;
		if (eval(I, t->subscr.slice, &key)) {
			vrelease(I, &obj);
			return -1;
		}
		err = need_obj(I, &obj) || need_obj(I, &key) || proxy_deref(I, &obj);
		if (!err)
			err = bytearray_setitem(I, obj.h, &key, NULL);
		if (err == 1) {
			err = 0;
			pymm_op_init(&op, PYMM_OP_DELITEM);
			op.arg[0] = obj.h;
			op.arg[1] = key.h;
			err = op1(I, &op);
			if (!err && op.error && op.exc != PYMM_EXC_KEY_ERROR &&
			    op.exc != PYMM_EXC_INDEX_ERROR) {
				/* an instance: its class's __delitem__ */
				struct value a1 = vobj(key.h, false), r;
				int rr = call_special(I, obj.h, "__delitem__", &a1, 1, &r);

				if (rr <= 0) {
					if (!rr)
						vrelease(I, &r);
					op.error = 0;
					err = rr;
				}
			}
			if (!err && op.error && op.exc == PYMM_EXC_KEY_ERROR) {
				/* Counter.__delitem__: a missing element is no error */
				int rr = stdmod_del_missing(I, obj.h);

				if (rr <= 0) {
					op.error = 0;
					err = rr;
				}
			}
			if (!err && op.error) {
				if (op.exc == PYMM_EXC_KEY_ERROR) {
					struct strbuf b = { 0 };

					if (!value_repr(I, &key, &b, false))
						raise_exc(I, PYMM_EXC_KEY_ERROR, "%s", b.p);
					sb_free(&b);
					err = -1;
				} else if (op.exc == PYMM_EXC_INDEX_ERROR) {
					err = raise_exc(I, PYMM_EXC_INDEX_ERROR,
							"list assignment index out of range");
				} else {
					err = raise_op(I, &op, NULL);
				}
			}
		}
		vrelease(I, &obj);
		vrelease(I, &key);
		return err;
	case N_TUPLE:
	case N_LIST:
		for (i = 0; i < t->seq.elts.n; i++)
			if (del_target(I, t->seq.elts.v[i]))
				return -1;
		return 0;
	default:
		return raise_exc(I, EX_SYSTEM, "pymm: bad del target");
	}
}

/* x.name's value for x.name op= v: as eval_attr gets it, on an evaluated x */
static int aug_getattr(struct interp *I, uint64_t obj, const char *name, struct value *cur)
{
	struct pymm_op op;
	int err = getattribute_hook(I, obj, name, cur);

	if (err == 1)
		err = descr_get_hook(I, obj, name, cur);
	if (err != 1)
		return err;
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = obj;
	pymm_op_set_data(&op, name, strlen(name));
	err = op1_name(I, &op, name);
	if (!err) {
		int base = I->ntbhold;

		err = descr_apply(I, &op, obj, name, NULL, cur);
		if (err < 0)
			err = getattr_after_error(I, obj, name, base, cur);
	}
	if (err != 1)
		return err;
	if (!op.error) {
		*cur = vobj(op.ret[0], true);
		return 0;
	}
	err = getattr_hook(I, obj, name, cur);
	if (err != 1)
		return err;
	return raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "object has no attribute '%s'", name);
}

static int aug_assign(struct interp *I, struct node *s)
{
	struct node *t = s->augassign.target;
	struct value obj = { 0 }, key = { 0 }, cur, rhs, res;
	int err = 0;

	/* two ints: one op (augname.c) */
	if (t->kind == N_NAME) {
		err = aug_name_ints(I, s);
		if (err <= 0)
			return err;
	}
	/* load the target once, keeping its container and key */
	if (t->kind == N_NAME) {
		err = load_name(I, t->name.id, &cur);
	} else if (t->kind == N_ATTR) {
		struct node tmp = *t;

		err = eval(I, t->attr.value, &obj);
		if (!err) {
			/* a proxy's attribute is its referent's */
			err = need_obj(I, &obj) || proxy_deref(I, &obj);
			if (!err)
				err = aug_getattr(I, obj.h, tmp.attr.attr, &cur);
		}
	} else {
		err = eval(I, t->subscr.value, &obj);
		if (!err) {
			err = eval(I, t->subscr.slice, &key);
			if (!err)
				err = need_obj(I, &obj) || need_obj(I, &key) ||
				      proxy_deref(I, &obj) ? -1 : getitem(I, obj.h, key.h, &cur);
		}
	}
	if (err) {
		vrelease(I, &obj);
		vrelease(I, &key);
		return -1;
	}
	if (eval(I, s->augassign.value, &rhs)) {
		vrelease(I, &cur);
		vrelease(I, &obj);
		vrelease(I, &key);
		return -1;
	}
	{
		uint32_t ty = 0;
		int inplace;

		/*
		 * list += iterable extends in place (INPLACE_ADD keeps identity);
		 * proxy_iadd & co: the referent's in-place op, its result stored
		 */
		err = need_obj(I, &cur) || proxy_deref(I, &cur) || obj_type(I, cur.h, &ty);
		if (!err && s->augassign.op == '+' && ty == PYMM_T_LIST) {
			uint64_t *hs = NULL;
			uint32_t n = 0, i;

			err = need_obj(I, &rhs) || obj_items(I, rhs.h, &hs, &n);
			for (i = 0; !err && i < n; i++) {
				struct pymm_op op;

				pymm_op_init(&op, PYMM_OP_APPEND);
				op.arg[0] = cur.h;
				op.arg[1] = hs[i];
				err = op1(I, &op);
				if (!err && op.error)
					err = raise_op(I, &op, NULL);
			}
			if (hs) {
				close_many(I, hs, n);
				free(hs);
			}
			/* the store still happens, as in CPython */
			res = cur;
			cur.kind = V_NULL;
		} else if (!err && s->augassign.op == '*' &&
			   (ty == PYMM_T_LIST || ty == PYMM_T_BYTEARRAY) && rhs.kind == V_OBJ &&
			   PYMM_HANDLE_TYPE(rhs.h) == PYMM_T_INT) {
			/* list_inplace_repeat, bytearray_irepeat: in place, stored back */
			int64_t n;

			err = read_int(I, &rhs, &n, NULL) ||
			      (ty == PYMM_T_LIST ? list_irepeat(I, cur.h, n) :
			       bytearray_irepeat(I, cur.h, n));
			if (!err) {
				res = cur;
				cur.kind = V_NULL;
			}
		} else if (!err && s->augassign.op == '+' && ty == PYMM_T_BYTEARRAY) {
			/* bytearray_iconcat: in place, stored back */
			err = bytearray_iadd(I, cur.h, &rhs);
			if (!err) {
				res = cur;
				cur.kind = V_NULL;
			}
		} else if (!err && ty == PYMM_T_SET &&
			   (inplace = set_inplace(I, s->augassign.op, &cur, &rhs)) <= 0) {
			/* set |= & co: in place, the set itself is stored back */
			err = inplace;
			if (!err) {
				res = cur;
				cur.kind = V_NULL;
			}
		} else if (!err && ty == PYMM_T_DICT && s->augassign.op == '|') {
			/* a Counter's __ior__ (stdmods.c), else dict_ior: updated in
			 * place from a dict or pairs, stored back */
			I->inplace_op = true;
			inplace = stdmod_binop(I, s->augassign.op, &cur, &rhs, &res);
			I->inplace_op = false;
			if (inplace <= 0) {
				err = inplace;
			} else {
				err = dict_update_arg(I, cur.h, &rhs);
				if (!err) {
					res = cur;
					cur.kind = V_NULL;
				}
			}
		} else if (!err && ty == PYMM_T_INSTANCE &&
			   (inplace = instance_binop(I, s->augassign.op, &cur, &rhs, true, &res)) <= 0) {
			err = inplace;	/* __iadd__, else __add__, else __radd__ */
		} else if (!err) {
			/* the TypeError says `+=` */
			I->inplace_op = true;
			err = ty == PYMM_T_INSTANCE ? raise_unsupported_of(I, s->augassign.op, &cur, &rhs) :
			      binop(I, s->augassign.op, &cur, &rhs, &res);
			I->inplace_op = false;
		}
	}
	vrelease(I, &cur);
	vrelease(I, &rhs);
	if (!err) {
		if (t->kind == N_NAME) {
			err = store_name(I, t->name.id, &res);
		} else if (t->kind == N_ATTR) {
			struct pymm_op op;

			err = setattr_hook(I, obj.h, t->attr.attr, &res);
			if (err == 1) {
				pymm_op_init(&op, PYMM_OP_SETATTR);
				op.arg[0] = obj.h;
				op.arg[1] = res.h;
				pymm_op_set_data(&op, t->attr.attr, strlen(t->attr.attr));
				err = op1_name(I, &op, t->attr.attr);
				if (!err &&
				    (err = descr_apply(I, &op, obj.h, t->attr.attr, &res, NULL)) == 1)
					err = op.error ? raise_op(I, &op, NULL) : 0;
			}
		} else {
			struct pymm_op op;

			pymm_op_init(&op, PYMM_OP_SETITEM);
			op.arg[0] = obj.h;
			op.arg[1] = key.h;
			op.arg[2] = res.h;
			err = op1(I, &op);
			if (!err && op.error)
				err = raise_op(I, &op, NULL);
		}
		vrelease(I, &res);
	}
	vrelease(I, &obj);
	vrelease(I, &key);
	return err;
}

/*
 * for target in iterable: GET_ITER once (iter.c), then one FOR_ITER step
 * per item; the iterator holds the sequence for as long as the loop runs.
 */
static enum flow exec_for(struct interp *I, struct node *s)
{
	enum flow f = F_NORMAL;
	struct py_iter it;

	if (iter_node(I, s->for_.iter, &it))
		return F_EXC;
	for (;;) {
		struct value item;
		bool done;
		int err;

		/* FOR_ITER is on the for line: a traceback through it says so */
		I->line = s->line;
		if (iter_next(I, &it, &item, &done)) {
			f = F_EXC;
			break;
		}
		if (done)
			break;
		err = assign(I, s->for_.target, &item);
		vrelease(I, &item);
		if (err) {
			f = F_EXC;
			break;
		}
		f = exec_block(I, &s->for_.body);
		if (f == F_BREAK || f == F_RETURN || f == F_EXC)
			break;
		f = F_NORMAL;
	}
	iter_release(I, &it);
	if (f == F_BREAK)
		return F_NORMAL;
	if (f != F_NORMAL)
		return f;
	return exec_block(I, &s->for_.orelse);
}

static enum flow exec_try(struct interp *I, struct node *s)
{
	int i, base = I->ntbhold, line;
	enum flow f = exec_block(I, &s->try_.body);
	struct node *fail_node = I->fail_node;

	if (f != F_EXC)
		return f == F_NORMAL ? exec_block(I, &s->try_.orelse) : f;
	line = I->line;
	for (i = 0; i < s->try_.handlers.n; i++) {
		struct node *h = s->try_.handlers.v[i];
		bool match;

		I->line = h->line;
		I->fail_node = fail_node;
		if (exc_handler_matches(I, h, line, &match))
			return F_EXC;
		if (match) {
			struct handled hd = { .outer = I->handled, .exc = I->exc,
					      .as_name = h->handler.name };

			memcpy(hd.msg, I->exc_msg, sizeof(hd.msg));
			I->fail_node = fail_node;
			exc_handler_enter(I, &hd, line);
			I->fail_node = NULL;
			I->exc = EX_NONE;
			I->ntb = 0;
			I->handled = &hd;
			if (lang_bind_handler_name(I, h))
				f = F_EXC;
			else
				f = exec_block(I, &h->handler.body);
			I->handled = hd.outer;
			lang_unbind_handler_name(I, h);
			/* POP_EXCEPT: the exception and its traceback go */
			exc_handler_exit(I, &hd, f == F_EXC);
			if (f == F_EXC) {
				struct exc_saved saved;

				exc_stash(I, &saved);
				release_tbhold(I, base);
				exc_unstash(I, &saved);
			} else {
				release_tbhold(I, base);
			}
			return f;
		}
	}
	/* unhandled: the traceback shows where it was raised */
	I->line = line;
	I->fail_node = fail_node;
	return F_EXC;
}

static enum flow exec_stmt(struct interp *I, struct node *s)
{
	struct value v;
	int err, i;
	bool res;

	I->line = s->line;
	I->fail_node = NULL;
	switch (s->kind) {
	case S_EXPR:
		if (s->expr.value->kind == N_CONST)
			return F_NORMAL;	/* the compiler drops these */
		if (eval(I, s->expr.value, &v))
			return F_EXC;
		if (I->opts.interactive && I->depth == 0 &&
		    !(v.kind == V_OBJ && is_none_h(I, v.h))) {
			struct strbuf b = { 0 };

			err = value_repr(I, &v, &b, false);
			if (!err) {
				sb_adds(&b, "\n");
				err = flush_pending(I);
				if (!err) {
					fwrite(b.p, 1, b.n, I->out);
					fflush(I->out);
				}
			}
			sb_free(&b);
			if (err) {
				vrelease(I, &v);
				return F_EXC;
			}
		}
		vrelease(I, &v);
		return F_NORMAL;
	case S_ASSIGN:
		if (eval(I, s->assign.value, &v))
			return F_EXC;
		err = 0;
		for (i = 0; i < s->assign.targets.n && !err; i++)
			err = assign(I, s->assign.targets.v[i], &v);
		vrelease(I, &v);
		return err ? F_EXC : F_NORMAL;
	case S_AUGASSIGN:
		return aug_assign(I, s) ? F_EXC : F_NORMAL;
	case S_DEL:
		for (i = 0; i < s->del.targets.n; i++)
			if (del_target(I, s->del.targets.v[i]))
				return F_EXC;
		return F_NORMAL;
	case S_PASS:
	case S_GLOBAL:
	case S_NONLOCAL:
		return F_NORMAL;
	case S_BREAK:
		return F_BREAK;
	case S_CONTINUE:
		return F_CONTINUE;
	case S_RETURN:
		if (s->return_.value) {
			if (eval(I, s->return_.value, &v))
				return F_EXC;
			if (need_obj(I, &v)) {
				vrelease(I, &v);
				return F_EXC;
			}
			if (!v.owned) {
				/* a borrowed value needs its own reference to leave */
				struct pymm_op op;

				pymm_op_init(&op, PYMM_OP_DUP);
				op.arg[0] = v.h;
				if (op1(I, &op))
					return F_EXC;
				if (op.error) {
					raise_op(I, &op, NULL);
					return F_EXC;
				}
				v = vobj(op.ret[0], true);
			}
			I->ret = v.h;
		} else {
			I->ret = 0;
		}
		return F_RETURN;
	case S_IMPORT:
		for (i = 0; i < s->import.names.n; i++) {
			struct node *nm = s->import.names.v[i];
			const char *name = nm->name.id;
			int mod = import_module_index(I, nm->name.alias ? nm->name.alias->name.id : name,
						      nm->name.as_renamed ? "'import ... as'" : NULL);

			if (mod < 0)
				return F_EXC;
			if (name_is_local(I, name)) {
				raise_exc(I, EX_NOT_IMPLEMENTED,
					  "pymm supports imports at module level only");
				return F_EXC;
			}
			I->imported[mod] = true;
			if (mod == MOD_WEAKREF && weak_import(I))
				return F_EXC;
			if (stdmod_import(I, mod))
				return F_EXC;
		}
		return F_NORMAL;
	case S_IF:
		if (eval_truth(I, s->if_.test, &res))
			return F_EXC;
		return exec_block(I, res ? &s->if_.body : &s->if_.orelse);
	case S_WHILE:
		for (;;) {
			enum flow f;

			I->line = s->line;
			if (eval_truth(I, s->while_.test, &res))
				return F_EXC;
			if (!res)
				return exec_block(I, &s->while_.orelse);
			f = exec_block(I, &s->while_.body);
			if (f == F_BREAK)
				return F_NORMAL;
			if (f == F_RETURN || f == F_EXC)
				return f;
		}
	case S_FOR:
		return exec_for(I, s);
	case S_TRY:
		return exec_try(I, s);
	case S_DEF: {
		/* decorators, defaults, closure, then the function (closure.c) */
		if (eval_def(I, s, &v))
			return F_EXC;
		err = store_name(I, s->def.name, &v);
		vrelease(I, &v);
		return err ? F_EXC : F_NORMAL;
	}
	case S_CLASS:
		return exec_class(I, s);
	default:
		return lang_exec(I, s);
	}
}

enum flow exec_block(struct interp *I, struct nvec *body)
{
	int i;

	for (i = 0; i < body->n; i++) {
		enum flow f = exec_stmt(I, body->v[i]);

		if (f != F_NORMAL)
			return f;
	}
	return F_NORMAL;
}
