# A bound builtin holds its self: counts, lifetimes, cycles, the collector.
import gc
import sys

s = "text" + str(7)
print(sys.getrefcount(s))
up = s.upper
print(sys.getrefcount(s))
more = [s.upper, s.lower, s.strip]
print(sys.getrefcount(s))
del more
print(sys.getrefcount(s))
del up
print(sys.getrefcount(s))

print(gc.is_tracked(s.upper), gc.is_tracked(len), gc.is_tracked(str.upper))
print(gc.get_referents(s.upper) == [s], gc.get_referents(str.upper) == [str])
lst = [1]
app = lst.append
print(gc.get_referents(app)[0] is lst, sys.getrefcount(lst))
del app
print(sys.getrefcount(lst))

# the bound builtin keeps its list alive after every name of it is gone
class Item:
    def __del__(self):
        print("Item freed")
def make():
    box = [Item()]
    return box.pop
pop = make()
print("popping")
item = pop()
print("popped")
del item
del pop

# an instance storing its list's append keeps the list alive
class Bag:
    def __init__(self):
        self.items = []
        self.add = self.items.append
    def __del__(self):
        print("Bag freed")
b = Bag()
kept = b.items
print(sys.getrefcount(kept))
b.add(1)
del b
print(sys.getrefcount(kept), kept)

# a list holding its own append is a cycle only the collector frees
gc.collect()
loop = []
loop.append(loop.append)
print(sys.getrefcount(loop))
del loop
print(gc.collect())

class Node:
    def __init__(self):
        self.children = []
        self.adopt = self.children.append
n = Node()
n.adopt(n)
del n
print(gc.collect())

# creating a bound builtin is one gen-0 allocation, as LOAD_ATTR's
gc.collect()
gc.disable()
c0 = gc.get_count()[0]
f = s.upper
c1 = gc.get_count()[0]
del f
c2 = gc.get_count()[0]
gc.enable()
print(c1 - c0, c2 - c0)
