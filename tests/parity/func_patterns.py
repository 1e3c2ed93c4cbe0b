# Tutorial patterns built on closures and decorators, and what they keep
# alive: a memoizing decorator's cache, an observer list of callbacks, a
# closure-based object, a counter factory; each freed when its last holder
# goes, or found by the collector when it holds itself.
import sys
import gc


class Resource:
    def __del__(self):
        print("resource released")


# memoization: the cache dict lives in the decorator's closure
def memoize(fn):
    cache = {}

    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    wrapper.cache = cache
    return wrapper


@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(30), len(fib.cache))
print(fib.__closure__[0].cell_contents is fib.cache)
print(sys.getrefcount(fib.cache))

# observers: callbacks that close over their owner
listeners = []


def subscribe(name):
    received = []

    def on_event(value):
        received.append(value)
        return name + ":" + str(len(received))
    listeners.append(on_event)
    return received


a_log = subscribe("a")
b_log = subscribe("b")
for ev in (1, 2, 3):
    results = []
    for cb in listeners:
        results.append(cb(ev))
    print(results)
print(a_log, b_log)
print(sys.getrefcount(a_log))
listeners.pop(0)
print(sys.getrefcount(a_log))

# an object made of closures, holding a resource
def make_account(balance):
    res = Resource()

    def deposit(x):
        nonlocal balance
        balance += x
        return balance

    def withdraw(x):
        nonlocal balance
        if x > balance:
            return "insufficient"
        balance -= x
        return balance

    def close():
        return res
    return deposit, withdraw, close


dep, wd, cl = make_account(100)
print(dep(50), wd(30), wd(500))
print(dep.__closure__[0] is wd.__closure__[0])
del dep
del wd
print("closures left: one")
del cl
print("all closures gone")

# a closure that holds itself through a container in its cell
def self_holder():
    box = []
    res = Resource()

    def f():
        return res, box
    box.append(f)
    return None


gc.collect()
self_holder()
print("before collect")
print(gc.collect())
print("after collect")

# a counter factory: each counter its own cell
def make_counter(start=0, *, step=1):
    value = start

    def step_it():
        nonlocal value
        value += step
        return value
    return step_it


c1 = make_counter()
c2 = make_counter(10, step=5)
print(c1(), c1(), c2(), c2(), c1())
print(make_counter.__defaults__, make_counter.__kwdefaults__)
