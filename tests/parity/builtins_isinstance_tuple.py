# isinstance/issubclass with a tuple display of builtin types and classes, nested, in order
import gc
gc.collect()
class A:
    pass
class B(A):
    pass
for v in [1, "s", 2.5, [1], A(), B(), None, True, (1,)]:
    print(isinstance(v, (int, str)), isinstance(v, (list, (float, A))), isinstance(v, ()), isinstance(v, (B, bool)))
print(issubclass(B, (int, A)), issubclass(A, (B,)), issubclass(bool, (str, int)))
kinds = (A, B)
print(isinstance(B(), kinds), isinstance(3, kinds))
print(isinstance(1, (int, 5)))
try:
    isinstance(1, (5, int))
except TypeError as e:
    print("TypeError", e)
