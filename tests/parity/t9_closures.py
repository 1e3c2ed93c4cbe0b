# Closures and nonlocal: counters, accumulators, a bank account from
# closures, late binding, cells shared between functions, a closure cycle.
import gc
import sys

gc.collect()


def make_counter(start=0):
    count = start

    def inc(step=1):
        nonlocal count
        count += step
        return count

    def get():
        return count

    return inc, get


inc, get = make_counter(10)
inc()
inc(5)
print(get(), inc.__closure__[0] is get.__closure__[0])
print(inc.__closure__[0].cell_contents, inc.__code__.co_freevars)


def make_averager():
    series = []

    def averager(value):
        series.append(value)
        return sum(series) / len(series)

    return averager


avg = make_averager()
print(avg(10), avg(11), avg(12))
print(avg.__code__.co_freevars, avg.__closure__[0].cell_contents)


def account(balance):
    history = []

    def deposit(x):
        nonlocal balance
        balance += x
        history.append(("dep", x))
        return balance

    def withdraw(x):
        nonlocal balance
        if x > balance:
            raise ValueError(f"insufficient funds: {balance} < {x}")
        balance -= x
        history.append(("wd", x))
        return balance

    def report():
        return balance, list(history)

    return {"deposit": deposit, "withdraw": withdraw, "report": report}


acct = account(100)
acct["deposit"](50)
acct["withdraw"](30)
try:
    acct["withdraw"](500)
except ValueError as e:
    print(e)
print(acct["report"]())


def outer():
    x = 1

    def middle():
        def inner():
            return x
        return inner
    x = 2
    return middle()


print(outer()())
secret = [1, 2, 3]
before = sys.getrefcount(secret)


def keep(v):
    def show():
        return v
    return show


k = keep(secret)
print(sys.getrefcount(secret) - before)
del k
print(sys.getrefcount(secret) - before)


def recursive_closure():
    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)
    return fact


fact = recursive_closure()
print(fact(10))
del fact
print("collected", gc.collect())
