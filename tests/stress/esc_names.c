// SPDX-License-Identifier: GPL-2.0
/*
 * esc_names.c - the attacker's half of tests/vm/checks/esc_names.sh: in a
 * heap of its own (argv[1]), binds a global whose name carries a terminal
 * escape sequence and a newline that starts a forged row.  A namespace key
 * may be any str: the globals dict is reachable through gc.get_referrers().
 * Exit 0 once it is there, 1 if not.
 */
#include <stdio.h>
#include <stdlib.h>

#include "pymm_dev.h"

static const char evil[] = "x\033]0;PWNED\007\033[2J\n  forged           -> int";

int main(int argc, char **argv)
{
	uint64_t v, g = 0, k, n = 0, out[4];
	int fd = dev_open(), err;

	if (argc != 2 || fd < 0)
		return 1;
	err = dev_name_op(fd, PYMM_OP_HEAP_CREATE, argv[1], 0);
	if (!err)
		err = dev_name_op(fd, PYMM_OP_HEAP_ATTACH, argv[1], 0);
	if (!err)
		err = dev_op(fd, PYMM_OP_NEW_INT, 0, 123456789, 0, 0, NULL, 0, &v);
	if (!err)
		err = dev_op(fd, PYMM_OP_NAME_BIND, 0, v, 0, 0, "anchor", 6, NULL);
	if (!err)
		err = dev_op(fd, PYMM_OP_GC_GET_REFERRERS, 0, v, 0, 0, out, sizeof(out), &n);
	if (!err && n == 1)
		g = out[0];
	if (!err && g)
		err = dev_op(fd, PYMM_OP_NEW_STR, 0, 0, 0, 0, (void *)evil, sizeof(evil) - 1, &k);
	if (!err && g)
		err = dev_op(fd, PYMM_OP_SETITEM, 0, g, k, v, NULL, 0, NULL);
	if (err || !g) {
		fprintf(stderr, "esc_names: setup failed: %d (%llu referrers)\n", err,
			(unsigned long long)n);
		return 1;
	}
	return 0;
}
