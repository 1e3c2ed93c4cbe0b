# test_gc.py scenarios with finalizers: test_bug21435, test_del,
# test_del_newclass (the language's class form), and finalizers that
# allocate and trigger collections.
import gc

# test_bug21435
gc.collect()


class A:
    pass


class B:
    def __del__(self):
        self.attr = None


def do_work():
    a = A()
    b = B()
    b.x = A()
    a.attr = b
    b.attr = a


do_work()
print("bug21435", gc.collect())

# test_del: __del__ methods can trigger collection
thresholds = gc.get_threshold()
gc.enable()
gc.set_threshold(1)


class D:
    def __del__(self):
        junk = []
        for i in range(20):
            junk.append([i])
        print("D.__del__ allocated", len(junk))


a = D()
del a
gc.disable()
gc.set_threshold(thresholds[0], thresholds[1], thresholds[2])
print("test_del done")

# test_del_newclass: the same with a new-style class


class E(object):
    def __del__(self):
        print("E.__del__")


e = E()
e.cycle = e
del e
print("newclass", gc.collect())

# a finalizer that makes more objects with finalizers


class Parent:
    def __del__(self):
        print("Parent.__del__ makes a child")
        c = Child()
        c.n = self.n + 1


class Child:
    def __del__(self):
        print("Child.__del__", self.n)


p = Parent()
p.n = 10
p.me = p
del p
print("parent collected", gc.collect())
gc.enable()
