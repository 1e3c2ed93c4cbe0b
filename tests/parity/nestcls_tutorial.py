# Tutorial-style programs that define classes inside functions: a factory
# returning instances of a local class, an enum-like namespace, a state
# machine, a test-case style helper, and a cache that dies with its owner.
import gc


def make_stack():
    class Stack:
        def __init__(self):
            self._items = []

        def push(self, item):
            self._items.append(item)
            return self

        def pop(self):
            if not self._items:
                raise IndexError("pop from empty stack")
            return self._items.pop()

        def __len__(self):
            return len(self._items)

        def __repr__(self):
            return "Stack(%r)" % self._items

    return Stack()


s = make_stack().push(1).push(2).push(3)
print(s, len(s), s.pop(), s)
t = make_stack()
print(type(s) is type(t), type(s).__qualname__)
try:
    t.pop()
except IndexError as e:
    print("IndexError:", e)


def shapes(unit):
    class Shape:
        def area(self):
            raise NotImplementedError

        def __lt__(self, other):
            return self.area() < other.area()

        def __str__(self):
            return "%s of area %g %s^2" % (type(self).__name__, self.area(), unit)

    class Rect(Shape):
        def __init__(self, w, h):
            self.w, self.h = w, h

        def area(self):
            return self.w * self.h

    class Square(Rect):
        def __init__(self, side):
            super().__init__(side, side)

    return Rect, Square


Rect, Square = shapes("cm")
items = [Rect(2, 5), Square(3), Rect(1, 1)]
for shape in sorted(items):
    print(shape)
print(issubclass(Square, Rect), Square.__mro__[2].__qualname__)


def enum(*names):
    class Enum:
        pass
    for i, name in enumerate(names):
        setattr(Enum, name, i)
    Enum.names = names
    return Enum


Color = enum("RED", "GREEN", "BLUE")
print(Color.RED, Color.BLUE, Color.names)


def traffic_light():
    class State:
        def __init__(self, name, wait):
            self.name = name
            self.wait = wait

        def __repr__(self):
            return "<%s %ds>" % (self.name, self.wait)

    red, green, yellow = State("red", 30), State("green", 25), State("yellow", 5)
    red.next, green.next, yellow.next = green, yellow, red
    return red


state = traffic_light()
seen = []
for _ in range(5):
    seen.append(repr(state))
    state = state.next
print(" -> ".join(seen))
del state
print("states collected", gc.collect())


def check(name, cases):
    class Result:
        passed = 0
        failed = []

    for arg, want in cases:
        got = len(arg)
        if got == want:
            Result.passed += 1
        else:
            Result.failed.append((arg, got, want))
    print("%s: %d passed, failed %r" % (name, Result.passed, Result.failed))
    return Result


r1 = check("len", [("ab", 2), ([], 0), ("x", 2)])
r2 = check("len again", [("", 0)])
print(r1 is r2, r1.passed, r2.passed)
del r1, r2
print("results collected", gc.collect())


class Library:
    def __init__(self):
        class Book:
            count = 0

            def __init__(book, title):
                book.title = title
                Book.count += 1
                book.library = self
        self.Book = Book
        self.books = []

    def add(self, title):
        book = self.Book(title)
        self.books.append(book)
        return book


lib = Library()
lib.add("Dune")
lib.add("Emma")
print([b.title for b in lib.books], lib.Book.count, lib.Book.__qualname__)
del lib
print("library collected", gc.collect())
