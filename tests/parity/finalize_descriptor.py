# weakref.finalize with an unbound builtin method (a method_descriptor) as its func
import weakref
class C:
    pass
c = C()
l = []
f = weakref.finalize(c, list.append, l, 1)
print(f.alive)
del c
print(l, f.alive)
