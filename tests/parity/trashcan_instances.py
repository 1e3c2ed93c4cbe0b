# The trashcan counts instances of classes too (subtype_dealloc calls
# __del__ inside Py_TRASHCAN_BEGIN): a deferred instance runs its __del__
# only when its turn in the chain comes, at the level it nests at.
import gc


class Node:
    def __del__(self):
        print("node")


class Leaf:
    def __del__(self):
        print("leaf")


class Tag:
    def __del__(self):
        print("tag")


head = Leaf()
for i in range(130):
    n = Node()
    n.next = head
    if i % 20 == 0:
        n.tag = Tag()
    head = n
n = None
print("chain of instances")
del head

x = Leaf()
for i in range(80):
    n = Node()
    n.items = [x, Tag()] if i % 25 == 0 else [x]
    x = n
n = None
print("instances and lists")
del x

# the same nest, freed by the collector
gc.disable()
x = Leaf()
for i in range(90):
    x = [x, Tag()] if i % 30 == 0 else [x]
top = [x]
x = None
top.append(top)
del top
print("collected", gc.collect())

# two deep nests side by side: the chains of both
a = [Leaf()]
b = [Tag()]
for i in range(70):
    a = [a]
    b = [b]
pair = [a, b, Node()]
a = None
b = None
print("pair")
del pair
print("end")
