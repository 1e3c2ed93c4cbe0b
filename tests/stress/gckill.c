// SPDX-License-Identifier: GPL-2.0
/*
 * gckill.c - SIGKILL must end a batch of full collections promptly (issue
 * #12, next round).  A collection is not budgeted (it cannot stop
 * halfway) and draws no steps, so a PYMM_IOC_BATCH chunk of 32 of them
 * held the heap and ignored SIGKILL until the chunk was done.
 *
 * Run as root: a uid 65534 child fills a heap of its own with lists of
 * 2^20 references to one tracked list until its quota refuses, times one
 * full collection, then runs 32 in one batch; the parent SIGKILLs it
 * 200 ms into the batch and times how long until it is gone.  Prints both;
 * exit 0 if it was gone within -b MS (default 2000) or within two
 * collections, whichever is longer, 1 if not, 4 if one collection was too
 * short (under 20 ms) to tell.
 */
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>

#include "pymm_dev.h"

static volatile double *sh;	/* [0] one collection's s, [1] batch started (time) */

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int fill(int fd)
{
	uint64_t x, one, n, big, hs[1];
	unsigned long long refs = 0;

	if (dev_op(fd, PYMM_OP_NEW_LIST, 0, 0, 0, 0, NULL, 0, &x))
		return -1;
	hs[0] = x;
	if (dev_op(fd, PYMM_OP_NEW_LIST, 0, 0, 0, 0, hs, sizeof(hs), &one) ||
	    dev_op(fd, PYMM_OP_NEW_INT, 0, 1u << 20, 0, 0, NULL, 0, &n))
		return -1;
	while (!dev_op(fd, PYMM_OP_BINOP, 0, one, n, PYMM_BIN_MUL, NULL, 0, &big))
		refs += 1u << 20;
	return refs ? 0 : -1;
}

static void child(void)
{
	struct pymm_op ops[32];
	struct pymm_batch b = {
		.ops = (uintptr_t)ops, .count = 32, .op_size = sizeof(ops[0]),
	};
	double t;
	int fd, i;

	if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
		_exit(2);
	fd = dev_open();
	if (fd < 0 || dev_name_op(fd, PYMM_OP_HEAP_CREATE, "gckill", 0) ||
	    dev_name_op(fd, PYMM_OP_HEAP_ATTACH, "gckill", 0) ||
	    dev_op(fd, PYMM_OP_GC_DISABLE, 0, 0, 0, 0, NULL, 0, NULL) || fill(fd))
		_exit(3);
	t = now_s();
	dev_op(fd, PYMM_OP_GC_COLLECT, 0, 2, 0, 0, NULL, 0, NULL);
	sh[0] = now_s() - t;
	memset(ops, 0, sizeof(ops));
	for (i = 0; i < 32; i++) {
		ops[i].code = PYMM_OP_GC_COLLECT;
		ops[i].arg[0] = 2;
	}
	sh[1] = now_s();
	ioctl(fd, PYMM_IOC_BATCH, &b);
	sh[2] = now_s();
	_exit(0);
}

int main(int argc, char **argv)
{
	double bound = 2.0, t0, gone, limit;
	int st;
	pid_t pid;

	if (argc == 3 && !strcmp(argv[1], "-b"))
		bound = atoi(argv[2]) / 1000.0;
	sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 1;
	pid = fork();
	if (!pid)
		child();
	while (!sh[1]) {
		if (waitpid(pid, &st, WNOHANG) == pid) {
			fprintf(stderr, "gckill: child setup failed (%d)\n", WEXITSTATUS(st));
			return 1;
		}
		usleep(1000);
	}
	while (now_s() < sh[1] + 0.2)
		usleep(1000);
	t0 = now_s();
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	gone = now_s() - t0;
	{
		/* root removes the dead child's heap: no state for later checks */
		int fd = dev_open();

		if (fd >= 0) {
			dev_name_op(fd, PYMM_OP_HEAP_DESTROY, "gckill", 0);
			close(fd);
		}
	}
	limit = bound > 2 * sh[0] ? bound : 2 * sh[0];
	printf("gckill: one full collection %.3f s; SIGKILL 0.2 s into a batch of 32: gone in %.3f s (bound %.3f s)%s\n",
	       sh[0], gone, limit, sh[2] ? " (the batch had finished)" : "");
	if (sh[0] < 0.02) {
		printf("SKIP: a collection too short to tell\n");
		return 4;
	}
	return gone <= limit ? 0 : 1;
}
