// SPDX-License-Identifier: GPL-2.0
/*
 * imports.c - which module an import statement names, and the honest
 * refusal when pymm lacks it.
 *
 * pymm's modules (gc, sys, weakref) live in pymmctl, not in the heap.  Any
 * other module CPython 3.11 ships (sys.stdlib_module_names, the generated
 * stdlib_table.h) is refused at the import with NotImplementedError
 * "module 'os' is not supported by pymm", as a builtin pymm lacks is
 * refused when reached.  Not an ImportError subclass: `try: import x /
 * except ImportError:` would then quietly take the branch written for a
 * Python without the module, and the script would go on doing something
 * python3 does not.  Only a name 3.11 lacks as well is a
 * ModuleNotFoundError, with 3.11's message.
 */
#include <stdlib.h>
#include <string.h>

#include "interp.h"
#include "stdlib_table.h"

static int cmp_name(const void *key, const void *elt)
{
	return strcmp(key, *(const char *const *)elt);
}

/* is top (a top-level module name) in CPython 3.11's standard library? */
bool stdlib_has(const char *top)
{
	return bsearch(top, stdlib_module_names,
		       sizeof(stdlib_module_names) / sizeof(stdlib_module_names[0]),
		       sizeof(stdlib_module_names[0]), cmp_name) != NULL;
}

/*
 * The module `import full` / `from full import ...` names: its index, or
 * -1 with the exception raised.  what: NULL for a plain import, else the
 * form pymm refuses for one of its own modules ("'import ... as'").
 */
int import_module_index(struct interp *I, const char *full, const char *what)
{
	const char *dot = strchr(full, '.');
	size_t len = dot ? (size_t)(dot - full) : strlen(full);
	char top[128];
	int mod;

	if (len >= sizeof(top))
		return raise_exc(I, EX_MODULE_NOT_FOUND, "No module named '%.*s'", (int)len, full);
	memcpy(top, full, len);
	top[len] = '\0';
	mod = module_index(top);
	if (mod < 0) {
		/* importing a.b imports a first: the top-level name decides */
		if (stdlib_has(top))
			return raise_exc(I, EX_NOT_IMPLEMENTED,
					 "module '%s' is not supported by pymm", top);
		return raise_exc(I, EX_MODULE_NOT_FOUND, "No module named '%s'", top);
	}
	/* collections is a package in 3.11 (collections.abc): pymm has none of it */
	if (dot && mod == MOD_COLLECTIONS)
		return raise_exc(I, EX_NOT_IMPLEMENTED, "module '%s' is not supported by pymm",
				 full);
	/* gc, sys, weakref, functools and itertools are modules, not packages */
	if (dot)
		return raise_exc(I, EX_MODULE_NOT_FOUND,
				 "No module named '%s'; '%s' is not a package", full, top);
	if (what)
		return raise_exc(I, EX_NOT_IMPLEMENTED, "%s is not supported by pymm", what);
	return mod;
}
