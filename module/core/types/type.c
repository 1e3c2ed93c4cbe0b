// SPDX-License-Identifier: GPL-2.0
/*
 * type.c - classes as CPython 3.11's type objects: building one (type_new
 * and PyType_Ready, reduced to what a script can see), the C3 method
 * resolution order, attribute lookup through it, and the attributes of
 * instances kept inline in the class's shared keys.
 *
 * What a class statement makes (`class A: pass`), as 3.11:
 *
 *	A ─ tp_dict ──> {'__module__': '__main__',
 *	│                '__dict__': <getset_descriptor> ──d_type──> A,
 *	│                '__weakref__': <getset_descriptor> ──d_type──> A,
 *	│                '__doc__': None}
 *	├─ tp_mro ───> (A, object)        the tuple holds A: A is a cycle
 *	├─ tp_bases ─> (object,)
 *	└─ tp_base ──> object
 *
 * so `del A; gc.collect()` finds 6 objects and sys.getrefcount(A) is 5.
 * The descriptors exist only where CPython adds them: in a class whose
 * best base gives its instances no __dict__ (object).  `object` is one
 * per heap, made with the first class: CPython's is static, shared by all
 * interpreters and never collected; ours is an internal root (immortal,
 * untracked, so gc.get_objects() does not list it), and its count is the
 * references the heap's classes hold, not CPython's (docs/objects.md).
 *
 * Instances store attribute values inline, in the slot their name has in
 * the class's shared keys (3.11's PyDictValues, CACHED_KEYS): the keys
 * grow as any instance of the class stores a new name, up to 30; a name
 * that does not fit, or a request for obj.__dict__, moves the values into
 * a real dict (make_dict_from_instance), after which the instance is two
 * GC objects.
 *
 * Nothing here recurses; loops over user-sized data (bases, MROs) draw
 * from the op's work budget.  Locking: the heap's mutex (heap.h).
 */
#include "../heap.h"
#include "../descr.h"

static bool str_is(const struct pymm_object *o, const char *s, u32 len)
{
	const struct pymm_str *k = (const struct pymm_str *)o;

	return o->type == PYMM_T_STR && k->len == len && !memcmp(k->data, s, len);
}

static bool name_is(const char *s, u32 len, const char *lit)
{
	return len == strlen(lit) && !memcmp(s, lit, len);
}

static struct pymm_class *as_class(struct pymm_object *o)
{
	return (struct pymm_class *)o;
}

/* ------------------------------------------------------------- object */

/* The heap's `object` (borrowed), made on first use. */
struct pymm_object *pymm_type_object(struct pymm_heap *h, int *err)
{
	struct pymm_object *o;
	struct pymm_class *c;

	if (h->object_type)
		return h->object_type;
	o = pymm_obj_alloc(h, PYMM_T_CLASS, sizeof(*c), err);
	if (!o)
		return NULL;
	c = as_class(o);
	c->name = pymm_ident_new(h, "object", 6, err);
	if (!c->name) {
		pymm_obj_decref(h, o);
		return NULL;
	}
	/* never tracked: CPython's static types are no GC objects */
	o->flags |= PYMM_OF_IMMORTAL;
	h->object_type = o;
	return o;
}

/* ------------------------------------------------------------- lookup */

/* _PyType_Lookup: the first class of type's MRO (after `after`) defining name */
static struct pymm_object *lookup_after(struct pymm_object *type, struct pymm_object *after,
					const char *s, u32 len, s64 hash)
{
	struct pymm_class *c = as_class(type);
	struct pymm_dict_entry *e;
	struct pymm_tuple *mro;
	u32 i = 0;

	if (!c->mro) {
		/* object, or a class whose cycle was cleared: its own dict only */
		if (after || !c->dict)
			return NULL;
		e = pymm_dict_find_name(c->dict, s, len, hash);
		return e ? e->value : NULL;
	}
	mro = (struct pymm_tuple *)c->mro;
	if (after) {
		while (i < mro->len && mro->items[i] != after)
			i++;
		i++;
	}
	for (; i < mro->len; i++) {
		struct pymm_class *k = as_class(mro->items[i]);

		if (!k || k->ob.type != PYMM_T_CLASS || !k->dict)
			continue;
		e = pymm_dict_find_name(k->dict, s, len, hash);
		if (e)
			return e->value;
	}
	return NULL;
}

struct pymm_object *pymm_type_lookup(struct pymm_object *type, const char *s, u32 len)
{
	return lookup_after(type, NULL, s, len, pymm_hash_bytes(s, len));
}

/*
 * The finalizer of instances of type: its __del__, found through the MRO
 * as CPython's slot_tp_finalize does (borrowed; NULL if none).
 */
struct pymm_object *pymm_type_finalizer(struct pymm_heap *h, struct pymm_object *type)
{
	if (!type || type->type != PYMM_T_CLASS)
		return NULL;
	return pymm_type_lookup(type, "__del__", 7);
}

/* the script language's print-literal finalizer text, through the MRO */
struct pymm_object *pymm_type_finalizer_text(struct pymm_object *type)
{
	struct pymm_class *c = as_class(type);
	struct pymm_tuple *mro;
	u32 i;

	if (!c || type->type != PYMM_T_CLASS)
		return NULL;
	if (c->finalizer || !c->mro)
		return c->finalizer;
	mro = (struct pymm_tuple *)c->mro;
	for (i = 0; i < mro->len; i++) {
		struct pymm_class *k = as_class(mro->items[i]);

		if (k && k->ob.type == PYMM_T_CLASS && k->finalizer)
			return k->finalizer;
		/* a __del__ of a class in between hides an older one */
		if (k && k->dict && pymm_dict_find_name(k->dict, "__del__", 7,
							pymm_hash_bytes("__del__", 7)))
			return NULL;
	}
	return NULL;
}

/* ------------------------------------------------------------ the MRO */

/* a static list or dict (no dict, a base): its MRO is (itself, object) */
static bool static_with_base(const struct pymm_class *c)
{
	return !c->mro && !c->dict && c->base;
}

static u32 seq_len_of(struct pymm_heap *h, struct pymm_object *cls)
{
	struct pymm_class *c = as_class(cls);

	if (static_with_base(c))
		return 2;
	return c->mro ? ((struct pymm_tuple *)c->mro)->len : 1;
}

static struct pymm_object *seq_item_of(struct pymm_object *cls, u32 i)
{
	struct pymm_class *c = as_class(cls);

	if (static_with_base(c))
		return i ? c->base : cls;
	return c->mro ? ((struct pymm_tuple *)c->mro)->items[i] : cls;
}

