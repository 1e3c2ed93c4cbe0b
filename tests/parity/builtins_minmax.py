# min() and max() as bltinmodule.c's min_max(): one item at a time from any
# iterable (a 100,000-item list: no handle per item), key=, default=, the
# first of equal items wins, the errors; tuple() of a list or tuple in one
# op (tuple(t) is t).
import gc, sys
gc.collect()
print(max([3, 1, 4, 1, 5]), min([3, 1, 4, 1, 5]), max(3, 9, 2), min("hello"))
print(max([], default="none"), min((x for x in [5, 2, 8])), max({1: 2, 7: 0}))
words = ["pear", "fig", "banana", "kiwi"]
print(max(words, key=len), min(words, key=len), max(words, key=lambda w: w[-1]))
a, b = [1], [1]
print(max(a, b) is a, min(a, b) is a)
try:
    max([])
except ValueError as e:
    print(e)
try:
    min(1, "a")
except TypeError as e:
    print(e)
big = 10 ** 6
x = [big, big + 1]
before = sys.getrefcount(x[1])
m = max(x)
print(sys.getrefcount(x[1]) - before, m is x[1])
l = [i % 1000 for i in range(100000)]
print(max(l), min(l), max(l, key=lambda v: -v), len(tuple(l)))
t = (1, 2)
print(tuple(t) is t, tuple([1, 2]) == t, tuple([]) is tuple(()))
