// SPDX-License-Identifier: GPL-2.0
/*
 * frames.c - frame and traceback objects as a script sees them:
 * sys._getframe(), frame.f_back / f_code / f_lineno / f_locals,
 * traceback.tb_next / tb_frame / tb_lineno, code.co_name, and
 * e.with_traceback().  The objects are the heap's (module/core/types/
 * frameobj.c, traceback.c: made when asked for, as 3.11's); what the heap
 * does not know, the line a running frame is at, is the interpreter's:
 * the top frame's is I->line, a caller's the line it called from
 * (I->call_lines, noted at each push).  pymm has no bytecode, so f_lasti
 * and tb_lasti are refused, as are f_trace and the rest (f_globals of
 * exec(src, d)'s frame too); a frame
 * whose function keeps no code object gets one made by its name.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"
#include "format.h"

/*
 * The frame pushed at depth (the client's depth after the push) runs fn
 * (0: not known) and was called from I->line.  Index 0 is the module's.
 */
void frame_line_note(struct interp *I, uint64_t depth, uint64_t fn)
{
	if (!depth || depth >= (1u << 20))
		return;
	if (depth >= I->ccall_lines) {
		uint32_t cap = I->ccall_lines ? I->ccall_lines : 64;

		while (cap <= depth)
			cap *= 2;
		I->call_lines = xrealloc(I->call_lines, cap * sizeof(*I->call_lines));
		memset(I->call_lines + I->ccall_lines, 0,
		       (cap - I->ccall_lines) * sizeof(*I->call_lines));
		I->ccall_lines = cap;
	}
	I->call_lines[depth - 1].line = I->line;
	I->call_lines[depth].fn = fn;
}

static int field(struct interp *I, uint64_t h, int which, struct pymm_op *op)
{
	pymm_op_init(op, PYMM_OP_FRAME_FIELD);
	op->arg[0] = h;
	op->arg[1] = which;
	return op1(I, op);
}

/* an object field: the object, or None where the heap says -ENOENT */
static int field_obj(struct interp *I, uint64_t h, int which, struct value *out)
{
	struct pymm_op op;

	if (field(I, h, which, &op))
		return -1;
	if (op.error == -ENOENT) {
		*out = vnone(I);
		return 0;
	}
	if (op.error)
		return raise_op(I, &op, NULL);
	*out = vobj(op.ret[0], true);
	return 0;
}

/*
 * A running frame's object made by f_back or _getframe(n): the heap is
 * told its function, which the interpreter knows while it runs, so that
 * f_code stays right once it returns.
 */
static int frame_fix(struct interp *I, uint64_t h)
{
	struct pymm_op op;
	uint64_t index, above;

	if (field(I, h, PYMM_FRAMEF_STATE, &op))
		return -1;
	if (op.error || op.ret[0] != PYMM_FRAME_RUNNING)
		return 0;
	index = op.ret[1] & 0xffffffffu;
	above = op.ret[1] >> 32;
	if (!index || index >= I->ccall_lines || !I->call_lines[index].fn)
		return 0;
	pymm_op_init(&op, PYMM_OP_FRAME_OBJECT);
	op.arg[0] = above;
	op.arg[2] = I->call_lines[index].fn;
	if (op1(I, &op))
		return -1;
	if (!op.error)
		queue_close(I, op.ret[0]);
	return 0;
}

/* frame.f_lineno: where a running frame is now, else where it was told */
static int frame_lineno(struct interp *I, uint64_t h, struct value *out)
{
	struct pymm_op op;
	uint64_t index, above;

	if (field(I, h, PYMM_FRAMEF_STATE, &op))
		return -1;
	if (op.error)
		return raise_op(I, &op, NULL);
	if (op.ret[0] == PYMM_FRAME_RUNNING) {
		index = op.ret[1] & 0xffffffffu;
		above = op.ret[1] >> 32;
		if (!above)
			return new_int(I, I->line, out);
		if (index < I->ccall_lines && I->call_lines[index].line)
			return new_int(I, I->call_lines[index].line, out);
	}
	if (field(I, h, PYMM_FRAMEF_LINENO, &op))
		return -1;
	if (op.error)
		return raise_op(I, &op, NULL);
	if (!op.ret[0])	/* a suspended generator's (gi_frame): no line told */
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "f_lineno of a suspended generator's frame is not supported by pymm");
	return new_int(I, (int64_t)op.ret[0], out);
}

