# A name binding adds one reference; rebinding and del remove it.
# (sys.getrefcount counts its own argument too.)
import sys

a = []
print(sys.getrefcount(a))      # a + argument
b = a
print(sys.getrefcount(a))
c = b
print(sys.getrefcount(a))
b = None
print(sys.getrefcount(a))      # rebinding dropped one
del c
print(sys.getrefcount(a))      # del dropped one
x = y = a
print(sys.getrefcount(a))
del x, y
print(sys.getrefcount(a))
print(sys.getrefcount([]))     # only the argument
