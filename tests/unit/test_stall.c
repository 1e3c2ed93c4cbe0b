// SPDX-License-Identifier: GPL-2.0
/*
 * test_stall.c - one user's long operation stalls nobody else (issue #12).
 *
 * A thread holds a heap's lock, as an operation that runs for long does;
 * meanwhile the main thread reads every snapshot /proc is made of, opens
 * and closes clients, creates, uses and destroys another heap, lists heaps
 * and trims.  Before the registry stopped waiting for heap locks, the first
 * snapshot blocked on the busy heap with the registry held, and everything
 * after it blocked on the registry: the alarm below ends the test then.
 * The other tests race destroy against the walkers that pin heaps.
 */
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "core/heap.h"
#include "core/platform_user.h"
#include "unit_test.h"

static u8 buf[1 << 20];

#include "op_helpers.h"

/* generous: a loaded 2-core machine under ASan still does all of it in well under 1 s */
#define STALL_ALARM_S	20

static void on_alarm(int sig)
{
	static const char msg[] = "test_stall: timed out: something waited for the busy heap\n";

	(void)sig;
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(2);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* an op from any thread: its own buffer (op_helpers.h shares one) */
static int top(struct pymm_client *c, u32 code, u64 a0, const char *name, u64 *r0)
{
	char nb[PYMM_HEAP_NAME_MAX] = "";
	struct pymm_op op = { .code = code, .arg = { a0 } };
	int err;

	if (name) {
		snprintf(nb, sizeof(nb), "%s", name);
		op.data_len = strlen(nb) + 1;
	}
	err = pymm_op_exec(c, &op, name ? nb : NULL, name ? sizeof(nb) : 0);
	if (r0)
		*r0 = op.ret[0];
	return err;
}

/* the row of one heap from PYMM_OP_HEAP_LIST (the registry alone) */
static bool list_row(struct pymm_client *c, const char *name, struct pymm_heap_info *out)
{
	struct pymm_heap_info rows[64];
	struct pymm_op op = { .code = PYMM_OP_HEAP_LIST, .data_len = sizeof(rows) };
	u32 i, n;

	if (pymm_op_exec(c, &op, rows, sizeof(rows)))
		return false;
	n = op.data_len / sizeof(rows[0]);
	for (i = 0; i < n; i++) {
		if (!strcmp(rows[i].name, name)) {
			if (out)
				*out = rows[i];
			return true;
		}
	}
	return false;
}

/* ------------------------------------------- a heap held by "an op" */

struct holder {
	struct pymm_heap *h;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool held, release;
};

static void *hold_heap(void *arg)
{
	struct holder *ho = arg;

	pymm_mutex_lock(&ho->h->lock);
	pthread_mutex_lock(&ho->mu);
	ho->held = true;
	pthread_cond_broadcast(&ho->cv);
	while (!ho->release)
		pthread_cond_wait(&ho->cv, &ho->mu);
	pthread_mutex_unlock(&ho->mu);
	pymm_heap_unlock(ho->h);
	return NULL;
}

struct busy_seen {
	const char *name;
	u32 heaps, busy;
	struct pymm_heap_info info;	/* the named heap's row */
	bool named_busy;
	int arena_err, areas_err;
};

static int noop_area(const struct pymm_area_entry *e, void *arg)
{
	return 0;
}

static int seen_heap(const struct pymm_heap_view *v, void *arg)
{
	struct busy_seen *s = arg;
	struct pymm_arena_info ai;

	s->heaps++;
	s->busy += v->busy;
	if (!strcmp(v->info->name, s->name)) {
		s->info = *v->info;
		s->named_busy = v->busy;
		/* a busy view gives nothing of the heap's insides */
		s->arena_err = pymm_heap_view_arena(v, 0, &ai);
		s->areas_err = pymm_heap_view_areas(v, 4, 4, noop_area, NULL);
	}
	return 0;
}

static int count_busy(const struct pymm_heap_view *v, void *arg)
{
	*(u32 *)arg += v->busy;
	return 0;
}

/*
 * The patience of a walk is the walk's, not each heap's: with 16 heaps
 * held, one admin walk waited 100 ms for each (1.6 s at least); now it
 * waits 100 ms in all.  The bound, half the unfixed minimum, is generous.
 */
static void test_busy_heaps_one_patience(void)
{
	struct holder ho[16];
	struct pymm_client *root = client(0, NULL), *cs[16];
	pthread_t th[16];
	char name[16];
	u32 busy = 0;
	double t;
	int i;

	for (i = 0; i < 16; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		CHECK_EQ(top(root, PYMM_OP_HEAP_CREATE, 0, name, NULL), 0);
		cs[i] = client(0, name);	/* one each: a detach would wait for a held heap */
		memset(&ho[i], 0, sizeof(ho[i]));
		pthread_mutex_init(&ho[i].mu, NULL);
		pthread_cond_init(&ho[i].cv, NULL);
		ho[i].h = cs[i]->heap;
		pthread_create(&th[i], NULL, hold_heap, &ho[i]);
		pthread_mutex_lock(&ho[i].mu);
		while (!ho[i].held)
			pthread_cond_wait(&ho[i].cv, &ho[i].mu);
		pthread_mutex_unlock(&ho[i].mu);
	}
	alarm(STALL_ALARM_S);
	t = now_s();
	CHECK_EQ(pymm_visit_heaps(0, true, count_busy, &busy), 0);
	t = now_s() - t;
	alarm(0);
	CHECK_EQ(busy, 16);
	CHECK(t < 0.8);
	for (i = 0; i < 16; i++) {
		pthread_mutex_lock(&ho[i].mu);
		ho[i].release = true;
		pthread_cond_broadcast(&ho[i].cv);
		pthread_mutex_unlock(&ho[i].mu);
		pthread_join(th[i], NULL);
		pymm_client_release(cs[i]);
	}
	for (i = 0; i < 16; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		CHECK_EQ(top(root, PYMM_OP_HEAP_DESTROY, 0, name, NULL), 0);
	}
	pymm_client_release(root);
}

static void test_busy_heap_stalls_nobody(void)
{
	struct pymm_client *atk = client(1000, NULL), *root, *c;
	struct holder ho = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };
	struct pymm_heap_info before, row;
	struct pymm_global_stats gs0, gs;
	struct busy_seen seen = { .name = "atk" };
	double t0;
	pthread_t th;
	u64 x;
	int i;

	CHECK_EQ(top(atk, PYMM_OP_HEAP_CREATE, 0, "atk", NULL), 0);
	CHECK_EQ(top(atk, PYMM_OP_HEAP_ATTACH, 0, "atk", NULL), 0);
	for (i = 0; i < 100; i++)
		CHECK_EQ(top(atk, PYMM_OP_NEW_INT, 100000 + i, NULL, NULL), 0);
	root = client(0, NULL);
	if (!CHECK(list_row(root, "atk", &before)))
		goto out;
	CHECK(before.objects > 100);
	pymm_global_stats(&gs0);

	ho.h = atk->heap;
	pthread_create(&th, NULL, hold_heap, &ho);
	pthread_mutex_lock(&ho.mu);
	while (!ho.held)
		pthread_cond_wait(&ho.cv, &ho.mu);
	pthread_mutex_unlock(&ho.mu);

	alarm(STALL_ALARM_S);
	t0 = now_s();

	/* /proc/pymm/summary */
	pymm_global_stats(&gs);
	CHECK_EQ(gs.objects, gs0.objects);
	CHECK_EQ(gs.bytes_held, gs0.bytes_held);
	CHECK_EQ(gs.heaps, gs0.heaps);

	/* the per-heap files, as root and as the attacker */
	CHECK_EQ(pymm_visit_heaps(0, true, seen_heap, &seen), 0);
	CHECK(seen.named_busy);
	CHECK_EQ(seen.busy, 1);
	CHECK_EQ(seen.info.objects, before.objects);	/* truthful: as before the op */
	CHECK_EQ(seen.info.bytes_held, before.bytes_held);
	CHECK_EQ(seen.arena_err, -EBUSY);
	CHECK_EQ(seen.areas_err, -EBUSY);
	memset(&seen, 0, sizeof(seen));
	seen.name = "atk";
	CHECK_EQ(pymm_visit_heaps(1000, false, seen_heap, &seen), 0);
	CHECK(seen.named_busy);

	/*
	 * /proc/pymm/heaps needs only the rows: the published row, never the
	 * heap's lock, not even the 100 ms look of the per-heap files (the
	 * heaps file took it for every busy heap, 100 ms each, per read).
	 */
	memset(&seen, 0, sizeof(seen));
	seen.name = "atk";
	CHECK_EQ(pymm_visit_heap_rows(0, true, seen_heap, &seen), 0);
	CHECK(!seen.named_busy);
	CHECK_EQ(seen.busy, 0);
	CHECK(seen.heaps >= 1);
	CHECK_EQ(seen.info.objects, before.objects);
	CHECK_EQ(seen.info.bytes_held, before.bytes_held);
	CHECK_EQ(seen.arena_err, -EBUSY);	/* a row has no insides */
	CHECK_EQ(seen.areas_err, -EBUSY);

	/* open and close /dev/pymm, many times */
	for (i = 0; i < 100; i++) {
		c = pymm_client_new(0, true);
		if (!CHECK(c))
			break;
		pymm_client_release(c);
	}

	/* root's own heap: create, attach, use, list, quota, destroy */
	CHECK_EQ(top(root, PYMM_OP_HEAP_CREATE, 0, "mine", NULL), 0);
	CHECK_EQ(top(root, PYMM_OP_HEAP_ATTACH, 0, "mine", NULL), 0);
	CHECK_EQ(top(root, PYMM_OP_NEW_INT, 123456, NULL, &x), 0);
	CHECK(x != 0);
	CHECK(list_row(root, "atk", &row));
	CHECK_EQ(row.objects, before.objects);
	CHECK_EQ(row.clients, 1);
	CHECK_EQ(top(root, PYMM_OP_HEAP_SET_QUOTA, 1 << 20, "mine", NULL), 0);
	CHECK_EQ(top(root, PYMM_OP_HEAP_ATTACH, 0, PYMM_DEFAULT_HEAP, NULL), 0);
	CHECK_EQ(top(root, PYMM_OP_HEAP_ATTACH, 0, "mine", NULL), 0);
	CHECK_EQ(top(root, PYMM_OP_HEAP_DESTROY, 0, "mine", NULL), 0);
	CHECK(!list_row(root, "mine", NULL));
	/* the busy heap itself: registry-only answers */
	CHECK_EQ(top(root, PYMM_OP_HEAP_DESTROY, 0, "atk", NULL), -EBUSY);
	CHECK_EQ(top(root, PYMM_OP_HEAP_CREATE, 0, "atk", NULL), -EEXIST);

	/* the trim timer and the shrinker */
	pymm_core_trim_idle(0);
	pymm_core_spares_reclaim(U64_MAX);

	alarm(0);
	NOTE("all of it took %.3f s while the heap was held", now_s() - t0);
	CHECK(ho.held);

	pthread_mutex_lock(&ho.mu);
	ho.release = true;
	pthread_cond_broadcast(&ho.cv);
	pthread_mutex_unlock(&ho.mu);
	pthread_join(th, NULL);

	/* idle again: the full view is back */
	memset(&seen, 0, sizeof(seen));
	seen.name = "atk";
	CHECK_EQ(pymm_visit_heaps(0, true, seen_heap, &seen), 0);
	CHECK(!seen.named_busy);
	CHECK_EQ(seen.busy, 0);
	CHECK_EQ(seen.arena_err, 0);
	CHECK_EQ(seen.areas_err, 0);
	verify(atk);
out:
	pymm_client_release(root);
	CHECK_EQ(top(atk, PYMM_OP_HEAP_DESTROY, 0, "atk", NULL), 0);
	pymm_client_release(atk);
}

