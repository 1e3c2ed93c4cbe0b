# type(name, bases, dict): classes made at run time, as dynamic-class
# tutorials and test_gc's scenarios make them
import gc
import sys


def greet(self):
    return "hello from " + type(self).__name__


ns = {"x": 3, "greet": greet, "__doc__": "made by type()"}
Animal = type("Animal", (), ns)
a = Animal()
print(Animal, Animal.__name__, Animal.__qualname__, Animal.__module__)
print(Animal.__bases__, Animal.__doc__, a.x, a.greet(), type(a) is Animal)
print(sorted(ns), "__module__" in ns)
print(sys.getrefcount(Animal), sys.getrefcount(greet), sys.getrefcount(ns))

bases = (Animal,)
Dog = type("Dog", bases, {"sound": lambda self: "woof", "x": 4})
d = Dog()
print(Dog.__mro__, d.sound(), d.x, d.greet(), isinstance(d, Animal))
print(Dog.__bases__ is bases, sys.getrefcount(bases))
print(issubclass(Dog, Animal), Dog.__dict__["x"])

# __qualname__ and __init__ from the namespace
def init(self, n):
    self.n = n


P = type("P", (object,), {"__init__": init, "__qualname__": "Outer.P"})
p = P(5)
print(P.__qualname__, P.__name__, p.n, p.__dict__)

# a list base, as class Stack(list)
Stack = type("Stack", (list,), {"push": lambda self, v: self.append(v)})
s = Stack()
s.push(1)
s.push(2)
print(s, len(s), isinstance(s, list), type(s).__name__)

# property and classmethod in the namespace
Temp = type("Temp", (), {
    "c": property(lambda self: 21),
    "make": classmethod(lambda cls: cls()),
})
print(Temp().c, type(Temp.make()).__name__)

# the errors type.__new__ raises
for args in [(1, (), {}), ("X", [], {}), ("X", (), []), ("X", (1,), {}),
             ("X", (Animal, Animal), {})]:
    try:
        type(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    type("X", ())
except TypeError as e:
    print("TypeError:", e)

# test_gc's test_class: a class referring to itself is a cycle
gc.collect()
C = type("C", (), {})
C.a = C
del C
print(gc.collect())

# a class made by type() and its instance, dropped together
gc.collect()
K = type("K", (Animal,), {"m": greet})
k = K()
k.me = k
del K, k
print(gc.collect())
del Animal, Dog, d, a, bases
print(gc.collect())
