# sets and the collector: tracked from birth (both kinds), referents in
# table order, members released in table order, cycles through a set
# collected, refcounts of members.
import gc
import sys
gc.collect()

print(gc.is_tracked(set()), gc.is_tracked(frozenset()), gc.is_tracked({1, 2}))
print(gc.is_tracked(frozenset([1, 2])))

t1 = (1, 2)
t2 = (3, 4)
s = {t2, t1}
r = gc.get_referents(s)
print(len(r), r[0] is t1 or r[0] is t2, sorted(r))
print(sys.getrefcount(t1), sys.getrefcount(t2))
s.discard(t1)
print(sys.getrefcount(t1), sys.getrefcount(t2))
s.clear()
print(sys.getrefcount(t2), len(s))


class Node:
    def __init__(self, name):
        self.name = name
        self.links = set()

    def __hash__(self):
        return 0

    def __del__(self):
        print('del', self.name)


# a cycle through a set: node -> set -> node
a = Node('a')
a.links.add(a)
del a
print('collected', gc.collect())

# the members of a dying set are released with it (one by one, table order)
holder = {(n, 'x' * n) for n in [5, 3, 9]}
first = sorted(holder)[0]
print(sys.getrefcount(first))
holder = None
print(sys.getrefcount(first))

# a frozenset of tuples as a dict key keeps its members alive
k = frozenset({(1, 2), (2, 3)})
d = {k: 'edges'}
print(sys.getrefcount(k))
del k
print(d[frozenset({(2, 3), (1, 2)})])
d.clear()
print(gc.collect())
