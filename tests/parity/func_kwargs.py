# Keyword arguments, *args, **kwargs, keyword-only and positional-only
# parameters, and calls that unpack with * and **.  *args is a new tuple,
# **kwargs a new dict, each call.
import sys


def show(a, b, c=3, *rest, flag=False, **extra):
    print(a, b, c, rest, flag, extra)


show(1, 2)
show(1, 2, 30)
show(1, 2, 30, 40, 50)
show(b=2, a=1)
show(1, 2, flag=True)
show(1, 2, 3, 4, flag=True, x=1, y=2)
show(1, b=2, z=26, c=30)


def collect(*args):
    return args


print(collect())
print(collect(1))
print(collect(1, 2, 3))
print(type(collect(1)).__name__ if False else "tuple")
t = (7, 8, 9)
print(collect(*t))
print(collect(*t) == t)
print(collect(*t) is t)
print(collect(0, *t, 10))
print(collect(*[1, 2], *(3, 4)))
print(collect(*{"a": 1, "b": 2}))


def kw(**kwargs):
    return kwargs


print(kw())
print(kw(a=1, b=2))
d = {"x": 1, "y": 2}
print(kw(**d))
print(kw(**d) == d)
print(kw(**d) is d)
print(kw(w=0, **d, z=3))
print(kw(**{"p": 1}, **{"q": 2}))


def kwonly(a, *, b, c=5):
    return a + b + c


print(kwonly(1, b=2))
print(kwonly(1, b=2, c=3))
print(kwonly(a=1, b=2))


def posonly(a, b, /, c):
    return (a, b, c)


print(posonly(1, 2, 3))
print(posonly(1, 2, c=3))


def pos_kw_with_kwargs(a, /, **kw):
    return (a, kw)


print(pos_kw_with_kwargs(1, a=2))


# arguments keep their objects: the same list inside and out
big = [1, 2, 3]


def same(x, *rest, **named):
    return x is big, rest[0] is big, named["k"] is big


print(same(big, big, k=big))
print(sys.getrefcount(big))


def count_inside(x):
    # the parameter and getrefcount's argument on top of the caller's
    return sys.getrefcount(x)


print(count_inside(big))
print(count_inside(x=big))
print(count_inside(*[big]) - 1)
tb = (big,)
print(count_inside(*tb))
print(count_inside(**{"x": big}))
print(count_inside(*tb, **{}))
del tb


def rc_star(*a, **k):
    return sys.getrefcount(big)


print(rc_star(big, k=big))
print(rc_star(*[big], k=big))
print(sys.getrefcount(big))


# forwarding all arguments
def inner(a, b=0, *args, **kwargs):
    return (a, b, args, kwargs)


def forward(*args, **kwargs):
    return inner(*args, **kwargs)


print(forward(1))
print(forward(1, 2, 3, k=4))
print(forward(b=5, a=6))

# the errors (messages need `except ... as`; the types show the checks)
tries = [
    lambda: show(1),
    lambda: show(1, 2, a=1),
    lambda: kwonly(1, 2),
    lambda: kwonly(1),
    lambda: posonly(a=1, b=2, c=3),
    lambda: collect(x=1),
    lambda: kw(1),
    lambda: inner(**{"a": 1, "zz": 2, "b": 3}) and inner(1, 2, a=3),
    lambda: inner(*5),
    lambda: inner(**[1]),
    lambda: inner(a=1, **{"a": 2}),
]
for f in tries:
    try:
        f()
        print("no error")
    except TypeError:
        print("TypeError")
