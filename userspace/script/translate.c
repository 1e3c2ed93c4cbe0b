// SPDX-License-Identifier: GPL-2.0
/*
 * translate.c - str.maketrans and str.translate, as unicodeobject.c's
 * unicode_maketrans_impl and _PyUnicode_TranslateCharmap: the table is any
 * object with __getitem__ (a dict from maketrans, a list, an instance),
 * looked up with each code point as an int; a LookupError keeps the
 * character, None deletes it, an int or a str replaces it.
 */
#include <stdlib.h>
#include <string.h>

#include "interp.h"
#include "unicase.h"

/* d[ord(k)] = v for a one-character str key, d[k] = v for an int */
static int maketrans_item(struct interp *I, uint64_t d, uint64_t k, uint64_t v)
{
	struct objinfo ki;
	struct value ord;
	size_t n;
	int err;

	if (obj_read(I, k, &ki))
		return -1;
	if (ki.type == PYMM_T_INT || ki.type == PYMM_T_BOOL) {
		free(ki.s);
		return dict_set(I, d, k, v);
	}
	if (ki.type != PYMM_T_STR) {
		free(ki.s);
		return raise_exc(I, PYMM_EXC_TYPE_ERROR,
				 "keys in translate table must be strings or integers");
	}
	if (!ki.len || ki.len != (uc_at(ki.s, 0, &n), n)) {
		free(ki.s);
		return raise_exc(I, PYMM_EXC_VALUE_ERROR,
				 "string keys in translate table must be of length 1");
	}
	err = new_int(I, uc_at(ki.s, 0, &n), &ord);
	free(ki.s);
	if (err)
		return -1;
	err = dict_set(I, d, ord.h, v);
	vrelease(I, &ord);
	return err;
}

/* maketrans(dict): its items with str keys turned to ordinals */
static int maketrans_dict(struct interp *I, const struct value *x, uint64_t d)
{
	uint64_t *ks;
	uint32_t n, i;
	int err = 0;

	if (obj_items(I, x->h, &ks, &n))
		return -1;
	for (i = 0; i < n && !err; i++) {
		struct value v;

		err = getitem(I, x->h, ks[i], &v);
		if (!err) {
			err = maketrans_item(I, d, ks[i], v.h);
			vrelease(I, &v);
		}
	}
	close_many(I, ks, n);
	free(ks);
	return err;
}

/* ord(c) -> ord(to) for each pair, then ord(c) -> None for each of del */
static int maketrans_strs(struct interp *I, const struct objinfo *from, const struct objinfo *to,
			  const struct objinfo *del, uint64_t d)
{
	size_t i = 0, j = 0, n, m;
	int err = 0;

	while (!err && i < from->len) {
		struct value k, v;

		if (new_int(I, uc_at(from->s, i, &n), &k))
			return -1;
		err = new_int(I, uc_at(to->s, j, &m), &v);
		if (!err) {
			err = dict_set(I, d, k.h, v.h);
			vrelease(I, &v);
		}
		vrelease(I, &k);
		i += n;
		j += m;
	}
	for (i = 0; del && !err && i < del->len; i += n) {
		struct value k;

		if (new_int(I, uc_at(del->s, i, &n), &k))
			return -1;
		err = dict_set(I, d, k.h, I->h_none);
		vrelease(I, &k);
	}
	return err;
}

