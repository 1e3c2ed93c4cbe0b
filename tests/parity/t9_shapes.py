# A class hierarchy from a tutorial: an abstract-ish base, super() chains,
# properties with validation, class attributes and counters, classmethod
# constructors, staticmethods, __eq__/__lt__ and sorting.
import gc

gc.collect()


class Shape:
    count = 0

    def __init__(self, name):
        self.name = name
        Shape.count += 1

    def area(self):
        raise NotImplementedError("subclass must implement area")

    def describe(self):
        return f"{self.name} with area {self.area():.2f}"

    def __lt__(self, other):
        return self.area() < other.area()

    def __eq__(self, other):
        return isinstance(other, Shape) and self.area() == other.area()

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"


class Rectangle(Shape):
    def __init__(self, w, h, name="rect"):
        super().__init__(name)
        self._w = w
        self._h = h

    @property
    def width(self):
        return self._w

    @width.setter
    def width(self, value):
        if value <= 0:
            raise ValueError(f"width must be positive, not {value}")
        self._w = value

    def area(self):
        return self._w * self._h

    @classmethod
    def square(cls, side):
        return cls(side, side, name="square")


class Circle(Shape):
    PI = 3.14159

    def __init__(self, r):
        super().__init__("circle")
        self.r = r

    def area(self):
        return self.PI * self.r ** 2

    @staticmethod
    def unit():
        return Circle(1)


shapes = [Rectangle(3, 4), Rectangle.square(2), Circle(1.5), Circle.unit()]
for s in shapes:
    print(s.describe())
print(sorted(shapes))
print(max(shapes), min(shapes, key=lambda s: s.name))
print(Shape.count, Rectangle.count)
r = shapes[0]
r.width = 10
print(r.width, r.area())
try:
    r.width = -1
except ValueError as e:
    print("error:", e)
try:
    Shape("blob").area()
except NotImplementedError as e:
    print("abstract:", e)
print(Rectangle(2, 2) == Rectangle.square(2), Rectangle(1, 2) == Circle(1))
print(isinstance(r, Shape), issubclass(Circle, Rectangle), Rectangle.__mro__)
print([c.__name__ for c in Circle.__mro__])
print(Shape.count)
del shapes, r, s
print(gc.collect())