/* --------------------------------- a walk over many busy heaps is bounded */

#define WALK_BUSY	3
/* the walk's 100 ms of patience in naps of >= 1 ms (stats.c), and one more */
#define WALK_NAPS_MAX	101

static void hold(struct holder *ho, pthread_t *th)
{
	pthread_create(th, NULL, hold_heap, ho);
	pthread_mutex_lock(&ho->mu);
	while (!ho->held)
		pthread_cond_wait(&ho->cv, &ho->mu);
	pthread_mutex_unlock(&ho->mu);
}

static void unhold(struct holder *ho, pthread_t th)
{
	pthread_mutex_lock(&ho->mu);
	ho->release = true;
	pthread_cond_broadcast(&ho->cv);
	pthread_mutex_unlock(&ho->mu);
	pthread_join(th, NULL);
}

/*
 * Every busy heap used to get 100 ms of its own, slept uninterruptibly: a
 * user keeping n heaps busy made each admin read of a per-heap /proc file
 * last n x 100 ms, unkillable.  The patience is the walk's now, and a
 * killed reader stops looking at once.  Counted in naps, not timed.
 */
static void test_busy_walk_bounded(void)
{
	struct pymm_client *c = client(1000, NULL);
	struct holder ho[WALK_BUSY];
	struct busy_seen seen = { .name = "w0" };
	pthread_t th[WALK_BUSY];
	char name[8];
	u64 naps;
	int i;

	for (i = 0; i < WALK_BUSY; i++) {
		snprintf(name, sizeof(name), "w%d", i);
		CHECK_EQ(top(c, PYMM_OP_HEAP_CREATE, 0, name, NULL), 0);
		CHECK_EQ(top(c, PYMM_OP_HEAP_ATTACH, 0, name, NULL), 0);
		memset(&ho[i], 0, sizeof(ho[i]));
		pthread_mutex_init(&ho[i].mu, NULL);
		pthread_cond_init(&ho[i].cv, NULL);
		ho[i].h = c->heap;
	}
	/* c stays attached to the last one: idle, destroy detaches it */
	for (i = 0; i < WALK_BUSY; i++)
		hold(&ho[i], &th[i]);
	alarm(STALL_ALARM_S);

	naps = pymm_user_sleeps();
	CHECK_EQ(pymm_visit_heaps(0, true, seen_heap, &seen), 0);
	naps = pymm_user_sleeps() - naps;
	CHECK_EQ(seen.busy, WALK_BUSY);
	NOTE("%d busy heaps: %llu naps", WALK_BUSY, (unsigned long long)naps);
	CHECK(naps <= WALK_NAPS_MAX);

	/* a reader being killed: no nap at all, every busy heap said so */
	memset(&seen, 0, sizeof(seen));
	seen.name = "w0";
	pymm_user_kill_after(1);
	naps = pymm_user_sleeps();
	CHECK_EQ(pymm_visit_heaps(0, true, seen_heap, &seen), 0);
	naps = pymm_user_sleeps() - naps;
	pymm_user_kill_after(0);
	CHECK_EQ(seen.busy, WALK_BUSY);
	CHECK_EQ(naps, 0);

	alarm(0);
	for (i = 0; i < WALK_BUSY; i++)
		unhold(&ho[i], th[i]);
	for (i = 0; i < WALK_BUSY; i++) {
		snprintf(name, sizeof(name), "w%d", i);
		CHECK_EQ(top(c, PYMM_OP_HEAP_DESTROY, 0, name, NULL), 0);
		pthread_mutex_destroy(&ho[i].mu);
		pthread_cond_destroy(&ho[i].cv);
	}
	pymm_client_release(c);
}

