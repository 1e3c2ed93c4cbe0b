// SPDX-License-Identifier: GPL-2.0
/*
 * netlink.c - the generic netlink front end: family "pymm", version 1.
 *
 * Like chardev.c, this file only decodes.  Every command becomes one or
 * more struct pymm_op plus a kernel buffer and goes through pymm_op_exec(),
 * the path the device uses, so permissions (heap ownership, admin) and the
 * meaning of every op are decided in one place, the core.  What is checked
 * here is what the transport owns: attribute types and sizes (strict
 * per-command policies: new families get resv_start_op = 0, so the genetlink
 * core rejects unknown and unexpected attributes for us), the family version,
 * and which attributes a command needs.  Every refusal carries an
 * extended-ack message.
 *
 * Sessions.  A netlink socket is not a file, so nothing is released when
 * "the file" closes.  The first PYMM_CMD_OP a socket sends creates a
 * session: a core client with the socket's credentials, found again by the
 * socket on later requests, released when the socket is closed (the
 * NETLINK_URELEASE notifier) or at unload.  Port ids are reused as soon as a
 * socket is unhashed, which happens *before* the notifier runs, so a session
 * is keyed by the socket itself (a counted reference, so that the pointer
 * cannot be reused either) and the notifier removes only sessions whose
 * socket is dead.  Each user may hold nl_sessions_per_user sessions.
 *
 *	pymm_nl_sessions (hash by port id, pymm_nl_lock)
 *	  session --- session ...
 *	    sk        the socket (sock_hold), identity only
 *	    client    the core client: handles, frames, attached heap
 *
 * The typed commands (HEAP_*, ALLOC_STATS_GET, ARENA_GET, GC_*) name their
 * heap and never move a session to another heap.  Each is one core call
 * (or one per message of a dump), with no client of its own: HEAP_GET
 * (pymm_visit_heap_rows(): the published rows the sender may see,
 * filtered by name here, once), ALLOC_STATS_GET, GC_STATS_GET and
 * GC_COLLECT (pymm_heap_read_alloc(), pymm_heap_read_gc(),
 * pymm_heap_collect()) and ARENA_GET's dump (one call per arena,
 * pymm_heap_read_arena()), which find the heap as attach does and wait
 * for its lock killably, as an op does; HEAP_NEW and HEAP_DEL
 * (pymm_heap_create_as(), pymm_heap_destroy_as()), the registry ops' own
 * decisions.
 *
 * Credentials, checked on every message (pymm_nl_creds()): the uid is the
 * fsuid of whoever opened the socket, and a sender whose fsuid is another
 * is refused (-EPERM): a session never serves a uid other than its own, so
 * a process that opened its socket as root and then dropped privileges
 * (setresuid) must open a new socket.  Admin means CAP_SYS_ADMIN for both
 * the opener and the sender at this message (netlink_capable()); a session
 * does not keep it: each PYMM_CMD_OP runs with the admin of its own message
 * (pymm_op_exec_as()).
 *
 * Locking: pymm_nl_lock (a mutex) protects the session table and nothing
 * else.  No core function is called under it: clients are created before
 * and released after it is held, so it nests with no core lock, and
 * pymm_plat_event(), which the core calls with heap mutexes held, never
 * takes it.  The family is parallel_ops: the genetlink mutex is not held
 * while the core runs (a collection may take a while), and the core
 * serialises each client's operations itself (client->lock).
 *
 * Events: pymm_plat_event() turns a struct pymm_event into a PYMM_CMD_EVENT
 * message on the "events" group (init_net; joining needs CAP_SYS_ADMIN, since
 * events name every user's heaps).  The core calls it with heap mutexes held,
 * never a spinlock, so GFP_KERNEL is fine.
 */

#define pr_fmt(fmt) "pymm: " fmt

#include <linux/cred.h>
#include <linux/version.h>
#include <linux/fs.h>
#include <linux/hashtable.h>
#include <linux/kref.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include <linux/uidgid.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "../core/pymm_core.h"
#include "netlink.h"
#include "pymm_kernel.h"
#include "trace.h"

static unsigned int nl_sessions_per_user = 64;
module_param(nl_sessions_per_user, uint, 0444);
MODULE_PARM_DESC(nl_sessions_per_user,
		 "Netlink sockets one user may have running PYMM_CMD_OP sessions at once");

/* ------------------------------------------------------------- sessions */

struct pymm_nl_session {
	struct hlist_node node;		/* pymm_nl_lock */
	struct kref ref;
	struct sock *sk;		/* held; compared, never used */
	u32 portid;
	u32 uid;
	struct pymm_client *client;
};

#define PYMM_NL_HASH_BITS	6

/* what a session takes from its kmalloc cache, charged to its uid */
#define PYMM_NL_SESSION_SIZE	kmalloc_size_roundup(sizeof(struct pymm_nl_session))

static DEFINE_HASHTABLE(pymm_nl_sessions, PYMM_NL_HASH_BITS);
static DEFINE_MUTEX(pymm_nl_lock);

/* true between registration and unregistration: gates pymm_plat_event() */
static bool pymm_nl_registered;

static void pymm_nl_session_free(struct kref *ref)
{
	struct pymm_nl_session *s = container_of(ref, struct pymm_nl_session, ref);

	pymm_client_uncharge(s->client, PYMM_NL_SESSION_SIZE);
	pymm_client_release(s->client);
	sock_put(s->sk);
	kfree(s);
}

static void pymm_nl_session_put(struct pymm_nl_session *s)
{
	kref_put(&s->ref, pymm_nl_session_free);
}

/*
 * Who sent skb, decided on every message (nothing is cached): the uid is
 * the opener's (the socket file's fsuid), and the sender must still be that
 * uid, else -EPERM: a process that opened the socket as root and then
 * dropped to another uid, or a socket passed to another user, is refused
 * rather than served with the opener's rights (it may open a socket of its
 * own).  admin is netlink_capable(): CAP_SYS_ADMIN of the opener AND of the
 * sender now.  -EPERM too if the sender has no file (a kernel socket).
 */
static int pymm_nl_creds(const struct sk_buff *skb, struct netlink_ext_ack *extack,
			 u32 *uid, bool *admin)
{
	const struct sock *sk = NETLINK_CB(skb).sk;
	const struct socket *sock = sk ? sk->sk_socket : NULL;
	const struct file *file = sock ? sock->file : NULL;

	if (!file) {
		NL_SET_ERR_MSG(extack, "pymm: sender has no socket file");
		return -EPERM;
	}
	if (!uid_eq(current_fsuid(), file->f_cred->fsuid)) {
		NL_SET_ERR_MSG(extack,
			       "pymm: the sender's uid is not the uid that opened the socket: open a new socket");
		return -EPERM;
	}
	*uid = from_kuid_munged(&init_user_ns, file->f_cred->fsuid);
	*admin = netlink_capable(skb, CAP_SYS_ADMIN);
	return 0;
}

