# Classes in the iteration protocol: a linked list whose __iter__ is a
# generator method yielding its nodes, an iterator class with __next__
# raising StopIteration; used by for, list(), iter(), next(), in, unpacking.
import gc
import sys
gc.collect()


class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next


class LinkedList:
    def __init__(self):
        self.head = None
        self.size = 0

    def push(self, value):
        self.head = Node(value, self.head)
        self.size += 1

    def __iter__(self):
        node = self.head
        while node is not None:
            yield node
            node = node.next


class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


ll = LinkedList()
for v in [3, 2, 1]:
    ll.push(v)
print([n.value for n in ll])
print(list(n.value for n in ll))
first = next(iter(ll))
print(first.value, sys.getrefcount(first) - 1)
print(first in ll, Node(9) in ll)
a, b, c = ll
print(a.value, b.value, c.value)
print(list(Countdown(3)))
for x in Countdown(2):
    print("count", x)
cd = Countdown(2)
print(next(cd), next(cd), next(cd, "end"))
print(3 in Countdown(5), 7 in Countdown(5))
x, y = Countdown(2)
print(x, y)
print(sum(Countdown(4)), max(Countdown(3)), sorted(Countdown(3)))
it = iter(Countdown(1))
print(it.current)
try:
    next(Countdown(0))
except StopIteration:
    print("stopped")


class NotIter:
    pass


try:
    iter(NotIter())
except TypeError as e:
    print(e)
try:
    for q in NotIter():
        pass
except TypeError as e:
    print(e)
del ll, a, b, c, first
print(gc.collect())
