# test_gc.test_is_tracked: which objects the collector follows
import gc


class C:
    pass


class S:
    __slots__ = ()


print(gc.is_tracked(None), gc.is_tracked(1), gc.is_tracked(1.0))
print(gc.is_tracked("a"))
print(gc.is_tracked(b"a"), gc.is_tracked(bytearray(b"a")))
print(gc.is_tracked(type), gc.is_tracked(int), gc.is_tracked(object))
print(gc.is_tracked(object()), gc.is_tracked(C), gc.is_tracked(C()))
print(gc.is_tracked(S()), gc.is_tracked([]), gc.is_tracked(set()))
print(gc.is_tracked({}), gc.is_tracked({"a": 1}), gc.is_tracked({"a": []}))
print(gc.is_tracked(()), gc.is_tracked((1, 2)), gc.is_tracked(([],)))
d = {}
d["x"] = 1
print(gc.is_tracked(d))
d["y"] = []
print(gc.is_tracked(d))
t = tuple([1, 2])
print(gc.is_tracked(t))
gc.collect()
print(gc.is_tracked(t))
print(gc.is_tracked(lambda: 0), gc.is_tracked(range(3)), gc.is_tracked(iter([])))
