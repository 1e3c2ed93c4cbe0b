// SPDX-License-Identifier: GPL-2.0
/*
 * test_review.c - reproducers from the security review of the kernel-reachable
 * core.  Each test drives pymm_op_exec() the way /dev/pymm and netlink do and
 * fails (or hangs until its alarm fires) without the fix it comes with.
 */
#include <signal.h>
#include <unistd.h>
/* clang's; gcc (make unit-coverage) has none: the hook then never runs */
#if __has_include(<sanitizer/allocator_interface.h>)
#include <sanitizer/allocator_interface.h>
#endif

#include "core/pymm_core.h"
#include "core/alloc.h"
#include "core/platform_user.h"
#include "unit_test.h"

static u8 buf[1 << 20];

#include "op_helpers.h"

/* the globals dict, as gc.get_referrers(x) finds it for a global x */
static u64 globals_handle(struct pymm_client *c, u64 bound)
{
	struct res r = opx(c, PYMM_OP_GC_GET_REFERRERS, 0, bound, 0, 0, NULL, 0, 64);
	u64 hs[8], g = 0;
	u32 i;

	CHECK_EQ(r.err, 0);
	if (!CHECK_EQ(r.r0, 1))
		return 0;
	memcpy(hs, buf, 8);
	for (i = 0; i < r.r0; i++) {
		if (op0(c, PYMM_OP_TYPE, hs[i], 0, 0).r0 == PYMM_T_DICT)
			g = hs[i];
	}
	return g;
}

/*
 * globals()[key] = v with a key that is not a str is legal Python (and the
 * globals dict is reachable through gc.get_referrers / gc.get_objects).
 * NAME_LIST treated every key as a str: for a tuple key it copied the
 * tuple's item pointers (kernel addresses) to user space, for a smaller
 * object it read past the object's block.
 */
/* what /proc/pymm/areas would print of the default heap's globals */
struct area_seen {
	u32 globals;
	u32 bad_names;
};

static int area_global(const struct pymm_area_entry *e, void *arg)
{
	struct area_seen *s = arg;

	if (e->kind != PYMM_AREA_GLOBAL)
		return 0;
	s->globals++;
	if (e->name_len != 1 || memcmp(e->name, "x", 2))
		s->bad_names++;
	return 0;
}

static int areas_of_default(const struct pymm_heap_view *v, void *arg)
{
	if (strcmp(v->info->name, PYMM_DEFAULT_HEAP))
		return 0;
	return pymm_heap_view_areas(v, 16, 64, area_global, arg);
}

static void test_name_list_non_str_keys(void)
{
	struct pymm_client *c = client(1000, PYMM_DEFAULT_HEAP);
	u64 x, g, items[8], key, none, r;
	struct res res;
	u32 i;

	x = new_str(c, "payload");
	CHECK_EQ(opd(c, PYMM_OP_NAME_BIND, x, "x", 1).err, 0);
	g = globals_handle(c, x);
	if (!CHECK(g))
		goto out;

	/* a hashable tuple of 8 items: its "len" reads as 8, its "data" as items[] */
	for (i = 0; i < 8; i++)
		items[i] = new_int(c, 1000 + i);
	key = new_seq(c, PYMM_OP_NEW_TUPLE, items, 8);
	CHECK_EQ(op0(c, PYMM_OP_SETITEM, g, key, x).err, 0);
	none = op0(c, PYMM_OP_CONST, PYMM_CONST_NONE, 0, 0).r0;
	CHECK_EQ(op0(c, PYMM_OP_SETITEM, g, none, x).err, 0);
	r = new_int(c, 123456789);
	CHECK_EQ(op0(c, PYMM_OP_SETITEM, g, r, x).err, 0);

	memset(buf, 0xa5, 4096);
	res = opx(c, PYMM_OP_NAME_LIST, 0, 0, 0, 0, NULL, 0, 4096);
	CHECK_EQ(res.err, 0);
	/* only names come back: "x\0" */
	CHECK_EQ(res.r0, 1);
	CHECK_EQ(res.data_len, 2);
	CHECK(!memcmp(buf, "x", 2));

	/* /proc/pymm/areas walks the same namespace: one global, named "x" */
	{
		struct area_seen seen = { 0 };

		CHECK_EQ(pymm_visit_heaps(0, true, areas_of_default, &seen), 0);
		CHECK_EQ(seen.globals, 1);
		CHECK_EQ(seen.bad_names, 0);
	}

	/* the keys still work as dict keys */
	CHECK_EQ(op0(c, PYMM_OP_DELITEM, g, key, 0).err, 0);
	CHECK_EQ(op0(c, PYMM_OP_DELITEM, g, none, 0).err, 0);
	CHECK_EQ(op0(c, PYMM_OP_DELITEM, g, r, 0).err, 0);
	CHECK_EQ(opd(c, PYMM_OP_NAME_DEL, 0, "x", 1).err, 0);
	verify(c);
out:
	pymm_client_release(c);
}

