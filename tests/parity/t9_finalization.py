# Finalizers as test_finalization.py exercises them: __del__ order for a
# simple object, a list of objects, a cycle of finalizable objects (PEP 442),
# resurrection into a global, __del__ called only once.
import gc

gc.collect()


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


x = Noisy("single")
del x
items = [Noisy(f"item{i}") for i in range(3)]
del items
print("list done")


def scope():
    local = Noisy("local")
    print("in scope")


scope()
print("after scope")
a = Noisy("cycle-a")
b = Noisy("cycle-b")
a.other, b.other = b, a
del a, b
print("before collect")
print("found", gc.collect())
saved = []


class Phoenix:
    deaths = 0

    def __del__(self):
        Phoenix.deaths += 1
        print("phoenix dies", Phoenix.deaths)
        saved.append(self)


p = Phoenix()
del p
print(len(saved), Phoenix.deaths)
p = saved.pop()
del p
print(len(saved), Phoenix.deaths)
q = Phoenix()
q.me = q
del q
print("collect", gc.collect())
print(len(saved), Phoenix.deaths)
saved[0].me = None
saved.clear()
print("cleared", gc.collect())


class Parent:
    def __init__(self):
        self.kids = [Noisy("kid1"), Noisy("kid2")]

    def __del__(self):
        print("parent del, kids:", len(self.kids))


pp = Parent()
pp = None
print("end")
