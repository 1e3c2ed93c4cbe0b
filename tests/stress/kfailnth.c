// SPDX-License-Identifier: GPL-2.0
/*
 * kfailnth.c - the kernel's own fault injection, per task, against every
 * allocation the kernel host makes (issue #16 item 4).  Run as root in the
 * VM on a kernel with FAULT_INJECTION, FAILSLAB and FAIL_PAGE_ALLOC (the
 * debug kernel; tests/vm/checks/kfailnth.sh).
 *
 * The module's own fail_nth (faultinj_vm.c) fails the core's host gate.
 * This walk fails what it cannot reach: the slab and page allocations of
 * the host (sessions, device buffers, batch arrays, netlink skbs and
 * sessions, /proc snapshots, vmalloc'd arenas) and of the syscalls around
 * them.  /proc/thread-self/fail-nth = N fails the Nth fault-injection
 * point this thread reaches (failslab and fail_page_alloc, with their
 * ignore-gfp-wait off so that GFP_KERNEL allocations count).
 *
 * A fixed scenario is cut into steps (open, heap create, attach, the
 * core scenario of faultinj_scenario.h, a batch, every /proc/pymm file,
 * netlink: socket, family, an op, a heap dump; close).  For each step S
 * and N = 1, 2, ... the whole scenario runs with fail-nth = N armed around
 * step S only, until N passes the last point S reaches.  Every run must
 * end with each call a success or a clean -errno (an op's error within
 * -4095..0), our process alive, and, faults off, the heap (if made)
 * verifying and working; at the end the module's bytes and arenas are
 * back where they started.  Leaks are the harness's (kmemleak after rmmod,
 * "pymm: leak").
 *
 * Memory of our own is locked first (mlockall) so that no page fault of
 * ours meets an armed point.
 *
 *   kfailnth [-m MAX_N_PER_STEP] [-s STEP -n N (one run)] [-c] [-v]
 *
 * A step with more points than -m is a problem (the walk would be
 * incomplete), unless -c: then the first MAX points are a sample and the
 * walk goes on (tests/vm/coverage.sh, where time is short).
 *
 * Exit 0 pass, 1 fail, 4 skip (no fail-nth or failslab).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/socket.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "pymm_dev.h"

typedef uint32_t u32;
typedef uint64_t u64;
typedef uint16_t u16;
typedef uint8_t u8;

#define NH		64
#define HEAP		"fi"
#define DBG		"/sys/kernel/debug"

struct run {
	int fd;
	u64 h[NH];
	unsigned int ops, failed;
	bool bad;
};

static char out[1 << 16];
static int nth_fd = -1;
static bool verbose;

static int exec(struct run *r, u32 code, u32 flags, u64 a0, u64 a1, u64 a2,
		const void *d, u32 len, u64 *ret)
{
	struct pymm_op op = {
		.code = code, .flags = flags, .arg = { a0, a1, a2 },
		.data = (uintptr_t)(d ? d : (len ? out : NULL)), .data_len = len,
	};
	int err;

	r->ops++;
	if (ioctl(r->fd, PYMM_IOC_OP, &op)) {
		err = -errno;	/* the transport failed: clean if an errno */
	} else {
		err = op.error;
		if (err > 0 || err < -4095 || op.exc >= PYMM_EXC_MAX) {
			fprintf(stderr, "op %u: bad result %d exc %u\n", code, err, op.exc);
			r->bad = true;
		}
	}
	if (err)
		r->failed++;
	if (ret)
		*ret = err ? 0 : op.ret[0];
	return err;
}

#define X(code, ...)	exec(r, PYMM_OP_##code, __VA_ARGS__)
#include "faultinj_scenario.h"

/* ----------------------------------------------------------- fail-nth */

static void nth_set(unsigned int n)
{
	char b[16];
	int len = snprintf(b, sizeof(b), "%u", n);

	if (pwrite(nth_fd, b, (size_t)len, 0) != len) {
		perror("fail-nth");
		exit(1);
	}
}

/* Reads fail-nth back: 0 once the armed failure fired; then disarms. */
static bool nth_fired(void)
{
	char b[16] = "";
	ssize_t len = pread(nth_fd, b, sizeof(b) - 1, 0);

	nth_set(0);
	return len > 0 && atoi(b) == 0;
}

