// SPDX-License-Identifier: GPL-2.0
/*
 * stats.c - `pymmctl stats`: the heap's allocator laid out exactly like
 * CPython's sys._debugmallocstats() (same table, same "# ... = N" lines with
 * thousands separators), its free lists as _PyObject_DebugTypeStats()
 * prints them ("N free PyFloatObjects * S bytes each = B"), then what
 * CPython has no table for: large blocks, the quota, objects by type and
 * the collector's generations.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pymmctl.h"

#define NCLASSES 32

struct snapshot {
	struct pymm_alloc_stats a;
	struct pymm_class_stats cls[NCLASSES];
	struct pymm_heap_stats h;
	struct pymm_gc_gen_stats gc[3];
	struct pymm_freelist_stats fl;
	bool have_gc;
	bool have_fl;
};

/* obmalloc.c printone(): message padded to 35, '=', value right-aligned
 * in 21 columns with commas */
static uint64_t printone(const char *msg, uint64_t value)
{
	char buf[32];
	int i = 22, k = 3;
	uint64_t v = value;

	printf("%-35s=", msg);
	buf[i--] = 0;
	buf[i--] = '\n';
	do {
		uint64_t next = v / 10;

		buf[i--] = (char)('0' + (v - next * 10));
		v = next;
		if (--k == 0 && v && i >= 0) {
			k = 3;
			buf[i--] = ',';
		}
	} while (v && i >= 0);
	while (i >= 0)
		buf[i--] = ' ';
	fputs(buf, stdout);
	return value;
}

static int snap(struct pymm_conn *c, struct snapshot *s)
{
	struct {
		struct pymm_alloc_stats a;
		struct pymm_class_stats cls[NCLASSES];
	} ab;
	struct pymm_op ops[4];
	unsigned int done;
	int err;

	memset(s, 0, sizeof(*s));
	memset(&ab, 0, sizeof(ab));
	pymm_op_init(&ops[0], PYMM_OP_ALLOC_STATS);
	pymm_op_set_data(&ops[0], &ab, sizeof(ab));
	pymm_op_init(&ops[1], PYMM_OP_HEAP_STATS);
	pymm_op_set_data(&ops[1], &s->h, sizeof(s->h));
	pymm_op_init(&ops[2], PYMM_OP_GC_GET_STATS);
	pymm_op_set_data(&ops[2], s->gc, sizeof(s->gc));
	pymm_op_init(&ops[3], PYMM_OP_FREELIST_STATS);
	pymm_op_set_data(&ops[3], &s->fl, sizeof(s->fl));
	err = pymm_exec_batch(c, ops, 4, false, &done);
	if (err)
		return fail_errno(err, "reading statistics");
	if (ops[0].error)
		return fail_errno(ops[0].error, "allocator statistics");
	if (ops[1].error)
		return fail_errno(ops[1].error, "heap statistics");
	s->a = ab.a;
	memcpy(s->cls, ab.cls, sizeof(s->cls));
	s->have_gc = ops[2].error == 0;
	s->have_fl = ops[3].error == 0 && s->fl.nlists == PYMM_FL_MAX;
	return 0;
}

/* the free lists' names in sys._debugmallocstats() (the keys line is pymm's) */
static void freelist_name(int kind, char *buf, size_t size)
{
	static const char *const names[] = {
		[PYMM_FL_DICT] = "free PyDictObject",
		[PYMM_FL_DICT_KEYS] = "free PyDictKeysObject",
		[PYMM_FL_FLOAT] = "free PyFloatObject",
		[PYMM_FL_LIST] = "free PyListObject",
	};

	if (kind >= PYMM_FL_TUPLE)
		snprintf(buf, size, "free %d-sized PyTupleObject", kind - PYMM_FL_TUPLE + 1);
	else
		snprintf(buf, size, "%s", names[kind]);
}

