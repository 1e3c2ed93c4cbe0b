# An exception leaving a with body reaches __exit__ as (type, value, tb):
# the class, the exception object and its traceback (tb_with_exit.py); a true
# result suppresses it, a false one lets it go on; an exception raised in
# __exit__ replaces it; the object dies when nothing holds it.
import gc
import sys

gc.collect()


class Resource:
    live = 0

    def __init__(self, name, swallow=()):
        self.name = name
        self.swallow = swallow

    def __enter__(self):
        Resource.live += 1
        print("open", self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        Resource.live -= 1
        print("close", self.name, exc_type.__name__ if exc_type else None,
              repr(exc), isinstance(exc, Exception) if exc else None)
        return exc_type in self.swallow


class Fails:
    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        raise RuntimeError("exit failed: " + str(v))


with Resource("a") as r:
    print("using", r.name, Resource.live)
with Resource("b", (KeyError,)):
    raise KeyError("k")
print("after", Resource.live)
try:
    with Resource("c", (KeyError,)):
        raise ValueError("v")
except ValueError as e:
    print("caught", e, type(e).__name__)
try:
    with Fails():
        raise ValueError("inner")
except RuntimeError as e:
    print("replaced:", e)
held = []


class Keeps:
    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        held.append(v)
        return True


with Keeps():
    raise IndexError("kept")
print(held, sys.getrefcount(held[0]))
with Resource("d") as outer, Resource("e", (ZeroDivisionError,)):
    1 / 0
print("end", Resource.live)
