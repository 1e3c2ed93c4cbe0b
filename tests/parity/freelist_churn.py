# Free lists decide when the collector runs: a list taken from the list
# free list is not an allocation for generation 0, so churn that frees as
# much as it makes triggers fewer automatic collections (issue 13: pymm ran
# 39 gen-0 collections where CPython 3.11 runs 35 before free lists).
import gc
gc.disable()
gc.collect()

# 1. 51 lists made and dropped twenty times: from the second round on they
# all come from the free list (80 kept), the count stays put
gc.set_threshold(10, 10, 10)
s0 = gc.get_stats()
gc.enable()
for r in range(20):
    many = []
    for i in range(50):
        many.append([])
    many = 0
gc.disable()
s1 = gc.get_stats()
print("make-drop", s1[0]["collections"] - s0[0]["collections"])
gc.set_threshold(700, 10, 10)

# 2. 30,000 two-list cycles, one in eight kept for a while by root
gc.collect()
root = [None] * 100
gc.freeze()
s0 = gc.get_stats()
gc.enable()
for i in range(30000):
    a = []
    b = []
    a.append(b)
    b.append(a)
    if i % 8 == 0:
        root[(i // 8) % 100] = a
gc.disable()
s1 = gc.get_stats()
count = gc.get_count()
for g in range(3):
    print("generation", g, "collections", s1[g]["collections"] - s0[g]["collections"])
print(count)
gc.unfreeze()
root = 0
a = 0
b = 0
gc.collect()
print(gc.get_count())
