// SPDX-License-Identifier: GPL-2.0
/*
 * isolation.c - another user's heap is out of reach, limits hold under
 * attack, and nothing shows a kernel address.  Run as root in the guest:
 *
 *   1. root creates heap "iso_root" (not the public default heap) with
 *      objects and a global name;
 *   2. a child drops to uid/gid 65534 (nobody) and, through /dev/pymm,
 *      tries to attach to, destroy, re-quota, list and probe that heap
 *      (every attempt must fail, and HEAP_LIST must not show it) and uses
 *      root's handle values on its own file (-EBADF/-ENOTCONN, never an
 *      object);
 *   3. the child reads every /proc/pymm file: "iso_root" must not appear;
 *   4. quota attack, as nobody: one heap, allocate 64 KiB bytes objects until
 *      refused (must be -EDQUOT within the quota), then create heaps until
 *      refused (-EUSERS at max_heaps_per_user) and fill each until refused;
 *      every refusal clean, the kernel keeps working, and root can still
 *      allocate (if not: a finding, see -s);
 *   5. every output (device buffers and ret values of identity ops, /proc
 *      /pymm files, /sys/module/pymm/parameters, the pymm lines of dmesg) is
 *      scanned for kernel addresses: "0xffff" + 12 hex digits, a 16-digit hex
 *      word starting ffff, or a binary 8-byte word 0xffff............ that is
 *      not a small negative number.
 *
 *   isolation [-s]   -s: strict, a user able to starve root fails the run
 * Exit 0 pass, 1 fail, 4 skip.  Prints each check it made.
 */
#include <grp.h>
#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "pymm_dev.h"

#define NOBODY	65534
#define BIG	(64u << 10)

static int failures, checks;
static regex_t kaddr;

#define EXPECT(cond, ...) do { checks++; if (!(cond)) { failures++; \
	printf("FAIL: "); printf(__VA_ARGS__); printf("\n"); } } while (0)

static bool is_err(int e, int a, int b, int c)
{
	return e == a || e == b || e == c;
}

/* ---- kernel-address scans */

static void scan_text(const char *what, const char *s)
{
	regmatch_t m;

	checks++;
	if (!regexec(&kaddr, s, 1, &m, 0)) {
		failures++;
		printf("FAIL: kernel address in %s: %.*s\n", what, (int)(m.rm_eo - m.rm_so),
		       s + m.rm_so);
	}
}

static void scan_bin(const char *what, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	checks++;
	for (i = 0; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, b + i, 8);
		if ((w >> 48) == 0xffff && (int64_t)w < -65536) {
			failures++;
			printf("FAIL: kernel-looking word %#llx at byte %zu of %s\n",
			       (unsigned long long)w, i, what);
			return;
		}
	}
}

