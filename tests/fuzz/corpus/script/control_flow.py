# if/elif/else, for over range and sequences, while, break/continue, try.
for i in range(5):
    if i == 0:
        print("zero")
    elif i % 2 == 1:
        print(i, "odd")
    else:
        print(i, "even")

total = 0
for i in range(10, 0, -3):
    total = total + i
print(total)

for x in [1, "two", 3.0]:
    print(x)
for x in (4, 5):
    print(x)
for k in {"a": 1, "b": 2}:
    print(k)
for ch in "hé!":
    print(ch)

n = 0
while n < 10:
    n = n + 1
    if n == 3:
        continue
    if n == 6:
        break
    print("n", n)
else:
    print("not reached")

for i in range(2):
    pass
else:
    print("for-else runs")

i = 0
while i < 3:
    i += 1
print(i)

try:
    print("in try")
except ValueError:
    print("not here")
else:
    print("try-else")

try:
    [][1]
except IndexError:
    print("IndexError")

try:
    undefined_name
except (KeyError, NameError):
    print("NameError in a tuple")

try:
    {}["k"]
except LookupError:
    print("KeyError is a LookupError")

try:
    1 / 0
except ZeroDivisionError:
    print("ZeroDivisionError")

try:
    try:
        [].pop()
    except KeyError:
        print("wrong handler")
except IndexError:
    print("outer handler")

x = 5
print("big" if x > 3 else "small", "yes" if not x else "no")
print(1 < 2 < 3, 1 < 3 < 2, 2 == 2.0, 1 != 1.0, "a" < "b", [1, 2] == [1, 2])
print(x and "and", 0 and "and", 0 or "or", None or 0)
print(3 in [1, 2, 3], 4 not in (1, 2), "ell" in "hello", "k" in {"k": 1})
l = [1, 2]
m = l
print(l is m, l is not m, l == [1, 2], l is [1, 2] if False else True)
