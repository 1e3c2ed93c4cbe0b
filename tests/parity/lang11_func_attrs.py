# Function attributes: the call-counting decorator of every tutorial,
# f.__dict__ made on first use, vars(f), and a function that holds itself
# in its own attribute -- a cycle the collector frees.
import gc
import sys


def counted(fn):
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return fn(*args, **kwargs)
    wrapper.calls = 0
    return wrapper


@counted
def add(a, b):
    return a + b


print(add(1, 2), add(3, 4), add.calls)
print(add.__dict__, vars(add), add.__dict__ is vars(add))


def plain():
    return 1


print(sys.getrefcount(plain))
d = plain.__dict__
print(d, len(d), sys.getrefcount(d), plain.__dict__ is d)
plain.tag = "x"
print(d, plain.tag, "tag" in dir(plain), hasattr(plain, "tag"))
d["other"] = 5
print(plain.other, sorted(vars(plain)))
del plain.tag
print(plain.__dict__, gc.is_tracked(d))
del d


def memo(n):
    if n in memo.cache:
        return memo.cache[n]
    memo.cache[n] = r = n if n < 2 else memo(n - 1) + memo(n - 2)
    return r


memo.cache = {}
print(memo(20), len(memo.cache))

gc.collect()


def make():
    def f():
        return f.me
    f.me = f
    return f


g = make()
print(g() is g, sys.getrefcount(g))
del g
print(gc.collect())

h = make()
h.__dict__["payload"] = [1, 2, 3]
del h
print(gc.collect())

lam = lambda: 0
lam.name = "anon"
print(vars(lam), lam.__name__)

# replacing the dict, as functools.update_wrapper's callers sometimes do
def target():
    pass


target.__dict__ = {"a": 1}
print(target.a, target.__dict__)
shared = {"b": 2}
target.__dict__ = shared
print(target.__dict__ is shared, target.b, sys.getrefcount(shared), hasattr(target, "a"))
for bad in [5, None, [("a", 1)]]:
    try:
        target.__dict__ = bad
    except TypeError as e:
        print(e)
try:
    del target.__dict__
except TypeError as e:
    print(e)
for how in [lambda: delattr(target, "__dict__"), lambda: setattr(target, "__dict__", 1)]:
    try:
        how()
    except TypeError as e:
        print(e)
setattr(target, "__dict__", {"c": 3})
print(vars(target))
target.__dict__ = shared
print(target.__dict__ is shared)
