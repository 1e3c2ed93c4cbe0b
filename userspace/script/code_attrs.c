// SPDX-License-Identifier: GPL-2.0
/*
 * code_attrs.c - the attributes of a function's code object a script reads
 * (f.__code__.co_name ...), from the def this client parsed for it: the
 * heap's code object keeps the def's text, and the parse (symtable.c)
 * knows its names.  A code object whose def this client does not hold, and
 * the attributes below not listed, are refused.
 *
 * co_freevars and co_cellvars are sorted by name, as CPython's compiler
 * orders them; co_varnames is the parameters, then the other locals that
 * are not cells, in the order the body binds them.
 */
#include <stdlib.h>
#include <string.h>

#include "interp.h"

/* a tuple of the names' strs */
static int names_tuple(struct interp *I, char *const *names, int n, const struct scope *skip,
		       int keep_first, struct value *out)
{
	uint64_t *hs = xrealloc(NULL, (n ? n : 1) * sizeof(uint64_t));
	uint32_t k = 0;
	int i, err = 0;

	for (i = 0; i < n && !err; i++) {
		struct value v;

		if (skip && i >= keep_first && nameset_has(&skip->cells, names[i]))
			continue;
		err = new_str(I, names[i], strlen(names[i]), &v);
		if (!err)
			hs[k++] = v.h;
	}
	if (!err)
		err = new_container(I, PYMM_OP_NEW_TUPLE, hs, k, out);
	close_many(I, hs, k);
	free(hs);
	return err;
}

/* code.<name>; 1: not one of ours (the caller refuses it) */
int code_attr(struct interp *I, uint64_t h, const char *name, struct value *out)
{
	struct node *def;
	struct scope *sc;
	int i, n;

	if (strncmp(name, "co_", 3))
		return 1;
	def = def_of_code(I, h);
	if (!def)
		return I->exc ? -1 : 1;
	sc = def->def.scope;
	if (!strcmp(name, "co_name"))
		return new_str(I, def->def.name, strlen(def->def.name), out);
	if (!strcmp(name, "co_qualname"))
		return new_str(I, def->def.qualname, strlen(def->def.qualname), out);
	if (!strcmp(name, "co_filename"))
		return new_str(I, def->def.mod->filename, strlen(def->def.mod->filename), out);
	if (!strcmp(name, "co_firstlineno"))
		return new_int(I, def->line, out);
	if (!strcmp(name, "co_argcount") || !strcmp(name, "co_kwonlyargcount") ||
	    !strcmp(name, "co_posonlyargcount")) {
		int want = name[3] == 'a' ? -1 : name[3] == 'k' ? P_KWONLY : P_POSONLY;

		for (i = 0, n = 0; i < def->def.params.n; i++) {
			int k = def->def.params.v[i]->name.param_kind;

			n += want < 0 ? (k == P_POSONLY || k == P_POS) : k == want;
		}
		return new_int(I, n, out);
	}
	if (!sc)
		return 1;
	if (!strcmp(name, "co_freevars"))
		return names_tuple(I, sc->frees.v, sc->frees.n, NULL, 0, out);
	if (!strcmp(name, "co_cellvars"))
		return names_tuple(I, sc->cells.v, sc->cells.n, NULL, 0, out);
	if (!strcmp(name, "co_varnames"))
		return names_tuple(I, sc->names, sc->n, sc, sc->nparams, out);
	return 1;
}
