# weakref.proxy in containers (a proxy is found by identity, and equal to
# its referent both ways), weakref.ref is the type ReferenceType, and a
# WeakMethod is a weakref.ref.
import weakref


class Listener:
    def __init__(self, name):
        self.name = name

    def notify(self, event):
        return "%s got %s" % (self.name, event)


alice = Listener("alice")
bob = Listener("bob")
pa = weakref.proxy(alice)
subscribers = [pa]
print(alice in subscribers, pa in subscribers, bob in subscribers)
print(pa in [alice], pa == alice, alice == pa, pa != bob)
print(subscribers.count(alice), [alice, pa].count(pa), [bob, pa].index(alice))
print(pa in (alice,), alice not in [weakref.proxy(bob)])
for container in [{alice}, {alice: 1}, "abc", b"x", frozenset([alice])]:
    try:
        print(pa in container)
    except TypeError as e:
        print(e)
for x, container in [(1, "abc"), (bob, "x"), ("a", b"abc")]:
    try:
        print(x in container)
    except TypeError as e:
        print(e)
subscribers.remove(alice)
print(subscribers)

words = ["a", "b"]


class Box:
    def __init__(self, items):
        self.items = items

    def __contains__(self, x):
        return x in self.items


box = Box([1, 2])
pbox = weakref.proxy(box)
print(2 in pbox, 5 in pbox, 2 not in pbox)

r = weakref.ref(alice)
print(weakref.ref, weakref.ref is weakref.ReferenceType)
print(type(r) is weakref.ref, isinstance(r, weakref.ref), weakref.ref.__name__)
wm = weakref.WeakMethod(alice.notify)
print(isinstance(wm, weakref.ref), isinstance(wm, weakref.WeakMethod))
print(issubclass(weakref.WeakMethod, weakref.ref), issubclass(Listener, weakref.ref))
print(isinstance(wm, (int, weakref.ref)), type(wm).__name__, type(wm).__module__)
print(wm()("start"))
del pa
del alice
print(wm(), r())
try:
    subscribers.append(weakref.proxy(bob))
    del bob
    print(subscribers[0].name)
except ReferenceError as e:
    print("ReferenceError:", e)