/*
 * A code object named name, for a frame whose function has none the heap
 * keeps (the module's, a lambda's, a generator's, a comprehension's, a
 * class body's): first line firstlineno (0: not known), no source.
 */
static int synth_code(struct interp *I, const char *name, uint32_t firstlineno, uint64_t *out)
{
	const char *file = I->m && I->m->filename ? I->m->filename : "";
	size_t nlen = strlen(name), flen = strlen(file);
	struct pymm_code_info info;
	struct pymm_op op;
	char *rec;
	int err;

	memset(&info, 0, sizeof(info));
	info.firstlineno = firstlineno;
	info.name_len = (uint32_t)nlen;
	info.filename_len = (uint32_t)flen;
	rec = xrealloc(NULL, sizeof(info) + nlen + flen);
	memcpy(rec, &info, sizeof(info));
	memcpy(rec + sizeof(info), name, nlen);
	memcpy(rec + sizeof(info) + nlen, file, flen);
	pymm_op_init(&op, PYMM_OP_NEW_CODE);
	pymm_op_set_data(&op, rec, sizeof(info) + nlen + flen);
	err = op1_raise(I, &op);
	free(rec);
	if (!err)
		*out = op.ret[0];
	return err;
}

/* a frame's code when the heap knows no code object for it: by its name */
static int code_by_name(struct interp *I, uint64_t h, struct value *out)
{
	struct objinfo oi = { 0 };
	struct value name;
	uint64_t code;
	int err = 0;

	if (field_obj(I, h, PYMM_FRAMEF_NAME, &name))
		return -1;
	if (!is_none_h(I, name.h))
		err = obj_read(I, name.h, &oi);
	vrelease(I, &name);
	if (err)
		return -1;
	if (!oi.s || !strcmp(oi.s, "<module>")) {
		/* the module's, made once: 3.11's is the module frame's f_code */
		free(oi.s);
		if (!I->module_code && synth_code(I, "<module>", 1, &I->module_code))
			return -1;
		return dup_of(I, I->module_code, out);
	}
	err = synth_code(I, oi.s, 0, &code);
	free(oi.s);
	if (err)
		return -1;
	*out = vobj(code, true);
	return 0;
}

/* frame.f_code: its function's code object, else one made by its name */
static int frame_code(struct interp *I, uint64_t h, struct value *out)
{
	struct value fn;
	struct pymm_op op;

	if (field_obj(I, h, PYMM_FRAMEF_FUNC, &fn))
		return -1;
	if (is_none_h(I, fn.h))
		return code_by_name(I, h, out);
	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = fn.h;
	pymm_op_set_data(&op, "__code__", 8);
	if (op1(I, &op)) {
		vrelease(I, &fn);
		return -1;
	}
	vrelease(I, &fn);
	if (op.error)	/* a lambda's: the heap keeps no code for it */
		return code_by_name(I, h, out);
	*out = vobj(op.ret[0], true);
	return 0;
}

/*
 * code.co_name / co_filename / co_firstlineno, from the heap's record: for
 * a code object whose def this client does not hold (code_attrs.c has the
 * rest, from the def)
 */
