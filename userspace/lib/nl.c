// SPDX-License-Identifier: GPL-2.0
/*
 * nl.c - the generic netlink transport (libnl-genl-3), and the typed
 * commands and event monitor of family "pymm".
 *
 * One request at a time per socket: send, then read until the kernel's ack
 * (a "do"), NLMSG_DONE (a "dump") or an error.  Extended acks are always
 * asked for (NETLINK_EXT_ACK), with capped acks (NETLINK_CAP_ACK) so that an
 * error does not echo a 64 KiB request back; the message, and the attribute
 * it points at, are kept for pymm_nl_errmsg().  libnl turns the kernel's
 * errno into its own codes, so the error callback records the errno itself.
 *
 * The attribute layout is docs/netlink/pymm.yaml; the kernel side is
 * module/kernel/netlink.c.
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "client_internal.h"
#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct pymm_nl {
	struct nl_sock *sk;
	int family;
	char errmsg[256];
};

static int nlerr_to_errno(int nlerr)
{
	switch (nlerr < 0 ? -nlerr : nlerr) {
	case NLE_NOMEM:		return -ENOMEM;
	case NLE_PERM:		return -EPERM;
	case NLE_OBJ_NOTFOUND:	return -ENOENT;
	case NLE_AGAIN:		return -EAGAIN;
	case NLE_INTR:		return -EINTR;
	case NLE_DUMP_INTR:	return -EINTR;
	case NLE_MSGSIZE:	return -EMSGSIZE;
	case NLE_BAD_SOCK:	return -EBADF;
	case NLE_INVAL:		return -EINVAL;
	case NLE_OPNOTSUPP:	return -EOPNOTSUPP;
	case NLE_PROTO_MISMATCH: return -EPROTO;
	default:		return -EIO;
	}
}

/* ---------------------------------------------------------- attributes */

static uint32_t get_u32(const struct nlattr *a)
{
	return a && nla_len(a) >= 4 ? nla_get_u32((struct nlattr *)a) : 0;
}

static uint64_t get_u64(const struct nlattr *a)
{
	return a && nla_len(a) >= 8 ? nla_get_u64((struct nlattr *)a) : 0;
}

/*
 * A stats record from attributes: one row per field of the uapi field
 * lists (PYMM_*_FIELDS), each read from its own attribute into its own
 * offset, so no field depends on the order of attributes or of fields.
 * An attribute the kernel did not send (an older module) leaves 0.
 */
static const struct pymm_stats_field_desc alloc_fields[] = {
	PYMM_ALLOC_STATS_FIELDS(PYMM_A_ALLOC_DESC_ROW)
};
static const struct pymm_stats_field_desc fl_total_fields[] = {
	PYMM_FREELIST_TOTALS_FIELDS(PYMM_A_ALLOC_FL_DESC_ROW)
};
static const struct pymm_stats_field_desc class_fields[] = {
	PYMM_CLASS_STATS_FIELDS(PYMM_A_CLASS_DESC_ROW)
};
static const struct pymm_stats_field_desc fl_info_fields[] = {
	PYMM_FREELIST_INFO_FIELDS(PYMM_A_FREELIST_DESC_ROW)
};
static const struct pymm_stats_field_desc gc_gen_fields[] = {
	PYMM_GC_GEN_STATS_FIELDS(PYMM_A_GC_DESC_ROW)
};

#define get_fields(tb, fields, rec) \
	get_fields_n(tb, fields, sizeof(fields) / sizeof(fields[0]), rec)

/* tb[] parsed with a maxattr of at least every field's attribute */
static void get_fields_n(struct nlattr **tb, const struct pymm_stats_field_desc *f, size_t n,
			 void *rec)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *p = (char *)rec + f[i].off;

		if (f[i].size == 4) {
			uint32_t v = get_u32(tb[f[i].attr]);

			memcpy(p, &v, sizeof(v));
		} else {
			uint64_t v = get_u64(tb[f[i].attr]);

			memcpy(p, &v, sizeof(v));
		}
	}
}

static void get_str(char *dst, size_t size, const struct nlattr *a)
{
	dst[0] = '\0';
	if (a)
		nla_strlcpy(dst, (struct nlattr *)a, size);
}

/* ------------------------------------------------------------ requests */