static void scan_u64(const char *what, uint64_t w)
{
	scan_bin(what, &w, 8);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t cap = 1 << 16, n = 0, k;
	char *s = malloc(cap + 1);

	if (!f || !s) {
		if (f)
			fclose(f);
		free(s);
		return NULL;
	}
	while ((k = fread(s + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap) {
			cap *= 2;
			s = realloc(s, cap + 1);
			if (!s)
				break;
		}
	}
	fclose(f);
	if (s)
		s[n] = 0;
	return s;
}

static const char *proc_files[] = {
	"/proc/pymm/summary", "/proc/pymm/heaps", "/proc/pymm/mallocstats",
	"/proc/pymm/arenas", "/proc/pymm/gc", NULL,
};

/* ---- root's heap */

struct root_heap {
	uint64_t h[6];
};

static int setup_root(int fd, struct root_heap *rh)
{
	int err = dev_name_op(fd, PYMM_OP_HEAP_CREATE, "iso_root", 0);

	if (err && err != -EEXIST)
		return err;
	err = dev_name_op(fd, PYMM_OP_HEAP_ATTACH, "iso_root", 0);
	if (err)
		return err;
	dev_op(fd, PYMM_OP_NEW_STR, 0, 0, 0, 0, "root secret", 11, &rh->h[0]);
	dev_op(fd, PYMM_OP_NEW_LIST, 0, 0, 0, 0, &rh->h[0], 8, &rh->h[1]);
	dev_op(fd, PYMM_OP_NEW_CLASS, 0, 0, 0, 0, "Secret", 6, &rh->h[2]);
	dev_op(fd, PYMM_OP_NEW_INSTANCE, 0, rh->h[2], 0, 0, NULL, 0, &rh->h[3]);
	dev_op(fd, PYMM_OP_NEW_FUNCTION, 0, 5, 0, 0, "fn", 2, &rh->h[4]);
	dev_op(fd, PYMM_OP_NEW_WEAKREF, 0, rh->h[3], 0, 0, NULL, 0, &rh->h[5]);
	return dev_op(fd, PYMM_OP_NAME_BIND, 0, rh->h[1], 0, 0, "secret", 6, NULL);
}

/* identity-based results and every stats record, as root sees them */
static void scan_device(int fd, const struct root_heap *rh)
{
	static unsigned char out[1 << 16];
	uint64_t r = 0;
	unsigned int i, code;

	for (i = 0; i < 6; i++) {
		for (code = PYMM_OP_ID; code <= PYMM_OP_HASH; code++) {
			struct pymm_op op;

			if (code == PYMM_OP_READ_OUTPUT)
				continue;
			memset(&op, 0, sizeof(op));
			op.code = code;
			op.arg[0] = rh->h[i];
			if (ioctl(fd, PYMM_IOC_OP, &op) == 0 && !op.error) {
				scan_u64("ID/REFCOUNT/HASH ret0", op.ret[0]);
				scan_u64("ret1", op.ret[1]);
			}
		}
	}
	for (code = PYMM_OP_HEAP_LIST; code <= PYMM_OP_ARENA_INFO; code++) {
		memset(out, 0, sizeof(out));
		if (code == PYMM_OP_HEAP_SET_QUOTA)
			continue;
		if (dev_op(fd, code, 0, 0, 0, 0, out, sizeof(out), &r))
			continue;
		/*
		 * struct pymm_arena_info's pool_class[] and pool_used[] are
		 * byte and u16 arrays: runs of the 0xff "empty" class read as a
		 * u64 look like a kernel address.  Its u32 fields are scanned.
		 */
		if (code == PYMM_OP_ARENA_INFO)
			scan_bin("an arena record's fields", out,
				 offsetof(struct pymm_arena_info, pool_class));
		else
			scan_bin("a stats record", out, sizeof(out));
	}
	{
		/* output ops of the collector, with the argument each takes */
		static const uint32_t gc_out[] = {
			PYMM_OP_GC_GET_COUNT, PYMM_OP_GC_GET_THRESHOLD, PYMM_OP_GC_GET_STATS,
			PYMM_OP_GC_GET_OBJECTS, PYMM_OP_GC_GET_REFERRERS,
			PYMM_OP_GC_GET_REFERENTS, PYMM_OP_GC_GARBAGE,
		};

		for (i = 0; i < sizeof(gc_out) / sizeof(gc_out[0]); i++) {
			uint64_t a0 = gc_out[i] == PYMM_OP_GC_GET_OBJECTS ? (uint64_t)-1 :
				      gc_out[i] == PYMM_OP_GC_GET_REFERRERS ||
				      gc_out[i] == PYMM_OP_GC_GET_REFERENTS ? rh->h[1] : 0;

			memset(out, 0, sizeof(out));
			if (!dev_op(fd, gc_out[i], 0, a0, 0, 0, out, 4096, &r)) {
				scan_bin("a gc record", out, 4096);
				scan_u64("gc ret0", r);
			}
		}
	}
}

/* ---- the other user */

static void as_nobody_probe(const struct root_heap *rh)
{
	static struct pymm_heap_info info[256];
	uint64_t n = 0, h;
	int fd = dev_open(), err, i;
	char *s;

	EXPECT(fd >= 0, "nobody cannot open /dev/pymm (mode 0666 expected)");
	if (fd < 0)
		return;
	err = dev_name_op(fd, PYMM_OP_HEAP_ATTACH, "iso_root", 0);
	EXPECT(is_err(err, -EACCES, -EPERM, -ENOENT), "nobody attached to root's heap: %d", err);
	err = dev_name_op(fd, PYMM_OP_HEAP_DESTROY, "iso_root", 0);
	EXPECT(is_err(err, -EACCES, -EPERM, -ENOENT), "nobody destroying root's heap: %d", err);
	err = dev_name_op(fd, PYMM_OP_HEAP_SET_QUOTA, "iso_root", 4096);
	EXPECT(is_err(err, -EACCES, -EPERM, -ENOENT), "nobody re-quota of root's heap: %d", err);
	err = dev_op(fd, PYMM_OP_HEAP_LIST, 0, 0, 0, 0, info, sizeof(info), &n);
	EXPECT(!err, "HEAP_LIST as nobody: %d", err);
	for (i = 0; !err && i < (int)n && i < 256; i++)
		EXPECT(strcmp(info[i].name, "iso_root"), "HEAP_LIST shows root's heap to nobody");
	/* root's handle values mean nothing on this file */
	for (i = 0; i < 6; i++) {
		err = dev_op(fd, PYMM_OP_READ, 0, rh->h[i], 0, 0, info, 256, NULL);
		EXPECT(is_err(err, -EBADF, -ENOTCONN, -ENOTCONN), "root's handle on nobody's file: %d", err);
	}
	/* on nobody's own heap too (the handle table is per file) */
	err = dev_name_op(fd, PYMM_OP_HEAP_CREATE, "iso_nobody", 0);
	EXPECT(!err || err == -EEXIST, "nobody creating a heap: %d", err);
	err = dev_name_op(fd, PYMM_OP_HEAP_ATTACH, "iso_nobody", 0);
	EXPECT(!err, "nobody attaching its heap: %d", err);
	for (i = 0; i < 6; i++) {
		err = dev_op(fd, PYMM_OP_GETITEM, 0, rh->h[i], 0, 0, NULL, 0, &h);
		EXPECT(err == -EBADF || err == -EINVAL, "root's handle on nobody's heap: %d", err);
	}
	err = dev_op(fd, PYMM_OP_NAME_LOOKUP, 0, 0, 0, 0, "secret", 6, &h);
	EXPECT(err == -ENOENT, "root's global name visible in nobody's heap: %d", err);
	for (i = 0; proc_files[i]; i++) {
		s = slurp(proc_files[i]);
		EXPECT(s != NULL, "nobody cannot read %s", proc_files[i]);
		if (!s)
			continue;
		EXPECT(!strstr(s, "iso_root"), "%s shows root's heap to nobody", proc_files[i]);
		scan_text(proc_files[i], s);
		free(s);
	}
	dev_name_op(fd, PYMM_OP_HEAP_ATTACH, PYMM_DEFAULT_HEAP, 0);
	dev_name_op(fd, PYMM_OP_HEAP_DESTROY, "iso_nobody", 0);
	close(fd);
}

/* fill the attached heap with 64 KiB objects until refused; returns the error */
static int fill(int fd, unsigned long *count)
{
	static char big[BIG];
	uint64_t h;
	int err;
	unsigned long i;

	for (i = 0; i < 100000; i++) {
		err = dev_op(fd, PYMM_OP_NEW_BYTES, 0, 0, 0, 0, big, sizeof(big), &h);
		if (err)
			break;
	}
	*count += i;
	return err;
}

/* returns 1 if root was starved by nobody's allocations */
static int as_nobody_quota(int root_fd, int report_fd)
{
	int fds[64], nh = 0, err, i, starved = 0;
	unsigned long count = 0;
	char name[32];
	uint64_t h;

	fds[0] = dev_open();
	dev_name_op(fds[0], PYMM_OP_HEAP_CREATE, "iso_q0", 1 << 20);
	err = dev_name_op(fds[0], PYMM_OP_HEAP_ATTACH, "iso_q0", 0);
	EXPECT(!err, "attach iso_q0: %d", err);
	err = fill(fds[0], &count);
	EXPECT(err == -EDQUOT, "1 MiB heap filled until refused: %d after %lu (want -EDQUOT)",
	       err, count);
	EXPECT(count <= 16, "1 MiB quota held %lu 64 KiB objects", count);
	err = dev_name_op(fds[0], PYMM_OP_HEAP_SET_QUOTA, "iso_q0", 1ull << 40);
	EXPECT(err == -EPERM, "nobody raising its quota over the default: %d", err);
	err = dev_name_op(fds[0], PYMM_OP_HEAP_CREATE, "iso_qbig", 1ull << 40);
	EXPECT(err == -EPERM, "nobody creating a 1 TiB-quota heap: %d", err);
	printf("quota: one heap refused with -EDQUOT after %lu x 64 KiB\n", count);
	nh = 1;
	/* as many heaps as allowed, each filled with the default quota */
	for (i = 1; i < 64; i++) {
		snprintf(name, sizeof(name), "iso_q%d", i);
		err = dev_name_op(fds[0], PYMM_OP_HEAP_CREATE, name, 0);
		if (err)
			break;
		fds[i] = dev_open();
		dev_name_op(fds[i], PYMM_OP_HEAP_ATTACH, name, 0);
		err = fill(fds[i], &count);
		nh++;
		EXPECT(is_err(err, -EDQUOT, -ENOSPC, -ENOMEM), "filling %s: %d", name, err);
		if (err == -ENOSPC || err == -ENOMEM)
			break;	/* the module-wide cap is reached */
	}
	printf("quota: %d heaps, %lu x 64 KiB (%lu MiB) held by one user, last refusal %d\n",
	       nh, count, count / 16, err);
	/* heaps stop at the heap-count limit or when the owner's account is spent */
	if (i < 64 && !(err == -ENOSPC || err == -ENOMEM))
		EXPECT(err == -EUSERS || err == -EDQUOT,
		       "heap count / user quota limit: %d (want -EUSERS or -EDQUOT)", err);
	/* the kernel keeps working: root allocates while nobody holds it all */
	err = dev_op(root_fd, PYMM_OP_NEW_BYTES, 0, 0, 0, 0, name, 16, &h);
	EXPECT(!err || err == -ENOSPC, "root small allocation: %d", err);
	if (!err)
		err = dev_op(root_fd, PYMM_OP_NEW_BYTES, 0, 0, 0, 0, (char[BIG]){0}, BIG, &h);
	if (err) {
		starved = 1;
		printf("FINDING: one unprivileged user holding every byte of the module-wide cap "
		       "starves root: root's 64 KiB allocation -> %d (no per-user byte quota)\n", err);
	} else {
		printf("quota: root still allocates while nobody is at its limits\n");
	}
	if (write(report_fd, &starved, sizeof(starved)) != sizeof(starved))
		return 1;
	for (i = nh - 1; i >= 0; i--)
		close(fds[i]);
	fds[0] = dev_open();
	for (i = 0; i < nh; i++) {
		snprintf(name, sizeof(name), "iso_q%d", i);
		dev_name_op(fds[0], PYMM_OP_HEAP_DESTROY, name, 0);
	}
	close(fds[0]);
	return 0;
}

int main(int argc, char **argv)
{
	struct root_heap rh = { { 0 } };
	int fd, err, st, pfd[2], starved = 0, strict = argc > 1 && !strcmp(argv[1], "-s");
	pid_t p;
	char *s;
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (regcomp(&kaddr, "0x[fF]{4}[0-9a-fA-F]{12}|(^|[^0-9a-fA-F])[fF]{4}[0-9a-fA-F]{12}([^0-9a-fA-F]|$)",
		    REG_EXTENDED))
		return 2;
	if (geteuid() != 0) {
		printf("SKIP: run as root (it drops to uid %d itself)\n", NOBODY);
		return 4;
	}
	fd = dev_open();
	if (fd < 0) {
		printf("SKIP: no /dev/pymm\n");
		return 4;
	}
	err = setup_root(fd, &rh);
	EXPECT(!err, "root's heap setup: %d", err);
	scan_device(fd, &rh);

	if (pipe(pfd))
		return 2;
	p = fork();
	if (p == 0) {
		close(fd);
		if (dev_become(NOBODY))
			_exit(2);
		as_nobody_probe(&rh);
		_exit(failures ? 1 : 0);
	}
	waitpid(p, &st, 0);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "nobody's probes failed (status %#x)", st);

	p = fork();
	if (p == 0) {
		if (dev_become(NOBODY))
			_exit(2);
		as_nobody_quota(fd, pfd[1]);
		_exit(failures ? 1 : 0);
	}
	waitpid(p, &st, 0);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "nobody's quota attack checks failed (%#x)",
	       st);
	if (read(pfd[0], &starved, sizeof(starved)) != sizeof(starved))
		starved = 0;
	if (strict)
		EXPECT(!starved, "an unprivileged user can starve root (see FINDING above)");

	/* root's heap untouched, verifying, and the kernel still serves */
	err = dev_verify(fd);
	EXPECT(!err, "root's heap verify after the attacks: %d", err);
	err = dev_op(fd, PYMM_OP_NAME_LOOKUP, 0, 0, 0, 0, "secret", 6, NULL);
	EXPECT(!err, "root's name gone after the attacks: %d", err);

	for (i = 0; proc_files[i]; i++) {
		s = slurp(proc_files[i]);
		if (s) {
			EXPECT(strstr(s, "iso_root") || i == 0,
			       "%s does not show root its own heap", proc_files[i]);
			scan_text(proc_files[i], s);
			free(s);
		}
	}
	{
		const char *params[] = { "fail_nth", "heap_quota_kib", "max_heaps_per_user",
					 "mem_limit_mb", "max_handles", NULL };
		char path[128];

		for (i = 0; params[i]; i++) {
			snprintf(path, sizeof(path), "/sys/module/pymm/parameters/%s", params[i]);
			s = slurp(path);
			if (s) {
				scan_text(path, s);
				free(s);
			}
		}
	}
	dev_name_op(fd, PYMM_OP_HEAP_ATTACH, PYMM_DEFAULT_HEAP, 0);
	err = dev_name_op(fd, PYMM_OP_HEAP_DESTROY, "iso_root", 0);
	EXPECT(!err, "root destroying its heap: %d", err);
	close(fd);
	printf("isolation: %d checks, %d failed%s\n", checks, failures,
	       starved ? " (starvation FINDING reported)" : "");
	return failures ? 1 : 0;
}
