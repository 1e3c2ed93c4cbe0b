// SPDX-License-Identifier: GPL-2.0
/*
 * slots.c - __slots__ at CLASS_NEW, as type_new does it for the simple and
 * common case: `__slots__ = ('x', 'y')` (a str, tuple or list of names) on
 * a class whose base is object.  The class then
 *
 *   - gets no __dict__ / __weakref__ getset: its instances have neither
 *     (obj.__dict__ is an AttributeError, weakref.ref(obj) a TypeError);
 *   - gets a member_descriptor per name in its dict, after the
 *     namespace's entries (type_new_descriptors), each referring to the
 *     class (so, as every class, it is a cycle);
 *   - stores its instances' values inline, indexed by the slot names
 *     (the class's shared keys, closed: usable 0), so an instance is one
 *     GC object whose referents are its set slots, then its class, as
 *     subtype_traverse visits them; any other name is an AttributeError.
 *
 * What type_new also does and pymm does not model is refused
 * (PYMM_CLASSERR_SLOTS, "not supported by pymm"): __dict__ or __weakref__
 * among the names, private (mangled) names, a base other than object,
 * subclassing a class with __slots__, a name that is also a class
 * attribute (CPython's ValueError), duplicates, more names than the
 * shared keys hold.
 */
#include "../heap.h"
#include "../descr.h"

static bool slot_name_ok(struct pymm_object *s)
{
	struct pymm_str *str;

	if (!s || s->type != PYMM_T_STR)
		return false;
	str = pymm_as_str(s);
	if (!pymm_str_is_identifier(str->data, str->len) || str->len >= PYMM_NAME_MAX)
		return false;
	if (str->data[0] >= '0' && str->data[0] <= '9')
		return false;
	/* __dict__, __weakref__ and private names (mangled by CPython) */
	return !(str->len > 2 && str->data[0] == '_' && str->data[1] == '_');
}

static struct pymm_object *ns_get(struct pymm_object *ns, const char *s, u32 len)
{
	struct pymm_dict_entry *e = pymm_dict_find_name(ns, s, len, pymm_hash_bytes(s, len));

	return e ? e->value : NULL;
}

/* the names of a __slots__ value: the str itself, or a tuple's / list's items */
static struct pymm_object *const *slot_names(struct pymm_object *v, struct pymm_object **one,
					     u32 *n)
{
	switch (v->type) {
	case PYMM_T_STR:
		*one = v;
		*n = 1;
		return one;
	case PYMM_T_TUPLE:
		*n = ((struct pymm_tuple *)v)->len;
		return ((struct pymm_tuple *)v)->items;
	case PYMM_T_LIST:
		*n = ((struct pymm_list *)v)->len;
		return ((struct pymm_list *)v)->items;
	default:
		return NULL;
	}
}

/*
 * Before the class dict is filled: cls's keys become the slot names if
 * ns has __slots__.  0, or -EINVAL with *cerr PYMM_CLASSERR_SLOTS.
 */
int pymm_slots_prepare(struct pymm_heap *h, struct pymm_object *cls, struct pymm_object *ns,
		       struct pymm_tuple *bases, u32 *cerr)
{
	struct pymm_class *c = (struct pymm_class *)cls;
	struct pymm_object *v, *one, *const *names;
	u32 n = 0, i, j;
	int err;

	for (i = 0; bases && i < bases->len; i++) {
		struct pymm_class *b = (struct pymm_class *)bases->items[i];

		/* a subclass of a class with __slots__, but a namedtuple's () */
		if (bases->items[i]->type == PYMM_T_CLASS && b->slots &&
		    (b->layout != PYMM_LAYOUT_TUPLE || b->nkeys))
			goto refuse;
	}
	v = ns ? ns_get(ns, "__slots__", 9) : NULL;
	if (!v)
		return 0;
	names = slot_names(v, &one, &n);
	if (!names || n > PYMM_SHARED_KEYS_MAX)
		goto refuse;
	/* on a tuple: `__slots__ = ()` alone, instances without __dict__ */
	if (bases && bases->len == 1 && bases->items[0]->type == PYMM_T_CLASS &&
	    ((struct pymm_class *)bases->items[0])->layout == PYMM_LAYOUT_TUPLE && !n) {
		c->slots = 1;
		return 0;
	}
	if (bases && (bases->len != 1 || bases->items[0] != h->object_type))
		goto refuse;
	for (i = 0; i < n; i++) {
		struct pymm_str *s;

		err = pymm_work(h, i + 1);
		if (err)
			return err;
		if (!slot_name_ok(names[i]))
			goto refuse;
		s = pymm_as_str(names[i]);
		if (ns_get(ns, s->data, s->len))
			goto refuse;	/* conflicts with class variable */
		for (j = 0; j < i; j++)
			if (pymm_as_str(names[j])->len == s->len &&
			    !memcmp(pymm_as_str(names[j])->data, s->data, s->len))
				goto refuse;
	}
	for (i = 0; i < n; i++) {
		struct pymm_str *s = pymm_as_str(names[i]);

		c->keys[i] = pymm_ident_new(h, s->data, s->len, &err);
		if (!c->keys[i])
			return err;
		c->nkeys = (u8)(i + 1);
	}
	c->usable = 0;
	c->slots = 1;
	return 0;
refuse:
	*cerr = PYMM_CLASSERR_SLOTS;
	return -EINVAL;
}

/* type_new_descriptors: a member_descriptor per slot, into the class dict */
int pymm_slots_add_members(struct pymm_heap *h, struct pymm_object *cls)
{
	struct pymm_class *c = (struct pymm_class *)cls;
	struct pymm_object *m;
	u32 i;
	int err;

	if (!c->slots)
		return 0;
	for (i = 0; i < c->nkeys; i++) {
		m = pymm_member_new(h, cls, c->keys[i], &err);
		if (!m)
			return err;
		err = pymm_dict_set(h, c->dict, c->keys[i], m);
		pymm_obj_decref(h, m);
		if (err)
			return err;
	}
	return 0;
}