struct nl_req {
	struct pymm_nl *nl;
	const struct nlmsghdr *sent;	/* to name the attribute an extack points at */
	int maxattr;
	int (*parse)(struct nl_msg *msg, struct nlattr **tb, void *arg); /* per reply */
	void *arg;
	int error;			/* the kernel's, or the first parse error */
	bool done;
};

/* Extended-ack TLVs (NLMSGERR_ATTR_*) at base..base+len, into nl->errmsg. */
static void parse_extack(struct nl_req *r, void *base, int len)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	char *m = r->nl->errmsg;
	size_t sz = sizeof(r->nl->errmsg);
	size_t n;

	if (len <= 0 || nla_parse(tb, NLMSGERR_ATTR_MAX, base, len, NULL) < 0)
		return;
	if (tb[NLMSGERR_ATTR_MSG])
		nla_strlcpy(m, tb[NLMSGERR_ATTR_MSG], sz);
	n = strlen(m);
	if (tb[NLMSGERR_ATTR_OFFS] && r->sent) {
		uint32_t off = get_u32(tb[NLMSGERR_ATTR_OFFS]);

		/*
		 * The offset comes from the peer: it may point anywhere, even
		 * at an odd address, so copy the header out rather than cast.
		 */
		if (off + sizeof(struct nlattr) <= r->sent->nlmsg_len) {
			struct nlattr bad;

			memcpy(&bad, (const char *)r->sent + off, sizeof(bad));
			snprintf(m + n, sz - n, "%s(attribute %u)", n ? " " : "",
				 bad.nla_type & NLA_TYPE_MASK);
		}
	} else if (tb[NLMSGERR_ATTR_MISS_TYPE]) {
		snprintf(m + n, sz - n, "%s(missing attribute %u)", n ? " " : "",
			 get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]));
	}
}

static int req_err_cb(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nl_req *r = arg;
	int off = sizeof(*e);

	r->error = e->error ? e->error : r->error;
	r->done = true;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += e->msg.nlmsg_len - NLMSG_HDRLEN;
		off = NLMSG_ALIGN(off);
		parse_extack(r, (char *)e + off, (int)(nlh->nlmsg_len - NLMSG_HDRLEN) - off);
	}
	return NL_STOP;
}

static int req_ack_cb(struct nl_msg *msg, void *arg)
{
	struct nl_req *r = arg;

	r->done = true;
	return NL_STOP;
}

/* NLMSG_DONE of a dump carries an int: an error the dump ended with. */
static int req_finish_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nl_req *r = arg;
	int len = nlmsg_datalen(nlh);

	r->done = true;
	if (len >= (int)sizeof(int)) {
		int err = *(int *)nlmsg_data(nlh);

		if (err < 0 && !r->error)
			r->error = err;
		if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
			parse_extack(r, (char *)nlmsg_data(nlh) + NLMSG_ALIGN(sizeof(int)),
				     len - NLMSG_ALIGN(sizeof(int)));
	}
	return NL_STOP;
}

static int req_valid_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[64 + 1];
	struct nl_req *r = arg;
	int err;

	if (r->maxattr > 64 || !r->parse)
		return NL_OK;
	err = genlmsg_parse(nlmsg_hdr(msg), 0, tb, r->maxattr, NULL);
	if (err < 0)
		err = -EPROTO;
	else
		err = r->parse(msg, tb, r->arg);
	if (err < 0 && !r->error)
		r->error = err;
	return NL_OK;
}

/*
 * Sends msg (consumed) and reads every answer.  Returns a transport error
 * (-errno) or 0; the kernel's verdict is in *kerr (0 or -errno).
 */
static int nl_request(struct pymm_nl *nl, struct nl_msg *msg, int maxattr,
		      int (*parse)(struct nl_msg *msg, struct nlattr **tb, void *arg),
		      void *arg, int *kerr)
{
	struct nl_req r = {
		.nl = nl, .maxattr = maxattr, .parse = parse, .arg = arg,
	};
	struct nl_cb *cb;
	int ret;

	nl->errmsg[0] = '\0';
	*kerr = 0;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, req_valid_cb, &r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, req_ack_cb, &r);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, req_finish_cb, &r);
	nl_cb_err(cb, NL_CB_CUSTOM, req_err_cb, &r);

	ret = nl_send_auto(nl->sk, msg);
	if (ret < 0) {
		ret = nlerr_to_errno(ret);
		goto out;
	}
	r.sent = nlmsg_hdr(msg);
	ret = 0;
	while (!r.done) {
		int got = nl_recvmsgs(nl->sk, cb);

		if (got < 0 && !r.done) {
			ret = nlerr_to_errno(got);
			break;
		}
	}
	*kerr = r.error;
