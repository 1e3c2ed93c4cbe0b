# zip/enumerate/map/filter over generators, range iterators and instances
# (iterators the heap holds but does not step), dict() and for over them
import gc
import sys
gc.collect()


def countdown(n):
    while n > 0:
        yield n
        n -= 1


class Twice:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration
        return self.n


print(list(zip("abc", countdown(3))), dict(zip(["a", "b"], countdown(2))))
print(list(zip(range(2), "ab")), list(enumerate(range(2), 5)))
print(list(map(abs, range(-2, 0))), list(filter(None, range(3))))
print(list(zip(Twice(), "xyz")), list(enumerate(Twice())))
print(list(enumerate(countdown(2))), list(map(str, countdown(2))), list(filter(None, countdown(2))))
print(list(map(lambda a, b: a * b, countdown(3), range(10))))
for i, (k, v) in enumerate(zip("pq", countdown(2))):
    print(i, k, v)
d = {}
d.update(zip("ab", countdown(2)))
print(d)
g = countdown(3)
z = zip(g, g)
print(sys.getrefcount(g) - 1, list(z), list(g))
print(len(gc.get_referents(zip(countdown(1), Twice()))))
del g, z, d
print(gc.collect())
