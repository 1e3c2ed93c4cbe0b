# String and bytes concatenation: the results compare, hash and index as
# the strings they spell, whatever was asked of them before.
import sys

a = "ab" + "cd"
b = "a" + "bcd"
print(a == b, a is b, hash(a) == hash(b), hash(a) == hash("abcd"))
c = "x" * 3 + "yz"
d = {"xxxyz": 1, "abcd": 2}
print(d[c], d[a], c in d, ("abc" + "de") in d)
d[b + "!"] = 3
print(d["abcd!"], sorted(d))

# equality with one side hashed and the other not
e = "q" * 40 + "r"
f = "q" * 20 + "q" * 20 + "r"
print(hash(e) == hash(f), e == f)
g = "q" * 41
print(g == e, hash(g) != hash(e) or g == e)

# the singletons: '' + 'a' is 'a', as in CPython
empty = ""
one = empty + "a"
a1, e1 = "a", "é"
print(one is a1, (empty + empty) is empty, len(e1 + empty), (e1 + empty) is e1)

# non-ASCII: code points add up
s = "héllo" + " wörld" + "€"
print(len(s), s[1], s[-1], s.upper())

# a growing string, in a loop, and its refcount
t = ""
for i in range(300):
    t = t + chr(97 + i % 26)
print(len(t), t[:30], t[-5:], sys.getrefcount(t))
u = ""
for i in range(100):
    u += str(i)
print(len(u), u[-10:], hash(u) == hash("".join(str(i) for i in range(100))))

# bytes
bb = b"ab" + b"cd"
print(bb, bb == b"abcd", hash(bb) == hash(b"abcd"), {b"abcd": 1}[bb])
bz = b"z"
print((b"" + bz) is bz, len(b"\xff" * 10 + b"\x00"))
print(bytearray(b"ab") + b"cd", b"ab" + bytearray(b"cd"))
