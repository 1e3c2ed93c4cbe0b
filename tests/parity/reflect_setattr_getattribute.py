# __setattr__ / __delattr__ validating and freezing (object.__setattr__ and
# super().__setattr__ inside them, augmented assignment, setattr/delattr),
# __getattribute__ counting and logging reads, with __getattr__ behind it
import sys

class Validated:
    def __init__(self, name, age):
        self.name = name
        self.age = age

    def __setattr__(self, key, value):
        print("set", key, repr(value))
        if key == "age" and value < 0:
            raise ValueError("age must be >= 0")
        object.__setattr__(self, key, value)

    def __delattr__(self, key):
        print("del", key)
        if key == "name":
            raise AttributeError("name is required")
        super().__delattr__(key)

v = Validated("ann", 3)
v.age += 1
print(v.age, vars(v))
try:
    v.age = -1
except ValueError as e:
    print("ValueError", e)
setattr(v, "extra", [1])
print(v.extra, sys.getrefcount(v.extra))
del v.extra
delattr(v, "age")
print(vars(v))
try:
    del v.name
except AttributeError as e:
    print("AE", e)
try:
    del v.nothere
except AttributeError as e:
    print("AE2", e)


class Record:
    def __init__(self, **kw):
        for k, v in kw.items():
            super().__setattr__(k, v)
        super().__setattr__("_frozen", True)

    def __setattr__(self, k, v):
        if self._frozen:
            raise AttributeError(f"{type(self).__name__} is frozen")
        super().__setattr__(k, v)

r = Record(a=1, b=2)
print(r.a, r.b, r._frozen)
try:
    r.a = 5
except AttributeError as e:
    print(e)
print(getattr(r, "a"), object.__getattribute__(r, "b"))

class Counted:
    def __init__(self):
        object.__setattr__(self, "reads", 0)
        self.x = 1

    def __getattribute__(self, name):
        if name != "reads":
            object.__setattr__(self, "reads", object.__getattribute__(self, "reads") + 1)
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        return "fallback " + name

    def m(self):
        return self.x * 10

c = Counted()
print(c.x, c.m(), c.missing, c.reads)
print(getattr(c, "x"), hasattr(c, "zz"), c.reads)

class Logged:
    def __init__(self):
        self.log = []

    def __getattribute__(self, name):
        val = super().__getattribute__(name)
        if name != "log":
            super().__getattribute__("log").append(name)
        return val

    def work(self):
        return 42

L = Logged()
L.k = 3
print(L.k, L.work(), L.log)
try:
    L.nope
except AttributeError as e:
    print(e)
print(L.log)
