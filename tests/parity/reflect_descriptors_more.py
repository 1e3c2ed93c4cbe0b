# descriptors a class inherits: a classmethod-like one returning a closure,
# one with only __set__ (the instance dict serves reads; del says __delete__),
# a read-only data descriptor winning over the instance dict
class MyClassMethod:
    def __init__(self, f):
        self.f = f
    def __get__(self, obj, cls=None):
        if cls is None:
            cls = type(obj)
        def bound(*args):
            return self.f(cls, *args)
        return bound

class OnlySet:
    def __set__(self, obj, value):
        print("OnlySet.__set__", value)
        obj.__dict__["only"] = value * 2

class ReadOnly:
    def __get__(self, obj, cls):
        return 99
    def __set__(self, obj, value):
        raise AttributeError("read-only attribute")

class A:
    make = MyClassMethod(lambda cls, x: (cls.__name__, x))
    only = OnlySet()
    ro = ReadOnly()

class B(A):
    pass

print(A.make(1), B.make(2), B().make(3))
b = B()
b.only = 5
print(b.only, b.__dict__)
try:
    del b.only
except AttributeError as e:
    print("AE", e)
try:
    b.ro = 1
except AttributeError as e:
    print("AE", e)
b.__dict__["ro"] = "shadow?"
print(b.ro, getattr(b, "ro"), hasattr(b, "ro"))
setattr(b, "only", 7)
print(vars(b))
