# refused: a traceback passed to __exit__ (of KeyError) is not supported by pymm
class Logged:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit saw", exc_type is not None, tb is not None)
        return True


print("start")
with Logged():
    raise KeyError("k")
print("end")
