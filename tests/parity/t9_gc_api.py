# The gc module as its documentation walks through it: is_tracked for
# atoms and containers, get_referents/get_referrers of a small graph,
# get_count after allocations, thresholds, disable/enable, freeze.
import gc

gc.collect()

print(gc.isenabled(), gc.get_threshold())
print(gc.is_tracked(0), gc.is_tracked(1.5), gc.is_tracked("a"), gc.is_tracked(None))
print(gc.is_tracked([]), gc.is_tracked({}), gc.is_tracked({"a": 1}), gc.is_tracked({"a": []}))
print(gc.is_tracked(()), gc.is_tracked((1, 2)), gc.is_tracked(set()), gc.is_tracked(frozenset()))


class Foo:
    pass


print(gc.is_tracked(Foo()), gc.is_tracked(Foo), gc.is_tracked(lambda: 0))

a = [1, 2]
b = {"list": a}
c = (a, b)
print(len(gc.get_referents(a)), gc.get_referents(b), gc.get_referents(c) == [b, a])
refs = gc.get_referrers(a)
print(len(refs), any(r is b for r in refs), any(r is c for r in refs))
del refs

gc.collect()
before = gc.get_count()[0]
junk = [[], [], [], {}, {"k": []}]
print(gc.get_count()[0] - before)
del junk
gc.disable()
print(gc.isenabled())
for i in range(1000):
    x = []
    x.append(x)
del x
print("disabled, found:", gc.collect())
gc.enable()
old = gc.get_threshold()
gc.set_threshold(500, 5, 5)
print(gc.get_threshold())
gc.set_threshold(*old)
print(gc.get_threshold() == old)
gc.freeze()
print(gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count())
stats = gc.get_stats()
print(len(stats), sorted(stats[0]))
print(gc.collect(0), gc.collect(1), gc.collect(2))
print(gc.garbage, gc.get_debug())
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
