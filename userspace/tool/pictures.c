// SPDX-License-Identifier: GPL-2.0
/*
 * pictures.c - the commands that draw rather than list:
 *
 *   arenas [--map]   the notes' arena / pool / block picture, live: one row
 *                    per arena, one cell per pool (its size class, and how
 *                    full it is), from PYMM_OP_ARENA_INFO
 *   top              a refreshing slabtop: size classes by bytes, heap
 *                    totals, collector counters
 *   graph NAME       the reference graph around the object bound to global
 *                    NAME, as Graphviz DOT (objgraph's show_refs()), rendered
 *                    by `dot` to PNG or SVG when asked
 *   areas            the notes' memory areas of a heap: stack (frames and
 *                    their locals), variables (globals), heap (objects)
 *
 * Everything comes from the same operations the other commands use (one
 * attached session), so the pictures and /proc/pymm show the same figures.
 * Handles taken while walking are closed as soon as they are not needed:
 * a graph of --max N objects holds at most N handles plus one node's
 * referents at once.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "json.h"
#include "pymmctl.h"

#define NCLASSES	32
#define NPOOLS		64	/* struct pymm_arena_info slots */

/* ------------------------------------------------------------- helpers */

/* opens a session attached to -H; 0 or 1 (message printed) */
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

static void hclose(struct pymm_conn *c, uint64_t h)
{
	struct pymm_op op;

	pymm_op_init(&op, PYMM_OP_CLOSE);
	op.arg[0] = h;
	pymm_exec(c, &op);
}

/* one op on handle h; ret0 in *r0 (may be NULL); returns op error */
static int hop(struct pymm_conn *c, uint32_t code, uint64_t h, uint64_t *r0, uint64_t *r1)
{
	struct pymm_op op;
	int err;

	pymm_op_init(&op, code);
	op.arg[0] = h;
	err = pymm_exec(c, &op);
	if (!err && r0)
		*r0 = op.ret[0];
	if (!err && r1)
		*r1 = op.ret[1];
	return err;
}

struct snap {
	struct {
		struct pymm_alloc_stats a;
		struct pymm_class_stats cls[NCLASSES];
	} ab;
	struct pymm_heap_stats h;
	struct pymm_gc_gen_stats gc[3];
	bool have_gc;
};

static int take_snap(struct pymm_conn *c, struct snap *s)
{
	struct pymm_op ops[3];
	unsigned int done;
	int err;

	memset(s, 0, sizeof(*s));
	pymm_op_init(&ops[0], PYMM_OP_ALLOC_STATS);
	pymm_op_set_data(&ops[0], &s->ab, sizeof(s->ab));
	pymm_op_init(&ops[1], PYMM_OP_HEAP_STATS);
	pymm_op_set_data(&ops[1], &s->h, sizeof(s->h));
	pymm_op_init(&ops[2], PYMM_OP_GC_GET_STATS);
	pymm_op_set_data(&ops[2], s->gc, sizeof(s->gc));
	err = pymm_exec_batch(c, ops, 3, false, &done);
	if (err)
		return fail_errno(err, "reading statistics");
	if (ops[0].error)
		return fail_errno(ops[0].error, "allocator statistics");
	if (ops[1].error)
		return fail_errno(ops[1].error, "heap statistics");
	s->have_gc = !ops[2].error;
	return 0;
}

/* blocks one pool of class k holds, from the class totals */
static unsigned int pool_capacity(const struct snap *s, unsigned int k)
{
	const struct pymm_class_stats *cs = &s->ab.cls[k];

	if (k >= NCLASSES || !cs->pools)
		return 0;
	return (unsigned int)((cs->blocks_in_use + cs->blocks_free) / cs->pools);
}

/* ------------------------------------------------------------- arenas */

static const char class_digits[] = "0123456789abcdefghijklmnopqrstuv";
static char class_char(uint8_t cls)
{
	if (cls < NCLASSES)
		return class_digits[cls];
	return cls == PYMM_POOL_CLASS_EMPTY ? '.' : cls == PYMM_POOL_CLASS_UNUSABLE ? '#' : '?';
}

/* blocks in use in tenths of the pool, rounded up: '.' none, 1-9, '@' full */
static char fill_char(const struct snap *s, uint8_t cls, unsigned int used)
{
	unsigned int cap, tenths;

	if (cls >= NCLASSES)
		return cls == PYMM_POOL_CLASS_UNUSABLE ? '#' : '.';
	cap = pool_capacity(s, cls);
	if (!cap || !used)
		return '.';
	if (used >= cap)
		return '@';
	tenths = (used * 10 + cap - 1) / cap;
	return tenths >= 10 ? '9' : (char)('0' + tenths);
}

static const char *const arenas_usage =
"usage: pymmctl [-H HEAP] [-j] arenas [--map]\n"
"\n"
"The heap's arenas (256 KiB, 64 pools each) and what every pool holds.\n"
"Without --map: one line per arena, a character per pool (its size class\n"
"in base 32), as /proc/pymm/arenas.  With --map: the notes' picture, live:\n"
"two lines per arena, the pools' size classes and how full each pool is,\n"
"then a legend of the classes in use.  -j: every arena and pool as JSON.\n";

