# Augmented assignment to a name: ints, and everything that is not two ints.
import gc
import sys

counter = 0
for i in range(50):
    counter += i
    counter -= 1
print("counter", counter)

x = 5
x += 1
x -= 300
x *= 7
x //= 3
x %= 5
x **= 3
x <<= 2
x >>= 1
x |= 8
x &= 12
x ^= 3
print("x", x)

big = 2 ** 40
big += big
big *= 3
print("big", big)

# small ints are shared, bigger results are new objects
n = 250
n += 6
two_five_six = 256
print(n is two_five_six, sys.getrefcount(n) > 1000)
m = 1000
k = m
m += 1
print(k, m, sys.getrefcount(k), sys.getrefcount(m))
k -= 1
print(k, sys.getrefcount(k))

# refusals: the general path raises what CPython raises
z = 7
try:
    z //= 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e, z)
try:
    z %= 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e, z)
try:
    z <<= -1
except ValueError as e:
    print("ValueError:", e, z)
z **= -1
print("z", z)

# not two ints: floats, bools, strings, lists, instances
f = 1.5
f += 1
print("f", f)
b = True
b += 1
print("b", b)
t = False
t |= True
print("t", t)
s = "ab"
s *= 3
print("s", s)
items = [1]
alias = items
items += [2]
print(items, alias is items)


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __radd__(self, other):
        return Money(other + self.cents)

    def __repr__(self):
        return "Money(%d)" % self.cents


wallet = 10
wallet += Money(5)
print(wallet)

# names that are not bound, in the order CPython reports them
try:
    never_bound += 1
except NameError as e:
    print("NameError:", e)
try:
    z += undefined_rhs
except NameError as e:
    print("NameError:", e)
try:
    unbound_target += undefined_rhs
except NameError as e:
    print("NameError:", e)


def total(n):
    t = 0
    for i in range(n):
        t += i
    global x
    x += 100
    return t


print(total(10), x)


def unbound():
    try:
        u += 1
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    u = 0


unbound()


def outer():
    c = 1

    def inner():
        nonlocal c
        c += 10

    inner()
    return c


print("outer", outer())


class Klass:
    a = 1
    a += 2
    b = a
    b *= 5


print(Klass.a, Klass.b)

# a global the loop rebinds: no garbage, no cycles
gc.collect()
acc = 0
for i in range(1000):
    acc += i * 3
    acc %= 100003
print("acc", acc, gc.collect(), sys.getrefcount(acc))
