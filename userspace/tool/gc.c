// SPDX-License-Identifier: GPL-2.0
/*
 * gc.c - `pymmctl gc ...`: the heap's collector, as Python's gc module
 * offers it (collect, enable, disable, thresholds, freeze) plus its
 * per-generation statistics.
 *
 * stats uses the family's typed command over netlink (it names the heap,
 * needs no session, and a refusal comes with an extended-ack message);
 * everything else, collect included (a collection may hand finalizers back
 * to the session that started it, which then runs them: their code is
 * in the heap), is an op on a session attached to the heap, on whichever
 * transport was chosen.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../script/eval.h"
#include "json.h"
#include "pymmctl.h"

static const char *const gc_usage =
"usage: pymmctl [-H HEAP] [-j] gc collect [GENERATION]\n"
"       pymmctl [-H HEAP] [-j] gc stats\n"
"       pymmctl [-H HEAP] [-j] gc show\n"
"       pymmctl [-H HEAP] gc enable | disable | freeze | unfreeze\n"
"       pymmctl [-H HEAP] gc threshold T0 [T1 [T2]]\n"
"\n"
"The heap's cycle collector, as Python's gc module:\n"
"  collect [GEN]     gc.collect(GEN): collect generations 0..GEN (default 2);\n"
"                    prints how many unreachable objects were found\n"
"  stats             per generation: collections, collected, uncollectable,\n"
"                    count, threshold, tracked objects, pause times\n"
"  show              gc.isenabled(), get_count(), get_threshold(),\n"
"                    get_freeze_count(), get_debug()\n"
"  enable, disable   gc.enable(), gc.disable() (automatic collection)\n"
"  freeze, unfreeze  gc.freeze(), gc.unfreeze()\n"
"  threshold T0 ...  gc.set_threshold(T0, T1, T2); omitted values are kept\n"
"\n"
"-j prints what collect, stats and show print as JSON.\n";

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	if (!*s || *s == '-')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 0);
	return errno || *end ? -1 : 0;
}

/* A session attached to the heap; 0 or 1 (message printed). */
static int open_attached(struct pymm_conn **c)
{
	if (conn_open(c))
		return 1;
	if (conn_attach(*c)) {
		conn_close(*c);
		return 1;
	}
	return 0;
}

/* ----------------------------------------------------------- collect */

static int gc_collect(int gen_arg)
{
	struct pymm_conn *c;
	uint64_t unreachable = 0;
	struct pymm_op op;
	int err, rc = 0;

	if (conn_open(&c))
		return 1;
	/* a generation no collector has: the request naming the heap says why */
	if (gen_arg > 2) {
		err = pymm_heap_gc_collect(c, heap_name(), attach_flags(), gen_arg, &unreachable);
		rc = fail_errno(err ? err : -EINVAL, "gc collect on heap '%s'", heap_name());
		conn_close(c);
		return rc;
	}
	/*
	 * A session of our own, not the typed command: the collection may hand
	 * us finalizers to run (docs/abi.md, "Finalizers"), which a
	 * short-lived kernel session could not.
	 */
	if (conn_attach(c)) {
		conn_close(c);
		return 1;
	}
	pymm_op_init(&op, PYMM_OP_GC_COLLECT);
	op.arg[0] = gen_arg < 0 ? 2 : (uint64_t)gen_arg;
	err = pymm_exec(c, &op);
	unreachable = op.ret[0];
	if (!err && (op.out_flags & PYMM_OUTF_FIN_SKIPPED))
		fprintf(stderr, "pymmctl: finalizers of code another user defined were not "
			"run here (their objects count as finalized)\n");
	if (!err && (op.out_flags & PYMM_OUTF_FINALIZERS)) {
		bool done = false;
		uint64_t n = 0;

		/* the heap's code, parsed and run by this process */
		if (script_run_finalizers(c, &done, &n))
			rc = 1;
		if (op.ret[1] && done)
			unreachable = n;
	}
	if (err) {
		rc = fail_errno(err, "gc collect on heap '%s'", heap_name());
	} else if (g_opts.json) {
		struct json j = { 0 };

		json_obj_open(&j, NULL);
		json_string(&j, "heap", heap_name());
		json_u64(&j, "generation", gen_arg < 0 ? 2 : gen_arg);
		json_u64(&j, "unreachable", unreachable);
		json_obj_close(&j);
		json_end(&j);
	} else {
		printf("heap '%s': generation %d: %" PRIu64 " unreachable\n", heap_name(),
		       gen_arg < 0 ? 2 : gen_arg, unreachable);
	}
	conn_close(c);
	return rc;
}

