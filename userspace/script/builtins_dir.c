// SPDX-License-Identifier: GPL-2.0
/*
 * builtins_dir.c - dir() without an argument: the sorted names of the
 * current scope, as builtin_dir_impl answers with the frame's locals.  At
 * module level that is the globals (the heap's), the modules and names
 * imported (kept in this process), and the entries CPython's __main__
 * always has.
 *
 * dir(obj) is object.__dir__ and type.__dir__ (Objects/typeobject.c): the
 * keys of the object's __dict__, then merge_class_dict() over its class
 * and the class's bases, sorted; a class's own __dir__ is called and its
 * result sorted.  What CPython's built-in types and modules answer comes
 * from python3's own dir() tables (cpython_names.h): a value of a type or
 * a class with a base pymm has no table for is refused.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* what python3 running a file has in __main__'s dict besides the script's */
static const char *const main_dunders[] = {
	"__annotations__", "__builtins__", "__cached__", "__doc__", "__file__",
	"__loader__", "__name__", "__package__", "__spec__",
};

struct name_set {
	const char **v;
	int n, cap;
};

/* names are copied: they come from buffers and heap reads freed before the list is made */
static void names_add(struct name_set *s, const char *name, size_t len)
{
	char *copy;
	int i;

	for (i = 0; i < s->n; i++)
		if (strlen(s->v[i]) == len && !memcmp(s->v[i], name, len))
			return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->v = xrealloc(s->v, (size_t)s->cap * sizeof(*s->v));
	}
	copy = xrealloc(NULL, len + 1);
	memcpy(copy, name, len);
	copy[len] = '\0';
	s->v[s->n++] = copy;
}

static void names_free(struct name_set *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		free((char *)s->v[i]);
	free(s->v);
}

static void names_add_all(struct name_set *s, const char *const *names)
{
	for (; *names; names++)
		names_add(s, *names, strlen(*names));
}

/* str order is code point order, which strcmp() gives on UTF-8 */
static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* a new list of new strs, one per name */
static int names_to_list(struct interp *I, struct name_set *s, struct value *out)
{
	uint64_t *hs = xrealloc(NULL, (size_t)(s->n + 1) * sizeof(uint64_t));
	struct value *strs = calloc(s->n + 1, sizeof(*strs));
	int i, err = 0;

	if (!strs) {
		free(hs);
		return raise_exc(I, PYMM_EXC_MEMORY_ERROR, "out of memory");
	}
	for (i = 0; i < s->n && !err; i++) {
		err = new_str(I, s->v[i], strlen(s->v[i]), &strs[i]);
		hs[i] = strs[i].h;
	}
	if (!err)
		err = new_container(I, PYMM_OP_NEW_LIST, hs, (uint32_t)s->n, out);
	release_many(I, strs, s->n);
	free(strs);
	free(hs);
	return err ? -1 : 0;
}

/* the sorted list of the names, which are freed */
static int names_finish(struct interp *I, struct name_set *s, struct value *out)
{
	int err;

	qsort(s->v, (size_t)s->n, sizeof(*s->v), name_cmp);
	err = names_to_list(I, s, out);
	names_free(s);
	return err;
}

/* the str keys of the dict h (a __dict__) */
static int add_dict_keys(struct interp *I, struct name_set *s, uint64_t h)
{
	struct objinfo k;
	uint64_t *hs;
	uint32_t n, i;
	int err = 0;

	if (obj_items(I, h, &hs, &n))
		return -1;
	for (i = 0; i < n && !err; i++) {
		err = obj_read(I, hs[i], &k);
		if (!err && k.type == PYMM_T_STR)
			names_add(s, k.s ? k.s : "", k.len);
		if (!err)
			free(k.s);
	}
	close_many(I, hs, n);
	free(hs);
	return err;
}

/* the keys of h.__dict__, if h has one (a function's is made on first use) */
static int add_attr_dict(struct interp *I, struct name_set *s, uint64_t h)
{
	struct pymm_op op;
	uint64_t d;
	int err;

	pymm_op_init(&op, PYMM_OP_GETATTR);
	op.arg[0] = h;
	pymm_op_set_data(&op, "__dict__", 8);
	if (op1(I, &op))
		return -1;
	if (op.error == -ENOENT)
		return 0;
	if (op.error)
		return raise_op(I, &op, NULL);
	d = op.ret[0];
	err = add_dict_keys(I, s, d);
	close_many(I, &d, 1);
	return err;
}

