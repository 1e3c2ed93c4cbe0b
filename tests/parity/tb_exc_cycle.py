# CPython's classic cycle: a caught exception holds a traceback, which holds
# the frame that caught it; storing the exception in a local of that frame
# makes e -> traceback -> frame -> locals -> e (5 objects with e.args and the
# Res instance), which only the collector frees: "after f" comes before
# "del 1", and gc.collect() finds 5.
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