static int arenas_json(const struct snap *s, struct pymm_arena_info *ai, unsigned int n)
{
	struct json j = { 0 };
	unsigned int i, p;

	json_obj_open(&j, NULL);
	json_string(&j, "heap", heap_name());
	json_u64(&j, "arena_size", s->ab.a.arena_size);
	json_u64(&j, "pool_size", s->ab.a.pool_size);
	json_arr_open(&j, "arenas");
	for (i = 0; i < n; i++) {
		json_obj_open(&j, NULL);
		json_u64(&j, "serial", ai[i].serial);
		json_u64(&j, "pools_total", ai[i].pools_total);
		json_u64(&j, "pools_free", ai[i].pools_free);
		json_arr_open(&j, "pools");
		for (p = 0; p < NPOOLS; p++) {
			uint8_t k = ai[i].pool_class[p];

			json_obj_open(&j, NULL);
			json_u64(&j, "index", p);
			if (k < NCLASSES) {
				json_u64(&j, "class", k);
				json_u64(&j, "block_size", s->ab.cls[k].block_size);
				json_u64(&j, "used", ai[i].pool_used[p]);
				json_u64(&j, "capacity", pool_capacity(s, k));
			} else {
				json_string(&j, "state", k == PYMM_POOL_CLASS_UNUSABLE ? "unusable" : "empty");
			}
			json_obj_close(&j);
		}
		json_arr_close(&j);
		json_obj_close(&j);
	}
	json_arr_close(&j);
	json_obj_close(&j);
	json_end(&j);
	return 0;
}

static void arenas_map(const struct snap *s, struct pymm_arena_info *ai, unsigned int n)
{
	const struct pymm_alloc_stats *a = &s->ab.a;
	bool used_class[NCLASSES] = { false };
	unsigned int i, p, k, shown = 0;

	printf("heap %s: %u arenas of %u KiB, each %u pools of %u KiB\n\n", heap_name(), n,
	       a->arena_size >> 10, a->arena_size / (a->pool_size ? a->pool_size : 1),
	       a->pool_size >> 10);
	{
		char ruler[NPOOLS + 1];

		memset(ruler, ' ', NPOOLS);
		ruler[NPOOLS] = 0;
		memcpy(ruler, "0", 1);
		memcpy(ruler + 16, "16", 2);
		memcpy(ruler + 32, "32", 2);
		memcpy(ruler + 48, "48", 2);
		memcpy(ruler + 62, "63", 2);
		printf("%-13s%s  pool\n", "", ruler);
	}
	for (i = 0; i < n; i++) {
		char cls[NPOOLS + 1], fill[NPOOLS + 1];

		for (p = 0; p < NPOOLS; p++) {
			uint8_t c = ai[i].pool_class[p];

			cls[p] = class_char(c);
			fill[p] = fill_char(s, c, ai[i].pool_used[p]);
			if (c < NCLASSES)
				used_class[c] = true;
		}
		cls[p] = fill[p] = 0;
		printf("arena %-5u  %s  class\n", ai[i].serial, cls);
		printf(" %2u/%-2u used  %s  fill\n", ai[i].pools_total - ai[i].pools_free,
		       ai[i].pools_total, fill);
	}
	printf("\nclass: size class of the pool (base 32), '.' empty pool, '#' unusable slot\n");
	printf("fill:  blocks in use, in tenths of the pool: '.' none, 1-9, '@' full\n");
	printf("classes here:");
	for (k = 0; k < NCLASSES; k++) {
		const struct pymm_class_stats *cs = &s->ab.cls[k];

		if (!used_class[k])
			continue;
		printf("%s %c=%uB (%" PRIu64 "/%u blocks)", shown++ % 4 == 0 ? "\n " : ",",
		       class_digits[k], cs->block_size, (uint64_t)cs->blocks_in_use,
		       pool_capacity(s, k) * (unsigned int)cs->pools);
	}
	printf("%s\n", shown ? "" : " none");
}

int cmd_arenas(int argc, char **argv)
{
	struct pymm_arena_info *ai = NULL;
	struct pymm_conn *c;
	unsigned int n = 0, cap = 0;
	bool map = false;
	struct snap s;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (is_help_opt(argv[i])) {
			fputs(arenas_usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "--map") || !strcmp(argv[i], "-m")) {
			map = true;
		} else if (!is_json_opt(argv[i])) {
			usage_error("arenas: unknown argument '%s'", argv[i]);
		}
	}
	if (open_attached(&c))
		return 1;
	rc = take_snap(c, &s);
	while (!rc) {
		struct pymm_op op;
		int err;

		if (n == cap) {
			struct pymm_arena_info *na;

			cap = cap ? cap * 2 : 16;
			na = realloc(ai, cap * sizeof(*ai));
			if (!na) {
				rc = fail_errno(-ENOMEM, "arenas");
				break;
			}
			ai = na;
		}
		pymm_op_init(&op, PYMM_OP_ARENA_INFO);
		op.arg[0] = n;
		pymm_op_set_data(&op, &ai[n], sizeof(ai[n]));
		err = pymm_exec(c, &op);
		if (err == -ENOENT)
			break;
		if (err)
			rc = fail_errno(err, "arena %u", n);
		else
			n++;
	}
	if (!rc) {
		if (g_opts.json) {
			arenas_json(&s, ai, n);
		} else if (map) {
			arenas_map(&s, ai, n);
		} else {
			printf("%8s %5s %5s  %s\n", "serial", "pools", "free", "map");
			for (i = 0; i < (int)n; i++) {
				char m[NPOOLS + 1];
				int p;

				for (p = 0; p < NPOOLS; p++)
					m[p] = class_char(ai[i].pool_class[p]);
				m[p] = 0;
				printf("%8u %5u %5u  %s\n", ai[i].serial, ai[i].pools_total,
				       ai[i].pools_free, m);
			}
		}
	}
	free(ai);
	conn_close(c);
	return rc;
}

