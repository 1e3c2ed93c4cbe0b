# List and dict comprehensions and generator expressions: scoping, nesting,
# conditions, what the result holds, and when things die.
import sys

class Tracer:
    def __del__(self):
        print("Tracer dies")

nums = [3, 1, 4, 1, 5, 9, 2, 6]
print([n * n for n in nums])
print([n for n in nums if n > 2 if n % 2])
print({n: n * 10 for n in nums})
print({k: v for k, v in [("a", 1), ("b", 2)]})
print([(i, j) for i in range(3) for j in range(i)])
print([[c for c in w] for w in ["ab", "cd"]])
print([c for c in "héllo"])
print([b for b in b"AZ"])
print([k for k in {"x": 1, "y": 2}])
print([t for t in (1, "two", 3.0, None)])
print(list(n + 1 for n in nums))
print(tuple(n for n in nums if n < 4))
for v in (n * 2 for n in nums if n > 4):
    print("gen item", v)

# the comprehension's variable does not leak
n = "outer"
squares = [n * n for n in range(4)]
print(n, squares)
try:
    print(w)
except NameError as e:
    print("NameError:", e)

# enclosing locals and targets of an enclosing comprehension
def scaled(factor, xs):
    offset = 100
    return [x * factor + offset for x in xs]
print(scaled(3, [1, 2, 3]))

def table(rows, cols):
    return [[r * cols + c for c in range(cols)] for r in range(rows)]
print(table(3, 4))

def pairs(xs):
    return {x: [y for y in xs if y != x] for x in xs}
print(pairs([1, 2, 3]))

# what the result holds
big = [1000 + i for i in range(3)]
refs = [big for i in range(5)]
print(sys.getrefcount(big))
del refs
print(sys.getrefcount(big))
objs = [Tracer() for i in range(2)]
print("made", len(objs))
del objs
print("after del")
# a temporary result dies at once
print(len([Tracer() for i in range(1)]))
print("end")