/* pymm_nl_lock held: the socket's session, or NULL */
static struct pymm_nl_session *pymm_nl_session_find(const struct sock *sk, u32 portid)
{
	struct pymm_nl_session *s;

	lockdep_assert_held(&pymm_nl_lock);
	hash_for_each_possible(pymm_nl_sessions, s, node, portid)
		if (s->sk == sk)
			return s;
	return NULL;
}

static unsigned int pymm_nl_sessions_of(u32 uid)
{
	struct pymm_nl_session *s;
	unsigned int n = 0;
	int bkt;

	hash_for_each(pymm_nl_sessions, bkt, s, node)
		n += s->uid == uid;
	return n;
}

/*
 * The sender's session, created on first use; the caller puts it.  *admin
 * is the sender's admin for this message (pymm_nl_creds()): the session's
 * client keeps only the admin of its first message, which this narrows.
 */
static struct pymm_nl_session *pymm_nl_session_get(struct sk_buff *skb,
						   struct genl_info *info, bool *admin,
						   int *err)
{
	struct sock *sk = NETLINK_CB(skb).sk;
	u32 portid = NETLINK_CB(skb).portid;
	struct pymm_nl_session *s, *fresh;
	struct pymm_client *c;
	u32 uid;

	*err = pymm_nl_creds(skb, info->extack, &uid, admin);
	if (*err)
		return NULL;
	mutex_lock(&pymm_nl_lock);
	s = pymm_nl_session_find(sk, portid);
	if (s)
		kref_get(&s->ref);
	mutex_unlock(&pymm_nl_lock);
	if (s && s->uid != uid) {
		/* the same socket file, so never; refused rather than assumed */
		pymm_nl_session_put(s);
		GENL_SET_ERR_MSG(info, "pymm: the session belongs to another uid");
		*err = -EPERM;
		return NULL;
	}
	if (s)
		return s;

	/* the client first: the session is charged to the uid through it */
	c = pymm_client_create(uid, *admin, err);
	if (!c)
		goto refused;
	*err = pymm_client_charge(c, PYMM_NL_SESSION_SIZE);
	if (*err) {
		pymm_client_release(c);
		goto refused;
	}
	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL_ACCOUNT);
	if (!fresh) {
		pymm_client_uncharge(c, PYMM_NL_SESSION_SIZE);
		pymm_client_release(c);
		*err = -ENOMEM;
		goto refused;
	}
	fresh->client = c;
	kref_init(&fresh->ref);
	fresh->portid = portid;
	fresh->uid = uid;
	sock_hold(sk);
	fresh->sk = sk;

	mutex_lock(&pymm_nl_lock);
	/* Two threads sharing a socket may race to create its session. */
	s = pymm_nl_session_find(sk, portid);
	if (!s && pymm_nl_sessions_of(uid) >= nl_sessions_per_user) {
		mutex_unlock(&pymm_nl_lock);
		pymm_nl_session_put(fresh);
		GENL_SET_ERR_MSG(info,
				 "pymm: too many netlink sessions for this user (nl_sessions_per_user); close some sockets");
		*err = -EMFILE;
		return NULL;
	}
	if (!s) {
		/* the table keeps the initial reference */
		hash_add(pymm_nl_sessions, &fresh->node, portid);
		s = fresh;
		fresh = NULL;
	}
	kref_get(&s->ref);
	mutex_unlock(&pymm_nl_lock);
	if (fresh)
		pymm_nl_session_put(fresh);
	return s;

refused:
	if (*err == -EDQUOT)
		GENL_SET_ERR_MSG(info,
				 "pymm: quota exceeded: the user's user_quota_kib is full, no room for a session");
	else if (*err == -ENOSPC)
		GENL_SET_ERR_MSG(info, "pymm: module memory limit reached (mem_limit_mb)");
	else
		GENL_SET_ERR_MSG(info, "pymm: out of memory for a netlink session");
	return NULL;
}

/*
 * A socket is going away.  Its port id may already belong to a new socket
 * (netlink_release() unhashes it first), whose session must survive: only
 * sessions of dead sockets go.
 */
static int pymm_nl_notify(struct notifier_block *nb, unsigned long state, void *ptr)
{
	struct netlink_notify *n = ptr;
	struct pymm_nl_session *s;
	struct hlist_node *tmp;
	HLIST_HEAD(gone);

	if (state != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC)
		return NOTIFY_DONE;

	mutex_lock(&pymm_nl_lock);
	hash_for_each_possible_safe(pymm_nl_sessions, s, tmp, node, n->portid) {
		if (s->portid != n->portid || !net_eq(sock_net(s->sk), n->net) ||
		    !sock_flag(s->sk, SOCK_DEAD))
			continue;
		hash_del(&s->node);
		hlist_add_head(&s->node, &gone);
	}
	mutex_unlock(&pymm_nl_lock);

	/* Releasing a client takes core locks: not under pymm_nl_lock. */
	hlist_for_each_entry_safe(s, tmp, &gone, node)
		pymm_nl_session_put(s);
	return NOTIFY_OK;
}

static struct notifier_block pymm_nl_notifier = {
	.notifier_call = pymm_nl_notify,
};

static void pymm_nl_sessions_drop_all(void)
{
	struct pymm_nl_session *s;
	struct hlist_node *tmp;
	HLIST_HEAD(gone);
	int bkt;

	mutex_lock(&pymm_nl_lock);
	hash_for_each_safe(pymm_nl_sessions, bkt, tmp, s, node) {
		hash_del(&s->node);
		hlist_add_head(&s->node, &gone);
	}
	mutex_unlock(&pymm_nl_lock);
	hlist_for_each_entry_safe(s, tmp, &gone, node)
		pymm_nl_session_put(s);
}

/* ------------------------------------------------------------- policies */

static struct netlink_range_validation pymm_nl_data_cap_range = {
	.min = 0,
	.max = PYMM_GENL_DATA_MAX,
};

static const struct nla_policy pymm_op_policy[PYMM_A_OP_MAX + 1] = {
	[PYMM_A_OP_CODE]	= { .type = NLA_U32 },
	[PYMM_A_OP_FLAGS]	= NLA_POLICY_MASK(NLA_U32, PYMM_OPF_ALL),
	[PYMM_A_OP_ARG0]	= { .type = NLA_U64 },
	[PYMM_A_OP_ARG1]	= { .type = NLA_U64 },
	[PYMM_A_OP_ARG2]	= { .type = NLA_U64 },
	[PYMM_A_OP_ARG3]	= { .type = NLA_U64 },
	[PYMM_A_OP_DATA]	= { .type = NLA_BINARY, .len = PYMM_GENL_DATA_MAX },
	[PYMM_A_OP_DATA_CAP]	= NLA_POLICY_FULL_RANGE(NLA_U32, &pymm_nl_data_cap_range),
};

