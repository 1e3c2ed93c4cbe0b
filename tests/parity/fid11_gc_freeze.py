# test_gc.test_freeze: gc.freeze() moves everything to the permanent generation
import gc

gc.collect()
print(gc.get_freeze_count())
keep = [[i] for i in range(10)]
gc.freeze()
print(gc.get_freeze_count() > 10)
a = []
a.append(a)
del a
print(gc.collect())
gc.unfreeze()
print(gc.get_freeze_count())
print(gc.collect())
