/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nl.h - the generic netlink transport of the client library (libnl-genl-3).
 *
 * Two ways in:
 *
 *   pymm_conn_open_netlink()  a struct pymm_conn like the device's: every
 *                             pymm_exec()/pymm_exec_batch() op travels as one
 *                             PYMM_CMD_OP request on one socket, whose kernel
 *                             session holds the handles and frames (closing
 *                             the connection releases them, as close(2) of
 *                             /dev/pymm does).  Op data is capped at
 *                             PYMM_GENL_DATA_MAX bytes per op.  Its
 *                             requests that name a heap (pymm_heap_get()
 *                             & co, pymm_client.h) use the typed commands.
 *   struct pymm_nl            the typed commands (heap new/del/get/dump,
 *                             allocator, arena and collector statistics), each
 *                             naming its heap; and pymm_nl_monitor() for the
 *                             "events" multicast group.
 *
 * Errors: every call returns 0 or -errno.  When the kernel refused a request,
 * pymm_nl_errmsg() gives its extended-ack message (with the attribute it
 * points at), for the tool to quote; "" when there was none.
 */
#ifndef PYMM_NL_H
#define PYMM_NL_H

#include <stdbool.h>
#include <stdint.h>

#include "pymm_client.h"

struct pymm_nl;

/* -ENOENT: family "pymm" not registered (module not loaded). */
int pymm_nl_open(struct pymm_nl **out);
void pymm_nl_close(struct pymm_nl *nl);

/* The kernel's extended-ack text for the last failed request, or "". */
const char *pymm_nl_errmsg(const struct pymm_nl *nl);

/* One op, with the device's semantics (see pymm_exec()): returns op->error. */
int pymm_nl_exec(struct pymm_nl *nl, struct pymm_op *op);

/* pymm_conn_open_netlink() is declared with the other openers, in pymm_client.h */

/* ---- typed commands; name NULL means PYMM_DEFAULT_HEAP where optional */
int pymm_nl_heap_new(struct pymm_nl *nl, const char *name, uint64_t quota);
int pymm_nl_heap_del(struct pymm_nl *nl, const char *name);
int pymm_nl_heap_get(struct pymm_nl *nl, const char *name, struct pymm_heap_info *out);
/* every heap the caller may see; *out is malloc'd (may be NULL if *count 0) */
int pymm_nl_heap_dump(struct pymm_nl *nl, struct pymm_heap_info **out, unsigned int *count);
/* cls may be NULL; *ncls receives how many classes were stored (<= cls_cap) */
int pymm_nl_alloc_stats(struct pymm_nl *nl, const char *name, struct pymm_alloc_stats *a,
			struct pymm_class_stats *cls, unsigned int cls_cap, unsigned int *ncls);
/* the free lists (PYMM_CMD_ALLOC_STATS_GET's freelist nests and totals) */
int pymm_nl_freelist_stats(struct pymm_nl *nl, const char *name,
			   struct pymm_freelist_stats *fl);
/* *out is malloc'd */
int pymm_nl_arena_dump(struct pymm_nl *nl, const char *name, struct pymm_arena_info **out,
		       unsigned int *count);
/* generation < 0: the oldest (2) */
int pymm_nl_gc_collect(struct pymm_nl *nl, const char *name, int generation,
		       uint64_t *unreachable);
int pymm_nl_gc_stats(struct pymm_nl *nl, const char *name, struct pymm_gc_gen_stats gen[3]);

/* ---- events */
struct pymm_nl_event {
	uint32_t kind;			/* PYMM_EV_* */
	char heap[PYMM_HEAP_NAME_MAX];	/* "" if none */
	uint64_t time_ns;		/* kernel monotonic clock */
	uint32_t uid;
	uint32_t generation;
	uint64_t quota;
	uint64_t collected;
	uint64_t uncollectable;
	uint64_t pause_ns;
	uint64_t count;
	uint64_t bytes;
	uint64_t held;
	uint64_t present;		/* bit PYMM_A_EV_x: attribute x was sent */
};

/* "heap-create", "gc-collect", ...; "unknown" otherwise */
const char *pymm_nl_event_name(uint32_t kind);

/* Return nonzero to stop the monitor. */
typedef int (*pymm_nl_event_fn)(const struct pymm_nl_event *ev, void *arg);

/*
 * Joins the "events" group (CAP_SYS_ADMIN: -EPERM otherwise) on a socket of
 * its own and calls fn per event until fn returns nonzero (-> 0), timeout_ms
 * passes without an event (-> -ETIMEDOUT; < 0 waits forever), or an error.
 * *ready (may be NULL) is called once subscribed, so a caller can trigger
 * events only when they cannot be missed.  Events lost to a full socket
 * buffer are counted in *lost (may be NULL) and the monitor goes on.
 */
int pymm_nl_monitor(pymm_nl_event_fn fn, void *arg, int timeout_ms,
		    void (*ready)(void *arg), uint64_t *lost);

#endif /* PYMM_NL_H */
