# Decorators: timing-free logging, counting calls, memoizing, decorators
# with arguments, stacking order, registries, decorating methods.
import gc

gc.collect()


def log_calls(fn):
    def wrapper(*args, **kwargs):
        parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
        result = fn(*args, **kwargs)
        print(f"{fn.__name__}({', '.join(parts)}) -> {result!r}")
        return result
    wrapper.__name__ = fn.__name__
    return wrapper


def count_calls(fn):
    def wrapper(*args):
        wrapper.calls += 1
        return fn(*args)
    wrapper.calls = 0
    return wrapper


def repeat(times):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(times)]
        return wrapper
    return deco


@log_calls
def add(a, b=0):
    return a + b


add(1, 2)
add(3, b=4)
print(add.__name__)


@count_calls
def square(x):
    return x * x


for i in range(4):
    square(i)
print(square.calls)


@repeat(3)
def hello(name):
    return "hi " + name


print(hello("bo"))


def bold(fn):
    return lambda: "<b>" + fn() + "</b>"


def italic(fn):
    return lambda: "<i>" + fn() + "</i>"


@bold
@italic
def text():
    return "t"


print(text())
registry = {}


def register(name):
    def deco(fn):
        registry[name] = fn
        return fn
    return deco


@register("double")
def double(x):
    return 2 * x


@register("neg")
def neg(x):
    return -x


print(sorted(registry), [registry[k](5) for k in sorted(registry)])


def memo(fn):
    cache = {}

    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    wrapper.cache = cache
    return wrapper


@memo
def ways(n):
    if n < 0:
        return 0
    if n == 0:
        return 1
    return ways(n - 1) + ways(n - 2) + ways(n - 3)


print(ways(30), len(ways.cache))


def checked(fn):
    def wrapper(self, value):
        if value < 0:
            raise ValueError("negative")
        return fn(self, value)
    return wrapper


class Tank:
    def __init__(self):
        self.level = 0

    @checked
    def fill(self, amount):
        self.level += amount
        return self.level


t = Tank()
print(t.fill(5), t.fill(3))
try:
    t.fill(-1)
except ValueError as e:
    print("ValueError", e)
