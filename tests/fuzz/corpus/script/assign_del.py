# Assignment to and del of names, attributes and subscripts; unpacking.
import sys

class Box:
    pass

b = Box()
b.x = 1
b.items = [1, 2]
print(b.x, b.items)
b.x = b.x + 41
print(b.x)
del b.x
try:
    print(b.x)
except AttributeError:
    print("x deleted")

o = []
b.ref = o
print(sys.getrefcount(o))      # o + attribute + argument
del b.ref
print(sys.getrefcount(o))

l = [0, 1, 2, 3]
l[0] = "zero"
l[-1] = "last"
print(l, l[-2])
del l[1]
print(l)
d = {}
d["a"] = 1
d["b"] = [d["a"], 2]
d["a"] = 10
print(d)
del d["a"]
print(d)

a, b2 = 1, 2
print(a, b2)
a, b2 = b2, a
print(a, b2)
[p, q] = ["p", "q"]
(r, (s, t)) = (1, (2, 3))
print(p, q, r, s, t)
try:
    u, v = [1, 2, 3]
except ValueError:
    print("too many values")

name = 5
del name
try:
    print(name)
except NameError:
    print("name deleted")

c = d2 = e = []
c.append(1)
print(c, d2, e, c is e)
