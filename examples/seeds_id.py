# The id() experiments from the user's notes (seeds/001): names are
# references to heap objects; rebinding a name never changes the object.
a = 1000
b = 1000
print("a == b:", a == b)
c = a
print("c is a:", c is a, "  id(c) == id(a):", id(c) == id(a))
a = 500
print("after a = 500:  c is a:", c is a, "  c =", c)
c = 600
print("after c = 600:  c =", c)
x = 256
y = 256
print("small ints are cached: 256 is 256:", x is y)
