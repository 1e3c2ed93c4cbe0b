// SPDX-License-Identifier: GPL-2.0
/*
 * chardev.c - /dev/pymm: the ioctl front end.
 *
 * One open file is one core client (struct pymm_client): its handles and
 * frames live exactly as long as the file, so a process that dies, however
 * it dies, gives back every reference it held when the kernel closes its
 * files.  The device is mode 0666: every user may own heaps; the core
 * decides, per heap, who may do what, from the uid seen at open time (the
 * usual rule for a file descriptor: its rights travel with it) and admin.
 * Admin is the one right re-checked per ioctl: CAP_SYS_ADMIN of the opener
 * AND of the caller now (pymm_op_exec_as()), so a process that opened the
 * device as root and then dropped its privileges (or handed the descriptor
 * to an unprivileged one) acts on its own heaps only, as its uid's rights.
 *
 * This file only decodes.  Each ioctl turns into struct pymm_op values plus
 * a kernel buffer and goes through pymm_op_exec(), the one path every front
 * end shares, so no validation of an op's meaning happens here: only what
 * the transport itself must check (struct sizes, batch flags, pointers),
 * and the buffer only for an op the core would run (pymm_op_check()): an
 * op it refuses goes to it without one and gets the errno it gets on every
 * transport.  Which way an op's buffer travels comes from the core too
 * (pymm_op_data_dir()), one table for every front end.  See docs/abi.md for
 * the contract with user space.
 *
 * Locking: pf->lock serialises the ioctls of one open file, so two threads
 * sharing a descriptor see their operations run one after the other, like
 * statements of one interpreter, and may share the file's data buffer.  It is
 * a mutex taken killably: the core may sleep (it allocates), and a task
 * killed while waiting must not hang.  No other lock is held while the core
 * runs.
 *
 * Memory: everything a file holds (its struct pymm_file, its data buffer,
 * the core client behind it) is charged to the opener's uid account
 * (user_quota, -EDQUOT when full; root is not accounted) and to the module
 * cap, so that a user's open files cannot pin kernel memory pymm does not
 * count (docs/reliability.md).
 *
 * Cost: a batch allocates nothing per op.  The data buffer is per file,
 * grown on demand, kept between calls only up to PYMM_BUF_KEEP (a page) and
 * freed at the end of the ioctl that needed a larger one.  A batch moves
 * its ops in chunks of PYMM_BATCH_CHUNK: one user-access section that reads
 * only the request fields (code, flags, arg[], data, data_len) into pf->ops,
 * one pymm_op_exec_batch() per run of bufferless ops (the core's two
 * mutexes taken once, not per op), then one user-access section that writes
 * back only the result fields (error, exc, data_len, out_flags, ret[]): 32
 * of the 80 bytes, and never the caller's request.  Per op, the
 * copies and the locks cost more than a small op itself (see
 * docs/performance.md).  Ops with a data buffer, registry ops and ops the
 * transport refuses take the one-op path, pymm_exec_one(), unchanged.
 */

#define pr_fmt(fmt) "pymm: " fmt

#include <linux/capability.h>
#include <linux/compat.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/log2.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/version.h>
#include <linux/uaccess.h>

#include "pymm_kernel.h"

/*
 * A data buffer up to this size stays allocated between calls (charged);
 * a larger one is freed at the end of the ioctl that needed it.
 */
#define PYMM_BUF_KEEP	PAGE_SIZE

/*
 * Ops per chunk of a batch: the core's locks are held for one chunk at most,
 * and fatal signals and cond_resched() are looked at between chunks.
 */
#define PYMM_BATCH_CHUNK	32

struct pymm_file {
	struct mutex lock;		/* serialises ioctls; protects buf, ops */
	struct pymm_client *client;	/* never NULL while the file is open */
	bool opener_admin;		/* CAP_SYS_ADMIN at open (the client's admin) */
	void *buf;			/* kernel copy of op data, or NULL */
	u32 buf_cap;
	struct pymm_op ops[PYMM_BATCH_CHUNK];	/* the batch chunk in flight */
};

