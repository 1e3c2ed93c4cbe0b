# `object` is statically allocated in CPython, not a GC object: a class's
# `(object,)` bases tuple holds nothing the collector can follow, so the
# first collection it survives untracks it, and a class collected after
# that is 5 objects (type, dict, mro, two descriptors), not 6.  A tuple of
# two classes stays tracked.
import gc

gc.disable()
gc.collect()


class A:
    pass


print(gc.is_tracked(A.__bases__), gc.is_tracked(A.__mro__))
print(gc.collect())
print(gc.is_tracked(A.__bases__), gc.is_tracked(A.__mro__))
del A
print(gc.collect())


class B:
    pass


B.me = B
del B
print(gc.collect())


class C:
    pass


class D(C):
    pass


print(gc.collect())
print(gc.is_tracked(D.__bases__), gc.is_tracked(C.__bases__))
print(gc.is_tracked((C, D)), gc.is_tracked((object,)))
t = (object, 1, "x")
gc.collect()
print(gc.is_tracked(t))
del C, D
print(gc.collect())