/* str.maketrans(x[, y[, z]]): a static method, so no self from the type */
static int m_maketrans(BI_ARGS)
{
	struct objinfo s[3] = { { 0 } };
	struct value d;
	int i, err = 0;

	if (nargs == 1) {
		uint32_t t;

		if (need_obj(I, &args[0]) || obj_type(I, args[0].h, &t))
			return -1;
		if (t != PYMM_T_DICT)
			return raise_exc(I, PYMM_EXC_TYPE_ERROR, "if you give only one argument to "
					 "maketrans it must be a dict");
		if (new_container(I, PYMM_OP_NEW_DICT, NULL, 0, &d))
			return -1;
		err = maketrans_dict(I, &args[0], d.h);
		goto out;
	}
	for (i = 0; i < nargs && !err; i++) {
		if (need_obj(I, &args[i]) || obj_read(I, args[i].h, &s[i]))
			err = -1;
		else if (s[i].type != PYMM_T_STR)
			err = i ? raise_exc(I, PYMM_EXC_TYPE_ERROR, "maketrans() argument %d must be "
					    "str, not %s", i + 1, objinfo_type_name(&s[i])) :
			      1;
	}
	if (err == 1)
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR, "first maketrans argument must be a string "
				"if there is a second argument");
	if (!err && cp_count(s[0].s, s[0].len) != cp_count(s[1].s, s[1].len))
		err = raise_exc(I, PYMM_EXC_VALUE_ERROR,
				"the first two maketrans arguments must have equal length");
	if (!err && new_container(I, PYMM_OP_NEW_DICT, NULL, 0, &d))
		err = -1;
	if (!err)
		err = maketrans_strs(I, &s[0], &s[1], nargs > 2 ? &s[2] : NULL, d.h);
	for (i = 0; i < 3; i++)
		free(s[i].s);
	if (err < 0)
		return -1;
out:
	if (err) {
		vrelease(I, &d);
		return -1;
	}
	*out = d;
	return 0;
}

/*
 * table[cp] into sb: 0 done, 1 kept (a LookupError, swallowed), -1 raised
 */
static int translate_one(struct interp *I, const struct value *table, uint32_t cp,
			 struct strbuf *sb)
{
	int base = I->ntbhold, err;
	struct objinfo oi;
	struct value k, v;

	if (new_int(I, cp, &k))
		return -1;
	err = getitem(I, table->h, k.h, &v);
	vrelease(I, &k);
	if (err) {
		if (!exc_matches(I->exc, "LookupError"))
			return -1;
		exc_swallow(I, base);
		return 1;
	}
	err = obj_read(I, v.h, &oi);
	vrelease(I, &v);
	if (err)
		return -1;
	if (oi.type == PYMM_T_STR) {
		sb_add(sb, oi.s, oi.len);
	} else if (oi.type == PYMM_T_INT || oi.type == PYMM_T_BOOL) {
		char u[4];
		size_t n = 0;

		if (oi.i < 0 || oi.i > 0x10ffff)
			err = raise_exc(I, PYMM_EXC_VALUE_ERROR,
					"character mapping must be in range(0x110000)");
		else if (oi.i >= 0xd800 && oi.i <= 0xdfff)
			err = raise_exc(I, EX_NOT_IMPLEMENTED,
					"lone surrogates are not supported by pymm");
		else
			uc_encode((uint32_t)oi.i, u, &n);
		sb_add(sb, u, n);
	} else if (oi.type != PYMM_T_NONE) {
		err = raise_exc(I, PYMM_EXC_TYPE_ERROR,
				"character mapping must return integer, None or str");
	}
	free(oi.s);
	return err;
}

/* str.translate(table): a new str, even when nothing changed */
static int m_translate(BI_ARGS)
{
	struct strbuf sb = { 0 };
	struct objinfo me;
	size_t i, n;
	int err = 0;

	if (need_obj(I, &args[0]) || obj_read(I, self->h, &me))
		return -1;
	sb_add(&sb, "", 0);
	for (i = 0; i < me.len && err >= 0; i += n) {
		uint32_t cp = uc_at(me.s, i, &n);

		err = translate_one(I, &args[0], cp, &sb);
		if (err == 1)
			sb_add(&sb, me.s + i, n);
	}
	err = err < 0 ? -1 : new_str(I, sb.p, sb.n, out);
	sb_free(&sb);
	free(me.s);
	return err;
}

const struct builtin *const builtins_translate[] = {
	ROW(BO_STR, "maketrans", 1, 3, BF_CLASSMETH, m_maketrans, 0),
	ROW(BO_STR, "translate", 1, 1, 0, m_translate, 0),
	NULL
};
