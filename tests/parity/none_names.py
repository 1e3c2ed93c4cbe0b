# None reaching a builtin through a name (its own handle), not as a literal:
# sep=None, strip(None), end=None, d.get(k, None), key=None, slices, weakref
# callbacks, format of None, a default of None passed on
import weakref
s = None
print("a b".split(s), "xay".strip(s), " q ".rstrip(s), "a b c".rsplit(s, 1))
def f(n=None):
    return round(2.5, n), "{}".format(n), round(2.567, n)
print(f(), f(1))
d = {}
print(d.get(1, s), sorted([3, 1], key=s), [5, 6, 7][s:2], [5, 6, 7][1:s])
x = None
print(1, end=x)
print(2, sep=x)
class A:
    pass
a = A()
cb = None
r = weakref.ref(a, cb)
print(r() is a)
del a
print(r(), next(iter([]), s), max([], default=s))
def g():
    v = yield s
    print("sent", v)
it = g()
print(next(it))
try:
    it.send(x)
except StopIteration:
    print("done")
