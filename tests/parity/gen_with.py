# The with statement: __enter__/__exit__ looked up on the class, the as
# target, nested managers, __exit__ on return/break, a true __exit__
# suppressing the exception, the manager held by the bound __exit__.
import gc
import sys
gc.collect()


class Tracked:
    live = 0

    def __init__(self, name):
        self.name = name
        Tracked.live += 1

    def __del__(self):
        Tracked.live -= 1


class Resource:
    def __init__(self, name):
        self.name = name
        self.log = []

    def __enter__(self):
        print("enter", self.name, Tracked.live)
        self.obj = Tracked(self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name)
        del self.obj
        return False


class Suppress:
    def __enter__(self):
        return "value"

    def __exit__(self, a, b, c):
        return True


with Resource("r1") as r:
    print("body", r.name, Tracked.live)
print("after", Tracked.live)
with Resource("a") as a, Resource("b") as b:
    print("both", a.name, b.name, Tracked.live)
print("after", Tracked.live)
with Suppress() as v:
    print(v)
    raise KeyError("hidden")
print("suppressed")


def f():
    with Resource("inf"):
        return "returned"


print(f(), Tracked.live)
for i in range(3):
    with Resource("loop%d" % i):
        if i == 1:
            break
print(Tracked.live)
try:
    with 5:
        pass
except TypeError as e:
    print(e)


class NoExit:
    def __enter__(self):
        return self


try:
    with NoExit():
        pass
except TypeError as e:
    print(e)
print(gc.collect())
m = Resource("rc")
before = sys.getrefcount(m)
with m as same:
    print(sys.getrefcount(m) - before, same is m)
print(sys.getrefcount(m) - before)
with Resource("plain"):
    print("no target")
