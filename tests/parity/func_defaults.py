# Default values: evaluated once, at def time, and kept in the function's
# __defaults__ tuple (keyword-only ones in the __kwdefaults__ dict), so a
# mutable default accumulates and its count shows the tuple's reference.
import sys
import gc


def append_to(item, target=[]):
    target.append(item)
    return target


print(append_to(1))
print(append_to(2))
print(append_to(3, []))
print(append_to(4))
print(append_to.__defaults__)
print(len(append_to.__defaults__[0]))

# the default list: the tuple's reference, plus getrefcount's argument
d = append_to.__defaults__[0]
print(sys.getrefcount(d))
del d
print(sys.getrefcount(append_to.__defaults__[0]))

# a default shared with a name: one more
shared = [10, 20]


def uses_shared(x=shared):
    return x


print(sys.getrefcount(shared))
print(uses_shared() is shared)
del uses_shared
print(sys.getrefcount(shared))


# several defaults, some omitted, some by keyword
def box(a, b=2, c=3, d=4):
    return (a, b, c, d)


print(box(1))
print(box(1, 20))
print(box(1, d=40))
print(box(1, 20, 30, 40))
print(box(a=5, c=7))
print(box.__defaults__)


# defaults evaluated once: a counter
calls = []


def make_default():
    calls.append(1)
    return len(calls) * 100


def once(x=make_default()):
    return x


print(once(), once(), once(1))
print(len(calls))

# keyword-only defaults live in __kwdefaults__
def kwo(a, *, key=None, reverse=False):
    return (a, key, reverse)


print(kwo(1))
print(kwo(1, reverse=True))
print(kwo.__kwdefaults__)
print(kwo.__defaults__)
print(box.__kwdefaults__)

# __defaults__ can be replaced, and the function sees the new values
box.__defaults__ = (-2, -3, -4)
print(box(0))
box.__defaults__ = None
print(box.__defaults__)
try:
    box(0)
except TypeError:
    print("TypeError: missing arguments")

# a default holding a container: the collector tracks it
def holder(x={"k": [1, 2]}):
    return x


gc.collect()
print(gc.is_tracked(holder.__defaults__))
print(gc.is_tracked(holder.__defaults__[0]))

# a function whose default refers back to the function's own list
registry = []


def reg(x, into=registry):
    into.append(x)


reg(1)
reg(2)
print(registry)
print(sys.getrefcount(registry))
del reg
print(sys.getrefcount(registry))
