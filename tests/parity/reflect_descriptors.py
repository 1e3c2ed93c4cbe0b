# user descriptors: __set_name__ at class creation, a typed data descriptor
# (__get__/__set__/__delete__) before the instance dict, a lazy non-data one
# the instance dict shadows once filled, __get__(None, cls) on the class,
# refcounts of a descriptor held by a class
import sys, gc

class Typed:
    def __init__(self, kind):
        self.kind = kind

    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name)

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name[1:]} must be {self.kind.__name__}")
        setattr(obj, self.name, value)

    def __delete__(self, obj):
        print("deleting", self.name)
        delattr(obj, self.name)


class Person:
    name = Typed(str)
    age = Typed(int)

    def __init__(self, name, age):
        self.name = name
        self.age = age


p = Person("ann", 30)
print(p.name, p.age, sorted(vars(p)))
try:
    p.age = "old"
except TypeError as e:
    print(e)
p.age += 1
print(p.age, type(Person.age).__name__, Person.__dict__["age"].name)
del p.age
print(sorted(vars(p)), hasattr(p, "age"))
p.__dict__["name"] = "shadow"
print(p.name)


class Lazy:
    def __init__(self, func):
        self.func = func
        self.name = func.__name__

    def __get__(self, obj, cls):
        if obj is None:
            return self
        value = self.func(obj)
        obj.__dict__[self.name] = value
        print("computed", self.name)
        return value


class Circle:
    def __init__(self, r):
        self.r = r

    @Lazy
    def area(self):
        return 3 * self.r * self.r


c = Circle(2)
print(c.area, c.area, getattr(c, "area"), vars(c))
print(type(Circle.area).__name__)


class Const:
    def __get__(self, obj, owner):
        return ("const", obj is None, owner.__name__)


class K:
    c = Const()


k = K()
print(k.c, K.c)
k.c = 5
print(k.c, K.c)


class Counter:
    def __init__(self):
        self.reads = 0

    def __get__(self, obj, owner):
        self.reads += 1
        return self.reads


class Holder:
    n = Counter()
    def show(self):
        return self.n


h = Holder()
print(h.n, h.n, h.show(), Holder.__dict__["n"].reads)
d = Typed(int)
print(sys.getrefcount(d))
class Box:
    x = d
print(sys.getrefcount(d), d.name)
del Box
print(gc.collect(), sys.getrefcount(d))
