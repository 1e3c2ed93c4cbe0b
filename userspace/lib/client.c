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
#include <sys/fsuid.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../../module/core/pymm_core.h"
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
	/* what the device charged the open to: current_fsuid() (chardev.c);
	 * setfsuid() with an invalid id changes nothing and returns it */
	c->uid = setfsuid((uid_t)-1);
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

const char *pymm_conn_errmsg(const struct pymm_conn *c)
{
	return c && c->t->errmsg ? c->t->errmsg(c) : "";
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

/* the tool's view of PYMM_OPS (module/uapi/pymm.h): direction and name */
#define PYMM_OP_DIR_ROW(name, code, dir, args, flags, kind, fn)	[code] = PYMM_DATA_##dir,
#define PYMM_OP_NAME_ROW(name, code, dir, args, flags, kind, fn)	[code] = #name,

static const unsigned char op_dirs[PYMM_OP_MAX + 1] = { PYMM_OPS(PYMM_OP_DIR_ROW) };
static const char *const op_names[PYMM_OP_MAX + 1] = { PYMM_OPS(PYMM_OP_NAME_ROW) };

bool pymm_op_data_out(uint32_t code)
{
	return code <= PYMM_OP_MAX && (op_dirs[code] & PYMM_DATA_OUT);
}

const char *pymm_op_name(uint32_t code)
{
	if (code <= PYMM_OP_MAX && op_names[code])
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
	if (c->t->heap_registry)
		return c->t->heap_registry(c, PYMM_OP_HEAP_CREATE, name, quota);
	return name_op(c, PYMM_OP_HEAP_CREATE, 0, name, quota);
}

int pymm_heap_destroy(struct pymm_conn *c, const char *name)
{
	if (c->t->heap_registry)
		return c->t->heap_registry(c, PYMM_OP_HEAP_DESTROY, name, 0);
	return name_op(c, PYMM_OP_HEAP_DESTROY, 0, name, 0);
}

/*
 * Whether PYMM_DEFAULT_HEAP is one heap for everyone (the module's
 * public_heap=1) rather than one per uid.  --local's core is made without
 * it (local.c).
 */
static bool public_default(const struct pymm_conn *c)
{
	int v = 0;
	FILE *f;

	if (strcmp(c->t->name, "device"))
		return false;
	f = fopen("/sys/module/pymm/parameters/public_heap", "r");
	if (!f)
		return false;
	if (fscanf(f, "%d", &v) != 1)
		v = 0;
	fclose(f);
	return v == 1;
}

int pymm_heap_get(struct pymm_conn *c, const char *name, struct pymm_heap_info *out)
{
	struct pymm_heap_info *v;
	unsigned int n, i;
	u32 of = c->uid;
	bool own;
	int err;

	if (c->t->heap_get)
		return c->t->heap_get(c, name, out);
	/*
	 * The list names every user's private default heap "default", and an
	 * admin's list holds them all: the name alone gave root the first
	 * user's.  "default" is the caller's own, as attach finds it
	 * (core/heap.c, heap_find()) and netlink's HEAP_GET shows it: the row
	 * owned by the uid the device knows us by; "default@UID" is the row
	 * "default" owned by UID, which only an admin's list holds for another
	 * uid (nothing with public_heap=1, as the core).  Like HEAP_GET this
	 * only finds: a default not made yet is -ENOENT.
	 */
	own = !strcmp(name, PYMM_DEFAULT_HEAP);
	if (pymm_heap_name_default_of(name, &of)) {	/* as the core reads it */
		own = true;
		name = PYMM_DEFAULT_HEAP;
		if (public_default(c))
			return -ENOENT;
	} else if (own && public_default(c)) {
		own = false;
	}
	err = pymm_heap_list(c, &v, &n);
	if (err)
		return err;
	for (i = 0; i < n; i++)
		if (!strncmp(v[i].name, name, sizeof(v[i].name)) &&
		    (!own || v[i].owner_uid == of))
			break;
	if (i < n)
		*out = v[i];
	free(v);
	return i < n ? 0 : -ENOENT;
}

int pymm_heap_gc_stats(struct pymm_conn *c, const char *heap, uint32_t attach_flags,
		       struct pymm_gc_gen_stats gen[3])
{
	struct pymm_op op;
	int err;

	if (c->t->gc_stats)
		return c->t->gc_stats(c, heap, gen);
	err = pymm_heap_attach_flags(c, heap, attach_flags);
	if (err)
		return err;
	pymm_op_init(&op, PYMM_OP_GC_GET_STATS);
	pymm_op_set_data(&op, gen, 3 * sizeof(*gen));
	return pymm_exec(c, &op);
}

int pymm_heap_gc_collect(struct pymm_conn *c, const char *heap, uint32_t attach_flags,
			 int generation, uint64_t *unreachable)
{
	struct pymm_op op;
	int err;

	if (c->t->gc_collect)
		return c->t->gc_collect(c, heap, generation, unreachable);
	err = pymm_heap_attach_flags(c, heap, attach_flags);
	if (err)
		return err;
	pymm_op_init(&op, PYMM_OP_GC_COLLECT);
	op.arg[0] = generation < 0 ? 2 : (uint64_t)generation;
	err = pymm_exec(c, &op);
	if (!err)
		*unreachable = op.ret[0];
	return err;
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
