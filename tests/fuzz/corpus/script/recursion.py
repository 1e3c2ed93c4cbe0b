# Unbounded recursion stops with RecursionError (CPython's limit and pymm's
# frame depth are both 1000; the depth reached is not printed: CPython's
# module frame counts against it, pymm's does not).
import sys

def f(n):
    return f(n + 1)

try:
    f(0)
except RecursionError:
    print("RecursionError caught")

depth = 0

def g():
    global depth
    depth = depth + 1
    g()

try:
    g()
except RecursionError:
    print("deep enough:", depth > 900)

def h(n):
    if n == 0:
        return 0
    return 1 + h(n - 1)

print(h(500))                  # well inside the limit, twice
print(h(500))

def again():
    return again()

for i in range(3):
    try:
        again()
    except RecursionError:
        print("caught", i)

def count_frames(n):
    if n == 0:
        return sys.getrefcount(n) > 0
    return count_frames(n - 1)

print(count_frames(100))
