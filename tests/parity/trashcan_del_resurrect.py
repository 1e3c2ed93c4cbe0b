# Finalizers deep in a nest that resurrect their object (kept in a global
# list) or drop more of the nest themselves: resurrected objects survive,
# once finalized they are not finalized again.
import gc

gc.collect()
saved = []


class R:
    def __init__(self, i, keep):
        self.i = i
        self.keep = keep

    def __del__(self):
        print("del", self.i, self.keep)
        if self.keep:
            saved.append(self)


class Drop:
    def __init__(self, i, child):
        self.i = i
        self.child = child

    def __del__(self):
        print("drop", self.i)
        self.child = None
        print("dropped", self.i)


for depth in (49, 50, 51, 120, 200):
    x = R(depth, True)
    for i in range(depth):
        if i % 40 == 39:
            x = [x, R(i, i % 80 == 39)]
        elif i % 25 == 24:
            x = Drop(i, [x])
        else:
            x = [x]
    print("free", depth)
    del x
    print("saved", len(saved), [r.i for r in saved])
    del saved[:]
    print("again", depth)
print("collected", gc.collect())
print("end")
