# what the weakref module's classes needed from the interpreter: keyword
# arguments to methods, obj.f(*a, **k) with no keywords, del obj[k]
# (__delitem__), an instance with __call__
import gc
gc.collect()


class C:
    def __init__(self):
        self.d = {}

    def f(self, *a, **k):
        return (a, sorted(k.items()))

    def g(self, *a, **k):
        return self.f(*a, **k)

    def h(self, x=1, /, **kw):
        return x, sorted(kw)

    def __setitem__(self, k, v):
        self.d[k] = v

    def __delitem__(self, k):
        print("del", k)
        del self.d[k]

    def __call__(self, n=0):
        return n + len(self.d)


c = C()
print(c.g(1, 2), c.f(*[3]), c.g(), c.h(z=1, y=2), C().h(5, a=1), c.f(a=1))
c["x"] = 1
c["y"] = 2
del c["x"]
try:
    del c["nope"]
except KeyError as e:
    print("KeyError", e)
print(c(), c(10), callable(c))
print(gc.collect())
