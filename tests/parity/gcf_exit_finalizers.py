# What finalizers of the exit collection see and do: globals are still
# bound, a resurrected object lives on into the module's teardown (its
# __del__ never runs twice), and a script that re-enables the collector
# at its end still gets the early collection.
import gc

gc.collect()
gc.disable()

seen = []
saved = []


class Watch:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        seen.append(self.name)
        print("del", self.name, "seen", len(seen), "saved", len(saved))


class Phoenix:
    def __del__(self):
        print("phoenix rises", len(saved))
        saved.append(self)


class Plain:
    def __del__(self):
        print("del plain")


w = Watch("cycle")
w.me = w
del w
p = Phoenix()
p.me = p
del p
keep = Plain()
gc.enable()
print("end of script")