static int code_record_attr(struct interp *I, uint64_t h, const char *name, struct value *out)
{
	struct pymm_code_info info;
	char *buf;
	int err;

	if (code_record(I, h, &info, &buf))
		return -1;
	if (!strcmp(name, "co_name"))
		err = new_str(I, buf + sizeof(info), info.name_len, out);
	else if (!strcmp(name, "co_filename"))
		err = new_str(I, buf + sizeof(info) + info.name_len, info.filename_len, out);
	else if (!info.firstlineno)
		err = raise_exc(I, EX_NOT_IMPLEMENTED, "co_firstlineno of the code of a lambda's, "
				"generator's, comprehension's or class body's frame is not supported "
				"by pymm");
	else
		err = new_int(I, info.firstlineno, out);
	free(buf);
	return err;
}

static int refused(struct interp *I, const char *owner, const char *name)
{
	return raise_exc(I, EX_NOT_IMPLEMENTED, "%s.%s is not supported by pymm (no bytecode)",
			 owner, name);
}

/* frame_repr / traceback's object_repr, as 3.11 prints them */
int frame_repr(struct interp *I, uint64_t h, uint32_t type, struct strbuf *b)
{
	struct value line, name;
	struct objinfo li, ni;
	uint64_t id;
	int err = 0;

	id = obj_id(I, h, &err);
	if (err)
		return -1;
	if (type == PYMM_T_TRACEBACK) {
		sb_addf(b, "<traceback object at 0x%" PRIx64 ">", id);
		return 0;
	}
	if (frame_lineno(I, h, &line))
		return -1;
	if (field_obj(I, h, PYMM_FRAMEF_NAME, &name)) {
		vrelease(I, &line);
		return -1;
	}
	err = obj_read(I, line.h, &li);
	if (!err && obj_read(I, name.h, &ni)) {
		free(li.s);
		err = -1;
	}
	vrelease(I, &line);
	vrelease(I, &name);
	if (err)
		return -1;
	sb_addf(b, "<frame at 0x%" PRIx64 ", file '%s', line %" PRId64 ", code %s>", id,
		I->m && I->m->filename ? I->m->filename : "?", (int64_t)li.i,
		ni.s ? ni.s : "?");
	free(li.s);
	free(ni.s);
	return 0;
}

/*
 * frame.f_locals of a function's frame: the heap's refreshed dict, in
 * PyFrame_FastToLocals' order with cells by their contents (reflect.c),
 * where this client holds the function's def.
 */
static int frame_locals(struct interp *I, uint64_t h, struct value *out)
{
	struct value fn;
	struct objinfo oi;
	struct node *def;
	struct scope *sc;
	int err;

	if (field_obj(I, h, PYMM_FRAMEF_LOCALS, out))
		return -1;
	if (out->h == I->h_none)
		return 0;
	if (field_obj(I, h, PYMM_FRAMEF_FUNC, &fn)) {
		vrelease(I, out);
		return -1;
	}
	if (fn.h == I->h_none) {
		vrelease(I, &fn);
		return 0;	/* the module's or a class body's */
	}
	err = obj_read(I, fn.h, &oi);
	vrelease(I, &fn);
	if (err) {
		vrelease(I, out);
		return -1;
	}
	def = def_of_objinfo(I, &oi);
	free(oi.s);
	sc = def ? def->def.scope : NULL;
	if (sc && !sc->is_class && snapshot_order(I, sc, out->h)) {
		vrelease(I, out);
		return -1;
	}
	return 0;
}

/*
 * frame.f_globals: the module's dict, or a function's __globals__ if
 * exec(src, d) made it.  exec(src, d)'s own frame would have d, which its
 * frame object does not know: refused.
 */
