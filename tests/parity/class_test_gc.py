# Lib/test/test_gc.py's class scenarios, as far as the language goes.
import gc

gc.disable()
gc.collect()


# test_instance
class A:
    pass


a = A()
a.a = a
gc.collect()
del a
print(gc.collect())
# (not printed: the collection above untracked A's (object,) bases tuple
# in CPython; pymm keeps tuples tracked -- docs/objects.md)
del A
gc.collect()


# test_newinstance
class A(object):
    pass


a = A()
a.a = a
gc.collect()
del a
print(gc.collect())


class C(A):
    def m(self):
        pass


a = C()
a.a = a
gc.collect()
del a
print(gc.collect())
del A
del C
gc.collect()


# test_method
class A:
    def __init__(self):
        self.init = self.__init__


a = A()
gc.collect()
del a
print(gc.collect())


# test_function-style: a class and an instance in one cycle
class Holder:
    def keep(self, x):
        self.x = x


h = Holder()
h.keep(Holder)
Holder.inst = h
del h
del Holder
print(gc.collect())


# a tree with parent pointers
class Node:
    def __init__(self, parent):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


root = Node(None)
for i in range(3):
    child = Node(root)
    for j in range(2):
        Node(child)
del child
print(len(root.children), len(root.children[0].children))
del root
print(gc.collect())
