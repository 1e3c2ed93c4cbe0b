# Subclasses of list: one GC object that is a list, with its class and a
# __dict__ made at the first attribute store (CPython 3.11's subtype
# layout); methods, builtin methods through self, isinstance, type(),
# referents in subtype_traverse's order, collector counts for cycles
import gc, sys
gc.collect()


class Stack(list):
    def push(self, x):
        self.append(x)

    def peek(self):
        return self[-1]

    def pop_all(self):
        out = []
        while len(self):
            out.append(self.pop())
        return out


s = Stack()
s.push(1)
s.push(2)
print(s, s.peek(), len(s), s[0], list(s), [x * 2 for x in s])
print(type(s) is Stack, isinstance(s, list), isinstance(s, Stack), type(s).__name__)
print(Stack.__mro__, Stack.__bases__, list(Stack.__dict__))
print(gc.is_tracked(s), sys.getrefcount(s), sys.getrefcount(Stack))
refs = gc.get_referents(s)
print(len(refs), refs[0] is Stack, refs[1:])
del refs
s.name = "stack"
print(s.name, s.__dict__)
refs = gc.get_referents(s)
print(len(refs), type(refs[0]).__name__, refs[1] is Stack)
del refs
print(s.pop_all(), len(s), s == [], s)
t = Stack([3, 1, 2])
t.sort()
print(t, t + [4], t * 2, t.index(2), 3 in t, sorted(t, reverse=True))
try:
    s.nope
except AttributeError as e:
    print(e)
try:
    s.nope()
except AttributeError as e:
    print(e)
print(getattr(s, "nope", 5), hasattr(s, "name"))
del s.name
print(s.__dict__)
# cycles through the items, through the __dict__, and both
s.append(s)
del s
print(gc.collect())
u = Stack()
u.me = u
del u
print(gc.collect())
v = Stack()
v.box = []
v.box.append(v)
v.append(v.box)
del v
print(gc.collect())


class Counted(Stack):
    def __init__(self, items, label):
        self.extend(items)
        self.label = label

    def push(self, x):
        super().push(x * 10)


c = Counted([1, 2], "c")
c.push(3)
print(c, c.label, Counted.__mro__, isinstance(c, Stack))
c.append(c)
del c
print(gc.collect())


# test_gc's test_instance with a list base in the MRO (corpus c23)
class A:
    pass


class B(list):
    pass


class C(B, A):
    pass


print(C.__mro__, C.__base__)
c = C()
c.c = c
gc.collect()
del c
print(gc.collect())
try:
    class X(list, dict):
        pass
except TypeError as e:
    print("TypeError:", e)


# super() reaching list's own methods; a method overriding a builtin one
class Tally(list):
    def __init__(self, items):
        super().__init__(items)
        self.n = len(items)

    def append(self, x):
        super().append(x)
        self.n += 1


t = Tally([1, 2])
t.append(3)
print(t, t.n, len(t))
t.append(t)
del t
print(gc.collect())