/* ------------------------------------------------------------- stats */

static int gc_stats(void)
{
	struct pymm_gc_gen_stats gen[3];
	struct pymm_conn *c;
	int err, rc = 0, i;

	memset(gen, 0, sizeof(gen));
	if (conn_open(&c))
		return 1;
	err = pymm_heap_gc_stats(c, heap_name(), attach_flags(), gen);
	if (err) {
		rc = fail_errno(err, "gc stats of heap '%s'", heap_name());
	} else if (g_opts.json) {
		struct json j = { 0 };

		json_obj_open(&j, NULL);
		json_string(&j, "heap", heap_name());
		json_arr_open(&j, "generations");
		for (i = 0; i < 3; i++) {
			json_obj_open(&j, NULL);
			json_u64(&j, "generation", i);
			json_u64(&j, "collections", gen[i].collections);
			json_u64(&j, "collected", gen[i].collected);
			json_u64(&j, "uncollectable", gen[i].uncollectable);
			json_u64(&j, "count", gen[i].count);
			json_u64(&j, "threshold", gen[i].threshold);
			json_u64(&j, "objects", gen[i].objects);
			json_u64(&j, "pause_last_ns", gen[i].pause_last_ns);
			json_u64(&j, "pause_max_ns", gen[i].pause_max_ns);
			json_u64(&j, "pause_total_ns", gen[i].pause_total_ns);
			json_obj_close(&j);
		}
		json_arr_close(&j);
		json_obj_close(&j);
		json_end(&j);
	} else {
		printf("heap '%s'\n", heap_name());
		printf("gen  collections   collected  uncollectable    count  threshold    objects"
		       "  pause last/max/total (us)\n");
		for (i = 0; i < 3; i++)
			printf("%3d %12" PRIu64 " %11" PRIu64 " %14" PRIu64 " %8" PRIu64 " %10" PRIu64
			       " %10" PRIu64 "  %" PRIu64 "/%" PRIu64 "/%" PRIu64 "\n", i,
			       (uint64_t)gen[i].collections, (uint64_t)gen[i].collected,
			       (uint64_t)gen[i].uncollectable, (uint64_t)gen[i].count,
			       (uint64_t)gen[i].threshold, (uint64_t)gen[i].objects,
			       (uint64_t)gen[i].pause_last_ns / 1000,
			       (uint64_t)gen[i].pause_max_ns / 1000,
			       (uint64_t)gen[i].pause_total_ns / 1000);
	}
	conn_close(c);
	return rc;
}

/* -------------------------------------------------------------- show */

static int gc_show(void)
{
	uint64_t count[3] = { 0 }, thr[3] = { 0 };
	struct pymm_op ops[5];
	struct pymm_conn *c;
	unsigned int done, i;
	int err, rc = 0;

	if (open_attached(&c))
		return 1;
	pymm_op_init(&ops[0], PYMM_OP_GC_ISENABLED);
	pymm_op_init(&ops[1], PYMM_OP_GC_GET_COUNT);
	pymm_op_set_data(&ops[1], count, sizeof(count));
	pymm_op_init(&ops[2], PYMM_OP_GC_GET_THRESHOLD);
	pymm_op_set_data(&ops[2], thr, sizeof(thr));
	pymm_op_init(&ops[3], PYMM_OP_GC_GET_FREEZE_COUNT);
	pymm_op_init(&ops[4], PYMM_OP_GC_GET_DEBUG);
	err = pymm_exec_batch(c, ops, 5, true, &done);
	for (i = 0; !err && i < 5; i++)
		err = ops[i].error;
	if (err) {
		rc = fail_errno(err, "gc show of heap '%s'", heap_name());
	} else if (g_opts.json) {
		struct json j = { 0 };

		json_obj_open(&j, NULL);
		json_string(&j, "heap", heap_name());
		json_bool(&j, "enabled", ops[0].ret[0]);
		json_arr_open(&j, "count");
		for (i = 0; i < 3; i++)
			json_u64(&j, NULL, count[i]);
		json_arr_close(&j);
		json_arr_open(&j, "threshold");
		for (i = 0; i < 3; i++)
			json_u64(&j, NULL, thr[i]);
		json_arr_close(&j);
		json_u64(&j, "freeze_count", ops[3].ret[0]);
		json_u64(&j, "debug", ops[4].ret[0]);
		json_obj_close(&j);
		json_end(&j);
	} else {
		printf("heap '%s': gc %s\n", heap_name(), ops[0].ret[0] ? "enabled" : "disabled");
		printf("  count      %" PRIu64 " %" PRIu64 " %" PRIu64 "\n", count[0], count[1],
		       count[2]);
		printf("  threshold  %" PRIu64 " %" PRIu64 " %" PRIu64 "\n", thr[0], thr[1], thr[2]);
		printf("  frozen     %" PRIu64 "\n", (uint64_t)ops[3].ret[0]);
		printf("  debug      0x%" PRIx64 "\n", (uint64_t)ops[4].ret[0]);
	}
	conn_close(c);
	return rc;
}