out:
	nl_cb_put(cb);
	nlmsg_free(msg);
	return ret;
}

static struct nl_msg *nl_new(struct pymm_nl *nl, uint8_t cmd, int flags, size_t size)
{
	struct nl_msg *msg = size ? nlmsg_alloc_size(size) : nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, flags, cmd,
			 PYMM_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* Sends a request with an optional heap name; kernel errors are returned. */
static int nl_heap_request(struct pymm_nl *nl, uint8_t cmd, int flags, const char *name,
			   int (*fill)(struct nl_msg *msg, void *arg),
			   int (*parse)(struct nl_msg *msg, struct nlattr **tb, void *arg),
			   void *arg)
{
	struct nl_msg *msg = nl_new(nl, cmd, flags, 0);
	int err, kerr;

	if (!msg)
		return -ENOMEM;
	if ((name && nla_put_string(msg, PYMM_A_HEAP_NAME, name) < 0) ||
	    (fill && fill(msg, arg) < 0)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	err = nl_request(nl, msg, PYMM_A_HEAP_MAX, parse, arg, &kerr);
	return err ? err : kerr;
}

/* -------------------------------------------------------- open / close */

int pymm_nl_open(struct pymm_nl **out)
{
	struct pymm_nl *nl = calloc(1, sizeof(*nl));
	int one = 1, err;

	if (!nl)
		return -ENOMEM;
	nl->sk = nl_socket_alloc();
	if (!nl->sk) {
		free(nl);
		return -ENOMEM;
	}
	err = genl_connect(nl->sk);
	if (err < 0) {
		err = nlerr_to_errno(err);
		goto fail;
	}
	/* best effort: an old kernel without extack still works */
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	nl_socket_enable_msg_peek(nl->sk);
	nl_socket_set_buffer_size(nl->sk, 256 << 10, 256 << 10);
	nl->family = genl_ctrl_resolve(nl->sk, PYMM_GENL_NAME);
	if (nl->family < 0) {
		err = nl->family == -NLE_OBJ_NOTFOUND ? -ENOENT : nlerr_to_errno(nl->family);
		goto fail;
	}
	*out = nl;
	return 0;
fail:
	nl_socket_free(nl->sk);
	free(nl);
	return err;
}

void pymm_nl_close(struct pymm_nl *nl)
{
	if (!nl)
		return;
	nl_socket_free(nl->sk);
	free(nl);
}

const char *pymm_nl_errmsg(const struct pymm_nl *nl)
{
	return nl ? nl->errmsg : "";
}

/* ------------------------------------------------------------ one op */

struct op_reply {
	struct pymm_op *op;
	void *ubuf;
	uint32_t cap;
	bool out;
};

static int op_parse(struct nl_msg *msg, struct nlattr **tb, void *arg)
{
	struct op_reply *o = arg;
	struct pymm_op *op = o->op;

	if (!tb[PYMM_A_OP_ERROR])
		return -EPROTO;
	op->error = (int32_t)get_u32(tb[PYMM_A_OP_ERROR]);
	op->exc = get_u32(tb[PYMM_A_OP_EXC]);
	op->ret[0] = get_u64(tb[PYMM_A_OP_RET0]);
	op->ret[1] = get_u64(tb[PYMM_A_OP_RET1]);
	op->out_flags = get_u32(tb[PYMM_A_OP_OUT_FLAGS]);
	if (tb[PYMM_A_OP_DATA_LEN])
		op->data_len = get_u32(tb[PYMM_A_OP_DATA_LEN]);
	if (o->out && tb[PYMM_A_OP_DATA] && o->ubuf) {
		uint32_t n = nla_len(tb[PYMM_A_OP_DATA]);

		memcpy(o->ubuf, nla_data(tb[PYMM_A_OP_DATA]), n < o->cap ? n : o->cap);
	}
	return 0;
}

static void op_fail(struct pymm_op *op, int err)
{
	op->error = err;
	op->exc = 0;
	op->out_flags = 0;
	op->ret[0] = 0;
	op->ret[1] = 0;
}

int pymm_nl_exec(struct pymm_nl *nl, struct pymm_op *op)
{
	struct op_reply o = {
		.op = op,
		.ubuf = (void *)(uintptr_t)op->data,
		.cap = op->data_len,
		.out = pymm_op_data_out(op->code),
	};
	struct nl_msg *msg;
	int i, err, kerr;

	nl->errmsg[0] = '\0';
	/*
	 * What a message cannot carry, refused here with the errno every
	 * transport gives (docs/abi.md, "Errors"): a length with no buffer,
	 * then a buffer over PYMM_DATA_MAX (the core's first refusal); then
	 * input over what one message holds, the one refusal of netlink's own.
	 */
	if (o.cap && !o.ubuf) {
		op_fail(op, -EFAULT);
		return op->error;
	}
	if (o.cap > PYMM_DATA_MAX) {
		op_fail(op, -E2BIG);
		return op->error;
	}
	if (!o.out && o.cap > PYMM_GENL_DATA_MAX) {
		snprintf(nl->errmsg, sizeof(nl->errmsg),
			 "op data of %u bytes exceeds netlink's %u; use the device", o.cap,
			 PYMM_GENL_DATA_MAX);
		op_fail(op, -EMSGSIZE);
		return op->error;
	}
	msg = nl_new(nl, PYMM_CMD_OP, 0, (o.out ? 0 : o.cap) + 4096);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, PYMM_A_OP_CODE, op->code) < 0 ||
	    (op->flags && nla_put_u32(msg, PYMM_A_OP_FLAGS, op->flags) < 0))
		goto toobig;
	for (i = 0; i < 4; i++)
		if (op->arg[i] && nla_put_u64(msg, PYMM_A_OP_ARG0 + i, op->arg[i]) < 0)
			goto toobig;
	if (o.cap && o.out) {
		uint32_t cap = o.cap < PYMM_GENL_DATA_MAX ? o.cap : PYMM_GENL_DATA_MAX;

		if (nla_put_u32(msg, PYMM_A_OP_DATA_CAP, cap) < 0)
			goto toobig;
		o.cap = cap;
	} else if (o.cap && nla_put(msg, PYMM_A_OP_DATA, o.cap, o.ubuf) < 0) {
		goto toobig;
	}
	err = nl_request(nl, msg, PYMM_A_OP_MAX, op_parse, &o, &kerr);
	if (err)
		return err;
	if (kerr == -EPROTO && !nl->errmsg[0])
		return -EPROTO;		/* a reply we could not read */
	if (kerr)
		op_fail(op, kerr);	/* refused before the op ran */
	return op->error;
toobig:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/* ------------------------------------------------- struct pymm_conn glue */

static int nlt_exec(struct pymm_conn *c, struct pymm_op *ops, unsigned int n,
		    bool stop_on_error, unsigned int *done)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		int err = pymm_nl_exec(c->priv, &ops[i]);

