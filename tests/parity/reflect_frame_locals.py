# frame.f_locals of running functions is the locals() dict: the same
# object, in PyFrame_FastToLocals' order with cells by their contents, for
# the current frame, its caller and a generator's
import sys
def outer(a):
    v = [1]
    def inner(z):
        w = v[0] + z
        f = sys._getframe()
        print("inner", f.f_locals is locals(), list(f.f_locals), f.f_locals["v"])
        print("caller", list(f.f_back.f_locals))
        return w
    if a:
        late = 1
    early = 2
    late = 3
    return inner(a)
outer(5)
def g():
    x = 1
    yield sys._getframe().f_locals
    y = 2
    yield sys._getframe().f_locals
for d in g():
    print(d)
