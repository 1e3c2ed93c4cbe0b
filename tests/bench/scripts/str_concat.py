# string concatenation: s = s + piece in a loop (CPython appends in place)
N = 20000  # scale
s = ""
for i in range(N):
    s = s + "x"
t = ""
for i in range(N // 10):
    t += str(i)
print(len(s), len(t))
