# Imports: a module CPython 3.11 lacks too is a ModuleNotFoundError with
# 3.11's message, whatever the form of the import statement.
import gc
from gc import collect as c, isenabled as on
from sys import getrefcount as refs, getsizeof


try:
    import no_such_module
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
try:
    import no_such_module as m
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
try:
    import no_such_pkg.sub
except ImportError as e:
    print(type(e).__name__, e, isinstance(e, ImportError))
try:
    import no_such_pkg.sub.deeper as d
except ModuleNotFoundError as e:
    print(e)
try:
    from no_such_module import x
except ModuleNotFoundError as e:
    print(e)
try:
    from no_such_pkg.sub import x, y
except ModuleNotFoundError as e:
    print(e)
try:
    import gc.sub
except ModuleNotFoundError as e:
    print(e)
try:
    import sys.x as q
except ModuleNotFoundError as e:
    print(e)
try:
    from weakref.sub import ref
except ModuleNotFoundError as e:
    print(e)
try:
    import functools.sub
except ModuleNotFoundError as e:
    print(e)
try:
    from itertools.x import y
except ModuleNotFoundError as e:
    print(e)
try:
    import gc, no_such_module
except ModuleNotFoundError as e:
    print("gc imported first:", gc.isenabled(), e)


def inner():
    try:
        import no_such_module_either
    except ImportError as e:
        return str(e)


print(inner())

# `from ... import ... as` binds the new name to what the module has
print(c() >= 0, on())
x = []
print(refs(x), getsizeof(()) > 0)
from gc import garbage as g
print(g, g is gc.garbage)
c = 5
print(c)
