# type() of the builtin iterators: zip, enumerate, map, filter, reversed are
# classes (type(z) is zip); the set and dict iterators' names in their reprs.
z = zip([1], [2])
e = enumerate("ab")
print(type(z).__name__, type(e).__name__, type(map(abs, [1])).__name__, type(filter(None, [])).__name__)
print(type(z) is zip, type(e) is enumerate, type(reversed((1, 2))).__name__)
print(list(type(z)([1, 2], "ab")))
r = repr(iter({1: 2}.values()))
print(r.split()[0], repr(iter({1}))[:14], repr(iter({1: 2}.items())).split()[0])
