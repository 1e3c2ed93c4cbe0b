# PEP 442: a finalizer that resurrects its object; the object survives the
# collection, and its __del__ never runs a second time.
import gc

saved = []


class Phoenix:
    def __del__(self):
        print("Phoenix.__del__", self.n, "saved", len(saved))
        saved.append(self)


p = Phoenix()
p.n = 1
p.me = p
del p
print("collect 1:", gc.collect())
print("saved", len(saved), saved[0].n, gc.is_finalized(saved[0]))
saved[0].n = 2
saved.pop()
print("collect 2:", gc.collect())
print("saved", len(saved))

q = Phoenix()
q.n = 3
del q
print("after refcount death", len(saved), saved[0].n)
r = saved.pop()
del r
print("gone without a second __del__", len(saved))

keeper = None


class Lazarus:
    def __del__(self):
        global keeper
        print("Lazarus", self.tag)
        keeper = self


x = Lazarus()
x.tag = "first"
del x
print("keeper", keeper.tag)
keeper = None
print("second death ran nothing")
print(gc.collect())