		if (err && err != ops[i].error) {
			if (done)
				*done = i;
			return err;
		}
		if (stop_on_error && ops[i].error) {
			i++;
			break;
		}
	}
	if (done)
		*done = i;
	return 0;
}

static void nlt_close(struct pymm_conn *c)
{
	pymm_nl_close(c->priv);
}

static int nlt_heap_registry(struct pymm_conn *c, uint32_t code, const char *name,
			     uint64_t quota)
{
	if (code == PYMM_OP_HEAP_CREATE)
		return pymm_nl_heap_new(c->priv, name, quota);
	return pymm_nl_heap_del(c->priv, name);
}

static int nlt_heap_get(struct pymm_conn *c, const char *name, struct pymm_heap_info *out)
{
	return pymm_nl_heap_get(c->priv, name, out);
}

static int nlt_gc_stats(struct pymm_conn *c, const char *heap,
			struct pymm_gc_gen_stats gen[3])
{
	return pymm_nl_gc_stats(c->priv, heap, gen);
}

static int nlt_gc_collect(struct pymm_conn *c, const char *heap, int generation,
			  uint64_t *unreachable)
{
	return pymm_nl_gc_collect(c->priv, heap, generation, unreachable);
}

static const char *nlt_errmsg(const struct pymm_conn *c)
{
	return pymm_nl_errmsg(c->priv);
}

