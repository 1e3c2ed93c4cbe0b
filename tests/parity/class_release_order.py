# Attribute values are released in shared-key order, whatever order this
# instance set them in (CPython 3.11's inline values).
class One:
    def __del__(self):
        print("one")


class Two:
    def __del__(self):
        print("two")


class Three:
    def __del__(self):
        print("three")


class Holder:
    pass


first = Holder()
first.a = None
first.b = None
first.c = None
h = Holder()
h.c = Three()
h.a = One()
h.b = Two()
print("drop h")
del h
g = Holder()
g.a = One()
g.b = Two()
d = g.__dict__
del d
print("drop g")
del g
print("end")