static void on_alarm(int sig)
{
	static const char msg[] = "test_review: timed out (kernel would spin under the heap lock)\n";

	(void)sig;
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(2);
}

/*
 * "" * n: the repeat loop ran n times even though there is nothing to copy,
 * with a 32-bit counter: n >= 2**32 never ends, under the heap mutex, with
 * no resched and no way to kill the task.
 */
static void test_repeat_empty_str(void)
{
	struct pymm_client *c = client(1000, PYMM_DEFAULT_HEAP);
	u64 e, b, n, r;
	struct res res;
	u32 len = 0;

	e = new_str(c, "");
	b = opd(c, PYMM_OP_NEW_BYTES, 0, "", 0).r0;
	n = new_int(c, (s64)1 << 40);
	alarm(20);
	res = op0(c, PYMM_OP_BINOP, e, n, PYMM_BIN_MUL);
	CHECK_EQ(res.err, 0);
	r = res.r0;
	res = op0(c, PYMM_OP_LEN, r, 0, 0);
	CHECK_EQ(res.r0, len);
	res = op0(c, PYMM_OP_BINOP, n, b, PYMM_BIN_MUL);
	CHECK_EQ(res.err, 0);
	CHECK_EQ(op0(c, PYMM_OP_LEN, res.r0, 0, 0).r0, 0);
	alarm(0);
	verify(c);
	pymm_client_release(c);
}

/* two equal chains a[i] = [a[i+1], a[i+1]], n deep, built from distinct objects */
static u64 dag(struct pymm_client *c, u32 n)
{
	u64 cur = new_int(c, 7), pair[2], next;
	u32 i;

	for (i = 0; i < n; i++) {
		pair[0] = cur;
		pair[1] = cur;
		next = new_seq(c, PYMM_OP_NEW_LIST, pair, 2);
		CHECK_EQ(op0(c, PYMM_OP_CLOSE, cur, 0, 0).err, 0);
		cur = next;
	}
	return cur;
}

/*
 * == walked shared substructure once per path: 2**n steps for a chain of n
 * [x, x] lists, under the heap mutex, with no resched and no way out (the
 * default heap is everyone's).  Now -ETIME, the op's work budget (no Python
 * exception: pymm's own bound, which CPython does not have), once the walk exceeds what the heap could hold without sharing;
 * ordinary comparisons unchanged.
 */
static void test_eq_shared_substructure_bounded(void)
{
	struct pymm_client *c = client(1000, PYMM_DEFAULT_HEAP);
	u64 a = dag(c, 64), b = dag(c, 64), items[2000], l1, l2;
	struct res res;
	u32 i;

	alarm(20);
	res = op0(c, PYMM_OP_COMPARE, a, b, PYMM_CMP_EQ);
	CHECK_EQ(res.err, -ETIME);
	CHECK_EQ(res.exc, PYMM_EXC_NONE);
	res = op0(c, PYMM_OP_COMPARE, a, b, PYMM_CMP_LT);
	CHECK_EQ(res.err, -ETIME);
	alarm(0);
	/* a bounded DAG still compares: 2**12 leaves */
	CHECK_EQ(op0(c, PYMM_OP_CLOSE, a, 0, 0).err, 0);
	CHECK_EQ(op0(c, PYMM_OP_CLOSE, b, 0, 0).err, 0);
	a = dag(c, 12);
	b = dag(c, 12);
	res = op0(c, PYMM_OP_COMPARE, a, b, PYMM_CMP_EQ);
	CHECK_EQ(res.err, 0);
	CHECK_EQ(res.r0, 1);
	/* and so do long flat lists of distinct items */
	for (i = 0; i < 2000; i++)
		items[i] = new_int(c, 100000 + i);
	l1 = new_seq(c, PYMM_OP_NEW_LIST, items, 2000);
	l2 = new_seq(c, PYMM_OP_NEW_LIST, items, 2000);
	res = op0(c, PYMM_OP_COMPARE, l1, l2, PYMM_CMP_EQ);
	CHECK_EQ(res.err, 0);
	CHECK_EQ(res.r0, 1);
	verify(c);
	pymm_client_release(c);
}

