# class Pair(tuple) with __new__, __repr__, a property and __slots__ = ();
# class T(tuple) with a __dict__; a singleton's __new__; __new__ returning
# another object; gc counts of tuple-subclass instances
import gc, sys
class Pair(tuple):
    __slots__ = ()
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    def __repr__(self):
        return f"Pair({self[0]!r}, {self[1]!r})"
    @property
    def first(self):
        return self[0]
p = Pair(1, "x")
print(p, p.first, len(p), p[1], p == (1, "x"), hash(p) == hash((1, "x")), isinstance(p, tuple), type(p).__name__)
a, b = p
print(a, b, list(p), p + (3,), p[:1], sys.getrefcount(p))
try:
    p.z = 1
except AttributeError as e:
    print("AttributeError:", e)
class T(tuple):
    pass
t = T([1, 2, 3])
t.tag = "hi"
print(t, t.tag, t.__dict__, T(), T("ab"), type(T()) is T)
print(tuple.__new__(T, [5]), type(tuple.__new__(T, [5])).__name__)
class S:
    _inst = None
    def __new__(cls, *a):
        print("new", cls.__name__, a)
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
    def __init__(self, v):
        self.v = v
a = S(1); b = S(2)
print(a is b, a.v)
class Q(Pair):
    def total(self):
        return self[0] * 2
q = Q(4, 5)
q.note = 1
print(q, q.total(), q.note, isinstance(q, Pair))
gc.collect()
x = T([1])
x.me = x
del x
print(gc.collect())
class O:
    def __new__(cls):
        return 42
print(O())
import gc
ts = [T([i, i]) for i in range(30)]
del ts
gc.get_count()
c0 = gc.get_count()[0]
u = T([1, 2])
w = (3, 4, 5)
print(gc.get_count()[0] - c0)
del u
print(gc.get_count()[0] - c0)

# the errors of the builtin __new__s
class Plain:
    def __new__(cls, *args):
        return super().__new__(cls, *args)
try:
    Plain(1)
except TypeError as e:
    print("TypeError:", e)
print(type(Plain()).__name__)
for bad in [lambda: object.__new__(Pair), lambda: tuple.__new__(Plain), lambda: tuple.__new__(5)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
import weakref
try:
    weakref.ref(Pair(1, 2))
except TypeError as e:
    print("TypeError:", e)
try:
    weakref.ref(t)
except TypeError as e:
    print("TypeError:", e)

# a list subclass with __new__: list.__init__ still fills it
class Bag(list):
    def __new__(cls, *a):
        inst = super().__new__(cls)
        inst.made = True
        return inst
b = Bag([1, 2, 3])
print(b, b.made, type(b).__name__)

# __init__ runs only for an instance of the class
class Other:
    def __new__(cls, v):
        return Pair(v, v) if v else super().__new__(cls)
    def __init__(self, v):
        print("init", v)
print(Other(0).__class__.__name__, Other(7))
print(sys.getrefcount(Pair), sys.getrefcount(T))