/* _PyDebugAllocatorStats(): "%d %ss * %zd bytes each" right-aligned in 48 */
static void print_freelists(const struct pymm_freelist_stats *fl)
{
	char name[64], b1[128], b2[160];
	int k;

	for (k = 0; k < PYMM_FL_MAX; k++) {
		const struct pymm_freelist_info *li = &fl->lists[k];

		freelist_name(k, name, sizeof(name));
		snprintf(b1, sizeof(b1), "%" PRIu64 " %ss * %u bytes each",
			 (uint64_t)li->count, name, li->block_size);
		snprintf(b2, sizeof(b2), "%48s ", b1);
		printone(b2, li->count * li->block_size);
	}
}

static const char *const type_names[PYMM_T_MAX] = {
	[PYMM_T_NONE] = "NoneType", [PYMM_T_BOOL] = "bool", [PYMM_T_INT] = "int",
	[PYMM_T_FLOAT] = "float", [PYMM_T_STR] = "str", [PYMM_T_BYTES] = "bytes",
	[PYMM_T_TUPLE] = "tuple", [PYMM_T_LIST] = "list", [PYMM_T_DICT] = "dict",
	[PYMM_T_CLASS] = "type", [PYMM_T_INSTANCE] = "instance",
	[PYMM_T_WEAKREF] = "weakref", [PYMM_T_FUNCTION] = "function",
	[PYMM_T_GETSET] = "getset_descriptor", [PYMM_T_METHOD] = "method", [PYMM_T_CODE] = "code",
	[PYMM_T_CELL] = "cell",
	[PYMM_T_ITER] = "iterator",
	[PYMM_T_SET] = "set",
	[PYMM_T_RANGE] = "range",
	[PYMM_T_DICTVIEW] = "dict_view",
};

