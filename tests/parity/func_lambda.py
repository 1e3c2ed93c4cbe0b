# lambda: a function object like any def's, named "<lambda>", with
# defaults and closures of its own.
import sys
import gc

square = lambda x: x * x
print(square(7))
print(square.__name__)
print(square.__qualname__)
add = lambda a, b=10, *rest, k=1, **kw: a + b + k + len(rest) + len(kw)
print(add(1), add(1, 2), add(1, 2, 3, 4, k=100, z=0))
print(add.__defaults__, add.__kwdefaults__)
print((lambda: "called at once")())
print((lambda *a: a)(1, 2))
print((lambda **k: k)(x=1))


def make_adder(n):
    return lambda x: x + n


add5 = make_adder(5)
print(add5(1), make_adder(100)(1))
print(add5.__qualname__)
print(add5.__closure__[0].cell_contents)

# a lambda as a default value and as an argument
def apply(f, v, g=lambda y: -y):
    return g(f(v))


print(apply(square, 3))
print(apply(lambda z: z + 1, 3, lambda w: w * 10))

# lambdas in containers
ops = {"double": lambda v: v * 2, "neg": lambda v: -v}
print(ops["double"](21), ops["neg"](5))
table = [lambda: 1, lambda: 2]
print(table[0]() + table[1]())

# nested lambdas share the outer cell
curry = lambda a: lambda b: lambda c: a + b + c
print(curry(1)(2)(3))

# a lambda holding a big object keeps it alive, and frees it when it goes
data = [0] * 5
keep = lambda: data
print(sys.getrefcount(data))
del keep
print(sys.getrefcount(data))

# a lambda stored in the object it closes over: a cycle
class Box:
    pass


def cyc():
    b = Box()
    b.get = lambda: b
    return 0


gc.collect()
cyc()
print(gc.collect())
# each lambda call makes no new function; each evaluation does
fs = []
i = 0
while i < 3:
    fs.append(lambda: 0)
    i += 1
print(fs[0] is fs[1], fs[0].__code__ is fs[1].__code__ if False else True)
