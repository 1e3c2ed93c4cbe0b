# Memoisation with functools.lru_cache and cache: cache_info as calls hit
# and miss, the least recently used result evicted (and released), the
# wrapper's attributes, cache_clear releasing every result.
import sys
import functools
from functools import lru_cache, cache


@lru_cache(maxsize=None)
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print(fib(40))
print(fib.cache_info())
print(fib.cache_info().hits, fib.cache_info()[1], fib.cache_info() == (38, 41, None, 41))
hits, misses, maxsize, currsize = fib.cache_info()
print(hits, misses, maxsize, currsize)
fib.cache_clear()
print(fib.cache_info())


class Result:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return f"Result({self.n})"

    def __del__(self):
        print("  released", self.n)


@lru_cache(maxsize=3)
def compute(n):
    print("  computing", n)
    return Result(n * n)


for n in [1, 2, 3, 1, 4, 2, 5]:
    r = compute(n)
    print(n, r, compute.cache_info())
del r
print("clearing")
compute.cache_clear()
print(compute.cache_info())
print(compute.__name__, compute.__wrapped__(7).n)


@lru_cache
def square(x):
    return x * x


print(square(4), square(4), square.cache_info())
print(square.cache_parameters())


@lru_cache(maxsize=2)
def kw(a, b=1, *, c=0):
    return a + b + c


print(kw(1), kw(1, b=1), kw(1, 1), kw(a=1), kw(1, c=2))
print(kw.cache_info())


@cache
def count_paths(r, c):
    if r == 0 or c == 0:
        return 1
    return count_paths(r - 1, c) + count_paths(r, c - 1)


print(count_paths(10, 10), count_paths.cache_info())

# the cache holds its results: a refcount above the caller's
@lru_cache(maxsize=None)
def make_list(n):
    return list(range(n))


a = make_list(3)
b = make_list(3)
print(a is b, sys.getrefcount(a))
make_list.cache_clear()
print(sys.getrefcount(a))


@lru_cache(maxsize=0)
def never(x):
    return [x]


print(never(1) is never(1), never.cache_info())
