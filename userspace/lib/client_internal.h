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
};

struct pymm_conn {
	const struct pymm_transport *t;
	int fd;			/* device */
	void *priv;		/* local: struct pymm_client * */
	void *buf;		/* local: the "kernel side" copy of op data */
	size_t buf_cap;
	void *ops;		/* local: the "kernel side" copy of a run of ops */
	unsigned int ops_cap;
};

#endif /* PYMM_CLIENT_INTERNAL_H */
