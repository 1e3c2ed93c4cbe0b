// SPDX-License-Identifier: GPL-2.0
/*
 * vmfuzz.c - in the VM guest: random and mutated input to both front ends
 * of pymm for a bounded time, as a small syzkaller.  Each of -p worker
 * processes (every second one as uid 65534) loops until -s seconds or -n
 * ops have passed, choosing among
 *
 *   - PYMM_IOC_OP with a random or real op code, real handles or random
 *     ones, random args and flags, and a data pointer that is a real buffer
 *     of random bytes, NULL, or unmapped/kernel-looking, with any length;
 *   - PYMM_IOC_BATCH with random counts (0..over PYMM_BATCH_MAX), op_size,
 *     flags and op arrays (real, mutated, or unmapped);
 *   - random ioctl numbers in and around the 0xB8 magic, random arguments;
 *   - generic netlink messages to the pymm family (resolved with
 *     CTRL_CMD_GETFAMILY): random commands, versions, flags and attributes
 *     (odd lengths, bad nla_len, nests), and mutated valid PYMM_CMD_OP
 *     messages (bit flips of a well-formed op).
 *
 * Every 1000 ops a worker re-attaches its own heap and runs HEAP_VERIFY;
 * -EUCLEAN is a failure.  Every op result must keep the contract (ioctl 0
 * means op->error in -4095..0 and exc < PYMM_EXC_MAX).  With -f P the
 * module's fail_probability is set to P percent for the run, and back to 0
 * before the final verify of each heap (a verify refused with -ENOMEM under
 * injection is counted as inconclusive, not failed).
 *
 * Prints the ioctls and netlink messages sent and the errors by errno;
 * exits 0 if no verify failed, no contract was broken and no worker died.
 * The kernel side (no oops, WARNING, leak at unload) is the harness's.
 *
 * Starvation (-B MS, issue #16 item 7): a probe process of its own, uid
 * 65534, loops over three small requests of a second user: an open (and
 * close) of /dev/pymm, a whole read of one /proc/pymm file (in turn), and
 * a small op (NEW_INT, CLOSE) on a heap of its own, timing each.  Every
 * worker times each ioctl or netlink send it makes and, right after, finds
 * the longest any probe waited while it ran (a probe still waiting counts
 * up to the op's end).  Each worker keeps its NWORST inputs by that wait
 * and by their own time; they are printed (with -o DIR also written there,
 * whole) at the end.  A probe that waited longer than -B ms fails the run:
 * no op may hold what another user needs for that long.  See
 * docs/reliability.md for the bound's reasoning.
 *
 * Usage: vmfuzz [-s SECONDS] [-n OPS] [-p PROCS] [-S SEED] [-f PERCENT]
 *               [-B PROBE_BOUND_MS [-o DIR]]
 */
#include <errno.h>
#include <stdarg.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "pymm_dev.h"

#define FAIL_PARAM	"/sys/module/pymm/parameters/fail_probability"
#define NHANDLES	64
#define NERRNO		4096
#define BUFSZ		(64 << 10)
#define MAXPROCS	64
#define PROBE_RING	1024	/* completed probes kept for the workers */
#define NWORST		4	/* inputs kept per worker, per ranking */
#define INPUT_MAX	4096	/* bytes of an input kept (its head) */
#define PROBE_UID	65534

enum probe_kind { PROBE_OPEN, PROBE_PROC, PROBE_OP, PROBE_KINDS };
static const char *const probe_name[PROBE_KINDS] = { "open", "/proc read", "small op" };
static const char *const probe_files[] = {
	"summary", "heaps", "mallocstats", "arenas", "gc", "objects", "areas",
};

struct probe_rec {
	double start, end;
	int kind, file;
};

/* One input as sent, with what it cost: the starvation fuzzer's findings. */
struct input {
	double op_s;		/* the syscall's time */
	double wait_s;		/* the longest a probe waited meanwhile */
	int worker;
	uint32_t len;		/* bytes of bytes[] (the input's first INPUT_MAX) */
	char desc[160];
	uint8_t bytes[INPUT_MAX];
};

struct shared {
	uint64_t ioctls, nl_msgs, verifies, verify_fail, verify_nomem, contract;
	uint64_t ioctl_err[NERRNO];	/* by errno: ioctl() failures and op->error */
	uint64_t nl_err[NERRNO];	/* by errno: NLMSG_ERROR replies */
	volatile int faults_off;	/* parent: fail_probability is 0 again */
	/* the probe: completed probes in a ring ordered by end, the one running */
	volatile uint64_t probe_seq;
	volatile double probe_inflight;	/* start of the probe running, 0 idle */
	struct probe_rec probe_ring[PROBE_RING];
	uint64_t probes[PROBE_KINDS], probe_errs[PROBE_KINDS], probe_over;
	double probe_max[PROBE_KINDS];
	int probe_max_file;		/* the /proc file of the slowest read */
	volatile int probe_done;
	/* per worker: its worst inputs by probe wait and by op time */
	struct input worst_wait[MAXPROCS][NWORST], worst_time[MAXPROCS][NWORST];
};

