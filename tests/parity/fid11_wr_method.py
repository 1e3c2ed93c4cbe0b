# WeakMethod: a callback registry that does not keep the listeners alive
import weakref


class Button:
    def __init__(self):
        self.handlers = []

    def on_click(self, method):
        self.handlers.append(weakref.WeakMethod(method))

    def click(self):
        alive = []
        for ref in self.handlers:
            m = ref()
            if m is not None:
                m()
                alive.append(ref)
        self.handlers = alive


class Dialog:
    def __init__(self, name):
        self.name = name

    def handle(self):
        print(self.name, "handled click")


btn = Button()
d1 = Dialog("d1")
d2 = Dialog("d2")
btn.on_click(d1.handle)
btn.on_click(d2.handle)
btn.click()
del d1
btn.click()
print(len(btn.handlers))
r = weakref.WeakMethod(d2.handle)
print(r == weakref.WeakMethod(d2.handle), r() == d2.handle)
try:
    weakref.WeakMethod(lambda: 0)
except TypeError as e:
    print("TypeError", str(e)[:30])
