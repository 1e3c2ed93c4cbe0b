# test_gc.test_class / test_newinstance / test_method: class and instance cycles
import gc

gc.collect()


class A:
    pass


A.a = A
del A
print("class:", gc.collect())


class B(list):
    pass


class C(B, A if False else object):
    pass


o = C()
o.x = o
del o
print("newinstance:", gc.collect())


class M:
    def __init__(self):
        self.init = self.__init__


a = M()
del a
print("bound method:", gc.collect())


class Node:
    def __init__(self, name):
        self.name = name
        self.children = []
        self.parent = None

    def add(self, child):
        child.parent = self
        self.children.append(child)


root = Node("root")
for i in range(3):
    root.add(Node("child%d" % i))
del root
print("tree:", gc.collect())
