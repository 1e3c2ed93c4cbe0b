# Tracking as 3.11: tuples tracked at creation and untracked by a collection
# (in list order), dicts tracked once they hold a container and untracked by
# a full collection; the empty tuple never tracked.
import gc
t = (1, 2)
print(gc.is_tracked(t), gc.is_tracked(()))
u = tuple([1, 2])
print(gc.is_tracked(u))
x = 5
v = (x, x)
print(gc.is_tracked(v))
gc.collect(0)
print(gc.is_tracked(v), gc.is_tracked(u))
d = {}
print(gc.is_tracked(d), gc.is_tracked({"a": 1}), gc.is_tracked({"a": []}), gc.is_tracked({1: (1,)}))
d["l"] = []
print(gc.is_tracked(d))
del d["l"]
print(gc.is_tracked(d))
gc.collect(1)
print(gc.is_tracked(d))
gc.collect()
print(gc.is_tracked(d))
w = (1, [])
print(gc.is_tracked(w))
nested = ((1, 2), 3)
print(gc.is_tracked(nested))
n2 = ((x, x), x)
print(gc.is_tracked(n2))
gc.collect()
print(gc.is_tracked(n2), gc.is_tracked(n2[0]))
gc.collect()
print(gc.is_tracked(n2))
gc.disable()
before = len(gc.get_objects())
a = (1, 2, 3)
b = {"x": 1}
c = {}
print(len(gc.get_objects()) - before)
gc.collect()
print(len(gc.get_objects()) - before)
big = []
for i in range(50):
    big.append((i, i + 1))


def ntracked(seq):
    n = 0
    for t in seq:
        if gc.is_tracked(t):
            n = n + 1
    return n


print(ntracked(big))
gc.collect(0)
print(ntracked(big))
e = (x, [])
f = (e, 1)
gc.collect()
print(gc.is_tracked(e), gc.is_tracked(f))
e[1].append(1)
dd = {1: 2}
dd[(1, 2)] = 3
print(gc.is_tracked(dd))
dd["l"] = [dd]
print(gc.is_tracked(dd))
