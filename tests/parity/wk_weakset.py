# weakref.WeakSet: a set of weakrefs whose callback discards them
import gc
import weakref
gc.collect()


class Item:
    def __init__(self, n):
        self.n = n


s = weakref.WeakSet()
print(type(s).__name__, len(s), type(s.data).__name__, s)
a, b = Item(1), Item(2)
s.add(a)
s.add(b)
s.add(a)
print(len(s), a in s, Item(3) in s, 1 in s, sorted(i.n for i in s))
del a
print(len(s), sorted(i.n for i in s))
s.discard(b)
s.discard(Item(9))
print(len(s))
try:
    s.remove(b)
except KeyError:
    print("KeyError")

# observers that go away on their own
observers = weakref.WeakSet()
obs = [Item(i) for i in range(5)]
observers.update(obs)
print(len(observers))
del obs[1:3]
print(len(observers), sorted(o.n for o in observers))
c = Item(9)
c.me = c
observers.add(c)
del c
print(len(observers), gc.collect(), len(observers))
t = observers.copy()
print(type(t).__name__, len(t), t is not observers)
obs.clear()
print(len(observers), len(t))
p = Item(7)
t.add(p)
print(t.pop() is p, len(t))
