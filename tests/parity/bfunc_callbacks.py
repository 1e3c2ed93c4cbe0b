# Builtins passed and stored as callbacks: map, filter, sorted, min/max
# keys, callback tables, dispatch dicts, print as a callback.
words = ["pear", "Fig", "apple", "kiwi", "Banana"]
nums = [-3, 1, -4, 1, 5, -9, 2, 6]

print(list(map(abs, nums)), list(map(str, nums[:3])), list(map(len, words)))
print(list(map(str.upper, words)), list(map(str.lower, words)))
print(list(filter(str.isupper, ["A", "b", "C", "dd"])), list(filter(bool, [0, 1, "", "x"])))
print(sorted(words, key=len), sorted(words, key=str.lower), sorted(nums, key=abs))
print(max(words, key=len), min(words, key=len), max(nums, key=abs))
key = str.casefold
print(sorted(words, key=key, reverse=True))
lengths = map(len, words)
print(next(lengths), list(lengths))

# a table of callbacks
table = [len, repr, str.upper, "-".join, sorted]
for fn in table:
    print(fn.__name__, fn("cab"))
handlers = {"len": len, "abs": abs, "neg": int.__neg__ if False else abs, "str": str}
for name in ("len", "str"):
    print(name, handlers[name]("xyz"))
print(handlers["abs"](-7))

# a dispatch dict of operations, no operator module
def add(a, b):
    return a + b
ops = {"+": add, "max": max, "min": min, "pow": pow, "divmod": divmod, "round": round}
for sym in ("+", "max", "min", "pow", "divmod"):
    print(sym, ops[sym](7, 3))
print(ops["round"](2.675, 2))

# bound builtins kept and called later
out = []
emit = out.append
for w in words:
    if len(w) > 3:
        emit(w)
print(out)
counts = {}
bump = counts.get
for ch in "mississippi":
    counts[ch] = bump(ch, 0) + 1
print(counts)
collected = set()
note = collected.add
for n in nums:
    note(n % 3)
print(sorted(collected))

# print as a callback, with keywords
callbacks = [print]
for cb in callbacks:
    cb("via", "callback", sep=":", end="!\n")
def run(f, *args, **kw):
    return f(*args, **kw)
run(print, 1, 2, sep="+")
print(run(len, [1, 2]), run(str.join, ",", ["a", "b"]), run("-".join, ["x", "y"]))
print(run(sorted, [3, 1, 2], reverse=True), run(max, [4, 8], default=0))

# a class that keeps bound builtins as attributes
class Log:
    def __init__(self):
        self.lines = []
        self.write = self.lines.append
        self.fmt = "{}:{}".format
    def add(self, k, v):
        self.write(self.fmt(k, v))
log = Log()
log.add("a", 1)
log.add("b", 2)
print(log.lines, log.write.__self__ is log.lines)
getters = [getattr(s, "upper") for s in ("ab", "cd")]
print([g() for g in getters])
lams = [lambda x, f=f: f(x) for f in (len, str, repr)]
print([l("q") for l in lams])

# map and filter hold the builtin they were given, as any function
import gc
m = map(len, words)
fl = filter(str.isdigit, ["1", "a", "22"])
ms = map(str, nums)
print(len in gc.get_referents(m), str.isdigit in gc.get_referents(fl), str in gc.get_referents(ms))
print(list(m), list(fl), list(ms)[:2])
