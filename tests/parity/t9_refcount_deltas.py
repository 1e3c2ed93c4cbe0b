# sys.getrefcount deltas as a reader checks them: names, containers,
# attributes, function arguments, closures, dict keys and values.
import gc
import sys

gc.collect()


class Thing:
    pass


t = Thing()
base = sys.getrefcount(t)
alias = t
print(sys.getrefcount(t) - base)
box = [t, t, t]
print(sys.getrefcount(t) - base)
box.pop()
print(sys.getrefcount(t) - base)
d = {"k": t, t: "v"}
print(sys.getrefcount(t) - base)
holder = Thing()
holder.attr = t
print(sys.getrefcount(t) - base)


def peek(x):
    return sys.getrefcount(x)


print(peek(t) - sys.getrefcount(t))
tup = (t,) * 4
print(sys.getrefcount(t) - base)
del alias, box, d, holder, tup
print(sys.getrefcount(t) - base)
s = "some text that is not interned!"
sb = sys.getrefcount(s)
parts = [s] * 10
print(sys.getrefcount(s) - sb)
parts.clear()
print(sys.getrefcount(s) - sb)
lst = []
lb = sys.getrefcount(lst)
it = iter(lst)
print(sys.getrefcount(lst) - lb)
del it
print(sys.getrefcount(lst) - lb)
keys = {}
kb = sys.getrefcount(keys)
v = keys.keys()
print(sys.getrefcount(keys) - kb)
del v
m = t.__class__
print(m is Thing)
