# The common methods of list, dict and str (builtins_methods.c), with the
# counts and identities CPython gives.
import sys
import gc

items = [3, 1, 2]
items.append(4)
items.extend([5, 6])
items.extend((7,))
items.insert(0, 0)
items.insert(-1, 99)
items.insert(100, 100)
print(items)
items.remove(99)
print(items.pop(), items.pop(0), items)
print(items.index(5), items.index(2, 1), items.count(1), [1, 1, 2].count(1))
items.reverse()
print(items)
items.sort()
print(items)
items.sort(reverse=True)
print(items)
words = ["bb", "a", "ccc", "dd"]
words.sort(key=len)
print(words)
copy = words.copy()
print(copy == words, copy is words)
copy.clear()
print(copy, words)
print(sorted(words) == words)

# the list holds the only other reference: insert and sort keep counts
obj = [0]
holder = [1, 2]
holder.insert(1, obj)
print(sys.getrefcount(obj))
holder.sort(key=lambda x: 0)
print(sys.getrefcount(obj))
holder.reverse()
print(holder.index(obj), sys.getrefcount(obj))
holder.remove(obj)
print(sys.getrefcount(obj))

d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0))
print(d.setdefault("c", 3), d.setdefault("a", 100), d)
print(d.pop("c"), d.pop("zz", "none"), d)
d.update({"x": 10, "a": -1})
d.update(y=20)
print(d)
dc = d.copy()
print(dc == d, dc is d)
dc.clear()
print(dc, len(d))
val = [1, 2, 3]
d["v"] = val
print(sys.getrefcount(val))
print(d.get("v") is val)
got = d.pop("v")
print(sys.getrefcount(val))
del got
print(sys.getrefcount(val))

s = "  Hello, World  "
print(s.strip() + "|", s.lstrip() + "|", s.rstrip() + "|")
abc = "abc"
print("xxhixx".strip("x"), abc.strip() is abc, abc.replace("z", "y") is abc)
print(s.strip().lower(), s.strip().upper())
print("a,b,,c".split(","), "a b  c ".split(), "a,b,c".split(",", 1), "".split())
print("  lead  trail ".split(None, 1), "k=v=w".split("=", maxsplit=1))
print("-".join(["x", "y", "z"]), "".join([]), ", ".join(("one",)))
print("banana".replace("a", "o"), "banana".replace("a", "o", 2), "ab".replace("", "-"))
print("hello".startswith("he"), "hello".endswith("lo"), "hello".startswith(("x", "h")))
print("hello".find("l"), "hello".find("z"), "héllo".find("l"), "hello".count("l"))
print("a-b".split("-")[0] == "a")

# a list that holds itself: clear() ends the cycle without the collector
loop = []
loop.append(loop)
loop.clear()
del loop
gc.collect()
print(gc.collect())

errors = [
    lambda: [].pop(),
    lambda: [1].pop(5),
    lambda: [1].remove(2),
    lambda: [1].index(2),
    lambda: {}.pop("k"),
    lambda: "".join([1]),
    lambda: "x".split(""),
    lambda: [].sort(1),
    lambda: [].sort(cmp=1),
    lambda: [1].append(),
]
for e in errors:
    try:
        e()
        print("no error")
    except IndexError:
        print("IndexError")
    except ValueError:
        print("ValueError")
    except KeyError:
        print("KeyError")
    except TypeError:
        print("TypeError")