/* ---------------------------------------------------------------- top */

static const char *const top_usage =
"usage: pymmctl [-H HEAP] [-j] top [-d SECS] [-n ITER]\n"
"\n"
"A refreshing view of the heap, as slabtop(1): totals, the collector, then\n"
"the size classes sorted by bytes in use.  -d seconds between refreshes\n"
"(default 2), -n stop after ITER screens (default: until interrupted).\n"
"The screen is cleared only when standard output is a terminal; -j prints\n"
"one JSON object per refresh (JSON Lines).\n";

static void top_json(const struct snap *s)
{
	const struct pymm_alloc_stats *a = &s->ab.a;
	struct json j = { 0 };
	int i;

	json_obj_open(&j, NULL);
	json_string(&j, "heap", heap_name());
	json_u64(&j, "objects", s->h.objects);
	json_u64(&j, "bytes_held", a->bytes_held);
	json_u64(&j, "quota", a->quota);
	json_u64(&j, "arenas", a->arenas_current);
	json_u64(&j, "blocks", a->blocks_allocated);
	json_u64(&j, "mallocs", a->mallocs);
	json_u64(&j, "frees", a->frees);
	json_u64(&j, "quota_refusals", a->quota_refusals);
	json_arr_open(&j, "classes");
	for (i = 0; i < NCLASSES; i++) {
		const struct pymm_class_stats *k = &s->ab.cls[i];

		if (!k->pools)
			continue;
		json_obj_open(&j, NULL);
		json_u64(&j, "class", k->index);
		json_u64(&j, "size", k->block_size);
		json_u64(&j, "pools", k->pools);
		json_u64(&j, "blocks_in_use", k->blocks_in_use);
		json_u64(&j, "blocks_free", k->blocks_free);
		json_u64(&j, "bytes", k->blocks_in_use * k->block_size);
		json_obj_close(&j);
	}
	json_arr_close(&j);
	if (s->have_gc) {
		json_arr_open(&j, "gc");
		for (i = 0; i < 3; i++) {
			json_obj_open(&j, NULL);
			json_u64(&j, "collections", s->gc[i].collections);
			json_u64(&j, "collected", s->gc[i].collected);
			json_u64(&j, "count", s->gc[i].count);
			json_u64(&j, "threshold", s->gc[i].threshold);
			json_u64(&j, "pause_last_ns", s->gc[i].pause_last_ns);
			json_obj_close(&j);
		}
		json_arr_close(&j);
	}
	json_obj_close(&j);
	json_end(&j);
}

