# object(): a bare object as CPython 3.11's object_new makes it: untracked,
# no __dict__, no weak references, hashed by identity, type() is object
import gc, sys, weakref
gc.collect()
x = object()
c0 = gc.get_count()[0]
z = object()
print(gc.get_count()[0] - c0)
print(gc.is_tracked(x), type(x) is object, sys.getrefcount(x))
print(hash(x) == hash(x), x == x, x != object(), x is x, isinstance(x, object))
print(x.__class__ is object, type(x).__name__)
try:
    x.a = 1
except AttributeError as e:
    print(e)
try:
    x.a
except AttributeError as e:
    print(e)
try:
    weakref.ref(x)
except TypeError as e:
    print(e)
print(repr(x).startswith("<object object at 0x"), str(x)[:8])
try:
    object(1)
except TypeError as e:
    print(e)
d = {x: 1}
print(d[x], x in d, len({object(), object()}))
l = [x, x]
print(sys.getrefcount(x))
del l
print(sys.getrefcount(x))
y = x
del x
print(gc.collect(), type(y))
print(isinstance(1, object), isinstance([], object), isinstance(object, object))
class A:
    pass
print(isinstance(A(), object), isinstance(x if False else y, A))
sentinel = object()
def find(items, default=sentinel):
    for it in items:
        if it == 3:
            return it
    return default
print(find([1, 2]) is sentinel, find([3]) is sentinel)
print(sys.getrefcount(sentinel))
print(repr(object), object.__name__)
