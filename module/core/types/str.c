// SPDX-License-Identifier: GPL-2.0
/*
 * str.c - str (UTF-8, validated) and bytes, and the heap's intern table.
 *
 * As CPython interns identifier-like constants ("abc", "x_1"), the empty
 * string and one-character Latin-1 strings, pymm interns the same classes
 * of strings: creating "abc" twice gives one object, "a b" twice gives
 * two.  The table holds no count (CPython's interned dict doesn't either):
 * a string leaves it when it dies.  The table is open addressing over
 * cached hashes, grown before an insert so that interning never fails
 * half way.
 */
#include "../heap.h"

#define INTERN_TOMB	((struct pymm_object *)1)

s64 pymm_str_hash(struct pymm_object *o)
{
	struct pymm_str *x = (struct pymm_str *)o;

	if (x->hash == PYMM_STR_HASH_UNSET)
		x->hash = pymm_hash_bytes(x->data, x->len);
	return x->hash;
}

static int str_hash(struct pymm_heap *h, struct pymm_object *o, s64 *out)
{
	*out = pymm_str_hash(o);
	return 0;
}

const struct pymm_typeobj pymm_str_type = {
	.name = "str",
	.code = PYMM_T_STR,
	.hash = str_hash,
};

const struct pymm_typeobj pymm_bytes_type = {
	.name = "bytes",
	.code = PYMM_T_BYTES,
	.hash = str_hash,
};

