# reprs of the weakref module's objects (ids not printed), KeyErrors, truth
import gc, weakref
gc.collect()
class A:
    pass
d = weakref.WeakValueDictionary()
s = weakref.WeakSet()
k = weakref.WeakKeyDictionary()
a = A()
d[1] = a
s.add(a)
k[a] = 5
print(str(d).startswith("<WeakValueDictionary at 0x"), repr(k).startswith("<WeakKeyDictionary at 0x"))
print(str(s).startswith("{<weakref at 0x"), bool(d), bool(weakref.WeakSet()))
for key, v in d.items():
    print(key, v is a)
try:
    del d[2]
except KeyError as e:
    print("KeyError", e)
try:
    d[3]
except KeyError as e:
    print("KeyError", e)
f = weakref.finalize(a, print, "bye")
print(str(f).startswith("<finalize object at 0x"), "; for 'A' at" in repr(f))
del a
print(len(d), len(s), len(k), f.alive, repr(f).endswith("; dead>"))
print(gc.collect())
