# SystemExit through a generator's finally, a with block's __exit__ and an
# except clause (its __context__), ignored in __del__, and as the exit
# status of an uncaught sys.exit(2) raised while handling an exception
import sys

class Ctx:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        print("exit saw", t.__name__ if t else None, v.code if v else None)
        return False

def g():
    try:
        yield 1
        sys.exit(4)
    finally:
        print("gen finally")

for v in g():
    try:
        with Ctx():
            try:
                {}["k"]
            except KeyError:
                sys.exit("while handling")
    except SystemExit as e:
        print("got", e.code, type(e.__context__).__name__)
        break

class D:
    def __del__(self):
        sys.exit(9)

d = D()
del d
print("after del")
try:
    try:
        raise ValueError("v")
    finally:
        print("inner finally")
except ValueError:
    sys.exit(2)
