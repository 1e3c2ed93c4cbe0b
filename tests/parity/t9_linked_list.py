# A singly linked list as a tutorial writes it: nodes with __repr__, push,
# iteration, reversal, removal; refcounts as nodes move, and a cycle made by
# linking the tail to the head, found by the collector.
import gc
import sys

gc.collect()


class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next

    def __repr__(self):
        return f"Node({self.value!r})"


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
            yield node.value
            node = node.next

    def __len__(self):
        return self.size

    def reverse(self):
        prev = None
        node = self.head
        while node:
            node.next, prev, node = prev, node, node.next
        self.head = prev

    def remove(self, value):
        prev, node = None, self.head
        while node:
            if node.value == value:
                if prev is None:
                    self.head = node.next
                else:
                    prev.next = node.next
                self.size -= 1
                return True
            prev, node = node, node.next
        return False


ll = LinkedList()
for i in range(5):
    ll.push(i * 10)
print(list(ll), len(ll))
ll.reverse()
print(list(ll))
print(ll.remove(20), ll.remove(99), list(ll))
second = ll.head.next
print(second, sys.getrefcount(second))
ll.head.next = None
print(sys.getrefcount(second))
del second
print(list(ll))

# a circular list
a, b, c = Node("a"), Node("b"), Node("c")
a.next, b.next, c.next = b, c, a
del a, b, c
print("collected", gc.collect())

# a long list freed iteratively
big = LinkedList()
for i in range(2000):
    big.push(i)
print(sum(big), len(big))
del big
print("after", gc.collect())
