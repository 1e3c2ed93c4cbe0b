# Counts around classes and instances: each instance holds its class, a
# bound method holds its function and self, a call through LOAD_METHOD
# holds nothing afterwards.
import gc
import sys

gc.disable()
gc.collect()


class P:
    kind = "p"

    def __init__(self):
        self.items = []

    def add(self, x):
        self.items.append(x)
        return sys.getrefcount(self)


print(sys.getrefcount(P))
a = P()
b = P()
print(sys.getrefcount(P), sys.getrefcount(a))
print(a.add(1), sys.getrefcount(a))
m = a.add
print(sys.getrefcount(a), sys.getrefcount(m))
l = [m, m]
print(sys.getrefcount(m))
del l, m
print(sys.getrefcount(a), sys.getrefcount(P.__dict__['add']))
print(sys.getrefcount(P.kind) > 1, a.kind is P.kind)
del a, b
print(sys.getrefcount(P))
n0 = len(gc.get_objects())
c = P()
print(len(gc.get_objects()) - n0)
c.x = 1
c.y = "s"
print(len(gc.get_objects()) - n0)
d = c.__dict__
print(len(gc.get_objects()) - n0, gc.get_referrers(d)[0] is c)
del d, c
print(len(gc.get_objects()) - n0)


class Q:
    def look(self):
        return sys.getrefcount(self)

    def __init__(self):
        self.at_init = sys.getrefcount(self)


q = Q()
print(q.at_init, q.look(), Q.look(q))
bm = q.look
print(bm())
