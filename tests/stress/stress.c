// SPDX-License-Identifier: GPL-2.0
/*
 * stress.c - many processes and threads drive /dev/pymm at once, on one
 * shared heap and on a heap per process, mixing every kind of operation
 * (objects of every type, handles, containers, attributes, names, frames,
 * collections, statistics, batches, heap create/attach/destroy) while the
 * parent SIGKILLs children at random and starts replacements.  Then every
 * heap left is verified (PYMM_OP_HEAP_VERIFY) and destroyed.
 *
 *   stress [-p PROCS] [-t THREADS] [-s SECONDS] [-n OPS] [-k KILLS] [-q QUOTA_MB]
 *
 * Bounded twice: SECONDS of wall time and OPS operations per thread.  Exit 0
 * only if: no ioctl failed as a transport (EFAULT, ENOTTY ...), no op ever
 * returned -EUCLEAN/-EIO/-EFAULT, every HEAP_VERIFY (during and after) was
 * 0, every child that was not killed exited 0, and every heap could be
 * destroyed at the end.  The VM harness adds: no oops/WARNING in dmesg, no
 * leak at unload.  Prints "stress: N ops (R ops/s), K kills, H heaps verified".
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>

#include "pymm_dev.h"

#define NH		96	/* handles a thread keeps */
#define MAXPROC		64
#define SHARED_HEAP	"st_shared"

struct shared {
	uint64_t ops;
	uint64_t verifies;
	uint64_t failures;
	uint64_t errs[256];	/* by errno */
};

static struct shared *sh;
static int nproc = 4, nthread = 4, seconds = 20, kills = 6;
static long max_ops = 200000;
static uint64_t quota_mb = 48;
static double deadline;
static int proc_fd = -1;	/* one file all threads of a process share */
static int proc_idx;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

struct thr {
	int fd, id;
	uint64_t seed;
	uint64_t h[NH];
	int depth;
	char home[PYMM_HEAP_NAME_MAX];
	unsigned long ops;
};

static void fail(struct thr *t, const char *what, uint32_t code, int err)
{
	__atomic_add_fetch(&sh->failures, 1, __ATOMIC_RELAXED);
	fprintf(stderr, "stress[%d.%d]: %s: op %u -> %d\n", proc_idx, t ? t->id : -1, what,
		code, err);
}

/* every result goes through here */
static int check(struct thr *t, uint32_t code, int err)
{
	t->ops++;
	__atomic_add_fetch(&sh->ops, 1, __ATOMIC_RELAXED);
	if (err <= -1000) {
		if (err != -1000 - EINTR)
			fail(t, "ioctl failed", code, err);
		return err;
	}
	if (err == -EUCLEAN || err == -EIO || err == -EFAULT || err > 0 || err < -4095)
		fail(t, "bad op result", code, err);
	if (err)
		__atomic_add_fetch(&sh->errs[(-err) & 255], 1, __ATOMIC_RELAXED);
	return err;
}

static int op(struct thr *t, uint32_t code, uint32_t flags, uint64_t a0, uint64_t a1,
	      uint64_t a2, void *d, uint32_t len, uint64_t *r)
{
	return check(t, code, dev_op(t->fd, code, flags, a0, a1, a2, d, len, r));
}

static int verify(struct thr *t, int fd)
{
	int err = dev_verify(fd);

	check(t, PYMM_OP_HEAP_VERIFY, err);
	__atomic_add_fetch(&sh->verifies, 1, __ATOMIC_RELAXED);
	if (err && err != -ENOTCONN)
		fail(t, "HEAP_VERIFY", PYMM_OP_HEAP_VERIFY, err);
	return err;
}

static uint64_t *slot(struct thr *t)
{
	return &t->h[rnd(&t->seed) % NH];
}

static uint64_t any(struct thr *t)
{
	return *slot(t);
}

/* store a new handle, closing whatever the slot held */
static void keep(struct thr *t, uint64_t h)
{
	uint64_t *s = slot(t);

	if (!h)
		return;
	if (*s)
		op(t, PYMM_OP_CLOSE, 0, *s, 0, 0, NULL, 0, NULL);
	*s = h;
}

static void forget_all(struct thr *t)
{
	memset(t->h, 0, sizeof(t->h));
	t->depth = 0;
}

