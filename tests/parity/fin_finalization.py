# Lib/test/test_finalization.py scenarios the language can express:
# simple objects and self-cycles, with and without resurrection, watched
# through weak references (cleared before the finalizer in a collection,
# kept at a refcount death that resurrects).
import gc
import weakref

# the interpreter's own garbage (a cold import of weakref) is not the script's
gc.collect()

survivors = []
calls = []


class Simple:
    def __del__(self):
        calls.append(self.id)


class SimpleResurrector:
    def __del__(self):
        calls.append(self.id)
        survivors.append(self)


def report(what, wr):
    print(what, "calls", len(calls), "survivors", len(survivors), "dead", wr() is None)


gc.disable()

s = Simple()
s.id = 1
wr = weakref.ref(s)
del s
report("simple", wr)
print(gc.collect())
report("simple after collect", wr)

s = SimpleResurrector()
s.id = 2
wr = weakref.ref(s)
del s
report("resurrect", wr)
survivors.pop()
report("resurrect dropped", wr)

s = Simple()
s.id = 3
s.ref = s
wr = weakref.ref(s)
del s
print(gc.collect())
report("self cycle", wr)

s = SimpleResurrector()
s.id = 4
s.ref = s
wr = weakref.ref(s)
del s
print(gc.collect())
report("self cycle resurrect", wr)
survivors.pop()
print(gc.collect())
report("self cycle resurrect dropped", wr)

a = SimpleResurrector()
b = SimpleResurrector()
a.id = 5
b.id = 6
a.other = b
b.other = a
del a, b
print(gc.collect())
print("calls", calls)
x = survivors.pop()
y = survivors.pop()
print("pair", x.id + y.id, x.other is y)
del x, y
print(gc.collect())
print("calls", len(calls))
gc.enable()
