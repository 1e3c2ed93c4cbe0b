/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scenario_core.h - tests/stress/faultinj_scenario.h against the in-process
 * core: the struct run and exec() that header asks its includer for, shared
 * by test_faultinj.c and test_debugalloc.c.  exec() checks every result
 * against the error contract (return value equal to op->error, a negative
 * errno, a known exception) and remembers the first failure.
 *
 * Include once, after unit_test.h and the core's headers.
 */
#ifndef PYMM_TESTS_SCENARIO_CORE_H
#define PYMM_TESTS_SCENARIO_CORE_H

#define NH	64

struct run {
	struct pymm_client *c;
	u64 h[NH];		/* handles the scenario got, by step */
	unsigned int ops, failed;
	int first_err;		/* of the first op that failed */
	u32 first_exc, first_code;
	bool bad;		/* an op broke the error contract */
};

static u8 buf[1 << 16];

static int exec(struct run *r, u32 code, u32 flags, u64 a0, u64 a1, u64 a2,
		const void *d, u32 len, u64 *ret)
{
	struct pymm_op op = {
		.code = code, .flags = flags, .arg = { a0, a1, a2 }, .data_len = len,
	};
	int err;

	if (d)
		memcpy(buf, d, len);
	err = pymm_op_exec(r->c, &op, buf, sizeof(buf));
	r->ops++;
	if (err != op.error || err > 0 || err < -4095 || op.exc >= PYMM_EXC_MAX) {
		fprintf(stderr, "op %u: bad result %d/%d exc %u\n", code, err, op.error, op.exc);
		r->bad = true;
	}
	if (err) {
		if (!r->failed++) {
			r->first_err = err;
			r->first_exc = op.exc;
			r->first_code = code;
		}
	}
	if (ret)
		*ret = err ? 0 : op.ret[0];
	return err;
}

#include "../stress/faultinj_scenario.h"

#endif /* PYMM_TESTS_SCENARIO_CORE_H */
