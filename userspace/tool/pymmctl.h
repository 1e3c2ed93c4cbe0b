/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pymmctl.h - what the tool's command files share.
 */
#ifndef PYMMCTL_H
#define PYMMCTL_H

#include <stdarg.h>
#include <stdbool.h>

#include "../lib/pymm_client.h"

struct pymm_nl;

struct opts {
	const char *heap;	/* -H, NULL: PYMM_DEFAULT_HEAP */
	const char *device;	/* --device */
	bool local;		/* --local */
	bool netlink;		/* --netlink */
	bool json;		/* -j */
	bool other_owner;	/* --other-owner: PYMM_OPF_OTHER_OWNER on attach */
};

extern struct opts g_opts;
/*
 * The open connection: fail_errno() quotes its transport's words for a
 * refusal (pymm_conn_errmsg(): the kernel's extended ack over netlink), so
 * every refusal over netlink shows them.  conn_close() clears it.
 */
extern struct pymm_conn *g_conn;

/* exits 2 */
void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* "pymmctl: <context>: <strerror>" on stderr; returns 1 */
int fail_errno(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* open the session the global options ask for; 0 or 1 (message printed) */
int conn_open(struct pymm_conn **c);
/* attach to -H or the default heap; 0 or 1 (message printed) */
int conn_attach(struct pymm_conn *c);

/* closes a connection from conn_open() */
void conn_close(struct pymm_conn *c);
/* the PYMM_OPF_* flags of an attach the global options ask for (--other-owner) */
uint32_t attach_flags(void);
/* -H or the default heap */
const char *heap_name(void);
/* arg is -j/--json (then sets g_opts.json): for options after the command */
bool is_json_opt(const char *arg);
/* arg is -h, --help or help */
bool is_help_opt(const char *arg);

int cmd_heap(int argc, char **argv);
int cmd_gc(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_verify(int argc, char **argv);
/* pictures.c */
int cmd_arenas(int argc, char **argv);
int cmd_top(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_areas(int argc, char **argv);

#endif /* PYMMCTL_H */
