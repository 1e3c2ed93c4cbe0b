# := in module-level comprehensions binds in the module (PEP 572)
import gc
gc.collect()
data = [1, 5, 12, 7, 30]
big = [y for x in data if (y := x * 2) > 10]
print(big, y)
print([last := v for v in "abc"], last)
total = 0
sums = [total := total + v for v in range(5)]
print(sums, total)
d = {k: (m := k * k) for k in range(3)}
print(d, m)
print(any((hit := v) > 6 for v in data), hit)
nested = [[(z := a + b) for b in range(2)] for a in range(2)]
print(nested, z)
