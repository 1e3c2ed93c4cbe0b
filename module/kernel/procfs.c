// SPDX-License-Identifier: GPL-2.0
/*
 * procfs.c - /proc/pymm/: read-only text views of the core's statistics.
 *
 *   summary      module-wide figures and the parameters in force
 *   heaps        one row per heap
 *   users        one row per user account: what each uid holds (user_quota)
 *   mallocstats  per heap, laid out like CPython's sys._debugmallocstats()
 *   arenas       per heap, one line per arena with a map of its pools
 *   gc           per heap, the collector's per-generation figures
 *   objects      per heap, live objects counted by type (as /proc/slabinfo)
 *   areas        per heap, the notes' memory areas: the stack (frames of
 *                each attached client and their locals), the variable area
 *                (globals) and the heap (objects by type)
 *
 * Every figure comes from a core snapshot (pymm_global_stats(),
 * pymm_visit_heaps()): this file formats, it never counts, so /proc, the
 * tool and netlink cannot disagree.  The formats are ABI and documented in
 * docs/proc.md.  No kernel address is printed anywhere.
 *
 * Who sees what: a reader sees the heaps its credentials own, every heap if
 * it has CAP_SYS_ADMIN.  The credentials are those of the file's opener
 * (f_cred), so handing an open file to another process neither widens nor
 * narrows the view, as with any other file.
 *
 * Each file is one seq_file record (single_open): a heap's section is
 * printed with that heap's lock held (inside the core's callback), so it is
 * a consistent snapshot of that heap.  If the output outgrows the buffer,
 * seq_file retries the whole show with a bigger one.
 *
 * No read waits for a heap: these files are world-readable, and a user's
 * operation may hold its heap for long.  summary and heaps show the
 * figures each heap published at its last unlock; the per-heap files show
 * a heap whose lock is held as "busy" (pymm_seq_busy()) instead of waiting
 * for it.  Opening /dev/pymm takes no core lock either (chardev.c).
 */

#define pr_fmt(fmt) "pymm: " fmt

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/math64.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uidgid.h>

#include "pymm_kernel.h"

static struct proc_dir_entry *pymm_proc_dir;

struct pymm_reader {
	u32 uid;
	bool admin;
};

static void pymm_reader_get(struct seq_file *m, struct pymm_reader *r)
{
	r->uid = from_kuid(&init_user_ns, m->file->f_cred->fsuid);
	r->admin = file_ns_capable(m->file, &init_user_ns, CAP_SYS_ADMIN);
}

/* Tells the core to stop iterating once the output no longer fits. */
static int pymm_seq_status(struct seq_file *m)
{
	return seq_has_overflowed(m) ? -EOVERFLOW : 0;
}

/* Heap names come from users: show only printable ASCII without spaces. */
static void pymm_seq_name(struct seq_file *m, const char *fmt,
			  const struct pymm_heap_info *info)
{
	char name[PYMM_HEAP_NAME_MAX];
	size_t i;

	for (i = 0; i < sizeof(name) - 1 && info->name[i]; i++) {
		char c = info->name[i];

		name[i] = c > ' ' && c <= '~' ? c : '?';
	}
	name[i] = '\0';
	seq_printf(m, fmt, name);
}

static void pymm_seq_heap_title(struct seq_file *m, const struct pymm_heap_view *v)
{
	pymm_seq_name(m, "heap %s", v->info);
	seq_printf(m, " (owner uid %u)\n", v->info->owner_uid);
}

/*
 * A heap an operation holds: its section says so, with the figures it
 * published before that operation (docs/proc.md).  Returns true if busy.
 */
static bool pymm_seq_busy(struct seq_file *m, const struct pymm_heap_view *v)
{
	if (!v->busy)
		return false;
	seq_printf(m, "busy: an operation is running; before it: %llu objects, %llu bytes held\n\n",
		   v->info->objects, v->info->bytes_held);
	return true;
}

/*
 * CPython's printone(): the label padded to 35 columns, '=', then the value
 * with thousands separators right-aligned in 21 columns.
 */
static void pymm_seq_one(struct seq_file *m, const char *label, u64 value)
{
	char digits[32];
	int i = sizeof(digits) - 1;
	int k = 0;

	digits[i] = '\0';
	do {
		if (k && k % 3 == 0)
			digits[--i] = ',';
		digits[--i] = '0' + value % 10;
		value /= 10;
		k++;
	} while (value);
	seq_printf(m, "%-35s=%21s\n", label, &digits[i]);
}

