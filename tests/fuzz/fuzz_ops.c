// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_ops.c - libFuzzer target for the operation decoder: pymm_op_exec(),
 * the one path every front end (ioctl, netlink, pymmctl --local) takes.
 *
 * One input is a whole session of the in-process core: pymm_core_init(),
 * two clients (uid 1000, and uid 1001 that may be an admin), a sequence of
 * operations, then the checks, then client release and pymm_core_exit().
 * Starting from an empty core each time keeps inputs reproducible and lets
 * the leak check be exact.
 *
 * Input layout (compact, so mutations land on meaningful fields; every
 * field of struct pymm_op can still take any value):
 *
 *   header  u8 setup   bit0: client 1 is admin; bit1/bit2: attach client
 *                      0/1 to the default heap first; bit3: small limits (1 MiB quota, 64 handles, depth 8)
 *           u8 fail    fault injection: fail the Nth host allocation (0 off)
 *   record  u8 sel     bit0: client; bit1: HEAP_VERIFY after this op;
 *                      bit2: declare data_len larger than the buffer;
 *                      bit3: no buffer at all (buf = NULL);
 *                      bit4: data bytes name handles: each byte b becomes
 *                      the u64 recent[b % 32] (tuple/list/dict contents)
 *           u8 code    op code = code % (PYMM_OP_MAX + 8): every op, and
 *                      unknown ones in the gaps and past the end;
 *                      0xff: the next 4 bytes are the raw code
 *           u8 flags   bit7 clear: flags = bit0 (PYMM_OPF_LOCAL);
 *                      bit7 set: flags = 1 << (flags & 31)
 *           u8 argm    2 bits per arg[i]: 0 zero; 1 next u8 b: b < 0x80 names
 *                      a recent handle of the client (recent[b % 32]: the
 *                      last handles ops returned, since handles are
 *                      type << 56 | generation << 32 | slot and random bytes never hit
 *                      one), else the small integer b & 0x7f; 2 next u64
 *                      LE; 3 -(next u8) (negative index, huge value)
 *           ...        the argument bytes
 *           u8 len     data length; 0xff: next u16 LE (capped at 4096)
 *           ...        data bytes (input for IN ops; output ops get a
 *                      buffer of exactly len bytes, so any overrun is an
 *                      ASan report)
 *
 * Invariants checked (abort() = a finding):
 *   - op->error is 0 or a -errno in [-4095, -1] and is what exec returned;
 *   - output data_len fits the buffer unless PYMM_OUTF_TRUNC says otherwise;
 *   - HEAP_VERIFY is 0 whenever it runs (mid-input when asked, and for both
 *     clients at the end);
 *   - after release + pymm_core_exit(): no leaked block, no live host
 *     allocation, nothing left charged.
 * ASan/UBSan report the rest (overruns, use after free, overflow).
 */
#include "core/pymm_core.h"

#include <stdio.h>
#include <stdlib.h>

#define MAX_OPS		256
#define MAX_DATA	4096

struct in {
	const uint8_t *p;
	size_t n;
};

static bool take(struct in *in, void *dst, size_t n)
{
	if (in->n < n) {
		memset(dst, 0, n);
		in->n = 0;
		return false;
	}
	memcpy(dst, in->p, n);
	in->p += n;
	in->n -= n;
	return true;
}

/* handles recently returned to each client, for args and handle arrays */
#define NRECENT	32
static u64 recent[2][NRECENT];
static bool trace;	/* FUZZ_OPS_TRACE=1: print every op and its result */
static unsigned int nrecent[2];

static void remember(int c, u64 h)
{
	recent[c][nrecent[c]++ % NRECENT] = h;
}

static u8 take8(struct in *in)
{
	u8 v = 0;

	take(in, &v, 1);
	return v;
}

static void die(const char *what, const struct pymm_op *op, int rc)
{
	fprintf(stderr, "fuzz_ops: %s (code %u flags %#x err %d rc %d data_len %u out %#x)\n",
		what, op ? op->code : 0, op ? op->flags : 0, op ? op->error : 0, rc,
		op ? op->data_len : 0, op ? op->out_flags : 0);
	abort();
}

static int verify(struct pymm_client *c)
{
	struct pymm_op op;
	int rc;

	memset(&op, 0, sizeof(op));
	op.code = PYMM_OP_HEAP_VERIFY;
	rc = pymm_op_exec(c, &op, NULL, 0);
	if (rc && rc != -ENOTCONN)
		die("HEAP_VERIFY failed", &op, rc);
	return rc;
}

static void attach_default(struct pymm_client *c)
{
	struct pymm_op op;
	char name[] = PYMM_DEFAULT_HEAP;

	memset(&op, 0, sizeof(op));
	op.code = PYMM_OP_HEAP_ATTACH;
	op.data_len = sizeof(name);
	pymm_op_exec(c, &op, name, sizeof(name));
}

