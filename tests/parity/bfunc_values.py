# Builtin functions and methods as values: builtin_function_or_method and
# method_descriptor objects, their names, reprs, identity and equality.
import gc
import sys

s = "abc" + str(1)          # a str made at run time: one object of its own
up = s.upper
print(up(), type(up), type(str.upper), type(len), type(print))
print(up.__name__, up.__qualname__, up.__self__ is s, up.__module__)
print(len.__name__, len.__qualname__, len.__module__, print.__name__)
print(str.upper.__name__, str.upper.__qualname__, str.upper.__objclass__)
print(gc.collect.__name__, gc.collect.__module__, gc.collect.__self__)
print(sys.getrefcount.__qualname__, sys.getrefcount.__self__)

# reprs: a bound builtin names its self's type and address
print(repr(len), repr(print), str(abs), repr(gc.collect))
print(repr(str.upper), repr(list.append), repr(dict.get))
print(repr(up) == "<built-in method upper of str object at " + hex(id(s)) + ">")
items = [3, 1, 2]
push = items.append
print(repr(push) == "<built-in method append of list object at " + hex(id(items)) + ">")
print(str(push) == repr(push), f"{push!r}" == repr(push))
print([len, abs], (str.lower,), {"f": max})

# identity and equality: a new object per access, equal by self and function
print(s.upper is s.upper, s.upper == s.upper, s.upper != s.upper)
print(s.upper == s.lower, s.upper == "abc1".upper, s.upper == s[:].upper)
print(str.upper is str.upper, list.append is list.append, len is len)
other = [3, 1, 2]
print(items.append == other.append, items.append == items.append)
g = len
h = g
print(g is len, h is g, g == len, len == g, g is not abs)
print(hash(len) == hash(g), hash(s.upper) == hash(up), hash(str.upper) == hash(str.upper))
seen = {len, abs, len, g, up, s.upper}
print(len(seen))
print({len: "len", abs: "abs"}[g])
print(callable(up), callable(len), callable(str.upper), callable(push))
print(isinstance(up, type(len)), type(up) is type(len), type(str.upper) is type(len))
print(type(up).__name__, type(str.upper).__name__)

# calls through them are the direct calls
print(g("four"), up(), str.upper("x"), push(9), items)
fold = "".join
print(fold(["a", "b"]), fold(("c",)))
get = {"k": 1}.get
print(get("k"), get("z"), get("z", 0))
pop = items.pop
print(pop(), pop(0), items)