/* ------------------------------- destroy while a walker has it pinned */

struct destroyer {
	struct pymm_client *c;
	const char *name;
	int err;
};

static void *destroy_heap(void *arg)
{
	struct destroyer *d = arg;

	d->err = top(d->c, PYMM_OP_HEAP_DESTROY, 0, d->name, NULL);
	return NULL;
}

struct pin_walk {
	struct pymm_client *lister;
	struct destroyer d;
	pthread_t th;
	char order[8];
	u32 n;
	bool gone;
};

/*
 * Visiting "b" (its lock held by the walk): another thread destroys it,
 * which unlinks it at once and then waits for the lock to empty it.  The
 * walk must go on from where b was.
 */
static int walk_heap(const struct pymm_heap_view *v, void *arg)
{
	struct pin_walk *w = arg;
	double t0;

	if (strlen(v->info->name) != 1 || w->n >= sizeof(w->order) - 1)
		return 0;
	w->order[w->n++] = v->info->name[0];
	if (v->info->name[0] != 'b')
		return 0;
	w->d.name = "b";
	pthread_create(&w->th, NULL, destroy_heap, &w->d);
	for (t0 = now_s(); now_s() - t0 < 5; usleep(1000))
		if (!list_row(w->lister, "b", NULL))
			break;
	w->gone = !list_row(w->lister, "b", NULL);
	return 0;
}

