// SPDX-License-Identifier: GPL-2.0
/*
 * pin.c - how much kernel memory one uid can make pymm hold (issue #12,
 * findings 4 and 5).  Run as root in the guest:
 *
 *   pin [-n FDS] [-s SESSIONS] [-o PER_FD_BYTES] UID...
 *
 * Root raises RLIMIT_NOFILE to FDS + SESSIONS + 32, then one child per UID
 * drops to that uid (in parallel) and, until refused:
 *
 *   - creates its own heap "pin<uid>" holding a global list of 65,535 Nones;
 *   - opens FDS files of /dev/pymm (default 4096) and on each: a 64 KiB
 *     NEW_BYTES with no heap attached (-ENOTCONN: the data buffer used to
 *     stay allocated), then, until that is refused, attaches to its heap
 *     and fills the file's handle table with ITEMS over the list (65,536
 *     slots: 1 MiB);
 *   - opens SESSIONS netlink sockets (default 64) and on each creates a
 *     session (PYMM_CMD_OP) and fills its handle table the same way.
 *
 * Every refusal must be -EDQUOT, -ENOSPC or -EMFILE.  With every child
 * holding what it got, root measures what the kernel holds more than
 * before (/proc/meminfo Slab + VmallocUsed) and the accounts in
 * /proc/pymm/users, and checks that root can still create a heap and run
 * ops.  Each uid must see its own account in /proc/pymm/users and no other.
 * Then the children exit and the accounts must be gone.
 *
 * Pass: the kernel holds at most, per uid, user_quota_kib plus PER_FD_BYTES
 * (default 2048: struct file, fd table, kmalloc rounding) per file plus 16
 * KiB per netlink socket, plus 8 MiB for the rest of the system; each
 * account's held <= user_quota; root's heap works.  Prints "memory one uid
 * can pin".  Exit 0 pass, 1 fail, 4 skip.
 */
#include <grp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "pymm_dev.h"

#define LIST_LEN	65535u
#define BIG		(64u << 10)
#define MAX_UIDS	4
#define PER_SOCK	(16u << 10)
#define SLACK_KIB	(8u << 10)

struct tally {
	unsigned int fds, sessions, tables;
	bool tables_refused;
	unsigned long long handles;
	unsigned int bytes_notconn, refused_dquot, refused_nospc, refused_mfile;
	unsigned int bad;		/* unexpected errors */
	int first_bad;
};

static uint64_t *items;		/* LIST_LEN handles of output */

static bool refusal(struct tally *t, int err)
{
	if (err == -EDQUOT)
		t->refused_dquot++;
	else if (err == -ENOSPC)
		t->refused_nospc++;
	else if (err == -EMFILE)
		t->refused_mfile++;
	else
		return false;
	return true;
}

static void bad(struct tally *t, int err, const char *what)
{
	if (!t->bad++) {
		t->first_bad = err;
		fprintf(stderr, "pin: unexpected %d from %s\n", err, what);
	}
}

/* ------------------------------------------------------------ netlink */

static uint32_t nl_seq;

static int nl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct timeval tv = { .tv_sec = 10 };
	int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);

	if (s < 0)
		return -errno;
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa))) {
		int e = -errno;

		close(s);
		return e;
	}
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return s;
}

static struct nlmsghdr *msg_start(void *m, uint16_t type, uint8_t cmd)
{
	struct nlmsghdr *nlh = m;
	struct genlmsghdr *gh = NLMSG_DATA(nlh);

