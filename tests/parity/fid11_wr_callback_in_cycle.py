# test_gc.test_bug1055820b-style: a weakref whose referent and the ref
# itself die in the same collection gets no callback; one outside does
import gc
import weakref

log = []


def cb(ref):
    log.append("callback")


class C:
    pass


a = C()
a.me = a
a.wr = weakref.ref(a, cb)
del a
gc.collect()
print(log)

b = C()
b.me = b
outside = weakref.ref(b, cb)
del b
gc.collect()
print(log, outside())


class D:
    def __init__(self, name):
        self.name = name


x = D("x")
wr_x = weakref.ref(x, lambda r: print("x died, ref dead:", r() is None))
y = D("y")
x.y = y
y.x = x
del x, y
print("collecting")
print(gc.collect())
