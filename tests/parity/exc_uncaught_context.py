# parity: compare stderr
# An exception raised while another is handled: "During handling of the
# above exception", a user class with __str__, a repeated recursion line.
import gc
gc.collect()


class Closing(Exception):
    def __str__(self):
        return "while closing " + self.args[0]


def down(n):
    if n == 0:
        raise ValueError("bottom")
    down(n - 1)


try:
    down(5)
except ValueError:
    print("handling")
    raise Closing("db")
