# Set algebra between sets whose members' class defines __eq__/__hash__:
# operators, methods with sets, lists and dicts, in-place forms, frozensets,
# comparisons; the __eq__ calls CPython makes for them.
import gc
gc.collect()

calls = []


class P:
    def __init__(self, x):
        self.x = x

    def __eq__(self, o):
        calls.append(self.x)
        return isinstance(o, P) and self.x == o.x

    def __hash__(self):
        return hash(self.x)

    def __repr__(self):
        return "P(%d)" % self.x


def show(label, v):
    print(label, v, len(calls) > 0)
    del calls[:]


a = {P(1), P(2), P(9)}
b = {P(2), P(3)}
show("|", a | b)
show("&", a & b)
show("-", a - b)
show("^", a ^ b)
show("b - a", b - a)
show("b & a", b & a)
show("union", a.union([P(1), P(5)], {P(6)}))
show("intersection", a.intersection([P(2), P(7)]))
show("difference", a.difference([P(2)], [P(9)]))
show("symmetric_difference", a.symmetric_difference([P(2), P(4)]))
show("issubset", (a.issubset(b), {P(2)}.issubset(a), a.issubset([P(1), P(2), P(9), P(0)])))
show("<= <", ({P(2)} <= a, {P(2)} < a, a < a, a <= a))
show(">= >", (a > {P(9)}, a >= a, a.issuperset([P(1)]), a > a))
show("==", (a == {P(1), P(2), P(9)}, a != {P(1), P(2), P(9)}, a == b, {P(1)} == {P(2)}))
show("isdisjoint", (a.isdisjoint(b), a.isdisjoint([P(7)]), b.isdisjoint({P(4)})))
c = set(a)
c |= b
show("|=", c)
c = set(a)
c -= b
show("-=", c)
c = set(a)
c &= b
show("&=", c)
c = set(a)
c.update([P(1), P(11)])
show("update", c)
c = set(a)
c.difference_update([P(1)])
show("difference_update", c)
c = set(a)
c.intersection_update([P(9), P(2)], {P(2)})
show("intersection_update", c)
fa = frozenset(a)
show("frozenset |", (fa | b, type(fa | b).__name__))
show("frozenset &", (fa & b, type(fa - b).__name__, type(fa ^ b).__name__))
show("frozenset ==", (fa == a, frozenset(b) == b))
d = {P(2): 0, P(8): 1}
show("with a dict", (a.intersection(d), a.difference(d), a.union(d)))
kept = [p for p in a if p.x == 2][0]
show("the first key is kept", [p is kept for p in a | b if p.x == 2])
print(a, b)

# frozensets of such members as members and keys
fz = frozenset([P(1), P(2)])
show("frozenset keys", (frozenset([P(2), P(1)]) in {fz}, {fz: "v"}[frozenset([P(1), P(2)])],
                        hash(fz) == hash(frozenset([P(1), P(2)]))))

# == of lists and tuples holding such instances: item by item, identity first
show("list ==", ([P(1)] == [P(1)], [P(1), P(2)] == [P(1), P(3)], [P(1)] != [P(1)],
                 [[P(1)], 2] == [[P(1)], 2], [P(1)] == [P(1), P(2)]))
show("tuple ==", ((P(1),) == (P(1),), (1, P(2)) == (1.0, P(2)), (P(1), [P(2)]) == (P(1), [P(3)])))
show("identity first", ([kept] == [kept], (kept, 1) != (kept, 1)))


class Q:
    def __eq__(self, o):
        return isinstance(o, Q)

    __hash__ = None


x = [Q()]
x.append(x)
y = [Q()]
y.append(y)
try:
    x == y
except RecursionError:
    print("RecursionError")
