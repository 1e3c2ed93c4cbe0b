# Generators and frame objects: an exception raised in a generator's body
# carries a traceback entry for the generator's frame; kept, it keeps the
# frame (and its locals) after the generator is gone; sys._getframe() in
# a generator body names the generator's frame, whose f_back is the frame
# that resumed it.
import gc
import sys
gc.collect()


class Tag:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del tag", self.n)


def gen():
    t = Tag(1)
    yield 1
    raise KeyError("in gen")


def walk(tb):
    n = 0
    while tb is not None:
        n += 1
        tb = tb.tb_next
    return n


g = gen()
next(g)
try:
    next(g)
except KeyError as e:
    kept = e
print(walk(kept.__traceback__))
del g
print("gen gone")
del kept
print("exception gone")
print(gc.collect())


def who():
    yield sys._getframe().f_back.f_code.co_name


def resumer():
    return next(who())


print(resumer())


def gen2():
    t = Tag(2)
    try:
        yield 1
    finally:
        print("finally")


g = gen2()
next(g)
del g
print(gc.collect())
