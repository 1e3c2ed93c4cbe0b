# The object graph of a class made inside a function: what refers to it,
# what it refers to, its reference count, and the order __del__ runs in
# when a function's classes and instances die.
import gc
import sys


def kinds(objs):
    names = []
    for o in objs:
        for t in (dict, tuple, list, str, type):
            if isinstance(o, t):
                names.append(t.__name__)
                break
        else:
            names.append("other")
    return sorted(names)


def build():
    tag = "built"

    class Widget:
        size = 3

        def __init__(self):
            self.parts = []

        def describe(self):
            return tag

        def upper(self):
            return super().__repr__

    return Widget


W = build()
print("refcount", sys.getrefcount(W))
print("referents", kinds(gc.get_referents(W)))
print("referrers", kinds(gc.get_referrers(W)))
w = W()
print("refcount with instance", sys.getrefcount(W))
print("instance referents", kinds(gc.get_referents(w)))
cell = W.describe.__closure__[0]
print("cell referrers", kinds(gc.get_referrers(cell)), type(cell).__name__)
print("cell referents", kinds(gc.get_referents(cell)))
print("tag refcount", sys.getrefcount(cell.cell_contents) > 1)
classcell = W.upper.__closure__[0]
print("class cell referents", gc.get_referents(classcell) == [W])
print("tracked", gc.is_tracked(W), gc.is_tracked(w), gc.is_tracked(cell))
del cell, classcell, w
gc.collect()
del W
print("collected", gc.collect())


# __del__ order: instances die before their class; a cycle's finalizers run
# in the collector, the others at once
log = []


def scenario():
    class Res:
        def __init__(self, name):
            self.name = name

        def __del__(self):
            log.append("del " + self.name)

    a = Res("a")
    b = Res("b")
    c = Res("c")
    c.me = c
    log.append("end of scenario")
    del a
    log.append("after del a")
    return b


kept = scenario()
log.append("returned")
print(log)
del log[:]
del kept
print(log)
print("collect", gc.collect(), log)


# a class whose instance is referred to by the class itself
def self_ref():
    class Single:
        instance = None

        def __del__(self):
            print("Single.__del__")

    Single.instance = Single()
    print("made", sys.getrefcount(Single.instance))


self_ref()
print("before collect")
print("collect", gc.collect())


# get_referrers of a function-made class finds the function-made instances
def population():
    class Cell:
        pass

    cells = [Cell() for _ in range(3)]
    refs = [r for r in gc.get_referrers(Cell) if isinstance(r, Cell)]
    return len(refs), len(cells)


print(population(), gc.collect())
