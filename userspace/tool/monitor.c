// SPDX-License-Identifier: GPL-2.0
/*
 * monitor.c - `pymmctl monitor`: the family's "events" multicast group, one
 * line per event, as `ip monitor` and `devlink monitor` print theirs.
 *
 * Every line is written and flushed as the event arrives, so a reader at the
 * other end of a pipe sees it at once and SIGINT (or SIGTERM) may end the
 * process without losing a line: the handler only calls _exit(0).
 *
 * Text:  "<seconds>.<us> <kind> heap <name> <attr> <value> ..."  (the kernel's
 *        monotonic clock, as dmesg shows it)
 * JSON:  one object per line (JSON Lines): {"time_ns": ..., "event": "...",
 *        "heap": "...", <attr>: <value>, ...}
 * Only the attributes the kernel sent are printed.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/nl.h"
#include "json.h"
#include "pymmctl.h"

static const char *const monitor_usage =
"usage: pymmctl [-j] monitor [-j] [--count N] [--timeout SEC] [--kind KIND]...\n"
"\n"
"Prints pymm's events (generic netlink group \"" PYMM_GENL_MCGRP_EVENTS "\") as they happen,\n"
"one line each, until interrupted (Ctrl-C).  Needs CAP_SYS_ADMIN: events\n"
"name every user's heaps.  Always uses netlink, whatever the transport option.\n"
"\n"
"Event kinds: heap-create, heap-destroy, gc-start, gc-collect, finalize,\n"
"weakref-clear, quota-refusal.\n"
"\n"
"  -j, --json       one JSON object per line (JSON Lines)\n"
"  --count N        exit 0 after N events\n"
"  --timeout SEC    exit 1 if SEC seconds pass without an event\n"
"  --kind KIND      print only events of KIND (repeatable); others are not\n"
"                   counted\n"
"  -H HEAP          (before the command) only events of that heap\n"
"\n"
"\"pymmctl: monitoring events\" on standard error says the subscription is\n"
"in place: an event after that line cannot be missed.\n"
"\n"
"Exit status: 0 after --count events or on SIGINT/SIGTERM; 1 on an error\n"
"or --timeout; 2 usage error.\n";

struct mon {
	uint64_t want;		/* 0: forever */
	uint64_t seen;
	uint32_t kinds;		/* bit per PYMM_EV_*; 0: all */
};

/* the per-kind values: attribute and its name, in print order */
static const struct {
	unsigned int attr;
	const char *name;
} ev_fields[] = {
	{ PYMM_A_EV_UID, "uid" },
	{ PYMM_A_EV_GENERATION, "generation" },
	{ PYMM_A_EV_COLLECTED, "collected" },
	{ PYMM_A_EV_UNCOLLECTABLE, "uncollectable" },
	{ PYMM_A_EV_PAUSE_NS, "pause_ns" },
	{ PYMM_A_EV_COUNT, "count" },
	{ PYMM_A_EV_BYTES, "bytes" },
	{ PYMM_A_EV_HELD, "held" },
	{ PYMM_A_EV_QUOTA, "quota" },
};

static uint64_t ev_value(const struct pymm_nl_event *ev, unsigned int attr)
{
	switch (attr) {
	case PYMM_A_EV_UID:		return ev->uid;
	case PYMM_A_EV_GENERATION:	return ev->generation;
	case PYMM_A_EV_COLLECTED:	return ev->collected;
	case PYMM_A_EV_UNCOLLECTABLE:	return ev->uncollectable;
	case PYMM_A_EV_PAUSE_NS:	return ev->pause_ns;
	case PYMM_A_EV_COUNT:		return ev->count;
	case PYMM_A_EV_BYTES:		return ev->bytes;
	case PYMM_A_EV_HELD:		return ev->held;
	case PYMM_A_EV_QUOTA:		return ev->quota;
	default:			return 0;
	}
}

static bool has(const struct pymm_nl_event *ev, unsigned int attr)
{
	return ev->present & (1ull << attr);
}

