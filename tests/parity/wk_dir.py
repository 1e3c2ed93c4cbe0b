# dir() without an argument: the sorted names of the module (with the
# entries __main__ always has and the imports) and of a function (its
# locals, cells included)
import gc, sys
from weakref import ref
gc.collect()
x = 1
def f(a, b=2):
    c = 3
    def g():
        return c
    print(dir())
    return g
class K:
    pass
print(dir())
f(1)
del x
print(dir())
import weakref
print(dir())
print(type(dir()).__name__, len(dir()) == len(set(dir())))
