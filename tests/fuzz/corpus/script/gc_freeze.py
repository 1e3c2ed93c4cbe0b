# gc.freeze() moves everything tracked to a permanent generation that
# collections skip; gc.unfreeze() gives it back.
import gc

gc.disable()
gc.collect()
l = []
l.append(l)
del l
gc.freeze()
print(gc.get_freeze_count() > 0)
print(gc.collect())            # the frozen cycle is not looked at
gc.unfreeze()
print(gc.get_freeze_count())
print(gc.collect())            # now it is found

class Loud:
    def __del__(self):
        print("Loud finalized")

x = Loud()
x.me = x
del x
gc.freeze()
print(gc.collect())
print("still frozen")
gc.unfreeze()
print(gc.collect() > 0)
print("end")
