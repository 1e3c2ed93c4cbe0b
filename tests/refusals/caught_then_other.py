# refused: builtin 'memoryview' is not supported by pymm
print("start")
try:
    try:
        memoryview(b"ab")
    finally:
        raise KeyError("replaced")
except KeyError:
    print("caught the KeyError")
print("after")
