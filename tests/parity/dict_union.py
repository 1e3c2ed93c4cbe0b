# dict | dict (a new plain dict), |= from a dict or pairs (in place), dict.fromkeys as a classmethod; counts, tracking
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
c = a | b
print(c, a, b, c is a)
a |= b
print(a)
a |= [("w", 0)]
print(a)
d = a
d |= {"x": -1}
print(d is a, a)
print(dict.fromkeys("abc"), dict.fromkeys(["k"], []), dict.fromkeys(range(3), 0))
print({}.fromkeys("ab", 1))
try:
    a | [("q", 1)]
except TypeError as e:
    print(e)
try:
    a |= 5
except TypeError as e:
    print(e)
import gc
print(gc.is_tracked(a | {}), gc.is_tracked(dict.fromkeys("ab")), gc.is_tracked(dict.fromkeys("ab", [])))
import sys
x = object()
before = sys.getrefcount(x)
fk = dict.fromkeys("ab", x)
print(sys.getrefcount(x) - before, list(fk))
class D(dict):
    pass
dd = D(a=1)
u = dd | {"b": 2}
print(type(u).__name__, u, type(dd).__name__)
dd |= {"c": 3}
print(type(dd).__name__, dd)
print(dict.fromkeys(x for x in "xyz"), dict.fromkeys({"s": 1}))