static void top_text(const struct snap *s, unsigned int iter, double secs)
{
	const struct pymm_alloc_stats *a = &s->ab.a;
	int order[NCLASSES], n = 0, i, k;

	printf(" pymm top - heap %s - refresh %d: every %.1f s\n", heap_name(), iter, secs);
	printf(" Objects: %" PRIu64 "   Blocks: %" PRIu64 " small, %" PRIu64 " large"
	       "   Arenas: %" PRIu64 " (highwater %" PRIu64 ")\n",
	       (uint64_t)s->h.objects, (uint64_t)a->blocks_allocated, (uint64_t)a->large_blocks,
	       (uint64_t)a->arenas_current, (uint64_t)a->arenas_highwater);
	printf(" Held: %" PRIu64 " KiB   Quota: ", (uint64_t)a->bytes_held >> 10);
	if (a->quota)
		printf("%" PRIu64 " KiB (%.1f%%)", (uint64_t)a->quota >> 10,
		       100.0 * (double)a->bytes_held / (double)a->quota);
	else
		printf("none");
	printf("   Refusals: %" PRIu64 "   mallocs/frees: %" PRIu64 "/%" PRIu64 "\n",
	       (uint64_t)a->quota_refusals, (uint64_t)a->mallocs, (uint64_t)a->frees);
	if (s->have_gc)
		printf(" GC: collections %" PRIu64 "/%" PRIu64 "/%" PRIu64 "   collected %" PRIu64
		       "   gen0 count %" PRIu64 "/%" PRIu64 "   last pause %" PRIu64 " us\n",
		       (uint64_t)s->gc[0].collections, (uint64_t)s->gc[1].collections,
		       (uint64_t)s->gc[2].collections,
		       (uint64_t)(s->gc[0].collected + s->gc[1].collected + s->gc[2].collected),
		       (uint64_t)s->gc[0].count, (uint64_t)s->gc[0].threshold,
		       (uint64_t)s->gc[0].pause_last_ns / 1000);
	printf("\n%6s %6s %7s %10s %10s %5s %12s\n", "CLASS", "SIZE", "POOLS", "USED",
	       "FREE", "USE", "BYTES");
	for (i = 0; i < NCLASSES; i++)
		if (s->ab.cls[i].pools)
			order[n++] = i;
	/* by bytes in use, largest first (insertion sort: 32 entries) */
	for (i = 1; i < n; i++) {
		int v = order[i];
		uint64_t bv = s->ab.cls[v].blocks_in_use * s->ab.cls[v].block_size;

		for (k = i; k > 0; k--) {
			int u = order[k - 1];

			if (s->ab.cls[u].blocks_in_use * s->ab.cls[u].block_size >= bv)
				break;
			order[k] = u;
		}
		order[k] = v;
	}
	for (i = 0; i < n; i++) {
		const struct pymm_class_stats *c = &s->ab.cls[order[i]];
		uint64_t tot = c->blocks_in_use + c->blocks_free;

		printf("%6u %6u %7" PRIu64 " %10" PRIu64 " %10" PRIu64 " %4.0f%% %12" PRIu64 "\n",
		       c->index, c->block_size, (uint64_t)c->pools, (uint64_t)c->blocks_in_use,
		       (uint64_t)c->blocks_free,
		       tot ? 100.0 * (double)c->blocks_in_use / (double)tot : 0.0,
		       (uint64_t)(c->blocks_in_use * c->block_size));
	}
	if (a->large_blocks)
		printf("%6s %6s %7s %10" PRIu64 " %10s %5s %12" PRIu64 "\n", "large", ">512", "-",
		       (uint64_t)a->large_blocks, "-", "-", (uint64_t)a->large_bytes);
}

int cmd_top(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "delay", required_argument, NULL, 'd' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	double secs = 2.0;
	long iters = -1, it;
	struct pymm_conn *c;
	bool tty = isatty(1);
	int opt, rc = 0;
	char *end;

	optind = 0;	/* GNU getopt: full re-initialisation */
	while ((opt = getopt_long(argc, argv, "d:n:jh", lo, NULL)) != -1) {
		switch (opt) {
		case 'd':
			secs = strtod(optarg, &end);
			if (*end || !(secs >= 0.1 && secs <= 3600))
				usage_error("top: -d wants 0.1..3600 seconds");
			break;
		case 'n':
			iters = strtol(optarg, &end, 10);
			if (*end || iters < 1)
				usage_error("top: -n wants a positive count");
			break;
		case 'j': g_opts.json = true; break;
		case 'h': fputs(top_usage, stdout); return 0;
		default: fputs(top_usage, stderr); return 2;
		}
	}
	if (optind != argc)
		usage_error("top: unexpected argument '%s'", argv[optind]);
	if (open_attached(&c))
		return 1;
	for (it = 1; iters < 0 || it <= iters; it++) {
		struct snap s;

		rc = take_snap(c, &s);
		if (rc)
			break;
		if (g_opts.json) {
			top_json(&s);
		} else {
			if (tty)
				fputs("\033[H\033[2J", stdout);
			else if (it > 1)
				putchar('\n');
			top_text(&s, (unsigned int)it, secs);
		}
		fflush(stdout);
		if (iters >= 0 && it == iters)
			break;
		usleep((useconds_t)(secs * 1e6));
	}
	conn_close(c);
	return rc;
}

/* -------------------------------------------------------------- graph */

struct gnode {
	uint64_t id;
	uint64_t h;		/* our handle, 0 once expanded */
	uint32_t type;
	uint64_t refcnt;
	int depth;
	char label[96];		/* type and short repr, unescaped */
};

struct gedge {
	unsigned int from, to;
};

struct graph {
	struct gnode *n;
	unsigned int nn, max;
	struct gedge *e;
	unsigned int ne, ecap;
	unsigned int cut;	/* referents not drawn: --max reached */
};

