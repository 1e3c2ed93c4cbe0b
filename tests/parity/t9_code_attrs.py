# A code object's co_* attributes: names, argument counts, locals, cells
# and free variables (sorted), qualified name, first line.
import gc

gc.collect()

def outer(a, b=2, *args, k, **kw):
    x = 1
    y = 2

    def inner(z):
        w = z + x
        return w + y
    return inner


f = outer(1, k=3)
c = outer.__code__
print(c.co_name, c.co_argcount, c.co_kwonlyargcount, c.co_varnames, c.co_cellvars, c.co_freevars)
print(f.__code__.co_name, f.__code__.co_freevars, f.__code__.co_varnames, f.__code__.co_argcount)
print(f.__code__.co_qualname, c.co_firstlineno, c.co_filename.endswith(".py"))
