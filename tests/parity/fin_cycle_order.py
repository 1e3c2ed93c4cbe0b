# Finalizers of a cycle run before anything of the cycle is cleared (PEP
# 442): each sees the others intact; the order is the collector's.
import gc

gc.disable()


class Node:
    def __del__(self):
        other = self.next
        print("del", self.name, "next", other.name, "its next", other.next.name)


a = Node()
b = Node()
c = Node()
a.name = "a"
b.name = "b"
c.name = "c"
a.next = b
b.next = c
c.next = a
del a, b, c
print("collected", gc.collect())


class Pair:
    def __del__(self):
        print("pair", self.tag, len(self.partner.data))


for i in range(3):
    x = Pair()
    y = Pair()
    x.tag = "x"
    y.tag = "y"
    x.data = [1] * (i + 1)
    y.data = [2] * (i + 2)
    x.partner = y
    y.partner = x
    del x, y
    print("round", i, gc.collect())

gc.enable()