#define PYMM_NL_HEAP_NAME_POLICY \
	[PYMM_A_HEAP_NAME] = { .type = NLA_NUL_STRING, .len = PYMM_HEAP_NAME_MAX - 1 }

/* HEAP_DEL, HEAP_GET, ALLOC_STATS_GET, ARENA_GET, GC_STATS_GET */
static const struct nla_policy pymm_heap_name_policy[PYMM_A_HEAP_MAX + 1] = {
	PYMM_NL_HEAP_NAME_POLICY,
};

static const struct nla_policy pymm_heap_new_policy[PYMM_A_HEAP_MAX + 1] = {
	PYMM_NL_HEAP_NAME_POLICY,
	[PYMM_A_HEAP_QUOTA]	= { .type = NLA_U64 },
};

static const struct nla_policy pymm_gc_collect_policy[PYMM_A_HEAP_MAX + 1] = {
	PYMM_NL_HEAP_NAME_POLICY,
	[PYMM_A_HEAP_GENERATION] = NLA_POLICY_MAX(NLA_U32, 2),
};

/* ---------------------------------------------------------------- family */

enum pymm_nl_groups {
	PYMM_NL_GRP_EVENTS,
};

static const struct genl_multicast_group pymm_nl_mcgrps[] = {
	[PYMM_NL_GRP_EVENTS] = {
		.name = PYMM_GENL_MCGRP_EVENTS,
		.flags = GENL_MCAST_CAP_SYS_ADMIN,
	},
};

static struct genl_family pymm_genl_family;

static bool pymm_nl_version_ok(const struct nlmsghdr *nlh, struct netlink_ext_ack *extack)
{
	const struct genlmsghdr *gh = nlmsg_data(nlh);

	if (gh->version == PYMM_GENL_VERSION)
		return true;
	NL_SET_ERR_MSG(extack, "pymm: unsupported family version (this module speaks version 1)");
	return false;
}

/* 6.2 split the ops: pre_doit gets a genl_split_ops, dumps' attrs moved into info */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define pymm_dump_attrs(cb)	(genl_dumpit_info(cb)->info.attrs)
#define pymm_genl_pre_ops	genl_split_ops
#else
#define pymm_dump_attrs(cb)	(genl_dumpit_info(cb)->attrs)
#define pymm_genl_pre_ops	genl_ops
#endif

static int pymm_nl_pre_doit(const struct pymm_genl_pre_ops *ops, struct sk_buff *skb,
			    struct genl_info *info)
{
	return pymm_nl_version_ok(info->nlhdr, info->extack) ? 0 : -EOPNOTSUPP;
}

/*
 * The core's errors, said in words for the typed commands (PYMM_CMD_OP
 * returns them in PYMM_A_OP_ERROR instead), through NL_SET_ERR_MSG_MOD():
 * its static strings live until the ack is built, and the netlink_extack
 * tracepoint sees them.
 */
static void pymm_nl_core_errmsg(struct netlink_ext_ack *extack, u8 cmd, int err)
{
	switch (err) {
	case -ENOENT:
		NL_SET_ERR_MSG_MOD(extack, "no such heap (or not yours to see)");
		break;
	case -EEXIST:
		NL_SET_ERR_MSG_MOD(extack, "a heap with this name already exists");
		break;
	case -EACCES:
	case -EPERM:
		if (cmd == PYMM_CMD_HEAP_NEW)
			NL_SET_ERR_MSG_MOD(extack, "permission denied: a quota above the default needs CAP_SYS_ADMIN");
		else
			NL_SET_ERR_MSG_MOD(extack, "permission denied: the heap belongs to another user");
		break;
	case -ENOTCONN:
		NL_SET_ERR_MSG_MOD(extack, "not attached to a heap");
		break;
	case -EBUSY:
		NL_SET_ERR_MSG_MOD(extack, "the heap has attached clients");
		break;
	case -EUSERS:
		NL_SET_ERR_MSG_MOD(extack, "too many heaps for this user (max_heaps_per_user)");
		break;
	case -EMFILE:
		NL_SET_ERR_MSG_MOD(extack, "too many handles or sessions for this client");
		break;
	case -EDQUOT:
		if (cmd == PYMM_CMD_HEAP_NEW)
			NL_SET_ERR_MSG_MOD(extack, "quota exceeded: the heap's or the user's (user_quota_kib) is too small for a heap");
		else
			NL_SET_ERR_MSG_MOD(extack, "quota exceeded (the heap's, or the user's user_quota_kib)");
		break;
	case -ENOSPC:
		NL_SET_ERR_MSG_MOD(extack, "module memory limit reached (mem_limit_mb)");
		break;
	case -ENOMEM:
		NL_SET_ERR_MSG_MOD(extack, "out of memory");
		break;
	case -EINVAL:
		NL_SET_ERR_MSG_MOD(extack, "invalid heap name, quota or generation");
		break;
	case -ENAMETOOLONG:
		NL_SET_ERR_MSG_MOD(extack, "heap name too long");
		break;
	default:
		NL_SET_ERR_MSG_MOD(extack, "the operation failed");
		break;
	}
}

/* ---------------------------------------------------------- PYMM_CMD_OP */

static int pymm_nl_put_u64(struct sk_buff *skb, int type, u64 v, int pad)
{
	return nla_put_u64_64bit(skb, type, v, pad);
}

