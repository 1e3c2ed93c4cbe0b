# A generator that references itself through a local of its suspended
# frame is a cycle; the collector closes it (3.11 finalizes generators,
# and what the closing frees is not counted).
import gc
import sys
import weakref
gc.collect()


def selfish():
    me = yield 1
    box = [me]
    yield 2


g = selfish()
next(g)
g.send(g)
print(sys.getrefcount(g))
print(gc.is_tracked(g))
r = weakref.ref(g)
del g
print(r() is None)
print(gc.collect())
print(r() is None)


class Node:
    def __init__(self, name):
        self.name = name
        self.gen = None

    def __del__(self):
        print("del", self.name)


def walker(node):
    node.gen = yield "started"
    yield node.name


n = Node("a")
w = walker(n)
print(next(w))
w.send(w)
del n, w
print("before collect")
print(gc.collect())
print("after")
