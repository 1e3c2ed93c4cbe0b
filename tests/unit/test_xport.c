// SPDX-License-Identifier: GPL-2.0
/*
 * test_xport.c - one refusal, one errno, whatever the transport.
 *
 * The same bad ops go through each transport of the client library
 * (userspace/lib), one by one and then as one batch, and every transport
 * must answer every op with the errno of the table below: the core's
 * answer (pymm_op_check(), the handlers), or for a length with no buffer
 * the one every transport gives first (docs/abi.md, "Errors").  Before
 * session 8 an op over PYMM_DATA_MAX gave -EINVAL from /dev/pymm and
 * -E2BIG from the core, and a length with no buffer ran the op --local.
 *
 *	test_xport                     --local only (the unit run, on the host)
 *	test_xport device netlink local   in the VM (tests/vm/checks/xport.sh)
 *
 * A transport named on the command line that cannot be opened fails the
 * test: the VM check names only those it has.
 */
#include <errno.h>

#include "unit_test.h"
#include "../../userspace/lib/pymm_client.h"
#include "../../userspace/lib/nl.h"

/* a heap name nobody creates: attaching to it is refused by the registry */
#define XPORT_NO_HEAP	"xport-no-such-heap"

static char small[16];
static char *big;	/* PYMM_DATA_MAX + 1 bytes */

struct bad_op {
	const char *what;
	uint32_t code, flags;
	uint64_t arg0;
	void *data;
	uint32_t data_len;
	int want;
};

static struct bad_op bad_ops[] = {
	{ "unknown code", PYMM_OP_MAX + 1, 0, 0, NULL, 0, -EOPNOTSUPP },
	{ "flag no op knows", PYMM_OP_NOP, 1u << 9, 0, NULL, 0, -EINVAL },
	{ "unknown code, flag no op knows", PYMM_OP_MAX + 1, 1u << 9, 0, NULL, 0, -EINVAL },
	{ "flag the op does not take", PYMM_OP_NOP, PYMM_OPF_OTHER_OWNER, 0, NULL, 0, -EINVAL },
	{ "arg the op does not read", PYMM_OP_NOP, 0, 1, NULL, 0, -EINVAL },
	{ "buffer on a bufferless op", PYMM_OP_NOP, 0, 0, small, sizeof(small), -EINVAL },
	{ "length without a buffer", PYMM_OP_NOP, 0, 0, NULL, 8, -EFAULT },
	{ "length without a buffer, input op", PYMM_OP_NEW_BYTES, 0, 0, NULL, 8, -EFAULT },
	{ "input over PYMM_DATA_MAX", PYMM_OP_NEW_BYTES, 0, 0, NULL, PYMM_DATA_MAX + 1, -E2BIG },
	{ "output over PYMM_DATA_MAX", PYMM_OP_HEAP_LIST, 0, 0, NULL, PYMM_DATA_MAX + 1, -E2BIG },
	{ "unknown code over PYMM_DATA_MAX", PYMM_OP_MAX + 1, 0, 0, NULL, PYMM_DATA_MAX + 1,
	  -E2BIG },
	{ "heap op, not attached", PYMM_OP_NEW_INT, 0, 7, NULL, 0, -ENOTCONN },
	{ "heap op with input, not attached", PYMM_OP_NEW_BYTES, 0, 0, small, sizeof(small),
	  -ENOTCONN },
	{ "attach to no such heap", PYMM_OP_HEAP_ATTACH, 0, 0, XPORT_NO_HEAP,
	  sizeof(XPORT_NO_HEAP), -ENOENT },
};

#define N_BAD	(sizeof(bad_ops) / sizeof(bad_ops[0]))

static void bad_op_init(struct pymm_op *op, const struct bad_op *b)
{
	pymm_op_init(op, b->code);
	op->flags = b->flags;
	op->arg[0] = b->arg0;
	/* the big ones carry a real buffer: only its length is wrong */
	pymm_op_set_data(op, b->data_len > PYMM_DATA_MAX ? big : b->data, b->data_len);
}

static int open_conn(const char *name, struct pymm_conn **c)
{
	if (!strcmp(name, "local"))
		return pymm_conn_open_local(c);
	if (!strcmp(name, "device"))
		return pymm_conn_open_device(c, NULL);
	if (!strcmp(name, "netlink"))
		return pymm_conn_open_netlink(c);
	return -EINVAL;
}

/* got[i]: what transport xport answered for bad_ops[i], one op per call */
static void run_singly(const char *xport, int *got)
{
	struct pymm_conn *c;
	unsigned int i;

	if (!CHECK_EQ(open_conn(xport, &c), 0))
		return;
	for (i = 0; i < N_BAD; i++) {
		struct pymm_op op;

		bad_op_init(&op, &bad_ops[i]);
		got[i] = pymm_exec(c, &op);
		CHECK_EQ(got[i], op.error);
	}
	pymm_conn_close(c);
}

/* the same ops as one batch (the device's PYMM_IOC_BATCH: runs and one-op path) */
static void run_batched(const char *xport, int *got)
{
	struct pymm_op ops[N_BAD];
	struct pymm_conn *c;
	unsigned int i, done = 0;

	if (!CHECK_EQ(open_conn(xport, &c), 0))
		return;
	for (i = 0; i < N_BAD; i++)
		bad_op_init(&ops[i], &bad_ops[i]);
	CHECK_EQ(pymm_exec_batch(c, ops, N_BAD, false, &done), 0);
	CHECK_EQ(done, N_BAD);
	for (i = 0; i < N_BAD; i++)
		got[i] = ops[i].error;
	pymm_conn_close(c);
}

static void check_answers(const char *xport, const char *how, const int *got)
{
	unsigned int i;

	for (i = 0; i < N_BAD; i++) {
		if (got[i] == bad_ops[i].want)
			continue;
		CHECK_EQ(got[i], bad_ops[i].want);
		fprintf(stderr, "  %s (%s): %s: %d, want %d\n", xport, how, bad_ops[i].what,
			got[i], bad_ops[i].want);
	}
}

static const char *const *xports;
static int n_xports;

static void test_same_errno_everywhere(void)
{
	static int first[N_BAD];
	int got[N_BAD], i;
	unsigned int j;

	for (i = 0; i < n_xports; i++) {
		memset(got, 0, sizeof(got));
		run_singly(xports[i], got);
		check_answers(xports[i], "one by one", got);
		if (!i)
			memcpy(first, got, sizeof(got));
		for (j = 0; j < N_BAD; j++)
			CHECK_EQ(got[j], first[j]);
		memset(got, 0, sizeof(got));
		run_batched(xports[i], got);
		check_answers(xports[i], "batched", got);
		for (j = 0; j < N_BAD; j++)
			CHECK_EQ(got[j], first[j]);
	}
}

int main(int argc, char **argv)
{
	static const char *const local_only[] = { "local" };
	int i, k = 1;

	unit_init(argc, argv);
	/* transports are the arguments that are not the harness's options */
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "-s")) {
			i += argv[i][1] == 's';
			continue;
		}
		argv[k++] = argv[i];
	}
	xports = k > 1 ? (const char *const *)argv + 1 : local_only;
	n_xports = k > 1 ? k - 1 : 1;
	big = calloc(1, PYMM_DATA_MAX + 1);
	if (!big)
		return 1;
	RUN(test_same_errno_everywhere);
	free(big);
	return unit_summary();
}
