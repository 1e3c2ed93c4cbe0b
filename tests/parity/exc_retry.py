# A retry loop with a flaky resource: finally ordering against __del__,
# exception objects holding arguments that die with them, `e` unbound.
import gc
gc.collect()


class TransientError(Exception):
    def __init__(self, attempt):
        super().__init__("attempt %d failed" % attempt)
        self.attempt = attempt


class Conn:
    def __init__(self, n):
        self.n = n
        print("open", n)

    def __del__(self):
        print("close", self.n)


class Payload:
    def __del__(self):
        print("payload freed")


def flaky(attempt):
    c = Conn(attempt)
    try:
        if attempt < 3:
            raise TransientError(attempt)
        return "ok on %d" % attempt
    finally:
        print("finally", attempt)


def retry(times):
    for attempt in range(1, times + 1):
        try:
            result = flaky(attempt)
        except TransientError as e:
            print("retrying after", e, e.attempt)
            continue
        else:
            print("got", result)
            return result
        finally:
            print("end of attempt", attempt)
    raise RuntimeError("gave up")


retry(5)
try:
    retry(2)
except RuntimeError as e:
    print("outer:", repr(e), repr(e.__context__))

# the exception holds its args: they die when the handler ends
try:
    raise ValueError(Payload())
except ValueError as e:
    print("handling", len(e.args))
print("after handler")
try:
    print(e)
except NameError as n:
    print(n)

# a kept exception keeps its args alive
kept = []
try:
    raise KeyError(Payload())
except KeyError as e:
    kept.append(e)
print("kept", len(kept))
kept.clear()
print("cleared")


def cleanup_order():
    c = Conn("inner")
    try:
        raise IndexError("in try")
    except IndexError:
        print("handler")
        raise
    finally:
        print("finally before the frame dies")


try:
    cleanup_order()
except IndexError as e:
    print("caught", e)
print("done")
print(gc.collect())
