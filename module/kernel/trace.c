// SPDX-License-Identifier: GPL-2.0
/*
 * trace.c - instantiates pymm's tracepoints (trace.h) and maps the core's
 * events onto them.  The core reports heap life, collections and quota
 * refusals through pymm_plat_event(); the event function calls
 * pymm_trace_event() before anything else, so ftrace and perf see every
 * event even when no netlink listener exists.
 */

#define pr_fmt(fmt) "pymm: " fmt

#include "../core/platform.h"
#include "../uapi/pymm.h"

#define CREATE_TRACE_POINTS
#include "trace.h"

void pymm_trace_event(const struct pymm_event *ev)
{
	/* a heap event always names its heap; be safe if one ever does not */
	const char *heap = ev->heap ? ev->heap : "";
	const u64 *v = ev->values;

	switch (ev->kind) {
	case PYMM_EV_HEAP_CREATE:
		trace_pymm_heap_create(heap, (u32)v[0], v[1]);
		pr_debug("heap %s created (uid %u, quota %llu)\n", heap, (u32)v[0], v[1]);
		break;
	case PYMM_EV_HEAP_DESTROY:
		trace_pymm_heap_destroy(heap, (u32)v[0]);
		pr_debug("heap %s destroyed (uid %u)\n", heap, (u32)v[0]);
		break;
	case PYMM_EV_GC_START:
		trace_pymm_gc_start(heap, (u32)v[0]);
		break;
	case PYMM_EV_GC_COLLECT:
		trace_pymm_gc_end(heap, (u32)v[0], v[1], v[2], v[3]);
		break;
	case PYMM_EV_QUOTA_REFUSAL:
		trace_pymm_quota_refusal(heap, v[0], v[1], v[2]);
		pr_debug("heap %s: %llu bytes refused (held %llu, quota %llu)\n", heap,
			 v[0], v[1], v[2]);
		break;
	default:
		break;
	}
}