/* ---- summary */

static int pymm_summary_show(struct seq_file *m, void *unused)
{
	struct pymm_global_stats gs;
	struct pymm_plat_stats ps;

	pymm_global_stats(&gs);
	pymm_plat_get_stats(&ps);

	seq_printf(m, "%-20s%s\n", "version", PYMM_MODULE_VERSION);
	seq_printf(m, "%-20s%d\n", "abi", PYMM_ABI_VERSION);
	seq_printf(m, "%-20s%llu\n", "heaps", gs.heaps);
	seq_printf(m, "%-20s%llu\n", "clients", gs.clients);
	seq_printf(m, "%-20s%llu\n", "objects", gs.objects);
	seq_printf(m, "%-20s%llu\n", "arenas", gs.arenas);
	seq_printf(m, "%-20s%llu\n", "bytes_held", gs.bytes_held);
	seq_printf(m, "%-20s%llu\n", "bytes_peak", ps.peak);
	seq_printf(m, "%-20s%llu\n", "mem_limit", ps.limit);
	seq_printf(m, "%-20s%llu\n", "limit_refusals", ps.refusals);
	seq_printf(m, "%-20s%llu\n", "arenas_shrunk", pymm_spares_shrunk());
	seq_printf(m, "%-20s%u\n", "arena_size", 1u << pymm_kparams.arena_shift);
	seq_printf(m, "%-20s%u\n", "pool_size", 1u << pymm_kparams.pool_shift);
	seq_printf(m, "%-20s%llu\n", "heap_quota", pymm_kparams.heap_quota);
	seq_printf(m, "%-20s%llu\n", "user_quota", pymm_kparams.user_quota);
	seq_printf(m, "%-20s%u\n", "max_heaps_per_user", pymm_kparams.max_heaps_per_user);
	seq_printf(m, "%-20s%u\n", "max_frame_depth", pymm_kparams.max_frame_depth);
	seq_printf(m, "%-20s%u\n", "max_handles", pymm_kparams.max_handles);
	seq_printf(m, "%-20s%#x\n", "gc_debug", pymm_kparams.gc_debug);
	seq_printf(m, "%-20s%d\n", "fail_nth", ps.fail_nth);
	return 0;
}

/* ---- heaps */

static int pymm_heaps_row(const struct pymm_heap_view *v, void *arg)
{
	struct seq_file *m = arg;
	const struct pymm_heap_info *h = v->info;

	pymm_seq_name(m, "%-31s", h);
	seq_printf(m, " %10u %7u %12llu %12llu %10llu\n", h->owner_uid,
		   h->clients, h->quota, h->bytes_held, h->objects);
	return pymm_seq_status(m);
}

static int pymm_heaps_show(struct seq_file *m, void *unused)
{
	struct pymm_reader r;

	pymm_reader_get(m, &r);
	seq_printf(m, "%-31s %10s %7s %12s %12s %10s\n", "name", "uid",
		   "clients", "quota", "bytes_held", "objects");
	/* the published rows: no heap's lock, not even a 100 ms look (docs/proc.md) */
	pymm_visit_heap_rows(r.uid, r.admin, pymm_heaps_row, m);
	return 0;
}

/* ---- users */

static int pymm_users_row(const struct pymm_acct_info *a, void *arg)
{
	struct seq_file *m = arg;

	seq_printf(m, "%10u %5u %7u %12llu %12llu %12llu\n", a->uid, a->heaps,
		   a->clients, a->held, a->client_held, a->quota);
	return pymm_seq_status(m);
}

static int pymm_users_show(struct seq_file *m, void *unused)
{
	struct pymm_reader r;

	pymm_reader_get(m, &r);
	seq_printf(m, "%10s %5s %7s %12s %12s %12s\n", "uid", "heaps", "clients",
		   "held", "client_held", "quota");
	pymm_visit_accts(r.uid, r.admin, pymm_users_row, m);
	return 0;
}

/* ---- mallocstats */

/*
 * The object-specific allocators, as _PyObject_DebugTypeStats() prints
 * them: "N free PyFloatObjects * S bytes each" right-aligned in 48 columns,
 * then printone()'s '=' and value (CPython 3.11's order: dict, float, list,
 * tuples by size; the keys line is pymm's).  Then pymm's totals.
 */
