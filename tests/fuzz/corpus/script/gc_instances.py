# What gc.collect() returns for cycles through instances (3.11 counts the
# instance; its attribute dict is not a separate object until asked for).
import gc

gc.disable()
gc.collect()

class Node:
    pass

n = Node()
n.self = n
del n
print(gc.collect())

a = Node()
b = Node()
a.other = b
b.other = a
del a, b
print(gc.collect())

ring = [Node(), Node(), Node()]
ring[0].next = ring[1]
ring[1].next = ring[2]
ring[2].next = ring[0]
del ring
print(gc.collect())

c = Node()
c.items = [c, (c,), {"c": c}]
del c
print(gc.collect())