static void print_text(const char *heap, const struct snapshot *s)
{
	const struct pymm_alloc_stats *a = &s->a;
	uint64_t total, free_pools = a->pool_size ? a->bytes_unused_pools / a->pool_size : 0;
	char buf[128];
	int i;

	printf("Small block threshold = %u, in %u size classes.\n\n", a->small_threshold,
	       a->size_classes);
	printf("class   size   num pools   blocks in use  avail blocks\n"
	       "-----   ----   ---------   -------------  ------------\n");
	for (i = 0; i < NCLASSES; i++) {
		const struct pymm_class_stats *k = &s->cls[i];

		if (!k->pools)
			continue;
		printf("%5u %6u %11" PRIu64 " %15" PRIu64 " %13" PRIu64 "\n", k->index,
		       k->block_size, (uint64_t)k->pools, (uint64_t)k->blocks_in_use,
		       (uint64_t)k->blocks_free);
	}
	printf("\n");
	printone("# arenas allocated total", a->arenas_allocated);
	printone("# arenas reclaimed", a->arenas_reclaimed);
	printone("# arenas highwater mark", a->arenas_highwater);
	printone("# arenas allocated current", a->arenas_current);
	snprintf(buf, sizeof(buf), "%" PRIu64 " arenas * %u bytes/arena",
		 (uint64_t)a->arenas_current, a->arena_size);
	printone(buf, a->arenas_current * a->arena_size);
	printf("\n");
	total = printone("# bytes in allocated blocks", a->bytes_in_use);
	total += printone("# bytes in available blocks", a->bytes_free_blocks);
	snprintf(buf, sizeof(buf), "%" PRIu64 " unused pools * %u bytes", free_pools, a->pool_size);
	total += printone(buf, a->bytes_unused_pools);
	total += printone("# bytes lost to pool headers", a->bytes_pool_headers);
	total += printone("# bytes lost to quantization", a->bytes_quantization);
	total += printone("# bytes lost to arena alignment", a->bytes_arena_alignment);
	printone("Total", total);
	if (s->have_fl) {
		printf("\n");
		print_freelists(&s->fl);
	}

	printf("\nheap '%s'\n", heap);
	printone("# large blocks", a->large_blocks);
	printone("# bytes in large blocks", a->large_bytes);
	printone("# small blocks in use", a->blocks_allocated);
	printone("# mallocs total", a->mallocs);
	printone("# frees total", a->frees);
	printone("# bytes held (charged)", a->bytes_held);
	if (a->quota)
		printone("# quota bytes", a->quota);
	else
		printf("%-35s=%21s\n", "# quota bytes", "default");
	printone("# quota refusals", a->quota_refusals);
	if (s->have_fl) {
		printone("# bytes kept by free lists", s->fl.bytes);
		printone("# free list reuses", s->fl.reuses);
		printone("# free list saves", s->fl.saves);
		printone("# free list blocks cleared by gc", s->fl.cleared);
		printone("# free list blocks shrunk", s->fl.shrunk);
	}
	if (a->debug_reports || a->debug_quarantined) {
		/* debug_alloc=1 found corruption: say so where people look */
		printone("# debug allocator reports", a->debug_reports);
		printone("# blocks quarantined", a->debug_quarantined);
	}
	printf("\n");
	printone("# objects", s->h.objects);
	for (i = 1; i < PYMM_T_MAX; i++) {
		if (!type_names[i] || !s->h.objects_by_type[i])
			continue;
		snprintf(buf, sizeof(buf), "#   %s", type_names[i]);
		printone(buf, s->h.objects_by_type[i]);
	}
	printone("# global names", s->h.names_global);
	printone("# frames (all clients)", s->h.frames);
	printone("# handles (all clients)", s->h.handles);
	if (s->have_gc) {
		printf("\ngen  collections   collected  uncollectable    count  threshold    objects"
		       "  pause last/max/total (us)\n");
		for (i = 0; i < 3; i++) {
			const struct pymm_gc_gen_stats *g = &s->gc[i];

			printf("%3d %12" PRIu64 " %11" PRIu64 " %14" PRIu64 " %8" PRIu64 " %10" PRIu64
			       " %10" PRIu64 "  %" PRIu64 "/%" PRIu64 "/%" PRIu64 "\n", i,
			       (uint64_t)g->collections, (uint64_t)g->collected,
			       (uint64_t)g->uncollectable, (uint64_t)g->count,
			       (uint64_t)g->threshold, (uint64_t)g->objects,
			       (uint64_t)g->pause_last_ns / 1000, (uint64_t)g->pause_max_ns / 1000,
			       (uint64_t)g->pause_total_ns / 1000);
		}
	}
}

#define JU(name, v) printf("%s\"%s\": %" PRIu64, first ? "" : ", ", name, (uint64_t)(v)), \
		    first = false