/* the typed commands answer the requests that name their heap (client_internal.h) */
static const struct pymm_transport nl_transport = {
	.name = "netlink",
	.exec = nlt_exec,
	.close = nlt_close,
	.heap_registry = nlt_heap_registry,
	.heap_get = nlt_heap_get,
	.gc_stats = nlt_gc_stats,
	.gc_collect = nlt_gc_collect,
	.errmsg = nlt_errmsg,
};

int pymm_conn_open_netlink(struct pymm_conn **out)
{
	struct pymm_conn *c;
	struct pymm_nl *nl = NULL;	/* set by pymm_nl_open(); LTO cannot see that */
	int err;

	err = pymm_nl_open(&nl);
	if (err)
		return err;
	c = calloc(1, sizeof(*c));
	if (!c) {
		pymm_nl_close(nl);
		return -ENOMEM;
	}
	c->t = &nl_transport;
	c->fd = -1;
	c->priv = nl;
	*out = c;
	return 0;
}

/* ----------------------------------------------------- typed commands */

static int put_quota(struct nl_msg *msg, void *arg)
{
	return nla_put_u64(msg, PYMM_A_HEAP_QUOTA, *(uint64_t *)arg);
}

int pymm_nl_heap_new(struct pymm_nl *nl, const char *name, uint64_t quota)
{
	return nl_heap_request(nl, PYMM_CMD_HEAP_NEW, 0, name, quota ? put_quota : NULL,
			       NULL, &quota);
}

int pymm_nl_heap_del(struct pymm_nl *nl, const char *name)
{
	return nl_heap_request(nl, PYMM_CMD_HEAP_DEL, 0, name, NULL, NULL, NULL);
}

static void parse_heap(struct nlattr **tb, struct pymm_heap_info *hi)
{
	memset(hi, 0, sizeof(*hi));
	get_str(hi->name, sizeof(hi->name), tb[PYMM_A_HEAP_NAME]);
	hi->owner_uid = get_u32(tb[PYMM_A_HEAP_OWNER_UID]);
	hi->clients = get_u32(tb[PYMM_A_HEAP_CLIENTS]);
	hi->quota = get_u64(tb[PYMM_A_HEAP_QUOTA]);
	hi->bytes_held = get_u64(tb[PYMM_A_HEAP_BYTES_HELD]);
	hi->objects = get_u64(tb[PYMM_A_HEAP_OBJECTS]);
}

static int heap_one_parse(struct nl_msg *msg, struct nlattr **tb, void *arg)
{
	parse_heap(tb, arg);
	return 0;
}

int pymm_nl_heap_get(struct pymm_nl *nl, const char *name, struct pymm_heap_info *out)
{
	return nl_heap_request(nl, PYMM_CMD_HEAP_GET, 0, name, NULL, heap_one_parse, out);
}

struct vec {
	void *items;
	unsigned int n, cap;
	size_t size;
};

static void *vec_push(struct vec *v)
{
	if (v->n == v->cap) {
		unsigned int cap = v->cap ? 2 * v->cap : 16;
		void *p = realloc(v->items, cap * v->size);

		if (!p)
			return NULL;
		v->items = p;
		v->cap = cap;
	}
	return (char *)v->items + v->size * v->n++;
}

static int heap_dump_parse(struct nl_msg *msg, struct nlattr **tb, void *arg)
{
	struct pymm_heap_info *hi = vec_push(arg);

	if (!hi)
		return -ENOMEM;
	parse_heap(tb, hi);
	return 0;
}

int pymm_nl_heap_dump(struct pymm_nl *nl, struct pymm_heap_info **out, unsigned int *count)
{
	struct vec v = { .size = sizeof(**out) };
	int err = nl_heap_request(nl, PYMM_CMD_HEAP_GET, NLM_F_DUMP, NULL, NULL,
				  heap_dump_parse, &v);

	if (err) {
		free(v.items);
		return err;
	}
	*out = v.items;
	*count = v.n;
	return 0;
}

/*
 * Multi-attributes (size classes, generations, pools) are not in tb[],
 * which keeps only the last of each type: walk the attributes instead.
 */