	memset(nlh, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	nlh->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	nlh->nlmsg_seq = ++nl_seq;
	gh->cmd = cmd;
	gh->version = 1;
	return nlh;
}

static void put_attr(struct nlmsghdr *nlh, uint16_t type, const void *data, uint16_t len)
{
	struct nlattr *a = (struct nlattr *)((char *)nlh + NLMSG_ALIGN(nlh->nlmsg_len));

	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	nlh->nlmsg_len = (uint32_t)(NLMSG_ALIGN(nlh->nlmsg_len) + NLA_ALIGN(a->nla_len));
}

static int resolve_family(int s)
{
	static char m[256], rx[8192];
	struct nlmsghdr *nlh = msg_start(m, GENL_ID_CTRL, CTRL_CMD_GETFAMILY);
	struct nlattr *a;
	ssize_t len;
	int rem;

	put_attr(nlh, CTRL_ATTR_FAMILY_NAME, PYMM_GENL_NAME, sizeof(PYMM_GENL_NAME));
	if (send(s, nlh, nlh->nlmsg_len, 0) < 0)
		return -1;
	len = recv(s, rx, sizeof(rx), 0);
	if (len < (ssize_t)NLMSG_HDRLEN)
		return -1;
	nlh = (struct nlmsghdr *)rx;
	if (nlh->nlmsg_type == NLMSG_ERROR)
		return -1;
	a = (struct nlattr *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	rem = (int)nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem) {
		if ((a->nla_type & NLA_TYPE_MASK) == CTRL_ATTR_FAMILY_ID)
			return *(uint16_t *)((char *)a + NLA_HDRLEN);
		rem -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
	}
	return -1;
}

/* one PYMM_CMD_OP on s's session: the op's error (or the message's), ret0 */
static int nl_op(int s, int family, uint32_t code, uint64_t a0, const void *data,
		 uint16_t len, uint32_t cap, uint64_t *ret0)
{
	static uint64_t m[1024];
	static char rx[PYMM_GENL_DATA_MAX + 8192];
	struct nlmsghdr *nlh = msg_start(m, (uint16_t)family, PYMM_CMD_OP);
	struct nlattr *a;
	int rem, err = -EIO;
	ssize_t n;

	put_attr(nlh, PYMM_A_OP_CODE, &code, 4);
	if (a0)
		put_attr(nlh, PYMM_A_OP_ARG0, &a0, 8);
	if (data)
		put_attr(nlh, PYMM_A_OP_DATA, data, len);
	if (cap)
		put_attr(nlh, PYMM_A_OP_DATA_CAP, &cap, 4);
	if (send(s, nlh, nlh->nlmsg_len, 0) < 0)
		return -errno;
	n = recv(s, rx, sizeof(rx), 0);
	if (n < (ssize_t)NLMSG_HDRLEN)
		return n < 0 ? -errno : -EIO;
	nlh = (struct nlmsghdr *)rx;
	if (nlh->nlmsg_type == NLMSG_ERROR)
		return ((struct nlmsgerr *)NLMSG_DATA(nlh))->error;
	a = (struct nlattr *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	rem = (int)nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem) {
		void *p = (char *)a + NLA_HDRLEN;

		if ((a->nla_type & NLA_TYPE_MASK) == PYMM_A_OP_ERROR)
			memcpy(&err, p, 4);
		else if ((a->nla_type & NLA_TYPE_MASK) == PYMM_A_OP_RET0 && ret0)
			memcpy(ret0, p, 8);
		rem -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
	}
	return err;
}

/* ------------------------------------------------------------- attack */

static int make_heap(const char *heap)
{
	uint64_t none, one, cnt, big;
	int fd = dev_open(), err;

	if (fd < 0)
		return -errno;
	err = dev_name_op(fd, PYMM_OP_HEAP_CREATE, heap, 0);
	if (!err || err == -EEXIST)
		err = dev_name_op(fd, PYMM_OP_HEAP_ATTACH, heap, 0);
	if (!err)
		err = dev_op(fd, PYMM_OP_CONST, 0, PYMM_CONST_NONE, 0, 0, NULL, 0, &none);
	if (!err)
		err = dev_op(fd, PYMM_OP_NEW_LIST, 0, 0, 0, 0, &none, 8, &one);
	if (!err)
		err = dev_op(fd, PYMM_OP_NEW_INT, 0, LIST_LEN, 0, 0, NULL, 0, &cnt);
	if (!err)
		err = dev_op(fd, PYMM_OP_BINOP, 0, one, cnt, PYMM_BIN_MUL, NULL, 0, &big);
	if (!err)
		err = dev_op(fd, PYMM_OP_NAME_BIND, 0, big, 0, 0, "big", 3, NULL);
	close(fd);
	return err;
}

/*
 * One file: a 64 KiB data buffer with no heap attached, then, until tables
 * are refused, a full handle table.  (The ITEMS output buffer replaces the
 * 64 KiB one, and is freed after the call: so once tables are refused, the
 * files keep their unattached buffer, which is what an attacker would do.)
 */
static void attack_fd(struct tally *t, int fd, const char *heap, void *bytes)
{
	uint64_t big = 0;
	int err;

	err = dev_op(fd, PYMM_OP_NEW_BYTES, 0, 0, 0, 0, bytes, BIG, NULL);
	if (err == -ENOTCONN)
		t->bytes_notconn++;
	else if (!refusal(t, err))
		bad(t, err, "NEW_BYTES unattached");
	if (t->tables_refused)
		return;
	err = dev_name_op(fd, PYMM_OP_HEAP_ATTACH, heap, 0);
	if (err) {
		bad(t, err, "HEAP_ATTACH");
		return;
	}
	err = dev_op(fd, PYMM_OP_NAME_LOOKUP, 0, 0, 0, 0, "big", 3, &big);
	if (!err)
		err = dev_op(fd, PYMM_OP_ITEMS, 0, big, 0, 0, items, LIST_LEN * 8, NULL);
	if (!err) {
		t->handles += LIST_LEN + 1;
		t->tables++;
	} else if (refusal(t, err)) {
		t->tables_refused = true;
	} else {
		bad(t, err, "ITEMS");
	}
}

static void attack_nl(struct tally *t, int s, int family, const char *heap)
{
	const uint32_t per = PYMM_GENL_DATA_MAX / 8;
	uint64_t big = 0, got = 0;
	int err, i;

	err = nl_op(s, family, PYMM_OP_HEAP_ATTACH, 0, heap, (uint16_t)(strlen(heap) + 1), 0,
		    NULL);
	if (err) {
		if (!refusal(t, err))
			bad(t, err, "netlink session");
		return;
	}
	t->sessions++;
	err = nl_op(s, family, PYMM_OP_NAME_LOOKUP, 0, "big", 3, 0, &big);
	for (i = 0; !err && got + per <= 65535; i++) {
		err = nl_op(s, family, PYMM_OP_ITEMS, big, NULL, 0, per * 8, NULL);
		if (!err)
			got += per;
	}
	t->handles += got;
	if (err && !refusal(t, err))
		bad(t, err, "netlink ITEMS");
}

static void attack(unsigned int uid, unsigned int nfds, unsigned int nsess, struct tally *t)
{
	char heap[PYMM_HEAP_NAME_MAX];
	void *bytes = calloc(1, BIG);
	unsigned int i;
	int err, family = -1;

	items = calloc(LIST_LEN, 8);
	snprintf(heap, sizeof(heap), "pin%u", uid);
	err = make_heap(heap);
	if (err) {
		bad(t, err, "making the heap");
		return;
	}
	for (i = 0; i < nfds; i++) {
		int fd = dev_open();

		if (fd < 0) {
			if (!refusal(t, -errno))
				bad(t, -errno, "open");
			break;
		}
		t->fds++;
		attack_fd(t, fd, heap, bytes);
	}
	for (i = 0; i < nsess; i++) {
		int s = nl_open();

		if (s < 0) {
			if (!refusal(t, s))
				bad(t, s, "socket");
			break;
		}
		if (family < 0)
			family = resolve_family(s);
		if (family < 0) {
			fprintf(stderr, "pin: no pymm netlink family: sessions skipped\n");
			break;
		}
		attack_nl(t, s, family, heap);
	}
}

/*
 * As the uid: /proc/pymm/users shows its own account, within the quota,
 * and nobody else's.  (Without the file, an older module: nothing to see.)
 */
static void users_seen(unsigned int uid, struct tally *t)
{
	FILE *f = fopen("/proc/pymm/users", "r");
	char line[256];
	bool own = false;

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned int u, heaps, clients;
		unsigned long long h, ch, q;

		if (sscanf(line, "%u %u %u %llu %llu %llu", &u, &heaps, &clients, &h, &ch, &q) != 6)
			continue;
		if (u != uid)
			bad(t, -EACCES, "/proc/pymm/users shows another uid");
		else if (h > q || ch > h || !clients)
			bad(t, -ERANGE, "/proc/pymm/users: held over quota, or no client");
		else
			own = true;
	}
	fclose(f);
	if (!own)
		bad(t, -ENOENT, "/proc/pymm/users: no row for the uid itself");
}

