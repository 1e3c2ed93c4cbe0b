# builtin types as values: type(x) in a name, tuples/lists/dicts/sets of types,
# isinstance with a stored tuple, calling, __name__, repr, hashing, is/==
import gc
gc.collect()
t = type(1)
print(t, t is int, t == int, int is t, t != str)
kinds = (int, str)
print(kinds, isinstance(1, kinds), isinstance('a', kinds), isinstance(1.5, kinds))
for t in (int, str, list, dict, tuple, float):
    print(t.__name__, gc.is_tracked(t()), t())
d = {int: 'i', str: 's'}
print(d[int], d[type('x')], int in d, float in d)
l = [int, float]
print(l, l[0]('7') + 1, l.index(float))
print(type(None), type(x := None) is type(None))
def f(k):
    return k('3')
print(f(int), f(float), f(str))
print(gc.is_tracked(int), int in gc.get_objects(), len(gc.get_objects()) >= 0)
print(issubclass(bool, l[0]), issubclass(l[0], object), isinstance(True, l[0]))
print(repr(l[1]), str(l[1]), hash(int) == hash(l[0]))
t = list
class S(t):
    pass
print(isinstance(S(), t), S([1, 2]), S.__base__ is list, S.__base__ is t)
