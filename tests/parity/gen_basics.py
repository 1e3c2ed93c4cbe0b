# Generators: next(), for, list(), return value -> StopIteration, send(),
# close(), yield from, generator expressions.
import gc
gc.collect()


def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"


print(list(count(4)))
g = count(3)
print(next(g), next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e)
print(next(g, "default"))
for x in count(2):
    print("for", x)


def accumulate():
    total = 0
    while True:
        v = yield total
        if v is None:
            break
        total += v


a = accumulate()
print(next(a), a.send(5), a.send(7))
a.close()
print(next(a, "closed"))
print(sum(x * x for x in [1, 2, 3]))
squares = (x * x for x in range(4))
print(next(squares), list(squares))


def inner():
    yield 1
    yield 2
    return 99


def outer():
    r = yield from inner()
    yield r
    yield from [7, 8]


print(list(outer()))
it = iter(count(2))
print(next(it), next(it), next(it, None))
try:
    count(1).send(3)
except TypeError as e:
    print("TypeError", e)


def bad():
    yield 1
    raise StopIteration


try:
    list(bad())
except RuntimeError as e:
    print("RuntimeError", e)
