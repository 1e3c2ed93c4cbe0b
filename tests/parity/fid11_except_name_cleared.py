# `except E as e` deletes e at the end of the handler (breaks the
# frame -> traceback -> frame cycle), as the language reference says
import gc
import sys


class Resource:
    def __del__(self):
        print("resource freed")


def work():
    r = Resource()
    try:
        raise RuntimeError("x")
    except RuntimeError as e:
        print("handling", e)
    try:
        print(e)
    except NameError as ne:
        print("NameError:", ne)
    return "done"


print(work())
print("after work")


def keep():
    r = Resource()
    try:
        raise RuntimeError("y")
    except RuntimeError as e:
        return e


kept = keep()
print("kept", kept, kept.__traceback__ is not None)
del kept
print("dropped kept")
e = "outer"
try:
    1 / 0
except ZeroDivisionError as e:
    pass
print("e" in dir(), "e" in globals())
print(sys.exc_info())