static void pymm_seq_freelists(struct seq_file *m, const struct pymm_freelist_stats *fl)
{
	static const char *const names[] = {
		[PYMM_FL_DICT] = "free PyDictObject",
		[PYMM_FL_DICT_KEYS] = "free PyDictKeysObject",
		[PYMM_FL_FLOAT] = "free PyFloatObject",
		[PYMM_FL_LIST] = "free PyListObject",
	};
	char name[48], line[128], label[64];
	u32 k;

	for (k = 0; k < fl->nlists && k < PYMM_FL_MAX; k++) {
		const struct pymm_freelist_info *li = &fl->lists[k];

		if (k >= PYMM_FL_TUPLE)
			snprintf(name, sizeof(name), "free %u-sized PyTupleObject",
				 k - PYMM_FL_TUPLE + 1);
		else
			strscpy(name, names[k], sizeof(name));
		snprintf(line, sizeof(line), "%llu %ss * %u bytes each", li->count, name,
			 li->block_size);
		snprintf(label, sizeof(label), "%48s ", line);
		pymm_seq_one(m, label, li->count * li->block_size);
	}
	pymm_seq_one(m, "# bytes kept by free lists", fl->bytes);
	pymm_seq_one(m, "# free list reuses", fl->reuses);
	pymm_seq_one(m, "# free list saves", fl->saves);
	pymm_seq_one(m, "# free list blocks cleared by gc", fl->cleared);
	pymm_seq_one(m, "# free list blocks shrunk", fl->shrunk);
	seq_putc(m, '\n');
}

static int pymm_mallocstats_heap(const struct pymm_heap_view *v, void *arg)
{
	const struct pymm_alloc_stats *a = v->alloc;
	struct seq_file *m = arg;
	char label[64];
	u64 total;
	u32 i;

	pymm_seq_heap_title(m, v);
	if (pymm_seq_busy(m, v))
		return pymm_seq_status(m);
	seq_printf(m, "\nSmall block threshold = %u, in %u size classes.\n\n",
		   a->small_threshold, a->size_classes);
	seq_puts(m, "class   size   num pools   blocks in use  avail blocks\n"
		    "-----   ----   ---------   -------------  ------------\n");
	for (i = 0; i < a->size_classes && i < PYMM_NB_SIZE_CLASSES; i++) {
		const struct pymm_class_stats *c = &v->classes[i];

		if (!c->pools)
			continue;
		seq_printf(m, "%5u %6u %11llu %15llu %13llu\n", c->index,
			   c->block_size, c->pools, c->blocks_in_use,
			   c->blocks_free);
	}
	seq_putc(m, '\n');
	pymm_seq_one(m, "# arenas allocated total", a->arenas_allocated);
	pymm_seq_one(m, "# arenas reclaimed", a->arenas_reclaimed);
	pymm_seq_one(m, "# arenas highwater mark", a->arenas_highwater);
	pymm_seq_one(m, "# arenas allocated current", a->arenas_current);
	snprintf(label, sizeof(label), "%llu arenas * %u bytes/arena",
		 a->arenas_current, a->arena_size);
	pymm_seq_one(m, label, a->arenas_current * a->arena_size);
	seq_putc(m, '\n');

	/* The budget lines; their sum, "Total", equals the line above. */
	total = a->bytes_in_use + a->bytes_free_blocks + a->bytes_unused_pools +
		a->bytes_pool_headers + a->bytes_quantization +
		a->bytes_arena_alignment;
	pymm_seq_one(m, "# bytes in allocated blocks", a->bytes_in_use);
	pymm_seq_one(m, "# bytes in available blocks", a->bytes_free_blocks);
	snprintf(label, sizeof(label), "%llu unused pools * %u bytes",
		 a->pool_size ? a->bytes_unused_pools / a->pool_size : 0,
		 a->pool_size);
	pymm_seq_one(m, label, a->bytes_unused_pools);
	pymm_seq_one(m, "# bytes lost to pool headers", a->bytes_pool_headers);
	pymm_seq_one(m, "# bytes lost to quantization", a->bytes_quantization);
	pymm_seq_one(m, "# bytes lost to arena alignment", a->bytes_arena_alignment);
	pymm_seq_one(m, "Total", total);
	seq_putc(m, '\n');

	pymm_seq_one(m, "# small blocks in use", a->blocks_allocated);
	pymm_seq_one(m, "# large blocks", a->large_blocks);
	pymm_seq_one(m, "# bytes in large blocks", a->large_bytes);
	pymm_seq_one(m, "# mallocs total", a->mallocs);
	pymm_seq_one(m, "# frees total", a->frees);
	pymm_seq_one(m, "# bytes in allocator metadata", a->bytes_metadata);
	pymm_seq_one(m, "# bytes held (charged to quota)", a->bytes_held);
	pymm_seq_one(m, "# heap quota (0 = none)", a->quota);
	pymm_seq_one(m, "# quota refusals", a->quota_refusals);
	pymm_seq_one(m, "# bad frees refused", a->bad_frees);
	seq_putc(m, '\n');
	pymm_seq_freelists(m, v->freelists);
	return pymm_seq_status(m);
}

