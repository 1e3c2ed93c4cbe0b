# An exception in __del__ is printed to stderr ("Exception ignored in") and
# forgotten: the script goes on, and the object still dies.
import gc


class Bad:
    def __del__(self):
        print("Bad.__del__ starts")
        return self.missing


b = Bad()
del b
print("still running")
c = Bad()
c.me = c
del c
print("collected", gc.collect())
print("end")
