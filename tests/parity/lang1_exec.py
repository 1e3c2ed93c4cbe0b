# exec() of a string: into a given dict (its globals), or the module's globals
import gc
import sys
gc.collect()

ns = {"a": 1, "items": [3, 1, 2]}
exec("b = a + 1\nitems.sort()\nc = [a, b] * 2\nprint('inside', a, b, c, items)", ns)
print(sorted(k for k in ns if k != "__builtins__"), "__builtins__" in ns, list(ns)[:3])
print(ns["b"], ns["c"], ns["items"])

exec("x = 10\ny = x * 2")
print(x, y)

g = {}
exec("""
total = 0
for i in range(5):
    if i % 2:
        continue
    total += i
else:
    done = True
del i
try:
    1 / 0
except ZeroDivisionError as e:
    err = str(e)
with_len = len('abc')
""", g)
print(sorted(k for k in g if k != "__builtins__"), g["total"], g["err"], g["with_len"])

shadow = {"len": lambda s: "shadowed"}
exec("r = len('abc')", shadow)
print(shadow["r"], len("abc"))

for src, d in [("print(zz)", {}), ("print(x)", {}), ("del nothing", {})]:
    try:
        exec(src, d)
    except NameError as e:
        print("NameError:", e)
try:
    exec("1 +", {})
except SyntaxError:
    print("SyntaxError")
for args in [("x = 1", []), (5,), ("x = 1", 1)]:
    try:
        exec(*args)
    except TypeError as e:
        print("TypeError:", e)

kept = {"__builtins__": 5}
exec("y = 2", kept)
print(kept)
e2 = {}
exec("", e2)
print(list(e2), len(e2))


class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


obj = Tracked("first")
d = {"obj": obj}
print(sys.getrefcount(obj))
exec("obj2 = obj\nobj = None", d)
print(sys.getrefcount(obj), d["obj"], d["obj2"] is obj)
del obj
d["obj2"] = None
print("after rebinding")
exec("t = Tracked('second')\nt = None\nprint('rebound inside')", {"Tracked": Tracked})
cyc = {}
exec("me = {}\nme['self'] = me\nlst = [1]\nlst.append(lst)", cyc)
cyc.clear()
print(gc.collect())
cyc["loop"] = cyc
del cyc
print(gc.collect())

# exec(src) at module level defines what module code defines
exec("def twice(n):\n    return [i * n for i in range(3)]\nclass K:\n    v = 5\nsq = lambda x: x * x")
print(twice(3), K.v, sq(4))
# test_gc's test_function: a def exec'd into d holds d as __globals__, a cycle
gc.collect()
fd = {}
exec("def f(): pass\n", fd)
print(type(fd["f"]).__name__, fd["f"].__name__, sorted(k for k in fd if k != "__builtins__"))
gc.collect()
del fd
print(gc.collect())
fd2 = {}
exec("def g(a, b=2):\n    return a\nh = lambda: 0", fd2)
print(fd2["g"].__defaults__, fd2["h"].__name__)
fd2.clear()
print(gc.collect())
