# parity: compare stderr
# An exception raised by __del__, a weakref callback or a generator's
# close() is printed as "Exception ignored in: <repr>" with the traceback
# of the frames it left, and the program goes on.
import gc
import weakref


class Resource:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("closing", self.name)
        raise ValueError("cannot close " + self.name)


def checked_div(x):
    return 1 / x


class Deep:
    def __del__(self):
        checked_div(0)


r = Resource("a")
del r
print("after a")
d = Deep()
del d
print("after deep")
# the unraisable hook's garbage differs between 3.11.2 and 3.11.7: not counted
gc.collect()

x = Resource("b")
y = Resource("c")
x.peer = y
y.peer = x
del x, y
print("collected", gc.collect())


class Target:
    pass


def on_dead(ref):
    print("callback for", type(ref).__name__)
    raise KeyError("gone")


t = Target()
w = weakref.ref(t, on_dead)
del t
print("after callback")


def reader():
    try:
        yield 1
        yield 2
    finally:
        raise RuntimeError("cleanup failed")


g = reader()
print(next(g))
del g
print("end")
