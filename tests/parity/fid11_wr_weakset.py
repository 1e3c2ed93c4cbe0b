# WeakSet of observers: an observer that goes away leaves the set
import weakref
import gc


class Observer:
    def __init__(self, name):
        self.name = name

    def notify(self, event):
        print(self.name, "saw", event)


class Subject:
    def __init__(self):
        self.observers = weakref.WeakSet()

    def attach(self, o):
        self.observers.add(o)

    def fire(self, event):
        for o in sorted(self.observers, key=lambda o: o.name):
            o.notify(event)


s = Subject()
a = Observer("a")
b = Observer("b")
s.attach(a)
s.attach(b)
s.attach(a)
print(len(s.observers))
s.fire("start")
del a
s.fire("middle")
print(len(s.observers), b in s.observers)
c = Observer("c")
c.cycle = c
s.attach(c)
del c
print(len(s.observers))
gc.collect()
print(len(s.observers))
s.fire("end")
