# The notes' id() experiments (seeds 001): names are references, ids are
# identities.  Raw ids differ between Python and pymm, so only compare them.
a = 1000
b = 1000
print(id(a) == id(b))          # one constant object in the file
x = 1000
y = 1000
print(x is y, id(x) == id(y))
c = a
print(id(c) == id(a), c is a)
a = 500
print(id(a) == id(c), a is c)
print(c)
print(a)
c = 600
print(id(c) == id(a))
print(c)
d = c
c = c + 1
print(d, c, d is c)
e = a - 500 + 500               # computed at run time: a new int
print(e == a, e is a)
