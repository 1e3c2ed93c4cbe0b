# Constants: one object per value in the file, held by each code object
# that loads it, so the counts below are CPython's own.
import sys

x = 1000.5
print(sys.getrefcount(x))
y = 1000.5
print(sys.getrefcount(x), x is y)
s = "hello world"
print(sys.getrefcount(s))
t = (1000, 2000)
print(sys.getrefcount(t))
u = (1000, 2000)
print(t is u, sys.getrefcount(t))

def f():
    return 1000.5

print(f() is x, sys.getrefcount(x))
n = -7000
print(sys.getrefcount(n))
m = 3000 * 2
print(sys.getrefcount(m), m)
big = [4000, 5000, 6000]
print(sys.getrefcount(big[0]))
