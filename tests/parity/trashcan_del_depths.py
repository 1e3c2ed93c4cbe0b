# __del__ at the bottom and in the middle of nests of lists, tuples, dicts
# and instances 49, 50, 51, 120 and 200 deep: the trashcan (50 levels)
# decides when each finalizer runs.  One finalizer per level at most: this
# order was already right before finalizers carried their level (a guard
# for the deposits waiting with the client; trashcan_del_chain.py and
# trashcan_del_resurrect.py are the ones the old code failed).
import gc

gc.collect()


class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


class Box:
    pass


def nest(kind, depth, name):
    x = D(name + "-bottom")
    for i in range(depth):
        if i == depth // 2:
            mid = D(name + "-mid")
        else:
            mid = None
        if kind == "list":
            x = [x, mid] if mid else [x]
        elif kind == "tuple":
            x = (x, mid) if mid else (x,)
        elif kind == "dict":
            x = {"a": x, "m": mid} if mid else {"a": x}
        else:
            b = Box()
            b.a = x
            if mid:
                b.m = mid
            x = b
    return x


for kind in ("list", "tuple", "dict", "inst"):
    for depth in (49, 50, 51, 120, 200):
        top = [nest(kind, depth, "%s%d" % (kind, depth)), D("%s%d-top" % (kind, depth))]
        print("free", kind, depth)
        del top
print("end")
