/* SPDX-License-Identifier: GPL-2.0 */
/*
 * trace.h - pymm's tracepoints (TRACE_SYSTEM pymm), for ftrace and perf:
 *
 *   pymm_arena_alloc     an arena was taken from vmalloc (or refused)
 *   pymm_arena_free      an arena was given back
 *   pymm_heap_create     a heap was created
 *   pymm_heap_destroy    a heap was destroyed
 *   pymm_gc_start        a collection of a generation begins
 *   pymm_gc_end          it ended: found unreachable, uncollectable, pause
 *   pymm_quota_refusal   an allocation was refused (heap quota, module cap)
 *
 * The heap events come from the core's events (pymm_plat_event(), which
 * calls pymm_trace_event() first, whether or not anyone listens on netlink);
 * the arena events from the host's page hooks, which do not know the heap:
 * they carry the size and the module-wide count of live arenas.
 *
 * Out of tree, define_trace.h includes this file again by path: Kbuild adds
 * -I for this directory, and TRACE_INCLUDE_PATH is "." (anchors E.4).  No
 * kernel address is recorded.
 */

/* The part every includer sees once: the dispatcher for core events. */
#ifndef PYMM_KERNEL_TRACE_API_H
#define PYMM_KERNEL_TRACE_API_H

struct pymm_event;

/* Turns one core event into its tracepoint (cheap when tracing is off). */
void pymm_trace_event(const struct pymm_event *ev);

#endif /* PYMM_KERNEL_TRACE_API_H */

#undef TRACE_SYSTEM
#define TRACE_SYSTEM pymm

#if !defined(PYMM_KERNEL_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define PYMM_KERNEL_TRACE_H

#include <linux/tracepoint.h>
#include <linux/version.h>

/* 6.10 dropped __assign_str()'s source argument (it is the __string()'s) */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
#define pymm_assign_str(dst, src)	__assign_str(dst)
#else
#define pymm_assign_str(dst, src)	__assign_str(dst, src)
#endif

DECLARE_EVENT_CLASS(pymm_arena_class,
	TP_PROTO(unsigned long size, long live),
	TP_ARGS(size, live),
	TP_STRUCT__entry(
		__field(unsigned long, size)
		__field(long, live)
	),
	TP_fast_assign(
		__entry->size = size;
		__entry->live = live;
	),
	TP_printk("size=%lu live=%ld", __entry->size, __entry->live)
);

/* live: arenas held module-wide after this one; -1 when vmalloc refused */
DEFINE_EVENT(pymm_arena_class, pymm_arena_alloc,
	TP_PROTO(unsigned long size, long live),
	TP_ARGS(size, live)
);

DEFINE_EVENT(pymm_arena_class, pymm_arena_free,
	TP_PROTO(unsigned long size, long live),
	TP_ARGS(size, live)
);

TRACE_EVENT(pymm_heap_create,
	TP_PROTO(const char *heap, u32 uid, u64 quota),
	TP_ARGS(heap, uid, quota),
	TP_STRUCT__entry(
		__string(heap, heap)
		__field(u32, uid)
		__field(u64, quota)
	),
	TP_fast_assign(
		pymm_assign_str(heap, heap);
		__entry->uid = uid;
		__entry->quota = quota;
	),
	TP_printk("heap=%s uid=%u quota=%llu", __get_str(heap), __entry->uid,
		  __entry->quota)
);

TRACE_EVENT(pymm_heap_destroy,
	TP_PROTO(const char *heap, u32 uid),
	TP_ARGS(heap, uid),
	TP_STRUCT__entry(
		__string(heap, heap)
		__field(u32, uid)
	),
	TP_fast_assign(
		pymm_assign_str(heap, heap);
		__entry->uid = uid;
	),
	TP_printk("heap=%s uid=%u", __get_str(heap), __entry->uid)
);

TRACE_EVENT(pymm_gc_start,
	TP_PROTO(const char *heap, u32 generation),
	TP_ARGS(heap, generation),
	TP_STRUCT__entry(
		__string(heap, heap)
		__field(u32, generation)
	),
	TP_fast_assign(
		pymm_assign_str(heap, heap);
		__entry->generation = generation;
	),
	TP_printk("heap=%s generation=%u", __get_str(heap), __entry->generation)
);

TRACE_EVENT(pymm_gc_end,
	TP_PROTO(const char *heap, u32 generation, u64 collected, u64 uncollectable,
		 u64 pause_ns),
	TP_ARGS(heap, generation, collected, uncollectable, pause_ns),
	TP_STRUCT__entry(
		__string(heap, heap)
		__field(u32, generation)
		__field(u64, collected)
		__field(u64, uncollectable)
		__field(u64, pause_ns)
	),
	TP_fast_assign(
		pymm_assign_str(heap, heap);
		__entry->generation = generation;
		__entry->collected = collected;
		__entry->uncollectable = uncollectable;
		__entry->pause_ns = pause_ns;
	),
	TP_printk("heap=%s generation=%u collected=%llu uncollectable=%llu pause_ns=%llu",
		  __get_str(heap), __entry->generation, __entry->collected,
		  __entry->uncollectable, __entry->pause_ns)
);

TRACE_EVENT(pymm_quota_refusal,
	TP_PROTO(const char *heap, u64 bytes, u64 held, u64 quota),
	TP_ARGS(heap, bytes, held, quota),
	TP_STRUCT__entry(
		__string(heap, heap)
		__field(u64, bytes)
		__field(u64, held)
		__field(u64, quota)
	),
	TP_fast_assign(
		pymm_assign_str(heap, heap);
		__entry->bytes = bytes;
		__entry->held = held;
		__entry->quota = quota;
	),
	TP_printk("heap=%s bytes=%llu held=%llu quota=%llu", __get_str(heap),
		  __entry->bytes, __entry->held, __entry->quota)
);

#endif /* PYMM_KERNEL_TRACE_H */

/* define_trace.h includes this file again: by path, out of tree */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
