// SPDX-License-Identifier: GPL-2.0
/*
 * stall.c - one user's long operation must not stall anybody else
 * (issue #12).  Run as root in the VM (tests/vm/checks/stall.sh).
 *
 * An attacker process, uid 65534, fills a heap of its own near its quota
 * with lists of many references and runs full collections on it, several
 * in one PYMM_IOC_BATCH, which the core runs under one hold of the heap's
 * lock: one legitimate call that holds the heap for seconds (its length
 * estimated first from one collection alone).  While it runs, root, in threads of its own, reads every
 * /proc/pymm file, opens /dev/pymm, opens a misc device of the kernel's
 * (/dev/loop-control or /dev/net/tun: misc_open() holds misc_mtx while
 * /dev/pymm's open runs), creates, uses, lists and destroys a heap of its
 * own, and SIGKILLs a second nobody process waiting for the busy heap, all
 * at once.  Each must be done within the bound (-b, ms) while the
 * attacker's operation is still running, which is checked.  Every wait is
 * printed.
 *
 * Before the registry stopped waiting for heap locks, the first /proc read
 * blocked on the busy heap with the registry held, and every open of
 * /dev/pymm (and so of every misc device) blocked behind it, in D state.
 *
 * Exit 0 pass, 1 fail, 4 skip (the operation could not be made long enough
 * to tell: reported, not passed).
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pymm_dev.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ATK_UID		65534
#define ATK_HEAP	"stall_atk"
#define ROOT_HEAP	"stall_root"

static const char *const proc_files[] = {
	"summary", "heaps", "mallocstats", "arenas", "gc", "objects", "areas",
};

struct shared {
	volatile int stage;		/* 1 built, 2 op started, 3 op done, -1 failed */
	volatile int op_err;
	volatile double op_start, op_end, calib_s;
	volatile unsigned long long refs;
	volatile unsigned int batch;	/* collections in the one batch */
};

static struct shared *sh;
static double bound_s = 1.0;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void become_nobody(void)
{
	if (dev_become(ATK_UID))
		_exit(1);
}

/* ------------------------------------------------------ the attacker */

static int new_list(int fd, const uint64_t *items, uint32_t n, uint64_t *h)
{
	return dev_op(fd, PYMM_OP_NEW_LIST, 0, 0, 0, 0, (void *)items, n * 8, h);
}

/*
 * Lists of refs references each to one tracked list, until the quota
 * refuses: a full collection visits every reference several times.
 */
static int fill(int fd, unsigned long long refs)
{
	uint64_t x, one, n, big;
	int err;

	if (new_list(fd, NULL, 0, &x) || new_list(fd, &x, 1, &one) ||
	    dev_op(fd, PYMM_OP_NEW_INT, 0, refs, 0, 0, NULL, 0, &n))
		return -1;
	for (;;) {
		err = dev_op(fd, PYMM_OP_BINOP, 0, one, n, PYMM_BIN_MUL, NULL, 0, &big);
		if (err)
			break;
		sh->refs += refs;
	}
	return sh->refs ? 0 : err;
}

/*
 * The long operation: k full collections in one PYMM_IOC_BATCH, which the
 * core runs as one run under the heap's lock (a chunk holds up to 32).
 */
static int collect_batch(int fd, unsigned int k)
{
	struct pymm_op ops[32];
	struct pymm_batch b = {
		.ops = (uintptr_t)ops, .count = k, .op_size = sizeof(ops[0]),
	};
	unsigned int i;

	memset(ops, 0, sizeof(ops));
	for (i = 0; i < k; i++) {
		ops[i].code = PYMM_OP_GC_COLLECT;
		ops[i].arg[0] = 2;
	}
	if (ioctl(fd, PYMM_IOC_BATCH, &b))
		return -errno;
	for (i = 0; i < b.done; i++)
		if (ops[i].error)
			return ops[i].error;
	return b.done == k ? 0 : -EIO;
}

