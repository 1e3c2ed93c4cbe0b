# an exception's traceback keeps frames (and their locals) alive
import gc
import sys


class Big:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("Big freed", self.n)


def fails():
    data = Big(1)
    raise ValueError("bad")


try:
    fails()
except ValueError as e:
    saved = e
print("handler done, data still alive")
tb = saved.__traceback__
print(tb.tb_frame.f_code.co_name, tb.tb_next.tb_frame.f_code.co_name)
print(tb.tb_next.tb_frame.f_locals["data"].n)
del tb
del saved
print("exception dropped")


def fails_again():
    data = Big(2)
    try:
        raise KeyError("k")
    except KeyError as err:
        caught = err
    return caught


e2 = fails_again()
print(type(e2).__name__)
del e2
print("collected:", gc.collect() > 0)


def info():
    try:
        1 / 0
    except ZeroDivisionError:
        t, v, tb = sys.exc_info()
        return t.__name__, str(v), tb.tb_lineno - tb.tb_frame.f_code.co_firstlineno


print(info())
