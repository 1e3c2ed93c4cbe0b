# weakref.ref: calling it gives the object while it lives, None after.
import weakref

class C:
    pass

class D:
    def __del__(self):
        print("D finalized")

c = C()
r = weakref.ref(c)
print(r() is c)
c2 = r()
print(c2 is c)
del c2
del c
print(r() is None)

d = D()
rd = weakref.ref(d)
holder = [d]
del d
print(rd() is holder[0])
holder.pop()
print(rd() is None)

e = C()
r1 = weakref.ref(e)
r2 = weakref.ref(e)
print(r1() is r2(), r1() is e)
e = None
print(r1() is None, r2() is None)

try:
    weakref.ref(1000)
except TypeError:
    print("int cannot be weakly referenced")
