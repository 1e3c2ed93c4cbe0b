# Builtin functions and methods in every place a value goes: returns, yields,
# comprehensions, closures, defaults, class attributes, exec, exceptions,
# bound to sets, frozensets, generators and exception instances.
def r1():
    return len
def r2():
    return "a".upper
f = lambda: abs
print(r1()("ab"), r2()(), f()(-1), r1() is len)
def gen():
    yield len
    yield from [abs, str.upper]
    return print
print([g.__name__ for g in gen()])
xs = [len for _ in range(3)]
print(xs[0] is xs[2], {k: len for k in "ab"}["a"]("xyz"), {abs for _ in range(2)})
t = (len, abs)
a, b = t
print(a is len, b(-2))
class C:
    pass
c = C()
c.f = len
c.__dict__["g"] = abs
print(c.f("a"), c.g(-3))
lst = [None]
lst[0] = len
d = {}
d[len] = "len"
d["k"] = str.upper
print(lst[0]("ab"), d[len], d["k"]("q"))
def star(*a, **k):
    return a, k
print(star(len, x=abs))
try:
    raise ValueError(len)
except ValueError as e:
    print(e.args[0] is len, e)
print(len, len, abs)
g = None
def setg():
    global g
    g = len
setg()
print(g("abc"), len("ab"))
def cl():
    h = str.lower
    return lambda s: h(s)
print(cl()("AB"))
import gc
import sys
gc.collect()
print(len("done"), str.upper("x"), "y".upper())
class A2:
    f = len
    up = str.upper
a = A2()
print(a.f("ab"), A2.f("abc"), a.up("x") if False else A2.up("y"))
def h(x, key=len):
    return key(x)
print(h("abc"), h([1], key=repr), h.__defaults__)
def outer():
    f = abs
    def inner(x):
        return f(x)
    return inner
print(outer()(-5), outer().__closure__[0].cell_contents)
def gen():
    yield len
    yield "a".upper
for g in gen():
    print(g("zz") if g is len else g())
d = {}
exec("x = len\ny = x('abc')", d)
print(d["y"], d["x"] is len)
print(id(len) == id(len), id(str.upper) == id(str.upper))
app = list.append
lst = []
app(lst, 1)
print(lst)
def g2():
    yield 1
    yield 2
gg = g2()
nx = gg.__next__ if False else next
print(nx(gg))
snd = gg.send
print(snd(None))
try:
    raise ValueError("v")
except ValueError as e:
    wt = e.with_traceback
    print(type(wt).__name__, wt.__qualname__)
s = {1, 2}
ad = s.add
ad(3)
print(sorted(s), ad.__qualname__)
fs = frozenset([1])
un = fs.union
print(sorted(un([2])), un.__qualname__, repr(un).split(" at ")[0])
print([f.__qualname__ for f in (len, str.upper, "x".upper, [].append, {}.get, gc.collect, sys.getrefcount)])
x = [len, str.upper, "s".upper]
print(x[0]("a"), x[1]("b"), x[2]())
print(str(str.upper), f"{len}", "%s" % (abs,), "{}".format(print))
print(sorted([len, abs], key=lambda f: f.__name__))
print(any(map(str.isdigit, "ab1")), all(map(str.isalpha, "ab")))
print(sum(map(len, ["a", "bb"])), dict(zip("ab", map(ord, "ab"))))
try:
    raise KeyError("k")
except KeyError as e:
    print(repr(e.with_traceback) == "<built-in method with_traceback of KeyError object at " + hex(id(e)) + ">")
