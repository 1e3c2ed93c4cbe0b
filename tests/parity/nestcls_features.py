# Function-made classes with the language around classes: __slots__, a
# property with a setter, __call__, a generator __iter__, a context
# manager that swallows, an exception class with super().__init__.
import gc, sys
def build():
    class Slotted:
        __slots__ = ("x", "y")
        def __init__(self, x, y):
            self.x, self.y = x, y
    class Temp:
        def __init__(self):
            self._c = 0
        @property
        def celsius(self):
            return self._c
        @celsius.setter
        def celsius(self, v):
            if v < -273:
                raise ValueError("too cold")
            self._c = v
    class Adder:
        def __init__(self, n): self.n = n
        def __call__(self, x): return x + self.n
    class Countdown:
        def __init__(self, n): self.n = n
        def __iter__(self):
            while self.n > 0:
                yield self.n
                self.n -= 1
    class Ctx:
        log = []
        def __enter__(self):
            Ctx.log.append("enter")
            return self
        def __exit__(self, *a):
            Ctx.log.append("exit %s" % (a[0].__name__ if a[0] else None))
            return True
    class AppError(Exception):
        def __init__(self, code):
            super().__init__("code %d" % code)
            self.code = code
    return Slotted, Temp, Adder, Countdown, Ctx, AppError
Slotted, Temp, Adder, Countdown, Ctx, AppError = build()
s = Slotted(1, 2)
print(s.x, s.y, hasattr(s, "__dict__"))
t = Temp(); t.celsius = 20
print(t.celsius)
try:
    t.celsius = -300
except ValueError as e:
    print(e)
print(Adder(5)(10), list(Countdown(3)))
with Ctx():
    raise KeyError("k")
print(Ctx.log)
try:
    raise AppError(7)
except AppError as e:
    print(e, e.code, e.args, type(e).__qualname__)
del Slotted, Temp, Adder, Countdown, Ctx, s, t
print(gc.collect())
