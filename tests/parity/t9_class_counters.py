# Class attributes vs instance attributes: counters, shadowing, mutable
# class attributes shared by all instances (the classic bug), __dict__
# contents, getattr/setattr/hasattr/delattr, vars().
import gc

gc.collect()


class Dog:
    species = "canis"
    count = 0
    tricks = []

    def __init__(self, name):
        self.name = name
        Dog.count += 1

    def add_trick(self, trick):
        self.tricks.append(trick)


a = Dog("rex")
b = Dog("fido")
a.add_trick("roll")
b.add_trick("sit")
print(a.tricks, b.tricks is a.tricks, Dog.count)
a.species = "wolf"
print(a.species, b.species, Dog.species)
del a.species
print(a.species)
print(sorted(a.__dict__), sorted(vars(b)))
print(getattr(a, "name"), getattr(a, "age", "unknown"), hasattr(a, "tricks"))
setattr(a, "age", 3)
print(a.age, sorted(a.__dict__))
delattr(a, "age")
print(hasattr(a, "age"))
try:
    a.age
except AttributeError as e:
    print("AttributeError:", e)
try:
    Dog.nothing
except AttributeError as e:
    print("AttributeError:", e)


class Cat:
    def __init__(self, name):
        self.name = name
        self.tricks = []


c, d = Cat("tom"), Cat("kit")
c.tricks.append("purr")
print(c.tricks, d.tricks)
print(Dog.__name__, Dog.__doc__, type(a).__name__, a.__class__ is Dog)
print(isinstance(a, Dog), isinstance(c, Dog), Dog.__dict__["species"])
for attr in ["name", "species", "missing"]:
    print(attr, hasattr(b, attr))
