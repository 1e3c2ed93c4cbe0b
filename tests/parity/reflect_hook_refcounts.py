# refcounts inside attribute hooks: __getattr__ and __getattribute__ run through a
# bound method (call_attribute: one more reference to self), __setattr__,
# __get__, __set__ and a property getter without one
import sys, gc
class G:
    def __getattr__(self, name):
        print("getattr self refs", sys.getrefcount(self))
        return 1
g = G()
g.abc
getattr(g, "q")
class G2(G):
    def __getattribute__(self, name):
        print("getattribute self refs", sys.getrefcount(self))
        return object.__getattribute__(self, name)
g2 = G2()
g2.abc
class P:
    @property
    def p(self):
        print("property self refs", sys.getrefcount(self))
        return 1
    def m(self):
        print("method self refs", sys.getrefcount(self))
P().p
x = P()
x.p
x.m()

class G:
    def __getattr__(self, name):
        print("getattr self refs", sys.getrefcount(self), "name refs ok", sys.getrefcount(name) > 1)
        return len(name)

    def __setattr__(self, name, value):
        print("setattr self refs", sys.getrefcount(self), "value refs", sys.getrefcount(value))
        object.__setattr__(self, name, value)

    def __getattribute__(self, name):
        r = object.__getattribute__(self, name)
        return r

class D:
    def __get__(self, obj, owner):
        print("get refs", sys.getrefcount(self), sys.getrefcount(obj), sys.getrefcount(owner) > 2)
        return 1
    def __set__(self, obj, value):
        print("set refs", sys.getrefcount(self), sys.getrefcount(obj), sys.getrefcount(value))

class H:
    d = D()

g = G()
v = [1, 2]
g.x = v
print(g.abc, g.x is v, sys.getrefcount(v))
h = H()
h.d
h.d = v
print(sys.getrefcount(v), sys.getrefcount(h))
gc.collect()
print(gc.get_count()[0] < 5)
