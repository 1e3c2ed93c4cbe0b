# Long nests: the trashcan defers every 50 levels, chain after chain, and
# finalizers along the nest print in CPython's order.
import gc


class M:
    def __del__(self):
        print("m")


class N:
    def __del__(self):
        print("n")


x = [N()]
for i in range(3000):
    x = [x, M()] if i % 97 == 0 else [x]
    if i % 211 == 0:
        x = (x, N())
print("3000 deep")
del x

x = {1: N()}
for i in range(400):
    x = {i: x, "m": M()} if i % 33 == 0 else {(i, i): x}
print("general dicts")
del x

x = []
for i in range(300):
    x = [x, [M()] if i % 41 == 0 else []]
print("branches")
del x

gc.disable()
x = [N()]
for i in range(500):
    x = [x, M()] if i % 60 == 0 else [x]
y = [x]
y.append(y)
x = None
del y
print("collected", gc.collect())
print("end")
