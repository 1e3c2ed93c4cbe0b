# Cycles reachable from a global or from a live frame are kept; they are
# collected once the name is deleted or the frame has returned.
import gc
gc.disable()
gc.collect()

g = []
g.append(g)
print("global kept", gc.collect())


def f():
    loc = []
    loc.append(loc)
    return gc.collect()


print("in frame", f())
print("after return", gc.collect())


def nested(n):
    x = [n]
    x.append(x)
    if n > 0:
        r = nested(n - 1)
    else:
        r = gc.collect()
    return r


print("six live frames", nested(5))
print("after returns", gc.collect())


def make_cycle():
    a = {}
    b = {}
    a["b"] = b
    b["a"] = a
    return a


keep = make_cycle()
print("returned cycle kept", gc.collect())
print(len(keep), len(keep["b"]))
del keep
print("returned cycle freed", gc.collect())

del g
print("global deleted", gc.collect())
