# -5..256 are shared; other ints made at run time are new objects.
x = 256
y = 256
print(x is y)
a = 255
b = a + 1
print(b is x)                  # cached small int
c = 256
d = c + 1
e = 257
print(d == e, d is e)          # 257 computed at run time: not cached
f = -5
m5 = 0 - 5
print(f is m5)
g = -6
m6 = 0 - 6
print(g == m6, g is m6)
h = 2 + 3                      # folded by the compiler, and small anyway
five = 5
print(h is five)
big = 12345
big2 = 12345
print(big is big2)             # one constant in the file
big3 = big2 * 1
print(big3 == big, big3 is big)
