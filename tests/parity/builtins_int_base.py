# int(x, base) and int(str): prefixes, underscores, blanks, signs, the errors

for s, b in [("ff", 16), ("0xff", 16), ("0xff", 0), ("0o17", 0), ("0b101", 0), ("z", 36), (" -42 ", 10), ("1_000", 10), ("0x_1f", 0), ("10", 2), ("777", 8), ("-0b11", 0), ("0", 0), ("00", 0)]:
    print(s, b, int(s, b))
print(int("12_3"), int("  7\n"), int("+5"), int("-0"))
for s, b in [("010", 0), ("1__0", 10), ("_1", 10), ("1_", 10), ("0x", 16), ("12", 2), ("", 10), ("9", 8), ("0b2", 0), ("0xg", 16)]:
    try:
        int(s, b)
    except ValueError as e:
        print("ValueError", e)
for bad in ["x1", "1.5", "", " ", "1 2", "'q'"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError", e)
for args in [(12, 10), ("1", 1), ("1", 37), ("1", -1), ("1", 2.0)]:
    try:
        int(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(int("7fffffffffffffff", 16), int("-8000000000000000", 16))
