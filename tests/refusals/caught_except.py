# refused: builtin 'memoryview' is not supported by pymm
print("start")
try:
    m = memoryview(b"ab")
    print("made", len(m))
except Exception as e:
    print("caught", type(e).__name__)
print("after")
