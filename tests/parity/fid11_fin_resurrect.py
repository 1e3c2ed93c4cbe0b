# test_finalization: a __del__ that resurrects its object runs only once
import gc

survivors = []


class Phoenix:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("__del__", self.name)
        survivors.append(self)


p = Phoenix("p")
del p
print(len(survivors), survivors[0].name)
survivors.clear()
print("cleared again: no second __del__")
q = Phoenix("q")
q.me = q
del q
print("collect:", gc.collect())
print([s.name for s in survivors])
survivors[0].me = None
survivors.clear()
print("collect:", gc.collect())
print("end")
