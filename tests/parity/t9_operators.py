# A Money/Vector class with operator overloading: arithmetic, reflected
# operators, comparisons via methods, unary minus, abs, in-place add,
# and TypeErrors for unsupported operands.
import gc

gc.collect()


class Vector:
    def __init__(self, x=0, y=0):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Vector({self.x!r}, {self.y!r})"

    def __add__(self, o):
        return Vector(self.x + o.x, self.y + o.y)

    def __sub__(self, o):
        return Vector(self.x - o.x, self.y - o.y)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k)

    def __rmul__(self, k):
        return self * k

    def __neg__(self):
        return Vector(-self.x, -self.y)

    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

    def __eq__(self, o):
        return (self.x, self.y) == (o.x, o.y)

    def __lt__(self, o):
        return abs(self) < abs(o)

    def __bool__(self):
        return bool(self.x or self.y)

    def __iadd__(self, o):
        self.x += o.x
        self.y += o.y
        return self


v = Vector(3, 4)
w = Vector(1, 2)
print(v + w, v - w, v * 2, 3 * v, -v, abs(v))
print(v == Vector(3, 4), v != w, v < w, v > w, sorted([v, w, Vector()]))
print(bool(Vector()), bool(w))
same = v
v += w
print(v, same is v)
print(sum([Vector(1, 1), Vector(2, 2)], Vector()))
try:
    v + 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    "a" - v
except TypeError as e:
    print("TypeError:", e)
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 2 ** 10, 2 ** -1, 7 / 2, divmod(-7, 2))
print(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 10, 1024 >> 3, -16 >> 2)
x = 10
x **= 2
x //= 3
x %= 7
x <<= 2
x |= 1
x ^= 3
print(x)
print(0.1 + 0.2, round(0.1 + 0.2, 2), 1e300 * 10, round(2.5), round(3.5), round(-0.5))
print(True + True, True * 10, 3 > 2 > 1, 1 < 2 > 3, not 0, 0 or "x", "" and 5)
