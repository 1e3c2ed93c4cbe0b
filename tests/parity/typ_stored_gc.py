# stored builtin types are static: no new gc objects, untracked, never garbage;
# issubclass/isinstance against stored types and type itself
import gc, sys
gc.collect()
n0 = len(gc.get_objects())
kinds = [int, str, float, bool, tuple, list, dict, set, frozenset, type(b''), type(None), range]
n1 = len(gc.get_objects())
print(n1 - n0)
print([k.__name__ for k in kinds])
print(sorted(kinds, key=lambda k: k.__name__)[0])
s = {int, str, int}
print(len(s), int in s)
print(type(kinds[0]), type(int) is type, isinstance(int, type), isinstance(kinds[1], type))
print(callable(kinds[0]), kinds[6](a=1))
x = int
x = None
print(gc.collect())
print(int.__name__, type(3) is not str, [t for t in kinds if t is bool])
print(type(type(1)))
del kinds
print(gc.collect())
print(list(range(3)))
print(kinds2 := (int,), issubclass(bool, kinds2), isinstance(True, kinds2))
