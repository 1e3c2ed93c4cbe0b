# A suspended generator's frame keeps its locals alive; close() or the
# generator's death releases them at once, as CPython's frame clear does.
import gc
import sys
gc.collect()


class Big:
    def __init__(self, n):
        self.items = [i for i in range(n)]

    def __del__(self):
        print("Big released", len(self.items))


def holder(n):
    big = Big(n)
    yield len(big.items)
    yield "never"


h = holder(1000)
print(next(h))
print("closing")
h.close()
print("closed")
h = holder(50)
print(next(h))
del h
print("deleted")
data = [i for i in range(100)]
before = sys.getrefcount(data)


def keep(lst):
    yield len(lst)
    yield 0


k = keep(data)
print(sys.getrefcount(data) - before)
next(k)
print(sys.getrefcount(data) - before)
k.close()
print(sys.getrefcount(data) - before)
unstarted = keep(data)
print(sys.getrefcount(data) - before)
del unstarted
print(sys.getrefcount(data) - before)
print(gc.collect())
