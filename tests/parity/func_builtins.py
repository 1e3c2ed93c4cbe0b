# Builtin functions of the table (builtins_funcs.c): results, and the
# objects they return (new ones, or the argument itself where CPython
# returns it).
import sys

nums = [5, 3, 9, 1, 9, 2]
print(min(nums), max(nums), min(4, 2, 8), max(4, 2, 8))
print(max([], default="empty"), min([7], default=0))
print(max(["bb", "a", "ccc"], key=len), min(["bb", "a", "ccc"], key=len))
first = [1]
second = [1]
print(max(first, second) is first, min(first, second) is first)
print(max((3, "x"), (3, "y")))
print(sum(nums), sum(nums, 100), sum([1.5, 2.5]), sum([], start=7))
print(sum([[1], [2, 3]], []))
print(sorted(nums), nums)
print(sorted(nums, reverse=True))
print(sorted(["pear", "fig", "apple"], key=len))
print(sorted(["b", "a", "c"], key=None, reverse=True))
print(sorted({"z": 1, "y": 2}))
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "y")]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[0], reverse=True))
print(any([0, 0, 1]), any([]), all([1, 2]), all([]), all([1, 0]))
print(any((None, "", 0.0)), all({"k": 1}))
print(hash(1), hash(-1), hash(1.0), hash("") == hash(""), hash((1, 2)) == hash((1, 2)))
print(callable(len), callable(print), callable(1), callable(lambda: 0), callable(sorted))
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1234, -2), round(1250, -2))
print(round(1.23456, 3), round(7), round(True), round(-0.5), round(15, -1), round(25, -1))
print(divmod(7, 2), divmod(-7, 2), divmod(7.5, 2))
print(pow(2, 10), pow(2, -1), pow(2, 10, 1000), pow(3, -1, 7), pow(-2, 3, -5), pow(2.0, 3))
print(chr(65), chr(233), chr(8364), chr(128512), ord("A"), ord("é"), ord("€"), ord(b"z"))
print(hex(255), hex(-255), hex(0), oct(8), bin(10), bin(-5), hex(True))
print(isinstance(1, int), isinstance(True, int), isinstance(1, bool), isinstance(1.0, int))
print(isinstance("s", str), isinstance([], list), isinstance((), tuple), isinstance({}, dict))


class Thing:
    pass


class Other:
    pass


t = Thing()
print(isinstance(t, Thing), isinstance(t, Other), isinstance(5, Thing))
setattr(t, "size", 10)
print(getattr(t, "size"), hasattr(t, "size"), hasattr(t, "nope"), getattr(t, "nope", "dflt"))
delattr(t, "size")
print(hasattr(t, "size"))
print(getattr([], "append") is not None, hasattr([], "sort"), hasattr(1, "sort"))
getattr(nums, "append")(0)
print(nums)
f = lambda: 0
print(getattr(f, "__defaults__"), getattr(f, "__name__"))
# sizes are pymm's own (docs/objects.md); only their relations are shared
grow = []
small = sys.getsizeof(grow)
for k in range(100):
    grow.append(k)
print(sys.getsizeof(grow) > small, sys.getsizeof(1) > 0, sys.getsizeof({}) > 0)
print(sys.getsizeof({1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7}) > sys.getsizeof({}))
big = [0] * 3
print(sys.getrefcount(max([big])))
print(sys.getrefcount(big))

errors = [
    lambda: min(),
    lambda: max([]),
    lambda: max(1, 2, default=3),
    lambda: sum(["a"], ""),
    lambda: hex(1.5),
    lambda: ord("ab"),
    lambda: ord(1),
    lambda: chr(-1),
    lambda: pow(2, 3, 0),
    lambda: isinstance(1, len),
    lambda: hash([]),
    lambda: divmod(1, 0),
    lambda: sorted(1),
    lambda: any(1),
    lambda: getattr(t, 5),
    lambda: getattr(t, "missing"),
    lambda: sorted([1, "a"]),
    lambda: len(1, 2),
    lambda: abs(key=1),
]
for e in errors:
    try:
        e()
        print("no error")
    except TypeError:
        print("TypeError")
    except ValueError:
        print("ValueError")
    except ZeroDivisionError:
        print("ZeroDivisionError")
    except AttributeError:
        print("AttributeError")
