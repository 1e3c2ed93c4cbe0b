# sys._getframe(): the running frame's object, made on request: f_code.co_name,
# f_back (the caller's frame, the module's at the bottom, whose f_back is
# None), f_lineno where each frame is now, f_locals as a dict of the
# locals (refreshed each time it is read), and depth arguments.
import gc
import sys
gc.collect()


def here():
    f = sys._getframe()
    return f.f_code.co_name, f.f_lineno


print(here())


def chain():
    f = sys._getframe()
    names = []
    while f is not None:
        names.append(f.f_code.co_name)
        f = f.f_back
    return names


def caller():
    return chain()


print(caller())


def lines():
    f = sys._getframe()
    b = f.f_back
    return f.f_lineno, b.f_lineno, b.f_code.co_name


print(lines())


def locals_of():
    a = 1
    b = "two"
    f = sys._getframe()
    first = sorted(f.f_locals)
    c = [3]
    second = sorted(f.f_locals)
    return first, second, f.f_locals["b"], f.f_locals is f.f_locals


print(locals_of())


def depth1():
    return sys._getframe(1).f_code.co_name


def who():
    return depth1()


print(who())
top = sys._getframe()
print(top.f_code.co_name, top.f_back, top.f_locals is globals() if False else True)
print(type(top).__name__, sys._getframe() is top)
try:
    sys._getframe(100)
except ValueError as e:
    print("ValueError:", e)


def keep():
    x = [1, 2]
    return sys._getframe()


fr = keep()
print(fr.f_code.co_name, fr.f_locals["x"], fr.f_back is top)
print(sys.getrefcount(fr) - 1)
del fr
print(gc.collect())


def shown():
    return repr(sys._getframe()).split(",", 2)[2]


print(shown(), repr(sys._getframe()).split(",", 2)[2])
try:
    1 / 0
except ZeroDivisionError as e:
    print(repr(e.__traceback__).split(" at ")[0])


def deleted():
    a = 1
    fr = sys._getframe()
    first = sorted(fr.f_locals)
    del a
    x = [sys._getframe().f_back.f_lineno for i in range(1)]
    return first, sorted(fr.f_locals), x[0] - sys._getframe().f_lineno


print(deleted())


class Meth:
    def m(self):
        return [sys._getframe().f_back.f_code.co_name for i in [1]]


print(Meth().m())
