# At exit, with the collector enabled, CPython 3.11 collects once before
# __main__ is torn down (Py_FinalizeEx's _PyGC_CollectIfEnabled): cycles
# left by the script die first, while every global is still there (their
# finalizers read one), then the globals go with the module.
import gc

gc.collect()


class Cyc:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append(self.name)
        print("del", self.name, "log", len(log), first.name)


class Res:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


log = []
first = Res("first-global")
c = Cyc("cycle")
c.me = c
del c
a = Cyc("pair-a")
b = Cyc("pair-b")
a.other = b
b.other = a
del a, b
second = Res("second-global")
_hidden = Res("_hidden")
held = [Res("in-list"), Res("in-list-2")]
d = {"k": Res("in-dict")}
ring = [Res("ring")]
ring.append(ring)
print("end of script", gc.isenabled())
