# Errors through stored builtins are the direct calls' errors; attributes
# builtin functions lack are AttributeErrors.
import weakref

def attempt(f, *args):
    try:
        print(f(*args))
    except Exception as e:
        print(type(e).__name__ + ":", e)

g = len
attempt(g, 5)
attempt(g, [1], [2])
attempt(g)
up = str.upper
attempt(up)
attempt(up, 5)
attempt(up, "a", "b")
app = [].append
attempt(app)
attempt(app, 1, 2)
attempt(dict.get, [], 1)
attempt(int, "x")
attempt(abs, "x")
attempt(sorted, [1, "a"])
attempt(max, [])
idx = [1, 2].index
attempt(idx, 9)
attempt(str.join, ",", [1])
for name in ("nothing", "__objclass__"):
    try:
        getattr(len, name)
    except AttributeError as e:
        print("AttributeError:", e)
for name in ("__module__", "nothing"):
    try:
        getattr(str.upper, name)
    except AttributeError as e:
        print("AttributeError:", e)
try:
    "a".upper.nothing
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(len, "__name__"), hasattr(len, "nope"), getattr(len, "nope", 0))
try:
    len < abs
except TypeError as e:
    print("TypeError:", e)
try:
    weakref.ref(str.upper)
except TypeError as e:
    print("TypeError:", e)
r = weakref.ref(len)
print(r() is len)

# weakref.finalize with builtin functions and methods
class A:
    pass
a = A()
log = []
f1 = weakref.finalize(a, print, "finalized", 1, sep="-")
f2 = weakref.finalize(a, log.append, "x")
print(f1.alive, f2.alive)
del a
print(log, f1.alive, f2.alive)
b = A()
f3 = weakref.finalize(b, str.upper, "abc")
print(f3(), f3.alive)
