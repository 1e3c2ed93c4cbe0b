# The exception-in-a-local cycle (tb_exc_cycle.py) is not made, or is
# broken, by `del saved`, `saved = None` or `e.__traceback__ = None`
# before the function returns: its objects die at once, in order, and the
# collector finds nothing.  with_traceback(None) does the same.
import gc
gc.collect()


class Res:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def kept(n):
    r = Res(n)
    try:
        1 / 0
    except ZeroDivisionError as e:
        saved = e
    return None


def deleted(n):
    r = Res(n)
    try:
        1 / 0
    except ZeroDivisionError as e:
        saved = e
    del saved


def rebound(n):
    r = Res(n)
    try:
        1 / 0
    except ZeroDivisionError as e:
        saved = e
    saved = None


def tb_cleared(n):
    r = Res(n)
    try:
        1 / 0
    except ZeroDivisionError as e:
        saved = e
    saved.__traceback__ = None


def with_tb_none(n):
    r = Res(n)
    try:
        1 / 0
    except ZeroDivisionError as e:
        saved = e.with_traceback(None)


def not_kept(n):
    r = Res(n)
    try:
        1 / 0
    except ZeroDivisionError as e:
        print("handling", type(e).__name__)


for fn, n in ((deleted, 2), (rebound, 3), (tb_cleared, 4), (with_tb_none, 5), (not_kept, 6)):
    fn(n)
    print("after", fn.__name__, gc.collect())
kept(1)
print("after kept")
print(gc.collect())
kept(7)
kept(8)
print(gc.collect())
e = ValueError("v")
try:
    e.__traceback__ = 5
except TypeError as t:
    print("TypeError:", t)
try:
    e.with_traceback("tb")
except TypeError as t:
    print("TypeError:", t)
print(e.with_traceback(None) is e, e.__traceback__)
