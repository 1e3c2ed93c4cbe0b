// SPDX-License-Identifier: GPL-2.0
/*
 * heap.c - `pymmctl heap ...`: create, list, destroy, quota; and `verify`.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "pymmctl.h"

static const char *const heap_usage =
"usage: pymmctl heap create NAME [--quota BYTES]\n"
"       pymmctl [-j] heap list\n"
"       pymmctl [-j] heap show NAME\n"
"       pymmctl heap destroy NAME\n"
"       pymmctl heap quota NAME BYTES\n"
"\n"
"BYTES is a number with an optional K, M or G suffix (powers of 1024).\n"
"A heap belongs to the user who created it; root may act on every heap.\n"
"-j (before or after the subcommand) prints list and show as JSON.\n";

static int parse_bytes(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	int shift = 0;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	switch (toupper((unsigned char)*end)) {
	case 0: break;
	case 'K': shift = 10; end++; break;
	case 'M': shift = 20; end++; break;
	case 'G': shift = 30; end++; break;
	default: return -1;
	}
	if (*end == 'B' || *end == 'b' || (*end == 'i' && (end[1] == 'B' || end[1] == 'b')))
		end += *end == 'i' ? 2 : 1;
	if (*end || (shift && v > (UINT64_MAX >> shift)))
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}

static int check_name(const char *name)
{
	if (!*name || strlen(name) >= PYMM_HEAP_NAME_MAX)
		usage_error("heap name '%s' must be 1..%d bytes", name, PYMM_HEAP_NAME_MAX - 1);
	return 0;
}

static void heap_json(struct json *j, const struct pymm_heap_info *h)
{
	json_obj_open(j, NULL);
	json_nstring(j, "name", h->name, sizeof(h->name));
	json_u64(j, "owner_uid", h->owner_uid);
	json_u64(j, "clients", h->clients);
	json_u64(j, "quota", h->quota);
	json_u64(j, "bytes_held", h->bytes_held);
	json_u64(j, "objects", h->objects);
	json_obj_close(j);
}

static int heap_list(struct pymm_conn *c)
{
	struct pymm_heap_info *v = NULL;
	unsigned int n = 0, i;
	int err = pymm_heap_list(c, &v, &n);

	if (err)
		return fail_errno(err, "listing heaps");
	if (g_opts.json) {
		struct json j = { 0 };

		json_arr_open(&j, NULL);
		for (i = 0; i < n; i++)
			heap_json(&j, &v[i]);
		json_arr_close(&j);
		json_end(&j);
	} else {
		printf("%-32s %7s %7s %14s %14s %10s\n", "NAME", "OWNER", "CLIENTS", "QUOTA",
		       "HELD", "OBJECTS");
		for (i = 0; i < n; i++) {
			char name[PYMM_HEAP_NAME_MAX + 1], quota[32];

			memcpy(name, v[i].name, PYMM_HEAP_NAME_MAX);
			name[PYMM_HEAP_NAME_MAX] = 0;
			if (v[i].quota)
				snprintf(quota, sizeof(quota), "%" PRIu64, (uint64_t)v[i].quota);
			else
				snprintf(quota, sizeof(quota), "default");
			printf("%-32s %7u %7u %14s %14" PRIu64 " %10" PRIu64 "\n", name,
			       v[i].owner_uid, v[i].clients, quota, (uint64_t)v[i].bytes_held,
			       (uint64_t)v[i].objects);
		}
	}
	free(v);
	return 0;
}

/* one heap by name (over netlink the typed HEAP_GET: a refusal quotes the kernel) */
static int heap_show(struct pymm_conn *c, const char *name)
{
	struct pymm_heap_info hi;
	int err;

	err = pymm_heap_get(c, name, &hi);
	if (err == -ENOENT)
		return fail_errno(err, "heap show '%s': no such heap (or not yours to see)", name);
	if (err)
		return fail_errno(err, "heap show '%s'", name);
	if (g_opts.json) {
		struct json j = { 0 };

		heap_json(&j, &hi);
		json_end(&j);
	} else {
		printf("heap %.*s\n", (int)sizeof(hi.name), hi.name);
		printf("  owner_uid  %u\n", hi.owner_uid);
		printf("  clients    %u\n", hi.clients);
		if (hi.quota)
			printf("  quota      %" PRIu64 "\n", (uint64_t)hi.quota);
		else
			printf("  quota      default\n");
		printf("  bytes_held %" PRIu64 "\n", (uint64_t)hi.bytes_held);
		printf("  objects    %" PRIu64 "\n", (uint64_t)hi.objects);
	}
	return 0;
}

