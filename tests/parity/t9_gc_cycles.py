# test_gc.py's scenarios in their natural form: a list holding itself, a
# dict holding itself, an instance cycle, a class cycle, a method cycle, a
# frame cycle, a function cycle, a tuple in a cycle; counts as CPython's.
import gc

gc.collect()

l = []
l.append(l)
del l
print("list", gc.collect())

d = {}
d[1] = d
del d
print("dict", gc.collect())

t = ([],)
t[0].append(t)
del t
print("tuple", gc.collect())


class A:
    pass


a = A()
a.a = a
del a
print("instance", gc.collect())

a = A()
b = A()
a.b, b.a = b, a
del a, b
print("pair", gc.collect())


class B(list):
    pass


def f():
    frame_list = []
    frame_list.append(frame_list)


f()
print("function local", gc.collect())


def g():
    pass


g.self = g
del g
print("function", gc.collect())


class C:
    def method(self):
        pass


c = C()
c.m = c.method
del c
print("method", gc.collect())


class D:
    pass


D.me = D
del D
print("class", gc.collect())


class E:
    def __init__(self):
        self.data = {"self": self, "items": [self]}


e = E()
del e
print("nested", gc.collect())
ring = [A() for _ in range(5)]
for i, node in enumerate(ring):
    node.next = ring[(i + 1) % 5]
del ring, node
print("ring", gc.collect())