static int pymm_mallocstats_show(struct seq_file *m, void *unused)
{
	struct pymm_reader r;

	pymm_reader_get(m, &r);
	pymm_visit_heaps(r.uid, r.admin, pymm_mallocstats_heap, m);
	return 0;
}

/* ---- arenas */

static char pymm_pool_char(u8 cls)
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuv";

	if (cls < sizeof(digits) - 1)
		return digits[cls];
	if (cls == 0xff)
		return '.';
	if (cls == 0xfe)
		return '#';
	return '?';
}

static int pymm_arenas_heap(const struct pymm_heap_view *v, void *arg)
{
	const struct pymm_alloc_stats *a = v->alloc;
	struct seq_file *m = arg;
	struct pymm_arena_info ai;
	char map[ARRAY_SIZE(ai.pool_class) + 1];
	u64 idx;

	pymm_seq_heap_title(m, v);
	if (pymm_seq_busy(m, v))
		return pymm_seq_status(m);
	seq_printf(m, "%llu arenas of %u KiB, pools of %u KiB\n",
		   a->arenas_current, a->arena_size >> 10, a->pool_size >> 10);
	seq_printf(m, "%8s %5s %5s  %s\n", "serial", "pools", "free", "map");
	for (idx = 0; idx < a->arenas_current; idx++) {
		u32 i;

		if (pymm_heap_view_arena(v, idx, &ai))
			break;
		/* Every slot, the unusable ones too: slot i is pool i of the ID. */
		for (i = 0; i < ARRAY_SIZE(ai.pool_class); i++)
			map[i] = pymm_pool_char(ai.pool_class[i]);
		map[i] = '\0';
		seq_printf(m, "%8u %5u %5u  %s\n", ai.serial, ai.pools_total,
			   ai.pools_free, map);
		if (seq_has_overflowed(m))
			break;
	}
	seq_putc(m, '\n');
	return pymm_seq_status(m);
}

static int pymm_arenas_show(struct seq_file *m, void *unused)
{
	struct pymm_reader r;

	pymm_reader_get(m, &r);
	pymm_visit_heaps(r.uid, r.admin, pymm_arenas_heap, m);
	return 0;
}

/* ---- gc */

static int pymm_gc_heap(const struct pymm_heap_view *v, void *arg)
{
	struct seq_file *m = arg;
	int gen;

	pymm_seq_heap_title(m, v);
	if (pymm_seq_busy(m, v))
		return pymm_seq_status(m);
	seq_printf(m, "%3s %11s %11s %13s %9s %9s %9s %13s %13s %15s\n",
		   "gen", "collections", "collected", "uncollectable", "count",
		   "threshold", "objects", "pause_last_ns", "pause_max_ns",
		   "pause_total_ns");
	for (gen = 0; gen < 3; gen++) {
		const struct pymm_gc_gen_stats *g = &v->gc[gen];

		seq_printf(m, "%3d %11llu %11llu %13llu %9llu %9llu %9llu %13llu %13llu %15llu\n",
			   gen, g->collections, g->collected, g->uncollectable,
			   g->count, g->threshold, g->objects, g->pause_last_ns,
			   g->pause_max_ns, g->pause_total_ns);
	}
	seq_putc(m, '\n');
	return pymm_seq_status(m);
}

static int pymm_gc_show(struct seq_file *m, void *unused)
{
	struct pymm_reader r;

	pymm_reader_get(m, &r);
	pymm_visit_heaps(r.uid, r.admin, pymm_gc_heap, m);
	return 0;
}

/* ---- objects */

