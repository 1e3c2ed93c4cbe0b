# Weak references to sets and frozensets, and ref.__callback__
# (test_weakref's callback_attribute tests, as a script).
import gc
import weakref

gc.collect()  # what the imports left

s = {1, 2, 3}
fs = frozenset("abc")
rs = weakref.ref(s)
rfs = weakref.ref(fs)
print(rs() is s, rfs() is fs, weakref.getweakrefcount(s), weakref.ref(s) is rs)
print(repr(rs) == "<weakref at %#x; to 'set' at %#x>" % (id(rs), id(s)))
print(repr(rfs) == "<weakref at %#x; to 'frozenset' at %#x>" % (id(rfs), id(fs)))
print(rfs == weakref.ref(fs), hash(rfs) == hash(fs))
p = weakref.proxy(s)
print(len(p), 2 in p, sorted(p), p | {9} == {1, 2, 3, 9})
p.add(4)
print(sorted(s))

log = []
def gone(r):
    log.append(r is rs2)
rs2 = weakref.ref(s, gone)
print(rs2.__callback__ is gone, rs.__callback__)
del s, p
print(log, rs(), rs2(), rs2.__callback__)

# a cache of frozensets by name, which frees what nobody uses
cache = weakref.WeakValueDictionary()
def lookup(*letters):
    key = "".join(sorted(letters))
    v = cache.get(key)
    if v is None:
        v = frozenset(letters)
        cache[key] = v
    return v

x = lookup("a", "b")
y = lookup("b", "a")
z = lookup("c")
print(x is y, len(cache), sorted(cache.keys()))
del z
print(sorted(cache.keys()))
del x, y
print(len(cache))

# sets in a cycle go with the collector; the callback of a ref from
# outside runs
class Box:
    pass

box = Box()
items = {1, 2}
box.items = items
box.me = box
ri = weakref.ref(items, lambda r: print("set freed, ref dead:", r() is None))
del box, items
print("collected:", gc.collect())

# __callback__ is read-only; it goes once the referent dies by count
class C:
    pass

def cb(r):
    print("callback called")

c = C()
r = weakref.ref(c, cb)
print(r.__callback__ is cb)
try:
    r.__callback__ = cb
except AttributeError as e:
    print("AttributeError")
del c
print(r.__callback__)

# a ref's repr names a function's or a class's __name__ (weakref_repr)
def handler():
    pass

rh, rc = weakref.ref(handler), weakref.ref(C)
print(repr(rh) == "<weakref at %#x; to 'function' at %#x (handler)>" % (id(rh), id(handler)))
print(repr(rc) == "<weakref at %#x; to 'type' at %#x (C)>" % (id(rc), id(C)))
