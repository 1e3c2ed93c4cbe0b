// SPDX-License-Identifier: GPL-2.0
/*
 * local.c - the in-process transport: the portable core (libpymmcore.a)
 * runs inside pymmctl, so scripts and parity tests need no kernel.
 *
 * It behaves as the kernel host does: the caller's data is copied into a
 * private buffer before the op and copied back only for ops that write data
 * (pymm_op_data_out(), the same table the device uses), so a core bug that
 * writes past data_len shows up under ASan here instead of corrupting the
 * caller, and the core never sees a caller pointer.  A batch runs as the
 * device's PYMM_IOC_BATCH: runs of bufferless ops through the core's batch
 * path (pymm_op_exec_batch(), both locks once, in the caller's array: they
 * carry no buffer), the others one by one.
 *
 * This is the one file of the tool that includes the core's headers; they
 * bring their own fixed-width types, so nothing else from the core leaks into
 * the rest of the tool.
 */
#include <stdlib.h>
#include <unistd.h>

#include "../../module/core/pymm_core.h"
#include "../../module/core/alloc.h"
#include "client_internal.h"

static bool core_ready;

/* one op, its data copied in and out as the device's one-op path does */
static int local_exec_one(struct pymm_conn *c, struct pymm_op *op)
{
	struct pymm_op kop = *op;
	u32 len = op->data_len;
	void *ubuf = (void *)(uintptr_t)op->data;

	/* as the device: a length with no buffer first, then the core's refusals */
	if (len && !ubuf) {
		pymm_op_refuse(op, -EFAULT);
		return 0;
	}
	/*
	 * refused: no buffer, the core records why.  Without a buffer the
	 * core's own check (op_prepare()) is the only one needed.
	 */
	if (len && pymm_op_check(op))
		len = 0;
	if (len > c->buf_cap) {
		void *nb = realloc(c->buf, len);

		if (!nb)
			return -ENOMEM;
		c->buf = nb;
		c->buf_cap = len;
	}
	/* the core must not rely on stale bytes: poison what it gets */
	if (len)
		memset(c->buf, 0xa5, len);
	if (len && !pymm_op_data_out(op->code))
		memcpy(c->buf, ubuf, len);
	kop.data = 0;
	pymm_op_exec((struct pymm_client *)c->priv, &kop, len ? c->buf : NULL, len);
	op->error = kop.error;
	op->exc = kop.exc;
	op->ret[0] = kop.ret[0];
	op->ret[1] = kop.ret[1];
	op->out_flags = kop.out_flags;
	if (ubuf && pymm_op_data_out(op->code)) {
		op->data_len = kop.data_len;
		/* never more than len: the core checks its claim (op_finish()) */
		if (!kop.error && !(kop.out_flags & PYMM_OUTF_TRUNC))
			memcpy(ubuf, c->buf, kop.data_len);
	}
	return 0;
}

/* as chardev.c's pymm_batch_fast(): what the core may run in a locked run */
static bool batch_fast(const struct pymm_op *op)
{
	return !op->data_len && !(op->flags & ~PYMM_OPF_ALL);
}

/*
 * ops[0..n), all batch_fast(), through the core's batch path: how many
 * ran.  They run in the caller's array: a bufferless op has no caller
 * memory for the core to reach (op_prepare() hands it none), and copying
 * the array in and out cost as much as the check of each op.
 */
static u32 local_exec_run(struct pymm_conn *c, struct pymm_op *ops, u32 n, bool stop_on_error)
{
	return pymm_op_exec_batch((struct pymm_client *)c->priv, ops, n,
				  stop_on_error ? PYMM_BATCHF_STOP_ON_ERROR : 0);
}

/*
 * As the device runs a PYMM_IOC_BATCH (chardev.c): each run of bufferless
 * ops under one pair of locks, the op that ended it (a buffer, a registry
 * op, the run's work budget) alone.  A single op is PYMM_IOC_OP's path.
 */
static int local_exec(struct pymm_conn *c, struct pymm_op *ops, unsigned int n,
		      bool stop_on_error, unsigned int *done)
{
	unsigned int i = 0, j;
	int err = 0;

	while (i < n) {
		for (j = i; n > 1 && j < n && batch_fast(&ops[j]); j++)
			;
		if (j > i) {
			i += local_exec_run(c, ops + i, j - i, stop_on_error);
			if (stop_on_error && i && ops[i - 1].error)
				break;
			if (i == n)
				break;
		}
		err = local_exec_one(c, &ops[i]);
		if (err)
			break;
		i++;
		if (stop_on_error && ops[i - 1].error)
			break;
	}
	if (done)
		*done = i;
	return err;
}

static void local_close(struct pymm_conn *c)
{
	pymm_client_release((struct pymm_client *)c->priv);
}

static const struct pymm_transport local_transport = {
	.name = "local",
	.exec = local_exec,
	.close = local_close,
};

static void local_exit(void)
{
	u64 leaked = pymm_core_exit();

	if (leaked) {
		fprintf(stderr, "pymm: leak: %llu blocks still held at core exit\n",
			(unsigned long long)leaked);
		/* make leaks fail tests: the kernel logs the same at unload */
		_exit(3);
	}
}

int pymm_conn_open_local(struct pymm_conn **out)
{
	struct pymm_conn *c;

	if (!core_ready) {
		struct pymm_core_params p = {
			.heap_quota = 64ull << 20,
			.max_heaps_per_user = 16,
			.max_frame_depth = PYMM_RECURSION_LIMIT,
			.max_handles = 1u << 16,
			.arena_shift = PYMM_ARENA_SHIFT_SMALL,
			.pool_shift = PYMM_POOL_SHIFT_SMALL,
			.gc_debug = 0,
		};
		int err = pymm_core_init(&p);

		if (err)
			return err < 0 ? err : -err;
		core_ready = true;
		atexit(local_exit);
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->priv = pymm_client_new((u32)getuid(), geteuid() == 0);
	if (!c->priv) {
		free(c);
		return -ENOMEM;
	}
	c->t = &local_transport;
	c->fd = -1;
	c->uid = getuid();
	*out = c;
	return 0;
}
