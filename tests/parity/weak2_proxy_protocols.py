# What a proxy forwards and what it keeps for itself (test_weakref's
# proxy tests: deletion, div, bool, iter, next, hash, callable proxy).
import gc
import weakref

gc.collect()  # what the imports left


class Foo:
    result = None

    def __delitem__(self, accessor):
        self.result = accessor

    def __repr__(self):
        return "Foo()"


g = Foo()
f = weakref.proxy(g)
del f[0]
print(f.result, g.result)


class Num:
    def __init__(self, v):
        self.v = v

    def __truediv__(self, o):
        return Num(self.v / o)

    def __floordiv__(self, o):
        return Num(self.v // o)

    def __rsub__(self, o):
        return o - self.v

    def __neg__(self):
        return -self.v

    def __lt__(self, o):
        return self.v < o

    def __bool__(self):
        return self.v != 0


n = Num(9)
p = weakref.proxy(n)
print((p / 2).v, (p // 2).v, 10 - p, -p, p < 10, bool(p), not p)
zero = Num(0)
print(bool(weakref.proxy(zero)), "yes" if weakref.proxy(zero) else "no")


class Counter:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n


c = Counter(3)
pc = weakref.proxy(c)
print(next(pc), list(pc), list(pc))

# callable proxies: a function, a class, an instance with __call__
def double(x):
    return 2 * x

class Adder:
    def __call__(self, a, b=1):
        return a + b

pf = weakref.proxy(double)
adder = Adder()
pa = weakref.proxy(adder)
print(pf(21), pa(1), pa(1, b=5), type(pf).__name__, type(pa).__name__, type(p).__name__)
print(callable(pf), callable(p))

# formatting goes to the referent; repr is the proxy's own
print(f"{f}", "%s" % f, str(f), repr(f).startswith("<weakproxy at 0x"), repr(f).endswith(" to Foo at %#x>" % id(g)))
print(isinstance(f, Foo), getattr(f, "result"), hasattr(f, "missing"), f.__class__ is Foo)

# proxies are unhashable and not weakly referenceable themselves
for what in [lambda: hash(f), lambda: {f: 1}, lambda: {f}, lambda: weakref.ref(f)]:
    try:
        what()
    except TypeError as e:
        print("TypeError:", e)
d = {}
try:
    d[pf] = 1
except TypeError as e:
    print("TypeError:", e)

# identity is the proxy's; equality is the referent's
print(f is g, f == g, f != g, [f][0] is f, weakref.proxy(g) is f)

# a set through a proxy
s = {1, 2}
ps = weakref.proxy(s)
ps.add(3)
print(sorted(s), len(ps), 3 in ps, ps == {1, 2, 3}, type(ps).__name__)
del s
try:
    len(ps)
except ReferenceError as e:
    print("ReferenceError:", e)

# augmented assignment: the referent's in-place operator, the name then
# holds its result (not the proxy)
class Acc:
    def __init__(self):
        self.n = 0

    def __iadd__(self, k):
        self.n += k
        return self


acc = Acc()
q = weakref.proxy(acc)
q += 5
print(acc.n, q is acc)
s2 = {1}
t = weakref.proxy(s2)
t |= {2}
print(sorted(s2), t is s2)

# the proxy types, as isinstance and type() see them
print(isinstance(pa, weakref.CallableProxyType), isinstance(pa, weakref.ProxyType),
      isinstance(p, weakref.ProxyType), isinstance(p, Num), isinstance(p, Foo))
print(type(p) is weakref.ProxyType, type(pf) is weakref.CallableProxyType,
      type(weakref.ref(n)) is weakref.ReferenceType, weakref.ProxyType)
