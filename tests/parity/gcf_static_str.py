# CPython 3.11 allocates '' and the 256 one-character Latin-1 strings, b''
# and the 256 one-byte bytes statically, their counts starting at
# 999,999,999.  What CPython's own modules add on top depends on the
# build (sys.getrefcount('a') is 1000000025 in one, 1000000003 in another),
# and what its compiler adds for a literal depends on how often and where
# the file writes it (constants are folded: "ab"[1] is a constant), so
# this prints full counts only for values made at run time that neither
# CPython nor this file writes as a literal; elsewhere whether a count is
# static, and what the script adds.
import gc
import sys

gc.collect()


def above(v):
    return sys.getrefcount(v) >= 999999999


print(above(""), above("a"), above("\xe9"), above("\xff"), above(b""), above(b"a"))
print(above("ab"), above("\u0100"), above(b"ab"), above("\u20ac"))

# what the script adds, for every kind
for v in ["", "q", "\xe9", b"", b"q", b"\x9c"]:
    before = sys.getrefcount(v)
    held = [v, v, v]
    t = (v, v)
    d = {"k": v}
    print(repr(v), sys.getrefcount(v) - before)
    del held, t, d
    print(repr(v), sys.getrefcount(v) - before)

# made at run time: the static object, whose count is 999,999,999 + ours
src = "caf\xe8\x81\xfd\xc0"
i = 3
c1 = src[i]
print(sys.getrefcount(c1))
c2 = src[i]
print(c1 is c2, sys.getrefcount(c1))
del c2
print(sys.getrefcount(src[i + 1]), sys.getrefcount(chr(0xfd)))
chars = [src[j] for j in range(3, 7)]
print(sys.getrefcount(chars[0]), sys.getrefcount(chars[3]))
chars.append(chars[0])
print(sys.getrefcount(chars[0]))
del chars
print(sys.getrefcount(c1))
empty = src[i:i]
print(empty == "", above(empty), empty is src[0:0])
raw = b"\x8a\x8b\x8c"
b1 = raw[1:2]
print(b1 == b"\x8b", sys.getrefcount(b1), b1 is raw[1:2])
be = raw[3:]
print(be == b"", above(be), be is raw[2:1])

# not static: two characters, a character past Latin-1, a two-byte bytes
two = c1 + c1
print(sys.getrefcount(two))
wide = "x\u20ac"
euro = wide[i - 2]
print(sys.getrefcount(euro), euro is wide[1])
pair = raw[0:2]
print(sys.getrefcount(pair), pair is raw[0:2])
