# parity: compare stderr
# 3.11's caret lines: ^ under the failing part of a line, ~ and ^ for a
# binary operation or a subscript (even when it is the whole line), none
# for a statement that is all of its line; a chain of two tracebacks.
import gc
gc.collect()

settings = {"depth": 3}
zero = 0


def ratio(a, b):
    return a / b


def scaled(key):
    base = settings[key]
    return 10 + ratio(base, zero)


def load(key):
    try:
        value = settings[key] * 2
    except KeyError:
        value = scaled("depth")
    return value


print("loading")
print(load("width"))