/* a short repr, objgraph style: the value for scalars, the size for the rest */
static void short_repr(struct pymm_conn *c, uint64_t h, uint32_t type, char *out, size_t cap)
{
	char buf[64];
	struct pymm_op op;
	uint64_t v = 0;
	double d;
	size_t i;

	out[0] = 0;
	switch (type) {
	case PYMM_T_NONE:
		snprintf(out, cap, "None");
		return;
	case PYMM_T_BOOL:
	case PYMM_T_INT:
		if (!hop(c, PYMM_OP_READ, h, &v, NULL))
			snprintf(out, cap, type == PYMM_T_BOOL ? (v ? "True" : "False") :
				 "%" PRId64, (int64_t)v);
		return;
	case PYMM_T_FLOAT:
		if (!hop(c, PYMM_OP_READ, h, &v, NULL)) {
			memcpy(&d, &v, sizeof(d));
			snprintf(out, cap, "%g", d);
		}
		return;
	case PYMM_T_TUPLE:
	case PYMM_T_LIST:
	case PYMM_T_DICT:
	case PYMM_T_SET:
		if (!hop(c, PYMM_OP_LEN, h, &v, NULL))
			snprintf(out, cap, "%" PRIu64 " item%s", v, v == 1 ? "" : "s");
		return;
	case PYMM_T_WEAKREF:
		return;
	default:
		break;
	}
	/* str, bytes, class and function names, an instance's class */
	pymm_op_init(&op, PYMM_OP_READ);
	op.arg[0] = h;
	pymm_op_set_data(&op, buf, sizeof(buf) - 1);
	if (pymm_exec(c, &op) && !(op.out_flags & PYMM_OUTF_TRUNC))
		return;
	v = op.data_len < sizeof(buf) - 1 ? op.data_len : sizeof(buf) - 1;
	buf[v] = 0;
	for (i = 0; i < v; i++)
		if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
			buf[i] = '?';
	if (type == PYMM_T_STR || type == PYMM_T_BYTES)
		snprintf(out, cap, "%s'%.24s%s'", type == PYMM_T_BYTES ? "b" : "", buf,
			 strlen(buf) > 24 || (op.out_flags & PYMM_OUTF_TRUNC) ? "..." : "");
	else if (type == PYMM_T_INSTANCE)
		snprintf(out, cap, "%.40s object", buf);
	else
		snprintf(out, cap, "%.40s", buf);
}

/* adds the object behind handle h (consumed) or finds it; node index */
static int graph_add(struct pymm_conn *c, struct graph *g, uint64_t h, int depth,
		     unsigned int *idx)
{
	uint64_t id, type = 0, rc = 0;
	char repr[64];
	unsigned int i;
	int err;

	err = hop(c, PYMM_OP_ID, h, &id, NULL);
	if (!err)
		err = hop(c, PYMM_OP_TYPE, h, &type, NULL);
	if (!err)
		err = hop(c, PYMM_OP_REFCOUNT, h, &rc, NULL);
	if (err) {
		hclose(c, h);
		return err;
	}
	for (i = 0; i < g->nn; i++) {
		if (g->n[i].id == id) {
			hclose(c, h);
			*idx = i;
			return 0;
		}
	}
	if (g->nn == g->max) {
		hclose(c, h);
		g->cut++;
		return -ENOSPC;
	}
	short_repr(c, h, (uint32_t)type, repr, sizeof(repr));
	g->n[g->nn] = (struct gnode){
		.id = id, .h = h, .type = (uint32_t)type, .depth = depth,
		.refcnt = rc ? rc - 1 : 0,	/* less our own handle */
	};
	snprintf(g->n[g->nn].label, sizeof(g->n[g->nn].label), "%s%s%s", pymm_type_label((uint32_t)type),
		 repr[0] ? "\n" : "", repr);
	*idx = g->nn++;
	return 0;
}

static int graph_edge(struct graph *g, unsigned int from, unsigned int to)
{
	unsigned int i;

	for (i = 0; i < g->ne; i++)
		if (g->e[i].from == from && g->e[i].to == to)
			return 0;
	if (g->ne == g->ecap) {
		unsigned int cap = g->ecap ? 2 * g->ecap : 64;
		struct gedge *ne = realloc(g->e, cap * sizeof(*ne));

		if (!ne)
			return -ENOMEM;
		g->e = ne;
		g->ecap = cap;
	}
	g->e[g->ne++] = (struct gedge){ from, to };
	return 0;
}

/* the referents of node i as new handles (*hs malloc'd), via gc.get_referents */
static int referents(struct pymm_conn *c, uint64_t h, uint64_t **hs, unsigned int *n)
{
	uint32_t cap = 64 * sizeof(uint64_t);

	for (;;) {
		uint64_t *buf = malloc(cap);
		struct pymm_op op;
		int err;

		if (!buf)
			return -ENOMEM;
		pymm_op_init(&op, PYMM_OP_GC_GET_REFERENTS);
		op.arg[0] = h;
		pymm_op_set_data(&op, buf, cap);
		err = pymm_exec(c, &op);
		if (err == -ENOSPC && (op.out_flags & PYMM_OUTF_TRUNC) && op.data_len > cap) {
			free(buf);
			cap = op.data_len;
			continue;
		}
		if (err) {
			free(buf);
			return err;
		}
		*hs = buf;
		*n = (unsigned int)op.ret[0];
		return 0;
	}
}

/* breadth first from node 0: explicit queue (the node array), no recursion */
static int graph_walk(struct pymm_conn *c, struct graph *g, int max_depth)
{
	unsigned int q;

	for (q = 0; q < g->nn; q++) {
		struct gnode *nd = &g->n[q];
		uint64_t *hs = NULL, h = nd->h;
		unsigned int n = 0, i;
		int err = 0;

		nd->h = 0;
		if (nd->depth < max_depth)
			err = referents(c, h, &hs, &n);
		hclose(c, h);
		if (err)
			return fail_errno(err, "gc.get_referents() of a %s", pymm_type_label(g->n[q].type));
		for (i = 0; i < n; i++) {
			unsigned int to;

			err = graph_add(c, g, hs[i], g->n[q].depth + 1, &to);
			if (err == -ENOSPC)
				continue;
			if (!err)
				err = graph_edge(g, q, to);
			if (err) {
				for (i++; i < n; i++)
					hclose(c, hs[i]);
				free(hs);
				return fail_errno(err, "walking the graph");
			}
		}
		free(hs);
	}
	return 0;
}

