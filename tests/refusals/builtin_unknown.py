# refused: builtin 'memoryview' is not supported by pymm
print("start")
print(len(memoryview(b"ab")))
