# Exceptions in cycles: through an attribute (BaseException's dict is one
# more GC object), through args, through self; a finalizer on an
# exception class; refcounts of what an exception holds.
import gc
import sys
gc.collect()


class E(Exception):
    pass


e = E("x")
e.me = e
del e
print(gc.collect())

e = ValueError("y")
holder = [e]
e.holder = holder
del e, holder
print(gc.collect())


class F(Exception):
    def __init__(self):
        self.s = self


f = F()
del f
print(gc.collect())

g = E()
setattr(g, "me", g)
del g
print(gc.collect())

items = []
err = KeyError(items)
items.append(err)
del err, items
print(gc.collect())


class Noisy(Exception):
    def __del__(self):
        print("Noisy freed", self.args)


try:
    raise Noisy(1)
except Noisy as n:
    print("handling", n)
print("after handler")
# never raised: a raised one carries a traceback object, one more object
# in the count (tb_self_cycle.py)
n = Noisy(2)
n.again = n
del n
print("kept in a cycle")
print(gc.collect())

payload = [1, 2]
before = sys.getrefcount(payload)
try:
    raise ValueError(payload)
except ValueError as e:
    print("inside", sys.getrefcount(payload) - before)
print("after", sys.getrefcount(payload) - before)
