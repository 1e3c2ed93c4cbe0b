# test_gc.test_get_referents / test_get_referrers
import gc

alist = [1, 3, 5]
got = gc.get_referents(alist)
got.sort()
print(got == alist)

atuple = tuple(alist)
got = gc.get_referents(atuple)
got.sort()
print(got == alist)

adict = {1: 3, 5: 7}
expected = [1, 3, 5, 7]
got = gc.get_referents(adict)
got.sort()
print(got == expected)

got = gc.get_referents([1, 2], {3: 4}, (0, 0, 0))
got.sort()
print(got == [0, 0] + list(range(5)))
print(gc.get_referents(1, "a", 2.5))

a = []
b = [a]
c = {"k": a}


class Holder:
    def __init__(self, x):
        self.x = x


h = Holder(a)
refs = gc.get_referrers(a)
print(len(refs) >= 3, any(r is b for r in refs), any(r is c for r in refs))
print(any(r is h for r in refs) or any(type(r) is dict and r.get("x") is a for r in refs))
