# int.bit_length/to_bytes/from_bytes/conjugate/as_integer_ratio, float.is_integer/as_integer_ratio, str.encode, bytes.decode/hex; CPython's errors
print((255).bit_length(), (0).bit_length(), (-256).bit_length(), True.bit_length(), (2**62).bit_length())
print((5).to_bytes(2, "big"), (5).to_bytes(2, "little"), (5).to_bytes(), (-1).to_bytes(2, "big", signed=True))
print((1024).to_bytes(length=4, byteorder="little"), (0).to_bytes(0, "big"), (-129).to_bytes(2, "little", signed=True))
print((2**40).to_bytes(10, "big"), (-5).to_bytes(10, "big", signed=True))
for args in [(1, "big"), (-1, "big"), (2, "middle")]:
    try:
        print((300).to_bytes(*args) if args[0] > 0 else (-3).to_bytes(2, "big"))
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
try:
    (128).to_bytes(1, "big", signed=True)
except OverflowError as e:
    print(e)
print(int.from_bytes(b"\x01\x00", "little"), int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\xff\xff", "big", signed=True))
print(int.from_bytes(b"\x00" * 12 + b"\x07", "big"), int.from_bytes(b"\xff" * 12, "big", signed=True), int.from_bytes(b"", "big"))
print(int.from_bytes(bytearray(b"\x80"), "big", signed=True), int.from_bytes(b"\x80\x00", byteorder="little", signed=True), (3).from_bytes(b"\x02", "big"))
print((7).conjugate(), True.conjugate(), (2.5).conjugate(), (7).as_integer_ratio(), (2.5).as_integer_ratio(), (-0.75).as_integer_ratio(), (0.1).as_integer_ratio())
print((3.0).is_integer(), (3.5).is_integer(), float("inf").is_integer(), (1e20).as_integer_ratio() if False else 0, (8.0).as_integer_ratio())
print("é".encode(), "aé".encode("utf-8"), "abc".encode("ascii"), "é".encode("latin-1"), b"caf\xc3\xa9".decode(), b"abc".decode("ascii"))
print(b"\x00\xffab".hex(), bytearray(b"\x10").hex(), b"".hex())
try:
    (1).to_bytes(2, "big", sign=True)
except TypeError as e:
    print(e)
print((10).__add__ if False else "dunders refused elsewhere")
