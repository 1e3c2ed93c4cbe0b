# functools.total_ordering: the missing comparisons from __eq__ and one of
# < <= > >=, as the tutorials write it
import functools
import gc
from functools import total_ordering


@total_ordering
class Version:
    def __init__(self, major, minor):
        self.major, self.minor = major, minor

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor) == (other.major, other.minor)

    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor) < (other.major, other.minor)

    def __repr__(self):
        return f"Version({self.major}, {self.minor})"


a, b, c = Version(1, 2), Version(1, 10), Version(1, 2)
print(a < b, a <= b, a > b, a >= b, a <= c, a >= c, a == c, a != b)
print(sorted([b, a, Version(0, 9)]), max(a, b), min([b, c]))
print(Version.__gt__.__name__, Version.__le__.__name__, sorted(k for k in vars(Version) if k.startswith('__') and k[2] in 'lg'))
try:
    a < 3
except TypeError as e:
    print("TypeError:", e)
print(a.__ge__(3))


@functools.total_ordering
class Money:
    def __init__(self, cents):
        self.cents = cents

    def __eq__(self, other):
        return self.cents == other.cents

    def __ge__(self, other):
        return self.cents >= other.cents


m, n = Money(5), Money(7)
print(m < n, m <= n, m > n, m >= n, Money.__lt__.__name__)


class Base:
    def __le__(self, other):
        return True


@total_ordering
class Child(Base):
    def __eq__(self, other):
        return False


print(Child() < Child(), Child() > Child(), Child.__gt__.__name__)
try:
    @total_ordering
    class Nothing:
        pass
except ValueError as e:
    print("ValueError:", e)
# 3.11.2 leaves more garbage behind the ValueError than 3.11.7: not counted
gc.collect()
del Version, Money, Child, Base
print(gc.collect())
