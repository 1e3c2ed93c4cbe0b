# A class as CPython 3.11 builds it, instances with logic in __del__, and the
# collector running that code: what python3 prints, pymm prints.
import gc
import sys


class Node:
    alive = 0

    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)
        Node.alive += 1

    def __repr__(self):
        return f"Node({self.name!r}, {len(self.children)} children)"

    def __del__(self):
        Node.alive -= 1
        print(f"  del {self.name:<6} ({Node.alive} left)")


root = Node("root")
kids = [Node(f"kid{i}", root) for i in range(3)]
print(root, kids)
print("references to Node:", sys.getrefcount(Node))
del root, kids
print("a tree with parent pointers is a cycle; collecting:")
print("unreachable:", gc.collect())

saved = []


class Phoenix:
    def __init__(self):
        self.me = self

    def __del__(self):
        print("  Phoenix.__del__ saves itself")
        saved.append(self)


Phoenix()
print("resurrected:", gc.collect(), "objects found,", len(saved), "saved")
saved.clear()
print("second time, __del__ does not run again:", gc.collect())


class Empty:
    pass


del Empty
print("a class is a cycle of 6 objects:", gc.collect())
