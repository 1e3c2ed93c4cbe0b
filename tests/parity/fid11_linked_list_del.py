# a long singly linked list dropped at once (iterative deallocation) and
# a doubly linked one collected as a cycle
import gc
import sys


class Node:
    __slots__ = ("value", "next")

    def __init__(self, value, next=None):
        self.value = value
        self.next = next


head = None
for i in range(100000):
    head = Node(i, head)
print(head.value, sys.getrefcount(head))
head = None
print("freed long list")


class DNode:
    def __init__(self, value):
        self.value = value
        self.prev = self.next = None


first = DNode(0)
cur = first
for i in range(1, 50):
    n = DNode(i)
    n.prev = cur
    cur.next = n
    cur = n
del first, cur, n
print("doubly linked collected:", gc.collect())
