/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faultinj_scenario.h - the fixed scenario of the fault-injection walks,
 * shared by the in-process tests (tests/unit/scenario_core.h, used by
 * test_faultinj.c and test_debugalloc.c) and tests/stress/faultinj_vm.c
 * (/dev/pymm, the fail_nth module parameter), so a failure point means the
 * same in both.
 *
 * The includer defines struct run (with u64 h[NH] at least) and
 *   int exec(struct run *r, u32 code, u32 flags, u64 a0, u64 a1, u64 a2,
 *            const void *data, u32 len, u64 *ret0);
 * which runs one op (data == NULL with len > 0: an output buffer of len
 * bytes) and records failures.  Every step runs even after a failure, with
 * whatever handles earlier steps got (0 if they failed): later steps then
 * meet -EBADF/-ENOTCONN, which exercises the error paths further.
 */
#ifndef PYMM_FAULTINJ_SCENARIO_H
#define PYMM_FAULTINJ_SCENARIO_H

#define X(code, ...)	exec(r, PYMM_OP_##code, __VA_ARGS__)
#define NEW(i, code, a0, d, len)	X(code, 0, a0, 0, 0, d, len, &r->h[i])

static void scenario(struct run *r)
{
	u64 items[4], tmp, pair[2];
	char name[16];
	int i;

	X(HEAP_CREATE, 0, 0, 0, 0, "fi", 3, NULL);
	X(HEAP_ATTACH, 0, 0, 0, 0, "fi", 3, NULL);

	/* one object of every type */
	NEW(0, CONST, PYMM_CONST_NONE, NULL, 0);
	NEW(1, CONST, PYMM_CONST_TRUE, NULL, 0);
	NEW(2, NEW_INT, 7, NULL, 0);
	NEW(3, NEW_INT, 1ull << 40, NULL, 0);
	NEW(4, NEW_FLOAT, 0x4004000000000000ull, NULL, 0);	/* 2.5 */
	NEW(5, NEW_STR, 0, "hello", 5);
	memset(name, 'x', sizeof(name));
	{
		static char big[2000];

		memset(big, 'L', sizeof(big));
		NEW(6, NEW_STR, 0, big, sizeof(big));		/* a large block */
		NEW(7, NEW_BYTES, 0, big, 700);
	}
	items[0] = r->h[2];
	items[1] = r->h[5];
	NEW(8, NEW_TUPLE, 0, items, 16);
	NEW(9, NEW_LIST, 0, items, 16);
	pair[0] = r->h[5];
	pair[1] = r->h[2];
	NEW(10, NEW_DICT, 0, pair, 16);
	NEW(11, NEW_CLASS, 0, "C\0bye", 5);
	NEW(12, NEW_INSTANCE, r->h[11], NULL, 0);
	NEW(13, NEW_WEAKREF, r->h[12], NULL, 0);
	NEW(14, NEW_FUNCTION, 99, "f", 1);
	X(TYPE, 0, r->h[8], 0, 0, NULL, 0, NULL);
	X(READ, 0, r->h[5], 0, 0, NULL, 64, NULL);
	X(HASH, 0, r->h[5], 0, 0, NULL, 0, NULL);
	X(ID, 0, r->h[9], 0, 0, NULL, 0, NULL);

	/* containers that grow: list items past a pool block, a dict resized */
	for (i = 0; i < 200; i++) {
		NEW(15, NEW_INT, 1000 + i, NULL, 0);
		X(APPEND, 0, r->h[9], r->h[15], 0, NULL, 0, NULL);
		snprintf(name, sizeof(name), "k%d", i);
		NEW(16, NEW_STR, 0, name, strlen(name));
		X(SETITEM, 0, r->h[10], r->h[16], r->h[15], NULL, 0, NULL);
		X(CLOSE, 0, r->h[15], 0, 0, NULL, 0, NULL);
		X(CLOSE, 0, r->h[16], 0, 0, NULL, 0, NULL);
	}
	X(GETITEM, 0, r->h[10], r->h[5], 0, NULL, 0, &r->h[17]);
	X(SETATTR, 0, r->h[12], r->h[9], 0, "items", 5, NULL);
	X(GETATTR, 0, r->h[12], 0, 0, "items", 5, &r->h[18]);
	X(ITEMS, 0, r->h[8], 0, 0, NULL, 64, NULL);
	X(POP, 0, r->h[9], (u64)-1, 0, NULL, 0, &r->h[19]);

	/* names and frames */
	X(NAME_BIND, 0, r->h[9], 0, 0, "lst", 3, NULL);
	X(NAME_BIND, 0, r->h[10], 0, 0, "dct", 3, NULL);
	for (i = 0; i < 6; i++) {
		X(FRAME_PUSH, 0, 0, 0, 0, "fn", 2, NULL);
		X(NAME_BIND, PYMM_OPF_LOCAL, r->h[12], 0, 0, "self", 4, NULL);
	}
	X(NAME_LOOKUP, 0, 0, 0, 0, "self", 4, &r->h[20]);
	X(NAME_LIST, PYMM_OPF_LOCAL, 0, 0, 0, NULL, 256, NULL);
	for (i = 0; i < 3; i++)
		X(FRAME_POP, 0, 0, 0, 0, NULL, 0, NULL);

	/* several arenas: 1600 live 400-byte strings (512-byte blocks) */
	NEW(21, NEW_LIST, 0, NULL, 0);
	X(NAME_BIND, 0, r->h[21], 0, 0, "many", 4, NULL);
	for (i = 0; i < 1600; i++) {
		static char s400[400];

		snprintf(s400, sizeof(s400), "%0399d", i);
		if (NEW(22, NEW_STR, 0, s400, 399))
			continue;
		X(APPEND, 0, r->h[21], r->h[22], 0, NULL, 0, NULL);
		X(CLOSE, 0, r->h[22], 0, 0, NULL, 0, NULL);
	}
	X(NAME_DEL, 0, 0, 0, 0, "many", 4, NULL);
	X(CLOSE, 0, r->h[21], 0, 0, NULL, 0, NULL);	/* frees the arenas again */

	/* sequence repeat and concat (temporary work arrays) */
	NEW(23, NEW_INT, 50, NULL, 0);
	X(BINOP, 0, r->h[9], r->h[23], PYMM_BIN_MUL, NULL, 0, &r->h[24]);
	X(BINOP, 0, r->h[9], r->h[24], PYMM_BIN_ADD, NULL, 0, &r->h[25]);
	X(BINOP, 0, r->h[6], r->h[23], PYMM_BIN_MUL, NULL, 0, &r->h[26]);

	/*
	 * The free lists (module/core/freelist.h): a float, a tuple, a list,
	 * a dict and its 8-slot str keys made and freed three times, so each
	 * block is kept, reused and kept again; the full collections below
	 * empty the lists.  A failure that hits a fresh block must leave them
	 * consistent too.
	 */
	for (i = 0; i < 3; i++) {
		NEW(33, NEW_FLOAT, 0x3ff8000000000000ull, NULL, 0);	/* 1.5 */
		NEW(34, NEW_TUPLE, 0, items, 16);
		NEW(35, NEW_LIST, 0, items, 16);
		NEW(36, NEW_DICT, 0, pair, 16);
		X(CLOSE, 0, r->h[33], 0, 0, NULL, 0, NULL);
		X(CLOSE, 0, r->h[34], 0, 0, NULL, 0, NULL);
		X(CLOSE, 0, r->h[35], 0, 0, NULL, 0, NULL);
		X(CLOSE, 0, r->h[36], 0, 0, NULL, 0, NULL);
	}
	X(FREELIST_STATS, 0, 0, 0, 0, NULL, sizeof(struct pymm_freelist_stats), NULL);

	/* a cycle with finalizers and a weak reference; the collector frees it */
	NEW(27, NEW_INSTANCE, r->h[11], NULL, 0);
	NEW(28, NEW_INSTANCE, r->h[11], NULL, 0);
	X(SETATTR, 0, r->h[27], r->h[28], 0, "o", 1, NULL);
	X(SETATTR, 0, r->h[28], r->h[27], 0, "o", 1, NULL);
	NEW(29, NEW_WEAKREF, r->h[27], NULL, 0);
	X(CLOSE, 0, r->h[27], 0, 0, NULL, 0, NULL);
	X(CLOSE, 0, r->h[28], 0, 0, NULL, 0, NULL);
	X(GC_GET_OBJECTS, 0, (u64)-1, 0, 0, NULL, 4096, NULL);
	X(GC_GET_REFERRERS, 0, r->h[11], 0, 0, NULL, 4096, NULL);
	X(GC_COLLECT, 0, 2, 0, 0, NULL, 0, &tmp);
	X(WEAKREF_GET, 0, r->h[29], 0, 0, NULL, 0, &r->h[30]);
	X(READ_OUTPUT, 0, 0, 0, 0, NULL, 256, NULL);
	X(GC_SET_DEBUG, 0, PYMM_GC_DEBUG_SAVEALL, 0, 0, NULL, 0, NULL);
	NEW(31, NEW_LIST, 0, NULL, 0);
	X(APPEND, 0, r->h[31], r->h[31], 0, NULL, 0, NULL);
	X(CLOSE, 0, r->h[31], 0, 0, NULL, 0, NULL);
	X(GC_COLLECT, 0, 2, 0, 0, NULL, 0, &tmp);
	X(GC_GARBAGE, 0, 0, 0, 0, NULL, 256, NULL);
	NEW(43, GC_GARBAGE_LIST, 0, NULL, 0);
	X(POP, 0, r->h[43], (u64)-1, 0, NULL, 0, &r->h[44]);
	X(APPEND, 0, r->h[43], r->h[44], 0, NULL, 0, NULL);
	X(CLOSE, 0, r->h[44], 0, 0, NULL, 0, NULL);
	X(CLOSE, 0, r->h[43], 0, 0, NULL, 0, NULL);
	NEW(45, GC_CALLBACKS_LIST, 0, NULL, 0);
	X(APPEND, 0, r->h[45], r->h[14], 0, NULL, 0, NULL);
	X(GC_DUE, 0, 0, 0, 0, NULL, 0, NULL);
	X(POP, 0, r->h[45], (u64)-1, 0, NULL, 0, &r->h[46]);
	X(CLOSE, 0, r->h[46], 0, 0, NULL, 0, NULL);
	X(CLOSE, 0, r->h[45], 0, 0, NULL, 0, NULL);

	/*
	 * classes (types/type.c): a class body's namespace, two bases (C3),
	 * the descriptors, an instance past its shared keys (a __dict__),
	 * bound methods, super()'s lookup; then the whole cycle collected
	 */
	X(FRAME_PUSH, 0, 0, 0, 0, "K", 1, NULL);
	X(NAME_BIND, PYMM_OPF_LOCAL, r->h[14], 0, 0, "meth", 4, NULL);
	NEW(33, FRAME_LOCALS, 0, NULL, 0);
	X(FRAME_POP, 0, 0, 0, 0, NULL, 0, NULL);
	X(CLASS_NEW, 0, r->h[33], 0, 0, "K", 1, &r->h[34]);
	items[0] = r->h[34];
	items[1] = r->h[11];
	NEW(35, NEW_TUPLE, 0, items, 16);
	X(CLASS_NEW, 0, r->h[33], r->h[35], 0, "L", 1, &r->h[36]);
	NEW(37, NEW_INSTANCE, r->h[36], NULL, 0);
	for (i = 0; i < 31; i++) {
		snprintf(name, sizeof(name), "a%d", i);
		X(SETATTR, 0, r->h[37], r->h[37], 0, name, strlen(name), NULL);
	}
	X(GETATTR, 0, r->h[37], 0, 0, "__dict__", 8, &r->h[38]);
	X(GETATTR, 0, r->h[37], 0, 0, "meth", 4, &r->h[39]);
	X(LOAD_METHOD, 0, r->h[37], r->h[36], 0, "meth", 4, &r->h[40]);
	X(NEW_METHOD, 0, r->h[14], r->h[37], 0, NULL, 0, &r->h[41]);
	X(GETATTR, 0, r->h[36], 0, 0, "__mro__", 7, &r->h[42]);
	X(GC_GET_REFERENTS, 0, r->h[37], 0, 0, NULL, 4096, NULL);
	for (i = 33; i <= 42; i++)
		X(CLOSE, 0, r->h[i], 0, 0, NULL, 0, NULL);
	X(GC_COLLECT, 0, 2, 0, 0, NULL, 0, &tmp);

	/*
	 * object() and a class derived from list (types/baseobj.c, subobj.c):
	 * the static list, the instance, its __dict__ made by a store, a
	 * cycle through it and through its items, collected
	 */
	X(CONST, 0, PYMM_CONST_OBJECT, 0, 0, NULL, 0, &r->h[46]);
	NEW(47, NEW_INSTANCE, r->h[46], NULL, 0);
	X(CONST, 0, PYMM_CONST_LIST, 0, 0, NULL, 0, &r->h[48]);
	NEW(49, NEW_TUPLE, 0, &r->h[48], 8);
	X(CLASS_NEW, 0, 0, r->h[49], 0, "S", 1, &r->h[50]);
	NEW(51, NEW_INSTANCE, r->h[50], NULL, 0);
	X(SETATTR, 0, r->h[51], r->h[51], 0, "me", 2, NULL);
	X(APPEND, 0, r->h[51], r->h[51], 0, NULL, 0, NULL);
	X(APPEND, 0, r->h[51], r->h[47], 0, NULL, 0, NULL);
	X(GETATTR, 0, r->h[51], 0, 0, "__dict__", 8, &r->h[52]);
	for (i = 46; i <= 52; i++)
		X(CLOSE, 0, r->h[i], 0, 0, NULL, 0, NULL);
	X(GC_COLLECT, 0, 2, 0, 0, NULL, 0, &tmp);

	/*
	 * frame and traceback objects (types/frameobj.c, traceback.c): a
	 * frame's object, a traceback holding it kept in a local of the frame
	 * (the exception cycle), f_locals; the pop hands the locals to the
	 * object and makes its f_back; the collector frees the cycle
	 */
	X(FRAME_PUSH, 0, 0, 0, 0, "tb", 2, NULL);
	NEW(53, NEW_LIST, 0, NULL, 0);
	X(NAME_BIND, PYMM_OPF_LOCAL, r->h[53], 0, 0, "saved", 5, NULL);
	X(FRAME_OBJECT, 0, 0, 7, 0, NULL, 0, &r->h[54]);
	X(NEW_TRACEBACK, 0, 0, r->h[54], 7, NULL, 0, &r->h[55]);
	X(APPEND, 0, r->h[53], r->h[55], 0, NULL, 0, NULL);
	X(FRAME_FIELD, 0, r->h[54], PYMM_FRAMEF_LOCALS, 0, NULL, 0, &r->h[56]);
	X(FRAME_POP, 0, 0, 0, 0, NULL, 0, NULL);
	X(FRAME_FIELD, 0, r->h[54], PYMM_FRAMEF_BACK, 0, NULL, 0, &r->h[57]);
	for (i = 53; i <= 57; i++)
		X(CLOSE, 0, r->h[i], 0, 0, NULL, 0, NULL);
	X(GC_COLLECT, 0, 2, 0, 0, NULL, 0, &tmp);

	/*
	 * bytearray (types/bytearray.c): made, grown past its block by
	 * splices, read, iterated, concatenated with bytes, emptied
	 */
	NEW(53, NEW_BYTEARRAY, 0, "abc", 3);
	{
		static char chunk[600];

		memset(chunk, 'b', sizeof(chunk));
		X(BYTEARRAY_SPLICE, 0, r->h[53], 3, 3, chunk, sizeof(chunk), NULL);
		X(BYTEARRAY_SPLICE, 0, r->h[53], 1, 2, chunk, 40, NULL);
	}
	X(READ, 0, r->h[53], 0, 0, NULL, 1024, NULL);
	X(NEW_ITER, 0, r->h[53], 0, 0, NULL, 0, &r->h[54]);
	X(ITER_NEXT, 0, r->h[54], 0, 0, NULL, 0, &r->h[55]);
	X(BINOP, 0, r->h[53], r->h[7], PYMM_BIN_ADD, NULL, 0, &r->h[56]);
	X(BYTEARRAY_SPLICE, 0, r->h[53], 0, 2, NULL, 0, NULL);
	for (i = 53; i <= 56; i++)
		X(CLOSE, 0, r->h[i], 0, 0, NULL, 0, NULL);

	/* statistics */
	X(HEAP_STATS, 0, 0, 0, 0, NULL, sizeof(struct pymm_heap_stats), NULL);
	X(ALLOC_STATS, 0, 0, 0, 0, NULL, 4096, NULL);
	X(FREELIST_STATS, 0, 0, 0, 0, NULL, sizeof(struct pymm_freelist_stats), NULL);
	X(ARENA_INFO, 0, 0, 0, 0, NULL, sizeof(struct pymm_arena_info), NULL);
	X(HEAP_LIST, 0, 0, 0, 0, NULL, 1024, NULL);

	/* a second heap, destroyed again; back to the first */
	X(HEAP_CREATE, 0, 0, 0, 0, "fi2", 4, NULL);
	X(HEAP_ATTACH, 0, 0, 0, 0, "fi2", 4, NULL);
	NEW(32, NEW_STR, 0, "other", 5);
	X(HEAP_ATTACH, 0, 0, 0, 0, "fi", 3, NULL);
	X(HEAP_DESTROY, 0, 0, 0, 0, "fi2", 4, NULL);
}

#endif /* PYMM_FAULTINJ_SCENARIO_H */
