# Generators hold their frame: locals stay alive while a generator is
# suspended, die when it finishes or is closed; a generator that refers to
# itself is a cycle.
import gc
import sys

gc.collect()


class Big:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("Big", self.n, "freed")


def producer(n):
    big = Big(n)
    try:
        for i in range(n):
            yield i * big.n
    finally:
        print("producer cleanup", n)


g = producer(3)
print(next(g), next(g))
print("suspended")
print(list(g))
print("exhausted")
del g

g = producer(5)
print(next(g))
g.close()
print("closed")
del g

g = producer(4)
next(g)
print("dropping suspended")
del g
print("dropped")


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


f = fib()
print([next(f) for _ in range(10)])
del f


def counter():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x


c = counter()
next(c)
print(c.send(5), c.send(10), c.send(1))
try:
    c.send(None)
except StopIteration:
    print("stopped")


class Holder:
    pass


def selfish(h):
    h.gen = me
    yield 1
    yield 2


h = Holder()
me = selfish(h)
print(next(me))
del me, h
print("cycle:", gc.collect())

squares = (x * x for x in range(5))
print(sys.getrefcount(squares), sum(squares))
