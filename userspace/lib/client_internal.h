/* SPDX-License-Identifier: GPL-2.0 */
/*
 * client_internal.h - what a transport implements.  Only the library's own
 * files include this.
 */
#ifndef PYMM_CLIENT_INTERNAL_H
#define PYMM_CLIENT_INTERNAL_H

#include "pymm_client.h"

struct pymm_transport {
	const char *name;
	int (*exec)(struct pymm_conn *c, struct pymm_op *ops, unsigned int n,
		    bool stop_on_error, unsigned int *done);
	void (*close)(struct pymm_conn *c);
	/*
	 * Requests that name their heap, which a transport may answer with a
	 * request of its own (netlink's typed commands, whose refusals come
	 * with the kernel's words: errmsg).  NULL: client.c runs them as ops
	 * on the connection.  The one place the transport is chosen.
	 */
	int (*heap_registry)(struct pymm_conn *c, uint32_t code, const char *name,
			     uint64_t quota);
	int (*heap_get)(struct pymm_conn *c, const char *name, struct pymm_heap_info *out);
	int (*gc_stats)(struct pymm_conn *c, const char *heap,
			struct pymm_gc_gen_stats gen[3]);
	int (*gc_collect)(struct pymm_conn *c, const char *heap, int generation,
			  uint64_t *unreachable);
	const char *(*errmsg)(const struct pymm_conn *c);
};

struct pymm_conn {
	const struct pymm_transport *t;
	int fd;			/* device */
	void *priv;		/* local: struct pymm_client * */
	uid_t uid;		/* the uid the core knows us by: the device's
				 * opener's fsuid (chardev.c), local: getuid() */
	void *buf;		/* local: the "kernel side" copy of op data */
	size_t buf_cap;
};

#endif /* PYMM_CLIENT_INTERNAL_H */
