# __slots__: a Point without a __dict__, its member descriptors, and what
# slots save in GC objects once a plain instance's __dict__ is asked for.
import gc
import sys
import weakref

gc.collect()


class Point:
    __slots__ = ('x', 'y')

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class PlainPoint:
    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point([1], [2])
print(p, p.x, p.y)
p.x = [10]
print(p)
print(list(Point.__dict__))
print('__dict__' in Point.__dict__, '__weakref__' in Point.__dict__)
print(gc.is_tracked(p), len(gc.get_referents(p)))
print(gc.get_referents(p)[0] is p.x, gc.get_referents(p)[-1] is Point)
print(sys.getrefcount(p.y), sys.getrefcount(Point))

mx = Point.__dict__['x']
print(mx, gc.is_tracked(mx), gc.get_referents(mx)[0] is Point, mx.__name__)
print(Point.x is mx, Point.__slots__)

for bad in ("p.z = 1", "p.__dict__", "weakref.ref(p)"):
    try:
        if bad == "p.z = 1":
            p.z = 1
        elif bad == "p.__dict__":
            print(p.__dict__)
        else:
            weakref.ref(p)
    except AttributeError as e:
        print("AttributeError:", e)
    except TypeError as e:
        print("TypeError:", e)

del p.y
try:
    print(p.y)
except AttributeError as e:
    print("AttributeError:", e)
try:
    del p.y
except AttributeError as e:
    print("AttributeError:", e)
p.y = 5
print(p, hasattr(p, 'y'), getattr(p, 'y'))
setattr(p, 'x', 7)
print(p.x)


# a single name as a str
class Cell:
    __slots__ = 'value'


c = Cell()
print(hasattr(c, 'value'), list(Cell.__dict__))
c.value = c
print(gc.get_referents(c)[0] is c)
del c
print(gc.collect())

# memory: GC objects per point, before and after a plain point's __dict__
before = len(gc.get_objects())
slotted = [Point([i], [i]) for i in range(50)]
mid = len(gc.get_objects())
plain = [PlainPoint([i], [i]) for i in range(50)]
after = len(gc.get_objects())
print(mid - before, after - mid)
dicts = [q.__dict__ for q in plain]
print(len(gc.get_objects()) - after)
del dicts, plain, slotted

# a cycle through slots is collected
a = Point(None, None)
b = Point(a, None)
a.y = b
del a, b
print(gc.collect())
del p, mx
del Point
print(gc.collect())
