# Placement in a container adds one; removal removes it.
import sys

o = []
print(sys.getrefcount(o))
l = [o, o]
print(sys.getrefcount(o))      # two slots
t = (o,)
print(sys.getrefcount(o))
d = {'k': o}
print(sys.getrefcount(o))
d['j'] = o
print(sys.getrefcount(o))
del d['k']
print(sys.getrefcount(o))
p = l.pop()
print(sys.getrefcount(o))      # moved from the list to p
del p
print(sys.getrefcount(o))
del l[0]
print(sys.getrefcount(o), len(l))
l.append(o)
print(sys.getrefcount(o))
l[0] = None
print(sys.getrefcount(o))
del t
print(sys.getrefcount(o))
d = None                       # the dict dies and lets go
print(sys.getrefcount(o))
print(sys.getrefcount(l), sys.getrefcount(l[0]) > 1)
