# `*=` on a list or a bytearray repeats in place (list_inplace_repeat,
# bytearray_irepeat): every name for it sees the change; on tuples, strs
# and bytes it makes a new object.  `*` of a bytearray makes a new one.
import sys

items = [1, "two", [3]]
alias = items
items *= 2
print(items, alias is items, items[2] is items[5])
inner = items[2]
print(sys.getrefcount(inner) - 1)
items *= 1
print(len(items), alias is items)
items *= 0
print(items, alias, alias is items, sys.getrefcount(inner) - 1)
grid = [[0] * 3] * 2
grid[0][0] = 9
print(grid)
row = [None]
row *= -5
print(row)

buf = bytearray(b"ab")
view = buf
buf *= 3
print(buf, view is buf)
buf *= 0
print(buf, view)
print(bytearray(b"xy") * 2, 2 * bytearray(b"z"), bytearray(b"q") * 0)
doubled = view * 2
print(type(doubled).__name__, doubled is view)

t = (1, 2)
u = t
t *= 2
print(t, u, t is u)
s = "ab"
s *= 3
print(s)
b = b"-"
b *= 4
print(b)


class Acc:
    def __init__(self):
        self.parts = ["a"]


acc = Acc()
keep = acc.parts
acc.parts *= 3
print(acc.parts, keep is acc.parts)
d = {"k": [1]}
d["k"] *= 2
print(d)
try:
    items *= "x"
except TypeError as e:
    print("TypeError:", e)
try:
    buf *= 1.5
except TypeError as e:
    print("TypeError:", e)
