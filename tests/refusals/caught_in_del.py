# refused: builtin 'memoryview' is not supported by pymm (the script went on past it; exit status 1)
print("start")
class D:
    def __del__(self):
        memoryview(b"x")
d = D()
del d
print("after")