static int on_event(const struct pymm_nl_event *ev, void *arg)
{
	struct mon *m = arg;
	unsigned int i;

	if (m->kinds && (ev->kind > 31 || !(m->kinds & (1u << ev->kind))))
		return 0;
	if (g_opts.heap && strcmp(ev->heap, g_opts.heap))
		return 0;
	if (g_opts.json) {
		struct json j = { 0 };

		json_obj_open(&j, NULL);
		json_u64(&j, "time_ns", ev->time_ns);
		json_string(&j, "event", pymm_nl_event_name(ev->kind));
		if (!strcmp(pymm_nl_event_name(ev->kind), "unknown"))
			json_u64(&j, "kind", ev->kind);
		if (has(ev, PYMM_A_EV_HEAP))
			json_nstring(&j, "heap", ev->heap, sizeof(ev->heap));
		for (i = 0; i < sizeof(ev_fields) / sizeof(ev_fields[0]); i++)
			if (has(ev, ev_fields[i].attr))
				json_u64(&j, ev_fields[i].name, ev_value(ev, ev_fields[i].attr));
		json_obj_close(&j);
		json_end(&j);
	} else {
		printf("%" PRIu64 ".%06" PRIu64 " %s", ev->time_ns / 1000000000,
		       ev->time_ns % 1000000000 / 1000, pymm_nl_event_name(ev->kind));
		if (!strcmp(pymm_nl_event_name(ev->kind), "unknown"))
			printf(" kind %u", ev->kind);
		if (has(ev, PYMM_A_EV_HEAP))
			printf(" heap %.*s", (int)sizeof(ev->heap), ev->heap);
		for (i = 0; i < sizeof(ev_fields) / sizeof(ev_fields[0]); i++)
			if (has(ev, ev_fields[i].attr))
				printf(" %s %" PRIu64, ev_fields[i].name,
				       ev_value(ev, ev_fields[i].attr));
		printf("\n");
		fflush(stdout);
	}
	return m->want && ++m->seen >= m->want;
}

static void on_ready(void *arg)
{
	fprintf(stderr, "pymmctl: monitoring events\n");
	fflush(stderr);
}

static void on_signal(int sig)
{
	_exit(0);
}

static int kind_bit(const char *name)
{
	unsigned int k;

	for (k = 1; k <= PYMM_EV_MAX; k++)
		if (!strcmp(name, pymm_nl_event_name(k)))
			return (int)k;
	return -1;
}

int cmd_monitor(int argc, char **argv)
{
	struct mon m = { 0 };
	struct sigaction sa;
	uint64_t lost = 0;
	long timeout_s = -1;
	int i, err;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		char *end;

		if (!strcmp(a, "-h") || !strcmp(a, "--help") || (i == 1 && !strcmp(a, "help"))) {
			fputs(monitor_usage, stdout);
			return 0;
		}
		if (is_json_opt(a))
			continue;
		if (!strcmp(a, "--count") || !strcmp(a, "-c")) {
			if (!v || *v == '-' || (errno = 0, m.want = strtoull(v, &end, 10), errno) ||
			    *end || !m.want)
				usage_error("monitor --count wants a positive number");
			i++;
		} else if (!strcmp(a, "--timeout")) {
			if (!v || (errno = 0, timeout_s = strtol(v, &end, 10), errno) || *end ||
			    timeout_s <= 0 || timeout_s > 86400 * 24)
				usage_error("monitor --timeout wants seconds (1..%d)", 86400 * 24);
			i++;
		} else if (!strcmp(a, "--kind")) {
			int k = v ? kind_bit(v) : -1;

			if (k < 0) {
				char list[256] = "";
				unsigned int e;

				/* the names the library knows: always the true list */
				for (e = 1; e <= PYMM_EV_MAX; e++)
					snprintf(list + strlen(list), sizeof(list) - strlen(list),
						 "%s%s", e > 1 ? ", " : "", pymm_nl_event_name(e));
				usage_error("monitor --kind: one of %s", list);
			}
			m.kinds |= 1u << k;
			i++;
		} else {
			usage_error("monitor: unknown argument '%s'", a);
		}
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* line by line even into a pipe: a reader must see each event as it comes */
	setvbuf(stdout, NULL, _IOLBF, 0);

	err = pymm_nl_monitor(on_event, &m, timeout_s < 0 ? -1 : (int)(timeout_s * 1000),
			      on_ready, &lost);
	if (lost)
		fprintf(stderr, "pymmctl: monitor: %" PRIu64 " overruns: events were lost\n",
			lost);
	if (err == -ETIMEDOUT) {
		fprintf(stderr, "pymmctl: monitor: no event for %ld s (%" PRIu64 " seen)\n",
			timeout_s, m.seen);
		return 1;
	}
	if (err == -ENOENT) {
		fail_errno(err, "generic netlink family \"%s\", group \"%s\"", PYMM_GENL_NAME,
			   PYMM_GENL_MCGRP_EVENTS);
		fprintf(stderr, "pymmctl: is the pymm module loaded?\n");
		return 1;
	}
	if (err == -EPERM) {
		fprintf(stderr, "pymmctl: monitor: joining the events group needs "
			"CAP_SYS_ADMIN: %s\n", strerror(EPERM));
		return 1;
	}
	if (err)
		return fail_errno(err, "monitoring events");
	return 0;
}
