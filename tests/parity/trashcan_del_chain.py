# A chain of instances with __del__, each holding the next in a list, a
# tuple or a dict, 49 to 200 deep, with tags along the way: the order of
# the finalizers as CPython's trashcan defers and resumes them.
import gc

gc.collect()


class N:
    def __init__(self, i):
        self.i = i

    def __del__(self):
        if self.i % 10 == 0 or self.i < 3:
            print("n", self.i)


class T:
    def __init__(self, i):
        self.i = i

    def __del__(self):
        print("t", self.i)


def chain(depth, wrap):
    head = N(0)
    for i in range(1, depth):
        n = N(i)
        if wrap == 0:
            n.next = [head]
        elif wrap == 1:
            n.next = (head, T(i)) if i % 17 == 0 else (head,)
        else:
            n.next = {"n": head}
            if i % 23 == 0:
                n.t = T(i)
        head = n
    return head


for depth in (49, 50, 51, 120, 200):
    for wrap in range(3):
        h = chain(depth, wrap)
        print("chain", depth, wrap)
        del h
print("end")
