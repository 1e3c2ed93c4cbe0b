// SPDX-License-Identifier: GPL-2.0
/*
 * test_heapview.c - the core's views of one named heap for a host with no
 * client (pymm_heap_read_alloc(), pymm_heap_read_gc(), pymm_heap_collect();
 * netlink's ALLOC_STATS_GET, GC_STATS_GET and GC_COLLECT, issue #15 item
 * 2): bad names, heaps that are not there or not the caller's to see, the
 * records equal to the ops' own, a collection's count, nothing created or
 * charged by a view but a fresh uid's "default" (made as the attach makes
 * it), and HEAP_NEW / HEAP_DEL's calls deciding as the ops.
 */
#include "core/pymm_core.h"
#include "core/alloc.h"
#include "core/platform_user.h"
#include "unit_test.h"

static u8 buf[1 << 20];

#include "op_helpers.h"

#define NOBODY		65534
#define HEAP		"hv_root"

static struct pymm_core_params params = {
	.heap_quota = 64ull << 20,
	.user_quota = 8ull << 20,
	.max_heaps_per_user = 4,
	.max_frame_depth = 1000,
	.max_handles = 4096,
	.arena_shift = PYMM_ARENA_SHIFT_SMALL,
	.pool_shift = PYMM_POOL_SHIFT_SMALL,
};

static struct {
	struct pymm_alloc_stats a;
	struct pymm_class_stats cls[PYMM_CORE_SIZE_CLASSES];
	struct pymm_freelist_stats fl;
	struct pymm_gc_gen_stats gen[3];
} rec;

static int count_row(const struct pymm_heap_view *v, void *arg)
{
	(*(u32 *)arg)++;
	return 0;
}

static u32 heaps(void)
{
	u32 n = 0;

	CHECK_EQ(pymm_visit_heap_rows(0, true, count_row, &n), 0);
	return n;
}

/* every view of name for (uid, admin) answers err */
static void all_views(const char *name, u32 uid, bool admin, int err)
{
	struct pymm_arena_info ai;
	u64 unreachable = 1, serial = 0;

	CHECK_EQ(pymm_heap_read_alloc(name, uid, admin, &rec.a, rec.cls, &rec.fl), err);
	CHECK_EQ(pymm_heap_read_gc(name, uid, admin, rec.gen), err);
	CHECK_EQ(pymm_heap_collect(name, uid, admin, 2, &unreachable), err);
	if (err)
		CHECK_EQ(unreachable, 0);
	CHECK_EQ(pymm_heap_read_arena(name, uid, admin, &serial, 0, &ai), err);
	CHECK_EQ(serial != 0, err == 0);
}

static void test_bad_names(void)
{
	char longname[PYMM_HEAP_NAME_MAX + 8];
	u32 before = heaps();

	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	all_views("", 0, true, -EINVAL);
	all_views("bad/name", 0, true, -EINVAL);
	all_views(".hidden", 0, true, -EINVAL);
	all_views("default@01", 0, true, -EINVAL);
	all_views(longname, 0, true, -ENAMETOOLONG);
	longname[PYMM_HEAP_NAME_MAX - 1] = 0;	/* 63 bytes: a name, not there */
	all_views(longname, 0, true, -ENOENT);
	all_views("hv_nosuch", 0, true, -ENOENT);
	all_views("default@65534", 0, true, -ENOENT);	/* named, never made */
	CHECK_EQ(heaps(), before);
}

