# str.find/rfind/index/rindex/count/startswith/endswith with start and end
import gc
gc.collect()

texts = ["abcabcab", "", "aaaa", "héllo wörld héllo", "x"]
subs = ["", "a", "ab", "bca", "aa", "héllo", "ö", "zz"]
bounds = [(), (0,), (2,), (-3,), (9,), (30,), (-30,), (1, 5), (2, -1), (-5, -2),
          (4, 2), (0, 0), (3, 3), (None, 4), (2, None), (None, None), (True, 5)]

for t in texts:
    rows = []
    for sub in subs:
        for b in bounds:
            rows.append((t.find(sub, *b), t.rfind(sub, *b), t.count(sub, *b),
                         t.startswith(sub, *b), t.endswith(sub, *b)))
            for m in ("index", "rindex"):
                try:
                    rows.append(getattr(t, m)(sub, *b))
                except ValueError as e:
                    rows.append(str(e))
    print(repr(t), rows)

s = "spam and eggs and spam"
none = None
start = 5
print(s.find("spam", start), s.find("spam", start, none), s.count("and", none, 12))
print(s.startswith(("eggs", "and"), 5), s.startswith(("eggs", "and"), 9, 13))
print(s.endswith(("spam", "x"), 0, 4), s.endswith(("and",), 0, -5), s.endswith((), 3))
pos = 0
found = []
while True:
    pos = s.find("a", pos)
    if pos < 0:
        break
    found.append(pos)
    pos += 1
print(found)
line = "key = value = more"
i = line.index("=")
print(line[:i].strip(), line.index("=", i + 1), line.rindex("=", 0, i + 1))

for args in [(1,), ("a", "x"), ("a", 1, "y"), (1, "x"), ("a", 1.5)]:
    for name in ("find", "count", "index", "rfind", "startswith", "endswith"):
        try:
            getattr(s, name)(*args)
        except TypeError as e:
            print(name, args, "TypeError:", e)
for name in ("find", "count", "rindex", "startswith"):
    try:
        getattr(s, name)()
    except TypeError as e:
        print("TypeError:", e)
    try:
        getattr(s, name)("a", 1, 2, 3)
    except TypeError as e:
        print("TypeError:", e)
try:
    s.endswith(("a", 2))
except TypeError as e:
    print("TypeError:", e)
try:
    s.startswith(["a"])
except TypeError as e:
    print("TypeError:", e)
