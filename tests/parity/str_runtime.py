# Strings a program computes are not interned (CPython interns code
# constants and names): equal computed strs are two objects.
import gc, sys
gc.collect()

n = 3
a = "ab" + str(n)
b = "ab" + str(n)
print(a == b, a is b, sys.getrefcount(a), sys.getrefcount(b))
c = "x" * n
d = "x" * n
print(c is d, sys.getrefcount(c))
e = "".join(["q", "r", "s"])
f = "qrs"
print(e == f, e is f)
g = f"{n}{n}"
h = f"{n}{n}"
print(g is h)
i = "-".join(["a", "b"])
j = "-".join(["a", "b"])
print(i, i is j)
k = "abc"
m = "abc"
print(k is m)
p = "a" + ""
one = "a"
print(p is one)
s = "tag" + str(7)
d2 = {s: 1}
t = "tag" + str(7)
print(t in d2, t is list(d2)[0], sys.getrefcount(s))
u = "hello world"[0:5]
w = "hello"
print(u == w, u is w)
