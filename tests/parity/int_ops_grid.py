# Python's int operators // % ** & | ^ << >> over signed values, zero and
# the errors 3.11 raises (pymm computes two ints' operators in one op).
import gc
gc.collect()

vals = [0, 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 255, -256, 1000003, -999983,
        2 ** 31, -(2 ** 31), 2 ** 40 + 17, -(2 ** 40) - 5]
total = 0
lines = 0
for a in vals:
    for b in vals:
        row = []
        if b != 0:
            q = a // b
            m = a % b
            row.append(q)
            row.append(m)
            assert q * b + m == a
        else:
            try:
                a // b
            except ZeroDivisionError as e:
                row.append(str(e))
            try:
                a % b
            except ZeroDivisionError as e:
                row.append(str(e))
        row.append(a & b)
        row.append(a | b)
        row.append(a ^ b)
        total += sum(x for x in row if type(x) is int)
        lines += 1
print(lines, total)
for a in vals:
    for s in (0, 1, 5, 17, 63, 64, 100):
        r = a >> s
        total ^= r
    for s in (0, 1, 7, 20):
        if -(2 ** 40) <= a <= 2 ** 40:
            total += a << s
print(total)
for base in (0, 1, -1, 2, -2, 3, 10, -7):
    for e in (0, 1, 2, 3, 7, 10, 13):
        if abs(base) ** e < 2 ** 62:
            total += base ** e
print(total)
print(2 ** -1, (-2) ** -2, 7 // 2, -7 // 2, 7 % -2, -7 % 2, 7.5 // 2, -7.5 % 2)
print(True & True, True | False, True ^ True, type(True & 1).__name__, 1 << True)
for bad in ("shift", "zero"):
    try:
        if bad == "shift":
            1 << -1
        else:
            5 % 0
    except (ValueError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
try:
    3 >> -2
except ValueError as e:
    print("ValueError", e)
x = 37
x //= 5
x %= 4
x **= 3
x <<= 2
x >>= 1
x &= 0xff
x |= 0x100
x ^= 0x3
print(x)
print(-9223372036854775807 - 1 // 1, (-9223372036854775807 - 1) % -1, 9223372036854775807 // -1)
