# Weak references to unreachable objects are cleared by the collector
# (before anything is freed), and by refcounting when no cycle is involved.
import gc
import weakref
gc.disable()
gc.collect()


class C:
    pass


c = C()
r = weakref.ref(c)
print(r() is c)
c.me = c
del c
print("alive in a cycle", r() is None)
print(gc.collect())
print("cleared", r() is None)

d = C()
r2 = weakref.ref(d)
del d
print("refcount death", r2() is None)

e = C()
f = C()
e.f = f
f.e = e
re = weakref.ref(e)
rf = weakref.ref(f)
del e
del f
print(re() is None, rf() is None)
print(gc.collect())
print(re() is None, rf() is None)
