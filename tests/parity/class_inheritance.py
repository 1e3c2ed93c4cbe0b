# Single and multiple inheritance: C3 MRO, descriptors only where CPython
# adds them, attribute lookup through the MRO.
import gc

gc.disable()
gc.collect()


class A:
    x = "A.x"

    def who(self):
        return "A"

    def hello(self):
        return "hello from " + self.who()


class B(A):
    def who(self):
        return "B"


class C(A):
    x = "C.x"

    def who(self):
        return "C"


class D(B, C):
    pass


print(D.__mro__)
print(B.__bases__, D.__bases__, D.__base__)
print(list(B.__dict__), list(D.__dict__))
d = D()
print(d.who(), d.hello(), d.x)
print(B().hello(), C().x)
d.x = "own"
print(d.x, D.x)
del d.x
print(d.x)


class E(object):
    pass


print(E.__mro__, list(E.__dict__))


class M(A, object):
    def m(self):
        return 1


print(M.__mro__, list(M.__dict__))
try:
    class Bad(A, B):
        pass
except TypeError:
    print("TypeError")
try:
    class Dup(A, A):
        pass
except TypeError:
    print("TypeError")
try:
    class Bad2(object, A):
        pass
except TypeError:
    print("TypeError")
del A, B, C, D, E, M
print(gc.collect())
