# dir(obj) as python3 answers it: instances, classes, modules, values of
# built-in types, __dir__ overrides; the gc count moves by the one list.
import gc
import sys
import weakref
import collections


class Base:
    kind = "base"

    def hello(self):
        return "hi"


class Point(Base):
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return abs(self.x) + abs(self.y)


p = Point(1, 2)
p.label = "p"
print(dir(p))
print(dir(Point))
print(dir(Base))
print([n for n in dir(p) if not n.startswith("__")])
print(len(dir(object())), dir(object) == dir(object()))


class Left(Base):
    left = 1


class Right(Base):
    right = 2


class Diamond(Left, Right):
    pass


print(dir(Diamond()))


class Shy:
    def __dir__(self):
        return ("zeta", "alpha", "mid")


class Listed:
    def __dir__(self):
        return {"b", "a", "c"}


print(dir(Shy()), dir(Listed()))


class Stack(list):
    def peek(self):
        return self[-1]


s = Stack()
s.name = "s"
print(dir(s))
print([n for n in dir(Stack) if n not in dir(list)])

for v in [[], {}, "", (), set(), frozenset(), 0, 1.5, True, None, b"", bytearray(),
          range(3), {}.keys(), {}.values(), {}.items()]:
    names = dir(v)
    print(type(v).__name__, len(names), names[:3], names[-3:])

print(dir(int) == dir(5), dir(str) == dir("x"), dir(list)[-5:])
print(dir(len)[:4], dir([].append)[-3:], dir(str.upper)[-3:])


def gen():
    yield 1


def plain(a):
    return a


print(dir(gen())[-4:], dir(plain)[-6:], dir(plain.__code__)[-4:])
print(dir(gc))
print(dir(sys) == sorted(dir(sys)), "getrefcount" in dir(sys), "intern" in dir(sys))
print(dir(weakref)[-5:], "OrderedDict" in dir(collections))

before = gc.get_count()[0]
names = dir(p)
after = gc.get_count()[0]
print(after - before, sys.getrefcount(p), sys.getrefcount(Point))
del names


def scope():
    a = 1
    b = [a]
    return dir()


print(scope())

for it in [iter([]), iter(()), iter({}), iter({}.items()), iter(range(2)), iter(set()),
           enumerate([]), zip(), map(abs, []), filter(None, []), reversed([])]:
    print(type(it).__name__, dir(it)[-4:])
print(dir(staticmethod)[-3:], dir(classmethod)[-3:], dir(property)[-4:])
