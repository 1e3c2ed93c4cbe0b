# type() with one argument: the type object a value has, dispatch on it,
# its name; isinstance with builtin types, sets and ranges.
import gc
gc.collect()


class Shape:
    def __init__(self, name):
        self.name = name


class Circle(Shape):
    pass


def describe(x):
    if type(x) is int:
        return 'int ' + str(x)
    if type(x) is str:
        return 'str ' + repr(x)
    if type(x) is bool:
        return 'bool'
    if type(x) == list or type(x) == tuple:
        return type(x).__name__ + ' of ' + str(len(x))
    if type(x) is set or type(x) is frozenset:
        return type(x).__name__ + ' ' + str(sorted(x))
    if type(x) is dict:
        return 'dict with ' + ', '.join(sorted(x))
    if type(x) is Circle:
        return 'a circle named ' + x.name
    return 'other: ' + type(x).__name__


for v in [3, 'hi', True, [1, 2], (1,), {2, 1}, frozenset({5}), {'b': 1, 'a': 2},
          Circle('c'), Shape('s'), 2.5, range(3)]:
    print(describe(v))

print(type(1), type('x'), type([]), type({}), type(()), type({1}), type(frozenset()))
print(type(range(2)), type(1.5), type(True), type(type(1)), type(Shape), type(Circle('z')))
print(type(1) is int, type(True) is int, type(True) is bool, type(1) == float)
print(type(Circle('q')) is Circle, type(Circle('q')) is Shape, type(Shape) is type)
print(type(3)(7) + 1, type('a')(12), type([])((1, 2)), int.__name__, type({1}).__name__)
print(isinstance({1}, set), isinstance({1}, frozenset), isinstance(frozenset(), frozenset))
print(isinstance(range(3), range), isinstance([], set), isinstance(True, int))
print(repr(int), repr(set), str(range))

# issubclass along the MRO, with builtin types, tuples, and its errors
class Square(Shape):
    pass


print(issubclass(Circle, Shape), issubclass(Shape, Circle), issubclass(Circle, Circle))
print(issubclass(Circle, (Square, Shape)), issubclass(Square, (Circle,)), issubclass(Circle, object))
print(issubclass(bool, int), issubclass(int, bool), issubclass(int, int), issubclass(set, frozenset))
print(issubclass(int, object), issubclass(Shape, int), issubclass(range, object))
def subclass_error(a, b):
    try:
        issubclass(a, b)
    except TypeError as e:
        print(e)


subclass_error(1, Shape)
subclass_error(Shape, 1)
subclass_error(Shape, (Circle, 2))
