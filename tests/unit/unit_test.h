/* SPDX-License-Identifier: GPL-2.0 */
/*
 * unit_test.h - the smallest harness that does the job, shared by every
 * tests/unit/test_*.c (one program each, built under ASan/UBSan).
 *
 *	static void test_foo(void)
 *	{
 *		CHECK(p != NULL);
 *		CHECK_EQ(st.arenas_current, 0);
 *	}
 *
 *	int main(int argc, char **argv)
 *	{
 *		unit_init(argc, argv);		// optional: "-v", "-s SEED"
 *		RUN(test_foo);
 *		return unit_summary();		// 0 iff every check passed
 *	}
 *
 * A failed check prints file:line, the expression (and both values for
 * CHECK_EQ/CHECK_NE) and lets the test go on, so one run shows every
 * failure; RUN prints TAP lines "ok N name" / "not ok N name" (the plan
 * comes last).  After 50 failures a test stops printing.  CHECK returns its truth, so
 * "if (!CHECK(p)) return;" guards a dereference.
 */
#ifndef PYMM_UNIT_TEST_H
#define PYMM_UNIT_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include <stdint.h>

static unsigned long unit_checks;
static unsigned long unit_failures;
static unsigned long unit_test_failures;	/* in the running test */
static unsigned int unit_tests_run, unit_tests_failed;
static unsigned long long unit_seed = 1;
static bool unit_verbose;
static const char *unit_prog = "unit";

static inline bool unit_check(bool ok, const char *expr, const char *file, int line)
{
	unit_checks++;
	if (ok)
		return true;
	unit_failures++;
	if (++unit_test_failures <= 50)
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", file, line, expr);
	return false;
}

static inline bool unit_check_eq(bool eq, unsigned long long a, unsigned long long b,
				 const char *ea, const char *eb, const char *op,
				 const char *file, int line)
{
	unit_checks++;
	if (eq)
		return true;
	unit_failures++;
	if (++unit_test_failures <= 50)
		fprintf(stderr, "%s:%d: CHECK failed: %s %s %s (%lld vs %lld; %#llx vs %#llx)\n",
			file, line, ea, op, eb, (long long)a, (long long)b, a, b);
	return false;
}

#define CHECK(cond)	unit_check(!!(cond), #cond, __FILE__, __LINE__)
#define CHECK_EQ(a, b)	({						\
	unsigned long long _ua = (unsigned long long)(a);		\
	unsigned long long _ub = (unsigned long long)(b);		\
	unit_check_eq(_ua == _ub, _ua, _ub, #a, #b, "==", __FILE__, __LINE__); })
#define CHECK_NE(a, b)	({						\
	unsigned long long _ua = (unsigned long long)(a);		\
	unsigned long long _ub = (unsigned long long)(b);		\
	unit_check_eq(_ua != _ub, _ua, _ub, #a, #b, "!=", __FILE__, __LINE__); })

/* Progress notes, shown with -v only. */
#define NOTE(...)	do {					\
	if (unit_verbose) {						\
		fprintf(stderr, "# " __VA_ARGS__);			\
		fputc('\n', stderr);					\
	}								\
} while (0)

static inline void unit_run(void (*fn)(void), const char *name)
{
	unit_test_failures = 0;
	unit_tests_run++;
	fn();
	if (unit_test_failures) {
		unit_tests_failed++;
		printf("not ok %u %s (%lu failed checks)\n", unit_tests_run, name,
		       unit_test_failures);
	} else {
		printf("ok %u %s\n", unit_tests_run, name);
	}
	fflush(stdout);
}

#define RUN(fn)		unit_run(fn, #fn)

/* -v: verbose; -s SEED (or $UNIT_SEED): base seed for randomized tests. */
static inline void unit_init(int argc, char **argv)
{
	const char *env = getenv("UNIT_SEED");
	int i;

	if (argc > 0)
		unit_prog = argv[0];
	if (env)
		unit_seed = strtoull(env, NULL, 0);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v"))
			unit_verbose = true;
		else if (!strcmp(argv[i], "-s") && i + 1 < argc)
			unit_seed = strtoull(argv[++i], NULL, 0);
	}
	printf("TAP version 13\n# %s: seed %llu\n", unit_prog, unit_seed);
}

static inline int unit_summary(void)
{
	printf("1..%u\n", unit_tests_run);
	printf("# %s: %u tests, %u failed; %lu checks, %lu failed\n", unit_prog,
	       unit_tests_run, unit_tests_failed, unit_checks, unit_failures);
	return unit_failures ? 1 : 0;
}

/* xorshift64*: reproducible across libcs, unlike rand(). */
static inline unsigned long long unit_rand(unsigned long long *state)
{
	unsigned long long x = *state ? *state : 0x9e3779b97f4a7c15ULL;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* Uniform in [lo, hi]. */
static inline unsigned long long unit_range(unsigned long long *state,
					    unsigned long long lo, unsigned long long hi)
{
	return lo + unit_rand(state) % (hi - lo + 1);
}

#endif /* PYMM_UNIT_TEST_H */
