// SPDX-License-Identifier: GPL-2.0
/*
 * bench_cpython.c - the CPython 3.11 side of bench_user: pymalloc through
 * PyObject_Malloc/PyObject_Free of an initialised interpreter, and the same
 * object graphs and churn as bench_pymm.c built with the C API and
 * collected by CPython's own collector.
 *
 * Two allocator hooks, both wrappers that change nothing they pass on:
 *   - the arena allocator (PyObject_SetArenaAllocator, installed before
 *     Py_Initialize) counts the arenas pymalloc holds, for the footprint;
 *   - the MEM and OBJ domains (PyMem_SetAllocator, installed only while
 *     measuring bytes per object, as tracemalloc does) add up the bytes
 *     pymalloc hands out, rounded to its 16-byte classes, for exactly the
 *     blocks made while measuring.  That is the figure pymm's bytes_in_use
 *     gives on the other side.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdbool.h>

#include "bench.h"

/* ------------------------------------------------ arena accounting */

static PyObjectArenaAllocator orig_arena;
static long long arenas_live;
static long long arena_bytes_live;

static void *arena_alloc_hook(void *ctx, size_t size)
{
	void *p = orig_arena.alloc(orig_arena.ctx, size);

	if (p) {
		arenas_live++;
		arena_bytes_live += (long long)size;
	}
	return p;
}

static void arena_free_hook(void *ctx, void *p, size_t size)
{
	arenas_live--;
	arena_bytes_live -= (long long)size;
	orig_arena.free(orig_arena.ctx, p, size);
}

/* --------------------------------------------------------- allocator */

#define CPY_MALLOC(n)		PyObject_Malloc(n)
#define CPY_FREE(p, n)		PyObject_Free(p)

BENCH_DEFINE_ALLOC_WORKLOADS(cpy_w, CPY_MALLOC, CPY_FREE)

static int cpy_footprint(const struct bench_footprint *f, struct bench_footprint_result *r)
{
	long long base_bytes = arena_bytes_live, base_arenas = arenas_live;
	double live = 0;
	uint32_t i, nfree = f->n / 10 * 9;

	for (i = 0; i < f->n; i++) {
		f->ptr[i] = PyObject_Malloc(f->size[i]);
		if (!f->ptr[i])
			return -1;
	}
	r->held_full = (double)(arena_bytes_live - base_bytes);
	for (i = 0; i < nfree; i++) {
		uint32_t k = f->order[i];

		PyObject_Free(f->ptr[k]);
		f->ptr[k] = NULL;
	}
	for (i = 0; i < f->n; i++)
		if (f->ptr[i])
			live += f->size[i];
	r->held_10pct = (double)(arena_bytes_live - base_bytes);
	r->in_use_10pct = live;
	for (i = 0; i < f->n; i++) {
		if (f->ptr[i]) {
			PyObject_Free(f->ptr[i]);
			f->ptr[i] = NULL;
		}
	}
	r->held_empty = (double)(arena_bytes_live - base_bytes);
	r->arenas_empty = (double)(arenas_live - base_arenas);
	return 0;
}

static const struct bench_allocator cpy_allocator = {
	.name = "pymalloc",
	.pair = cpy_w_pair,
	.batch = cpy_w_batch,
	.mixed = cpy_w_mixed,
	.ballast = cpy_w_ballast,
	.footprint = cpy_footprint,
};

const struct bench_allocator *cpy_bench_allocator(void)
{
	return &cpy_allocator;
}

/* gc.callbacks timing: the longest collection and the sum, in ns */
static const char cb_src[] =
	"import gc, time\n"
	"_bench_t = [0, 0, 0, 0]\n"	/* start, max, total, collections */
	"def _bench_cb(phase, info, _t=_bench_t, _now=time.perf_counter_ns):\n"
	"    if phase == 'start':\n"
	"        _t[0] = _now()\n"
	"    else:\n"
	"        d = _now() - _t[0]\n"
	"        if d > _t[1]:\n"
	"            _t[1] = d\n"
	"        _t[2] += d\n"
	"        _t[3] += 1\n"
	"gc.callbacks.append(_bench_cb)\n"
	"class C:\n"
	"    pass\n"
	/* the interpreter's own objects are not part of any workload */
	"gc.collect()\n"
	"gc.freeze()\n";

