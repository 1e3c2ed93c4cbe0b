# keyword arguments to classes, bound methods and __init__ (CPython 3.11)
import gc
import sys
gc.collect()


class Item:
    def __init__(self, name, price, qty=1, *, tag=None):
        self.name = name
        self.price = price
        self.qty = qty
        self.tag = tag

    def total(self, discount=0, *, extra=0):
        return self.price * self.qty - discount + extra

    def show(self, **kw):
        return sorted(kw.items())


it = Item("fig", 7, qty=2)
print(it.qty, it.tag, Item("x", 1, tag="t").tag)
print(it.total(), it.total(discount=3), it.total(1, extra=5))
print(it.show(a=1, b=2))
bound = it.total
print(bound(extra=10))
print(Item.total(it, discount=4))


class Sub(Item):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.kind = "sub"


s = Sub(name="s", price=3, qty=4)
print(s.total(extra=1), s.kind)

big = "k" * 40
before = sys.getrefcount(big)
Item(big, 1, tag=big)
print(sys.getrefcount(big) - before)
keep = Item(big, 1, tag=big)
print(sys.getrefcount(big) - before)

try:
    Item("x", 1, colour="red")
except TypeError as e:
    print("TypeError:", e)
try:
    it.total(bogus=1)
except TypeError as e:
    print("TypeError:", e)


class NoInit:
    pass


try:
    NoInit(a=1)
except TypeError as e:
    print("TypeError:", e)
del it, s, bound, keep
print(gc.collect())
