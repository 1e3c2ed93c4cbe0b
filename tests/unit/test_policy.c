// SPDX-License-Identifier: GPL-2.0
/*
 * test_policy.c - who may see, attach to and fill which heap (issue #12,
 * findings 6, 7 and 8), through pymm_op_exec() as both front ends drive it:
 *
 *   - public_heap = 0 (the default): "default" is each uid's own private
 *     heap, invisible to, and untouchable by, every other user, charged to
 *     its owner; nobody meets root there (finding 6);
 *   - an admin attaches to another uid's heap only with
 *     PYMM_OPF_OTHER_OWNER (finding 7, squatting);
 *   - admin is the opener's AND this call's (pymm_op_exec_as()): a dropped
 *     privilege takes effect on the next op (finding 8, the core half);
 *   - public_heap = 1: one shared heap, charged to an account of its own
 *     capped at user_quota, whose quota and life only an admin sets.
 *
 * Each test fails without the rule it checks (see the report of the change).
 */
#include "core/pymm_core.h"
#include "core/alloc.h"
#include "core/platform_user.h"
#include "unit_test.h"

static u8 buf[1 << 20];

#include "op_helpers.h"

#define DEF		PYMM_DEFAULT_HEAP
#define DEF_LEN		sizeof(PYMM_DEFAULT_HEAP)
#define NOBODY		65534

static struct pymm_core_params params = {
	.heap_quota = 64ull << 20,
	.user_quota = 8ull << 20,
	.max_heaps_per_user = 2,
	.max_frame_depth = 1000,
	.max_handles = 4096,
	.arena_shift = PYMM_ARENA_SHIFT_SMALL,
	.pool_shift = PYMM_POOL_SHIFT_SMALL,
};

static struct res bind(struct pymm_client *c, const char *name, u64 h)
{
	return opx(c, PYMM_OP_NAME_BIND, 0, h, 0, 0, name, strlen(name), 0);
}

static struct res lookup(struct pymm_client *c, const char *name)
{
	return opx(c, PYMM_OP_NAME_LOOKUP, 0, 0, 0, 0, name, strlen(name), 0);
}

/* the heaps c's HEAP_LIST shows: how many, and how many owned by uid */
static u32 listed(struct pymm_client *c, u32 uid, u32 *of_uid)
{
	struct res r = opx(c, PYMM_OP_HEAP_LIST, 0, 0, 0, 0, NULL, 0,
			   64 * sizeof(struct pymm_heap_info));
	struct pymm_heap_info info;
	u32 i;

	*of_uid = 0;
	CHECK_EQ(r.err, 0);
	for (i = 0; i < r.r0 && i < 64; i++) {
		memcpy(&info, buf + i * sizeof(info), sizeof(info));
		*of_uid += info.owner_uid == uid;
	}
	return (u32)r.r0;
}

/* what /proc/pymm shows a reader: heaps by owner */
struct seen {
	u32 heaps;
	u32 owner0;
};

static int count_view(const struct pymm_heap_view *v, void *arg)
{
	struct seen *s = arg;

	s->heaps++;
	s->owner0 += v->info->owner_uid == 0;
	return 0;
}

/*
 * Finding 6: root runs a script with no -H; nobody, also with no -H, must
 * find none of it, change none of it and see none of it.
 */