static int knob(const char *path, const char *val)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(val, f);
	return fclose(f);
}

/* -------------------------------------------------------------- steps */

static int nl_family(int s)
{
	static char m[256], rx[8192];
	struct nlmsghdr *nlh = (struct nlmsghdr *)m;
	struct genlmsghdr *gh = NLMSG_DATA(nlh);
	struct nlattr *a = (struct nlattr *)((char *)gh + GENL_HDRLEN);
	ssize_t len;
	int rem;

	memset(m, 0, sizeof(m));
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	gh->cmd = CTRL_CMD_GETFAMILY;
	gh->version = 1;
	a->nla_type = CTRL_ATTR_FAMILY_NAME;
	a->nla_len = NLA_HDRLEN + sizeof(PYMM_GENL_NAME);
	memcpy((char *)a + NLA_HDRLEN, PYMM_GENL_NAME, sizeof(PYMM_GENL_NAME));
	nlh->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + NLA_ALIGN(a->nla_len);
	if (send(s, nlh, nlh->nlmsg_len, 0) < 0)
		return -errno;
	len = recv(s, rx, sizeof(rx), 0);
	if (len < (ssize_t)NLMSG_HDRLEN)
		return len < 0 ? -errno : -EPROTO;
	nlh = (struct nlmsghdr *)rx;
	if (nlh->nlmsg_type == NLMSG_ERROR)
		return ((struct nlmsgerr *)NLMSG_DATA(nlh))->error;
	a = (struct nlattr *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	rem = (int)nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem) {
		if ((a->nla_type & NLA_TYPE_MASK) == CTRL_ATTR_FAMILY_ID)
			return *(uint16_t *)((char *)a + NLA_HDRLEN);
		rem -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
	}
	return -ENOENT;
}

/* One genl request and every reply to it (a dump: until NLMSG_DONE). */
static int nl_request(int s, int family, u8 cmd, u16 flags, u32 code)
{
	static char m[256], rx[1 << 16];
	struct nlmsghdr *nlh = (struct nlmsghdr *)m;
	struct genlmsghdr *gh = NLMSG_DATA(nlh);
	struct nlattr *a = (struct nlattr *)((char *)gh + GENL_HDRLEN);
	int err = 0;

	memset(m, 0, sizeof(m));
	nlh->nlmsg_type = (u16)family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	gh->cmd = cmd;
	gh->version = PYMM_GENL_VERSION;
	nlh->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	if (code) {
		a->nla_type = PYMM_A_OP_CODE;
		a->nla_len = NLA_HDRLEN + 4;
		memcpy((char *)a + NLA_HDRLEN, &code, 4);
		nlh->nlmsg_len += NLA_ALIGN(a->nla_len);
	}
	if (send(s, nlh, nlh->nlmsg_len, 0) < 0)
		return -errno;
	for (;;) {
		ssize_t len = recv(s, rx, sizeof(rx), 0);
		struct nlmsghdr *r;
		int rem = (int)len;

		if (len <= 0)
			return len < 0 ? -errno : -EPROTO;
		for (r = (struct nlmsghdr *)rx; NLMSG_OK(r, rem); r = NLMSG_NEXT(r, rem)) {
			if (r->nlmsg_type == NLMSG_DONE)
				return err;
			if (r->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(r))->error;
		}
	}
}

static int step_netlink(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct timeval tv = { .tv_sec = 5 };
	int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	int fam, err;

	if (s < 0)
		return -errno;
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa))) {
		err = -errno;
		close(s);
		return err;
	}
	fam = nl_family(s);
	if (fam < 0) {
		close(s);
		return fam;
	}
	err = nl_request(s, fam, PYMM_CMD_OP, 0, PYMM_OP_HEAP_STATS);
	if (!err || err == -ENOMEM)
		err = nl_request(s, fam, PYMM_CMD_HEAP_GET, NLM_F_DUMP, 0);
	close(s);
	return err;
}

