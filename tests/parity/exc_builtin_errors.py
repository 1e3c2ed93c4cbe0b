# Exceptions the interpreter raises (int(), [][i], names, recursion, assert)
# as objects; str() before a subclass's __repr__; args of every shape.
import gc
gc.collect()
class A(Exception):
    def __init__(self, msg, code):
        self.code = code
try:
    raise A("m", 3)
except A as e:
    print(e.args, str(e), repr(e), e.code)
class R(Exception):
    def __repr__(self):
        return "R!"
print(repr(R(1)), str(R(1)), [R(2)])
try:
    int("x")
except ValueError as e:
    print(repr(e), e.args)
try:
    [1][5]
except LookupError as e:
    print(repr(e), e.__class__ is IndexError, e.__class__.__name__)
try:
    x = undefined_name
except NameError as e:
    print(repr(e), e.args)
def rec(n):
    return rec(n + 1)
try:
    rec(0)
except RecursionError as e:
    print(repr(e))
try:
    raise TypeError("ValueError() takes no keyword arguments")
except TypeError as e:
    print(e)

print(hasattr(A("a", 1), "code"), getattr(ValueError(5), "args"), str(ValueError(5)))
try:
    try:
        raise ValueError("first")
    finally:
        print("finally runs")
except ValueError as e:
    print("outer caught", e)
errs = [ValueError, KeyError]
try:
    {}[1]
except tuple(errs) as e:
    print("tuple of list", repr(e))
d = {}
for i in range(3):
    try:
        d[i] += 1
    except KeyError as e:
        d[i] = e.args[0]
print(d)
try:
    raise Exception("a", 1, [2])
except BaseException as e:
    print(e, repr(e), len(e.args))
print(repr(StopIteration()), repr(KeyboardInterrupt()), isinstance(KeyboardInterrupt(), Exception))
try:
    assert 1 == 2, "math"
except AssertionError as e:
    print(repr(e), e.args)
print([repr(e) for e in [ValueError(i) for i in range(3)]])
print(f"{ValueError('fmt')}", "%s" % KeyError('k'))
print(gc.collect())