static int attach(struct thr *t, const char *name)
{
	char buf[PYMM_HEAP_NAME_MAX];

	snprintf(buf, sizeof(buf), "%s", name);
	forget_all(t);
	return op(t, PYMM_OP_HEAP_ATTACH, 0, 0, 0, 0, buf, strlen(buf) + 1, NULL);
}

static void new_object(struct thr *t)
{
	uint64_t h = 0, v[4];
	char s[64];
	double f;
	int n = snprintf(s, sizeof(s), "s%lu_%d", (unsigned long)(rnd(&t->seed) % 1000), t->id);

	switch (rnd(&t->seed) % 13) {
	case 0:
		op(t, PYMM_OP_NEW_INT, 0, rnd(&t->seed) % 100000, 0, 0, NULL, 0, &h);
		break;
	case 1:
		f = (double)(rnd(&t->seed) % 1000) / 7;
		memcpy(&v[0], &f, 8);
		op(t, PYMM_OP_NEW_FLOAT, 0, v[0], 0, 0, NULL, 0, &h);
		break;
	case 2:
		op(t, PYMM_OP_NEW_STR, 0, 0, 0, 0, s, n, &h);
		break;
	case 3: {
		static char big[3000];

		op(t, PYMM_OP_NEW_BYTES, 0, 0, 0, 0, big, 1 + rnd(&t->seed) % sizeof(big), &h);
		break;
	}
	case 4: case 5: case 6:
		v[0] = any(t);
		v[1] = any(t);
		v[2] = any(t);
		v[3] = any(t);
		op(t, PYMM_OP_NEW_TUPLE + (rnd(&t->seed) % 3), 0, 0, 0, 0, v,
		   8 * (v[0] && v[1] && v[2] && v[3] ? 4 : 0), &h);
		break;
	case 7:
		op(t, PYMM_OP_NEW_CLASS, 0, 0, 0, 0, "K\0del", 5, &h);
		break;
	case 8:
		op(t, PYMM_OP_NEW_INSTANCE, 0, any(t), 0, 0, NULL, 0, &h);
		break;
	case 9:
		op(t, PYMM_OP_NEW_WEAKREF, 0, any(t), 0, 0, NULL, 0, &h);
		break;
	case 10:
		op(t, PYMM_OP_NEW_FUNCTION, 0, 7, 0, 0, "fn", 2, &h);
		break;
	case 11:
		op(t, PYMM_OP_CONST, 0, 1 + rnd(&t->seed) % 3, 0, 0, NULL, 0, &h);
		break;
	default:
		op(t, PYMM_OP_DUP, 0, any(t), 0, 0, NULL, 0, &h);
		break;
	}
	keep(t, h);
}

