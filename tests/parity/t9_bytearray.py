# bytearray, the mutable bytes: construction (int, bytes, iterables, str with
# an encoding), indexing, slicing, append/extend/insert/pop/remove/clear/
# reverse/copy/decode, + and +=, in, bytes(), len, repr, mutation seen
# through an alias, and the errors CPython raises.
import gc
import sys
gc.collect()
ba = bytearray(b"hello")
alias = ba
print(ba, len(ba), ba[0], ba[-1], type(ba), type(ba).__name__, isinstance(ba, bytearray))
ba.append(33)
ba.extend(b" world")
ba.extend([65, 66])
ba.extend(range(48, 51))
print(alias, alias is ba, len(alias))
print(ba.pop(), ba.pop(0), ba)
ba[0] = 69
del ba[1]
ba.insert(0, 72)
ba.insert(-1, 95)
ba.insert(100, 90)
print(ba, bytes(ba), bytes(ba) == ba, ba == b"x", bytearray(b"ab") == bytearray(b"ab"))
print(bytearray(), bytearray(3), bytearray([1, 2, 255]), bytearray("héllo", "utf-8"), bytearray("abc", "ascii"), bytearray("é", "latin-1"))
print(b"ab" + bytearray(b"cd"), bytearray(b"ab") + b"cd", type(b"ab" + bytearray(b"cd")).__name__)
x = bytearray(b"ab")
y = x
x += b"cd"
print(x, y, x is y)
print(65 in ba, 1 in ba, b"ll" in ba, b"zz" in ba, bytearray(b"el") in ba)
print(list(bytearray(b"abc")), [b for b in bytearray(b"\x00\xff")], sum(bytearray(b"\x01\x02")))
print(gc.is_tracked(ba), bool(bytearray()), bool(ba))
print(ba[1:4], ba[::-1], ba[:], ba[:] is ba, type(ba[1:3]).__name__)
c = ba.copy()
c.reverse()
print(c, ba.decode(), bytearray(b"caf\xc3\xa9").decode("utf-8"))
c.clear()
print(c, len(c))
d = bytearray(b"abcabc")
d.remove(98)
print(d)
print(bytes(), bytes(2), bytes([104, 105]), bytes(b"xy"), bytes("hé", "utf-8"))
b0 = b"same"
print(bytes(b0) is b0)
for bad in [lambda: bytearray("x"), lambda: bytearray(-1), lambda: bytearray([256]), lambda: bytearray([1.5]),
            lambda: bytearray(b"a").pop(5), lambda: bytearray().pop(), lambda: bytearray(b"a").remove(9),
            lambda: hash(bytearray()), lambda: bytearray(b"a")[5], lambda: bytearray(1, "utf-8"),
            lambda: bytearray(b"ab").append(300), lambda: bytearray(2.5)]:
    try:
        bad()
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__, e)
e = bytearray(b"ab")
try:
    e[0] = 256
except ValueError as err:
    print("ValueError", err)
try:
    e["k"] = 1
except TypeError as err:
    print("TypeError", err)
try:
    e[9] = 1
except IndexError as err:
    print("IndexError", err)
print(repr(bytearray(b"it's \"q\"\n\t\x00")), str(bytearray(b"s")))
print(sys.getrefcount(ba) - sys.getrefcount(c))
s = bytearray(b"0123456789")
t = s
s[2:5] = b"ab"
print(s, t is s)
s[:0] = [120, 121]
s[len(s):] = bytearray(b"!")
print(s)
s[::2] = bytes(len(s[::2]))
print(s)
s[8:2:-2] = b"XYZ"
print(s)
del s[1:3]
del s[::3]
print(s, len(s))
del s[:]
print(s, t)
try:
    s[0:1] = 5
except TypeError as err:
    print("TypeError", err)
u = bytearray(b"abcdef")
try:
    u[::2] = b"xy"
except ValueError as err:
    print("ValueError", err)
