# list building and iteration: append, sum, index reads, a sort
N = 60000  # scale
lst = []
for i in range(N):
    lst.append((i * 7919) % 10007)
s = 0
for x in lst:
    s += x
t = 0
for i in range(0, N, 3):
    t += lst[i]
lst.sort()
print(s, t, lst[0], lst[-1], sum(lst))