/* what the struct takes from its kmalloc cache, charged to the opener */
#define PYMM_FILE_SIZE	kmalloc_size_roundup(sizeof(struct pymm_file))

/*
 * Runs inside misc_open(), under the kernel's misc_mtx, which every misc
 * device's open takes: nothing here may wait for another user's operation
 * (pymm_client_create() takes no registry or heap lock).  The client first:
 * the file's struct is charged to the opener's uid through it
 * (pymm_client_charge()), so a user who opens many files pays for each in
 * its user_quota account, -EDQUOT when it is full.
 */
static int pymm_open(struct inode *inode, struct file *file)
{
	bool admin = capable(CAP_SYS_ADMIN);
	struct pymm_client *c;
	struct pymm_file *pf;
	int err;

	c = pymm_client_create(from_kuid(&init_user_ns, current_fsuid()), admin, &err);
	if (!c)
		return err;
	err = pymm_client_charge(c, PYMM_FILE_SIZE);
	if (err)
		goto release;
	pf = kzalloc(sizeof(*pf), GFP_KERNEL_ACCOUNT);
	if (!pf) {
		err = -ENOMEM;
		goto uncharge;
	}
	mutex_init(&pf->lock);
	pf->opener_admin = admin;
	pf->client = c;
	file->private_data = pf;
	return nonseekable_open(inode, file);

uncharge:
	pymm_client_uncharge(c, PYMM_FILE_SIZE);
release:
	pymm_client_release(c);
	return err;
}

static void pymm_buf_free(struct pymm_file *pf)
{
	if (!pf->buf)
		return;
	kvfree(pf->buf);
	pymm_client_uncharge(pf->client, pf->buf_cap);
	pf->buf = NULL;
	pf->buf_cap = 0;
}

static int pymm_release(struct inode *inode, struct file *file)
{
	struct pymm_file *pf = file->private_data;

	pymm_buf_free(pf);
	pymm_client_uncharge(pf->client, PYMM_FILE_SIZE);
	pymm_client_release(pf->client);
	mutex_destroy(&pf->lock);
	kfree(pf);
	return 0;
}

/*
 * The buffer is charged to the file's client for as long as it is
 * allocated, from before the op runs (which may then fail, -ENOTCONN
 * without a heap, say) until the ioctl ends (pymm_buf_trim()) or, for a
 * kept one, the file is closed.  A full account refuses the op: -EDQUOT.
 */
static int pymm_buf_reserve(struct pymm_file *pf, u32 len)
{
	u32 cap;
	int err;

	lockdep_assert_held(&pf->lock);
	if (len <= pf->buf_cap)
		return 0;
	cap = max_t(u32, roundup_pow_of_two(len), PAGE_SIZE);
	pymm_buf_free(pf);
	err = pymm_client_charge(pf->client, cap);
	if (err)
		return err;
	/* Zeroed: only bytes the core says it wrote are copied out, but a
	 * buffer that never held another file's data cannot leak it anyway.
	 */
	pf->buf = kvzalloc(cap, GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!pf->buf) {
		pymm_client_uncharge(pf->client, cap);
		return -ENOMEM;
	}
	pf->buf_cap = cap;
	return 0;
}

/* pf->lock held: a buffer past PYMM_BUF_KEEP goes at the end of each ioctl */
static void pymm_buf_trim(struct pymm_file *pf)
{
	lockdep_assert_held(&pf->lock);
	if (pf->buf_cap > PYMM_BUF_KEEP)
		pymm_buf_free(pf);
}

/*
 * Runs one op already copied in (pf->lock held: the buffer is the file's).
 * Every outcome, including a bad buffer, lands in op->error; the caller
 * then copies op back.
 */
