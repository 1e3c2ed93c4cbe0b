# __init__ with arguments, methods, class attributes, bound methods as
# heap objects (obj.m() makes none, obj.m does), errors as CPython words them.
import gc
import sys

gc.disable()
gc.collect()


class Counter:
    step = 1

    def __init__(self, start, name):
        self.n = start
        self.name = name

    def bump(self):
        self.n = self.n + self.step
        return self.n

    def describe(self):
        return self.name + "=" + str(self.n)


c = Counter(10, "c")
print(c.bump(), c.bump(), c.describe())
Counter.step = 5
print(c.bump())
m = c.bump
print(m(), c.n)
print(sys.getrefcount(c))
print(gc.is_tracked(m), len(gc.get_referents(m)))
print(m.__self__ is c, m.__func__ is Counter.bump)
print(m == c.bump, m is c.bump)
del m
print(sys.getrefcount(c))
before = len(gc.get_objects())
c.bump()
print(len(gc.get_objects()) - before)
f = Counter.bump
print(f(c))
try:
    Counter(1)
except TypeError:
    print("TypeError")
try:
    c.bump(1)
except TypeError:
    print("TypeError")
try:
    c.nope
except AttributeError:
    print("AttributeError")
try:
    Counter.nope
except AttributeError:
    print("AttributeError")


class NoInit:
    pass


try:
    NoInit(1)
except TypeError:
    print("TypeError")


class BadInit:
    def __init__(self):
        return 1


try:
    BadInit()
except TypeError:
    print("TypeError")
