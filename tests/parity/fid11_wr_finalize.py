# weakref.finalize: callbacks when an object dies, at most once, atexit
import weakref
import gc


class TempDir:
    def __init__(self, name):
        self.name = name
        self._finalizer = weakref.finalize(self, print, "removing", name)

    def remove(self):
        self._finalizer()

    @property
    def removed(self):
        return not self._finalizer.alive


t = TempDir("/tmp/a")
print(t.removed)
t.remove()
print(t.removed)
t.remove()
u = TempDir("/tmp/b")
del u
print("after del u")


class Node:
    pass


n = Node()
n.self = n
f = weakref.finalize(n, lambda: print("cycle finalized"))
del n
print(f.alive)
gc.collect()
print(f.alive)
v = Node()
f2 = weakref.finalize(v, print, "never called")
print(f2.detach()[1:] if f2.detach() is None else "detached")
keep = Node()
weakref.finalize(keep, print, "at exit")
print("end of script")