static int pymm_nl_cmd_op(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct pymm_nl_session *s;
	struct pymm_op op = {};
	u32 in_len = 0, cap = 0, len, out_len = 0;
	struct sk_buff *msg;
	void *buf = NULL;
	bool admin;
	void *hdr;
	int i, err;

	if (GENL_REQ_ATTR_CHECK(info, PYMM_A_OP_CODE)) {
		GENL_SET_ERR_MSG(info, "pymm: missing the op code (PYMM_A_OP_CODE)");
		return -EINVAL;
	}
	op.code = nla_get_u32(tb[PYMM_A_OP_CODE]);
	if (tb[PYMM_A_OP_FLAGS])
		op.flags = nla_get_u32(tb[PYMM_A_OP_FLAGS]);
	for (i = 0; i < 4; i++)
		if (tb[PYMM_A_OP_ARG0 + i])
			op.arg[i] = nla_get_u64(tb[PYMM_A_OP_ARG0 + i]);
	if (tb[PYMM_A_OP_DATA])
		in_len = nla_len(tb[PYMM_A_OP_DATA]);
	if (tb[PYMM_A_OP_DATA_CAP])
		cap = nla_get_u32(tb[PYMM_A_OP_DATA_CAP]);

	/* As the device: data_len is the input size, or the room for output. */
	op.data_len = tb[PYMM_A_OP_DATA] ? in_len : cap;
	/* an op the core refuses anyway runs without a buffer: its errno */
	len = pymm_op_check(&op) ? 0 : max(in_len, cap);

	s = pymm_nl_session_get(skb, info, &admin, &err);
	if (!s)
		return err;
	if (len) {
		/* charged to the session's uid while it exists, as the device's */
		err = pymm_client_charge(s->client, len);
		if (err) {
			if (err == -EDQUOT)
				GENL_SET_ERR_MSG(info,
						 "pymm: quota exceeded: the user's user_quota_kib has no room for the op's data");
			else
				GENL_SET_ERR_MSG(info,
						 "pymm: module memory limit reached (mem_limit_mb)");
			goto out_put;
		}
		/* zeroed: the reply never carries stale kernel bytes */
		buf = kvzalloc(len, GFP_KERNEL_ACCOUNT);
		if (!buf) {
			GENL_SET_ERR_MSG(info, "pymm: out of memory for the op's data");
			err = -ENOMEM;
			goto out_uncharge;
		}
		if (in_len)
			nla_memcpy(buf, tb[PYMM_A_OP_DATA], in_len);
	}
	pymm_op_exec_as(s->client, admin, &op, buf, len);

	/* never more than len: the core checks its claim (op_finish()) */
	if (buf && (pymm_op_data_dir(op.code) & PYMM_DATA_OUT) && !op.error &&
	    !(op.out_flags & PYMM_OUTF_TRUNC))
		out_len = op.data_len;

	err = -ENOMEM;
	msg = genlmsg_new(NLMSG_GOODSIZE + nla_total_size(out_len), GFP_KERNEL);
	if (!msg)
		goto out_nomsg;
	hdr = genlmsg_put_reply(msg, info, &pymm_genl_family, 0, PYMM_CMD_OP);
	if (!hdr)
		goto out_cancel;
	if (nla_put_s32(msg, PYMM_A_OP_ERROR, op.error) ||
	    nla_put_u32(msg, PYMM_A_OP_EXC, op.exc) ||
	    pymm_nl_put_u64(msg, PYMM_A_OP_RET0, op.ret[0], PYMM_A_OP_PAD) ||
	    pymm_nl_put_u64(msg, PYMM_A_OP_RET1, op.ret[1], PYMM_A_OP_PAD) ||
	    nla_put_u32(msg, PYMM_A_OP_OUT_FLAGS, op.out_flags) ||
	    nla_put_u32(msg, PYMM_A_OP_DATA_LEN, op.data_len))
		goto out_cancel;
	if (out_len && nla_put(msg, PYMM_A_OP_DATA, out_len, buf))
		goto out_cancel;
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
	goto out_free;

out_cancel:
	nlmsg_free(msg);
out_nomsg:
	GENL_SET_ERR_MSG(info, "pymm: out of memory for the reply (the op did run)");
out_free:
	kvfree(buf);
out_uncharge:
	if (len)
		pymm_client_uncharge(s->client, len);
out_put:
	pymm_nl_session_put(s);
	return err;
}

/* -------------------------------------------------------- typed commands */

/*
 * The heap a typed command names (or the default heap) and who asks, for
 * the core's views of one heap (pymm_heap_read_*(), pymm_heap_collect():
 * no client, nothing charged).  The core checks the name and the right to
 * see the heap, as attach does.
 */
static int pymm_nl_heap_who(const struct sk_buff *skb, const struct nlattr *name_attr,
			    struct netlink_ext_ack *extack, char name[PYMM_HEAP_NAME_MAX],
			    u32 *uid, bool *admin)
{
	int err = pymm_nl_creds(skb, extack, uid, admin);

	if (err)
		return err;
	strscpy(name, PYMM_DEFAULT_HEAP, PYMM_HEAP_NAME_MAX);
	if (name_attr) {
		nla_strscpy(name, name_attr, PYMM_HEAP_NAME_MAX);
		if (!name[0]) {
			NL_SET_ERR_MSG_ATTR(extack, name_attr, "pymm: empty heap name");
			return -EINVAL;
		}
	}
	return 0;
}

/* A core view's refusal, named in extack (and the name attribute blamed). */
static int pymm_nl_view_err(struct genl_info *info, u8 cmd, int err)
{
	pymm_nl_core_errmsg(info->extack, cmd, err);
	if (info->attrs[PYMM_A_HEAP_NAME])
		NL_SET_BAD_ATTR(info->extack, info->attrs[PYMM_A_HEAP_NAME]);
	return err;
}

/*
 * HEAP_GET's rows: one walk of the registry's published rows
 * (pymm_visit_heap_rows(): the heaps the sender may see, as
 * PYMM_OP_HEAP_LIST says, no heap's lock taken), kept if they match the
 * name.  A view over one core call: no client, no attach.
 */
struct pymm_nl_rows {
	const struct nlattr *name;	/* only heaps of this name; NULL: all */
	u32 uid;
	bool own;			/* only uid's own */
	bool default_of;		/* name is "default@UID": uid's "default" */
	struct pymm_heap_info *list;	/* kvmalloc'd */
	u32 count, cap;
};

/* no core lock held here (pymm_core.h): allocating is fine */
static int pymm_nl_row(const struct pymm_heap_view *v, void *arg)
{
	struct pymm_nl_rows *r = arg;
	const struct pymm_heap_info *hi = v->info;
	struct pymm_heap_info *list;

	if (r->default_of) {
		if (strncmp(hi->name, PYMM_DEFAULT_HEAP, sizeof(hi->name)))
			return 0;
	} else if (r->name && nla_strcmp(r->name, hi->name)) {
		return 0;
	}
	if (r->own && hi->owner_uid != r->uid)
		return 0;
	if (r->count == r->cap) {
		u32 cap = r->cap ? 2 * r->cap : 16;

		list = kvmalloc_array(cap, sizeof(*list), GFP_KERNEL_ACCOUNT);
		if (!list)
			return -ENOMEM;
		if (r->count)
			memcpy(list, r->list, r->count * sizeof(*list));
		kvfree(r->list);
		r->list = list;
		r->cap = cap;
	}
	r->list[r->count++] = *hi;
	return 0;
}

/*
 * The heaps named name (NULL: every heap) the sender may see; one_only:
 * a "default" that means the sender's own (several heaps have the name,
 * one per uid, unless public_heap), and "default@UID" uid UID's, as attach
 * reads the name (heap.c, heap_find()): only an admin sees another uid's
 * rows, and with public_heap there is none.  r->list is kvfree'd by the
 * caller.
 */
