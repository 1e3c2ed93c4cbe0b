# gc.get_referents of instances, functions, closures, methods and classes
import gc


class P:
    def __init__(self):
        self.a = [1]
        self.b = "text"


p = P()
refs = gc.get_referents(p)
print([type(r).__name__ for r in refs])


def make():
    v = [2]

    def inner():
        return v
    return inner


fn = make()
cells = fn.__closure__
print(len(cells), type(cells[0]).__name__, cells[0].cell_contents)
print([type(r).__name__ for r in gc.get_referents(cells[0])])
m = p.__init__
print(sorted(type(r).__name__ for r in gc.get_referents(m)))
print(gc.get_referents(m)[0] is P.__init__ or gc.get_referents(m)[1] is P.__init__)
t = ([], {}, "s", 1)
print([type(r).__name__ for r in gc.get_referents(t)])
d = {"k": [], "j": ()}
print(sorted(type(r).__name__ for r in gc.get_referents(d)))
print(gc.get_referents())
