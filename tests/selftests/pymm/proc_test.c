// SPDX-License-Identifier: GPL-2.0
/*
 * proc_test.c - /proc/pymm (docs/proc.md) agrees with what was done through
 * /dev/pymm and with the core's own snapshot (PYMM_OP_ALLOC_STATS):
 *
 *   - N new blocks of one size show up as +N in exactly one class row of
 *     mallocstats, a bigger size in a higher class;
 *   - the byte budget lines add up to the arena total, before and after;
 *   - freeing everything gives the arenas back (arenas current = baseline);
 *   - heaps lists the heap; arenas has one line per arena and its pool map
 *     agrees with the class table;
 *   - another user does not see our heap in any file;
 *   - no kernel address appears anywhere.
 *
 * Runs as root inside the VM; skips (exit 4) if /dev/pymm is absent.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pymm.h"
#include "kselftest_harness.h"

#define DEV "/dev/pymm"
#define NCLS 32

static void op_init(struct pymm_op *op, __u32 code)
{
	memset(op, 0, sizeof(*op));
	op->code = code;
}

static int run_op(int fd, struct pymm_op *op)
{
	if (ioctl(fd, PYMM_IOC_OP, op))
		return -errno;
	return op->error;
}

static int heap_op(int fd, __u32 code, const char *name)
{
	struct pymm_op op;

	op_init(&op, code);
	op.data = (uintptr_t)name;
	op.data_len = strlen(name) + 1;
	return run_op(fd, &op);
}

/* n NEW_BYTES of len bytes each, in batches; handles into h[]. */
static int new_many(int fd, unsigned int n, __u32 len, __u64 *h)
{
	static char payload[4096];
	struct pymm_op *ops = calloc(n, sizeof(*ops));
	struct pymm_batch b;
	unsigned int i, done = 0;
	int err = 0;

	if (!ops)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		op_init(&ops[i], PYMM_OP_NEW_BYTES);
		ops[i].data = (uintptr_t)payload;
		ops[i].data_len = len;
	}
	while (done < n && !err) {
		unsigned int chunk = n - done < PYMM_BATCH_MAX ? n - done : PYMM_BATCH_MAX;

		b = (struct pymm_batch){ (uintptr_t)&ops[done], chunk, sizeof(*ops),
					 PYMM_BATCHF_STOP_ON_ERROR, 0 };
		if (ioctl(fd, PYMM_IOC_BATCH, &b))
			err = -errno;
		else if (b.done != chunk)
			err = ops[done + b.done - 1].error ?: -EIO;
		done += b.done;
	}
	for (i = 0; i < n; i++)
		h[i] = ops[i].ret[0];
	free(ops);
	return err;
}

static int close_many(int fd, unsigned int n, const __u64 *h)
{
	struct pymm_op *ops = calloc(n, sizeof(*ops));
	struct pymm_batch b;
	unsigned int i, done = 0;
	int err = 0;

	if (!ops)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		op_init(&ops[i], PYMM_OP_CLOSE);
		ops[i].arg[0] = h[i];
	}
	while (done < n && !err) {
		unsigned int chunk = n - done < PYMM_BATCH_MAX ? n - done : PYMM_BATCH_MAX;

		b = (struct pymm_batch){ (uintptr_t)&ops[done], chunk, sizeof(*ops),
					 PYMM_BATCHF_STOP_ON_ERROR, 0 };
		if (ioctl(fd, PYMM_IOC_BATCH, &b))
			err = -errno;
		else if (b.done != chunk)
			err = ops[done + b.done - 1].error ?: -EIO;
		done += b.done;
	}
	free(ops);
	return err;
}

static unsigned int param(const char *name, unsigned int dflt)
{
	char path[128];
	unsigned int v = dflt;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/pymm/parameters/%s", name);
	f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%u", &v) != 1)
			v = dflt;
		fclose(f);
	}
	return v;
}

static unsigned int arena_kib(void)
{
	return param("arena_kib", 256);
}

/* The whole file; NULL on error.  Caller frees. */
static char *slurp(const char *path)
{
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || !buf) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	for (;;) {
		if (cap - len < 4096) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf)
				break;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n <= 0)
			break;
		len += n;
	}
	close(fd);
	if (buf)
		buf[len] = '\0';
	return buf;
}

/*
 * arenas_shrunk of /proc/pymm/summary: spares memory pressure took (the
 * module's shrinker), which background reclaim in the guest may do at any
 * time; -1 if missing.
 */
