// SPDX-License-Identifier: GPL-2.0
/*
 * client.c - the transport-independent half of the client library and the
 * /dev/pymm transport.
 *
 * The device transport is a thin ioctl wrapper: the kernel validates
 * everything, so all this file adds is the version handshake at open (an old
 * tool must not drive a newer struct layout) and the choice between
 * PYMM_IOC_OP and PYMM_IOC_BATCH.  Batches larger than PYMM_BATCH_MAX are
 * split, so callers never see that limit.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "client_internal.h"

static int dev_exec(struct pymm_conn *c, struct pymm_op *ops, unsigned int n,
		    bool stop_on_error, unsigned int *done)
{
	unsigned int ran = 0;

	while (ran < n) {
		unsigned int chunk = n - ran;
		struct pymm_batch b;

		if (chunk == 1) {
			if (ioctl(c->fd, PYMM_IOC_OP, &ops[ran]) < 0 &&
			    ops[ran].error == 0) {
				/* errors the op itself reports come back in
				 * op->error; an ioctl failure with error == 0
				 * means the op never ran (EFAULT, ENOTTY...) */
				if (done)
					*done = ran;
				return -errno;
			}
			ran++;
			if (stop_on_error && ops[ran - 1].error)
				break;
			continue;
		}
		if (chunk > PYMM_BATCH_MAX)
			chunk = PYMM_BATCH_MAX;
		b = (struct pymm_batch){
			.ops = (uint64_t)(uintptr_t)&ops[ran],
			.count = chunk,
			.op_size = sizeof(struct pymm_op),
			.flags = stop_on_error ? PYMM_BATCHF_STOP_ON_ERROR : 0,
		};
		if (ioctl(c->fd, PYMM_IOC_BATCH, &b) < 0 && b.done == 0) {
			if (done)
				*done = ran;
			return -errno;
		}
		ran += b.done;
		if (b.done < chunk)
			break;	/* stopped on an error */
	}
	if (done)
		*done = ran;
	return 0;
}

static void dev_close(struct pymm_conn *c)
{
	close(c->fd);
}

static const struct pymm_transport dev_transport = {
	.name = "device",
	.exec = dev_exec,
	.close = dev_close,
};

int pymm_conn_open_device(struct pymm_conn **out, const char *path)
{
	struct pymm_ioc_version v = { 0 };
	struct pymm_conn *c;
	int fd, err;

	fd = open(path ? path : "/dev/" PYMM_DEVICE_NAME, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, PYMM_IOC_VERSION, &v) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	if (v.abi_version != PYMM_ABI_VERSION || v.op_size != sizeof(struct pymm_op)) {
		close(fd);
		return -EPROTO;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		close(fd);
		return -ENOMEM;
	}
	c->t = &dev_transport;
	c->fd = fd;
	*out = c;
	return 0;
}

void pymm_conn_close(struct pymm_conn *c)
{
	if (!c)
		return;
	c->t->close(c);
	free(c->buf);
	free(c);
}

const char *pymm_conn_transport(const struct pymm_conn *c)
{
	return c->t->name;
}

unsigned int pymm_conn_recursion_limit(const struct pymm_conn *c)
{
	unsigned int v = PYMM_RECURSION_LIMIT;
	FILE *f;

	if (strcmp(c->t->name, "device"))
		return v;
	f = fopen("/sys/module/pymm/parameters/max_frame_depth", "r");
	if (!f)
		return v;
	if (fscanf(f, "%u", &v) != 1 || !v)
		v = PYMM_RECURSION_LIMIT;
	fclose(f);
	return v;
}

int pymm_exec_batch(struct pymm_conn *c, struct pymm_op *ops, unsigned int n,
		    bool stop_on_error, unsigned int *done)
{
	if (n == 0) {
		if (done)
			*done = 0;
		return 0;
	}
	return c->t->exec(c, ops, n, stop_on_error, done);
}

int pymm_exec(struct pymm_conn *c, struct pymm_op *op)
{
	int err = c->t->exec(c, op, 1, false, NULL);

	return err ? err : op->error;
}

bool pymm_op_data_out(uint32_t code)
{
	switch (code) {
	case PYMM_OP_HEAP_LIST:
	case PYMM_OP_HEAP_STATS:
	case PYMM_OP_ALLOC_STATS:
	case PYMM_OP_ARENA_INFO:
	case PYMM_OP_FREELIST_STATS:
	case PYMM_OP_NAME_LIST:
	case PYMM_OP_ITEMS:
	case PYMM_OP_READ:
	case PYMM_OP_READ_OUTPUT:
	case PYMM_OP_GC_GET_COUNT:
	case PYMM_OP_GC_GET_THRESHOLD:
	case PYMM_OP_GC_GET_STATS:
	case PYMM_OP_GC_GET_OBJECTS:
	case PYMM_OP_GC_GET_REFERRERS:
	case PYMM_OP_GC_GET_REFERENTS:
	case PYMM_OP_GC_GARBAGE:
	case PYMM_OP_CODE_READ:
	case PYMM_OP_FIN_FETCH:
	case PYMM_OP_KEY_PEERS:
		return true;
	default:
		return false;
	}
}

