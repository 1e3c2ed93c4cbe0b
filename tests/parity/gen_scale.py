# Generators stream: sum() of a generator expression and list() of a
# generator over 70,000 items (more than a client's handles at once), and
# many generators suspended at the same time.
import gc
gc.collect()
print(sum(x for x in range(70000)))


def numbers(n):
    for i in range(n):
        yield i


big = list(numbers(70000))
print(len(big), big[-1])
del big
total = 0
for k in range(500):
    total += sum(j for j in [1, 2])
print(total)
gens = [numbers(3) for i in range(500)]
print(sum(next(g) for g in gens))
print(sum(next(g) for g in gens))
del gens
print(gc.collect())