static PyObject *main_dict;

int cpy_bench_init(void)
{
	PyObjectArenaAllocator hook = { NULL, arena_alloc_hook, arena_free_hook };

	PyObject_GetArenaAllocator(&orig_arena);
	PyObject_SetArenaAllocator(&hook);
	Py_InitializeEx(0);
	if (PyRun_SimpleString(cb_src))
		return -1;
	main_dict = PyModule_GetDict(PyImport_AddModule("__main__"));
	return main_dict ? 0 : -1;
}

void cpy_bench_fini(void)
{
	Py_FinalizeEx();
}

static PyObject *main_get(const char *name)
{
	return PyDict_GetItemString(main_dict, name);	/* borrowed */
}

/* ------------------------------------------------------- object graphs */

int cpy_bench_gc_graph(uint32_t n, int garbage_pct, struct bench_gc_result *r)
{
	uint32_t pairs = n / 2, i;
	PyObject *root, *a, *b;
	uint64_t t0, t1;
	Py_ssize_t got;

	PyGC_Disable();
	root = PyList_New(0);
	for (i = 0; i < pairs; i++) {
		bool garbage = (uint64_t)(i + 1) * garbage_pct / 100 >
			       (uint64_t)i * garbage_pct / 100;

		a = PyList_New(0);
		b = PyList_New(0);
		if (!a || !b || PyList_Append(a, b) || PyList_Append(b, a))
			return -1;
		if (!garbage && PyList_Append(root, a))
			return -1;
		Py_DECREF(a);
		Py_DECREF(b);
	}
	/* PyGC_Collect() does nothing while the collector is disabled; enabling
	 * it collects nothing by itself (only the next allocation could) */
	PyGC_Enable();
	t0 = bench_now_ns();
	got = PyGC_Collect();
	t1 = bench_now_ns();
	r->collect_ns = (double)(t1 - t0);
	r->pause_ns = r->collect_ns;
	r->unreachable = (uint64_t)got;
	r->containers = (uint64_t)pairs * 2;
	Py_DECREF(root);
	PyGC_Collect();
	return 0;
}

/* -------------------------------------------------------------- churn */

#define CHURN_SLOTS	10000

static int cb_read(double *maxv, double *total, long long *count)
{
	PyObject *t = main_get("_bench_t");

	if (!t)
		return -1;
	*maxv = (double)PyLong_AsLongLong(PyList_GET_ITEM(t, 1));
	*total = (double)PyLong_AsLongLong(PyList_GET_ITEM(t, 2));
	*count = PyLong_AsLongLong(PyList_GET_ITEM(t, 3));
	return 0;
}

static int gen_collections(uint64_t out[3])
{
	PyObject *gc = PyImport_ImportModule("gc");
	PyObject *st = gc ? PyObject_CallMethod(gc, "get_stats", NULL) : NULL;
	int g;

	if (!st) {
		Py_XDECREF(gc);
		return -1;
	}
	for (g = 0; g < 3; g++) {
		PyObject *d = PyList_GET_ITEM(st, g);

		out[g] = (uint64_t)PyLong_AsLongLong(PyDict_GetItemString(d, "collections"));
	}
	Py_DECREF(st);
	Py_DECREF(gc);
	return 0;
}