static int step_proc(void)
{
	static const char *const files[] = {
		"summary", "heaps", "mallocstats", "arenas", "gc", "objects", "areas",
	};
	char path[64];
	int err = 0;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		int f;
		ssize_t n;

		snprintf(path, sizeof(path), "/proc/pymm/%s", files[i]);
		f = open(path, O_RDONLY | O_CLOEXEC);
		if (f < 0) {
			err = -errno;
			continue;
		}
		while ((n = read(f, out, sizeof(out))) > 0)
			;
		if (n < 0)
			err = -errno;
		close(f);
	}
	return err;
}

static int step_batch(struct run *r)
{
	static struct pymm_op ops[64];
	struct pymm_batch b = { .ops = (uintptr_t)ops, .count = 64, .op_size = sizeof(ops[0]) };

	for (int i = 0; i < 64; i++) {
		memset(&ops[i], 0, sizeof(ops[i]));
		ops[i].code = i & 1 ? PYMM_OP_NEW_INT : PYMM_OP_NEW_LIST;
		ops[i].arg[0] = (u64)i;
	}
	if (ioctl(r->fd, PYMM_IOC_BATCH, &b))
		return -errno;
	for (u32 i = 0; i < b.done && i < 64; i++)
		if (ops[i].error > 0 || ops[i].error < -4095) {
			fprintf(stderr, "batch op %u: bad result %d\n", i, ops[i].error);
			r->bad = true;
		}
	return 0;
}

enum { S_OPEN, S_CREATE, S_ATTACH, S_SCENARIO, S_BATCH, S_PROC, S_NETLINK, S_CLOSE, NSTEPS };
static const char *const step_name[NSTEPS] = {
	"open", "heap create", "attach", "core scenario", "batch", "/proc/pymm", "netlink", "close",
};

static int step(struct run *r, int s)
{
	switch (s) {
	case S_OPEN:
		r->fd = dev_open();
		return r->fd < 0 ? -errno : 0;
	case S_CREATE:
		return X(HEAP_CREATE, 0, 0, 0, 0, HEAP, sizeof(HEAP), NULL);
	case S_ATTACH:
		return X(HEAP_ATTACH, 0, 0, 0, 0, HEAP, sizeof(HEAP), NULL);
	case S_SCENARIO:
		scenario(r);
		return 0;
	case S_BATCH:
		return step_batch(r);
	case S_PROC:
		return step_proc();
	case S_NETLINK:
		return step_netlink();
	default:
		if (r->fd >= 0)
			close(r->fd);
		r->fd = -1;
		return 0;
	}
}

static int problems;

#define EXPECT(cond, ...) do { if (!(cond)) { problems++; \
	fprintf(stderr, "  step %s n=%u: ", step_name[armed], n); \
	fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

/* One run with fail-nth = n around step `armed`: did the failure fire? */
static bool run_one(int armed, unsigned int n, unsigned int *absorbed)
{
	struct run run0, *r = &run0;
	bool fired = false;
	int err = 0, s;
	u64 h;

	memset(r, 0, sizeof(*r));
	r->fd = -1;
	for (s = 0; s < NSTEPS; s++) {
		if (s == armed)
			nth_set(n);
		err = step(r, s);
		if (s == armed) {
			fired = nth_fired();
			if (fired && !err && !r->failed)
				(*absorbed)++;
			if (verbose)
				printf("  %s n=%u: %s, %d\n", step_name[s], n,
				       fired ? "fired" : "not reached", err);
		}
		if (s == S_OPEN && r->fd < 0)
			s = S_CLOSE - 1;	/* nothing to do without a device */
	}
	EXPECT(!r->bad, "an op broke the error contract");

	/* faults off: the heap, if made, verifies and works */
	memset(r, 0, sizeof(*r));
	r->fd = dev_open();
	EXPECT(r->fd >= 0, "open after the run: %s", strerror(errno));
	if (r->fd < 0)
		return fired;
	err = X(HEAP_ATTACH, 0, 0, 0, 0, HEAP, sizeof(HEAP), NULL);
	if (!err) {
		EXPECT(!(err = X(HEAP_VERIFY, 0, 0, 0, 0, NULL, 0, NULL)), "HEAP_VERIFY: %d", err);
		EXPECT(!(err = X(NEW_STR, 0, 0, 0, 0, "after", 5, &h)), "new object after: %d", err);
		EXPECT(!(err = X(GC_COLLECT, 0, 2, 0, 0, NULL, 0, NULL)), "collect after: %d", err);
		EXPECT(!(err = X(HEAP_VERIFY, 0, 0, 0, 0, NULL, 0, NULL)), "HEAP_VERIFY 2: %d", err);
	} else {
		EXPECT(err == -ENOENT, "attach after the run: %d", err);
	}
	X(HEAP_ATTACH, 0, 0, 0, 0, PYMM_DEFAULT_HEAP, sizeof(PYMM_DEFAULT_HEAP), NULL);
	X(HEAP_DESTROY, 0, 0, 0, 0, HEAP, sizeof(HEAP), NULL);
	X(HEAP_DESTROY, 0, 0, 0, 0, "fi2", 4, NULL);
	close(r->fd);
	return fired;
}