static int pymm_nl_heap_rows(const struct sk_buff *skb, struct netlink_ext_ack *extack,
			     const struct nlattr *name, bool one_only, struct pymm_nl_rows *r)
{
	bool admin;
	u32 uid;
	int err;

	memset(r, 0, sizeof(*r));
	err = pymm_nl_creds(skb, extack, &uid, &admin);
	if (err)
		return err;
	r->name = name;
	r->uid = uid;
	r->own = one_only && !pymm_kparams.public_heap && !nla_strcmp(name, PYMM_DEFAULT_HEAP);
	if (one_only && name) {
		char buf[PYMM_HEAP_NAME_MAX];
		u32 of;

		if (nla_strscpy(buf, name, sizeof(buf)) > 0 &&
		    pymm_heap_name_default_of(buf, &of)) {
			if (pymm_kparams.public_heap)
				return 0;	/* names no heap: -ENOENT */
			r->default_of = true;
			r->own = true;
			r->uid = of;
		}
	}
	err = pymm_visit_heap_rows(uid, admin, pymm_nl_row, r);
	if (err)
		pymm_nl_core_errmsg(extack, PYMM_CMD_HEAP_GET, err);
	return err;
}

static int pymm_nl_fill_heap(struct sk_buff *msg, const struct pymm_heap_info *hi)
{
	char name[PYMM_HEAP_NAME_MAX];

	strscpy(name, hi->name, sizeof(name));
	if (nla_put_string(msg, PYMM_A_HEAP_NAME, name) ||
	    nla_put_u32(msg, PYMM_A_HEAP_OWNER_UID, hi->owner_uid) ||
	    nla_put_u32(msg, PYMM_A_HEAP_CLIENTS, hi->clients) ||
	    pymm_nl_put_u64(msg, PYMM_A_HEAP_QUOTA, hi->quota, PYMM_A_HEAP_PAD) ||
	    pymm_nl_put_u64(msg, PYMM_A_HEAP_BYTES_HELD, hi->bytes_held, PYMM_A_HEAP_PAD) ||
	    pymm_nl_put_u64(msg, PYMM_A_HEAP_OBJECTS, hi->objects, PYMM_A_HEAP_PAD))
		return -EMSGSIZE;
	return 0;
}

static int pymm_nl_require_name(struct genl_info *info)
{
	if (!GENL_REQ_ATTR_CHECK(info, PYMM_A_HEAP_NAME))
		return 0;
	GENL_SET_ERR_MSG(info, "pymm: missing the heap name (PYMM_A_HEAP_NAME)");
	return -EINVAL;
}

/*
 * HEAP_NEW and HEAP_DEL: one core call on the name (pymm_heap_create_as(),
 * pymm_heap_destroy_as(): the ops' own decisions, no client), answered by
 * the ack.
 */
static int pymm_nl_heap_registry_op(struct sk_buff *skb, struct genl_info *info, u32 code)
{
	struct nlattr *na = info->attrs[PYMM_A_HEAP_NAME];
	char name[PYMM_HEAP_NAME_MAX];
	u8 cmd = info->genlhdr->cmd;
	u64 quota = 0;
	bool admin;
	u32 uid;
	int err;

	err = pymm_nl_require_name(info);
	if (err)
		return err;
	err = pymm_nl_heap_who(skb, na, info->extack, name, &uid, &admin);
	if (err)
		return err;
	if (code == PYMM_OP_HEAP_CREATE) {
		if (info->attrs[PYMM_A_HEAP_QUOTA])
			quota = nla_get_u64(info->attrs[PYMM_A_HEAP_QUOTA]);
		err = pymm_heap_create_as(name, uid, admin, quota);
	} else {
		err = pymm_heap_destroy_as(name, uid, admin);
	}
	if (err == -EINVAL)
		NL_SET_ERR_MSG_ATTR(info->extack, na,
				    "pymm: invalid heap name: letters, digits, '_', '-' and '.' (not first)");
	else if (err)
		pymm_nl_core_errmsg(info->extack, cmd, err);
	return err;
}

static int pymm_nl_cmd_heap_new(struct sk_buff *skb, struct genl_info *info)
{
	return pymm_nl_heap_registry_op(skb, info, PYMM_OP_HEAP_CREATE);
}

static int pymm_nl_cmd_heap_del(struct sk_buff *skb, struct genl_info *info)
{
	return pymm_nl_heap_registry_op(skb, info, PYMM_OP_HEAP_DESTROY);
}

static int pymm_nl_cmd_heap_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *na = info->attrs[PYMM_A_HEAP_NAME];
	struct pymm_nl_rows rows;
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = pymm_nl_require_name(info);
	if (err)
		return err;
	err = pymm_nl_heap_rows(skb, info->extack, na, true, &rows);
	if (err)
		goto out;
	if (!rows.count) {
		NL_SET_ERR_MSG_ATTR(info->extack, na, "pymm: no such heap (or not yours to see)");
		err = -ENOENT;
		goto out;
	}
	err = -ENOMEM;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		goto out;
	hdr = genlmsg_put_reply(msg, info, &pymm_genl_family, 0, PYMM_CMD_HEAP_GET);
	if (!hdr || pymm_nl_fill_heap(msg, &rows.list[0])) {
		nlmsg_free(msg);
		err = -EMSGSIZE;
		goto out;
	}
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
out:
	kvfree(rows.list);
	return err;
}

/*
 * Dumps set up in their first dumpit call, not in .start: in 6.1 a .start
 * callback has no extack (cb->extack is NULL there), while an error a dumpit
 * returns reaches user space in NLMSG_DONE with the extack message.
 */

/* HEAP_GET dump: one snapshot of the list, one message per heap. */
struct pymm_nl_heap_dump {
	struct pymm_heap_info *list;
	u32 count;
	u32 next;
	bool started;
};

static_assert(sizeof(struct pymm_nl_heap_dump) <= sizeof_field(struct netlink_callback, ctx));

static int pymm_nl_heap_dump_setup(struct netlink_callback *cb, struct pymm_nl_heap_dump *d)
{
	struct nlattr *na = pymm_dump_attrs(cb)[PYMM_A_HEAP_NAME];
	struct pymm_nl_rows rows;
	int err;

	if (!pymm_nl_version_ok(cb->nlh, cb->extack))
		return -EOPNOTSUPP;
	/* a name filters the dump down to the heaps of that name */
	err = pymm_nl_heap_rows(cb->skb, cb->extack, na, false, &rows);
	if (err) {
		kvfree(rows.list);
		return err;
	}
	d->list = rows.list;
	d->count = rows.count;
	d->started = true;
	return 0;
}