int cpy_bench_churn(long iters, struct bench_churn_result *r)
{
	uint64_t before[3], after[3], t0, t1;
	PyObject *root, *a, *b;
	long long ncb;
	long i;
	int g;

	if (PyRun_SimpleString("_bench_t[:] = [0, 0, 0, 0]\n"))
		return -1;
	PyGC_Disable();
	root = PyList_New(CHURN_SLOTS);
	for (i = 0; i < CHURN_SLOTS; i++) {
		Py_INCREF(Py_None);
		PyList_SET_ITEM(root, i, Py_None);
	}
	if (PyRun_SimpleString("gc.freeze()\n") || gen_collections(before))
		return -1;
	PyGC_Enable();

	t0 = bench_now_ns();
	for (i = 0; i < iters; i++) {
		a = PyList_New(0);
		b = PyList_New(0);
		if (!a || !b || PyList_Append(a, b) || PyList_Append(b, a))
			return -1;
		if ((i & 7) == 0) {
			Py_INCREF(a);
			PyList_SetItem(root, (i >> 3) % CHURN_SLOTS, a);
		}
		Py_DECREF(a);
		Py_DECREF(b);
	}
	t1 = bench_now_ns();
	r->total_ns = (double)(t1 - t0);
	if (cb_read(&r->pause_max_ns, &r->pause_total_ns, &ncb) || gen_collections(after))
		return -1;
	for (g = 0; g < 3; g++)
		r->collections[g] = after[g] - before[g];
	/* back to the pre-run state: only the interpreter's objects frozen */
	Py_DECREF(root);
	if (PyRun_SimpleString("gc.unfreeze()\ngc.collect()\ngc.freeze()\n"))
		return -1;
	return 0;
}

/* ---------------------------------------------------- bytes per object */

/*
 * Blocks handed out while measuring: an open-addressed table of pointer ->
 * rounded size (linear probing, backward-shift deletion).  Frees of blocks
 * made before the hook went in are passed on and not counted.
 */
#define TRACK_BITS	21
#define TRACK_SIZE	(1u << TRACK_BITS)

struct track_ent {
	void *p;
	size_t bytes;
};

static struct track_ent *track;
static long long tracked_bytes;
static PyMemAllocatorEx orig_mem, orig_obj;

static size_t pymalloc_bytes(size_t n)
{
	if (n == 0)
		n = 1;
	return n <= 512 ? (n + 15) & ~(size_t)15 : n;
}

static uint32_t track_hash(const void *p)
{
	return (uint32_t)(((uintptr_t)p * 0x9e3779b97f4a7c15ull) >> (64 - TRACK_BITS));
}

static void track_add(void *p, size_t n)
{
	uint32_t i = track_hash(p);

	while (track[i].p)
		i = (i + 1) & (TRACK_SIZE - 1);
	track[i].p = p;
	track[i].bytes = pymalloc_bytes(n);
	tracked_bytes += (long long)track[i].bytes;
}

static void track_del(void *p)
{
	uint32_t i = track_hash(p), j, k;

	if (!p)
		return;
	while (track[i].p != p) {
		if (!track[i].p)
			return;
		i = (i + 1) & (TRACK_SIZE - 1);
	}
	tracked_bytes -= (long long)track[i].bytes;
	track[i].p = NULL;
	/* backward shift: keep every later entry of the run reachable */
	j = i;
	for (;;) {
		j = (j + 1) & (TRACK_SIZE - 1);
		if (!track[j].p)
			break;
		k = track_hash(track[j].p);
		/* move it unless its home lies cyclically in (i, j] */
		if (!(i < j ? (i < k && k <= j) : (i < k || k <= j))) {
			track[i] = track[j];
			track[j].p = NULL;
			i = j;
		}
	}
}

static void *h_malloc(void *ctx, size_t n)
{
	PyMemAllocatorEx *o = ctx;
	void *p = o->malloc(o->ctx, n);

	if (p)
		track_add(p, n);
	return p;
}

static void *h_calloc(void *ctx, size_t nel, size_t el)
{
	PyMemAllocatorEx *o = ctx;
	void *p = o->calloc(o->ctx, nel, el);

	if (p)
		track_add(p, nel * el);
	return p;
}

