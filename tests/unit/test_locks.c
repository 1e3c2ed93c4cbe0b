// SPDX-License-Identifier: GPL-2.0
/*
 * test_locks.c - the lock rules are code, not comments: a function whose
 * comment says "heap->lock held" opens with pymm_lockdep_assert_held()
 * (platform.h), which in the user-space host is an owner check that
 * aborts.  Each deliberate violation runs in a forked child (death-test
 * style): the child must die of SIGABRT and say which lock it missed; the
 * same call with the lock held by the caller must go through.
 */
#include <pthread.h>

#include "core/pymm_core.h"
#include "core/heap.h"
#include "core/gc.h"
#include "core/platform_user.h"
#include "unit_test.h"
#include "death_test.h"

static u8 buf[1 << 16];

#include "op_helpers.h"

static struct pymm_client *the_client;
static struct pymm_heap *the_heap;

static void collect_unlocked(void *arg)
{
	pymm_gc_maybe_collect(arg);
}

static void work_unlocked(void *arg)
{
	pymm_work_slow(arg);
}

static void *hold_lock(void *arg)
{
	pymm_mutex_lock(&((struct pymm_heap *)arg)->lock);
	return NULL;	/* ends holding it: the owner is gone, not us */
}

/* another thread holds the lock: held is not enough, the owner must be us */
static void collect_other_owner(void *arg)
{
	pthread_t t;

	pthread_create(&t, NULL, hold_lock, arg);
	pthread_join(t, NULL);
	pymm_gc_maybe_collect(arg);
}

static void detach_unlocked(void *arg)
{
	pymm_heap_detach(arg);
}

/* below the heap: the allocator asserts its heap's lock (a->lock, the back-edge) */
static void large_alloc_unlocked(void *arg)
{
	pymm_malloc(&((struct pymm_heap *)arg)->alloc, 100000);
}

static void trim_unlocked(void *arg)
{
	pymm_alloc_trim(&((struct pymm_heap *)arg)->alloc);
}

static void test_unlocked_calls_abort(void)
{
	CHECK(unit_dies_saying(collect_unlocked, the_heap, "pymm_gc_maybe_collect: &h->lock not held"));
	CHECK(unit_dies_saying(work_unlocked, the_heap, "pymm_work_slow: &h->lock not held"));
	CHECK(unit_dies_saying(collect_other_owner, the_heap, "&h->lock not held by this thread"));
	CHECK(unit_dies_saying(detach_unlocked, the_client, "pymm_heap_detach: &c->lock not held"));
	CHECK(unit_dies_saying(large_alloc_unlocked, the_heap, "(a)->lock not held"));
	CHECK(unit_dies_saying(trim_unlocked, the_heap, "pymm_alloc_trim_keep: (a)->lock not held"));
}

/* the same calls, the lock held: nothing fires */
static void test_locked_calls_pass(void)
{
	pymm_mutex_lock(&the_heap->lock);
	pymm_gc_maybe_collect(the_heap);
	pymm_work_begin(the_heap);
	CHECK_EQ(pymm_work_slow(the_heap), 0);
	pymm_work_end(the_heap);
	pymm_heap_unlock(the_heap);
	/* and an op through the front door takes them itself */
	CHECK_EQ(new_int(the_client, 5) != 0, 1);
}

int main(int argc, char **argv)
{
	unit_init(argc, argv);
	the_client = start_core_with_heap(1000, "locks");
	if (!the_client)
		return 1;
	the_heap = the_client->heap;
	RUN(test_unlocked_calls_abort);
	RUN(test_locked_calls_pass);
	stop_core(the_client);
	return unit_summary();
}