/* CPython's dir() table of a built-in type or module, or the refusal */
static int add_table(struct interp *I, struct name_set *s, const char *owner)
{
	const char *const *names = cpython_names(owner);

	if (!names)
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "dir() of a '%s' object is not supported by pymm", owner);
	names_add_all(s, names);
	return 0;
}

/* a builtin row's table: a type's own (int, zip, property ...), else a function's */
static const char *builtin_type_table(int id)
{
	const struct builtin *b = builtin_get(id);

	if (builtin_is_type(id) || (b && b->owner == BO_BUILTINS && cpython_names(b->name)))
		return b->name;
	return "builtin_function_or_method";
}

/* a value's type: its table; a type named as a module (weakref) has none */
static int type_table(struct interp *I, struct name_set *s, const char *tname)
{
	if (module_index(tname) >= 0)
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "dir() of a '%s' object is not supported by pymm", tname);
	return add_table(I, s, tname);
}

/*
 * A class a prelude defines (collections.OrderedDict, deque ...) is C code
 * in CPython, with other attributes than the prelude's: refused.  0: the
 * script's class.
 */
static int prelude_class(struct interp *I, uint64_t c)
{
	struct objinfo mod = { 0 }, oi = { 0 };
	uint64_t m;
	int err;

	if (getattr_h(I, c, "__module__", &m))
		return -1;
	err = obj_read(I, m, &mod);
	close_many(I, &m, 1);
	if (err)
		return -1;
	err = mod.type == PYMM_T_STR && mod.s && module_index(mod.s) >= 0;
	if (err && !obj_read(I, c, &oi))
		raise_exc(I, EX_NOT_IMPLEMENTED, "dir() of %s.%s is not supported by pymm",
			  mod.s, oi.s ? oi.s : "?");
	free(oi.s);
	free(mod.s);
	return err ? -1 : 0;
}

/*
 * c one of the heap's static classes (object, list, dict, int ...): adds
 * python3's dir() of it, or refuses.  0: c is a class of the script.
 */
static int builtin_class(struct interp *I, struct name_set *s, uint64_t c)
{
	struct objinfo oi;
	struct pymm_op op;
	int err;

	pymm_op_init(&op, PYMM_OP_TYPE);
	op.arg[0] = c;
	if (op1_raise(I, &op))
		return -1;
	if (!(op.ret[1] & PYMM_TYPEF_IMMORTAL))
		return prelude_class(I, c);
	if (obj_read(I, c, &oi))
		return -1;
	err = add_table(I, s, oi.s ? oi.s : "?");
	free(oi.s);
	return err ? -1 : 1;
}

/*
 * merge_class_dict(): the keys of cls.__dict__ and of its bases', a worklist
 * instead of CPython's recursion; a built-in base (object, list ...) adds
 * python3's dir() of it.
 */
static int merge_class_dict(struct interp *I, struct name_set *s, uint64_t cls)
{
	uint64_t *work = xrealloc(NULL, sizeof(*work)), *held = NULL, *bases, tup;
	uint32_t nheld = 0, nb, i;
	int nwork = 1, err = 0;

	work[0] = cls;
	while (nwork && !err) {
		uint64_t c = work[--nwork];
		int b = builtin_class(I, s, c);

		if (b) {
			err = b < 0;
			continue;
		}
		if (!err)
			err = add_attr_dict(I, s, c);
		if (!err)
			err = getattr_h(I, c, "__bases__", &tup);
		if (err)
			break;
		err = obj_items(I, tup, &bases, &nb);
		close_many(I, &tup, 1);
		if (err)
			break;
		/* the bases' handles stay open till the end: the worklist borrows them */
		held = xrealloc(held, (size_t)(nheld + nb + 1) * sizeof(*held));
		work = xrealloc(work, (size_t)(nwork + nb + 1) * sizeof(*work));
		for (i = 0; i < nb; i++)
			held[nheld++] = bases[i];
		/* first base first, as merge_class_dict's loop (the order only dedups) */
		for (i = nb; i-- > 0;)
			work[nwork++] = bases[i];
		free(bases);
	}
	close_many(I, held, nheld);
	free(held);
	free(work);
	return err ? -1 : 0;
}

