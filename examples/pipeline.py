# A small program as people write it, the way the heap sees it: a
# generator pipeline holding its frame, a context manager, a property, a
# set, and exceptions that are objects of the built-in hierarchy.
import gc


class Reading:
    __slots__ = ("sensor", "value")

    def __init__(self, sensor, value):
        self.sensor = sensor
        self.value = value


class Meter:
    def __init__(self):
        self._total = 0

    @property
    def total(self):
        return self._total

    def __enter__(self):
        print("meter on")
        return self

    def __exit__(self, exc_type, exc, tb):
        print("meter off:", exc_type.__name__ if exc_type else "clean")
        return exc_type is not None and issubclass(exc_type, ValueError)


class BadReading(ValueError):
    pass


def readings(raw):
    for i, v in enumerate(raw):
        if v < 0:
            raise BadReading(f"reading {i} is negative: {v}")
        yield Reading(f"s{i % 3}", v)


def scaled(items, factor):
    for r in items:
        yield r.value * factor


gc.collect()
raw = [3, 1, 4, 1, 5, 9, 2, 6]
pipe = scaled(readings(raw), 10)
print("a generator is a heap object:", gc.is_tracked(pipe), next(pipe), next(pipe))
with Meter() as m:
    for v in pipe:
        m._total += v
print("total", m.total, "distinct", sorted({v % 4 for v in raw}))
with Meter() as m:
    for v in scaled(readings([2, -7, 3]), 1):
        m._total += v
print("after the bad reading:", m.total)
try:
    list(readings([1, -1]))
except ValueError as e:
    print(type(e).__name__, e.args, isinstance(e, BadReading))
del pipe, m
print("unreachable:", gc.collect())
