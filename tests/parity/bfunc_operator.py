# The operator module's functions as values: dispatch tables of
# operations, sorted/map/reduce-style loops with them, a class's special
# methods reached through them.
import operator
from operator import add, mul, getitem

ops = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
       "//": operator.floordiv, "%": operator.mod, "**": operator.pow,
       "&": operator.and_, "|": operator.or_, "^": operator.xor,
       "<<": operator.lshift, ">>": operator.rshift}
for sym in ops:
    print(7, sym, 3, "=", ops[sym](7, 3))
print(ops["+"]("ab", "cd"), ops["*"]([0], 3), ops["+"](1.5, 2), ops["/"](1, 4))

def calc(tokens):
    stack = []
    for t in tokens:
        if t in ops:
            b = stack.pop()
            a = stack.pop()
            stack.append(ops[t](a, b))
        else:
            stack.append(int(t))
    return stack[0]
print(calc("3 4 + 2 *".split()), calc("10 3 // 2 **".split()))

cmps = [operator.eq, operator.ne, operator.lt, operator.le, operator.gt, operator.ge]
print([f(1, 2) for f in cmps], [f("b", "a") for f in cmps])
print(operator.is_(None, None), operator.is_not(1, None), operator.contains([1, 2], 2),
      operator.contains("abc", "z"), operator.truth([]), operator.not_(0))
print(getitem([5, 6, 7], -1), getitem({"k": 1}, "k"), operator.abs(-4), add(2, 3), mul(2, 3))
total = 0
for x in [1, 2, 3, 4]:
    total = add(total, x)
print(total, list(map(operator.mul, [1, 2, 3], [4, 5, 6])))
print(operator.add.__name__, operator.add.__qualname__, operator.add.__module__, repr(operator.lt))
print(type(operator.add), operator.add == operator.add, operator.add is add)

class V:
    def __init__(self, x):
        self.x = x
    def __add__(self, o):
        return V(self.x + o.x)
    def __lt__(self, o):
        return self.x < o.x
    def __eq__(self, o):
        return "eq-called"
print(add(V(1), V(2)).x, operator.lt(V(1), V(2)), operator.eq(V(1), V(1)))
try:
    operator.add(1, "a")
except TypeError as e:
    print("TypeError:", e)
try:
    operator.truediv(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    getitem([], 0)
except IndexError as e:
    print("IndexError:", e)
