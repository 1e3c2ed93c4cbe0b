# PEP 442: __del__ runs exactly once, also inside a cycle, before the
# cycle is cleared; the cycle is collected with it.
import gc
gc.disable()
gc.collect()


class A:
    def __del__(self):
        print("del A")


class B:
    def __del__(self):
        print("del B")


a = A()
a.me = a
del a
print("collecting self cycle")
print(gc.collect())
print("again")
print(gc.collect())

a = A()
b = B()
a.b = b
b.a = a
del a
del b
print("collecting pair")
print(gc.collect())

a = A()
l = [a]
a.l = l
del l
print("still reachable", gc.collect())
del a
print("now unreachable")
print(gc.collect())

a = A()
del a
print("by refcount: no collection needed", gc.collect())