/* ------------------------------------------------- enable, disable ... */

static int gc_simple(uint32_t code, const char *what)
{
	struct pymm_conn *c;
	struct pymm_op op;
	int err, rc = 0;

	if (open_attached(&c))
		return 1;
	pymm_op_init(&op, code);
	err = pymm_exec(c, &op);
	if (err)
		rc = fail_errno(err, "gc %s on heap '%s'", what, heap_name());
	conn_close(c);
	return rc;
}

static int gc_threshold(int n, char **vals)
{
	uint64_t thr[3] = { 0 }, v[3];
	struct pymm_op ops[2];
	struct pymm_conn *c;
	int i, err, rc = 0;

	if (n < 1 || n > 3)
		usage_error("gc threshold T0 [T1 [T2]]");
	for (i = 0; i < n; i++)
		if (parse_u64(vals[i], &v[i]))
			usage_error("gc threshold: '%s' is not a number", vals[i]);
	if (open_attached(&c))
		return 1;
	pymm_op_init(&ops[0], PYMM_OP_GC_GET_THRESHOLD);
	pymm_op_set_data(&ops[0], thr, sizeof(thr));
	err = pymm_exec(c, &ops[0]);
	if (!err) {
		for (i = 0; i < n; i++)
			thr[i] = v[i];
		pymm_op_init(&ops[1], PYMM_OP_GC_SET_THRESHOLD);
		for (i = 0; i < 3; i++)
			ops[1].arg[i] = thr[i];
		err = pymm_exec(c, &ops[1]);
	}
	if (err)
		rc = fail_errno(err, "gc threshold on heap '%s'", heap_name());
	conn_close(c);
	return rc;
}

int cmd_gc(int argc, char **argv)
{
	const char *sub;
	char *pos[4];
	int i, npos = 0;

	if (argc < 2) {
		fputs(gc_usage, stderr);
		return 2;
	}
	sub = argv[1];
	for (i = 1; i < argc; i++) {
		/* "help" only as the subcommand; -h/--help anywhere */
		if (is_help_opt(argv[i]) && (i == 1 || strcmp(argv[i], "help"))) {
			fputs(gc_usage, stdout);
			return 0;
		}
	}
	/* positional arguments after the subcommand; -j may follow too */
	for (i = 2; i < argc; i++) {
		if (is_json_opt(argv[i]))
			continue;
		if (npos == 4)
			usage_error("gc %s: too many arguments", sub);
		pos[npos++] = argv[i];
	}
	if (!strcmp(sub, "collect")) {
		uint64_t gen;

		if (npos > 1)
			usage_error("gc collect [GENERATION]");
		/* the range (0..2) is the kernel's to check: its message says so */
		if (npos && (parse_u64(pos[0], &gen) || gen > INT32_MAX))
			usage_error("gc collect: GENERATION is a number (0, 1 or 2)");
		return gc_collect(npos ? (int)gen : -1);
	}
	if (!strcmp(sub, "stats")) {
		if (npos)
			usage_error("gc stats takes no arguments");
		return gc_stats();
	}
	if (!strcmp(sub, "show") || !strcmp(sub, "status")) {
		if (npos)
			usage_error("gc show takes no arguments");
		return gc_show();
	}
	if (!strcmp(sub, "threshold"))
		return gc_threshold(npos, pos);
	if (npos)
		usage_error("gc %s takes no arguments", sub);
	if (!strcmp(sub, "enable"))
		return gc_simple(PYMM_OP_GC_ENABLE, "enable");
	if (!strcmp(sub, "disable"))
		return gc_simple(PYMM_OP_GC_DISABLE, "disable");
	if (!strcmp(sub, "freeze"))
		return gc_simple(PYMM_OP_GC_FREEZE, "freeze");
	if (!strcmp(sub, "unfreeze"))
		return gc_simple(PYMM_OP_GC_UNFREEZE, "unfreeze");
	usage_error("gc: unknown subcommand '%s' (collect, stats, show, enable, disable, "
		    "freeze, unfreeze, threshold)", sub);
}
