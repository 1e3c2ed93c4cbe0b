# Special methods the interpreter dispatches to a class: __repr__, __str__,
# __eq__ / __ne__ / ordering, __len__, __bool__, __getitem__, __setitem__,
# __contains__.
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Vec(" + repr(self.x) + ", " + repr(self.y) + ")"

    def __eq__(self, other):
        return self.x == other.x and self.y == other.y

    def __lt__(self, other):
        return self.x < other.x

    def __len__(self):
        return 2

    def __getitem__(self, i):
        if i == 0:
            return self.x
        return self.y

    def __setitem__(self, i, v):
        if i == 0:
            self.x = v
        else:
            self.y = v

    def __contains__(self, v):
        return v == self.x or v == self.y


class Named:
    def __init__(self, name):
        self.name = name

    def __str__(self):
        return "Named " + self.name


class Empty:
    def __len__(self):
        return 0


class Flag:
    def __init__(self, on):
        self.on = on

    def __bool__(self):
        return self.on


a = Vec(1, 2)
b = Vec(1, 2)
c = Vec(3, 4)
print(a, [a, c], (a,), {"k": c})
print(repr(a), str(a))
print(a == b, a != b, a == c, a != c, a is b)
print(a < c, c > a, c < a)
print(len(a), a[0], a[1])
a[0] = 10
print(a, 10 in a, 5 in a, 5 not in a)
n = Named("x")
print(n, str(n), [n][0].name)
print(len(Empty()), bool(Empty()), bool(a))
if Flag(False):
    print("true")
else:
    print("false")
if not Empty():
    print("empty")
while Flag(False):
    print("never")
print(Flag(True) and "yes")
