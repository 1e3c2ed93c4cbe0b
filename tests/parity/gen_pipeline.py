# A tutorial-style pipeline of generators: each stage pulls from the one
# before; nothing is materialized, and each generator's frame holds its
# upstream until it is exhausted.
import gc
import sys
gc.collect()


def read_lines(lines):
    for line in lines:
        yield line


def strip_comments(lines):
    for line in lines:
        if not line.startswith("#"):
            yield line


def to_ints(lines):
    for line in lines:
        yield int(line)


def running_total(nums):
    total = 0
    for n in nums:
        total += n
        yield total


data = ["1", "# skip", "2", "3", "# also", "4"]
before = sys.getrefcount(data)
pipe = running_total(to_ints(strip_comments(read_lines(data))))
print(sys.getrefcount(data) - before)
print(next(pipe))
print(sys.getrefcount(data) - before)
print(list(pipe))
print(sys.getrefcount(data) - before)
print(max(x * 2 for x in to_ints(["5", "9", "2"])))
print(sorted(n for n in running_total([3, 1, 2])))


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


f = fib()
print([next(f) for _ in range(10)])
f.close()
print(next(f, "exhausted"))
