# test_weakref.test_basic_ref / test_basic_callback / test_multiple_callbacks
import weakref
import sys


class C:
    def method(self):
        pass


o = C()
ref = weakref.ref(o)
print(ref() is o, weakref.getweakrefcount(o))
called = []


def callback(r):
    called.append(r)


o2 = C()
r1 = weakref.ref(o2, callback)
r2 = weakref.ref(o2, callback)
print(r1 is r2, weakref.getweakrefcount(o2))
r3 = weakref.ref(o2)
r4 = weakref.ref(o2)
print(r3 is r4, weakref.getweakrefcount(o2))
del o2
print(len(called), called[0] is r2 or called[0] is r1, r1(), r3())
print(sys.getrefcount(ref) >= 2)
del o
print(ref(), "dead" in repr(ref))
try:
    weakref.ref(1)
except TypeError as e:
    print(e)
try:
    weakref.ref([])
except TypeError as e:
    print(e)
