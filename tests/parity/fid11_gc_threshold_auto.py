# automatic collections: allocations past the threshold trigger gen 0
import gc

collections = []


def cb(phase, info):
    if phase == "stop":
        collections.append(info["generation"])


gc.collect()
gc.set_threshold(50, 10, 10)
gc.callbacks.append(cb)


class Obj:
    pass


keep = []
for i in range(500):
    o = Obj()
    o.me = o
    if i % 100 == 0:
        keep.append(o)
del o
gc.callbacks.remove(cb)
print(len(collections) > 0, set(collections) <= {0, 1, 2}, collections.count(0) >= 5)
print(gc.collect() > 0)
gc.set_threshold(700, 10, 10)
print(gc.get_threshold(), len(keep))
