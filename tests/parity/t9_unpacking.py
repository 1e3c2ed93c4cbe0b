# Star unpacking and argument passing: a, *rest; swapping; nested
# unpacking; * and ** in calls and displays; dict merging.
import gc

gc.collect()

first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "hello"
print(init, last)
a, *mid, z = range(6)
print(a, mid, z)
a, *mid, z = (1, 2)
print(a, mid, z)
(x, y), [p, *q] = (1, 2), "abc"
print(x, y, p, q)
a, b = 1, 2
a, b = b, a
print(a, b)
for i, (name, score) in enumerate([("a", 1), ("b", 2)]):
    print(i, name, score)
for head, *tail in [(1, 2, 3), (4,)]:
    print(head, tail)


def f(a, b, c=0, *args, key=None, **kw):
    return f"a={a} b={b} c={c} args={args} key={key} kw={kw}"


args = [1, 2, 3, 4]
opts = {"key": "k", "extra": True}
print(f(*args))
print(f(*args, **opts))
print(f(1, *[2], c=5, **{"z": 0}))
print([*range(3), *"ab", 9])
print((*[1, 2], 3))
print({*[1, 2], *(2, 3)})
d1 = {"a": 1, "b": 2}
d2 = {"b": 3, "c": 4}
print({**d1, **d2}, {**d2, "a": 0, **d1})
print(dict(d1, c=5), dict(**d1))
print(*[1, 2, 3], sep=", ")
print(*"abc")
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print("ValueError:", e)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    f(1)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, 2, a=3)
except TypeError as e:
    print("TypeError:", e)
print(f(*"xy"), f(*range(2), *(c for c in "z")))
try:
    f(*5)
except TypeError as e:
    print("TypeError:", e)
try:
    print({**[1, 2]})
except TypeError as e:
    print("TypeError:", e)
base = {"x": 1}
merged = {**base, "y": 2, **{"x": 3}}
print(merged, base, {**{}}, {**base} is base, {**base} == base)
