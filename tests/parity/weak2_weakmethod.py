# weakref.WeakMethod as observers use it: handlers that do not keep their
# objects alive (test_weakref's WeakMethodTestCase, as a script).
import gc
import weakref

gc.collect()  # what the imports left


class Signal:
    def __init__(self):
        self.slots = []

    def connect(self, method):
        self.slots.append(weakref.WeakMethod(method, self._gone))

    def _gone(self, wm):
        print("  slot gone:", wm in self.slots)
        self.slots.remove(wm)

    def emit(self, *args):
        for wm in list(self.slots):
            m = wm()
            if m is not None:
                m(*args)


class Label:
    def __init__(self, name):
        self.name = name

    def update(self, value):
        print("  %s shows %r" % (self.name, value))


changed = Signal()
first, second = Label("first"), Label("second")
changed.connect(first.update)
changed.connect(second.update)
print("emit 1")
changed.emit(1)
del second
print("emit 2, slots:", len(changed.slots))
changed.emit(2)

# alive: calling gives a new bound method each time
class Object:
    def __init__(self, arg):
        self.arg = arg

    def some_method(self):
        return 4

    def other_method(self):
        return 5

o = Object(1)
r = weakref.WeakMethod(o.some_method)
m = r()
print(m.__self__ is o, m.__func__ is Object.some_method, m(), r() is m, r() == m)
del m

# equality and hashing follow the object and the function
x, y = Object(1), Object(1)
a = weakref.WeakMethod(x.some_method)
b = weakref.WeakMethod(x.some_method)
c = weakref.WeakMethod(x.other_method)
d = weakref.WeakMethod(y.some_method)
print(a == b, a != b, a == c, a == d, a != c, a == x.some_method)
print(hash(a) == hash(b) == hash(x), len({a, b, c, d}))
table = {a: "a", c: "c"}
print(table[b], table[weakref.WeakMethod(x.other_method)])
del x
print(a == b, a != b, a == a)
print(a in table, hash(a) == hash(b))

# the object dies first: the callback runs once, with the WeakMethod
calls = []

def record(w):
    calls.append(w)

o = Object(1)
r = weakref.WeakMethod(o.some_method, record)
del o
gc.collect()
print(calls == [r], r())

# the method (the class's function) dies first
class Temp:
    def some_method(self):
        return 1

calls.clear()
t = Temp()
r = weakref.WeakMethod(t.some_method, record)
del Temp.some_method
gc.collect()
print(calls == [r], r(), t is not None)

# no cycle: dropping the WeakMethod frees it at once
o = Object(1)
wr = weakref.ref(weakref.WeakMethod(o.some_method))
print(wr())

# an object in a cycle goes with the collector; the callback still runs
class Node(Object):
    pass

n = Node(2)
n.me = n
r = weakref.WeakMethod(n.some_method, lambda w: print("  node callback, dead:", w() is None))
del n
print("collect:", gc.collect() > 0)
print(r())
try:
    weakref.WeakMethod(Object.some_method)
except TypeError as e:
    print("TypeError:", e)
