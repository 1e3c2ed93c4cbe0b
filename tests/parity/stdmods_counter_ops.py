# Counter's arithmetic and comparisons (missing elements count zero), an
# OrderedDict's ordered ==, and the modules' names: the script's own
# names survive the import, `from ... import ... as` binds the new name.
update = 'mine'
deque = 'also mine'
from collections import Counter, OrderedDict
a = Counter("aab")
b = Counter("abc")
print(a + b, a - b, a | b, a & b, +Counter(a=1, b=-2), -Counter(a=1, b=-2))
print(a == b, Counter("ab") == Counter("ba"), Counter(a=1) == Counter(a=1, b=0), a != b)
print(Counter(a=1) <= Counter(a=2), Counter(a=2) < Counter(a=2), Counter(a=3) > Counter(a=2, b=0))
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1) == {'a': 1}, OrderedDict(a=1) != OrderedDict(a=1))
c = Counter("a")
del c['zz']
del c['a']
print(c, a == {'a': 2, 'b': 1})
c += Counter("xy")
print(c)
print(update, deque)
import collections
from collections import deque as Deque, Counter as Tally
print(Tally("aba"), Deque([1]), collections.Counter is Tally, collections.deque is Deque)
print(type(Tally()), type(collections.OrderedDict()), type(collections.defaultdict()))
print(collections.Counter.__name__, collections.UserDict({"k": 1}), len(collections.UserDict(a=1, b=2)))
import functools, itertools
print(functools.reduce(lambda a, b: a - b, [10, 1, 2]), list(itertools.repeat(0, 2)))
try:
    collections.no_such_thing
except AttributeError as e:
    print(e)
import weakref
from collections import deque
for op in "+-|&":
    c = Counter(a=3, b=1, z=2)
    k = c
    d = Counter(a=1, b=2, q=5)
    if op == "+":
        c += d
    elif op == "-":
        c -= d
    elif op == "|":
        c |= d
    else:
        c &= d
    print(op, c, c is k)
dq = deque()
r = weakref.ref(dq)
print(r() is dq)
del dq
print(r())
