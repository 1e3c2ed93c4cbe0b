# weakref.ref equality follows the referent while it lives, then identity
import weakref


class Key:
    def __init__(self, k):
        self.k = k

    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k



class Plain:
    pass


a = Key(1)
b = Key(1)
c = Key(2)
ra, rb, rc = weakref.ref(a), weakref.ref(b), weakref.ref(c)
print(ra == rb, ra == rc, ra != rc)
p = Plain()
rp = weakref.ref(p)
print(hash(rp) == hash(p), {rp: "p"}[weakref.ref(p)])
del a
print(ra == rb, ra() is None, ra == ra, ra != rb)
q = Plain()
rq = weakref.ref(q)
del q
try:
    hash(rq)
except TypeError as err:
    print("TypeError:", err)
h = weakref.ref(p)
del p
print(hash(h) == hash(rp))


def f():
    return "f"


rf = weakref.ref(f)
print(rf()(), rf() is f)


class K:
    pass


rk = weakref.ref(K)
print(rk() is K)