static void test_destroy_while_pinned(void)
{
	struct pymm_client *c = client(1000, NULL);
	struct pin_walk w = { 0 };

	w.lister = c;
	w.d.c = client(1000, NULL);
	CHECK_EQ(top(c, PYMM_OP_HEAP_CREATE, 0, "a", NULL), 0);
	CHECK_EQ(top(c, PYMM_OP_HEAP_CREATE, 0, "b", NULL), 0);
	CHECK_EQ(top(c, PYMM_OP_HEAP_CREATE, 0, "c", NULL), 0);
	alarm(STALL_ALARM_S);
	CHECK_EQ(pymm_visit_heaps(1000, false, walk_heap, &w), 0);
	pthread_join(w.th, NULL);
	alarm(0);
	CHECK(w.gone);
	CHECK_EQ(w.d.err, 0);
	/* newest first; a, older than the destroyed b, still comes */
	CHECK(!strcmp(w.order, "cba"));
	CHECK_EQ(top(c, PYMM_OP_HEAP_DESTROY, 0, "a", NULL), 0);
	CHECK_EQ(top(c, PYMM_OP_HEAP_DESTROY, 0, "c", NULL), 0);
	pymm_client_release(w.d.c);
	pymm_client_release(c);
}

/* --------------------------------------------------------- churn */

