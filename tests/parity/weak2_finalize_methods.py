# weakref.finalize with a builtin method as the function (a log's append,
# a dict's setdefault, a set's add): at refcount death, in a collection,
# by hand and at exit.
import gc
import weakref

gc.collect()  # what the imports left


class Conn:
    def __init__(self, name):
        self.name = name


log = []
pool = {}
closed = set()

a = Conn("a")
fa = weakref.finalize(a, log.append, "a closed")
fb = weakref.finalize(a, pool.setdefault, "a", "released")
fc = weakref.finalize(a, print, "a", "gone", sep="-")
print(fa.alive, fb.alive, fc.alive, log, pool)
del a
print(fa.alive, fb.alive, fc.alive, log, pool)

# a connection in a cycle: the collector runs its finalizer
b = Conn("b")
b.me = b
fd = weakref.finalize(b, closed.add, "b")
del b
print(closed, gc.collect() > 0, closed, fd.alive)

# by hand: called once, its result returned
c = Conn("c")
fe = weakref.finalize(c, log.extend, ["c1", "c2"])
print(fe(), fe(), log, fe.alive)
ff = weakref.finalize(c, log.pop)
print(ff.detach() is not None, ff.alive)
del c
print(log)

# at exit, newest first, the ones still alive whose atexit is true
keep = Conn("keep")
weakref.finalize(keep, print, "exit: first registered")
weakref.finalize(keep, log.clear)
weakref.finalize(keep, print, "exit: last registered")
quiet = weakref.finalize(keep, print, "never printed")
quiet.atexit = False
print("end of script", log)
