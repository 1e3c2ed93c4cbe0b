# self.cb = self.method is a cycle through a bound method object
# (test_gc.py's test_method).
import gc

gc.disable()
gc.collect()


class A:
    def __init__(self):
        self.init = self.__init__


a = A()
print(gc.get_referents(a)[1] is A)
del a
print(gc.collect())


class Observer:
    def __init__(self, subject):
        self.subject = subject
        subject.callbacks.append(self.notify)

    def notify(self):
        return 1


class Subject:
    def __init__(self):
        self.callbacks = []


s = Subject()
o = Observer(s)
print(len(s.callbacks), s.callbacks[0]())
del s, o
print(gc.collect())
