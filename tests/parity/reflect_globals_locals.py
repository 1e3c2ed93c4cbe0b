# globals() is the module's dict itself; locals() in a function is 3.11's
# snapshot (one dict per frame, refreshed at each call); vars() is locals()
import sys

counter = 0
g = globals()
print(type(g).__name__, g is globals(), g["counter"])
g["counter"] = 10
print(counter)
g["made_here"] = "new"
print(made_here)
print("counter" in globals(), "nope" in globals(), globals().get("nope", "dflt"))


def bump():
    globals()["counter"] += 1
    return globals() is g


print(bump(), counter)


def register(name, value):
    globals()[name] = value


register("late_name", [1, 2])
print(late_name, sys.getrefcount(late_name))


def f(a, b=2):
    c = a + b
    d = locals()
    print(d)
    e = locals()
    print(d is e, "e" in d, sys.getrefcount(d))
    d["c"] = 100
    print(c)
    del c
    print(locals())
    return d


r = f(1)
print(r, sys.getrefcount(r))
print(locals() is globals(), vars() is globals())


class K:
    x = 1
    y = vars()["x"] + 1
    z = "x" in locals()
print(K.y, K.z)


def outer():
    v = 1

    def inner():
        return v
    names = sorted(locals())
    print(names)
    return inner


print(outer()())


class P:
    def __init__(self):
        self.a = 1


print(vars(P()))


def fmt(template, **kw):
    who = "world"
    return template.format(**locals())


print(fmt("{who} {template!r} {kw}", n=1))
