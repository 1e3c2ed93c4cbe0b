// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_nl.c - libFuzzer target for the netlink attribute handling that runs
 * in user space: pymmctl's parsers of the kernel's generic netlink replies
 * and events (userspace/lib/nl.c).  A buggy or hostile kernel-side sender
 * must not make the tool read or write out of bounds.
 *
 * The kernel's decode (module/kernel/netlink.c, attributes -> struct
 * pymm_op) is built on the kernel's nla_policy/genl_info API and is not
 * compiled in user space; it is covered in the VM by selftests and by the
 * fact that every attribute it accepts ends in pymm_op_exec(), which
 * fuzz_ops covers.  See docs/reliability.md.
 *
 * nl.c's parsers are static: this file includes nl.c itself.  Input: byte 0
 * picks the parser, byte 1 the genl command, the rest is the attribute
 * stream after the genl header (the extended-ack parser takes it as the
 * TLVs of an NLMSG_ERROR and points r->sent at a copy of the input).
 */
#include "../../userspace/lib/nl.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* from userspace/lib/client.c, which would drag in every transport */
bool pymm_op_data_out(uint32_t code)
{
	return code & 1;
}

static int ev_cb(const struct pymm_nl_event *ev, void *arg)
{
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pymm_heap_info hi;
	struct pymm_alloc_stats as;
	struct pymm_class_stats cls[40];
	struct alloc_reply ar = { .a = &as, .cls = cls, .cap = 40 };
	struct pymm_gc_gen_stats gen[3];
	struct collect_arg ca = { 0 };
	struct vec vheap = { .size = sizeof(struct pymm_heap_info) };
	struct vec varena = { .size = sizeof(struct pymm_arena_info) };
	struct pymm_op op;
	char obuf[64];
	struct op_reply orep = { .op = &op, .ubuf = obuf, .cap = sizeof(obuf), .out = true };
	struct pymm_nl nl = { 0 };
	struct nl_req r = { .nl = &nl };
	struct mon_ctx mc = { .fn = ev_cb };
	struct nl_msg *msg;
	uint8_t which, cmd;

	if (size < 2 || size > 65536)
		return 0;
	which = data[0];
	cmd = data[1];
	data += 2;
	size -= 2;
	msg = nlmsg_alloc_size(size + 256);
	if (!msg)
		return 0;
	if (!genlmsg_put(msg, 0, 0, 0x20, 0, 0, cmd, 1) ||
	    nlmsg_append(msg, (void *)data, size, NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		return 0;
	}
	memset(&op, 0, sizeof(op));
	switch (which % 9) {
	case 0:
		r.maxattr = PYMM_A_OP_MAX;
		r.parse = op_parse;
		r.arg = &orep;
		break;
	case 1:
		r.maxattr = PYMM_A_HEAP_MAX;
		r.parse = heap_one_parse;
		r.arg = &hi;
		break;
	case 2:
		r.maxattr = PYMM_A_HEAP_MAX;
		r.parse = heap_dump_parse;
		r.arg = &vheap;
		break;
	case 3:
		r.maxattr = PYMM_A_HEAP_MAX;
		r.parse = alloc_parse;
		r.arg = &ar;
		break;
	case 4:
		r.maxattr = PYMM_A_HEAP_MAX;
		r.parse = arena_parse;
		r.arg = &varena;
		break;
	case 5:
		r.maxattr = PYMM_A_HEAP_MAX;
		r.parse = collect_parse;
		r.arg = &ca;
		break;
	case 6:
		r.maxattr = PYMM_A_HEAP_MAX;
		r.parse = gc_stats_parse;
		r.arg = gen;
		break;
	case 7:
		mon_valid_cb(msg, &mc);
		goto out;
	default:
		r.sent = nlmsg_hdr(msg);
		parse_extack(&r, (void *)data, (int)size);
		if (strnlen(nl.errmsg, sizeof(nl.errmsg)) == sizeof(nl.errmsg))
			abort();
		goto out;
	}
	req_valid_cb(msg, &r);
	/* the dumps keep every record: give them twice, as a dump does */
	if (which % 9 == 2 || which % 9 == 4)
		req_valid_cb(msg, &r);
out:
	free(vheap.items);
	free(varena.items);
	nlmsg_free(msg);
	return 0;
}
