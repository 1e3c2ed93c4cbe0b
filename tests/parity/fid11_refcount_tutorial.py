# the reference-counting tutorial: who holds a reference, and when it goes
import sys

x = []
print(sys.getrefcount(x))
y = x
print(sys.getrefcount(x))
container = [x, x]
print(sys.getrefcount(x))
d = {"a": x}
print(sys.getrefcount(x))
del container
print(sys.getrefcount(x))
d.clear()
print(sys.getrefcount(x))


def look(arg):
    return sys.getrefcount(arg)


print(look(x))
t = (x,)
print(sys.getrefcount(x))
del t, y
print(sys.getrefcount(x))


class Holder:
    def __init__(self, v):
        self.v = v


h = Holder(x)
print(sys.getrefcount(x))
h.v = None
print(sys.getrefcount(x))
s = "a somewhat longer string built at run time".upper()
print(sys.getrefcount(s))
n = 10 ** 15 + 7
print(sys.getrefcount(n))
m = [n] * 3
print(sys.getrefcount(n))
