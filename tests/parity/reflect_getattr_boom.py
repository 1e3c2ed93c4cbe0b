# CPython's test_gc test_boom, test_boom2, test_boom_new, test_boom2_new:
# a __getattr__ that deletes attributes and raises AttributeError; the
# collector asking whether a class has __del__ must not call it
import gc


class Boom:
    def __getattr__(self, someattribute):
        del self.attr
        raise AttributeError


class Boom2:
    def __init__(self):
        self.x = 0

    def __getattr__(self, someattribute):
        self.x += 1
        if self.x > 1:
            del self.attr
        raise AttributeError


class Boom_New(object):
    def __getattr__(self, someattribute):
        del self.attr
        raise AttributeError


class Boom2_New(object):
    def __init__(self):
        self.x = 0

    def __getattr__(self, someattribute):
        self.x += 1
        if self.x > 1:
            del self.attr
        raise AttributeError


def boom(cls):
    a = cls()
    b = cls()
    a.attr = b
    b.attr = a
    gc.collect()
    garbagelen = len(gc.garbage)
    del a, b
    # a<->b are a trash cycle now; the collection must not call
    # __getattr__ (which would free them by refcounts under its feet)
    print(cls.__name__, "collected", gc.collect())
    print(cls.__name__, "garbage unchanged", len(gc.garbage) == garbagelen)


for cls in (Boom, Boom2, Boom_New, Boom2_New):
    boom(cls)

# the hook itself still runs for a lookup that fails
b2 = Boom2()
b2.attr = "x"
print(hasattr(b2, "missing"), b2.x, hasattr(b2, "attr"))
print(hasattr(b2, "missing"), b2.x, hasattr(b2, "attr"))
try:
    b2.missing
except AttributeError as e:
    print(type(e).__name__, b2.x)
