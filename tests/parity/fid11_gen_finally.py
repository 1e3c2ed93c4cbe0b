# generators with try/finally: close(), garbage collection and exhaustion
import gc


def reader(name):
    print("open", name)
    try:
        for i in range(3):
            yield i
    finally:
        print("close", name)


for v in reader("full"):
    pass
print("exhausted")
g = reader("partial")
print(next(g))
g.close()
print("closed explicitly")
g = reader("dropped")
next(g)
g = None
print("dropped")


def cyc():
    try:
        yield "me"
    finally:
        print("cycle generator closed")


c = cyc()
holder = [c]
next(c)
holder.append(holder)
del c, holder
print("collected", gc.collect() > 0)


def ignore_exit():
    while True:
        try:
            yield 1
        except GeneratorExit:
            print("got GeneratorExit")
            return


h = ignore_exit()
next(h)
h.close()
print(next(h, "finished"))
