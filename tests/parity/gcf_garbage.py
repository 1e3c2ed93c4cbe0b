# gc.garbage is one list object: its identity, count and methods, what
# DEBUG_SAVEALL puts in it, and the collector seeing what a script does
# to it (test_gc.py's test_saveall, in natural form).
import gc
import sys

gc.collect()
g = gc.garbage
print(g is gc.garbage, isinstance(g, list), len(g), g == [])
print(sys.getrefcount(gc.garbage), sys.getrefcount(g))
print(gc.is_tracked(g))
del g
print(sys.getrefcount(gc.garbage))

# test_saveall
L = []
L.append(L)
id_L = id(L)
debug = gc.get_debug()
gc.set_debug(debug | gc.DEBUG_SAVEALL)
del L
print(gc.collect())
gc.set_debug(debug)
print(len(gc.garbage))
obj = gc.garbage.pop()
print(id(obj) == id_L, obj[0] is obj, len(gc.garbage))
print(sys.getrefcount(obj))
del obj

# saved objects are held by the list: the collector sees them as alive
gc.set_debug(gc.DEBUG_SAVEALL)
a = []
b = [a]
a.append(b)
d = {}
d["self"] = d
del a, b, d
print(gc.collect())
gc.set_debug(0)
print(len(gc.garbage), sum(1 for x in gc.garbage if isinstance(x, dict)))
print(gc.collect())
print(any(r is gc.garbage for r in gc.get_referrers(gc.garbage[0])))
print(sys.getrefcount(gc.garbage[0]))

# del gc.garbage[:] drops them: the next collection finds the cycles
del gc.garbage[:]
print(len(gc.garbage), gc.collect())

# append() and clear() on the list itself
c = []
c.append(c)
gc.garbage.append(c)
del c
print(gc.collect(), len(gc.garbage))
gc.garbage.clear()
print(gc.collect(), len(gc.garbage))


# finalizers run first, then SAVEALL keeps the objects
class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


gc.set_debug(gc.DEBUG_SAVEALL)
n = Node("n")
n.me = n
del n
print(gc.collect())
gc.set_debug(0)
print(len(gc.garbage), gc.garbage[0].name, gc.is_finalized(gc.garbage[0]))
gc.garbage.clear()
print(gc.collect(), len(gc.garbage))

# an unrelated list rebinding a name does not replace gc.garbage
x = gc.garbage
x.append(1)
print(len(gc.garbage), x is gc.garbage)
x.pop()
print(gc.garbage)
print("end")
