# str.format: .attr and [key] fields, nested spec fields, the whole-template field giving the str itself (also f-strings and format()); parse errors
class P:
    def __init__(self, x, y): self.x, self.y = x, y
p = P(1, [10, 20])
d = {"k": "v", 1: "one", "a b": 2}
print("{0.x} {0.y[1]} {p.y[0]:>4}".format(p, p=p))
print("{0[k]} {0[1]} {d[a b]}".format(d, d=d))
print("{.x}-{[0]}".format(p, "xyz"), "{0[0][1]}".format([[1, 2]]))
print("{0.x!r:>3}|{0.y!s}".format(p))
for bad in ["{0.}", "{0[}", "{0[1]x}", "{0.nope}", "{0[5]}", "{0[z]}"]:
    try:
        print(bad.format(p if "." in bad else [1]))
    except (ValueError, AttributeError, IndexError, TypeError, KeyError) as e:
        print(type(e).__name__, e)
import sys
s = "abc"
before = sys.getrefcount(s)
print("{0}{0.upper}".format(s) if False else "{0}".format(s), sys.getrefcount(s) - before)
print("{0}".format(s) is s, "{}".format(s) is s, "{:}".format(s) is s, "x{}".format(s) is s, "{}{}".format(s, "") is s, f"{s}" is s, format(s) is s, "{!s}".format(s) is s, "{0}".format(5), "{!r}".format(s) is s)
for bad in ["{", "{0", "{0:{1}}", "a}"]:
    try:
        print(bad.format(1, 2))
    except (ValueError, NotImplementedError) as e:
        print(type(e).__name__, e)
print("{:>{}}|{:{w}.{p}f}|{0:{1}}".format("a", 4, 3.14159, w=8, p=2) if False else "{:>{w}}|{:{w}.{p}f}".format("a", 3.14159, w=8, p=2))
print("{0:{1}}".format(1, 2), "{:{}}".format("x", 3), "{0:{fill}^{width}}".format("m", fill="*", width=7))
try:
    "{0:{1:{2}}}".format(1, 2, 3)
except ValueError as e:
    print(e)
