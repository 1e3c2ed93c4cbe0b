# The iterator protocol by hand: a class with __iter__/__next__, a
# countdown, iter() and next() with default, enumerate/zip/map/filter
# chains, a generator pipeline, iterators exhausted once.
import gc

gc.collect()


class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


print(list(Countdown(5)))
c = Countdown(3)
print(next(c), next(c), next(c), next(c, "done"))


class Range2:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        i = 0
        while i < self.n:
            yield i
            i += 2


r = Range2(9)
print(list(r), list(r), 4 in r, 5 in r)
it = iter([1, 2, 3])
print(next(it), list(it), list(it), next(it, None))
names = ["ann", "bob", "cy"]
ages = [31, 25, 40]
for i, (n, a) in enumerate(zip(names, ages), 1):
    print(i, n, a)
print(list(map(str.upper, names)) if False else list(map(len, names)))
print(list(filter(lambda a: a > 30, ages)), list(map(lambda x, y: x * y, [1, 2], [3, 4])))
print(dict(zip(names, ages)), list(zip("ab", [1, 2, 3])))


def read_lines():
    for line in ["# header", "a,1", "", "b,2", "c,3"]:
        yield line


def non_empty(lines):
    return (l for l in lines if l and not l.startswith("#"))


def parse(lines):
    for l in lines:
        k, v = l.split(",")
        yield k, int(v)


print(dict(parse(non_empty(read_lines()))))
print(sum(v for _, v in parse(non_empty(read_lines()))))
evens = filter(lambda x: x % 2 == 0, range(10))
print(next(evens), next(evens), list(evens))
m = map(lambda x: x * 10, [1, 2, 3])
print(list(m), list(m))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(3))))
print(list(enumerate("ab")), sorted(enumerate("cab"), key=lambda p: p[1]))
try:
    next(iter([]))
except StopIteration:
    print("StopIteration")
