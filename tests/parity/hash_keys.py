# User classes with __eq__/__hash__ as set members and dict keys: CPython
# calls __hash__ on every insert, lookup and delete, and the stored key's
# __eq__ for each entry of the probe sequence with an equal hash.
import gc
gc.collect()


class P:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, o):
        return isinstance(o, P) and (self.x, self.y) == (o.x, o.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return "P(%d, %d)" % (self.x, self.y)


# the example
s = {P(1, 2), P(1, 2), P(3, 4)}
print(len(s), P(1, 2) in s)
d = {P(0, 0): "origin"}
print(d[P(0, 0)])

# sets: set(), add, in, discard, remove
a = P(1, 2)
s = set()
s.add(a)
s.add(P(1, 2))
print(len(s), P(1, 2) in s, P(2, 1) in s, P(1, 2) not in s)
b = [x for x in s][0]
print(b is a)
s.discard(P(1, 2))
print(len(s))
s.discard(P(1, 2))
s.add(P(5, 6))
s.remove(P(5, 6))
print(len(s))
try:
    s.remove(P(5, 6))
except KeyError as e:
    print("KeyError", e.args[0] is not None)
s = set([P(1, 1), P(1, 1), P(2, 2), P(1, 1)])
print(len(s), sorted(p.x for p in s))
f = frozenset([P(1, 1), P(1, 1)])
print(len(f), P(1, 1) in f, type(f).__name__)
print(len(set((P(0, 1), P(0, 1)))), len(set({P(3, 3): 1})))

# dicts: d[k], d[k] = v, in, get, pop, del, setdefault
k1 = P(0, 0)
d = {}
d[k1] = 1
d[P(0, 0)] = 2
print(len(d), d[P(0, 0)], list(d.values()))
print([k is k1 for k in d])
print(P(0, 0) in d, P(9, 9) in d)
print(d.get(P(0, 0)), d.get(P(9, 9)), d.get(P(9, 9), "dflt"))
print(d.setdefault(P(0, 0), 5), d.setdefault(P(1, 1), 7), len(d))
print(d.pop(P(1, 1)), len(d), d.pop(P(1, 1), "gone"))
del d[P(0, 0)]
print(len(d), d)
try:
    d[P(0, 0)]
except KeyError as e:
    print("KeyError", e.args[0] is not None)
try:
    del d[P(0, 0)]
except KeyError as e:
    print("KeyError", e.args[0] is not None)
d = {P(1, 2): "a", P(1, 2): "b", P(2, 1): "c"}
print(len(d), d[P(1, 2)], d)

# comprehensions
pts = [P(i % 3, 0) for i in range(10)]
print(len({p for p in pts}), len({p: i for i, p in enumerate(pts)}))
print({p: i for i, p in enumerate(pts)}[P(1, 0)])

# the key kept is the first one inserted; counts of what the dict holds
import sys
k = P(7, 7)
d = {k: 1}
k2 = P(7, 7)
before = sys.getrefcount(k2)
d[k2] = 2
print(sys.getrefcount(k2) - before, [x is k for x in d], d[k])
