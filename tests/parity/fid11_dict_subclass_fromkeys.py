# dict.fromkeys on a dict subclass makes the subclass (cls()), as
# CPython's dict_fromkeys does; inherited methods seen on the class.
import sys


class Config(dict):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.created = True

    def get_int(self, key):
        return int(self.get(key, 0))


class Stack(list):
    pass


c = Config.fromkeys(["host", "port"], "")
print(type(c).__name__, c, isinstance(c, Config), c.created)
d = Config.fromkeys(range(3))
print(d, d.get_int(1) if d[1] is not None else "none")
print(type(dict.fromkeys("xy")).__name__, dict.fromkeys("xy", 1))
inst = Config(a=1)
again = inst.fromkeys("pq", 5)
print(type(again).__name__, again, inst)
print(type(inst.copy()).__name__)
shared = []
e = Config.fromkeys("ab", shared)
print(e["a"] is e["b"], sys.getrefcount(shared))
del e
print(sys.getrefcount(shared))
print(Stack.append, Config.keys)
s = Stack()
Stack.append(s, 3)
print(s, type(s).__name__)
print(Config.fromkeys.__self__ is Config, Config.fromkeys("z"))