/* another uid's heap: -EACCES, as attach answers; an admin sees every one */
static void test_visibility(void)
{
	struct pymm_client *root = client(0, NULL), *nob = client(NOBODY, PYMM_DEFAULT_HEAP);

	CHECK_EQ(opd(root, PYMM_OP_HEAP_CREATE, 0, HEAP, sizeof(HEAP)).err, 0);
	all_views(HEAP, NOBODY, false, -EACCES);
	all_views(HEAP, 0, true, 0);
	/* root's own name for nobody's default heap; nobody cannot name root's */
	all_views("default@65534", 0, true, 0);
	all_views("default@65534", NOBODY, false, 0);
	all_views("default@0", NOBODY, false, -ENOENT);
	/* nobody's "default" is its own; root's is made by the view */
	all_views(PYMM_DEFAULT_HEAP, NOBODY, false, 0);
	all_views(PYMM_DEFAULT_HEAP, 0, true, 0);
	/* the generation is checked after the heap, as GC_COLLECT's */
	{
		u64 n;

		CHECK_EQ(pymm_heap_collect("hv_nosuch", 0, true, 3, &n), -ENOENT);
		CHECK_EQ(pymm_heap_collect(HEAP, NOBODY, false, 3, &n), -EACCES);
		CHECK_EQ(pymm_heap_collect(HEAP, 0, true, 3, &n), -EINVAL);
	}
	pymm_client_release(nob);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_DESTROY, 0, HEAP, sizeof(HEAP)).err, 0);
	nob = client(NOBODY, NULL);
	CHECK_EQ(opd(nob, PYMM_OP_HEAP_DESTROY, 0, PYMM_DEFAULT_HEAP,
		     sizeof(PYMM_DEFAULT_HEAP)).err, 0);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_DESTROY, 0, PYMM_DEFAULT_HEAP,
		     sizeof(PYMM_DEFAULT_HEAP)).err, 0);
	pymm_client_release(nob);
	pymm_client_release(root);
}

static int acct_of(const struct pymm_acct_info *a, void *arg)
{
	*(struct pymm_acct_info *)arg = *a;
	return 0;
}

/* uid's account: its heaps and what they hold (clients' share left out) */
static struct pymm_acct_info heap_acct(u32 uid)
{
	struct pymm_acct_info a = {};

	CHECK_EQ(pymm_visit_accts(uid, false, acct_of, &a), 0);
	a.held -= a.client_held;
	a.clients = 0;
	a.client_held = 0;
	return a;
}

static void destroy_default(u32 uid)
{
	struct pymm_client *c = client(uid, NULL);

	CHECK_EQ(opd(c, PYMM_OP_HEAP_DESTROY, 0, PYMM_DEFAULT_HEAP,
		     sizeof(PYMM_DEFAULT_HEAP)).err, 0);
	pymm_client_release(c);
}

/*
 * A fresh user's "default": a view makes it as the attach does (netlink's
 * typed commands and /dev/pymm or --local answer alike, issue #15), so
 * each view of one fresh uid's default heap gives the record the op gives
 * another fresh uid attached to its own, with the same heap made and
 * charged; and a failure to make it is the attach's errno, nothing left.
 */
#define FRESH_DEV	1001	/* attaches, as /dev/pymm and --local do */
#define FRESH_VIEW	1002	/* views, as netlink's typed commands */

