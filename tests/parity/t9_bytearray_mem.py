# A bytearray's memory behaviour as CPython's: not tracked by the collector
# (no gen-0 count, never in gc.get_objects()), no weak references,
# unhashable; counted references through lists, dicts and aliases; a cycle
# of lists holding bytearrays collected with CPython's count; a buffer that
# grows and shrinks keeps its identity.
import gc
import sys
import weakref

gc.collect()
before = gc.get_count()[0]
bufs = [bytearray(b"x" * i) for i in range(5)]
print(gc.get_count()[0] - before)
ba = bytearray(b"data")
print(gc.is_tracked(ba), gc.is_tracked(bufs), any(o is ba for o in gc.get_objects()))
base = sys.getrefcount(ba)
alias = ba
holder = [ba, ba]
table = {"k": ba}
print(sys.getrefcount(ba) - base)
del alias, holder, table
print(sys.getrefcount(ba) - base)
try:
    weakref.ref(ba)
except TypeError as e:
    print("TypeError:", e)
try:
    {ba: 1}
except TypeError as e:
    print("TypeError:", e)
try:
    {ba}
except TypeError as e:
    print("TypeError:", e)
print(gc.get_referents([ba]) == [ba], gc.get_referents(ba))
ident = ba
for i in range(1000):
    ba.append(i % 256)
while len(ba) > 10:
    ba.pop()
print(ba is ident, len(ba), ba[:6])
a = [bytearray(b"in a cycle")]
b = [a, bytearray(100)]
a.append(b)
del a, b
print(gc.collect())
chunks = []
for n in range(3):
    chunk = bytearray(n + 1)
    chunk[0] = 65 + n
    chunks.append(chunk)
print(chunks, b"".join(chunks) if False else [bytes(c) for c in chunks])
big = bytearray(200000)
big[-1] = 7
print(len(big), big[-1], big.count if False else sum(big))
del big
print(gc.collect())
