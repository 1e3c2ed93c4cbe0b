# Calls: the parameter is a new reference in the callee's frame; the frame's
# exit drops its locals.
import sys

def count(x):
    return sys.getrefcount(x)

def hold(x):
    y = x
    z = [x]
    return sys.getrefcount(x)

def nested(x):
    return count(x)

a = []
print(sys.getrefcount(a))
print(count(a))
print(hold(a))
print(nested(a))
print(sys.getrefcount(a))      # every frame is gone

def keep(x):
    global kept
    kept = x
    return 1

keep(a)
print(sys.getrefcount(a))
del kept
print(sys.getrefcount(a))

def make():
    m = []
    n = m
    return m

r = make()
print(sys.getrefcount(r))      # the locals died with the frame
