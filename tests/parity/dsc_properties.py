# A tutorial's Temperature: a validated property, a classmethod factory,
# a staticmethod helper; the descriptors are heap objects in the class dict.
import gc
import sys

gc.collect()


class Temperature:
    def __init__(self, celsius):
        self.celsius = celsius

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        if value < -273:
            raise ValueError("below absolute zero")
        self._celsius = value

    @celsius.deleter
    def celsius(self):
        print("deleting", self._celsius)
        del self._celsius

    @property
    def fahrenheit(self):
        return self._celsius * 9 // 5 + 32

    @classmethod
    def from_fahrenheit(cls, f):
        return cls((f - 32) * 5 // 9)

    @staticmethod
    def is_freezing(c):
        return c <= 0


t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.celsius = 100
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
print(t.celsius)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    del t.fahrenheit
except AttributeError as e:
    print("AttributeError:", e)
del t.celsius
try:
    t.celsius
except AttributeError as e:
    print("AttributeError:", e)

u = Temperature.from_fahrenheit(212)
print(u.celsius, isinstance(u, Temperature))
v = u.from_fahrenheit(32)
print(v.celsius)
print(Temperature.is_freezing(-5), u.is_freezing(3))

# the descriptors in the class dict
d = Temperature.__dict__
p = d['celsius']
sm = d['is_freezing']
cm = d['from_fahrenheit']
print(gc.is_tracked(p), gc.is_tracked(sm), gc.is_tracked(cm))
print(len(gc.get_referents(p)), len(gc.get_referents(sm)), len(gc.get_referents(cm)))
print(gc.get_referents(p)[-1], gc.get_referents(p)[-2])
print(p.fget is gc.get_referents(p)[0], p.fset is gc.get_referents(p)[1])
print(sys.getrefcount(p), sys.getrefcount(sm), sys.getrefcount(cm))
print(sm.__func__ is Temperature.is_freezing, sm.__func__ is u.is_freezing)
print(cm.__func__ is gc.get_referents(cm)[0])
print(sorted(gc.get_referents(sm)[1]))
print(Temperature.celsius is p, Temperature.fahrenheit.fset)

# a classmethod read as a value is a new bound method each time
m1 = Temperature.from_fahrenheit
m2 = Temperature.from_fahrenheit
print(m1 is m2, m1 == m2, m1.__self__ is Temperature, m1.__func__ is cm.__func__)

# property() called, not used as a decorator
class Account:
    def _get(self):
        return self._balance

    def _set(self, v):
        self._balance = v

    balance = property(_get, _set)
    frozen = property()


a = Account()
a.balance = 10
a.balance += 5
print(a.balance, getattr(a, 'balance'))
setattr(a, 'balance', 7)
print(a.balance, hasattr(a, 'frozen'))
try:
    a.frozen
except AttributeError as e:
    print("AttributeError:", e)
try:
    a.frozen = 1
except AttributeError as e:
    print("AttributeError:", e)
print(gc.get_referents(Account.__dict__['balance'])[-1])

# data descriptors win over the instance's values; staticmethods do not
class Shadow:
    x = property(lambda self: "property")
    s = staticmethod(lambda: "static")


sh = Shadow()
sh.__dict__['x'] = "instance"
sh.__dict__['s'] = lambda: "instance"
print(sh.x, sh.s())

# a class with descriptors dies as a cycle: how many objects go with it
class Gone:
    @property
    def p(self):
        return 1

    @staticmethod
    def s():
        pass

    @classmethod
    def c(cls):
        pass


del Gone
print(gc.collect())
del t, u, v, m1, m2
del Temperature, d, p, sm, cm
print(gc.collect())
