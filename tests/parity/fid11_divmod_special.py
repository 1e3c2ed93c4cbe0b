# divmod() asks __divmod__ / __rdivmod__ (nb_divmod), never // and %,
# and names divmod() in its TypeError
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __divmod__(self, n):
        q, r = divmod(self.cents, n)
        return Money(q), Money(r)
    def __rdivmod__(self, other):
        return ("r", other)
    def __repr__(self):
        return "Money(%d)" % self.cents
class FloorOnly:
    def __floordiv__(self, o): return 1
    def __mod__(self, o): return 2
print(divmod(Money(1007), 10))
print(divmod(7, Money(1)))
print(divmod(17, 5), divmod(-7, 2), divmod(7.5, 2))
for a, b in [(FloorOnly(), 3), (3, FloorOnly()), (object(), 1)]:
    try:
        print(divmod(a, b))
    except TypeError as e:
        print(e)
for a, b in [("a", 1), (1, None), ([], [])]:
    try:
        print(divmod(a, b))
    except TypeError as e:
        print(e)
