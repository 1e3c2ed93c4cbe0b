# A finalizer whose own work kills more objects with finalizers: they run
# inside it, in CPython's order; gc.collect() inside a finalizer returns 0
# (the collector is not reentrant).
import gc


class Loud:
    def __del__(self):
        print("enter", self.name)
        self.child = None
        print("leave", self.name)


outer = Loud()
outer.name = "outer"
outer.child = Loud()
outer.child.name = "inner"
outer.child.child = None
del outer
print("after outer")


class Collector:
    def __del__(self):
        print("nested collect returns", gc.collect())


gc.disable()
k = Collector()
k.me = k
j = Collector()
j.me = j
del k, j
print("outer collect", gc.collect())

holder = [Loud(), Loud()]
holder[0].name = "first"
holder[1].name = "second"
holder[0].child = None
holder[1].child = None
holder = None
print("list cleared")
gc.enable()
