# weakref.proxy with a callback, proxies to callables, ReferenceError
import weakref
import gc


class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance

    def deposit(self, n):
        self.balance += n
        return self.balance

    def __len__(self):
        return 3

    def __call__(self, x):
        return x * 2


events = []
acct = Account("ann", 10)
p = weakref.proxy(acct, lambda ref: events.append("proxy callback"))
print(p.owner, p.deposit(5), acct.balance, len(p), p(21))
p.balance = 100
print(acct.balance, type(p).__name__)
print(weakref.getweakrefcount(acct))
del acct
print(events)
try:
    p.owner
except ReferenceError as e:
    print("ReferenceError:", e)
try:
    p.deposit(1)
except ReferenceError as e:
    print("ReferenceError:", e)
b = Account("bob", 0)
b.me = b
q = weakref.proxy(b, lambda ref: events.append("collected proxy callback"))
del b
gc.collect()
print(events)
