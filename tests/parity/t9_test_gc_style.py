# test_gc.py's checks written out: collect returns the count, a class with
# __del__ in a cycle is collected (PEP 442), gc.garbage stays empty,
# DEBUG_SAVEALL keeps garbage, get_objects contains a new container, a
# callback in gc.callbacks sees start and stop.
import gc

gc.collect()


class A:
    pass


class WithDel:
    def __del__(self):
        print("WithDel.__del__")


a = A()
a.a = a
id_a = None
del a
print(gc.collect())
b = WithDel()
b.b = b
del b
print(gc.collect(), gc.garbage)
gc.set_debug(gc.DEBUG_SAVEALL)
l = []
l.append(l)
del l
print(gc.collect(), len(gc.garbage), type(gc.garbage[0]).__name__)
gc.set_debug(0)
gc.garbage.clear()
print(gc.collect())
probe = [1, 2, 3]
print(any(o is probe for o in gc.get_objects()))
print(any(o is 12345 for o in gc.get_objects()))
phases = []


def cb(phase, info):
    phases.append((phase, sorted(info)))


gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print(phases)
gc.collect()
print(len(phases))


def make_cycle():
    x = A()
    x.y = A()
    x.y.x = x


for i in range(3):
    make_cycle()
print(gc.collect())
d = {}
for i in range(10):
    d[i] = [d]
del d
print(gc.collect())
