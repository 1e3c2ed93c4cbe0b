# loops over ints: a while loop and a for loop summing and branching
N = 300000  # scale
total = 0
i = 0
while i < N:
    if i % 3 == 0:
        total += i
    else:
        total -= 1
    i += 1
for j in range(N):
    total ^= j
print(total)
