# Closures: a variable an inner function reads lives in a cell, a heap
# object of its own; the inner function's __closure__ tuple holds the
# cells, so the variable outlives the frame that made it.
import sys
import gc


def counter():
    count = 0

    def inc():
        nonlocal count
        count += 1
        return count
    return inc


c1 = counter()
c2 = counter()
print(c1(), c1(), c1(), c2())
print(len(c1.__closure__))
print(c1.__closure__[0].cell_contents)
print(c1.__closure__ is c1.__closure__)
print(c1.__closure__[0] is c2.__closure__[0])
print(counter.__closure__)
print(c1.__qualname__, c1.__name__)

# the cell holds the value: one reference, whatever the frame did
payload = [1, 2, 3]


def capture(x):
    def get():
        return x
    return get


g = capture(payload)
print(sys.getrefcount(payload))
print(g() is payload)
del g
print(sys.getrefcount(payload))

# two functions share one cell
def pair():
    value = []

    def put(v):
        value.append(v)

    def get():
        return value
    return put, get


put, get = pair()
put(1)
put(2)
print(get())
print(put.__closure__[0] is get.__closure__[0])
print(sys.getrefcount(get()))
del put
print(sys.getrefcount(get()))

# free variables are sorted by name in __closure__
def many():
    zeta = "z"
    alpha = "a"
    mid = "m"

    def use():
        return zeta + alpha + mid
    return use


u = many()
print(u.__closure__[0].cell_contents, u.__closure__[1].cell_contents,
      u.__closure__[2].cell_contents)

# three levels: the middle function passes the cell through
def level1():
    v = "deep"

    def level2():
        def level3():
            return v
        return level3
    return level2


l3 = level1()()
print(l3())
print(len(l3.__closure__))

# late binding: each closure sees the variable's last value
def late():
    fs = []
    for i in range(3):
        def f():
            return i
        fs.append(f)
    return fs


print(late()[0](), late()[1](), late()[2]())

# binding now: a default argument per function
def early():
    fs = []
    for i in range(3):
        def f(i=i):
            return i
        fs.append(f)
    return fs


e = early()
print(e[0](), e[1](), e[2]())

# a cell assigned after the inner function was made
def later():
    def show():
        return x
    x = 10
    first = show()
    x = 20
    return first, show()


print(later())

# del of a cell variable empties the cell
def deleter():
    x = 1

    def show():
        return x
    del x
    try:
        show()
    except NameError:
        print("NameError: free variable deleted")
    x = 2
    return show()


print(deleter())

# a parameter captured by an inner function becomes a cell
def param_cell(p):
    def show():
        return p
    p = p * 2
    return show()


print(param_cell(21))

# nonlocal through two levels
def outer():
    total = 0

    def middle():
        def inner(n):
            nonlocal total
            total += n
        inner(1)
        inner(2)
        return total
    return middle()


print(outer())

# the closure cycle: a recursive inner function holds its own cell
gc.collect()


def make_recursive():
    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)
    return fact


f = make_recursive()
print(f(10))
del f
print(gc.collect())

# a closure over an object that refers back to the function: collected
class Node:
    pass


def attach():
    node = Node()

    def method():
        return node
    node.m = method
    return node


n = attach()
del n
print(gc.collect())
print(gc.collect())
