# Error wrapping: raise ... from (__cause__), implicit __context__,
# from None, bare raise, re-raising a stored exception.
import gc
gc.collect()


class ConfigError(Exception):
    pass


def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise ConfigError(f"bad number {text!r}") from e


def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        raise ConfigError("missing " + key)


def quiet(table, key):
    try:
        return table[key]
    except KeyError:
        raise ConfigError("quiet " + key) from None


for f, arg in [(parse, "12"), (parse, "x1")]:
    try:
        print("parsed", f(arg))
    except ConfigError as e:
        c = e.__cause__
        print(repr(e), "| cause:", c.__class__.__name__, c.args, "| suppress:",
              e.__suppress_context__, e.__context__ is c)

try:
    lookup({"a": 1}, "b")
except ConfigError as e:
    print(repr(e), e.__cause__, repr(e.__context__), e.__suppress_context__)

try:
    quiet({}, "k")
except ConfigError as e:
    print(repr(e), e.__cause__, repr(e.__context__), e.__suppress_context__)

# bare raise keeps the object
try:
    try:
        raise ValueError("inner")
    except ValueError as e:
        first = e
        raise
except ValueError as e:
    print(e is first, repr(e), e.__context__)
del first

# nested handlers: the context is the innermost handled exception
try:
    try:
        {}["outer"]
    except KeyError:
        try:
            [][1]
        except IndexError:
            raise RuntimeError("deep")
except RuntimeError as e:
    ctx = e.__context__
    print(repr(e), repr(ctx), repr(ctx.__context__))
    del ctx

# an exception object kept and raised again later
saved = None
try:
    raise ZeroDivisionError("kept")
except ZeroDivisionError as e:
    saved = e
try:
    raise saved
except ArithmeticError as e:
    print("again:", e is saved, repr(e))
del saved

# raising a class instantiates it; causes may be classes too
try:
    raise KeyError from ValueError
except KeyError as e:
    print(repr(e), repr(e.__cause__), e.args)

# what cannot be raised or caught
for bad in [lambda: 3, lambda: "text"]:
    try:
        raise bad()
    except TypeError as e:
        print(e)
try:
    try:
        raise ValueError(1)
    except 42:
        pass
except TypeError as e:
    print(e)
try:
    raise ValueError from 5
except TypeError as e:
    print(e)
print(gc.collect())

# 3.11 accepts a flat tuple of classes only; the TypeError is chained
nested = ((IndexError, KeyError),)
try:
    try:
        raise KeyError("n")
    except nested:
        pass
except TypeError as e:
    print(e, "| context:", repr(e.__context__))
