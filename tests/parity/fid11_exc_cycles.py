# Exceptions in reference cycles: what gc.collect() finds, and what
# e.__dict__ holds (args, __context__ & co are BaseException's fields).
import gc


class AppError(Exception):
    pass


class Retry(ValueError):
    def __init__(self, n):
        self.n = n


gc.collect()
a = AppError()
b = AppError()
a.other = b
b.other = a
del a, b
print("attributes:", gc.collect())

a = AppError(1, 2)
b = AppError("x")
a.other = b
b.other = a
del a, b
print("with args:", gc.collect())

a = AppError()
b = AppError()
a.__context__ = b
b.__context__ = a
print(a.__dict__, b.__dict__, a.__context__ is b)
del a, b
print("context cycle:", gc.collect())

a = Exception()
b = Exception()
a.__cause__ = b
b.__cause__ = a
del a, b
print("cause cycle:", gc.collect())

a = Retry(3)
b = Retry(4)
a.o = b
b.o = a
print(vars(a) == {"n": 3, "o": b}, a.args)
del a, b
print("init attributes:", gc.collect())


def fail():
    try:
        raise AppError("boom")
    except AppError as e:
        return e


a = fail()
b = fail()
a.other = b
b.other = a
del a, b
print("with tracebacks:", gc.collect())


def keep_self():
    try:
        raise AppError("boom")
    except AppError as e:
        e.me = e


keep_self()
print("self cycle:", gc.collect())

e = AppError(1)
e.x = [1]
e.__context__ = KeyError("k")
refs = gc.get_referents(e)
print([type(r).__name__ for r in refs])
print(AppError in refs, e.__dict__)
print(gc.is_tracked(e), gc.is_tracked(e.args))
e.args = ("changed",)
print(e, e.__dict__)