static void dot_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else
			fputc(*s, f);
	}
}

/* objgraph's look: boxes, the start in a warm colour, depth fading to white */
static void graph_dot(FILE *f, const struct graph *g, const char *name, int max_depth)
{
	static const char *const fill[] = { "#ffcc66", "#ffe0a0", "#fff0d0", "#ffffff" };
	unsigned int i;

	fprintf(f, "digraph ObjectGraph {\n");
	fprintf(f, "  node [shape=\"box\", style=\"filled\", fontname=\"Helvetica\", fontsize=\"10\"];\n");
	fprintf(f, "  edge [color=\"#555555\"];\n");
	for (i = 0; i < g->nn; i++) {
		const struct gnode *nd = &g->n[i];
		int d = nd->depth < 3 ? nd->depth : 3;

		fprintf(f, "  o%" PRIu64 " [label=\"", nd->id);
		if (i == 0) {
			dot_escaped(f, name);
			fputs("\\n", f);
		}
		dot_escaped(f, nd->label);
		fprintf(f, "\\nrefcnt %" PRIu64 "\", fillcolor=\"%s\"];\n", nd->refcnt, fill[d]);
	}
	for (i = 0; i < g->ne; i++)
		fprintf(f, "  o%" PRIu64 " -> o%" PRIu64 ";\n", g->n[g->e[i].from].id,
			g->n[g->e[i].to].id);
	fprintf(f, "  // %u objects, %u references, depth %d, %u referents left out (--max)\n",
		g->nn, g->ne, max_depth, g->cut);
	fprintf(f, "}\n");
}

static void graph_json(const struct graph *g, const char *name)
{
	struct json j = { 0 };
	unsigned int i;

	json_obj_open(&j, NULL);
	json_string(&j, "name", name);
	json_arr_open(&j, "nodes");
	for (i = 0; i < g->nn; i++) {
		json_obj_open(&j, NULL);
		json_u64(&j, "id", g->n[i].id);
		json_string(&j, "type", pymm_type_label(g->n[i].type));
		json_string(&j, "label", g->n[i].label);
		json_u64(&j, "refcnt", g->n[i].refcnt);
		json_u64(&j, "depth", (uint64_t)g->n[i].depth);
		json_obj_close(&j);
	}
	json_arr_close(&j);
	json_arr_open(&j, "edges");
	for (i = 0; i < g->ne; i++) {
		json_arr_open(&j, NULL);
		json_u64(&j, NULL, g->n[g->e[i].from].id);
		json_u64(&j, NULL, g->n[g->e[i].to].id);
		json_arr_close(&j);
	}
	json_arr_close(&j);
	json_u64(&j, "left_out", g->cut);
	json_obj_close(&j);
	json_end(&j);
}

/* pipes the DOT text through `dot -T<fmt>`; 0 or 1 (message printed) */
static int graph_render(const struct graph *g, const char *name, int depth, const char *fmt,
			const char *out)
{
	int fd[2], status;
	pid_t pid;
	FILE *f;

	if (pipe(fd))
		return fail_errno(-errno, "pipe");
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return fail_errno(-errno, "fork");
	if (!pid) {
		char tfmt[16];

		dup2(fd[0], 0);
		close(fd[0]);
		close(fd[1]);
		snprintf(tfmt, sizeof(tfmt), "-T%s", fmt);
		if (out)
			execlp("dot", "dot", tfmt, "-o", out, (char *)NULL);
		else
			execlp("dot", "dot", tfmt, (char *)NULL);
		fprintf(stderr, "pymmctl: cannot run dot: %s (install graphviz, or use "
			"--format dot)\n", strerror(errno));
		_exit(127);
	}
	close(fd[0]);
	f = fdopen(fd[1], "w");
	if (!f) {
		close(fd[1]);
		waitpid(pid, &status, 0);
		return fail_errno(-errno, "fdopen");
	}
	graph_dot(f, g, name, depth);
	fclose(f);
	if (waitpid(pid, &status, 0) < 0)
		return fail_errno(-errno, "waiting for dot");
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 127)
			fprintf(stderr, "pymmctl: dot failed (status %d)\n",
				WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return 1;
	}
	return 0;
}

static const char *const graph_usage =
"usage: pymmctl [-H HEAP] [-j] graph NAME [--depth N] [--max N] [-o FILE]\n"
"                                   [--format dot|png|svg]\n"
"\n"
"The reference graph around the object bound to the global NAME, as\n"
"objgraph.show_refs() draws it: a box per object (type, a short repr, its\n"
"reference count not counting this tool), an arrow per reference\n"
"(gc.get_referents()), breadth first to --depth (default 3), at most --max\n"
"objects (default 50).  Writes Graphviz DOT to FILE or standard output;\n"
"--format png or svg (or a FILE ending in .png/.svg) runs dot(1) from\n"
"graphviz to render it.  -j: the nodes and edges as JSON.\n";

