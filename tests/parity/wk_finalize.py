# weakref.finalize: called once when the object dies (refcount or
# collector), by hand, or at exit (newest first, atexit true only)
import gc
import weakref
gc.collect()


class Res:
    def __init__(self, name):
        self.name = name


def closed(name, how="normally"):
    print("closed", name, how)
    return name.upper()


r = Res("a")
f = weakref.finalize(r, closed, "a", how="by refcount")
print(type(f).__name__, f.alive, f.atexit)
del r
print(f.alive, f(), f.peek(), f.detach())

# by hand: runs once, returns the function's result
r = Res("b")
f = weakref.finalize(r, closed, "b")
print(f(), f.alive, f())
del r
print("b gone")

# peek and detach
r = Res("c")
f = weakref.finalize(r, closed, "c")
obj, func, args, kwargs = f.peek()
print(obj is r, func is closed, args, kwargs, f.alive)
obj, func, args, kwargs = f.detach()
print(obj is r, args, f.alive, f.detach())
del obj
del r
print("c gone, nothing called")

# in a cycle: the collector clears the weakref, the callback runs
r = Res("d")
r.me = r
f = weakref.finalize(r, closed, "d", how="by the collector")
del r
print(gc.collect(), f.alive)

# a builtin function
r = Res("e")
f = weakref.finalize(r, print, "printed", "e")
del r

# left for the exit: newest first, atexit=False ones not called
keep = [Res(n) for n in "xyz"]
fs = [weakref.finalize(k, closed, k.name, how="at exit") for k in keep]
fs[1].atexit = False
print([x.alive for x in fs], [x.atexit for x in fs])
print("end")
