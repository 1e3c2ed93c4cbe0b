# test_gc.test_function / test_frame: functions in cycles, closures
import gc

gc.collect()
d = {}
exec("def f(): pass\n", d)
del d
print("exec'd function:", gc.collect())


def outer():
    def inner():
        return inner
    return inner


f = outer()
del f
print("self-referencing closure:", gc.collect())


def make_counter():
    count = 0

    def inc():
        nonlocal count
        count += 1
        return count
    return inc


c = make_counter()
print(c(), c())
del c
print("plain closure:", gc.collect())


def recursive(n):
    return 1 if n <= 1 else n * recursive(n - 1)


g = recursive
print(g(5))
print("function global:", gc.collect())