static int pymm_nl_heap_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct pymm_nl_heap_dump *d = (void *)cb->ctx;
	int err;

	if (!d->started) {
		err = pymm_nl_heap_dump_setup(cb, d);
		if (err)
			return err;
	}
	for (; d->next < d->count; d->next++) {
		void *hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
					&pymm_genl_family, NLM_F_MULTI, PYMM_CMD_HEAP_GET);

		if (!hdr)
			break;
		if (pymm_nl_fill_heap(skb, &d->list[d->next])) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	return skb->len;
}

static int pymm_nl_heap_dump_done(struct netlink_callback *cb)
{
	struct pymm_nl_heap_dump *d = (void *)cb->ctx;

	kvfree(d->list);
	d->list = NULL;
	return 0;
}

/* Starts a reply to a typed command, with the heap's name first. */
static void *pymm_nl_reply_start(struct genl_info *info, u8 cmd, size_t size,
				 struct sk_buff **msgp)
{
	struct nlattr *na = info->attrs[PYMM_A_HEAP_NAME];
	struct sk_buff *msg = genlmsg_new(size, GFP_KERNEL);
	void *hdr;

	*msgp = msg;
	if (!msg)
		return NULL;
	hdr = genlmsg_put_reply(msg, info, &pymm_genl_family, 0, cmd);
	if (!hdr || nla_put_string(msg, PYMM_A_HEAP_NAME,
				   na ? (const char *)nla_data(na) : PYMM_DEFAULT_HEAP)) {
		nlmsg_free(msg);
		*msgp = NULL;
		return NULL;
	}
	return hdr;
}

/*
 * A stats record as attributes: one row per field of the uapi field lists
 * (PYMM_*_FIELDS), each put as its own attribute number and type, read at
 * its own offset: no attribute depends on the order of the struct's fields.
 */
static const struct pymm_stats_field_desc pymm_nl_alloc_fields[] = {
	PYMM_ALLOC_STATS_FIELDS(PYMM_A_ALLOC_DESC_ROW)
};
static const struct pymm_stats_field_desc pymm_nl_fl_total_fields[] = {
	PYMM_FREELIST_TOTALS_FIELDS(PYMM_A_ALLOC_FL_DESC_ROW)
};
static const struct pymm_stats_field_desc pymm_nl_class_fields[] = {
	PYMM_CLASS_STATS_FIELDS(PYMM_A_CLASS_DESC_ROW)
};
static const struct pymm_stats_field_desc pymm_nl_fl_info_fields[] = {
	PYMM_FREELIST_INFO_FIELDS(PYMM_A_FREELIST_DESC_ROW)
};
static const struct pymm_stats_field_desc pymm_nl_gc_gen_fields[] = {
	PYMM_GC_GEN_STATS_FIELDS(PYMM_A_GC_DESC_ROW)
};

static int pymm_nl_put_fields(struct sk_buff *msg, const struct pymm_stats_field_desc *f, size_t n,
			      const void *rec, int pad)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const void *p = rec + f[i].off;
		int err;

		if (f[i].size == sizeof(u32))
			err = nla_put_u32(msg, f[i].attr, *(const u32 *)p);
		else
			err = pymm_nl_put_u64(msg, f[i].attr, *(const u64 *)p, pad);
		if (err)
			return err;
	}
	return 0;
}

