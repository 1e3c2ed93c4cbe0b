# Cycles through lists, dicts, tuples and instances, and long rings and
# chains: gc.collect() returns the number of unreachable objects, as
# CPython 3.11 counts them.
import gc
gc.disable()
gc.collect()

a = []
a.append(a)
del a
print("self list", gc.collect())

d = {}
d["self"] = d
del d
print("self dict", gc.collect())

l = []
t = (l, 1)
l.append(t)
del l
del t
print("list and tuple", gc.collect())


class C:
    pass


c = C()
c.me = c
del c
print("self instance", gc.collect())

x = C()
y = C()
x.other = y
y.other = x
del x
del y
print("instance pair", gc.collect())

p = C()
q = {}
r = [p, q]
p.items = r
q["owner"] = p
del p
del q
del r
print("instance dict list", gc.collect())

first = []
prev = first
for i in range(100):
    node = []
    prev.append(node)
    prev = node
prev.append(first)
del prev
del node
del first
print("ring of 101", gc.collect())

chain = []
top = chain
for i in range(50):
    inner = [i]
    top.append(inner)
    top = inner
top.append(chain)
del top
del inner
del chain
print("chain of 51", gc.collect())

print("nothing left", gc.collect())
