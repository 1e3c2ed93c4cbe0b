# __getattr__ as tutorials use it: a proxy forwarding to its target, a lazy
# attribute computed and stored on first use, getattr() with a default and
# hasattr() through it, the AttributeError it raises
import gc, sys

class Proxy:
    def __init__(self, target):
        self._target = target
        self.calls = 0
    def __getattr__(self, name):
        self.calls += 1
        print("forwarding", name)
        return getattr(self._target, name)

class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0
    def deposit(self, n):
        self.balance += n
        return self.balance

p = Proxy(Account("ann"))
p.deposit(5)
print(p.deposit(7), p.owner, p.calls, p.balance)
m = p.deposit
print(m(1), sys.getrefcount(p._target))
print(hasattr(p, "nosuch"), getattr(p, "nosuch", "default"))
try:
    p.nosuch
except AttributeError as e:
    print("AE", e)

class Lazy:
    def __getattr__(self, name):
        if name.startswith("lazy_"):
            v = name[5:].upper()
            setattr(self, name, v)
            print("computed", name)
            return v
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

z = Lazy()
print(z.lazy_x, z.lazy_x, vars(z))
try:
    z.other
except AttributeError as e:
    print(e)
print(getattr(z, "other", 5), hasattr(z, "lazy_q"))
f = z.lazy_fn
print(f)