static struct shared *sh;
static uint64_t rng;
static uint64_t handles[NHANDLES];
static unsigned int nhandles;
static uint8_t *buf;		/* data buffer, BUFSZ bytes */
static char heap[PYMM_HEAP_NAME_MAX];
static int fd = -1, nl = -1, family = -1;
static uint32_t nl_seq;
static int worker_idx;
static struct input cur;	/* the input being sent */
static double op_t0, op_t1;	/* its syscall's start and end, 0 if none */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Around the one syscall an input is: its time, nothing of our own. */
#define TIMED(expr) ({ __typeof__(expr) _r; op_t0 = now(); _r = (expr); op_t1 = now(); _r; })

static void cur_set(const void *bytes, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void cur_set(const void *bytes, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (len > INPUT_MAX)
		len = INPUT_MAX;
	cur.len = (uint32_t)len;
	if (len)
		memcpy(cur.bytes, bytes, len);
	va_start(ap, fmt);
	vsnprintf(cur.desc, sizeof(cur.desc), fmt, ap);
	va_end(ap);
}

/* Appends more bytes of the input (an op's data after the op). */
static void cur_add(const void *bytes, size_t len)
{
	if (!bytes || len > INPUT_MAX - cur.len)
		len = bytes ? INPUT_MAX - cur.len : 0;
	memcpy(cur.bytes + cur.len, bytes, len);
	cur.len += (uint32_t)len;
}

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint64_t below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

static void fill_random(void *p, size_t n)
{
	uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = (uint8_t)rnd();
}

static void count(uint64_t *tab, int err)
{
	if (err < 0)
		err = -err;
	if (err > 0 && err < NERRNO)
		__atomic_add_fetch(&tab[err], 1, __ATOMIC_RELAXED);
}

/* ------------------------------------------------------------- ioctl */

/* A handle-ish value: a real one, a small integer, or anything. */
static uint64_t some_handle(void)
{
	switch (below(4)) {
	case 0:
	case 1:
		return nhandles ? handles[below(nhandles)] : 1;
	case 2:
		return below(200);
	default:
		return rnd();
	}
}

static uint64_t some_arg(void)
{
	switch (below(6)) {
	case 0:
		return some_handle();
	case 1:
		return below(4);
	case 2:
		return (uint64_t)-1 - below(3);
	case 3:
		return 1ull << below(64);
	default:
		return rnd() >> below(64);
	}
}

/* A data pointer and length: real buffer, NULL, or bad. */
static void some_data(__u64 *data, __u32 *len)
{
	static const uint64_t bad[] = {
		1, 0x1000, 0xffff888000000000ull, 0xffffffff81000000ull,
		0x7ffffffff000ull, 0xdead000000000000ull,
	};
	uint32_t n;

	switch (below(8)) {
	case 0:
		*data = 0;
		*len = below(3) ? 0 : (uint32_t)rnd();
		return;
	case 1:
		*data = bad[below(sizeof(bad) / sizeof(bad[0]))];
		*len = (uint32_t)below(BUFSZ);
		return;
	default:
		break;
	}
	n = (uint32_t)(below(4) ? below(64) : below(BUFSZ));
	switch (below(4)) {
	case 0:		/* handles */
		for (uint32_t i = 0; i + 8 <= n; i += 8) {
			uint64_t h = some_handle();

			memcpy(buf + i, &h, 8);
		}
		break;
	case 1:		/* text, NUL-terminated sometimes */
		for (uint32_t i = 0; i < n; i++)
			buf[i] = (uint8_t)(' ' + below(95));
		if (n && below(2))
			buf[n - 1] = 0;
		break;
	default:
		fill_random(buf, n);
	}
	*data = (uintptr_t)buf;
	*len = below(16) ? n : (uint32_t)rnd();	/* sometimes a lying length */
}

static uint32_t some_code(void)
{
	if (below(8))
		return (uint32_t)below(PYMM_OP_MAX + 2);
	return (uint32_t)rnd();
}

static void random_op(struct pymm_op *op)
{
	memset(op, 0, sizeof(*op));
	if (below(2)) {
		/* near-valid: a real code, no flags, reserved args zero */
		op->code = (uint32_t)below(PYMM_OP_MAX + 1);
		op->arg[0] = some_handle();
		op->arg[1] = below(2) ? some_handle() : below(8);
		op->arg[2] = below(4) ? below(10) : some_arg();
		some_data(&op->data, &op->data_len);
		return;
	}
	op->code = some_code();
	op->flags = below(4) ? 0 : (uint32_t)(below(2) ? PYMM_OPF_LOCAL : rnd());
	for (int i = 0; i < 4; i++)
		op->arg[i] = below(2) || i < 2 ? some_arg() : 0;
	some_data(&op->data, &op->data_len);
	if (!below(16)) {		/* garbage in the out fields */
		op->error = (int32_t)rnd();
		op->ret[0] = rnd();
	}
}

/* Check the ioctl contract and count; keeps new handles. */
static void op_result(const struct pymm_op *op, int rc)
{
	if (rc) {
		count(sh->ioctl_err, errno);
		return;
	}
	if (op->error > 0 || op->error < -4095 || op->exc >= PYMM_EXC_MAX) {
		__atomic_add_fetch(&sh->contract, 1, __ATOMIC_RELAXED);
		fprintf(stderr, "vmfuzz: op %u: error %d exc %u breaks the contract\n",
			op->code, op->error, op->exc);
		return;
	}
	count(sh->ioctl_err, op->error);
	/* ops that return a handle in ret0 */
	if (!op->error && op->ret[0] && op->ret[0] < (1u << 24) &&
	    ((op->code >= PYMM_OP_CONST && op->code <= PYMM_OP_NEW_FUNCTION) ||
	     op->code == PYMM_OP_DUP || op->code == PYMM_OP_GETITEM ||
	     op->code == PYMM_OP_NAME_LOOKUP || op->code == PYMM_OP_BINOP)) {
		if (nhandles < NHANDLES)
			handles[nhandles++] = op->ret[0];
		else
			handles[below(NHANDLES)] = op->ret[0];
	}
}

static void do_op(void)
{
	struct pymm_op op;
	int rc;

	random_op(&op);
	cur_set(&op, sizeof(op), "ioctl OP code %u flags %#x args %#llx %#llx %#llx %#llx data_len %u",
		op.code, op.flags, (unsigned long long)op.arg[0], (unsigned long long)op.arg[1],
		(unsigned long long)op.arg[2], (unsigned long long)op.arg[3], op.data_len);
	if (op.data == (uintptr_t)buf)
		cur_add(buf, op.data_len < BUFSZ ? op.data_len : BUFSZ);
	rc = TIMED(ioctl(fd, PYMM_IOC_OP, &op));
	__atomic_add_fetch(&sh->ioctls, 1, __ATOMIC_RELAXED);
	op_result(&op, rc);
}

/* Valid ops that make handles, so that later ops meet real objects. */
static void do_seed_op(void)
{
	uint64_t h = 0;
	int err;

	cur_set(NULL, 0, "seed op");
	op_t0 = now();
	switch (below(8)) {
	case 0:
		err = dev_op(fd, PYMM_OP_NEW_INT, 0, rnd(), 0, 0, NULL, 0, &h);
		break;
	case 6:
	case 7: {
		/* large blocks: one host allocation each, where faults land */
		uint32_t n = 513 + (uint32_t)below(BUFSZ - 513);

		uint32_t code = below(2) ? PYMM_OP_NEW_BYTES : PYMM_OP_NEW_LIST;

		fill_random(buf, 64);
		cur_set(buf, n & ~7u, "seed op code %u data_len %u", code, n & ~7u);
		err = dev_op(fd, code, 0, 0, 0, 0, buf, n & ~7u, &h);
		break;
	}
	case 1:
		err = dev_op(fd, PYMM_OP_NEW_STR, 0, 0, 0, 0, "fuzz", 4, &h);
		break;
	case 2:
		err = dev_op(fd, PYMM_OP_NEW_LIST, 0, 0, 0, 0, NULL, 0, &h);
		break;
	case 3:
		err = dev_op(fd, PYMM_OP_NEW_DICT, 0, 0, 0, 0, NULL, 0, &h);
		break;
	case 4: {
		uint64_t items[2] = { some_handle(), some_handle() };

		err = dev_op(fd, PYMM_OP_NEW_TUPLE, 0, 0, 0, 0, items, sizeof(items), &h);
		break;
	}
	default:
		err = dev_op(fd, PYMM_OP_NEW_CLASS, 0, 0, 0, 0, "C\0print(1)", 11, &h);
	}
	op_t1 = now();
	__atomic_add_fetch(&sh->ioctls, 1, __ATOMIC_RELAXED);
	count(sh->ioctl_err, err <= -1000 ? err + 1000 : err);
	if (!err && h) {
		if (nhandles < NHANDLES)
			handles[nhandles++] = h;
		else
			handles[below(NHANDLES)] = h;
	}
}

static void do_batch(void)
{
	static struct pymm_op ops[PYMM_BATCH_MAX + 8];
	struct pymm_batch b;
	uint32_t n = (uint32_t)(below(8) ? below(16) : below(PYMM_BATCH_MAX + 8));
	int rc;

	memset(&b, 0, sizeof(b));
	for (uint32_t i = 0; i < n && i < PYMM_BATCH_MAX + 8; i++)
		random_op(&ops[i]);
	b.ops = below(10) ? (uintptr_t)ops : (below(2) ? 0 : 0xffff888000000000ull);
	b.count = below(12) ? n : (uint32_t)rnd();
	switch (below(8)) {
	case 0:
		b.op_size = (uint32_t)rnd();
		break;
	case 1:
		b.op_size = sizeof(struct pymm_op) + (uint32_t)below(17) - 8;
		break;
	default:
		b.op_size = sizeof(struct pymm_op);
	}
	b.flags = below(3) ? (uint32_t)below(2) : (uint32_t)rnd();
	if (!below(8))
		b.done = (uint32_t)rnd();
	cur_set(&b, sizeof(b), "ioctl BATCH count %u op_size %u flags %#x ops %#llx (first code %u)",
		b.count, b.op_size, b.flags, (unsigned long long)b.ops, n ? ops[0].code : 0);
	if (b.ops == (uintptr_t)ops)
		cur_add(ops, (n < PYMM_BATCH_MAX + 8 ? n : PYMM_BATCH_MAX + 8) * sizeof(ops[0]));
	rc = TIMED(ioctl(fd, PYMM_IOC_BATCH, &b));
	__atomic_add_fetch(&sh->ioctls, 1, __ATOMIC_RELAXED);
	if (rc) {
		count(sh->ioctl_err, errno);
		return;
	}
	for (uint32_t i = 0; i < b.done && i < n && b.op_size == sizeof(struct pymm_op) &&
	     b.ops == (uintptr_t)ops; i++)
		op_result(&ops[i], 0);
}

static void do_raw_ioctl(void)
{
	unsigned long cmd;
	unsigned int magic = PYMM_IOC_MAGIC + (unsigned int)below(3) - 1;
	unsigned int nr = (unsigned int)(below(4) ? below(8) : below(256));
	unsigned int size = (unsigned int)(below(2) ? sizeof(struct pymm_op) : below(1 << 14));
	void *arg;
	int rc;

	switch (below(4)) {
	case 0:
		cmd = _IOC(_IOC_READ | _IOC_WRITE, magic, nr, size);
		break;
	case 1:
		cmd = _IOC((unsigned int)below(4), magic, nr, size);
		break;
	case 2:
		cmd = (unsigned long)rnd();
		break;
	default:
		cmd = below(2) ? PYMM_IOC_VERSION : PYMM_IOC_OP;
	}
	fill_random(buf, 256);
	arg = below(4) ? (void *)buf : (void *)(uintptr_t)(below(2) ? 0 : 0xffff888000000000ull);
	cur_set(arg == buf ? buf : NULL, arg == buf ? 256 : 0, "ioctl cmd %#lx arg %p", cmd, arg);
	rc = TIMED(ioctl(fd, cmd, arg));
	__atomic_add_fetch(&sh->ioctls, 1, __ATOMIC_RELAXED);
	if (rc)
		count(sh->ioctl_err, errno);
}

/* ------------------------------------------------------------ netlink */

static int nl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct timeval tv = { .tv_sec = 2 };
	int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);

	if (s < 0)
		return -1;
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa))) {
		close(s);
		return -1;
	}
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return s;
}