static void test_default_made_as_attach(void)
{
	struct pymm_client *dev;
	struct pymm_acct_info adev, aview;
	struct pymm_arena_info ai;
	u64 unreachable = 1, serial = 0;
	u32 before = heaps();
	struct res r;

	dev = client(FRESH_DEV, PYMM_DEFAULT_HEAP);
	CHECK_EQ(heaps(), before + 1);
	CHECK_EQ(pymm_heap_read_gc(PYMM_DEFAULT_HEAP, FRESH_VIEW, false, rec.gen), 0);
	CHECK_EQ(heaps(), before + 2);
	adev = heap_acct(FRESH_DEV);
	aview = heap_acct(FRESH_VIEW);
	CHECK_EQ(aview.heaps, 1);
	CHECK_EQ(aview.heaps, adev.heaps);
	CHECK_EQ(aview.held, adev.held);
	CHECK(aview.held > 0);

	r = opx(dev, PYMM_OP_GC_GET_STATS, 0, 0, 0, 0, NULL, 0, sizeof(rec.gen));
	CHECK_EQ(r.err, 0);
	CHECK_EQ(memcmp(rec.gen, buf, sizeof(rec.gen)), 0);
	CHECK_EQ(pymm_heap_read_alloc(PYMM_DEFAULT_HEAP, FRESH_VIEW, false, &rec.a, rec.cls,
				      &rec.fl), 0);
	r = opx(dev, PYMM_OP_ALLOC_STATS, 0, 0, 0, 0, NULL, 0, sizeof(buf));
	CHECK_EQ(r.err, 0);
	CHECK_EQ(memcmp(&rec.a, buf, sizeof(rec.a)), 0);
	CHECK_EQ(memcmp(rec.cls, buf + sizeof(rec.a), sizeof(rec.cls)), 0);
	CHECK_EQ(pymm_heap_read_arena(PYMM_DEFAULT_HEAP, FRESH_VIEW, false, &serial, 0, &ai), 0);
	r = opx(dev, PYMM_OP_ARENA_INFO, 0, 0, 0, 0, NULL, 0, sizeof(ai));
	CHECK_EQ(r.err, 0);
	CHECK_EQ(memcmp(&ai, buf, sizeof(ai)), 0);
	CHECK_EQ(pymm_heap_collect(PYMM_DEFAULT_HEAP, FRESH_VIEW, false, 2, &unreachable), 0);
	r = op0(dev, PYMM_OP_GC_COLLECT, 2, 0, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(unreachable, r.r0);
	CHECK_EQ(heaps(), before + 2);	/* made once, found after */
	pymm_client_release(dev);
	destroy_default(FRESH_DEV);
	destroy_default(FRESH_VIEW);
	CHECK_EQ(heaps(), before);

	/* making it fails: the attach's errno, no heap, nothing charged */
	dev = client(FRESH_DEV, NULL);
	pymm_user_fail_nth(1);
	r = opd(dev, PYMM_OP_HEAP_ATTACH, 0, PYMM_DEFAULT_HEAP, sizeof(PYMM_DEFAULT_HEAP));
	CHECK(!pymm_user_fail_pending());
	pymm_user_fail_nth(1);
	CHECK_EQ(pymm_heap_read_gc(PYMM_DEFAULT_HEAP, FRESH_VIEW, false, rec.gen), r.err);
	CHECK(!pymm_user_fail_pending());
	pymm_user_fail_nth(0);
	CHECK_EQ(r.err, -ENOMEM);
	CHECK_EQ(heaps(), before);
	CHECK_EQ(heap_acct(FRESH_VIEW).held, 0);
	CHECK_EQ(heap_acct(FRESH_VIEW).heaps, 0);
	pymm_client_release(dev);
}

/*
 * HEAP_NEW / HEAP_DEL's core calls (pymm_heap_create_as(),
 * pymm_heap_destroy_as()) decide as the ops do: each case answered by the
 * host's call and by the op on a client of uid (admin if root), alike.
 */
static void create_both(const char *name, u32 uid, u64 quota, int want)
{
	struct pymm_client *c = client(uid, NULL);
	u32 len = (u32)strlen(name) + 1;
	int err = pymm_heap_create_as(name, uid, uid == 0, quota);

	CHECK_EQ(err, want);
	if (!err)
		CHECK_EQ(pymm_heap_destroy_as(name, uid, uid == 0), 0);
	err = opd(c, PYMM_OP_HEAP_CREATE, quota, name, len).err;
	CHECK_EQ(err, want);
	if (!err)
		CHECK_EQ(opd(c, PYMM_OP_HEAP_DESTROY, 0, name, len).err, 0);
	pymm_client_release(c);
}

static void destroy_both(const char *name, u32 uid, int want)
{
	struct pymm_client *c = client(uid, NULL);

	CHECK_EQ(pymm_heap_destroy_as(name, uid, uid == 0), want);
	CHECK_EQ(opd(c, PYMM_OP_HEAP_DESTROY, 0, name, (u32)strlen(name) + 1).err, want);
	pymm_client_release(c);
}

static void test_registry_as(void)
{
	char longname[PYMM_HEAP_NAME_MAX + 8], name[16];
	struct pymm_client *user;
	u32 before = heaps(), i;

	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	create_both("", NOBODY, 0, -EINVAL);
	create_both("bad/name", NOBODY, 0, -EINVAL);
	create_both(longname, NOBODY, 0, -ENAMETOOLONG);
	create_both("default@7", NOBODY, 0, -EINVAL);
	create_both(HEAP, NOBODY, params.heap_quota + 1, -EPERM);
	create_both(HEAP, 0, params.heap_quota + 1, 0);	/* an admin may raise it */
	create_both(HEAP, NOBODY, 1 << 20, 0);
	destroy_both(longname, NOBODY, -ENAMETOOLONG);
	destroy_both("hv_nosuch", NOBODY, -ENOENT);
	CHECK_EQ(heaps(), before);

	/* the limit: max_heaps_per_user, then -EUSERS (the default heap exempt) */
	for (i = 0; i < params.max_heaps_per_user; i++) {
		snprintf(name, sizeof(name), "hv_n%u", i);
		CHECK_EQ(pymm_heap_create_as(name, NOBODY, false, 0), 0);
	}
	create_both("hv_more", NOBODY, 0, -EUSERS);
	create_both(PYMM_DEFAULT_HEAP, NOBODY, 0, 0);
	CHECK_EQ(pymm_heap_create_as("hv_n0", NOBODY, false, 0), -EEXIST);
	/* another user's: -EPERM; root's may; attached: -EBUSY but for itself */
	destroy_both("hv_n0", FRESH_DEV, -EPERM);
	user = client(NOBODY, "hv_n1");
	destroy_both("hv_n1", 0, -EBUSY);
	CHECK_EQ(pymm_heap_destroy_as("hv_n1", NOBODY, false), -EBUSY);
	CHECK_EQ(opd(user, PYMM_OP_HEAP_DESTROY, 0, "hv_n1", sizeof("hv_n1")).err, 0);
	pymm_client_release(user);
	CHECK_EQ(pymm_heap_destroy_as("hv_n0", 0, true), 0);
	for (i = 2; i < params.max_heaps_per_user; i++) {
		snprintf(name, sizeof(name), "hv_n%u", i);
		CHECK_EQ(pymm_heap_destroy_as(name, NOBODY, false), 0);
	}
	CHECK_EQ(heaps(), before);
	CHECK_EQ(heap_acct(NOBODY).held, 0);
}

/* the records are the ops' own; a collection finds a cycle; nothing charged */
static void test_records_and_collect(void)
{
	struct pymm_client *c = client(0, NULL);
	struct pymm_alloc_stats *opa = (struct pymm_alloc_stats *)buf;
	struct pymm_gc_gen_stats opg[3];
	u64 l, unreachable = 0, charged;
	struct res r;
	u32 heaps0;

	CHECK_EQ(opd(c, PYMM_OP_HEAP_CREATE, 0, HEAP, sizeof(HEAP)).err, 0);
	CHECK_EQ(opd(c, PYMM_OP_HEAP_ATTACH, 0, HEAP, sizeof(HEAP)).err, 0);
	new_str(c, "something in an arena");
	heaps0 = heaps();
	charged = pymm_user_charged();

	CHECK_EQ(pymm_heap_read_alloc(HEAP, 0, false, &rec.a, rec.cls, &rec.fl), 0);
	r = opx(c, PYMM_OP_ALLOC_STATS, 0, 0, 0, 0, NULL, 0, sizeof(buf));
	CHECK_EQ(r.err, 0);
	CHECK_EQ(rec.a.size_classes, PYMM_CORE_SIZE_CLASSES);
	CHECK_EQ(memcmp(&rec.a, opa, sizeof(rec.a)), 0);
	CHECK_EQ(memcmp(rec.cls, opa + 1, sizeof(rec.cls)), 0);
	CHECK(rec.a.arenas_current > 0);
	r = opx(c, PYMM_OP_FREELIST_STATS, 0, 0, 0, 0, NULL, 0, sizeof(buf));
	CHECK_EQ(r.err, 0);
	CHECK_EQ(memcmp(&rec.fl, buf, sizeof(rec.fl)), 0);

	/* a cycle nothing else holds: one list that holds itself */
	l = new_seq(c, PYMM_OP_NEW_LIST, NULL, 0);
	CHECK_EQ(op0(c, PYMM_OP_APPEND, l, l, 0).err, 0);
	closeh(c, l);
	CHECK_EQ(pymm_heap_read_gc(HEAP, 0, false, rec.gen), 0);
	CHECK_EQ(pymm_heap_collect(HEAP, 0, false, 2, &unreachable), 0);
	CHECK_EQ(unreachable, 1);
	r = opx(c, PYMM_OP_GC_GET_STATS, 0, 0, 0, 0, NULL, 0, sizeof(opg));
	CHECK_EQ(r.err, 0);
	memcpy(opg, buf, sizeof(opg));
	CHECK_EQ(opg[2].collections, rec.gen[2].collections + 1);
	CHECK_EQ(opg[2].collected, rec.gen[2].collected + 1);
	CHECK_EQ(pymm_heap_read_gc(HEAP, 0, false, rec.gen), 0);
	CHECK_EQ(memcmp(&rec.gen[0], &opg[0], sizeof(opg[0])), 0);
	CHECK_EQ(rec.gen[2].collections, opg[2].collections);

	/* no heap, no client, no charge: and the heap's lock is free again */
	CHECK_EQ(heaps(), heaps0);
	CHECK(pymm_user_charged() <= charged);
	verify(c);
	CHECK_EQ(opd(c, PYMM_OP_HEAP_DESTROY, 0, HEAP, sizeof(HEAP)).err, 0);
	pymm_client_release(c);
}

/* a dump's arenas: the op's records, then -ERANGE; tied to one heap */
static void test_arenas(void)
{
	struct pymm_client *c = client(0, NULL);
	struct pymm_arena_info ai;
	u64 serial = 0, first;
	struct res r;
	u32 i;

	CHECK_EQ(opd(c, PYMM_OP_HEAP_CREATE, 0, HEAP, sizeof(HEAP)).err, 0);
	CHECK_EQ(opd(c, PYMM_OP_HEAP_ATTACH, 0, HEAP, sizeof(HEAP)).err, 0);
	for (i = 0;; i++) {
		int err = pymm_heap_read_arena(HEAP, 0, false, &serial, i, &ai);

		r = opx(c, PYMM_OP_ARENA_INFO, 0, i, 0, 0, NULL, 0, sizeof(ai));
		if (err) {
			CHECK_EQ(err, -ERANGE);
			CHECK_EQ(r.err, -ENOENT);
			break;
		}
		CHECK_EQ(r.err, 0);
		CHECK_EQ(memcmp(&ai, buf, sizeof(ai)), 0);
	}
	CHECK(i > 0);
	CHECK(serial != 0);
	first = serial;
	CHECK_EQ(pymm_heap_read_arena(HEAP, 0, false, &serial, 0, &ai), 0);
	CHECK_EQ(serial, first);
	/* made anew under the name: not the heap the dump started on */
	CHECK_EQ(opd(c, PYMM_OP_HEAP_DESTROY, 0, HEAP, sizeof(HEAP)).err, 0);
	CHECK_EQ(opd(c, PYMM_OP_HEAP_CREATE, 0, HEAP, sizeof(HEAP)).err, 0);
	CHECK_EQ(pymm_heap_read_arena(HEAP, 0, false, &serial, 0, &ai), -ENOENT);
	CHECK_EQ(serial, first);
	serial = 0;
	CHECK_EQ(pymm_heap_read_arena(HEAP, 0, false, &serial, 0, &ai), 0);
	CHECK(serial != first);
	CHECK_EQ(opd(c, PYMM_OP_HEAP_DESTROY, 0, HEAP, sizeof(HEAP)).err, 0);
	pymm_client_release(c);
}

int main(int argc, char **argv)
{
	unit_init(argc, argv);
	CHECK_EQ(pymm_core_init(&params), 0);
	RUN(test_bad_names);
	RUN(test_visibility);
	RUN(test_default_made_as_attach);
	RUN(test_registry_as);
	RUN(test_records_and_collect);
	RUN(test_arenas);
	CHECK_EQ(pymm_core_exit(), 0);
	CHECK_EQ(pymm_user_charged(), 0);
	return unit_summary();
}