static void run_one(struct pymm_client **cl, struct in *in)
{
	static u8 dbuf[MAX_DATA * 8];
	struct pymm_op op;
	u8 sel, code, fl, argm, len8;
	u32 len, cap;
	u8 *buf;
	int i, rc;

	sel = take8(in);
	code = take8(in);
	fl = take8(in);
	argm = take8(in);
	memset(&op, 0, sizeof(op));
	if (code == 0xff)
		take(in, &op.code, 4);
	else
		op.code = code % (PYMM_OP_MAX + 8);
	op.flags = (fl & 0x80) ? 1u << (fl & 31) : (fl & 1);
	for (i = 0; i < 4; i++) {
		switch ((argm >> (2 * i)) & 3) {
		case 1: {
			u8 b = take8(in);

			op.arg[i] = b < 0x80 ? recent[sel & 1][b % NRECENT] : b & 0x7f;
			break;
		}
		case 2:
			take(in, &op.arg[i], 8);
			break;
		case 3:
			op.arg[i] = (u64)-(s64)take8(in);
			break;
		}
	}
	len8 = take8(in);
	len = len8;
	if (len8 == 0xff) {
		u16 l16 = 0;

		take(in, &l16, 2);
		len = l16 > MAX_DATA ? MAX_DATA : l16;
	}
	if (len > in->n)
		len = (u32)in->n;
	take(in, dbuf, len);
	if ((sel & 16) && len) {
		u32 j;

		for (j = len; j-- > 0;) {
			u64 h = recent[sel & 1][dbuf[j] % NRECENT];

			memcpy(dbuf + 8 * j, &h, 8);
		}
		len *= 8;
	}

	/* exactly len bytes (at least 1 for malloc): overruns hit the redzone */
	buf = NULL;
	cap = 0;
	if (!(sel & 8)) {
		buf = malloc(len ? len : 1);
		if (!buf)
			abort();
		memcpy(buf, dbuf, len);
		cap = len;
	}
	op.data_len = len;
	if (sel & 4)
		op.data_len = len + 1 + (fl & 0x7f) * 97;
	/* a non-zero data pointer: the core must never look at it */
	op.data = 0xdeadbeef;

	rc = pymm_op_exec(cl[sel & 1], &op, buf, cap);
	if (rc != op.error)
		die("return value differs from op->error", &op, rc);
	if (rc > 0 || rc < -4095)
		die("error out of range", &op, rc);
	if (op.exc >= PYMM_EXC_MAX)
		die("exc out of range", &op, rc);
	if (!(op.out_flags & PYMM_OUTF_TRUNC) && op.data_len > cap &&
	    (pymm_op_data_dir(op.code) & PYMM_DATA_OUT))
		die("data_len past the buffer without TRUNC", &op, rc);
	if (op.code == PYMM_OP_HEAP_VERIFY && rc && rc != -ENOTCONN && rc != -EINVAL)
		die("HEAP_VERIFY op failed", &op, rc);
	if (trace)
		fprintf(stderr, "op c%d code %u flags %#x args %#llx %#llx %#llx %#llx len %u -> "
			"err %d exc %u ret %#llx %#llx out_len %u\n", sel & 1, op.code, op.flags,
			op.arg[0], op.arg[1], op.arg[2], op.arg[3], len, rc, op.exc, op.ret[0],
			op.ret[1], op.data_len);
	free(buf);
	/* a handle: a type byte, a small generation, a slot (PYMM_HANDLE_TYPE) */
	if (!rc && PYMM_HANDLE_TYPE(op.ret[0]) && PYMM_HANDLE_TYPE(op.ret[0]) < PYMM_T_MAX &&
	    (op.ret[0] >> 32 & 0xffffff) && (op.ret[0] >> 32 & 0xffffff) < 0x10000)
		remember(sel & 1, op.ret[0]);
	if (sel & 2)
		verify(cl[sel & 1]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pymm_core_params p = {
		.heap_quota = 8ull << 20,
		.max_heaps_per_user = 4,
		.max_frame_depth = 64,
		.max_handles = 512,
	};
	struct in in = { data, size };
	struct pymm_client *cl[2];
	u8 setup, fail;
	u64 leaks;
	int n;

	trace = getenv("FUZZ_OPS_TRACE");
	memset(recent, 0, sizeof(recent));
	memset(nrecent, 0, sizeof(nrecent));
	setup = take8(&in);
	fail = take8(&in);
	if (setup & 8) {
		p.heap_quota = 1u << 20;
		p.max_handles = 64;
		p.max_frame_depth = 8;
	}
	if (pymm_core_init(&p))
		abort();
	pymm_user_set_log_level(0);
	pymm_user_set_mem_limit(64ull << 20);
	cl[0] = pymm_client_new(1000, false);
	cl[1] = pymm_client_new(1001, setup & 1);
	if (!cl[0] || !cl[1])
		abort();
	if (setup & 2)
		attach_default(cl[0]);
	if (setup & 4)
		attach_default(cl[1]);
	pymm_user_fail_nth(fail);

	for (n = 0; n < MAX_OPS && in.n >= 4; n++)
		run_one(cl, &in);

	pymm_user_fail_nth(0);
	verify(cl[0]);
	verify(cl[1]);
	pymm_client_release(cl[1]);
	pymm_client_release(cl[0]);
	leaks = pymm_core_exit();
	if (leaks)
		die("blocks leaked at pymm_core_exit", NULL, (int)leaks);
	if (pymm_user_arenas_live() || pymm_user_zallocs_live())
		die("host allocations left after pymm_core_exit", NULL,
		    (int)(pymm_user_arenas_live() * 1000 + pymm_user_zallocs_live()));
	if (pymm_user_charged())
		die("bytes still charged after pymm_core_exit", NULL,
		    (int)pymm_user_charged());
	return 0;
}