static void test_private_default(void)
{
	struct pymm_client *root = client(0, DEF), *nob = client(NOBODY, DEF);
	struct seen seen = {};
	struct res r;
	u32 n, mine;

	CHECK_EQ(bind(root, "secret", new_str(root, "root's secret")).err, 0);

	/* nobody's "default" is another heap: no secret to read or rebind */
	CHECK_EQ(lookup(nob, "secret").err, -ENOENT);
	CHECK_EQ(bind(nob, "secret", new_str(nob, "tampered")).err, 0);
	r = lookup(root, "secret");
	CHECK_EQ(r.err, 0);
	CHECK_EQ(op0(root, PYMM_OP_LEN, r.r0, 0, 0).r0, strlen("root's secret"));

	/* its collector settings are its own */
	CHECK_EQ(op0(nob, PYMM_OP_GC_DISABLE, 0, 0, 0).err, 0);
	CHECK_EQ(op0(nob, PYMM_OP_GC_SET_THRESHOLD, 0, 0, 0).err, 0);
	CHECK_EQ(op0(root, PYMM_OP_GC_ISENABLED, 0, 0, 0).r0, 1);

	/* nobody lists, and /proc shows it, only its own heap */
	n = listed(nob, 0, &mine);
	CHECK_EQ(n, 1);
	CHECK_EQ(mine, 0);
	CHECK_EQ(pymm_visit_heaps(NOBODY, false, count_view, &seen), 0);
	CHECK_EQ(seen.heaps, 1);
	CHECK_EQ(seen.owner0, 0);
	/* an admin sees both "default" heaps, one per owner */
	n = listed(root, NOBODY, &mine);
	CHECK_EQ(n, 2);
	CHECK_EQ(mine, 1);

	/* destroying or re-quotaing "default" reaches only one's own */
	CHECK_EQ(opd(nob, PYMM_OP_HEAP_SET_QUOTA, 1 << 20, DEF, DEF_LEN).err, 0);
	CHECK_EQ(opd(nob, PYMM_OP_HEAP_DESTROY, 0, DEF, DEF_LEN).err, 0);
	CHECK_EQ(lookup(root, "secret").err, 0);
	verify(root);
	CHECK_EQ(op0(root, PYMM_OP_GC_ISENABLED, 0, 0, 0).r0, 1);

	/* a fresh one on the next attach; explicit create: EEXIST after */
	CHECK_EQ(opd(nob, PYMM_OP_HEAP_ATTACH, 0, DEF, DEF_LEN).err, 0);
	CHECK_EQ(lookup(nob, "secret").err, -ENOENT);
	CHECK_EQ(opd(nob, PYMM_OP_HEAP_CREATE, 0, DEF, DEF_LEN).err, -EEXIST);
	verify(root);
	verify(nob);
	pymm_client_release(nob);
	nob = client(NOBODY, NULL);
	CHECK_EQ(opd(nob, PYMM_OP_HEAP_DESTROY, 0, DEF, DEF_LEN).err, 0);
	pymm_client_release(nob);
	pymm_client_release(root);
	root = client(0, NULL);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_DESTROY, 0, DEF, DEF_LEN).err, 0);
	pymm_client_release(root);
}

/*
 * Finding 6, the quota half: a user's default heap is charged to that
 * user (user_quota 8 MiB here, heap quota 64 MiB), and counts against no
 * heap limit (max_heaps_per_user 2 here).
 */
static void test_private_default_charged(void)
{
	struct pymm_client *nob = client(NOBODY, NULL), *d;
	int err;

	CHECK_EQ(opd(nob, PYMM_OP_HEAP_CREATE, 0, "pol_a", 6).err, 0);
	CHECK_EQ(opd(nob, PYMM_OP_HEAP_CREATE, 0, "pol_b", 6).err, 0);
	CHECK_EQ(opd(nob, PYMM_OP_HEAP_CREATE, 0, "pol_c", 6).err, -EUSERS);
	d = client(NOBODY, DEF);		/* the limit leaves it alone */
	fill_bytes(d, &err);
	CHECK_EQ(err, -EDQUOT);
	CHECK(heap_bytes_held(d) <= params.user_quota);
	CHECK(heap_bytes_held(d) > params.user_quota / 2);
	/* the owner's account is what refused: its other heap gets little */
	CHECK_EQ(opd(nob, PYMM_OP_HEAP_ATTACH, 0, "pol_a", 6).err, 0);
	fill_bytes(nob, &err);
	CHECK_EQ(err, -EDQUOT);
	CHECK(heap_bytes_held(d) + heap_bytes_held(nob) <= params.user_quota);
	pymm_client_release(d);
	pymm_client_release(nob);
	nob = client(NOBODY, NULL);
	CHECK_EQ(opd(nob, PYMM_OP_HEAP_DESTROY, 0, "pol_a", 6).err, 0);
	CHECK_EQ(opd(nob, PYMM_OP_HEAP_DESTROY, 0, "pol_b", 6).err, 0);
	CHECK_EQ(opd(nob, PYMM_OP_HEAP_DESTROY, 0, DEF, DEF_LEN).err, 0);
	pymm_client_release(nob);
}

