# An exception caught in a cycle of its own (e.again = e) is collected with
# its traceback (and, in a function, the frame the traceback holds); so is
# sys.exc_info() kept in a local of the handler's frame.
import gc
import sys
gc.collect()

try:
    raise ValueError("x")
except ValueError as e:
    e.again = e
print(gc.collect())


def f():
    try:
        raise KeyError("k")
    except KeyError as e:
        e.again = e


f()
print(gc.collect())


def g():
    try:
        1 / 0
    except ZeroDivisionError:
        info = sys.exc_info()
    return info[0].__name__


print(g())
print(gc.collect())
