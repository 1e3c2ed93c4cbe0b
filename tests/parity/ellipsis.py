# Ellipsis: the literal `...` and the name, one object; its type `ellipsis`;
# `...` as a stub body; isinstance against the object() singletons' own types
import sys
print(..., Ellipsis, ... is Ellipsis, type(...), type(...).__name__)
print(isinstance(object(), type(NotImplemented)), isinstance(NotImplemented, type(NotImplemented)))
print(isinstance(..., type(...)), isinstance(object(), type(...)), isinstance(..., object))
def stub(): ...
class Proto:
    def method(self): ...
print(stub(), Proto().method())
t = (1, ...)
print(t, [..., ...], {...: 1}, repr(...), str(...), bool(...), not ...)
x = ...
print(x is ..., x == Ellipsis, f"{...}", "%s" % (...,))
print(type(...) is type(Ellipsis))
import gc
gc.collect()
t = (1, ..., "x")
print(gc.is_tracked(t), gc.is_tracked(...), ... in t, t.index(...), t.count(...))
l = [..., 2]
print(gc.is_tracked(l), len(gc.get_referents(l)), gc.get_referents(l)[0] is ...)
def f(x=...):
    return x is ...
print(f(), f(1), f.__defaults__)
