# for loops through iterator objects: what the iterator holds, loops that
# mutate what they walk, else clauses, and a dict too big for a handle per key.
import sys

lst = [10, 20, 30]
for x in lst:
    print(x, sys.getrefcount(lst))
print("after", sys.getrefcount(lst))
for x in lst:
    if x == 20:
        print("break at", x, sys.getrefcount(lst))
        break
print("after break", sys.getrefcount(lst))

# a list grown inside its own loop is walked to the new end
grow = [1, 2]
for x in grow:
    if len(grow) < 5:
        grow.append(x * 10)
print(grow)
# popping while iterating skips, as CPython's index-based iterator does
shrink = [1, 2, 3, 4, 5, 6]
seen = []
for x in shrink:
    seen.append(x)
    shrink.pop(0)
print(seen, shrink)

d = {"one": 1, "two": 2, "three": 3}
for k in d:
    print(k, d[k])
try:
    for k in d:
        d["four"] = 4
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print("RuntimeError:", e)
print(d)
for ch in "añb":
    print(ch)
for byte in b"\x00\xff":
    print(byte)
for item in ():
    print("never")
else:
    print("empty loop else")
for i in range(3):
    if i == 5:
        break
else:
    print("no break else")
n = 0
while n < 3:
    n += 1
else:
    print("while else", n)
while True:
    break
else:
    print("never")
for a, b in [(1, 2), (3, 4)]:
    print(a + b)
for a, *rest in [(1, 2, 3), (4,)]:
    print(a, rest)
for i in range(10, 0, -3):
    print(i)
try:
    for x in 5:
        pass
except TypeError as e:
    print("TypeError:", e)

# streaming: a dict of 70,000 keys, more than a client may hold handles
# (the kernel's max_handles is 65,536): a loop needs one at a time
big = {}
for i in range(70000):
    big[i] = i
total = 0
for k in big:
    total += k
print(total, len([k for k in big if k % 1000 == 0]))
# list() and tuple() walk any iterable the same way
print(list("añb"), tuple(b"ok"), list({"k": 1, "j": 2}), list((1, 2)))
