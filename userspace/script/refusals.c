// SPDX-License-Identifier: GPL-2.0
/*
 * refusals.c - the names CPython 3.11 has, so that what pymm lacks fails
 * with "... is not supported by pymm" instead of an error claiming Python
 * lacks it (NameError, AttributeError).  The names are python3.11's
 * dir(builtins), dir(gc), dir(sys), dir(weakref) and the dir() of the
 * built-in types, dunder names included (`(10).__add__` is refused, not
 * called missing), generated into cpython_names.h by
 * scripts/gen-cpython-names.py.
 *
 * A refusal is final.  CPython would have run the line pymm refuses, so a
 * script that catches the refusal (`except Exception:`, a bare `except:`,
 * an `__exit__` returning True) and goes on would print what CPython never
 * prints and could still exit 0: the silent wrong answer issue #14 names.
 * raise_exc() notes the first error whose text says "not supported by
 * pymm"; from then on no except clause matches (exc_handler_matches), no
 * __exit__ suppresses (with.c), `finally` blocks and __exit__ still run
 * (they release what the frames hold), and the run ends with exit status
 * 1 whatever happened after it: an error printed as "Exception ignored"
 * (a __del__, a callback) cannot be swallowed either (refusal_finish()).
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "interp.h"

struct owner_names {
	const char *owner;
	const char *const *names;
};

/* the lists, dunder names included, and owners[] */
#include "cpython_names.h"

/*
 * The AttributeError for owner.name, or, when CPython 3.11 has it, the
 * NotImplementedError saying pymm does not.
 */
int refuse_attr(struct interp *I, const char *owner, const char *name, bool is_module)
{
	if (cpython_has(owner, name))
		return raise_exc(I, EX_NOT_IMPLEMENTED, "%s.%s is not supported by pymm", owner,
				 name);
	if (is_module)
		return raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "module '%s' has no attribute '%s'",
				 owner, name);
	return raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", owner,
			 name);
}

/* Does CPython 3.11's `owner` (a module or built-in type) have `name`? */
bool cpython_has(const char *owner, const char *name)
{
	const char *const *n = cpython_names(owner);

	for (; n && *n; n++)
		if (!strcmp(*n, name))
			return true;
	return false;
}

/* CPython 3.11's dir() of owner (a module or built-in type), sorted; NULL: no table */
const char *const *cpython_names(const char *owner)
{
	size_t i;

	for (i = 0; i < sizeof(owners) / sizeof(owners[0]); i++)
		if (!strcmp(owners[i].owner, owner))
			return owners[i].names;
	return NULL;
}

/* From the first refusal on, nothing the script does may catch it. */
bool refusal_pending(struct interp *I)
{
	return I->refused;
}

/* The refusal was printed (a traceback's last line, or "Exception ignored") */
void refusal_shown(struct interp *I)
{
	if (I->refused && !strcmp(I->exc_msg, I->refusal_msg))
		I->refusal_shown = true;
}

/*
 * The run's exit status, given rc: 1 after any refusal, and the refusal
 * named once more if the script went on past it (its traceback's last line
 * was another error, or none).  The interactive loop ends each statement
 * with this, so one refusal does not stop the session.
 */
int refusal_finish(struct interp *I, int rc)
{
	if (!I->refused)
		return rc;
	if (!I->refusal_shown || !rc) {
		fflush(I->out);
		fprintf(stderr, "pymmctl: %s (the script went on past it; "
			"exit status 1)\n", I->refusal_msg);
	}
	I->refused = false;
	I->refusal_shown = false;
	return 1;
}
