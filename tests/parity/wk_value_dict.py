# weakref.WeakValueDictionary: an instance of a Python class holding a
# dict of KeyedRefs, as CPython's Lib/weakref.py makes it; entries go when
# their values die (refcount or collector), cycles through it collected
import gc
import weakref
gc.collect()


class Image:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "Image(%r)" % self.name


cache = weakref.WeakValueDictionary()
print(type(cache).__name__, len(cache), "x" in cache, cache.get("x"), cache.get("x", 0))
a = Image("a")
b = Image("b")
cache["a"] = a
cache["b"] = b
print(len(cache), "a" in cache, cache["a"] is a, cache.get("b") is b)
print(sorted(cache), sorted(cache.keys()), sorted(cache.values(), key=repr))
print(sorted(cache.items()))
print(type(cache.data).__name__)
print(cache.data["a"].key, cache.data["a"]() is a)
del a
print(len(cache), "a" in cache, sorted(cache))
try:
    cache["a"]
except KeyError as e:
    print("KeyError", e)

# a cycle of values: gone at the collection, the callbacks remove them
c = Image("c")
c.me = c
cache["c"] = c
del c
print(len(cache), "c" in cache)
print(gc.collect(), len(cache), sorted(cache))

# the usual methods
d = weakref.WeakValueDictionary({"b": b})
e = Image("e")
print(d.setdefault("e", e) is e, d.setdefault("e", b) is e, len(d))
d.update(z=b)
print(sorted(d.keys()))
print(d.pop("z") is b, d.pop("z", None), len(d))
f = d.copy()
print(type(f).__name__, sorted(f), f is not d)
del e
print(sorted(d), sorted(f))
del d["b"]
print(len(d), len(f))

# a WeakValueDictionary in a cycle with what it holds
class Holder:
    pass


h = Holder()
h.cache = weakref.WeakValueDictionary()
h.cache["h"] = h
print(gc.collect())
h.cache.owner = h
h.cache["v"] = Holder.__init__ if False else Image("v")
del h
print(gc.collect())
del cache, f
print(gc.collect())
