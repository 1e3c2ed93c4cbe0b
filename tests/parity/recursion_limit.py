# gc.get_objects(generation) range checks; the recursion limit counts the
# module's frame (3.11), and sys.setrecursionlimit() moves it.
import gc
import sys

for g in [3, -1, -2, 100, 2, 0]:
    try:
        print(g, len(gc.get_objects(g)) >= 0)
    except ValueError:
        print(g, "ValueError")


def countdown(n):
    if n == 0:
        return 0
    return countdown(n - 1)


for n in [990, 996, 997, 998, 999, 1000]:
    try:
        countdown(n)
        print(n, "ok")
    except RecursionError:
        print(n, "RecursionError")
print(sys.getrecursionlimit())
sys.setrecursionlimit(200)
print(sys.getrecursionlimit())
for n in [190, 197, 198, 199]:
    try:
        countdown(n)
        print(n, "ok")
    except RecursionError:
        print(n, "RecursionError")
try:
    sys.setrecursionlimit(0)
except ValueError:
    print("ValueError")
for lim in [1, 2, 3]:
    try:
        sys.setrecursionlimit(lim)
        sys.setrecursionlimit(1000)
        print("set", lim)
    except RecursionError:
        print("too low", lim)


def lower(n, lim):
    if n:
        return lower(n - 1, lim)
    try:
        sys.setrecursionlimit(lim)
        return "set"
    except RecursionError:
        return "too low"


for lim in [5, 6, 7, 8, 50]:
    r = lower(4, lim)
    now = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    print(lim, r, now)
sys.setrecursionlimit(1000)
print(countdown(998))
