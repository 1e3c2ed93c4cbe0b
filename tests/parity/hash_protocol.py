# How often CPython calls __hash__ and __eq__ for set and dict operations,
# keys equal to ints, -1 as a hash, and the class rules: __eq__ without
# __hash__ sets __hash__ = None (instances unhashable), __hash__ must
# return an int.
import gc
gc.collect()

calls = []


class K:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        calls.append("h%d" % self.v)
        return hash(self.v)

    def __eq__(self, o):
        calls.append("e%d" % self.v)
        if isinstance(o, K):
            return self.v == o.v
        return self.v == o


def show(label):
    print(label, calls)
    del calls[:]


s = {K(1), K(2)}
show("display")
s.add(K(1))
show("add equal")
print(K(2) in s, K(3) in s)
show("in")
s.discard(K(2))
show("discard")
d = {K(1): "a"}
show("dict display")
d[K(1)] = "b"
show("setitem equal")
print(d[K(1)], d.get(K(5)), K(1) in d)
show("lookups")
del d[K(1)]
show("del")

# an instance equal to an int, hashing as that int: one key
d = {1: "int"}
d[K(1)] = "inst"
show("int then instance")
print(d, len(d))
d = {K(2): "inst"}
d[2] = "int"
show("instance then int")
print(len(d), d[2], d[K(2)])
show("both lookups")
s = {1, K(1), 2.0, K(2), K(3)}
show("mixed display")
print(len(s), 3 in s, 4 in s)
show("mixed in")
print(sorted(type(x).__name__ for x in s))


class M:
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        return self.h


print(hash(M(-1)), hash(M(-2)), hash(M(0)), hash(M(True)), hash(M(2 ** 62)))
s = {M(-1), M(-1), M(-2)}
print(len(s))


class NoHash:
    def __eq__(self, o):
        return True


class Sub(NoHash):
    pass


class Rehash(NoHash):
    def __hash__(self):
        return 5


print("__hash__" in NoHash.__dict__, NoHash.__hash__, Sub.__hash__)
print("__hash__" in Sub.__dict__, hash(Rehash()))
for f in (lambda: {NoHash()}, lambda: {NoHash(): 1}, lambda: hash(Sub()),
          lambda: set().add(NoHash()), lambda: {}.get(NoHash())):
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)


class Bad:
    def __init__(self, r):
        self.r = r

    def __hash__(self):
        return self.r


for r in ("x", None, 1.5):
    try:
        {Bad(r)}
    except TypeError as e:
        print("TypeError:", e)
    try:
        hash(Bad(r))
    except TypeError as e:
        print("TypeError:", e)


class Raises:
    def __hash__(self):
        raise ValueError("no hash today")


try:
    {Raises(): 1}
except ValueError as e:
    print("ValueError:", e)


# __hash__ alone: equality stays identity
class OnlyHash:
    def __hash__(self):
        return 1


a, b = OnlyHash(), OnlyHash()
print(len({a, b, a}), a in {b}, a in {a})
