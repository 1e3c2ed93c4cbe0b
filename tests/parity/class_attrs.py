# Class attributes seen through instances and subclasses, shadowing,
# class attribute changes, __class__ and __name__, attribute errors.
class Base:
    shared = []
    level = 0
    name = "base"

    def who(self):
        return self.name


class Child(Base):
    level = 1


c = Child()
b = Base()
print(c.level, b.level, Child.level, Base.level)
c.shared.append(1)
print(b.shared, Base.shared is c.shared)
c.level = 5
print(c.level, Child.level)
del c.level
print(c.level)
Base.name = "renamed"
print(c.who(), b.who())
Child.name = "child"
print(c.who(), b.who())
print(c.__class__ is Child, c.__class__.__name__, Child.__name__)
print(Child.__base__ is Base, Child.__bases__ == (Base,))
Child.extra = lambda_free = 3
print(c.extra, lambda_free)
del Child.extra
try:
    c.extra
except AttributeError:
    print("AttributeError")
try:
    del c.nothing
except AttributeError:
    print("AttributeError")
print(Base.__doc__, Child.__module__)


class Documented:
    """The docstring."""

    n = 1 + 2


print(Documented.__doc__, Documented.n, list(Documented.__dict__))
print(Documented().__doc__)
