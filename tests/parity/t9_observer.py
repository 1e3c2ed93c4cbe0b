# The observer pattern with bound methods: a subject keeps its observers'
# bound methods (strong: observers live as long as the subject), then with
# weakref.WeakMethod refused?  No: with weak references to the observers.
import gc
import sys
import weakref

gc.collect()


class Subject:
    def __init__(self):
        self._observers = []

    def attach(self, callback):
        self._observers.append(callback)

    def notify(self, event):
        for cb in self._observers:
            cb(event)


class Logger:
    def __init__(self, name):
        self.name = name
        self.seen = []

    def on_event(self, event):
        self.seen.append(event)
        print(f"{self.name} got {event}")

    def __del__(self):
        print(f"{self.name} gone")


s = Subject()
log1 = Logger("one")
log2 = Logger("two")
before = sys.getrefcount(log1)
s.attach(log1.on_event)
s.attach(log2.on_event)
print(sys.getrefcount(log1) - before)
s.notify("start")
m = log1.on_event
print(m.__self__ is log1, m.__func__ is Logger.on_event, m == log1.on_event)
del m
del log1, log2
print("still notified:")
s.notify("tick")
del s
print("subject gone")


class WeakSubject:
    def __init__(self):
        self._refs = []

    def attach(self, obj):
        self._refs.append(weakref.ref(obj))

    def notify(self, event):
        alive = 0
        for r in self._refs:
            obj = r()
            if obj is not None:
                obj.on_event(event)
                alive += 1
        return alive


ws = WeakSubject()
x = Logger("x")
y = Logger("y")
ws.attach(x)
ws.attach(y)
print(ws.notify("a"))
del x
print(ws.notify("b"))
del y
print(ws.notify("c"))

# an object storing its own bound method is a cycle
class Button:
    def __init__(self):
        self.handler = self.click

    def click(self):
        return "clicked"

    def __del__(self):
        print("button finalized")


btn = Button()
print(btn.handler())
del btn
print("collected", gc.collect())
