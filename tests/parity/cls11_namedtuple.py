# collections.namedtuple as tutorials use it: fields, indexing, unpacking,
# _asdict/_replace/_make/_fields/_field_defaults, defaults=, rename=, repr,
# equality and hash with tuples, a subclass with methods, the errors, and
# instances in the collector (tuple subclasses are never untracked)
from collections import namedtuple
import gc, sys
Point = namedtuple('Point', 'x y')
p = Point(1, 2)
print(p, p.x, p.y, p[0], p[-1], len(p), p == (1, 2), hash(p) == hash((1, 2)))
x, y = p
print(x, y, p._asdict(), p._replace(x=10), Point._fields, Point._make([3, 4]))
print(isinstance(p, tuple), type(p), Point.__mro__, Point.__doc__, Point.__name__)
P3 = namedtuple('P3', ['a', 'b', 'c'], defaults=[0, 1])
print(P3(5), P3._field_defaults, P3(1, 2, 3), P3(a=1, c=7))
print(sys.getrefcount(p), sys.getrefcount(Point))
class V(namedtuple('V', 'dx dy')):
    __slots__ = ()
    def norm(self):
        return abs(self.dx) + abs(self.dy)
    def __repr__(self):
        return f'V<{self.dx},{self.dy}>'
v = V(3, -4)
print(v, v.norm(), V.__mro__)
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    namedtuple('Bad', 'x class')
except ValueError as e:
    print("ValueError:", e)
R = namedtuple('R', 'a a b', rename=True)
print(R._fields, R(1, 2, 3))
try:
    del p.x
except AttributeError as e:
    print("AttributeError:", e)
try:
    p.z = 1
except AttributeError as e:
    print("AttributeError:", e)
for args in [(1, 2, 3), ()]:
    try:
        Point(*args)
    except TypeError as e:
        print("TypeError:", e)
for kw in [{'x': 1, 'z': 2}, {'y': 1}]:
    try:
        Point(1, **kw)
    except TypeError as e:
        print("TypeError:", e)
try:
    P3()
except TypeError as e:
    print("TypeError:", e)
for bad in [('P', 'x _y'), ('P', 'x x'), ('P', '1x'), ('class', 'x')]:
    try:
        namedtuple(*bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    namedtuple('P', 'x', defaults=(1, 2))
except TypeError as e:
    print("TypeError:", e)
try:
    p._replace(z=3)
except ValueError as e:
    print("ValueError:", e)
try:
    Point._make([1])
except TypeError as e:
    print("TypeError:", e)

# records in a list, sorted by a field, as the tutorials do
Employee = namedtuple('Employee', ['name', 'age', 'dept'])
staff = [Employee('ann', 41, 'ops'), Employee('bob', 29, 'dev'), Employee('cy', 35, 'dev')]
print(sorted(staff, key=lambda e: e.age)[0], max(staff, key=lambda e: e.age).name)
print([e.name for e in staff if e.dept == 'dev'], {e.name: e.age for e in staff})
print(Employee(*('dee', 50, 'hr')), staff[1] < staff[2], tuple(staff[0]), list(staff[0]))
print(Employee._fields + ('x',), p + (3,), p * 2, p[::-1], 2 in p, p.index(2), p.count(1))
print(f"{p.x}-{p.y}", str(p), [p], {p: 'here'}[(1, 2)])

# the collector: a namedtuple is a tuple with a class, tracked while alive
gc.collect()
print(gc.is_tracked(p), gc.is_tracked((1, 2)))
Node = namedtuple('Node', 'value children')
n = Node(1, [])
n.children.append(n)
print(sys.getrefcount(n), len(gc.get_referents(n)))
del n
print(gc.collect())
m = Node(2, [Node(3, [])])
m.children[0].children.append(m)
del m
print(gc.collect())
print(gc.collect())

# a subclass without __slots__: instances get a __dict__ back
class Point2(namedtuple('Point', ['x', 'y'])):
    def dist(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
p = Point2(3, 4)
p.label = 'a'
print(p, p.dist(), p.label, p.__dict__, Point2.__bases__[0].__name__, sys.getrefcount(p))
Card = namedtuple('Card', 'rank suit', module='cards')
print(Card.__module__, Card('A', 's'), Card._field_defaults)
q = p._replace(y=0)
print(type(q).__name__, q, q.dist())
p.me = p
del p
print(gc.collect())
