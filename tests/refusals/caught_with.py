# refused: builtin 'memoryview' is not supported by pymm
print("start")
class Quiet:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        print("exit")
        return True
with Quiet():
    memoryview(b"ab")
print("after")