static void step(struct thr *t)
{
	uint64_t h = 0, r = rnd(&t->seed) % 100;
	char name[16];
	int i;

	snprintf(name, sizeof(name), "n%d", (int)(rnd(&t->seed) % 16));
	if (r < 25 || r >= 90) {
		new_object(t);
	} else if (r < 35) {
		uint64_t *s = slot(t);

		op(t, PYMM_OP_CLOSE, 0, *s, 0, 0, NULL, 0, NULL);
		*s = 0;
	} else if (r < 45) {
		switch (rnd(&t->seed) % 6) {
		case 0:
			op(t, PYMM_OP_APPEND, 0, any(t), any(t), 0, NULL, 0, NULL);
			break;
		case 1:
			op(t, PYMM_OP_SETITEM, 0, any(t), any(t), any(t), NULL, 0, NULL);
			break;
		case 2:
			op(t, PYMM_OP_GETITEM, 0, any(t), any(t), 0, NULL, 0, &h);
			break;
		case 3:
			op(t, PYMM_OP_SETATTR, 0, any(t), any(t), 0, "a", 1, NULL);
			break;
		case 4:
			op(t, PYMM_OP_GETATTR, 0, any(t), 0, 0, "a", 1, &h);
			break;
		default:
			op(t, PYMM_OP_POP, 0, any(t), (uint64_t)-1, 0, NULL, 0, &h);
			break;
		}
		keep(t, h);
	} else if (r < 55) {
		switch (rnd(&t->seed) % 3) {
		case 0:
			op(t, PYMM_OP_NAME_BIND, 0, any(t), 0, 0, name, strlen(name), NULL);
			break;
		case 1:
			op(t, PYMM_OP_NAME_LOOKUP, 0, 0, 0, 0, name, strlen(name), &h);
			keep(t, h);
			break;
		default:
			op(t, PYMM_OP_NAME_DEL, 0, 0, 0, 0, name, strlen(name), NULL);
			break;
		}
	} else if (r < 63) {
		if (t->depth < 20 && rnd(&t->seed) % 2) {
			if (!op(t, PYMM_OP_FRAME_PUSH, 0, 0, 0, 0, "f", 1, NULL))
				t->depth++;
			op(t, PYMM_OP_NAME_BIND, PYMM_OPF_LOCAL, any(t), 0, 0, "x", 1, NULL);
		} else if (t->depth) {
			if (!op(t, PYMM_OP_FRAME_POP, 0, 0, 0, 0, NULL, 0, NULL))
				t->depth--;
		}
	} else if (r < 67) {
		op(t, PYMM_OP_GC_COLLECT, 0, rnd(&t->seed) % 3, 0, 0, NULL, 0, NULL);
	} else if (r < 71) {
		verify(t, t->fd);
	} else if (r < 74) {
		static __thread char out[8192];

		op(t, PYMM_OP_HEAP_STATS + rnd(&t->seed) % 3, 0, 0, 0, 0, out, sizeof(out), NULL);
		op(t, PYMM_OP_HEAP_LIST, 0, 0, 0, 0, out, sizeof(out), NULL);
		op(t, PYMM_OP_READ_OUTPUT, 0, 0, 0, 0, out, sizeof(out), NULL);
	} else if (r < 76) {
		/* a heap of its own for a moment: create, use, leave, destroy */
		char tmp[PYMM_HEAP_NAME_MAX];

		snprintf(tmp, sizeof(tmp), "st_t%d_%d", getpid(), t->id);
		check(t, PYMM_OP_HEAP_CREATE, dev_name_op(t->fd, PYMM_OP_HEAP_CREATE, tmp, 1 << 20));
		if (!attach(t, tmp)) {
			for (i = 0; i < 20; i++)
				new_object(t);
			op(t, PYMM_OP_GC_COLLECT, 0, 2, 0, 0, NULL, 0, NULL);
			verify(t, t->fd);
		}
		if (attach(t, t->home))
			fail(t, "re-attach home", PYMM_OP_HEAP_ATTACH, -1);
		check(t, PYMM_OP_HEAP_DESTROY, dev_name_op(t->fd, PYMM_OP_HEAP_DESTROY, tmp, 0));
	} else if (r < 80) {
		/* a batch on the file every thread of this process shares */
		struct pymm_op ops[8];
		struct pymm_batch b = {
			.ops = (uintptr_t)ops, .count = 8, .op_size = sizeof(ops[0]),
		};

		memset(ops, 0, sizeof(ops));
		for (i = 0; i < 8; i++) {
			ops[i].code = i == 7 ? PYMM_OP_HEAP_VERIFY : PYMM_OP_NEW_INT;
			ops[i].arg[0] = i == 7 ? 0 : 1000 + i;
		}
		if (ioctl(proc_fd, PYMM_IOC_BATCH, &b))
			check(t, 0, -1000 - errno);
		for (i = 0; i < (int)b.done; i++) {
			check(t, ops[i].code, ops[i].error);
			if (i < 7 && !ops[i].error)
				/* another thread may close it first: -EBADF is fine */
				dev_op(proc_fd, PYMM_OP_CLOSE, 0, ops[i].ret[0], 0, 0, NULL, 0, NULL);
		}
		if (b.done == 8 && ops[7].error)
			fail(t, "HEAP_VERIFY in batch", PYMM_OP_HEAP_VERIFY, ops[7].error);
	} else if (r < 85) {
		/* a cycle, dropped: only the collector can free it */
		uint64_t a = 0, b = 0;

		op(t, PYMM_OP_NEW_LIST, 0, 0, 0, 0, NULL, 0, &a);
		op(t, PYMM_OP_NEW_LIST, 0, 0, 0, 0, NULL, 0, &b);
		op(t, PYMM_OP_APPEND, 0, a, b, 0, NULL, 0, NULL);
		op(t, PYMM_OP_APPEND, 0, b, a, 0, NULL, 0, NULL);
		op(t, PYMM_OP_CLOSE, 0, a, 0, 0, NULL, 0, NULL);
		op(t, PYMM_OP_CLOSE, 0, b, 0, 0, NULL, 0, NULL);
	} else {
		char out[256];

		switch (rnd(&t->seed) % 7) {
		case 0:
			op(t, PYMM_OP_BINOP, 0, any(t), any(t), 1 + rnd(&t->seed) % 3, NULL, 0, &h);
			keep(t, h);
			break;
		case 1:
			op(t, PYMM_OP_COMPARE, 0, any(t), any(t), 1 + rnd(&t->seed) % 8, NULL, 0,
			   NULL);
			break;
		case 2:
			op(t, PYMM_OP_HASH, 0, any(t), 0, 0, NULL, 0, NULL);
			break;
		case 3:
			op(t, PYMM_OP_TYPE, 0, any(t), 0, 0, NULL, 0, NULL);
			break;
		case 4:
			op(t, PYMM_OP_READ, 0, any(t), 0, 0, out, sizeof(out), NULL);
			break;
		case 5:
			op(t, PYMM_OP_ITEMS, 0, any(t), 0, 0, out, sizeof(out), NULL);
			break;
		default:
			op(t, PYMM_OP_REFCOUNT, 0, any(t), 0, 0, NULL, 0, NULL);
			break;
		}
	}
}