/* ------------------------------------------------------------ measure */

static long long meminfo_kib(const char *key)
{
	char line[256];
	long long v = -1;
	size_t n = strlen(key);
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ':') {
			v = atoll(line + n + 1);
			break;
		}
	fclose(f);
	return v;
}

static long long kernel_kib(void)
{
	return meminfo_kib("Slab") + meminfo_kib("VmallocUsed");
}

static long long param(const char *name)
{
	char path[128], line[64];
	long long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/pymm/parameters/%s", name);
	f = fopen(path, "r");
	if (f && fgets(line, sizeof(line), f))
		v = atoll(line);
	if (f)
		fclose(f);
	return v;
}

/* the account row of uid in /proc/pymm/users: held bytes, -1 none, -2 no file */
static long long account_held(unsigned int uid, long long *client_held)
{
	FILE *f = fopen("/proc/pymm/users", "r");
	char line[256];
	long long held = -1;

	if (!f)
		return -2;
	while (fgets(line, sizeof(line), f)) {
		unsigned int u, heaps, clients;
		unsigned long long h, ch, q;

		if (sscanf(line, "%u %u %u %llu %llu %llu", &u, &heaps, &clients, &h, &ch, &q) == 6 &&
		    u == uid) {
			held = (long long)h;
			if (client_held)
				*client_held = (long long)ch;
		}
	}
	fclose(f);
	return held;
}

