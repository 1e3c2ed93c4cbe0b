# Nested calls make a traceback chain: one entry per frame the exception
# crossed, outermost first (the handler's frame), each holding its frame
# object: tb_frame.f_code.co_name, tb_lineno, the chain's length.  A bare
# raise adds no entry for its own frame; each caller it crosses adds one.
import gc
gc.collect()


def walk(tb):
    out = []
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return out


def level3():
    return {}["missing"]


def level2():
    return level3()


def level1():
    return level2()


try:
    level1()
except KeyError as e:
    print(len(walk(e.__traceback__)), walk(e.__traceback__))


def catcher():
    try:
        level2()
    except KeyError as e:
        print("caught", len(walk(e.__traceback__)))
        raise


def outer():
    catcher()


try:
    outer()
except KeyError as e:
    print("again", walk(e.__traceback__))


def deep(n):
    if n == 0:
        raise ValueError("bottom")
    deep(n - 1)


try:
    deep(50)
except ValueError as e:
    chain = walk(e.__traceback__)
    print(len(chain), chain[0], chain[-1], chain[1][0])

saved = None
try:
    deep(3)
except ValueError as e:
    saved = e
print(type(saved.__traceback__).__name__, len(walk(saved.__traceback__)))
try:
    raise saved
except ValueError as e:
    print("raised again", len(walk(e.__traceback__)))
print(saved.__traceback__.tb_frame.f_back)
