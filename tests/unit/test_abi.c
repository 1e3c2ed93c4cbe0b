// SPDX-License-Identifier: GPL-2.0
/*
 * test_abi.c - the one declaration of the ABI (module/uapi/pymm.h,
 * docs/abi.md "One declaration") keeps the rules its expansions rely on:
 *
 *  - PYMM_OPS: rows in strictly increasing code order (the enum's
 *    PYMM_OP_MAX is the last row's code), names unique, each column in its
 *    range, and pymm_op_data_dir() answering every code as its row says;
 *  - the stats field lists: rows covering every byte of the record,
 *    attribute numbers unique and, with the attributes that are not
 *    fields, filling their set from 2 to its MAX with no hole, rising along
 *    the rows (the enum ends on the highest; a reordered row, which would
 *    move a field of the generated struct, is caught).
 *
 * That the field lists and docs/netlink/pymm.yaml agree is
 * tests/spec/check_spec.py's part (make check runs both).
 */
#include <stddef.h>
#include <stdlib.h>

#include "core/pymm_core.h"
#include "unit_test.h"

struct op_row {
	const char *name;
	u32 code, dir, args, flags, kind;
};

#define OP_ROW(name, code, dir, args, flags, kind, fn) \
	{ #name, (code), PYMM_DATA_##dir, (args), (flags), OPK_##kind },
enum { OPK_NONE, OPK_REG, OPK_HEAP };	/* only "which one", not ops.c's values */

static const struct op_row op_rows[] = { PYMM_OPS(OP_ROW) };
#define NOPS	(sizeof(op_rows) / sizeof(op_rows[0]))

static void test_ops_ordered_and_unique(void)
{
	size_t i, j;

	CHECK_EQ(op_rows[0].code, PYMM_OP_NOP);
	CHECK_EQ(op_rows[NOPS - 1].code, PYMM_OP_MAX);
	for (i = 1; i < NOPS; i++)
		if (!CHECK(op_rows[i].code > op_rows[i - 1].code))
			NOTE("PYMM_OPS: %s (%u) after %s (%u)", op_rows[i].name, op_rows[i].code,
			     op_rows[i - 1].name, op_rows[i - 1].code);
	for (i = 0; i < NOPS; i++)
		for (j = i + 1; j < NOPS; j++)
			CHECK(strcmp(op_rows[i].name, op_rows[j].name) != 0);
}

static void test_op_columns(void)
{
	size_t i;

	for (i = 0; i < NOPS; i++) {
		const struct op_row *r = &op_rows[i];

		CHECK(r->dir == PYMM_DATA_NONE || r->dir == PYMM_DATA_IN ||
		      r->dir == PYMM_DATA_OUT);
		CHECK_EQ(r->args & ~0xfu, 0);
		CHECK_EQ(r->flags & ~PYMM_OPF_ALL, 0);
		/* the core's table is the same row: its data direction says so */
		CHECK_EQ(pymm_op_data_dir(r->code), r->dir);
	}
	/* codes with no row are unknown: no data either way */
	CHECK_EQ(pymm_op_data_dir(PYMM_OP_MAX + 1), PYMM_DATA_NONE);
	CHECK_EQ(pymm_op_data_dir(PYMM_OP_HEAP_VERIFY - 1), PYMM_DATA_NONE);
}

/* ----------------------------------------------------------- stats lists */

struct field_row {
	const char *field;
	u32 size, off, attr;
};

#define ROW(st, t, f, v)	{ #f, sizeof(__##t), offsetof(struct st, f), (v) },
#define ALLOC_ROW(t, f, A, v)	ROW(pymm_alloc_stats, t, f, v)
#define FL_TOTAL_ROW(t, f, A, v)	ROW(pymm_freelist_stats, t, f, v)
#define CLASS_ROW(t, f, A, v)	ROW(pymm_class_stats, t, f, v)
#define FL_INFO_ROW(t, f, A, v)	ROW(pymm_freelist_info, t, f, v)
#define GC_GEN_ROW(t, f, A, v)	ROW(pymm_gc_gen_stats, t, f, v)

static const struct field_row alloc_rows[] = { PYMM_ALLOC_STATS_FIELDS(ALLOC_ROW) };
static const struct field_row fl_total_rows[] = { PYMM_FREELIST_TOTALS_FIELDS(FL_TOTAL_ROW) };
static const struct field_row class_rows[] = { PYMM_CLASS_STATS_FIELDS(CLASS_ROW) };
static const struct field_row fl_info_rows[] = { PYMM_FREELIST_INFO_FIELDS(FL_INFO_ROW) };
static const struct field_row gc_gen_rows[] = { PYMM_GC_GEN_STATS_FIELDS(GC_GEN_ROW) };

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/* Rows in struct order, no byte of [start, end) left out; returns the bytes. */
static u32 check_layout(const char *what, const struct field_row *r, size_t n, u32 start)
{
	u32 at = start;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!CHECK_EQ(r[i].off, at))
			NOTE("%s: %s at %u, expected %u (rows out of struct order?)", what,
			     r[i].field, r[i].off, at);
		at = r[i].off + r[i].size;
	}
	return at - start;
}