/* Python's names for the uapi type codes (type(x).__name__) */
static const char *const pymm_type_names[PYMM_T_MAX] = {
	[PYMM_T_NONE] = "NoneType", [PYMM_T_BOOL] = "bool", [PYMM_T_INT] = "int",
	[PYMM_T_FLOAT] = "float", [PYMM_T_STR] = "str", [PYMM_T_BYTES] = "bytes",
	[PYMM_T_TUPLE] = "tuple", [PYMM_T_LIST] = "list", [PYMM_T_DICT] = "dict",
	[PYMM_T_CLASS] = "type", [PYMM_T_INSTANCE] = "instance",
	[PYMM_T_WEAKREF] = "weakref", [PYMM_T_FUNCTION] = "function",
	[PYMM_T_GETSET] = "getset_descriptor", [PYMM_T_METHOD] = "method", [PYMM_T_CODE] = "code",
	[PYMM_T_CELL] = "cell",
	[PYMM_T_ITER] = "iterator",
	[PYMM_T_DESCR] = "descriptor",
};

static const char *pymm_type_name(u32 t)
{
	return t < PYMM_T_MAX && pymm_type_names[t] ? pymm_type_names[t] : "?";
}

static int pymm_objects_heap(const struct pymm_heap_view *v, void *arg)
{
	const u64 *count = v->heap->objects_by_type;
	struct seq_file *m = arg;
	u64 nobj = 0, nbytes = 0;
	u32 t;

	pymm_seq_heap_title(m, v);
	if (pymm_seq_busy(m, v))
		return pymm_seq_status(m);
	seq_printf(m, "%-12s %10s %12s %8s\n", "type", "objects", "bytes", "objsize");
	/* every type, the empty ones too: a row never comes and goes */
	for (t = 1; t < PYMM_T_MAX && t < ARRAY_SIZE(v->heap->objects_by_type); t++) {
		u64 b = v->bytes_by_type[t];

		seq_printf(m, "%-12s %10llu %12llu %8llu\n", pymm_type_name(t), count[t], b,
			   count[t] ? div64_u64(b, count[t]) : 0);
		nobj += count[t];
		nbytes += b;
	}
	seq_printf(m, "%-12s %10llu %12llu %8llu\n\n", "total", nobj, nbytes,
		   nobj ? div64_u64(nbytes, nobj) : 0);
	return pymm_seq_status(m);
}

static int pymm_objects_show(struct seq_file *m, void *unused)
{
	struct pymm_reader r;

	pymm_reader_get(m, &r);
	pymm_visit_heaps(r.uid, r.admin, pymm_objects_heap, m);
	return 0;
}

/* ---- areas */

/*
 * Bounds on one heap's section: the innermost frames, the first names, the
 * first bytes of a name, and the bytes of the stack and variables rows.  A
 * namespace key may be any str (the dicts are reachable through
 * gc.get_referrers()), up to PYMM_DATA_MAX bytes, and the same keys may sit
 * in every frame of every client: without the last two bounds a user's
 * few MiB made every reader's seq_file buffer grow to hundreds of MiB of
 * kernel memory charged to nobody's quota (issue #12).
 */
#define PYMM_AREAS_MAX_FRAMES	16
#define PYMM_AREAS_MAX_NAMES	64
#define PYMM_AREAS_NAME_SHOWN	64
#define PYMM_AREAS_STACK_MAX	(64u << 10)

struct pymm_areas_walk {
	struct seq_file *m;
	size_t start;		/* m->count after the "stack:" row */
	bool capped;		/* stopped at PYMM_AREAS_STACK_MAX */
};

/*
 * An identifier from the heap: printable ASCII as is, other bytes as '?',
 * at most PYMM_AREAS_NAME_SHOWN of them, then "..." if it is longer.
 */
static void pymm_seq_ident(struct seq_file *m, const char *s, u32 len, int width)
{
	u32 i, n = min_t(u32, len, PYMM_AREAS_NAME_SHOWN);

	for (i = 0; i < n; i++)
		seq_putc(m, s[i] > ' ' && s[i] <= '~' ? s[i] : '?');
	if (n < len) {
		seq_puts(m, "...");
		i += 3;
	}
	for (; (int)i < width; i++)
		seq_putc(m, ' ');
}

