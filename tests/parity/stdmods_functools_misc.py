# functools beyond caching: reduce, partial (its func/args/keywords and
# what it keeps alive), wraps in decorators, cmp_to_key in sorts.
import sys
import functools
from functools import reduce, partial, wraps, cmp_to_key

print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 1))
print(reduce(lambda acc, w: acc + len(w), ["ab", "cde"], 0), reduce(lambda a, b: a if a > b else b, [3, 9, 2]))
try:
    reduce(lambda a, b: a + b, [])
except TypeError as e:
    print("TypeError:", e)
print(reduce(lambda a, b: a + b, [], "empty"))


def power(base, exp):
    return base ** exp


square = partial(power, exp=2)
cube = partial(power, exp=3)
print(square(5), cube(2), square.func is power, square.args, square.keywords)
add3 = partial(lambda a, b, c: a + b + c, 1, 2)
print(add3(3), add3.args)
again = partial(add3, 10)
print(again(), again.args, again.func is add3.func)
print(repr(square).startswith("functools.partial(<function power at "), repr(square).endswith(", exp=2)"))

# a partial holds its arguments: one reference each
data = [1, 2, 3]
print(sys.getrefcount(data))
p = partial(lambda xs: [x * 10 for x in xs], data)
print(sys.getrefcount(data), p())
del p
print(sys.getrefcount(data))


def log_calls(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        print("calling", func.__name__, args)
        return func(*args, **kwargs)
    return wrapper


@log_calls
def greet(name, punct="!"):
    return "hello " + name + punct


print(greet("ann"), greet.__name__, greet.__qualname__, greet.__wrapped__("bob", "?"))


def timer_like(label):
    def deco(f):
        @functools.wraps(f)
        def inner(*a):
            return (label, f(*a))
        return inner
    return deco


@timer_like("t")
def double(x):
    return 2 * x


print(double(21), double.__name__)


def by_length_then_alpha(a, b):
    if len(a) != len(b):
        return len(a) - len(b)
    return (a > b) - (a < b)


words = ["pear", "fig", "apple", "kiwi", "date"]
print(sorted(words, key=cmp_to_key(by_length_then_alpha)))
print(sorted(words, key=cmp_to_key(lambda a, b: (b > a) - (b < a))))
print(max([3, 1, 2], key=cmp_to_key(lambda a, b: a - b)))
