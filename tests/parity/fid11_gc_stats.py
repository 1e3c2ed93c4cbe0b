# gc.get_stats(), get_count(), thresholds: the collector's own numbers
import gc

gc.collect()
stats = gc.get_stats()
print(len(stats), sorted(stats[0]))
before = [s["collections"] for s in stats]
gc.collect(0)
after = [s["collections"] for s in gc.get_stats()]
print(after[0] - before[0], after[1] - before[1], after[2] - before[2])
gc.collect()
after2 = [s["collections"] for s in gc.get_stats()]
print(after2[2] - after[2])
old = gc.get_threshold()
print(old)
gc.set_threshold(100, 5, 5)
print(gc.get_threshold())
gc.set_threshold(*old)
print(gc.get_threshold() == old)
x = [[] for _ in range(5)]
c = gc.get_count()
print(c[0] >= 5, len(c))
gc.collect()
print(gc.get_count())
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
