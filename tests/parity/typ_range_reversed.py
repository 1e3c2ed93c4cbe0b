# reversed(range) as range_reverse makes it; next() of a range_iterator
import gc
gc.collect()
print(list(reversed(range(3))), list(reversed(range(0))), list(reversed(range(10, 0, -3))), list(reversed(range(-5, 5, 4))))
r = reversed(range(1, 4))
print(next(r), list(r), list(r))
for i in reversed(range(2, 12, 5)):
    print(i)
print(list(reversed(range(2**62, 2**62 + 3))), sum(reversed(range(100))))
try:
    reversed(iter(range(3)))
except TypeError as e:
    print("TypeError", e)
r2 = reversed(range(5))
print(gc.is_tracked(r2), len(gc.get_referents(r2)))
it = iter(range(3))
print(next(it), next(it), list(it), next(it, "end"))