/*
 * C3 (typeobject.c's mro_implementation and pmerge): merges the bases'
 * MROs and the list of bases into out[1..], out[0] left for the class.
 * Returns the length, -EINVAL (*cerr = PYMM_CLASSERR_MRO) if no
 * consistent order exists, or the work budget's error.
 */
static int c3_merge(struct pymm_heap *h, struct pymm_tuple *bases, struct pymm_object **out,
		    u32 cap, u32 *remain, u32 *cerr)
{
	u32 n = bases->len, nl = n + 1, count = 1, i, j;
	int err;

	memset(remain, 0, nl * sizeof(*remain));
	for (;;) {
		u32 empty = 0;
		bool found = false;

		for (i = 0; i < nl && !found; i++) {
			u32 len_i = i < n ? seq_len_of(h, bases->items[i]) : n;
			struct pymm_object *cand;
			bool in_tail = false;

			if (remain[i] >= len_i) {
				empty++;
				continue;
			}
			cand = i < n ? seq_item_of(bases->items[i], remain[i]) :
			       bases->items[remain[i]];
			for (j = 0; j < nl && !in_tail; j++) {
				u32 len_j = j < n ? seq_len_of(h, bases->items[j]) : n, k;

				err = pymm_work(h, len_j + 1);
				if (err)
					return err;
				for (k = remain[j] + 1; k < len_j; k++) {
					struct pymm_object *x = j < n ?
						seq_item_of(bases->items[j], k) : bases->items[k];

					if (x == cand) {
						in_tail = true;
						break;
					}
				}
			}
			if (in_tail)
				continue;
			if (count >= cap)
				return -EINVAL;
			out[count++] = cand;
			for (j = 0; j < nl; j++) {
				u32 len_j = j < n ? seq_len_of(h, bases->items[j]) : n;
				struct pymm_object *x;

				if (remain[j] >= len_j)
					continue;
				x = j < n ? seq_item_of(bases->items[j], remain[j]) :
				    bases->items[remain[j]];
				if (x == cand)
					remain[j]++;
			}
			found = true;
		}
		if (found)
			continue;
		if (empty == nl)
			return count;
		*cerr = PYMM_CLASSERR_MRO;
		return -EINVAL;
	}
}

/* the tuple (cls,) + MRO, cls's reference included */
static struct pymm_object *make_mro(struct pymm_heap *h, struct pymm_object *cls,
				    struct pymm_tuple *bases, u32 *cerr, int *err)
{
	struct pymm_object **items, *t = NULL;
	u32 cap = 1, *remain, i;
	size_t bytes;
	int r;

	for (i = 0; i < bases->len; i++)
		cap += seq_len_of(h, bases->items[i]);
	bytes = (size_t)cap * sizeof(*items) + (bases->len + 1) * sizeof(*remain);
	items = pymm_heap_malloc(h, bytes);
	if (!items) {
		*err = h->alloc.last_error ? h->alloc.last_error : -ENOMEM;
		return NULL;
	}
	remain = (u32 *)(items + cap);
	items[0] = cls;
	if (bases->len == 1) {
		/* mro_implementation's shortcut: cls + the base's MRO */
		for (i = 0; i < seq_len_of(h, bases->items[0]); i++)
			items[i + 1] = seq_item_of(bases->items[0], i);
		r = (int)i + 1;
	} else {
		r = c3_merge(h, bases, items, cap, remain, cerr);
	}
	if (r < 0)
		*err = r;
	else
		t = pymm_tuple_new(h, items, (u32)r, err);
	pymm_free(&h->alloc, items, bytes);
	return t;
}

/* ---------------------------------------------------------- type_new */

static int dict_set_name(struct pymm_heap *h, struct pymm_object *d, const char *s,
			 struct pymm_object *v)
{
	struct pymm_object *key;
	int err;

	key = pymm_ident_new(h, s, strlen(s), &err);
	if (!key)
		return err;
	err = pymm_dict_set(h, d, key, v);
	pymm_obj_decref(h, key);
	return err;
}

static bool dict_has(struct pymm_object *d, const char *s)
{
	u32 len = strlen(s);

	return pymm_dict_find_name(d, s, len, pymm_hash_bytes(s, len));
}

static int add_getset(struct pymm_heap *h, struct pymm_object *cls, u32 which)
{
	struct pymm_class *c = as_class(cls);
	static const char *const names[] = { "__dict__", "__weakref__" };
	struct pymm_object *d;
	int err;

	if (dict_has(c->dict, names[which]))
		return 0;		/* PyDict_SetDefault */
	d = pymm_getset_new(h, cls, which, &err);
	if (!d)
		return err;
	err = dict_set_name(h, c->dict, names[which], d);
	pymm_obj_decref(h, d);
	return err;
}

/* bases must be distinct classes; cerr says which TypeError it is */
static int check_bases(struct pymm_heap *h, struct pymm_tuple *bases, u32 *cerr)
{
	u32 i, j;
	int err;

	for (i = 0; i < bases->len; i++) {
		struct pymm_object *b = bases->items[i];

		if (!b || b->type != PYMM_T_CLASS ||
		    (!as_class(b)->dict && !pymm_type_is_static(h, b))) {
			*cerr = PYMM_CLASSERR_BASE;
			return -EINVAL;
		}
		err = pymm_work(h, i + 1);
		if (err)
			return err;
		for (j = 0; j < i; j++) {
			if (bases->items[j] == b) {
				*cerr = PYMM_CLASSERR_DUPLICATE;
				return -EINVAL;
			}
		}
	}
	return 0;
}

/*
 * best_base: the base whose instances' layout the others' extend.  Ours
 * are object's, a list's or a dict's (subobj.h); the first base with a
 * list or dict layout wins, and a second, different one is CPython's
 * "multiple bases have instance lay-out conflict".
 */