/* Finding 7: nobody squats "nightly"; root's attach by name is refused. */
static void test_squatting(void)
{
	struct pymm_client *nob = client(NOBODY, NULL), *root = client(0, NULL);
	struct res r;

	CHECK_EQ(opd(nob, PYMM_OP_HEAP_CREATE, 0, "nightly", 8).err, 0);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_CREATE, 0, "nightly", 8).err, -EEXIST);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_ATTACH, 0, "nightly", 8).err, -EACCES);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_STATS, 0, NULL, 0).err, -ENOTCONN);

	/* said explicitly, it is allowed */
	r = opx(root, PYMM_OP_HEAP_ATTACH, PYMM_OPF_OTHER_OWNER, 0, 0, 0, "nightly", 8, 0);
	CHECK_EQ(r.err, 0);
	/* the flag means nothing to a non-admin, nor on any other op */
	r = opx(nob, PYMM_OP_HEAP_ATTACH, PYMM_OPF_OTHER_OWNER, 0, 0, 0, DEF, DEF_LEN, 0);
	CHECK_EQ(r.err, 0);			/* its own default, or the public one */
	CHECK_EQ(opd(root, PYMM_OP_HEAP_CREATE, 0, "rootonly", 9).err, 0);
	r = opx(nob, PYMM_OP_HEAP_ATTACH, PYMM_OPF_OTHER_OWNER, 0, 0, 0, "rootonly", 9, 0);
	CHECK_EQ(r.err, -EACCES);
	r = opx(root, PYMM_OP_NEW_INT, PYMM_OPF_OTHER_OWNER, 1, 0, 0, NULL, 0, 0);
	CHECK_EQ(r.err, -EINVAL);
	/* the owner's own heap needs no flag */
	CHECK_EQ(opd(root, PYMM_OP_HEAP_ATTACH, 0, "rootonly", 9).err, 0);

	pymm_client_release(root);
	pymm_client_release(nob);
	root = client(0, NULL);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_DESTROY, 0, "nightly", 8).err, 0);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_DESTROY, 0, "rootonly", 9).err, 0);
	pymm_client_release(root);
	/* the default heap it attached: its own, or (public_heap) an admin's */
	nob = client(params.public_heap ? 0 : NOBODY, NULL);
	CHECK_EQ(opd(nob, PYMM_OP_HEAP_DESTROY, 0, DEF, DEF_LEN).err, 0);
	pymm_client_release(nob);
}

static int exec_as(struct pymm_client *c, bool admin_now, u32 code, u32 flags, u64 a0,
		   const char *name, u32 *count)
{
	struct pymm_op op = {
		.code = code, .flags = flags, .arg = { a0 },
		.data_len = name ? strlen(name) + 1 : 64 * sizeof(struct pymm_heap_info),
	};
	int err;

	if (name)
		memcpy(buf, name, strlen(name) + 1);
	err = pymm_op_exec_as(c, admin_now, &op, buf, sizeof(buf));
	CHECK_EQ(err, op.error);
	if (count)
		*count = (u32)op.ret[0];
	return err;
}

/*
 * Finding 8, the core half: a client opened by root whose caller no longer
 * holds CAP_SYS_ADMIN (admin_now false) has a user's rights only.
 */