static void *h_realloc(void *ctx, void *old, size_t n)
{
	PyMemAllocatorEx *o = ctx;
	void *p = o->realloc(o->ctx, old, n);

	if (p) {
		track_del(old);
		track_add(p, n);
	}
	return p;
}

static void h_free(void *ctx, void *p)
{
	PyMemAllocatorEx *o = ctx;

	track_del(p);
	o->free(o->ctx, p);
}

static void hooks_on(void)
{
	PyMemAllocatorEx hm = { &orig_mem, h_malloc, h_calloc, h_realloc, h_free };
	PyMemAllocatorEx ho = { &orig_obj, h_malloc, h_calloc, h_realloc, h_free };

	PyMem_GetAllocator(PYMEM_DOMAIN_MEM, &orig_mem);
	PyMem_GetAllocator(PYMEM_DOMAIN_OBJ, &orig_obj);
	PyMem_SetAllocator(PYMEM_DOMAIN_MEM, &hm);
	PyMem_SetAllocator(PYMEM_DOMAIN_OBJ, &ho);
}

static void hooks_off(void)
{
	PyMem_SetAllocator(PYMEM_DOMAIN_MEM, &orig_mem);
	PyMem_SetAllocator(PYMEM_DOMAIN_OBJ, &orig_obj);
}

int cpy_bench_obj_bytes(enum bench_obj_kind k, uint32_t n, double *bytes)
{
	PyObject **objs = calloc(n, sizeof(*objs));
	PyObject *v[4], *keys[4], *cls = main_get("C");
	char str[16];
	uint32_t i;
	int j, err = 0;

	if (!track)
		track = calloc(TRACK_SIZE, sizeof(*track));
	if (!objs || !track || !cls || n > TRACK_SIZE / 4) {
		free(objs);
		return -1;
	}
	PyGC_Disable();
	for (j = 0; j < 4; j++) {
		v[j] = PyLong_FromLong(j + 1);		/* small ints: cached */
		keys[j] = PyUnicode_InternFromString((const char *[]){ "k0", "k1", "k2", "k3" }[j]);
	}
	tracked_bytes = 0;
	hooks_on();
	for (i = 0; i < n && !err; i++) {
		PyObject *o = NULL;

		switch (k) {
		case BOK_INT:
			o = PyLong_FromLong(1000000 + (long)i);
			break;
		case BOK_FLOAT:
			o = PyFloat_FromDouble(0.5 + i);
			break;
		case BOK_STR10:
			snprintf(str, sizeof(str), "s-%08u", i);
			o = PyUnicode_FromStringAndSize(str, 10);
			break;
		case BOK_TUPLE2:
			o = PyTuple_Pack(2, v[0], v[1]);
			break;
		case BOK_LIST0:
			o = PyList_New(0);
			break;
		case BOK_LIST4:
			o = PyList_New(4);
			for (j = 0; o && j < 4; j++) {
				Py_INCREF(v[j]);
				PyList_SET_ITEM(o, j, v[j]);
			}
			break;
		case BOK_DICT0:
			o = PyDict_New();
			break;
		case BOK_DICT4:
			o = PyDict_New();
			for (j = 0; o && j < 4; j++)
				if (PyDict_SetItem(o, keys[j], v[j]))
					err = -1;
			break;
		case BOK_INSTANCE:
			o = PyObject_CallNoArgs(cls);
			break;
		default:
			break;
		}
		if (!o)
			err = -1;
		objs[i] = o;
	}
	hooks_off();
	if (!err)
		*bytes = (double)tracked_bytes / n;
	for (i = 0; i < n; i++)
		Py_XDECREF(objs[i]);
	for (j = 0; j < 4; j++) {
		Py_DECREF(v[j]);
		Py_DECREF(keys[j]);
	}
	PyGC_Enable();
	free(objs);
	if (err)
		PyErr_Print();
	return err;
}