static void pymm_exec_one(struct pymm_file *pf, struct pymm_op *op)
{
	const struct pymm_op in = *op;
	void __user *udata = u64_to_user_ptr(in.data);
	int dir = pymm_op_data_dir(in.code);
	u32 len = in.data_len;
	void *buf = NULL;
	int err;

	lockdep_assert_held(&pf->lock);

	pymm_op_refuse(op, 0);
	/* a length with no buffer: -EFAULT on every transport, first */
	if (len && !in.data) {
		pymm_op_refuse(op, -EFAULT);
		return;
	}
	/* an op the core refuses anyway runs without a buffer: its errno */
	if (len && dir != PYMM_DATA_NONE && !pymm_op_check(&in)) {
		/* A missing output buffer must fail before the op has effects. */
		if (!access_ok(udata, len)) {
			pymm_op_refuse(op, -EFAULT);
			return;
		}
		err = pymm_buf_reserve(pf, len);
		if (err) {
			pymm_op_refuse(op, err);
			return;
		}
		buf = pf->buf;
		if ((dir & PYMM_DATA_IN) && copy_from_user(buf, udata, len)) {
			pymm_op_refuse(op, -EFAULT);
			return;
		}
	}

	/*
	 * Admin needs the caller's capability now too.  Only a file an admin
	 * opened asks (nobody else's denials fill the audit log); registry ops,
	 * the only ones admin matters to, never run in a batch (the core).
	 */
	pymm_op_exec_as(pf->client,
			pf->opener_admin && ns_capable_noaudit(&init_user_ns, CAP_SYS_ADMIN),
			op, buf, buf ? len : 0);

	/* What goes back is the caller's request plus the core's results. */
	op->code = in.code;
	op->flags = in.flags;
	memcpy(op->arg, in.arg, sizeof(op->arg));
	op->data = in.data;

	/* the core never claims more than the buffer holds (op_finish()) */
	if (!buf || !(dir & PYMM_DATA_OUT) || op->error || (op->out_flags & PYMM_OUTF_TRUNC))
		return;
	if (op->data_len && copy_to_user(udata, buf, op->data_len))
		pymm_op_refuse(op, -EFAULT);
}

static long pymm_ioc_version(void __user *uarg)
{
	struct pymm_ioc_version v = {
		.abi_version = PYMM_ABI_VERSION,
		.op_max = PYMM_OP_MAX,
		.op_size = sizeof(struct pymm_op),
		.reserved = 0,
	};

	return copy_to_user(uarg, &v, sizeof(v)) ? -EFAULT : 0;
}

static long pymm_ioc_op(struct pymm_file *pf, struct pymm_op __user *uop)
{
	struct pymm_op op;

	lockdep_assert_held(&pf->lock);

	if (copy_from_user(&op, uop, sizeof(op)))
		return -EFAULT;
	pymm_exec_one(pf, &op);
	return copy_to_user(uop, &op, sizeof(op)) ? -EFAULT : 0;
}

/*
 * An op of a newer ABI (op_size larger than ours) is accepted if the fields
 * we do not know are zero, as copy_struct_from_user() decides; otherwise that
 * op alone fails with -E2BIG.  Results are written over the v1 part only.
 */
static int pymm_batch_fetch(struct pymm_op *op, const void __user *uop, u32 op_size)
{
	int err = copy_struct_from_user(op, sizeof(*op), uop, op_size);

	if (err != -E2BIG)
		return err;
	if (copy_from_user(op, uop, sizeof(*op)))
		return -EFAULT;
	pymm_op_refuse(op, -E2BIG);
	return 1;
}

/*
 * Reads the request fields of ops[0..n) (code, flags, arg[], data,
 * data_len: the result fields are ignored on input, docs/abi.md) in one
 * user-access section, and clears the result fields.  Field by field rather
 * than a copy_from_user() of the chunk: 52 of the 80 bytes, no per-call
 * checks, and a fault stops exactly at the first op that cannot be read.
 * Returns how many ops were read completely.
 */
