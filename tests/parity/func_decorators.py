# Decorators: evaluated before the def, applied bottom-up after it; the
# name is bound to whatever the last one returned.
import sys
import gc

log = []


def trace(fn):
    def wrapper(*args, **kwargs):
        log.append(fn.__name__)
        return fn(*args, **kwargs)
    return wrapper


@trace
def greet(name, punct="!"):
    return "hello " + name + punct


print(greet("pymm"))
print(greet("you", punct="?"))
print(log)
print(greet.__name__)
print(greet.__qualname__)


# stacked decorators: the nearest to the def runs first
order = []


def tag(label):
    order.append("made " + label)

    def deco(fn):
        order.append("applied " + label)

        def inner():
            return label + "(" + fn() + ")"
        return inner
    return deco


@tag("outer")
@tag("inner")
def base():
    return "base"


print(base())
print(order)

# a registering decorator returns the function itself
registry = {}


def register(fn):
    registry[fn.__name__] = fn
    return fn


@register
def one():
    return 1


@register
def two():
    return 2


print(sorted(registry.keys()) if False else len(registry))
print(registry["one"] is one, registry["two"]() + registry["one"]())
print(sys.getrefcount(one))

# a decorator with state in a closure
def counted(fn):
    calls = 0

    def wrapper(*a):
        nonlocal calls
        calls += 1
        return (calls, fn(*a))
    return wrapper


@counted
def ident(x):
    return x


print(ident("a"), ident("b"), ident("c"))
print(ident.__closure__[0].cell_contents)

# a decorator that replaces the function with something else
def to_value(fn):
    return fn()


@to_value
def answer():
    return 42


print(answer)

# the decorated function's wrapper keeps the original alive
def noisy():
    pass


wrapped = trace(noisy)
del noisy
print(wrapped.__closure__[0].cell_contents.__name__)
del wrapped
gc.collect()
print(gc.collect())
