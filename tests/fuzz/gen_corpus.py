#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the seed corpus of tests/fuzz/fuzz_ops.c (tests/fuzz/corpus/ops/).

Each seed is a small session in the encoding fuzz_ops.c documents: a
two-byte header, then records.  Arguments written as ("h", i) name the i-th
handle the client got back (recent[i]); ("i", v) small integers; ("q", v) a
full u64.  Rerun after changing the encoding: tests/fuzz/gen_corpus.py
"""
import os
import re
import struct
import sys

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def op_codes():
    """{name: code} from PYMM_OPS, the one declaration of the ops."""
    with open(os.path.join(TOP, "module", "uapi", "pymm.h")) as f:
        text = f.read()
    body = text[text.index("#define PYMM_OPS(X)"):text.index("/* end of PYMM_OPS */")]
    return {m.group(1): int(m.group(2), 0)
            for m in re.finditer(r"\bX\((\w+),\s*(\w+),", body)}


OP = op_codes()


def code_rec(name, args, src, filename=b"f.py", line=1):
    """struct pymm_code_info and its bytes (PYMM_OP_NEW_CODE)."""
    a = b"".join(x + b"\0" for x in args)
    return struct.pack("<8I", line, len(args), len(name), len(filename), len(a),
                       len(src), 0, 0) + name + filename + a + src


def rec(code, *args, client=0, flags=0, data=b"", verify=False, handles=False,
        nobuf=False):
    sel = client | (2 if verify else 0) | (16 if handles else 0) | (8 if nobuf else 0)
    argm = 0
    argb = b""
    for i, a in enumerate(args):
        kind, v = a if isinstance(a, tuple) else ("q", a)
        if kind == "h":
            argm |= 1 << (2 * i)
            argb += bytes([v & 0x1f])
        elif kind == "i" and 0 <= v < 0x80:
            argm |= 1 << (2 * i)
            argb += bytes([0x80 | v])
        elif kind == "n":
            argm |= 3 << (2 * i)
            argb += bytes([v])
        else:
            argm |= 2 << (2 * i)
            argb += struct.pack("<q" if v < 0 else "<Q", v)
    if len(data) < 0xff:
        lb = bytes([len(data)])
    else:
        lb = b"\xff" + struct.pack("<H", len(data))
    c = OP[code] if isinstance(code, str) else code
    if c >= 136:	# beyond `code % 136`: 0xff, then the raw code after argm
        return bytes([sel, 0xff, flags, argm]) + struct.pack("<I", c) + argb + lb + data
    return bytes([sel, c, flags, argm]) + argb + lb + data


def H(i):
    return ("h", i)


def I(v):
    return ("i", v)


def seeds():
    s = {}
    hdr = b"\x06\x00"	# both clients on the default heap, no fault
    # objects of every type; handles 0.. in order of creation
    s["objects"] = hdr + b"".join([
        rec("NEW_INT", 7000),			# h0
        rec("NEW_FLOAT", struct.unpack("<Q", struct.pack("<d", 2.5))[0]),	# h1
        rec("NEW_STR", data=b"hello"),		# h2
        rec("NEW_BYTES", data=b"\x00\x01\x02"),	# h3
        rec("NEW_TUPLE", data=bytes([0, 1, 2]), handles=True),	# h4
        rec("NEW_LIST", data=bytes([0, 2]), handles=True),	# h5
        rec("NEW_DICT", data=bytes([2, 0]), handles=True),	# h6
        rec("NEW_CLASS", data=b"C\0bye"),		# h7
        rec("NEW_INSTANCE", H(7)),		# h8
        rec("NEW_WEAKREF", H(8)),		# h9
        rec("NEW_FUNCTION", 42, data=b"f"),	# h10
        rec("CONST", I(1)),			# h11
        rec("TYPE", H(4)), rec("READ", H(2), data=b"\0" * 16),
        rec("LEN", H(5)), rec("ID", H(0)), rec("REFCOUNT", H(0)), rec("HASH", H(2)),
        rec("HEAP_VERIFY", verify=True),
    ])
    s["containers"] = hdr + b"".join([
        rec("NEW_LIST"),				# h0
        rec("NEW_INT", 1), rec("NEW_INT", 300),	# h1 h2
        rec("APPEND", H(0), H(1)), rec("APPEND", H(0), H(2)),
        rec("NEW_DICT"),				# h3
        rec("NEW_STR", data=b"k"),			# h4
        rec("SETITEM", H(3), H(4), H(0)), rec("GETITEM", H(3), H(4)),	# h5
        rec("GETITEM", H(0), I(1)), rec("POP", H(0), ("n", 1)),
        rec("DELITEM", H(3), H(4)), rec("ITEMS", H(0), data=b"\0" * 64),
        rec("APPEND", H(0), H(0)),		# a self-cycle
        rec("BINOP", H(1), H(2), I(1)), rec("COMPARE", H(1), H(2), I(3)),
        rec("BINOP", H(0), H(1), I(3)),		# list * int
        rec("NEW_CLASS", data=b"K"), rec("NEW_INSTANCE", H(12)),
        rec("SETATTR", H(13), H(0), data=b"x"), rec("GETATTR", H(13), data=b"x"),
        rec("DELATTR", H(13), data=b"x"),
        rec("CLOSE", H(0)), rec("GC_COLLECT", I(2)),
        rec("HEAP_VERIFY", verify=True),
    ])
    s["names_frames"] = hdr + b"".join([
        rec("NEW_INT", 5),
        rec("NAME_BIND", H(0), data=b"x"),
        rec("FRAME_PUSH", data=b"f"),
        rec("NAME_BIND", H(0), flags=1, data=b"y"),
        rec("NAME_LOOKUP", data=b"x"), rec("NAME_LOOKUP", flags=1, data=b"y"),
        rec("NAME_LIST", flags=1, data=b"\0" * 32),
        rec("FRAME_PUSH", data=b"g"), rec("FRAME_POP"), rec("FRAME_POP"),
        rec("NAME_DEL", data=b"x"), rec("NAME_LOOKUP", data=b"x"),
        rec("NAME_LIST", data=b"\0" * 32),
        rec("HEAP_VERIFY", verify=True),
    ])
    s["heaps"] = b"\x00\x00" + b"".join([
        rec("HEAP_CREATE", 1 << 20, data=b"a\0"),
        rec("HEAP_ATTACH", data=b"a\0"),
        rec("HEAP_ATTACH", client=1, data=b"a\0"),	# other uid: refused
        rec("HEAP_DESTROY", client=1, data=b"a\0"),
        rec("HEAP_SET_QUOTA", 4096, client=1, data=b"a\0"),
        rec("HEAP_LIST", client=1, data=b"\0" * 256),
        rec("HEAP_LIST", data=b"\0" * 256),
        rec("NEW_BYTES", data=b"x" * 600),	# a large block
        rec("HEAP_STATS", data=b"\0" * 256), rec("ALLOC_STATS", data=b"\0" * 2048),
        rec("ARENA_INFO", 0, data=b"\0" * 256),
        rec("FREELIST_STATS", data=b"\0" * 512),
        rec("HEAP_SET_QUOTA", 1, data=b"a\0"),
        rec("NEW_BYTES", data=b"y" * 600),	# over quota
        rec("HEAP_DESTROY", data=b"a\0"),	# busy: attached
        rec("HEAP_ATTACH", data=b"default\0"),
        rec("HEAP_DESTROY", data=b"a\0"),
        rec("HEAP_VERIFY", verify=True),
    ])
    s["gc"] = hdr + b"".join([
        rec("NEW_CLASS", data=b"D\0gone"),	# h0
        rec("NEW_INSTANCE", H(0)), rec("NEW_INSTANCE", H(0)),	# h1 h2
        rec("SETATTR", H(1), H(2), data=b"o"), rec("SETATTR", H(2), H(1), data=b"o"),
        rec("NEW_WEAKREF", H(1)),			# h3
        rec("CLOSE", H(1)), rec("CLOSE", H(2)),
        rec("GC_GET_COUNT", data=b"\0" * 24), rec("GC_GET_OBJECTS", ("n", 1), data=b"\0" * 64),
        rec("GC_SET_DEBUG", 32), rec("GC_COLLECT", I(2)), rec("GC_GARBAGE", data=b"\0" * 64),
        rec("WEAKREF_GET", H(3)), rec("READ_OUTPUT", data=b"\0" * 64),
        rec("GC_FREEZE"), rec("GC_GET_FREEZE_COUNT"), rec("GC_UNFREEZE"),
        rec("GC_SET_THRESHOLD", 10, 5, 5), rec("GC_GET_STATS", data=b"\0" * 256),
        rec("GC_DISABLE"), rec("GC_ISENABLED"), rec("GC_ENABLE"),
        rec("HEAP_VERIFY", verify=True),
    ])
    s["classes"] = hdr + b"".join([
        rec("NEW_FUNCTION", 7, data=b"f"),		# h0
        rec("FRAME_PUSH", data=b"K"),
        rec("NAME_BIND", H(0), flags=1, data=b"f"),
        rec("FRAME_LOCALS"),				# h1
        rec("FRAME_POP"),
        rec("CLASS_NEW", H(1), data=b"K"),		# h2
        rec("NEW_TUPLE", data=bytes([2]), handles=True),	# h3 (K,)
        rec("CLASS_NEW", H(1), H(3), data=b"L"),	# h4
        rec("NEW_INSTANCE", H(4)),			# h5
        rec("SETATTR", H(5), H(5), data=b"me"),
        rec("GETATTR", H(5), data=b"__dict__"),	# h6
        rec("LOAD_METHOD", H(5), H(4), data=b"f"),	# h7
        rec("GETATTR", H(5), data=b"f"),		# h8
        rec("NEW_METHOD", H(0), H(5)),		# h9
        rec("GETATTR", H(4), data=b"__mro__"),	# h10
        rec("CONST", 4),				# h11 object
        rec("GC_GET_REFERENTS", H(2), data=b"\0" * 64),
        rec("CLOSE", H(5)), rec("CLOSE", H(2)), rec("CLOSE", H(4)),
        rec("GC_COLLECT", I(2)),
        rec("HEAP_VERIFY", verify=True),
    ])
    s["quota"] = b"\x0e\x00" + b"".join([
        rec("NEW_INT", 3), rec("NEW_LIST", data=bytes([0]), handles=True),	# h0 h1
        rec("NEW_INT", 100000),			# h2
        rec("BINOP", H(1), H(2), I(3)),		# [3] * 100000: over quota
        rec("NEW_BYTES", data=b"z" * 200), rec("BINOP", H(3), H(2), I(3)),
        rec("NEW_INT", 1000), rec("BINOP", H(1), H(4), I(3), verify=True),
        rec("BINOP", H(5), H(4), I(3), verify=True),
        rec("HEAP_VERIFY", verify=True),
    ])
    # finalizers handed to the client: a refcount death, a paused
    # collection, a nested collect, FIN_FETCH/FIN_DONE, the other client
    # (another uid) collecting, a weakref callback, malformed code records
    s["finalizers"] = hdr + b"".join([
        rec("NEW_CODE", data=code_rec(b"__del__", [b"self"],
                                      b"def __del__(self):\n    pass\n")),	# h0
        rec("MAKE_FUNCTION", H(0)),		# h1
        rec("NEW_CLASS", data=b"F"),		# h2
        rec("SETATTR", H(2), H(1), data=b"__del__"),
        rec("NEW_INSTANCE", H(2)),		# h3
        rec("CLOSE", H(3)), rec("FIN_FETCH", data=b"\0" * 48),
        rec("NEW_INSTANCE", H(2)),		# h4
        rec("SETATTR", H(4), H(4), data=b"me"), rec("NEW_WEAKREF_CB", H(4), H(1)),	# h5
        rec("CLOSE", H(4)), rec("GC_COLLECT", I(2)), rec("GC_COLLECT", I(2)),
        rec("FIN_FETCH", data=b"\0" * 24), rec("FIN_DONE", H(5)),
        rec("CODE_READ", H(1), data=b"\0" * 128), rec("GETATTR", H(1), data=b"__code__"),
        rec("NEW_INSTANCE", H(2), client=1), rec("GC_COLLECT", I(2), client=1),
        rec("NEW_CODE", data=code_rec(b"1x", [b"self"], b"x")),
        rec("NEW_CODE", data=code_rec(b"f", [b"a", b"a-b"], b"x")),
        rec("NEW_CODE", data=code_rec(b"f", [], b"x\0y")),
        rec("NEW_CODE", data=code_rec(b"f", [], b"x")[:-1]),
        rec("HEAP_VERIFY", verify=True),
    ])
    for n in (1, 2, 3, 5, 8, 13):
        s["fault%d" % n] = bytes([6, n]) + s["objects"][2:] + s["containers"][2:]
    # output ops with no buffer at all (an ioctl with data = 0), empty
    # results included: memcpy(NULL, p, 0) was a finding
    s["no_buffer"] = hdr + b"".join([
        rec("NEW_STR"), rec("NEW_STR", data=b"x"), rec("NEW_BYTES"),	# h0 h1 h2
        rec("READ", H(0), nobuf=True), rec("READ", H(1), nobuf=True),
        rec("READ", H(2), nobuf=True, data=b"\0" * 8),
        rec("NAME_LIST", nobuf=True), rec("HEAP_LIST", nobuf=True),
        rec("GC_GET_COUNT", nobuf=True), rec("GC_GET_STATS", nobuf=True),
        rec("GC_GET_OBJECTS", ("n", 1), nobuf=True), rec("READ_OUTPUT", nobuf=True),
        rec("HEAP_VERIFY", verify=True),
    ])
    s["every_code"] = hdr + b"".join(rec(c, data=b"\0" * 8 if c not in (
        16, 17, 18, 25, 26, 32, 33, 49, 56, 57, 58, 59, 60, 61, 72, 73, 74, 76, 77,
        79, 80, 96, 97, 98, 99, 102, 103, 104, 105, 107, 112, 113, 114, 128,
        146, 148, 149) else b"")
        for c in range(0, 152))
    # every code again with no buffer, without arguments and on handles to
    # a str, a list, a class (NEW_STR of nothing meeting the interned ""
    # was memcmp(x, NULL, 0))
    s["every_code_no_buffer"] = hdr + b"".join([
        rec("NEW_STR"), rec("NEW_LIST"), rec("NEW_CLASS", data=b"K")]) + b"".join(
        rec(c, nobuf=True) + rec(c, H(0), H(1), nobuf=True) for c in range(0, 171))
    # closures: cells, a function's defaults and closure, a cycle through them
    s["cells"] = hdr + b"".join([
        rec("NEW_FUNCTION", 1, data=b"inner"),	# h0
        rec("NEW_CELL", H(0)),			# h1: cell -> function
        rec("NEW_TUPLE", data=bytes([1]), handles=True),	# h2: (cell,)
        rec("FUNC_SET", H(0), I(3), H(2), verify=True),	# closure: a cycle
        rec("FUNC_SET", H(0), I(3), H(2)),	# once only
        rec("NEW_INT", 5000),			# h3
        rec("NEW_TUPLE", data=bytes([3]), handles=True),	# h4: (5000,)
        rec("FUNC_SET", H(0), I(1), H(4), verify=True),	# defaults
        rec("FUNC_SET", H(0), I(2), H(4)),	# kwdefaults: not a dict
        rec("FUNC_GET", H(0), I(1)), rec("FUNC_GET", H(0), I(3)),
        rec("CELL_SET", H(1), H(3)), rec("CELL_GET", H(1)),
        rec("CELL_SET", H(1), 0), rec("CELL_GET", H(1)),
        rec("CELL_SET", H(1), H(0), verify=True),
        rec("CLOSE", H(0)), rec("CLOSE", H(1)), rec("CLOSE", H(2)),
        rec("GC_COLLECT", I(2), verify=True),
        rec("NEW_CELL"), rec("CELL_GET", H(0)), rec("CELL_SET", H(3), H(3)),
        rec("HEAP_VERIFY", verify=True),
    ])
    # gc.garbage and gc.callbacks as lists; an automatic collection handed
    # to the client (callbacks registered), then run by GC_COLLECT
    s["gc_lists"] = hdr + b"".join([
        rec("GC_GARBAGE_LIST"),			# h0
        rec("GC_CALLBACKS_LIST"),		# h1
        rec("NEW_FUNCTION", 1, data=b"cb"),	# h2
        rec("APPEND", H(1), H(2), verify=True),
        rec("GC_SET_THRESHOLD", I(2), I(10), I(10)),
        rec("NEW_LIST"), rec("NEW_LIST"), rec("NEW_LIST"), rec("NEW_LIST"),
        rec("GC_DUE"), rec("NEW_LIST"), rec("GC_COLLECT", I(0), verify=True),
        rec("GC_SET_DEBUG", I(32)),
        rec("NEW_LIST"), rec("APPEND", H(7), H(7)), rec("CLOSE", H(7)),
        rec("GC_COLLECT", I(2)), rec("POP", H(0), -1), rec("APPEND", H(0), H(0)),
        rec("POP", H(1), -1), rec("GC_DUE"),
        rec("CLOSE", H(0)), rec("CLOSE", H(1)),
        rec("HEAP_VERIFY", verify=True),
    ])
    # name IDs: the _ID ops on a good ID, then on an int, a closed handle,
    # a str that is no identifier (docs/abi.md "Name IDs")
    s["name_ids"] = hdr + b"".join([
        rec("NAME_INTERN", data=b"x"),		# h0
        rec("NEW_INT", 7000),			# h1
        rec("NAME_BIND_ID", H(1), H(0)), rec("NAME_LOOKUP_ID", H(0)),	# h2
        rec("NAME_BIND_ID", H(1), H(0), flags=1),
        rec("NEW_CLASS", data=b"C"),		# h3
        rec("NEW_INSTANCE", H(3)),		# h4
        rec("SETATTR_ID", H(4), H(1), H(0)), rec("GETATTR_ID", H(4), H(0)),	# h5
        rec("LOAD_METHOD_ID", H(4), 0, H(0)), rec("DELATTR_ID", H(4), H(0)),
        rec("NEW_STR", data=b"a b"),		# h6
        rec("NAME_BIND_ID", H(1), H(1)), rec("NAME_LOOKUP_ID", H(6)),
        rec("GETATTR_ID", H(4), H(6)), rec("NAME_INTERN", data=b"1x"),
        rec("NAME_DEL_ID", H(0), verify=True), rec("NAME_DEL_ID", H(0)),
        rec("CLOSE", H(0)), rec("NAME_LOOKUP_ID", H(0)), rec("SETATTR_ID", H(4), H(1), H(0)),
        rec("HEAP_VERIFY", verify=True),
    ])
    # version 7: `name op= b` in one op (ints, then refusals), four drops
    # in one op, a frame named by a name ID, READ without a buffer
    s["fused_ops"] = hdr + b"".join([
        rec("NAME_INTERN", data=b"acc"),	# h0
        rec("NEW_INT", 40),			# h1
        rec("NAME_BIND_ID", H(1), H(0)),
        rec("NAME_INPLACE_ID", H(1), H(0), I(1), verify=True),
        rec("NAME_INPLACE_ID", H(1), H(0), I(4)), rec("NAME_INPLACE_ID", H(0), H(0), I(1)),
        rec("NAME_INPLACE_ID", H(1), H(0), I(0)), rec("NAME_INPLACE_ID", H(1), H(1), I(1)),
        rec("FRAME_PUSH_ID", H(0)), rec("NAME_INPLACE_ID", H(1), H(0), I(1), flags=1),
        rec("FRAME_POP"), rec("FRAME_PUSH_ID", H(1)),
        rec("READ", H(0), nobuf=True), rec("READ", H(1), nobuf=True),
        rec("NEW_INT", 7001), rec("NEW_INT", 7002),	# h2 h3
        rec("CLOSE_N", H(2), 0, H(3), verify=True), rec("CLOSE_N", H(2), H(1)),
        rec("CLOSE_N", H(1), H(0)),
        rec("HEAP_VERIFY", verify=True),
    ])
    return s


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "ops")
    os.makedirs(out, exist_ok=True)
    for name, data in seeds().items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    print("%d seeds in %s" % (len(seeds()), out), file=sys.stderr)


if __name__ == "__main__":
    main()
