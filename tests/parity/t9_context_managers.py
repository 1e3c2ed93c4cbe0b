# Context managers as tutorials write them: a timer-like tracker, a resource
# that is released on error, suppression, nesting and re-entry.
import gc

gc.collect()


class Tracker:
    depth = 0

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        Tracker.depth += 1
        print("  " * Tracker.depth + f"enter {self.name}")
        return self

    def __exit__(self, exc_type, exc, tb):
        print("  " * Tracker.depth + f"exit {self.name} {exc_type.__name__ if exc_type else None}")
        Tracker.depth -= 1
        return False


with Tracker("outer") as t:
    with Tracker("inner"):
        print("body", t.name)

try:
    with Tracker("failing"):
        raise ValueError("boom")
except ValueError as e:
    print("caught", e)


class Suppress:
    def __init__(self, *kinds):
        self.kinds = kinds

    def __enter__(self):
        return None

    def __exit__(self, et, ev, tb):
        return et is not None and issubclass(et, self.kinds)


with Suppress(KeyError, IndexError):
    {}["missing"]
print("after suppress")
with Suppress(KeyError):
    pass
try:
    with Suppress(KeyError):
        1 / 0
except ZeroDivisionError:
    print("not suppressed")


class Resource:
    open_count = 0

    def __init__(self, name):
        self.name = name
        self.closed = False

    def __enter__(self):
        Resource.open_count += 1
        return self

    def __exit__(self, et, ev, tb):
        self.closed = True
        Resource.open_count -= 1

    def __del__(self):
        print("del", self.name, self.closed)


def use(name, fail):
    with Resource(name) as r:
        if fail:
            raise RuntimeError(name)
        return r.name.upper()


print(use("a", False))
try:
    use("b", True)
except RuntimeError as e:
    print("error", e, Resource.open_count)
for i in range(3):
    with Resource(f"loop{i}") as r:
        if i == 1:
            continue
        print("using", r.name)
print("end", Resource.open_count)
