# Recursion as taught: factorial, fibonacci with a memo dict, permutations,
# power set, flattening nested lists, Tower of Hanoi, binary search, and
# mutual recursion; a RecursionError caught.
import gc
import sys

gc.collect()


def fact(n):
    return 1 if n == 0 else n * fact(n - 1)


def fib(n, memo={}):
    if n in memo:
        return memo[n]
    r = n if n < 2 else fib(n - 1) + fib(n - 2)
    memo[n] = r
    return r


def perms(items):
    if len(items) <= 1:
        return [items]
    out = []
    for i in range(len(items)):
        for p in perms(items[:i] + items[i + 1:]):
            out.append([items[i]] + p)
    return out


def powerset(s):
    if not s:
        return [[]]
    rest = powerset(s[1:])
    return rest + [[s[0]] + r for r in rest]


def flatten(x):
    if not isinstance(x, list):
        return [x]
    return [y for item in x for y in flatten(item)]


def hanoi(n, src, dst, via, moves):
    if n:
        hanoi(n - 1, src, via, dst, moves)
        moves.append((src, dst))
        hanoi(n - 1, via, dst, src, moves)
    return moves


def bsearch(a, x, lo=0, hi=None):
    if hi is None:
        hi = len(a)
    if lo >= hi:
        return -1
    mid = (lo + hi) // 2
    if a[mid] == x:
        return mid
    if a[mid] < x:
        return bsearch(a, x, mid + 1, hi)
    return bsearch(a, x, lo, mid)


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


print(fact(20), fib(80), len(fib.__defaults__[0]))
print(perms([1, 2, 3]))
print(powerset("abc"))
print(flatten([1, [2, [3, [4, [5]]]], 6]))
moves = hanoi(4, "A", "C", "B", [])
print(len(moves), moves[:3])
data = list(range(0, 100, 3))
print(bsearch(data, 27), bsearch(data, 28))
print(is_even(100), is_odd(7))


def forever(n):
    return forever(n + 1)


try:
    forever(0)
except RecursionError as e:
    print("RecursionError:", e)
print(sys.getrecursionlimit())
