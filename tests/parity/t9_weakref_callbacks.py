# weakref.ref with callbacks as test_weakref.py uses them: the callback
# gets the dead reference, runs at refcount death and in a collection,
# not when the weakref dies first; getweakrefcount/getweakrefs.
import gc
import weakref

gc.collect()


class Obj:
    def __init__(self, n):
        self.n = n


log = []


def callback(ref):
    log.append(("dead", ref() is None))


o = Obj(1)
r = weakref.ref(o, callback)
r2 = weakref.ref(o)
print(r() is o, r2 is weakref.ref(o), weakref.getweakrefcount(o))
print(len(weakref.getweakrefs(o)))
del o
print(log, r(), r2())
o = Obj(2)
r = weakref.ref(o, lambda ref: print("lambda callback", ref is r))
o.self = o
del o
print("collect", gc.collect())
o = Obj(3)
r = weakref.ref(o, lambda ref: print("never"))
del r
del o
print("no callback")
objs = [Obj(i) for i in range(3)]
refs = [weakref.ref(x, lambda ref, i=i: print("gone", i)) for i, x in enumerate(objs)]
print([ref().n for ref in refs])
objs.pop(1)
print(sum(1 for ref in refs if ref() is not None))
del objs
print([ref() for ref in refs])
try:
    weakref.ref(1)
except TypeError as e:
    print("TypeError:", e)
try:
    weakref.ref([])
except TypeError as e:
    print("TypeError:", e)
o = Obj(4)
r = weakref.ref(o)
print(repr(r)[:20] == "<weakref at 0x"[:20] or "weakref" in repr(r))
print(hash(r) == hash(o), r == weakref.ref(o))
