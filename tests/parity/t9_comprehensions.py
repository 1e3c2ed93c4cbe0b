# Comprehensions of every kind: list, set, dict, generator expressions;
# nested loops and conditions, a matrix transpose, flattening, conditional
# expressions, comprehension scope (the loop variable does not leak).
import gc

gc.collect()

squares = [x * x for x in range(10)]
evens = [x for x in squares if x % 2 == 0]
print(squares, evens)
pairs = [(x, y) for x in range(3) for y in range(3) if x != y]
print(pairs)
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([[row[i] for row in matrix] for i in range(3)])
print([n for row in matrix for n in row if n % 2])
print({x % 3 for x in range(10)})
print({w: len(w) for w in ["apple", "fig", "banana"]})
print({v: k for k, v in {"a": 1, "b": 2}.items()})
print(sum(x for x in range(101)), max(len(w) for w in ["a", "abc", "ab"]))
print(["even" if n % 2 == 0 else "odd" for n in range(4)])
x = "outer"
lst = [x for x in "abc"]
print(x, lst)
gen = (c.upper() for c in "hey")
print(next(gen), list(gen), list(gen))
print(list(zip(*matrix)))
print([list(t) for t in zip(*matrix)])
print(dict(zip("abc", range(3))))
print([i * j for i, j in enumerate([10, 20, 30], start=1)])
print(any(n > 8 for n in squares), all(n >= 0 for n in squares))
nested = {k: [v * i for i in range(3)] for k, v in (("a", 1), ("b", 2))}
print(nested)
print(sorted({c for c in "mississippi"}))
flat = [y for x in [[1, [2]], [3]] for y in x]
print(flat)
print([(lambda k: k * 2)(v) for v in range(3)])
fns = [lambda: i for i in range(3)]
print([f() for f in fns])
fns = [lambda i=i: i for i in range(3)]
print([f() for f in fns])
print(tuple(x for x in range(3)), set(), frozenset(x for x in "aab") == {"a", "b"})
print(len([None for _ in range(1000)]))