/* the largest host allocation seen while armed (ASan's allocator hooks) */
static volatile size_t max_malloc;
static volatile int watching;

void __sanitizer_malloc_hook(const volatile void *ptr, size_t size);
void __sanitizer_malloc_hook(const volatile void *ptr, size_t size)
{
	(void)ptr;
	if (watching && size > max_malloc)
		max_malloc = size;
}

/*
 * [x] * n built an n-pointer host copy before asking the heap for the
 * result: with a 1 MiB quota, a 128 MiB kernel allocation per call.
 */
static void test_repeat_transient_bounded(void)
{
	struct pymm_client *c = client(1000, NULL);
	u64 one, l, n;
	struct res res;

	CHECK_EQ(opd(c, PYMM_OP_HEAP_CREATE, 1 << 20, "small", 6).err, 0);
	CHECK_EQ(opd(c, PYMM_OP_HEAP_ATTACH, 0, "small", 6).err, 0);
	one = new_int(c, 1);
	l = new_seq(c, PYMM_OP_NEW_LIST, &one, 1);
	n = new_int(c, 1 << 24);
	max_malloc = 0;
	watching = 1;
	res = op0(c, PYMM_OP_BINOP, l, n, PYMM_BIN_MUL);
	watching = 0;
	CHECK(res.err == -ENOMEM || res.err == -EDQUOT);
	CHECK_EQ(res.exc, PYMM_EXC_MEMORY_ERROR);
	CHECK(max_malloc < (4u << 20));
	/* what fits is still built */
	res = op0(c, PYMM_OP_BINOP, l, new_int(c, 1000), PYMM_BIN_MUL);
	CHECK_EQ(res.err, 0);
	CHECK_EQ(op0(c, PYMM_OP_LEN, res.r0, 0, 0).r0, 1000);
	verify(c);
	CHECK_EQ(opd(c, PYMM_OP_HEAP_DESTROY, 0, "small", 6).err, 0);
	pymm_client_release(c);
}

/*
 * Only an admin may set the public default heap's quota (public_heap = 1:
 * main() runs this test on a core with it).  Creating "default" explicitly,
 * before anyone attached, let any user choose it for everyone.
 */
static void test_default_heap_quota(void)
{
	struct pymm_client *c = client(1000, NULL);
	struct pymm_client *root = client(0, NULL);
	struct pymm_client *other;
	struct pymm_heap_info info;
	struct res res;
	u32 i;

	/* the other tests attached the default heap: start without it */
	res = opd(root, PYMM_OP_HEAP_DESTROY, 0, PYMM_DEFAULT_HEAP, 8);
	CHECK(res.err == 0 || res.err == -ENOENT);

	res = opd(c, PYMM_OP_HEAP_CREATE, 300 << 10, PYMM_DEFAULT_HEAP, 8);
	CHECK_EQ(res.err, -EPERM);

	/* whoever creates it, it gets the module default */
	other = client(2000, PYMM_DEFAULT_HEAP);
	res = opx(other, PYMM_OP_HEAP_LIST, 0, 0, 0, 0, NULL, 0, 16 * sizeof(info));
	CHECK_EQ(res.err, 0);
	for (i = 0; i < res.r0; i++) {
		memcpy(&info, buf + i * sizeof(info), sizeof(info));
		if (!strcmp(info.name, PYMM_DEFAULT_HEAP))
			CHECK_EQ(info.quota, 256ull << 20);
	}
	/* and the admin may still choose */
	pymm_client_release(other);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_DESTROY, 0, PYMM_DEFAULT_HEAP, 8).err, 0);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_CREATE, 1 << 20, PYMM_DEFAULT_HEAP, 8).err, 0);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_DESTROY, 0, PYMM_DEFAULT_HEAP, 8).err, 0);
	/* a user may still create it with the default quota */
	CHECK_EQ(opd(c, PYMM_OP_HEAP_CREATE, 0, PYMM_DEFAULT_HEAP, 8).err, 0);
	pymm_client_release(c);
	pymm_client_release(root);
}

