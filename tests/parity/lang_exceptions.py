# raise, try/except/else/finally, except ... as, assert, and re-raising.
def check(v):
    if v < 0:
        raise ValueError("negative: " + str(v))
    if v == 0:
        raise ZeroDivisionError
    return 10 // v

for v in (5, 0, -2):
    try:
        r = check(v)
    except ValueError as e:
        print("ValueError", e)
    except ZeroDivisionError as e:
        print("ZeroDivisionError [" + str(e) + "]")
    else:
        print("ok", r)
    finally:
        print("finally", v)

try:
    raise KeyError("missing")
except LookupError as e:
    print("lookup", e)
try:
    raise IndexError("a", 2)
except Exception as e:
    print("exception", e)
try:
    raise RuntimeError()
except RuntimeError as e:
    print("empty [" + str(e) + "]")
try:
    {}["k"]
except KeyError as err:
    print("KeyError", err)
try:
    err
except NameError as e:
    print("unbound after handler:", e)

def reraise():
    try:
        [][1]
    except IndexError:
        print("handling")
        raise

try:
    reraise()
except IndexError as e:
    print("re-raised", e)

def reraise_named():
    try:
        int("x")
    except ValueError as e:
        raise e

try:
    reraise_named()
except ValueError as e:
    print("named", e)

try:
    try:
        raise TypeError("inner")
    except TypeError as e:
        raise ValueError("outer") from e
except ValueError as e:
    print("from:", e)
try:
    raise ValueError("no cause") from None
except ValueError as e:
    print(e)

def early():
    for i in range(3):
        try:
            if i == 1:
                return "returned at 1"
        finally:
            print("cleanup", i)

print(early())

def loop_control():
    out = []
    for i in range(4):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f" + str(i))
    return out

print(loop_control())

def finally_wins():
    try:
        raise ValueError("lost")
    finally:
        return "finally's value"

print(finally_wins())
try:
    try:
        raise KeyError("k")
    finally:
        print("finally runs, exception continues")
except KeyError as e:
    print("caught", e)

assert 1 + 1 == 2
assert True, "not shown"
try:
    assert 2 + 2 == 5, "arithmetic"
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert []
except AssertionError as e:
    print("bare AssertionError [" + str(e) + "]")
try:
    raise Exception("base")
except BaseException as e:
    print("BaseException catches", e)
try:
    raise StopIteration
except StopIteration:
    print("StopIteration")
try:
    raise ArithmeticError("arith")
except (TypeError, ArithmeticError) as e:
    print("tuple of classes", e)
try:
    raise 5
except TypeError as e:
    print("TypeError:", e)
try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)
