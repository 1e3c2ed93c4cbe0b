# __slots__: no __dict__, no unknown attributes, memory-lean points;
# slots as members in the class; refcounts of slot values.
import gc
import sys

gc.collect()


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"

    def dist2(self):
        return self.x ** 2 + self.y ** 2


p = Point(3, 4)
print(p, p.dist2())
print(hasattr(p, "__dict__"))
try:
    p.z = 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    del p.y
    print(p.y)
except AttributeError as e:
    print("AttributeError:", e)
p.y = 7
print(p)
points = [Point(i, i * i) for i in range(5)]
print(points)
print(sorted(points, key=Point.dist2, reverse=True)[:2])
value = object()
before = sys.getrefcount(value)
q = Point(value, value)
print(sys.getrefcount(value) - before)
del q
print(sys.getrefcount(value) - before)
print(gc.is_tracked(p), "x" in Point.__dict__)


class Vec:
    __slots__ = "coords"

    def __init__(self, *coords):
        self.coords = list(coords)

    def __add__(self, other):
        return Vec(*[a + b for a, b in zip(self.coords, other.coords)])

    def __repr__(self):
        return "Vec(%s)" % ", ".join(str(c) for c in self.coords)


print(Vec(1, 2, 3) + Vec(10, 20, 30))
v = Vec()
v.coords.append(v)
del v
print(gc.collect())
