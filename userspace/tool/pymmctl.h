/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pymmctl.h - what the tool's command files share.
 */
#ifndef PYMMCTL_H
#define PYMMCTL_H

#include <stdarg.h>
#include <stdbool.h>

#include "../lib/pymm_client.h"

struct opts {
	const char *heap;	/* -H, NULL: PYMM_DEFAULT_HEAP */
	const char *device;	/* --device */
	bool local;		/* --local */
	bool netlink;		/* --netlink */
	bool json;		/* -j */
};

extern struct opts g_opts;

/* exits 2 */
void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* "pymmctl: <context>: <strerror>" on stderr; returns 1 */
int fail_errno(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* open the session the global options ask for; 0 or 1 (message printed) */
int conn_open(struct pymm_conn **c);
/* attach to -H or the default heap; 0 or 1 (message printed) */
int conn_attach(struct pymm_conn *c);

int cmd_heap(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_verify(int argc, char **argv);

#endif /* PYMMCTL_H */
