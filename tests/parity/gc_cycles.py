# The cycle collector: what gc.collect() finds, finalizers in cycles (once),
# weak references cleared, objects still reachable kept.
import gc
import weakref

gc.disable()
# The first collection finds whatever garbage the interpreter's start-up and
# imports left: 0 where weakref.py comes from a .pyc (or was imported at
# start-up), 7 with Debian 12's 3.11.2 compiling it from source (a fresh
# root; tests/parity/run's cold start).  That is the oracle's state, not the
# script's, so it is collected before anything is printed, as every gc_*.py
# does.
gc.collect()
print(gc.isenabled())
print(gc.collect())            # nothing to find yet

l = []
l.append(l)
del l
print(gc.collect())            # a list referring to itself

a = []
b = [a]
a.append(b)
del a, b
print(gc.collect())            # two lists

d = {}
d["me"] = d
t = (d,)
d["t"] = t
del d, t
print(gc.collect())            # dict + tuple

class Node:
    pass

class Loud:
    def __del__(self):
        print("Loud finalized")

n = Node()
n.self = n
r = weakref.ref(n)
del n
print(r() is None)             # still in its cycle
print(gc.collect() > 0, r() is None)

x = Loud()
x.me = x
del x
print("cycle dropped")
gc.collect()
print("collected once")
gc.collect()
print("nothing more")

keep = []
keep.append(keep)
print(gc.collect())            # reachable from a global: kept
print(len(keep))

def frame_cycle():
    f = []
    f.append(f)
    return gc.collect()

print(frame_cycle())           # alive in the frame during the collection
print(gc.collect())            # now garbage

print(gc.is_tracked([]), gc.is_tracked(1000), gc.is_tracked("s"))
print(gc.get_threshold())
gc.set_threshold(500, 5, 5)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
gc.enable()
print(gc.isenabled())