static const char *const op_names[] = {
	[PYMM_OP_NOP] = "NOP",
	[PYMM_OP_HEAP_CREATE] = "HEAP_CREATE",
	[PYMM_OP_HEAP_DESTROY] = "HEAP_DESTROY",
	[PYMM_OP_HEAP_ATTACH] = "HEAP_ATTACH",
	[PYMM_OP_HEAP_LIST] = "HEAP_LIST",
	[PYMM_OP_HEAP_SET_QUOTA] = "HEAP_SET_QUOTA",
	[PYMM_OP_HEAP_STATS] = "HEAP_STATS",
	[PYMM_OP_ALLOC_STATS] = "ALLOC_STATS",
	[PYMM_OP_ARENA_INFO] = "ARENA_INFO",
	[PYMM_OP_FREELIST_STATS] = "FREELIST_STATS",
	[PYMM_OP_CONST] = "CONST",
	[PYMM_OP_NEW_INT] = "NEW_INT",
	[PYMM_OP_NEW_FLOAT] = "NEW_FLOAT",
	[PYMM_OP_NEW_STR] = "NEW_STR",
	[PYMM_OP_NEW_BYTES] = "NEW_BYTES",
	[PYMM_OP_NEW_TUPLE] = "NEW_TUPLE",
	[PYMM_OP_NEW_LIST] = "NEW_LIST",
	[PYMM_OP_NEW_DICT] = "NEW_DICT",
	[PYMM_OP_NEW_CLASS] = "NEW_CLASS",
	[PYMM_OP_NEW_INSTANCE] = "NEW_INSTANCE",
	[PYMM_OP_NEW_WEAKREF] = "NEW_WEAKREF",
	[PYMM_OP_NEW_FUNCTION] = "NEW_FUNCTION",
	[PYMM_OP_DUP] = "DUP",
	[PYMM_OP_CLOSE] = "CLOSE",
	[PYMM_OP_NAME_BIND] = "NAME_BIND",
	[PYMM_OP_NAME_LOOKUP] = "NAME_LOOKUP",
	[PYMM_OP_NAME_DEL] = "NAME_DEL",
	[PYMM_OP_NAME_LIST] = "NAME_LIST",
	[PYMM_OP_FRAME_PUSH] = "FRAME_PUSH",
	[PYMM_OP_FRAME_POP] = "FRAME_POP",
	[PYMM_OP_GETITEM] = "GETITEM",
	[PYMM_OP_SETITEM] = "SETITEM",
	[PYMM_OP_DELITEM] = "DELITEM",
	[PYMM_OP_APPEND] = "APPEND",
	[PYMM_OP_POP] = "POP",
	[PYMM_OP_LEN] = "LEN",
	[PYMM_OP_GETATTR] = "GETATTR",
	[PYMM_OP_SETATTR] = "SETATTR",
	[PYMM_OP_DELATTR] = "DELATTR",
	[PYMM_OP_ITEMS] = "ITEMS",
	[PYMM_OP_BINOP] = "BINOP",
	[PYMM_OP_COMPARE] = "COMPARE",
	[PYMM_OP_TYPE] = "TYPE",
	[PYMM_OP_READ] = "READ",
	[PYMM_OP_ID] = "ID",
	[PYMM_OP_REFCOUNT] = "REFCOUNT",
	[PYMM_OP_READ_OUTPUT] = "READ_OUTPUT",
	[PYMM_OP_WEAKREF_GET] = "WEAKREF_GET",
	[PYMM_OP_HASH] = "HASH",
	[PYMM_OP_GC_COLLECT] = "GC_COLLECT",
	[PYMM_OP_GC_ENABLE] = "GC_ENABLE",
	[PYMM_OP_GC_DISABLE] = "GC_DISABLE",
	[PYMM_OP_GC_ISENABLED] = "GC_ISENABLED",
	[PYMM_OP_GC_GET_COUNT] = "GC_GET_COUNT",
	[PYMM_OP_GC_GET_THRESHOLD] = "GC_GET_THRESHOLD",
	[PYMM_OP_GC_SET_THRESHOLD] = "GC_SET_THRESHOLD",
	[PYMM_OP_GC_FREEZE] = "GC_FREEZE",
	[PYMM_OP_GC_UNFREEZE] = "GC_UNFREEZE",
	[PYMM_OP_GC_GET_FREEZE_COUNT] = "GC_GET_FREEZE_COUNT",
	[PYMM_OP_GC_GET_STATS] = "GC_GET_STATS",
	[PYMM_OP_GC_IS_TRACKED] = "GC_IS_TRACKED",
	[PYMM_OP_GC_GET_OBJECTS] = "GC_GET_OBJECTS",
	[PYMM_OP_GC_GET_REFERRERS] = "GC_GET_REFERRERS",
	[PYMM_OP_GC_GET_REFERENTS] = "GC_GET_REFERENTS",
	[PYMM_OP_GC_GARBAGE] = "GC_GARBAGE",
	[PYMM_OP_GC_SET_DEBUG] = "GC_SET_DEBUG",
	[PYMM_OP_GC_GET_DEBUG] = "GC_GET_DEBUG",
	[PYMM_OP_GC_IS_FINALIZED] = "GC_IS_FINALIZED",
	[PYMM_OP_HEAP_VERIFY] = "HEAP_VERIFY",
	[PYMM_OP_CLASS_NEW] = "CLASS_NEW",
	[PYMM_OP_LOAD_METHOD] = "LOAD_METHOD",
	[PYMM_OP_NEW_METHOD] = "NEW_METHOD",
	[PYMM_OP_FRAME_LOCALS] = "FRAME_LOCALS",
	[PYMM_OP_NEW_CODE] = "NEW_CODE",
	[PYMM_OP_CODE_READ] = "CODE_READ",
	[PYMM_OP_MAKE_FUNCTION] = "MAKE_FUNCTION",
	[PYMM_OP_FIN_FETCH] = "FIN_FETCH",
	[PYMM_OP_FIN_DONE] = "FIN_DONE",
	[PYMM_OP_NEW_WEAKREF_CB] = "NEW_WEAKREF_CB",
	[PYMM_OP_NEW_ITER] = "NEW_ITER",
	[PYMM_OP_ITER_NEXT] = "ITER_NEXT",
	[PYMM_OP_LIST_SORT] = "LIST_SORT",
	[PYMM_OP_LIST_FROM] = "LIST_FROM",
	[PYMM_OP_TUPLE_FROM] = "TUPLE_FROM",
	[PYMM_OP_KEY_HASH] = "KEY_HASH",
	[PYMM_OP_KEY_PEERS] = "KEY_PEERS",
	[PYMM_OP_GC_GARBAGE_LIST] = "GC_GARBAGE_LIST",
	[PYMM_OP_GC_CALLBACKS_LIST] = "GC_CALLBACKS_LIST",
	[PYMM_OP_GC_DUE] = "GC_DUE",
};

