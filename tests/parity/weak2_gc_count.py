# gc.get_count() around collections of instance cycles, with and without
# materialised __dict__s.  Counts are read before anything is printed:
# CPython's print() allocates containers in its io stack (docs/gc.md).
import gc


class A:
    pass


def cycle(materialise):
    a = A()
    b = A()
    a.b = b
    b.a = a
    for o in materialise:
        (a, b)[o].__dict__


gc.collect()
for m in [(), (0,), (1,), (0, 1)]:
    cycle(m)
    n = gc.collect()
    after = gc.get_count()
    print(m, n, after)

# the brief's case: a materialised dict, then the collection
a = A()
b = A()
a.b = b
b.a = a
a.__dict__
del a, b
n = gc.collect()
c = gc.get_count()
print(n, c)

# a new cycle after a full collection counts its containers again
before = gc.get_count()[0]
a = A()
b = A()
a.b = b
b.a = a
made = gc.get_count()[0] - before
del a, b
print(made, gc.collect(), gc.get_count())