/* a class's own __dir__: its result as a sorted list (1: the class has none) */
static int user_dir(struct interp *I, uint64_t h, struct value *out)
{
	struct value r;
	int err = call_special(I, h, "__dir__", NULL, 0, &r);

	if (err)
		return err;
	err = call_builtin(I, builtin_lookup(BO_BUILTINS, "sorted"), NULL, &r, 1, NULL, 0, out);
	vrelease(I, &r);
	return err ? -1 : 0;
}

/* 1: h is an instance of a class derived from list or dict (subclass.c) */
static int subclass_obj(struct interp *I, uint64_t h)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_TYPE);
	op.arg[0] = h;
	if (op1_raise(I, &op))
		return -1;
	return !!(op.ret[1] & PYMM_TYPEF_SUBCLASS);
}

/* object.__dir__: the instance's __dict__, then its class's */
static int instance_dir(struct interp *I, struct name_set *s, uint64_t h)
{
	uint64_t cls;
	int err;

	if (add_attr_dict(I, s, h) || getattr_h(I, h, "__class__", &cls))
		return -1;
	err = merge_class_dict(I, s, cls);
	close_many(I, &cls, 1);
	return err;
}

/* dir(v): object.__dir__, type.__dir__, module.__dir__ as CPython answers them */
static int dir_of(struct interp *I, struct value *v, struct value *out)
{
	struct name_set s = { 0 };
	struct value tv = *v;
	uint32_t t = 0;
	int err = 0, inst = 0;

	tv.owned = false;
	if (v->kind == V_OBJ && btype_demote(I, &tv) < 0)
		return -1;
	if (tv.kind == V_OBJ && obj_type(I, v->h, &t))
		return -1;
	if (t == PYMM_T_LIST || t == PYMM_T_DICT)
		inst = subclass_obj(I, v->h);
	if (inst < 0)
		return -1;
	if (t == PYMM_T_INSTANCE || inst) {
		inst = 1;
		err = user_dir(I, v->h, out);
		if (err <= 0)
			return err;
	}
	if (tv.kind == V_MODULE)
		err = add_table(I, &s, module_name(tv.id));
	else if (tv.kind == V_METHOD)
		err = add_table(I, &s, tv.self ? "builtin_function_or_method" :
					    "method_descriptor");
	else if (tv.kind == V_BUILTIN)
		err = add_table(I, &s, builtin_type_table(tv.id));
	else if (inst)
		err = instance_dir(I, &s, v->h);
	else if (t == PYMM_T_CLASS)
		err = merge_class_dict(I, &s, v->h);
	else
		err = (t == PYMM_T_FUNCTION && add_attr_dict(I, &s, v->h)) ||
		      type_table(I, &s, value_class_name(I, v->h, t));
	if (err) {
		names_free(&s);
		return -1;
	}
	return names_finish(I, &s, out);
}

static int bi_dir(BI_ARGS)
{
	struct name_set s = { 0 };
	bool local = I->scope != NULL;
	uint32_t len = 0, count = 0, off;
	char *buf = NULL;
	int i;

	if (nargs)
		return dir_of(I, &args[0], out);
	if (I->comp || (I->scope && I->scope->is_class))
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "dir() in a comprehension or a class body is not supported by pymm");
	if (names_list(I, local, &buf, &len, &count))
		return -1;
	for (off = 0; off < len && *(buf + off); off += (uint32_t)strlen(buf + off) + 1)
		names_add(&s, buf + off, strlen(buf + off));
	if (!local) {
		for (i = 0; i < (int)(sizeof(main_dunders) / sizeof(main_dunders[0])); i++)
			names_add(&s, main_dunders[i], strlen(main_dunders[i]));
		for (i = 0; i < NMODS; i++)
			if (I->imported[i])
				names_add(&s, module_name(i), strlen(module_name(i)));
		for (i = 0; i < I->nfroms; i++)
			names_add(&s, I->froms[i].name, strlen(I->froms[i].name));
	}
	free(buf);
	return names_finish(I, &s, out);
}

const struct builtin *const builtins_dir[] = {
	ROW(BO_BUILTINS, "dir", 0, 1, 0, bi_dir, 0),
	NULL
};