const char *pymm_op_name(uint32_t code)
{
	if (code < sizeof(op_names) / sizeof(op_names[0]) && op_names[code])
		return op_names[code];
	return "UNKNOWN_OP";
}

static const struct { const char *name, *base; } exc_classes[PYMM_EXC_MAX] = {
	[PYMM_EXC_NONE] = { "Exception", "BaseException" },
	PYMM_EXC_CLASSES_INIT
};

const char *pymm_exc_name(uint32_t exc)
{
	if (exc < PYMM_EXC_MAX && exc_classes[exc].name)
		return exc_classes[exc].name;
	return "SystemError";
}

static const char *const type_labels[PYMM_T_MAX] = {
	PYMM_TYPE_NAMES_INIT
};

const char *pymm_type_label(uint32_t type)
{
	if (type < PYMM_T_MAX && type_labels[type])
		return type_labels[type];
	return "?";
}

/* an instance's Python name is its class's: the caller asks for that */
const char *pymm_type_name(uint32_t type)
{
	if (type != PYMM_T_INSTANCE && type < PYMM_T_MAX && type_labels[type])
		return type_labels[type];
	return "object";
}

static int name_op(struct pymm_conn *c, uint32_t code, uint32_t flags, const char *name,
		   uint64_t arg0)
{
	char buf[PYMM_HEAP_NAME_MAX];
	struct pymm_op op;
	size_t len = strlen(name);

	if (len >= PYMM_HEAP_NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(buf, name, len + 1);
	pymm_op_init(&op, code);
	op.flags = flags;
	op.arg[0] = arg0;
	pymm_op_set_data(&op, buf, len + 1);
	return pymm_exec(c, &op);
}

int pymm_heap_attach(struct pymm_conn *c, const char *name)
{
	return name_op(c, PYMM_OP_HEAP_ATTACH, 0, name, 0);
}

int pymm_heap_attach_flags(struct pymm_conn *c, const char *name, uint32_t flags)
{
	return name_op(c, PYMM_OP_HEAP_ATTACH, flags, name, 0);
}

int pymm_heap_create(struct pymm_conn *c, const char *name, uint64_t quota)
{
	return name_op(c, PYMM_OP_HEAP_CREATE, 0, name, quota);
}

int pymm_heap_destroy(struct pymm_conn *c, const char *name)
{
	return name_op(c, PYMM_OP_HEAP_DESTROY, 0, name, 0);
}

int pymm_heap_list(struct pymm_conn *c, struct pymm_heap_info **out, unsigned int *count)
{
	unsigned int cap = 16;

	for (;;) {
		struct pymm_heap_info *v = calloc(cap, sizeof(*v));
		struct pymm_op op;
		int err;

		if (!v)
			return -ENOMEM;
		pymm_op_init(&op, PYMM_OP_HEAP_LIST);
		pymm_op_set_data(&op, v, cap * sizeof(*v));
		err = pymm_exec(c, &op);
		if (!err && (op.out_flags & PYMM_OUTF_TRUNC))
			err = -ENOSPC;
		if (err == -ENOSPC && cap < 65536) {
			free(v);
			cap *= 4;
			continue;
		}
		if (err) {
			free(v);
			return err;
		}
		*out = v;
		*count = op.data_len / sizeof(*v);
		return 0;
	}
}
