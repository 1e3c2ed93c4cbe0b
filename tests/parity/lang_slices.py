# Slices: read, assign and delete; what they share and what they release.
import sys

class Item:
    def __del__(self):
        print("Item dies")

xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
print(xs[2:5], xs[:3], xs[7:], xs[-3:], xs[:-7], xs[::2], xs[1::3], xs[::-1])
print(xs[8:2:-2], xs[-1:-4:-1], xs[5:2], xs[100:], xs[-100:2], xs[::100])
t = (1, 2, 3, 4)
print(t[1:3], t[::-1], t[5:], t[:0])
print(t[:] is t, t[0:4] is t, xs[:] is xs, xs[:] == xs)
s = "pymm heap"
print(s[:4], s[5:], s[::-1], s[::2], s[-4:-1], s[:] is s)
u = "naïve café"
print(u[2:5], u[::-1], u[-4:])
b = b"bytes!"
print(b[1:3], b[::-1], b[:] is b, b[10:])

# the slice shares the items
a = [1000 + 1, 2000 + 2]
part = a[0:1]
print(part[0] is a[0], sys.getrefcount(a[0]))

# assignment: replace, grow, shrink, insert, extended
ys = list(xs)
ys[2:5] = ["a", "b", "c", "d"]
print(ys)
ys[1:9] = []
print(ys)
ys[1:1] = [7, 8]
print(ys)
ys[:] = (9, 9)
print(ys)
zs = list(xs)
zs[::3] = ["x", "y", "z", "w"]
print(zs)
zs[8:0:-4] = [None, None]
print(zs)
zs[2:4] = "pq"
print(zs)
zs[len(zs):] = [99]
print(zs)
try:
    zs[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    t[1:2] = [0]
except TypeError as e:
    print("TypeError:", e)

# delete: the removed items die when the slice goes
held = [Item(), Item(), Item(), "keep"]
del held[0:2]
print("deleted two", held[-1])
del held[::-1]
print("deleted all", held)
ws = [i for i in range(12)]
del ws[::4]
print(ws)
del ws[-2:]
print(ws)
del ws[5:1]
print(ws)
try:
    del t[0:1]
except TypeError as e:
    print("TypeError:", e)
try:
    xs[::0]
except ValueError as e:
    print("ValueError:", e)
try:
    xs["a":]
except TypeError as e:
    print("TypeError:", e)
# replacing a run releases the old items
box = [Item(), 1]
box[0:1] = [2]
print("replaced", box)
