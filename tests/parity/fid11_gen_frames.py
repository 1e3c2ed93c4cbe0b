# generators hold their frame (and its locals) until exhausted or closed
import gc
import sys


class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


def producer():
    res = Tracked("in generator")
    yield 1
    yield 2
    print("producer done")


g = producer()
print(g.gi_frame is None)
print(next(g))
print(g.gi_frame is not None, g.gi_frame.f_locals["res"].name)
print(list(g))
print(g.gi_frame)

g2 = producer()
next(g2)
print("closing")
g2.close()
print("closed", g2.gi_frame)

g3 = producer()
next(g3)
print("dropping suspended generator")
del g3
print("dropped")


def self_ref():
    me = yield
    yield me


g4 = self_ref()
next(g4)
g4.send(g4)
del g4
print("cycle through generator:", gc.collect())


def counter():
    n = 0
    while True:
        n += 1
        yield n


c = counter()
print(next(c), next(c), sys.getrefcount(c))
