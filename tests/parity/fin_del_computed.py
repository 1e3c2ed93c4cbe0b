# __del__ with a real body: it reads self's attributes, computes, and prints
# what it computed, at every kind of refcount death.
import gc


class Box:
    def __del__(self):
        total = 0
        for v in self.items:
            total = total + v
        print("Box", self.name, "total", total, "len", len(self.items))


def make(name, n):
    b = Box()
    b.name = name
    b.items = []
    for i in range(n):
        b.items.append(i)
    return b


a = make("a", 4)
del a
print("after del")

b = make("b", 3)
b = None
print("after rebind")

lst = [make("l0", 1), make("l1", 2)]
lst.pop(0)
print("after pop")
del lst[0]
print("after del item")

d = {"k": make("d", 5)}
del d["k"]
print("after dict del")


def scope():
    local = make("local", 6)
    print("in scope", local.name)


scope()
print("after scope")

make("temp", 2)
print("after temp")

nest = [[make("deep", 3)]]
nest = 0
print("after nest")
print("refs", len(gc.garbage))
