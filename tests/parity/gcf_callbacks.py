# gc.callbacks: one list in the heap; each callback is called with
# ("start", info) before and ("stop", info) after every collection,
# explicit or automatic, info holding generation, collected and
# uncollectable (CPython 3.11's gc_collect_with_callback).  A callback
# that raises is reported as unraisable (stderr) and the others still run.
# At exit the collector's collection calls them too; the teardown's does not.
import gc
import sys

gc.collect()
log = []


def cb(phase, info):
    log.append((phase, info["generation"]))
    print("cb", phase, sorted(info), info["generation"], info["collected"],
          info["uncollectable"])


cbs = gc.callbacks
print(isinstance(cbs, list), cbs is gc.callbacks, len(cbs), sys.getrefcount(gc.callbacks))
del cbs
gc.callbacks.append(cb)
print(cb in gc.callbacks, sys.getrefcount(cb))

# explicit collections, every generation
a = []
a.append(a)
del a
print(gc.collect())
print(gc.collect(0))
print(gc.collect(1))


# a callback that raises: the next one is still called
def bad(phase, info):
    raise ValueError(phase)


def after(phase, info):
    print("after", phase)


gc.callbacks.append(bad)
gc.callbacks.append(after)
print(gc.collect(2))
gc.callbacks.remove(bad)
gc.callbacks.remove(after)
print(len(gc.callbacks))


# a collection asked for inside a callback: 0, no callbacks (CPython's
# collecting flag is set around them)
def nested(phase, info):
    print("nested", phase, gc.collect())


gc.callbacks.append(nested)
print(gc.collect(1))
gc.callbacks.remove(nested)


# a callback sees what the collection found, and can look at gc.garbage
class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def saw(phase, info):
    if phase == "stop":
        print("saw", info["collected"], len(gc.garbage))


gc.callbacks.append(saw)
n = Node("n")
n.me = n
del n
print(gc.collect())
gc.callbacks.remove(saw)

# automatic collections call them too (not printed one by one: when they
# run depends on allocations the two interpreters make differently)
gc.callbacks.clear()


def quiet(phase, info):
    log.append((phase, info["generation"]))


gc.callbacks.append(quiet)
del log[:]
x = None
for i in range(3000):
    x = [x]
del x
print("automatic", len(log) > 0, len(log) % 2, log[0][0], log[1][0])
print("generations", all(g in (0, 1, 2) for p, g in log), log[0][1] == log[1][1])
gc.callbacks.clear()
del log[:]
print(gc.collect(), len(log))


# the exit collection calls what is registered then
def at_exit(phase, info):
    print("exit", phase, info["generation"])


gc.callbacks.append(at_exit)
print("end")