static int best_base(struct pymm_tuple *bases, struct pymm_object **best, u8 *layout,
		     u32 *cerr)
{
	u32 i;

	*best = bases->items[0];
	*layout = PYMM_LAYOUT_OBJECT;
	for (i = 0; i < bases->len; i++) {
		u8 l = as_class(bases->items[i])->layout;

		if (l == PYMM_LAYOUT_OBJECT)
			continue;
		if (*layout == PYMM_LAYOUT_OBJECT) {
			*best = bases->items[i];
			*layout = l;
		} else if (l != *layout) {
			*cerr = PYMM_CLASSERR_LAYOUT;
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * A class whose instances are lists or dicts (subobj.h): the interpreter
 * dispatches the list's and dict's own behaviour for them, never a special
 * method of the class (__setitem__, __len__, __repr__, __del__ ...), so a
 * class along the MRO that defines one is refused (PYMM_CLASSERR_SUBCLASS)
 * rather than ignored.  __init__ is run, __missing__ (dict's subscript on
 * a missing key) and __repr__ are dispatched by the interpreter (so
 * collections.defaultdict and Counter are dict subclasses, as CPython's),
 * and the names every class dict holds are no methods.
 */
static int subclass_dunders_check(struct pymm_heap *h, struct pymm_class *c, u32 *cerr)
{
	static const char *const fine[] = { "__init__", "__missing__", "__repr__",
					    "__module__", "__qualname__", "__doc__", "__dict__",
					    "__weakref__", "__new__", "__slots__", "__match_args__",
					    "__getnewargs__" };
	struct pymm_tuple *mro = (struct pymm_tuple *)c->mro;
	struct pymm_object *k, *v;
	u32 i, j, pos;
	int err;

	for (i = 0; i < mro->len; i++) {
		struct pymm_class *b = as_class(mro->items[i]);

		for (pos = 0; b->dict && pymm_dict_next(b->dict, &pos, &k, &v);) {
			struct pymm_str *n = (struct pymm_str *)k;

			err = pymm_work(h, 1);
			if (err)
				return err;
			if (k->type != PYMM_T_STR || n->len < 5 || memcmp(n->data, "__", 2) ||
			    memcmp(n->data + n->len - 2, "__", 2))
				continue;
			for (j = 0; j < ARRAY_SIZE(fine) && !str_is(k, fine[j], strlen(fine[j])); j++)
				;
			if (j == ARRAY_SIZE(fine)) {
				*cerr = PYMM_CLASSERR_SUBCLASS;
				return -EINVAL;
			}
		}
		if (b->finalizer) {
			*cerr = PYMM_CLASSERR_SUBCLASS;
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * type_new_set_names: a property learns the name it is stored under.  The
 * walk is as long as the namespace copy that already drew on the budget.
 */
static void set_names(struct pymm_heap *h, struct pymm_class *c)
{
	struct pymm_object *k, *v;
	u32 pos = 0;

	while (pymm_dict_next(c->dict, &pos, &k, &v))
		if (pymm_descr_kind(v) == PYMM_DESCR_PROPERTY)
			pymm_descr_set_name(h, v, k);
}

/*
 * BaseException's C fields (PyBaseExceptionObject: args, traceback,
 * context, cause, suppress_context; __notes__ is refused by the
 * interpreter).  An exception keeps them as the first values of its
 * class's shared keys, outside its __dict__, so e.__dict__ is only what
 * a script stored and a cycle through __context__ is two objects, as in
 * CPython.  The static BaseException gets them; every class deriving
 * from it inherits them and takes no other shared key (usable 0): its
 * instances' other attributes live in a real dict, as BaseException's
 * tp_dictoffset dict.
 */
static const char *const exc_field_names[] = {
	"args", "__traceback__", "__context__", "__cause__", "__suppress_context__",
};

static int exc_fields_make(struct pymm_heap *h, struct pymm_class *c)
{
	u32 i;
	int err = 0;

	for (i = 0; i < ARRAY_SIZE(exc_field_names); i++) {
		c->keys[i] = pymm_ident_new(h, exc_field_names[i], strlen(exc_field_names[i]),
					    &err);
		if (!c->keys[i])
			return err;
		c->nkeys = (u8)(i + 1);
	}
	c->exc_fields = c->nkeys;
	c->usable = 0;
	return 0;
}

/* a class with an exception among its bases: BaseException's layout */
static void exc_fields_inherit(struct pymm_class *c, struct pymm_tuple *bases)
{
	struct pymm_class *b = NULL;
	u32 i;

	for (i = 0; i < bases->len && !b; i++)
		if (as_class(bases->items[i])->exc_fields)
			b = as_class(bases->items[i]);
	if (!b || c->nkeys)
		return;
	for (i = 0; i < b->exc_fields; i++)
		c->keys[i] = pymm_obj_incref(b->keys[i]);
	c->nkeys = b->exc_fields;
	c->exc_fields = b->exc_fields;
	c->usable = 0;
}

/*
 * type_new + PyType_Ready for a class statement: name, the class body's
 * namespace (copied as type_new copies it, __qualname__ left out; may be
 * NULL), the bases tuple (NULL or empty: object) and the legacy
 * finalizer text (may be NULL).  A new reference, or NULL with *err; on a
 * TypeError, *err is -EINVAL and *cerr a PYMM_CLASSERR_*.
 */
struct pymm_object *pymm_class_build(struct pymm_heap *h, const char *name, u32 name_len,
				     const char *fin, u32 fin_len, struct pymm_object *ns,
				     struct pymm_object *bases_in, int *err, u32 *cerr)
{
	struct pymm_object *object, *o, *bases = NULL, *k, *v;
	struct pymm_class *c;
	u32 pos = 0;

	*cerr = 0;
	object = pymm_type_object(h, err);
	if (!object)
		return NULL;
	if (bases_in && ((struct pymm_tuple *)bases_in)->len) {
		*err = check_bases(h, (struct pymm_tuple *)bases_in, cerr);
		if (*err)
			return NULL;
		bases = pymm_obj_incref(bases_in);
	} else {
		bases = pymm_tuple_new(h, &object, 1, err);
		if (!bases)
			return NULL;
	}
	o = pymm_obj_alloc(h, PYMM_T_CLASS, sizeof(*c), err);
	if (!o) {
		pymm_obj_decref(h, bases);
		return NULL;
	}
	c = as_class(o);
	c->bases = bases;
	c->usable = PYMM_SHARED_KEYS_MAX;
	*err = pymm_slots_prepare(h, o, ns, (struct pymm_tuple *)bases, cerr);
	if (*err)
		goto fail;
	*err = best_base((struct pymm_tuple *)bases, &c->base, &c->layout, cerr);
	if (*err) {
		c->base = NULL;
		goto fail;
	}
	exc_fields_inherit(c, (struct pymm_tuple *)bases);
	pymm_obj_incref(c->base);
	c->name = pymm_ident_new(h, name, name_len, err);
	if (!c->name)
		goto fail;
	if (fin) {
		c->finalizer = pymm_str_new(h, fin, fin_len, err);
		if (!c->finalizer)
			goto fail;
	}
	c->dict = pymm_dict_new(h, err);
	if (!c->dict)
		goto fail;
	while (ns && pymm_dict_next(ns, &pos, &k, &v)) {
		*err = pymm_work(h, 1);
		if (*err)
			goto fail;
		if (!str_is(k, "__qualname__", 12)) {
			*err = pymm_dict_set(h, c->dict, k, v);
			if (*err)
				goto fail;
			continue;
		}
		/* type_new_set_names: ht_qualname, "f.<locals>.C" for a nested class */
		if (v->type != PYMM_T_STR) {
			*cerr = PYMM_CLASSERR_QUALNAME;
			*err = -EINVAL;
			goto fail;
		}
		pymm_obj_xdecref(h, c->qualname);
		c->qualname = pymm_obj_incref(v);
	}
	if (!dict_has(c->dict, "__module__")) {
		struct pymm_object *mod = pymm_ident_new(h, "__main__", 8, err);

		if (!mod)
			goto fail;
		*err = dict_set_name(h, c->dict, "__module__", mod);
		pymm_obj_decref(h, mod);
		if (*err)
			goto fail;
	}
	*err = pymm_slots_add_members(h, o);
	if (*err)
		goto fail;
	/*
	 * type_add_getset: only where the best base's instances lack them (a
	 * static type, or a tuple subclass with an empty __slots__)
	 */
	if ((!as_class(c->base)->dict || as_class(c->base)->slots) && !c->slots) {
		*err = add_getset(h, o, PYMM_GETSET_DICT);
		/* type_new: never __weakref__ on a variable-size base (tuple) */
		if (!*err && c->layout != PYMM_LAYOUT_TUPLE)
			*err = add_getset(h, o, PYMM_GETSET_WEAKREF);
		if (*err)
			goto fail;
	}
	if (!dict_has(c->dict, "__doc__")) {
		*err = dict_set_name(h, c->dict, "__doc__", h->none);
		if (*err)
			goto fail;
	}
	/* type_ready_set_hash: __eq__ without __hash__ makes instances unhashable */
	if (dict_has(c->dict, "__eq__") && !dict_has(c->dict, "__hash__")) {
		*err = dict_set_name(h, c->dict, "__hash__", h->none);
		if (*err)
			goto fail;
	}
	c->mro = make_mro(h, o, (struct pymm_tuple *)bases, cerr, err);
	if (!c->mro)
		goto fail;
	if (c->layout != PYMM_LAYOUT_OBJECT) {
		*err = subclass_dunders_check(h, c, cerr);
		if (*err)
			goto fail;
	}
	set_names(h, c);
	pymm_gc_track(h, o);
	return o;
fail:
	/* the descriptors refer to the class: break that before dropping it */
	pymm_class_type.clear(h, o);
	pymm_obj_decref(h, o);
	return NULL;
}

/* ------------------------------------------------------- static types */

/*
 * CPython's builtin exception classes are statically allocated types: made
 * before any script runs, no GC objects.  So a script's first `raise
 * KeyError` must not move gc.get_count() (it moved it by eight: KeyError,
 * LookupError, their dicts, MROs and bases), and ValueError is not in
 * gc.get_objects(), untracked, without referents.  The interpreter asks for
 * them by name from every run on the heap, so the heap keeps one per name
 * (a bounded table: PYMM_STATIC_CLASSES_MAX, more than 3.11's exception
 * classes), held until the heap goes (heap.c's teardown clears them).
 */
static struct pymm_object *static_class_find(struct pymm_heap *h, const char *s, u32 len)
{
	u32 i;

	for (i = 0; i < h->nstatic_classes; i++)
		if (str_is(as_class(h->static_classes[i])->name, s, len))
			return h->static_classes[i];
	return NULL;
}

/* a static type's MRO and bases are no GC objects either */
static void static_untrack(struct pymm_heap *h, struct pymm_object *o)
{
	if (o && pymm_gc_is_tracked(o))
		pymm_gc_untrack(h, o);
}

static struct pymm_object *static_class_build(struct pymm_heap *h, const char *s, u32 len,
					      struct pymm_object *base, int *err)
{
	struct pymm_object *ns, *mod, *bases = NULL, *o;
	u32 cerr;

	ns = pymm_dict_new(h, err);
	if (!ns)
		return NULL;
	mod = pymm_ident_new(h, "builtins", 8, err);
	if (mod) {
		*err = dict_set_name(h, ns, "__module__", mod);
		pymm_obj_decref(h, mod);
	}
	if (mod && !*err && base)
		bases = pymm_tuple_new(h, &base, 1, err);
	o = mod && !*err && (bases || !base) ?
	    pymm_class_build(h, s, len, NULL, 0, ns, bases, err, &cerr) : NULL;
	pymm_obj_decref(h, ns);
	if (bases)
		pymm_obj_decref(h, bases);
	if (!o)
		return NULL;
	if (!base && name_is(s, len, "BaseException")) {
		*err = exc_fields_make(h, as_class(o));
		if (*err) {
			pymm_class_type.clear(h, o);
			pymm_obj_decref(h, o);
			return NULL;
		}
	}
	static_untrack(h, o);
	static_untrack(h, as_class(o)->mro);
	static_untrack(h, as_class(o)->bases);
	as_class(o)->static_type = 1;
	o->flags |= PYMM_OF_IMMORTAL;
	return o;
}

/* CLASS_NEW with PYMM_CLASSF_STATIC: the heap's class of that name, made once */
struct pymm_object *pymm_class_static(struct pymm_heap *h, const char *s, u32 len,
				      struct pymm_object *base, int *err)
{
	u64 count0 = h->gc.count[0];
	struct pymm_object *o;

	pymm_lockdep_assert_held(&h->lock);
	if (base && (base->type != PYMM_T_CLASS || !as_class(base)->static_type)) {
		*err = -EINVAL;
		return NULL;
	}
	o = static_class_find(h, s, len);
	if (o) {
		/* one class per name: asked again, it must be asked alike */
		if (as_class(o)->base != (base ? base : h->object_type)) {
			*err = -EINVAL;
			return NULL;
		}
		return pymm_obj_incref(o);
	}
	if (h->nstatic_classes == PYMM_STATIC_CLASSES_MAX) {
		*err = -ENOSPC;
		return NULL;
	}
	o = static_class_build(h, s, len, base, err);
	/* what it allocated is no script's: generation 0's count stays */
	h->gc.count[0] = count0;
	if (!o)
		return NULL;
	h->static_classes[h->nstatic_classes++] = pymm_obj_incref(o);
	return o;
}

/* heap teardown: the static classes go before `object`, which they derive from */
void pymm_class_static_drop_all(struct pymm_heap *h)
{
	while (h->nstatic_classes) {
		struct pymm_object *o = h->static_classes[--h->nstatic_classes];

		h->static_classes[h->nstatic_classes] = NULL;
		pymm_class_type.clear(h, o);
		o->flags &= ~PYMM_OF_IMMORTAL;
		pymm_obj_decref(h, o);
	}
}

/* ----------------------------------------------------- instance values */

static int keys_index(struct pymm_class *c, const char *s, u32 len)
{
	u32 i;

	for (i = 0; i < c->nkeys; i++)
		if (str_is(c->keys[i], s, len))
			return (int)i;
	return -1;
}

/* make_dict_from_instance: the values move into a dict, in this instance's order */
static int materialise(struct pymm_heap *h, struct pymm_instance *in)
{
	struct pymm_class *c = as_class(in->cls);
	struct pymm_object *d;
	u32 i;
	int err;

	if (!in->inline_values)
		return 0;
	d = pymm_dict_new(h, &err);
	if (!d)
		return err;
	for (i = 0; i < in->norder; i++) {
		u8 ix = in->order[i];

		err = pymm_dict_set(h, d, c->keys[ix], in->values[ix]);
		if (err) {
			pymm_obj_decref(h, d);
			return err;
		}
	}
	in->dict = d;
	in->inline_values = 0;
	/* the dict holds each value now: these drops free nothing */
	for (i = c->exc_fields; i < in->nvalues; i++) {
		struct pymm_object *v = in->values[i];

		in->values[i] = NULL;
		pymm_obj_xdecref(h, v);
	}
	in->nvalues = min(in->nvalues, c->exc_fields);
	in->norder = 0;
	return 0;
}

/* an exception's C field ix (< exc_fields): set, replaced or deleted */
static int exc_field_store(struct pymm_heap *h, struct pymm_instance *in, int ix,
			   struct pymm_object *v)
{
	struct pymm_object *old = in->values[ix];

	if (!v && !old)
		return -ENOENT;
	in->values[ix] = v ? pymm_obj_incref(v) : NULL;
	if (ix >= in->nvalues)
		in->nvalues = (u8)(ix + 1);
	pymm_obj_xdecref(h, old);
	return 0;
}

static void order_remove(struct pymm_instance *in, u8 ix)
{
	u32 i;

	for (i = 0; i < in->norder; i++) {
		if (in->order[i] == ix) {
			memmove(&in->order[i], &in->order[i + 1], in->norder - i - 1);
			in->norder--;
			return;
		}
	}
}

/*
 * _PyObject_StoreInstanceAttribute: v NULL deletes (-ENOENT if absent).
 * A name new to the class joins its shared keys, even by a failed delete,
 * as insert_into_dictkeys does.
 */
static int instance_store(struct pymm_heap *h, struct pymm_instance *in, const char *s, u32 len,
			  struct pymm_object *v)
{
	struct pymm_class *c = as_class(in->cls);
	struct pymm_object *old, *key;
	int ix, err;

	if (c->exc_fields) {
		ix = keys_index(c, s, len);
		if (ix >= 0 && ix < c->exc_fields)
			return exc_field_store(h, in, ix, v);
	}
	if (in->inline_values) {
		ix = keys_index(c, s, len);
		if (ix < 0 && c->usable > 0 && c->nkeys < PYMM_SHARED_KEYS_MAX) {
			key = pymm_ident_new(h, s, len, &err);
			if (!key)
				return err;
			ix = c->nkeys;
			c->keys[c->nkeys++] = key;
			c->usable--;
		}
		if (ix < 0 && c->slots)
			return -ENOENT;	/* no __dict__: AttributeError */
		if (ix >= 0) {
			old = in->values[ix];
			if (!v) {
				if (!old)
					return -ENOENT;
				in->values[ix] = NULL;
				order_remove(in, (u8)ix);
				pymm_obj_decref(h, old);
				return 0;
			}
			in->values[ix] = pymm_obj_incref(v);
			if (old) {
				pymm_obj_decref(h, old);
				return 0;
			}
			in->order[in->norder++] = (u8)ix;
			if (ix >= in->nvalues)
				in->nvalues = (u8)(ix + 1);
			return 0;
		}
		err = materialise(h, in);
		if (err)
			return err;
	}
	if (!v) {
		struct pymm_dict_entry *e = pymm_dict_find_name(in->dict, s, len,
								pymm_hash_bytes(s, len));

		return e ? pymm_dict_del(h, in->dict, e->key) : -ENOENT;
	}
	key = pymm_str_new(h, s, len, &err);
	if (!key)
		return err;
	err = pymm_dict_set(h, in->dict, key, v);
	pymm_obj_decref(h, key);
	return err;
}

static struct pymm_object *instance_value(struct pymm_instance *in, const char *s, u32 len,
					  s64 hash)
{
	struct pymm_dict_entry *e;
	int ix;

	if (as_class(in->cls)->exc_fields) {
		ix = keys_index(as_class(in->cls), s, len);
		if (ix >= 0 && ix < as_class(in->cls)->exc_fields)
			return ix < in->nvalues ? in->values[ix] : NULL;
	}
	if (in->inline_values) {
		ix = keys_index(as_class(in->cls), s, len);
		return ix >= 0 && ix < in->nvalues ? in->values[ix] : NULL;
	}
	e = in->dict ? pymm_dict_find_name(in->dict, s, len, hash) : NULL;
	return e ? e->value : NULL;
}

/* ----------------------------------------------------------- getattr */

/* getset_get: obj.__dict__ (materialised) or obj.__weakref__ */
static int getset_get(struct pymm_heap *h, struct pymm_getset *d, struct pymm_object *o,
		      struct pymm_object **out)
{
	struct pymm_instance *in = (struct pymm_instance *)o;
	int err;

	if (o->type != PYMM_T_INSTANCE)
		return -EOPNOTSUPP;
	if (d->which == PYMM_GETSET_DICT) {
		err = materialise(h, in);
		if (err)
			return err;
		*out = pymm_obj_incref(in->dict);
		return 0;
	}
	*out = pymm_obj_incref(in->weaklist ? &in->weaklist->ob : h->none);
	return 0;
}

/*
 * tp_descr_get of what a lookup found on type (obj NULL: on the class
 * itself): a staticmethod gives its function, a classmethod a method
 * bound to the type, anything else (a property read on the class, a
 * plain value) itself.  A new reference in *out.
 */
static int descr_get(struct pymm_heap *h, struct pymm_object *v, struct pymm_object *obj,
		     struct pymm_object *type, struct pymm_object **out)
{
	struct pymm_descr *d = (struct pymm_descr *)v;
	int err = 0;

	switch (pymm_descr_kind(v)) {
	case PYMM_DESCR_STATICMETHOD:
	case PYMM_DESCR_CLASSMETHOD:
		if (!d->fget)
			return -EOPNOTSUPP;	/* cleared by the collector */
		if (d->kind == PYMM_DESCR_STATICMETHOD) {
			*out = pymm_obj_incref(d->fget);
			return 0;
		}
		*out = pymm_method_new(h, d->fget, type, &err);
		return *out ? 0 : err;
	default:
		*out = pymm_obj_incref(v);
		return 0;
	}
}

/* a property's function for the client to call; -ENOENT when it has none */
static int property_func(struct pymm_object *f, struct pymm_object **out, u32 *how)
{
	if (!f) {
		*how = PYMM_ATTR_NO_ACCESSOR;
		return -ENOENT;
	}
	*how = PYMM_ATTR_PROPERTY;
	*out = pymm_obj_incref(f);
	return 0;
}

static int class_getattr(struct pymm_heap *h, struct pymm_object *o, const char *s, u32 len,
			 s64 hash, struct pymm_object **out)
{
	struct pymm_class *c = as_class(o);
	struct pymm_object *v = NULL;
	int err = 0;

	/* type's own data descriptors first (type_getattro's meta lookup) */
	if (name_is(s, len, "__name__")) {
		v = pymm_obj_incref(c->name);
	} else if (name_is(s, len, "__qualname__")) {
		v = pymm_obj_incref(c->qualname ? c->qualname : c->name);
	} else if (name_is(s, len, "__mro__")) {
		v = c->mro ? pymm_obj_incref(c->mro) :
		    c->dict ? pymm_obj_incref(h->none) : pymm_tuple_new(h, &o, 1, &err);
	} else if (name_is(s, len, "__bases__")) {
		v = c->bases ? pymm_obj_incref(c->bases) : pymm_obj_incref(h->empty_tuple);
	} else if (name_is(s, len, "__base__")) {
		v = pymm_obj_incref(c->base ? c->base : h->none);
	} else if (name_is(s, len, "__dict__")) {
		/* a mappingproxy in CPython: pymm hands out the dict (docs/objects.md) */
		v = c->dict ? pymm_obj_incref(c->dict) : pymm_dict_new(h, &err);
	} else if (!name_is(s, len, "__class__")) {
		v = lookup_after(o, NULL, s, len, hash);
		if (!v)
			return -ENOENT;
		return descr_get(h, v, NULL, o, out);
	} else {
		return -EOPNOTSUPP;	/* `type` is no object in pymm */
	}
	if (!v)
		return err;
	*out = v;
	return 0;
}

/*
 * What an attribute found on the type (descr, NULL: none) gives an
 * object o of class cls: a function bound to o (unbound with
 * PYMM_ATTR_UNBOUND for LOAD_METHOD), anything else through descr_get.
 */
static int type_attr_for(struct pymm_heap *h, struct pymm_object *descr, struct pymm_object *o,
			 struct pymm_object *cls, bool method, struct pymm_object **out, u32 *how)
{
	int err;

	if (!descr)
		return -ENOENT;
	if (descr->type == PYMM_T_FUNCTION) {
		if (method) {
			*how = PYMM_ATTR_UNBOUND;
			*out = pymm_obj_incref(descr);
			return 0;
		}
		*out = pymm_method_new(h, descr, o, &err);
		return *out ? 0 : err;
	}
	return descr_get(h, descr, o, cls, out);
}

/*
 * PyObject_GenericGetAttr for an instance (method: LOAD_METHOD, a
 * function found on the class is returned unbound with *how
 * PYMM_ATTR_UNBOUND; a property, a data descriptor, wins over the
 * instance's values and its fget is returned with PYMM_ATTR_PROPERTY;
 * after: super(), the MRO search starts after that class and the
 * instance's own values are skipped).  A new reference in *out, or
 * -ENOENT (AttributeError) and other errors.
 */
static int instance_getattr(struct pymm_heap *h, struct pymm_object *o, const char *s, u32 len,
			    s64 hash, struct pymm_object *after, bool method,
			    struct pymm_object **out, u32 *how)
{
	struct pymm_instance *in = (struct pymm_instance *)o;
	struct pymm_object *descr, *v;

	if (name_is(s, len, "__class__") && !after) {
		*out = pymm_obj_incref(in->cls);
		return 0;
	}
	descr = lookup_after(in->cls, after, s, len, hash);
	if (descr && descr->type == PYMM_T_GETSET)
		return getset_get(h, (struct pymm_getset *)descr, o, out);
	if (pymm_descr_kind(descr) == PYMM_DESCR_PROPERTY)
		return property_func(((struct pymm_descr *)descr)->fget, out, how);
	if (pymm_descr_kind(descr) == PYMM_DESCR_MEMBER) {
		/* member_get: the slot's value, unset an AttributeError */
		v = instance_value(in, s, len, hash);
		if (!v || ((struct pymm_descr *)descr)->type != in->cls)
			return -ENOENT;
		*out = pymm_obj_incref(v);
		return 0;
	}
	if (!after) {
		v = instance_value(in, s, len, hash);
		if (v) {
			*out = pymm_obj_incref(v);
			return 0;
		}
	}
	return type_attr_for(h, descr, o, in->cls, method, out, how);
}

/*
 * PyObject_GenericGetAttr for a list or dict that is an instance of a
 * class (subobj.h): as instance_getattr, with the values in the __dict__
 * (made by the first store or by asking for it).
 */
static int subobj_getattr(struct pymm_heap *h, struct pymm_object *o, const char *s, u32 len,
			  s64 hash, struct pymm_object *after, bool method,
			  struct pymm_object **out, u32 *how)
{
	struct pymm_subext *x = pymm_subext(o);
	struct pymm_dict_entry *e;
	struct pymm_object *descr;

	if (name_is(s, len, "__class__") && !after) {
		*out = pymm_obj_incref(x->cls);
		return 0;
	}
	descr = lookup_after(x->cls, after, s, len, hash);
	if (descr && descr->type == PYMM_T_GETSET) {
		if (((struct pymm_getset *)descr)->which == PYMM_GETSET_DICT)
			return pymm_sub_dict(h, o, out);
		*out = pymm_obj_incref(x->weaklist ? &x->weaklist->ob : h->none);
		return 0;
	}
	if (pymm_descr_kind(descr) == PYMM_DESCR_PROPERTY)
		return property_func(((struct pymm_descr *)descr)->fget, out, how);
	e = !after && x->dict ? pymm_dict_find_name(x->dict, s, len, hash) : NULL;
	if (e) {
		*out = pymm_obj_incref(e->value);
		return 0;
	}
	return type_attr_for(h, descr, o, x->cls, method, out, how);
}

/*
 * Attribute lookup for the class machinery's objects (instances, classes,
 * bound methods, descriptors); ops.c handles functions itself.  Returns
 * -ENOENT for an AttributeError, -EOPNOTSUPP for what pymm does not model.
 */
int pymm_attr_get(struct pymm_heap *h, struct pymm_object *o, const char *s, u32 len,
		  struct pymm_object *after, bool method, struct pymm_object **out, u32 *how)
{
	s64 hash = pymm_hash_bytes(s, len);

	*how = 0;
	switch (o->type) {
	case PYMM_T_INSTANCE:
		return instance_getattr(h, o, s, len, hash, after, method, out, how);
	case PYMM_T_LIST:
	case PYMM_T_DICT:
	case PYMM_T_TUPLE:
		if (!pymm_subext(o))
			return -ENOENT;
		return subobj_getattr(h, o, s, len, hash, after, method, out, how);
	case PYMM_T_OBJECT:
		/* object(): its type's attributes are no heap objects (baseobj.c) */
		if (!name_is(s, len, "__class__") || !h->object_type)
			return -ENOENT;
		*out = pymm_obj_incref(h->object_type);
		return 0;
	case PYMM_T_CLASS:
		if (after)
			return -EOPNOTSUPP;
		return class_getattr(h, o, s, len, hash, out);
	case PYMM_T_METHOD: {
		struct pymm_method *m = (struct pymm_method *)o;

		if (name_is(s, len, "__func__"))
			*out = pymm_obj_incref(m->func);
		else if (name_is(s, len, "__self__"))
			*out = pymm_obj_incref(m->self);
		else if (name_is(s, len, "__name__") && m->func->type == PYMM_T_FUNCTION)
			*out = pymm_obj_incref(((struct pymm_function *)m->func)->name);
		else
			return -ENOENT;
		return 0;
	}
	case PYMM_T_DESCR: {
		struct pymm_descr *d = (struct pymm_descr *)o;
		struct pymm_object *v = NULL;

		if (d->kind == PYMM_DESCR_PROPERTY && name_is(s, len, "fget"))
			v = d->fget ? d->fget : h->none;
		else if (d->kind == PYMM_DESCR_PROPERTY && name_is(s, len, "fset"))
			v = d->fset ? d->fset : h->none;
		else if (d->kind == PYMM_DESCR_PROPERTY && name_is(s, len, "fdel"))
			v = d->fdel ? d->fdel : h->none;
		else if (name_is(s, len, "__doc__") && d->kind == PYMM_DESCR_PROPERTY)
			v = d->doc ? d->doc : h->none;
		else if (d->kind != PYMM_DESCR_PROPERTY && name_is(s, len, "__func__"))
			v = d->fget;
		else if (d->kind != PYMM_DESCR_PROPERTY && name_is(s, len, "__dict__"))
			v = d->dict;
		else if (d->kind == PYMM_DESCR_MEMBER && name_is(s, len, "__name__"))
			v = d->name;
		else if (d->kind == PYMM_DESCR_MEMBER && name_is(s, len, "__objclass__"))
			v = d->type;
		if (!v)
			return -ENOENT;
		*out = pymm_obj_incref(v);
		return 0;
	}
	case PYMM_T_GETSET: {
		struct pymm_getset *d = (struct pymm_getset *)o;

		if (name_is(s, len, "__name__"))
			*out = pymm_obj_incref(d->name);
		else if (name_is(s, len, "__objclass__"))
			*out = pymm_obj_incref(d->type);
		else
			return -ENOENT;
		return 0;
	}
	default:
		return -ENOENT;
	}
}

/*
 * Setting (v) or deleting (v NULL) an attribute of an instance or a
 * class.  -ENOENT: AttributeError; -EINVAL with *exc: the exception;
 * -EOPNOTSUPP: not modelled by pymm (__class__, __bases__ ... assignment).
 */
int pymm_attr_set(struct pymm_heap *h, struct pymm_object *o, const char *s, u32 len,
		  struct pymm_object *v, u32 *exc, struct pymm_object **call)
{
	s64 hash = pymm_hash_bytes(s, len);
	struct pymm_object *descr, *key;
	struct pymm_class *c;
	int err;

	if (o->type == PYMM_T_INSTANCE || pymm_subext(o)) {
		struct pymm_instance *in = (struct pymm_instance *)o;
		struct pymm_subext *x = pymm_subext(o);

		if (name_is(s, len, "__class__"))
			return -EOPNOTSUPP;
		descr = lookup_after(x ? x->cls : in->cls, NULL, s, len, hash);
		if (descr && descr->type == PYMM_T_GETSET) {
			if (((struct pymm_getset *)descr)->which == PYMM_GETSET_DICT)
				return -EOPNOTSUPP;
			*exc = PYMM_EXC_ATTRIBUTE_ERROR;
			return -EPERM;	/* __weakref__ is not writable */
		}
		if (pymm_descr_kind(descr) == PYMM_DESCR_PROPERTY) {
			/* property_descr_set: the client calls fset(obj, v) / fdel(obj) */
			struct pymm_descr *d = (struct pymm_descr *)descr;

			*call = v ? d->fset : d->fdel;
			if (*call)
				return 0;
			*exc = PYMM_EXC_ATTRIBUTE_ERROR;
			return -ENOENT;
		}
		/* a tuple subclass with __slots__ = () all along: no __dict__ */
		if (x && !pymm_sub_has_dict(o))
			return -ENOENT;
		return x ? pymm_sub_store(h, o, s, len, v) : instance_store(h, in, s, len, v);
	}
	if (o->type != PYMM_T_CLASS)
		return -ENOENT;
	c = as_class(o);
	if (!c->dict) {
		*exc = PYMM_EXC_TYPE_ERROR;	/* object is immutable */
		return -EINVAL;
	}
	if (name_is(s, len, "__name__") || name_is(s, len, "__qualname__") ||
	    name_is(s, len, "__mro__") || name_is(s, len, "__bases__") ||
	    name_is(s, len, "__base__") || name_is(s, len, "__dict__") ||
	    name_is(s, len, "__class__"))
		return -EOPNOTSUPP;
	if (!v) {
		struct pymm_dict_entry *e = pymm_dict_find_name(c->dict, s, len, hash);

		return e ? pymm_dict_del(h, c->dict, e->key) : -ENOENT;
	}
	key = pymm_str_new(h, s, len, &err);
	if (!key)
		return err;
	err = pymm_dict_set(h, c->dict, key, v);
	pymm_obj_decref(h, key);
	return err;
}

/* --------------------------------------------------------------- ops */

/* CLASS_NEW of a static type: arg0 0, arg1 its base (0: object), no __del__ text */
static int op_class_new_static(struct pymm_opctx *x, const char *s, u32 nlen, const char *fin)
{
	struct pymm_object *base = NULL, *o;
	int err;

	if (x->op->arg[0] || fin)
		return -EINVAL;
	if (x->op->arg[1]) {
		err = pymm_handle_get(x->c, x->op->arg[1], &base);
		if (err)
			return err;
	}
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	o = pymm_class_static(x->h, s, nlen, base, &err);
	return o ? pymm_ret_handle(x, o) : err;
}

static int op_class_new(struct pymm_opctx *x)
{
	struct pymm_object *ns = NULL, *bases = NULL, *o;
	const char *s = x->buf, *fin = NULL;
	u32 len = x->in_len, nlen = 0, flen = 0, cerr = 0;
	u64 flags = x->op->arg[2];
	int err;

	while (nlen < len && s[nlen])
		nlen++;
	if (nlen + 1 < len) {
		fin = s + nlen + 1;
		flen = len - nlen - 1;
		if (!fin[flen - 1])
			flen--;
	}
	if (!nlen || nlen >= PYMM_NAME_MAX)
		return nlen ? -ENAMETOOLONG : -EINVAL;
	if (!pymm_str_is_identifier(s, nlen))
		return -EINVAL;
	if (flags & ~(u64)PYMM_CLASSF_STATIC)
		return -EINVAL;
	if (flags)
		return op_class_new_static(x, s, nlen, fin);
	if (x->op->arg[0]) {
		err = pymm_handle_get(x->c, x->op->arg[0], &ns);
		if (err)
			return err;
		if (ns->type != PYMM_T_DICT)
			return -EINVAL;
	}
	if (x->op->arg[1]) {
		err = pymm_handle_get(x->c, x->op->arg[1], &bases);
		if (err)
			return err;
		if (bases->type != PYMM_T_TUPLE)
			return -EINVAL;
	}
	err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	o = pymm_class_build(x->h, s, nlen, fin, flen, ns, bases, &err, &cerr);
	if (!o) {
		if (cerr) {
			x->op->exc = PYMM_EXC_TYPE_ERROR;
			x->op->ret[1] = cerr;
		}
		return err;
	}
	return pymm_ret_handle(x, o);
}

static int op_load_method(struct pymm_opctx *x)
{
	struct pymm_object *o, *after = NULL, *v;
	struct pymm_name n;
	u32 how;
	int err;

	err = pymm_name_arg(x, &n);
	if (err)
		return err;
	err = pymm_handle_get(x->c, x->op->arg[0], &o);
	if (!err && x->op->arg[1])
		err = pymm_handle_get(x->c, x->op->arg[1], &after);
	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	if (after) {
		/* super(after, o): o must be an instance of a subclass of after */
		struct pymm_subext *sx = pymm_subext(o);
		struct pymm_tuple *mro = NULL;
		u32 i = 0;

		if (after->type != PYMM_T_CLASS || (o->type != PYMM_T_INSTANCE && !sx))
			goto type_error;
		mro = (struct pymm_tuple *)as_class(sx ? sx->cls :
						    ((struct pymm_instance *)o)->cls)->mro;
		while (mro && i < mro->len && mro->items[i] != after)
			i++;
		if (!mro || i == mro->len)
			goto type_error;
	}
	if (o->type != PYMM_T_INSTANCE && o->type != PYMM_T_CLASS && o->type != PYMM_T_OBJECT &&
	    o->type != PYMM_T_METHOD && o->type != PYMM_T_GETSET && o->type != PYMM_T_DESCR &&
	    !pymm_subext(o))
		return -EOPNOTSUPP;	/* ops.c's GETATTR serves the other types */
	err = pymm_attr_get(x->h, o, n.s, n.len, after, true, &v, &how);
	x->op->ret[1] = how;
	if (err) {
		if (err == -ENOENT)
			x->op->exc = PYMM_EXC_ATTRIBUTE_ERROR;
		return err;
	}
	return pymm_ret_handle(x, v);
type_error:
	x->op->exc = PYMM_EXC_TYPE_ERROR;
	return -EINVAL;
}

static int op_new_method(struct pymm_opctx *x)
{
	struct pymm_object *f, *self, *o;
	int err = pymm_handle_get(x->c, x->op->arg[0], &f);

	if (!err)
		err = pymm_handle_get(x->c, x->op->arg[1], &self);
	if (!err)
		err = pymm_handle_reserve(x->c, 1);
	if (err)
		return err;
	o = pymm_method_new(x->h, f, self, &err);
	return o ? pymm_ret_handle(x, o) : err;
}

static int op_frame_locals(struct pymm_opctx *x)
{
	struct pymm_client *c = x->c;
	struct pymm_object *ns = c->depth ? c->frames[c->depth - 1].locals : x->h->globals;
	int err = pymm_handle_reserve(c, 1);

	if (err)
		return err;
	/*
	 * A class body's namespace escapes its frame (it becomes the class's
	 * dict): from now on it is an ordinary dict, tracked by 3.11's rules
	 * (a full collection untracks it again if it holds no container).
	 */
	if (ns->flags & PYMM_OF_FIXED_TRACKING && ns != x->h->globals) {
		ns->flags &= ~PYMM_OF_FIXED_TRACKING;
		if (!pymm_gc_is_tracked(ns))
			pymm_gc_track(x->h, ns);
	}
	return pymm_ret_handle(x, pymm_obj_incref(ns));
}

/* PYMM_OP_CLASS_NEW .. PYMM_OP_FRAME_LOCALS (ops.c checked the generic parts) */
int pymm_class_op(struct pymm_opctx *x)
{
	switch (x->op->code) {
	case PYMM_OP_CLASS_NEW:
		return op_class_new(x);
	case PYMM_OP_LOAD_METHOD:
	case PYMM_OP_LOAD_METHOD_ID:
		return op_load_method(x);
	case PYMM_OP_NEW_METHOD:
		return op_new_method(x);
	case PYMM_OP_FRAME_LOCALS:
		return op_frame_locals(x);
	default:
		return -EINVAL;
	}
}
