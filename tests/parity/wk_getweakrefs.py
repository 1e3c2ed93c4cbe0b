# weakref.getweakrefcount / getweakrefs: the referent's list, in CPython's
# order (the plain ref first, newer callback refs before older ones);
# KeyedRef and its key
import gc
import weakref
gc.collect()


class Obj:
    pass


def cb1(r):
    print("cb1")


def cb2(r):
    print("cb2")


o = Obj()
print(weakref.getweakrefcount(o), weakref.getweakrefs(o))
r1 = weakref.ref(o, cb1)
r0 = weakref.ref(o)
r2 = weakref.ref(o, cb2)
print(weakref.getweakrefcount(o))
refs = weakref.getweakrefs(o)
print(len(refs), refs[0] is r0, refs[1] is r2, refs[2] is r1)
print(weakref.ref(o) is r0, weakref.getweakrefcount(o))
del refs
del r2
print(weakref.getweakrefcount(o))
print([r is r0 for r in weakref.getweakrefs(o)])

# objects that cannot be weakly referenced: 0 and []
print(weakref.getweakrefcount(1), weakref.getweakrefs("s"), weakref.getweakrefcount([]))

# KeyedRef: a ref with a key, always a new one
k = weakref.KeyedRef(o, None, "the key")
print(k.key, k() is o, k is not r0, weakref.getweakrefcount(o))
refs = weakref.getweakrefs(o)
print(refs[0] is r0, refs[1] is k, refs[2] is r1)
del refs

del o
print(k(), r0(), k.key, weakref.getweakrefcount(k))
print(gc.collect())
