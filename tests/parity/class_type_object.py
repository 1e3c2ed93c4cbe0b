# A class statement makes a type object as CPython 3.11 does: its dict with
# __module__, the __dict__/__weakref__ descriptors and __doc__; __mro__ a
# tuple holding the class (a cycle); __bases__; __base__ object.
import gc
import sys

gc.disable()
gc.collect()


class A:
    pass


print(sys.getrefcount(A), len(gc.get_referents(A)), len(gc.get_referrers(A)))
print(list(A.__dict__))
print(A.__mro__, A.__bases__, A.__base__)
print(A.__name__, A.__module__, A.__doc__)
print(gc.is_tracked(A))
print(A.__dict__['__dict__'], A.__dict__['__weakref__'])
print(gc.get_referents(A.__dict__['__dict__']))
print(A in gc.get_referents(A.__mro__))
del A
print(gc.collect())


class B:
    pass


B.me = B
del B
print(gc.collect())


class C:
    "a docstring"
    x = 1

    def f(self):
        return self.x


print(list(C.__dict__), C.__doc__)
print(sys.getrefcount(C))
del C
print(gc.collect())
