// SPDX-License-Identifier: GPL-2.0
/*
 * nameids.c - identifiers as name IDs (docs/abi.md, "Name IDs").
 *
 * A name op with its name as data has a buffer, so the device runs it
 * alone (copy in, both locks, copy out) and a bind makes a str each time.
 * Each identifier is interned once per run instead (NAME_INTERN: a handle
 * to the heap's interned str), and the name and attribute ops of the hot
 * paths go as their bufferless _ID twins, which join the batch of the
 * queued CLOSEs before them.  The table is this process's: a name ID
 * lives until the run ends (interp_finish closes them), one handle and
 * one str per distinct identifier of the script's text (a name computed
 * at run time, getattr(o, s), stays a string op), at most NAME_IDS_MAX of
 * them so that they never take a large share of max_handles.  A name
 * that cannot be interned (no room, quota) stays a string op: slower,
 * never different.
 */
#include <stdlib.h>
#include <string.h>

#include "interp.h"

#define NAME_IDS_MAX	1024

struct name_ids {
	struct name_id_slot {
		char *name;	/* NULL: empty */
		uint64_t h;
	} *slots;
	unsigned int nslots, used;	/* nslots: a power of two, or 0 */
};

static unsigned int name_hash(const char *s)
{
	unsigned int x = 2166136261u;

	while (*s)
		x = (x ^ (unsigned char)*s++) * 16777619u;
	return x;
}

static struct name_id_slot *find_slot(struct name_ids *t, const char *name)
{
	unsigned int i = name_hash(name) & (t->nslots - 1);

	while (t->slots[i].name && strcmp(t->slots[i].name, name))
		i = (i + 1) & (t->nslots - 1);
	return &t->slots[i];
}

static void grow(struct name_ids *t)
{
	struct name_ids old = *t;
	unsigned int i;

	t->nslots = old.nslots ? old.nslots * 2 : 64;
	t->slots = xrealloc(NULL, t->nslots * sizeof(*t->slots));
	memset(t->slots, 0, t->nslots * sizeof(*t->slots));
	for (i = 0; i < old.nslots; i++)
		if (old.slots[i].name)
			*find_slot(t, old.slots[i].name) = old.slots[i];
	free(old.slots);
}

/* name's ID in *id, 0 if it has none (the string op serves); -1: exception */
static int name_id(struct interp *I, const char *name, uint64_t *id)
{
	struct name_id_slot *e;
	struct pymm_op op;

	*id = 0;
	if (!I->name_ids) {
		I->name_ids = xrealloc(NULL, sizeof(*I->name_ids));
		memset(I->name_ids, 0, sizeof(*I->name_ids));
	}
	if (I->name_ids->nslots) {
		e = find_slot(I->name_ids, name);
		if (e->name) {
			*id = e->h;
			return 0;
		}
	}
	if (I->name_ids->used >= NAME_IDS_MAX)
		return 0;
	pymm_op_init(&op, PYMM_OP_NAME_INTERN);
	pymm_op_set_data(&op, name, strlen(name));
	/* a finalizer run by this op may intern names too: look again after */
	if (op1(I, &op))
		return -1;
	if ((I->name_ids->used + 1) * 2 > I->name_ids->nslots)
		grow(I->name_ids);
	e = find_slot(I->name_ids, name);
	if (e->name) {
		if (!op.error)
			queue_close(I, op.ret[0]);
	} else {
		/* refused (not an identifier, no room): h 0, not asked again */
		e->name = xrealloc(NULL, strlen(name) + 1);
		strcpy(e->name, name);
		e->h = op.error ? 0 : op.ret[0];
		I->name_ids->used++;
	}
	*id = e->h;
	return 0;
}

/* name's ID in *id, 0 if it has none; -1: exception (augname.c) */
int name_id_get(struct interp *I, const char *name, uint64_t *id)
{
	return name_id(I, name, id);
}

int name_op_by_id(struct interp *I, struct pymm_op *op, const char *name)
{
	uint64_t id;
	int slot = -1;
	uint32_t id_code = 0;

	switch (op->code) {
#define TWIN(str_op, id_op, s)	case str_op: id_code = id_op; slot = s; break;
	PYMM_NAME_ID_OPS(TWIN)
#undef TWIN
	}
	if (slot < 0)
		return 0;
	if (name_id(I, name, &id))
		return -1;
	if (!id)
		return 0;
	op->code = id_code;
	op->arg[slot] = id;
	op->data = 0;
	op->data_len = 0;
	return 0;
}

int op1_name(struct interp *I, struct pymm_op *op, const char *name)
{
	struct pymm_op sent = *op;

	if (name_op_by_id(I, op, name) || op1(I, op))
		return -1;
	/* the answer reads as the string op's (descr_apply() looks at code) */
	op->code = sent.code;
	memcpy(op->arg, sent.arg, sizeof(op->arg));
	op->data = sent.data;
	op->data_len = sent.data_len;
	return 0;
}

/* close: the handles too (the run's end); else only this process's memory */
void name_ids_release(struct interp *I, bool close)
{
	struct name_ids *t = I->name_ids;
	unsigned int i;

	if (!t)
		return;
	for (i = 0; i < t->nslots; i++) {
		if (!t->slots[i].name)
			continue;
		if (close && t->slots[i].h)
			queue_close(I, t->slots[i].h);
		free(t->slots[i].name);
	}
	free(t->slots);
	free(t);
	I->name_ids = NULL;
}
