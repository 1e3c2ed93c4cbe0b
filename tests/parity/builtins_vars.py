# vars(obj): the instance or class __dict__ itself; TypeError without one
import gc, sys
gc.collect()
class C:
    k = 1
    def __init__(self):
        self.a = 1
        self.b = [2]
c = C()
d = vars(c)
print(sorted(d.items()), d is c.__dict__, vars(c) is vars(c))
d["z"] = 3
print(c.z, sys.getrefcount(d))
print(sorted(k for k in vars(C) if not k.startswith("__")))
class S:
    __slots__ = ("x",)
for bad in [S(), 5, "s"]:
    try:
        vars(bad)
    except TypeError as e:
        print("TypeError", e)
del c, d
print(gc.collect())
