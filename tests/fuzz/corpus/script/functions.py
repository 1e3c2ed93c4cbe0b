# def, positional parameters, return, locals vs globals, frames in the heap.
def add(a, b):
    return a + b

def noreturn():
    x = 1

def greet(name):
    msg = "hello " + name
    return msg

def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

counter = 0

def bump():
    global counter
    counter = counter + 1
    return counter

def shadow():
    counter = 100
    return counter

def reads_global():
    return counter * 10

print(add(2, 3), add("a", "b"), add([1], [2]))
print(noreturn())
print(greet("pymm"))
print(fact(10), fact(20))
print(fib(15))
bump()
bump()
print(counter, shadow(), counter, reads_global())

def unbound():
    print(z)
    z = 1

try:
    unbound()
except NameError:
    print("UnboundLocalError is a NameError")

def args_check(a, b):
    return a

try:
    args_check(1)
except TypeError:
    print("missing argument")
try:
    args_check(1, 2, 3)
except TypeError:
    print("too many arguments")

f = add
print(f(10, 20), f is add)
fs = [add, fact]
print(fs[1](5))

def swap(a, b):
    return b, a

x, y = swap(1, 2)
print(x, y)