static void attacker(double target_s)
{
	unsigned int k;
	double t;
	int fd;

	become_nobody();
	fd = dev_open();
	if (fd < 0 || (dev_name_op(fd, PYMM_OP_HEAP_CREATE, ATK_HEAP, 0) &&
		       dev_name_op(fd, PYMM_OP_HEAP_CREATE, ATK_HEAP, 0) != -EEXIST) ||
	    dev_name_op(fd, PYMM_OP_HEAP_ATTACH, ATK_HEAP, 0) ||
	    dev_op(fd, PYMM_OP_GC_DISABLE, 0, 0, 0, 0, NULL, 0, NULL) ||
	    fill(fd, 1u << 20)) {
		fprintf(stderr, "stall: attacker setup failed\n");
		sh->stage = -1;
		_exit(1);
	}
	/* one collection alone, then as many in a row as make target_s */
	t = now_s();
	dev_op(fd, PYMM_OP_GC_COLLECT, 0, 2, 0, 0, NULL, 0, NULL);
	t = now_s() - t;
	k = t > 0 ? (unsigned int)(target_s / t) + 1 : 32;
	if (k > 32)
		k = 32;
	sh->batch = k;
	sh->calib_s = t * k;
	sh->stage = 1;
	while (sh->stage == 1)
		usleep(1000);
	sh->op_start = now_s();
	sh->stage = 2;
	sh->op_err = collect_batch(fd, k);
	sh->op_end = now_s();
	sh->stage = 3;
	close(fd);	/* the heap is destroyed by root afterwards */
	_exit(0);
}

/* a second nobody process, waiting for the busy heap: SIGKILL must end it */
static void waiter(void)
{
	int fd;

	become_nobody();
	fd = dev_open();
	if (fd < 0)
		_exit(1);
	dev_name_op(fd, PYMM_OP_HEAP_ATTACH, ATK_HEAP, 0);
	dev_op(fd, PYMM_OP_NEW_INT, 0, 5, 0, 0, NULL, 0, NULL);
	_exit(0);
}

/* ----------------------------------------------------- root's probes */

struct probe {
	const char *name;
	int (*fn)(struct probe *p);
	const char *arg;
	pthread_t th;
	volatile bool done;
	volatile int err;
	double secs;
	char note[128];
};

