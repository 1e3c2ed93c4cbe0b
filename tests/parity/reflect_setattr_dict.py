# __setattr__/__delattr__ storing through self.__dict__ (refcounts of the
# value, a cycle through the instance), with __slots__, inherited and
# overridden along a hierarchy with super().__setattr__
import sys, gc

class Tracked:
    def __init__(self):
        self.__dict__["changes"] = []

    def __setattr__(self, name, value):
        print("refs of value in __setattr__:", sys.getrefcount(value))
        self.__dict__["changes"].append(name)
        self.__dict__[name] = value

    def __delattr__(self, name):
        self.__dict__["changes"].append("-" + name)
        del self.__dict__[name]

t = Tracked()
val = object()
print(sys.getrefcount(val))
t.a = val
print(sys.getrefcount(val))
t.b = [t]
del t.a
print(sys.getrefcount(val), t.changes, sorted(vars(t)))
del t
print(gc.collect())

class Point:
    __slots__ = ("x", "y")
    def __setattr__(self, k, v):
        if not isinstance(v, (int, float)):
            raise TypeError(f"{k} must be a number")
        object.__setattr__(self, k, v)

p = Point()
p.x = 1
p.y = 2.5
try:
    p.x = "no"
except TypeError as e:
    print(e)
try:
    p.z = 1
except AttributeError as e:
    print(e)
print(p.x, p.y)

class Base:
    def __setattr__(self, k, v):
        print("Base.__setattr__", k)
        super().__setattr__(k, v)

class Child(Base):
    def __init__(self):
        self.v = 1

class Child2(Base):
    def __setattr__(self, k, v):
        print("Child2.__setattr__", k)
        super().__setattr__(k, v.upper())

Child()
c2 = Child2()
c2.name = "abc"
print(c2.name)
