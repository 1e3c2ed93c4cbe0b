# dict() as CPython's dict_new + dict_update_common: a mapping, an iterable of
# pairs (zip, a generator, items views, two-character strs) streamed one
# pair at a time, keywords; dict.update() the same; the errors' texts.
import gc
gc.collect()
names = ["a", "b", "c"]
ages = [1, 2, 3]
d = dict(zip(names, ages))
print(d, dict(), dict(x=1, y=2), dict(d, z=9), dict([("k", "v"), ["k2", "v2"]]))
print(dict((i, i * i) for i in range(4)), dict({1: 2}.items()), dict(["ab", "cd"]))
e = {}
e.update(zip("xy", (10, 20)))
e.update([("q", 1)], w=2)
print(e)
for bad in ([(1, 2, 3)], [1], [(1,)]):
    try:
        dict(bad)
    except (TypeError, ValueError) as err:
        print(type(err).__name__, err)
try:
    dict(1, 2)
except TypeError as err:
    print(err)
f = dict(a=1)
print(d is not dict(d), dict(d) == d)
