# gen.throw() and gen.close() as 3.11: at the yield, before the start, after
# the end, through yield from; GeneratorExit, try/finally, the counts
import gc
import sys
gc.collect()


def worker(log):
    try:
        while True:
            try:
                item = yield len(log)
                log.append(item)
            except ValueError as e:
                log.append("bad:%s" % e)
    finally:
        log.append("finally")


log = []
w = worker(log)
print(next(w), w.send("a"), w.throw(ValueError("x")), w.throw(ValueError, "y"))
print(w.throw(ValueError, ("p", "q")), w.send("b"), log)
w.close()
print(log, w.close())
try:
    w.throw(ValueError("late"))
except ValueError as e:
    print("after close:", e)
try:
    next(w)
except StopIteration as e:
    print("StopIteration", e.value)

fresh = worker([])
try:
    fresh.throw(KeyError("k"))
except KeyError as e:
    print("fresh:", repr(e))
try:
    next(fresh)
except StopIteration:
    print("fresh is finished")


def stubborn():
    while True:
        try:
            yield "x"
        except GeneratorExit:
            print("ignoring GeneratorExit")


s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    s.throw(GeneratorExit)
except GeneratorExit:
    print("GeneratorExit came back")
except RuntimeError as e:
    print("RuntimeError:", e)
s = None


def polite():
    try:
        yield 1
    except GeneratorExit:
        print("closing politely")
        return "value ignored by close()"


p = polite()
next(p)
print(p.close())


def cleanup_raises():
    try:
        yield 1
    finally:
        raise KeyError("from finally")


c = cleanup_raises()
next(c)
try:
    c.close()
except KeyError as e:
    print("close raised", repr(e))


def answer():
    try:
        yield 1
    except ValueError:
        return 42


a = answer()
next(a)
try:
    a.throw(ValueError)
except StopIteration as e:
    print("StopIteration value", e.value)


class MyError(Exception):
    def __init__(self, code, text="?"):
        super().__init__(code, text)
        self.code = code


def typed():
    while True:
        try:
            yield
        except MyError as e:
            print("MyError", e.code, e.args)


t = typed()
next(t)
t.throw(MyError, 7)
t.throw(MyError, (8, "eight"))
t.throw(MyError(9))
t.throw(MyError, MyError(10))
for bad in [(1,), (MyError(1), 2), ("s",), (object,)]:
    try:
        t.throw(*bad)
    except TypeError as e:
        print("TypeError:", e)
for n in (0, 4):
    try:
        t.throw(*(ValueError,) * n)
    except TypeError as e:
        print("TypeError:", e)
try:
    t.throw(ValueError, None, 5)
except TypeError as e:
    print("TypeError:", e)
print(t.throw(ValueError, None, None) if False else "tb None ok")
t.close()


def inner():
    try:
        yield "i1"
        yield "i2"
    except ValueError as e:
        print("inner caught", e)
        yield "i-after"
    finally:
        print("inner finally")
    return "inner result"


def outer():
    r = yield from inner()
    print("outer got", r)
    try:
        yield from inner()
    except KeyError as e:
        print("outer caught", repr(e))
    yield "o-end"


o = outer()
print(next(o), o.throw(ValueError("v1")))
print(next(o), next(o), o.throw(KeyError("k1")))
o.close()
o2 = outer()
next(o2)
o2.close()
print("o2 closed")


def over_list():
    yield from [1, 2, 3]


ol = over_list()
next(ol)
try:
    ol.throw(ValueError("into a list iterator"))
except ValueError as e:
    print("raised at the yield from:", e)

err = ValueError("kept")
before = sys.getrefcount(err)
k = worker([])
next(k)
for i in range(5):
    k.throw(err)
print(sys.getrefcount(err) - before)
k.close()
del k
print(sys.getrefcount(err) - before)


def frames():
    big = [0] * 10
    yield big


f = frames()
held = next(f)
print(sys.getrefcount(held))
try:
    f.throw(RuntimeError("r"))
except RuntimeError:
    pass
print(sys.getrefcount(held))
print(gc.collect())