#define for_each_top_attr(a, msg, rem) \
	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlmsg_hdr(msg)), 0), \
			  genlmsg_attrlen(nlmsg_data(nlmsg_hdr(msg)), 0), rem)

struct alloc_reply {
	struct pymm_alloc_stats *a;
	struct pymm_class_stats *cls;
	unsigned int cap, n;
};

static int alloc_parse(struct nl_msg *msg, struct nlattr **tb, void *arg)
{
	struct alloc_reply *r = arg;
	struct pymm_alloc_stats *a = r->a;
	struct nlattr *t[PYMM_A_ALLOC_MAX + 1];
	struct nlattr *nest;
	int rem;

	memset(a, 0, sizeof(*a));
	if (!tb[PYMM_A_HEAP_ALLOC] ||
	    nla_parse_nested(t, PYMM_A_ALLOC_MAX, tb[PYMM_A_HEAP_ALLOC], NULL) < 0)
		return -EPROTO;
	get_fields(t, alloc_fields, a);

	r->n = 0;
	for_each_top_attr(nest, msg, rem) {
		struct nlattr *c[PYMM_A_CLASS_MAX + 1];
		struct pymm_class_stats *cs;

		if (nla_type(nest) != PYMM_A_HEAP_CLASS || !r->cls || r->n >= r->cap)
			continue;
		if (nla_parse_nested(c, PYMM_A_CLASS_MAX, nest, NULL) < 0)
			return -EPROTO;
		cs = &r->cls[r->n++];
		get_fields(c, class_fields, cs);
	}
	return 0;
}

int pymm_nl_alloc_stats(struct pymm_nl *nl, const char *name, struct pymm_alloc_stats *a,
			struct pymm_class_stats *cls, unsigned int cls_cap, unsigned int *ncls)
{
	struct alloc_reply r = { .a = a, .cls = cls, .cap = cls_cap };
	int err = nl_heap_request(nl, PYMM_CMD_ALLOC_STATS_GET, 0, name, NULL, alloc_parse, &r);

	if (ncls)
		*ncls = err ? 0 : r.n;
	return err;
}

static int freelist_parse(struct nl_msg *msg, struct nlattr **tb, void *arg)
{
	struct pymm_freelist_stats *fl = arg;
	struct nlattr *t[PYMM_A_ALLOC_MAX + 1];
	struct nlattr *nest;
	int rem;

	memset(fl, 0, sizeof(*fl));
	if (!tb[PYMM_A_HEAP_ALLOC] ||
	    nla_parse_nested(t, PYMM_A_ALLOC_MAX, tb[PYMM_A_HEAP_ALLOC], NULL) < 0)
		return -EPROTO;
	get_fields(t, fl_total_fields, fl);
	for_each_top_attr(nest, msg, rem) {
		struct nlattr *f[PYMM_A_FREELIST_MAX + 1];
		struct pymm_freelist_info *li;
		__u32 kind;

		if (nla_type(nest) != PYMM_A_HEAP_FREELIST)
			continue;
		if (nla_parse_nested(f, PYMM_A_FREELIST_MAX, nest, NULL) < 0 ||
		    !f[PYMM_A_FREELIST_KIND])
			return -EPROTO;
		kind = get_u32(f[PYMM_A_FREELIST_KIND]);
		if (kind >= PYMM_FL_MAX)
			continue;	/* a newer kernel's list */
		li = &fl->lists[kind];
		get_fields(f, fl_info_fields, li);
		if (kind + 1 > fl->nlists)
			fl->nlists = kind + 1;
	}
	return 0;
}

int pymm_nl_freelist_stats(struct pymm_nl *nl, const char *name, struct pymm_freelist_stats *fl)
{
	return nl_heap_request(nl, PYMM_CMD_ALLOC_STATS_GET, 0, name, NULL, freelist_parse, fl);
}

