# dict building: str keys made per item, counted, then read back
N = 50000  # scale
d = {}
for i in range(N):
    k = "k" + str(i % 5000)
    d[k] = d.get(k, 0) + i
total = 0
for k in d:
    total += d[k]
print(len(d), total)
