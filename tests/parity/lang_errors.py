# Errors raised inside comprehensions, slices, loops and handlers: the
# right exception, nothing leaked, the program goes on.
import sys
xs = [1, 2, 0, 4]
try:
    print([10 // x for x in xs])
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print({x: undefined_name for x in xs})
except NameError as e:
    print("NameError:", e)
try:
    print([y for y in 5])
except TypeError as e:
    print("TypeError:", e)
try:
    print([[a + b for b in "xy"] for a in (1, 2)])
except TypeError as e:
    print("TypeError:", e)
try:
    print({[1]: 2 for i in range(1)})
except TypeError as e:
    print("TypeError:", e)
def inner_fail(seq):
    return [seq[i] for i in range(len(seq) + 1)]
try:
    inner_fail([1, 2])
except IndexError as e:
    print("IndexError:", e)
keep = [1000 + 1]
try:
    [keep for k in range(3) if k // 0]
except ZeroDivisionError:
    print("refs after failed comprehension", sys.getrefcount(keep))
for i in range(3):
    try:
        if i == 1:
            raise KeyError(i)
        print("loop", i)
    except KeyError as e:
        print("KeyError", e)
        continue
    finally:
        print("finally", i)
def nested_handlers():
    try:
        raise ValueError("first")
    except ValueError as outer:
        try:
            raise TypeError("second")
        except TypeError as inner:
            print(outer, inner)
        print("outer still bound:", outer)
    try:
        outer
    except NameError:
        print("outer unbound")
nested_handlers()
try:
    "abc"[1:2] = "x"
except TypeError as e:
    print("TypeError:", e)
try:
    del "abc"[0:1]
except TypeError as e:
    print("TypeError:", e)
try:
    a, b, *c = {}
except ValueError as e:
    print("ValueError:", e)
print("done")
