# A function's frame is no GC object in 3.11: gc.get_objects() does not
# list it, and holding get_objects()'s result in a local makes no cycle.
import gc
gc.disable()
gc.collect()


def hold():
    objs = gc.get_objects()
    return len(objs) > 0


print(hold())
print("after hold", gc.collect())


def hold_twice():
    a = gc.get_objects()
    b = gc.get_objects()
    return len(b) - len(a)


print(hold_twice())
print("after twice", gc.collect())


def referrers():
    x = []
    return len(gc.get_referrers(x))


print("referrers of a local", referrers())


def count_new():
    before = len(gc.get_objects())
    x = []
    y = {}
    z = [x, y]
    return len(gc.get_objects()) - before


print("new objects", count_new())


def nested(n):
    if n == 0:
        return len(gc.get_objects())
    return nested(n - 1)


base = nested(0)
print("deeper frames add nothing", nested(10) - base)
