# A weak reference to an object the trashcan deposited: its count is 0
# while it waits, so calling the reference gives None (3.11's
# PyWeakref_GET_OBJECT) and two references to it compare by identity, in a
# __del__ that runs before the chain is destroyed (depths 46-49); deeper,
# the list holding it is what waits, and it is alive there.  (main ran the
# __del__ after the chain: dead at every depth; keeping the deposits for
# the client's finalizers first handed the waiting object out, a crash.)
import gc
import weakref

gc.collect()


class D:
    pass


class T:
    def __init__(self, depth):
        self.depth = depth

    def __del__(self):
        r = wr()
        print(self.depth, "tag sees", r is None, wr == wr2, r is wr())


for depth in range(46, 53):
    d = D()
    wr = weakref.ref(d)
    wr2 = weakref.ref(d, lambda ref: None)
    x = d
    for i in range(depth):
        x = [x]
    d = None
    top = [T(depth), x]
    x = None
    del top
    print(depth, "after", wr() is None, wr == wr2)