static int frame_globals(struct interp *I, uint64_t h, struct value *out)
{
	struct value fn, nm;
	struct objinfo oi = { 0 };
	struct pymm_op op;
	bool module;
	int err;

	if (field_obj(I, h, PYMM_FRAMEF_FUNC, &fn))
		return -1;
	if (fn.h != I->h_none) {
		pymm_op_init(&op, PYMM_OP_FUNC_GET);
		op.arg[0] = fn.h;
		op.arg[1] = PYMM_FUNC_GLOBALS;
		err = op1(I, &op);
		vrelease(I, &fn);
		if (err)
			return -1;
		if (!op.error) {
			uint32_t t = PYMM_T_NONE;

			if (obj_type(I, op.ret[0], &t)) {
				queue_close(I, op.ret[0]);
				return -1;
			}
			if (t != PYMM_T_NONE) {
				*out = vobj(op.ret[0], true);
				return 0;
			}
			queue_close(I, op.ret[0]);
		}
		return globals_dict(I, out);
	}
	vrelease(I, &fn);
	if (field_obj(I, h, PYMM_FRAMEF_NAME, &nm))
		return -1;
	err = nm.h == I->h_none ? 0 : obj_read(I, nm.h, &oi);
	vrelease(I, &nm);
	if (err)
		return -1;
	module = oi.s && !strcmp(oi.s, "<module>");
	free(oi.s);
	if (globals_dict(I, out))
		return -1;
	if (module) {
		/* the script's own module frame, or exec(src, d)'s */
		struct value loc;
		bool same = false;

		if (field_obj(I, h, PYMM_FRAMEF_LOCALS, &loc)) {
			vrelease(I, out);
			return -1;
		}
		err = same_object(I, loc.h, out->h, &same);
		vrelease(I, &loc);
		if (err || !same) {
			vrelease(I, out);
			return err ? -1 : raise_exc(I, EX_NOT_IMPLEMENTED, "frame.f_globals of "
						    "exec()'s frame is not supported by pymm");
		}
	}
	return 0;
}

/*
 * Attributes of frames, tracebacks and code objects; *handled false: not
 * one of theirs (the ordinary lookup goes on).
 */
int frame_attr(struct interp *I, uint64_t h, uint32_t type, const char *name,
	       struct value *out, bool *handled)
{
	static const struct { uint32_t type; const char *name; int field; } objs[] = {
		{ PYMM_T_FRAME, "f_back", PYMM_FRAMEF_BACK },
		{ PYMM_T_FRAME, "f_locals", PYMM_FRAMEF_LOCALS },
		{ PYMM_T_TRACEBACK, "tb_next", PYMM_FRAMEF_TB_NEXT },
		{ PYMM_T_TRACEBACK, "tb_frame", PYMM_FRAMEF_TB_FRAME },
	};
	struct pymm_op op;
	size_t i;

	if (type == PYMM_T_GENERATOR && !strcmp(name, "gi_frame")) {
		*handled = true;
		pymm_op_init(&op, PYMM_OP_GEN_FRAME);
		op.arg[0] = h;
		if (op1(I, &op))
			return -1;
		if (op.error == -ENOENT) {
			*out = vnone(I);
			return 0;
		}
		if (op.error == -EBUSY)
			return raise_exc(I, EX_NOT_IMPLEMENTED,
					 "gi_frame of a running generator is not supported by pymm");
		if (op.error)
			return raise_op(I, &op, NULL);
		*out = vobj(op.ret[0], true);
		return 0;
	}
	*handled = type == PYMM_T_FRAME || type == PYMM_T_TRACEBACK ||
		   (type == PYMM_T_CODE && (!strcmp(name, "co_name") ||
					    !strcmp(name, "co_filename") ||
					    !strcmp(name, "co_firstlineno")));
	if (!*handled)
		return 0;
	if (type == PYMM_T_CODE) {
		int r = code_attr(I, h, name, out);

		return r <= 0 ? r : code_record_attr(I, h, name, out);
	}
	for (i = 0; i < sizeof(objs) / sizeof(objs[0]); i++) {
		if (objs[i].type != type || strcmp(objs[i].name, name))
			continue;
		if (objs[i].field == PYMM_FRAMEF_LOCALS)
			return frame_locals(I, h, out);
		if (field_obj(I, h, objs[i].field, out))
			return -1;
		if (objs[i].field == PYMM_FRAMEF_BACK && !is_none_h(I, out->h) && frame_fix(I, out->h)) {
			vrelease(I, out);
			return -1;
		}
		return 0;
	}
	if (type == PYMM_T_FRAME) {
		if (!strcmp(name, "f_lineno"))
			return frame_lineno(I, h, out);
		if (!strcmp(name, "f_code"))
			return frame_code(I, h, out);
		if (!strcmp(name, "f_lasti"))
			return refused(I, "frame", name);
		if (!strcmp(name, "f_globals"))
			return frame_globals(I, h, out);
		if (!strcmp(name, "f_builtins") ||
		    !strncmp(name, "f_trace", 7) || !strcmp(name, "clear"))
			return raise_exc(I, EX_NOT_IMPLEMENTED, "frame.%s is not supported by pymm",
					 name);
	} else {
		if (!strcmp(name, "tb_lineno")) {
			if (field(I, h, PYMM_FRAMEF_TB_LINENO, &op))
				return -1;
			if (op.error)
				return raise_op(I, &op, NULL);
			return new_int(I, (int64_t)op.ret[0], out);
		}
		if (!strcmp(name, "tb_lasti"))
			return refused(I, "traceback", name);
	}
	*handled = false;
	return 0;
}