static int probe_proc(struct probe *p)
{
	char path[64], buf[4096];
	ssize_t n, total = 0;
	bool busy = false;
	int fd;

	snprintf(path, sizeof(path), "/proc/pymm/%s", p->arg);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while ((n = read(fd, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = 0;
		busy |= strstr(buf, "busy: an operation is running") != NULL;
		total += n;
	}
	close(fd);
	snprintf(p->note, sizeof(p->note), "%zd bytes%s", total, busy ? ", shows a busy heap" : "");
	return n < 0 ? -errno : 0;
}

static int probe_open(struct probe *p)
{
	int fd = open(p->arg, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

/* a driver's open may refuse (no such loop device...): only the wait counts */
static int probe_open_misc(struct probe *p)
{
	int err = probe_open(p);

	if (err)
		snprintf(p->note, sizeof(p->note), "(open: %s)", strerror(-err));
	return 0;
}

static int probe_own_heap(struct probe *p)
{
	struct pymm_heap_info rows[32];
	uint64_t x, n = 0;
	int fd = dev_open(), err;

	if (fd < 0)
		return -errno;
	err = dev_name_op(fd, PYMM_OP_HEAP_CREATE, ROOT_HEAP, 0);
	if (!err)
		err = dev_name_op(fd, PYMM_OP_HEAP_ATTACH, ROOT_HEAP, 0);
	if (!err)
		err = dev_op(fd, PYMM_OP_NEW_INT, 0, 123456, 0, 0, NULL, 0, &x);
	if (!err)
		err = dev_op(fd, PYMM_OP_HEAP_LIST, 0, 0, 0, 0, rows, sizeof(rows), &n);
	if (!err)
		err = dev_name_op(fd, PYMM_OP_HEAP_DESTROY, ROOT_HEAP, 0);
	close(fd);
	snprintf(p->note, sizeof(p->note), "heap list saw %llu heaps", (unsigned long long)n);
	return err;
}

static pid_t waiter_pid;

static int probe_kill_waiter(struct probe *p)
{
	double t0;
	int st;

	(void)p;
	kill(waiter_pid, SIGKILL);
	for (t0 = now_s(); now_s() - t0 < 30; usleep(2000))
		if (waitpid(waiter_pid, &st, WNOHANG) == waiter_pid)
			return WIFSIGNALED(st) ? 0 : -ECHILD;
	return -ETIMEDOUT;
}

static void *probe_thread(void *arg)
{
	struct probe *p = arg;
	double t0 = now_s();

	p->err = p->fn(p);
	p->secs = now_s() - t0;
	p->done = true;
	return NULL;
}

/* reports one probe, started at most bound_s ago; false if not done or failed */
static bool report_probe(struct probe *p)
{
	if (!p->done) {
		printf("FAIL: %-26s still waiting after %.0f ms (the attacker's op holds it up)\n",
		       p->name, bound_s * 1000);
		return false;
	}
	pthread_join(p->th, NULL);
	printf("  %-26s %8.1f ms  %s%s%s\n", p->name, p->secs * 1000,
	       p->err ? "error " : "", p->err ? strerror(-p->err) : "", p->note);
	return !p->err;
}

static void cleanup_heaps(void)
{
	int fd = dev_open();

	if (fd < 0)
		return;
	dev_name_op(fd, PYMM_OP_HEAP_DESTROY, ATK_HEAP, 0);
	dev_name_op(fd, PYMM_OP_HEAP_DESTROY, ROOT_HEAP, 0);
	close(fd);
}

/*
 * A misc device of the kernel's to open: loop-control or tun if registered,
 * else any but ours, through a node of our own if /dev has none.  misc_open()
 * holds misc_mtx while it looks the minor up and runs the driver's open.
 */
static const char *misc_device(char *path, size_t size)
{
	static const char *const prefer[] = { "loop-control", "tun", "fuse", "cpu_dma_latency" };
	char name[64], pick[64] = "";
	int minor, pick_minor = -1, rank = 99;
	unsigned int i;
	FILE *f = fopen("/proc/misc", "r");

	if (!f)
		return NULL;
	while (fscanf(f, "%d %63s", &minor, name) == 2) {
		int r = 50;

		if (!strcmp(name, "pymm"))
			continue;
		for (i = 0; i < ARRAY_SIZE(prefer); i++)
			if (!strcmp(name, prefer[i]))
				r = i;
		if (r < rank) {
			rank = r;
			pick_minor = minor;
			snprintf(pick, sizeof(pick), "%s", name);
		}
	}
	fclose(f);
	if (pick_minor < 0)
		return NULL;
	snprintf(path, size, "/dev/%s%s", strcmp(pick, "tun") ? "" : "net/", pick);
	if (!access(path, F_OK))
		return path;
	snprintf(path, size, "%s/stall-misc-%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
		 pick);
	unlink(path);
	if (mknod(path, S_IFCHR | 0600, makedev(10, pick_minor)))
		return NULL;
	return path;
}

int main(int argc, char **argv)
{
	struct probe probes[ARRAY_SIZE(proc_files) + 8];
	char misc_path[128];
	const char *misc;
	double min_op_s = 3.0, waited = 0, t0;
	bool ok = true, running;
	unsigned int i, np = 0;
	pid_t atk;
	int opt, st;

	while ((opt = getopt(argc, argv, "b:m:")) != -1) {
		if (opt == 'b')
			bound_s = atof(optarg) / 1000;
		else if (opt == 'm')
			min_op_s = atof(optarg);
	}
	if (geteuid()) {
		printf("SKIP: run as root\n");
		return 4;
	}
	misc = misc_device(misc_path, sizeof(misc_path));
	if (!misc)
		printf("note: no misc device of the kernel's to open\n");
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 1;
	memset((void *)sh, 0, sizeof(*sh));
	cleanup_heaps();
	atk = fork();
	if (atk == 0)
		attacker(min_op_s * 1.5);
	while (sh->stage == 0 && waitpid(atk, &st, WNOHANG) == 0)
		usleep(10000);
	if (sh->stage != 1) {
		printf("FAIL: the attacker could not build its heap\n");
		cleanup_heaps();
		return 1;
	}
	printf("attacker: %llu references in its heap; %u full collections in one batch "
	       "take about %.2f s\n", (unsigned long long)sh->refs, sh->batch, sh->calib_s);
	if (sh->calib_s < min_op_s) {
		printf("SKIP: the operation takes %.2f s alone, below %.1f s: too short to tell\n",
		       sh->calib_s, min_op_s);
		sh->stage = 2;
		waitpid(atk, &st, 0);
		cleanup_heaps();
		return 4;
	}

	/* go: the attacker starts its op; the probes run once it holds the heap */
	sh->stage = 2;
	while (sh->op_start == 0)
		usleep(1000);
	waiter_pid = fork();
	if (waiter_pid == 0)
		waiter();
	usleep(300 * 1000);

	for (i = 0; i < ARRAY_SIZE(proc_files); i++)
		probes[np++] = (struct probe){ .name = "read /proc/pymm/", .fn = probe_proc,
					       .arg = proc_files[i] };
	probes[np++] = (struct probe){ .name = "open /dev/pymm", .fn = probe_open,
				       .arg = "/dev/pymm" };
	if (misc)
		probes[np++] = (struct probe){ .name = "open misc device", .fn = probe_open_misc,
					       .arg = misc };
	probes[np++] = (struct probe){ .name = "root's heap: create..destroy",
				       .fn = probe_own_heap };
	probes[np++] = (struct probe){ .name = "SIGKILL a waiter", .fn = probe_kill_waiter };
	/* all at once, each in its own thread: the log shows every one held up */
	for (i = 0; i < np; i++) {
		char name[64];

		if (probes[i].arg && probes[i].fn == probe_proc) {
			snprintf(name, sizeof(name), "%s%s", probes[i].name, probes[i].arg);
			probes[i].name = strdup(name);
		} else if (probes[i].arg) {
			snprintf(name, sizeof(name), "open %s", probes[i].arg);
			probes[i].name = strdup(name);
		}
	}
	t0 = now_s();
	for (i = 0; i < np; i++)
		pthread_create(&probes[i].th, NULL, probe_thread, &probes[i]);
	for (;;) {
		for (i = 0; i < np && probes[i].done; i++)
			;
		if (i == np || now_s() - t0 >= bound_s)
			break;
		usleep(1000);
	}
	for (i = 0; i < np; i++) {
		if (!report_probe(&probes[i]))
			ok = false;
		else if (probes[i].secs > waited)
			waited = probes[i].secs;
	}
	running = sh->stage == 2;
	if (ok && !running) {
		printf("FAIL: the attacker's op ended (after %.2f s) before the probes were done: "
		       "nothing shown\n", sh->op_end - sh->op_start);
		ok = false;
	}
	if (ok)
		printf("all %u probes done within %.0f ms (longest %.1f ms), %.2f s into the "
		       "attacker's op, which was still running\n", np, bound_s * 1000,
		       waited * 1000, now_s() - sh->op_start);
	waitpid(atk, &st, 0);
	kill(waiter_pid, SIGKILL);
	waitpid(waiter_pid, &st, 0);
	printf("attacker's op: %.2f s, error %d\n", sh->op_end - sh->op_start, sh->op_err);
	cleanup_heaps();
	if (misc && strstr(misc, "stall-misc-"))
		unlink(misc);
	if (sh->op_err)
		ok = false;
	printf("stall: %s\n", ok ? "PASS" : "FAIL");
	return ok ? 0 : 1;
}
