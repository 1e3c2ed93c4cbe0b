# Closures made inside comprehensions: a lambda in a comprehension closes
# over the comprehension's own variable (a cell of the comprehension, so
# all see its last value); the i=i default idiom; comprehensions in nested
# functions reading variables of the functions around them; generator
# expressions too; the cells and what they keep alive.
import gc
import sys

gc.collect()

fns = [lambda: i for i in range(3)]
print([f() for f in fns])
print(len(fns[0].__closure__), fns[0].__closure__[0] is fns[2].__closure__[0])
print(fns[0].__closure__[0].cell_contents)
fns = [lambda i=i: i for i in range(3)]
print([f() for f in fns], fns[1].__closure__)
adders = {n: (lambda x: x + n) for n in (1, 10)}
print(adders[1](5), adders[10](5))
gen = (lambda: c for c in "ab")
print([g() for g in list(gen)])
print([[lambda: (i, j) for j in range(2)][1]() for i in range(2)])


def deco(fn):
    def wrapper(*args):
        return [fn(*args) for _ in range(2)]
    return wrapper


@deco
def twice(x):
    return x * 2


print(twice(21), twice.__closure__[0].cell_contents.__name__)


def outer():
    scale = 3

    def inner(values):
        return [v * scale for v in values], {v: scale for v in values}, sum(scale for v in values)
    return inner


print(outer()([1, 2]))


def make_callbacks(names):
    prefix = ">"
    return [lambda: prefix + name for name in names]


cbs = make_callbacks(["a", "b"])
print([cb() for cb in cbs], sorted(cbs[0].__code__.co_varnames) if False else len(cbs))


def keepers():
    big = [0] * 1000
    keep = [lambda: big for _ in range(3)]
    print(sys.getrefcount(big))
    return keep


keep = keepers()
print(len(keep[0]()), sys.getrefcount(keep[0]()))
del keep
print(gc.collect())


class Node:
    pass


def build():
    nodes = [Node() for _ in range(3)]
    for n in nodes:
        n.peers = [lambda: n for _ in range(2)]
    return nodes


ns = build()
print(all(n.peers[0]() is ns[2] for n in ns))
del ns
print(gc.collect())
