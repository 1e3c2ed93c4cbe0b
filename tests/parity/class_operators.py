# operator methods of classes: __add__/__radd__/__iadd__ and the rest,
# unary __neg__/__pos__/__invert__/__abs__, fallbacks, errors, counts
import gc
import sys
gc.collect()


class V:
    def __init__(self, *xs):
        self.xs = list(xs)

    def __add__(self, o):
        if isinstance(o, V):
            return V(*[a + b for a, b in zip(self.xs, o.xs)])
        return V(*[a + o for a in self.xs])

    __radd__ = __add__

    def __sub__(self, o):
        return V(*[a - b for a, b in zip(self.xs, o.xs)])

    def __mul__(self, k):
        return V(*[a * k for a in self.xs])

    def __rmul__(self, k):
        return V(*[k * a for a in self.xs])

    def __truediv__(self, k):
        return V(*[a / k for a in self.xs])

    def __floordiv__(self, k):
        return V(*[a // k for a in self.xs])

    def __mod__(self, k):
        return V(*[a % k for a in self.xs])

    def __pow__(self, k):
        return V(*[a ** k for a in self.xs])

    def __and__(self, o):
        return "and"

    def __or__(self, o):
        return "or"

    def __xor__(self, o):
        return "xor"

    def __lshift__(self, k):
        return V(*[a << k for a in self.xs])

    def __rrshift__(self, o):
        return "rrshift %r" % (o,)

    def __neg__(self):
        return V(*[-a for a in self.xs])

    def __pos__(self):
        return self

    def __invert__(self):
        return V(*[~a for a in self.xs])

    def __abs__(self):
        return sum(a * a for a in self.xs) ** 0.5

    def __repr__(self):
        return "V%r" % (tuple(self.xs),)


a, b = V(1, 2), V(3, 4)
print(a + b, b - a, a * 3, 3 * a, a + 10, 10 + a)
print(b / 2, b // 2, b % 2, a ** 2, a << 2, 5 >> a)
print(a & b, a | 1, a ^ a)
print(-a, +a is a, ~a, abs(V(3, 4)))


class Acc:
    def __init__(self):
        self.items = []

    def __iadd__(self, x):
        self.items.append(x)
        return self

    def __repr__(self):
        return "Acc%r" % (self.items,)


acc = Acc()
keep = acc
acc += 1
acc += "two"
print(acc, acc is keep)

c = V(1)
d = c
c += V(5)          # no __iadd__: __add__ makes a new object
print(c, d, c is d)
c *= 2
print(c)


class Plain:
    pass


for expr in ["Plain() + 1", "1 + Plain()", "-Plain()", "~Plain()", "abs(Plain())",
             "Plain() & 1", "a - 1"]:
    try:
        if expr == "Plain() + 1":
            Plain() + 1
        elif expr == "1 + Plain()":
            1 + Plain()
        elif expr == "-Plain()":
            -Plain()
        elif expr == "~Plain()":
            ~Plain()
        elif expr == "abs(Plain())":
            abs(Plain())
        elif expr == "Plain() & 1":
            Plain() & 1
        elif expr == "a - 1":
            a - 1
    except TypeError as e:
        print(expr, "TypeError:", e)
    except AttributeError as e:
        print(expr, "AttributeError:", e)


class Boom:
    def __add__(self, o):
        raise ValueError("boom")


try:
    Boom() + 1
except ValueError as e:
    print("ValueError", e)

before = sys.getrefcount(a)
r = a + a
print(sys.getrefcount(a) - before)
del a, b, c, d, r, acc, keep
print(gc.collect())
