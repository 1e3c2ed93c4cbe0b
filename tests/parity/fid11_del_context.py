# __del__ versus context managers: deterministic cleanup with `with`
class File:
    def __init__(self, name):
        self.name = name
        self.closed = False
        print("open", name)

    def close(self):
        if not self.closed:
            self.closed = True
            print("close", self.name)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close()
        return False

    def __del__(self):
        if not self.closed:
            print("leaked", self.name)
        self.close()


with File("a") as f:
    print("using", f.name)
print("after with", f.closed)
del f
b = File("b")
b = None
try:
    with File("c") as c:
        raise ValueError("inside")
except ValueError as err:
    print("caught", err, c.closed)
files = [File("d%d" % i) for i in range(2)]
files.pop()
print("popped")
files = []
print("end")