static u32 pymm_batch_get_requests(struct pymm_op *ops, const u8 __user *uops, u32 n)
{
	u32 j = 0;

	if (!user_read_access_begin(uops, (size_t)n * sizeof(*ops)))
		return 0;
	for (j = 0; j < n; j++) {
		const struct pymm_op __user *u =
			(const struct pymm_op __user *)(uops + (size_t)j * sizeof(*ops));
		struct pymm_op *op = &ops[j];

		unsafe_get_user(op->code, &u->code, fault);
		unsafe_get_user(op->flags, &u->flags, fault);
		unsafe_get_user(op->arg[0], &u->arg[0], fault);
		unsafe_get_user(op->arg[1], &u->arg[1], fault);
		unsafe_get_user(op->arg[2], &u->arg[2], fault);
		unsafe_get_user(op->arg[3], &u->arg[3], fault);
		unsafe_get_user(op->data, &u->data, fault);
		unsafe_get_user(op->data_len, &u->data_len, fault);
		op->error = 0;
		op->exc = 0;
		op->out_flags = 0;
		op->ret[0] = 0;
		op->ret[1] = 0;
	}
fault:
	user_read_access_end();
	return j;
}

/*
 * Reads up to n ops into pf->ops; returns how many were read.  *err is set
 * when fewer could be read (-EFAULT): the ops before the bad one still run,
 * as if read one by one.  failed[j] marks an op that already has its result
 * (-E2BIG) and must not run.
 */
static u32 pymm_batch_fetch_chunk(struct pymm_file *pf, const u8 __user *uops, u32 n,
				  u32 op_size, bool *failed, int *err)
{
	u32 j;

	*err = 0;
	memset(failed, 0, n * sizeof(*failed));
	if (op_size == sizeof(struct pymm_op)) {
		j = pymm_batch_get_requests(pf->ops, uops, n);
		if (j < n)
			*err = -EFAULT;
		return j;
	}
	for (j = 0; j < n; j++) {
		int e = pymm_batch_fetch(&pf->ops[j], uops + (size_t)j * op_size, op_size);

		if (e < 0) {
			*err = e;
			return j;
		}
		failed[j] = e > 0;
	}
	return n;
}

/*
 * Writes back the results of ops[0..n): the output fields only, so the
 * caller's request (code, flags, arg[], data) is left exactly as written
 * and nothing the kernel did not set (every field written here was either
 * copied in or set by the core or pymm_op_refuse()) reaches user space.
 * Returns how many ops' results were written completely.
 */
static u32 pymm_batch_put_results(const struct pymm_op *ops, u8 __user *uops, u32 n,
				  u32 op_size)
{
	u32 j = 0;

	if (!user_write_access_begin(uops, (size_t)n * op_size))
		return 0;
	for (j = 0; j < n; j++) {
		struct pymm_op __user *u = (struct pymm_op __user *)(uops + (size_t)j * op_size);
		const struct pymm_op *op = &ops[j];

		unsafe_put_user(op->error, &u->error, fault);
		unsafe_put_user(op->exc, &u->exc, fault);
		unsafe_put_user(op->data_len, &u->data_len, fault);
		unsafe_put_user(op->out_flags, &u->out_flags, fault);
		unsafe_put_user(op->ret[0], &u->ret[0], fault);
		unsafe_put_user(op->ret[1], &u->ret[1], fault);
	}
fault:
	user_write_access_end();
	return j;
}

/*
 * Ops the transport has nothing to do for (no buffer), which the core may
 * run in a locked run; the others take pymm_exec_one().
 */
static bool pymm_batch_fast(const struct pymm_op *op)
{
	return !op->data_len;
}

/*
 * Runs ops[0..n) of the chunk in order.  Returns how many ran; *stop is set
 * if the batch must end after them (STOP_ON_ERROR, or -EINTR in *ret).
 */
static u32 pymm_batch_run_chunk(struct pymm_file *pf, u32 n, const bool *failed, u32 flags,
				bool *stop, long *ret)
{
	bool stop_on_error = flags & PYMM_BATCHF_STOP_ON_ERROR;
	u32 j = 0, k, ran;

	*stop = false;
	while (j < n) {
		struct pymm_op *op;

		/* the longest run of ops the core may take under one lock */
		for (k = j; k < n && !failed[k] && pymm_batch_fast(&pf->ops[k]); k++)
			;
		if (k > j) {
			ran = pymm_op_exec_batch(pf->client, &pf->ops[j], k - j, flags);
			j += ran;
			if (stop_on_error && ran && pf->ops[j - 1].error) {
				*stop = true;
				return j;
			}
			if (j == n)
				break;
			/* a run cut short by a kill: the next would run one more op */
			if (fatal_signal_pending(current)) {
				*ret = -EINTR;
				*stop = true;
				return j;
			}
		}
		/* ops[j]: refused by the transport or the core's run, or -E2BIG */
		op = &pf->ops[j];
		if (!failed[j]) {
			/* it may copy a large buffer: a killed task stops first */
			if (fatal_signal_pending(current)) {
				*ret = -EINTR;
				*stop = true;
				return j;
			}
			pymm_exec_one(pf, op);
		}
		j++;
		if (op->error && stop_on_error) {
			*stop = true;
			return j;
		}
	}
	return j;
}

