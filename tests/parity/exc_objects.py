import gc
gc.collect()
try:
    raise ValueError("bad")
except ValueError as e:
    print(e, repr(e), e.args, e.__class__.__name__, isinstance(e, Exception), isinstance(e, KeyError))
print(ValueError, Exception)
try:
    {}["k"]
except (IndexError, KeyError) as e:
    print(repr(e), e.args, str(e))
try:
    1/0
except ArithmeticError as e:
    print(repr(e), e.__cause__, e.__context__, e.__suppress_context__)
class MyError(ValueError):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
try:
    raise MyError("boom", 42)
except ValueError as e:
    print(repr(e), e.code, e.args, str(e), isinstance(e, MyError), e.__class__.__name__)
try:
    e
except NameError as n:
    print("unbound:", n)
class Plain(Exception): pass
try:
    raise Plain
except Exception as e:
    print(repr(e), e.args)
try:
    try:
        raise KeyError("x")
    except KeyError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as e:
    print(repr(e), repr(e.__cause__), repr(e.__context__), e.__suppress_context__)
try:
    try:
        raise KeyError("x")
    except KeyError:
        raise RuntimeError("during")
except RuntimeError as e:
    print(repr(e), repr(e.__cause__), repr(e.__context__), e.__suppress_context__)
print(repr(ValueError()), repr(ValueError(1, 2)), str(ValueError(1, 2)), str(KeyError("a")))
try:
    raise 3
except TypeError as e:
    print(e)
