# list.sort(), sorted(), list(seq) and seq.copy() as CPython 3.11: the core sorts
# numbers, strs, bytes and tuples of them in one op (100,000 items: no handle
# per item), stable, reverse=True keeping equal keys in order; below 64 items
# the comparisons are listsort()'s own (count_run + binarysort), so a
# printing __lt__, a raising one and NaNs give what python3 gives.
import gc, sys
gc.collect()
x = [3, 2, 1]
n0 = gc.get_count()[0]
y = list(x)
print(gc.get_count()[0] - n0)
n0 = gc.get_count()[0]
z = x.copy()
print(gc.get_count()[0] - n0)
n0 = gc.get_count()[0]
w = sorted(x)
print(gc.get_count()[0] - n0)
n0 = gc.get_count()[0]
x.sort()
print(gc.get_count()[0] - n0)
n0 = gc.get_count()[0]
v = list((1, 2))
print(gc.get_count()[0] - n0)
l = [(i * 7919) % 100003 for i in range(100000)]
l.sort()
print(l[0], l[1], l[-1], len(l))
s = sorted(l, reverse=True)
print(s[0], s[-1], len(s), s is l)
c = l.copy()
print(c == l, c is l, len(list(l)))
words = ["pear", "Apple", "fig", "apple", "Fig"]
print(sorted(words), sorted(words, reverse=True), sorted(words, key=len))
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "a")]
pairs.sort()
print(pairs)
mixed = [3, 1.5, True, -2, 2.0]
print(sorted(mixed), sorted(mixed, reverse=True))
stable = [(1, "x"), (0, "y"), (1, "a"), (0, "b")]
print(sorted(stable, key=lambda p: p[0]), sorted(stable, key=lambda p: p[0], reverse=True))
eq = [1, 1.0, True]
print(sorted(eq), sorted(eq, reverse=True))
t = (3, 1, 2)
print(sorted(t), list(t), sorted(t) == list(sorted(t)))
try:
    [1, "a", 2].sort()
except TypeError as e:
    print("TypeError", e)
try:
    sorted(["a", 1])
except TypeError as e:
    print("TypeError", e)
class P:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
print([p.v for p in sorted([P(3), P(1), P(2)])])
nested = [[2, 1], [1, 2], [1, 1]]
nested.sort()
print(nested)
a = [5, 3]
before = sys.getrefcount(a)
a.sort()
print(sys.getrefcount(a) - before)
class Loud:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        print("lt", self.v, o.v)
        return self.v < o.v
print([x.v for x in sorted([Loud(3), Loud(1), Loud(2), Loud(5), Loud(4)])])
print([x.v for x in sorted([Loud(1), Loud(2), Loud(0)], reverse=True)])
nan = float("nan")
print(sorted([3.0, nan, 1.0, 2.0]), sorted([nan, 2.0, 1.0], reverse=True))
print(sorted([5, 4, 3, 2, 1, 0]), sorted([1, 3, 2], key=lambda v: -v))
big = [(i * 31) % 97 for i in range(200)]
print(sorted(big)[:10], sorted(big, reverse=True)[:5])