/*
 * The attributes of one set: `fixed` numbers that are not fields (2:
 * GENERATION / KIND), then the rows of each list; together they are 2..max,
 * each once, rising along each list's rows.
 */
static void check_attrs(const char *what, u32 max, u32 fixed, const struct field_row *a,
			size_t na, const struct field_row *b, size_t nb)
{
	unsigned char seen[64] = { 0 };
	u32 v;
	size_t i;

	if (!CHECK(max < sizeof(seen)))
		return;
	for (v = 2; v < 2 + fixed; v++)
		seen[v]++;
	for (i = 0; i < na; i++)
		if (CHECK(a[i].attr >= 2 && a[i].attr <= max))
			seen[a[i].attr]++;
	for (i = 0; i < nb; i++)
		if (CHECK(b[i].attr >= 2 && b[i].attr <= max))
			seen[b[i].attr]++;
	for (v = 2; v <= max; v++)
		if (!CHECK_EQ(seen[v], 1))
			NOTE("%s: attribute %u given to %u fields", what, v, seen[v]);
	/*
	 * Fields and attribute numbers are both appended, so numbers rise
	 * along the rows: a row moved (which would move the field in the
	 * generated struct: an ABI break) does not pass.
	 */
	for (i = 1; i < na; i++)
		if (!CHECK(a[i].attr > a[i - 1].attr))
			NOTE("%s: %s (attribute %u) after %s (%u): rows reordered?", what,
			     a[i].field, a[i].attr, a[i - 1].field, a[i - 1].attr);
	for (i = 1; i < nb; i++)
		CHECK(b[i].attr > b[i - 1].attr);
}

static void test_stats_layout(void)
{
	CHECK_EQ(check_layout("alloc", alloc_rows, N(alloc_rows), 0),
		 sizeof(struct pymm_alloc_stats));
	CHECK_EQ(check_layout("class", class_rows, N(class_rows), 0),
		 sizeof(struct pymm_class_stats));
	CHECK_EQ(check_layout("gc gen", gc_gen_rows, N(gc_gen_rows), 0),
		 sizeof(struct pymm_gc_gen_stats));
	CHECK_EQ(check_layout("freelist info", fl_info_rows, N(fl_info_rows), 0),
		 sizeof(struct pymm_freelist_info));
	/* the totals sit between reserved and lists[] */
	CHECK_EQ(check_layout("freelist totals", fl_total_rows, N(fl_total_rows),
			      offsetof(struct pymm_freelist_stats, bytes)),
		 offsetof(struct pymm_freelist_stats, lists) -
		 offsetof(struct pymm_freelist_stats, bytes));
	/* the ABI as it was: these records never change size */
	CHECK_EQ(sizeof(struct pymm_alloc_stats), 16 + 22 * 8);
	CHECK_EQ(sizeof(struct pymm_class_stats), 32);
	CHECK_EQ(sizeof(struct pymm_gc_gen_stats), 72);
	CHECK_EQ(sizeof(struct pymm_freelist_info), 16);
}

static void test_stats_attrs(void)
{
	check_attrs("alloc", PYMM_A_ALLOC_MAX, 0, alloc_rows, N(alloc_rows), fl_total_rows,
		    N(fl_total_rows));
	check_attrs("class", PYMM_A_CLASS_MAX, 0, class_rows, N(class_rows), NULL, 0);
	check_attrs("gc gen", PYMM_A_GC_MAX, 1, gc_gen_rows, N(gc_gen_rows), NULL, 0);
	check_attrs("freelist", PYMM_A_FREELIST_MAX, 1, fl_info_rows, N(fl_info_rows), NULL, 0);
	/* the two that netlink users used to read as 0 */
	CHECK_EQ(PYMM_A_ALLOC_DEBUG_REPORTS, 31);
	CHECK_EQ(PYMM_A_ALLOC_DEBUG_QUARANTINED, 32);
	CHECK_EQ(PYMM_A_ALLOC_BAD_FREES, 25);
	CHECK_EQ(PYMM_A_ALLOC_FREELIST_SHRUNK, 30);
}

int main(int argc, char **argv)
{
	unit_init(argc, argv);
	RUN(test_ops_ordered_and_unique);
	RUN(test_op_columns);
	RUN(test_stats_layout);
	RUN(test_stats_attrs);
	return unit_summary();
}