static long long summary(const char *key)
{
	FILE *f = fopen("/proc/pymm/summary", "r");
	char line[256];
	long long v = -1;
	size_t n = strlen(key);

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ' ')
			v = atoll(line + n);
	fclose(f);
	return v;
}

/* root, while the uids hold everything they could: a heap and some ops */
static int root_works(void)
{
	static char bytes[BIG];
	uint64_t h, none, l;
	int fd = dev_open(), err;

	if (fd < 0)
		return -errno;
	err = dev_name_op(fd, PYMM_OP_HEAP_CREATE, "pinroot", 0);
	if (!err)
		err = dev_name_op(fd, PYMM_OP_HEAP_ATTACH, "pinroot", 0);
	if (!err)
		err = dev_op(fd, PYMM_OP_NEW_BYTES, 0, 0, 0, 0, bytes, BIG, &h);
	if (!err)
		err = dev_op(fd, PYMM_OP_CONST, 0, PYMM_CONST_NONE, 0, 0, NULL, 0, &none);
	if (!err)
		err = dev_op(fd, PYMM_OP_NEW_LIST, 0, 0, 0, 0, &none, 8, &l);
	if (!err)
		err = dev_verify(fd);
	if (!err)
		err = dev_op(fd, PYMM_OP_HEAP_DESTROY, 0, 0, 0, 0, "pinroot", 8, NULL);
	close(fd);
	return err;
}

