# stored builtin types in use: a class attribute holding a type, *args/**kw of types,
# a dict comprehension keyed by types, type(v) in a display, f-strings of types
import gc
gc.collect()
class C:
    kind = int
    def make(self, v):
        return self.kind(v)
c = C()
print(c.make('5'), C.kind, c.kind is int)
print(type(3.0) in (int, float), type('') in [int, float])
t = type(None)
print(t is type(None), f"{t} {t.__name__!r}", str(int), f"{int}")
def g(*types, **kw):
    return [x.__name__ for x in types], kw
print(g(int, str, k=list))
m = {t: n for n, t in enumerate((int, str, list))}
print(m, m[str], sorted(m.values()))
x = [1, 'a', 2.0, [], {}]
print([type(v).__name__ for v in x if type(v) in m])
k = int
print(k('12', 8), k(k('3')), k == int, k != int, k is not str)
del k, m
print(gc.collect())