static int pymm_nl_fill_alloc(struct sk_buff *msg, const struct pymm_alloc_stats *a,
			      const struct pymm_freelist_stats *fl)
{
	struct nlattr *nest = nla_nest_start(msg, PYMM_A_HEAP_ALLOC);

	if (!nest)
		return -EMSGSIZE;
	if (pymm_nl_put_fields(msg, pymm_nl_alloc_fields, ARRAY_SIZE(pymm_nl_alloc_fields),
			       a, PYMM_A_ALLOC_PAD) ||
	    pymm_nl_put_fields(msg, pymm_nl_fl_total_fields,
			       ARRAY_SIZE(pymm_nl_fl_total_fields), fl, PYMM_A_ALLOC_PAD)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* The free lists' totals go into the alloc nest, each list into a nest of its own. */
static int pymm_nl_fill_freelists(struct sk_buff *msg, const struct pymm_freelist_stats *fl)
{
	struct nlattr *nest;
	u32 i;

	for (i = 0; i < fl->nlists && i < PYMM_FL_MAX; i++) {
		nest = nla_nest_start(msg, PYMM_A_HEAP_FREELIST);
		if (!nest)
			return -EMSGSIZE;
		if (nla_put_u32(msg, PYMM_A_FREELIST_KIND, i) ||
		    pymm_nl_put_fields(msg, pymm_nl_fl_info_fields,
				       ARRAY_SIZE(pymm_nl_fl_info_fields), &fl->lists[i],
				       PYMM_A_FREELIST_PAD)) {
			nla_nest_cancel(msg, nest);
			return -EMSGSIZE;
		}
		nla_nest_end(msg, nest);
	}
	return 0;
}

static int pymm_nl_fill_class(struct sk_buff *msg, const struct pymm_class_stats *cs)
{
	struct nlattr *nest = nla_nest_start(msg, PYMM_A_HEAP_CLASS);

	if (!nest)
		return -EMSGSIZE;
	if (pymm_nl_put_fields(msg, pymm_nl_class_fields, ARRAY_SIZE(pymm_nl_class_fields),
			       cs, PYMM_A_CLASS_PAD)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/*
 * The allocator's figures and the free lists', as sys._debugmallocstats()
 * prints them: one core call (pymm_heap_read_alloc()), both records taken
 * under one hold of the heap's lock.
 */
struct pymm_nl_alloc_rec {
	struct pymm_alloc_stats a;
	struct pymm_class_stats cls[PYMM_CORE_SIZE_CLASSES];
	struct pymm_freelist_stats fl;
};

static int pymm_nl_cmd_alloc_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct pymm_nl_alloc_rec *r;
	char name[PYMM_HEAP_NAME_MAX];
	struct sk_buff *msg;
	void *hdr;
	bool admin;
	u32 i, n, uid;
	int err;

	err = pymm_nl_heap_who(skb, info->attrs[PYMM_A_HEAP_NAME], info->extack, name,
			       &uid, &admin);
	if (err)
		return err;
	r = kvzalloc(sizeof(*r), GFP_KERNEL_ACCOUNT);
	if (!r)
		return -ENOMEM;
	err = pymm_heap_read_alloc(name, uid, admin, &r->a, r->cls, &r->fl);
	if (err) {
		pymm_nl_view_err(info, PYMM_CMD_ALLOC_STATS_GET, err);
		goto out;
	}
	n = min_t(u32, r->a.size_classes, ARRAY_SIZE(r->cls));

	err = -ENOMEM;
	hdr = pymm_nl_reply_start(info, PYMM_CMD_ALLOC_STATS_GET,
				  NLMSG_GOODSIZE + (n + PYMM_FL_MAX) * nla_total_size(64), &msg);
	if (!hdr)
		goto out;
	err = pymm_nl_fill_alloc(msg, &r->a, &r->fl);
	for (i = 0; !err && i < n; i++)
		err = pymm_nl_fill_class(msg, &r->cls[i]);
	if (!err)
		err = pymm_nl_fill_freelists(msg, &r->fl);
	if (err) {
		nlmsg_free(msg);
		goto out;
	}
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
out:
	kvfree(r);
	return err;
}

static int pymm_nl_fill_gc_gen(struct sk_buff *msg, u32 gen, const struct pymm_gc_gen_stats *g)
{
	struct nlattr *nest = nla_nest_start(msg, PYMM_A_HEAP_GC_GEN);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(msg, PYMM_A_GC_GENERATION, gen) ||
	    pymm_nl_put_fields(msg, pymm_nl_gc_gen_fields, ARRAY_SIZE(pymm_nl_gc_gen_fields),
			       g, PYMM_A_GC_PAD)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int pymm_nl_cmd_gc_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct pymm_gc_gen_stats g[3];
	char name[PYMM_HEAP_NAME_MAX];
	struct sk_buff *msg;
	void *hdr;
	bool admin;
	u32 i, uid;
	int err;

	err = pymm_nl_heap_who(skb, info->attrs[PYMM_A_HEAP_NAME], info->extack, name,
			       &uid, &admin);
	if (err)
		return err;
	err = pymm_heap_read_gc(name, uid, admin, g);
	if (err)
		return pymm_nl_view_err(info, PYMM_CMD_GC_STATS_GET, err);

	hdr = pymm_nl_reply_start(info, PYMM_CMD_GC_STATS_GET, NLMSG_GOODSIZE, &msg);
	if (!hdr)
		return -ENOMEM;
	for (i = 0; !err && i < ARRAY_SIZE(g); i++)
		err = pymm_nl_fill_gc_gen(msg, i, &g[i]);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/*
 * One core call (pymm_heap_collect()): no client runs the collection, so
 * the garbage's finalizers are skipped and the count is the whole one.
 */
static int pymm_nl_cmd_gc_collect(struct sk_buff *skb, struct genl_info *info)
{
	char name[PYMM_HEAP_NAME_MAX];
	u32 gen = 2, uid;
	struct sk_buff *msg;
	u64 unreachable;
	void *hdr;
	bool admin;
	int err;

	if (info->attrs[PYMM_A_HEAP_GENERATION])
		gen = nla_get_u32(info->attrs[PYMM_A_HEAP_GENERATION]);
	err = pymm_nl_heap_who(skb, info->attrs[PYMM_A_HEAP_NAME], info->extack, name,
			       &uid, &admin);
	if (err)
		return err;
	err = pymm_heap_collect(name, uid, admin, gen, &unreachable);
	if (err)
		return pymm_nl_view_err(info, PYMM_CMD_GC_COLLECT, err);
	hdr = pymm_nl_reply_start(info, PYMM_CMD_GC_COLLECT, NLMSG_GOODSIZE, &msg);
	if (!hdr)
		return -ENOMEM;
	if (nla_put_u32(msg, PYMM_A_HEAP_GENERATION, gen) ||
	    pymm_nl_put_u64(msg, PYMM_A_HEAP_UNREACHABLE, unreachable, PYMM_A_HEAP_PAD)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/*
 * ARENA_GET dump: one core call per message (pymm_heap_read_arena(): the
 * heap found by name, as for the other views, its lock held for one
 * arena), no client.  The heap's serial ties the messages to the heap the
 * dump started on: destroyed (or made anew under the name) mid-dump ends
 * the dump with -ENOENT.  Arenas may come and go between messages: each
 * message is a consistent view of one arena, not of the whole heap.
 */
struct pymm_nl_arena_dump {
	u64 serial;		/* the heap's; 0 before the first message */
	u32 next;
};

static_assert(sizeof(struct pymm_nl_arena_dump) <= sizeof_field(struct netlink_callback, ctx));

static int pymm_nl_fill_arena(struct sk_buff *skb, u32 idx, const struct pymm_arena_info *ai)
{
	struct nlattr *nest, *pool;
	u32 i;

	nest = nla_nest_start(skb, PYMM_A_HEAP_ARENA);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, PYMM_A_ARENA_INDEX, idx) ||
	    nla_put_u32(skb, PYMM_A_ARENA_SERIAL, ai->serial) ||
	    nla_put_u32(skb, PYMM_A_ARENA_POOLS_TOTAL, ai->pools_total) ||
	    nla_put_u32(skb, PYMM_A_ARENA_POOLS_FREE, ai->pools_free))
		goto cancel;
	for (i = 0; i < min_t(u32, ai->pools_total, ARRAY_SIZE(ai->pool_class)); i++) {
		pool = nla_nest_start(skb, PYMM_A_ARENA_POOL);
		if (!pool ||
		    nla_put_u32(skb, PYMM_A_POOL_INDEX, i) ||
		    nla_put_u32(skb, PYMM_A_POOL_CLASS, ai->pool_class[i]) ||
		    nla_put_u32(skb, PYMM_A_POOL_USED, ai->pool_used[i]))
			goto cancel;
		nla_nest_end(skb, pool);
	}
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int pymm_nl_arena_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr *na = pymm_dump_attrs(cb)[PYMM_A_HEAP_NAME];
	struct pymm_nl_arena_dump *d = (void *)cb->ctx;
	char name[PYMM_HEAP_NAME_MAX];
	struct pymm_arena_info ai;
	bool admin;
	u32 uid;
	int err;

	if (!d->serial && !pymm_nl_version_ok(cb->nlh, cb->extack))
		return -EOPNOTSUPP;
	err = pymm_nl_heap_who(cb->skb, na, cb->extack, name, &uid, &admin);
	if (err)
		return err;
	for (;; d->next++) {
		void *hdr;

		err = pymm_heap_read_arena(name, uid, admin, &d->serial, d->next, &ai);
		if (err == -ERANGE)
			break;		/* past the last arena */
		if (err) {
			pymm_nl_core_errmsg(cb->extack, PYMM_CMD_ARENA_GET, err);
			if (na)
				NL_SET_BAD_ATTR(cb->extack, na);
			return err;
		}
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &pymm_genl_family, NLM_F_MULTI, PYMM_CMD_ARENA_GET);
		if (!hdr)
			break;
		if (pymm_nl_fill_arena(skb, d->next, &ai)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cond_resched();
	}
	return skb->len;
}

static const struct genl_ops pymm_nl_ops[] = {
	{
		.cmd		= PYMM_CMD_OP,
		.doit		= pymm_nl_cmd_op,
		.policy		= pymm_op_policy,
		.maxattr	= PYMM_A_OP_MAX,
	},
	{
		.cmd		= PYMM_CMD_HEAP_NEW,
		.doit		= pymm_nl_cmd_heap_new,
		.policy		= pymm_heap_new_policy,
		.maxattr	= PYMM_A_HEAP_MAX,
	},
	{
		.cmd		= PYMM_CMD_HEAP_DEL,
		.doit		= pymm_nl_cmd_heap_del,
		.policy		= pymm_heap_name_policy,
		.maxattr	= PYMM_A_HEAP_MAX,
	},
	{
		.cmd		= PYMM_CMD_HEAP_GET,
		.doit		= pymm_nl_cmd_heap_get,
		.dumpit		= pymm_nl_heap_dump,
		.done		= pymm_nl_heap_dump_done,
		.policy		= pymm_heap_name_policy,
		.maxattr	= PYMM_A_HEAP_MAX,
	},
	{
		.cmd		= PYMM_CMD_ALLOC_STATS_GET,
		.doit		= pymm_nl_cmd_alloc_stats,
		.policy		= pymm_heap_name_policy,
		.maxattr	= PYMM_A_HEAP_MAX,
	},
	{
		.cmd		= PYMM_CMD_ARENA_GET,
		.dumpit		= pymm_nl_arena_dump,
		.policy		= pymm_heap_name_policy,
		.maxattr	= PYMM_A_HEAP_MAX,
	},
	{
		.cmd		= PYMM_CMD_GC_COLLECT,
		.doit		= pymm_nl_cmd_gc_collect,
		.policy		= pymm_gc_collect_policy,
		.maxattr	= PYMM_A_HEAP_MAX,
	},
	{
		.cmd		= PYMM_CMD_GC_STATS_GET,
		.doit		= pymm_nl_cmd_gc_stats,
		.policy		= pymm_heap_name_policy,
		.maxattr	= PYMM_A_HEAP_MAX,
	},
};

static struct genl_family pymm_genl_family __ro_after_init = {
	.name		= PYMM_GENL_NAME,
	.version	= PYMM_GENL_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.pre_doit	= pymm_nl_pre_doit,
	.module		= THIS_MODULE,
	.ops		= pymm_nl_ops,
	.n_ops		= ARRAY_SIZE(pymm_nl_ops),
	.mcgrps		= pymm_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(pymm_nl_mcgrps),
	/* .resv_start_op = 0: every op has a policy, strict validation */
};

/* ---------------------------------------------------------------- events */

/* Attribute of values[i] per event kind; 0 ends.  UID and GENERATION are u32. */
static const u8 pymm_nl_ev_attrs[PYMM_EV_MAX + 1][4] = {
	[PYMM_EV_HEAP_CREATE]	= { PYMM_A_EV_UID, PYMM_A_EV_QUOTA },
	[PYMM_EV_HEAP_DESTROY]	= { PYMM_A_EV_UID },
	[PYMM_EV_GC_COLLECT]	= { PYMM_A_EV_GENERATION, PYMM_A_EV_COLLECTED,
				    PYMM_A_EV_UNCOLLECTABLE, PYMM_A_EV_PAUSE_NS },
	[PYMM_EV_FINALIZE]	= { PYMM_A_EV_COUNT },
	[PYMM_EV_WEAKREF_CLEAR]	= { PYMM_A_EV_COUNT },
	[PYMM_EV_QUOTA_REFUSAL]	= { PYMM_A_EV_BYTES, PYMM_A_EV_HELD, PYMM_A_EV_QUOTA },
	[PYMM_EV_GC_START]	= { PYMM_A_EV_GENERATION },
};

static int pymm_nl_fill_event(struct sk_buff *msg, const struct pymm_event *ev)
{
	char heap[PYMM_HEAP_NAME_MAX];
	int i, err;

	if (nla_put_u32(msg, PYMM_A_EV_KIND, ev->kind) ||
	    nla_put_u64_64bit(msg, PYMM_A_EV_TIME_NS, ktime_get_ns(), PYMM_A_EV_PAD))
		return -EMSGSIZE;
	if (ev->heap) {
		strscpy(heap, ev->heap, sizeof(heap));
		if (nla_put_string(msg, PYMM_A_EV_HEAP, heap))
			return -EMSGSIZE;
	}
	for (i = 0; i < 4 && pymm_nl_ev_attrs[ev->kind][i]; i++) {
		u8 attr = pymm_nl_ev_attrs[ev->kind][i];

		if (attr == PYMM_A_EV_UID || attr == PYMM_A_EV_GENERATION)
			err = nla_put_u32(msg, attr, ev->values[i]);
		else
			err = nla_put_u64_64bit(msg, attr, ev->values[i], PYMM_A_EV_PAD);
		if (err)
			return err;
	}
	return 0;
}

void pymm_plat_event(const struct pymm_event *ev)
{
	struct sk_buff *msg;
	void *hdr;

	pymm_trace_event(ev);	/* tracepoints see every event, listened to or not */
	if (!READ_ONCE(pymm_nl_registered))
		return;
	if (!ev->kind || ev->kind > PYMM_EV_MAX) {
		pr_warn_ratelimited("event of unknown kind %u dropped\n", ev->kind);
		return;
	}
	if (!genl_has_listeners(&pymm_genl_family, &init_net, PYMM_NL_GRP_EVENTS))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &pymm_genl_family, 0, PYMM_CMD_EVENT);
	if (!hdr || pymm_nl_fill_event(msg, ev)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	/* -ESRCH: the last listener left meanwhile; nothing to report */
	genlmsg_multicast(&pymm_genl_family, msg, 0, PYMM_NL_GRP_EVENTS, GFP_KERNEL);
}

/* ------------------------------------------------------------ init, exit */

int pymm_netlink_init(void)
{
	int err;

	err = netlink_register_notifier(&pymm_nl_notifier);
	if (err)
		return err;
	err = genl_register_family(&pymm_genl_family);
	if (err) {
		pr_err("cannot register generic netlink family %s: %d\n", PYMM_GENL_NAME, err);
		netlink_unregister_notifier(&pymm_nl_notifier);
		return err;
	}
	WRITE_ONCE(pymm_nl_registered, true);
	return 0;
}

void pymm_netlink_exit(void)
{
	WRITE_ONCE(pymm_nl_registered, false);
	/* waits for requests in flight; dumps hold the module, none can run */
	genl_unregister_family(&pymm_genl_family);
	netlink_unregister_notifier(&pymm_nl_notifier);
	/* sockets still open lose their sessions now, not at close */
	pymm_nl_sessions_drop_all();
}

MODULE_ALIAS_GENL_FAMILY(PYMM_GENL_NAME);
