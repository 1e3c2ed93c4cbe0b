# parity: compare stderr
# A finally block that raises while an exception is pending: the pending
# one is the new one's __context__ (and sys.exception() inside the block).
import gc
import sys
gc.collect()


class Lock:
    def __del__(self):
        print("lock released")


def work():
    lock = Lock()
    try:
        raise ValueError("work failed")
    finally:
        print("cleanup sees", repr(sys.exception()))
        raise KeyError("cleanup failed")


try:
    work()
except KeyError as e:
    print("caught", repr(e), "context", repr(e.__context__))
print("again, uncaught")
work()