static long pymm_ioc_batch(struct pymm_file *pf, struct pymm_batch __user *ub)
{
	bool failed[PYMM_BATCH_CHUNK];
	struct pymm_batch b;
	const u8 __user *uops;
	long ret = 0;
	u32 done = 0;

	lockdep_assert_held(&pf->lock);

	if (copy_from_user(&b, ub, sizeof(b)))
		return -EFAULT;
	if (b.count < 1 || b.count > PYMM_BATCH_MAX)
		return -EINVAL;
	/* Multiples of 8 keep every op of the array naturally aligned. */
	if (b.op_size < sizeof(struct pymm_op) || b.op_size > PAGE_SIZE || b.op_size % 8)
		return -EINVAL;
	if (b.flags & ~PYMM_BATCHF_ALL)
		return -EINVAL;
	uops = u64_to_user_ptr(b.ops);

	while (done < b.count) {
		u8 __user *uchunk = (u8 __user *)uops + (size_t)done * b.op_size;
		u32 n = min_t(u32, b.count - done, PYMM_BATCH_CHUNK);
		u32 got, ran, put;
		bool stop;
		int err;

		/* A killed task stops here; closing its file drops its refs. */
		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		got = pymm_batch_fetch_chunk(pf, uchunk, n, b.op_size, failed, &err);
		ran = pymm_batch_run_chunk(pf, got, failed, b.flags, &stop, &ret);
		put = pymm_batch_put_results(pf->ops, uchunk, ran, b.op_size);
		done += put;
		if (put < ran) {
			/* ops after the unwritable one may have run: see docs/abi.md */
			ret = -EFAULT;
			break;
		}
		if (stop)
			break;
		if (err) {
			ret = err;
			break;
		}
		cond_resched();
	}
	if (put_user(done, &ub->done))
		ret = -EFAULT;
	return ret;
}

static long pymm_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pymm_file *pf = file->private_data;
	void __user *uarg = (void __user *)arg;
	long ret;

	switch (cmd) {
	case PYMM_IOC_VERSION:
		return pymm_ioc_version(uarg);
	case PYMM_IOC_OP:
	case PYMM_IOC_BATCH:
		break;
	default:
		return -ENOIOCTLCMD;
	}

	if (mutex_lock_killable(&pf->lock))
		return -EINTR;
	if (cmd == PYMM_IOC_OP)
		ret = pymm_ioc_op(pf, uarg);
	else
		ret = pymm_ioc_batch(pf, uarg);
	pymm_buf_trim(pf);
	mutex_unlock(&pf->lock);
	return ret;
}

static const struct file_operations pymm_fops = {
	.owner		= THIS_MODULE,
	.open		= pymm_open,
	.release	= pymm_release,
	.unlocked_ioctl	= pymm_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 12, 0)
	.llseek		= no_llseek,
#endif	/* 6.12: no .llseek means -ESPIPE, as no_llseek did */
};

static struct miscdevice pymm_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= PYMM_DEVICE_NAME,
	.fops	= &pymm_fops,
	.mode	= 0666,
};

int pymm_chardev_init(void)
{
	int err = misc_register(&pymm_misc);

	if (err)
		pr_err("cannot register /dev/%s: %d\n", PYMM_DEVICE_NAME, err);
	return err;
}

void pymm_chardev_exit(void)
{
	misc_deregister(&pymm_misc);
}
