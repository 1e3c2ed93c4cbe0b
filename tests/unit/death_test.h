/* SPDX-License-Identifier: GPL-2.0 */
/*
 * death_test.h - a check that must stop the program: fn(arg) runs in a
 * forked child with its stderr captured, and unit_dies_saying() is true if
 * the child died of SIGABRT and said want.  The user-space host aborts on a
 * lock not held (pymm_lockdep_assert_held()) and on a broken invariant of a
 * debug build (PYMM_INVARIANT()), both in platform.h; test_locks and
 * test_invariants provoke each on purpose.  Include after unit_test.h.
 */
#ifndef PYMM_TESTS_DEATH_TEST_H
#define PYMM_TESTS_DEATH_TEST_H

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static __attribute__((unused)) bool unit_dies_saying(void (*fn)(void *), void *arg,
						     const char *want)
{
	char out[1024];
	ssize_t n, got = 0;
	int fds[2], status;
	pid_t pid;

	if (!CHECK(pipe(fds) == 0))
		return false;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 2);
		fn(arg);
		_exit(0);	/* the check did not fire */
	}
	close(fds[1]);
	if (!CHECK(pid > 0))
		return false;
	while (got < (ssize_t)sizeof(out) - 1 &&
	       (n = read(fds[0], out + got, sizeof(out) - 1 - got)) > 0)
		got += n;
	out[got] = 0;
	close(fds[0]);
	waitpid(pid, &status, 0);
	NOTE("child said: %s", out);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT && strstr(out, want);
}

#endif /* PYMM_TESTS_DEATH_TEST_H */
