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
 * Usage: vmfuzz [-s SECONDS] [-n OPS] [-p PROCS] [-S SEED] [-f PERCENT]
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
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

struct shared {
	uint64_t ioctls, nl_msgs, verifies, verify_fail, verify_nomem, contract;
	uint64_t ioctl_err[NERRNO];	/* by errno: ioctl() failures and op->error */
	uint64_t nl_err[NERRNO];	/* by errno: NLMSG_ERROR replies */
	volatile int faults_off;	/* parent: fail_probability is 0 again */
};

static struct shared *sh;
static uint64_t rng;
static uint64_t handles[NHANDLES];
static unsigned int nhandles;
static uint8_t *buf;		/* data buffer, BUFSZ bytes */
static char heap[PYMM_HEAP_NAME_MAX];
static int fd = -1, nl = -1, family = -1;
static uint32_t nl_seq;

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
	rc = ioctl(fd, PYMM_IOC_OP, &op);
	__atomic_add_fetch(&sh->ioctls, 1, __ATOMIC_RELAXED);
	op_result(&op, rc);
}

/* Valid ops that make handles, so that later ops meet real objects. */
static void do_seed_op(void)
{
	uint64_t h = 0;
	int err;

	switch (below(8)) {
	case 0:
		err = dev_op(fd, PYMM_OP_NEW_INT, 0, rnd(), 0, 0, NULL, 0, &h);
		break;
	case 6:
	case 7: {
		/* large blocks: one host allocation each, where faults land */
		uint32_t n = 513 + (uint32_t)below(BUFSZ - 513);

		fill_random(buf, 64);
		err = dev_op(fd, below(2) ? PYMM_OP_NEW_BYTES : PYMM_OP_NEW_LIST, 0, 0, 0, 0,
			     buf, n & ~7u, &h);
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
	rc = ioctl(fd, PYMM_IOC_BATCH, &b);
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
	rc = ioctl(fd, cmd, arg);
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
	if (send(nl, nlh, nlh->nlmsg_len, 0) >= 0)
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

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int worker(int idx, uint64_t seed, double deadline, uint64_t max_ops)
{
	uint64_t ops;

	rng = seed * 0x9e3779b97f4a7c15ull + (uint64_t)idx + 1;
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
	unsigned int seconds = 20, procs = 4, fail_pct = 0;
	uint64_t max_ops = 2000000, seed = (uint64_t)time(NULL);
	int opt, died = 0;
	double t0, deadline;
	pid_t *pids;

	while ((opt = getopt(argc, argv, "s:n:p:S:f:")) != -1) {
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
		default:
			fprintf(stderr,
				"usage: vmfuzz [-s SECONDS] [-n OPS] [-p PROCS] [-S SEED] [-f PERCENT]\n");
			return 2;
		}
	}
	if (procs < 1 || procs > 64)
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
	return sh->verify_fail || sh->contract || died ? 1 : 0;
}
