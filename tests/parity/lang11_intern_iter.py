# sys.intern, iter(callable, sentinel), str.format_map.
import gc
import sys

# sys.intern: one object per text, however it was built
a = "".join(["status", "_", "ok"])
b = "status" + "_ok"
print(a == b, a is b)
ia = sys.intern(a)
ib = sys.intern(b)
print(ia is a, ib is a, ib is b, sys.intern("status_ok") is a)
print(sys.getrefcount(a), sys.getrefcount(b))
spaced = " ".join(["two", "words"])
print(sys.intern(spaced) is spaced, sys.intern(" ".join(["two", "words"])) is spaced)
one = "x"
print(sys.intern(one) is one, sys.intern("") == "")
keys = [sys.intern(w) for w in "a-b a-b c-d a-b".split()]
print(keys[0] is keys[1] is keys[3], keys[0] is keys[2], len(set(map(id, keys))))
del ia, ib, keys
try:
    sys.intern(1)
except TypeError as e:
    print(e)

# iter(callable, sentinel): a callable_iterator
stack = [3, 2, 1, 0, 9, 8]
it = iter(stack.pop, 0)
print(type(it).__name__, gc.is_tracked(it), list(it), stack)
print(list(it))
lines = iter(["alpha", "beta", "", "gamma"])
print([s for s in iter(lambda: next(lines), "")], next(lines))


class Counter:
    def __init__(self):
        self.n = 0

    def __call__(self):
        self.n += 1
        return self.n


c = Counter()
print(sys.getrefcount(c))
ci = iter(c, 4)
print(sys.getrefcount(c), next(ci), next(ci), list(ci), sys.getrefcount(c))
del ci
print(sys.getrefcount(c))


def boom():
    raise ValueError("stop here")


try:
    next(iter(boom, None))
except ValueError as e:
    print("ValueError", e)
try:
    iter(1, 2)
except TypeError as e:
    print(e)
seen = []
for x in iter([5, 6, 7, 8].pop, 6):
    seen.append(x)
print(seen)


def loop():
    me = iter(lambda: me, None)
    return me


print(gc.collect())
loop()
print(gc.collect())

# str.format_map: a mapping, not copied (a dict subclass's __missing__ runs)
point = {"x": 1, "y": 2}
print("({x}, {y})".format_map(point), "{x!r:>4}|{y:03}".format_map(point))


class Default(dict):
    def __missing__(self, key):
        return "<" + key + ">"


print("{name} is {age}".format_map(Default(name="Ann")))
try:
    "{a}".format_map({})
except KeyError as e:
    print(repr(e))
try:
    "{0}".format_map({"a": 1})
except (KeyError, ValueError, TypeError) as e:
    print(type(e).__name__, e)
