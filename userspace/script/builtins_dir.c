// SPDX-License-Identifier: GPL-2.0
/*
 * builtins_dir.c - dir() without an argument: the sorted names of the
 * current scope, as builtin_dir_impl answers with the frame's locals.  At
 * module level that is the globals (the heap's), the modules and names
 * imported (kept in this process), and the entries CPython's __main__
 * always has.  dir(obj) would need every attribute CPython's object and
 * type define: refused.
 */
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

static void names_add(struct name_set *s, const char *name)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], name))
			return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->v = xrealloc(s->v, (size_t)s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = name;
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

static int bi_dir(BI_ARGS)
{
	struct name_set s = { 0 };
	bool local = I->scope != NULL;
	uint32_t len = 0, count = 0, off;
	char *buf = NULL;
	int i, err;

	if (nargs)
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "dir() of an object is not supported by pymm");
	if (I->comp || (I->scope && I->scope->is_class))
		return raise_exc(I, EX_NOT_IMPLEMENTED,
				 "dir() in a comprehension or a class body is not supported by pymm");
	if (names_list(I, local, &buf, &len, &count))
		return -1;
	for (off = 0; off < len && *(buf + off); off += (uint32_t)strlen(buf + off) + 1)
		names_add(&s, buf + off);
	if (!local) {
		for (i = 0; i < (int)(sizeof(main_dunders) / sizeof(main_dunders[0])); i++)
			names_add(&s, main_dunders[i]);
		for (i = 0; i < NMODS; i++)
			if (I->imported[i])
				names_add(&s, module_name(i));
		for (i = 0; i < I->nfroms; i++)
			names_add(&s, I->froms[i].name);
	}
	qsort(s.v, (size_t)s.n, sizeof(*s.v), name_cmp);
	err = names_to_list(I, &s, out);
	free(s.v);
	free(buf);
	return err;
}

const struct builtin *const builtins_dir[] = {
	ROW(BO_BUILTINS, "dir", 0, 1, 0, bi_dir, 0),
	NULL
};
