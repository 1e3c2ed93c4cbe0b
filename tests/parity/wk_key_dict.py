# weakref.WeakKeyDictionary: data maps weakrefs (with a callback) to
# values; a dead key's entry goes, found by the weakref's kept hash
import gc
import weakref
gc.collect()


class Key:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return "Key(%d)" % self.n


d = weakref.WeakKeyDictionary()
print(type(d).__name__, len(d), type(d.data).__name__)
k1, k2 = Key(1), Key(2)
d[k1] = "one"
d[k2] = [2]
print(len(d), k1 in d, Key(3) in d, 5 in d, d[k1], d.get(k2), d.get(Key(4), "no"))
print(sorted(d.values(), key=repr), sorted(d.keys(), key=repr), sorted(d.items(), key=repr))
print(sorted([k.n for k in d]))
held = d[k2]
print(len(held))
del k1
print(len(d), sorted(d.values(), key=repr))

# a key in a cycle: the collector clears the weakref, the callback deletes
k3 = Key(3)
k3.me = k3
d[k3] = "three"
del k3
print(len(d))
print(gc.collect(), len(d))

# methods
print(d.setdefault(k2, None) is held, d.pop(k2) is held, len(d), d.pop(k2, "gone"))
e = weakref.WeakKeyDictionary({k2: 1})
k4 = Key(4)
e.update({k4: 4})
print(len(e), sorted(e.values()))
f = e.copy()
del e[k2]
print(len(e), len(f), [k.n for k in e.keyrefs()[0:1] and [e.keyrefs()[0]()]])
del k4
print(len(e), len(f))

# the dictionary and a key holding it, in a cycle
k5 = Key(5)
k5.owner = weakref.WeakKeyDictionary()
k5.owner[k5] = k5
del k5
print(gc.collect())