static int arena_parse(struct nl_msg *msg, struct nlattr **tb, void *arg)
{
	struct nlattr *t[PYMM_A_ARENA_MAX + 1];
	struct pymm_arena_info *ai;
	struct nlattr *pool;
	int rem;

	if (!tb[PYMM_A_HEAP_ARENA] ||
	    nla_parse_nested(t, PYMM_A_ARENA_MAX, tb[PYMM_A_HEAP_ARENA], NULL) < 0)
		return -EPROTO;
	ai = vec_push(arg);
	if (!ai)
		return -ENOMEM;
	memset(ai, 0, sizeof(*ai));
	memset(ai->pool_class, PYMM_POOL_CLASS_EMPTY, sizeof(ai->pool_class));
	ai->serial = get_u32(t[PYMM_A_ARENA_SERIAL]);
	ai->pools_total = get_u32(t[PYMM_A_ARENA_POOLS_TOTAL]);
	ai->pools_free = get_u32(t[PYMM_A_ARENA_POOLS_FREE]);
	nla_for_each_nested(pool, tb[PYMM_A_HEAP_ARENA], rem) {
		struct nlattr *p[PYMM_A_POOL_MAX + 1];
		uint32_t i;

		if (nla_type(pool) != PYMM_A_ARENA_POOL)
			continue;
		if (nla_parse_nested(p, PYMM_A_POOL_MAX, pool, NULL) < 0)
			return -EPROTO;
		i = get_u32(p[PYMM_A_POOL_INDEX]);
		if (i >= sizeof(ai->pool_class))
			continue;
		ai->pool_class[i] = (uint8_t)get_u32(p[PYMM_A_POOL_CLASS]);
		ai->pool_used[i] = (uint16_t)get_u32(p[PYMM_A_POOL_USED]);
	}
	return 0;
}

int pymm_nl_arena_dump(struct pymm_nl *nl, const char *name, struct pymm_arena_info **out,
		       unsigned int *count)
{
	struct vec v = { .size = sizeof(**out) };
	int err = nl_heap_request(nl, PYMM_CMD_ARENA_GET, NLM_F_DUMP, name, NULL,
				  arena_parse, &v);

	if (err) {
		free(v.items);
		return err;
	}
	*out = v.items;
	*count = v.n;
	return 0;
}

struct collect_arg {
	uint32_t generation;
	uint64_t unreachable;
};

static int put_generation(struct nl_msg *msg, void *arg)
{
	return nla_put_u32(msg, PYMM_A_HEAP_GENERATION, ((struct collect_arg *)arg)->generation);
}

static int collect_parse(struct nl_msg *msg, struct nlattr **tb, void *arg)
{
	((struct collect_arg *)arg)->unreachable = get_u64(tb[PYMM_A_HEAP_UNREACHABLE]);
	return 0;
}

int pymm_nl_gc_collect(struct pymm_nl *nl, const char *name, int generation,
		       uint64_t *unreachable)
{
	struct collect_arg ca = { .generation = generation < 0 ? 2 : (uint32_t)generation };
	int err = nl_heap_request(nl, PYMM_CMD_GC_COLLECT, 0, name, put_generation,
				  collect_parse, &ca);

	if (!err && unreachable)
		*unreachable = ca.unreachable;
	return err;
}

static int gc_stats_parse(struct nl_msg *msg, struct nlattr **tb, void *arg)
{
	struct pymm_gc_gen_stats *gen = arg;
	struct nlattr *nest;
	int rem;

	for_each_top_attr(nest, msg, rem) {
		struct nlattr *t[PYMM_A_GC_MAX + 1];
		struct pymm_gc_gen_stats *g;
		uint32_t i;

		if (nla_type(nest) != PYMM_A_HEAP_GC_GEN)
			continue;
		if (nla_parse_nested(t, PYMM_A_GC_MAX, nest, NULL) < 0)
			return -EPROTO;
		i = get_u32(t[PYMM_A_GC_GENERATION]);
		if (i >= 3)
			continue;
		g = &gen[i];
		get_fields(t, gc_gen_fields, g);
	}
	return 0;
}

int pymm_nl_gc_stats(struct pymm_nl *nl, const char *name, struct pymm_gc_gen_stats gen[3])
{
	memset(gen, 0, 3 * sizeof(*gen));
	return nl_heap_request(nl, PYMM_CMD_GC_STATS_GET, 0, name, NULL, gc_stats_parse, gen);
}

/* -------------------------------------------------------------- events */