static void test_admin_rechecked(void)
{
	struct pymm_client *nob = client(NOBODY, NULL), *root = client(0, NULL);
	u32 n;

	CHECK_EQ(opd(nob, PYMM_OP_HEAP_CREATE, 0, "nobodys", 8).err, 0);
	CHECK_EQ(exec_as(root, false, PYMM_OP_HEAP_ATTACH, PYMM_OPF_OTHER_OWNER, 0,
			 "nobodys", NULL), -EACCES);
	CHECK_EQ(exec_as(root, false, PYMM_OP_HEAP_SET_QUOTA, 0, 1 << 20, "nobodys", NULL),
		 -EPERM);
	CHECK_EQ(exec_as(root, false, PYMM_OP_HEAP_DESTROY, 0, 0, "nobodys", NULL), -EPERM);
	CHECK_EQ(exec_as(root, false, PYMM_OP_HEAP_CREATE, 0, 128ull << 20, "big", NULL),
		 -EPERM);
	CHECK_EQ(exec_as(root, false, PYMM_OP_HEAP_LIST, 0, 0, NULL, &n), 0);
	CHECK_EQ(n, 0);
	/* a client opened by a non-admin gains nothing from admin_now */
	CHECK_EQ(exec_as(nob, true, PYMM_OP_HEAP_LIST, 0, 0, NULL, &n), 0);
	CHECK_EQ(n, 1);
	/* with the capability now, the same client is an admin again */
	CHECK_EQ(exec_as(root, true, PYMM_OP_HEAP_LIST, 0, 0, NULL, &n), 0);
	CHECK_EQ(n, 1);
	CHECK_EQ(exec_as(root, true, PYMM_OP_HEAP_DESTROY, 0, 0, "nobodys", NULL), 0);
	pymm_client_release(root);
	pymm_client_release(nob);
}

/*
 * public_heap = 1: one heap everybody shares, on purpose; still charged
 * (an account of its own, capped at user_quota), its quota and life an
 * admin's.
 */
static void test_public_heap(void)
{
	struct pymm_client *root = client(0, DEF), *nob = client(NOBODY, DEF), *own;
	struct res r;
	u64 pub, mine;
	int err;
	u32 n, of0;

	CHECK_EQ(bind(root, "shared", new_int(root, 4242)).err, 0);
	r = lookup(nob, "shared");
	CHECK_EQ(r.err, 0);
	CHECK_EQ(op0(nob, PYMM_OP_READ, r.r0, 0, 0).r0, 4242);
	n = listed(nob, 0, &of0);
	CHECK_EQ(n, 1);
	CHECK_EQ(of0, 1);

	/* quota 64 MiB, but the public account holds at most user_quota */
	fill_bytes(nob, &err);
	CHECK_EQ(err, -EDQUOT);
	pub = heap_bytes_held(nob);
	CHECK(pub <= params.user_quota);
	/* ... which is not nobody's own: its own heap still gets its share */
	own = client(NOBODY, NULL);
	CHECK_EQ(opd(own, PYMM_OP_HEAP_CREATE, 0, "pol_own", 8).err, 0);
	CHECK_EQ(opd(own, PYMM_OP_HEAP_ATTACH, 0, "pol_own", 8).err, 0);
	fill_bytes(own, &err);
	CHECK_EQ(err, -EDQUOT);
	mine = heap_bytes_held(own);
	CHECK(mine > params.user_quota / 2);

	CHECK_EQ(opd(nob, PYMM_OP_HEAP_SET_QUOTA, 1 << 20, DEF, DEF_LEN).err, -EPERM);
	CHECK_EQ(opd(nob, PYMM_OP_HEAP_DESTROY, 0, DEF, DEF_LEN).err, -EPERM);
	CHECK_EQ(opd(own, PYMM_OP_HEAP_DESTROY, 0, "pol_own", 8).err, 0);
	pymm_client_release(own);
	pymm_client_release(nob);
	pymm_client_release(root);
	root = client(0, NULL);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_DESTROY, 0, DEF, DEF_LEN).err, 0);
	pymm_client_release(root);
}