int main(int argc, char **argv)
{
	unsigned int max = 400, one_n = 0, absorbed = 0, runs = 0, points[NSTEPS] = { 0 };
	long long held0, arenas0, held1, arenas1;
	int opt, one_step = -1, fd;
	bool cap_ok = false;

	while ((opt = getopt(argc, argv, "m:s:n:cv")) != -1) {
		if (opt == 'm')
			max = (unsigned int)atoi(optarg);
		else if (opt == 's')
			one_step = atoi(optarg);
		else if (opt == 'n')
			one_n = (unsigned int)atoi(optarg);
		else if (opt == 'c')
			cap_ok = true;
		else if (opt == 'v')
			verbose = true;
		else
			return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (access("/dev/pymm", R_OK | W_OK) || nth_fd < 0 ||
	    access(DBG "/failslab/ignore-gfp-wait", W_OK)) {
		printf("SKIP: no /dev/pymm, /proc/thread-self/fail-nth or %s/failslab\n", DBG);
		return 4;
	}
	/* GFP_KERNEL allocations count; order-0 pages too; no log per failure */
	if (knob(DBG "/failslab/ignore-gfp-wait", "N") ||
	    knob(DBG "/fail_page_alloc/ignore-gfp-wait", "N") ||
	    knob(DBG "/fail_page_alloc/ignore-gfp-highmem", "N") ||
	    knob(DBG "/fail_page_alloc/min-order", "0") ||
	    knob(DBG "/failslab/verbose", "0") || knob(DBG "/fail_page_alloc/verbose", "0")) {
		perror("kfailnth: the fault-injection knobs");
		return 1;
	}
	if (mlockall(MCL_CURRENT | MCL_FUTURE))
		perror("kfailnth: mlockall (continuing)");
	fd = dev_open();	/* the default heap first: the baseline includes it */
	dev_name_op(fd, PYMM_OP_HEAP_ATTACH, PYMM_DEFAULT_HEAP, 0);
	close(fd);
	held0 = dev_summary("bytes_held");
	arenas0 = dev_summary("arenas");
	for (int s = 0; s < NSTEPS; s++) {
		unsigned int n;

		if (one_step >= 0 && s != one_step)
			continue;
		for (n = one_n ? one_n : 1; n <= max; n++) {
			runs++;
			if (!run_one(s, n, &absorbed) || one_n)
				break;
		}
		points[s] = one_n ? 1 : n - 1;
		printf("kfailnth: step %s: %u failure points, %d problems so far\n", step_name[s],
		       points[s], problems);
		if (n > max && cap_ok) {
			printf("kfailnth: step %s: only its first %u failure points walked (-c)\n",
			       step_name[s], max);
		} else if (n > max) {
			problems++;
			fprintf(stderr, "step %s: more than %u failure points\n", step_name[s], max);
		}
	}
	held1 = dev_summary("bytes_held");
	arenas1 = dev_summary("arenas");
	if (held1 != held0 || arenas1 != arenas0) {
		problems++;
		fprintf(stderr, "not everything given back: bytes_held %lld -> %lld, arenas %lld -> %lld\n",
			held0, held1, arenas0, arenas1);
	}
	printf("kfailnth: failure points per step:");
	for (int s = 0; s < NSTEPS; s++)
		printf(" %s %u%s", step_name[s], points[s], s + 1 < NSTEPS ? "," : "\n");
	printf("kfailnth: %u runs, %u failures absorbed (the call still succeeded), %d problems\n",
	       runs, absorbed, problems);
	return problems ? 1 : 0;
}
