# A generator that dies suspended is closed, as 3.11's _PyGen_Finalize does:
# by del (its finally runs, its for loop's items are freed) and by the
# collector (a self-referencing generator: count 0); a genexp's too.
import gc
gc.collect()
class Big:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("freed", self.name)
def g(items):
    try:
        for x in items:
            yield x
    finally:
        print("finally")
def h():
    with_big = Big("local")
    for x in [Big("in list")]:
        yield x
data = [1, 2, 3]
it = g(data)
print(next(it))
del it
print("after del")
k = h()
y = next(k)
del y
print("deleting k")
del k
print("after del k")
def selfref():
    me = yield 1
    try:
        yield 2
    finally:
        print("selfref finally")
s = selfref(); next(s); s.send(s); del s
print(gc.collect())
ge = (Big(str(i)) for i in range(3))
first = next(ge)
del first
del ge
print("end")
