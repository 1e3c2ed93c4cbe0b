# frame.f_globals is the module's dict: of a finished function's frame,
# the module frame, a caller's, a class body's, a comprehension's and a
# generator's
import sys
TOP = "top"
def f():
    return sys._getframe()
fr = f()
print(fr.f_globals is globals(), fr.f_globals["TOP"])
print(sys._getframe().f_globals is globals())
def caller_globals():
    return sys._getframe(1).f_globals
print(caller_globals() is globals())
class C:
    g = sys._getframe().f_globals
print(C.g is globals())
print([sys._getframe().f_globals is globals() for _ in range(1)])
def gen():
    yield sys._getframe().f_globals
print(next(gen()) is globals())