static struct nlmsghdr *msg_start(void *m, uint16_t type, uint16_t flags, uint8_t cmd,
				  uint8_t version)
{
	struct nlmsghdr *nlh = m;
	struct genlmsghdr *gh = NLMSG_DATA(nlh);

	memset(nlh, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	nlh->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++nl_seq;
	gh->cmd = cmd;
	gh->version = version;
	return nlh;
}

/* Appends an attribute if it fits in cap bytes. */
static struct nlattr *put_attr(struct nlmsghdr *nlh, size_t cap, uint16_t type,
			       const void *data, uint16_t len)
{
	struct nlattr *a = (struct nlattr *)((char *)nlh + NLMSG_ALIGN(nlh->nlmsg_len));

	if (NLMSG_ALIGN(nlh->nlmsg_len) + NLA_HDRLEN + NLA_ALIGN(len) > cap)
		return NULL;
	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	nlh->nlmsg_len = (uint32_t)(NLMSG_ALIGN(nlh->nlmsg_len) + NLA_ALIGN(a->nla_len));
	return a;
}

/* Reads every reply waiting (a genl doit replies before send() returns). */
static void nl_drain(bool wait)
{
	static char rx[1 << 17];
	int flags = wait ? 0 : MSG_DONTWAIT;

	for (;;) {
		ssize_t len = recv(nl, rx, sizeof(rx), flags);
		struct nlmsghdr *m;
		int rem;

		if (len <= 0)
			return;
		rem = (int)len;
		for (m = (struct nlmsghdr *)rx; NLMSG_OK(m, rem); m = NLMSG_NEXT(m, rem)) {
			if (m->nlmsg_type == NLMSG_ERROR &&
			    m->nlmsg_len >= NLMSG_LENGTH(sizeof(struct nlmsgerr))) {
				const struct nlmsgerr *e = NLMSG_DATA(m);

				count(sh->nl_err, e->error);
			}
		}
		flags = MSG_DONTWAIT;
	}
}

static void nl_send(struct nlmsghdr *nlh)
{
	const struct genlmsghdr *gh = NLMSG_DATA(nlh);

	cur_set(nlh, nlh->nlmsg_len, "netlink type %u flags %#x cmd %u version %u len %u",
		nlh->nlmsg_type, nlh->nlmsg_flags, gh->cmd, gh->version, nlh->nlmsg_len);
	if (TIMED(send(nl, nlh, nlh->nlmsg_len, 0)) >= 0)
		__atomic_add_fetch(&sh->nl_msgs, 1, __ATOMIC_RELAXED);
	else
		count(sh->nl_err, errno);
	nl_drain(false);
}

static int resolve_family(void)
{
	static char m[256], rx[8192];
	struct nlmsghdr *nlh = msg_start(m, GENL_ID_CTRL, 0, CTRL_CMD_GETFAMILY, 1);
	ssize_t len;

	put_attr(nlh, sizeof(m), CTRL_ATTR_FAMILY_NAME, PYMM_GENL_NAME,
		 sizeof(PYMM_GENL_NAME));
	if (send(nl, nlh, nlh->nlmsg_len, 0) < 0)
		return -1;
	len = recv(nl, rx, sizeof(rx), 0);
	if (len < (ssize_t)NLMSG_HDRLEN)
		return -1;
	nlh = (struct nlmsghdr *)rx;
	if (nlh->nlmsg_type == NLMSG_ERROR)
		return -1;
	{
		struct nlattr *a = (struct nlattr *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
		int rem = (int)nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;

		while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem) {
			if ((a->nla_type & NLA_TYPE_MASK) == CTRL_ATTR_FAMILY_ID)
				return *(uint16_t *)((char *)a + NLA_HDRLEN);
			rem -= NLA_ALIGN(a->nla_len);
			a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
		}
	}
	return -1;
}

/* A well-formed PYMM_CMD_OP, then maybe bit flips over its bytes. */
static void do_nl_op(bool mutate)
{
	static uint64_t m[(PYMM_GENL_DATA_MAX + 4096) / 8];
	struct nlmsghdr *nlh = msg_start(m, (uint16_t)family, 0, PYMM_CMD_OP,
					 PYMM_GENL_VERSION);
	uint32_t code = some_code(), len = (uint32_t)below(2048), cap = (uint32_t)below(8192);
	uint64_t v;

	put_attr(nlh, sizeof(m), PYMM_A_OP_CODE, &code, 4);
	for (uint16_t t = PYMM_A_OP_ARG0; t <= PYMM_A_OP_ARG3; t++) {
		if (below(2)) {
			v = some_arg();
			put_attr(nlh, sizeof(m), t, &v, 8);
		}
	}
	if (below(2)) {
		fill_random(buf, len);
		if (below(2))
			memcpy(buf, "fuzz", 5);
		put_attr(nlh, sizeof(m), PYMM_A_OP_DATA, buf, (uint16_t)len);
	}
	if (below(2))
		put_attr(nlh, sizeof(m), PYMM_A_OP_DATA_CAP, &cap, 4);
	if (mutate) {
		uint8_t *b = (uint8_t *)m;
		unsigned int flips = 1 + (unsigned int)below(8);
		uint32_t total = nlh->nlmsg_len;	/* a flip may change it */

		while (flips--) {
			/* keep the netlink header intact most of the time */
			uint32_t lo = below(8) ? NLMSG_HDRLEN : 0;
			uint32_t at = lo + (uint32_t)below(total - lo);

			b[at] ^= (uint8_t)(1u << below(8));
		}
		if (nlh->nlmsg_len > sizeof(m) || nlh->nlmsg_len < NLMSG_HDRLEN)
			nlh->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	}
	nl_send(nlh);
}

/* Any command, version, flags, and attributes of any shape. */
static void do_nl_random(void)
{
	static uint64_t m[8192 / 8];
	uint16_t flags = (uint16_t)(below(4) ? 0 : (below(2) ? NLM_F_DUMP : rnd()));
	struct nlmsghdr *nlh = msg_start(m, (uint16_t)(below(16) ? (uint64_t)family : rnd()),
					 flags & ~NLM_F_REQUEST, (uint8_t)below(16),
					 (uint8_t)(below(8) ? PYMM_GENL_VERSION : rnd()));
	unsigned int nattrs = (unsigned int)below(8);

	while (nattrs--) {
		uint16_t type = (uint16_t)(below(8) ? below(24) : rnd());
		uint16_t len = (uint16_t)(below(4) ? (1u << below(4)) : below(300));
		struct nlattr *a;

		if (!below(6)) {	/* a heap name */
			const char *n = below(2) ? heap : "default";

			put_attr(nlh, sizeof(m), PYMM_A_HEAP_NAME, n, (uint16_t)(strlen(n) + 1));
			continue;
		}
		fill_random(buf, len);
		if (!below(5))		/* a nest holding an attribute */
			type |= NLA_F_NESTED;
		a = put_attr(nlh, sizeof(m), type, buf, len);
		if (a && !below(10))	/* a lying nla_len */
			a->nla_len = (uint16_t)rnd();
	}
	if (!below(20))
		nlh->nlmsg_len = (uint32_t)(NLMSG_HDRLEN + below(nlh->nlmsg_len));
	nl_send(nlh);
}

/* ------------------------------------------------------------- worker */

static int attach_own(void)
{
	int err = dev_name_op(fd, PYMM_OP_HEAP_ATTACH, heap, 0);

	if (err == -ENOENT) {
		dev_name_op(fd, PYMM_OP_HEAP_CREATE, heap, 0);
		err = dev_name_op(fd, PYMM_OP_HEAP_ATTACH, heap, 0);
	}
	nhandles = 0;		/* attach dropped them */
	return err;
}

static void verify_own(bool final)
{
	int err;

	if (attach_own())
		return;		/* quota, fault: nothing to verify now */
	err = dev_verify(fd);
	__atomic_add_fetch(&sh->verifies, 1, __ATOMIC_RELAXED);
	if (err == -EUCLEAN || (final && err)) {
		__atomic_add_fetch(&sh->verify_fail, 1, __ATOMIC_RELAXED);
		fprintf(stderr, "vmfuzz: pid %d: HEAP_VERIFY %s: %d\n", getpid(), heap, err);
	} else if (err) {
		__atomic_add_fetch(&sh->verify_nomem, 1, __ATOMIC_RELAXED);
	}
}

/* ------------------------------------------------------ starvation */

/*
 * The longest a probe waited while [t0, t1] ran: the overlap of the two
 * (a probe still waiting counts to t1), so an op is charged only with the
 * part of a wait it could have caused.
 */
static double probe_wait_during(double t0, double t1)
{
	uint64_t seq = __atomic_load_n(&sh->probe_seq, __ATOMIC_ACQUIRE), i;
	double w = 0, s = sh->probe_inflight;

	for (i = seq; i > 0 && seq - i < PROBE_RING; i--) {
		const struct probe_rec *r = &sh->probe_ring[(i - 1) % PROBE_RING];
		double end = r->end < t1 ? r->end : t1;
		double start = r->start > t0 ? r->start : t0;

		if (r->end < t0)
			break;		/* the ring is ordered by end */
		if (end - start > w)
			w = end - start;
	}
	if (s > 0 && s <= t1 && t1 - (s > t0 ? s : t0) > w)
		w = t1 - (s > t0 ? s : t0);
	return w;
}

/* Keeps cur in tab (sorted, worst first) if it ranks by key. */
static void keep_worst(struct input *tab, double (*key)(const struct input *))
{
	int i = NWORST - 1;

	if (key(&cur) <= key(&tab[i]))
		return;
	while (i > 0 && key(&cur) > key(&tab[i - 1])) {
		tab[i] = tab[i - 1];
		i--;
	}
	tab[i] = cur;
}

static double by_wait(const struct input *in) { return in->wait_s; }
static double by_time(const struct input *in) { return in->op_s; }

/* After each input: its time, the probes' wait meanwhile, the rankings. */
static void account_input(void)
{
	if (!op_t0 || !op_t1)
		return;
	cur.op_s = op_t1 - op_t0;
	cur.wait_s = probe_wait_during(op_t0, op_t1);
	cur.worker = worker_idx;
	keep_worst(sh->worst_wait[worker_idx], by_wait);
	keep_worst(sh->worst_time[worker_idx], by_time);
	op_t0 = op_t1 = 0;
}

/* One probe of a kind: 0 done, or -errno (counted; only its time is judged). */
static int probe_once(int kind, int pfd, int file)
{
	static char rbuf[1 << 16];
	char path[64];
	uint64_t h = 0;
	int f, err = 0;

	switch (kind) {
	case PROBE_OPEN:
		f = dev_open();
		if (f < 0)
			return -errno;
		close(f);
		return 0;
	case PROBE_PROC:
		snprintf(path, sizeof(path), "/proc/pymm/%s", probe_files[file]);
		f = open(path, O_RDONLY | O_CLOEXEC);
		if (f < 0)
			return -errno;
		while ((err = (int)read(f, rbuf, sizeof(rbuf))) > 0)
			;
		err = err < 0 ? -errno : 0;
		close(f);
		return err;
	default:
		err = dev_op(pfd, PYMM_OP_NEW_INT, 0, 12345, 0, 0, NULL, 0, &h);
		if (!err)
			err = dev_op(pfd, PYMM_OP_CLOSE, 0, h, 0, 0, NULL, 0, NULL);
		return err;
	}
}

/*
 * The second user: probes in turn until the deadline, 2 ms apart, each
 * timed and published for the workers; the slowest of each kind and the
 * count over the bound for the report.
 */
static int prober(double deadline, double bound_s)
{
	int pfd, file = 0;
	uint64_t n = 0;

	if (dev_become(PROBE_UID))
		return 1;
	pfd = dev_open();
	if (pfd < 0) {
		perror("vmfuzz: probe: /dev/pymm");
		return 1;
	}
	/* its heap; under -f the injected faults may refuse it for a while */
	for (int i = 0; i < 100; i++) {
		dev_name_op(pfd, PYMM_OP_HEAP_CREATE, "fzprobe", 0);
		if (!dev_name_op(pfd, PYMM_OP_HEAP_ATTACH, "fzprobe", 0))
			break;
		usleep(10000);
	}
	while (now() < deadline) {
		int kind = (int)(n++ % PROBE_KINDS), err;
		struct probe_rec r = { .kind = kind, .file = file };
		uint64_t seq;

		r.start = now();
		sh->probe_inflight = r.start;
		err = probe_once(kind, pfd, file);
		r.end = now();
		seq = sh->probe_seq;
		sh->probe_ring[seq % PROBE_RING] = r;
		__atomic_store_n(&sh->probe_seq, seq + 1, __ATOMIC_RELEASE);
		sh->probe_inflight = 0;
		sh->probes[kind]++;
		if (err)
			sh->probe_errs[kind]++;
		if (r.end - r.start > sh->probe_max[kind]) {
			sh->probe_max[kind] = r.end - r.start;
			if (kind == PROBE_PROC)
				sh->probe_max_file = file;
		}
		if (r.end - r.start > bound_s) {
			sh->probe_over++;
			fprintf(stderr, "vmfuzz: FAIL: a %s%s%s probe (uid %d) waited %.1f ms, over the %.0f ms bound\n",
				probe_name[kind], kind == PROBE_PROC ? " of " : "",
				kind == PROBE_PROC ? probe_files[file] : "", PROBE_UID,
				(r.end - r.start) * 1e3, bound_s * 1e3);
		}
		if (kind == PROBE_PROC)
			file = (file + 1) % (int)(sizeof(probe_files) / sizeof(probe_files[0]));
		usleep(2000);
	}
	dev_op(pfd, PYMM_OP_HEAP_ATTACH, 0, 0, 0, 0, NULL, 0, NULL);	/* detach */
	dev_name_op(pfd, PYMM_OP_HEAP_DESTROY, "fzprobe", 0);
	close(pfd);
	sh->probe_done = 1;
	return 0;
}

static int worker(int idx, uint64_t seed, double deadline, uint64_t max_ops)
{
	uint64_t ops;

	rng = seed * 0x9e3779b97f4a7c15ull + (uint64_t)idx + 1;
	worker_idx = idx;
	if (idx & 1) {
		if (setgid(65534) || setuid(65534)) {
			perror("vmfuzz: setuid");
			return 1;
		}
	}
	buf = malloc(BUFSZ);
	fd = dev_open();
	nl = nl_open();
	if (!buf || fd < 0) {
		perror("vmfuzz: /dev/pymm");
		return 1;
	}
	if (nl >= 0)
		family = resolve_family();
	if (family < 0)
		fprintf(stderr, "vmfuzz: worker %d: no netlink family, ioctls only\n", idx);
	snprintf(heap, sizeof(heap), "fz%d", idx);
	attach_own();

	for (ops = 0; ops < max_ops; ops++) {
		unsigned int k = (unsigned int)below(100);

		if (!(ops & 63) && now() > deadline)
			break;
		if (k < 15)
			do_seed_op();
		else if (k < 45)
			do_op();
		else if (k < 55)
			do_batch();
		else if (k < 62)
			do_raw_ioctl();
		else if (family < 0)
			do_op();
		else if (k < 82)
			do_nl_op(k >= 72);
		else
			do_nl_random();
		account_input();
		if (ops % 1000 == 999)
			verify_own(false);
	}
	/* the final verify, once the parent has switched faults off */
	for (int i = 0; i < 500 && !sh->faults_off; i++)
		usleep(10000);
	verify_own(true);
	dev_op(fd, PYMM_OP_HEAP_ATTACH, 0, 0, 0, 0, NULL, 0, NULL);	/* detach */
	close(fd);
	fd = dev_open();
	dev_name_op(fd, PYMM_OP_HEAP_DESTROY, heap, 0);
	close(fd);
	if (nl >= 0) {
		nl_drain(false);
		close(nl);
	}
	return 0;
}

static int set_fail(unsigned int pct)
{
	FILE *f = fopen(FAIL_PARAM, "w");

	if (!f)
		return -1;
	fprintf(f, "%u\n", pct);
	return fclose(f);
}

static void print_input(int rank, const struct input *in)
{
	uint32_t i;

	printf("  %d. probe wait %.1f ms, op %.1f ms, worker %d (uid %d): %s\n     head:", rank,
	       in->wait_s * 1e3, in->op_s * 1e3, in->worker, in->worker & 1 ? PROBE_UID : 0,
	       in->desc);
	for (i = 0; i < in->len && i < 48; i++)
		printf(" %02x", in->bytes[i]);
	printf("%s\n", in->len > 48 ? " ..." : "");
}

/* Writes an input whole (as kept) to DIR/NAME-RANK.bin, its text beside. */
static void save_input(const char *dir, const char *name, int rank, const struct input *in)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s-%d.bin", dir, name, rank);
	f = fopen(path, "w");
	if (!f)
		return;
	fwrite(in->bytes, 1, in->len, f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/%s-%d.txt", dir, name, rank);
	f = fopen(path, "w");
	if (!f)
		return;
	fprintf(f, "probe wait %.3f ms, op %.3f ms, worker %d: %s\n", in->wait_s * 1e3,
		in->op_s * 1e3, in->worker, in->desc);
	fclose(f);
}

/* The NWORST worst inputs over all workers, by key, printed (and saved). */
static void report_worst(unsigned int procs, const char *title, const char *name,
			 struct input (*tab)[NWORST], double (*key)(const struct input *),
			 const char *dir)
{
	int taken[MAXPROCS] = { 0 };

	printf("vmfuzz: worst inputs by %s:\n", title);
	for (int rank = 1; rank <= NWORST; rank++) {
		int best = -1;

		for (unsigned int w = 0; w < procs; w++)
			if (taken[w] < NWORST && tab[w][taken[w]].desc[0] &&
			    (best < 0 || key(&tab[w][taken[w]]) > key(&tab[best][taken[best]])))
				best = (int)w;
		if (best < 0)
			break;
		print_input(rank, &tab[best][taken[best]]);
		if (dir)
			save_input(dir, name, rank, &tab[best][taken[best]]);
		taken[best]++;
	}
}

static void report_probes(double bound_s)
{
	uint64_t total = 0;

	for (int k = 0; k < PROBE_KINDS; k++)
		total += sh->probes[k];
	printf("vmfuzz: probes (uid %d, every 2 ms): %llu;", PROBE_UID, (unsigned long long)total);
	for (int k = 0; k < PROBE_KINDS; k++)
		printf(" %s %llu (%llu errors) max %.1f ms%s%s%s", probe_name[k],
		       (unsigned long long)sh->probes[k], (unsigned long long)sh->probe_errs[k],
		       sh->probe_max[k] * 1e3, k == PROBE_PROC ? " (" : "",
		       k == PROBE_PROC ? probe_files[sh->probe_max_file] : "",
		       k == PROBE_PROC ? ")" : "");
	printf("; %llu over the %.0f ms bound\n", (unsigned long long)sh->probe_over, bound_s * 1e3);
}

static void print_errs(const char *what, const uint64_t *tab)
{
	printf("%s errors by errno:", what);
	for (int e = 1; e < NERRNO; e++)
		if (tab[e])
			printf(" %s=%llu", strerrorname_np(e) ? strerrorname_np(e) : "?",
			       (unsigned long long)tab[e]);
	printf("\n");
}

int main(int argc, char **argv)
{
	unsigned int seconds = 20, procs = 4, fail_pct = 0, bound_ms = 0;
	const char *dir = NULL;
	pid_t probe = 0;
	uint64_t max_ops = 2000000, seed = (uint64_t)time(NULL);
	int opt, died = 0;
	double t0, deadline;
	pid_t *pids;

	while ((opt = getopt(argc, argv, "s:n:p:S:f:B:o:")) != -1) {
		switch (opt) {
		case 's':
			seconds = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'n':
			max_ops = strtoull(optarg, NULL, 0);
			break;
		case 'p':
			procs = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'S':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'f':
			fail_pct = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'B':
			bound_ms = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'o':
			dir = optarg;
			break;
		default:
			fprintf(stderr,
				"usage: vmfuzz [-s SECONDS] [-n OPS] [-p PROCS] [-S SEED] [-f PERCENT] [-B PROBE_BOUND_MS [-o DIR]]\n");
			return 2;
		}
	}
	if (procs < 1 || procs > MAXPROCS)
		procs = 4;
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pids = calloc(procs, sizeof(*pids));
	if (sh == MAP_FAILED || !pids)
		return 1;
	printf("vmfuzz: seed %llu, %u s, %u processes (odd ones uid 65534), fail_probability %u%%\n",
	       (unsigned long long)seed, seconds, procs, fail_pct);
	fflush(stdout);
	if (fail_pct && set_fail(fail_pct)) {
		perror("vmfuzz: " FAIL_PARAM);
		return 1;
	}
	t0 = now();
	deadline = t0 + seconds;
	if (bound_ms) {
		probe = fork();
		if (probe == 0)
			_exit(prober(deadline, bound_ms / 1e3));
	}
	for (unsigned int i = 0; i < procs; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(worker((int)i, seed, deadline, max_ops));
	}
	while (now() < deadline)
		usleep(50000);
	/* workers stop at the deadline; let them verify with faults off */
	if (fail_pct)
		set_fail(0);
	sh->faults_off = 1;
	for (unsigned int i = 0; i < procs; i++) {
		int st = 0;

		if (pids[i] <= 0 || waitpid(pids[i], &st, 0) < 0 || !WIFEXITED(st) ||
		    WEXITSTATUS(st)) {
			fprintf(stderr, "vmfuzz: worker %u died or failed (status %#x)\n", i,
				pids[i] > 0 ? (unsigned int)st : 0u);
			died++;
		}
	}
	printf("vmfuzz: %.1f s: %llu ioctls, %llu netlink messages, %llu verifies (%llu failed, %llu refused under injection), %llu contract breaks, %d workers failed\n",
	       now() - t0, (unsigned long long)sh->ioctls, (unsigned long long)sh->nl_msgs,
	       (unsigned long long)sh->verifies, (unsigned long long)sh->verify_fail,
	       (unsigned long long)sh->verify_nomem, (unsigned long long)sh->contract, died);
	print_errs("ioctl", sh->ioctl_err);
	print_errs("netlink", sh->nl_err);
	if (bound_ms) {
		int st = 0;

		if (waitpid(probe, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) ||
		    !sh->probe_done) {
			fprintf(stderr, "vmfuzz: the probe died or failed (status %#x)\n",
				(unsigned int)st);
			died++;
		}
		if (dir)
			mkdir(dir, 0755);
		report_probes(bound_ms / 1e3);
		report_worst(procs, "the probe's wait meanwhile", "wait", sh->worst_wait, by_wait,
			     dir);
		report_worst(procs, "their own time", "time", sh->worst_time, by_time, dir);
	}
	return sh->verify_fail || sh->contract || died || sh->probe_over ? 1 : 0;
}
