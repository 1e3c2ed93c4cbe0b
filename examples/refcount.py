# When a reference count rises and falls (seeds/003).
import sys
a = [1, 2, 3]
print("one name:              ", sys.getrefcount(a))
b = a
print("a second name:         ", sys.getrefcount(a))
box = [a, a]
print("placed in a list twice:", sys.getrefcount(a))
box.pop()
print("removed once:          ", sys.getrefcount(a))
del b
print("del b:                 ", sys.getrefcount(a))
def f(x):
    print("inside a frame:        ", sys.getrefcount(x))
    return len(x)
f(a)
print("after the frame exits: ", sys.getrefcount(a))