const char *pymm_nl_event_name(uint32_t kind)
{
	static const char *const names[] = {
		[PYMM_EV_HEAP_CREATE] = "heap-create",
		[PYMM_EV_HEAP_DESTROY] = "heap-destroy",
		[PYMM_EV_GC_COLLECT] = "gc-collect",
		[PYMM_EV_FINALIZE] = "finalize",
		[PYMM_EV_WEAKREF_CLEAR] = "weakref-clear",
		[PYMM_EV_QUOTA_REFUSAL] = "quota-refusal",
		[PYMM_EV_GC_START] = "gc-start",
	};

	if (kind < sizeof(names) / sizeof(names[0]) && names[kind])
		return names[kind];
	return "unknown";
}

struct mon_ctx {
	pymm_nl_event_fn fn;
	void *arg;
	bool stop;
	int error;
};

static int mon_valid_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[PYMM_A_EV_MAX + 1];
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct mon_ctx *m = arg;
	struct pymm_nl_event ev;
	int i;

	if (m->stop || gh->cmd != PYMM_CMD_EVENT)
		return NL_SKIP;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, PYMM_A_EV_MAX, NULL) < 0)
		return NL_SKIP;
	memset(&ev, 0, sizeof(ev));
	for (i = 1; i <= PYMM_A_EV_MAX; i++)
		if (tb[i])
			ev.present |= 1ull << i;
	ev.kind = get_u32(tb[PYMM_A_EV_KIND]);
	get_str(ev.heap, sizeof(ev.heap), tb[PYMM_A_EV_HEAP]);
	ev.time_ns = get_u64(tb[PYMM_A_EV_TIME_NS]);
	ev.uid = get_u32(tb[PYMM_A_EV_UID]);
	ev.generation = get_u32(tb[PYMM_A_EV_GENERATION]);
	ev.quota = get_u64(tb[PYMM_A_EV_QUOTA]);
	ev.collected = get_u64(tb[PYMM_A_EV_COLLECTED]);
	ev.uncollectable = get_u64(tb[PYMM_A_EV_UNCOLLECTABLE]);
	ev.pause_ns = get_u64(tb[PYMM_A_EV_PAUSE_NS]);
	ev.count = get_u64(tb[PYMM_A_EV_COUNT]);
	ev.bytes = get_u64(tb[PYMM_A_EV_BYTES]);
	ev.held = get_u64(tb[PYMM_A_EV_HELD]);
	if (m->fn(&ev, m->arg)) {
		m->stop = true;
		return NL_STOP;
	}
	return NL_OK;
}

int pymm_nl_monitor(pymm_nl_event_fn fn, void *arg, int timeout_ms,
		    void (*ready)(void *arg), uint64_t *lost)
{
	struct mon_ctx m = { .fn = fn, .arg = arg };
	struct nl_sock *sk;
	int grp, err;

	sk = nl_socket_alloc();
	if (!sk)
		return -ENOMEM;
	err = genl_connect(sk);
	if (err < 0) {
		err = nlerr_to_errno(err);
		goto out;
	}
	grp = genl_ctrl_resolve_grp(sk, PYMM_GENL_NAME, PYMM_GENL_MCGRP_EVENTS);
	if (grp < 0) {
		err = grp == -NLE_OBJ_NOTFOUND ? -ENOENT : nlerr_to_errno(grp);
		goto out;
	}
	/* notifications carry no sequence numbers of ours */
	nl_socket_disable_seq_check(sk);
	nl_socket_set_buffer_size(sk, 1 << 20, 0);
	err = nl_socket_add_membership(sk, grp);
	if (err < 0) {
		err = nlerr_to_errno(err);
		goto out;
	}
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, mon_valid_cb, &m);
	if (ready)
		ready(arg);
	for (;;) {
		struct pollfd pfd = { .fd = nl_socket_get_fd(sk), .events = POLLIN };
		int n = poll(&pfd, 1, timeout_ms);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			break;
		}
		if (n == 0) {
			err = -ETIMEDOUT;
			break;
		}
		n = nl_recvmsgs_default(sk);
		if (m.stop) {
			err = 0;
			break;
		}
		/* ENOBUFS (libnl says NLE_NOMEM): the kernel dropped events */
		if (n == -NLE_NOMEM) {
			if (lost)
				(*lost)++;
			continue;
		}
		if (n < 0) {
			err = nlerr_to_errno(n);
			break;
		}
	}
out:
	nl_socket_free(sk);
	return err;
}
