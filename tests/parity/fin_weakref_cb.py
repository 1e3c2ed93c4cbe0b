# weakref.ref(obj, callback): called when the referent dies, by refcount or
# by the collector; not called when the weak reference itself is garbage.
import gc
import weakref

# the interpreter's own garbage (a cold import of weakref) is not the script's
gc.collect()


class A:
    pass


def report(wr):
    print("callback, referent gone:", wr() is None)


def second(wr):
    print("second callback")


a = A()
r1 = weakref.ref(a, report)
r2 = weakref.ref(a, second)
plain = weakref.ref(a)
print(plain is weakref.ref(a), r1 is r2)
del a
print("after del", r1() is None, plain() is None)

b = A()
b.me = b
rb = weakref.ref(b, report)
del b
print("collect", gc.collect())

c = A()
c.me = c
c.wr = weakref.ref(c, report)
del c
print("weakref in the garbage:", gc.collect())

d = A()
rd = weakref.ref(d, report)
del rd
del d
print("dead weakref: no callback")


class Fin:
    def __del__(self):
        print("Fin.__del__ first")


e = Fin()
e.me = e
re = weakref.ref(e, report)
del e
print("collect with both", gc.collect())
