# __del__ order: refcount order, containers, and cycles (PEP 442)
import gc


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


a = Noisy("a")
b = Noisy("b")
a = None
print("rebound a")
lst = [Noisy("l1"), Noisy("l2"), Noisy("l3")]
del lst
print("list gone")
d = {"x": Noisy("dx"), "y": Noisy("dy")}
d.clear()
print("dict cleared")
x = Noisy("x")
y = Noisy("y")
x.peer = y
y.peer = x
del x, y
print("cycle dropped")
print("collected", gc.collect())


def scope():
    local = Noisy("local")
    print("leaving scope")


scope()
print("after scope")
b = Noisy("b2")
print("end")