/* sys._getframe([depth]) */
static int bi_getframe(BI_ARGS)
{
	struct pymm_op op;
	int64_t depth = 0;

	(void)b; (void)self; (void)kwn; (void)nkw;
	if (nargs && read_int(I, &args[0], &depth, "_getframe"))
		return -1;
	if (depth < 0)
		depth = 0;	/* 3.11: a negative depth is the current frame */
	pymm_op_init(&op, PYMM_OP_FRAME_OBJECT);
	op.arg[0] = (uint64_t)depth;
	op.arg[1] = depth == 0 && I->line > 0 ? (uint64_t)I->line : 0;
	op.arg[2] = depth == 0 ? I->cur_fn : 0;
	if (op1(I, &op))
		return -1;
	if (op.error == -EINVAL && op.exc == PYMM_EXC_VALUE_ERROR)
		return raise_exc(I, PYMM_EXC_VALUE_ERROR, "call stack is not deep enough");
	if (op.error)
		return raise_op(I, &op, NULL);
	*out = vobj(op.ret[0], true);
	if (depth && frame_fix(I, out->h)) {
		vrelease(I, out);
		return -1;
	}
	return 0;
}

/*
 * e.__traceback__ = tb (BaseException_set_tb): a traceback or None, kept
 * as the slot CPython has (an instance attribute, no __dict__ made for
 * it); *handled false: h is no exception.
 */
int exc_set_traceback(struct interp *I, uint64_t h, struct value *tb, bool *handled)
{
	struct pymm_op op;
	uint32_t t = 0;
	int kind;

	*handled = false;
	if (exc_kind_of(I, h, &kind))
		return -1;
	if (!kind)
		return 0;
	*handled = true;
	if (need_obj(I, tb))
		return -1;
	if (!is_none_h(I, tb->h) && (obj_type(I, tb->h, &t) || t != PYMM_T_TRACEBACK)) {
		if (I->exc)
			return -1;
		return raise_exc(I, PYMM_EXC_TYPE_ERROR, "__traceback__ must be a traceback or None");
	}
	pymm_op_init(&op, PYMM_OP_SETATTR);
	op.arg[0] = h;
	op.arg[1] = tb->h;
	pymm_op_set_data(&op, "__traceback__", 13);
	return op1_raise(I, &op);
}

/* BaseException.with_traceback(tb): sets __traceback__, returns self */
int exc_with_traceback(struct interp *I, uint64_t self, struct value *tb, struct value *out)
{
	bool handled;

	if (exc_set_traceback(I, self, tb, &handled))
		return -1;
	return dup_of(I, self, out);
}

const struct builtin *const builtins_frames[] = {
	ROW(MOD_SYS, "_getframe", 0, 1, 0, bi_getframe, 0),
	NULL,
};
