# Comprehensions and lambdas in a class body inside a function: they are
# functions nested in the class, so they see the function's variables and
# never the class's own names.
import gc


def table(k, names):
    class Table:
        scaled = [x * k for x in range(4)]
        index = {name: i * k for i, name in enumerate(names)}
        pairs = [(a, b) for a in names for b in range(k) if b % 2 == 0]
        total = sum(x + k for x in range(3))
        getter = lambda self: k
        keys = sorted({n.upper() for n in names})
    return Table


T = table(2, ["a", "b"])
print(T.scaled, T.index, T.pairs, T.total, T().getter(), T.keys)


# a class name the comprehension also reads: the function's wins
def shadowed(k):
    class S:
        k = "class k"
        seen = [k for _ in range(2)]
        direct = k
    return S


S = shadowed("function k")
print(S.seen, S.direct)


# at module level a class's names are not visible in its comprehensions
class Flat:
    v = 3
    try:
        bad = [v for _ in range(2)]
    except NameError as e:
        print("NameError:", e)
    ok = [v * 2 for v in range(2)]


print(Flat.ok, hasattr(Flat, "bad"))


# lambdas made in a class comprehension close over the comprehension's target
def buttons(labels):
    class Panel:
        handlers = [lambda i=i: labels[i] for i in range(len(labels))]
        late = [lambda: labels[-1] for _ in labels]
    return Panel


P = buttons(["ok", "cancel"])
print([h() for h in P.handlers], [h() for h in P.late])
del P
print(gc.collect())
