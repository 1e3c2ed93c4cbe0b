# What the collector counts when stored exceptions hold their frames: a
# kept exception keeps each frame its traceback crossed (their locals
# too) until it goes; frames are no GC objects while they run, and
# gc.get_objects() lists a frame object only once its function returned.
import gc
import sys
gc.collect()


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


def fail(depth):
    local = Node("at %d" % depth)
    if depth == 0:
        raise RuntimeError("bottom")
    fail(depth - 1)


kept = []
for i in range(3):
    try:
        fail(2)
    except RuntimeError as e:
        kept.append(e)
frames = []
for e in kept:
    tb = e.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
del e, tb
print(len(frames), len([f for f in frames if gc.is_tracked(f)]))
objs = gc.get_objects()
print(len([f for f in frames if any(o is f for o in objs)]))
del frames, objs
print(gc.collect())
kept.clear()
print(gc.collect())


def running():
    here = sys._getframe()
    n = 0
    for o in gc.get_objects():
        if o is here:
            n += 1
    return n, gc.is_tracked(here)


print(running())
print(gc.collect())


def returned():
    return sys._getframe()


f = returned()
print(gc.is_tracked(f), len([o for o in gc.get_objects() if o is f]))
del f


def cycle_in_frame():
    a = Node("a")
    b = Node("b")
    a.other = b
    b.other = a
    try:
        raise ValueError("v")
    except ValueError as e:
        err = e
    return None


cycle_in_frame()
print(gc.collect())


def many(n):
    errs = []
    for i in range(n):
        try:
            {}[i]
        except KeyError as e:
            errs.append(e)
    return errs


held = many(10)
print(len(held), gc.collect())
del held
print(gc.collect())