static long long shrunk(void)
{
	char *text = slurp("/proc/pymm/summary"), *p;
	long long v = -1;

	p = text ? strstr(text, "\narenas_shrunk ") : NULL;
	if (p && sscanf(p, " arenas_shrunk %lld", &v) != 1)
		v = -1;
	free(text);
	return v;
}

/*
 * The section of a per-heap file that belongs to heap name: from its
 * "heap NAME (owner uid U)" title to the next title.  Cut in place.
 */
static char *section(char *text, const char *name)
{
	char title[64], *s, *end;

	snprintf(title, sizeof(title), "heap %s (owner uid ", name);
	s = strstr(text, title);
	if (!s || (s != text && s[-1] != '\n'))
		return NULL;
	end = strstr(s + 1, "\nheap ");
	if (end)
		end[1] = '\0';
	return s;
}

/* "label      =      1,234,567" -> 1234567 */
static long long value_of(const char *line)
{
	const char *eq = strchr(line, '=');
	long long v = 0;

	if (!eq)
		return -1;
	for (eq++; *eq && *eq != '\n'; eq++) {
		if (*eq >= '0' && *eq <= '9')
			v = v * 10 + (*eq - '0');
		else if (*eq != ',' && *eq != ' ')
			return -1;
	}
	return v;
}

struct ms {
	long long pools[NCLS], in_use[NCLS], avail[NCLS], size[NCLS];
	long long arenas_current, arena_bytes, budget, total;
	int budget_lines;
};