static int pymm_areas_entry(const struct pymm_area_entry *e, void *arg)
{
	struct pymm_areas_walk *w = arg;
	struct seq_file *m = w->m;

	if (m->count - w->start >= PYMM_AREAS_STACK_MAX) {
		w->capped = true;
		return -E2BIG;
	}
	switch (e->kind) {
	case PYMM_AREA_CLIENT:
		seq_printf(m, "  client %u (uid %llu): %u frames, %llu handles\n",
			   e->client, e->id, e->count, e->refcnt);
		break;
	case PYMM_AREA_MORE_FRAMES:
		seq_printf(m, "    ... %u more frames\n", e->count);
		break;
	case PYMM_AREA_FRAME:
		seq_printf(m, "    frame %u ", e->depth);
		pymm_seq_ident(m, e->name, e->name_len, 0);
		seq_printf(m, ": %u locals\n", e->count);
		break;
	case PYMM_AREA_GLOBALS:
		seq_printf(m, "variables: %u globals\n", e->count);
		break;
	case PYMM_AREA_LOCAL:
	case PYMM_AREA_GLOBAL:
		seq_puts(m, e->kind == PYMM_AREA_LOCAL ? "      " : "  ");
		pymm_seq_ident(m, e->name, e->name_len, 16);
		seq_printf(m, " -> %-10s refcnt %-6llu id %llu\n", pymm_type_name(e->type),
			   e->refcnt, e->id);
		break;
	case PYMM_AREA_MORE_NAMES:
		seq_printf(m, "%s... %u more names\n",
			   e->type == PYMM_AREA_LOCAL ? "      " : "  ", e->count);
		break;
	}
	return pymm_seq_status(m);
}

static int pymm_areas_heap(const struct pymm_heap_view *v, void *arg)
{
	const u64 *count = v->heap->objects_by_type;
	struct seq_file *m = arg;
	struct pymm_areas_walk w = { .m = m };
	u64 nbytes = 0;
	int err;
	u32 t;

	pymm_seq_heap_title(m, v);
	if (pymm_seq_busy(m, v))
		return pymm_seq_status(m);
	seq_puts(m, "stack:\n");
	w.start = m->count;
	err = pymm_heap_view_areas(v, PYMM_AREAS_MAX_FRAMES, PYMM_AREAS_MAX_NAMES,
				   pymm_areas_entry, &w);
	if (err == -E2BIG && w.capped)
		seq_printf(m, "... more not shown: the listing stops at %u bytes\n",
			   PYMM_AREAS_STACK_MAX);
	else if (err)
		return err;
	for (t = 1; t < PYMM_T_MAX; t++)
		nbytes += v->bytes_by_type[t];
	seq_printf(m, "heap: %llu objects, %llu bytes\n", v->heap->objects, nbytes);
	for (t = 1; t < PYMM_T_MAX && t < ARRAY_SIZE(v->heap->objects_by_type); t++)
		if (count[t])
			seq_printf(m, "  %-16s %10llu objects %12llu bytes\n",
				   pymm_type_name(t), count[t], v->bytes_by_type[t]);
	seq_putc(m, '\n');
	return pymm_seq_status(m);
}

static int pymm_areas_show(struct seq_file *m, void *unused)
{
	struct pymm_reader r;

	pymm_reader_get(m, &r);
	pr_debug("areas: read by uid %u%s\n", r.uid, r.admin ? " (admin)" : "");
	pymm_visit_heaps(r.uid, r.admin, pymm_areas_heap, m);
	return 0;
}

int pymm_procfs_init(void)
{
	pymm_proc_dir = proc_mkdir("pymm", NULL);
	if (!pymm_proc_dir)
		goto fail;
	if (!proc_create_single("summary", 0444, pymm_proc_dir, pymm_summary_show) ||
	    !proc_create_single("heaps", 0444, pymm_proc_dir, pymm_heaps_show) ||
	    !proc_create_single("users", 0444, pymm_proc_dir, pymm_users_show) ||
	    !proc_create_single("mallocstats", 0444, pymm_proc_dir,
				pymm_mallocstats_show) ||
	    !proc_create_single("arenas", 0444, pymm_proc_dir, pymm_arenas_show) ||
	    !proc_create_single("gc", 0444, pymm_proc_dir, pymm_gc_show) ||
	    !proc_create_single("objects", 0444, pymm_proc_dir, pymm_objects_show) ||
	    !proc_create_single("areas", 0444, pymm_proc_dir, pymm_areas_show))
		goto fail;
	pr_debug("/proc/pymm created\n");
	return 0;
fail:
	pr_err("cannot create /proc/pymm\n");
	proc_remove(pymm_proc_dir);
	pymm_proc_dir = NULL;
	return -ENOMEM;
}

void pymm_procfs_exit(void)
{
	proc_remove(pymm_proc_dir);
	pymm_proc_dir = NULL;
}
