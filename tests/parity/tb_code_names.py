# f_code.co_name of each kind of frame: a generator's, a list
# comprehension's, a class body's, a lambda's, and along a traceback that
# crosses a generator.
import gc
import sys
gc.collect()
def gen():
    yield sys._getframe().f_code.co_name
print(next(gen()))
print([sys._getframe().f_code.co_name for i in range(1)])
class K:
    name = sys._getframe().f_code.co_name
print(K.name)
def bad():
    raise KeyError(1)
def g2():
    yield bad()
try:
    next(g2())
except KeyError as e:
    tb = e.__traceback__
    while tb:
        print(tb.tb_frame.f_code.co_name, tb.tb_lineno)
        tb = tb.tb_next
f = lambda: sys._getframe().f_code
print(f().co_name)