static void *thread_main(void *arg)
{
	struct thr *t = arg;

	t->fd = dev_open();
	if (t->fd < 0) {
		fail(t, "open /dev/pymm", 0, -errno);
		return NULL;
	}
	if (attach(t, t->home)) {
		fail(t, "attach", PYMM_OP_HEAP_ATTACH, -1);
		return NULL;
	}
	while (t->ops < (unsigned long)max_ops && now() < deadline)
		step(t);
	verify(t, t->fd);
	/* half the threads leave their handles for close() to drop */
	if (t->id % 2 == 0)
		close(t->fd);
	return NULL;
}

static int child(int idx)
{
	pthread_t th[64];
	struct thr *t = calloc(nthread, sizeof(*t));
	char own[PYMM_HEAP_NAME_MAX];
	int i, err;

	proc_idx = idx;
	snprintf(own, sizeof(own), "st_p%d", idx);
	proc_fd = dev_open();
	if (proc_fd < 0 || !t)
		return 2;
	err = dev_name_op(proc_fd, PYMM_OP_HEAP_CREATE, own, quota_mb << 20);
	if (err && err != -EEXIST)
		fail(NULL, "create own heap", PYMM_OP_HEAP_CREATE, err);
	dev_name_op(proc_fd, PYMM_OP_HEAP_ATTACH, SHARED_HEAP, 0);
	for (i = 0; i < nthread; i++) {
		t[i].id = i;
		t[i].seed = 0x9e3779b97f4a7c15ull * (idx * 64 + i + 1) ^ (uint64_t)getpid();
		strcpy(t[i].home, i % 2 ? own : SHARED_HEAP);
		pthread_create(&th[i], NULL, thread_main, &t[i]);
	}
	for (i = 0; i < nthread; i++)
		pthread_join(th[i], NULL);
	return 0;
}

static pid_t spawn(int idx)
{
	pid_t p = fork();

	if (p == 0)
		_exit(child(idx));
	return p;
}

/* verify and destroy every heap left; returns how many were verified */
static int final_check(void)
{
	static struct pymm_heap_info info[256];
	uint64_t n = 0;
	int fd = dev_open(), err, i, verified = 0;

	if (fd < 0)
		return -1;
	err = dev_op(fd, PYMM_OP_HEAP_LIST, 0, 0, 0, 0, info, sizeof(info), &n);
	if (err) {
		fail(NULL, "HEAP_LIST", PYMM_OP_HEAP_LIST, err);
		return -1;
	}
	for (i = 0; i < (int)n && i < 256; i++) {
		if (strncmp(info[i].name, "st_", 3))
			continue;
		err = dev_name_op(fd, PYMM_OP_HEAP_ATTACH, info[i].name, 0);
		if (!err)
			err = dev_verify(fd);
		if (err)
			fail(NULL, info[i].name, PYMM_OP_HEAP_VERIFY, err);
		else
			verified++;
		dev_op(fd, PYMM_OP_GC_COLLECT, 0, 2, 0, 0, NULL, 0, NULL);
		if (!err)
			err = dev_verify(fd);
		if (err)
			fail(NULL, "after collect", PYMM_OP_HEAP_VERIFY, err);
		dev_name_op(fd, PYMM_OP_HEAP_ATTACH, PYMM_DEFAULT_HEAP, 0);
		err = dev_name_op(fd, PYMM_OP_HEAP_DESTROY, info[i].name, 0);
		if (err)
			fail(NULL, "destroy", PYMM_OP_HEAP_DESTROY, err);
	}
	close(fd);
	return verified;
}

