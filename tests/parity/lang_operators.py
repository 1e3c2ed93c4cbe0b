# Bitwise and shift operators, every augmented assignment, star unpacking
# and assignment expressions.
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, -a >> 1, a << 3, a >> 2, 1 << 62)
print(1 | 2 ^ 3 & 4 << 1 >> 1, (1 | 2) ^ 3, 5 & -3, -5 | 2, ~-1, ~True, ~0)
print(True & True, True | False, True ^ True, True & 3, 6 & True)
print(0xff & 0x0f, 0o17 | 0b1, 1 << 0, 7 >> 10, -7 >> 10)
k = 5
print(k & 1, k | 8, k ^ 5, k << 2, k >> 1)
try:
    print(1 << -1)
except ValueError as e:
    print("ValueError:", e)
try:
    print(1.5 & 1)
except TypeError as e:
    print("TypeError:", e)
try:
    print("a" | 1)
except TypeError as e:
    print("TypeError:", e)
try:
    print(~1.5)
except TypeError as e:
    print("TypeError:", e)

v = 7
v += 3; print(v)
v -= 1; print(v)
v *= 4; print(v)
v //= 5; print(v)
v %= 4; print(v)
v **= 5; print(v)
v /= 2; print(v)
w = 6
w &= 3; print(w)
w |= 12; print(w)
w ^= 5; print(w)
w <<= 4; print(w)
w >>= 2; print(w)
box = [1, 2]
box[0] <<= 3
box[1] **= 10
print(box)
counts = {"n": 1}
counts["n"] |= 6
print(counts)

first, *middle, last = [1, 2, 3, 4, 5]
print(first, middle, last)
*init, tail = "abc"
print(init, tail)
head, *rest = (1,)
print(head, rest)
x, y = "xy"
print(x, y)
p, q = {"k1": 1, "k2": 2}
print(p, q)
[m, *n] = [1, 2, 3]
print(m, n)
try:
    a1, *b1, c1 = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    a2, b2 = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    a3, b3 = "x"
except ValueError as e:
    print("ValueError:", e)
try:
    a4, *b4 = 5
except TypeError as e:
    print("TypeError:", e)
print([*[1, 2], *(3,), *"45", 6], (*"ab",), [*{"k": 0}])
try:
    print([*5])
except TypeError as e:
    print("TypeError:", e)

data = [4, 8, 15, 16, 23, 42]
if (n := len(data)) > 5:
    print("long list", n)
total = 0
while (item := data.pop()) != 15:
    total += item
print(total, item, data)
print((y := 10) + y, y)
print([y := 3, y ** 2])