int cmd_graph(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "depth", required_argument, NULL, 'd' },
		{ "max", required_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *fmt = NULL, *name;
	struct graph g = { 0 };
	long depth = 3, max = 50;
	struct pymm_conn *c;
	struct pymm_op op;
	unsigned int root;
	int opt, rc, err;
	char *end;

	optind = 0;	/* GNU getopt: full re-initialisation */
	while ((opt = getopt_long(argc, argv, "d:m:o:f:jh", lo, NULL)) != -1) {
		switch (opt) {
		case 'd':
			depth = strtol(optarg, &end, 10);
			if (*end || depth < 0 || depth > 100)
				usage_error("graph: --depth wants 0..100");
			break;
		case 'm':
			max = strtol(optarg, &end, 10);
			if (*end || max < 1 || max > 100000)
				usage_error("graph: --max wants 1..100000");
			break;
		case 'o': out = optarg; break;
		case 'f': fmt = optarg; break;
		case 'j': g_opts.json = true; break;
		case 'h': fputs(graph_usage, stdout); return 0;
		default: fputs(graph_usage, stderr); return 2;
		}
	}
	if (optind != argc - 1)
		usage_error("graph: one NAME, a global of the heap");
	name = argv[optind];
	if (!fmt && out) {
		const char *dot = strrchr(out, '.');

		fmt = dot && (!strcmp(dot, ".png") || !strcmp(dot, ".svg")) ? dot + 1 : "dot";
	}
	if (!fmt)
		fmt = "dot";
	if (strcmp(fmt, "dot") && strcmp(fmt, "png") && strcmp(fmt, "svg"))
		usage_error("graph: --format is dot, png or svg");
	g.max = (unsigned int)max;
	g.n = calloc(g.max, sizeof(*g.n));
	if (!g.n)
		return fail_errno(-ENOMEM, "graph");
	if (open_attached(&c)) {
		free(g.n);
		return 1;
	}
	pymm_op_init(&op, PYMM_OP_NAME_LOOKUP);
	pymm_op_set_data(&op, name, strlen(name));
	err = pymm_exec(c, &op);
	if (err) {
		if (op.exc == PYMM_EXC_NAME_ERROR) {
			fprintf(stderr, "pymmctl: NameError: name '%s' is not defined in heap '%s'\n",
				name, heap_name());
			rc = 1;
		} else {
			rc = fail_errno(err, "global '%s' in heap '%s'", name, heap_name());
		}
		goto out;
	}
	err = graph_add(c, &g, op.ret[0], 0, &root);
	rc = err ? fail_errno(err, "'%s'", name) : graph_walk(c, &g, (int)depth);
	if (rc)
		goto out;
	if (g_opts.json) {
		graph_json(&g, name);
	} else if (!strcmp(fmt, "dot")) {
		FILE *f = out ? fopen(out, "w") : stdout;

		if (!f) {
			rc = fail_errno(-errno, "%s", out);
			goto out;
		}
		graph_dot(f, &g, name, (int)depth);
		if (f != stdout && fclose(f))
			rc = fail_errno(-errno, "%s", out);
	} else {
		rc = graph_render(&g, name, (int)depth, fmt, out);
	}
out:
	for (root = 0; root < g.nn; root++)
		if (g.n[root].h)
			hclose(c, g.n[root].h);
	conn_close(c);
	free(g.n);
	free(g.e);
	return rc;
}

/* -------------------------------------------------------------- areas */

/*
 * The stack of *other* sessions is not reachable through operations (a
 * client sees its own frames only), so it comes from the kernel's
 * /proc/pymm/areas, which the core produces under the heap lock (or, if an
 * operation holds the heap, a "busy:" line instead).
 */
static void areas_stack_from_proc(void)
{
	char want[PYMM_HEAP_NAME_MAX + 8], line[512];
	bool in = false, stack = false, any = false;
	FILE *f;

	if (g_opts.local || !(f = fopen("/proc/pymm/areas", "r"))) {
		printf("  (the frames of attached clients are in /proc/pymm/areas, kernel only)\n");
		return;
	}
	snprintf(want, sizeof(want), "heap %s ", heap_name());
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "heap ", 5)) {
			in = !strncmp(line, want, strlen(want));
			stack = false;
			continue;
		}
		if (!in)
			continue;
		if (!strncmp(line, "busy:", 5)) {	/* docs/proc.md: an op holds the heap */
			printf("  (an operation holds the heap now: its frames are not shown)\n");
			any = true;
			continue;
		}
		if (!strcmp(line, "stack:\n")) {
			stack = true;
			continue;
		}
		if (!strncmp(line, "variables:", 10))
			stack = false;
		if (stack) {
			fputs(line, stdout);
			any = true;
		}
	}
	fclose(f);
	if (!any)
		printf("  (no client has a frame: nothing is running)\n");
}

struct gname {
	char name[PYMM_NAME_MAX];
	uint32_t type;
	uint64_t refcnt, id;
};

static const char *const areas_usage =
"usage: pymmctl [-H HEAP] [-j] areas\n"
"\n"
"The heap's memory laid out as the notes draw it: the stack (frames of the\n"
"attached clients and their locals, from /proc/pymm/areas), the variable\n"
"area (every global name -> the type, reference count and id() of the\n"
"object it is bound to), and the heap (objects by type).  Reference counts\n"
"do not count this tool's own handle.\n";

