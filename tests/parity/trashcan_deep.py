# Deallocation nested deeper than CPython's trashcan unwind level (50) is
# deferred and resumed in CPython's order, so finalizers deep in a nest
# print where python3 prints them.
class Deep:
    def __del__(self):
        print("deep")


class Mid:
    def __del__(self):
        print("mid")


class Top:
    def __del__(self):
        print("top")


x = [Deep()]
for i in range(150):
    x = [x]
    if i == 75:
        x.append(Mid())
x.append(Top())
print("drop 150")
del x

for depth in [45, 48, 49, 50, 51, 52, 99, 100, 101]:
    x = [Deep()]
    for i in range(depth):
        x = [x, Mid()]
    x = [Top(), x]
    print("drop", depth)
    del x

x = (Deep(),)
for i in range(120):
    x = (x, Mid()) if i % 40 == 0 else (x,)
print("tuples")
del x

x = {"d": Deep()}
for i in range(120):
    x = {"x": x, "m": Mid()} if i % 30 == 0 else {"x": x}
print("dicts")
del x

x = [Deep()]
for i in range(200):
    x = [x] if i % 3 else {"k": x, "m": Mid()}
x = [x, Top()]
print("mixed")
del x
print("end")

# the shape: a finalizer at the top, one in the middle, one deep
x = [Deep()]
for i in range(150):
    x = [Top(), x] if i == 149 else ([Mid(), x] if i == 75 else [x])
print("top mid deep")
del x
