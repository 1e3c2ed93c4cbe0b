# Properties as tutorials teach them: computed attributes, validation in
# setters, read-only properties, deleters, caching a computation, and
# the errors for missing setters.
import gc

gc.collect()


class Temperature:
    def __init__(self, celsius=0.0):
        self.celsius = celsius

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._c = value

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, f):
        self.celsius = (f - 32) * 5 / 9


t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.fahrenheit = 212
print(t.celsius)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)


class Circle:
    def __init__(self, r):
        self.r = r
        self._area = None

    @property
    def area(self):
        if self._area is None:
            print("computing")
            self._area = 3.14159 * self.r * self.r
        return self._area

    @property
    def name(self):
        return "circle"

    @name.deleter
    def name(self):
        print("cannot really delete")


c = Circle(2)
print(c.area, c.area)
try:
    c.area = 5
except AttributeError as e:
    print("AttributeError:", e)
del c.name
print(c.name, Circle.area.fget.__name__)


class Person:
    def __init__(self, first, last):
        self.first, self.last = first, last

    def _get_full(self):
        return f"{self.first} {self.last}"

    def _set_full(self, v):
        self.first, self.last = v.split(" ", 1)

    full = property(_get_full, _set_full)


p = Person("Ada", "Lovelace")
print(p.full)
p.full = "Grace Hopper"
print(p.first, p.last)
