# parity: compare stderr
# An uncaught exception raised `from` another: both tracebacks, the
# cause first, as 3.11 prints them (no line here gets carets).
import gc
gc.collect()


class AppError(Exception):
    pass


def inner(key):
    raise KeyError(key)


def outer():
    try:
        inner("config")
    except KeyError as e:
        raise AppError("cannot load") from e


print("start")
outer()
print("not reached")
