// SPDX-License-Identifier: GPL-2.0
/*
 * freelist.c - CPython 3.11's free lists (freelist.h says what and why).
 */
#include "heap.h"
#include "freelist.h"

#define GC_HEAD_BYTES	sizeof(struct pymm_gc_head)
#define TUPLE_BYTES(n)	(GC_HEAD_BYTES + sizeof(struct pymm_tuple) + (size_t)(n) * sizeof(void *))
#define KEYS_BYTES	((size_t)PYMM_DICT_MINSIZE * sizeof(s32) + \
			 (size_t)(PYMM_DICT_MINSIZE * 2 / 3) * sizeof(struct pymm_dict_entry))

/* the list a block of total bytes for an object of type goes to, or -1 */
static int fl_kind(u8 type, size_t total)
{
	switch (type) {
	case PYMM_T_FLOAT:
		return PYMM_FL_FLOAT;
	case PYMM_T_LIST:
		return PYMM_FL_LIST;
	case PYMM_T_DICT:
		return PYMM_FL_DICT;
	case PYMM_T_TUPLE:
		/* () is a singleton and never freed; 1..20 items */
		if (total < TUPLE_BYTES(1) || total > TUPLE_BYTES(PYMM_TUPLE_MAXSAVESIZE))
			return -1;
		return PYMM_FL_TUPLE + (int)((total - TUPLE_BYTES(1)) / sizeof(void *));
	}
	return -1;
}

static u32 fl_max(int kind)
{
	switch (kind) {
	case PYMM_FL_FLOAT:
		return PYMM_FLOAT_MAXFREELIST;
	case PYMM_FL_LIST:
		return PYMM_LIST_MAXFREELIST;
	case PYMM_FL_DICT:
	case PYMM_FL_DICT_KEYS:
		return PYMM_DICT_MAXFREELIST;
	}
	return PYMM_TUPLE_MAXFREELIST;
}

static size_t fl_bytes(int kind)
{
	switch (kind) {
	case PYMM_FL_FLOAT:
		return sizeof(struct pymm_float);
	case PYMM_FL_LIST:
		return GC_HEAD_BYTES + sizeof(struct pymm_list);
	case PYMM_FL_DICT:
		return GC_HEAD_BYTES + sizeof(struct pymm_dict);
	case PYMM_FL_DICT_KEYS:
		return KEYS_BYTES;
	}
	return TUPLE_BYTES(kind - PYMM_FL_TUPLE + 1);
}

/* block layouts a kind's object has: GC containers but floats and keys */
static bool fl_is_gc(int kind)
{
	return kind != PYMM_FL_FLOAT && kind != PYMM_FL_DICT_KEYS;
}

static void *fl_pop(struct pymm_heap *h, int kind)
{
	struct pymm_freelist *l = &h->freelists.l[kind];
	void **blk = l->head;

	if (!blk)
		return NULL;
	l->head = *blk;
	l->n--;
	h->freelists.bytes -= fl_bytes(kind);
	h->freelists.reuses++;
	return blk;
}

static bool fl_push(struct pymm_heap *h, int kind, void *blk)
{
	struct pymm_freelist *l = &h->freelists.l[kind];

	if (l->n >= fl_max(kind))
		return false;
	*(void **)blk = l->head;
	l->head = blk;
	l->n++;
	h->freelists.bytes += fl_bytes(kind);
	h->freelists.saves++;
	return true;
}

void *pymm_freelist_pop(struct pymm_heap *h, u8 type, size_t total)
{
	int kind = fl_kind(type, total);

	if (kind < 0 || total != fl_bytes(kind))
		return NULL;
	return fl_pop(h, kind);
}

bool pymm_freelist_push(struct pymm_heap *h, struct pymm_object *o, void *blk)
{
	int kind = fl_kind(o->type, o->size);

	/* a tuple subclass's instance: not PyTuple_CheckExact */
	if (kind < 0 || o->size != fl_bytes(kind) || pymm_subext(o))
		return false;
	return fl_push(h, kind, blk);
}

void *pymm_freelist_keys_pop(struct pymm_heap *h)
{
	return fl_pop(h, PYMM_FL_DICT_KEYS);
}

bool pymm_freelist_keys_push(struct pymm_heap *h, void *blk)
{
	return fl_push(h, PYMM_FL_DICT_KEYS, blk);
}

u64 pymm_freelist_clear(struct pymm_heap *h, enum pymm_freelist_why why)
{
	struct pymm_freelists *fl = &h->freelists;
	u64 n = 0;
	int kind;

	pymm_lockdep_assert_held(&h->lock);
	for (kind = 0; kind < PYMM_FL_MAX; kind++) {
		struct pymm_freelist *l = &fl->l[kind];
		size_t size = fl_bytes(kind);

		while (l->head) {
			void **blk = l->head;

			l->head = *blk;
			l->n--;
			fl->bytes -= size;
			/* PyObject_GC_Del: a freed container is a gen-0 "free" */
			if (why == PYMM_FL_WHY_GC && fl_is_gc(kind))
				pymm_gc_on_free(h);
			pymm_free(&h->alloc, blk, size);
			n++;
		}
	}
	if (why == PYMM_FL_WHY_GC)
		fl->cleared += n;
	else if (why == PYMM_FL_WHY_PRESSURE)
		fl->shrunk += n;
	return n;
}

void pymm_freelist_tell(struct pymm_heap *h)
{
	struct pymm_freelists *fl = &h->freelists;

	pymm_lockdep_assert_held(&h->lock);
	if (fl->bytes != fl->bytes_told) {
		pymm_plat_freelist_add((long)fl->bytes - (long)fl->bytes_told);
		fl->bytes_told = fl->bytes;
	}
}

void pymm_freelist_stats(struct pymm_heap *h, struct pymm_freelist_stats *st)
{
	const struct pymm_freelists *fl = &h->freelists;
	int kind;

	pymm_lockdep_assert_held(&h->lock);
	memset(st, 0, sizeof(*st));
	st->nlists = PYMM_FL_MAX;
	st->bytes = fl->bytes;
	st->reuses = fl->reuses;
	st->saves = fl->saves;
	st->cleared = fl->cleared;
	st->shrunk = fl->shrunk;
	for (kind = 0; kind < PYMM_FL_MAX; kind++) {
		st->lists[kind].max = fl_max(kind);
		st->lists[kind].block_size = (u32)fl_bytes(kind);
		st->lists[kind].count = fl->l[kind].n;
	}
}
