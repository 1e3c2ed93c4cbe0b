# A tour of the newer syntax: comprehensions, slices, bitwise operators,
# starred items, :=, raise/try/finally/assert, from-imports.
import gc
xs = [1, 2, 3, 4]
print([x * 2 for x in xs])
print([x for x in xs if x % 2 == 0])
print({x: x * x for x in range(4)})
print([(a, b) for a in range(3) for b in "ab" if a != 1])
def f(k):
    return [x + k for x in xs]
print(f(10))
print(list(x * 3 for x in xs))
print(xs[1:3], xs[::-1], xs[:-1], "hello"[1:4], "héllo"[::2], b"abc"[1:])
ys = [i for i in range(10)]
ys[2:5] = ["a", "b"]
print(ys)
del ys[::3]
print(ys)
ys[::2] = [0, 0, 0]
print(ys)
print(5 & 3, 5 | 3, 5 ^ 3, 1 << 10, -17 >> 2, ~5, True & False)
a, *b, c = (0, 1, 2, 3, 4, 5)
print(a, b, c)
print([*xs, *"ab", 9], (*xs, 0))
if (n := len(xs)) > 3:
    print("n", n)
v = 3
v **= 3
v <<= 1
v |= 1
v ^= 2
v >>= 1
v &= 0xff
print(v)
try:
    raise ValueError("bad value")
except ValueError as e:
    print("caught", e)
try:
    e
except NameError:
    print("e unbound")
try:
    try:
        1 / 0
    finally:
        print("finally")
except ZeroDivisionError:
    print("zde")
def g():
    try:
        return 1
    finally:
        print("fin in g")
print(g())
try:
    assert 1 == 2, "nope"
except AssertionError as e:
    print("assert", e)
from gc import collect, get_count
print(collect() >= 0)
d = {i: i for i in range(1000)}
s = 0
for k in d:
    s += k
print(s)
for x in xs:
    pass
else:
    print("else")