/* Strict UTF-8 (no overlongs, no surrogates, <= U+10FFFF), no NUL. */
int pymm_utf8_check(const char *str, u32 len, u32 *nchars)
{
	const u8 *s = (const u8 *)str;
	u32 i = 0, n = 0;

	while (i < len) {
		u8 c = s[i];
		u32 need, cp, k;

		if (c < 0x80) {
			if (!c)
				return -EINVAL;
			i++;
			n++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			cp = c & 0x07;
		} else {
			return -EINVAL;
		}
		if (len - i <= need)
			return -EINVAL;
		for (k = 1; k <= need; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return -EINVAL;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((need == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (need == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return -EINVAL;
		i += need + 1;
		n++;
	}
	if (nchars)
		*nchars = n;
	return 0;
}

static bool is_ascii_name_char(u8 c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/*
 * Python identifiers: a letter or '_' then letters, digits, '_'.  Non-ASCII
 * letters are accepted as a whole (the tool has already parsed the script;
 * we only refuse what no identifier can contain).  len excludes any NUL.
 */
bool pymm_str_is_identifier(const char *str, u32 len)
{
	const u8 *s = (const u8 *)str;
	u32 i;

	if (!len || len >= PYMM_NAME_MAX || (s[0] >= '0' && s[0] <= '9'))
		return false;
	if (pymm_utf8_check(str, len, NULL))
		return false;
	for (i = 0; i < len; i++)
		if (s[i] < 0x80 && !is_ascii_name_char(s[i]))
			return false;
	return true;
}

/*
 * A str object that is an identifier.  An interned one of two or more
 * characters holds only [A-Za-z0-9_] (should_intern(), below), so its
 * first character is all there is to look at: a name ID (names.c) is
 * checked at every use, and this keeps that check off the hot path.
 */
bool pymm_str_obj_is_identifier(struct pymm_object *o)
{
	struct pymm_str *x = pymm_as_str(o);

	if ((o->flags & PYMM_OF_INTERNED) && x->nchars > 1)
		return x->len < PYMM_NAME_MAX && !(x->data[0] >= '0' && x->data[0] <= '9');
	return pymm_str_is_identifier(x->data, x->len);
}

/* CPython's rule: all chars in [A-Za-z0-9_], the empty string, one Latin-1 char */
static bool should_intern(const u8 *s, u32 len, u32 nchars)
{
	u32 i;

	if (nchars <= 1)
		return len <= 2 && (len < 2 || s[0] <= 0xc3);
	for (i = 0; i < len; i++)
		if (!is_ascii_name_char(s[i]))
			return false;
	return true;
}

int pymm_intern_init(struct pymm_heap *h)
{
	memset(&h->intern, 0, sizeof(h->intern));
	return 0;
}

void pymm_intern_destroy(struct pymm_heap *h)
{
	if (h->intern.slots)
		pymm_free(&h->alloc, h->intern.slots, h->intern.nslots * sizeof(void *));
	memset(&h->intern, 0, sizeof(h->intern));
}

static u32 intern_find(struct pymm_intern *t, const char *s, u32 len, s64 hash,
		       struct pymm_object **found)
{
	u32 mask = t->nslots - 1, i = (u32)hash & mask, tomb = ~0u;
	u64 perturb = (u64)hash;

	*found = NULL;
	for (;;) {
		struct pymm_object *o = t->slots[i];

		if (!o)
			return tomb != ~0u ? tomb : i;
		if (o == INTERN_TOMB) {
			if (tomb == ~0u)
				tomb = i;
		} else {
			struct pymm_str *x = pymm_as_str(o);

			if (x->hash == hash && x->len == len && !memcmp(x->data, s, len)) {
				*found = o;
				return i;
			}
		}
		perturb >>= 5;
		i = (i * 5 + (u32)perturb + 1) & mask;
	}
}

/* make room for one more entry; the only step that can fail */
static int intern_reserve(struct pymm_heap *h)
{
	struct pymm_intern *t = &h->intern;
	struct pymm_object **old = t->slots, **slots;
	u32 oldn = t->nslots, n, i;

	if (t->nslots && (t->filled + 1) * 3 < t->nslots * 2)
		return 0;
	n = 64;
	while (n * 2 <= (t->used + 1) * 3)
		n *= 2;
	if (n > (1u << 28))
		return -ENOMEM;
	slots = pymm_heap_malloc(h, n * sizeof(void *));
	if (!slots)
		return h->alloc.last_error ? h->alloc.last_error : -ENOMEM;
	memset(slots, 0, n * sizeof(void *));
	t->slots = slots;
	t->nslots = n;
	t->filled = t->used;
	for (i = 0; i < oldn; i++) {
		struct pymm_object *o = old[i], *dummy;
		struct pymm_str *x;

		if (!o || o == INTERN_TOMB)
			continue;
		x = pymm_as_str(o);
		slots[intern_find(t, x->data, x->len, x->hash, &dummy)] = o;
	}
	if (old)
		pymm_free(&h->alloc, old, oldn * sizeof(void *));
	return 0;
}

void pymm_intern_remove(struct pymm_heap *h, struct pymm_object *o)
{
	struct pymm_intern *t = &h->intern;
	struct pymm_str *x = pymm_as_str(o);
	struct pymm_object *found;
	u32 i;

	if (!t->nslots)
		return;
	i = intern_find(t, x->data, x->len, x->hash, &found);
	if (found == o) {
		t->slots[i] = INTERN_TOMB;
		t->used--;
	}
	o->flags &= ~PYMM_OF_INTERNED;
}

/*
 * STR_INTERN: arg0 a str -> a new handle of the heap's interned str equal
 * to it (sys.intern, PyUnicode_InternInPlace): the one in the table, else
 * the str itself, entered.  Any str, not only identifier-like ones; the
 * singletons ('' and one Latin-1 character) are themselves.  -EINVAL for
 * another type.
 */
int pymm_str_intern_op(struct pymm_opctx *x)
{
	struct pymm_object *o, *found;
	struct pymm_str *s;
	s64 hash;
	u32 slot;
	int err = pymm_handle_get(x->c, x->op->arg[0], &o);

	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	if (o->type != PYMM_T_STR)
		return -EINVAL;
	if (o->flags & (PYMM_OF_INTERNED | PYMM_OF_IMMORTAL))
		return pymm_ret_handle(x, pymm_obj_incref(o));
	err = intern_reserve(x->h);
	if (err)
		return err;
	s = pymm_as_str(o);
	hash = pymm_str_hash(o);
	slot = intern_find(&x->h->intern, s->data, s->len, hash, &found);
	if (found)
		return pymm_ret_handle(x, pymm_obj_incref(found));
	if (!x->h->intern.slots[slot])
		x->h->intern.filled++;
	x->h->intern.slots[slot] = o;
	x->h->intern.used++;
	o->flags |= PYMM_OF_INTERNED;
	return pymm_ret_handle(x, pymm_obj_incref(o));
}

static struct pymm_object *strbytes_new(struct pymm_heap *h, u8 type, const char *s,
					u32 len, u32 nchars, s64 hash, int *err)
{
	struct pymm_object *o;
	struct pymm_str *x;

	o = pymm_obj_alloc_head(h, type, sizeof(struct pymm_str) + (size_t)len + 1,
				sizeof(struct pymm_str), err);
	if (!o)
		return NULL;
	x = pymm_as_str(o);
	x->hash = hash;
	x->len = len;
	x->nchars = nchars;
	if (len)
		memcpy(x->data, s, len);
	x->data[len] = 0;
	return o;
}

/*
 * CPython 3.11's static strings and bytes ('' and one Latin-1 character,
 * b'' and one byte): their slot in h->statics, NULL for any other value.
 * s is valid UTF-8 for a str.
 */
static struct pymm_object **static_slot(struct pymm_heap *h, u8 type, const u8 *s, u32 len)
{
	if (type == PYMM_T_BYTES) {
		if (len > 1)
			return NULL;
		return &h->statics[len ? PYMM_STATIC_BYTES + s[0] : PYMM_STATIC_BYTES_EMPTY];
	}
	if (!len)
		return &h->statics[PYMM_STATIC_STR_EMPTY];
	if (len == 1)
		return &h->statics[s[0]];
	if (len == 2 && (s[0] == 0xc2 || s[0] == 0xc3))
		return &h->statics[((s[0] & 0x1f) << 6) | (s[1] & 0x3f)];
	return NULL;
}

/*
 * The first of a static value: the heap takes PYMM_STATIC_REFCNT
 * references (dropped at teardown, heap.c), the caller keeps its own.
 */
static struct pymm_object *make_static(struct pymm_object **slot, struct pymm_object *o)
{
	if (o) {
		o->refcnt += PYMM_STATIC_REFCNT;
		o->flags |= PYMM_OF_IMMORTAL;
		*slot = o;
	}
	return o;
}

static struct pymm_object *str_intern_new(struct pymm_heap *h, const char *s, u32 len,
					  u32 nchars, int *err)
{
	struct pymm_object *o, *found;
	s64 hash = pymm_hash_bytes(s, len);
	u32 slot;
	int e;

	if (!should_intern((const u8 *)s, len, nchars))
		return strbytes_new(h, PYMM_T_STR, s, len, nchars, hash, err);

	e = intern_reserve(h);
	if (e) {
		*err = e;
		return NULL;
	}
	slot = intern_find(&h->intern, s, len, hash, &found);
	if (found)
		return pymm_obj_incref(found);
	o = strbytes_new(h, PYMM_T_STR, s, len, nchars, hash, err);
	if (!o)
		return NULL;
	if (!h->intern.slots[slot])
		h->intern.filled++;
	h->intern.slots[slot] = o;
	h->intern.used++;
	o->flags |= PYMM_OF_INTERNED;
	return o;
}

/*
 * A str: the empty and one-Latin-1-character ones are the heap's
 * singletons; any other is interned (intern: a constant or a name,
 * identifier-like) or new.  A str made at run time (concatenation,
 * repetition, a script's computed text: PyUnicode_FromStringAndSize) is
 * never interned: CPython interns identifier-like code constants and
 * names, not what a program computes ("ab" + str(1) twice is two objects).
 */
static struct pymm_object *str_new(struct pymm_heap *h, const char *s, u32 len, bool intern,
				   int *err)
{
	struct pymm_object **st;
	u32 nchars;
	int e;

	e = pymm_utf8_check(s, len, &nchars);
	if (e) {
		*err = e;
		return NULL;
	}
	st = static_slot(h, PYMM_T_STR, (const u8 *)s, len);
	if (st && *st)
		return pymm_obj_incref(*st);
	if (st)
		return make_static(st, str_intern_new(h, s, len, nchars, err));
	if (!intern)
		return strbytes_new(h, PYMM_T_STR, s, len, nchars, PYMM_STR_HASH_UNSET, err);
	return str_intern_new(h, s, len, nchars, err);
}

struct pymm_object *pymm_str_new(struct pymm_heap *h, const char *s, u32 len, int *err)
{
	return str_new(h, s, len, true, err);
}

struct pymm_object *pymm_str_new_runtime(struct pymm_heap *h, const char *s, u32 len, int *err)
{
	return str_new(h, s, len, false, err);
}

struct pymm_object *pymm_bytes_new(struct pymm_heap *h, const void *s, u32 len, int *err)
{
	struct pymm_object **st = static_slot(h, PYMM_T_BYTES, s, len);
	struct pymm_object *o;

	if (st && *st)
		return pymm_obj_incref(*st);
	o = strbytes_new(h, PYMM_T_BYTES, s, len, len, PYMM_STR_HASH_UNSET, err);
	return st ? make_static(st, o) : o;
}

/*
 * a + b for two strs or two bytes (the caller checked both types): one
 * copy of each operand into the new object, no validation pass (two
 * valid UTF-8 strings make one; their counts of code points add up) and
 * no hash pass (computed when asked).  A result of at most two bytes may
 * be one of the heap's singletons ('' + 'a' is 'a'): str_new() decides.
 */
struct pymm_object *pymm_strbytes_concat(struct pymm_heap *h, struct pymm_object *a,
					 struct pymm_object *b, int *err)
{
	struct pymm_str *x = pymm_as_str(a), *y = pymm_as_str(b), *r;
	u32 len = x->len + y->len;
	struct pymm_object *o;

	if (len <= 2) {
		char tmp[3];

		memcpy(tmp, x->data, x->len);
		memcpy(tmp + x->len, y->data, y->len);
		return a->type == PYMM_T_STR ? str_new(h, tmp, len, false, err) :
		       pymm_bytes_new(h, tmp, len, err);
	}
	o = pymm_obj_alloc_head(h, a->type, sizeof(struct pymm_str) + (size_t)len + 1,
				sizeof(struct pymm_str), err);
	if (!o)
		return NULL;
	r = pymm_as_str(o);
	r->hash = PYMM_STR_HASH_UNSET;
	r->len = len;
	r->nchars = x->nchars + y->nchars;
	memcpy(r->data, x->data, x->len);
	memcpy(r->data + x->len, y->data, y->len);
	r->data[len] = 0;
	return o;
}

struct pymm_object *pymm_ident_new(struct pymm_heap *h, const char *s, u32 len, int *err)
{
	if (!pymm_str_is_identifier(s, len)) {
		*err = len >= PYMM_NAME_MAX ? -ENAMETOOLONG : -EINVAL;
		return NULL;
	}
	return pymm_str_new(h, s, len, err);
}
