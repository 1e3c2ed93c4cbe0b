# CPython 3.11's free lists and generation 0's count: an object taken from
# or returned to a free list (float, tuple of 1..20 items, list, dict) is
# neither an allocation nor a free for gc.get_count(); a full collection
# empties the lists, a young one does not.  Each line is the change of
# gen 0's count over one step (get_count()'s own 3-tuple reuses one block).
import gc
gc.disable()
gc.collect()
out = []
p = gc.get_count()[0]
n = gc.get_count()[0]
out.append((n - p, "warm"))
p = gc.get_count()[0]
a = []
n = gc.get_count()[0]
out.append((n - p, "new list"))
p = gc.get_count()[0]
del a
n = gc.get_count()[0]
out.append((n - p, "list to the free list"))
p = gc.get_count()[0]
b = []
n = gc.get_count()[0]
out.append((n - p, "list from the free list"))
p = gc.get_count()[0]
c = [[], [], []]
n = gc.get_count()[0]
out.append((n - p, "four lists"))
p = gc.get_count()[0]
del c
n = gc.get_count()[0]
out.append((n - p, "four lists kept"))
p = gc.get_count()[0]
d = {}
e = {"k": 1}
n = gc.get_count()[0]
out.append((n - p, "two dicts"))
p = gc.get_count()[0]
del d
del e
n = gc.get_count()[0]
out.append((n - p, "two dicts kept"))
p = gc.get_count()[0]
f = {}
g = {}
h = {}
n = gc.get_count()[0]
out.append((n - p, "two reused, one new"))
p = gc.get_count()[0]
t = (b, b)
n = gc.get_count()[0]
out.append((n - p, "2-tuple"))
p = gc.get_count()[0]
del t
t = (b, b)
n = gc.get_count()[0]
out.append((n - p, "2-tuple again"))
p = gc.get_count()[0]
u = (b, b, b)
n = gc.get_count()[0]
out.append((n - p, "3-tuple"))
p = gc.get_count()[0]
big = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
n = gc.get_count()[0]
out.append((n - p, "21-tuple"))
p = gc.get_count()[0]
del big
n = gc.get_count()[0]
out.append((n - p, "21-tuple freed"))
p = gc.get_count()[0]
big = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
n = gc.get_count()[0]
out.append((n - p, "21-tuple again"))
p = gc.get_count()[0]
x = 1.5
y = x * 2.0
del x
z = y + 1.0
n = gc.get_count()[0]
out.append((n - p, "floats"))
p = gc.get_count()[0]

# list: 80 kept, the rest freed
many = []
for i in range(100):
    many.append([])
n = gc.get_count()[0]
out.append((n - p, "100 lists"))
p = gc.get_count()[0]
del many
n = gc.get_count()[0]
out.append((n - p, "101 lists freed, 80 kept"))
p = gc.get_count()[0]
many = []
for i in range(100):
    many.append([])
n = gc.get_count()[0]
out.append((n - p, "100 lists again"))
p = gc.get_count()[0]
many = 0
n = gc.get_count()[0]
out.append((n - p, "freed again"))
p = gc.get_count()[0]

# dict: 80 kept
many = []
for i in range(100):
    many.append({})
n = gc.get_count()[0]
out.append((n - p, "100 dicts"))
p = gc.get_count()[0]
many = 0
n = gc.get_count()[0]
out.append((n - p, "100 dicts freed"))
p = gc.get_count()[0]
many = []
for i in range(100):
    many.append({})
n = gc.get_count()[0]
out.append((n - p, "100 dicts again"))
p = gc.get_count()[0]
many = 0

# tuples of one item: 2000 kept
many = []
for i in range(2100):
    many.append((i,))
n = gc.get_count()[0]
out.append((n - p, "2100 1-tuples"))
p = gc.get_count()[0]
many = 0
n = gc.get_count()[0]
out.append((n - p, "2100 1-tuples freed"))
p = gc.get_count()[0]
many = []
for i in range(2100):
    many.append((i,))
n = gc.get_count()[0]
out.append((n - p, "2100 1-tuples again"))
p = gc.get_count()[0]
many = 0

# a young collection keeps the lists, a full one empties them
gc.collect(0)
p = gc.get_count()[0]
q = []
n = gc.get_count()[0]
out.append((n - p, "list after collect(0)"))
p = gc.get_count()[0]
del q
gc.collect(1)
p = gc.get_count()[0]
q = []
n = gc.get_count()[0]
out.append((n - p, "list after collect(1)"))
p = gc.get_count()[0]
del q
gc.collect()
p = gc.get_count()[0]
q = []
n = gc.get_count()[0]
out.append((n - p, "list after collect(2)"))
p = gc.get_count()[0]
last = gc.get_count()
for o in out:
    print(o[1], o[0])
print(last)
