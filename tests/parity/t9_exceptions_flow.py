# Exceptions as control flow: try/except/else/finally ordering, custom
# hierarchies, re-raising, chaining, exceptions in loops, cleanup order.
import gc

gc.collect()


class AppError(Exception):
    pass


class ConfigError(AppError):
    def __init__(self, key):
        super().__init__(f"missing key {key!r}")
        self.key = key


def load(config, key):
    try:
        value = config[key]
    except KeyError as e:
        raise ConfigError(key) from e
    else:
        print("found", key)
        return value
    finally:
        print("lookup done", key)


cfg = {"host": "localhost"}
print(load(cfg, "host"))
try:
    load(cfg, "port")
except AppError as e:
    print(type(e).__name__, e, e.key, type(e.__cause__).__name__)


def divide_all(nums, d):
    results = []
    for n in nums:
        try:
            results.append(n / d)
        except ZeroDivisionError:
            results.append(None)
            break
        finally:
            results.append("f")
    return results


print(divide_all([1, 2], 2), divide_all([1, 2], 0))


def parse_ints(items):
    ok, bad = [], []
    for it in items:
        try:
            ok.append(int(it))
        except (ValueError, TypeError) as e:
            bad.append((it, type(e).__name__))
    return ok, bad


print(parse_ints(["1", "x", None, "42", 3.7]))


def f():
    try:
        return "try"
    finally:
        print("finally runs before return")


print(f())


def g():
    try:
        raise ValueError("inner")
    except ValueError:
        try:
            raise TypeError("handler")
        except TypeError as t:
            return type(t.__context__).__name__


print(g())
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise
except ZeroDivisionError as e:
    print("re-raised", e)
errors = []
for x in [1, 0, "a", 2]:
    try:
        errors.append(10 / x)
    except Exception as e:
        errors.append(e.__class__.__name__)
print(errors)
print(issubclass(ConfigError, Exception), isinstance(ConfigError("k"), AppError))
print(repr(ConfigError("k")), ConfigError("k").args)