/*
 * A global's name as the terminal may see it: any str can be a namespace key
 * (the globals dict is reachable through gc.get_referrers()), and with
 * --other-owner the heap is another user's.  C0 controls, DEL and the UTF-8
 * encodings of C1 controls (U+0080..U+009F, which some terminals obey)
 * become '?', as /proc/pymm/areas shows them.
 */
static void shown_name(char *s)
{
	unsigned char *u = (unsigned char *)s;

	for (; *u; u++) {
		if (*u < 0x20 || *u == 0x7f) {
			*u = '?';
		} else if (*u == 0xc2 && u[1] >= 0x80 && u[1] <= 0x9f) {
			u[0] = '?';
			u[1] = '?';
			u++;
		}
	}
}

int cmd_areas(int argc, char **argv)
{
	struct gname *names = NULL;
	unsigned int n = 0, i;
	uint32_t cap = 4096;
	struct pymm_conn *c;
	char *buf = NULL;
	struct pymm_op op;
	struct snap s;
	int rc = 0, err;

	for (i = 1; i < (unsigned int)argc; i++) {
		if (is_help_opt(argv[i])) {
			fputs(areas_usage, stdout);
			return 0;
		}
		if (!is_json_opt(argv[i]))
			usage_error("areas: unknown argument '%s'", argv[i]);
	}
	if (open_attached(&c))
		return 1;
	for (;;) {
		buf = malloc(cap);
		if (!buf) {
			rc = fail_errno(-ENOMEM, "areas");
			goto out;
		}
		pymm_op_init(&op, PYMM_OP_NAME_LIST);
		pymm_op_set_data(&op, buf, cap);
		err = pymm_exec(c, &op);
		if (err == -ENOSPC && op.data_len > cap) {
			cap = op.data_len;
			free(buf);
			continue;
		}
		if (err) {
			rc = fail_errno(err, "listing globals");
			goto out;
		}
		break;
	}
	names = calloc(op.ret[0] ? op.ret[0] : 1, sizeof(*names));
	if (!names) {
		rc = fail_errno(-ENOMEM, "areas");
		goto out;
	}
	{
		const char *p = buf, *endp = buf + op.data_len;

		for (; p < endp && n < op.ret[0]; p += strlen(p) + 1, n++) {
			struct pymm_op lk;
			uint64_t h, t = 0, r = 0, id = 0;

			snprintf(names[n].name, sizeof(names[n].name), "%s", p);
			shown_name(names[n].name);
			pymm_op_init(&lk, PYMM_OP_NAME_LOOKUP);
			pymm_op_set_data(&lk, p, strlen(p));
			if (pymm_exec(c, &lk))
				continue;	/* deleted meanwhile by another client */
			h = lk.ret[0];
			hop(c, PYMM_OP_TYPE, h, &t, NULL);
			hop(c, PYMM_OP_REFCOUNT, h, &r, NULL);
			hop(c, PYMM_OP_ID, h, &id, NULL);
			hclose(c, h);
			names[n].type = (uint32_t)t;
			names[n].refcnt = r ? r - 1 : 0;
			names[n].id = id;
		}
	}
	rc = take_snap(c, &s);
	if (rc)
		goto out;
	if (g_opts.json) {
		struct json j = { 0 };

		json_obj_open(&j, NULL);
		json_string(&j, "heap", heap_name());
		json_arr_open(&j, "globals");
		for (i = 0; i < n; i++) {
			json_obj_open(&j, NULL);
			json_string(&j, "name", names[i].name);
			json_string(&j, "type", pymm_type_label(names[i].type));
			json_u64(&j, "refcnt", names[i].refcnt);
			json_u64(&j, "id", names[i].id);
			json_obj_close(&j);
		}
		json_arr_close(&j);
		json_obj_open(&j, "heap_objects");
		json_u64(&j, "total", s.h.objects);
		for (i = 1; i < PYMM_T_MAX; i++)
			if (s.h.objects_by_type[i])
				json_u64(&j, pymm_type_label(i), s.h.objects_by_type[i]);
		json_obj_close(&j);
		json_obj_close(&j);
		json_end(&j);
		goto out;
	}
	printf("heap %s\n", heap_name());
	printf("stack:\n");
	areas_stack_from_proc();
	printf("variables: %u globals\n", n);
	for (i = 0; i < n; i++)
		printf("  %-16s -> %-10s refcnt %-6" PRIu64 " id %" PRIu64 "\n", names[i].name,
		       pymm_type_label(names[i].type), names[i].refcnt, names[i].id);
	printf("heap: %" PRIu64 " objects\n", (uint64_t)s.h.objects);
	for (i = 1; i < PYMM_T_MAX; i++)
		if (s.h.objects_by_type[i])
			printf("  %-16s %10" PRIu64 " objects\n", pymm_type_label(i),
			       (uint64_t)s.h.objects_by_type[i]);
out:
	free(names);
	free(buf);
	conn_close(c);
	return rc;
}
