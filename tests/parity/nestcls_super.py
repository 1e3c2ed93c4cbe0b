# Zero-argument super() and __class__ in classes made inside functions and
# classes: the methods close over the class's __class__ cell, which makes
# one more cycle for the collector to find.
import gc
import sys


class Animal:
    def __init__(self, name):
        self.name = name

    def speak(self):
        return "%s makes a sound" % self.name


def make_breed(sound):
    class Dog(Animal):
        def __init__(self, name, tricks=()):
            super().__init__(name)
            self.tricks = list(tricks)

        def speak(self):
            return super().speak() + ": " + sound

        def whoami(self):
            return __class__.__qualname__

        def plain(self):
            return "no closure"
    return Dog


Beagle = make_breed("woof")
Husky = make_breed("awoo")
print(Beagle("Rex").speak(), "|", Husky("Ice").speak())
print(Beagle("Rex").whoami(), Beagle.whoami.__code__.co_freevars)
print(Beagle.speak.__code__.co_freevars, Beagle.plain.__closure__)
print(Beagle.__init__.__closure__[0].cell_contents is Beagle)
print(Husky.__init__.__closure__[0].cell_contents is Husky)
print(Beagle.speak.__closure__[0] is Beagle.__init__.__closure__[0])
print(sys.getrefcount(Beagle))
del Beagle
print(gc.collect())
del Husky
print(gc.collect())


# the same at module level: CPython's class cell is there too
class Base:
    def hello(self):
        return "base hello"


class Child(Base):
    def hello(self):
        return "child and " + super().hello()


print(Child().hello(), len(Child.hello.__closure__), sys.getrefcount(Child))
del Child
print(gc.collect())


# super() through a chain of classes made in one function
def tower():
    class A:
        def who(self):
            return ["A"]

    class B(A):
        def who(self):
            return ["B"] + super().who()

    class C(A):
        def who(self):
            return ["C"] + super().who()

    class D(B, C):
        def who(self):
            return ["D"] + super().who()
    return D


D = tower()
print(D().who(), [k.__name__ for k in D.__mro__])
del D
print(gc.collect())


# a nested class's methods use their own class's cell
class Shape:
    def area(self):
        return 0

    class Square:
        def __init__(self, side):
            self.side = side

        def area(self):
            return self.side * self.side

        def kind(self):
            return __class__.__name__

    def make_square(self, side):
        return Shape.Square(side)


sq = Shape().make_square(3)
print(sq.area(), sq.kind(), Shape.Square.kind.__closure__[0].cell_contents is Shape.Square)
print(Shape.area.__closure__, Shape.make_square.__closure__)
del sq
del Shape
print(gc.collect())


# a method that only names super (two-argument form) closes over the cell too
def two_arg():
    class P:
        def f(self):
            return "P.f"

    class Q(P):
        def f(self):
            return "Q.f via " + super(Q, self).f()
    return Q


Q = two_arg()
print(Q().f(), Q.f.__code__.co_freevars)
del Q
print(gc.collect())


# a function nested in a method reads __class__ through the method's cell
class Widget:
    def factory(self):
        def make():
            return __class__
        return make

    def namer(self):
        return lambda: __class__.__name__


print(Widget().factory()() is Widget, Widget().namer()())
print(Widget.factory.__code__.co_freevars, Widget().factory().__code__.co_freevars)


def plain():
    return __class__


try:
    plain()
except NameError as e:
    print("NameError:", e)