int main(int argc, char **argv)
{
	unsigned int nfds = 4096, nsess = 64, per_fd = 2048, nuids = 0, i;
	unsigned int uids[MAX_UIDS];
	int ready[MAX_UIDS][2], go[MAX_UIDS][2];
	pid_t pids[MAX_UIDS];
	long long quota_kib, before, during, after, bytes_before, limit_kib;
	struct tally tl[MAX_UIDS];
	struct rlimit rl;
	int opt, fail = 0, err;

	while ((opt = getopt(argc, argv, "n:s:o:")) != -1) {
		if (opt == 'n')
			nfds = (unsigned int)atoi(optarg);
		else if (opt == 's')
			nsess = (unsigned int)atoi(optarg);
		else if (opt == 'o')
			per_fd = (unsigned int)atoi(optarg);
		else
			return 1;
	}
	for (; optind < argc && nuids < MAX_UIDS; optind++)
		uids[nuids++] = (unsigned int)atoi(argv[optind]);
	if (!nuids || geteuid()) {
		fprintf(stderr, "usage (as root): pin [-n FDS] [-s SESSIONS] [-o PER_FD] UID...\n");
		return 1;
	}
	if (access("/dev/pymm", R_OK | W_OK)) {
		printf("SKIP: no /dev/pymm\n");
		return 4;
	}
	quota_kib = param("user_quota_kib");
	limit_kib = param("mem_limit_mb") * 1024;
	if (quota_kib <= 0) {
		printf("SKIP: user_quota_kib is 0 (no per-user limit to check)\n");
		return 4;
	}
	rl.rlim_cur = rl.rlim_max = nfds + nsess + 32;
	if (setrlimit(RLIMIT_NOFILE, &rl)) {
		perror("setrlimit");
		return 1;
	}

	before = kernel_kib();
	bytes_before = summary("bytes_held");
	for (i = 0; i < nuids; i++) {
		if (pipe(ready[i]) || pipe(go[i]))
			return 1;
		pids[i] = fork();
		if (pids[i] < 0)
			return 1;
		if (!pids[i]) {
			struct tally t = { 0 };
			char c;

			close(ready[i][0]);
			close(go[i][1]);
			if (setgroups(0, NULL) || setgid(uids[i]) || setuid(uids[i]))
				_exit(3);
			attack(uids[i], nfds, nsess, &t);
			users_seen(uids[i], &t);
			if (write(ready[i][1], &t, sizeof(t)) != sizeof(t))
				_exit(3);
			/* hold everything until root has measured */
			if (read(go[i][0], &c, 1) < 0)
				_exit(3);
			_exit(0);
		}
		close(ready[i][1]);
		close(go[i][0]);
	}
	for (i = 0; i < nuids; i++) {
		if (read(ready[i][0], &tl[i], sizeof(tl[i])) != sizeof(tl[i])) {
			printf("FAIL: uid %u: the attacker died\n", uids[i]);
			fail = 1;
			memset(&tl[i], 0, sizeof(tl[i]));
		}
	}
	during = kernel_kib();

	err = root_works();
	if (err) {
		printf("FAIL: root cannot create a heap and run ops while the uids pin: %d\n", err);
		fail = 1;
	} else {
		printf("root: created a heap and ran ops while %u uid(s) pinned\n", nuids);
	}

	{
		long long pinned = during - before;
		long long allowed = 0;

		for (i = 0; i < nuids; i++) {
			long long ch = -1, held = account_held(uids[i], &ch);
			struct tally *t = &tl[i];

			allowed += quota_kib + ((long long)t->fds * per_fd +
						(long long)nsess * PER_SOCK) / 1024;
			printf("uid %u: %u files (%u full handle tables), %u sessions, %llu handles; NEW_BYTES unattached -ENOTCONN %u; refused: EDQUOT %u, ENOSPC %u, EMFILE %u\n",
			       uids[i], t->fds, t->tables, t->sessions, t->handles, t->bytes_notconn,
			       t->refused_dquot, t->refused_nospc, t->refused_mfile);
			if (held == -2)
				printf("uid %u: no /proc/pymm/users (account figures not shown)\n",
				       uids[i]);
			else
				printf("uid %u: account held %lld KiB (clients %lld KiB), user_quota %lld KiB\n",
				       uids[i], held / 1024, ch / 1024, quota_kib);
			if (held > quota_kib * 1024) {
				printf("FAIL: uid %u: account holds more than its quota\n", uids[i]);
				fail = 1;
			}
			if (t->bad) {
				printf("FAIL: uid %u: %u unexpected errors (first %d)\n", uids[i],
				       t->bad, t->first_bad);
				fail = 1;
			}
		}
		allowed += SLACK_KIB;
		printf("memory one uid can pin: %lld KiB (kernel Slab+VmallocUsed grew %lld KiB for %u uid(s); user_quota %lld KiB, mem_limit %lld KiB)\n",
		       pinned / nuids, pinned, nuids, quota_kib, limit_kib);
		if (pinned > allowed) {
			printf("FAIL: the kernel holds %lld KiB for %u uid(s): more than %lld KiB (user_quota + %u B a file + %u B a socket each, + %u KiB)\n",
			       pinned, nuids, allowed, per_fd, PER_SOCK, SLACK_KIB);
			fail = 1;
		}
	}

	for (i = 0; i < nuids; i++) {
		int st;

		if (write(go[i][1], "x", 1) != 1)
			fail = 1;
		if (waitpid(pids[i], &st, 0) != pids[i] || !WIFEXITED(st) || WEXITSTATUS(st)) {
			printf("FAIL: uid %u: attacker exited badly (%#x)\n", uids[i], st);
			fail = 1;
		}
	}
	/* the files and sockets are closed: everything is given back */
	for (i = 0; i < nuids; i++) {
		char heap[PYMM_HEAP_NAME_MAX];
		int fd = dev_open();

		snprintf(heap, sizeof(heap), "pin%u", uids[i]);
		if (fd >= 0) {
			dev_name_op(fd, PYMM_OP_HEAP_DESTROY, heap, 0);
			close(fd);
		}
	}
	/* netlink sessions go when the notifier has run: give it a moment */
	for (i = 0; i < 50; i++) {
		unsigned int j, left = 0;

		for (j = 0; j < nuids; j++)
			left += account_held(uids[j], NULL) >= 0;
		if (!left)
			break;
		usleep(100000);
	}
	for (i = 0; i < nuids; i++) {
		if (account_held(uids[i], NULL) >= 0) {
			printf("FAIL: uid %u: account still there after every file and heap closed\n",
			       uids[i]);
			fail = 1;
		}
	}
	after = summary("bytes_held");
	printf("bytes_held: %lld before, %lld after; kernel Slab+VmallocUsed %lld -> %lld -> %lld KiB\n",
	       bytes_before, after, before, during, kernel_kib());
	if (after != bytes_before) {
		printf("FAIL: bytes_held did not come back (%lld -> %lld)\n", bytes_before, after);
		fail = 1;
	}
	printf("pin: %s\n", fail ? "FAIL" : "PASS");
	return fail;
}
