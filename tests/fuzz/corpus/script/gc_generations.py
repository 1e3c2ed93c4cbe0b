# Generation counters, thresholds, switches and is_tracked, as the gc
# module reports them.
import gc
gc.disable()
gc.collect()

x = []
gc.collect(0)
c = gc.get_count()
print(c[1], c[2])
gc.collect(1)
c = gc.get_count()
print(c[1], c[2])
gc.collect(2)
c = gc.get_count()
print(c[1], c[2])

print(gc.isenabled())
gc.enable()
print(gc.isenabled())
gc.disable()
print(gc.isenabled())

print(gc.get_threshold())
gc.set_threshold(500, 5, 5)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())

print(gc.is_tracked(x), gc.is_tracked([1]), gc.is_tracked(1), gc.is_tracked("s"))
print(gc.is_tracked({}), gc.is_tracked({"k": 1}), gc.is_tracked({"k": []}))
print(gc.is_tracked(()), gc.is_tracked(([],)))


class C:
    pass


print(gc.is_tracked(C()), gc.is_tracked(C))

y = []
y.append(y)
del y
print(gc.collect(0))