/*
 * "default@UID": how an admin reaches a user's private default heap, which
 * the plain name never finds for it.  For anyone else the form names
 * nothing but the caller's own (no probing which uids have a heap), and no
 * heap can be made under it.  With public_heap = 1 there is none to name.
 */
static void test_default_of_uid(void)
{
	struct pymm_client *nob = client(NOBODY, DEF), *root = client(0, NULL), *other;
	const char *of_nob = "default@65534";
	u32 len = strlen(of_nob) + 1;
	struct res r;

	CHECK_EQ(bind(nob, "mine", new_int(nob, 424242)).err, 0);
	/* root, admin: plain attach refused (squatting rule), explicit allowed */
	CHECK_EQ(opd(root, PYMM_OP_HEAP_ATTACH, 0, of_nob, len).err, -EACCES);
	r = opx(root, PYMM_OP_HEAP_ATTACH, PYMM_OPF_OTHER_OWNER, 0, 0, 0, of_nob, len, 0);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(lookup(root, "mine").err, 0);		/* the very heap */
	pymm_client_release(root);	/* detached: destroy below waits for nob only */
	root = client(0, NULL);
	CHECK_EQ(opx(root, PYMM_OP_HEAP_SET_QUOTA, 0, 1u << 20, 0, 0, of_nob, len, 0).err, 0);
	/* another user finds nothing under it, nor under root's own */
	other = client(NOBODY - 1, NULL);
	CHECK_EQ(opd(other, PYMM_OP_HEAP_ATTACH, 0, of_nob, len).err, -ENOENT);
	CHECK_EQ(opd(other, PYMM_OP_HEAP_DESTROY, 0, of_nob, len).err, -ENOENT);
	CHECK_EQ(opd(other, PYMM_OP_HEAP_ATTACH, 0, "default@0", 10).err, -ENOENT);
	/* its owner may use the form for its own */
	CHECK_EQ(opd(nob, PYMM_OP_HEAP_ATTACH, 0, of_nob, len).err, 0);
	/* nobody can create a heap under the form, nor malformed forms */
	CHECK_EQ(opd(other, PYMM_OP_HEAP_CREATE, 0, "default@65533", 14).err, -EINVAL);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_CREATE, 0, "default@7", 10).err, -EINVAL);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_ATTACH, 0, "default@007", 12).err, -EINVAL);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_ATTACH, 0, "default@4294967296", 19).err, -EINVAL);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_ATTACH, 0, "default@", 9).err, -EINVAL);
	/* the admin destroys it once its owner is gone */
	CHECK_EQ(opd(root, PYMM_OP_HEAP_DESTROY, 0, of_nob, len).err, -EBUSY);
	pymm_client_release(nob);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_DESTROY, 0, of_nob, len).err, 0);
	CHECK_EQ(opd(root, PYMM_OP_HEAP_DESTROY, 0, of_nob, len).err, -ENOENT);
	pymm_client_release(other);
	pymm_client_release(root);
}

/* public_heap = 1: one shared "default", no per-uid one to name */
static void test_default_of_uid_public(void)
{
	struct pymm_client *root = client(0, NULL);

	CHECK_EQ(opd(root, PYMM_OP_HEAP_ATTACH, 0, "default@0", 10).err, -ENOENT);
	pymm_client_release(root);
}

static void core_up(u32 public_heap)
{
	params.public_heap = public_heap;
	CHECK_EQ(pymm_core_init(&params), 0);
}

static void core_down(void)
{
	CHECK_EQ(pymm_core_exit(), 0);
	CHECK_EQ(pymm_user_charged(), 0);
}

int main(int argc, char **argv)
{
	unit_init(argc, argv);
	core_up(0);
	RUN(test_private_default);
	RUN(test_private_default_charged);
	RUN(test_squatting);
	RUN(test_admin_rechecked);
	RUN(test_default_of_uid);
	core_down();
	core_up(1);
	RUN(test_public_heap);
	RUN(test_squatting);
	RUN(test_default_of_uid_public);
	core_down();
	return unit_summary();
}