static volatile bool churn_stop;

static void *churn_heaps(void *arg)
{
	struct pymm_client *c = pymm_client_new(2000 + (u32)(uintptr_t)arg, false);
	char name[16];
	long bad = 0;
	u32 i;

	snprintf(name, sizeof(name), "churn%u", (u32)(uintptr_t)arg);
	for (i = 0; !churn_stop; i++) {
		if (top(c, PYMM_OP_HEAP_CREATE, 0, name, NULL) ||
		    top(c, PYMM_OP_HEAP_ATTACH, 0, name, NULL) ||
		    top(c, PYMM_OP_NEW_INT, 1000 + i, NULL, NULL) ||
		    top(c, PYMM_OP_HEAP_DESTROY, 0, name, NULL))
			bad++;
	}
	pymm_client_release(c);
	return (void *)bad;
}

static int count_heap(const struct pymm_heap_view *v, void *arg)
{
	(*(u64 *)arg)++;
	return 0;
}

static void *churn_readers(void *arg)
{
	struct pymm_global_stats gs;
	u64 n = 0;

	while (!churn_stop) {
		struct pymm_client *c = pymm_client_new(0, true);

		top(c, PYMM_OP_HEAP_ATTACH, 0, PYMM_DEFAULT_HEAP, NULL);
		pymm_visit_heaps(0, true, count_heap, &n);
		pymm_global_stats(&gs);
		list_row(c, "churn0", NULL);
		top(c, PYMM_OP_NEW_INT, 5, NULL, NULL);
		pymm_core_trim_idle(0);
		pymm_client_release(c);
	}
	return NULL;
}

static void test_churn(void)
{
	pthread_t th[4];
	struct pymm_global_stats gs;
	void *bad;
	u32 i;

	churn_stop = false;
	alarm(STALL_ALARM_S);
	for (i = 0; i < 2; i++)
		pthread_create(&th[i], NULL, churn_heaps, (void *)(uintptr_t)i);
	for (; i < 4; i++)
		pthread_create(&th[i], NULL, churn_readers, NULL);
	usleep(getenv("UNIT_QUICK") ? 200000 : 1000000);
	churn_stop = true;
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], &bad);
		CHECK_EQ((long)bad, 0);
	}
	alarm(0);
	pymm_global_stats(&gs);
	CHECK_EQ(gs.clients, 0);
	CHECK_EQ(gs.heaps, 1);		/* the default heap only */
}

int main(int argc, char **argv)
{
	struct pymm_core_params p = {
		.heap_quota = 64ull << 20,
		.user_quota = 32ull << 20,
		.max_heaps_per_user = 4,
		.max_frame_depth = 1000,
		.max_handles = 4096,
		.arena_shift = PYMM_ARENA_SHIFT_SMALL,
		.pool_shift = PYMM_POOL_SHIFT_SMALL,
		.arena_idle_ns = 1000000,
	};
	u64 leaks;

	unit_init(argc, argv);
	signal(SIGALRM, on_alarm);
	if (pymm_core_init(&p))
		return 1;
	RUN(test_busy_heap_stalls_nobody);
	RUN(test_busy_walk_bounded);
	RUN(test_busy_heaps_one_patience);
	RUN(test_destroy_while_pinned);
	RUN(test_churn);
	leaks = pymm_core_exit();
	CHECK_EQ(leaks, 0);
	CHECK_EQ(pymm_user_charged(), 0);
	return unit_summary();
}
