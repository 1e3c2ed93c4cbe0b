/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fin_helpers.h - what a unit test of finalizers needs (fin.c): a client of
 * a heap, a code object and the function made of it, a class whose
 * __del__ is that function, its instances, FIN_FETCH.
 *
 * Include once per test program, after op_helpers.h.
 */
#ifndef PYMM_TESTS_FIN_HELPERS_H
#define PYMM_TESTS_FIN_HELPERS_H

#define UID	1000u

/* the core as these tests want it: 64 MiB heaps, PYMM_FIN_MAX items' handles */
static OPH_UNUSED int fin_core_init(void)
{
	struct pymm_core_params p = {
		.heap_quota = 64ull << 20,
		.max_heaps_per_user = 16,
		.max_frame_depth = 1000,
		.max_handles = 1u << 16,
		.arena_shift = PYMM_ARENA_SHIFT_SMALL,
		.pool_shift = PYMM_POOL_SHIFT_SMALL,
	};

	return pymm_core_init(&p);
}

/* a client of uid attached to heap, which it creates if it is the first */
static OPH_UNUSED struct pymm_client *fclient(u32 uid, const char *heap)
{
	struct pymm_client *c = pymm_client_new(uid, uid == 0);

	if (!CHECK(c != NULL))
		exit(1);
	opd(c, PYMM_OP_HEAP_CREATE, 0, heap, strlen(heap) + 1);
	CHECK_EQ(opd(c, PYMM_OP_HEAP_ATTACH, 0, heap, strlen(heap) + 1).err, 0);
	return c;
}

/* a code object: "def name(self):\n    pass\n" with one argument */
static OPH_UNUSED struct res make_code_rec(struct pymm_client *c, const char *name,
					   const char *arg, const char *src, u32 tweak)
{
	static u8 rec[4096];
	struct pymm_code_info info = {
		.firstlineno = 1,
		.nargs = 1,
		.name_len = (u32)strlen(name),
		.filename_len = 4,
		.args_len = (u32)strlen(arg) + 1,
		.source_len = (u32)strlen(src),
	};
	u8 *p = rec + sizeof(info);

	if (tweak == 1)
		info.reserved = 1;
	if (tweak == 2)
		info.nargs = 2;
	if (tweak == 3)
		info.owner_uid = 7;
	memcpy(rec, &info, sizeof(info));
	memcpy(p, name, info.name_len);
	p += info.name_len;
	memcpy(p, "t.py", 4);
	p += 4;
	memcpy(p, arg, info.args_len);
	p += info.args_len;
	memcpy(p, src, info.source_len);
	p += info.source_len;
	return opd(c, PYMM_OP_NEW_CODE, 0, rec, (u32)(p - rec) - (tweak == 4 ? 1 : 0));
}

static OPH_UNUSED u64 make_func(struct pymm_client *c, const char *name)
{
	struct res r = make_code_rec(c, name, "self", "def f(self):\n    pass\n", 0);
	u64 code, f;

	CHECK_EQ(r.err, 0);
	code = r.r0;
	r = op0(c, PYMM_OP_MAKE_FUNCTION, code, 0, 0);
	CHECK_EQ(r.err, 0);
	f = r.r0;
	closeh(c, code);
	return f;
}

/* class A with __del__ = a function; returns the class handle */
static OPH_UNUSED u64 make_class(struct pymm_client *c)
{
	struct res r = opd(c, PYMM_OP_NEW_CLASS, 0, "A", 1);
	u64 cls = r.r0, f;

	CHECK_EQ(r.err, 0);
	f = make_func(c, "__del__");
	CHECK_EQ(opx(c, PYMM_OP_SETATTR, 0, cls, f, 0, "__del__", 7, 0).err, 0);
	closeh(c, f);
	/*
	 * The interned "me" the tests' instances set: the class's shared keys
	 * keep it once an instance used it (as 3.11's cached keys), so it is
	 * made here, before any count is taken, and held until release.
	 */
	CHECK_EQ(opd(c, PYMM_OP_NEW_STR, 0, "me", 2).err, 0);
	return cls;
}

static OPH_UNUSED u64 new_inst(struct pymm_client *c, u64 cls)
{
	struct res r = op0(c, PYMM_OP_NEW_INSTANCE, cls, 0, 0);

	CHECK_EQ(r.err, 0);
	return r.r0;
}

/* FIN_FETCH into items; returns the count */
static OPH_UNUSED u32 fetch(struct pymm_client *c, struct pymm_fin_item *items, u32 max,
			    bool *more)
{
	struct res r = opx(c, PYMM_OP_FIN_FETCH, 0, 0, 0, 0, NULL, 0,
			   max * sizeof(*items));

	CHECK_EQ(r.err, 0);
	memcpy(items, buf, r.r0 * sizeof(*items));
	if (more)
		*more = r.r1;
	return (u32)r.r0;
}

#endif /* PYMM_TESTS_FIN_HELPERS_H */