/*
 * One user's heaps together stay under params.user_quota, whatever their
 * own quotas add up to: the second heap is refused with -EDQUOT once the
 * first holds most of the account, another user is unaffected, and the
 * account is given back when a heap goes.  Without it one unprivileged
 * user could take the whole module-wide cap (reliability review).
 */
static void test_user_quota(void)
{
	struct pymm_client *a, *b, *other, *c = client(1000, NULL);
	u64 na, nb, nb2;
	int err;

	CHECK_EQ(opd(c, PYMM_OP_HEAP_CREATE, 6 << 20, "uq_a", 5).err, 0);
	CHECK_EQ(opd(c, PYMM_OP_HEAP_CREATE, 6 << 20, "uq_b", 5).err, 0);
	a = client(1000, "uq_a");
	b = client(1000, "uq_b");
	na = fill_bytes(a, &err);
	CHECK_EQ(err, -EDQUOT);			/* the heap's own 6 MiB */
	CHECK(heap_bytes_held(a) > (5 << 20));
	nb = fill_bytes(b, &err);
	CHECK_EQ(err, -EDQUOT);			/* the owner's 8 MiB */
	CHECK(nb < na / 2);
	CHECK(heap_bytes_held(a) + heap_bytes_held(b) <= (8 << 20));
	verify(b);

	/* someone else's heap is not charged to user 1000 */
	other = client(2000, NULL);
	CHECK_EQ(opd(other, PYMM_OP_HEAP_CREATE, 6 << 20, "uq_o", 5).err, 0);
	CHECK_EQ(opd(other, PYMM_OP_HEAP_ATTACH, 0, "uq_o", 5).err, 0);
	CHECK(fill_bytes(other, &err) >= na);
	CHECK_EQ(err, -EDQUOT);

	/* the account is given back with the heap */
	pymm_client_release(a);
	CHECK_EQ(opd(c, PYMM_OP_HEAP_DESTROY, 0, "uq_a", 5).err, 0);
	nb2 = fill_bytes(b, &err);
	CHECK(nb2 > nb);
	CHECK_EQ(err, -EDQUOT);
	verify(b);
	pymm_client_release(b);
	pymm_client_release(other);
	CHECK_EQ(opd(c, PYMM_OP_HEAP_DESTROY, 0, "uq_b", 5).err, 0);
	other = client(2000, NULL);
	CHECK_EQ(opd(other, PYMM_OP_HEAP_DESTROY, 0, "uq_o", 5).err, 0);
	pymm_client_release(other);
	pymm_client_release(c);
}

int main(int argc, char **argv)
{
	struct pymm_core_params p = {
		.heap_quota = 256ull << 20,
		.user_quota = 8ull << 20,
		.max_heaps_per_user = 4,
		.max_frame_depth = 1000,
		.max_handles = 4096,
		.arena_shift = PYMM_ARENA_SHIFT_SMALL,
		.pool_shift = PYMM_POOL_SHIFT_SMALL,
	};
	u64 leaks;

	unit_init(argc, argv);
	signal(SIGALRM, on_alarm);
	if (pymm_core_init(&p))
		return 1;
	RUN(test_name_list_non_str_keys);
	RUN(test_repeat_empty_str);
	RUN(test_eq_shared_substructure_bounded);
	RUN(test_repeat_transient_bounded);
	RUN(test_user_quota);
	leaks = pymm_core_exit();
	CHECK_EQ(leaks, 0);
	CHECK_EQ(pymm_user_charged(), 0);	/* every account given back too */

	/* the shared default heap is an opt-in (module parameter public_heap) */
	p.public_heap = 1;
	if (pymm_core_init(&p))
		return 1;
	RUN(test_default_heap_quota);
	leaks = pymm_core_exit();
	CHECK_EQ(leaks, 0);
	CHECK_EQ(pymm_user_charged(), 0);
	return unit_summary();
}