static void print_json(const char *heap, const struct snapshot *s)
{
	const struct pymm_alloc_stats *a = &s->a;
	bool first = true;
	int i;

	printf("{\"heap\": \"%s\", \"allocator\": {", heap);
	JU("arena_size", a->arena_size);
	JU("pool_size", a->pool_size);
	JU("size_classes", a->size_classes);
	JU("small_threshold", a->small_threshold);
	JU("arenas_allocated", a->arenas_allocated);
	JU("arenas_reclaimed", a->arenas_reclaimed);
	JU("arenas_highwater", a->arenas_highwater);
	JU("arenas_current", a->arenas_current);
	JU("bytes_in_use", a->bytes_in_use);
	JU("bytes_free_blocks", a->bytes_free_blocks);
	JU("bytes_unused_pools", a->bytes_unused_pools);
	JU("bytes_pool_headers", a->bytes_pool_headers);
	JU("bytes_quantization", a->bytes_quantization);
	JU("bytes_arena_alignment", a->bytes_arena_alignment);
	JU("large_blocks", a->large_blocks);
	JU("large_bytes", a->large_bytes);
	JU("blocks_allocated", a->blocks_allocated);
	JU("mallocs", a->mallocs);
	JU("frees", a->frees);
	JU("quota", a->quota);
	JU("bytes_held", a->bytes_held);
	JU("quota_refusals", a->quota_refusals);
	JU("debug_reports", a->debug_reports);
	JU("debug_quarantined", a->debug_quarantined);
	printf("}, \"classes\": [");
	for (i = 0, first = true; i < NCLASSES; i++) {
		const struct pymm_class_stats *k = &s->cls[i];

		if (!k->pools)
			continue;
		printf("%s{\"index\": %u, \"size\": %u, \"pools\": %" PRIu64 ", \"blocks_in_use\": %"
		       PRIu64 ", \"blocks_free\": %" PRIu64 "}", first ? "" : ", ", k->index,
		       k->block_size, (uint64_t)k->pools, (uint64_t)k->blocks_in_use,
		       (uint64_t)k->blocks_free);
		first = false;
	}
	printf("], \"heap_stats\": {");
	first = true;
	JU("objects", s->h.objects);
	JU("names_global", s->h.names_global);
	JU("frames", s->h.frames);
	JU("handles", s->h.handles);
	JU("bytes_held", s->h.bytes_held);
	JU("quota", s->h.quota);
	printf(", \"objects_by_type\": {");
	for (i = 1, first = true; i < PYMM_T_MAX; i++)
		if (type_names[i])
			JU(type_names[i], s->h.objects_by_type[i]);
	printf("}}");
	if (s->have_fl) {
		char name[64];

		printf(", \"freelists\": {");
		first = true;
		JU("bytes", s->fl.bytes);
		JU("reuses", s->fl.reuses);
		JU("saves", s->fl.saves);
		JU("cleared", s->fl.cleared);
		JU("shrunk", s->fl.shrunk);
		printf(", \"lists\": [");
		for (i = 0; i < PYMM_FL_MAX; i++) {
			const struct pymm_freelist_info *li = &s->fl.lists[i];

			freelist_name(i, name, sizeof(name));
			printf("%s{\"kind\": %d, \"name\": \"%s\", \"max\": %u, \"block_size\": %u, "
			       "\"count\": %" PRIu64 "}", i ? ", " : "", i, name, li->max,
			       li->block_size, (uint64_t)li->count);
		}
		printf("]}");
	}
	if (s->have_gc) {
		printf(", \"gc\": [");
		for (i = 0; i < 3; i++) {
			const struct pymm_gc_gen_stats *g = &s->gc[i];

			printf("%s{", i ? ", " : "");
			first = true;
			JU("collections", g->collections);
			JU("collected", g->collected);
			JU("uncollectable", g->uncollectable);
			JU("count", g->count);
			JU("threshold", g->threshold);
			JU("objects", g->objects);
			JU("pause_last_ns", g->pause_last_ns);
			JU("pause_max_ns", g->pause_max_ns);
			JU("pause_total_ns", g->pause_total_ns);
			printf("}");
		}
		printf("]");
	}
	printf("}\n");
}

int cmd_stats(int argc, char **argv)
{
	const char *heap = g_opts.heap ? g_opts.heap : PYMM_DEFAULT_HEAP;
	struct pymm_conn *c;
	struct snapshot s;
	int rc;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: pymmctl [-H HEAP] [-j] stats\n\n"
		       "Prints the heap's allocator the way CPython's sys._debugmallocstats()\n"
		       "prints obmalloc (size classes, arenas, where every byte goes), then\n"
		       "large blocks, quota, objects by type and the collector's generations.\n"
		       "-j prints the same figures as one JSON object.\n");
		return 0;
	}
	if (argc > 1 && (!strcmp(argv[1], "-j") || !strcmp(argv[1], "--json"))) {
		g_opts.json = true;
		argc--;
	}
	if (argc > 1)
		usage_error("stats takes no arguments");
	if (conn_open(&c))
		return 1;
	rc = conn_attach(c);
	if (!rc)
		rc = snap(c, &s);
	if (!rc) {
		if (g_opts.json)
			print_json(heap, &s);
		else
			print_text(heap, &s);
	}
	pymm_conn_close(c);
	return rc;
}
