# NotImplemented and the binary-operator protocol (binary_op1, do_richcompare)
import gc
import sys
gc.collect()

log = []

print(NotImplemented is NotImplemented, repr(NotImplemented), str(NotImplemented))
print(type(NotImplemented).__name__, type(NotImplemented) is type(NotImplemented))
x = NotImplemented
print(x is NotImplemented, [NotImplemented, x], (x,))
print(NotImplemented == NotImplemented, NotImplemented != NotImplemented)


class Money:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        log.append("Money.add")
        if isinstance(o, Money):
            return Money(self.v + o.v)
        if isinstance(o, int):
            return Money(self.v + o)
        return NotImplemented

    def __radd__(self, o):
        log.append("Money.radd")
        if isinstance(o, int):
            return Money(self.v + o)
        return NotImplemented

    def __repr__(self):
        return "Money(%d)" % self.v


class Other:
    def __add__(self, o):
        log.append("Other.add")
        return NotImplemented

    def __radd__(self, o):
        log.append("Other.radd")
        return "Other.radd(%r)" % (o,)


print(Money(1) + Money(2), Money(1) + 5, 5 + Money(1), log)
log.clear()
print(Money(1) + Other(), log)
log.clear()
print(sum([Money(1), Money(2), Money(3)]), log)
log.clear()
try:
    Money(1) + "s"
except TypeError as e:
    print("TypeError:", e, log)
log.clear()
try:
    "s" + Money(1)
except TypeError as e:
    print("TypeError:", e, log)
log.clear()


class Same:
    def __add__(self, o):
        log.append("Same.add")
        return NotImplemented

    def __radd__(self, o):
        log.append("Same.radd")
        return "never"


try:
    Same() + Same()
except TypeError as e:
    print("TypeError:", e, log)
log.clear()


class Base:
    def __add__(self, o):
        log.append("Base.add")
        return "Base.add"

    def __radd__(self, o):
        log.append("Base.radd")
        return "Base.radd"

    def __lt__(self, o):
        log.append("Base.lt")
        return "Base.lt"

    def __gt__(self, o):
        log.append("Base.gt")
        return "Base.gt"


class Over(Base):
    def __radd__(self, o):
        log.append("Over.radd")
        return "Over.radd"


class Plain(Base):
    pass


class Refuses(Base):
    def __radd__(self, o):
        log.append("Refuses.radd")
        return NotImplemented


print(Base() + Over(), log)
log.clear()
print(Base() + Plain(), log)
log.clear()
print(Base() + Refuses(), log)
log.clear()
print(Over() + Base(), log)
log.clear()
print(Base() < Plain(), log)
log.clear()
print(Plain() < Base(), log)
log.clear()


class Ord:
    def __init__(self, v):
        self.v = v

    def __lt__(self, o):
        log.append("Ord.lt")
        if isinstance(o, Ord):
            return self.v < o.v
        return NotImplemented

    def __gt__(self, o):
        log.append("Ord.gt")
        if isinstance(o, Ord):
            return self.v > o.v
        return NotImplemented


print(Ord(1) < Ord(2), Ord(3) > Ord(2), log)
log.clear()
try:
    Ord(1) < 5
except TypeError as e:
    print("TypeError:", e, log)
log.clear()
try:
    5 < Ord(1)
except TypeError as e:
    print("TypeError:", e, log)
log.clear()
try:
    Ord(1) <= Ord(2)
except TypeError as e:
    print("TypeError:", e, log)
log.clear()
print([o.v for o in sorted([Ord(3), Ord(1), Ord(2)])])
print(min(Ord(4), Ord(2)).v, max([Ord(4), Ord(9)]).v)
log.clear()


class Eq:
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        log.append("Eq.eq")
        if isinstance(o, Eq):
            return self.v == o.v
        return NotImplemented


a = Eq(1)
print(a == Eq(1), a == Eq(2), a != Eq(1), a != Eq(2), log)
log.clear()
print(a == 1, a != 1, 1 == a, a == a, log)
log.clear()
print(a in [1, 2, Eq(1)], Eq(5) in [1, 2], log)
log.clear()


class Vec:
    def __init__(self, *v):
        self.v = v

    def __eq__(self, o):
        return [x == y for x, y in zip(self.v, o.v)]

    def __lt__(self, o):
        return "lt-value"


print(Vec(1, 2) == Vec(1, 3), Vec(1) < Vec(2), Vec(1) < Vec(2) < Vec(3))
r = Vec(1, 2) == Vec(1, 2)
print(type(r).__name__, r, not r)
if Vec(1) == Vec(2):
    print("a non-empty list is true")


class Ne:
    def __ne__(self, o):
        log.append("Ne.ne")
        return NotImplemented


n = Ne()
print(n != n, n != Ne(), n == n, log)
log.clear()


class Pw:
    def __pow__(self, o):
        return NotImplemented


for expr in ("Pw() ** 2", "Pw() - 1", "Pw() // 1", "Pw() % 1", "Pw() & 1", "Pw() << 1"):
    try:
        eval_ = {"Pw() ** 2": lambda: Pw() ** 2, "Pw() - 1": lambda: Pw() - 1,
                 "Pw() // 1": lambda: Pw() // 1, "Pw() % 1": lambda: Pw() % 1,
                 "Pw() & 1": lambda: Pw() & 1, "Pw() << 1": lambda: Pw() << 1}[expr]
        eval_()
    except TypeError as e:
        print(expr, "->", e)


class Acc:
    def __init__(self):
        self.n = 0

    def __iadd__(self, o):
        log.append("Acc.iadd")
        if isinstance(o, int):
            self.n += o
            return self
        return NotImplemented

    def __add__(self, o):
        log.append("Acc.add")
        return NotImplemented


acc = Acc()
acc += 2
acc += 3
print(acc.n, log)
log.clear()
try:
    acc += "x"
except TypeError as e:
    print("TypeError:", e, log)
log.clear()
p = Pw()
try:
    p **= 2
except TypeError as e:
    print("TypeError:", e)
try:
    p -= 1
except TypeError as e:
    print("TypeError:", e)
k = 1
try:
    k += p
except TypeError as e:
    print("TypeError:", e)

m = Money(7)
o = Other()
before = sys.getrefcount(m), sys.getrefcount(o)
for i in range(20):
    m + o
    m + 1
    1 + m
print(sys.getrefcount(m) - before[0], sys.getrefcount(o) - before[1])
e1 = Eq(1)
before = sys.getrefcount(e1)
for i in range(20):
    e1 == 1
    e1 != Eq(1)
print(sys.getrefcount(e1) - before)
print(gc.collect())
