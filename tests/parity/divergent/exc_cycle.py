# DIVERGENT (docs/gc.md, "No traceback objects"): python3 prints "after f",
# then "del 1" and 5 from the collection; pymm prints "del 1" before
# "after f" and 0.  CPython's caught exception holds a traceback, which
# holds the frame that caught it; storing the exception in a local of that
# frame makes the cycle e -> traceback -> frame -> locals -> e (5 objects
# with e.args and the Res instance), which only the collector frees.
# pymm has no traceback or frame objects in the heap, so there is no cycle.
import gc
gc.collect()


class Res:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def f():
    r = Res(1)
    try:
        1 / 0
    except ZeroDivisionError as e:
        saved = e
    return None


f()
print("after f")
print(gc.collect())