int cmd_heap(int argc, char **argv)
{
	struct pymm_conn *c;
	const char *sub;
	int err, rc = 0;

	if (argc < 2) {
		fputs(heap_usage, stderr);
		return 2;
	}
	/* -j/--json after the subcommand, as before it */
	{
		int i, k;

		for (i = k = 1; i < argc; i++)
			if (!is_json_opt(argv[i]))
				argv[k++] = argv[i];
		argc = k;
	}
	if (argc < 2) {
		fputs(heap_usage, stderr);
		return 2;
	}
	sub = argv[1];
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h") || !strcmp(sub, "help")) {
		fputs(heap_usage, stdout);
		return 0;
	}
	if (argc > 2 && (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h"))) {
		fputs(heap_usage, stdout);
		return 0;
	}
	if (!strcmp(sub, "create")) {
		uint64_t quota = 0;
		const char *name = NULL;
		int i;

		for (i = 2; i < argc; i++) {
			if (!strcmp(argv[i], "--quota") || !strncmp(argv[i], "--quota=", 8)) {
				const char *v = argv[i][7] == '=' ? argv[i] + 8 :
						i + 1 < argc ? argv[++i] : NULL;

				if (!v || parse_bytes(v, &quota))
					usage_error("--quota wants BYTES (e.g. 1048576, 64M)");
			} else if (argv[i][0] == '-') {
				usage_error("heap create: unknown option '%s'", argv[i]);
			} else if (!name) {
				name = argv[i];
			} else {
				usage_error("heap create: one NAME only");
			}
		}
		if (!name)
			usage_error("heap create: NAME missing");
		check_name(name);
		if (conn_open(&c))
			return 1;
		err = pymm_heap_create(c, name, quota);
		if (err == -EEXIST)
			rc = fail_errno(err, "heap create '%s': the heap exists", name);
		else if (err)
			rc = fail_errno(err, "heap create '%s'", name);
		conn_close(c);
		return rc;
	}
	if (!strcmp(sub, "destroy")) {
		if (argc != 3)
			usage_error("heap destroy: exactly one NAME");
		check_name(argv[2]);
		if (conn_open(&c))
			return 1;
		err = pymm_heap_destroy(c, argv[2]);
		if (err == -ENOENT)
			rc = fail_errno(err, "heap destroy '%s': no such heap", argv[2]);
		else if (err)
			rc = fail_errno(err, "heap destroy '%s'", argv[2]);
		conn_close(c);
		return rc;
	}
	if (!strcmp(sub, "show")) {
		if (argc != 3)
			usage_error("heap show: exactly one NAME");
		check_name(argv[2]);
		if (conn_open(&c))
			return 1;
		rc = heap_show(c, argv[2]);
		conn_close(c);
		return rc;
	}
	if (!strcmp(sub, "list")) {
		if (argc != 2)
			usage_error("heap list takes no arguments");
		if (conn_open(&c))
			return 1;
		rc = heap_list(c);
		conn_close(c);
		return rc;
	}
	if (!strcmp(sub, "quota")) {
		uint64_t q;
		struct pymm_op op;
		char name[PYMM_HEAP_NAME_MAX];

		if (argc != 4 || parse_bytes(argv[3], &q))
			usage_error("heap quota NAME BYTES");
		check_name(argv[2]);
		if (conn_open(&c))
			return 1;
		snprintf(name, sizeof(name), "%s", argv[2]);
		pymm_op_init(&op, PYMM_OP_HEAP_SET_QUOTA);
		op.arg[0] = q;
		pymm_op_set_data(&op, name, strlen(name) + 1);
		err = pymm_exec(c, &op);
		if (err == -ENOENT)
			rc = fail_errno(err, "heap quota '%s': no such heap", argv[2]);
		else if (err)
			rc = fail_errno(err, "heap quota '%s' %" PRIu64, argv[2], q);
		conn_close(c);
		return rc;
	}
	usage_error("heap: unknown subcommand '%s' (create, list, show, destroy, quota)", sub);
}

int cmd_verify(int argc, char **argv)
{
	struct pymm_conn *c;
	struct pymm_op op;
	int err, rc = 0;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: pymmctl [-H HEAP] [-j] verify\n\n"
		       "Checks every invariant of the heap (allocator, counts, links);\n"
		       "exit status 1 if one does not hold (details in the kernel log).\n"
		       "-j prints {\"heap\": NAME, \"ok\": true|false, \"error\": ERRNO}.\n");
		return 0;
	}
	if (argc > 1 && is_json_opt(argv[1]))
		argc--;
	if (argc > 1)
		usage_error("verify takes no arguments");
	if (conn_open(&c))
		return 1;
	if (conn_attach(c)) {
		conn_close(c);
		return 1;
	}
	pymm_op_init(&op, PYMM_OP_HEAP_VERIFY);
	err = pymm_exec(c, &op);
	if (g_opts.json) {
		struct json j = { 0 };

		json_obj_open(&j, NULL);
		json_string(&j, "heap", heap_name());
		json_bool(&j, "ok", !err);
		json_s64(&j, "error", err);
		json_obj_close(&j);
		json_end(&j);
	}
	if (err)
		rc = fail_errno(err, "verifying heap '%s'", heap_name());
	else if (!g_opts.json)
		printf("heap '%s': ok\n", heap_name());
	conn_close(c);
	return rc;
}
