# **kw through the star path: instances with __call__, decorators passing
# *args/**kwargs on, super().__init__(**kw) reaching object, the error texts
import gc
import sys
gc.collect()
opts = {"sep": "-", "end": "!\n"}
print(1, 2, **opts)
print(*[1, 2], **opts)
print(sorted([3, 1, 2], **{"reverse": True}))
print(dict(**{"a": 1}), dict([("b", 2)], **{"a": 1}))
class K:
    def __call__(self, *a, **kw):
        return (a, kw)
k = K()
print(k(1, x=2))
print(k(*[1], **{"x": 2}))
def deco(fn):
    def wrapper(*args, **kwargs):
        print("call", fn.__name__, len(args), kwargs)
        return fn(*args, **kwargs)
    return wrapper
@deco
def add(a, b=0):
    return a + b
print(add(1, b=2))
class P:
    @deco
    def meth(self, v, scale=1):
        return v * scale
class Q(P):
    def __init__(self, **kw):
        super().__init__(**kw)
print(type(Q()).__name__)
def kwonly(*, a, b=2):
    return a, b
print(kwonly(**{"a": 1}))
try:
    kwonly(**{"c": 1, "a": 1})
except TypeError as e:
    print(e)
print(max([1, 5, 2], **{"key": lambda v: -v}))
m = {"key": lambda s: len(s)}
print(min(["aaa", "b"], **m))
print("{a}-{b}".format(**{"a": 1, "b": 2}))
try:
    Q(a=1)
except TypeError as e:
    print(e)
class R:
    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
R()
try:
    R(1)
except TypeError as e:
    print(e)
print(P().meth(3, scale=2))
def f2(a=0, **kw):
    return a, kw
class C2:
    def m(self, a=0):
        return a
    def __call__(self, **kw):
        return kw
o = C2()
cases = [
    lambda: f2(**{"a": 1}, **{"a": 2}),
    lambda: f2(a=1, **{"a": 2}),
    lambda: o.m(a=1, **{"a": 2}),
    lambda: o.m(**{"b": 2}),

    lambda: f2(**{1: 2}),
    lambda: f2(**[1]),
    lambda: f2(*1),
    lambda: o.m(*1),
    lambda: C2(**{"a": 1}),
    lambda: C2(*[1]),
    lambda: print(**{"sepx": 1}),
    lambda: print(*[1], **{"sep": 1}),
    lambda: sorted([1], **{"key": None, "reverse": False, "x": 1}),
    lambda: f2(1, **{"a": 2}),
    lambda: o.m(1, **{"a": 2}),
]
for c in cases:
    try:
        print(c())
    except TypeError as e:
        print("TypeError:", e)
try:
    o(**{"x": 1}, **{"x": 2})
except TypeError as e:
    print("TypeError:", str(e).split(" got ")[1])
big = {"k%d" % i: i for i in range(50)}
print(len(k(**big)[1]), sum(k(*range(10), **big)[1].values()))
val = object()
d = {"v": val}
before = sys.getrefcount(val)
for i in range(10):
    k(**d)
    k(*[val], **d)
print(sys.getrefcount(val) - before)
print(gc.collect())


class NotIt:
    pass


def gen():
    yield 1
    yield 2


print(k(*gen(), **{"g": 1}), k(*"ab"), k(*{3: 4}), k(*{5}))
for bad in (NotIt(), 1.5, None):
    try:
        f2(*bad)
    except TypeError as e:
        print("TypeError:", e)
for bad in (NotIt(), [("a", 1)], "ab"):
    try:
        f2(**bad)
    except TypeError as e:
        print("TypeError:", e)