int main(int argc, char **argv)
{
	pid_t pids[MAXPROC];
	int opt, i, live, nkilled = 0, next_idx, verified, status;
	double start, next_kill;
	uint64_t seed = (uint64_t)time(NULL);
	int fd;

	while ((opt = getopt(argc, argv, "p:t:s:n:k:q:")) != -1) {
		switch (opt) {
		case 'p': nproc = atoi(optarg); break;
		case 't': nthread = atoi(optarg); break;
		case 's': seconds = atoi(optarg); break;
		case 'n': max_ops = atol(optarg); break;
		case 'k': kills = atoi(optarg); break;
		case 'q': quota_mb = strtoull(optarg, NULL, 0); break;
		default:
			fprintf(stderr, "usage: stress [-p PROCS] [-t THREADS] [-s SECONDS] "
				"[-n OPS] [-k KILLS] [-q QUOTA_MB]\n");
			return 2;
		}
	}
	if (nproc < 1 || nproc > MAXPROC / 2 || nthread < 1 || nthread > 64)
		return 2;
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 2;
	fd = dev_open();
	if (fd < 0) {
		perror("/dev/pymm");
		return 4;
	}
	i = dev_name_op(fd, PYMM_OP_HEAP_CREATE, SHARED_HEAP, quota_mb << 20);
	if (i && i != -EEXIST) {
		fprintf(stderr, "stress: create %s: %d\n", SHARED_HEAP, i);
		return 1;
	}
	start = now();
	deadline = start + seconds;
	for (i = 0; i < nproc; i++)
		pids[i] = spawn(i);
	next_idx = nproc;
	next_kill = start + (double)seconds / (kills + 1);
	for (;;) {
		pid_t p = waitpid(-1, &status, WNOHANG);

		if (p > 0) {
			for (i = 0; i < nproc; i++)
				if (pids[i] == p)
					pids[i] = 0;
			if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL) {
				fprintf(stderr, "stress: child died of signal %d\n", WTERMSIG(status));
				sh->failures++;
			} else if (WIFEXITED(status) && WEXITSTATUS(status)) {
				fprintf(stderr, "stress: child exit %d\n", WEXITSTATUS(status));
				sh->failures++;
			}
			continue;
		}
		for (live = 0, i = 0; i < nproc; i++)
			live += pids[i] != 0;
		if (!live)
			break;
		if (nkilled < kills && now() >= next_kill && now() < deadline - 1) {
			i = rnd(&seed) % nproc;
			if (pids[i] && next_idx < MAXPROC) {
				kill(pids[i], SIGKILL);
				waitpid(pids[i], &status, 0);
				nkilled++;
				pids[i] = spawn(next_idx++);
			}
			next_kill += (double)seconds / (kills + 1);
		}
		if (now() > deadline + 60) {
			fprintf(stderr, "stress: children hang past the deadline\n");
			sh->failures++;
			for (i = 0; i < nproc; i++)
				if (pids[i])
					kill(pids[i], SIGKILL);
		}
		usleep(20000);
	}
	/* the shared heap must verify before anything is torn down */
	if (dev_name_op(fd, PYMM_OP_HEAP_ATTACH, SHARED_HEAP, 0) || dev_verify(fd)) {
		fprintf(stderr, "stress: shared heap fails to verify\n");
		sh->failures++;
	}
	dev_name_op(fd, PYMM_OP_HEAP_ATTACH, PYMM_DEFAULT_HEAP, 0);
	close(fd);
	verified = final_check();
	printf("stress: %llu ops (%.0f ops/s) by %d procs x %d threads, %d killed, "
	       "%llu verifies during, %d heaps verified at the end, %llu failures\n",
	       (unsigned long long)sh->ops, sh->ops / (now() - start), nproc, nthread, nkilled,
	       (unsigned long long)sh->verifies, verified, (unsigned long long)sh->failures);
	printf("stress: op errors by errno:");
	for (i = 0; i < 256; i++)
		if (sh->errs[i])
			printf(" %s=%llu", strerrorname_np(i) ? strerrorname_np(i) : "?",
			       (unsigned long long)sh->errs[i]);
	printf("\n");
	return sh->failures || verified < 1 ? 1 : 0;
}
