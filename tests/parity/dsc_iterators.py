# enumerate, zip, map, filter and reversed as heap iterator objects: what
# they hold, the result tuple they reuse, and pipelines that stream.
import gc
import sys

gc.collect()


class Item:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "Item(" + repr(self.name) + ")"


items = [Item("a"), Item("b"), Item("c")]
names = ["x", "y", "z"]

# enumerate in a loop: the tuple it reuses still holds the current item
for i, it in enumerate(items):
    print(i, it, sys.getrefcount(it))
print(sys.getrefcount(items[2]))
for i, it in enumerate(items, 1):
    print(i, it.name)
for i, it in enumerate(items, start=10):
    print(i, it.name)

# zip in a loop; a tuple kept by the loop is not reused
for it, n in zip(items, names):
    print(it.name, n, sys.getrefcount(it))
kept = []
for pair in zip(items, names):
    kept.append(pair)
print(kept, [sys.getrefcount(p) for p in kept])
print(sys.getrefcount(items[0]))
del kept, pair

# what the iterator objects hold
e = enumerate(items)
z = zip(items, names)
def label(x):
    return x.name


m = map(label, items)
f = filter(None, names)
r = reversed(items)
rt = reversed((1, 2, 3))
print(sys.getrefcount(items))
print([gc.is_tracked(x) for x in (e, z, m, f, r, rt)])
print(len(gc.get_referents(e)), len(gc.get_referents(z)), len(gc.get_referents(m)),
      len(gc.get_referents(f)), len(gc.get_referents(r)), len(gc.get_referents(rt)))
print(gc.get_referents(e)[1], gc.get_referents(z)[1], gc.get_referents(f)[1])
print(gc.get_referents(r)[0] is items, gc.get_referents(m)[1] is label)
print(len(gc.get_referents(gc.get_referents(z)[0])))
del e, z, m, f, r, rt
print(sys.getrefcount(items))

# streams: each step takes one item, the functions run as items are asked for
def square(x):
    print("square", x)
    return x * x


def odd(x):
    print("odd?", x)
    return x % 2


nums = [1, 2, 3, 4, 5]
pipe = map(square, filter(odd, nums))
print("built")
for v in pipe:
    print("got", v)
print(list(map(square, [6])), list(filter(None, [0, 1, "", "s", None])))
print(list(zip([1, 2, 3], "ab")), list(zip()), list(enumerate("hé")))
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])))
print(list(reversed([1, 2, 3])), list(reversed("héllo")), list(reversed(b"ab")))
print(sorted(map(len, names + ["long"])), sum(map(len, ["ab", "cde"])))
print(any(map(odd, [2, 3, 4])), all(map(odd, [1, 2, 3])), any(filter(None, [])))
print(dict(zip(["k1", "k2"], [1, 2])) if False else list(zip(["k1", "k2"], [1, 2])))
print(max(enumerate([5, 9, 2]), key=lambda p: p[1]))
a, b = zip([1, 2], [3, 4])
print(a, b)
print([i * x for i, x in enumerate([3, 4, 5])])
print([p for p in zip("ab", "cd")])

# an exhausted reversed() drops its list at once, as listreviter_next
big = [Item("d"), Item("e")]
rv = reversed(big)
print(sys.getrefcount(big))
for x in rv:
    pass
print(sys.getrefcount(big))

# a list that shrinks under a reversed iterator ends it
shrink = [1, 2, 3, 4]
out = []
for x in reversed(shrink):
    out.append(x)
    if x == 4:
        del shrink[1:]
print(out)

# errors
for bad in (lambda: enumerate(5), lambda: zip([1], 2), lambda: map(abs),
            lambda: filter(None), lambda: reversed(5), lambda: map(abs, 3)):
    try:
        bad()
    except TypeError as exc:
        print("TypeError:", exc)

zz = zip([1], [2])
for bad in (lambda: len(zz), lambda: zz[0], lambda: zz + 1, lambda: zz | 1,
            lambda: property() + 1, lambda: Item("q")[0], lambda: Item("q") + 1):
    try:
        bad()
    except TypeError as exc:
        print("TypeError:", exc)
del zz

# a cycle through a zip: the list holds the zip, which holds the list's iterator
loop = []
loop.append(zip(loop, loop))
del loop
print(gc.collect())
del x, v, it, i, n, a, b, bad
del items
print(gc.collect())
