# names and attributes as pymmctl now sends them (name IDs, docs/abi.md):
# the same identifier as a global, a local, a parameter, an attribute and a
# method; rebinding, del, NameError and UnboundLocalError; names made by
# setattr()/getattr(); a non-ASCII identifier; refcounts of bound values
import gc
import sys

gc.collect()

value = [1]
print(sys.getrefcount(value))


def value_user(value):
    value = value + [2]
    return value


print(value_user(value), value)
value = value_user(value)
print(value, sys.getrefcount(value))


class Box:
    value = "class"

    def __init__(self, value):
        self.value = value

    def value_of(self):
        return self.value


b = Box(value)
print(b.value, Box.value, b.value_of(), sys.getrefcount(value))
del b.value
print(b.value, sys.getrefcount(value))
b.value = 3
b.value += 4
print(b.value)
setattr(b, "made_by_setattr", 5)
print(getattr(b, "made_by_setattr"), b.made_by_setattr)
delattr(b, "made_by_setattr")
print(hasattr(b, "made_by_setattr"))
try:
    b.made_by_setattr
except AttributeError as e:
    print("AttributeError", e)

café = 10
naïve = café + 1
print(café, naïve)
del café
try:
    print(café)
except NameError as e:
    print("NameError", e)


def unbound():
    try:
        print(later)
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    later = 1
    del later
    try:
        del later
    except UnboundLocalError as e:
        print("UnboundLocalError", e)


unbound()
del value
try:
    value
except NameError as e:
    print("NameError", e)
print(gc.collect())
