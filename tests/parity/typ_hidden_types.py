# type(x) of values builtins has no name for: NoneType, function, method, generator,
# dict views, the iterators; __name__, is, isinstance against them
import gc
def f():
    yield 1
class C:
    def m(self):
        pass
d = {1: 2}
vals = [None, b"x", f, C().m, f(), d.keys(), d.values(), d.items(), iter(range(2)), iter([1]),
        iter((1,)), iter("s"), iter(b"b"), iter(d), iter(d.values()), iter(d.items()), iter({1}),
        reversed([1]), 1, "s", [1], (1,), d, {1}, range(2)]
for v in vals:
    print(type(v), type(v).__name__, type(v) is type(v), isinstance(v, type(v)))
print(isinstance(None, type(None)), isinstance(1, type(None)), isinstance(d.keys(), type(d.values())))
print(type(None) is type(None), type(f) is type(lambda: 0), type(iter([])) is type(iter([2])))
print(type(None).__name__, type(d.items()) == type(d.items()), type(f()) is type(f))