/* Parses our heap's mallocstats section; 0 or -1. */
static int mallocstats(const char *name, struct ms *ms)
{
	char *text = slurp("/proc/pymm/mallocstats");
	char *sec, *line, *save = NULL;
	int in_table = 0, in_budget = 0, rc = -1;

	memset(ms, 0, sizeof(*ms));
	ms->arenas_current = ms->arena_bytes = ms->total = -1;
	if (!text)
		return -1;
	sec = section(text, name);
	if (!sec)
		goto out;
	for (line = strtok_r(sec, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned int idx, size;
		long long p, u, a, n;

		if (!strncmp(line, "-----", 5)) {
			in_table = 1;
			continue;
		}
		if (in_table) {
			if (sscanf(line, "%u %u %lld %lld %lld", &idx, &size, &p, &u, &a) == 5 &&
			    idx < NCLS) {
				ms->size[idx] = size;
				ms->pools[idx] = p;
				ms->in_use[idx] = u;
				ms->avail[idx] = a;
				continue;
			}
			in_table = 0;
		}
		if (!strncmp(line, "# arenas allocated current", 26))
			ms->arenas_current = value_of(line);
		if (sscanf(line, "%lld arenas * %u bytes/arena", &n, &size) == 2) {
			ms->arena_bytes = value_of(line);
			in_budget = 1;
			continue;
		}
		if (in_budget && !strncmp(line, "Total", 5)) {
			ms->total = value_of(line);
			in_budget = 0;
			continue;
		}
		if (in_budget) {
			ms->budget += value_of(line);
			ms->budget_lines++;
		}
	}
	rc = 0;
out:
	free(text);
	return rc;
}

FIXTURE(proc) {
	int fd;
	char name[PYMM_HEAP_NAME_MAX];
};

FIXTURE_SETUP(proc)
{
	self->fd = open(DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd);
	snprintf(self->name, sizeof(self->name), "pt-%d-%s", (int)getpid(),
		 _metadata->name);
	self->name[20] = '\0';
	ASSERT_EQ(0, heap_op(self->fd, PYMM_OP_HEAP_CREATE, self->name));
	ASSERT_EQ(0, heap_op(self->fd, PYMM_OP_HEAP_ATTACH, self->name));
}

FIXTURE_TEARDOWN(proc)
{
	int fd;

	close(self->fd);
	fd = open(DEV, O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		heap_op(fd, PYMM_OP_HEAP_DESTROY, self->name);
		close(fd);
	}
}

static void expect_budget(struct __test_metadata *_metadata, const struct ms *ms)
{
	EXPECT_EQ(6, ms->budget_lines);
	EXPECT_EQ(ms->arena_bytes, ms->budget);
	EXPECT_EQ(ms->arena_bytes, ms->total);
	EXPECT_LE(0, ms->arenas_current);
}

/* the class whose blocks-in-use grew most from x to y, and by how much */
static int grown_class(const struct ms *x, const struct ms *y, long long *by)
{
	int c, best = -1;

	*by = 0;
	for (c = 0; c < NCLS; c++) {
		if (y->in_use[c] - x->in_use[c] > *by) {
			*by = y->in_use[c] - x->in_use[c];
			best = c;
		}
	}
	return best;
}

TEST_F(proc, mallocstats_follows_allocations)
{
	enum { M = 400 };
	/* 100-byte objects in blocks of 112 bytes or more: > 1.3 arenas */
	const unsigned int N = arena_kib() * 12;
	struct {
		struct pymm_alloc_stats a;
		struct pymm_class_stats cls[NCLS];
	} snap;
	struct ms base, s1, s2, s3;
	static __u64 h1[1024 * 12], h2[M];
	unsigned int idle_ms, waited;
	long long spares, shrunk0;
	struct pymm_op op;
	long long by;
	int c1, c2, c;

	ASSERT_EQ(0, mallocstats(self->name, &base));
	expect_budget(_metadata, &base);

	/* N blocks of one size: one class, exactly +N, new arenas needed */
	ASSERT_EQ(0, new_many(self->fd, N, 100, h1));
	ASSERT_EQ(0, mallocstats(self->name, &s1));
	expect_budget(_metadata, &s1);
	c1 = grown_class(&base, &s1, &by);
	ASSERT_LE(0, c1);
	EXPECT_EQ(N, by);
	EXPECT_LE(100, s1.size[c1]);
	EXPECT_LT(base.arenas_current, s1.arenas_current);
	for (c = 0; c < NCLS; c++)
		if (c != c1)
			EXPECT_EQ(base.in_use[c], s1.in_use[c]);

	/* a bigger size lands in a higher class */
	ASSERT_EQ(0, new_many(self->fd, M, 300, h2));
	ASSERT_EQ(0, mallocstats(self->name, &s2));
	expect_budget(_metadata, &s2);
	c2 = grown_class(&s1, &s2, &by);
	EXPECT_EQ(M, by);
	EXPECT_LT(c1, c2);
	EXPECT_EQ(s1.in_use[c1], s2.in_use[c1]);

	/* /proc prints the core's snapshot, figure for figure */
	op_init(&op, PYMM_OP_ALLOC_STATS);
	op.data = (uintptr_t)&snap;
	op.data_len = sizeof(snap);
	ASSERT_EQ(0, run_op(self->fd, &op));
	EXPECT_EQ(s2.arenas_current, snap.a.arenas_current);
	EXPECT_EQ(s2.arena_bytes, snap.a.arenas_current * snap.a.arena_size);
	for (c = 0; c < NCLS; c++) {
		EXPECT_EQ(s2.pools[c], snap.cls[c].pools);
		EXPECT_EQ(s2.in_use[c], snap.cls[c].blocks_in_use);
		EXPECT_EQ(s2.avail[c], snap.cls[c].blocks_free);
	}

	/*
	 * everything freed: the blocks go back, and the arenas but 1 MiB of
	 * spares (none with arena_idle_ms=0), which the module's timer returns
	 * within two idle periods, and memory pressure at once (those count
	 * in arenas_shrunk)
	 */
	shrunk0 = shrunk();
	ASSERT_LE(0, shrunk0);
	ASSERT_EQ(0, close_many(self->fd, N, h1));
	ASSERT_EQ(0, close_many(self->fd, M, h2));
	ASSERT_EQ(0, mallocstats(self->name, &s3));
	expect_budget(_metadata, &s3);
	EXPECT_EQ(base.in_use[c1], s3.in_use[c1]);
	EXPECT_EQ(base.in_use[c2], s3.in_use[c2]);
	idle_ms = param("arena_idle_ms", 1000);
	spares = !idle_ms ? 0 : arena_kib() >= 1024 ? 1 : 1024 / arena_kib();
	if (spares > s2.arenas_current - base.arenas_current)
		spares = s2.arenas_current - base.arenas_current;
	EXPECT_GE(base.arenas_current + spares, s3.arenas_current);
	EXPECT_LE(base.arenas_current + spares,
		  s3.arenas_current + shrunk() - shrunk0);
	for (waited = 0; s3.arenas_current != base.arenas_current &&
	     waited < 2 * idle_ms + 1000; waited += 100) {
		usleep(100 * 1000);
		ASSERT_EQ(0, mallocstats(self->name, &s3));
	}
	EXPECT_EQ(base.arenas_current, s3.arenas_current);
}

TEST_F(proc, heaps_lists_the_heap)
{
	char *text = slurp("/proc/pymm/heaps");
	char *line;
	unsigned int uid, clients;
	char name[64];

	ASSERT_NE(NULL, text);
	EXPECT_EQ(0, strncmp(text, "name ", 5));
	line = strstr(text, self->name);
	ASSERT_NE(NULL, line);
	ASSERT_EQ(3, sscanf(line, "%63s %u %u", name, &uid, &clients));
	EXPECT_STREQ(self->name, name);
	EXPECT_EQ(geteuid(), uid);
	EXPECT_EQ(1, clients);
	free(text);
}

TEST_F(proc, arenas_map_matches_class_table)
{
	static __u64 h[2000];
	char *text, *sec, *line, *save = NULL;
	long long pools_seen[NCLS] = { 0 };
	unsigned int serial, total, nfree, lines = 0;
	struct ms ms;
	char map[128];
	int c;

	ASSERT_EQ(0, new_many(self->fd, 2000, 200, h));
	ASSERT_EQ(0, mallocstats(self->name, &ms));
	text = slurp("/proc/pymm/arenas");
	ASSERT_NE(NULL, text);
	sec = section(text, self->name);
	ASSERT_NE(NULL, sec);
	for (line = strtok_r(sec, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned int i, empty = 0, unusable = 0;

		if (sscanf(line, "%u %u %u %127s", &serial, &total, &nfree, map) != 4)
			continue;
		lines++;
		EXPECT_EQ(64, strlen(map));
		for (i = 0; map[i]; i++) {
			char ch = map[i];

			if (ch == '.')
				empty++;
			else if (ch == '#')
				unusable++;
			else if (ch >= '0' && ch <= '9')
				pools_seen[ch - '0']++;
			else if (ch >= 'a' && ch <= 'v')
				pools_seen[ch - 'a' + 10]++;
		}
		EXPECT_EQ(nfree, empty);
		EXPECT_EQ(64 - total, unusable);
	}
	EXPECT_EQ(ms.arenas_current, lines);
	EXPECT_LT(0, lines);
	for (c = 0; c < NCLS; c++)
		EXPECT_EQ(ms.pools[c], pools_seen[c]);
	free(text);
	ASSERT_EQ(0, close_many(self->fd, 2000, h));
}

static const char *const files[] = { "heaps", "mallocstats", "arenas", "gc" };

TEST_F(proc, other_users_do_not_see_the_heap)
{
	unsigned int i;
	int status;
	pid_t pid;

	/* root does: the check below is not vacuous */
	for (i = 0; i < 4; i++) {
		char path[64], *text;

		snprintf(path, sizeof(path), "/proc/pymm/%s", files[i]);
		text = slurp(path);
		ASSERT_NE(NULL, text);
		EXPECT_NE(NULL, strstr(text, self->name)) TH_LOG("%s", path);
		free(text);
	}
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
			_exit(2);
		for (i = 0; i < 4; i++) {
			char path[64], *text;

			snprintf(path, sizeof(path), "/proc/pymm/%s", files[i]);
			text = slurp(path);
			if (!text)
				_exit(3);
			if (strstr(text, self->name))
				_exit(10 + i);
			free(text);
		}
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_F(proc, summary_and_gc_and_no_addresses)
{
	static const char *const all[] = { "summary", "heaps", "mallocstats", "arenas", "gc" };
	unsigned long long heaps = 0;
	char *text, *p, *sec, want[40];
	unsigned int i;
	int gen;

	text = slurp("/proc/pymm/summary");
	ASSERT_NE(NULL, text);
	snprintf(want, sizeof(want), "\nabi                 %u\n", PYMM_ABI_VERSION);
	EXPECT_NE(NULL, strstr(text, want));
	p = strstr(text, "\nheaps ");
	ASSERT_NE(NULL, p);
	EXPECT_EQ(1, sscanf(p, " heaps %llu", &heaps));
	EXPECT_LE(1, heaps);
	free(text);

	text = slurp("/proc/pymm/gc");
	ASSERT_NE(NULL, text);
	sec = section(text, self->name);
	ASSERT_NE(NULL, sec);
	for (gen = 0; gen < 3; gen++) {
		char start[8];

		snprintf(start, sizeof(start), "\n  %d ", gen);
		EXPECT_NE(NULL, strstr(sec, start));
	}
	free(text);

	for (i = 0; i < ARRAY_SIZE(all); i++) {
		char path[64];

		snprintf(path, sizeof(path), "/proc/pymm/%s", all[i]);
		text = slurp(path);
		ASSERT_NE(NULL, text);
		EXPECT_EQ(NULL, strstr(text, "ffff")) TH_LOG("%s", path);
		EXPECT_EQ(NULL, strstr(text, "0x0000")) TH_LOG("%s", path);
		free(text);
	}
}

#define main pymm_harness_main
TEST_HARNESS_MAIN
#undef main

int main(int argc, char **argv)
{
	if (access(DEV, F_OK))
		ksft_exit_skip(DEV " absent: pymm.ko not loaded\n");
	return pymm_harness_main(argc, argv);
}
