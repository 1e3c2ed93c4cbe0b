/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pymm_client.h - the client library: one way to run pymm operations,
 * whatever carries them.
 *
 * A struct pymm_conn is one client session (one set of handles, one frame
 * stack, attached to one heap).  Transports behind it:
 *
 *   device   /dev/pymm: PYMM_IOC_VERSION check at open, then PYMM_IOC_OP
 *            for one op and PYMM_IOC_BATCH for several.
 *   local    the portable core linked into this process (libpymmcore.a),
 *            called the way the kernel host calls it: the op's data is
 *            copied into a private buffer before the op and copied back
 *            after it, so that the core never sees a caller pointer.  This
 *            is what makes parity tests run on the host under ASan.
 *
 * A netlink transport will sit behind the same calls: nothing here names a
 * transport except the open functions.
 *
 * Results: pymm_exec() returns 0 when every op was *executed* (each op's own
 * result is in op->error / op->exc), or -errno when the transport itself
 * failed (then no op result can be trusted beyond *done).
 */
#ifndef PYMM_CLIENT_H
#define PYMM_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../module/uapi/pymm.h"

struct pymm_conn;

/* path NULL: /dev/pymm.  Returns 0 or -errno (-EPROTO on an ABI mismatch). */
int pymm_conn_open_device(struct pymm_conn **out, const char *path);
/* In-process core; the first call initialises it (PYMM_RECURSION_LIMIT). */
int pymm_conn_open_local(struct pymm_conn **out);
/* Generic netlink (nl.c); -ENOENT: family "pymm" not registered. */
int pymm_conn_open_netlink(struct pymm_conn **out);
/* Drops every handle and frame the session holds, like close(2) of the device. */
void pymm_conn_close(struct pymm_conn *c);

/* "device", "netlink" or "local" */
const char *pymm_conn_transport(const struct pymm_conn *c);
/*
 * The transport's own words for the last refusal of a request on c (the
 * kernel's extended ack over netlink), or "" when it gave none.
 */
const char *pymm_conn_errmsg(const struct pymm_conn *c);
/*
 * The heap's recursion limit, for sys.getrecursionlimit(): the module's
 * max_frame_depth parameter on the device (PYMM_RECURSION_LIMIT if it
 * cannot be read), the in-process core's PYMM_RECURSION_LIMIT.
 */
unsigned int pymm_conn_recursion_limit(const struct pymm_conn *c);

/*
 * Runs ops[0..n-1] in order (one syscall for n > 1 on the device).  With
 * stop_on_error the run ends after the first failing op.  *done (may be NULL)
 * receives how many ops ran.
 */
int pymm_exec_batch(struct pymm_conn *c, struct pymm_op *ops, unsigned int n,
		    bool stop_on_error, unsigned int *done);
/* One op: returns op->error, or the transport's -errno. */
int pymm_exec(struct pymm_conn *c, struct pymm_op *op);

/* Builds an op (zeroing reserved fields, as the ABI requires). */
static inline void pymm_op_init(struct pymm_op *op, uint32_t code)
{
	*op = (struct pymm_op){ .code = code };
}

static inline void pymm_op_set_data(struct pymm_op *op, const void *buf, size_t len)
{
	op->data = (uint64_t)(uintptr_t)buf;
	op->data_len = (uint32_t)len;
}

/* Names for messages: "NEW_INT", "NameError"; never NULL. */
const char *pymm_op_name(uint32_t code);
const char *pymm_exc_name(uint32_t exc);
const char *pymm_type_name(uint32_t type);	/* Python's: "int", "NoneType" */
/* as /proc/pymm and the reports print a type code: "instance"; "?" if unknown */
const char *pymm_type_label(uint32_t type);

/* Ops whose data buffer is written by the core (the kernel host's table). */
bool pymm_op_data_out(uint32_t code);

/* ---- convenience wrappers for the tool; each returns 0 or -errno */
int pymm_heap_attach(struct pymm_conn *c, const char *name);
/* with PYMM_OPF_* flags: PYMM_OPF_OTHER_OWNER lets an admin attach to another uid's heap */
int pymm_heap_attach_flags(struct pymm_conn *c, const char *name, uint32_t flags);
/*
 * Requests that name their heap.  Over netlink each is one typed command
 * (a refusal says why in pymm_conn_errmsg()); on the device and --local,
 * ops on c.  The stats and collect requests attach c to the heap first
 * there (attach_flags: PYMM_OPF_OTHER_OWNER or 0); netlink's do not move
 * the connection's session.
 */
int pymm_heap_create(struct pymm_conn *c, const char *name, uint64_t quota);
int pymm_heap_destroy(struct pymm_conn *c, const char *name);
/*
 * one heap the caller may see, by name: -ENOENT if none.  PYMM_DEFAULT_HEAP
 * is the caller's own (unless the module has public_heap=1), found, never
 * made; "default@UID" uid UID's, for an admin or UID itself
 */
int pymm_heap_get(struct pymm_conn *c, const char *name, struct pymm_heap_info *out);
int pymm_heap_gc_stats(struct pymm_conn *c, const char *heap, uint32_t attach_flags,
		       struct pymm_gc_gen_stats gen[3]);
/* gc.collect(generation) on heap; finalizers it hands out are not run here */
int pymm_heap_gc_collect(struct pymm_conn *c, const char *heap, uint32_t attach_flags,
			 int generation, uint64_t *unreachable);
/* *out is malloc'd; caller frees */
int pymm_heap_list(struct pymm_conn *c, struct pymm_heap_info **out, unsigned int *count);

#endif /* PYMM_CLIENT_H */
