# __getattr__ after a property getter raising AttributeError, a __getattr__
# recursing into itself (RecursionError), one translating KeyError with
# `from None`; callable() of a bound method
class P:
    @property
    def broken(self):
        raise AttributeError("inner")
    def __getattr__(self, name):
        return "getattr:" + name

p = P()
print(p.broken, getattr(p, "broken"))

class R:
    def __getattr__(self, name):
        return self.missing_too

try:
    R().x
except RecursionError as e:
    print("RecursionError")

class D:
    def __init__(self):
        self.data = {}
    def __getattr__(self, name):
        try:
            return self.data[name]
        except KeyError:
            raise AttributeError(name) from None
d = D()
d.data["k"] = 1
print(d.k, hasattr(d, "j"))
try:
    d.j
except AttributeError as e:
    print("AE", e, e.__context__, e.__suppress_context__)
print(len([1]) , callable(d.__getattr__))
